"""Customer use cases and the list, called as each role: permissions, histories, conflicts, paging."""
from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from app import customer_list, customer_service
from app.context import Actor
from app.customer_list import CustomerFilter
from app.customer_service import ContactData, CustomerData
from app.customers import code_entry
from app.errors import ConflictError, PermissionDenied, ValidationError
from models import AuditLog, Customer, OwnerHistory, Salesperson

ADMIN = Actor("boss", "admin")
FINANCE = Actor("acc", "finance")
TODAY = date.today()


@pytest.fixture
def team(sessions) -> dict[str, int]:
    with sessions.begin() as s:
        a, b = Salesperson(code="S01", name="张伟"), Salesperson(code="S02", name="李娜")
        s.add_all([a, b])
        s.flush()
        return {"a": a.id, "b": b.id, "region": code_entry(s, "region", "西南").id}


def _make(sessions, actor, code, name, owner=None, **kw) -> int:
    return customer_service.create(sessions, actor, CustomerData(code=code, name=name, **kw), owner_id=owner,
                                   created=TODAY - timedelta(days=30))


def test_sales_sees_own_and_shared_pool_only(sessions, team) -> None:
    mine = _make(sessions, ADMIN, "C1", "重庆渝丰五金", team["a"])
    _make(sessions, ADMIN, "C2", "北京华信电子", team["b"])
    pool = _make(sessions, ADMIN, "C3", "成都共享客户")
    zw = Actor("zw", "sales", team["a"])
    with sessions() as s:
        ids = customer_list.matching_ids(s, zw, CustomerFilter())
        assert ids == [mine, pool]
        assert customer_list.count(s, ADMIN, CustomerFilter()) == 3
        other = s.scalar(select(Customer.id).where(Customer.code == "C2"))
        with pytest.raises(PermissionDenied, match="其他销售员"):
            customer_service.card(s, zw, other)
    with pytest.raises(PermissionDenied):
        customer_service.update(sessions, zw, other, 1, CustomerData(code="C2", name="改名"))
    # a salesperson's new customer is their own, whatever owner was asked for
    new = _make(sessions, zw, "C4", "新客户", team["b"])
    with sessions() as s:
        assert s.get(Customer, new).owner_id == team["a"]


def test_finance_reads_but_may_not_edit(sessions, team) -> None:
    cid = _make(sessions, ADMIN, "C1", "重庆渝丰五金", team["a"])
    with sessions() as s:
        card = customer_service.card(s, FINANCE, cid)
        assert card.figures is not None and card.figures.credit_limit == Decimal("0.00")
    with pytest.raises(PermissionDenied, match="修改客户"):
        customer_service.update(sessions, FINANCE, cid, card.version, CustomerData(code="C1", name="x"))
    with pytest.raises(PermissionDenied):
        customer_service.set_credit(sessions, Actor("zw", "sales", team["a"]), [cid], 30, Decimal("1000"), TODAY, "好客户")


def test_batch_reassign_and_hand_over_write_history(sessions, team) -> None:
    ids = [_make(sessions, ADMIN, f"C{i}", f"客户{i}", team["a"]) for i in range(5)]
    effective = TODAY - timedelta(days=1)
    seen = []
    assert customer_service.reassign(sessions, ADMIN, ids[:2], team["b"], effective, "调整",
                                     progress=lambda n, t: seen.append((n, t))) == 2
    assert seen[-1] == (2, 2)
    moved = customer_service.hand_over(sessions, ADMIN, team["a"], None, TODAY, "离职")
    assert moved == 3
    with sessions() as s:
        owners = dict(s.execute(select(Customer.code, Customer.owner_id)).all())
        assert owners == {"C0": team["b"], "C1": team["b"], "C2": None, "C3": None, "C4": None}
        history = s.execute(select(OwnerHistory.salesperson_id, OwnerHistory.effective, OwnerHistory.reason)
                            .where(OwnerHistory.customer_id == ids[2]).order_by(OwnerHistory.id)).all()
        assert [tuple(h) for h in history] == [(team["a"], TODAY - timedelta(days=30), None), (None, TODAY, "离职")]
        assert s.scalar(select(AuditLog.action).where(AuditLog.action == "customer.reassign").limit(1))
        assert customer_list.count(s, ADMIN, CustomerFilter(shared_pool=True)) == 3
    with pytest.raises(PermissionDenied):
        customer_service.reassign(sessions, Actor("zw", "sales", team["a"]), ids, None, TODAY)


def test_credit_blacklist_status_need_reasons_and_show_in_list(sessions, team) -> None:
    cid = _make(sessions, ADMIN, "C1", "客户", team["a"])
    with pytest.raises(ValidationError, match="原因"):
        customer_service.set_credit(sessions, ADMIN, [cid], 30, Decimal("5000.00"), TODAY, " ")
    customer_service.set_credit(sessions, ADMIN, [cid], 30, Decimal("5000.00"), TODAY, "老客户")
    customer_service.set_blacklist(sessions, ADMIN, [cid], True, TODAY, "拖欠")
    customer_service.set_status(sessions, ADMIN, [cid], "suspended", TODAY)
    with sessions() as s:
        row = customer_list.rows(s, [cid])[0]
        assert (row.term_days, row.credit_limit, row.blacklisted, row.status) == (30, Decimal("5000.00"), True, "暂停")
        assert customer_list.matching_ids(s, ADMIN, CustomerFilter(blacklisted=True)) == [cid]
        assert customer_list.matching_ids(s, ADMIN, CustomerFilter(blacklisted=False)) == []
        card = customer_service.card(s, ADMIN, cid)
        assert [h.reason for h in card.histories["credit"]] == [None, "老客户"]


def test_stale_card_is_refused(sessions, team) -> None:
    cid = _make(sessions, ADMIN, "C1", "客户", team["a"])
    with sessions() as s:
        opened = customer_service.card(s, ADMIN, cid)
    customer_service.update(sessions, ADMIN, cid, opened.version, CustomerData(code="C1", name="第一台电脑改的"))
    with pytest.raises(ConflictError, match=f"客户「C1 第一台电脑改的」 已被 {ADMIN.login} 于 "):  # who, and when
        customer_service.update(sessions, ADMIN, cid, opened.version, CustomerData(code="C1", name="第二台电脑改的"))
    with sessions() as s:
        assert s.get(Customer, cid).name == "第一台电脑改的"


def test_mnemonic_edit_contacts_and_search_filter_sort(sessions, team) -> None:
    cid = _make(sessions, ADMIN, "C1", "单县五金", team["a"], region_id=team["region"])
    _make(sessions, ADMIN, "C2", "北京电子", team["b"])
    with sessions() as s:
        v = customer_service.card(s, ADMIN, cid).version
    customer_service.update(sessions, ADMIN, cid, v, CustomerData(code="C1", name="单县五金", mnemonic="SXWJ",
                                                                  region_id=team["region"]))
    customer_service.save_contact(sessions, ADMIN, cid, ContactData(name="王强", mobile="13800001111"))
    with sessions() as s:
        assert s.get(Customer, cid).mnemonic == "sxwj"
        for typed in ("sxwj", "dxwj", "13800001111", "C1"):
            assert customer_list.matching_ids(s, ADMIN, CustomerFilter(text=typed)) == [cid], typed
        assert customer_list.matching_ids(s, ADMIN, CustomerFilter(region_id=team["region"])) == [cid]
        by_owner = customer_list.matching_ids(s, ADMIN, CustomerFilter(), sort="owner", descending=True)
        assert [r.code for r in customer_list.rows(s, by_owner)] == ["C2", "C1"]
        assert customer_list.rows(s, [cid])[0].phone == "13800001111"
    with pytest.raises(ValidationError, match="已存在"):
        _make(sessions, ADMIN, "C1", "重复")


def test_future_dated_change_applies_when_its_day_comes(sessions, team) -> None:
    from app.customers import set_owner, sync_due

    cid = _make(sessions, ADMIN, "C1", "客户", team["a"])
    tomorrow = TODAY + timedelta(days=1)
    with sessions.begin() as s:
        set_owner(s, cid, team["b"], tomorrow, "boss", "下月交接")
        assert sync_due(s, TODAY) >= 1
    with sessions() as s:
        assert s.get(Customer, cid).owner_id == team["a"]  # not yet
    with sessions.begin() as s:
        assert sync_due(s, tomorrow) == 1
        assert sync_due(s, tomorrow) == 0  # once a day
    with sessions() as s:
        assert s.get(Customer, cid).owner_id == team["b"]


def test_removing_a_contact_keeps_its_follow_ups(sessions, team) -> None:
    from models import FollowUp

    cid = _make(sessions, ADMIN, "C1", "客户", team["a"])
    kid = customer_service.save_contact(sessions, ADMIN, cid, ContactData(name="王强"))
    with sessions.begin() as s:
        s.add(FollowUp(customer_id=cid, date=TODAY, contact_id=kid, content="拜访"))
    customer_service.remove_contact(sessions, ADMIN, cid, kid)
    with sessions() as s:
        follow = s.scalars(select(FollowUp)).one()
        assert (follow.content, follow.contact_id) == ("拜访", None)
