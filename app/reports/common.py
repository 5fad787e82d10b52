"""Building blocks shared by the reports: months, windows, net revenue and cost in SQL (amounts in fen)."""
from __future__ import annotations

from datetime import date
from typing import Any

from dateutil.relativedelta import relativedelta
from sqlalchemy import BigInteger, ColumnElement, Select, func, literal, select, type_coerce, union_all
from sqlalchemy.orm import Session

from app.statuses import counted
from models import SalesOrder, SalesReturn


def fen(column: Any) -> ColumnElement[int]:
    """A Money column as raw integer fen, so SQL sums stay integers and are converted once."""
    return type_coerce(column, BigInteger)


def month_key(session: Session, column: Any) -> ColumnElement[str]:
    """'YYYY-MM' of a date column, on SQLite and PostgreSQL. SQLite stores dates as 'YYYY-MM-DD' text, whose
    prefix costs far less than strftime() over a year of orders."""
    if session.get_bind().dialect.name == "sqlite":
        return func.substr(column, 1, 7)
    return func.to_char(column, "YYYY-MM")


def month_start(d: date) -> date:
    return d.replace(day=1)


def month_end(year_month: str) -> date:
    y, m = map(int, year_month.split("-"))
    return date(y, m, 1) + relativedelta(months=1, days=-1)


def months_between(first: str, last: str) -> list[str]:
    """['YYYY-MM', …] from first to last inclusive."""
    y, m = map(int, first.split("-"))
    cur, out = date(y, m, 1), []
    end = date(*map(int, last.split("-")), 1)
    while cur <= end:
        out.append(cur.strftime("%Y-%m"))
        cur += relativedelta(months=1)
    return out


def window_months(on: date, count: int) -> list[str]:
    """The `count` calendar months ending with on's month, oldest first ("last 12 months as of D")."""
    last = month_start(on)
    return [(last - relativedelta(months=i)).strftime("%Y-%m") for i in range(count - 1, -1, -1)]


def window_start(on: date, months: int) -> date:
    """First day of the oldest month of the `months`-month window ending with on's month."""
    return date.fromisoformat(window_months(on, months)[0] + "-01")


def net_revenue_docs(start: date, end: date) -> Select:
    """(customer_id, date, revenue, cost, sign) of confirmed orders (+) and returns (−) dated in [start, end].

    Amounts are signed fen: a return reduces revenue and cost in its own date's month.
    """
    o = select(
        SalesOrder.customer_id, SalesOrder.date, fen(SalesOrder.total).label("revenue"),
        fen(SalesOrder.cost_total).label("cost"), literal(1).label("sign"),
    ).where(counted(SalesOrder), SalesOrder.date >= start, SalesOrder.date <= end)
    r = select(
        SalesReturn.customer_id, SalesReturn.date, (-fen(SalesReturn.total)).label("revenue"),
        (-fen(SalesReturn.cost_total)).label("cost"), literal(-1).label("sign"),
    ).where(counted(SalesReturn), SalesReturn.date >= start, SalesReturn.date <= end)
    return union_all(o, r)


def monthly_net_revenue(session: Session, on: date, months: int = 12) -> dict[int, dict[str, int]]:
    """{customer_id: {'YYYY-MM': net revenue fen}} over the `months` months ending with on's month, dated ≤ on."""
    return {cid: {month: revenue for month, (revenue, _cost) in by_month.items()}
            for cid, by_month in monthly_net_figures(session, on, months).items()}


def monthly_net_figures(session: Session, on: date, months: int = 12) -> dict[int, dict[str, tuple[int, int]]]:
    """{customer_id: {'YYYY-MM': (net revenue, net cost) in fen}} over the `months` months ending with on's month,
    documents dated ≤ on: one grouped scan."""
    docs = net_revenue_docs(window_start(on, months), on).subquery()
    m = month_key(session, docs.c.date)
    q = select(docs.c.customer_id, m.label("month"), func.sum(docs.c.revenue), func.sum(docs.c.cost)).group_by(
        docs.c.customer_id, m)
    out: dict[int, dict[str, tuple[int, int]]] = {}
    for cid, month, revenue, cost in session.connection().execute(q).all():  # one fetch, not a row at a time
        by_month = out.get(cid)
        if by_month is None:
            by_month = out[cid] = {}
        by_month[month] = (int(revenue), int(cost))
    return out
