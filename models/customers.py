"""Customers, their contacts, follow-ups and the dated histories (owner, status, blacklist, credit)."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base
from models.types import Money

STATUSES = {"prospect": "潜在", "active": "正常", "suspended": "暂停", "terminated": "终止"}
GRADES = ("A", "B", "C", "D")


class Customer(Base):
    __tablename__ = "customer"
    __table_args__ = (Index("ix_customer_archived_code", "archived", "code"),)  # the list's default order

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    short_name: Mapped[str | None] = mapped_column(String(100))
    # full pinyin of name and short name, space separated syllables, every reading of polyphones
    pinyin: Mapped[str] = mapped_column(Text, default="")
    # 助记码: initials of the name, editable by the user
    mnemonic: Mapped[str] = mapped_column(String(200), default="", index=True)
    mnemonic_edited: Mapped[bool] = mapped_column(Boolean, default=False)
    type_id: Mapped[int | None] = mapped_column(ForeignKey("code_entry.id"), index=True)
    region_id: Mapped[int | None] = mapped_column(ForeignKey("code_entry.id"), index=True)
    industry_id: Mapped[int | None] = mapped_column(ForeignKey("code_entry.id"), index=True)
    address: Mapped[str | None] = mapped_column(String(300))
    bank: Mapped[str | None] = mapped_column(String(200))
    bank_account: Mapped[str | None] = mapped_column(String(64))
    tax_id: Mapped[str | None] = mapped_column(String(64))
    grade: Mapped[str | None] = mapped_column(String(1))  # the grade a user set
    notes: Mapped[str | None] = mapped_column(Text)
    created: Mapped[date] = mapped_column(Date, index=True)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    # The values in force today, copied from the histories (app.customers.sync_current) so that lists
    # over 100,000 customers can filter and sort on them; reports always read the histories.
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("salesperson.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="active", server_default="active", index=True)
    blacklisted: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    term_days: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    credit_limit: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"), server_default="0")
    version: Mapped[int] = mapped_column(Integer, default=1)
    __mapper_args__ = {"version_id_col": version}

    contacts: Mapped[list[Contact]] = relationship(
        back_populates="customer", cascade="all, delete-orphan", order_by="Contact.id"
    )


class Contact(Base):
    __tablename__ = "contact"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    position_id: Mapped[int | None] = mapped_column(ForeignKey("code_entry.id"))
    phone: Mapped[str | None] = mapped_column(String(50), index=True)
    mobile: Mapped[str | None] = mapped_column(String(50), index=True)
    email: Mapped[str | None] = mapped_column(String(200))
    birthday: Mapped[date | None] = mapped_column(Date)
    hobbies: Mapped[str | None] = mapped_column(String(300))
    version: Mapped[int] = mapped_column(Integer, default=1)
    __mapper_args__ = {"version_id_col": version}

    customer: Mapped[Customer] = relationship(back_populates="contacts")


class _History:
    """Common columns: a value takes effect on `effective` and holds until the next row."""

    id: Mapped[int] = mapped_column(primary_key=True)
    effective: Mapped[date] = mapped_column(Date)
    changed_by: Mapped[str] = mapped_column(String(64), default="")
    reason: Mapped[str | None] = mapped_column(String(500))


class OwnerHistory(_History, Base):
    __tablename__ = "owner_history"
    __table_args__ = (Index("ix_owner_history_cust_eff", "customer_id", "effective", "id"),)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"))
    salesperson_id: Mapped[int | None] = mapped_column(ForeignKey("salesperson.id"), index=True)


class StatusHistory(_History, Base):
    __tablename__ = "status_history"
    __table_args__ = (Index("ix_status_history_cust_eff", "customer_id", "effective", "id"),)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"))
    status: Mapped[str] = mapped_column(String(16))


class BlacklistHistory(_History, Base):
    __tablename__ = "blacklist_history"
    __table_args__ = (Index("ix_blacklist_history_cust_eff", "customer_id", "effective", "id"),)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"))
    blacklisted: Mapped[bool] = mapped_column(Boolean)


class CreditHistory(_History, Base):
    __tablename__ = "credit_history"
    __table_args__ = (Index("ix_credit_history_cust_eff", "customer_id", "effective", "id"),)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"))
    term_days: Mapped[int] = mapped_column(Integer)
    credit_limit: Mapped[Decimal] = mapped_column(Money)


class FollowUp(Base):
    __tablename__ = "follow_up"
    __table_args__ = (
        Index("ix_follow_up_customer_date", "customer_id", "date"),  # the last follow-up or visit per customer
        Index("ix_follow_up_date", "date"),  # the lists by week or period
        Index("ix_follow_up_salesperson_date", "salesperson_id", "date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"), index=True)
    date: Mapped[date] = mapped_column(Date)
    method_id: Mapped[int | None] = mapped_column(ForeignKey("code_entry.id"))
    salesperson_id: Mapped[int | None] = mapped_column(ForeignKey("salesperson.id"))
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contact.id"))
    content: Mapped[str] = mapped_column(Text, default="")
    result: Mapped[str | None] = mapped_column(Text)  # what came of it
    next_date: Mapped[date | None] = mapped_column(Date, index=True)
    # a potential customer's first three steps (客户资源管理办法): done on this follow-up
    card_exchanged: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    samples_given: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    company_introduced: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    version: Mapped[int] = mapped_column(Integer, default=1)
    __mapper_args__ = {"version_id_col": version}
