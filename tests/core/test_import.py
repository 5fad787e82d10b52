"""The import workbook: template, parsing, all-or-nothing and --partial, idempotence, --update, hostile files."""
from __future__ import annotations

import ast
import time
import zipfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from app import importing
from app.importing import ImportIssue, ImportRefused, import_workbook, reader, write_template
from app.messages import msg
from models import (
    AuditLog,
    BlacklistHistory,
    CodeEntry,
    Contact,
    CreditHistory,
    Customer,
    OrderLine,
    OwnerHistory,
    Product,
    Receipt,
    ReturnLine,
    SalesOrder,
    Salesperson,
    SalesReturn,
    StatusHistory,
)

D = Decimal
TODAY = date(2026, 6, 30)
ALL_MODELS = (Salesperson, Customer, Contact, OwnerHistory, StatusHistory, BlacklistHistory, CreditHistory,
              Product, CodeEntry, SalesOrder, OrderLine, SalesReturn, ReturnLine, Receipt)

SP_HEAD = ["工号", "姓名", "部门", "电话", "在职"]
CUST_HEAD = ["客户编码", "客户名称", "简称", "客户类型", "地区", "行业", "负责销售员", "联系人", "职位", "电话", "手机",
             "邮箱", "信用等级", "账期天数", "信用额度", "状态", "黑名单", "建档日期", "备注"]
PROD_HEAD = ["商品编码", "商品名称", "规格型号", "单位", "类别", "成本价", "售价"]
ORDER_HEAD = ["单号", "日期", "客户编码", "经办人", "商品编码", "数量", "单价", "成本价", "备注"]
RETURN_HEAD = ["退货单号", "日期", "客户编码", "原单号", "商品编码", "数量", "单价", "成本价", "备注"]
RECEIPT_HEAD = ["收款单号", "日期", "客户编码", "金额", "方式", "对应单号", "备注"]


def book(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def count(sessions: sessionmaker[Session], model: Any) -> int:
    with sessions() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def good_sheets() -> dict[str, list[list[Any]]]:
    return {
        "销售员": [SP_HEAD, ["S01", "张伟", "销售一部", "13800000001", "是"], ["S02", "王芳", "销售二部", None, "否"]],
        "客户": [
            CUST_HEAD,
            ["C001", "重庆银行股份有限公司", "重庆银行", "批发", "西南", "金融", "S01", "李四", "经理", "023-6000000",
             "13900000000", "li@example.com", "A", 30, 50000, "正常", "否", "2026-01-01", "老客户"],
            ["C002", "成都小店", None, "零售", "西南", None, None, None, None, None, None, None, None, None, None,
             "潜在", None, None, None],
            ["C003", "黑名单公司", None, None, None, None, "S02", None, None, None, None, None, "D", 15, 0, "暂停",
             "是", date(2026, 1, 1), None],
        ],
        "商品": [PROD_HEAD, ["P01", "螺丝", "M6", "盒", "五金", 8, 12.5], ["P02", "螺母", "M6", "盒", "五金", 3.33, 4.99]],
        "销售单": [
            ORDER_HEAD,
            ["XS001", "2026-02-10", "C001", "S02", "P01", 3, 12.5, None, None],
            ["XS001", None, None, None, "P02", 2.5, "4.99", None, "促销"],  # header cells inherited from row 2
            ["XS002", "2026-03-01", "C002", None, "P01", 10, 12, 7, None],
            ["XS003", date(2026, 3, 5), "C003", "S01", "P02", "1.125", 4, None, None],
        ],
        "退货": [RETURN_HEAD, ["TH001", "2026-02-15", "C001", "XS001", "P01", 1, 12.5, None, None]],
        "收款": [
            RECEIPT_HEAD,
            ["SK001", "2026-02-28", "C001", 30, "银行转账", "XS001", None],
            ["SK002", "2026-03-02", "C002", "¥120.00", "现金", None, "首付"],
        ],
    }


def zero_counts() -> dict[str, int]:
    return {"created": 0, "updated": 0, "unchanged": 0, "rejected": 0}


# ---------------------------------------------------------------- template


def test_template_has_exactly_the_headers(tmp_path: Path, sessions: sessionmaker[Session]) -> None:
    path = tmp_path / "模板.xlsx"
    write_template(path)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["销售员", "客户", "商品", "销售单", "退货", "收款"]
    expected = {
        "销售员": SP_HEAD,
        "客户": ["客户编码", "客户名称", "简称", "客户类型", "地区", "行业", "负责销售员", "联系人", "职位", "电话",
               "手机", "邮箱", "地址", "开户银行", "银行账号", "税号", "信用等级", "账期天数", "信用额度", "状态",
               "黑名单", "建档日期", "备注"],
        "商品": PROD_HEAD,
        "销售单": ORDER_HEAD,
        "退货": RETURN_HEAD,
        "收款": RECEIPT_HEAD,
    }
    for title, headers in expected.items():
        ws = wb[title]
        assert [c.value for c in ws[1]] == headers, title
        assert ws.max_row == 1
        assert all(c.font.b for c in ws[1])
        assert ws.column_dimensions["A"].number_format == "@"  # every first column is a code
        assert ws.column_dimensions["B"].width >= 8
    assert wb["客户"].column_dimensions["O"].number_format == "@"  # 银行账号 keeps all its digits
    # the empty template imports cleanly and writes nothing
    result = import_workbook(sessions, path, today=TODAY)
    assert result.errors == [] and not result.written
    assert result.counts == {name: zero_counts() for name in expected}


# ---------------------------------------------------------------- a good workbook


def test_good_workbook_imports_rows_amounts_and_due_dates(tmp_path: Path, sessions: sessionmaker[Session]) -> None:
    stages: list[str] = []
    result = import_workbook(sessions, book(tmp_path / "in.xlsx", good_sheets()), today=TODAY, actor="admin",
                             progress=lambda stage, done, total: stages.append(stage))
    assert result.errors == []
    assert result.written and result.error_workbook is None
    created = {"销售员": 2, "客户": 3, "商品": 2, "销售单": 3, "退货": 1, "收款": 2}
    assert result.counts == {k: zero_counts() | {"created": n} for k, n in created.items()}
    assert "写入销售单" in stages and any(s.startswith("读取工作表") for s in stages)
    # XS002 (2026-03-01) predates C002's 建档日期 (the import date)
    assert any("早于客户的建档日期" in str(n) for n in result.notices)

    with sessions() as s:
        sp = {r.code: r for r in s.scalars(select(Salesperson))}
        assert (sp["S01"].name, sp["S01"].department, sp["S01"].phone, sp["S01"].employed) == (
            "张伟", "销售一部", "13800000001", True)
        assert sp["S02"].employed is False and sp["S01"].initials == "zw"
        tables = {(e.kind, e.name) for e in s.scalars(select(CodeEntry))}
        assert tables == {("customer_type", "批发"), ("customer_type", "零售"), ("region", "西南"),
                          ("industry", "金融"), ("position", "经理"), ("product_category", "五金"),
                          ("payment_method", "银行转账"), ("payment_method", "现金")}
        entry = {e.id: e.name for e in s.scalars(select(CodeEntry))}

        c = {r.code: r for r in s.scalars(select(Customer))}
        c1, c2, c3 = c["C001"], c["C002"], c["C003"]
        assert (c1.name, c1.short_name, entry[c1.type_id], entry[c1.region_id], entry[c1.industry_id]) == (
            "重庆银行股份有限公司", "重庆银行", "批发", "西南", "金融")
        assert (c1.grade, c1.notes, c1.created, c1.mnemonic) == ("A", "老客户", date(2026, 1, 1), "cqyhgfyxgs")
        assert c2.created == TODAY and c2.industry_id is None and c2.grade is None
        assert (c3.grade, c3.created, c3.type_id) == ("D", date(2026, 1, 1), None)
        contacts = s.execute(select(Contact.customer_id, Contact.name, Contact.position_id, Contact.phone,
                                    Contact.mobile, Contact.email)).all()
        assert [(cid, n, entry[p], ph, m, e) for cid, n, p, ph, m, e in contacts] == [
            (c1.id, "李四", "经理", "023-6000000", "13900000000", "li@example.com")]

        def hist(model: Any, *cols: str) -> dict[str, tuple[Any, ...]]:
            rows = s.execute(select(model.customer_id, model.effective, model.changed_by,
                                    *[getattr(model, x) for x in cols])).all()
            by_id = {v.id: k for k, v in c.items()}
            return {by_id[r[0]]: tuple(r[1:]) for r in rows}

        assert hist(OwnerHistory, "salesperson_id") == {
            "C001": (date(2026, 1, 1), "admin", sp["S01"].id), "C002": (TODAY, "admin", None),
            "C003": (date(2026, 1, 1), "admin", sp["S02"].id)}
        assert hist(StatusHistory, "status") == {
            "C001": (date(2026, 1, 1), "admin", "active"), "C002": (TODAY, "admin", "prospect"),
            "C003": (date(2026, 1, 1), "admin", "suspended")}
        assert hist(CreditHistory, "term_days", "credit_limit") == {
            "C001": (date(2026, 1, 1), "admin", 30, D("50000.00")), "C002": (TODAY, "admin", 0, D("0.00")),
            "C003": (date(2026, 1, 1), "admin", 15, D("0.00"))}
        assert hist(BlacklistHistory, "blacklisted") == {"C003": (date(2026, 1, 1), "admin", True)}
        # the list columns carry the same values
        assert {k: (v.owner_id, v.status, v.blacklisted, v.term_days, v.credit_limit) for k, v in c.items()} == {
            "C001": (sp["S01"].id, "active", False, 30, D("50000.00")), "C002": (None, "prospect", False, 0, D("0.00")),
            "C003": (sp["S02"].id, "suspended", True, 15, D("0.00"))}

        p = {r.code: r for r in s.scalars(select(Product))}
        assert (p["P01"].name, p["P01"].spec, p["P01"].unit, entry[p["P01"].category_id]) == ("螺丝", "M6", "盒", "五金")
        assert (p["P01"].cost, p["P01"].price, p["P02"].cost, p["P02"].price) == (
            D("8.00"), D("12.50"), D("3.33"), D("4.99"))

        orders = {o.number: o for o in s.scalars(select(SalesOrder))}
        # XS001: 3 × 12.50 = 37.50 (cost 3 × 8.00 = 24.00); 2.5 × 4.99 = 12.475 → 12.48 (cost 2.5 × 3.33 = 8.325 → 8.33)
        # term 30 from 2026-01-01: due 2026-02-10 + 30 days = 2026-03-12
        xs1 = orders["XS001"]
        assert (xs1.date, xs1.customer_id, xs1.handler_id, xs1.status) == (
            date(2026, 2, 10), c1.id, sp["S02"].id, "confirmed")
        assert (xs1.total, xs1.cost_total, xs1.term_days, xs1.due_date, xs1.created_by) == (
            D("49.98"), D("32.33"), 30, date(2026, 3, 12), "admin")
        assert [(ln.line_no, ln.product_id, ln.qty, ln.price, ln.unit_cost, ln.amount, ln.cost, ln.notes)
                for ln in xs1.lines] == [
            (1, p["P01"].id, D("3.000"), D("12.50"), D("8.00"), D("37.50"), D("24.00"), None),
            (2, p["P02"].id, D("2.500"), D("4.99"), D("3.33"), D("12.48"), D("8.33"), "促销")]
        # XS002: 10 × 12.00 = 120.00, explicit cost 10 × 7.00 = 70.00; C002 has term 0 → due on the order date
        xs2 = orders["XS002"]
        assert (xs2.total, xs2.cost_total, xs2.term_days, xs2.due_date, xs2.handler_id) == (
            D("120.00"), D("70.00"), 0, date(2026, 3, 1), None)
        # XS003: 1.125 × 4.00 = 4.50; cost 1.125 × 3.33 = 3.74625 → 3.75; term 15 → due 2026-03-20.
        # C003 is blacklisted and suspended: imported history is confirmed without a credit check.
        xs3 = orders["XS003"]
        assert (xs3.total, xs3.cost_total, xs3.term_days, xs3.due_date, xs3.status) == (
            D("4.50"), D("3.75"), 15, date(2026, 3, 20), "confirmed")

        ret = s.scalars(select(SalesReturn)).one()
        # no 成本价 on the return line: the product's 8.00
        assert (ret.number, ret.date, ret.customer_id, ret.order_id, ret.status, ret.total, ret.cost_total) == (
            "TH001", date(2026, 2, 15), c1.id, xs1.id, "confirmed", D("12.50"), D("8.00"))
        assert [(ln.qty, ln.price, ln.unit_cost, ln.amount, ln.cost) for ln in ret.lines] == [
            (D("1.000"), D("12.50"), D("8.00"), D("12.50"), D("8.00"))]

        rc = {r.number: r for r in s.scalars(select(Receipt))}
        assert (rc["SK001"].amount, entry[rc["SK001"].method_id], rc["SK001"].order_id, rc["SK001"].date) == (
            D("30.00"), "银行转账", xs1.id, date(2026, 2, 28))
        assert (rc["SK002"].amount, entry[rc["SK002"].method_id], rc["SK002"].order_id, rc["SK002"].notes) == (
            D("120.00"), "现金", None, "首付")
        assert [(a.login, a.action) for a in s.scalars(select(AuditLog))] == [("admin", "import")]


def test_english_names_shuffled_columns_and_full_width_headers(tmp_path: Path,
                                                                 sessions: sessionmaker[Session]) -> None:
    path = book(tmp_path / "en.xlsx", {
        "Salespeople": [["Employed", "\u3000Name\u3000", "ＣＯＤＥ"], ["否", "Li Lei", "S09"]],
        " customers ": [["credit days", "Name", " code ", "Owner", "Credit_Limit", "created", "颜色"],
                        [45, "Ｅ公司", "E01", "S09", "1,000", "2026/1/5", "红"]],
        "PRODUCTS": [["Price", "Code", "Name*", "Cost"], [10, "P9", "Pen", 6]],
        "Orders": [["qty", "Product", "number", "Date", "customer", "price", "handler"],
                   [2, "P9", "EN-1", "2026.2.1", "E01", 9.5, "S09"]],
        "说明": [["这是说明"]],
    })
    result = import_workbook(sessions, path, today=TODAY)
    assert result.errors == [] and result.written
    assert set(result.counts) == {"销售员", "客户", "商品", "销售单"}
    notices = [str(n) for n in result.notices]
    assert "已忽略无法识别的工作表「说明」" in notices
    assert "工作表「 customers 」：已忽略无法识别的列 「颜色」" in notices
    with sessions() as s:
        sp = s.scalars(select(Salesperson)).one()
        assert (sp.code, sp.name, sp.employed) == ("S09", "Li Lei", False)
        cust = s.scalars(select(Customer)).one()
        assert (cust.code, cust.name, cust.created) == ("E01", "Ｅ公司", date(2026, 1, 5))
        assert s.execute(select(CreditHistory.term_days, CreditHistory.credit_limit)).one() == (45, D("1000.00"))
        assert s.scalar(select(OwnerHistory.salesperson_id)) == sp.id
        order = s.scalars(select(SalesOrder)).one()
        # 2 × 9.50 = 19.00, cost 2 × 6.00 = 12.00; term 45 → due 2026-02-01 + 45 days = 2026-03-18
        assert (order.number, order.date, order.total, order.cost_total, order.due_date, order.handler_id) == (
            "EN-1", date(2026, 2, 1), D("19.00"), D("12.00"), date(2026, 3, 18), sp.id)


def test_codes_are_text(tmp_path: Path, sessions: sessionmaker[Session]) -> None:
    path = book(tmp_path / "codes.xlsx", {
        "客户": [["客户编码", "客户名称"], ["001", "零零一"], [100234.0, "数字编码"], [42, "整数编码"]],
        "商品": [["商品编码", "商品名称"], [7.0, "七号"]],
        "销售单": [["单号", "日期", "客户编码", "商品编码", "数量", "单价"],
                 [20260001.0, "2026-01-02", 100234, 7, 1, 1], ["0002", "2026-01-02", "001", "7", 1, 1]],
    })
    result = import_workbook(sessions, path, today=TODAY)
    assert result.errors == []
    with sessions() as s:
        assert sorted(s.scalars(select(Customer.code))) == ["001", "100234", "42"]
        assert s.scalars(select(Product.code)).all() == ["7"]
        rows = s.execute(select(SalesOrder.number, Customer.code).join(Customer)).all()
        assert sorted(rows) == [("0002", "001"), ("20260001", "100234")]


def test_every_date_and_number_form(tmp_path: Path, sessions: sessionmaker[Session]) -> None:
    dates = [datetime(2026, 7, 1), date(2026, 7, 1), "2026-07-01", "2026/7/1", "2026.7.1", "2026年7月1日",
             "２０２６－０７－０１", " 2026-07-01 "]
    amounts = [1234.5, "1,234.50", "１２３４．５", "¥1,234.50", "￥1234.50", "1234.5", 1234.50, " ¥ 1,234.5 "]
    receipts = [["收款单号", "日期", "客户编码", "金额"]]
    receipts += [[f"SK{i}", d, "C1", a] for i, (d, a) in enumerate(zip(dates, amounts, strict=True))]
    path = book(tmp_path / "forms.xlsx", {
        "客户": [["客户编码", "客户名称", "信用额度", "账期天数"], ["C1", "甲", "¥12,345.60", "３０"]],
        "商品": [["商品编码", "商品名称", "售价"], ["P1", "乙", "1,000"]],
        "销售单": [["单号", "日期", "客户编码", "商品编码", "数量", "单价"],
                 ["X1", "2026年7月1日", "C1", "P1", "１．２５", "¥8.00"], ["X1", None, None, "P1", "2,000", 0.01]],
        "收款": receipts,
    })
    result = import_workbook(sessions, path, today=TODAY)
    assert result.errors == []
    with sessions() as s:
        assert s.execute(select(Receipt.date, Receipt.amount).distinct()).all() == [(date(2026, 7, 1), D("1234.50"))]
        assert count(sessions, Receipt) == 8
        assert s.execute(select(CreditHistory.term_days, CreditHistory.credit_limit)).one() == (30, D("12345.60"))
        assert s.scalar(select(Product.price)) == D("1000.00")
        # 1.25 × 8.00 = 10.00; 2000 × 0.01 = 20.00
        assert s.execute(select(SalesOrder.date, SalesOrder.total)).one() == (date(2026, 7, 1), D("30.00"))
        assert sorted(s.scalars(select(OrderLine.qty))) == [D("1.250"), D("2000.000")]


@pytest.mark.parametrize(("header", "value", "reason"), [
    ("单价", "12.345", "精确到分"),
    ("单价", "1,23", "不是有效的数字"),
    ("单价", -1, "不能为负数"),
    ("数量", "1.0005", "三位小数"),
    ("数量", 0, "大于 0"),
    ("日期", "2026-02-30", "不是有效的日期"),
    ("日期", "7/1/2026", "不是有效的日期"),
    ("日期", True, "应为日期"),
    ("商品编码", 1.5, "不能是小数"),
])
def test_bad_cell_values(tmp_path: Path, sessions: sessionmaker[Session], header: str, value: Any,
                         reason: str) -> None:
    row = {"单号": "X1", "日期": "2026-07-01", "客户编码": "C1", "商品编码": "P1", "数量": 1, "单价": 5}
    row[header] = value
    path = book(tmp_path / "bad.xlsx", {
        "客户": [["客户编码", "客户名称"], ["C1", "甲"]],
        "商品": [["商品编码", "商品名称"], ["P1", "乙"]],
        "销售单": [list(row), list(row.values())],
    })
    result = import_workbook(sessions, path, today=TODAY)
    assert [(e.sheet, e.row, e.column) for e in result.errors] == [("销售单", 2, header)]
    assert reason in str(result.errors[0].reason)
    assert not result.written and count(sessions, Customer) == 0


# ---------------------------------------------------------------- errors


def test_missing_required_column(tmp_path: Path, sessions: sessionmaker[Session]) -> None:
    path = book(tmp_path / "m.xlsx", {"客户": [["客户编码", "简称"], ["C1", "甲"]],
                                      "商品": [["商品编码", "商品名称"], ["P1", "乙"]]})
    result = import_workbook(sessions, path, today=TODAY)
    assert result.errors == [ImportIssue("客户", None, "客户名称", msg("import.column_missing"))]
    assert str(result.errors[0].reason) == "缺少必填列"
    assert not result.written
    assert result.counts["客户"] == zero_counts() | {"rejected": 1}
    assert count(sessions, Customer) == 0 and count(sessions, Product) == 0


def bad_sheets() -> dict[str, list[list[Any]]]:
    return {
        "销售员": [SP_HEAD, ["S01", "张伟"], ["S01", "李雷"]],
        "客户": [
            ["客户编码", "客户名称", "信用等级", "负责销售员", "账期天数"],
            ["C001", "甲", "E", None, None],
            [None, "无编码公司", None, None, None],
            ["C004", "丁", None, "S99", None],
            ["C005", "戊", None, None, "-5"],
            ["C006", "己", "B", "S01", 30],
            ["C007", "庚", None, None, None],
        ],
        "商品": [["商品编码", "商品名称", "成本价", "售价"], ["P01", "螺丝", 1, "12.345"], ["P02", "螺母", 1, 5]],
        "销售单": [
            ["单号", "日期", "客户编码", "商品编码", "数量", "单价"],
            ["XS001", "2026-02-10", "C009", "P02", 1, 5],
            ["XS002", "2026-02-11", "C006", "P02", "abc", 5],
            ["XS003", "2026-02-12", "C006", "P02", 1, 5],
            ["XS003", "2026-02-13", "C006", "P02", 1, 5],
            ["XS004", "2026-02-30", "C006", "P02", 1, 5],
            ["XS005", "2026-02-12", "C006", "P01", 1, 5],
            ["XS006", "2026-02-12", "C007", "P02", 1, 5],
        ],
        "收款": [
            ["收款单号", "日期", "客户编码", "金额", "对应单号"],
            ["SK001", "2026-02-28", "C006", 10, "XS009"],
            ["SK002", "2026-02-28", "C006", "0.001", None],
            ["SK003", "2026-02-28", "C006", 100, None],
            ["SK004", "2026-02-28", "C006", 5, "XS006"],
            ["SK003", "2026-03-01", "C006", 7, None],
        ],
    }


BAD_ERRORS = [
    ("销售员", 3, "工号", "与第 2 行重复"),
    ("客户", 2, "信用等级", "A/B/C/D"),
    ("客户", 3, "客户编码", "必填"),
    ("客户", 4, "负责销售员", "销售员「S99」不存在"),
    ("客户", 5, "账期天数", "整数天数"),
    ("商品", 2, "售价", "精确到分"),
    ("销售单", 2, "客户编码", "客户「C009」不存在"),
    ("销售单", 3, "数量", "不是有效的数字"),
    ("销售单", 5, "日期", "必须相同（第 4 行为「2026-02-12」）"),
    ("销售单", 6, "日期", "不是有效的日期"),
    ("销售单", 7, "商品编码", "引用的商品「P01」有错误（工作表「商品」第 2 行）"),
    ("收款", 2, "对应单号", "销售单「XS009」不存在"),
    ("收款", 3, "金额", "精确到分"),
    ("收款", 5, "对应单号", "属于客户「C007」"),
    ("收款", 6, "收款单号", "与第 4 行重复"),
]


def test_bad_rows_report_every_error_and_write_nothing(tmp_path: Path, sessions: sessionmaker[Session]) -> None:
    result = import_workbook(sessions, book(tmp_path / "bad.xlsx", bad_sheets()), today=TODAY)
    assert [(e.sheet, e.row, e.column) for e in result.errors] == [e[:3] for e in BAD_ERRORS]
    for issue, (_s, _r, _c, words) in zip(result.errors, BAD_ERRORS, strict=True):
        assert words in str(issue.reason), issue
    assert not result.written and result.error_workbook is None
    assert not (tmp_path / "bad_错误.xlsx").exists()
    for model in (*ALL_MODELS, AuditLog):
        assert count(sessions, model) == 0, model


def test_partial_writes_good_rows_and_an_error_workbook(tmp_path: Path, sessions: sessionmaker[Session]) -> None:
    result = import_workbook(sessions, book(tmp_path / "bad.xlsx", bad_sheets()), partial=True, today=TODAY)
    assert [(e.sheet, e.row, e.column) for e in result.errors] == [e[:3] for e in BAD_ERRORS]
    assert result.written
    assert result.counts == {
        "销售员": zero_counts() | {"created": 1, "rejected": 1},
        "客户": zero_counts() | {"created": 2, "rejected": 4},
        "商品": zero_counts() | {"created": 1, "rejected": 1},
        "销售单": zero_counts() | {"created": 1, "rejected": 5},
        "收款": zero_counts() | {"created": 1, "rejected": 4},
    }
    with sessions() as s:
        assert s.scalars(select(Salesperson.name)).all() == ["张伟"]
        assert sorted(s.scalars(select(Customer.code))) == ["C006", "C007"]
        assert s.scalars(select(Product.code)).all() == ["P02"]
        assert s.execute(select(SalesOrder.number, SalesOrder.total)).all() == [("XS006", D("5.00"))]
        assert s.execute(select(Receipt.number, Receipt.amount)).all() == [("SK003", D("100.00"))]

    assert result.error_workbook == tmp_path / "bad_错误.xlsx"
    wb = openpyxl.load_workbook(result.error_workbook)
    assert wb.sheetnames == ["销售员", "客户", "商品", "销售单", "收款"]
    orders = list(wb["销售单"].iter_rows(values_only=True))
    assert orders[0] == ("单号", "日期", "客户编码", "商品编码", "数量", "单价", "错误原因", "原行号")
    assert [(r[0], r[7]) for r in orders[1:]] == [
        ("XS001", 2), ("XS002", 3), ("XS003", 4), ("XS003", 5), ("XS004", 6), ("XS005", 7)]
    reasons = {r[7]: r[6] for r in orders[1:]}
    assert "其他行有错误（第 5 行）" in reasons[4]  # a good line of a bad order goes with its order
    assert reasons[3].startswith("数量：")
    assert [r[0] for r in wb["客户"].iter_rows(min_row=2, values_only=True)] == ["C001", None, "C004", "C005"]
    assert [r[-1] for r in wb["收款"].iter_rows(min_row=2, values_only=True)] == [2, 3, 5, 6]


def test_partial_rejects_rows_whose_reference_was_rejected(tmp_path: Path, sessions: sessionmaker[Session]) -> None:
    path = book(tmp_path / "chain.xlsx", {
        "销售员": [SP_HEAD, ["S01", None]],  # no name: rejected
        "客户": [["客户编码", "客户名称", "负责销售员"], ["C1", "甲", "S01"], ["C2", "乙", None]],
        "商品": [["商品编码", "商品名称"], ["P1", "笔"]],
        "销售单": [["单号", "日期", "客户编码", "商品编码", "数量", "单价"],
                 ["X1", "2026-01-05", "C1", "P1", 1, 1], ["X2", "2026-01-05", "C2", "P1", 1, 1]],
        "退货": [["退货单号", "日期", "客户编码", "原单号", "商品编码", "数量", "单价"],
               ["T1", "2026-01-06", "C2", "X1", "P1", 1, 1]],
    })
    result = import_workbook(sessions, path, partial=True, today=TODAY)
    assert [(e.sheet, e.row, e.column) for e in result.errors] == [
        ("销售员", 2, "姓名"), ("客户", 2, "负责销售员"), ("销售单", 2, "客户编码"), ("退货", 2, "原单号")]
    assert "引用的客户「C1」有错误（工作表「客户」第 2 行）" in str(result.errors[2].reason)
    with sessions() as s:
        assert s.scalars(select(Customer.code)).all() == ["C2"]
        assert s.scalars(select(SalesOrder.number)).all() == ["X2"]
        assert count(sessions, SalesReturn) == 0


# ---------------------------------------------------------------- idempotence and --update


def test_second_import_changes_nothing(tmp_path: Path, sessions: sessionmaker[Session]) -> None:
    path = book(tmp_path / "in.xlsx", good_sheets())
    first = import_workbook(sessions, path, today=TODAY)
    assert first.written
    before = {m.__name__: count(sessions, m) for m in ALL_MODELS}
    second = import_workbook(sessions, path, today=date(2026, 7, 15))
    assert not second.written and second.errors == []
    unchanged = {"销售员": 2, "客户": 3, "商品": 2, "销售单": 3, "退货": 1, "收款": 2}
    assert second.counts == {k: zero_counts() | {"unchanged": n} for k, n in unchanged.items()}
    assert "工作簿中的数据都已导入过，本次没有任何改动" in [str(n) for n in second.notices]
    assert {m.__name__: count(sessions, m) for m in ALL_MODELS} == before
    assert count(sessions, AuditLog) == 1
    # and again with --update: the same values are still no change
    third = import_workbook(sessions, path, update=True, today=date(2026, 7, 15))
    assert not third.written and third.counts == second.counts


def test_update_changes_master_records_only_with_update(tmp_path: Path, sessions: sessionmaker[Session]) -> None:
    import_workbook(sessions, book(tmp_path / "in.xlsx", good_sheets()), today=TODAY)
    sheets = good_sheets()
    sheets["客户"][1][1] = "长江贸易有限公司"  # C001 renamed
    sheets["客户"][1][13] = 45  # and its term
    sheets["客户"][1][9] = "023-6111111"  # its contact's phone
    sheets["客户"][2][7] = "赵六"  # C002 gets its first contact
    sheets["商品"][1][6] = 13  # P01 price
    sheets["销售单"][1][5] = 99  # documents are never updated
    path = book(tmp_path / "changed.xlsx", sheets)

    plain = import_workbook(sessions, path, today=date(2026, 7, 10))
    assert not plain.written
    assert plain.counts["客户"] == zero_counts() | {"unchanged": 3}
    assert any("2 行的编码已存在且内容与系统中不同，未更新" in str(n) for n in plain.notices)

    updated = import_workbook(sessions, path, update=True, today=date(2026, 7, 10))
    assert updated.written
    assert updated.counts["客户"] == zero_counts() | {"updated": 2, "unchanged": 1}
    assert updated.counts["商品"] == zero_counts() | {"updated": 1, "unchanged": 1}
    assert updated.counts["销售单"] == zero_counts() | {"unchanged": 3}
    with sessions() as s:
        c1 = s.scalars(select(Customer).where(Customer.code == "C001")).one()
        assert (c1.name, c1.mnemonic, c1.short_name, c1.created) == ("长江贸易有限公司", "cjmyyxgs", "重庆银行",
                                                                     date(2026, 1, 1))
        credit = s.execute(select(CreditHistory.effective, CreditHistory.term_days, CreditHistory.credit_limit)
                           .where(CreditHistory.customer_id == c1.id).order_by(CreditHistory.id)).all()
        assert credit == [(date(2026, 1, 1), 30, D("50000.00")), (date(2026, 7, 10), 45, D("50000.00"))]
        assert count(sessions, OwnerHistory) == 3  # the owner did not change: no new row
        contacts = s.execute(select(Customer.code, Contact.name, Contact.phone).join(Customer)
                             .order_by(Contact.id)).all()
        assert contacts == [("C001", "李四", "023-6111111"), ("C002", "赵六", None)]
        assert s.scalar(select(Product.price).where(Product.code == "P01")) == D("13.00")
        assert s.scalar(select(SalesOrder.total).where(SalesOrder.number == "XS001")) == D("49.98")


# ---------------------------------------------------------------- hostile and broken files


def test_missing_and_not_a_zip(tmp_path: Path, sessions: sessionmaker[Session]) -> None:
    with pytest.raises(ImportRefused, match="找不到文件"):
        import_workbook(sessions, tmp_path / "nope.xlsx")
    text = tmp_path / "fake.xlsx"
    text.write_text("客户编码,客户名称\nC1,甲\n", encoding="utf-8")
    with pytest.raises(ImportRefused, match=r"不是有效的 Excel 工作簿（\.xlsx）"):
        import_workbook(sessions, text)
    old = tmp_path / "old.xlsx"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    with pytest.raises(ImportRefused, match="旧版 .xls"):
        import_workbook(sessions, old)
    plain_zip = tmp_path / "other.xlsx"
    with zipfile.ZipFile(plain_zip, "w") as zf:
        zf.writestr("readme.txt", "hello")
    with pytest.raises(ImportRefused, match="不是有效的 Excel 工作簿"):
        import_workbook(sessions, plain_zip)
    assert count(sessions, Customer) == 0


def test_zip_bomb_is_refused(tmp_path: Path, sessions: sessionmaker[Session]) -> None:
    good = book(tmp_path / "good.xlsx", {"客户": [["客户编码", "客户名称"], ["C1", "甲"]]})
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item))
        zeros = b"\0" * (1024 * 1024)
        with dst.open("xl/media/padding.bin", "w", force_zip64=True) as member:
            for _ in range(300):  # 300 MB of zeros packs to about 300 KB
                member.write(zeros)
    assert bomb.stat().st_size < 2 * 1024 * 1024
    with pytest.raises(ImportRefused, match="疑似压缩炸弹"):
        import_workbook(sessions, bomb)
    # under the total cap, but one member unpacks 1000-fold
    ratio = tmp_path / "ratio.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(ratio, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data + b" " * (30 * 1024 * 1024)  # trailing blanks: still well-formed XML
            dst.writestr(item, data)
    with pytest.raises(ImportRefused, match="压缩比异常"):
        import_workbook(sessions, ratio)
    assert count(sessions, Customer) == 0


def _replace_member(src: Path, dst: Path, name: str, data: bytes) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            zout.writestr(item, data if item.filename == name else zin.read(item))
    return dst


def test_xml_attacks_are_refused(tmp_path: Path, sessions: sessionmaker[Session]) -> None:
    assert openpyxl.DEFUSEDXML is True  # openpyxl parses through defusedxml
    good = book(tmp_path / "good.xlsx", {"客户": [["客户编码", "客户名称"], ["C1", "甲"]]})
    laughs = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>&lol3;</t></is></c></row></sheetData></worksheet>"""
    bomb = _replace_member(good, tmp_path / "laughs.xlsx", "xl/worksheets/sheet1.xml", laughs)
    with pytest.raises(ImportRefused, match="DOCTYPE/实体声明"):
        import_workbook(sessions, bomb)
    xxe = ('<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
           '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x>&e;</x></workbook>')
    hidden = _replace_member(good, tmp_path / "xxe.xlsx", "xl/workbook.xml", xxe.encode("utf-16"))
    with pytest.raises(ImportRefused, match="DOCTYPE/实体声明"):
        import_workbook(sessions, hidden)
    assert count(sessions, Customer) == 0


def test_broken_sheet_xml_is_refused(tmp_path: Path, sessions: sessionmaker[Session]) -> None:
    good = book(tmp_path / "good.xlsx", {"客户": [["客户编码", "客户名称"], ["C1", "甲"]]})
    broken = _replace_member(good, tmp_path / "broken.xlsx", "xl/worksheets/sheet1.xml", b"<worksheet><sheetData>")
    with pytest.raises(ImportRefused, match="无法读取工作簿"):
        import_workbook(sessions, broken)


def test_a_customer_created_later_has_its_histories_but_nothing_in_force_yet(tmp_path: Path,
                                                                             sessions: sessionmaker[Session]) -> None:
    """Imported owner/status/blacklist/credit start on 建档日期; the list columns hold what is in force today."""
    path = book(tmp_path / "later.xlsx", {
        "销售员": [SP_HEAD, ["S01", "张伟"]],
        "客户": [["客户编码", "客户名称", "负责销售员", "账期天数", "信用额度", "状态", "黑名单", "建档日期"],
                 ["C1", "甲", "S01", 30, 5000, "暂停", "是", "2026-08-01"]],
    })
    assert import_workbook(sessions, path, today=TODAY).written
    with sessions() as s:
        c = s.scalars(select(Customer)).one()
        assert (c.owner_id, c.status, c.blacklisted, c.term_days, c.credit_limit) == (None, "active", False, 0, D("0"))
        assert s.execute(select(CreditHistory.effective, CreditHistory.term_days, CreditHistory.credit_limit)).one() == (
            date(2026, 8, 1), 30, D("5000.00"))
        assert s.execute(select(BlacklistHistory.effective, BlacklistHistory.reason)).one() == (
            date(2026, 8, 1), "导入时已在黑名单")
        assert s.scalar(select(StatusHistory.status)) == "suspended"


# ---------------------------------------------------------------- the two readers


def _issues(result: Any) -> list[tuple[str, int | None, str | None, str]]:
    return [(e.sheet, e.row, e.column, str(e.reason)) for e in result.errors]


def test_both_readers_read_a_workbook_alike(tmp_path: Path, sessions: sessionmaker[Session],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """calamine reads plain workbooks; openpyxl, the fallback, must give the same errors, notices and counts."""
    sheets = bad_sheets()
    sheets["说明"] = [["这是说明"]]
    sheets["客户"][0].append("颜色")
    path = book(tmp_path / "bad.xlsx", sheets)
    assert reader.check_workbook_file(path).plain  # read by calamine
    fast = import_workbook(sessions, path, today=TODAY)
    monkeypatch.setattr(reader, "open_book", lambda p, scan: reader._OpenpyxlBook(p))
    slow = import_workbook(sessions, path, today=TODAY)
    assert _issues(fast) == _issues(slow) and len(fast.errors) == len(BAD_ERRORS)
    assert [str(n) for n in fast.notices] == [str(n) for n in slow.notices]
    assert fast.counts == slow.counts and not fast.written and not slow.written


def test_error_cells_read_as_before(tmp_path: Path, sessions: sessionmaker[Session]) -> None:
    """An error cell (#N/A from a failed lookup) is its text, as openpyxl reads it, not an empty cell."""
    path = book(tmp_path / "na.xlsx", {
        "客户": [["客户编码", "客户名称"], ["C1", "甲"]],
        "商品": [["商品编码", "商品名称"], ["P1", "乙"]],
        "销售单": [["单号", "日期", "客户编码", "商品编码", "数量", "单价", "成本价"],
                 ["X1", "2026-07-01", "C1", "P1", 1, 5, "#N/A"]],
    })
    assert not reader.check_workbook_file(path).plain
    result = import_workbook(sessions, path, today=TODAY)
    assert _issues(result) == [("销售单", 2, "成本价", "「#N/A」不是有效的数字")]


def test_a_value_far_to_the_right_does_not_make_a_dense_grid(tmp_path: Path, sessions: sessionmaker[Session]) -> None:
    """One value in column XFD would make calamine hold every row 16,384 cells wide: such a sheet goes to openpyxl."""
    path = tmp_path / "wide.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "客户"
    ws.append(["客户编码", "客户名称"])
    for i in range(200):
        ws.append([f"C{i:03d}", f"客户{i}"])
    ws["XFD1"] = "备用"
    wb.save(path)
    scan = reader.check_workbook_file(path)
    assert (scan.sheets[0].max_row, scan.sheets[0].max_column) == (201, 16384) and not scan.plain
    result = import_workbook(sessions, path, today=TODAY)
    assert result.errors == [] and result.counts["客户"]["created"] == 200
    assert "工作表「客户」：已忽略无法识别的列 「备用」" in [str(n) for n in result.notices]


def test_the_importer_reads_through_public_openpyxl_apis_only() -> None:
    """No module of app.importing imports a private openpyxl module or name (they change between releases)."""
    banned = {"openpyxl.reader.excel", "openpyxl.worksheet._read_only"}
    found = []
    for source in sorted(Path(importing.__file__).parent.glob("*.py")):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                pairs = [(alias.name, None) for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                pairs = [(node.module, alias.name) for alias in node.names]
            else:
                continue
            for module, name in pairs:
                if module.split(".")[0] != "openpyxl":
                    continue
                dotted = module if name is None else f"{module}.{name}"
                if dotted in banned or module in banned or any(p.startswith("_") for p in dotted.split(".")):
                    found.append(f"{source.name}: {dotted}")
    assert found == []


# ---------------------------------------------------------------- volume


def test_fifty_thousand_lines(tmp_path: Path, db_url: str, sessions: sessionmaker[Session]) -> None:
    if not db_url.startswith("sqlite"):
        pytest.skip("the volume test runs on SQLite only")
    path = tmp_path / "big.xlsx"
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("客户")
    ws.append(["客户编码", "客户名称", "账期天数", "建档日期"])
    for i in range(500):  # numeric customer codes: number cells that become text
        ws.append([100_000 + i, f"客户{i}", 30 if i % 2 else 0, date(2025, 1, 1)])
    ws = wb.create_sheet("商品")
    ws.append(["商品编码", "商品名称", "成本价"])
    for i in range(100):
        ws.append([f"P{i:03d}", f"商品{i}", 2])
    ws = wb.create_sheet("销售单")
    ws.append(["单号", "日期", "客户编码", "商品编码", "数量", "单价"])
    day = date(2026, 3, 1)
    for o in range(10_000):
        for line in range(5):
            ws.append([f"XS{o:05d}", day, 100_000 + o % 500, f"P{(o + line) % 100:03d}", line + 1, 3.25])
    wb.save(path)

    calls: list[tuple[str, int, int]] = []
    started = time.perf_counter()
    result = import_workbook(sessions, path, today=TODAY, progress=lambda *a: calls.append(a))
    elapsed = time.perf_counter() - started
    assert result.errors == []
    assert result.counts["销售单"] == zero_counts() | {"created": 10_000}
    assert result.counts["客户"] == zero_counts() | {"created": 500}
    assert sum(1 for stage, _d, _t in calls if stage == "读取工作表「销售单」") >= 50  # every 1000 rows
    assert elapsed < 60, elapsed
    with sessions() as s:
        assert count(sessions, OrderLine) == 50_000
        # each order: (1 + 2 + 3 + 4 + 5) × 3.25 = 48.75; cost 15 × 2.00 = 30.00
        assert s.execute(select(func.min(SalesOrder.total), func.max(SalesOrder.total))).one() == (
            D("48.75"), D("48.75"))
        assert s.scalar(select(func.sum(OrderLine.amount))) is not None
        odd = s.execute(select(SalesOrder.due_date, SalesOrder.cost_total)
                        .where(SalesOrder.number == "XS00001")).one()
        assert odd == (date(2026, 3, 31), D("30.00"))  # customer 100001 has term 30
        even = s.execute(select(SalesOrder.due_date, Customer.code).join(Customer)
                         .where(SalesOrder.number == "XS00002")).one()
        assert even == (date(2026, 3, 1), "100002")
