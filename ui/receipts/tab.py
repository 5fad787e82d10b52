"""收款 tab: the receipt list (period / customer / 收款方式 / status / number, SQL sort, lazy pages) and its actions.

`DocumentList` is the frame it shares with the 退货 list (ui/sales/returns.py)."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app import auth, receipts
from app.workflow import Action, allowed
from ui import ask, exporting
from ui.context import AppContext
from ui.list_tab import ListTab
from ui.receipts.entry import ReceiptDialog
from ui.table_model import ColumnSpec, Index, LazyTableModel
from ui.widgets.dates import date_edit
from ui.widgets.picker import Picker

WIDTHS = {"number": 150, "date": 90, "customer_code": 80, "customer_name": 220, "amount": 100, "total": 100,
          "method": 90, "order_number": 140, "handler": 80, "status": 76, "created_by": 80, "notes": 200}
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
        if shown and value and self.columns[index.column()].key == "status" and not self.failed_at(index.row()):
            return self.parent().tr(value)
        return value


class DocumentList(ListTab):
    """A document list (receipts, returns, orders): period, customer, status and number filters over the list-tab
    frame. Subclasses add their filters (`extra_filters`), the statuses they offer and their actions."""

    HEADER_KEY = "documents/header"
    WIDTHS = WIDTHS
    MOVABLE = False
    STATUSES: tuple[tuple[str, str], ...] = (("confirmed", QT_TRANSLATE_NOOP("DocumentList", "已确认")),
                                            ("cancelled", QT_TRANSLATE_NOOP("DocumentList", "已作废")))

    def __init__(self, ctx: AppContext, columns: Sequence[tuple[str, str]], parent: QWidget | None = None) -> None:
        specs = [ColumnSpec(key, self.tr(title), self.KINDS.get(key, "text")) for key, title in columns]
        super().__init__(ctx, specs, parent)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.number.installEventFilter(self)
        ctx.as_of_changed.connect(self._as_of_changed)

    KINDS: dict[str, str] = {"amount": "money", "total": "money", "date": "date", "due_date": "date"}

    # --- building ---------------------------------------------------------------------------------------------

    def build_filters(self) -> list[QLayout | QWidget]:
        self.start = date_edit(self.period_start(self.ctx.as_of))
        self.end = date_edit(self.ctx.as_of)
        for edit in (self.start, self.end):
            edit.dateChanged.connect(lambda _d: self.period_edited())
        self.customer_filter = Picker.for_customers(self.ctx)
        self.customer_filter.setPlaceholderText(self.tr("客户：全部"))
        self.customer_filter.setToolTip(self.tr("客户（清空表示全部）"))
        self.customer_filter.setMinimumWidth(220)
        self.customer_filter.picked.connect(lambda _i: self.refresh())
        self.status_filter = QComboBox()
        self.status_filter.addItem(self.tr("状态：全部"), None)
        for key, title in self.STATUSES:
            self.status_filter.addItem(self.tr(title), key)
        self.status_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.number = QLineEdit()
        self.number.setPlaceholderText(self.tr("单号"))
        self.number.setClearButtonEnabled(True)
        self.number.setMaximumWidth(200)
        self.number.textChanged.connect(lambda _t: self.debounce.start())
        row = QHBoxLayout()
        for widget in self.period_widgets():
            row.addWidget(widget)
        row.addWidget(self.customer_filter, 2)
        for widget in self.extra_filters():
            row.addWidget(widget, 1)
        row.addWidget(self.status_filter)
        row.addWidget(self.number, 1)
        self.filter_row = row
        return [row]

    def period_widgets(self) -> list[QWidget]:
        return [QLabel(self.tr("日期：")), self.start, QLabel(self.tr("至")), self.end]

    def period_start(self, as_of: date) -> date:
        return period_start(as_of)

    def period_edited(self) -> None:
        self.debounce.start()

    def extra_filters(self) -> list[QWidget]:
        return []

    def make_model(self, columns: list[ColumnSpec]) -> LazyTableModel:
        return DocumentsModel(columns, self._fetch, self)

    # --- querying ---------------------------------------------------------------------------------------------

    def period(self) -> tuple[date, date]:
        return self.start.date().toPython(), self.end.date().toPython()

    def _as_of_changed(self, day: date) -> None:
        """The period follows the as-of date (时间切片)."""
        for edit, value in ((self.start, self.period_start(day)), (self.end, day)):
            edit.blockSignals(True)
            edit.setDate(QDate(value.year, value.month, value.day))
            edit.blockSignals(False)
        self.refresh()

    def cancel_with_reason(self, title: str, text: str, fn: Callable[..., Any], doc_id: int, version: int) -> None:
        """Ask why, then run the service's cancel (it refuses an empty reason); open lists refresh on what it
        changed."""
        reason = ask_reason(self, title, text)
        if reason is None:
            return
        self.ctx.op(fn, doc_id, version, reason, done=lambda _result: self.show_message(self.tr("已作废")),
                    owner=self, title=title)

    # --- keyboard and main window hooks -----------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.number and event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.model.rowCount():
                if self.debounce.isActive():
                    self.refresh()
                self.focus_table()
                return True
        return super().eventFilter(watched, event)

    def focus_search(self) -> None:
        self.number.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.number.selectAll()

    def filter_params(self) -> list[tuple[str, str]]:
        out = []
        period = self.period_text()
        if period:
            out.append((self.tr("日期"), period))
        if self.customer_filter.current_id() is not None:
            out.append((self.tr("客户"), self.customer_filter.text()))
        for widget in self.extra_filters_shown():
            if widget.current_id() is not None:
                out.append((widget.placeholderText().split("：")[0], widget.text()))
        if self.status_filter.currentData() is not None:
            out.append((self.tr("状态"), self.status_filter.currentText()))
        if self.number.text().strip():
            out.append((self.tr("单号"), self.number.text().strip()))
        return out

    def period_text(self) -> str:
        start, end = self.period()
        return self.tr("{0} 至 {1}").format(start.isoformat(), end.isoformat())

    def extra_filters_shown(self) -> list[Picker]:
        return []


class ReceiptsTab(DocumentList):
    HEADER_KEY = "receipts/header"
    WATCHES = frozenset({"receipt", "customer", "code", "order", "return"})
    SORTABLE = frozenset(receipts.SORT_COLUMNS)
    MATCHING = staticmethod(receipts.matching_ids)
    ROWS = staticmethod(receipts.rows)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, [(k, t) for k, t in receipts.RECEIPT_COLUMNS], parent)
        self.last_dialog: ReceiptDialog | None = None  # the dialog opened last (tests look at it)
        self.act_new = self.add_action(self.tr("新建收款"), self.new_item, "money.edit", False, self.tr("Ctrl+N"))
        self.act_open = self.add_action(self.tr("打开/核销"), self.open_current, None, True, self.tr("回车或双击"))
        self.act_cancel = self.add_action(self.tr("作废…"), self.cancel_current, "money.edit", True,
                                          applies=lambda row: allowed("receipt", Action.CANCEL, row.status))
        self.act_print_receipt = self.add_action(self.tr("打印收据…"), self.print_receipt, None, True,
                                                 self.tr("打印预览：选中的收款单作为收款收据"))
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

    def export_title(self) -> str:
        return self.tr("收款单列表")

    def extra_filters_shown(self) -> list[Picker]:
        return [self.method_filter]

    def new_item(self) -> None:
        if not auth.can(self.ctx.actor, "money.edit"):
            ask.warn(self, self.tr("新建收款"), self.tr("您没有录入收款的权限"))
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

    def print_receipt(self) -> None:
        row = self.current_row()
        if row is not None:
            exporting.preview(self.ctx, self, exporting.receipt_job(row.id, row.number))

    def cancel_current(self) -> None:
        receipt_id = self.current_id()
        if receipt_id is None:
            return
        title = self.tr("作废收款单")

        def asked(v: receipts.ReceiptView) -> None:
            text = self.tr("作废收款单 {0}（{1}，¥{2:,.2f}）？作废后它不再冲抵任何欠款。").format(
                v.number, v.customer_name, v.amount)
            self.cancel_with_reason(title, text, receipts.cancel, v.id, v.version)

        self.ctx.query(receipts.view, receipt_id, done=asked, owner=self, failed=lambda exc: ask.error(self, title, exc))
