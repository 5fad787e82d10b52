"""Customers and their dated histories: creating them and changing owner, status, blacklist and credit."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import case, exists, func, select, update
from sqlalchemy.orm import Session

from app import pinyin
from app.errors import ValidationError
from app.history import value_on
from models import (
    CODE_KINDS,
    BlacklistHistory,
    CodeEntry,
    CreditHistory,
    Customer,
    OwnerHistory,
    StatusHistory,
)
from models.customers import GRADES, STATUSES

STATUS_BY_CHINESE = {v: k for k, v in STATUSES.items()}
_MNEMONIC_LENGTH = int(Customer.__table__.c.mnemonic.type.length)


def code_entry(session: Session, kind: str, name: str, create: bool = True) -> CodeEntry | None:
    """The code-table entry called `name` (or with that code); created at the end of the list if missing."""
    if kind not in CODE_KINDS:
        raise ValueError(kind)
    name = name.strip()
    if not name:
        return None
    found = session.scalars(
        select(CodeEntry).where(CodeEntry.kind == kind, (CodeEntry.name == name) | (CodeEntry.code == name))
    ).first()
    if found or not create:
        return found
    count = session.scalar(select(func.count()).where(CodeEntry.kind == kind)) or 0
    entry = CodeEntry(kind=kind, code=f"{count + 1:03d}", name=name, sort_order=(count + 1) * 10)
    # a user-typed name that looks like an existing code gets the next free code
    while session.scalar(select(CodeEntry.id).where(CodeEntry.kind == kind, CodeEntry.code == entry.code)):
        count += 1
        entry.code = f"{count + 1:03d}"
    session.add(entry)
    session.flush()
    return entry


def refresh_pinyin(customer: Customer) -> None:
    """Derive search keys from the names; the 助记码 too unless a user edited it."""
    customer.pinyin = pinyin.customer_keys(customer.code, customer.name, customer.short_name)
    if not customer.mnemonic_edited or not customer.mnemonic:
        customer.mnemonic = pinyin.initials(customer.name)


@dataclass(frozen=True)
class NewCustomerRows:
    """A new customer as column values: its row, and its first history rows, which take effect on `created`."""

    customer: dict[str, Any]
    histories: tuple[tuple[type[Any], dict[str, Any]], ...]  # (history model, values without customer_id)

    def history_rows(self, customer_id: int) -> list[tuple[type[Any], dict[str, Any]]]:
        return [(model, values | {"customer_id": customer_id}) for model, values in self.histories]


def new_customer_rows(
    *,
    code: str,
    name: str,
    created: date,
    short_name: str | None = None,
    owner_id: int | None = None,
    status: str = "active",
    blacklisted: bool = False,
    blacklist_reason: str | None = None,
    term_days: int = 0,
    credit_limit: Decimal = Decimal("0"),
    grade: str | None = None,
    changed_by: str = "",
    current_on: date | None = None,
    **fields: Any,
) -> NewCustomerRows:
    """The one place a new customer's values are decided, for `new_customer` and the importer's bulk insert.

    The owner, status, blacklist flag and credit given are the histories' first rows, from `created` on. The
    customer row carries the derived search keys and, in its list columns, the values in force on
    `current_on` (default `created`): the defaults while a customer created later has none in force yet.
    """
    if status not in STATUSES:
        raise ValidationError("customer.bad_status_value", status=status)
    if grade is not None and grade not in GRADES:
        raise ValidationError("customer.bad_grade_value", grade=grade)
    if term_days < 0 or credit_limit < 0:
        raise ValidationError("customer.negative_credit")
    in_force = current_on is None or created <= current_on
    customer = {
        "code": code, "name": name, "short_name": short_name, "created": created, "grade": grade,
        "pinyin": pinyin.customer_keys(code, name, short_name),
        "mnemonic": pinyin.initials(name)[:_MNEMONIC_LENGTH], "mnemonic_edited": False, "archived": False,
        "owner_id": owner_id if in_force else None,
        "status": status if in_force else "active",
        "blacklisted": blacklisted and in_force,
        "term_days": term_days if in_force else 0,
        "credit_limit": credit_limit if in_force else Decimal("0"),
        **fields,
    }
    first = {"effective": created, "changed_by": changed_by, "reason": None}
    histories: list[tuple[type[Any], dict[str, Any]]] = [
        (OwnerHistory, first | {"salesperson_id": owner_id}),
        (StatusHistory, first | {"status": status}),
        (CreditHistory, first | {"term_days": term_days, "credit_limit": credit_limit}),
    ]
    if blacklisted:
        histories.append((BlacklistHistory, first | {"blacklisted": True, "reason": blacklist_reason}))
    return NewCustomerRows(customer, tuple(histories))


def new_customer(session: Session, **values: Any) -> Customer:
    """Add a customer (no commit); its owner, status, blacklist flag and credit take effect on `created`. `values`:
    the keyword arguments of new_customer_rows."""
    rows = new_customer_rows(**values)
    customer = Customer(**rows.customer)
    session.add(customer)
    session.flush()
    session.add_all([model(**row) for model, row in rows.history_rows(customer.id)])
    return customer


def set_owner(
    session: Session, customer_id: int, salesperson_id: int | None, effective: date, changed_by: str = "",
    reason: str | None = None,
) -> None:
    session.add(
        OwnerHistory(
            customer_id=customer_id, salesperson_id=salesperson_id, effective=effective,
            changed_by=changed_by, reason=reason,
        )
    )
    sync_current(session, customer_ids=[customer_id])


def set_status(
    session: Session, customer_id: int, status: str, effective: date, changed_by: str = "", reason: str | None = None
) -> None:
    if status not in STATUSES:
        raise ValidationError("customer.bad_status_value", status=status)
    session.add(
        StatusHistory(customer_id=customer_id, status=status, effective=effective, changed_by=changed_by, reason=reason)
    )
    sync_current(session, customer_ids=[customer_id])


def set_blacklist(
    session: Session, customer_id: int, blacklisted: bool, effective: date, changed_by: str = "",
    reason: str | None = None,
) -> None:
    if blacklisted and not (reason or "").strip():
        raise ValidationError("customer.blacklist_reason")
    session.add(
        BlacklistHistory(
            customer_id=customer_id, blacklisted=blacklisted, effective=effective, changed_by=changed_by, reason=reason
        )
    )
    sync_current(session, customer_ids=[customer_id])


def set_credit(
    session: Session, customer_id: int, term_days: int, credit_limit: Decimal, effective: date,
    changed_by: str = "", reason: str | None = None,
) -> None:
    if term_days < 0 or credit_limit < 0:
        raise ValidationError("customer.negative_credit")
    session.add(
        CreditHistory(
            customer_id=customer_id, term_days=term_days, credit_limit=credit_limit, effective=effective,
            changed_by=changed_by, reason=reason,
        )
    )
    sync_current(session, customer_ids=[customer_id])


CURRENT_COLUMNS = {
    "owner_id": (OwnerHistory, OwnerHistory.salesperson_id),
    "status": (StatusHistory, StatusHistory.status),
    "blacklisted": (BlacklistHistory, BlacklistHistory.blacklisted),
    "term_days": (CreditHistory, CreditHistory.term_days),
    "credit_limit": (CreditHistory, CreditHistory.credit_limit),
}


def sync_current(session: Session, today: date | None = None, customer_ids: Sequence[int] | None = None) -> None:
    """Copy the history values in force on `today` onto the customers' list columns (all, or the ones given)."""
    today = today or date.today()
    session.flush()
    values = {}
    for column, (model, value_col) in CURRENT_COLUMNS.items():
        latest = (
            select(value_col)
            .where(model.customer_id == Customer.id, model.effective <= today)
            .order_by(model.effective.desc(), model.id.desc())
            .limit(1)
            .scalar_subquery()
        )
        any_row = exists().where(model.customer_id == Customer.id, model.effective <= today)
        # a NULL owner in force (the shared pool) is a value too, so no coalesce
        values[column] = case((any_row, latest), else_=getattr(Customer, column))
    if customer_ids is not None and not customer_ids:
        return
    stmt = update(Customer).values(values).execution_options(synchronize_session=False)
    for chunk in _chunks(customer_ids):
        session.execute(stmt if chunk is None else stmt.where(Customer.id.in_(chunk)))
    for obj in list(session.identity_map.values()):
        if isinstance(obj, Customer) and (customer_ids is None or obj.id in customer_ids):
            session.expire(obj, list(CURRENT_COLUMNS))


SYNCED_ON = "current_synced_on"  # the setting: the day the list columns were last brought up to (sync_due)


def synced_on(session: Session) -> date | None:
    """The day sync_due last brought every customer's list columns up to (None: never). Every customer's columns
    hold the values in force on that day or on a later one (sync_current after a change uses the day it runs)."""
    from models import Setting

    value = session.scalar(select(Setting.value).where(Setting.key == SYNCED_ON))
    return date.fromisoformat(value) if value else None


def sync_due(session: Session, today: date | None = None) -> int:
    """Apply history rows that came into force since the last sync (future-dated changes); returns customers touched."""
    from models import Setting

    today = today or date.today()
    row = session.get(Setting, SYNCED_ON)
    last = date.fromisoformat(row.value) if row else None
    if last == today:
        return 0
    ids: set[int] = set()
    for model, _col in CURRENT_COLUMNS.values():
        q = select(model.customer_id).where(model.effective <= today)
        if last is not None:
            q = q.where(model.effective > last)
        ids.update(session.scalars(q))
    if ids:
        sync_current(session, today, sorted(ids))
    if row is None:
        session.add(Setting(key=SYNCED_ON, value=today.isoformat()))
    else:
        row.value = today.isoformat()
    return len(ids)


def _chunks(ids: Sequence[int] | None, size: int = 900) -> list[Sequence[int] | None]:
    if ids is None:
        return [None]
    return [ids[i:i + size] for i in range(0, len(ids), size)]


def credit_terms_on(session: Session, customer_id: int, on: date) -> tuple[int, Decimal]:
    """(credit term in days, credit limit) in force on `on`; a customer with no history buys for cash."""
    row = value_on(session, CreditHistory, customer_id, on)
    return (0, Decimal("0")) if row is None else (int(row.term_days), row.credit_limit)


def status_on(session: Session, customer_id: int, on: date) -> str | None:
    row = value_on(session, StatusHistory, customer_id, on)
    return None if row is None else row.status


def blacklisted_on(session: Session, customer_id: int, on: date) -> bool:
    row = value_on(session, BlacklistHistory, customer_id, on)
    return bool(row and row.blacklisted)


def owner_on(session: Session, customer_id: int, on: date) -> int | None:
    row = value_on(session, OwnerHistory, customer_id, on)
    return None if row is None else row.salesperson_id


def by_code(session: Session, code: str) -> Customer:
    from app.errors import NotFound

    customer = session.scalars(select(Customer).where(Customer.code == code)).first()
    if customer is None:
        raise NotFound("customer.code_not_found", customer_code=code)
    return customer
