"""RFM: recency, frequency and monetary value with 1–5 scores over the customers who ordered in the last 12 months."""
from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from app.analytics import Columns, Rows, rfm_rows, rfm_segment
from app.messages import msg
from app.tables import Column, Table, fen_to_yuan
from models import Customer

COLUMNS = [
    Column("customer_code", "客户编码"), Column("recency_days", "距上次下单天数", "int"),
    Column("frequency", "订单数", "int"), Column("monetary", "净销售额", "money"),
    Column("r", "R 得分", "int"), Column("f", "F 得分", "int"), Column("m", "M 得分", "int"),
]
KEYS = ("customer_code", "recency_days", "frequency", "monetary", "r", "f", "m")
DETAIL_KEYS = (*KEYS, "customer_id", "customer_name", "segment")
KINDS = {"customer_code": "text", "recency_days": "int", "frequency": "int", "monetary": "money", "r": "choice",
         "f": "choice", "m": "choice", "customer_id": "int", "customer_name": "text", "segment": "choice"}


def _figures(session: Session, as_of: date, seen: ColumnElement[bool] | None) -> list[tuple[Any, ...]]:
    """(code, recency, frequency, monetary fen, r, f, m, customer id, name, segment) of the customers listed, by
    code. Scores rank every customer of the company; `seen` only restricts the rows listed."""
    visible = None if seen is None else set(session.scalars(select(Customer.id).where(seen)))
    found = [(code, recency, frequency, monetary, r, f, m, cid, name, rfm_segment(r, f, m))
             for cid, code, _last, recency, frequency, monetary, r, f, m, name in rfm_rows(session, as_of)
             if visible is None or cid in visible]
    found.sort(key=lambda x: x[0])  # CONTRACT.md order: code points of the customer code
    return found


def _table(as_of: date, rows: list[dict[str, Any]] | Rows) -> Table:
    return Table(report="rfm", title="客户 RFM 分析", params={"as_of": as_of}, columns=list(COLUMNS), rows=rows,
                 notes=[str(msg("report.rfm_rule"))])


def build(session: Session, *, as_of: date, seen: ColumnElement[bool] | None = None, detail: bool = False) -> Table:
    """Scores rank every customer of the company; `seen` (a condition on Customer: what a salesperson may see)
    only restricts the rows listed. With `detail` rows also carry customer_id, customer_name and segment (the key
    of app.analytics.rfm_segment), which are not columns."""
    keys = DETAIL_KEYS if detail else KEYS
    rows = [dict(zip(keys, (*x[:3], fen_to_yuan(x[3]), *x[4:]), strict=False)) for x in _figures(session, as_of, seen)]
    return _table(as_of, rows)


def compact(session: Session, *, as_of: date, seen: ColumnElement[bool] | None = None) -> Table:
    """`build(detail=True)`'s table with its rows kept as columns (app.analytics.Columns, ~70 bytes a customer):
    what the 分析 tab holds."""
    found = _figures(session, as_of, seen)
    columns = Columns(KINDS, {key: [x[n] for x in found] for n, key in enumerate(KINDS)})
    return _table(as_of, Rows(columns, DETAIL_KEYS))
