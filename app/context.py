"""Who is acting: every use case gets an Actor and checks its permission before writing."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from models import AuditLog


@dataclass(frozen=True)
class Actor:
    login: str
    role: str  # admin | manager | sales | finance
    salesperson_id: int | None = None
    # the login's state when it logged in (app.auth.log_in); a use case run through the desktop refuses a stale one
    # (app.auth.check_signed_in). None: not a desktop login (the CLI, tests), never checked
    stamp: str | None = field(default=None, compare=False, repr=False)


SYSTEM = Actor(login="system", role="admin")


def audit(session: Session, actor: Actor, action: str, entity: str, entity_id: int | None, **detail: Any) -> None:
    session.add(
        AuditLog(
            at=datetime.now(),
            login=actor.login,
            action=action,
            entity=entity,
            entity_id=entity_id,
            detail=json.dumps(detail, ensure_ascii=False, default=str),
        )
    )
