"""Logins and permissions: argon2 hashes, one failure message, roles enforced in the service."""
from __future__ import annotations

import pytest

from app import auth
from app.context import Actor
from app.errors import PermissionDenied, ValidationError
from models import Salesperson, User

BOSS = Actor("boss", "admin")


def test_first_user_then_only_admins_manage(session) -> None:
    session.add(Salesperson(code="S01", name="张伟"))
    session.flush()
    anyone = Actor("nobody", "sales")
    auth.add_user(session, anyone, "boss", "secret-1", "admin")  # the company's first account
    stored = session.query(User).one().password_hash
    assert stored.startswith("$argon2id$") and "secret-1" not in stored
    with pytest.raises(PermissionDenied, match="管理登录账户"):
        auth.add_user(session, anyone, "x", "secret-2", "finance")
    auth.add_user(session, BOSS, "zw", "secret-2", "sales", "张伟", "S01")
    with pytest.raises(ValidationError, match="必须关联"):
        auth.add_user(session, BOSS, "y", "secret-2", "sales")
    with pytest.raises(ValidationError, match="已存在"):
        auth.add_user(session, BOSS, "zw", "secret-2", "finance")
    with pytest.raises(ValidationError, match="至少"):
        auth.add_user(session, BOSS, "short", "12345", "finance")
    assert [(u.login, u.role, u.salesperson_code) for u in auth.list_users(session)] == [
        ("boss", "admin", None), ("zw", "sales", "S01")]


def test_authenticate_good_bad_and_disabled(session) -> None:
    auth.add_user(session, BOSS, "boss", "secret-1", "admin")
    auth.add_user(session, BOSS, "acc", "secret-2", "finance")
    assert auth.authenticate(session, "boss", "secret-1") == Actor("boss", "admin", None)
    for login, password in (("boss", "wrong"), ("ghost", "secret-1")):
        with pytest.raises(ValidationError, match="登录名或密码不正确"):
            auth.authenticate(session, login, password)
    auth.disable_user(session, BOSS, "acc")
    with pytest.raises(ValidationError, match="已停用"):
        auth.authenticate(session, "acc", "secret-2")
    with pytest.raises(ValidationError, match="最后一个管理员"):
        auth.disable_user(session, BOSS, "boss")
    auth.set_password(session, Actor("boss", "admin"), "boss", "new-secret")
    assert auth.authenticate(session, "boss", "new-secret").role == "admin"


def test_permission_matrix() -> None:
    roles = {r: Actor(r, r) for r in ("admin", "manager", "sales", "finance")}
    assert [r for r, a in roles.items() if auth.can(a, "credit.approve")] == ["admin", "manager"]
    assert [r for r, a in roles.items() if auth.can(a, "money.edit")] == ["admin", "finance"]
    assert [r for r, a in roles.items() if auth.can(a, "cost.view")] == ["admin", "manager", "finance"]
    with pytest.raises(PermissionDenied, match="财务"):
        auth.require(roles["finance"], "customers.edit")
