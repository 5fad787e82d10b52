"""The 设置 tab: a list of sections on the left (code tables, salespeople, products, company, accounts, language)
and the chosen section's page on the right."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QSplitter, QStackedWidget, QVBoxLayout, QWidget

from app import auth
from models import CODE_KINDS
from ui.context import AppContext, qsettings
from ui.settings.audit import AuditPage
from ui.settings.codes import CodeTablePage, kind_titles
from ui.settings.common import Page
from ui.settings.company import CompanyPage
from ui.settings.language import LanguagePage
from ui.settings.products import ProductsPage
from ui.settings.reminders import RemindersPage
from ui.settings.salespeople import SalespeoplePage
from ui.settings.users import UsersPage

PAGE_ROLE = Qt.ItemDataRole.UserRole


class SettingsTab(QWidget):
    status_changed = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.sections = QListWidget()
        self.sections.setObjectName("settings-sections")
        self.stack = QStackedWidget()
        self.pages: dict[str, Page] = {}
        titles = kind_titles()
        self._group(self.tr("代码表"))
        for kind in CODE_KINDS:
            self._add(kind, titles[kind], CodeTablePage(ctx, kind))
        self._group(self.tr("基础资料"))
        self._add("salespeople", self.tr("销售员"), SalespeoplePage(ctx))
        self._add("products", self.tr("商品"), ProductsPage(ctx))
        self._group(self.tr("系统"))
        self._add("company", self.tr("公司设置"), CompanyPage(ctx))
        self._add("reminders", self.tr("提醒与走访"), RemindersPage(ctx))
        self._add("users", self.tr("登录账户"), UsersPage(ctx))
        self._add("audit", self.tr("操作日志"), AuditPage(ctx))
        if auth.can(ctx.actor, "settings.edit"):
            from ui.settings.backup import BackupPage

            self._add("backup", self.tr("自动备份"), BackupPage(ctx))
        self._add("language", self.tr("界面语言"), LanguagePage(ctx))
        self.sections.currentItemChanged.connect(self._section_changed)
        self.sections.setMinimumWidth(130)
        self.sections.setStyleSheet("QListWidget::item { padding: 3px 2px; }")

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("settings-splitter")
        self.splitter.addWidget(self.sections)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([170, 830])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.splitter)

        state = qsettings().value("settings/splitter")
        if state is not None:
            self.splitter.restoreState(state)
        self.select(str(qsettings().value("settings/section", "customer_type")))

    def _group(self, title: str) -> None:
        item = QListWidgetItem(title)
        item.setFlags(Qt.ItemFlag.NoItemFlags)  # a heading: arrow keys pass over it
        item.setForeground(QColor("#555555"))
        font = item.font()
        font.setBold(True)
        item.setFont(font)
        self.sections.addItem(item)

    def _add(self, key: str, title: str, page: Page) -> None:
        item = QListWidgetItem("    " + title)
        item.setData(PAGE_ROLE, key)
        self.sections.addItem(item)
        self.stack.addWidget(page)
        self.pages[key] = page
        page.status_changed.connect(lambda text, page=page: self._page_status(page, text))

    def _section_changed(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if item is None or item.data(PAGE_ROLE) is None:
            return
        self.stack.setCurrentWidget(self.pages[item.data(PAGE_ROLE)])
        self.status_changed.emit(self.status_text())

    def _page_status(self, page: Page, text: str) -> None:
        if page is self.current_page():
            self.status_changed.emit(text)

    # --- what the main window calls ------------------------------------------------------------------------------

    def select(self, key: str) -> Page:
        """Show a section by its key: a code-table kind, salespeople, products, company, users or language."""
        if key not in self.pages:
            key = next(iter(self.pages))
        for row in range(self.sections.count()):
            if self.sections.item(row).data(PAGE_ROLE) == key:
                self.sections.setCurrentRow(row)
        return self.pages[key]

    def current_page(self) -> Page:
        return self.stack.currentWidget()  # type: ignore[return-value]

    def current_key(self) -> str:
        return next(k for k, p in self.pages.items() if p is self.current_page())

    def new_item(self) -> None:
        method = getattr(self.current_page(), "new_item", None)
        if callable(method):
            method()

    def focus_search(self) -> None:
        method = getattr(self.current_page(), "focus_search", None)
        if callable(method):
            method()
        else:
            self.sections.setFocus()

    def refresh(self) -> None:
        self.current_page().refresh()

    def status_text(self) -> str:
        return self.current_page().status_text()

    def save_state(self) -> None:
        settings = qsettings()
        settings.setValue("settings/splitter", self.splitter.saveState())
        settings.setValue("settings/section", self.current_key())
        for page in self.pages.values():
            page.save_state()
