"""毛利分析: revenue, cost, gross profit and margin by one grouping over a period, ranked by gross profit, with a bar
chart of the top 20 and the documents behind any row (revenue only for a role without cost.view)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QComboBox, QLabel, QTableView, QWidget

from app import analytics, charts
from app.analytics import Columns, Rows
from app.reports.margin import GROUPINGS, CustomerRows, customer_row, fen_rate
from app.tables import Table
from ui.analysis.common import AnalysisPage, CompactModel, label_of, totals_row
from ui.context import AppContext
from ui.credit.tab import make_table
from ui.table_model import ColumnSpec
from ui.widgets.dates import date_edit


def figures(session: Any, actor: Any, start: date, end: date, group_by: str
            ) -> tuple[Table, charts.Chart, Columns]:
    """The report, its chart and its rows in rank order (made off the GUI thread)."""
    table = analytics.report_for(session, actor, "margin", start=start, end=end, group_by=group_by)
    ranked, top = ranked_columns(table)
    return table, charts.margin_chart(replace(table, rows=top)), ranked


# the ranked columns; the margin is worked out from revenue and gross profit when a row is made (fen_rate)
RANKED_KINDS: dict[str, Any] = {"name": "text", "revenue": "money", "cost": "money", "gross_profit": "money",
                                "customer_id": "int"}
FIGURES = ("revenue", "cost", "gross_profit", "customer_id")


def ranked_columns(table: Table) -> tuple[Columns, list[dict[str, Any]]]:
    """The rows in rank order (gross profit, or revenue for a table without cost, descending; then the group as
    text: charts.margin_chart's order) kept as columns, and the first charts.TOP rows for the chart. By customer
    the query's tuples are ranked as they are (margin.CustomerRows): no row is made but the chart's."""
    key = table.columns[0].key
    with_cost = "gross_profit" in table.keys
    kinds = {"value": "text" if key == "customer_code" else "choice", **RANKED_KINDS}
    if isinstance(table.rows, CustomerRows):
        found = sorted(table.rows.found, key=(lambda f: (f[2] - f[1], f[0])) if with_cost else (lambda f: (-f[1], f[0])))
        nothing = [None] * len(found)
        data = {"value": [f[0] for f in found], "name": [f[4] for f in found], "revenue": [f[1] for f in found],
                "cost": [f[2] for f in found] if with_cost else nothing,
                "gross_profit": [f[1] - f[2] for f in found] if with_cost else nothing,
                "customer_id": [f[3] for f in found]}
        return Columns(kinds, data), [customer_row(f, with_cost) for f in found[:charts.TOP]]
    measure = "gross_profit" if with_cost else "revenue"
    rows = sorted(table.rows, key=lambda r: (-r[measure], str(r[key])))
    return Columns(kinds, {"value": [r[key] for r in rows],
                           "name": [r.get("customer_name", r.get("salesperson_name")) for r in rows],
                           **{k: [r.get(k) for r in rows] for k in FIGURES}}), rows[:charts.TOP]


class MarginPage(AnalysisPage):
    GROUPS = (  # titles marked for lupdate (they reach self.tr() as variables)
        (QT_TRANSLATE_NOOP("MarginPage", "按客户"), "customer"), (QT_TRANSLATE_NOOP("MarginPage", "按销售员"), "salesperson"),
        (QT_TRANSLATE_NOOP("MarginPage", "按地区"), "region"), (QT_TRANSLATE_NOOP("MarginPage", "按行业"), "industry"),
        (QT_TRANSLATE_NOOP("MarginPage", "按客户类型"), "type"), (QT_TRANSLATE_NOOP("MarginPage", "按信用等级"), "grade"),
        (QT_TRANSLATE_NOOP("MarginPage", "按商品类别"), "category"), (QT_TRANSLATE_NOOP("MarginPage", "按月份"), "month"),
    )
    GROUP_TITLES = {"customer": QT_TRANSLATE_NOOP("MarginPage", "客户"), "salesperson": QT_TRANSLATE_NOOP("MarginPage", "销售员"),
                    "region": QT_TRANSLATE_NOOP("MarginPage", "地区"), "industry": QT_TRANSLATE_NOOP("MarginPage", "行业"),
                    "type": QT_TRANSLATE_NOOP("MarginPage", "客户类型"), "grade": QT_TRANSLATE_NOOP("MarginPage", "信用等级"),
                    "category": QT_TRANSLATE_NOOP("MarginPage", "商品类别"), "month": QT_TRANSLATE_NOOP("MarginPage", "月份")}
    WIDTHS = {"rank": 44, "group": 250, "revenue": 110, "cost": 110, "gross_profit": 105, "margin": 70}

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.table: Table | None = None
        self.start = date_edit(ctx.as_of.replace(month=1, day=1))
        self.end = date_edit(ctx.as_of)
        self.follow_as_of(lambda day: (self.start.setDate(day.replace(month=1, day=1)), self.end.setDate(day)),
                          self.start, self.end)
        self.group = QComboBox()
        for title, key in self.GROUPS:
            self.group.addItem(self.tr(title), key)
        for signal in (self.start.dateChanged, self.end.dateChanged, self.group.currentIndexChanged):
            signal.connect(lambda *_a: self.refresh())
        self.controls.addWidget(QLabel(self.tr("期间：")))
        self.controls.addWidget(self.start)
        self.controls.addWidget(QLabel(self.tr("至")))
        self.controls.addWidget(self.end)
        self.controls.addWidget(QLabel(self.tr("分组：")))
        self.controls.addWidget(self.group)
        self.model = CompactModel(self._columns("customer", True), lambda r, k: k in ("gross_profit", "margin") and (
            r.get(k) is not None and r[k] < 0), self)
        self.ranked: Columns | None = None  # the rows shown, in rank order, as columns
        self.view = make_table(self.model, "analysis/margin/header", self.WIDTHS)
        self.view.doubleClicked.connect(lambda index: self.drill(self.model.row_at(index.row())))
        self.chart = self.chart_view()
        self.chart.clicked.connect(self._bar_clicked)
        body = self.splitter(Qt.Orientation.Horizontal, self.view, self.chart, sizes=(820, 560))
        self.finish_layout(body, self.tr("双击一行查看构成它的单据"))

    def _columns(self, group_by: str, with_cost: bool) -> list[ColumnSpec]:
        columns = [ColumnSpec("rank", self.tr("排名"), "int"),
                   ColumnSpec("group", self.tr(self.GROUP_TITLES[group_by])),
                   ColumnSpec("revenue", self.tr("销售收入"), "money")]
        if with_cost:
            columns += [ColumnSpec("cost", self.tr("销售成本"), "money"), ColumnSpec("gross_profit", self.tr("毛利"), "money"),
                        ColumnSpec("margin", self.tr("毛利率"), "rate")]
        return columns

    def tables(self) -> list[QTableView]:
        return [self.view]

    def refresh(self) -> None:
        start, end = self.start.date().toPython(), self.end.date().toPython()
        if start > end:
            self.show_message(self.tr("开始日期不能晚于结束日期"), error=True)
            return
        self.message.clear()
        self.load(figures, start, end, self.group.currentData(), done=self._loaded)

    def _loaded(self, result: tuple[Table, charts.Chart, Columns]) -> None:
        table, chart, ranked = result
        group_by = table.params["group_by"]
        key = GROUPINGS[group_by][0]
        with_cost = "gross_profit" in table.keys
        self.table, self.ranked = replace(table, rows=Rows(ranked)), ranked
        names = {"customer_code": "customer_name", "salesperson_code": "salesperson_name"}.get(key, "name")

        revenue_fen, profit_fen = ranked.sort_value("revenue"), ranked.sort_value("gross_profit")

        def margin(i: int) -> Any:  # noqa: ANN401 - a Decimal rate, or None
            return fen_rate(profit_fen(i), revenue_fen(i)) if with_cost else None

        def make_row(i: int) -> dict[str, Any]:
            r = ranked.row(i)
            r[key], r[names] = r["value"], r["name"]
            return {"rank": i + 1, "group": self.group_text(r, key), "value": r["value"],
                    **{k: r[k] for k in FIGURES}, "margin": margin(i)}

        def sort_value(column: str) -> Callable[[int], Any] | None:
            if column == "rank":
                return lambda i: i
            if column == "margin":
                return margin
            return ranked.sort_value(column) if column in ranked.kinds else None

        columns = self._columns(group_by, with_cost)
        totals = totals_row(columns, group=self.tr("合计"), **table.totals)
        self.model.set_source(len(ranked), make_row, sort_value, totals=totals, columns=columns)
        for n, column in enumerate(self.model.columns):
            self.view.horizontalHeader().resizeSection(n, self.WIDTHS.get(column.key, 100))
        self.chart.set_chart(chart)
        self.show_message(" ".join(table.notes) if table.notes else "")

    def group_text(self, row: dict[str, Any], key: str) -> str:
        if key == "customer_code":
            return label_of(row[key], row.get("customer_name"))
        if key == "salesperson_code":
            return self.tr("公司共享客户 / 无经办人") if row[key] is None else label_of(row[key], row.get("salesperson_name"))
        return self.tr("（未设置）") if row[key] is None else str(row[key])

    def _bar_clicked(self, value: Any) -> None:
        if self.ranked is None:
            return
        of = self.ranked.sort_value("value")
        at = next((i for i in range(len(self.ranked)) if of(i) == value), None)
        self.drill(None if at is None else self.model.make_row(at))

    def drill(self, row: dict[str, Any] | None) -> None:
        """The documents whose amounts make up this row."""
        if row is None or self.table is None:
            return
        params = self.table.params
        with_cost = "gross_profit" in self.table.keys
        columns = [ColumnSpec("date", self.tr("日期"), "date"), ColumnSpec("kind", self.tr("单据")),
                   ColumnSpec("number", self.tr("单号")), ColumnSpec("customer_code", self.tr("客户编码")),
                   ColumnSpec("customer_name", self.tr("客户名称")), ColumnSpec("revenue", self.tr("销售收入"), "money")]
        if with_cost:
            columns += [ColumnSpec("cost", self.tr("销售成本"), "money"), ColumnSpec("gross_profit", self.tr("毛利"), "money")]
        title = self.tr("{0}：{1}（{2} 至 {3}）的单据").format(
            self.tr(self.GROUP_TITLES[params["group_by"]]), row["group"], params["from"], params["to"])
        kinds = {"order": self.tr("销售单"), "return": self.tr("退货单")}

        def rows_of(docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
            return [{**d, "kind": kinds[d["kind"]],
                     "gross_profit": d["revenue"] - d["cost"] if "cost" in d else None} for d in docs]

        def note(docs: list[dict[str, Any]]) -> str:
            revenue = sum((d["revenue"] for d in docs), start=0)
            return self.tr("共 {0:,} 张单据，销售收入合计 {1:,.2f} 元；双击一行打开客户资料").format(len(docs), revenue)

        self.open_records(title, columns, analytics.margin_documents, params["from"], params["to"],
                          params["group_by"], row["value"], rows_of=rows_of, note=note)

    def title_text(self) -> str:
        return self.tr("毛利分析")

    def export_params(self) -> list[tuple[str, str]]:
        if self.table is None:
            return []
        p = self.table.params
        return [(self.tr("期间"), self.tr("{0} 至 {1}").format(p["from"], p["to"])), (self.tr("分组"), self.group.currentText())]

    def export_notes(self) -> list[str]:
        return list(self.table.notes) if self.table else []

    def status_text(self) -> str:
        if self.table is None:
            return self.tr("正在计算毛利…") if self.is_loading() else ""
        return self.tr("毛利分析：{0:,} 组").format(len(self.table.rows))

