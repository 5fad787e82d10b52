"""Desktop speed at 100,000 customers (offscreen Qt): start to login dialog, customer tab, typing, scrolling, memory.

    python benchmarks/gui.py [--db benchmarks/data/bench.sqlite3]

Targets (issue 3): process start to login dialog ≤ 1.5 s; customer tab shown ≤ 0.5 s; keystroke in the search
box to updated list ≤ 100 ms; scrolling to the end without stalls; resident memory ≤ 300 MB with the tab open.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def child_login(url: str) -> None:
    """Runs in a fresh process: import the app, open the database, show the login dialog, print the clock."""
    from PySide6.QtWidgets import QApplication

    from app import settings as app_settings
    from app import startup
    from ui.dialogs.login import LoginDialog

    app = QApplication(sys.argv)
    db = startup.open_database(url)
    with db.sessions() as s:
        company = app_settings.load(s).company_name
    dialog = LoginDialog(db, company)
    dialog.show()
    app.processEvents()
    print(time.time())


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default=str(ROOT / "benchmarks" / "data" / "bench.sqlite3"))
    parser.add_argument("--child-login")
    args = parser.parse_args()
    if args.child_login:
        child_login(args.child_login)
        return 0
    url = f"sqlite:///{args.db}"
    results: list[tuple[str, str, bool | None]] = []

    starts = []
    for _ in range(3):
        t0 = time.time()
        out = subprocess.run([sys.executable, __file__, "--child-login", url], capture_output=True, text=True,
                             check=True).stdout
        starts.append(float(out.strip().splitlines()[-1]) - t0)
    best = min(starts)
    results.append(("process start → login dialog", f"{best:.2f} s (runs: {', '.join(f'{s:.2f}' for s in starts)})",
                    best <= 1.5))

    from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from app import startup
    from app.context import Actor
    from ui.context import AppContext
    from ui.customers.tab import DEBOUNCE_MS, CustomersTab

    app = QApplication(sys.argv)
    db = startup.open_database(url)
    ctx = AppContext(db, Actor("bench", "admin"))
    rss_before = rss_mb()

    def wait_loaded(tab: CustomersTab, timeout_ms: int = 30000) -> None:
        loop = QEventLoop()
        tab.loaded.connect(loop.quit)
        QTimer.singleShot(timeout_ms, loop.quit)
        loop.exec()
        tab.loaded.disconnect(loop.quit)

    t0 = time.perf_counter()
    tab = CustomersTab(ctx)
    tab.resize(1280, 760)
    tab.show()
    app.processEvents()
    shown = time.perf_counter() - t0
    wait_loaded(tab)
    filled = time.perf_counter() - t0
    results.append(("customer tab shown", f"{shown * 1000:.0f} ms", shown <= 0.5))
    results.append(("customer tab filled (100,000 rows, in the background)", f"{filled * 1000:.0f} ms", None))

    timings = []
    for text in ("b", "bj", "bjh", "c", "cq", "北", "北京", "C0", "C001", "138"):
        tab.search.clear()
        wait_loaded(tab)
        tab.search.setFocus()
        t0 = time.perf_counter()
        for ch in text:  # QTest types ASCII only; Chinese arrives as an input-method commit would
            if ch.isascii():
                QTest.keyClick(tab.search, ch)
            else:
                tab.search.insert(ch)
        wait_loaded(tab)
        tab.view.viewport().repaint()  # to the repainted list: the visible rows' cells read and drawn
        timings.append((text, time.perf_counter() - t0, tab.model.rowCount()))
    worst = max(t for _, t, _ in timings)
    detail = ", ".join(f"{text!r} {t * 1000:.0f} ms/{n}" for text, t, n in timings)
    results.append((f"keystroke → updated list, incl. {DEBOUNCE_MS} ms typing pause",
                    f"median {statistics.median(t for _, t, _ in timings) * 1000:.0f} ms, worst {worst * 1000:.0f} ms "
                    f"({detail})", worst <= 0.1))
    results.append(("keystroke → updated list, query only (pause excluded)",
                    f"median {(statistics.median(t for _, t, _ in timings) * 1000 - DEBOUNCE_MS):.0f} ms, "
                    f"worst {(worst * 1000 - DEBOUNCE_MS):.0f} ms", worst * 1000 - DEBOUNCE_MS <= 100))

    tab.search.clear()
    wait_loaded(tab)
    bar = tab.view.verticalScrollBar()
    steps, step_times = 400, []
    for i in range(steps + 1):
        t0 = time.perf_counter()
        bar.setValue(bar.maximum() * i // steps)
        tab.view.viewport().repaint()
        step_times.append(time.perf_counter() - t0)
    QTest.keyClick(tab.view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    last_row = tab.model.row_of(tab.model.rowCount() - 1)
    results.append(("scroll to the end in 400 steps", f"worst step {max(step_times) * 1000:.0f} ms, median "
                    f"{statistics.median(step_times) * 1000:.1f} ms; last row {last_row.code if last_row else '?'}",
                    max(step_times) <= 0.1))
    rss = rss_mb()
    results.append(("resident memory with the tab open", f"{rss:.0f} MB (before the tab: {rss_before:.0f} MB)",
                    rss <= 300))

    print(f"database: {args.db}; {os.cpu_count()} CPUs; load average {os.getloadavg()}")
    for name, value, ok in results:
        verdict = "" if ok is None else ("PASS" if ok else "FAIL")
        print(f"{verdict:5} {name}: {value}")
    ctx.tasks.wait(10000)
    tab.close()  # the widgets go before the application does: left to the interpreter's exit, Qt crashed
    tab.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.processEvents()
    db.engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
