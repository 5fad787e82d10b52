"""kill -9 in the middle of a batch change (信用额度 of 2,000 customers at once) leaves the database as before — never
some customers changed and others not — on SQLite and PostgreSQL (issue 11, "crashes lose nothing")."""
from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from sqlalchemy import func, insert, select

from app.db import make_engine
from models import Base, CreditHistory, Customer
from tests.core.killing import kill_when, reopened

ROOT = Path(__file__).resolve().parents[2]
COUNT = 2_000

CHILD = """
import sys
from datetime import date
from decimal import Decimal
from sqlalchemy import select
from app import customer_service
from app.context import Actor
from app.db import make_engine, make_sessions
from models import Customer

sessions = make_sessions(make_engine(sys.argv[1]))
with sessions() as s:
    ids = list(s.scalars(select(Customer.id).order_by(Customer.id)))

def progress(done, total):
    print(done, total, flush=True)

customer_service.set_credit(sessions, Actor("boss", "admin"), ids, 45, Decimal("88888.00"), date(2026, 12, 1),
                            "年度授信调整", progress=progress)
print("FINISHED", flush=True)
"""


def _counts(engine) -> tuple[int, int, int]:  # noqa: ANN001
    with engine.connect() as conn:
        changed = conn.scalar(select(func.count()).select_from(Customer).where(Customer.credit_limit == 88888))
        rows = conn.scalar(select(func.count()).select_from(CreditHistory))
        customers = conn.scalar(select(func.count()).select_from(Customer))
    return int(changed or 0), int(rows or 0), int(customers or 0)


def test_kill_9_during_a_batch_change_leaves_it_undone(db_url: str) -> None:
    engine = make_engine(db_url)
    Base.metadata.create_all(engine)
    with engine.begin() as conn:
        conn.execute(insert(Customer), [{"code": f"K{n:05d}", "name": f"客户{n}", "created": date(2026, 1, 1)}
                                        for n in range(COUNT)])
    before = _counts(engine)
    assert before == (0, 0, COUNT)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen([sys.executable, "-c", CHILD, db_url], stdout=subprocess.PIPE, text=True, env=env)
    reached: list[int] = []

    def quarter_done(line: str) -> bool:  # a quarter or more written inside the transaction
        reached.append(int(line.split()[0]))
        return reached[-1] >= COUNT // 4

    kill_when(child, quarter_done, "the batch")
    assert reached[-1] >= COUNT // 4
    engine.dispose()
    engine = reopened(db_url)  # opened afresh, as the next start of the program would
    assert _counts(engine) == before  # nothing of the batch: no customer changed, no history row
    engine.dispose()
