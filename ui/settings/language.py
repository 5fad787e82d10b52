"""The interface language page: 简体中文 or English, kept on this PC and used from the next start."""
from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QLabel, QRadioButton, QVBoxLayout, QWidget

from ui.context import AppContext, qsettings
from ui.main import LANGUAGES, TRANSLATIONS
from ui.settings.common import Page, heading, note

SETTING = "ui/language"
DEFAULT = "zh_CN"


def translation_installed(language: str) -> bool:
    return language == DEFAULT or (TRANSLATIONS / f"crm_{language}.qm").exists()


class LanguagePage(Page):
    key = "language"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.current_language = str(qsettings().value(SETTING, DEFAULT))
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("界面语言")))
        layout.addWidget(note(self.tr("界面语言只影响这台电脑，在重新启动程序后生效。客户资料、单据和报表的内容不会被翻译。")))
        for code, title in LANGUAGES.items():
            button = QRadioButton(title)  # each language is named in itself
            if not translation_installed(code):
                button.setText(self.tr("{0}（翻译文件未安装）").format(title))
            button.setChecked(code == self.current_language)
            button.toggled.connect(lambda on, code=code: on and self.choose(code))
            self.group.addButton(button)
            self.buttons[code] = button
            layout.addWidget(button)
        self.saved_label = QLabel()
        self.saved_label.setStyleSheet("color: #2e7d32")
        layout.addWidget(self.saved_label)
        layout.addStretch(1)

    def choose(self, language: str) -> None:
        qsettings().setValue(SETTING, language)
        self.current_language = language
        self.saved_label.setText(self.tr("已保存。请重新启动程序以使用新的界面语言。"))
