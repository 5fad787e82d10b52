"""Allocation (核销) and aging (账龄) against hand-computed figures, on SQLite and PostgreSQL."""
from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from app import ledger
from app.customers import set_credit
from models import Allocation
from tests.core.builders import Book

D = Decimal
AS_OF = date(2026, 6, 30)


def open_by_number(session, customer_id: int, on: date) -> dict[str, Decimal]:
    orders, credits = ledger.customer_documents(session, customer_id, on)
    result = ledger.allocate(orders, credits)
    return {o.number: result.open[o.id] for o in orders}


def test_bucket_boundaries(session) -> None:
    book = Book(session)
    c = book.customer()
    # term 0: due date = order date; amounts are powers of two so every bucket sum names its orders
    days_amounts = {0: "1", 1: "2", 30: "4", 31: "8", 60: "16", 61: "32", 90: "64", 91: "128"}
    for days, amount in days_amounts.items():
        book.order(c, AS_OF - timedelta(days=days), amount)
    set_credit(session, c.id, 5, D("0"), AS_OF - timedelta(days=4))
    book.order(c, AS_OF - timedelta(days=4), "256")  # due AS_OF + 1: not due
    session.flush()
    pos = ledger.position(session, c.id, AS_OF)
    assert pos.buckets == {
        "not_due": D("257.00"),  # 0 days (1) + due tomorrow (256)
        "d1_30": D("6.00"),  # 1 and 30 days
        "d31_60": D("24.00"),  # 31 and 60
        "d61_90": D("96.00"),  # 61 and 90
        "d90_plus": D("128.00"),  # 91
    }
    assert pos.overdue == D("254.00")
    assert pos.balance == D("511.00")
    assert pos.oldest_overdue_days == 91


def test_named_receipt_pays_its_order_first_then_oldest_due(session) -> None:
    book = Book(session)
    c = book.customer()
    a = book.order(c, date(2026, 1, 10), "200.00")  # due 01-10
    b = book.order(c, date(2026, 2, 10), "100.00")  # due 02-10
    book.order(c, date(2026, 3, 10), "50.00")  # due 03-10
    book.receipt(c, date(2026, 3, 15), "250.00", order=b)  # pays B 100, 150 left → A
    session.flush()
    assert open_by_number(session, c.id, AS_OF) == {a.number: D("50.00"), b.number: D("0.00"), "XS0003": D("50.00")}
    pos = ledger.position(session, c.id, AS_OF)
    assert pos.balance == D("100.00")
    assert pos.unapplied == D("0.00")


def test_receipt_overpaying_its_order_leaves_unapplied_credit(session) -> None:
    book = Book(session)
    c = book.customer()
    a = book.order(c, date(2026, 1, 10), "100.00")
    book.receipt(c, date(2026, 1, 20), "130.00", order=a)
    session.flush()
    pos = ledger.position(session, c.id, AS_OF)
    assert open_by_number(session, c.id, AS_OF) == {a.number: D("0.00")}
    assert pos.unapplied == D("30.00")
    assert pos.balance == D("-30.00")
    assert sum(pos.buckets.values()) == D("0.00")


def test_several_named_credits_taken_by_date_then_number(session) -> None:
    book = Book(session)
    c = book.customer()
    a = book.order(c, date(2026, 1, 10), "100.00")
    older = book.order(c, date(2026, 1, 1), "100.00", number="XS0000")
    r2 = book.receipt(c, date(2026, 2, 1), "80.00", order=a, number="SK0002")
    r1 = book.receipt(c, date(2026, 2, 1), "80.00", order=a, number="SK0001")
    session.flush()
    orders, credits = ledger.customer_documents(session, c.id, AS_OF)
    result = ledger.allocate(orders, credits)
    # SK0001 (same date, lower number) goes first: 80 to A; SK0002: 20 to A, its 60 left pays the oldest-due order
    assert result.paid[("R", r1.id)] == [(a.id, D("80.00"))]
    assert result.paid[("R", r2.id)] == [(a.id, D("20.00")), (older.id, D("60.00"))]
    assert result.open == {a.id: D("0.00"), older.id: D("40.00")}
    assert ledger.position(session, c.id, AS_OF).buckets["d90_plus"] == D("40.00")


def test_return_naming_its_order_and_manual_allocation(session) -> None:
    book = Book(session)
    c = book.customer()
    a = book.order(c, date(2026, 1, 1), "100.00")
    b = book.order(c, date(2026, 2, 1), "100.00")
    book.ret(c, date(2026, 2, 5), "30.00", order=b)  # B 70 left
    r = book.receipt(c, date(2026, 3, 1), "90.00")
    session.add(Allocation(receipt_id=r.id, order_id=b.id, amount=D("50.00")))  # by hand: 50 to B
    session.flush()
    # B: 100 − 30 − 50 = 20; the receipt's other 40 goes oldest-due → A 60
    assert open_by_number(session, c.id, AS_OF) == {a.number: D("60.00"), b.number: D("20.00")}
    pos = ledger.position(session, c.id, date(2026, 3, 31))
    assert pos.balance == D("80.00")
    assert pos.buckets["d61_90"] == D("60.00")  # A due 01-01: 89 days
    assert pos.buckets["d31_60"] == D("20.00")  # B due 02-01: 58 days
    assert pos.overdue == D("80.00")


def test_time_slice_and_status(session) -> None:
    book = Book(session)
    c = book.customer()
    book.order(c, date(2026, 6, 1), "100.00")
    book.order(c, date(2026, 6, 2), "500.00", status="draft")
    book.order(c, date(2026, 6, 3), "700.00", status="held")
    cancelled = book.order(c, date(2026, 6, 4), "900.00")
    cancelled.status = "cancelled"
    book.order(c, date(2026, 7, 1), "1000.00")  # after the as-of date
    book.receipt(c, date(2026, 7, 1), "100.00")  # after the as-of date
    session.flush()
    pos = ledger.position(session, c.id, AS_OF)
    assert pos.balance == D("100.00")
    assert ledger.position(session, c.id, date(2026, 7, 1)).balance == D("1000.00")
    assert ledger.position(session, c.id, date(2026, 5, 31)).balance == D("0.00")


def test_due_date_uses_the_term_in_force_on_the_order_date(session) -> None:
    book = Book(session)
    c = book.customer(term_days=30, credit_limit=D("1000"))
    first = book.order(c, date(2026, 1, 10), "100.00")
    set_credit(session, c.id, 60, D("1000"), date(2026, 2, 1))
    second = book.order(c, date(2026, 2, 10), "100.00")
    session.flush()
    assert (first.term_days, first.due_date) == (30, date(2026, 2, 9))
    assert (second.term_days, second.due_date) == (60, date(2026, 4, 11))
    pos = ledger.position(session, c.id, date(2026, 3, 1))
    assert pos.buckets["d1_30"] == D("100.00")  # first: 20 days past due
    assert pos.buckets["not_due"] == D("100.00")


def test_customers_do_not_mix(session) -> None:
    book = Book(session)
    c1, c2 = book.customer("C001"), book.customer("C002")
    book.order(c1, date(2026, 1, 1), "100.00")
    book.receipt(c2, date(2026, 1, 2), "40.00")
    session.flush()
    assert ledger.position(session, c1.id, AS_OF).balance == D("100.00")
    p2 = ledger.position(session, c2.id, AS_OF)
    assert (p2.balance, p2.unapplied) == (D("-40.00"), D("40.00"))
