"""A desktop session whose login is disabled or changed elsewhere (another PC, the CLI) is signed out at its next
action: the catalogue message once, whichever view asked, the window put away and the login asked again."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QTimer

from app import auth, master_data
from app.context import Actor
from app.customer_service import CustomerData
from app.customers import new_customer
from models import Salesperson

BOSS = Actor("boss", "admin")


def _sales_login(company_db) -> Actor:  # noqa: ANN001
    with company_db.sessions.begin() as s:
        sp = Salesperson(code="S01", name="张伟")
        s.add(sp)
        s.flush()
        new_customer(s, code="C001", name="重庆渝丰五金", created=date(2025, 1, 1), owner_id=sp.id)
    master_data.add_user(company_db.sessions, BOSS, "zw", "Zhangwei-26", "sales", "张伟", "S01")
    return auth.log_in(company_db.sessions, "zw", "Zhangwei-26")


def test_a_disabled_login_is_signed_out_at_its_next_action(qtbot, make_ctx, company_db) -> None:  # noqa: ANN001
    from app import customer_list, customer_service
    from app.customer_list import CustomerFilter

    zw = _sales_login(company_db)
    ctx = make_ctx(zw)
    said: list[str] = []
    failed: list[Exception] = []
    ctx.signed_out.connect(lambda exc: said.append(str(exc)))
    got: list[object] = []
    ctx.query(customer_list.matching_ids, CustomerFilter(), done=got.append, owner=ctx)
    qtbot.waitUntil(lambda: len(got) == 1, timeout=5000)  # still signed in: works

    master_data.disable_user(company_db.sessions, BOSS, "zw")  # on another PC
    ctx.query(customer_list.matching_ids, CustomerFilter(), done=got.append, failed=failed.append, owner=ctx)
    ctx.op(customer_service.create, CustomerData(code="C002", name="新客户"), failed=failed.append, owner=ctx)
    qtbot.waitUntil(lambda: bool(said), timeout=5000)
    assert ctx.tasks.wait(5000)
    qtbot.wait(50)
    assert said == ["您的登录账户已被停用或修改（角色或密码），请重新登录"]  # once, for both
    assert failed == [] and len(got) == 1
    with company_db.sessions() as s:
        assert customer_list.count(s, BOSS, CustomerFilter()) == 1  # the op did not run


def test_ones_own_new_password_keeps_the_session(qtbot, make_ctx, company_db) -> None:  # noqa: ANN001
    zw = _sales_login(company_db)
    ctx = make_ctx(zw)
    said: list[str] = []
    ctx.signed_out.connect(lambda exc: said.append(str(exc)))
    done: list[object] = []
    ctx.op(master_data.change_own_password, "Zhangwei-26", "Zhangwei-27", done=done.append, owner=ctx)
    qtbot.waitUntil(lambda: len(done) == 1, timeout=10000)
    assert ctx.actor.stamp != zw.stamp
    with company_db.sessions() as s:
        auth.check_signed_in(s, ctx.actor)
    # a reset by the administrator (not this session) signs it out
    master_data.reset_password(company_db.sessions, BOSS, "zw", "Zhangwei-28")
    ctx.query(lambda s, a: 1, done=done.append, owner=ctx)
    qtbot.waitUntil(lambda: bool(said), timeout=5000)


def test_the_window_asks_for_a_login_again(qtbot, company_db, answers, shot) -> None:  # noqa: ANN001
    from ui.main import main_window

    zw = _sales_login(company_db)
    window = main_window(company_db, zw)
    qtbot.addWidget(window)
    answers.default = True
    with company_db.sessions.begin() as s:
        from sqlalchemy import select

        from models import User

        s.scalar(select(User).where(User.login == "zw")).role = "finance"  # the administrator changed the role

    def log_in_again() -> None:
        dialog = window.property("relogin_dialog")
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(50, log_in_again)
            return
        shot(dialog, "relogin")
        assert dialog.login.text() == "zw"  # filled in: only the password to type
        dialog.password.setText("Zhangwei-26")
        dialog.try_login()

    QTimer.singleShot(50, log_in_again)
    window.ctx.query(lambda s, a: 1, done=lambda _r: None, owner=window.ctx)
    qtbot.waitUntil(lambda: getattr(window, "successor", None) is not None, timeout=20000)
    new = window.successor
    qtbot.addWidget(new)
    assert answers.texts() == ["您的登录账户已被停用或修改（角色或密码），请重新登录"]
    assert not window.isVisible() and new.isVisible()
    assert (new.ctx.actor.login, new.ctx.actor.role) == ("zw", "finance")  # the new role from now on
    new.close()
