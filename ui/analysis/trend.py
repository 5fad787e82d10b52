"""A customer's trend chart (24 monthly net revenues, the least-squares line of the last 12, the year before
overlaid): in the 潜在大客户 page and as the customer card's 趋势 tab. Nothing here imports pyqtgraph: the chart
loads it when first shown."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QProgressBar, QVBoxLayout, QWidget

from app import analytics, charts
from ui.charts import ChartView
from ui.context import AppContext


def trend_figures(session: Any, actor: Any, customer_id: int, on: date) -> charts.Chart:
    return charts.trend_chart(analytics.customer_trend(session, actor, customer_id, on))


class TrendPanel(QWidget):
    """The trend chart of one customer, computed off the GUI thread (the newest request wins)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.customer_id: int | None = None
        self.on: date | None = None
        self.chart = ChartView()
        self.chart.save_png.connect(self._save)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumHeight(6)
        self.busy.setTextVisible(False)
        self.busy.setVisible(False)
        self.hint = QLabel(self.tr("选择一个客户查看其月销售趋势"))
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setStyleSheet("color: #777")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.busy)
        layout.addWidget(self.hint)
        layout.addWidget(self.chart, 1)

    def show_customer(self, customer_id: int | None, on: date | None = None) -> None:
        on = on or self.ctx.as_of
        if customer_id is None:
            return
        self.customer_id, self.on = customer_id, on
        self.busy.setVisible(True)

        def done(chart: charts.Chart) -> None:
            self.busy.setVisible(False)
            self.hint.setVisible(False)
            self.chart.set_chart(chart)

        def failed(exc: Exception) -> None:
            self.busy.setVisible(False)
            self.hint.setText(str(exc))
            self.hint.setVisible(True)

        self.ctx.query(trend_figures, customer_id, on, done=done, failed=failed, owner=self, key="trend")

    def _save(self) -> None:
        from ui.analysis.common import save_chart

        save_chart(self, self.chart)


class CustomerTrendTab(TrendPanel):
    """The customer card's 趋势 tab: loads the card's customer when the tab is first shown (and again after the
    card shows another customer or the as-of date moved)."""

    def __init__(self, ctx: AppContext, customer_id: Callable[[], int | None], parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._customer = customer_id

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt signature
        super().showEvent(event)
        wanted = self._customer()
        if wanted is not None and (wanted, self.ctx.as_of) != (self.customer_id, self.on):
            self.show_customer(wanted, self.ctx.as_of)
