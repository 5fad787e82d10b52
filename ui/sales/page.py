"""The 销售 page: sales orders and returns side by side as two sub-tabs; the main window's shortcuts act on the one
shown."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ui.context import AppContext, qsettings
from ui.sales.returns import ReturnsPanel
from ui.sales.tab import SalesTab


class SalesPage(QWidget):
    status_changed = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.orders = SalesTab(ctx)
        self.returns = ReturnsPanel(ctx)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.orders, self.tr("销售单"))
        self.tabs.addTab(self.returns, self.tr("退货单"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        for page in (self.orders, self.returns):
            page.status_changed.connect(self._relay)
        self.tabs.setCurrentIndex(int(qsettings().value("sales/page", 0)))
        self.tabs.currentChanged.connect(self._switched)

    def _relay(self, text: str) -> None:
        if self.sender() is self.tabs.currentWidget():
            self.status_changed.emit(text)

    def _switched(self, index: int) -> None:
        qsettings().setValue("sales/page", index)
        self.status_changed.emit(self.status_text())

    def status_text(self) -> str:
        return self.tabs.currentWidget().status_text()

    def save_state(self) -> None:
        self.orders.save_state()
        self.returns.save_state()

    def focus_search(self) -> None:
        self.tabs.currentWidget().focus_search()

    def new_item(self) -> None:
        self.tabs.currentWidget().new_item()

    def export(self) -> None:
        self.tabs.currentWidget().export()

    def print_(self) -> None:
        self.tabs.currentWidget().print_()

    def print_preview(self) -> None:
        self.tabs.currentWidget().print_preview()

    def export_pdf(self) -> None:
        self.tabs.currentWidget().export_pdf()

    def refresh(self) -> None:
        self.tabs.currentWidget().refresh()
