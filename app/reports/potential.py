"""潜在大客户: customers not graded A or D whose sales grew by half or more, in rank order, with the reason."""
from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from app.analytics import potential_customers
from app.messages import msg
from app.tables import Column, Table, fen_to_yuan


def build(session: Session, *, as_of: date) -> Table:
    rows = [
        {
            "customer_code": p.code, "last6": fen_to_yuan(p.last6), "prior6": fen_to_yuan(p.prior6),
            "growth": p.growth, "active_months": p.active_months, "slope": fen_to_yuan(p.slope),
            "reason": str(p.reason),  # a cell is text: in the interface language
        }
        for p in potential_customers(session, as_of)
    ]
    columns = [
        Column("customer_code", "客户编码"), Column("last6", "近6月净销售额", "money"),
        Column("prior6", "前6月净销售额", "money"), Column("growth", "增长率", "rate"),
        Column("active_months", "有销售月数", "int"), Column("slope", "月趋势（元/月）", "money"),
        Column("reason", "入选原因"),
    ]
    return Table(
        report="potential", title="潜在大客户", params={"as_of": as_of}, columns=columns,
        rows=rows, notes=[str(msg("report.potential_rule"))], sort_rows=False,
    )
