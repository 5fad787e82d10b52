"""Alembic environment: runs on the connection that app.schema hands over.

There is no alembic.ini and no logging.config.fileConfig here on purpose: logging belongs to the program that runs
the migration (`crm`, the desktop), and app.schema keeps Alembic's INFO lines out of their terminals.
"""
from alembic import context

from models import Base

config = context.config
connection = config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
