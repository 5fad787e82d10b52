"""Time every login's reminders (app.reminders.reminders_for) on the 100,000-customer benchmark company.

Usage: PYTHONPATH=. .venv/bin/python benchmarks/reminders.py [--db benchmarks/data/bench.sqlite3] [--repeat 3]
       [--seed 1] [--work DIR]

The benchmark file has no follow-ups, contacts, after-sales follow-ups or logins, and is one schema revision
behind: it is copied to a work folder (the shared file is never written), upgraded by the application's migrations,
and given a year of customer care, as a firm that has used the desktop for a year would have — 150,000 contacts
(80 % with a birthday), 200,000 follow-ups (a third of them visits, most with a next date), the four after-sales
follow-ups of every order of the last 400 days (done when a follow-up came on or after them) — and five logins: the
administrator, a manager, an accountant, the salesperson with the most customers and one with a median number.
Then the sampled ANALYZE every login runs. For each login (first run, then best of --repeat):
- the panel (offscreen Qt, the desktop's ReminderPanel): from its refresh after login to its tree filled on the GUI
  thread — the counts of every kind, the kinds with few reminders worded and open (target ≤ 0.5 s);
- opening its biggest kind: worded in the background and its first rows shown;
- the core calls alone: `pending_for` (counted) and `reminders_for` (every reminder worded, as `crm reminders`).
The money figures are checked once against app.ledger (aging_sql, oldest_overdue_due). The same runs again after the
monthly grade review has set every customer's grade (DOMAIN.md: grades are reviewed monthly and set for the year),
when no suggested grade has to be computed. It is a report: the exit status is 0 whatever the verdicts.
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import sqlite3
import sys
import tempfile
import time
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import select  # noqa: E402

from app import analytics, care, customers, ledger, reminders, schema  # noqa: E402
from app.context import Actor  # noqa: E402
from app.db import make_engine, make_sessions, refresh_statistics  # noqa: E402
from benchmarks.run import calibration  # noqa: E402 - the one figure every benchmark prints
from models import Customer  # noqa: E402

AS_OF = date(2026, 10, 31)
TARGET_SECONDS = 0.5
START = AS_OF - timedelta(days=730)


def _day(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, max((last - first).days, 0)))


def seed_care(path: Path, seed: int) -> dict[str, Actor]:
    """Contacts, follow-ups, after-sales follow-ups and logins in the copy (stdlib sqlite3, one transaction)."""
    rng = random.Random(seed)
    con = sqlite3.connect(path)
    cur = con.cursor()
    methods = {}
    for n, name in enumerate(("拜访", "电话", "微信"), start=1):
        found = cur.execute("SELECT id FROM code_entry WHERE kind = 'followup_method' AND name = ?", (name,)).fetchone()
        if found is None:
            cur.execute("INSERT INTO code_entry (kind, code, name, sort_order, active, version) "
                        "VALUES ('followup_method', ?, ?, ?, 1, 1)", (f"9{n:02d}", name, n * 10))
            found = (cur.lastrowid,)
        methods[name] = found[0]
    customers = cur.execute("SELECT id, owner_id, created FROM customer ORDER BY id").fetchall()
    contacts, follow_ups = [], []
    for cid, owner, created in customers:
        for _ in range(rng.choice((1, 1, 2))):
            born = date(rng.randint(1960, 1995), rng.randint(1, 12), rng.randint(1, 28)) if rng.random() < 0.8 else None
            contacts.append((cid, f"联系人{cid}", None if born is None else born.isoformat(), 1))
        if rng.random() < 0.6:
            first = max(date.fromisoformat(created), START)
            for _ in range(rng.randint(1, 6)):
                day = _day(rng, first, AS_OF)
                method = rng.choices(("拜访", "电话", "微信"), weights=(35, 40, 25))[0]
                nxt = day + timedelta(days=rng.randint(7, 45)) if rng.random() < 0.7 else None
                follow_ups.append((cid, day.isoformat(), methods[method], owner, f"{method}跟进",
                                   None if nxt is None else nxt.isoformat(), 1))
    cur.executemany("INSERT INTO contact (customer_id, name, birthday, version) VALUES (?, ?, ?, ?)", contacts)
    cur.executemany("INSERT INTO follow_up (customer_id, date, method_id, salesperson_id, content, next_date, version)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)", follow_ups)
    logged: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for fid, cid, day in cur.execute("SELECT id, customer_id, date FROM follow_up ORDER BY customer_id, date, id"):
        logged[cid].append((day, fid))
    since = (AS_OF - timedelta(days=400)).isoformat()
    tasks = []
    for oid, cid, day in cur.execute("SELECT id, customer_id, date FROM sales_order WHERE status = 'confirmed' "
                                     "AND date >= ?", (since,)).fetchall():
        done_list = logged.get(cid, [])
        for step, due in care.after_sales_dates(date.fromisoformat(day)):
            k = bisect_left(done_list, (due.isoformat(), 0))
            done = done_list[k] if k < len(done_list) else (None, None)
            tasks.append((cid, oid, step, due.isoformat(), done[0], done[1]))
    cur.executemany("INSERT INTO care_task (customer_id, order_id, step, due, done_on, followup_id) "
                    "VALUES (?, ?, ?, ?, ?, ?)", tasks)
    by_owner = cur.execute("SELECT owner_id, count(*) FROM customer WHERE owner_id IS NOT NULL GROUP BY owner_id "
                           "ORDER BY count(*) DESC, owner_id").fetchall()
    big, median = by_owner[0][0], by_owner[len(by_owner) // 2][0]
    from argon2 import PasswordHasher

    digest = PasswordHasher().hash("benchmark")
    actors = {"admin": Actor("admin", "admin"), "manager": Actor("manager", "manager"),
              "finance": Actor("finance", "finance"), "sales (most customers)": Actor("sales_big", "sales", big),
              "sales (median)": Actor("sales_median", "sales", median)}
    for a in actors.values():
        cur.execute("INSERT INTO app_user (login, display_name, role, password_hash, salesperson_id, active, version) "
                    "VALUES (?, ?, ?, ?, ?, 1, 1)", (a.login, a.login, a.role, digest, a.salesperson_id))
    con.commit()
    counts = {name: cur.execute(f"SELECT count(*) FROM {name}").fetchone()[0]  # noqa: S608 - fixed table names
              for name in ("customer", "sales_order", "contact", "follow_up", "care_task")}
    owned = dict(by_owner)
    con.close()
    print("rows: " + ", ".join(f"{k} {v:,}" for k, v in counts.items())
          + f"; customers of the big salesperson {owned[big]:,}, of the median one {owned[median]:,}")
    return actors


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, float, Any]:
    """(first, best of the repeats after it) wall seconds, and the last result."""
    t0 = time.perf_counter()
    result = fn()
    first = time.perf_counter() - t0
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        runs.append(time.perf_counter() - t0)
    return first, min(runs) if runs else first, result


class Panels:
    """The desktop's reminder panel, offscreen, on the copy."""

    def __init__(self, url: str) -> None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6.QtCore import QCoreApplication, QSettings
        from PySide6.QtWidgets import QApplication

        QCoreApplication.setOrganizationName("crm-benchmark")  # its own remembered settings, not the user's
        QCoreApplication.setApplicationName("crm-benchmark")
        QSettings().clear()
        self.app = QApplication.instance() or QApplication([])
        from app import startup

        self.db = startup.open_database(url)

    def wait(self, done: Callable[[], bool], signal: Any = None, timeout: float = 60.0) -> None:
        """Until done() (checked when `signal` fires, and every 10 ms), the GUI thread idle in Qt's event loop as in
        the desktop. (A Python loop polling every millisecond took the GIL from the worker a thousand times a second:
        the panel measured ~60 ms slower than the desktop fills it.)"""
        from PySide6.QtCore import QEventLoop, QTimer

        if done():
            return
        loop, poll = QEventLoop(), QTimer()
        poll.setInterval(10)
        poll.timeout.connect(lambda: done() and loop.quit())
        if signal is not None:
            signal.connect(loop.quit)
        QTimer.singleShot(int(timeout * 1000), loop.quit)
        poll.start()
        end = time.perf_counter() + timeout
        while not done() and time.perf_counter() < end:
            loop.exec()
        poll.stop()

    def filled(self, actor: Actor) -> tuple[float, Any]:
        """Seconds from the panel's refresh to its tree filled; the panel."""
        from ui.context import AppContext
        from ui.reminders.panel import ReminderPanel

        ctx = AppContext(self.db, actor)
        ctx.set_as_of(AS_OF)
        panel = ReminderPanel(ctx)
        loaded: list[bool] = []
        panel.loaded.connect(lambda: loaded.append(True))
        t0 = time.perf_counter()
        panel.refresh()
        self.wait(lambda: bool(loaded), panel.loaded)
        return time.perf_counter() - t0, panel

    def open_biggest(self, panel: Any) -> tuple[float, str, int]:
        """Seconds to open the panel's biggest kind until its first rows show; the kind and its count."""
        from ui.reminders.panel import ITEM_ROLE

        counts = panel.result.counts
        tops = [panel.tree.topLevelItem(n) for n in range(panel.tree.topLevelItemCount())]
        if not tops:
            return 0.0, "-", 0
        top = max(tops, key=lambda t: counts[t.data(0, ITEM_ROLE)])
        t0 = time.perf_counter()
        top.setExpanded(True)
        self.wait(lambda: top.childCount() > 0 and top.child(0).data(0, ITEM_ROLE) is not None)
        return time.perf_counter() - t0, top.data(0, ITEM_ROLE), counts[top.data(0, ITEM_ROLE)]

    def drop(self, panel: Any) -> None:
        """Close a panel and let Qt delete it."""
        from PySide6.QtCore import QCoreApplication, QEvent

        panel.close()
        panel.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        self.app.processEvents()

    def close(self) -> None:
        from PySide6.QtCore import QSettings

        QSettings().clear()
        self.db.engine.dispose()


def measure(sessions: Any, panels: Panels, actors: dict[str, Actor], repeat: int, label: str
            ) -> list[tuple[str, float, float]]:
    print(f"\n{label}")
    print(f"{'login':24} {'panel first':>11} {'best':>6}  target  {'counted':>7} {'worded':>7}  "
          f"{'open the biggest kind':28} items by kind")
    out = []
    for name, actor in actors.items():
        runs, panel = [], None
        for _ in range(repeat + 1):
            if panel is not None:
                panels.drop(panel)  # one panel at a time, as in the desktop
            took, panel = panels.filled(actor)
            runs.append(took)
        first, best = runs[0], min(runs[1:] or runs)
        opened, kind, n = panels.open_biggest(panel)
        panels.drop(panel)

        def counted(a: Actor = actor) -> reminders.Pending:
            with sessions() as s:
                return reminders.pending_for(s, a, AS_OF)

        def worded(a: Actor = actor) -> reminders.Reminders:
            with sessions() as s:
                return reminders.reminders_for(s, a, AS_OF)

        _f, counted_s, _p = timed(counted, repeat)
        _f, worded_s, result = timed(worded, repeat)
        kinds = " ".join(f"{k}={n:,}" for k, n in result.counts.items() if n)
        print(f"{name:24} {first:11.3f} {best:6.3f}  {'PASS' if best <= TARGET_SECONDS else 'FAIL':6}  "
              f"{counted_s:7.3f} {worded_s:7.3f}  {f'{kind} ({n:,}) {opened:.3f} s':28} {kinds}")
        out.append((name, first, best))
    return out


def check(sessions: Any, actors: dict[str, Actor]) -> None:
    """The money reminders of a login that sees everyone against the ledger's own statements."""
    with sessions() as s:
        got = reminders.reminders_for(s, actors["finance"], AS_OF)
        overdue = {i.customer_id: (i.amount, i.days) for i in got.items if i.kind == "OVERDUE"}
        expected = {}
        oldest = ledger.oldest_overdue_due(s, AS_OF)
        for row in s.execute(ledger.aging_sql(AS_OF)).mappings():
            past = sum(int(row[b]) for b in ("d1_30", "d31_60", "d61_90", "d90_plus"))
            if past > 0:
                expected[row["customer_id"]] = (ledger.fen_to_yuan(past), (AS_OF - oldest[row["customer_id"]]).days)
    same = overdue == expected
    print(f"check: OVERDUE of {len(overdue):,} customers (amount, oldest days) equal to app.ledger's aging_sql and "
          f"oldest_overdue_due: {'OK' if same else 'DIFFERENT'}")


def grade_everyone(path: Path, sessions: Any) -> None:
    """The monthly grade review's outcome: every customer's grade set to the one suggested."""
    with sessions() as s:
        grades = analytics.suggested_grades(s, AS_OF)
    con = sqlite3.connect(path)
    con.executemany("UPDATE customer SET grade = ? WHERE id = ?", [(g.grade, cid) for cid, g in grades.items()])
    con.commit()
    con.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=str(ROOT / "benchmarks" / "data" / "bench.sqlite3"))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", help="folder for the copy (default: a temporary one, removed at the end)")
    args = parser.parse_args(argv)
    source = Path(args.db)
    if not source.exists():
        print(f"no benchmark database at {source}: run benchmarks/generate.py first")
        return 0
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="crm-reminders-"))
    work.mkdir(parents=True, exist_ok=True)
    copy = work / "reminders.sqlite3"
    try:
        t0 = time.perf_counter()
        shutil.copyfile(source, copy)
        engine = make_engine(f"sqlite:///{copy}")
        schema.upgrade(engine)
        with make_sessions(engine).begin() as s:  # what the first login does: today's owner, status… per customer
            customers.sync_due(s)
        actors = seed_care(copy, args.seed)
        refresh_statistics(engine)  # what every login runs
        sessions = make_sessions(engine)
        print(f"prepared in {time.perf_counter() - t0:.0f} s; SQLite {sqlite3.sqlite_version}; {os.cpu_count()} CPUs; "
              f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}; calibration: 10^7 Python additions "
              f"in {calibration():.2f} s CPU")
        with sessions() as s:
            ungraded = s.scalar(select(Customer.id).where(Customer.grade.is_(None)).limit(1)) is not None
        check(sessions, actors)
        panels = Panels(f"sqlite:///{copy}")
        before = measure(sessions, panels, actors, args.repeat,
                         "as generated (57 % of the customers have no grade set: suggested grades are computed)"
                         if ungraded else "as generated")
        grade_everyone(copy, sessions)
        after = measure(sessions, panels, actors, args.repeat, "after the monthly grade review (every grade set)")
        panels.close()
        print("\nsummary: the panel filled after login, best of the repeats; target ≤ 0.5 s:")
        for (name, _f1, b1), (_n, _f2, b2) in zip(before, after, strict=True):
            print(f"  {name:24} {b1:6.3f} s as generated ({'PASS' if b1 <= TARGET_SECONDS else 'FAIL'}), "
                  f"{b2:6.3f} s with every grade set ({'PASS' if b2 <= TARGET_SECONDS else 'FAIL'})")
        engine.dispose()
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

