"""The 自动备份 page of 设置 (administrators): on or off, the folder, how many to keep, every how many days — and the
automatic backups there now, with 立即备份."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app import auth, backup
from app.errors import UserError
from ui.context import AppContext
from ui.settings.common import Page, heading, note


class BackupPage(Page):
    key = "backup"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, settings_file: Path | None = None) -> None:
        super().__init__(ctx, parent)
        self.settings_file = settings_file  # None: this PC's file in the data folder
        self.editable = auth.can(ctx.actor, "settings.edit")
        self.enabled = QCheckBox(self.tr("启用自动备份（关闭程序时和启动时，到期就备份）"))
        self.folder = QLineEdit()
        self.folder.setPlaceholderText(str(backup.backups_dir(self._url())))
        self.browse_button = QPushButton(self.tr("浏览(&B)…"))
        self.browse_button.clicked.connect(self.browse)
        self.keep = QSpinBox()
        self.keep.setRange(1, 1000)
        self.keep.setSuffix(self.tr(" 个"))
        self.every_days = QSpinBox()
        self.every_days.setRange(1, 365)
        self.every_days.setSuffix(self.tr(" 天"))
        self.save_button = QPushButton(self.tr("保存(&S)"))
        self.save_button.clicked.connect(self.save)
        self.now_button = QPushButton(self.tr("立即备份"))
        self.now_button.clicked.connect(self.backup_now)
        self.saved_label = QLabel()
        self.saved_label.setStyleSheet("color: #2e7d32")
        self.existing = QLabel()
        self.existing.setWordWrap(True)

        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.browse_button)
        form = QFormLayout()
        form.addRow("", self.enabled)
        form.addRow(self.tr("备份文件夹："), folder_row)
        form.addRow("", note(self.tr("留空表示数据旁边的 backups 文件夹。建议选另一块磁盘、U 盘或网络上的文件夹："
                                     "和数据在同一块磁盘上的备份，磁盘坏了就一起没了。")))
        form.addRow(self.tr("保留最近："), self._row(self.keep, self.tr("自动备份")))
        form.addRow(self.tr("每隔："), self._row(self.every_days, self.tr("备份一次")))
        form.addRow("", note(self.tr("超过保留个数时，自动删除较旧的自动备份（每个月最新的一个会一直保留）；手动备份（文件 → 备份…）不会被删除。")))
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.now_button)
        buttons.addWidget(self.saved_label, 1)

        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("自动备份")))
        if not self.editable:
            layout.addWidget(note(self.tr("只有管理员可以修改自动备份设置。")))
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.existing)
        layout.addStretch(1)
        for widget in (self.enabled, self.folder, self.browse_button, self.keep, self.every_days, self.save_button,
                       self.now_button):
            widget.setEnabled(self.editable)

    @staticmethod
    def _row(spin: QSpinBox, after: str) -> QHBoxLayout:
        spin.setMinimumWidth(90)
        row = QHBoxLayout()
        row.addWidget(spin)
        row.addWidget(QLabel(after))
        row.addStretch(1)
        return row

    def _url(self) -> str:
        return self.ctx.db.engine.url.render_as_string(hide_password=False)

    def load(self) -> None:
        settings = backup.load_auto(self.settings_file)
        self.enabled.setChecked(settings.enabled)
        self.folder.setText(settings.folder)
        self.keep.setValue(settings.keep)
        self.every_days.setValue(settings.every_days)
        self._show_existing(settings)
        self.loaded = True

    def _show_existing(self, settings: backup.AutoSettings) -> None:
        found = backup.automatic_backups(settings.target(self._url()))
        if not found:
            self.existing.setText(self.tr("文件夹中还没有自动备份。"))
            return
        newest = found[-1]
        when = datetime.fromtimestamp(newest.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
        self.existing.setText(self.tr("文件夹中有 {0} 个自动备份，最新的是 {1}（{2}）。").format(
            len(found), newest.name, when))

    def values(self) -> backup.AutoSettings:
        return backup.AutoSettings(enabled=self.enabled.isChecked(), folder=self.folder.text().strip(),
                                   keep=self.keep.value(), every_days=self.every_days.value())

    def browse(self) -> None:
        start = self.folder.text() or self.folder.placeholderText()
        chosen = QFileDialog.getExistingDirectory(self, self.tr("选择备份文件夹"), start)
        if chosen:
            self.folder.setText(chosen)

    def save(self) -> bool:
        self.saved_label.setText("")
        try:
            backup.save_auto(self.ctx.actor, self.values(), self.settings_file)
        except UserError as exc:
            self.failed(exc)
            return False
        self.saved_label.setText(self.tr("已保存"))
        self._show_existing(self.values())
        return True

    def backup_now(self) -> None:
        """An automatic backup now, with these settings (saved first)."""
        if not self.save():
            return
        self.now_button.setEnabled(False)
        self.saved_label.setText(self.tr("正在备份…"))
        settings = self.values()

        def run(sessions: Any, actor: Any) -> backup.BackupResult | None:
            return backup.auto_backup(sessions.kw["bind"], actor, settings, force=True)

        def done(result: backup.BackupResult | None) -> None:
            self.now_button.setEnabled(True)
            if result is not None:
                self.saved_label.setText(self.tr("已备份：{0}").format(result.path.name))
            self._show_existing(settings)

        def failed(exc: Exception) -> None:
            self.now_button.setEnabled(True)
            self.saved_label.setText("")
            self.failed(exc)

        self.ctx.op(run, done=done, failed=failed, owner=self)
