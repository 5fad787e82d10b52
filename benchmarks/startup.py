"""Process start, each beside its baseline in the same run (interleaved; best and median of the repeats):

1. `crm-desktop` to its login dialog on a database this PC has opened before (the usual start), against a bare
   PySide6 window (QApplication + QWidget shown): target ≤ 4×. The first start of a database (the full path, which
   opens it before showing the dialog) is printed beside it.
2. `crm credit check` as a whole process against `python -c "import sqlalchemy.orm"`: target ≤ 2×.

    PYTHONPATH=. python benchmarks/startup.py [--db benchmarks/data/bench.sqlite3] [--repeat 5]
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BARE = """
import os, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication(sys.argv)
w = QWidget(); w.show()
QTimer.singleShot(0, lambda: (print(time.time()), os._exit(0)))
app.exec()
"""
DESKTOP = """
import os, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from ui import main
app = QApplication(sys.argv)
app.setApplicationName("crm-desktop"); app.setOrganizationName("crm-desktop")
main.install_translator(app)
main.ensure_chinese_font()
QTimer.singleShot(0, lambda: (print(time.time()), os._exit(0)))  # fires once the first dialog is shown
main.start(app)
"""


def run(code: str, env: dict[str, str]) -> float:
    """Seconds from starting the process to the moment it printed (its window or dialog shown)."""
    t0 = time.time()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    return float(out.stdout.strip().splitlines()[-1]) - t0


def timed(args: list[str], env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(args, capture_output=True, env=env, check=True)
    return time.perf_counter() - t0


def line(what: str, ours: list[float], base: list[float], target: float) -> str:
    ratio = min(ours) / min(base)
    return (f"{what}: best {min(ours):.3f} s (median {statistics.median(ours):.3f}), baseline best {min(base):.3f} s "
            f"(median {statistics.median(base):.3f}): {ratio:.2f}× — {'PASS' if ratio <= target else 'FAIL'} "
            f"(≤ {target:g}×)")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default=str(ROOT / "benchmarks" / "data" / "bench.sqlite3"))
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp())
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_CONFIG_HOME": str(home / "config"),
           "HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    url = f"sqlite:///{Path(args.db).resolve()}"
    setup = ("from ui.store import qsettings, forget_database, remember_database; "
             f"qsettings().setValue('db/url', {url!r}); ")
    bare, known, first, crm, sqla = [], [], [], [], []
    crm_args = [str(Path(sys.executable).parent / "crm"), "--db", url, "credit", "check", "C000004", "--amount", "100"]
    for _ in range(args.repeat):
        bare.append(run(BARE, env))
        subprocess.run([sys.executable, "-c", setup + f"remember_database({url!r}, '基准测试公司', '本机文件')"],
                       env=env, check=True)
        known.append(run(DESKTOP, env))
        subprocess.run([sys.executable, "-c", setup + f"forget_database({url!r})"], env=env, check=True)
        first.append(run(DESKTOP, env))
        crm.append(timed(crm_args, env))
        sqla.append(timed([sys.executable, "-c", "import sqlalchemy.orm"], env))
    print(line("desktop start → login dialog (a database opened before)", known, bare, 4))
    print(f"  first start of a database (opened before the dialog shows): best {min(first):.3f} s, "
          f"{min(first) / min(bare):.2f}× the bare window")
    print(line("crm credit check, whole process", crm, sqla, 2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
