"""the allocation kept as documents are saved: open orders (open_item), each customer's sums (customer_totals), the
customers marked since (money_dirty) and the triggers that mark them; every customer with documents starts marked
(app.schema keeps them right after the upgrade)

Revision ID: 81c767e641f5
Revises: 5868e9d40ddc
Create Date: 2026-12-03 17:40:00
"""
import sqlalchemy as sa
from alembic import op

revision = '81c767e641f5'
down_revision = '5868e9d40ddc'
branch_labels = None
depends_on = None

# the triggers as they were at this revision (models.ledger_cache writes the same for a new database)
WATCHED = {
    "sales_order": "customer_id, status, date, due_date, number, total",
    "receipt": "customer_id, status, date, number, amount, order_id",
    "sales_return": "customer_id, status, date, number, total, order_id",
}
OF_ALLOCATION = ("SELECT customer_id FROM receipt WHERE id = {row}.receipt_id "
                 "UNION SELECT customer_id FROM sales_return WHERE id = {row}.return_id")


def _sqlite() -> list[str]:
    out = []
    for table, columns in WATCHED.items():
        def mark(row: str) -> str:
            return f"INSERT INTO money_dirty (customer_id) SELECT {row}.customer_id WHERE {row}.status IN ('confirmed');"
        out += [
            f"CREATE TRIGGER IF NOT EXISTS money_{table}_ins AFTER INSERT ON {table} BEGIN {mark('NEW')} END",
            f"CREATE TRIGGER IF NOT EXISTS money_{table}_upd AFTER UPDATE OF {columns} ON {table} "
            f"BEGIN {mark('NEW')} {mark('OLD')} END",
            f"CREATE TRIGGER IF NOT EXISTS money_{table}_del AFTER DELETE ON {table} BEGIN {mark('OLD')} END",
        ]

    def of_allocation(row: str) -> str:
        return f"INSERT INTO money_dirty (customer_id) {OF_ALLOCATION.format(row=row)};"
    out += [
        f"CREATE TRIGGER IF NOT EXISTS money_allocation_ins AFTER INSERT ON allocation BEGIN {of_allocation('NEW')} END",
        "CREATE TRIGGER IF NOT EXISTS money_allocation_upd AFTER UPDATE ON allocation "
        f"BEGIN {of_allocation('NEW')} {of_allocation('OLD')} END",
        f"CREATE TRIGGER IF NOT EXISTS money_allocation_del AFTER DELETE ON allocation BEGIN {of_allocation('OLD')} END",
    ]
    return out


def _postgresql() -> list[str]:
    def marks(row: str) -> str:
        return (f"IF TG_TABLE_NAME = 'allocation' THEN "
                f"INSERT INTO money_dirty (customer_id) {OF_ALLOCATION.format(row=row)}; "
                f"ELSIF {row}.status IN ('confirmed') THEN "
                f"INSERT INTO money_dirty (customer_id) VALUES ({row}.customer_id); END IF;")
    out = [
        "CREATE OR REPLACE FUNCTION money_mark_dirty() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"IF TG_OP IN ('INSERT', 'UPDATE') THEN {marks('NEW')} END IF; "
        f"IF TG_OP IN ('UPDATE', 'DELETE') THEN {marks('OLD')} END IF; "
        "RETURN NULL; END $$",
    ]
    for table, columns in (*WATCHED.items(), ("allocation", None)):
        update = f"UPDATE OF {columns}" if columns else "UPDATE"
        out += [f"DROP TRIGGER IF EXISTS money_{table} ON {table}",
                f"CREATE TRIGGER money_{table} AFTER INSERT OR DELETE OR {update} ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION money_mark_dirty()"]
    return out


def upgrade() -> None:
    op.create_table('open_item',
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=32), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=False),
    sa.Column('open', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], name=op.f('fk_open_item_customer_id_customer'),
                            ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['order_id'], ['sales_order.id'], name=op.f('fk_open_item_order_id_sales_order'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('order_id', name=op.f('pk_open_item'))
    )
    op.create_index('ix_open_item_due', 'open_item', ['due_date', 'customer_id', 'open'], unique=False)
    op.create_index(op.f('ix_open_item_customer_id'), 'open_item', ['customer_id'], unique=False)
    op.create_table('customer_totals',
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('orders', sa.BigInteger(), nullable=False),
    sa.Column('credits', sa.BigInteger(), nullable=False),
    sa.Column('unapplied', sa.BigInteger(), nullable=False),
    sa.Column('last_order', sa.Date(), nullable=True),
    sa.Column('last_document', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], name=op.f('fk_customer_totals_customer_id_customer'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('customer_id', name=op.f('pk_customer_totals'))
    )
    op.create_index(op.f('ix_customer_totals_last_document'), 'customer_totals', ['last_document'], unique=False)
    op.create_table('money_dirty',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('customer_id', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_money_dirty'))
    )
    dialect = op.get_bind().dialect.name
    for statement in _sqlite() if dialect == "sqlite" else _postgresql() if dialect == "postgresql" else []:
        op.execute(statement)
    op.execute("INSERT INTO money_dirty (customer_id) "
               "SELECT customer_id FROM sales_order WHERE status = 'confirmed' "
               "UNION SELECT customer_id FROM receipt WHERE status = 'confirmed' "
               "UNION SELECT customer_id FROM sales_return WHERE status = 'confirmed'")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for table in (*WATCHED, "allocation"):
            for when in ("ins", "upd", "del"):
                op.execute(f"DROP TRIGGER IF EXISTS money_{table}_{when}")
    elif dialect == "postgresql":
        for table in (*WATCHED, "allocation"):
            op.execute(f"DROP TRIGGER IF EXISTS money_{table} ON {table}")
        op.execute("DROP FUNCTION IF EXISTS money_mark_dirty()")
    op.drop_table('money_dirty')
    op.drop_index(op.f('ix_customer_totals_last_document'), table_name='customer_totals')
    op.drop_table('customer_totals')
    op.drop_index(op.f('ix_open_item_customer_id'), table_name='open_item')
    op.drop_index('ix_open_item_due', table_name='open_item')
    op.drop_table('open_item')
