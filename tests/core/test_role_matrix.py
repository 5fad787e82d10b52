"""Role × action matrix (issue 11, item 7): every service entry point the desktop and the CLI call, as each role
(admin, manager, sales, finance), on a customer of the salesperson's own, one of the shared pool and one of another
salesperson — allowed or refused as README's roles say:

- 管理员 everything;
- 经理 all customers, credit changes and approvals (no money documents, no settings or logins);
- 销售 own customers and the shared pool (by id, code, search, report or statement), no cost or margin;
- 财务 all customers read-only, the money documents (receipts).

A refusal is PermissionDenied (or NotFound); every allowed call must succeed. Lists and reports do not refuse a
salesperson: they must leave the other salesperson's customer out (and the cost, for sales). The counts are printed.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app import (
    analytics,
    audit,
    auth,
    care,
    credit_view,
    customer_list,
    customer_service,
    followups,
    master_data,
    orders,
    pick,
    receipts,
    reminders,
    returns,
)
from app.audit import AuditFilter
from app.context import Actor
from app.credit_view import OverviewFilter
from app.customer_list import CustomerFilter
from app.customer_service import ContactData, CustomerData
from app.customers import code_entry
from app.documents import LineIn
from app.errors import NotFound, PermissionDenied, UserError
from app.exports.documents import write_order_pdf, write_receipt_pdf, write_return_pdf
from app.exports.dossier import write_dossier_pdf
from app.followups import FollowUpData, FollowUpFilter
from app.master_data import ProductData
from app.orders import OrderFilter, OrderIn
from app.receipts import ReceiptFilter, ReceiptIn
from app.returns import ReturnFilter, ReturnIn, ReturnLineIn
from app.tables import Table
from models import Product, Salesperson, SalesReturn

D = Decimal
TODAY = date.today()
SOLD_ON = TODAY - timedelta(days=75)  # the world's orders: 45 days overdue at a 30-day term
ROLES = ("admin", "manager", "sales", "finance")
TARGETS = ("own", "pool", "other")
ALL = frozenset(ROLES)
EDITORS = frozenset({"admin", "manager", "sales"})  # customers.edit, orders.edit
CREDIT = frozenset({"admin", "manager"})  # credit.change, credit.approve, customers.reassign, master.edit
MONEY = frozenset({"admin", "finance"})  # money.edit
ADMIN_ONLY = frozenset({"admin"})
BOSS = Actor("boss", "admin")
CUSTOMERS = {"own": ("C101", "自有五金"), "pool": ("C102", "共享电子"), "other": ("C103", "别家机电")}


@dataclass
class World:
    s1: int  # the salesperson of the sales login
    s2: int  # another salesperson
    product: int
    region: int
    method: int  # 转账
    customer: dict[str, int]
    order: dict[str, int]  # a confirmed order of 10 × 100.00 dated SOLD_ON, handled by the customer's owner
    line: dict[str, int]
    receipt: dict[str, int]
    ret: dict[str, int]
    held: dict[str, int]  # an order held for approval
    contact: dict[str, int]
    tmp: Path

    def actor(self, role: str) -> Actor:
        return Actor(f"{role}-1", role, self.s1 if role == "sales" else None)


def _order_in(w: World, target: str, qty: str = "1", on: date = TODAY) -> OrderIn:
    owner = {"own": w.s1, "pool": None, "other": w.s2}[target]
    return OrderIn(w.customer[target], on, (LineIn(w.product, D(qty), D("100.00")),), handler_id=owner)


@pytest.fixture
def world(sessions: sessionmaker[Session], tmp_path: Path) -> World:
    with sessions.begin() as s:
        s1, s2 = Salesperson(code="S01", name="张伟"), Salesperson(code="S02", name="王芳")
        p = Product(code="P001", name="不锈钢螺栓", cost=D("60.00"), price=D("100.00"))
        s.add_all([s1, s2, p])
        s.flush()
        ids = (s1.id, s2.id, p.id, code_entry(s, "region", "西南").id,
               code_entry(s, "payment_method", "转账").id)
    w = World(*ids, customer={}, order={}, line={}, receipt={}, ret={}, held={}, contact={}, tmp=tmp_path)
    for target, owner in (("own", w.s1), ("pool", None), ("other", w.s2)):
        code, name = CUSTOMERS[target]
        cid = customer_service.create(sessions, BOSS, CustomerData(code=code, name=name), owner_id=owner,
                                      created=TODAY - timedelta(days=400))
        customer_service.set_credit(sessions, BOSS, [cid], 30, D("50000"), TODAY - timedelta(days=300), "初始额度")
        w.customer[target] = cid
        w.contact[target] = customer_service.save_contact(sessions, BOSS, cid, ContactData(name=f"{name}联系人"))
        out = orders.confirm(sessions, BOSS, _order_in(w, target, "10", SOLD_ON), today=SOLD_ON)
        assert out.status == "confirmed", out
        w.order[target] = out.order_id
        with sessions() as s:
            w.line[target] = orders.view(s, BOSS, out.order_id).lines[0].id
        w.receipt[target] = receipts.record(sessions, BOSS, ReceiptIn(cid, SOLD_ON + timedelta(days=5), D("100.00"), w.method),
                                            today=TODAY).receipt_id
        w.ret[target] = returns.add(sessions, BOSS, ReturnIn(cid, SOLD_ON + timedelta(days=6), (
            ReturnLineIn(w.product, D("1"), D("100.00"), w.line[target]),), order_id=out.order_id)).return_id
        w.held[target] = _held(sessions, w, target)
        followups.add(sessions, BOSS, cid, FollowUpData(TODAY - timedelta(days=3), f"{name}回访"))
    return w


def _held(sessions: sessionmaker[Session], w: World, target: str) -> int:
    """A new order over the credit limit: held for a manager's approval."""
    out = orders.confirm(sessions, BOSS, _order_in(w, target, "600"), today=TODAY)  # 60,000 > 50,000
    assert out.status == "held", out
    return out.order_id


def _version(sessions: sessionmaker[Session], model: type, row_id: int) -> int:
    with sessions() as s:
        return s.get(model, row_id).version


# --- the cases ----------------------------------------------------------------------------------------------

Call = Callable[[sessionmaker, Actor, World, str, Any], Any]


@dataclass(frozen=True)
class Case:
    name: str
    allowed: frozenset[str]  # roles allowed, on their own customers and the shared pool
    call: Call  # (sessions, actor, world, target, prepared) -> result
    prep: Callable[[sessionmaker, World, str], Any] | None = None  # done by the administrator before each call
    scoped: bool = True  # about one customer: tried on "own", "pool" and "other"
    # for a list or report (not scoped): does the result show what this actor may not see?
    leak: Callable[[Any, World, Actor], bool] | None = None


def read(fn: Callable[..., Any]) -> Call:
    """A read use case fn(session, actor, world, target, prepared) in a session of its own."""
    def call(sessions: sessionmaker, actor: Actor, w: World, target: str, prepared: Any) -> Any:
        with sessions() as s:
            return fn(s, actor, w, target, prepared)
    return call


def shows_other(result: Any, w: World, actor: Actor) -> bool:
    """The other salesperson's customer appears in a result (its code or name in the result's repr)."""
    if actor.role != "sales":
        return False
    text = repr(result)
    return any(part in text for part in CUSTOMERS["other"])


def shows_cost(result: Any, w: World, actor: Actor) -> bool:
    """Cost, gross profit or margin in a result (a table's columns, rows or totals; a row's cost fields) — for sales."""
    if actor.role != "sales":
        return False
    if isinstance(result, Table):
        keys = {c.key for c in result.columns} | set(result.totals) | {k for r in result.rows for k in r}
        return bool(keys & set(analytics.COST_KEYS))
    text = repr(result)
    return any(word in text for word in ("'cost':", "cost=Decimal", "gross_profit=Decimal", "margin=Decimal"))


def either(*checks: Callable[[Any, World, Actor], bool]) -> Callable[[Any, World, Actor], bool]:
    return lambda result, w, actor: any(check(result, w, actor) for check in checks)


def ids_of(kind: str) -> Callable[[Any, World, Actor], bool]:
    """A list of ids that holds the other customer's (kind: customer, order, receipt, ret) — for sales."""
    def leak(result: Any, w: World, actor: Actor) -> bool:
        mine = getattr(w, kind)
        return actor.role == "sales" and mine["other"] in list(result)
    return leak


_seq = iter(range(1, 100_000))


def _n() -> int:
    return next(_seq)


CASES: list[Case] = [
    # --- customers ---
    Case("customer.card", ALL, read(lambda s, a, w, t, _: customer_service.card(s, a, w.customer[t]))),
    Case("customer.create", EDITORS, lambda ss, a, w, t, _: customer_service.create(
        ss, a, CustomerData(code=f"N{_n()}", name=f"新客户{_n()}")), scoped=False),
    Case("customer.update", EDITORS, lambda ss, a, w, t, v: customer_service.update(
        ss, a, w.customer[t], v, CustomerData(code=CUSTOMERS[t][0], name=CUSTOMERS[t][1], short_name=f"简称{_n()}")),
        prep=lambda ss, w, t: _version_of_customer(ss, w, t)),
    Case("customer.grade_on_card", CREDIT, lambda ss, a, w, t, v: customer_service.update(
        ss, a, w.customer[t], v, CustomerData(code=CUSTOMERS[t][0], name=CUSTOMERS[t][1], grade="A" if _n() % 2
                                              else "B")), prep=lambda ss, w, t: _version_of_customer(ss, w, t)),
    Case("contact.save", EDITORS, lambda ss, a, w, t, _: customer_service.save_contact(
        ss, a, w.customer[t], ContactData(name=f"联系人{_n()}"))),
    Case("contact.remove", EDITORS, lambda ss, a, w, t, k: customer_service.remove_contact(ss, a, w.customer[t], k),
         prep=lambda ss, w, t: customer_service.save_contact(ss, BOSS, w.customer[t], ContactData(name="临时"))),
    Case("customer.reassign", CREDIT, lambda ss, a, w, t, _: customer_service.reassign(
        ss, a, [w.customer[t]], {"own": w.s1, "pool": None, "other": w.s2}[t], TODAY, "复核")),
    Case("customer.hand_over", CREDIT, lambda ss, a, w, t, _: customer_service.hand_over(
        ss, a, w.s2, w.s2, TODAY, "复核"), scoped=False),
    Case("customer.set_region", EDITORS, lambda ss, a, w, t, _: customer_service.set_attributes(
        ss, a, [w.customer[t]], region_id=w.region)),
    Case("customer.set_grade", CREDIT, lambda ss, a, w, t, _: customer_service.set_attributes(
        ss, a, [w.customer[t]], grade="B")),
    Case("customer.credit", CREDIT, lambda ss, a, w, t, _: customer_service.set_credit(
        ss, a, [w.customer[t]], 30, D("50000"), TODAY, "年度评审")),
    Case("customer.blacklist", CREDIT, lambda ss, a, w, t, _: customer_service.set_blacklist(
        ss, a, [w.customer[t]], False, TODAY, "复核")),
    Case("customer.suspend", EDITORS, lambda ss, a, w, t, _: customer_service.set_status(
        ss, a, [w.customer[t]], "suspended", TODAY, "停业整顿")),
    Case("customer.lift_suspension", CREDIT, lambda ss, a, w, t, _: customer_service.set_status(
        ss, a, [w.customer[t]], "active", TODAY, "恢复经营"),
        prep=lambda ss, w, t: customer_service.set_status(ss, BOSS, [w.customer[t]], "suspended", TODAY, "暂停")),
    Case("customer.archive", CREDIT, lambda ss, a, w, t, _: customer_service.archive(
        ss, a, [w.customer[t]], archived=False)),
    Case("customer.apply_grades", CREDIT, lambda ss, a, w, t, _: customer_service.apply_suggested_grades(
        ss, a, TODAY, [w.customer[t]])),
    Case("customer.list", ALL, read(lambda s, a, w, t, _: customer_list.matching_ids(s, a, CustomerFilter())),
         scoped=False, leak=ids_of("customer")),
    Case("customer.search_by_code", ALL, read(lambda s, a, w, t, _: customer_list.matching_ids(
        s, a, CustomerFilter(text=CUSTOMERS["other"][0]))), scoped=False, leak=ids_of("customer")),
    Case("customer.search_by_name", ALL, read(lambda s, a, w, t, _: customer_list.matching_ids(
        s, a, CustomerFilter(text="别家"))), scoped=False, leak=ids_of("customer")),
    Case("customer.of_other_owner", ALL, read(lambda s, a, w, t, _: customer_list.matching_ids(
        s, a, CustomerFilter(owner_id=w.s2))), scoped=False, leak=ids_of("customer")),
    Case("customer.count", ALL, read(lambda s, a, w, t, _: customer_list.count(s, a, CustomerFilter())),
         scoped=False, leak=lambda n, w, a: a.role == "sales" and n != 2),
    Case("customer.pick", ALL, read(lambda s, a, w, t, _: pick.customers(s, a, "C10", 50)), scoped=False,
         leak=shows_other),
    # --- follow-ups and care ---
    Case("followup.add", EDITORS, lambda ss, a, w, t, _: followups.add(
        ss, a, w.customer[t], FollowUpData(TODAY, "电话回访"))),
    Case("followup.list_for", ALL, read(lambda s, a, w, t, _: followups.list_for(s, a, w.customer[t]))),
    Case("followup.contacts_of", ALL, read(lambda s, a, w, t, _: followups.contacts_of(s, a, w.customer[t]))),
    Case("followup.list", ALL, read(lambda s, a, w, t, _: followups.rows(
        s, followups.matching_ids(s, a, FollowUpFilter()))), scoped=False, leak=shows_other),
    Case("care.schedule", ALL, read(lambda s, a, w, t, _: care.schedule_of(s, a, w.customer[t]))),
    Case("care.first_steps", ALL, read(lambda s, a, w, t, _: care.first_steps(s, a, w.customer[t]))),
    # --- orders ---
    Case("order.view", ALL, read(lambda s, a, w, t, _: orders.view(s, a, w.order[t]))),
    Case("order.view_hides_cost", ALL, read(lambda s, a, w, t, _: orders.view(s, a, w.order["own"])),
         scoped=False, leak=lambda v, w, a: a.role == "sales" and (
             v.cost_total is not None or any(ln.unit_cost is not None or ln.cost is not None for ln in v.lines))),
    Case("order.check", ALL, read(lambda s, a, w, t, _: orders.check(s, a, w.customer[t], D("100"), TODAY))),
    Case("order.price_history", ALL, read(lambda s, a, w, t, _: orders.price_history(
        s, a, w.customer[t], w.product))),
    Case("order.default_price", ALL, read(lambda s, a, w, t, _: orders.default_price(
        s, a, w.customer[t], w.product))),
    Case("order.save_draft", EDITORS, lambda ss, a, w, t, _: orders.save_draft(ss, a, _order_in(w, t))),
    Case("order.confirm", EDITORS, lambda ss, a, w, t, _: orders.confirm(ss, a, _order_in(w, t), today=TODAY)),
    Case("order.approve", CREDIT, lambda ss, a, w, t, oid: orders.approve(
        ss, a, oid, _version(ss, orders.SalesOrder, oid), "老客户，经理担保", today=TODAY),
        prep=lambda ss, w, t: _held(ss, w, t)),
    Case("order.reject", CREDIT, lambda ss, a, w, t, oid: orders.reject(
        ss, a, oid, _version(ss, orders.SalesOrder, oid), "超额"), prep=lambda ss, w, t: _held(ss, w, t)),
    Case("order.cancel", EDITORS, lambda ss, a, w, t, oid: orders.cancel(
        ss, a, oid, _version(ss, orders.SalesOrder, oid), "客户取消"),
        prep=lambda ss, w, t: orders.confirm(ss, BOSS, _order_in(w, t), today=TODAY).order_id),
    Case("order.uncancel", EDITORS, lambda ss, a, w, t, oid: orders.uncancel(
        ss, a, oid, _version(ss, orders.SalesOrder, oid), today=TODAY), prep=lambda ss, w, t: _cancelled(ss, w, t)),
    Case("order.copy", EDITORS, lambda ss, a, w, t, _: orders.copy(ss, a, w.order[t], today=TODAY)),
    Case("order.list", ALL, read(lambda s, a, w, t, _: orders.matching_ids(s, a, OrderFilter())), scoped=False,
         leak=ids_of("order")),
    Case("order.list_of_other_customer", ALL, read(lambda s, a, w, t, _: orders.matching_ids(
        s, a, OrderFilter(customer_id=w.customer["other"]))), scoped=False, leak=ids_of("order")),
    Case("order.list_by_number", ALL, read(lambda s, a, w, t, _: orders.rows(s, orders.matching_ids(
        s, a, OrderFilter(number="XS-")))), scoped=False, leak=shows_other),
    Case("order.held_queue", ALL, read(lambda s, a, w, t, _: orders.held_queue(s, a, today=TODAY)), scoped=False,
         leak=shows_other),
    Case("order.pdf", ALL, read(lambda s, a, w, t, _: write_order_pdf(
        s, a, w.order[t], w.tmp / f"o{_n()}.pdf", company="测试", printed_by="x"))),
    # --- receipts ---
    Case("receipt.propose", ALL, read(lambda s, a, w, t, _: receipts.propose(
        s, a, ReceiptIn(w.customer[t], TODAY, D("10.00"), w.method), today=TODAY))),
    Case("receipt.record", MONEY, lambda ss, a, w, t, _: receipts.record(
        ss, a, ReceiptIn(w.customer[t], TODAY, D("10.00"), w.method), today=TODAY)),
    Case("receipt.reallocate", MONEY, lambda ss, a, w, t, rid: receipts.reallocate(
        ss, a, rid, _version(ss, receipts.Receipt, rid), [], today=TODAY),
        prep=lambda ss, w, t: receipts.record(ss, BOSS, ReceiptIn(w.customer[t], TODAY, D("10.00"), w.method),
                                              today=TODAY).receipt_id),
    Case("receipt.cancel", MONEY, lambda ss, a, w, t, rid: receipts.cancel(
        ss, a, rid, _version(ss, receipts.Receipt, rid), "录错"),
        prep=lambda ss, w, t: receipts.record(ss, BOSS, ReceiptIn(w.customer[t], TODAY, D("10.00"), w.method),
                                              today=TODAY).receipt_id),
    Case("receipt.view", ALL, read(lambda s, a, w, t, _: receipts.view(s, a, w.receipt[t]))),
    Case("receipt.list", ALL, read(lambda s, a, w, t, _: receipts.matching_ids(s, a, ReceiptFilter())),
         scoped=False, leak=ids_of("receipt")),
    Case("receipt.pdf", ALL, read(lambda s, a, w, t, _: write_receipt_pdf(
        s, a, w.receipt[t], w.tmp / f"r{_n()}.pdf", company="测试", printed_by="x"))),
    # --- returns ---
    Case("return.returnable", ALL, read(lambda s, a, w, t, _: returns.returnable(s, a, w.order[t]))),
    Case("return.add", EDITORS, lambda ss, a, w, t, _: returns.add(ss, a, ReturnIn(
        w.customer[t], TODAY, (ReturnLineIn(w.product, D("1"), D("100.00"), w.line[t]),), order_id=w.order[t]))),
    Case("return.cancel", EDITORS, lambda ss, a, w, t, rid: returns.cancel(
        ss, a, rid, _version(ss, SalesReturn, rid), "录错"),
        prep=lambda ss, w, t: returns.add(ss, BOSS, ReturnIn(w.customer[t], TODAY, (
            ReturnLineIn(w.product, D("1"), D("100.00"), w.line[t]),), order_id=w.order[t])).return_id),
    Case("return.list", ALL, read(lambda s, a, w, t, _: returns.matching_ids(s, a, ReturnFilter())),
         scoped=False, leak=ids_of("ret")),
    Case("return.pdf", ALL, read(lambda s, a, w, t, _: write_return_pdf(
        s, a, w.ret[t], w.tmp / f"t{_n()}.pdf", company="测试", printed_by="x"))),
    # --- credit, statements, reminders ---
    Case("credit.overview", ALL, read(lambda s, a, w, t, _: credit_view.overview_ids(s, a, OverviewFilter(TODAY))),
         scoped=False, leak=ids_of("customer")),
    Case("credit.aging", ALL, read(lambda s, a, w, t, _: credit_view.aging_view(s, a, TODAY)), scoped=False,
         leak=shows_other),
    Case("credit.aging_by_owner", ALL, read(lambda s, a, w, t, _: credit_view.aging_view(s, a, TODAY, "owner")),
         scoped=False, leak=lambda r, w, a: a.role == "sales" and "王芳" in repr(r)),
    Case("credit.drill", ALL, read(lambda s, a, w, t, _: credit_view.drill(s, a, TODAY, w.customer[t], "d31_60"))),
    Case("credit.statement", ALL, read(lambda s, a, w, t, _: credit_view.customer_statement(
        s, a, w.customer[t], SOLD_ON, TODAY))),
    Case("reminders.list", ALL, read(lambda s, a, w, t, _: reminders.reminders_for(s, a, TODAY)), scoped=False,
         leak=shows_other),
    Case("reminders.overdue", ALL, read(lambda s, a, w, t, _: reminders.overdue_documents(
        s, a, w.customer[t], TODAY))),
    Case("dossier.pdf", ALL, read(lambda s, a, w, t, _: write_dossier_pdf(
        s, [w.customer[t]], TODAY, w.tmp / f"d{_n()}.pdf", company="测试", printed_by="x", actor=a))),
    # --- analysis ---
    Case("analysis.customer_trend", ALL, read(lambda s, a, w, t, _: analytics.customer_trend(
        s, a, w.customer[t], TODAY))),
    Case("analysis.preferences", ALL, read(lambda s, a, w, t, _: analytics.customer_preferences(
        s, a, w.customer[t], SOLD_ON, TODAY))),
    Case("analysis.activity_customers", ALL, read(lambda s, a, w, t, _: analytics.activity_customers(
        s, a, {"own": w.s1, "pool": w.s1, "other": w.s2}[t], f"{TODAY:%Y-%m}"))),
    Case("analysis.potential", ALL, read(lambda s, a, w, t, _: analytics.potential_view(s, a, TODAY)),
         scoped=False, leak=shows_other),
    Case("analysis.margin_documents", ALL, read(lambda s, a, w, t, _: analytics.margin_documents(
        s, a, SOLD_ON, TODAY, "salesperson", "S02")), scoped=False, leak=either(shows_other, shows_cost)),
    *[Case(f"report.{name}", ALL, read(lambda s, a, w, t, _, name=name, params=params: analytics.report_for(
        s, a, name, **params)), scoped=False, leak=either(shows_other, shows_cost))
      for name, params in (
          ("aging", {"as_of": TODAY}), ("margin", {"start": SOLD_ON, "end": TODAY}),
          ("margin", {"start": SOLD_ON, "end": TODAY, "group_by": "salesperson"}), ("abc", {"as_of": TODAY}),
          ("potential", {"as_of": TODAY}), ("dormant", {"as_of": TODAY, "days": 1}), ("rfm", {"as_of": TODAY}),
          ("activity", {"first": f"{SOLD_ON:%Y-%m}", "last": f"{TODAY:%Y-%m}"}))],
    # --- master data, settings, logins, the audit log, backup ---
    Case("code.add", CREDIT, lambda ss, a, w, t, _: master_data.add_code(ss, a, "region", f"R{_n()}", f"片区{_n()}"),
         scoped=False),
    Case("salesperson.add", CREDIT, lambda ss, a, w, t, _: master_data.add_salesperson(
        ss, a, f"S{_n() + 10}", f"新人{_n()}"), scoped=False),
    Case("product.add", CREDIT, lambda ss, a, w, t, _: master_data.add_product(
        ss, a, ProductData(code=f"P{_n() + 10}", name=f"商品{_n()}", cost=D("1.00"), price=D("2.00"))),
        scoped=False),
    Case("product.rows_hide_cost", ALL, read(lambda s, a, w, t, _: master_data.product_rows(s, [w.product], a)),
         scoped=False, leak=shows_cost),
    Case("settings.save", ADMIN_ONLY, lambda ss, a, w, t, _: master_data.save_settings(ss, a, due_soon_days=7),
         scoped=False),
    Case("user.list", ADMIN_ONLY, read(lambda s, a, w, t, _: master_data.list_users(s, a)), scoped=False),
    Case("user.add", ADMIN_ONLY, lambda ss, a, w, t, _: master_data.add_user(
        ss, a, f"u{_n()}", "Chongqing-88", "finance"), scoped=False),
    Case("user.reset_password", ADMIN_ONLY, lambda ss, a, w, t, login: master_data.reset_password(
        ss, a, login, "Chongqing-99"), prep=lambda ss, w, t: _login(ss), scoped=False),
    Case("user.disable", ADMIN_ONLY, lambda ss, a, w, t, login: master_data.disable_user(ss, a, login),
         prep=lambda ss, w, t: _login(ss), scoped=False),
    Case("audit.read", CREDIT, read(lambda s, a, w, t, _: audit.matching_ids(s, a, AuditFilter())), scoped=False),
]


def _version_of_customer(sessions: sessionmaker, w: World, target: str) -> int:
    with sessions() as s:
        return customer_service.card(s, BOSS, w.customer[target]).version


def _cancelled(sessions: sessionmaker, w: World, target: str) -> int:
    out = orders.confirm(sessions, BOSS, _order_in(w, target), today=TODAY)
    orders.cancel(sessions, BOSS, out.order_id, _version(sessions, orders.SalesOrder, out.order_id), "暂不发货")
    return out.order_id


def _login(sessions: sessionmaker) -> str:
    login = f"tmp{_n()}"
    master_data.add_user(sessions, BOSS, login, "Chongqing-88", "finance")
    return login


def _outcome(case: Case, sessions: sessionmaker, w: World, actor: Actor, target: str) -> tuple[str, Any]:
    prepared = case.prep(sessions, w, target) if case.prep is not None else None
    try:
        return "ok", case.call(sessions, actor, w, target, prepared)
    except (PermissionDenied, NotFound) as exc:
        return "refused", exc
    except UserError as exc:  # neither allowed nor refused: the case itself is wrong
        raise AssertionError(f"{case.name} as {actor.role} on {target}: {exc.code}: {exc}") from exc


@pytest.mark.parametrize("case", CASES, ids=[c.name if CASES.count(c) == 1 else f"{c.name}-{i}"
                                             for i, c in enumerate(CASES)])
def test_role_matrix(sessions: sessionmaker[Session], world: World, case: Case) -> None:
    wrong: list[str] = []
    calls = refused = 0
    for role in ROLES:
        actor = world.actor(role)
        for target in TARGETS if case.scoped else ("-",):
            expected = role in case.allowed and not (case.scoped and role == "sales" and target == "other")
            outcome, result = _outcome(case, sessions, world, actor, target)
            calls += 1
            refused += outcome == "refused"
            if (outcome == "ok") != expected:
                wrong.append(f"{role} on {target}: {outcome} ({result!s:.80}), expected "
                             f"{'ok' if expected else 'refused'}")
            elif outcome == "ok" and case.leak is not None and case.leak(result, world, actor):
                wrong.append(f"{role}: the result shows what {role} may not see: {result!r:.300}")
    print(f"role matrix {case.name}: {calls} calls, {refused} refused, {len(wrong)} unauthorised or wrong")
    assert not wrong, f"{case.name}:\n" + "\n".join(wrong)


def test_the_leak_checks_can_fail(sessions: sessionmaker[Session], world: World) -> None:
    """What an administrator gets from the lists and reports does show the other salesperson's customer and cost:
    the checks above would see a salesperson getting the same."""
    as_sales = Actor("x", "sales", world.s1)
    with sessions() as s:
        assert ids_of("customer")(customer_list.matching_ids(s, BOSS, CustomerFilter()), world, as_sales)
        assert shows_other(credit_view.aging_view(s, BOSS, TODAY), world, as_sales)
        assert shows_other(orders.held_queue(s, BOSS, today=TODAY), world, as_sales)
        assert shows_other(analytics.report_for(s, BOSS, "dormant", as_of=TODAY, days=1), world, as_sales)
        margin = analytics.report_for(s, BOSS, "margin", start=SOLD_ON, end=TODAY)
        assert shows_other(margin, world, as_sales) and shows_cost(margin, world, as_sales)
        assert shows_cost(master_data.product_rows(s, [world.product], BOSS), world, as_sales)
        assert shows_other(analytics.margin_documents(s, BOSS, SOLD_ON, TODAY, "salesperson", "S02"), world, as_sales)
        assert shows_other(reminders.reminders_for(s, BOSS, TODAY), world, as_sales)
        assert auth.can(BOSS, "cost.view")
        assert s.scalar(select(Product.cost)) == D("60.00")
