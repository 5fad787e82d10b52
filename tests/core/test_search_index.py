"""The in-memory search answers exactly what the SQL search answers — same customers, same order — for every kind of
input and filter, and follows changes committed by other connections (another PC adding or renaming a customer)."""
from __future__ import annotations

from array import array
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from app import customer_list
from app.context import Actor
from app.customer_list import CustomerFilter
from app.customers import new_customer
from app.db import make_engine, make_sessions
from app.pinyin import normalize
from app.search_index import APART, CustomerIndex, _Column, _Packed
from models import Base, CodeEntry, Contact, Customer, Salesperson

ADMIN = Actor("boss", "admin")
NAMES = ["重庆渝丰五金机电有限公司", "重庆长江建材", "北京华信电子", "成都蜀兴建材", "上海行知贸易", "广州银行设备",
         "长沙湘江五金", "ABC Trading", "重庆银行大厦物业", "西安秦川机械", "北京京东方配件", "天津津门五金"]
TEXTS = ["c", "cq", "C0", "C01", "c01", "cqyf", "chongqing", "zhongqing", "zhangjiang", "changjiang", "北", "北京", "五金",
         "重庆", "yh", "hang", "xing", "abc", "ABC", "trading", "1380", "13800", "hx", "ＣＱ", "cq yf", "x", "zzz",
         "材北", "子京", "材！北", "长江北", "北京北", "贸易", "! ", "！", "9488", "7788", "77-88", "022-9", "c001|", "|"]


@pytest.fixture
def world(tmp_path):  # noqa: ANN001, ANN201
    engine = make_engine(f"sqlite:///{tmp_path / 'search.sqlite3'}")
    Base.metadata.create_all(engine)
    sessions = make_sessions(engine)
    with sessions.begin() as s:
        a, b = Salesperson(code="S01", name="张伟"), Salesperson(code="S02", name="李娜")
        north = CodeEntry(kind="region", code="01", name="华北", sort_order=10)
        s.add_all([a, b, north])
        s.flush()
        for n, name in enumerate(NAMES, start=1):
            c = new_customer(s, code=f"C{n:03d}", name=name, created=date(2025, 1, 1),
                             short_name={2: "北京长江", 3: "京北", 6: "银行！设备"}.get(n),
                             owner_id=(a.id, b.id, None)[n % 3], region_id=north.id if n % 2 else None,
                             status="suspended" if n == 5 else "active", blacklisted=n == 7,
                             blacklist_reason="x" if n == 7 else None, credit_limit=Decimal("0"))
            c.archived = n == 9
            if n in (2, 4):
                s.add(Contact(customer=c, name="王", mobile=f"1380000{n:04d}"))
            if n in (4, 9):  # several contacts, a phone and a mobile, one with neither, an archived customer's
                s.add_all([Contact(customer=c, name="李", phone=f"022-9{n}88", mobile="77889900"),
                           Contact(customer=c, name="赵")])
        ids = {"a": a.id, "b": b.id, "north": north.id}
    yield engine, sessions, ids
    engine.dispose()


def test_the_index_answers_what_the_sql_answers(world) -> None:  # noqa: ANN001
    engine, sessions, ids = world
    index = CustomerIndex(engine)
    actors = [ADMIN, Actor("zw", "sales", ids["a"])]
    filters = [{}, {"region_id": ids["north"]}, {"owner_id": ids["b"]}, {"shared_pool": True},
               {"status": "suspended"}, {"blacklisted": True}, {"blacklisted": False}, {"include_archived": True}]
    compared = 0
    with sessions() as s:
        for actor in actors:
            for extra in filters:
                for text in TEXTS:
                    flt = CustomerFilter(text=text, **extra)
                    sql = customer_list.matching_ids(s, actor, flt)
                    assert index.match(actor, flt) == sql, (actor.role, extra, text)
                    compared += 1
    assert compared == len(actors) * len(filters) * len(TEXTS)
    index.close()


def test_the_index_follows_other_connections(world) -> None:  # noqa: ANN001
    engine, sessions, _ids = world
    index = CustomerIndex(engine)
    assert index.match(ADMIN, CustomerFilter(text="qinghe")) == []
    other = make_sessions(make_engine(str(engine.url)))  # another PC
    with other.begin() as s:
        new_customer(s, code="C900", name="清河商贸", created=date(2025, 1, 1))
    with other() as s:
        new_id = s.scalar(select(Customer.id).where(Customer.code == "C900"))
    assert index.match(ADMIN, CustomerFilter(text="qinghe")) == [new_id]
    with other.begin() as s:
        s.get(Customer, new_id).name = "清源商贸"
    assert index.match(ADMIN, CustomerFilter(text="qinghe")) == []
    assert index.match(ADMIN, CustomerFilter(text="qingyuan")) == [new_id]
    index.close()


def test_postgres_and_memory_databases_are_left_to_sql() -> None:
    index = CustomerIndex(make_engine("sqlite://"))
    assert index.match(ADMIN, CustomerFilter(text="c")) is None


def test_a_keystroke_does_not_wait_for_the_copy_being_read(world) -> None:  # noqa: ANN001
    """While the tab's background read holds the copy, a search is left to SQL (None) instead of waiting for it;
    once read, the copy answers."""
    import threading

    engine, _sessions, _ids = world
    index = CustomerIndex(engine)
    reading, release = threading.Event(), threading.Event()
    real_read = index._read

    def slow_read():  # noqa: ANN202
        reading.set()
        release.wait(10)
        return real_read()

    index._read = slow_read  # type: ignore[method-assign]
    background = threading.Thread(target=index.prepare)
    background.start()
    assert reading.wait(10)
    assert index.match(ADMIN, CustomerFilter(text="c")) is None
    release.set()
    background.join(10)
    assert index.match(ADMIN, CustomerFilter(text="c")) is not None
    index.close()


def test_the_separator_between_name_and_short_name_is_never_in_a_query() -> None:
    """A hit in "name！short" is a hit in one of the two only because a normalized query cannot hold the "！"."""
    assert APART not in normalize(APART)
    assert APART not in normalize(f"a{APART}b".upper())


def test_packed_strings_are_the_strings() -> None:
    values = ["", "C001", "重庆", "", "x"]
    packed = _Packed(values[:2])
    packed.extend(values[2:])
    assert len(packed) == len(values)
    assert [packed[n] for n in range(len(values))] == values
    assert list(packed) == values
    assert list(_Packed()) == []


@pytest.mark.parametrize("distinct", [3, 300])  # one byte per customer, or an array past 256 values
def test_a_column_keeps_what_its_test_keeps(distinct: int) -> None:
    values = [None if n % 7 == 0 else (n * 31) % distinct for n in range(1000)]
    index: dict = {}
    column = _Column.of(index, array("I", [index.setdefault(v, len(index)) for v in values]))
    for test in (lambda v: v is None, lambda v: v == 2, lambda v: not v, lambda v: bool(v)):
        assert column.keep(test) == bytes(bool(test(v)) for v in values)
