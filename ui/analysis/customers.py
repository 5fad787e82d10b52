"""沉睡客户, RFM (scores, segments and a segment × count chart) and 客户偏好 (what one customer buys most)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

from dateutil.relativedelta import relativedelta
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QSpinBox, QTableView, QWidget

from app import analytics, charts
from app.analytics import Columns, Rows
from app.tables import Table
from ui.analysis.common import AnalysisPage, CompactModel, ListModel, totals_row
from ui.context import AppContext
from ui.credit.tab import make_table
from ui.table_model import ColumnSpec
from ui.widgets.dates import date_edit
from ui.widgets.picker import Picker


def dormant_figures(session: Any, actor: Any, on: date, days: int | None) -> Table:
    return analytics.report_for(session, actor, "dormant", as_of=on, days=days)


def rfm_figures(session: Any, actor: Any, on: date) -> tuple[Table, charts.Chart]:
    """The report with its rows kept as columns (app.analytics.Rows), and its chart."""
    table = analytics.compact_report(session, actor, "rfm", as_of=on)
    rows: Rows = table.rows  # type: ignore[assignment]
    # the chart counts the customers of each segment: one row per customer, made of the column's counts
    counted = [row for segment, n in rows.columns.counts("segment").items() for row in [{"segment": segment}] * n]
    return table, charts.rfm_chart(replace(table, rows=counted))


DORMANT_KINDS = {"customer_code": "text", "customer_name": "text", "owner_name": "choice", "last_order_date": "date",
                 "days_since": "int", "customer_id": "int"}


def preference_figures(session: Any, actor: Any, customer_id: int, start: date, end: date
                       ) -> tuple[Table, Table, charts.Chart]:
    categories, products = analytics.customer_preferences(session, actor, customer_id, start, end)
    return categories, products, charts.preference_chart(categories)


class DormantPage(AnalysisPage):
    WIDTHS = {"customer_code": 90, "customer_name": 240, "owner_name": 100, "last_order_date": 100, "days_since": 80}

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.table: Table | None = None
        self.as_of = date_edit(ctx.as_of)
        self.follow_as_of(self.as_of.setDate, self.as_of)
        self.days = QSpinBox()
        self.days.setRange(0, 3650)
        self.days.setSpecialValueText(self.tr("按设置"))
        self.days.setSuffix(self.tr(" 天"))
        self.days.setValue(0)
        self.days.setToolTip(self.tr("最后一次下单距截至日超过这么多天的客户（0：按系统设置，默认 90 天）"))
        for signal in (self.as_of.dateChanged, self.days.valueChanged):
            signal.connect(lambda *_a: self.refresh())
        self.controls.addWidget(QLabel(self.tr("截至：")))
        self.controls.addWidget(self.as_of)
        self.controls.addWidget(QLabel(self.tr("沉睡天数：")))
        self.controls.addWidget(self.days)
        columns = [ColumnSpec("customer_code", self.tr("客户编码")), ColumnSpec("customer_name", self.tr("客户名称")),
                   ColumnSpec("owner_name", self.tr("负责销售员")),
                   ColumnSpec("last_order_date", self.tr("最后下单日期"), "date"),
                   ColumnSpec("days_since", self.tr("距今天数"), "int")]
        self.model = CompactModel(columns, parent=self)
        self.view = make_table(self.model, "analysis/dormant/header", self.WIDTHS)
        self.view.doubleClicked.connect(lambda index: self.open_customer(
            (self.model.row_at(index.row()) or {}).get("customer_id")))
        self.finish_layout(self.view, self.tr("双击打开客户资料"))

    def tables(self) -> list[QTableView]:
        return [self.view]

    def refresh(self) -> None:
        self.load(dormant_figures, self.as_of.date().toPython(), self.days.value() or None, done=self._loaded)

    def _loaded(self, table: Table) -> None:
        # the rows kept as columns (app.analytics.Columns), not as the report's dicts
        columns = Columns.from_rows(table.rows, DORMANT_KINDS)
        columns.relabel("owner_name", {None: self.tr("公司共享客户")})
        self.table = replace(table, rows=Rows(columns, table.rows[0].keys() if table.rows else DORMANT_KINDS))
        days = columns.sort_value("days_since")
        self.model.set_source(len(columns), lambda i: columns.row(i), columns.sort_value,
                              sorted(range(len(columns)), key=lambda i: -days(i)))
        self.show_message(" ".join(table.notes))

    def title_text(self) -> str:
        return self.tr("沉睡客户")

    def export_params(self) -> list[tuple[str, str]]:
        if self.table is None:
            return []
        return [(self.tr("截至"), self.table.params["as_of"].isoformat()),
                (self.tr("沉睡天数"), str(self.table.params["days"]))]

    def export_notes(self) -> list[str]:
        return list(self.table.notes) if self.table else []

    def status_text(self) -> str:
        if self.table is None:
            return self.tr("正在找出沉睡客户…") if self.is_loading() else ""
        return self.tr("沉睡客户 {0:,} 个").format(len(self.table.rows))


class RfmPage(AnalysisPage):
    WIDTHS = {"customer_code": 80, "customer_name": 200, "recency_days": 100, "frequency": 60, "monetary": 110,
              "r": 50, "f": 50, "m": 50, "segment_title": 100}

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.table: Table | None = None
        self.columns: Columns | None = None  # the result shown
        self.as_of = date_edit(ctx.as_of)
        self.as_of.dateChanged.connect(lambda _d: self.refresh())
        self.follow_as_of(self.as_of.setDate, self.as_of)
        self.segment = QComboBox()
        self.segment.addItem(self.tr("全部分群"), None)
        for key in analytics.RFM_SEGMENTS:
            self.segment.addItem(str(analytics.rfm_segment_title(key)), key)
        self.segment.currentIndexChanged.connect(lambda _i: self._filter())
        self.controls.addWidget(QLabel(self.tr("截至：")))
        self.controls.addWidget(self.as_of)
        self.controls.addWidget(QLabel(self.tr("分群：")))
        self.controls.addWidget(self.segment)
        columns = [ColumnSpec("customer_code", self.tr("客户编码")), ColumnSpec("customer_name", self.tr("客户名称")),
                   ColumnSpec("recency_days", self.tr("距上次下单天数"), "int"),
                   ColumnSpec("frequency", self.tr("订单数"), "int"), ColumnSpec("monetary", self.tr("净销售额"), "money"),
                   ColumnSpec("r", self.tr("R 得分"), "int"), ColumnSpec("f", self.tr("F 得分"), "int"),
                   ColumnSpec("m", self.tr("M 得分"), "int"), ColumnSpec("segment_title", self.tr("客户分群"))]
        self.model = CompactModel(columns, parent=self)
        self.view = make_table(self.model, "analysis/rfm/header", self.WIDTHS)
        self.view.doubleClicked.connect(lambda index: self.open_customer(
            (self.model.row_at(index.row()) or {}).get("customer_id")))
        self.chart = self.chart_view()
        self.chart.clicked.connect(self._segment_clicked)
        body = self.splitter(Qt.Orientation.Horizontal, self.view, self.chart, sizes=(860, 520))
        self.finish_layout(body, self.tr("点击图中的柱只看该分群；双击打开客户资料"))

    def tables(self) -> list[QTableView]:
        return [self.view]

    def refresh(self) -> None:
        self.load(rfm_figures, self.as_of.date().toPython(), done=self._loaded)

    def _loaded(self, result: tuple[Table, charts.Chart]) -> None:
        table, chart = result
        rows: Rows = table.rows  # type: ignore[assignment] - rfm_figures' rows are kept as columns
        self.table, self.columns = table, rows.columns
        titles = {k: str(analytics.rfm_segment_title(k)) for k in analytics.RFM_SEGMENTS}
        segment = rows.columns.sort_value("segment")

        def make_row(i: int) -> dict[str, Any]:
            row = rows.row(i)
            row["segment_title"] = titles[row["segment"]]
            return row

        def sort_value(key: str) -> Callable[[int], Any] | None:
            if key == "segment_title":
                return lambda i: titles[segment(i)]
            return rows.columns.sort_value(key) if key in rows.columns.kinds else None

        self.model.set_source(len(rows), make_row, sort_value, self._shown_positions())
        self.chart.set_chart(chart)
        self.status_changed.emit(self.status_text())
        self.show_message(" ".join(table.notes))

    def _shown_positions(self) -> Any:  # noqa: ANN401 - positions
        key = self.segment.currentData()
        if self.columns is None:
            return ()
        if key is None:
            return range(len(self.columns))
        return self.columns.positions("segment", lambda segment: segment == key)

    def _filter(self) -> None:
        self.model.show(self._shown_positions())
        self.status_changed.emit(self.status_text())

    def _segment_clicked(self, key: Any) -> None:
        index = self.segment.findData(key)
        if index >= 0:
            self.segment.setCurrentIndex(index)

    def title_text(self) -> str:
        return self.tr("客户 RFM 分析")

    def export_params(self) -> list[tuple[str, str]]:
        if self.table is None:
            return []
        return [(self.tr("截至"), self.table.params["as_of"].isoformat()), (self.tr("分群"), self.segment.currentText())]

    def export_notes(self) -> list[str]:
        return list(self.table.notes) if self.table else []

    def status_text(self) -> str:
        if self.table is None:
            return self.tr("正在计算 RFM…") if self.is_loading() else ""
        count = 0 if self.columns is None else len(self.columns)
        return self.tr("RFM：{0:,} 个客户（显示 {1:,} 个）").format(count, self.model.rowCount())


class PreferencePage(AnalysisPage):
    WIDTHS = {"category": 140, "revenue": 110, "share": 70, "lines": 70}
    PRODUCT_WIDTHS = {"category": 90, "product_code": 70, "product_name": 170, "qty": 80, "unit": 44, "revenue": 100,
                      "share": 64, "lines": 64}

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.stale = False  # nothing to show until a customer is picked
        self.result: tuple[Table, Table, charts.Chart] | None = None
        self.customer = Picker.for_customers(ctx)
        self.customer.setMinimumWidth(260)
        self.customer.picked.connect(lambda _i: self.refresh())
        self.start = date_edit(ctx.as_of - relativedelta(months=12) + relativedelta(days=1))
        self.end = date_edit(ctx.as_of)
        card = QPushButton(self.tr("客户资料…"))
        card.setAutoDefault(False)
        card.clicked.connect(lambda: self.open_customer(self.customer.current_id()))
        self.controls.addWidget(QLabel(self.tr("客户：")))
        self.controls.addWidget(self.customer, 1)
        self.controls.addWidget(QLabel(self.tr("期间：")))
        self.controls.addWidget(self.start)
        self.controls.addWidget(QLabel(self.tr("至")))
        self.controls.addWidget(self.end)
        self.controls.addWidget(card)
        self.categories = ListModel([ColumnSpec("category", self.tr("商品类别")),
                                     ColumnSpec("revenue", self.tr("净销售额"), "money"),
                                     ColumnSpec("share", self.tr("占比"), "rate"),
                                     ColumnSpec("lines", self.tr("单据行数"), "int")], parent=self)
        self.products = ListModel([ColumnSpec("product_code", self.tr("商品编码")),
                                   ColumnSpec("product_name", self.tr("商品名称")),
                                   ColumnSpec("category", self.tr("商品类别")), ColumnSpec("qty", self.tr("数量"), "qty"),
                                   ColumnSpec("unit", self.tr("单位")), ColumnSpec("revenue", self.tr("净销售额"), "money"),
                                   ColumnSpec("share", self.tr("占比"), "rate"),
                                   ColumnSpec("lines", self.tr("单据行数"), "int")], parent=self)
        self.category_view = make_table(self.categories, "analysis/preference/categories", self.WIDTHS)
        self.product_view = make_table(self.products, "analysis/preference/products", self.PRODUCT_WIDTHS)
        self.chart = self.chart_view()
        left = self.splitter(Qt.Orientation.Vertical, self.category_view, self.product_view, sizes=(220, 380))
        body = self.splitter(Qt.Orientation.Horizontal, left, self.chart, sizes=(640, 480))
        self.finish_layout(body)

    def tables(self) -> list[QTableView]:
        return [self.product_view, self.category_view]

    def invalidate(self) -> None:
        self.stale = self.result is not None

    def focus_search(self) -> None:
        self.customer.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def show_customer(self, customer_id: int) -> None:
        self.customer.set_current_id(customer_id)
        self.refresh()

    def refresh(self) -> None:
        customer_id = self.customer.current_id()
        if customer_id is None:
            self.show_message(self.tr("请选择客户"))
            return
        start, end = self.start.date().toPython(), self.end.date().toPython()
        self.message.clear()
        self.load(preference_figures, customer_id, start, end, done=self._loaded)

    def _loaded(self, result: tuple[Table, Table, charts.Chart]) -> None:
        self.result = result
        categories, products, chart = result
        self.categories.set_rows(categories.rows, totals_row(self.categories.columns, category=self.tr("合计"),
                                                            **categories.totals))
        self.products.set_rows(products.rows, totals_row(self.products.columns, product_code=self.tr("合计"),
                                                        **products.totals))
        self.chart.set_chart(chart)

    def title_text(self) -> str:
        if self.result is None:
            return self.tr("客户偏好")
        return self.tr("{0} 客户偏好").format(self.result[0].params["customer"])

    def export_params(self) -> list[tuple[str, str]]:
        if self.result is None:
            return []
        p = self.result[0].params
        return [(self.tr("期间"), self.tr("{0} 至 {1}").format(p["start"], p["end"]))]

    def status_text(self) -> str:
        if self.result is None:
            return self.tr("客户偏好")
        return self.tr("客户偏好：{0} 个类别，{1} 种商品").format(len(self.result[0].rows), len(self.result[1].rows))
