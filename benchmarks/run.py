"""Time every report against an equivalent hand-written SQL query on the benchmark database, and check the targets.

Usage: PYTHONPATH=. python benchmarks/run.py [--db benchmarks/data/bench.sqlite3] [--repeat 3] [--timeout 120]

For each report: the best-of-N wall time (and CPU time) of `app.reports.build(session, name, **params)` beside the
best-of-N time of a hand-written query in plain stdlib sqlite3 that computes the same thing, their ratio, and a
comparison of the two results. On equal terms: the hand-written connection gets the application's connection settings
(app.db's PRAGMAs: page cache, memory map, WAL), and the two run interleaved (report, hand, report, hand, …) so that a
change in the machine's load falls on both. Targets (DOMAIN/DESIGN): aging, activity (24 months) and margin by customer (1 year)
each ≤ 1.5 s and ≤ 2× the hand-written query (margin, whose hand-written query is a plain GROUP BY: ≤ 1.2×); a pinyin-initials prefix lookup ≤ 20 ms. It is a report: the exit
status is 0 whatever the verdicts.
"""
from __future__ import annotations

import argparse
import inspect
import os
import random
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from dateutil.relativedelta import relativedelta  # noqa: E402
from sqlalchemy import event, select  # noqa: E402

from app.db import _sqlite_pragmas, make_engine, make_sessions  # noqa: E402
from models import Customer  # noqa: E402

AS_OF = date(2026, 10, 31)
ACTIVITY_MONTHS = ("2024-11", "2026-10")
MARGIN_PERIOD = (date(2025, 11, 1), date(2026, 10, 31))
TARGET_SECONDS = 1.5
TARGET_RATIO = 2.0
POSITION_RATIO = 2.0  # app.ledger.position of one customer against its hand-written allocation
MARGIN_RATIO = 1.2  # margin's hand-written query is a plain GROUP BY
LOOKUP_TARGET_MS = 20.0
DORMANT_DAYS = 90  # app.settings default; the benchmark database stores no settings


# --- hand-written SQL ---------------------------------------------------------------------------------------------
# Plain SQLite, amounts in integer fen. Each statement is shaped so that SQLite never joins two large derived
# tables (without an automatic index its planner scans one inside the other: quadratic): per-customer figures are
# summed from one UNION ALL stream, and derived rows are joined only to base tables by primary key or index.

# DOMAIN.md allocation as of :d. Step 1: what credits name (manual allocations replace the order a credit names)
# pays each order up to its total. Step 2: the pool (credits − step-1 payments) pays the remainders oldest-due
# first, so the open amounts of the orders due before any date add up to max(0, Σ remainders due before it − pool).
# Each aging bucket is the difference of two such sums: one GROUP BY per customer, no window and no sort by due date
# (a window version, clamp(running remainder − pool, 0, remainder) per order, gives the same figures ~2× slower).
ALLOCATION_CTES = """
rc AS (SELECT id, customer_id, amount, order_id FROM receipt WHERE status = 'confirmed' AND date <= :d),
rt AS (SELECT id, customer_id, total AS amount, order_id FROM sales_return WHERE status = 'confirmed' AND date <= :d),
cap AS (
  SELECT order_id, sum(cap) AS cap FROM (
    SELECT a.order_id, a.amount AS cap FROM allocation a JOIN rc ON rc.id = a.receipt_id
    UNION ALL SELECT a.order_id, a.amount FROM allocation a JOIN rt ON rt.id = a.return_id
    UNION ALL SELECT order_id, amount FROM rc
              WHERE order_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM allocation a WHERE a.receipt_id = rc.id)
    UNION ALL SELECT order_id, amount FROM rt
              WHERE order_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM allocation a WHERE a.return_id = rt.id)
  ) GROUP BY order_id),
docs AS (
  SELECT o.customer_id, o.due_date, o.total - min(o.total, coalesce(c.cap, 0)) AS rem,
         -min(o.total, coalesce(c.cap, 0)) AS pool_part
  FROM sales_order o LEFT JOIN cap c ON c.order_id = o.id
  WHERE o.status = 'confirmed' AND o.date <= :d
  UNION ALL SELECT customer_id, NULL, 0, amount FROM rc
  UNION ALL SELECT customer_id, NULL, 0, amount FROM rt
),
owed AS (
  SELECT customer_id, sum(pool_part) AS pool, sum(rem) AS c_all,
    sum(CASE WHEN due_date < :d THEN rem ELSE 0 END) AS c0,
    sum(CASE WHEN due_date < :d30 THEN rem ELSE 0 END) AS c30,
    sum(CASE WHEN due_date < :d60 THEN rem ELSE 0 END) AS c60,
    sum(CASE WHEN due_date < :d90 THEN rem ELSE 0 END) AS c90
  FROM docs GROUP BY customer_id
)
"""

# One row per customer with an open amount or unapplied credit (c_all ≠ pool), with the owner on :d.
AGING_SQL = "WITH " + ALLOCATION_CTES + """
SELECT c.code,
  (SELECT (SELECT code FROM salesperson WHERE id = h.salesperson_id) FROM owner_history h
   WHERE h.customer_id = w.customer_id AND h.effective <= :d ORDER BY h.effective DESC, h.id DESC LIMIT 1),
  max(0, c_all - pool) - max(0, c0 - pool),
  max(0, c0 - pool) - max(0, c30 - pool),
  max(0, c30 - pool) - max(0, c60 - pool),
  max(0, c60 - pool) - max(0, c90 - pool),
  max(0, c90 - pool),
  max(0, pool - c_all)
FROM owed w JOIN customer c ON c.id = w.customer_id
WHERE c_all <> pool
"""

# Activity: the owner/status state only changes on history dates (and the creation date), so each customer's
# timeline is a few segments; a segment counts once for every month whose last day it covers. Counting by
# +1/−1 at the first and past the last such month and summing over months avoids customer × month rows.
# Active customers: the confirmed orders of each segment's customer dated in a month the segment covers.
ACTIVITY_SQL = """
WITH RECURSIVE
months(k, ym, last) AS (
  SELECT 0, substr(:first, 1, 7), date(:first, '+1 month', '-1 day')
  UNION ALL
  SELECT k + 1, strftime('%Y-%m', date(ym || '-01', '+1 month')), date(ym || '-01', '+2 months', '-1 day')
  FROM months WHERE k + 1 < :n
),
chg(customer_id, day) AS (
  SELECT customer_id, effective FROM owner_history
  UNION SELECT customer_id, effective FROM status_history
  UNION SELECT id, created FROM customer
),
seg AS (SELECT customer_id, day AS start, lead(day) OVER (PARTITION BY customer_id ORDER BY day) AS stop FROM chg),
state AS (
  SELECT s.customer_id, s.start, s.stop, c.created,
    (SELECT h.salesperson_id FROM owner_history h WHERE h.customer_id = s.customer_id AND h.effective <= s.start
     ORDER BY h.effective DESC, h.id DESC LIMIT 1) AS owner,
    (SELECT h.status FROM status_history h WHERE h.customer_id = s.customer_id AND h.effective <= s.start
     ORDER BY h.effective DESC, h.id DESC LIMIT 1) AS status
  FROM seg s JOIN customer c ON c.id = s.customer_id
),
span AS (  -- months k1..k2 (0 = :first's month) whose last day lies in [start, stop)
  SELECT customer_id, owner,
    max(0, (CAST(substr(start, 1, 4) AS INTEGER) - :y0) * 12 + CAST(substr(start, 6, 2) AS INTEGER) - :m0) AS k1,
    CASE WHEN stop IS NULL THEN :n - 1
         ELSE min(:n - 1, (CAST(substr(stop, 1, 4) AS INTEGER) - :y0) * 12 + CAST(substr(stop, 6, 2) AS INTEGER)
                          - :m0 - 1) END AS k2
  FROM state
  WHERE owner IS NOT NULL AND status IN ('active', 'suspended') AND start >= created
),
delta AS (
  SELECT owner, k, sum(d) AS d FROM (
    SELECT owner, k1 AS k, 1 AS d FROM span WHERE k1 <= k2
    UNION ALL SELECT owner, k2 + 1, -1 FROM span WHERE k1 <= k2
  ) GROUP BY owner, k
),
assigned AS (SELECT d.owner, m.ym, sum(d.d) AS n FROM months m JOIN delta d ON d.k <= m.k GROUP BY d.owner, m.k),
active AS (  -- a segment's orders dated in the months it covers, through the (customer_id, status, …) index
  SELECT s.owner, substr(o.date, 1, 7) AS ym, count(DISTINCT o.customer_id) AS n
  FROM span s JOIN sales_order o ON o.customer_id = s.customer_id
  -- unary + keeps SQLite (no statistics) from choosing the (status, date) index for every segment
  WHERE s.k1 <= s.k2 AND +o.status = 'confirmed' AND +o.date >= :first AND +o.date <= :last
    AND (CAST(substr(o.date, 1, 4) AS INTEGER) - :y0) * 12 + CAST(substr(o.date, 6, 2) AS INTEGER) - :m0
        BETWEEN s.k1 AND s.k2
  GROUP BY s.owner, ym
)
SELECT sp.code, x.ym, sum(x.assigned), sum(x.active) FROM (
  SELECT owner, ym, n AS assigned, 0 AS active FROM assigned
  UNION ALL SELECT owner, ym, 0, n FROM active
) x JOIN salesperson sp ON sp.id = x.owner
GROUP BY x.owner, x.ym HAVING sum(x.assigned) > 0
"""

# Net revenue and cost of confirmed orders minus returns dated in [:a, :b], per customer: the fastest way found to
# read it (a plain GROUP BY of each table over a scan — `+` keeps SQLite off the (status, date) index, which for a
# year of orders is slower than reading the table, and off the (customer, …) index for the grouping, which reads the
# table in customer order at random: a temporary b-tree is a quarter faster — then the two merged; 0.10 s against
# 0.14 s grouped through the customer index, 0.21–0.34 s for one GROUP BY over their UNION ALL through the index).
MARGIN_SQL = """
SELECT c.code, sum(d.revenue), sum(d.cost) FROM (
  SELECT customer_id, sum(total) AS revenue, sum(cost_total) AS cost FROM sales_order
  WHERE +status = 'confirmed' AND +date >= :a AND +date <= :b GROUP BY +customer_id
  UNION ALL
  SELECT customer_id, -sum(total), -sum(cost_total) FROM sales_return
  WHERE +status = 'confirmed' AND +date >= :a AND +date <= :b GROUP BY +customer_id
) d JOIN customer c ON c.id = d.customer_id
GROUP BY d.customer_id
"""

DORMANT_SQL = """
SELECT c.code, x.last, CAST(julianday(:d) - julianday(x.last) AS INTEGER) FROM (
  SELECT customer_id, max(date) AS last FROM sales_order WHERE status = 'confirmed' AND date <= :d
  GROUP BY customer_id HAVING max(date) < :cut
) x JOIN customer c ON c.id = x.customer_id
"""

# RFM over [:start, :d]; a score is 1 + ⌊5 i / n⌋ with i the customers strictly worse (rank() − 1).
RFM_SQL = """
WITH base AS (
  SELECT customer_id, max(last) AS last, sum(n) AS frequency, sum(amount) AS monetary FROM (
    SELECT customer_id, date AS last, 1 AS n, total AS amount FROM sales_order
    WHERE status = 'confirmed' AND date >= :start AND date <= :d
    UNION ALL
    SELECT customer_id, NULL, 0, -total FROM sales_return WHERE status = 'confirmed' AND date >= :start AND date <= :d
  ) GROUP BY customer_id HAVING sum(n) > 0
),
m AS (SELECT customer_id, CAST(julianday(:d) - julianday(last) AS INTEGER) AS recency, frequency, monetary FROM base)
SELECT c.code, recency, frequency, monetary,
  1 + 5 * (rank() OVER (ORDER BY recency DESC) - 1) / count(*) OVER (),
  1 + 5 * (rank() OVER (ORDER BY frequency) - 1) / count(*) OVER (),
  1 + 5 * (rank() OVER (ORDER BY monetary) - 1) / count(*) OVER ()
FROM m JOIN customer c ON c.id = m.customer_id
"""

# Suggested grade: D when blacklisted on :d or anything is > 90 days past due (the allocation above); the others
# with positive 12-month net revenue ranked by revenue, ties by code: A while the customers before hold < 70 %,
# B while < 90 %, C after. Every per-customer figure is summed from one UNION ALL stream and the ranking is a window
# over it (rankable customers first), so no derived table is joined to another. `months` adds the 12 monthly
# revenues, for potential.
def grade_sql(months: list[str] | None = None) -> str:
    cols = [f"m{i}" for i in range(12)] if months else []
    pivot = "".join(f", sum(CASE WHEN ym = '{m}' THEN revenue ELSE 0 END) AS {c}"
                    for m, c in zip(months or [], cols, strict=True))
    return "WITH " + ALLOCATION_CTES + f""",
bl AS (
  SELECT customer_id FROM (
    SELECT customer_id, blacklisted,
           row_number() OVER (PARTITION BY customer_id ORDER BY effective DESC, id DESC) AS rn
    FROM blacklist_history WHERE effective <= :d)
  WHERE rn = 1 AND blacklisted
),
per AS (
  SELECT customer_id, sum(revenue) AS revenue, max(is_d) AS is_d{pivot} FROM (
    SELECT customer_id, substr(date, 1, 7) AS ym, total AS revenue, 0 AS is_d FROM sales_order
    WHERE status = 'confirmed' AND date >= :start AND date <= :d
    UNION ALL SELECT customer_id, substr(date, 1, 7), -total, 0 FROM sales_return
    WHERE status = 'confirmed' AND date >= :start AND date <= :d
    UNION ALL SELECT customer_id, NULL, 0, 1 FROM owed WHERE c90 > pool
    UNION ALL SELECT customer_id, NULL, 0, 1 FROM bl
    UNION ALL SELECT id, NULL, 0, 0 FROM customer
  ) GROUP BY customer_id
),
ranked AS (
  SELECT p.*, c.code, c.grade, c.created, (p.is_d = 0 AND p.revenue > 0) AS ranks,
    coalesce(sum(CASE WHEN p.is_d = 0 AND p.revenue > 0 THEN p.revenue END) OVER (
      ORDER BY (p.is_d = 0 AND p.revenue > 0) DESC, p.revenue DESC, c.code
      ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before,
    sum(CASE WHEN p.is_d = 0 AND p.revenue > 0 THEN p.revenue END) OVER () AS total
  FROM per p JOIN customer c ON c.id = p.customer_id
),
grades AS (
  SELECT *, CASE WHEN is_d THEN 'D' WHEN NOT ranks THEN 'C' WHEN before * 100 < 70 * total THEN 'A'
                 WHEN before * 100 < 90 * total THEN 'B' ELSE 'C' END AS g
  FROM ranked
)
"""


ABC_SQL = grade_sql() + "SELECT code, revenue, g, grade FROM grades WHERE created <= :d"


# Potential: the DOMAIN.md conditions on the pivoted months; slope is the least-squares slope Σ(2x − 11)·y / 286
# of the 12 monthly revenues, rounded half-up (away from zero) to the fen.
def potential_sql(months: list[str]) -> str:
    cols = [f"m{i}" for i in range(12)]
    prior, last = " + ".join(cols[:6]), " + ".join(cols[6:])
    active = " + ".join(f"({c} > 0)" for c in cols[6:])
    slope = " + ".join(f"({2 * x - 11}) * {c}" for x, c in enumerate(cols))
    return grade_sql(months) + f""",
calc AS (
  SELECT code, g, {prior} AS prior6, {last} AS last6, {active} AS active_months, {slope} AS slope_num
  FROM grades WHERE g NOT IN ('A', 'D')
)
SELECT code, last6, prior6, active_months,
  CASE WHEN slope_num >= 0 THEN (2 * slope_num + 286) / 572 ELSE -((2 * -slope_num + 286) / 572) END
FROM calc
WHERE active_months >= 3
  AND CASE WHEN prior6 = 0 THEN last6 > 0
           WHEN prior6 > 0 THEN 2 * (last6 - prior6) >= prior6
           ELSE 2 * (last6 - prior6) <= prior6 END
ORDER BY last6 - prior6 DESC, code
"""


# --- parameters ---------------------------------------------------------------------------------------------------


def month_window(on: date, count: int) -> list[str]:
    last = on.replace(day=1)
    return [(last - relativedelta(months=i)).strftime("%Y-%m") for i in range(count - 1, -1, -1)]


def aging_params(on: date) -> dict[str, str]:
    return {"d": on.isoformat(), **{f"d{n}": (on - timedelta(days=n)).isoformat() for n in (30, 60, 90)},
            "start": month_window(on, 12)[0] + "-01"}


def month_last_day(ym: str) -> date:
    y, m = map(int, ym.split("-"))
    return date(y, m, 1) + relativedelta(months=1, days=-1)


# --- comparing a report's Table with the hand-written result -------------------------------------------------------


def fen(value: Any) -> int:
    return int(Decimal(value) * 100)


def compare_maps(report: dict, hand: dict) -> str:
    if report == hand:
        return f"OK ({len(report)} rows)"
    missing = sorted(set(hand) - set(report), key=str)
    extra = sorted(set(report) - set(hand), key=str)
    differ = sorted((k for k in set(report) & set(hand) if report[k] != hand[k]), key=str)
    parts = []
    if missing:
        parts.append(f"{len(missing)} missing e.g. {missing[0]}: {hand[missing[0]]}")
    if extra:
        parts.append(f"{len(extra)} extra e.g. {extra[0]}: {report[extra[0]]}")
    if differ:
        k = differ[0]
        parts.append(f"{len(differ)} differ e.g. {k}: report {report[k]} vs hand {hand[k]}")
    return "MISMATCH " + "; ".join(parts)


def check_aging(table: Any, hand: list[tuple]) -> str:
    keys = ("not_due", "d1_30", "d31_60", "d61_90", "d90_plus", "unapplied")
    rep = {r["customer_code"]: (r["owner_code"], *(fen(r[k]) for k in keys)) for r in table.rows}
    mine = {row[0]: tuple(row[1:8]) for row in hand}
    totals = [sum(v[i] for v in mine.values()) for i in range(1, 7)]
    rep_totals = tuple(fen(table.totals[k]) for k in keys) if table.totals else None
    verdict = compare_maps(rep, mine)
    if rep_totals is not None and tuple(totals) != rep_totals:
        verdict += f"; totals MISMATCH {rep_totals} vs {tuple(totals)}"
    return verdict


def check_activity(table: Any, hand: list[tuple]) -> str:
    rep = {(r["salesperson_code"], r["month"]): (int(r["assigned"]), int(r["active"])) for r in table.rows}
    return compare_maps(rep, {(code, ym): (int(a), int(n)) for code, ym, a, n in hand})


def check_margin(table: Any, hand: list[tuple]) -> str:
    rep = {r["customer_code"]: (fen(r["revenue"]), fen(r["cost"])) for r in table.rows}
    verdict = compare_maps(rep, {code: (rev, cost) for code, rev, cost in hand})
    rev, cost = sum(r[1] for r in hand), sum(r[2] for r in hand)
    if table.totals and (fen(table.totals["revenue"]), fen(table.totals["cost"])) != (rev, cost):
        verdict += "; totals MISMATCH"
    return verdict


def check_abc(table: Any, hand: list[tuple]) -> str:
    rep = {r["customer_code"]: (fen(r["revenue_12m"]), r["suggested_grade"], r["grade"]) for r in table.rows}
    return compare_maps(rep, {code: (rev, g, grade) for code, rev, g, grade in hand})


def check_potential(table: Any, hand: list[tuple]) -> str:
    rep = [(r["customer_code"], fen(r["last6"]), fen(r["prior6"]), int(r["active_months"]), fen(r["slope"]))
           for r in table.rows]
    mine = [tuple(row) for row in hand]
    if rep == mine:
        return f"OK ({len(rep)} rows, same order)"
    verdict = compare_maps({r[0]: r[1:] for r in rep}, {r[0]: r[1:] for r in mine})
    return verdict if verdict.startswith("MISMATCH") else "MISMATCH order differs"


def check_dormant(table: Any, hand: list[tuple]) -> str:
    rep = {r["customer_code"]: (str(r["last_order_date"]), int(r["days_since"])) for r in table.rows}
    return compare_maps(rep, {code: (last, days) for code, last, days in hand})


def check_rfm(table: Any, hand: list[tuple]) -> str:
    keys = ("recency_days", "frequency", "monetary", "r", "f", "m")
    rep = {r["customer_code"]: tuple(fen(r[k]) if k == "monetary" else int(r[k]) for k in keys) for r in table.rows}
    return compare_maps(rep, {row[0]: tuple(row[1:]) for row in hand})


# --- report parameters, found from the report's signature ---------------------------------------------------------


def period_kwargs(fn: Callable[..., Any], first: Any, last: Any, as_month: bool) -> dict[str, Any]:
    """Keyword arguments for a report taking a period: its first two parameters after the session, as dates or
    'YYYY-MM' strings according to their annotations (reports are written by others; CONTRACT.md names only the
    CLI options --from/--to)."""
    params = [p for p in inspect.signature(fn).parameters.values() if p.name != "session"][:2]
    out = {}
    for p, value in zip(params, (first, last), strict=True):
        annotation = str(p.annotation)
        if "date" in annotation and as_month:  # a month report that wants dates: first/last day of the months
            value = date.fromisoformat(value + "-01") if value is first else month_last_day(value)
        elif "str" in annotation and not as_month:
            value = value.isoformat()
        out[p.name] = value
    return out


# --- timing -------------------------------------------------------------------------------------------------------


class Deadline:
    """SQLite progress handler that aborts any statement running past a deadline (quadratic plans run for hours)."""

    def __init__(self) -> None:
        self.at = float("inf")

    def __call__(self) -> int:
        return 1 if time.perf_counter() > self.at else 0

    def arm(self, seconds: float) -> None:
        self.at = time.perf_counter() + seconds

    def disarm(self) -> None:
        self.at = float("inf")


@dataclass
class Timing:
    wall: float | None = None  # best of N, seconds
    cpu: float | None = None
    result: Any = None
    error: str | None = None


def interleaved(report: Callable[[], Any], hand: Callable[[], Any], repeat: int, deadline: Deadline, timeout: float
                ) -> tuple[Timing, Timing]:
    """Best of `repeat` runs of each, alternating report, hand, report, hand, … (a run that fails ends its side)."""
    rep, own = Timing(), Timing()
    for _ in range(repeat):
        for fn, t in ((report, rep), (hand, own)):
            if t.error is None:
                _once(fn, t, deadline, timeout)
    return rep, own


def best_of(fn: Callable[[], Any], repeat: int, deadline: Deadline, timeout: float) -> Timing:
    t = Timing()
    for _ in range(repeat):
        if not _once(fn, t, deadline, timeout):
            break
    return t


def _once(fn: Callable[[], Any], t: Timing, deadline: Deadline, timeout: float) -> bool:
    """Run fn once into t (best wall time kept); False when it failed (t.error says why)."""
    deadline.arm(timeout)
    w0, c0 = time.perf_counter(), time.process_time()
    try:
        result = fn()
    except sqlite3.OperationalError as exc:  # raised as-is by plain sqlite3
        t.error = "TIMEOUT" if "interrupt" in str(exc) else f"error: {exc}"
        return False
    except Exception as exc:  # noqa: BLE001 — a report bug must not stop the other rows
        text = str(exc)
        t.error = "TIMEOUT" if "interrupt" in text else f"error: {type(exc).__name__}: {text.splitlines()[0][:120]}"
        return False
    finally:
        deadline.disarm()
    wall, cpu = time.perf_counter() - w0, time.process_time() - c0
    if t.wall is None or wall < t.wall:
        t.wall, t.result = wall, result
    t.cpu = cpu if t.cpu is None else min(t.cpu, cpu)
    return True


def fmt_s(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def calibration() -> float:
    """CPU seconds for 10⁷ Python additions: says how fast this box is (a 2020s desktop takes about 0.4 s)."""
    c0 = time.process_time()
    total = 0
    for i in range(10_000_000):
        total += i
    return time.process_time() - c0


def load_average() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "n/a"


# --- the benchmark ------------------------------------------------------------------------------------------------


@dataclass
class Row:
    name: str
    params: str
    report: Timing
    hand: Timing
    check: str
    target: bool


def run(db_path: Path, repeat: int, timeout: float, plans: bool) -> None:
    print(f"database: {db_path} ({db_path.stat().st_size / 2**20:.0f} MiB); repeat {repeat} (best of); "
          f"timeout {timeout:.0f} s per run; SQLite {sqlite3.sqlite_version}; "
          f"{os.cpu_count()} CPUs; load average at start {load_average()}; "
          f"calibration: 10^7 Python additions in {calibration():.2f} s CPU")
    deadline = Deadline()
    engine = make_engine(f"sqlite:///{db_path}")
    event.listen(engine, "connect", lambda dbapi, _rec: dbapi.set_progress_handler(deadline, 10_000))
    sessions = make_sessions(engine)
    raw = sqlite3.connect(db_path)
    _sqlite_pragmas(raw, None)  # the application's connection settings: equal terms
    raw.set_progress_handler(deadline, 10_000)
    counts = dict(raw.execute(
        "SELECT 'customers', count(*) FROM customer UNION ALL SELECT 'orders', count(*) FROM sales_order "
        "WHERE status = 'confirmed' UNION ALL SELECT 'lines', count(*) FROM order_line"
    ).fetchall())
    print("rows: " + ", ".join(f"{k} {v:,}" for k, v in counts.items()))

    from app import reports

    def report_runner(name: str, params: dict[str, Any]) -> Callable[[], Any]:
        def go() -> Any:
            with sessions() as s:
                return reports.build(s, name, **params)
        return go

    def hand_runner(sql: str, params: dict[str, Any]) -> Callable[[], Any]:
        return lambda: raw.execute(sql, params).fetchall()

    ap = aging_params(AS_OF)
    first, last = ACTIVITY_MONTHS
    n_months = (int(last[:4]) - int(first[:4])) * 12 + int(last[5:]) - int(first[5:]) + 1
    activity_params = {"first": first + "-01", "last": month_last_day(last).isoformat(), "n": n_months,
                       "y0": int(first[:4]), "m0": int(first[5:])}
    potential = potential_sql(month_window(AS_OF, 12))
    specs: list[tuple[str, Callable[[Callable[..., Any]], dict[str, Any]], str, dict[str, Any], Callable, bool]] = [
        ("aging", lambda fn: {"as_of": AS_OF}, AGING_SQL, ap, check_aging, True),
        ("activity", lambda fn: period_kwargs(fn, first, last, as_month=True), ACTIVITY_SQL, activity_params,
         check_activity, True),
        ("margin", lambda fn: {**period_kwargs(fn, *MARGIN_PERIOD, as_month=False),
                               **({"group_by": "customer"} if "group_by" in inspect.signature(fn).parameters else {})},
         MARGIN_SQL, {"a": MARGIN_PERIOD[0].isoformat(), "b": MARGIN_PERIOD[1].isoformat()}, check_margin, True),
        ("abc", lambda fn: {"as_of": AS_OF}, ABC_SQL, ap, check_abc, False),
        ("potential", lambda fn: {"as_of": AS_OF}, potential, ap, check_potential, False),
        ("dormant", lambda fn: {"as_of": AS_OF, **({"days": DORMANT_DAYS} if "days" in inspect.signature(fn).parameters
                                                  else {})},
         DORMANT_SQL, {"d": AS_OF.isoformat(), "cut": (AS_OF - timedelta(days=DORMANT_DAYS)).isoformat()},
         check_dormant, False),
        ("rfm", lambda fn: {"as_of": AS_OF}, RFM_SQL, ap, check_rfm, False),
    ]
    rows: list[Row] = []
    for name, make_params, sql, sql_params, check, target in specs:
        if plans:
            print(f"\n-- EXPLAIN QUERY PLAN, hand-written {name}")
            for step in raw.execute("EXPLAIN QUERY PLAN " + sql, sql_params):
                print("   ", step)
        try:
            fn = reports.builder(name)
        except (ImportError, AttributeError) as exc:
            hand = best_of(hand_runner(sql, sql_params), repeat, deadline, timeout)
            rows.append(Row(name, "", Timing(error="missing"), hand, f"missing ({type(exc).__name__})", target))
            print(f"  {name}: report module missing; hand-written {fmt_s(hand.wall)} s", flush=True)
            continue
        params = make_params(fn)
        shown = ", ".join(f"{k}={v}" for k, v in params.items())
        rep, hand = interleaved(report_runner(name, params), hand_runner(sql, sql_params), repeat, deadline, timeout)
        if rep.error or hand.error:
            verdict = "not compared"
        else:
            try:
                verdict = check(rep.result, hand.result)
            except Exception as exc:  # noqa: BLE001 — a Table of another shape: say so, keep going
                verdict = f"not compared ({type(exc).__name__}: {exc})"
        rows.append(Row(name, shown, rep, hand, verdict, target))
        print(f"  {name}: report {rep.error or fmt_s(rep.wall)} s, hand-written {hand.error or fmt_s(hand.wall)} s, "
              f"{verdict}", flush=True)

    lookup = pinyin_lookup(engine, raw)
    position = ledger_position(sessions, raw, deadline, timeout)
    print_table(rows, lookup, position, repeat)
    print(f"load average at end {load_average()}")


def ratio(row: Row) -> float | None:
    if row.report.wall is None or not row.hand.wall:
        return None
    return row.report.wall / row.hand.wall


def verdict(row: Row) -> str:
    if not row.target:
        return "(no target)"
    if row.report.error:
        return "FAIL" if row.report.error != "missing" else "MISSING"
    r = ratio(row)
    ok = row.report.wall <= TARGET_SECONDS and r is not None and r <= ratio_target(row)
    return "PASS" if ok else "FAIL"


def ratio_target(row: Row) -> float:
    return MARGIN_RATIO if row.name == "margin" else TARGET_RATIO


def print_table(rows: list[Row], lookup: dict[str, Any], position: dict[str, Any], repeat: int) -> None:
    print()
    print(f"best of {repeat}; seconds wall-clock (CPU of this process in brackets); ratio = report ÷ hand-written (wall)")
    head = f"{'report':<10} {'report s':>17} {'hand SQL s':>17} {'ratio':>6}  {'target':<8} check"
    print(head)
    print("-" * len(head))
    for row in rows:
        rep = row.report.error or f"{fmt_s(row.report.wall)} ({fmt_s(row.report.cpu)})"
        hand = row.hand.error or f"{fmt_s(row.hand.wall)} ({fmt_s(row.hand.cpu)})"
        r = ratio(row)
        print(f"{row.name:<10} {rep:>17} {hand:>17} {'—' if r is None else f'{r:.2f}':>6}  {verdict(row):<8} "
              f"{row.check}")
    for row in rows:
        if row.params:
            print(f"  {row.name}: {row.params}")
    print()
    lk = lookup
    lookup_ok = lk["p95"] <= LOOKUP_TARGET_MS
    print(f"pinyin initials prefix lookup ({lk['n']} prefixes of 2–3 letters, LIMIT 50 ORDER BY mnemonic): "
          f"median {lk['median']:.2f} ms, p95 {lk['p95']:.2f} ms, max {lk['max']:.2f} ms "
          f"(raw sqlite3 median {lk['raw_median']:.2f} ms) — target ≤ {LOOKUP_TARGET_MS:.0f} ms: "
          f"{'PASS' if lookup_ok else 'FAIL'}; plan: {lk['plan']}")
    p = position
    if p.get("error"):
        print(f"app.ledger.position for customer {p['code']} ({p['orders']} orders): {p['error']}")
    else:
        print(f"app.ledger.position for customer {p['code']} ({p['orders']} confirmed orders, {p['credits']} credits): "
              f"median {p['median']:.1f} ms, p95 {p['p95']:.1f} ms over {p['n']} runs; "
              f"hand-written allocation for that customer median {p['hand_median']:.1f} ms (interleaved); "
              f"ratio {p['median'] / p['hand_median']:.2f} (target ≤ {POSITION_RATIO}×); "
              f"balance {p['balance']} overdue {p['overdue']} {p['check']}")
    print()
    print("summary:")
    for row in rows:
        if row.target:
            r = ratio(row)
            why = row.report.error or (f"{row.report.wall:.3f} s (≤ {TARGET_SECONDS} s: "
                                       f"{'yes' if row.report.wall <= TARGET_SECONDS else 'NO'}), "
                                       f"{r:.2f}× hand-written (≤ {ratio_target(row)}×: "
                                       f"{'yes' if r is not None and r <= ratio_target(row) else 'NO'})")
            print(f"  {verdict(row):<8} {row.name}: {why}; results {row.check.split(' (')[0]}")
    print(f"  {'PASS' if lookup_ok else 'FAIL':<8} pinyin lookup: p95 {lk['p95']:.2f} ms (≤ {LOOKUP_TARGET_MS:.0f} ms)")
    if not p.get("error"):
        pr = p["median"] / p["hand_median"]
        print(f"  {'PASS' if pr <= POSITION_RATIO else 'FAIL':<8} position ({p['orders']:,} orders): median "
              f"{p['median']:.1f} ms, {pr:.2f}× the hand-written allocation (≤ {POSITION_RATIO}×)")
    mismatches = [r.name for r in rows if r.check.startswith("MISMATCH")]
    print(f"  results: {'all compared results equal' if not mismatches else 'MISMATCH in ' + ', '.join(mismatches)}")


def pinyin_lookup(engine: Any, raw: sqlite3.Connection, n: int = 300) -> dict[str, Any]:
    """Customer lookup by 助记码 prefix: a range on the indexed column, as DESIGN.md prescribes (LIKE can't use it)."""
    rng = random.Random(7)
    mnemonics = [m for (m,) in raw.execute("SELECT mnemonic FROM customer WHERE id % 97 = 0")]
    prefixes = []
    for i in range(n):
        size = 2 if i % 2 else 3
        if i % 3 == 0:  # what users type is mostly a real prefix; some are not
            prefixes.append("".join(rng.choice("abcdefghjklmnpqrstwxyz") for _ in range(size)))
        else:
            prefixes.append(rng.choice(mnemonics)[:size])
    stmt = lambda p: (  # noqa: E731
        select(Customer.id, Customer.code, Customer.name, Customer.mnemonic)
        .where(Customer.mnemonic >= p, Customer.mnemonic < p[:-1] + chr(ord(p[-1]) + 1))
        .order_by(Customer.mnemonic)
        .limit(50)
    )
    times, raw_times = [], []
    sql = ("SELECT id, code, name, mnemonic FROM customer WHERE mnemonic >= ? AND mnemonic < ? "
           "ORDER BY mnemonic LIMIT 50")
    with engine.connect() as conn:
        conn.execute(stmt("ab")).all()  # warm the statement cache once
        for p in prefixes:
            t0 = time.perf_counter()
            conn.execute(stmt(p)).all()
            times.append((time.perf_counter() - t0) * 1000)
            t0 = time.perf_counter()
            raw.execute(sql, (p, p[:-1] + chr(ord(p[-1]) + 1))).fetchall()
            raw_times.append((time.perf_counter() - t0) * 1000)
    plan = "; ".join(r[3] for r in raw.execute("EXPLAIN QUERY PLAN " + sql, ("ab", "ac")))
    times.sort()
    return {"n": n, "median": statistics.median(times), "p95": times[int(0.95 * (n - 1))], "max": times[-1],
            "raw_median": statistics.median(raw_times), "plan": plan}


def ledger_position(sessions: Any, raw: sqlite3.Connection, deadline: Deadline, timeout: float,
                    n: int = 20) -> dict[str, Any]:
    """app.ledger.position (the credit check's figures) for the customer with the most orders."""
    from app.ledger import position

    cid, code, orders = raw.execute(
        "SELECT o.customer_id, c.code, count(*) FROM sales_order o JOIN customer c ON c.id = o.customer_id "
        "WHERE o.status = 'confirmed' GROUP BY o.customer_id ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()
    credits = raw.execute(
        "SELECT (SELECT count(*) FROM receipt WHERE customer_id = ?) + (SELECT count(*) FROM sales_return "
        "WHERE customer_id = ?)", (cid, cid)).fetchone()[0]
    out: dict[str, Any] = {"code": code, "orders": orders, "credits": credits, "n": n}
    # the same allocation restricted to one customer, by hand, for reference and to check the figures
    one = ("WITH " + ALLOCATION_CTES.replace("WHERE status = 'confirmed' AND date <= :d",
                                             "WHERE customer_id = :cid AND status = 'confirmed' AND date <= :d")
           # unary +: without statistics SQLite would read every order through the (status, date) index
           .replace("WHERE o.status = 'confirmed' AND o.date <= :d",
                    "WHERE o.customer_id = :cid AND +o.status = 'confirmed' AND +o.date <= :d")
           + AGING_SQL.split(ALLOCATION_CTES, 1)[1])
    params = {**aging_params(AS_OF), "cid": cid}
    times: list[float] = []
    hand_times: list[float] = []
    pos, row = None, None
    for _ in range(n):  # interleaved: the application's figures, then the hand-written allocation
        deadline.arm(timeout)
        try:
            with sessions() as s:
                t0 = time.perf_counter()
                pos = position(s, cid, AS_OF)
                times.append((time.perf_counter() - t0) * 1000)
        except Exception as exc:  # noqa: BLE001
            out["error"] = "TIMEOUT" if "interrupt" in str(exc) else f"error: {exc}"
            return out
        finally:
            deadline.disarm()
        t0 = time.perf_counter()
        row = raw.execute(one, params).fetchone()
        hand_times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    balance = sum(row[2:7]) - row[7] if row else 0
    overdue = sum(row[3:7]) if row else 0
    same = pos is not None and (fen(pos.balance), fen(pos.overdue)) == (balance, overdue)
    out.update(median=statistics.median(times), p95=times[int(0.95 * (n - 1))],
               hand_median=statistics.median(hand_times), balance=pos.balance, overdue=pos.overdue,
               check="(equal to hand-written: OK)" if same else f"(MISMATCH: hand-written balance {balance} "
                                                               f"overdue {overdue} fen)")
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, default=ROOT / "benchmarks" / "data" / "bench.sqlite3")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds before one run is abandoned")
    ap.add_argument("--plans", action="store_true", help="print EXPLAIN QUERY PLAN of the hand-written queries")
    args = ap.parse_args(argv)
    if not args.db.exists():
        raise SystemExit(f"{args.db} does not exist: run benchmarks/generate.py first")
    run(args.db, max(1, args.repeat), args.timeout, args.plans)


if __name__ == "__main__":
    main()
