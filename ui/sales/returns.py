"""退货 from the 销售 tab: the return dialog (against an order, or free-standing) and the return list."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
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

from app import auth, orders, returns
from app.context import Actor
from app.documents import line_amount
from app.errors import ValidationError
from app.workflow import Action, allowed
from ui import exporting
from ui.ask import error
from ui.context import AppContext, qsettings
from ui.receipts.tab import DocumentList
from ui.widgets.dates import date_edit
from ui.widgets.errors import ErrorLine
from ui.widgets.numbers import (
    UNHANDLED,
    NumberDelegate,
    NumberSpec,
    PriceEdit,
    QuantityEdit,
    money_spec,
    parse_number,
    quantity_spec,
    typed_cell,
)
from ui.widgets.picker import Picker

ZERO_QTY = Decimal("0")
GEOMETRY_KEY = "return_dialog/geometry"
RED = QColor("#b00020")
Index = QModelIndex | QPersistentModelIndex
_TRANSLATABLE_TITLES = (
    QT_TRANSLATE_NOOP("ReturnsPanel", "退货单号"), QT_TRANSLATE_NOOP("ReturnsPanel", "日期"),
    QT_TRANSLATE_NOOP("ReturnsPanel", "客户编码"), QT_TRANSLATE_NOOP("ReturnsPanel", "客户名称"),
    QT_TRANSLATE_NOOP("ReturnsPanel", "原销售单"), QT_TRANSLATE_NOOP("ReturnsPanel", "经办人"),
    QT_TRANSLATE_NOOP("ReturnsPanel", "状态"), QT_TRANSLATE_NOOP("ReturnsPanel", "金额"),
    QT_TRANSLATE_NOOP("ReturnsPanel", "录入人"), QT_TRANSLATE_NOOP("ReturnsPanel", "备注"),
    QT_TRANSLATE_NOOP("ReturnsPanel", "已确认"), QT_TRANSLATE_NOOP("ReturnsPanel", "已作废"),
)


def qty_text(value: Decimal) -> str:
    return f"{value.normalize():f}"


@dataclass
class ReturnLineRow:
    """One line being entered (view state, changed by the grid)."""

    product_id: int
    code: str
    name: str
    price: Decimal
    qty: Decimal = ZERO_QTY
    unit: str | None = None
    order_line_id: int | None = None
    line_no: int | None = None
    sold: Decimal | None = None
    returned: Decimal | None = None
    left: Decimal | None = None
    invalid: dict[str, tuple[str, str]] = field(default_factory=dict)  # key -> (text typed, why it is not valid)

    @property
    def amount(self) -> Decimal:
        return line_amount(self.qty, self.price)


@dataclass(frozen=True)
class OrderToReturn:
    order: orders.OrderView
    lines: list[returns.Returnable]


def load_order(s: Any, actor: Actor, order_id: int) -> OrderToReturn:
    return OrderToReturn(orders.view(s, actor, order_id), returns.returnable(s, actor, order_id))


def load_price(s: Any, actor: Actor, customer_id: int | None, product_id: int) -> tuple[Decimal, str]:
    return orders.default_price(s, actor, customer_id, product_id)


class ReturnLinesModel(QAbstractTableModel):
    """The lines of a return; 退货数量 is editable, and 单价 of a return without an order (a line of the original
    order keeps the price it was sold at). A typed value that is not valid stays as typed (red,
    the reason in its tooltip), counts as zero, and keeps the return from being saved."""

    edited = Signal()
    EDITABLE = frozenset({"qty", "price"})
    MONEY = frozenset({"price", "amount"})
    QTY = frozenset({"sold", "returned", "left", "qty"})

    def __init__(self, columns: list[tuple[str, str]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns = columns
        self.lines: list[ReturnLineRow] = []
        self.specs = {"qty": quantity_spec(self.tr("退货数量")), "price": money_spec(self.tr("单价"))}

    def set_lines(self, lines: list[ReturnLineRow]) -> None:
        self.beginResetModel()
        self.lines = lines
        self.endResetModel()
        self.edited.emit()

    def add_line(self, line: ReturnLineRow) -> None:
        self.beginInsertRows(QModelIndex(), len(self.lines), len(self.lines))
        self.lines.append(line)
        self.endInsertRows()
        self.edited.emit()

    def remove_line(self, row: int) -> None:
        if 0 <= row < len(self.lines):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.lines[row]
            self.endRemoveRows()
            self.edited.emit()

    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal("0.00"))

    def key(self, column: int) -> str:
        return self.columns[column][0]

    def spec(self, index: Index) -> NumberSpec:
        return self.specs[self.key(index.column())]

    def problem(self) -> str:
        """The first typed quantity or price that is not valid, naming its row ("" when none)."""
        for row, line in enumerate(self.lines, start=1):
            for key in ("qty", "price"):
                if key in line.invalid:
                    return self.tr("第 {0} 行 {1}：{2}").format(row, line.name, line.invalid[key][1])
        return ""

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt signature
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if not index.isValid() or self.key(index.column()) not in self.EDITABLE:
            return flags
        if self.key(index.column()) == "price" and 0 <= index.row() < len(self.lines) \
                and self.lines[index.row()].order_line_id is not None:
            return flags  # a line of the original order goes back at the price it was sold at
        return flags | Qt.ItemFlag.ItemIsEditable

    def _text(self, line: ReturnLineRow, key: str) -> str:
        value = getattr(line, key)
        if value is None:
            return ""
        if key in self.MONEY:
            return f"{value:,.2f}"
        if key in self.QTY:
            return qty_text(value)
        return str(value)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.lines):
            return None
        line, key = self.lines[index.row()], self.key(index.column())
        typed = line.invalid.get(key)
        shown = typed_cell(typed, role)
        if shown is not UNHANDLED:
            return shown
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(line, key)
        if role == Qt.ItemDataRole.EditRole and key in self.EDITABLE:
            return qty_text(line.qty) if key == "qty" else f"{line.price:.2f}"
        if role == Qt.ItemDataRole.TextAlignmentRole:
            right = key in self.MONEY or key in self.QTY
            return int((Qt.AlignmentFlag.AlignRight if right else Qt.AlignmentFlag.AlignLeft)
                       | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and key == "qty" and line.left is not None and line.qty > line.left:
            return RED  # a hint only: the service refuses it with its own message
        if role == Qt.ItemDataRole.BackgroundRole and self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return QColor("#fff8e1")
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        key = self.key(index.column()) if index.isValid() else ""
        if not self.flags(index) & Qt.ItemFlag.ItemIsEditable or role != Qt.ItemDataRole.EditRole:
            return False
        line, text = self.lines[index.row()], str(value)
        parsed = parse_number(text, self.specs[key])
        if parsed.problem:
            line.invalid[key] = (text.strip(), parsed.problem)
        else:
            line.invalid.pop(key, None)
        empty = ZERO_QTY if key == "qty" else Decimal("0.00")
        setattr(line, key, empty if parsed.value is None else parsed.value)
        self.dataChanged.emit(index, self.index(index.row(), self.columnCount() - 1))
        self.edited.emit()
        return True

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt override
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section][1]
        return None


class ReturnDialog(QDialog):
    """A new 销售退货: against an order (its lines with what is left to give back) or free-standing."""

    saved = Signal(object)  # returns.Saved

    def __init__(self, ctx: AppContext, order_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.order_id = order_id
        self.order_customer_id: int | None = None
        self.busy = False
        self._reads = 0
        self.editable = auth.can(ctx.actor, "orders.edit")
        self.setWindowTitle(self.tr("销售退货") if order_id is None else self.tr("按销售单退货"))
        self._build()
        geometry = qsettings().value(GEOMETRY_KEY)
        if geometry is not None:
            self.restoreGeometry(geometry)
        if order_id is not None:
            self._read(load_order, order_id, on_done=self._show_order)
        else:
            self.customer.setFocus()
        self._update()

    # --- building ---------------------------------------------------------------------------------------------

    def _build(self) -> None:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        if self.order_id is not None:
            self.order_label = QLabel(self.tr("正在读取销售单…"))
            self.customer_label = QLabel()
            form.addRow(self.tr("原销售单："), self.order_label)
            form.addRow(self.tr("客户："), self.customer_label)
            columns = [("line_no", self.tr("行")), ("code", self.tr("商品编码")), ("name", self.tr("商品名称")),
                       ("unit", self.tr("单位")), ("sold", self.tr("已售")), ("returned", self.tr("已退")),
                       ("left", self.tr("可退")), ("qty", self.tr("退货数量")), ("price", self.tr("单价")),
                       ("amount", self.tr("金额"))]
        else:
            self.customer = Picker.for_customers(self.ctx)
            form.addRow(self.tr("客户："), self.customer)
            columns = [("code", self.tr("商品编码")), ("name", self.tr("商品名称")), ("qty", self.tr("退货数量")),
                       ("price", self.tr("单价")), ("amount", self.tr("金额"))]
        self.day = date_edit(self.ctx.as_of)
        self.handler = Picker.for_salespeople(self.ctx)
        self.handler.set_current_id(self.ctx.actor.salesperson_id)
        row = QHBoxLayout()
        row.addWidget(self.day)
        row.addSpacing(16)
        row.addWidget(QLabel(self.tr("经办人：")))
        row.addWidget(self.handler, 1)
        form.addRow(self.tr("退货日期："), row)
        self.notes = QLineEdit()
        form.addRow(self.tr("备注："), self.notes)
        self.model = ReturnLinesModel(columns, self)
        self.model.edited.connect(self._update)
        self.grid = QTableView()
        self.grid.setModel(self.model)
        self.grid.setItemDelegate(NumberDelegate(self.model.spec, self.grid))
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.grid.setTabKeyNavigation(False)
        self.grid.setAlternatingRowColors(True)
        self.grid.verticalHeader().setVisible(False)
        self.grid.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.grid.horizontalHeader().setStretchLastSection(True)
        widths = {"line_no": 36, "code": 90, "name": 200, "unit": 48, "sold": 64, "returned": 64, "left": 64,
                  "qty": 80, "price": 90}
        for n, (key, _title) in enumerate(columns):
            self.grid.horizontalHeader().resizeSection(n, widths.get(key, 100))
        state = qsettings().value(self._header_key())
        if state is not None:
            self.grid.horizontalHeader().restoreState(state)
        self.total = QLabel()
        self.message = ErrorLine()
        self.model.edited.connect(self.message.refresh)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("保存"))
        self.save_button.setToolTip(self.tr("Ctrl+S"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self).activated.connect(self.save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        if self.order_id is None:
            layout.addLayout(self._entry_row())
            self.message.watch(self.qty, self.price)
        self.message.watch(self.model.problem)
        layout.addWidget(self.grid, 1)
        layout.addWidget(self.total, 0, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumSize(820 if self.order_id is not None else 680, 460)

    def _entry_row(self) -> QHBoxLayout:
        """Free-standing: product → quantity → price, Enter moving on and adding the line."""
        self.product = Picker.for_products(self.ctx)
        self.product.picked.connect(self._product_picked)
        self.qty = QuantityEdit(self.tr("退货数量"), allow_zero=False, required=True)
        self.qty.setPlaceholderText(self.tr("数量"))
        self.price = PriceEdit(required=True)
        self.price.setPlaceholderText(self.tr("单价"))
        self.price_source = QLabel()
        self.price_source.setStyleSheet("color: #666")
        for edit in (self.qty, self.price):
            edit.setMaximumWidth(110)
            edit.installEventFilter(self)
        self.add_button = QPushButton(self.tr("添加"))
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add_line)
        self.remove_button = QPushButton(self.tr("删除行"))
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(lambda: self.model.remove_line(self.grid.currentIndex().row()))
        delete = QShortcut(QKeySequence.StandardKey.Delete, self.grid)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(lambda: self.model.remove_line(self.grid.currentIndex().row()))
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("商品：")))
        row.addWidget(self.product, 3)
        row.addWidget(self.qty, 1)
        row.addWidget(self.price, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addWidget(self.price_source, 2)
        return row

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Enter in the quantity goes to the price; Enter in the price adds the line (not the dialog's Save)."""
        enter = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if event.type() == QEvent.Type.KeyPress and event.key() in enter:  # type: ignore[attr-defined]
            if watched is self.qty:
                self.price.setFocus()
                self.price.selectAll()
                return True
            if watched is self.price:
                self.add_line()
                return True
        return super().eventFilter(watched, event)

    # --- reading ----------------------------------------------------------------------------------------------

    def _read(self, fn: Callable[..., Any], *args: Any, on_done: Callable[[Any], None]) -> None:
        self._reads += 1

        def done(result: Any) -> None:
            self._reads -= 1
            on_done(result)
            self._update()

        def failed(exc: Exception) -> None:
            self._reads -= 1
            self.message.tell(str(exc))
            self._update()

        self.ctx.query(fn, *args, done=done, failed=failed, owner=self)

    def is_loading(self) -> bool:
        return self._reads > 0

    def _show_order(self, loaded: OrderToReturn) -> None:
        o = loaded.order
        self.order_customer_id = o.customer_id
        self.order_label.setText(self.tr("{0}　{1}　金额 ¥{2:,.2f}").format(o.number, o.date.isoformat(), o.total))
        self.customer_label.setText(f"{o.customer_code} {o.customer_name}")
        if o.handler_id is not None:
            self.handler.set_current_id(o.handler_id)
        self.model.set_lines([
            ReturnLineRow(r.product_id, r.product_code, r.product_name, r.price, ZERO_QTY, r.unit, r.order_line_id,
                          r.line_no, r.sold, r.returned, r.left)
            for r in loaded.lines])
        if self.model.rowCount():
            self.grid.setCurrentIndex(self.model.index(0, len(self.model.columns) - 3))
            self.grid.setFocus()

    def _product_picked(self, product_id: int | None) -> None:
        self.price_source.clear()
        if product_id is None:
            return
        self.qty.setFocus()

        def show(found: tuple[Decimal, str]) -> None:
            if self.product.current_id() == product_id:
                self.price.set_value(found[0])
                self.price_source.setText(found[1])

        self._read(load_price, self.customer.current_id(), product_id, on_done=show)

    def add_line(self) -> None:
        choice = self.product.current_choice()
        if choice is None:
            self.message.tell(self.tr("请先选择商品"))
            self.product.setFocus()
            return
        for edit in (self.qty, self.price):
            try:
                edit.value()
            except ValidationError as exc:
                self.message.tell(str(exc))
                edit.setFocus()
                return
        self.message.tell("")
        qty, price = self.qty.value(), self.price.value()
        if qty is None or price is None:  # both are required: value() raised for an empty one
            return
        self.model.add_line(ReturnLineRow(choice.id, choice.code, choice.name, price, qty))
        self.product.clear_choice()
        self.qty.clear()
        self.price.clear()
        self.price_source.clear()
        self.product.setFocus()

    # --- saving -----------------------------------------------------------------------------------------------

    def _update(self) -> None:
        self.total.setText(self.tr("退货金额合计 ¥{0:,.2f}").format(self.model.total()))
        self.save_button.setEnabled(self.editable and not self.busy and not self.is_loading())
        if not self.editable:
            self.message.tell(self.tr("您没有录入退货的权限"))

    def data(self) -> returns.ReturnIn | None:
        customer_id = self.order_customer_id if self.order_id is not None else self.customer.current_id()
        if customer_id is None:
            return None
        lines = [line for line in self.model.lines if self.order_id is None or line.qty != 0]
        return returns.ReturnIn(
            customer_id, self.day.date().toPython(),
            tuple(returns.ReturnLineIn(ln.product_id, ln.qty, ln.price, ln.order_line_id) for ln in lines),
            self.order_id, self.handler.current_id(), self.notes.text().strip() or None)

    def save(self) -> None:
        if self.busy or self.is_loading() or not self.editable:
            return
        data = self.data()
        if data is None:
            self.message.tell(self.tr("请选择客户"))
            self.customer.setFocus()
            return
        if self.model.problem():
            self.message.tell(self.model.problem())
            self.grid.setFocus()
            return
        self.message.tell("")
        self.busy = True
        self._update()
        self.ctx.op(returns.add, data, done=self._saved, failed=self._failed, owner=self)

    def _saved(self, result: returns.Saved) -> None:
        self.busy = False
        self.saved.emit(result)
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self.busy = False
        self._update()
        error(self, self.windowTitle(), exc)

    def _header_key(self) -> str:
        return f"return_dialog/{'order' if self.order_id is not None else 'free'}/header"

    def done(self, result: int) -> None:
        qsettings().setValue(GEOMETRY_KEY, self.saveGeometry())
        qsettings().setValue(self._header_key(), self.grid.horizontalHeader().saveState())
        super().done(result)


class ReturnsPanel(DocumentList):
    """The return list: period / customer / status / number, 新建退货, 作废 with a reason."""

    HEADER_KEY = "returns/header"
    WATCHES = frozenset({"return", "customer", "order"})
    SORTABLE = frozenset(returns.SORT_COLUMNS)
    MATCHING = staticmethod(returns.matching_ids)
    ROWS = staticmethod(returns.rows)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, [(k, t) for k, t in returns.RETURN_COLUMNS], parent)
        self.last_dialog: ReturnDialog | None = None
        self.act_new = self.add_action(self.tr("新建退货"), self.new_item, "orders.edit", False)
        self.act_cancel = self.add_action(self.tr("作废…"), self.cancel_current, "orders.edit", True,
                                          applies=lambda row: allowed("return", Action.CANCEL, row.status))
        self.act_print_return = self.add_action(self.tr("打印退货单…"), self.print_return, None, True,
                                                self.tr("打印预览：选中的退货单"))
        self.finish_toolbar()
        self.refresh()

    def current_filter(self) -> returns.ReturnFilter:
        start, end = self.period()
        return returns.ReturnFilter(start=start, end=end, customer_id=self.customer_filter.current_id(),
                                    status=self.status_filter.currentData(), number=self.number.text())

    def noun(self, count: int) -> str:
        return self.tr("共 {0:,} 张退货单").format(count)

    def export_title(self) -> str:
        return self.tr("退货单列表")

    def new_item(self) -> None:
        dialog = ReturnDialog(self.ctx, parent=self)
        dialog.saved.connect(lambda saved: self.show_message(self.tr("已保存退货单 {0}").format(saved.number)))
        if self.last_dialog is not None:
            self.last_dialog.deleteLater()
        self.last_dialog = dialog
        dialog.open()

    def print_return(self) -> None:
        row = self.current_row()
        if row is not None:
            exporting.preview(self.ctx, self, exporting.return_job(row.id, row.number))

    def cancel_current(self) -> None:
        row = self.current_row()
        if row is None:
            return
        title = self.tr("作废退货单")
        text = self.tr("作废退货单 {0}（{1}，¥{2:,.2f}）？作废后它不再冲减销售额和欠款。").format(
            row.number, row.customer_name, row.total)
        self.cancel_with_reason(title, text, returns.cancel, row.id, row.version)
