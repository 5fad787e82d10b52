"""The Qt binding in use must not leak references on every call (PySide6 6.12.0 did, crashing long sessions)."""
from __future__ import annotations

import sys

from PySide6.QtWidgets import QLineEdit


def test_void_calls_do_not_leak_none(qtbot) -> None:
    edit = QLineEdit()
    qtbot.addWidget(edit)
    before = sys.getrefcount(None)
    for _ in range(2000):
        edit.setText("x")
    assert before - sys.getrefcount(None) < 100
