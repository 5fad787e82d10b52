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
customers it does not hold for (a document dated after the date, a write not yet kept).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any, NamedTuple

from sqlalchemy import (
    ColumnElement,
    and_,
    case,
    delete,
    exists,
    extract,
    func,
    or_,
    select,
)
from sqlalchemy.orm import Session, aliased, sessionmaker

from app import analytics, auth, care, credit_view, history, ledger
from app import settings as app_settings
from app.changes import NOTHING, Changes
from app.context import Actor, audit
from app.db import as_date, first_column
from app.errors import NotFound, ValidationError
from app.messages import Message, msg
from app.reports.common import fen
from app.statuses import OrderStatus
from models import (
    BlacklistHistory,
    Contact,
    CreditHistory,
    Customer,
    FollowUp,
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
    that one put away comes back when it worsens. (A named tuple: a salesperson may have tens of thousands.)"""

    kind: str
    key: str
    customer_id: int
    customer_code: str
    customer_name: str
    message: Message
    document: str | None = None  # the order's number
    document_id: int | None = None  # the order (DUE_SOON, HELD, an after-sales follow-up)
    amount: Decimal | None = None
    days: int | None = None
    level: int = 0
    stage: int = 0
    contact_id: int | None = None

    @property
    def text(self) -> str:
        return str(self.message)

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
    """Code, name and owner of the customers the items name, read once."""

    rows: dict[int, tuple[str, str, int | None]] = field(default_factory=dict)

    def load(self, session: Session, ids: Iterable[int]) -> None:
        missing = sorted(set(ids) - self.rows.keys())
        if len(missing) > WHOLE_READ:  # one pass over the table beats a hundred IN lists
            wanted = set(missing)
            for cid, code, name, owner in session.connection().execute(
                    select(Customer.id, Customer.code, Customer.name, Customer.owner_id)):
                if cid in wanted:
                    self.rows[cid] = (code, name, owner)
            return
        for chunk in _chunks(missing):
            for cid, code, name, owner in session.connection().execute(
                    select(Customer.id, Customer.code, Customer.name, Customer.owner_id).where(Customer.id.in_(chunk))):
                self.rows[cid] = (code, name, owner)

    def item(self, kind: str, key: str, customer_id: int, message: Message, **values: Any) -> Reminder:
        code, name, _owner = self.rows[customer_id]
        return Reminder(kind, key, customer_id, code, name, message, **values)


# --- money: OVERDUE, DUE_SOON, NEAR_LIMIT, from app.ledger.owing -------------------------------------------------


def _overdue(session: Session, on: date, owed: dict[int, ledger.Owed], ids: Sequence[int], names: _Customers
             ) -> list[Reminder]:
    overdue = [cid for cid in ids if owed[cid].overdue > 0]
    names.load(session, overdue)
    items = []
    for cid in overdue:
        m = owed[cid]
        days = (on - m.oldest_due).days if m.oldest_due is not None else None
        amount = fen_to_yuan(m.overdue)
        items.append(names.item("OVERDUE", f"OVERDUE:{cid}", cid, msg("reminders.overdue", amount=amount, days=days),
                                amount=amount, days=days, level=m.overdue, stage=m.stage(on)))
    return items


def _due_soon(session: Session, on: date, falling: Sequence[ledger.FallingDue], ids: Sequence[int],
              names: _Customers) -> list[Reminder]:
    """Open orders falling due from the date to the setting's days after it."""
    wanted = set(ids)
    found = [f for f in falling if f.customer_id in wanted]
    names.load(session, [f.customer_id for f in found])
    out = []
    for cid, order_id, number, due, open_fen in found:
        amount = fen_to_yuan(open_fen)
        message = msg("reminders.due_today", number=number, amount=amount, due=due) if due == on else \
            msg("reminders.due_soon", number=number, amount=amount, due=due, days=(due - on).days)
        out.append(names.item("DUE_SOON", f"DUE_SOON:{order_id}", cid, message,
                              document=number, document_id=order_id, amount=amount, days=(due - on).days,
                              level=open_fen))
    return out


def _limits(session: Session, on: date, ids: Sequence[int]) -> dict[int, int]:
    """{customer_id: credit limit in force on `on`, in fen}."""
    h = CreditHistory
    latest = (select(fen(h.credit_limit)).where(h.customer_id == Customer.id, h.effective <= on)
              .order_by(h.effective.desc(), h.id.desc()).limit(1).scalar_subquery())
    out: dict[int, int] = {}
    for chunk in _chunks(ids):
        for cid, limit in session.connection().execute(select(Customer.id, latest).where(Customer.id.in_(chunk))):
            out[cid] = int(limit or 0)
    return out


def _near_limit(session: Session, on: date, percent: int, owed: dict[int, ledger.Owed], ids: Sequence[int],
                names: _Customers) -> list[Reminder]:
    """Customers owing more than `percent` % of their credit limit on the date (over it included; a positive
    balance with no limit granted is over it)."""
    owing = [cid for cid in ids if owed[cid].balance > 0]
    limits = _limits(session, on, owing)
    hits = [cid for cid in owing if owed[cid].balance * 100 > percent * limits.get(cid, 0)]
    names.load(session, hits)
    out = []
    for cid in hits:
        balance, limit = owed[cid].balance, limits.get(cid, 0)
        over = balance > limit
        b, lim = fen_to_yuan(balance), fen_to_yuan(limit)
        if limit == 0:
            message = msg("reminders.near_limit_none", balance=b)
        elif over:
            message = msg("reminders.near_limit_over", balance=b, limit=lim)
        else:
            message = msg("reminders.near_limit", balance=b, limit=lim,
                          share=f"{Decimal(balance * 100) / Decimal(limit):.2f}%")
        out.append(names.item("NEAR_LIMIT", f"NEAR_LIMIT:{cid}", cid, message, amount=b, level=balance,
                              stage=1 if over else 0))
    return out


def _suggested(session: Session, on: date, owed: dict[int, ledger.Owed]) -> dict[int, str]:
    """DOMAIN.md "Suggested grade" of every customer (`owed` of everyone; app.analytics.abc_classes ranks): D when
    blacklisted on the date or anything is more than 90 days past due; else A/B/C by the cumulative share of the last
    12 months' net revenue; C without positive revenue."""
    bl = history.as_of(BlacklistHistory, on)
    graded_d = {cid for (cid,) in session.execute(select(bl.c.customer_id).where(bl.c.blacklisted.is_(True)))}
    graded_d |= {cid for cid, m in owed.items() if m.old > 0}
    codes = dict(session.connection().execute(select(Customer.id, Customer.code)).all())
    revenue = analytics.net_revenue_12m(session, on)
    ranked, _total = analytics.abc_classes(
        (cid, codes[cid], rev) for cid, rev in revenue.items() if cid not in graded_d and cid in codes)
    out = dict.fromkeys(codes, "C")
    out.update({cid: grade for cid, (grade, _rank, _before) in ranked.items()})
    out.update(dict.fromkeys(graded_d & codes.keys(), "D"))
    return out


# --- HELD ------------------------------------------------------------------------------------------------------------


def _held(session: Session, on: date, names: _Customers) -> list[Reminder]:
    """Held orders dated on or before the date, waiting for approval (days since the order date)."""
    rows = session.execute(
        select(SalesOrder.id, SalesOrder.customer_id, SalesOrder.number, SalesOrder.date, SalesOrder.total)
        .where(SalesOrder.status == OrderStatus.HELD, SalesOrder.date <= on)).all()
    names.load(session, [r[1] for r in rows])
    return [
        names.item("HELD", f"HELD:{oid}", cid, msg("reminders.held", number=number, amount=total,
                                                     days=(on - day).days),
                   document=number, document_id=oid, amount=total, days=(on - day).days, level=int(total * 100))
        for oid, cid, number, day, total in rows
    ]


# --- DORMANT ---------------------------------------------------------------------------------------------------------


def _cared_for(scope: ColumnElement[bool]) -> list[ColumnElement[bool]]:
    return [scope, Customer.archived.is_(False), Customer.status.not_in(CARE_STATUSES_EXCLUDED)]


def _dormant(session: Session, on: date, days: int, owed: dict[int, ledger.Owed], ids: Sequence[int],
             names: _Customers) -> list[Reminder]:
    """DOMAIN.md "Dormant customers": bought before, last confirmed order more than N days before the date (one
    exactly N days ago is not dormant)."""
    limit = on - timedelta(days=days)
    rows = [(cid, m.last_order) for cid in ids if (m := owed.get(cid)) is not None
            and m.last_order is not None and m.last_order < limit]
    names.load(session, [r[0] for r in rows])
    return [names.item("DORMANT", f"DORMANT:{cid}:{day.isoformat()}", cid,
                       msg("reminders.dormant", last=day, days=(on - day).days), days=(on - day).days)
            for cid, day in rows]


# --- FOLLOW_UP_DUE ---------------------------------------------------------------------------------------------------


def _after_sales(session: Session, on: date, scope: ColumnElement[bool], names: _Customers) -> list[Reminder]:
    tasks = care.open_tasks(on).subquery()
    q = (select(tasks.c.id, tasks.c.customer_id, tasks.c.order_id, tasks.c.step, tasks.c.due, SalesOrder.number)
         .join(SalesOrder, SalesOrder.id == tasks.c.order_id)
         .join(Customer, Customer.id == tasks.c.customer_id).where(*_cared_for(scope)))
    rows = session.connection().execute(q).all()
    names.load(session, [r[1] for r in rows])
    out = []
    steps = {step: msg(f"care.step_{step}") for step in care.STEPS}
    for task_id, cid, order_id, step, due, number in rows:
        due = as_date(due)
        out.append(names.item("FOLLOW_UP_DUE", f"FOLLOW_UP_DUE:task:{task_id}", cid,
                              msg("reminders.after_sales", step=steps[step], number=number, due=due),
                              document=number, document_id=order_id, days=(on - due).days))
    return out


def _planned(session: Session, actor: Actor, on: date, scope: ColumnElement[bool] | None, names: _Customers
             ) -> list[Reminder]:
    """Next dates planned on follow-ups, due until a follow-up of the customer is logged on or after them: those of
    the customers in scope, and those the login's salesperson planned on a shared-pool customer."""
    later = aliased(FollowUp)
    done = exists().where(later.customer_id == FollowUp.customer_id, later.date >= FollowUp.next_date,
                          later.date <= on)
    wanted = [] if scope is None else [FollowUp.customer_id.in_(select(Customer.id).where(*_cared_for(scope)))]
    if actor.salesperson_id is not None and actor.role not in care.LEADERS:  # leaders have the pool in scope
        pool = select(Customer.id).where(*_cared_for(Customer.owner_id.is_(None)))
        wanted.append(and_(FollowUp.customer_id.in_(pool), FollowUp.salesperson_id == actor.salesperson_id))
    rows = []
    for cond in wanted:  # one statement each, so each reads the follow-ups by customer
        q = (select(FollowUp.id, FollowUp.customer_id, FollowUp.next_date, FollowUp.content)
             .where(cond, FollowUp.next_date <= on, FollowUp.date <= on, ~done))
        rows += session.connection().execute(q).all()
    names.load(session, [r[1] for r in rows])
    out = []
    for fid, cid, due, content in rows:
        due = as_date(due)
        out.append(names.item("FOLLOW_UP_DUE", f"FOLLOW_UP_DUE:plan:{fid}", cid,
                              msg("reminders.planned", due=due, content=_short(content)), days=(on - due).days))
    return out


def _short(text: str, length: int = 30) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[:length - 1] + "…"


# --- VISIT_DUE -------------------------------------------------------------------------------------------------------


def _visit_audience(actor: Actor, by: str, owner_id: int | None) -> bool:
    roles = care.visit_roles(by)
    if roles is not None:
        return actor.role in roles
    if owner_id is None:
        return actor.role in care.LEADERS
    return owner_id == actor.salesperson_id


def _visit_scope(actor: Actor, config: app_settings.Settings) -> ColumnElement[bool] | None:
    """The customers some visit plan could remind this login of: its own, the pool for a leader, every customer
    when a plan names its role (None: none)."""
    plans = [config.visits(g) for g in app_settings.VISIT_GRADES]
    if not any(count > 0 for count, _by in plans):
        return None
    by_role = any(count > 0 and actor.role in (care.visit_roles(by) or ()) for count, by in plans)
    return ALL if by_role else care_scope(actor)


def _visit_candidates(session: Session, scope: ColumnElement[bool] | None
                      ) -> list[tuple[int, str | None, int | None]]:
    """(id, set grade, owner) of the customers in the visit scope, not archived or terminated."""
    if scope is None:
        return []
    return [tuple(r) for r in session.connection().execute(  # type: ignore[misc]
        select(Customer.id, Customer.grade, Customer.owner_id).where(*_cared_for(scope)))]


def _visits(session: Session, actor: Actor, on: date, config: app_settings.Settings, names: _Customers,
            candidates: Sequence[tuple[int, str | None, int | None]], suggested: dict[int, str],
            scope: ColumnElement[bool]) -> list[Reminder]:
    """DOMAIN.md "Customer care": fewer visits this month than the grade's plan from the 20th, or the last visit more
    than 45 days ago; grade = the set one, else the suggested one."""
    plans = {g: config.visits(g) for g in app_settings.VISIT_GRADES}
    chosen = []
    for cid, grade, owner in candidates:
        g = grade or suggested.get(cid, "C")
        if plans[g][0] > 0 and _visit_audience(actor, plans[g][1], owner):
            chosen.append((cid, g))
    if not chosen:
        return []
    start = care.month_start(on)
    this_month = func.sum(case((FollowUp.date >= start, 1), else_=0))
    seen: dict[int, tuple[int, date]] = {}
    wanted = {cid for cid, _g in chosen}
    q = (select(FollowUp.customer_id, this_month, func.max(FollowUp.date))
         .where(care.is_visit(), FollowUp.date <= on).group_by(FollowUp.customer_id))
    if scope is not ALL:
        q = q.where(FollowUp.customer_id.in_(select(Customer.id).where(scope)))
    for cid, n, last in session.connection().execute(q):
        if cid in wanted:
            seen[cid] = (int(n or 0), as_date(last))
    due = []
    for cid, g in chosen:
        count, by = plans[g]
        done, last = seen.get(cid, (0, None))
        if care.visit_due(done, last, count, on):
            due.append((cid, g, count, by, done, last))
    names.load(session, [d[0] for d in due])
    out = []
    for cid, g, count, by, done, last in due:
        gap = last is None or (on - last).days > care.VISIT_GAP_DAYS
        message = msg("reminders.visit", grade=g, plan=count, by=msg(f"care.by_{by}"), done=done,
                      last=msg("reminders.last_visit", day=last) if last else msg("reminders.never_visited"))
        out.append(names.item("VISIT_DUE", f"VISIT_DUE:{cid}:{on:%Y-%m}", cid, message,
                              days=None if last is None else (on - last).days, level=count - done,
                              stage=1 if gap else 0))
    return out


# --- BIRTHDAY --------------------------------------------------------------------------------------------------------


def _birthday_on(born: date, year: int) -> date:
    """The birthday in `year` (29 February on the 28th in other years)."""
    try:
        return born.replace(year=year)
    except ValueError:
        return date(year, 2, 28)


def _birthdays(session: Session, on: date, scope: ColumnElement[bool], names: _Customers) -> list[Reminder]:
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
    rows = session.execute(q).all()
    names.load(session, [r[1] for r in rows])
    out = []
    for contact_id, cid, name, born in rows:
        when = next((d for d in days if _birthday_on(born, d.year) == d), None)
        if when is None:
            continue
        out.append(names.item("BIRTHDAY", f"BIRTHDAY:{contact_id}:{when.year}", cid,
                              msg("reminders.birthday", name=name, day=when), days=(when - on).days,
                              contact_id=contact_id))
    return out


# --- all of them -----------------------------------------------------------------------------------------------------


def reminders_for(session: Session, actor: Actor, on: date) -> Reminders:
    """Everything `actor` is reminded of as of `on`, the ones it put away set apart (rule: reads only)."""
    config = app_settings.load(session)
    names = _Customers()
    money, cared = money_scope(actor), care_scope(actor)
    visit_scope = _visit_scope(actor, config)
    candidates = _visit_candidates(session, visit_scope)
    need_grades = any(grade is None for _cid, grade, _owner in candidates)
    # the suggested grades rank every customer, so they need the figures of everyone
    if money is ALL or need_grades:
        scope: ColumnElement[bool] | None = ALL
    else:
        scope = or_(*(s for s in (money, cared) if s is not None)) if money is not None or cared is not None else None
    owing = ledger.owing(session, on, scope, on + timedelta(days=config.due_soon_days)) if scope is not None \
        else ledger.Owing({}, [])
    owed = owing.owed
    items: list[Reminder] = []
    if money is not None:
        ids = sorted(owed) if money is ALL else [c for c in _scope_ids(session, money) if c in owed]
        items += _overdue(session, on, owed, ids, names)
        items += _due_soon(session, on, owing.falling, ids, names)
        items += _near_limit(session, on, config.near_limit_percent, owed, ids, names)
    if auth.can(actor, "credit.approve"):
        items += _held(session, on, names)
    if cared is not None:
        cared_ids = first_column(session, select(Customer.id).where(*_cared_for(cared)))
        items += _dormant(session, on, config.dormant_days, owed, cared_ids, names)
        items += _after_sales(session, on, cared, names)
        items += _birthdays(session, on, cared, names)
    items += _planned(session, actor, on, cared, names)
    if candidates:
        suggested = _suggested(session, on, owed) if need_grades else {}
        items += _visits(session, actor, on, config, names, candidates, suggested,
                         visit_scope if visit_scope is not None else ALL)
    shown, hidden = _split(session, actor, on, items)
    return Reminders(actor.login, on, tuple(sorted(shown, key=sort_key)), tuple(sorted(hidden, key=sort_key)))


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
    return reminders_for(session, actor, on).total


# --- putting reminders away --------------------------------------------------------------------------------------------


def _split(session: Session, actor: Actor, on: date, items: list[Reminder]) -> tuple[list[Reminder], list[Reminder]]:
    """(shown, hidden): an item is hidden while its login's dismissal holds (no date, or snoozed past `on`) and it
    is no worse than when it was put away."""
    states = {key: (until, level, stage) for key, until, level, stage in session.execute(
        select(ReminderState.key, ReminderState.until, ReminderState.level, ReminderState.stage)
        .where(ReminderState.login == actor.login))}
    shown, hidden = [], []
    for item in items:
        state = states.get(item.key)
        if state is not None and (state[0] is None or on < state[0]) and item.level <= state[1] \
                and item.stage <= state[2]:
            hidden.append(item)
        else:
            shown.append(item)
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
