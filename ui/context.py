"""What every view shares: the database, the logged-in actor, the as-of date, and the one channel to the core.

`query` reads and `op` changes, both off the GUI thread with the session (or session factory) and the acting
user supplied; a newer `query` of a view replaces its older one (only the newest answer is delivered), and what an
`op` changed is broadcast on `changed` so every open view refreshes what is stale — views never announce changes
themselves.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from app import auth
from app import settings as app_settings
from app.changes import Changes, changed, changes_of
from app.context import Actor
from app.errors import DatabaseBusy
from app.messages import msg
from app.startup import Database
from ui.store import qsettings  # noqa: F401 - re-exported: the views read their settings through ui.context
from ui.tasks import Tasks

BUSY_ATTEMPTS = 3  # a change refused by a busy database is tried this many times in all (each waits app.db's timeout)


class AppContext(QObject):
    changed = Signal(object)  # app.changes.Changes: what a use case changed
    as_of_changed = Signal(object)
    signed_out = Signal(object)  # app.auth.SignedOut: the login was disabled or changed elsewhere (ui.main asks again)
    waiting = Signal(str)  # the database is busy and a change is being tried again (the status bar says so)

    def __init__(self, db: Database, actor: Actor, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor
        self.tasks = Tasks(self)
        self._as_of = date.today()
        self._latest: dict[tuple[int, str], int] = {}
        self._signed_out = False

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

    # --- the channel ----------------------------------------------------------------------------------------

    def query(self, fn: Callable[..., Any], *args: Any, done: Callable[[Any], None],
              failed: Callable[[Exception], None] | None = None, owner: QObject | None = None,
              key: str | None = None, progress: Callable[..., None] | None = None, **kwargs: Any) -> None:
        """Run `fn(session, actor, *args, **kwargs)` off the GUI thread in a read session and hand its answer to
        `done` on the GUI thread. With `key`, only the newest query of (owner, key) is delivered: a view asking
        again (a keystroke, a new filter) makes its older answers void. `failed` gets a refusal or an error
        (default: shown to the user). With `progress`, fn gets a `progress(*values)` keyword argument whose calls
        arrive on the GUI thread."""
        ticket = self._ticket(owner, key)

        def read(sessions: Any, actor: Actor, **extra: Any) -> Any:
            with sessions() as session:
                auth.check_signed_in(session, actor)  # one indexed read: a disabled or changed login stops here
                return fn(session, actor, *args, **kwargs, **extra)

        self.tasks.run(read, self.sessions, self.actor, owner=owner, on_progress=progress,
                       on_done=lambda result: self._deliver(ticket, done, result),
                       on_error=self._unless_signed_out(
                           lambda exc: self._deliver(ticket, failed or self._show_failure(owner), exc)))

    def op(self, fn: Callable[..., Any], *args: Any, done: Callable[[Any], None] | None = None,
           failed: Callable[[Exception], None] | None = None, owner: QObject | None = None, title: str = "",
           progress: Callable[..., None] | None = None, **kwargs: Any) -> None:
        """Run the use case `fn(sessions, actor, *args, **kwargs)` off the GUI thread (it owns its transaction);
        when it succeeds, broadcast what it changed, then call `done` with its result. A refusal goes to `failed`,
        or is shown to the user with `title`."""
        def run(sessions: Any, actor: Actor, *a: Any, **kw: Any) -> tuple[Any, Actor]:
            with sessions() as session:
                auth.check_signed_in(session, actor)
            for attempt in range(1, BUSY_ATTEMPTS + 1):
                try:
                    result = fn(sessions, actor, *a, **kw)
                    break
                except DatabaseBusy:  # another PC held the file past the wait; nothing was written: try again
                    if attempt == BUSY_ATTEMPTS:
                        raise
                    self.waiting.emit(str(msg("validate.busy_retrying", attempt=attempt + 1, attempts=BUSY_ATTEMPTS)))
            if changes_of(fn, result).touches("user"):  # e.g. its own new password: this session stays signed in
                with sessions() as session:
                    actor = auth.restamp(session, actor)
            return result, actor

        def finished(answer: tuple[Any, Actor]) -> None:
            result, actor = answer
            if actor.login == self.actor.login:
                self.actor = actor
            self.announce(changes_of(fn, result))
            if done is not None:
                done(result)

        self.tasks.run(run, self.sessions, self.actor, *args, owner=owner, on_done=finished,
                       on_error=self._unless_signed_out(failed or self._show_failure(owner, title)),
                       on_progress=progress, **kwargs)

    def announce(self, changes: Changes | str, *more: str) -> None:
        """Tell open views what changed (for the rare change that does not come back from an `op`)."""
        news = changed(changes, *more) if isinstance(changes, str) else changes
        if news:
            self.changed.emit(news)

    def _unless_signed_out(self, failed: Callable[[Exception], None]) -> Callable[[Exception], None]:
        """A refusal goes to `failed`, except SignedOut: that is said once, by `signed_out`, whatever view asked."""
        def handle(exc: Exception) -> None:
            if isinstance(exc, auth.SignedOut):
                if not self._signed_out:
                    self._signed_out = True
                    self.signed_out.emit(exc)
                return
            failed(exc)

        return handle

    def _ticket(self, owner: QObject | None, key: str | None) -> tuple[tuple[int, str], int] | None:
        if key is None:
            return None
        slot = (id(owner), key)
        self._latest[slot] = self._latest.get(slot, 0) + 1
        return slot, self._latest[slot]

    def _deliver(self, ticket: tuple[tuple[int, str], int] | None, to: Callable[[Any], None], value: Any) -> None:
        if ticket is not None and self._latest.get(ticket[0]) != ticket[1]:
            return  # a newer query of the same view has been asked: this answer is void
        to(value)

    def _show_failure(self, owner: QObject | None, title: str = "") -> Callable[[Exception], None]:
        def show(exc: Exception) -> None:
            from app.errors import UserError
            from ui import ask

            if not isinstance(exc, UserError):
                raise exc  # a bug: on to sys.excepthook, i.e. the crash dialog and the log (ui/dialogs/crash.py)
            ask.error(owner if isinstance(owner, QWidget) else None, title, exc)

        return show
