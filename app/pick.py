"""Choices for pickers: salespeople, code-table entries, customers and products, matched as DOMAIN.md "Quick search" says."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import pinyin, search
from app.context import Actor
from app.customer_list import visible_to
from app.dossier import shared_pool
from models import CODE_KINDS, CodeEntry, Customer, Product, Salesperson

SHARED_POOL_ID = 0  # the choice standing for 公司共享客户 (no owner); real ids start at 1
LIMIT = 50


@dataclass(frozen=True)
class Choice:
    id: int
    code: str
    name: str
    keys: str = ""  # pinyin search keys (full, spaced, initials, polyphone readings), "|" separated
    initials: str = ""
    active: bool = True


def owner_id(choice_id: int | None) -> int | None:
    """The salesperson id a salesperson choice stands for: None for 公司共享客户 (and for nothing picked)."""
    return None if choice_id in (None, SHARED_POOL_ID) else choice_id


def _choice(id_: int, code: str, name: str, active: bool = True) -> Choice:
    return Choice(id_, code, name, pinyin.search_keys(name), pinyin.initials(name), active)


def salespeople(session: Session, include_shared_pool: bool = False, include_former: bool = False) -> list[Choice]:
    """Salespeople by code (those who left only when asked); 公司共享客户 first when asked."""
    q = select(Salesperson.id, Salesperson.code, Salesperson.name, Salesperson.employed).order_by(Salesperson.code)
    if not include_former:
        q = q.where(Salesperson.employed.is_(True))
    found = [_choice(i, code, name, bool(employed)) for i, code, name, employed in session.execute(q)]
    if include_shared_pool:
        pool = shared_pool()
        name = pool.text()  # shown in the interface language, found by its Chinese and English words alike
        found.insert(0, Choice(SHARED_POOL_ID, "", name, pinyin.search_keys(pool.text("zh"), pool.text("en")),
                               pinyin.initials(pool.text("zh"))))
    return found


def codes(session: Session, kind: str, include_inactive: bool = False) -> list[Choice]:
    """Entries of one code table in their sort order; only active ones unless asked."""
    if kind not in CODE_KINDS:
        raise ValueError(kind)
    q = (select(CodeEntry.id, CodeEntry.code, CodeEntry.name, CodeEntry.active)
         .where(CodeEntry.kind == kind).order_by(CodeEntry.sort_order, CodeEntry.code))
    if not include_inactive:
        q = q.where(CodeEntry.active.is_(True))
    return [_choice(i, code, name, bool(active)) for i, code, name, active in session.execute(q)]


def filter_choices(choices: Sequence[Choice], text: str) -> list[Choice]:
    """The choices matching what the user typed, best first (code prefix, then initials prefix, then any other
    match of code, name or pinyin); within a rank the given order holds. Nothing typed: all of them."""
    q = pinyin.normalize(text)
    if not q:
        return list(choices)
    joined = q.replace(" ", "")
    ranked: list[tuple[int, int, Choice]] = []
    for n, c in enumerate(choices):
        code = pinyin.normalize(c.code)
        name = pinyin.normalize(c.name)
        if code and code.startswith(q):
            rank = 0
        elif name.startswith(q) or c.initials.startswith(joined) or any(k.startswith(joined) for k in c.keys.split("|")):
            rank = 1
        elif q in name or q in code or joined in c.keys or q in c.keys:
            rank = 2
        else:
            continue
        ranked.append((rank, n, c))
    return [c for _rank, _n, c in sorted(ranked, key=lambda t: (t[0], t[1]))]


def customers(session: Session, actor: Actor, text: str, limit: int = LIMIT) -> list[Choice]:
    """Customers the actor may see matching `text`, best first; nothing typed: the first ones by code.
    Archived customers are left out."""
    conds = [Customer.archived.is_(False)]
    seen = visible_to(actor)
    if seen is not None:
        conds.append(seen)
    query = search.customer_query(text, limit)
    if query is None:
        query = select(Customer.id, Customer.code, Customer.name).order_by(Customer.code).limit(limit)
    return [Choice(row[0], row[1], row[2]) for row in session.execute(query.where(*conds))]


def customer(session: Session, customer_id: int) -> Choice | None:
    row = session.execute(select(Customer.id, Customer.code, Customer.name).where(Customer.id == customer_id)).first()
    return None if row is None else Choice(*row)


def products(session: Session, text: str, limit: int = LIMIT) -> list[Choice]:
    """Active products matching `text`, best first; nothing typed: the first ones by code."""
    if pinyin.normalize(text):
        hits = search.products(session, text, limit * 2)
        active = set(session.scalars(select(Product.id).where(Product.id.in_([h.id for h in hits]),
                                                               Product.active.is_(True))))
        return [Choice(h.id, h.code, h.name) for h in hits if h.id in active][:limit]
    q = select(Product.id, Product.code, Product.name).where(Product.active.is_(True)).order_by(Product.code)
    return [Choice(*row) for row in session.execute(q.limit(limit))]


def product(session: Session, product_id: int) -> Choice | None:
    row = session.execute(select(Product.id, Product.code, Product.name).where(Product.id == product_id)).first()
    return None if row is None else Choice(*row)
