"""`crm-desktop`: open the company's database, first-run or log in, then show the main window."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSize, Qt, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

import resources
from app import messages
from ui import ask, store
from ui.fonts import ensure_chinese_font
from ui.store import qsettings

TRANSLATIONS = Path(__file__).resolve().parent / "translations"  # the .ts sources; the .qm are in resources/
LANGUAGES = {"zh_CN": "简体中文", "en": "English"}
QT_TRANSLATOR = "qt-translation"  # object name of the installed qtbase_*.qm translator


def install_translator(app: QApplication | None) -> QTranslator | None:
    """The interface language from the settings, for our texts, Qt's own buttons and app/'s messages.

    Our source strings are Simplified Chinese; any other chosen language loads its compiled crm_<language>.qm and
    is returned (None for Chinese, or when the file is missing and the interface stays Chinese). Qt's standard
    buttons (OK, Cancel, Yes, No, Close…) come from Qt's own qtbase_<language>.qm, and app.messages renders refusals
    in the same language. Calling it again (after a language change) replaces Qt's translation. Without an
    application yet there is no translator to install: only app.messages follows the setting.
    """
    language = qsettings().value("ui/language", "zh_CN", str)
    translator: QTranslator | None = None
    if language != "zh_CN" and app is not None:
        translator = QTranslator(app)
        if translator.load(str(resources.translation(language))):
            app.installTranslator(translator)
            QLocale.setDefault(QLocale(language))
        else:
            translator.deleteLater()
            translator, language = None, "zh_CN"
    install_qt_translation(app, language)
    messages.set_language(language)
    return translator


def install_qt_translation(app: QCoreApplication | None, language: str) -> QTranslator | None:
    """Qt's own translation (qtbase_zh_CN.qm, qtbase_en.qm) from PySide6's folder, replacing the one before."""
    if app is None:
        return None
    old = app.findChild(QTranslator, QT_TRANSLATOR, Qt.FindChildOption.FindDirectChildrenOnly)
    if old is not None:
        app.removeTranslator(old)
        old.setObjectName("")
        old.deleteLater()
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(f"qtbase_{language}", folder):
        translator.setObjectName(QT_TRANSLATOR)
        app.installTranslator(translator)
        return translator
    translator.deleteLater()
    return None


def start(app: QApplication):  # noqa: ANN201 - returns the main window, or None when the user quits
    """To the main window: the login dialog at once for a database this PC has opened before (the database opens
    in the background while the user types), else the full path — open, upgrade, first run — then log in."""
    from ui.dialogs.database import configured_url
    from ui.dialogs.login import LoginDialog, Opening

    url = configured_url()
    from ui.dialogs.backup_start import claim_instance

    if not claim_instance(url, app):  # this company file is open in another desktop on this PC
        return None
    known = store.known_database(url)
    dialog: Any = None
    if known is not None:
        dialog = LoginDialog(Opening(url), known.company, known.label)
        if not dialog.exec() and not dialog.needs_full_start:
            return None
        if dialog.actor is None:
            dialog = None  # the database changed since: the full path explains and asks
    if dialog is None:
        dialog = _full_start(url)
        if dialog is None or not dialog.exec() or dialog.actor is None:
            return None
    db = dialog.db
    from app import settings as app_settings

    with db.sessions() as s:
        company = app_settings.load(s).company_name
    store.remember_database(url, company, db.label)
    return main_window(db, dialog.actor)


def main_window(db: Any, actor: Any):  # noqa: ANN201 - the MainWindow, shown
    """The main window of a login; when the login is disabled or changed elsewhere, it asks for a login again."""
    from ui.context import AppContext
    from ui.main_window import MainWindow

    ctx = AppContext(db, actor)
    window = MainWindow(ctx)
    ctx.signed_out.connect(lambda exc: log_in_again(window, exc))
    window.show()
    window.reminders.start()  # the reminder panel right after login, filled in the background
    from ui.dialogs.backup_start import after_start

    after_start(window)  # a file on a network share is warned about; the automatic backup when due
    return window


def log_in_again(window: Any, reason: Exception) -> Any:
    """The window's login was disabled or changed (a new role, a reset password): say so, put the window away and
    ask for a login; a good one gets a new main window, a cancelled one ends the program. Returns the new window."""
    from ui.dialogs.login import LoginDialog

    ctx = window.ctx
    ask.warn(window, QCoreApplication.translate("Startup", "请重新登录"), str(reason))
    window.hide()
    dialog = LoginDialog(ctx.db, ctx.company_name())
    dialog.login.setText(ctx.actor.login)  # the same person, most likely: only the password to type
    dialog.password.setFocus()
    window.setProperty("relogin_dialog", dialog)  # tests answer it
    new = main_window(ctx.db, dialog.actor) if dialog.exec() and dialog.actor is not None else None
    window.successor = new  # kept alive by the window the program started with
    window.close()
    return new


def _full_start(url: str):  # noqa: ANN202 - the login or first-run dialog to show, or None to quit
    from app import startup
    from app.dbfile import DatabaseDamaged
    from app.errors import UserError
    from ui.dialogs.database import DatabaseDialog, configured_url
    from ui.dialogs.login import LoginDialog
    from ui.dialogs.start import StartDialog

    while True:
        try:
            db = startup.open_database(url)
            break
        except DatabaseDamaged as exc:  # a truncated, overwritten or corrupt file: restore the newest backup?
            from ui.dialogs.backup_start import offer_restore

            if not offer_restore(None, exc, url):
                return None
        except UserError as exc:
            change = ask.confirm(None, QCoreApplication.translate("Startup", "无法打开数据库"),
                                 f"{exc}\n\n" + QCoreApplication.translate("Startup", "要修改数据库设置吗？"),
                                 QCoreApplication.translate("Startup", "修改设置"),
                                 no_text=QCoreApplication.translate("Startup", "退出"))
            if not change or not DatabaseDialog().exec():
                return None
            url = configured_url()
    if db.state == "old":
        if not ask.confirm(None, QCoreApplication.translate("Startup", "升级数据库"),
                           QCoreApplication.translate("Startup", "数据库需要升级到新版本，现在升级吗？（建议先备份）"),
                           QCoreApplication.translate("Startup", "升级")):
            return None
        startup.upgrade(db)
    if db.state in ("new", "empty"):
        store.forget_database(url)
        return StartDialog(db)
    from app import settings as app_settings

    with db.sessions() as s:
        company = app_settings.load(s).company_name
    return LoginDialog(db, company)


def app_icon() -> QIcon:
    """The application icon (resources/icons) in every size it is drawn in."""
    icon = QIcon()
    for size in resources.ICON_SIZES:
        icon.addFile(str(resources.icon_png(size)), QSize(size, size))
    return icon


def main() -> int:
    if "--self-test" in sys.argv[1:]:  # the installed bundle's smoke test (ui/selftest.py), offscreen
        from ui.selftest import run

        return run()
    from app import logs
    from ui.dialogs import crash

    logs.start("crm-desktop")  # the rotating crm.log in the user's data folder
    logs.catch_faults()  # a crash in C code: its stacks in faults.log, copied into crm.log at the next start
    app = QApplication(sys.argv)
    crash.install(app)  # an unexpected error: logged, and a dialog with 复制详情 — the program keeps running
    app.setApplicationName("crm-desktop")
    app.setOrganizationName("crm-desktop")
    app.setWindowIcon(app_icon())
    app.setDesktopFileName("crm-desktop")  # the .desktop file installer/build-linux.sh writes
    install_translator(app)
    ensure_chinese_font()
    from ui.dialogs import backup_start

    backup_start.enable_automatic()  # automatic backups at start and close, when due
    window = start(app)
    if window is None:
        return 0
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
