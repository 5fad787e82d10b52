"""跟进记录: the visits, calls and messages with a customer, listed and added by those who may see it; the
follow-up list per salesperson and week; logging one does the after-sales follow-ups due by its date."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased, sessionmaker

from app import auth, care, search, validate
from app.changes import changes
from app.context import Actor, audit
from app.customer_list import visible_to
from app.db import first_column
from app.errors import NotFound, PermissionDenied, ValidationError
from models import CodeEntry, Contact, Customer, FollowUp, Salesperson
from models.customers import STATUSES


@dataclass(frozen=True)
class FollowUpData:
    date: date
    content: str
    method_id: int | None = None
    salesperson_id: int | None = None
    contact_id: int | None = None
    next_date: date | None = None
    result: str | None = None
    # a potential customer's first three steps, done on this follow-up
    card_exchanged: bool = False
    samples_given: bool = False
    company_introduced: bool = False


@dataclass(frozen=True)
class FollowUpRow:
    id: int
    date: date
    method: str | None
    salesperson: str | None  # "S001 张伟"
    contact: str | None
    content: str
    next_date: date | None
    result: str | None = None
    steps: tuple[str, ...] = ()  # the first steps done on it (care.FIRST_STEPS keys)


def _visible(session: Session, actor: Actor, customer_id: int) -> None:
    q = select(Customer.id).where(Customer.id == customer_id)
    exists = session.scalar(q) is not None
    if not exists:
        raise NotFound("customer.not_found")
    seen = visible_to(actor)
    if seen is not None and session.scalar(q.where(seen)) is None:
        raise PermissionDenied("customer.not_yours")


def list_for(session: Session, actor: Actor, customer_id: int) -> list[FollowUpRow]:
    """The customer's follow-ups, newest first."""
    _visible(session, actor, customer_id)
    method = aliased(CodeEntry)
    q = (
        select(FollowUp.id, FollowUp.date, method.name, Salesperson.code, Salesperson.name, Contact.name,
               FollowUp.content, FollowUp.next_date, FollowUp.result, *_step_columns())
        .outerjoin(method, method.id == FollowUp.method_id)
        .outerjoin(Salesperson, Salesperson.id == FollowUp.salesperson_id)
        .outerjoin(Contact, Contact.id == FollowUp.contact_id)
        .where(FollowUp.customer_id == customer_id)
        .order_by(FollowUp.date.desc(), FollowUp.id.desc())
    )
    return [
        FollowUpRow(fid, day, method_name, None if sp_code is None else f"{sp_code} {sp_name}", contact, content,
                    next_day, result, _steps(flags))
        for fid, day, method_name, sp_code, sp_name, contact, content, next_day, result, *flags in session.execute(q)
    ]


def _step_columns() -> list:
    return [getattr(FollowUp, step) for step in care.FIRST_STEPS]


def _steps(flags: Sequence[bool]) -> tuple[str, ...]:
    return tuple(step for step, on in zip(care.FIRST_STEPS, flags, strict=True) if on)


@changes("followup")
def add(sessions: sessionmaker, actor: Actor, customer_id: int, data: FollowUpData) -> int:
    """Record a follow-up; a salesperson's own follow-ups are theirs whatever was asked. It does the customer's
    after-sales follow-ups due on or before its date."""
    auth.require(actor, "customers.edit")
    if not (data.content or "").strip():
        raise ValidationError("followup.content_required")
    f_ = validate.field
    data = replace(data, date=validate.day(data.date, f_("followup_date")),
                   content=validate.text(data.content, f_("followup_content"), FollowUp.content, required=True,
                                         multiline=True),
                   result=validate.text(data.result, f_("followup_result"), FollowUp.result, multiline=True),
                   next_date=validate.day(data.next_date, f_("followup_next"), required=False))
    if data.next_date is not None and data.next_date < data.date:
        raise ValidationError("followup.next_before")
    salesperson_id = actor.salesperson_id if actor.role == "sales" else data.salesperson_id
    with sessions.begin() as s:
        validate.reference(s, CodeEntry, data.method_id, f_("followup_method"), kind="followup_method")
        validate.reference(s, Salesperson, salesperson_id, f_("salesperson"))
        validate.reference(s, Contact, data.contact_id, f_("contact"))
        _visible(s, actor, customer_id)
        if data.contact_id is not None:
            owner = s.scalar(select(Contact.customer_id).where(Contact.id == data.contact_id))
            if owner != customer_id:
                raise NotFound("customer.contact_not_found")
        if data.method_id is not None and s.scalar(select(CodeEntry.kind).where(
                CodeEntry.id == data.method_id)) != "followup_method":
            raise NotFound("care.no_method")
        f = FollowUp(customer_id=customer_id, date=data.date, method_id=data.method_id, salesperson_id=salesperson_id,
                     contact_id=data.contact_id, content=data.content.strip(), next_date=data.next_date,
                     result=(data.result or "").strip() or None, card_exchanged=data.card_exchanged,
                     samples_given=data.samples_given, company_introduced=data.company_introduced)
        s.add(f)
        s.flush()
        closed = care.close_tasks(s, customer_id, f.id, data.date)
        audit(s, actor, "followup.add", "customer", customer_id, followup=f.id, aftersales_done=closed)
        return f.id


# --- the follow-up list (per salesperson, per week) --------------------------------------------------------------


def week_of(day: date) -> tuple[date, date]:
    """Monday and Sunday of the calendar week of `day`."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


@dataclass(frozen=True)
class FollowUpFilter:
    start: date | None = None
    end: date | None = None
    salesperson_id: int | None = None
    customer_id: int | None = None
    method_id: int | None = None
    text: str = ""  # the customer (code, name, pinyin …)


@dataclass(frozen=True)
class FollowUpListRow:
    id: int
    customer_id: int
    date: date
    customer_code: str
    customer_name: str
    status: str  # the customer's status title (潜在 …)
    method: str | None
    salesperson: str | None
    contact: str | None
    content: str
    result: str | None
    next_date: date | None
    steps: tuple[str, ...] = ()

    def value(self, key: str) -> object:
        return getattr(self, key)


LIST_COLUMNS = (("date", "日期"), ("customer_code", "客户编码"), ("customer_name", "客户名称"), ("status", "状态"),
                ("method", "方式"), ("salesperson", "销售员"), ("contact", "联系人"), ("content", "内容"),
                ("result", "结果"), ("next_date", "下次跟进"))
_method = aliased(CodeEntry)
SORT_COLUMNS = {"date": FollowUp.date, "customer_code": Customer.code, "customer_name": Customer.name,
                "method": _method.sort_order, "salesperson": Salesperson.code, "next_date": FollowUp.next_date}


def matching_ids(session: Session, actor: Actor, flt: FollowUpFilter, sort: str | None = None,
                 descending: bool = True) -> list[int]:
    """Ids of the follow-ups of the customers the actor may see, in display order (newest first)."""
    q = select(FollowUp.id).join(Customer, Customer.id == FollowUp.customer_id)
    conds = []
    seen = visible_to(actor)
    if seen is not None:
        conds.append(seen)
    if flt.start is not None:
        conds.append(FollowUp.date >= flt.start)
    if flt.end is not None:
        conds.append(FollowUp.date <= flt.end)
    for column, value in ((FollowUp.salesperson_id, flt.salesperson_id), (FollowUp.customer_id, flt.customer_id),
                          (FollowUp.method_id, flt.method_id)):
        if value is not None:
            conds.append(column == value)
    match = search.customer_match(flt.text)
    if match is not None:
        conds.append(match.condition)
    key = SORT_COLUMNS.get(sort or "date")
    if key is None:
        raise ValueError(sort)
    if sort == "method":
        q = q.outerjoin(_method, _method.id == FollowUp.method_id)
    elif sort == "salesperson":
        q = q.outerjoin(Salesperson, Salesperson.id == FollowUp.salesperson_id)
    order = [key.desc(), FollowUp.id.desc()] if descending else [key.asc(), FollowUp.id.asc()]
    return first_column(session, q.where(*conds).order_by(*order))


def rows(session: Session, ids: Sequence[int]) -> list[FollowUpListRow]:
    """The list rows of these follow-ups, in the order given."""
    if not ids:
        return []
    q = (
        select(FollowUp.id, FollowUp.customer_id, FollowUp.date, Customer.code, Customer.name, Customer.status,
               _method.name, Salesperson.code, Salesperson.name, Contact.name, FollowUp.content, FollowUp.result,
               FollowUp.next_date, *_step_columns())
        .join(Customer, Customer.id == FollowUp.customer_id)
        .outerjoin(_method, _method.id == FollowUp.method_id)
        .outerjoin(Salesperson, Salesperson.id == FollowUp.salesperson_id)
        .outerjoin(Contact, Contact.id == FollowUp.contact_id)
        .where(FollowUp.id.in_(list(ids)))
    )
    found = {}
    for fid, cid, day, code, name, status, method, sp_code, sp_name, contact, content, result, nxt, *flags in \
            session.execute(q):
        found[fid] = FollowUpListRow(fid, cid, day, code, name, STATUSES.get(status, status), method,
                                     None if sp_code is None else f"{sp_code} {sp_name}", contact, content, result,
                                     nxt, _steps(flags))
    return [found[i] for i in ids if i in found]


def contacts_of(session: Session, actor: Actor, customer_id: int) -> list[tuple[int, str]]:
    """(id, name) of the customer's contacts, for the follow-up form."""
    _visible(session, actor, customer_id)
    return [tuple(r) for r in session.execute(  # type: ignore[misc]
        select(Contact.id, Contact.name).where(Contact.customer_id == customer_id).order_by(Contact.id))]
