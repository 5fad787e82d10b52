"""The company's SQLite file on this PC: is it whole, does it sit on a network share, who else has it open.

- `header_problem` reads the file's first 100 bytes (microseconds): an overwritten file has no SQLite header, a
  truncated one is shorter than its header says. `quick_check` runs SQLite's PRAGMA quick_check (0.8 s on a 260 MB
  file with a warm cache), so the desktop runs it in the background once the window is up.
- `network_share` says whether the file is on a Windows share (UNC path or mapped network drive) or an NFS/CIFS/SMB
  mount: SQLite's locking is not safe there; the shared server (PostgreSQL) is.
- `InstanceLock`: a lock file beside the database (`crm.sqlite3.lock`) held with an OS lock while a desktop has the
  company open, holding who (PC, OS user, login, process, since). The OS releases the lock when that process ends
  however it ends, so a lock file left by a crash is stale at once; where the file system has no locks, a holder on
  this PC whose process is gone is stale. A second desktop is told who has the file and opens it read-only or waits.
"""
from __future__ import annotations

import contextlib
import getpass
import json
import os
import socket
import sqlite3
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.errors import UserError
from app.messages import Message, msg

if TYPE_CHECKING:  # SQLAlchemy is imported where it is used: the desktop claims its file before the login dialog
    from sqlalchemy import Engine

SQLITE_MAGIC = b"SQLite format 3\x00"
NETWORK_FILE_SYSTEMS = frozenset({"nfs", "nfs4", "cifs", "smb3", "smbfs", "ncpfs", "afs", "ceph", "glusterfs",
                                  "fuse.sshfs", "fuse.glusterfs", "davfs", "fuse.davfs2"})
DRIVE_REMOTE = 4  # GetDriveTypeW
LOCK_OFFSET = 1 << 30  # Windows locks a byte range that others cannot read: one far beyond the holder's text


class DatabaseDamaged(UserError):
    """The SQLite file is truncated, overwritten or corrupt: the desktop offers to restore the latest backup."""


def sqlite_path(url_or_engine: str | Engine | None) -> Path | None:
    """The file of an SQLite URL (also a `file:` URI of a read-only URL); None for a server or an in-memory one."""
    if url_or_engine is None:
        return None
    from sqlalchemy.engine import make_url

    url = make_url(url_or_engine) if isinstance(url_or_engine, str) else url_or_engine.url
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    database = url.database
    if database.startswith("file:"):
        database = database[5:]
    return Path(database)


# --- is the file whole ------------------------------------------------------------------------------------------


def header_problem(path: Path) -> Message | None:
    """What is wrong with the file's header, in words; None for a sound header, a missing or an empty file (SQLite
    makes a new database there)."""
    try:
        size = path.stat().st_size
        if size == 0:
            return None
        with path.open("rb") as f:
            header = f.read(100)
    except FileNotFoundError:
        return None
    except OSError as exc:
        return msg("backup.file_unreadable", detail=exc.strerror or str(exc))
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        return msg("backup.not_sqlite")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    # the page count in the header is valid when its "version-valid-for" number equals the change counter
    if header[92:96] == header[24:28] and size < pages * page_size:
        return msg("backup.truncated", size=f"{size:,}", expected=f"{pages * page_size:,}")
    return None


def quick_check(path: Path) -> list[str]:
    """SQLite's PRAGMA quick_check of the file ([] when whole), read-only; an unreadable file is one problem."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        return [str(exc)]
    try:
        conn.execute("PRAGMA busy_timeout=10000")
        rows = [row[0] for row in conn.execute("PRAGMA quick_check(20)")]
    except sqlite3.Error as exc:
        return [str(exc)]
    finally:
        conn.close()
    return [] if rows == ["ok"] else rows


def is_damage(exc: BaseException) -> bool:
    """Whether a driver error (or SQLAlchemy's wrapper of one) says the SQLite file is corrupt or not a database."""
    orig = getattr(exc, "orig", exc)
    return isinstance(orig, sqlite3.DatabaseError) and getattr(orig, "sqlite_errorname", "") in (
        "SQLITE_CORRUPT", "SQLITE_NOTADB")


def damaged(path: Path, detail: object) -> DatabaseDamaged:
    return DatabaseDamaged("backup.damaged", path=str(path), detail=detail)


def check_header(url_or_engine: str | Engine | None) -> None:
    """Raise DatabaseDamaged when the SQLite file's header shows it truncated or overwritten (a server: nothing)."""
    path = sqlite_path(url_or_engine)
    if path is not None:
        problem = header_problem(path)
        if problem is not None:
            raise damaged(path, problem)


# --- where is the file ------------------------------------------------------------------------------------------


def _unescape_mount(text: str) -> str:
    """/proc/mounts writes a space, tab, newline and backslash in a path as octal escapes (\\040 …)."""
    return text.encode("latin-1", "backslashreplace").decode("unicode_escape") if "\\" in text else text


def network_share(path: Path, mounts: Path = Path("/proc/mounts")) -> str | None:
    """The kind of network location the file is on ("UNC", "network drive", or the mount's file system type such as
    "nfs4" or "cifs"), None for a local disk (or where this cannot be told)."""
    if sys.platform == "win32":
        import ctypes

        drive_type = ctypes.windll.kernel32.GetDriveTypeW  # type: ignore[attr-defined]
        return windows_share(os.path.abspath(path), drive_type)
    try:
        table = mounts.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    return mounted_share(os.path.realpath(path), table)


def windows_share(text: str, drive_type: Callable[[str], int]) -> str | None:
    """A Windows path on a share: a UNC path (\\\\server\\share\\…) or a drive letter mapped to one."""
    if text.startswith(("\\\\", "//")):
        return "UNC"
    if len(text) >= 2 and text[1] == ":" and drive_type(f"{text[:2]}\\") == DRIVE_REMOTE:
        return "network drive"
    return None


def mounted_share(target: str, table: str) -> str | None:
    """The network file system type of the mount (in /proc/mounts' `table`) that holds the absolute path `target`."""
    best, kind = "", None
    for line in table.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        point = _unescape_mount(parts[1])
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, kind = point, parts[2]
    return kind if kind in NETWORK_FILE_SYSTEMS else None


# --- who has it open --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Holder:
    """Who holds a company's file: PC, OS user, login, process and since when."""

    host: str
    user: str
    login: str
    pid: int
    started_at: str

    def describe(self) -> Message:
        return msg("backup.held_by", host=self.host, user=self.user, login=self.login or "-",
                   since=self.started_at.replace("T", " ")[:16])

    @property
    def here(self) -> bool:
        return self.host == socket.gethostname()

    @property
    def is_this_process(self) -> bool:
        return self.here and self.pid == os.getpid()


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return ""


def process_alive(pid: int) -> bool:
    """Whether a process of this PC is still running."""
    if pid <= 0:
        return False
    if sys.platform == "win32":
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _try_lock(fd: int) -> bool:
    """Take the OS lock without waiting: False when another process holds it; OSError where locks do not work."""
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except PermissionError:
            return False
        except OSError as exc:
            if exc.errno in (13, 36):  # EACCES, EDEADLOCK: held by another process
                return False
            raise
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _read_holder(path: Path) -> Holder | None:
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8") or "null")
        return Holder(host=str(data["host"]), user=str(data["user"]), login=str(data.get("login", "")),
                      pid=int(data["pid"]), started_at=str(data["started_at"]))
    except (OSError, ValueError, TypeError, KeyError):
        return None


class InstanceLock:
    """The lock file beside a company's SQLite file, held while this desktop has the company open."""

    def __init__(self, db_path: Path) -> None:
        self.path = db_path.with_name(db_path.name + ".lock")
        self._fd: int | None = None
        self._info: dict[str, Any] = {}

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self, login: str = "") -> Holder | None:
        """Take the lock: None when this process holds it now, else who holds it."""
        if self._fd is not None:
            return None
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            locked = _try_lock(fd)
        except OSError:  # no OS locks on this file system: the holder's process decides
            holder = _read_holder(self.path)
            locked = holder is None or holder.is_this_process or (holder.here and not process_alive(holder.pid))
        if not locked:
            os.close(fd)
            holder = _read_holder(self.path)
            return holder or Holder(host="?", user="?", login="", pid=0, started_at="")
        self._fd = fd
        self._info = {"host": socket.gethostname(), "user": _os_user(), "login": login, "pid": os.getpid(),
                      "started_at": datetime.now().isoformat(timespec="seconds")}
        self._write()
        return None

    def holder(self) -> Holder | None:
        """Who holds the lock now (this process included); None when nobody does. Takes nothing."""
        if self._fd is not None:
            return Holder(**self._info)
        if not self.path.exists():
            return None
        try:
            fd = os.open(self.path, os.O_RDWR)
        except OSError:
            return _read_holder(self.path)
        try:
            free = _try_lock(fd)
        except OSError:
            holder = _read_holder(self.path)
            return holder if holder and (not holder.here or process_alive(holder.pid)) else None
        finally:
            os.close(fd)  # closing our own descriptor gives back the lock we may just have taken
        return None if free else (_read_holder(self.path) or Holder("?", "?", "", 0, ""))

    def set_login(self, login: str) -> None:
        if self._fd is not None and self._info.get("login") != login:
            self._info["login"] = login
            self._write()

    def _write(self) -> None:
        assert self._fd is not None
        data = json.dumps(self._info, ensure_ascii=False).encode("utf-8")
        os.lseek(self._fd, 0, os.SEEK_SET)
        os.ftruncate(self._fd, 0)
        os.write(self._fd, data)

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)  # no holder text left behind; the file itself stays (others may be opening it)
        os.close(fd)


def others_holding(db_path: Path) -> Holder | None:
    """Another process that has this company open (not this one), or None."""
    holder = InstanceLock(db_path).holder()
    return None if holder is None or holder.is_this_process else holder


# --- read-only ----------------------------------------------------------------------------------------------------


def read_only_url(path: Path) -> str:
    return f"sqlite:///file:{path.resolve().as_posix()}?mode=ro&uri=true"


def read_only_engine(path: Path) -> Engine:
    """An engine that opens the file read-only (SQLite `mode=ro`): any write is refused by SQLite itself, and that
    refusal reaches the user as a message saying the company is open read-only."""
    from sqlalchemy import create_engine, event

    from app.db import _sqlite_pragmas  # the same pragmas as every connection of the application

    engine = create_engine(read_only_url(path))
    event.listen(engine, "connect", _sqlite_pragmas)

    @event.listens_for(engine, "handle_error")
    def _read_only(context: Any) -> None:
        if getattr(context.original_exception, "sqlite_errorname", "") == "SQLITE_READONLY":
            raise UserError("backup.read_only") from None

    return engine


# --- what the desktop says ------------------------------------------------------------------------------------------


def msg_in_use(holder: Holder) -> Message:
    """The company file is open in another desktop (who, where, since when)."""
    return msg("backup.in_use", holder=holder.describe())


def msg_network(path: Path, kind: str) -> Message:
    """The file sits on a network share: use the shared server (PostgreSQL) instead."""
    return msg("backup.network_share", path=str(path), kind=kind)


def os_user() -> str:
    return _os_user()
