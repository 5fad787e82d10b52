"""The allocation kept as documents are saved (app.ledger's "kept" rendering): every customer's open orders and money
over all its confirmed documents, and the customers whose documents changed since (marked by database triggers, so
no write — another PC's, a bulk import's, a restore's — can be missed).
"""
from __future__ import annotations

from datetime import date

from sqlalchemy import BigInteger, Date, ForeignKey, Index, Integer, String, event
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base


class OpenItem(Base):
    """A confirmed order that still owes something under the allocation of all its customer's documents."""

    __tablename__ = "open_item"
    __table_args__ = (Index("ix_open_item_due", "due_date", "customer_id", "open"),)

    order_id: Mapped[int] = mapped_column(ForeignKey("sales_order.id", ondelete="CASCADE"), primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id", ondelete="CASCADE"), index=True)
    number: Mapped[str] = mapped_column(String(32))
    date: Mapped[date] = mapped_column(Date)
    due_date: Mapped[date] = mapped_column(Date)
    open: Mapped[int] = mapped_column(BigInteger)  # fen


class CustomerTotals(Base):
    """A customer's confirmed documents summed (fen); a customer without any has no row."""

    __tablename__ = "customer_totals"

    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id", ondelete="CASCADE"), primary_key=True)
    orders: Mapped[int] = mapped_column(BigInteger)
    credits: Mapped[int] = mapped_column(BigInteger)
    unapplied: Mapped[int] = mapped_column(BigInteger)
    last_order: Mapped[date | None] = mapped_column(Date)
    last_document: Mapped[date | None] = mapped_column(Date, index=True)  # the newest document's date (one dated later than an
    # as-of date makes the kept figures wrong for that date: the customer is then computed from its documents)


class MoneyDirty(Base):
    """A customer whose counted documents changed since its kept figures were computed: a log the triggers append to
    (an insert never waits for another PC's), read and emptied when the figures are kept again."""

    __tablename__ = "money_dirty"

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    customer_id: Mapped[int] = mapped_column(BigInteger)


# --- the triggers that mark a customer dirty -------------------------------------------------------------------------
# What the allocation reads: a counted (confirmed) document's customer, status, date, due date, number, amount and the
# order it names, and the manual allocations. A change to a draft or held order marks nothing. An allocation names
# no customer: its receipt's or return's is marked. (A new counted status must be added to COUNTED here too.)

COUNTED = "'confirmed'"
WATCHED = {
    "sales_order": "customer_id, status, date, due_date, number, total",
    "receipt": "customer_id, status, date, number, amount, order_id",
    "sales_return": "customer_id, status, date, number, total, order_id",
}
_OF_ALLOCATION = ("SELECT customer_id FROM receipt WHERE id = {row}.receipt_id "
                  "UNION SELECT customer_id FROM sales_return WHERE id = {row}.return_id")


def sqlite_triggers() -> list[str]:
    out = []
    for table, columns in WATCHED.items():
        def mark(row: str) -> str:
            return (f"INSERT INTO money_dirty (customer_id) SELECT {row}.customer_id "
                    f"WHERE {row}.status IN ({COUNTED});")
        out += [
            f"CREATE TRIGGER IF NOT EXISTS money_{table}_ins AFTER INSERT ON {table} BEGIN {mark('NEW')} END",
            f"CREATE TRIGGER IF NOT EXISTS money_{table}_upd AFTER UPDATE OF {columns} ON {table} "
            f"BEGIN {mark('NEW')} {mark('OLD')} END",
            f"CREATE TRIGGER IF NOT EXISTS money_{table}_del AFTER DELETE ON {table} BEGIN {mark('OLD')} END",
        ]

    def of_allocation(row: str) -> str:
        return f"INSERT INTO money_dirty (customer_id) {_OF_ALLOCATION.format(row=row)};"
    out += [
        f"CREATE TRIGGER IF NOT EXISTS money_allocation_ins AFTER INSERT ON allocation BEGIN {of_allocation('NEW')} END",
        "CREATE TRIGGER IF NOT EXISTS money_allocation_upd AFTER UPDATE ON allocation "
        f"BEGIN {of_allocation('NEW')} {of_allocation('OLD')} END",
        f"CREATE TRIGGER IF NOT EXISTS money_allocation_del AFTER DELETE ON allocation BEGIN {of_allocation('OLD')} END",
    ]
    return out


def postgresql_triggers() -> list[str]:
    def marks(row: str) -> str:
        return (f"IF TG_TABLE_NAME = 'allocation' THEN "
                f"INSERT INTO money_dirty (customer_id) {_OF_ALLOCATION.format(row=row)}; "
                f"ELSIF {row}.status IN ({COUNTED}) THEN "
                f"INSERT INTO money_dirty (customer_id) VALUES ({row}.customer_id); END IF;")
    out = [
        "CREATE OR REPLACE FUNCTION money_mark_dirty() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"IF TG_OP IN ('INSERT', 'UPDATE') THEN {marks('NEW')} END IF; "
        f"IF TG_OP IN ('UPDATE', 'DELETE') THEN {marks('OLD')} END IF; "
        "RETURN NULL; END $$",
    ]
    for table, columns in (*WATCHED.items(), ("allocation", None)):
        update = f"UPDATE OF {columns}" if columns else "UPDATE"
        out += [f"DROP TRIGGER IF EXISTS money_{table} ON {table}",
                f"CREATE TRIGGER money_{table} AFTER INSERT OR DELETE OR {update} ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION money_mark_dirty()"]
    return out


def _create_triggers(target: object, connection: object, **_kw: object) -> None:
    dialect = connection.dialect.name  # type: ignore[attr-defined]
    statements = sqlite_triggers() if dialect == "sqlite" else postgresql_triggers() if dialect == "postgresql" else []
    for statement in statements:
        connection.exec_driver_sql(statement)  # type: ignore[attr-defined]


# create_all (tests, a new database) makes them once every table exists; the migration makes them in an old one
event.listen(Base.metadata, "after_create", _create_triggers)
