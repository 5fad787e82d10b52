"""Qt's own buttons (Yes, No, OK, Cancel…) speak the interface language once install_translator has run."""
from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale, Qt, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from app import messages
from ui.context import qsettings
from ui.main import QT_TRANSLATOR, install_translator


@pytest.fixture
def app(qtbot) -> Iterator[QApplication]:  # noqa: ANN001
    """The application, put back afterwards as it was: no translator of ours or Qt's, Chinese messages."""
    application = QApplication.instance()
    locale = QLocale()
    before = set(application.findChildren(QTranslator, options=Qt.FindChildOption.FindDirectChildrenOnly))
    yield application
    for translator in set(application.findChildren(QTranslator, options=Qt.FindChildOption.FindDirectChildrenOnly)) \
            - before:
        application.removeTranslator(translator)
        translator.setObjectName("")
        translator.deleteLater()
    QLocale.setDefault(locale)
    messages.set_language("zh")


def _buttons(qtbot) -> dict[str, str]:  # noqa: ANN001
    box = QMessageBox(QMessageBox.Icon.Question, "?", "?", QMessageBox.StandardButton.Yes
                      | QMessageBox.StandardButton.No | QMessageBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    return {name: box.button(getattr(QMessageBox.StandardButton, name)).text().replace("&", "")
            for name in ("Yes", "No", "Cancel")}


def test_chinese_buttons_by_default(app: QApplication, qtbot) -> None:  # noqa: ANN001
    assert install_translator(app) is None  # our texts are Chinese already: no translator of ours
    buttons = _buttons(qtbot)
    assert buttons["Yes"].startswith("是") and buttons["No"].startswith("否") and buttons["Cancel"].startswith("取消")
    assert app.findChild(QTranslator, QT_TRANSLATOR) is not None
    assert messages.language() == "zh"


def test_english_buttons(app: QApplication, qtbot) -> None:  # noqa: ANN001
    install_translator(app)  # Chinese first: switching must replace Qt's Chinese translation, not add to it
    qsettings().setValue("ui/language", "en")
    assert install_translator(app) is not None
    assert _buttons(qtbot) == {"Yes": "Yes", "No": "No", "Cancel": "Cancel"}
    assert len([t for t in app.findChildren(QTranslator) if t.objectName() == QT_TRANSLATOR]) == 1
    assert messages.language() == "en"
