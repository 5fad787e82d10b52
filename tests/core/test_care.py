"""客户维护: the visit plan by grade and role, the after-sales schedule and its closing by a follow-up, a potential
customer's first steps, the grade review, the follow-up list, the settings — and the migration that adds them."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from alembic import command
from sqlalchemy import Date, Integer, create_engine, func, inspect, literal, select, text

from app import analytics, care, followups, master_data, orders, reminders, schema
from app import settings as app_settings
from app.context import Actor
from app.customers import code_entry, new_customer
from app.db import make_engine
from app.documents import LineIn
from app.errors import PermissionDenied, ValidationError
from app.followups import FollowUpData, FollowUpFilter
from models import AuditLog, CareTask, Customer, FollowUp, Product, Salesperson

D = Decimal
ADMIN, MANAGER, FINANCE = Actor("admin", "admin"), Actor("manager", "manager"), Actor("finance", "finance")


def visit_codes(result: reminders.Reminders) -> list[str]:
    return [i.customer_code for i in result.items if i.kind == "VISIT_DUE"]


# --- the visit plan ------------------------------------------------------------------------------------------------


@pytest.fixture
def visits(sessions) -> dict[str, int]:
    """Customers by grade and owner, with visits (拜访) and a call (电话) logged."""
    with sessions.begin() as s:
        s1, s2 = Salesperson(code="S1", name="张伟"), Salesperson(code="S2", name="李娜")
        s.add_all([s1, s2])
        s.flush()
        visit, call = code_entry(s, "followup_method", "拜访").id, code_entry(s, "followup_method", "电话").id
        made = {}
        for code, grade, owner, status in (("A1", "A", s1.id, "active"), ("B1", "B", s1.id, "active"),
                                           ("C1", "C", s1.id, "active"), ("C2", "C", s1.id, "active"),
                                           ("D1", "D", s1.id, "active"), ("P1", "C", None, "active"),
                                           ("U1", None, s2.id, "prospect"), ("X1", "A", s1.id, "terminated")):
            made[code] = new_customer(s, code=code, name=f"客户{code}", created=date(2025, 1, 1), owner_id=owner,
                                      grade=grade, status=status).id
        s.add_all([
            FollowUp(customer_id=made["B1"], date=date(2026, 6, 5), method_id=visit, content="拜访"),
            FollowUp(customer_id=made["C1"], date=date(2026, 6, 5), method_id=visit, content="拜访"),
            FollowUp(customer_id=made["C2"], date=date(2026, 4, 25), method_id=visit, content="拜访"),
            FollowUp(customer_id=made["C2"], date=date(2026, 6, 1), method_id=call, content="电话不算走访"),
        ])
        return {"s1": s1.id, "s2": s2.id, **made}


def test_visit_plan_reminds_the_right_people(sessions, visits) -> None:
    sales1, sales2 = Actor("s1", "sales", visits["s1"]), Actor("s2", "sales", visits["s2"])

    def due(actor: Actor, on: date) -> list[str]:
        with sessions() as s:
            return visit_codes(reminders.reminders_for(s, actor, on))

    early, late = date(2026, 6, 10), date(2026, 6, 20)
    # before the 20th only the 45-day rule: C2's last visit 25 April is 46 days back; never visited is due too
    assert due(sales1, early) == ["C2"]
    assert due(sales2, early) == ["U1"]  # no grade set: suggested C (no revenue), the owner visits
    assert due(MANAGER, early) == ["A1", "P1"]  # A by a leader; a pool customer's C visits go to the leaders
    assert due(ADMIN, early) == ["A1", "P1"]
    assert due(FINANCE, early) == []
    # from the 20th: fewer visits this month than the plan
    assert due(sales1, late) == ["C1", "C2"]  # C asks for 2: one in June
    assert due(MANAGER, late) == ["A1", "P1"]  # B1 had its one visit
    assert due(sales1, date(2026, 7, 21)) == ["C1", "C2"]
    with sessions() as s:
        item = next(i for i in reminders.reminders_for(s, sales1, late).items if i.customer_code == "C1")
    assert item.text == "C 类客户每月应走访 2 次（负责销售员），本月已走访 1 次；上次走访 2026-06-05"
    assert item.days == 15
    with sessions() as s:  # a last visit before the 45 days, and none at all, are worded too
        older = {i.customer_code: i for i in reminders.reminders_for(s, sales1, early).items + reminders.reminders_for(
            s, sales2, early).items if i.kind == "VISIT_DUE"}
    assert (older["C2"].text, older["C2"].days) == (
        "C 类客户每月应走访 2 次（负责销售员），本月已走访 0 次；上次走访 2026-04-25", 46)
    assert (older["U1"].text, older["U1"].days) == ("C 类客户每月应走访 2 次（负责销售员），本月已走访 0 次；从未走访", None)
    master_data.save_settings(sessions, ADMIN, visit_b_count=2, visit_b_by="leader")
    assert due(ADMIN, late) == ["A1", "B1", "P1"]
    assert due(sales1, late) == ["C1", "C2"]


def test_a_dismissed_visit_stays_away_until_the_gap_grows_and_counts_agree(sessions, visits) -> None:
    """VISIT_DUE is counted by the database and read when worded: a dismissed one is left out of the count and set
    apart (its put-away fact read by its key) until it worsens — C2's last visit (10 May) passes 45 days — and the
    badge, the counts and the worded items agree on every date."""
    sales1 = Actor("s1", "sales", visits["s1"])
    with sessions.begin() as s:
        s.add(FollowUp(customer_id=visits["C2"], date=date(2026, 5, 10), content="拜访",
                       method_id=code_entry(s, "followup_method", "拜访").id))
    with sessions() as s:
        c2 = next(i for i in reminders.reminders_for(s, sales1, date(2026, 6, 20)).items if i.customer_code == "C2")
    assert (c2.kind, c2.level, c2.stage) == ("VISIT_DUE", 2, 0)  # none of 2 this month; 41 days since 10 May
    reminders.dismiss(sessions, sales1, [c2], today=date(2026, 6, 20))
    seen = {}
    for on in (date(2026, 6, 20), date(2026, 6, 24), date(2026, 6, 25)):
        with sessions() as s:
            pending = reminders.pending_for(s, sales1, on)
            worded = pending.worded(s)
            assert pending.counts == worded.counts and pending.total == reminders.count(s, sales1, on), on
            seen[on] = (pending.counts["VISIT_DUE"], pending.hidden_counts["VISIT_DUE"],
                        visit_codes(worded), [i.customer_code for i in worded.hidden if i.kind == "VISIT_DUE"])
    assert seen == {date(2026, 6, 20): (1, 1, ["C1"], ["C2"]), date(2026, 6, 24): (1, 1, ["C1"], ["C2"]),  # 45 days
                    date(2026, 6, 25): (2, 0, ["C1", "C2"], [])}  # 46 days: a gap, worse than when dismissed


def test_an_ungraded_customer_long_overdue_is_suggested_d_and_not_visited(sessions, visits) -> None:
    """A salesperson's reminders rank the suggested grades without computing everyone's money: D (no visits) for an
    ungraded customer with an order more than 90 days past due; A for one 30 days past due, the only revenue (a
    leader visits it) — as app.analytics suggests them."""
    from tests.core.builders import Book

    on = date(2026, 6, 10)
    with sessions.begin() as s:
        book = Book(s)
        for code, due_days_ago in (("U2", 95), ("U3", 30)):
            c = new_customer(s, code=code, name=f"客户{code}", created=date(2025, 1, 1), owner_id=visits["s2"],
                             term_days=10)
            book.order(c, date.fromordinal(on.toordinal() - due_days_ago - 10), "100.00")
    sales2 = Actor("s2", "sales", visits["s2"])
    with sessions() as s:
        assert visit_codes(reminders.reminders_for(s, sales2, on)) == ["U1"]
        assert visit_codes(reminders.reminders_for(s, MANAGER, on)) == ["A1", "P1", "U3"]
        grades = analytics.suggested_grades(s, on)
    assert {code: grades[_id(sessions, code)].grade for code in ("U1", "U2", "U3")} == {"U1": "C", "U2": "D", "U3": "A"}


def _id(sessions, code: str) -> int:  # noqa: ANN001
    with sessions() as s:
        return s.scalar(select(Customer.id).where(Customer.code == code))


def _due(done: int | None, last: date | None, plan: int, on: date) -> bool:
    """care.visit_due evaluated by the database, on these values."""
    engine = create_engine("sqlite://")
    with engine.connect() as conn:
        values = select(literal(done, Integer).label("done"), literal(last, Date).label("last"),
                        literal(plan, Integer).label("plan")).subquery()
        return bool(conn.scalar(select(care.visit_due(values.c.done, values.c.last, values.c.plan, on))))


def test_visit_rule() -> None:
    on = date(2026, 6, 19)
    assert _due(0, date(2026, 6, 1), 1, on) is False  # before the 20th, last visit 18 days ago
    assert _due(0, date(2026, 6, 1), 1, date(2026, 6, 20)) is True
    assert _due(None, date(2026, 6, 1), 1, date(2026, 6, 20)) is True  # no visit this month (NULL)
    assert _due(1, date(2026, 6, 1), 1, date(2026, 6, 20)) is False
    assert _due(1, date(2026, 6, 1), 2, date(2026, 6, 20)) is True  # C: twice a month
    assert _due(0, date(2026, 5, 5), 1, on) is False  # exactly 45 days: not more than 45
    assert _due(0, date(2026, 5, 4), 1, on) is True
    assert _due(0, None, 1, on) is True
    assert _due(0, None, 0, on) is False  # grade D: no visits


# --- after-sales follow-ups ----------------------------------------------------------------------------------------


@pytest.fixture
def shop(sessions) -> dict[str, int]:
    with sessions.begin() as s:
        sp = Salesperson(code="S1", name="张伟")
        p = Product(code="P1", name="螺栓", cost=D("60.00"), price=D("100.00"))
        s.add_all([sp, p])
        s.flush()
        c = new_customer(s, code="C1", name="重庆渝丰五金", created=date(2025, 1, 1), owner_id=sp.id, term_days=30,
                         credit_limit=D("100000"))
        return {"sp": sp.id, "p": p.id, "c": c.id}


def _confirm(sessions, shop, on: date, price: str = "100.00", cash: str = "0") -> orders.Outcome:
    data = orders.OrderIn(customer_id=shop["c"], date=on, lines=(LineIn(shop["p"], D("1"), D(price)),),
                          cash_amount=D(cash))
    out = orders.confirm(sessions, ADMIN, data, today=on)
    assert out.status == "confirmed"
    return out


def _tasks(sessions, order_id: int) -> list[tuple[str, date, date | None]]:
    with sessions() as s:
        return [tuple(r) for r in s.execute(select(CareTask.step, CareTask.due, CareTask.done_on)
                                            .where(CareTask.order_id == order_id).order_by(CareTask.due))]


def test_a_confirmed_order_schedules_four_follow_ups_closed_by_a_follow_up(sessions, shop) -> None:
    out = _confirm(sessions, shop, date(2026, 1, 31))
    assert _tasks(sessions, out.order_id) == [("week", date(2026, 2, 7), None), ("month", date(2026, 2, 28), None),
                                              ("quarter", date(2026, 4, 30), None), ("year", date(2027, 1, 31), None)]
    owner = Actor("zw", "sales", shop["sp"])

    def due(on: date) -> list[tuple[str | None, int | None]]:
        with sessions() as s:
            return [(i.document, i.days) for i in reminders.reminders_for(s, owner, on).items
                    if i.kind == "FOLLOW_UP_DUE"]

    assert due(date(2026, 2, 6)) == []
    assert due(date(2026, 2, 7)) == [(out.number, 0)]
    followups.add(sessions, owner, shop["c"], FollowUpData(date(2026, 2, 8), "回访：货已用上，反馈良好"))
    assert due(date(2026, 2, 7)) == [(out.number, 0)]  # as of the 7th it was not done yet
    assert due(date(2026, 2, 8)) == []
    assert due(date(2026, 3, 1)) == [(out.number, 1)]  # the month's: a follow-up on or after 28 February
    assert _tasks(sessions, out.order_id)[0] == ("week", date(2026, 2, 7), date(2026, 2, 8))
    with sessions() as s:
        assert [r.step for r in care.schedule_of(s, owner, shop["c"])] == ["week", "month", "quarter", "year"]
        audit = s.scalars(select(AuditLog.detail).where(AuditLog.action == "followup.add")).one()
    assert '"aftersales_done": 1' in audit


def test_dismissed_follow_ups_are_left_out_of_the_count_and_read_by_their_keys(sessions, shop) -> None:
    """FOLLOW_UP_DUE is counted by the database: a dismissed after-sales follow-up and a snoozed planned next date
    are set apart (read by their keys), the count and the badge are one less each, and the snoozed one is back when
    its date comes; the other reminders stay."""
    out = _confirm(sessions, shop, date(2026, 1, 31))
    owner = Actor("zw", "sales", shop["sp"])
    followups.add(sessions, owner, shop["c"], FollowUpData(date(2026, 1, 31), "电话", next_date=date(2026, 2, 5)))
    on = date(2026, 2, 7)

    def state(day: date) -> tuple[int, int, list[str], list[str], int]:
        with sessions() as s:
            pending = reminders.pending_for(s, owner, day)
            worded = pending.worded(s, ["FOLLOW_UP_DUE"])
            assert pending.counts["FOLLOW_UP_DUE"] == len(worded.items), day
            return (pending.counts["FOLLOW_UP_DUE"], pending.hidden_counts["FOLLOW_UP_DUE"],
                    [i.message_code for i in worded.items], [i.message_code for i in worded.hidden],
                    reminders.count(s, owner, day))

    before = state(on)
    assert before[:4] == (2, 0, ["reminders.planned", "reminders.after_sales"], [])  # no document first
    with sessions() as s:
        task, plan = sorted(reminders.reminders_for(s, owner, on).items, key=lambda i: i.message_code)
    assert task.document == out.number and plan.key.startswith("FOLLOW_UP_DUE:plan:")
    reminders.dismiss(sessions, owner, [task], today=on)
    reminders.dismiss(sessions, owner, [plan], until=date(2026, 2, 9), today=on)
    assert state(on) == (0, 2, [], ["reminders.planned", "reminders.after_sales"], before[4] - 2)
    assert state(date(2026, 2, 9)) == (1, 1, ["reminders.planned"], ["reminders.after_sales"], before[4] - 1)


def test_cancelling_removes_the_open_ones_and_restoring_schedules_again(sessions, shop) -> None:
    out = _confirm(sessions, shop, date(2026, 1, 31))
    followups.add(sessions, ADMIN, shop["c"], FollowUpData(date(2026, 2, 10), "回访"))
    with sessions() as s:
        version = s.get(orders.SalesOrder, out.order_id).version
    cancelled = orders.cancel(sessions, ADMIN, out.order_id, version, "开错客户")
    assert _tasks(sessions, out.order_id) == [("week", date(2026, 2, 7), date(2026, 2, 10))]  # done: history
    orders.uncancel(sessions, ADMIN, out.order_id, cancelled.version, today=date(2026, 2, 11))
    assert [t[0] for t in _tasks(sessions, out.order_id)] == ["week", "month", "quarter", "year"]


def test_cash_counter_sales_below_the_threshold_schedule_none(sessions, shop) -> None:
    small_cash = _confirm(sessions, shop, date(2026, 3, 2), price="500.00", cash="500.00")
    big_cash = _confirm(sessions, shop, date(2026, 3, 2), price="1000.00", cash="1000.00")  # not below 1,000
    on_credit = _confirm(sessions, shop, date(2026, 3, 2), price="500.00")
    part_cash = _confirm(sessions, shop, date(2026, 3, 2), price="500.00", cash="100.00")
    assert [len(_tasks(sessions, o.order_id)) for o in (small_cash, big_cash, on_credit, part_cash)] == [0, 4, 4, 4]
    master_data.save_settings(sessions, ADMIN, aftersales_cash_threshold=D("2000.00"))
    assert len(_tasks(sessions, _confirm(sessions, shop, date(2026, 3, 3), "1000.00", "1000.00").order_id)) == 0
    assert care.counter_sale(D("999.99"), D("999.99"), D("1000.00")) is True
    assert care.counter_sale(D("999.99"), D("0.00"), D("1000.00")) is False


# --- a potential customer's first steps, the follow-up list --------------------------------------------------------


def test_first_steps_and_results_of_a_potential_customer(sessions, shop) -> None:
    with sessions.begin() as s:
        pid = new_customer(s, code="Q1", name="新客户", created=date(2026, 1, 1), status="prospect").id
    followups.add(sessions, ADMIN, pid, FollowUpData(date(2026, 3, 1), "初次拜访", result="约好下周看样",
                                                     card_exchanged=True, company_introduced=True))
    followups.add(sessions, ADMIN, pid, FollowUpData(date(2026, 3, 5), "送样品", samples_given=True,
                                                     company_introduced=True))
    with sessions() as s:
        steps = care.first_steps(s, ADMIN, pid)
        rows = followups.list_for(s, ADMIN, pid)
    assert (steps.card_exchanged, steps.samples_given, steps.company_introduced, steps.done) == (
        date(2026, 3, 1), date(2026, 3, 5), date(2026, 3, 1), 3)
    assert [(r.result, r.steps) for r in rows] == [(None, ("samples_given", "company_introduced")),
                                                  ("约好下周看样", ("card_exchanged", "company_introduced"))]
    with sessions() as s:
        assert care.first_steps(s, ADMIN, shop["c"]).done == 0


def test_follow_up_list_by_salesperson_and_week(sessions, shop) -> None:
    with sessions.begin() as s:
        s2 = Salesperson(code="S2", name="李娜")
        s.add(s2)
        s.flush()
        other = new_customer(s, code="C2", name="北京华信", created=date(2025, 1, 1), owner_id=s2.id).id
        s2_id = s2.id
    zw, ln = Actor("zw", "sales", shop["sp"]), Actor("ln", "sales", s2_id)
    for day, who, customer in ((date(2026, 6, 22), zw, shop["c"]), (date(2026, 6, 28), zw, shop["c"]),
                               (date(2026, 6, 29), zw, shop["c"]), (date(2026, 6, 23), ln, other)):
        followups.add(sessions, who, customer, FollowUpData(day, f"跟进 {day}"))
    monday, sunday = followups.week_of(date(2026, 6, 24))
    assert (monday, sunday) == (date(2026, 6, 22), date(2026, 6, 28))
    with sessions() as s:
        week = FollowUpFilter(start=monday, end=sunday)
        all_week = followups.rows(s, followups.matching_ids(s, ADMIN, week))
        assert [(r.date, r.customer_code, r.salesperson) for r in all_week] == [
            (date(2026, 6, 28), "C1", "S1 张伟"), (date(2026, 6, 23), "C2", "S2 李娜"), (date(2026, 6, 22), "C1", "S1 张伟")]
        mine = followups.matching_ids(s, ADMIN, FollowUpFilter(monday, sunday, salesperson_id=s2_id))
        assert [r.customer_code for r in followups.rows(s, mine)] == ["C2"]
        assert [r.customer_code for r in followups.rows(s, followups.matching_ids(s, zw, week))] == ["C1", "C1"]
        oldest_first = followups.matching_ids(s, ADMIN, week, "date", descending=False)
        assert [r.date.day for r in followups.rows(s, oldest_first)] == [22, 23, 28]
        assert followups.rows(s, followups.matching_ids(s, ADMIN, FollowUpFilter(text="华信")))[0].customer_code == "C2"


# --- settings ---------------------------------------------------------------------------------------------------------


def test_reminder_and_visit_settings(sessions) -> None:
    with sessions() as s:
        got = app_settings.load(s)
    assert (got.due_soon_days, got.near_limit_percent, got.visits("A"), got.visits("B"), got.visits("C"),
            got.visits("D"), got.aftersales_cash_threshold) == (
        7, 90, (1, "leader"), (1, "manager"), (2, "owner"), (0, "owner"), D("1000.00"))
    saved = master_data.save_settings(sessions, ADMIN, due_soon_days=10, near_limit_percent=80, visit_c_count=3,
                                      visit_a_by="manager", aftersales_cash_threshold=D("500.50"))
    assert (saved.due_soon_days, saved.near_limit_percent, saved.visits("C"), saved.visits("A"),
            saved.aftersales_cash_threshold) == (10, 80, (3, "owner"), (1, "manager"), D("500.50"))
    for bad in ({"due_soon_days": 0}, {"near_limit_percent": 101}, {"visit_b_count": -1},
                {"visit_b_by": "boss"}, {"aftersales_cash_threshold": D("1.001")},
                {"aftersales_cash_threshold": D("-1")}):
        with pytest.raises(ValidationError):
            master_data.save_settings(sessions, ADMIN, **bad)
    with pytest.raises(PermissionDenied):
        master_data.save_settings(sessions, MANAGER, due_soon_days=3)


# --- the migration ------------------------------------------------------------------------------------------------------


def test_upgrade_adds_the_care_tables_and_keeps_follow_ups(db_url: str) -> None:
    engine = make_engine(db_url)
    with engine.begin() as conn:
        command.upgrade(schema._config(conn), "e8870bc523dc")
        conn.execute(text("INSERT INTO customer (code, name, pinyin, mnemonic, mnemonic_edited, created, term_days, "
                          "credit_limit, status, blacklisted, archived, version) VALUES ('C9', '老客户', '', 'lkh', "
                          "false, '2026-01-01', 0, 0, 'active', false, false, 1)"))
        conn.execute(text("INSERT INTO follow_up (customer_id, date, content, next_date, version) "
                          "SELECT id, '2026-02-01', '老记录', '2026-02-08', 1 FROM customer"))
    schema.upgrade(engine)
    assert schema.current_revision(engine) == schema.head_revision()
    tables = set(inspect(engine).get_table_names())
    assert {"care_task", "reminder_state"} <= tables
    with engine.connect() as conn:
        row = conn.execute(text("SELECT content, result, card_exchanged, samples_given, company_introduced "
                                "FROM follow_up")).one()
        assert (row[0], row[1], bool(row[2]), bool(row[3]), bool(row[4])) == ("老记录", None, False, False, False)
        indexes = {i["name"] for i in inspect(conn).get_indexes("sales_order")}
        assert "ix_sales_order_status_due_date" in indexes
        assert conn.execute(select(func.count()).select_from(CareTask.__table__)).scalar() == 0
    engine.dispose()
