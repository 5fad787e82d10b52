"""What the user sees of a bug: a friendly dialog with 复制详情 and the log file, never a bare traceback or a silent exit.

`install` makes every unexpected error of the desktop come here: an exception escaping a slot or event handler
(sys.excepthook), one ending a Python thread (threading.excepthook, relayed to the GUI thread), one from a
background task that nobody handled (ui.context re-raises it in the GUI thread), one a view's own failure handler
passes to ui.ask.error, and Qt's fatal message (qFatal: shown, then Qt ends the program). Each is written to the log
with its traceback; the program keeps running. While a crash dialog is open, further errors are added to it instead
of opening more.
"""
from __future__ import annotations

import logging
import sys
import threading
from collections import deque
from contextlib import suppress
from datetime import datetime
from pathlib import Path

import PySide6
import shiboken6
from PySide6.QtCore import (
    QMessageLogContext,
    QObject,
    Qt,
    QThread,
    QTimer,
    QtMsgType,
    QUrl,
    Signal,
    Slot,
    qInstallMessageHandler,
    qVersion,
)
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app import logs
from ui import ask

qt_log = logging.getLogger("qt")


class QtFatalError(RuntimeError):
    """Qt itself gave up (qFatal): the program ends once the user has seen the dialog."""


def report_text(exc: BaseException) -> str:
    """What 复制详情 copies: the time, the versions and the traceback."""
    return logs.details(exc, [f"Qt {qVersion()}, PySide6 {PySide6.__version__}",
                              f"{datetime.now():%Y-%m-%d %H:%M:%S}"])


class CrashDialog(QDialog):
    def __init__(self, exc: BaseException, log_path: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("程序出错了"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.log_path = log_path
        self.reports = [report_text(exc)]
        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical).pixmap(48, 48))
        self.message = QLabel(self.tr("很抱歉，程序遇到了一个意外错误，刚才的操作可能没有完成。\n"
                              "已经保存的数据不受影响，您可以继续使用。如果问题反复出现，请点「复制详情」，"
                              "把复制的内容发给管理员或技术支持。"))
        self.message.setWordWrap(True)
        self.message.setMinimumWidth(480)  # word-wrapped labels otherwise make the dialog tall and narrow
        self.summary = QLabel(logs.summary(exc))
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("color: #555")
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.more = QLabel()
        self.more.setVisible(False)
        where = (self.tr("详细信息已记录在日志文件：\n{0}").format(log_path) if log_path is not None
                 else self.tr("日志文件无法写入，请用「复制详情」保存详细信息。"))
        self.log_label = QLabel(where)
        self.log_label.setWordWrap(True)
        self.log_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = QPlainTextEdit(self.reports[0])
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.details.setMinimumHeight(220)
        self.details.setVisible(False)

        buttons = QDialogButtonBox()
        self.copy_button = buttons.addButton(self.tr("复制详情"), QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_details)
        self.details_button = buttons.addButton(self.tr("显示详情"), QDialogButtonBox.ButtonRole.ActionRole)
        self.details_button.clicked.connect(self.toggle_details)
        self.folder_button = buttons.addButton(self.tr("打开日志文件夹"), QDialogButtonBox.ButtonRole.ActionRole)
        self.folder_button.setEnabled(log_path is not None)
        self.folder_button.clicked.connect(self.open_log_folder)
        close = buttons.addButton(self.tr("关闭"), QDialogButtonBox.ButtonRole.RejectRole)
        close.setDefault(True)
        buttons.rejected.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        column = QVBoxLayout()
        for widget in (self.message, self.summary, self.more, self.log_label):
            column.addWidget(widget)
        column.addStretch(1)
        top.addLayout(column, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)

    @property
    def text(self) -> str:
        return "\n\n".join(self.reports)

    def add(self, exc: BaseException) -> None:
        """Another error while this one is open: added to the details, counted in the text."""
        self.reports.append(report_text(exc))
        self.details.setPlainText(self.text)
        self.more.setText(self.tr("之后又发生了 {0} 次错误，详情里都有。").format(len(self.reports) - 1))
        self.more.setVisible(True)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.text)
        self.copy_button.setText(self.tr("已复制"))
        QTimer.singleShot(2000, self, lambda: self.copy_button.setText(self.tr("复制详情")))

    def toggle_details(self) -> None:
        shown = not self.details.isVisible()
        self.details.setVisible(shown)
        self.details_button.setText(self.tr("隐藏详情") if shown else self.tr("显示详情"))
        self.adjustSize()

    def open_log_folder(self) -> None:
        if self.log_path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.log_path.parent)))



def open_dialog() -> CrashDialog | None:
    """The crash dialog on screen, if any (the application holds it: it may have no parent window)."""
    dialog = getattr(QApplication.instance(), "crash_dialog", None)
    return dialog if dialog is not None and shiboken6.isValid(dialog) and dialog.isVisible() else None


def show_error(exc: BaseException, parent: QWidget | None = None, wait: bool = False) -> CrashDialog:
    """Log an unexpected error and show it (or add it to the crash dialog already open). Inside the event loop the
    dialog opens without blocking the caller; outside it (an error escaping main), or with `wait`, it waits for the
    user."""
    path = logs.record(exc, "the desktop")
    dialog = open_dialog()
    if dialog is not None:
        dialog.add(exc)
        if wait:
            dialog.exec()
        return dialog
    dialog = CrashDialog(exc, path, QApplication.activeModalWidget() or parent or QApplication.activeWindow())
    QApplication.instance().crash_dialog = dialog  # type: ignore[union-attr]
    if QThread.currentThread().loopLevel() > 0 and not wait:
        dialog.open()
        dialog.raise_()
        dialog.activateWindow()
    else:
        dialog.exec()
    return dialog


class _Relay(QObject):
    """Lives in the GUI thread: errors raised in other threads arrive here queued."""

    arrived = Signal(object)

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.setObjectName("crash-relay")
        self.arrived.connect(self.show)

    @Slot(object)
    def show(self, exc: BaseException) -> None:
        show_error(exc)


_QT_LEVELS = {QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO,
              QtMsgType.QtWarningMsg: logging.WARNING, QtMsgType.QtCriticalMsg: logging.ERROR,
              QtMsgType.QtFatalMsg: logging.CRITICAL}
_recent_qt: deque[str] = deque(maxlen=5)  # Qt's last warnings: what led to a fatal message


def qt_message(kind: QtMsgType, context: QMessageLogContext, text: str) -> None:
    """Qt's own messages go to the log (and stderr, where there is one); a fatal one also to the crash dialog, which
    waits for the user before Qt ends the program."""
    where = f" ({context.file}:{context.line})" if context is not None and context.file else ""
    qt_log.log(_QT_LEVELS.get(kind, logging.WARNING), "%s%s", text, where)
    if sys.stderr is not None and kind != QtMsgType.QtDebugMsg:
        print(f"qt: {text}", file=sys.stderr)
    if kind != QtMsgType.QtFatalMsg:
        if kind in (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg):
            _recent_qt.append(text)
        return
    for handler in logging.getLogger().handlers:
        handler.flush()
    if QApplication.instance() is not None and QThread.currentThread() is QApplication.instance().thread():
        exc = QtFatalError(text)
        for line in _recent_qt:
            exc.add_note(f"Qt: {line}")
        with suppress(Exception):  # Qt is going down: the log has it already if the dialog cannot be shown
            show_error(exc, wait=True)


def install(app: QApplication) -> None:
    """Route the desktop's unexpected errors to the crash dialog and the log (see the module's text)."""
    relay = _Relay(app)
    ask.on_bug = lambda exc, parent: show_error(exc, parent)  # a view's own failure handler met a bug
    qInstallMessageHandler(qt_message)

    def excepthook(exc_type: type[BaseException], exc: BaseException, tb: object) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)  # type: ignore[arg-type]
            return
        try:
            if QThread.currentThread() is app.thread():
                show_error(exc)
            else:  # an exception escaping a QRunnable or QThread: shown by the GUI thread
                relay.arrived.emit(exc)
        except Exception:  # noqa: BLE001 - the dialog itself failed: the traceback at least reaches stderr
            sys.__excepthook__(exc_type, exc, tb)  # type: ignore[arg-type]

    def thread_excepthook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return
        relay.arrived.emit(args.exc_value)

    sys.excepthook = excepthook
    threading.excepthook = thread_excepthook
