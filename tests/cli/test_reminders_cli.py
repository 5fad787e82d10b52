"""`crm reminders --user LOGIN [--as-of D] [--json]`: CONTRACT.md's JSON, per login, as text, and its errors."""
from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy.orm import Session

from app import auth, reminders
from app.context import SYSTEM
from app.db import make_engine
from models import Salesperson
from tests.cli.test_cli import crm, crm_process
from tests.core.builders import Book

D = Decimal
ON = "2026-06-24"


@pytest.fixture
def shop_db(db_url: str) -> str:
    """S1's customer C1 owes 1,000.00 due 10 days before ON; pool customer C2 has a held order of 800.00."""
    assert crm("init", "--company", "测试公司", db=db_url).returncode == 0
    engine = make_engine(db_url)
    with Session(engine) as s, s.begin():
        sp = Salesperson(code="S1", name="张伟")
        s.add(sp)
        s.flush()
        book = Book(s)
        c1 = book.customer("C1", date(2025, 1, 1), owner_id=sp.id, term_days=30, credit_limit=D("5000"))
        c2 = book.customer("C2", date(2025, 1, 1))
        s.flush()
        book.order(c1, date(2026, 5, 15), "1000.00", number="XS-20260515-0001")
        book.order(c2, date(2026, 6, 20), "800.00", status="held", number="XS-20260620-0001")
        for login, role, salesperson in (("boss", "admin", None), ("zw", "sales", "S1"), ("acc", "finance", None)):
            auth.add_user(s, SYSTEM, login, "secret-1", role, login, salesperson)
    engine.dispose()
    return db_url


def test_json_per_login_as_the_contract_says(shop_db: str) -> None:
    result = crm("reminders", "--user", "zw", "--as-of", ON, "--json", db=shop_db)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["items"] == [
        {"kind": "OVERDUE", "customer_code": "C1", "document": None, "amount": "1000.00", "days": 10,
         "message": "过期欠款 1000.00 元，最早的已过期 10 天"}]
    assert data["user"] == "zw" and data["as_of"] == ON
    assert data["counts"] == {"OVERDUE": 1, "DUE_SOON": 0, "NEAR_LIMIT": 0, "HELD": 0, "DORMANT": 0,
                              "FOLLOW_UP_DUE": 0, "VISIT_DUE": 0, "BIRTHDAY": 0}
    boss = json.loads(crm("reminders", "--user", "boss", "--as-of", ON, "--json", db=shop_db).stdout)
    held = [i for i in boss["items"] if i["kind"] == "HELD"]
    assert held == [{"kind": "HELD", "customer_code": "C2", "document": "XS-20260620-0001", "amount": "800.00",
                     "days": 4, "message": "销售单 XS-20260620-0001（800.00 元）待审批，已等待 4 天"}]
    # never visited: C1 ranks first by revenue (suggested A, a leader visits), C2 is a pool customer (C, the leaders)
    visits = [(i["customer_code"], i["days"]) for i in boss["items"] if i["kind"] == "VISIT_DUE"]
    assert visits == [("C1", None), ("C2", None)]
    finance = json.loads(crm("reminders", "--user", "acc", "--as-of", ON, "--json", db=shop_db).stdout)
    assert [i["kind"] for i in finance["items"]] == ["OVERDUE"] and finance["counts"]["HELD"] == 0


def test_json_equals_the_core_and_sorts_like_every_row(shop_db: str) -> None:
    data = json.loads(crm("reminders", "--user", "boss", "--as-of", ON, "--json", db=shop_db).stdout)
    engine = make_engine(shop_db)
    with Session(engine) as s:
        assert data == reminders.for_login(s, "boss", date(2026, 6, 24)).to_json()
    engine.dispose()
    keys = [(i["kind"], i["customer_code"], i["document"] or "") for i in data["items"]]
    assert keys == sorted(keys) and len(keys) == sum(data["counts"].values())


def test_text_output(shop_db: str) -> None:
    result = crm("reminders", "--user", "zw", "--as-of", ON, db=shop_db)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines == ["zw 截至 2026-06-24 的提醒：共 1 条", "", "过期欠款（1）",
                     "  C1 客户C1：过期欠款 1000.00 元，最早的已过期 10 天"]


def test_errors(shop_db: str, tmp_path) -> None:
    unknown = crm("reminders", "--user", "nobody", "--json", db=shop_db)
    assert (unknown.returncode, unknown.stdout) == (1, "")
    assert "nobody" in unknown.stderr and "Traceback" not in unknown.stderr
    assert crm("reminders", db=shop_db).returncode == 2  # --user is required
    assert crm("reminders", "--user", "zw", "--as-of", "2026-13-01", db=shop_db).returncode == 2
    fresh = crm("reminders", "--user", "zw", db=f"sqlite:///{tmp_path / 'none.sqlite3'}")
    assert fresh.returncode == 1 and "crm init" in fresh.stderr


def test_real_entry_point(shop_db: str) -> None:
    if not shop_db.startswith("sqlite"):
        pytest.skip("one process run is enough")
    done = crm_process("reminders", "--user", "acc", "--as-of", ON, "--json", db=shop_db)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["counts"]["OVERDUE"] == 1
