"""Quick search (拼音检索), money types and optimistic locking."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from app import search
from app.pinyin import customer_keys, initials
from models import Contact, Customer, Product
from models.types import Money, to_fen
from tests.core.builders import Book


def test_initials_are_phrase_aware() -> None:
    assert initials("重庆银行") == "cqyh"
    assert initials("长城五金行") == "ccwjh"
    assert initials("ＡＢＣ贸易") == "abcmy"


def test_search_by_every_form(session) -> None:
    book = Book(session)
    c = book.customer("C0001", name="重庆渝丰五金机电有限公司", short_name="渝丰五金")
    other = book.customer("C0002", name="北京华信电子有限公司")
    session.add(Contact(customer_id=c.id, name="王强", mobile="13812345678"))
    session.flush()
    for typed in ("cqyf", "CQYF", "ｃｑｙｆ", "chongqing", "chong qing", "重庆", "渝丰", "C0001", "c0001", "yufengwujin",
                  "12345"):
        hits = search.customers(session, typed)
        assert [h.code for h in hits] == ["C0001"], typed
    assert search.customers(session, "zhongqing")[0].code == "C0001"  # the other reading of 重 finds it too
    assert [h.code for h in search.customers(session, "C000")] == ["C0001", "C0002"]
    # an initials prefix ranks above a match inside the pinyin
    hits = search.customers(session, "bj")
    assert hits[0].code == other.code and hits[0].rank == 1
    assert search.customers(session, "  ") == []


def test_keys_keep_readings_people_use_and_start_with_the_code() -> None:
    keys = customer_keys("KH-07", "重庆长江银行有限公司", None).split("|")
    assert keys[0] == "kh-07"
    assert "chongqingchangjiangyinhangyouxiangongsi" in keys
    joined = "|".join(keys)
    assert "zhongqing" in joined and "zhangjiang" in joined and "xing" in joined  # 重 长 行: both readings
    # archaic readings listed by pypinyin but used in no phrase (有 wei, 限 wen, 司 ci) are left out
    assert "wei" not in joined and "wen" not in joined and "gongci" not in joined


def test_code_is_found_anywhere_in_it(session) -> None:
    book = Book(session)
    book.customer("KH-2024-017", name="苏州祥荣医药实业有限公司")
    book.customer("C0002", name="北京华信电子有限公司")
    for typed in ("2024-017", "h-2024", "KH-2024", "kh-2"):
        assert [h.code for h in search.customers(session, typed)] == ["KH-2024-017"], typed
    assert search.customers(session, "you xian gong ci") == []  # 司 is never read ci


def test_product_search(session) -> None:
    session.add(Product(code="P100", name="不锈钢螺栓", spec="M8×30", cost=Decimal("1.00"), price=Decimal("1.50")))
    session.flush()
    assert [h.code for h in search.products(session, "bxg")] == ["P100"]
    assert [h.code for h in search.products(session, "M8")] == ["P100"]
    assert [h.code for h in search.products(session, "luoshuan")] == ["P100"]


def test_money_refuses_float_and_sub_fen() -> None:
    m = Money()
    assert m.process_bind_param(Decimal("12.34"), None) == 1234  # type: ignore[arg-type]
    assert m.process_result_value(1234, None) == Decimal("12.34")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        to_fen(12.34)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        to_fen(Decimal("0.001"))


def test_stale_edit_from_another_pc_is_refused(engine) -> None:
    with Session(engine) as s:
        Book(s).customer("C1")
        s.commit()
    pc1, pc2 = Session(engine), Session(engine)
    a = pc1.query(Customer).one()
    b = pc2.query(Customer).one()
    a.notes = "PC1 的修改"
    pc1.commit()
    b.notes = "PC2 的修改"
    with pytest.raises(StaleDataError):
        pc2.commit()
    pc2.rollback()
    with Session(engine) as s:
        assert s.query(Customer).one().notes == "PC1 的修改"
    pc1.close()
    pc2.close()
    assert date.today()  # keeps the import used on every Python
