"""Exports at full size, each beside its baseline in the same run (interleaved, best and median of the repeats):

1. Excel: the customer list's 100,000 rows × 12 columns through app.exports.xlsx.write_xlsx, against XlsxWriter's
   constant_memory mode writing the same cells with the same formats (target ≤ 1.2×); and the whole export as the
   desktop runs it (ids → pages of rows → the workbook) in a child process, for its peak memory (target ≤ 300 MB).
2. PDF: the aging of every customer with a balance through app.exports.pdf.write_table_pdf, against reportlab
   writing the same cells as one LongTable with the same font, widths and size (target ≤ 2×).
3. The dossier of the customer with the most orders (target ≤ 3 s), when app.exports.dossier exists.

    PYTHONPATH=. python benchmarks/exports.py [--db benchmarks/data/bench.sqlite3] [--repeat 3]
"""
from __future__ import annotations

import argparse
import multiprocessing
import resource
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
AS_OF = date(2026, 10, 31)
COLUMNS = ("code", "name", "short_name", "mnemonic", "type", "region", "industry", "owner", "status", "grade",
           "credit_limit", "created")


def timed(fn) -> float:  # noqa: ANN001
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def customer_rows(sessions) -> tuple[list, list[dict]]:  # noqa: ANN001
    from app import customer_list
    from app.context import Actor
    from app.customer_list import COLUMNS as LIST_COLUMNS
    from app.customer_list import CustomerFilter
    from app.tables import Column

    kinds = {c.key: ("money" if c.kind == "money" else "date" if c.key == "created" else "text")
             for c in LIST_COLUMNS}
    titles = {c.key: c.title for c in LIST_COLUMNS}
    columns = [Column(k, titles[k], kinds[k]) for k in COLUMNS]
    with sessions() as s:
        ids = customer_list.matching_ids(s, Actor("admin", "admin"), CustomerFilter(), None, False)
        rows = []
        for start in range(0, len(ids), 1000):
            for row in customer_list.rows(s, ids[start:start + 1000]):
                rows.append({k: row.value(k) for k in COLUMNS})
    return columns, rows


def xlsxwriter_alone(columns, rows, path: Path) -> None:  # noqa: ANN001
    """The baseline: the same cells and formats, written straight through XlsxWriter's constant_memory mode."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("客户列表")
    money = book.add_format({"num_format": "#,##0.00"})
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    bold = book.add_format({"bold": True})
    for n, c in enumerate(columns):
        sheet.write_string(2, n, c.title, bold)
    for r, row in enumerate(rows, start=3):
        for n, c in enumerate(columns):
            value = row[c.key]
            if value is None:
                continue
            if c.kind == "money":
                sheet.write_number(r, n, value, money)
            elif c.kind == "date":
                sheet.write_datetime(r, n, value, day)
            else:
                sheet.write_string(r, n, str(value))
    book.close()


def full_export_in_child(db: str, path: str, out: multiprocessing.Queue) -> None:
    """The desktop's export of the customer list (ids → pages → workbook), reporting the process's peak memory."""
    from app.context import Actor
    from app.customer_list import COLUMNS as LIST_COLUMNS
    from app.customer_list import CustomerFilter
    from app.db import make_engine, make_sessions
    from app.exports.common import Document
    from app.exports.xlsx import write_xlsx
    from app.tables import Column

    sessions = make_sessions(make_engine(f"sqlite:///{db}"))
    from app import customer_list

    columns = [Column(c.key, c.title, "money" if c.kind == "money" else "date" if c.key == "created" else "text")
               for c in LIST_COLUMNS if c.key in COLUMNS]
    start = time.perf_counter()
    with sessions() as s:
        ids = customer_list.matching_ids(s, Actor("admin", "admin"), CustomerFilter(), None, False)

        def rows():  # noqa: ANN202
            for first in range(0, len(ids), 500):
                for row in customer_list.rows(s, ids[first:first + 500]):
                    yield {c.key: row.value(c.key) for c in columns}

        write_xlsx(Document("客户列表", columns), rows(), Path(path), total_rows=len(ids))
    seconds = time.perf_counter() - start
    out.put((seconds, peak_rss_mb(), len(ids)))


def peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM: ru_maxrss would keep the forking parent's peak across exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def reportlab_alone(doc, rows, widths, size, pagesize, path: Path) -> None:  # noqa: ANN001
    """The baseline: the same cells as strings in reportlab tables of the same font, size, widths and chunking
    (one LongTable of every row splits far slower — see benchmarks/README.md), with no page header, footer,
    page count, wrapping or totals row."""
    from reportlab.lib import colors
    from reportlab.platypus import LongTable, SimpleDocTemplate, TableStyle

    from app.exports.common import cell_text
    from app.exports.pdf import CHUNK, FONT, register_font

    register_font()
    header = [c.title for c in doc.columns]
    data = [[cell_text(r.get(c.key), c.kind) for c in doc.columns] for r in rows]
    style = TableStyle([("FONT", (0, 0), (-1, -1), FONT, size), ("GRID", (0, 0), (-1, -1), 0.25, colors.grey)])
    story = []
    for start in range(0, len(data), CHUNK):
        table = LongTable([header, *data[start:start + CHUNK]], colWidths=widths, repeatRows=1)
        table.setStyle(style)
        story.append(table)
    SimpleDocTemplate(str(path), pagesize=pagesize, initialFontName=FONT).build(story)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default=str(ROOT / "benchmarks" / "data" / "bench.sqlite3"))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from app import reports
    from app.db import make_engine, make_sessions
    from app.exports.common import Document, table_document
    from app.exports.pdf import layout, write_table_pdf
    from app.exports.xlsx import write_xlsx
    from benchmarks.run import calibration  # the one figure every benchmark prints

    print(f"calibration: {calibration():.2f} s CPU for 10^7 additions")
    sessions = make_sessions(make_engine(f"sqlite:///{args.db}"))
    tmp = Path(tempfile.mkdtemp())
    columns, rows = customer_rows(sessions)
    print(f"customer list: {len(rows):,} rows × {len(columns)} columns")
    ours, base = [], []
    for _ in range(args.repeat):
        base.append(timed(lambda: xlsxwriter_alone(columns, rows, tmp / "base.xlsx")))
        ours.append(timed(lambda: write_xlsx(Document("客户列表", columns), rows, tmp / "ours.xlsx",
                                             total_rows=len(rows))))
    ratio = min(ours) / min(base)
    print(f"Excel: write_xlsx best {min(ours):.2f} s (median {statistics.median(ours):.2f}), XlsxWriter alone best "
          f"{min(base):.2f} s (median {statistics.median(base):.2f}): {ratio:.2f}× — "
          f"{'PASS' if ratio <= 1.2 else 'FAIL'} (≤ 1.2×)")
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    child = ctx.Process(target=full_export_in_child, args=(args.db, str(tmp / "full.xlsx"), queue))
    child.start()
    seconds, peak_mb, count = queue.get(timeout=600)
    child.join()
    print(f"Excel, the desktop's whole export of {count:,} customers: {seconds:.2f} s, peak memory {peak_mb:.0f} MB "
          f"— {'PASS' if peak_mb <= 300 else 'FAIL'} (≤ 300 MB)")

    with sessions() as s:
        table = reports.build(s, "aging", as_of=AS_OF)
    doc = table_document(table, company="基准测试公司", printed_by="bench")
    pagesize, size, widths = layout(doc.columns, table.rows[:300], doc.totals)
    ours, base = [], []
    for _ in range(args.repeat):
        base.append(timed(lambda: reportlab_alone(doc, table.rows, widths, size, pagesize, tmp / "base.pdf")))
        ours.append(timed(lambda: write_table_pdf(doc, table.rows, tmp / "ours.pdf")))
    ratio = min(ours) / min(base)
    print(f"PDF: aging of {len(table.rows):,} customers: write_table_pdf best {min(ours):.2f} s (median "
          f"{statistics.median(ours):.2f}), reportlab alone best {min(base):.2f} s (median "
          f"{statistics.median(base):.2f}): {ratio:.2f}× — {'PASS' if ratio <= 2 else 'FAIL'} (≤ 2×)")

    try:
        from app.exports import dossier
    except ImportError:
        print("dossier: app.exports.dossier is not there yet")
        return 0
    from sqlalchemy import func, select

    from models import SalesOrder

    with sessions() as s:
        biggest, count = s.execute(select(SalesOrder.customer_id, func.count()).group_by(SalesOrder.customer_id)
                                   .order_by(func.count().desc()).limit(1)).one()
    times = []
    for _ in range(args.repeat):
        with sessions() as s:
            times.append(timed(lambda s=s: dossier.write_dossier_pdf(s, [biggest], AS_OF, tmp / "dossier.pdf",
                                                                       company="基准测试公司", printed_by="bench")))
    print(f"dossier of the customer with {count:,} orders: best {min(times):.2f} s (median "
          f"{statistics.median(times):.2f}) — {'PASS' if min(times) <= 3 else 'FAIL'} (≤ 3 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
