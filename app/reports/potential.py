"""潜在大客户: customers not graded A or D whose sales grew by half or more, in rank order, with the reason."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from app.analytics import PotentialCustomer, customer_names, potential_customers
from app.messages import msg
from app.tables import Column, Table, fen_to_yuan
from models import Customer

COLUMNS = [
    Column("customer_code", "客户编码"), Column("last6", "近6月净销售额", "money"),
    Column("prior6", "前6月净销售额", "money"), Column("growth", "增长率", "rate"),
    Column("active_months", "有销售月数", "int"), Column("slope", "月趋势（元/月）", "money"),
    Column("reason", "入选原因"),
]


def build(session: Session, *, as_of: date, seen: ColumnElement[bool] | None = None) -> Table:
    """Grades rank every customer of the company; `seen` (a condition on Customer: what a salesperson may see)
    only restricts the customers listed."""
    visible = None if seen is None else set(session.scalars(select(Customer.id).where(seen)))
    return table(as_of, potential_customers(session, as_of, only=visible), customer_names(session, seen))


def table(as_of: date, flagged: Sequence[PotentialCustomer], names: Mapping[int, str]) -> Table:
    """The report of these flagged customers; rows also carry customer_id, customer_name and the reason as a
    message (reason_message), which are not columns."""
    rows = [
        {
            "customer_code": p.code, "last6": fen_to_yuan(p.last6), "prior6": fen_to_yuan(p.prior6),
            "growth": p.growth, "active_months": p.active_months, "slope": fen_to_yuan(p.slope),
            "reason": str(p.reason),  # a cell is text: in the interface language
            "customer_id": p.customer_id, "customer_name": names.get(p.customer_id), "reason_message": p.reason,
        }
        for p in flagged
    ]
    return Table(
        report="potential", title="潜在大客户", params={"as_of": as_of}, columns=list(COLUMNS),
        rows=rows, notes=[str(msg("report.potential_rule"))], sort_rows=False,
    )
