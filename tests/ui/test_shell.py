"""The desktop shell: first run, login, main window actions, remembered geometry."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from app import startup
from app.context import Actor
from ui.context import AppContext, qsettings
from ui.dialogs.login import LoginDialog
from ui.dialogs.start import StartDialog
from ui.main_window import MainWindow, PlaceholderTab


def test_first_run_creates_company(qtbot, tmp_path: Path, shot) -> None:
    db = startup.open_database(f"sqlite:///{tmp_path / 'new.sqlite3'}")
    assert db.state == "new"
    dialog = StartDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    shot(dialog, "start_dialog")
    dialog.company.setText("重庆渝丰五金机电有限公司")
    dialog.password.setText("secret-1")
    dialog.password2.setText("secret-2")
    dialog.create_button.click()
    assert "不一致" in dialog.message.text()
    dialog.password2.setText("secret-1")
    with qtbot.waitSignal(dialog.accepted, timeout=20000):
        dialog.create_button.click()
    assert dialog.actor == Actor("admin", "admin")
    assert startup.open_database(db.url).state == "ready"
    db.engine.dispose()


def test_first_run_refuses_a_short_password(qtbot, tmp_path: Path) -> None:
    db = startup.open_database(f"sqlite:///{tmp_path / 'new.sqlite3'}")
    dialog = StartDialog(db)
    qtbot.addWidget(dialog)
    dialog.company.setText("公司")
    dialog.password.setText("123")
    dialog.password2.setText("123")
    dialog.create_button.click()
    qtbot.waitUntil(lambda: "至少" in dialog.message.text(), timeout=20000)
    assert dialog.create_button.isEnabled()
    db.engine.dispose()


def test_login_good_and_bad_password(qtbot, company_db, shot) -> None:
    dialog = LoginDialog(company_db, "测试贸易有限公司")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.login.setText("boss")
    dialog.password.setText("wrong")
    dialog.try_login()
    qtbot.waitUntil(lambda: "不正确" in dialog.message.text(), timeout=20000)
    shot(dialog, "login_failed")
    dialog.password.setText("secret-1")
    with qtbot.waitSignal(dialog.accepted, timeout=20000):
        dialog.try_login()
    assert dialog.actor == Actor("boss", "admin")
    assert qsettings().value("login/last") == "boss"


class _Tab(PlaceholderTab):
    def __init__(self) -> None:
        super().__init__("测试")
        self.calls: list[str] = []

    def focus_search(self) -> None:
        self.calls.append("search")

    def refresh(self) -> None:
        self.calls.append("refresh")

    def status_text(self) -> str:
        return "共 3 个客户"


def test_main_window_dispatches_shortcuts_and_remembers_geometry(qtbot, make_ctx, shot) -> None:
    ctx: AppContext = make_ctx()
    tab = _Tab()
    window = MainWindow(ctx, tabs=[("客户", tab), ("设置", PlaceholderTab("设置"))])
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # shortcuts go to the active window only
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert tab.calls == ["search", "refresh"]
    window._tab_status()
    assert window.count_label.text() == "共 3 个客户"
    texts = [w.text() for w in window.statusBar().findChildren(QLabel)]
    assert any("boss" in t and "管理员" in t for t in texts)
    assert any("测试贸易有限公司" in window.windowTitle() for _ in [0])
    shot(window, "main_window")
    window.resize(900, 600)
    qtbot.waitUntil(lambda: window.width() == 900)
    window.close()
    assert qsettings().value("main/geometry") is not None
    again = MainWindow(ctx, tabs=[("客户", _Tab())])
    qtbot.addWidget(again)
    # the offscreen platform adds no window frame, so compare the restored size, not the frame geometry
    assert abs(again.width() - 900) <= 120 and again.height() == 600


def test_desktop_opens_a_crm_demo_company_at_its_login(qtbot, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    """The newcomer path: `crm demo` into a new database, then crm-desktop's start() shows the login (not the
    first-run dialog) and admin / 123456 gets the main window."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QDialog

    from app.cli import main as crm
    from ui.main import start

    url = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    assert crm(["--db", url, "demo", "--customers", "20"]) == 0, capsys.readouterr().err
    qsettings().setValue("db/url", url)
    shown: list[str] = []

    def log_in() -> None:
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]
        if not dialogs:
            QTimer.singleShot(50, log_in)
            return
        dialog = dialogs[0]
        shown.append(type(dialog).__name__)
        if not isinstance(dialog, LoginDialog):
            dialog.reject()
            return
        dialog.login.setText("admin")
        dialog.password.setText(startup.DEMO_PASSWORD)
        dialog.try_login()

    def give_up() -> None:  # a login that never completes must fail the test, not hang it in exec()
        for w in QApplication.topLevelWidgets():
            if isinstance(w, QDialog) and w.isVisible():
                w.reject()

    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(give_up)
    guard.start(60000)
    QTimer.singleShot(0, log_in)
    window = start(QApplication.instance())
    guard.stop()
    assert shown == ["LoginDialog"]
    assert window is not None
    qtbot.addWidget(window)
    assert window.ctx.actor == Actor("admin", "admin")
    assert "演示" in window.windowTitle()
    window.close()
    window.ctx.tasks.wait(10000)
    window.ctx.db.engine.dispose()


def _drive(dialog_names: list[str], answer) -> None:  # noqa: ANN001
    """Answer the next visible dialog with `answer(dialog)` (polling until one shows)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QDialog

    def step() -> None:
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]
        if not dialogs:
            QTimer.singleShot(20, step)
            return
        dialog_names.append(type(dialogs[0]).__name__)
        answer(dialogs[0])

    QTimer.singleShot(0, step)


def _drive_other(dialog_names: list[str], skip: type, answer) -> None:  # noqa: ANN001
    """Like _drive, for the next visible dialog that is not a `skip` (one still closing)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QDialog

    def step() -> None:
        dialogs = [w for w in QApplication.topLevelWidgets()
                   if isinstance(w, QDialog) and w.isVisible() and not isinstance(w, skip)]
        if not dialogs:
            QTimer.singleShot(20, step)
            return
        dialog_names.append(type(dialogs[0]).__name__)
        answer(dialogs[0])

    QTimer.singleShot(0, step)


def test_a_known_database_shows_the_login_at_once_and_opens_meanwhile(qtbot, tmp_path, capsys) -> None:  # noqa: ANN001
    """The second start of a database: the login dialog comes before any database code runs (company and place
    remembered), the database opens in the background; a database that is no longer what was remembered (here: a
    new empty file at the same place) takes the full path, which shows the first-run dialog."""
    from PySide6.QtWidgets import QApplication

    from app.cli import main as crm
    from ui import store
    from ui.dialogs.login import LoginDialog, Opening
    from ui.main import start

    url = f"sqlite:///{tmp_path / 'known.sqlite3'}"
    assert crm(["--db", url, "demo", "--customers", "20"]) == 0, capsys.readouterr().err
    qsettings().setValue("db/url", url)
    store.remember_database(url, "记得的公司", "本机文件 known.sqlite3")
    shown: list[str] = []
    seen: list[LoginDialog] = []

    def log_in(dialog) -> None:  # noqa: ANN001
        seen.append(dialog)
        dialog.login.setText("admin")
        dialog.password.setText(startup.DEMO_PASSWORD)
        dialog.try_login()

    _drive(shown, log_in)
    window = start(QApplication.instance())
    assert shown == ["LoginDialog"] and isinstance(seen[0].opening, Opening) and seen[0].opening.url == url
    assert "记得的公司" in seen[0].findChildren(QLabel)[0].text()
    assert window is not None and window.ctx.actor == Actor("admin", "admin")
    qtbot.addWidget(window)
    assert store.known_database(url).company.endswith("（演示）")  # refreshed from the database
    window.close()
    window.ctx.tasks.wait(10000)
    window.ctx.db.engine.dispose()
    for widget in QApplication.topLevelWidgets():  # what came with the window (the reminder panel)
        widget.close()
    # the same place now holds a new, empty database: the fast login finds it is not ready and hands over
    (tmp_path / "known.sqlite3").unlink()
    shown.clear()

    def log_in_then_quit(dialog) -> None:  # noqa: ANN001
        if isinstance(dialog, LoginDialog):
            log_in(dialog)
            _drive_other(shown, LoginDialog, lambda d: d.reject())
        else:
            dialog.reject()

    _drive(shown, log_in_then_quit)
    assert start(QApplication.instance()) is None
    assert shown == ["LoginDialog", "StartDialog"] and store.known_database(url) is None
