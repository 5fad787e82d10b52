"""The one channel between the UI and the core: ctx.query keeps a view's newest answer, ctx.op broadcasts what the use
case changed, and a list whose page fetch fails shows one error row and a retry instead of failing per cell."""
from __future__ import annotations

import threading
from datetime import date
from decimal import Decimal

from sqlalchemy.exc import OperationalError

from app import customer_list
from app.changes import changed
from app.context import Actor
from app.customers import new_customer
from models import Customer
from ui.customers.tab import CustomersTab

ADMIN = Actor("boss", "admin")


def _customers(db, n: int = 3) -> None:  # noqa: ANN001
    with db.sessions.begin() as s:
        for i in range(1, n + 1):
            new_customer(s, code=f"C{i:03d}", name=f"客户{i}", created=date(2025, 1, 1))


def test_query_supplies_session_and_user_and_delivers_only_the_newest_answer(qtbot, make_ctx, company_db) -> None:
    ctx = make_ctx()
    slow, fast = threading.Event(), threading.Event()
    got: list[str] = []

    def answer(session, actor, text: str, gate: threading.Event) -> str:  # noqa: ANN001
        gate.wait(5)
        assert session.get_bind() is company_db.engine and actor == ctx.actor
        return text

    ctx.query(answer, "older", slow, done=got.append, owner=ctx, key="k")
    ctx.query(answer, "newer", fast, done=got.append, owner=ctx, key="k")
    fast.set()
    qtbot.waitUntil(lambda: got == ["newer"], timeout=5000)
    slow.set()  # the older answer arrives late: it is void
    assert ctx.tasks.wait(5000)
    qtbot.wait(50)
    assert got == ["newer"]


def test_op_broadcasts_what_the_use_case_changed_before_done(qtbot, make_ctx, company_db) -> None:
    ctx = make_ctx()
    order: list[object] = []
    ctx.changed.connect(lambda news: order.append(sorted(news.kinds)))

    def use_case(sessions, actor, name: str):  # noqa: ANN001, ANN202
        with sessions.begin() as s:
            c = new_customer(s, code="C900", name=name, created=date(2025, 1, 1), changed_by=actor.login)
            s.flush()

            class Done:
                id = c.id
                changes = changed("customer", ids=[("customer", c.id)])

            return Done()

    ctx.op(use_case, "新客户", done=lambda result: order.append(result.id), owner=ctx)
    qtbot.waitUntil(lambda: len(order) == 2, timeout=5000)
    assert order[0] == ["customer"] and isinstance(order[1], int)


def test_refusal_of_an_op_goes_to_failed_and_nothing_is_broadcast(qtbot, make_ctx) -> None:
    ctx = make_ctx()
    news: list[object] = []
    errors: list[str] = []
    ctx.changed.connect(news.append)
    from app import customer_service

    ctx.op(customer_service.set_credit, [999999], 30, Decimal("100"), date(2026, 1, 1), reason="x", owner=ctx,
           failed=lambda exc: errors.append(str(exc)))
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert news == [] and errors


def test_a_failed_page_shows_an_error_row_and_retry_reads_it_again(qtbot, make_ctx, company_db, monkeypatch) -> None:
    _customers(company_db)
    tab = CustomersTab(make_ctx())
    qtbot.addWidget(tab)
    qtbot.waitUntil(lambda: not tab.is_loading() and tab.model.rowCount() == 3, timeout=10000)
    calls = {"n": 0}
    original = customer_list.rows

    def dropped(session, ids):  # noqa: ANN001, ANN202 - a server connection lost while scrolling
        calls["n"] += 1
        raise OperationalError("SELECT …", {}, Exception("server closed the connection unexpectedly"))

    monkeypatch.setattr(CustomersTab, "ROWS", staticmethod(dropped))
    tab.model.invalidate()
    cells = [tab.model.index(r, c).data() for r in range(3) for c in range(tab.model.columnCount())]
    assert calls["n"] == 1  # one attempt for the page, not one per cell
    assert cells[0] == "读取失败（按 F5 重试）" and all(c is None for c in cells[1:tab.model.columnCount()])
    assert tab.act_retry.isVisible() and "读取列表失败" in tab.message.text()
    monkeypatch.setattr(CustomersTab, "ROWS", staticmethod(original))
    tab.act_retry.trigger()
    qtbot.waitUntil(lambda: not tab.is_loading(), timeout=10000)
    assert tab.model.index(0, 0).data() == "C001" and not tab.act_retry.isVisible()
    with company_db.sessions() as s:
        assert s.query(Customer).count() == 3


def test_an_op_refused_by_a_busy_database_is_tried_again_and_the_user_told(qtbot, make_ctx) -> None:
    """A busy database (another PC writing past the wait) rolls the use case back: the op tries it again, saying so on
    the status line, and gives up with the busy message after BUSY_ATTEMPTS."""
    from app.errors import DatabaseBusy
    from ui.context import BUSY_ATTEMPTS

    ctx = make_ctx()
    said: list[str] = []
    ctx.waiting.connect(said.append)
    calls: list[int] = []

    def busy_twice(sessions, actor):  # noqa: ANN001, ANN202
        calls.append(1)
        if len(calls) < 3:
            raise DatabaseBusy("validate.busy")
        return "saved"

    got: list[object] = []
    ctx.op(busy_twice, done=got.append, owner=ctx)
    qtbot.waitUntil(lambda: got == ["saved"], timeout=5000)
    assert len(calls) == 3 and len(said) == 2 and "2" in said[0] and "3" in said[1]

    def always_busy(sessions, actor):  # noqa: ANN001, ANN202
        calls.append(1)
        raise DatabaseBusy("validate.busy")

    calls.clear()
    errors: list[object] = []
    ctx.op(always_busy, owner=ctx, failed=errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert len(calls) == BUSY_ATTEMPTS and isinstance(errors[0], DatabaseBusy)
