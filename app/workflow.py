"""The sales-document workflow: the allowed status changes of orders, returns and receipts, and the one function
every status change goes through — lock the customer, run the credit check where the step raises what the
customer owes, write the new status, write the audit record (DOMAIN.md "Credit check": no path around it).

A blocking refusal (blacklisted, terminated) and an overridable hold (overdue, over the limit, suspended) are
different results: a hold parks the order in the approval queue, where an approval with a written reason is the
explicit override; a block keeps it a draft and cannot be approved.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from sqlalchemy.orm import Session

from app import care, credit
from app.context import Actor, audit
from app.db import lock_rows
from app.errors import ValidationError
from app.messages import Message, msg
from app.statuses import CreditStatus, OrderStatus
from models import Customer, Receipt, SalesOrder, SalesReturn

Doc = SalesOrder | SalesReturn | Receipt


class Action(StrEnum):
    SAVE = "save"  # an order's draft written or rewritten
    CONFIRM = "confirm"
    APPROVE = "approve"  # a held order let through by a manager, with a reason
    REJECT = "reject"
    CANCEL = "cancel"
    UNCANCEL = "uncancel"
    RECORD = "record"  # a receipt or return saved (they are confirmed when recorded)
    ALLOCATE = "allocate"  # a receipt's hand allocations changed


@dataclass(frozen=True)
class Transition:
    sources: frozenset[str | None]  # None: a document not saved yet
    targets: frozenset[str]
    credit_check: bool = False  # the step may raise what the customer owes


def _t(sources: set[str | None], targets: set[str], credit_check: bool = False) -> Transition:
    return Transition(frozenset(sources), frozenset(targets), credit_check)


Os, Cs = OrderStatus, CreditStatus
TRANSITIONS: dict[str, dict[Action, Transition]] = {
    "order": {
        Action.SAVE: _t({None, Os.DRAFT, Os.HELD}, {Os.DRAFT}),
        Action.CONFIRM: _t({None, Os.DRAFT, Os.HELD}, {Os.CONFIRMED, Os.HELD, Os.DRAFT}, credit_check=True),
        Action.APPROVE: _t({Os.HELD}, {Os.CONFIRMED}, credit_check=True),
        Action.REJECT: _t({Os.HELD}, {Os.DRAFT}),
        Action.CANCEL: _t({Os.DRAFT, Os.HELD, Os.CONFIRMED}, {Os.CANCELLED}),
        # a cancelled order that was confirmed is checked again; a draft or held one comes back as a draft
        Action.UNCANCEL: _t({Os.CANCELLED}, {Os.CONFIRMED, Os.HELD, Os.DRAFT}, credit_check=True),
    },
    "return": {
        Action.RECORD: _t({None}, {Cs.CONFIRMED}),
        Action.CANCEL: _t({Cs.CONFIRMED}, {Cs.CANCELLED}),
    },
    "receipt": {
        Action.RECORD: _t({None}, {Cs.CONFIRMED}),
        Action.ALLOCATE: _t({Cs.CONFIRMED}, {Cs.CONFIRMED}),
        Action.CANCEL: _t({Cs.CONFIRMED}, {Cs.CANCELLED}),
    },
}
KIND = {SalesOrder: "order", SalesReturn: "return", Receipt: "receipt"}
TABLE = {"order": "sales_order", "return": "sales_return", "receipt": "receipt"}


def status_title(kind: str, status: str | None) -> Message:
    return msg(f"status.{kind}_{status}" if status else "status.new")


def allowed(kind: str, action: Action, status: str | None) -> bool:
    rule = TRANSITIONS[kind].get(action)
    return rule is not None and status in rule.sources


# --- locks ---------------------------------------------------------------------------------------


def lock_customers(session: Session, *customer_ids: int | None) -> None:
    """Lock the customers whose money a step reads and changes, before reading it: a second PC doing the same
    waits here and then decides on what the first one committed."""
    ids = {cid for cid in customer_ids if cid is not None}
    lock_rows(session, Customer.__table__, ids)
    session.info.setdefault("locked_customers", set()).update(ids)


def lock_documents(session: Session, model: type, ids: Any) -> None:
    """Lock documents an allocation touches (the receipt, the orders), after their customer."""
    lock_rows(session, model.__table__, ids)


def _holds_lock(session: Session, customer_id: int) -> bool:
    return customer_id in session.info.get("locked_customers", ())


# --- the one status change -----------------------------------------------------------------------


@dataclass(frozen=True)
class Move:
    kind: str
    action: Action
    before: str | None
    after: str
    decision: credit.CreditDecision | None = None


def check_date(document_date: date, today: date) -> date:
    """The credit check looks at the customer as of the later of the document date and today (a late approval
    sees the payments received meanwhile)."""
    return max(document_date, today)


def _decided(action: Action, decision: credit.CreditDecision, kind_title: Message, number: str) -> str:
    if decision.decision == credit.BLOCK:
        if action in (Action.APPROVE, Action.UNCANCEL):
            raise ValidationError("workflow.blocked", action=msg(f"workflow.action_{action}"),
                                  reasons=[r.text for r in decision.reasons])
        return OrderStatus.DRAFT
    if decision.decision == credit.HOLD and action != Action.APPROVE:
        return OrderStatus.HELD
    return OrderStatus.CONFIRMED


def move(session: Session, actor: Actor, doc: Doc, action: Action, *, today: date | None = None,
         created: bool = False, **detail: Any) -> Move:
    """Change `doc`'s status by `action` — the only place a document's status changes.

    The caller has locked the document's customer (lock_customers) in this transaction before reading anything the
    step decides on. Orders run the credit check on the steps that raise what the customer owes; the decision, its
    reasons and figures go into the audit record with `detail`. `created`: the document is new in this
    transaction (its status before is "none" whatever its row holds already).
    """
    kind = KIND[type(doc)]
    rule = TRANSITIONS[kind].get(action)
    before = None if created or doc.id is None else doc.status
    number = getattr(doc, "number", "") or ""
    if rule is None or before not in rule.sources:
        raise ValidationError("workflow.not_allowed", kind=msg(f"workflow.kind_{kind}"), number=number,
                              status=status_title(kind, before), action=msg(f"workflow.action_{action}"))
    if not _holds_lock(session, doc.customer_id):
        raise RuntimeError(f"{kind} {number}: {action} without the customer's lock")
    decision = None
    if rule.credit_check and not (action == Action.UNCANCEL and doc.cancelled_from != OrderStatus.CONFIRMED):
        on = check_date(doc.date, today or date.today())
        decision = credit.credit_decision(session, doc.customer_id, doc.total, on, doc.cash_amount)
        after: str = _decided(action, decision, msg(f"workflow.kind_{kind}"), number)
        detail.update(decision=decision.decision, reasons=[r.code for r in decision.reasons],
                      balance=decision.balance, overdue=decision.overdue, limit=decision.credit_limit,
                      exposure=decision.exposure, total=doc.total)
    else:
        (after,) = rule.targets if len(rule.targets) == 1 else (OrderStatus.DRAFT,)
    assert after in rule.targets, (kind, action, after)
    doc.status = after
    session.flush()  # a new document gets its id here
    if kind == "order":
        _after_sales(session, doc, before, after)
    audit(session, actor, f"{kind}.{action}", TABLE[kind], doc.id, number=number, before=before, status=after,
          **detail)
    return Move(kind, action, before, after, decision)


def _after_sales(session: Session, order: Any, before: str | None, after: str) -> None:
    """DOMAIN.md "Customer care": an order that becomes confirmed schedules its after-sales follow-ups, a confirmed
    one that is cancelled drops its open ones."""
    if after == OrderStatus.CONFIRMED and before != OrderStatus.CONFIRMED:
        care.schedule(session, order)
    elif after == OrderStatus.CANCELLED and before == OrderStatus.CONFIRMED:
        care.unschedule(session, order)
