"""The customer list: who the actor may see, filtered, searched and sorted in SQL, fetched a page at a time."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, aliased

from app import auth, search
from app.context import Actor
from app.db import first_column
from app.search_index import CustomerIndex
from app.validate import search_text
from models import CodeEntry, Contact, Customer, Salesperson
from models.customers import STATUSES


@dataclass(frozen=True)
class CustomerFilter:
    text: str = ""
    type_id: int | None = None
    region_id: int | None = None
    industry_id: int | None = None
    owner_id: int | None = None
    shared_pool: bool = False  # only customers with no owner
    status: str | None = None
    grade: str | None = None
    blacklisted: bool | None = None
    include_archived: bool = False


@dataclass(frozen=True)
class ListColumn:
    key: str
    title: str
    kind: str = "text"


COLUMNS: tuple[ListColumn, ...] = (
    ListColumn("code", "客户编码"),
    ListColumn("name", "客户名称"),
    ListColumn("short_name", "简称"),
    ListColumn("mnemonic", "助记码"),
    ListColumn("type", "客户类型"),
    ListColumn("region", "地区"),
    ListColumn("industry", "行业"),
    ListColumn("owner", "负责销售员"),
    ListColumn("status", "状态"),
    ListColumn("grade", "信用等级"),
    ListColumn("blacklisted", "黑名单"),
    ListColumn("term_days", "账期(天)", "int"),
    ListColumn("credit_limit", "信用额度", "money"),
    ListColumn("phone", "联系电话"),
    ListColumn("created", "建档日期", "date"),
)

_type, _region, _industry = aliased(CodeEntry), aliased(CodeEntry), aliased(CodeEntry)
SORT_COLUMNS = {
    "code": Customer.code,
    "name": Customer.name,
    "short_name": Customer.short_name,
    "mnemonic": Customer.mnemonic,
    "type": _type.sort_order,
    "region": _region.sort_order,
    "industry": _industry.sort_order,
    "owner": Salesperson.code,
    "status": Customer.status,
    "grade": Customer.grade,
    "blacklisted": Customer.blacklisted,
    "term_days": Customer.term_days,
    "credit_limit": Customer.credit_limit,
    "created": Customer.created,
}


@dataclass(frozen=True, slots=True)
class CustomerRow:
    id: int
    code: str
    name: str
    short_name: str | None
    mnemonic: str
    type: str | None
    region: str | None
    industry: str | None
    owner: str | None
    status: str
    grade: str | None
    blacklisted: bool
    term_days: int
    credit_limit: Decimal
    phone: str | None
    created: date

    def value(self, key: str) -> object:
        return getattr(self, key)


def visible_to(actor: Actor):  # noqa: ANN201
    """The condition limiting a salesperson to their own customers and the shared pool."""
    if auth.can(actor, "customers.view_all"):
        return None
    if actor.salesperson_id is None:
        return Customer.owner_id.is_(None)
    return or_(Customer.owner_id == actor.salesperson_id, Customer.owner_id.is_(None))


def _filtered(actor: Actor, flt: CustomerFilter) -> tuple[Select, object]:
    q = select(Customer.id)
    conds = []
    seen = visible_to(actor)
    if seen is not None:
        conds.append(seen)
    if not flt.include_archived:
        conds.append(Customer.archived.is_(False))
    for column, value in ((Customer.type_id, flt.type_id), (Customer.region_id, flt.region_id),
                          (Customer.industry_id, flt.industry_id), (Customer.owner_id, flt.owner_id),
                          (Customer.status, flt.status), (Customer.grade, flt.grade)):
        if value is not None:
            conds.append(column == value)
    if flt.shared_pool:
        conds.append(Customer.owner_id.is_(None))
    if flt.blacklisted is not None:
        conds.append(Customer.blacklisted.is_(flt.blacklisted))
    match = search.customer_match(flt.text)
    if match is not None:
        conds.append(match.condition)
    return q.where(*conds), match


def count(session: Session, actor: Actor, flt: CustomerFilter) -> int:
    q, _match = _filtered(actor, flt)
    return int(session.scalar(select(func.count()).select_from(q.subquery())) or 0)


def matching_ids(session: Session, actor: Actor, flt: CustomerFilter, sort: str | None = None,
                 descending: bool = False, index: CustomerIndex | None = None) -> list[int]:
    """Ids of every matching customer in display order (best search matches first unless a column is sorted).

    Only ids are held (100,000 ints is under a megabyte); rows are fetched per page with `rows`. `index`: the
    in-memory copy that answers a search typed into an unsorted list faster (the same rule, see app/search_index).
    """
    flt = replace(flt, text=search_text(flt.text))
    if index is not None and not sort and flt.text.strip():
        found = index.match(actor, flt)
        if found is not None:
            return found
    q, match = _filtered(actor, flt)
    if sort and sort not in SORT_COLUMNS:
        raise ValueError(sort)
    if sort:
        key = SORT_COLUMNS[sort]
        if sort in ("type", "region", "industry"):
            alias = {"type": (_type, Customer.type_id), "region": (_region, Customer.region_id),
                     "industry": (_industry, Customer.industry_id)}[sort]
            q = q.outerjoin(alias[0], alias[0].id == alias[1])
        elif sort == "owner":
            q = q.outerjoin(Salesperson, Salesperson.id == Customer.owner_id)
        order = [key.desc() if descending else key.asc(), Customer.code.desc() if descending else Customer.code]
    elif match is not None:
        order = [match.rank, Customer.code]
    else:
        order = [Customer.code]
    return first_column(session, q.order_by(*order))


def rows(session: Session, ids: Sequence[int]) -> list[CustomerRow]:
    """The list rows of these customers, in the order given."""
    if not ids:
        return []
    phone = (
        select(func.coalesce(Contact.mobile, Contact.phone))
        .where(Contact.customer_id == Customer.id)
        .order_by(Contact.id)
        .limit(1)
        .scalar_subquery()
    )
    q = (
        select(
            Customer.id, Customer.code, Customer.name, Customer.short_name, Customer.mnemonic, _type.name,
            _region.name, _industry.name, Salesperson.name, Customer.status, Customer.grade, Customer.blacklisted,
            Customer.term_days, Customer.credit_limit, phone, Customer.created,
        )
        .outerjoin(_type, _type.id == Customer.type_id)
        .outerjoin(_region, _region.id == Customer.region_id)
        .outerjoin(_industry, _industry.id == Customer.industry_id)
        .outerjoin(Salesperson, Salesperson.id == Customer.owner_id)
        .where(Customer.id.in_(list(ids)))
    )
    found = {}
    for r in session.execute(q):
        values = list(r)
        values[9] = STATUSES.get(values[9], values[9])
        found[r[0]] = CustomerRow(*values)
    return [found[i] for i in ids if i in found]
