"""Several PCs on one database: a busy SQLite file, a stale save, a dropped PostgreSQL connection.

Each ends in a catalogue message the user can act on (never SQL), nothing half-written, and the next try works:
SQLite waits for another PC's write lock (busy timeout) and says the database is busy only when it stays locked; a
save on a record someone else changed names who changed it and when; a PostgreSQL connection that drops is
reconnected at the next action."""
from __future__ import annotations

import sqlite3
import threading
import time
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import create_engine, event, func, select, text
from sqlalchemy.orm import sessionmaker

from app import customer_service, orders
from app.context import Actor
from app.customer_service import CustomerData
from app.customers import new_customer
from app.db import make_engine, make_sessions
from app.documents import LineIn
from app.errors import ConflictError, DatabaseBusy, Disconnected
from models import Base, Customer, Product, SalesOrder, Salesperson

D = Decimal
DAY = date(2026, 7, 1)
MANAGER = Actor("jingli", "manager")
ADMIN = Actor("admin", "admin")


def _seed(sessions: sessionmaker) -> dict[str, Any]:
    with sessions.begin() as s:
        sp = Salesperson(code="S01", name="小王")
        p = Product(code="P001", name="不锈钢螺栓", unit="箱", cost=D("300.00"), price=D("600.00"))
        s.add_all([sp, p])
        s.flush()
        c = new_customer(s, code="C001", name="重庆渝丰五金", created=date(2025, 1, 1), owner_id=sp.id)
        s.flush()
        return {"customer": c.id, "product": p.id, "sales": Actor("xiaoshou", "sales", sp.id)}


# --- SQLite: another PC holds the write lock -----------------------------------------------------------------


@pytest.fixture
def sqlite_file(tmp_path) -> Any:
    """A company file, the services' sessions over it with a busy timeout of 0.5 s (the desktop waits 10 s), and
    a second PC: a plain sqlite3 connection that can take the write lock."""
    path = tmp_path / "crm.sqlite3"
    engine = make_engine(f"sqlite:///{path}")

    @event.listens_for(engine, "connect")  # before the first connection, which the pool keeps
    def _short_wait(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute("PRAGMA busy_timeout=500")

    Base.metadata.create_all(engine)

    sessions = make_sessions(engine)
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    yield path, sessions, other, _seed(sessions)
    other.close()
    engine.dispose()


def _card(sessions: sessionmaker, customer_id: int) -> tuple[int, str]:
    with sessions() as s:
        c = s.get(Customer, customer_id)
        return c.version, c.name


def test_a_save_while_another_pc_holds_the_lock_says_the_database_is_busy(sqlite_file) -> None:
    _path, sessions, other, firm = sqlite_file
    version, _name = _card(sessions, firm["customer"])
    other.execute("BEGIN IMMEDIATE")  # a big import on another PC
    other.execute("UPDATE setting SET value = value")
    started = time.monotonic()
    with pytest.raises(DatabaseBusy) as refused:
        customer_service.update(sessions, MANAGER, firm["customer"], version, CustomerData("C001", "新名字"))
    waited = time.monotonic() - started
    message = str(refused.value)
    assert message.startswith("数据库正忙（另一台电脑正在写入）")
    assert "locked" not in message and "SQL" not in message and "sqlite" not in message.lower()
    assert waited >= 0.45  # it waited for the lock first (the busy timeout), then said so
    with pytest.raises(DatabaseBusy):  # an order too: every use case that writes
        orders.save_draft(sessions, firm["sales"], orders.OrderIn(firm["customer"], DAY, (
            LineIn(firm["product"], D("1"), D("600.00")),)))
    other.execute("ROLLBACK")
    assert _card(sessions, firm["customer"]) == (version, "重庆渝丰五金")  # nothing was written
    customer_service.update(sessions, MANAGER, firm["customer"], version, CustomerData("C001", "新名字"))
    assert _card(sessions, firm["customer"])[1] == "新名字"  # the next try works


def test_a_save_waits_for_a_short_lock_and_then_succeeds(sqlite_file) -> None:
    _path, sessions, other, firm = sqlite_file
    version, _name = _card(sessions, firm["customer"])
    other.execute("BEGIN IMMEDIATE")
    release = threading.Timer(0.2, lambda: other.execute("COMMIT"))
    release.start()
    customer_service.update(sessions, MANAGER, firm["customer"], version, CustomerData("C001", "等一等"))
    release.join()
    assert _card(sessions, firm["customer"]) == (version + 1, "等一等")


def test_reading_goes_on_while_another_pc_writes(sqlite_file) -> None:
    _path, sessions, other, firm = sqlite_file
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE customer SET name = '写入中'")
    assert _card(sessions, firm["customer"])[1] == "重庆渝丰五金"  # WAL: readers see the last commit, no wait
    other.execute("ROLLBACK")


# --- a stale save names who changed the record ---------------------------------------------------------------


def test_a_stale_customer_save_names_who_changed_it_and_when(sessions) -> None:
    firm = _seed(sessions)
    version, _name = _card(sessions, firm["customer"])  # opened on this PC
    customer_service.update(sessions, MANAGER, firm["customer"], version, CustomerData("C001", "经理改的名字"))
    with pytest.raises(ConflictError) as refused:
        customer_service.update(sessions, firm["sales"], firm["customer"], version, CustomerData("C001", "我的名字"))
    message = str(refused.value)
    assert "客户「C001 经理改的名字」 已被 jingli 于 " in message and "修改" in message
    assert f"{date.today():%Y-%m-%d}" in message
    assert _card(sessions, firm["customer"]) == (version + 1, "经理改的名字")


def test_a_stale_order_save_names_who_changed_it(sessions) -> None:
    firm = _seed(sessions)
    data = orders.OrderIn(firm["customer"], DAY, (LineIn(firm["product"], D("1"), D("600.00")),))
    draft = orders.save_draft(sessions, firm["sales"], data)
    orders.save_draft(sessions, MANAGER, replace(data, notes="经理改过"), draft.order_id, draft.version)
    with pytest.raises(ConflictError, match=f"销售单 {draft.number} 已被 jingli 于 "):
        orders.save_draft(sessions, firm["sales"], data, draft.order_id, draft.version)
    with sessions() as s:
        assert s.scalar(select(func.count()).select_from(SalesOrder)) == 1


def test_a_stale_save_without_an_audit_record_says_so_plainly(sessions) -> None:
    firm = _seed(sessions)  # the seed wrote no audit record
    version, _name = _card(sessions, firm["customer"])
    with sessions.begin() as s:
        s.get(Customer, firm["customer"]).name = "别处改的"
    with pytest.raises(ConflictError, match="已被其他人修改|其他人"):
        customer_service.update(sessions, MANAGER, firm["customer"], version, CustomerData("C001", "我的名字"))


# --- PostgreSQL: the connection drops ------------------------------------------------------------------------


@pytest.fixture
def pg(db_url: str) -> Any:
    if not db_url.startswith("postgresql"):
        pytest.skip("PostgreSQL only")
    engine = make_engine(db_url)
    Base.metadata.create_all(engine)
    admin = create_engine(db_url, isolation_level="AUTOCOMMIT")
    yield make_sessions(engine), admin
    admin.dispose()
    engine.dispose()


def _kill(admin: Any, pid: int) -> None:
    with admin.connect() as conn:
        assert conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid}).scalar() is True


def test_a_connection_dropped_between_actions_is_reconnected_unnoticed(pg) -> None:
    sessions, admin = pg
    firm = _seed(sessions)
    with sessions() as s:
        pid = s.scalar(text("SELECT pg_backend_pid()"))
    _kill(admin, pid)  # the server restarted, or the network dropped, while the user was reading
    cid = customer_service.create(sessions, MANAGER, CustomerData("C002", "北京华信电子"))
    with sessions() as s:
        assert s.get(Customer, cid).name == "北京华信电子" and s.scalar(text("SELECT pg_backend_pid()")) != pid
    assert firm["customer"] != cid


def test_a_connection_dropped_mid_save_says_so_and_the_next_action_works(pg) -> None:
    sessions, admin = pg
    firm = _seed(sessions)
    with pytest.raises(Disconnected) as refused, sessions.begin() as s:
        s.get(Customer, firm["customer"]).name = "写了一半"
        s.flush()
        _kill(admin, s.scalar(text("SELECT pg_backend_pid()")))
        s.execute(text("SELECT 1"))
    message = str(refused.value)
    assert message.startswith("与数据库服务器的连接中断了") and "psycopg" not in message and "SQL" not in message
    assert _card(sessions, firm["customer"])[1] == "重庆渝丰五金"  # nothing half-written
    version, _name = _card(sessions, firm["customer"])
    customer_service.update(sessions, MANAGER, firm["customer"], version, CustomerData("C001", "重连以后"))
    assert _card(sessions, firm["customer"])[1] == "重连以后"
