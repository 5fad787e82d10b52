"""The order form's lines grid: product picker, quantity, unit price, amount, and cost and margin for who may see cost."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app import master_data, orders
from app.context import Actor
from app.documents import LineIn, line_amount
from app.errors import UserError, ValidationError
from app.orders import LineView, PastPrice
from ui.ask import inform, warn
from ui.context import AppContext, qsettings
from ui.widgets.numbers import NumberEdit, PriceEdit, QuantityEdit
from ui.widgets.picker import Picker

ZERO = Decimal("0.00")
PRODUCT, QTY, PRICE, HISTORY, AMOUNT, UNIT_COST, MARGIN, SOURCE = range(8)
WIDTHS = (260, 80, 100, 30, 110, 100, 100, 160)
HEADER_KEY = "order_form/lines_header"
HISTORY_KEY = "F3"


@dataclass(frozen=True)
class ProductDefaults:
    price: Decimal
    source: str  # where the price came from (上次价格… / 标准售价)
    unit_cost: Decimal | None  # None: the actor may not see cost


def product_defaults(sessions: Any, actor: Actor, customer_id: int | None, product_id: int) -> ProductDefaults:
    with sessions() as s:
        price, source = orders.default_price(s, actor, customer_id, product_id)
        found = master_data.product_rows(s, [product_id], actor)
    return ProductDefaults(price, source, found[0].cost if found else None)


def qty_text(qty: Decimal) -> str:
    text = f"{qty:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def money_text(value: Decimal | None) -> str:
    return "" if value is None else f"{value:,.2f}"


@dataclass
class _Line:
    """One row's editors and what the grid knows about its product."""

    picker: Picker
    qty: QuantityEdit
    price: PriceEdit
    history: QToolButton
    unit_cost: Decimal | None = None
    source: str = ""
    price_typed: bool = False  # the user set the price: a new customer does not replace it

    def product_id(self) -> int | None:
        return self.picker.current_id()

    def amount(self) -> Decimal | None:
        """None while the quantity or the price is empty or not valid."""
        qty, price = self.qty.parsed(), self.price.parsed()
        return None if qty is None or price is None else line_amount(qty, price)

    def cost(self) -> Decimal | None:
        """None when the cost is not known (or not shown); zero while the quantity is not valid."""
        return None if self.unit_cost is None else line_amount(self.qty.parsed() or ZERO, self.unit_cost)


class PriceHistoryDialog(QDialog):
    """This customer's past prices for one product, newest first; Enter or a double click uses the chosen one."""

    def __init__(self, product: str, past: Sequence[PastPrice], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("历史价格 — {0}").format(product))
        self.past = list(past)
        self.table = QTableWidget(len(self.past), 4)
        self.table.setHorizontalHeaderLabels([self.tr("日期"), self.tr("单号"), self.tr("数量"), self.tr("单价")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for row, p in enumerate(self.past):
            for col, text in enumerate((p.date.isoformat(), p.number, qty_text(p.qty), f"{p.price:,.2f}")):
                item = QTableWidgetItem(text)
                if col >= 2:
                    item.setTextAlignment(right)
                self.table.setItem(row, col, item)
        self.table.resizeColumnsToContents()
        for col in range(3):
            self.table.horizontalHeader().resizeSection(col, self.table.columnWidth(col) + 16)
        if self.past:
            self.table.selectRow(0)
        self.table.doubleClicked.connect(lambda _i: self.accept())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("使用此价格"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(480, 320)

    def chosen(self) -> Decimal | None:
        row = self.table.currentRow()
        return self.past[row].price if 0 <= row < len(self.past) else None


class LinesGrid(QWidget):
    """Keyboard-first: Tab walks product → quantity → price; Enter in the price goes to the next line (adding one);
    Insert or Ctrl+Enter adds a line, Ctrl+D removes the current one, F3 shows the customer's past prices."""

    changed = Signal()  # an amount changed: the form updates its totals

    def __init__(self, ctx: AppContext, show_cost: bool, focus_after: QWidget | None = None,
                 parent: QWidget | None = None) -> None:
        """focus_after: the form's field that Tab leaves for the first line."""
        super().__init__(parent)
        self.ctx = ctx
        self.show_cost = show_cost
        self.customer_id: int | None = None
        self.read_only = False
        self._lines: list[_Line] = []
        self._current: _Line | None = None
        titles = [self.tr("商品"), self.tr("数量"), self.tr("单价"), "", self.tr("金额"), self.tr("成本价"),
                  self.tr("毛利"), self.tr("价格来源")]
        self.table = QTableWidget(0, len(titles))
        self._focus_after = focus_after or self.table
        self.table.setHorizontalHeaderLabels(titles)
        self.table.setTabKeyNavigation(False)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the editors in its cells take the focus
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(QLineEdit().sizeHint().height() + 4)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        for col, width in enumerate(WIDTHS):
            header.resizeSection(col, width)
        state = qsettings().value(HEADER_KEY)
        if state is not None:
            header.restoreState(state)
        header.setSectionResizeMode(HISTORY, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(HISTORY, WIDTHS[HISTORY])
        for col in (UNIT_COST, MARGIN):  # after restoreState, which brings back hidden columns too
            self.table.setColumnHidden(col, not show_cost)

        self.add_button = QPushButton(self.tr("添加行 (Insert)"))
        self.remove_button = QPushButton(self.tr("删除行 (Ctrl+D)"))
        self.history_button = QPushButton(self.tr("历史价格 ({0})").format(HISTORY_KEY))
        self.add_button.clicked.connect(lambda: self.add_line())
        self.remove_button.clicked.connect(self.remove_line)
        self.history_button.clicked.connect(lambda: self.pick_history(self.current_line()))
        self.buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.history_button):
            button.setAutoDefault(False)
            self.buttons.addWidget(button)
        self.buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(self.buttons)
        for keys, slot in ((("Insert", "Ctrl+Return", "Ctrl+Enter"), self.add_line), (("Ctrl+D",), self.remove_line),
                           ((HISTORY_KEY,), lambda: self.pick_history(self.current_line()))):
            for key in keys:
                shortcut = QShortcut(QKeySequence(key), self)
                shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                shortcut.activated.connect(slot)

    # --- rows ---------------------------------------------------------------------------------------------------

    def line_count(self) -> int:
        return len(self._lines)

    def line(self, row: int) -> _Line:
        return self._lines[row]

    def add_line(self) -> None:
        if self.read_only:
            return
        line = self._append()
        line.picker.setFocus()

    @staticmethod
    def _framed(edit: NumberEdit) -> NumberEdit:
        edit.setFrame(False)  # the cell is the frame; an invalid value still gets its red border
        return edit

    def _append(self) -> _Line:
        picker = Picker.for_products(self.ctx)
        picker.setFrame(False)
        history = QToolButton()
        history.setText("…")
        history.setAutoRaise(True)
        history.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        history.setToolTip(self.tr("该客户的历史价格（{0}）").format(HISTORY_KEY))
        line = _Line(picker, self._framed(QuantityEdit(allow_zero=False, required=True)),
                     self._framed(PriceEdit(required=True)), history)
        row = len(self._lines)
        self._lines.append(line)
        self.table.insertRow(row)
        for col, widget in ((PRODUCT, picker), (QTY, line.qty), (PRICE, line.price), (HISTORY, history)):
            self.table.setCellWidget(row, col, widget)
        for col in (AMOUNT, UNIT_COST, MARGIN, SOURCE):
            item = QTableWidgetItem()
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            if col != SOURCE:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            else:
                item.setForeground(Qt.GlobalColor.darkGray)
            self.table.setItem(row, col, item)
        picker.picked.connect(lambda pid: self._product_picked(line, pid))
        line.qty.textChanged.connect(lambda _t: self._recompute(line))
        line.price.textChanged.connect(lambda _t: self._recompute(line))
        line.price.textEdited.connect(lambda _t: self._price_typed(line))
        line.qty.returnPressed.connect(line.price.setFocus)
        line.price.returnPressed.connect(lambda: self._next_line(line))
        history.clicked.connect(lambda _checked=False: self.pick_history(line))
        for widget in (picker, line.qty, line.price):
            widget.installEventFilter(self)
        self._chain_tab_order()
        return line

    def _chain_tab_order(self) -> None:
        """New rows' editors were created last: put every row's editors right after focus_after in the focus chain."""
        previous: QWidget = self._focus_after
        for line in self._lines:
            for widget in (line.picker, line.qty, line.price):
                QWidget.setTabOrder(previous, widget)
                previous = widget

    def remove_line(self) -> None:
        line = self.current_line()
        if self.read_only or line is None:
            return
        row = self._lines.index(line)
        self._lines.pop(row)
        self.table.removeRow(row)
        self._current = None
        if self._lines:
            self._lines[min(row, len(self._lines) - 1)].picker.setFocus()
        self.changed.emit()

    def clear(self) -> None:
        self._lines.clear()
        self._current = None
        self.table.setRowCount(0)
        self.changed.emit()

    def current_line(self) -> _Line | None:
        """The line being edited (or edited last); else the last one."""
        if self._current in self._lines:
            return self._current
        return self._lines[-1] if self._lines else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.FocusIn:
            self._current = next((ln for ln in self._lines if watched in (ln.picker, ln.qty, ln.price)), self._current)
        return super().eventFilter(watched, event)

    def _next_line(self, line: _Line) -> None:
        row = self._lines.index(line)
        if row + 1 < len(self._lines):
            self._lines[row + 1].picker.setFocus()
        elif line.product_id() is not None:
            self.add_line()

    # --- filling ------------------------------------------------------------------------------------------------

    def set_lines(self, lines: Sequence[LineView]) -> None:
        """Show a saved order's lines (their prices count as chosen: another customer does not replace them)."""
        self.clear()
        for view in lines:
            line = self._append()
            line.picker.set_current_id(view.product_id)
            line.unit_cost, line.source, line.price_typed = view.unit_cost, "", True
            line.qty.set_value(view.qty)
            line.price.set_value(view.price)
            self._recompute(line)

    def set_customer(self, customer_id: int | None) -> None:
        """Prices the user did not set follow the customer (its last price for each product)."""
        self.customer_id = customer_id
        for line in self._lines:
            if line.product_id() is not None and not line.price_typed:
                self._apply_defaults(line, line.product_id())

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        for line in self._lines:
            line.picker.setReadOnly(read_only)
            line.qty.setReadOnly(read_only)
            line.price.setReadOnly(read_only)
            line.history.setEnabled(not read_only)
        for button in (self.add_button, self.remove_button, self.history_button):
            button.setVisible(not read_only)

    def _product_picked(self, line: _Line, product_id: int | None) -> None:
        if product_id is None:
            line.unit_cost, line.source = None, ""
            self._recompute(line)
            return
        if self._apply_defaults(line, product_id):
            if not line.qty.text():
                line.qty.setText("1")
            line.qty.setFocus()
            line.qty.selectAll()

    def _apply_defaults(self, line: _Line, product_id: int) -> bool:
        try:
            found = product_defaults(self.ctx.sessions, self.ctx.actor, self.customer_id, product_id)
        except UserError as exc:
            warn(self, self.tr("商品"), str(exc))
            return False
        line.unit_cost, line.source, line.price_typed = found.unit_cost, found.source, False
        line.price.set_value(found.price)
        self._recompute(line)
        return True

    def _price_typed(self, line: _Line) -> None:
        line.price_typed = True
        line.source = self.tr("手工输入")
        self._recompute(line)

    def pick_history(self, line: _Line | None) -> None:
        if line is None or self.read_only:
            return
        title = self.tr("历史价格")
        if self.customer_id is None or line.product_id() is None:
            inform(self, title, self.tr("请先选择客户和商品"))
            return
        try:
            with self.ctx.sessions() as s:
                past = orders.price_history(s, self.ctx.actor, self.customer_id, line.product_id())
        except UserError as exc:
            warn(self, title, str(exc))
            return
        if not past:
            inform(self, title, self.tr("该客户没有买过这个商品"))
            return
        dialog = PriceHistoryDialog(line.picker.text(), past, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.chosen() is not None:
            chosen = past[dialog.table.currentRow()]
            line.price_typed = True
            line.source = self.tr("历史价格（{0} {1}）").format(chosen.date.isoformat(), chosen.number)
            line.price.set_value(chosen.price)
            self._recompute(line)
        line.price.setFocus()

    # --- figures ------------------------------------------------------------------------------------------------

    def _recompute(self, line: _Line) -> None:
        if line not in self._lines:
            return
        row = self._lines.index(line)
        has_product = line.product_id() is not None
        amount = line.amount() if has_product else None
        cost = line.cost() if has_product else None
        texts = {AMOUNT: money_text(amount), UNIT_COST: money_text(line.unit_cost if has_product else None),
                 MARGIN: money_text(None if amount is None or cost is None else amount - cost),
                 SOURCE: line.source if has_product else ""}
        for col, text in texts.items():
            self.table.item(row, col).setText(text)
        self.table.item(row, SOURCE).setToolTip(texts[SOURCE])
        line.price.setToolTip(self.tr("价格来源：{0}").format(texts[SOURCE]) if texts[SOURCE] else "")
        self.changed.emit()

    def lines(self) -> tuple[LineIn, ...]:
        """The lines with a product, as the service takes them (cost: the product's cost price); a quantity or
        price that is empty or not valid raises ValidationError naming its row."""
        out = []
        for row, ln in self.product_rows():
            try:
                qty, price = ln.qty.value(), ln.price.value()
            except ValidationError as exc:
                raise ValidationError(self.tr("第 {0} 行：{1}").format(row, exc)) from None
            out.append(LineIn(ln.product_id(), qty, price))
        return tuple(out)

    def product_rows(self) -> list[tuple[int, _Line]]:
        """(row number as the grid shows it, line) of the lines with a product: what lines() sends, in order."""
        return [(row, ln) for row, ln in enumerate(self._lines, start=1) if ln.product_id() is not None]

    def problem(self) -> str:
        """The first typed quantity or price that is not valid, 第 N 行：why ("" when none)."""
        for row, ln in self.product_rows():
            for edit in (ln.qty, ln.price):
                if edit.problem():
                    return self.tr("第 {0} 行：{1}").format(row, edit.problem())
        return ""

    def total(self) -> Decimal:
        """The lines whose amount is known (one being typed, or flagged as not valid, counts nothing)."""
        amounts = (ln.amount() for ln in self._lines if ln.product_id() is not None)
        return sum((a for a in amounts if a is not None), ZERO)

    def complete(self) -> bool:
        """Every line with a product has a valid quantity and price (so the totals cover the whole order)."""
        return all(ln.amount() is not None for _row, ln in self.product_rows())

    def cost_total(self) -> Decimal | None:
        """None when cost is not shown or a line's cost is unknown."""
        costs = [ln.cost() for ln in self._lines if ln.product_id() is not None]
        if not self.show_cost or any(c is None for c in costs):
            return None
        return sum(costs, ZERO)  # type: ignore[arg-type]

    def snapshot(self) -> tuple[tuple[int | None, str, str], ...]:
        return tuple((ln.product_id(), ln.qty.text(), ln.price.text()) for ln in self._lines)

    def save_state(self) -> None:
        qsettings().setValue(HEADER_KEY, self.table.horizontalHeader().saveState())

