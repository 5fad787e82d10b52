"""拼音检索: find customers and products by code, name, 助记码, full pinyin or phone, best matches first."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Integer, Select, func, literal, or_, select, union_all
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.functions import FunctionElement

from app.pinyin import normalize
from models import Contact, Customer, Product


@dataclass(frozen=True)
class Hit:
    id: int
    code: str
    name: str
    rank: int  # 0 code prefix, 1 initials prefix, 2 anything else


def _prefix_range(column, prefix: str):  # noqa: ANN001, ANN202
    """`column >= p AND column < p⁺`: a prefix match that can use the column's index (LIKE cannot)."""
    upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    return (column >= prefix) & (column < upper)


class contains(FunctionElement):  # noqa: N801 - reads like the SQL function it stands for
    """`haystack` contains `needle` as plain text: instr() on SQLite, strpos() on PostgreSQL.

    Several times faster than LIKE '%…%', which runs a pattern matcher over every row.
    """

    type = Integer()
    inherit_cache = True


@compiles(contains)
def _contains_default(element: contains, compiler: Any, **kw: Any) -> str:
    return f"instr({compiler.process(element.clauses, **kw)}) > 0"


@compiles(contains, "postgresql")
def _contains_pg(element: contains, compiler: Any, **kw: Any) -> str:
    return f"strpos({compiler.process(element.clauses, **kw)}) > 0"


def _has_cjk(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" for ch in text)


def _matches(model, initials_col, text_cols: list, text: str, extra: list | None = None,  # noqa: ANN001, ANN202
             latin_cols: tuple = ()):
    """(id, rank) of rows matching what the user typed: code prefix 0, initials prefix 1, any other match 2.

    Chinese input is looked for in the names; anything else in the pinyin keys (which hold the
    lower-cased latin letters and digits of the names too) and in the code.
    """
    q = normalize(text)
    joined = q.replace(" ", "")
    code_forms = {text.strip(), q, q.upper()}
    if _has_cjk(q):
        anywhere = [contains(col, q) for col in text_cols]
    else:
        anywhere = [contains(model.pinyin, joined), contains(func.lower(model.code), q),
                    *[contains(func.lower(col), q) for col in latin_cols]]
    parts = [
        select(model.id, literal(0).label("rank")).where(or_(*[_prefix_range(model.code, c) for c in code_forms])),
        select(model.id, literal(1).label("rank")).where(_prefix_range(initials_col, joined)),
        select(model.id, literal(2).label("rank")).where(or_(*anywhere)),
        *(extra or []),
    ]
    matches = union_all(*parts).subquery()
    return select(matches.c.id, func.min(matches.c.rank).label("rank")).group_by(matches.c.id).subquery()


def customer_matches(text: str):  # noqa: ANN201
    """(id, rank) subquery of the customers matching `text`, or None when nothing was typed."""
    q = normalize(text)
    if not q:
        return None
    digits = q.replace(" ", "").replace("-", "")
    extra = []
    if digits.isdigit() and len(digits) >= 3:
        extra.append(
            select(Contact.customer_id, literal(2)).where(
                or_(contains(Contact.phone, digits), contains(Contact.mobile, digits))
            )
        )
    return _matches(Customer, Customer.mnemonic, [Customer.name, Customer.short_name], text, extra)


def _ranked(model, best, limit: int) -> Select:  # noqa: ANN001
    return (
        select(model.id, model.code, model.name, best.c.rank)
        .join(best, best.c.id == model.id)
        .order_by(best.c.rank, model.code)
        .limit(limit)
    )


def customer_query(text: str, limit: int = 50) -> Select | None:
    """Ranked (id, code, name, rank) of customers matching what the user typed; None for empty input."""
    best = customer_matches(text)
    return None if best is None else _ranked(Customer, best, limit)


def customers(session: Session, text: str, limit: int = 50) -> list[Hit]:
    query = customer_query(text, limit)
    return [] if query is None else [Hit(*row) for row in session.execute(query)]


def products(session: Session, text: str, limit: int = 50) -> list[Hit]:
    q = normalize(text)
    if not q:
        return []
    best = _matches(Product, Product.initials, [Product.name, Product.spec], text, latin_cols=(Product.spec,))
    return [Hit(*row) for row in session.execute(_ranked(Product, best, limit))]
