"""Alembic migrations of the schema (see db/migrate.py and docs/architecture.md)."""
