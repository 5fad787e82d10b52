"""Customer care: the after-sales follow-ups an order schedules, and each login's put-away reminders."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Date, DateTime, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base
from models.documents import SalesOrder

AFTER_SALES_STEPS = ("week", "month", "quarter", "year")

# The reminders read the orders by due date (due in the next days, due in the last 90 days): an index of their own
# on sales_order, declared here beside the tables of the reminders that need it.
Index("ix_sales_order_status_due_date", SalesOrder.status, SalesOrder.due_date)


class CareTask(Base):
    """售后回访: a follow-up a confirmed order schedules. It is due from `due` until a follow-up of the customer is
    logged on or after that day; `done_on` is the date of the earliest such follow-up (None: still open)."""

    __tablename__ = "care_task"
    __table_args__ = (
        UniqueConstraint("order_id", "step"),
        # the open ones as of a date: done_on IS NULL (or later than the date) and due <= the date
        Index("ix_care_task_done_due", "done_on", "due"),
        Index("ix_care_task_customer_due", "customer_id", "due"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"))
    order_id: Mapped[int] = mapped_column(ForeignKey("sales_order.id"))
    step: Mapped[str] = mapped_column(String(8))  # week | month | quarter | year
    due: Mapped[date] = mapped_column(Date)
    done_on: Mapped[date | None] = mapped_column(Date)
    followup_id: Mapped[int | None] = mapped_column(ForeignKey("follow_up.id"))


class ReminderState(Base):
    """A reminder one login dismissed (until is None) or snoozed until a date, with how bad it was then: it comes
    back when its `level` (an amount in fen, a count) or its `stage` (an aging bucket, over the limit) grows."""

    __tablename__ = "reminder_state"
    __table_args__ = (UniqueConstraint("login", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    login: Mapped[str] = mapped_column(String(64))
    key: Mapped[str] = mapped_column(String(120))  # the reminder's identity: kind and what it is about
    kind: Mapped[str] = mapped_column(String(16))
    until: Mapped[date | None] = mapped_column(Date)
    level: Mapped[int] = mapped_column(BigInteger, default=0)
    stage: Mapped[int] = mapped_column(Integer, default=0)
    at: Mapped[datetime] = mapped_column(DateTime)
