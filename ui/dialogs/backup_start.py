"""The database file at the desktop's start and close: one desktop per company file on this PC (a second start is told
and can bring the first to the front), the restore offer for a damaged file, the warning for a file on a network
share, and the automatic backup when it is due (at start in the background, at close with a progress bar)."""
from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Qt
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QApplication, QFileDialog, QMainWindow, QProgressDialog, QWidget

from app import dbfile  # only the file's checks: app.backup and SQLAlchemy load after the login dialog shows
from app.errors import UserError
from ui import ask
from ui.tasks import Tasks

log = logging.getLogger(__name__)
RAISE = b"raise\n"
_automatic = {"on": False}  # the real desktop (ui.main.main) turns it on; tests of windows leave it off


def enable_automatic(on: bool = True) -> None:
    """Automatic backups at start and close (the desktop program; windows made by tests make none)."""
    _automatic["on"] = on


def _t(text: str) -> str:
    return QCoreApplication.translate("BackupStart", text)


# --- one desktop per company file on this PC ------------------------------------------------------------------------


def server_name(db_path: Path) -> str:
    """The local socket the desktop holding a company file listens on (one per file and OS user)."""
    return "crm-desktop-" + hashlib.sha1(str(db_path.resolve()).encode("utf-8")).hexdigest()[:16]


class InstanceGuard(QObject):
    """Holds the company file's lock while this desktop runs, and brings its window to the front when a second
    start asks."""

    def __init__(self, db_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lock = dbfile.InstanceLock(db_path)
        self.server = QLocalServer(self)
        self.name = server_name(db_path)

    def claim(self) -> dbfile.Holder | None:
        holder = self.lock.acquire()
        if holder is None:
            QLocalServer.removeServer(self.name)  # a socket file left by a crashed desktop
            self.server.newConnection.connect(self._asked)
            self.server.listen(self.name)
        return holder

    def _asked(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            socket.disconnected.connect(socket.deleteLater)
            bring_to_front()

    def release(self) -> None:
        self.server.close()
        self.lock.release()


def bring_to_front() -> None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMainWindow) and widget.isVisible():
            widget.setWindowState((widget.windowState() & ~Qt.WindowState.WindowMinimized)
                                  | Qt.WindowState.WindowActive)
            widget.raise_()
            widget.activateWindow()
            return


def ask_first_to_front(db_path: Path) -> bool:
    socket = QLocalSocket()
    socket.connectToServer(server_name(db_path))
    if not socket.waitForConnected(1000):
        return False
    socket.write(RAISE)
    socket.flush()
    socket.waitForBytesWritten(1000)
    socket.disconnectFromServer()
    return True


def claim_instance(url: str, app: QObject | None = None) -> bool:
    """True when this desktop may go on with the company of `url` (a server: always). A second desktop on the same
    file on this PC is told who has it and may bring that window to the front; it then ends (False). A holder on
    another PC (a file on a share) is named in a warning."""
    path = dbfile.sqlite_path(url)
    if path is None:
        return True
    guard = InstanceGuard(path, app)
    try:
        holder = guard.claim()
    except OSError as exc:  # a folder we cannot write the lock file into: go on, SQLite locks the file itself
        log.warning("no instance lock for %s: %s", path, exc)
        return True
    if holder is None:
        if app is not None:
            previous = app.property("instance_guard")
            if isinstance(previous, InstanceGuard):
                previous.release()  # another company opened by this same process before
            app.setProperty("instance_guard", guard)  # kept alive as long as the application
        return True
    if holder.is_this_process:  # this process has it already (a new start after a relogin)
        return True
    text = str(dbfile.msg_in_use(holder))
    if holder.here:
        if ask.confirm(None, _t("程序已经打开"), text, _t("切换到已打开的窗口"), no_text=_t("退出")):
            ask_first_to_front(path)
        return False
    ask.warn(None, _t("数据库正在被使用"), text)
    return True


# --- a damaged file -------------------------------------------------------------------------------------------------


def offer_restore(parent: QWidget | None, exc: UserError, url: str) -> bool:
    """The damaged-file message with the newest backup offered: True when a backup was restored (open again)."""
    from app import backup

    newest = backup.newest_backup(url)
    text = f"{exc}\n\n{backup.newest_offer(url)}"
    if newest is not None:
        if not ask.confirm(parent, _t("数据库已损坏"), text + "\n\n" + _t("现在从这个备份还原吗？损坏的文件会被改名保留。"),
                           _t("从最新备份还原"), no_text=_t("退出")):
            return False
        chosen = newest
    else:
        if not ask.confirm(parent, _t("数据库已损坏"), text, _t("选择备份文件…"), no_text=_t("退出")):
            return False
        picked, _ = QFileDialog.getOpenFileName(parent, _t("选择备份文件"), "", _t("备份文件 (*.zip);;所有文件 (*)"))
        if not picked:
            return False
        chosen = Path(picked)
    try:
        result = run_with_progress(parent, _t("正在从备份还原…"), _restore_damaged, url, chosen)
    except UserError as failure:
        ask.error(parent, _t("无法还原"), failure)
        return False
    ask.inform(parent, _t("已还原"), _t("已从备份还原：{0}。损坏的文件已改名保留为：{1}").format(
        result.path, result.aside or "-"))
    return True


def _restore_damaged(url: str, path: Path, progress: Any = None) -> Any:  # noqa: ANN401 - app.backup.RestoreResult
    from app import backup
    from app.context import Actor
    from app.db import make_engine

    engine = make_engine(url)
    try:
        return backup.restore(engine, Actor(login=f"desktop:{dbfile.os_user() or '?'}"[:64], role="admin"), path,
                              progress=progress)
    finally:
        engine.dispose()


def run_with_progress(parent: QWidget | None, title: str, fn: Any, *args: Any) -> Any:
    """Run fn(*args, progress=…) off the GUI thread behind a modal progress dialog; its result, or its error."""
    dialog = QProgressDialog(title, "", 0, 100, parent)
    dialog.setWindowTitle(title)
    dialog.setCancelButton(None)  # type: ignore[arg-type]
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(300)
    loop = QEventLoop()
    answer: dict[str, Any] = {}

    def progress(_stage: str, done: int, total: int) -> None:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(min(done, max(total, 1)))

    def done(result: Any) -> None:
        answer["result"] = result
        loop.quit()

    def failed(exc: Exception) -> None:
        answer["error"] = exc
        loop.quit()

    tasks = Tasks()
    tasks.run(fn, *args, on_done=done, on_error=failed, on_progress=progress)
    loop.exec()
    dialog.close()
    if "error" in answer:
        raise answer["error"]
    return answer.get("result")


# --- after the start, and at close -------------------------------------------------------------------------------


def network_warning(url: str) -> str | None:
    """The warning for an SQLite file on a network share (None: a local file or a server)."""
    path = dbfile.sqlite_path(url)
    if path is None:
        return None
    kind = dbfile.network_share(path)
    return None if kind is None else str(dbfile.msg_network(path, kind))


def after_start(window: Any) -> None:
    """Once the main window is up: warn about a file on a network share; start the automatic backup in the
    background when it is due."""
    url = window.ctx.db.engine.url.render_as_string(hide_password=False)
    warning = network_warning(url)
    if warning:
        ask.warn(window, _t("数据库位置"), warning)
    from app import backup

    settings = backup.load_auto()
    if _automatic["on"] and backup.due(url, settings):
        def done(result: Any) -> None:  # noqa: ANN401 - app.backup.BackupResult or None
            if result is not None:
                window.statusBar().showMessage(_t("已自动备份：{0}").format(result.path), 8000)

        window.ctx.tasks.run(backup.auto_backup, window.ctx.db.engine, window.ctx.actor, settings,
                             on_done=done, on_error=lambda exc: log.warning("automatic backup failed: %s", exc),
                             owner=window)


def backup_on_close(window: Any) -> None:
    """At close: the automatic backup when it is due, with a progress bar; a failure is said, never blocks."""
    ctx = window.ctx
    url = ctx.db.engine.url.render_as_string(hide_password=False)
    from app import backup

    settings = backup.load_auto()
    if not _automatic["on"] or not backup.due(url, settings):
        return
    try:
        run_with_progress(window, _t("正在自动备份…"), backup.auto_backup, ctx.db.engine, ctx.actor, settings)
    except UserError as exc:
        ask.warn(window, _t("自动备份失败"), str(exc))
    except Exception as exc:  # noqa: BLE001 - the program closes anyway; the log has it
        log.warning("automatic backup at close failed: %s", exc)
