"""The 分析 tab's data (app.analytics views, app.charts): each chart's series are the report's figures, what a
salesperson may see is filtered in the core, the documents behind a figure add up to it, and the batch grade use
case is permission-checked and audited. Small explicit datasets; expected figures by hand."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app import analytics, charts
from app.context import Actor
from app.customer_service import apply_suggested_grades
from app.errors import PermissionDenied
from app.messages import msg
from app.reports import build as build_report
from app.reports import margin
from app.reports.common import window_months
from models import AuditLog, Customer, Salesperson
from tests.core.builders import Book

D = Decimal
AS_OF = date(2025, 6, 30)
BOSS = Actor("boss", "admin")


def _company(session: Session) -> dict[str, int]:
    """S01 owns A1, S02 owns B1, P1 is in the shared pool (amounts in yuan, costs 60 % unless said)."""
    s1, s2 = Salesperson(code="S01", name="张三"), Salesperson(code="S02", name="李四")
    session.add_all([s1, s2])
    session.flush()
    book = Book(session)
    a1 = book.customer("A1", owner_id=s1.id, created=date(2024, 1, 1))
    b1 = book.customer("B1", owner_id=s2.id, created=date(2024, 1, 1))
    p1 = book.customer("P1", created=date(2024, 1, 1))
    book.order(a1, date(2024, 12, 15), "400.00", cost="240.00")
    book.order(a1, date(2025, 1, 10), "1000.00", cost="600.00")
    book.order(a1, date(2025, 6, 5), "3000.00", cost="1800.00")
    book.order(b1, date(2025, 6, 10), "500.00", cost="300.00")
    book.ret(b1, date(2025, 6, 20), "100.00")  # the product's cost: 60.00
    book.order(p1, date(2025, 5, 1), "200.00", cost="100.00")
    book.order(p1, date(2025, 7, 1), "999.00", cost="1.00")  # after the as-of date: never counted
    for c in (a1, b1, p1):  # paid at once: nobody is graded D
        book.receipt(c, date(2025, 6, 30), "5000.00")
    session.flush()
    return {"s1": s1.id, "s2": s2.id, "a1": a1.id, "b1": b1.id, "p1": p1.id}


@pytest.fixture
def ids(session: Session) -> dict[str, int]:
    return _company(session)


def _sales(ids: dict[str, int]) -> Actor:
    return Actor("zhang", "sales", ids["s1"])


# --- axes ---------------------------------------------------------------------------------------------------------


def test_money_axes_switch_to_wan_yuan_at_100000() -> None:
    small = charts.money_axis("销售额", [D("99999.99"), D("-5"), None])
    large = charts.money_axis("销售额", [D("100000.00")])
    assert (small.scale, small.title) == (D(1), "销售额（元）")
    assert (large.scale, large.title) == (D(10000), "销售额（万元）")
    assert large.drawn(D("250000.00")) == 25.0
    assert charts.rate_axis("活跃率").drawn(D("0.5")) == 50.0


# --- what a salesperson sees --------------------------------------------------------------------------------------


def test_a_salesperson_sees_own_customers_and_the_pool_and_no_cost(session: Session, ids: dict[str, int]) -> None:
    sales = _sales(ids)
    mine = analytics.report_for(session, sales, "margin", start=date(2025, 1, 1), end=AS_OF, group_by="customer")
    assert [r["customer_code"] for r in mine.rows] == ["A1", "P1"]
    assert mine.keys == ["customer_code", "revenue"] and set(mine.totals) == {"revenue"}
    assert mine.totals["revenue"] == D("4200.00")
    everyone = analytics.report_for(session, BOSS, "margin", start=date(2025, 1, 1), end=AS_OF, group_by="customer")
    assert [r["customer_code"] for r in everyone.rows] == ["A1", "B1", "P1"]
    assert everyone.totals["gross_profit"] == D("4600.00") - D("2740.00")  # B1: 500 − 100 of revenue, 300 − 60 of cost
    for name in ("abc", "rfm", "dormant"):
        seen = {r["customer_code"] for r in analytics.report_for(session, sales, name, as_of=AS_OF).rows}
        assert seen <= {"A1", "P1"}, name
    rfm = analytics.report_for(session, sales, "rfm", as_of=AS_OF)
    assert {r["customer_code"] for r in rfm.rows} == {"A1", "P1"}
    # scores still rank the whole company: the same as the administrator's for the same customer
    boss_rfm = {r["customer_code"]: (r["r"], r["f"], r["m"]) for r in analytics.report_for(
        session, BOSS, "rfm", as_of=AS_OF).rows}
    assert all(boss_rfm[r["customer_code"]] == (r["r"], r["f"], r["m"]) for r in rfm.rows)
    activity = analytics.report_for(session, sales, "activity", first="2025-05", last="2025-06")
    assert {r["salesperson_code"] for r in activity.rows} == {"S01"}
    view = analytics.potential_view(session, sales, AS_OF)
    assert {p.code for p in view.points} <= {"A1", "P1"}
    assert all(p.gross_profit_12m is None for p in view.points)
    with pytest.raises(PermissionDenied):
        analytics.activity_customers(session, sales, ids["s2"], "2025-06")
    with pytest.raises(PermissionDenied):
        analytics.customer_trend(session, sales, ids["b1"], AS_OF)


def test_the_reports_filter_by_seen(session: Session, ids: dict[str, int]) -> None:
    seen = Customer.owner_id == ids["s2"]
    table = build_report(session, "margin", start=date(2025, 1, 1), end=AS_OF, group_by="month", seen=seen)
    assert [(r["month"], r["revenue"], r["cost"]) for r in table.rows] == [("2025-06", D("400.00"), D("240.00"))]
    assert [r["customer_code"] for r in build_report(session, "abc", as_of=AS_OF, seen=seen).rows] == ["B1"]


# --- the documents and customers behind a figure ------------------------------------------------------------------


@pytest.mark.parametrize("group_by", list(margin.GROUPINGS))
def test_the_documents_behind_a_margin_row_add_up_to_it(session: Session, ids: dict[str, int], group_by: str) -> None:
    table = build_report(session, "margin", start=date(2024, 12, 1), end=AS_OF, group_by=group_by)
    key = table.columns[0].key
    assert table.rows
    for row in table.rows:
        docs = analytics.margin_documents(session, BOSS, date(2024, 12, 1), AS_OF, group_by, row[key])
        assert sum(d["revenue"] for d in docs) == row["revenue"], (group_by, row)
        assert sum(d["cost"] for d in docs) == row["cost"], (group_by, row)
    every = [d for row in table.rows for d in analytics.margin_documents(
        session, BOSS, date(2024, 12, 1), AS_OF, group_by, row[key])]
    if group_by != "category":  # a document appears once, in its own group
        assert len(every) == len({(d["kind"], d["id"]) for d in every}) == 6


def test_the_customers_behind_an_activity_cell(session: Session, ids: dict[str, int]) -> None:
    table = build_report(session, "activity", first="2025-05", last="2025-06")
    assert {(r["salesperson_code"], r["month"]): (r["assigned"], r["active"]) for r in table.rows} == {
        ("S01", "2025-05"): (1, 0), ("S01", "2025-06"): (1, 1), ("S02", "2025-05"): (1, 0), ("S02", "2025-06"): (1, 1)}
    for row in table.rows:
        sp = ids["s1"] if row["salesperson_code"] == "S01" else ids["s2"]
        found = analytics.activity_customers(session, BOSS, sp, row["month"])
        assert len(found) == row["assigned"] and sum(c.active for c in found) == row["active"]
    may = analytics.activity_customers(session, BOSS, ids["s1"], "2025-05")
    assert [(c.code, c.active, c.last_order) for c in may] == [("A1", False, date(2025, 1, 10))]


# --- chart series are the tables' figures -------------------------------------------------------------------------


def test_activity_chart_series_are_the_report(session: Session, ids: dict[str, int]) -> None:
    table = build_report(session, "activity", first="2025-04", last="2025-06")
    chart = charts.activity_chart(table)
    assert chart.x.categories == ("2025-04", "2025-05", "2025-06")
    assert chart.series_by_key("S01").values == (D("0.0000"), D("0.0000"), D("1.0000"))
    assert chart.series_by_key("company").values == tuple(table.totals[m]["rate"] for m in chart.x.categories)
    assert chart.y.percent and chart.y_view == (D(0), D(1))


def test_margin_chart_ranks_by_gross_profit(session: Session, ids: dict[str, int]) -> None:
    table = analytics.report_for(session, BOSS, "margin", start=date(2025, 1, 1), end=AS_OF, group_by="customer")
    chart = charts.margin_chart(table)
    bars = chart.series[0]
    assert bars.key == "gross_profit" and bars.kind == "hbar"
    assert bars.values == (D("1600.00"), D("160.00"), D("100.00"))  # A1 4000−2400, B1 400−240, P1 200−100
    assert chart.y.categories == ("A1 客户A1", "B1 客户B1", "P1 客户P1")
    assert bars.keys == ("A1", "B1", "P1")
    revenue_only = charts.margin_chart(analytics.report_for(session, _sales(ids), "margin", start=date(2025, 1, 1),
                                                            end=AS_OF, group_by="customer"))
    assert revenue_only.series[0].key == "revenue" and revenue_only.series[0].values == (D("4000.00"), D("200.00"))


def test_trend_chart_is_24_months_with_the_least_squares_line(session: Session, ids: dict[str, int]) -> None:
    t = analytics.customer_trend(session, BOSS, ids["a1"], AS_OF)
    chart = charts.trend_chart(t)
    assert chart.x.categories == tuple(window_months(AS_OF, 12))
    revenue = chart.series_by_key("revenue").values  # 2024-07 … 2025-06
    assert (revenue[5], revenue[6], revenue[11], sum(revenue)) == (D("400.00"), D("1000.00"), D("3000.00"),
                                                                    D("4400.00"))
    assert chart.series_by_key("previous").values == (D("0.00"),) * 12  # 2023-07 … 2024-06
    # least squares through (5, 400), (6, 1000), (11, 3000), zeros elsewhere:
    # slope = 6·Σ(2x − 11)·y / (12·143) = 6·(−400 + 1000 + 33000) / 1716 = 117.4825…
    assert t.trend.slope == D("117.48")
    fitted = chart.series_by_key("fitted").values
    assert all(abs(b - a - D("117.48")) <= D("0.01") for a, b in zip(fitted, fitted[1:], strict=False))
    potential = {r["customer_code"]: r["slope"] for r in build_report(session, "potential", as_of=AS_OF).rows}
    if "A1" in potential:
        assert potential["A1"] == t.trend.slope


def test_potential_scatter_points_are_the_customers_revenue_and_growth(session: Session, ids: dict[str, int]) -> None:
    view = analytics.potential_view(session, BOSS, AS_OF)
    abc = {r["customer_code"]: r["revenue_12m"] for r in build_report(session, "abc", as_of=AS_OF).rows}
    assert view.points, "A1 had revenue in both halves"
    for p in view.points:
        assert p.revenue_12m == abc[p.code]
    a1 = next(p for p in view.points if p.code == "A1")
    assert a1.growth == D("9.0000")  # last 6: 4000, prior 6: 400
    assert a1.gross_profit_12m == D("1760.00")
    assert view.unplotted == 2  # B1 and P1 bought only in the last 6 months
    chart = charts.potential_chart(view)
    everyone = [k for s in chart.series for k in s.keys]
    assert sorted(everyone) == sorted(p.customer_id for p in view.points)
    flagged = {r["customer_code"] for r in view.table.rows}
    assert {p.code for p in view.points if p.flagged} == flagged & {p.code for p in view.points}
    assert [line.axis for line in chart.lines][0] == "y" and chart.lines[0].value == D("0.5")
    assert chart.x.kind == "log"


def test_potential_scatter_keeps_points_as_columns_with_tooltips_worded_when_hovered() -> None:
    """Tens of thousands of points: the series read their figures from columns and word a tooltip only when it is
    asked for, the same figures and texts as the points give."""
    points = [
        analytics.ScatterPoint(1, "C1", "甲", D("1234.50"), D("0.5000"), D("-10.00"), True),
        analytics.ScatterPoint(2, "C2", "乙", D("99.99"), D(0), D("20.01"), False),
        analytics.ScatterPoint(3, "C3", "", D("100000.00"), D("-0.2500"), D("0.00"), False),
    ]
    view = analytics.PotentialView(AS_OF, None, tuple(points), D("5000.00"), D("0.5"), 0)  # type: ignore[arg-type]
    chart = charts.potential_chart(view)
    words = (str(msg("chart.net_revenue")), str(msg("chart.gross_profit")), str(msg("chart.growth")))
    for key, flagged in (("others", False), ("flagged", True)):
        series, mine = chart.series_by_key(key), [p for p in points if p.flagged == flagged]
        assert not isinstance(series.labels, tuple) and len(series.labels) == len(mine)
        assert list(series.values) == [p.growth for p in mine]
        assert list(series.at) == [p.revenue_12m for p in mine]
        assert list(series.sizes) == [max(p.gross_profit_12m, D(0)) for p in mine]
        assert list(series.keys) == [p.customer_id for p in mine] and series.keys[-1] == mine[-1].customer_id
        assert list(series.labels) == [charts._point_label(p, words) for p in mine]  # noqa: SLF001
    assert chart.series_by_key("others").labels[1] == "C3 \n净销售额 100,000.00，毛利 0.00\n近6月较前6月增长 -25.00%"
    assert chart.x.scale == charts.WAN and chart.y_view == (D(-1), D(1))
    # the view's points are such columns already (analytics.ScatterPoints): each made when read, named in a repr
    kept = analytics.ScatterPoints.of(points)
    assert list(kept) == points and kept[-1] == points[-1] and str(kept[0].revenue_12m) == "1234.50"
    with pytest.raises(IndexError):
        kept[3]
    assert "C2" in repr(kept) and "乙" in repr(kept)
    again = charts.potential_chart(analytics.PotentialView(AS_OF, None, kept, D("5000.00"), D("0.5"), 0))  # type: ignore[arg-type]
    assert [[list(getattr(s, f)) for f in ("values", "at", "sizes", "labels", "keys")] for s in again.series] == [
        [list(getattr(s, f)) for f in ("values", "at", "sizes", "labels", "keys")] for s in chart.series]


def test_company_chart_is_margin_by_month(session: Session, ids: dict[str, int]) -> None:
    table = analytics.company_trend(session, BOSS, AS_OF)
    by_month = {r["month"]: r for r in build_report(session, "margin", start=date(2024, 1, 1), end=AS_OF,
                                                    group_by="month").rows}
    for row in table.rows:
        now = by_month.get(row["month"])
        if row["month"] <= "2025-06":
            assert row["revenue"] == (now["revenue"] if now else D("0.00"))
        else:
            assert row["revenue"] is None
        before = by_month.get(row["month_last"])
        assert row["revenue_last"] == (before["revenue"] if before else D("0.00"))
    assert table.totals["revenue"] == D("4600.00")  # the return already net in June
    assert table.totals["revenue_last"] == D("0.00")  # 2024-12 is not in January…June
    chart = charts.company_chart(table)
    assert chart.series_by_key("revenue").values == tuple(r["revenue"] for r in table.rows)
    assert chart.series_by_key("gross_profit_last").values == tuple(r["gross_profit_last"] for r in table.rows)
    sales = charts.company_chart(analytics.company_trend(session, _sales(ids), AS_OF))
    assert [s.key for s in sales.series] == ["revenue", "revenue_last"]


def test_rfm_chart_counts_the_segments(session: Session, ids: dict[str, int]) -> None:
    table = analytics.report_for(session, BOSS, "rfm", as_of=AS_OF)
    chart = charts.rfm_chart(table)
    counts = dict(zip(chart.series[0].keys, chart.series[0].values, strict=True))
    assert sum(counts.values()) == len(table.rows) == 3
    for row in table.rows:
        assert row["segment"] == analytics.rfm_segment(row["r"], row["f"], row["m"])
    assert analytics.rfm_segment(5, 5, 5) == "important_value" and analytics.rfm_segment(1, 1, 1) == "general_retain"
    assert analytics.rfm_segment(3, 2, 4) == "important_develop" and analytics.rfm_segment(2, 3, 2) == "general_keep"


def test_preferences_share_the_customers_net_revenue(session: Session, ids: dict[str, int]) -> None:
    categories, products = analytics.customer_preferences(session, BOSS, ids["b1"], date(2025, 1, 1), AS_OF)
    assert [(r["revenue"], r["share"]) for r in products.rows] == [(D("400.00"), D("1.0000"))]
    assert categories.totals["revenue"] == D("400.00") and products.rows[0]["qty"] == D("0.000")
    chart = charts.preference_chart(categories)
    assert chart.series[0].values == tuple(r["share"] for r in categories.rows)


# --- 按建议设定等级 -------------------------------------------------------------------------------------------------


def test_applying_suggested_grades_is_permission_checked_and_audited(sessions: sessionmaker) -> None:
    with sessions.begin() as s:
        ids = _company(s)
    with sessions() as s:
        suggested = {cid: g.grade for cid, g in analytics.suggested_grades(s, AS_OF).items()}
    with pytest.raises(PermissionDenied):
        apply_suggested_grades(sessions, _sales(ids), AS_OF, [ids["a1"]])
    result = apply_suggested_grades(sessions, BOSS, AS_OF, [ids["a1"], ids["b1"], ids["p1"]])
    assert result.count == 3 and result.changes.touches("customer")
    with sessions() as s:
        grades = dict(s.execute(select(Customer.id, Customer.grade)).all())
        assert grades == {cid: suggested[cid] for cid in grades}
        logged = s.scalars(select(AuditLog).where(AuditLog.action == "customer.grade")).all()
        assert sorted(a.entity_id for a in logged) == sorted(grades)
        assert all(a.login == "boss" and '"grade"' in a.detail for a in logged)
    again = apply_suggested_grades(sessions, BOSS, AS_OF, [ids["a1"]])
    assert again.count == 0 and again.unchanged == 1


def test_grading_reads_the_aging_beside_the_revenue_with_the_same_answer(sessions: sessionmaker) -> None:
    """On a SQLite file the D-grade aging runs on a second connection while the revenue is read; the grades are
    those of the plain sequential computation (and a session that has written reads everything itself)."""
    with sessions.begin() as s:
        ids = _company(s)
    with sessions() as s:
        sequential = {cid: (g.grade, str(g.reason)) for cid, g in analytics.suggested_grades(
            s, AS_OF, d_reasons=lambda: analytics.grade_d_reasons(s, AS_OF)).items()}
    with sessions() as s:
        beside = {cid: (g.grade, str(g.reason)) for cid, g in analytics.suggested_grades(s, AS_OF).items()}
    assert beside == sequential and set(beside) == {ids["a1"], ids["b1"], ids["p1"]}
    with sessions() as s:
        s.add(Salesperson(code="S09", name="新人"))
        s.flush()  # written, not committed: the grading must not read on another connection
        assert {cid: (g.grade, str(g.reason)) for cid, g in analytics.suggested_grades(s, AS_OF).items()} == beside
        s.rollback()
