"""Receipts with the rule's allocation and hand allocations, returns against orders, and document numbers.

Figures are hand-computed: customer A has three confirmed orders (due 06-10 300, due 06-20 200, due 07-31 500)."""
from __future__ import annotations

import contextlib
import multiprocessing
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.orm import sessionmaker

from app import ledger, numbers, orders, receipts, returns
from app.context import Actor
from app.customers import new_customer
from app.db import make_engine
from app.documents import LineIn, add_order
from app.errors import ConflictError, PermissionDenied, ValidationError
from models import Allocation, CodeEntry, Product, SalesOrder

D = Decimal
DAY = date(2026, 7, 25)
FINANCE = Actor("acc", "finance")
ADMIN = Actor("boss", "admin")


@pytest.fixture
def book(sessions) -> dict[str, int]:
    with sessions.begin() as s:
        p = Product(code="P001", name="不锈钢螺栓", unit="箱", cost=D("6.00"), price=D("10.00"))
        bank = CodeEntry(kind="payment_method", code="01", name="银行转账", sort_order=10)
        s.add_all([p, bank])
        s.flush()
        a = new_customer(s, code="C001", name="重庆渝丰五金", created=date(2025, 1, 1), term_days=10,
                         credit_limit=D("5000"))
        s.flush()
        ids = {"p": p.id, "a": a.id, "bank": bank.id}
        for key, on, qty in (("o1", date(2026, 5, 31), "30"), ("o2", date(2026, 6, 10), "20"),
                             ("o3", date(2026, 7, 21), "50")):
            ids[key] = add_order(s, number=f"XS-{key}", date=on, customer_id=a.id, status="confirmed",
                                 lines=[LineIn(p.id, D(qty), D("10.00"))]).id
        return ids


def _in(book, amount: str, order: str | None = None) -> receipts.ReceiptIn:
    return receipts.ReceiptIn(book["a"], DAY, D(amount), book["bank"], order_id=book[order] if order else None)


def test_proposal_pays_oldest_due_first_and_names_first(sessions, book) -> None:
    with sessions() as s:
        p = receipts.propose(s, FINANCE, _in(book, "400"), today=DAY)
        assert [(i.number, i.owed, i.pay) for i in p.items] == [
            ("XS-o1", D("300.00"), D("300.00")), ("XS-o2", D("200.00"), D("100.00")), ("XS-o3", D("500.00"), D("0"))]
        assert p.unapplied == D("0.00")
        named = receipts.propose(s, FINANCE, _in(book, "1200", "o3"), today=DAY)
        assert named.pays() == {book["o3"]: D("500.00"), book["o1"]: D("300.00"), book["o2"]: D("200.00")}
        assert named.unapplied == D("200.00")  # 预收款


def test_back_dated_receipt_is_proposed_against_what_is_still_open(sessions, book) -> None:
    receipts.record(sessions, FINANCE, receipts.ReceiptIn(book["a"], date(2026, 7, 20), D("300"), book["bank"]), today=DAY)
    with sessions() as s:  # the 07-20 receipt paid o1; a 06-15 receipt of 300 is shown paying o2 and o3
        p = receipts.propose(s, FINANCE, receipts.ReceiptIn(book["a"], date(2026, 6, 15), D("300"), book["bank"]), today=DAY)
        assert p.pays() == {book["o2"]: D("200.00"), book["o3"]: D("100.00")} and p.unapplied == D("0.00")


def test_record_by_the_rule_stores_no_hand_allocation(sessions, book) -> None:
    with sessions() as s:
        proposal = receipts.propose(s, FINANCE, _in(book, "400"), today=DAY)
    saved = receipts.record(sessions, FINANCE, _in(book, "400"), list(proposal.pays().items()), today=DAY)
    assert (saved.number, saved.manual) == ("SK-20260725-0001", False)
    with sessions() as s:
        assert s.scalars(select(Allocation)).all() == []
        pos = ledger.position(s, book["a"], DAY)
        assert (pos.balance, pos.overdue) == (D("600.00"), D("100.00"))  # o2 (due 06-20) still owes 100


def test_hand_allocation_is_stored_and_changes_what_is_overdue(sessions, book) -> None:
    saved = receipts.record(sessions, FINANCE, _in(book, "400"),
                            [(book["o2"], D("200")), (book["o3"], D("150"))], today=DAY)
    assert saved.manual
    with sessions() as s:
        pos = ledger.position(s, book["a"], DAY)
        # hand: o2 200, o3 150; the 50 left goes to the oldest due (o1): o1 owes 250, all overdue
        assert (pos.balance, pos.overdue) == (D("600.00"), D("250.00"))
        view = receipts.view(s, FINANCE, saved.receipt_id)
        assert sorted(view.paid) == sorted([(book["o2"], "XS-o2", D("200.00")), (book["o3"], "XS-o3", D("150.00")),
                                            (book["o1"], "XS-o1", D("50.00"))])
    back = receipts.reallocate(sessions, FINANCE, saved.receipt_id, saved.version, [], today=DAY)
    assert not back.manual and back.version == saved.version + 1
    with sessions() as s:
        assert ledger.position(s, book["a"], DAY).overdue == D("100.00")
    with pytest.raises(ConflictError):
        receipts.reallocate(sessions, FINANCE, saved.receipt_id, saved.version, [], today=DAY)


def test_hand_allocations_never_exceed_what_an_order_owes_or_the_receipt_holds(sessions, book) -> None:
    with pytest.raises(ValidationError, match="XS-o2 只欠 200.00 元"):
        receipts.record(sessions, FINANCE, _in(book, "400"), [(book["o2"], D("250"))], today=DAY)
    with pytest.raises(ValidationError, match="超过收款金额 400"):
        receipts.record(sessions, FINANCE, _in(book, "400"), [(book["o1"], D("300")), (book["o3"], D("200"))],
                        today=DAY)
    receipts.record(sessions, FINANCE, _in(book, "250"), [(book["o1"], D("250"))], today=DAY)
    with pytest.raises(ValidationError, match="XS-o1 只欠 50.00 元"):  # what another receipt already paid counts
        receipts.record(sessions, FINANCE, _in(book, "100"), [(book["o1"], D("60"))], today=DAY)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(["o1", "o2", "o3"]), st.integers(1, 60000)), min_size=1, max_size=4),
       st.integers(1, 120000))
def test_property_stored_allocations_stay_within_orders_and_receipt(sessions, book, wanted, amount_fen) -> None:
    amount = D(amount_fen) / 100
    allocations = [(book[o], D(f) / 100) for o, f in wanted]
    with contextlib.suppress(ValidationError):  # refused is fine; what matters is what got stored
        receipts.record(sessions, FINANCE, receipts.ReceiptIn(book["a"], DAY, amount, book["bank"]), allocations, today=DAY)
    with sessions() as s:
        totals = {k: v for k, v in s.execute(select(SalesOrder.id, SalesOrder.total))}
        per_order: dict[int, Decimal] = {}
        for alloc in s.scalars(select(Allocation)):
            per_order[alloc.order_id] = per_order.get(alloc.order_id, D("0")) + alloc.amount
        assert all(v <= totals[k] for k, v in per_order.items())
        orders_, credits = ledger.customer_documents(s, book["a"], DAY)
        result = ledger.allocate(orders_, credits)
        assert all(D("0") <= v <= totals[k] for k, v in result.open.items())
        for c in credits:
            assert sum((amt for _o, amt in result.paid.get((c.kind, c.id), [])), D("0")) <= c.amount


def test_cancel_receipt_and_roles(sessions, book) -> None:
    with pytest.raises(PermissionDenied):
        receipts.record(sessions, Actor("zw", "sales"), _in(book, "100"), today=DAY)
    saved = receipts.record(sessions, FINANCE, _in(book, "300"), today=DAY)
    out = receipts.cancel(sessions, FINANCE, saved.receipt_id, saved.version, "重复录入")
    with sessions() as s:
        assert ledger.position(s, book["a"], DAY).balance == D("1000.00")
        assert receipts.view(s, FINANCE, out.receipt_id).status_title == "已作废"
        ids = receipts.matching_ids(s, FINANCE, receipts.ReceiptFilter(status="cancelled"))
        assert [r.number for r in receipts.rows(s, ids)] == ["SK-20260725-0001"]


def test_return_against_an_order_is_capped_at_what_was_sold_less_returns(sessions, book) -> None:
    with sessions() as s:
        line = returns.returnable(s, ADMIN, book["o1"])[0]
        assert (line.sold, line.returned, line.left, line.price) == (D("30.000"), D("0"), D("30.000"), D("10.00"))
    first = returns.add(sessions, ADMIN, returns.ReturnIn(book["a"], DAY, (
        returns.ReturnLineIn(book["p"], D("12"), D("10.00"), line.order_line_id),), order_id=book["o1"]))
    assert first.number == "TH-20260725-0001"
    with pytest.raises(ValidationError, match="最多还能退 18"):
        returns.add(sessions, ADMIN, returns.ReturnIn(book["a"], DAY, (
            returns.ReturnLineIn(book["p"], D("19"), D("10.00"), line.order_line_id),), order_id=book["o1"]))
    with sessions() as s:
        assert returns.returnable(s, ADMIN, book["o1"])[0].left == D("18.000")
        pos = ledger.position(s, book["a"], DAY)
        assert pos.balance == D("880.00")  # 1,000 − 120; the return pays o1 first
        o1_open = ledger.allocate(*ledger.customer_documents(s, book["a"], DAY)).open[book["o1"]]
        assert o1_open == D("180.00")
    returns.cancel(sessions, ADMIN, first.return_id, first.version, "录错")
    with sessions() as s:
        assert returns.returnable(s, ADMIN, book["o1"])[0].left == D("30.000")


def test_free_standing_return_costs_at_the_product_cost(sessions, book) -> None:
    saved = returns.add(sessions, ADMIN, returns.ReturnIn(book["a"], DAY, (
        returns.ReturnLineIn(book["p"], D("2.5"), D("9.99")),)))
    with sessions() as s:
        row = returns.rows(s, [saved.return_id])[0]
        assert (row.total, row.order_number) == (D("24.98"), None)  # 2.5 × 9.99 = 24.975 → 24.98 half-up
        assert ledger.position(s, book["a"], DAY).unapplied == D("0.00")
    with pytest.raises(PermissionDenied):
        returns.add(sessions, FINANCE, returns.ReturnIn(book["a"], DAY, (
            returns.ReturnLineIn(book["p"], D("1"), D("10")),)))


def test_numbers_continue_after_stored_ones(sessions, book) -> None:
    with sessions.begin() as s:
        add_order(s, number="XS-20260725-0007", date=DAY, customer_id=book["a"], lines=[LineIn(book["p"], D("1"),
                                                                                             D("1"))])
    out = orders.save_draft(sessions, ADMIN, orders.OrderIn(book["a"], DAY, (LineIn(book["p"], D("1"), D("1")),)))
    assert out.number == "XS-20260725-0008"
    with sessions.begin() as s:
        assert numbers.next_number(s, numbers.ORDER, date(2026, 7, 2)) == "XS-20260702-0001"
        assert numbers.next_number(s, numbers.RECEIPT, DAY) == "SK-20260725-0001"


def _take_numbers(url: str, count: int, out: multiprocessing.Queue) -> None:
    engine = make_engine(url)
    sessions = sessionmaker(engine)
    taken = []
    for _ in range(count):
        with sessions.begin() as s:
            taken.append(numbers.next_number(s, numbers.ORDER, DAY))
    engine.dispose()
    out.put(taken)


def test_two_processes_get_distinct_numbers(db_url, engine) -> None:
    """Two PCs saving at the same moment: every number once, none skipped (PostgreSQL row lock, SQLite lock)."""
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    workers = [ctx.Process(target=_take_numbers, args=(db_url, 25, queue)) for _ in range(2)]
    for w in workers:
        w.start()
    got = queue.get(timeout=120) + queue.get(timeout=120)
    for w in workers:
        w.join(timeout=60)
    assert sorted(got) == [f"XS-20260725-{n:04d}" for n in range(1, 51)]
