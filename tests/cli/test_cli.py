"""The `crm` command through its real entry point: exit codes, messages and CONTRACT.md JSON."""
from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from app.cli import main
from app.db import make_engine
from models import Salesperson
from tests.core.builders import Book

D = Decimal


def crm_process(*args: str, db: str | None = None) -> subprocess.CompletedProcess[str]:
    """The installed `crm` script (or `python -m app.cli` in a bare checkout) in a child process."""
    exe = shutil.which("crm")
    cmd = [exe] if exe else [sys.executable, "-m", "app.cli"]
    if db:
        cmd += ["--db", db]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    return subprocess.run([*cmd, *args], capture_output=True, text=True, env=env, timeout=120)


def crm(*args: str, db: str | None = None) -> subprocess.CompletedProcess[str]:
    """`crm …` through app.cli.main in this process (fast), with the same result shape."""
    out, err = io.StringIO(), io.StringIO()
    argv = (["--db", db] if db else []) + list(args)
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return subprocess.CompletedProcess(argv, code, out.getvalue(), err.getvalue())


def test_real_entry_point(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'x.sqlite3'}"
    first = crm_process("init", db=db)
    assert first.returncode == 0 and "已创建" in first.stdout, first.stderr
    bad = crm_process("report", "nosuch", db=db)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    data = json.loads(crm_process("report", "aging", "--as-of", "2026-06-30", "--json", db=db).stdout)
    assert data == {"report": "aging", "params": {"as_of": "2026-06-30"}, "columns": data["columns"], "rows": [],
                    "totals": dict.fromkeys(data["totals"], "0.00")}


@pytest.fixture
def ready_db(db_url: str) -> str:
    result = crm("init", "--company", "测试公司", db=db_url)
    assert result.returncode == 0, result.stderr
    return db_url


def test_init_is_idempotent_and_reports_need_init(db_url: str) -> None:
    before = crm("report", "aging", "--json", db=db_url)
    assert before.returncode == 1
    assert "crm init" in before.stderr and "Traceback" not in before.stderr
    first = crm("init", db=db_url)
    assert first.returncode == 0 and "已创建" in first.stdout
    again = crm("init", db=db_url)
    assert again.returncode == 0 and "无需更改" in again.stdout


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'x.sqlite3'}"
    for args in (("report", "nosuch"), ("report", "aging", "--as-of", "2026-13-01"), ("frobnicate",),
                 ("credit", "check", "C1"), ("report", "activity", "--from", "2026-01")):
        result = crm(*args, db=db)
        assert result.returncode == 2, (args, result.stderr)
        assert "Traceback" not in result.stderr


def _fill(db: str) -> None:
    engine = make_engine(db)
    with Session(engine) as s:
        sp = Salesperson(code="S01", name="张伟")
        s.add(sp)
        s.flush()
        book = Book(s)
        c1 = book.customer("C00012", term_days=30, credit_limit=D("1000.00"), owner_id=sp.id)
        c2 = book.customer("100234", term_days=0, credit_limit=D("0"))
        book.order(c1, date(2026, 5, 1), "600.00", cost="400.00")  # due 05-31: 30 days past due on 06-30
        book.order(c1, date(2026, 6, 20), "250.50", cost="200.00")  # due 07-20: not due
        book.receipt(c1, date(2026, 6, 1), "100.00")
        book.receipt(c2, date(2026, 6, 1), "80.00")  # prepayment: unapplied
        s.commit()
    engine.dispose()


def test_aging_json_exactly_as_contract(ready_db: str) -> None:
    _fill(ready_db)
    result = crm("report", "aging", "--as-of", "2026-06-30", "--json", db=ready_db)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    zero = "0.00"
    assert data == {
        "report": "aging",
        "params": {"as_of": "2026-06-30"},
        "columns": ["customer_code", "customer_name", "owner_code", "balance", "not_due", "d1_30", "d31_60",
                    "d61_90", "d90_plus", "unapplied"],
        "rows": [  # code-point order: "100234" before "C00012"
            {"customer_code": "100234", "customer_name": "客户100234", "owner_code": None, "balance": "-80.00",
             "not_due": zero, "d1_30": zero, "d31_60": zero, "d61_90": zero, "d90_plus": zero, "unapplied": "80.00"},
            {"customer_code": "C00012", "customer_name": "客户C00012", "owner_code": "S01", "balance": "750.50",
             "not_due": "250.50", "d1_30": "500.00", "d31_60": zero, "d61_90": zero, "d90_plus": zero,
             "unapplied": zero},
        ],
        "totals": {"balance": "670.50", "not_due": "250.50", "d1_30": "500.00", "d31_60": zero, "d61_90": zero,
                   "d90_plus": zero, "unapplied": "80.00"},
    }
    text = crm("report", "aging", "--as-of", "2026-06-30", db=ready_db)
    assert text.returncode == 0 and "C00012" in text.stdout and "核对" in text.stdout


def test_credit_check_json(ready_db: str) -> None:
    _fill(ready_db)
    result = crm("credit", "check", "C00012", "--amount", "300", "--date", "2026-06-30", "--json", db=ready_db)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert {k: v for k, v in data.items() if k != "reasons"} == {
        "customer_code": "C00012", "date": "2026-06-30", "amount": "300.00", "decision": "hold",
        "balance": "750.50", "overdue": "500.00", "unapplied": "0.00", "credit_limit": "1000.00",
        "exposure": "1050.50",
    }
    assert [r["code"] for r in data["reasons"]] == ["OVERDUE", "OVER_LIMIT"]
    assert all(r["message"] for r in data["reasons"])
    missing = crm("credit", "check", "NOPE", "--amount", "1", db=ready_db)
    assert missing.returncode == 1 and "NOPE" in missing.stderr
    bad = crm("credit", "check", "C00012", "--amount", "1.001", db=ready_db)
    assert bad.returncode == 2


CONTRACT_KEYS = {
    "activity": ["salesperson_code", "month", "assigned", "active", "rate"],
    "margin": ["customer_code", "revenue", "cost", "gross_profit", "margin"],
    "abc": ["customer_code", "revenue_12m", "suggested_grade", "grade"],
    "potential": ["customer_code", "last6", "prior6", "growth", "active_months", "slope"],
    "dormant": ["customer_code", "last_order_date", "days_since"],
    "rfm": ["customer_code", "recency_days", "frequency", "monetary", "r", "f", "m"],
}


@pytest.mark.parametrize("name", sorted(CONTRACT_KEYS))
def test_every_report_has_the_contract_shape(name: str, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'x.sqlite3'}"
    assert crm("init", db=db).returncode == 0
    _fill(db)
    args = {"activity": ["--from", "2026-05", "--to", "2026-06"],
            "margin": ["--from", "2026-01-01", "--to", "2026-06-30"]}.get(name, ["--as-of", "2026-06-30"])
    result = crm("report", name, *args, "--json", db=db)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["report"] == name
    assert data["columns"][: len(CONTRACT_KEYS[name])] == CONTRACT_KEYS[name]
    for row in data["rows"]:
        assert set(CONTRACT_KEYS[name]) <= set(row)


def test_backup_is_no_longer_a_later_feature(ready_db: str, tmp_path: Path) -> None:
    result = crm("backup", str(tmp_path / "b.zip"), db=ready_db)  # tests/cli/test_backup_cli.py tests it fully
    assert result.returncode == 0 and "后续版本" not in result.stderr


# --- the newcomer path: `crm demo` makes the company the desktop opens --------------------------------------------


def test_demo_on_a_new_database_is_the_desktops_demo_company(db_url: str) -> None:
    from app import startup

    result = crm("demo", "--customers", "20", db=db_url)
    assert result.returncode == 0, result.stderr
    assert "已创建数据库" in result.stdout and "演示公司已生成" in result.stdout
    assert "admin" in result.stdout and startup.DEMO_PASSWORD in result.stdout
    assert "Traceback" not in result.stderr and "alembic" not in result.stderr
    db = startup.open_database(db_url)
    try:
        assert db.state == "ready"  # the desktop goes straight to its login dialog
        assert startup.login(db, "admin", "123456").role == "admin"
        for login, role, _name, _salesperson in startup.DEMO_USERS:
            assert startup.login(db, login, startup.DEMO_PASSWORD).role == role
    finally:
        db.engine.dispose()
    again = crm("demo", "--customers", "20", db=db_url)
    assert again.returncode == 1 and again.stdout == ""
    assert "已经有公司和登录账户" in again.stderr and "Traceback" not in again.stderr


def test_demo_after_init_creates_the_logins(tmp_path: Path) -> None:
    from app import startup

    db_url = f"sqlite:///{tmp_path / 'x.sqlite3'}"
    assert crm("init", "--company", "测试公司", db=db_url).returncode == 0
    result = crm("demo", "--customers", "20", "--seed", "2", db=db_url)
    assert result.returncode == 0, result.stderr
    assert "已创建数据库" not in result.stdout
    db = startup.open_database(db_url)
    try:
        assert db.state == "ready"
        assert startup.login(db, "caiwu", startup.DEMO_PASSWORD).role == "finance"
    finally:
        db.engine.dispose()


def test_demo_refuses_a_database_with_customers(ready_db: str) -> None:
    _fill(ready_db)  # customers and documents, but no login yet
    result = crm("demo", "--customers", "20", db=ready_db)
    assert result.returncode == 1 and "已有客户或单据" in result.stderr and "Traceback" not in result.stderr


def test_demo_refuses_a_company_with_logins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db_url = f"sqlite:///{tmp_path / 'x.sqlite3'}"
    assert crm("init", "--company", "测试公司", db=db_url).returncode == 0
    monkeypatch.setattr(sys, "stdin", io.StringIO("secret-1\n"))
    added = crm("user", "add", "boss", "--role", "admin", "--password-stdin", db=db_url)
    assert added.returncode == 0, added.stderr
    result = crm("demo", "--customers", "20", db=db_url)
    assert result.returncode == 1 and result.stdout == ""
    assert "已经有公司和登录账户" in result.stderr and "Traceback" not in result.stderr


# --- quiet terminals: no Alembic log lines, no traceback when the reader of a pipe goes away -----------------------


def test_init_prints_nothing_on_stderr(tmp_path: Path) -> None:
    result = crm_process("init", db=f"sqlite:///{tmp_path / 'x.sqlite3'}")
    assert result.returncode == 0 and "已创建" in result.stdout
    assert result.stderr == ""


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.sqlite3'}"
    result = crm("demo", "--customers", "20", db=db)
    assert result.returncode == 0, result.stderr
    return db


def test_closed_pipe_ends_quietly(demo_file: str) -> None:
    """The reader is gone before `crm` writes a byte: exit 141 (128 + SIGPIPE) and nothing on stderr."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        exe = shutil.which("crm")
        cmd = [exe] if exe else [sys.executable, "-m", "app.cli"]
        env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
        result = subprocess.run([*cmd, "--db", demo_file, "report", "aging", "--as-of", "2026-06-30"],
                                stdout=write_end, stderr=subprocess.PIPE, text=True, env=env, timeout=120)
    finally:
        os.close(write_end)
    assert result.returncode == 141
    assert result.stderr == "", result.stderr


@pytest.mark.skipif(shutil.which("head") is None, reason="needs head(1)")
def test_piped_into_head_ends_quietly(demo_file: str) -> None:
    """`crm report … --json | head -1`: the first line arrives and the rest ends without a traceback."""
    exe = shutil.which("crm")
    crm_cmd = exe if exe else f"{sys.executable} -m app.cli"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    script = f'{crm_cmd} --db "{demo_file}" report rfm --as-of 2026-06-30 --json | head -1; echo "status=${{PIPESTATUS[0]}}"'
    result = subprocess.run(["bash", "-c", script], capture_output=True, text=True, env=env, timeout=120)
    lines = result.stdout.splitlines()
    assert lines[0] == "{" and lines[-1] in ("status=0", "status=141")
    assert "Traceback" not in result.stderr and "BrokenPipe" not in result.stderr, result.stderr


def test_malformed_report_periods_are_usage_errors(ready_db: str) -> None:
    for args in (("report", "activity", "--from", "2026-13", "--to", "2026-14"),
                 ("report", "margin", "--from", "2026-1-1", "--to", "2026-02-01")):
        result = crm(*args, db=ready_db)
        assert result.returncode == 2, (args, result.stderr)
        assert "用法错误" in result.stderr and "Traceback" not in result.stderr


def test_the_builtin_command_list_is_the_parsers() -> None:
    """Plugins (the desktop's `chart`) load only for a command that is not built in: the list must be complete."""
    from app import cli

    parser = cli.build_parser(plugins=False)
    sub = next(a for a in parser._actions if a.dest == "command")  # noqa: SLF001 - argparse keeps them there
    assert set(sub.choices) == cli.BUILTIN_COMMANDS
    assert cli._command_of(["--db", "sqlite:///x", "report", "aging"]) == "report"  # noqa: SLF001
