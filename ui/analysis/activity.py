"""客户活跃率: salesperson × month with the company row, a line chart of the rates, and the customers behind a cell."""
from __future__ import annotations

from datetime import date
from typing import Any

from dateutil.relativedelta import relativedelta
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QLabel, QPushButton, QTableView, QWidget

from app import analytics, charts
from app.tables import Table
from ui.analysis.common import AnalysisPage, ListModel, label_of, month_edit, month_of, status_title
from ui.context import AppContext
from ui.credit.tab import make_table
from ui.table_model import ColumnSpec


def figures(session: Any, actor: Any, first: str, last: str) -> tuple[Table, charts.Chart]:
    table = analytics.report_for(session, actor, "activity", first=first, last=last)
    return table, charts.activity_chart(table)


class ActivityModel(ListModel):
    """The matrix; a cell's tooltip gives its counts (活跃 / 负责)."""

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid() and index.column() > 0:
            row = self.totals() if self.is_totals(index.row()) else self.row_at(index.row())
            counts = (row or {}).get("counts", {}).get(self.columns[index.column()].key)
            if counts is not None:
                return self.tr("活跃 {0:,} / 负责 {1:,}").format(*counts)
        return super().data(index, role)


class ActivityPage(AnalysisPage):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.table: Table | None = None
        self.first = month_edit(ctx.as_of - relativedelta(months=11))
        self.last = month_edit(ctx.as_of)
        for edit in (self.first, self.last):
            edit.dateChanged.connect(lambda _d: self.refresh())
        self.follow_as_of(self._as_of, self.first, self.last)
        self.inactive_button = QPushButton(self.tr("未活跃客户…"))
        self.inactive_button.setAutoDefault(False)
        self.inactive_button.setToolTip(self.tr("所选销售员在所选月份（默认最后一个月）负责而未下单的客户"))
        self.inactive_button.clicked.connect(self.show_inactive)
        self.controls.addWidget(QLabel(self.tr("月份：")))
        self.controls.addWidget(self.first)
        self.controls.addWidget(QLabel(self.tr("至")))
        self.controls.addWidget(self.last)
        self.controls.addWidget(self.inactive_button)
        self.model = ActivityModel([ColumnSpec("salesperson", self.tr("销售员"))], parent=self)
        self.view = make_table(self.model, "analysis/activity/header", {"salesperson": 120})
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectItems)
        self.view.doubleClicked.connect(self.drill)
        self.chart = self.chart_view()
        self.chart.clicked.connect(self._chart_clicked)
        body = self.splitter(Qt.Orientation.Vertical, self.view, self.chart, sizes=(260, 420))
        self.finish_layout(body, self.tr("双击一格查看该销售员当月负责的客户"))

    def _as_of(self, day: date) -> None:
        self.first.setDate(month_edit(day - relativedelta(months=11)).date())
        self.last.setDate(month_edit(day).date())

    def tables(self) -> list[QTableView]:
        return [self.view]

    def refresh(self) -> None:
        first, last = month_of(self.first), month_of(self.last)
        if first > last:
            self.show_message(self.tr("起始月份不能晚于结束月份"), error=True)
            return
        self.message.clear()
        self.load(figures, first, last, done=self._loaded)

    def _loaded(self, result: tuple[Table, charts.Chart]) -> None:
        table, chart = result
        self.table = table
        months = [m for m in chart.x.categories]
        people: dict[int, dict[str, Any]] = {}
        for r in table.rows:
            row = people.setdefault(r["salesperson_id"], {
                "salesperson": label_of(r["salesperson_code"], r.get("salesperson_name")),
                "salesperson_id": r["salesperson_id"], "code": r["salesperson_code"], "counts": {},
                **dict.fromkeys(months)})
            row[r["month"]] = r["rate"]
            row["counts"][r["month"]] = (r["active"], r["assigned"])
        company: dict[str, Any] = {"salesperson": self.tr("全公司"), "counts": {}}
        for month in months:
            figures_ = table.totals.get(month) or {}
            company[month] = figures_.get("rate")
            company["counts"][month] = (figures_.get("active", 0), figures_.get("assigned", 0))
        columns = [ColumnSpec("salesperson", self.tr("销售员")), *[ColumnSpec(m, m, "rate") for m in months]]
        rows = sorted(people.values(), key=lambda r: r["code"])
        self.model.set_rows(rows, company, columns)
        for n in range(1, len(columns)):
            self.view.horizontalHeader().resizeSection(n, 78)
        self.view.horizontalHeader().resizeSection(0, 130)
        self.chart.set_chart(chart)
        if table.notes:
            self.show_message(table.notes[0])

    def _cell(self, index: QModelIndex) -> tuple[dict[str, Any] | None, str | None]:
        row = self.model.row_at(index.row()) if index.isValid() else None
        key = self.model.columns[index.column()].key if index.isValid() else None
        return row, key if key != "salesperson" else None

    def drill(self, index: QModelIndex) -> None:
        row, month = self._cell(index)
        if row is None:
            self.show_message(self.tr("双击某个销售员某个月份的活跃率，查看其负责的客户"))
            return
        self.open_customers(row, month or (self.model.columns[-1].key if len(self.model.columns) > 1 else None))

    def show_inactive(self) -> None:
        """The selected salesperson's customers that did not buy in the selected (or last) month."""
        index = self.view.currentIndex()
        row, month = self._cell(index)
        if row is None:
            self.show_message(self.tr("请先选择一名销售员"), error=True)
            return
        month = month or (self.model.columns[-1].key if len(self.model.columns) > 1 else None)
        self.open_customers(row, month, only_inactive=True)

    def _chart_clicked(self, month: Any) -> None:
        row, _key = self._cell(self.view.currentIndex())
        if row is None:
            self.show_message(self.tr("请先在表中选择一名销售员，再点击图中的月份"))
            return
        self.open_customers(row, str(month))

    def open_customers(self, row: dict[str, Any], month: str | None, only_inactive: bool = False) -> None:
        if month is None:
            return
        columns = [ColumnSpec("code", self.tr("客户编码")), ColumnSpec("name", self.tr("客户名称")),
                   ColumnSpec("status", self.tr("月末状态")), ColumnSpec("active", self.tr("当月下单"), "bool"),
                   ColumnSpec("orders", self.tr("当月单数"), "int"), ColumnSpec("last_order", self.tr("最近下单"), "date")]
        active, assigned = row["counts"].get(month, (0, 0))
        what = self.tr("未下单的客户") if only_inactive else self.tr("负责的客户")
        title = self.tr("{0} {1} {2}（活跃 {3} / 负责 {4}）").format(row["salesperson"], month, what, active, assigned)

        def rows_of(found: list[analytics.AssignedCustomer]) -> list[dict[str, Any]]:
            return [{"customer_id": c.customer_id, "code": c.code, "name": c.name,
                     "status": status_title(c.status), "active": c.active, "orders": c.orders,
                     "last_order": c.last_order} for c in found if not (only_inactive and c.active)]

        self.open_records(title, columns, analytics.activity_customers, row["salesperson_id"], month, rows_of=rows_of)

    def title_text(self) -> str:
        return self.tr("客户活跃率")

    def export_params(self) -> list[tuple[str, str]]:
        return [(self.tr("月份"), self.tr("{0} 至 {1}").format(month_of(self.first), month_of(self.last)))]

    def export_notes(self) -> list[str]:
        return list(self.table.notes) if self.table else []

    def status_text(self) -> str:
        if self.table is None:
            return self.tr("正在计算活跃率…") if self.is_loading() else ""
        return self.tr("客户活跃率：{0} 名销售员").format(self.model.rowCount() - 1)

