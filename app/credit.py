"""信用控制: the credit decision for a new order, one rule for every path that raises what a customer owes."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from app.customers import blacklisted_on, credit_terms_on, status_on
from app.ledger import Position, position
from app.messages import Message, msg

BLOCK, HOLD, OK = "block", "hold", "ok"
REASON_CODES = ("BLACKLISTED", "TERMINATED", "OVERDUE", "OVER_LIMIT", "SUSPENDED")  # texts: catalogue [credit]
BLOCKING = {"BLACKLISTED", "TERMINATED"}


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
    exposure = pos.balance + amount - cash_received
    status = status_on(session, customer_id, on)
    found: list[tuple[str, dict[str, object]]] = []
    if blacklisted_on(session, customer_id, on):
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
