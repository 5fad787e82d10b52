"""The importer against hostile and broken files (issue 11): bounded in rows, columns, time and memory; formulas
without a value, control and invisible characters refused naming the cell; a refused or killed import writes
nothing. The files come from benchmarks/hostile.py, made small where the size does not matter."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from app import settings as app_settings
from app.cli import main as crm_main
from app.db import make_engine, make_sessions
from app.errors import UserError
from app.importing import import_workbook, reader
from app.messages import msg
from benchmarks import hostile
from models import Base, Customer, SalesOrder
from tests.core.killing import kill_when, reopened

ROOT = Path(__file__).resolve().parents[2]
D = Decimal


def table_rows(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {t.name: int(conn.scalar(select(func.count()).select_from(t)) or 0) for t in Base.metadata.sorted_tables}


@pytest.fixture
def lite(tmp_path: Path) -> Iterator[sessionmaker[Session]]:
    """Sessions over a fresh SQLite database (the refusals happen before the database is written to)."""
    engine = make_engine(f"sqlite:///{tmp_path / 'crm.sqlite3'}")
    Base.metadata.create_all(engine)
    yield make_sessions(engine)
    engine.dispose()


def zipped(path: Path, sheets: dict[str, str], strings: str | None = None) -> Path:
    """A workbook from sheet XML written by hand (what openpyxl refuses to write: control characters …)."""
    members = [(title, hostile.member(f"xl/worksheets/sheet{n}.xml", xml))
               for n, (title, xml) in enumerate(sheets.items(), start=1)]
    shared = hostile.member("xl/sharedStrings.xml", strings) if strings is not None else None
    return hostile.write_zip(path, hostile.workbook_members(members, strings=shared))


def issues(result: Any) -> list[tuple[str, int | None, str | None, str]]:
    return [(e.sheet, e.row, e.column, e.reason.code) for e in result.errors]


# ---------------------------------------------------------------- files refused as a whole

REFUSED = {
    # name: (scale, catalogue code)
    "xml_bomb": (1.0, "import.xml_declaration"),
    "xml_bomb_utf16_strings": (1.0, "import.xml_declaration"),
    "xml_external_entity": (1.0, "import.xml_declaration"),
    "zip_bomb_1gib": (0.25, "import.too_large"),  # 256 MB declared: over the 200 MB limit
    "zip_bomb_lying_header": (0.01, "import.damaged"),
    "zip_60k_members": (0.2, "import.too_many_members"),
    "rows_1m_unnumbered": (1.0, "import_guard.too_many_rows"),
    "encrypted_xlsx": (1.0, "import_guard.encrypted"),
    "legacy_xls": (1.0, "import.old_xls"),
    "csv_renamed_gb18030": (1.0, "import_guard.text_file"),
    "csv_renamed_utf8": (1.0, "import_guard.text_file"),
    "empty": (1.0, "import_guard.empty_file"),
    "truncated": (1.0, "import_guard.truncated"),
}


@pytest.mark.parametrize("name", REFUSED)
def test_a_hostile_file_is_refused_quickly_naming_the_problem(name: str, tmp_path: Path,
                                                              lite: sessionmaker[Session]) -> None:
    scale, code = REFUSED[name]
    path = hostile.FILES[name](tmp_path / f"{name}.xlsx", scale)
    before = table_rows(lite.kw["bind"])
    start = time.perf_counter()
    with pytest.raises(UserError) as caught:
        import_workbook(lite, path)
    assert time.perf_counter() - start < 5.0
    assert caught.value.code == code, str(caught.value)
    assert path.name in str(caught.value) or "客户" in str(caught.value)  # it names the file (or the sheet)
    assert table_rows(lite.kw["bind"]) == before


def test_hostile_files_stay_within_5_s_and_300_mb(tmp_path: Path) -> None:
    """The biggest cases at full size, each in a child process of its own whose peak memory is read."""
    for name in ("rows_1m_unnumbered", "zip_bomb_1gib", "xml_bomb"):
        path = hostile.FILES[name](tmp_path / f"{name}.xlsx", 1.0)
        figures = hostile.measure(name, path, f"sqlite:///{tmp_path / (name + '.sqlite3')}", timeout=60)
        assert str(figures["outcome"]).startswith("refused"), figures
        assert float(figures["seconds"]) < hostile.TARGET_SECONDS, figures  # type: ignore[arg-type]
        assert float(figures["peak_mb"]) < hostile.TARGET_MB, figures  # type: ignore[arg-type]
        assert figures["rows_before"] == figures["rows_after"] == 0


def test_the_one_million_row_sheet_stops_at_the_limit(tmp_path: Path, lite: sessionmaker[Session]) -> None:
    """1,000,000 numbered rows: the check stops reading once the limit is passed, long before the end."""
    path = hostile.rows_1m(tmp_path / "big.xlsx", 0.3)  # 300,000 rows is enough to pass the 200,000 limit
    start = time.perf_counter()
    with pytest.raises(UserError) as caught:
        import_workbook(lite, path)
    assert time.perf_counter() - start < 5.0
    assert str(caught.value) == str(msg("import_guard.too_many_rows", sheet="客户", limit=200_000))


# ---------------------------------------------------------------- the row limit


def customers_xml(rows: int, extra: str = "") -> str:
    return hostile.sheet_xml([["客户编码", "客户名称"], *([f"C{n:03d}", f"公司{n}"] for n in range(1, rows + 1))],
                             extra)


def test_row_limit_from_the_argument_and_the_setting(tmp_path: Path, lite: sessionmaker[Session]) -> None:
    path = zipped(tmp_path / "six.xlsx", {"客户": customers_xml(6)})  # Excel rows 1..7
    with pytest.raises(UserError) as caught:
        import_workbook(lite, path, max_rows=6)
    assert caught.value.code == "import_guard.too_many_rows"
    assert "工作表「客户」超过 6 行" in str(caught.value)
    with lite.begin() as s:
        app_settings.save(s, import_max_rows=5)
    with pytest.raises(UserError, match="超过 5 行"):
        import_workbook(lite, path)
    assert table_rows(lite.kw["bind"])["customer"] == 0
    assert import_workbook(lite, path, max_rows=7).written  # exactly at the limit
    with pytest.raises(UserError) as bad:
        import_workbook(lite, path, max_rows=0)
    assert bad.value.code == "import_guard.bad_max_rows"
    with lite.begin() as s, pytest.raises(UserError):
        app_settings.save(s, import_max_rows=2_000_000)


def test_a_row_far_down_counts_as_that_many_rows(tmp_path: Path, lite: sessionmaker[Session]) -> None:
    """One row numbered 1,000,000 (a stray value far down) is refused at once: reading down to it would take
    as long as a million rows."""
    xml = customers_xml(2).replace("</sheetData>", '<row r="1000000"><c r="A1000000"><v>1</v></c></row></sheetData>')
    path = zipped(tmp_path / "far.xlsx", {"客户": xml})
    with pytest.raises(UserError) as caught:
        import_workbook(lite, path)
    assert caught.value.code == "import_guard.too_many_rows"


def test_other_sheets_are_not_limited(tmp_path: Path, lite: sessionmaker[Session]) -> None:
    """The limit is for the contract's sheets; a long notes sheet beside them is ignored with a notice."""
    notes = hostile.sheet_xml([[f"说明 {n}"] for n in range(30)])
    path = zipped(tmp_path / "notes.xlsx", {"客户": customers_xml(2), "说明": notes})
    result = import_workbook(lite, path, max_rows=10)
    assert result.written and result.counts["客户"]["created"] == 2


# ---------------------------------------------------------------- columns


def test_a_stray_value_in_column_xfd_costs_one_cell_a_row(tmp_path: Path, lite: sessionmaker[Session],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    path = hostile.stray_xfd(tmp_path / "xfd.xlsx", 0.01)  # 200 customers, each row with a value in XFD
    asked: list[int | None] = []
    real_rows = reader._OpenpyxlBook.rows

    def rows(self: Any, title: str, first: int = 1, last: int | None = None, width: int | None = None) -> Any:
        if first > 1:
            asked.append(width)
        return real_rows(self, title, first, last, width)

    monkeypatch.setattr(reader._OpenpyxlBook, "rows", rows)
    scan = reader.check_workbook_file(path)
    assert not scan.plain and scan.sheets[0].max_column == 16384  # calamine would hold 16,384 cells a row
    result = import_workbook(lite, path)
    assert result.written and result.counts["客户"]["created"] == 200
    assert asked == [2]  # the rows were asked for as wide as 客户编码 and 客户名称, not 16,384


# ---------------------------------------------------------------- formulas without a value


def test_formulas_without_a_value_are_refused_naming_the_cell(tmp_path: Path, lite: sessionmaker[Session]) -> None:
    """openpyxl (like many programs) saves formulas without their results: 0, today or "required" would be
    imported silently; each is refused naming its cell instead."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "客户"
    ws.append(["客户编码", "客户名称", "信用额度", "建档日期", "颜色"])
    ws.append(["C1", "=\"甲\"&\"公司\"", "=1000*5", "=TODAY()", "=1+1"])  # 颜色 is no column of the contract
    ws.append(["C2", "乙公司", 300, None, None])
    path = tmp_path / "formulas.xlsx"
    wb.save(path)
    result = import_workbook(lite, path)
    assert issues(result) == [("客户", 2, "客户名称", "import_guard.formula_no_value"),
                              ("客户", 2, "信用额度", "import_guard.formula_no_value"),
                              ("客户", 2, "建档日期", "import_guard.formula_no_value")]
    assert str(result.errors[1].reason) == str(msg("import_guard.formula_no_value", cell="C2"))
    assert "公式没有计算结果，请在Excel中打开并保存后再导入" in str(result.errors[0].reason)
    assert not result.written and table_rows(lite.kw["bind"])["customer"] == 0


def test_formulas_with_a_value_import_that_value(tmp_path: Path, lite: sessionmaker[Session]) -> None:
    xml = (hostile.SHEET_HEAD + '<row r="1">' + hostile.cell("A1", "客户编码") + hostile.cell("B1", "客户名称")
           + hostile.cell("C1", "信用额度") + hostile.cell("D1", "简称") + '</row><row r="2">' + hostile.cell("A2", "C1")
           + '<c r="B2" t="str"><f>"甲"&amp;"公司"</f><v>甲公司</v></c><c r="C2"><f>1000*5</f><v>5000</v></c>'
           # Excel's way of saving a formula whose result is the empty string: a value, an empty cell
           + '<c r="D2" t="str"><f>IF(1,"","x")</f><v></v></c></row>'
           + hostile.SHEET_TAIL)
    result = import_workbook(lite, zipped(tmp_path / "cached.xlsx", {"客户": xml}))
    assert result.written and not result.errors
    with lite() as s:
        assert s.execute(select(Customer.name, Customer.credit_limit, Customer.short_name)).one() == (
            "甲公司", D("5000.00"), None)


# ---------------------------------------------------------------- control characters


@pytest.mark.parametrize("written", ["\x01", "&#1;", "&#x1F;"])
def test_a_control_character_is_refused_naming_sheet_row_and_column(written: str, tmp_path: Path,
                                                                   lite: sessionmaker[Session]) -> None:
    xml = customers_xml(2).replace("公司2", f"公司{written}2")
    result = import_workbook(lite, zipped(tmp_path / "ctl.xlsx", {"客户": xml}))
    assert issues(result) == [("客户", 3, "客户名称", "import_guard.control_char")]
    assert "U+0001" in str(result.errors[0].reason) or "U+001F" in str(result.errors[0].reason)
    assert not result.written


def test_control_characters_in_a_sheet_read_by_openpyxl_name_the_cells(tmp_path: Path,
                                                                       lite: sessionmaker[Session]) -> None:
    """An error cell sends the sheet to openpyxl, whose XML parser stops at a control character without saying
    where: the file check names the cells first (also through the shared strings)."""
    xml = customers_xml(2).replace("公司2", "公司\x072").replace(
        "</row></sheetData>", '<c r="C3" t="e"><v>#N/A</v></c></row></sheetData>')
    with pytest.raises(UserError) as caught:
        import_workbook(lite, zipped(tmp_path / "ctl.xlsx", {"客户": xml}))
    assert caught.value.code == "import_guard.control_cells"
    assert "工作表「客户」单元格 B3" in str(caught.value)
    strings = (f'<sst {hostile.NS}><si><t>客户编码</t></si><si><t>客户名称</t></si><si><t>甲\x02</t></si></sst>')
    xml = (hostile.SHEET_HEAD + '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
           '<row r="2"><c r="A2" t="inlineStr"><is><t>C1</t></is></c><c r="B2" t="s"><v>2</v></c>'
           '<c r="C2" t="e"><v>#N/A</v></c></row>' + hostile.SHEET_TAIL)
    with pytest.raises(UserError) as caught:
        import_workbook(lite, zipped(tmp_path / "ctl2.xlsx", {"客户": xml}, strings=strings))
    assert "工作表「客户」单元格 B2" in str(caught.value)
    assert table_rows(lite.kw["bind"])["customer"] == 0


# ---------------------------------------------------------------- invisible characters


def test_a_zero_width_space_cannot_make_a_second_customer(tmp_path: Path, lite: sessionmaker[Session]) -> None:
    path = tmp_path / "zw.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "客户"
    for row in (["客户编码", "客户名称", "地区"], ["HC001", "甲公司\u200b", "西南"], ["HC001\u200b", "甲公司二", None],
                ["\ufeffHC002", "乙", None], ["HC003\u00a0", "丙", None], ["HC004", "丁", "华东\u2060"],
                ["HC005\u3000", "戊", None]):
        ws.append(row)
    wb.save(path)
    result = import_workbook(lite, path)
    assert issues(result) == [("客户", 3, "客户编码", "import_guard.invisible_char"),
                              ("客户", 4, "客户编码", "import_guard.invisible_char"),
                              ("客户", 5, "客户编码", "import_guard.invisible_char"),
                              ("客户", 6, "地区", "import_guard.invisible_char")]
    assert "U+200B ZERO WIDTH SPACE" in str(result.errors[0].reason)
    assert "U+FEFF" in str(result.errors[1].reason) and "U+00A0" in str(result.errors[2].reason)
    assert not result.written
    # without the refused rows: names lose invisible ends, a full-width space ends a code like a space
    wb.active.delete_rows(3, 4)
    wb.save(path)
    result = import_workbook(lite, path)
    assert result.written and not result.errors
    with lite() as s:
        assert s.execute(select(Customer.code, Customer.name).order_by(Customer.code)).all() == [
            ("HC001", "甲公司"), ("HC005", "戊")]


def test_an_invisible_character_in_an_order_s_customer_code_is_refused(tmp_path: Path,
                                                                        lite: sessionmaker[Session]) -> None:
    path = tmp_path / "order.xlsx"
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in {"客户": [["客户编码", "客户名称"], ["HC001", "甲"]],
                        "商品": [["商品编码", "商品名称"], ["P1", "螺丝"]],
                        "销售单": [["单号", "日期", "客户编码", "商品编码", "数量", "单价"],
                                ["X1", "2026-07-01", "HC001\u200b", "P1", 1, 5]]}.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    wb.save(path)
    result = import_workbook(lite, path)
    assert issues(result) == [("销售单", 2, "客户编码", "import_guard.invisible_char")]
    assert table_rows(lite.kw["bind"])["sales_order"] == 0


# ---------------------------------------------------------------- the command line


def crm(*args: str) -> tuple[int, str]:
    import contextlib
    import io

    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = crm_main(list(args))
    return code, err.getvalue()


def test_crm_import_max_rows(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    assert crm("--db", db, "init")[0] == 0
    path = zipped(tmp_path / "six.xlsx", {"客户": customers_xml(6)})
    code, err = crm("--db", db, "import", str(path), "--max-rows", "3")
    assert code == 1 and "工作表「客户」超过 3 行" in err and "Traceback" not in err, err
    code, err = crm("--db", db, "import", str(path), "--max-rows", "0")
    assert code == 1 and str(msg("import_guard.bad_max_rows", low=1, high=1_048_576)) in err, err
    code, err = crm("--db", db, "import", str(hostile.csv_renamed(tmp_path / "a.xlsx")))
    assert code == 1 and "文本文件" in err and "Traceback" not in err, err
    assert crm("--db", db, "import", str(path))[0] == 0


# ---------------------------------------------------------------- kill -9 in the middle of an import

CHILD = """
import sys
from pathlib import Path
from app.db import make_engine, make_sessions
from app.importing import import_workbook

def progress(stage, done, total):
    print(stage, done, total, sep="\\t", flush=True)

import_workbook(make_sessions(make_engine(sys.argv[1])), Path(sys.argv[2]), progress=progress)
print("FINISHED", flush=True)
"""


def big_workbook(path: Path, customers: int, lines: int) -> Path:
    def rows(head: list[str], body: Iterator[list[Any]]) -> str:
        return hostile.sheet_xml([head, *body])

    sheets = {
        "客户": rows(["客户编码", "客户名称", "地区", "账期天数", "信用额度"],
                   ([f"K{n:05d}", f"客户{n}", "西南", 30, 100000] for n in range(customers))),
        "商品": rows(["商品编码", "商品名称", "成本价", "售价"], ([f"P{n:03d}", f"商品{n}", 60, 100] for n in range(50))),
        "销售单": rows(["单号", "日期", "客户编码", "商品编码", "数量", "单价"],
                    ([f"SO{n:06d}", "2026-03-01", f"K{n % customers:05d}", f"P{n % 50:03d}", 2, 100]
                     for n in range(lines))),
    }
    return zipped(path, sheets)


@pytest.mark.parametrize("kill_at", ["写入客户", "写入销售单明细"])
def test_kill_9_during_an_import_leaves_the_last_committed_state(kill_at: str, db_url: str, tmp_path: Path) -> None:
    engine = make_engine(db_url)
    Base.metadata.create_all(engine)
    sessions = make_sessions(engine)
    first = zipped(tmp_path / "first.xlsx", {"客户": customers_xml(3)})
    assert import_workbook(sessions, first).written
    before = table_rows(engine)
    big = big_workbook(tmp_path / "big.xlsx", 3000, 3000)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen([sys.executable, "-c", CHILD, db_url, str(big)], stdout=subprocess.PIPE, text=True,
                             env=env)
    kill_when(child, lambda line: line.split("\t")[0] == kill_at and int(line.split("\t")[1]) > 0, "the import")
    engine.dispose()
    engine = reopened(db_url)  # opened afresh, as the next start of the program would
    assert table_rows(engine) == before  # nothing of the killed import
    # and the database takes the same import afterwards
    result = import_workbook(make_sessions(engine), big)
    assert result.written and table_rows(engine)["customer"] == 3003
    with make_sessions(engine)() as s:
        assert s.scalar(select(func.count()).select_from(SalesOrder)) == 3000
    engine.dispose()


def test_a_header_far_to_the_right_keeps_only_the_contract_s_columns(tmp_path: Path,
                                                                      lite: sessionmaker[Session]) -> None:
    """客户名称 in column WB (the 600th): rows are kept (for the error workbook) with the contract's columns only,
    not 600 cells each; in column XFD it is refused, as every row would be read 16,384 cells wide."""
    def sheet(letters: str) -> str:
        return (hostile.SHEET_HEAD + '<row r="1">' + hostile.cell("A1", "客户编码")
                + hostile.cell(f"{letters}1", "客户名称") + '</row><row r="2">' + hostile.cell("A2", "C1")
                + hostile.cell(f"{letters}2", "甲") + '</row><row r="3">' + hostile.cell("A3", "C2") + '</row>'
                + hostile.SHEET_TAIL)

    with pytest.raises(UserError) as caught:
        import_workbook(lite, zipped(tmp_path / "xfd.xlsx", {"客户": sheet("XFD")}), partial=True)
    assert str(caught.value) == str(msg("import_guard.column_too_far", sheet="客户", column="客户名称", cell="XFD1",
                                        limit="AMJ"))
    result = import_workbook(lite, zipped(tmp_path / "far.xlsx", {"客户": sheet("WB")}), partial=True)
    assert result.written and issues(result) == [("客户", 3, "客户名称", "import.required")]
    assert result.error_workbook is not None
    ws = openpyxl.load_workbook(result.error_workbook).active
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    assert rows[0] == ["客户编码", "客户名称", str(msg("import.error_column_reason")), str(msg("import.error_column_row"))]
    assert len(rows) == 2 and rows[1][:2] == ["C2", None] and rows[1][3] == 3 and "客户名称" in rows[1][2]
