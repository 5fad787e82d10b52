"""The import workbook of CONTRACT.md: its template, reading, validating and writing it in one transaction.

Decisions the contract leaves open, made here:
- `ImportResult.counts` is keyed by the Chinese sheet name; master sheets count rows, document sheets
  count documents (an order of five lines is one). When errors stop a non-partial import, the counts
  say what the import would have done and `written` is False.
- With `update=True` a non-empty cell replaces the stored value and an empty cell leaves it alone
  (an import never erases data); owner, status, blacklist and credit changes take effect on the import
  date; 建档日期 is never changed.
- In a document sheet, a row may leave 日期/客户编码/经办人/原单号 empty when another row of the same
  number states them (merged cells read that way); stated values must agree.
- A document dated before its customer's first credit term (e.g. before a default 建档日期 of today)
  takes the customer's first 账期天数, so imported history gets the customer's term as the contract asks.
- A code repeated within a sheet is an error on the later row. A document number already stored is
  "unchanged" and its rows are not checked again.
- The --partial error workbook `<stem>_错误.xlsx` holds each rejected row as read, plus 错误原因 and 原行号
  columns (both ignored as extra columns when the fixed file is imported again).
"""
from __future__ import annotations

import io
import json
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.reader.excel import ExcelReader
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import from_excel
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.worksheet._reader import WorkSheetParser
from openpyxl.worksheet.datavalidation import DataValidation
from sqlalchemy import Table, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from app import pinyin
from app.customers import (
    code_entry,
    refresh_pinyin,
    set_blacklist,
    set_credit,
    set_owner,
    set_status,
    sync_current,
)
from app.documents import line_amount
from app.errors import ConflictError, UserError
from app.xlsx_safety import ImportRefused, check_workbook_file
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
from models.types import FEN, MILLI

__all__ = ["ImportIssue", "ImportRefused", "ImportResult", "import_workbook", "write_template"]

Progress = Callable[[str, int, int], None]

MAX_MONEY = Decimal("999999999999.99")  # a trillion yuan: beyond any honest line, far inside BIGINT fen
MAX_QTY = Decimal("999999999.999")
MAX_TERM_DAYS = 3650
SIZE_PROBE_BYTES = 64 * 1024
HEADER_SEARCH_ROWS = 10  # a title row or two above the headers is common in hand-made sheets
PROGRESS_EVERY = 1000
CHUNK = 500  # ids per IN (...) list
STATUS_BY_TEXT = {
    "潜在": "prospect", "正常": "active", "暂停": "suspended", "终止": "terminated",
    "prospect": "prospect", "active": "active", "suspended": "suspended", "terminated": "terminated",
}
TRUE_TEXTS = {"是", "y", "yes", "true", "t", "1", "√", "✓", "在职"}
FALSE_TEXTS = {"否", "n", "no", "false", "f", "0", "×", "✗", "离职"}
BLACKLIST_REASON = "导入时已在黑名单"


# ---------------------------------------------------------------- the workbook's shape


@dataclass(frozen=True)
class _Field:
    key: str
    zh: str
    en: str
    kind: str = "text"  # text code date money qty days bool status grade, or a code-table kind
    required: bool = False
    max_len: int | None = None
    width: int = 12
    as_text: bool = False  # template formats the column as text (codes, phone and account numbers)
    header: bool = False  # document sheets: a per-document value every row of the number must agree on


@dataclass(frozen=True)
class _Sheet:
    key: str
    zh: str
    en: str
    fields: tuple[_Field, ...]

    def field(self, key: str) -> _Field:
        return next(f for f in self.fields if f.key == key)


def _len(model: Any, column: str) -> int:
    return int(model.__table__.c[column].type.length)


def _code_field(key: str, zh: str, en: str, model: Any, column: str, *, required: bool = False,
                header: bool = False) -> _Field:
    return _Field(key, zh, en, "code", required, _len(model, column), 14, True, header)


SALESPEOPLE = _Sheet("salespeople", "销售员", "Salespeople", (
    _code_field("code", "工号", "code", Salesperson, "code", required=True),
    _Field("name", "姓名", "name", required=True, max_len=_len(Salesperson, "name")),
    _Field("department", "部门", "department", max_len=_len(Salesperson, "department"), width=14),
    _Field("phone", "电话", "phone", max_len=_len(Salesperson, "phone"), width=16, as_text=True),
    _Field("employed", "在职", "employed", "bool", width=8),
))
CUSTOMERS = _Sheet("customers", "客户", "Customers", (
    _code_field("code", "客户编码", "code", Customer, "code", required=True),
    _Field("name", "客户名称", "name", required=True, max_len=_len(Customer, "name"), width=30),
    _Field("short_name", "简称", "short_name", max_len=_len(Customer, "short_name"), width=14),
    _Field("type", "客户类型", "type", "customer_type", max_len=_len(CodeEntry, "name")),
    _Field("region", "地区", "region", "region", max_len=_len(CodeEntry, "name")),
    _Field("industry", "行业", "industry", "industry", max_len=_len(CodeEntry, "name")),
    _code_field("owner", "负责销售员", "owner", Salesperson, "code"),
    _Field("contact", "联系人", "contact", max_len=_len(Contact, "name")),
    _Field("position", "职位", "position", "position", max_len=_len(CodeEntry, "name")),
    _Field("phone", "电话", "phone", max_len=_len(Contact, "phone"), width=16, as_text=True),
    _Field("mobile", "手机", "mobile", max_len=_len(Contact, "mobile"), width=16, as_text=True),
    _Field("email", "邮箱", "email", max_len=_len(Contact, "email"), width=22),
    _Field("address", "地址", "address", max_len=_len(Customer, "address"), width=30),
    _Field("bank", "开户银行", "bank", max_len=_len(Customer, "bank"), width=22),
    _Field("bank_account", "银行账号", "bank_account", max_len=_len(Customer, "bank_account"), width=24,
           as_text=True),
    _Field("tax_id", "税号", "tax_id", max_len=_len(Customer, "tax_id"), width=22, as_text=True),
    _Field("grade", "信用等级", "grade", "grade", width=10),
    _Field("credit_days", "账期天数", "credit_days", "days", width=10),
    _Field("credit_limit", "信用额度", "credit_limit", "money", width=14),
    _Field("status", "状态", "status", "status", width=8),
    _Field("blacklisted", "黑名单", "blacklisted", "bool", width=8),
    _Field("created", "建档日期", "created", "date", width=12),
    _Field("notes", "备注", "notes", width=30),
))
PRODUCTS = _Sheet("products", "商品", "Products", (
    _code_field("code", "商品编码", "code", Product, "code", required=True),
    _Field("name", "商品名称", "name", required=True, max_len=_len(Product, "name"), width=24),
    _Field("spec", "规格型号", "spec", max_len=_len(Product, "spec"), width=16),
    _Field("unit", "单位", "unit", max_len=_len(Product, "unit"), width=8),
    _Field("category", "类别", "category", "product_category", max_len=_len(CodeEntry, "name")),
    _Field("cost", "成本价", "cost", "money"),
    _Field("price", "售价", "price", "money"),
))
ORDERS = _Sheet("orders", "销售单", "Orders", (
    _code_field("number", "单号", "number", SalesOrder, "number", required=True),
    _Field("date", "日期", "date", "date", required=True, header=True),
    _code_field("customer", "客户编码", "customer", Customer, "code", required=True, header=True),
    _code_field("handler", "经办人", "handler", Salesperson, "code", header=True),
    _code_field("product", "商品编码", "product", Product, "code", required=True),
    _Field("qty", "数量", "qty", "qty", required=True, width=10),
    _Field("price", "单价", "price", "money", required=True),
    _Field("unit_cost", "成本价", "unit_cost", "money"),
    _Field("notes", "备注", "notes", max_len=_len(OrderLine, "notes"), width=24),
))
RETURNS = _Sheet("returns", "退货", "Returns", (
    _code_field("number", "退货单号", "number", SalesReturn, "number", required=True),
    _Field("date", "日期", "date", "date", required=True, header=True),
    _code_field("customer", "客户编码", "customer", Customer, "code", required=True, header=True),
    _code_field("order", "原单号", "order", SalesOrder, "number", header=True),
    _code_field("product", "商品编码", "product", Product, "code", required=True),
    _Field("qty", "数量", "qty", "qty", required=True, width=10),
    _Field("price", "单价", "price", "money", required=True),
    _Field("unit_cost", "成本价", "unit_cost", "money"),
    _Field("notes", "备注", "notes", max_len=_len(ReturnLine, "notes"), width=24),
))
RECEIPTS = _Sheet("receipts", "收款", "Receipts", (
    _code_field("number", "收款单号", "number", Receipt, "number", required=True),
    _Field("date", "日期", "date", "date", required=True),
    _code_field("customer", "客户编码", "customer", Customer, "code", required=True),
    _Field("amount", "金额", "amount", "money", required=True, width=14),
    _Field("method", "方式", "method", "payment_method", max_len=_len(CodeEntry, "name")),
    _code_field("order", "对应单号", "order", SalesOrder, "number"),
    _Field("notes", "备注", "notes", width=24),
))
SHEETS = (SALESPEOPLE, CUSTOMERS, PRODUCTS, ORDERS, RETURNS, RECEIPTS)
DOCUMENT_SHEETS = {"orders", "returns", "receipts"}
# what a code in a sheet stands for, for messages such as 客户「C001」不存在
LABELS = {"salespeople": "销售员", "customers": "客户", "products": "商品", "orders": "销售单",
          "returns": "退货单", "receipts": "收款单"}
CODE_TABLE_KINDS = {"customer_type", "region", "industry", "position", "product_category", "payment_method"}


# ---------------------------------------------------------------- public results


@dataclass(frozen=True)
class ImportIssue:
    sheet: str  # the sheet's name as it appears in the workbook
    row: int | None  # the row number Excel shows; None for a problem of the whole sheet
    column: str | None  # the column's header as it appears in the workbook
    reason: str  # Chinese


@dataclass(frozen=True)
class ImportResult:
    counts: dict[str, dict[str, int]]  # 销售员/客户/… -> {"created", "updated", "unchanged", "rejected"}
    errors: list[ImportIssue]
    notices: list[str]
    written: bool
    error_workbook: Path | None


# ---------------------------------------------------------------- cells


class _Bad(Exception):
    """A cell value that cannot be used; the message is the Chinese reason."""


def _nfkc(text: str) -> str:
    # ASCII is its own NFKC form; most cells are ASCII and this runs for every one of them
    return text.strip() if text.isascii() else unicodedata.normalize("NFKC", text).strip()


def _float_text(value: float) -> str:
    if value != value or value in (float("inf"), float("-inf")):  # float ok: an Excel number cell
        raise _Bad("不是有效的数字")
    # Excel shows and keeps 15 significant digits; more is binary noise from a formula
    return str(int(value)) if value.is_integer() else format(value, ".15g")


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _float_text(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip() or None


def _code(value: Any) -> str | None:
    """Codes and numbers are text: `001` stays `001`, a number cell 100234.0 becomes `100234`."""
    if isinstance(value, (bool, date, time, timedelta)):
        raise _Bad("应为编码文字")
    if isinstance(value, float) and value == value and not value.is_integer():
        raise _Bad(f"编码不能是小数（{_float_text(value)}）；请把该列设为文本格式")
    text = _text(value)
    if text is None:
        return None
    return _nfkc(text) or None


_NUMBER_RE = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?|\.\d+")


def _decimal(value: Any) -> Decimal | None:
    """A numeric cell, or text with thousands separators, full-width digits and a leading ¥."""
    if value is None:
        return None
    if isinstance(value, (bool, date, time, timedelta)):
        raise _Bad("应为数字")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(_float_text(value))
    text = _nfkc(str(value)).replace(" ", "")
    if not text:
        return None
    sign = ""
    if text[0] in "+-":
        sign, text = text[0], text[1:]
    if text[:1] == "¥":  # NFKC turns the full-width ￥ into ¥
        text = text[1:]
    if not sign and text[:1] in "+-":
        sign, text = text[0], text[1:]
    if not _NUMBER_RE.fullmatch(text):
        raise _Bad(f"「{value}」不是有效的数字")
    try:
        number = Decimal(text.replace(",", ""))
    except InvalidOperation as exc:
        raise _Bad(f"「{value}」不是有效的数字") from exc
    return -number if sign == "-" else number


def _money(value: Any) -> Decimal | None:
    number = _decimal(value)
    if number is None:
        return None
    if abs(number) > MAX_MONEY:
        raise _Bad("金额过大")
    if number != number.quantize(FEN):
        raise _Bad(f"金额只能精确到分（最多两位小数）：{number}")
    if number < 0:
        raise _Bad("金额不能为负数")
    return number.quantize(FEN)


def _qty(value: Any) -> Decimal | None:
    number = _decimal(value)
    if number is None:
        return None
    if abs(number) > MAX_QTY:
        raise _Bad("数量过大")
    if number != number.quantize(MILLI):
        raise _Bad(f"数量最多三位小数：{number}")
    if number <= 0:
        raise _Bad("数量必须大于 0")
    return number.quantize(MILLI)


def _days(value: Any) -> int | None:
    number = _decimal(value)
    if number is None:
        return None
    if number != number.to_integral_value() or not 0 <= number <= MAX_TERM_DAYS:
        raise _Bad(f"应为 0 到 {MAX_TERM_DAYS} 之间的整数天数")
    return int(number)


_DATE_SEP_RE = re.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_DATE_CN_RE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日?")
_DATE_COMPACT_RE = re.compile(r"(\d{4})(\d{2})(\d{2})")


def _date(value: Any) -> date | None:
    """An Excel date, or text 2026-07-01, 2026/7/1, 2026.7.1, 2026年7月1日 (20260701 too)."""
    if value is None:
        return None
    if isinstance(value, datetime):
        day = value.date()
    elif isinstance(value, date):
        day = value
    elif isinstance(value, (bool, time, timedelta)):
        raise _Bad("应为日期")
    elif isinstance(value, (int, float)):
        day = _serial_date(value)
    else:
        text = _nfkc(str(value))
        if not text:
            return None
        m = _DATE_SEP_RE.fullmatch(text)
        parts = (m.group(1), m.group(3), m.group(4)) if m else None
        if parts is None:
            m = _DATE_CN_RE.fullmatch(text.replace(" ", "")) or _DATE_COMPACT_RE.fullmatch(text)
            parts = m.groups() if m else None
        if parts is None:
            raise _Bad(f"「{value}」不是有效的日期（示例：2026-07-01、2026/7/1、2026年7月1日）")
        try:
            day = date(int(parts[0]), int(parts[1]), int(parts[2]))
        except ValueError as exc:
            raise _Bad(f"「{value}」不是有效的日期") from exc
    if not 1900 <= day.year <= 2100:
        raise _Bad(f"日期超出范围：{day.isoformat()}")
    return day


def _serial_date(value: float) -> date:
    """A number in a date column: 20260701, or an Excel serial day number left in General format."""
    if value == int(value) and 19000101 <= value <= 21001231:
        return _date(str(int(value)))  # type: ignore[return-value]
    if not 1 <= value <= 73051:  # 1900-01-01 .. 2100-01-01
        raise _Bad("应为日期")
    result = from_excel(value)
    return result.date() if isinstance(result, datetime) else result


def _bool(value: Any) -> bool | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    text = _nfkc(str(value)).lower()
    if not text:
        return None
    if text in TRUE_TEXTS:
        return True
    if text in FALSE_TEXTS:
        return False
    raise _Bad(f"应填「是」或「否」，不能是「{value}」")


def _status(value: Any) -> str | None:
    text = _text(value)
    if text is None:
        return None
    status = STATUS_BY_TEXT.get(_nfkc(text).lower())
    if status is None:
        raise _Bad(f"客户状态应为 潜在/正常/暂停/终止，不能是「{text}」")
    return status


def _grade(value: Any) -> str | None:
    text = _text(value)
    if text is None:
        return None
    grade = _nfkc(text).upper()
    if grade not in ("A", "B", "C", "D"):
        raise _Bad(f"信用等级应为 A/B/C/D，不能是「{text}」")
    return grade


_PARSERS: dict[str, Callable[[Any], Any]] = {
    "text": _text, "code": _code, "date": _date, "money": _money, "qty": _qty, "days": _days,
    "bool": _bool, "status": _status, "grade": _grade,
}


def _parse_cell(f: _Field, value: Any) -> Any:
    parsed = _PARSERS.get(f.kind, _text)(value)
    if isinstance(parsed, str) and f.max_len is not None and len(parsed) > f.max_len:
        raise _Bad(f"太长：最多 {f.max_len} 个字符，实际 {len(parsed)} 个")
    return parsed


def _show(value: Any) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


def _norm_name(text: Any) -> str:
    """Header and sheet names compare without spaces, `*`, `_`, `-`, case or full-width differences."""
    out = unicodedata.normalize("NFKC", str(text)).casefold()
    return re.sub(r"[\s*_\-]+", "", out)


# ---------------------------------------------------------------- the workbook as read


@dataclass
class _Row:
    sheet: _SheetData
    no: int  # Excel's row number
    raw: tuple[Any, ...]
    cells: dict[str, Any]
    vals: dict[str, Any] = field(default_factory=dict)
    bad_keys: set[str] = field(default_factory=set)
    errors: list[tuple[str | None, str]] = field(default_factory=list)  # (column header, reason)
    rejected_with: str | None = None  # rejected for a reason not its own (sheet problem, sibling line)

    def bad(self, key: str | None, reason: str) -> None:
        self.errors.append((self.sheet.header_of(key) if key else None, reason))
        if key:
            self.bad_keys.add(key)

    @property
    def rejected(self) -> bool:
        return bool(self.errors) or self.rejected_with is not None

    def reason_text(self) -> str:
        parts = [f"{col}：{reason}" if col else reason for col, reason in self.errors]
        if self.rejected_with:
            parts.append(self.rejected_with)
        return "；".join(parts)


@dataclass
class _SheetData:
    spec: _Sheet
    title: str
    header_row: int = 1
    header: tuple[Any, ...] = ()
    columns: dict[str, tuple[int, str]] = field(default_factory=dict)  # key -> (index, header as written)
    rows: list[_Row] = field(default_factory=list)
    issues: list[ImportIssue] = field(default_factory=list)
    fatal: str | None = None  # every row is rejected with this reason

    def header_of(self, key: str) -> str:
        return self.columns[key][1] if key in self.columns else self.spec.field(key).zh


def _report(progress: Progress | None, stage: str, done: int, total: int) -> None:
    if progress is not None:
        progress(stage, done, total)


class _ReadOnlySheet(ReadOnlyWorksheet):
    """openpyxl's read-only sheet, looking for its stored size only near the top of its XML."""

    def _get_size(self) -> None:
        # openpyxl's probe parses a sheet without <dimension> (openpyxl's own write-only output) to its end
        # before the first row is read, i.e. the whole sheet twice; when present, <dimension> comes first.
        with self._get_source() as src:
            head = src.read(SIZE_PROBE_BYTES)
        try:
            size = WorkSheetParser(io.BytesIO(head), []).parse_dimensions()
        except Exception:  # noqa: BLE001 - the head of the XML is cut off mid-element: no size stored up there
            size = None
        if size is not None:
            self._min_column, self._min_row, self._max_column, self._max_row = size


class _ReadOnlyReader(ExcelReader):
    """What load_workbook(read_only=True) does, with _ReadOnlySheet for worksheets."""

    def read_worksheets(self) -> None:
        for sheet, rel in self.parser.find_sheets():
            if rel.target not in self.valid_files or "chartsheet" in rel.Type:
                continue
            ws = _ReadOnlySheet(self.wb, sheet.name, rel.target, self.shared_strings)
            ws.sheet_state = sheet.state
            self.wb._sheets.append(ws)


def _find_spec(title: str) -> _Sheet | None:
    name = _norm_name(title)
    return next((s for s in SHEETS if name in (_norm_name(s.zh), _norm_name(s.en))), None)


def _read_workbook(path: Path, progress: Progress | None) -> tuple[dict[str, _SheetData], list[str]]:
    check_workbook_file(path)
    notices: list[str] = []
    sheets: dict[str, _SheetData] = {}
    with path.open("rb") as fh:
        try:
            # load_workbook(read_only=True, data_only=True) with a quicker size probe; a file object, so
            # openpyxl does not insist on the .xlsx extension
            reader = _ReadOnlyReader(fh, read_only=True, data_only=True, keep_links=False)
            reader.read()
            wb = reader.wb
        except ImportRefused:
            raise
        except Exception as exc:  # noqa: BLE001 - any failure here means the file is not a readable workbook
            raise ImportRefused(f"无法读取工作簿「{path.name}」：{type(exc).__name__} {exc}".strip()) from exc
        try:
            for ws in wb.worksheets:
                spec = _find_spec(ws.title)
                if spec is None:
                    notices.append(f"已忽略无法识别的工作表「{ws.title}」")
                    continue
                data = _SheetData(spec, ws.title)
                if spec.key in sheets:
                    data.fatal = f"与工作表「{sheets[spec.key].title}」重复，未导入"
                    data.issues.append(ImportIssue(ws.title, None, None, data.fatal))
                    sheets[f"{spec.key}#{ws.title}"] = data
                    continue
                _read_sheet(ws, data, notices, progress)
                sheets[spec.key] = data
        except ImportRefused:
            raise
        except Exception as exc:  # noqa: BLE001 - broken or hostile XML inside an otherwise valid zip
            raise ImportRefused(f"无法读取工作簿「{path.name}」：{type(exc).__name__} {exc}".strip()) from exc
        finally:
            wb.close()
    if not sheets:
        names = "、".join(s.zh for s in SHEETS)
        raise ImportRefused(f"工作簿「{path.name}」中没有可导入的工作表（工作表名应为：{names}，或对应的英文名）")
    return sheets, notices


def _read_sheet(ws: Any, data: _SheetData, notices: list[str], progress: Progress | None) -> None:
    spec = data.spec
    known = {}
    for f in spec.fields:
        known[_norm_name(f.zh)] = f.key
        known[_norm_name(f.en)] = f.key
    total = ws.max_row or 0
    ws.reset_dimensions()  # some writers store a wrong size; read every row there is
    stage = f"读取工作表「{data.title}」"
    header_found = False
    first_row: tuple[Any, ...] | None = None
    no = 0
    for no, values in enumerate(ws.iter_rows(values_only=True), start=1):
        if no % PROGRESS_EVERY == 0:
            # without a stored size the total is unknown until the end: report what is known so far
            _report(progress, stage, no, max(total, no))
        values = tuple(values)
        if not header_found:
            if first_row is None and any(v is not None for v in values):
                first_row = values
            if any(v is not None and _norm_name(v) in known for v in values):
                header_found = True
                _take_header(data, no, values, known, notices)
            elif no >= HEADER_SEARCH_ROWS:
                break
            continue
        cells = {key: values[i] if i < len(values) else None for key, (i, _h) in data.columns.items()}
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in cells.values()):
            continue
        row = _Row(data, no, values, cells)
        if data.fatal:
            row.rejected_with = data.fatal
        data.rows.append(row)
    if not header_found and first_row is not None:
        data.fatal = "找不到表头行（前 10 行中没有可识别的列名）"
        data.issues.append(ImportIssue(data.title, None, None, data.fatal))
    _report(progress, stage, no, no)


def _take_header(data: _SheetData, no: int, values: tuple[Any, ...], known: dict[str, str],
                 notices: list[str]) -> None:
    data.header_row, data.header = no, values
    ignored = []
    for i, value in enumerate(values):
        text = _text(value)
        if text is None:
            continue
        key = known.get(_norm_name(text))
        if key is None:
            ignored.append(text)
        elif key in data.columns:
            reason = f"列重复：与「{data.columns[key][1]}」是同一列"
            data.issues.append(ImportIssue(data.title, no, text, reason))
            data.fatal = f"表头有重复的列「{text}」"
        else:
            data.columns[key] = (i, text)
    if ignored:
        notices.append(f"工作表「{data.title}」：已忽略无法识别的列 " + "、".join(f"「{t}」" for t in ignored))
    missing = [f.zh for f in data.spec.fields if f.required and f.key not in data.columns]
    for name in missing:
        data.issues.append(ImportIssue(data.title, None, name, "缺少必填列"))
    if missing:
        data.fatal = "工作表缺少必填列 " + "、".join(f"「{n}」" for n in missing)


def _parse_row(row: _Row) -> None:
    for f in row.sheet.spec.fields:
        if f.key not in row.cells:
            continue
        try:
            value = _parse_cell(f, row.cells[f.key])
        except _Bad as exc:
            row.bad(f.key, str(exc))
            continue
        if value is None:
            if f.required and not f.header:
                row.bad(f.key, "必填，不能为空")
            continue
        row.vals[f.key] = value


# ---------------------------------------------------------------- validation and writing


@dataclass
class _Rec:
    """One master row, or one document (its rows), that passed validation."""

    key: str
    rows: list[_Row]
    vals: dict[str, Any]
    action: str = "create"  # create | update | unchanged
    lines: list[dict[str, Any]] = field(default_factory=list)


def _chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _fit(text: str, limit: int) -> str:
    """Search keys cut at a separator so they fit their column."""
    if len(text) <= limit:
        return text
    cut = text.rfind("|", 0, limit)
    return text[:cut] if cut > 0 else text[:limit]


class _Import:
    def __init__(self, session: Session, sheets: dict[str, _SheetData], *, update: bool, today: date,
                 progress: Progress | None, actor: str) -> None:
        self.s = session
        self.sheets = sheets
        self.update = update
        self.today = today
        self.progress = progress
        self.actor = actor
        self.notices: list[str] = []
        self.recs: dict[str, dict[str, _Rec]] = {spec.key: {} for spec in SHEETS}  # valid, by code/number
        self.bad: dict[str, dict[str, int]] = {spec.key: {} for spec in SHEETS}  # rejected code -> row
        self.unchanged_docs: dict[str, int] = dict.fromkeys(DOCUMENT_SHEETS, 0)
        self.rejected_docs: dict[str, int] = dict.fromkeys(DOCUMENT_SHEETS, 0)

    # ------------------------------------------------ preloading: one query per map
    def preload(self) -> None:
        s = self.s
        self.sp_ids: dict[str, int] = dict(s.execute(select(Salesperson.code, Salesperson.id)).all())
        self.cust_ids: dict[str, int] = dict(s.execute(select(Customer.code, Customer.id)).all())
        self.cust_codes = {cid: code for code, cid in self.cust_ids.items()}
        self.products: dict[str, tuple[int, Decimal]] = {
            code: (pid, cost) for code, pid, cost in s.execute(select(Product.code, Product.id, Product.cost))
        }
        self.db_orders: dict[str, tuple[int, int]] = {
            number: (oid, cid)
            for number, oid, cid in s.execute(select(SalesOrder.number, SalesOrder.id, SalesOrder.customer_id))
        }
        self.db_returns = set(s.scalars(select(SalesReturn.number)))
        self.db_receipts = set(s.scalars(select(Receipt.number)))
        self.table_ids: dict[tuple[str, str], int] = {}
        for kind, eid, code, name in s.execute(
            select(CodeEntry.kind, CodeEntry.id, CodeEntry.code, CodeEntry.name).order_by(CodeEntry.id)
        ):
            # code_entry() finds an entry by name or by code; names win when both match
            self.table_ids.setdefault((kind, code), eid)
            self.table_ids[(kind, name)] = eid

    def db_has(self, sheet_key: str, code: str) -> bool:
        return code in {
            "salespeople": self.sp_ids, "customers": self.cust_ids, "products": self.products,
            "orders": self.db_orders, "returns": self.db_returns, "receipts": self.db_receipts,
        }[sheet_key]

    # ------------------------------------------------ helpers shared by the sheets
    def rows_of(self, key: str, *, parse: bool = True) -> Iterator[_Row]:
        data = self.sheets.get(key)
        if data is None:
            return
        stage = f"校验工作表「{data.title}」"
        for n, row in enumerate(data.rows, start=1):
            if n % PROGRESS_EVERY == 0:
                _report(self.progress, stage, n, len(data.rows))
            if parse and row.rejected_with is None:
                _parse_row(row)
            yield row
        _report(self.progress, stage, len(data.rows), len(data.rows))

    def lenient_key(self, row: _Row, key: str) -> str | None:
        """The code or number of a row of a broken sheet, so references to it can say so."""
        try:
            return _code(row.cells.get(key))
        except _Bad:
            return None

    def resolve(self, row: _Row, key: str, target: str, code: str) -> bool:
        """Does `code` name a valid row of sheet `target` or an existing record? Record the error if not."""
        if code in self.recs[target] or self.db_has(target, code):
            return True
        label = LABELS[target]
        if code in self.bad[target]:
            data = self.sheets.get(target)
            title = data.title if data else target
            row.bad(key, f"引用的{label}「{code}」有错误（工作表「{title}」第 {self.bad[target][code]} 行）")
        else:
            row.bad(key, f"{label}「{code}」不存在")
        return False

    def table_id(self, kind: str, name: str | None) -> int | None:
        """The id of an existing code-table entry, without creating one."""
        return None if name is None else self.table_ids.get((kind, name))

    def table_id_created(self, kind: str, name: str | None) -> int | None:
        if name is None:
            return None
        if (kind, name) not in self.table_ids:
            entry = code_entry(self.s, kind, name)
            assert entry is not None
            self.table_ids[(kind, name)] = entry.id
        return self.table_ids[(kind, name)]

    def master(self, key: str, rows: Iterable[_Row], check: Callable[[_Row], None],
               existing: Callable[[list[str]], dict[str, dict[str, Any]]],
               differs: Callable[[dict[str, Any], dict[str, Any]], bool]) -> None:
        """Validate a master sheet: codes unique, `check` per row, then created / updated / unchanged."""
        seen: dict[str, int] = {}
        valid: list[_Rec] = []
        for row in rows:
            code = row.vals.get("code") if row.rejected_with is None else self.lenient_key(row, "code")
            if row.rejected_with is None:
                if code is not None and code in seen:
                    row.bad("code", f"编码「{code}」与第 {seen[code]} 行重复")
                check(row)
            if code is None:
                continue
            seen.setdefault(code, row.no)
            if row.rejected:
                self.bad[key].setdefault(code, row.no)
            elif code not in self.recs[key]:
                rec = _Rec(code, [row], row.vals)
                self.recs[key][code] = rec
                valid.append(rec)
        known = existing([r.key for r in valid if self.db_has(key, r.key)])
        stale = 0
        for rec in valid:
            if rec.key in known:
                changed = differs(rec.vals, known[rec.key])
                rec.action = "update" if changed and self.update else "unchanged"
                stale += changed and not self.update
        if stale:
            data = self.sheets[key]
            self.notices.append(
                f"工作表「{data.title}」：{stale} 行的编码已存在且内容与系统中不同，未更新（如需更新请使用 --update）"
            )

    # ------------------------------------------------ salespeople
    def salespeople(self) -> None:
        self.master("salespeople", self.rows_of("salespeople"), lambda row: None,
                    self._existing_salespeople, self._salesperson_differs)

    def _existing_salespeople(self, codes: list[str]) -> dict[str, dict[str, Any]]:
        out = {}
        for chunk in _chunks(codes):
            q = select(Salesperson.code, Salesperson.name, Salesperson.department, Salesperson.phone,
                       Salesperson.employed).where(Salesperson.code.in_(chunk))
            for r in self.s.execute(q).mappings():
                out[r["code"]] = dict(r)
        return out

    @staticmethod
    def _salesperson_differs(vals: dict[str, Any], db: dict[str, Any]) -> bool:
        return any(k in vals and vals[k] != db[k] for k in ("name", "department", "phone", "employed"))

    # ------------------------------------------------ customers
    def customers(self) -> None:
        def check(row: _Row) -> None:
            owner = row.vals.get("owner")
            if owner is not None:
                self.resolve(row, "owner", "salespeople", owner)

        self.master("customers", self.rows_of("customers"), check, self._existing_customers,
                    self._customer_differs)

    _CUSTOMER_ATTRS = ("name", "short_name", "address", "bank", "bank_account", "tax_id", "grade", "notes")
    _CUSTOMER_TABLES = (("type", "customer_type", "type_id"), ("region", "region", "region_id"),
                        ("industry", "industry", "industry_id"))
    _CONTACT_FIELDS = (("contact", "name"), ("phone", "phone"), ("mobile", "mobile"), ("email", "email"))
    _HISTORIES = ((OwnerHistory, ("salesperson_id",)), (StatusHistory, ("status",)),
                  (BlacklistHistory, ("blacklisted",)), (CreditHistory, ("term_days", "credit_limit")))

    def _existing_customers(self, codes: list[str]) -> dict[str, dict[str, Any]]:
        """Stored fields, the histories in force on the import date and the first contact, per code."""
        out: dict[str, dict[str, Any]] = {}
        cols = [Customer.id, Customer.code, *[getattr(Customer, a) for a in self._CUSTOMER_ATTRS],
                Customer.type_id, Customer.region_id, Customer.industry_id]
        for chunk in _chunks(codes):
            for r in self.s.execute(select(*cols).where(Customer.code.in_(chunk))).mappings():
                out[r["code"]] = dict(r) | {"salesperson_id": None, "status": None, "blacklisted": False,
                                            "term_days": 0, "credit_limit": Decimal("0"), "contact": None}
        by_id = {d["id"]: d for d in out.values()}
        ids = list(by_id)
        for model, names in self._HISTORIES:
            for chunk in _chunks(ids):
                q = (select(model.customer_id, *[getattr(model, n) for n in names])
                     .where(model.customer_id.in_(chunk), model.effective <= self.today)
                     .order_by(model.customer_id, model.effective, model.id))
                for r in self.s.execute(q):
                    by_id[r[0]].update(zip(names, r[1:], strict=True))  # the last row is the one in force
        for chunk in _chunks(ids):
            q = (select(Contact.customer_id, Contact.name, Contact.position_id, Contact.phone, Contact.mobile,
                        Contact.email).where(Contact.customer_id.in_(chunk)).order_by(Contact.customer_id, Contact.id))
            for r in self.s.execute(q).mappings():
                if by_id[r["customer_id"]]["contact"] is None:
                    by_id[r["customer_id"]]["contact"] = dict(r)
        return out

    def _contact_given(self, vals: dict[str, Any]) -> bool:
        return any(k in vals for k, _a in self._CONTACT_FIELDS) or "position" in vals

    def _customer_differs(self, vals: dict[str, Any], db: dict[str, Any]) -> bool:
        if any(k in vals and vals[k] != db[k] for k in self._CUSTOMER_ATTRS):
            return True
        for key, kind, column in self._CUSTOMER_TABLES:
            if key in vals and self.table_id(kind, vals[key]) != db[column]:
                return True
        if "owner" in vals and self.sp_ids.get(vals["owner"]) != db["salesperson_id"]:
            return True
        pairs = (("status", "status"), ("blacklisted", "blacklisted"), ("credit_days", "term_days"),
                 ("credit_limit", "credit_limit"))
        if any(k in vals and vals[k] != db[c] for k, c in pairs):
            return True
        if self._contact_given(vals):
            contact = db["contact"]
            if contact is None:
                return True
            if any(k in vals and vals[k] != contact[a] for k, a in self._CONTACT_FIELDS):
                return True
            if "position" in vals and self.table_id("position", vals["position"]) != contact["position_id"]:
                return True
        return False

    # ------------------------------------------------ products
    def products_sheet(self) -> None:
        self.master("products", self.rows_of("products"), lambda row: None, self._existing_products,
                    self._product_differs)

    def _existing_products(self, codes: list[str]) -> dict[str, dict[str, Any]]:
        out = {}
        for chunk in _chunks(codes):
            q = select(Product.code, Product.name, Product.spec, Product.unit, Product.category_id, Product.cost,
                       Product.price).where(Product.code.in_(chunk))
            for r in self.s.execute(q).mappings():
                out[r["code"]] = dict(r)
        return out

    def _product_differs(self, vals: dict[str, Any], db: dict[str, Any]) -> bool:
        if any(k in vals and vals[k] != db[k] for k in ("name", "spec", "unit", "cost", "price")):
            return True
        return "category" in vals and self.table_id("product_category", vals["category"]) != db["category_id"]

    def product_cost(self, code: str) -> Decimal:
        """The 成本价 a line without one takes: the workbook's when it will be written, else the stored one."""
        rec = self.recs["products"].get(code)
        if rec is not None and rec.action != "unchanged" and "cost" in rec.vals:
            return rec.vals["cost"]
        if code in self.products:
            return self.products[code][1]
        return Decimal("0")

    # ------------------------------------------------ documents
    def documents(self, key: str, header_keys: tuple[str, ...], check: Callable[[_Rec], None]) -> None:
        """Group a document sheet's rows by number; a document with any bad row is rejected whole."""
        existing = {"orders": self.db_orders, "returns": self.db_returns, "receipts": self.db_receipts}[key]
        groups: dict[str, list[_Row]] = {}
        # rows are parsed only for new documents: re-importing a big file skips the ones already stored
        for row in self.rows_of(key, parse=False):
            number = self.lenient_key(row, "number")
            if number is None:
                self.rejected_docs[key] += 1  # a row no document can claim
                if row.rejected_with is None:
                    _parse_row(row)  # says what is wrong with the number, and with the rest
                continue
            if key == "receipts" and number in groups:
                # one row is one receipt: the first row keeps the number, repeats are errors
                self.rejected_docs[key] += 1
                if row.rejected_with is None:
                    row.bad("number", f"收款单号「{number}」与第 {groups[number][0].no} 行重复")
                continue
            groups.setdefault(number, []).append(row)
        for number, rows in groups.items():
            if number in existing:
                self.unchanged_docs[key] += 1  # documents are keys: never updated, never re-validated
                continue
            if any(r.rejected_with for r in rows):
                self.rejected_docs[key] += 1
                self.bad[key].setdefault(number, rows[0].no)
                continue
            for r in rows:
                _parse_row(r)
            vals: dict[str, Any] = {"number": number}
            for hk in header_keys:
                vals[hk] = self._agree(rows, hk)
            rec = _Rec(number, rows, vals)
            check(rec)
            bad_rows = [r.no for r in rows if r.errors]
            if bad_rows:
                for r in rows:
                    if not r.errors:
                        r.rejected_with = (f"同一单号「{number}」的其他行有错误（第 "
                                           + "、".join(map(str, bad_rows)) + " 行），整单未导入")
                self.rejected_docs[key] += 1
                self.bad[key].setdefault(number, bad_rows[0])
            else:
                self.recs[key][number] = rec

    def _agree(self, rows: list[_Row], key: str) -> Any:
        """The value of a per-document column: stated rows must agree; empty rows inherit it."""
        first: _Row | None = None
        for row in rows:
            if key not in row.vals:
                continue
            if first is None:
                first = row
            elif row.vals[key] != first.vals[key]:
                header = row.sheet.header_of(key)
                row.bad(key, f"同一单号的各行{header}必须相同（第 {first.no} 行为「{_show(first.vals[key])}」）")
        if first is None:
            f = rows[0].sheet.spec.field(key)
            if f.required and not any(key in r.bad_keys for r in rows):
                rows[0].bad(key, "必填，不能为空")
            return None
        return first.vals[key]

    def _stating_row(self, rec: _Rec, key: str) -> _Row:
        return next((r for r in rec.rows if key in r.vals), rec.rows[0])

    def _check_party(self, rec: _Rec) -> None:
        if rec.vals.get("customer") is not None:
            self.resolve(self._stating_row(rec, "customer"), "customer", "customers", rec.vals["customer"])

    def _check_lines(self, rec: _Rec) -> None:
        for row in rec.rows:
            product, qty, price = row.vals.get("product"), row.vals.get("qty"), row.vals.get("price")
            if product is None or not self.resolve(row, "product", "products", product):
                continue
            if qty is None or price is None:
                continue
            unit_cost = row.vals.get("unit_cost")
            if unit_cost is None:
                unit_cost = self.product_cost(product)
            amount, cost = line_amount(qty, price), line_amount(qty, unit_cost)
            if amount > MAX_MONEY or cost > MAX_MONEY:
                row.bad("qty", "金额过大（数量 × 单价或成本价）")
                continue
            rec.lines.append({"product": product, "qty": qty, "price": price, "unit_cost": unit_cost,
                              "amount": amount, "cost": cost, "notes": row.vals.get("notes")})

    def _check_order_ref(self, rec: _Rec, key: str) -> None:
        """原单号 / 对应单号: an order in the workbook or the database, of the same customer."""
        number, customer = rec.vals.get(key), rec.vals.get("customer")
        if number is None:
            return
        row = self._stating_row(rec, key)
        if not self.resolve(row, key, "orders", number) or customer is None:
            return
        if number in self.recs["orders"]:
            owner = self.recs["orders"][number].vals["customer"]
        else:
            owner = self.cust_codes.get(self.db_orders[number][1])
        if owner != customer:
            row.bad(key, f"销售单「{number}」属于客户「{owner}」，不是本单的客户「{customer}」")

    def orders(self) -> None:
        def check(rec: _Rec) -> None:
            self._check_party(rec)
            if rec.vals.get("handler") is not None:
                self.resolve(self._stating_row(rec, "handler"), "handler", "salespeople", rec.vals["handler"])
            self._check_lines(rec)

        self.documents("orders", ("date", "customer", "handler"), check)

    def returns(self) -> None:
        def check(rec: _Rec) -> None:
            self._check_party(rec)
            self._check_order_ref(rec, "order")
            self._check_lines(rec)

        self.documents("returns", ("date", "customer", "order"), check)

    def receipts(self) -> None:
        def check(rec: _Rec) -> None:
            row = rec.rows[0]
            rec.vals.update({k: row.vals.get(k) for k in ("amount", "method", "notes")})
            if rec.vals["amount"] is not None and rec.vals["amount"] == 0:
                row.bad("amount", "收款金额必须大于 0")
            self._check_party(rec)
            self._check_order_ref(rec, "order")

        self.documents("receipts", ("date", "customer", "order"), check)

    def validate(self) -> None:
        self.preload()
        self.salespeople()
        self.customers()
        self.products_sheet()
        self.orders()
        self.returns()
        self.receipts()

    # ------------------------------------------------ results
    def errors(self) -> list[ImportIssue]:
        out: list[ImportIssue] = []
        for data in self.ordered_sheets():
            out.extend(data.issues)
            for row in data.rows:
                out.extend(ImportIssue(data.title, row.no, col, reason) for col, reason in row.errors)
        return out

    def ordered_sheets(self) -> list[_SheetData]:
        order = {spec.key: n for n, spec in enumerate(SHEETS)}
        return sorted(self.sheets.values(), key=lambda d: order[d.spec.key])

    def counts(self) -> dict[str, dict[str, int]]:
        out: dict[str, dict[str, int]] = {}
        for data in self.ordered_sheets():
            key = data.spec.key
            c = out.setdefault(data.spec.zh, {"created": 0, "updated": 0, "unchanged": 0, "rejected": 0})
            if data is not self.sheets.get(key):  # a duplicate sheet: all rejected
                c["rejected"] += len(data.rows)
                continue
            if key in DOCUMENT_SHEETS:
                c["created"] += len(self.recs[key])
                c["unchanged"] += self.unchanged_docs[key]
                c["rejected"] += self.rejected_docs[key]
                continue
            c["rejected"] += sum(1 for r in data.rows if r.rejected)
            for rec in self.recs[key].values():
                c[{"create": "created", "update": "updated", "unchanged": "unchanged"}[rec.action]] += 1
        return out

    def anything_to_write(self) -> bool:
        return any(rec.action != "unchanged" for recs in self.recs.values() for rec in recs.values())

    # ------------------------------------------------ writing
    def insert_returning(self, table: Table, key: str, rows: list[dict[str, Any]]) -> dict[str, int]:
        """Insert many rows; returns key (code or number) -> new id."""
        if not rows:
            return {}
        stmt = insert(table).returning(table.c[key], table.c.id)
        return {k: i for k, i in self.s.execute(stmt, rows)}

    def insert_many(self, table: Table, rows: list[dict[str, Any]]) -> None:
        if rows:
            self.s.execute(insert(table), rows)

    def write(self) -> None:
        self.write_salespeople()
        self.write_customers()
        self.write_products()
        self.s.flush()
        self.write_orders()
        self.write_returns()
        self.write_receipts()
        self.s.flush()

    def _stage(self, name: str, done: int, total: int) -> None:
        _report(self.progress, name, done, total)

    def write_salespeople(self) -> None:
        recs = list(self.recs["salespeople"].values())
        new = []
        for rec in recs:
            if rec.action == "create":
                v = rec.vals
                new.append({
                    "code": rec.key, "name": v["name"], "pinyin": pinyin.search_keys(v["name"]),
                    "initials": _fit(pinyin.initials(v["name"]), 100), "department": v.get("department"),
                    "phone": v.get("phone"), "employed": v.get("employed", True), "version": 1,
                })
        self.sp_ids.update(self.insert_returning(Salesperson.__table__, "code", new))
        updates = {r.key: r for r in recs if r.action == "update"}
        for sp in self._load(Salesperson, list(updates)):
            v = updates[sp.code].vals
            for attr in ("name", "department", "phone", "employed"):
                if attr in v:
                    setattr(sp, attr, v[attr])
            sp.pinyin, sp.initials = pinyin.search_keys(sp.name), _fit(pinyin.initials(sp.name), 100)
        self._stage("写入销售员", len(recs), len(recs))

    def _load(self, model: Any, codes: list[str]) -> Iterator[Any]:
        for chunk in _chunks(codes):
            yield from self.s.scalars(select(model).where(model.code.in_(chunk))).all()

    def write_customers(self) -> None:
        recs = list(self.recs["customers"].values())
        new = [r for r in recs if r.action == "create"]
        rows = []
        for n, rec in enumerate(new, start=1):
            v = rec.vals
            probe = Customer(code=rec.key, name=v["name"], short_name=v.get("short_name"))
            refresh_pinyin(probe)
            rows.append({
                "code": rec.key, "name": v["name"], "short_name": v.get("short_name"),
                "pinyin": probe.pinyin,
                "mnemonic": _fit(probe.mnemonic, _len(Customer, "mnemonic")), "mnemonic_edited": False,
                "type_id": self.table_id_created("customer_type", v.get("type")),
                "region_id": self.table_id_created("region", v.get("region")),
                "industry_id": self.table_id_created("industry", v.get("industry")),
                "address": v.get("address"), "bank": v.get("bank"), "bank_account": v.get("bank_account"),
                "tax_id": v.get("tax_id"), "grade": v.get("grade"), "notes": v.get("notes"),
                "created": v.get("created", self.today), "archived": False, "version": 1,
            })
            if n % PROGRESS_EVERY == 0:
                self._stage("写入客户", n, len(new))
        ids = self.insert_returning(Customer.__table__, "code", rows)
        self.cust_ids.update(ids)
        owners, statuses, blacklists, credits, contacts = [], [], [], [], []
        for rec in new:
            v, cid = rec.vals, ids[rec.key]
            created = v.get("created", self.today)
            base = {"customer_id": cid, "effective": created, "changed_by": self.actor, "reason": None}
            owner = v.get("owner")
            owners.append(base | {"salesperson_id": self.sp_ids[owner] if owner else None})
            statuses.append(base | {"status": v.get("status", "active")})
            credits.append(base | {"term_days": v.get("credit_days", 0),
                                   "credit_limit": v.get("credit_limit", Decimal("0"))})
            if v.get("blacklisted"):
                blacklists.append(base | {"blacklisted": True, "reason": BLACKLIST_REASON})
            if self._contact_given(v):
                contacts.append(self._contact_row(cid, v))
        for model, batch in ((OwnerHistory, owners), (StatusHistory, statuses), (CreditHistory, credits),
                             (BlacklistHistory, blacklists), (Contact, contacts)):
            self.insert_many(model.__table__, batch)
        sync_current(self.s, self.today, list(ids.values()))  # the list columns follow the histories just written
        self._update_customers([r for r in recs if r.action == "update"])
        self._stage("写入客户", len(new), len(new))

    def _contact_row(self, cid: int, v: dict[str, Any]) -> dict[str, Any]:
        # a phone without a contact name is still worth keeping: quick search finds customers by phone
        return {"customer_id": cid, "name": v.get("contact") or "",
                "position_id": self.table_id_created("position", v.get("position")), "phone": v.get("phone"),
                "mobile": v.get("mobile"), "email": v.get("email"), "birthday": None, "hobbies": None,
                "version": 1}

    def _update_customers(self, recs: list[_Rec]) -> None:
        if not recs:
            return
        by_code = {r.key: r for r in recs}
        current = self._existing_customers(list(by_code))
        first_contacts: dict[int, Contact] = {}
        for chunk in _chunks([d["id"] for d in current.values()]):
            q = select(Contact).where(Contact.customer_id.in_(chunk)).order_by(Contact.customer_id, Contact.id)
            for contact in self.s.scalars(q):
                first_contacts.setdefault(contact.customer_id, contact)
        new_contacts = []
        for customer in self._load(Customer, list(by_code)):
            v, db, cid = by_code[customer.code].vals, current[customer.code], customer.id
            for attr in self._CUSTOMER_ATTRS:
                if attr in v:
                    setattr(customer, attr, v[attr])
            for key, kind, column in self._CUSTOMER_TABLES:
                if key in v:
                    setattr(customer, column, self.table_id_created(kind, v[key]))
            if "name" in v or "short_name" in v:
                refresh_pinyin(customer)
                customer.mnemonic = _fit(customer.mnemonic, _len(Customer, "mnemonic"))
            on, by = self.today, self.actor
            if "owner" in v and self.sp_ids[v["owner"]] != db["salesperson_id"]:
                set_owner(self.s, cid, self.sp_ids[v["owner"]], on, by, reason="导入更新")
            if "status" in v and v["status"] != db["status"]:
                set_status(self.s, cid, v["status"], on, by, reason="导入更新")
            if "blacklisted" in v and v["blacklisted"] != db["blacklisted"]:
                set_blacklist(self.s, cid, v["blacklisted"], on, by,
                              reason=BLACKLIST_REASON if v["blacklisted"] else "导入更新")
            term = v.get("credit_days", db["term_days"])
            limit = v.get("credit_limit", db["credit_limit"])
            if (term, limit) != (db["term_days"], db["credit_limit"]):
                set_credit(self.s, cid, term, limit, on, by, reason="导入更新")
            if not self._contact_given(v):
                continue
            first = first_contacts.get(cid)
            if first is None:
                new_contacts.append(self._contact_row(cid, v))
                continue
            for key, attr in self._CONTACT_FIELDS:
                if key in v:
                    setattr(first, attr, v[key])
            if "position" in v:
                first.position_id = self.table_id_created("position", v["position"])
        self.insert_many(Contact.__table__, new_contacts)

    def write_products(self) -> None:
        recs = list(self.recs["products"].values())
        new = []
        for rec in recs:
            if rec.action == "create":
                v = rec.vals
                new.append({
                    "code": rec.key, "name": v["name"], "pinyin": pinyin.search_keys(v["name"]),
                    "initials": _fit(pinyin.initials(v["name"]), 200), "spec": v.get("spec"),
                    "unit": v.get("unit"), "category_id": self.table_id_created("product_category", v.get("category")),
                    "cost": v.get("cost", Decimal("0")), "price": v.get("price", Decimal("0")), "active": True,
                    "version": 1,
                })
        for code, pid in self.insert_returning(Product.__table__, "code", new).items():
            self.products[code] = (pid, self.recs["products"][code].vals.get("cost", Decimal("0")))
        updates = {r.key: r for r in recs if r.action == "update"}
        for product in self._load(Product, list(updates)):
            v = updates[product.code].vals
            for attr in ("name", "spec", "unit", "cost", "price"):
                if attr in v:
                    setattr(product, attr, v[attr])
            if "category" in v:
                product.category_id = self.table_id_created("product_category", v["category"])
            if "name" in v:
                product.pinyin = pinyin.search_keys(product.name)
                product.initials = _fit(pinyin.initials(product.name), 200)
        self._stage("写入商品", len(recs), len(recs))

    def _terms(self, customer_ids: set[int]) -> dict[int, tuple[list[date], list[int]]]:
        """Credit-term history per customer: (effective dates ascending, term in force from each)."""
        out: dict[int, tuple[list[date], list[int]]] = {}
        ids = sorted(customer_ids)
        for chunk in _chunks(ids):
            q = (select(CreditHistory.customer_id, CreditHistory.effective, CreditHistory.term_days)
                 .where(CreditHistory.customer_id.in_(chunk))
                 .order_by(CreditHistory.customer_id, CreditHistory.effective, CreditHistory.id))
            for cid, effective, term in self.s.execute(q):
                days, terms = out.setdefault(cid, ([], []))
                if days and days[-1] == effective:
                    terms[-1] = term  # same day: the row entered last holds
                else:
                    days.append(effective)
                    terms.append(term)
        return out

    def write_orders(self) -> None:
        recs = list(self.recs["orders"].values())
        if not recs:
            return
        terms = self._terms({self.cust_ids[r.vals["customer"]] for r in recs})
        now = datetime.now()
        headers, early = [], 0
        for rec in recs:
            v = rec.vals
            cid = self.cust_ids[v["customer"]]
            days, term_list = terms.get(cid, ([], []))
            i = bisect_right(days, v["date"]) - 1
            if i < 0 and days:
                early += 1  # dated before the customer's first term: the customer's 账期天数 still applies
            term = term_list[max(i, 0)] if term_list else 0
            headers.append({
                "number": rec.key, "date": v["date"], "customer_id": cid,
                "handler_id": self.sp_ids[v["handler"]] if v.get("handler") else None, "status": "confirmed",
                "term_days": term, "due_date": v["date"] + timedelta(days=term),
                "total": sum((ln["amount"] for ln in rec.lines), Decimal("0")),
                "cost_total": sum((ln["cost"] for ln in rec.lines), Decimal("0")),
                "notes": None, "created_by": self.actor, "created_at": now, "version": 1,
            })
        self._stage("写入销售单", 0, len(recs))
        ids = self.insert_returning(SalesOrder.__table__, "number", headers)
        for number, oid in ids.items():
            self.db_orders[number] = (oid, self.cust_ids[self.recs["orders"][number].vals["customer"]])
        self._insert_lines(OrderLine.__table__, "order_id", recs, ids, "写入销售单明细")
        if early:
            self.notices.append(f"{early} 张销售单早于客户的建档日期，其到期日按客户的账期天数计算")

    def _insert_lines(self, table: Table, parent: str, recs: list[_Rec], ids: dict[str, int], stage: str) -> None:
        batch: list[dict[str, Any]] = []
        total = sum(len(r.lines) for r in recs)
        done = 0
        for rec in recs:
            for no, ln in enumerate(rec.lines, start=1):
                batch.append({
                    parent: ids[rec.key], "line_no": no, "product_id": self.products[ln["product"]][0],
                    "qty": ln["qty"], "price": ln["price"], "unit_cost": ln["unit_cost"], "amount": ln["amount"],
                    "cost": ln["cost"], "notes": ln["notes"],
                })
            if len(batch) >= PROGRESS_EVERY:
                self.insert_many(table, batch)
                done += len(batch)
                batch = []
                self._stage(stage, done, total)
        self.insert_many(table, batch)
        self._stage(stage, total, total)

    def _order_id(self, number: str | None) -> int | None:
        return None if number is None else self.db_orders[number][0]

    def write_returns(self) -> None:
        recs = list(self.recs["returns"].values())
        if not recs:
            return
        headers = [{
            "number": r.key, "date": r.vals["date"], "customer_id": self.cust_ids[r.vals["customer"]],
            "order_id": self._order_id(r.vals.get("order")), "handler_id": None, "status": "confirmed",
            "total": sum((ln["amount"] for ln in r.lines), Decimal("0")),
            "cost_total": sum((ln["cost"] for ln in r.lines), Decimal("0")),
            "notes": None, "created_by": self.actor, "version": 1,
        } for r in recs]
        ids = self.insert_returning(SalesReturn.__table__, "number", headers)
        self._insert_lines(ReturnLine.__table__, "return_id", recs, ids, "写入退货明细")

    def write_receipts(self) -> None:
        recs = list(self.recs["receipts"].values())
        rows = [{
            "number": r.key, "date": r.vals["date"], "customer_id": self.cust_ids[r.vals["customer"]],
            "amount": r.vals["amount"], "method_id": self.table_id_created("payment_method", r.vals.get("method")),
            "order_id": self._order_id(r.vals.get("order")), "status": "confirmed", "notes": r.vals.get("notes"),
            "created_by": self.actor, "version": 1,
        } for r in recs]
        self.insert_many(Receipt.__table__, rows)
        self._stage("写入收款", len(rows), len(rows))


# ---------------------------------------------------------------- the error workbook


def _safe_cell(ws: Any, value: Any) -> Any:
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if value.startswith("="):
            cell = WriteOnlyCell(ws, value=value)
            cell.data_type = "s"  # text the user typed, never a formula
            return cell
    return value


def _write_error_workbook(path: Path, sheets: list[_SheetData]) -> Path | None:
    rejected = [(d, [r for r in d.rows if r.rejected]) for d in sheets]
    rejected = [(d, rows) for d, rows in rejected if rows]
    if not rejected:
        return None
    target = path.with_name(f"{path.stem}_错误.xlsx")
    wb = openpyxl.Workbook(write_only=True)
    bold = Font(bold=True)
    for data, rows in rejected:
        ws = wb.create_sheet(data.title)
        width = max([len(data.header), *(len(r.raw) for r in rows)])
        header = [*data.header, *([None] * (width - len(data.header))), "错误原因", "原行号"]
        for i, value in enumerate(header, start=1):
            ws.column_dimensions[get_column_letter(i)].width = 40 if value == "错误原因" else 14
        cells = []
        for value in header:
            cell = WriteOnlyCell(ws, value=_text(value))
            cell.data_type = "s" if cell.data_type == "f" else cell.data_type  # a header, never a formula
            cell.font = bold
            cells.append(cell)
        ws.append(cells)
        for row in rows:
            raw = [*row.raw, *([None] * (width - len(row.raw)))]
            ws.append([*(_safe_cell(ws, v) for v in raw), row.reason_text(), row.no])
    wb.save(target)
    return target


# ---------------------------------------------------------------- the template


def write_template(path: Path) -> None:
    """The empty import workbook: one sheet per part, the Chinese headers of CONTRACT.md, required ones marked."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    lists = {"bool": '"是,否"', "status": '"潜在,正常,暂停,终止"', "grade": '"A,B,C,D"'}
    for spec in SHEETS:
        ws = wb.create_sheet(spec.zh)
        for i, f in enumerate(spec.fields, start=1):
            letter = get_column_letter(i)
            cell = ws.cell(row=1, column=i, value=f.zh)
            cell.font = Font(bold=True, color="C00000" if f.required else None)
            if f.required:
                cell.comment = Comment("必填", "客户资源管理")
            dim = ws.column_dimensions[letter]
            dim.width = max(f.width, 2 * len(f.zh) + 4)
            if f.as_text:
                dim.number_format = "@"  # so Excel keeps 001 and long account numbers as typed
            elif f.kind == "date":
                dim.number_format = "yyyy-mm-dd"
            elif f.kind == "money":
                dim.number_format = "#,##0.00"
            if f.kind in lists:
                dv = DataValidation(type="list", formula1=lists[f.kind], allow_blank=True)
                dv.add(f"{letter}2:{letter}1048576")
                ws.add_data_validation(dv)
        ws.freeze_panes = "A2"
    try:
        wb.save(path)
    except OSError as exc:
        raise UserError(f"无法写入文件「{path}」：{exc.strerror or exc}") from exc


# ---------------------------------------------------------------- the use case


def import_workbook(
    sessions: sessionmaker[Session],
    path: Path,
    *,
    partial: bool = False,
    update: bool = False,
    today: date | None = None,
    progress: Progress | None = None,
    actor: str = "import",
) -> ImportResult:
    """Import the workbook at `path` in one transaction; see the module docstring and CONTRACT.md.

    Raises ImportRefused for a file that cannot be read at all; every problem inside the workbook is an
    ImportIssue in the result. `progress(stage, done, total)` is called about every 1000 rows; while a
    sheet without a stored size is being read, `total` is the rows read so far.
    """
    path = Path(path)
    today = today or date.today()
    sheets, notices = _read_workbook(path, progress)
    written = False
    with sessions.begin() as session:
        job = _Import(session, sheets, update=update, today=today, progress=progress, actor=actor)
        job.validate()
        errors = job.errors()
        rejected_any = any(r.rejected for d in sheets.values() for r in d.rows) or bool(errors)
        if (partial or not rejected_any) and job.anything_to_write():
            try:
                job.write()
                session.add(AuditLog(
                    at=datetime.now(), login=actor, action="import", entity="workbook", entity_id=None,
                    detail=json.dumps({"file": path.name, "partial": partial, "update": update,
                                       "counts": job.counts()}, ensure_ascii=False),
                ))
                session.flush()
            except IntegrityError as exc:
                raise ConflictError(
                    "导入时发现重复的编码或单号（可能有其他人同时在录入），未写入任何数据，请稍后重新导入。"
                ) from exc
            written = True
    error_workbook = None
    if partial and rejected_any:
        try:
            error_workbook = _write_error_workbook(path, job.ordered_sheets())
        except OSError as exc:  # the import itself is committed; say why the rejected rows are not saved
            notices.append(f"无法保存错误工作簿（{exc.strerror or exc}），被拒绝的行请见错误列表")
    if not any(d.rows for d in sheets.values()):
        notices.append("工作簿中没有数据行")
    elif not written and not rejected_any:
        notices.append("工作簿中的数据都已导入过，本次没有任何改动")
    return ImportResult(
        counts=job.counts(), errors=errors, notices=notices + job.notices, written=written,
        error_workbook=error_workbook,
    )
