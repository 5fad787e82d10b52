"""Printouts and exports of app/exports (dossier, statement, delivery note, receipt, return): the amount in words,
the statement's JSON and workbook against hand-computed figures, and the PDFs read back (text, pages, fonts,
bookmarks), with a page of each rendered into test-output/ to look at."""
from __future__ import annotations

import shutil
import subprocess
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pypdfium2 as pdfium
import pytest
from sqlalchemy.orm import Session

from app import ledger
from app.context import Actor
from app.customers import code_entry, set_credit, set_owner
from app.errors import PermissionDenied
from app.exports import documents
from app.exports.documents import money_in_words
from app.exports.dossier import write_dossier_pdf
from app.exports.statement import statement_document, statement_json, write_statement_pdf, write_statement_xlsx
from app.statement import statement
from models import CodeEntry, Contact, Receipt, SalesOrder, Salesperson, SalesReturn
from tests.core.builders import Book

D = Decimal
OUTPUT = Path(__file__).resolve().parents[2] / "test-output"
POPPLER = all(shutil.which(tool) for tool in ("pdftotext", "pdffonts", "pdftoppm"))
needs_poppler = pytest.mark.skipif(not POPPLER, reason="poppler-utils (pdftotext, pdffonts, pdftoppm) not installed")
BOSS = Actor("boss", "admin")


# --- 大写 ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("amount", "words"), [
    ("1234.50", "壹仟贰佰叁拾肆元伍角整"),
    ("0.05", "伍分"),
    ("100000.00", "壹拾万元整"),
    ("1001.01", "壹仟零壹元零壹分"),
    ("0", "零元整"),
    ("0.50", "伍角整"),
    ("0.55", "伍角伍分"),
    ("10", "壹拾元整"),
    ("10.05", "壹拾元零伍分"),
    ("20.30", "贰拾元叁角整"),
    ("105", "壹佰零伍元整"),
    ("1010", "壹仟零壹拾元整"),
    ("10010", "壹万零壹拾元整"),
    ("1010000", "壹佰零壹万元整"),
    ("10001000", "壹仟万壹仟元整"),
    ("100000001", "壹亿零壹元整"),
    ("100010000", "壹亿零壹万元整"),
    ("123456789.12", "壹亿贰仟叁佰肆拾伍万陆仟柒佰捌拾玖元壹角贰分"),
    ("999999999999.99", "玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"),
    ("-5.00", "负伍元整"),
    ("13860.00", "壹万叁仟捌佰陆拾元整"),
])
def test_money_in_words(amount: str, words: str) -> None:
    assert money_in_words(D(amount)) == words


# --- helpers -------------------------------------------------------------------------------------------------------


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def page_texts(path: Path) -> list[str]:
    pdf = pdfium.PdfDocument(str(path))
    try:
        return [pdf[n].get_textpage().get_text_range() for n in range(len(pdf))]
    finally:
        pdf.close()


def bookmarks(path: Path) -> list[tuple[int, str, int]]:
    """(level, title, page index) of every outline entry."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        return [(item.level, item.get_title(), item.get_dest().get_index()) for item in pdf.get_toc()]
    finally:
        pdf.close()


def fonts(path: Path) -> list[tuple[str, str, str]]:
    """(name, type, embedded) of every font pdffonts lists."""
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = []
    for line in out.splitlines()[2:]:
        parts = line.split()
        # name type [encoding words…] emb sub uni object-id generation
        rows.append((parts[0], parts[1], parts[-5]))
    return rows


def only_our_font(path: Path) -> None:
    listed = fonts(path)
    assert listed, "no font at all"
    assert all("WenQuanYiMicroHei" in name and emb == "yes" for name, _kind, emb in listed), listed


def render(path: Path, name: str, page: int = 1) -> Path:
    """Page `page` as test-output/name.png at 80 dpi, to look at."""
    OUTPUT.mkdir(exist_ok=True)
    stem = OUTPUT / name
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", str(page), "-l", str(page), "-singlefile", str(path),
                    str(stem)], check=True)
    png = stem.with_suffix(".png")
    assert png.stat().st_size > 5000
    return png


def _company(session: Session) -> tuple[Book, object, object]:
    """Two customers: C001 (owner 张伟, term 10, with a contact) with orders, a return and receipts over two
    years; C002 (shared pool) with one order."""
    book = Book(session)
    book.product.spec, book.product.unit = "M12×80", "个"
    s1, s2 = Salesperson(code="S001", name="张伟"), Salesperson(code="S002", name="李娜")
    session.add_all([s1, s2])
    session.flush()
    region = code_entry(session, "region", "西南")
    c1 = book.customer("C001", name="重庆渝丰五金机电有限公司", term_days=10, credit_limit=D("5000.00"),
                       owner_id=s1.id, region_id=region.id, created=date(2024, 12, 1),
                       address="重庆市渝中区解放碑民族路188号")
    session.add(Contact(customer_id=c1.id, name="王强", mobile="13800000001"))
    c2 = book.customer("C002", name="成都蜀兴建材", created=date(2025, 1, 1))
    a = book.order(c1, date(2025, 1, 5), "1200.00", number="XS-0001", cost="700.00")
    book.order(c1, date(2026, 1, 3), "500.00", number="XS-0002")
    book.order(c1, date(2026, 2, 3), "300.00", number="XS-0004")
    book.ret(c1, date(2026, 2, 3), "50.00", order=a, number="TH-0001")
    book.receipt(c1, date(2025, 1, 20), "1000.00", number="SK-0001")
    book.receipt(c1, date(2026, 2, 3), "400.00", number="SK-0003")
    book.receipt(c1, date(2026, 2, 10), "100.00", number="SK-0005")
    set_owner(session, c1.id, s2.id, date(2026, 1, 15), reason="调岗")
    set_credit(session, c1.id, 15, D("8000.00"), date(2026, 1, 1), reason="信用良好")
    book.order(c2, date(2026, 2, 1), "88.00", number="XS-0003")
    session.flush()
    return book, c1, c2


# --- statement -----------------------------------------------------------------------------------------------------


def test_statement_json_is_the_contract(session: Session) -> None:
    _book, c1, _c2 = _company(session)
    st = statement(session, c1.id, date(2026, 1, 1), date(2026, 2, 28))
    data = statement_json(st)
    # opening: 1200 − 1000 (2025) = 200.00; on 02-03 the three documents are in number order, not kind order
    assert data == {
        "customer_code": "C001", "from": "2026-01-01", "to": "2026-02-28", "opening_balance": "200.00",
        "lines": [
            {"date": "2026-01-03", "kind": "order", "number": "XS-0002", "debit": "500.00", "credit": "0.00",
             "balance": "700.00"},
            {"date": "2026-02-03", "kind": "receipt", "number": "SK-0003", "debit": "0.00", "credit": "400.00",
             "balance": "300.00"},
            {"date": "2026-02-03", "kind": "return", "number": "TH-0001", "debit": "0.00", "credit": "50.00",
             "balance": "250.00"},
            {"date": "2026-02-03", "kind": "order", "number": "XS-0004", "debit": "300.00", "credit": "0.00",
             "balance": "550.00"},
            {"date": "2026-02-10", "kind": "receipt", "number": "SK-0005", "debit": "0.00", "credit": "100.00",
             "balance": "450.00"},
        ],
        "closing_balance": "450.00", "total_debit": "800.00", "total_credit": "550.00",
    }
    assert D(data["closing_balance"]) == st.closing == ledger.position(session, c1.id, date(2026, 2, 28)).balance
    assert D(data["opening_balance"]) == ledger.position(session, c1.id, date(2025, 12, 31)).balance


def test_statement_workbook(session: Session, tmp_path: Path) -> None:
    _book, c1, _c2 = _company(session)
    st = statement(session, c1.id, date(2026, 1, 1), date(2026, 2, 28))
    path = write_statement_xlsx(st, tmp_path / "对账单.xlsx", company="测试公司", printed_by="tester")
    sheet = openpyxl.load_workbook(path).active
    assert sheet["A1"].value == "对账单"
    header = next(r for r in range(1, 8) if sheet.cell(r, 1).value == "日期")
    titles = [sheet.cell(header, c).value for c in range(1, 8)]
    assert titles == ["日期", "摘要", "单号", "应收增加", "收款/退货", "余额", "备注"]
    rows = [[sheet.cell(r, c) for c in range(1, 8)] for r in range(header + 1, header + 8)]
    opening, *lines, totals = rows
    assert opening[1].value == "期初余额" and opening[5].value == 200
    assert opening[0].is_date and opening[0].value == datetime(2026, 1, 1)
    assert [r[2].value for r in lines] == ["XS-0002", "SK-0003", "TH-0001", "XS-0004", "SK-0005"]
    assert [r[5].value for r in lines] == [700, 300, 250, 550, 450]
    assert all(r[0].is_date for r in lines)
    assert totals[0].value == "本期合计" and (totals[3].value, totals[4].value, totals[5].value) == (800, 550, 450)
    money = [c for r in rows for c in r[3:6] if c.value is not None]
    assert money and all(c.data_type == "n" and c.number_format == "#,##0.00" for c in money)
    assert all(c.data_type == "s" for r in lines for c in (r[1], r[2]))
    texts = [sheet.cell(r, 1).value for r in range(1, sheet.max_row + 1)]
    assert any(t and "期初余额" in str(t) and "200.00" in str(t) for t in texts[:header])  # above the table
    assert any(t and "期末余额" in str(t) and "450.00" in str(t) for t in texts[header:])  # below it
    for row in sheet.iter_rows():
        assert all(cell.data_type != "f" for cell in row)
    assert sheet.freeze_panes == f"A{header + 1}"


@needs_poppler
def test_statement_pdf(session: Session, tmp_path: Path) -> None:
    _book, c1, _c2 = _company(session)
    st = statement(session, c1.id, date(2026, 1, 1), date(2026, 2, 28))
    out = tmp_path / "statement.pdf"
    write_statement_pdf(st, out, company="重庆恒信五金建材贸易有限公司", company_address="重庆市江北区",
                        customer_address="重庆市渝中区解放碑民族路188号", printed_by="tester")
    text = pdf_text(out)
    for expected in ("重庆恒信五金建材贸易有限公司", "对账单", "C001 重庆渝丰五金机电有限公司", "2026-01-01 至 2026-02-28",
                     "期初余额", "200.00", "本期合计", "800.00", "550.00", "450.00", "本公司（盖章）", "客户（盖章）",
                     "经办人", "第1/1页", "tester"):
        assert expected in text, expected
    assert text.index("本公司（盖章）") > text.index("本期合计")  # the signature area is at the end
    assert text.count("经办人") == 2 and text.count("日期：") >= 2
    doc, _rows = statement_document(st)
    assert doc.totals == {"debit": st.total_debit, "credit": st.total_credit, "balance": st.closing}
    only_our_font(out)
    render(out, "export_statement")


# --- dossier -------------------------------------------------------------------------------------------------------


@needs_poppler
def test_dossier_pdf_four_parts_bookmarks_and_a_page_per_customer(session: Session, tmp_path: Path) -> None:
    _book, c1, c2 = _company(session)
    out = tmp_path / "dossier.pdf"
    seen: list[tuple[int, int]] = []
    write_dossier_pdf(session, [c1.id, c2.id], date(2026, 3, 31), out, company="测试公司", printed_by="tester",
                      progress=lambda done, total: seen.append((done, total)))
    assert seen == [(1, 2), (2, 2)]
    pages = page_texts(out)
    marks = bookmarks(out)
    tops = [(title, page) for level, title, page in marks if level == 0]
    assert [t for t, _p in tops] == ["C001 重庆渝丰五金机电有限公司", "C002 成都蜀兴建材"]
    first, second = (p for _t, p in tops)
    assert first == 0 and second > first
    assert "C002 成都蜀兴建材" in pages[second] and all("成都蜀兴建材" not in p for p in pages[:second])
    parts = ["基本资料", "业务往来", "资金往来", "信用记录"]
    for n, (start, end) in enumerate(((first, second), (second, len(pages)))):
        mine = [(title, page) for level, title, page in marks if level == 1][4 * n:4 * n + 4]
        assert [t for t, _p in mine] == parts
        assert all(start <= p < end for _t, p in mine)
        text = "\n".join(pages[start:end])
        positions = [text.index(part) for part in parts]
        assert positions == sorted(positions)
    c1_text = "\n".join(pages[:second])
    for expected in ("王强", "S002 李娜", "调岗", "XS-0001", "TH-0001", "SK-0005", "近 24 个月净销售额", "月份",
                     "金额（元）", "未到期", "逾期 1–30 天", "逾期 90 天以上", "预收款", "按时付款率", "信用良好"):
        assert expected in c1_text, expected
    assert "两者相符" in c1_text  # the aging proof
    # the header names the customer of the page: C002's pages say C002
    assert "客户：C002 成都蜀兴建材" in pages[second]
    only_our_font(out)
    render(out, "export_dossier_p1", 1)
    render(out, "export_dossier_c2", second + 1)


def test_dossier_refuses_a_customer_the_salesperson_may_not_see(session: Session, tmp_path: Path) -> None:
    _book, c1, _c2 = _company(session)
    other = session.query(Salesperson).filter_by(code="S001").one()  # C001 belongs to S002 now
    with pytest.raises(PermissionDenied):
        write_dossier_pdf(session, [c1.id], date(2026, 3, 31), tmp_path / "d.pdf", company="", printed_by="",
                          actor=Actor("s1", "sales", other.id))
    assert not (tmp_path / "d.pdf").exists()


@needs_poppler
def test_dossier_chart_in_wan_yuan(session: Session, tmp_path: Path) -> None:
    book = Book(session)
    c = book.customer("C009", created=date(2025, 1, 1))
    book.order(c, date(2026, 1, 10), "250000.00")
    book.order(c, date(2026, 2, 10), "80000.00")
    book.ret(c, date(2026, 3, 5), "90000.00")  # March nets negative
    session.flush()
    out = tmp_path / "d.pdf"
    write_dossier_pdf(session, [c.id], date(2026, 3, 31), out, company="", printed_by="")
    assert "金额（万元）" in pdf_text(out)
    only_our_font(out)


# --- documents -----------------------------------------------------------------------------------------------------


@needs_poppler
def test_delivery_note(session: Session, tmp_path: Path) -> None:
    book, c1, _c2 = _company(session)
    order = session.query(SalesOrder).filter_by(number="XS-0001").one()
    order.handler_id = session.query(Salesperson).filter_by(code="S001").one().id
    session.flush()
    out = tmp_path / "order.pdf"
    documents.write_order_pdf(session, BOSS, order.id, out, company="重庆恒信五金建材贸易有限公司")
    text = pdf_text(out)
    for expected in ("销售送货单", "XS-0001", "2025-01-05", "C001 重庆渝丰五金机电有限公司", "重庆市渝中区解放碑民族路188号",
                     "王强 13800000001", "张伟", "P001", "测试商品", "M12×80", "个", "1,200.00", "¥1,200.00",
                     "壹仟贰佰元整", "送货人", "收货人", "boss"):
        assert expected in text, expected
    assert "700.00" not in text  # no cost on a delivery note
    only_our_font(out)
    render(out, "export_delivery_note")
    draft = book.order(c1, date(2026, 3, 1), "10.00", status="draft", number="XS-0009")
    documents.write_order_pdf(session, BOSS, draft.id, tmp_path / "draft.pdf", company="")
    assert "销售送货单（草稿）" in pdf_text(tmp_path / "draft.pdf")


@needs_poppler
def test_receipt_voucher_and_return(session: Session, tmp_path: Path) -> None:
    _book, _c1, _c2 = _company(session)
    receipt = session.query(Receipt).filter_by(number="SK-0001").one()
    method = CodeEntry(kind="payment_method", code="01", name="银行转账", sort_order=1)
    session.add(method)
    session.flush()
    receipt.method_id = method.id
    session.flush()
    out = tmp_path / "receipt.pdf"
    documents.write_receipt_pdf(session, BOSS, receipt.id, out, company="测试公司")
    text = pdf_text(out)
    for expected in ("收款收据", "SK-0001", "今收到", "C001 重庆渝丰五金机电有限公司", "壹仟元整", "¥1,000.00",
                     "银行转账", "销售单 XS-0001 1,000.00 元", "收款单位（盖章）", "收款人", "交款人"):
        assert expected in text, expected
    only_our_font(out)
    render(out, "export_receipt")
    ret = session.query(SalesReturn).filter_by(number="TH-0001").one()
    out = tmp_path / "return.pdf"
    documents.write_return_pdf(session, BOSS, ret.id, out, company="测试公司")
    text = pdf_text(out)
    for expected in ("销售退货单", "TH-0001", "XS-0001", "伍拾元整", "¥50.00", "退货人", "验收人"):
        assert expected in text, expected
    only_our_font(out)
    render(out, "export_return")


def test_documents_only_for_those_who_may_see_them(session: Session, tmp_path: Path) -> None:
    _book, c1, c2 = _company(session)
    s1 = session.query(Salesperson).filter_by(code="S001").one()
    sales = Actor("s1", "sales", s1.id)  # C001 is S002's now; C002 is in the shared pool
    theirs = session.query(SalesOrder).filter_by(number="XS-0002").one()
    with pytest.raises(PermissionDenied):
        documents.write_order_pdf(session, sales, theirs.id, tmp_path / "o.pdf", company="")
    with pytest.raises(PermissionDenied):
        documents.write_receipt_pdf(session, sales, session.query(Receipt).filter_by(number="SK-0005").one().id,
                                    tmp_path / "r.pdf", company="")
    with pytest.raises(PermissionDenied):
        documents.write_return_pdf(session, sales, session.query(SalesReturn).filter_by(number="TH-0001").one().id,
                                   tmp_path / "t.pdf", company="")
    handled = session.query(SalesOrder).filter_by(number="XS-0001").one()
    handled.handler_id = s1.id  # a document the salesperson handled is theirs to print
    pool = session.query(SalesOrder).filter_by(number="XS-0003").one()
    session.flush()
    documents.write_order_pdf(session, sales, handled.id, tmp_path / "handled.pdf", company="")
    documents.write_order_pdf(session, sales, pool.id, tmp_path / "pool.pdf", company="")
    assert (tmp_path / "handled.pdf").stat().st_size > 0 and (tmp_path / "pool.pdf").stat().st_size > 0
    assert c2.owner_id is None
