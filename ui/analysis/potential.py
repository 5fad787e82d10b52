"""潜在大客户: the DOMAIN.md list with why each customer is on it, a scatter of every customer's revenue against its
growth (click a point: its card), and the trend chart of the customer selected in the list."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTableView, QWidget

from app import analytics, charts
from app.analytics import Columns, Rows
from ui.analysis.common import AnalysisPage, CompactModel
from ui.analysis.trend import TrendPanel
from ui.context import AppContext
from ui.credit.tab import make_table
from ui.table_model import ColumnSpec
from ui.widgets.dates import date_edit

KINDS = {"customer_code": "text", "customer_name": "text", "last6": "money", "prior6": "money", "growth": "rate",
         "active_months": "int", "slope": "money", "reason": "text", "customer_id": "int"}


def figures(session: Any, actor: Any, on: date) -> tuple[analytics.PotentialView, charts.Chart]:
    """The view with its list kept as columns (app.analytics.Rows: the report's rows, the reason as its text) and
    without its points, and the scatter, which holds them (~30,000 at 100,000 customers, as columns)."""
    view = analytics.potential_view(session, actor, on)
    rows = Rows(Columns.from_rows(view.table.rows, KINDS))
    return replace(view, table=replace(view.table, rows=rows), points=()), charts.potential_chart(view)


class PotentialPage(AnalysisPage):
    WIDTHS = {"rank": 44, "customer_code": 80, "customer_name": 200, "last6": 110, "prior6": 110, "growth": 76,
              "active_months": 70, "slope": 100, "reason": 360}

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.result: analytics.PotentialView | None = None  # without its points: the chart holds them
        self.plotted = 0  # customers on the scatter
        self.as_of = date_edit(ctx.as_of)
        self.as_of.dateChanged.connect(lambda _d: self.refresh())
        self.follow_as_of(self.as_of.setDate, self.as_of)
        self.controls.addWidget(QLabel(self.tr("截至：")))
        self.controls.addWidget(self.as_of)
        columns = [ColumnSpec("rank", self.tr("排名"), "int"), ColumnSpec("customer_code", self.tr("客户编码")),
                   ColumnSpec("customer_name", self.tr("客户名称")),
                   ColumnSpec("last6", self.tr("近6月净销售额"), "money"),
                   ColumnSpec("prior6", self.tr("前6月净销售额"), "money"), ColumnSpec("growth", self.tr("增长率"), "rate"),
                   ColumnSpec("active_months", self.tr("有销售月数"), "int"),
                   ColumnSpec("slope", self.tr("月趋势（元/月）"), "money"), ColumnSpec("reason", self.tr("入选原因"))]
        self.model = CompactModel(columns, parent=self)
        self.view = make_table(self.model, "analysis/potential/header", self.WIDTHS)
        self.view.horizontalHeader().setStretchLastSection(True)  # the reason takes the room left
        self.view.doubleClicked.connect(lambda index: self._open(index.row()))
        self.view.selectionModel().currentRowChanged.connect(lambda current, _prev: self._selected(current.row()))
        self.scatter = self.chart_view()
        self.scatter.clicked.connect(self.open_customer)
        self.trend = TrendPanel(ctx)
        charts_row = self.splitter(Qt.Orientation.Horizontal, self.scatter, self.trend, sizes=(700, 700))
        body = self.splitter(Qt.Orientation.Vertical, self.view, charts_row, sizes=(300, 460))
        self.finish_layout(body, self.tr("选中一行看趋势，双击或点击图中的点打开客户资料"))

    def tables(self) -> list[QTableView]:
        return [self.view]

    def refresh(self) -> None:
        self.load(figures, self.as_of.date().toPython(), done=self._loaded)

    def _loaded(self, result: tuple[analytics.PotentialView, charts.Chart]) -> None:
        view, chart = result
        self.result, self.plotted = view, sum(len(s.keys) for s in chart.series)
        rows: Rows = view.table.rows  # type: ignore[assignment] - figures' rows are Rows

        def sort_value(key: str) -> Callable[[int], Any] | None:
            return (lambda i: i + 1) if key == "rank" else rows.columns.sort_value(key)

        self.model.set_source(len(rows), lambda i: {**rows.row(i), "rank": i + 1}, sort_value)
        self.scatter.set_chart(chart)
        self.show_message(" ".join(view.table.notes))
        if len(rows):
            self.view.selectRow(0)

    def _selected(self, row: int) -> None:
        found = self.model.row_at(row)
        if found is not None and self.result is not None:
            self.trend.show_customer(found["customer_id"], self.result.on)

    def _open(self, row: int) -> None:
        found = self.model.row_at(row)
        if found is not None:
            self.open_customer(found["customer_id"])

    def title_text(self) -> str:
        return self.tr("潜在大客户")

    def export_params(self) -> list[tuple[str, str]]:
        return [] if self.result is None else [(self.tr("截至"), self.result.on.isoformat())]

    def export_notes(self) -> list[str]:
        return list(self.result.table.notes) if self.result else []

    def status_text(self) -> str:
        if self.result is None:
            return self.tr("正在找出潜在大客户…") if self.is_loading() else ""
        return self.tr("潜在大客户 {0:,} 个；图中 {1:,} 个客户").format(len(self.result.table.rows), self.plotted)
