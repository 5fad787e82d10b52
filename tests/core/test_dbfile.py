"""The company's SQLite file: damage found at open (header, quick_check) as a message never a traceback, and a restore
that puts a damaged file aside; network shares told from crafted mount tables and Windows paths; the per-file lock."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from app import backup, dbfile, schema, startup
from app.context import Actor
from app.db import make_engine
from app.dbfile import DatabaseDamaged, header_problem, mounted_share, windows_share

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def company_file(tmp_path: Path) -> Path:
    """A small demo company in an SQLite file (migrations, 20 customers), checkpointed into the main file."""
    from sqlalchemy.orm import sessionmaker

    from app import demo

    path = tmp_path / "crm.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    schema.upgrade(engine)
    demo.generate(sessionmaker(engine), customers=20, seed=2, today=date(2026, 6, 30))
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


def _damaged_copy(src: Path, dst: Path, how: str) -> Path:
    data = src.read_bytes()
    if how == "overwritten":
        data = b"PK\x03\x04" + b"\x00" * 4092 + data[4096:]  # a zip written over the start
    elif how == "truncated":
        data = data[: len(data) // 3]
    else:  # "inner": the header intact, every later page garbage
        data = data[:4096] + bytes(range(256)) * ((len(data) - 4096) // 256)
    dst.write_bytes(data)
    return dst


def test_header_problems_in_words(company_file: Path, tmp_path: Path) -> None:
    assert header_problem(company_file) is None
    assert header_problem(tmp_path / "missing.sqlite3") is None  # SQLite makes a new database there
    empty = tmp_path / "empty.sqlite3"
    empty.write_bytes(b"")
    assert header_problem(empty) is None
    size = company_file.stat().st_size
    over = header_problem(_damaged_copy(company_file, tmp_path / "o.sqlite3", "overwritten"))
    assert over is not None and over.code == "backup.not_sqlite"
    cut = header_problem(_damaged_copy(company_file, tmp_path / "t.sqlite3", "truncated"))
    assert cut is not None and cut.code == "backup.truncated"
    assert str(cut) == f"文件不完整：只有 {size // 3:,} 字节，应有 {size:,} 字节（文件可能被截断）"


@pytest.mark.parametrize("how", ["overwritten", "truncated", "inner"])
def test_opening_a_damaged_file_is_a_message(company_file: Path, tmp_path: Path, how: str) -> None:
    bad = _damaged_copy(company_file, tmp_path / f"{how}.sqlite3", how)
    with pytest.raises(DatabaseDamaged) as err:
        startup.open_database(f"sqlite:///{bad}")
    text = str(err.value)
    assert text.startswith(f"数据库文件「{bad}」已损坏，无法打开：")
    assert "请从备份还原（文件 → 还原…，或 crm restore 备份文件）" in text
    assert "Traceback" not in text and "sqlite3." not in text


def test_a_whole_file_opens(company_file: Path) -> None:
    db = startup.open_database(f"sqlite:///{company_file}")
    assert db.state in ("ready", "empty")
    db.engine.dispose()


def test_restoring_over_a_damaged_file_puts_it_aside(company_file: Path, tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{company_file}")
    good = backup.make_backup(engine, tmp_path / "good.zip")
    engine.dispose()
    _damaged_copy(company_file, company_file, "inner")
    broken_bytes = company_file.read_bytes()
    offer = backup.newest_offer(f"sqlite:///{company_file}")
    assert offer == "没有找到备份文件。"  # good.zip is not in the backups folder
    result = backup.restore(make_engine(f"sqlite:///{company_file}"), Actor("boss", "admin"), good.path)
    assert result.aside is not None and result.aside.name.startswith("crm.sqlite3.损坏-")
    assert result.aside.read_bytes() == broken_bytes  # kept as it was, for whoever wants to look at it
    assert dbfile.quick_check(company_file) == []
    db = startup.open_database(f"sqlite:///{company_file}")
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM customer").scalar() == good.manifest.counts()["customer"]
    db.engine.dispose()


def test_the_newest_backup_is_offered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(backup, "settings_path", lambda: tmp_path / "none.json")
    url = f"sqlite:///{tmp_path / 'crm.sqlite3'}"
    folder = tmp_path / "backups"
    folder.mkdir()
    old, new = folder / "a_备份_1.zip", folder / "b_自动备份_2.zip"
    old.write_bytes(b"x")
    new.write_bytes(b"y")
    os.utime(old, (time.time() - 86400, time.time() - 86400))
    assert backup.newest_backup(url) == new
    assert backup.newest_offer(url).startswith(f"最新的备份是「{new}」（")


# --- network shares -------------------------------------------------------------------------------------------------

MOUNTS = """\
/dev/sda1 / ext4 rw,relatime 0 0
proc /proc proc rw 0 0
fileserver:/export/crm /mnt/nfs nfs4 rw,vers=4.2 0 0
//nas/公司 /mnt/my\\040share cifs rw,vers=3.0 0 0
/dev/sdb1 /mnt/nfs/local ext4 rw 0 0
nas:/x /srv/data fuse.sshfs rw 0 0
"""


@pytest.mark.parametrize("path, kind", [
    ("/home/user/.local/share/crm-desktop/crm.sqlite3", None),
    ("/mnt/nfs/crm.sqlite3", "nfs4"),
    ("/mnt/nfs/sub/dir/crm.sqlite3", "nfs4"),
    ("/mnt/nfsother/crm.sqlite3", None),  # a name beginning like the mount point is not inside it
    ("/mnt/my share/crm.sqlite3", "cifs"),  # /proc/mounts writes the space as \040
    ("/mnt/nfs/local/crm.sqlite3", None),  # a local disk mounted inside the share: the deepest mount counts
    ("/srv/data/crm.sqlite3", "fuse.sshfs"),
])
def test_mount_table(path: str, kind: str | None) -> None:
    assert mounted_share(path, MOUNTS) == kind


def test_network_share_reads_the_mount_table(tmp_path: Path) -> None:
    if sys.platform == "win32":
        pytest.skip("the mount table is Linux's")
    table = tmp_path / "mounts"
    table.write_text(f"/dev/sda1 / ext4 rw 0 0\nsrv:/e {tmp_path} nfs rw 0 0\n", encoding="utf-8")
    assert dbfile.network_share(tmp_path / "crm.sqlite3", table) == "nfs"
    assert dbfile.network_share(Path("/usr/crm.sqlite3"), table) is None
    assert dbfile.network_share(tmp_path / "x", tmp_path / "no-such-table") is None


@pytest.mark.parametrize("path, drive_type, kind", [
    ("\\\\fileserver\\公司\\crm.sqlite3", 3, "UNC"),
    ("//fileserver/share/crm.sqlite3", 3, "UNC"),
    ("Z:\\数据\\crm.sqlite3", 4, "network drive"),  # DRIVE_REMOTE
    ("C:\\Users\\a\\AppData\\Local\\crm-desktop\\crm.sqlite3", 3, None),  # DRIVE_FIXED
    ("E:\\crm.sqlite3", 2, None),  # DRIVE_REMOVABLE (a USB disk) is local
])
def test_windows_paths(path: str, drive_type: int, kind: str | None) -> None:
    asked: list[str] = []

    def drive(root: str) -> int:
        asked.append(root)
        return drive_type

    assert windows_share(path, drive) == kind
    if kind != "UNC":
        assert asked == [path[:2] + "\\"]


def test_the_network_message_points_to_postgresql() -> None:
    text = str(dbfile.msg_network(Path("/mnt/nfs/crm.sqlite3"), "nfs4"))
    assert "/mnt/nfs/crm.sqlite3" in text and "nfs4" in text and "PostgreSQL" in text


# --- one desktop per file -------------------------------------------------------------------------------------------

HOLD = """
import sys, time
from pathlib import Path
from app.dbfile import InstanceLock
lock = InstanceLock(Path(sys.argv[1]))
assert lock.acquire("xiaoshou") is None
print("held", flush=True)
time.sleep(60)
"""


def test_a_second_process_is_told_who_holds_the_file(tmp_path: Path) -> None:
    db = tmp_path / "crm.sqlite3"
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(db)], stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
        mine = dbfile.InstanceLock(db)
        holder = mine.acquire("admin")
        assert holder is not None and holder.pid == proc.pid and holder.here and holder.login == "xiaoshou"
        assert not holder.is_this_process
        assert dbfile.others_holding(db) == holder
        text = str(dbfile.msg_in_use(holder))
        assert "xiaoshou" in text and "另一个窗口" in text
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    # the holder was killed: the OS released its lock, the file left behind is stale
    mine = dbfile.InstanceLock(db)
    assert mine.acquire("admin") is None
    again = dbfile.InstanceLock(db).acquire()  # the same process, another handle: told it is this process
    assert again is not None and again.is_this_process
    mine.release()
    assert dbfile.others_holding(db) is None
