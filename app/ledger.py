"""Allocation (核销) and aging (账龄) as of a date, exactly as DOMAIN.md states them.

Two implementations of the one rule: `open_items_sql` computes every customer's open orders and
unapplied credit in one SQL statement (for reports over all customers), and `allocate` works through
one customer's documents in Python to say which credit paid which order (for the dossier and
statement). A property test keeps them equal.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import BigInteger, Select, and_, case, exists, func, literal, select, type_coerce, union_all
from sqlalchemy.orm import Session

from models import Allocation, Receipt, SalesOrder, SalesReturn

BUCKETS = ("not_due", "d1_30", "d31_60", "d61_90", "d90_plus")
BUCKET_TITLES = {"not_due": "未到期", "d1_30": "1-30天", "d31_60": "31-60天", "d61_90": "61-90天", "d90_plus": "90天以上"}


def fen(column):  # noqa: ANN001, ANN201
    """A Money column as its raw integer fen, so SQL arithmetic stays in integers."""
    return type_coerce(column, BigInteger)


def _credits(on: date, customer_id: int | None):
    """Every confirmed receipt and return dated ≤ on: (kind, id, customer_id, amount, order_id)."""
    r = select(
        literal("R").label("kind"), Receipt.id, Receipt.customer_id, fen(Receipt.amount).label("amount"),
        Receipt.order_id,
    ).where(Receipt.status == "confirmed", Receipt.date <= on)
    t = select(
        literal("T").label("kind"), SalesReturn.id, SalesReturn.customer_id, fen(SalesReturn.total).label("amount"),
        SalesReturn.order_id,
    ).where(SalesReturn.status == "confirmed", SalesReturn.date <= on)
    if customer_id is not None:
        r = r.where(Receipt.customer_id == customer_id)
        t = t.where(SalesReturn.customer_id == customer_id)
    return union_all(r, t).subquery("credit")


def _named(on: date, customer_id: int | None, credit):
    """(order_id, cap): what credits dated ≤ on name for an order — manual allocations, else the order they name."""
    manual_r = (
        select(Allocation.order_id, fen(Allocation.amount).label("cap"))
        .join(Receipt, Receipt.id == Allocation.receipt_id)
        .where(Receipt.status == "confirmed", Receipt.date <= on)
    )
    manual_t = (
        select(Allocation.order_id, fen(Allocation.amount).label("cap"))
        .join(SalesReturn, SalesReturn.id == Allocation.return_id)
        .where(SalesReturn.status == "confirmed", SalesReturn.date <= on)
    )
    if customer_id is not None:
        manual_r = manual_r.where(Receipt.customer_id == customer_id)
        manual_t = manual_t.where(SalesReturn.customer_id == customer_id)
    has_manual = exists().where(
        case((credit.c.kind == "R", Allocation.receipt_id), else_=Allocation.return_id) == credit.c.id
    )
    by_order = select(credit.c.order_id, credit.c.amount.label("cap")).where(
        credit.c.order_id.is_not(None), ~has_manual
    )
    return union_all(manual_r, manual_t, by_order).subquery("named")


def open_items_sql(on: date, customer_id: int | None = None) -> tuple[Select, Select]:
    """Two selects over amounts in fen.

    items: (customer_id, order_id, number, date, due_date, total, open) for every confirmed order ≤ on;
    pools: (customer_id, orders, credits, unapplied) for every customer with a document ≤ on.
    """
    o = SalesOrder.__table__
    orders_q = select(o.c.id, o.c.customer_id, o.c.number, o.c.date, o.c.due_date, fen(o.c.total).label("total")).where(
        o.c.status == "confirmed", o.c.date <= on
    )
    if customer_id is not None:
        orders_q = orders_q.where(o.c.customer_id == customer_id)
    orders = orders_q.subquery("ord")
    credit = _credits(on, customer_id)
    named = _named(on, customer_id, credit)
    named_sum = select(named.c.order_id, func.sum(named.c.cap).label("cap")).group_by(named.c.order_id).subquery()
    # step 1: what named credits pay each order
    paid1 = case(
        (named_sum.c.cap.is_(None), 0), (named_sum.c.cap >= orders.c.total, orders.c.total), else_=named_sum.c.cap
    )
    step1 = (
        select(
            orders.c.id, orders.c.customer_id, orders.c.number, orders.c.date, orders.c.due_date, orders.c.total,
            (orders.c.total - paid1).label("rem"),
        )
        .select_from(orders.outerjoin(named_sum, named_sum.c.order_id == orders.c.id))
        .subquery("step1")
    )
    credit_sum = (
        select(credit.c.customer_id, func.sum(credit.c.amount).label("credits"))
        .group_by(credit.c.customer_id)
        .subquery()
    )
    order_sum = (
        select(
            step1.c.customer_id,
            func.sum(step1.c.total).label("orders"),
            func.sum(step1.c.total - step1.c.rem).label("paid1"),
            func.sum(step1.c.rem).label("rem"),
        )
        .group_by(step1.c.customer_id)
        .subquery()
    )
    customers = union_all(
        select(credit_sum.c.customer_id), select(order_sum.c.customer_id)
    ).subquery()
    cust_ids = select(customers.c.customer_id).distinct().subquery()
    orders_total = func.coalesce(order_sum.c.orders, 0)
    credits_total = func.coalesce(credit_sum.c.credits, 0)
    pool_expr = credits_total - func.coalesce(order_sum.c.paid1, 0)
    rem_total = func.coalesce(order_sum.c.rem, 0)
    pools = (
        select(
            cust_ids.c.customer_id,
            orders_total.label("orders"),
            credits_total.label("credits"),
            pool_expr.label("pool"),
            case((pool_expr > rem_total, pool_expr - rem_total), else_=0).label("unapplied"),
        )
        .select_from(
            cust_ids.outerjoin(credit_sum, credit_sum.c.customer_id == cust_ids.c.customer_id).outerjoin(
                order_sum, order_sum.c.customer_id == cust_ids.c.customer_id
            )
        )
    )
    pool_sub = pools.subquery("pools")
    # step 2: the pool pays the remaining amounts oldest-due first
    cum = func.sum(step1.c.rem).over(
        partition_by=step1.c.customer_id,
        order_by=(step1.c.due_date, step1.c.date, step1.c.number),
        rows=(None, 0),
    )
    ranked = (
        select(step1, cum.label("cum"))
        .subquery("ranked")
    )
    excess = ranked.c.cum - pool_sub.c.pool
    open_amt = case((excess <= 0, 0), (excess >= ranked.c.rem, ranked.c.rem), else_=excess)
    items = select(
        ranked.c.customer_id, ranked.c.id.label("order_id"), ranked.c.number, ranked.c.date, ranked.c.due_date,
        ranked.c.total, open_amt.label("open"),
    ).join_from(ranked, pool_sub, pool_sub.c.customer_id == ranked.c.customer_id)
    return items, pools


def bucket_bounds(on: date) -> dict[str, date]:
    """Lowest due date still in each bucket: not due ≥ on, 1–30 ≥ on−30, 31–60 ≥ on−60, 61–90 ≥ on−90."""
    return {"not_due": on, "d1_30": on - timedelta(days=30), "d31_60": on - timedelta(days=60),
            "d61_90": on - timedelta(days=90)}


def aging_sql(on: date, customer_id: int | None = None) -> Select:
    """Per customer in fen: orders, credits, unapplied and the five buckets of open amounts."""
    items, pools = open_items_sql(on, customer_id)
    it = items.subquery("items")
    pl = pools.subquery("pl")
    b = bucket_bounds(on)

    def bucket(cond):  # noqa: ANN001, ANN202
        return func.coalesce(func.sum(case((cond, it.c.open), else_=0)), 0)

    per_cust = (
        select(
            it.c.customer_id,
            bucket(it.c.due_date >= b["not_due"]).label("not_due"),
            bucket(and_(it.c.due_date < b["not_due"], it.c.due_date >= b["d1_30"])).label("d1_30"),
            bucket(and_(it.c.due_date < b["d1_30"], it.c.due_date >= b["d31_60"])).label("d31_60"),
            bucket(and_(it.c.due_date < b["d31_60"], it.c.due_date >= b["d61_90"])).label("d61_90"),
            bucket(it.c.due_date < b["d61_90"]).label("d90_plus"),
            func.min(case((it.c.open > 0, it.c.due_date))).label("oldest_open_due"),
        )
        .group_by(it.c.customer_id)
        .subquery("buckets")
    )
    return select(
        pl.c.customer_id, pl.c.orders, pl.c.credits, pl.c.unapplied,
        *[func.coalesce(per_cust.c[k], 0).label(k) for k in BUCKETS],
        per_cust.c.oldest_open_due,
    ).join_from(pl, per_cust, per_cust.c.customer_id == pl.c.customer_id, isouter=True)


@dataclass(frozen=True)
class Position:
    """One customer's money as of a date (Decimal yuan)."""

    balance: Decimal
    overdue: Decimal
    unapplied: Decimal
    buckets: dict[str, Decimal]
    oldest_overdue_days: int | None


def position(session: Session, customer_id: int, on: date) -> Position:
    row = session.execute(aging_sql(on, customer_id)).mappings().first()
    zero = Decimal("0.00")
    if row is None:
        return Position(zero, zero, zero, dict.fromkeys(BUCKETS, zero), None)
    y = {k: (Decimal(row[k]) / 100).quantize(Decimal("0.01")) for k in (*BUCKETS, "unapplied", "orders", "credits")}
    overdue = y["d1_30"] + y["d31_60"] + y["d61_90"] + y["d90_plus"]
    due = row["oldest_open_due"]
    if isinstance(due, str):
        due = date.fromisoformat(due)
    oldest = (on - due).days if due is not None and due < on else None
    return Position(
        balance=y["orders"] - y["credits"], overdue=overdue, unapplied=y["unapplied"],
        buckets={k: y[k] for k in BUCKETS}, oldest_overdue_days=oldest,
    )


# --- one customer, in detail -------------------------------------------------------------------


@dataclass(frozen=True)
class OrderDoc:
    id: int
    number: str
    date: date
    due_date: date
    total: Decimal


@dataclass(frozen=True)
class CreditDoc:
    kind: str  # "R" receipt | "T" return
    id: int
    number: str
    date: date
    amount: Decimal
    named: tuple[tuple[int, Decimal | None], ...] = ()  # (order id, cap; None = up to the whole amount)


@dataclass
class AllocationResult:
    paid: dict[tuple[str, int], list[tuple[int, Decimal]]] = field(default_factory=lambda: defaultdict(list))
    open: dict[int, Decimal] = field(default_factory=dict)
    unapplied: Decimal = Decimal("0.00")
    unapplied_by_credit: dict[tuple[str, int], Decimal] = field(default_factory=dict)


def allocate(orders: list[OrderDoc], credits: list[CreditDoc]) -> AllocationResult:
    """DOMAIN.md allocation over one customer's documents (already restricted to dates ≤ D)."""
    result = AllocationResult()
    owed = {o.id: o.total for o in orders}
    left: dict[tuple[str, int], Decimal] = {}
    for c in sorted(credits, key=lambda c: (c.date, c.number)):
        remaining = c.amount
        for order_id, cap in c.named:  # step 1: the orders a credit names
            if order_id not in owed or remaining <= 0:
                continue
            pay = min(owed[order_id], remaining, cap if cap is not None else remaining)
            if pay > 0:
                owed[order_id] -= pay
                remaining -= pay
                result.paid[(c.kind, c.id)].append((order_id, pay))
        left[(c.kind, c.id)] = remaining
    queue = sorted(orders, key=lambda o: (o.due_date, o.date, o.number))
    for c in sorted(credits, key=lambda c: (c.date, c.number)):  # step 2: oldest-due first
        key = (c.kind, c.id)
        for o in queue:
            if left[key] <= 0:
                break
            pay = min(owed[o.id], left[key])
            if pay > 0:
                owed[o.id] -= pay
                left[key] -= pay
                result.paid[key].append((o.id, pay))
        if left[key] > 0:
            result.unapplied_by_credit[key] = left[key]
    result.open = owed
    result.unapplied = sum(result.unapplied_by_credit.values(), Decimal("0.00"))
    return result


def customer_documents(session: Session, customer_id: int, on: date) -> tuple[list[OrderDoc], list[CreditDoc]]:
    """One customer's confirmed orders and credits dated ≤ on, in the form `allocate` takes."""
    orders = [
        OrderDoc(*row)
        for row in session.execute(
            select(SalesOrder.id, SalesOrder.number, SalesOrder.date, SalesOrder.due_date, SalesOrder.total).where(
                SalesOrder.customer_id == customer_id, SalesOrder.status == "confirmed", SalesOrder.date <= on
            )
        )
    ]
    manual: dict[tuple[str, int], list[tuple[int, Decimal | None]]] = defaultdict(list)
    for rid, tid, oid, amt in session.execute(
        select(Allocation.receipt_id, Allocation.return_id, Allocation.order_id, Allocation.amount)
        .outerjoin(Receipt, Receipt.id == Allocation.receipt_id)
        .outerjoin(SalesReturn, SalesReturn.id == Allocation.return_id)
        .where((Receipt.customer_id == customer_id) | (SalesReturn.customer_id == customer_id))
    ):
        manual[("R", rid) if rid is not None else ("T", tid)].append((oid, amt))
    credits: list[CreditDoc] = []
    for kind, model, amount_col in (("R", Receipt, Receipt.amount), ("T", SalesReturn, SalesReturn.total)):
        for cid, number, d, amount, order_id in session.execute(
            select(model.id, model.number, model.date, amount_col, model.order_id).where(
                model.customer_id == customer_id, model.status == "confirmed", model.date <= on
            )
        ):
            named = manual.get((kind, cid)) or ([(order_id, None)] if order_id is not None else [])
            credits.append(CreditDoc(kind, cid, number, d, amount, tuple(named)))
    return orders, credits
