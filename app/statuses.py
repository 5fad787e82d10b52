"""Document statuses, and the one rule of which documents count: only confirmed ones (DOMAIN.md "Documents")."""
from __future__ import annotations

from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement


class OrderStatus(StrEnum):
    DRAFT = "draft"
    HELD = "held"  # credit hold: waits for a manager's approval
    CONFIRMED = "confirmed"
    CANCELLED = "cancelled"


class CreditStatus(StrEnum):
    """Receipts and returns: recorded confirmed, later perhaps cancelled."""

    CONFIRMED = "confirmed"
    CANCELLED = "cancelled"


CONFIRMED = OrderStatus.CONFIRMED.value


def counted(model: Any) -> ColumnElement[bool]:
    """The filter "counts anywhere" (receivables, sales, activity, margin) for an order, return or receipt:
    an ORM class, an aliased class or a Table / subquery with a `status` column."""
    column = model.c.status if hasattr(model, "c") else model.status
    return column == CONFIRMED


def is_counted(status: str | None) -> bool:
    return status == CONFIRMED
