"""销售退货 use cases: a return against an order (its lines, at most what was sold less earlier returns, at the
order's price and cost) or a free-standing one; cancelling it."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from app import auth, numbers
from app.changes import Changes, changed
from app.context import Actor
from app.customer_list import visible_to
from app.customer_service import visible_customer
from app.db import first_column
from app.documents import LineIn, build_lines, list_query
from app.errors import ConflictError, NotFound, ValidationError
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

    @property
    def changes(self) -> Changes:
        return changed("return", "customer", "allocation", ids=[("return", self.return_id)])


def add(sessions: sessionmaker, actor: Actor, data: ReturnIn) -> Saved:
    """Save a confirmed return: it credits the customer on its date and, against an order, pays that order first.
    The customer is locked first, so two PCs cannot give back more than was sold."""
    auth.require(actor, "orders.edit")
    with sessions.begin() as s:
        lock_customers(s, data.customer_id)
        visible_customer(s, actor, data.customer_id)
        lines: list[LineIn] = []
        links: list[int | None] = []
        if data.order_id is not None:
            order = s.get(SalesOrder, data.order_id)
            if order is None or order.customer_id != data.customer_id:
                raise ValidationError("return.order_of_other_customer")
            if data.date < order.date:
                raise ValidationError("return.before_order", date=order.date)
            left = {r.order_line_id: r for r in returnable(s, actor, data.order_id)}
            cost = {ln.id: ln.unit_cost for ln in order.lines}
            asked: dict[int, Decimal] = {}
            for line in data.lines:
                if line.order_line_id not in left:
                    raise ValidationError("return.line_not_in_order")
                asked[line.order_line_id] = asked.get(line.order_line_id, Decimal("0")) + line.qty
            for lid, qty in asked.items():
                if qty > left[lid].left:
                    r = left[lid]
                    raise ValidationError("return.too_much", product=r.product_name, left=f"{r.left.normalize():f}",
                                          sold=f"{r.sold.normalize():f}", returned=f"{r.returned.normalize():f}",
                                          qty=f"{qty.normalize():f}")
            for line in data.lines:
                lines.append(LineIn(left[line.order_line_id].product_id, line.qty, line.price,
                                    cost[line.order_line_id], line.notes))
                links.append(line.order_line_id)
        else:
            if any(line.order_line_id is not None for line in data.lines):
                raise ValidationError("return.line_without_order")
            lines = [LineIn(line.product_id, line.qty, line.price, None, line.notes) for line in data.lines]
            links = [None] * len(lines)
        built, total, cost_total = build_lines(s, lines, ReturnLine)
        for line, link in zip(built, links, strict=True):
            line.order_line_id = link
        ret = SalesReturn(number=numbers.next_number(s, numbers.RETURN, data.date), date=data.date,
                          customer_id=data.customer_id, order_id=data.order_id, handler_id=data.handler_id,
                          status=None, total=total, cost_total=cost_total, notes=data.notes,
                          created_by=actor.login, lines=built)
        s.add(ret)
        move(s, actor, ret, Action.RECORD, created=True, total=total, order_id=data.order_id)
        return Saved(ret.id, ret.number, ret.version)


def cancel(sessions: sessionmaker, actor: Actor, return_id: int, version: int, reason: str) -> Saved:
    auth.require(actor, "orders.edit")
    if not (reason or "").strip():
        raise ValidationError("return.cancel_reason")
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
                raise ConflictError("return.stale")
            move(s, actor, ret, Action.CANCEL, reason=reason.strip())
            ret.notes = str(msg("receipt.cancelled_note", notes=ret.notes or "", reason=reason.strip())
                            if ret.notes else msg("receipt.cancelled_reason", reason=reason.strip()))
            s.flush()
            return Saved(ret.id, ret.number, ret.version)
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
