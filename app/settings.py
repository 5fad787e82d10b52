"""Company settings stored in the database, read through one `Settings` object."""
from __future__ import annotations

from dataclasses import dataclass, fields

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import ValidationError
from app.messages import Message, msg
from models import Setting

# the sales-credit rules (业绩归属) with their Chinese titles; messages use sales_credit_title()
SALES_CREDIT_RULES = {"owner": "按负责销售员（订单日期）", "handler": "按经办人"}


def sales_credit_title(rule: str) -> Message:
    """The title of a sales-credit rule ("owner" or "handler") in the interface language."""
    return msg(f"settings.rule_{rule}")


@dataclass(frozen=True)
class Settings:
    company_name: str = ""
    company_address: str = ""
    sales_credit: str = "owner"  # owner | handler
    dormant_days: int = 90


def load(session: Session) -> Settings:
    stored = dict(session.execute(select(Setting.key, Setting.value)).all())
    values: dict[str, object] = {}
    for f in fields(Settings):
        if f.name in stored:
            values[f.name] = int(stored[f.name]) if f.type in ("int", int) else stored[f.name]
    return Settings(**values)  # type: ignore[arg-type]


def save(session: Session, **changes: object) -> None:
    """Store settings (no commit). Refuses unknown keys and invalid values."""
    known = {f.name for f in fields(Settings)}
    for key, value in changes.items():
        if key not in known:
            raise ValidationError("settings.unknown_key", key=key)
        if key == "sales_credit" and value not in SALES_CREDIT_RULES:
            raise ValidationError("settings.bad_sales_credit")
        row = session.get(Setting, key)
        if row is None:
            session.add(Setting(key=key, value=str(value)))
        else:
            row.value = str(value)
