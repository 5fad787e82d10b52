"""GUI test fixtures: offscreen Qt, a company database in a temp folder, and a folder for screenshots."""
from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from app import startup  # noqa: E402
from app.context import Actor  # noqa: E402

OUTPUT = Path(__file__).resolve().parents[2] / "test-output"


@pytest.fixture(autouse=True)
def _isolated_qsettings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Window geometry and column widths go to a temp folder, not the developer's real settings."""
    from PySide6.QtCore import QSettings

    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))


@pytest.fixture
def company_db(tmp_path: Path) -> Iterator[startup.Database]:
    """A new company with an administrator `boss` / `secret-1`."""
    db = startup.open_database(f"sqlite:///{tmp_path / 'crm.sqlite3'}")
    startup.create_company(db, "测试贸易有限公司", "boss", "secret-1")
    yield db
    db.engine.dispose()


@pytest.fixture
def make_ctx(qtbot, company_db: startup.Database) -> Callable[..., object]:  # noqa: ANN001
    from ui.context import AppContext

    def make(actor: Actor | None = None) -> AppContext:
        return AppContext(company_db, actor or Actor("boss", "admin"))

    return make


@pytest.fixture
def shot() -> Callable[[object, str], Path]:
    """shot(widget, "name") saves widget.grab() to test-output/name.png and returns the path."""
    OUTPUT.mkdir(exist_ok=True)

    def save(widget, name: str) -> Path:  # noqa: ANN001
        path = OUTPUT / f"{name}.png"
        assert widget.grab().save(str(path)), path
        return path

    return save


from ui import ask as ui_ask  # noqa: E402 - appended with the fixtures below


class Answers:
    """Stands in for every ui.ask box: records each one (its kind, title and text) and answers the questions
    (confirm: bool, ask_text: str or None) from a queue filled with reply()."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.seen: list[ui_ask.Question] = []  # every box in order: .kind, .title, .text, .detail
        self.replies: list[bool | str | None] = []
        self.default: bool | str | None = None  # answers when nothing is queued; None: an unexpected question fails
        self.on_question: Callable[[object, ui_ask.Question], None] | None = None  # (parent, question) while asked
        monkeypatch.setattr(ui_ask, "_present", self._present)

    def reply(self, *answers: bool | str | None) -> Answers:
        self.replies.extend(answers)
        return self

    def texts(self, *kinds: str) -> list[str]:
        return [q.text for q in self.seen if not kinds or q.kind in kinds]

    @property
    def questions(self) -> list[str]:
        return self.texts(ui_ask.CONFIRM, ui_ask.TEXT)

    @property
    def messages(self) -> list[str]:
        return self.texts(ui_ask.INFORM, ui_ask.WARN, ui_ask.ERROR)

    def _present(self, parent: object, question: ui_ask.Question) -> bool | str | None:
        self.seen.append(question)
        if question.kind not in ui_ask.QUESTIONS:
            return None
        if self.on_question is not None:
            self.on_question(parent, question)
        if self.replies:
            return self.replies.pop(0)
        if self.default is not None:
            return self.default
        raise AssertionError(f"unanswered question 「{question.title}」: {question.text}")


@pytest.fixture(autouse=True)
def _no_unanswered_boxes(monkeypatch: pytest.MonkeyPatch) -> None:
    """A ui.ask box that no test answers fails the test at once instead of waiting offscreen for a click."""

    def refuse(_parent: object, question: ui_ask.Question) -> None:
        raise AssertionError(f"ui.ask {question.kind} 「{question.title}」: {question.text} — use the `answers` fixture")

    monkeypatch.setattr(ui_ask, "_present", refuse)


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Answers:
    """answers.reply(True, False, "原因") queues the answers; answers.seen / questions / messages say what was shown."""
    return Answers(monkeypatch)


@pytest.fixture
def english(qtbot):  # noqa: ANN001, ANN201
    """English for this test only: the translator, Qt's own translation, app/'s message language and the default
    locale are put back afterwards."""
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QApplication

    from ui.context import qsettings
    from ui.main import install_translator

    app = QApplication.instance()
    locale = QLocale()
    qsettings().setValue("ui/language", "en")
    translator = install_translator(app)
    assert translator is not None, "resources/translations/crm_en.qm is missing: run pyside6-lrelease"
    yield translator
    app.removeTranslator(translator)
    translator.deleteLater()
    QLocale.setDefault(locale)
    qsettings().setValue("ui/language", "zh_CN")
    install_translator(app)  # Qt's own buttons and app/'s messages back in Chinese for the tests that follow


@pytest.fixture(autouse=True, scope="session")
def _chinese_font(qapp) -> None:  # noqa: ANN001
    """Screenshots show Chinese on a machine without Chinese fonts too (CI): the font the application ships."""
    from ui.fonts import ensure_chinese_font

    ensure_chinese_font()
