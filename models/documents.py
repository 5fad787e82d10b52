"""Sales orders, returns, receipts and manual allocations, with their lines."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base
from models.types import Money, Quantity

ORDER_STATUSES = ("draft", "held", "confirmed", "cancelled")
CREDIT_STATUSES = ("confirmed", "cancelled")


class SalesOrder(Base):
    __tablename__ = "sales_order"
    __table_args__ = (
        # covering for aging and per-customer open items (total included so no table lookups are needed)
        Index("ix_sales_order_cust_status_due", "customer_id", "status", "due_date", "date", "number", "total"),
        Index("ix_sales_order_status_date", "status", "date"),
        CheckConstraint("status in ('draft','held','confirmed','cancelled')", name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    date: Mapped[date] = mapped_column(Date)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"))
    handler_id: Mapped[int | None] = mapped_column(ForeignKey("salesperson.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="draft")
    term_days: Mapped[int] = mapped_column(Integer, default=0)
    due_date: Mapped[date] = mapped_column(Date)
    # denormalised sums of the lines, so reports aggregate headers instead of lines
    total: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))
    cost_total: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))
    notes: Mapped[str | None] = mapped_column(Text)
    # 现款: money received with the order; recorded as a receipt naming the order when it is confirmed
    cash_amount: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"), server_default="0")
    cash_method_id: Mapped[int | None] = mapped_column(ForeignKey("code_entry.id"))
    # why it is held, rejected or cancelled (the audit log keeps every step)
    status_note: Mapped[str | None] = mapped_column(Text)
    cancelled_from: Mapped[str | None] = mapped_column(String(16))  # the status an un-cancel goes back to
    created_by: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime | None] = mapped_column(DateTime)
    version: Mapped[int] = mapped_column(Integer, default=1)
    __mapper_args__ = {"version_id_col": version}

    lines: Mapped[list[OrderLine]] = relationship(
        back_populates="order", cascade="all, delete-orphan", order_by="OrderLine.line_no"
    )


class OrderLine(Base):
    __tablename__ = "order_line"
    __table_args__ = (Index("ix_order_line_order", "order_id", "line_no"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("sales_order.id"))
    line_no: Mapped[int] = mapped_column(Integer)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"), index=True)
    qty: Mapped[Decimal] = mapped_column(Quantity)
    price: Mapped[Decimal] = mapped_column(Money)
    unit_cost: Mapped[Decimal] = mapped_column(Money)
    amount: Mapped[Decimal] = mapped_column(Money)  # qty x price, half-up to the fen
    cost: Mapped[Decimal] = mapped_column(Money)  # qty x unit_cost, half-up to the fen
    notes: Mapped[str | None] = mapped_column(String(300))

    order: Mapped[SalesOrder] = relationship(back_populates="lines")


class SalesReturn(Base):
    __tablename__ = "sales_return"
    __table_args__ = (
        Index("ix_sales_return_cust_status_date", "customer_id", "status", "date", "total"),
        Index("ix_sales_return_status_date", "status", "date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    date: Mapped[date] = mapped_column(Date)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"))
    order_id: Mapped[int | None] = mapped_column(ForeignKey("sales_order.id"), index=True)
    handler_id: Mapped[int | None] = mapped_column(ForeignKey("salesperson.id"))
    status: Mapped[str] = mapped_column(String(16), default="confirmed")
    total: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))
    cost_total: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))
    notes: Mapped[str | None] = mapped_column(Text)
    created_by: Mapped[str] = mapped_column(String(64), default="")
    version: Mapped[int] = mapped_column(Integer, default=1)
    __mapper_args__ = {"version_id_col": version}

    lines: Mapped[list[ReturnLine]] = relationship(
        back_populates="sales_return", cascade="all, delete-orphan", order_by="ReturnLine.line_no"
    )


class ReturnLine(Base):
    __tablename__ = "return_line"
    __table_args__ = (Index("ix_return_line_return", "return_id", "line_no"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    return_id: Mapped[int] = mapped_column(ForeignKey("sales_return.id"))
    line_no: Mapped[int] = mapped_column(Integer)
    # the order line it gives back (returns against an order): caps the quantity at what was sold
    order_line_id: Mapped[int | None] = mapped_column(ForeignKey("order_line.id"), index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"), index=True)
    qty: Mapped[Decimal] = mapped_column(Quantity)
    price: Mapped[Decimal] = mapped_column(Money)
    unit_cost: Mapped[Decimal] = mapped_column(Money)
    amount: Mapped[Decimal] = mapped_column(Money)
    cost: Mapped[Decimal] = mapped_column(Money)
    notes: Mapped[str | None] = mapped_column(String(300))

    sales_return: Mapped[SalesReturn] = relationship(back_populates="lines")


class Receipt(Base):
    __tablename__ = "receipt"
    __table_args__ = (
        Index("ix_receipt_cust_status_date", "customer_id", "status", "date", "amount"),
        CheckConstraint("amount > 0", name="positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    date: Mapped[date] = mapped_column(Date)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"))
    amount: Mapped[Decimal] = mapped_column(Money)
    method_id: Mapped[int | None] = mapped_column(ForeignKey("code_entry.id"))
    # the order this receipt names (allocation step 1); manual allocations below replace it
    order_id: Mapped[int | None] = mapped_column(ForeignKey("sales_order.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="confirmed")
    notes: Mapped[str | None] = mapped_column(Text)
    created_by: Mapped[str] = mapped_column(String(64), default="")
    version: Mapped[int] = mapped_column(Integer, default=1)
    __mapper_args__ = {"version_id_col": version}


class Allocation(Base):
    """A manual allocation: this much of a receipt or return pays this order (counts as naming it)."""

    __tablename__ = "allocation"
    __table_args__ = (
        CheckConstraint(
            "(receipt_id IS NULL) <> (return_id IS NULL)", name="one_credit"
        ),
        CheckConstraint("amount > 0", name="positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    receipt_id: Mapped[int | None] = mapped_column(ForeignKey("receipt.id"), index=True)
    return_id: Mapped[int | None] = mapped_column(ForeignKey("sales_return.id"), index=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("sales_order.id"), index=True)
    amount: Mapped[Decimal] = mapped_column(Money)
    created_by: Mapped[str] = mapped_column(String(64), default="")
