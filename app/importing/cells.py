"""One cell of the import workbook as a value: code, text, decimal, money, quantity, days, date, yes/no, status, grade.

A cell arrives as the reader gives it: None or "" when empty, str, int, float, bool, date, datetime, time or
timedelta. The rules are CONTRACT.md's: codes are text (a number cell 100234.0 is the code "100234"); numbers
may be text with thousands separators, full-width digits and a leading ¥; dates may be Excel dates or text
2026-07-01, 2026/7/1, 2026.7.1, 2026年7月1日.

Text is checked before it is parsed: a control character (U+0000–U+001F but tab, line feed and carriage return;
U+007F–U+009F) is refused in every column. Codes, and the names of code-table values (类型, 地区, 行业, 类别, 方式,
职位), are keys: an invisible character in one would make `HC001\u200b` a second customer beside `HC001`, so any
character there that is neither visible nor an ordinary space is refused naming it (zero-width space, non-joiner
and joiner, word joiner, the byte-order mark, no-break and other special spaces, direction marks, the soft
hyphen, private-use or unassigned code points); ordinary and full-width spaces at the ends go, as always. In any
other text (names, addresses, notes) zero-width characters and the byte-order mark at either end are dropped with
the surrounding spaces (no-break spaces included); what is inside stays as written.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from openpyxl.utils.datetime import from_excel

from app.importing.contract import CODE_TABLE_KINDS, ZERO_WIDTH, Field
from app.limits import FEN, MAX_MONEY, MAX_QTY, MAX_TERM_DAYS, MILLI
from app.messages import Message, msg

STATUS_BY_TEXT = {
    "潜在": "prospect", "正常": "active", "暂停": "suspended", "终止": "terminated",
    "prospect": "prospect", "active": "active", "suspended": "suspended", "terminated": "terminated",
}
TRUE_TEXTS = {"是", "y", "yes", "true", "t", "1", "√", "✓", "在职"}
FALSE_TEXTS = {"否", "n", "no", "false", "f", "0", "×", "✗", "离职"}


class Bad(Exception):
    """A cell value that cannot be used; `reason` says why."""

    def __init__(self, reason: Message) -> None:
        super().__init__(reason)
        self.reason = reason


class Unread:
    """A cell the reader could not read faithfully (a formula without a value): refused with `reason`."""

    __slots__ = ("reason",)

    def __init__(self, reason: Message) -> None:
        self.reason = reason


_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_EDGES_RE = re.compile(rf"^[\s{ZERO_WIDTH}]+|[\s{ZERO_WIDTH}]+$")
# invisible in a key: formatting (Cf: zero-width characters, BOM, direction marks, soft hyphen), private use,
# unassigned, surrogates, and separators but the ordinary and the full-width (ideographic) space
_INVISIBLE = frozenset({"Cf", "Co", "Cn", "Cs", "Zs", "Zl", "Zp"})
_SPACES = frozenset(" \u3000")


def _char(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return f"U+{ord(ch):04X} {name}" if name else f"U+{ord(ch):04X}"


def clean(value: str, *, is_key: bool) -> str:
    """Text of a cell as checked above; raises Bad for a control character, or an invisible one in a key."""
    bad = _CONTROL_RE.search(value)
    if bad:
        raise Bad(msg("import_guard.control_char", char=_char(bad.group())))
    if value.isascii():  # most cells: nothing invisible can be there
        return value
    if is_key:
        hidden = next((ch for ch in value if ch not in _SPACES and unicodedata.category(ch) in _INVISIBLE), None)
        if hidden is not None:
            raise Bad(msg("import_guard.invisible_char", char=_char(hidden)))
        return value
    return _EDGES_RE.sub("", value)


def nfkc(text: str) -> str:
    # ASCII is its own NFKC form; most cells are ASCII and this runs for every one of them
    return text.strip() if text.isascii() else unicodedata.normalize("NFKC", text).strip()


def float_text(value: float) -> str:
    if value != value or value in (float("inf"), float("-inf")):  # float ok: an Excel number cell
        raise Bad(msg("import.bad_number_cell"))
    # Excel shows and keeps 15 significant digits; more is binary noise from a formula
    return str(int(value)) if value.is_integer() else format(value, ".15g")


def text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return float_text(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip() or None


def code(value: Any) -> str | None:
    """Codes and numbers are text: `001` stays `001`, a number cell 100234.0 becomes `100234`."""
    if isinstance(value, (bool, date, time, timedelta)):
        raise Bad(msg("import.code_expected"))
    if isinstance(value, float) and value == value and not value.is_integer():
        raise Bad(msg("import.code_fraction", value=float_text(value)))
    if isinstance(value, Unread):
        raise Bad(value.reason)
    if isinstance(value, str):
        value = clean(value, is_key=True)
    as_text = text(value)
    if as_text is None:
        return None
    return nfkc(as_text) or None


_NUMBER_RE = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?|\.\d+")


def decimal(value: Any) -> Decimal | None:
    """A numeric cell, or text with thousands separators, full-width digits and a leading ¥."""
    if value is None:
        return None
    if isinstance(value, (bool, date, time, timedelta)):
        raise Bad(msg("import.number_expected"))
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(float_text(value))
    digits = nfkc(str(value)).replace(" ", "")
    if not digits:
        return None
    sign = ""
    if digits[0] in "+-":
        sign, digits = digits[0], digits[1:]
    if digits[:1] == "¥":  # NFKC turns the full-width ￥ into ¥
        digits = digits[1:]
    if not sign and digits[:1] in "+-":
        sign, digits = digits[0], digits[1:]
    if not _NUMBER_RE.fullmatch(digits):
        raise Bad(msg("import.not_a_number", value=value))
    try:
        number = Decimal(digits.replace(",", ""))
    except InvalidOperation as exc:
        raise Bad(msg("import.not_a_number", value=value)) from exc
    return -number if sign == "-" else number


def money(value: Any) -> Decimal | None:
    number = decimal(value)
    if number is None:
        return None
    if abs(number) > MAX_MONEY:
        raise Bad(msg("import.money_too_large"))
    if number != number.quantize(FEN):
        raise Bad(msg("import.money_fen", number=number))
    if number < 0:
        raise Bad(msg("import.money_negative"))
    return number.quantize(FEN)


def qty(value: Any) -> Decimal | None:
    number = decimal(value)
    if number is None:
        return None
    if abs(number) > MAX_QTY:
        raise Bad(msg("import.qty_too_large"))
    if number != number.quantize(MILLI):
        raise Bad(msg("import.qty_places", number=number))
    if number <= 0:
        raise Bad(msg("import.qty_positive"))
    return number.quantize(MILLI)


def days(value: Any) -> int | None:
    number = decimal(value)
    if number is None:
        return None
    if number != number.to_integral_value() or not 0 <= number <= MAX_TERM_DAYS:
        raise Bad(msg("import.days_range", max=MAX_TERM_DAYS))
    return int(number)


_DATE_SEP_RE = re.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_DATE_CN_RE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日?")
_DATE_COMPACT_RE = re.compile(r"(\d{4})(\d{2})(\d{2})")


def day(value: Any) -> date | None:
    """An Excel date, or text 2026-07-01, 2026/7/1, 2026.7.1, 2026年7月1日 (20260701 too)."""
    if value is None:
        return None
    if isinstance(value, datetime):
        result = value.date()
    elif isinstance(value, date):
        result = value
    elif isinstance(value, (bool, time, timedelta)):
        raise Bad(msg("import.date_expected"))
    elif isinstance(value, (int, float)):
        result = _serial_date(value)
    else:
        written = nfkc(str(value))
        if not written:
            return None
        m = _DATE_SEP_RE.fullmatch(written)
        parts = (m.group(1), m.group(3), m.group(4)) if m else None
        if parts is None:
            m = _DATE_CN_RE.fullmatch(written.replace(" ", "")) or _DATE_COMPACT_RE.fullmatch(written)
            parts = m.groups() if m else None
        if parts is None:
            raise Bad(msg("import.date_invalid_example", value=value))
        try:
            result = date(int(parts[0]), int(parts[1]), int(parts[2]))
        except ValueError as exc:
            raise Bad(msg("import.date_invalid", value=value)) from exc
    if not 1900 <= result.year <= 2100:
        raise Bad(msg("import.date_range", day=result))
    return result


def _serial_date(value: float) -> date:
    """A number in a date column: 20260701, or an Excel serial day number left in General format."""
    if value == int(value) and 19000101 <= value <= 21001231:
        return day(str(int(value)))  # type: ignore[return-value]
    if not 1 <= value <= 73051:  # 1900-01-01 .. 2100-01-01
        raise Bad(msg("import.date_expected"))
    result = from_excel(value)
    return result.date() if isinstance(result, datetime) else result


def yes_no(value: Any) -> bool | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    written = nfkc(str(value)).lower()
    if not written:
        return None
    if written in TRUE_TEXTS:
        return True
    if written in FALSE_TEXTS:
        return False
    raise Bad(msg("import.bool_expected", value=value))


def status(value: Any) -> str | None:
    written = text(value)
    if written is None:
        return None
    found = STATUS_BY_TEXT.get(nfkc(written).lower())
    if found is None:
        raise Bad(msg("import.status_invalid", value=written))
    return found


def grade(value: Any) -> str | None:
    written = text(value)
    if written is None:
        return None
    found = nfkc(written).upper()
    if found not in ("A", "B", "C", "D"):
        raise Bad(msg("import.grade_invalid", value=written))
    return found


PARSERS: dict[str, Callable[[Any], Any]] = {
    "text": text, "code": code, "date": day, "money": money, "qty": qty, "days": days,
    "bool": yes_no, "status": status, "grade": grade,
}


def parse(f: Field, value: Any) -> Any:
    """The value of cell `value` in column `f`; raises Bad with the reason it cannot be used."""
    if isinstance(value, Unread):
        raise Bad(value.reason)
    if isinstance(value, str) and f.kind != "code":
        value = clean(value, is_key=f.kind in CODE_TABLE_KINDS)
    parsed = PARSERS.get(f.kind, text)(value)
    if isinstance(parsed, str) and f.max_len is not None and len(parsed) > f.max_len:
        raise Bad(msg("import.too_long", max=f.max_len, actual=len(parsed)))
    return parsed
