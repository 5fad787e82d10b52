"""Customer analysis rules as of a date: suggested grades, potential large customers, trend lines and RFM scores."""
from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Container, Hashable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from fractions import Fraction
from functools import cache
from itertools import accumulate
from typing import Any, NamedTuple, TypeVar

from sqlalchemy import CompoundSelect, Engine, case, func, literal, select, union, union_all
from sqlalchemy.orm import Session

from app import history, ledger
from app.context import Actor
from app.db import as_date, driver_rows
from app.messages import Message, msg
from app.reports.common import (
    fen,
    month_key,
    monthly_net_revenue,
    net_revenue_docs,
    window_months,
    window_start,
)
from app.statuses import counted
from app.tables import Column, Table, fen_to_yuan, rate
from models import BlacklistHistory, Customer, SalesOrder, SalesReturn

K = TypeVar("K", bound=Hashable)
T = TypeVar("T")

GRADE_A_BELOW = 70  # percent: A while the customers ranked before hold < 70 % of the revenue
GRADE_B_BELOW = 90  # percent: B while < 90 %, C after
POTENTIAL_MIN_ACTIVE = 3  # months with sales out of the last 6
POTENTIAL_MIN_GROWTH = Fraction(1, 2)


# --- windows ------------------------------------------------------------------------------------


def net_revenue_12m(session: Session, on: date) -> dict[int, int]:
    """{customer_id: net revenue in fen} over the last 12 calendar months as of `on` (documents dated ≤ on)."""
    docs = net_revenue_docs(window_start(on, 12), on).subquery()
    q = select(docs.c.customer_id, func.sum(docs.c.revenue)).group_by(docs.c.customer_id)
    return {cid: int(total) for cid, total in session.connection().execute(q).all()}


# --- suggested grade (信用等级建议) --------------------------------------------------------------


class GradeSuggestion(NamedTuple):
    """A customer's suggested grade and what it rests on (amounts in fen)."""

    grade: str  # A | B | C | D
    revenue_12m: int  # net revenue of the last 12 months
    rank: int | None = None  # place in the ranking (1 = most revenue); None when not ranked
    before: int = 0  # revenue of the customers ranked before it
    total: int = 0  # revenue of all ranked customers
    d_reason: Message | None = None  # why it is D

    @property
    def reason(self) -> Message:
        """Why, for the screen and the dossier (built on demand: 100k of them are not needed)."""
        if self.d_reason is not None:
            return self.d_reason
        if self.rank is None:
            return msg("analytics.no_revenue")
        return msg("analytics.ranked", revenue=fen_to_yuan(self.revenue_12m), rank=self.rank,
                   share=_percent(self.before, self.total))


def abc_classes(items: Iterable[tuple[K, str, int]]) -> tuple[dict[K, tuple[str, int, int]], int]:
    """ABC over (key, code, revenue fen) of the customers already known not to be D.

    Returns ({key: (grade, rank, revenue of the customers ranked before it)}, total) for those with
    revenue > 0 (rank from 1, by revenue descending, ties by code). Shares are compared as exact integers.
    """
    ranked = sorted((-rev, code, key) for key, code, rev in items if rev > 0)
    total = -sum(neg for neg, _code, _key in ranked)
    a_below, b_below = GRADE_A_BELOW * total, GRADE_B_BELOW * total
    out: dict[K, tuple[str, int, int]] = {}
    before = 0
    for rank, (neg, _code, key) in enumerate(ranked, start=1):
        # share before < 70 %  ⇔  before · 100 < 70 · total, in integers
        grade = "A" if before * 100 < a_below else "B" if before * 100 < b_below else "C"
        out[key] = (grade, rank, before)
        before -= neg
    return out, total


def grade_d_facts(session: Session, on: date) -> dict[int, tuple[bool, int]]:
    """{customer_id: (blacklisted, amount more than 90 days past due in fen)} of the customers graded D on `on`:
    blacklisted, or anything > 90 days past due. What `d_reason` words (a long list keeps these, not messages)."""
    facts: dict[int, tuple[bool, int]] = {}
    bl = history.as_of(BlacklistHistory, on)
    for (cid,) in session.execute(select(bl.c.customer_id).where(bl.c.blacklisted.is_(True))):
        facts[cid] = (True, 0)
    ag = ledger.aging_kept(session, on).subquery()  # the allocation kept as documents were saved, where it holds
    for cid, d90 in session.execute(select(ag.c.customer_id, ag.c.d90_plus).where(ag.c.d90_plus > 0)):
        facts[cid] = (cid in facts and facts[cid][0], int(d90))
    return facts


def d_reason(blacklisted: bool, overdue_90: int) -> Message:
    """Why a customer is graded D (see `grade_d_facts`)."""
    parts = ([_blacklisted()] if blacklisted else []) + (
        [msg("analytics.overdue_90", amount=fen_to_yuan(overdue_90))] if overdue_90 else [])
    return parts[0] if len(parts) == 1 else msg("analytics.reasons", reasons=tuple(parts))


@cache
def _blacklisted() -> Message:
    return msg("analytics.blacklisted")  # one message shared by every blacklisted customer


def grade_d_reasons(session: Session, on: date) -> dict[int, Message]:
    """{customer_id: reason} of the customers graded D on `on`: blacklisted, or anything > 90 days past due."""
    return {cid: d_reason(*fact) for cid, fact in grade_d_facts(session, on).items()}


def grade_d_reasons_soon(session: Session, on: date) -> Callable[[], dict[int, Message]]:
    """grade_d_reasons, started now beside the caller's own reading where that is safe (see `beside`): the aging it
    rests on is most of a grading's time, and SQLite runs it while this thread reads the revenue. Call the result
    for the reasons."""
    return beside(session, lambda other: grade_d_reasons(other, on))


def beside(session: Session, fn: Callable[[Session], T]) -> Callable[[], T]:
    """Run `fn(session)` on a second connection in a thread, for a read that may overlap the caller's (a SQLite file
    in WAL mode lets readers run side by side, and its library releases the GIL while a statement runs); a getter
    of the result. Only when this session has written nothing (the other connection would not see it) and the
    database is a file (an in-memory one is private to its connection); otherwise `fn` runs now, here."""
    bind = session.get_bind()
    sqlite_file = (isinstance(bind, Engine) and bind.dialect.name == "sqlite"
                   and bind.url.database not in (None, "", ":memory:"))
    if not sqlite_file or session.connection().connection.dbapi_connection.in_transaction:
        result = fn(session)
        return lambda: result

    def work() -> T:
        with Session(bind) as other:
            return fn(other)

    pool = ThreadPoolExecutor(max_workers=1)
    future = pool.submit(work)
    pool.shutdown(wait=False)  # the thread ends with its one job; the caller waits on the result when it needs it
    return future.result


def _percent(numerator: int, denominator: int) -> str:
    """A share as a percentage with 2 places, half-up (e.g. '69.99%')."""
    r = rate(numerator, denominator)
    return f"{(r or Decimal(0)) * 100:.2f}%"


def suggested_grades(
    session: Session, on: date, customers: Iterable[tuple[int, str]] | None = None,
    revenue: Mapping[int, int] | None = None, d_reasons: Callable[[], Mapping[int, Message]] | None = None,
) -> dict[int, GradeSuggestion]:
    """The suggested grade of every customer as of `on` (DOMAIN.md "Suggested grade").

    `customers` = (id, code) of every customer, when the caller has read them already; `revenue` = their
    last-12-month net revenue in fen (net_revenue_12m), likewise; `d_reasons` = grade_d_reasons_soon(…) when the
    caller started it before reading those. The ranking is over all customers with documents, whatever their
    creation date: documents dated ≤ on are what count.
    """
    later = d_reasons or grade_d_reasons_soon(session, on)
    everyone: list[tuple[int, str]] = (
        [tuple(r) for r in session.connection().execute(select(Customer.id, Customer.code))]
        if customers is None else list(customers)
    )
    if revenue is None:
        revenue = net_revenue_12m(session, on)
    d_reasons = later()
    ranked, total = abc_classes(
        (cid, code, revenue.get(cid, 0)) for cid, code in everyone if cid not in d_reasons
    )
    out: dict[int, GradeSuggestion] = {}
    for cid, _code in everyone:
        rev = revenue.get(cid, 0)
        if cid in d_reasons:
            out[cid] = GradeSuggestion("D", rev, d_reason=d_reasons[cid])
        elif cid in ranked:
            grade, rank, before = ranked[cid]
            out[cid] = GradeSuggestion(grade, rev, rank, before, total)
        else:  # most customers of a large company: one shared (immutable) suggestion, not one each
            out[cid] = _UNRANKED if rev == 0 else GradeSuggestion("C", rev)
    return out


_UNRANKED = GradeSuggestion("C", 0)


def suggested_sql(session: Session, on: date) -> CompoundSelect:
    """DOMAIN.md "Suggested grade" as one statement: (customer_id, grade) of the customers suggested A, B or D on `on`
    (a customer absent is C), ranked by the database as `abc_classes` ranks — for a caller that needs the grades of
    many customers in a statement of its own (the visit plan's reminders), not why. `suggested_grades` is the rule
    with its reasons; the tests hold the two equal."""
    bl = history.as_of(BlacklistHistory, on)
    past = ledger.past_due_over_90(session, on).subquery()
    graded_d = union(select(bl.c.customer_id).where(bl.c.blacklisted.is_(True)),
                     select(past.c.customer_id)).cte("graded_d")  # read twice, found once
    docs = net_revenue_docs(window_start(on, 12), on).subquery()
    revenue = func.sum(docs.c.revenue)
    per = (select(docs.c.customer_id, revenue.label("revenue")).group_by(docs.c.customer_id)
           .having(revenue > 0)).subquery()
    code = Customer.code.collate("C") if session.get_bind().dialect.name == "postgresql" else Customer.code
    order = (per.c.revenue.desc(), code, per.c.customer_id)  # code-point order of the code, as Python sorts
    ranked = (select(per.c.customer_id,
                     (func.sum(per.c.revenue).over(order_by=order, rows=(None, 0)) - per.c.revenue).label("before"),
                     func.sum(per.c.revenue).over().label("total"))
              .join(Customer, Customer.id == per.c.customer_id)
              .where(per.c.customer_id.not_in(select(graded_d.c.customer_id)))).subquery()
    before, total = ranked.c.before * 100, ranked.c.total
    grade = case((before < GRADE_A_BELOW * total, "A"), else_="B")
    return union_all(select(ranked.c.customer_id, grade.label("grade")).where(before < GRADE_B_BELOW * total),
                     select(graded_d.c.customer_id, literal("D").label("grade")))


def suggested_grade(session: Session, customer_id: int, on: date) -> GradeSuggestion:
    """One customer's suggested grade; the ranking needs every customer, so this costs as much as all of them."""
    return suggested_grades(session, on).get(customer_id, GradeSuggestion("C", 0))


# --- least squares --------------------------------------------------------------------------------


def least_squares(values: Sequence[int | Decimal | Fraction]) -> tuple[Fraction, Fraction]:
    """(slope, intercept) of the ordinary least-squares line through (0, v0), (1, v1), …, exactly.

    With x̄ = (n − 1)/2 and Σ(x − x̄)² = n(n² − 1)/12: slope = 6·Σ(2x − n + 1)·y / (n(n² − 1)).
    """
    n = len(values)
    if n == 0:
        return Fraction(0), Fraction(0)
    ys = [v if isinstance(v, int) else Fraction(v) for v in values]
    y_mean = Fraction(sum(ys), n)
    if n == 1:
        return Fraction(0), y_mean
    slope = Fraction(6 * sum((2 * x - n + 1) * y for x, y in enumerate(ys)), n * (n * n - 1))
    return slope, y_mean - slope * Fraction(n - 1, 2)


def round_half_up(value: Fraction) -> int:
    """Nearest integer, halves away from zero (as Decimal's ROUND_HALF_UP)."""
    sign = -1 if value < 0 else 1
    whole, rest = divmod(abs(value.numerator), value.denominator)
    return sign * (whole + (1 if 2 * rest >= value.denominator else 0))


def slope_fen(monthly_fen: Sequence[int]) -> int:
    """Least-squares slope of monthly amounts in fen, rounded half-up to the fen."""
    return round_half_up(least_squares(monthly_fen)[0])


@dataclass(frozen=True)
class Trend:
    months: list[str]  # 'YYYY-MM', oldest first
    revenue: list[Decimal]  # net revenue per month, yuan
    fitted: list[Decimal]  # the least-squares line at each month, yuan rounded half-up to the fen
    slope: Decimal  # yuan per month, rounded half-up to the fen


def trend(months: Sequence[str], monthly_fen: Sequence[int]) -> Trend:
    slope, intercept = least_squares(monthly_fen)
    return Trend(
        months=list(months),
        revenue=[fen_to_yuan(v) for v in monthly_fen],
        fitted=[fen_to_yuan(round_half_up(intercept + slope * x)) for x in range(len(monthly_fen))],
        slope=fen_to_yuan(round_half_up(slope)),
    )


def monthly_revenue(session: Session, customer_id: int, on: date, months: int = 12) -> list[int]:
    """One customer's net revenue in fen for each of the `months` months ending with on's month (dated ≤ on)."""
    window = window_months(on, months)
    docs = net_revenue_docs(window_start(on, months), on).subquery()
    m = month_key(session, docs.c.date)
    q = (
        select(m.label("month"), func.sum(docs.c.revenue))
        .where(docs.c.customer_id == customer_id)
        .group_by(m)
    )
    by_month = {month: int(total) for month, total in session.execute(q)}
    return [by_month.get(month, 0) for month in window]


def revenue_trend(session: Session, customer_id: int, on: date, months: int = 12) -> Trend:
    """The trend chart's data: a customer's monthly net revenues and the least-squares line through them."""
    return trend(window_months(on, months), monthly_revenue(session, customer_id, on, months))


# --- potential large customers (潜在大客户) ----------------------------------------------------------


@dataclass(frozen=True)
class PotentialCustomer:
    customer_id: int
    code: str
    last6: int  # fen
    prior6: int  # fen
    growth: Decimal | None  # (last6 − prior6) ÷ prior6, 4 places; None for a new customer
    active_months: int  # months of the last 6 with net revenue > 0
    slope: int  # least-squares slope of the 12 monthly revenues, fen per month
    reason: Message


def grew(last6: int, prior6: int) -> bool:
    """Growth (last 6 − prior 6) ÷ prior 6 ≥ 0.5, or prior 6 = 0 with last 6 > 0 ("new"), in integers."""
    if prior6 == 0:
        return last6 > 0
    lhs = (last6 - prior6) * POTENTIAL_MIN_GROWTH.denominator
    rhs = POTENTIAL_MIN_GROWTH.numerator * prior6
    # a negative prior 6 (more returns than orders) flips the inequality: by the rule's letter only a
    # deeper fall would pass, so such a customer is in effect never flagged
    return lhs >= rhs if prior6 > 0 else lhs <= rhs


def potential_reason(last6: int, prior6: int, active_months: int) -> Message:
    months = msg("analytics.active_months", months=active_months)
    if prior6 == 0:
        return msg("analytics.potential_new", amount=fen_to_yuan(last6), active=months)
    return msg("analytics.potential_growth", growth=_percent(last6 - prior6, prior6), active=months)


def potential_customers(
    session: Session, on: date, grades: Mapping[int, GradeSuggestion] | None = None,
    monthly: Mapping[int, Mapping[str, int]] | None = None, customers: Sequence[tuple[int, str]] | None = None,
    only: Container[int] | None = None,
) -> list[PotentialCustomer]:
    """The flagged customers as of `on` (DOMAIN.md "Potential large customers"), in rank order.

    Rank: largest (last 6 − prior 6) first, ties by code. A caller that has them already may pass the suggested
    `grades`, the `monthly` net revenues of the last 12 months (monthly_net_revenue) and the (id, code) of every
    customer; `only` keeps the customers with these ids (what a salesperson may see).
    """
    later = grade_d_reasons_soon(session, on) if grades is None else None
    if customers is None:
        customers = session.connection().execute(select(Customer.id, Customer.code)).all()
    if monthly is None:
        monthly = monthly_net_revenue(session, on, 12)
    if grades is None:
        grades = suggested_grades(session, on, customers, {cid: sum(m.values()) for cid, m in monthly.items()}, later)
    window = window_months(on, 12)
    candidates: list[tuple[int, int, int, int, list[int]]] = []
    for cid, by_month in monthly.items():
        if len(by_month) < POTENTIAL_MIN_ACTIVE:  # cheap first cut: fewer months with any document
            continue
        if only is not None and cid not in only:
            continue
        series = [by_month.get(m, 0) for m in window]
        active = sum(1 for v in series[6:] if v > 0)
        if active < POTENTIAL_MIN_ACTIVE:
            continue
        prior6, last6 = sum(series[:6]), sum(series[6:])
        if not grew(last6, prior6):
            continue
        g = grades.get(cid)
        if g is None or g.grade not in ("A", "D"):
            candidates.append((cid, last6, prior6, active, series))
    if not candidates:
        return []
    # all codes rather than an IN list: candidates can outnumber SQLite's bound-parameter limit
    codes = dict(customers)
    out = [
        PotentialCustomer(
            customer_id=cid, code=codes[cid], last6=last6, prior6=prior6,
            growth=None if prior6 == 0 else rate(last6 - prior6, prior6), active_months=active,
            slope=slope_fen(series), reason=potential_reason(last6, prior6, active),
        )
        for cid, last6, prior6, active, series in candidates
    ]
    out.sort(key=lambda p: (-(p.last6 - p.prior6), p.code))
    return out


# --- RFM -----------------------------------------------------------------------------------------


def score(worse_count: int, n: int) -> int:
    """1 + ⌊5 i / n⌋ for i customers strictly worse out of n."""
    return 1 + (5 * worse_count) // n


def rfm_scores(measures: Mapping[K, tuple[int, int, int]]) -> dict[K, tuple[int, int, int]]:
    """{key: (r, f, m)} from {key: (recency days, frequency, monetary)}; ties share a score.

    Worse means an older last order (more days), fewer orders, less money. Each distinct value is
    scored once by bisecting the sorted values, so ties cost nothing extra.
    """
    n = len(measures)
    recency = sorted(v[0] for v in measures.values())
    frequency = sorted(v[1] for v in measures.values())
    monetary = sorted(v[2] for v in measures.values())
    r_score = {v: score(n - bisect_right(recency, v), n) for v in set(recency)}
    f_score = {v: score(bisect_left(frequency, v), n) for v in set(frequency)}
    m_score = {v: score(bisect_left(monetary, v), n) for v in set(monetary)}
    return {key: (r_score[r], f_score[f], m_score[m]) for key, (r, f, m) in measures.items()}


class Rfm(NamedTuple):
    customer_id: int
    code: str
    last_order: date
    recency_days: int
    frequency: int
    monetary: int  # net revenue in the window, fen
    r: int
    f: int
    m: int
    name: str = ""  # the customer's name (for the lists that show it)


def rfm(session: Session, on: date) -> list[Rfm]:
    """RFM as of `on` over the customers with a confirmed order in the last 12 months (DOMAIN.md "RFM")."""
    return [Rfm(*row) for row in rfm_rows(session, on)]


def rfm_rows(session: Session, on: date) -> list[tuple[int, str, date, int, int, int, int, int, int, str]]:
    """`rfm` as plain tuples in Rfm's order (customer_id, code, last_order, recency_days, frequency, monetary, r, f,
    m, name): for the lists of 100,000 customers that keep columns, not one object per customer."""
    start = window_start(on, 12)
    orders = (
        select(
            SalesOrder.customer_id, func.max(SalesOrder.date).label("last"), func.count().label("n"),
            func.sum(fen(SalesOrder.total)).label("amount"),
        )
        .where(counted(SalesOrder), SalesOrder.date >= start, SalesOrder.date <= on)
        .group_by(SalesOrder.customer_id)
        .subquery()
    )
    returns = (
        select(SalesReturn.customer_id, func.sum(fen(SalesReturn.total)).label("amount"))
        .where(counted(SalesReturn), SalesReturn.date >= start, SalesReturn.date <= on)
        .group_by(SalesReturn.customer_id)
        .subquery()
    )
    q = (
        select(
            orders.c.customer_id, Customer.code, orders.c.last, orders.c.n,
            orders.c.amount - func.coalesce(returns.c.amount, 0), Customer.name,
        )
        .join_from(orders, Customer, Customer.id == orders.c.customer_id)
        .outerjoin(returns, returns.c.customer_id == orders.c.customer_id)
    )
    # the driver's own tuples: no result layer at 100k rows (a date aggregate is ISO text on SQLite: as_date)
    base = [
        (cid, code, last, (on - last).days, int(n), int(money), name)
        for cid, code, last_raw, n, money, name in driver_rows(session, q)
        for last in (as_date(last_raw),)
    ]
    if not base:
        return []
    scores = rfm_scores({b[0]: (b[3], b[4], b[5]) for b in base})
    return [(*b[:6], *scores[b[0]], b[6]) for b in base]


# --- RFM segments ------------------------------------------------------------------------------------------------

RFM_HIGH = 3  # a score of 3 or more (the better 60 % of the customers) counts as high
# the eight segments of the usual RFM model, most valuable first (titles: catalogue [rfm_segment])
RFM_SEGMENTS = ("important_value", "important_develop", "important_keep", "important_retain",
                "general_value", "general_develop", "general_keep", "general_retain")


def rfm_segment(r: int, f: int, m: int) -> str:
    """The segment of a customer's scores: important/general by M; value (R and F high), develop (R high, F low),
    keep (R low, F high) or retain (both low)."""
    tier = "important" if m >= RFM_HIGH else "general"
    if r >= RFM_HIGH:
        return f"{tier}_{'value' if f >= RFM_HIGH else 'develop'}"
    return f"{tier}_{'keep' if f >= RFM_HIGH else 'retain'}"


def rfm_segment_title(key: str) -> Message:
    return msg(f"rfm_segment.{key}")


def customer_names(session: Session, seen: Any = None) -> dict[int, str]:
    """{customer_id: name} of every customer, or of those a condition on Customer selects."""
    q = select(Customer.id, Customer.name)
    if seen is not None:
        q = q.where(seen)
    return dict(session.connection().execute(q).all())


# --- the 分析 tab: each view's figures as an actor may see them -------------------------------------------------
# A salesperson sees their own customers and the shared pool (app.customer_list.visible_to) and, without cost.view,
# revenue only: the filtering happens here and in the reports, not in the interface.

COST_KEYS = ("cost", "gross_profit", "margin")


def _seen(actor: Actor) -> Any:
    from app.customer_list import visible_to

    return visible_to(actor)


def sees_cost(actor: Actor) -> bool:
    from app.auth import can

    return can(actor, "cost.view")


def without_cost(table: Table) -> Table:
    """The table without cost, gross profit and margin (for a role without cost.view)."""
    from app.reports.margin import CustomerRows

    rows = table.rows
    return replace(
        table, columns=[c for c in table.columns if c.key not in COST_KEYS],
        rows=rows.without_cost() if isinstance(rows, CustomerRows)
        else [{k: v for k, v in r.items() if k not in COST_KEYS} for r in rows],
        totals={k: v for k, v in table.totals.items() if k not in COST_KEYS},
    )


def report_for(session: Session, actor: Actor, name: str, **params: Any) -> Table:
    """A report (app.reports) as `actor` may see it: only the customers they may see; activity only their own
    row (the company totals stay the company's); margin without cost for a role without cost.view."""
    from app import reports
    from app.auth import can

    if name == "activity":
        table = reports.build(session, name, **params)
        if not can(actor, "customers.view_all"):
            table = replace(table, rows=[r for r in table.rows if r["salesperson_id"] == actor.salesperson_id])
        return table
    extra = {"detail": True} if name in ("dormant", "rfm") else {}  # rows with the customer's id and name
    table = reports.build(session, name, seen=_seen(actor), **extra, **params)
    if name == "margin" and not sees_cost(actor):
        table = without_cost(table)
    return table


def compact_report(session: Session, actor: Actor, name: str, **params: Any) -> Table:
    """report_for's table of a long customer list ("abc", "rfm" with its detail) with the rows kept as columns
    (app.analytics.Rows over Columns; a row is made when read): what the 分析 tab holds while it shows them."""
    from app.reports import abc
    from app.reports import rfm as rfm_report

    module = {"abc": abc, "rfm": rfm_report}[name]
    return module.compact(session, seen=_seen(actor), **params)


@dataclass(frozen=True)
class AssignedCustomer:
    """A customer counted as assigned to a salesperson in a month (DOMAIN.md "Activity rate")."""

    customer_id: int
    code: str
    name: str
    status: str  # on the month's last day
    active: bool  # bought in the month
    orders: int  # confirmed orders dated in the month
    last_order: date | None  # the last confirmed order dated on or before the month's last day


def activity_customers(session: Session, actor: Actor, salesperson_id: int, month: str) -> list[AssignedCustomer]:
    """The customers behind one cell of the activity report: those assigned to the salesperson at the end of
    `month` ('YYYY-MM'), each with whether it bought in the month; inactive ones first, then by code."""
    from app.auth import can
    from app.errors import PermissionDenied
    from app.reports.activity import ASSIGNABLE_STATUSES, _month_range
    from app.reports.common import month_end
    from models import OwnerHistory, StatusHistory

    _month_range(month, month)
    if not can(actor, "customers.view_all") and salesperson_id != actor.salesperson_id:
        raise PermissionDenied("analysis.not_your_customers")
    day = month_end(month)
    owner, status = history.as_of(OwnerHistory, day), history.as_of(StatusHistory, day)
    q = (
        select(Customer.id, Customer.code, Customer.name, status.c.status)
        .join(owner, owner.c.customer_id == Customer.id)
        .join(status, status.c.customer_id == Customer.id)
        .where(owner.c.salesperson_id == salesperson_id, status.c.status.in_(ASSIGNABLE_STATUSES),
               Customer.created <= day)
    )
    assigned = session.execute(q).all()
    ids = [cid for cid, *_rest in assigned]
    first = date.fromisoformat(f"{month}-01")
    in_month: dict[int, int] = {}
    last: dict[int, date] = {}
    for i in range(0, len(ids), 900):
        chunk = ids[i:i + 900]
        counts = select(SalesOrder.customer_id, func.count()).where(
            SalesOrder.customer_id.in_(chunk), counted(SalesOrder), SalesOrder.date >= first, SalesOrder.date <= day,
        ).group_by(SalesOrder.customer_id)
        in_month.update({cid: int(n) for cid, n in session.execute(counts)})
        latest = select(SalesOrder.customer_id, func.max(SalesOrder.date)).where(
            SalesOrder.customer_id.in_(chunk), counted(SalesOrder), SalesOrder.date <= day,
        ).group_by(SalesOrder.customer_id)
        last.update({cid: as_date(d) for cid, d in session.execute(latest)})
    from models.customers import STATUSES

    out = [AssignedCustomer(cid, code, name, STATUSES.get(st, st), cid in in_month, in_month.get(cid, 0), last.get(cid))
           for cid, code, name, st in assigned]
    out.sort(key=lambda c: (c.active, c.code))
    return out


def margin_documents(session: Session, actor: Actor, start: date, end: date, group_by: str, group: Any
                     ) -> list[dict[str, Any]]:
    """The documents behind one row of the margin report as the actor may see it (app.reports.margin.documents),
    without cost for a role without cost.view."""
    from app.reports import margin

    docs = margin.documents(session, start=start, end=end, group_by=group_by, group=group, seen=_seen(actor))
    if not sees_cost(actor):
        docs = [{k: v for k, v in d.items() if k != "cost"} for d in docs]
    return docs


@dataclass(frozen=True, slots=True)
class ScatterPoint:
    """A customer on the potential-customer scatter."""

    customer_id: int
    code: str
    name: str
    revenue_12m: Decimal  # net revenue of the last 12 months, yuan (> 0)
    growth: Decimal  # (last 6 − prior 6) ÷ prior 6, 4 places
    gross_profit_12m: Decimal | None  # None for a role without cost.view
    flagged: bool  # on the potential list


class ColumnRows(Sequence[T]):
    """Rows kept as a Columns, each made when read by `row(i)`: a sequence (indexing, slicing, iterating) of what
    the subclass makes of row i."""

    def __init__(self, columns: Columns) -> None:
        self.columns = columns

    def __len__(self) -> int:
        return len(self.columns)

    def row(self, i: int) -> T:
        raise NotImplementedError

    def __getitem__(self, i: int | slice) -> Any:  # noqa: ANN401 - a row or a list of rows
        if isinstance(i, slice):
            return [self.row(n) for n in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        return self.row(i)

    def __iter__(self) -> Iterator[T]:
        return (self.row(i) for i in range(len(self)))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({list(self)!r})"


class ScatterPoints(ColumnRows[ScatterPoint]):
    """Scatter points kept as columns (Columns: ~100 bytes a point instead of ~450, 30,000 at 100,000 customers),
    each made as a ScatterPoint when read."""

    KINDS: dict[str, ColumnKind] = {"customer_id": "int", "code": "text", "name": "text", "revenue_12m": "money",
                                    "growth": "rate", "gross_profit_12m": "money", "flagged": "choice"}

    @classmethod
    def of(cls, points: Iterable[ScatterPoint]) -> ScatterPoints:
        points = list(points)
        return cls(Columns(cls.KINDS, {key: [getattr(p, key) for p in points] for key in cls.KINDS}))

    def row(self, i: int) -> ScatterPoint:
        return ScatterPoint(*(self.columns.value(key, i) for key in self.KINDS))


@dataclass(frozen=True)
class PotentialView:
    on: date
    table: Table  # the potential report as the actor may see it (rows also carry customer_id, customer_name)
    points: Sequence[ScatterPoint]  # visible customers with 12-month revenue > 0 and prior 6 > 0 (ScatterPoints)
    a_line: Decimal | None  # 12-month revenue of the smallest A customer: right of it the customers are large
    growth_line: Decimal  # the rule's growth threshold (0.5)
    unplotted: int  # visible customers with 12-month revenue > 0 whose growth is undefined (prior 6 ≤ 0)


def potential_view(session: Session, actor: Actor, on: date) -> PotentialView:
    """The 潜在大客户 view: the flagged list (DOMAIN.md) and every visible customer's revenue and growth for the
    scatter; grades, months and costs read once."""
    from app.reports import potential as potential_report

    later = grade_d_reasons_soon(session, on)
    seen = _seen(actor)
    customers = driver_rows(session, select(Customer.id, Customer.code))
    window = window_months(on, 12)
    revenue, prior6_of, cost_of, candidates = _potential_figures(session, on, set(window[:6]))
    grades = suggested_grades(session, on, customers, revenue, later)
    visible = None if seen is None else set(session.scalars(select(Customer.id).where(seen)))
    names = _names_of(session, revenue)  # the list and the scatter name customers with documents only
    flagged = potential_customers(session, on, grades, candidates, customers, visible)
    table = potential_report.table(on, flagged, names)
    codes = dict(customers)
    on_list = {p.customer_id for p in flagged}
    with_cost = sees_cost(actor)
    # the points as columns (ScatterPoints.KINDS' order), money in fen: no Decimal or object per point
    points: tuple[list[Any], ...] = ([], [], [], [], [], [], [])
    ids, point_codes, point_names, revenue_12m, growth, profit, on_it = points
    unplotted = 0
    for cid, total in revenue.items():
        if (visible is not None and cid not in visible) or total <= 0:
            continue
        prior6 = prior6_of.get(cid, 0)
        if prior6 <= 0:
            unplotted += 1
            continue
        last6 = total - prior6
        ids.append(cid)
        point_codes.append(codes[cid])
        point_names.append(names.get(cid, ""))
        revenue_12m.append(total)
        growth.append(rate(last6 - prior6, prior6) or Decimal(0))
        profit.append(total - cost_of[cid] if with_cost else None)
        on_it.append(cid in on_list)
    a_revenues = [g.revenue_12m for g in grades.values() if g.grade == "A"]
    columns = Columns(ScatterPoints.KINDS, dict(zip(ScatterPoints.KINDS, points, strict=True)))
    return PotentialView(on, table, ScatterPoints(columns),
                         fen_to_yuan(min(a_revenues)) if a_revenues else None,
                         Decimal(POTENTIAL_MIN_GROWTH.numerator) / POTENTIAL_MIN_GROWTH.denominator, unplotted)


def _names_of(session: Session, ids: Container[int]) -> dict[int, str]:
    """{customer_id: name} of these customers, read from every customer's row one at a time."""
    result = session.connection().execute(select(Customer.id, Customer.name))
    try:
        return {cid: name for cid, name in result.cursor if cid in ids}
    finally:
        result.close()


def _potential_figures(session: Session, on: date, prior_months: Container[str]
                       ) -> tuple[dict[int, int], dict[int, int], dict[int, int], dict[int, dict[str, int]]]:
    """({customer: 12-month net revenue}, {customer: net revenue of the prior 6 months}, {customer: 12-month net
    cost}, {customer: {month: net revenue}} of the customers with documents in 3 months or more — the first cut of
    the potential rule — in fen), from one grouped scan of the last 12 months (dated ≤ on) read row by row, customer
    after customer: no month dictionary is made for the customers the rule passes over (most of 100,000)."""
    docs = net_revenue_docs(window_start(on, 12), on).subquery()
    m = month_key(session, docs.c.date)
    q = (select(docs.c.customer_id, m, func.sum(docs.c.revenue), func.sum(docs.c.cost))
         .group_by(docs.c.customer_id, m).order_by(docs.c.customer_id, m))
    revenue: dict[int, int] = {}
    prior6: dict[int, int] = {}
    cost: dict[int, int] = {}
    candidates: dict[int, dict[str, int]] = {}
    month_of: dict[str, str] = {}  # one str per month, not one per row

    def fold(cid: int, months: list[tuple[str, int, int]]) -> None:
        revenue[cid] = sum(rev for _m, rev, _c in months)
        cost[cid] = sum(c for _m, _rev, c in months)
        before = sum(rev for month, rev, _c in months if month in prior_months)
        if before:
            prior6[cid] = before
        if len(months) >= POTENTIAL_MIN_ACTIVE:
            candidates[cid] = {month_of.setdefault(month, month): rev for month, rev, _c in months}

    result = session.connection().execute(q)
    try:
        current: int | None = None
        months: list[tuple[str, int, int]] = []
        for cid, month, rev, c in result.cursor:  # the driver's rows, one at a time
            if cid != current:
                if current is not None:
                    fold(current, months)
                current, months = cid, []
            months.append((month, int(rev), int(c)))
        if current is not None:
            fold(current, months)
    finally:
        result.close()
    return revenue, prior6, cost, candidates


@dataclass(frozen=True)
class CustomerTrend:
    """The trend chart's data for one customer: the last 12 months, the least-squares line through them, and the
    12 months before (the previous year, month by month)."""

    customer_id: int
    code: str
    name: str
    on: date
    trend: Trend  # the last 12 months M−11 … M
    previous: list[Decimal]  # months M−23 … M−12, yuan
    previous_months: list[str]


def check_visible(session: Session, actor: Actor, customer_id: int) -> Customer:
    """The customer, if the actor may see it."""
    from app.errors import NotFound, PermissionDenied

    c = session.get(Customer, customer_id)
    if c is None:
        raise NotFound("customer.not_found")
    seen = _seen(actor)
    if seen is not None and session.scalar(select(Customer.id).where(Customer.id == customer_id, seen)) is None:
        raise PermissionDenied("customer.not_yours_view")
    return c


def customer_trend(session: Session, actor: Actor, customer_id: int, on: date) -> CustomerTrend:
    """24 monthly net revenues of one customer as of `on`: the last 12 with their least-squares line (the slope of
    the potential report) and the 12 before them."""
    c = check_visible(session, actor, customer_id)
    monthly = monthly_revenue(session, customer_id, on, 24)
    months = window_months(on, 24)
    return CustomerTrend(c.id, c.code, c.name, on, trend(months[12:], monthly[12:]),
                         [fen_to_yuan(v) for v in monthly[:12]], months[:12])


def customer_preferences(session: Session, actor: Actor, customer_id: int, start: date, end: date
                         ) -> tuple[Table, Table]:
    """客户偏好: what one customer bought from start to end (orders less returns, by their lines), by product category
    and by product, most first, each with its share of the customer's net revenue in the period."""
    from app.reports.margin import day_of, line_selects
    from models import CodeEntry, Product

    start, end = day_of(start), day_of(end)
    if start > end:
        from app.errors import ValidationError

        raise ValidationError("report.period_order", start=start, end=end)
    c = check_visible(session, actor, customer_id)
    lines = union_all(*line_selects(session, start, end, Customer.id == customer_id, with_ids=True,
                                     with_product=True)).subquery("lines")
    q = (
        select(lines.c.product_id, Product.code, Product.name, Product.unit, CodeEntry.name,
               func.sum(lines.c.revenue), func.sum(lines.c.qty), func.count(lines.c.id.distinct()))
        .join(Product, Product.id == lines.c.product_id)
        .outerjoin(CodeEntry, CodeEntry.id == Product.category_id)
        .group_by(lines.c.product_id, Product.code, Product.name, Product.unit, CodeEntry.name)
    )
    products = [(code, name, unit, category, int(revenue), qty, int(n))
                for _pid, code, name, unit, category, revenue, qty, n in session.execute(q)]
    total = sum(p[4] for p in products)
    uncategorized = str(msg("dossier.uncategorized"))
    by_category: dict[str, list[int]] = {}
    for _code, _name, _unit, category, revenue, _qty, n in products:
        entry = by_category.setdefault(category or uncategorized, [0, 0])
        entry[0] += revenue
        entry[1] += n
    params = {"customer": f"{c.code} {c.name}", "start": start, "end": end}
    category_rows = [{"category": k, "revenue": fen_to_yuan(v), "share": rate(v, total), "lines": n}
                     for k, (v, n) in sorted(by_category.items(), key=lambda kv: (-kv[1][0], kv[0]))]
    product_rows = [{"product_code": code, "product_name": name, "category": category or uncategorized, "unit": unit,
                     "qty": _qty_of(qty), "revenue": fen_to_yuan(revenue), "share": rate(revenue, total), "lines": n}
                    for code, name, unit, category, revenue, qty, n in sorted(products, key=lambda p: (-p[4], p[0]))]
    totals = {"revenue": fen_to_yuan(total), "share": rate(total, total)}
    categories = Table(report="preference_categories", title="客户偏好（按商品类别）", params=params,
                       columns=[Column("category", "商品类别"), Column("revenue", "净销售额", "money"),
                                Column("share", "占比", "rate"), Column("lines", "单据行数", "int")],
                       rows=category_rows, totals=totals, sort_rows=False)
    by_product = Table(report="preference_products", title="客户偏好（按商品）", params=params,
                       columns=[Column("product_code", "商品编码"), Column("product_name", "商品名称"),
                                Column("category", "商品类别"), Column("qty", "数量", "qty"), Column("unit", "单位"),
                                Column("revenue", "净销售额", "money"), Column("share", "占比", "rate"),
                                Column("lines", "单据行数", "int")],
                       rows=product_rows, totals=totals, sort_rows=False)
    return categories, by_product


def _qty_of(thousandths: Any) -> Decimal:
    """A summed quantity (integer thousandths in the database) as a Decimal with 3 places."""
    return Decimal(int(thousandths or 0)).scaleb(-3)


def company_trend(session: Session, actor: Actor, on: date) -> Table:
    """公司趋势: revenue and gross profit of every month of on's year against the same month a year before (documents
    dated ≤ on; the months after on's month are empty). Totals: January up to on's month, both years."""
    year = on.year
    table = report_for(session, actor, "margin", start=date(year - 1, 1, 1), end=on, group_by="month")
    by_month = {r["month"]: r for r in table.rows}
    with_cost = sees_cost(actor)
    last_month = on.month
    rows = []
    sums = dict.fromkeys(("revenue", "revenue_last", "gross_profit", "gross_profit_last"), Decimal("0.00"))
    for m in range(1, 13):
        now, before = by_month.get(f"{year}-{m:02d}"), by_month.get(f"{year - 1}-{m:02d}")
        zero = Decimal("0.00")
        row: dict[str, Any] = {"month": f"{year}-{m:02d}", "month_last": f"{year - 1}-{m:02d}"}
        row["revenue"] = (now["revenue"] if now else zero) if m <= last_month else None
        row["revenue_last"] = before["revenue"] if before else zero
        row["growth"] = None if row["revenue"] is None else rate(row["revenue"] - row["revenue_last"],
                                                                 row["revenue_last"])
        if with_cost:
            row["gross_profit"] = (now["gross_profit"] if now else zero) if m <= last_month else None
            row["gross_profit_last"] = before["gross_profit"] if before else zero
            row["margin"] = None if now is None or m > last_month else now["margin"]
        if m <= last_month:
            for key in sums:
                if key in row:
                    sums[key] += row[key]
        rows.append(row)
    totals: dict[str, Any] = {"revenue": sums["revenue"], "revenue_last": sums["revenue_last"],
                              "growth": rate(sums["revenue"] - sums["revenue_last"], sums["revenue_last"])}
    columns = [Column("month", "月份", "month"), Column("revenue", "本年销售额", "money"),
               Column("revenue_last", "上年同月销售额", "money"), Column("growth", "同比增长", "rate")]
    if with_cost:
        totals.update(gross_profit=sums["gross_profit"], gross_profit_last=sums["gross_profit_last"],
                      margin=rate(sums["gross_profit"], sums["revenue"]))
        columns += [Column("gross_profit", "本年毛利", "money"), Column("gross_profit_last", "上年同月毛利", "money"),
                    Column("margin", "本年毛利率", "rate")]
    return Table(report="company", title="公司销售趋势（本年与上年）", params={"as_of": on}, columns=columns, rows=rows,
                 totals=totals, notes=[str(msg("analysis.company_rule", month=last_month))], sort_rows=False)


# --- long results held compactly ---------------------------------------------------------------------------------
# A view of 100,000 customers keeps its result while it is shown (it is computed in Python: grades, RFM scores).
# As a dict of Decimals and strings per row that is ~1 KB a row; as columns — arrays of integers (money in fen,
# rates in ten-thousandths, dates as day numbers), text packed as UTF-8, repeated values as an index into their
# few choices — it is ~50–100 bytes. Rows are made as the reports give them only when read.

NONE = -(1 << 63)  # None in an integer column
_NEGATIVE_ZERO = NONE + 1  # a rate of −0.0000 (app.tables.rate of a small loss), kept as it shows
_NONE_TEXT = b"\xff"  # None in a Texts: never a byte of UTF-8 text
ColumnKind = str  # "int" | "money" | "rate" | "date" | "text" | "choice"


class Texts(Sequence[str | None]):
    """Strings packed into one UTF-8 buffer with the end of each in an array of 4-byte offsets: 100,000 customer
    names take ~3.5 MB instead of ~10 MB of str objects, their codes ~1.2 MB instead of ~6 MB."""

    __slots__ = ("_data", "_ends")

    def __init__(self, values: Iterable[str | None] = ()) -> None:
        encoded = [_NONE_TEXT if v is None else v.encode() for v in values]
        self._data = b"".join(encoded)
        self._ends = array("I", accumulate(map(len, encoded)))

    def __len__(self) -> int:
        return len(self._ends)

    def __getitem__(self, i: int) -> str | None:  # type: ignore[override] - one item only
        ends = self._ends
        end = ends[i]
        if i < 0:
            i += len(ends)
        raw = self._data[ends[i - 1] if i else 0:end]
        return None if raw == _NONE_TEXT else raw.decode()

    def nbytes(self) -> int:
        return len(self._data) + self._ends.itemsize * len(self._ends)


def _fen(value: Any) -> int:
    """Money as integer fen: fen as they are, yuan (a Decimal of at most 2 places) times 100, exactly."""
    if isinstance(value, int):
        return value
    scaled = Decimal(value).scaleb(2)
    whole = int(scaled)
    if whole != scaled:
        raise ValueError(f"{value} is not a whole number of fen")
    return whole


def _ten_thousandths(value: Any) -> int:
    scaled = Decimal(value).scaleb(4)
    whole = int(scaled)
    if whole != scaled:
        raise ValueError(f"{value} has more than 4 places")
    return _NEGATIVE_ZERO if whole == 0 and scaled.is_signed() else whole


def _rate(stored: int) -> Decimal:
    return Decimal("-0.0000") if stored == _NEGATIVE_ZERO else Decimal(stored).scaleb(-4)


_ENCODE: dict[str, Callable[[Any], int]] = {
    "int": int, "money": _fen, "rate": _ten_thousandths, "date": lambda d: d.toordinal(),
}
_DECODE: dict[str, Callable[[int], Any]] = {
    "int": lambda v: v, "money": fen_to_yuan, "rate": _rate, "date": date.fromordinal,
}


def _integers(kind: ColumnKind, values: Sequence[Any]) -> array:
    if kind in ("int", "money"):
        try:
            return array("q", values)  # ints already (fen for money): no call per value
        except TypeError:
            pass  # None or Decimal among them
    encode = _ENCODE[kind]
    none = 0 if kind == "date" else NONE
    return array("q", [none if v is None else encode(v) for v in values])


class Columns:
    """Equal-length columns by key, each of a kind: "int", "money" (given as fen or Decimal yuan, read as Decimal
    yuan), "rate" (a Decimal of 4 places), "date", "text" (Texts) or "choice" (one of a few values, any hashable,
    None included). None is kept in every kind. `row(i)` is row i as a dict of the values given."""

    def __init__(self, kinds: Mapping[str, ColumnKind], data: Mapping[str, Sequence[Any]]) -> None:
        self.kinds = dict(kinds)
        lengths = {len(data[k]) for k in kinds}
        if len(lengths) > 1:
            raise ValueError(f"columns of different lengths: {lengths}")
        self._n = lengths.pop() if lengths else 0
        self._data: dict[str, Any] = {}
        self._choices: dict[str, tuple[Any, ...]] = {}
        for key, kind in self.kinds.items():
            values = data[key]
            if kind == "text":
                self._data[key] = values if isinstance(values, Texts) else Texts(values)
            elif kind == "choice":
                index: dict[Any, int] = {}
                codes = array("H", [index.setdefault(v, len(index)) for v in values])
                if len(index) > 0xFFFF:
                    raise ValueError(f"{key}: more than 65,535 choices")
                self._data[key], self._choices[key] = codes, tuple(index)
            else:
                self._data[key] = _integers(kind, values)

    @classmethod
    def from_rows(cls, rows: Iterable[Mapping[str, Any]], kinds: Mapping[str, ColumnKind]) -> Columns:
        """The columns of dict rows (a report's); a key a row lacks is None."""
        rows = rows if isinstance(rows, Sequence) else list(rows)
        return cls(kinds, {key: [r.get(key) for r in rows] for key in kinds})

    def __len__(self) -> int:
        return self._n

    def value(self, key: str, i: int) -> Any:  # noqa: ANN401 - a value of the column's kind
        kind, stored = self.kinds[key], self._data[key]
        if kind == "text":
            return stored[i]
        if kind == "choice":
            return self._choices[key][stored[i]]
        raw = stored[i]
        return None if raw == (0 if kind == "date" else NONE) else _DECODE[kind](raw)

    def stored(self, key: str, i: int) -> Any:  # noqa: ANN401 - an int, a str or a choice
        """Row i's value as kept: fen for money, ten-thousandths for a rate, a day number for a date (None for an
        empty cell); text and choices as their values."""
        return self.sort_value(key)(i)

    def row(self, i: int, keys: Iterable[str] | None = None) -> dict[str, Any]:
        return {key: self.value(key, i) for key in (self.kinds if keys is None else keys)}

    def values(self, key: str, rows: Iterable[int]) -> Iterator[Any]:
        """`value(key, i)` of each of these rows, in order, the column looked up once (a chart reading 30,000)."""
        kind, stored = self.kinds[key], self._data[key]
        if kind == "text":
            return (stored[i] for i in rows)
        if kind == "choice":
            choices = self._choices[key]
            return (choices[stored[i]] for i in rows)
        decode, none = _DECODE[kind], 0 if kind == "date" else NONE
        return (None if stored[i] == none else decode(stored[i]) for i in rows)

    def sort_value(self, key: str) -> Callable[[int], Any]:
        """Row i's value of a column in a form that sorts as the value does (fen, day numbers, the text…); None
        for an empty cell."""
        kind, stored = self.kinds[key], self._data[key]
        if kind == "text":
            return stored.__getitem__
        if kind == "choice":
            choices = self._choices[key]
            return lambda i: choices[stored[i]]
        if kind == "rate":
            return lambda i: None if stored[i] == NONE else 0 if stored[i] == _NEGATIVE_ZERO else stored[i]
        none = 0 if kind == "date" else NONE
        return lambda i: None if stored[i] == none else stored[i]

    def choices(self, key: str) -> tuple[Any, ...]:
        return self._choices[key]

    def counts(self, key: str) -> dict[Any, int]:
        """{value: rows with it} of a choice column."""
        choices = self._choices[key]
        return {choices[code]: n for code, n in Counter(self._data[key]).items()}

    def relabel(self, key: str, labels: Mapping[Any, Any]) -> None:
        """Replace some choices of a column by other values (e.g. None by the words the list shows for it)."""
        self._choices[key] = tuple(labels.get(v, v) for v in self._choices[key])

    def positions(self, key: str, wanted: Callable[[Any], bool]) -> list[int]:
        """The rows whose value of a choice column is wanted, in order (a filter, without making rows)."""
        choices, stored = self._choices[key], self._data[key]
        hits = {n for n, v in enumerate(choices) if wanted(v)}
        return [i for i, code in enumerate(stored) if code in hits]

    def nbytes(self) -> int:
        return sum(v.nbytes() if isinstance(v, Texts) else v.itemsize * len(v) for v in self._data.values())

    def rows(self, keys: Iterable[str] | None = None) -> Rows:
        return Rows(self, keys)


class Rows(ColumnRows[dict[str, Any]]):
    """Every row of a Columns as the dict a report gives (`keys` of them), made when read: a Table's rows for an
    export, a check or a test, while the view keeps only the columns."""

    def __init__(self, columns: Columns, keys: Iterable[str] | None = None) -> None:
        super().__init__(columns)
        self.keys = tuple(columns.kinds if keys is None else keys)

    def row(self, i: int) -> dict[str, Any]:
        return self.columns.row(i, self.keys)
