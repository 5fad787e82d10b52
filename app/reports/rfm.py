"""RFM: recency, frequency and monetary value with 1–5 scores over the customers who ordered in the last 12 months."""
from __future__ import annotations

from datetime import date

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from app.analytics import rfm, rfm_segment
from app.messages import msg
from app.tables import Column, Table, fen_to_yuan, sort_by_first_column
from models import Customer


def build(session: Session, *, as_of: date, seen: ColumnElement[bool] | None = None, detail: bool = False) -> Table:
    """Scores rank every customer of the company; `seen` (a condition on Customer: what a salesperson may see)
    only restricts the rows listed. With `detail` rows also carry customer_id, customer_name and segment (the key
    of app.analytics.rfm_segment), which are not columns."""
    visible = None if seen is None else set(session.scalars(select(Customer.id).where(seen)))
    rows = []
    for x in rfm(session, as_of):
        if visible is not None and x.customer_id not in visible:
            continue
        row = {"customer_code": x.code, "recency_days": x.recency_days, "frequency": x.frequency,
               "monetary": fen_to_yuan(x.monetary), "r": x.r, "f": x.f, "m": x.m}
        if detail:
            row.update(customer_id=x.customer_id, customer_name=x.name,
                       segment=rfm_segment(x.r, x.f, x.m))
        rows.append(row)
    columns = [
        Column("customer_code", "客户编码"), Column("recency_days", "距上次下单天数", "int"),
        Column("frequency", "订单数", "int"), Column("monetary", "净销售额", "money"),
        Column("r", "R 得分", "int"), Column("f", "F 得分", "int"), Column("m", "M 得分", "int"),
    ]
    return Table(
        report="rfm", title="客户 RFM 分析", params={"as_of": as_of}, columns=columns,
        rows=sort_by_first_column(rows, "customer_code"), notes=[str(msg("report.rfm_rule"))],
    )
