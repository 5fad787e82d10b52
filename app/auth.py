"""Logins, roles and permissions: who may see and change what, checked in the services."""
from __future__ import annotations

from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.context import Actor, audit
from app.errors import NotFound, PermissionDenied, ValidationError
from app.messages import Message, msg
from models import Salesperson, User

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
}
_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters
MIN_PASSWORD = 6


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


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise ValidationError("auth.password_too_short", min=MIN_PASSWORD)


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
    _check_password(password)
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
    _check_password(password)
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


def authenticate(session: Session, login: str, password: str) -> Actor:
    """The Actor for a good login and password; one message for every failure (no user probing)."""
    user = session.scalar(select(User).where(User.login == login.strip()))
    failure = ValidationError("auth.bad_login")
    if user is None:
        _hasher.hash(password)  # spend the same time as a real check
        raise failure
    try:
        _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        raise failure from None
    if not user.active:
        raise ValidationError("auth.account_disabled")
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    return Actor(login=user.login, role=user.role, salesperson_id=user.salesperson_id)
