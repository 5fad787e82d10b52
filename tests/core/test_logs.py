"""The log file: where it goes, that it rotates at 1 MB keeping five old files, and what a bug report holds."""
from __future__ import annotations

import logging
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import logs, paths


@pytest.fixture(autouse=True)
def _data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(paths, "data_dir", lambda: tmp_path / "data")
    yield
    logs.stop()


def _boom() -> RuntimeError:
    try:
        raise RuntimeError("库存表坏了\nsecond line")
    except RuntimeError as exc:
        return exc


def test_the_log_lives_in_the_data_folder_and_is_made_only_when_something_is_logged(tmp_path: Path) -> None:
    path = logs.start("crm-desktop", logging.WARNING)
    assert path == tmp_path / "data" / "logs" / "crm.log" == logs.current_file()
    assert not (tmp_path / "data").exists()
    logging.getLogger("app.test").warning("库存不足")
    assert "crm-desktop[" in path.read_text("utf-8") and "WARNING app.test: 库存不足" in path.read_text("utf-8")


def test_starting_twice_keeps_one_handler() -> None:
    first = logs.start("crm")
    assert logs.start("crm-desktop") == first
    assert sum(h.get_name() == logs.HANDLER_NAME for h in logging.getLogger().handlers) == 1


def test_the_file_rotates_at_one_megabyte_and_keeps_five_old_files(tmp_path: Path) -> None:
    path = logs.start("crm", logging.WARNING)
    line = "x" * 1000
    for _ in range(7_500):  # 7.5 MB of records: more than the file and its five old copies hold
        logging.getLogger("app.test").warning(line)
    names = sorted(p.name for p in path.parent.iterdir())
    assert names == ["crm.log", "crm.log.1", "crm.log.2", "crm.log.3", "crm.log.4", "crm.log.5"]
    assert all(p.stat().st_size <= 1_000_000 for p in path.parent.iterdir())
    assert path.with_name("crm.log.5").stat().st_size > 900_000


def test_logging_to_file_removes_its_handler_afterwards() -> None:
    with logs.logging_to_file("crm") as path:
        assert logs.current_file() == path
    assert logs.current_file() is None


def test_logging_to_file_leaves_a_handler_attached_before() -> None:
    path = logs.start("crm-desktop")
    with logs.logging_to_file("crm") as inner:
        assert inner == path
    assert logs.current_file() == path


def test_record_writes_the_traceback_once_and_returns_the_file() -> None:
    path = logs.start("crm", logging.WARNING)
    exc = _boom()
    assert logs.record(exc, "crm") == path
    assert logs.record(exc, "the desktop") == path  # met again on its way to the user
    text = path.read_text("utf-8")
    assert text.count("Traceback (most recent call last)") == 1
    assert "unexpected error in crm: RuntimeError: 库存表坏了" in text and "second line" in text


def test_a_log_that_cannot_be_written_costs_one_line_on_stderr(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    (tmp_path / "file").write_text("not a folder")
    logs.start("crm", logging.WARNING, tmp_path / "file" / "logs" / "crm.log")
    assert logs.record(_boom(), "crm") is None
    logging.getLogger("app.test").error("second record")
    err = capsys.readouterr().err
    assert err.count("无法写入日志文件") == 1 and "RuntimeError: 库存表坏了" in err


def test_summary_and_details() -> None:
    exc = _boom()
    assert logs.summary(exc) == "RuntimeError: 库存表坏了"
    assert logs.summary(KeyError()) == "KeyError"
    text = logs.details(exc, ["Qt 6"])
    assert text.startswith(f"crm-desktop {logs.app_version()}\nPython ")
    assert "Qt 6\n\nTraceback (most recent call last)" in text and text.endswith("second line")


def test_a_crash_below_python_is_in_the_log_of_the_next_start(tmp_path: Path) -> None:
    """A segmentation fault ends the process without an exception: faulthandler writes the stacks to faults.log,
    and the next start copies them into crm.log."""
    script = textwrap.dedent(f"""
        import faulthandler, sys
        from pathlib import Path
        from app import logs, paths
        paths.data_dir = lambda: Path({str(tmp_path / "data")!r})
        logs.start("crm-desktop")
        print(logs.catch_faults(), flush=True)
        if sys.argv[1] == "crash":
            def in_the_event_loop():
                faulthandler._sigsegv()
            in_the_event_loop()
    """)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    crashed = subprocess.run([sys.executable, "-c", script, "crash"], capture_output=True, text=True, env=env,
                             timeout=120)
    faults = tmp_path / "data" / "logs" / "faults.log"
    assert crashed.returncode != 0 and crashed.stdout.strip() == str(faults)
    assert "Segmentation fault" in faults.read_text("utf-8") and "in_the_event_loop" in faults.read_text("utf-8")
    again = subprocess.run([sys.executable, "-c", script, "fine"], capture_output=True, text=True, env=env,
                           timeout=120)
    assert again.returncode == 0
    log = (tmp_path / "data" / "logs" / "crm.log").read_text("utf-8")
    assert "ERROR app.logs: the previous run ended in a fatal error:" in log and "in_the_event_loop" in log
    assert faults.read_text("utf-8") == ""  # said once
