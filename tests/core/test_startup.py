"""Opening a company's database from the desktop: a first run in a folder that does not exist yet."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app import startup
from app.errors import UserError, ValidationError


def test_first_run_in_a_missing_folder_then_company_then_login(tmp_path: Path) -> None:
    path = tmp_path / "not" / "there" / "crm.sqlite3"
    db = startup.open_database(f"sqlite:///{path}")
    assert db.state == "new" and path.parent.is_dir()
    with pytest.raises(ValidationError, match="公司名称"):
        startup.create_company(db, " ", "boss", "secret-1")
    startup.create_company(db, "重庆渝丰五金机电有限公司", "boss", "secret-1")
    again = startup.open_database(f"sqlite:///{path}")
    assert again.state == "ready" and again.short_label == "本机 crm.sqlite3"
    assert startup.login(again, "boss", "secret-1").role == "admin"
    with pytest.raises(ValidationError, match="已经有公司"):
        startup.create_company(again, "另一家", "x", "secret-2")
    db.engine.dispose()
    again.engine.dispose()


def test_unreachable_server_is_a_user_error() -> None:
    with pytest.raises(UserError, match="无法打开数据库"):
        startup.open_database("postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=2")


def test_demo_company_opens_at_the_login(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    db = startup.open_database(url)
    assert db.state == "new"
    assert startup.create_demo(db, customers=20) == startup.login(db, "admin", startup.DEMO_PASSWORD)
    again = startup.open_database(url)
    assert again.state == "ready"
    assert {startup.login(again, login, startup.DEMO_PASSWORD).role for login, *_ in startup.DEMO_USERS} == {
        "admin", "manager", "sales", "finance"}
    with pytest.raises(ValidationError, match="已经有公司"):
        startup.generate_demo(again, customers=20)
    db.engine.dispose()
    again.engine.dispose()


def test_migrations_print_nothing_under_the_desktops_logging(tmp_path: Path) -> None:
    """The desktop logs at INFO to stderr; Alembic's INFO lines (on import and per step) must not show there."""
    script = (
        "import logging, sys\n"
        "logging.basicConfig(level=logging.INFO)\n"
        "from app import startup\n"
        "db = startup.open_database(sys.argv[1])\n"
        "startup.create_company(db, '公司', 'boss', 'secret-1')\n"
        "print(startup.open_database(sys.argv[1]).state)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    result = subprocess.run([sys.executable, "-c", script, f"sqlite:///{tmp_path / 'crm.sqlite3'}"],
                            capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ready"
    assert "alembic" not in result.stderr.lower(), result.stderr
