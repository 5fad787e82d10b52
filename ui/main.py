"""`crm-desktop`: open the company's database, first-run or log in, then show the main window."""
from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from app import startup
from app.errors import UserError
from ui.context import AppContext, qsettings

TRANSLATIONS = Path(__file__).resolve().parent / "translations"
LANGUAGES = {"zh_CN": "简体中文", "en": "English"}


def install_translator(app: QApplication) -> QTranslator | None:
    """Source strings are Simplified Chinese; any other chosen language loads its compiled .qm file."""
    language = qsettings().value("ui/language", "zh_CN", str)
    if language == "zh_CN":
        return None
    translator = QTranslator(app)
    if translator.load(str(TRANSLATIONS / f"crm_{language}.qm")):
        app.installTranslator(translator)
        QLocale.setDefault(QLocale(language))
        return translator
    return None


def start(app: QApplication):  # noqa: ANN201 - returns the main window, or None when the user quits
    from ui.dialogs.database import DatabaseDialog, configured_url
    from ui.dialogs.login import LoginDialog
    from ui.dialogs.start import StartDialog
    from ui.main_window import MainWindow

    while True:
        try:
            db = startup.open_database(configured_url())
            break
        except UserError as exc:
            answer = QMessageBox.warning(
                None, QCoreApplication.translate("Startup", "无法打开数据库"),
                f"{exc}\n\n" + QCoreApplication.translate("Startup", "要修改数据库设置吗？"),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes or not DatabaseDialog().exec():
                return None
    if db.state == "old":
        if QMessageBox.question(None, QCoreApplication.translate("Startup", "升级数据库"),
                                QCoreApplication.translate("Startup", "数据库需要升级到新版本，现在升级吗？（建议先备份）")
                                ) != QMessageBox.StandardButton.Yes:
            return None
        startup.upgrade(db)
    if db.state in ("new", "empty"):
        dialog = StartDialog(db)
    else:
        with db.sessions() as s:
            from app import settings as app_settings

            company = app_settings.load(s).company_name
        dialog = LoginDialog(db, company)
    if not dialog.exec() or dialog.actor is None:
        return None
    ctx = AppContext(db, dialog.actor)
    window = MainWindow(ctx)
    window.show()
    return window


def main() -> int:
    logging.basicConfig(level=logging.INFO)
    app = QApplication(sys.argv)
    app.setApplicationName("crm-desktop")
    app.setOrganizationName("crm-desktop")
    install_translator(app)
    window = start(app)
    if window is None:
        return 0
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
