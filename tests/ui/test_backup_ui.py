"""文件 → 备份… / 还原… and 设置 → 自动备份: the dialogs run off the GUI thread with a progress bar, the restore is
checked and confirmed naming what it replaces, the settings page stores this PC's settings; rendered to PNG."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMainWindow
from sqlalchemy import text
from sqlalchemy.orm import Session

from app import backup
from app.context import Actor
from models import Customer
from ui.dialogs.backup import BackupDialog, RestoreDialog
from ui.settings.backup import BackupPage


def _customers(engine) -> list[str]:  # noqa: ANN001
    with engine.connect() as conn:
        return [r[0] for r in conn.execute(text("SELECT code FROM customer ORDER BY code"))]


def test_backup_dialog_writes_the_file_with_progress(qtbot, make_ctx, tmp_path: Path, shot) -> None:  # noqa: ANN001
    ctx = make_ctx()
    with Session(ctx.db.engine) as s, s.begin():
        s.add(Customer(code="C1", name="甲公司", created=date(2026, 1, 5)))
    dialog = BackupDialog(ctx)
    qtbot.addWidget(dialog)
    default = Path(dialog.path_edit.text())
    assert default.parent == tmp_path / "backups" and "测试贸易有限公司_备份_" in default.name
    target = tmp_path / "手动备份.zip"
    dialog.path_edit.setText(str(target))
    dialog.show()
    shot(dialog, "backup-dialog")
    dialog.start_button.click()
    qtbot.waitUntil(lambda: dialog.result_ is not None, timeout=20000)
    assert target.exists() and backup.verify(target).counts()["customer"] == 1
    assert dialog.progress.value() == dialog.progress.maximum()
    assert dialog.status.text().startswith(f"已备份：{target}（")
    assert not dialog.start_button.isEnabled() and dialog.close_button.isEnabled()
    shot(dialog, "backup-dialog-done")


def test_restore_dialog_checks_confirms_and_replaces(qtbot, make_ctx, tmp_path: Path, shot, answers) -> None:  # noqa: ANN001
    ctx = make_ctx()
    engine = ctx.db.engine
    with Session(engine) as s, s.begin():
        s.add(Customer(code="C1", name="甲公司", created=date(2026, 1, 5)))
    file = backup.make_backup(engine, tmp_path / "b.zip").path
    with Session(engine) as s, s.begin():
        s.add(Customer(code="C2", name="备份之后", created=date(2026, 2, 5)))
    assert _customers(engine) == ["C1", "C2"]

    dialog = RestoreDialog(ctx, path=file)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.manifest is not None, timeout=20000)
    assert dialog.start_button.isEnabled()
    assert "测试贸易有限公司" in dialog.info.text() and "客户 1 家" in dialog.info.text()
    shot(dialog, "restore-dialog")

    answers.reply(False)  # 取消: nothing happens
    dialog.start_button.click()
    assert _customers(engine) == ["C1", "C2"] and dialog.result_ is None
    question = answers.questions[-1]
    assert "客户 1 家" in question and ctx.db.label in question and "另存为备份" in question

    answers.reply(True)
    dialog.start_button.click()
    qtbot.waitUntil(lambda: dialog.result_ is not None, timeout=30000)
    assert _customers(engine) == ["C1"]
    assert dialog.result_.aside is not None and backup.verify(dialog.result_.aside).counts()["customer"] == 2
    assert "请用备份中的登录账户重新登录" in dialog.summary()


def test_restore_dialog_refuses_a_damaged_file(qtbot, make_ctx, tmp_path: Path, shot) -> None:  # noqa: ANN001
    ctx = make_ctx()
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"PK\x03\x04 broken")
    dialog = RestoreDialog(ctx, path=bad)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: bool(dialog.status.text()) and not dialog.running, timeout=20000)
    assert dialog.status.text() == f"「{bad}」不是本程序的备份文件（或文件已损坏）"
    assert not dialog.start_button.isEnabled()
    shot(dialog, "restore-dialog-refused")


def test_settings_page_stores_this_pcs_automatic_backups(qtbot, make_ctx, tmp_path: Path, shot,  # noqa: ANN001
                                                        answers) -> None:  # noqa: ANN001
    ctx = make_ctx()
    file = tmp_path / "backup.json"
    page = BackupPage(ctx, settings_file=file)
    qtbot.addWidget(page)
    page.resize(900, 520)
    page.show()
    assert page.enabled.isChecked() and page.keep.value() == 10 and page.every_days.value() == 1
    page.folder.setText(str(tmp_path / "自动备份"))
    page.keep.setValue(3)
    page.every_days.setValue(2)
    page.save_button.click()
    assert page.saved_label.text() == "已保存"
    assert backup.load_auto(file) == backup.AutoSettings(True, str(tmp_path / "自动备份"), 3, 2)
    page.now_button.click()
    qtbot.waitUntil(lambda: page.saved_label.text().startswith("已备份："), timeout=20000)
    assert len(backup.automatic_backups(tmp_path / "自动备份")) == 1
    assert page.existing.text().startswith("文件夹中有 1 个自动备份")
    shot(page, "settings-backup")

    page.folder.setText("相对路径")
    page.save_button.click()
    assert answers.messages[-1] == "备份文件夹应为完整路径（例如 D:\\备份）：相对路径"


def test_settings_page_is_read_only_for_others(qtbot, make_ctx, tmp_path: Path) -> None:  # noqa: ANN001
    page = BackupPage(make_ctx(Actor("jl", "manager")), settings_file=tmp_path / "b.json")
    qtbot.addWidget(page)
    assert not page.save_button.isEnabled() and not page.folder.isEnabled()


def test_the_settings_tab_lists_it_for_administrators_only(qtbot, make_ctx) -> None:  # noqa: ANN001
    from ui.settings_tab import SettingsTab

    admin = SettingsTab(make_ctx())
    qtbot.addWidget(admin)
    assert "backup" in admin.pages
    manager = SettingsTab(make_ctx(Actor("jl", "manager")))
    qtbot.addWidget(manager)
    assert "backup" not in manager.pages


def test_automatic_backup_at_close_when_due(qtbot, make_ctx, tmp_path: Path,  # noqa: ANN001
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from ui.dialogs import backup_start

    folder = tmp_path / "auto"
    monkeypatch.setattr(backup, "load_auto", lambda path=None: backup.AutoSettings(True, str(folder), 2, 1))
    window = QMainWindow()
    qtbot.addWidget(window)
    window.ctx = make_ctx()  # type: ignore[attr-defined]
    backup_start.backup_on_close(window)  # the desktop program turns them on; a window of a test makes none
    assert not folder.exists()
    monkeypatch.setattr(backup_start, "_automatic", {"on": True})
    backup_start.backup_on_close(window)
    assert len(backup.automatic_backups(folder)) == 1
    backup_start.backup_on_close(window)  # made a moment ago: not due
    assert len(backup.automatic_backups(folder)) == 1


def test_file_menu_restore_then_a_new_login(qtbot, company_db, tmp_path: Path, answers,  # noqa: ANN001
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QApplication, QDialog

    from ui.dialogs import backup as backup_dialogs
    from ui.dialogs.login import LoginDialog
    from ui.main import main_window

    file = backup.make_backup(company_db.engine, tmp_path / "b.zip").path
    with Session(company_db.engine) as s, s.begin():
        s.add(Customer(code="AFTER", name="备份之后", created=date(2026, 2, 5)))
    window = main_window(company_db, Actor("boss", "admin"))
    qtbot.addWidget(window)
    assert window.actions_by_name["backup"].isEnabled() and window.actions_by_name["restore"].isEnabled()
    titles = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert "备份(&B)…" in titles and "还原(&R)…" in titles

    def drive(dialog: backup_dialogs.RestoreDialog) -> int:
        dialog.choose(file)
        qtbot.waitUntil(lambda: dialog.manifest is not None, timeout=20000)
        dialog.start()
        qtbot.waitUntil(lambda: dialog.result_ is not None, timeout=30000)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(backup_dialogs.RestoreDialog, "exec", drive)
    asked: list[str] = []
    monkeypatch.setattr(LoginDialog, "exec", lambda self: asked.append("login") or 0)
    answers.reply(True)  # 还原
    assert backup_dialogs.run_restore(window)
    assert _customers(company_db.engine) == []  # the backup's: no customer yet
    assert asked == ["login"]  # a new login was asked for (cancelled here: the program ends)
    assert any("已从备份还原" in m and "请用备份中的登录账户重新登录" in m for m in answers.messages)
    assert not window.isVisible()
    for widget in QApplication.topLevelWidgets():
        widget.close()


def test_a_damaged_file_at_start_offers_the_newest_backup(qtbot, company_db, tmp_path: Path, answers,  # noqa: ANN001
                                                           shot, monkeypatch: pytest.MonkeyPatch) -> None:
    from app import startup
    from app.dbfile import DatabaseDamaged
    from ui.dialogs.backup_start import offer_restore

    monkeypatch.setattr(backup, "settings_path", lambda: tmp_path / "none.json")
    url = company_db.engine.url.render_as_string(hide_password=False)
    newest = backup.backup(company_db.engine, Actor("boss", "admin")).path  # into the backups folder beside it
    company_db.engine.dispose()
    path = Path(company_db.engine.url.database)
    path.write_bytes(b"\x00" * 4096 + path.read_bytes()[4096:])  # the header overwritten
    with pytest.raises(DatabaseDamaged) as err:
        startup.open_database(url)

    answers.reply(False)  # 退出
    assert not offer_restore(None, err.value, url)
    assert f"最新的备份是「{newest}」" in answers.questions[-1] and "已损坏" in answers.questions[-1]
    from ui import ask

    box = ask.message_box(None, answers.seen[-1])
    qtbot.addWidget(box)
    box.show()
    shot(box, "damaged-database-offer")
    box.close()

    answers.reply(True)  # 从最新备份还原
    assert offer_restore(None, err.value, url)
    assert "已从备份还原" in answers.messages[-1] and "crm.sqlite3.损坏-" in answers.messages[-1]
    db = startup.open_database(url)
    assert db.state == "ready"
    db.engine.dispose()
