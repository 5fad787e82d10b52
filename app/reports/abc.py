"""信用等级建议 (ABC): every customer's last-12-month net revenue, suggested grade and the grade a user set."""
from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from app.analytics import (
    Columns,
    GradeSuggestion,
    Rows,
    abc_classes,
    beside,
    d_reason,
    grade_d_facts,
    net_revenue_12m,
)
from app.db import as_date
from app.messages import msg
from app.tables import Column, Table, fen_to_yuan
from models import Customer

COLUMNS = [
    Column("customer_code", "客户编码"), Column("revenue_12m", "近12月净销售额", "money"),
    Column("suggested_grade", "建议等级"), Column("grade", "设定等级"),
]
ROW_KEYS = ("customer_code", "revenue_12m", "suggested_grade", "grade", "customer_id", "customer_name")
KINDS = {"customer_id": "int", "customer_code": "text", "customer_name": "text", "revenue_12m": "money",
         "suggested_grade": "choice", "grade": "choice",
         # what the suggestion rests on (app.analytics.GradeSuggestion), not columns
         "rank": "int", "before": "int", "blacklisted": "choice", "overdue_90": "int"}


class GradeRows(Rows):
    """The rows as columns (app.analytics.Columns, ~80 bytes a customer); a row read is the dict `build` gives."""

    def __init__(self, columns: Columns, total: int, counts: dict[str, int], listed_revenue: int) -> None:
        super().__init__(columns, ROW_KEYS)
        self.total = total  # revenue of all ranked customers, fen
        self.counts = counts  # {grade: customers listed with it suggested}
        self.listed_revenue = listed_revenue  # revenue of the customers listed, fen

    def suggestion(self, i: int) -> GradeSuggestion:
        c = self.columns
        return suggestion(c.value("suggested_grade", i), c.stored("revenue_12m", i), c.value("rank", i),
                          c.value("before", i), self.total, c.value("blacklisted", i), c.value("overdue_90", i))

    def row(self, i: int) -> dict[str, Any]:
        out = self.columns.row(i, ROW_KEYS)
        out["suggestion"] = self.suggestion(i)
        return out


def suggestion(grade: str, revenue: int, rank: int | None, before: int | None, total: int, blacklisted: bool,
               overdue_90: int) -> GradeSuggestion:
    if grade == "D":
        return GradeSuggestion("D", revenue, d_reason=d_reason(blacklisted, overdue_90))
    if rank is None:
        return GradeSuggestion(grade, revenue)
    return GradeSuggestion(grade, revenue, rank, before or 0, total)


def _grades(session: Session, as_of: date, seen: ColumnElement[bool] | None
            ) -> tuple[dict[str, list[Any]], int, dict[str, int], int]:
    """The report's figures (customers created by `as_of` that `seen` lets through, by customer code) as one list
    per key of KINDS; the revenue of all ranked customers; the count of each grade suggested; the revenue listed.
    Every customer's row is read once, one at a time: only what the report keeps of it is kept."""
    later = beside(session, lambda other: grade_d_facts(other, as_of))  # the slowest part, beside the reading below
    revenue = net_revenue_12m(session, as_of)
    visible = None if seen is None else set(session.scalars(select(Customer.id).where(seen)))
    facts = later()
    # grades rank every customer of the company, whatever their creation date: documents dated ≤ on are what count
    ranking: list[tuple[int, str, int]] = []
    listed: dict[str, list[Any]] = {key: [] for key in ("customer_id", "customer_code", "customer_name", "grade")}
    add = [listed[key].append for key in listed]
    result = session.connection().execute(
        select(Customer.id, Customer.code, Customer.grade, Customer.created, Customer.name).order_by(Customer.code))
    try:
        for cid, code, grade, created, name in result.cursor:  # the driver's rows (a date may be ISO text)
            rev = revenue.get(cid, 0)
            if rev > 0 and cid not in facts:
                ranking.append((cid, code, rev))
            if as_date(created) > as_of or (visible is not None and cid not in visible):
                continue
            for append, value in zip(add, (cid, code, name, grade), strict=True):
                append(value)
    finally:
        result.close()
    codes = listed["customer_code"]
    if any(a > b for a, b in zip(codes, codes[1:], strict=False)):  # CONTRACT.md: code points, whatever the collation
        order = sorted(range(len(codes)), key=codes.__getitem__)
        listed = {key: [values[i] for i in order] for key, values in listed.items()}
    ranked, total = abc_classes(ranking)
    del ranking
    data: dict[str, list[Any]] = {**listed, **{key: [] for key in KINDS if key not in listed}}
    add = [data[key].append for key in ("revenue_12m", "suggested_grade", "rank", "before", "blacklisted",
                                        "overdue_90")]
    counts = dict.fromkeys("ABCD", 0)
    listed_revenue = 0
    for cid in listed["customer_id"]:
        rev = revenue.get(cid, 0)
        if cid in facts:
            blacklisted, overdue = facts[cid]
            values = (rev, "D", None, None, blacklisted, overdue)
        elif cid in ranked:
            suggested, rank, before = ranked[cid]
            values = (rev, suggested, rank, before, False, 0)
        else:
            values = (rev, "C", None, None, False, 0)
        for append, value in zip(add, values, strict=True):
            append(value)
        counts[values[1]] += 1
        listed_revenue += rev
    return {key: data[key] for key in KINDS}, total, counts, listed_revenue


def grade_rows(session: Session, as_of: date, seen: ColumnElement[bool] | None = None) -> GradeRows:
    """The rows of the report as columns."""
    data, total, counts, listed_revenue = _grades(session, as_of, seen)
    return GradeRows(Columns(KINDS, data), total, counts, listed_revenue)


def _table(as_of: date, listed: list[dict[str, Any]] | GradeRows, counts: dict[str, int], revenue: int) -> Table:
    summary = msg("report.abc_summary", a=counts["A"], b=counts["B"], c=counts["C"], d=counts["D"])
    return Table(
        report="abc", title="客户信用等级建议（ABC 分析）", params={"as_of": as_of}, columns=list(COLUMNS),
        rows=listed, totals={"revenue_12m": fen_to_yuan(revenue)},
        notes=[str(msg("report.abc_rule")), str(summary)],  # in the interface language
    )


def build(session: Session, *, as_of: date, seen: ColumnElement[bool] | None = None) -> Table:
    """Grades rank every customer of the company; `seen` (a condition on Customer: what a salesperson may see)
    only restricts the rows listed. Rows also carry customer_id, customer_name and suggestion (the
    app.analytics.GradeSuggestion, whose `reason` says why), which are not columns."""
    data, total, counts, revenue = _grades(session, as_of, seen)
    zero = fen_to_yuan(0)  # most customers: shared, not made 100k times
    rows = [
        {"customer_code": code, "revenue_12m": fen_to_yuan(rev) if rev else zero, "suggested_grade": grade,
         "grade": set_grade, "customer_id": cid, "customer_name": name,
         "suggestion": suggestion(grade, rev, rank, before, total, blacklisted, overdue)}
        for cid, code, name, rev, grade, set_grade, rank, before, blacklisted, overdue in zip(
            *(data[key] for key in KINDS), strict=True)
    ]
    return _table(as_of, rows, counts, revenue)


def compact(session: Session, *, as_of: date, seen: ColumnElement[bool] | None = None) -> Table:
    """`build`'s table with its rows kept as columns (GradeRows): what the 分析 tab holds for 100,000 customers."""
    rows = grade_rows(session, as_of, seen)
    return _table(as_of, rows, rows.counts, rows.listed_revenue)
