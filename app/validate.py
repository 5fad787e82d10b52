"""The checks every service runs on what a caller sends before anything is written: amounts, quantities, whole
numbers, dates, texts and references to other records. A value that does not fit its column is refused with a
ValidationError (a reference that does not exist: NotFound) naming the field — never rounded, never clipped,
never left for the database driver to fail on. The ranges are app.limits'.

`field` is the field's title as a catalogue message (`field("price")` → "单价"); a document line's field is
`on_line(3, field("price"))` → "第 3 行：单价".
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from app.errors import ConflictError, NotFound, ValidationError
from app.limits import FEN, MAX_MONEY, MAX_QTY, MILLI
from app.messages import Message, msg

__all__ = ["MAX_MONEY", "MAX_QTY"]

FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2100, 12, 31)
MAX_TEXT = 20_000  # a Text column (notes, follow-up content): pages of writing, never a pasted file
MAX_ID = 2**63 - 1
_GROUPED = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d*)?")  # 1,234,567.89: thousands separators where they belong
_WHOLE = re.compile(r"[+-]?\d{1,19}")
_MULTI_LINE = frozenset("\t\n\r")
M = TypeVar("M")


def field(name: str) -> Message:
    """A field's title: [validate] "field.<name>" in the catalogue."""
    return msg(f"validate.field.{name}")


def on_line(line: int, title: Message) -> Message:
    """A field of a document line, as messages name it: "第 3 行：单价"."""
    return msg("validate.on_line", line=line, field=title)


# --- numbers ---------------------------------------------------------------------------------------------------


def _number(value: object, title: Message) -> Decimal:
    """The number a caller sent: a Decimal, an int or text of one; never a float (0.1 is not 0.10), never NaN."""
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int) and not isinstance(value, bool):
        number = Decimal(value)
    elif isinstance(value, str):
        text = value.strip()
        if _GROUPED.fullmatch(text):
            text = text.replace(",", "")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValidationError("validate.not_a_number", field=title) from None
    else:
        raise ValidationError("validate.not_a_number", field=title)
    if not number.is_finite():
        raise ValidationError("validate.not_a_number", field=title)
    return number


def _decimal(value: object, title: Message, step: Decimal, maximum: Decimal, positive: bool, places_code: str
             ) -> Decimal:
    number = _number(value, title)
    if number < 0:
        raise ValidationError("validate.negative", field=title)
    if positive and number == 0:
        raise ValidationError("validate.must_be_positive", field=title)
    if number > maximum:
        raise ValidationError("validate.too_big", field=title, limit=f"{maximum:,}")
    if number != number.quantize(step):
        raise ValidationError(places_code, field=title)
    return abs(number).quantize(step)  # abs: -0 is 0


def money(value: object, title: Message, *, positive: bool = False, maximum: Decimal = MAX_MONEY) -> Decimal:
    """An amount in yuan: at least 0 (above 0 when `positive`), at most `maximum`, to the fen."""
    return _decimal(value, title, FEN, maximum, positive, "validate.money_places")


def quantity(value: object, title: Message, *, maximum: Decimal = MAX_QTY) -> Decimal:
    """A line's quantity: above 0, at most MAX_QTY, to the thousandth."""
    return _decimal(value, title, MILLI, maximum, True, "validate.qty_places")


def whole(value: object, title: Message, low: int, high: int) -> int:
    """A whole number within [low, high] (an int or its digits as text)."""
    if isinstance(value, str) and _WHOLE.fullmatch(value.strip()):
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError("validate.not_whole", field=title)
    if not low <= value <= high:
        raise ValidationError("validate.out_of_range", field=title, low=f"{low:,}", high=f"{high:,}")
    return value


# --- dates -----------------------------------------------------------------------------------------------------


def day(value: object, title: Message, *, required: bool = True) -> date | None:
    """A date from 1900-01-01 to 2100-12-31 (a datetime counts as its day)."""
    if value is None and not required:
        return None
    if not isinstance(value, date):
        raise ValidationError("validate.not_a_date", field=title)
    if isinstance(value, datetime):
        value = value.date()
    if not FIRST_DAY <= value <= LAST_DAY:
        raise ValidationError("validate.date_range", field=title, first=FIRST_DAY, last=LAST_DAY)
    return value


# --- text ------------------------------------------------------------------------------------------------------


def _limit(column: Any) -> int:
    if isinstance(column, int):
        return column
    return getattr(column.type, "length", None) or MAX_TEXT


def control_character(value: str, multiline: bool = False) -> int | None:
    """The position (from 1) of the first control character (NUL, \\x01 …, DEL, C1; tab and line breaks are fine in
    multi-line text), or None."""
    for n, ch in enumerate(value, start=1):
        if unicodedata.category(ch) == "Cc" and not (multiline and ch in _MULTI_LINE):
            return n
    return None


def text(value: object, title: Message, column: Any, *, required: bool = False, multiline: bool = False
         ) -> str | None:
    """Text for a column (an ORM attribute, whose length is the limit, or a length): trimmed, None when empty (a
    required field refuses that), refused when longer than the column or holding a control character."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValidationError("validate.not_text", field=title)
    value = value.strip()
    if not value:
        if required:
            raise ValidationError("validate.required", field=title)
        return None
    limit = _limit(column)
    if len(value) > limit:
        raise ValidationError("validate.too_long", field=title, limit=f"{limit:,}", length=f"{len(value):,}")
    position = control_character(value, multiline)
    if position is not None:
        raise ValidationError("validate.control", field=title, position=position,
                              code=f"U+{ord(value[position - 1]):04X}")
    return value


def search_text(value: str | None) -> str:
    """What was typed into a search box, without control characters (a NUL is not text PostgreSQL can compare)."""
    return "".join(ch for ch in value or "" if unicodedata.category(ch) != "Cc")


# --- references ------------------------------------------------------------------------------------------------


def reference(session: Session, model: type[M], value: object, title: Message, *, kind: str | None = None,
              required: bool = False) -> M | None:
    """The record `value` names (None when no id is given and none is required); NotFound naming the field when
    there is no such record (a code-table entry: none of that `kind`)."""
    if value is None and not required:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= MAX_ID:
        raise NotFound("validate.not_found", field=title)
    found = session.get(model, value)
    if found is None or (kind is not None and getattr(found, "kind", None) != kind):
        raise NotFound("validate.not_found", field=title)
    return found


# --- a stale save ----------------------------------------------------------------------------------------------


def stale(session: Session, entity: str, entity_id: int, what: Message, code: str) -> ConflictError:
    """The refusal of a save on a record someone else changed since it was opened (its version moved on): naming
    who changed it last and when, from the audit log, else the plain `code` message."""
    from sqlalchemy import select

    from models import AuditLog

    row = session.execute(
        select(AuditLog.login, AuditLog.at).where(AuditLog.entity == entity, AuditLog.entity_id == entity_id)
        .order_by(AuditLog.id.desc()).limit(1)).first()
    if row is None:
        return ConflictError(code)
    return ConflictError("validate.changed_by", what=what, login=row.login, at=f"{row.at:%Y-%m-%d %H:%M}")
