"""Credit check (信用控制): every decision and reason, at and just past the limit."""
from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select

from app import credit
from app.context import Actor
from app.credit import credit_decision
from app.customers import set_blacklist, set_credit, set_status
from models import CustomerTotals, MoneyDirty, Salesperson
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


def test_batched_decisions_equal_one_check_at_a_time(session) -> None:
    """credit_decisions (the approval queue reads every check at once) gives what credit_decision gives for each order,
    on customers whose limit, status and blacklist change on, just before and just after the check dates — with the
    kept figures holding for some customers and not for others (a later document, a write not yet kept)."""
    today = date(2026, 7, 1)
    day = timedelta(days=1)
    book = Book(session)
    a = book.customer("C001", term_days=30, credit_limit=D("1000.00"))
    set_credit(session, a.id, 30, D("2000.00"), today)
    set_credit(session, a.id, 30, D("500.00"), today)  # the same day: the later entry is in force
    set_credit(session, a.id, 45, D("9000.00"), today + day)
    book.order(a, date(2026, 5, 1), "600.00")  # due 05-31: overdue
    book.receipt(a, date(2026, 6, 10), "100.00")
    b = book.customer("C002", term_days=30, credit_limit=D("1000.00"))
    set_status(session, b.id, "suspended", today - day)
    set_status(session, b.id, "terminated", today + 3 * day)
    set_status(session, b.id, "active", today + 5 * day)
    book.order(b, date(2026, 6, 20), "300.00")  # not due
    c = book.customer("C003", term_days=30, credit_limit=D("5000.00"))
    set_blacklist(session, c.id, True, today, reason="恶意拖欠")
    set_blacklist(session, c.id, False, today + 2 * day, reason="已还款")
    book.order(c, date(2026, 6, 1), "700.00")
    d = book.customer("C004")  # no terms: cash only
    e = book.customer("C005", term_days=10, credit_limit=D("100.00"))
    book.receipt(e, date(2026, 6, 1), "300.00")  # prepaid
    session.commit()  # the figures are kept
    book.order(b, today + 10 * day, "50.00")  # dated after the checks: b's kept figures do not hold for them
    session.commit()
    book.receipt(a, date(2026, 6, 15), "50.00")  # written, not kept yet: a is computed from its documents
    session.flush()
    assert session.scalar(select(MoneyDirty.customer_id).where(MoneyDirty.customer_id == a.id).limit(1)) == a.id
    assert session.get(CustomerTotals, c.id) is not None and session.get(CustomerTotals, e.id) is not None

    checks = [credit.Check(cust.id, D(amount), today + offset * day, D(cash))
              for cust in (a, b, c, d, e) for offset in (-1, 0, 1, 2, 3, 5, 12)
              for amount, cash in (("0.01", "0"), ("400.00", "0"), ("1500.00", "0"), ("400.00", "400.00"))]
    batched = credit.credit_decisions(session, checks)
    one_by_one = [credit_decision(session, k.customer_id, k.amount, k.on, k.cash_received) for k in checks]
    assert batched == one_by_one
    assert {x.decision for x in batched} == {"ok", "hold", "block"}
    assert {r.code for x in batched for r in x.reasons} == set(credit.REASON_CODES)
    # spot checks of the histories on their dates
    by = {(x.customer_id, x.on, x.amount, x.exposure): x for x in batched}
    assert by[(a.id, today, D("0.01"), D("450.01"))].credit_limit == D("500.00")
    assert by[(a.id, today - day, D("0.01"), D("450.01"))].credit_limit == D("1000.00")
    assert codes(by[(c.id, today, D("0.01"), D("700.01"))])[0] == "BLACKLISTED"
    assert "BLACKLISTED" not in codes(by[(c.id, today + 2 * day, D("0.01"), D("700.01"))])
    assert codes(by[(b.id, today + 3 * day, D("0.01"), D("300.01"))]) == ["TERMINATED"]


def test_held_queue_checks_each_order_as_the_order_form_does(session) -> None:
    """orders.held_queue (the 待审批 page) reads every check together: each equals credit_decision for its order
    (on today, or on the order's date when later), and each login lists the orders it may see (an administrator all;
    a salesperson their customers, the shared pool, the orders they handled)."""
    from app import orders
    from app.customer_service import visible_customer
    from app.errors import PermissionDenied
    from app.workflow import check_date

    today = date(2026, 7, 1)
    book = Book(session)
    s1, s2 = Salesperson(code="S01", name="张伟"), Salesperson(code="S02", name="李娜")
    session.add_all([s1, s2])
    session.flush()
    mine = book.customer("C001", owner_id=s1.id, term_days=30, credit_limit=D("1000.00"))
    pool = book.customer("C002", term_days=30, credit_limit=D("100.00"))
    theirs = book.customer("C003", owner_id=s2.id, term_days=0, credit_limit=D("0.00"))
    set_credit(session, mine.id, 30, D("200.00"), date(2026, 7, 20))
    set_status(session, pool.id, "suspended", date(2026, 7, 15))
    book.order(mine, date(2026, 5, 1), "300.00")
    session.commit()
    held = [book.order(mine, date(2026, 6, 1), "900.00", status="held"),
            book.order(mine, date(2026, 7, 20), "50.00", status="held"),  # dated after today: checked on its date
            book.order(pool, date(2026, 6, 5), "150.00", status="held"),
            book.order(pool, date(2026, 7, 15), "10.00", status="held"),
            book.order(theirs, date(2026, 6, 2), "10.00", status="held"),
            book.order(theirs, date(2026, 6, 3), "20.00", status="held")]
    held[4].handler_id = s1.id  # s1 handled one order of s2's customer: s1 sees that one
    held[3].cash_amount = D("10.00")
    session.commit()
    for actor in (Actor("boss", "admin"), Actor("zw", "sales", s1.id), Actor("ln", "sales", s2.id),
                  Actor("x", "sales")):
        queue = orders.held_queue(session, actor, today)
        seen = []
        for order in sorted(held, key=lambda o: (o.date, o.number)):
            try:
                visible_customer(session, actor, order.customer_id, order.handler_id)
            except PermissionDenied:
                continue
            seen.append(order)
        assert [h.number for h in queue] == [o.number for o in seen]
        for h, order in zip(queue, seen, strict=True):
            assert h.decision == credit_decision(session, order.customer_id, order.total,
                                                 check_date(order.date, today), order.cash_amount), h.number
    assert [h.number for h in orders.held_queue(session, Actor("zw", "sales", s1.id), today)] == [
        held[n].number for n in (0, 4, 2, 3, 1)]
