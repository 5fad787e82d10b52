"""Run a use case off the GUI thread and hand its result, or its UserError, back on the GUI thread."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from app import logs
from app.errors import UserError


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)
    progress = Signal(object)  # the progress callback's arguments, as a tuple


class _Job(QRunnable):
    def __init__(self, fn: Callable[..., Any], args: tuple, kwargs: dict, with_progress: bool) -> None:
        super().__init__()
        self.fn, self.args, self.kwargs = fn, args, kwargs
        self.signals = _Signals()
        if with_progress:
            self.kwargs["progress"] = lambda *args: self.signals.progress.emit(args)

    @Slot()
    def run(self) -> None:
        try:
            result = self.fn(*self.args, **self.kwargs)
        except UserError as exc:
            self.signals.failed.emit(exc)
        except Exception as exc:  # noqa: BLE001 - a bug: log it and tell the user something went wrong
            logs.record(exc, "a background task")
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


class Tasks(QObject):
    """Keeps references to running jobs so their signals live until delivered."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._running: set[_Job] = set()
        self.pool = QThreadPool.globalInstance()

    def run(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
        on_progress: Callable[..., None] | None = None,
        owner: QObject | None = None,
        **kwargs: Any,
    ) -> None:
        """`owner`: the widget the callbacks update (default: the object of a bound-method `on_done`); when it
        has been closed and deleted before the job ends, the result is dropped instead of touching dead widgets."""
        if owner is None and isinstance(getattr(on_done, "__self__", None), QObject):
            owner = on_done.__self__  # type: ignore[union-attr]
        job = _Job(fn, args, kwargs, with_progress=on_progress is not None)
        job.setAutoDelete(False)
        self._running.add(job)
        self.busy_changed.emit(True)

        def finish() -> None:
            self._running.discard(job)
            if not self._running:
                self.busy_changed.emit(False)

        def alive() -> bool:
            return owner is None or shiboken6.isValid(owner)

        def done(result: Any) -> None:
            finish()
            if on_done and alive():
                on_done(result)

        def failed(exc: Exception) -> None:
            finish()
            if on_error and alive():
                on_error(exc)

        job.signals.done.connect(done)
        job.signals.failed.connect(failed)
        if on_progress:
            job.signals.progress.connect(lambda args: on_progress(*args))
        self.pool.start(job)

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def wait(self, msecs: int = 30000) -> bool:
        """For tests and shutdown: wait for every job to finish."""
        return self.pool.waitForDone(msecs)
