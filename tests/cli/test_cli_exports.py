"""`crm report … --xlsx/--pdf`, `crm statement` and `crm dossier`: the files they write, read back, and the same
figures as the JSON output; errors on stderr with exit status 1 (2 for usage), never a traceback."""
from __future__ import annotations

import getpass
import json
import shutil
import subprocess
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pypdfium2 as pdfium
import pytest

from tests.cli.test_cli import _fill, crm

D = Decimal
OUTPUT = Path(__file__).resolve().parents[2] / "test-output"
needs_poppler = pytest.mark.skipif(not all(shutil.which(t) for t in ("pdftotext", "pdffonts", "pdftoppm")),
                                   reason="poppler-utils not installed")


@pytest.fixture
def company_db(db_url: str) -> str:
    """The database of tests/cli/test_cli.py's aging example: C00012 owes 750.50, 100234 prepaid 80.00."""
    result = crm("init", "--company", "重庆恒信五金建材贸易有限公司", db=db_url)
    assert result.returncode == 0, result.stderr
    _fill(db_url)
    return db_url


def _text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def _fonts_embedded_ours(path: Path) -> bool:
    lines = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()
    rows = [line.split() for line in lines[2:]]
    return bool(rows) and all("WenQuanYiMicroHei" in r[0] and r[-5] == "yes" for r in rows)


def _pages(path: Path) -> int:
    pdf = pdfium.PdfDocument(str(path))
    try:
        return len(pdf)
    finally:
        pdf.close()


def _png(pdf: Path, name: str) -> None:
    """The first page as test-output/name.png (80 dpi), to look at."""
    OUTPUT.mkdir(exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                    str(OUTPUT / name)], check=True)


def _header_row(sheet: openpyxl.worksheet.worksheet.Worksheet, first_title: str) -> int:
    return next(r for r in range(1, 10) if sheet.cell(r, 1).value == first_title)


def test_report_xlsx_is_the_json_report(company_db: str, tmp_path: Path) -> None:
    target = tmp_path / "账龄.xlsx"
    result = crm("report", "aging", "--as-of", "2026-06-30", "--xlsx", str(target), db=company_db)
    assert result.returncode == 0, result.stderr
    assert str(target) in result.stdout and result.stderr == ""
    data = json.loads(crm("report", "aging", "--as-of", "2026-06-30", "--json", db=company_db).stdout)
    sheet = openpyxl.load_workbook(target).active
    header = _header_row(sheet, "客户编码")
    assert "截至" in str(sheet.cell(header - 1, 1).value) and "2026-06-30" in str(sheet.cell(header - 1, 1).value)
    keys = data["columns"]
    body = [[sheet.cell(r, c + 1) for c in range(len(keys))] for r in range(header + 1, header + 1 + len(data["rows"]))]
    assert [row[0].value for row in body] == [r["customer_code"] for r in data["rows"]]  # "100234" first, as text
    assert all(row[0].data_type == "s" for row in body)
    money = [keys.index(k) for k in ("balance", "not_due", "d1_30", "unapplied")]
    for row, expected in zip(body, data["rows"], strict=True):
        for n in money:
            cell = row[n]
            assert cell.data_type == "n" and cell.number_format == "#,##0.00"
            assert D(str(cell.value)).quantize(D("0.01")) == D(expected[keys[n]])
    totals = [sheet.cell(header + 1 + len(data["rows"]), c + 1).value for c in range(len(keys))]
    assert totals[0] == "合计" and D(str(totals[keys.index("balance")])) == D(data["totals"]["balance"])
    assert any("核对" in str(sheet.cell(r, 1).value) for r in range(header, sheet.max_row + 1))  # the aging proof
    for row in sheet.iter_rows():
        assert all(cell.data_type != "f" for cell in row)


@needs_poppler
def test_report_pdf(company_db: str, tmp_path: Path) -> None:
    target = tmp_path / "margin.pdf"
    result = crm("report", "margin", "--from", "2026-01-01", "--to", "2026-06-30", "--pdf", str(target),
                 db=company_db)
    assert result.returncode == 0, result.stderr
    text = _text(target)
    for expected in ("重庆恒信五金建材贸易有限公司", "C00012", "850.50", "合计", "第1/1页"):
        assert expected in text, expected
    assert f"打印人：{getpass.getuser()}" in text
    assert _fonts_embedded_ours(target) and _pages(target) == 1
    _png(target, "cli_report_margin")


def test_statement_text_json_and_closing_equals_aging(company_db: str) -> None:
    result = crm("statement", "C00012", "--from", "2026-05-15", "--to", "2026-06-30", "--json", db=company_db)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data == {
        "customer_code": "C00012", "from": "2026-05-15", "to": "2026-06-30", "opening_balance": "600.00",
        "lines": [
            {"date": "2026-06-01", "kind": "receipt", "number": "SK0003", "debit": "0.00", "credit": "100.00",
             "balance": "500.00"},
            {"date": "2026-06-20", "kind": "order", "number": "XS0002", "debit": "250.50", "credit": "0.00",
             "balance": "750.50"},
        ],
        "closing_balance": "750.50", "total_debit": "250.50", "total_credit": "100.00",
    }
    aging = json.loads(crm("report", "aging", "--as-of", "2026-06-30", "--json", db=company_db).stdout)
    row = next(r for r in aging["rows"] if r["customer_code"] == "C00012")
    assert data["closing_balance"] == row["balance"]
    text = crm("statement", "C00012", "--from", "2026-05-15", "--to", "2026-06-30", db=company_db)
    assert text.returncode == 0 and "期初余额" in text.stdout and "750.50" in text.stdout and "SK0003" in text.stdout


def test_statement_xlsx_and_pdf(company_db: str, tmp_path: Path) -> None:
    book = tmp_path / "对账单.xlsx"
    result = crm("statement", "C00012", "--from", "2026-05-15", "--to", "2026-06-30", "--xlsx", str(book),
                 db=company_db)
    assert result.returncode == 0, result.stderr
    sheet = openpyxl.load_workbook(book).active
    header = _header_row(sheet, "日期")
    rows = [[sheet.cell(r, c).value for c in range(1, 7)] for r in range(header + 1, header + 5)]
    assert rows[0][1] == "期初余额" and rows[0][5] == 600
    assert rows[1][0] == datetime(2026, 6, 1) and rows[1][2] == "SK0003" and rows[1][4] == 100
    assert rows[2][2] == "XS0002" and rows[2][3] == 250.5 and rows[2][5] == 750.5
    assert rows[3][0] == "本期合计" and rows[3][3:] == [250.5, 100, 750.5]
    for row in sheet.iter_rows():
        assert all(cell.data_type != "f" for cell in row)
    if not shutil.which("pdftotext"):
        return
    pdf = tmp_path / "对账单.pdf"
    result = crm("statement", "C00012", "--from", "2026-05-15", "--to", "2026-06-30", "--pdf", str(pdf),
                 db=company_db)
    assert result.returncode == 0, result.stderr
    text = _text(pdf)
    for expected in ("对账单", "C00012", "期初余额", "600.00", "750.50", "本公司（盖章）", "客户（盖章）"):
        assert expected in text, expected
    assert _fonts_embedded_ours(pdf)
    _png(pdf, "cli_statement")


def test_statement_errors(company_db: str, tmp_path: Path) -> None:
    backwards = crm("statement", "C00012", "--from", "2026-06-30", "--to", "2026-05-01", db=company_db)
    assert backwards.returncode == 1 and "起始日期" in backwards.stderr
    unknown = crm("statement", "NOPE", "--from", "2026-05-01", "--to", "2026-06-30", "--json", db=company_db)
    assert unknown.returncode == 1 and "NOPE" in unknown.stderr and unknown.stdout == ""
    both = crm("statement", "C00012", "--from", "2026-05-01", "--to", "2026-06-30", "--json", "--pdf", "x.pdf",
               db=company_db)
    assert both.returncode == 2
    missing = crm("statement", "C00012", "--from", "2026-05-01", db=company_db)
    assert missing.returncode == 2
    nowhere = crm("statement", "C00012", "--from", "2026-05-01", "--to", "2026-06-30", "--xlsx",
                  str(tmp_path / "no" / "such" / "x.xlsx"), db=company_db)
    assert nowhere.returncode == 1 and "无法写入" in nowhere.stderr
    for result in (backwards, unknown, both, missing, nowhere):
        assert "Traceback" not in result.stderr


@needs_poppler
def test_dossier(company_db: str, tmp_path: Path) -> None:
    target = tmp_path / "档案.pdf"
    result = crm("dossier", "C00012", "100234", "--as-of", "2026-06-30", "--pdf", str(target), db=company_db)
    assert result.returncode == 0, result.stderr
    text = _text(target)
    for part in ("基本资料", "业务往来", "资金往来", "信用记录"):
        assert part in text
    pdf = pdfium.PdfDocument(str(target))
    try:
        toc = [(item.level, item.get_title(), item.get_dest().get_index()) for item in pdf.get_toc()]
        assert len(pdf) >= 2
    finally:
        pdf.close()
    tops = [(title, page) for level, title, page in toc if level == 0]
    assert [t for t, _p in tops] == ["C00012 客户C00012", "100234 客户100234"] and tops[1][1] > tops[0][1] == 0
    assert _fonts_embedded_ours(target)
    _png(target, "cli_dossier")


def test_dossier_errors(company_db: str, tmp_path: Path) -> None:
    unknown = crm("dossier", "NOPE", "--pdf", str(tmp_path / "d.pdf"), db=company_db)
    assert unknown.returncode == 1 and "NOPE" in unknown.stderr and not (tmp_path / "d.pdf").exists()
    no_pdf = crm("dossier", "C00012", db=company_db)
    assert no_pdf.returncode == 2
    bad_date = crm("dossier", "C00012", "--as-of", "2026-02-30", "--pdf", str(tmp_path / "d.pdf"), db=company_db)
    assert bad_date.returncode == 2
    nowhere = crm("dossier", "C00012", "--pdf", str(tmp_path / "no" / "d.pdf"), db=company_db)
    assert nowhere.returncode == 1 and "无法写入" in nowhere.stderr
    for result in (unknown, no_pdf, bad_date, nowhere):
        assert "Traceback" not in result.stderr
