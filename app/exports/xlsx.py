"""A `Table` as an .xlsx workbook, as CONTRACT.md says: a title and the parameters above a bold, frozen header with an
autofilter; text as text (never a formula), money as numbers with `#,##0.00`, rates with `0.00%`, dates as dates,
the totals row last. Rows are streamed (XlsxWriter's constant_memory), so 100,000 rows need little memory; a long
export reports progress and can be cancelled (the partial file is removed)."""
from __future__ import annotations

import contextlib
import unicodedata
from collections.abc import Callable, Iterable
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import xlsxwriter

from app.errors import UserError
from app.exports.common import Cancelled, Document, cell_text, param_text
from app.tables import Column

FORMULA_START_CHARS = frozenset("=+-@\t\r")
FONT_NAME = "Microsoft YaHei"  # Windows' Chinese UI font; Excel substitutes a Chinese font where it is missing
WIDTH_SAMPLE = 500  # rows read to size the columns (before any row is written: constant_memory)
MAX_WIDTH = 60
PROGRESS_EVERY = 1000


def display_width(text: str) -> int:
    """Width in Excel character units: CJK characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


class _Formats:
    def __init__(self, book: xlsxwriter.Workbook) -> None:
        base = {"font_name": FONT_NAME, "font_size": 10}
        self.text = None  # plain text cells take the workbook's default font (no format to resolve per cell)
        self.quoted = book.add_format({**base, "quote_prefix": True})  # shown as typed, never read as a formula
        self.money = book.add_format({**base, "num_format": "#,##0.00"})
        self.rate = book.add_format({**base, "num_format": "0.00%"})
        self.int = book.add_format({**base, "num_format": "0"})
        self.qty = book.add_format({**base, "num_format": "#,##0.###"})
        self.date = book.add_format({**base, "num_format": "yyyy-mm-dd"})
        self.header = book.add_format({**base, "bold": True, "bg_color": "#E8EEF4", "border": 1, "text_wrap": True,
                                       "valign": "vcenter"})
        self.title = book.add_format({**base, "bold": True, "font_size": 14})
        self.params = book.add_format({**base, "font_color": "#555555"})
        bold = {**base, "bold": True, "top": 1}
        self.total_text = book.add_format(bold)
        self.total_money = book.add_format({**bold, "num_format": "#,##0.00"})
        self.total_rate = book.add_format({**bold, "num_format": "0.00%"})
        self.total_int = book.add_format({**bold, "num_format": "0"})


def _cell_writers(columns: list[Column], f: _Formats, sheet: Any) -> list[tuple[str, Callable[[int, int, Any], Any]]]:
    """(key, write(row, col, value)) per column, chosen once: the per-cell work is one call."""
    number, day, string = sheet.write_number, sheet.write_datetime, sheet.write_string
    quoted, plain = f.quoted, f.text

    def text(kind: str) -> Callable[[int, int, Any], Any]:
        def write(r: int, c: int, value: Any) -> Any:
            if value is None or value == "":
                return None
            shown = value if value.__class__ is str else cell_text(value, kind)
            # write_string: a text cell whatever the text looks like; a formula-like text keeps its quote prefix
            return string(r, c, shown, quoted if shown[:1] in FORMULA_START_CHARS else plain)
        return write

    def numeric(fmt: Any, kind: str) -> Callable[[int, int, Any], Any]:
        fallback = text(kind)

        def write(r: int, c: int, value: Any) -> Any:
            cls = value.__class__
            if cls is Decimal or cls is int:
                return number(r, c, value, fmt)  # a Decimal is written as its exact digits (no float)
            return fallback(r, c, value)
        return write

    as_text = text("text")

    def dated(r: int, c: int, value: Any) -> Any:
        if isinstance(value, date | datetime):
            return day(r, c, value, f.date)
        return as_text(r, c, value)

    out = []
    for col in columns:
        if col.kind in ("money", "rate", "int", "qty"):
            fmt = {"money": f.money, "rate": f.rate, "int": f.int, "qty": f.qty}[col.kind]
            out.append((col.key, numeric(fmt, col.kind)))
        elif col.kind == "date":
            out.append((col.key, dated))
        else:
            out.append((col.key, text(col.kind)))
    return out


def _write_total(sheet: Any, row: int, col: int, value: Any, kind: str, f: _Formats) -> None:
    if value is None or value == "":
        return
    if kind in ("money", "rate", "int") and isinstance(value, Decimal | int) and not isinstance(value, bool):
        fmt = {"money": f.total_money, "rate": f.total_rate, "int": f.total_int}[kind]
        sheet.write_number(row, col, value, fmt)
    else:
        sheet.write_string(row, col, cell_text(value, kind), f.total_text)


def write_xlsx(doc: Document, rows: Iterable[dict[str, Any]], path: Path, *, total_rows: int | None = None,
               progress: Callable[[int, int], None] | None = None,
               cancelled: Callable[[], bool] | None = None) -> Path:
    """Write one sheet: the document's title and parameters, the header, `rows` (dicts by column key, streamed in
    the order given), then the totals. `total_rows` (when known) drives the progress callback."""
    columns: list[Column] = doc.columns
    rows = iter(rows)
    sample: list[dict[str, Any]] = []
    for row in rows:
        sample.append(row)
        if len(sample) >= WIDTH_SAMPLE:
            break
    path = Path(path)
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_formulas": False,
                                           "strings_to_numbers": False, "strings_to_urls": False})
    try:
        default = book.formats[0]  # the workbook's default cell format: a Chinese font for every cell
        default.set_font_name(FONT_NAME)
        default.set_font_size(10)
        f = _Formats(book)
        sheet = book.add_worksheet(doc.sheet_name)
        widths = [display_width(c.title) + 2 for c in columns]
        for row in [*sample, doc.totals or {}]:
            for n, c in enumerate(columns):
                value = row.get(c.key)
                if value is not None:
                    widths[n] = max(widths[n], display_width(cell_text(value, c.kind)) + 2)
        for n, width in enumerate(widths):
            sheet.set_column(n, n, min(max(width, 6), MAX_WIDTH))
        sheet.write_string(0, 0, doc.title, f.title)
        header_row = 1
        if doc.params:
            sheet.write_string(1, 0, param_text(doc.params), f.params)
            header_row = 2
        for line in doc.notes_above:
            header_row += 1
            sheet.write_string(header_row - 1, 0, line, f.params)
        sheet.set_row(header_row, 30)
        for n, c in enumerate(columns):
            sheet.write_string(header_row, n, c.title, f.header)
        sheet.freeze_panes(header_row + 1, 0)
        r = header_row
        done = 0
        total = total_rows if total_rows is not None else len(sample)
        writers = list(enumerate(_cell_writers(columns, f, sheet)))
        for row in _chain(sample, rows):
            r += 1
            get = row.get
            for n, (key, write) in writers:
                write(r, n, get(key))
            done += 1
            if done % PROGRESS_EVERY == 0:
                if cancelled is not None and cancelled():
                    raise Cancelled
                if progress is not None:
                    progress(done, max(total, done))
        sheet.autofilter(header_row, 0, max(r, header_row), len(columns) - 1)
        if doc.totals:
            r += 1
            for n, c in enumerate(columns):
                _write_total(sheet, r, n, doc.totals.get(c.key, doc.totals_label if n == 0 else None), c.kind, f)
        for line in doc.notes_below:
            r += 2
            sheet.write_string(r, 0, line, f.params)
        if progress is not None:
            progress(done, done)
        book.close()
    except Cancelled:
        _discard(book, path)
        raise
    except OSError as exc:
        _discard(book, path)
        raise UserError("export.cannot_write", path=str(path), detail=exc.strerror or str(exc)) from None
    return path


def _chain(first: list[dict[str, Any]], rest: Iterable[dict[str, Any]]) -> Iterable[dict[str, Any]]:
    yield from first
    yield from rest


def _discard(book: xlsxwriter.Workbook, path: Path) -> None:
    with contextlib.suppress(Exception):  # the file is being thrown away anyway
        book.close()
    path.unlink(missing_ok=True)
