"""登录 dialog: login name and password, checked by app.auth off the GUI thread."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app import startup
from app.context import Actor
from app.startup import Database
from ui.context import qsettings
from ui.tasks import Tasks


class LoginDialog(QDialog):
    def __init__(self, db: Database, company: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.actor: Actor | None = None
        self.tasks = Tasks(self)
        self.setWindowTitle(self.tr("登录 — 客户资源管理"))
        self.login = QLineEdit(qsettings().value("login/last", "", str))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel()
        self.message.setStyleSheet("color: #b00020")
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("登录名："), self.login)
        form.addRow(self.tr("密码："), self.password)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("登录"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("退出"))
        self.buttons.accepted.connect(self.try_login)
        self.buttons.rejected.connect(self.reject)
        app_name = self.tr("客户资源管理")  # outside the f-string, where lupdate can see it
        title = QLabel(f"<h2>{company or app_name}</h2><p>{db.label}</p>")
        title.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        (self.password if self.login.text() else self.login).setFocus()
        self.setMinimumWidth(380)

    def try_login(self) -> None:
        if not self.login.text().strip():
            self.message.setText(self.tr("请输入登录名"))
            return
        self.buttons.setEnabled(False)
        self.message.setText(self.tr("正在验证…"))
        self.tasks.run(startup.login, self.db, self.login.text(), self.password.text(),
                       on_done=self._ok, on_error=self._failed)

    def _ok(self, actor: Actor) -> None:
        self.actor = actor
        qsettings().setValue("login/last", actor.login)
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self.buttons.setEnabled(True)
        self.message.setText(str(exc))
        self.password.selectAll()
        self.password.setFocus()
