"""What an export or a printout is made of: a `Document` (title, parameters, columns, totals, notes, who printed it
and when) and its rows; the same document gives the workbook, the PDF, the preview and the paper."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from app.messages import Message, msg
from app.tables import Column, Table

SHEET_FORBIDDEN = str.maketrans({c: "_" for c in "[]:*?/\\"})


class Cancelled(Exception):  # noqa: N818 - a request, not a failure
    """The user stopped a long export: nothing is left behind."""


@dataclass
class Document:
    title: str
    columns: list[Column]
    params: Sequence[tuple[str, str]] = ()  # (label, value) as people read them
    totals: dict[str, Any] | None = None
    totals_label: str = ""
    notes_above: list[str] = field(default_factory=list)
    notes_below: list[str] = field(default_factory=list)  # e.g. the aging proof
    company: str = ""
    printed_by: str = ""
    printed_at: datetime = field(default_factory=lambda: datetime.now().replace(microsecond=0))

    def __post_init__(self) -> None:
        if not self.totals_label:
            self.totals_label = str(msg("export.totals"))

    @property
    def sheet_name(self) -> str:
        return (self.title.translate(SHEET_FORBIDDEN) or "Sheet1")[:31]


PARAM_LABELS = {"as_of": "export.param_as_of", "first": "export.param_first", "last": "export.param_last",
                "start": "export.param_start", "end": "export.param_end", "group_by": "export.param_group_by",
                "days": "export.param_days", "from": "export.param_start", "to": "export.param_end"}


def param_pairs(params: dict[str, Any]) -> list[tuple[str, str]]:
    """A report's machine parameters as (label, value) in the process language."""
    out = []
    for key, value in params.items():
        if value is None:
            continue
        label = str(msg(PARAM_LABELS[key])) if key in PARAM_LABELS else key
        out.append((label, value.isoformat() if isinstance(value, date) else str(value)))
    return out


def param_text(params: Sequence[tuple[str, str]]) -> str:
    return str(msg("common.list_separator")).join(str(msg("export.param", label=k, value=v)) for k, v in params)


def cell_text(value: Any, kind: str) -> str:
    """A cell as text (PDF cells, text cells of a workbook, column widths)."""
    if value is None:
        return ""
    if isinstance(value, Message):
        return str(value)
    if isinstance(value, bool):
        return str(msg("export.yes")) if value else ""
    if kind == "money" and isinstance(value, Decimal | int):
        return f"{Decimal(value):,.2f}"
    if kind == "rate" and isinstance(value, Decimal | int):
        return f"{Decimal(value) * 100:.2f}%"
    if kind == "qty" and isinstance(value, Decimal):
        text = f"{value:,f}"
        return text.rstrip("0").rstrip(".") if "." in text else text
    if isinstance(value, date | datetime):
        return value.isoformat()
    return str(value)


def table_document(table: Table, *, company: str = "", printed_by: str = "") -> Document:
    """A report's `Table` as a document (its own titles: Chinese in the CLI)."""
    proof = getattr(table.proof, "message", None)
    notes = [str(proof)] if proof is not None else [n for n in table.notes if n]
    return Document(title=table.title, columns=list(table.columns), params=param_pairs(table.params),
                    totals=dict(table.totals) if table.totals and _flat(table.totals) else None,
                    notes_below=notes, company=company, printed_by=printed_by)


def _flat(totals: dict[str, Any]) -> bool:
    """Totals shaped like a row (activity's per-month totals are not)."""
    return not any(isinstance(v, dict) for v in totals.values())


def table_rows(table: Table) -> Iterable[dict[str, Any]]:
    return table.rows
