"""Backup and restore: round trips between SQLite and PostgreSQL with every table equal (money in fen, the audit log),
refused files (tampered, wrong revision, not a backup) touching nothing, the data kept aside, PostgreSQL's sequences,
and a restore killed with SIGKILL half-way leaving the previous data."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
import zipfile
from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, func, select, text
from sqlalchemy.orm import Session, sessionmaker

from app import audit, backup, demo, schema
from app.context import Actor
from app.db import make_engine
from app.errors import PermissionDenied, UserError
from models import Customer

ADMIN = Actor(login="boss", role="admin")
ROOT = Path(__file__).resolve().parents[2]


def dump(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows as stored (money and quantities as their integers), in primary-key order."""
    out = {}
    with engine.connect() as conn:
        for table in backup.raw_tables():
            rows = conn.execute(select(table).order_by(*table.primary_key.columns)).all()
            out[table.name] = [tuple(r) for r in rows]
    return out


def fill(url: str, customers: int = 20, seed: int = 3) -> Engine:
    """A small demo company made through the migrations (as `crm init` / `crm demo`), plus a customer whose credit
    limit is 12,345.67 and two audit entries."""
    engine = make_engine(url)
    schema.upgrade(engine)
    sessions = sessionmaker(engine, expire_on_commit=False)
    demo.generate(sessions, customers=customers, seed=seed, today=date(2026, 6, 30))
    with sessions.begin() as s:
        s.add(Customer(code="FEN1", name="分毫不差公司", created=date(2026, 1, 2), credit_limit=Decimal("12345.67"),
                       term_days=30))
    audit.record(sessions, ADMIN, "settings.save", "", None, note="第一条")
    audit.record(sessions, ADMIN, "customer.credit", "customer", 1, limit="12345.67")
    return engine


@pytest.fixture
def pg_target(pg_url: str) -> Iterator[str]:
    """A second, empty PostgreSQL database beside the test one."""
    admin = create_engine(pg_url, isolation_level="AUTOCOMMIT")
    name = f"crm_restore_{uuid.uuid4().hex[:8]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield pg_url.rsplit("/", 1)[0] + f"/{name}"
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def target_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'target' / 'crm.sqlite3'}"
    return request.getfixturevalue("pg_target")


def test_round_trip_between_every_pair_of_kinds(db_url: str, target_url: str, tmp_path: Path) -> None:
    source = fill(db_url)
    before = dump(source)
    file = tmp_path / "b.zip"
    made = backup.make_backup(source, file)
    assert made.manifest.source == source.dialect.name
    assert made.manifest.counts() == {name: len(rows) for name, rows in before.items()}
    assert made.manifest.counts()["customer"] == 21 and made.manifest.counts()["audit_log"] >= 2

    target = make_engine(target_url)
    result = backup.restore(target, ADMIN, file)
    assert result.aside is None  # a new, empty target: nothing to keep aside
    after = dump(target)
    for name in before:
        if name != "audit_log":
            assert after[name] == before[name], name
    # the audit log as it was, then the restore's own entry
    assert after["audit_log"][:-1] == before["audit_log"]
    assert after["audit_log"][-1][3] == "restore"
    with target.connect() as conn:  # money as fen: 12,345.67 is 1234567 on both kinds
        assert conn.execute(text("SELECT credit_limit FROM customer WHERE code = 'FEN1'")).scalar() == 1234567
    assert schema.current_revision(target) == schema.head_revision()
    source.dispose()
    target.dispose()


def test_every_report_equal_after_the_move(db_url: str, target_url: str, tmp_path: Path) -> None:
    from tests.cli.test_cli import crm

    source = fill(db_url)
    file = tmp_path / "b.zip"
    backup.make_backup(source, file)
    backup.restore(make_engine(target_url), ADMIN, file)
    for args in (("aging", "--as-of", "2026-06-30"), ("margin", "--from", "2025-07-01", "--to", "2026-06-30"),
                 ("activity", "--from", "2025-07", "--to", "2026-06"), ("abc", "--as-of", "2026-06-30"),
                 ("rfm", "--as-of", "2026-06-30"), ("dormant", "--as-of", "2026-06-30"),
                 ("potential", "--as-of", "2026-06-30")):
        a = crm("report", *args, "--json", db=db_url)
        b = crm("report", *args, "--json", db=target_url)
        assert a.returncode == 0 and b.returncode == 0, (a.stderr, b.stderr)
        assert json.loads(a.stdout) == json.loads(b.stdout), args
        assert json.loads(a.stdout)["rows"], args  # not equal by being empty


def test_restore_replaces_data_in_place_and_keeps_the_old_aside(db_url: str, tmp_path: Path) -> None:
    engine = fill(db_url, seed=3)
    file = tmp_path / "b.zip"
    backup.make_backup(engine, file)
    wanted = dump(engine)
    with Session(engine) as s, s.begin():  # work done after the backup: replaced by the restore, kept aside
        s.add(Customer(code="LATE", name="备份之后的客户", created=date(2026, 6, 1)))
    late = dump(engine)
    result = backup.restore(engine, ADMIN, file)
    now = dump(engine)
    assert {k: v for k, v in now.items() if k != "audit_log"} == {k: v for k, v in wanted.items() if k != "audit_log"}
    assert result.aside is not None and result.aside.exists()
    kept = backup.verify(result.aside)
    assert kept.counts()["customer"] == len(late["customer"]) == len(wanted["customer"]) + 1
    if engine.dialect.name == "postgresql":  # ids continue after the highest restored one
        with Session(engine) as s, s.begin():
            c = Customer(code="NEXT", name="还原后新建", created=date(2026, 7, 1))
            s.add(c)
            s.flush()
            assert c.id == max(r[0] for r in wanted["customer"]) + 1


def _rewrite(src: Path, dst: Path, change: dict[str, bytes]) -> None:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, change.get(info.filename, zin.read(info.filename)))


@pytest.fixture
def sqlite_company(tmp_path: Path) -> tuple[Engine, Path]:
    engine = fill(f"sqlite:///{tmp_path / 'crm.sqlite3'}")
    file = tmp_path / "good.zip"
    backup.make_backup(engine, file)
    return engine, file


def test_a_tampered_backup_is_refused_before_touching_anything(sqlite_company: tuple[Engine, Path],
                                                               tmp_path: Path) -> None:
    engine, good = sqlite_company
    with zipfile.ZipFile(good) as z:
        manifest = json.loads(z.read(backup.MANIFEST))
        member = next(t["member"] for t in manifest["tables"] if t["name"] == "customer")
        data = z.read(member)
    # one customer's credit limit raised by 1 fen: 1234567 → 1234568
    assert b"1234567" in data
    bad = tmp_path / "tampered.zip"
    _rewrite(good, bad, {member: data.replace(b"1234567", b"1234568")})
    before = dump(engine)
    with pytest.raises(UserError) as err:
        backup.restore(engine, ADMIN, bad)
    assert err.value.code == "backup.checksum" and member in str(err.value)
    assert dump(engine) == before
    assert not list((tmp_path / "backups").glob("*")) if (tmp_path / "backups").exists() else True

    # a row removed and the manifest's checksum "fixed" too: the count gives it away
    lines = data.splitlines(keepends=True)
    import hashlib

    table = next(t for t in manifest["tables"] if t["name"] == "customer")
    table["sha256"] = hashlib.sha256(b"".join(lines[1:])).hexdigest()
    _rewrite(good, bad, {member: b"".join(lines[1:]), backup.MANIFEST: json.dumps(manifest).encode()})
    with pytest.raises(UserError) as err:
        backup.verify(bad)
    assert err.value.code == "backup.count"
    assert f"{len(lines) - 1} 行，应为 {len(lines)} 行" in str(err.value)


def test_a_backup_of_another_revision_is_refused(sqlite_company: tuple[Engine, Path], tmp_path: Path) -> None:
    engine, good = sqlite_company
    with zipfile.ZipFile(good) as z:
        manifest = json.loads(z.read(backup.MANIFEST))
    manifest["schema_revision"] = "5868e9d40ddc"
    bad = tmp_path / "old.zip"
    _rewrite(good, bad, {backup.MANIFEST: json.dumps(manifest).encode()})
    before = dump(engine)
    with pytest.raises(UserError) as err:
        backup.restore(engine, ADMIN, bad)
    assert err.value.code == "backup.wrong_revision"
    assert "5868e9d40ddc" in str(err.value) and schema.head_revision() in str(err.value)
    assert dump(engine) == before


def test_files_that_are_no_backup(tmp_path: Path) -> None:
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(UserError) as err:
        backup.verify(junk)
    assert err.value.code == "backup.not_backup"
    other = tmp_path / "other.zip"
    with zipfile.ZipFile(other, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(UserError) as err:
        backup.verify(other)
    assert err.value.code == "backup.not_backup"
    with pytest.raises(UserError) as err:
        backup.verify(tmp_path / "missing.zip")
    assert err.value.code == "backup.no_file"


def test_a_truncated_backup_is_refused(sqlite_company: tuple[Engine, Path], tmp_path: Path) -> None:
    _engine, good = sqlite_company
    cut = tmp_path / "cut.zip"
    cut.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    with pytest.raises(UserError) as err:
        backup.verify(cut)
    assert err.value.code in ("backup.not_backup", "backup.damaged_member")


def test_only_administrators_back_up_and_restore(sqlite_company: tuple[Engine, Path], tmp_path: Path) -> None:
    engine, good = sqlite_company
    sales = Actor(login="xiaoshou", role="sales")
    with pytest.raises(PermissionDenied):
        backup.backup(engine, sales, tmp_path / "x.zip")
    with pytest.raises(PermissionDenied):
        backup.restore(engine, sales, good)
    assert not (tmp_path / "x.zip").exists()


def test_the_backup_use_case_names_the_file_and_is_audited(sqlite_company: tuple[Engine, Path]) -> None:
    engine, _good = sqlite_company
    result = backup.backup(engine, ADMIN, now=datetime(2026, 7, 1, 8, 30, 5))
    assert result.path.parent == Path(engine.url.database).parent / "backups"
    assert result.path.name.endswith("（演示）_备份_20260701-083005.zip")
    with engine.connect() as conn:
        last = conn.execute(text("SELECT login, action, detail FROM audit_log ORDER BY id DESC LIMIT 1")).one()
    assert last[0] == "boss" and last[1] == "backup" and result.path.name in last[2]


# --- automatic backups ----------------------------------------------------------------------------------------------


def test_automatic_backups_when_due_and_keep_the_newest(sqlite_company: tuple[Engine, Path], tmp_path: Path) -> None:
    engine, _good = sqlite_company
    folder = tmp_path / "auto"
    settings = backup.AutoSettings(enabled=True, folder=str(folder), keep=2, every_days=1)
    url = str(engine.url)
    assert backup.due(url, settings)
    made = [backup.auto_backup(engine, ADMIN, settings) for _ in range(1)]
    assert made[0] is not None and made[0].path.parent == folder
    assert backup.auto_backup(engine, ADMIN, settings) is None  # made minutes ago: not due
    assert not backup.due(url, settings, now=time.time() + 3600)
    assert backup.due(url, settings, now=time.time() + 86400)
    forced = []
    for _ in range(3):  # forced ones (the desktop's close when due)
        result = backup.auto_backup(engine, ADMIN, settings, force=True)
        assert result is not None
        forced.append(result.path)
    assert backup.automatic_backups(folder) == forced[1:]  # the two newest; the oldest two were deleted
    assert len(list(folder.glob("*.zip"))) == 2
    assert backup.due(url, backup.AutoSettings(enabled=False, folder=str(folder))) is False


def test_retention_keeps_the_newest_n_and_one_per_month(tmp_path: Path) -> None:
    folder = tmp_path / "auto"
    folder.mkdir()
    made = {}
    # (name, year, month, day): three in January, two in February, four in March
    for n, (month, day) in enumerate([(1, 3), (1, 15), (1, 28), (2, 2), (2, 20), (3, 1), (3, 2), (3, 3), (3, 4)]):
        path = folder / f"公司_{backup.AUTO_KIND}_2026{month:02d}{day:02d}-0900{n:02d}.zip"
        path.write_bytes(b"x")
        stamp = datetime(2026, month, day, 9, 0, n).timestamp()
        os.utime(path, (stamp, stamp))
        made[(month, day)] = path
    (folder / "公司_备份_20260101-090000.zip").write_bytes(b"manual")  # a manual backup is never pruned
    gone = backup.prune(folder, keep=3)
    left = {p.name for p in folder.iterdir()}
    assert left == {made[(1, 28)].name, made[(2, 20)].name, made[(3, 2)].name, made[(3, 3)].name,
                    made[(3, 4)].name, "公司_备份_20260101-090000.zip"}
    assert sorted(p.name for p in gone) == sorted(made[k].name for k in [(1, 3), (1, 15), (2, 2), (3, 1)])


def test_a_backup_is_one_snapshot_while_others_write(db_url: str, tmp_path: Path) -> None:
    engine = fill(db_url)
    other = make_engine(db_url)
    customers = len(dump(engine)["customer"])
    written: list[float] = []

    def progress(_stage: str, done: int, _total: int) -> None:
        if not written:  # another PC saves a customer while the backup is being read
            started = time.perf_counter()
            with Session(other) as s, s.begin():
                s.add(Customer(code="DURING", name="备份中新建", created=date(2026, 7, 1)))
            written.append(time.perf_counter() - started)

    result = backup.make_backup(engine, tmp_path / "b.zip", progress=progress)
    assert written and written[0] < 2  # the writer was not stopped (no waiting for the busy timeout)
    assert result.manifest.counts()["customer"] == customers  # the snapshot of the backup's start
    assert len(dump(engine)["customer"]) == customers + 1
    other.dispose()


def test_automatic_backup_settings_are_checked_and_for_administrators(tmp_path: Path) -> None:
    file = tmp_path / "backup.json"
    with pytest.raises(PermissionDenied):
        backup.save_auto(Actor(login="x", role="manager"), backup.AutoSettings(), file)
    with pytest.raises(UserError) as err:
        backup.save_auto(ADMIN, backup.AutoSettings(keep=0), file)
    assert err.value.code == "backup.bad_keep"
    with pytest.raises(UserError) as err:
        backup.save_auto(ADMIN, backup.AutoSettings(every_days=400), file)
    assert err.value.code == "backup.bad_every_days"
    with pytest.raises(UserError) as err:
        backup.save_auto(ADMIN, backup.AutoSettings(folder="relative/dir"), file)
    assert err.value.code == "backup.folder_not_absolute"
    wanted = backup.AutoSettings(enabled=False, folder=str(tmp_path / "b"), keep=7, every_days=3)
    backup.save_auto(ADMIN, wanted, file)
    assert backup.load_auto(file) == wanted
    assert backup.load_auto(tmp_path / "none.json") == backup.AutoSettings()


# --- kill -9 during a restore ---------------------------------------------------------------------------------------

KILLED = """
import sys, time
from pathlib import Path
from app import backup
from app.context import Actor
from app.db import make_engine

def progress(stage, done, total):
    print(stage, done, total, flush=True)
    time.sleep(0.02)

backup.restore(make_engine(sys.argv[1]), Actor(login="k", role="admin"), Path(sys.argv[2]), progress=progress,
               keep_aside=False)
print("FINISHED", flush=True)
"""


@pytest.mark.parametrize("when", [0.15, 0.5, 0.85])
def test_kill_9_during_a_restore_leaves_the_previous_data(db_url: str, tmp_path: Path, when: float) -> None:
    # the backup: the demo company of seed 3; the database: another one (seed 5) with one more customer
    donor = fill(f"sqlite:///{tmp_path / 'donor.sqlite3'}", seed=3)
    file = tmp_path / "b.zip"
    total = backup.make_backup(donor, file).manifest.total_rows
    donor.dispose()
    engine = fill(db_url, seed=5)
    with Session(engine) as s, s.begin():
        s.add(Customer(code="MINE", name="原有客户", created=date(2026, 6, 1)))
    before = dump(engine)
    engine.dispose()

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-c", KILLED, db_url, str(file)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)
    assert proc.stdout is not None
    target = int(total * when)
    seen = 0
    for line in proc.stdout:
        parts = line.split()
        if len(parts) == 3 and parts[1].isdigit():
            seen = int(parts[1])
            if seen >= target:
                break
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL and 0 < seen < total  # killed half-way, not after the end

    engine = make_engine(db_url)
    if engine.dialect.name == "sqlite":
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
    assert dump(engine) == before  # the previous state, row for row
    with Session(engine) as s:
        assert s.scalar(select(func.count()).select_from(Customer).where(Customer.code == "MINE")) == 1
    # and the append-only guard is still there (the restore's dropping of it was rolled back too)
    with pytest.raises(Exception, match="append-only"), engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_log"))
    engine.dispose()
