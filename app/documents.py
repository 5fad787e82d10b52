"""Adding sales orders, returns and receipts with exact line amounts (no commit: callers own the transaction)."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import ColumnElement, Select, select
from sqlalchemy.orm import Session

from app import validate
from app.customers import credit_terms_on
from app.errors import NotFound, ValidationError
from app.limits import MAX_MONEY, MAX_QTY
from app.messages import Message, msg
from models import Customer, OrderLine, Product, Receipt, ReturnLine, SalesOrder, SalesReturn
from models.types import FEN, MILLI


@dataclass(frozen=True)
class LineIn:
    product_id: int
    qty: Decimal
    price: Decimal
    unit_cost: Decimal | None = None  # None: the product's cost price
    notes: str | None = None


def line_amount(qty: Decimal, price: Decimal) -> Decimal:
    """quantity × unit price, rounded half-up to the fen."""
    return (qty * price).quantize(FEN, rounding=ROUND_HALF_UP)


def _check_money(value: Decimal, field: Message, no: int) -> None:
    if not isinstance(value, Decimal) or not value.is_finite():
        raise ValidationError("document.not_a_number", line=no, field=field)
    if value < 0:
        raise ValidationError("document.negative", line=no, field=field)
    if value > MAX_MONEY:
        raise ValidationError("document.too_big", line=no, field=field, limit=f"{MAX_MONEY:,}")
    if value != value.quantize(FEN):
        raise ValidationError("document.money_places", line=no, field=field)


def _check_line(line: LineIn, no: int) -> None:
    """A line's quantity, price and cost within their fields' ranges (app.limits), or a refusal naming the field:
    never a driver error, never a value quietly changed."""
    qty = msg("document.field_qty")
    if not isinstance(line.qty, Decimal) or not line.qty.is_finite():
        raise ValidationError("document.not_a_number", line=no, field=qty)
    if line.qty <= 0:
        raise ValidationError("document.qty_positive", line=no)
    if line.qty > MAX_QTY:
        raise ValidationError("document.too_big", line=no, field=qty, limit=f"{MAX_QTY:,}")
    if line.qty != line.qty.quantize(MILLI):
        raise ValidationError("document.qty_places", line=no)
    _check_money(line.price, msg("document.field_price"), no)
    if line.unit_cost is not None:
        _check_money(line.unit_cost, msg("document.field_cost"), no)


def lines_below_cost(session: Session, lines: Sequence[LineIn]) -> tuple[int, ...]:
    """Line numbers (from 1) whose unit price is below the product's cost price: the form asks before saving them
    (without showing the cost to a role that may not see it)."""
    ids = {line.product_id for line in lines}
    costs = dict(session.execute(select(Product.id, Product.cost).where(Product.id.in_(ids))).all()) if ids else {}
    return tuple(no for no, line in enumerate(lines, start=1)
                 if line.product_id in costs and line.price < (line.unit_cost if line.unit_cost is not None
                                                               else costs[line.product_id]))


def build_lines(session: Session, lines: Sequence[LineIn], line_cls: type) -> tuple[list, Decimal, Decimal]:
    if not lines:
        raise ValidationError("document.no_lines")
    built, total, cost_total = [], Decimal("0"), Decimal("0")
    ids = {line.product_id for line in lines}
    for no, line in enumerate(lines, start=1):
        if isinstance(line.product_id, bool) or not isinstance(line.product_id, int) or not 0 < line.product_id < 2**63:
            raise NotFound("document.product_not_found", line=no)  # never an id the database cannot compare
    costs: dict[int, Decimal] = dict(session.execute(select(Product.id, Product.cost).where(Product.id.in_(ids))).all())
    for no, line in enumerate(lines, start=1):
        _check_line(line, no)
        notes = validate.text(line.notes, validate.on_line(no, validate.field("line_notes")), line_cls.notes)
        if line.product_id not in costs:
            raise NotFound("document.product_not_found", line=no)
        unit_cost = line.unit_cost if line.unit_cost is not None else costs[line.product_id]
        amount, cost = line_amount(line.qty, line.price), line_amount(line.qty, unit_cost)
        if amount > MAX_MONEY or cost > MAX_MONEY:
            raise ValidationError("document.amount_too_big", line=no, limit=f"{MAX_MONEY:,}")
        built.append(
            line_cls(
                line_no=no, product_id=line.product_id, qty=line.qty, price=line.price,
                unit_cost=unit_cost, amount=amount, cost=cost, notes=notes,
            )
        )
        total += amount
        cost_total += cost
    if total > MAX_MONEY or cost_total > MAX_MONEY:
        raise ValidationError("document.total_too_big", limit=f"{MAX_MONEY:,}")
    return built, total, cost_total


def add_order(
    session: Session,
    *,
    number: str,
    date: date,
    customer_id: int,
    lines: Sequence[LineIn],
    handler_id: int | None = None,
    status: str = "draft",
    notes: str | None = None,
    created_by: str = "",
) -> SalesOrder:
    """An order whose due date uses the customer's credit term in force on the order date."""
    built, total, cost_total = build_lines(session, lines, OrderLine)
    term, _limit = credit_terms_on(session, customer_id, date)
    order = SalesOrder(
        number=number, date=date, customer_id=customer_id, handler_id=handler_id, status=status,
        term_days=term, due_date=date + timedelta(days=term), total=total, cost_total=cost_total,
        notes=notes, created_by=created_by, created_at=datetime.now(), lines=built,
    )
    session.add(order)
    session.flush()
    return order


def add_return(
    session: Session,
    *,
    number: str,
    date: date,
    customer_id: int,
    lines: Sequence[LineIn],
    order_id: int | None = None,
    handler_id: int | None = None,
    notes: str | None = None,
    created_by: str = "",
) -> SalesReturn:
    """A confirmed return: credits the customer and, when it names an order, pays that order first."""
    built, total, cost_total = build_lines(session, lines, ReturnLine)
    ret = SalesReturn(
        number=number, date=date, customer_id=customer_id, order_id=order_id, handler_id=handler_id,
        status="confirmed", total=total, cost_total=cost_total, notes=notes, created_by=created_by, lines=built,
    )
    session.add(ret)
    session.flush()
    return ret


def add_receipt(
    session: Session,
    *,
    number: str,
    date: date,
    customer_id: int,
    amount: Decimal,
    method_id: int | None = None,
    order_id: int | None = None,
    notes: str | None = None,
    created_by: str = "",
) -> Receipt:
    if amount <= 0:
        raise ValidationError("receipt.amount_positive")
    receipt = Receipt(
        number=number, date=date, customer_id=customer_id, amount=amount, method_id=method_id,
        order_id=order_id, status="confirmed", notes=notes, created_by=created_by,
    )
    session.add(receipt)
    session.flush()
    return receipt


def list_query(model: type, seen: ColumnElement[bool] | None, start: date | None, end: date | None,
               equals: Sequence[tuple[Any, object]], number: str, sort_columns: dict[str, Any], sort: str | None,
               descending: bool) -> Select:
    """The ids of a document list (orders, returns, receipts): who may see them, the period, equality filters
    (None: any), part of the number, and the order (a sortable column, else the date; ties by number)."""
    q = select(model.id).join(Customer, Customer.id == model.customer_id)
    conds = [] if seen is None else [seen]
    if start is not None:
        conds.append(model.date >= start)
    if end is not None:
        conds.append(model.date <= end)
    conds += [column == value for column, value in equals if value is not None]
    number = validate.search_text(number).strip()
    if number:
        conds.append(model.number.contains(number.upper(), autoescape=True))
    key = sort_columns.get(sort or "date")
    if key is None:
        raise ValueError(sort)
    order = [key.desc(), model.number.desc()] if descending else [key.asc(), model.number.asc()]
    return q.where(*conds).order_by(*order)
