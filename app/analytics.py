"""Customer analysis rules as of a date: suggested grades, potential large customers, trend lines and RFM scores."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import NamedTuple, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import history
from app.ledger import aging_sql
from app.messages import Message, msg
from app.reports.common import fen, month_key, monthly_net_revenue, net_revenue_docs, window_months, window_start
from app.statuses import counted
from app.tables import fen_to_yuan, rate
from models import BlacklistHistory, Customer, SalesOrder, SalesReturn

K = TypeVar("K", bound=Hashable)

GRADE_A_BELOW = 70  # percent: A while the customers ranked before hold < 70 % of the revenue
GRADE_B_BELOW = 90  # percent: B while < 90 %, C after
POTENTIAL_MIN_ACTIVE = 3  # months with sales out of the last 6
POTENTIAL_MIN_GROWTH = Fraction(1, 2)


# --- windows ------------------------------------------------------------------------------------


def net_revenue_12m(session: Session, on: date) -> dict[int, int]:
    """{customer_id: net revenue in fen} over the last 12 calendar months as of `on` (documents dated ≤ on)."""
    docs = net_revenue_docs(window_start(on, 12), on).subquery()
    q = select(docs.c.customer_id, func.sum(docs.c.revenue)).group_by(docs.c.customer_id)
    return {cid: int(total) for cid, total in session.connection().execute(q)}


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


def grade_d_reasons(session: Session, on: date) -> dict[int, Message]:
    """{customer_id: reason} of the customers graded D on `on`: blacklisted, or anything > 90 days past due."""
    reasons: dict[int, list[Message]] = {}
    bl = history.as_of(BlacklistHistory, on)
    blacklisted = msg("analytics.blacklisted")
    for (cid,) in session.execute(select(bl.c.customer_id).where(bl.c.blacklisted.is_(True))):
        reasons.setdefault(cid, []).append(blacklisted)
    ag = aging_sql(on).subquery()
    for cid, d90 in session.execute(select(ag.c.customer_id, ag.c.d90_plus).where(ag.c.d90_plus > 0)):
        reasons.setdefault(cid, []).append(msg("analytics.overdue_90", amount=fen_to_yuan(int(d90))))
    return {cid: parts[0] if len(parts) == 1 else msg("analytics.reasons", reasons=tuple(parts))
            for cid, parts in reasons.items()}


def _percent(numerator: int, denominator: int) -> str:
    """A share as a percentage with 2 places, half-up (e.g. '69.99%')."""
    r = rate(numerator, denominator)
    return f"{(r or Decimal(0)) * 100:.2f}%"


def suggested_grades(
    session: Session, on: date, customers: Iterable[tuple[int, str]] | None = None
) -> dict[int, GradeSuggestion]:
    """The suggested grade of every customer as of `on` (DOMAIN.md "Suggested grade").

    `customers` = (id, code) of every customer, when the caller has read them already. The ranking is over
    all customers with documents, whatever their creation date: documents dated ≤ on are what count.
    """
    everyone: list[tuple[int, str]] = (
        [tuple(r) for r in session.connection().execute(select(Customer.id, Customer.code))]
        if customers is None else list(customers)
    )
    revenue = net_revenue_12m(session, on)
    d_reasons = grade_d_reasons(session, on)
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
        else:
            out[cid] = GradeSuggestion("C", rev)
    return out


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
    session: Session, on: date, grades: Mapping[int, GradeSuggestion] | None = None
) -> list[PotentialCustomer]:
    """The flagged customers as of `on` (DOMAIN.md "Potential large customers"), in rank order.

    Rank: largest (last 6 − prior 6) first, ties by code. `grades` may pass suggested grades already computed.
    """
    customers = session.connection().execute(select(Customer.id, Customer.code)).all()
    if grades is None:
        grades = suggested_grades(session, on, customers)
    window = window_months(on, 12)
    monthly = monthly_net_revenue(session, on, 12)
    candidates: list[tuple[int, int, int, int, list[int]]] = []
    for cid, by_month in monthly.items():
        if len(by_month) < POTENTIAL_MIN_ACTIVE:  # cheap first cut: fewer months with any document
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


def _as_date(value: date | str) -> date:
    # SQLite may hand back an aggregate over a date column as ISO text
    return date.fromisoformat(value) if isinstance(value, str) else value


def rfm(session: Session, on: date) -> list[Rfm]:
    """RFM as of `on` over the customers with a confirmed order in the last 12 months (DOMAIN.md "RFM")."""
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
            orders.c.amount - func.coalesce(returns.c.amount, 0),
        )
        .join_from(orders, Customer, Customer.id == orders.c.customer_id)
        .outerjoin(returns, returns.c.customer_id == orders.c.customer_id)
    )
    # Core execution: these are plain tuples, the ORM result layer would only add overhead at 100k rows
    base = [
        (cid, code, last, (on - last).days, int(n), int(money))
        for cid, code, last_raw, n, money in session.connection().execute(q)
        for last in (_as_date(last_raw),)
    ]
    if not base:
        return []
    scores = rfm_scores({b[0]: (b[3], b[4], b[5]) for b in base})
    return [Rfm(*b, *scores[b[0]]) for b in base]
