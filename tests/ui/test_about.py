"""帮助 → 关于: version, the database in use (never a password), the runtime, the components' and the font's licences."""
from __future__ import annotations

from importlib.metadata import version

from PySide6.QtWidgets import QApplication, QPlainTextEdit
from sqlalchemy import create_engine

from app import logs
from ui.dialogs.about import AboutDialog, components, database_place


def test_the_components_and_their_licences_come_from_the_installed_metadata() -> None:
    found = {c.name.lower().replace("_", "-"): c for c in components()}
    assert "crm-desktop" not in found and "pytest" not in found  # itself, and a test extra, are not shipped
    expected = {"pyside6-essentials": "LGPL-3.0", "shiboken6": "LGPL-3.0", "sqlalchemy": "MIT", "alembic": "MIT",
                "reportlab": "BSD", "xlsxwriter": "BSD", "python-calamine": "MIT", "pyqtgraph": "MIT",
                "pypinyin": "MIT", "argon2-cffi": "MIT", "psycopg": "LGPL-3.0", "psycopg-binary": "LGPL-3.0",
                "pypdfium2": "Apache-2.0", "numpy": "BSD", "openpyxl": "MIT", "mako": "MIT"}
    for name, licence in expected.items():
        assert licence in found[name].licence, (name, found[name])
    assert found["sqlalchemy"].version == version("SQLAlchemy")


def test_database_place_shows_no_password() -> None:
    server = create_engine("postgresql+psycopg://crm:geheim-42@10.0.0.5:5433/firma")
    assert database_place(server) == ("postgresql", "10.0.0.5:5433 / firma (crm)")
    assert database_place(create_engine("sqlite:////data/crm.sqlite3")) == ("sqlite", "/data/crm.sqlite3")


def test_the_about_dialog(qtbot, company_db, shot) -> None:  # noqa: ANN001
    dialog = AboutDialog(company_db.engine)
    qtbot.addWidget(dialog)
    dialog.show()
    shot(dialog, "about")
    facts = dict(dialog.facts)
    assert facts["数据库类型"] == "SQLite（本机文件）" and facts["数据库位置"] == company_db.engine.url.database
    names = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert "SQLAlchemy" in names and names[-1].startswith("文泉驿微米黑")
    assert "Apache-2.0" in dialog.table.item(len(names) - 1, 2).text()
    dialog.copy_button.click()
    copied = QApplication.clipboard().text()
    assert copied.startswith(f"crm-desktop {logs.app_version()}\n") and "数据库位置：" in copied
    assert "PySide6" in copied and "LGPL" in copied
    licence = dialog.show_font_licence()
    shot(licence, "about-font-licence")
    text = licence.findChild(QPlainTextEdit).toPlainText()
    assert "WenQuanYi Micro Hei" in text and "Apache License" in text and "Version 2.0, January 2004" in text
    licence.reject()


def test_help_about_opens_it(qtbot, make_ctx, monkeypatch) -> None:  # noqa: ANN001
    from ui.main_window import MainWindow

    opened: list[AboutDialog] = []
    monkeypatch.setattr(AboutDialog, "exec", lambda self: opened.append(self) or 0)
    window = MainWindow(make_ctx(), tabs=[])
    qtbot.addWidget(window)
    window.actions_by_name["about"].trigger()
    assert len(opened) == 1 and opened[0].parent() is window
