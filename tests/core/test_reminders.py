"""提醒: each kind for exactly the right logins with hand-computed figures, gone when resolved, put away and back when
it worsens; and the reminders' money figures equal the ledger's on random documents."""
from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_DOWN, Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.orm import Session

from app import followups, ledger, orders, reminders
from app import settings as app_settings
from app.context import Actor
from app.customer_list import visible_to
from app.customers import code_entry
from app.db import make_engine
from app.errors import ValidationError
from app.followups import FollowUpData
from models import (
    Allocation,
    AuditLog,
    Base,
    Contact,
    Customer,
    FollowUp,
    Product,
    SalesOrder,
    Salesperson,
    User,
)
from tests.core.builders import Book

D = Decimal
ON = date(2026, 6, 24)  # a Wednesday: the week runs from Monday 22 to Sunday 28 June
NO_VISITS = {f"visit_{g}_count": 0 for g in "abcd"}


def day(n: int) -> date:
    """ON + n days (negative: before)."""
    return ON + timedelta(days=n)


@pytest.fixture
def world(sessions) -> dict[str, int]:
    """Two salespeople S1 and S2, six customers, their documents, follow-ups and contacts (figures in the tests)."""
    with sessions.begin() as s:
        s1, s2 = Salesperson(code="S1", name="张伟"), Salesperson(code="S2", name="李娜")
        s.add_all([s1, s2])
        s.flush()
        app_settings.save(s, **NO_VISITS)
        book = Book(s)
        created = date(2025, 1, 1)
        c1 = book.customer("C1", created, owner_id=s1.id, term_days=30, credit_limit=D("1200"))
        c2 = book.customer("C2", created, owner_id=s2.id, term_days=0, credit_limit=D("1000"))
        c3 = book.customer("C3", created)  # shared pool, cash only
        c4 = book.customer("C4", created, owner_id=s1.id)
        c5 = book.customer("C5", created, owner_id=s1.id)
        c6 = book.customer("C6", created, owner_id=s2.id)
        s.flush()
        o1 = book.order(c1, day(-40), "1000.00")  # due day(-10): 10 days past due
        o2 = book.order(c1, day(-25), "500.00")  # due day(+5)
        o3 = book.order(c2, day(-100), "300.00")  # due the same day: 100 days past due
        book.receipt(c2, day(-50), "100.00", order=o3)
        o4 = book.order(c3, day(-3), "800.00", status="held")
        book.order(c3, day(-200), "50.00")
        book.receipt(c3, day(-200), "50.00")
        book.order(c4, day(-91), "200.00")
        book.receipt(c4, day(-91), "200.00")
        book.order(c5, day(-90), "100.00")
        book.receipt(c5, day(-90), "100.00")
        s.add_all([
            Contact(customer_id=c4.id, name="张三", birthday=date(1980, 6, 26)),
            Contact(customer_id=c6.id, name="李四", birthday=date(1990, 6, 21)),  # the Sunday before
            Contact(customer_id=c6.id, name="王五", birthday=date(1985, 6, 28)),  # this Sunday
            FollowUp(customer_id=c1.id, date=day(-10), salesperson_id=s1.id, content="电话", next_date=day(-1)),
            FollowUp(customer_id=c5.id, date=day(-20), salesperson_id=s1.id, content="拜访", next_date=day(-5)),
            FollowUp(customer_id=c5.id, date=day(-3), salesperson_id=s1.id, content="送货"),
            FollowUp(customer_id=c3.id, date=day(-8), salesperson_id=s2.id, content="报价", next_date=day(-2)),
        ])
        s.flush()
        return {"s1": s1.id, "s2": s2.id, "c1": c1.id, "c2": c2.id, "c3": c3.id, "c4": c4.id, "c5": c5.id,
                "c6": c6.id, "o1": o1.id, "o2": o2.id, "o4": o4.id, "p": book.product.id}


class More(Book):
    """Book for documents added after the fixture: the fixture's product, numbers given by the test."""

    def __init__(self, session: Session, product_id: int) -> None:
        self.s, self._n = session, 0
        self.product = session.get(Product, product_id)


def logins(w: dict[str, int]) -> dict[str, Actor]:
    return {"sales1": Actor("sales1", "sales", w["s1"]), "sales2": Actor("sales2", "sales", w["s2"]),
            "manager": Actor("manager", "manager"), "admin": Actor("admin", "admin"),
            "finance": Actor("finance", "finance")}


def remind(sessions, actor: Actor, on: date = ON) -> reminders.Reminders:
    with sessions() as s:
        return reminders.reminders_for(s, actor, on)


def summary(result: reminders.Reminders) -> list[tuple]:
    return [(i.kind, i.customer_code, i.document, i.amount, i.days) for i in result.items]


def test_each_kind_for_exactly_the_right_logins(sessions, world) -> None:
    who = logins(world)
    money = [("DUE_SOON", "C1", "XS0002", D("500.00"), 5), ("NEAR_LIMIT", "C1", None, D("1500.00"), None),
             ("OVERDUE", "C1", None, D("1000.00"), 10), ("OVERDUE", "C2", None, D("200.00"), 100)]
    leaders = [("DORMANT", "C3", None, None, 200), ("DUE_SOON", "C1", "XS0002", D("500.00"), 5),
               ("FOLLOW_UP_DUE", "C3", None, None, 2), ("HELD", "C3", "XS0005", D("800.00"), 3),
               ("NEAR_LIMIT", "C1", None, D("1500.00"), None), ("OVERDUE", "C1", None, D("1000.00"), 10),
               ("OVERDUE", "C2", None, D("200.00"), 100)]
    expected = {
        "sales1": [("BIRTHDAY", "C4", None, None, 2), ("DORMANT", "C4", None, None, 91),
                   ("DUE_SOON", "C1", "XS0002", D("500.00"), 5), ("FOLLOW_UP_DUE", "C1", None, None, 1),
                   ("NEAR_LIMIT", "C1", None, D("1500.00"), None), ("OVERDUE", "C1", None, D("1000.00"), 10)],
        "sales2": [("BIRTHDAY", "C6", None, None, 4), ("DORMANT", "C2", None, None, 100),
                   ("FOLLOW_UP_DUE", "C3", None, None, 2), ("OVERDUE", "C2", None, D("200.00"), 100)],
        "manager": leaders, "admin": leaders, "finance": money,
    }
    for login, actor in who.items():
        result = remind(sessions, actor)
        assert summary(result) == expected[login], login
        assert sum(result.counts.values()) == len(expected[login])
        assert result.counts["HELD"] == (1 if login in ("manager", "admin") else 0)
        with sessions() as s:  # never a customer the login may not see
            seen = visible_to(actor)
            visible = set(s.scalars(select(Customer.code) if seen is None else select(Customer.code).where(seen)))
        assert {i.customer_code for i in result.items} <= visible


def test_messages_and_what_each_item_opens(sessions, world) -> None:
    items = {(i.kind, i.customer_code): i for i in remind(sessions, logins(world)["manager"]).items}
    assert items["OVERDUE", "C1"].text == "过期欠款 1000.00 元，最早的已过期 10 天"
    assert items["NEAR_LIMIT", "C1"].text == "欠款 1500.00 元，超过信用额度 1200.00 元"
    assert items["HELD", "C3"].document_id == world["o4"]
    assert items["HELD", "C3"].text == "销售单 XS0005（800.00 元）待审批，已等待 3 天"
    assert items["DUE_SOON", "C1"].document_id == world["o2"]
    assert items["DUE_SOON", "C1"].text == "销售单 XS0002 未付 500.00 元，2026-06-29 到期（还有 5 天）"
    assert items["DORMANT", "C3"].text == "最后一次下单 2025-12-06，已 200 天未下单"
    assert items["FOLLOW_UP_DUE", "C3"].text == "计划 2026-06-22 跟进：报价"
    assert all(i.customer_id == world[i.customer_code.lower()] for i in items.values())
    birthday = next(i for i in remind(sessions, logins(world)["sales1"]).items if i.kind == "BIRTHDAY")
    assert (birthday.text, birthday.contact_id is not None) == ("联系人 张三 2026-06-26 生日", True)


def test_json_shape_is_the_contract(sessions, world) -> None:
    data = remind(sessions, logins(world)["finance"]).to_json()
    assert list(data) == ["user", "as_of", "items", "counts"]
    assert data["user"] == "finance" and data["as_of"] == "2026-06-24"
    assert data["items"][0] == {"kind": "DUE_SOON", "customer_code": "C1", "document": "XS0002", "amount": "500.00",
                                "days": 5, "message": "销售单 XS0002 未付 500.00 元，2026-06-29 到期（还有 5 天）"}
    assert data["counts"] == {"OVERDUE": 2, "DUE_SOON": 1, "NEAR_LIMIT": 1, "HELD": 0, "DORMANT": 0,
                              "FOLLOW_UP_DUE": 0, "VISIT_DUE": 0, "BIRTHDAY": 0}
    keys = [(i["kind"], i["customer_code"]) for i in data["items"]]
    assert keys == sorted(keys)


def test_reminders_disappear_when_resolved(sessions, world) -> None:
    who = logins(world)
    with sessions.begin() as s:
        book = More(s, world["p"])
        c1, c4 = s.get(Customer, world["c1"]), s.get(Customer, world["c4"])
        book.receipt(c1, day(-1), "1000.00", number="SK9001")  # pays the overdue order (oldest due first)
        book.order(c4, day(-1), "10.00", number="XS9001")  # C4 buys again: no longer dormant
        book.receipt(c4, day(-1), "10.00", number="SK9002")
    followups.add(sessions, who["sales1"], world["c1"], FollowUpData(day(-1), "电话回访"))  # the planned one is done
    kinds = {(i.kind, i.customer_code) for i in remind(sessions, who["sales1"]).items}
    assert kinds == {("BIRTHDAY", "C4"), ("DUE_SOON", "C1")}  # 500 left: under 90 % of 1,200
    with sessions() as s:
        version = s.get(SalesOrder, world["o4"]).version
    orders.approve(sessions, who["manager"], world["o4"], version, "老客户，已电话确认付款", today=ON)
    assert "HELD" not in {i.kind for i in remind(sessions, who["manager"]).items}


def test_a_put_away_reminder_comes_back_when_it_worsens(sessions, world) -> None:
    who = logins(world)
    with sessions.begin() as s:  # XS0002 paid: only XS0001 (due 10 days ago) stays overdue
        More(s, world["p"]).receipt(s.get(Customer, world["c1"]), day(-1), "500.00", order=s.get(SalesOrder, world["o2"]),
                        number="SK9000")
    overdue = next(i for i in remind(sessions, who["sales1"]).items if i.kind == "OVERDUE")
    reminders.dismiss(sessions, who["sales1"], [overdue], today=ON)
    again = remind(sessions, who["sales1"])
    assert overdue.key not in {i.key for i in again.items} and overdue.key in {i.key for i in again.hidden}
    assert "OVERDUE" in {i.kind for i in remind(sessions, who["manager"]).items}  # per login
    assert remind(sessions, who["sales1"], day(20)).counts["OVERDUE"] == 0  # 30 days: older, not worse
    assert remind(sessions, who["sales1"], day(21)).counts["OVERDUE"] == 1  # 31 days: into the next bucket
    with sessions.begin() as s:
        More(s, world["p"]).order(s.get(Customer, world["c1"]), day(-31), "10.00", number="XS9002")  # due yesterday
    back = next(i for i in remind(sessions, who["sales1"]).items if i.kind == "OVERDUE")
    assert back.amount == D("1010.00")  # more overdue: back today
    with sessions() as s:
        assert s.scalar(select(AuditLog.action).where(AuditLog.login == "sales1")) == "reminder.dismiss"


def test_snooze_until_a_date_and_a_new_held_order(sessions, world) -> None:
    who = logins(world)
    held = next(i for i in remind(sessions, who["manager"]).items if i.kind == "HELD")
    with pytest.raises(ValidationError, match="晚于今天"):
        reminders.dismiss(sessions, who["manager"], [held], until=ON, today=ON)
    reminders.dismiss(sessions, who["manager"], [held], until=day(3), today=ON)
    assert remind(sessions, who["manager"]).counts["HELD"] == 0
    assert remind(sessions, who["manager"], day(2)).counts["HELD"] == 0
    assert remind(sessions, who["manager"], day(3)).counts["HELD"] == 1  # the snooze is over
    assert remind(sessions, who["admin"]).counts["HELD"] == 1
    with sessions.begin() as s:
        More(s, world["p"]).order(s.get(Customer, world["c3"]), day(-1), "90.00", status="held", number="XS9003")
    assert [i.document for i in remind(sessions, who["manager"]).items if i.kind == "HELD"] == ["XS9003"]
    reminders.restore(sessions, who["manager"], [held.key])
    assert remind(sessions, who["manager"]).counts["HELD"] == 2


def test_after_sales_follow_ups_are_due_for_the_owner(sessions, world) -> None:
    """A confirmed order schedules its after-sales follow-ups; the owner is reminded from each due date."""
    from app.customers import set_credit
    from app.documents import LineIn

    with sessions.begin() as s:
        set_credit(s, world["c4"], 30, D("10000"), date(2026, 1, 1), "boss")
    data = orders.OrderIn(customer_id=world["c4"], date=day(-8), lines=(LineIn(world["p"], D("1"), D("100.00")),))
    out = orders.confirm(sessions, Actor("admin", "admin"), data, today=day(-8))
    assert out.status == "confirmed"
    due = [i for i in remind(sessions, logins(world)["sales1"]).items if i.kind == "FOLLOW_UP_DUE" and i.document]
    assert [(i.customer_code, i.document, i.document_id, i.days, i.text) for i in due] == [
        ("C4", out.number, out.order_id, 1, f"售后回访（1周）：销售单 {out.number}，2026-06-23 起应回访")]
    assert not [i for i in remind(sessions, logins(world)["sales2"]).items if i.document == out.number]
    assert not [i for i in remind(sessions, logins(world)["manager"]).items if i.document == out.number]


# --- the money figures equal the ledger's -----------------------------------------------------------------------

START = date(2026, 1, 1)
amounts = st.integers(min_value=1, max_value=50_000).map(lambda f: f"{Decimal(f) / 100:.2f}")
docs = st.lists(
    st.tuples(st.sampled_from(["order", "order", "receipt", "return", "alloc"]), st.integers(0, 3),
              st.integers(0, 300), amounts, st.integers(0, 20), st.booleans(), st.sampled_from([0, 7, 30, 60])),
    max_size=30,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(docs=docs, as_of_offset=st.integers(0, 320), limit=st.sampled_from(["0", "100", "1000", "100000"]))
def test_money_reminders_equal_the_ledger(docs, as_of_offset: int, limit: str) -> None:
    engine = make_engine("sqlite://")
    Base.metadata.create_all(engine)
    finance = Actor("acc", "finance")
    with Session(engine) as s:
        book = Book(s)
        customers = [book.customer(f"C{i}", created=START - timedelta(days=1), credit_limit=D(limit))
                     for i in range(4)]
        placed: dict[int, list] = {i: [] for i in range(4)}
        for kind, ci, offset, amount, pick, named, term in docs:
            c, on = customers[ci], START + timedelta(days=offset)
            target = placed[ci][pick % len(placed[ci])] if placed[ci] and named else None
            if kind == "order":
                order = book.order(c, on, amount)
                order.term_days, order.due_date = term, on + timedelta(days=term)
                placed[ci].append(order)
            elif kind == "receipt":
                book.receipt(c, on, amount, order=target)
            elif kind == "return":
                book.ret(c, on, amount, order=target)
            elif target is not None:
                r = book.receipt(c, on, amount)
                half = max((Decimal(amount) / 2).quantize(Decimal("0.01"), rounding=ROUND_DOWN), Decimal("0.01"))
                s.add(Allocation(receipt_id=r.id, order_id=target.id, amount=half))
        s.flush()
        on = START + timedelta(days=as_of_offset)
        got = reminders.reminders_for(s, finance, on)
        expected_overdue, expected_soon, expected_near = {}, {}, set()
        oldest = ledger.oldest_overdue_due(s, on)
        for c in customers:
            orders_c, credits_c = ledger.customer_documents(s, c.id, on)
            alloc = ledger.allocate(orders_c, credits_c)
            overdue = sum((alloc.open[o.id] for o in orders_c if o.due_date < on), D("0"))
            if overdue > 0:
                expected_overdue[c.code] = (overdue, (on - oldest[c.id]).days)
            for o in orders_c:
                if on <= o.due_date <= on + timedelta(days=7) and alloc.open[o.id] > 0:
                    expected_soon[o.number] = alloc.open[o.id]
            balance = sum((o.total for o in orders_c), D("0")) - sum((x.amount for x in credits_c), D("0"))
            if balance > 0 and balance * 100 > 90 * D(limit):
                expected_near.add((c.code, balance))
        assert {i.customer_code: (i.amount, i.days) for i in got.items if i.kind == "OVERDUE"} == expected_overdue
        assert {i.document: i.amount for i in got.items if i.kind == "DUE_SOON"} == expected_soon
        assert {(i.customer_code, i.amount) for i in got.items if i.kind == "NEAR_LIMIT"} == expected_near
        stages = {i.customer_code: i.stage for i in got.items if i.kind == "OVERDUE"}
        for code, stage in stages.items():
            cid = next(c.id for c in customers if c.code == code)
            pos = ledger.position(s, cid, on)
            buckets = [pos.buckets[b] for b in ("d1_30", "d31_60", "d61_90", "d90_plus")]
            assert stage == max(i + 1 for i, v in enumerate(buckets) if v > 0)
    engine.dispose()


def test_unknown_login(sessions) -> None:
    from app.errors import NotFound

    with sessions() as s, pytest.raises(NotFound, match="nobody"):
        reminders.for_login(s, "nobody", ON)


def test_visit_method_names(sessions) -> None:
    with sessions.begin() as s:
        ids = {name: code_entry(s, "followup_method", name).id for name in ("上门拜访", "走访", "电话", "微信")}
    from app import care

    with sessions() as s:
        assert set(s.scalars(care.visit_method_ids())) == {ids["上门拜访"], ids["走访"]}


def test_credit_limits_from_the_list_column_equal_the_history(sessions) -> None:
    """NEAR_LIMIT reads a customer's limit from its list column unless a credit change is dated between the date
    asked for and the days the columns were brought up to; every way round it equals the history's limit."""
    from app import customers

    today = date.today()
    with sessions.begin() as s:
        made = [customers.new_customer(s, code=f"L{n}", name=f"额度{n}", created=date(2025, 1, 1),
                                       credit_limit=D("1000"), term_days=30).id for n in range(4)]
        customers.set_credit(s, made[1], 30, D("2000"), today - timedelta(days=40))  # in force since
        customers.set_credit(s, made[2], 30, D("5000"), today + timedelta(days=10))  # dated ahead: not in the column
        customers.set_credit(s, made[3], 30, D("0"), today)
    for synced in (False, True):
        if synced:
            with sessions.begin() as s:
                customers.sync_due(s, today)
        with sessions() as s:
            assert (customers.synced_on(s) is not None) == synced
            for on in (date(2024, 12, 31), today - timedelta(days=60), today - timedelta(days=40), today,
                       today + timedelta(days=9), today + timedelta(days=10), today + timedelta(days=30)):
                expected = {cid: int(customers.credit_terms_on(s, cid, on)[1] * 100) for cid in made}
                assert reminders._limits(s, on, made) == expected, (synced, on)
    assert expected == {made[0]: 100000, made[1]: 200000, made[2]: 500000, made[3]: 0}


def test_credit_limits_of_many_owing_customers(sessions, monkeypatch) -> None:
    """With many customers to name and a share, the limits are read only for those whose kept balance is over that
    share of the column's limit, whose figures are not kept, or whose limit moved since; without a share, for all."""
    from app import customers

    monkeypatch.setattr(reminders, "WHOLE_READ", 0)
    today = date.today()
    with sessions.begin() as s:
        book = Book(s)
        made = [customers.new_customer(s, code=f"M{n}", name=f"欠款{n}", created=date(2025, 1, 1),
                                       credit_limit=D("1000") * (n % 3), term_days=30).id for n in range(6)]
        for cid in made[:4]:
            book.order(s.get(Customer, cid), date(2025, 6, 1), "500.00")
        book.order(s.get(Customer, made[4]), today - timedelta(days=30), "100.00")  # later than the earlier date
        customers.set_credit(s, made[1], 30, D("2000"), today - timedelta(days=40))
        customers.sync_due(s, today)
    with sessions() as s:
        for on in (today - timedelta(days=60), today):
            got = reminders._limits(s, on, made[:4])
            assert got == {cid: int(customers.credit_terms_on(s, cid, on)[1] * 100) for cid in made[:4]}, on
    with sessions() as s:  # with the share: only those over 90 % of their limit (the moved one whatever it owes)
        over = {on: reminders._limits(s, on, made[:5], 90) for on in (today - timedelta(days=60), today)}
    # the first four owe 500.00; limits 0, 1,000 (2,000 from 40 days ago: moved for the earlier date), 2,000, 0; the
    # fifth owes 100.00 of 1,000 today, and its kept figures do not hold for the earlier date (a later order)
    assert over == {today - timedelta(days=60): {made[0]: 0, made[1]: 100000, made[3]: 0, made[4]: 100000},
                    today: {made[0]: 0, made[3]: 0}}


def test_suggested_grades_for_visits_are_the_analysis_ones(tmp_path) -> None:
    """VISIT_DUE's suggested grades (app.analytics.suggested_sql: A, B and D; a customer absent is C) equal
    app.analytics.suggested_grades for every customer of a demo company, today and 200 days ago."""
    from app import analytics, startup

    db = startup.open_database(f"sqlite:///{tmp_path / 'demo.sqlite3'}")
    startup.generate_demo(db, customers=60, seed=11)
    with db.sessions() as s:
        ids = list(s.scalars(select(Customer.id)))
        for on in (date.today(), date.today() - timedelta(days=200)):
            expected = {cid: g.grade for cid, g in analytics.suggested_grades(s, on).items()}
            assert set(expected.values()) == {"A", "B", "C", "D"}, on  # the demo has every grade
            got = dict(s.execute(analytics.suggested_sql(s, on)).all())
            assert {cid: got.get(cid, "C") for cid in ids} == expected, on
    db.engine.dispose()


def test_counted_kinds_read_whole_or_counted_give_the_same_reminders(tmp_path, monkeypatch) -> None:
    """FOLLOW_UP_DUE and VISIT_DUE are counted by the database and their facts read whole only when few (FEW), read
    (`read_all`) or some are put away: each way gives every login of a demo company the same counts and, worded, the
    same reminders; a dismissed one is set apart whichever way."""
    from app import startup

    db = startup.open_database(f"sqlite:///{tmp_path / 'demo.sqlite3'}")
    startup.generate_demo(db, customers=60, seed=11)
    on = date.today()
    with db.sessions() as s:
        logins = list(s.scalars(select(User.login).order_by(User.login)))
    was_counted: set[str] = set()
    for login in logins:
        with db.sessions() as s:
            who = reminders.actor_of(s, login)
            whole = reminders.reminders_for(s, who, on)
            for few in (0, 1, 200):
                monkeypatch.setattr(reminders, "FEW", few)
                pending = reminders.pending_for(s, who, on)
                assert pending.counts == whole.counts, (login, few)
                assert pending.worded(s).items == whole.items, (login, few)
                was_counted |= set(pending.counted) if few == 0 else set()
                assert few == 0 or all(n > few for n, _read in pending.counted.values()), (login, few)
        care_kinds = [k for k in ("FOLLOW_UP_DUE", "VISIT_DUE") if whole.counts[k]]
        if care_kinds and login != "caiwu":
            item = next(i for i in whole.items if i.kind == care_kinds[0])
            reminders.dismiss(db.sessions, who, [item], today=on)
            for few in (0, 200):  # counted with the put-away one read by its id, or read whole
                monkeypatch.setattr(reminders, "FEW", few)
                with db.sessions() as s:
                    after = reminders.pending_for(s, who, on)
                    assert after.counts[item.kind] == whole.counts[item.kind] - 1, (login, few)
                    assert after.hidden_counts[item.kind] == 1, (login, few)
                    assert (item.kind in after.counted) == (few == 0 and whole.counts[item.kind] > 0), (login, few)
                    worded = after.worded(s, [item.kind])
                    assert [i.key for i in worded.hidden] == [item.key], (login, few)
                    assert len(worded.items) == whole.counts[item.kind] - 1, (login, few)
    assert was_counted == {"FOLLOW_UP_DUE", "VISIT_DUE"}  # both ways were taken
    db.engine.dispose()
