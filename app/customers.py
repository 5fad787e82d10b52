"""Customers and their dated histories: creating them and changing owner, status, blacklist and credit."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

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


def new_customer(
    session: Session,
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
    **fields: object,
) -> Customer:
    """Add a customer (no commit); its owner, status, blacklist flag and credit take effect on `created`."""
    if status not in STATUSES:
        raise ValidationError(f"客户状态无效：{status}")
    if grade is not None and grade not in GRADES:
        raise ValidationError(f"信用等级无效：{grade}（应为 A/B/C/D）")
    if term_days < 0 or credit_limit < 0:
        raise ValidationError("账期和信用额度不能为负数")
    customer = Customer(
        code=code, name=name, short_name=short_name, created=created, grade=grade, owner_id=owner_id, status=status,
        blacklisted=blacklisted, term_days=term_days, credit_limit=credit_limit, **fields,
    )
    refresh_pinyin(customer)
    session.add(customer)
    session.flush()
    cid = customer.id
    session.add_all(
        [
            OwnerHistory(customer_id=cid, effective=created, salesperson_id=owner_id, changed_by=changed_by),
            StatusHistory(customer_id=cid, effective=created, status=status, changed_by=changed_by),
            CreditHistory(
                customer_id=cid,
                effective=created,
                term_days=term_days,
                credit_limit=credit_limit,
                changed_by=changed_by,
            ),
        ]
    )
    if blacklisted:
        session.add(
            BlacklistHistory(
                customer_id=cid,
                effective=created,
                blacklisted=True,
                reason=blacklist_reason,
                changed_by=changed_by,
            )
        )
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
        raise ValidationError(f"客户状态无效：{status}")
    session.add(
        StatusHistory(customer_id=customer_id, status=status, effective=effective, changed_by=changed_by, reason=reason)
    )
    sync_current(session, customer_ids=[customer_id])


def set_blacklist(
    session: Session, customer_id: int, blacklisted: bool, effective: date, changed_by: str = "",
    reason: str | None = None,
) -> None:
    if blacklisted and not (reason or "").strip():
        raise ValidationError("列入黑名单必须填写原因")
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
        raise ValidationError("账期和信用额度不能为负数")
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


def sync_due(session: Session, today: date | None = None) -> int:
    """Apply history rows that came into force since the last sync (future-dated changes); returns customers touched."""
    from models import Setting

    today = today or date.today()
    row = session.get(Setting, "current_synced_on")
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
        session.add(Setting(key="current_synced_on", value=today.isoformat()))
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
        raise NotFound(f"找不到客户编码为「{code}」的客户")
    return customer
