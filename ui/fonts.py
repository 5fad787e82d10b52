"""The shipped Chinese font for the interface on a PC that has none (the PDFs embed it themselves)."""
from __future__ import annotations

from PySide6.QtGui import QFontDatabase

import resources


def ensure_chinese_font() -> bool:
    """Register WenQuanYi Micro Hei with Qt when no installed font writes Simplified Chinese; True when registered."""
    if QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese):
        return False
    return QFontDatabase.addApplicationFont(str(resources.FONT)) >= 0
