"""Dated histories (owner, status, blacklist, credit): the value in force on a date, in SQL."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import Subquery, and_, func, or_, select
from sqlalchemy.orm import Session

from models import BlacklistHistory, CreditHistory, OwnerHistory, StatusHistory

HistoryModel = type[OwnerHistory] | type[StatusHistory] | type[BlacklistHistory] | type[CreditHistory]

VALUE_COLUMNS: dict[Any, tuple[str, ...]] = {
    OwnerHistory: ("salesperson_id",),
    StatusHistory: ("status",),
    BlacklistHistory: ("blacklisted", "reason", "changed_by"),
    CreditHistory: ("term_days", "credit_limit"),
}


def as_of(model: HistoryModel, on: date, customer_id: int | Sequence[int] | None = None) -> Subquery:
    """(customer_id, value columns…) of the row in force on `on`: latest effective ≤ on, then latest id; for every
    customer, one, or the ones given."""
    cols = [getattr(model, c) for c in VALUE_COLUMNS[model]]
    rn = func.row_number().over(
        partition_by=model.customer_id, order_by=(model.effective.desc(), model.id.desc())
    )
    inner = select(model.customer_id, *cols, rn.label("rn")).where(model.effective <= on)
    if isinstance(customer_id, int):
        inner = inner.where(model.customer_id == customer_id)
    elif customer_id is not None:
        inner = inner.where(model.customer_id.in_(list(customer_id)))
    sub = inner.subquery()
    return (
        select(sub.c.customer_id, *[sub.c[c] for c in VALUE_COLUMNS[model]])
        .where(sub.c.rn == 1)
        .subquery()
    )


def intervals(model: HistoryModel) -> Subquery:
    """(customer_id, value columns…, start, stop): each value holds on start ≤ day < stop (stop NULL = open).

    Rows with the same effective date collapse to the last one entered.
    """
    cols = [getattr(model, c) for c in VALUE_COLUMNS[model]]
    last_of_day = func.row_number().over(
        partition_by=(model.customer_id, model.effective), order_by=model.id.desc()
    )
    daily = select(model.customer_id, model.effective, *cols, last_of_day.label("rn")).subquery()
    nxt = func.lead(daily.c.effective).over(partition_by=daily.c.customer_id, order_by=daily.c.effective)
    return (
        select(
            daily.c.customer_id,
            *[daily.c[c] for c in VALUE_COLUMNS[model]],
            daily.c.effective.label("start"),
            nxt.label("stop"),
        )
        .where(daily.c.rn == 1)
        .subquery()
    )


def in_force(iv: Subquery, day: Any) -> Any:
    """Condition: interval `iv` holds on `day` (a date or a column)."""
    return and_(iv.c.start <= day, or_(iv.c.stop.is_(None), iv.c.stop > day))


def value_on(session: Session, model: HistoryModel, customer_id: int, on: date) -> Any:
    """The row of values in force for one customer on `on`, or None when there is none yet."""
    cols = [getattr(model, c) for c in VALUE_COLUMNS[model]]
    q = (
        select(*cols)
        .where(model.customer_id == customer_id, model.effective <= on)
        .order_by(model.effective.desc(), model.id.desc())
        .limit(1)
    )
    return session.execute(q).first()
