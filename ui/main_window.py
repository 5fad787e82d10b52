"""The main window: tabs, menu, toolbar, status bar (user, database, as-of date) and the shared shortcuts."""
from __future__ import annotations

import linecache
from collections.abc import Callable

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDateEdit,
    QLabel,
    QMainWindow,
    QProgressBar,
    QTabWidget,
    QWidget,
)

from app import auth
from ui import ask
from ui.context import AppContext, qsettings
from ui.settings.users import role_titles


class PlaceholderTab(QWidget):
    """The frame of a tab that a later release fills."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtWidgets import QVBoxLayout

        label = QLabel(text)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setStyleSheet("color: #777; font-size: 14pt")
        QVBoxLayout(self).addWidget(label)


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext, tabs: list[tuple[str, QWidget]] | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        company = ctx.company_name()
        self.setWindowTitle(f"{company} — {self.tr('客户资源管理')}" if company else self.tr("客户资源管理"))
        self.tabs = QTabWidget()
        for title, widget in tabs if tabs is not None else self._default_tabs():
            self.tabs.addTab(widget, title)
            signal = getattr(widget, "status_changed", None)
            if signal is not None:
                signal.connect(self._tab_status)
        self.setCentralWidget(self.tabs)
        self._build_actions()
        self._build_status_bar()
        from ui.reminders.panel import ReminderCenter  # the 提醒 badge, its panel and the 跟进记录 window

        self.reminders = ReminderCenter(self, ctx)
        ctx.tasks.busy_changed.connect(self.busy.setVisible)
        ctx.waiting.connect(lambda text: self.statusBar().showMessage(text, 12000))
        self.tabs.currentChanged.connect(lambda _i: self._tab_status())
        self.resize(1280, 800)
        geometry = qsettings().value("main/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        self.tabs.setCurrentIndex(int(qsettings().value("main/tab", 0)))
        # PySide6's import hook reads the source of every module imported after it (linecache): ~30 MB of text by
        # now, which the figures read next can use instead; a traceback reads what it needs again
        linecache.clearcache()

    def _default_tabs(self) -> list[tuple[str, QWidget]]:
        from ui.analysis.tab import AnalysisTab
        from ui.credit.tab import CreditTab
        from ui.customers.tab import CustomersTab
        from ui.receipts.tab import ReceiptsTab
        from ui.sales.page import SalesPage
        from ui.settings_tab import SettingsTab

        return [
            (self.tr("客户"), CustomersTab(self.ctx)),
            (self.tr("销售"), SalesPage(self.ctx)),
            (self.tr("收款"), ReceiptsTab(self.ctx)),
            (self.tr("信用"), CreditTab(self.ctx)),
            (self.tr("分析"), AnalysisTab(self.ctx)),
            (self.tr("设置"), SettingsTab(self.ctx)),
        ]

    # --- actions dispatched to the current tab ------------------------------------------------------------------

    def _tab_call(self, name: str) -> Callable[[], None]:
        def call() -> None:
            method = getattr(self.tabs.currentWidget(), name, None)
            if callable(method):
                method()
            else:
                self.statusBar().showMessage(self.tr("当前页面没有此功能"), 3000)

        return call

    def _build_actions(self) -> None:
        specs = [
            ("search", self.tr("查找(&F)"), QKeySequence.StandardKey.Find, "focus_search"),
            ("new", self.tr("新建(&N)"), QKeySequence.StandardKey.New, "new_item"),
            ("export", self.tr("导出 Excel(&E)"), QKeySequence("Ctrl+E"), "export"),
            ("preview", self.tr("打印预览(&V)"), QKeySequence("Ctrl+Shift+P"), "print_preview"),
            ("print", self.tr("打印(&P)…"), QKeySequence.StandardKey.Print, "print_"),
            ("refresh", self.tr("刷新"), QKeySequence.StandardKey.Refresh, "refresh"),
        ]
        self.actions_by_name: dict[str, QAction] = {}
        file_menu = self.menuBar().addMenu(self.tr("文件(&F)"))
        edit_menu = self.menuBar().addMenu(self.tr("编辑(&E)"))
        toolbar = self.addToolBar(self.tr("工具栏"))
        toolbar.setObjectName("main-toolbar")
        for name, title, key, method in specs:
            action = QAction(title, self)
            action.setShortcut(key)
            action.triggered.connect(self._tab_call(method))
            self.addAction(action)
            toolbar.addAction(action)
            (edit_menu if name in ("search", "new", "refresh") else file_menu).addAction(action)
            self.actions_by_name[name] = action
        self.actions_by_name["refresh"].setShortcuts([QKeySequence("F5")])
        pdf_action = QAction(self.tr("导出 PDF…"), self)
        pdf_action.triggered.connect(self._tab_call("export_pdf"))
        file_menu.addAction(pdf_action)
        self.actions_by_name["export_pdf"] = pdf_action
        file_menu.addSeparator()
        backup_action = QAction(self.tr("备份(&B)…"), self)
        backup_action.triggered.connect(self.backup)
        restore_action = QAction(self.tr("还原(&R)…"), self)
        restore_action.triggered.connect(self.restore)
        for name, action in (("backup", backup_action), ("restore", restore_action)):
            action.setEnabled(auth.can(self.ctx.actor, "settings.edit"))  # administrators
            file_menu.addAction(action)
            self.actions_by_name[name] = action
        db_action = QAction(self.tr("数据库设置…"), self)
        db_action.triggered.connect(self.database_settings)
        file_menu.addAction(db_action)
        quit_action = QAction(self.tr("退出(&X)"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        help_menu = self.menuBar().addMenu(self.tr("帮助(&H)"))
        about = QAction(self.tr("关于"), self)
        about.triggered.connect(self.about)
        help_menu.addAction(about)
        self.actions_by_name["about"] = about

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.count_label = QLabel()
        self.count_label.setMinimumWidth(160)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(120)
        self.busy.setVisible(False)
        role = role_titles().get(self.ctx.actor.role, "")
        user = QLabel(self.tr("用户：{0}（{1}）").format(self.ctx.actor.login, role))
        db = QLabel(self.tr("数据库：{0}").format(self.ctx.db.short_label))
        db.setToolTip(self.ctx.db.label)
        self.as_of = QDateEdit(QDate(self.ctx.as_of.year, self.ctx.as_of.month, self.ctx.as_of.day))
        self.as_of.setCalendarPopup(True)
        self.as_of.setDisplayFormat("yyyy-MM-dd")
        self.as_of.setToolTip(self.tr("报表和信用数据截至此日期（时间切片）"))
        self.as_of.dateChanged.connect(lambda d: self.ctx.set_as_of(d.toPython()))
        bar.addWidget(self.count_label, 1)
        bar.addPermanentWidget(self.busy)
        bar.addPermanentWidget(user)
        bar.addPermanentWidget(db)
        bar.addPermanentWidget(QLabel(self.tr("截至：")))
        bar.addPermanentWidget(self.as_of)

    def _tab_status(self, *_args: object) -> None:
        text = getattr(self.tabs.currentWidget(), "status_text", lambda: "")()
        self.count_label.setText(text)

    def show_status(self, text: str) -> None:
        """Tabs call this (through their status_changed signal) with their row counts."""
        if self.sender() is None or self.sender() is self.tabs.currentWidget():
            self.count_label.setText(text)

    def about(self) -> None:
        from ui.dialogs.about import AboutDialog

        AboutDialog(self.ctx.db.engine, self).exec()

    def backup(self) -> None:
        from ui.dialogs.backup import run_backup

        run_backup(self.ctx, self)

    def restore(self) -> None:
        from ui.dialogs.backup import run_restore

        run_restore(self)

    def database_settings(self) -> None:
        from ui.dialogs.database import DatabaseDialog

        if DatabaseDialog(self).exec():
            ask.inform(self, self.tr("数据库设置"), self.tr("设置已保存，重新启动程序后生效。"))

    def closeEvent(self, event: QCloseEvent) -> None:
        settings = qsettings()
        settings.setValue("main/geometry", self.saveGeometry())
        settings.setValue("main/tab", self.tabs.currentIndex())
        for i in range(self.tabs.count()):
            saver = getattr(self.tabs.widget(i), "save_state", None)
            if callable(saver):
                saver()
        self.ctx.tasks.wait(5000)
        from ui.dialogs.backup_start import backup_on_close  # the automatic backup, when due

        backup_on_close(self)
        super().closeEvent(event)
