"""销售单 use cases: drafts, confirming through the credit check, the approval queue, cancel and un-cancel, copy.

Every status change goes through `workflow.move` after the customer is locked, so the credit check of confirming,
approving and un-cancelling decides on what every other PC has committed and no path around it exists: a copy is
a new draft, an edited held order goes back to draft, and an approval names the version it approved.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import TypeVar

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, aliased, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from app import auth, credit, ledger, messages, numbers, validate
from app.changes import Changes, changed
from app.context import Actor
from app.customer_service import may_see, visible_customer
from app.customers import credit_terms_on
from app.db import first_column
from app.documents import LineIn, add_receipt, build_lines, list_query
from app.errors import ConflictError, NotFound, ValidationError
from app.messages import Message, msg
from app.statuses import OrderStatus, counted
from app.workflow import Action, check_date, lock_customers, move
from models import CodeEntry, Customer, OrderLine, Product, SalesOrder, Salesperson, SalesReturn

ZERO = Decimal("0.00")
FOREVER = date(9999, 12, 31)
STATUS_TITLES = {"draft": "草稿", "held": "待审批", "confirmed": "已确认", "cancelled": "已作废"}
T = TypeVar("T")
REASON_LENGTH = 500  # an approval's, rejection's or cancellation's reason, as the customer histories keep one

__all__ = ["check_date"]


@dataclass(frozen=True)
class OrderIn:
    """What the order form holds."""

    customer_id: int
    date: date
    lines: tuple[LineIn, ...]
    handler_id: int | None = None
    notes: str | None = None
    cash_amount: Decimal = ZERO  # 现款 received with the order
    cash_method_id: int | None = None


@dataclass(frozen=True)
class LineView:
    id: int
    line_no: int
    product_id: int
    product_code: str
    product_name: str
    unit: str | None
    qty: Decimal
    price: Decimal
    amount: Decimal
    unit_cost: Decimal | None  # None: the actor may not see cost
    cost: Decimal | None
    notes: str | None


@dataclass(frozen=True)
class OrderView:
    id: int
    version: int
    number: str
    date: date
    customer_id: int
    customer_code: str
    customer_name: str
    handler_id: int | None
    handler_name: str | None
    status: str
    term_days: int
    due_date: date
    total: Decimal
    cost_total: Decimal | None  # None: the actor may not see cost
    cash_amount: Decimal
    cash_method_id: int | None
    notes: str | None
    status_note: str | None  # why it is held, blocked, rejected or cancelled, in the interface language
    created_by: str
    lines: tuple[LineView, ...]

    @property
    def status_title(self) -> str:
        return STATUS_TITLES[self.status]

    @property
    def margin(self) -> Decimal | None:
        return None if self.cost_total is None else self.total - self.cost_total

    def to_input(self) -> OrderIn:
        return OrderIn(
            customer_id=self.customer_id, date=self.date, handler_id=self.handler_id, notes=self.notes,
            cash_amount=self.cash_amount, cash_method_id=self.cash_method_id,
            lines=tuple(LineIn(ln.product_id, ln.qty, ln.price, notes=ln.notes) for ln in self.lines),
        )


@dataclass(frozen=True)
class Outcome:
    """What a save did: the order's number and status now, and the credit check that decided it."""

    order_id: int
    number: str
    status: str
    version: int
    decision: credit.CreditDecision | None = None
    receipt_number: str | None = None  # the 现款 receipt recorded with it

    @property
    def changes(self) -> Changes:
        kinds = ("order", "customer", "receipt") if self.receipt_number else ("order", "customer")
        return changed(*kinds, ids=[("order", self.order_id)])

    @property
    def summary(self) -> Message:
        blocked = self.decision is not None and self.decision.decision == credit.BLOCK
        return msg("order.outcome", number=self.number,
                   result=msg("order.result_blocked" if blocked else f"order.result_{self.status}"))

    @property
    def message(self) -> str:
        """The outcome with every credit reason and the cash receipt, one per line, in the interface language."""
        parts: list[Message | str] = [self.summary]
        if self.decision is not None:
            parts += [f"· {r.message}" for r in self.decision.reasons]
        if self.receipt_number:
            parts.append(msg("order.cash_recorded", number=self.receipt_number))
        return messages.lines(parts)


def _money(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"))


def _order(session: Session, actor: Actor, order_id: int, version: int | None = None) -> SalesOrder:
    """Read an order the actor may see (no lock: for views)."""
    order = session.get(SalesOrder, order_id)
    if order is None:
        raise NotFound("order.not_found")
    visible_customer(session, actor, order.customer_id, order.handler_id)
    if version is not None and order.version != version:
        raise validate.stale(session, "sales_order", order.id, msg("validate.what.order", number=order.number),
                             "order.stale")
    return order


def _locked(session: Session, actor: Actor, order_id: int, version: int | None, *also: int | None) -> SalesOrder:
    """Lock the order's customer (and `also` customers) first, then read the order as it is now: a second PC
    waits at the lock and then sees what the first committed — or that the order changed (stale)."""
    customer_id = session.scalar(select(SalesOrder.customer_id).where(SalesOrder.id == order_id))
    if customer_id is None:
        raise NotFound("order.not_found")
    lock_customers(session, customer_id, *also)
    order = session.get(SalesOrder, order_id, populate_existing=True)
    if order is None or order.customer_id != customer_id:  # deleted, or moved to another customer meanwhile
        raise ConflictError("order.stale")
    visible_customer(session, actor, order.customer_id, order.handler_id)
    if version is not None and order.version != version:
        raise validate.stale(session, "sales_order", order.id, msg("validate.what.order", number=order.number),
                             "order.stale")
    return order


def check(session: Session, actor: Actor, customer_id: int, amount: Decimal, on: date,
          cash: Decimal = ZERO) -> credit.CreditDecision:
    """The credit check the form shows before anything is saved (the same one confirming runs)."""
    visible_customer(session, actor, customer_id)
    return credit.credit_decision(session, customer_id, amount, on, cash)


def _clean(data: OrderIn) -> OrderIn:
    """The order form's values checked before anything is read: the date, notes, 现款 and the lines' numbers
    (refused naming the field, never changed). The cost of a line is the server's: a client that sends one is
    refused, whatever it says."""
    for no, line in enumerate(data.lines, start=1):
        if line.unit_cost is not None:
            raise ValidationError("validate.cost_from_server", line=no)
    if not isinstance(data.cash_amount, Decimal) or not data.cash_amount.is_finite():
        raise ValidationError("validate.not_a_number", field=validate.field("cash"))
    if data.cash_amount < 0:
        raise ValidationError("order.cash_negative")
    validate.money(data.cash_amount, validate.field("cash"))
    return replace(data, date=validate.day(data.date, validate.field("date")),
                   notes=validate.text(data.notes, validate.field("notes"), SalesOrder.notes, multiline=True))


def _references(session: Session, data: OrderIn) -> None:
    """The records an order names exist (checked before the customer's row is locked by its id)."""
    validate.reference(session, Customer, data.customer_id, validate.field("customer"), required=True)
    validate.reference(session, Salesperson, data.handler_id, validate.field("handler"))
    validate.reference(session, CodeEntry, data.cash_method_id, validate.field("cash_method"), kind="payment_method")


def _write(session: Session, actor: Actor, data: OrderIn, order: SalesOrder | None) -> SalesOrder:
    """Create the order or replace a draft's contents; the workflow decides the status."""
    auth.require(actor, "orders.edit")
    visible_customer(session, actor, data.customer_id)  # naming oneself handler opens no other customer
    built, total, cost_total = build_lines(session, data.lines, OrderLine)
    if data.cash_amount > total:
        raise ValidationError("order.cash_over_total", cash=data.cash_amount, total=total)
    term, _limit = credit_terms_on(session, data.customer_id, data.date)
    if order is None:
        order = SalesOrder(number=numbers.next_number(session, numbers.ORDER, data.date), created_by=actor.login,
                           created_at=datetime.now(), status=OrderStatus.DRAFT)
        session.add(order)
    elif order.status not in (OrderStatus.DRAFT, OrderStatus.HELD):
        raise ValidationError("order.not_editable", status=msg(f"status.order_{order.status}"))
    else:
        order.lines.clear()
        session.flush()
    order.date, order.customer_id, order.handler_id = data.date, data.customer_id, data.handler_id
    order.term_days, order.due_date = term, data.date + timedelta(days=term)
    order.total, order.cost_total, order.notes = total, cost_total, data.notes
    order.cash_amount, order.cash_method_id = data.cash_amount, data.cash_method_id
    order.lines.extend(built)
    session.flush()
    return order


def _note(message: Message | None) -> str | None:
    return None if message is None else messages.dump(message)


def _cash_receipt(session: Session, actor: Actor, order: SalesOrder) -> str | None:
    """The 现款 of a cash sale, recorded as a receipt naming the order when the order is confirmed."""
    if order.cash_amount <= 0:
        return None
    receipt = add_receipt(session, number=numbers.next_number(session, numbers.RECEIPT, order.date),
                          date=order.date, customer_id=order.customer_id, amount=order.cash_amount,
                          method_id=order.cash_method_id, order_id=order.id,
                          notes=str(msg("order.cash_note", number=order.number)), created_by=actor.login)
    move(session, actor, receipt, Action.RECORD, created=True, amount=order.cash_amount, order=order.number)
    return receipt.number


def _decide(session: Session, actor: Actor, order: SalesOrder, today: date, action: Action,
            approved_reason: str | None = None) -> Outcome:
    """Move the order by `action` through the workflow (credit check included) and note why it stands where it
    does: held or blocked with the reasons, approved with the manager's reason."""
    detail = {"reason": approved_reason} if approved_reason is not None else {}
    step = move(session, actor, order, action, today=today, **detail)
    decision = step.decision
    receipt = None
    reasons = [r.text for r in decision.reasons] if decision is not None else []
    if decision is not None and decision.decision == credit.BLOCK:
        order.status_note = _note(msg("order.note_blocked", reasons=reasons))
    elif step.after == OrderStatus.HELD:
        order.status_note = _note(msg("order.note_held", reasons=reasons))
    elif step.after == OrderStatus.CONFIRMED:
        order.status_note = _note(msg("order.note_approved", reason=approved_reason)) if approved_reason else None
        receipt = _cash_receipt(session, actor, order)
    session.flush()
    return Outcome(order.id, order.number, order.status, order.version, decision, receipt)


def _run(sessions: sessionmaker, fn: Callable[[Session], T]) -> T:
    try:
        with sessions.begin() as s:
            return fn(s)
    except StaleDataError:
        raise ConflictError("order.stale") from None


def _need(reason: str | None, code: str) -> str:
    if not (reason or "").strip():
        raise ValidationError(code)
    return validate.text(reason, validate.field("reason"), REASON_LENGTH, multiline=True) or ""


def save_draft(sessions: sessionmaker, actor: Actor, data: OrderIn, order_id: int | None = None,
               version: int | None = None) -> Outcome:
    """Save as draft (a held order that is edited goes back to draft and leaves the approval queue)."""
    auth.require(actor, "orders.edit")
    data = _clean(data)

    def work(s: Session) -> Outcome:
        _references(s, data)
        if order_id is None:
            lock_customers(s, data.customer_id)
            order = None
        else:
            order = _locked(s, actor, order_id, version, data.customer_id)
        was_held = order is not None and order.status == OrderStatus.HELD
        order = _write(s, actor, data, order)
        move(s, actor, order, Action.SAVE, total=order.total)
        order.status_note = _note(msg("order.note_back_to_draft")) if was_held else None
        s.flush()
        return Outcome(order.id, order.number, order.status, order.version)

    return _run(sessions, work)


def confirm(sessions: sessionmaker, actor: Actor, data: OrderIn, order_id: int | None = None,
            version: int | None = None, today: date | None = None) -> Outcome:
    """Save and confirm: the credit check decides confirmed, held (approval queue) or blocked (kept as draft)."""
    auth.require(actor, "orders.edit")
    data = _clean(data)

    def work(s: Session) -> Outcome:
        _references(s, data)
        if order_id is None:
            lock_customers(s, data.customer_id)
            order = None
        else:
            order = _locked(s, actor, order_id, version, data.customer_id)
        order = _write(s, actor, data, order)
        return _decide(s, actor, order, today or date.today(), Action.CONFIRM)

    return _run(sessions, work)


def approve(sessions: sessionmaker, actor: Actor, order_id: int, version: int, reason: str,
            today: date | None = None) -> Outcome:
    """经理/管理员 approve a held order with a written reason; the check runs again on the order as it is now
    (a block cannot be approved; an order changed since it was opened is refused)."""
    auth.require(actor, "credit.approve")
    why = _need(reason, "order.approve_reason")

    def work(s: Session) -> Outcome:
        order = _locked(s, actor, order_id, version)
        return _decide(s, actor, order, today or date.today(), Action.APPROVE, why)

    return _run(sessions, work)


def reject(sessions: sessionmaker, actor: Actor, order_id: int, version: int, reason: str) -> Outcome:
    """Send a held order back to its author as a draft, with the reason."""
    auth.require(actor, "credit.approve")
    why = _need(reason, "order.reject_reason")

    def work(s: Session) -> Outcome:
        order = _locked(s, actor, order_id, version)
        move(s, actor, order, Action.REJECT, reason=why)
        order.status_note = _note(msg("order.note_rejected", reason=why))
        s.flush()
        return Outcome(order.id, order.number, order.status, order.version)

    return _run(sessions, work)


def paid_to(session: Session, order: SalesOrder) -> Decimal:
    """What receipts and returns (of any date) have paid to this confirmed order under the allocation rule."""
    return order.total - ledger.open_amounts(session, order.customer_id, FOREVER).get(order.id, order.total)


def cancel(sessions: sessionmaker, actor: Actor, order_id: int, version: int, reason: str) -> Outcome:
    """作废: a draft or held order at any time; a confirmed one only while nothing is allocated to it."""
    auth.require(actor, "orders.edit")
    why = _need(reason, "order.cancel_reason")

    def work(s: Session) -> Outcome:
        order = _locked(s, actor, order_id, version)
        previous = order.status
        if previous == OrderStatus.CONFIRMED:
            paid = paid_to(s, order)
            if paid > 0:
                raise ValidationError("order.cancel_paid", number=order.number, paid=paid)
            if s.scalar(select(func.count()).select_from(SalesReturn).where(
                    SalesReturn.order_id == order.id, counted(SalesReturn))):
                raise ValidationError("order.cancel_returned", number=order.number)
        move(s, actor, order, Action.CANCEL, reason=why, previous=previous)
        order.status_note, order.cancelled_from = _note(msg("order.note_cancelled", reason=why)), previous
        s.flush()
        return Outcome(order.id, order.number, order.status, order.version)

    return _run(sessions, work)


def uncancel(sessions: sessionmaker, actor: Actor, order_id: int, version: int, today: date | None = None) -> Outcome:
    """恢复 a cancelled order: one that was confirmed goes through the credit check again (ok → confirmed,
    hold → approval queue, block → refused); a draft or held one comes back as a draft, which owes nothing."""
    auth.require(actor, "orders.edit")

    def work(s: Session) -> Outcome:
        order = _locked(s, actor, order_id, version)
        if order.status == OrderStatus.CANCELLED and order.cancelled_from != OrderStatus.CONFIRMED:
            move(s, actor, order, Action.UNCANCEL)
            order.status_note, order.cancelled_from = _note(msg("order.note_restored_draft")), None
            s.flush()
            return Outcome(order.id, order.number, order.status, order.version)
        outcome = _decide(s, actor, order, today or date.today(), Action.UNCANCEL)
        order.cancelled_from = None
        s.flush()
        return outcome

    return _run(sessions, work)


def copy(sessions: sessionmaker, actor: Actor, order_id: int, today: date | None = None) -> Outcome:
    """A new draft dated today with the same customer, handler, lines and prices (no status carried over)."""
    def work(s: Session) -> Outcome:
        source = _order(s, actor, order_id)
        lock_customers(s, source.customer_id)
        data = OrderIn(customer_id=source.customer_id, date=today or date.today(), handler_id=source.handler_id,
                       notes=source.notes, lines=tuple(LineIn(ln.product_id, ln.qty, ln.price, notes=ln.notes)
                                                       for ln in source.lines))
        order = _write(s, actor, data, None)
        move(s, actor, order, Action.SAVE, source=source.number, total=order.total)
        s.flush()
        return Outcome(order.id, order.number, order.status, order.version)

    return _run(sessions, work)


def view(session: Session, actor: Actor, order_id: int) -> OrderView:
    order = _order(session, actor, order_id)
    see_cost = auth.can(actor, "cost.view")
    customer = session.get(Customer, order.customer_id)
    handler = session.get(Salesperson, order.handler_id) if order.handler_id else None
    products = {p.id: p for p in session.scalars(select(Product).where(
        Product.id.in_({ln.product_id for ln in order.lines})))}
    lines = tuple(
        LineView(ln.id, ln.line_no, ln.product_id, products[ln.product_id].code, products[ln.product_id].name,
                 products[ln.product_id].unit, ln.qty, ln.price, ln.amount, ln.unit_cost if see_cost else None,
                 ln.cost if see_cost else None, ln.notes)
        for ln in order.lines
    )
    return OrderView(
        id=order.id, version=order.version, number=order.number, date=order.date, customer_id=order.customer_id,
        customer_code=customer.code, customer_name=customer.name, handler_id=order.handler_id,
        handler_name=handler.name if handler else None, status=order.status, term_days=order.term_days,
        due_date=order.due_date, total=order.total, cost_total=order.cost_total if see_cost else None,
        cash_amount=order.cash_amount, cash_method_id=order.cash_method_id, notes=order.notes,
        status_note=None if order.status_note is None else str(messages.load(order.status_note)), created_by=order.created_by, lines=lines,
    )


# --- prices -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PastPrice:
    date: date
    number: str
    qty: Decimal
    price: Decimal


def price_history(session: Session, actor: Actor, customer_id: int, product_id: int, limit: int = 10) -> list[PastPrice]:
    """This customer's confirmed prices for the product, newest first."""
    visible_customer(session, actor, customer_id)
    q = (
        select(SalesOrder.date, SalesOrder.number, OrderLine.qty, OrderLine.price)
        .join(OrderLine, OrderLine.order_id == SalesOrder.id)
        .where(SalesOrder.customer_id == customer_id, counted(SalesOrder),
               OrderLine.product_id == product_id)
        .order_by(SalesOrder.date.desc(), SalesOrder.number.desc(), OrderLine.line_no)
        .limit(limit)
    )
    return [PastPrice(*row) for row in session.execute(q)]


def default_price(session: Session, actor: Actor, customer_id: int | None, product_id: int) -> tuple[Decimal, str]:
    """(price, where it came from): this customer's last price for the product, else the list price."""
    if customer_id is not None:
        past = price_history(session, actor, customer_id, product_id, limit=1)
        if past:
            return past[0].price, str(msg("order.price_last", date=past[0].date, number=past[0].number))
    price = session.scalar(select(Product.price).where(Product.id == product_id))
    if price is None:
        raise NotFound("order.product_not_found")
    return price, str(msg("order.price_list"))


def cash_method_id(session: Session) -> int | None:
    """The 收款方式 a cash sale uses by default: the entry named 现金, else the first active one."""
    q = select(CodeEntry.id).where(CodeEntry.kind == "payment_method", CodeEntry.active.is_(True))
    return session.scalar(q.where(CodeEntry.name == "现金")) or session.scalar(q.order_by(CodeEntry.sort_order))


# --- the approval queue and the order list -----------------------------------------------------


@dataclass(frozen=True)
class HeldOrder:
    order_id: int
    version: int
    number: str
    date: date
    customer_code: str
    customer_name: str
    handler_name: str | None
    total: Decimal
    created_by: str
    decision: credit.CreditDecision  # checked again now


def held_queue(session: Session, actor: Actor, today: date | None = None) -> list[HeldOrder]:
    """Held orders the actor may see, oldest first, each with the credit check as it stands today (an order dated
    later: on its date) — in a few statements: the orders with their customer and handler in one, and every check
    together (credit.credit_decisions) instead of a dozen statements per order."""
    today = today or date.today()
    handler = aliased(Salesperson)
    q = (select(SalesOrder.id, SalesOrder.version, SalesOrder.number, SalesOrder.date, SalesOrder.customer_id,
                SalesOrder.handler_id, SalesOrder.total, SalesOrder.cash_amount, SalesOrder.created_by,
                Customer.code, Customer.name, Customer.owner_id, handler.name.label("handler_name"))
         .join(Customer, Customer.id == SalesOrder.customer_id)
         .outerjoin(handler, handler.id == SalesOrder.handler_id)
         .where(SalesOrder.status == OrderStatus.HELD)
         .order_by(SalesOrder.date, SalesOrder.number))
    held = [row for row in session.execute(q) if may_see(actor, row.owner_id, row.handler_id)]
    decisions = credit.credit_decisions(session, [
        credit.Check(row.customer_id, row.total, check_date(row.date, today), row.cash_amount) for row in held])
    return [HeldOrder(row.id, row.version, row.number, row.date, row.code, row.name, row.handler_name, row.total,
                      row.created_by, decision) for row, decision in zip(held, decisions, strict=True)]


@dataclass(frozen=True)
class OrderFilter:
    start: date | None = None
    end: date | None = None
    customer_id: int | None = None
    handler_id: int | None = None
    status: str | None = None
    number: str = ""  # part of the order number


@dataclass(frozen=True)
class OrderRow:
    id: int
    number: str
    date: date
    customer_code: str
    customer_name: str
    handler: str | None
    status: str
    total: Decimal
    due_date: date
    created_by: str
    version: int

    @property
    def status_title(self) -> str:
        return STATUS_TITLES[self.status]

    def value(self, key: str) -> object:
        return self.status_title if key == "status" else getattr(self, key)


ORDER_COLUMNS = (("number", "单号"), ("date", "日期"), ("customer_code", "客户编码"), ("customer_name", "客户名称"),
                 ("handler", "经办人"), ("status", "状态"), ("total", "金额"), ("due_date", "到期日"),
                 ("created_by", "录入人"))
SORT_COLUMNS = {"number": SalesOrder.number, "date": SalesOrder.date, "customer_code": Customer.code,
         "customer_name": Customer.name, "handler": Salesperson.name, "status": SalesOrder.status,
         "total": SalesOrder.total, "due_date": SalesOrder.due_date, "created_by": SalesOrder.created_by}


def visible_orders(actor: Actor):  # noqa: ANN201
    """A salesperson sees orders of customers they may see, and orders they handled."""
    if auth.can(actor, "customers.view_all"):
        return None
    owners = [Customer.owner_id.is_(None)]
    if actor.salesperson_id is not None:
        owners += [Customer.owner_id == actor.salesperson_id, SalesOrder.handler_id == actor.salesperson_id]
    return or_(*owners)


def matching_ids(session: Session, actor: Actor, flt: OrderFilter, sort: str | None = None,
                 descending: bool = True) -> list[int]:
    """Ids of the matching orders in display order (newest first unless a column is sorted)."""
    q = list_query(SalesOrder, visible_orders(actor), flt.start, flt.end,
                   ((SalesOrder.customer_id, flt.customer_id), (SalesOrder.handler_id, flt.handler_id),
                    (SalesOrder.status, flt.status)), flt.number, SORT_COLUMNS, sort, descending)
    if sort == "handler":
        q = q.outerjoin(Salesperson, Salesperson.id == SalesOrder.handler_id)
    return first_column(session, q)


def rows(session: Session, ids: Sequence[int]) -> list[OrderRow]:
    if not ids:
        return []
    handler = aliased(Salesperson)
    q = (
        select(SalesOrder.id, SalesOrder.number, SalesOrder.date, Customer.code, Customer.name, handler.name,
               SalesOrder.status, SalesOrder.total, SalesOrder.due_date, SalesOrder.created_by, SalesOrder.version)
        .join(Customer, Customer.id == SalesOrder.customer_id)
        .outerjoin(handler, handler.id == SalesOrder.handler_id)
        .where(SalesOrder.id.in_(list(ids)))
    )
    found = {r[0]: OrderRow(*r) for r in session.execute(q)}
    return [found[i] for i in ids if i in found]

