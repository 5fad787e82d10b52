"""Company settings stored in the database, read through one `Settings` object."""
from __future__ import annotations

from dataclasses import dataclass, fields
from decimal import Decimal, InvalidOperation

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import ValidationError
from app.messages import Message, msg
from models import Setting

# the sales-credit rules (业绩归属) with their Chinese titles; messages use sales_credit_title()
SALES_CREDIT_RULES = {"owner": "按负责销售员（订单日期）", "handler": "按经办人"}
# who makes a grade's visits (客户资源管理办法): a leader (经理 or 管理员), the sales manager (经理), the owner
VISIT_BY = {"leader": "领导（经理或管理员）", "manager": "销售经理", "owner": "负责销售员"}
VISIT_GRADES = ("A", "B", "C", "D")
MAX_VISITS = 31


def sales_credit_title(rule: str) -> Message:
    """The title of a sales-credit rule ("owner" or "handler") in the interface language."""
    return msg(f"settings.rule_{rule}")


@dataclass(frozen=True)
class Settings:
    company_name: str = ""
    company_address: str = ""
    sales_credit: str = "owner"  # owner | handler
    dormant_days: int = 90
    # reminders (提醒)
    due_soon_days: int = 7  # DUE_SOON: open orders falling due within this many days after the as-of date
    near_limit_percent: int = 90  # NEAR_LIMIT: balance above this share of the credit limit
    # the visit plan by grade: visits a month and who makes them (DOMAIN.md "Customer care")
    visit_a_count: int = 1
    visit_a_by: str = "leader"
    visit_b_count: int = 1
    visit_b_by: str = "manager"
    visit_c_count: int = 2
    visit_c_by: str = "owner"
    visit_d_count: int = 0
    visit_d_by: str = "owner"
    # after-sales follow-ups: a cash counter sale (paid in full with the order) below this total schedules none
    aftersales_cash_threshold: Decimal = Decimal("1000.00")
    # a return without an original order above this total (yuan) is recorded only by a manager or administrator
    return_approval_limit: Decimal = Decimal("1000.00")
    # the import refuses a sheet of more rows than this before reading it (crm import --max-rows overrides it)
    import_max_rows: int = 200_000

    def visits(self, grade: str) -> tuple[int, str]:
        """(visits a month, who) that a grade asks for."""
        g = grade.lower()
        return getattr(self, f"visit_{g}_count"), getattr(self, f"visit_{g}_by")


def load(session: Session) -> Settings:
    stored = dict(session.execute(select(Setting.key, Setting.value)).all())
    values: dict[str, object] = {}
    for f in fields(Settings):
        if f.name in stored:
            raw = stored[f.name]
            values[f.name] = int(raw) if f.type in ("int", int) else Decimal(raw) if f.type in (
                "Decimal", Decimal) else raw
    return Settings(**values)  # type: ignore[arg-type]


def save(session: Session, **changes: object) -> None:
    """Store settings (no commit). Refuses unknown keys and invalid values."""
    known = {f.name for f in fields(Settings)}
    for key, value in changes.items():
        if key not in known:
            raise ValidationError("settings.unknown_key", key=key)
        if key == "sales_credit" and value not in SALES_CREDIT_RULES:
            raise ValidationError("settings.bad_sales_credit")
        value = _checked(key, value)
        row = session.get(Setting, key)
        if row is None:
            session.add(Setting(key=key, value=str(value)))
        else:
            row.value = str(value)


def _whole(value: object, low: int, high: int, code: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValidationError(code, low=low, high=high)
    return value


def _checked(key: str, value: object) -> object:
    """The reminder and visit-plan settings, checked (the others are checked by their use case)."""
    if key == "due_soon_days":
        return _whole(value, 1, 365, "care.bad_due_soon_days")
    if key == "near_limit_percent":
        return _whole(value, 1, 100, "care.bad_near_limit_percent")
    if key == "import_max_rows":
        return _whole(value, 1, 1_048_576, "import_guard.bad_max_rows")  # Excel's own limit
    if key.startswith("visit_") and key.endswith("_count"):
        return _whole(value, 0, MAX_VISITS, "care.bad_visit_count")
    if key.startswith("visit_") and key.endswith("_by") and value not in VISIT_BY:
        raise ValidationError("care.bad_visit_by")
    if key == "return_approval_limit":
        from app.validate import field, money

        return money(value, field("return_approval_limit"))
    if key == "aftersales_cash_threshold":
        try:
            amount = Decimal(str(value)) if not isinstance(value, float) else None
        except InvalidOperation:
            amount = None
        if amount is None or not amount.is_finite() or amount < 0 or amount != amount.quantize(Decimal("0.01")):
            raise ValidationError("care.bad_cash_threshold")
        return amount.quantize(Decimal("0.01"))
    return value
