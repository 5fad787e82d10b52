"""客户档案: the four-part record of one customer (static, business, money, credit) as of a date."""
from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from app import ledger
from app.credit import credit_decision
from app.customers import credit_terms_on
from app.errors import NotFound
from app.messages import Message, load, msg
from app.statuses import counted
from app.tables import rate
from models import (
    BlacklistHistory,
    CodeEntry,
    Contact,
    CreditHistory,
    Customer,
    OrderLine,
    OwnerHistory,
    Product,
    Receipt,
    ReturnLine,
    SalesOrder,
    Salesperson,
    SalesReturn,
    StatusHistory,
)
from models.customers import STATUSES

ZERO = Decimal("0.00")
SHARED_POOL = "公司共享客户"  # the Chinese title, for lists that show it as is; the dossier uses shared_pool()


def shared_pool() -> Message:
    """公司共享客户 (no owner) in the interface language."""
    return msg("dossier.shared_pool")


@dataclass(frozen=True)
class HistoryEntry:
    effective: date
    value: Message | str  # a salesperson "S001 张三" as it is; everything else a message
    changed_by: str
    reason: Message | str | None  # as entered, or a default reason kept as a message


@dataclass(frozen=True)
class StaticPart:
    code: str
    name: str
    short_name: str | None
    mnemonic: str
    type: str | None
    region: str | None
    industry: str | None
    address: str | None
    bank: str | None
    bank_account: str | None
    tax_id: str | None
    notes: str | None
    created: date
    status: Message | str | None  # in force on the as-of date
    owner: str | None  # "S001 张三", or None for the shared pool
    owner_history: tuple[HistoryEntry, ...]
    status_history: tuple[HistoryEntry, ...]
    contacts: tuple[tuple[str, str | None, str | None, str | None, str | None], ...]  # name, position, phone, mobile, email


@dataclass(frozen=True)
class DocumentEntry:
    date: date
    kind: str  # order | return
    number: str
    items: Message | str  # "螺栓 ×100 等3项"
    amount: Decimal  # returns negative
    handler: str | None
    owner: str | None


@dataclass(frozen=True)
class BusinessPart:
    documents: tuple[DocumentEntry, ...]
    by_year: tuple[tuple[int, Decimal, Decimal, Decimal], ...]  # year, orders, returns, net
    top_categories: tuple[tuple[Message | str, Decimal], ...]  # category (a message when none), net revenue


@dataclass(frozen=True)
class ReceiptEntry:
    date: date
    number: str
    amount: Decimal
    method: str | None
    paid: tuple[tuple[str, Decimal], ...]  # order number, amount
    unapplied: Decimal


@dataclass(frozen=True)
class OpenItem:
    number: str
    date: date
    due_date: date
    total: Decimal
    open: Decimal
    days_past_due: int


@dataclass(frozen=True)
class MoneyPart:
    receipts: tuple[ReceiptEntry, ...]
    open_items: tuple[OpenItem, ...]
    position: ledger.Position


@dataclass(frozen=True)
class LateOrder:
    number: str
    due_date: date
    late_amount: Decimal  # what was still open on the due date
    days_late: int  # until fully paid, or until the as-of date if still open
    paid_on: date | None


@dataclass(frozen=True)
class CreditPart:
    term_days: int
    credit_limit: Decimal
    credit_history: tuple[HistoryEntry, ...]
    grade: str | None
    suggested_grade: str | None
    blacklisted: bool
    blacklist_history: tuple[HistoryEntry, ...]
    late_orders: tuple[LateOrder, ...]
    orders_due: int
    on_time_rate: Decimal | None
    decision_codes: tuple[str, ...]  # what the credit check would say for a new order today


@dataclass(frozen=True)
class Dossier:
    as_of: date
    static: StaticPart
    business: BusinessPart
    money: MoneyPart
    credit: CreditPart


def _person(code: str | None, name: str | None) -> str | None:
    return None if code is None else f"{code} {name}"


def histories(session: Session, customer_id: int) -> dict[str, tuple[HistoryEntry, ...]]:
    """The owner, status, credit and blacklist histories of one customer, oldest first, in words."""
    sp = {i: _person(code, name) for i, code, name in session.execute(
        select(Salesperson.id, Salesperson.code, Salesperson.name))}
    pool, listed, lifted = shared_pool(), msg("dossier.blacklisted"), msg("dossier.unblacklisted")
    specs = {
        "owner": (OwnerHistory, lambda h: sp.get(h.salesperson_id) or pool),
        "status": (StatusHistory, lambda h: msg(f"customer.status.{h.status}") if h.status in STATUSES else h.status),
        "credit": (CreditHistory, lambda h: msg("dossier.credit_terms", days=h.term_days, limit=f"{h.credit_limit:,}")),
        "blacklist": (BlacklistHistory, lambda h: listed if h.blacklisted else lifted),
    }
    return {
        key: tuple(
            HistoryEntry(h.effective, words(h), h.changed_by, load(h.reason))
            for h in session.scalars(select(model).where(model.customer_id == customer_id)
                                     .order_by(model.effective, model.id))
        )
        for key, (model, words) in specs.items()
    }


def _static(session: Session, c: Customer, on: date, hist: dict[str, tuple[HistoryEntry, ...]]) -> StaticPart:
    names = dict(session.execute(select(CodeEntry.id, CodeEntry.name)).all())
    owners, statuses = hist["owner"], hist["status"]
    current_status = next((h.value for h in reversed(statuses) if h.effective <= on), None)
    current_owner = next((h.value for h in reversed(owners) if h.effective <= on), None)
    contacts = tuple(
        (k.name, names.get(k.position_id), k.phone, k.mobile, k.email)
        for k in session.scalars(select(Contact).where(Contact.customer_id == c.id).order_by(Contact.id))
    )
    return StaticPart(
        code=c.code, name=c.name, short_name=c.short_name, mnemonic=c.mnemonic, type=names.get(c.type_id),
        region=names.get(c.region_id), industry=names.get(c.industry_id), address=c.address, bank=c.bank,
        bank_account=c.bank_account, tax_id=c.tax_id, notes=c.notes, created=c.created, status=current_status,
        owner=current_owner if isinstance(current_owner, str) else None, owner_history=owners,
        status_history=statuses, contacts=contacts,
    )


def _items(session: Session, line_model: type, parent_col: str, ids: list[int]) -> dict[int, Message]:
    """'螺栓 ×100 等3项' per document id, from one query over the lines."""
    out: dict[int, list[tuple[str, Decimal]]] = defaultdict(list)
    parent = getattr(line_model, parent_col)
    for chunk in range(0, len(ids), 900):
        for pid, name, qty in session.execute(
            select(parent, Product.name, line_model.qty).join(Product, Product.id == line_model.product_id)
            .where(parent.in_(ids[chunk:chunk + 900])).order_by(parent, line_model.line_no)
        ):
            out[pid].append((name, qty))
    return {
        pid: msg("dossier.items_more" if len(lines) > 1 else "dossier.items_one", product=lines[0][0],
                 qty=f"{lines[0][1].normalize():f}", count=len(lines))
        for pid, lines in out.items()
    }


def _business(session: Session, c: Customer, on: date, owners: tuple[HistoryEntry, ...]) -> BusinessPart:
    handler = aliased(Salesperson)
    orders = session.execute(
        select(SalesOrder.id, SalesOrder.date, SalesOrder.number, SalesOrder.total, handler.code, handler.name)
        .outerjoin(handler, handler.id == SalesOrder.handler_id)
        .where(SalesOrder.customer_id == c.id, counted(SalesOrder), SalesOrder.date <= on)
    ).all()
    returns = session.execute(
        select(SalesReturn.id, SalesReturn.date, SalesReturn.number, SalesReturn.total, handler.code, handler.name)
        .outerjoin(handler, handler.id == SalesReturn.handler_id)
        .where(SalesReturn.customer_id == c.id, counted(SalesReturn), SalesReturn.date <= on)
    ).all()
    order_items = _items(session, OrderLine, "order_id", [o.id for o in orders])
    return_items = _items(session, ReturnLine, "return_id", [r.id for r in returns])
    starts = [h.effective for h in owners]

    def owner_at(d: date) -> str | None:
        i = bisect.bisect_right(starts, d) - 1
        owner = owners[i].value if i >= 0 else None
        return owner if isinstance(owner, str) else None  # a salesperson; the shared pool is a message

    docs = [DocumentEntry(o.date, "order", o.number, order_items.get(o.id, ""), o.total, _person(o.code, o.name),
                          owner_at(o.date)) for o in orders]
    docs += [DocumentEntry(r.date, "return", r.number, return_items.get(r.id, ""), -r.total, _person(r.code, r.name),
                           owner_at(r.date)) for r in returns]
    docs.sort(key=lambda d: (d.date, d.number))
    years: dict[int, list[Decimal]] = defaultdict(lambda: [ZERO, ZERO])
    for d in docs:
        years[d.date.year][0 if d.kind == "order" else 1] += abs(d.amount)
    by_year = tuple((y, o, r, o - r) for y, (o, r) in sorted(years.items()))
    cat = aliased(CodeEntry)
    per_cat: dict[str | None, Decimal] = defaultdict(lambda: ZERO)
    for model, line, sign in ((SalesOrder, OrderLine, 1), (SalesReturn, ReturnLine, -1)):
        parent = line.order_id if line is OrderLine else line.return_id
        for name, amount in session.execute(
            select(cat.name, func.sum(line.amount)).select_from(line)
            .join(model, model.id == parent).join(Product, Product.id == line.product_id)
            .outerjoin(cat, cat.id == Product.category_id)
            .where(model.customer_id == c.id, counted(model), model.date <= on).group_by(cat.name)
        ):
            per_cat[name] += sign * Decimal(amount or 0)
    uncategorized = msg("dossier.uncategorized")
    top = tuple((name if name is not None else uncategorized, amount) for name, amount in
                sorted(per_cat.items(), key=lambda kv: (-kv[1], kv[0] is None, kv[0] or ""))[:5])
    return BusinessPart(documents=tuple(docs), by_year=by_year, top_categories=top)


class _Sums:
    """Prefix sums over queue positions (a Fenwick tree)."""

    def __init__(self, size: int) -> None:
        self.tree = [0] * (size + 1)

    def add(self, position: int, value: int) -> None:
        n = position + 1
        while n < len(self.tree):
            self.tree[n] += value
            n += n & -n

    def before(self, position: int) -> int:
        """Σ of the values at positions < position."""
        total, n = 0, position
        while n > 0:
            total += self.tree[n]
            n -= n & -n
        return total


def _fen(value: Decimal) -> int:
    return int(value * 100)


def _late_orders(orders: list[ledger.OrderDoc], credits: list[ledger.CreditDoc], on: date
                 ) -> tuple[list[LateOrder], int]:
    """Orders not fully paid by their due date: how much was late, and for how many days.

    The allocation "as of D" is kept up to date as D moves through the dates of the documents and due dates, instead
    of being recomputed from nothing for every order and every date: step 1 (credits paying the orders they name)
    grows with each new credit, and step 2 is the pooled rest filling the orders oldest-due first, so an order's open
    amount is what the pool leaves of it after the orders before it in that queue (prefix sums)."""
    queue = sorted(orders, key=lambda o: (o.due_date, o.date, o.number))
    position = {o.id: n for n, o in enumerate(queue)}
    in_credit_order = sorted(credits, key=lambda c: (c.date, c.number))
    orders_on: dict[date, list[ledger.OrderDoc]] = defaultdict(list)
    credits_on: dict[date, list[ledger.CreditDoc]] = defaultdict(list)
    due_on: dict[date, list[ledger.OrderDoc]] = defaultdict(list)
    for o in orders:
        orders_on[o.date].append(o)
    for c in in_credit_order:
        credits_on[c.date].append(c)
    due = sorted((o for o in orders if o.due_date < on), key=lambda o: (o.due_date, o.number))
    for o in due:
        due_on[o.due_date].append(o)

    sums = _Sums(len(queue))
    owed: dict[int, int] = {}  # fen each order dated ≤ D still owes after step 1
    credits_in: list[ledger.CreditDoc] = []
    named: set[int] = set()  # orders that the credits so far name
    pool = 0  # fen left of the credits after step 1
    pending: list[tuple[int, int]] = []  # (queue position, index into late) of late orders not yet paid, sorted
    zeroed: set[int] = set()  # positions of pending orders whose step-1 amount is 0 (paid whatever the pool)
    late: list[LateOrder] = []

    def step1(c: ledger.CreditDoc) -> None:
        nonlocal pool
        remaining = _fen(c.amount)
        pool += remaining
        for order_id, cap in c.named:
            if order_id not in owed or remaining <= 0:
                continue
            pay = min(owed[order_id], remaining, _fen(cap) if cap is not None else remaining)
            if pay > 0:
                owed[order_id] -= pay
                sums.add(position[order_id], -pay)
                remaining -= pay
                pool -= pay
                if owed[order_id] == 0:
                    zeroed.add(position[order_id])

    def redo_step1() -> None:
        """A credit named an order dated after it: that order is in now, step 1 changes from that credit on."""
        nonlocal sums, pool
        sums = _Sums(len(queue))
        pool = 0
        for order_id in owed:
            owed[order_id] = _fen(queue[position[order_id]].total)
            sums.add(position[order_id], owed[order_id])
        zeroed.clear()
        for c in credits_in:
            step1(c)

    def open_fen(o: ledger.OrderDoc) -> int:
        mine = owed[o.id]
        return mine - min(max(pool - sums.before(position[o.id]), 0), mine)

    dates = sorted({*orders_on, *credits_on, *due_on})
    for d in dates:
        arrived = orders_on.get(d, [])
        for o in arrived:
            owed[o.id] = _fen(o.total)
            sums.add(position[o.id], owed[o.id])
        if any(o.id in named for o in arrived):
            redo_step1()
        for c in credits_on.get(d, []):
            credits_in.append(c)
            named.update(order_id for order_id, _cap in c.named)
            step1(c)
        if d in credits_on and pending:
            paid = {p for p in zeroed & {p for p, _i in pending} if owed[queue[p].id] == 0}
            for p, _i in pending:  # in queue order: the pool pays a prefix of the queue
                if p in paid:
                    continue
                if open_fen(queue[p]) > 0:
                    break
                paid.add(p)
            if paid:
                for _p, i in [x for x in pending if x[0] in paid]:
                    x = late[i]
                    late[i] = LateOrder(x.number, x.due_date, x.late_amount, (d - x.due_date).days, d)
                pending = [x for x in pending if x[0] not in paid]
                zeroed.difference_update(paid)
        for o in due_on.get(d, []):
            amount = open_fen(o)
            if amount > 0:
                late.append(LateOrder(o.number, o.due_date, Decimal(amount) / 100, (on - o.due_date).days, None))
                bisect.insort(pending, (position[o.id], len(late) - 1))
    return [LateOrder(x.number, x.due_date, x.late_amount.quantize(Decimal("0.01")), x.days_late, x.paid_on)
            for x in late], len(due)


def dossier(session: Session, customer_id: int, on: date, grades: Callable[[], dict[int, Any]] | None = None
            ) -> Dossier:
    """The four parts of one customer's dossier as of `on`. `grades`: every customer's suggested grade when the
    caller has them (they rank all customers: a selection of dossiers computes them once)."""
    c = session.get(Customer, customer_id)
    if c is None:
        raise NotFound("customer.missing")
    hist = histories(session, c.id)
    static = _static(session, c, on, hist)
    business = _business(session, c, on, static.owner_history)
    orders, credits = ledger.customer_documents(session, c.id, on)
    alloc = ledger.allocate(orders, credits)
    numbers = {o.id: o.number for o in orders}
    methods = dict(session.execute(
        select(Receipt.id, CodeEntry.name).join(CodeEntry, CodeEntry.id == Receipt.method_id)
        .where(Receipt.customer_id == c.id)).all())
    receipts = tuple(
        ReceiptEntry(x.date, x.number, x.amount, methods.get(x.id),
                     tuple((numbers[oid], amt) for oid, amt in alloc.paid.get(("R", x.id), [])),
                     alloc.unapplied_by_credit.get(("R", x.id), ZERO))
        for x in sorted(credits, key=lambda x: (x.date, x.number)) if x.kind == "R"
    )
    open_items = tuple(
        OpenItem(o.number, o.date, o.due_date, o.total, alloc.open[o.id], (on - o.due_date).days)
        for o in sorted(orders, key=lambda o: (o.due_date, o.date, o.number)) if alloc.open[o.id] > 0
    )
    money = MoneyPart(receipts=receipts, open_items=open_items, position=ledger.position(session, c.id, on))
    term, limit = credit_terms_on(session, c.id, on)
    credit_hist, black_hist = hist["credit"], hist["blacklist"]
    listed = msg("dossier.blacklisted")
    blacklisted = next((h.value == listed for h in reversed(black_hist) if h.effective <= on), False)
    late, due_count = _late_orders(orders, credits, on)
    decision = credit_decision(session, c.id, Decimal("0.01"), on)
    if grades is not None:
        found = grades().get(c.id)
        suggested = found.grade if found is not None else "C"
    else:
        suggested = _suggested_grade(session, c.id, on)
    credit = CreditPart(
        term_days=term, credit_limit=limit, credit_history=credit_hist, grade=c.grade, suggested_grade=suggested,
        blacklisted=blacklisted, blacklist_history=black_hist, late_orders=tuple(late), orders_due=due_count,
        on_time_rate=rate(due_count - len(late), due_count), decision_codes=tuple(r.code for r in decision.reasons),
    )
    return Dossier(as_of=on, static=static, business=business, money=money, credit=credit)


def _suggested_grade(session: Session, customer_id: int, on: date) -> str | None:
    from app import analytics

    return analytics.suggested_grade(session, customer_id, on).grade
