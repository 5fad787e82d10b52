"""`crm-desktop --self-test` from the source tree: the smoke path the installed bundle runs (installer/) passes here,
and a failure on the way is reported with its step and the error the interface showed, with exit status 1."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}  # the self-test sets offscreen itself
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)


def test_the_self_test_walks_the_smoke_path() -> None:
    done = _run("-m", "ui.main", "--self-test")
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    steps = [line.removeprefix("self-test: ") for line in lines if line.startswith("self-test: ")]
    assert steps == ["start Qt offscreen", "import every module", "make the demo company (60 customers)", "log in as admin",
                     "open the main window", "open a customer's card", "confirm a sales order", "record a receipt",
                     "show the aging", "export the aging to Excel", "write the aging as a PDF",
                     "draw the company chart", "close"]
    assert lines[-1].startswith("self-test passed")
    assert any(line.strip().startswith("XS-") for line in lines) and any(line.strip().startswith("SK-")
                                                                         for line in lines)
    assert any("reconciled" in line for line in lines) and any("Chinese text found" in line for line in lines)


def test_an_error_the_interface_shows_fails_the_self_test_at_its_step() -> None:
    broken = ("import sys; import ui.customers.card as card\n"
              "def load(*_args, **_kwargs): raise RuntimeError('the card cannot load')\n"
              "card.load = load\n"
              "from ui.main import main; sys.argv[1:] = ['--self-test']; sys.exit(main())")
    done = _run("-c", broken)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "self-test passed" not in done.stdout
    failure = [line for line in done.stderr.splitlines() if line.startswith("self-test FAILED")]
    assert failure == [failure[0]] and failure[0].startswith("self-test FAILED at \"open a customer's card\"")
    assert "RuntimeError: the card cannot load" in failure[0]
