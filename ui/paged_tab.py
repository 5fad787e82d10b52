"""A main-window tab made of sub-pages (信用, 分析): the page shown last is remembered, a page computes only when it
is shown and is stale, a change it shows makes every page stale, and the main window's hooks (refresh, export,
print, status) go to the page shown."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from app.changes import Changes
from ui.context import AppContext, qsettings
from ui.table_model import release_free_heap_soon


class PagedTab(QWidget):
    status_changed = Signal(str)

    PAGE_KEY = ""  # the setting that remembers the page shown last
    REFRESH_ON: tuple[str, ...] = ()  # change kinds (app.changes) that make the pages stale

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.pages: list[Any] = []
        self.tabs = QTabWidget()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addWidget(self.tabs)

    def add_pages(self, pages: Sequence[Any], titles: Sequence[str]) -> None:
        """`pages`: widgets with status_changed, stale, refresh(), invalidate() and the hooks below; the one shown
        last comes up again."""
        self.pages = list(pages)
        for page, title in zip(self.pages, titles, strict=True):
            self.tabs.addTab(page, title)
            page.status_changed.connect(lambda text, p=page: self._page_status(p, text))
            if hasattr(page, "loaded"):  # a page's figures arrived: what computing them left free goes back
                page.loaded.connect(release_free_heap_soon)
        self.tabs.setCurrentIndex(int(qsettings().value(self.PAGE_KEY, 0)))
        self.tabs.currentChanged.connect(lambda _i: self._shown())
        self.ctx.changed.connect(self._on_changed)

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        """Nothing is computed for a tab nobody opened: the page loads when the tab is first shown."""
        super().showEvent(event)
        self._shown()

    def current_page(self) -> Any:  # noqa: ANN401 - one of the pages
        return self.pages[self.tabs.currentIndex()]

    def _shown(self) -> None:
        if not self.isVisible():
            return
        page = self.current_page()
        if page.stale:
            page.refresh()
        self.status_changed.emit(self.status_text())

    def _page_status(self, page: Any, text: str) -> None:
        if page is self.current_page():
            self.status_changed.emit(text)

    def _on_changed(self, changes: Changes) -> None:
        if not changes.touches(*self.REFRESH_ON):
            return
        for page in self.pages:
            page.invalidate()
        self._shown()

    # --- main window hooks ------------------------------------------------------------------------------------

    def refresh(self) -> None:
        self.current_page().refresh()

    def focus_search(self) -> None:
        self.current_page().focus_search()

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
        qsettings().setValue(self.PAGE_KEY, self.tabs.currentIndex())
        for page in self.pages:
            page.save_state()
