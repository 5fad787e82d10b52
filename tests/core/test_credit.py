"""Credit check (信用控制): every decision and reason, at and just past the limit."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from app.credit import credit_decision
from app.customers import set_blacklist, set_credit, set_status
from tests.core.builders import Book

D = Decimal
ON = date(2026, 6, 30)


def codes(decision) -> list[str]:
    return [r.code for r in decision.reasons]


def test_ok_within_limit_and_exactly_at_limit(session) -> None:
    book = Book(session)
    c = book.customer(term_days=30, credit_limit=D("1000.00"))
    book.order(c, date(2026, 6, 20), "400.00")  # due 07-20, not overdue
    session.flush()
    at_limit = credit_decision(session, c.id, D("600.00"), ON)
    assert (at_limit.decision, codes(at_limit)) == ("ok", [])
    assert (at_limit.balance, at_limit.exposure, at_limit.credit_limit) == (D("400.00"), D("1000.00"), D("1000.00"))
    over = credit_decision(session, c.id, D("600.01"), ON)
    assert (over.decision, codes(over)) == ("hold", ["OVER_LIMIT"])
    assert over.exposure == D("1000.01")
    assert "1000.01" in over.reasons[0].message and "1000.00" in over.reasons[0].message


def test_overdue_holds(session) -> None:
    book = Book(session)
    c = book.customer(term_days=30, credit_limit=D("10000.00"))
    book.order(c, date(2026, 5, 1), "300.00")  # due 05-31: 30 days past due
    book.receipt(c, date(2026, 6, 1), "299.99")
    session.flush()
    d = credit_decision(session, c.id, D("100.00"), ON)
    assert (d.decision, codes(d)) == ("hold", ["OVERDUE"])
    assert (d.overdue, d.balance) == (D("0.01"), D("0.01"))


def test_new_customer_buys_for_cash_only(session) -> None:
    book = Book(session)
    c = book.customer()  # term 0, limit 0
    session.flush()
    assert codes(credit_decision(session, c.id, D("0.01"), ON)) == ["OVER_LIMIT"]
    cash = credit_decision(session, c.id, D("500.00"), ON, cash_received=D("500.00"))
    assert (cash.decision, cash.exposure) == ("ok", D("0.00"))


def test_blacklisted_blocks_and_lists_every_reason(session) -> None:
    book = Book(session)
    c = book.customer(term_days=0, credit_limit=D("100.00"))
    book.order(c, date(2026, 6, 1), "150.00")  # overdue 29 days and over the limit already
    set_blacklist(session, c.id, True, date(2026, 6, 15), reason="恶意拖欠")
    session.flush()
    d = credit_decision(session, c.id, D("10.00"), ON)
    assert d.decision == "block"
    assert codes(d) == ["BLACKLISTED", "OVERDUE", "OVER_LIMIT"]
    # the day before the blacklisting only the hold reasons apply
    before = credit_decision(session, c.id, D("10.00"), date(2026, 6, 14))
    assert (before.decision, codes(before)) == ("hold", ["OVERDUE", "OVER_LIMIT"])
    # lifted later: no longer blocked
    set_blacklist(session, c.id, False, date(2026, 6, 20), reason="已还款承诺")
    session.flush()
    assert "BLACKLISTED" not in codes(credit_decision(session, c.id, D("10.00"), ON))


def test_terminated_blocks_and_suspended_holds(session) -> None:
    book = Book(session)
    c = book.customer(term_days=30, credit_limit=D("1000.00"))
    set_status(session, c.id, "suspended", date(2026, 6, 1))
    set_status(session, c.id, "terminated", date(2026, 7, 1))
    session.flush()
    assert (credit_decision(session, c.id, D("1.00"), date(2026, 5, 31)).decision) == "ok"
    suspended = credit_decision(session, c.id, D("1.00"), ON)
    assert (suspended.decision, codes(suspended)) == ("hold", ["SUSPENDED"])
    terminated = credit_decision(session, c.id, D("1.00"), date(2026, 7, 1))
    assert (terminated.decision, codes(terminated)) == ("block", ["TERMINATED"])


def test_limit_in_force_on_the_date(session) -> None:
    book = Book(session)
    c = book.customer(term_days=30, credit_limit=D("100.00"))
    set_credit(session, c.id, 30, D("5000.00"), date(2026, 6, 15))
    session.flush()
    assert credit_decision(session, c.id, D("1000.00"), date(2026, 6, 14)).decision == "hold"
    assert credit_decision(session, c.id, D("1000.00"), date(2026, 6, 15)).decision == "ok"


def test_unapplied_credit_lowers_exposure(session) -> None:
    book = Book(session)
    c = book.customer(term_days=30, credit_limit=D("100.00"))
    book.receipt(c, date(2026, 6, 1), "300.00")  # prepayment
    session.flush()
    d = credit_decision(session, c.id, D("400.00"), ON)
    assert (d.decision, d.balance, d.unapplied, d.exposure) == ("ok", D("-300.00"), D("300.00"), D("100.00"))
