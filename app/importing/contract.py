"""The import workbook of CONTRACT.md: its sheets, columns and headers (Chinese and English), and what an import reports."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from app.messages import Message
from models import (
    CodeEntry,
    Contact,
    Customer,
    OrderLine,
    Product,
    Receipt,
    ReturnLine,
    SalesOrder,
    Salesperson,
    SalesReturn,
)


@dataclass(frozen=True)
class Field:
    key: str
    zh: str
    en: str
    kind: str = "text"  # text code date money qty days bool status grade, or a code-table kind
    required: bool = False
    max_len: int | None = None
    width: int = 12
    as_text: bool = False  # the template formats the column as text (codes, phone and account numbers)
    header: bool = False  # document sheets: a per-document value every row of the number must agree on


@dataclass(frozen=True)
class SheetSpec:
    key: str
    zh: str
    en: str
    fields: tuple[Field, ...]

    def field(self, key: str) -> Field:
        return next(f for f in self.fields if f.key == key)


def column_length(model: Any, column: str) -> int:
    return int(model.__table__.c[column].type.length)


def _code_field(key: str, zh: str, en: str, model: Any, column: str, *, required: bool = False,
                header: bool = False) -> Field:
    return Field(key, zh, en, "code", required, column_length(model, column), 14, True, header)


_CODE_NAME = column_length(CodeEntry, "name")

SALESPEOPLE = SheetSpec("salespeople", "销售员", "Salespeople", (
    _code_field("code", "工号", "code", Salesperson, "code", required=True),
    Field("name", "姓名", "name", required=True, max_len=column_length(Salesperson, "name")),
    Field("department", "部门", "department", max_len=column_length(Salesperson, "department"), width=14),
    Field("phone", "电话", "phone", max_len=column_length(Salesperson, "phone"), width=16, as_text=True),
    Field("employed", "在职", "employed", "bool", width=8),
))
CUSTOMERS = SheetSpec("customers", "客户", "Customers", (
    _code_field("code", "客户编码", "code", Customer, "code", required=True),
    Field("name", "客户名称", "name", required=True, max_len=column_length(Customer, "name"), width=30),
    Field("short_name", "简称", "short_name", max_len=column_length(Customer, "short_name"), width=14),
    Field("type", "客户类型", "type", "customer_type", max_len=_CODE_NAME),
    Field("region", "地区", "region", "region", max_len=_CODE_NAME),
    Field("industry", "行业", "industry", "industry", max_len=_CODE_NAME),
    _code_field("owner", "负责销售员", "owner", Salesperson, "code"),
    Field("contact", "联系人", "contact", max_len=column_length(Contact, "name")),
    Field("position", "职位", "position", "position", max_len=_CODE_NAME),
    Field("phone", "电话", "phone", max_len=column_length(Contact, "phone"), width=16, as_text=True),
    Field("mobile", "手机", "mobile", max_len=column_length(Contact, "mobile"), width=16, as_text=True),
    Field("email", "邮箱", "email", max_len=column_length(Contact, "email"), width=22),
    Field("address", "地址", "address", max_len=column_length(Customer, "address"), width=30),
    Field("bank", "开户银行", "bank", max_len=column_length(Customer, "bank"), width=22),
    Field("bank_account", "银行账号", "bank_account", max_len=column_length(Customer, "bank_account"), width=24,
          as_text=True),
    Field("tax_id", "税号", "tax_id", max_len=column_length(Customer, "tax_id"), width=22, as_text=True),
    Field("grade", "信用等级", "grade", "grade", width=10),
    Field("credit_days", "账期天数", "credit_days", "days", width=10),
    Field("credit_limit", "信用额度", "credit_limit", "money", width=14),
    Field("status", "状态", "status", "status", width=8),
    Field("blacklisted", "黑名单", "blacklisted", "bool", width=8),
    Field("created", "建档日期", "created", "date", width=12),
    Field("notes", "备注", "notes", width=30),
))
PRODUCTS = SheetSpec("products", "商品", "Products", (
    _code_field("code", "商品编码", "code", Product, "code", required=True),
    Field("name", "商品名称", "name", required=True, max_len=column_length(Product, "name"), width=24),
    Field("spec", "规格型号", "spec", max_len=column_length(Product, "spec"), width=16),
    Field("unit", "单位", "unit", max_len=column_length(Product, "unit"), width=8),
    Field("category", "类别", "category", "product_category", max_len=_CODE_NAME),
    Field("cost", "成本价", "cost", "money"),
    Field("price", "售价", "price", "money"),
))
ORDERS = SheetSpec("orders", "销售单", "Orders", (
    _code_field("number", "单号", "number", SalesOrder, "number", required=True),
    Field("date", "日期", "date", "date", required=True, header=True),
    _code_field("customer", "客户编码", "customer", Customer, "code", required=True, header=True),
    _code_field("handler", "经办人", "handler", Salesperson, "code", header=True),
    _code_field("product", "商品编码", "product", Product, "code", required=True),
    Field("qty", "数量", "qty", "qty", required=True, width=10),
    Field("price", "单价", "price", "money", required=True),
    Field("unit_cost", "成本价", "unit_cost", "money"),
    Field("notes", "备注", "notes", max_len=column_length(OrderLine, "notes"), width=24),
))
RETURNS = SheetSpec("returns", "退货", "Returns", (
    _code_field("number", "退货单号", "number", SalesReturn, "number", required=True),
    Field("date", "日期", "date", "date", required=True, header=True),
    _code_field("customer", "客户编码", "customer", Customer, "code", required=True, header=True),
    _code_field("order", "原单号", "order", SalesOrder, "number", header=True),
    _code_field("product", "商品编码", "product", Product, "code", required=True),
    Field("qty", "数量", "qty", "qty", required=True, width=10),
    Field("price", "单价", "price", "money", required=True),
    Field("unit_cost", "成本价", "unit_cost", "money"),
    Field("notes", "备注", "notes", max_len=column_length(ReturnLine, "notes"), width=24),
))
RECEIPTS = SheetSpec("receipts", "收款", "Receipts", (
    _code_field("number", "收款单号", "number", Receipt, "number", required=True),
    Field("date", "日期", "date", "date", required=True),
    _code_field("customer", "客户编码", "customer", Customer, "code", required=True),
    Field("amount", "金额", "amount", "money", required=True, width=14),
    Field("method", "方式", "method", "payment_method", max_len=_CODE_NAME),
    _code_field("order", "对应单号", "order", SalesOrder, "number"),
    Field("notes", "备注", "notes", width=24),
))
SHEETS = (SALESPEOPLE, CUSTOMERS, PRODUCTS, ORDERS, RETURNS, RECEIPTS)
SHEET_ORDER = {spec.key: n for n, spec in enumerate(SHEETS)}
DOCUMENT_SHEETS = frozenset({"orders", "returns", "receipts"})
CODE_TABLE_KINDS = frozenset({"customer_type", "region", "industry", "position", "product_category", "payment_method"})
HEADER_SEARCH_ROWS = 10  # a title row or two above the headers is common in hand-made sheets
# zero-width space, non-joiner, joiner, word joiner, byte-order mark: invisible, left by copying text around
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"


def norm_name(text: Any) -> str:
    """Header and sheet names compare without spaces, `*`, `_`, `-`, zero-width characters, case or full-width
    differences."""
    out = unicodedata.normalize("NFKC", str(text)).casefold()
    return re.sub(rf"[\s*_\-{ZERO_WIDTH}]+", "", out)


def find_spec(title: str) -> SheetSpec | None:
    """The sheet of the contract a worksheet title names, in Chinese or English."""
    name = norm_name(title)
    return next((s for s in SHEETS if name in (norm_name(s.zh), norm_name(s.en))), None)


@cache
def known_headers(spec: SheetSpec) -> dict[str, str]:
    """Normalised header text (Chinese and English) -> field key."""
    known = {}
    for f in spec.fields:
        known[norm_name(f.zh)] = f.key
        known[norm_name(f.en)] = f.key
    return known


# ---------------------------------------------------------------- what an import reports


@dataclass(frozen=True)
class ImportIssue:
    sheet: str  # the sheet's name as it appears in the workbook
    row: int | None  # the row number Excel shows; None for a problem of the whole sheet
    column: str | None  # the column's header as it appears in the workbook
    reason: Message  # str() gives it in the interface language (Chinese by default)


@dataclass(frozen=True)
class ImportResult:
    counts: dict[str, dict[str, int]]  # 销售员/客户/… -> {"created", "updated", "unchanged", "rejected"}
    errors: list[ImportIssue]
    notices: list[Message]
    written: bool
    error_workbook: Path | None
