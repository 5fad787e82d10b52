"""The one place the interface asks the user something or tells them something in a box, so tests fake it once.

Every function builds a `Question` and hands it to `_present`, the only code that opens a box; tests replace
`_present` (tests/ui/conftest.py `answers`)."""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError

log = logging.getLogger(__name__)

CONFIRM, TEXT, INFORM, WARN, ERROR, SAVE_FILE = "confirm", "text", "inform", "warn", "error", "save_file"
QUESTIONS = frozenset({CONFIRM, TEXT, SAVE_FILE})  # the kinds that take an answer
DETAIL_CHARS = 300
on_bug: Callable[[BaseException, QWidget | None], object] | None = None  # set by ui.dialogs.crash.install


@dataclass(frozen=True)
class Question:
    """One box: what it says and, for a question, what its buttons say."""

    kind: str  # CONFIRM | TEXT | INFORM | WARN | ERROR
    title: str
    text: str
    detail: str = ""  # an unexpected error: its type and message, for whoever fixes it (never a traceback)
    yes_text: str = ""
    no_text: str = ""
    destructive: bool = False  # the default button is the one that does nothing
    required: bool = True  # TEXT: an empty answer is refused
    initial: str = ""  # TEXT: the text the field starts with


def confirm(parent: QWidget | None, title: str, text: str, yes_text: str | None = None,
            destructive: bool = False, no_text: str | None = None) -> bool:
    """A yes/no question whose buttons say what happens; for a destructive one, Enter means No."""
    yes = yes_text or QCoreApplication.translate("Ask", "确定")
    no = no_text or QCoreApplication.translate("Ask", "取消")
    return bool(_present(parent, Question(CONFIRM, title, text, yes_text=yes, no_text=no, destructive=destructive)))


def inform(parent: QWidget | None, title: str, text: str) -> None:
    _present(parent, Question(INFORM, title, text))


def warn(parent: QWidget | None, title: str, text: str) -> None:
    _present(parent, Question(WARN, title, text))


def error(parent: QWidget | None, title: str, exc_or_text: BaseException | str) -> None:
    """A UserError (or a text) shows its message; anything else is a bug: a short apology with the detail."""
    if isinstance(exc_or_text, str | UserError):
        _present(parent, Question(ERROR, title, str(exc_or_text)))
        return
    if on_bug is not None:  # the desktop: the crash dialog, with the log file and 复制详情
        on_bug(exc_or_text, parent)
        return
    detail = f"{type(exc_or_text).__name__}: {exc_or_text}".splitlines()[0][:DETAIL_CHARS]
    log.error("unexpected error shown to the user (%s): %s", title, detail)
    text = QCoreApplication.translate("Ask", "程序出现了意外错误，操作没有完成。\n请把下面的详细信息告诉管理员。")
    _present(parent, Question(ERROR, title, text, detail=detail))


def ask_text(parent: QWidget | None, title: str, label: str, initial: str = "", required: bool = True,
             ok_text: str | None = None) -> str | None:
    """One line of text (a reason); None when cancelled. A required one cannot be left empty."""
    ok = ok_text or QCoreApplication.translate("Ask", "确定")
    answer = _present(parent, Question(TEXT, title, label, yes_text=ok, no_text=QCoreApplication.translate(
        "Ask", "取消"), required=required, initial=initial))
    return None if answer is None else str(answer).strip()


def save_file(parent: QWidget | None, title: str, suggested: str, file_filter: str) -> str | None:
    """Where to write a file (the suggested path first); None when cancelled."""
    answer = _present(parent, Question(SAVE_FILE, title, suggested, initial=file_filter))
    return str(answer) if answer else None


def message_box(parent: QWidget | None, q: Question) -> QMessageBox:
    """The box for a CONFIRM / INFORM / WARN / ERROR question, not yet shown (tests take its picture)."""
    icons = {CONFIRM: QMessageBox.Icon.Question,
             INFORM: QMessageBox.Icon.Information, WARN: QMessageBox.Icon.Warning,
             ERROR: QMessageBox.Icon.Critical if q.detail else QMessageBox.Icon.Warning}
    box = QMessageBox(icons[q.kind], q.title, q.text, QMessageBox.StandardButton.NoButton, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # a message is never markup, whatever characters it holds
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if q.detail:
        box.setInformativeText(QCoreApplication.translate("Ask", "详细信息：{0}").format(q.detail))
    if q.kind == CONFIRM:
        yes = box.addButton(QMessageBox.StandardButton.Yes)
        no = box.addButton(QMessageBox.StandardButton.No)
        yes.setText(q.yes_text)
        no.setText(q.no_text)
        box.setDefaultButton(no if q.destructive else yes)
        box.setEscapeButton(no)
    else:
        box.addButton(QMessageBox.StandardButton.Ok).setText(QCoreApplication.translate("Ask", "确定"))
    return box


class TextDialog(QDialog):
    """ask_text's dialog: a label, one line, a red line when a required answer is empty."""

    def __init__(self, parent: QWidget | None, q: Question) -> None:
        super().__init__(parent)
        self.setWindowTitle(q.title)
        self.required = q.required
        self.field = QLineEdit(q.initial)
        self.field.setMinimumWidth(320)
        self.message = QLabel()
        self.message.setStyleSheet("color: #b00020")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(q.yes_text)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(q.no_text)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        label = QLabel(q.text)
        label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.field)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def accept(self) -> None:
        if self.required and not self.field.text().strip():
            self.message.setText(self.tr("此项必须填写"))
            self.field.setFocus()
            return
        super().accept()


def _present(parent: QWidget | None, q: Question) -> bool | str | None:
    """Show the box and wait for the user: CONFIRM → bool, TEXT → the text or None, the others → None."""
    if q.kind == TEXT:
        dialog = TextDialog(parent, q)
        return dialog.field.text() if dialog.exec() == QDialog.DialogCode.Accepted else None
    if q.kind == SAVE_FILE:
        path, _chosen = QFileDialog.getSaveFileName(parent, q.title, q.text, q.initial)
        return path or None
    box = message_box(parent, q)
    answer = box.exec()
    return answer == QMessageBox.StandardButton.Yes if q.kind == CONFIRM else None
