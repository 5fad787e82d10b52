"""销售单 use cases: drafts, confirming through the credit check, the approval queue, cancel and un-cancel, copy.

Every step that raises what a customer owes — confirming, approving, un-cancelling — runs
`credit.credit_decision` inside its own transaction, so no path around the check exists: a copy is a
new draft, an edited held order goes back to draft, and an approval names the version it approved.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, aliased, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from app import auth, credit, ledger, numbers
from app.context import Actor, audit
from app.customer_service import visible_customer
from app.customers import credit_terms_on
from app.db import first_column
from app.documents import LineIn, add_receipt, build_lines, list_query
from app.errors import ConflictError, NotFound, PermissionDenied, ValidationError
from models import CodeEntry, Customer, OrderLine, Product, SalesOrder, Salesperson, SalesReturn

ZERO = Decimal("0.00")
FOREVER = date(9999, 12, 31)
STATUS_TITLES = {"draft": "草稿", "held": "待审批", "confirmed": "已确认", "cancelled": "已作废"}
STALE = "该销售单已被其他人修改，请刷新后再操作"


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
    status_note: str | None
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
    def message(self) -> str:
        head = {"draft": "已保存为草稿", "held": "信用检查未通过，已提交经理审批",
                "confirmed": "已确认", "cancelled": "已作废"}[self.status]
        if self.decision is not None and self.decision.decision == credit.BLOCK:
            head = "信用检查禁止销售，单据未确认（已保存为草稿）"
        text = f"销售单 {self.number}：{head}"
        if self.decision is not None and self.decision.reasons:
            text += "\n" + "\n".join(f"· {r.message}" for r in self.decision.reasons)
        if self.receipt_number:
            text += f"\n现款已记收款单 {self.receipt_number}"
        return text


def _money(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"))


def _order(session: Session, actor: Actor, order_id: int, version: int | None = None) -> SalesOrder:
    order = session.get(SalesOrder, order_id)
    if order is None:
        raise NotFound("销售单不存在")
    visible_customer(session, actor, order.customer_id, order.handler_id)
    if version is not None and order.version != version:
        raise ConflictError(STALE)
    return order


def check(session: Session, actor: Actor, customer_id: int, amount: Decimal, on: date,
          cash: Decimal = ZERO) -> credit.CreditDecision:
    """The credit check the form shows before anything is saved (the same one confirming runs)."""
    visible_customer(session, actor, customer_id)
    return credit.credit_decision(session, customer_id, amount, on, cash)


def check_date(order_date: date, today: date) -> date:
    """The check looks at the customer as of the later of the order date and today (a late approval sees the
    payments received meanwhile)."""
    return max(order_date, today)


def _validate(data: OrderIn) -> None:
    if data.cash_amount < 0:
        raise ValidationError("现款金额不能为负数")
    if data.cash_amount and data.cash_amount != data.cash_amount.quantize(Decimal("0.01")):
        raise ValidationError("金额最多到分")


def _write(session: Session, actor: Actor, data: OrderIn, order: SalesOrder | None) -> SalesOrder:
    """Create the order or replace a draft's contents; the caller decides the status."""
    auth.require(actor, "orders.edit")
    _validate(data)
    visible_customer(session, actor, data.customer_id)  # naming oneself handler opens no other customer
    built, total, cost_total = build_lines(session, data.lines, OrderLine)
    if data.cash_amount > total:
        raise ValidationError(f"现款 {data.cash_amount} 元不能超过订单金额 {total} 元")
    term, _limit = credit_terms_on(session, data.customer_id, data.date)
    if order is None:
        order = SalesOrder(number=numbers.next_number(session, numbers.ORDER, data.date), created_by=actor.login,
                           created_at=datetime.now(), status="draft")
        session.add(order)
    elif order.status not in ("draft", "held"):
        raise ValidationError(f"{STATUS_TITLES[order.status]}的销售单不能修改（已确认的单据用退货更正）")
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


def _cash_receipt(session: Session, actor: Actor, order: SalesOrder) -> str | None:
    if order.cash_amount <= 0:
        return None
    number = numbers.next_number(session, numbers.RECEIPT, order.date)
    add_receipt(session, number=number, date=order.date, customer_id=order.customer_id, amount=order.cash_amount,
                method_id=order.cash_method_id, order_id=order.id, notes=f"随销售单 {order.number} 收现款",
                created_by=actor.login)
    return number


def _decide(session: Session, actor: Actor, order: SalesOrder, today: date, action: str,
            approved_reason: str | None = None) -> Outcome:
    """Run the credit check on the order as it stands and move it: ok → confirmed, hold → held (or confirmed when
    a manager approves), block → draft (not confirmed)."""
    decision = credit.credit_decision(session, order.customer_id, order.total, check_date(order.date, today),
                                      order.cash_amount)
    receipt = None
    detail = {"number": order.number, "total": order.total, "decision": decision.decision,
              "reasons": [r.code for r in decision.reasons], "balance": decision.balance,
              "overdue": decision.overdue, "limit": decision.credit_limit, "exposure": decision.exposure}
    if decision.decision == credit.BLOCK:
        if action == "approve":
            raise ValidationError("信用检查禁止销售，不能审批通过：\n" + "\n".join(r.message for r in decision.reasons))
        order.status, order.status_note = "draft", "禁止销售：" + "；".join(r.message for r in decision.reasons)
    elif decision.decision == credit.HOLD and approved_reason is None:
        order.status, order.status_note = "held", "；".join(r.message for r in decision.reasons)
    else:
        order.status = "confirmed"
        order.status_note = f"审批通过：{approved_reason}" if approved_reason else None
        receipt = _cash_receipt(session, actor, order)
    if approved_reason is not None:
        detail["reason"] = approved_reason
    audit(session, actor, f"order.{action}", "sales_order", order.id, **detail, status=order.status)
    session.flush()
    return Outcome(order.id, order.number, order.status, order.version, decision, receipt)


def _run(sessions: sessionmaker, fn):  # noqa: ANN001, ANN202
    try:
        with sessions.begin() as s:
            return fn(s)
    except StaleDataError:
        raise ConflictError(STALE) from None


def save_draft(sessions: sessionmaker, actor: Actor, data: OrderIn, order_id: int | None = None,
               version: int | None = None) -> Outcome:
    """Save as draft (a held order that is edited goes back to draft and leaves the approval queue)."""
    def work(s: Session) -> Outcome:
        order = None if order_id is None else _order(s, actor, order_id, version)
        was_held = order is not None and order.status == "held"
        order = _write(s, actor, data, order)
        order.status, order.status_note = "draft", "修改后退回草稿，需重新确认" if was_held else None
        audit(s, actor, "order.save", "sales_order", order.id, number=order.number, total=order.total)
        s.flush()
        return Outcome(order.id, order.number, order.status, order.version)

    return _run(sessions, work)


def confirm(sessions: sessionmaker, actor: Actor, data: OrderIn, order_id: int | None = None,
            version: int | None = None, today: date | None = None) -> Outcome:
    """Save and confirm: the credit check decides confirmed, held (approval queue) or blocked (kept as draft)."""
    def work(s: Session) -> Outcome:
        order = None if order_id is None else _order(s, actor, order_id, version)
        order = _write(s, actor, data, order)
        return _decide(s, actor, order, today or date.today(), "confirm")

    return _run(sessions, work)


def approve(sessions: sessionmaker, actor: Actor, order_id: int, version: int, reason: str,
            today: date | None = None) -> Outcome:
    """经理/管理员 approve a held order with a written reason; the check runs again on the order as it is now
    (a block cannot be approved; an order changed since it was opened is refused)."""
    auth.require(actor, "credit.approve")
    if not (reason or "").strip():
        raise ValidationError("请填写审批理由")

    def work(s: Session) -> Outcome:
        order = _order(s, actor, order_id, version)
        if order.status != "held":
            raise ValidationError(f"只有待审批的销售单可以审批（当前：{STATUS_TITLES[order.status]}）")
        return _decide(s, actor, order, today or date.today(), "approve", reason.strip())

    return _run(sessions, work)


def reject(sessions: sessionmaker, actor: Actor, order_id: int, version: int, reason: str) -> Outcome:
    """Send a held order back to its author as a draft, with the reason."""
    auth.require(actor, "credit.approve")
    if not (reason or "").strip():
        raise ValidationError("请填写驳回理由")

    def work(s: Session) -> Outcome:
        order = _order(s, actor, order_id, version)
        if order.status != "held":
            raise ValidationError(f"只有待审批的销售单可以驳回（当前：{STATUS_TITLES[order.status]}）")
        order.status, order.status_note = "draft", f"审批驳回：{reason.strip()}"
        audit(s, actor, "order.reject", "sales_order", order.id, number=order.number, reason=reason.strip())
        s.flush()
        return Outcome(order.id, order.number, order.status, order.version)

    return _run(sessions, work)


def paid_to(session: Session, order: SalesOrder) -> Decimal:
    """What receipts and returns (of any date) have paid to this confirmed order under the allocation rule."""
    orders, credits = ledger.customer_documents(session, order.customer_id, FOREVER)
    result = ledger.allocate(orders, credits)
    return order.total - result.open.get(order.id, order.total)


def cancel(sessions: sessionmaker, actor: Actor, order_id: int, version: int, reason: str) -> Outcome:
    """作废: a draft or held order at any time; a confirmed one only while nothing is allocated to it."""
    auth.require(actor, "orders.edit")
    if not (reason or "").strip():
        raise ValidationError("请填写作废原因")

    def work(s: Session) -> Outcome:
        order = _order(s, actor, order_id, version)
        if order.status == "cancelled":
            raise ValidationError("该销售单已作废")
        if order.status == "confirmed":
            paid = paid_to(s, order)
            if paid > 0:
                raise ValidationError(f"销售单 {order.number} 已核销 {paid} 元（收款或退货），不能作废；"
                                      "请先作废或改核销相关的收款/退货")
            if s.scalar(select(func.count()).select_from(SalesReturn).where(
                    SalesReturn.order_id == order.id, SalesReturn.status == "confirmed")):
                raise ValidationError(f"销售单 {order.number} 有退货单，不能作废")
        previous = order.status
        order.status, order.status_note, order.cancelled_from = "cancelled", f"作废：{reason.strip()}", previous
        audit(s, actor, "order.cancel", "sales_order", order.id, number=order.number, reason=reason.strip(),
              previous=previous)
        s.flush()
        return Outcome(order.id, order.number, order.status, order.version)

    return _run(sessions, work)


def uncancel(sessions: sessionmaker, actor: Actor, order_id: int, version: int, today: date | None = None) -> Outcome:
    """恢复 a cancelled order: one that was confirmed goes through the credit check again (ok → confirmed,
    hold → approval queue, block → refused); a draft or held one comes back as a draft, which owes nothing."""
    auth.require(actor, "orders.edit")

    def work(s: Session) -> Outcome:
        order = _order(s, actor, order_id, version)
        if order.status != "cancelled":
            raise ValidationError("只有已作废的销售单可以恢复")
        visible_customer(s, actor, order.customer_id)
        if order.cancelled_from != "confirmed":
            order.status, order.status_note, order.cancelled_from = "draft", "已恢复为草稿，需重新确认", None
            audit(s, actor, "order.uncancel", "sales_order", order.id, number=order.number, status="draft")
            s.flush()
            return Outcome(order.id, order.number, order.status, order.version)
        order.cancelled_from = None
        outcome = _decide(s, actor, order, today or date.today(), "uncancel")
        if outcome.decision is not None and outcome.decision.decision == credit.BLOCK:
            raise ValidationError("信用检查禁止销售，不能恢复：\n" + "\n".join(r.message for r in outcome.decision.reasons))
        return outcome

    return _run(sessions, work)


def copy(sessions: sessionmaker, actor: Actor, order_id: int, today: date | None = None) -> Outcome:
    """A new draft dated today with the same customer, handler, lines and prices (no status carried over)."""
    def work(s: Session) -> Outcome:
        source = _order(s, actor, order_id)
        data = OrderIn(customer_id=source.customer_id, date=today or date.today(), handler_id=source.handler_id,
                       notes=source.notes, lines=tuple(LineIn(ln.product_id, ln.qty, ln.price, notes=ln.notes)
                                                       for ln in source.lines))
        order = _write(s, actor, data, None)
        audit(s, actor, "order.copy", "sales_order", order.id, number=order.number, source=source.number)
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
        status_note=order.status_note, created_by=order.created_by, lines=lines,
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
        .where(SalesOrder.customer_id == customer_id, SalesOrder.status == "confirmed",
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
            return past[0].price, f"上次价格（{past[0].date:%Y-%m-%d} {past[0].number}）"
    price = session.scalar(select(Product.price).where(Product.id == product_id))
    if price is None:
        raise NotFound("商品不存在")
    return price, "标准售价"


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
    """Held orders, oldest first, each with the credit check as it stands today."""
    today = today or date.today()
    ids = first_column(session, select(SalesOrder.id).where(SalesOrder.status == "held")
                       .order_by(SalesOrder.date, SalesOrder.number))
    # a long queue: every customer's position in one grouped statement instead of one statement per order
    many = ledger.positions(session, today) if len(ids) > 20 else None
    out = []
    for oid in ids:
        try:
            order = _order(session, actor, oid)
        except PermissionDenied:
            continue
        customer = session.get(Customer, order.customer_id)
        handler = session.get(Salesperson, order.handler_id) if order.handler_id else None
        on = check_date(order.date, today)
        pos = many.get(order.customer_id, ledger.NO_POSITION) if many is not None and on == today else None
        decision = credit.credit_decision(session, order.customer_id, order.total, on, order.cash_amount, pos)
        out.append(HeldOrder(order.id, order.version, order.number, order.date, customer.code, customer.name,
                             handler.name if handler else None, order.total, order.created_by, decision))
    return out


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

