"""收款 use cases: recording a receipt with the allocation DOMAIN.md's rule gives, changing it by hand, cancelling.

A receipt that the user lets the rule allocate stores nothing more than the order it names (if any): the
rule gives the same answer whenever it is asked. Allocating by hand stores `Allocation` rows, which count
as naming those orders (step 1); each is capped by what the order owes and their sum by the receipt.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, aliased, sessionmaker
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from app import auth, ledger, numbers, validate
from app.changes import Changes, changed
from app.context import Actor
from app.customer_list import visible_to
from app.customer_service import visible_customer
from app.db import first_column
from app.documents import add_receipt, list_query
from app.errors import ConflictError, NotFound, ValidationError
from app.limits import MAX_MONEY
from app.messages import msg
from app.statuses import is_counted
from app.workflow import Action, lock_customers, lock_documents, move
from models import Allocation, CodeEntry, Customer, Receipt, SalesOrder

ZERO = Decimal("0.00")
FEN = Decimal("0.01")
STATUS_TITLES = {"confirmed": "已确认", "cancelled": "已作废"}


@dataclass(frozen=True)
class ReceiptIn:
    customer_id: int
    date: date
    amount: Decimal
    method_id: int | None = None
    order_id: int | None = None  # the order it names (paid first, DOMAIN.md step 1)
    notes: str | None = None


@dataclass(frozen=True)
class OwedOrder:
    order_id: int
    number: str
    date: date
    due_date: date
    total: Decimal
    owed: Decimal  # what it still owes after every other receipt and return
    pay: Decimal  # what this receipt pays it


@dataclass(frozen=True)
class Proposal:
    """The customer's open orders, oldest due first, and what the receipt pays each under the rule (or by hand)."""

    items: tuple[OwedOrder, ...]
    amount: Decimal

    @property
    def applied(self) -> Decimal:
        return sum((i.pay for i in self.items), ZERO)

    @property
    def unapplied(self) -> Decimal:
        return self.amount - self.applied

    def pays(self) -> dict[int, Decimal]:
        return {i.order_id: i.pay for i in self.items if i.pay > 0}


def _clean(data: ReceiptIn) -> ReceiptIn:
    """A receipt's values checked before anything is read (refused naming the field, never changed)."""
    validate.money(data.amount, validate.field("receipt_amount"), positive=True)
    return replace(data, date=validate.day(data.date, validate.field("date")),
                   notes=validate.text(data.notes, validate.field("notes"), Receipt.notes, multiline=True))


def _references(session: Session, data: ReceiptIn) -> None:
    validate.reference(session, Customer, data.customer_id, validate.field("customer"), required=True)
    if data.method_id is None:
        raise ValidationError("receipt.method_required")
    validate.reference(session, CodeEntry, data.method_id, validate.field("method"), kind="payment_method")
    validate.reference(session, SalesOrder, data.order_id, validate.field("receipt_order"))


def _check(session: Session, data: ReceiptIn) -> None:
    if data.order_id is not None:
        order = session.get(SalesOrder, data.order_id)
        if order is None or order.customer_id != data.customer_id or not is_counted(order.status):
            raise ValidationError("receipt.order_not_confirmed")


def propose(session: Session, actor: Actor, data: ReceiptIn, receipt_id: int | None = None,
            today: date | None = None) -> Proposal:
    """What the rule does with this receipt, as of the later of its date and today (so orders taken after a
    prepayment are there to pay). `receipt_id`: an existing receipt being re-allocated (left out of 'owed')."""
    visible_customer(session, actor, data.customer_id)
    on = max(data.date, today or date.today())
    orders, credits = ledger.customer_documents(session, data.customer_id, on)
    others = [c for c in credits if not (c.kind == "R" and c.id == receipt_id)]
    owed = ledger.allocate(orders, others).open
    key = receipt_id if receipt_id is not None else -1
    mine = ledger.CreditDoc("R", key, f"SK-{data.date:%Y%m%d}-9999", data.date, data.amount,
                            ((data.order_id, None),) if data.order_id else ())
    # the receipt pays what is still owed once every other credit has paid (a back-dated receipt is shown
    # paying the same orders the balance says are open, not displacing later receipts)
    still_open = [replace(o, total=owed[o.id]) for o in orders if owed[o.id] > 0]
    paid = dict(ledger.allocate(still_open, [mine]).paid.get(("R", key), []))
    items = tuple(
        OwedOrder(o.id, o.number, o.date, o.due_date, o.total, owed[o.id], paid.get(o.id, ZERO))
        for o in sorted(orders, key=lambda o: (o.due_date, o.date, o.number)) if owed[o.id] > 0
    )
    return Proposal(items, data.amount)


def _manual(proposal: Proposal, allocations: Sequence[tuple[int, Decimal]] | None) -> list[tuple[int, Decimal]]:
    """The hand allocations to store: none when they equal what the rule gives."""
    if allocations is None:
        return []
    owed = {i.order_id: i for i in proposal.items}
    chosen: dict[int, Decimal] = {}
    for order_id, amount in allocations:
        if not isinstance(amount, Decimal) or not amount.is_finite() or amount > MAX_MONEY:
            raise ValidationError("receipt.allocation_invalid")
        if amount == 0:
            continue
        if amount < 0 or amount != amount.quantize(FEN):
            raise ValidationError("receipt.allocation_invalid")
        if order_id not in owed:
            raise ValidationError("receipt.allocation_not_open")
        chosen[order_id] = chosen.get(order_id, ZERO) + amount
    for order_id, amount in chosen.items():
        if amount > owed[order_id].owed:
            raise ValidationError("receipt.allocation_over_owed", number=owed[order_id].number,
                                  owed=owed[order_id].owed, amount=amount)
    if sum(chosen.values(), ZERO) > proposal.amount:
        raise ValidationError("receipt.allocation_over_amount", total=sum(chosen.values(), ZERO),
                              amount=proposal.amount)
    return [] if chosen == proposal.pays() else sorted(chosen.items())


@dataclass(frozen=True)
class Saved:
    receipt_id: int
    number: str
    version: int
    manual: bool  # stored hand allocations

    @property
    def changes(self) -> Changes:
        return changed("receipt", "allocation", "customer", ids=[("receipt", self.receipt_id)])


def _lock_allocations(session: Session, receipt_id: int | None, order_ids: Sequence[int]) -> None:
    """After the customer: the receipt and the orders its hand allocations touch."""
    if receipt_id is not None:
        lock_documents(session, Receipt, [receipt_id])
    lock_documents(session, SalesOrder, order_ids)


def record(sessions: sessionmaker, actor: Actor, data: ReceiptIn,
           allocations: Sequence[tuple[int, Decimal]] | None = None, today: date | None = None) -> Saved:
    """Save a receipt; `allocations` (order id, amount) are the user's, None to let the rule allocate.

    The customer is locked before what its orders owe is read, so two PCs can never allocate more than an order
    owes: the second waits, then sees the first's allocation."""
    auth.require(actor, "money.edit")
    data = _clean(data)
    for order_id, _amount in allocations or ():
        validate.whole(order_id, validate.field("receipt_order"), 1, validate.MAX_ID)
    with sessions.begin() as s:
        _references(s, data)
        lock_customers(s, data.customer_id)
        _lock_allocations(s, None, [order_id for order_id, _amount in allocations or ()])
        _check(s, data)
        manual = _manual(propose(s, actor, data, today=today), allocations)
        receipt = add_receipt(s, number=numbers.next_number(s, numbers.RECEIPT, data.date), date=data.date,
                              customer_id=data.customer_id, amount=data.amount, method_id=data.method_id,
                              order_id=data.order_id, notes=data.notes, created_by=actor.login)
        for order_id, amount in manual:
            s.add(Allocation(receipt_id=receipt.id, order_id=order_id, amount=amount, created_by=actor.login))
        move(s, actor, receipt, Action.RECORD, created=True, amount=data.amount, customer_id=data.customer_id,
             allocations=manual)
        s.flush()
        return Saved(receipt.id, receipt.number, receipt.version, bool(manual))


def _receipt(session: Session, actor: Actor, receipt_id: int, version: int | None = None) -> Receipt:
    receipt = session.get(Receipt, receipt_id)
    if receipt is None:
        raise NotFound("receipt.not_found")
    visible_customer(session, actor, receipt.customer_id)
    if version is not None and receipt.version != version:
        raise validate.stale(session, "receipt", receipt.id, msg("validate.what.receipt", number=receipt.number),
                             "receipt.stale")
    return receipt


def _locked(session: Session, actor: Actor, receipt_id: int, version: int, order_ids: Sequence[int] = ()
            ) -> Receipt:
    """Lock the receipt's customer, the receipt and the orders named, then read the receipt as it is now."""
    customer_id = session.scalar(select(Receipt.customer_id).where(Receipt.id == receipt_id))
    if customer_id is None:
        raise NotFound("receipt.not_found")
    lock_customers(session, customer_id)
    _lock_allocations(session, receipt_id, order_ids)
    receipt = session.get(Receipt, receipt_id, populate_existing=True)
    assert receipt is not None
    return _receipt(session, actor, receipt.id, version)


def reallocate(sessions: sessionmaker, actor: Actor, receipt_id: int, version: int,
               allocations: Sequence[tuple[int, Decimal]], today: date | None = None) -> Saved:
    """Replace a receipt's hand allocations; an empty list (or the rule's own answer) returns it to the rule."""
    auth.require(actor, "money.edit")
    for order_id, _amount in allocations:
        validate.whole(order_id, validate.field("receipt_order"), 1, validate.MAX_ID)
    try:
        with sessions.begin() as s:
            receipt = _locked(s, actor, receipt_id, version, [order_id for order_id, _amount in allocations])
            data = ReceiptIn(receipt.customer_id, receipt.date, receipt.amount, receipt.method_id, receipt.order_id)
            manual = _manual(propose(s, actor, data, receipt.id, today), allocations)
            move(s, actor, receipt, Action.ALLOCATE, allocations=manual)
            s.execute(delete(Allocation).where(Allocation.receipt_id == receipt.id))
            for order_id, amount in manual:
                s.add(Allocation(receipt_id=receipt.id, order_id=order_id, amount=amount, created_by=actor.login))
            flag_modified(receipt, "notes")  # a new version: another PC's open copy is now stale
            s.flush()
            return Saved(receipt.id, receipt.number, receipt.version, bool(manual))
    except StaleDataError:
        raise ConflictError("receipt.stale") from None


def cancel(sessions: sessionmaker, actor: Actor, receipt_id: int, version: int, reason: str) -> Saved:
    """作废 a receipt (its allocations stop counting); the reason is kept in the audit log and the notes."""
    auth.require(actor, "money.edit")
    if not (reason or "").strip():
        raise ValidationError("receipt.cancel_reason")
    reason = validate.text(reason, validate.field("reason"), 500, multiline=True) or ""
    try:
        with sessions.begin() as s:
            receipt = _locked(s, actor, receipt_id, version)
            move(s, actor, receipt, Action.CANCEL, reason=reason.strip())
            receipt.notes = str(msg("receipt.cancelled_note", notes=receipt.notes or "", reason=reason.strip())
                                if receipt.notes else msg("receipt.cancelled_reason", reason=reason.strip()))
            s.flush()
            return Saved(receipt.id, receipt.number, receipt.version, False)
    except StaleDataError:
        raise ConflictError("receipt.stale") from None


@dataclass(frozen=True)
class ReceiptView:
    id: int
    version: int
    number: str
    date: date
    customer_id: int
    customer_code: str
    customer_name: str
    amount: Decimal
    method_id: int | None
    order_id: int | None
    order_number: str | None
    status: str
    notes: str | None
    created_by: str
    paid: tuple[tuple[int, str, Decimal], ...]  # (order id, number, amount) under the rule with every document
    unapplied: Decimal
    manual: bool

    @property
    def status_title(self) -> str:
        return STATUS_TITLES.get(self.status, self.status)


def view(session: Session, actor: Actor, receipt_id: int) -> ReceiptView:
    r = _receipt(session, actor, receipt_id)
    customer = session.get(Customer, r.customer_id)
    orders, credits = ledger.customer_documents(session, r.customer_id, date(9999, 12, 31))
    result = ledger.allocate(orders, credits)
    numbers_by_id = {o.id: o.number for o in orders}
    paid = tuple((oid, numbers_by_id[oid], amt) for oid, amt in result.paid.get(("R", r.id), []))
    unapplied = result.unapplied_by_credit.get(("R", r.id), ZERO) if is_counted(r.status) else ZERO
    order_number = session.scalar(select(SalesOrder.number).where(SalesOrder.id == r.order_id)) if r.order_id else None
    manual = session.scalar(select(Allocation.id).where(Allocation.receipt_id == r.id).limit(1)) is not None
    return ReceiptView(r.id, r.version, r.number, r.date, r.customer_id, customer.code, customer.name, r.amount,
                       r.method_id, r.order_id, order_number, r.status, r.notes, r.created_by, paid, unapplied, manual)


# --- the receipt list ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ReceiptFilter:
    start: date | None = None
    end: date | None = None
    customer_id: int | None = None
    method_id: int | None = None
    status: str | None = None
    number: str = ""


@dataclass(frozen=True)
class ReceiptRow:
    id: int
    number: str
    date: date
    customer_code: str
    customer_name: str
    amount: Decimal
    method: str | None
    order_number: str | None
    status: str
    created_by: str
    notes: str | None

    def value(self, key: str) -> object:
        return STATUS_TITLES.get(self.status, self.status) if key == "status" else getattr(self, key)


RECEIPT_COLUMNS = (("number", "单号"), ("date", "日期"), ("customer_code", "客户编码"), ("customer_name", "客户名称"),
                   ("amount", "金额"), ("method", "收款方式"), ("order_number", "对应销售单"), ("status", "状态"),
                   ("created_by", "录入人"), ("notes", "备注"))
SORT_COLUMNS = {"number": Receipt.number, "date": Receipt.date, "customer_code": Customer.code,
         "customer_name": Customer.name, "amount": Receipt.amount, "status": Receipt.status,
         "created_by": Receipt.created_by}


def matching_ids(session: Session, actor: Actor, flt: ReceiptFilter, sort: str | None = None,
                 descending: bool = True) -> list[int]:
    equals = ((Receipt.customer_id, flt.customer_id), (Receipt.method_id, flt.method_id), (Receipt.status, flt.status))
    q = list_query(Receipt, visible_to(actor), flt.start, flt.end, equals, flt.number, SORT_COLUMNS, sort, descending)
    return first_column(session, q)


def rows(session: Session, ids: Sequence[int]) -> list[ReceiptRow]:
    if not ids:
        return []
    method = aliased(CodeEntry)
    q = (
        select(Receipt.id, Receipt.number, Receipt.date, Customer.code, Customer.name, Receipt.amount, method.name,
               SalesOrder.number, Receipt.status, Receipt.created_by, Receipt.notes)
        .join(Customer, Customer.id == Receipt.customer_id)
        .outerjoin(method, method.id == Receipt.method_id)
        .outerjoin(SalesOrder, SalesOrder.id == Receipt.order_id)
        .where(Receipt.id.in_(list(ids)))
    )
    found = {r[0]: ReceiptRow(*r) for r in session.execute(q)}
    return [found[i] for i in ids if i in found]
