"""customer care and reminders: after-sales follow-ups (care_task), put-away reminders per login
(reminder_state), a follow-up's result and a potential customer's three first steps, follow-up indexes, an index
of orders by due date

Revision ID: 5868e9d40ddc
Revises: e8870bc523dc
Create Date: 2026-12-03 14:58:24.415845
"""
import sqlalchemy as sa
from alembic import op

revision = '5868e9d40ddc'
down_revision = 'e8870bc523dc'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('reminder_state',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('login', sa.String(length=64), nullable=False),
    sa.Column('key', sa.String(length=120), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('until', sa.Date(), nullable=True),
    sa.Column('level', sa.BigInteger(), nullable=False),
    sa.Column('stage', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reminder_state')),
    sa.UniqueConstraint('login', 'key', name=op.f('uq_reminder_state_login_key'))
    )
    op.create_table('care_task',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('step', sa.String(length=8), nullable=False),
    sa.Column('due', sa.Date(), nullable=False),
    sa.Column('done_on', sa.Date(), nullable=True),
    sa.Column('followup_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], name=op.f('fk_care_task_customer_id_customer')),
    sa.ForeignKeyConstraint(['followup_id'], ['follow_up.id'], name=op.f('fk_care_task_followup_id_follow_up')),
    sa.ForeignKeyConstraint(['order_id'], ['sales_order.id'], name=op.f('fk_care_task_order_id_sales_order')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_care_task')),
    sa.UniqueConstraint('order_id', 'step', name=op.f('uq_care_task_order_id_step'))
    )
    with op.batch_alter_table('care_task', schema=None) as batch_op:
        batch_op.create_index('ix_care_task_customer_due', ['customer_id', 'due'], unique=False)
        batch_op.create_index('ix_care_task_done_due', ['done_on', 'due'], unique=False)

    with op.batch_alter_table('sales_order', schema=None) as batch_op:
        batch_op.create_index('ix_sales_order_status_due_date', ['status', 'due_date'], unique=False)

    with op.batch_alter_table('follow_up', schema=None) as batch_op:
        batch_op.add_column(sa.Column('result', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('card_exchanged', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('samples_given', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('company_introduced', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.create_index('ix_follow_up_customer_date', ['customer_id', 'date'], unique=False)
        batch_op.create_index('ix_follow_up_date', ['date'], unique=False)
        batch_op.create_index('ix_follow_up_salesperson_date', ['salesperson_id', 'date'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('follow_up', schema=None) as batch_op:
        batch_op.drop_index('ix_follow_up_salesperson_date')
        batch_op.drop_index('ix_follow_up_date')
        batch_op.drop_index('ix_follow_up_customer_date')
        batch_op.drop_column('company_introduced')
        batch_op.drop_column('samples_given')
        batch_op.drop_column('card_exchanged')
        batch_op.drop_column('result')

    with op.batch_alter_table('care_task', schema=None) as batch_op:
        batch_op.drop_index('ix_care_task_done_due')
        batch_op.drop_index('ix_care_task_customer_due')

    with op.batch_alter_table('sales_order', schema=None) as batch_op:
        batch_op.drop_index('ix_sales_order_status_due_date')

    op.drop_table('care_task')
    op.drop_table('reminder_state')
