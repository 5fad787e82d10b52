"""Two PCs at the same moment: confirming orders of the same customers, and allocating against the same receipt.

Each test starts two processes that meet at a barrier before every step, so both steps start together. The rule
that reads and then writes locks first (workflow.lock_customers): the second PC waits and then gets its decision
on what the first committed — never an over-limit confirmation, an over-allocation, or a database error.
"""
from __future__ import annotations

import multiprocessing
import os
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select

from app import ledger, orders, receipts
from app.context import Actor
from app.customers import new_customer
from app.db import make_engine, make_sessions
from app.documents import LineIn, add_order, add_receipt
from app.errors import DatabaseBusy, Disconnected, UserError
from models import Allocation, Base, CodeEntry, MoneyDirty, Product, SalesOrder

D = Decimal
DAY = date(2026, 7, 1)
ADMIN = Actor("boss", "admin")
ROUNDS = int(os.environ.get("CRM_RACE_ROUNDS", "200"))


def _confirm_side(url: str, side: int, jobs: list[tuple[int, int, int]], product: int, barrier: Any,
                  out: Any) -> None:
    """One PC: for each round, wait for the other, then confirm this side's draft of the round's customer."""
    engine = make_engine(url)
    sessions = make_sessions(engine)
    results = []
    for customer_id, order_id, version in jobs:
        data = orders.OrderIn(customer_id, DAY, (LineIn(product, D("1"), D("100.00")),))
        barrier.wait(timeout=60)
        try:
            outcome = orders.confirm(sessions, ADMIN, data, order_id, version, today=DAY)
            results.append((customer_id, outcome.status, None))
        except (DatabaseBusy, Disconnected) as exc:  # a database failure told kindly is still no decision
            results.append((customer_id, "error", f"{type(exc).__name__}: {exc}"))
        except UserError as exc:  # a refusal is a decision too
            results.append((customer_id, "refused", str(exc)))
        except Exception as exc:  # noqa: BLE001 - what the test counts as "an error instead of a decision"
            results.append((customer_id, "error", f"{type(exc).__name__}: {exc}"))
    engine.dispose()
    out.put((side, results))


def _run_two(target: Any, args_of: Any) -> list[tuple[int, list]]:
    ctx = multiprocessing.get_context("spawn")
    barrier, queue = ctx.Barrier(2), ctx.Queue()
    workers = [ctx.Process(target=target, args=(*args_of(side), barrier, queue)) for side in (0, 1)]
    for w in workers:
        w.start()
    got = [queue.get(timeout=600), queue.get(timeout=600)]
    for w in workers:
        w.join(timeout=60)
    return got


@pytest.fixture
def race_sessions(db_url: str):  # noqa: ANN201
    engine = make_engine(db_url)
    Base.metadata.create_all(engine)
    yield make_sessions(engine)
    engine.dispose()


def test_two_pcs_confirming_together_never_pass_the_limit(db_url, race_sessions) -> None:
    """Every round: a customer with limit 100 and two drafts of 100; each PC confirms one at the same moment.
    Exactly one may be confirmed (100 ≤ 100), the other is held (200 > 100) — on both databases."""
    with race_sessions.begin() as s:
        product = Product(code="P001", name="测试商品", cost=D("60.00"), price=D("100.00"))
        s.add(product)
        s.flush()
        jobs: list[list[tuple[int, int, int]]] = [[], []]
        for n in range(ROUNDS):
            c = new_customer(s, code=f"C{n:04d}", name=f"客户{n}", created=date(2025, 1, 1), term_days=30,
                             credit_limit=D("100"))
            for side in (0, 1):
                o = add_order(s, number=f"XS-{n:04d}-{side}", date=DAY, customer_id=c.id, status="draft",
                              lines=[LineIn(product.id, D("1"), D("100.00"))])
                jobs[side].append((c.id, o.id, o.version))
        product_id = product.id
    got = _run_two(_confirm_side, lambda side: (db_url, side, jobs[side], product_id))
    outcomes: dict[int, list[str]] = {}
    errors = []
    for _side, results in got:
        for customer_id, status, detail in results:
            outcomes.setdefault(customer_id, []).append(status)
            if status in ("error", "refused"):
                errors.append(detail)
    assert errors == []  # a waiting PC gets a decision, never a database error
    assert len(outcomes) == ROUNDS
    assert all(sorted(s) == ["confirmed", "held"] for s in outcomes.values()), {
        cid: s for cid, s in outcomes.items() if sorted(s) != ["confirmed", "held"]}
    with race_sessions() as s:
        over = [cid for cid in outcomes if ledger.position(s, cid, DAY).balance > D("100")]
        assert over == []
        assert s.scalar(select(func.count()).where(SalesOrder.status == "confirmed")) == ROUNDS
    _kept_holds(race_sessions)


def _kept_holds(sessions: Any) -> None:
    """After the race every mark is kept, and the kept figures equal those computed from the documents."""
    with sessions() as s:
        assert s.scalar(select(MoneyDirty.id).limit(1)) is None
        for on in (DAY, DAY + timedelta(days=90)):
            kept = ledger.owing(s, on, ledger.ALL, on + timedelta(days=60))
            live = ledger._owing_live(s, on, ledger.ALL, on + timedelta(days=60))
            assert kept.owed == live.owed and sorted(kept.falling) == sorted(live.falling)


def _allocate_side(url: str, side: int, jobs: list[tuple[str, int, int, int, int]], method: int, barrier: Any,
                   out: Any) -> None:
    """One PC: per round, either record a new receipt allocating 100 by hand to the round's order ("record"), or
    re-allocate the round's existing receipt to this side's order ("reallocate")."""
    engine = make_engine(url)
    sessions = make_sessions(engine)
    finance = Actor("acc", "finance")
    results = []
    for kind, customer_id, receipt_id, version, order_id in jobs:
        barrier.wait(timeout=60)
        try:
            if kind == "record":
                receipts.record(sessions, finance, receipts.ReceiptIn(customer_id, DAY, D("100.00"), method),
                                [(order_id, D("100.00"))], today=DAY)
            else:
                receipts.reallocate(sessions, finance, receipt_id, version, [(order_id, D("100.00"))], today=DAY)
            results.append((kind, customer_id, "saved", None))
        except (DatabaseBusy, Disconnected) as exc:  # a database failure told kindly is still no decision
            results.append((kind, customer_id, "error", f"{type(exc).__name__}: {exc}"))
        except UserError as exc:
            results.append((kind, customer_id, "refused", str(exc)))
        except Exception as exc:  # noqa: BLE001
            results.append((kind, customer_id, "error", f"{type(exc).__name__}: {exc}"))
    engine.dispose()
    out.put((side, results))


def test_two_pcs_allocating_together_never_allocate_more_than_owed_or_held(db_url, race_sessions) -> None:
    """Half the rounds: one order owing 100, each PC records a receipt of 100 allocated by hand to it — the second
    is refused (the order owes nothing any more). The other half: one receipt of 100 and two orders owing 100; each
    PC re-allocates the receipt wholly to its own order with the version it saw — the second is refused (stale)."""
    rounds = max(2, ROUNDS // 2)
    with race_sessions.begin() as s:
        product = Product(code="P001", name="测试商品", cost=D("60.00"), price=D("100.00"))
        method = CodeEntry(kind="payment_method", code="01", name="银行转账", sort_order=10)
        s.add_all([product, method])
        s.flush()
        jobs: list[list[tuple[str, int, int, int, int]]] = [[], []]
        for n in range(rounds):
            c = new_customer(s, code=f"C{n:04d}", name=f"客户{n}", created=date(2025, 1, 1), term_days=30,
                             credit_limit=D("1000"))
            o1 = add_order(s, number=f"XS-{n:04d}-1", date=date(2026, 6, 1), customer_id=c.id, status="confirmed",
                           lines=[LineIn(product.id, D("1"), D("100.00"))])
            if n % 2 == 0:
                for side in (0, 1):
                    jobs[side].append(("record", c.id, 0, 0, o1.id))
            else:
                o2 = add_order(s, number=f"XS-{n:04d}-2", date=date(2026, 6, 2), customer_id=c.id,
                               status="confirmed", lines=[LineIn(product.id, D("1"), D("100.00"))])
                r = add_receipt(s, number=f"SK-{n:04d}", date=DAY, customer_id=c.id, amount=D("100.00"),
                                method_id=method.id)
                jobs[0].append(("reallocate", c.id, r.id, r.version, o1.id))
                jobs[1].append(("reallocate", c.id, r.id, r.version, o2.id))
        method_id = method.id
    got = _run_two(_allocate_side, lambda side: (db_url, side, jobs[side], method_id))
    by_round: dict[tuple[str, int], list[str]] = {}
    errors = []
    for _side, results in got:
        for kind, customer_id, status, detail in results:
            by_round.setdefault((kind, customer_id), []).append(status)
            if status == "error":
                errors.append(detail)
    assert errors == []
    assert all(sorted(s) == ["refused", "saved"] for s in by_round.values()), by_round
    with race_sessions() as s:
        per_order = dict(s.execute(select(Allocation.order_id, func.sum(Allocation.amount))
                                   .group_by(Allocation.order_id)).all())
        per_receipt = dict(s.execute(select(Allocation.receipt_id, func.sum(Allocation.amount))
                                     .group_by(Allocation.receipt_id)).all())
    # Sums come back as raw fen: at most 100.00 yuan per order and per receipt. A hand allocation equal to the rule's
    # own answer stores no rows (receipts.record), so a run where the rule's side always won leaves none at all.
    assert max(per_order.values(), default=0) <= 10000 and max(per_receipt.values(), default=0) <= 10000
    with race_sessions() as s:  # one receipt of 100 per customer: a record round owes nothing, a reallocate one 100
        balances = {(kind, cid): ledger.position(s, cid, DAY) for kind, cid in by_round}
    assert len(balances) == rounds
    assert all(p.unapplied == 0 and p.balance == (D("0.00") if kind == "record" else D("100.00"))
               for (kind, _cid), p in balances.items()), balances
    _kept_holds(race_sessions)
