"""This PC's remembered settings (QSettings), and what the last start learned about a database: enough to show the
login dialog at once, before any database code is loaded."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSettings


def qsettings() -> QSettings:
    return QSettings("crm-desktop", "crm-desktop")


@dataclass(frozen=True)
class Known:
    company: str
    label: str  # where the database is, as the login dialog says it


def _key(url: str) -> str:
    return "startup/known/" + url.replace("/", "|")


def known_database(url: str) -> Known | None:
    """The company and label of a database that was ready (had logins) the last time this PC opened it."""
    value = qsettings().value(_key(url))
    if not isinstance(value, list | tuple) or len(value) != 2:
        return None
    return Known(str(value[0]), str(value[1]))


def remember_database(url: str, company: str, label: str) -> None:
    qsettings().setValue(_key(url), [company, label])


def forget_database(url: str) -> None:
    qsettings().remove(_key(url))
