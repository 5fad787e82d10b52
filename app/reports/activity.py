"""客户活跃率: per salesperson and month, the customers assigned at month end and how many of them bought."""
from __future__ import annotations

import re
from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from sqlalchemy import CTE, ColumnElement, Date, and_, case, func, literal, or_, select, union_all
from sqlalchemy.orm import Session
from sqlalchemy.sql import operators
from sqlalchemy.sql.elements import UnaryExpression

from app.errors import ValidationError
from app.messages import msg
from app.reports.common import month_end, month_key, months_between
from app.statuses import counted
from app.tables import Column, Table, rate, sort_by_first_column
from models import Customer, OwnerHistory, SalesOrder, Salesperson, StatusHistory

# 正常 and 暂停 customers are someone's responsibility; 潜在 and 终止 are not
ASSIGNABLE_STATUSES = ("active", "suspended")
MONTH_PATTERN = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")

COLUMNS = [
    Column("salesperson_code", "销售员"),
    Column("month", "月份", "month"),
    Column("assigned", "负责客户数", "int"),
    Column("active", "活跃客户数", "int"),
    Column("rate", "活跃率", "rate"),
]


def build(session: Session, *, first: str, last: str, seen: ColumnElement[bool] | None = None) -> Table:
    """Rows per salesperson and month 'YYYY-MM' from first to last; totals per month for the company. `seen`: a
    condition on Customer restricting the customers counted (what a salesperson may see). Rows also carry
    salesperson_id and salesperson_name, which are not columns (the 分析 tab uses them)."""
    months = _month_range(first, last)
    assigned, active = _counts(session, first, last, seen)
    people = _salesperson_codes(session, set(assigned))
    rows: list[dict[str, Any]] = []
    totals: dict[str, dict[str, Any]] = {}
    for month in months:
        month_assigned = month_active = 0
        for sp_id, by_month in assigned.items():
            n = by_month.get(month, 0)
            if n <= 0:
                continue
            bought = active.get((sp_id, month), 0)
            month_assigned += n
            month_active += bought
            code, name = people[sp_id]
            rows.append(
                {"salesperson_code": code, "month": month, "assigned": n, "active": bought,
                 "rate": rate(bought, n), "salesperson_id": sp_id, "salesperson_name": name}
            )
        totals[month] = {"assigned": month_assigned, "active": month_active, "rate": rate(month_active, month_assigned)}
    # month order within a salesperson survives the (stable) sort by the first column
    rows.sort(key=lambda r: (r["salesperson_code"], r["month"]))
    return Table(
        report="activity", title="客户活跃率", params={"from": first, "to": last}, columns=COLUMNS,
        rows=sort_by_first_column(rows, "salesperson_code"), totals=totals,
        notes=[str(msg("report.activity_rule"))],  # in the interface language
    )


def _month_range(first: str, last: str) -> list[str]:
    for value in (first, last):
        if not isinstance(value, str) or not MONTH_PATTERN.match(value):
            raise ValidationError("report.bad_month", value=value)
    if first > last:
        raise ValidationError("report.month_order", first=first, last=last)
    return months_between(first, last)


def _spans(model: type[OwnerHistory] | type[StatusHistory], value: Any) -> CTE:
    """(customer_id, value, start, stop): the value holds on start ≤ day < stop (stop NULL = still in force).

    stop is the effective date of the next row in (effective, id) order, so of several rows on one day
    all but the last entered get an empty span (start = stop): the same answer as app.history.intervals
    in one window pass instead of two, read in the order of the (customer_id, effective, id) index.
    MATERIALIZED (SQLite ≥ 3.35, PostgreSQL ≥ 12) computes it once rather than once per use below.
    """
    stop = func.lead(model.effective).over(partition_by=model.customer_id, order_by=(model.effective, model.id))
    return (
        select(model.customer_id, value.label("value"), model.effective.label("start"), stop.label("stop"))
        .cte(f"{model.__tablename__}_spans")
        .prefix_with("MATERIALIZED")
    )


def _month_of(session: Session, column: Any) -> ColumnElement[str]:
    """'YYYY-MM' of a date column. SQLite stores dates as 'YYYY-MM-DD' text, and a prefix costs far less
    than strftime() (it runs several times per order here); elsewhere app.reports.common.month_key."""
    if session.get_bind().dialect.name == "sqlite":
        return func.substr(column, 1, 7)
    return month_key(session, column)


def _first_day(month: str) -> date:
    return date.fromisoformat(f"{month}-01")


def _month_start(session: Session, month: Any) -> ColumnElement[Any]:
    """The first day of a 'YYYY-MM' month, comparable with a date column ('YYYY-MM-DD' text on SQLite)."""
    if session.get_bind().dialect.name == "sqlite":
        return month.concat("-01")
    return func.to_date(month, "YYYY-MM")


def _unindexed(session: Session, column: Any) -> ColumnElement[Any]:
    """`+column` on SQLite, its documented way to keep a term from choosing an index; else the column."""
    if session.get_bind().dialect.name == "sqlite":
        return UnaryExpression(column, operator=operators.custom_op("+"), type_=column.type)
    return column


def _later(a: Any, b: Any) -> ColumnElement[Any]:
    return case((a > b, a), else_=b)


def _earlier_open(a: Any, b: Any) -> ColumnElement[Any]:
    """The earlier of two stops where NULL means "open ended"."""
    return case((a.is_(None), b), (b.is_(None), a), (a < b, a), else_=b)


def _counts(session: Session, first: str, last: str, seen: ColumnElement[bool] | None = None
            ) -> tuple[dict[int, dict[str, int]], dict[tuple[int, str], int]]:
    """({salesperson_id: {month: assigned}}, {(salesperson_id, month): active}) for first..last.

    A "cover" is a stretch of days when one customer is owned by S, is 正常/暂停 and exists; its month
    end days fall exactly in the months ma ≤ M < mb ('YYYY-MM' of its first and stop day). Rather than
    expand every customer into every month (2.4M rows for 100k customers × 24 months), each cover adds
    +1 at ma and −1 at mb and the months are summed up in Python; only the orders are joined to covers.
    """
    own = _spans(OwnerHistory, OwnerHistory.salesperson_id)
    st = _spans(StatusHistory, StatusHistory.status)
    span = (
        select(
            own.c.customer_id, own.c.value.label("salesperson_id"),
            _later(_later(own.c.start, st.c.start), Customer.created).label("a"),
            _earlier_open(own.c.stop, st.c.stop).label("b"),
        )
        .join(st, st.c.customer_id == own.c.customer_id)
        .join(Customer, Customer.id == own.c.customer_id)
        .where(own.c.value.is_not(None), st.c.value.in_(ASSIGNABLE_STATUSES), *([] if seen is None else [seen]))
        .subquery("span")
    )
    ma, mb = _month_of(session, span.c.a), _month_of(session, span.c.b)
    # the days of first..last on which this cover's orders count: its months, clipped to the range
    lo = case((ma < first, literal(_first_day(first), Date)), else_=_month_start(session, ma))
    hi = case(
        (or_(mb.is_(None), mb > last), literal(month_end(last) + timedelta(days=1), Date)),
        else_=_month_start(session, mb),
    )
    cover = (
        select(span.c.customer_id, span.c.salesperson_id, ma.label("ma"), mb.label("mb"), lo.label("lo"), hi.label("hi"))
        .where(ma <= last, or_(mb.is_(None), and_(mb > ma, mb > first)))
        .cte("cover")
    )
    starts = select(cover.c.salesperson_id, cover.c.ma, literal("+").label("kind"), func.count()).group_by(
        cover.c.salesperson_id, cover.c.ma
    )
    stops = (
        select(cover.c.salesperson_id, cover.c.mb, literal("-"), func.count())
        .where(cover.c.mb <= last)
        .group_by(cover.c.salesperson_id, cover.c.mb)
    )
    om = _month_of(session, SalesOrder.date)
    od = _unindexed(session, SalesOrder.date)
    # The LEFT JOIN keeps covers as the driving side, and the order date is kept from the (status, date)
    # index: SQLite, without statistics, would otherwise take that index and fetch every order row at
    # random, where this way it reads (customer_id, status, …, date) from the covering index per cover.
    bought = (
        select(cover.c.salesperson_id, om, literal("a"), func.count(SalesOrder.customer_id.distinct()))
        .select_from(cover)
        .outerjoin(
            SalesOrder,
            and_(
                SalesOrder.customer_id == cover.c.customer_id, counted(SalesOrder),
                od >= cover.c.lo, od < cover.c.hi,
            ),
        )
        .group_by(cover.c.salesperson_id, om)
    )
    deltas: dict[int, dict[str, int]] = defaultdict(dict)
    active: dict[tuple[int, str], int] = {}
    for sp_id, month, kind, n in session.execute(union_all(starts, stops, bought)):
        if kind == "a":
            if month is not None and n:
                active[(sp_id, month)] = int(n)
        else:
            # a cover that began before the range counts from its first month
            key = max(month, first)
            deltas[sp_id][key] = deltas[sp_id].get(key, 0) + (int(n) if kind == "+" else -int(n))
    assigned: dict[int, dict[str, int]] = {}
    months = months_between(first, last)
    for sp_id, by_month in deltas.items():
        running, out = 0, {}
        for month in months:
            running += by_month.get(month, 0)
            if running:
                out[month] = running
        if out:
            assigned[sp_id] = out
    return assigned, active


def _salesperson_codes(session: Session, ids: set[int]) -> dict[int, tuple[str, str]]:
    """{id: (code, name)} of these salespeople."""
    if not ids:
        return {}
    q = select(Salesperson.id, Salesperson.code, Salesperson.name).where(Salesperson.id.in_(ids))
    return {sp_id: (code, name) for sp_id, code, name in session.execute(q)}
