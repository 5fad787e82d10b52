"""`crm demo`: the demo company is deterministic, consistent with the domain rules, and only fills an empty database."""
from __future__ import annotations

import re
from collections import defaultdict
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

import pytest
from sqlalchemy import BigInteger, Engine, func, select, type_coerce
from sqlalchemy.orm import Session, sessionmaker

from app import demo, history, settings
from app.customers import blacklisted_on, new_customer
from app.db import make_engine
from app.errors import ValidationError
from app.ledger import position
from app.reports import aging
from models import (
    Base,
    BlacklistHistory,
    CodeEntry,
    Contact,
    CreditHistory,
    Customer,
    FollowUp,
    OrderLine,
    OwnerHistory,
    Product,
    Receipt,
    ReturnLine,
    SalesOrder,
    Salesperson,
    SalesReturn,
    StatusHistory,
)
from models.types import Money

TODAY = date(2025, 6, 15)
FIRST_DAY = date(2023, 6, 16)  # two years (730 days) ending on TODAY
CENT = Decimal("0.01")


def _sessions(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def _half_up(qty: Decimal, price: Decimal) -> Decimal:
    return (qty * price).quantize(CENT, rounding=ROUND_HALF_UP)


def _count(s: Session, model: type) -> int:
    return s.scalar(select(func.count()).select_from(model)) or 0


def _fen_sum(s: Session, column, *where) -> int:  # noqa: ANN001
    return int(s.scalar(select(func.coalesce(func.sum(type_coerce(column, BigInteger)), 0)).where(*where)))


# --- one 60-customer company per backend, checked from every side ------------------------------


def test_demo_company_is_consistent(engine: Engine) -> None:
    sessions = _sessions(engine)
    calls: list[tuple[str, int, int]] = []
    summary = demo.generate(sessions, customers=60, seed=7, today=TODAY, progress=lambda *a: calls.append(a))

    with sessions() as s:
        _summary_matches_database(s, summary)
        _master_data(s)
        _money_is_exact(s)
        _documents_are_well_formed(s)
        _histories_are_respected(s)
        _aging_proof_holds(s)
        _behaviours_show(s)
    _progress_was_reported(calls)

    # the database now holds a company: a second run is refused and writes nothing
    with pytest.raises(ValidationError, match="空的数据库"):
        demo.generate(sessions, customers=60, seed=8, today=TODAY)
    with sessions() as s:
        assert _count(s, Customer) == 60
        assert _count(s, SalesOrder) == summary.orders


def _summary_matches_database(s: Session, summary: demo.DemoSummary) -> None:
    assert summary.customers == _count(s, Customer) == 60
    assert summary.salespeople == _count(s, Salesperson) == 8
    assert summary.products == _count(s, Product)
    assert 140 <= summary.products <= 170
    assert summary.orders == _count(s, SalesOrder)
    assert summary.order_lines == _count(s, OrderLine)
    assert summary.returns == _count(s, SalesReturn)
    assert summary.receipts == _count(s, Receipt)
    assert summary.returns > 0 and summary.receipts > 0
    firsts = [s.scalar(select(func.min(m.date))) for m in (SalesOrder, SalesReturn, Receipt)]
    lasts = [s.scalar(select(func.max(m.date))) for m in (SalesOrder, SalesReturn, Receipt)]
    assert summary.first_date == min(firsts)
    assert summary.last_date == max(lasts)
    assert FIRST_DAY <= summary.first_date <= FIRST_DAY + timedelta(days=31)
    assert TODAY - timedelta(days=7) <= summary.last_date <= TODAY


def _master_data(s: Session) -> None:
    assert settings.load(s).company_name.startswith("重庆")
    codes = {(k, n) for k, n in s.execute(select(CodeEntry.kind, CodeEntry.name))}
    for kind, name in (
        ("customer_type", "批发商"), ("customer_type", "工厂"), ("region", "西南"), ("region", "华东"),
        ("industry", "五金"), ("industry", "化工"), ("payment_method", "承兑汇票"), ("payment_method", "支付宝"),
        ("position", "采购经理"), ("followup_method", "拜访"), ("product_category", "紧固件"),
    ):
        assert (kind, name) in codes
    people = s.execute(select(Salesperson.code, Salesperson.name, Salesperson.employed).order_by(Salesperson.code))
    people = people.all()
    assert [p.code for p in people] == ["S001", "S002", "S003", "S004", "S005", "S006", "S007", "S008"]
    assert all(re.fullmatch(r"[\u4e00-\u9fff]{2,3}", p.name) for p in people)
    assert sum(not p.employed for p in people) == 1
    rows = s.execute(select(Customer.code, Customer.name, Customer.short_name, Customer.mnemonic)).all()
    assert sorted(r.code for r in rows) == [f"C{i:04d}" for i in range(1, 61)]
    assert len({r.name for r in rows}) == 60
    for r in rows:
        assert re.fullmatch(r"[\u4e00-\u9fff]+(有限公司|商行|经营部|门市部)", r.name), r.name
        assert r.short_name and r.short_name in r.name
        assert r.mnemonic and r.mnemonic.isascii()
    with_bank = s.scalar(select(func.count()).where(Customer.tax_id.is_not(None), Customer.bank_account.is_not(None)))
    assert 0 < with_bank < 60
    contacts = s.execute(select(Contact.customer_id, Contact.name, Contact.mobile, Contact.position_id)).all()
    assert {c.customer_id for c in contacts} == set(s.scalars(select(Customer.id)))
    for c in contacts:
        assert re.fullmatch(r"[\u4e00-\u9fff]{2,3}", c.name) and c.position_id is not None
        assert re.fullmatch(r"1[3-9]\d{9}", c.mobile), c.mobile


def _money_is_exact(s: Session) -> None:
    # every money column is stored as whole fen
    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            if isinstance(column.type, Money):
                for (raw,) in s.execute(select(type_coerce(column, BigInteger)).where(column.is_not(None))):
                    assert isinstance(raw, int), (table.name, column.name, raw)
    # list prices are 10–40 % above cost
    for name, cost, price in s.execute(select(Product.name, Product.cost, Product.price)):
        assert cost > 0, name
        assert cost * Decimal("1.10") <= price <= cost * Decimal("1.40"), (name, cost, price)
    # line amount = qty × price, half-up to the fen; a document's totals are the sums of its lines
    for line_model, doc_model, fk in ((OrderLine, SalesOrder, OrderLine.order_id),
                                      (ReturnLine, SalesReturn, ReturnLine.return_id)):
        totals: dict[int, list[Decimal]] = defaultdict(lambda: [Decimal("0"), Decimal("0")])
        for doc_id, qty, price, unit_cost, amount, cost in s.execute(
            select(fk, line_model.qty, line_model.price, line_model.unit_cost, line_model.amount, line_model.cost)
        ):
            assert qty > 0 and qty == qty.quantize(Decimal("0.001"))
            assert amount == _half_up(qty, price)
            assert cost == _half_up(qty, unit_cost)
            totals[doc_id][0] += amount
            totals[doc_id][1] += cost
        docs = s.execute(select(doc_model.id, doc_model.total, doc_model.cost_total)).all()
        assert len(docs) == len(totals)
        for doc_id, total, cost_total in docs:
            assert [total, cost_total] == totals[doc_id]
    assert s.scalar(select(func.count()).where(Receipt.amount <= 0)) == 0


NUMBER = {"XS": SalesOrder, "SK": Receipt, "TH": SalesReturn}


def _documents_are_well_formed(s: Session) -> None:
    for prefix, model in NUMBER.items():
        per_day: dict[date, list[int]] = defaultdict(list)
        for number, day in s.execute(select(model.number, model.date)):
            m = re.fullmatch(rf"{prefix}-(\d{{8}})-(\d{{4}})", number)
            assert m, number
            assert m.group(1) == day.strftime("%Y%m%d")
            per_day[day].append(int(m.group(2)))
            assert FIRST_DAY <= day <= TODAY
        for day, seqs in per_day.items():  # numbered 0001, 0002, … within each day
            assert sorted(seqs) == list(range(1, len(seqs) + 1)), day
    # orders have 1–6 lines; a few are held or still drafts
    sizes = s.execute(select(OrderLine.order_id, func.count()).group_by(OrderLine.order_id)).all()
    assert {n for _, n in sizes} <= {1, 2, 3, 4, 5, 6}
    statuses = dict(s.execute(select(SalesOrder.status, func.count()).group_by(SalesOrder.status)).all())
    assert statuses.get("held", 0) >= 1 and statuses.get("draft", 0) >= 1
    assert statuses["confirmed"] > 20 * 60 // 2
    # a return takes back at most what its order sold, after the order
    sold: dict[tuple[str, int], Decimal] = defaultdict(Decimal)
    for number, pid, qty in s.execute(
        select(SalesOrder.number, OrderLine.product_id, OrderLine.qty).join(OrderLine.order)
    ):
        sold[(number, pid)] += qty
    order_dates = dict(s.execute(select(SalesOrder.number, SalesOrder.date)).all())
    order_numbers = dict(s.execute(select(SalesOrder.id, SalesOrder.number)).all())
    named = 0
    for ret_date, notes, order_id, pid, qty in s.execute(
        select(SalesReturn.date, SalesReturn.notes, SalesReturn.order_id, ReturnLine.product_id, ReturnLine.qty)
        .join(ReturnLine.sales_return)
    ):
        original = re.match(r"原单 (XS-\d{8}-\d{4})", notes or "")
        assert original, notes
        number = original.group(1)
        if order_id is not None:
            named += 1
            assert order_numbers[order_id] == number
        assert qty <= sold[(number, pid)]
        assert ret_date >= order_dates[number]
    assert named > 0
    # most receipts name no order, some name the (earlier, same-customer) order they pay
    n_receipts = _count(s, Receipt)
    named_rows = s.execute(
        select(Receipt.date, Receipt.customer_id, SalesOrder.date, SalesOrder.customer_id, SalesOrder.status)
        .join(SalesOrder, SalesOrder.id == Receipt.order_id)
    ).all()
    assert 0 < len(named_rows) < n_receipts / 2
    for r_date, r_cust, o_date, o_cust, o_status in named_rows:
        assert r_cust == o_cust and r_date >= o_date and o_status == "confirmed"
    methods = set(s.scalars(select(CodeEntry.name).join(Receipt, Receipt.method_id == CodeEntry.id)))
    assert {"银行转账", "现金"} <= methods
    # follow-ups for some customers, by a salesperson, with a method
    assert s.scalar(select(func.count(func.distinct(FollowUp.customer_id)))) >= 10
    assert s.scalar(select(func.count()).where(FollowUp.salesperson_id.is_(None) | FollowUp.method_id.is_(None))) == 0


def _histories_are_respected(s: Session) -> None:
    # created before the first order
    first = select(SalesOrder.customer_id, func.min(SalesOrder.date).label("first")).group_by(
        SalesOrder.customer_id).subquery()
    assert s.scalar(
        select(func.count()).select_from(Customer).join(first, first.c.customer_id == Customer.id)
        .where(first.c.first < Customer.created)
    ) == 0
    # every order carries the credit term in force on its date (history written before the orders)
    credit = history.intervals(CreditHistory)
    mismatched = s.scalar(
        select(func.count()).select_from(SalesOrder)
        .join(credit, (credit.c.customer_id == SalesOrder.customer_id) & history.in_force(credit, SalesOrder.date))
        .where(SalesOrder.term_days != credit.c.term_days)
    )
    assert mismatched == 0
    assert s.scalar(select(func.count()).where(SalesOrder.due_date != SalesOrder.date)) > 0
    assert s.scalar(select(func.count()).select_from(CreditHistory)) > 60  # some credit changes later
    # no confirmed order while the customer was blacklisted or terminated
    black = history.intervals(BlacklistHistory)
    assert s.scalar(
        select(func.count()).select_from(SalesOrder)
        .join(black, (black.c.customer_id == SalesOrder.customer_id) & history.in_force(black, SalesOrder.date))
        .where(black.c.blacklisted.is_(True), SalesOrder.status == "confirmed")
    ) == 0
    status = history.intervals(StatusHistory)
    assert s.scalar(
        select(func.count()).select_from(SalesOrder)
        .join(status, (status.c.customer_id == SalesOrder.customer_id) & history.in_force(status, SalesOrder.date))
        .where(status.c.status.in_(("terminated", "prospect")), SalesOrder.status == "confirmed")
    ) == 0
    # owners: spread over salespeople, some in the shared pool, some changed over time
    owner_now = history.as_of(OwnerHistory, TODAY)
    owners = [sp for (sp,) in s.execute(select(owner_now.c.salesperson_id))]
    assert len(owners) == 60
    assert len({o for o in owners if o is not None}) >= 5
    assert 1 <= owners.count(None) <= 12
    assert _count(s, OwnerHistory) > 60
    # the handler is usually the owner on the order date, sometimes someone else
    owner = history.intervals(OwnerHistory)
    rows = s.execute(
        select(SalesOrder.handler_id, owner.c.salesperson_id)
        .join(owner, (owner.c.customer_id == SalesOrder.customer_id) & history.in_force(owner, SalesOrder.date))
        .where(owner.c.salesperson_id.is_not(None))
    ).all()
    same = sum(h == o for h, o in rows)
    assert len(rows) * 7 // 10 < same < len(rows)
    # the list columns on the customer show the values in force on the demo's today
    status_now = history.as_of(StatusHistory, TODAY)
    assert s.scalar(
        select(func.count()).select_from(Customer).join(status_now, status_now.c.customer_id == Customer.id)
        .where(status_now.c.status != Customer.status)
    ) == 0


def _aging_proof_holds(s: Session) -> None:
    table = aging.build(s, as_of=TODAY)
    t = table.totals
    buckets = t["not_due"] + t["d1_30"] + t["d31_60"] + t["d61_90"] + t["d90_plus"]
    assert buckets - t["unapplied"] == t["balance"]
    orders = _fen_sum(s, SalesOrder.total, SalesOrder.status == "confirmed", SalesOrder.date <= TODAY)
    receipts = _fen_sum(s, Receipt.amount, Receipt.status == "confirmed", Receipt.date <= TODAY)
    returns = _fen_sum(s, SalesReturn.total, SalesReturn.status == "confirmed", SalesReturn.date <= TODAY)
    assert t["balance"] == (Decimal(orders - receipts - returns) / 100).quantize(CENT)
    assert t["balance"] > 0  # customers owe something at the end, as in any trading firm
    by_customer = sum(
        (position(s, cid, TODAY).balance for cid in s.scalars(select(Customer.id))), Decimal("0.00")
    )
    assert by_customer == t["balance"]
    # open items spread over the buckets
    assert t["not_due"] > 0 and t["d1_30"] > 0 and t["d90_plus"] > 0


def _behaviours_show(s: Session) -> None:
    ids = dict(s.execute(select(Customer.id, Customer.code)).all())
    # 4–6 customers were blacklisted (with a reason), some of them later lifted
    listed = s.execute(
        select(BlacklistHistory.customer_id, BlacklistHistory.reason).where(BlacklistHistory.blacklisted.is_(True))
    ).all()
    assert 4 <= len({cid for cid, _ in listed}) <= 6
    assert all(reason and reason.strip() for _, reason in listed)
    assert s.scalar(select(func.count()).where(BlacklistHistory.blacklisted.is_(False))) >= 1
    assert 1 <= sum(blacklisted_on(s, cid, TODAY) for cid in ids) < 6
    # some customers are more than 90 days overdue
    overdue = [r for r in aging.build(s, as_of=TODAY).rows if r["d90_plus"] > 0]
    assert len(overdue) >= 1
    assert max(position(s, cid, TODAY).oldest_overdue_days or 0 for cid in ids) > 90
    # some dormant customers: bought before, but not in the last 90 days
    last = s.execute(
        select(SalesOrder.customer_id, func.max(SalesOrder.date))
        .where(SalesOrder.status == "confirmed").group_by(SalesOrder.customer_id)
    ).all()
    assert sum((TODAY - d).days > 90 for _, d in last) >= 3
    assert len(last) < 60  # prospects never bought
    # prospects with no orders, a few suspended or terminated
    status_now = history.as_of(StatusHistory, TODAY)
    now = dict(s.execute(select(status_now.c.customer_id, status_now.c.status)).all())
    assert list(now.values()).count("active") > 40
    assert list(now.values()).count("prospect") >= 2
    assert list(now.values()).count("suspended") + list(now.values()).count("terminated") >= 2
    buyers = {cid for cid, _ in last}
    assert any(st == "prospect" and cid not in buyers for cid, st in now.items())


def _progress_was_reported(calls: list[tuple[str, int, int]]) -> None:
    assert len(calls) >= 8
    stages = [stage for stage, _, _ in calls]
    assert "生成销售单" in stages and "生成收款单" in stages
    assert all(re.search(r"[\u4e00-\u9fff]", stage) for stage in stages)
    assert all(0 <= done <= total for _, done, total in calls)
    assert calls[-1] == ("完成", 1, 1)


# --- determinism ---------------------------------------------------------------------------------


def _snapshot(sessions: sessionmaker[Session]) -> dict[str, list[tuple]]:
    with sessions() as s:
        return {
            "customers": s.execute(select(Customer.code, Customer.name, Customer.short_name, Customer.created)
                                   .order_by(Customer.code)).all(),
            "orders": s.execute(select(SalesOrder.number, SalesOrder.total, SalesOrder.cost_total,
                                       SalesOrder.due_date, SalesOrder.status).order_by(SalesOrder.number)).all(),
            "receipts": s.execute(select(Receipt.number, Receipt.amount).order_by(Receipt.number)).all(),
            "returns": s.execute(select(SalesReturn.number, SalesReturn.total).order_by(SalesReturn.number)).all(),
            "follow_ups": s.execute(select(FollowUp.date, FollowUp.content).order_by(FollowUp.id)).all(),
        }


def _reset(engine: Engine) -> None:
    Base.metadata.drop_all(engine)
    Base.metadata.create_all(engine)


def test_same_seed_gives_the_same_company_and_another_seed_a_different_one(engine: Engine) -> None:
    sessions = _sessions(engine)
    first = demo.generate(sessions, customers=20, seed=3, today=TODAY)
    a = _snapshot(sessions)
    _reset(engine)
    second = demo.generate(sessions, customers=20, seed=3, today=TODAY)
    b = _snapshot(sessions)
    _reset(engine)
    demo.generate(sessions, customers=20, seed=4, today=TODAY)
    c = _snapshot(sessions)

    assert first == second
    assert a == b
    assert len(a["orders"]) > 100
    assert a["customers"] != c["customers"]
    assert {name for _, name, _, _ in a["customers"]} != {name for _, name, _, _ in c["customers"]}
    assert a["orders"] != c["orders"]
    assert sum(t for _, t, _, _, _ in a["orders"]) != sum(t for _, t, _, _, _ in c["orders"])


# --- refusals ------------------------------------------------------------------------------------


def test_refuses_a_database_that_already_has_customers(engine: Engine) -> None:
    sessions = _sessions(engine)
    with sessions.begin() as s:
        new_customer(s, code="K1", name="已有客户", created=date(2025, 1, 1))
    with pytest.raises(ValidationError, match="空的数据库"):
        demo.generate(sessions, customers=20, today=TODAY)
    with sessions() as s:  # nothing was written: not even the settings or the code tables
        assert _count(s, Customer) == 1
        assert _count(s, CodeEntry) == 0
        assert settings.load(s).company_name == ""


def test_refuses_a_customer_count_out_of_range(engine: Engine) -> None:
    sessions = _sessions(engine)
    with pytest.raises(ValidationError, match="演示客户数量"):
        demo.generate(sessions, customers=5, today=TODAY)
    with pytest.raises(ValidationError, match="演示客户数量"):
        demo.generate(sessions, customers=10001, today=TODAY)
    with sessions() as s:
        assert _count(s, Customer) == 0


# --- the default company (300 customers), SQLite only: long enough to show growth --------------


def test_default_company_has_potential_large_customers(tmp_path) -> None:
    pytest.importorskip("app.reports.potential")
    from app.reports import build

    engine = make_engine(f"sqlite:///{tmp_path / 'demo.sqlite3'}")
    Base.metadata.create_all(engine)
    try:
        sessions = _sessions(engine)
        summary = demo.generate(sessions, today=TODAY)
        assert summary.customers == 300
        assert 5000 <= summary.orders <= 10000
        with sessions() as s:
            rows = build(s, "potential", as_of=TODAY).rows
            assert len(rows) >= 1
            # at least one of them grew (not only new customers), by half or more, over ≥ 3 of the last 6 months
            grown = [r for r in rows if r["prior6"] > 0]
            assert grown
            assert all(r["last6"] >= r["prior6"] * Decimal("1.5") for r in grown)
            assert all(r["active_months"] >= 3 for r in rows)
    finally:
        engine.dispose()
