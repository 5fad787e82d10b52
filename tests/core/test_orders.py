"""Sales orders through the service the order form uses: every credit decision and reason, approval, cancel and
un-cancel, copy, cash sales, prices and document numbers — with hand-computed figures."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from app import ledger, messages, orders
from app.context import Actor
from app.customers import new_customer, set_blacklist, set_status
from app.documents import LineIn
from app.errors import ConflictError, PermissionDenied, ValidationError
from models import AuditLog, Product, Receipt, SalesOrder, Salesperson

D = Decimal
DAY = date(2026, 7, 1)
ADMIN = Actor("boss", "admin")
MANAGER = Actor("mgr", "manager")
FINANCE = Actor("acc", "finance")


@pytest.fixture
def shop(sessions) -> dict[str, int]:
    """One product at 100.00 (cost 60.00); customer A with term 30 and limit 1,000; B a new customer (cash only)."""
    with sessions.begin() as s:
        sp = Salesperson(code="S01", name="张伟")
        p = Product(code="P001", name="不锈钢螺栓", cost=D("60.00"), price=D("100.00"))
        s.add_all([sp, p])
        s.flush()
        a = new_customer(s, code="C001", name="重庆渝丰五金", created=date(2025, 1, 1), owner_id=sp.id,
                         term_days=30, credit_limit=D("1000"))
        b = new_customer(s, code="C002", name="北京华信电子", created=date(2025, 1, 1))
        s.flush()
        return {"sp": sp.id, "p": p.id, "a": a.id, "b": b.id}


def _order(shop, customer: str = "a", qty: str = "1", price: str = "100.00", on: date = DAY,
           cash: str = "0") -> orders.OrderIn:
    return orders.OrderIn(customer_id=shop[customer], date=on, lines=(LineIn(shop["p"], D(qty), D(price)),),
                          handler_id=shop["sp"], cash_amount=D(cash))


def _sales(shop) -> Actor:
    return Actor("zw", "sales", shop["sp"])


def test_ok_confirms_with_due_date_from_the_term_and_a_day_number(sessions, shop) -> None:
    out = orders.confirm(sessions, _sales(shop), _order(shop, qty="6"), today=DAY)  # 6 × 100 = 600 ≤ 1,000
    assert (out.status, out.number, out.decision.decision, out.decision.reasons) == (
        "confirmed", "XS-20260701-0001", "ok", ())
    assert out.decision.exposure == D("600.00")
    with sessions() as s:
        order = s.get(SalesOrder, out.order_id)
        assert (order.due_date, order.total, order.cost_total) == (date(2026, 7, 31), D("600.00"), D("360.00"))
        assert ledger.position(s, shop["a"], DAY).balance == D("600.00")


def test_over_limit_holds_and_a_held_order_owes_nothing(sessions, shop) -> None:
    orders.confirm(sessions, ADMIN, _order(shop, qty="6"), today=DAY)
    out = orders.confirm(sessions, ADMIN, _order(shop, qty="5"), today=DAY)  # 600 + 500 = 1,100 > 1,000
    assert (out.status, out.number) == ("held", "XS-20260701-0002")
    assert [r.code for r in out.decision.reasons] == ["OVER_LIMIT"]
    assert out.decision.reasons[0].message == "本单后欠款 1100.00 元，超过信用额度 1000.00 元"
    with sessions() as s:
        assert ledger.position(s, shop["a"], DAY).balance == D("600.00")
        assert [h.number for h in orders.held_queue(s, ADMIN, DAY)] == ["XS-20260701-0002"]


def test_overdue_and_suspended_hold_with_every_reason(sessions, shop) -> None:
    orders.confirm(sessions, ADMIN, _order(shop, qty="2", on=date(2026, 5, 1)), today=date(2026, 5, 1))  # due 5-31
    with sessions.begin() as s:
        set_status(s, shop["a"], "suspended", date(2026, 6, 15), "boss", "停业整顿")
    out = orders.confirm(sessions, ADMIN, _order(shop, qty="1"), today=DAY)
    assert out.status == "held"
    assert [(r.code, r.message) for r in out.decision.reasons] == [
        ("OVERDUE", "客户有过期未付款 200.00 元"), ("SUSPENDED", "客户处于暂停状态")]


def test_blacklisted_is_blocked_and_kept_as_draft(sessions, shop) -> None:
    orders.confirm(sessions, ADMIN, _order(shop, qty="2", on=date(2026, 5, 1)), today=date(2026, 5, 1))
    with sessions.begin() as s:
        set_blacklist(s, shop["a"], True, date(2026, 6, 1), "boss", "恶意拖欠")
    out = orders.confirm(sessions, ADMIN, _order(shop), today=DAY)
    assert (out.status, out.decision.decision) == ("draft", "block")
    assert [r.code for r in out.decision.reasons] == ["BLACKLISTED", "OVERDUE"]  # a block lists every reason
    assert "单据未确认" in out.message
    with sessions() as s:
        assert str(messages.load(s.get(SalesOrder, out.order_id).status_note)).startswith("禁止销售：客户在黑名单中")


def test_terminated_is_blocked(sessions, shop) -> None:
    with sessions.begin() as s:
        set_status(s, shop["a"], "terminated", date(2026, 6, 1), "boss", "不再合作")
    out = orders.confirm(sessions, ADMIN, _order(shop), today=DAY)
    assert [r.code for r in out.decision.reasons] == ["TERMINATED"] and out.status == "draft"


def test_new_customer_buys_for_cash_only(sessions, shop) -> None:
    on_credit = orders.confirm(sessions, ADMIN, _order(shop, "b", qty="3"), today=DAY)
    assert on_credit.status == "held" and [r.code for r in on_credit.decision.reasons] == ["OVER_LIMIT"]
    cash = orders.confirm(sessions, ADMIN, _order(shop, "b", qty="3", cash="300.00"), today=DAY)
    assert (cash.status, cash.decision.exposure, cash.receipt_number) == ("confirmed", D("0.00"), "SK-20260701-0001")
    with sessions() as s:
        receipt = s.scalars(select(Receipt)).one()
        assert (receipt.amount, receipt.order_id) == (D("300.00"), cash.order_id)
        assert ledger.position(s, shop["b"], DAY).balance == D("0.00")
    with pytest.raises(ValidationError, match="不能超过订单金额"):
        orders.confirm(sessions, ADMIN, _order(shop, "b", qty="1", cash="150.00"), today=DAY)


def test_approval_needs_the_role_a_reason_and_the_version_seen(sessions, shop) -> None:
    orders.confirm(sessions, ADMIN, _order(shop, qty="6"), today=DAY)
    held = orders.confirm(sessions, _sales(shop), _order(shop, qty="5"), today=DAY)
    with pytest.raises(PermissionDenied):
        orders.approve(sessions, _sales(shop), held.order_id, held.version, "老客户", today=DAY)
    with pytest.raises(PermissionDenied):
        orders.approve(sessions, FINANCE, held.order_id, held.version, "老客户", today=DAY)
    with pytest.raises(ValidationError, match="审批理由"):
        orders.approve(sessions, MANAGER, held.order_id, held.version, "  ", today=DAY)
    with pytest.raises(ConflictError):
        orders.approve(sessions, MANAGER, held.order_id, held.version + 1, "老客户", today=DAY)
    out = orders.approve(sessions, MANAGER, held.order_id, held.version, "老客户，月底回款", today=DAY)
    assert out.status == "confirmed" and out.decision.decision == "hold"
    with sessions() as s:
        log = s.scalars(select(AuditLog).where(AuditLog.action == "order.approve")).one()
        assert log.login == "mgr" and "老客户，月底回款" in log.detail and "OVER_LIMIT" in log.detail
        assert ledger.position(s, shop["a"], DAY).balance == D("1100.00")


def test_reject_sends_back_to_draft(sessions, shop) -> None:
    held = orders.confirm(sessions, ADMIN, _order(shop, qty="11"), today=DAY)
    out = orders.reject(sessions, MANAGER, held.order_id, held.version, "超额太多")
    assert out.status == "draft"
    with sessions() as s:
        assert str(messages.load(s.get(SalesOrder, held.order_id).status_note)) == "审批驳回：超额太多"
        assert orders.held_queue(s, ADMIN, DAY) == []


def test_changed_lines_leave_the_queue_and_approval_checks_again(sessions, shop) -> None:
    held = orders.confirm(sessions, ADMIN, _order(shop, qty="11"), today=DAY)  # 1,100 > 1,000
    edited = orders.save_draft(sessions, _sales(shop), _order(shop, qty="20"), held.order_id, held.version)
    assert edited.status == "draft"
    with pytest.raises(ValidationError, match="当前为「草稿」，不能审批通过"):
        orders.approve(sessions, MANAGER, held.order_id, edited.version, "同意", today=DAY)
    again = orders.confirm(sessions, ADMIN, _order(shop, qty="20"), held.order_id, edited.version, today=DAY)
    assert again.status == "held" and again.decision.exposure == D("2000.00")
    # blacklisted after it was held: approving re-checks and refuses
    with sessions.begin() as s:
        set_blacklist(s, shop["a"], True, DAY, "boss", "失联")
    with pytest.raises(ValidationError, match="不能审批通过"):
        orders.approve(sessions, MANAGER, held.order_id, again.version, "同意", today=DAY)


def test_copy_of_a_held_order_is_a_draft_that_checks_again(sessions, shop) -> None:
    held = orders.confirm(sessions, ADMIN, _order(shop, qty="11"), today=DAY)
    copy = orders.copy(sessions, ADMIN, held.order_id, today=DAY)
    assert (copy.status, copy.number) == ("draft", "XS-20260701-0002")
    with sessions() as s:
        data = orders.view(s, ADMIN, copy.order_id).to_input()
    assert orders.confirm(sessions, ADMIN, data, copy.order_id, copy.version, today=DAY).status == "held"


def test_cancel_only_while_nothing_is_allocated_and_uncancel_checks_again(sessions, shop) -> None:
    first = orders.confirm(sessions, ADMIN, _order(shop, qty="6"), today=DAY)
    second = orders.confirm(sessions, ADMIN, _order(shop, qty="3"), today=DAY)
    with sessions.begin() as s:  # 100 paid: the rule puts it on the oldest-due order (the first)
        s.add(Receipt(number="SK-1", date=DAY, customer_id=shop["a"], amount=D("100"), status="confirmed"))
    with pytest.raises(ValidationError, match="已核销 100.00 元"):
        orders.cancel(sessions, ADMIN, first.order_id, first.version, "录错")
    with pytest.raises(ValidationError, match="作废原因"):
        orders.cancel(sessions, ADMIN, second.order_id, second.version, "")
    out = orders.cancel(sessions, ADMIN, second.order_id, second.version, "客户取消")
    assert out.status == "cancelled"
    with sessions() as s:
        assert ledger.position(s, shop["a"], DAY).balance == D("500.00")
    # meanwhile the customer bought more: un-cancelling 300 would take it to 1,200 > 1,000, so it is held
    orders.confirm(sessions, ADMIN, _order(shop, qty="4"), today=DAY)
    back = orders.uncancel(sessions, ADMIN, second.order_id, out.version, today=DAY)
    assert back.status == "held" and [r.code for r in back.decision.reasons] == ["OVER_LIMIT"]


def test_uncancel_of_a_blocked_customer_is_refused(sessions, shop) -> None:
    order = orders.confirm(sessions, ADMIN, _order(shop), today=DAY)
    out = orders.cancel(sessions, ADMIN, order.order_id, order.version, "录错")
    with sessions.begin() as s:
        set_blacklist(s, shop["a"], True, DAY, "boss", "失联")
    with pytest.raises(ValidationError, match="不能恢复"):
        orders.uncancel(sessions, ADMIN, order.order_id, out.version, today=DAY)
    with sessions() as s:
        assert s.get(SalesOrder, order.order_id).status == "cancelled"


def test_uncancel_of_a_draft_or_held_order_gives_a_draft(sessions, shop) -> None:
    held = orders.confirm(sessions, ADMIN, _order(shop, qty="12", cash="100.00"), today=DAY)  # 1,100 > 1,000
    assert held.status == "held"
    out = orders.cancel(sessions, ADMIN, held.order_id, held.version, "不要了")
    back = orders.uncancel(sessions, ADMIN, held.order_id, out.version, today=DAY)
    assert (back.status, back.decision, back.receipt_number) == ("draft", None, None)
    with sessions() as s:
        assert s.scalars(select(Receipt)).all() == []  # no cash receipt until it is confirmed


def test_confirmed_orders_are_not_edited(sessions, shop) -> None:
    out = orders.confirm(sessions, ADMIN, _order(shop), today=DAY)
    with pytest.raises(ValidationError, match="用退货更正"):
        orders.save_draft(sessions, ADMIN, _order(shop, qty="2"), out.order_id, out.version)


def test_roles_and_other_salespeople(sessions, shop) -> None:
    with pytest.raises(PermissionDenied):
        orders.confirm(sessions, FINANCE, _order(shop), today=DAY)
    with sessions.begin() as s:
        other = Salesperson(code="S02", name="李娜")
        s.add(other)
        s.flush()
        other_id = other.id
    stranger = Actor("ln", "sales", other_id)
    with pytest.raises(PermissionDenied, match="其他销售员"):
        orders.confirm(sessions, stranger, _order(shop), today=DAY)
    as_handler = orders.OrderIn(shop["a"], DAY, (LineIn(shop["p"], D("1"), D("100")),), handler_id=other_id)
    with pytest.raises(PermissionDenied, match="其他销售员"):  # naming oneself handler opens no other customer
        orders.save_draft(sessions, stranger, as_handler)
    assert orders.confirm(sessions, stranger, _order(shop, "b"), today=DAY).status == "held"  # shared pool: allowed
    with sessions() as s:
        assert orders.view(s, _sales(shop), orders.matching_ids(s, ADMIN, orders.OrderFilter())[0]).lines
        assert orders.view(s, _sales(shop), orders.matching_ids(s, ADMIN, orders.OrderFilter())[0]).cost_total is None
        assert orders.view(s, ADMIN, orders.matching_ids(s, ADMIN, orders.OrderFilter())[0]).margin == D("40.00")


def test_default_price_is_the_customers_last_price(sessions, shop) -> None:
    with sessions() as s:
        assert orders.default_price(s, ADMIN, shop["a"], shop["p"]) == (D("100.00"), "标准售价")
    orders.confirm(sessions, ADMIN, _order(shop, price="95.50", on=date(2026, 6, 1)), today=date(2026, 6, 1))
    orders.confirm(sessions, ADMIN, _order(shop, price="92.00", on=date(2026, 6, 20)), today=date(2026, 6, 20))
    with sessions() as s:
        price, source = orders.default_price(s, ADMIN, shop["a"], shop["p"])
        assert price == D("92.00") and "2026-06-20" in source
        assert [p.price for p in orders.price_history(s, ADMIN, shop["a"], shop["p"])] == [D("92.00"), D("95.50")]
        assert orders.default_price(s, ADMIN, shop["b"], shop["p"])[0] == D("100.00")


def test_order_list_filters_and_sorts(sessions, shop) -> None:
    for qty, on in (("1", date(2026, 6, 1)), ("2", date(2026, 6, 2)), ("20", date(2026, 6, 3))):
        orders.confirm(sessions, ADMIN, _order(shop, qty=qty, on=on), today=on)
    with sessions() as s:
        newest_first = orders.rows(s, orders.matching_ids(s, ADMIN, orders.OrderFilter()))
        assert [r.number for r in newest_first] == ["XS-20260603-0001", "XS-20260602-0001", "XS-20260601-0001"]
        held = orders.matching_ids(s, ADMIN, orders.OrderFilter(status="held"))
        assert [r.total for r in orders.rows(s, held)] == [D("2000.00")]
        by_total = orders.matching_ids(s, ADMIN, orders.OrderFilter(end=date(2026, 6, 2)), "total", descending=False)
        assert [r.total for r in orders.rows(s, by_total)] == [D("100.00"), D("200.00")]
        assert len(orders.matching_ids(s, ADMIN, orders.OrderFilter(number="0602"))) == 1


def test_long_queue_checks_every_order_as_a_single_check_would(sessions, shop) -> None:
    """Over 20 held orders the queue reads every position in one statement: the figures must not change."""
    orders.confirm(sessions, ADMIN, _order(shop, qty="6"), today=DAY)
    for qty in range(5, 27):
        assert orders.confirm(sessions, ADMIN, _order(shop, qty=str(qty)), today=DAY).status == "held"
    with sessions() as s:
        queue = orders.held_queue(s, ADMIN, DAY)
        assert len(queue) == 22
        for held in queue:
            single = orders.check(s, ADMIN, shop["a"], held.total, DAY)
            assert (held.decision.decision, held.decision.exposure, held.decision.reasons) == (
                single.decision, single.exposure, single.reasons)
        assert queue[0].decision.exposure == D("1100.00")  # 600 confirmed + 500
