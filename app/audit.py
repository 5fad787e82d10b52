"""The audit log read back: administrators and managers filter it by period, login, kind of action and customer or
document, page through it and export it; `record` writes one entry in a transaction of its own (backup, restore).

Entries are written by app.context.audit inside each use case's transaction and are never changed or removed
(models.system refuses it). Kinds group the action codes the use cases write ("customer.credit", "order.approve" …);
an action belongs to a kind when it is one of the kind's names or starts with one of them and a dot.
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import Session, sessionmaker

from app import auth, messages, search
from app.context import Actor, audit
from app.db import first_column
from app.errors import ValidationError
from app.messages import Message, catalogue, load, msg
from models import AuditLog, Customer, Receipt, SalesOrder, SalesReturn, User

KINDS: dict[str, tuple[str, ...]] = {
    "login": ("login",),
    "user": ("user",),
    "credit": ("customer.credit", "customer.grade"),
    "blacklist": ("customer.blacklist",),
    "status": ("customer.status",),
    "owner": ("customer.reassign",),
    "archive": ("customer.archive",),
    "customer": ("customer.create", "customer.update", "customer.set", "contact", "followup"),
    "approval": ("order.approve", "order.reject"),
    "order": ("order",),
    "return": ("return",),
    "receipt": ("receipt",),
    "import": ("import",),
    "backup": ("backup", "restore"),
    "master": ("code", "salesperson", "product", "settings"),
    "reminder": ("reminder",),
}
COLUMNS = (("at", "audit.col_at"), ("login", "audit.col_login"), ("action", "audit.col_action"),
           ("target", "audit.col_target"), ("detail", "audit.col_detail"))
SORT_COLUMNS = {"at": AuditLog.at, "login": AuditLog.login, "action": AuditLog.action}
DOCUMENT_TABLES = {"sales_order": SalesOrder, "sales_return": SalesReturn, "receipt": Receipt}


def record(sessions: sessionmaker, actor: Actor, action: str, entity: str = "", entity_id: int | None = None,
           **detail: Any) -> None:
    """One audit entry in a transaction of its own, for work that has no use-case transaction to write it in (a
    backup, a restore — written after the restored data is in place)."""
    with sessions.begin() as s:
        audit(s, actor, action, entity, entity_id, **detail)


def kind_title(kind: str) -> Message:
    return msg(f"audit.kind_{kind}")


def action_title(action: str) -> str:
    """An action code in the interface language ("order.approve" → 审批通过销售单); an unknown one as it is."""
    code = f"audit_action.{action}"
    return str(msg(code)) if code in catalogue() else action


@dataclass(frozen=True)
class AuditFilter:
    start: date | None = None
    end: date | None = None
    login: str = ""  # the login name, or its beginning ("cli:" finds every command-line user)
    kind: str | None = None  # a key of KINDS
    text: str = ""  # a customer (code, name, pinyin …) or words of the entry (a document number …)


def _kind_condition(kind: str) -> ColumnElement[bool]:
    if kind not in KINDS:
        raise ValidationError("audit.bad_kind", kind=kind)
    return or_(*(or_(AuditLog.action == name, AuditLog.action.startswith(f"{name}.", autoescape=True))
                 for name in KINDS[kind]))


def _text_condition(text: str) -> ColumnElement[bool] | None:
    """Entries naming the text (a document number, a code in the entry's details) or about a customer it finds, or
    about that customer's documents."""
    words = text.replace("\x00", "").strip()
    if not words:
        return None
    conds: list[ColumnElement[bool]] = [search.contains(AuditLog.detail, words)]
    match = search.customer_match(words)
    if match is not None:
        customers = select(Customer.id).where(match.condition)
        conds.append(and_(AuditLog.entity == "customer", AuditLog.entity_id.in_(customers)))
        for entity, model in DOCUMENT_TABLES.items():
            conds.append(and_(AuditLog.entity == entity, AuditLog.entity_id.in_(
                select(model.id).where(model.customer_id.in_(customers)))))
    return or_(*conds)


def matching_ids(session: Session, actor: Actor, flt: AuditFilter, sort: str | None = None,
                 descending: bool = True) -> list[int]:
    """Ids of the entries the filter finds, in display order (newest first); audit.view (admin, manager) only."""
    auth.require(actor, "audit.view")
    if flt.start is not None and flt.end is not None and flt.start > flt.end:
        raise ValidationError("audit.bad_period")
    conds: list[ColumnElement[bool]] = []
    if flt.start is not None:
        conds.append(AuditLog.at >= datetime.combine(flt.start, time.min))
    if flt.end is not None:
        conds.append(AuditLog.at < datetime.combine(flt.end + timedelta(days=1), time.min))
    login = flt.login.replace("\x00", "").strip()
    if login:
        conds.append(AuditLog.login.startswith(login, autoescape=True))
    if flt.kind:
        conds.append(_kind_condition(flt.kind))
    text = _text_condition(flt.text)
    if text is not None:
        conds.append(text)
    key = SORT_COLUMNS.get(sort or "at")
    if key is None:
        raise ValueError(sort)
    order = [key.desc(), AuditLog.id.desc()] if descending else [key.asc(), AuditLog.id.asc()]
    return first_column(session, select(AuditLog.id).where(*conds).order_by(*order))


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime
    login: str
    action: str  # the code ("order.approve")
    action_title: str
    target: str  # the customer, document or account the entry is about
    detail: str

    def value(self, key: str) -> object:
        if key == "action":
            return self.action_title
        if key == "at":
            return self.at.replace(microsecond=0).isoformat(sep=" ")
        return getattr(self, key)


def _plain(value: Any) -> str:
    if isinstance(value, str):
        shown = load(value)  # a message kept as JSON (a reason) in the reader's language
        return str(shown) if shown is not None else ""
    if isinstance(value, list):
        separator = ", " if messages.language() == "en" else "、"
        return separator.join(_plain(v) for v in value[:20]) + ("…" if len(value) > 20 else "")
    if value is None:
        return "-"
    return json.dumps(value, ensure_ascii=False) if isinstance(value, dict) else str(value)


# detail keys whose list value is a list of things, not a change [old, new]
LIST_KEYS = frozenset({"ids", "keys", "reasons", "allocations"})


def field_title(key: str) -> str:
    """A detail key in the interface language ("credit_limit" → 信用额度); an unknown one as it is."""
    code = f"audit_field.{key}"
    return str(msg(code)) if code in catalogue() else key


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return str(msg("audit.yes" if value else "audit.no"))
    return _plain(value)


def detail_text(detail: str) -> str:
    """An entry's details as `field: value; …` (the JSON the use case wrote), a change as `field: old → new`."""
    try:
        data = json.loads(detail) if detail else {}
    except ValueError:
        return detail
    if not isinstance(data, dict):
        return str(data)
    out = []
    for key, value in data.items():
        if isinstance(value, list) and len(value) == 2 and key not in LIST_KEYS:
            shown = f"{_value(value[0])} → {_value(value[1])}"
        else:
            shown = _value(value)
        out.append(f"{field_title(key)}: {shown}")
    return "; ".join(out)


def _target(entity: str, entity_id: int | None, detail: str, customer: tuple[str, str] | None,
            user: str | None = None) -> str:
    if customer is not None:
        return f"{customer[0]} {customer[1]}"
    if user is not None:
        return user
    try:
        data = json.loads(detail) if detail else {}
    except ValueError:
        data = {}
    if isinstance(data, dict):
        for key in ("number", "login", "code", "file"):
            if data.get(key):
                return str(data[key])
        if data.get("count"):
            return f"{entity} × {data['count']}"
    return f"{entity} {entity_id}" if entity_id is not None else entity


def rows(session: Session, ids: Sequence[int]) -> list[AuditRow]:
    """The rows of these entries, in the order given (the list's pages, the export's chunks)."""
    if not ids:
        return []
    q = (
        select(AuditLog.id, AuditLog.at, AuditLog.login, AuditLog.action, AuditLog.entity, AuditLog.entity_id,
               AuditLog.detail, Customer.code, Customer.name, User.login)
        .outerjoin(Customer, and_(AuditLog.entity == "customer", Customer.id == AuditLog.entity_id))
        .outerjoin(User, and_(AuditLog.entity == "user", User.id == AuditLog.entity_id))
        .where(AuditLog.id.in_(list(ids)))
    )
    found = {}
    for rid, at, login, action, entity, entity_id, detail, code, name, user in session.execute(q):
        found[rid] = AuditRow(rid, at, login, action, action_title(action),
                              _target(entity, entity_id, detail, (code, name) if code is not None else None, user),
                              detail_text(detail))
    return [found[i] for i in ids if i in found]


def filter_params(flt: AuditFilter) -> list[tuple[str, str]]:
    """The filter as (label, value) pairs for a printout's header."""
    out: list[tuple[str, str]] = []
    if flt.start is not None:
        out.append((str(msg("export.param_start")), flt.start.isoformat()))
    if flt.end is not None:
        out.append((str(msg("export.param_end")), flt.end.isoformat()))
    if flt.login.strip():
        out.append((str(msg("audit.param_login")), flt.login.strip()))
    if flt.kind:
        out.append((str(msg("audit.param_kind")), str(kind_title(flt.kind))))
    if flt.text.strip():
        out.append((str(msg("audit.param_text")), flt.text.strip()))
    return out
