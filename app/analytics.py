"""Customer analysis rules as of a date: suggested grades, potential large customers, trend lines and RFM scores."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import history
from app.ledger import aging_sql
from app.reports.common import fen, month_key, monthly_net_revenue, net_revenue_docs, window_months
from app.tables import fen_to_yuan, rate
from models import BlacklistHistory, Customer, SalesOrder, SalesReturn

K = TypeVar("K", bound=Hashable)

GRADE_A_BELOW = 70  # percent: A while the customers ranked before hold < 70 % of the revenue
GRADE_B_BELOW = 90  # percent: B while < 90 %, C after
POTENTIAL_MIN_ACTIVE = 3  # months with sales out of the last 6
POTENTIAL_MIN_GROWTH = Fraction(1, 2)


# --- windows ------------------------------------------------------------------------------------


def window_start(on: date, months: int) -> date:
    """First day of the oldest month of the `months`-month window ending with on's month."""
    return date.fromisoformat(window_months(on, months)[0] + "-01")


def net_revenue_12m(session: Session, on: date) -> dict[int, int]:
    """{customer_id: net revenue in fen} over the last 12 calendar months as of `on` (documents dated ≤ on)."""
    docs = net_revenue_docs(window_start(on, 12), on).subquery()
    q = select(docs.c.customer_id, func.sum(docs.c.revenue)).group_by(docs.c.customer_id)
    return {cid: int(total) for cid, total in session.execute(q)}


# --- suggested grade (信用等级建议) --------------------------------------------------------------


@dataclass(frozen=True)
class GradeSuggestion:
    grade: str  # A | B | C | D
    revenue_12m: int  # net revenue of the last 12 months, fen
    reason: str  # why, in Chinese, for the screen and the dossier


def abc_classes(items: Iterable[tuple[K, str, int]]) -> dict[K, tuple[str, int, Fraction]]:
    """ABC over (key, code, revenue fen) of the customers already known not to be D.

    Returns {key: (grade, rank, cumulative share of the customers ranked before it)} for those with
    revenue > 0 (rank from 1, by revenue descending, ties by code). Shares are compared as exact integers.
    """
    ranked = sorted(((-rev, code, key) for key, code, rev in items if rev > 0))
    total = -sum(neg for neg, _code, _key in ranked)
    out: dict[K, tuple[str, int, Fraction]] = {}
    before = 0
    for rank, (neg, _code, key) in enumerate(ranked, start=1):
        if before * 100 < GRADE_A_BELOW * total:
            grade = "A"
        elif before * 100 < GRADE_B_BELOW * total:
            grade = "B"
        else:
            grade = "C"
        out[key] = (grade, rank, Fraction(before, total))
        before += -neg
    return out


def grade_d_reasons(session: Session, on: date) -> dict[int, str]:
    """{customer_id: reason} of the customers graded D on `on`: blacklisted, or anything > 90 days past due."""
    reasons: dict[int, list[str]] = {}
    bl = history.as_of(BlacklistHistory, on)
    for (cid,) in session.execute(select(bl.c.customer_id).where(bl.c.blacklisted.is_(True))):
        reasons.setdefault(cid, []).append("黑名单客户")
    ag = aging_sql(on).subquery()
    for cid, d90 in session.execute(select(ag.c.customer_id, ag.c.d90_plus).where(ag.c.d90_plus > 0)):
        reasons.setdefault(cid, []).append(f"有逾期超过90天的欠款 {fen_to_yuan(int(d90))} 元")
    return {cid: "；".join(parts) for cid, parts in reasons.items()}


def _percent(share: Fraction) -> str:
    """A share as a percentage with 2 places, half-up (e.g. '69.99%')."""
    r = rate(share.numerator, share.denominator)
    return f"{(r or Decimal(0)) * 100:.2f}%"


def suggested_grades(session: Session, on: date) -> dict[int, GradeSuggestion]:
    """The suggested grade of every customer as of `on` (DOMAIN.md "Suggested grade")."""
    customers = session.execute(select(Customer.id, Customer.code)).all()
    revenue = net_revenue_12m(session, on)
    d_reasons = grade_d_reasons(session, on)
    ranked = abc_classes(
        (cid, code, revenue.get(cid, 0)) for cid, code in customers if cid not in d_reasons
    )
    out: dict[int, GradeSuggestion] = {}
    for cid, _code in customers:
        rev = revenue.get(cid, 0)
        if cid in d_reasons:
            out[cid] = GradeSuggestion("D", rev, d_reasons[cid])
        elif cid in ranked:
            grade, rank, before = ranked[cid]
            out[cid] = GradeSuggestion(
                grade, rev, f"近12月净销售额 {fen_to_yuan(rev)} 元，排名第{rank}，排在前面的客户累计占比 {_percent(before)}"
            )
        else:
            out[cid] = GradeSuggestion("C", rev, "近12月无正的净销售额")
    return out


def suggested_grade(session: Session, customer_id: int, on: date) -> GradeSuggestion:
    """One customer's suggested grade; the ranking needs every customer, so this costs as much as all of them."""
    grades = suggested_grades(session, on)
    return grades.get(customer_id, GradeSuggestion("C", 0, "近12月无正的净销售额"))


# --- least squares --------------------------------------------------------------------------------


def least_squares(values: Sequence[int | Decimal | Fraction]) -> tuple[Fraction, Fraction]:
    """(slope, intercept) of the ordinary least-squares line through (0, v0), (1, v1), …, exactly."""
    n = len(values)
    if n == 0:
        return Fraction(0), Fraction(0)
    ys = [Fraction(v) for v in values]
    if n == 1:
        return Fraction(0), ys[0]
    x_mean = Fraction(n - 1, 2)
    y_mean = sum(ys, Fraction(0)) / n
    sxx = sum((Fraction(x) - x_mean) ** 2 for x in range(n))
    sxy = sum((Fraction(x) - x_mean) * (y - y_mean) for x, y in enumerate(ys))
    slope = sxy / sxx
    return slope, y_mean - slope * x_mean


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
    reason: str  # Chinese


def grew(last6: int, prior6: int) -> bool:
    """Growth (last 6 − prior 6) ÷ prior 6 ≥ 0.5, or prior 6 = 0 with last 6 > 0 ("new"), exactly."""
    if prior6 == 0:
        return last6 > 0
    # a negative prior 6 (returns only) gives a negative ratio: not growth by the rule's letter
    return Fraction(last6 - prior6, prior6) >= POTENTIAL_MIN_GROWTH


def potential_reason(last6: int, prior6: int, active_months: int) -> str:
    months = f"近6个月中有{active_months}个月有销售"
    if prior6 == 0:
        return f"新客户：前6月无销售，近6月销售 {fen_to_yuan(last6)} 元，{months}"
    return f"近6月较前6月增长 {_percent(Fraction(last6 - prior6, prior6))}，{months}"


def potential_customers(
    session: Session, on: date, grades: Mapping[int, GradeSuggestion] | None = None
) -> list[PotentialCustomer]:
    """The flagged customers as of `on` (DOMAIN.md "Potential large customers"), in rank order.

    Rank: largest (last 6 − prior 6) first, ties by code. `grades` may pass suggested grades already computed.
    """
    if grades is None:
        grades = suggested_grades(session, on)
    window = window_months(on, 12)
    prior_months, last_months = window[:6], window[6:]
    monthly = monthly_net_revenue(session, on, 12)
    candidates: list[tuple[int, int, int, int, list[int]]] = []
    for cid, by_month in monthly.items():
        g = grades.get(cid)
        if g is not None and g.grade in ("A", "D"):
            continue
        series = [by_month.get(m, 0) for m in window]
        active = sum(1 for m in last_months if by_month.get(m, 0) > 0)
        if active < POTENTIAL_MIN_ACTIVE:
            continue
        prior6 = sum(by_month.get(m, 0) for m in prior_months)
        last6 = sum(by_month.get(m, 0) for m in last_months)
        if grew(last6, prior6):
            candidates.append((cid, last6, prior6, active, series))
    if not candidates:
        return []
    # all codes rather than an IN list: candidates can outnumber SQLite's bound-parameter limit
    codes = dict(session.execute(select(Customer.id, Customer.code)).tuples().all())
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


def score(sorted_values: Sequence[int], worse_count: int) -> int:
    """1 + ⌊5 i / n⌋ for i customers strictly worse out of n = len(sorted_values)."""
    return 1 + (5 * worse_count) // len(sorted_values)


def rfm_scores(measures: Mapping[K, tuple[int, int, int]]) -> dict[K, tuple[int, int, int]]:
    """{key: (r, f, m)} from {key: (recency days, frequency, monetary)}; ties share a score.

    Worse means an older last order (more days), fewer orders, less money.
    """
    recency = sorted(v[0] for v in measures.values())
    frequency = sorted(v[1] for v in measures.values())
    monetary = sorted(v[2] for v in measures.values())
    n = len(recency)
    return {
        key: (
            score(recency, n - bisect_right(recency, r)),
            score(frequency, bisect_left(frequency, f)),
            score(monetary, bisect_left(monetary, m)),
        )
        for key, (r, f, m) in measures.items()
    }


@dataclass(frozen=True)
class Rfm:
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
            SalesOrder.customer_id, func.max(SalesOrder.date), func.count(), func.sum(fen(SalesOrder.total)),
        )
        .where(SalesOrder.status == "confirmed", SalesOrder.date >= start, SalesOrder.date <= on)
        .group_by(SalesOrder.customer_id)
    )
    returns = (
        select(SalesReturn.customer_id, func.sum(fen(SalesReturn.total)))
        .where(SalesReturn.status == "confirmed", SalesReturn.date >= start, SalesReturn.date <= on)
        .group_by(SalesReturn.customer_id)
    )
    returned = {cid: int(total) for cid, total in session.execute(returns)}
    base: dict[int, tuple[date, int, int]] = {}
    for cid, last, count, total in session.execute(orders):
        base[cid] = (_as_date(last), int(count), int(total) - returned.get(cid, 0))
    if not base:
        return []
    scores = rfm_scores({cid: ((on - last).days, count, money) for cid, (last, count, money) in base.items()})
    codes = dict(session.execute(select(Customer.id, Customer.code)).tuples().all())
    return [
        Rfm(cid, codes[cid], last, (on - last).days, count, money, *scores[cid])
        for cid, (last, count, money) in base.items()
    ]
