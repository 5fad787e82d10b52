"""An unexpected error in the desktop: logged, and a friendly dialog with 复制详情 and the log path; the program goes on."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer, qInstallMessageHandler, qWarning
from PySide6.QtWidgets import QApplication, QPushButton

from app import logs, paths
from app.errors import UserError
from ui import ask
from ui.dialogs import crash

pytestmark = pytest.mark.qt_no_exception_capture  # our excepthook, not pytest-qt's, meets the errors


@pytest.fixture
def installed(qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:  # noqa: ANN001
    monkeypatch.setattr(paths, "data_dir", lambda: tmp_path)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # put back afterwards
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    monkeypatch.setattr(ask, "on_bug", None)
    path = logs.start("crm-desktop")
    crash.install(qapp)
    yield path
    qInstallMessageHandler(None)  # Qt's own again (pytest-qt puts back its handler after the test)
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, crash.CrashDialog):
            widget.close()
    qapp.crash_dialog = None
    for relay in qapp.findChildren(crash._Relay):
        relay.deleteLater()
    logs.stop()


def _dialog(qtbot) -> crash.CrashDialog:  # noqa: ANN001
    qtbot.waitUntil(lambda: crash.open_dialog() is not None, timeout=5000)
    dialog = crash.open_dialog()
    assert dialog is not None
    return dialog


def test_an_exception_in_a_slot_shows_the_dialog_and_copies_the_details(qtbot, installed: Path, shot) -> None:  # noqa: ANN001
    button = QPushButton("保存")
    qtbot.addWidget(button)

    def save() -> None:
        raise RuntimeError("库存数量无法换算")

    button.clicked.connect(save)
    QTimer.singleShot(0, button.click)  # inside the event loop, as a user's click is
    dialog = _dialog(qtbot)
    assert dialog.windowTitle() == "程序出错了" and "意外错误" in dialog.message.text()
    assert dialog.summary.text() == "RuntimeError: 库存数量无法换算"
    assert str(installed) in dialog.log_label.text()
    shot(dialog, "crash-dialog")
    QApplication.clipboard().clear()
    dialog.copy_button.click()
    copied = QApplication.clipboard().text()
    assert copied.startswith(f"crm-desktop {logs.app_version()}\nPython ")
    assert "Traceback (most recent call last)" in copied and "in save" in copied
    assert copied.rstrip().endswith("RuntimeError: 库存数量无法换算") and "PySide6 " in copied
    assert dialog.copy_button.text() == "已复制"
    log = installed.read_text("utf-8")
    assert log.count("RuntimeError: 库存数量无法换算") == 2 and "in save" in log  # the summary line and the traceback
    dialog.details_button.click()
    assert dialog.details.isVisible() and "in save" in dialog.details.toPlainText()
    shot(dialog, "crash-dialog-details")
    button.click()  # the program goes on: the next click runs the slot again, the same dialog counts it
    assert crash.open_dialog() is dialog and dialog.more.text() == "之后又发生了 1 次错误，详情里都有。"
    assert dialog.text.count("Traceback") == 2


def test_an_exception_ending_a_thread_reaches_the_dialog(qtbot, installed: Path) -> None:  # noqa: ANN001
    def work() -> None:
        raise ValueError("后台线程出错")

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    dialog = _dialog(qtbot)
    assert dialog.summary.text() == "ValueError: 后台线程出错"
    assert "后台线程出错" in installed.read_text("utf-8")


def test_a_bug_in_a_background_task_shows_the_dialog_a_refusal_a_plain_box(qtbot, installed: Path, make_ctx,  # noqa: ANN001
                                                                           answers) -> None:  # noqa: ANN001
    ctx = make_ctx()

    def refused(_session: object, _actor: object) -> None:
        raise UserError("cli.not_initialised")

    ctx.query(refused, done=lambda _r: None)
    qtbot.waitUntil(lambda: bool(answers.messages), timeout=5000)
    assert crash.open_dialog() is None

    def broken(_session: object, _actor: object) -> None:
        raise KeyError("salesperson_id")

    ctx.query(broken, done=lambda _r: None)
    dialog = _dialog(qtbot)
    assert dialog.summary.text() == "KeyError: 'salesperson_id'" and len(answers.messages) == 1
    assert "in broken" in dialog.text
    log = installed.read_text("utf-8")
    assert log.count("Traceback") == 1 and "unexpected error in a background task: KeyError" in log
    ctx.tasks.wait()


def test_without_an_event_loop_the_dialog_waits_for_the_user(qtbot, installed: Path) -> None:  # noqa: ANN001
    """An error escaping main (no event loop yet or any more): the dialog is modal, the program ends after it."""
    shown: list[str] = []

    def close_it() -> None:
        dialog = crash.open_dialog()
        shown.append(dialog.summary.text() if dialog else "")
        if dialog:
            dialog.reject()

    QTimer.singleShot(100, close_it)
    try:
        raise OSError("显示器不见了")
    except OSError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    assert shown == ["OSError: 显示器不见了"]


def test_asking_boxes_are_not_crash_dialogs() -> None:
    assert not issubclass(crash.CrashDialog, type(ask.message_box(None, ask.Question(ask.INFORM, "t", "x"))))


def test_a_bug_a_view_hands_to_ask_error_reaches_the_crash_dialog(qtbot, installed: Path, answers) -> None:  # noqa: ANN001
    ask.error(None, "保存订单", UserError("cli.not_initialised"))  # a refusal: the plain box, as before
    assert len(answers.messages) == 1 and crash.open_dialog() is None
    try:
        {}["salesperson_id"]
    except KeyError as exc:
        bug = exc
    QTimer.singleShot(0, lambda: ask.error(None, "保存订单", bug))
    dialog = _dialog(qtbot)
    assert dialog.summary.text() == "KeyError: 'salesperson_id'" and len(answers.messages) == 1
    assert "Traceback" in installed.read_text("utf-8")


def test_qt_warnings_are_logged(qtbot, installed: Path) -> None:  # noqa: ANN001
    qWarning("QPainter::begin: Paint device returned engine == 0")
    assert "WARNING qt: QPainter::begin: Paint device returned engine == 0" in installed.read_text("utf-8")
    assert crash.open_dialog() is None


def test_a_qt_fatal_message_is_shown_and_waits_for_the_user(qtbot, installed: Path) -> None:  # noqa: ANN001
    shown: list[str] = []

    def close_it() -> None:
        dialog = crash.open_dialog()
        shown.append(dialog.summary.text() if dialog else "")
        if dialog:
            dialog.reject()

    QTimer.singleShot(100, close_it)
    crash.qt_message(crash.QtMsgType.QtFatalMsg, None, "Could not find the Qt platform plugin")  # type: ignore[arg-type]
    assert shown == ["QtFatalError: Could not find the Qt platform plugin"]
    assert "CRITICAL qt: Could not find the Qt platform plugin" in installed.read_text("utf-8")


def test_a_real_qfatal_is_logged_and_shown_before_qt_ends_the_process(tmp_path: Path) -> None:
    code = textwrap.dedent(f"""
        from pathlib import Path
        from PySide6.QtCore import QTimer, qFatal
        from PySide6.QtWidgets import QApplication
        from app import logs, paths
        from ui.dialogs import crash
        paths.data_dir = lambda: Path({str(tmp_path)!r})
        logs.start("crm-desktop")
        app = QApplication([])
        crash.install(app)
        def close_it():
            dialog = crash.open_dialog()
            print("dialog:", dialog.text if dialog else None, flush=True)
            dialog.reject()
        QTimer.singleShot(200, close_it)
        qFatal("显卡驱动无法初始化")
        print("still running", flush=True)
    """)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2]), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode != 0 and "still running" not in done.stdout
    # PySide's qFatal says the text as a warning, then a fatal message: the dialog shows both
    assert "dialog: crm-desktop " in done.stdout and "\nQt: 显卡驱动无法初始化" in done.stdout
    assert "QtFatalError: [A qFatal() call was made from Python code]" in done.stdout
    log = (tmp_path / "logs" / "crm.log").read_text("utf-8")
    assert "WARNING qt: 显卡驱动无法初始化" in log and "CRITICAL qt: [A qFatal() call" in log
