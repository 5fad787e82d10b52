"""信用等级建议 (ABC): every customer's last-12-month net revenue, suggested grade and the grade a user set."""
from __future__ import annotations

from datetime import date

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from app.analytics import grade_d_reasons_soon, suggested_grades
from app.messages import msg
from app.tables import Column, Table, fen_to_yuan, sort_by_first_column
from models import Customer


def build(session: Session, *, as_of: date, seen: ColumnElement[bool] | None = None) -> Table:
    """Grades rank every customer of the company; `seen` (a condition on Customer: what a salesperson may see)
    only restricts the rows listed. Rows also carry customer_id, customer_name and suggestion (the
    app.analytics.GradeSuggestion, whose `reason` says why), which are not columns."""
    later = grade_d_reasons_soon(session, as_of)  # the slowest part, beside the reading below
    customers = session.connection().execute(
        select(Customer.id, Customer.code, Customer.grade, Customer.created, Customer.name)).all()
    grades = suggested_grades(session, as_of, [(cid, code) for cid, code, *_rest in customers], d_reasons=later)
    visible = None if seen is None else set(session.scalars(select(Customer.id).where(seen)))
    rows = []
    counts = dict.fromkeys("ABCD", 0)
    total = 0
    zero = fen_to_yuan(0)  # most customers: shared, not recomputed 100k times
    for cid, code, grade, created, name in customers:
        if created > as_of or (visible is not None and cid not in visible):
            continue
        g = grades[cid]
        counts[g.grade] += 1
        total += g.revenue_12m
        rows.append({
            "customer_code": code, "revenue_12m": fen_to_yuan(g.revenue_12m) if g.revenue_12m else zero,
            "suggested_grade": g.grade, "grade": grade, "customer_id": cid, "customer_name": name, "suggestion": g,
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
