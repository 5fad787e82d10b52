"""Opening a company's database from the desktop: new, needs upgrade or ready; creating a company or the demo.

`crm demo` makes the demo company through generate_demo too, so the desktop opens it at its login dialog.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker

from app import auth, customers, dbfile, schema
from app import settings as app_settings
from app.context import SYSTEM, Actor
from app.db import ensure_statistics, make_engine, make_sessions, refresh_statistics
from app.errors import UserError, ValidationError
from app.messages import msg

if TYPE_CHECKING:
    from app.demo import DemoSummary

DEMO_PASSWORD = "123456"
DEMO_USERS = (  # login, role, display name, salesperson code
    ("admin", "admin", "系统管理员", None),
    ("jingli", "manager", "销售经理", None),
    ("xiaoshou", "sales", "销售员", "S001"),
    ("caiwu", "finance", "财务", None),
)


@dataclass
class Database:
    url: str
    engine: Engine
    sessions: sessionmaker[Session]
    state: str  # "new" (no schema), "old" (needs upgrade), "empty" (no login yet), "ready"

    @property
    def short_label(self) -> str:
        if self.engine.dialect.name == "sqlite":
            return str(msg("startup.local_short", name=Path(self.engine.url.database or "").name))
        return f"{self.engine.url.host}/{self.engine.url.database}"

    @property
    def label(self) -> str:
        if self.engine.dialect.name == "sqlite":
            return str(msg("startup.local_file", path=self.engine.url.database))
        return str(msg("startup.server", url=self.engine.url.render_as_string(hide_password=True)))


def open_database(url: str | None) -> Database:
    """Connect and tell what the database needs; a server that does not answer is a UserError."""
    try:
        engine = make_engine(url)
        _check_file(engine)
        with engine.connect() as conn:
            conn.execute(text("select 1"))
        current = schema.current_revision(engine)
    except UserError:
        raise
    except Exception as exc:  # noqa: BLE001 - any driver error means "cannot open"
        if dbfile.is_damage(exc):
            raise dbfile.damaged(dbfile.sqlite_path(engine) or Path("?"), getattr(exc, "orig", exc)) from None
        raise UserError("startup.cannot_open", detail=str(exc)) from None
    sessions = make_sessions(engine)
    if current is not None:
        ensure_statistics(engine)
    if current is None:
        state = "new"
    elif current != schema.head_revision():
        state = "old"
    else:
        with sessions() as s:
            state = "ready" if auth.has_users(s) else "empty"
    return Database(url=str(engine.url), engine=engine, sessions=sessions, state=state)


def _check_file(engine: Engine) -> None:
    """An SQLite file is whole: its header (microseconds), then SQLite's quick_check (well under a second for a
    firm's file; the desktop opens the database in the background while the login is typed). DatabaseDamaged says
    what is wrong; the desktop then offers to restore the newest backup."""
    path = dbfile.sqlite_path(engine)
    if path is None or not path.exists() or path.stat().st_size == 0:
        return
    dbfile.check_header(engine)
    problems = dbfile.quick_check(path)
    if problems:
        raise dbfile.damaged(path, "; ".join(problems[:3]))


def check_connection(url: str) -> str:
    """A Chinese sentence saying whether the server answers (for the settings dialog)."""
    db = open_database(url)
    db.engine.dispose()
    words = {"new": "连接成功：这是一个空数据库，将创建新公司", "old": "连接成功：数据库需要升级",
             "empty": "连接成功：数据库中还没有登录账户", "ready": "连接成功"}
    return words[db.state]


def upgrade(db: Database) -> None:
    schema.upgrade(db.engine)
    db.state = "ready" if _has_users(db) else "empty"


def _has_users(db: Database) -> bool:
    with db.sessions() as s:
        return auth.has_users(s)


def create_company(db: Database, company_name: str, admin_login: str, admin_password: str) -> Actor:
    """Create the schema, the company settings and its first (administrator) login."""
    if not company_name.strip():
        raise ValidationError("startup.company_name")
    schema.upgrade(db.engine)
    with db.sessions.begin() as s:
        if auth.has_users(s):
            raise ValidationError("startup.has_company")
        app_settings.save(s, company_name=company_name.strip())
        auth.add_user(s, SYSTEM, admin_login, admin_password, "admin", admin_login.strip())  # a name the user may change
        actor = auth.signed_in(s, admin_login)
    db.state = "ready"
    return actor


def generate_demo(
    db: Database,
    *,
    customers: int = 300,
    seed: int = 1,
    progress: Callable[[str, int, int], None] | None = None,
) -> DemoSummary:
    """The demo company as both the desktop and `crm demo` make it: the newest schema, the generated company and its
    documents, fresh planner statistics and the DEMO_USERS logins (all with DEMO_PASSWORD).

    Refuses a database that already has logins (a company is there) or customers or documents (app.demo's check).
    """
    from app import demo

    schema.upgrade(db.engine)
    with db.sessions() as s:
        if auth.has_users(s):
            raise ValidationError("startup.demo_has_company")
    summary = demo.generate(db.sessions, customers=customers, seed=seed, progress=progress)
    refresh_statistics(db.engine, full=True)
    with db.sessions.begin() as s:
        auth.mark_demo(s)  # its logins keep the documented demo password; a real company's may not
        for login_name, role, name, salesperson in DEMO_USERS:
            auth.add_user(s, SYSTEM, login_name, DEMO_PASSWORD, role, name, salesperson)
    db.state = "ready"
    return summary


def create_demo(db: Database, progress: Callable[[str, int, int], None] | None = None, customers: int = 300) -> Actor:
    """The desktop's "open the demo company": generate_demo, then the administrator is logged in."""
    generate_demo(db, customers=customers, progress=progress)
    with db.sessions() as s:
        return auth.signed_in(s, DEMO_USERS[0][0])


def login(db: Database, login_name: str, password: str) -> Actor:
    """Check the login (app.auth.log_in: the wait after failures, the audit), then bring the customers' list columns
    up to today's histories."""
    actor = auth.log_in(db.sessions, login_name, password)
    with db.sessions.begin() as s:
        customers.sync_due(s)
    refresh_statistics(db.engine)
    return actor
