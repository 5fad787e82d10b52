"""A toolbar message that clears itself: green for done, red for refused."""
from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QWidget

SHOWN_MS = 8000


class FlashLabel(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet("color: #2e7d32; padding-left: 12px")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SHOWN_MS)
        self._timer.timeout.connect(self.clear)

    def flash(self, text: str, error: bool = False) -> None:
        self.setStyleSheet(f"color: {'#b00020' if error else '#2e7d32'}; padding-left: 12px")
        self.setText(text)
        self._timer.start()
