"""Every tab of the desktop opened once at 100,000 customers (offscreen Qt): time from showing a tab to its first
rows, and the resident memory with every tab and page opened.

    PYTHONPATH=. python benchmarks/tabs.py [--db benchmarks/data/bench.sqlite3] [--as-of 2026-10-31]

The main window of an administrator (who sees every customer and every page) is built as after a login, the
reminder panel started, then each tab is shown in turn — and within 信用 and 分析 each page — and timed until the
work it started in the background has finished and the window has painted it. Targets (issue 12): the credit
overview, the approval queue and the aging ≤ 1.5 s to their first rows; resident memory with every tab opened once
≤ 400 MB. The other tabs and pages are printed without a target (the analysis views have theirs in analysis.py).
It is a report: the exit status is 0 whatever the verdicts.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

FIRST_ROWS_TARGET_S = 1.5
RSS_TARGET_MB = 400
TARGETED = {"信用总览", "待审批", "账龄分析"}


def rss_mb(field: str = "VmRSS") -> float:
    """Resident memory in MB: VmRSS (all), RssAnon (the heap), RssFile (mapped files: the database's memory map)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=str(ROOT / "benchmarks" / "data" / "bench.sqlite3"))
    parser.add_argument("--as-of", type=date.fromisoformat, default=date(2026, 10, 31))
    args = parser.parse_args(argv)
    if not Path(args.db).exists():
        print(f"no benchmark database at {args.db}: run benchmarks/generate.py first")
        return 0

    from PySide6.QtCore import QCoreApplication, QSettings
    from PySide6.QtWidgets import QApplication, QTabWidget

    QCoreApplication.setOrganizationName("crm-benchmark")  # its own remembered tabs and widths, not the user's
    QCoreApplication.setApplicationName("crm-benchmark")
    QSettings().clear()
    app = QApplication(sys.argv)

    from app import startup
    from app.context import Actor
    from ui.context import AppContext
    from ui.main_window import MainWindow

    db = startup.open_database(f"sqlite:///{args.db}")
    ctx = AppContext(db, Actor("bench", "admin"))
    ctx.set_as_of(args.as_of)
    rss_start = rss_mb()

    def settle(timeout: float = 120.0) -> float:
        """Seconds until no background work is left and the window has painted."""
        t0 = time.perf_counter()
        while time.perf_counter() - t0 < timeout:
            app.processEvents()
            if not ctx.tasks.busy:
                app.processEvents()
                if not ctx.tasks.busy:
                    break
            time.sleep(0.005)
        window.repaint()
        return time.perf_counter() - t0

    t0 = time.perf_counter()
    window = MainWindow(ctx)
    window.show()
    window.reminders.start()
    built = time.perf_counter() - t0
    first = settle()
    results: list[tuple[str, float, bool | None, float, float]] = [
        ("main window built and shown", built, None, rss_start, rss_mb("RssAnon")),
        ("first tab and the reminder panel filled", first, None, rss_mb(), rss_mb("RssAnon"))]
    for i in range(window.tabs.count()):
        title = window.tabs.tabText(i)
        widget = window.tabs.widget(i)
        t0 = time.perf_counter()
        window.tabs.setCurrentIndex(i)
        results.append((title, time.perf_counter() - t0 + settle(), None, rss_mb(), rss_mb("RssAnon")))
        inner = getattr(widget, "tabs", None)
        if isinstance(inner, QTabWidget):
            for j in range(inner.count()):
                if j == inner.currentIndex() and j > 0:
                    continue
                page = inner.tabText(j)
                t0 = time.perf_counter()
                inner.setCurrentIndex(j)
                took = time.perf_counter() - t0 + settle()
                results.append((f"{title} → {page}", took, took <= FIRST_ROWS_TARGET_S if page in TARGETED else None,
                                rss_mb(), rss_mb("RssAnon")))
    rss = rss_mb()

    print(f"database: {args.db}; as of {args.as_of}; {os.cpu_count()} CPUs; load average "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for name, seconds, ok, rss_after, heap in results:
        verdict = "" if ok is None else ("PASS" if ok else "FAIL")
        target = f" (≤ {FIRST_ROWS_TARGET_S} s)" if ok is not None else ""
        print(f"{verdict:5} {name}: {seconds:.2f} s{target}; resident memory after it "
              f"{rss_after:.0f} MB (heap {heap:.0f} MB)")
    print(f"{'PASS' if rss <= RSS_TARGET_MB else 'FAIL':5} resident memory with every tab opened once: {rss:.0f} MB "
          f"(≤ {RSS_TARGET_MB} MB; {rss_start:.0f} MB before the window); of it the heap {rss_mb('RssAnon'):.0f} MB, "
          f"mapped files {rss_mb('RssFile'):.0f} MB")
    ctx.tasks.wait(30000)
    QSettings().clear()
    return 0


if __name__ == "__main__":
    sys.exit(main())
