"""Settings and the audit log."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, DateTime, Integer, String, Text, event
from sqlalchemy.orm import Mapped, ORMExecuteState, Session, mapped_column

from models.base import Base


class Setting(Base):
    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class DocCounter(Base):
    """The last document number handed out per prefix and day (XS-20260701-0001 …)."""

    __tablename__ = "doc_counter"

    prefix: Mapped[str] = mapped_column(String(8), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    last: Mapped[int] = mapped_column(Integer)


class AuditLog(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    login: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64))
    entity: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    detail: Mapped[str] = mapped_column(Text, default="")


class AuditLogIsAppendOnly(RuntimeError):
    """A program tried to change or remove an audit record: the log is append-only (a bug, never a user's doing)."""


@event.listens_for(AuditLog, "before_update")
@event.listens_for(AuditLog, "before_delete")
def _refuse_change(_mapper: Any, _connection: Any, target: AuditLog) -> None:
    raise AuditLogIsAppendOnly(f"audit record {target.id} cannot be changed or deleted")


@event.listens_for(Session, "do_orm_execute")
def _refuse_bulk_change(state: ORMExecuteState) -> None:
    """session.execute(update(AuditLog)…) / delete(AuditLog) bypass the unit of work's events: refused here too."""
    if (state.is_update or state.is_delete) and state.bind_mapper is not None \
            and state.bind_mapper.class_ is AuditLog:
        raise AuditLogIsAppendOnly("audit records cannot be changed or deleted")


# The database refuses it too, whatever program or SQL console tries: triggers made by create_all (tests, a new
# database) and by the migration 12665127a2f6 (an older one). Restoring a backup, which replaces every table's rows,
# does it inside `replacing_audit_log` (the triggers dropped and made again in its own transaction).
APPEND_ONLY_MESSAGE = "audit_log is append-only"


def audit_triggers(dialect: str) -> list[str]:
    """The statements that make audit_log refuse UPDATE and DELETE (and, on PostgreSQL, TRUNCATE)."""
    if dialect == "sqlite":
        return [f"CREATE TRIGGER IF NOT EXISTS audit_log_no_{op.lower()} BEFORE {op} ON audit_log "
                f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY_MESSAGE}'); END" for op in ("UPDATE", "DELETE")]
    if dialect == "postgresql":
        return [
            "CREATE OR REPLACE FUNCTION audit_log_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            f"RAISE EXCEPTION '{APPEND_ONLY_MESSAGE}' USING ERRCODE = 'insufficient_privilege'; END $$",
            "DROP TRIGGER IF EXISTS audit_log_no_change ON audit_log",
            "CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log "
            "FOR EACH ROW EXECUTE FUNCTION audit_log_refuse()",
            "DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log",
            "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log "
            "FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse()",
        ]
    return []


@event.listens_for(AuditLog.__table__, "after_create")
def _create_audit_triggers(_table: Any, connection: Any, **_kw: Any) -> None:
    for statement in audit_triggers(connection.dialect.name):
        connection.exec_driver_sql(statement)


def drop_audit_triggers(dialect: str) -> list[str]:
    if dialect == "sqlite":
        return ["DROP TRIGGER IF EXISTS audit_log_no_update", "DROP TRIGGER IF EXISTS audit_log_no_delete"]
    if dialect == "postgresql":
        return ["DROP TRIGGER IF EXISTS audit_log_no_change ON audit_log",
                "DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log"]
    return []


@contextmanager
def replacing_audit_log(connection: Any) -> Iterator[None]:
    """Within an open transaction of `connection`: the audit log's rows may be removed (a restore replacing the whole
    database) until the block ends, when the triggers are made again. Both steps are in the caller's transaction:
    a restore that fails or is killed rolls back to the guarded table."""
    dialect = connection.dialect.name
    for statement in drop_audit_triggers(dialect):
        connection.exec_driver_sql(statement)
    yield
    for statement in audit_triggers(dialect):
        connection.exec_driver_sql(statement)
