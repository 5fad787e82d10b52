"""Company settings stored in the database, read through one `Settings` object."""
from __future__ import annotations

from dataclasses import dataclass, fields

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import ValidationError
from models import Setting

SALES_CREDIT_RULES = {"owner": "按负责销售员（订单日期）", "handler": "按经办人"}


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
            raise ValidationError(f"未知的设置项：{key}")
        if key == "sales_credit" and value not in SALES_CREDIT_RULES:
            raise ValidationError("业绩归属只能是 owner（负责销售员）或 handler（经办人）")
        row = session.get(Setting, key)
        if row is None:
            session.add(Setting(key=key, value=str(value)))
        else:
            row.value = str(value)
