"""Logins (issue 11, item 5): argon2id at OWASP's parameters with re-hashing, the growing wait after failed attempts
with one message, disabled accounts, the password policy of a real company beside the demo's 123456, the
signed-in check that signs a disabled or changed login out, and the CLI's actor in the audit log."""
from __future__ import annotations

import getpass
import io
import json
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import argon2
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app import auth, cli, master_data, startup
from app.context import Actor
from app.db import make_engine, make_sessions
from app.errors import PermissionDenied, ValidationError
from models import AuditLog, Salesperson, Setting, User

BOSS = Actor("boss", "admin")
T0 = datetime(2026, 7, 1, 9, 0, 0, tzinfo=UTC)


@pytest.fixture
def company(sessions: sessionmaker[Session]) -> sessionmaker[Session]:
    """A real company (not the demo): an administrator and a salesperson's login."""
    with sessions.begin() as s:
        s.add(Salesperson(code="S01", name="张伟"))
        s.flush()
        auth.add_user(s, BOSS, "boss", "Yufeng-2026", "admin")
        auth.add_user(s, BOSS, "zw", "secret-1", "sales", "张伟", "S01")
    return sessions


def _audit(sessions: sessionmaker[Session], action: str) -> list[tuple[str, int | None, dict]]:
    with sessions() as s:
        return [(login, entity_id, json.loads(detail or "{}")) for login, entity_id, detail in s.execute(
            select(AuditLog.login, AuditLog.entity_id, AuditLog.detail).where(AuditLog.action == action)
            .order_by(AuditLog.id))]


def _refusal(sessions: sessionmaker[Session], login: str, password: str, now: datetime) -> auth.LoginRefused:
    with pytest.raises(auth.LoginRefused) as caught:
        auth.log_in(sessions, login, password, now=now)
    return caught.value


# --- the hash ---------------------------------------------------------------------------------------------------


def test_new_hashes_use_argon2id_with_at_least_owasps_parameters(company: sessionmaker[Session]) -> None:
    with company() as s:
        stored = s.scalar(select(User.password_hash).where(User.login == "boss"))
    params = argon2.extract_parameters(stored)
    assert params.type is argon2.Type.ID
    assert params.memory_cost >= 19 * 1024 and params.time_cost >= 2 and params.parallelism == 1
    assert "Yufeng-2026" not in stored


def test_a_weaker_hash_is_made_again_at_the_next_good_login(company: sessionmaker[Session]) -> None:
    weak = argon2.PasswordHasher(time_cost=1, memory_cost=8192, parallelism=2).hash("secret-1")
    with company.begin() as s:
        s.scalar(select(User).where(User.login == "zw")).password_hash = weak
    with pytest.raises(auth.LoginRefused):
        auth.log_in(company, "zw", "wrong-one", now=T0)  # a failed attempt leaves the hash alone
    with company() as s:
        assert s.scalar(select(User.password_hash).where(User.login == "zw")) == weak
    auth.log_in(company, "zw", "secret-1", now=T0)
    with company() as s:
        again = s.scalar(select(User.password_hash).where(User.login == "zw"))
    params = argon2.extract_parameters(again)
    assert (params.memory_cost, params.time_cost, params.parallelism) == (19456, 2, 1)
    assert auth.log_in(company, "zw", "secret-1", now=T0).role == "sales"


# --- failed attempts -----------------------------------------------------------------------------------------


def test_the_wait_grows_after_failed_attempts_and_is_capped() -> None:
    assert [auth.wait_after(n) for n in range(1, 11)] == [0, 0, 1, 2, 4, 8, 16, 30, 30, 30]


def test_twenty_wrong_passwords_then_the_right_one_is_refused_until_the_wait_is_over(
        company: sessionmaker[Session]) -> None:
    """The hole: 20 wrong passwords, then the right one logged in at once."""
    now = T0
    waits: list[int] = []
    for _ in range(20):
        now += timedelta(seconds=waits[-1] if waits else 0)  # each attempt as soon as the wait allows
        refusal = _refusal(company, "boss", "wrong-password", now)
        waits.append(refusal.wait)
    assert waits[:8] == [0, 0, 1, 2, 4, 8, 16, 30] and set(waits[7:]) == {30}
    refusal = _refusal(company, "boss", "Yufeng-2026", now)  # the right password, at once: not even checked
    assert refusal.code == "login.wait" and refusal.wait == 30
    assert "30 秒后再试" in str(refusal)
    refusal = _refusal(company, "boss", "Yufeng-2026", now + timedelta(seconds=29))
    assert refusal.wait == 1
    assert auth.log_in(company, "boss", "Yufeng-2026", now=now + timedelta(seconds=30)).login == "boss"
    # a success starts the count again
    assert _refusal(company, "boss", "wrong-password", now + timedelta(seconds=31)).wait == 0


def test_one_message_for_a_wrong_login_name_and_a_wrong_password(company: sessionmaker[Session]) -> None:
    for n in range(4):
        wrong_password = _refusal(company, "boss", "nope-nope", T0 + timedelta(minutes=n))
        unknown_login = _refusal(company, "nobody", "nope-nope", T0 + timedelta(minutes=n))
        assert str(wrong_password) == str(unknown_login)
        assert wrong_password.wait == unknown_login.wait
    assert str(_refusal(company, "ghost", "x", T0)) == "登录名或密码不正确"
    assert str(wrong_password) == "登录名或密码不正确，请 2 秒后再试"


def test_another_pc_sees_the_wait(company: sessionmaker[Session], db_url: str) -> None:
    for _ in range(3):
        _refusal(company, "zw", "wrong-one", T0)
    other = make_engine(db_url)  # a second connection pool, as another PC has
    try:
        refusal = _refusal(make_sessions(other), "zw", "secret-1", T0)
        assert refusal.code == "login.wait" and refusal.wait == 1
    finally:
        other.dispose()
    with company() as s:
        assert s.scalar(select(Setting.value).where(Setting.key.startswith("login_wait."))) is not None


def test_disabled_accounts_cannot_log_in(company: sessionmaker[Session]) -> None:
    with company.begin() as s:
        auth.disable_user(s, BOSS, "zw")
    with pytest.raises(ValidationError, match="已停用"):
        auth.log_in(company, "zw", "secret-1", now=T0)
    assert [login for login, *_ in _audit(company, "login.disabled")] == ["zw"]


def test_every_attempt_is_audited(company: sessionmaker[Session]) -> None:
    _refusal(company, "boss", "wrong-one", T0)
    _refusal(company, "nobody" * 20, "wrong-one", T0)  # a 120-character name fits the audit's login column
    auth.log_in(company, "boss", "Yufeng-2026", now=T0)
    with company() as s:
        boss_id = s.scalar(select(User.id).where(User.login == "boss"))
    assert _audit(company, "login.failed") == [("boss", boss_id, {"failures": 1}),
                                              (("nobody" * 20)[:64], None, {"failures": 1})]
    assert _audit(company, "login.ok") == [("boss", boss_id, {})]


# --- the password policy ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("password", "why"), [
    ("123456", "至少 8 位"), ("1234567", "至少 8 位"), ("12345678", "全是数字"), ("20260701", "全是数字"),
    ("password", "太常见"), ("Password", "太常见"), ("qwerty123", "太常见"), ("newlogin", "登录名相同"),
])
def test_a_real_company_refuses_weak_passwords(company: sessionmaker[Session], password: str, why: str) -> None:
    with company.begin() as s, pytest.raises(ValidationError, match=why):
        auth.add_user(s, BOSS, "newlogin", password, "finance")
    with company.begin() as s, pytest.raises(ValidationError, match=why):
        auth.set_password(s, BOSS, "newlogin" if why == "登录名相同" else "boss", password)
    with pytest.raises(ValidationError, match=why):
        master_data.reset_password(company, BOSS, "newlogin" if why == "登录名相同" else "zw", password)


def test_a_real_company_takes_a_good_password(company: sessionmaker[Session]) -> None:
    with company.begin() as s:
        auth.add_user(s, BOSS, "caiwu", "Chongqing-88", "finance")
    assert auth.log_in(company, "caiwu", "Chongqing-88", now=T0).role == "finance"


def test_creating_a_company_refuses_the_demo_password(tmp_path: Path) -> None:
    db = startup.open_database(f"sqlite:///{tmp_path / 'real.sqlite3'}")
    try:
        with pytest.raises(ValidationError, match="至少 8 位"):
            startup.create_company(db, "重庆渝丰五金机电有限公司", "admin", "123456")
        actor = startup.create_company(db, "重庆渝丰五金机电有限公司", "admin", "Yufeng-2026")
        with db.sessions() as s:
            assert not auth.is_demo(s)
            auth.check_signed_in(s, actor)  # the new administrator's session is a stamped desktop login
        assert actor.stamp is not None
    finally:
        db.engine.dispose()


def test_the_demo_company_keeps_its_documented_password(tmp_path: Path) -> None:
    db = startup.open_database(f"sqlite:///{tmp_path / 'demo.sqlite3'}")
    try:
        actor = startup.create_demo(db, customers=20)
        assert actor.stamp is not None
        with db.sessions() as s:
            assert auth.is_demo(s)
        assert startup.login(db, "admin", startup.DEMO_PASSWORD).role == "admin"
        master_data.reset_password(db.sessions, actor, "caiwu", "654321")  # the demo asks for 6 characters
        with pytest.raises(ValidationError, match="至少 6 位"):
            master_data.reset_password(db.sessions, actor, "caiwu", "12345")
    finally:
        db.engine.dispose()


def _crm(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], url: str, *argv: str,
         stdin: str = "") -> tuple[int, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = cli.main(["--db", url, *argv])
    out = capsys.readouterr()
    return code, out.out + out.err


def test_the_cli_refuses_weak_passwords_and_audits_the_os_user(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    assert _crm(monkeypatch, capsys, url, "init", "--company", "测试公司")[0] == 0
    code, text = _crm(monkeypatch, capsys, url, "user", "add", "boss", "--role", "admin", "--password-stdin",
                      stdin="123456\n")
    assert code == 1 and "至少 8 位" in text
    assert _crm(monkeypatch, capsys, url, "user", "add", "boss", "--role", "admin", "--password-stdin",
                stdin="Yufeng-2026\n")[0] == 0
    code, text = _crm(monkeypatch, capsys, url, "user", "passwd", "boss", "--password-stdin", stdin="12345678\n")
    assert code == 1 and "全是数字" in text
    assert _crm(monkeypatch, capsys, url, "user", "passwd", "boss", "--password-stdin", stdin="Yufeng-2027\n")[0] == 0
    engine = make_engine(url)
    try:
        with Session(engine) as s:
            actors = s.execute(select(AuditLog.action, AuditLog.login).order_by(AuditLog.id)).all()
    finally:
        engine.dispose()
    who = f"cli:{getpass.getuser()}"
    assert actors == [("settings.save", who), ("user.add", who), ("user.passwd", who)]  # crm init --company, …


# --- signed in: a disabled or changed login is signed out at its next action -------------------------------------


def test_a_disabled_or_changed_login_is_signed_out(company: sessionmaker[Session]) -> None:
    zw = auth.log_in(company, "zw", "secret-1", now=T0)
    with company() as s:
        auth.check_signed_in(s, zw)
        auth.check_signed_in(s, Actor("zw", "sales"))  # no stamp (the CLI, the system): not a desktop login
    master_data.disable_user(company, BOSS, "zw")
    with company() as s, pytest.raises(auth.SignedOut, match="重新登录"):
        auth.check_signed_in(s, zw)
    master_data.enable_user(company, BOSS, "zw")
    with company() as s:
        auth.check_signed_in(s, zw)  # enabled again, nothing else changed: the same login
    master_data.reset_password(company, BOSS, "zw", "secret-2")
    with company() as s, pytest.raises(auth.SignedOut):
        auth.check_signed_in(s, zw)
    zw = auth.log_in(company, "zw", "secret-2", now=T0)
    with company.begin() as s:
        s.scalar(select(User).where(User.login == "zw")).role = "finance"
    with company() as s, pytest.raises(PermissionDenied):
        auth.check_signed_in(s, zw)


def test_ones_own_new_password_keeps_the_session(company: sessionmaker[Session]) -> None:
    zw = auth.log_in(company, "zw", "secret-1", now=T0)
    master_data.change_own_password(company, zw, "secret-1", "secret-2")
    with company() as s:
        with pytest.raises(auth.SignedOut):
            auth.check_signed_in(s, zw)
        again = auth.restamp(s, zw)
        auth.check_signed_in(s, again)
    master_data.disable_user(company, BOSS, "zw")
    with company() as s:
        assert auth.restamp(s, again).stamp == again.stamp  # a disabled login gets no new stamp
        with pytest.raises(auth.SignedOut):
            auth.check_signed_in(s, again)
