"""The 收款单 dialog: a new receipt with the rule's allocation shown (and editable by hand) before saving, or an
existing one with what it paid, re-allocated by 财务/管理员. Every figure comes from app.receipts."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app import auth, customer_service, receipts
from app.context import Actor
from app.customer_service import Figures
from app.errors import ValidationError
from app.receipts import OwedOrder, Proposal, ReceiptIn, ReceiptView
from app.workflow import Action, allowed
from ui.ask import error
from ui.context import AppContext, qsettings
from ui.widgets.dates import date_edit
from ui.widgets.errors import ErrorLine
from ui.widgets.numbers import UNHANDLED, MoneyEdit, NumberDelegate, money_spec, parse_number, typed_cell
from ui.widgets.picker import Picker

ZERO = Decimal("0.00")
GEOMETRY_KEY = "receipt_dialog/geometry"
HEADER_KEY = "receipt_dialog/header"
PROPOSE_MS = 200
RED = QColor("#b00020")
Index = QModelIndex | QPersistentModelIndex
_STATUS_TITLES = (  # app.receipts.STATUS_TITLES reach self.tr() as variables: name them for lupdate
    QT_TRANSLATE_NOOP("ReceiptDialog", "已确认"),
    QT_TRANSLATE_NOOP("ReceiptDialog", "已作废"),
)


def yuan(value: Decimal) -> str:
    return f"¥{value:,.2f}"


@dataclass(frozen=True)
class CustomerInfo:
    figures: Figures
    open_orders: tuple[OwedOrder, ...]  # oldest due first


@dataclass(frozen=True)
class Existing:
    view: ReceiptView
    proposal: Proposal  # what the orders owe without this receipt, and the rule's answer for it
    figures: Figures


def load_customer(s: Any, actor: Actor, customer_id: int, day: date, today: date) -> CustomerInfo:
    # propose first: it refuses another salesperson's customer before any figure is read
    open_orders = receipts.propose(s, actor, ReceiptIn(customer_id, day, ZERO), today=today).items
    return CustomerInfo(customer_service.figures(s, customer_id, today), open_orders)


def load_proposal(s: Any, actor: Actor, data: ReceiptIn, receipt_id: int | None, today: date) -> Proposal:
    return receipts.propose(s, actor, data, receipt_id, today)


def load_existing(s: Any, actor: Actor, receipt_id: int, today: date) -> Existing:
    v = receipts.view(s, actor, receipt_id)
    data = ReceiptIn(v.customer_id, v.date, v.amount, v.method_id, v.order_id)
    return Existing(v, receipts.propose(s, actor, data, v.id, today), customer_service.figures(s, v.customer_id,
                                                                                               today))


class AllocationModel(QAbstractTableModel):
    """The open orders and what this receipt pays each; 本次核销 is editable. The service checks the figures; a
    typed amount that is not valid stays as typed (red, the reason in its tooltip) and counts nothing."""

    edited = Signal()
    PAY = 5

    def __init__(self, titles: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.titles = titles
        self.items: list[OwedOrder] = []
        self.pays: list[Decimal] = []
        self.invalid: dict[int, tuple[str, str]] = {}  # row -> (the text typed, why it is not an amount)
        self.editable = True
        self.spec = money_spec(self.tr("核销金额"))

    def set_items(self, items: tuple[OwedOrder, ...], pays: dict[int, Decimal]) -> None:
        self.beginResetModel()
        self.items = list(items)
        self.pays = [pays.get(i.order_id, ZERO) for i in items]
        self.invalid = {}
        self.endResetModel()

    def problem(self) -> str:
        """The first 本次核销 that is not a valid amount, naming its order ("" when none)."""
        row = min(self.invalid, default=None)
        return "" if row is None else self.tr("销售单 {0}：{1}").format(self.items[row].number, self.invalid[row][1])

    def allocations(self) -> list[tuple[int, Decimal]]:
        return [(i.order_id, pay) for i, pay in zip(self.items, self.pays, strict=True) if pay != 0]

    def current_pays(self) -> dict[int, Decimal]:
        return dict(self.allocations())

    def applied(self) -> Decimal:
        return sum(self.pays, ZERO)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt signature
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.titles)

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == self.PAY and self.editable:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.items):
            return None
        item, pay, column = self.items[index.row()], self.pays[index.row()], index.column()
        typed = self.invalid.get(index.row()) if column == self.PAY else None
        shown = typed_cell(typed, role)
        if shown is not UNHANDLED:
            return shown
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            values = (item.number, item.date.isoformat(), item.due_date.isoformat(), f"{item.total:,.2f}",
                      f"{item.owed:,.2f}", f"{pay:,.2f}")
            return values[column]
        if role == Qt.ItemDataRole.EditRole and column == self.PAY:
            return f"{pay:.2f}"
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignRight if column >= 3 else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.PAY and pay > item.owed:
            return RED  # a hint only: the service refuses it with its own message
        if role == Qt.ItemDataRole.BackgroundRole and column == self.PAY and self.editable:
            return QColor("#fff8e1")
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or index.column() != self.PAY or role != Qt.ItemDataRole.EditRole:
            return False
        text = str(value)
        parsed = parse_number(text, self.spec)
        if parsed.problem:
            self.invalid[index.row()] = (text.strip(), parsed.problem)
            self.pays[index.row()] = ZERO
        else:
            self.invalid.pop(index.row(), None)
            self.pays[index.row()] = parsed.value if parsed.value is not None else ZERO  # empty: pays nothing
        self.dataChanged.emit(index, index)
        self.edited.emit()
        return True

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt override
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.titles[section]
        return None


class ReceiptDialog(QDialog):
    """New receipt (receipt_id None) or an existing one; saving runs in a worker and a refusal keeps it open."""

    saved = Signal(object)  # receipts.Saved

    def __init__(self, ctx: AppContext, receipt_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.receipt_id = receipt_id
        self.version: int | None = None
        self.existing: Existing | None = None
        self.proposal: Proposal | None = None
        self.hand = False  # the user changed the rule's allocation
        self.busy = False
        self.editable = auth.can(ctx.actor, "money.edit")
        self._customer_generation = 0
        self._generation = 0  # of proposals
        self._reads = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PROPOSE_MS)
        self._timer.timeout.connect(self._propose)
        self.setWindowTitle(self.tr("新建收款") if receipt_id is None else self.tr("收款单"))
        self._build()
        geometry = qsettings().value(GEOMETRY_KEY)
        if geometry is not None:
            self.restoreGeometry(geometry)
        if receipt_id is None:
            self.customer.setFocus()
            self._update_totals()
        else:
            self._read(load_existing, receipt_id, self._today(), on_done=self._show_existing)

    # --- building ---------------------------------------------------------------------------------------------

    def _build(self) -> None:
        self.customer = Picker.for_customers(self.ctx)
        self.customer.picked.connect(self._customer_changed)
        self.figures = QLabel()
        self.figures.setStyleSheet("color: #555")
        self.day = date_edit(self.ctx.as_of)
        self.day.dateChanged.connect(lambda _d: self._schedule())
        self.method = Picker.for_codes(self.ctx, "payment_method")
        self.method.setPlaceholderText(self.tr("必填"))
        self.amount = MoneyEdit(self.tr("收款金额"), allow_zero=False, required=True)
        self.amount.textChanged.connect(lambda _t: (self._update_totals(), self._schedule()))
        self.order = QComboBox()
        self.order.addItem(self.tr("（不指定）"), None)
        self.order.setToolTip(self.tr("这笔收款指定支付的销售单：先冲抵它，余额再按到期日从早到晚冲抵"))
        self.order.currentIndexChanged.connect(lambda _i: self._schedule())
        self.notes = QLineEdit()
        self.info = QLabel()
        self.info.setTextFormat(Qt.TextFormat.PlainText)
        self.info.setWordWrap(True)
        self.info.setVisible(False)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("客户："), self.customer)
        form.addRow("", self.figures)
        row = QHBoxLayout()
        row.addWidget(self.day)
        row.addSpacing(16)
        row.addWidget(QLabel(self.tr("收款方式：")))
        row.addWidget(self.method, 1)
        row.addSpacing(16)
        row.addWidget(QLabel(self.tr("金额：")))
        row.addWidget(self.amount, 1)
        form.addRow(self.tr("日期："), row)
        form.addRow(self.tr("对应销售单："), self.order)
        form.addRow(self.tr("备注："), self.notes)
        form.addRow(self.info)
        titles = [self.tr("销售单号"), self.tr("日期"), self.tr("到期日"), self.tr("金额"), self.tr("尚欠"),
                  self.tr("本次核销")]
        self.model = AllocationModel(titles, self)
        self.model.edited.connect(self._hand_edited)
        self.grid = QTableView()
        self.grid.setModel(self.model)
        self.grid.setItemDelegateForColumn(AllocationModel.PAY, NumberDelegate(lambda _i: self.model.spec, self.grid))
        self.grid.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.grid.setTabKeyNavigation(False)
        self.grid.setAlternatingRowColors(True)
        self.grid.verticalHeader().setVisible(False)
        self.grid.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.grid.horizontalHeader()
        header.setStretchLastSection(True)
        for n, width in enumerate((150, 96, 96, 110, 110)):
            header.resizeSection(n, width)
        state = qsettings().value(HEADER_KEY)
        if state is not None:
            header.restoreState(state)
        self.totals = QLabel()
        self.mode = QLabel()
        self.mode.setStyleSheet("color: #555")
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #8a6d00")
        self.rule_button = QPushButton(self.tr("按规则分配"))
        self.rule_button.setAutoDefault(False)
        self.rule_button.setToolTip(self.tr("先冲抵指定的销售单，再按到期日从早到晚冲抵；剩余记为预收款"))
        self.rule_button.clicked.connect(self.apply_rule)
        self.message = ErrorLine()
        self.message.watch(self.amount, self.model.problem)
        self.model.edited.connect(self.message.refresh)
        self.model.modelReset.connect(self.message.refresh)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("保存") if self.receipt_id is None else self.tr("保存核销"))
        self.save_button.setToolTip(self.tr("Ctrl+S"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self).activated.connect(self.save)
        below = QHBoxLayout()
        below.addWidget(self.totals, 1)
        below.addWidget(self.mode)
        below.addWidget(self.rule_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("核销（本次收款冲抵哪些销售单）：")))
        layout.addWidget(self.grid, 1)
        layout.addLayout(below)
        layout.addWidget(self.hint)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumSize(760, 540)

    # --- background reads -------------------------------------------------------------------------------------

    def _today(self) -> date:
        return self.ctx.as_of or date.today()

    def _read(self, fn: Callable[..., Any], *args: Any, on_done: Callable[[Any], None]) -> None:
        self._reads += 1

        def done(result: Any) -> None:
            self._reads -= 1
            on_done(result)
            self._update_buttons()

        def failed(exc: Exception) -> None:
            self._reads -= 1
            self.message.tell(str(exc))
            self._update_buttons()

        self._update_buttons()
        self.ctx.query(fn, *args, done=done, failed=failed, owner=self)

    def is_loading(self) -> bool:
        return self._reads > 0 or self._timer.isActive()

    def _customer_changed(self, customer_id: int | None) -> None:
        self._customer_generation += 1
        self._generation += 1
        self._timer.stop()
        self.hand = False
        self.proposal = None
        self.model.set_items((), {})
        self._fill_orders(())
        self.figures.clear()
        self._update_totals()
        if customer_id is None:
            return
        self.figures.setText(self.tr("正在读取客户的余额…"))
        generation = self._customer_generation

        def show(info: CustomerInfo) -> None:
            if generation == self._customer_generation:
                self._show_figures(info.figures)
                self._fill_orders(info.open_orders)
                self._schedule()

        self._read(load_customer, customer_id, self.day.date().toPython(), self._today(), on_done=show)

    def _show_figures(self, f: Figures) -> None:
        self.figures.setText(self.tr("余额 {0}　　过期 {1}　　预收款 {2}").format(
            yuan(f.balance), yuan(f.overdue), yuan(f.unapplied)))

    def _fill_orders(self, open_orders: tuple[OwedOrder, ...]) -> None:
        self.order.blockSignals(True)
        self.order.clear()
        self.order.addItem(self.tr("（不指定）"), None)
        for o in open_orders:
            self.order.addItem(self.tr("{0}　{1}　尚欠 {2}").format(o.number, o.date.isoformat(), yuan(o.owed)),
                               o.order_id)
        self.order.blockSignals(False)

    def _schedule(self) -> None:
        if self.receipt_id is None and self.customer.current_id() is not None:
            self._generation += 1
            self._timer.start()
            self._update_buttons()

    def _data(self) -> ReceiptIn | None:
        customer_id = self.customer.current_id()
        if customer_id is None:
            return None
        return ReceiptIn(customer_id, self.day.date().toPython(), self.amount_value(), self.method.current_id(),
                         self.order.currentData(), self.notes.text().strip() or None)

    def _propose(self) -> None:
        data = self._data()
        if data is None:
            return
        generation = self._generation

        def show(proposal: Proposal) -> None:
            if generation == self._generation:
                self.proposal = proposal
                self.model.set_items(proposal.items, self.model.current_pays() if self.hand else proposal.pays())
                self._focus_first_pay()
                self._update_totals()

        self._read(load_proposal, data, None, self._today(), on_done=show)

    def _focus_first_pay(self) -> None:
        if self.model.rowCount() and not self.grid.currentIndex().isValid():
            self.grid.setCurrentIndex(self.model.index(0, AllocationModel.PAY))

    # --- an existing receipt ----------------------------------------------------------------------------------

    def _show_existing(self, existing: Existing) -> None:
        v = existing.view
        self.existing, self.proposal, self.version = existing, existing.proposal, v.version
        self.setWindowTitle(self.tr("收款单 {0}").format(v.number))
        self.customer.set_current_id(v.customer_id)
        self.day.setDate(QDate(v.date.year, v.date.month, v.date.day))
        self.method.set_current_id(v.method_id)
        self.amount.set_value(v.amount)
        self.order.blockSignals(True)
        self.order.clear()
        self.order.addItem(v.order_number or self.tr("（不指定）"), v.order_id)
        self.order.blockSignals(False)
        self.notes.setText(v.notes or "")
        for widget in (self.customer, self.day, self.method, self.amount, self.order, self.notes):
            widget.setEnabled(False)
        self._show_figures(existing.figures)
        paid = "、".join(f"{number} {yuan(amount)}" for _oid, number, amount in v.paid) or self.tr("无")
        how = self.tr("手工分配") if v.manual else self.tr("按规则")
        self.info.setText(self.tr("{0}　{1}　录入人 {2}\n已核销：{3}；未核销（预收款）{4}；核销方式：{5}").format(
            v.number, self.tr(v.status_title), v.created_by, paid, yuan(v.unapplied), how))
        self.info.setVisible(True)
        self.editable = self.editable and allowed("receipt", Action.ALLOCATE, v.status)
        self.hand = v.manual
        pays: dict[int, Decimal] = {}
        for order_id, _number, amount in v.paid:
            pays[order_id] = pays.get(order_id, ZERO) + amount
        self.model.titles[4] = self.tr("尚欠（不计本单）")
        self.model.set_items(existing.proposal.items, pays)
        self._focus_first_pay()
        self._update_totals()

    # --- allocation -------------------------------------------------------------------------------------------

    def _hand_edited(self) -> None:
        self.hand = True
        self._update_totals()

    def apply_rule(self) -> None:
        """Back to the rule's proposal (the latest one read)."""
        self.hand = False
        if self.proposal is not None:
            self.model.set_items(self.proposal.items, self.proposal.pays())
        self._update_totals()

    def amount_value(self) -> Decimal:
        """The amount as typed so far (zero while empty or not valid: the proposal and the totals follow it)."""
        return self.amount.parsed() or ZERO

    def unapplied(self) -> Decimal:
        return self.amount_value() - self.model.applied()

    def _update_totals(self) -> None:
        unapplied = self.unapplied()
        self.totals.setText(self.tr("本次核销合计 {0}　　未核销（预收款）{1}").format(
            yuan(self.model.applied()), yuan(unapplied)))
        self.totals.setStyleSheet("color: #b00020" if unapplied < 0 else "")
        self.mode.setText(self.tr("分配方式：手工") if self.hand else self.tr("分配方式：按规则"))
        leftover = unapplied > 0 and any(p < i.owed for i, p in zip(self.model.items, self.model.pays, strict=True))
        self.hint.setText(self.tr("未分配的部分保存后仍按规则冲抵尚欠的最早到期销售单，冲抵后仍有剩余才是预收款。")
                          if self.hand and leftover else "")
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.model.editable = self.editable
        self.rule_button.setVisible(self.editable)
        self.save_button.setVisible(self.editable)
        self.save_button.setEnabled(not self.busy and not self.is_loading())
        if not self.editable:
            self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("关闭"))

    # --- saving -----------------------------------------------------------------------------------------------

    def save(self) -> None:
        if self.busy or self.is_loading() or not self.editable:
            return
        problem = self.problem()
        if problem is not None:
            self.message.tell(problem[0])
            problem[1].setFocus()
            return
        self.message.tell("")
        if self.receipt_id is None:
            data = self._data()
            if data is None:  # problem() checked the customer: not reached
                return
            fn, args = receipts.record, (data, self.model.allocations())
        else:
            fn, args = receipts.reallocate, (self.receipt_id, self.version, self.model.allocations())
        self.busy = True
        self._update_buttons()
        self.ctx.op(fn, *args, today=self._today(), done=self._saved, failed=self._failed, owner=self)

    def problem(self) -> tuple[str, QWidget] | None:
        """What keeps the receipt from being saved, and the field to fix it in (None: nothing)."""
        if self.receipt_id is None:
            if self.customer.current_id() is None:
                return self.tr("请选择客户"), self.customer
            try:
                self.amount.value()
            except ValidationError as exc:
                return str(exc), self.amount
            if self.method.current_id() is None:
                return self.tr("请选择收款方式"), self.method
        if self.model.problem():
            return self.model.problem(), self.grid
        return None

    def _saved(self, result: receipts.Saved) -> None:
        self.busy = False
        self.saved.emit(result)
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self.busy = False
        self._update_buttons()
        error(self, self.windowTitle(), exc)

    def done(self, result: int) -> None:
        qsettings().setValue(GEOMETRY_KEY, self.saveGeometry())
        qsettings().setValue(HEADER_KEY, self.grid.horizontalHeader().saveState())
        super().done(result)
