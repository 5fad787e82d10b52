"""Engine and sessions for a database URL; the one place that knows SQLite from PostgreSQL."""
from __future__ import annotations

import os
import weakref
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, Table, create_engine, event, select
from sqlalchemy.dialects.sqlite.base import SQLiteCompiler
from sqlalchemy.orm import Session, SessionTransaction, SessionTransactionOrigin, sessionmaker

import app.keys  # noqa: F401 - registers the pinyin key listeners
from app.paths import APP_NAME, default_db_path  # noqa: F401 - re-exported: where the default file lives


def _sqlite_table_hint(_compiler: SQLiteCompiler, _table: Any, text: str) -> str:
    """A statement's `with_hint(table, "INDEXED BY ix_…", "sqlite")` written after the table's name: SQLAlchemy's
    SQLite compiler drops table hints, and INDEXED BY is SQLite's one (it fails when the index is missing, so it
    names only indexes of the models and the migrations)."""
    return text


SQLiteCompiler.get_from_hint_text = _sqlite_table_hint  # type: ignore[method-assign]


def resolve_url(url: str | None = None) -> str:
    """--db, else CRM_DB, else the SQLite file in the user's data folder."""
    if url:
        return url
    if os.environ.get("CRM_DB"):
        return os.environ["CRM_DB"]
    path = default_db_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=10000")
    # No memory map, a 4 MB page cache: the operating system's file cache holds the file either way, and the reports
    # are no slower for it (benchmarks/run.py, gui.py, importing.py: equal within noise), while a 256 MB map
    # counted up to 256 MB of resident memory per pooled connection (~450 MB with every tab open, tabs.py) and
    # a 64 MB cache per connection another ~100 MB once the map was gone.
    cur.execute("PRAGMA cache_size=-4096")
    cur.execute("PRAGMA mmap_size=0")
    cur.close()
    if safe_statistics(dbapi_connection):  # statistics another program wrote, before this connection reads them
        dbapi_connection.commit()


def _busy_or_dropped(context: Any) -> None:
    """A database error the user can act on becomes a catalogue message, never SQL: SQLite's write lock held by
    another PC beyond the busy timeout (it waited 10 s), a PostgreSQL connection dropped (the pool is thrown
    away and pool_pre_ping connects again at the next action). Either way the transaction was rolled back."""
    from app.errors import DatabaseBusy, Disconnected

    orig = context.original_exception
    name = getattr(orig, "sqlite_errorname", "") or ""
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "database is locked" in str(orig):
        raise DatabaseBusy("validate.busy")
    if context.is_disconnect and context.dialect.name != "sqlite" and not context.is_pre_ping:
        raise Disconnected("validate.disconnected")


def make_engine(url: str | None = None) -> Engine:
    url = resolve_url(url)
    if url.startswith("sqlite"):
        engine = create_engine(url)
        if engine.url.database and engine.url.database != ":memory:":
            Path(engine.url.database).parent.mkdir(parents=True, exist_ok=True)  # a first run's data folder
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    event.listen(engine, "handle_error", _busy_or_dropped)
    return engine


def is_sqlite(engine_or_session: Engine | Session) -> bool:
    bind = engine_or_session.get_bind() if isinstance(engine_or_session, Session) else engine_or_session
    return bind.dialect.name == "sqlite"


def make_sessions(engine: Engine) -> sessionmaker[Session]:
    """Sessions for services. On SQLite an explicit transaction (`with sessions.begin()`: a use case that writes)
    starts with BEGIN IMMEDIATE: it takes the database's write lock before its first read, so a rule that reads
    and then writes (the credit check, allocation, numbering) sees what every other PC committed, and a second PC
    waits for the lock (busy timeout) instead of failing when it tries to write on an outdated snapshot."""
    return sessionmaker(engine, expire_on_commit=False)


@event.listens_for(Session, "after_begin")
def _sqlite_write_lock(session: Session, transaction: SessionTransaction, connection: Any) -> None:
    """Every session's explicit transaction on SQLite begins IMMEDIATE (see make_sessions)."""
    if connection.dialect.name != "sqlite" or transaction.origin is not SessionTransactionOrigin.BEGIN:
        return
    if not connection.connection.dbapi_connection.in_transaction:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def lock_rows(session: Session, table: Table, ids: Any) -> None:
    """Hold the write lock on these rows until the transaction ends, before reading what a rule decides on.

    PostgreSQL: SELECT … FOR UPDATE in id order (two PCs locking several rows never deadlock). SQLite locks the
    whole database: the use case's transaction already holds it (BEGIN IMMEDIATE); an autobegun session that has
    written nothing yet takes it now, one that has written already cannot take it late, which is a bug.
    """
    ids = sorted({int(i) for i in ids})
    if not ids:
        return
    if session.get_bind().dialect.name != "sqlite":
        session.execute(select(table.c.id).where(table.c.id.in_(ids)).order_by(table.c.id).with_for_update())
        return
    transaction = session.get_transaction()
    root = transaction.origin if transaction is not None else None
    dbapi = session.connection().connection.dbapi_connection
    if not dbapi.in_transaction:
        session.connection().exec_driver_sql("BEGIN IMMEDIATE")
        session.info["write_lock"] = id(session.get_transaction())
    elif root is not SessionTransactionOrigin.BEGIN and session.info.get("write_lock") != id(transaction):
        raise RuntimeError("lock_rows on SQLite needs a session.begin() transaction or a session that has not "
                           "written yet")


def refresh_statistics(engine: Engine, full: bool = False) -> None:
    """Let the query planner know the tables' sizes (after a bulk import or the demo, and at every login).

    Without statistics SQLite reads one customer's orders through the status/date index, i.e. every
    confirmed order (the credit check took 75 ms instead of 45 ms for a 5,000-order customer among
    300,000 orders). At login a sampled ANALYZE (`analysis_limit`) takes a few milliseconds even at
    that size; `full` reads everything. PostgreSQL's autovacuum analyses by itself, but a fresh bulk
    load benefits too.
    """
    with engine.begin() as conn:
        if engine.dialect.name == "sqlite":
            conn.exec_driver_sql(f"PRAGMA analysis_limit={0 if full else 1000}")
            conn.exec_driver_sql("ANALYZE")
            safe_statistics(conn.connection.dbapi_connection)
        elif full:
            conn.exec_driver_sql("ANALYZE")


# SQLite before 3.42 (3.40 is Debian 12's, and this machine's Python's) can lose the range bound of an index after
# an IN list on its first column once the index has planner statistics (the IN "seek-scan"): `customer_id IN (…)
# AND date <= X` over the (customer, status, date) index then counted returns dated after X — the aging proof as of a
# past date caught it. 3.42.0 answers right. The seek-scan is only planned for an index with statistics.
SEEK_SCAN_FIXED = (3, 42, 0)


def safe_statistics(dbapi_connection: Any) -> int:
    """On an SQLite older than SEEK_SCAN_FIXED: drop the planner statistics of indexes on several columns, which
    the planner then estimates as it does without any, and have this connection read the rest again; the number of
    indexes dropped. Every new connection runs it (`_sqlite_pragmas`) and so does the application's ANALYZE: a
    connection keeps the statistics it read first, so none may read them before."""
    import sqlite3

    if sqlite3.sqlite_version_info >= SEEK_SCAN_FIXED:
        return 0
    if dbapi_connection.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'").fetchone() is None:
        return 0
    several = [idx for idx, stat in dbapi_connection.execute(
        "SELECT idx, stat FROM sqlite_stat1 WHERE idx IS NOT NULL")
        if sum(1 for part in (stat or "").split() if part.isdigit()) > 2]  # the row count, then one per column
    if not several:
        return 0
    try:
        dbapi_connection.executemany("DELETE FROM sqlite_stat1 WHERE idx = ?", [(idx,) for idx in several])
    except sqlite3.OperationalError as exc:  # a file opened read-only (app.dbfile.read_only_engine): left as it is
        if "readonly" not in str(exc):
            raise
        return 0
    dbapi_connection.execute("ANALYZE sqlite_schema")  # the documented way to have them read again
    return len(several)


def ensure_statistics(engine: Engine) -> bool:
    """Give a database without planner statistics its sampled ones (a freshly imported, generated or restored file:
    without them SQLite reads one customer's orders through the status index, every confirmed order). Milliseconds;
    True when they were made."""
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            has = conn.exec_driver_sql(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'").scalar()
            if has and conn.exec_driver_sql("SELECT 1 FROM sqlite_stat1 LIMIT 1").scalar():
                return False
        else:
            missing = conn.exec_driver_sql(
                "SELECT count(*) FROM pg_stat_user_tables WHERE relname IN ('customer', 'sales_order') "
                "AND last_analyze IS NULL AND last_autoanalyze IS NULL").scalar()
            if not missing:
                return False
    refresh_statistics(engine, full=engine.dialect.name != "sqlite")
    return True


def driver_rows(session: Session, statement: Any) -> list[Any]:
    """Every row as the driver's own tuple, read straight from its cursor: no type processing (on SQLite a date is
    ISO text — `as_date` reads it; money is integer fen).

    For long lists (100,000 customers) this skips building a Row object per row: 60–80 ms instead of ~200 ms
    through the normal result. Binding and compiling still go through SQLAlchemy.
    """
    result = session.connection().execute(statement)
    try:
        return list(result.cursor.fetchall())
    finally:
        result.close()


def first_column(session: Session, statement: Any) -> list[Any]:
    """The first column of every row, read straight from the driver's cursor (see `driver_rows`)."""
    return [row[0] for row in driver_rows(session, statement)]


class _Days(dict[Any, Any]):
    """A date column's value → the date: ISO text (what SQLite hands back for the driver's rows and for an aggregate
    such as min or max over a date column) parsed once per distinct day, a date (PostgreSQL) or None as it is."""

    def __missing__(self, value: Any) -> Any:  # noqa: ANN401 - whatever the column held
        day = date.fromisoformat(value) if isinstance(value, str) else value
        if len(self) < 50_000:  # a few thousand days in practice: a list of 100,000 rows repeats them
            self[value] = day
        return day


# as_date(value): a dict lookup, no Python call per value (the reminders read ~70,000 dates at a leader's login)
as_date: Callable[[Any], Any] = _Days().__getitem__


_KEPT: weakref.WeakSet[Engine] = weakref.WeakSet()  # engines whose database has app.ledger's kept figures (one
# before that migration has not)


@event.listens_for(Session, "before_commit")
def _settle_money(session: Session) -> None:
    """Before any transaction commits, app.ledger keeps the figures of the customers whose documents it changed
    (models.ledger_cache's triggers marked them): one indexed read of an empty table when nothing changed."""
    engine = session.get_bind().engine
    if engine not in _KEPT:
        from sqlalchemy import inspect

        if not inspect(session.connection()).has_table("money_dirty"):
            return
        _KEPT.add(engine)
    from app import ledger

    session.flush()
    ledger.settle(session)
