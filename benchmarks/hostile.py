"""Hostile import files: how long each takes to be refused (or imported) and how much memory it costs.

Usage: PYTHONPATH=. .venv/bin/python benchmarks/hostile.py [--db URL] [--keep DIR] [--only NAME ...]

Writes each file of `FILES` (XML entity bombs, zip bombs, a 1,000,000-row sheet, an encrypted workbook, an old
.xls, a CSV renamed .xlsx, empty and truncated files, a column header in XFD; and, imported, 20,000 honest
customers with and without a stray value in column XFD on every row), then imports each
one in a child process of its own (`--one`) into a fresh SQLite database (or, with `--db`, the given database,
whose tables are dropped and made again: use a scratch database). The child reports the wall-clock time of
`import_workbook`, its resident memory before the import and its peak (VmHWM from /proc/self/status, i.e.
everything the process ever held, Python and the libraries included), the outcome (the catalogue message, or the
rows written) and whether the database changed. The target (issue 11): each refused within 5 s and 300 MB.
It is a report: the exit status is 0 whatever the figures.

The writers are also used by tests/core/test_import_hostile.py with small sizes. Zip members are written by hand
(`write_zip`) so that a member's declared size and CRC can lie, and huge members of repeated data cost nothing to make:
a deflate block ended by a full flush starts afresh, so one compressed block repeated n times is a valid stream of
the block's data n times.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

TARGET_SECONDS = 5.0
TARGET_MB = 300
MB = 1024 * 1024

# ---------------------------------------------------------------- a zip written by hand

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '{overrides}</Types>'
)
SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
STRINGS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
REL = '<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}" ' \
      'Target="{target}"/>'
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
NS_R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
SHEET_HEAD = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet {NS}><sheetData>'
SHEET_TAIL = "</sheetData></worksheet>"


@dataclass
class Member:
    name: str
    data: bytes  # raw deflate data (method 8) or the stored bytes (method 0)
    crc: int
    size: int  # what the header declares
    method: int = 8


def deflate(data: bytes, level: int = 6) -> bytes:
    c = zlib.compressobj(level, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


def member(name: str, data: bytes | str) -> Member:
    raw = data.encode() if isinstance(data, str) else data
    return Member(name, deflate(raw), zlib.crc32(raw), len(raw))


def repeated_member(name: str, head: bytes, block: bytes, times: int, tail: bytes) -> Member:
    """head + block * times + tail, compressed once per part: cheap for any `times`."""
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = c.compress(head) + c.flush(zlib.Z_FULL_FLUSH)
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    middle = c.compress(block) + c.flush(zlib.Z_FULL_FLUSH)
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    last = c.compress(tail) + c.flush()
    crc = zlib.crc32(head)
    for _ in range(times):
        crc = zlib.crc32(block, crc)
    crc = zlib.crc32(tail, crc)
    return Member(name, first + middle * times + last, crc, len(head) + len(block) * times + len(tail))


def streamed_member(name: str, parts: Iterable[bytes], level: int = 1) -> Member:
    """A member made of many generated pieces, compressed as they come."""
    c = zlib.compressobj(level, zlib.DEFLATED, -15)
    out: list[bytes] = []
    crc = size = 0
    for part in parts:
        crc = zlib.crc32(part, crc)
        size += len(part)
        out.append(c.compress(part))
    out.append(c.flush())
    return Member(name, b"".join(out), crc, size)


def write_zip(path: Path, members: list[Member]) -> Path:
    """A zip of `members`, their sizes and CRCs written as given (no zip64: every size below 4 GiB)."""
    central = []
    with path.open("wb") as fh:
        for m in members:
            offset = fh.tell()
            name = m.name.encode()
            fields = (20, 0x800, m.method, 0, 0x21, m.crc, len(m.data), m.size, len(name), 0)
            fh.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields) + name)
            fh.write(m.data)
            central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, *fields, 0, 0, 0, 0, offset) + name)
        start = fh.tell()
        blob = b"".join(central)
        fh.write(blob)
        fh.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(blob), start, 0))
    return path


def workbook_members(sheets: list[tuple[str, Member]], strings: Member | None = None,
                     workbook_xml: str | None = None) -> list[Member]:
    """The parts of an .xlsx around the given sheet members (named xl/worksheets/sheetN.xml)."""
    overrides = "".join(f'<Override PartName="/{m.name}" ContentType="{SHEET_TYPE}"/>' for _t, m in sheets)
    rels = [REL.format(n=n, kind="worksheet", target=m.name.removeprefix("xl/"))
            for n, (_t, m) in enumerate(sheets, start=1)]
    if strings is not None:
        overrides += f'<Override PartName="/{strings.name}" ContentType="{STRINGS_TYPE}"/>'
        rels.append(REL.format(n=len(sheets) + 1, kind="sharedStrings", target=strings.name.removeprefix("xl/")))
    listed = "".join(f'<sheet name="{t}" sheetId="{n}" r:id="rId{n}"/>' for n, (t, _m) in enumerate(sheets, start=1))
    book = workbook_xml or (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                            f'<workbook {NS} {NS_R}><sheets>{listed}</sheets></workbook>')
    parts = [
        member("[Content_Types].xml", CONTENT_TYPES.format(overrides=overrides)),
        member("_rels/.rels", ROOT_RELS),
        member("xl/workbook.xml", book),
        member("xl/_rels/workbook.xml.rels",
               '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
               f'{"".join(rels)}</Relationships>'),
    ]
    return parts + ([strings] if strings is not None else []) + [m for _t, m in sheets]


def cell(ref: str, value: str | int) -> str:
    if isinstance(value, int):
        return f'<c r="{ref}"><v>{value}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'


def sheet_xml(rows: list[list[str | int]], extra: str = "") -> str:
    """A worksheet's XML with inline strings; `extra` goes before <worksheet>'s content (a DOCTYPE …)."""
    body = []
    for r, row in enumerate(rows, start=1):
        cells = "".join(cell(f"{chr(65 + c)}{r}", v) for c, v in enumerate(row) if v != "")
        body.append(f'<row r="{r}">{cells}</row>')
    head = SHEET_HEAD if not extra else SHEET_HEAD.replace("<worksheet", f"{extra}<worksheet", 1)
    return head + "".join(body) + SHEET_TAIL


CUSTOMERS = [["客户编码", "客户名称"], ["C001", "甲公司"], ["C002", "乙公司"]]

# ---------------------------------------------------------------- the hostile files


LAUGHS = ('<!DOCTYPE lolz [<!ENTITY lol "lol">'
          + "".join(f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">' for n in range(1, 10))
          + "]>")


def xml_bomb(path: Path, scale: float = 1.0) -> Path:
    """Billion laughs: nine levels of entities, each ten of the one below (10^9 "lol"s) in a cell."""
    rows = [["客户编码", "客户名称"], ["C001", "&lol9;"]]
    return write_zip(path, workbook_members([("客户", member("xl/worksheets/sheet1.xml", sheet_xml(rows, LAUGHS)))]))


def xml_bomb_strings(path: Path, scale: float = 1.0) -> Path:
    """The same bomb in the shared strings, encoded as UTF-16 (the scan must not be fooled by the encoding)."""
    strings = ('<?xml version="1.0" encoding="UTF-16"?>' + LAUGHS
               + f'<sst {NS} count="1" uniqueCount="1"><si><t>&lol9;</t></si></sst>')
    sheet = (SHEET_HEAD + '<row r="1">' + cell("A1", "客户编码") + cell("B1", "客户名称") + '</row>'
             '<row r="2">' + cell("A2", "C001") + '<c r="B2" t="s"><v>0</v></c></row>' + SHEET_TAIL)
    raw = b"\xff\xfe" + strings.encode("utf-16-le")
    return write_zip(path, workbook_members([("客户", member("xl/worksheets/sheet1.xml", sheet))],
                                            strings=Member("xl/sharedStrings.xml", deflate(raw), zlib.crc32(raw),
                                                           len(raw))))


def xml_external_entity(path: Path, scale: float = 1.0) -> Path:
    """An external entity in the workbook part: would read /etc/passwd into a sheet name."""
    book = ('<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE w [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
            f'<workbook {NS} {NS_R}><sheets><sheet name="&xxe;" sheetId="1" r:id="rId1"/></sheets></workbook>')
    return write_zip(path, workbook_members([("客户", member("xl/worksheets/sheet1.xml", sheet_xml(CUSTOMERS)))],
                                            workbook_xml=book))


def zip_bomb(path: Path, scale: float = 1.0) -> Path:
    """A sheet that inflates to 1 GiB (its size honestly declared): one cell of a billion spaces, 1 MB packed."""
    block = b" " * MB
    times = max(1, int(1024 * scale))
    sheet = repeated_member("xl/worksheets/sheet1.xml", (SHEET_HEAD + '<row r="1"><c r="A1" t="inlineStr"><is><t>')
                            .encode(), block, times, ("</t></is></c></row>" + SHEET_TAIL).encode())
    return write_zip(path, workbook_members([("客户", sheet)]))


def zip_bomb_lying(path: Path, scale: float = 1.0) -> Path:
    """A sheet whose header declares 1 KB while its data inflates to 1 GiB (a reader trusting the data, not the
    header, would inflate it all)."""
    head = (SHEET_HEAD + '<row r="1"><c r="A1" t="inlineStr"><is><t>').encode()
    sheet = repeated_member("xl/worksheets/sheet1.xml", head, b" " * MB, max(1, int(1024 * scale)), b"</t>")
    sheet.size = 1024
    return write_zip(path, workbook_members([("客户", sheet)]))


def zip_bomb_members(path: Path, scale: float = 1.0) -> Path:
    """60,000 tiny members (the most a zip without zip64 holds): millions of bytes of bookkeeping."""
    parts = workbook_members([("客户", member("xl/worksheets/sheet1.xml", sheet_xml(CUSTOMERS)))])
    empty = member("x", b"")
    parts += [Member(f"xl/media/junk{n}.xml", empty.data, empty.crc, 0) for n in range(int(60_000 * scale))]
    return write_zip(path, parts)


def rows_1m(path: Path, scale: float = 1.0) -> Path:
    """A 客户 sheet of 1,000,000 real rows (code, name, region; ~80 MB of XML, ~3 MB packed)."""
    rows = int(1_000_000 * scale)

    def parts() -> Iterator[bytes]:
        yield (SHEET_HEAD + '<row r="1">' + cell("A1", "客户编码") + cell("B1", "客户名称") + cell("C1", "地区")
               + "</row>").encode()
        batch = []
        for r in range(2, rows + 2):
            batch.append(f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>C{r:07d}</t></is></c>'
                         f'<c r="B{r}" t="inlineStr"><is><t>客户{r}</t></is></c><c r="C{r}" t="inlineStr">'
                         f'<is><t>西南</t></is></c></row>')
            if len(batch) == 10_000:
                yield "".join(batch).encode()
                batch = []
        yield ("".join(batch) + SHEET_TAIL).encode()

    return write_zip(path, workbook_members([("客户", streamed_member("xl/worksheets/sheet1.xml", parts()))]))


def rows_1m_unnumbered(path: Path, scale: float = 1.0) -> Path:
    """1,000,000 rows that state no row number (allowed by the format), made by repetition: cheap to write."""
    block = "".join(f'<row><c t="inlineStr"><is><t>C{n:04d}</t></is></c><c><v>{n * 7919 % 10007}</v></c></row>'
                    for n in range(1000)).encode()  # varied enough to pack like a real sheet (about 10x)
    head = (SHEET_HEAD + '<row r="1">' + cell("A1", "客户编码") + cell("B1", "客户名称") + "</row>").encode()
    sheet = repeated_member("xl/worksheets/sheet1.xml", head, block, max(1, int(1000 * scale)),
                            SHEET_TAIL.encode())
    return write_zip(path, workbook_members([("客户", sheet)]))


def honest(path: Path, scale: float = 1.0, stray: bool = False) -> Path:
    """20,000 honest customers (the yardstick for the two files below)."""
    rows = int(20_000 * scale)
    more = (lambda r: cell(f"XFD{r}", 1)) if stray else (lambda r: "")

    def parts() -> Iterator[bytes]:
        yield (SHEET_HEAD + '<row r="1">' + cell("A1", "客户编码") + cell("B1", "客户名称") + "</row>").encode()
        yield "".join(f'<row r="{r}">{cell(f"A{r}", f"X{r:06d}")}{cell(f"B{r}", f"公司{r}")}{more(r)}'
                      f"</row>" for r in range(2, rows + 2)).encode()
        yield SHEET_TAIL.encode()

    return write_zip(path, workbook_members([("客户", streamed_member("xl/worksheets/sheet1.xml", parts()))]))


def stray_xfd(path: Path, scale: float = 1.0) -> Path:
    """20,000 honest customers, each row with one more value in column XFD (the last of 16,384)."""
    return honest(path, scale, stray=True)


def header_in_xfd(path: Path, scale: float = 1.0) -> Path:
    """20,000 customers whose 客户名称 column is XFD: every row would be read 16,384 cells wide (refused)."""
    rows = int(20_000 * scale)

    def parts() -> Iterator[bytes]:
        yield (SHEET_HEAD + '<row r="1">' + cell("A1", "客户编码") + cell("XFD1", "客户名称") + "</row>").encode()
        yield "".join(f'<row r="{r}">{cell(f"A{r}", f"X{r:06d}")}{cell(f"XFD{r}", f"公司{r}")}</row>'
                      for r in range(2, rows + 2)).encode()
        yield SHEET_TAIL.encode()

    return write_zip(path, workbook_members([("客户", streamed_member("xl/worksheets/sheet1.xml", parts()))]))


# An OLE compound file (the container of .xls and of encrypted .xlsx), written by hand: a header, one FAT sector,
# one directory sector, and each stream in 512-byte sectors (streams of 4096 bytes or more, so no mini stream).
FREE, END, FAT_SECTOR, NONE = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def _ole_entry(name: str, kind: int, start: int, size: int, child: int = NONE, right: int = NONE) -> bytes:
    encoded = (name + "\0").encode("utf-16-le") if name else b""
    return (encoded.ljust(64, b"\0") + struct.pack("<HBBIII", len(encoded), kind, 1, NONE, right, child)
            + b"\0" * 16 + b"\0" * 4 + b"\0" * 16 + struct.pack("<IQ", start, size))


def write_ole(path: Path, streams: list[tuple[str, bytes]]) -> Path:
    sectors: list[bytes] = []
    fat = [FAT_SECTOR, END]  # sector 0: the FAT, sector 1: the directory
    entries = [b""]  # the root, filled in below
    for n, (name, data) in enumerate(streams, start=1):
        data = data.ljust(max(4096, -(-len(data) // 512) * 512), b"\0")
        first = len(fat)
        count = len(data) // 512
        fat += [first + i + 1 for i in range(count - 1)] + [END]
        sectors += [data[i * 512:(i + 1) * 512] for i in range(count)]
        entries.append(_ole_entry(name, 2, first, len(data), right=n + 1 if n < len(streams) else NONE))
    entries[0] = _ole_entry("Root Entry", 5, END, 0, child=1 if streams else NONE)
    assert len(fat) <= 128 and len(entries) <= 4
    directory = b"".join(entries).ljust(512, b"\0")
    header = (bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 16
              + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
              + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, END, 0, END, 0)
              + struct.pack("<I", 0) + struct.pack("<I", FREE) * 108)
    fat_sector = struct.pack(f"<{len(fat)}I", *fat) + struct.pack("<I", FREE) * (128 - len(fat))
    path.write_bytes(header + fat_sector + directory + b"".join(sectors))
    return path


def encrypted(path: Path, scale: float = 1.0) -> Path:
    """What Excel writes for "Encrypt with Password": an OLE file with EncryptionInfo and EncryptedPackage."""
    info = struct.pack("<HHI", 4, 4, 0x40) + os.urandom(1024)  # agile encryption, version 4.4
    return write_ole(path, [("EncryptionInfo", info), ("EncryptedPackage", os.urandom(8192))])


def legacy_xls(path: Path, scale: float = 1.0) -> Path:
    """An Excel 97-2003 workbook: an OLE file with a Workbook stream of BIFF8 records."""
    bof = struct.pack("<HHHHII", 0x0809, 16, 0x0600, 0x0005, 0, 0)
    return write_ole(path, [("Workbook", bof + b"\0" * 4000)])


def csv_renamed(path: Path, scale: float = 1.0) -> Path:
    """A CSV file saved by Excel in China (GB18030, with Chinese headers) and renamed .xlsx."""
    path.write_bytes("客户编码,客户名称\r\nC001,甲公司\r\nC002,乙公司\r\n".encode("gb18030"))
    return path


def csv_utf8_bom(path: Path, scale: float = 1.0) -> Path:
    path.write_bytes("\ufeff客户编码,客户名称\r\nC001,甲公司\r\n".encode())
    return path


def empty(path: Path, scale: float = 1.0) -> Path:
    path.write_bytes(b"")
    return path


def truncated(path: Path, scale: float = 1.0) -> Path:
    """The first 60 % of an honest workbook (a download cut short)."""
    rows = [["客户编码", "客户名称"], *([f"C{n:04d}", f"公司{n}"] for n in range(2000))]
    write_zip(path, workbook_members([("客户", member("xl/worksheets/sheet1.xml", sheet_xml(rows)))]))
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 6 // 10])
    return path


FILES: dict[str, Callable[[Path, float], Path]] = {
    "xml_bomb": xml_bomb,
    "xml_bomb_utf16_strings": xml_bomb_strings,
    "xml_external_entity": xml_external_entity,
    "zip_bomb_1gib": zip_bomb,
    "zip_bomb_lying_header": zip_bomb_lying,
    "zip_60k_members": zip_bomb_members,
    "rows_1m": rows_1m,
    "rows_1m_unnumbered": rows_1m_unnumbered,
    "encrypted_xlsx": encrypted,
    "legacy_xls": legacy_xls,
    "csv_renamed_gb18030": csv_renamed,
    "csv_renamed_utf8": csv_utf8_bom,
    "empty": empty,
    "truncated": truncated,
    "honest_20k": honest,
    "stray_xfd_20k": stray_xfd,
    "header_in_xfd_20k": header_in_xfd,
}


# ---------------------------------------------------------------- measuring


def _status_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _row_total(engine: object) -> int:
    from sqlalchemy import func, select

    from models import Base

    with engine.connect() as conn:  # type: ignore[attr-defined]
        return sum(int(conn.scalar(select(func.count()).select_from(t)) or 0) for t in Base.metadata.sorted_tables)


def run_one(path: Path, db: str) -> dict[str, object]:
    """In the child: import `path` into `db`, measure it."""
    from app.db import make_engine, make_sessions
    from app.errors import UserError
    from app.importing import import_workbook
    from models import Base

    engine = make_engine(db)
    Base.metadata.drop_all(engine)
    Base.metadata.create_all(engine)
    before_rows = _row_total(engine)
    sessions = make_sessions(engine)
    rss_before = _status_kb("VmRSS")
    start = time.perf_counter()
    try:
        result = import_workbook(sessions, path)
        outcome = ("imported " + ", ".join(f"{k} {v}" for k, v in result.counts.items()) if result.written
                   else f"not written: {result.errors[0].reason if result.errors else result.notices}")
    except UserError as exc:
        outcome = f"refused: {exc}"
    seconds = time.perf_counter() - start
    peak = _status_kb("VmHWM")
    after_rows = _row_total(engine)
    engine.dispose()
    return {"seconds": seconds, "rss_before_mb": rss_before / 1024, "peak_mb": peak / 1024,
            "rows_before": before_rows, "rows_after": after_rows, "outcome": outcome}


def measure(name: str, path: Path, db: str, timeout: float = 120.0) -> dict[str, object]:
    """Run the import of `path` in a child process; its figures, or why it failed."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--one", str(path), "--db", db]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env, check=False)
    except subprocess.TimeoutExpired:
        return {"name": name, "outcome": f"TIMEOUT after {timeout:.0f} s", "seconds": timeout}
    wall = time.perf_counter() - start
    try:
        figures = json.loads(done.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        return {"name": name, "outcome": f"child failed ({done.returncode}): {done.stderr.strip()[-300:]}"}
    return {"name": name, "file_kb": path.stat().st_size / 1024, "process_s": wall, **figures}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--db", help="database URL (default: a fresh SQLite file per file)")
    parser.add_argument("--keep", help="write the files into this folder and keep them")
    parser.add_argument("--only", nargs="*", choices=sorted(FILES), help="only these files")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(run_one(Path(args.one), args.db), ensure_ascii=False))
        return 0
    with tempfile.TemporaryDirectory(prefix="hostile-") as scratch:
        folder = Path(args.keep or scratch)
        folder.mkdir(parents=True, exist_ok=True)
        results = []
        for name in args.only or FILES:
            path = FILES[name](folder / f"{name}.xlsx", 1.0)
            db = args.db or f"sqlite:///{folder / f'{name}.sqlite3'}"
            results.append(measure(name, path, db))
            print(_line(results[-1]), flush=True)
    print()
    print(_table(results))
    return 0


def _line(r: dict[str, object]) -> str:
    return f"{r['name']}: {r.get('seconds', float('nan')):.2f} s, peak {r.get('peak_mb', float('nan')):.0f} MB — " \
           f"{r['outcome']}"


def _table(results: list[dict[str, object]]) -> str:
    head = ("| file | size | import s | process s | RSS before → peak MB | db unchanged | refused ≤5 s, ≤300 MB | outcome |\n"
            "|---|---:|---:|---:|---:|---|---|---|")
    lines = [head]
    for r in results:
        if "peak_mb" not in r:
            lines.append(f"| {r['name']} | | | | | | NO | {r['outcome']} |")
            continue
        unchanged = r["rows_before"] == r["rows_after"]
        ok = ("yes" if float(r["seconds"]) <= TARGET_SECONDS and float(r["peak_mb"]) <= TARGET_MB  # type: ignore[arg-type]
              else "NO") if unchanged else "n/a (imported)"
        outcome = str(r["outcome"]).replace("|", "/")
        if len(outcome) > 90:
            outcome = outcome[:87] + "…"
        lines.append(f"| {r['name']} | {_size(float(r['file_kb']))} | {float(r['seconds']):.2f} | "  # type: ignore[arg-type]
                     f"{float(r['process_s']):.2f} | {float(r['rss_before_mb']):.0f} → {float(r['peak_mb']):.0f} | "  # type: ignore[arg-type]
                     f"{'yes' if unchanged else 'no (imported)'} | {ok} | {outcome} |")
    return "\n".join(lines)


def _size(kb: float) -> str:
    return f"{kb / 1024:.1f} MB" if kb >= 1024 else f"{kb:.0f} KB"


if __name__ == "__main__":
    sys.exit(main())
