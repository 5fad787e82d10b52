"""Small explicit datasets for core tests: a product, customers and documents with round numbers."""
from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_DOWN, Decimal

from sqlalchemy.orm import Session

from app.customers import new_customer
from app.documents import LineIn, add_order, add_receipt, add_return
from models import Allocation, Customer, Product, SalesOrder

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

    def write_plan(self, customers: list[Customer], start: date, plan: list, flush_each: bool = False) -> None:
        """The documents a hypothesis plan describes: (kind, customer index, day offset, amount, which earlier order,
        name it?) with kind order / receipt / return / cancel (that order) / alloc (a receipt allocated by hand, in
        part, to that order)."""
        orders: dict[int, list[SalesOrder]] = {n: [] for n in range(len(customers))}
        for kind, ci, day, amount, pick, named in plan:
            c, on = customers[ci], start + timedelta(days=day)
            target = orders[ci][pick % len(orders[ci])] if orders[ci] and named else None
            if kind == "order":
                orders[ci].append(self.order(c, on, amount))
            elif kind == "receipt":
                self.receipt(c, on, amount, order=target)
            elif kind == "return":
                self.ret(c, on, amount, order=target)
            elif kind == "cancel" and target is not None:
                target.status = "cancelled"
            elif kind == "alloc" and target is not None:
                r = self.receipt(c, on, amount)
                half = max((D(amount) / 2).quantize(D("0.01"), rounding=ROUND_DOWN), D("0.01"))
                self.s.add(Allocation(receipt_id=r.id, order_id=target.id, amount=half))
            if flush_each:
                self.s.flush()
        self.s.flush()
