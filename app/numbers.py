"""Document numbers per prefix and day (XS-20260701-0001, TH-…, SK-…), unique across PCs.

The counter row of (prefix, day) is incremented with one UPDATE … RETURNING inside the caller's
transaction: on PostgreSQL the row lock makes a second PC wait until the first commits (or rolls back,
giving the number back); on SQLite the database write lock does the same. The first number of a day
inserts the row, starting after any number of that day already stored (demo data, imports); two PCs
racing for it meet the primary key, and the loser retries the UPDATE. A number taken by an import
after the counter started is skipped.
"""
from __future__ import annotations

from datetime import date

from sqlalchemy import func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from models import DocCounter, Receipt, SalesOrder, SalesReturn

ORDER, RETURN, RECEIPT = "XS", "TH", "SK"
_TABLES = {ORDER: SalesOrder, RETURN: SalesReturn, RECEIPT: Receipt}


def _stored_last(session: Session, prefix: str, day: date) -> int:
    model = _TABLES[prefix]
    stem = f"{prefix}-{day:%Y%m%d}-"
    numbers = session.scalars(select(model.number).where(model.number.like(f"{stem}%"),
                                                         func.length(model.number) == len(stem) + 4))
    return max((int(n[-4:]) for n in numbers if n[-4:].isdigit()), default=0)


def _taken(session: Session, prefix: str, number: str) -> bool:
    model = _TABLES[prefix]
    return session.scalar(select(model.id).where(model.number == number)) is not None


def next_number(session: Session, prefix: str, day: date) -> str:
    """Reserve the next number of `prefix` on `day` (no commit: it is the caller's transaction's)."""
    bump = (
        update(DocCounter)
        .where(DocCounter.prefix == prefix, DocCounter.day == day)
        .values(last=DocCounter.last + 1)
        .returning(DocCounter.last)
    )
    for _attempt in range(1000):
        last = session.execute(bump).scalar()
        if last is None:
            last = _stored_last(session, prefix, day) + 1
            try:
                with session.begin_nested():
                    session.execute(insert(DocCounter).values(prefix=prefix, day=day, last=last))
            except IntegrityError:  # another PC inserted the day's first number meanwhile
                continue
        number = f"{prefix}-{day:%Y%m%d}-{last:04d}"
        if not _taken(session, prefix, number):
            return number
    raise RuntimeError("no free document number")
