"""信用等级建议 (ABC): every customer's last-12-month net revenue, suggested grade and the grade a user set."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.analytics import suggested_grades
from app.messages import msg
from app.tables import Column, Table, fen_to_yuan, sort_by_first_column
from models import Customer


def build(session: Session, *, as_of: date) -> Table:
    customers = session.connection().execute(select(Customer.id, Customer.code, Customer.grade, Customer.created)).all()
    grades = suggested_grades(session, as_of, ((cid, code) for cid, code, _g, _c in customers))
    rows = []
    counts = dict.fromkeys("ABCD", 0)
    total = 0
    zero = fen_to_yuan(0)  # most customers: shared, not recomputed 100k times
    for cid, code, grade, created in customers:
        if created > as_of:
            continue
        g = grades[cid]
        counts[g.grade] += 1
        total += g.revenue_12m
        rows.append({
            "customer_code": code, "revenue_12m": fen_to_yuan(g.revenue_12m) if g.revenue_12m else zero,
            "suggested_grade": g.grade, "grade": grade,
        })
    columns = [
        Column("customer_code", "客户编码"), Column("revenue_12m", "近12月净销售额", "money"),
        Column("suggested_grade", "建议等级"), Column("grade", "设定等级"),
    ]
    summary = msg("report.abc_summary", a=counts["A"], b=counts["B"], c=counts["C"], d=counts["D"])
    return Table(
        report="abc", title="客户信用等级建议（ABC 分析）", params={"as_of": as_of}, columns=columns,
        rows=sort_by_first_column(rows, "customer_code"), totals={"revenue_12m": fen_to_yuan(total)},
        notes=[str(msg("report.abc_rule")), str(summary)],  # in the interface language
    )
