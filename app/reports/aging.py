"""账龄: open amounts by days past due, per customer, as of a date — with its own reconciliation proof.

The proof holds two independent computations against each other (DOMAIN.md "Aging"): Σ buckets − Σ unapplied of
the aging rows, and Σ orders − Σ receipts − Σ returns summed straight from the document tables. A mistake in the
allocation shows as a proof that does not hold.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from app import ledger
from app.ledger import BUCKET_TITLES, BUCKETS
from app.messages import Message, msg
from app.reports.common import fen
from app.statuses import counted
from app.tables import Column, Table, fen_to_yuan, sort_by_first_column
from models import Customer, OwnerHistory, Receipt, SalesOrder, Salesperson, SalesReturn

MONEY_KEYS = ("balance", *BUCKETS, "unapplied")
ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Reconciliation:
    """The aging proof: Σ buckets − Σ unapplied = Σ balances = Σ orders − Σ receipts − Σ returns dated ≤ on."""

    on: date
    buckets: Decimal
    unapplied: Decimal
    balance: Decimal
    orders: Decimal
    receipts: Decimal
    returns: Decimal

    @property
    def documents(self) -> Decimal:
        return self.orders - self.receipts - self.returns

    @property
    def reconciles(self) -> bool:
        return self.buckets - self.unapplied == self.balance == self.documents

    @property
    def message(self) -> Message:
        return msg("aging.proof", buckets=f"{self.buckets:,.2f}", unapplied=f"{self.unapplied:,.2f}",
                   balance=f"{self.balance:,.2f}", on=self.on, orders=f"{self.orders:,.2f}",
                   receipts=f"{self.receipts:,.2f}", returns=f"{self.returns:,.2f}",
                   documents=f"{self.documents:,.2f}",
                   verdict=msg("aging.proof_holds" if self.reconciles else "aging.proof_fails"))


def document_totals(session: Session, on: date, seen: ColumnElement[bool] | None = None
                    ) -> tuple[Decimal, Decimal, Decimal]:
    """Σ orders, Σ receipts, Σ returns (counted, dated ≤ on) of the customers `seen` selects (None: all), summed
    from the documents themselves — the side of the proof that owes nothing to the allocation."""
    out = []
    for model, amount in ((SalesOrder, SalesOrder.total), (Receipt, Receipt.amount), (SalesReturn, SalesReturn.total)):
        q = select(func.coalesce(func.sum(fen(amount)), 0)).where(counted(model), model.date <= on)
        if seen is not None:
            q = q.join(Customer, Customer.id == model.customer_id).where(seen)
        out.append(fen_to_yuan(session.scalar(q)))
    return out[0], out[1], out[2]


def reconcile(session: Session, on: date, rows: list[dict[str, Any]], seen: ColumnElement[bool] | None = None
              ) -> Reconciliation:
    """The proof of these aging rows (every customer `seen` selects with something open or unapplied)."""
    buckets = sum((r[k] for r in rows for k in BUCKETS), ZERO)
    unapplied = sum((r["unapplied"] for r in rows), ZERO)
    balance = sum((r["balance"] for r in rows), ZERO)
    return Reconciliation(on, buckets, unapplied, balance, *document_totals(session, on, seen))


def reconcile_totals(session: Session, on: date, totals: Mapping[str, Decimal],
                     seen: ColumnElement[bool] | None = None) -> Reconciliation:
    """The proof of aging rows from their totals (yuan by MONEY_KEYS): the same sums as `reconcile`, whole fen added
    exactly, without the rows."""
    buckets = sum((totals[k] for k in BUCKETS), ZERO)
    return Reconciliation(on, buckets, totals["unapplied"], totals["balance"], *document_totals(session, on, seen))


def customer_figures(session: Session, as_of: date, seen: ColumnElement[bool] | None = None
                     ) -> Iterator[tuple[int, str, str, str | None, str | None, tuple[int, ...]]]:
    """(customer_id, code, name, owner_code, owner_name, fen) of each customer with a non-zero open amount or
    unapplied credit as of `as_of`, in no particular order; fen: balance, *buckets, unapplied in integer fen (the
    order of MONEY_KEYS); the owner is the one in force on that date. Read from the driver's rows one at a time."""
    ag = ledger.aging_kept(session, as_of).subquery("ag")  # the allocation kept as documents were saved, where it holds
    owner_on = (  # the owner in force on the as-of date, one indexed lookup per customer
        select(OwnerHistory.salesperson_id)
        .where(OwnerHistory.customer_id == ag.c.customer_id, OwnerHistory.effective <= as_of)
        .order_by(OwnerHistory.effective.desc(), OwnerHistory.id.desc())
        .limit(1)
        .correlate(ag)
        .scalar_subquery()
    )
    q = (
        select(ag.c.customer_id, Customer.code, Customer.name, Salesperson.code, Salesperson.name, ag.c.unapplied,
               *[ag.c[k] for k in BUCKETS])
        .join(Customer, Customer.id == ag.c.customer_id)
        .outerjoin(Salesperson, Salesperson.id == owner_on)
    )
    if seen is not None:
        q = q.where(seen)
    result = session.connection().execute(q)
    try:
        for cid, code, name, owner_code, owner_name, *money in result.cursor:
            unapplied, *buckets = map(int, money)  # a numeric sum reads as a Decimal on PostgreSQL
            open_total = sum(buckets)
            if open_total == 0 and unapplied == 0:
                continue
            yield cid, code, name, owner_code, owner_name, (open_total - unapplied, *buckets, unapplied)
    finally:
        result.close()


def build(session: Session, *, as_of: date, seen: ColumnElement[bool] | None = None) -> Table:
    """One row per customer with a non-zero open amount or unapplied credit. `seen`: a condition on Customer
    restricting the customers (what a salesperson may see); rows also carry customer_id and owner_name, which
    are not columns (the grouped view uses them)."""
    rows = []
    totals_fen = dict.fromkeys(MONEY_KEYS, 0)
    zero = fen_to_yuan(0)
    for cid, code, name, owner_code, owner_name, fen_row in customer_figures(session, as_of, seen):
        for k, v in zip(MONEY_KEYS, fen_row, strict=True):
            totals_fen[k] += v
        row: dict[str, Any] = {"customer_code": code, "customer_name": name, "owner_code": owner_code,
                               "customer_id": cid, "owner_name": owner_name}
        row.update({k: fen_to_yuan(v) if v else zero for k, v in zip(MONEY_KEYS, fen_row, strict=True)})
        rows.append(row)
    totals = {k: fen_to_yuan(v) for k, v in totals_fen.items()}
    proof = reconcile(session, as_of, rows, seen)
    columns = [
        Column("customer_code", "客户编码"), Column("customer_name", "客户名称"), Column("owner_code", "负责销售员"),
        Column("balance", "余额", "money"),
        *[Column(k, BUCKET_TITLES[k], "money") for k in BUCKETS],
        Column("unapplied", "预收款", "money"),
    ]
    return Table(
        report="aging", title="应收账款账龄分析", params={"as_of": as_of}, columns=columns,
        rows=sort_by_first_column(rows, "customer_code"), totals=totals, notes=[str(proof.message)],
        proof=proof,
    )
