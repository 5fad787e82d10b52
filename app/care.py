"""客户维护 (DOMAIN.md "Customer care"): the visit plan by grade, the after-sales follow-ups a confirmed order schedules,
and a potential customer's three first steps. (The manager's monthly grade review is the 分析 tab's 客户分级 page:
app.customer_service.apply_suggested_grades.)"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from dateutil.relativedelta import relativedelta
from sqlalchemy import ColumnElement, Select, and_, case, delete, func, or_, select, update
from sqlalchemy.orm import Session

from app import settings
from app.context import Actor
from app.customer_service import visible_customer
from app.db import as_date
from models import CareTask, CodeEntry, FollowUp, SalesOrder

# --- the visit plan ------------------------------------------------------------------------------------------

VISIT_WORDS = ("走访", "拜访")  # a follow-up is a visit when its method's name says so; calls, e-mails are not
VISIT_DUE_FROM_DAY = 20  # short of the month's visits: reminded from the 20th, which leaves time to act
VISIT_GAP_DAYS = 45  # and always when the last visit is more than this many days ago (grades A/B/C)
LEADERS = frozenset({"admin", "manager"})  # 领导: manager or administrator
MANAGERS = frozenset({"manager"})  # 销售经理


def visit_method_ids() -> Select:
    """The 跟进方式 entries that are visits (走访, 拜访, 上门拜访 …), as a subquery of ids."""
    return select(CodeEntry.id).where(CodeEntry.kind == "followup_method",
                                      or_(*[CodeEntry.name.contains(word) for word in VISIT_WORDS]))


def is_visit():  # noqa: ANN201
    """Condition on FollowUp: it is a visit."""
    return FollowUp.method_id.in_(visit_method_ids())


def visit_roles(by: str) -> frozenset[str] | None:
    """The roles reminded of a plan's visits; None: the owning salesperson (the leaders for a shared-pool customer)."""
    return {"leader": LEADERS, "manager": MANAGERS}.get(by)


def month_start(day: date) -> date:
    return day.replace(day=1)


def visit_due(visits_this_month: Any, last_visit: Any, plan_count: Any, on: date) -> ColumnElement[bool]:
    """DOMAIN.md, as a condition on the columns given: fewer visits this month than the grade asks (NULL: none),
    from the 20th; always when the last visit is more than 45 days ago or there never was one (NULL) — for a grade
    that asks for visits at all."""
    gap = or_(last_visit.is_(None), last_visit < on - timedelta(days=VISIT_GAP_DAYS))
    short = [func.coalesce(visits_this_month, 0) < plan_count] if on.day >= VISIT_DUE_FROM_DAY else []
    return and_(plan_count > 0, or_(*short, gap))


# --- after-sales follow-ups ----------------------------------------------------------------------------------

STEPS: dict[str, relativedelta] = {
    "week": relativedelta(weeks=1), "month": relativedelta(months=1), "quarter": relativedelta(months=3),
    "year": relativedelta(years=1),
}


def after_sales_dates(order_date: date) -> list[tuple[str, date]]:
    """(step, due) of the four after-sales follow-ups: 1 week, 1 month, 1 quarter and 1 year after the order."""
    return [(step, order_date + delta) for step, delta in STEPS.items()]


def counter_sale(total: Decimal, cash: Decimal, threshold: Decimal) -> bool:
    """A cash counter sale below the threshold: paid in full with the order and smaller than the threshold. It
    schedules no after-sales follow-ups."""
    return cash >= total and total < threshold


def schedule(session: Session, order: SalesOrder, threshold: Decimal | None = None) -> int:
    """Schedule the after-sales follow-ups of an order that has just been confirmed (rule: no commit). Steps it has
    already (an order confirmed again after an un-cancel) are kept; one a follow-up logged since has done is done
    at once. Returns how many were added."""
    if threshold is None:
        threshold = settings.load(session).aftersales_cash_threshold
    if counter_sale(order.total, order.cash_amount, threshold):
        return 0
    have = set(session.scalars(select(CareTask.step).where(CareTask.order_id == order.id)))
    added = 0
    for step, due in after_sales_dates(order.date):
        if step in have:
            continue
        done = session.execute(
            select(FollowUp.date, FollowUp.id).where(FollowUp.customer_id == order.customer_id, FollowUp.date >= due)
            .order_by(FollowUp.date, FollowUp.id).limit(1)).first()
        session.add(CareTask(customer_id=order.customer_id, order_id=order.id, step=step, due=due,
                             done_on=done[0] if done else None, followup_id=done[1] if done else None))
        added += 1
    session.flush()
    return added


def unschedule(session: Session, order: SalesOrder) -> int:
    """A cancelled order's open after-sales follow-ups go (rule: no commit); the done ones stay as history."""
    result = session.execute(delete(CareTask).where(CareTask.order_id == order.id, CareTask.done_on.is_(None)))
    return int(result.rowcount or 0)


def close_tasks(session: Session, customer_id: int, followup_id: int, day: date) -> int:
    """A follow-up of the customer logged for `day` does every after-sales follow-up due on or before it (rule)."""
    result = session.execute(
        update(CareTask)
        .where(CareTask.customer_id == customer_id, CareTask.due <= day,
               or_(CareTask.done_on.is_(None), CareTask.done_on > day))
        .values(done_on=day, followup_id=followup_id)
    )
    return int(result.rowcount or 0)


def open_tasks(on: date) -> Select:
    """(id, customer_id, order_id, step, due) of the after-sales follow-ups due and not done as of `on`."""
    return select(CareTask.id, CareTask.customer_id, CareTask.order_id, CareTask.step, CareTask.due).where(
        CareTask.due <= on, or_(CareTask.done_on.is_(None), CareTask.done_on > on))


@dataclass(frozen=True)
class AfterSalesRow:
    step: str
    due: date
    done_on: date | None
    order_number: str


def schedule_of(session: Session, actor: Actor, customer_id: int) -> list[AfterSalesRow]:
    """One customer's after-sales follow-ups, by due date."""
    visible_customer(session, actor, customer_id)
    q = (select(CareTask.step, CareTask.due, CareTask.done_on, SalesOrder.number)
         .join(SalesOrder, SalesOrder.id == CareTask.order_id)
         .where(CareTask.customer_id == customer_id).order_by(CareTask.due, SalesOrder.number))
    return [AfterSalesRow(*row) for row in session.execute(q)]


# --- a potential customer's first steps ------------------------------------------------------------------------

FIRST_STEPS = ("card_exchanged", "samples_given", "company_introduced")


@dataclass(frozen=True)
class FirstSteps:
    """When each of a potential customer's first three steps was first logged (None: not yet)."""

    card_exchanged: date | None
    samples_given: date | None
    company_introduced: date | None

    @property
    def done(self) -> int:
        return sum(1 for step in FIRST_STEPS if getattr(self, step) is not None)


def first_steps(session: Session, actor: Actor, customer_id: int) -> FirstSteps:
    """Whether the name card was exchanged, product samples given and the company introduced, and when first."""
    visible_customer(session, actor, customer_id)
    firsts = [func.min(case((getattr(FollowUp, step).is_(True), FollowUp.date), else_=None))
              for step in FIRST_STEPS]
    row = session.execute(select(*firsts).where(FollowUp.customer_id == customer_id)).one()
    return FirstSteps(*(as_date(v) for v in row))
