"""Money, price, quantity and day editors that never change what was typed: bad input is shown as bad, with why."""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLineEdit, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from app.errors import ValidationError
from app.limits import MAX_MONEY, MAX_QTY, MAX_TERM_DAYS, MONEY_PLACES, QTY_PLACES

Index = QModelIndex | QPersistentModelIndex
MONEY, QUANTITY, DAYS = "money", "quantity", "days"
INVALID_STYLE = "QLineEdit { border: 1px solid #b00020; background: #fff0f0; }"
# after NFKC (full-width digits, ，．－￥ become ASCII): digits with optional thousands separators, optional fraction
_BODY = re.compile(r"(?:\d{1,3}(?:,\d{3})+|\d*)(?:\.(\d*))?")
_EXPONENT = re.compile(r"[\d.,]*\d[eE][+-]?\d+")
_NOT_NUMBERS = frozenset({"nan", "snan", "inf", "infinity"})


@dataclass(frozen=True)
class NumberSpec:
    """What one field accepts. `noun` names the field in messages (translated by the caller: 金额, 单价, 数量…)."""

    kind: str  # MONEY | QUANTITY | DAYS
    noun: str
    places: int
    maximum: Decimal
    allow_zero: bool = True
    allow_negative: bool = False
    required: bool = False  # empty is a problem when saving (never while typing)


@dataclass(frozen=True)
class Parsed:
    value: Decimal | None  # None: empty, or a problem
    problem: str = ""  # why the text is not a valid value ("" when it is, or when it is empty)


def money_spec(noun: str = "", **flags: bool) -> NumberSpec:
    noun = noun or QCoreApplication.translate("NumberEdit", "金额")
    return NumberSpec(MONEY, noun, MONEY_PLACES, MAX_MONEY, **flags)


def quantity_spec(noun: str = "", **flags: bool) -> NumberSpec:
    noun = noun or QCoreApplication.translate("NumberEdit", "数量")
    return NumberSpec(QUANTITY, noun, QTY_PLACES, MAX_QTY, **flags)


def days_spec(noun: str = "", **flags: bool) -> NumberSpec:
    noun = noun or QCoreApplication.translate("NumberEdit", "天数")
    return NumberSpec(DAYS, noun, 0, Decimal(MAX_TERM_DAYS), **flags)


def plain(value: Decimal, places: int) -> str:
    """How an editor shows a value: no separators, `places` decimals (a quantity without trailing zeros)."""
    if places == QTY_PLACES:
        text = f"{value:f}"
        return text.rstrip("0").rstrip(".") if "." in text else text
    return f"{value:.{places}f}"


def _invalid(spec: NumberSpec, typed: str) -> str:
    if spec.kind == QUANTITY:
        template = QCoreApplication.translate("NumberEdit", "{0}「{1}」不是有效的数量")
    elif spec.kind == DAYS:
        template = QCoreApplication.translate("NumberEdit", "{0}「{1}」不是有效的天数")
    else:
        template = QCoreApplication.translate("NumberEdit", "{0}「{1}」不是有效的金额")
    return template.format(spec.noun, typed)


def _too_many_places(spec: NumberSpec) -> str:
    if spec.places == 0:
        template = QCoreApplication.translate("NumberEdit", "{0}必须是整数")
    elif spec.places == 2:
        template = QCoreApplication.translate("NumberEdit", "{0}最多两位小数")
    elif spec.places == 3:
        template = QCoreApplication.translate("NumberEdit", "{0}最多三位小数")
    else:
        template = QCoreApplication.translate("NumberEdit", "{0}最多 {1} 位小数")
    return template.format(spec.noun, spec.places)


def _problem(text: str, *args: object) -> Parsed:
    return Parsed(None, text.format(*args))


def parse_number(text: str, spec: NumberSpec) -> Parsed:
    """Digits with optional thousands separators, an optional leading ¥ and sign; full-width forms accepted.
    Anything else — an exponent, NaN, letters, too many places, out of range — is a problem, never rounded."""
    typed = text.strip()
    t = unicodedata.normalize("NFKC", typed).replace("。", ".").replace("\u2212", "-").strip()
    if not t:
        return Parsed(None)
    sign = ""
    if t[0] in "+-":
        sign, t = t[0], t[1:].lstrip()
    if t[:1] == "¥":
        t = t[1:].lstrip()
    if not sign and t.startswith(("+", "-")):
        sign, t = t[0], t[1:].lstrip()
    if sign == "-" and not spec.allow_negative and (not t or _BODY.fullmatch(t)):
        return _problem(QCoreApplication.translate("NumberEdit", "{0}不能为负数"), spec.noun)
    if t.casefold() in _NOT_NUMBERS:
        return Parsed(None, _invalid(spec, typed))
    if _EXPONENT.fullmatch(t):
        return _problem(QCoreApplication.translate("NumberEdit", "{0}不能用科学计数法（如 1e15），请直接写出数字"),
                        spec.noun)
    match = _BODY.fullmatch(t)
    if match is None or not any(c.isdigit() for c in t):
        if re.fullmatch(r"[\d,]+(\.\d*)?", t):
            return _problem(QCoreApplication.translate("NumberEdit", "{0}「{1}」的千位分隔符位置不对"), spec.noun, typed)
        return Parsed(None, _invalid(spec, typed))
    digits = t.replace(",", "").rstrip(".") or "0"
    value = Decimal(digits if digits[0] != "." else "0" + digits)
    if sign == "-":
        value = -value
    if abs(value) > spec.maximum:
        if spec.kind == DAYS:
            return _problem(QCoreApplication.translate("NumberEdit", "{0}不能超过 {1} 天"), spec.noun, spec.maximum)
        return _problem(QCoreApplication.translate("NumberEdit", "{0}不能超过 {1}"), spec.noun,
                        f"{spec.maximum:,.{spec.places}f}")
    if len((match.group(1) or "").rstrip("0")) > spec.places:
        return Parsed(None, _too_many_places(spec))
    if value == 0:
        if not spec.allow_zero:
            return _problem(QCoreApplication.translate("NumberEdit", "{0}必须大于 0"), spec.noun)
        value = abs(value)  # "-0" is zero, not a negative number
    return Parsed(value.quantize(Decimal(1).scaleb(-spec.places)))


class NumberEdit(QLineEdit):
    """A line edit for one number field. It keeps the text exactly as typed; while it is not a valid value the
    border is red, the tooltip says why and `problem_changed` tells the form (for its error line)."""

    problem_changed = Signal(str)

    def __init__(self, spec: NumberSpec, value: Decimal | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self._problem = ""
        self._tooltip = ""
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setPlaceholderText(plain(Decimal(0), spec.places))
        self.textChanged.connect(self._check)
        self.set_value(value)

    def parsed(self) -> Decimal | None:
        """The value, or None while the text is empty or not valid (for running totals; never raises)."""
        return parse_number(self.text(), self.spec).value

    def problem(self) -> str:
        """Why the typed text is not a valid value ("" when it is, or when it is empty)."""
        return self._problem

    def value(self) -> Decimal | None:
        """The value for saving: raises ValidationError with the problem (or 请填写… when required and empty);
        None when empty and not required."""
        parsed = parse_number(self.text(), self.spec)
        if parsed.problem:
            raise ValidationError(parsed.problem)
        if parsed.value is None and self.spec.required:
            raise ValidationError(QCoreApplication.translate("NumberEdit", "请填写{0}").format(self.spec.noun))
        return parsed.value

    def set_value(self, value: Decimal | int | None) -> None:
        self.setText("" if value is None else plain(Decimal(value), self.spec.places))

    def setValue(self, value: Decimal | int | None) -> None:  # noqa: N802 - what callers of the old spin box use
        self.set_value(value)

    def setToolTip(self, text: str) -> None:  # noqa: N802 - keeps the field's own tooltip under the problem
        self._tooltip = text
        super().setToolTip(self._problem or text)

    def _check(self, text: str) -> None:
        problem = parse_number(text, self.spec).problem
        if problem == self._problem:
            return
        self._problem = problem
        self.setStyleSheet(INVALID_STYLE if problem else "")
        super().setToolTip(problem or self._tooltip)
        self.problem_changed.emit(problem)


class MoneyEdit(NumberEdit):
    """An amount in yuan: two places, up to MAX_MONEY."""

    def __init__(self, noun: str = "", value: Decimal | None = None, *, allow_zero: bool = True,
                 allow_negative: bool = False, required: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(money_spec(noun, allow_zero=allow_zero, allow_negative=allow_negative, required=required),
                         value, parent)


class PriceEdit(MoneyEdit):
    """A unit price: money, named 单价 unless told otherwise."""

    def __init__(self, noun: str = "", value: Decimal | None = None, *, allow_zero: bool = True,
                 required: bool = False, parent: QWidget | None = None) -> None:
        noun = noun or QCoreApplication.translate("NumberEdit", "单价")
        super().__init__(noun, value, allow_zero=allow_zero, required=required, parent=parent)


class QuantityEdit(NumberEdit):
    """A quantity: three places, up to MAX_QTY."""

    def __init__(self, noun: str = "", value: Decimal | None = None, *, allow_zero: bool = True,
                 allow_negative: bool = False, required: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(quantity_spec(noun, allow_zero=allow_zero, allow_negative=allow_negative,
                                       required=required), value, parent)


class DaysEdit(NumberEdit):
    """Whole days, 0 … MAX_TERM_DAYS (a credit term)."""

    def __init__(self, noun: str = "", value: int | None = None, *, required: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(days_spec(noun, required=required), None if value is None else Decimal(value), parent)

    def days(self) -> int | None:
        value = self.value()
        return None if value is None else int(value)


class NumberDelegate(QStyledItemDelegate):
    """Edits a grid's number cell with a NumberEdit. The model receives the text as typed (EditRole) and keeps an
    invalid one as it is — shown red with the reason — instead of dropping or rounding it."""

    def __init__(self, spec_for: Callable[[Index], NumberSpec], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.spec_for = spec_for

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:  # noqa: N802
        editor = NumberEdit(self.spec_for(index), parent=parent)
        editor.setFrame(False)
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802 - Qt override
        if isinstance(editor, QLineEdit):
            editor.setText(str(index.data(Qt.ItemDataRole.EditRole) or ""))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:  # noqa: N802
        if isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)


INVALID_TEXT = QColor("#b00020")
INVALID_BACKGROUND = QColor("#fde7e9")
UNHANDLED = object()


def typed_cell(typed: tuple[str, str] | None, role: int) -> Any:
    """A grid cell holding a value typed but not valid (text, reason): shown as typed, red, the reason as its tooltip.
    UNHANDLED when the cell holds no such value or the role is another one."""
    if typed is None:
        return UNHANDLED
    shown = {Qt.ItemDataRole.DisplayRole: typed[0], Qt.ItemDataRole.EditRole: typed[0],
             Qt.ItemDataRole.ToolTipRole: typed[1], Qt.ItemDataRole.ForegroundRole: INVALID_TEXT,
             Qt.ItemDataRole.BackgroundRole: INVALID_BACKGROUND}
    return shown.get(role, UNHANDLED)
