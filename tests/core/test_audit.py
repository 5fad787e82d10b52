"""The audit log (issue 11, item 6): every login, credit change, blacklist change, approval, owner change, archive,
import, backup and restore leaves an entry; entries cannot be changed or removed; administrators read them back by
period, login, kind and customer or document, page by page."""
from __future__ import annotations

import getpass
import io
import json
import sys
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from argon2 import PasswordHasher
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session, sessionmaker

from app import audit, auth, cli, customer_service, orders
from app.audit import AuditFilter
from app.context import Actor
from app.context import audit as write_audit
from app.customers import new_customer
from app.db import make_engine
from app.documents import LineIn
from app.errors import PermissionDenied, ValidationError
from models import AuditLog, Product, Salesperson, User
from models.system import AuditLogIsAppendOnly, replacing_audit_log

D = Decimal
TODAY = date.today()
ADMIN = Actor("boss", "admin")
MANAGER = Actor("mgr", "manager")


@pytest.fixture
def shop(sessions: sessionmaker[Session]) -> dict[str, int]:
    """Two salespeople, a product, C001 (limit 1,000, term 30) owned by S01 and C002 in the shared pool; logins."""
    with sessions.begin() as s:
        s1, s2 = Salesperson(code="S01", name="张伟"), Salesperson(code="S02", name="王芳")
        p = Product(code="P001", name="不锈钢螺栓", cost=D("60.00"), price=D("100.00"))
        s.add_all([s1, s2, p])
        s.flush()
        a = new_customer(s, code="C001", name="重庆渝丰五金", created=date(2025, 1, 1), owner_id=s1.id,
                         term_days=30, credit_limit=D("1000"))
        b = new_customer(s, code="C002", name="北京华信电子", created=date(2025, 1, 1))
        s.add(User(login="boss", role="admin", password_hash=PasswordHasher().hash("Yufeng-2026")))  # no entry
        s.flush()
        return {"s1": s1.id, "s2": s2.id, "p": p.id, "a": a.id, "b": b.id}


def _actions(sessions: sessionmaker[Session]) -> list[tuple[str, str, str, int | None]]:
    with sessions() as s:
        return [tuple(r) for r in s.execute(select(AuditLog.action, AuditLog.login, AuditLog.entity,
                                                   AuditLog.entity_id).order_by(AuditLog.id))]


def test_every_kind_of_change_the_issue_names_is_recorded(sessions: sessionmaker[Session], shop: dict[str, int]
                                                          ) -> None:
    a, b = shop["a"], shop["b"]
    with pytest.raises(ValidationError):
        auth.log_in(sessions, "boss", "wrong-one")
    auth.log_in(sessions, "boss", "Yufeng-2026")
    customer_service.set_credit(sessions, MANAGER, [a], 45, D("2000"), TODAY, "年度评审")
    customer_service.set_blacklist(sessions, MANAGER, [b], True, TODAY, "恶意拖欠")
    customer_service.reassign(sessions, MANAGER, [b], shop["s2"], TODAY, "片区调整")
    customer_service.set_status(sessions, MANAGER, [a], "suspended", TODAY, "停业整顿")
    customer_service.archive(sessions, MANAGER, [b])
    held = orders.confirm(sessions, MANAGER, orders.OrderIn(a, TODAY, (LineIn(shop["p"], D("1"), D("100.00")),)),
                          today=TODAY)
    assert held.status == "held"  # suspended
    orders.approve(sessions, MANAGER, held.order_id, held.version, "老客户，经理担保", today=TODAY)
    audit.record(sessions, Actor("cli:alice", "admin"), "backup", "database", None, file="x.crmbackup")
    audit.record(sessions, Actor("cli:alice", "admin"), "restore", "database", None, file="x.crmbackup")
    done = [(action, login) for action, login, _entity, _id in _actions(sessions)]
    assert done == [
        ("login.failed", "boss"), ("login.ok", "boss"), ("customer.credit", "mgr"), ("customer.blacklist", "mgr"),
        ("customer.reassign", "mgr"), ("customer.status", "mgr"), ("customer.archive", "mgr"),
        ("order.confirm", "mgr"), ("order.approve", "mgr"), ("backup", "cli:alice"), ("restore", "cli:alice"),
    ]
    with sessions() as s:
        for kind, action in (("login", "login.ok"), ("credit", "customer.credit"), ("blacklist", "customer.blacklist"),
                             ("owner", "customer.reassign"), ("archive", "customer.archive"),
                             ("approval", "order.approve"), ("backup", "restore")):
            found = audit.rows(s, audit.matching_ids(s, ADMIN, AuditFilter(kind=kind)))
            assert action in [r.action for r in found], kind
        approval = audit.rows(s, audit.matching_ids(s, ADMIN, AuditFilter(kind="approval")))
        assert [(r.action_title, r.target) for r in approval] == [("审批通过销售单", held.number)]
        assert "老客户，经理担保" in approval[0].detail


def test_an_import_is_recorded_with_the_os_user(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'import.sqlite3'}"
    assert cli.main(["--db", url, "init", "--company", "测试公司"]) == 0
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "销售员"
    ws.append(["工号", "姓名", "部门", "电话", "在职"])
    ws.append(["S01", "张伟", "销售一部", None, "是"])
    wb.save(tmp_path / "people.xlsx")
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert cli.main(["--db", url, "import", str(tmp_path / "people.xlsx")]) == 0, capsys.readouterr().err
    engine = make_engine(url)
    try:
        with Session(engine) as s:
            assert s.execute(select(AuditLog.action, AuditLog.login).order_by(AuditLog.id)).all() == [
                ("settings.save", f"cli:{getpass.getuser()}"), ("import", f"cli:{getpass.getuser()}")]
    finally:
        engine.dispose()


# --- append-only --------------------------------------------------------------------------------------------


def test_audit_entries_cannot_be_changed_or_removed(sessions: sessionmaker[Session], shop: dict[str, int]) -> None:
    with sessions.begin() as s:
        write_audit(s, ADMIN, "customer.credit", "customer", shop["a"], credit_limit="1000.00")
    with sessions() as s:
        entry = s.scalars(select(AuditLog)).one()
        entry.detail = "{}"
        with pytest.raises(AuditLogIsAppendOnly):
            s.flush()
        s.rollback()
        s.delete(s.scalars(select(AuditLog)).one())
        with pytest.raises(AuditLogIsAppendOnly):
            s.flush()
        s.rollback()
        with pytest.raises(AuditLogIsAppendOnly):
            s.execute(update(AuditLog).values(login="nobody"))
        with pytest.raises(AuditLogIsAppendOnly):
            s.execute(delete(AuditLog))
    with sessions() as s:
        assert s.execute(select(AuditLog.login, AuditLog.detail)).all() == [("boss", '{"credit_limit": "1000.00"}')]


@pytest.mark.parametrize("built_by", ["create_all", "migrations"])
def test_the_database_itself_refuses_changing_or_removing_entries(db_url: str, built_by: str) -> None:
    """Another program or an SQL console, past the ORM: the triggers refuse UPDATE, DELETE (and TRUNCATE on PG)."""
    from sqlalchemy import text
    from sqlalchemy.exc import DatabaseError

    from app import schema
    from models import Base

    engine = make_engine(db_url)
    try:
        if built_by == "migrations":
            schema.upgrade(engine)
        else:
            Base.metadata.create_all(engine)
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO audit_log (at, login, action, entity, detail) "
                              "VALUES ('2026-07-01 09:00:00', 'boss', 'login.ok', 'user', '{}')"))
        refused = ["UPDATE audit_log SET login = 'nobody'", "DELETE FROM audit_log"]
        if engine.dialect.name == "postgresql":
            refused.append("TRUNCATE audit_log")
        for statement in refused:
            with pytest.raises(DatabaseError, match="append-only"), engine.begin() as conn:
                conn.execute(text(statement))
        with engine.connect() as conn:
            assert conn.execute(text("SELECT login, action FROM audit_log")).all() == [("boss", "login.ok")]
        # a restore replaces the whole table inside replacing_audit_log; a failure there leaves the guard in place
        with pytest.raises(RuntimeError), engine.begin() as conn, replacing_audit_log(conn):
            conn.execute(text("DELETE FROM audit_log"))
            raise RuntimeError("the restore failed")
        with engine.begin() as conn, replacing_audit_log(conn):
            conn.execute(text("DELETE FROM audit_log"))
        with pytest.raises(DatabaseError, match="append-only"), engine.begin() as conn:
            conn.execute(text("INSERT INTO audit_log (at, login, action, entity, detail) "
                              "VALUES ('2026-07-02 09:00:00', 'x', 'login.ok', 'user', '{}')"))
            conn.execute(text("DELETE FROM audit_log"))
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM audit_log")).scalar() == 0
    finally:
        engine.dispose()


# --- reading it back -----------------------------------------------------------------------------------------


@pytest.fixture
def logged(sessions: sessionmaker[Session], shop: dict[str, int]) -> dict[str, int]:
    """Entries on three days: logins, a credit change of C001, an order of C001, a blacklist change of C002."""
    entries = [
        (datetime(2026, 6, 1, 9), Actor("boss", "admin"), "login.ok", "user", 1, {}),
        (datetime(2026, 6, 1, 9, 5), Actor("mgr", "manager"), "customer.credit", "customer", shop["a"],
         {"credit_limit": "2000.00", "reason": "年度评审"}),
        (datetime(2026, 6, 2, 10), Actor("zw", "sales"), "order.confirm", "sales_order", None,
         {"number": "XS-20260602-0001"}),
        (datetime(2026, 6, 3, 23, 59), Actor("cli:alice", "admin"), "customer.blacklist", "customer", shop["b"],
         {"blacklisted": True}),
        (datetime(2026, 6, 4, 0, 0), Actor("cli:bob", "admin"), "import", "workbook", None, {"file": "客户.xlsx"}),
    ]
    with sessions.begin() as s:
        from app.documents import add_order

        order = add_order(s, number="XS-20260602-0001", date=date(2026, 6, 2), customer_id=shop["a"],
                          lines=[LineIn(shop["p"], D("1"), D("100.00"))], status="confirmed")
        s.flush()
        for at, actor, action, entity, entity_id, detail in entries:
            s.add(AuditLog(at=at, login=actor.login, action=action, entity=entity,
                           entity_id=order.id if entity == "sales_order" else entity_id,
                           detail=json.dumps(detail, ensure_ascii=False)))
    return shop


def _found(sessions: sessionmaker[Session], flt: AuditFilter, **kw: object) -> list[str]:
    with sessions() as s:
        return [r.action for r in audit.rows(s, audit.matching_ids(s, ADMIN, flt, **kw))]  # type: ignore[arg-type]


def test_filters(sessions: sessionmaker[Session], logged: dict[str, int]) -> None:
    assert _found(sessions, AuditFilter()) == ["import", "customer.blacklist", "order.confirm", "customer.credit",
                                               "login.ok"]  # newest first
    assert _found(sessions, AuditFilter(), sort="at", descending=False)[0] == "login.ok"
    assert _found(sessions, AuditFilter(start=date(2026, 6, 2), end=date(2026, 6, 3))) == [
        "customer.blacklist", "order.confirm"]  # the end day counts to its last minute, not the next midnight
    assert _found(sessions, AuditFilter(login="cli:")) == ["import", "customer.blacklist"]
    assert _found(sessions, AuditFilter(login="mgr")) == ["customer.credit"]
    assert _found(sessions, AuditFilter(kind="credit")) == ["customer.credit"]
    assert _found(sessions, AuditFilter(kind="order")) == ["order.confirm"]
    # a customer by code, name or pinyin initials finds the entries about it and its documents
    assert _found(sessions, AuditFilter(text="C001")) == ["order.confirm", "customer.credit"]
    assert _found(sessions, AuditFilter(text="华信")) == ["customer.blacklist"]
    assert _found(sessions, AuditFilter(text="XS-20260602")) == ["order.confirm"]
    assert _found(sessions, AuditFilter(text="年度评审")) == ["customer.credit"]
    assert _found(sessions, AuditFilter(text="100%_\x00")) == []
    with pytest.raises(ValidationError, match="开始日期"):
        _found(sessions, AuditFilter(start=date(2026, 6, 3), end=date(2026, 6, 1)))
    with pytest.raises(ValidationError, match="未知"):
        _found(sessions, AuditFilter(kind="nonsense"))


def test_rows_say_what_and_whom_in_words(sessions: sessionmaker[Session], logged: dict[str, int]) -> None:
    with sessions() as s:
        ids = audit.matching_ids(s, ADMIN, AuditFilter())
        rows = {r.action: r for r in audit.rows(s, list(reversed(ids)))}
        assert [r.id for r in audit.rows(s, ids[:2])] == ids[:2]  # in the order asked
    credit = rows["customer.credit"]
    assert (credit.action_title, credit.target, credit.detail) == (
        "修改信用额度和账期", "C001 重庆渝丰五金", "信用额度: 2000.00; 原因: 年度评审")
    assert credit.value("at") == "2026-06-01 09:05:00" and credit.value("action") == "修改信用额度和账期"
    assert rows["order.confirm"].target == "XS-20260602-0001"
    assert rows["import"].target == "客户.xlsx"
    assert rows["customer.blacklist"].detail == "黑名单: 是"
    assert rows["login.ok"].target == "boss"  # the account, by its login


def test_an_edit_reads_old_to_new() -> None:
    assert audit.detail_text('{"name": ["重庆五金", "重庆渝丰五金"], "grade": [null, "A"], "ids": [3, 4], '
                             '"blacklisted": false, "x_new": 1}') == (
        "名称: 重庆五金 → 重庆渝丰五金; 等级: - → A; 客户: 3、4; 黑名单: 否; x_new: 1")


def test_only_administrators_and_managers_read_the_log(sessions: sessionmaker[Session], logged: dict[str, int]
                                                       ) -> None:
    with sessions() as s:
        assert len(audit.matching_ids(s, MANAGER, AuditFilter())) == 5
        for role in ("sales", "finance"):
            with pytest.raises(PermissionDenied, match="操作日志"):
                audit.matching_ids(s, Actor("x", role, logged["s1"] if role == "sales" else None), AuditFilter())


def test_a_hundred_thousand_entries_page_quickly(sessions: sessionmaker[Session], shop: dict[str, int]) -> None:
    """The list asks for the ids of the period, then one page of rows at a time."""
    import time

    start = datetime(2026, 1, 1)
    with sessions.begin() as s:
        s.execute(AuditLog.__table__.insert(), [
            {"at": start + timedelta(minutes=i), "login": f"user{i % 7}", "action": "customer.update",
             "entity": "customer", "entity_id": shop["a"], "detail": '{"name": ["a", "b"]}'}
            for i in range(100_000)])
    with sessions() as s:
        t0 = time.perf_counter()
        ids = audit.matching_ids(s, ADMIN, AuditFilter(start=date(2026, 1, 1), end=date(2026, 1, 30)))
        page = audit.rows(s, ids[:200])
        elapsed = time.perf_counter() - t0
    assert len(ids) == 30 * 24 * 60 and len(page) == 200
    print(f"audit: {len(ids):,} of 100,000 entries in a 30-day filter and the first page in {elapsed * 1000:.0f} ms")
    assert elapsed < 5
