"""The order form: a new order, or a saved one (editable while draft or held, read-only once confirmed or cancelled);
the credit check's decision, reasons and figures are shown before anything is confirmed."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import auth, credit, customer_service, documents, orders
from app.context import Actor
from app.credit import CreditDecision
from app.customer_service import Figures
from app.documents import LineIn
from app.errors import ConflictError, UserError, ValidationError
from app.orders import OrderIn, OrderView, Outcome
from app.statuses import is_counted
from app.workflow import Action, allowed
from ui import exporting
from ui.ask import confirm, error, inform, warn
from ui.context import AppContext, qsettings
from ui.customers.card import money
from ui.sales.lines import ZERO, LinesGrid
from ui.widgets.dates import date_edit
from ui.widgets.errors import ErrorLine
from ui.widgets.numbers import MoneyEdit
from ui.widgets.picker import Picker

GEOMETRY_KEY = "order_form/geometry"
DECISIONS = {credit.OK: QT_TRANSLATE_NOOP("OrderDialog", "通过"),
             credit.HOLD: QT_TRANSLATE_NOOP("OrderDialog", "暂挂待审批"),
             credit.BLOCK: QT_TRANSLATE_NOOP("OrderDialog", "禁止")}
STATUS_COLORS = {"draft": "#555555", "held": "#b26a00", "confirmed": "#2e7d32", "cancelled": "#b00020"}
_STATUS_TITLES = (  # app.orders.STATUS_TITLES reach self.tr() as variables: name them for lupdate
    QT_TRANSLATE_NOOP("OrderDialog", "草稿"),
    QT_TRANSLATE_NOOP("OrderDialog", "待审批"),
    QT_TRANSLATE_NOOP("OrderDialog", "已确认"),
    QT_TRANSLATE_NOOP("OrderDialog", "已作废"),
)


def ask(parent: QWidget, title: str, text: str, yes: str) -> bool:
    """A question whose buttons say what happens (「yes」 / 返回); 返回 is the default. (Kept for the modules that
    import it from here: new code calls ui.ask.confirm.)"""
    return confirm(parent, title, text, yes, destructive=True,
                   no_text=QCoreApplication.translate("OrderDialog", "返回"))


@dataclass(frozen=True)
class Loaded:
    order: OrderView | None  # None: a new order
    cash_method_id: int | None  # the 收款方式 a cash sale uses by default


def load(session: Any, actor: Actor, order_id: int | None) -> Loaded:
    return Loaded(None if order_id is None else orders.view(session, actor, order_id), orders.cash_method_id(session))


def below_cost(session: Any, _actor: Actor, lines: tuple[LineIn, ...]) -> tuple[int, ...]:
    """Which of the lines (numbered from 1) are priced below cost: the form asks before saving them."""
    return documents.lines_below_cost(session, lines)


def check(session: Any, actor: Actor, data: OrderIn, total: Decimal, today: date) -> CreditDecision:
    """The check confirming will run (same customer, amount, cash and date), before anything is saved."""
    return orders.check(session, actor, data.customer_id, total, orders.check_date(data.date, today),
                        data.cash_amount)


def customer_figures(session: Any, _actor: Actor, customer_id: int, on: date) -> Figures:
    return customer_service.figures(session, customer_id, on)


def open_order(ctx: AppContext, parent: QWidget, order_id: int | None) -> OrderDialog | None:
    """Open an order, or an empty form for a new one (None when the user may not enter orders)."""
    if order_id is None and not auth.can(ctx.actor, "orders.edit"):
        warn(parent, QCoreApplication.translate("OrderDialog", "销售单"),
             QCoreApplication.translate("OrderDialog", "您没有录入销售单的权限"))
        return None
    dialog = OrderDialog(ctx, order_id, parent)
    dialog.open()
    return dialog


class OrderDialog(QDialog):
    """order_id None: a new order. The form shows at once; the order and the figures arrive from a worker."""

    def __init__(self, ctx: AppContext, order_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.order: OrderView | None = None
        self.default_cash_method: int | None = None
        self.show_cost = auth.can(ctx.actor, "cost.view")
        self.may_edit = auth.can(ctx.actor, "orders.edit")
        self.editable = False
        self.last_outcome: Outcome | None = None  # what the last save did (tests look at it)
        self._busy = False
        self._figures_generation = 0
        self._figures_pending = False
        self._cash_typed = False
        self._saved_snapshot: tuple = ()
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setSizeGripEnabled(True)

        self.title = QLabel()
        self.title.setStyleSheet("font-size: 15pt; font-weight: bold")
        self.status_badge = QLabel()
        self.info = QLabel()
        self.info.setStyleSheet("color: #666")
        self.status_note = QLabel()
        self.status_note.setWordWrap(True)
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addWidget(self.status_badge)
        head.addStretch(1)
        head.addWidget(self.info)

        # built in the order Tab walks: header, lines, cash, buttons
        header = self._header()
        self.lines = LinesGrid(ctx, self.show_cost, focus_after=self.notes)
        self.lines.changed.connect(self._totals_changed)
        self.totals = QLabel()
        self.totals.setStyleSheet("font-size: 11pt; font-weight: bold")
        self.lines.buttons.addWidget(self.totals)  # under the amounts, beside the line buttons
        cash_row = self._cash_row()
        self.errors = ErrorLine()
        self.errors.watch(self.lines.problem, self.cash_amount)
        self.lines.changed.connect(self.errors.refresh)
        self.message = QLabel()
        self.save_button = QPushButton(self.tr("保存草稿(&S)"))
        self.save_button.setToolTip(self.tr("Ctrl+S"))
        self.confirm_button = QPushButton(self.tr("确认(&Q)"))
        self.confirm_button.setToolTip(self.tr("先做信用检查，显示结果后再确认"))
        self.close_button = QPushButton(self.tr("关闭"))
        self.print_button = QPushButton(self.tr("打印送货单…"))
        self.print_button.setToolTip(self.tr("打印预览：这张销售单作为送货单"))
        self.print_button.clicked.connect(self.print_preview)
        self.print_button.setEnabled(False)
        self.save_button.clicked.connect(self.save_draft)
        self.confirm_button.clicked.connect(self.confirm)
        self.close_button.clicked.connect(self.reject)
        for button in (self.save_button, self.confirm_button, self.close_button, self.print_button):
            button.setAutoDefault(False)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save_draft)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.print_button)
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.confirm_button)
        bottom.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.status_note)
        layout.addLayout(header)
        layout.addWidget(self.lines, 1)
        layout.addLayout(cash_row)
        layout.addWidget(self.errors)
        layout.addLayout(bottom)

        self.resize(1040, 640)
        geometry = qsettings().value(GEOMETRY_KEY)
        if geometry is not None:
            self.restoreGeometry(geometry)
        self._show(None)
        if order_id is not None:  # until it arrives: an empty, locked form
            self._set_editable(False)
            self.setWindowTitle(self.tr("销售单"))
            self.title.setText(self.tr("销售单"))
        self._load(order_id)

    # --- building ---------------------------------------------------------------------------------------------

    def _header(self) -> QHBoxLayout:
        self.customer = Picker.for_customers(self.ctx)
        self.customer.picked.connect(self._customer_picked)
        self.day = date_edit(date.today())
        self.handler = Picker.for_salespeople(self.ctx)
        self.handler.setPlaceholderText(self.tr("（无）"))
        self.notes = QLineEdit()
        fields = QGridLayout()
        fields.addWidget(QLabel(self.tr("客户：")), 0, 0)
        fields.addWidget(self.customer, 0, 1, 1, 3)
        fields.addWidget(QLabel(self.tr("日期：")), 1, 0)
        fields.addWidget(self.day, 1, 1)
        fields.addWidget(QLabel(self.tr("经办人：")), 1, 2)
        fields.addWidget(self.handler, 1, 3)
        fields.addWidget(QLabel(self.tr("备注：")), 2, 0)
        fields.addWidget(self.notes, 2, 1, 1, 3)
        fields.setColumnStretch(1, 1)
        fields.setColumnStretch(3, 1)

        self.figures_box = QGroupBox(self.tr("客户信用"))
        grid = QGridLayout(self.figures_box)
        self.figure_labels: dict[str, QLabel] = {}
        for n, (key, title) in enumerate((("balance", self.tr("余额：")), ("overdue", self.tr("过期：")),
                                          ("term_days", self.tr("账期：")), ("credit_limit", self.tr("信用额度：")),
                                          ("available", self.tr("可用额度：")))):
            label = QLabel()
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            label.setMinimumWidth(110)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.figure_labels[key] = label
            row, col = n % 3, (n // 3) * 2
            grid.addWidget(QLabel(title), row, col)
            grid.addWidget(label, row, col + 1)
        self.figures_note = QLabel()
        self.figures_note.setStyleSheet("color: #666")
        grid.addWidget(self.figures_note, 2, 2, 1, 2)
        header = QHBoxLayout()
        header.addLayout(fields, 3)
        header.addWidget(self.figures_box, 2)
        return header

    def _cash_row(self) -> QHBoxLayout:
        self.cash = QCheckBox(self.tr("现款"))
        self.cash.setToolTip(self.tr("随单收取的现款，确认时记为收款单；新客户只能现款购买"))
        self.cash.toggled.connect(self._cash_toggled)
        self.cash_amount = MoneyEdit(self.tr("现款金额"), required=True)
        self.cash_amount.setMaximumWidth(130)
        self.cash_amount.textEdited.connect(lambda _t: setattr(self, "_cash_typed", True))
        self.cash_method = Picker.for_codes(self.ctx, "payment_method")
        self.cash_method.setMaximumWidth(160)
        row = QHBoxLayout()
        row.addWidget(self.cash)
        row.addWidget(QLabel(self.tr("金额：")))
        row.addWidget(self.cash_amount)
        row.addWidget(QLabel(self.tr("收款方式：")))
        row.addWidget(self.cash_method)
        row.addStretch(1)
        return row

    # --- showing ----------------------------------------------------------------------------------------------

    @property
    def order_id(self) -> int | None:
        return None if self.order is None else self.order.id

    def print_preview(self) -> None:
        """The order as saved (a form with unsaved changes prints what is stored: save first)."""
        if self.order is not None:
            exporting.preview(self.ctx, self, exporting.order_job(self.order.id, self.order.number))

    def _show(self, order: OrderView | None) -> None:
        self.order = order
        self.print_button.setEnabled(order is not None)
        self.cash.blockSignals(True)
        if order is None:
            self.setWindowTitle(self.tr("新建销售单"))
            self.title.setText(self.tr("新建销售单"))
            self.info.clear()
            self.customer.clear_choice()
            self.day.setDate(QDate.currentDate())
            self.handler.set_current_id(self.ctx.actor.salesperson_id)
            self.notes.clear()
            self.lines.clear()
            self.lines.set_customer(None)
            self.lines.add_line()
            self.cash.setChecked(False)
            self.cash_amount.clear()
            self.cash_method.set_current_id(self.default_cash_method)
        else:
            self.setWindowTitle(self.tr("销售单 — {0} {1}").format(order.number, order.customer_name))
            self.title.setText(self.tr("销售单 {0}").format(order.number))
            self.info.setText(self.tr("到期日 {0}（账期 {1} 天）　录入人 {2}").format(
                order.due_date.isoformat(), order.term_days, order.created_by))
            self.customer.set_current_id(order.customer_id)
            self.day.setDate(QDate(order.date.year, order.date.month, order.date.day))
            self.handler.set_current_id(order.handler_id)
            self.notes.setText(order.notes or "")
            self.lines.set_lines(order.lines)
            self.lines.set_customer(order.customer_id)
            self.cash.setChecked(order.cash_amount > 0)
            self.cash_amount.set_value(order.cash_amount if order.cash_amount > 0 else None)
            self.cash_method.set_current_id(order.cash_method_id or self.default_cash_method)
        self.cash.blockSignals(False)
        self._cash_typed = order is not None and order.cash_amount > 0
        self._show_status(order)
        self._set_editable(self.may_edit and (order is None or allowed("order", Action.SAVE, order.status)))
        self._load_figures()
        self._totals_changed()
        self._saved_snapshot = self._snapshot()
        (self.customer if order is None else self.close_button).setFocus()
        if not self.editable:
            self.customer.deselect()

    def _show_status(self, order: OrderView | None) -> None:
        if order is None:
            self.status_badge.clear()
            self.status_note.setVisible(False)
            return
        color = STATUS_COLORS[order.status]
        self.status_badge.setText(self.tr(order.status_title))
        self.status_badge.setStyleSheet(f"color: white; background: {color}; padding: 2px 8px; border-radius: 3px")
        note = order.status_note or ""
        if is_counted(order.status):
            note = "；".join(filter(None, [note, self.tr("已确认的销售单不能修改，如需更正请做退货")]))
        self.status_note.setText(note)
        self.status_note.setStyleSheet(f"color: {color}; border: 1px solid {color}; padding: 4px")
        self.status_note.setVisible(bool(note))

    def _set_editable(self, editable: bool) -> None:
        self.editable = editable
        for widget in (self.customer, self.notes, self.cash_amount, self.cash_method):
            widget.setReadOnly(not editable)
        self.handler.setReadOnly(not editable or self.ctx.actor.role == "sales")  # a salesperson takes own orders
        self.day.setReadOnly(not editable)
        self.cash.setEnabled(editable)
        self.cash_amount.setEnabled(self.cash.isChecked())
        self.cash_method.setEnabled(self.cash.isChecked())
        self.lines.set_read_only(not editable)
        self.save_button.setVisible(editable)
        self.confirm_button.setVisible(editable)

    def _customer_picked(self, customer_id: int | None) -> None:
        self.lines.set_customer(customer_id)
        self._load_figures()

    def _load_figures(self) -> None:
        """The chosen customer's balance, overdue, limit, available and term, read off the GUI thread."""
        self._figures_generation += 1
        generation = self._figures_generation
        customer_id = self.customer.current_id()
        self.figures_box.setTitle(self.tr("客户信用（截至 {0}）").format(self.ctx.as_of.isoformat()))
        for label in self.figure_labels.values():
            label.setText("—" if customer_id is None else "…")
            label.setStyleSheet("")
        self._figures_pending = customer_id is not None
        if customer_id is None:
            return
        self.ctx.query(customer_figures, customer_id, self.ctx.as_of, owner=self,
                       done=lambda f: self._figures_arrived(generation, f),
                       failed=lambda exc: self._figures_arrived(generation, None, exc))

    def _figures_arrived(self, generation: int, figures: Figures | None, exc: Exception | None = None) -> None:
        if generation != self._figures_generation:
            return
        self._figures_pending = False
        if figures is None:
            for label in self.figure_labels.values():
                label.setText("")
            self.figures_note.setText(str(exc) if isinstance(exc, UserError) else self.tr("无法读取"))
            return
        self.figures_note.clear()
        values = {"balance": money(figures.balance), "overdue": money(figures.overdue),
                  "credit_limit": money(figures.credit_limit), "available": money(figures.available),
                  "term_days": self.tr("{0} 天").format(figures.term_days)}
        for key, text in values.items():
            self.figure_labels[key].setText(text)
        red = "color: #b00020; font-weight: bold"
        self.figure_labels["overdue"].setStyleSheet(red if figures.overdue > 0 else "")
        self.figure_labels["available"].setStyleSheet(red if figures.available <= 0 else "")

    def figures_pending(self) -> bool:
        return self._figures_pending

    def _totals_changed(self) -> None:
        total = self.lines.total()
        text = self.tr("合计金额：{0}").format(money(total))
        cost = self.lines.cost_total()
        if not self.lines.complete():  # a quantity or price not filled in (or not valid) yet
            text += self.tr("（不含未填好的行）")
        elif cost is not None:
            text += self.tr("　成本：{0}　毛利：{1}").format(money(cost), money(total - cost))
            if total:
                text += self.tr("（{0:.2f}%）").format((total - cost) / total * 100)
        self.totals.setText(text)
        if self.cash.isChecked() and not self._cash_typed and self.editable:
            self.cash_amount.set_value(total)

    def _cash_toggled(self, on: bool) -> None:
        self.cash_amount.setEnabled(on)
        self.cash_method.setEnabled(on)
        self._cash_typed = False
        self.cash_amount.set_value(self.lines.total() if on else None)
        self.errors.refresh()
        if on and self.cash_method.current_id() is None:
            self.cash_method.set_current_id(self.default_cash_method)

    # --- saving -----------------------------------------------------------------------------------------------

    def data(self) -> OrderIn:
        customer_id = self.customer.current_id()
        if customer_id is None:
            raise ValidationError(self.tr("请选择客户"))
        lines = self.lines.lines()
        if not lines:
            raise ValidationError(self.tr("请至少录入一行商品"))
        cash = self.cash.isChecked()
        return OrderIn(customer_id=customer_id, date=self.day.date().toPython(), lines=lines,
                       handler_id=self.handler.current_id(), notes=self.notes.text().strip() or None,
                       cash_amount=(self.cash_amount.value() or ZERO) if cash else ZERO,
                       cash_method_id=self.cash_method.current_id() if cash else None)

    def _snapshot(self) -> tuple:
        cash = self.cash.isChecked()
        return (self.customer.current_id(), self.day.date().toPython(), self.handler.current_id(), self.notes.text(),
                cash, self.cash_amount.text() if cash else "", self.cash_method.current_id() if cash else None,
                self.lines.snapshot())

    def is_dirty(self) -> bool:
        return self.editable and self._snapshot() != self._saved_snapshot

    def _identity(self) -> tuple[int | None, int | None]:
        """The order and the version the user is editing: a save over someone else's change is refused."""
        return (None, None) if self.order is None else (self.order.id, self.order.version)

    def _valid_data(self, title: str) -> OrderIn | None:
        if not self.editable or self._busy:
            return None
        try:
            return self.data()
        except UserError as exc:
            error(self, title, exc)
            return None

    def save_draft(self) -> None:
        title = self.tr("保存草稿")
        data = self._valid_data(title)
        if data is not None:
            self._check_cost(data, title, self.tr("仍然保存"), lambda: self._run(
                orders.save_draft, data, *self._identity(), title=title, on_done=self._saved))

    def confirm(self) -> None:
        """Ask about prices below cost, then check credit and show the decision; only if the user goes on is the
        order saved and confirmed."""
        title = self.tr("确认销售单")
        data = self._valid_data(title)
        if data is not None:
            self._check_cost(data, title, self.tr("继续"), lambda: self._check_credit(data, title))

    def _check_cost(self, data: OrderIn, title: str, yes: str, go: Callable[[], None]) -> None:
        """Lines priced below cost (read off the GUI thread) must be confirmed; 返回 keeps the form, saves nothing."""
        self._set_busy(True, self.tr("正在检查单价…"))

        def checked(numbers: tuple[int, ...]) -> None:
            self._set_busy(False, "")
            if numbers and not confirm(self, self.tr("单价低于成本"), self.below_cost_text(numbers), yes,
                                       destructive=True, no_text=self.tr("返回修改")):
                self.message.setText(self.tr("单价低于成本，单据没有保存"))
                return
            go()

        self.ctx.query(below_cost, data.lines, done=checked, failed=lambda exc: self._failed(title, exc), owner=self)

    def below_cost_text(self, numbers: tuple[int, ...]) -> str:
        """Which lines are below cost, by the row numbers the grid shows; the cost itself only for who may see it."""
        rows = self.lines.product_rows()
        parts = [self.tr("以下商品的单价低于成本价：")]
        for n in numbers:
            row, line = rows[n - 1]
            price = line.price.parsed() or ZERO
            if self.show_cost and line.unit_cost is not None and line.unit_cost > price:
                parts.append(self.tr("· 第 {0} 行 {1}：单价 {2}，成本价 {3}").format(
                    row, line.picker.text(), money(price), money(line.unit_cost)))
            else:
                parts.append(self.tr("· 第 {0} 行 {1}：单价 {2}").format(row, line.picker.text(), money(price)))
        parts += ["", self.tr("确定按这个单价继续吗？")]
        return "\n".join(parts)

    def _check_credit(self, data: OrderIn, title: str) -> None:
        today = date.today()
        self._set_busy(True, self.tr("正在进行信用检查…"))
        self.ctx.query(check, data, self.lines.total(), today, owner=self,
                       done=lambda decision: self._checked(data, today, decision),
                       failed=lambda exc: self._failed(title, exc))

    def _checked(self, data: OrderIn, today: date, decision: CreditDecision) -> None:
        self._set_busy(False, "")
        yes = {credit.OK: self.tr("确认"), credit.HOLD: self.tr("提交审批"), credit.BLOCK: self.tr("保存为草稿")}
        if not confirm(self, self.tr("信用检查"), self.credit_text(decision, data.cash_amount), yes[decision.decision],
                       destructive=True, no_text=self.tr("返回")):
            self.message.setText(self.tr("未确认，单据没有保存"))
            return
        self._run(orders.confirm, data, *self._identity(), today=today, title=self.tr("确认销售单"),
                  on_done=self._confirmed)

    def credit_text(self, d: CreditDecision, cash: Decimal) -> str:
        amount = self.tr("本单金额：{0}").format(money(d.amount))
        if cash:
            amount += self.tr("，现款 {0}").format(money(cash))
        parts = [self.tr("信用检查结果：{0}").format(self.tr(DECISIONS[d.decision])), amount]
        if d.reasons:
            parts += [""] + [f"· {r.message}" for r in d.reasons]
        parts += ["", self.tr("余额：{0}　过期：{1}").format(money(d.balance), money(d.overdue)),
                  self.tr("信用额度：{0}　本单后欠款：{1}").format(money(d.credit_limit), money(d.exposure)),
                  self.tr("（按 {0} 的数据计算）").format(d.on.isoformat()), ""]
        parts.append({credit.OK: self.tr("确认后单据生效，计入应收账款。"),
                      credit.HOLD: self.tr("确认后单据进入待审批，经理审批通过后才生效。"),
                      credit.BLOCK: self.tr("禁止销售：单据不能确认，只能保存为草稿。")}[d.decision])
        return "\n".join(parts)

    def _run(self, fn: Callable[..., Outcome], *args: Any, title: str, on_done: Callable[[Outcome], None],
             **kwargs: Any) -> None:
        self._set_busy(True, self.tr("正在保存…"))
        self.ctx.op(fn, *args, done=on_done, failed=lambda exc: self._failed(title, exc), owner=self, **kwargs)

    def _saved(self, outcome: Outcome) -> None:
        self.last_outcome = outcome
        self.reload(outcome.order_id, message=outcome.message)

    def _confirmed(self, outcome: Outcome) -> None:
        self.last_outcome = outcome
        inform(self, self.tr("确认销售单"), outcome.message)
        self.reload(outcome.order_id, message=outcome.message.splitlines()[0])

    def _failed(self, title: str, exc: Exception) -> None:
        self._set_busy(False, "")
        if isinstance(exc, ConflictError) and self.order is not None:
            if confirm(self, title, self.tr("{0}\n\n要重新加载最新的单据吗？您在此窗口的修改将丢失。").format(exc),
                       self.tr("重新加载"), destructive=True, no_text=self.tr("返回")):
                self.reload()
            return
        error(self, title, exc)

    def reload(self, order_id: int | None = None, message: str = "") -> None:
        """Read the order again (after a save or a conflict)."""
        oid = order_id or self.order_id
        if oid is not None:
            self._load(oid, message)

    def _load(self, order_id: int | None, message: str = "") -> None:
        self._set_busy(True, self.tr("正在加载…"))

        def done(loaded: Loaded) -> None:
            self.default_cash_method = loaded.cash_method_id
            if loaded.order is not None:
                self._show(loaded.order)
            elif self.cash_method.current_id() is None:
                self.cash_method.set_current_id(self.default_cash_method)
            self._set_busy(False, message)

        def failed(exc: Exception) -> None:
            self._set_busy(False, "")
            error(self, self.tr("销售单"), exc)
            if self.order is None and order_id is not None:  # refused (another salesperson's customer): nothing to show
                super(OrderDialog, self).reject()

        self.ctx.query(load, order_id, done=done, failed=failed, owner=self, key="load")

    def _set_busy(self, busy: bool, message: str) -> None:
        self._busy = busy
        self.save_button.setEnabled(not busy)
        self.confirm_button.setEnabled(not busy)
        self.message.setText(message)

    def is_busy(self) -> bool:
        return self._busy

    # --- closing ----------------------------------------------------------------------------------------------

    def reject(self) -> None:
        if self.is_dirty() and not confirm(self, self.tr("销售单"), self.tr("有未保存的修改，确定放弃吗？"),
                                           self.tr("放弃修改"), destructive=True, no_text=self.tr("返回")):
            return
        super().reject()

    def done(self, result: int) -> None:
        qsettings().setValue(GEOMETRY_KEY, self.saveGeometry())
        self.lines.save_state()
        super().done(result)
