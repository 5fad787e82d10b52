"""登录 dialog: login name and password, checked by app.auth off the GUI thread.

It can be shown before the database is open: the start remembers each database's company name, shows the dialog at
once and opens the database in the background (`Opening`) while the user types."""
from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from ui.store import qsettings
from ui.tasks import Tasks

if TYPE_CHECKING:
    from app.context import Actor
    from app.startup import Database


MAX_TITLE_WIDTH = 720  # wider company names wrap


class NeedsFullStart(Exception):  # noqa: N818 - a signal to the start, not a failure
    """The database is not what the start remembered (new, to upgrade, no logins): take the full path."""


class Opening:
    """A database being opened in a background thread; `get()` waits for it (or raises what opening raised)."""

    def __init__(self, url: str | None = None, db: Database | None = None) -> None:
        self.url = url
        self._db, self._error = db, None
        self._done = threading.Event()
        if db is not None:
            self._done.set()
        else:
            threading.Thread(target=self._open, daemon=True, name="open-database").start()

    def _open(self) -> None:
        try:
            from app import startup

            self._db = startup.open_database(self.url)
        except BaseException as exc:  # noqa: BLE001 - handed to whoever waits for it
            self._error = exc
        finally:
            self._done.set()

    def get(self) -> Database:
        self._done.wait()
        if self._error is not None:
            raise self._error
        assert self._db is not None
        return self._db


def _log_in(opening: Opening, login: str, password: str) -> tuple[Database, Actor]:
    from app import startup

    try:
        db = opening.get()
    except Exception:  # noqa: BLE001 - cannot open: the full start says why and offers the database settings
        raise NeedsFullStart from None
    if db.state != "ready":
        raise NeedsFullStart
    return db, startup.login(db, login, password)


class LoginDialog(QDialog):
    def __init__(self, database: Database | Opening, company: str, label: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.opening = database if isinstance(database, Opening) else Opening(db=database)
        self.db: Database | None = None if isinstance(database, Opening) else database
        self.actor: Actor | None = None
        self.needs_full_start = False
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
        where = label if label is not None else (self.db.label if self.db is not None else "")
        title = QLabel(f"<h2>{company or app_name}</h2><p>{where}</p>")
        wide = title.sizeHint().width()  # on one line: a company name is not broken inside a word when it fits
        title.setWordWrap(wide > MAX_TITLE_WIDTH)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        (self.password if self.login.text() else self.login).setFocus()
        self.setMinimumWidth(max(380, min(wide, MAX_TITLE_WIDTH) + 24))
        # after repeated failures the next attempt waits (app.auth.log_in): 登录 stays off while the seconds count down
        self.countdown = QTimer(self)
        self.countdown.setInterval(1000)
        self.countdown.setTimerType(Qt.TimerType.PreciseTimer)  # a coarse timer may end the wait up to 5 % early
        self.countdown.timeout.connect(self._tick)
        self._refusal: Exception | None = None
        self.wait_left = 0

    def try_login(self) -> None:
        if self.countdown.isActive():
            return
        if not self.login.text().strip():
            self.message.setText(self.tr("请输入登录名"))
            return
        self.buttons.setEnabled(False)
        self.message.setText(self.tr("正在验证…"))
        self.tasks.run(_log_in, self.opening, self.login.text(), self.password.text(),
                       on_done=self._ok, on_error=self._failed)

    def _ok(self, result: tuple[Database, Actor]) -> None:
        self.db, self.actor = result
        qsettings().setValue("login/last", self.actor.login)
        self.accept()

    def _failed(self, exc: Exception) -> None:
        if isinstance(exc, NeedsFullStart):
            self.needs_full_start = True  # the full start explains (cannot open, upgrade, first run)
            self.done(QDialog.DialogCode.Rejected)
            return
        self.buttons.setEnabled(True)
        self.message.setText(str(exc))
        self.password.selectAll()
        self.password.setFocus()
        wait = getattr(exc, "wait", 0)  # app.auth.LoginRefused
        if wait:
            self._refusal, self.wait_left = exc, wait
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
            self.countdown.start()

    def _tick(self) -> None:
        from app.messages import msg

        self.wait_left -= 1
        code = getattr(self._refusal, "code", None)
        if self.wait_left > 0 and code:
            self.message.setText(str(msg(code, seconds=self.wait_left)))
            return
        self.countdown.stop()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)
        self.message.setText(str(msg("auth.bad_login")) if code == "login.bad_login_wait" else "")
