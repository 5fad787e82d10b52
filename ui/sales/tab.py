"""销售 tab: the order list (filtered and sorted in SQL, paged lazily) and what can be done to an order from it."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app import auth, orders
from app.context import Actor
from app.orders import ORDER_COLUMNS, STATUS_TITLES, OrderFilter, OrderRow, OrderView, Outcome
from ui.context import AppContext, qsettings
from ui.customers.batch import date_edit
from ui.customers.card import money, show_error
from ui.sales.order_form import OrderDialog, ask, open_order
from ui.table_model import ColumnSpec, Index, LazyTableModel, list_view
from ui.widgets.flash import FlashLabel
from ui.widgets.picker import Picker

DEBOUNCE_MS = 150
HEADER_KEY = "sales/header"
PERIOD_MONTHS = 3
WIDTHS = {"number": 150, "date": 90, "customer_code": 80, "customer_name": 230, "handler": 80, "status": 70,
          "total": 110, "due_date": 90, "created_by": 80}
KINDS = {"date": "date", "due_date": "date", "total": "money"}
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


def _query(sessions: Any, actor: Actor, flt: OrderFilter, sort: str | None, descending: bool) -> list[int]:
    with sessions() as s:
        return orders.matching_ids(s, actor, flt, sort, descending)


def _view(sessions: Any, actor: Actor, order_id: int) -> OrderView:
    with sessions() as s:
        return orders.view(s, actor, order_id)


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


class SalesTab(QWidget):
    status_changed = Signal(str)
    loaded = Signal()  # a query's ids are in the table (tests wait on it)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._generation = 0
        self._loading = False
        self._keep_position = False
        self._period_touched = False
        self._sort: tuple[str | None, bool] = (None, True)  # None: newest first
        self.last_dialog: OrderDialog | None = None  # the order form opened last (tests look at it)
        self._build_filters()
        self._build_table()
        self._build_actions()
        toolbar = self._build_toolbar()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addLayout(self.filter_row)
        layout.addWidget(toolbar)
        layout.addWidget(self.view, 1)
        self._restore_state()
        ctx.changed.connect(self._on_changed)
        ctx.as_of_changed.connect(self._as_of_changed)
        self._update_actions()
        self.refresh()

    # --- building ---------------------------------------------------------------------------------------------

    def _build_filters(self) -> None:
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.refresh)
        self.period_check = QCheckBox(self.tr("期间："))
        self.period_check.setChecked(True)
        self.period_check.setToolTip(self.tr("取消勾选：不限日期"))
        self.start_edit, self.end_edit = date_edit(self.ctx.as_of), date_edit(self.ctx.as_of)
        self._default_period()
        for edit in (self.start_edit, self.end_edit):
            edit.dateChanged.connect(self._period_edited)
        self.period_check.toggled.connect(self._period_toggled)
        self.customer_filter = Picker.for_customers(self.ctx)
        self.customer_filter.setPlaceholderText(self.tr("客户：全部"))
        self.customer_filter.setToolTip(self.tr("客户（清空表示全部）"))
        self.handler_filter = Picker.for_salespeople(self.ctx, include_former=True)
        self.handler_filter.setPlaceholderText(self.tr("经办人：全部"))
        self.handler_filter.setToolTip(self.tr("经办人（清空表示全部）"))
        for picker in (self.customer_filter, self.handler_filter):
            picker.picked.connect(lambda _i: self.refresh())
        self.status_filter = QComboBox()
        self.status_filter.addItem(self.tr("状态：全部"), None)
        for key, title in STATUS_TITLES.items():
            self.status_filter.addItem(self.tr(title), key)
        self.status_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.number_filter = QLineEdit()
        self.number_filter.setPlaceholderText(self.tr("单号"))
        self.number_filter.setClearButtonEnabled(True)
        self.number_filter.setMaximumWidth(160)
        self.number_filter.textChanged.connect(lambda _t: self._debounce.start())
        self.number_filter.installEventFilter(self)
        self.filter_row = QHBoxLayout()
        self.filter_row.addWidget(self.period_check)
        self.filter_row.addWidget(self.start_edit)
        self.filter_row.addWidget(QLabel(self.tr("至")))
        self.filter_row.addWidget(self.end_edit)
        self.customer_filter.setMinimumWidth(220)
        self.handler_filter.setMinimumWidth(130)
        self.filter_row.addWidget(self.customer_filter, 2)
        self.filter_row.addWidget(self.handler_filter, 1)
        self.filter_row.addWidget(self.status_filter)
        self.filter_row.addWidget(self.number_filter)

    def _build_table(self) -> None:
        columns = [ColumnSpec(key, self.tr(title), KINDS.get(key, "text")) for key, title in ORDER_COLUMNS]
        self.model = OrdersModel(columns, self._fetch, self)
        self.view = list_view(self.model, WIDTHS)  # a third header click: back to newest first
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.activated.connect(lambda index: self.open_order(self.model.id_at(index.row())))
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.selectionModel().currentRowChanged.connect(lambda *_a: self._update_actions())

    def _action(self, text: str, slot: Callable[[], None], statuses: Sequence[str] | None, tip: str = "") -> QAction:
        """statuses: the order statuses it applies to (None: needs no order)."""
        action = QAction(text, self)
        action.triggered.connect(slot)
        action.setProperty("statuses", None if statuses is None else list(statuses))
        if tip:
            action.setToolTip(tip)
            action.setStatusTip(tip)
        return action

    def _build_actions(self) -> None:
        every = list(STATUS_TITLES)
        self.act_new = self._action(self.tr("新建"), self.new_item, None, self.tr("Ctrl+N"))
        self.act_open = self._action(self.tr("打开"), self.open_current, every, self.tr("回车或双击"))
        self.act_copy = self._action(self.tr("复制为新单"), self.copy_order, every,
                                     self.tr("以今天的日期新建一张同样内容的草稿"))
        self.act_cancel = self._action(self.tr("作废…"), self.cancel_order, ("draft", "held", "confirmed"))
        self.act_uncancel = self._action(self.tr("恢复"), self.uncancel_order, ("cancelled",),
                                         self.tr("恢复已作废的单据（原已确认的重新做信用检查）"))
        self.act_return = self._action(self.tr("退货…"), self.return_goods, ("confirmed",),
                                       self.tr("按这张销售单退货：选择商品行和数量"))
        self.all_actions = [self.act_new, self.act_open, self.act_copy, self.act_cancel, self.act_uncancel,
                            self.act_return]

    def _build_toolbar(self) -> QToolBar:
        toolbar = QToolBar()
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (self.act_new, self.act_open, None, self.act_copy, self.act_cancel, self.act_uncancel,
                       None, self.act_return):
            if action is None:
                toolbar.addSeparator()
            else:
                toolbar.addAction(action)
        self.message = FlashLabel()
        toolbar.addWidget(self.message)
        return toolbar

    # --- state ------------------------------------------------------------------------------------------------

    def _restore_state(self) -> None:
        header = self.view.horizontalHeader()
        state = qsettings().value(HEADER_KEY)
        if state is not None and header.restoreState(state):
            self._sort = self._sort_of(header.sortIndicatorSection(), header.sortIndicatorOrder())
        header.sortIndicatorChanged.connect(self._sort_changed)

    def save_state(self) -> None:
        qsettings().setValue(HEADER_KEY, self.view.horizontalHeader().saveState())

    def _sort_of(self, section: int, order: Qt.SortOrder) -> tuple[str | None, bool]:
        if not 0 <= section < len(self.model.columns):
            return None, True
        return self.model.columns[section].key, order == Qt.SortOrder.DescendingOrder

    def _sort_changed(self, section: int, order: Qt.SortOrder) -> None:
        self._sort = self._sort_of(section, order)
        self.refresh()

    def _default_period(self) -> None:
        end = QDate(self.ctx.as_of.year, self.ctx.as_of.month, self.ctx.as_of.day)
        for edit, day in ((self.start_edit, end.addMonths(-PERIOD_MONTHS)), (self.end_edit, end)):
            edit.blockSignals(True)
            edit.setDate(day)
            edit.blockSignals(False)

    def _period_edited(self) -> None:
        self._period_touched = True
        self._debounce.start()

    def _period_toggled(self, on: bool) -> None:
        self.start_edit.setEnabled(on)
        self.end_edit.setEnabled(on)
        self.refresh()

    def _as_of_changed(self, _day: date) -> None:
        if not self._period_touched:
            self._default_period()
            self.refresh()

    # --- querying ---------------------------------------------------------------------------------------------

    def current_filter(self) -> OrderFilter:
        period = self.period_check.isChecked()
        return OrderFilter(
            start=self.start_edit.date().toPython() if period else None,
            end=self.end_edit.date().toPython() if period else None,
            customer_id=self.customer_filter.current_id(), handler_id=self.handler_filter.current_id(),
            status=self.status_filter.currentData(), number=self.number_filter.text())

    def refresh(self) -> None:
        """Query the ids again (off the GUI thread); a newer query makes older answers void."""
        self._debounce.stop()
        self._generation += 1
        generation = self._generation
        self._loading = True
        sort, descending = self._sort
        self.ctx.tasks.run(_query, self.ctx.sessions, self.ctx.actor, self.current_filter(), sort, descending,
                           on_done=lambda ids: self._loaded(generation, ids),
                           on_error=lambda exc: self._failed(generation, exc), owner=self)

    def _loaded(self, generation: int, ids: list[int]) -> None:
        if generation != self._generation:
            return
        current = self.current_id() if self._keep_position else None
        scroll = self.view.verticalScrollBar().value()
        self.model.set_ids(ids)
        if current in ids:
            self.view.setCurrentIndex(self.model.index(ids.index(current), 0))
            self.view.verticalScrollBar().setValue(scroll)
        self._keep_position = False
        self._loading = False
        self._emit_status()
        self._update_actions()
        self.loaded.emit()

    def _failed(self, generation: int, exc: Exception) -> None:
        if generation != self._generation:
            return
        self._loading = False
        self.show_message(str(exc), error=True)
        self.loaded.emit()

    def _fetch(self, ids: Sequence[int]) -> list[OrderRow]:
        with self.ctx.sessions() as s:  # one page by primary key: a few milliseconds
            return orders.rows(s, ids)

    def is_loading(self) -> bool:
        return self._loading or self._debounce.isActive()

    def _on_changed(self, kind: str) -> None:
        if kind in ("order", "customer", "salesperson"):
            self._keep_position = True
            self.refresh()

    # --- the current order ------------------------------------------------------------------------------------

    def current_id(self) -> int | None:
        index = self.view.currentIndex()
        return self.model.id_at(index.row()) if index.isValid() and index.row() < self.model.rowCount() else None

    def current_row(self) -> OrderRow | None:
        index = self.view.currentIndex()
        return self.model.row_of(index.row()) if index.isValid() and index.row() < self.model.rowCount() else None

    def _update_actions(self) -> None:
        row = self.current_row()
        may_edit = auth.can(self.ctx.actor, "orders.edit")
        for action in self.all_actions:
            statuses = action.property("statuses")
            applies = statuses is None or (row is not None and row.status in statuses)
            needs_edit = action is not self.act_open
            action.setEnabled(applies and (may_edit or not needs_edit))

    # --- main window hooks ------------------------------------------------------------------------------------

    def status_text(self) -> str:
        if self._loading and not self.model.rowCount():
            return self.tr("正在查询…")
        return self.tr("共 {0:,} 张销售单").format(self.model.rowCount())

    def _emit_status(self) -> None:
        self.status_changed.emit(self.status_text())

    def focus_search(self) -> None:
        self.number_filter.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.number_filter.selectAll()

    def new_item(self) -> None:
        self.last_dialog = open_order(self.ctx, self, None)

    def export(self) -> None:
        QMessageBox.information(self, self.tr("导出"), self.tr("导出和打印将在打印版本提供"))

    def print_(self) -> None:
        QMessageBox.information(self, self.tr("打印"), self.tr("导出和打印将在打印版本提供"))

    def show_message(self, text: str, error: bool = False) -> None:
        self.message.flash(text, error)

    # --- acting on an order -----------------------------------------------------------------------------------

    def open_current(self) -> None:
        order_id = self.current_id()
        if order_id is not None:
            self.open_order(order_id)

    def open_order(self, order_id: int) -> None:
        self.last_dialog = open_order(self.ctx, self, order_id)

    def _act(self, fn: Callable[..., Outcome], *args: Any, title: str, done: Callable[[Outcome], None],
             **kwargs: Any) -> None:
        """Run a use case on an order; announce the change so the list (and any open view) refreshes."""
        def finished(outcome: Outcome) -> None:
            self.ctx.changed.emit("order")
            done(outcome)

        self.ctx.tasks.run(fn, self.ctx.sessions, self.ctx.actor, *args, on_done=finished,
                           on_error=lambda exc: show_error(self, title, exc), **kwargs, owner=self)

    def _with_view(self, title: str, then: Callable[[OrderView], None]) -> None:
        """Read the current order as it is now (its version guards what follows), then act on it."""
        order_id = self.current_id()
        if order_id is None:
            return
        self.ctx.tasks.run(_view, self.ctx.sessions, self.ctx.actor, order_id, on_done=then,
                           on_error=lambda exc: show_error(self, title, exc), owner=self)

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
            if not ask(self, title, text, self.tr("作废")):
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
            if ask(self, title, text, self.tr("恢复")):
                self._act(orders.uncancel, view.id, view.version, today=date.today(), title=title,
                          done=lambda outcome: QMessageBox.information(self, title, outcome.message))

        self._with_view(title, asked)

    def return_goods(self) -> None:
        order_id = self.current_id()
        if order_id is not None:
            from ui.sales.returns import ReturnDialog

            self.return_dialog = ReturnDialog(self.ctx, order_id=order_id, parent=self)
            self.return_dialog.open()

    # --- keyboard and menu ------------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.number_filter and event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.model.rowCount():
                if self._debounce.isActive():
                    self.refresh()
                self.view.setFocus()
                if not self.view.currentIndex().isValid():
                    self.view.setCurrentIndex(self.model.index(0, 0))
                return True
        return super().eventFilter(watched, event)

    def _context_menu(self, pos: QPoint) -> None:
        menu = QMenu(self)
        for action in (self.act_open, self.act_new, None, self.act_copy, self.act_cancel, self.act_uncancel,
                       self.act_return):
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)
        menu.popup(self.view.viewport().mapToGlobal(pos))
