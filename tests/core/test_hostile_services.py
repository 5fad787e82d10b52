"""A hostile salesperson (and a careless administrator) through the services, as the desktop calls them.

Every hole of issue 11 item 0 on the services: returns that wipe out debts, a salesperson lifting a manager's
暂停/终止, a cost sent by the client, and values that do not fit their columns. Each is refused with a message
naming the field and nothing is stored; the figures are hand-computed (one order of 10 × 548.31 = 5,483.10)."""
from __future__ import annotations

import math
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from app import customer_list, customer_service, followups, ledger, master_data, orders, receipts, returns
from app.context import Actor
from app.customer_list import CustomerFilter
from app.customer_service import ContactData, CustomerData
from app.customers import new_customer
from app.documents import LineIn, add_order
from app.errors import NotFound, PermissionDenied, ValidationError
from app.followups import FollowUpData
from app.master_data import ProductData
from app.messages import msg
from models import (
    AuditLog,
    CodeEntry,
    Contact,
    Customer,
    FollowUp,
    Product,
    Receipt,
    SalesOrder,
    Salesperson,
    SalesReturn,
    User,
)
from models.types import fen_to_yuan, to_fen

D = Decimal
DAY = date(2026, 7, 1)
SOLD_ON = date(2026, 6, 1)
MANAGER = Actor("jingli", "manager")
ADMIN = Actor("admin", "admin")
FINANCE = Actor("caiwu", "finance")
MB = "名" * 1_000_000
ONE, SOLD_AT = D("1"), D("548.31")


@pytest.fixture
def firm(sessions) -> dict[str, Any]:
    """Salespeople S01 (the hostile one) and S02; P001 (cost 300.00, list 600.00) sold to C001 at 548.31 × 10 on
    06-01, P002 never sold; C001 owned by S01 (term 30, limit 100,000), C002 by S02, C003 a prospect of S01."""
    with sessions.begin() as s:
        sp, sp2 = Salesperson(code="S01", name="小王"), Salesperson(code="S02", name="小李")
        p1 = Product(code="P001", name="不锈钢螺栓", unit="箱", cost=D("300.00"), price=D("600.00"))
        p2 = Product(code="P002", name="镀锌螺母", unit="箱", cost=D("10.00"), price=D("20.00"))
        bank = CodeEntry(kind="payment_method", code="01", name="银行转账", sort_order=10)
        call = CodeEntry(kind="followup_method", code="01", name="电话", sort_order=10)
        region = CodeEntry(kind="region", code="01", name="重庆", sort_order=10)
        s.add_all([sp, sp2, p1, p2, bank, call, region])
        s.flush()
        a = new_customer(s, code="C001", name="重庆渝丰五金", created=date(2025, 1, 1), owner_id=sp.id, term_days=30,
                         credit_limit=D("100000"))
        b = new_customer(s, code="C002", name="北京华信电子", created=date(2025, 1, 1), owner_id=sp2.id)
        c = new_customer(s, code="C003", name="成都新客户", created=date(2025, 1, 1), owner_id=sp.id, status="prospect")
        s.flush()
        order = add_order(s, number="XS-20260601-0001", date=SOLD_ON, customer_id=a.id, status="confirmed",
                          lines=[LineIn(p1.id, D("10"), D("548.31"))])
        s.add(User(login="jingli", display_name="销售经理", role="manager", password_hash="x", active=True))
        s.flush()
        return {"sp": sp.id, "sp2": sp2.id, "p1": p1.id, "p2": p2.id, "bank": bank.id, "call": call.id,
                "region": region.id, "a": a.id, "b": b.id, "c": c.id, "order": order.id, "line": order.lines[0].id,
                "sales": Actor("xiaoshou", "sales", sp.id)}


def _balance(sessions, customer_id: int, on: date = DAY) -> Decimal:
    with sessions() as s:
        return ledger.position(s, customer_id, on).balance


def _count(sessions, model: type) -> int:
    with sessions() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def _against(firm, qty: str, price: str, on: date = DAY) -> returns.ReturnIn:
    return returns.ReturnIn(firm["a"], on, (returns.ReturnLineIn(firm["p1"], D(qty), D(price), firm["line"]),),
                            order_id=firm["order"])


def _free(firm, qty: str, price: str, product: str = "p1", customer: str = "a") -> returns.ReturnIn:
    return returns.ReturnIn(firm[customer], DAY, (returns.ReturnLineIn(firm[product], D(qty), D(price)),))


# --- returns ---------------------------------------------------------------------------------------------------


def test_a_return_against_an_order_is_capped_at_the_price_it_was_sold_at(sessions, firm) -> None:
    assert _balance(sessions, firm["a"]) == D("5483.10")
    with pytest.raises(ValidationError, match="548.31"):  # the 0.001 × 1,000,000
        returns.add(sessions, firm["sales"], _against(firm, "0.001", "1000000"))
    with pytest.raises(ValidationError, match="单价"):
        returns.add(sessions, firm["sales"], _against(firm, "1", "548.32"))
    assert _balance(sessions, firm["a"]) == D("5483.10") and _count(sessions, SalesReturn) == 0
    saved = returns.add(sessions, firm["sales"], _against(firm, "1", "548.31"))
    lower = returns.add(sessions, firm["sales"], _against(firm, "2", "500.00"))  # a partial credit is fine
    assert (saved.status, lower.status) == ("confirmed", "confirmed")
    assert _balance(sessions, firm["a"]) == D("3934.79")  # 5,483.10 − 548.31 − 1,000.00


def test_a_return_against_an_order_gives_back_at_most_what_is_left(sessions, firm) -> None:
    first = returns.add(sessions, firm["sales"], _against(firm, "4", "548.31"))
    with pytest.raises(ValidationError, match="最多还能退 6"):
        returns.add(sessions, firm["sales"], _against(firm, "6.001", "548.31"))
    returns.cancel(sessions, MANAGER, first.return_id, first.version, "录错")  # a cancelled return gives it back
    assert returns.add(sessions, firm["sales"], _against(firm, "10", "548.31")).status == "confirmed"
    assert _balance(sessions, firm["a"]) == D("0.00")


def test_a_free_standing_return_is_capped_at_the_last_sale_price(sessions, firm) -> None:
    with pytest.raises(ValidationError, match="548.31"):  # the 10,000 × 1,000
        returns.add(sessions, firm["sales"], _free(firm, "10000", "1000"))
    with pytest.raises(ValidationError, match="548.31"):
        returns.add(sessions, firm["sales"], _free(firm, "1", "548.32"))
    assert returns.add(sessions, firm["sales"], _free(firm, "1", "548.31")).status == "confirmed"
    assert _balance(sessions, firm["a"]) == D("4934.79")


def test_a_free_standing_return_of_goods_never_sold_to_the_customer_is_refused(sessions, firm) -> None:
    with pytest.raises(ValidationError, match="镀锌螺母"):
        returns.add(sessions, firm["sales"], _free(firm, "1", "1.00", product="p2"))
    with pytest.raises(ValidationError, match="不锈钢螺栓"):  # sold to C001, not to C003
        returns.add(sessions, firm["sales"], _free(firm, "1", "1.00", customer="c"))
    assert _count(sessions, SalesReturn) == 0


def test_a_free_standing_return_gives_back_at_most_what_the_customer_bought(sessions, firm) -> None:
    with pytest.raises(ValidationError, match="10"):
        returns.add(sessions, firm["sales"], _free(firm, "10.001", "1.00"))
    returns.add(sessions, firm["sales"], _against(firm, "6", "548.31"))
    with pytest.raises(ValidationError, match="4"):  # 10 bought, 6 given back against the order
        returns.add(sessions, firm["sales"], _free(firm, "4.001", "1.00"))
    assert returns.add(sessions, firm["sales"], _free(firm, "4", "1.00")).status == "confirmed"


def test_a_free_standing_return_above_the_setting_needs_a_manager(sessions, firm) -> None:
    with pytest.raises(PermissionDenied, match="1,000.00"):  # 2 × 548.31 = 1,096.62 > 1,000.00 (the default)
        returns.add(sessions, firm["sales"], _free(firm, "2", "548.31"))
    assert _balance(sessions, firm["a"]) == D("5483.10") and _count(sessions, SalesReturn) == 0
    assert returns.add(sessions, firm["sales"], _free(firm, "1", "548.31")).status == "confirmed"  # 548.31: fine
    returns.add(sessions, MANAGER, _free(firm, "2", "548.31"))  # the manager records it
    returns.add(sessions, MANAGER, _free(firm, "1", "30.00", product="p2"))  # opening stock, never sold here
    assert _balance(sessions, firm["a"]) == D("3808.17")  # 5,483.10 − 548.31 − 1,096.62 − 30.00
    with sessions() as s:
        who = s.scalars(select(AuditLog.login).where(AuditLog.action == "return.record").order_by(AuditLog.id))
        assert list(who) == ["xiaoshou", "jingli", "jingli"]


def test_the_return_approval_limit_is_a_setting(sessions, firm) -> None:
    with pytest.raises(PermissionDenied):
        master_data.save_settings(sessions, firm["sales"], return_approval_limit=D("1000000"))
    for bad in ("abc", "-1", 1.5, D("NaN"), "1e15", D("0.001")):
        with pytest.raises(ValidationError, match="退货审批"):
            master_data.save_settings(sessions, ADMIN, return_approval_limit=bad)
    with sessions() as s:
        assert master_data.get_settings(s).return_approval_limit == D("1000.00")
    assert master_data.save_settings(sessions, ADMIN, return_approval_limit="6000").return_approval_limit == D("6000.00")
    assert _count(sessions, SalesReturn) == 0
    assert returns.add(sessions, firm["sales"], _free(firm, "10", "548.31")).status == "confirmed"  # 5,483.10
    assert _balance(sessions, firm["a"]) == D("0.00")


# --- status, cost and who may say what ---------------------------------------------------------------------------


def test_a_salesperson_cannot_lift_a_managers_suspension_or_termination(sessions, firm) -> None:
    sales = firm["sales"]
    customer_service.set_status(sessions, MANAGER, [firm["a"]], "suspended", DAY, "拖欠")
    for status in ("active", "prospect", "terminated"):
        with pytest.raises(PermissionDenied, match="暂停"):
            customer_service.set_status(sessions, sales, [firm["a"]], status, DAY)
    with pytest.raises(PermissionDenied):
        customer_service.set_blacklist(sessions, sales, [firm["a"]], False, DAY, "已还款")
    with sessions() as s:
        assert s.get(Customer, firm["a"]).status == "suspended"
    line = (LineIn(firm["p1"], D("1"), D("548.31")),)
    out = orders.confirm(sessions, sales, orders.OrderIn(firm["a"], DAY, line), today=DAY)
    assert out.status == "held"  # still held: the suspension stands
    assert customer_service.set_status(sessions, sales, [firm["c"]], "active", DAY) == 1  # a prospect won: fine
    with pytest.raises(PermissionDenied):
        customer_service.set_status(sessions, sales, [firm["c"]], "suspended", DAY)
    customer_service.set_status(sessions, MANAGER, [firm["a"]], "active", DAY, "已还款")


def test_cost_is_the_servers_never_the_clients(sessions, firm) -> None:
    faked = (LineIn(firm["p1"], D("1"), D("548.31"), unit_cost=D("0")),)
    for save in (orders.confirm, orders.save_draft):
        with pytest.raises(ValidationError, match="成本"):
            save(sessions, firm["sales"], orders.OrderIn(firm["a"], DAY, faked))
    assert _count(sessions, SalesOrder) == 1
    out = orders.confirm(sessions, firm["sales"], orders.OrderIn(firm["a"], DAY, (
        LineIn(firm["p1"], D("2"), D("548.31")),)), today=DAY)
    with sessions() as s:
        order = s.get(SalesOrder, out.order_id)
        assert (order.lines[0].unit_cost, order.cost_total) == (D("300.00"), D("600.00"))


# --- bad values: refused with the field named, never a driver error, never stored -------------------------------


def _order(firm, *, qty: Any = ONE, price: Any = SOLD_AT, on: Any = DAY, **kw: Any) -> orders.OrderIn:
    product = kw.pop("product", firm["p1"])
    return orders.OrderIn(kw.pop("customer", firm["a"]), on, (LineIn(product, qty, price),),
                          handler_id=kw.pop("handler", firm["sp"]), **kw)


ORDER_CASES = {
    "price with 3 places": (dict(price=D("548.311")), ValidationError, "单价"),
    "amount overflow": (dict(qty=D("999999999"), price=D("999999999999")), ValidationError, "金额"),
    "quantity too big": (dict(qty=D("1e9")), ValidationError, "数量"),
    "price too big": (dict(price=D("1e12")), ValidationError, "单价"),
    "NaN price": (dict(price=D("NaN")), ValidationError, "单价"),
    "Infinity quantity": (dict(qty=D("Infinity")), ValidationError, "数量"),
    "float price": (dict(price=548.31), ValidationError, "单价"),
    "text price 1e15": (dict(price="1e15"), ValidationError, "单价"),
    "negative price": (dict(price=D("-5")), ValidationError, "单价"),
    "negative quantity": (dict(qty=D("-5")), ValidationError, "数量"),
    "date 9999-12-31": (dict(on=date(9999, 12, 31)), ValidationError, "日期"),
    "date 1899-12-31": (dict(on=date(1899, 12, 31)), ValidationError, "日期"),
    "not a date": (dict(on="2026-07-01"), ValidationError, "日期"),
    "notes of 1 MB": (dict(notes=MB), ValidationError, "备注"),
    "NUL in notes": (dict(notes="好\x00"), ValidationError, "备注"),
    "cash NaN": (dict(cash_amount=D("NaN")), ValidationError, "现款"),
    "cash 1e17": (dict(cash_amount=D("1e17")), ValidationError, "现款"),
    "unknown product": (dict(product=987654), NotFound, "商品"),
    "unknown customer": (dict(customer=987654), NotFound, "客户"),
    "unknown handler": (dict(handler=987654), NotFound, "经办人"),
    "unknown cash method": (dict(cash_amount=D("1.00"), cash_method_id=987654), NotFound, "收款方式"),
    "a customer entry as cash method": (dict(cash_amount=D("1.00"), cash_method_id="call"), NotFound, "收款方式"),
}


@pytest.mark.parametrize("case", list(ORDER_CASES))
def test_bad_order_values_are_refused_naming_the_field(sessions, firm, case) -> None:
    changes, error, field = ORDER_CASES[case]
    changes = {k: firm[v] if k == "cash_method_id" and isinstance(v, str) else v for k, v in changes.items()}
    for save in (orders.save_draft, orders.confirm):
        with pytest.raises(error, match=field):
            save(sessions, firm["sales"], _order(firm, **changes))
    assert _count(sessions, SalesOrder) == 1 and _count(sessions, Receipt) == 0


def _receipt(firm, amount: Any, **kw: Any) -> receipts.ReceiptIn:
    return receipts.ReceiptIn(firm["a"], kw.pop("on", DAY), amount, kw.pop("method", firm["bank"]), **kw)


RECEIPT_CASES = {
    "1e17": (dict(amount=D("1e17")), ValidationError, "收款金额"),
    "NaN": (dict(amount=D("NaN")), ValidationError, "收款金额"),
    "Infinity": (dict(amount=D("Infinity")), ValidationError, "收款金额"),
    "float": (dict(amount=100.1), ValidationError, "收款金额"),
    "-5 as text": (dict(amount="-5"), ValidationError, "收款金额"),
    "1e15 as text": (dict(amount="1e15"), ValidationError, "收款金额"),
    "3 places": (dict(amount=D("1.001")), ValidationError, "收款金额"),
    "date 9999-12-31": (dict(amount=D("1"), on=date(9999, 12, 31)), ValidationError, "日期"),
    "unknown method": (dict(amount=D("1"), method=987654), NotFound, "收款方式"),
    "NUL in notes": (dict(amount=D("1"), notes="\x00"), ValidationError, "备注"),
    "unknown order": (dict(amount=D("1"), order_id=987654), NotFound, "销售单"),
}


@pytest.mark.parametrize("case", list(RECEIPT_CASES))
def test_bad_receipt_values_are_refused_naming_the_field(sessions, firm, case) -> None:
    values, error, field = RECEIPT_CASES[case]
    with pytest.raises(error, match=field):
        receipts.record(sessions, FINANCE, _receipt(firm, **values), today=DAY)
    assert _count(sessions, Receipt) == 0


def test_bad_allocations_and_reasons_are_refused(sessions, firm) -> None:
    saved = receipts.record(sessions, FINANCE, _receipt(firm, D("100.00")), today=DAY)
    for allocations in ([(firm["order"], 1.5)], [(firm["order"], D("NaN"))], [(firm["order"], D("1e17"))]):
        with pytest.raises(ValidationError, match="核销金额"):
            receipts.reallocate(sessions, FINANCE, saved.receipt_id, saved.version, allocations, today=DAY)
    with pytest.raises(ValidationError, match="销售单"):
        receipts.reallocate(sessions, FINANCE, saved.receipt_id, saved.version, [("1; drop", D("1"))], today=DAY)
    for cancel, doc in ((receipts.cancel, saved.receipt_id), (orders.cancel, firm["order"])):
        with pytest.raises(ValidationError, match="原因"):
            cancel(sessions, ADMIN, doc, 1, "录错\x00")
        with pytest.raises(ValidationError, match="原因"):
            cancel(sessions, ADMIN, doc, 1, "理" * 501)
    with sessions() as s:
        assert s.get(Receipt, saved.receipt_id).status == "confirmed" and s.get(SalesOrder, firm["order"]).status \
            == "confirmed"
    assert _balance(sessions, firm["a"]) == D("5383.10")  # 5,483.10 − 100.00


RETURN_CASES = {
    "NaN quantity": (dict(qty=D("NaN")), ValidationError, "数量"),
    "3-place price": (dict(price=D("1.001")), ValidationError, "单价"),
    "negative quantity": (dict(qty=D("-5")), ValidationError, "数量"),
    "float price": (dict(price=1.5), ValidationError, "单价"),
    "date 9999-12-31": (dict(on=date(9999, 12, 31)), ValidationError, "日期"),
    "NUL in notes": (dict(notes="\x01"), ValidationError, "备注"),
    "unknown product": (dict(product=987654), NotFound, "商品"),
    "unknown handler": (dict(handler_id=987654), NotFound, "经办人"),
}


@pytest.mark.parametrize("case", list(RETURN_CASES))
def test_bad_return_values_are_refused_naming_the_field(sessions, firm, case) -> None:
    values, error, field = RETURN_CASES[case]
    values = dict(values)  # popped below: the case stays whole for the other database
    line = returns.ReturnLineIn(values.pop("product", firm["p1"]), values.pop("qty", D("1")),
                                values.pop("price", D("1.00")))
    data = returns.ReturnIn(firm["a"], values.pop("on", DAY), (line,), **values)
    with pytest.raises(error, match=field):
        returns.add(sessions, firm["sales"], data)
    assert _count(sessions, SalesReturn) == 0


CUSTOMER_CASES = {
    "name of 1 MB": (dict(name=MB), "客户名称"),
    "NUL in the name": (dict(name="重庆\x00五金"), "客户名称"),
    "code of 33 characters": (dict(code="C" * 33), "客户编码"),
    "control character in the address": (dict(address="解放碑\x01"), "地址"),
    "newline in the name": (dict(name="重庆\n五金"), "客户名称"),
    "bank account too long": (dict(bank_account="6" * 65), "账号"),
}


@pytest.mark.parametrize("case", list(CUSTOMER_CASES))
def test_bad_customer_values_are_refused_naming_the_field(sessions, firm, case) -> None:
    changes, field = CUSTOMER_CASES[case]
    data = CustomerData(**({"code": "C100", "name": "新客户"} | changes))
    with pytest.raises(ValidationError, match=field):
        customer_service.create(sessions, firm["sales"], data)
    with sessions() as s:
        version = s.get(Customer, firm["a"]).version
    with pytest.raises(ValidationError, match=field):
        customer_service.update(sessions, firm["sales"], firm["a"], version, data)
    assert _count(sessions, Customer) == 3


def test_customer_references_and_multi_line_notes(sessions, firm) -> None:
    sales = firm["sales"]
    with pytest.raises(NotFound, match="地区"):
        customer_service.create(sessions, sales, CustomerData("C100", "新客户", region_id=987654))
    with pytest.raises(NotFound, match="客户类型"):  # a region entry is no customer type
        customer_service.create(sessions, sales, CustomerData("C100", "新客户", type_id=firm["region"]))
    with pytest.raises(NotFound, match="负责销售员"):
        customer_service.create(sessions, MANAGER, CustomerData("C100", "新客户"), owner_id=987654)
    with pytest.raises(ValidationError, match="建档日期"):
        customer_service.create(sessions, MANAGER, CustomerData("C100", "新客户"), created=date(2101, 1, 1))
    cid = customer_service.create(sessions, sales, CustomerData("C100", "新客户", notes="第一行\n\t第二行"))
    with sessions() as s:
        assert s.get(Customer, cid).notes == "第一行\n\t第二行"  # tab and newline belong in multi-line text


CONTACT_CASES = {
    "NUL in the name": (dict(name="王\x00强"), ValidationError, "姓名"),
    "birthday 1800": (dict(name="王强", birthday=date(1800, 1, 1)), ValidationError, "生日"),
    "phone of 51 characters": (dict(name="王强", phone="1" * 51), ValidationError, "电话"),
    "unknown position": (dict(name="王强", position_id=987654), NotFound, "职位"),
    "e-mail with a bell": (dict(name="王强", email="a@b.c\x07"), ValidationError, "邮箱"),
}


@pytest.mark.parametrize("case", list(CONTACT_CASES))
def test_bad_contact_values_are_refused_naming_the_field(sessions, firm, case) -> None:
    values, error, field = CONTACT_CASES[case]
    with pytest.raises(error, match=field):
        customer_service.save_contact(sessions, firm["sales"], firm["a"], ContactData(**values))
    assert _count(sessions, Contact) == 0


PRODUCT_CASES = {
    "price 1e15 as text": (dict(price="1e15"), "销售价"),
    "price -5 as text": (dict(price="-5"), "销售价"),
    "cost as a float": (dict(cost=1.5), "成本价"),
    "NaN price": (dict(price=D("NaN")), "销售价"),
    "3-place cost": (dict(cost=D("0.001")), "成本价"),
    "NUL in the name": (dict(name="螺栓\x00"), "商品名称"),
    "code of 33 characters": (dict(code="P" * 33), "商品编码"),
    "unit of 21 characters": (dict(unit="箱" * 21), "单位"),
}


@pytest.mark.parametrize("case", list(PRODUCT_CASES))
def test_bad_product_values_are_refused_naming_the_field(sessions, firm, case) -> None:
    changes, field = PRODUCT_CASES[case]
    data = ProductData(**({"code": "P100", "name": "新商品", "price": D("1.00")} | changes))
    with pytest.raises(ValidationError, match=field):
        master_data.add_product(sessions, ADMIN, data)
    assert _count(sessions, Product) == 2


def test_bad_salesperson_follow_up_setting_and_user_values(sessions, firm) -> None:
    with pytest.raises(ValidationError, match="姓名"):
        master_data.add_salesperson(sessions, ADMIN, "S09", "小\x00张")
    with pytest.raises(ValidationError, match="工号"):
        master_data.add_salesperson(sessions, ADMIN, "S" * 33, "小张")
    with pytest.raises(ValidationError, match="部门"):
        master_data.add_salesperson(sessions, ADMIN, "S09", "小张", department="部" * 101)
    assert _count(sessions, Salesperson) == 2
    sales, a = firm["sales"], firm["a"]
    for data, error, field in (
            (FollowUpData(date(9999, 12, 31), "回访"), ValidationError, "日期"),
            (FollowUpData(DAY, "回访\x00"), ValidationError, "跟进内容"),
            (FollowUpData(DAY, "回访", next_date=date(2200, 1, 1)), ValidationError, "下次跟进"),
            (FollowUpData(DAY, "回访", method_id=987654), NotFound, "跟进方式"),
            (FollowUpData(DAY, "回访", result="好" * 70000), ValidationError, "结果")):
        with pytest.raises(error, match=field):
            followups.add(sessions, sales, a, data)
    with pytest.raises(NotFound, match="销售员"):
        followups.add(sessions, MANAGER, a, FollowUpData(DAY, "回访", salesperson_id=987654))
    assert _count(sessions, FollowUp) == 0
    assert followups.add(sessions, sales, a, FollowUpData(DAY, "第一行\n第二行", method_id=firm["call"]))
    with pytest.raises(ValidationError, match="公司名称"):
        master_data.save_settings(sessions, ADMIN, company_name="渝丰\x00五金")
    with pytest.raises(ValidationError, match="公司地址"):
        master_data.save_settings(sessions, ADMIN, company_address=MB)
    with sessions() as s:
        assert (master_data.get_settings(s).company_name, master_data.get_settings(s).company_address) == ("", "")
    for login, display, field in (("bad\x00", "", "登录名"), ("x" * 65, "", "登录名"), ("ok", "名\x1b", "显示名")):
        with pytest.raises(ValidationError, match=field):
            master_data.add_user(sessions, ADMIN, login, "secret-123", "finance", display)
    assert _count(sessions, User) == 1


def test_bad_credit_and_batch_values(sessions, firm) -> None:
    ids = [firm["a"]]
    for term, limit, effective, field in ((-5, D("1000"), DAY, "账期"), (30, D("1e15"), DAY, "信用额度"),
                                          (30, 1000.5, DAY, "信用额度"), (30, D("1000"), date(9999, 12, 31), "生效日期"),
                                          (10**9, D("1000"), DAY, "账期"), (30, "-5", DAY, "信用额度")):
        with pytest.raises(ValidationError, match=field):
            customer_service.set_credit(sessions, MANAGER, ids, term, limit, effective, "调整")
    with pytest.raises(ValidationError, match="原因"):
        customer_service.set_credit(sessions, MANAGER, ids, 30, D("1000"), DAY, "理" * 501)
    with pytest.raises(NotFound, match="销售员"):
        customer_service.reassign(sessions, MANAGER, ids, 987654, DAY)
    with pytest.raises(ValidationError, match="生效日期"):
        customer_service.set_status(sessions, MANAGER, ids, "suspended", date(1000, 1, 1))
    with pytest.raises(NotFound, match="地区"):
        customer_service.set_attributes(sessions, MANAGER, ids, region_id=987654)
    with sessions() as s:
        c = s.get(Customer, firm["a"])
        assert (c.term_days, c.credit_limit, c.owner_id, c.status) == (30, D("100000.00"), firm["sp"], "active")


@pytest.mark.parametrize("typed", ["C0\x00", "\x00", "重庆\x01五金", "\x7f"])
def test_control_characters_in_the_search_box_find_as_if_absent(sessions, firm, typed) -> None:
    with sessions() as s:
        found = customer_list.matching_ids(s, firm["sales"], CustomerFilter(text=typed))
        assert customer_list.count(s, firm["sales"], CustomerFilter(text=typed)) == len(found)
        with_visible = customer_list.matching_ids(s, firm["sales"], CustomerFilter(text=typed.replace("\x00", "")
                                                                                   .replace("\x01", "")
                                                                                   .replace("\x7f", "")))
        assert found == with_visible


def test_control_characters_in_the_other_search_boxes_find_as_if_absent(sessions, firm) -> None:
    with sessions() as s:
        assert master_data.product_ids(s, "P0\x00") == master_data.product_ids(s, "P0") == [firm["p1"], firm["p2"]]
        assert master_data.product_ids(s, "螺\x00栓") == [firm["p1"]]
        for typed in ("XS\x00", "\x00", "0601\x1b"):
            assert orders.matching_ids(s, firm["sales"], orders.OrderFilter(number=typed)) == [firm["order"]]
            assert returns.matching_ids(s, firm["sales"], returns.ReturnFilter(number=typed)) == []


# --- the money validator: refused, or stored exactly ---------------------------------------------------------------


MONEY_INPUT = st.one_of(
    st.decimals(allow_nan=True, allow_infinity=True),
    st.decimals(min_value=-10**13, max_value=10**13, places=3),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-10**20, max_value=10**20),
    st.text(alphabet="0123456789.,-+eE _NaIfinty¥，", max_size=20),
    st.decimals(min_value=0, max_value=10**12, places=2).map(str),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=MONEY_INPUT)
def test_property_money_is_refused_or_stored_exactly(sessions, firm, value) -> None:
    from app import validate

    field = msg("validate.field.price")
    try:
        amount = validate.money(value, field)
    except ValidationError as exc:
        assert "单价" in str(exc)
        return
    assert not isinstance(value, (float, bool))  # a float is never taken: 0.1 is not 0.10
    assert isinstance(amount, Decimal) and amount.is_finite() and D(0) <= amount <= validate.MAX_MONEY
    assert amount == amount.quantize(D("0.01")) and fen_to_yuan(to_fen(amount)) == amount
    expected = D(value.replace(",", "").strip()) if isinstance(value, str) else D(value)
    assert amount == expected  # the number typed, never another one (-5 is not 5, 1e15 is not 115)
    if isinstance(value, str):
        assert not math.isnan(float(expected))
    with sessions.begin() as s:  # and the column keeps it to the fen
        s.get(Product, firm["p2"]).price = amount
    with sessions() as s:
        assert s.get(Product, firm["p2"]).price == amount
