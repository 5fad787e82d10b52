"""Create or upgrade a database to the newest schema with Alembic."""
from __future__ import annotations

import logging
from pathlib import Path

# Alembic reports every step at INFO ("setup plugin …" on import, "Context impl SQLiteImpl.", "Running upgrade …").
# `crm init`, `crm demo` and the desktop (whose root logger is at INFO) must not print those: only Alembic's warnings
# and errors get through. Set before Alembic is imported, as it logs while importing. A developer who wants the steps
# lowers the "alembic" logger's level again.
logging.getLogger("alembic").setLevel(logging.WARNING)

from alembic import command  # noqa: E402
from alembic.config import Config  # noqa: E402
from alembic.runtime.migration import MigrationContext  # noqa: E402
from alembic.script import ScriptDirectory  # noqa: E402
from sqlalchemy import Engine  # noqa: E402

MIGRATIONS = Path(__file__).parent / "migrations"


def _config(connection: object | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str | None:
    return ScriptDirectory.from_config(_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine) -> None:
    """Bring the database to head; does nothing when it is there already.

    On SQLite, Alembic changes a table by copying it into a new one and dropping the old: with foreign keys
    enforced (app.db turns them on) dropping a table that other rows point at fails. So they are off while
    the migration runs (the pragma is ignored inside a transaction, hence before it) and checked afterwards:
    a violation rolls the whole upgrade back.
    """
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as conn:
        if sqlite:
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
            conn.commit()  # ends SQLAlchemy's autobegun transaction; the driver opened none for a pragma
        try:
            with conn.begin():
                command.upgrade(_config(conn), "head")
                if sqlite:
                    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise RuntimeError(f"upgrade left rows pointing nowhere: {broken[:5]}")
        finally:
            if sqlite:
                conn.exec_driver_sql("PRAGMA foreign_keys=ON")
                conn.commit()


def revision(engine: Engine, message: str) -> None:
    """Developer helper: autogenerate a new revision against `engine` (which must be at head)."""
    with engine.begin() as conn:
        command.revision(_config(conn), message=message, autogenerate=True)
