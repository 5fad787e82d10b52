"""拼音检索: find customers and products by code, name, 助记码, full pinyin or phone, best matches first."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Integer, Select, case, func, or_, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.functions import FunctionElement

from app.pinyin import normalize
from app.validate import search_text
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


@dataclass(frozen=True)
class Match:
    """What the user typed, as SQL over one table: which rows match and how well (0 best)."""

    condition: ColumnElement[bool]
    rank: ColumnElement[int]  # 0 code prefix, 1 initials prefix, 2 any other match


def _match(model, initials_col, text_cols: list, text: str, extra: tuple = (), latin_cols: tuple = (),  # noqa: ANN001
           code_in_keys: bool = False) -> Match:
    """One pass over the table: code prefix, initials prefix, or the text anywhere.

    Chinese input is looked for in the names; anything else in the pinyin keys (which hold the
    lower-cased latin letters and digits of the names too, and for customers the code) and in the code.
    """
    text = search_text(text)  # a NUL or other control character is not text a database compares: as if absent
    q = normalize(text)
    joined = q.replace(" ", "")
    code_hit = or_(*[_prefix_range(model.code, c) for c in sorted({text.strip(), q, q.upper()})])
    initials_hit = _prefix_range(initials_col, joined)
    if _has_cjk(q):
        anywhere = [contains(col, q) for col in text_cols]
    elif code_in_keys:  # one substring test per row: the keys start with the lower-cased code
        anywhere = [contains(model.pinyin, joined)]
    else:
        # codes are compared as typed in upper and lower case: lower(code) on every row costs a third more
        anywhere = [contains(model.pinyin, joined), contains(model.code, q.upper()), contains(model.code, q),
                    *[contains(func.lower(col), q) for col in latin_cols]]
    return Match(
        condition=or_(code_hit, initials_hit, *anywhere, *extra),
        rank=case((code_hit, 0), (initials_hit, 1), else_=2),
    )


def customer_match(text: str) -> Match | None:
    """How customers match `text` (code, 助记码, names, pinyin, phones), or None when nothing was typed."""
    text = search_text(text)
    q = normalize(text)
    if not q:
        return None
    digits = q.replace(" ", "").replace("-", "")
    extra: tuple = ()
    if digits.isdigit() and len(digits) >= 3:
        phones = select(Contact.customer_id).where(or_(contains(Contact.phone, digits), contains(Contact.mobile, digits)))
        extra = (Customer.id.in_(phones),)
    return _match(Customer, Customer.mnemonic, [Customer.name, Customer.short_name], text, extra, code_in_keys=True)


def _ranked(model, match: Match, limit: int) -> Select:  # noqa: ANN001
    return (
        select(model.id, model.code, model.name, match.rank.label("rank"))
        .where(match.condition)
        .order_by(match.rank, model.code)
        .limit(limit)
    )


def customer_query(text: str, limit: int = 50) -> Select | None:
    """Ranked (id, code, name, rank) of customers matching what the user typed; None for empty input."""
    match = customer_match(text)
    return None if match is None else _ranked(Customer, match, limit)


def customers(session: Session, text: str, limit: int = 50) -> list[Hit]:
    query = customer_query(text, limit)
    return [] if query is None else [Hit(*row) for row in session.execute(query)]


def products(session: Session, text: str, limit: int = 50) -> list[Hit]:
    text = search_text(text)
    q = normalize(text)
    if not q:
        return []
    match = _match(Product, Product.initials, [Product.name, Product.spec], text, latin_cols=(Product.spec,))
    return [Hit(*row) for row in session.execute(_ranked(Product, match, limit))]
