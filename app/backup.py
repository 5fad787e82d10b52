"""Backup and restore: one portable file from a live database of either kind, restored into either kind.

A backup is a zip file:
- `manifest.json`: the format and its version, the application's version, the schema revision, when it was made,
  the kind of database it came from (sqlite / postgresql), the company, and per table its columns, row count, member
  name and the SHA-256 of that member;
- `data/NN_<table>.jsonl`: every row of a table as one JSON array (values in the manifest's column order), the
  tables in dependency order. Values are database-neutral: money and quantities are the stored integers (fen,
  thousandths), dates and times ISO text, flags true/false.

Making one reads every table in one snapshot without stopping other users: on SQLite one read transaction (WAL: the
writers go on), on PostgreSQL one REPEATABLE READ, READ ONLY transaction.

A restore first checks the whole file (format, revision, every member's checksum and row count) and touches nothing
when anything is wrong; then it keeps the current data aside (a backup of it in the backups folder), and replaces
every table's rows in ONE transaction that also checks the counts and the foreign keys (SQLite: and quick_check)
before it commits — a restore that fails, or a process killed half-way, leaves the previous data as it was. On
PostgreSQL the id sequences restart after the highest restored id (inside the same transaction).
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import time
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Column, Connection, Engine, MetaData, Table, func, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.types import Date, DateTime, TypeDecorator

from app import schema
from app.context import Actor
from app.dbfile import sqlite_path
from app.errors import UserError, ValidationError
from app.paths import data_dir
from models import Base
from models.system import replacing_audit_log

FORMAT = "crm-desktop-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
SUFFIX = ".zip"
BATCH = 2000
# tables database triggers write into when documents are inserted or deleted: restored last, after clearing what the
# triggers wrote while the documents went in
TRIGGER_FED = ("money_dirty",)

Progress = Callable[[str, int, int], None]


def app_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("crm-desktop")
    except PackageNotFoundError:
        return "0"


# --- the manifest -------------------------------------------------------------------------------------------------


@dataclass
class TableInfo:
    name: str
    columns: list[str]
    rows: int
    member: str
    sha256: str


@dataclass
class Manifest:
    format: str
    format_version: int
    app_version: str
    schema_revision: str
    created_at: str
    source: str  # "sqlite" | "postgresql"
    company: str
    tables: list[TableInfo] = field(default_factory=list)

    @property
    def total_rows(self) -> int:
        return sum(t.rows for t in self.tables)

    def counts(self) -> dict[str, int]:
        return {t.name: t.rows for t in self.tables}

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: Any) -> Manifest:
        tables = [TableInfo(name=str(t["name"]), columns=[str(c) for c in t["columns"]], rows=int(t["rows"]),
                            member=str(t["member"]), sha256=str(t["sha256"])) for t in data["tables"]]
        return cls(format=str(data["format"]), format_version=int(data["format_version"]),
                   app_version=str(data["app_version"]), schema_revision=str(data["schema_revision"]),
                   created_at=str(data["created_at"]), source=str(data["source"]),
                   company=str(data.get("company", "")), tables=tables)


@dataclass(frozen=True)
class BackupResult:
    path: Path
    manifest: Manifest
    size: int
    seconds: float


@dataclass(frozen=True)
class RestoreResult:
    path: Path
    manifest: Manifest
    target: str  # "sqlite" | "postgresql"
    aside: Path | None  # the backup of the data the restore replaced (None: the target held no data)
    seconds: float


# --- tables as stored -----------------------------------------------------------------------------------------------


def _stored_type(column: Column[Any]) -> Any:
    """The column's type as the database stores it: Money and Quantity are their integers (fen, thousandths)."""
    return column.type.impl_instance if isinstance(column.type, TypeDecorator) else column.type


def raw_tables() -> list[Table]:
    """Every table of the application in dependency order (referenced tables first), with the stored types; the
    tables the triggers feed come last."""
    meta = MetaData()
    tables = [Table(t.name, meta, *(Column(c.name, _stored_type(c), primary_key=c.primary_key, autoincrement=False)
                                    for c in t.columns)) for t in Base.metadata.sorted_tables]
    return [t for t in tables if t.name not in TRIGGER_FED] + [t for t in tables if t.name in TRIGGER_FED]


def _encode(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"cannot store {type(value).__name__} in a backup")


def _decoder(column: Column[Any]) -> Callable[[Any], Any] | None:
    kind = column.type
    if isinstance(kind, DateTime):
        return lambda v: None if v is None else datetime.fromisoformat(v)
    if isinstance(kind, Date):
        return lambda v: None if v is None else date.fromisoformat(v)
    return None


def _line(row: Any) -> bytes:
    return json.dumps(list(row), ensure_ascii=False, separators=(",", ":"), default=_encode).encode("utf-8") + b"\n"


# --- where backups go -----------------------------------------------------------------------------------------------


def backups_dir(url: str) -> Path:
    """The backups folder beside the data: `backups` next to an SQLite file, else in the user's data folder."""
    path = sqlite_path(url)
    return (path.parent if path is not None else data_dir()) / "backups"


def safe_name(text_: str) -> str:
    """A company name fit for a file name on every system."""
    cleaned = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "_", text_).strip(" ._")
    return cleaned[:60] or "crm"


def default_file(url: str, company: str, kind: str = "备份", now: datetime | None = None,
                 folder: Path | None = None) -> Path:
    """A new file in `folder` (default: the backups folder beside the data) named with the company, kind and time."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    folder = folder or backups_dir(url)
    path = folder / f"{safe_name(company)}_{kind}_{stamp}{SUFFIX}"
    n = 2
    while path.exists():
        path = folder / f"{safe_name(company)}_{kind}_{stamp}-{n}{SUFFIX}"
        n += 1
    return path


# --- making a backup ------------------------------------------------------------------------------------------------


def _snapshot(engine: Engine) -> Connection:
    """A connection reading one consistent snapshot of the whole database, without blocking other users."""
    if engine.dialect.name == "sqlite":
        conn = engine.connect()
        conn.exec_driver_sql("BEGIN")  # a read transaction: in WAL mode writers go on, this reader sees one snapshot
        return conn
    return engine.connect().execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)


def _company(conn: Connection) -> str:
    try:
        value = conn.execute(text("SELECT value FROM setting WHERE key = 'company_name'")).scalar()
    except DBAPIError:
        return ""
    return str(value or "")


def make_backup(engine: Engine, path: Path, progress: Progress | None = None) -> BackupResult:
    """Write a backup of the database to `path` (a new file: written beside it, then renamed, so a failed backup
    leaves no half file under that name)."""
    started = time.perf_counter()
    revision = schema.current_revision(engine)
    if revision is None:
        raise UserError("cli.not_initialised")
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError("backup.cannot_write", path=str(path), detail=exc.strerror or str(exc)) from None
    partial = path.with_name(path.name + ".part")
    tables = raw_tables()
    manifest = Manifest(format=FORMAT, format_version=FORMAT_VERSION, app_version=app_version(),
                        schema_revision=revision, created_at=datetime.now().isoformat(timespec="seconds"),
                        source=engine.dialect.name, company="")
    try:
        with _snapshot(engine) as conn, zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
            manifest.company = _company(conn)
            manifest.schema_revision = str(conn.execute(text("SELECT version_num FROM alembic_version")).scalar())
            counts = {t.name: int(conn.execute(select(func.count()).select_from(t)).scalar() or 0) for t in tables}
            total, done = sum(counts.values()), 0
            for number, table in enumerate(tables, 1):
                member = f"data/{number:02d}_{table.name}.jsonl"
                digest, rows = hashlib.sha256(), 0
                order = list(table.primary_key.columns)
                result = conn.execution_options(stream_results=True, yield_per=BATCH).execute(
                    select(table).order_by(*order))
                with zf.open(member, "w", force_zip64=True) as out:
                    for part in result.partitions(BATCH):
                        chunk = b"".join(_line(row) for row in part)
                        digest.update(chunk)
                        out.write(chunk)
                        rows += len(part)
                        done += len(part)
                        if progress is not None:
                            progress(table.name, done, total)
                manifest.tables.append(TableInfo(name=table.name, columns=[c.name for c in table.columns],
                                                 rows=rows, member=member, sha256=digest.hexdigest()))
            zf.writestr(MANIFEST, json.dumps(manifest.to_json(), ensure_ascii=False, indent=1))
            conn.rollback()
        os.replace(partial, path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise UserError("backup.cannot_write", path=str(path), detail=exc.strerror or str(exc)) from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return BackupResult(path=path, manifest=manifest, size=path.stat().st_size,
                        seconds=time.perf_counter() - started)


def backup(engine: Engine, actor: Actor, path: Path | None = None, progress: Progress | None = None,
           kind: str = "备份", now: datetime | None = None) -> BackupResult:
    """The use case: an administrator's backup (default file: the backups folder, named with company and time),
    recorded in the audit log."""
    from app import audit, auth
    from app.db import make_sessions

    auth.require(actor, "settings.edit")
    if path is None:
        with engine.connect() as conn:
            company = _company(conn)
        path = default_file(engine.url.render_as_string(hide_password=False), company, kind, now)
    result = make_backup(engine, path, progress)
    audit.record(make_sessions(engine), actor, "backup", "", None, file=str(result.path),
                 rows=result.manifest.total_rows)
    return result


# --- checking a backup ----------------------------------------------------------------------------------------------


def _open(path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except FileNotFoundError:
        raise UserError("backup.no_file", path=str(path)) from None
    except (zipfile.BadZipFile, OSError, ValueError):
        raise UserError("backup.not_backup", path=str(path)) from None


def read_manifest(zf: zipfile.ZipFile, path: Path) -> Manifest:
    try:
        data = json.loads(zf.read(MANIFEST).decode("utf-8"))
        manifest = Manifest.from_json(data)
    except (KeyError, ValueError, TypeError, zipfile.BadZipFile, OSError):
        raise UserError("backup.not_backup", path=str(path)) from None
    if manifest.format != FORMAT:
        raise UserError("backup.not_backup", path=str(path))
    if manifest.format_version > FORMAT_VERSION:
        raise UserError("backup.newer_format", path=str(path), version=manifest.app_version)
    return manifest


def _check_tables(manifest: Manifest, path: Path) -> None:
    """The backup's tables and columns are exactly this version's."""
    expected = {t.name: [c.name for c in t.columns] for t in raw_tables()}
    found = {t.name: t.columns for t in manifest.tables}
    if expected != found:
        raise UserError("backup.wrong_tables", path=str(path))


def _member_lines(zf: zipfile.ZipFile, info: TableInfo, path: Path) -> Iterator[bytes]:
    try:
        with zf.open(info.member) as f:
            yield from f
    except KeyError:
        raise UserError("backup.damaged_member", path=str(path), member=info.member) from None
    except (zipfile.BadZipFile, OSError, EOFError, zlib_error()):
        raise UserError("backup.damaged_member", path=str(path), member=info.member) from None


def zlib_error() -> type[Exception]:
    import zlib

    return zlib.error


def verify(path: Path, progress: Progress | None = None) -> Manifest:
    """Check a backup without restoring it: the format, this version's schema revision and tables, and every
    member's SHA-256 and row count. Raises a UserError naming the problem; returns the manifest."""
    path = Path(path)
    with _open(path) as zf:
        manifest = read_manifest(zf, path)
        head = schema.head_revision()
        if manifest.schema_revision != head:
            raise UserError("backup.wrong_revision", path=str(path), revision=manifest.schema_revision,
                            version=manifest.app_version, ours=head, our_version=app_version())
        _check_tables(manifest, path)
        total, done = manifest.total_rows, 0
        for info in manifest.tables:
            digest, rows = hashlib.sha256(), 0
            for line in _member_lines(zf, info, path):
                digest.update(line)
                rows += 1
            if digest.hexdigest() != info.sha256:
                raise UserError("backup.checksum", path=str(path), member=info.member)
            if rows != info.rows:
                raise UserError("backup.count", path=str(path), table=info.name, rows=rows, expected=info.rows)
            done += rows
            if progress is not None:
                progress(info.name, done, total)
    return manifest


# --- restoring ------------------------------------------------------------------------------------------------------


def target_has_data(engine: Engine) -> bool:
    """Whether the database holds any row a restore would replace (a new or damaged one: False)."""
    try:
        with engine.connect() as conn:
            return any(conn.execute(select(1).select_from(table).limit(1)).first() is not None
                       for table in raw_tables())
    except DBAPIError:  # no tables yet, or a file that is no database any more
        return False


def _prepare_target(engine: Engine) -> None:
    """The target has this version's schema: a new database gets it (the migrations, as `crm init`), an older one
    is upgraded; a newer one is refused."""
    current = schema.current_revision(engine)
    head = schema.head_revision()
    if current == head:
        return
    if current is not None and current not in _known_revisions():
        raise UserError("backup.target_newer", revision=current)
    schema.upgrade(engine)


def _damaged_aside(engine: Engine) -> Path | None:
    """A damaged SQLite target (truncated, overwritten, failing quick_check) is renamed out of the way, with its
    journal files, and the backup restored into a new file in its place; the renamed file is returned."""
    from app.dbfile import header_problem, quick_check

    path = sqlite_path(engine)
    if path is None or not path.exists() or path.stat().st_size == 0:
        return None
    if header_problem(path) is None and not quick_check(path):
        return None
    engine.dispose()
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    moved = path.with_name(f"{path.name}.损坏-{stamp}")
    for suffix in ("", "-wal", "-shm"):
        part = path.with_name(path.name + suffix)
        if part.exists():
            os.replace(part, moved.with_name(moved.name + suffix))
    return moved


def _known_revisions() -> set[str]:
    found = set()
    for path in (schema.MIGRATIONS / "versions").glob("*.py"):
        match = re.search(r"^revision\s*(?::[^=]*)?=\s*['\"](\w+)['\"]", path.read_text(encoding="utf-8"), re.M)
        if match:
            found.add(match.group(1))
    return found


def _rows(zf: zipfile.ZipFile, info: TableInfo, table: Table, path: Path) -> Iterator[list[dict[str, Any]]]:
    decoders = [_decoder(table.c[name]) for name in info.columns]
    batch: list[dict[str, Any]] = []
    for line in _member_lines(zf, info, path):
        values = json.loads(line)
        batch.append({name: (dec(v) if dec else v) for name, dec, v in zip(info.columns, decoders, values, strict=True)})
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _reset_sequences(conn: Connection, tables: list[Table]) -> None:
    """PostgreSQL: each id sequence continues after the highest restored id (an empty table: starts at 1)."""
    for table in tables:
        for column in table.primary_key.columns:
            seq = conn.execute(text("SELECT pg_get_serial_sequence(:t, :c)"),
                               {"t": table.name, "c": column.name}).scalar()
            if seq is None:
                continue
            top = conn.execute(select(func.max(column))).scalar()
            conn.execute(text("SELECT setval(:s, :v, :called)"),
                         {"s": seq, "v": int(top) if top is not None else 1, "called": top is not None})


def _replace_all(engine: Engine, zf: zipfile.ZipFile, manifest: Manifest, path: Path,
                 progress: Progress | None) -> None:
    """Replace every table's rows with the backup's, in one transaction checked before it commits."""
    tables = raw_tables()
    by_name = {t.name: t for t in tables}
    infos = {t.name: t for t in manifest.tables}
    sqlite = engine.dialect.name == "sqlite"
    total, done = manifest.total_rows, 0
    with engine.connect() as conn:
        if sqlite:
            conn.exec_driver_sql("BEGIN IMMEDIATE")  # the write lock first: nobody writes between clearing and filling
            conn.exec_driver_sql("PRAGMA defer_foreign_keys=ON")
        with replacing_audit_log(conn):  # the append-only triggers are made again before the commit
            if sqlite:
                for table in reversed(tables):
                    conn.execute(table.delete())
            else:
                names = ", ".join(f'"{t.name}"' for t in tables)
                conn.exec_driver_sql(f"TRUNCATE {names} RESTART IDENTITY")  # transactional, sequences included
            for table in tables:
                info = infos[table.name]
                if table.name in TRIGGER_FED:
                    conn.execute(table.delete())  # what the triggers wrote while the documents went in
                for batch in _rows(zf, info, by_name[table.name], path):
                    conn.execute(table.insert(), batch)
                    done += len(batch)
                    if progress is not None:
                        progress(table.name, done, total)
        for table in tables:
            found = int(conn.execute(select(func.count()).select_from(table)).scalar() or 0)
            if found != infos[table.name].rows:
                raise UserError("backup.count", path=str(path), table=table.name, rows=found,
                                expected=infos[table.name].rows)
        if sqlite:
            broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise UserError("backup.foreign_keys", path=str(path), table=broken[0][0])
            problems = [r[0] for r in conn.exec_driver_sql("PRAGMA quick_check(5)")]
            if problems != ["ok"]:
                raise UserError("backup.restored_damaged", detail="; ".join(problems))
        else:
            _reset_sequences(conn, tables)
        conn.commit()


def restore(engine: Engine, actor: Actor, path: Path, progress: Progress | None = None,
            keep_aside: bool = True) -> RestoreResult:
    """The use case: check the backup, keep the current data aside, replace the data in one transaction, record it.

    Refuses (touching nothing) a file that is not a whole backup of this version. The data it replaced is written
    to the backups folder first (`<company>_还原前_<time>.zip`) when the target holds any.
    """
    from app import audit, auth
    from app.db import make_sessions, refresh_statistics

    started = time.perf_counter()
    path = Path(path)
    manifest = verify(path)
    auth.require(actor, "settings.edit")
    aside = _damaged_aside(engine)
    _prepare_target(engine)
    if keep_aside and aside is None and target_has_data(engine):
        with engine.connect() as conn:
            company = _company(conn)
        url = engine.url.render_as_string(hide_password=False)
        aside = make_backup(engine, default_file(url, company, "还原前")).path
    with _open(path) as zf:
        try:
            _replace_all(engine, zf, manifest, path, progress)
        except DBAPIError as exc:
            raise UserError("backup.restore_failed", detail=str(getattr(exc, "orig", exc)).splitlines()[0]
                            ) from None
    refresh_statistics(engine, full=True)
    audit.record(make_sessions(engine), actor, "restore", "", None, file=str(path),
                 created_at=manifest.created_at, source=manifest.source, rows=manifest.total_rows,
                 aside=str(aside) if aside else "")
    return RestoreResult(path=path, manifest=manifest, target=engine.dialect.name, aside=aside,
                         seconds=time.perf_counter() - started)


def describe(manifest: Manifest) -> dict[str, Any]:
    """What a backup holds, for the confirmation before a restore (company, made at, from, rows)."""
    return {"company": manifest.company, "created_at": manifest.created_at, "source": manifest.source,
            "app_version": manifest.app_version, "rows": manifest.total_rows}


# --- automatic backups ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AutoSettings:
    """This PC's automatic backups (kept in the data folder: the folder is a path on this PC)."""

    enabled: bool = True
    folder: str = ""  # empty: the backups folder beside the data
    keep: int = 10  # the newest N automatic backups are kept, older ones deleted
    every_days: int = 1  # due when the newest automatic backup is older than this

    def target(self, url: str) -> Path:
        return Path(self.folder) if self.folder else backups_dir(url)


AUTO_KIND = "自动备份"
SETTINGS_FILE = "backup.json"


def settings_path() -> Path:
    return data_dir() / SETTINGS_FILE


def load_auto(path: Path | None = None) -> AutoSettings:
    path = path or settings_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return AutoSettings(enabled=bool(data.get("enabled", True)), folder=str(data.get("folder", "")),
                            keep=int(data.get("keep", 10)), every_days=int(data.get("every_days", 1)))
    except (OSError, ValueError, TypeError, AttributeError):
        return AutoSettings()


def save_auto(actor: Actor, settings: AutoSettings, path: Path | None = None) -> None:
    """Store the automatic-backup settings (administrators only); refuses values out of range."""
    from app import auth

    auth.require(actor, "settings.edit")
    if isinstance(settings.keep, bool) or not 1 <= settings.keep <= 1000:
        raise ValidationError("backup.bad_keep", low=1, high=1000)
    if isinstance(settings.every_days, bool) or not 1 <= settings.every_days <= 365:
        raise ValidationError("backup.bad_every_days", low=1, high=365)
    if settings.folder:
        folder = Path(settings.folder)
        if not folder.is_absolute():
            raise ValidationError("backup.folder_not_absolute", folder=settings.folder)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ValidationError("backup.cannot_write", path=settings.folder, detail=exc.strerror or str(exc)
                                  ) from None
    path = path or settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(asdict(settings), ensure_ascii=False, indent=1), encoding="utf-8")


def automatic_backups(folder: Path) -> list[Path]:
    """The automatic backups in a folder, oldest first."""
    if not folder.is_dir():
        return []
    found = [p for p in folder.glob(f"*_{AUTO_KIND}_*{SUFFIX}") if p.is_file()]
    return sorted(found, key=lambda p: (p.stat().st_mtime, p.name))


def newest_backup(url: str, settings: AutoSettings | None = None) -> Path | None:
    """The newest backup of any kind in the automatic folder and the backups folder beside the data (the restore
    offer of a damaged database)."""
    settings = settings or load_auto()
    found: list[Path] = []
    for folder in {settings.target(url), backups_dir(url)}:
        if folder.is_dir():
            found += [p for p in folder.glob(f"*{SUFFIX}") if p.is_file()]
    return max(found, key=lambda p: p.stat().st_mtime, default=None)


def newest_offer(url: str) -> str:
    """The restore offer of a damaged database: the newest backup and when it was made, or that there is none."""
    from app.messages import msg

    try:
        newest = newest_backup(url)
    except OSError:
        newest = None
    if newest is None:
        return str(msg("backup.damaged_none"))
    made = datetime.fromtimestamp(newest.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
    return str(msg("backup.damaged_newest", backup=str(newest), time=made))


def due(url: str, settings: AutoSettings, now: float | None = None) -> bool:
    if not settings.enabled:
        return False
    existing = automatic_backups(settings.target(url))
    if not existing:
        return True
    age = (now if now is not None else time.time()) - existing[-1].stat().st_mtime
    return age >= settings.every_days * 86400 - 3600  # an hour's grace: a daily backup at about the same time


def prune(folder: Path, keep: int) -> list[Path]:
    """Delete the automatic backups beyond the newest `keep`, except the newest one of each calendar month (so a
    month-old mistake can still be undone); the deleted files."""
    existing = automatic_backups(folder)
    kept = set(existing[-keep:]) if keep > 0 else set()
    monthly: dict[tuple[int, int], Path] = {}
    for p in existing:  # oldest first: the last one seen of a month is its newest
        made = datetime.fromtimestamp(p.stat().st_mtime)
        monthly[(made.year, made.month)] = p
    kept |= set(monthly.values())
    gone = [p for p in existing if p not in kept]
    for p in gone:
        p.unlink(missing_ok=True)
    return gone


def auto_backup(engine: Engine, actor: Actor, settings: AutoSettings | None = None, force: bool = False,
                progress: Progress | None = None) -> BackupResult | None:
    """The desktop's automatic backup when it is due (or `force`): written to the chosen folder, then the oldest
    beyond `keep` are deleted. None when not due."""
    settings = settings or load_auto()
    url = engine.url.render_as_string(hide_password=False)
    if not force and not due(url, settings):
        return None
    if not settings.enabled and not force:
        return None
    with engine.connect() as conn:
        company = _company(conn)
    folder = settings.target(url)
    path = default_file(url, company, AUTO_KIND, folder=folder)
    result = make_backup(engine, path, progress)
    from app import audit
    from app.db import make_sessions

    audit.record(make_sessions(engine), actor, "backup", "", None, file=str(result.path),
                 rows=result.manifest.total_rows, automatic=True)
    prune(folder, settings.keep)
    return result


# --- the desktop's use cases (ctx.op calls fn(sessions, actor, …)) ----------------------------------------------------


def backup_op(sessions: Any, actor: Actor, path: Path | None = None, progress: Progress | None = None) -> BackupResult:
    return backup(sessions.kw["bind"], actor, path, progress=progress)


def restore_op(sessions: Any, actor: Actor, path: Path, progress: Progress | None = None) -> RestoreResult:
    return restore(sessions.kw["bind"], actor, path, progress=progress)


def auto_backup_op(sessions: Any, actor: Actor, force: bool = False, progress: Progress | None = None
                   ) -> BackupResult | None:
    return auto_backup(sessions.kw["bind"], actor, force=force, progress=progress)


def verify_op(path: Path, progress: Progress | None = None) -> Manifest:
    return verify(path, progress)
