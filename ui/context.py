"""What every view shares: the database, the logged-in actor, the as-of date, the task runner, change news."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QObject, QSettings, Signal

from app import settings as app_settings
from app.context import Actor
from app.startup import Database
from ui.tasks import Tasks


class AppContext(QObject):
    changed = Signal(str)  # an entity kind ("customer", "code", "salesperson", …) a use case changed
    as_of_changed = Signal(object)

    def __init__(self, db: Database, actor: Actor, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor
        self.tasks = Tasks(self)
        self._as_of = date.today()

    @property
    def sessions(self):  # noqa: ANN201
        return self.db.sessions

    @property
    def as_of(self) -> date:
        return self._as_of

    def set_as_of(self, day: date) -> None:
        if day != self._as_of:
            self._as_of = day
            self.as_of_changed.emit(day)

    def company_name(self) -> str:
        with self.sessions() as s:
            return app_settings.load(s).company_name


def qsettings() -> QSettings:
    return QSettings("crm-desktop", "crm-desktop")
