"""Customer use cases: the card, create and edit, contacts, and batch changes — each one transaction, permission first."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy import update as sql_update
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from app import auth, customers, ledger, validate
from app.changes import Changes, changed, changes
from app.context import Actor, audit
from app.dossier import HistoryEntry, histories
from app.errors import ConflictError, NotFound, PermissionDenied, ValidationError
from app.limits import MAX_TERM_DAYS
from app.messages import dump, msg
from app.reports.common import net_revenue_docs, window_start
from app.statuses import counted
from app.tables import fen_to_yuan
from models import CodeEntry, Contact, Customer, FollowUp, SalesOrder, Salesperson, StatusHistory
from models.customers import GRADES, STATUSES

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class CustomerData:
    """What a user edits on the card (not the dated histories)."""

    code: str
    name: str
    short_name: str | None = None
    mnemonic: str | None = None  # None: derive from the name
    type_id: int | None = None
    region_id: int | None = None
    industry_id: int | None = None
    address: str | None = None
    bank: str | None = None
    bank_account: str | None = None
    tax_id: str | None = None
    grade: str | None = None
    notes: str | None = None


@dataclass(frozen=True)
class ContactData:
    name: str
    position_id: int | None = None
    phone: str | None = None
    mobile: str | None = None
    email: str | None = None
    birthday: date | None = None
    hobbies: str | None = None


@dataclass(frozen=True)
class Figures:
    balance: Decimal
    overdue: Decimal
    unapplied: Decimal
    credit_limit: Decimal
    available: Decimal
    term_days: int
    last_order: date | None
    revenue_12m: Decimal


@dataclass(frozen=True)
class CustomerCard:
    id: int
    version: int
    data: CustomerData
    mnemonic_edited: bool
    created: date
    owner_id: int | None
    status: str
    blacklisted: bool
    contacts: tuple[tuple[int, int, ContactData], ...]  # (id, version, data)
    figures: Figures | None  # None when the actor may not see money
    histories: dict[str, tuple[HistoryEntry, ...]] = field(default_factory=dict)  # owner/status/credit/blacklist


def visible_customer(session: Session, actor: Actor, customer_id: int, handler_id: int | None = None) -> Customer:
    """The customer, if the actor may see it: everyone with 查看全部客户; a salesperson their own customers, the
    shared pool, and (for a document they handled) that document's customer."""
    c = session.get(Customer, customer_id)
    if c is None:
        raise NotFound("customer.not_found")
    if not may_see(actor, c.owner_id, handler_id):
        raise PermissionDenied("customer.not_yours")
    return c


def may_see(actor: Actor, owner_id: int | None, handler_id: int | None = None) -> bool:
    """visible_customer's rule on a customer's owner (and the handler of a document of it)."""
    return auth.can(actor, "customers.view_all") or owner_id in (None, actor.salesperson_id) \
        or (handler_id is not None and handler_id == actor.salesperson_id)


def _load(session: Session, actor: Actor, customer_id: int, edit: bool = False) -> Customer:
    c = visible_customer(session, actor, customer_id)
    if edit:
        auth.require(actor, "customers.edit")
    return c


def _check(data: CustomerData) -> CustomerData:
    """The card's values, checked (refused naming the field, never clipped) and trimmed."""
    if data.grade is not None and data.grade not in GRADES:
        raise ValidationError("customer.bad_grade")
    f = validate.field
    return replace(
        data,
        code=validate.text(data.code, f("customer_code"), Customer.code, required=True),
        name=validate.text(data.name, f("customer_name"), Customer.name, required=True),
        short_name=validate.text(data.short_name, f("short_name"), Customer.short_name),
        mnemonic=validate.text(data.mnemonic, f("mnemonic"), Customer.mnemonic),
        address=validate.text(data.address, f("address"), Customer.address),
        bank=validate.text(data.bank, f("bank"), Customer.bank),
        bank_account=validate.text(data.bank_account, f("bank_account"), Customer.bank_account),
        tax_id=validate.text(data.tax_id, f("tax_id"), Customer.tax_id),
        notes=validate.text(data.notes, f("notes"), Customer.notes, multiline=True),
    )


CODE_FIELDS = {"type_id": ("customer_type", "customer_type"), "region_id": ("region", "region"),
               "industry_id": ("industry", "industry")}


def _codes(session: Session, values: dict[str, object]) -> None:
    """The code-table entries a customer names exist and are of the right table."""
    for key, (title, kind) in CODE_FIELDS.items():
        if key in values:
            validate.reference(session, CodeEntry, values[key], validate.field(title), kind=kind)


def _contact(data: ContactData) -> ContactData:
    f = validate.field
    return replace(
        data,
        name=validate.text(data.name, f("contact_name"), Contact.name, required=True),
        phone=validate.text(data.phone, f("phone"), Contact.phone),
        mobile=validate.text(data.mobile, f("mobile"), Contact.mobile),
        email=validate.text(data.email, f("email"), Contact.email),
        birthday=validate.day(data.birthday, f("birthday"), required=False),
        hobbies=validate.text(data.hobbies, f("hobbies"), Contact.hobbies),
    )


def figures(session: Session, customer_id: int, today: date) -> Figures:
    pos = ledger.position(session, customer_id, today)
    term, limit = customers.credit_terms_on(session, customer_id, today)
    last = session.scalar(select(func.max(SalesOrder.date)).where(
        SalesOrder.customer_id == customer_id, counted(SalesOrder), SalesOrder.date <= today))
    start = window_start(today, 12)  # DOMAIN.md "last 12 months"
    docs = net_revenue_docs(start, today).subquery()
    revenue = session.scalar(select(func.coalesce(func.sum(docs.c.revenue), 0)).where(docs.c.customer_id == customer_id))
    return Figures(balance=pos.balance, overdue=pos.overdue, unapplied=pos.unapplied, credit_limit=limit,
                   available=limit - pos.balance, term_days=term, last_order=last, revenue_12m=fen_to_yuan(revenue))


def card(session: Session, actor: Actor, customer_id: int, today: date | None = None) -> CustomerCard:
    today = today or date.today()
    c = _load(session, actor, customer_id)
    data = CustomerData(**{f.name: getattr(c, f.name) for f in fields(CustomerData)})
    contacts = tuple(
        (k.id, k.version, ContactData(k.name, k.position_id, k.phone, k.mobile, k.email, k.birthday, k.hobbies))
        for k in c.contacts
    )
    money = figures(session, c.id, today) if auth.can(actor, "customers.view_all") or auth.can(
        actor, "customers.edit") else None
    return CustomerCard(id=c.id, version=c.version, data=data, mnemonic_edited=c.mnemonic_edited, created=c.created,
                        owner_id=c.owner_id, status=c.status, blacklisted=c.blacklisted, contacts=contacts,
                        figures=money, histories=histories(session, c.id))


@changes("customer")
def create(sessions: sessionmaker, actor: Actor, data: CustomerData, created: date | None = None,
           owner_id: int | None = None) -> int:
    """A new customer: term 0 and limit 0 (cash only until someone grants credit); a salesperson owns it."""
    auth.require(actor, "customers.edit")
    data = _check(data)
    created = validate.day(created or date.today(), validate.field("created"))
    if actor.role == "sales":
        owner_id = actor.salesperson_id
    with sessions.begin() as s:
        _codes(s, {f.name: getattr(data, f.name) for f in fields(CustomerData)})
        validate.reference(s, Salesperson, owner_id, validate.field("owner"))
        if s.scalar(select(Customer.id).where(Customer.code == data.code.strip())):
            raise ValidationError("customer.code_exists", customer_code=data.code)
        values = {f.name: getattr(data, f.name) for f in fields(CustomerData) if f.name not in ("code", "name", "mnemonic")}
        short = values.pop("short_name")
        grade = values.pop("grade")
        c = customers.new_customer(s, code=data.code.strip(), name=data.name.strip(), short_name=short, grade=grade,
                                   created=created, owner_id=owner_id, changed_by=actor.login, **values)
        if data.mnemonic:
            c.mnemonic, c.mnemonic_edited = data.mnemonic.strip().lower(), True
        s.flush()
        audit(s, actor, "customer.create", "customer", c.id, code=c.code, name=c.name)
        return c.id


@changes("customer")
def update(sessions: sessionmaker, actor: Actor, customer_id: int, version: int, data: CustomerData) -> None:
    """Save the card; refused with a message when someone else saved it since it was opened."""
    data = _check(data)
    try:
        with sessions.begin() as s:
            c = _load(s, actor, customer_id, edit=True)
            _codes(s, {f.name: getattr(data, f.name) for f in fields(CustomerData)})
            if c.version != version:
                raise validate.stale(s, "customer", c.id, msg("validate.what.customer", code=c.code, name=c.name),
                                     "customer.changed")
            if data.code != c.code and s.scalar(select(Customer.id).where(Customer.code == data.code)):
                raise ValidationError("customer.code_exists", customer_code=data.code)
            if data.grade != c.grade:
                auth.require(actor, "credit.change")
            changes = {}
            for f in fields(CustomerData):
                if f.name == "mnemonic":
                    continue
                new = getattr(data, f.name)
                if getattr(c, f.name) != new:
                    changes[f.name] = [getattr(c, f.name), new]
                    setattr(c, f.name, new)
            if data.mnemonic is not None and data.mnemonic.strip().lower() != c.mnemonic:
                changes["mnemonic"] = [c.mnemonic, data.mnemonic]
                c.mnemonic, c.mnemonic_edited = data.mnemonic.strip().lower(), True
            elif data.mnemonic is None and c.mnemonic_edited:
                c.mnemonic_edited = False
                customers.refresh_pinyin(c)
            if changes:
                customers.refresh_pinyin(c)
                audit(s, actor, "customer.update", "customer", c.id, **changes)
    except StaleDataError:
        raise ConflictError("customer.changed") from None


@changes("customer", "contact")
def save_contact(sessions: sessionmaker, actor: Actor, customer_id: int, data: ContactData,
                 contact_id: int | None = None, version: int | None = None) -> int:
    if not (data.name or "").strip():
        raise ValidationError("customer.contact_name_required")
    data = _contact(data)
    try:
        with sessions.begin() as s:
            _load(s, actor, customer_id, edit=True)
            validate.reference(s, CodeEntry, data.position_id, validate.field("position"), kind="position")
            if contact_id is None:
                k = Contact(customer_id=customer_id, **{f.name: getattr(data, f.name) for f in fields(ContactData)})
                s.add(k)
            else:
                k = s.get(Contact, contact_id)
                if k is None or k.customer_id != customer_id:
                    raise NotFound("customer.contact_not_found")
                if version is not None and k.version != version:
                    raise ConflictError("customer.contact_changed")
                for f in fields(ContactData):
                    setattr(k, f.name, getattr(data, f.name))
            s.flush()
            audit(s, actor, "contact.save", "customer", customer_id, contact=k.id, name=data.name)
            return k.id
    except StaleDataError:
        raise ConflictError("customer.contact_changed") from None


@changes("customer", "contact")
def remove_contact(sessions: sessionmaker, actor: Actor, customer_id: int, contact_id: int) -> None:
    with sessions.begin() as s:
        _load(s, actor, customer_id, edit=True)
        k = s.get(Contact, contact_id)
        if k is None or k.customer_id != customer_id:
            raise NotFound("customer.contact_not_found")
        # follow-ups keep their text and date; they just no longer point at the removed person
        s.execute(sql_update(FollowUp).where(FollowUp.contact_id == contact_id).values(contact_id=None))
        s.delete(k)
        audit(s, actor, "contact.remove", "customer", customer_id, contact=contact_id, name=k.name)


# --- batch operations: one confirmation in the GUI, one transaction here --------------------------------------


def _batch(sessions: sessionmaker, actor: Actor, ids: Sequence[int], permission: str,
           apply: Callable[[Session, Customer], None], action: str, progress: Progress | None, **detail: object) -> int:
    auth.require(actor, permission)
    if not ids:
        raise ValidationError("customer.none_selected")
    with sessions.begin() as s:
        for n, cid in enumerate(ids, start=1):
            c = _load(s, actor, cid, edit=True)
            apply(s, c)
            if progress and (n % 200 == 0 or n == len(ids)):
                progress(n, len(ids))
        audit(s, actor, action, "customer", None, count=len(ids), ids=list(ids)[:1000], **detail)
    return len(ids)


def _need_reason(reason: str | None) -> str:
    if not (reason or "").strip():
        raise ValidationError("customer.reason_required")
    return _reason(reason) or ""


def _reason(reason: str | None) -> str | None:
    """A reason as the dated histories keep it (500 characters, one paragraph or several)."""
    return validate.text(reason, validate.field("reason"), StatusHistory.reason, multiline=True)


def _effective(effective: date) -> date:
    day = validate.day(effective, validate.field("effective"))
    assert day is not None
    return day


@changes("customer")
def reassign(sessions: sessionmaker, actor: Actor, ids: Sequence[int], salesperson_id: int | None,
             effective: date, reason: str | None = None, progress: Progress | None = None) -> int:
    """New owner (None = 公司共享客户) from `effective` on; the history keeps the old one."""
    effective, reason = _effective(effective), _reason(reason)
    with sessions() as s:
        validate.reference(s, Salesperson, salesperson_id, validate.field("salesperson"))

    def apply(s: Session, c: Customer) -> None:
        customers.set_owner(s, c.id, salesperson_id, effective, actor.login, reason)

    return _batch(sessions, actor, ids, "customers.reassign", apply, "customer.reassign", progress,
                  salesperson_id=salesperson_id, effective=effective)


@changes("customer")
def hand_over(sessions: sessionmaker, actor: Actor, from_salesperson_id: int, to_salesperson_id: int | None,
              effective: date, reason: str | None = None, progress: Progress | None = None) -> int:
    """Every customer a (leaving) salesperson owns goes to another salesperson or the shared pool."""
    with sessions() as s:
        ids = list(s.scalars(select(Customer.id).where(Customer.owner_id == from_salesperson_id)))
        if s.get(Salesperson, from_salesperson_id) is None:
            raise NotFound("customer.no_salesperson")
    if not ids:
        return 0
    # no reason given: the default one is kept as a message, shown in the reader's language (app.dossier)
    return reassign(sessions, actor, ids, to_salesperson_id, effective, reason or dump(msg("customer.handover_reason")),
                    progress)


@changes("customer")
def set_attributes(sessions: sessionmaker, actor: Actor, ids: Sequence[int], progress: Progress | None = None,
                   **values: int | str | None) -> int:
    """Set type_id / region_id / industry_id / grade on many customers at once."""
    allowed = {"type_id", "region_id", "industry_id", "grade"}
    if not values or set(values) - allowed:
        raise ValidationError("customer.bad_batch_fields")
    if "grade" in values and values["grade"] not in (*GRADES, None):
        raise ValidationError("customer.bad_grade")
    permission = "credit.change" if "grade" in values else "customers.edit"
    with sessions() as s:
        _codes(s, values)

    def apply(_s: Session, c: Customer) -> None:
        for key, value in values.items():
            setattr(c, key, value)

    return _batch(sessions, actor, ids, permission, apply, "customer.set", progress, **values)


@changes("customer")
def set_credit(sessions: sessionmaker, actor: Actor, ids: Sequence[int], term_days: int, credit_limit: Decimal,
               effective: date, reason: str | None, progress: Progress | None = None) -> int:
    why = _need_reason(reason)
    term_days = validate.whole(term_days, validate.field("term_days"), 0, MAX_TERM_DAYS)
    credit_limit = validate.money(credit_limit, validate.field("credit_limit"))
    effective = _effective(effective)

    def apply(s: Session, c: Customer) -> None:
        customers.set_credit(s, c.id, term_days, credit_limit, effective, actor.login, why)

    return _batch(sessions, actor, ids, "credit.change", apply, "customer.credit", progress,
                  term_days=term_days, credit_limit=credit_limit, effective=effective, reason=why)


@changes("customer")
def set_blacklist(sessions: sessionmaker, actor: Actor, ids: Sequence[int], blacklisted: bool, effective: date,
                  reason: str | None, progress: Progress | None = None) -> int:
    why = _need_reason(reason)
    effective = _effective(effective)

    def apply(s: Session, c: Customer) -> None:
        customers.set_blacklist(s, c.id, blacklisted, effective, actor.login, why)

    return _batch(sessions, actor, ids, "blacklist.change", apply, "customer.blacklist", progress,
                  blacklisted=blacklisted, effective=effective, reason=why)


@changes("customer")
def set_status(sessions: sessionmaker, actor: Actor, ids: Sequence[int], status: str, effective: date,
               reason: str | None = None, progress: Progress | None = None) -> int:
    """A new customer status from `effective` on. 暂停 and 终止 are the credit role's (DOMAIN.md credit control):
    a salesperson only moves a customer between 潜在 and 正常, never into or out of 暂停/终止."""
    if status not in STATUSES:
        raise ValidationError("customer.bad_status")
    effective, reason = _effective(effective), _reason(reason)
    free = {"prospect", "active"}

    def apply(s: Session, c: Customer) -> None:
        if c.status != status and not ({c.status, status} <= free) and not auth.can(actor, "credit.change"):
            raise PermissionDenied("customer.status_needs_credit", name=c.name,
                                   before=msg(f"customer.status.{c.status}"), after=msg(f"customer.status.{status}"))
        customers.set_status(s, c.id, status, effective, actor.login, reason)

    return _batch(sessions, actor, ids, "customers.edit", apply, "customer.status", progress,
                  status=status, effective=effective)


@changes("customer")
def archive(sessions: sessionmaker, actor: Actor, ids: Sequence[int], archived: bool = True,
            progress: Progress | None = None) -> int:
    def apply(_s: Session, c: Customer) -> None:
        c.archived = archived

    return _batch(sessions, actor, ids, "customers.edit_all", apply, "customer.archive", progress, archived=archived)


@dataclass(frozen=True)
class GradesApplied:
    """What 按建议设定等级 did: the customers whose grade changed (the others had it already)."""

    changed_ids: tuple[int, ...]
    unchanged: int
    changes: Changes

    @property
    def count(self) -> int:
        return len(self.changed_ids)


def apply_suggested_grades(sessions: sessionmaker, actor: Actor, on: date, ids: Sequence[int],
                           progress: Progress | None = None) -> GradesApplied:
    """The monthly grade review (DOMAIN.md "Customer care"): set each customer's grade to the one suggested as of
    `on`, in one transaction; every change is audited with the old and new grade and the suggestion's reason."""
    from app.analytics import suggested_grades

    auth.require(actor, "credit.change")
    if not ids:
        raise ValidationError("customer.none_selected")
    done: list[int] = []
    with sessions.begin() as s:
        grades = suggested_grades(s, on)
        for n, cid in enumerate(ids, start=1):
            c = _load(s, actor, cid, edit=True)
            suggestion = grades.get(cid)
            grade = suggestion.grade if suggestion is not None else "C"
            if c.grade != grade:
                audit(s, actor, "customer.grade", "customer", c.id, grade=[c.grade, grade], as_of=on,
                      reason=dump(suggestion.reason) if suggestion is not None else None)
                c.grade = grade
                done.append(c.id)
            if progress and (n % 200 == 0 or n == len(ids)):
                progress(n, len(ids))
    return GradesApplied(tuple(done), len(ids) - len(done), changed("customer", ids=(("customer", i) for i in done)))
