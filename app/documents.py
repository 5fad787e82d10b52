"""Adding sales orders, returns and receipts with exact line amounts (no commit: callers own the transaction)."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import ColumnElement, Select, select
from sqlalchemy.orm import Session

from app.customers import credit_terms_on
from app.errors import ValidationError
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


def _check_line(line: LineIn) -> None:
    if line.qty <= 0:
        raise ValidationError("数量必须大于 0")
    if line.qty != line.qty.quantize(MILLI):
        raise ValidationError("数量最多 3 位小数")
    if line.price < 0 or (line.unit_cost is not None and line.unit_cost < 0):
        raise ValidationError("单价和成本价不能为负数")


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
        raise ValidationError("单据至少要有一行商品")
    built, total, cost_total = [], Decimal("0"), Decimal("0")
    costs: dict[int, Decimal] = {}
    for no, line in enumerate(lines, start=1):
        _check_line(line)
        unit_cost = line.unit_cost
        if unit_cost is None:
            if line.product_id not in costs:
                product_cost = session.scalar(select(Product.cost).where(Product.id == line.product_id))
                if product_cost is None:
                    raise ValidationError(f"商品不存在：{line.product_id}")
                costs[line.product_id] = product_cost
            unit_cost = costs[line.product_id]
        amount, cost = line_amount(line.qty, line.price), line_amount(line.qty, unit_cost)
        built.append(
            line_cls(
                line_no=no, product_id=line.product_id, qty=line.qty, price=line.price,
                unit_cost=unit_cost, amount=amount, cost=cost, notes=line.notes,
            )
        )
        total += amount
        cost_total += cost
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
        raise ValidationError("收款金额必须大于 0")
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
    if number.strip():
        conds.append(model.number.contains(number.strip().upper(), autoescape=True))
    key = sort_columns.get(sort or "date")
    if key is None:
        raise ValueError(sort)
    order = [key.desc(), model.number.desc()] if descending else [key.asc(), model.number.asc()]
    return q.where(*conds).order_by(*order)
