"""Logins, roles and permissions: who may see and change what, checked in the services."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from app.context import Actor, audit
from app.errors import NotFound, PermissionDenied, ValidationError
from app.messages import Message, msg
from models import Salesperson, Setting, User

# Chinese role names for the CLI and the interface's own translation; messages use the catalogue's [role]
ROLE_TITLES = {"admin": "管理员", "manager": "经理", "sales": "销售", "finance": "财务"}
ROLE_BY_TITLE = {v: k for k, v in ROLE_TITLES.items()}

# permission -> roles that hold it
PERMISSIONS: dict[str, frozenset[str]] = {
    "customers.view_all": frozenset({"admin", "manager", "finance"}),
    "customers.edit": frozenset({"admin", "manager", "sales"}),  # sales: own customers and the shared pool
    "customers.edit_all": frozenset({"admin", "manager"}),
    "customers.reassign": frozenset({"admin", "manager"}),
    "credit.change": frozenset({"admin", "manager"}),
    "credit.approve": frozenset({"admin", "manager"}),
    "blacklist.change": frozenset({"admin", "manager"}),
    "orders.edit": frozenset({"admin", "manager", "sales"}),
    "money.edit": frozenset({"admin", "finance"}),
    "cost.view": frozenset({"admin", "manager", "finance"}),
    "master.edit": frozenset({"admin", "manager"}),
    "settings.edit": frozenset({"admin"}),
    "users.manage": frozenset({"admin"}),
    "audit.view": frozenset({"admin", "manager"}),
}
# argon2id with OWASP's parameters (19 MiB, 2 passes, 1 lane: ~20 ms here); a stored hash made with other parameters
# is made again with these at its owner's next successful login
HASH_MEMORY_KIB, HASH_TIME, HASH_LANES = 19456, 2, 1
_hasher = PasswordHasher(time_cost=HASH_TIME, memory_cost=HASH_MEMORY_KIB, parallelism=HASH_LANES)
MIN_PASSWORD = 8
DEMO_MIN_PASSWORD = 6  # the demo company keeps its documented password 123456 (README)
# the passwords tried first by anyone guessing (the most common ones of the published leak lists), compared
# ignoring case; shorter ones are refused by the length already
COMMON_PASSWORDS = frozenset({
    "123456", "12345678", "123456789", "1234567890", "11111111", "00000000", "88888888", "66666666", "12341234",
    "87654321", "password", "password1", "passw0rd", "qwerty", "qwerty123", "qwertyuiop", "111111", "abc12345",
    "abcd1234", "a1234567", "1qaz2wsx", "1q2w3e4r", "qazwsx123", "iloveyou", "admin123", "administrator",
    "woaini1314", "5201314520", "aa123456", "zxcvbnm123", "asdfghjkl", "letmein1",
})
DEMO_KEY = "demo_company"  # a Setting row: this database is the generated demo company (app.startup)


def can(actor: Actor, permission: str) -> bool:
    return actor.role in PERMISSIONS[permission]


def role_title(role: str) -> Message | str:
    """A role's name in the interface language (an unknown role as it is)."""
    return msg(f"role.{role}") if role in ROLE_TITLES else role


def permission_title(permission: str) -> Message:
    return msg(f"permission.{permission}")


def require(actor: Actor, permission: str) -> None:
    if not can(actor, permission):
        raise PermissionDenied("auth.no_permission", role=role_title(actor.role),
                               permission=permission_title(permission))


@dataclass(frozen=True)
class UserInfo:
    login: str
    display_name: str
    role: str
    salesperson_code: str | None
    active: bool


def is_demo(session: Session) -> bool:
    return session.scalar(select(Setting.value).where(Setting.key == DEMO_KEY)) == "1"


def mark_demo(session: Session) -> None:
    """Mark this database as the generated demo company: its logins keep the documented demo password."""
    if session.get(Setting, DEMO_KEY) is None:
        session.add(Setting(key=DEMO_KEY, value="1"))


def check_password(session: Session, login: str, password: str) -> None:
    """The password policy of a real company: at least 8 characters, not only digits, not the login name, not one of
    the most common passwords. The demo company asks only for DEMO_MIN_PASSWORD characters."""
    if is_demo(session):
        if len(password) < DEMO_MIN_PASSWORD:
            raise ValidationError("auth.password_too_short", min=DEMO_MIN_PASSWORD)
        return
    if len(password) < MIN_PASSWORD:
        raise ValidationError("auth.password_too_short", min=MIN_PASSWORD)
    if password.isdigit():
        raise ValidationError("login.password_digits")
    if password.strip().casefold() == login.strip().casefold():
        raise ValidationError("login.password_is_login")
    if password.casefold() in COMMON_PASSWORDS:
        raise ValidationError("login.password_common")


def _salesperson_id(session: Session, code: str | None) -> int | None:
    if not code:
        return None
    sp = session.scalar(select(Salesperson.id).where(Salesperson.code == code))
    if sp is None:
        raise NotFound("auth.no_salesperson", salesperson_code=code)
    return sp


def _user(session: Session, login: str) -> User:
    user = session.scalar(select(User).where(User.login == login))
    if user is None:
        raise NotFound("auth.no_account", login=login)
    return user


def has_users(session: Session) -> bool:
    return bool(session.scalar(select(func.count()).select_from(User)))


def add_user(session: Session, actor: Actor, login: str, password: str, role: str, display_name: str = "",
             salesperson_code: str | None = None) -> UserInfo:
    """Create a login; the very first one may be created by anyone (it is the administrator of a new company)."""
    if has_users(session):
        require(actor, "users.manage")
    login = login.strip()
    if not login:
        raise ValidationError("auth.login_required")
    if role not in ROLE_TITLES:
        raise ValidationError("auth.bad_role", role=role, choices=msg("auth.role_choices"))
    if role == "sales" and not salesperson_code:
        raise ValidationError("auth.sales_needs_salesperson")
    check_password(session, login, password)
    if session.scalar(select(User.id).where(User.login == login)):
        raise ValidationError("auth.login_exists", login=login)
    user = User(login=login, display_name=display_name or login, role=role, password_hash=_hasher.hash(password),
                salesperson_id=_salesperson_id(session, salesperson_code), active=True)
    session.add(user)
    session.flush()
    audit(session, actor, "user.add", "user", user.id, login=login, role=role)
    return UserInfo(login, user.display_name, role, salesperson_code, True)


def set_password(session: Session, actor: Actor, login: str, password: str) -> None:
    if actor.login != login:
        require(actor, "users.manage")
    check_password(session, login, password)
    user = _user(session, login)
    user.password_hash = _hasher.hash(password)
    audit(session, actor, "user.passwd", "user", user.id, login=login)


def disable_user(session: Session, actor: Actor, login: str) -> None:
    require(actor, "users.manage")
    user = _user(session, login)
    if user.role == "admin" and user.active:
        others = session.scalar(select(func.count()).select_from(User).where(
            User.role == "admin", User.active.is_(True), User.id != user.id))
        if not others:
            raise ValidationError("auth.last_admin")
    user.active = False
    audit(session, actor, "user.disable", "user", user.id, login=login)


def list_users(session: Session) -> list[UserInfo]:
    rows = session.execute(
        select(User.login, User.display_name, User.role, Salesperson.code, User.active)
        .outerjoin(Salesperson, Salesperson.id == User.salesperson_id).order_by(User.login)
    ).all()
    return [UserInfo(*row) for row in rows]


def _verified(session: Session, login: str, password: str) -> User | None:
    """The account whose password this is (active or not), else None; as slow for an unknown login as for a known."""
    user = session.scalar(select(User).where(User.login == login.strip()))
    if user is None:
        _hasher.hash(password)  # spend the same time as a real check
        return None
    try:
        _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return None
    return user


def _actor(user: User) -> Actor:
    return Actor(login=user.login, role=user.role, salesperson_id=user.salesperson_id, stamp=stamp(user))


def signed_in(session: Session, login: str) -> Actor:
    """The stamped Actor of a login just created (a new company's administrator, the demo's): no password asked."""
    return _actor(_user(session, login.strip()))


def authenticate(session: Session, login: str, password: str) -> Actor:
    """The Actor for a good login and password; one message for every failure (no user probing). A plain check
    (knowing the old password before changing it): logging in is log_in, which also counts failures and audits."""
    user = _verified(session, login, password)
    if user is None:
        raise ValidationError("auth.bad_login")
    if not user.active:
        raise ValidationError("auth.account_disabled")
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    return _actor(user)


# --- logging in: a growing wait after failed attempts, every attempt audited -----------------------------------

FREE_FAILURES = 2  # failed attempts in a row that cost no wait
MAX_WAIT = 30  # seconds
_WAIT_PREFIX = "login_wait."  # Setting rows "login_wait.<digest of the login name>" -> {"n": failures, "at": ISO}


class LoginRefused(ValidationError):
    """A login refused; `wait` is how many seconds must pass before the next attempt is checked (0: at once)."""

    def __init__(self, code: str, wait: int = 0) -> None:
        super().__init__(code, seconds=wait)
        self.wait = wait


def wait_after(failures: int) -> int:
    """Seconds to wait after `failures` failed attempts in a row: 0, 0, 1, 2, 4, 8, 16, 30, 30 …"""
    return 0 if failures <= FREE_FAILURES else min(MAX_WAIT, 2 ** (failures - FREE_FAILURES - 1))


def _wait_key(login: str) -> str:
    # per login name as typed (known or not, so the wait tells nobody which names exist); a digest fits the key column
    return _WAIT_PREFIX + hashlib.sha256(login.strip().encode()).hexdigest()[:32]


def _failures(session: Session, login: str, lock: bool = False) -> tuple[Setting | None, int, datetime | None]:
    q = select(Setting).where(Setting.key == _wait_key(login))
    row = session.scalar(q.with_for_update() if lock else q)
    if row is None:
        return None, 0, None
    try:
        data = json.loads(row.value)
        return row, int(data["n"]), datetime.fromisoformat(data["at"])
    except (ValueError, KeyError, TypeError):
        return row, 0, None


def waiting(session: Session, login: str, now: datetime | None = None) -> int:
    """Seconds this login name must still wait before an attempt is checked (0: none)."""
    _row, n, last = _failures(session, login)
    if not n or last is None:
        return 0
    left = (last + timedelta(seconds=wait_after(n)) - (now or _now())).total_seconds()
    return max(0, min(MAX_WAIT, int(-(-left // 1))))  # whole seconds, rounded up; a skewed clock waits ≤ MAX_WAIT


def _now() -> datetime:
    return datetime.now(UTC)


def _attempt(login: str, user: User | None) -> Actor:
    return Actor(login=login.strip()[:64] or "?", role=user.role if user is not None else "")


def _count_failure(sessions: sessionmaker, login: str, now: datetime) -> int:
    """One more failed attempt of this login name, audited; the wait it costs from now."""
    for attempt in range(2):  # two PCs failing at once may both insert the row: the second tries again
        try:
            with sessions.begin() as s:
                row, n, _last = _failures(s, login, lock=True)
                n += 1
                value = json.dumps({"n": n, "at": now.isoformat()})
                if row is None:
                    s.add(Setting(key=_wait_key(login), value=value))
                else:
                    row.value = value
                user = s.scalar(select(User).where(User.login == login.strip()))
                audit(s, _attempt(login, user), "login.failed", "user", user.id if user is not None else None,
                      failures=n)
            return wait_after(n)
        except IntegrityError:
            if attempt:
                raise
    raise AssertionError("unreachable")


def log_in(sessions: sessionmaker, login: str, password: str, now: datetime | None = None) -> Actor:
    """Log in: the Actor of a good login and password, stamped for check_signed_in.

    Every refusal reads the same for a wrong login name and a wrong password (LoginRefused, with the wait before
    the next attempt). After FREE_FAILURES failures in a row a login name waits 1, 2, 4 … up to MAX_WAIT seconds
    between attempts, kept in the database so every PC sees it; an attempt during the wait is refused unchecked.
    A success clears the count. Successes and failures are audited ("login.ok", "login.failed", "login.disabled").
    """
    now = now or _now()
    with sessions() as s:
        left = waiting(s, login, now)
    if left:
        raise LoginRefused("login.wait", left)
    with sessions.begin() as s:
        user = _verified(s, login, password)
        if user is not None and user.active:
            if _hasher.check_needs_rehash(user.password_hash):
                user.password_hash = _hasher.hash(password)
            row, _n, _last = _failures(s, login)
            if row is not None:
                s.delete(row)
            audit(s, _attempt(login, user), "login.ok", "user", user.id)
            s.flush()
            return _actor(user)
        if user is not None:  # the right password of a disabled account
            audit(s, _attempt(login, user), "login.disabled", "user", user.id)
    if user is not None:
        raise ValidationError("auth.account_disabled")
    wait = _count_failure(sessions, login, now)
    raise LoginRefused("login.bad_login_wait" if wait else "auth.bad_login", wait)


# --- the signed-in check: a disabled or changed login is signed out at its next action -----------------------


def stamp(user: Any) -> str:
    """What a session's login was when it logged in: its id, role, salesperson, being enabled and password hash.
    Changing any of them (disabling, a new role, a password reset) makes the sessions logged in before stale."""
    raw = f"{user.id}|{user.role}|{user.salesperson_id}|{bool(user.active)}|{user.password_hash}"
    return hashlib.sha256(raw.encode()).hexdigest()[:24]


class SignedOut(PermissionDenied):
    """The login of this session was disabled or changed since it logged in: log in again."""


def _login_row(session: Session, login: str) -> Any:
    return session.execute(select(User.id, User.role, User.salesperson_id, User.active, User.password_hash)
                           .where(User.login == login)).first()


def check_signed_in(session: Session, actor: Actor) -> None:
    """Refuse (SignedOut) an actor whose login was disabled, removed or changed since it logged in: one indexed read.
    Actors without a stamp (the CLI, the system) are not desktop logins and pass."""
    if actor.stamp is None:
        return
    row = _login_row(session, actor.login)
    if row is None or not row.active or stamp(row) != actor.stamp:
        raise SignedOut("login.signed_out")


def restamp(session: Session, actor: Actor) -> Actor:
    """The actor after a change its own session made to the logins (its own new password): the same role and
    salesperson still enabled gets the new stamp; anything else keeps the old one and is signed out next time."""
    if actor.stamp is None:
        return actor
    row = _login_row(session, actor.login)
    if row is None or not row.active or row.role != actor.role or row.salesperson_id != actor.salesperson_id:
        return actor
    return replace(actor, stamp=stamp(row))
