"""Who is acting: every use case gets an Actor and checks its permission before writing."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from models import AuditLog


@dataclass(frozen=True)
class Actor:
    login: str
    role: str  # admin | manager | sales | finance
    salesperson_id: int | None = None


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
