"""`crm backup` / `crm restore`: the JSON documented in docs/crm.md, the confirmation, exit statuses, and a damaged
SQLite file answered in one line."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from app import schema
from tests.cli.test_cli import crm, crm_process

MANIFEST_KEYS = {"company", "created_at", "source", "app_version", "schema_revision", "rows", "tables"}


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("demo")
    url = f"sqlite:///{folder / 'crm.sqlite3'}"
    assert crm("demo", "--customers", "20", db=url).returncode == 0
    return url


def test_backup_json_then_restore_json_into_a_new_database(demo_db: str, tmp_path: Path) -> None:
    file = tmp_path / "b.zip"
    made = crm("backup", str(file), "--json", db=demo_db)
    assert made.returncode == 0, made.stderr
    data = json.loads(made.stdout)
    assert set(data) == {"file", "size"} | MANIFEST_KEYS
    assert data["file"] == str(file) and data["size"] == file.stat().st_size
    assert data["source"] == "sqlite" and data["schema_revision"] == schema.head_revision()
    assert data["tables"]["customer"] == 20 and data["tables"]["app_user"] == 4
    assert data["rows"] == sum(data["tables"].values())
    assert data["company"].endswith("（演示）")

    checked = crm("restore", str(file), "--check", "--json")
    assert checked.returncode == 0, checked.stderr
    assert json.loads(checked.stdout) == {"file": str(file), "ok": True, **{k: data[k] for k in MANIFEST_KEYS}}

    target = f"sqlite:///{tmp_path / 'new' / 'crm.sqlite3'}"
    restored = crm("restore", str(file), "--json", db=target)  # an empty target needs no --yes
    assert restored.returncode == 0, restored.stderr
    out = json.loads(restored.stdout)
    assert out == {"file": str(file), "target": "sqlite", "aside": None, **{k: data[k] for k in MANIFEST_KEYS}}
    a = crm("report", "aging", "--as-of", "2026-06-30", "--json", db=demo_db)
    b = crm("report", "aging", "--as-of", "2026-06-30", "--json", db=target)
    assert json.loads(a.stdout) == json.loads(b.stdout)


def test_default_file_and_text_output(demo_db: str) -> None:
    result = crm("backup", db=demo_db)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("已备份：") and "/backups/" in result.stdout
    assert "_备份_" in result.stdout and result.stdout.rstrip().endswith("KB）")


def test_restore_over_data_needs_yes_and_keeps_the_old_aside(demo_db: str, tmp_path: Path) -> None:
    file = tmp_path / "b.zip"
    assert crm("backup", str(file), db=demo_db).returncode == 0
    refused = crm_process("restore", str(file), db=demo_db)  # stdin is no terminal: no question, a refusal
    assert refused.returncode == 1 and refused.stdout == ""
    assert refused.stderr.startswith("错误：还原会用备份替换数据库") and "--yes" in refused.stderr
    done = crm("restore", str(file), "--yes", "--json", db=demo_db)
    assert done.returncode == 0, done.stderr
    aside = json.loads(done.stdout)["aside"]
    assert aside and "_还原前_" in aside and Path(aside).exists()


@pytest.mark.parametrize("content, code", [(b"not a zip", "不是本程序的备份文件"), (None, "找不到备份文件")])
def test_bad_files_exit_1_in_one_line(tmp_path: Path, content: bytes | None, code: str) -> None:
    file = tmp_path / "x.zip"
    if content is not None:
        file.write_bytes(content)
    target = f"sqlite:///{tmp_path / 't.sqlite3'}"
    result = crm("restore", str(file), "--yes", db=target)
    assert result.returncode == 1 and code in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_usage(tmp_path: Path) -> None:
    assert crm("restore").returncode == 2
    assert crm("backup", "--bogus").returncode == 2


def test_a_damaged_file_is_one_line_never_a_traceback(demo_db: str, tmp_path: Path) -> None:
    path = Path(demo_db.removeprefix("sqlite:///"))
    for name, damage in (("overwritten", lambda b: b"x" * 4096 + b[4096:]), ("truncated", lambda b: b[:300_000]),
                         ("inner", lambda b: b[:4096] + bytes(range(256)) * ((len(b) - 4096) // 256))):
        bad = tmp_path / f"{name}.sqlite3"
        bad.write_bytes(damage(path.read_bytes()))
        result = crm_process("report", "aging", "--json", db=f"sqlite:///{bad}")
        assert result.returncode == 1, (name, result.stderr)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in result.stderr, (name, result.stderr)
        assert lines[0].startswith(f"错误：数据库文件「{bad}」已损坏"), (name, lines[0])
        assert "crm restore" in lines[0] and ("最新的备份是" in lines[0] or "没有找到备份文件" in lines[0])


def test_restore_over_a_damaged_file_puts_it_aside(demo_db: str, tmp_path: Path) -> None:
    file = tmp_path / "b.zip"
    assert crm("backup", str(file), db=demo_db).returncode == 0
    bad = tmp_path / "crm.sqlite3"
    bad.write_bytes(b"x" * 8192 + Path(demo_db.removeprefix("sqlite:///")).read_bytes()[8192:])
    result = crm("restore", str(file), "--json", db=f"sqlite:///{bad}")  # nothing to replace: no --yes needed
    assert result.returncode == 0, result.stderr
    aside = json.loads(result.stdout)["aside"]
    assert Path(aside).name.startswith("crm.sqlite3.损坏-") and Path(aside).read_bytes()[:8] == b"x" * 8
    report = crm("report", "aging", "--as-of", "2026-06-30", "--json", db=f"sqlite:///{bad}")
    assert report.returncode == 0 and json.loads(report.stdout)["rows"]
