"""Migrations: an empty database upgrades to head, idempotently, and head matches the ORM models."""
from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from app import schema
from app.db import make_engine
from app.pinyin import customer_keys, search_keys
from models import Base


def test_upgrade_empty_database_to_head_twice(db_url: str) -> None:
    engine = make_engine(db_url)
    assert schema.current_revision(engine) is None
    schema.upgrade(engine)
    schema.upgrade(engine)  # idempotent
    assert schema.current_revision(engine) == schema.head_revision()
    tables = set(inspect(engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    assert diff == [], f"models differ from the migrations: {diff}"
    engine.dispose()


def test_upgrade_recomputes_search_keys_of_existing_rows(db_url: str) -> None:
    """Revision a3c9e2b71d05 rewrites the keys an older version stored (customers gain their code in front)."""
    engine = make_engine(db_url)
    with engine.begin() as conn:
        command.upgrade(schema._config(conn), "f5d4a11e34d0")
        conn.execute(text("INSERT INTO customer (code, name, short_name, pinyin, mnemonic, mnemonic_edited, created, "
                          "term_days, credit_limit, status, blacklisted, archived, version) VALUES "
                          "('C9', '重庆有限公司', NULL, 'old', 'cqyxgs', false, '2026-01-01', 0, 0, 'active', false, "
                          "false, 1)"))
        conn.execute(text("INSERT INTO product (code, name, pinyin, initials, cost, price, active, version) "
                          "VALUES ('P1', '螺栓', 'old', 'ls', 0, 0, true, 1)"))
    schema.upgrade(engine)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT pinyin FROM customer")).scalar() == customer_keys("C9", "重庆有限公司", None)
        assert conn.execute(text("SELECT pinyin FROM product")).scalar() == search_keys("螺栓")
        assert conn.execute(text("SELECT mnemonic FROM customer")).scalar() == "cqyxgs"
    engine.dispose()


def test_sqlite_pragmas(tmp_path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'x.sqlite3'}")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    engine.dispose()
