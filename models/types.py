"""Column types for exact money (integer fen) and quantities (integer thousandths)."""
from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

FEN = Decimal("0.01")
MILLI = Decimal("0.001")


def _exact(value: Any, step: Decimal, what: str) -> Decimal:
    if isinstance(value, (float, bool)):
        raise TypeError(f"{what} must be Decimal or int, not {type(value).__name__}")
    if isinstance(value, int):
        value = Decimal(value)
    if not isinstance(value, Decimal):
        raise TypeError(f"{what} must be Decimal or int, not {type(value).__name__}")
    if value != value.quantize(step):
        raise ValueError(f"{what} {value} has more precision than {step}")
    return value


def to_fen(value: Decimal | int) -> int:
    """Decimal yuan -> integer fen; refuses float and sub-fen values. The one yuan -> fen conversion."""
    return int(_exact(value, FEN, "money").scaleb(2))


def fen_to_yuan(fen: int | None) -> Decimal:
    """Integer fen as Decimal yuan with two places — the one fen -> yuan conversion (the Money type, SQL sums,
    reports). scaleb is exact and much cheaper than divide + quantize."""
    return Decimal(int(fen or 0)).scaleb(-2)


class Money(TypeDecorator[Decimal]):
    """Integer fen in the database, Decimal yuan in Python."""

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value: Decimal | int | None, dialect: Dialect) -> int | None:
        return None if value is None else to_fen(value)

    def process_result_value(self, value: int | None, dialect: Dialect) -> Decimal | None:
        return None if value is None else fen_to_yuan(value)


class Quantity(TypeDecorator[Decimal]):
    """Integer thousandths in the database, Decimal with 3 places in Python."""

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value: Decimal | int | None, dialect: Dialect) -> int | None:
        return None if value is None else int(_exact(value, MILLI, "quantity") * 1000)

    def process_result_value(self, value: int | None, dialect: Dialect) -> Decimal | None:
        return None if value is None else (Decimal(value) / 1000).quantize(MILLI)
