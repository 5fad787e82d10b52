"""客户活跃率 report: assigned at month end by owner and status, active by confirmed orders in the month."""
from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.orm import Session

from app.customers import new_customer, set_owner, set_status
from app.documents import LineIn, add_order, add_return
from app.errors import ValidationError
from app.reports import activity
from app.reports import build as build_report
from app.reports.common import month_end, months_between
from app.tables import Table, rate
from models import Product, Salesperson

D = Decimal


def _salesperson(session: Session, code: str) -> int:
    sp = Salesperson(code=code, name=f"销售{code}")
    session.add(sp)
    session.flush()
    return sp.id


def _order(session: Session, number: str, on: date, customer_id: int, product_id: int, *,
           handler_id: int | None = None, status: str = "confirmed") -> int:
    line = LineIn(product_id=product_id, qty=D("1"), price=D("100.00"), unit_cost=D("60.00"))
    return add_order(
        session, number=number, date=on, customer_id=customer_id, lines=[line], handler_id=handler_id, status=status
    ).id


@pytest.fixture
def dataset(session: Session) -> Session:
    """Three salespeople (and S04 with nobody), eleven customers; the figures below are counted by hand."""
    s1, s2, s3 = (_salesperson(session, c) for c in ("S01", "S02", "S03"))
    _salesperson(session, "S04")
    product = Product(code="P1", name="商品一", cost=D("60.00"), price=D("100.00"))
    session.add(product)
    session.flush()
    p = product.id
    old = date(2023, 1, 1)

    def customer(code: str, owner: int | None, created: date = old, status: str = "active") -> int:
        return new_customer(session, code=code, name=f"客户{code}", created=created, owner_id=owner, status=status).id

    # C01: owner S01; bought in January through S02 (handler ≠ owner); only a draft in March
    c1 = customer("C01", s1)
    _order(session, "O-101", date(2024, 1, 10), c1, p, handler_id=s2)
    _order(session, "O-102", date(2024, 3, 5), c1, p, handler_id=s1, status="draft")
    # C02: created 15 February (not assigned in January), bought 20 February
    c2 = customer("C02", s1, created=date(2024, 2, 15))
    _order(session, "O-201", date(2024, 2, 20), c2, p, handler_id=s1)
    # C03: owner S01, moved to S02 on 10 February; bought 5 February (handled by S01)
    c3 = customer("C03", s1)
    set_owner(session, c3, s2, date(2024, 2, 10))
    _order(session, "O-301", date(2024, 2, 5), c3, p, handler_id=s1)
    # C04: prospect until it became active on 1 March; bought in January (not counted) and in March
    c4 = customer("C04", s1, status="prospect")
    set_status(session, c4, "active", date(2024, 3, 1))
    _order(session, "O-401", date(2024, 1, 20), c4, p, handler_id=s1)
    _order(session, "O-402", date(2024, 3, 15), c4, p, handler_id=s1)
    # C05: owner S02, terminated from 1 February
    c5 = customer("C05", s2)
    set_status(session, c5, "terminated", date(2024, 2, 1))
    # C06: owner S02, suspended from the start; bought on 31 January, the last day of the month
    c6 = customer("C06", s2, status="suspended")
    _order(session, "O-601", date(2024, 1, 31), c6, p, handler_id=s2)
    # C07: shared pool; buys every month but belongs to nobody
    c7 = customer("C07", None)
    for n, m in enumerate((1, 2, 3)):
        _order(session, f"O-70{n}", date(2024, m, 3), c7, p, handler_id=s1)
    # C08: owner S03; its only February document is a return of a December order
    c8 = customer("C08", s3)
    o8 = _order(session, "O-801", date(2023, 12, 20), c8, p, handler_id=s3)
    add_return(session, number="R-801", date=date(2024, 2, 10), customer_id=c8, order_id=o8,
               lines=[LineIn(product_id=p, qty=D("1"), price=D("100.00"), unit_cost=D("60.00"))])
    # C09: owner S01 until 20 January, then shared pool; bought 10 January
    c9 = customer("C09", s1)
    set_owner(session, c9, None, date(2024, 1, 20))
    _order(session, "O-901", date(2024, 1, 10), c9, p, handler_id=s1)
    # C10: owner S03, suspended from 10 March; two March orders count once
    c10 = customer("C10", s3)
    set_status(session, c10, "suspended", date(2024, 3, 10))
    _order(session, "O-1001", date(2024, 3, 2), c10, p, handler_id=s3)
    _order(session, "O-1002", date(2024, 3, 20), c10, p, handler_id=s3)
    # C11: two owner changes on one day: the last one entered (S03) holds
    c11 = customer("C11", s1)
    set_owner(session, c11, s2, date(2024, 1, 15))
    set_owner(session, c11, s3, date(2024, 1, 15))
    # a cancelled order in February for C06 does not make it active
    _order(session, "O-602", date(2024, 2, 14), c6, p, handler_id=s2, status="cancelled")
    session.commit()
    return session


def _rows(table: Table) -> list[tuple]:
    return [(r["salesperson_code"], r["month"], r["assigned"], r["active"], r["rate"]) for r in table.rows]


def test_activity_by_salesperson_and_month(dataset: Session) -> None:
    table = activity.build(dataset, first="2024-01", last="2024-03")
    assert table.keys == ["salesperson_code", "month", "assigned", "active", "rate"]
    assert table.params == {"from": "2024-01", "to": "2024-03"}
    assert _rows(table) == [
        # January: C01 (bought via S02), C03; C02 not yet created, C04 prospect, C09 shared on the 31st
        ("S01", "2024-01", 2, 1, D("0.5000")),
        # February: C01, C02 (created and bought in February); C03 went to S02
        ("S01", "2024-02", 2, 1, D("0.5000")),
        # March: C01 (draft only), C02, C04 (active since 1 March, bought 15 March)
        ("S01", "2024-03", 3, 1, D("0.3333")),
        # January: C05 (terminated only in February), C06 (suspended, bought on the 31st)
        ("S02", "2024-01", 2, 1, D("0.5000")),
        # February: C03 (its owner on the 29th, bought on the 5th), C06 (cancelled order only)
        ("S02", "2024-02", 2, 1, D("0.5000")),
        ("S02", "2024-03", 2, 0, D("0.0000")),
        # C08, C10, C11 every month; the return in February does not count; two March orders count once
        ("S03", "2024-01", 3, 0, D("0.0000")),
        ("S03", "2024-02", 3, 0, D("0.0000")),
        ("S03", "2024-03", 3, 1, D("0.3333")),
    ]
    assert table.totals == {
        "2024-01": {"assigned": 7, "active": 2, "rate": D("0.2857")},
        "2024-02": {"assigned": 7, "active": 2, "rate": D("0.2857")},
        "2024-03": {"assigned": 8, "active": 2, "rate": D("0.2500")},
    }


def test_range_starting_after_the_histories(dataset: Session) -> None:
    """Owners and statuses set long before the range still count from its first month."""
    table = activity.build(dataset, first="2024-02", last="2024-02")
    assert _rows(table) == [
        ("S01", "2024-02", 2, 1, D("0.5000")),
        ("S02", "2024-02", 2, 1, D("0.5000")),
        ("S03", "2024-02", 3, 0, D("0.0000")),
    ]
    assert table.totals == {"2024-02": {"assigned": 7, "active": 2, "rate": D("0.2857")}}


def test_months_before_any_customer_and_after(dataset: Session) -> None:
    before = activity.build(dataset, first="2022-11", last="2022-12")
    assert before.rows == []
    assert before.totals == {
        "2022-11": {"assigned": 0, "active": 0, "rate": None},
        "2022-12": {"assigned": 0, "active": 0, "rate": None},
    }
    # C03 was S01's in December 2023 and C08 ordered on 20 December; C02 not created, C04 a prospect
    december = activity.build(dataset, first="2023-12", last="2023-12")
    assert _rows(december) == [
        ("S01", "2023-12", 4, 0, D("0.0000")),  # C01, C03, C09, C11
        ("S02", "2023-12", 2, 0, D("0.0000")),  # C05, C06
        ("S03", "2023-12", 2, 1, D("0.5000")),  # C08 (bought), C10
    ]
    # nothing changes after March: the same customers, no orders
    later = activity.build(dataset, first="2024-06", last="2024-06")
    assert _rows(later) == [
        ("S01", "2024-06", 3, 0, D("0.0000")),
        ("S02", "2024-06", 2, 0, D("0.0000")),
        ("S03", "2024-06", 3, 0, D("0.0000")),
    ]


def test_year_boundary_and_registry(dataset: Session) -> None:
    table = build_report(dataset, "activity", first="2023-12", last="2024-01")
    assert [(r["salesperson_code"], r["month"]) for r in table.rows] == [
        ("S01", "2023-12"), ("S01", "2024-01"), ("S02", "2023-12"), ("S02", "2024-01"),
        ("S03", "2023-12"), ("S03", "2024-01"),
    ]
    assert table.totals["2023-12"] == {"assigned": 8, "active": 1, "rate": D("0.1250")}
    assert table.totals["2024-01"] == {"assigned": 7, "active": 2, "rate": D("0.2857")}


@pytest.mark.parametrize(
    ("first", "last"),
    [("2024-1", "2024-03"), ("2024-13", "2024-12"), ("2024-03", "2024-01"), ("", "2024-01"), ("2024-01-01", "2024-02")],
)
def test_bad_months_are_refused(session: Session, first: str, last: str) -> None:
    with pytest.raises(ValidationError):
        activity.build(session, first=first, last=last)


def test_owner_change_and_status_on_the_last_day(session: Session) -> None:
    """Everything is judged on the month's last day, including changes made on that very day."""
    a, b = _salesperson(session, "A"), _salesperson(session, "B")
    product = Product(code="P", name="商品", cost=D("1.00"), price=D("2.00"))
    session.add(product)
    session.flush()
    c1 = new_customer(session, code="K1", name="客户一", created=date(2024, 1, 1), owner_id=a).id
    set_owner(session, c1, b, date(2024, 1, 31))  # B's from the last day of January
    new_customer(session, code="K2", name="客户二", created=date(2024, 1, 31), owner_id=a)  # created that day
    c3 = new_customer(session, code="K3", name="客户三", created=date(2024, 1, 1), owner_id=a).id
    set_status(session, c3, "terminated", date(2024, 1, 31))
    set_status(session, c3, "active", date(2024, 2, 1))
    # K4 created 10 February, though its histories were back-dated to 1 January: not A's in January
    c4 = new_customer(session, code="K4", name="客户四", created=date(2024, 2, 10), owner_id=a).id
    set_owner(session, c4, a, date(2024, 1, 1))
    set_status(session, c4, "active", date(2024, 1, 1))
    _order(session, "O1", date(2024, 1, 5), c1, product.id, handler_id=a)
    _order(session, "O2", date(2024, 2, 29), c3, product.id, handler_id=a)
    session.commit()
    table = activity.build(session, first="2024-01", last="2024-02")
    assert _rows(table) == [
        ("A", "2024-01", 1, 0, D("0.0000")),  # K2 only: K1 is B's, K3 terminated on the 31st
        ("A", "2024-02", 3, 1, D("0.3333")),  # K2, K3 (active again, bought on the 29th), K4
        ("B", "2024-01", 1, 1, D("1.0000")),  # K1: bought on the 5th while still A's
        ("B", "2024-02", 1, 0, D("0.0000")),
    ]


# --- property: the same figures as a plain month-by-month count over the generated histories ---

DAY = st.integers(min_value=0, max_value=200).map(lambda n: date(2023, 11, 1) + timedelta(days=n))
STATUS = st.sampled_from(["prospect", "active", "suspended", "terminated"])
OWNER = st.sampled_from([None, 0, 1, 2])
CUSTOMER = st.tuples(
    DAY,  # created
    OWNER,
    STATUS,
    st.lists(st.tuples(DAY, OWNER), max_size=3),  # later owner changes (may be back-dated or share a day)
    st.lists(st.tuples(DAY, STATUS), max_size=3),
    st.lists(st.tuples(DAY, st.sampled_from(["confirmed", "confirmed", "draft"]), OWNER), max_size=4),
)


def _value_on(history: list[tuple[date, object]], day: date) -> object:
    """The last entered of the rows with the latest effective date ≤ day (rows in entry order)."""
    found, best = None, None
    for effective, value in history:
        if effective <= day and (best is None or effective >= best):
            found, best = value, effective
    return found


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(customers=st.lists(CUSTOMER, min_size=1, max_size=6), months=st.tuples(st.integers(0, 6), st.integers(0, 6)))
def test_matches_a_plain_count(session: Session, customers: list, months: tuple) -> None:
    try:
        sps = [_salesperson(session, f"S{i}") for i in range(3)]
        product = Product(code="P", name="商品", cost=D("1.00"), price=D("2.00"))
        session.add(product)
        session.flush()
        all_months = months_between("2023-11", "2024-05")
        first, last = all_months[min(months)], all_months[max(months)]
        model = []  # (created, owner history, status history, confirmed order dates)
        n = 0
        for i, (created, owner, status, owner_changes, status_changes, orders) in enumerate(customers):
            sp = None if owner is None else sps[owner]
            cid = new_customer(session, code=f"C{i}", name=f"客户{i}", created=created, owner_id=sp, status=status).id
            owners: list[tuple[date, object]] = [(created, sp)]
            statuses: list[tuple[date, object]] = [(created, status)]
            for day, o in owner_changes:
                sp = None if o is None else sps[o]
                set_owner(session, cid, sp, day)
                owners.append((day, sp))
            for day, s in status_changes:
                set_status(session, cid, s, day)
                statuses.append((day, s))
            bought = []
            for day, doc_status, handler in orders:
                n += 1
                _order(session, f"O{n}", day, cid, product.id, status=doc_status,
                       handler_id=None if handler is None else sps[handler])
                if doc_status == "confirmed":
                    bought.append(day)
            model.append((created, owners, statuses, bought))
        session.flush()
        codes = {sp: f"S{i}" for i, sp in enumerate(sps)}
        expected_rows, expected_totals = [], {}
        for month in months_between(first, last):
            end = month_end(month)
            counts: dict[str, list[int]] = {}
            for created, owners, statuses, bought in model:
                owner = _value_on(owners, end)
                if created > end or owner is None or _value_on(statuses, end) not in ("active", "suspended"):
                    continue
                c = counts.setdefault(codes[owner], [0, 0])
                c[0] += 1
                c[1] += any(d.strftime("%Y-%m") == month for d in bought)
            for code, (a, b) in counts.items():
                expected_rows.append((code, month, a, b, rate(b, a)))
            total_a = sum(c[0] for c in counts.values())
            total_b = sum(c[1] for c in counts.values())
            expected_totals[month] = {"assigned": total_a, "active": total_b, "rate": rate(total_b, total_a)}
        table = activity.build(session, first=first, last=last)
        assert _rows(table) == sorted(expected_rows)
        assert table.totals == expected_totals
    finally:
        session.rollback()
