"""search keys v2: customer keys start with the code; readings no phrase uses are dropped

Revision ID: a3c9e2b71d05
Revises: f5d4a11e34d0
Create Date: 2026-11-27 14:40:00
"""
import sqlalchemy as sa
from alembic import op

from app import pinyin

revision = 'a3c9e2b71d05'
down_revision = 'f5d4a11e34d0'
branch_labels = None
depends_on = None

BATCH = 5000


def _rewrite(table: str, columns: str, keys) -> None:  # noqa: ANN001
    """Recompute the pinyin column of every row of `table` in batches (data only; the schema is unchanged)."""
    conn = op.get_bind()
    rows = conn.execute(sa.text(f"SELECT id, {columns} FROM {table}")).all()
    update = sa.text(f"UPDATE {table} SET pinyin = :keys WHERE id = :id")
    for start in range(0, len(rows), BATCH):
        conn.execute(update, [{"id": r[0], "keys": keys(*r[1:])} for r in rows[start:start + BATCH]])


def upgrade() -> None:
    _rewrite("customer", "code, name, short_name", pinyin.customer_keys)
    _rewrite("product", "name", pinyin.search_keys)
    _rewrite("salesperson", "name", pinyin.search_keys)


def downgrade() -> None:
    pass  # the older keys were a superset; searches keep working with these
