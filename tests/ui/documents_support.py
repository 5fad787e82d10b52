"""Helpers the receipt and return window tests share: message boxes recorded, a context dated DAY, waiting."""
from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from app.context import Actor

DAY = date(2026, 7, 25)


class Boxes:
    """Stands in for QMessageBox: records what the user was told."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.told: list[str] = []
        for name in ("warning", "critical", "information"):
            monkeypatch.setattr(QMessageBox, name, lambda _p, _t, text, *_a, **_k: self.told.append(text))


def context(make_ctx: Any, actor: Actor) -> Any:  # noqa: ANN401 - the AppContext make_ctx builds
    ctx = make_ctx(actor)
    ctx.set_as_of(DAY)
    return ctx


def wait(qtbot: Any, widget: Any) -> None:  # noqa: ANN401
    qtbot.waitUntil(lambda: not widget.is_loading(), timeout=10000)
