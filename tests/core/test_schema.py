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
        # documents pointing at each other: SQLite copies sales_order to add its new columns
        conn.execute(text("INSERT INTO sales_order (number, date, customer_id, status, term_days, due_date, total, "
                          "cost_total, created_by, version) SELECT 'XS-1', '2026-01-02', id, 'confirmed', 0, "
                          "'2026-01-02', 1000, 600, 'x', 1 FROM customer"))
        conn.execute(text("INSERT INTO order_line (order_id, line_no, product_id, qty, price, unit_cost, amount, cost) "
                          "SELECT o.id, 1, p.id, 1000, 1000, 600, 1000, 600 FROM sales_order o, product p"))
        conn.execute(text("INSERT INTO receipt (number, date, customer_id, amount, order_id, status, created_by, "
                          "version) SELECT 'SK-1', '2026-01-03', customer_id, 1000, id, 'confirmed', 'x', 1 "
                          "FROM sales_order"))
    schema.upgrade(engine)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT pinyin FROM customer")).scalar() == customer_keys("C9", "重庆有限公司", None)
        assert conn.execute(text("SELECT pinyin FROM product")).scalar() == search_keys("螺栓")
        assert conn.execute(text("SELECT mnemonic FROM customer")).scalar() == "cqyxgs"
        assert conn.execute(text("SELECT cash_amount, cancelled_from FROM sales_order")).one() == (0, None)
        assert conn.execute(text("SELECT count(*) FROM order_line")).scalar() == 1
    engine.dispose()


def test_sqlite_pragmas(tmp_path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'x.sqlite3'}")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    engine.dispose()


def test_the_head_read_from_the_files_is_alembics() -> None:
    from alembic.script import ScriptDirectory

    assert schema.head_revision() == ScriptDirectory.from_config(schema._config()).get_current_head()
