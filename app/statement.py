"""对账单: opening balance, every document of the period with a running balance, closing balance."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import literal, select, union_all
from sqlalchemy.orm import Session

from app.errors import ValidationError
from app.ledger import position
from app.statuses import counted
from models import Customer, Receipt, SalesOrder, SalesReturn

KIND_TITLES = {"order": "销售单", "return": "退货单", "receipt": "收款单"}  # Chinese; the interface translates them


@dataclass(frozen=True)
class StatementLine:
    date: date
    kind: str  # order | return | receipt
    number: str
    debit: Decimal  # what the customer owes more
    credit: Decimal  # what the customer paid or was credited
    balance: Decimal  # running balance after this line
    notes: str | None


@dataclass(frozen=True)
class Statement:
    customer_code: str
    customer_name: str
    start: date
    end: date
    opening: Decimal
    lines: tuple[StatementLine, ...]
    closing: Decimal
    total_debit: Decimal
    total_credit: Decimal


def statement(session: Session, customer_id: int, start: date, end: date) -> Statement:
    if start > end:
        raise ValidationError("statement.period_order")
    customer = session.get(Customer, customer_id)
    if customer is None:
        raise ValidationError("customer.missing")
    opening = position(session, customer_id, start - timedelta(days=1)).balance
    docs = union_all(
        select(SalesOrder.date, literal("order").label("kind"), literal(0).label("seq"), SalesOrder.number, SalesOrder.total.label("amount"),
               SalesOrder.notes).where(SalesOrder.customer_id == customer_id, counted(SalesOrder),
                                       SalesOrder.date.between(start, end)),
        select(SalesReturn.date, literal("return"), literal(1), SalesReturn.number, SalesReturn.total, SalesReturn.notes).where(
            SalesReturn.customer_id == customer_id, counted(SalesReturn),
            SalesReturn.date.between(start, end)),
        select(Receipt.date, literal("receipt"), literal(2), Receipt.number, Receipt.amount, Receipt.notes).where(
            Receipt.customer_id == customer_id, counted(Receipt), Receipt.date.between(start, end)),
    ).subquery()
    rows = session.execute(select(docs).order_by(docs.c.date, docs.c.number)).all()  # CONTRACT.md: date, then number
    balance, lines = opening, []
    zero = Decimal("0.00")
    total_debit = total_credit = zero
    for d, kind, _seq, number, amount, notes in rows:
        amount = Decimal(amount)
        debit, credit = (amount, zero) if kind == "order" else (zero, amount)
        balance += debit - credit
        total_debit += debit
        total_credit += credit
        lines.append(StatementLine(d, kind, number, debit, credit, balance, notes))
    return Statement(
        customer_code=customer.code, customer_name=customer.name, start=start, end=end, opening=opening,
        lines=tuple(lines), closing=balance, total_debit=total_debit, total_credit=total_credit,
    )
