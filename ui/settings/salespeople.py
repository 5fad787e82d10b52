"""The salespeople page: 工号, name, department, phone; add, edit, mark as left or back at work."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app import auth, master_data
from app.master_data import SalespersonItem
from ui.context import AppContext
from ui.settings.common import Col, EditDialog, Page, RowsModel, button_column, heading, note, table_view
from ui.settings.users import role_titles


class SalespersonDialog(EditDialog):
    def __init__(self, ctx: AppContext, item: SalespersonItem | None = None, suggested_code: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, "", parent)
        self.setWindowTitle(self.tr("新增销售员") if item is None else self.tr("修改销售员"))
        self.item = item
        self.code = QLineEdit(item.code if item else suggested_code)
        self.code.setMaxLength(32)
        self.name = QLineEdit(item.name if item else "")
        self.name.setMaxLength(100)
        self.department = QLineEdit((item.department or "") if item else "")
        self.department.setMaxLength(100)
        self.phone = QLineEdit((item.phone or "") if item else "")
        self.phone.setMaxLength(50)
        self.form.addRow(self.tr("工号："), self.code)
        self.form.addRow(self.tr("姓名："), self.name)
        self.form.addRow(self.tr("部门："), self.department)
        self.form.addRow(self.tr("电话："), self.phone)
        (self.code if item is None else self.name).setFocus()

    def call(self) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        values = (self.code.text(), self.name.text(), self.department.text(), self.phone.text())
        if self.item is None:
            return master_data.add_salesperson, values
        return master_data.edit_salesperson, (self.item.id, self.item.version, *values)


class SalespeoplePage(Page):
    key = "salespeople"
    watches = frozenset({"salesperson", "customer"})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.editable = auth.can(ctx.actor, "master.edit")
        self._select_id: int | None = None
        self.dialog: SalespersonDialog | None = None
        self.model = RowsModel([
            Col("code", self.tr("工号")), Col("name", self.tr("姓名")), Col("department", self.tr("部门")),
            Col("phone", self.tr("电话")), Col("customers", self.tr("负责客户"), "int"),
            Col("employed", self.tr("状态"), "flag", self.tr("在职"), self.tr("已离职")),
        ], dim=lambda r: not r.employed, parent=self)
        self.view = table_view(self.model, self)
        for column, width in enumerate((90, 110, 140, 130, 80)):
            self.view.setColumnWidth(column, width)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.view.activated.connect(lambda _i: self.edit())

        self.add_button = QPushButton(self.tr("新增(&A)…"))
        self.edit_button = QPushButton(self.tr("修改…"))
        self.employed_button = QPushButton(self.tr("设为离职"))
        self.add_button.clicked.connect(self.new_item)
        self.edit_button.clicked.connect(self.edit)
        self.employed_button.clicked.connect(self.toggle_employed)
        if self.editable:
            self.shortcut(QKeySequence("Insert"), self.new_item)
            self.shortcut(QKeySequence("F2"), self.edit)

        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("销售员")))
        if self.editable:
            layout.addWidget(note(self.tr("销售员离职时先设为「已离职」：他的历史业绩保留，不能再被选为负责人。"
                                          "名下客户请在「客户」页用「交接」一次转给其他销售员或公司共享。")))
        else:
            layout.addWidget(note(self.tr("您的角色（{0}）只能查看销售员；修改请联系管理员或经理。").format(
                role_titles().get(ctx.actor.role, ctx.actor.role))))
        body = QHBoxLayout()
        body.addWidget(self.view, 1)
        body.addLayout(button_column([self.add_button, self.edit_button, self.employed_button]))
        layout.addLayout(body, 1)
        self.restore_state()
        self._update_buttons()

    def load(self) -> None:
        self.fetch(master_data.list_salespeople, on_done=self._show)

    def _show(self, items: Sequence[SalespersonItem]) -> None:
        keep = self._select_id if self._select_id is not None else getattr(self.current(), "id", None)
        self._select_id = None
        self.model.set_rows(items)
        row = self.model.row_of_id(keep) if keep is not None else -1
        if row >= 0:
            self.view.selectRow(row)
        self._update_buttons()

    def current(self) -> SalespersonItem | None:
        index = self.view.selectionModel().currentIndex()
        if not index.isValid() or not self.view.selectionModel().isRowSelected(index.row()):
            return None
        return self.model.row_at(index.row())

    def status_text(self) -> str:
        rows = self.model.rows()
        return self.tr("共 {0} 名销售员，在职 {1} 名").format(len(rows), sum(1 for r in rows if r.employed))

    def _update_buttons(self) -> None:
        item = self.current()
        self.add_button.setEnabled(self.editable)
        self.edit_button.setEnabled(self.editable and item is not None)
        self.employed_button.setEnabled(self.editable and item is not None)
        self.employed_button.setText(self.tr("恢复在职") if item is not None and not item.employed
                                     else self.tr("设为离职"))

    def _after(self, result: Any) -> None:
        if isinstance(result, SalespersonItem):
            self._select_id = result.id

    def new_item(self) -> None:
        if self.editable:
            self._open(SalespersonDialog(self.ctx, None, master_data.next_code([r.code for r in self.model.rows()]), self))

    def edit(self) -> None:
        item = self.current()
        if self.editable and item is not None:
            self._open(SalespersonDialog(self.ctx, item, parent=self))

    def _open(self, dialog: SalespersonDialog) -> None:
        self.dialog = dialog
        dialog.saved.connect(self._after)
        dialog.open()

    def toggle_employed(self) -> None:
        item = self.current()
        if not self.editable or item is None:
            return
        if item.employed:
            text = self.tr("把「{0}」设为已离职吗？").format(item.name)
            if item.customers:
                text += "\n" + self.tr("他名下还有 {0} 个客户，请随后在「客户」页用「交接」转给其他销售员或公司共享。").format(
                    f"{item.customers:,}")
            if not self.confirm(self.tr("设为离职"), text):
                return
        self.act(master_data.set_employed, item.id, not item.employed, on_done=self._after)
