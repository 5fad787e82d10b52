"""Allocation (核销) and aging (账龄) as of a date, exactly as DOMAIN.md states them.

Four renderings of the one rule, kept equal by property tests: `aging_sql` gives every customer's
buckets and unapplied credit in one grouped SQL statement (reports over all customers), `open_items_sql`
gives each order's open amount with window functions (one customer's open items), and `allocate` works
through one customer's documents in Python to say which credit paid which order (dossier, statement), and
`figures` sums the money of the customers in a scope in three grouped passes (reminders, suggested grades).
Nothing outside this module computes an allocation: other modules call the public functions here.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal
from functools import cached_property
from typing import Any, NamedTuple

from sqlalchemy import (
    ColumnElement,
    CompoundSelect,
    Select,
    String,
    and_,
    case,
    delete,
    func,
    insert,
    literal,
    null,
    select,
    true,
    type_coerce,
    union,
    union_all,
)
from sqlalchemy.orm import Session

from app.db import as_date, driver_rows, first_column
from app.reports.common import fen, window_start
from app.statuses import OrderStatus, counted
from models import Allocation, Customer, CustomerTotals, MoneyDirty, OpenItem, Receipt, SalesOrder, SalesReturn
from models.types import fen_to_yuan, to_fen

BUCKETS = ("not_due", "d1_30", "d31_60", "d61_90", "d90_plus")
BUCKET_TITLES = {"not_due": "未到期", "d1_30": "1-30天", "d31_60": "31-60天", "d61_90": "61-90天", "d90_plus": "90天以上"}



Customers = int | Sequence[int] | None  # one customer, some customers, or all


def _only(column: Any, customers: int | Sequence[int]) -> Any:
    """column = the customer, or IN the customers."""
    return column == customers if isinstance(customers, int) else column.in_(list(customers))


def _credits(on: date, customer_id: Customers):
    """Every confirmed receipt and return dated ≤ on: (kind, id, customer_id, amount, order_id)."""
    r = select(
        literal("R").label("kind"), Receipt.id, Receipt.customer_id, fen(Receipt.amount).label("amount"),
        Receipt.order_id,
    ).where(counted(Receipt), Receipt.date <= on)
    t = select(
        literal("T").label("kind"), SalesReturn.id, SalesReturn.customer_id, fen(SalesReturn.total).label("amount"),
        SalesReturn.order_id,
    ).where(counted(SalesReturn), SalesReturn.date <= on)
    if customer_id is not None:
        r = r.where(_only(Receipt.customer_id, customer_id))
        t = t.where(_only(SalesReturn.customer_id, customer_id))
    return union_all(r, t).subquery("credit")


def _caps(on: date, customer_id: Customers, naming: Callable[[Any], list[Any]] | None = None):  # noqa: ANN202
    """(order_id, cap) summed per order: what credits dated ≤ on name for it (allocation step 1).

    Manual allocations name an order for their amount; a credit without manual allocations names its
    `order_id` for its whole amount. NOT IN over the (few) allocated credits is evaluated once, not per credit.
    `naming(model)` narrows the credits without manual allocations further (conditions on Receipt or SalesReturn).
    """
    parts = []
    for model, amount, link in ((Receipt, Receipt.amount, Allocation.receipt_id),
                                (SalesReturn, SalesReturn.total, Allocation.return_id)):
        mine = [] if customer_id is None else [_only(model.customer_id, customer_id)]
        parts.append(select(Allocation.order_id, fen(Allocation.amount).label("cap"))
                     .join(model, model.id == link).where(counted(model), model.date <= on, *mine))
        parts.append(select(model.order_id, fen(amount).label("cap")).where(
            counted(model), model.date <= on, model.order_id.is_not(None), *mine,
            *(naming(model) if naming is not None else []),
            model.id.not_in(select(link).where(link.is_not(None)))))
    named = union_all(*parts).subquery("named")
    return select(named.c.order_id, func.sum(named.c.cap).label("cap")).group_by(named.c.order_id).subquery("cap")


def _step1(on: date, customer_id: Customers):  # noqa: ANN202
    """Confirmed orders dated ≤ on with what step 1 paid (`paid1`) and what remains (`rem`), in fen."""
    o = SalesOrder.__table__
    cap = _caps(on, customer_id)
    total = fen(o.c.total)
    paid1 = case((cap.c.cap.is_(None), 0), (cap.c.cap >= total, total), else_=cap.c.cap)
    q = (
        select(o.c.id, o.c.customer_id, o.c.number, o.c.date, o.c.due_date, total.label("total"),
               paid1.label("paid1"), (total - paid1).label("rem"))
        .select_from(o.outerjoin(cap, cap.c.order_id == o.c.id))
        .where(counted(o), o.c.date <= on)
    )
    return q if customer_id is None else q.where(_only(o.c.customer_id, customer_id))


def bucket_bounds(on: date) -> dict[str, date]:
    """Lowest due date still in each bucket: not due ≥ on, 1–30 ≥ on−30, 31–60 ≥ on−60, 61–90 ≥ on−90."""
    return {"not_due": on, "d1_30": on - timedelta(days=30), "d31_60": on - timedelta(days=60),
            "d61_90": on - timedelta(days=90)}


def bucket_of(days_past_due: int) -> str:
    """The aging bucket of an open amount this many days past due (DOMAIN.md: ≤ 0, 1–30, 31–60, 61–90, > 90)."""
    if days_past_due <= 0:
        return "not_due"
    return "d1_30" if days_past_due <= 30 else "d31_60" if days_past_due <= 60 else \
        "d61_90" if days_past_due <= 90 else "d90_plus"


def _positive(expr):  # noqa: ANN001, ANN202
    return case((expr > 0, expr), else_=0)


def aging_sql(on: date, customer_id: Customers = None) -> Select:
    """Per customer in fen: orders, credits, unapplied and the five buckets of open amounts.

    The pool (step 2) pays the oldest-due orders first, so what stays open among the orders due before a
    date X is max(0, Σ rem of those orders − pool): each bucket is the difference of two such thresholds.
    rem = total − what step 1 paid, so the sums come from three grouped scans added up per customer: the
    orders (no join), the named credits joined to the orders they name, and the credits.
    """
    b = bucket_bounds(on)
    thresholds = (b["not_due"], b["d1_30"], b["d31_60"], b["d61_90"])
    o = SalesOrder.__table__
    total = fen(o.c.total)

    def by_due(amount, sign: int = 1) -> list:  # noqa: ANN001
        return [sign * func.sum(case((o.c.due_date < day, amount), else_=0)) for day in thresholds]

    # every order, no join: sums of totals below each due-date threshold (a covering index scan)
    orders = select(
        o.c.customer_id, func.sum(total), literal(0), literal(0), func.sum(total), *by_due(total),
    ).where(counted(o), o.c.date <= on)
    # step 1, from the named side only: what named credits paid the orders they name
    cap = _caps(on, customer_id)
    paid1 = case((cap.c.cap >= total, total), else_=cap.c.cap)
    named = select(
        o.c.customer_id, literal(0), literal(0), func.sum(paid1), -func.sum(paid1), *by_due(paid1, -1),
    ).join_from(cap, o, o.c.id == cap.c.order_id).where(counted(o), o.c.date <= on)
    # receipts and returns, each grouped on its own (customer, status, date, amount) covering index
    credits = []
    for model, amount in ((Receipt, Receipt.amount), (SalesReturn, SalesReturn.total)):
        q = select(model.customer_id, literal(0), func.sum(fen(amount)), literal(0), *[literal(0)] * 5).where(
            counted(model), model.date <= on)
        if customer_id is not None:
            q = q.where(_only(model.customer_id, customer_id))
        credits.append(q.group_by(model.customer_id))
    if customer_id is not None:
        orders = orders.where(_only(o.c.customer_id, customer_id))
        named = named.where(_only(o.c.customer_id, customer_id))
    keys = ("orders", "credits", "paid1", "c_all", "c0", "c30", "c60", "c90")
    parts = union_all(orders.group_by(o.c.customer_id), named.group_by(o.c.customer_id), *credits).subquery("parts")
    customer, *values = parts.c
    sums = select(customer.label("customer_id"), *[func.sum(v).label(k) for k, v in zip(keys, values, strict=True)])
    per0 = sums.group_by(customer).subquery("per0")
    per = select(
        per0.c.customer_id, per0.c.orders, per0.c.credits, (per0.c.credits - per0.c.paid1).label("pool"),
        per0.c.c_all, per0.c.c0, per0.c.c30, per0.c.c60, per0.c.c90,
    ).subquery("per")
    def still_open(threshold):  # noqa: ANN001, ANN202
        return _positive(threshold - per.c.pool)

    return select(
        per.c.customer_id, per.c.orders, per.c.credits, _positive(per.c.pool - per.c.c_all).label("unapplied"),
        (still_open(per.c.c_all) - still_open(per.c.c0)).label("not_due"),
        (still_open(per.c.c0) - still_open(per.c.c30)).label("d1_30"),
        (still_open(per.c.c30) - still_open(per.c.c60)).label("d31_60"),
        (still_open(per.c.c60) - still_open(per.c.c90)).label("d61_90"),
        still_open(per.c.c90).label("d90_plus"),
    )


def open_items_sql(on: date, customer_id: Customers = None) -> Select:
    """(customer_id, order_id, number, date, due_date, total, open) in fen for every confirmed order ≤ on.

    The pool is each customer's credits less what step 1 paid; it fills the remaining amounts in
    (due date, order date, number) order, so an order's open amount is its running total past the pool.
    """
    st = _step1(on, customer_id).subquery("st")
    credit = _credits(on, customer_id)
    credit_sum = (
        select(credit.c.customer_id, func.sum(credit.c.amount).label("credits"))
        .group_by(credit.c.customer_id).subquery("cs")
    )
    per_cust = dict(partition_by=st.c.customer_id)
    ranked = select(
        st.c.customer_id, st.c.id, st.c.number, st.c.date, st.c.due_date, st.c.total, st.c.rem,
        func.sum(st.c.paid1).over(**per_cust).label("paid_all"),
        func.sum(st.c.rem).over(**per_cust, order_by=(st.c.due_date, st.c.date, st.c.number), rows=(None, 0))
        .label("cum"),
    ).subquery("ranked")
    pool = func.coalesce(credit_sum.c.credits, 0) - ranked.c.paid_all
    excess = ranked.c.cum - pool
    return select(
        ranked.c.customer_id, ranked.c.id.label("order_id"), ranked.c.number, ranked.c.date, ranked.c.due_date,
        ranked.c.total, case((excess <= 0, 0), (excess >= ranked.c.rem, ranked.c.rem), else_=excess).label("open"),
    ).join_from(ranked, credit_sum, credit_sum.c.customer_id == ranked.c.customer_id, isouter=True)


@dataclass(frozen=True)
class Position:
    """One customer's money as of a date (Decimal yuan)."""

    balance: Decimal
    overdue: Decimal
    unapplied: Decimal
    buckets: dict[str, Decimal]
    oldest_overdue_days: int | None


NO_POSITION = Position(Decimal("0.00"), Decimal("0.00"), Decimal("0.00"), dict.fromkeys(BUCKETS, Decimal("0.00")), None)


def _position(row: Any, oldest: int | None = None) -> Position:
    y = {k: fen_to_yuan(row[k]) for k in (*BUCKETS, "unapplied", "orders", "credits")}
    return Position(
        balance=y["orders"] - y["credits"], overdue=y["d1_30"] + y["d31_60"] + y["d61_90"] + y["d90_plus"],
        unapplied=y["unapplied"], buckets={k: y[k] for k in BUCKETS}, oldest_overdue_days=oldest,
    )


def position(session: Session, customer_id: int, on: date, with_oldest: bool = True) -> Position:
    """One customer's money as of `on`: from the kept allocation when it holds for the date (no document dated after
    it, nothing written since it was kept — in this transaction either), else from the documents."""
    kept = _kept_position(session, customer_id, on, with_oldest)
    return kept if kept is not None else position_of_documents(session, customer_id, on, with_oldest)


def position_of_documents(session: Session, customer_id: int, on: date, with_oldest: bool = True) -> Position:
    """position() computed from the customer's documents."""
    row = session.execute(aging_sql(on, customer_id)).mappings().first()
    if row is None:
        return NO_POSITION
    pos = _position(row)
    if pos.overdue > 0 and with_oldest:  # the credit check needs no oldest overdue date
        items = open_items_sql(on, customer_id).subquery()
        due = session.scalar(select(func.min(items.c.due_date)).where(items.c.open > 0))
        pos = replace(pos, oldest_overdue_days=(on - due).days if due is not None and due < on else None)
    return pos


def _kept_position(session: Session, customer_id: int, on: date, with_oldest: bool) -> Position | None:
    """position() from the kept figures; None when they do not hold for this customer on this date."""
    if session.scalar(select(MoneyDirty.id).where(MoneyDirty.customer_id == customer_id).limit(1)) is not None:
        return None  # written since it was kept (by this transaction, or a write without the session hook)
    totals = session.execute(select(CustomerTotals.orders, CustomerTotals.credits, CustomerTotals.unapplied,
                                    CustomerTotals.last_document).where(CustomerTotals.customer_id == customer_id)
                             ).first()
    if totals is None:
        return NO_POSITION  # no confirmed document at all
    orders, credits, unapplied, last = totals
    if as_date(last) > on:
        return None
    sums = session.execute(select(*_open_by_bucket(on), func.min(OpenItem.due_date))
                           .where(OpenItem.customer_id == customer_id)).one()
    pos = _position({**{k: int(v or 0) for k, v in zip(BUCKETS, sums, strict=False)}, "orders": orders,
                     "credits": credits, "unapplied": unapplied})
    oldest = as_date(sums[-1])
    if pos.overdue > 0 and with_oldest and oldest is not None and oldest < on:
        pos = replace(pos, oldest_overdue_days=(on - oldest).days)
    return pos


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
    first_open = 0  # orders before it owe nothing: what they owe only ever falls, so credits never look back
    for c in sorted(credits, key=lambda c: (c.date, c.number)):  # step 2: oldest-due first
        key = (c.kind, c.id)
        while left[key] > 0 and first_open < len(queue):
            o = queue[first_open]
            pay = min(owed[o.id], left[key])
            if pay > 0:
                owed[o.id] -= pay
                left[key] -= pay
                result.paid[key].append((o.id, pay))
            if owed[o.id] <= 0:
                first_open += 1
        if left[key] > 0:
            result.unapplied_by_credit[key] = left[key]
    result.open = owed
    result.unapplied = sum(result.unapplied_by_credit.values(), Decimal("0.00"))
    return result


def customer_documents(session: Session, customer_id: int, on: date) -> tuple[list[OrderDoc], list[CreditDoc]]:
    """One customer's confirmed orders and credits dated ≤ on, in the form `allocate` takes."""
    return documents_of(session, [customer_id], on).get(customer_id, ([], []))


def documents_of(session: Session, customer_ids: Sequence[int], on: date | None = None
                 ) -> dict[int, tuple[list[OrderDoc], list[CreditDoc]]]:
    """{customer: (confirmed orders, credits)} dated ≤ on (None: every date) of some customers, read in one statement
    per kind; a customer without documents is absent."""
    def dated(model: Any) -> list[Any]:
        return [] if on is None else [model.date <= on]

    out: dict[int, tuple[list[OrderDoc], list[CreditDoc]]] = defaultdict(lambda: ([], []))
    for cid, *row in session.execute(
            select(SalesOrder.customer_id, SalesOrder.id, SalesOrder.number, SalesOrder.date, SalesOrder.due_date,
                   SalesOrder.total)
            .where(_only(SalesOrder.customer_id, customer_ids), counted(SalesOrder), *dated(SalesOrder))):
        out[cid][0].append(OrderDoc(*row))
    manual: dict[tuple[str, int], list[tuple[int, Decimal | None]]] = defaultdict(list)
    for rid, tid, oid, amt in session.execute(
        select(Allocation.receipt_id, Allocation.return_id, Allocation.order_id, Allocation.amount)
        .outerjoin(Receipt, Receipt.id == Allocation.receipt_id)
        .outerjoin(SalesReturn, SalesReturn.id == Allocation.return_id)
        .where((_only(Receipt.customer_id, customer_ids)) | (_only(SalesReturn.customer_id, customer_ids)))
    ):
        manual[("R", rid) if rid is not None else ("T", tid)].append((oid, amt))
    for kind, model, amount_col in (("R", Receipt, Receipt.amount), ("T", SalesReturn, SalesReturn.total)):
        for customer, cid, number, d, amount, order_id in session.execute(
            select(model.customer_id, model.id, model.number, model.date, amount_col, model.order_id).where(
                _only(model.customer_id, customer_ids), counted(model), *dated(model))
        ):
            named = manual.get((kind, cid)) or ([(order_id, None)] if order_id is not None else [])
            out[customer][1].append(CreditDoc(kind, cid, number, d, amount, tuple(named)))
    return dict(out)


def open_amounts(session: Session, customer_id: int, on: date) -> dict[int, Decimal]:
    """{order id: what it still owes} for one customer's confirmed orders dated ≤ on (0 when paid)."""
    orders, credits = customer_documents(session, customer_id, on)
    return allocate(orders, credits).open


def oldest_overdue_due(session: Session, on: date, customer_id: Customers = None) -> dict[int, date]:
    """{customer_id: due date of its oldest order still open past due on `on`}, for every customer at once (or the
    ones given).

    `open_items_sql`'s rule (an order is open where the running sum of what step 1 left, oldest due first, passes
    the pool) in one window pass over orders and credits together: open_items_sql joins the credits to the ranked
    orders, which SQLite runs as a nested loop (over 5 minutes at 100,000 customers; this takes 1.5 s).
    """
    st = _step1(on, customer_id).subquery("st")
    cr = _credits(on, customer_id)
    docs = union_all(
        select(st.c.customer_id, st.c.due_date, st.c.date, st.c.number, st.c.rem, st.c.paid1,
               literal(0).label("credit")),
        select(cr.c.customer_id, null(), null(), null(), literal(0), literal(0), cr.c.amount),
    ).subquery("docs")
    per_customer = {"partition_by": docs.c.customer_id}
    ranked = select(
        docs.c.customer_id, docs.c.due_date, docs.c.rem,
        (func.sum(docs.c.credit).over(**per_customer) - func.sum(docs.c.paid1).over(**per_customer)).label("pool"),
        func.sum(docs.c.rem).over(**per_customer, order_by=(docs.c.due_date, docs.c.date, docs.c.number),
                                  rows=(None, 0)).label("cum"),
    ).subquery("ranked")
    q = (select(ranked.c.customer_id, func.min(ranked.c.due_date))
         .where(ranked.c.rem > 0, ranked.c.due_date < on, ranked.c.cum > ranked.c.pool)
         .group_by(ranked.c.customer_id))
    return {cid: due for cid, due in session.execute(q)}


# --- the fourth rendering: grouped figures for the customers in a scope ---------------------------------------------
# At 100,000 customers the statements above for every customer take seconds (aging_sql ~1.2 s, oldest_overdue_due
# ~2.5 s); a login's reminders must come in half a second. So `figures` sums in three grouped passes over the
# customers in a scope (a condition on Customer) — orders, credits, and the credits naming the recent orders — with
# the identity aging_sql rests on: the pool (credits less what named credits paid, step 1) pays the oldest-due orders
# first, so what stays open among the orders due before a day X is
#     max(0, Σ totals of orders due before X − Σ credits + Σ step-1 payments to orders due on or after X).
# Only the orders due in the last 90 days (and those not yet due) need their step-1 payment, except to date a debt
# more than 90 days old. tests/core/test_reminders.py keeps every figure equal to `allocate`, `oldest_overdue_due`
# and `position` on random documents, and benchmarks/reminders.py checks them at 100,000 customers.

ALL: ColumnElement[bool] = true()  # the scope of every customer


def in_scope(column: Any, scope: ColumnElement[bool]) -> ColumnElement[bool]:
    """column (a customer id) names a customer in the scope."""
    return true() if scope is ALL else column.in_(select(Customer.id).where(scope))


def _active_orders(o: Any) -> ColumnElement[bool]:
    """app.statuses.counted, written so that SQLite reads the (customer, status, due date, …, total) covering index in
    customer order instead of the (status, date) index: grouping by customer then needs no sort (0.3 s instead of
    0.4 s for all orders; 20 ms instead of 90 ms for one salesperson's customers)."""
    return o.c.status.concat("") == OrderStatus.CONFIRMED.value


@dataclass
class CustomerMoney:
    """One customer's money as of the date, in fen."""

    orders: int = 0  # Σ confirmed order totals
    credits: int = 0  # Σ receipts and returns
    before: tuple[int, int, int, int] = (0, 0, 0, 0)  # Σ totals of the orders due before D, D−30, D−60, D−90
    named: list[int] = field(default_factory=lambda: [0, 0, 0, 0])  # step-1 payments to orders due ≥ those days
    last_order: date | None = None
    revenue: int = 0  # net revenue in the last 12 months (orders − returns)

    def still_open(self, i: int) -> int:
        """What stays open among the orders due before threshold i (D, D−30, D−60, D−90)."""
        return max(0, self.before[i] - self.credits + self.named[i])

    @property
    def balance(self) -> int:
        return self.orders - self.credits

    @property
    def overdue(self) -> int:
        return self.still_open(0)

    @property
    def not_due(self) -> int:
        return max(0, self.balance) - self.still_open(0)

    @cached_property
    def past_due(self) -> tuple[int, int, int, int]:
        s = [self.still_open(i) for i in range(4)]
        return s[0] - s[1], s[1] - s[2], s[2] - s[3], s[3]

    @cached_property
    def oldest_bucket(self) -> int:
        """1–4: the aging bucket of the oldest overdue amount (0: nothing overdue)."""
        return max((i + 1 for i, v in enumerate(self.past_due) if v > 0), default=0)

    @property
    def before_not_due(self) -> int:
        """Σ remainders of the orders already due less the pool (negative: credit left for the orders not due)."""
        return self.before[0] - self.credits + self.named[0]


@dataclass
class Figures:
    """The grouped passes' results: per customer money, and each recent order's step-1 payment."""

    money: dict[int, CustomerMoney]
    paid1: dict[int, int]  # order id -> what named credits paid it (orders due on or after D − 90, dated ≤ D)
    everyone: bool  # computed for every customer (else for a scope only)


NO_FIGURES = Figures({}, {}, False)


def _thresholds(on: date) -> list[date]:
    b = bucket_bounds(on)
    return [b["not_due"], b["d1_30"], b["d31_60"], b["d61_90"]]


def figures(session: Session, on: date, scope: ColumnElement[bool]) -> Figures:
    """Every customer's money in the scope as of `on` (customers with no document are absent)."""
    o = SalesOrder.__table__
    days = _thresholds(on)
    window = window_start(on, 12)
    total = fen(o.c.total)
    money: dict[int, CustomerMoney] = defaultdict(CustomerMoney)
    orders = (
        select(o.c.customer_id, func.sum(total), *[func.sum(case((o.c.due_date < d, total), else_=0)) for d in days],
               func.max(o.c.date), func.sum(case((o.c.date >= window, total), else_=0)))
        .where(_active_orders(o), o.c.date <= on, in_scope(o.c.customer_id, scope)).group_by(o.c.customer_id)
    )
    for cid, all_, b0, b1, b2, b3, last, revenue in session.connection().execute(orders):
        m = money[cid]
        m.orders, m.before, m.revenue = int(all_), (int(b0), int(b1), int(b2), int(b3)), int(revenue)
        m.last_order = as_date(last)
    for model, amount in ((Receipt, Receipt.amount), (SalesReturn, SalesReturn.total)):
        in_window = func.sum(case((model.date >= window, fen(amount)), else_=0)) if model is SalesReturn else literal(0)
        q = (select(model.customer_id, func.sum(fen(amount)), in_window)
             .where(counted(model), model.date <= on, in_scope(model.customer_id, scope))
             .group_by(model.customer_id))
        for cid, credit, returned in session.connection().execute(q):
            m = money[cid]
            m.credits += int(credit)
            m.revenue -= int(returned)
    paid1: dict[int, int] = {}
    for oid, cid, due, order_total, cap in session.connection().execute(_scoped_caps(on, days[3], scope)):
        pay = min(int(order_total), int(cap))
        paid1[oid] = pay
        due = as_date(due)
        m = money[cid]
        for i, d in enumerate(days):
            if due >= d:
                m.named[i] += pay
    return Figures(dict(money), paid1, scope is ALL)


def _scoped_caps(on: date, since: date | None, scope: ColumnElement[bool]) -> Select:
    """(order id, customer, due date, total, cap) in fen of the confirmed orders of the scope due on or after `since`
    (None: any day), dated ≤ on, that credits dated ≤ on name (`_caps`)."""
    o = SalesOrder.__table__
    if since is None:  # every order of the scope: read the credits by customer, not the orders one by one
        def naming(model: Any) -> list[ColumnElement[bool]]:
            return [in_scope(model.customer_id, scope)]
    else:
        recent = select(o.c.id).where(counted(o), o.c.due_date >= since, o.c.date <= on,
                                      in_scope(o.c.customer_id, scope)).cte("recent")

        def naming(model: Any) -> list[ColumnElement[bool]]:
            return [model.order_id.in_(select(recent.c.id))]
    caps = _caps(on, None, naming)
    return select(o.c.id, o.c.customer_id, o.c.due_date, fen(o.c.total), caps.c.cap).join_from(
        caps, o, o.c.id == caps.c.order_id).where(counted(o), o.c.date <= on, *(
            [] if since is None else [o.c.due_date >= since]), in_scope(o.c.customer_id, scope))


def oldest_overdue_of(session: Session, on: date, money: Figures, scope: ColumnElement[bool], ids: Sequence[int]
                      ) -> dict[int, date]:
    """{customer: due date of its oldest open overdue order} for the customers given (each with something overdue):
    walk the customer's orders already due from the newest back until their remainders cover what is overdue — the
    pool pays the oldest-due first, so the open ones are the newest. Within 90 days past due only the recent orders
    are read; older debts need every order due and what the credits naming them paid."""
    days = _thresholds(on)
    wanted = set(ids)
    old = {cid for cid in ids if money.money[cid].oldest_bucket == 4}
    paid1 = money.paid1
    if old:  # what named credits paid the older orders too
        paid1 = dict(paid1)
        for oid, _cid, _due, total, cap in session.connection().execute(_scoped_caps(on, None, scope)):
            paid1[oid] = min(int(total), int(cap))
    o = SalesOrder.__table__
    since = [] if old else [o.c.due_date >= days[3]]
    # dates as the driver gives them (ISO text on SQLite: they sort the same, and 250,000 need no conversion)
    due_raw = type_coerce(o.c.due_date, String)
    q = (select(o.c.customer_id, due_raw, o.c.id, fen(o.c.total))
         .where(_active_orders(o), o.c.date <= on, o.c.due_date < on, *since, in_scope(o.c.customer_id, scope))
         .order_by(o.c.customer_id, o.c.due_date, o.c.date, o.c.number))  # the covering index's own order
    per_customer: dict[int, list[tuple[Any, int, int]]] = defaultdict(list)
    low: Any = None
    for cid, due, oid, total in session.connection().execute(q):
        if low is None:
            low = days[3].isoformat() if isinstance(due, str) else days[3]
        if cid in wanted and (cid in old or due >= low):
            per_customer[cid].append((due, oid, int(total)))
    found: dict[int, date] = {}
    left = []
    for cid in ids:
        need, covered = money.money[cid].overdue, 0
        for due, oid, total in reversed(per_customer.get(cid, ())):
            covered += total - paid1.get(oid, 0)
            if covered >= need:
                found[cid] = as_date(due)
                break
        else:
            left.append(cid)  # cannot happen when the figures are right; the window statement decides
    for start in range(0, len(left), 900):
        found.update({cid: as_date(d) for cid, d in oldest_overdue_due(session, on, left[start:start + 900]).items()})
    return found


class FallingDue(NamedTuple):
    customer_id: int
    order_id: int
    number: str
    due: date
    open_fen: int


def falling_due(session: Session, on: date, last: date, money: Figures, scope: ColumnElement[bool],
                ids: Sequence[int]) -> list[FallingDue]:
    """The open orders of the customers given falling due from `on` to `last`. The pool left after the orders
    already due pays the others oldest-due first, so an order not yet due owes clamp(left over + Σ remainders up to
    it, 0, its remainder)."""
    candidates = {cid for cid in ids if money.money[cid].not_due > 0}
    if not candidates:
        return []
    o = SalesOrder.__table__
    q = select(o.c.customer_id, o.c.due_date, o.c.date, o.c.number, o.c.id, fen(o.c.total)).where(
        counted(o), o.c.due_date >= on, o.c.due_date <= last, o.c.date <= on, in_scope(o.c.customer_id, scope))
    per_customer: dict[int, list[tuple[date, date, str, int, int]]] = defaultdict(list)
    for cid, due, day, number, oid, total in session.connection().execute(q):
        if cid in candidates:
            per_customer[cid].append((as_date(due), as_date(day), number, oid, int(total)))
    found = []
    for cid, orders in per_customer.items():
        running = money.money[cid].before_not_due
        for due, _day, number, oid, total in sorted(orders):
            remainder = total - money.paid1.get(oid, 0)
            running += remainder
            open_fen = min(max(running, 0), remainder)
            if open_fen > 0:
                found.append(FallingDue(cid, oid, number, due, open_fen))
    return found


# --- the fifth rendering: kept as documents are saved ----------------------------------------------------------------
# `allocate` over all of a customer's documents, run when they change (models.ledger_cache: triggers mark the
# customer, `settle` recomputes it before the writing transaction commits), kept as its open orders and its sums. As
# of a date D on or after a customer's newest document that is the allocation as of D, so "who owes what, due when"
# as of today is read from a few thousand open orders instead of summed over every document (the reminders of a
# login that sees 100,000 customers). A customer with a document dated after D, or marked and not yet kept (a write
# without the session hook), is computed from its documents (`figures`) instead. tests/core/test_ledger_kept.py keeps
# the two equal on random documents and writes.

KEEP_CHUNK = 500  # customers per read of their documents
LIVE_LIMIT = 2_000  # more customers than this to compute from their documents: compute everyone that way


def keep(session: Session, customer_ids: Iterable[int]) -> None:
    """Recompute the kept open orders and sums of these customers from all their documents."""
    ids = sorted(set(customer_ids))
    for start in range(0, len(ids), KEEP_CHUNK):
        chunk = ids[start:start + KEEP_CHUNK]
        docs = documents_of(session, chunk)
        session.execute(delete(OpenItem).where(OpenItem.customer_id.in_(chunk)))
        session.execute(delete(CustomerTotals).where(CustomerTotals.customer_id.in_(chunk)))
        items, sums = [], []
        for cid, (orders, credits) in docs.items():
            result = allocate(orders, credits)
            items += [{"order_id": o.id, "customer_id": cid, "number": o.number, "date": o.date,
                       "due_date": o.due_date, "open": to_fen(result.open[o.id])}
                      for o in orders if result.open[o.id] > 0]
            sums.append({"customer_id": cid, "orders": sum(to_fen(o.total) for o in orders),
                         "credits": sum(to_fen(c.amount) for c in credits), "unapplied": to_fen(result.unapplied),
                         "last_order": max((o.date for o in orders), default=None),
                         "last_document": max(d.date for d in (*orders, *credits))})
        if items:
            session.execute(insert(OpenItem), items)
        if sums:
            session.execute(insert(CustomerTotals), sums)


def settle(session: Session) -> int:
    """Keep the figures of the customers marked since, in the caller's transaction, and clear their marks; how many
    customers were kept. On PostgreSQL the customers are locked first (in id order, as every writer does), so two
    PCs keeping the same customer one after the other each see what the other committed."""
    marks = session.execute(select(MoneyDirty.id, MoneyDirty.customer_id)).all()
    if not marks:
        return 0
    ids = sorted({cid for _mark, cid in marks})
    if session.get_bind().dialect.name != "sqlite":  # SQLite: the writing transaction holds the whole file
        session.execute(select(Customer.id).where(Customer.id.in_(ids)).order_by(Customer.id).with_for_update())
    keep(session, ids)
    done = [mark for mark, _cid in marks]
    for start in range(0, len(done), KEEP_CHUNK):
        session.execute(delete(MoneyDirty).where(MoneyDirty.id.in_(done[start:start + KEEP_CHUNK])))
    return len(ids)


class Owed(NamedTuple):
    """What a customer owes as of a date, in fen. (A named tuple: a hundred thousand are made at once.)"""

    balance: int
    overdue: int  # open and past due
    old: int  # open and more than 90 days past due
    oldest_due: date | None  # the due date of the oldest open order past due
    last_order: date | None

    @property
    def not_due(self) -> int:
        return max(0, self.balance) - self.overdue

    def stage(self, on: date) -> int:
        """1–4: the aging bucket of the oldest overdue amount (0: nothing overdue)."""
        if self.oldest_due is None or self.overdue <= 0:
            return 0
        return BUCKETS.index(bucket_of((on - self.oldest_due).days))


def _live(session: Session, on: date, scope: ColumnElement[bool]) -> list[int] | None:
    """The customers of the scope whose kept figures do not hold as of `on` (None: too many — compute everyone)."""
    marked = select(MoneyDirty.customer_id)
    later = select(CustomerTotals.customer_id).where(CustomerTotals.last_document > on)
    q = union(marked, later).subquery("live")
    ids = first_column(session, select(q.c.customer_id).where(in_scope(q.c.customer_id, scope)).limit(LIVE_LIMIT + 1))
    return None if len(ids) > LIVE_LIMIT else sorted(ids)


class Owing(NamedTuple):
    """What the customers of a scope owe as of a date: {customer: Owed} (customers with a document), and the
    open orders falling due in a window."""

    owed: dict[int, Owed]
    falling: list[FallingDue]


def owing(session: Session, on: date, scope: ColumnElement[bool], due_by: date,
          only: ColumnElement[bool] | None = None) -> Owing:
    """Every customer's Owed in the scope as of `on`, and the open orders due from `on` to `due_by`: the kept figures
    where they hold, `figures` for the rest. `only`, a condition on CustomerTotals, leaves out the customers with
    kept figures that fail it and have nothing past due or falling due (a caller that needs only some of them)."""
    live = _live(session, on, scope)
    if live is None:
        return _owing_live(session, on, scope, due_by)
    skip = set(live)
    old = on - timedelta(days=90)
    owed: dict[int, Owed] = {}
    open_past = (select(OpenItem.customer_id, func.sum(OpenItem.open),
                        func.sum(case((OpenItem.due_date < old, OpenItem.open), else_=0)), func.min(OpenItem.due_date))
                 .where(OpenItem.due_date < on, in_scope(OpenItem.customer_id, scope)).group_by(OpenItem.customer_id))
    if scope is ALL:  # the covering (due date, customer, open) index and a sort: a quarter faster than by customer
        open_past = open_past.with_hint(OpenItem, "INDEXED BY ix_open_item_due", "sqlite")
    past = {cid: (int(overdue), int(old_), as_date(oldest))
            for cid, overdue, old_, oldest in driver_rows(session, open_past)}
    totals = (select(CustomerTotals.customer_id, CustomerTotals.orders, CustomerTotals.credits, CustomerTotals.last_order)
              .where(in_scope(CustomerTotals.customer_id, scope)))
    rows = driver_rows(session, totals if only is None else totals.where(only))
    due_soon = (select(OpenItem.customer_id, OpenItem.order_id, OpenItem.number, OpenItem.due_date, OpenItem.open)
                .where(OpenItem.due_date >= on, OpenItem.due_date <= due_by, in_scope(OpenItem.customer_id, scope)))
    falling = [FallingDue(cid, oid, number, as_date(due), int(open_))
               for cid, oid, number, due, open_ in driver_rows(session, due_soon) if cid not in skip]
    if only is not None:  # those with something past or falling due, whatever `only` says
        read = {row[0] for row in rows}
        missing = sorted(({*past, *(f.customer_id for f in falling)} - read) - skip)
        for start in range(0, len(missing), 900):
            rows += driver_rows(session, totals.where(CustomerTotals.customer_id.in_(missing[start:start + 900])))
    for cid, orders, credits, last in rows:
        if cid not in skip:
            overdue, old_, oldest = past.get(cid, (0, 0, None))
            owed[cid] = Owed(int(orders) - int(credits), overdue, old_, oldest, as_date(last))
    if live:
        rest = _owing_live(session, on, and_(scope, Customer.id.in_(live)), due_by)
        owed.update(rest.owed)
        falling += rest.falling
    return Owing(owed, falling)


def _owing_live(session: Session, on: date, scope: ColumnElement[bool], due_by: date) -> Owing:
    money = figures(session, on, scope)
    overdue = [cid for cid, m in money.money.items() if m.overdue > 0]
    oldest = oldest_overdue_of(session, on, money, scope, overdue) if overdue else {}
    owed = {cid: Owed(m.balance, m.overdue, m.still_open(3), oldest.get(cid), m.last_order)
            for cid, m in money.money.items()}
    return Owing(owed, falling_due(session, on, due_by, money, scope, list(money.money)))


def _open_by_bucket(on: date) -> list[Any]:
    """Σ kept open amounts per aging bucket as of `on` (labelled as BUCKETS), for a grouping of OpenItem."""
    b = bucket_bounds(on)
    edges = ((b["not_due"], None), (b["d1_30"], b["not_due"]), (b["d31_60"], b["d1_30"]), (b["d61_90"], b["d31_60"]),
             (None, b["d61_90"]))
    sums = []
    for key, (low, high) in zip(BUCKETS, edges, strict=True):
        conds = [c for c in ((OpenItem.due_date >= low) if low else None,
                             (OpenItem.due_date < high) if high else None) if c is not None]
        sums.append(func.sum(case((and_(*conds), OpenItem.open), else_=0)).label(key))
    return sums


def _live_of(session: Session, on: date, chunk: Sequence[int]) -> set[int]:
    """Those of a few customers whose kept figures do not hold as of `on` (a write not yet kept, a later document)."""
    return set(first_column(session, union(
        select(MoneyDirty.customer_id).where(MoneyDirty.customer_id.in_(chunk)),
        select(CustomerTotals.customer_id).where(CustomerTotals.customer_id.in_(chunk),
                                                 CustomerTotals.last_document > on))))


def kept_positions(session: Session, on: date, customer_ids: Iterable[int]) -> dict[int, Position]:
    """`position` (without the oldest overdue date) of these customers as of `on`, read from the kept figures where
    they hold (absent: owes nothing); the others computed from their documents. The approval queue of a thousand held
    orders reads a few thousand kept rows instead of everyone's aging."""
    ids = sorted(set(customer_ids))
    out: dict[int, Position] = {}
    for start in range(0, len(ids), KEEP_CHUNK):
        chunk = ids[start:start + KEEP_CHUNK]
        live = _live_of(session, on, chunk)
        buckets = {cid: [int(v) for v in rest] for cid, *rest in session.execute(
            select(OpenItem.customer_id, *_open_by_bucket(on))
            .where(OpenItem.customer_id.in_(chunk)).group_by(OpenItem.customer_id))}
        for cid, orders, credits, unapplied in session.execute(
                select(CustomerTotals.customer_id, CustomerTotals.orders, CustomerTotals.credits,
                       CustomerTotals.unapplied).where(CustomerTotals.customer_id.in_(chunk))):
            if cid in live:
                continue
            parts = dict(zip(BUCKETS, buckets.get(cid, [0] * len(BUCKETS)), strict=True))
            out[cid] = _position({**parts, "orders": orders, "credits": credits, "unapplied": unapplied})
        for cid in sorted(live):
            pos = position_of_documents(session, cid, on, with_oldest=False)
            if pos is not NO_POSITION:
                out[cid] = pos
    return out


def aging_kept(session: Session, on: date) -> Select | CompoundSelect:
    """aging_sql(on) over every customer (the same columns and figures), read from the kept allocation for the
    customers it holds for on that date and computed from the documents for the others; aging_sql itself when the
    kept figures hold for too few (a date before many customers' newest documents)."""
    live = _live(session, on, ALL)
    if live is None:
        return aging_sql(on)
    items = select(OpenItem.customer_id, *_open_by_bucket(on)).group_by(OpenItem.customer_id).subquery("kept_items")
    t = CustomerTotals
    kept = select(t.customer_id.label("customer_id"), t.orders.label("orders"), t.credits.label("credits"),
                  t.unapplied.label("unapplied"), *[func.coalesce(items.c[k], 0).label(k) for k in BUCKETS]
                  ).outerjoin(items, items.c.customer_id == t.customer_id)
    if not live:
        return kept
    return union_all(kept.where(t.customer_id.not_in(live)), aging_sql(on, live))


def past_due_over_90(session: Session, on: date) -> Select | CompoundSelect:
    """The customers with anything more than 90 days past due on `on` (aging_sql's d90_plus > 0), as a statement of
    one column: the kept open orders where the kept figures hold, aging_sql for the others (as `aging_kept`)."""
    live = _live(session, on, ALL)
    if live is None:
        ag = aging_sql(on).subquery()
        return select(ag.c.customer_id).where(ag.c.d90_plus > 0)
    kept = (select(OpenItem.customer_id).where(OpenItem.due_date < bucket_bounds(on)["d61_90"], OpenItem.open > 0)
            .distinct().with_hint(OpenItem, "INDEXED BY ix_open_item_due", "sqlite"))  # a range, not every item
    if not live:
        return kept
    ag = aging_sql(on, live).subquery()
    return union(kept.where(OpenItem.customer_id.not_in(live)), select(ag.c.customer_id).where(ag.c.d90_plus > 0))


def kept_oldest_overdue(session: Session, on: date, customer_ids: Iterable[int]) -> dict[int, date]:
    """oldest_overdue_due(on) of these customers: the due date of each one's oldest order still open past due, read
    from the kept open orders where they hold on `on` (the earliest due date before `on` among them) and computed from
    the documents for the others. A page of the credit overview reads a few hundred kept rows instead of a window
    pass over its customers' documents."""
    ids = sorted(set(customer_ids))
    out: dict[int, date] = {}
    for start in range(0, len(ids), KEEP_CHUNK):
        chunk = ids[start:start + KEEP_CHUNK]
        live = _live_of(session, on, chunk)
        kept = [cid for cid in chunk if cid not in live]
        if kept:
            out.update({cid: as_date(due) for cid, due in session.execute(
                select(OpenItem.customer_id, func.min(OpenItem.due_date))
                .where(OpenItem.customer_id.in_(kept), OpenItem.due_date < on).group_by(OpenItem.customer_id))})
        if live:
            out.update({cid: as_date(due) for cid, due in oldest_overdue_due(session, on, sorted(live)).items()})
    return out
