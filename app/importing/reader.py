"""Opening the import workbook and reading its sheets: refusing broken or hostile files, finding each header row.

Reading goes through public APIs only. python-calamine (Rust) reads a sheet about ten times faster than
openpyxl's read-only mode, but it unpacks a whole sheet into one dense grid: a single value in column XFD
would make every row 16,384 cells wide in memory at once, and it reads error cells (#N/A) as empty. So the
safety scan, which reads every XML member anyway, also notes each worksheet's extent, whether every cell
states its position, and whether any cell holds an error; a workbook that is not plain in all of them is read
by openpyxl (`load_workbook(read_only=True, data_only=True)`, rows streamed), exactly as before.
"""
from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import openpyxl
from python_calamine import CalamineWorkbook, SheetTypeEnum

from app.errors import UserError
from app.importing.cells import text
from app.importing.contract import (
    HEADER_SEARCH_ROWS,
    SHEETS,
    ImportIssue,
    SheetSpec,
    find_spec,
    known_headers,
    norm_name,
)
from app.messages import Message, msg

Progress = Callable[[str, int, int], None]
PROGRESS_EVERY = 1000

# An honest workbook of 100,000 customers is a few tens of MB once unpacked; 200 MB leaves room to spare.
MAX_UNCOMPRESSED = 200 * 1024 * 1024
# Sheet XML packs 5-30x; zeros or repeated junk pack 1000x. The ratio is only judged on big members,
# where a bomb does its harm (small members of any ratio are harmless).
MAX_RATIO = 100
RATIO_MIN_SIZE = 10 * 1024 * 1024
MAX_MEMBERS = 10_000
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls and password-protected .xlsx are OLE files
_CHUNK = 1024 * 1024
_MARKERS = (b"<!DOCTYPE", b"<!ENTITY")
# Members never parsed as XML; an embedded SVG may carry a harmless DOCTYPE.
_BINARY_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".emf", ".wmf", ".svg", ".bin", ".tif", ".tiff")
# Every pattern the scan looks for starts with "<" and is shorter than this: a "<" this close to the end of a
# chunk may start one that the next chunk completes, so the scan carries it over.
_CARRY = 32
# The scan sees upper-cased XML. A cell is <c …>; every writer we know states its position first: <c r="B7" …>.
_CELL_RE = re.compile(rb"<C[\s/>]")
_PLACED_ROW_RE = re.compile(rb'<C R="[A-Z]{1,3}([0-9]{1,7})"')
_PLACED_COLUMN_RE = re.compile(rb'<C R="([A-Z]{1,3})[0-9]')
_PREFIXED_RE = re.compile(rb":(?:C|ROW|SHEETDATA)[\s/>]")  # <x:c …>: cells the patterns above do not see
_ERROR_CELL = (b'T="E"', b"T='E'")
# calamine's grid for one sheet may hold this many cells beyond what the sheet states (32 bytes each)
DENSE_FLOOR = 2_000_000
DENSE_FACTOR = 4


class ImportRefused(UserError):
    """The file cannot be imported at all: missing, not an .xlsx, unreadable or hostile."""


# ---------------------------------------------------------------- the file check


@dataclass
class SheetXml:
    """What the safety scan saw of one worksheet's XML."""

    cells: int = 0
    placed: int = 0  # cells whose r="…" comes first
    max_row: int = 0
    max_column: int = 0
    error_cells: bool = False  # t="e": #N/A, #REF! … (calamine reads them as empty, openpyxl as text)
    prefixed: bool = False  # <x:c>: a namespace prefix the counts above do not see

    def add(self, body: bytes) -> None:
        cells = len(_CELL_RE.findall(body))
        if cells:
            rows = _PLACED_ROW_RE.findall(body)
            self.cells += cells
            self.placed += len(rows)
            self.max_row = max(self.max_row, max(map(int, rows), default=0))
            self.max_column = max([self.max_column, *map(column_number, set(_PLACED_COLUMN_RE.findall(body)))])
        self.error_cells = self.error_cells or any(e in body for e in _ERROR_CELL)
        self.prefixed = self.prefixed or _PREFIXED_RE.search(body) is not None

    @property
    def plain(self) -> bool:
        """calamine reads it as openpyxl would, in memory proportional to its cells."""
        dense = self.max_row * self.max_column
        return (self.placed == self.cells and not self.prefixed and not self.error_cells
                and dense <= max(DENSE_FACTOR * self.cells, DENSE_FLOOR))


def column_number(letters: bytes) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + ch - 64
    return number


@dataclass(frozen=True)
class FileScan:
    sheets: tuple[SheetXml, ...]

    @property
    def plain(self) -> bool:
        return bool(self.sheets) and all(s.plain for s in self.sheets)


def check_workbook_file(path: Path) -> FileScan:
    """Raise ImportRefused unless `path` is a zip whose sizes are sane and whose XML declares no DTD."""
    if not openpyxl.DEFUSEDXML:
        # openpyxl only guards its XML parsing when defusedxml is importable
        raise ImportRefused(msg("import.no_defusedxml"))
    name = path.name
    if not path.is_file():
        raise ImportRefused(msg("import.file_missing", path=path))
    try:
        with path.open("rb") as fh:
            head = fh.read(len(OLE_MAGIC))
    except OSError as exc:
        raise ImportRefused(msg("import.file_unreadable", file=name, detail=exc.strerror or exc)) from exc
    if head == OLE_MAGIC:
        raise ImportRefused(msg("import.old_xls", file=name))
    if not zipfile.is_zipfile(path):
        raise ImportRefused(msg("import.not_xlsx", file=name))
    sheets = []
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            _check_sizes(name, infos)
            if "[Content_Types].xml" not in {i.filename for i in infos}:
                raise ImportRefused(msg("import.not_xlsx", file=name))
            for info in infos:
                if not info.is_dir() and not info.filename.lower().endswith(_BINARY_SUFFIXES):
                    sheet = _scan_xml_member(zf, info, name)
                    if sheet is not None:
                        sheets.append(sheet)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, ValueError) as exc:
        # corrupt data, an unsupported compression method or an encrypted member
        raise ImportRefused(msg("import.damaged", file=name, kind=type(exc).__name__)) from exc
    except OSError as exc:
        raise ImportRefused(msg("import.file_unreadable", file=name, detail=exc.strerror or exc)) from exc
    return FileScan(tuple(sheets))


def _check_sizes(name: str, infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > MAX_MEMBERS:
        raise ImportRefused(msg("import.too_many_members", file=name, count=len(infos)))
    # Declared sizes are what zipfile will ever produce: it stops at file_size even if the data says more.
    total = sum(i.file_size for i in infos)
    if total > MAX_UNCOMPRESSED:
        raise ImportRefused(msg("import.too_large", file=name, size=total // (1024 * 1024),
                                limit=MAX_UNCOMPRESSED // (1024 * 1024)))
    for info in infos:
        if info.file_size >= RATIO_MIN_SIZE:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > MAX_RATIO:
                raise ImportRefused(msg("import.ratio", file=name, member=info.filename, ratio=f"{ratio:.0f}"))


def _scan_xml_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> SheetXml | None:
    """Refuse a DOCTYPE or ENTITY declaration anywhere in the member (billion laughs, external entities);
    for a worksheet, return what it holds."""
    sheet: SheetXml | None = None
    carry = b""
    with zf.open(info) as member:
        while True:
            chunk = member.read(_CHUNK)
            # dropping NULs makes UTF-16/32 encoded markup comparable as ASCII
            body = carry + chunk.replace(b"\x00", b"").upper()
            cut = body.rfind(b"<") if chunk else -1
            if cut < max(0, len(body) - _CARRY):  # no "<" near the end (or the end of the member): nothing to carry
                cut = len(body)
            body, carry = body[:cut], body[cut:]
            if any(marker in body for marker in _MARKERS):
                raise ImportRefused(msg("import.xml_declaration", file=name, member=info.filename))
            if sheet is None and b"SHEETDATA" in body:
                sheet = SheetXml()
            if sheet is not None:
                sheet.add(body)
            if not chunk:
                return sheet


# ---------------------------------------------------------------- two ways to read the sheets


class _Book:
    """The worksheets of an open workbook in workbook order; each is read when asked for."""

    titles: list[str]

    def rows(self, title: str) -> tuple[Iterable[Sequence[Any]], int]:
        """The sheet's rows from row 1 (an empty cell is None or ""), and how many rows it says it has."""
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError


class _CalamineBook(_Book):
    def __init__(self, path: Path) -> None:
        self._wb = CalamineWorkbook.from_path(str(path))
        self.titles = [m.name for m in self._wb.sheets_metadata if m.typ == SheetTypeEnum.WorkSheet]

    def rows(self, title: str) -> tuple[Iterable[Sequence[Any]], int]:
        grid = self._wb.get_sheet_by_name(title).to_python(skip_empty_area=False)
        return grid, len(grid)

    def close(self) -> None:
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

    def rows(self, title: str) -> tuple[Iterable[Sequence[Any]], int]:
        ws = self._wb[title]
        total = ws.max_row or 0
        ws.reset_dimensions()  # some writers store a wrong size; read every row there is
        return ws.iter_rows(values_only=True), total

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


def read_workbook(path: Path, progress: Progress | None) -> tuple[dict[str, SheetData], list[Message]]:
    """Every sheet of the contract found in the workbook, by sheet key (a duplicate sheet by key#title)."""
    scan = check_workbook_file(path)
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
            rows, total = book.rows(title)
            _read_sheet(rows, total, data, notices, progress)
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


def _unreadable(path: Path, exc: Exception) -> ImportRefused:
    return ImportRefused(msg("import.unreadable", file=path.name, detail=f"{type(exc).__name__} {exc}".strip()))


def _is_empty(value: Any) -> bool:
    return value is None or value == ""


def _read_sheet(rows: Iterable[Sequence[Any]], total: int, data: SheetData, notices: list[Message],
                progress: Progress | None) -> None:
    known = known_headers(data.spec)
    stage = msg("import.stage_read", sheet=data.title)
    header_found = False
    first_row: Sequence[Any] | None = None
    no = 0
    columns: list[tuple[str, int]] = []
    for no, values in enumerate(rows, start=1):
        if no % PROGRESS_EVERY == 0:
            # without a stored size the total is unknown until the end: report what is known so far
            report(progress, stage, no, max(total, no))
        if not header_found:
            if first_row is None and not all(_is_empty(v) for v in values):
                first_row = values
            if any(v is not None and norm_name(v) in known for v in values):  # "" is never a known header
                header_found = True
                _take_header(data, no, values, known, notices)
                columns = [(key, i) for key, (i, _h) in data.columns.items()]
            elif no >= HEADER_SEARCH_ROWS:
                break
            continue
        width = len(values)
        cells = {key: values[i] if i < width else None for key, i in columns}
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in cells.values()):
            continue
        row = Row(data, no, values, cells)
        if data.fatal:
            row.rejected_with = data.fatal
        data.rows.append(row)
    if not header_found and first_row is not None:
        data.fatal = msg("import.no_header", rows=HEADER_SEARCH_ROWS)
        data.issues.append(ImportIssue(data.title, None, None, data.fatal))
    report(progress, stage, no, no)


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
