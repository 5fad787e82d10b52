"""The login accounts page: administrators add accounts, reset passwords and disable them; anyone changes their own
password."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from app import auth, master_data
from app.auth import UserInfo
from app.context import Actor
from app.errors import ValidationError
from ui.context import AppContext
from ui.settings.common import Col, EditDialog, Page, RowsModel, button_column, heading, note, table_view
from ui.widgets.picker import Picker


def role_titles() -> dict[str, str]:
    """Role names in the interface language, in the order offered (app.auth.ROLE_TITLES holds the Chinese)."""
    return {
        "admin": QCoreApplication.translate("Roles", "管理员"),
        "manager": QCoreApplication.translate("Roles", "经理"),
        "sales": QCoreApplication.translate("Roles", "销售"),
        "finance": QCoreApplication.translate("Roles", "财务"),
    }


def role_hints() -> dict[str, str]:
    return {
        "admin": QCoreApplication.translate("Roles", "全部功能，包括公司设置和登录账户"),
        "manager": QCoreApplication.translate("Roles", "全部客户；修改信用、审批信用暂挂；维护基础资料"),
        "sales": QCoreApplication.translate("Roles", "只看和修改自己负责的客户及公司共享客户；看不到成本和毛利"),
        "finance": QCoreApplication.translate("Roles", "全部客户只读；录入收款等全部资金单据"),
    }


@dataclass(frozen=True)
class UserRow:
    id: str  # the login
    login: str
    display_name: str
    role: str
    salesperson: str | None  # 工号 and name
    active: bool


def users_and_salespeople(session: Session, actor: Actor) -> tuple[list[UserInfo], dict[str, str]]:
    """The accounts, and the salespeople's names by 工号 to show beside them."""
    return master_data.list_users(session, actor), {p.code: p.name for p in master_data.list_salespeople(session)}


def _password_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMaxLength(128)
    return field


class UserDialog(EditDialog):
    """A new login: name, role, the salesperson a 销售 account acts as, and the password twice."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "", parent)
        self.setWindowTitle(self.tr("新增登录账户"))
        self.login = QLineEdit()
        self.login.setMaxLength(64)
        self.login.setPlaceholderText(self.tr("例如 zhangwei"))
        self.display_name = QLineEdit()
        self.display_name.setMaxLength(100)
        self.role = QComboBox()
        for role, title in role_titles().items():
            self.role.addItem(title, role)
        self.role.setCurrentIndex(self.role.findData("sales"))
        self.role_hint = note("")
        self.salesperson = Picker.for_salespeople(ctx, parent=self)
        self.salesperson.setPlaceholderText(self.tr("工号 / 姓名 / 拼音"))
        self.password = _password_field()
        self.password2 = _password_field()
        self.form.addRow(self.tr("登录名："), self.login)
        self.form.addRow(self.tr("姓名："), self.display_name)
        self.form.addRow(self.tr("角色："), self.role)
        self.form.addRow("", self.role_hint)
        self.form.addRow(self.tr("对应销售员："), self.salesperson)
        self.form.addRow(self.tr("密码（至少{0}位）：").format(auth.MIN_PASSWORD), self.password)
        self.form.addRow(self.tr("再次输入密码："), self.password2)
        self.role.currentIndexChanged.connect(lambda _i: self._role_changed())
        self._role_changed()
        self.setMinimumWidth(520)
        self.login.setFocus()

    def _role_changed(self) -> None:
        role = self.role.currentData()
        self.role_hint.setText(role_hints()[role])
        self.salesperson.setEnabled(role == "sales")
        if role != "sales":
            self.salesperson.clear_choice()

    def call(self) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        if self.password.text() != self.password2.text():
            raise ValidationError(self.tr("两次输入的密码不一致"))
        role = self.role.currentData()
        choice = self.salesperson.current_choice() if role == "sales" else None
        return master_data.add_user, (self.login.text(), self.password.text(), role, self.display_name.text(),
                                      choice.code if choice else None)


class PasswordDialog(EditDialog):
    """An administrator resets someone's password, or anyone changes their own (knowing the old one)."""

    def __init__(self, ctx: AppContext, login: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "", parent)
        self.target = login
        self.setWindowTitle(self.tr("修改我的密码") if login is None else self.tr("重置密码"))
        self.old = _password_field()
        self.password = _password_field()
        self.password2 = _password_field()
        if login is None:
            self.form.addRow(self.tr("登录名："), QLabel(ctx.actor.login))
            self.form.addRow(self.tr("原密码："), self.old)
        else:
            self.form.addRow(self.tr("登录名："), QLabel(login))
        self.form.addRow(self.tr("新密码（至少{0}位）：").format(auth.MIN_PASSWORD), self.password)
        self.form.addRow(self.tr("再次输入新密码："), self.password2)
        (self.old if login is None else self.password).setFocus()

    def call(self) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        if self.password.text() != self.password2.text():
            raise ValidationError(self.tr("两次输入的新密码不一致"))
        if self.target is None:
            return master_data.change_own_password, (self.old.text(), self.password.text())
        return master_data.reset_password, (self.target, self.password.text())


class UsersPage(Page):
    key = "users"
    watches = frozenset({"user", "salesperson"})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.manager = auth.can(ctx.actor, "users.manage")
        self.dialog: EditDialog | None = None
        self._select_id: str | None = None
        titles = role_titles()
        self.model = RowsModel([
            Col("login", self.tr("登录名")), Col("display_name", self.tr("姓名")), Col("role", self.tr("角色")),
            Col("salesperson", self.tr("对应销售员")),
            Col("active", self.tr("状态"), "flag", self.tr("启用"), self.tr("已停用")),
        ], dim=lambda r: not r.active, parent=self)
        self._titles = titles
        self.view = table_view(self.model, self)
        for column, width in enumerate((120, 130, 80, 140)):
            self.view.setColumnWidth(column, width)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

        self.add_button = QPushButton(self.tr("新增账户(&A)…"))
        self.reset_button = QPushButton(self.tr("重置密码…"))
        self.active_button = QPushButton(self.tr("停用"))
        self.own_button = QPushButton(self.tr("修改我的密码…"))
        self.add_button.clicked.connect(self.new_item)
        self.reset_button.clicked.connect(self.reset_password)
        self.active_button.clicked.connect(self.toggle_active)
        self.own_button.clicked.connect(self.change_own_password)
        self.info = QLabel()
        self.info.setStyleSheet("color: #2e7d32")
        self.info.setVisible(False)

        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("登录账户")))
        layout.addWidget(self.info)
        if self.manager:
            self.shortcut(QKeySequence("Insert"), self.new_item)
            layout.addWidget(note(self.tr("每个人用自己的账户登录；角色决定能看到和修改什么。销售角色的账户要对应一名销售员，"
                                          "他只能看到自己负责的客户和公司共享客户。离职人员的账户请停用。")))
            body = QHBoxLayout()
            body.addWidget(self.view, 1)
            body.addLayout(button_column([self.add_button, self.reset_button, self.active_button, self.own_button]))
            layout.addLayout(body, 1)
        else:
            self.view.setVisible(False)
            for button in (self.add_button, self.reset_button, self.active_button):
                button.setEnabled(False)
                button.setVisible(False)
            layout.addWidget(note(self.tr("只有管理员可以管理登录账户。您可以修改自己的密码。")))
            row = QHBoxLayout()
            row.addWidget(self.own_button)
            row.addStretch(1)
            layout.addLayout(row)
            layout.addStretch(1)
        self.restore_state()
        self._update_buttons()

    def load(self) -> None:
        if self.manager:
            self.fetch(users_and_salespeople, self.ctx.actor, on_done=self._show)
        else:
            self.loaded = True

    def _show(self, found: tuple[Sequence[UserInfo], dict[str, str]]) -> None:
        users, names = found
        keep = self._select_id if self._select_id is not None else getattr(self.current(), "id", None)
        self._select_id = None
        self.model.set_rows(UserRow(u.login, u.login, u.display_name, self._titles.get(u.role, u.role),
                                    f"{u.salesperson_code} {names.get(u.salesperson_code, '')}".strip()
                                    if u.salesperson_code else None, u.active) for u in users)
        row = self.model.row_of_id(keep) if keep is not None else -1
        if row >= 0:
            self.view.selectRow(row)
        self._update_buttons()

    def current(self) -> UserRow | None:
        index = self.view.selectionModel().currentIndex()
        if not index.isValid() or not self.view.selectionModel().isRowSelected(index.row()):
            return None
        return self.model.row_at(index.row())

    def status_text(self) -> str:
        if not self.manager:
            return ""
        rows = self.model.rows()
        return self.tr("共 {0} 个账户，启用 {1} 个").format(len(rows), sum(1 for r in rows if r.active))

    def _update_buttons(self) -> None:
        item = self.current()
        self.add_button.setEnabled(self.manager)
        self.reset_button.setEnabled(self.manager and item is not None)
        self.active_button.setEnabled(self.manager and item is not None and item.login != self.ctx.actor.login)
        self.active_button.setText(self.tr("启用") if item is not None and not item.active else self.tr("停用"))

    def _open(self, dialog: EditDialog, announce: bool = True) -> None:
        self.dialog = dialog
        if announce:
            dialog.open()

    def new_item(self) -> None:
        if self.manager:
            dialog = UserDialog(self.ctx, self)
            dialog.saved.connect(lambda info: setattr(self, "_select_id", info.login))
            self._open(dialog)

    def reset_password(self) -> None:
        item = self.current()
        if self.manager and item is not None:
            dialog = PasswordDialog(self.ctx, item.login, self)
            dialog.saved.connect(lambda _r: self._tell(self.tr("已重置「{0}」的密码").format(item.login)))
            self._open(dialog)

    def change_own_password(self) -> None:
        dialog = PasswordDialog(self.ctx, None, self)
        dialog.saved.connect(lambda _r: self._tell(self.tr("您的密码已修改，下次登录时使用新密码")))
        self._open(dialog, announce=False)

    def _tell(self, text: str) -> None:
        self.info.setText(text)
        self.info.setVisible(True)

    def toggle_active(self) -> None:
        item = self.current()
        if not self.manager or item is None:
            return
        if item.active:
            if not self.confirm(self.tr("停用账户"), self.tr("停用账户「{0}」吗？\n停用后不能再用它登录，以后可以重新启用。").format(
                    item.login)):
                return
            self.act(master_data.disable_user, item.login)
        else:
            self.act(master_data.enable_user, item.login)
