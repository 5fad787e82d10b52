"""Master data use cases called as each role: code tables, salespeople, products, settings and accounts."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from app import auth, master_data
from app.context import Actor
from app.customers import new_customer
from app.errors import ConflictError, NotFound, PermissionDenied, ValidationError
from app.master_data import ProductData
from models import AuditLog, CodeEntry, Contact, FollowUp, Product, Receipt, Salesperson, User

ADMIN = Actor("boss", "admin")
MANAGER = Actor("mgr", "manager")
SALES = Actor("zw", "sales", 1)
FINANCE = Actor("acc", "finance")
D = Decimal


def _codes(sessions, kind: str, include_inactive: bool = True) -> list[tuple[str, str]]:
    with sessions() as s:
        return [(c.code, c.name) for c in master_data.list_codes(s, kind, include_inactive)]


def _actions(sessions) -> list[str]:
    with sessions() as s:
        return list(s.scalars(select(AuditLog.action).order_by(AuditLog.id)))


# --- code tables ----------------------------------------------------------------------------------------------


def test_add_edit_and_deactivate_code_entries(sessions) -> None:
    east = master_data.add_code(sessions, MANAGER, "region", "01", "华东")
    master_data.add_code(sessions, MANAGER, "region", " 02 ", " 西南 ")
    master_data.add_code(sessions, ADMIN, "region", "00", "华北")  # a smaller code still goes to the end
    master_data.add_code(sessions, ADMIN, "industry", "01", "五金")  # same code in another table is fine
    assert (east.kind, east.code, east.name, east.sort_order, east.active) == ("region", "01", "华东", 10, True)
    assert _codes(sessions, "region") == [("01", "华东"), ("02", "西南"), ("00", "华北")]

    with pytest.raises(ValidationError, match="已有编码「01」"):
        master_data.add_code(sessions, ADMIN, "region", "01", "华南")
    with pytest.raises(ValidationError, match="已有名称「西南」"):
        master_data.add_code(sessions, ADMIN, "region", "09", "西南")
    with pytest.raises(ValidationError, match="名称不能为空"):
        master_data.add_code(sessions, ADMIN, "region", "09", "  ")
    with pytest.raises(ValidationError, match="没有这个代码表"):
        master_data.add_code(sessions, ADMIN, "colour", "01", "红")

    edited = master_data.edit_code(sessions, ADMIN, east.id, east.version, "E1", "华东区")
    assert (edited.code, edited.name, edited.version) == ("E1", "华东区", east.version + 1)
    with pytest.raises(ConflictError, match="已被其他人修改"):  # a dialog opened before that edit
        master_data.edit_code(sessions, ADMIN, east.id, east.version, "E2", "华东")
    with pytest.raises(ValidationError, match="已有名称「西南」"):
        master_data.edit_code(sessions, ADMIN, east.id, edited.version, "E1", "西南")

    off = master_data.set_active(sessions, ADMIN, east.id, False)
    assert off.active is False
    assert _codes(sessions, "region", include_inactive=False) == [("02", "西南"), ("00", "华北")]
    assert _codes(sessions, "region")[0] == ("E1", "华东区")  # still listed, in its place
    assert master_data.set_active(sessions, ADMIN, east.id, True).active is True
    assert _actions(sessions) == ["code.add"] * 4 + ["code.edit", "code.disable", "code.enable"]


def test_move_and_reorder_set_the_order_everyone_uses(sessions) -> None:
    ids = [master_data.add_code(sessions, ADMIN, "payment_method", c, n).id
           for c, n in (("1", "现金"), ("2", "转账"), ("3", "承兑汇票"), ("4", "微信"))]
    moved = master_data.move_code(sessions, ADMIN, ids[2], up=True)
    assert [c.name for c in moved] == ["现金", "承兑汇票", "转账", "微信"]
    assert [c.sort_order for c in moved] == [10, 20, 30, 40]
    master_data.move_code(sessions, ADMIN, ids[0], up=True)  # already first: nothing changes
    master_data.move_code(sessions, ADMIN, ids[3], up=False)  # already last
    assert [n for _c, n in _codes(sessions, "payment_method")] == ["现金", "承兑汇票", "转账", "微信"]
    master_data.move_code(sessions, ADMIN, ids[0], up=False)
    assert [n for _c, n in _codes(sessions, "payment_method")] == ["承兑汇票", "现金", "转账", "微信"]

    master_data.reorder(sessions, ADMIN, "payment_method", [ids[3], ids[1], ids[0], ids[2]])
    assert [n for _c, n in _codes(sessions, "payment_method")] == ["微信", "转账", "现金", "承兑汇票"]
    with pytest.raises(ConflictError, match="刷新后再排序"):  # someone added an entry meanwhile
        master_data.reorder(sessions, ADMIN, "payment_method", ids[:3])
    with pytest.raises(ConflictError):
        master_data.reorder(sessions, ADMIN, "payment_method", [ids[0], ids[0], ids[1], ids[2]])


def test_delete_only_unused_entries(sessions) -> None:
    kinds = ("customer_type", "region", "industry", "position", "product_category", "payment_method",
             "followup_method")
    entry = {k: master_data.add_code(sessions, ADMIN, k, "01", f"{k}-used").id for k in kinds}
    spare = master_data.add_code(sessions, ADMIN, "region", "99", "备用")
    with sessions.begin() as s:
        c = new_customer(s, code="C001", name="重庆渝丰五金", created=date(2025, 1, 1), type_id=entry["customer_type"],
                         region_id=entry["region"], industry_id=entry["industry"])
        new_customer(s, code="C002", name="成都蓉城建材", created=date(2025, 1, 1), region_id=entry["region"])
        s.add_all([
            Contact(customer_id=c.id, name="王经理", position_id=entry["position"]),
            Product(code="P1", name="螺栓", category_id=entry["product_category"]),
            Receipt(number="SK1", date=date(2025, 2, 1), customer_id=c.id, amount=D("10.00"),
                    method_id=entry["payment_method"]),
            FollowUp(customer_id=c.id, date=date(2025, 2, 1), method_id=entry["followup_method"]),
        ])
    with sessions() as s:
        assert master_data.code_usage(s, entry["region"]) == {"客户": 2}
        assert master_data.code_usage(s, spare.id) == {}
    with pytest.raises(ValidationError, match=r"「region-used」已被使用（客户 2 条），只能停用"):
        master_data.delete_code(sessions, ADMIN, entry["region"])
    for kind, what in (("customer_type", "客户 1 条"), ("industry", "客户 1 条"), ("position", "联系人 1 条"),
                       ("product_category", "商品 1 条"), ("payment_method", "收款单 1 条"),
                       ("followup_method", "跟进记录 1 条")):
        with pytest.raises(ValidationError, match=f"（{what}），只能停用"):
            master_data.delete_code(sessions, ADMIN, entry[kind])
    master_data.set_active(sessions, ADMIN, entry["region"], False)  # what to do instead

    master_data.delete_code(sessions, ADMIN, spare.id)
    assert _codes(sessions, "region") == [("01", "region-used")]
    with pytest.raises(NotFound):
        master_data.delete_code(sessions, ADMIN, spare.id)
    assert _actions(sessions)[-2:] == ["code.disable", "code.delete"]


@pytest.mark.parametrize("actor", [SALES, FINANCE], ids=["sales", "finance"])
def test_sales_and_finance_cannot_edit_master_data(sessions, actor) -> None:
    entry = master_data.add_code(sessions, MANAGER, "region", "01", "华东")
    sp = master_data.add_salesperson(sessions, MANAGER, "S01", "张伟")
    product = master_data.add_product(sessions, MANAGER, ProductData("P1", "螺栓", price=D("1.00")))
    refused = [
        lambda: master_data.add_code(sessions, actor, "region", "02", "西南"),
        lambda: master_data.edit_code(sessions, actor, entry.id, entry.version, "01", "华东区"),
        lambda: master_data.set_active(sessions, actor, entry.id, False),
        lambda: master_data.move_code(sessions, actor, entry.id, up=False),
        lambda: master_data.reorder(sessions, actor, "region", [entry.id]),
        lambda: master_data.delete_code(sessions, actor, entry.id),
        lambda: master_data.add_salesperson(sessions, actor, "S02", "李娜"),
        lambda: master_data.edit_salesperson(sessions, actor, sp.id, sp.version, "S01", "张三"),
        lambda: master_data.set_employed(sessions, actor, sp.id, False),
        lambda: master_data.add_product(sessions, actor, ProductData("P2", "螺母")),
        lambda: master_data.edit_product(sessions, actor, product.id, product.version, ProductData("P1", "x")),
        lambda: master_data.set_product_active(sessions, actor, product.id, False),
        lambda: master_data.save_settings(sessions, actor, company_name="x"),
        lambda: master_data.add_user(sessions, actor, "new", "secret-1", "finance"),
    ]
    for call in refused:
        with pytest.raises(PermissionDenied, match="没有"):
            call()
    assert _codes(sessions, "region") == [("01", "华东")]
    with sessions() as s:
        assert [p.name for p in master_data.list_salespeople(s)] == ["张伟"]
        assert [p.name for p in master_data.list_products(s)] == ["螺栓"]
        assert s.scalar(select(Product.active)) is True


def test_only_admin_edits_settings_and_users(sessions) -> None:
    with sessions.begin() as s:
        auth.add_user(s, ADMIN, "boss", "secret-1", "admin")
    for call in (lambda: master_data.save_settings(sessions, MANAGER, company_name="x"),
                 lambda: master_data.add_user(sessions, MANAGER, "new", "secret-1", "finance"),
                 lambda: master_data.reset_password(sessions, MANAGER, "boss", "secret-2"),
                 lambda: master_data.disable_user(sessions, MANAGER, "boss"),
                 lambda: master_data.enable_user(sessions, MANAGER, "boss")):
        with pytest.raises(PermissionDenied, match="经理"):
            call()
    with sessions() as s, pytest.raises(PermissionDenied, match="管理登录账户"):
        master_data.list_users(s, MANAGER)


# --- salespeople ----------------------------------------------------------------------------------------------


def test_salespeople_add_edit_leave(sessions) -> None:
    zw = master_data.add_salesperson(sessions, MANAGER, "S01", "张伟", " 华东销售部 ", "13800000001")
    ln = master_data.add_salesperson(sessions, MANAGER, "S02", "李娜", phone=" ")
    assert (zw.code, zw.name, zw.department, zw.phone, zw.employed) == ("S01", "张伟", "华东销售部", "13800000001", True)
    assert ln.department is None and ln.phone is None
    with pytest.raises(ValidationError, match="工号「S01」已存在"):
        master_data.add_salesperson(sessions, MANAGER, "S01", "王强")
    with pytest.raises(ValidationError, match="姓名不能为空"):
        master_data.add_salesperson(sessions, MANAGER, "S03", "")
    with sessions.begin() as s:
        for i in range(3):
            new_customer(s, code=f"C{i}", name=f"客户{i}", created=date(2025, 1, 1), owner_id=zw.id)
        new_customer(s, code="C9", name="共享客户", created=date(2025, 1, 1))

    edited = master_data.edit_salesperson(sessions, MANAGER, zw.id, zw.version, "S01", "张伟伟", "华东销售部", None)
    assert (edited.name, edited.phone, edited.version) == ("张伟伟", None, zw.version + 1)
    with sessions() as s:  # the pinyin keys follow the new name
        assert s.get(Salesperson, zw.id).initials == "zww"
    with pytest.raises(ConflictError, match="已被其他人修改"):
        master_data.edit_salesperson(sessions, MANAGER, zw.id, zw.version, "S01", "张伟", None, None)
    with pytest.raises(ValidationError, match="工号「S02」已存在"):
        master_data.edit_salesperson(sessions, MANAGER, zw.id, edited.version, "S02", "张伟伟")

    assert master_data.set_employed(sessions, ADMIN, ln.id, False).employed is False
    with sessions() as s:
        everyone = master_data.list_salespeople(s)
        assert [(p.code, p.name, p.employed, p.customers) for p in everyone] == [
            ("S01", "张伟伟", True, 3), ("S02", "李娜", False, 0)]
        assert [p.code for p in master_data.list_salespeople(s, include_former=False)] == ["S01"]
    assert master_data.set_employed(sessions, ADMIN, ln.id, True).employed is True
    with pytest.raises(NotFound):
        master_data.set_employed(sessions, ADMIN, 9999, True)


# --- products -------------------------------------------------------------------------------------------------


def test_products_add_edit_deactivate_and_cost_visibility(sessions) -> None:
    cat = master_data.add_code(sessions, ADMIN, "product_category", "01", "紧固件")
    region = master_data.add_code(sessions, ADMIN, "region", "01", "华东")
    bolt = master_data.add_product(sessions, MANAGER, ProductData(
        "P001", "六角螺栓", "M8×30", "个", cat.id, D("0.35"), D("0.80")))
    assert (bolt.category, bolt.cost, bolt.price, bolt.active) == ("紧固件", D("0.35"), D("0.80"), True)
    for data, message in ((ProductData("P001", "重复"), "商品编码「P001」已存在"),
                          (ProductData("P002", ""), "商品名称不能为空"),
                          (ProductData("P002", "x", cost=0.35), "成本价必须是金额"),  # type: ignore[arg-type]
                          (ProductData("P002", "x", price=D("-1")), "销售价不能为负数"),
                          (ProductData("P002", "x", price=D("1.005")), "最多保留两位小数"),
                          (ProductData("P002", "x", category_id=region.id), "有效的商品类别")):
        with pytest.raises(ValidationError, match=message):
            master_data.add_product(sessions, ADMIN, data)

    edited = master_data.edit_product(sessions, ADMIN, bolt.id, bolt.version, ProductData(
        "P001", "六角螺栓", "M8×30", "个", cat.id, D("0.40"), "1,200.50"))  # type: ignore[arg-type] - text from a form
    assert (edited.cost, edited.price, edited.version) == (D("0.40"), D("1200.50"), bolt.version + 1)
    with pytest.raises(ConflictError, match="已被其他人修改"):
        master_data.edit_product(sessions, ADMIN, bolt.id, bolt.version, ProductData("P001", "螺栓"))
    with sessions() as s:
        assert s.get(Product, bolt.id).cost == D("0.40")
        assert master_data.list_products(s, actor=ADMIN)[0].cost == D("0.40")
        assert master_data.list_products(s, actor=FINANCE)[0].cost == D("0.40")
        hidden = master_data.list_products(s, actor=SALES)[0]
        assert hidden.cost is None and hidden.price == D("1200.50")
        assert master_data.product_rows(s, [bolt.id])[0].cost is None  # no actor: no cost

    kept = master_data.edit_product(sessions, ADMIN, bolt.id, edited.version, ProductData(
        "P001", "六角螺栓", "M8×30", "个", cat.id, None, D("1.10")))  # a form without the cost field
    assert (kept.cost, kept.price) == (D("0.40"), D("1.10"))
    assert master_data.add_product(sessions, ADMIN, ProductData("P009", "垫片", cost=None)).cost == D("0.00")

    off = master_data.set_product_active(sessions, ADMIN, bolt.id, False)
    assert off.active is False
    with sessions() as s:
        assert master_data.count_products(s) == 2
        assert master_data.count_products(s, include_inactive=False) == 1
    assert _actions(sessions)[-4:] == ["product.edit", "product.edit", "product.add", "product.disable"]


def test_product_search_and_paging(sessions) -> None:
    names = ["六角螺栓", "不锈钢螺母", "平垫圈", "弹簧垫圈", "膨胀螺丝"]
    with sessions.begin() as s:
        for i, name in enumerate(names, start=1):
            s.add(Product(code=f"P{i:03d}", name=name, spec="M8" if i % 2 else "M10", price=D(i)))
    with sessions() as s:
        assert master_data.count_products(s) == 5
        assert [p.code for p in master_data.list_products(s, "", 1, 2)] == ["P002", "P003"]
        assert [p.name for p in master_data.list_products(s, "dq")] == ["平垫圈", "弹簧垫圈"]  # initials
        assert [p.name for p in master_data.list_products(s, "luo")] == ["六角螺栓", "不锈钢螺母", "膨胀螺丝"]
        assert [p.name for p in master_data.list_products(s, "垫圈")] == ["平垫圈", "弹簧垫圈"]
        assert [p.code for p in master_data.list_products(s, "p00")] == ["P001", "P002", "P003", "P004", "P005"]
        assert master_data.count_products(s, "m10") == 2  # spec, case-insensitive
        assert master_data.count_products(s, "100%") == 0
        ids = master_data.product_ids(s, "luo")
        rows = master_data.product_rows(s, list(reversed(ids)), ADMIN)
        assert [r.code for r in rows] == ["P005", "P002", "P001"]


# --- settings and accounts ------------------------------------------------------------------------------------


def test_company_settings(sessions) -> None:
    with sessions() as s:
        assert master_data.get_settings(s).sales_credit == "owner"
        assert master_data.get_settings(s).dormant_days == 90
    saved = master_data.save_settings(sessions, ADMIN, company_name=" 渝丰五金 ", company_address="重庆市渝中区",
                                      sales_credit="handler", dormant_days=120)
    assert (saved.company_name, saved.company_address, saved.sales_credit, saved.dormant_days) == (
        "渝丰五金", "重庆市渝中区", "handler", 120)
    with sessions() as s:
        assert master_data.get_settings(s) == saved
    for values, message in (({"sales_credit": "boss"}, "业绩归属"), ({"dormant_days": 0}, "沉睡天数"),
                            ({"dormant_days": "90"}, "沉睡天数"), ({"company_name": " "}, "公司名称不能为空"),
                            ({"colour": "red"}, "未知的设置项")):
        with pytest.raises(ValidationError, match=message):
            master_data.save_settings(sessions, ADMIN, **values)
    with sessions() as s:
        assert master_data.get_settings(s) == saved
        detail = s.scalar(select(AuditLog.detail).where(AuditLog.action == "settings.save"))
        assert '"dormant_days": [90, 120]' in detail


def test_user_accounts(sessions) -> None:
    sp = master_data.add_salesperson(sessions, ADMIN, "S01", "张伟")
    with sessions.begin() as s:
        auth.add_user(s, ADMIN, "boss", "secret-1", "admin")
    info = master_data.add_user(sessions, ADMIN, "zw", "secret-2", "sales", "张伟", sp.code)
    assert (info.login, info.role, info.salesperson_code, info.active) == ("zw", "sales", "S01", True)
    with pytest.raises(ValidationError, match="已存在"):
        master_data.add_user(sessions, ADMIN, "zw", "secret-2", "finance")
    master_data.reset_password(sessions, ADMIN, "zw", "secret-3")
    with sessions() as s:
        assert auth.authenticate(s, "zw", "secret-3") == Actor("zw", "sales", sp.id)
    with pytest.raises(ValidationError, match="自己"):
        master_data.disable_user(sessions, ADMIN, "boss")
    master_data.disable_user(sessions, ADMIN, "zw")
    with sessions() as s:
        assert [(u.login, u.active) for u in master_data.list_users(s, ADMIN)] == [("boss", True), ("zw", False)]
    master_data.enable_user(sessions, ADMIN, "zw")
    with sessions() as s:
        assert s.scalar(select(User.active).where(User.login == "zw")) is True
    with pytest.raises(NotFound):
        master_data.enable_user(sessions, ADMIN, "ghost")
    assert _actions(sessions)[-4:] == ["user.add", "user.passwd", "user.disable", "user.enable"]

    zw = Actor("zw", "sales", sp.id)  # anyone changes their own password, knowing the old one
    with pytest.raises(ValidationError, match="原密码不正确"):
        master_data.change_own_password(sessions, zw, "wrong-one", "secret-4")
    with pytest.raises(ValidationError, match="至少"):
        master_data.change_own_password(sessions, zw, "secret-3", "123")
    master_data.change_own_password(sessions, zw, "secret-3", "secret-4")
    with sessions() as s:
        assert auth.authenticate(s, "zw", "secret-4").login == "zw"
    with pytest.raises(PermissionDenied):  # but not someone else's
        master_data.reset_password(sessions, zw, "boss", "secret-5")


def test_entries_seen_by_other_modules_in_the_same_order(sessions) -> None:
    """The customer import's get-or-create appends after the entries users ordered."""
    from app.customers import code_entry

    a = master_data.add_code(sessions, ADMIN, "customer_type", "A", "经销商")
    master_data.add_code(sessions, ADMIN, "customer_type", "B", "终端")
    master_data.move_code(sessions, ADMIN, a.id, up=False)
    with sessions.begin() as s:
        code_entry(s, "customer_type", "工程商")
    with sessions() as s:
        assert [c.name for c in master_data.list_codes(s, "customer_type")] == ["终端", "经销商", "工程商"]
        assert s.scalar(select(CodeEntry.code).where(CodeEntry.name == "工程商")) == "003"


def test_next_code_suggestion() -> None:
    assert master_data.next_code([]) == "01"
    assert master_data.next_code(["01", "02", "07"]) == "08"
    assert master_data.next_code(["001", "A1", "99"]) == "100"
    assert master_data.next_code(["A", "B"]) == "03"
    assert master_data.next_code(["S001", "S009", "X"]) == "S010"
