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


def test_documents_dossiers_and_the_statement_print_from_the_desktop(qtbot, make_ctx, company_db, answers,
                                                                     tmp_path: Path, shot) -> None:
    """The order's delivery note from the sales list, the customer's dossier from its card (four parts, a
    bookmark), and the statement of account exported to Excel and previewed with its own layout."""
    from app import orders
    from app.documents import LineIn
    from models import Product
    from ui.credit.tab import CreditTab
    from ui.customers.card import CustomerCardDialog, load
    from ui.sales.tab import SalesTab

    with company_db.sessions.begin() as s:
        p = Product(code="P001", name="不锈钢螺栓", unit="箱", cost=Decimal("6.00"), price=Decimal("10.00"))
        s.add(p)
        s.flush()
        c = new_customer(s, code="C001", name="重庆渝丰五金", created=date(2025, 1, 1), term_days=30,
                         credit_limit=Decimal("5000"))
        s.flush()
        ids = {"p": p.id, "c": c.id}
    today = date.today()
    orders.confirm(company_db.sessions, BOSS, orders.OrderIn(ids["c"], today, (LineIn(ids["p"], Decimal("12"),
                                                                                          Decimal("10.00")),)),
                   today=today)
    ctx = make_ctx(BOSS)
    sales = SalesTab(ctx)
    qtbot.addWidget(sales)
    qtbot.waitUntil(lambda: not sales.is_loading() and sales.model.rowCount() == 1, timeout=10000)
    sales.view.selectRow(0)
    sales.print_order()
    qtbot.waitUntil(lambda: sales.property("last_preview") is not None, timeout=15000)
    note = sales.property("last_preview")
    qtbot.addWidget(note)
    assert note.pages == 1 and "销售单" in note.windowTitle()
    shot(note, "print_preview_delivery_note")
    with company_db.sessions() as s:
        card = CustomerCardDialog(ctx, load(s, BOSS, ids["c"], today))
    qtbot.addWidget(card)
    card.print_dossier()
    qtbot.waitUntil(lambda: card.property("last_preview") is not None, timeout=20000)
    dossier = card.property("last_preview")
    qtbot.addWidget(dossier)
    document = pdfium.PdfDocument(dossier.pdf)
    text = "".join(document[n].get_textpage().get_text_range() for n in range(len(document)))
    positions = [text.index(h) for h in ("基本资料", "业务往来", "资金往来", "信用记录")]
    assert positions == sorted(positions)
    credit = CreditTab(ctx)
    qtbot.addWidget(credit)
    credit.show()
    credit.tabs.setCurrentWidget(credit.statement)
    credit.statement.customer.set_current_id(ids["c"])
    credit.statement.refresh()
    qtbot.waitUntil(lambda: credit.statement.statement is not None, timeout=10000)
    target = tmp_path / "statement.xlsx"
    answers.reply(str(target))
    credit.export()
    qtbot.waitUntil(lambda: "已导出到" in credit.statement.message.text(), timeout=10000)
    sheet = openpyxl.load_workbook(target).active
    numbers = [cell.value for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str)]
    assert any(v.startswith("XS-") for v in numbers)
    credit.print_preview()
    qtbot.waitUntil(lambda: credit.statement.property("last_preview") is not None, timeout=15000)
    preview = credit.statement.property("last_preview")
    qtbot.addWidget(preview)
    page = pdfium.PdfDocument(preview.pdf)[0].get_textpage().get_text_range()
    assert "盖章" in page and "120.00" in page
    shot(preview, "print_preview_statement")
