"""Errors a user can cause; each carries a catalogue message (app/catalogue.toml) fit to show as is."""
from __future__ import annotations

from typing import Any

from app.messages import Message, msg


class UserError(Exception):
    """A mistake or refusal the user can act on; `str()` is its message in the interface language.

    Raise with a catalogue code and its arguments: `ValidationError("order.cash_negative")`,
    `ValidationError("order.too_much_cash", cash=..., total=...)`, or with a `Message` made before.
    """

    def __init__(self, message: Message | str, /, **args: Any) -> None:
        self.message: Message | str = message if isinstance(message, Message) else (
            msg(message, **args) if _is_code(message) else message)
        super().__init__(str(self.message))

    def __str__(self) -> str:
        return str(self.message)

    @property
    def code(self) -> str | None:
        return self.message.code if isinstance(self.message, Message) else None


def _is_code(text: str) -> bool:
    from app.messages import catalogue

    return text in catalogue()


class NotFound(UserError):
    pass


class ValidationError(UserError):
    pass


class PermissionDenied(UserError):
    pass


class ConflictError(UserError):
    """Someone else changed or created the same record first."""


class DatabaseBusy(UserError):
    """SQLite: another PC held the write lock beyond the busy timeout; nothing was saved, the next try may work."""


class Disconnected(UserError):
    """PostgreSQL: the connection dropped; nothing was saved, the next action connects again."""


class NotAvailable(UserError):
    """A feature that a later release brings."""
