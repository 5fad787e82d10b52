"""The ranges every money, quantity and day field accepts — one definition for the editors, the services and the
importer (all far inside BIGINT fen / thousandths, so a value that passes never overflows the database)."""
from __future__ import annotations

from decimal import Decimal

MAX_MONEY = Decimal("999999999999.99")  # a trillion yuan: beyond any honest line or document
MAX_QTY = Decimal("999999999.999")
MAX_TERM_DAYS = 3650
MONEY_PLACES = 2
QTY_PLACES = 3
FEN = Decimal("0.01")
MILLI = Decimal("0.001")
