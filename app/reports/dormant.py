"""沉睡客户: customers who have bought before but whose last confirmed order is more than N days old."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from app import settings
from app.errors import ValidationError
from app.messages import msg
from app.statuses import counted
from app.tables import Column, Table, sort_by_first_column
from models import Customer, SalesOrder, Salesperson


def build(session: Session, *, as_of: date, days: int | None = None, seen: ColumnElement[bool] | None = None,
          detail: bool = False) -> Table:
    """`seen`: a condition on Customer restricting the customers listed (what a salesperson may see). With `detail`
    rows also carry customer_id, customer_name and owner_name (the current owner), which are not columns."""
    if days is None:
        days = settings.load(session).dormant_days
    if days < 0:
        raise ValidationError("report.negative_days")
    last = func.max(SalesOrder.date)
    per_customer = (
        select(SalesOrder.customer_id, last.label("last_order"))
        .where(counted(SalesOrder), SalesOrder.date <= as_of)
        .group_by(SalesOrder.customer_id)
        # more than N days before D: last < D − N; exactly N days ago is not dormant
        .having(last < as_of - timedelta(days=days))
        .subquery()
    )
    extra = [Customer.id, Customer.name, Salesperson.name] if detail else []
    q = select(Customer.code, per_customer.c.last_order, *extra).join(
        Customer, Customer.id == per_customer.c.customer_id)
    if detail:
        q = q.outerjoin(Salesperson, Salesperson.id == Customer.owner_id)
    if seen is not None:
        q = q.where(seen)
    rows = []
    for code, last_order, *more in session.execute(q):
        if isinstance(last_order, str):  # SQLite may return an aggregate date as text
            last_order = date.fromisoformat(last_order)
        row = {"customer_code": code, "last_order_date": last_order, "days_since": (as_of - last_order).days}
        if detail:
            row.update(customer_id=more[0], customer_name=more[1], owner_name=more[2])
        rows.append(row)
    columns = [
        Column("customer_code", "客户编码"), Column("last_order_date", "最后下单日期", "date"),
        Column("days_since", "距今天数", "int"),
    ]
    return Table(
        report="dormant", title="沉睡客户", params={"as_of": as_of, "days": days}, columns=columns,
        rows=sort_by_first_column(rows, "customer_code"),
        notes=[str(msg("report.dormant_rule", days=days))],
    )
