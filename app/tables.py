"""`Table`: the one result shape of every report, rendered by the CLI, the GUI, Excel and PDF."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal

from models.types import fen_to_yuan

__all__ = ["Column", "Table", "fen_to_yuan", "jsonable", "rate", "sort_by_first_column"]

Kind = Literal["text", "money", "rate", "int", "date", "month", "qty"]
RATE_STEP = Decimal("0.0001")
FEN = Decimal("0.01")


@dataclass(frozen=True)
class Column:
    key: str
    title: str  # Chinese header shown to users
    kind: Kind = "text"


@dataclass(frozen=True)
class Table:
    report: str
    title: str
    params: dict[str, Any]
    columns: list[Column]
    rows: Sequence[dict[str, Any]]  # a list, or rows made when read (app.analytics.Rows, margin.CustomerRows)
    totals: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # e.g. the sales-credit rule, the aging proof
    sort_rows: bool = True  # rows sorted by their first column in machine output
    proof: Any = None  # the check a report proves itself with (aging: a Reconciliation), shown beside it

    @property
    def keys(self) -> list[str]:
        return [c.key for c in self.columns]


def rate(numerator: Decimal | int, denominator: Decimal | int) -> Decimal | None:
    """numerator ÷ denominator rounded half-up to 4 places; None when the denominator is 0."""
    if not denominator:
        return None
    return (Decimal(numerator) / Decimal(denominator)).quantize(RATE_STEP, rounding=ROUND_HALF_UP)


def jsonable(value: Any, kind: Kind) -> Any:
    """A cell as CONTRACT.md's JSON wants it: money 2 places, rates 4 places, ISO dates."""
    if value is None:
        return None
    if kind == "money":
        return str(Decimal(value).quantize(FEN))
    if kind == "rate":
        return str(Decimal(value).quantize(RATE_STEP, rounding=ROUND_HALF_UP))
    if kind == "qty":
        return str(value)
    if kind == "date" and isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def sort_by_first_column(rows: Sequence[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    """CONTRACT.md order: plain code-point order of the first column, None first."""
    return sorted(rows, key=lambda r: (r[key] is not None, "" if r[key] is None else str(r[key])))
