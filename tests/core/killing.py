"""kill -9 a child process at a moment its output names, then open the database afresh as the next start would."""
from __future__ import annotations

import os
import random
import signal
import subprocess
import time
from collections.abc import Callable

from sqlalchemy import Engine, text

from app.db import make_engine


def kill_when(child: subprocess.Popen[str], now: Callable[[str], bool], what: str) -> None:
    """Read the child's output lines until `now(line)` says so, then SIGKILL it (after 0–50 ms); fails when it ends
    first (its last line is FINISHED)."""
    try:
        assert child.stdout is not None
        for line in child.stdout:
            assert line.strip() != "FINISHED", f"{what} ended before it could be killed"
            if now(line.rstrip("\n")):
                time.sleep(random.uniform(0, 0.05))
                os.kill(child.pid, signal.SIGKILL)
                break
    finally:
        if child.poll() is None:
            child.kill()
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL


def reopened(db_url: str) -> Engine:
    """The database opened afresh after the kill: on PostgreSQL once the server has rolled back the dead client's
    transaction; on SQLite with its integrity and foreign-key checks passing."""
    engine = make_engine(db_url)
    with engine.connect() as conn:
        if engine.dialect.name == "postgresql":
            deadline = time.monotonic() + 20
            while _others(conn) and time.monotonic() < deadline:
                time.sleep(0.1)
            assert _others(conn) == 0
        else:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
    return engine


def _others(conn) -> int:  # noqa: ANN001
    return int(conn.scalar(text("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                                "AND pid <> pg_backend_pid()")) or 0)
