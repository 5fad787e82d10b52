"""Small explicit datasets for core tests: a product, customers and documents with round numbers."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from app.customers import new_customer
from app.documents import LineIn, add_order, add_receipt, add_return
from models import Customer, Product, SalesOrder

D = Decimal


class Book:
    """Writes documents for tests; amounts are qty 1 × price, so an order's total is its price."""

    def __init__(self, session: Session) -> None:
        self.s = session
        self.product = Product(code="P001", name="测试商品", cost=D("60.00"), price=D("100.00"))
        session.add(self.product)
        session.flush()
        self._n = 0

    def _number(self, prefix: str) -> str:
        self._n += 1
        return f"{prefix}{self._n:04d}"

    def customer(self, code: str = "C001", created: date = date(2025, 1, 1), **kw: object) -> Customer:
        return new_customer(self.s, code=code, name=kw.pop("name", f"客户{code}"), created=created, **kw)  # type: ignore[arg-type]

    def order(self, c: Customer, on: date, amount: str, status: str = "confirmed", number: str | None = None,
              cost: str | None = None) -> SalesOrder:
        line = LineIn(self.product.id, D("1"), D(amount), D(cost) if cost is not None else None)
        return add_order(self.s, number=number or self._number("XS"), date=on, customer_id=c.id, lines=[line],
                         status=status)

    def receipt(self, c: Customer, on: date, amount: str, order: SalesOrder | None = None, number: str | None = None):
        return add_receipt(self.s, number=number or self._number("SK"), date=on, customer_id=c.id, amount=D(amount),
                           order_id=order.id if order else None)

    def ret(self, c: Customer, on: date, amount: str, order: SalesOrder | None = None, number: str | None = None):
        line = LineIn(self.product.id, D("1"), D(amount))
        return add_return(self.s, number=number or self._number("TH"), date=on, customer_id=c.id, lines=[line],
                          order_id=order.id if order else None)
