"""Every report: a function of (session, parameters) returning one `Table`."""
from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from app.tables import Table

# report name -> module under app.reports with a `build(session, **params) -> Table`
REPORT_MODULES = {
    "aging": "aging",
    "activity": "activity",
    "margin": "margin",
    "abc": "abc",
    "potential": "potential",
    "dormant": "dormant",
    "rfm": "rfm",
}


def builder(name: str) -> Callable[..., Table]:
    module = importlib.import_module(f"app.reports.{REPORT_MODULES[name]}")
    return module.build


def build(session: Session, name: str, **params: Any) -> Table:
    return builder(name)(session, **params)
