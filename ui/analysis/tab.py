"""The 分析 tab: one sub-page per analysis; a page computes when shown and again after a change it shows."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from app.changes import Changes
from ui.analysis.activity import ActivityPage
from ui.analysis.common import AnalysisPage
from ui.analysis.company import CompanyPage
from ui.analysis.customers import DormantPage, PreferencePage, RfmPage
from ui.analysis.grades import GradesPage
from ui.analysis.margin import MarginPage
from ui.analysis.potential import PotentialPage
from ui.context import AppContext, qsettings

REFRESH_ON = ("customer", "order", "return", "salesperson", "code", "product", "settings")


class AnalysisTab(QWidget):
    status_changed = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.activity = ActivityPage(ctx)
        self.margin = MarginPage(ctx)
        self.grades = GradesPage(ctx)
        self.potential = PotentialPage(ctx)
        self.dormant = DormantPage(ctx)
        self.rfm = RfmPage(ctx)
        self.preference = PreferencePage(ctx)
        self.company = CompanyPage(ctx)
        self.pages: list[AnalysisPage] = [self.activity, self.margin, self.grades, self.potential, self.dormant,
                                          self.rfm, self.preference, self.company]
        titles = (self.tr("客户活跃率"), self.tr("毛利分析"), self.tr("客户分级"), self.tr("潜在大客户"),
                  self.tr("沉睡客户"), self.tr("RFM 分析"), self.tr("客户偏好"), self.tr("公司趋势"))
        self.tabs = QTabWidget()
        for page, title in zip(self.pages, titles, strict=True):
            self.tabs.addTab(page, title)
            page.status_changed.connect(lambda text, p=page: self._page_status(p, text))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addWidget(self.tabs)
        self.tabs.setCurrentIndex(int(qsettings().value("analysis/page", 0)))
        self.tabs.currentChanged.connect(lambda _i: self._shown())
        ctx.changed.connect(self._on_changed)
        ctx.as_of_changed.connect(lambda _d: self._shown() if self.isVisible() else None)
        self._visible = False

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt signature
        """Nothing is computed (and no chart drawn) until the tab is first shown."""
        super().showEvent(event)
        self._visible = True
        self._shown()

    def current_page(self) -> AnalysisPage:
        return self.pages[self.tabs.currentIndex()]

    def _shown(self) -> None:
        if not self._visible:
            return
        page = self.current_page()
        if page.stale:
            page.refresh()
        self.status_changed.emit(self.status_text())

    def _page_status(self, page: AnalysisPage, text: str) -> None:
        if page is self.current_page():
            self.status_changed.emit(text)

    def _on_changed(self, changes: Changes) -> None:
        if not changes.touches(*REFRESH_ON):
            return
        for page in self.pages:
            page.invalidate()
        if self.isVisible():
            self._shown()

    # --- main window hooks ------------------------------------------------------------------------------------

    def refresh(self) -> None:
        self.current_page().refresh()

    def focus_search(self) -> None:
        self.current_page().focus_search()

    def new_item(self) -> None:
        self.current_page().show_message(self.tr("分析页面没有可新建的项目"))

    def export(self) -> None:
        self.current_page().export()

    def print_(self) -> None:
        self.current_page().print_()

    def print_preview(self) -> None:
        self.current_page().print_preview()

    def export_pdf(self) -> None:
        self.current_page().export_pdf()

    def status_text(self) -> str:
        return self.current_page().status_text()

    def save_state(self) -> None:
        qsettings().setValue("analysis/page", self.tabs.currentIndex())
        for page in self.pages:
            page.save_state()
