"""公司趋势: monthly revenue and gross profit of the as-of year against the year before, and the documents of a
month (gross profit for roles with cost.view only)."""
from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QLabel, QTableView, QWidget

from app import analytics, charts
from app.tables import Table
from ui.analysis.common import AnalysisPage, ListModel, totals_row
from ui.context import AppContext
from ui.credit.tab import make_table
from ui.table_model import ColumnSpec
from ui.widgets.dates import date_edit


def figures(session: Any, actor: Any, on: date) -> tuple[Table, charts.Chart]:
    table = analytics.company_trend(session, actor, on)
    return table, charts.company_chart(table)


class CompanyPage(AnalysisPage):
    WIDTHS = {"month": 80, "revenue": 120, "revenue_last": 120, "growth": 80, "gross_profit": 110,
              "gross_profit_last": 110, "margin": 80}

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.table: Table | None = None
        self.as_of = date_edit(ctx.as_of)
        self.as_of.dateChanged.connect(lambda _d: self.refresh())
        self.follow_as_of(self.as_of.setDate, self.as_of)
        self.controls.addWidget(QLabel(self.tr("截至：")))
        self.controls.addWidget(self.as_of)
        self.model = ListModel(self._columns(True), lambda r, k: k == "growth" and r.get(k) is not None and r[k] < 0,
                               self)
        self.view = make_table(self.model, "analysis/company/header", self.WIDTHS)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectItems)
        self.view.doubleClicked.connect(self.drill)
        self.chart = self.chart_view()
        self.chart.clicked.connect(lambda month: self.open_month(str(month)))
        body = self.splitter(Qt.Orientation.Vertical, self.view, self.chart, sizes=(300, 420))
        self.finish_layout(body, self.tr("双击某月的金额查看当月单据"))

    def _columns(self, with_cost: bool) -> list[ColumnSpec]:
        columns = [ColumnSpec("month", self.tr("月份")), ColumnSpec("revenue", self.tr("本年销售额"), "money"),
                   ColumnSpec("revenue_last", self.tr("上年同月销售额"), "money"),
                   ColumnSpec("growth", self.tr("同比增长"), "rate")]
        if with_cost:
            columns += [ColumnSpec("gross_profit", self.tr("本年毛利"), "money"),
                        ColumnSpec("gross_profit_last", self.tr("上年同月毛利"), "money"),
                        ColumnSpec("margin", self.tr("本年毛利率"), "rate")]
        return columns

    def tables(self) -> list[QTableView]:
        return [self.view]

    def refresh(self) -> None:
        self.load(figures, self.as_of.date().toPython(), done=self._loaded)

    def _loaded(self, result: tuple[Table, charts.Chart]) -> None:
        table, chart = result
        self.table = table
        columns = self._columns("gross_profit" in table.keys)
        totals = totals_row(columns, month=self.tr("1–{0}月合计").format(table.params["as_of"].month), **table.totals)
        self.model.set_rows(table.rows, totals, columns)
        self.chart.set_chart(chart)  # its notes say what the totals cover

    def drill(self, index: QModelIndex) -> None:
        row = self.model.row_at(index.row())
        if row is None:
            return
        key = self.model.columns[index.column()].key
        self.open_month(row["month_last"] if key.endswith("_last") else row["month"])

    def open_month(self, month: str) -> None:
        """The confirmed orders and returns of one month (dated up to the as-of date)."""
        if self.table is None:
            return
        on: date = self.table.params["as_of"]
        first = date.fromisoformat(f"{month}-01")
        if first > on:
            return
        from app.reports.common import month_end

        last = min(month_end(month), on)
        with_cost = "gross_profit" in self.table.keys
        columns = [ColumnSpec("date", self.tr("日期"), "date"), ColumnSpec("kind", self.tr("单据")),
                   ColumnSpec("number", self.tr("单号")), ColumnSpec("customer_code", self.tr("客户编码")),
                   ColumnSpec("customer_name", self.tr("客户名称")), ColumnSpec("revenue", self.tr("销售收入"), "money")]
        if with_cost:
            columns += [ColumnSpec("cost", self.tr("销售成本"), "money")]
        kinds = {"order": self.tr("销售单"), "return": self.tr("退货单")}

        def rows_of(docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
            return [{**d, "kind": kinds[d["kind"]]} for d in docs]

        def note(docs: list[dict[str, Any]]) -> str:
            revenue = sum((d["revenue"] for d in docs), start=0)
            return self.tr("共 {0:,} 张单据，销售收入合计 {1:,.2f} 元；双击一行打开客户资料").format(len(docs), revenue)

        self.open_records(self.tr("{0} 的单据").format(month), columns, analytics.margin_documents, first, last, "month",
                          month, rows_of=rows_of, note=note)

    def title_text(self) -> str:
        return self.tr("公司销售趋势")

    def export_params(self) -> list[tuple[str, str]]:
        return [] if self.table is None else [(self.tr("截至"), self.table.params["as_of"].isoformat())]

    def export_notes(self) -> list[str]:
        return list(self.table.notes) if self.table else []

    def status_text(self) -> str:
        if self.table is None:
            return self.tr("正在计算公司趋势…") if self.is_loading() else ""
        return self.tr("公司趋势：{0} 年与上年").format(self.table.params["as_of"].year)
