"""提醒: what a login is reminded of as of a date — overdue and soon-due receivables, customers near their credit limit,
held orders, dormant customers, follow-ups and visits due, contacts' birthdays — and the reminders each login put
away (dismissed, or snoozed until a date) until their condition worsens.

Who is reminded of what (every item is about a customer the login may see, app.customer_list.visible_to):
- money (OVERDUE, DUE_SOON, NEAR_LIMIT): every customer for the roles that see all customers (管理员, 经理, 财务),
  a salesperson's own customers for a salesperson;
- HELD: the roles that approve (credit.approve);
- care (DORMANT, FOLLOW_UP_DUE, BIRTHDAY): the customer's owner; a shared-pool customer's go to the leaders
  (经理, 管理员), and a follow-up planned on a pool customer also to the salesperson who planned it;
- VISIT_DUE: whoever the grade's visit plan names (settings): the leaders, the sales managers, or the owner (the
  leaders for a pool customer).
Who owns a customer, its status and its set grade are today's; the figures (money, orders, follow-ups, visits) are
as of the date. Every read is a grouped statement over the customers in scope (no statement per customer); the
money figures are app.ledger.owing's: the allocation kept as documents are saved, computed from the documents for the
customers it does not hold for (a document dated after the date, a write not yet kept). The care kinds that a leader
has by the ten thousand (FOLLOW_UP_DUE, VISIT_DUE with the suggested grades) are counted by the database on second
connections while the rest is read (`Counted`), and read when they are worded.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any, NamedTuple

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    case,
    delete,
    exists,
    extract,
    false,
    func,
    or_,
    select,
    union,
)
from sqlalchemy.orm import Session, aliased, sessionmaker

from app import analytics, auth, care, credit_view, customers, ledger
from app import settings as app_settings
from app.bulk import building
from app.changes import NOTHING, Changes
from app.context import Actor, audit
from app.db import as_date, driver_rows, first_column
from app.errors import NotFound, ValidationError
from app.messages import Message, msg
from app.reports.common import fen
from app.statuses import OrderStatus
from models import (
    Contact,
    CreditHistory,
    Customer,
    CustomerTotals,
    FollowUp,
    MoneyDirty,
    ReminderState,
    SalesOrder,
    User,
)
from models.types import fen_to_yuan

KINDS = ("OVERDUE", "DUE_SOON", "NEAR_LIMIT", "HELD", "DORMANT", "FOLLOW_UP_DUE", "VISIT_DUE", "BIRTHDAY")
CHUNK = 900  # customer ids per IN list (SQLite's bound-parameter limit, and the ledger repeats the list)
WHOLE_READ = 20 * CHUNK  # more customers than this to name: read the whole table once
CARE_STATUSES_EXCLUDED = ("terminated",)  # nothing to visit or wake up any more


class Reminder(NamedTuple):
    """One reminder. `key` names what it is about (a customer, an order, a follow-up, a contact's birthday this
    year); `level` (fen or a count) and `stage` (an aging bucket, over the limit, a long gap) say how bad it is, so
    that one put away comes back when it worsens. (A named tuple, its message a catalogue code and arguments made
    into a Message when shown: a leader may have a hundred thousand.)"""

    kind: str
    key: str
    customer_id: int
    customer_code: str
    customer_name: str
    message_code: str
    message_args: tuple[tuple[str, Any], ...]
    document: str | None = None  # the order's number
    document_id: int | None = None  # the order (DUE_SOON, HELD, an after-sales follow-up)
    amount: Decimal | None = None
    days: int | None = None
    level: int = 0
    stage: int = 0
    contact_id: int | None = None

    @property
    def message(self) -> Message:
        return Message(self.message_code, self.message_args)

    @property
    def text(self) -> str:
        return self.message.text()

    def to_json(self) -> dict[str, Any]:
        """CONTRACT.md: kind, customer_code, document, amount (2 places), days, message (in Chinese)."""
        return {"kind": self.kind, "customer_code": self.customer_code, "document": self.document,
                "amount": None if self.amount is None else str(self.amount.quantize(Decimal("0.01"))),
                "days": self.days, "message": self.message.text("zh")}


def sort_key(item: Reminder) -> tuple[str, str, str, str]:
    """Plain code-point order of (kind, customer code, document), as CONTRACT.md sorts rows."""
    return item.kind, item.customer_code, item.document or "", item.key


@dataclass(frozen=True)
class Reminders:
    """What a login is reminded of as of a date: `items` shown, `hidden` put away (still true, not worse)."""

    user: str
    as_of: date
    items: tuple[Reminder, ...]
    hidden: tuple[Reminder, ...] = ()
    kinds: tuple[str, ...] = KINDS  # the kinds it holds (Pending.worded: the ones asked for)

    @property
    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(KINDS, 0)
        for item in self.items:
            counts[item.kind] += 1
        return counts

    @property
    def total(self) -> int:
        return len(self.items)

    def by_kind(self) -> dict[str, list[Reminder]]:
        """Items per kind, in KINDS order."""
        groups: dict[str, list[Reminder]] = {kind: [] for kind in KINDS}
        for item in self.items:
            groups[item.kind].append(item)
        return groups

    def to_json(self) -> dict[str, Any]:
        return {"user": self.user, "as_of": self.as_of.isoformat(), "items": [i.to_json() for i in self.items],
                "counts": self.counts}


# A reminder before it is worded: (customer id, key, level, stage, what its kind needs to word it). Counting and
# putting away need no more; the customer's code and name and the message are added for the kinds shown (`Pending`).
Fact = tuple[int, str, int, int, Any]
State = tuple[date | None, int, int]  # a put-away reminder: (until, level, stage) — see `_split`
Dress = Callable[[Fact, tuple[str, str]], Reminder]
Prepare = Callable[[Session, list[Fact]], None]


def _reminder(kind: str, fact: Fact, customer: tuple[str, str], code: str, args: tuple[tuple[str, Any], ...], *,
              document: str | None = None, document_id: int | None = None, amount: Decimal | None = None,
              days: int | None = None, contact_id: int | None = None) -> Reminder:
    cid, key, level, stage, _what = fact
    return Reminder(kind, key, cid, customer[0], customer[1], code, args, document, document_id, amount, days, level,
                    stage, contact_id)


@dataclass(frozen=True)
class Pending:
    """What a login is reminded of as of a date, counted: each kind's facts, shown and put away, and how to word
    them. `worded` names the customers and makes the reminders of the kinds asked for, so that a panel shows a
    leader's hundred thousand as counts at once and words a kind when it is opened."""

    user: str
    as_of: date
    shown: dict[str, list[Fact]]
    put_away: dict[str, list[Fact]]
    dressers: dict[str, Dress]
    preparers: dict[str, Prepare] = field(default_factory=dict)
    counted: dict[str, tuple[int, Callable[[Session], list[Fact]]]] = field(default_factory=dict)
    states: dict[str, State] = field(default_factory=dict)  # the login's put-away reminders (see `_states`)

    # A kind in `counted` (see Counted) has its count of shown facts and a reader of all its facts instead of its
    # shown facts.

    @property
    def counts(self) -> dict[str, int]:
        return {kind: self.counted[kind][0] if kind in self.counted else len(self.shown.get(kind, ()))
                for kind in KINDS}

    @property
    def hidden_counts(self) -> dict[str, int]:
        return {kind: len(self.put_away.get(kind, ())) for kind in KINDS}

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def worded(self, session: Session, kinds: Iterable[str] = KINDS) -> Reminders:
        """The reminders of `kinds` (all by default), sorted as CONTRACT.md sorts them."""
        with building():
            return self._worded(session, kinds)

    def _worded(self, session: Session, kinds: Iterable[str]) -> Reminders:
        chosen = sorted(set(kinds) & self.dressers.keys())  # code-point order of the kind, then sort_key within
        facts = {kind: _split(self.states, self.as_of, self.counted[kind][1](session)) if kind in self.counted
                 else (self.shown[kind], self.put_away[kind]) for kind in chosen}
        names = _Customers()
        names.load(session, {f[0] for kind in chosen for part in facts[kind] for f in part})
        shown: list[Reminder] = []
        hidden: list[Reminder] = []
        for kind in chosen:
            dress, (on_show, away) = self.dressers[kind], facts[kind]
            if kind in self.preparers:
                self.preparers[kind](session, [*on_show, *away])
            shown += sorted((dress(f, names.rows[f[0]]) for f in on_show), key=sort_key)
            hidden += sorted((dress(f, names.rows[f[0]]) for f in away), key=sort_key)
        return Reminders(self.user, self.as_of, tuple(shown), tuple(hidden), tuple(chosen))


# --- who is reminded of which customers ------------------------------------------------------------------------

ALL = ledger.ALL


def money_scope(actor: Actor) -> ColumnElement[bool] | None:
    """Customers whose money the login is reminded of (None: none)."""
    if auth.can(actor, "customers.view_all"):
        return ALL
    if actor.salesperson_id is not None:
        return Customer.owner_id == actor.salesperson_id
    return None


def care_scope(actor: Actor, owner: Any = Customer.owner_id) -> ColumnElement[bool] | None:
    """Customers whose care the login is reminded of: its own, and the shared pool for a leader (None: none)."""
    conds = []
    if actor.salesperson_id is not None:
        conds.append(owner == actor.salesperson_id)
    if actor.role in care.LEADERS:
        conds.append(owner.is_(None))
    return or_(*conds) if conds else None


def _scope_ids(session: Session, scope: ColumnElement[bool]) -> list[int]:
    """The ids of the customers in a scope, in id order."""
    return first_column(session, select(Customer.id).where(scope).order_by(Customer.id))


def _chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start:start + CHUNK]


@dataclass
class _Customers:
    """Code and name of the customers the reminders name, read once (the whole table when they are many)."""

    rows: dict[int, tuple[str, str]] = field(default_factory=dict)

    def load(self, session: Session, ids: Iterable[int]) -> None:
        missing = sorted(set(ids) - self.rows.keys())
        if len(missing) > WHOLE_READ:  # one pass over the table beats a hundred IN lists
            self.rows = {cid: (code, name) for cid, code, name in
                         driver_rows(session, select(Customer.id, Customer.code, Customer.name))}
            return
        for chunk in _chunks(missing):
            for cid, code, name in driver_rows(
                    session, select(Customer.id, Customer.code, Customer.name).where(Customer.id.in_(chunk))):
                self.rows[cid] = (code, name)


# a kind, its facts, how to word one, and what reads what the wording needs beyond the facts (or nothing)
Found = tuple[str, list[Fact], Dress] | tuple[str, list[Fact], Dress, Prepare]


class Counted(NamedTuple):
    """A kind with many facts, counted by the database and read when it is worded (see `_counted`): `found` gets how
    many facts it has, the facts when they were read whole (else None) and those of them this login put away;
    `read(session)` reads them all."""

    kind: str
    found: Callable[[], tuple[int, list[Fact] | None, list[Fact]]]
    read: Callable[[Session], list[Fact]]
    dress: Dress
    prepare: Prepare | None = None


# a statement of a counted kind (its first column the id that the kind's keys name), and how a row is a fact
Source = tuple[Select, Callable[[Any], Fact]]
FEW = 200  # a counted kind's statement with at most this many rows is read whole with its count


def _counted(session: Session, states: dict[str, State], kind: str, sources: Callable[[Session], list[Source]],
             dress: Dress, prepare: Prepare | None, read_all: bool) -> Counted:
    """A counted kind, its facts found on a second connection beside the caller's reading (app.analytics.beside), one
    statement each: counted by the database, with its first FEW + 1 rows and those whose id a key this login put
    away names (read whole when they are FEW at most); read whole when `read_all` or when the login put away more than
    CHUNK of the kind."""
    keys = {k for k in states if k.startswith(f"{kind}:")}
    ids = sorted({int(part) for k in keys for part in k.split(":") if part.isdigit()})  # a few more than named

    def read(s: Session) -> list[Fact]:
        return [make(row) for q, make in sources(s) for row in driver_rows(s, q)]

    def found(s: Session) -> tuple[int, list[Fact] | None, list[Fact]]:
        if read_all or len(ids) > CHUNK:
            facts = read(s)
            return len(facts), facts, [f for f in facts if f[1] in keys]
        many, facts, whole = 0, [], True
        for q, make in sources(s):
            rows = q.subquery()
            if ids:  # the first rows and the put-away ones, numbered after the count
                numbered = select(rows, func.count().over(), func.row_number().over()).subquery()
                first, at = list(numbered.c)[0], list(numbered.c)[-1]
                got = [row[:-1] for row in driver_rows(s, select(numbered).where(or_(at <= FEW + 1, first.in_(ids))))]
            else:
                got = driver_rows(s, select(rows, func.count().over()).limit(FEW + 1))
            n = int(got[0][-1]) if got else 0
            many, whole = many + n, whole and n <= FEW
            facts += [make(row[:-1]) for row in got]
        return many, facts if whole else None, [f for f in facts if f[1] in keys]

    return Counted(kind, analytics.beside(session, found), read, dress, prepare)


# --- money: OVERDUE, DUE_SOON, NEAR_LIMIT, from app.ledger.owing -------------------------------------------------


@dataclass(frozen=True)
class _Money:
    """What the money reminders rest on: the figures of the customers in scope, the ones whose money the login is
    reminded of, and the credit limits in force of those that may be near them (`_limits`)."""

    owing: ledger.Owing
    ids: list[int]
    limits: dict[int, int]


def _money(session: Session, actor: Actor, on: date, scope: ColumnElement[bool] | None, due_by: date,
           config: app_settings.Settings) -> Callable[[], _Money]:
    """The money figures, read on a second connection while the caller reads the rest (app.analytics.beside):
    they are the slowest part. Only the customers some reminder may name: owing anything (OVERDUE, DUE_SOON,
    NEAR_LIMIT, a D grade suggested), or cared for by this login and not buying for the dormant days."""
    money, cared = money_scope(actor), care_scope(actor)
    wanted = CustomerTotals.orders > CustomerTotals.credits
    if cared is not None:
        asleep = select(Customer.id).where(*_cared_for(cared))
        wanted = or_(wanted, and_(CustomerTotals.last_order < on - timedelta(days=config.dormant_days),
                                  CustomerTotals.customer_id.in_(asleep)))

    def read(s: Session) -> _Money:
        if scope is None:
            return _Money(ledger.Owing({}, []), [], {})
        owing = ledger.owing(s, on, scope, due_by, wanted)
        owed = owing.owed
        if money is None:
            return _Money(owing, [], {})
        ids = sorted(owed) if money is ALL else [c for c in _scope_ids(s, money) if c in owed]
        return _Money(owing, ids, _limits(s, on, [cid for cid in ids if owed[cid].balance > 0],
                                          config.near_limit_percent))

    return analytics.beside(session, read)


def _overdue(on: date, owed: dict[int, ledger.Owed], ids: Sequence[int]) -> Found:
    facts: list[Fact] = []
    for cid in ids:
        m = owed[cid]
        if m.overdue > 0:
            facts.append((cid, f"OVERDUE:{cid}", m.overdue, m.stage(on),
                          None if m.oldest_due is None else (on - m.oldest_due).days))

    def dress(fact: Fact, customer: tuple[str, str]) -> Reminder:
        amount, days = fen_to_yuan(fact[2]), fact[4]
        return _reminder("OVERDUE", fact, customer, "reminders.overdue", (("amount", amount), ("days", days)),
                         amount=amount, days=days)

    return "OVERDUE", facts, dress


def _due_soon(on: date, falling: Sequence[ledger.FallingDue], ids: Sequence[int]) -> Found:
    """Open orders falling due from the date to the setting's days after it."""
    wanted = set(ids)
    facts: list[Fact] = [(f.customer_id, f"DUE_SOON:{f.order_id}", f.open_fen, 0, f)
                         for f in falling if f.customer_id in wanted]

    def dress(fact: Fact, customer: tuple[str, str]) -> Reminder:
        _cid, order_id, number, due, open_fen = fact[4]
        amount, days = fen_to_yuan(open_fen), (due - on).days
        code, args = ("reminders.due_today", (("number", number), ("amount", amount), ("due", due))) if due == on \
            else ("reminders.due_soon", (("number", number), ("amount", amount), ("due", due), ("days", days)))
        return _reminder("DUE_SOON", fact, customer, code, args, document=number, document_id=order_id,
                         amount=amount, days=days)

    return "DUE_SOON", facts, dress


def _limits(session: Session, on: date, ids: Sequence[int], percent: int | None = None) -> dict[int, int]:
    """{customer_id: credit limit in force on `on`, in fen} of these customers; with many of them and a `percent`,
    only of those that may owe more than that share of it (absent: they do not).

    A customer's list column holds the limit in force on some day from app.customers.synced_on to today; that is the
    one in force on `on` too unless a credit change is dated between them. So the column, except for the customers
    with a change dated in that span, whose limit is read from their history. Many customers: the kept balance is
    compared with the column's limit in SQL, and the column read for those over the share and for those whose figures
    are not kept (a write not yet kept, a document dated later)."""
    synced = customers.synced_on(session)
    if synced is None:
        moved = set(ids)
    else:
        span = (CreditHistory.effective > min(on, synced), CreditHistory.effective <= max(on, date.today()))
        moved = set(first_column(session, select(CreditHistory.customer_id).where(*span).distinct()))
    out: dict[int, int] = {}
    kept = [cid for cid in ids if cid not in moved]
    if len(kept) > WHOLE_READ and percent is not None:
        wanted = set(kept)
        balance = CustomerTotals.orders - CustomerTotals.credits
        near = (select(CustomerTotals.customer_id).join(Customer, Customer.id == CustomerTotals.customer_id)
                .where(balance > 0, balance * 100 > percent * fen(Customer.credit_limit)))
        maybe = union(near, select(MoneyDirty.customer_id),
                      select(CustomerTotals.customer_id).where(CustomerTotals.last_document > on))
        out.update((cid, int(limit or 0)) for cid, limit in driver_rows(
            session, select(Customer.id, fen(Customer.credit_limit)).where(Customer.id.in_(maybe))) if cid in wanted)
    else:
        for chunk in _chunks(kept):
            out.update((cid, int(limit or 0)) for cid, limit in driver_rows(
                session, select(Customer.id, fen(Customer.credit_limit)).where(Customer.id.in_(chunk))))
    h = CreditHistory
    latest = (select(fen(h.credit_limit)).where(h.customer_id == Customer.id, h.effective <= on)
              .order_by(h.effective.desc(), h.id.desc()).limit(1).scalar_subquery())
    for chunk in _chunks([cid for cid in ids if cid in moved]):
        out.update((cid, int(limit or 0)) for cid, limit in
                   driver_rows(session, select(Customer.id, latest).where(Customer.id.in_(chunk))))
    return out


def _near_limit(percent: int, owed: dict[int, ledger.Owed], limits: dict[int, int]) -> Found:
    """Customers owing more than `percent` % of their credit limit on the date (over it included; a positive
    balance with no limit granted is over it), of those `_limits` gave."""
    facts: list[Fact] = []
    for cid, limit in limits.items():
        balance = owed[cid].balance
        if balance > 0 and balance * 100 > percent * limit:
            facts.append((cid, f"NEAR_LIMIT:{cid}", balance, 1 if balance > limit else 0, limit))

    def dress(fact: Fact, customer: tuple[str, str]) -> Reminder:
        _cid, _key, balance, over, limit = fact
        b, lim = fen_to_yuan(balance), fen_to_yuan(limit)
        if limit == 0:
            code, args = "reminders.near_limit_none", (("balance", b),)
        elif over:
            code, args = "reminders.near_limit_over", (("balance", b), ("limit", lim))
        else:
            code, args = "reminders.near_limit", (("balance", b), ("limit", lim),
                                                  ("share", f"{Decimal(balance * 100) / Decimal(limit):.2f}%"))
        return _reminder("NEAR_LIMIT", fact, customer, code, args, amount=b)

    return "NEAR_LIMIT", facts, dress


# --- HELD ------------------------------------------------------------------------------------------------------------


def _held(session: Session, on: date) -> Found:
    """Held orders dated on or before the date, waiting for approval (days since the order date)."""
    rows = session.execute(
        select(SalesOrder.id, SalesOrder.customer_id, SalesOrder.number, SalesOrder.date, SalesOrder.total)
        .where(SalesOrder.status == OrderStatus.HELD, SalesOrder.date <= on)).all()
    facts: list[Fact] = [(cid, f"HELD:{oid}", int(total * 100), 0, (oid, number, (on - day).days, total))
                         for oid, cid, number, day, total in rows]

    def dress(fact: Fact, customer: tuple[str, str]) -> Reminder:
        oid, number, days, total = fact[4]
        return _reminder("HELD", fact, customer, "reminders.held",
                         (("number", number), ("amount", total), ("days", days)),
                         document=number, document_id=oid, amount=total, days=days)

    return "HELD", facts, dress


# --- DORMANT ---------------------------------------------------------------------------------------------------------


def _cared_for(scope: ColumnElement[bool]) -> list[ColumnElement[bool]]:
    """The customers of the scope that are cared for: not archived, not terminated. (`archived` through coalesce, so
    that SQLite reads the scope's owner index, not the (archived, code) index: nearly every customer is unarchived.)"""
    return [scope, func.coalesce(Customer.archived, false()).is_(False), Customer.status.not_in(CARE_STATUSES_EXCLUDED)]


def _dormant(on: date, days: int, owed: dict[int, ledger.Owed], ids: Sequence[int]) -> Found:
    """DOMAIN.md "Dormant customers": bought before, last confirmed order more than N days before the date (one
    exactly N days ago is not dormant)."""
    limit = on - timedelta(days=days)
    facts: list[Fact] = [(cid, f"DORMANT:{cid}:{m.last_order.isoformat()}", 0, 0, m.last_order) for cid in ids
                         if (m := owed.get(cid)) is not None and m.last_order is not None and m.last_order < limit]

    def dress(fact: Fact, customer: tuple[str, str]) -> Reminder:
        last = fact[4]
        return _reminder("DORMANT", fact, customer, "reminders.dormant", (("last", last), ("days", (on - last).days)),
                         days=(on - last).days)

    return "DORMANT", facts, dress


# --- FOLLOW_UP_DUE ---------------------------------------------------------------------------------------------------


def _follow_ups(session: Session, actor: Actor, on: date, scope: ColumnElement[bool] | None,
                states: dict[str, State], read_all: bool) -> Counted | None:
    """After-sales follow-ups due and not done (the customers in scope), and next dates planned on follow-ups (see
    `_planned`); None when the login has neither. Counted by the database beside the caller's reading; the facts
    are read when the kind is worded, the order numbers of the after-sales ones with them."""
    tasks = _tasks(on, scope)
    planned = _planned(actor, on, scope)
    if tasks is None and not planned:
        return None

    def sources(_s: Session) -> list[Source]:
        return ([] if tasks is None else [(tasks, task)]) + [(q, plan) for q in planned]

    def task(row: Any) -> Fact:
        task_id, cid, order_id, step, due = row
        return cid, f"FOLLOW_UP_DUE:task:{task_id}", 0, 0, (order_id, step, as_date(due))

    def plan(row: Any) -> Fact:
        fid, cid, due, content = row
        return cid, f"FOLLOW_UP_DUE:plan:{fid}", 0, 0, (as_date(due), content)

    steps = {step: msg(f"care.step_{step}") for step in care.STEPS}
    numbers: dict[int, str] = {}

    def prepare(session: Session, facts: list[Fact]) -> None:
        wanted = sorted({f[4][0] for f in facts if len(f[4]) == 3} - numbers.keys())
        for chunk in _chunks(wanted):
            numbers.update(driver_rows(session, select(SalesOrder.id, SalesOrder.number)
                                       .where(SalesOrder.id.in_(chunk))))

    def dress(fact: Fact, customer: tuple[str, str]) -> Reminder:
        what = fact[4]
        if len(what) == 2:
            due, content = what
            return _reminder("FOLLOW_UP_DUE", fact, customer, "reminders.planned",
                             (("due", due), ("content", _short(content))), days=(on - due).days)
        order_id, step, due = what
        number = numbers[order_id]
        return _reminder("FOLLOW_UP_DUE", fact, customer, "reminders.after_sales",
                         (("step", steps[step]), ("number", number), ("due", due)),
                         document=number, document_id=order_id, days=(on - due).days)

    return _counted(session, states, "FOLLOW_UP_DUE", sources, dress, prepare, read_all)


def _tasks(on: date, scope: ColumnElement[bool] | None) -> Select | None:
    """(id, customer, order, step, due) of the after-sales follow-ups due on `on` and not done, of the customers in
    scope that are cared for (None: no scope)."""
    if scope is None:
        return None
    tasks = care.open_tasks(on).subquery()
    return (select(tasks.c.id, tasks.c.customer_id, tasks.c.order_id, tasks.c.step, tasks.c.due)
            .join(Customer, Customer.id == tasks.c.customer_id).where(*_cared_for(scope)))


def _planned(actor: Actor, on: date, scope: ColumnElement[bool] | None) -> list[Select]:
    """(id, customer, next date, content) of the next dates planned on follow-ups, due until a follow-up of the
    customer is logged on or after them: those of the customers in scope, and those the login's salesperson planned
    on a shared-pool customer — one statement each (so each reads the follow-ups by customer; they do not overlap)."""
    later = aliased(FollowUp)
    done = exists().where(later.customer_id == FollowUp.customer_id, later.date >= FollowUp.next_date,
                          later.date <= on)
    wanted = [] if scope is None else [FollowUp.customer_id.in_(select(Customer.id).where(*_cared_for(scope)))]
    if actor.salesperson_id is not None and actor.role not in care.LEADERS:  # leaders have the pool in scope
        pool = select(Customer.id).where(*_cared_for(Customer.owner_id.is_(None)))
        wanted.append(and_(FollowUp.customer_id.in_(pool), FollowUp.salesperson_id == actor.salesperson_id))
    return [select(FollowUp.id, FollowUp.customer_id, FollowUp.next_date, FollowUp.content)
            .where(cond, FollowUp.next_date <= on, FollowUp.date <= on, ~done) for cond in wanted]


def _short(text: str, length: int = 30) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[:length - 1] + "…"


# --- VISIT_DUE -------------------------------------------------------------------------------------------------------


def _visit_scope(actor: Actor, config: app_settings.Settings) -> ColumnElement[bool] | None:
    """The customers some visit plan could remind this login of: its own, the pool for a leader, every customer
    when a plan names its role (None: none)."""
    plans = [config.visits(g) for g in app_settings.VISIT_GRADES]
    if not any(count > 0 for count, _by in plans):
        return None
    by_role = any(count > 0 and actor.role in (care.visit_roles(by) or ()) for count, by in plans)
    return ALL if by_role else care_scope(actor)


def _visit_rows(session: Session, actor: Actor, on: date, config: app_settings.Settings,
                scope: ColumnElement[bool]) -> Select | None:
    """(id, grade, visits this month, last visit within VISIT_GAP_DAYS) of the customers whose visit is due and is
    this login's, as one statement (None: no plan is this login's): the customers of the visit scope, not archived
    or terminated, whose grade — the set one, else the suggested one (app.analytics.suggested_sql) — asks for visits
    that this login makes: the roles a plan names, else the owner (the leaders for a shared-pool customer); due as
    care.visit_due says."""
    ungraded = session.scalar(select(Customer.id).where(*_cared_for(scope), Customer.grade.is_(None)).limit(1))
    suggested = None if ungraded is None else analytics.suggested_sql(session, on).subquery("suggested")
    grade: Any = Customer.grade if suggested is None else func.coalesce(Customer.grade, suggested.c.grade, "C")
    mine = []
    for g in app_settings.VISIT_GRADES:
        count, by = config.visits(g)
        roles = care.visit_roles(by)
        if count <= 0 or (roles is not None and actor.role not in roles):
            continue
        own = care_scope(actor) if roles is None else None
        if roles is None and own is None:
            continue
        mine.append(grade == g if own is None else and_(grade == g, own))
    if not mine:
        return None
    start = care.month_start(on)
    seen = (select(FollowUp.customer_id, func.sum(case((FollowUp.date >= start, 1), else_=0)).label("done"),
                   func.max(FollowUp.date).label("last"))
            .where(care.is_visit(), FollowUp.date <= on,
                   FollowUp.date >= min(start, on - timedelta(days=care.VISIT_GAP_DAYS)))
            .group_by(FollowUp.customer_id)).subquery("seen")
    plan = case({g: config.visits(g)[0] for g in app_settings.VISIT_GRADES}, value=grade, else_=0)
    q = select(Customer.id, grade, seen.c.done, seen.c.last).outerjoin(seen, seen.c.customer_id == Customer.id)
    if suggested is not None:
        q = q.outerjoin(suggested, suggested.c.customer_id == Customer.id)
    return q.where(*_cared_for(scope), or_(*mine), care.visit_due(seen.c.done, seen.c.last, plan, on))


def _last_visits(session: Session, on: date, ids: Sequence[int]) -> dict[int, date]:
    """{customer: its last visit on or before the date} of those visited at all."""
    q = select(FollowUp.customer_id, func.max(FollowUp.date)).where(care.is_visit(), FollowUp.date <= on)
    if len(ids) > WHOLE_READ:
        wanted = set(ids)
        return {cid: as_date(last) for cid, last in driver_rows(session, q.group_by(FollowUp.customer_id))
                if cid in wanted}
    out: dict[int, date] = {}
    for chunk in _chunks(ids):
        out.update((cid, as_date(last)) for cid, last in
                   driver_rows(session, q.where(FollowUp.customer_id.in_(chunk)).group_by(FollowUp.customer_id)))
    return out


def _visits(session: Session, actor: Actor, on: date, config: app_settings.Settings, states: dict[str, State],
            read_all: bool) -> Counted | None:
    """DOMAIN.md "Customer care": fewer visits this month than the grade's plan from the 20th, or the last visit more
    than 45 days ago (see `_visit_rows`). Counted by the database beside the caller's reading; the facts (level: the
    visits short this month, stage 1: a long gap) are read when the kind is worded."""
    scope = _visit_scope(actor, config)
    if scope is None:
        return None
    month = f"{on:%Y-%m}"
    plans = {g: config.visits(g) for g in app_settings.VISIT_GRADES}

    def sources(s: Session) -> list[Source]:
        q = _visit_rows(s, actor, on, config, scope)
        return [] if q is None else [(q, fact)]

    def fact(row: Any) -> Fact:
        cid, g, done, last = row
        count, by = plans[g]
        done, last = int(done or 0), as_date(last)  # last: within the gap, else None (see _visit_rows)
        gap = last is None or (on - last).days > care.VISIT_GAP_DAYS
        return cid, f"VISIT_DUE:{cid}:{month}", count - done, 1 if gap else 0, (g, count, by, done, last)

    never = msg("reminders.never_visited")
    by_text = {by: msg(f"care.by_{by}") for _count, by in plans.values()}
    older: dict[int, date] = {}  # the last visits before the gap, read for the facts worded

    def prepare(session: Session, facts: list[Fact]) -> None:
        older.update(_last_visits(session, on, [f[0] for f in facts if f[4][4] is None and f[0] not in older]))

    def dress(fact: Fact, customer: tuple[str, str]) -> Reminder:
        g, count, by, done, last = fact[4]
        last = last or older.get(fact[0])
        args = (("grade", g), ("plan", count), ("by", by_text[by]), ("done", done),
                ("last", msg("reminders.last_visit", day=last) if last else never))
        return _reminder("VISIT_DUE", fact, customer, "reminders.visit", args,
                         days=None if last is None else (on - last).days)

    return _counted(session, states, "VISIT_DUE", sources, dress, prepare, read_all)


# --- BIRTHDAY --------------------------------------------------------------------------------------------------------


def _birthday_on(born: date, year: int) -> date:
    """The birthday in `year` (29 February on the 28th in other years)."""
    try:
        return born.replace(year=year)
    except ValueError:
        return date(year, 2, 28)


def _birthdays(session: Session, on: date, scope: ColumnElement[bool]) -> Found:
    """Contacts whose birthday falls in the calendar week (Monday to Sunday) of the date."""
    from app.followups import week_of

    monday, sunday = week_of(on)
    days = [monday + timedelta(days=i) for i in range(7)]
    keys = {d.month * 100 + d.day for d in days}
    if any(d.month == 2 and d.day == 28 for d in days) and not any(d.month == 2 and d.day == 29 for d in days):
        keys.add(229)  # born on 29 February: celebrated on the 28th when the year has no 29th
    month_day = extract("month", Contact.birthday) * 100 + extract("day", Contact.birthday)
    q = (select(Contact.id, Contact.customer_id, Contact.name, Contact.birthday)
         .join(Customer, Customer.id == Contact.customer_id)
         .where(Contact.birthday.is_not(None), month_day.in_(sorted(keys)), *_cared_for(scope)))
    facts: list[Fact] = []
    for contact_id, cid, name, born in session.execute(q):
        when = next((d for d in days if _birthday_on(born, d.year) == d), None)
        if when is not None:
            facts.append((cid, f"BIRTHDAY:{contact_id}:{when.year}", 0, 0, (contact_id, name, when)))

    def dress(fact: Fact, customer: tuple[str, str]) -> Reminder:
        contact_id, name, when = fact[4]
        return _reminder("BIRTHDAY", fact, customer, "reminders.birthday", (("name", name), ("day", when)),
                         days=(when - on).days, contact_id=contact_id)

    return "BIRTHDAY", facts, dress


# --- all of them -----------------------------------------------------------------------------------------------------


def pending_for(session: Session, actor: Actor, on: date, read_all: bool = False) -> Pending:
    """Everything `actor` is reminded of as of `on`, counted, the ones it put away set apart (rule: reads only). The
    money figures and the counted kinds are read beside the rest (see `_money`, `_counted`); `read_all` reads the
    counted kinds' facts too, for a caller that words everything."""
    with building():
        return _pending(session, actor, on, read_all)


def _pending(session: Session, actor: Actor, on: date, read_all: bool) -> Pending:
    config = app_settings.load(session)
    money, cared = money_scope(actor), care_scope(actor)
    states = _states(session, actor)
    visits = _visits(session, actor, on, config, states, read_all)  # the slowest first: it runs beside what follows
    follow_ups = _follow_ups(session, actor, on, cared, states, read_all)
    if money is ALL:
        scope: ColumnElement[bool] | None = ALL
    else:
        scope = or_(*(s for s in (money, cared) if s is not None)) if money is not None or cared is not None else None
    figures = _money(session, actor, on, scope, on + timedelta(days=config.due_soon_days), config)
    found: list[Found] = []
    if auth.can(actor, "credit.approve"):
        found.append(_held(session, on))
    if cared is not None:
        found.append(_birthdays(session, on, cared))
        cared_ids = first_column(session, select(Customer.id).where(*_cared_for(cared)))
    later = [c for c in (visits, follow_ups) if c is not None]
    money_found = figures()
    owed = money_found.owing.owed
    if money is not None:
        found += [_overdue(on, owed, money_found.ids), _due_soon(on, money_found.owing.falling, money_found.ids),
                  _near_limit(config.near_limit_percent, owed, money_found.limits)]
    if cared is not None:
        found.append(_dormant(on, config.dormant_days, owed, cared_ids))
    shown, put_away, dressers, preparers = {}, {}, {}, {}
    for kind, facts, dress, *prepare in found:
        shown[kind], put_away[kind] = _split(states, on, facts)
        dressers[kind] = dress
        if prepare:
            preparers[kind] = prepare[0]
    counted = {}
    for c in later:
        many, facts, away = c.found()
        if facts is None:
            put_away[c.kind] = _split(states, on, away)[1]
            counted[c.kind] = (many - len(put_away[c.kind]), c.read)
        else:
            shown[c.kind], put_away[c.kind] = _split(states, on, facts)
        dressers[c.kind] = c.dress
        if c.prepare is not None:
            preparers[c.kind] = c.prepare
    return Pending(actor.login, on, shown, put_away, dressers, preparers, counted, states)


def reminders_for(session: Session, actor: Actor, on: date) -> Reminders:
    """Everything `actor` is reminded of as of `on`, worded, the ones it put away set apart (rule: reads only)."""
    return pending_for(session, actor, on, read_all=True).worded(session)


def actor_of(session: Session, login: str) -> Actor:
    """The Actor of a login, for `crm reminders --user LOGIN`."""
    user = session.scalar(select(User).where(User.login == login.strip()))
    if user is None:
        raise NotFound("auth.no_account", login=login)
    return Actor(login=user.login, role=user.role, salesperson_id=user.salesperson_id)


def for_login(session: Session, login: str, on: date) -> Reminders:
    return reminders_for(session, actor_of(session, login), on)


def count(session: Session, actor: Actor, on: date) -> int:
    """The toolbar badge: how many reminders the login has."""
    return pending_for(session, actor, on).total


# --- putting reminders away --------------------------------------------------------------------------------------------


def _states(session: Session, actor: Actor) -> dict[str, State]:
    """{key: (until, level, stage)} of the reminders this login put away."""
    return {key: (until, level, stage) for key, until, level, stage in session.execute(
        select(ReminderState.key, ReminderState.until, ReminderState.level, ReminderState.stage)
        .where(ReminderState.login == actor.login))}


def _split(states: dict[str, State], on: date, facts: list[Fact]
           ) -> tuple[list[Fact], list[Fact]]:
    """(shown, put away): a reminder is put away while its login's dismissal holds (no date, or snoozed past `on`)
    and it is no worse than when it was put away."""
    if not states:
        return facts, []
    shown, hidden = [], []
    for fact in facts:
        state = states.get(fact[1])
        if state is not None and (state[0] is None or on < state[0]) and fact[2] <= state[1] and fact[3] <= state[2]:
            hidden.append(fact)
        else:
            shown.append(fact)
    return shown, hidden


@dataclass(frozen=True)
class PutAway:
    """How many reminders were put away (or brought back); they concern one login only, so no view is stale."""

    count: int
    until: date | None = None

    @property
    def changes(self) -> Changes:
        return NOTHING


def dismiss(sessions: sessionmaker, actor: Actor, items: Sequence[Reminder], until: date | None = None,
            today: date | None = None) -> PutAway:
    """Put reminders away for this login: until `until` (snooze), or for good (None) unless they worsen."""
    if until is not None and until <= (today or date.today()):
        raise ValidationError("reminders.snooze_past")
    if not items:
        return PutAway(0, until)
    with sessions.begin() as s:
        keys = [i.key for i in items]
        for chunk in _chunks(keys):  # type: ignore[arg-type]
            s.execute(delete(ReminderState).where(ReminderState.login == actor.login, ReminderState.key.in_(chunk)))
        now = datetime.now()
        s.add_all([ReminderState(login=actor.login, key=i.key, kind=i.kind, until=until, level=i.level,
                                 stage=i.stage, at=now) for i in {i.key: i for i in items}.values()])
        audit(s, actor, "reminder.snooze" if until else "reminder.dismiss", "reminder", None, keys=keys[:50],
              count=len(keys), until=until)
    return PutAway(len(items), until)


def restore(sessions: sessionmaker, actor: Actor, keys: Sequence[str]) -> PutAway:
    """Bring put-away reminders back for this login."""
    with sessions.begin() as s:
        gone = 0
        for chunk in _chunks(list(keys)):  # type: ignore[arg-type]
            gone += int(s.execute(delete(ReminderState).where(ReminderState.login == actor.login,
                                                              ReminderState.key.in_(chunk))).rowcount or 0)
        audit(s, actor, "reminder.restore", "reminder", None, keys=list(keys)[:50], count=gone)
    return PutAway(gone)


def overdue_documents(session: Session, actor: Actor, customer_id: int, on: date) -> list[credit_view.DrillItem]:
    """What an OVERDUE reminder opens: the customer's open orders past due on `on` (the aging drill-down's items of
    its four past-due buckets), oldest due first."""
    items: list[credit_view.DrillItem] = []
    for bucket in ("d90_plus", "d61_90", "d31_60", "d1_30"):
        items += credit_view.drill(session, actor, on, customer_id, bucket)
    return items
