"""销售退货 use cases: a return against an order (its lines, at most what was sold less earlier returns, at the
order's price and cost) or a free-standing one; cancelling it."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from app import auth, numbers, validate
from app import settings as app_settings
from app.changes import Changes, changed
from app.context import Actor
from app.customer_list import visible_to
from app.customer_service import visible_customer
from app.db import first_column
from app.documents import LineIn, build_lines, line_amount, list_query
from app.errors import ConflictError, NotFound, PermissionDenied, ValidationError
from app.messages import msg
from app.statuses import counted, is_counted
from app.workflow import Action, lock_customers, move
from models import Customer, OrderLine, Product, ReturnLine, SalesOrder, Salesperson, SalesReturn

STATUS_TITLES = {"confirmed": "已确认", "cancelled": "已作废"}


@dataclass(frozen=True)
class ReturnLineIn:
    product_id: int
    qty: Decimal
    price: Decimal
    order_line_id: int | None = None  # the order line given back (returns against an order)
    notes: str | None = None


@dataclass(frozen=True)
class ReturnIn:
    customer_id: int
    date: date
    lines: tuple[ReturnLineIn, ...]
    order_id: int | None = None
    handler_id: int | None = None
    notes: str | None = None


@dataclass(frozen=True)
class Returnable:
    order_line_id: int
    line_no: int
    product_id: int
    product_code: str
    product_name: str
    unit: str | None
    sold: Decimal
    returned: Decimal  # by confirmed returns so far
    price: Decimal

    @property
    def left(self) -> Decimal:
        return self.sold - self.returned


def returnable(session: Session, actor: Actor, order_id: int, except_return_id: int | None = None) -> list[Returnable]:
    """The lines of a confirmed order with what can still be given back."""
    order = session.get(SalesOrder, order_id)
    if order is None:
        raise NotFound("order.not_found")
    visible_customer(session, actor, order.customer_id)
    if not is_counted(order.status):
        raise ValidationError("return.order_not_confirmed")
    given_back = (
        select(ReturnLine.order_line_id, func.sum(ReturnLine.qty).label("qty"))
        .join(SalesReturn, SalesReturn.id == ReturnLine.return_id)
        .where(counted(SalesReturn), SalesReturn.order_id == order_id)
        .group_by(ReturnLine.order_line_id)
    )
    if except_return_id is not None:
        given_back = given_back.where(SalesReturn.id != except_return_id)
    returned: dict[int, Decimal] = {lid: qty for lid, qty in session.execute(given_back)}  # Quantity: Decimal
    q = (
        select(OrderLine.id, OrderLine.line_no, OrderLine.product_id, Product.code, Product.name, Product.unit,
               OrderLine.qty, OrderLine.price)
        .join(Product, Product.id == OrderLine.product_id)
        .where(OrderLine.order_id == order_id)
        .order_by(OrderLine.line_no)
    )
    return [Returnable(lid, no, pid, code, name, unit, qty, returned.get(lid, Decimal("0")), price)
            for lid, no, pid, code, name, unit, qty, price in session.execute(q)]


@dataclass(frozen=True)
class Saved:
    return_id: int
    number: str
    version: int
    status: str = "confirmed"

    @property
    def changes(self) -> Changes:
        return changed("return", "customer", "allocation", ids=[("return", self.return_id)])


def _clean(data: ReturnIn) -> ReturnIn:
    """The values of a return as sent, checked before anything is read: the date, notes, each line's quantity,
    price and notes (refused naming the field, never changed)."""
    lines = []
    for no, line in enumerate(data.lines, start=1):
        validate.quantity(line.qty, validate.on_line(no, validate.field("qty")))
        validate.money(line.price, validate.on_line(no, validate.field("price")))
        notes = validate.text(line.notes, validate.on_line(no, validate.field("line_notes")), ReturnLine.notes)
        lines.append(replace(line, notes=notes))
    return replace(data, date=validate.day(data.date, validate.field("date")), lines=tuple(lines),
                   notes=validate.text(data.notes, validate.field("notes"), SalesReturn.notes, multiline=True))


def _qty(value: Decimal) -> str:
    return f"{value.normalize():f}"


def _against_order(s: Session, actor: Actor, data: ReturnIn) -> tuple[list[LineIn], list[int | None]]:
    """The lines of a return against an order: each a line of that order, at most what is left of it, at most the
    price it was sold at, at the cost it was sold at (the server's, never the client's)."""
    order = validate.reference(s, SalesOrder, data.order_id, validate.field("order"), required=True)
    assert order is not None
    if order.customer_id != data.customer_id:
        raise ValidationError("return.order_of_other_customer")
    if data.date < order.date:
        raise ValidationError("return.before_order", date=order.date)
    left = {r.order_line_id: r for r in returnable(s, actor, order.id)}
    cost = {ln.id: ln.unit_cost for ln in order.lines}
    asked: dict[int, Decimal] = {}
    for no, line in enumerate(data.lines, start=1):
        if line.order_line_id not in left:
            raise ValidationError("return.line_not_in_order")
        sold = left[line.order_line_id]
        if line.price > sold.price:
            raise ValidationError("return.price_above_sale", line=no, product=sold.product_name, price=sold.price)
        asked[line.order_line_id] = asked.get(line.order_line_id, Decimal("0")) + line.qty
    for lid, qty in asked.items():
        if qty > left[lid].left:
            r = left[lid]
            raise ValidationError("return.too_much", product=r.product_name, left=_qty(r.left), sold=_qty(r.sold),
                                  returned=_qty(r.returned), qty=_qty(qty))
    lines = [LineIn(left[ln.order_line_id].product_id, ln.qty, ln.price, cost[ln.order_line_id], ln.notes)
             for ln in data.lines]
    return lines, [ln.order_line_id for ln in data.lines]


def _bought(s: Session, customer_id: int, product_id: int) -> tuple[Decimal, Decimal, Decimal | None]:
    """(quantity bought, quantity given back, the last price paid) of a product by a customer: confirmed documents
    of any date."""
    bought = s.scalar(select(func.coalesce(func.sum(OrderLine.qty), 0)).join(SalesOrder).where(
        SalesOrder.customer_id == customer_id, counted(SalesOrder), OrderLine.product_id == product_id))
    returned = s.scalar(select(func.coalesce(func.sum(ReturnLine.qty), 0)).join(SalesReturn).where(
        SalesReturn.customer_id == customer_id, counted(SalesReturn), ReturnLine.product_id == product_id))
    last = s.scalar(select(OrderLine.price).join(SalesOrder).where(
        SalesOrder.customer_id == customer_id, counted(SalesOrder), OrderLine.product_id == product_id)
        .order_by(SalesOrder.date.desc(), SalesOrder.id.desc(), OrderLine.line_no.desc()).limit(1))
    return Decimal(bought or 0), Decimal(returned or 0), last


def _free_standing(s: Session, actor: Actor, data: ReturnIn) -> tuple[list[LineIn], list[int | None]]:
    """The lines of a return without an order. A salesperson gives back only what the customer bought and has not
    returned, at most at the last price the customer paid, up to the return approval limit; above that (or for
    goods the customer never bought here, opening stock) the sales manager or an administrator records it."""
    if any(line.order_line_id is not None for line in data.lines):
        raise ValidationError("return.line_without_order")
    products = {}
    for no, line in enumerate(data.lines, start=1):
        product = validate.reference(s, Product, line.product_id, validate.on_line(no, validate.field("product")),
                                     required=True)
        assert product is not None
        products[no] = product
    lines = [LineIn(line.product_id, line.qty, line.price, None, line.notes) for line in data.lines]
    if auth.can(actor, "credit.approve"):
        return lines, [None] * len(lines)
    asked: dict[int, Decimal] = {}
    total = Decimal("0")
    for no, line in enumerate(data.lines, start=1):
        bought, returned, last = _bought(s, data.customer_id, line.product_id)
        if last is None:
            raise ValidationError("return.never_sold", line=no, product=products[no].name)
        if line.price > last:
            raise ValidationError("return.free_price_above", line=no, product=products[no].name, price=last)
        asked[line.product_id] = asked.get(line.product_id, Decimal("0")) + line.qty
        if asked[line.product_id] > bought - returned:
            raise ValidationError("return.free_too_much", product=products[no].name, bought=_qty(bought),
                                  returned=_qty(returned), left=_qty(bought - returned),
                                  qty=_qty(asked[line.product_id]))
        total += line_amount(line.qty, line.price)
    limit = app_settings.load(s).return_approval_limit
    if total > limit:
        raise PermissionDenied("return.needs_approver", total=f"{total:,.2f}", limit=f"{limit:,.2f}")
    return lines, [None] * len(lines)


def add(sessions: sessionmaker, actor: Actor, data: ReturnIn) -> Saved:
    """Save a confirmed return: it credits the customer on its date and, against an order, pays that order first.
    The customer is locked first, so two PCs cannot give back more than was sold."""
    auth.require(actor, "orders.edit")
    data = _clean(data)
    with sessions.begin() as s:
        validate.reference(s, Customer, data.customer_id, validate.field("customer"), required=True)
        lock_customers(s, data.customer_id)
        visible_customer(s, actor, data.customer_id)
        validate.reference(s, Salesperson, data.handler_id, validate.field("handler"))
        if data.order_id is not None:
            lines, links = _against_order(s, actor, data)
        else:
            lines, links = _free_standing(s, actor, data)
        built, total, cost_total = build_lines(s, lines, ReturnLine)
        for line, link in zip(built, links, strict=True):
            line.order_line_id = link
        ret = SalesReturn(number=numbers.next_number(s, numbers.RETURN, data.date), date=data.date,
                          customer_id=data.customer_id, order_id=data.order_id, handler_id=data.handler_id,
                          status=None, total=total, cost_total=cost_total, notes=data.notes,
                          created_by=actor.login, lines=built)
        s.add(ret)
        move(s, actor, ret, Action.RECORD, created=True, total=total, order_id=data.order_id)
        return Saved(ret.id, ret.number, ret.version, ret.status)


def cancel(sessions: sessionmaker, actor: Actor, return_id: int, version: int, reason: str) -> Saved:
    auth.require(actor, "orders.edit")
    if not (reason or "").strip():
        raise ValidationError("return.cancel_reason")
    reason = validate.text(reason, validate.field("reason"), 500, multiline=True) or ""
    try:
        with sessions.begin() as s:
            customer_id = s.scalar(select(SalesReturn.customer_id).where(SalesReturn.id == return_id))
            if customer_id is None:
                raise NotFound("return.not_found")
            lock_customers(s, customer_id)
            ret = s.get(SalesReturn, return_id, populate_existing=True)
            assert ret is not None
            visible_customer(s, actor, ret.customer_id)
            if ret.version != version:
                raise validate.stale(s, "sales_return", ret.id, msg("validate.what.return", number=ret.number),
                                     "return.stale")
            move(s, actor, ret, Action.CANCEL, reason=reason.strip())
            ret.notes = str(msg("receipt.cancelled_note", notes=ret.notes or "", reason=reason.strip())
                            if ret.notes else msg("receipt.cancelled_reason", reason=reason.strip()))
            s.flush()
            return Saved(ret.id, ret.number, ret.version, ret.status)
    except StaleDataError:
        raise ConflictError("return.stale") from None


# --- the return list -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ReturnFilter:
    start: date | None = None
    end: date | None = None
    customer_id: int | None = None
    status: str | None = None
    number: str = ""


@dataclass(frozen=True)
class ReturnRow:
    id: int
    number: str
    date: date
    customer_code: str
    customer_name: str
    order_number: str | None
    handler: str | None
    status: str
    total: Decimal
    created_by: str
    notes: str | None
    version: int

    def value(self, key: str) -> object:
        return STATUS_TITLES.get(self.status, self.status) if key == "status" else getattr(self, key)


RETURN_COLUMNS = (("number", "退货单号"), ("date", "日期"), ("customer_code", "客户编码"), ("customer_name", "客户名称"),
                  ("order_number", "原销售单"), ("handler", "经办人"), ("status", "状态"), ("total", "金额"),
                  ("created_by", "录入人"), ("notes", "备注"))
SORT_COLUMNS = {"number": SalesReturn.number, "date": SalesReturn.date, "customer_code": Customer.code,
         "customer_name": Customer.name, "status": SalesReturn.status, "total": SalesReturn.total,
         "created_by": SalesReturn.created_by}


def matching_ids(session: Session, actor: Actor, flt: ReturnFilter, sort: str | None = None,
                 descending: bool = True) -> list[int]:
    equals = ((SalesReturn.customer_id, flt.customer_id), (SalesReturn.status, flt.status))
    q = list_query(SalesReturn, visible_to(actor), flt.start, flt.end, equals, flt.number, SORT_COLUMNS, sort,
                   descending)
    return first_column(session, q)


def rows(session: Session, ids: Sequence[int]) -> list[ReturnRow]:
    if not ids:
        return []
    handler = aliased(Salesperson)
    q = (
        select(SalesReturn.id, SalesReturn.number, SalesReturn.date, Customer.code, Customer.name, SalesOrder.number,
               handler.name, SalesReturn.status, SalesReturn.total, SalesReturn.created_by, SalesReturn.notes,
               SalesReturn.version)
        .join(Customer, Customer.id == SalesReturn.customer_id)
        .outerjoin(SalesOrder, SalesOrder.id == SalesReturn.order_id)
        .outerjoin(handler, handler.id == SalesReturn.handler_id)
        .where(SalesReturn.id.in_(list(ids)))
    )
    found = {r[0]: ReturnRow(*r) for r in session.execute(q)}
    return [found[i] for i in ids if i in found]
