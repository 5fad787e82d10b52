"""文件 → 备份… and 文件 → 还原…: choose a file, watch the progress bar while the work runs off the GUI thread, and —
before a restore — see what the backup holds and confirm what it replaces."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import backup
from app.errors import UserError
from ui import ask
from ui.context import AppContext


def _size(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{max(size, 1024) / 1024:.0f} KB"


def _url(ctx: AppContext) -> str:
    return ctx.db.engine.url.render_as_string(hide_password=False)


class _FileDialogBase(QDialog):
    """A file row, a progress bar, a status line and the buttons; subclasses start the work."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.path_edit = QLineEdit()
        self.path_edit.setMinimumWidth(460)
        self.browse_button = QPushButton(self.tr("浏览(&B)…"))
        self.browse_button.clicked.connect(self.browse)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.progress.setTextVisible(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox()
        self.start_button = self.buttons.addButton(self.tr("开始"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.buttons.addButton(self.tr("关闭"), QDialogButtonBox.ButtonRole.RejectRole)
        self.start_button.clicked.connect(self.start)
        self.close_button.clicked.connect(self.reject)
        self.running = False

    def file_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse_button)
        return row

    def browse(self) -> None:  # subclasses
        raise NotImplementedError

    def start(self) -> None:  # subclasses
        raise NotImplementedError

    def show_progress(self, stage: str, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(done, max(total, 1)))
        self.progress.setFormat(self.tr("%p%（{0:,} / {1:,} 行）").format(done, total))

    def set_running(self, running: bool) -> None:
        self.running = running
        for widget in (self.path_edit, self.browse_button, self.start_button, self.close_button):
            widget.setEnabled(not running)

    def reject(self) -> None:
        if not self.running:  # the work owns its transaction: it finishes (or fails) before the dialog goes
            super().reject()

    def failed(self, exc: Exception) -> None:
        self.set_running(False)
        self.progress.setValue(0)
        self.status.setStyleSheet("color: #c62828")
        if isinstance(exc, UserError):
            self.status.setText(str(exc))
        else:
            self.status.setText("")
            ask.error(self, self.windowTitle(), exc)


class BackupDialog(_FileDialogBase):
    """Back the database up into one file while everyone goes on working."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setWindowTitle(self.tr("备份数据库"))
        self.start_button.setText(self.tr("开始备份(&S)"))
        self.result_: backup.BackupResult | None = None
        self.path_edit.setText(str(backup.default_file(_url(ctx), ctx.company_name())))
        form = QFormLayout()
        form.addRow(self.tr("数据库："), QLabel(ctx.db.label))
        form.addRow(self.tr("备份文件："), self.file_row())
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        note = QLabel(self.tr("备份时其他人可以继续工作。备份文件包含全部数据（客户、单据、账户和操作日志），"
                              "请妥善保管，并定期复制到另一块磁盘或 U 盘。"))
        note.setWordWrap(True)
        note.setStyleSheet("color: #555")
        layout.addWidget(note)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

    def browse(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(self, self.tr("备份到"), self.path_edit.text(), self.tr("备份文件 (*.zip);;所有文件 (*)"))
        if chosen:
            self.path_edit.setText(chosen if chosen.lower().endswith(".zip") else chosen + ".zip")

    def start(self) -> None:
        text = self.path_edit.text().strip()
        if not text:
            self.path_edit.setFocus()
            return
        path = Path(text)
        if path.exists() and not ask.confirm(self, self.windowTitle(),
                                             self.tr("文件「{0}」已存在，要覆盖它吗？").format(path),
                                             self.tr("覆盖"), destructive=True):
            return
        self.set_running(True)
        self.status.setStyleSheet("")
        self.status.setText(self.tr("正在备份…"))
        self.ctx.op(backup.backup_op, path, done=self._done, failed=self.failed, owner=self,
                    progress=self.show_progress)

    def _done(self, result: backup.BackupResult) -> None:
        self.set_running(False)
        self.result_ = result
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self.progress.setFormat(self.tr("完成"))
        self.status.setStyleSheet("color: #2e7d32")
        self.status.setText(self.tr("已备份：{0}（{1:,} 行，{2}，用时 {3:.1f} 秒）").format(
            result.path, result.manifest.total_rows, _size(result.size), result.seconds))
        self.start_button.setEnabled(False)
        self.close_button.setFocus()


def describe(manifest: backup.Manifest) -> str:
    """What a backup holds, in a few words for the confirmation."""
    counts = manifest.counts()
    source = "SQLite" if manifest.source == "sqlite" else "PostgreSQL"
    return QCoreApplication.translate(
        "RestoreDialog", "「{0}」，{1} 的备份（来自 {2}，程序版本 {3}）：客户 {4:,} 家，销售单 {5:,} 张，收款 {6:,} 张，"
                         "共 {7:,} 行").format(manifest.company or "-", manifest.created_at.replace("T", " "), source,
                                          manifest.app_version, counts.get("customer", 0),
                                          counts.get("sales_order", 0), counts.get("receipt", 0),
                                          manifest.total_rows)


class RestoreDialog(_FileDialogBase):
    """Choose a backup, see it checked and what it holds, confirm, and restore it; afterwards the caller asks for a
    new login (the data, logins included, are the backup's)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, path: Path | None = None) -> None:
        super().__init__(ctx, parent)
        self.setWindowTitle(self.tr("从备份还原"))
        self.start_button.setText(self.tr("还原(&R)…"))
        self.start_button.setEnabled(False)
        self.manifest: backup.Manifest | None = None
        self.result_: backup.RestoreResult | None = None
        self.path_edit.setReadOnly(True)
        self.path_edit.setPlaceholderText(self.tr("请选择备份文件"))
        self.info = QLabel(self.tr("选择备份文件后，程序会先完整检查它（校验和、数据库结构版本、行数），再决定能否还原。"))
        self.info.setWordWrap(True)
        self.info.setMinimumWidth(560)
        self.info.setMinimumHeight(self.info.fontMetrics().lineSpacing() * 3 + 4)
        self.info.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        form = QFormLayout()
        form.addRow(self.tr("备份文件："), self.file_row())
        form.addRow(self.tr("还原到："), QLabel(ctx.db.label))
        holds = QLabel(self.tr("备份内容："))
        holds.setStyleSheet("font-weight: bold")
        warning = QLabel(self.tr("还原会用备份中的数据替换当前数据库中的全部数据（客户、单据、登录账户和设置）。"
                                 "当前数据会先另存为一个备份文件；还原失败时数据保持原样。还原后需要重新登录。"))
        warning.setWordWrap(True)
        warning.setStyleSheet("color: #b71c1c")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(holds)
        layout.addWidget(self.info)
        layout.addWidget(warning)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        if path is not None:
            self.choose(path)

    def browse(self) -> None:
        start = str(backup.backups_dir(_url(self.ctx)))
        chosen, _ = QFileDialog.getOpenFileName(self, self.tr("选择备份文件"), start, self.tr("备份文件 (*.zip);;所有文件 (*)"))
        if chosen:
            self.choose(Path(chosen))

    def choose(self, path: Path) -> None:
        """Check the file in the background; the 还原 button is enabled only for a whole backup of this version."""
        self.path_edit.setText(str(path))
        self.manifest = None
        self.start_button.setEnabled(False)
        self.status.setStyleSheet("")
        self.status.setText(self.tr("正在检查备份文件…"))
        self.set_running(True)
        self.ctx.tasks.run(backup.verify_op, path, on_done=self._checked, on_error=self.failed, owner=self,
                           on_progress=self.show_progress)

    def _checked(self, manifest: backup.Manifest) -> None:
        self.set_running(False)
        self.manifest = manifest
        self.info.setText(describe(manifest))
        self.adjustSize()
        self.status.setStyleSheet("color: #2e7d32")
        self.status.setText(self.tr("备份文件完好，可以还原。"))
        self.start_button.setEnabled(True)

    def set_running(self, running: bool) -> None:
        super().set_running(running)
        self.start_button.setEnabled(not running and self.manifest is not None)

    def start(self) -> None:
        if self.manifest is None:
            return
        question = self.tr("用这个备份\n{0}\n替换 {1} 中的全部数据吗？\n\n当前数据会先另存为备份文件。还原后需要重新登录。").format(
            describe(self.manifest), self.ctx.db.label)
        if not ask.confirm(self, self.tr("确认还原"), question, self.tr("还原"), destructive=True):
            return
        self.set_running(True)
        self.status.setStyleSheet("")
        self.status.setText(self.tr("正在还原，请不要关闭程序…"))
        self.ctx.op(backup.restore_op, Path(self.path_edit.text()), done=self._done, failed=self.failed,
                    owner=self, progress=self.show_progress)

    def _done(self, result: backup.RestoreResult) -> None:
        self.set_running(False)
        self.result_ = result
        self.accept()

    def summary(self) -> str:
        """The sentence the main window shows before asking for a new login."""
        assert self.result_ is not None
        text = self.tr("已从备份还原：{0}（{1:,} 行，用时 {2:.1f} 秒）。").format(
            self.result_.path, self.result_.manifest.total_rows, self.result_.seconds)
        if self.result_.aside is not None:
            text += "\n" + self.tr("原有数据已另存为：{0}").format(self.result_.aside)
        return text + "\n" + self.tr("请用备份中的登录账户重新登录。")


def run_backup(ctx: AppContext, parent: QWidget | None = None) -> backup.BackupResult | None:
    dialog = BackupDialog(ctx, parent)
    dialog.exec()
    return dialog.result_


def run_restore(window: Any) -> bool:
    """文件 → 还原…: the dialog; after a restore the window is put away and a new login asked for (ui.main)."""
    dialog = RestoreDialog(window.ctx, window)
    if not dialog.exec() or dialog.result_ is None:
        return False
    from ui.main import log_in_again

    log_in_again(window, UserError(dialog.summary()))
    return True
