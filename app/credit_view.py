"""The 信用 tab's read-only figures: every customer's credit position, the grouped aging with its proof, drill-downs."""
from __future__ import annotations

from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import case, func, or_, select, true
from sqlalchemy.orm import Session, aliased

from app import analytics, credit, history, ledger, search, statement
from app.auth import can
from app.context import Actor
from app.customer_list import visible_to
from app.db import first_column
from app.dossier import SHARED_POOL
from app.errors import NotFound, PermissionDenied, ValidationError
from app.pick import SHARED_POOL_ID
from app.reports import aging
from app.reports.common import fen
from app.tables import fen_to_yuan
from models import (
    BlacklistHistory,
    CodeEntry,
    CreditHistory,
    Customer,
    Salesperson,
    StatusHistory,
)
from models.customers import STATUSES

ZERO = Decimal("0.00")
UNSET = "（未设置）"
UNAPPLIED = "unapplied"
GROUPS = {None: "客户", "owner": "销售员", "region": "地区", "industry": "行业", "type": "客户类型"}
KIND_TITLES = {"R": "收款单", "T": "退货单", "order": "销售单"}


# --- 信用总览 ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CreditRow:
    id: int
    code: str
    name: str
    owner: str  # current owner, or 公司共享客户
    term_days: int  # in force on the as-of date
    credit_limit: Decimal
    balance: Decimal
    overdue: Decimal
    available: Decimal  # limit − balance (negative: over the limit)
    oldest_overdue_days: int | None
    suggested_grade: str
    grade: str | None  # the grade a user set
    blacklisted: bool
    status: str  # Chinese title

    @property
    def over_limit(self) -> bool:
        return self.balance > self.credit_limit

    @property
    def problem(self) -> bool:
        return self.overdue > 0 or self.over_limit or self.blacklisted

    def value(self, key: str) -> object:
        return getattr(self, key)


def _visible(conds: list, actor: Actor) -> list:
    seen = visible_to(actor)
    return conds if seen is None else [*conds, seen]


@dataclass(frozen=True)
class OverviewFilter:
    on: date
    text: str = ""
    owner_id: int | None = None  # the current owner; app.pick.SHARED_POOL_ID: the shared pool
    only_problems: bool = False  # overdue, over the limit or blacklisted


SORTABLE = frozenset({"code", "name", "owner", "term_days", "credit_limit", "balance", "overdue", "available",
                      "grade", "blacklisted", "status"})


def overview_ids(session: Session, actor: Actor, flt: OverviewFilter, sort: str | None = None,
                 descending: bool = False) -> list[int]:
    """The customers the actor may see, with their credit position as of `flt.on`, filtered and ordered in SQL
    (best search matches first, then code, unless a column is sorted). Archived customers are listed only while
    they still owe or are owed money. Only the figures the filter and the order need are joined: the plain list in
    code order reads the customers alone (and the aging of the archived ones)."""
    on = flt.on
    if sort is not None and sort not in SORTABLE:
        raise ValidationError("credit_view.bad_sort", column=sort)
    aging = ledger.aging_kept(session, on)
    joined: dict[Any, Any] = {}

    def ag() -> Any:  # noqa: ANN401 - a subquery
        if "ag" not in joined:
            joined["ag"] = aging.subquery("ag")
        return joined["ag"]

    def in_force(model: Any) -> Any:  # noqa: ANN401 - a subquery
        if model not in joined:
            joined[model] = history.as_of(model, on)
        return joined[model]

    def balance() -> Any:  # noqa: ANN401
        return func.coalesce(ag().c.orders - ag().c.credits, 0)

    def overdue() -> Any:  # noqa: ANN401
        a = ag()
        return func.coalesce(a.c.d1_30 + a.c.d31_60 + a.c.d61_90 + a.c.d90_plus, 0)

    def limit() -> Any:  # noqa: ANN401
        return func.coalesce(fen(in_force(CreditHistory).c.credit_limit), 0)

    def blacklisted() -> Any:  # noqa: ANN401
        return func.coalesce(in_force(BlacklistHistory).c.blacklisted, False)

    conds = _visible([], actor)
    match = search.customer_match(flt.text)
    if match is not None:
        conds.append(match.condition)
    if flt.owner_id == SHARED_POOL_ID:
        conds.append(Customer.owner_id.is_(None))
    elif flt.owner_id is not None:
        conds.append(Customer.owner_id == flt.owner_id)
    # an archived customer is listed while it owes or is owed: the aging is read only when an archived one is met
    kept = aging.subquery("owing")
    owing = select(kept.c.customer_id).where(or_(
        func.coalesce(kept.c.not_due, 0) + func.coalesce(kept.c.d1_30 + kept.c.d31_60 + kept.c.d61_90
                                                         + kept.c.d90_plus, 0) > 0,
        func.coalesce(kept.c.unapplied, 0) > 0))
    conds.append(case((Customer.archived.is_(False), true()), else_=Customer.id.in_(owing)))
    if flt.only_problems:
        conds.append(or_(overdue() > 0, balance() > limit(), blacklisted().is_(True)))
    keys: dict[str, Callable[[], Any]] = {
        "code": lambda: Customer.code, "name": lambda: Customer.name, "owner": lambda: Salesperson.name,
        "term_days": lambda: func.coalesce(in_force(CreditHistory).c.term_days, 0), "credit_limit": limit,
        "balance": balance, "overdue": overdue, "available": lambda: limit() - balance(),
        "grade": lambda: Customer.grade, "blacklisted": blacklisted,
        "status": lambda: in_force(StatusHistory).c.status}
    if sort is None:
        order = [*([match.rank] if match is not None else []), Customer.code]
    else:
        column = keys[sort]()
        order = [column.desc() if descending else column.asc(), Customer.code]
    q = select(Customer.id)
    if sort == "owner":
        q = q.outerjoin(Salesperson, Salesperson.id == Customer.owner_id)
    for sub in joined.values():  # each at most one row per customer: the rows and their order stay the same
        q = q.outerjoin(sub, sub.c.customer_id == Customer.id)
    return first_column(session, q.where(*conds).order_by(*order))


def overview_rows(session: Session, on: date, ids: Sequence[int],
                  grades: dict[int, analytics.GradeSuggestion] | None = None) -> list[CreditRow]:
    """One page of the overview: each customer's credit figures as of `on`, in the order of `ids`. `grades`: the
    suggested grades of every customer on `on` when the caller keeps them (they rank all customers). The money comes
    from the kept allocation where it holds (ledger.kept_positions, kept_oldest_overdue), as the list's order does; the
    terms, blacklist and status in force from each customer's histories read at once (credit.Histories)."""
    ids = list(ids)
    if not ids:
        return []
    grades = grades if grades is not None else analytics.suggested_grades(session, on)
    money = ledger.kept_positions(session, on, ids)
    oldest = ledger.kept_oldest_overdue(session, on, ids)
    terms, black, status = (credit.Histories(session, m, ids) for m in (CreditHistory, BlacklistHistory, StatusHistory))
    found = {}
    q = (select(Customer.id, Customer.code, Customer.name, Salesperson.name, Customer.grade)
         .outerjoin(Salesperson, Salesperson.id == Customer.owner_id).where(Customer.id.in_(ids)))
    for cid, code, name, owner, grade in session.execute(q):
        pos = money.get(cid, ledger.NO_POSITION)
        term, limit = terms.on(cid, on) or (0, ZERO)
        listed, state = black.on(cid, on), status.on(cid, on)
        due = oldest.get(cid)
        suggestion = grades.get(cid)
        found[cid] = CreditRow(
            id=cid, code=code, name=name, owner=owner or SHARED_POOL, term_days=term, credit_limit=limit,
            balance=pos.balance, overdue=pos.overdue, available=limit - pos.balance,
            oldest_overdue_days=None if due is None else (on - due).days,
            suggested_grade=suggestion.grade if suggestion else "C", grade=grade,
            blacklisted=bool(listed and listed[0]), status="" if state is None else STATUSES.get(state[0], state[0]),
        )
    return [found[cid] for cid in ids if cid in found]


def overview(session: Session, actor: Actor, on: date, text: str = "", owner_id: int | None = None,
             only_problems: bool = False) -> list[CreditRow]:
    """Every customer the actor may see with its credit position as of `on`, in the overview's default order (for
    scripts and tests; the tab pages through overview_ids / overview_rows)."""
    ids = overview_ids(session, actor, OverviewFilter(on, text, owner_id, only_problems))
    return overview_rows(session, on, ids)


# --- 待审批 --------------------------------------------------------------------------------------


# --- 账龄分析 ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AgingRow:
    """One customer, or one group of customers (code empty), with money in yuan."""

    code: str
    name: str  # customer name, or the group's name
    owner: str | None  # owner on the as-of date (customer rows)
    balance: Decimal
    buckets: dict[str, Decimal]
    unapplied: Decimal
    customer_ids: Sequence[int]  # a customer row: (its id,); a group or the totals: an array of ids

    @property
    def count(self) -> int:
        return len(self.customer_ids)

    def value(self, key: str) -> object:
        return self.buckets[key] if key in self.buckets else getattr(self, key)


MONEY = ("balance", *ledger.BUCKETS, "unapplied")  # the fen of app.reports.aging.customer_figures, in its order
_KINDS = {"id": "int", "code": "text", "name": "text", "owner": "choice", **dict.fromkeys(MONEY, "money")}


class AgingRows(analytics.ColumnRows[AgingRow]):
    """The customer rows of an aging view kept as columns (app.analytics.Columns: ~120 bytes a customer instead of
    ~1 KB of row objects, 37,000 customers at 100,000), each made as an AgingRow when read."""

    def row(self, i: int) -> AgingRow:
        value = self.columns.value
        return AgingRow(value("code", i), value("name", i), value("owner", i), value("balance", i),
                        {k: value(k, i) for k in ledger.BUCKETS}, value("unapplied", i), (value("id", i),))

    def sort_value(self, key: str) -> Callable[[int], Any] | None:
        """Row i's value of a column in a form that sorts as AgingRow.value(key) does (money in fen); None for a key
        that is not a column."""
        return self.columns.sort_value(key) if key in self.columns.kinds and key != "id" else None


def _row(name: str, fen: Sequence[int], ids: Sequence[int]) -> AgingRow:
    """A group's row, or the totals, from its sums in fen (MONEY order)."""
    yuan = [fen_to_yuan(v) for v in fen]
    return AgingRow("", name, None, yuan[0], dict(zip(ledger.BUCKETS, yuan[1:-1], strict=True)), yuan[-1], ids)


@dataclass(frozen=True)
class AgingView:
    on: date
    group_by: str | None
    rows: Sequence[AgingRow]  # per customer (`members` itself), or per group
    totals: AgingRow
    orders: Decimal  # Σ confirmed orders dated ≤ on
    receipts: Decimal
    returns: Decimal
    reconciles: bool
    check: str  # the proof as a Chinese sentence
    members: AgingRows = field(repr=False)  # every customer row, in code order

    def positions_of(self, row: AgingRow) -> list[int]:
        """The positions in `members` of the customers of a group row (a customer row: its own)."""
        ids, id_at = set(row.customer_ids), self.members.columns.sort_value("id")
        return [i for i in range(len(self.members)) if id_at(i) in ids]

    def customers_of(self, row: AgingRow) -> list[AgingRow]:
        """The customer rows of a group row (a customer row: itself)."""
        return [self.members[i] for i in self.positions_of(row)]


def _group_keys(session: Session, group_by: str, ids: Sequence[int]) -> dict[int, tuple[tuple, str]]:
    """{customer id: (sort key, group name)} of the customers' current region / industry / type entry."""
    code_column = {"region": Customer.region_id, "industry": Customer.industry_id, "type": Customer.type_id}
    entry = aliased(CodeEntry)
    out: dict[int, tuple[tuple, str]] = {}
    for chunk in (ids[i:i + 900] for i in range(0, len(ids), 900)):
        q = (select(Customer.id, entry.name, entry.sort_order)
             .outerjoin(entry, entry.id == code_column[group_by]).where(Customer.id.in_(chunk)))
        for cid, name, order in session.execute(q):
            out[cid] = ((name is None, order or 0, name or ""), name or UNSET)
    return out


def aging_view(session: Session, actor: Actor, on: date, group_by: str | None = None) -> AgingView:
    """The aging report of the customers the actor may see as of `on`, per customer or grouped, with its proof:
    a grouping of `app.reports.aging`'s figures (read as fen and kept as columns), not another computation."""
    if group_by not in GROUPS:
        raise ValidationError("aging.bad_group", group=group_by)
    seen = visible_to(actor)
    found = list(aging.customer_figures(session, on, seen))
    found.sort(key=lambda f: f[1])  # code order
    fen = [[f[5][n] for f in found] for n in range(len(MONEY))]
    columns = analytics.Columns(_KINDS, {
        "id": [f[0] for f in found], "code": [f[1] for f in found], "name": [f[2] for f in found],
        "owner": [f[4] or SHARED_POOL for f in found], **dict(zip(MONEY, fen, strict=True))})
    members = AgingRows(columns)
    ids = array("q", (f[0] for f in found))
    totals_fen = [sum(column) for column in fen]
    totals = _row("合计", totals_fen, ids)
    rows: Sequence[AgingRow] = members
    if group_by is not None:
        if group_by == "owner":
            group_of = {f[0]: ((f[3] is None, f[3] or ""), f[4] or SHARED_POOL) for f in found}
        else:
            group_of = _group_keys(session, group_by, ids)
        groups: dict[tuple[tuple, str], list[int]] = {}
        for i, cid in enumerate(ids):
            groups.setdefault(group_of[cid], []).append(i)
        rows = tuple(_row(key[1], [sum(column[i] for i in at) for column in fen], array("q", (ids[i] for i in at)))
                     for key, at in sorted(groups.items()))
    proof = aging.reconcile_totals(session, on, {"balance": totals.balance, **totals.buckets,
                                                 "unapplied": totals.unapplied}, seen)
    return AgingView(on, group_by, rows, totals, proof.orders, proof.receipts, proof.returns, proof.reconciles,
                     str(proof.message), members)


# --- drill-down and statement --------------------------------------------------------------------


@dataclass(frozen=True)
class Payment:
    """A document on the other side of an allocation: a receipt/return that paid an order, or an order it paid."""

    kind: str  # 收款单 | 退货单 | 销售单
    number: str
    date: date
    amount: Decimal


@dataclass(frozen=True)
class DrillItem:
    kind: str  # 销售单 (an open order) | 收款单 / 退货单 (a credit with unapplied money)
    id: int
    number: str
    date: date
    due_date: date | None
    total: Decimal
    open: Decimal  # what the order still owes, or what of the credit is unapplied
    days_past_due: int | None
    allocations: tuple[Payment, ...]  # what paid the order, or what the credit paid

    @property
    def paid(self) -> Decimal:
        return sum((p.amount for p in self.allocations), ZERO)


def check_visible(session: Session, actor: Actor, customer_id: int) -> None:
    if session.get(Customer, customer_id) is None:
        raise NotFound("customer.not_found")
    seen = visible_to(actor)
    if seen is not None and session.scalar(select(Customer.id).where(Customer.id == customer_id, seen)) is None:
        raise PermissionDenied("customer.not_yours_view")


def drill(session: Session, actor: Actor, on: date, customer_id: int, bucket: str) -> list[DrillItem]:
    """The orders of one customer whose open amount is in `bucket` on `on`, each with what paid it; for
    "unapplied", the receipts and returns with money not yet applied, each with the orders it paid."""
    if bucket not in (*ledger.BUCKETS, UNAPPLIED):
        raise ValidationError("aging.bad_bucket", bucket=bucket)
    check_visible(session, actor, customer_id)
    orders, credits = ledger.customer_documents(session, customer_id, on)
    result = ledger.allocate(orders, credits)
    by_order = {o.id: o for o in orders}
    by_credit = {(c.kind, c.id): c for c in credits}
    if bucket == UNAPPLIED:
        items = [
            DrillItem(KIND_TITLES[c.kind], c.id, c.number, c.date, None, c.amount, left, None, tuple(
                Payment(KIND_TITLES["order"], by_order[oid].number, by_order[oid].date, amount)
                for oid, amount in result.paid.get(key, [])))
            for key, left in result.unapplied_by_credit.items() for c in [by_credit[key]]
        ]
        return sorted(items, key=lambda i: (i.date, i.number))
    paid_by: dict[int, list[Payment]] = {}
    for key, pays in result.paid.items():
        c = by_credit[key]
        for oid, amount in pays:
            paid_by.setdefault(oid, []).append(Payment(KIND_TITLES[c.kind], c.number, c.date, amount))
    items = []
    for o in sorted(orders, key=lambda o: (o.due_date, o.date, o.number)):
        left, days = result.open[o.id], (on - o.due_date).days
        if left > 0 and ledger.bucket_of(days) == bucket:
            pays = tuple(sorted(paid_by.get(o.id, []), key=lambda p: (p.date, p.number)))
            items.append(DrillItem(KIND_TITLES["order"], o.id, o.number, o.date, o.due_date, o.total, left,
                                   max(days, 0), pays))
    return items


def customer_statement(session: Session, actor: Actor, customer_id: int, start: date, end: date
                       ) -> statement.Statement:
    """对账单 of a customer the actor may see."""
    if not can(actor, "customers.view_all"):
        check_visible(session, actor, customer_id)
    return statement.statement(session, customer_id, start, end)
