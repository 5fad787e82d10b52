"""The --partial error workbook `<stem>_错误.xlsx`: each rejected row as read, with its reasons and row number.

Its two extra columns (错误原因, 原行号) are ignored as extra columns when the fixed file is imported again.
"""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from app.importing.cells import text
from app.importing.reader import Row, SheetData
from app.messages import msg


def _cell(ws: Any, value: Any) -> Any:
    """A value read from the workbook, written back as either reader reads it: text stays text, never a formula."""
    if value == "":
        return None  # an empty cell, as calamine reads it
    if isinstance(value, float) and value.is_integer() and abs(value) < 2 ** 53:
        return int(value)  # a whole number cell, as openpyxl reads it
    if type(value) is date:
        return datetime.combine(value, time())  # a date cell, as openpyxl reads it
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if value.startswith("="):
            cell = WriteOnlyCell(ws, value=value)
            cell.data_type = "s"
            return cell
    return value


def write_error_workbook(path: Path, sheets: Sequence[SheetData]) -> Path | None:
    """Write the rejected rows of `sheets` next to `path`; None when no row was rejected."""
    rejected: list[tuple[SheetData, list[Row]]] = []
    for data in sheets:
        rows = [r for r in data.rows if r.rejected]
        if rows:
            rejected.append((data, rows))
    if not rejected:
        return None
    target = path.with_name(f"{path.stem}_错误.xlsx")
    reason_header, row_header = str(msg("import.error_column_reason")), str(msg("import.error_column_row"))
    wb = openpyxl.Workbook(write_only=True)
    bold = Font(bold=True)
    for data, rows in rejected:
        ws = wb.create_sheet(data.title)
        width = max([len(data.header), *(len(r.raw) for r in rows)])
        header = [*data.header, *([None] * (width - len(data.header))), reason_header, row_header]
        for i, value in enumerate(header, start=1):
            ws.column_dimensions[get_column_letter(i)].width = 40 if value == reason_header else 14
        cells = []
        for value in header:
            cell = WriteOnlyCell(ws, value=text(value))
            cell.data_type = "s" if cell.data_type == "f" else cell.data_type  # a header, never a formula
            cell.font = bold
            cells.append(cell)
        ws.append(cells)
        for row in rows:
            raw = [*row.raw, *([None] * (width - len(row.raw)))]
            ws.append([*(_cell(ws, v) for v in raw), row.reason_text(), row.no])
    wb.save(target)
    return target
