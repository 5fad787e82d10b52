"""收款 tab: the receipt list (period / customer / 收款方式 / status / number, SQL sort, lazy pages) and its actions.

`DocumentList` is the frame it shares with the 退货 list (ui/sales/returns.py)."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app import auth, receipts
from ui.context import AppContext, qsettings
from ui.customers.batch import date_edit
from ui.customers.card import show_error
from ui.receipts.entry import ReceiptDialog
from ui.settings.common import read
from ui.table_model import ColumnSpec, Index, LazyTableModel, list_view
from ui.widgets.flash import FlashLabel
from ui.widgets.picker import Picker

DEBOUNCE_MS = 150
WIDTHS = {"number": 150, "date": 90, "customer_code": 80, "customer_name": 220, "amount": 100, "total": 100,
          "method": 90, "order_number": 140, "handler": 80, "status": 76, "created_by": 80, "notes": 200}
MONEY_KEYS = frozenset({"amount", "total"})
# Titles from app.receipts reach self.tr() as variables, which lupdate cannot read: name them for it.
_TRANSLATABLE_TITLES = (
    QT_TRANSLATE_NOOP("ReceiptsTab", "单号"), QT_TRANSLATE_NOOP("ReceiptsTab", "日期"),
    QT_TRANSLATE_NOOP("ReceiptsTab", "客户编码"), QT_TRANSLATE_NOOP("ReceiptsTab", "客户名称"),
    QT_TRANSLATE_NOOP("ReceiptsTab", "金额"), QT_TRANSLATE_NOOP("ReceiptsTab", "收款方式"),
    QT_TRANSLATE_NOOP("ReceiptsTab", "对应销售单"), QT_TRANSLATE_NOOP("ReceiptsTab", "状态"),
    QT_TRANSLATE_NOOP("ReceiptsTab", "录入人"), QT_TRANSLATE_NOOP("ReceiptsTab", "备注"),
    QT_TRANSLATE_NOOP("ReceiptsTab", "已确认"), QT_TRANSLATE_NOOP("ReceiptsTab", "已作废"),
)


def period_start(as_of: date) -> date:
    """The first day of "the last 3 months ending at the as-of date"."""
    return QDate(as_of.year, as_of.month, as_of.day).addMonths(-3).addDays(1).toPython()


class ReasonDialog(QDialog):
    """Confirm a 作废 and ask why (the service refuses an empty reason)."""

    def __init__(self, title: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        label = QLabel(text)
        label.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("作废原因（必填）"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("作废"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.reason)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)


def ask_reason(parent: QWidget, title: str, text: str) -> str | None:
    """The reason typed, or None when the user backed out."""
    dialog = ReasonDialog(title, text, parent)
    return dialog.reason.text() if dialog.exec() == QDialog.DialogCode.Accepted else None


class DocumentsModel(LazyTableModel):
    """The lazy list of a DocumentList: the status cells hold app/ titles (已确认 / 已作废), shown through the
    list's tr() (its own context first, then DocumentList's)."""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        value = super().data(index, role)
        shown = role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)
        if shown and value and self.columns[index.column()].key == "status":
            return self.parent().tr(value)
        return value


class DocumentList(QWidget):
    """A lazily paged document list over ids: filters above, a toolbar, the table; queries run off the GUI thread
    and only the answer to the latest one is shown. Subclasses say what to query and which actions they offer."""

    status_changed = Signal(str)
    loaded = Signal()  # a query's ids are in the table (tests wait on it)
    HEADER_KEY = "documents/header"
    WATCHES: frozenset[str] = frozenset()
    MATCHING: Callable[..., list[int]]  # app/ matching_ids(session, actor, filter, sort, descending)
    ROWS: Callable[..., list[Any]]  # app/ rows(session, ids)

    def __init__(self, ctx: AppContext, columns: Sequence[tuple[str, str]], sortable: frozenset[str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._generation = 0
        self._loading = False
        self._sort: tuple[str | None, bool] = (None, True)  # None: newest first (the services' default)
        self._sortable = sortable
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.refresh)
        self._build_filters()
        self._build_table(columns)
        self.toolbar = QToolBar()
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.message = FlashLabel()
        self.actions_: list[QAction] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addLayout(self.filter_row)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.view, 1)
        ctx.changed.connect(self._on_changed)
        ctx.as_of_changed.connect(self._as_of_changed)

    # --- building ---------------------------------------------------------------------------------------------

    def _build_filters(self) -> None:
        self.start = date_edit(period_start(self.ctx.as_of))
        self.end = date_edit(self.ctx.as_of)
        for edit in (self.start, self.end):
            edit.dateChanged.connect(lambda _d: self._debounce.start())
        self.customer_filter = Picker.for_customers(self.ctx)
        self.customer_filter.setPlaceholderText(self.tr("客户：全部"))
        self.customer_filter.setToolTip(self.tr("客户（清空表示全部）"))
        self.customer_filter.setMinimumWidth(220)
        self.customer_filter.picked.connect(lambda _i: self.refresh())
        self.status_filter = QComboBox()
        for text, value in ((self.tr("状态：全部"), None), (self.tr("已确认"), "confirmed"),
                            (self.tr("已作废"), "cancelled")):
            self.status_filter.addItem(text, value)
        self.status_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.number = QLineEdit()
        self.number.setPlaceholderText(self.tr("单号"))
        self.number.setClearButtonEnabled(True)
        self.number.setMaximumWidth(200)
        self.number.textChanged.connect(lambda _t: self._debounce.start())
        self.filter_row = QHBoxLayout()
        self.filter_row.addWidget(QLabel(self.tr("日期：")))
        self.filter_row.addWidget(self.start)
        self.filter_row.addWidget(QLabel(self.tr("至")))
        self.filter_row.addWidget(self.end)
        self.filter_row.addWidget(self.customer_filter, 2)
        for widget in self.extra_filters():
            self.filter_row.addWidget(widget, 1)
        self.filter_row.addWidget(self.status_filter)
        self.filter_row.addWidget(self.number, 1)

    def extra_filters(self) -> list[QWidget]:
        return []

    def _build_table(self, columns: Sequence[tuple[str, str]]) -> None:
        specs = [ColumnSpec(key, self.tr(title), "money" if key in MONEY_KEYS else "text") for key, title in columns]
        self.model = DocumentsModel(specs, self._fetch, self)
        self.view = list_view(self.model, WIDTHS, default_width=100, movable=False)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(True)
        state = qsettings().value(self.HEADER_KEY)
        if state is not None and header.restoreState(state):
            self._sort = self._sort_of(header.sortIndicatorSection(), header.sortIndicatorOrder())
        header.sortIndicatorChanged.connect(self._sort_changed)
        self.view.activated.connect(lambda _index: self.open_current())
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self._update_actions())

    def add_action(self, text: str, slot: Callable[[], None], permission: str | None, needs_selection: bool,
                   tip: str = "") -> QAction:
        action = QAction(text, self)
        action.triggered.connect(slot)
        action.setProperty("permission", permission)
        action.setProperty("needs_selection", needs_selection)
        action.setToolTip(tip or text)
        self.toolbar.addAction(action)
        self.actions_.append(action)
        return action

    def finish_toolbar(self) -> None:
        self.message.setStyleSheet("color: #2e7d32; padding-left: 12px")
        self.toolbar.addWidget(self.message)
        self._update_actions()

    # --- querying ---------------------------------------------------------------------------------------------

    def current_filter(self) -> Any:
        """The app/ filter the widgets describe."""
        raise NotImplementedError

    def period(self) -> tuple[date, date]:
        return self.start.date().toPython(), self.end.date().toPython()

    def refresh(self) -> None:
        self._debounce.stop()
        self._generation += 1
        generation = self._generation
        self._loading = True
        sort, descending = self._sort
        self.ctx.tasks.run(read, self.ctx.sessions, self.MATCHING, self.ctx.actor, self.current_filter(), sort,
                           descending, on_done=lambda ids: self._loaded(generation, ids),
                           on_error=lambda exc: self._failed(generation, exc), owner=self)

    def _loaded(self, generation: int, ids: list[int]) -> None:
        if generation != self._generation:
            return
        current = self.current_id()
        self.model.set_ids(ids)
        if current in ids:
            self.view.setCurrentIndex(self.model.index(ids.index(current), 0))
        self._loading = False
        self._update_actions()
        self.status_changed.emit(self.status_text())
        self.loaded.emit()

    def _failed(self, generation: int, exc: Exception) -> None:
        if generation == self._generation:
            self._loading = False
            self.show_message(str(exc), error=True)
            self.loaded.emit()

    def _fetch(self, ids: Sequence[int]) -> list[Any]:
        with self.ctx.sessions() as s:  # one page by primary key: a few milliseconds
            return self.ROWS(s, ids)

    def is_loading(self) -> bool:
        return self._loading or self._debounce.isActive()

    def _on_changed(self, kind: str) -> None:
        if kind in self.WATCHES:
            self.refresh()

    def _as_of_changed(self, day: date) -> None:
        """The period follows the as-of date (时间切片)."""
        for edit, value in ((self.start, period_start(day)), (self.end, day)):
            edit.blockSignals(True)
            edit.setDate(QDate(value.year, value.month, value.day))
            edit.blockSignals(False)
        self.refresh()

    def _sort_of(self, section: int, order: Qt.SortOrder) -> tuple[str | None, bool]:
        if not 0 <= section < len(self.model.columns) or self.model.columns[section].key not in self._sortable:
            return None, True
        return self.model.columns[section].key, order == Qt.SortOrder.DescendingOrder

    def _sort_changed(self, section: int, order: Qt.SortOrder) -> None:
        self._sort = self._sort_of(section, order)
        if self._sort[0] is None and 0 <= section < len(self.model.columns):
            header = self.view.horizontalHeader()
            header.blockSignals(True)
            header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
            header.blockSignals(False)
            self.show_message(self.tr("「{0}」列不能排序").format(self.model.columns[section].title))
        self.refresh()

    def save_state(self) -> None:
        qsettings().setValue(self.HEADER_KEY, self.view.horizontalHeader().saveState())

    # --- selection and actions --------------------------------------------------------------------------------

    def current_id(self) -> int | None:
        index = self.view.currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return self.model.id_at(index.row())

    def _update_actions(self) -> None:
        selected = self.current_id() is not None
        for action in self.actions_:
            permission = action.property("permission")
            allowed = permission is None or auth.can(self.ctx.actor, permission)
            action.setEnabled(allowed and (selected or not action.property("needs_selection")))

    def open_current(self) -> None:
        """Enter or double-click on a row."""

    def show_message(self, text: str, error: bool = False) -> None:
        self.message.flash(text, error)

    def cancel_with_reason(self, title: str, text: str, fn: Callable[..., Any], doc_id: int, version: int,
                           changed: str) -> None:
        """Ask why, then run the service's cancel (it refuses an empty reason); the list refreshes on the news."""
        reason = ask_reason(self, title, text)
        if reason is None:
            return

        def done(_result: Any) -> None:
            self.show_message(self.tr("已作废"))
            self.ctx.changed.emit(changed)

        self.ctx.tasks.run(fn, self.ctx.sessions, self.ctx.actor, doc_id, version, reason, on_done=done,
                           on_error=lambda exc: show_error(self, title, exc), owner=self)

    # --- main window hooks ------------------------------------------------------------------------------------

    def noun(self, count: int) -> str:
        raise NotImplementedError

    def status_text(self) -> str:
        if self._loading and not self.model.rowCount():
            return self.tr("正在查询…")
        return self.noun(self.model.rowCount())

    def focus_search(self) -> None:
        self.number.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.number.selectAll()

    def export(self) -> None:
        QMessageBox.information(self, self.tr("导出"), self.tr("导出和打印将在打印版本提供"))

    def print_(self) -> None:
        QMessageBox.information(self, self.tr("打印"), self.tr("导出和打印将在打印版本提供"))


class ReceiptsTab(DocumentList):
    HEADER_KEY = "receipts/header"
    WATCHES = frozenset({"receipt", "customer", "code", "order", "return"})
    SORTABLE = frozenset(receipts.SORT_COLUMNS)
    MATCHING = staticmethod(receipts.matching_ids)
    ROWS = staticmethod(receipts.rows)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, [(k, t) for k, t in receipts.RECEIPT_COLUMNS], self.SORTABLE, parent)
        self.last_dialog: ReceiptDialog | None = None  # the dialog opened last (tests look at it)
        self.act_new = self.add_action(self.tr("新建收款"), self.new_item, "money.edit", False, self.tr("Ctrl+N"))
        self.act_open = self.add_action(self.tr("打开/核销"), self.open_current, None, True, self.tr("回车或双击"))
        self.act_cancel = self.add_action(self.tr("作废…"), self.cancel_current, "money.edit", True)
        self.finish_toolbar()
        self.refresh()

    def extra_filters(self) -> list[QWidget]:
        self.method_filter = Picker.for_codes(self.ctx, "payment_method")
        self.method_filter.setPlaceholderText(self.tr("收款方式：全部"))
        self.method_filter.setToolTip(self.tr("收款方式（清空表示全部）"))
        self.method_filter.picked.connect(lambda _i: self.refresh())
        return [self.method_filter]

    def current_filter(self) -> receipts.ReceiptFilter:
        start, end = self.period()
        return receipts.ReceiptFilter(start=start, end=end, customer_id=self.customer_filter.current_id(),
                                      method_id=self.method_filter.current_id(),
                                      status=self.status_filter.currentData(), number=self.number.text())

    def noun(self, count: int) -> str:
        return self.tr("共 {0:,} 张收款单").format(count)

    def new_item(self) -> None:
        if not auth.can(self.ctx.actor, "money.edit"):
            QMessageBox.warning(self, self.tr("新建收款"), self.tr("您没有录入收款的权限"))
            return
        self._show(ReceiptDialog(self.ctx, parent=self))

    def open_current(self) -> None:
        receipt_id = self.current_id()
        if receipt_id is not None:
            self._show(ReceiptDialog(self.ctx, receipt_id=receipt_id, parent=self))

    def _show(self, dialog: ReceiptDialog) -> None:
        dialog.saved.connect(lambda saved: self.show_message(self.tr("已保存收款单 {0}").format(saved.number)))
        if self.last_dialog is not None:
            self.last_dialog.deleteLater()  # closed by now (they are window-modal): keep one, not one per receipt
        self.last_dialog = dialog
        dialog.open()

    def cancel_current(self) -> None:
        receipt_id = self.current_id()
        if receipt_id is None:
            return
        title = self.tr("作废收款单")

        def ask(v: receipts.ReceiptView) -> None:
            text = self.tr("作废收款单 {0}（{1}，¥{2:,.2f}）？作废后它不再冲抵任何欠款。").format(
                v.number, v.customer_name, v.amount)
            self.cancel_with_reason(title, text, receipts.cancel, v.id, v.version, "receipt")

        self.ctx.tasks.run(read, self.ctx.sessions, receipts.view, self.ctx.actor, receipt_id, on_done=ask,
                           on_error=lambda exc: show_error(self, title, exc), owner=self)
