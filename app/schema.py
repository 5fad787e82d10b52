"""Create or upgrade a database to the newest schema with Alembic.

Knowing whether an upgrade is due costs no Alembic import (0.16 s): the head revision is read from the migration
files' `revision` / `down_revision` lines and the database's from its alembic_version table; Alembic itself is
imported only to upgrade.
"""
from __future__ import annotations

import functools
import logging
import re
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, inspect, text

# Alembic reports every step at INFO ("setup plugin …" on import, "Context impl SQLiteImpl.", "Running upgrade …").
# `crm init`, `crm demo` and the desktop (whose root logger is at INFO) must not print those: only Alembic's warnings
# and errors get through. Set before Alembic is imported, as it logs while importing. A developer who wants the steps
# lowers the "alembic" logger's level again.
logging.getLogger("alembic").setLevel(logging.WARNING)

MIGRATIONS = Path(__file__).parent / "migrations"
_ASSIGNED = re.compile(r"^(revision|down_revision)\s*(?::[^=]*)?=\s*['\"]?([\w]+)?['\"]?", re.M)


def _config(connection: object | None = None) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


@functools.cache
def head_revision() -> str | None:
    """The newest migration: the one no other migration names as its down revision."""
    revisions, downs = set(), set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        found = dict((key, value) for key, value in _ASSIGNED.findall(path.read_text(encoding="utf-8")))
        if found.get("revision"):
            revisions.add(found["revision"])
            if found.get("down_revision") and found["down_revision"] != "None":
                downs.add(found["down_revision"])
    heads = revisions - downs
    if len(heads) != 1:
        raise RuntimeError(f"the migrations have {len(heads)} heads: {sorted(heads)}")
    return heads.pop()


def current_revision(engine: Engine) -> str | None:
    """The database's schema revision (None: no schema yet)."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


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
            from alembic import command

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
    _keep_marked(engine)


def _keep_marked(engine: Engine) -> None:
    """The figures app.ledger keeps, for the customers a migration marked (all of them, the first time): here, while
    the upgrade is shown, not at the first save after it."""
    from sqlalchemy.orm import Session

    from app import ledger

    with Session(engine) as session, session.begin():
        ledger.settle(session)


def revision(engine: Engine, message: str) -> None:
    """Developer helper: autogenerate a new revision against `engine` (which must be at head)."""
    from alembic import command

    with engine.begin() as conn:
        command.revision(_config(conn), message=message, autogenerate=True)
