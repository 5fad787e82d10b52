"""A period filter for a list: a choice of named periods (this week, the last 30 days, this month, all, chosen
dates, …) and the two date editors it fills in, enabled only for chosen dates."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from ui.widgets.dates import date_edit

CUSTOM = "custom"  # the choice whose dates the user types


def period_days(key: str, today: date) -> tuple[date | None, date | None]:
    """The days a named period covers as of `today` (None: open; weeks start on Monday)."""
    monday = today - timedelta(days=today.weekday())
    if key == "this_week":
        return monday, monday + timedelta(days=6)
    if key == "last_week":
        return monday - timedelta(days=7), monday - timedelta(days=1)
    if key == "this_month":
        return today.replace(day=1), today.replace(day=1) + relativedelta(months=1, days=-1)
    if key == "last_7":
        return today - timedelta(days=6), today
    if key == "last_30":
        return today - timedelta(days=29), today
    return None, None


class PeriodFilter(QObject):
    """The combo box and the two date editors; `changed` when the period it selects changed."""

    changed = Signal()

    def __init__(self, choices: Sequence[tuple[str, str]], initial: str, today: Callable[[], date],
                 parent: QObject | None = None) -> None:
        """`choices`: (key, title in the interface language); `today`: the day the named periods count from."""
        super().__init__(parent)
        self.today = today
        self.combo = QComboBox()
        for key, title in choices:
            self.combo.addItem(title, key)
        self.combo.setCurrentIndex(max(self.combo.findData(initial), 0))
        start, end = period_days(initial, today())
        self.start, self.end = date_edit(start or today()), date_edit(end or today())
        for edit in (self.start, self.end):
            edit.setEnabled(initial == CUSTOM)
            edit.dateChanged.connect(lambda _d: self.changed.emit())
        self.combo.currentIndexChanged.connect(lambda _i: self._chosen())

    def widgets(self) -> list[QWidget]:
        return [self.combo, self.start, QLabel("—"), self.end]

    def _chosen(self) -> None:
        key = self.combo.currentData()
        for edit in (self.start, self.end):
            edit.setEnabled(key == CUSTOM)
        if key != CUSTOM:  # show the dates the choice covers, without asking twice
            for edit, day in zip((self.start, self.end), period_days(key, self.today()), strict=True):
                if day is not None:
                    edit.blockSignals(True)
                    edit.setDate(day)
                    edit.blockSignals(False)
        self.changed.emit()

    def days(self) -> tuple[date | None, date | None]:
        """(first, last) day of the period chosen (None: open)."""
        key = self.combo.currentData()
        if key == CUSTOM:
            return self.start.date().toPython(), self.end.date().toPython()
        return period_days(key, self.today())

    def set_period(self, key: str) -> None:
        self.combo.setCurrentIndex(max(self.combo.findData(key), 0))

    def text(self) -> str:
        return self.combo.currentText()
