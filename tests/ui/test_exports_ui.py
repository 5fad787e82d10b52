"""导出 Excel, 打印预览 and 打印 from the views: the rows of the current filter and sort, not a second query; the
preview shows the very pages that print."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pypdfium2 as pdfium
import pytest
from PySide6.QtPrintSupport import QPrinter

from app.context import Actor
from app.customers import new_customer
from models import CodeEntry
from ui import printing
from ui.customers.tab import CustomersTab

BOSS = Actor("boss", "admin")


@pytest.fixture
def customers(company_db) -> None:  # noqa: ANN001
    with company_db.sessions.begin() as s:
        north = CodeEntry(kind="region", code="01", name="华北", sort_order=10)
        s.add(north)
        s.flush()
        for n, (name, limit) in enumerate((("重庆渝丰五金", "50000"), ("北京华信电子", "1234.5"),
                                           ("=cmd|' /C calc'!A0", "0"), ("成都蜀兴建材", "88000")), start=1):
            new_customer(s, code=f"C{n:03d}", name=name, created=date(2025, 1, n), credit_limit=Decimal(limit),
                         term_days=30, region_id=north.id if n != 2 else None)


def _tab(qtbot, make_ctx) -> CustomersTab:  # noqa: ANN001
    tab = CustomersTab(make_ctx(BOSS))
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitUntil(lambda: not tab.is_loading() and tab.model.rowCount() == 4, timeout=10000)
    return tab


def test_export_writes_the_rows_shown_in_their_order_with_real_numbers(qtbot, make_ctx, customers, answers,
                                                                       tmp_path: Path) -> None:
    tab = _tab(qtbot, make_ctx)
    tab.view.horizontalHeader().setSortIndicator([c.key for c in tab.model.columns].index("credit_limit"),
                                                 pytest.importorskip("PySide6.QtCore").Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: not tab.is_loading(), timeout=10000)
    tab.region_filter.set_current_id(None)
    shown = [tab.model.row_of(r).code for r in range(tab.model.rowCount())]
    assert shown == ["C004", "C001", "C002", "C003"]
    target = tmp_path / "客户.xlsx"
    answers.reply(str(target))
    tab.export()
    qtbot.waitUntil(lambda: "已导出到" in tab.message.text(), timeout=10000)
    sheet = openpyxl.load_workbook(target).active
    assert sheet["A1"].value == "客户列表"
    header = next(r for r in range(1, 6) if sheet.cell(r, 1).value == "客户编码")
    titles = [sheet.cell(header, c).value for c in range(1, sheet.max_column + 1)]
    codes = [sheet.cell(r, 1).value for r in range(header + 1, header + 5)]
    assert codes == shown  # the view's order (credit limit, descending), not a second query's
    limit = titles.index("信用额度") + 1
    cells = [sheet.cell(r, limit) for r in range(header + 1, header + 5)]
    assert [c.value for c in cells] == [88000, 50000, 1234.5, 0]
    assert all(c.number_format == "#,##0.00" and c.data_type == "n" for c in cells)
    created = sheet.cell(header + 1, titles.index("建档日期") + 1)
    assert created.is_date and created.value.date() == date(2025, 1, 4)
    hostile = sheet.cell(header + 4, titles.index("客户名称") + 1)
    assert hostile.data_type == "s" and hostile.value.startswith("=") and hostile.quotePrefix
    assert sheet.freeze_panes == f"A{header + 1}" and sheet.auto_filter.ref.startswith(f"A{header}")
    assert sheet.cell(header, 1).font.b
    for row in sheet.iter_rows():
        assert all(cell.data_type != "f" for cell in row)


def test_preview_shows_the_pages_that_print(qtbot, make_ctx, customers, answers, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch, shot) -> None:
    tab = _tab(qtbot, make_ctx)
    tab.print_preview()
    qtbot.waitUntil(lambda: tab.property("last_preview") is not None, timeout=15000)
    preview = tab.property("last_preview")
    qtbot.addWidget(preview)
    assert preview.pages == 1 and len(preview.labels) == 1
    shot(preview, "print_preview_customers")
    out = tmp_path / "printed.pdf"

    def to_file(_parent, pdf: bytes) -> QPrinter:  # noqa: ANN001 - the printer dialog, answered: print to a file
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        return printer

    monkeypatch.setattr(printing, "choose_printer", to_file)
    preview.print_()
    assert len(pdfium.PdfDocument(str(out))) == preview.pages
    answers.reply(str(tmp_path / "list.pdf"))
    tab.export_pdf()
    qtbot.waitUntil(lambda: (tmp_path / "list.pdf").exists(), timeout=15000)
    assert (tmp_path / "list.pdf").read_bytes() == preview.pdf or len(pdfium.PdfDocument(str(tmp_path / "list.pdf"))
                                                                      ) == preview.pages


def test_a_cancelled_export_leaves_no_file(qtbot, make_ctx, customers, answers, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from app.exports import xlsx

    monkeypatch.setattr(xlsx, "PROGRESS_EVERY", 1)
    tab = _tab(qtbot, make_ctx)
    target = tmp_path / "cancelled.xlsx"
    answers.reply(str(target))
    answers.default = None
    monkeypatch.setattr("ui.exporting.threading.Event.is_set", lambda _self: True)  # the user pressed 取消
    tab.export()
    qtbot.waitUntil(lambda: any("已取消" in q.text for q in answers.seen), timeout=10000)
    assert not target.exists()
