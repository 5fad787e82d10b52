"""Opening a company's database from the desktop: a first run in a folder that does not exist yet."""
from __future__ import annotations

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
