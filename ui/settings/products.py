"""The products page: a searchable, lazily paged list; add, edit, deactivate; cost only for who may see it."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app import auth, master_data
from app.master_data import ProductData, ProductItem
from ui.context import AppContext
from ui.settings.common import DIM, EditDialog, Page, button_column, heading, note, read, table_view
from ui.settings.users import role_titles
from ui.table_model import ColumnSpec, Index, LazyTableModel
from ui.widgets.numbers import MoneyEdit
from ui.widgets.picker import Picker

SEARCH_DELAY_MS = 150


class ProductsModel(LazyTableModel):
    """The lazy product list, with inactive products greyed and their state in words."""

    def __init__(self, columns: Sequence[ColumnSpec], fetch: Callable[[Sequence[int]], list[Any]],
                 active_texts: tuple[str, str], parent: Any = None) -> None:
        super().__init__(columns, fetch, parent)
        self.active_texts = active_texts

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and 0 <= index.row() < self.rowCount():
            if role == Qt.ItemDataRole.ForegroundRole:
                row = self.row_of(index.row())
                return DIM if row is not None and not row.active else None
            if self.columns[index.column()].key == "active" and role in (Qt.ItemDataRole.DisplayRole,
                                                                          Qt.ItemDataRole.ToolTipRole):
                row = self.row_of(index.row())
                return None if row is None else self.active_texts[0 if row.active else 1]
        return super().data(index, role)


class ProductDialog(EditDialog):
    def __init__(self, ctx: AppContext, item: ProductItem | None = None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "", parent)
        self.setWindowTitle(self.tr("新增商品") if item is None else self.tr("修改商品"))
        self.item = item
        self.show_cost = auth.can(ctx.actor, "cost.view")
        self.code = QLineEdit(item.code if item else "")
        self.code.setMaxLength(32)
        self.name = QLineEdit(item.name if item else "")
        self.name.setMaxLength(200)
        self.spec = QLineEdit((item.spec or "") if item else "")
        self.spec.setMaxLength(200)
        self.unit = QLineEdit((item.unit or "") if item else "")
        self.unit.setMaxLength(20)
        self.unit.setPlaceholderText(self.tr("个、箱、米…"))
        self.category = Picker.for_codes(ctx, "product_category", parent=self)
        if item is not None and item.category_id is not None:
            self.category.set_current_id(item.category_id)
        # empty is 0.00, as the placeholder shows; anything typed must be a valid amount
        self.cost = MoneyEdit(self.tr("成本价"), item.cost if item and item.cost is not None else None)
        self.price = MoneyEdit(self.tr("销售价"), item.price if item else None)
        for field in (self.cost, self.price):
            field.problem_changed.connect(self._show_problem)
        self.form.addRow(self.tr("商品编码："), self.code)
        self.form.addRow(self.tr("商品名称："), self.name)
        self.form.addRow(self.tr("规格型号："), self.spec)
        self.form.addRow(self.tr("单位："), self.unit)
        self.form.addRow(self.tr("商品类别："), self.category)
        if self.show_cost:
            self.form.addRow(self.tr("成本价（元）："), self.cost)
        else:
            self.cost.setVisible(False)
        self.form.addRow(self.tr("销售价（元）："), self.price)
        self.setMinimumWidth(440)
        (self.code if item is None else self.name).setFocus()

    def _show_problem(self, _problem: str = "") -> None:
        fields = (self.cost, self.price) if self.show_cost else (self.price,)
        self.show_message(next((f.problem() for f in fields if f.problem()), ""))

    def product_data(self) -> ProductData:
        """Raises ValidationError (shown in the dialog) while the cost or the price is not a valid amount."""
        cost = (self.cost.value() or Decimal("0")) if self.show_cost else None
        price = self.price.value() or Decimal("0")
        return ProductData(code=self.code.text(), name=self.name.text(), spec=self.spec.text(), unit=self.unit.text(),
                           category_id=self.category.current_id(), cost=cost, price=price)

    def call(self) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        if self.item is None:
            return master_data.add_product, (self.product_data(),)
        return master_data.edit_product, (self.item.id, self.item.version, self.product_data())


class ProductsPage(Page):
    key = "products"
    watches = frozenset({"product", "code"})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.editable = auth.can(ctx.actor, "master.edit")
        self.dialog: ProductDialog | None = None
        self._select_id: int | None = None
        columns = [ColumnSpec("code", self.tr("编码")), ColumnSpec("name", self.tr("名称")),
                   ColumnSpec("spec", self.tr("规格型号")), ColumnSpec("unit", self.tr("单位")),
                   ColumnSpec("category", self.tr("类别"))]
        if auth.can(ctx.actor, "cost.view"):
            columns.append(ColumnSpec("cost", self.tr("成本价"), "money"))
        columns += [ColumnSpec("price", self.tr("销售价"), "money"), ColumnSpec("active", self.tr("状态"))]
        self.model = ProductsModel(columns, self._rows, (self.tr("在售"), self.tr("已停用")), self)
        self.view = table_view(self.model, self)
        for column, width in enumerate((90, 170, 100, 50, 90, 90, 90)):
            self.view.setColumnWidth(column, width)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.view.activated.connect(lambda _i: self.edit())

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("查找商品：编码、名称、规格、拼音或首字母（Ctrl+F）"))
        self.search.setClearButtonEnabled(True)
        self.include_inactive = QCheckBox(self.tr("包括已停用"))
        self.include_inactive.setChecked(True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.load)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.search.returnPressed.connect(self._to_list)
        self.include_inactive.toggled.connect(lambda _on: self.load())

        self.add_button = QPushButton(self.tr("新增(&A)…"))
        self.edit_button = QPushButton(self.tr("修改…"))
        self.active_button = QPushButton(self.tr("停用"))
        self.add_button.clicked.connect(self.new_item)
        self.edit_button.clicked.connect(self.edit)
        self.active_button.clicked.connect(self.toggle_active)
        if self.editable:
            self.shortcut(QKeySequence("Insert"), self.new_item)
            self.shortcut(QKeySequence("F2"), self.edit)

        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("商品")))
        if not self.editable:
            layout.addWidget(note(self.tr("您的角色（{0}）只能查看商品；修改请联系管理员或经理。").format(
                role_titles().get(ctx.actor.role, ctx.actor.role))))
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.include_inactive)
        layout.addLayout(top)
        body = QHBoxLayout()
        body.addWidget(self.view, 1)
        body.addLayout(button_column([self.add_button, self.edit_button, self.active_button]))
        layout.addLayout(body, 1)
        self.restore_state()
        self._update_buttons()

    def _rows(self, ids: Sequence[int]) -> list[ProductItem]:
        # one page of 200 rows by primary key: a few milliseconds, fine on the GUI thread
        return read(self.ctx.sessions, master_data.product_rows, ids, self.ctx.actor)

    def load(self) -> None:
        self._timer.stop()
        self.fetch(master_data.product_ids, self.search.text(), self.include_inactive.isChecked(),
                   on_done=self._show)

    def _show(self, ids: list[int]) -> None:
        keep = self._select_id if self._select_id is not None else getattr(self.current(), "id", None)
        self._select_id = None
        self.model.set_ids(ids)
        if keep is not None and keep in ids:
            row = ids.index(keep)
            self.view.selectRow(row)
            self.view.scrollTo(self.model.index(row, 0))
        self._update_buttons()

    def current(self) -> ProductItem | None:
        index = self.view.selectionModel().currentIndex()
        if not index.isValid() or not self.view.selectionModel().isRowSelected(index.row()):
            return None
        return self.model.row_of(index.row())

    def status_text(self) -> str:
        return self.tr("共 {0} 个商品").format(f"{self.model.rowCount():,}")

    def _update_buttons(self) -> None:
        item = self.current()
        self.add_button.setEnabled(self.editable)
        self.edit_button.setEnabled(self.editable and item is not None)
        self.active_button.setEnabled(self.editable and item is not None)
        self.active_button.setText(self.tr("恢复在售") if item is not None and not item.active else self.tr("停用"))

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _to_list(self) -> None:
        if self.model.rowCount():
            self.view.setFocus()
            if self.current() is None:
                self.view.selectRow(0)

    def _after(self, result: Any) -> None:
        if isinstance(result, ProductItem):
            self._select_id = result.id

    def new_item(self) -> None:
        if self.editable:
            self._open(ProductDialog(self.ctx, None, self))

    def edit(self) -> None:
        item = self.current()
        if self.editable and item is not None:
            self._open(ProductDialog(self.ctx, item, self))

    def _open(self, dialog: ProductDialog) -> None:
        self.dialog = dialog
        dialog.saved.connect(self._after)
        dialog.open()

    def toggle_active(self) -> None:
        item = self.current()
        if not self.editable or item is None:
            return
        if item.active and not self.confirm(self.tr("停用商品"), self.tr(
                "停用「{0} {1}」吗？\n停用后不能再开进新的销售单，已有单据不受影响，以后可以恢复。").format(item.code, item.name)):
            return
        self.act(master_data.set_product_active, item.id, not item.active, on_done=self._after)
