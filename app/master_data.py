"""Master data use cases: code tables, salespeople, products, company settings and login accounts."""
from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from app import auth, validate
from app import settings as app_settings
from app.changes import changes
from app.context import Actor, audit
from app.errors import ConflictError, NotFound, ValidationError
from app.messages import Message, msg
from app.pinyin import normalize
from models import CODE_KINDS, Base, CodeEntry, Customer, Product, Salesperson, User
from models.types import FEN

# tables that may point at a code-table entry, as users call them (code_usage; the "in use" message has
# them in the catalogue's [master] "used_by.<table>")
USED_BY_TITLES = {"customer": "客户", "contact": "联系人", "product": "商品", "receipt": "收款单",
                  "follow_up": "跟进记录"}
SORT_STEP = 10


def _what(name: str) -> Message:
    """What a message is about ("该代码项", "商品编码" …): [master] "what.<name>" in the catalogue."""
    return msg(f"master.what.{name}")


def _kind_title(kind: str) -> Message:
    """A code table's name, as in models.CODE_KINDS, in the interface language."""
    return msg(f"master.kind.{kind}")


@contextmanager
def _transaction(sessions: sessionmaker, what: Message) -> Iterator[Session]:
    """One transaction; a concurrent change by another PC becomes a ConflictError the user can act on."""
    try:
        with sessions.begin() as s:
            yield s
    except StaleDataError:
        raise ConflictError("master.changed", what=what) from None
    except IntegrityError:
        raise ConflictError("master.duplicate", what=what) from None


def _text(value: str | None, what: Message, required: bool = True, column: Any = None) -> str:
    """Trimmed text, refused when empty (if required), longer than `column` or holding a control character."""
    if value is not None and not isinstance(value, str):
        raise ValidationError("validate.not_text", field=what)
    value = (value or "").strip()
    if required and not value:
        raise ValidationError("master.required", what=what)
    return validate.text(value, what, column if column is not None else validate.MAX_TEXT) or ""


def _optional(value: str | None, what: Message | None = None, column: Any = None) -> str | None:
    if what is None:
        value = (value or "").strip()
        return value or None
    return _text(value, what, False, column) or None


def _check_version(current: int, expected: int, what: Message) -> None:
    if current != expected:
        raise ConflictError("master.changed", what=what)


# --- code tables (代码表) -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CodeItem:
    id: int
    kind: str
    code: str
    name: str
    sort_order: int
    active: bool
    version: int

    def value(self, key: str) -> Any:
        return getattr(self, key)


def _code_item(e: CodeEntry) -> CodeItem:
    return CodeItem(e.id, e.kind, e.code, e.name, e.sort_order, e.active, e.version)


def _check_kind(kind: str) -> None:
    if kind not in CODE_KINDS:
        raise ValidationError("master.no_such_kind", kind=kind)


def _entry(session: Session, entry_id: int) -> CodeEntry:
    entry = session.get(CodeEntry, entry_id)
    if entry is None:
        raise NotFound("master.entry_gone")
    return entry


def _ordered_entries(session: Session, kind: str) -> list[CodeEntry]:
    return list(session.scalars(
        select(CodeEntry).where(CodeEntry.kind == kind).order_by(CodeEntry.sort_order, CodeEntry.code, CodeEntry.id)))


def list_codes(session: Session, kind: str, include_inactive: bool = True) -> list[CodeItem]:
    """A code table in the order users set, the order every dropdown uses."""
    _check_kind(kind)
    query = select(CodeEntry).where(CodeEntry.kind == kind)
    if not include_inactive:
        query = query.where(CodeEntry.active.is_(True))
    return [_code_item(e) for e in session.scalars(query.order_by(CodeEntry.sort_order, CodeEntry.code, CodeEntry.id))]


def _check_unique_code(session: Session, kind: str, code: str, name: str, entry_id: int | None = None) -> None:
    others = select(CodeEntry.code, CodeEntry.name).where(CodeEntry.kind == kind)
    if entry_id is not None:
        others = others.where(CodeEntry.id != entry_id)
    for other_code, other_name in session.execute(others.where(or_(CodeEntry.code == code, CodeEntry.name == name))):
        if other_code == code:
            raise ValidationError("master.code_exists", kind=_kind_title(kind), entry_code=code)
        if other_name == name:
            raise ValidationError("master.name_exists", kind=_kind_title(kind), name=name)


def next_code(codes: Sequence[str]) -> str:
    """A suggested code for a new entry: the largest numbered code plus one, same prefix and width (S009 → S010)."""
    numbered = [(int(m[2]), m[1], len(m[2])) for m in (re.fullmatch(r"(\D*)(\d+)", c) for c in codes) if m]
    if not numbered:
        return f"{len(codes) + 1:02d}"
    number, prefix, _width = max(numbered)
    width = max(w for _n, p, w in numbered if p == prefix)
    taken = set(codes)
    while True:
        number += 1
        code = f"{prefix}{number:0{width}d}"
        if code not in taken:
            return code


@changes("code")
def add_code(sessions: sessionmaker, actor: Actor, kind: str, code: str, name: str) -> CodeItem:
    """A new entry with a user-defined code, placed at the end of the table."""
    auth.require(actor, "master.edit")
    _check_kind(kind)
    code, name = _text(code, _what("code"), column=CodeEntry.code), _text(name, _what("name"), column=CodeEntry.name)
    with _transaction(sessions, _kind_title(kind)) as s:
        _check_unique_code(s, kind, code, name)
        last = s.scalar(select(func.max(CodeEntry.sort_order)).where(CodeEntry.kind == kind)) or 0
        entry = CodeEntry(kind=kind, code=code, name=name, sort_order=last + SORT_STEP, active=True)
        s.add(entry)
        s.flush()
        audit(s, actor, "code.add", "code_entry", entry.id, kind=kind, code=code, name=name)
        return _code_item(entry)


@changes("code")
def edit_code(sessions: sessionmaker, actor: Actor, entry_id: int, version: int, code: str, name: str) -> CodeItem:
    auth.require(actor, "master.edit")
    code, name = _text(code, _what("code"), column=CodeEntry.code), _text(name, _what("name"), column=CodeEntry.name)
    with _transaction(sessions, _what("this_entry")) as s:
        entry = _entry(s, entry_id)
        _check_version(entry.version, version, _what("this_entry"))
        _check_unique_code(s, entry.kind, code, name, entry.id)
        if (entry.code, entry.name) != (code, name):
            audit(s, actor, "code.edit", "code_entry", entry.id, kind=entry.kind,
                  code=[entry.code, code], name=[entry.name, name])
            entry.code, entry.name = code, name
            s.flush()
        return _code_item(entry)


@changes("code")
def set_active(sessions: sessionmaker, actor: Actor, entry_id: int, active: bool) -> CodeItem:
    """Deactivate (hidden from new choices, kept on existing records) or reactivate an entry."""
    auth.require(actor, "master.edit")
    with _transaction(sessions, _what("this_entry")) as s:
        entry = _entry(s, entry_id)
        if entry.active != active:
            entry.active = active
            s.flush()
            audit(s, actor, "code.enable" if active else "code.disable", "code_entry", entry.id,
                  kind=entry.kind, code=entry.code, name=entry.name)
        return _code_item(entry)


def _renumber(entries: Sequence[CodeEntry]) -> None:
    for n, entry in enumerate(entries, start=1):
        if entry.sort_order != n * SORT_STEP:  # untouched rows keep their version
            entry.sort_order = n * SORT_STEP


@changes("code")
def move_code(sessions: sessionmaker, actor: Actor, entry_id: int, up: bool) -> list[CodeItem]:
    """Swap an entry with its neighbour; the table in its new order (unchanged at either end)."""
    auth.require(actor, "master.edit")
    with _transaction(sessions, _what("this_table")) as s:
        entry = _entry(s, entry_id)
        entries = _ordered_entries(s, entry.kind)
        i = entries.index(entry)
        j = i - 1 if up else i + 1
        if 0 <= j < len(entries):
            entries[i], entries[j] = entries[j], entries[i]
            _renumber(entries)
            s.flush()
            audit(s, actor, "code.move", "code_entry", entry.id, kind=entry.kind, code=entry.code,
                  direction="up" if up else "down")
        return [_code_item(e) for e in entries]


@changes("code")
def reorder(sessions: sessionmaker, actor: Actor, kind: str, ids: Sequence[int]) -> list[CodeItem]:
    """Put the whole table in the order given (after a drag and drop)."""
    auth.require(actor, "master.edit")
    _check_kind(kind)
    with _transaction(sessions, _kind_title(kind)) as s:
        by_id = {e.id: e for e in _ordered_entries(s, kind)}
        if len(ids) != len(set(ids)) or set(ids) != set(by_id):
            raise ConflictError("master.reorder_conflict", kind=_kind_title(kind))
        entries = [by_id[i] for i in ids]
        _renumber(entries)
        s.flush()
        audit(s, actor, "code.reorder", "code_entry", None, kind=kind, ids=list(ids))
        return [_code_item(e) for e in entries]


def _code_references() -> list[Any]:
    """Every column of every table that points at a code-table entry."""
    return [fk.parent for table in Base.metadata.sorted_tables for fk in table.foreign_keys
            if fk.column.table.name == CodeEntry.__tablename__]


def _usage_by_table(session: Session, entry_id: int) -> dict[str, int]:
    """{table name: how many of its rows use the entry}, only tables that do."""
    used: dict[str, int] = {}
    for column in _code_references():
        n = session.scalar(select(func.count()).select_from(column.table).where(column == entry_id)) or 0
        if n:
            used[column.table.name] = used.get(column.table.name, 0) + n
    return used


def code_usage(session: Session, entry_id: int) -> dict[str, int]:
    """How many records of each kind use the entry, e.g. {"客户": 12}; empty when unused."""
    used: dict[str, int] = {}
    for table, n in _usage_by_table(session, entry_id).items():
        title = USED_BY_TITLES.get(table, table)
        used[title] = used.get(title, 0) + n
    return used


def _usage_text(used: dict[str, int]) -> Message:
    """The counts as in "客户 12 条、联系人 3 条", in the interface language (used is not empty)."""
    parts = [msg("master.usage", what=msg(f"master.used_by.{table}") if table in USED_BY_TITLES else table,
                 n=f"{n:,}") for table, n in used.items()]
    text = parts[0]
    for part in parts[1:]:
        text = msg("master.and", before=text, after=part)
    return text


@changes("code")
def delete_code(sessions: sessionmaker, actor: Actor, entry_id: int) -> None:
    """Delete an entry nobody uses; one in use can only be deactivated."""
    auth.require(actor, "master.edit")
    with _transaction(sessions, _what("this_entry")) as s:
        entry = _entry(s, entry_id)
        used = _usage_by_table(s, entry_id)
        if used:
            raise ValidationError("master.in_use", name=entry.name, counts=_usage_text(used))
        audit(s, actor, "code.delete", "code_entry", entry.id, kind=entry.kind, code=entry.code, name=entry.name)
        s.delete(entry)


# --- salespeople (销售员) ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SalespersonItem:
    id: int
    code: str
    name: str
    department: str | None
    phone: str | None
    employed: bool
    version: int
    customers: int = 0  # customers they own today

    def value(self, key: str) -> Any:
        return getattr(self, key)


def _salesperson_item(sp: Salesperson, customers: int = 0) -> SalespersonItem:
    return SalespersonItem(sp.id, sp.code, sp.name, sp.department, sp.phone, sp.employed, sp.version, customers)


def _salesperson(session: Session, salesperson_id: int) -> Salesperson:
    sp = session.get(Salesperson, salesperson_id)
    if sp is None:
        raise NotFound("master.salesperson_gone")
    return sp


def list_salespeople(session: Session, include_former: bool = True) -> list[SalespersonItem]:
    """Salespeople by 工号, with how many customers each owns today."""
    owned = (select(Customer.owner_id, func.count().label("n")).where(Customer.owner_id.is_not(None))
             .group_by(Customer.owner_id).subquery())
    query = (select(Salesperson, func.coalesce(owned.c.n, 0))
             .outerjoin(owned, owned.c.owner_id == Salesperson.id).order_by(Salesperson.code))
    if not include_former:
        query = query.where(Salesperson.employed.is_(True))
    return [_salesperson_item(sp, n) for sp, n in session.execute(query)]


def _check_unique_salesperson(session: Session, code: str, salesperson_id: int | None = None) -> None:
    query = select(Salesperson.id).where(Salesperson.code == code)
    if salesperson_id is not None:
        query = query.where(Salesperson.id != salesperson_id)
    if session.scalar(query):
        raise ValidationError("master.salesperson_code_exists", salesperson_code=code)


@changes("salesperson")
def add_salesperson(sessions: sessionmaker, actor: Actor, code: str, name: str, department: str | None = None,
                    phone: str | None = None) -> SalespersonItem:
    auth.require(actor, "master.edit")
    code = _text(code, _what("salesperson_code"), column=Salesperson.code)
    name = _text(name, _what("person_name"), column=Salesperson.name)
    department = _optional(department, validate.field("department"), Salesperson.department)
    phone = _optional(phone, validate.field("phone_sp"), Salesperson.phone)
    with _transaction(sessions, _what("salesperson")) as s:
        _check_unique_salesperson(s, code)
        sp = Salesperson(code=code, name=name, department=_optional(department), phone=_optional(phone),
                         employed=True)
        s.add(sp)
        s.flush()
        audit(s, actor, "salesperson.add", "salesperson", sp.id, code=code, name=name)
        return _salesperson_item(sp)


@changes("salesperson")
def edit_salesperson(sessions: sessionmaker, actor: Actor, salesperson_id: int, version: int, code: str, name: str,
                     department: str | None = None, phone: str | None = None) -> SalespersonItem:
    auth.require(actor, "master.edit")
    code = _text(code, _what("salesperson_code"), column=Salesperson.code)
    name = _text(name, _what("person_name"), column=Salesperson.name)
    department = _optional(department, validate.field("department"), Salesperson.department)
    phone = _optional(phone, validate.field("phone_sp"), Salesperson.phone)
    with _transaction(sessions, _what("this_salesperson")) as s:
        sp = _salesperson(s, salesperson_id)
        _check_version(sp.version, version, _what("this_salesperson"))
        _check_unique_salesperson(s, code, sp.id)
        new = {"code": code, "name": name, "department": _optional(department), "phone": _optional(phone)}
        changes = {k: [getattr(sp, k), v] for k, v in new.items() if getattr(sp, k) != v}
        if changes:
            for key, (_old, value) in changes.items():
                setattr(sp, key, value)
            s.flush()
            audit(s, actor, "salesperson.edit", "salesperson", sp.id, **changes)
        return _salesperson_item(sp)


@changes("salesperson")
def set_employed(sessions: sessionmaker, actor: Actor, salesperson_id: int, employed: bool) -> SalespersonItem:
    """Mark a salesperson as left (their customers stay theirs until handed over) or back at work."""
    auth.require(actor, "master.edit")
    with _transaction(sessions, _what("this_salesperson")) as s:
        sp = _salesperson(s, salesperson_id)
        if sp.employed != employed:
            sp.employed = employed
            s.flush()
            audit(s, actor, "salesperson.employed" if employed else "salesperson.left", "salesperson", sp.id,
                  code=sp.code, name=sp.name)
        return _salesperson_item(sp)


# --- products (商品) -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProductData:
    """What a user edits on a product."""

    code: str
    name: str
    spec: str | None = None
    unit: str | None = None
    category_id: int | None = None
    cost: Decimal | None = Decimal("0")  # None: keep the stored cost (a form that may not show it)
    price: Decimal = Decimal("0")


@dataclass(frozen=True)
class ProductItem:
    id: int
    code: str
    name: str
    spec: str | None
    unit: str | None
    category_id: int | None
    category: str | None
    cost: Decimal | None  # None when the actor may not see costs
    price: Decimal
    active: bool
    version: int

    def value(self, key: str) -> Any:
        return getattr(self, key)


def _money(value: object, what: Message) -> Decimal:
    if isinstance(value, (float, bool)) or not isinstance(value, (Decimal, int, str)):
        raise ValidationError("master.not_money", what=what)
    try:
        amount = Decimal(str(value).replace(",", "").strip() or "0")
    except InvalidOperation:
        raise ValidationError("master.bad_money", what=what, value=value) from None
    if not amount.is_finite() or amount < 0:
        raise ValidationError("master.negative", what=what)
    if amount != amount.quantize(FEN):
        raise ValidationError("master.too_many_places", what=what)
    if amount >= Decimal("10000000000"):
        raise ValidationError("master.too_large", what=what)
    return amount.quantize(FEN)


def _product_filter(text: str) -> ColumnElement[bool] | None:
    """Code, name, spec, 助记码 or full pinyin containing what the user typed (control characters as if absent)."""
    q = normalize(validate.search_text(text))
    if not q:
        return None
    joined = q.replace(" ", "")

    def like(s: str) -> str:
        return "%" + s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"

    return or_(
        func.lower(Product.code).like(like(q), escape="\\"),
        Product.name.ilike(like(q), escape="\\"),
        Product.spec.ilike(like(q), escape="\\"),
        Product.initials.like(like(joined), escape="\\"),
        Product.pinyin.like(like(joined), escape="\\"),
    )


def _product_query(columns: Sequence[Any], text: str, include_inactive: bool):  # noqa: ANN202
    query = select(*columns)
    condition = _product_filter(text)
    if condition is not None:
        query = query.where(condition)
    if not include_inactive:
        query = query.where(Product.active.is_(True))
    return query


def count_products(session: Session, text: str = "", include_inactive: bool = True) -> int:
    return session.scalar(_product_query([func.count(Product.id)], text, include_inactive)) or 0


def product_ids(session: Session, text: str = "", include_inactive: bool = True) -> list[int]:
    """Ids of the matching products by code: what a lazily paged list holds."""
    return list(session.scalars(_product_query([Product.id], text, include_inactive).order_by(Product.code, Product.id)))


def _product_rows(session: Session, query: Any, actor: Actor | None) -> list[ProductItem]:
    show_cost = actor is not None and auth.can(actor, "cost.view")
    rows = session.execute(
        query.add_columns(CodeEntry.name).outerjoin(CodeEntry, CodeEntry.id == Product.category_id))
    return [ProductItem(id=r.id, code=r.code, name=r.name, spec=r.spec, unit=r.unit, category_id=r.category_id,
                        category=r[-1], cost=r.cost if show_cost else None, price=r.price, active=r.active,
                        version=r.version) for r in rows]


_PRODUCT_COLUMNS = (Product.id, Product.code, Product.name, Product.spec, Product.unit, Product.category_id,
                    Product.cost, Product.price, Product.active, Product.version)


def product_rows(session: Session, ids: Sequence[int], actor: Actor | None = None) -> list[ProductItem]:
    """The products with these ids, in that order (a page of a lazy list); costs only for who may see them."""
    if not ids:
        return []
    found = {p.id: p for p in _product_rows(session, select(*_PRODUCT_COLUMNS).where(Product.id.in_(ids)), actor)}
    return [found[i] for i in ids if i in found]


def list_products(session: Session, text: str = "", offset: int = 0, limit: int = 200, *,
                  actor: Actor | None = None, include_inactive: bool = True) -> list[ProductItem]:
    """One page of the matching products by code; cost is None unless `actor` may see costs."""
    query = _product_query(_PRODUCT_COLUMNS, text, include_inactive).order_by(Product.code, Product.id)
    return _product_rows(session, query.offset(offset).limit(limit), actor)


def _check_product(session: Session, data: ProductData, product_id: int | None = None) -> dict[str, Any]:
    values = {
        "code": _text(data.code, _what("product_code"), column=Product.code),
        "name": _text(data.name, _what("product_name"), column=Product.name),
        "spec": _optional(data.spec, validate.field("spec"), Product.spec),
        "unit": _optional(data.unit, validate.field("unit"), Product.unit),
        "category_id": data.category_id,
        "price": _money(data.price, _what("price")),
    }
    if data.cost is not None:
        values["cost"] = _money(data.cost, _what("cost"))
    elif product_id is None:
        values["cost"] = Decimal("0.00")
    if data.category_id is not None:
        validate.whole(data.category_id, validate.field("category"), 1, validate.MAX_ID)
        kind = session.scalar(select(CodeEntry.kind).where(CodeEntry.id == data.category_id))
        if kind != "product_category":
            raise ValidationError("master.bad_category")
    query = select(Product.id).where(Product.code == values["code"])
    if product_id is not None:
        query = query.where(Product.id != product_id)
    if session.scalar(query):
        raise ValidationError("master.product_code_exists", product_code=values["code"])
    return values


def _one_product(session: Session, product_id: int, actor: Actor) -> ProductItem:
    return product_rows(session, [product_id], actor)[0]


@changes("product")
def add_product(sessions: sessionmaker, actor: Actor, data: ProductData) -> ProductItem:
    auth.require(actor, "master.edit")
    with _transaction(sessions, _what("product")) as s:
        values = _check_product(s, data)
        product = Product(active=True, **values)
        s.add(product)
        s.flush()
        audit(s, actor, "product.add", "product", product.id, code=product.code, name=product.name)
        return _one_product(s, product.id, actor)


@changes("product")
def edit_product(sessions: sessionmaker, actor: Actor, product_id: int, version: int, data: ProductData) -> ProductItem:
    auth.require(actor, "master.edit")
    with _transaction(sessions, _what("this_product")) as s:
        product = s.get(Product, product_id)
        if product is None:
            raise NotFound("master.product_gone")
        _check_version(product.version, version, _what("this_product"))
        values = _check_product(s, data, product.id)
        changes = {k: [getattr(product, k), v] for k, v in values.items() if getattr(product, k) != v}
        if changes:
            for key, (_old, value) in changes.items():
                setattr(product, key, value)
            s.flush()
            audit(s, actor, "product.edit", "product", product.id, **changes)
        return _one_product(s, product.id, actor)


@changes("product")
def set_product_active(sessions: sessionmaker, actor: Actor, product_id: int, active: bool) -> ProductItem:
    """Deactivate a product (no longer offered on new orders; old documents keep it) or reactivate it."""
    auth.require(actor, "master.edit")
    with _transaction(sessions, _what("this_product")) as s:
        product = s.get(Product, product_id)
        if product is None:
            raise NotFound("master.product_gone")
        if product.active != active:
            product.active = active
            s.flush()
            audit(s, actor, "product.enable" if active else "product.disable", "product", product.id,
                  code=product.code, name=product.name)
        return _one_product(s, product.id, actor)


# --- company settings (公司设置) ------------------------------------------------------------------------------


def get_settings(session: Session) -> app_settings.Settings:
    return app_settings.load(session)


@changes("settings")
def save_settings(sessions: sessionmaker, actor: Actor, **values: object) -> app_settings.Settings:
    """Save company name, address, the sales-credit rule (owner|handler) and the dormant-customer days."""
    auth.require(actor, "settings.edit")
    if "company_name" in values:
        values["company_name"] = _text(str(values["company_name"] or ""), _what("company_name"), column=200)
    if "company_address" in values:
        values["company_address"] = _text(str(values["company_address"] or ""), validate.field("company_address"),
                                          False, 300)
    if "dormant_days" in values:
        days = values["dormant_days"]
        if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= 3650:
            raise ValidationError("master.bad_dormant_days")
    with sessions.begin() as s:
        before = app_settings.load(s)
        app_settings.save(s, **values)
        changes = {k: [getattr(before, k), v] for k, v in values.items() if getattr(before, k) != v}
        if changes:
            audit(s, actor, "settings.save", "setting", None, **changes)
        s.flush()
        return app_settings.load(s)


# --- login accounts (登录账户): app.auth inside one transaction each ------------------------------------------


def list_users(session: Session, actor: Actor) -> list[auth.UserInfo]:
    auth.require(actor, "users.manage")
    return auth.list_users(session)


@changes("user")
def add_user(sessions: sessionmaker, actor: Actor, login: str, password: str, role: str, display_name: str = "",
             salesperson_code: str | None = None) -> auth.UserInfo:
    auth.require(actor, "users.manage")
    login = validate.text(login, validate.field("login"), User.login, required=True) or ""
    display_name = validate.text(display_name, validate.field("display_name"), User.display_name) or ""
    with _transaction(sessions, _what("account")) as s:
        return auth.add_user(s, actor, login, password, role, display_name, salesperson_code or None)


@changes("user")
def reset_password(sessions: sessionmaker, actor: Actor, login: str, password: str) -> None:
    auth.require(actor, "users.manage")
    with _transaction(sessions, _what("this_account")) as s:
        auth.set_password(s, actor, login, password)


@changes("user")
def disable_user(sessions: sessionmaker, actor: Actor, login: str) -> None:
    auth.require(actor, "users.manage")
    if login == actor.login:
        raise ValidationError("master.disable_self")
    with _transaction(sessions, _what("this_account")) as s:
        auth.disable_user(s, actor, login)


@changes("user")
def enable_user(sessions: sessionmaker, actor: Actor, login: str) -> None:
    """Let a disabled account log in again."""
    auth.require(actor, "users.manage")
    with _transaction(sessions, _what("this_account")) as s:
        user = s.scalar(select(User).where(User.login == login))
        if user is None:
            raise NotFound("auth.no_account", login=login)
        if not user.active:
            user.active = True
            audit(s, actor, "user.enable", "user", user.id, login=login)


@changes("user")
def change_own_password(sessions: sessionmaker, actor: Actor, old_password: str, new_password: str) -> None:
    """Any user changes their own password, proving they know the old one."""
    with _transaction(sessions, _what("this_account")) as s:
        try:
            auth.authenticate(s, actor.login, old_password)
        except ValidationError:
            raise ValidationError("master.wrong_password") from None
        auth.set_password(s, actor, actor.login, new_password)
