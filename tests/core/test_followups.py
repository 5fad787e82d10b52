"""跟进记录 use cases, called as each role: listing newest first, adding, refusals."""
from __future__ import annotations

from datetime import date

import pytest

from app import followups
from app.context import Actor
from app.customers import code_entry, new_customer
from app.errors import PermissionDenied, ValidationError
from app.followups import FollowUpData
from models import AuditLog, Contact, Salesperson

ADMIN = Actor("boss", "admin")


@pytest.fixture
def world(sessions) -> dict[str, int]:
    with sessions.begin() as s:
        a, b = Salesperson(code="S01", name="张伟"), Salesperson(code="S02", name="李娜")
        s.add_all([a, b])
        s.flush()
        mine = new_customer(s, code="C1", name="重庆渝丰五金", created=date(2025, 1, 1), owner_id=a.id)
        other = new_customer(s, code="C2", name="北京华信电子", created=date(2025, 1, 1), owner_id=b.id)
        s.flush()
        k = Contact(customer_id=mine.id, name="王强")
        s.add(k)
        s.flush()
        return {"a": a.id, "b": b.id, "mine": mine.id, "other": other.id, "contact": k.id,
                "visit": code_entry(s, "followup_method", "上门拜访").id}


def test_add_and_list_newest_first(sessions, world) -> None:
    followups.add(sessions, ADMIN, world["mine"], FollowUpData(date(2025, 3, 1), "电话询价", world["visit"],
                                                                world["a"], world["contact"], date(2025, 3, 8)))
    followups.add(sessions, ADMIN, world["mine"], FollowUpData(date(2025, 4, 2), "  送样品  "))
    with sessions() as s:
        rows = followups.list_for(s, ADMIN, world["mine"])
        assert [(r.date, r.content, r.method, r.salesperson, r.contact, r.next_date) for r in rows] == [
            (date(2025, 4, 2), "送样品", None, None, None, None),
            (date(2025, 3, 1), "电话询价", "上门拜访", "S01 张伟", "王强", date(2025, 3, 8)),
        ]
        assert followups.list_for(s, ADMIN, world["other"]) == []
        assert s.query(AuditLog).filter_by(action="followup.add").count() == 2


def test_salesperson_writes_as_self_and_only_for_visible_customers(sessions, world) -> None:
    zw = Actor("zw", "sales", world["a"])
    followups.add(sessions, zw, world["mine"], FollowUpData(date(2025, 3, 1), "拜访", salesperson_id=world["b"]))
    with sessions() as s:
        assert followups.list_for(s, zw, world["mine"])[0].salesperson == "S01 张伟"
        with pytest.raises(PermissionDenied, match="其他销售员"):
            followups.list_for(s, zw, world["other"])
    with pytest.raises(PermissionDenied):
        followups.add(sessions, zw, world["other"], FollowUpData(date(2025, 3, 1), "拜访"))


def test_refusals(sessions, world) -> None:
    with pytest.raises(PermissionDenied, match="修改客户"):
        followups.add(sessions, Actor("acc", "finance"), world["mine"], FollowUpData(date(2025, 3, 1), "对账"))
    with pytest.raises(ValidationError, match="跟进内容"):
        followups.add(sessions, ADMIN, world["mine"], FollowUpData(date(2025, 3, 1), "  "))
    with pytest.raises(ValidationError, match="下次跟进"):
        followups.add(sessions, ADMIN, world["mine"], FollowUpData(date(2025, 3, 1), "x", next_date=date(2025, 2, 1)))
