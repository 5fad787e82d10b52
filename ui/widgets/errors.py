"""The red line under a form that says what is wrong: the first problem of the editors it watches, else a message."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QWidget

from ui.widgets.numbers import NumberEdit

Source = NumberEdit | Callable[[], str]  # an editor, or a check returning its problem ("" when none)


class ErrorLine(QLabel):
    """Shows the first problem among its sources, in the order watched (editors hidden or disabled do not count);
    with none, the last message it was told (a missing choice, a refusal) until a watched editor changes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet("color: #b00020")
        self.setWordWrap(True)
        self._sources: list[Source] = []
        self._told = ""

    def watch(self, *sources: Source) -> None:
        """Editors refresh the line as they change; for a check, connect what changes it to refresh()."""
        for source in sources:
            self._sources.append(source)
            if isinstance(source, NumberEdit):
                source.problem_changed.connect(self._edited)
        self.refresh()

    def first_problem(self) -> str:
        for source in self._sources:
            if isinstance(source, NumberEdit):
                if not source.isHidden() and source.isEnabled() and source.problem():
                    return source.problem()
            elif problem := source():
                return problem
        return ""

    def tell(self, text: str) -> None:
        """A message of the form's own (shown while no editor has a problem); "" clears it. A problem the line
        shows already is not kept: it goes when it is fixed."""
        self._told = "" if text == self.first_problem() else text
        self.refresh()

    def refresh(self, *_args: object) -> None:
        self.setText(self.first_problem() or self._told)

    def _edited(self, _problem: str) -> None:
        self._told = ""  # the user is fixing things: an old message would be stale
        self.refresh()
