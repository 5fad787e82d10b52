"""Alembic migrations of the schema (batch mode so SQLite tables can be altered)."""
