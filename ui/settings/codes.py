"""A code-table page (客户类型, 地区, …): add, edit, deactivate, delete when unused, and order by drag or up/down."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app import auth, master_data
from app.master_data import CodeItem
from ui.context import AppContext
from ui.settings.common import Col, EditDialog, Page, RowsModel, button_column, heading, note, table_view
from ui.settings.users import role_titles


def kind_titles() -> dict[str, str]:
    """The code tables' names in the interface language (models.CODE_KINDS holds the Chinese ones)."""
    return {
        "customer_type": QCoreApplication.translate("CodeTables", "客户类型"),
        "region": QCoreApplication.translate("CodeTables", "地区"),
        "industry": QCoreApplication.translate("CodeTables", "行业"),
        "position": QCoreApplication.translate("CodeTables", "职位"),
        "product_category": QCoreApplication.translate("CodeTables", "商品类别"),
        "payment_method": QCoreApplication.translate("CodeTables", "收款方式"),
        "followup_method": QCoreApplication.translate("CodeTables", "跟进方式"),
    }


class CodeDialog(EditDialog):
    def __init__(self, ctx: AppContext, kind: str, item: CodeItem | None = None, suggested_code: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, "", parent)
        table = kind_titles()[kind]
        self.setWindowTitle(self.tr("新增{0}").format(table) if item is None else self.tr("修改{0}").format(table))
        self.kind, self.item = kind, item
        self.code = QLineEdit(item.code if item else suggested_code)
        self.code.setMaxLength(32)
        self.name = QLineEdit(item.name if item else "")
        self.name.setMaxLength(100)
        self.form.addRow(self.tr("编码："), self.code)
        self.form.addRow(self.tr("名称："), self.name)
        self.name.setFocus()

    def call(self) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        if self.item is None:
            return master_data.add_code, (self.kind, self.code.text(), self.name.text())
        return master_data.edit_code, (self.item.id, self.item.version, self.code.text(), self.name.text())


class CodeTablePage(Page):
    watches = frozenset({"code"})

    def __init__(self, ctx: AppContext, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.kind = kind
        self.key = f"code_{kind}"
        self.editable = auth.can(ctx.actor, "master.edit")
        self._select_id: int | None = None
        self.dialog: CodeDialog | None = None
        self.model = RowsModel([Col("code", self.tr("编码")), Col("name", self.tr("名称")),
                                Col("active", self.tr("状态"), "flag", self.tr("启用"), self.tr("停用"))],
                               movable=self.editable, dim=lambda r: not r.active, parent=self)
        self.model.order_requested.connect(self.reorder)
        self.view = table_view(self.model, self)
        self.view.setColumnWidth(0, 110)
        self.view.setColumnWidth(1, 260)
        if self.editable:
            self.view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
            self.view.setDragDropOverwriteMode(False)
            self.view.setDropIndicatorShown(True)
            self.view.setDragEnabled(True)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.view.activated.connect(lambda _i: self.edit())

        self.add_button = QPushButton(self.tr("新增(&A)…"))
        self.edit_button = QPushButton(self.tr("修改…"))
        self.active_button = QPushButton(self.tr("停用"))
        self.delete_button = QPushButton(self.tr("删除"))
        self.up_button = QPushButton(self.tr("上移 ↑"))
        self.down_button = QPushButton(self.tr("下移 ↓"))
        self.add_button.setToolTip(self.tr("新增一项（Insert）"))
        self.edit_button.setToolTip(self.tr("修改选中的项（Enter 或双击）"))
        self.delete_button.setToolTip(self.tr("删除选中的项（Delete）；已被使用的项只能停用"))
        self.up_button.setToolTip(self.tr("上移（Ctrl+↑）；也可以直接拖动行"))
        self.down_button.setToolTip(self.tr("下移（Ctrl+↓）；也可以直接拖动行"))
        self.add_button.clicked.connect(self.new_item)
        self.edit_button.clicked.connect(self.edit)
        self.active_button.clicked.connect(self.toggle_active)
        self.delete_button.clicked.connect(self.delete)
        self.up_button.clicked.connect(lambda: self.move(up=True))
        self.down_button.clicked.connect(lambda: self.move(up=False))
        self.buttons = [self.add_button, self.edit_button, self.active_button, self.delete_button, self.up_button,
                        self.down_button]
        if self.editable:
            self.shortcut(QKeySequence("Insert"), self.new_item)
            self.shortcut(QKeySequence("F2"), self.edit)
            self.shortcut(QKeySequence.StandardKey.Delete, self.delete)
            self.shortcut(QKeySequence("Ctrl+Up"), lambda: self.move(up=True))
            self.shortcut(QKeySequence("Ctrl+Down"), lambda: self.move(up=False))

        layout = QVBoxLayout(self)
        layout.addWidget(heading(kind_titles()[kind]))
        if self.editable:
            layout.addWidget(note(self.tr("编码由您自己定义。拖动行或用「上移」「下移」调整顺序，所有下拉列表都按这个顺序显示。"
                                          "已被客户、商品或单据使用的项不能删除，只能停用：停用后不再出现在新的选择中，"
                                          "已有资料不受影响。")))
        else:
            layout.addWidget(note(self.tr("您的角色（{0}）只能查看代码表；修改请联系管理员或经理。").format(
                role_titles().get(ctx.actor.role, ctx.actor.role))))
        body = QHBoxLayout()
        body.addWidget(self.view, 1)
        body.addLayout(button_column(self.buttons))
        layout.addLayout(body, 1)
        self.restore_state()
        self._update_buttons()

    # --- data -------------------------------------------------------------------------------------------------

    def load(self) -> None:
        self.fetch(master_data.list_codes, self.kind, on_done=self._show)

    def _show(self, items: Sequence[CodeItem]) -> None:
        keep = self._select_id if self._select_id is not None else getattr(self.current(), "id", None)
        self._select_id = None
        self.model.set_rows(items)
        row = self.model.row_of_id(keep) if keep is not None else -1
        if row >= 0:
            self.view.selectRow(row)
            self.view.scrollTo(self.model.index(row, 0))
        self._update_buttons()

    def current(self) -> CodeItem | None:
        index = self.view.selectionModel().currentIndex()
        if not index.isValid() or not self.view.selectionModel().isRowSelected(index.row()):
            return None
        return self.model.row_at(index.row())

    def status_text(self) -> str:
        rows = self.model.rows()
        inactive = sum(1 for r in rows if not r.active)
        text = self.tr("{0}：共 {1} 项").format(kind_titles()[self.kind], len(rows))
        return text + (self.tr("（{0} 项已停用）").format(inactive) if inactive else "")

    def _update_buttons(self) -> None:
        item = self.current()
        row = self.model.row_of_id(item.id) if item else -1
        self.add_button.setEnabled(self.editable)
        for button in (self.edit_button, self.active_button, self.delete_button):
            button.setEnabled(self.editable and item is not None)
        self.up_button.setEnabled(self.editable and row > 0)
        self.down_button.setEnabled(self.editable and 0 <= row < self.model.rowCount() - 1)
        self.active_button.setText(self.tr("启用") if item is not None and not item.active else self.tr("停用"))

    # --- actions ----------------------------------------------------------------------------------------------

    def _after(self, result: Any) -> None:
        if isinstance(result, CodeItem):
            self._select_id = result.id

    def new_item(self) -> None:
        if not self.editable:
            return
        self._open(CodeDialog(self.ctx, self.kind, None, master_data.next_code([r.code for r in self.model.rows()]),
                              self))

    def edit(self) -> None:
        item = self.current()
        if self.editable and item is not None:
            self._open(CodeDialog(self.ctx, self.kind, item, parent=self))

    def _open(self, dialog: CodeDialog) -> None:
        self.dialog = dialog
        dialog.saved.connect(self._after)
        dialog.open()

    def toggle_active(self) -> None:
        item = self.current()
        if not self.editable or item is None:
            return
        if item.active and not self.confirm(self.tr("停用"), self.tr(
                "停用「{0}」吗？\n停用后它不再出现在新的选择中，已经使用它的客户和单据不受影响，以后可以再启用。").format(item.name)):
            return
        self.act(master_data.set_active, item.id, not item.active, on_done=self._after)

    def delete(self) -> None:
        item = self.current()
        if not self.editable or item is None:
            return
        if not self.confirm(self.tr("删除"), self.tr("删除「{0}」吗？此操作不能撤销。\n已被使用的项不能删除，只能停用。").format(
                item.name)):
            return
        self.act(master_data.delete_code, item.id)

    def move(self, up: bool) -> None:
        item = self.current()
        if not self.editable or item is None:
            return
        self._select_id = item.id
        self.act(master_data.move_code, item.id, up)

    def reorder(self, ids: list[int]) -> None:
        if not self.editable:
            return
        item = self.current()
        self._select_id = item.id if item else None
        self.act(master_data.reorder, self.kind, ids)
