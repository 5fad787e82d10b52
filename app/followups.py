"""跟进记录: the visits, calls and messages with a customer, listed and added by those who may see it."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased, sessionmaker

from app import auth
from app.changes import changes
from app.context import Actor, audit
from app.customer_list import visible_to
from app.errors import NotFound, PermissionDenied, ValidationError
from models import CodeEntry, Contact, Customer, FollowUp, Salesperson


@dataclass(frozen=True)
class FollowUpData:
    date: date
    content: str
    method_id: int | None = None
    salesperson_id: int | None = None
    contact_id: int | None = None
    next_date: date | None = None


@dataclass(frozen=True)
class FollowUpRow:
    id: int
    date: date
    method: str | None
    salesperson: str | None  # "S001 张伟"
    contact: str | None
    content: str
    next_date: date | None


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
               FollowUp.content, FollowUp.next_date)
        .outerjoin(method, method.id == FollowUp.method_id)
        .outerjoin(Salesperson, Salesperson.id == FollowUp.salesperson_id)
        .outerjoin(Contact, Contact.id == FollowUp.contact_id)
        .where(FollowUp.customer_id == customer_id)
        .order_by(FollowUp.date.desc(), FollowUp.id.desc())
    )
    return [
        FollowUpRow(fid, day, method_name, None if sp_code is None else f"{sp_code} {sp_name}", contact, content,
                    next_day)
        for fid, day, method_name, sp_code, sp_name, contact, content, next_day in session.execute(q)
    ]


@changes("followup")
def add(sessions: sessionmaker, actor: Actor, customer_id: int, data: FollowUpData) -> int:
    """Record a follow-up; a salesperson's own follow-ups are theirs whatever was asked."""
    auth.require(actor, "customers.edit")
    if not data.content.strip():
        raise ValidationError("followup.content_required")
    if data.next_date is not None and data.next_date < data.date:
        raise ValidationError("followup.next_before")
    salesperson_id = actor.salesperson_id if actor.role == "sales" else data.salesperson_id
    with sessions.begin() as s:
        _visible(s, actor, customer_id)
        if data.contact_id is not None:
            owner = s.scalar(select(Contact.customer_id).where(Contact.id == data.contact_id))
            if owner != customer_id:
                raise NotFound("customer.contact_not_found")
        f = FollowUp(customer_id=customer_id, date=data.date, method_id=data.method_id, salesperson_id=salesperson_id,
                     contact_id=data.contact_id, content=data.content.strip(), next_date=data.next_date)
        s.add(f)
        s.flush()
        audit(s, actor, "followup.add", "customer", customer_id, followup=f.id)
        return f.id
