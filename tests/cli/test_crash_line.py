"""An unexpected error in `crm`: one line on stderr naming the log, exit status 1, the traceback in the log."""
from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from app import cli, logs, paths


def _boom(_args: object) -> int:
    raise RuntimeError("磁盘出错\n第二行")


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(list(argv))
    return code, out.getvalue(), err.getvalue()


def test_a_bug_prints_one_line_and_logs_the_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paths, "data_dir", lambda: tmp_path)
    monkeypatch.setattr(cli, "cmd_init", _boom)
    code, out, err = _run("--db", f"sqlite:///{tmp_path / 'crm.sqlite3'}", "init")
    log = tmp_path / "logs" / "crm.log"
    assert (code, out) == (1, "")
    assert err == f"错误：程序出现意外错误（RuntimeError: 磁盘出错），操作没有完成。详情见日志 {log}\n"
    text = log.read_text("utf-8")
    assert "ERROR app.logs: unexpected error in crm: RuntimeError: 磁盘出错" in text
    assert "Traceback (most recent call last)" in text and "in _boom" in text and "第二行" in text
    assert logs.current_file() is None  # the handler went with the run


def test_a_run_without_errors_writes_no_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paths, "data_dir", lambda: tmp_path)
    code, out, _err = _run("--db", f"sqlite:///{tmp_path / 'crm.sqlite3'}", "init")
    assert code == 0 and "已创建数据库" in out
    assert not (tmp_path / "logs").exists()


def test_ctrl_c_stops_with_130_and_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(_args: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(paths, "data_dir", lambda: tmp_path)
    monkeypatch.setattr(cli, "cmd_init", interrupted)
    assert _run("--db", f"sqlite:///{tmp_path / 'crm.sqlite3'}", "init") == (130, "", "已中断\n")


def test_the_process_shows_no_traceback(tmp_path: Path) -> None:
    """The whole process, as a script calls it: status 1 and exactly one line on stderr."""
    code = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from app import cli, paths
        paths.data_dir = lambda: Path({str(tmp_path)!r})
        def boom(_args):
            raise ZeroDivisionError("division by zero")
        cli.cmd_init = boom
        sys.exit(cli.main(["--db", {f"sqlite:///{tmp_path / 'crm.sqlite3'}"!r}, "init"]))
    """)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.splitlines() == [
        f"错误：程序出现意外错误（ZeroDivisionError: division by zero），操作没有完成。详情见日志 {tmp_path / 'logs' / 'crm.log'}"]
    assert "ZeroDivisionError: division by zero" in (tmp_path / "logs" / "crm.log").read_text("utf-8")
