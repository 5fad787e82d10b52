"""Opening the import workbook and reading its sheets: the file check first, then each header row and the rows.

Reading goes through public APIs only. python-calamine (Rust) reads a sheet about ten times faster than
openpyxl's read-only mode, but it unpacks a whole sheet into one dense grid: a single value in column XFD
would make every row 16,384 cells wide in memory at once, and it reads error cells (#N/A) as empty. So the
file check (app.importing.scan), which reads every XML member anyway, also notes each worksheet's extent, whether
every cell states its position, and whether any cell holds an error; a workbook that is not plain in all of them
is read by openpyxl (`load_workbook(read_only=True, data_only=True)`, rows streamed).

Either way only the contract's columns are kept: the header is looked for in the first rows (read whole), then
each row is cut after the last column of the contract the header has (openpyxl is asked for no more), so a stray
value in column XFD costs one cell per row, not 16,384. Cells the file check found unreadable (a formula without
a value) reach validation as `cells.Unread`, which refuses them naming the cell.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import IO, Any

import openpyxl
from python_calamine import CalamineWorkbook, SheetTypeEnum

from app.importing.cells import Unread, text
from app.importing.contract import (
    HEADER_SEARCH_ROWS,
    SHEETS,
    ImportIssue,
    SheetSpec,
    find_spec,
    known_headers,
    norm_name,
)
from app.importing.scan import (
    MAX_ROWS,
    FileScan,
    ImportRefused,
    SheetXml,
    cell_name,
    check_workbook_file,
    column_letters,
)
from app.messages import Message, msg

__all__ = ["FileScan", "ImportRefused", "Row", "SheetData", "check_workbook_file", "open_book", "read_workbook"]

Progress = Callable[[str, int, int], None]
PROGRESS_EVERY = 1000
MAX_LISTED = 10  # cells named in one refusal
MAX_KEPT_WIDTH = 256  # cells of a row kept as read; past that, only the contract's columns
MAX_COLUMNS = 1024  # a column of the contract further right than this is refused (column AMJ)


# ---------------------------------------------------------------- two ways to read the sheets


class _Book:
    """The worksheets of an open workbook in workbook order; each is read when asked for."""

    titles: list[str]

    def rows(self, title: str, first: int = 1, last: int | None = None,
             width: int | None = None) -> Iterable[Sequence[Any]]:
        """Rows `first`..`last` (to the end when None) of the sheet, each at most `width` cells (an empty cell is
        None or ""); a row may be shorter."""
        raise NotImplementedError

    def release(self, title: str) -> None:
        """The sheet has been read."""

    def close(self) -> None:
        raise NotImplementedError


class _CalamineBook(_Book):
    def __init__(self, path: Path) -> None:
        self._wb = CalamineWorkbook.from_path(str(path))
        self.titles = [m.name for m in self._wb.sheets_metadata if m.typ == SheetTypeEnum.WorkSheet]
        self._grids: dict[str, list[list[Any]]] = {}

    def rows(self, title: str, first: int = 1, last: int | None = None,
             width: int | None = None) -> Iterable[Sequence[Any]]:
        grid = self._grids.get(title)
        if grid is None:  # the file check made sure this grid is about as big as the cells the sheet holds
            grid = self._grids[title] = self._wb.get_sheet_by_name(title).to_python(skip_empty_area=False)
        rows = islice(grid, first - 1, last)
        return rows if width is None else (row[:width] for row in rows)

    def release(self, title: str) -> None:
        self._grids.pop(title, None)

    def close(self) -> None:
        self._grids.clear()
        self._wb.close()


class _OpenpyxlBook(_Book):
    def __init__(self, path: Path) -> None:
        # a file object, so openpyxl does not insist on the .xlsx extension
        self._fh: IO[bytes] = path.open("rb")
        try:
            self._wb = openpyxl.load_workbook(self._fh, read_only=True, data_only=True, keep_links=False)
        except BaseException:
            self._fh.close()
            raise
        self.titles = [ws.title for ws in self._wb.worksheets]

    def rows(self, title: str, first: int = 1, last: int | None = None,
             width: int | None = None) -> Iterable[Sequence[Any]]:
        ws = self._wb[title]
        ws.reset_dimensions()  # some writers store a wrong size; read every row there is
        return ws.iter_rows(min_row=first, max_row=last, max_col=width, values_only=True)

    def close(self) -> None:
        try:
            self._wb.close()
        finally:
            self._fh.close()


def open_book(path: Path, scan: FileScan) -> _Book:
    return _CalamineBook(path) if scan.plain else _OpenpyxlBook(path)


# ---------------------------------------------------------------- the workbook as read


@dataclass(eq=False)
class Row:
    sheet: SheetData
    no: int  # Excel's row number
    raw: Sequence[Any]
    cells: dict[str, Any]
    vals: dict[str, Any] = field(default_factory=dict)
    bad_keys: set[str] = field(default_factory=set)
    errors: list[tuple[str | None, Message]] = field(default_factory=list)  # (column header, reason)
    rejected_with: Message | None = None  # rejected for a reason not its own (sheet problem, sibling line)

    def bad(self, key: str | None, reason: Message) -> None:
        self.errors.append((self.sheet.header_of(key) if key else None, reason))
        if key:
            self.bad_keys.add(key)

    @property
    def rejected(self) -> bool:
        return bool(self.errors) or self.rejected_with is not None

    def reason_text(self) -> str:
        parts = [str(msg("import.column_reason", column=col, reason=reason)) if col else str(reason)
                 for col, reason in self.errors]
        if self.rejected_with:
            parts.append(str(self.rejected_with))
        return str(msg("common.list_separator")).join(parts)


@dataclass(eq=False)
class SheetData:
    spec: SheetSpec
    title: str
    header_row: int = 1
    header: Sequence[Any] = ()
    columns: dict[str, tuple[int, str]] = field(default_factory=dict)  # key -> (index, header as written)
    rows: list[Row] = field(default_factory=list)
    issues: list[ImportIssue] = field(default_factory=list)
    fatal: Message | None = None  # every row is rejected with this reason

    def header_of(self, key: str) -> str:
        return self.columns[key][1] if key in self.columns else self.spec.field(key).zh


def report(progress: Progress | None, stage: Message, done: int, total: int) -> None:
    if progress is not None:
        progress(str(stage), done, total)


def read_workbook(path: Path, progress: Progress | None,
                  max_rows: int = MAX_ROWS) -> tuple[dict[str, SheetData], list[Message]]:
    """Every sheet of the contract found in the workbook, by sheet key (a duplicate sheet by key#title)."""
    scan = check_workbook_file(path, max_rows)
    if not scan.plain:
        _refuse_control_characters(path, scan)
    notices: list[Message] = []
    sheets: dict[str, SheetData] = {}
    try:
        book = open_book(path, scan)
    except ImportRefused:
        raise
    except Exception as exc:  # noqa: BLE001 - any failure here means the file is not a readable workbook
        raise _unreadable(path, exc) from exc
    try:
        for title in book.titles:
            spec = find_spec(title)
            if spec is None:
                notices.append(msg("import.sheet_ignored", sheet=title))
                continue
            data = SheetData(spec, title)
            if spec.key in sheets:
                data.fatal = msg("import.sheet_duplicate", other=sheets[spec.key].title)
                data.issues.append(ImportIssue(title, None, None, data.fatal))
                sheets[f"{spec.key}#{title}"] = data
                continue
            _read_sheet(book, data, notices, progress, scan.sheet(title), max_rows)
            book.release(title)
            sheets[spec.key] = data
    except ImportRefused:
        raise
    except Exception as exc:  # noqa: BLE001 - broken or hostile XML inside an otherwise valid zip
        raise _unreadable(path, exc) from exc
    finally:
        book.close()
    if not sheets:
        names = "、".join(s.zh for s in SHEETS)
        raise ImportRefused(msg("import.no_sheets", file=path.name, names=names))
    return sheets, notices


def _refuse_control_characters(path: Path, scan: FileScan) -> None:
    """openpyxl's XML parser stops at a control character without saying where: name the cells first."""
    sheets = scan.contract_sheets
    if not (scan.bad_strings or any(s.controls or s.unplaced_control for s in sheets)):
        return
    found = [(s.title, cell) for s in sheets for cell in sorted(s.controls)]
    if scan.bad_strings:  # the shared strings are read whole: every sheet's cells count
        found += [(s.title, cell) for s in scan.sheets if find_spec(s.title) is None for cell in sorted(s.controls)]
    listed = [msg("import_guard.sheet_cell", sheet=title, cell=cell_name(*cell)) for title, cell in found]
    cells = str(msg("common.list_separator")).join(str(m) for m in listed[:MAX_LISTED])
    if len(listed) > MAX_LISTED:
        cells += str(msg("import_guard.and_more", count=len(listed)))
    raise ImportRefused(msg("import_guard.control_cells", file=path.name,
                            cells=cells or str(msg("import_guard.cells_unknown"))))


def _unreadable(path: Path, exc: Exception) -> ImportRefused:
    return ImportRefused(msg("import.unreadable", file=path.name, detail=f"{type(exc).__name__} {exc}".strip()))


def _is_empty(value: Any) -> bool:
    return value is None or value == ""


def _read_sheet(book: _Book, data: SheetData, notices: list[Message], progress: Progress | None,
                xml: SheetXml | None, max_rows: int = MAX_ROWS) -> None:
    known = known_headers(data.spec)
    first_row: Sequence[Any] | None = None
    for no, values in enumerate(book.rows(data.title, last=HEADER_SEARCH_ROWS), start=1):
        if first_row is None and not all(_is_empty(v) for v in values):
            first_row = values
        if any(v is not None and norm_name(v) in known for v in values):  # "" is never a known header
            _take_header(data, no, values, known, notices)
            break
    else:
        if first_row is not None:
            data.fatal = msg("import.no_header", rows=HEADER_SEARCH_ROWS)
            data.issues.append(ImportIssue(data.title, None, None, data.fatal))
        return
    columns = [(key, i) for key, (i, _h) in data.columns.items()]
    far = next(((i, h) for i, h in sorted(data.columns.values()) if i >= MAX_COLUMNS), None)
    if far is not None:  # every row would be read that wide (openpyxl fills the columns up to the last one asked)
        raise ImportRefused(msg("import_guard.column_too_far", sheet=data.title, column=far[1],
                                cell=cell_name(data.header_row, far[0] + 1), limit=column_letters(MAX_COLUMNS)))
    width = max(i for _key, i in columns) + 1  # the contract's columns, and any columns between them
    # A row is kept as read (for the --partial error workbook), columns between the contract's included; when
    # those are spread far apart (a header in column XFD), only the contract's columns are kept.
    kept = sorted(i for _key, i in columns) if width > MAX_KEPT_WIDTH else None
    data.header = tuple(data.header[:width]) if kept is None else tuple(data.header[i] for i in kept)
    unread = _unread_cells(data, xml, {i for _key, i in columns})
    stage = msg("import.stage_read", sheet=data.title)
    total = xml.rows if xml is not None else 0
    no = data.header_row
    first = no + 1
    for no, values in enumerate(book.rows(data.title, first=first, width=width), start=first):
        if no % PROGRESS_EVERY == 0:
            report(progress, stage, no, max(total, no))
        if no > max_rows:  # the file check counts rows already; this holds should a writer fool it
            raise ImportRefused(msg("import_guard.too_many_rows", sheet=data.title, limit=max_rows))
        count = len(values)
        cells = {key: values[i] if i < count else None for key, i in columns}
        if unread:
            cells.update((key, unread[no, i]) for key, i in columns if (no, i) in unread)
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in cells.values()):
            continue
        row = Row(data, no, values if kept is None else tuple(values[i] if i < count else None for i in kept), cells)
        if data.fatal:
            row.rejected_with = data.fatal
        data.rows.append(row)
    report(progress, stage, no, no)


def _unread_cells(data: SheetData, xml: SheetXml | None, indexes: set[int]) -> dict[tuple[int, int], Unread]:
    """(row, column index) -> the reason a cell of the contract's columns cannot be read, from the file check."""
    if xml is None:
        return {}
    if xml.unplaced_formula or xml.formula_overflow:
        first = min(xml.formulas, default=None)
        data.fatal = (msg("import_guard.formulas_many", count=len(xml.formulas), cell=cell_name(*first))
                      if first and xml.formula_overflow else msg("import_guard.formulas_unplaced"))
        data.issues.append(ImportIssue(data.title, None, None, data.fatal))
        return {}
    return {(row, column - 1): Unread(msg("import_guard.formula_no_value", cell=cell_name(row, column)))
            for row, column in xml.formulas if row > data.header_row and column - 1 in indexes}


def _take_header(data: SheetData, no: int, values: Sequence[Any], known: dict[str, str],
                 notices: list[Message]) -> None:
    data.header_row, data.header = no, values
    ignored = []
    for i, value in enumerate(values):
        written = text(value)
        if written is None:
            continue
        key = known.get(norm_name(written))
        if key is None:
            ignored.append(written)
        elif key in data.columns:
            data.issues.append(ImportIssue(data.title, no, written,
                                           msg("import.column_duplicate", other=data.columns[key][1])))
            data.fatal = msg("import.header_duplicate", column=written)
        else:
            data.columns[key] = (i, written)
    if ignored:
        notices.append(msg("import.columns_ignored", sheet=data.title, columns="、".join(f"「{t}」" for t in ignored)))
    missing = [f.zh for f in data.spec.fields if f.required and f.key not in data.columns]
    for name in missing:
        data.issues.append(ImportIssue(data.title, None, name, msg("import.column_missing")))
    if missing:
        data.fatal = msg("import.columns_missing", columns="、".join(f"「{n}」" for n in missing))
