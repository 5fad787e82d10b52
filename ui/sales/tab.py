"""销售 tab: the order list (filtered and sorted in SQL, paged lazily) and what can be done to an order from it."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from app import orders
from app.orders import ORDER_COLUMNS, STATUS_TITLES, OrderFilter, OrderRow, OrderView, Outcome
from app.statuses import is_counted
from app.workflow import Action, allowed
from ui import ask, exporting
from ui.context import AppContext
from ui.customers.card import money
from ui.receipts.tab import DocumentList
from ui.sales.order_form import OrderDialog, open_order
from ui.table_model import ColumnSpec, Index, LazyTableModel
from ui.widgets.picker import Picker

PERIOD_MONTHS = 3
WIDTHS = {"number": 150, "date": 90, "customer_code": 80, "customer_name": 230, "handler": 80, "status": 70,
          "total": 110, "due_date": 90, "created_by": 80}
COLORS = {"draft": QColor("#555555"), "held": QColor("#b26a00"), "cancelled": QColor("#9e9e9e")}
# ORDER_COLUMNS' titles and STATUS_TITLES reach self.tr() as variables: name them for lupdate.
_TRANSLATABLE_TITLES = (
    QT_TRANSLATE_NOOP("SalesTab", "单号"),
    QT_TRANSLATE_NOOP("SalesTab", "日期"),
    QT_TRANSLATE_NOOP("SalesTab", "客户编码"),
    QT_TRANSLATE_NOOP("SalesTab", "客户名称"),
    QT_TRANSLATE_NOOP("SalesTab", "经办人"),
    QT_TRANSLATE_NOOP("SalesTab", "状态"),
    QT_TRANSLATE_NOOP("SalesTab", "金额"),
    QT_TRANSLATE_NOOP("SalesTab", "到期日"),
    QT_TRANSLATE_NOOP("SalesTab", "录入人"),
    QT_TRANSLATE_NOOP("SalesTab", "草稿"),
    QT_TRANSLATE_NOOP("SalesTab", "待审批"),
    QT_TRANSLATE_NOOP("SalesTab", "已确认"),
    QT_TRANSLATE_NOOP("SalesTab", "已作废"),
)


class OrdersModel(LazyTableModel):
    """The lazy order list; held orders stand out, cancelled ones are greyed; the status (an app/ title) is shown
    translated."""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid() and 0 <= index.row() < self.rowCount():
            row = self.row_of(index.row())
            return None if row is None else COLORS.get(row.status)
        value = super().data(index, role)
        shown = role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)
        if shown and value and self.columns[index.column()].key == "status":
            return QCoreApplication.translate("SalesTab", value)
        return value


class ReasonDialog(QDialog):
    """Why an order is cancelled: 确定 is refused while the reason is empty."""

    def __init__(self, number: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("作废销售单"))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("例如：客户取消订单"))
        self.message = QLabel()
        self.message.setStyleSheet("color: #b00020")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("作废"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("作废销售单 {0} 的原因（记入审计日志）：").format(number)))
        layout.addWidget(self.reason)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.setMinimumWidth(400)

    def accept(self) -> None:
        if not self.reason.text().strip():
            self.message.setText(self.tr("请填写作废原因"))
            return
        super().accept()

    def reason_text(self) -> str:
        return self.reason.text().strip()


class SalesTab(DocumentList):
    """The order list: the period (or any date), customer, handler, status and number, newest first unless a
    column is sorted; what can be done to the order under the cursor follows its status."""

    HEADER_KEY = "sales/header"
    WIDTHS = WIDTHS
    MOVABLE = True
    WATCHES = frozenset({"order", "customer", "salesperson"})
    SORTABLE = frozenset(orders.SORT_COLUMNS)
    STATUSES = tuple(STATUS_TITLES.items())
    MATCHING = staticmethod(orders.matching_ids)
    ROWS = staticmethod(orders.rows)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, ORDER_COLUMNS, parent)
        self.last_dialog: OrderDialog | None = None  # the order form opened last (tests look at it)
        every = list(STATUS_TITLES)
        self.act_new = self.add_action(self.tr("新建"), self.new_item, "orders.edit", False, self.tr("Ctrl+N"))
        self.act_open = self.add_action(self.tr("打开"), self.open_current, None, True, self.tr("回车或双击"))
        self.toolbar.addSeparator()
        self.act_copy = self.add_action(self.tr("复制为新单"), self.copy_order, "orders.edit", True,
                                        self.tr("以今天的日期新建一张同样内容的草稿"), self._status_in(every))
        self.act_cancel = self.add_action(self.tr("作废…"), self.cancel_order, "orders.edit", True,
                                          applies=self._can(Action.CANCEL))
        self.act_uncancel = self.add_action(self.tr("恢复"), self.uncancel_order, "orders.edit", True,
                                            self.tr("恢复已作废的单据（原已确认的重新做信用检查）"),
                                            self._can(Action.UNCANCEL))
        self.toolbar.addSeparator()
        self.act_return = self.add_action(self.tr("退货…"), self.return_goods, "orders.edit", True,
                                          self.tr("按这张销售单退货：选择商品行和数量"),
                                          lambda row: is_counted(row.status))
        self.act_print_order = self.add_action(self.tr("打印送货单…"), self.print_order, None, True,
                                               self.tr("打印预览：选中的销售单作为送货单"))
        self.all_actions = [self.act_new, self.act_open, self.act_copy, self.act_cancel, self.act_uncancel,
                            self.act_return, self.act_print_order]
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.finish_toolbar()
        self.refresh()

    @staticmethod
    def _status_in(statuses: Sequence[str]) -> Callable[[OrderRow], bool]:
        return lambda row: row.status in statuses

    @staticmethod
    def _can(action: Action) -> Callable[[OrderRow], bool]:
        """The workflow's transition table decides which orders an action applies to."""
        return lambda row: allowed("order", action, row.status)

    # --- building ---------------------------------------------------------------------------------------------

    def period_widgets(self) -> list[QWidget]:
        self._period_touched = False
        self.period_check = QCheckBox(self.tr("期间："))
        self.period_check.setChecked(True)
        self.period_check.setToolTip(self.tr("取消勾选：不限日期"))
        self.period_check.toggled.connect(self._period_toggled)
        self._default_period()
        return [self.period_check, self.start, QLabel(self.tr("至")), self.end]

    def extra_filters(self) -> list[QWidget]:
        self.handler_filter = Picker.for_salespeople(self.ctx, include_former=True)
        self.handler_filter.setPlaceholderText(self.tr("经办人：全部"))
        self.handler_filter.setToolTip(self.tr("经办人（清空表示全部）"))
        self.handler_filter.setMinimumWidth(130)
        self.handler_filter.picked.connect(lambda _i: self.refresh())
        return [self.handler_filter]

    def make_model(self, columns: list[ColumnSpec]) -> LazyTableModel:
        return OrdersModel(columns, self._fetch, self)

    def _default_period(self) -> None:
        end = QDate(self.ctx.as_of.year, self.ctx.as_of.month, self.ctx.as_of.day)
        for edit, day in ((self.start, end.addMonths(-PERIOD_MONTHS)), (self.end, end)):
            edit.blockSignals(True)
            edit.setDate(day)
            edit.blockSignals(False)

    def period_edited(self) -> None:
        self._period_touched = True
        self.debounce.start()

    def _period_toggled(self, on: bool) -> None:
        self.start.setEnabled(on)
        self.end.setEnabled(on)
        self.refresh()

    def _as_of_changed(self, _day: date) -> None:
        """The default period follows the as-of date until the user sets one."""
        if not self._period_touched:
            self._default_period()
            self.refresh()

    def current_filter(self) -> OrderFilter:
        period = self.period_check.isChecked()
        start, end = self.period()
        return OrderFilter(
            start=start if period else None, end=end if period else None,
            customer_id=self.customer_filter.current_id(), handler_id=self.handler_filter.current_id(),
            status=self.status_filter.currentData(), number=self.number.text())

    def update_actions(self) -> None:
        super().update_actions()
        if hasattr(self, "act_open"):  # opening needs no edit right, only a row
            self.act_open.setEnabled(self.current_id() is not None)

    def noun(self, count: int) -> str:
        return self.tr("共 {0:,} 张销售单").format(count)

    def export_title(self) -> str:
        return self.tr("销售单列表")

    def period_text(self) -> str:
        return super().period_text() if self.period_check.isChecked() else ""

    def extra_filters_shown(self) -> list[Picker]:
        return [self.handler_filter]

    def new_item(self) -> None:
        self.last_dialog = open_order(self.ctx, self, None)

    # --- acting on an order -----------------------------------------------------------------------------------

    def open_current(self) -> None:
        order_id = self.current_id()
        if order_id is not None:
            self.open_order(order_id)

    def open_order(self, order_id: int) -> None:
        self.last_dialog = open_order(self.ctx, self, order_id)

    def _act(self, fn: Callable[..., Outcome], *args: Any, title: str, done: Callable[[Outcome], None],
             **kwargs: Any) -> None:
        """Run a use case on an order; what it changed refreshes the list and any open view."""
        self.ctx.op(fn, *args, done=done, owner=self, title=title, **kwargs)

    def _with_view(self, title: str, then: Callable[[OrderView], None]) -> None:
        """Read the current order as it is now (its version guards what follows), then act on it."""
        order_id = self.current_id()
        if order_id is None:
            return
        self.ctx.query(orders.view, order_id, done=then, owner=self,
                       failed=lambda exc: ask.error(self, title, exc))

    def copy_order(self) -> None:
        order_id = self.current_id()
        if order_id is None:
            return

        def copied(outcome: Outcome) -> None:
            self.show_message(self.tr("已复制为新单 {0}（草稿）").format(outcome.number))
            self.open_order(outcome.order_id)

        self._act(orders.copy, order_id, today=date.today(), title=self.tr("复制为新单"), done=copied)

    def cancel_order(self) -> None:
        title = self.tr("作废销售单")

        def asked(view: OrderView) -> None:
            text = self.tr("作废销售单 {0}（{1}，金额 {2}）？\n作废后单据不再计入应收账款和销售额。").format(
                view.number, view.customer_name, money(view.total))
            if not ask.confirm(self, title, text, self.tr("作废"), destructive=True):
                return
            dialog = ReasonDialog(view.number, self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            self._act(orders.cancel, view.id, view.version, dialog.reason_text(), title=title,
                      done=lambda outcome: self.show_message(outcome.message))

        self._with_view(title, asked)

    def uncancel_order(self) -> None:
        title = self.tr("恢复销售单")

        def asked(view: OrderView) -> None:
            text = self.tr("恢复销售单 {0}（{1}，金额 {2}）？\n原已确认的单据重新做信用检查：通过则恢复为已确认，"
                           "否则进入待审批，禁止销售的客户不能恢复；原为草稿或待审批的单据恢复为草稿。").format(
                view.number, view.customer_name, money(view.total))
            if ask.confirm(self, title, text, self.tr("恢复")):
                self._act(orders.uncancel, view.id, view.version, today=date.today(), title=title,
                          done=lambda outcome: ask.inform(self, title, outcome.message))

        self._with_view(title, asked)

    def print_order(self) -> None:
        row = self.current_row()
        if row is not None:
            exporting.preview(self.ctx, self, exporting.order_job(row.id, row.number))

    def return_goods(self) -> None:
        order_id = self.current_id()
        if order_id is not None:
            from ui.sales.returns import ReturnDialog

            self.return_dialog = ReturnDialog(self.ctx, order_id=order_id, parent=self)
            self.return_dialog.open()

    # --- menu ------------------------------------------------------------------------------------------------

    def _context_menu(self, pos: QPoint) -> None:
        menu = QMenu(self)
        for action in (self.act_open, self.act_new, None, self.act_copy, self.act_cancel, self.act_uncancel,
                       self.act_return):
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)
        menu.popup(self.view.viewport().mapToGlobal(pos))
