"""Picker choices: salespeople and code tables matched in Python, customers and products in SQL, by pinyin."""
from __future__ import annotations

from datetime import date

import pytest

from app import pick
from app.context import Actor
from app.customers import new_customer
from models import CodeEntry, Product, Salesperson

ADMIN = Actor("boss", "admin")


@pytest.fixture
def world(sessions) -> dict[str, int]:
    with sessions.begin() as s:
        s.add_all([Salesperson(code="S01", name="张伟"), Salesperson(code="S02", name="李娜"),
                   Salesperson(code="S03", name="王离职", employed=False)])
        s.add_all([CodeEntry(kind="region", code="01", name="西南", sort_order=30),
                   CodeEntry(kind="region", code="02", name="北京", sort_order=10),
                   CodeEntry(kind="region", code="03", name="华东", sort_order=20),
                   CodeEntry(kind="region", code="04", name="已停用", sort_order=5, active=False)])
        s.flush()
        a = s.query(Salesperson).filter_by(code="S01").one()
        b = s.query(Salesperson).filter_by(code="S02").one()
        new_customer(s, code="C001", name="北京华信电子", created=date(2025, 1, 1), owner_id=a.id)
        new_customer(s, code="C002", name="重庆渝丰五金", created=date(2025, 1, 1), owner_id=b.id)
        new_customer(s, code="C003", name="北京共享商贸", created=date(2025, 1, 1))
        s.add_all([Product(code="P001", name="不锈钢螺栓"), Product(code="P002", name="停售螺母", active=False)])
        return {"a": a.id, "b": b.id}


def names(choices: list[pick.Choice]) -> list[str]:
    return [c.name for c in choices]


def test_code_entries_active_in_sort_order_and_matched_by_pinyin(sessions, world) -> None:
    with sessions() as s:
        regions = pick.codes(s, "region")
        assert names(pick.codes(s, "region", include_inactive=True))[0] == "已停用"
    assert names(regions) == ["北京", "华东", "西南"]
    for typed in ("bj", "beijing", "北京", "BEI JING", "ｂｊ", "02"):
        assert names(pick.filter_choices(regions, typed)) == ["北京"], typed
    assert names(pick.filter_choices(regions, "")) == ["北京", "华东", "西南"]
    assert names(pick.filter_choices(regions, "h")) == ["华东"]  # initials prefix
    assert pick.filter_choices(regions, "zzz") == []


def test_salespeople_with_shared_pool_and_former(sessions, world) -> None:
    with sessions() as s:
        assert names(pick.salespeople(s)) == ["张伟", "李娜"]
        everyone = pick.salespeople(s, include_shared_pool=True, include_former=True)
    assert names(everyone) == ["公司共享客户", "张伟", "李娜", "王离职"]
    assert everyone[0].id == pick.SHARED_POOL_ID and pick.owner_id(everyone[0].id) is None
    assert pick.owner_id(world["a"]) == world["a"]
    assert names(pick.filter_choices(everyone, "gsgx")) == ["公司共享客户"]
    assert names(pick.filter_choices(everyone, "zhangwei")) == ["张伟"]
    assert names(pick.filter_choices(everyone, "s0")) == ["张伟", "李娜", "王离职"]  # code prefix


def test_customers_ranked_and_limited_to_what_the_actor_sees(sessions, world) -> None:
    with sessions() as s:
        assert names(pick.customers(s, ADMIN, "bj")) == ["北京华信电子", "北京共享商贸"]
        assert names(pick.customers(s, ADMIN, "beijinghuaxin")) == ["北京华信电子"]
        assert names(pick.customers(s, ADMIN, "C002")) == ["重庆渝丰五金"]
        assert names(pick.customers(s, ADMIN, "")) == ["北京华信电子", "重庆渝丰五金", "北京共享商贸"]
        li = Actor("ln", "sales", world["b"])
        assert names(pick.customers(s, li, "bj")) == ["北京共享商贸"]
        assert names(pick.customers(s, li, "")) == ["重庆渝丰五金", "北京共享商贸"]
        first = pick.customers(s, ADMIN, "C001")[0]
        assert pick.customer(s, first.id) == pick.Choice(first.id, "C001", "北京华信电子")


def test_products_active_only(sessions, world) -> None:
    with sessions() as s:
        assert names(pick.products(s, "bxg")) == ["不锈钢螺栓"]
        assert names(pick.products(s, "ls")) == ["不锈钢螺栓"]
        assert names(pick.products(s, "P00")) == ["不锈钢螺栓"]
        assert names(pick.products(s, "")) == ["不锈钢螺栓"]
        pid = pick.products(s, "")[0].id
        assert pick.product(s, pid).code == "P001"
