"""信用控制: the credit decision for a new order, one rule for every path that raises what a customer owes."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import history
from app.customers import blacklisted_on, credit_terms_on, status_on
from app.ledger import NO_POSITION, Position, kept_positions, position
from app.messages import Message, msg
from models import BlacklistHistory, CreditHistory, StatusHistory

BLOCK, HOLD, OK = "block", "hold", "ok"
REASON_CODES = ("BLACKLISTED", "TERMINATED", "OVERDUE", "OVER_LIMIT", "SUSPENDED")  # texts: catalogue [credit]
BLOCKING = {"BLACKLISTED", "TERMINATED"}
BATCH = 500  # customers per grouped read of their histories


@dataclass(frozen=True)
class Reason:
    code: str
    text: Message

    @property
    def message(self) -> str:
        """The reason in the interface language (Chinese for the CLI)."""
        return str(self.text)


@dataclass(frozen=True)
class CreditDecision:
    customer_id: int
    on: date
    amount: Decimal
    decision: str  # ok | hold | block
    reasons: tuple[Reason, ...]
    balance: Decimal
    overdue: Decimal
    unapplied: Decimal
    credit_limit: Decimal
    exposure: Decimal

    @property
    def ok(self) -> bool:
        return self.decision == OK


def credit_decision(
    session: Session, customer_id: int, amount: Decimal, on: date, cash_received: Decimal = Decimal("0"),
    pos: Position | None = None,
) -> CreditDecision:
    """DOMAIN.md credit check for a new order of `amount` on `on`; `cash_received` is a receipt entered with it.
    `pos`: the customer's position on `on` when the caller has it already (a queue of many orders)."""
    pos = pos if pos is not None else position(session, customer_id, on, with_oldest=False)
    _term, limit = credit_terms_on(session, customer_id, on)
    status = status_on(session, customer_id, on)
    return _decide(customer_id, amount, on, cash_received, pos, limit, status,
                   blacklisted_on(session, customer_id, on))


def _decide(customer_id: int, amount: Decimal, on: date, cash_received: Decimal, pos: Position, limit: Decimal,
            status: str | None, blacklisted: bool) -> CreditDecision:
    """The rule itself, on the customer's figures as of `on`."""
    exposure = pos.balance + amount - cash_received
    found: list[tuple[str, dict[str, object]]] = []
    if blacklisted:
        found.append(("BLACKLISTED", {}))
    if status == "terminated":
        found.append(("TERMINATED", {}))
    if pos.overdue > 0:
        found.append(("OVERDUE", {"overdue": pos.overdue}))
    if exposure > limit:
        found.append(("OVER_LIMIT", {"exposure": exposure, "limit": limit}))
    if status == "suspended":
        found.append(("SUSPENDED", {}))
    codes = {code for code, _ in found}
    decision = BLOCK if codes & BLOCKING else HOLD if codes else OK
    return CreditDecision(
        customer_id=customer_id, on=on, amount=amount, decision=decision,
        reasons=tuple(Reason(code, msg(f"credit.{code}", **args)) for code, args in found),
        balance=pos.balance, overdue=pos.overdue, unapplied=pos.unapplied, credit_limit=limit, exposure=exposure,
    )


@dataclass(frozen=True)
class Check:
    """One check of a batch: a new order of `amount` for the customer on `on`, with `cash_received`."""

    customer_id: int
    amount: Decimal
    on: date
    cash_received: Decimal = Decimal("0")


@dataclass(frozen=True)
class Standing:
    """What the rule reads of a customer on a date besides its money: credit_terms_on, status_on, blacklisted_on."""

    term_days: int
    limit: Decimal
    status: str | None
    blacklisted: bool


class Histories:
    """Every row of one dated history (app.history.VALUE_COLUMNS) of some customers, read in grouped statements: the
    values in force for any of them on any date, as history.value_on gives them (the latest effective ≤ the date,
    then the latest id), without a statement per customer and date.

    The date is compared here, not beside `customer_id IN (…)` in SQL: SQLite 3.40 answers that pair of conditions on
    the (customer_id, effective) index with rows dated after the date (a planner bug fixed in later versions)."""

    def __init__(self, session: Session, model: Any, customer_ids: Sequence[int]) -> None:  # noqa: ANN401
        ids = sorted(set(customer_ids))
        cols = [getattr(model, c) for c in history.VALUE_COLUMNS[model]]
        self._rows: dict[int, list[tuple[date, int, tuple[Any, ...]]]] = defaultdict(list)
        for start in range(0, len(ids), BATCH):
            q = select(model.customer_id, model.effective, model.id, *cols).where(
                model.customer_id.in_(ids[start:start + BATCH]))
            for cid, effective, row_id, *values in session.execute(q):
                self._rows[cid].append((effective, row_id, tuple(values)))
        for rows in self._rows.values():
            rows.sort(key=lambda r: (r[0], r[1]), reverse=True)

    def on(self, customer_id: int, day: date) -> tuple[Any, ...] | None:
        """The values in force for the customer on `day`, or None when there is none yet."""
        for effective, _id, values in self._rows.get(customer_id, ()):
            if effective <= day:
                return values
        return None


class Standings:
    """The credit terms, status and blacklist of some customers on any date, read in three grouped statements."""

    def __init__(self, session: Session, customer_ids: Sequence[int]) -> None:
        self._credit = Histories(session, CreditHistory, customer_ids)
        self._status = Histories(session, StatusHistory, customer_ids)
        self._black = Histories(session, BlacklistHistory, customer_ids)

    def on(self, customer_id: int, day: date) -> Standing:
        terms, state, listed = (h.on(customer_id, day) for h in (self._credit, self._status, self._black))
        term_days, limit = (0, Decimal("0")) if terms is None else (int(terms[0]), terms[1])
        return Standing(term_days, limit, None if state is None else state[0], bool(listed and listed[0]))


def credit_decisions(session: Session, checks: Sequence[Check]) -> list[CreditDecision]:
    """credit_decision of each check, in order, read together: the customers' positions per check date (the kept
    figures, ledger.kept_positions) and their credit terms, status and blacklist (three grouped statements) — a queue
    of a thousand held orders in a few statements instead of a dozen per order."""
    by_day: dict[date, set[int]] = defaultdict(set)
    for check in checks:
        by_day[check.on].add(check.customer_id)
    money = {day: kept_positions(session, day, ids) for day, ids in by_day.items()}
    standings = Standings(session, [c.customer_id for c in checks])
    out = []
    for c in checks:
        st = standings.on(c.customer_id, c.on)
        pos = money[c.on].get(c.customer_id, NO_POSITION)
        out.append(_decide(c.customer_id, c.amount, c.on, c.cash_received, pos, st.limit, st.status, st.blacklisted))
    return out
