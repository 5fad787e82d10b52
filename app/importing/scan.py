"""The file check before any reading: what kind of file it is, whether its zip and XML are safe to read, and what
each worksheet holds.

One streaming pass over every XML member, never more than `_CHUNK` bytes plus an open cell in memory, stopped at
the first problem:
- the kind of file, by its first bytes: empty, an OLE compound file (an encrypted .xlsx holds an EncryptionInfo
  stream, anything else is an old .xls), text (a CSV renamed .xlsx), a zip cut short;
- the zip's declared sizes and their ratios, before anything is inflated (zipfile and calamine's zip reader both
  stop at the declared size, so the declared sizes cap what is ever inflated);
- no DOCTYPE or ENTITY declaration in any XML member (billion laughs, external entities);
- per worksheet, found by its title through the workbook's relationships: its extent (rows and columns), stopped
  as soon as a sheet of the contract passes the row limit; formula cells without a cached value (calamine reads
  them as empty, openpyxl as None: both would import as a default or "required"); control characters, which are
  not allowed in XML and stop openpyxl's parser (calamine passes them through).
"""
from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

import openpyxl
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from app.errors import UserError
from app.importing.contract import find_spec
from app.messages import msg

MAX_ROWS = 200_000  # the default of the import_max_rows setting
# An honest workbook of 100,000 customers is a few tens of MB once unpacked; 200 MB leaves room to spare.
MAX_UNCOMPRESSED = 200 * 1024 * 1024
# Sheet XML packs 5-30x; zeros or repeated junk pack 1000x. The ratio is only judged on big members,
# where a bomb does its harm (small members of any ratio are harmless).
MAX_RATIO = 100
RATIO_MIN_SIZE = 10 * 1024 * 1024
MAX_MEMBERS = 10_000
MAX_PART = 16 * 1024 * 1024  # workbook.xml and the relationships, parsed whole to find the sheets
MAX_MARKS = 10_000  # cell positions kept per sheet; past that the whole sheet is refused
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls and password-protected .xlsx are OLE files
# the streams of an encrypted OOXML file, as their names are stored in the OLE directory (UTF-16LE)
_ENCRYPTED_STREAMS = tuple(name.encode("utf-16-le") for name in ("EncryptionInfo", "EncryptedPackage"))
_CHUNK = 1024 * 1024
_MAX_CARRY = 8 * _CHUNK
_MARKERS = (b"<!DOCTYPE", b"<!ENTITY")
# Members never parsed as XML; an embedded SVG may carry a harmless DOCTYPE.
_BINARY_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".emf", ".wmf", ".svg", ".bin", ".tif", ".tiff")
# Every pattern looked for outside cells starts with "<" and is shorter than this: a "<" this close to the end of
# a chunk may start one that the next chunk completes, so the scan carries it over.
_CARRY = 32
# The scan sees upper-cased XML. A cell is <c …>; every writer we know states its position first: <c r="B7" …>.
_P = rb"(?:[A-Z0-9_]+:)?"  # a namespace prefix: <x:c>
_CELL_RE = re.compile(rb"<C[\s/>]")
_PLACED_ROW_RE = re.compile(rb'<C R="[A-Z]{1,3}([0-9]{1,7})"')
_PLACED_COLUMN_RE = re.compile(rb'<C R="([A-Z]{1,3})[0-9]')
# rows and their numbers; the patterns with a namespace prefix are slower, and only used when the sheet has one
_ROW_RE = re.compile(rb"<ROW[\s/>]")
_ROW_NUMBER_RE = re.compile(rb'<ROW R="([0-9]{1,7})"')
_ANY_ROW_RE = re.compile(rb"<" + _P + rb"ROW[\s/>]")
_ANY_ROW_NUMBER_RE = re.compile(rb'<' + _P + rb'ROW R="([0-9]{1,7})"')
_PREFIXED_RE = re.compile(rb":(?:C|ROW|SHEETDATA)[\s/>]")  # <x:c …>: cells the patterns above do not see
_ERROR_CELL = (b'T="E"', b"T='E'")
_CELL_END_RE = re.compile(rb"</" + _P + rb"C>")
_FORMULA_RE = re.compile(rb"<" + _P + rb"F[\s/>]")
# A formula's cached value: a <v> with something in it. openpyxl saves a formula as <f>…</f><v />, with nothing;
# Excel saves a formula whose result is the empty string as t="str" … <v></v>, which is a value (an empty cell).
_VALUE_RE = re.compile(rb"<" + _P + rb"V(?:\s[^>]*)?(?<!/)>(?!</)")
_ANY_VALUE_RE = re.compile(rb"<" + _P + rb"V[\s/>]")
_STRING_RESULT_RE = re.compile(rb"""\sT=["']STR["']""")
_REF_RE = re.compile(rb'\sR=["\']([A-Z]{1,3})([0-9]{1,7})["\']')
# characters XML 1.0 forbids, raw or as a character reference (&#1; &#x1F;), upper-cased
_CONTROL_RE = re.compile(rb"[\x00-\x08\x0B\x0C\x0E-\x1F]|&#(?:X0*(?:[0-8BCEF]|1[0-9A-F])|0*(?:[0-8]|1[124-9]|2[0-9]|3[01]));")
_RAW_CONTROL_RE = re.compile(rb"[\x00-\x08\x0B\x0C\x0E-\x1F]")  # a quick look before _CONTROL_RE
_SHARED_ITEM_RE = re.compile(rb"<" + _P + rb"SI[\s/>]")
_SHARED_CELL_RE = re.compile(rb"<" + _P + rb"C\s([^>]*)>\s*<" + _P + rb"V>([0-9]{1,9})</")
# calamine's grid for one sheet may hold this many cells beyond what the sheet states (32 bytes each)
DENSE_FLOOR = 2_000_000
DENSE_FACTOR = 4


class ImportRefused(UserError):
    """The file cannot be imported at all: missing, not an .xlsx, unreadable or hostile."""


def column_number(letters: bytes | str) -> int:
    number = 0
    for ch in letters.encode() if isinstance(letters, str) else letters:
        number = number * 26 + ch - 64
    return number


def column_letters(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_name(row: int, column: int) -> str:
    return f"{column_letters(column)}{row}"


@dataclass
class SheetXml:
    """What the scan saw of one worksheet's XML."""

    title: str = ""
    limit: int | None = None  # the row limit, for a sheet of the contract
    cells: int = 0
    placed: int = 0  # cells whose r="…" comes first
    max_row: int = 0
    max_column: int = 0
    row_elements: int = 0
    error_cells: bool = False  # t="e": #N/A, #REF! … (calamine reads them as empty, openpyxl as text)
    prefixed: bool = False  # <x:c>: a namespace prefix the counts above do not see
    formulas: set[tuple[int, int]] = field(default_factory=set)  # (row, column) of formulas without a value
    controls: set[tuple[int, int]] = field(default_factory=set)  # (row, column) of cells with control characters
    unplaced_formula: bool = False  # a formula without a value in a cell that does not state its position
    unplaced_control: bool = False
    formula_overflow: bool = False  # more than MAX_MARKS formulas without a value

    @property
    def rows(self) -> int:
        return max(self.max_row, self.row_elements)

    @property
    def plain(self) -> bool:
        """calamine reads it as openpyxl would, in memory proportional to its cells."""
        dense = self.max_row * self.max_column
        return (self.placed == self.cells and not self.prefixed and not self.error_cells
                and dense <= max(DENSE_FACTOR * self.cells, DENSE_FLOOR))

    def add(self, body: bytes, bad_strings: set[int], *, controls: bool = True) -> None:
        cells = len(_CELL_RE.findall(body))
        if cells:
            rows = _PLACED_ROW_RE.findall(body)
            self.cells += cells
            self.placed += len(rows)
            self.max_row = max(self.max_row, max(map(int, rows), default=0))
            self.max_column = max([self.max_column, *map(column_number, set(_PLACED_COLUMN_RE.findall(body)))])
        self.error_cells = self.error_cells or any(e in body for e in _ERROR_CELL)
        prefixed = _PREFIXED_RE.search(body) is not None
        self.prefixed = self.prefixed or prefixed
        rows_re, numbers_re = (_ANY_ROW_RE, _ANY_ROW_NUMBER_RE) if prefixed else (_ROW_RE, _ROW_NUMBER_RE)
        self.row_elements += len(rows_re.findall(body))
        self.max_row = max(self.max_row, max(map(int, numbers_re.findall(body)), default=0))
        if b"<F" in body or (prefixed and b":F" in body):  # most sheets hold no formula: skip the slow pattern
            for m in _FORMULA_RE.finditer(body):
                if not _has_value(body, m.start(), m.end()):
                    self._mark(self.formulas, _cell_at(body, m.start()), "formula")
        if controls and (b"&#" in body or _RAW_CONTROL_RE.search(body)):
            for m in _CONTROL_RE.finditer(body):
                self._mark(self.controls, _cell_at(body, m.start()), "control")
        if bad_strings:
            for m in _SHARED_CELL_RE.finditer(body):
                if int(m.group(2)) in bad_strings and re.search(rb'\bT=["\']S["\']', m.group(1)):
                    self._mark(self.controls, _cell_at(body, m.end()), "control")

    def _mark(self, marks: set[tuple[int, int]], where: tuple[int, int] | None, kind: str) -> None:
        if where is None:
            setattr(self, f"unplaced_{kind}", True)
        elif len(marks) < MAX_MARKS:
            marks.add(where)
        elif kind == "formula":
            self.formula_overflow = True


def _has_value(body: bytes, formula: int, after: int) -> bool:
    """Does the cell of the formula tag at `formula` (ending at `after`) keep the formula's result?"""
    end = _CELL_END_RE.search(body, after)
    stop = end.start() if end else len(body)
    if _VALUE_RE.search(body, after, stop):
        return True
    start = max(body.rfind(b"<C ", 0, formula), body.rfind(b":C ", 0, formula))
    tag_end = body.find(b">", start) if start >= 0 else -1
    return (tag_end >= 0 and _STRING_RESULT_RE.search(body, start, tag_end) is not None
            and _ANY_VALUE_RE.search(body, after, stop) is not None)


def _cell_at(body: bytes, pos: int) -> tuple[int, int] | None:
    """(row, column) of the cell whose XML holds position `pos`, if that cell states its position."""
    start = max(body.rfind(b"<C ", 0, pos), body.rfind(b"<C>", 0, pos), body.rfind(b":C ", 0, pos))
    if start < 0 or _CELL_END_RE.search(body, start, pos):
        return None  # not inside a cell
    tag_end = body.find(b">", start)
    m = _REF_RE.search(body, start, tag_end if tag_end >= 0 else len(body))
    return (int(m.group(2)), column_number(m.group(1))) if m else None


@dataclass(frozen=True)
class FileScan:
    sheets: tuple[SheetXml, ...]  # the worksheets, in the order of the zip
    bad_strings: bool = False  # a shared string holds a control character

    def sheet(self, title: str) -> SheetXml | None:
        return next((s for s in self.sheets if s.title == title), None)

    @property
    def contract_sheets(self) -> list[SheetXml]:
        return [s for s in self.sheets if find_spec(s.title) is not None]

    @property
    def plain(self) -> bool:
        sheets = self.contract_sheets
        return bool(sheets) and all(s.plain for s in sheets)


def check_workbook_file(path: Path, max_rows: int = MAX_ROWS) -> FileScan:
    """Raise ImportRefused unless `path` is an .xlsx zip whose sizes are sane, whose XML declares no DTD and whose
    sheets of the contract have at most `max_rows` rows; say what each worksheet holds."""
    if not openpyxl.DEFUSEDXML:
        # openpyxl only guards its XML parsing when defusedxml is importable
        raise ImportRefused(msg("import.no_defusedxml"))
    name = path.name
    if not path.is_file():
        raise ImportRefused(msg("import.file_missing", path=path))
    try:
        _check_kind(path)
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            _check_sizes(name, infos)
            if "[Content_Types].xml" not in {i.filename for i in infos}:
                raise ImportRefused(msg("import.not_xlsx", file=name))
            scan = _Scan(name, _worksheet_titles(zf, name), max_rows)
            # the shared strings first, so cells referring to a string with control characters can be named
            for info in sorted(infos, key=lambda i: not i.filename.lower().endswith("sharedstrings.xml")):
                if not info.is_dir() and not info.filename.lower().endswith(_BINARY_SUFFIXES):
                    scan.member(zf, info)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, ValueError) as exc:
        # corrupt data, an unsupported compression method or an encrypted member
        raise ImportRefused(msg("import.damaged", file=name, kind=type(exc).__name__)) from exc
    except OSError as exc:
        raise ImportRefused(msg("import.file_unreadable", file=name, detail=exc.strerror or exc)) from exc
    return FileScan(tuple(scan.sheets), bool(scan.bad_strings))


def _check_kind(path: Path) -> None:
    """Refuse what is not a complete zip, naming what it is instead."""
    name = path.name
    with path.open("rb") as fh:
        head = fh.read(4096)
    if not head:
        raise ImportRefused(msg("import_guard.empty_file", file=name))
    if head.startswith(OLE_MAGIC):
        raise ImportRefused(msg("import_guard.encrypted" if _ole_encrypted(path) else "import.old_xls", file=name))
    if head.startswith(ZIP_MAGIC):
        if not zipfile.is_zipfile(path):
            raise ImportRefused(msg("import_guard.truncated", file=name))
        return
    if _looks_like_text(head):
        raise ImportRefused(msg("import_guard.text_file", file=name))
    raise ImportRefused(msg("import.not_xlsx", file=name))


def _ole_encrypted(path: Path) -> bool:
    """Does this OLE compound file hold the streams of an encrypted workbook? Their names are in its directory
    sectors, wherever those lie, so the file is searched in chunks (it is an OLE file: no XML is parsed)."""
    longest = max(len(n) for n in _ENCRYPTED_STREAMS)
    tail = b""
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            block = tail + chunk
            if any(n in block for n in _ENCRYPTED_STREAMS):
                return True
            tail = block[-longest:]
    return False


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return head.startswith((b"\xff\xfe", b"\xfe\xff"))  # UTF-16 text
    for encoding in ("utf-8", "gb18030"):
        try:
            head.decode(encoding)
        except UnicodeDecodeError as exc:
            if exc.start >= len(head) - 4:  # a character cut by the 4096-byte window
                return True
            continue
        return True
    return False


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


# ---------------------------------------------------------------- which member is which sheet


def _part(zf: zipfile.ZipFile, member: str, name: str) -> Element | None:
    """A small XML member parsed whole (defusedxml: no DTD, no entities); None when it is absent."""
    try:
        info = zf.getinfo(member)
    except KeyError:
        return None
    if info.file_size > MAX_PART:
        raise ImportRefused(msg("import_guard.part_too_large", file=name, member=member,
                                size=info.file_size // (1024 * 1024)))
    try:
        return fromstring(zf.read(info), forbid_dtd=True)
    except DefusedXmlException as exc:
        raise ImportRefused(msg("import.xml_declaration", file=name, member=member)) from exc
    except ParseError as exc:
        raise ImportRefused(msg("import.unreadable", file=name, detail=f"{member}: {exc}")) from exc


def _relationships(zf: zipfile.ZipFile, owner: str, kind: str, name: str) -> dict[str, str]:
    """Relationship id -> member path, for the relationships of `owner` ("" for the package) of type `kind`."""
    folder, base = posixpath.split(owner)
    root = _part(zf, posixpath.join(folder, "_rels", f"{base}.rels"), name)
    found = {}
    for rel in root.iterfind(".//{*}Relationship") if root is not None else ():
        target = rel.get("Target", "")
        if rel.get("Type", "").endswith(f"/{kind}") and rel.get("TargetMode") != "External":
            found[rel.get("Id", "")] = (target.lstrip("/") if target.startswith("/")
                                        else posixpath.normpath(posixpath.join(folder, target)))
    return found


def _worksheet_titles(zf: zipfile.ZipFile, name: str) -> dict[str, str]:
    """Member path -> sheet title, for every worksheet the workbook lists."""
    book = next(iter(_relationships(zf, "", "officeDocument", name).values()), "xl/workbook.xml")
    workbook = _part(zf, book, name)
    if workbook is None:
        raise ImportRefused(msg("import.not_xlsx", file=name))
    targets = _relationships(zf, book, "worksheet", name)
    titles = {}
    for sheet in workbook.iterfind(".//{*}sheet"):
        rid = next((v for k, v in sheet.attrib.items() if k.endswith("}id")), None)
        if rid in targets:
            titles[targets[rid]] = sheet.get("name", "")
    return titles


# ---------------------------------------------------------------- the pass over the XML


class _Scan:
    def __init__(self, file: str, titles: dict[str, str], max_rows: int) -> None:
        self.file = file
        self.titles = titles
        self.max_rows = max_rows
        self.sheets: list[SheetXml] = []
        self.bad_strings: set[int] = set()  # indexes of shared strings holding control characters

    def member(self, zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
        """Refuse a DOCTYPE or ENTITY declaration anywhere in the member (billion laughs, external entities);
        note what a worksheet holds, refusing a sheet of the contract past the row limit."""
        title = self.titles.get(info.filename)
        sheet = None
        if title is not None:
            sheet = SheetXml(title, self.max_rows if find_spec(title) else None)
            self.sheets.append(sheet)
        shared = info.filename.lower().endswith("sharedstrings.xml")
        strings_before = 0
        carry = b""
        utf16 = None
        with zf.open(info) as member:
            while True:
                chunk = member.read(_CHUNK)
                if utf16 is None:
                    utf16 = chunk.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in chunk[:4]
                if utf16:
                    # dropping NULs makes UTF-16/32 encoded markup comparable as ASCII (control characters are then
                    # left to the parsers: only UTF-8 bytes below 0x20 are always characters of their own)
                    chunk = chunk.replace(b"\x00", b"")
                body = carry + chunk.upper()
                if any(marker in body for marker in _MARKERS):
                    raise ImportRefused(msg("import.xml_declaration", file=self.file, member=info.filename))
                cut = _cut(body, final=not chunk, cells=sheet is not None)
                body, carry = body[:cut], body[cut:]
                if sheet is not None:
                    sheet.add(body, self.bad_strings, controls=not utf16)
                    if sheet.limit is not None and sheet.rows > sheet.limit:
                        raise ImportRefused(msg("import_guard.too_many_rows", sheet=title, limit=sheet.limit))
                elif shared and not utf16:
                    for m in _CONTROL_RE.finditer(body):
                        self.bad_strings.add(strings_before + len(_SHARED_ITEM_RE.findall(body, 0, m.start())) - 1)
                    strings_before += len(_SHARED_ITEM_RE.findall(body))
                if not chunk:
                    return


def _cut(body: bytes, *, final: bool, cells: bool) -> int:
    """Where to split `body` so the part before holds whole cells (a worksheet) or whole tags (anything else)."""
    if final:
        return len(body)
    if cells:
        end = body.rfind(b"</C>")
        if end >= 0:
            return end + 4
        ends = [m.end() for m in _CELL_END_RE.finditer(body)] if b":C>" in body else []  # </x:c>
        if ends:
            return ends[-1]
        if len(body) < _MAX_CARRY:
            return 0  # one open cell (or a run of empty ones): wait for its end
    cut = body.rfind(b"<")
    return cut if cut >= len(body) - _CARRY else len(body)
