"""Migrations: an empty database upgrades to head, idempotently, and head matches the ORM models."""
from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from app import schema
from app.db import make_engine
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


def test_sqlite_pragmas(tmp_path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'x.sqlite3'}")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    engine.dispose()
