"""Planner statistics on SQLite: every open gets them (app.db.ensure_statistics), and on an SQLite older than 3.42
none for indexes on several columns, whose IN seek-scan then loses a range bound (app.db.SEEK_SCAN_FIXED)."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from app.db import SEEK_SCAN_FIXED, ensure_statistics, make_engine, refresh_statistics

IDS = ", ".join(str(n) for n in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 15, 16, 17, 18, 20, 21, 22, 23, 24, 25,
                                 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 40))
# the returns of the demo company that showed it: (customer, date), all confirmed; two are dated on or before X
RETURNS = [(2, "2026-12-04"), (3, "2026-04-25"), (4, "2026-10-25"), (5, "2025-02-28"), (6, "2026-05-20"),
           (7, "2025-02-28"), (13, "2025-05-31"), (23, "2026-07-13"), (24, "2025-10-28"), (32, "2025-08-01"),
           (32, "2026-01-08"), (32, "2026-01-15")]
QUERY = ("SELECT count(*) FROM doc WHERE status = 'confirmed' AND date <= '2025-12-31' "
         f"AND customer_id IN ({IDS})")
RIGHT = 5


def _file(tmp_path: Path) -> Path:
    path = tmp_path / "stats.sqlite3"
    con = sqlite3.connect(path)
    # the application's column types (a DATE column has numeric affinity: part of what the bug needs)
    con.execute("CREATE TABLE doc (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL, status VARCHAR(16) NOT NULL, "
                "date DATE NOT NULL, total BIGINT NOT NULL)")
    con.execute("CREATE INDEX ix_doc_cust_status_date ON doc (customer_id, status, date, total)")
    con.execute("CREATE INDEX ix_doc_status_date ON doc (status, date)")
    con.executemany("INSERT INTO doc (customer_id, status, date, total) VALUES (?, 'confirmed', ?, 100)", RETURNS)
    con.execute("ANALYZE")  # statistics as ANALYZE writes them: '12 2 2 1 1' for the index
    con.commit()
    con.execute("PRAGMA journal_mode=WAL")  # as every file the application has opened
    con.close()
    return path


def test_the_range_bound_holds_after_an_in_list(tmp_path: Path) -> None:
    path = _file(tmp_path)
    with sqlite3.connect(path) as con:  # as ANALYZE left the file
        before = con.execute(QUERY).fetchone()[0]
    if sqlite3.sqlite_version_info[:2] == (3, 40):
        assert before == 10  # the bug: returns dated after the date counted
    elif sqlite3.sqlite_version_info >= SEEK_SCAN_FIXED:
        assert before == RIGHT
    engine = make_engine(f"sqlite:///{path}")
    with engine.connect() as first, engine.connect() as second:  # a new connection drops them before reading
        assert first.exec_driver_sql(QUERY).scalar() == second.exec_driver_sql(QUERY).scalar() == RIGHT
    ensure_statistics(engine)
    refresh_statistics(engine, full=True)  # the application's own ANALYZE: written, and the risky ones dropped
    with engine.connect() as first, engine.connect() as second:
        assert first.exec_driver_sql(QUERY).scalar() == second.exec_driver_sql(QUERY).scalar() == RIGHT
    with sqlite3.connect(path) as con:
        assert con.execute(QUERY).fetchone()[0] == RIGHT
        kept = dict(con.execute("SELECT idx, stat FROM sqlite_stat1").fetchall())
    assert ("ix_doc_cust_status_date" in kept) == (sqlite3.sqlite_version_info >= SEEK_SCAN_FIXED)
    engine.dispose()


def test_a_read_only_opening_leaves_them(tmp_path: Path) -> None:
    """A company opened read-only (open on another PC) cannot drop them: it opens all the same."""
    from app.dbfile import read_only_engine

    path = _file(tmp_path)
    engine = read_only_engine(path)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM doc").scalar() == len(RETURNS)
    engine.dispose()
    with sqlite3.connect(path) as con:
        assert con.execute("SELECT count(*) FROM sqlite_stat1 WHERE idx = 'ix_doc_cust_status_date'").fetchone()[0] == 1
