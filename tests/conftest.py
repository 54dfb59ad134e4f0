"""Shared test fixtures: a fresh database per test (SQLite file, or a schema of its own
on the PostgreSQL server named by ``HUBB_TEST_DATABASE_URL``), settings isolated from
the developer's environment."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from db.engine import make_engine, session_scope
from db.migrate import upgrade

#: fixtures shared by several test modules: a real SMTP server on 127.0.0.1, the fixed
#: database of the gap-report tests
pytest_plugins = ("tests.helpers.smtp", "tests.helpers.report_data")

ROOT = Path(__file__).resolve().parent.parent
PG_URL = os.environ.get("HUBB_TEST_DATABASE_URL")


@pytest.fixture(autouse=True)
def _isolated_settings(monkeypatch, tmp_path):
    """No HUBB_* variable of the developer's shell leaks into a test."""
    for name in list(os.environ):
        if name.startswith("HUBB_") and name != "HUBB_TEST_DATABASE_URL":
            monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HUBB_CONFIG_DIR", str(ROOT / "config"))
    monkeypatch.setenv("HUBB_DATABASE_URL", f"sqlite:///{tmp_path}/unused-default.sqlite3")
    from hubb.settings import reset_settings

    reset_settings()
    yield
    reset_settings()


def _pg_schema_url(base: str, schema: str) -> str:
    url = make_url(base)
    return url.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)


@pytest.fixture
def db_url(tmp_path, monkeypatch):
    """URL of an empty database of this test's own; also set as HUBB_DATABASE_URL so
    that code reading the settings (and subprocesses) use it."""
    if PG_URL:
        schema = f"t_{os.getpid()}_{uuid.uuid4().hex[:10]}"
        admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        url = _pg_schema_url(PG_URL, schema)
    else:
        url = f"sqlite:///{tmp_path}/hubb.sqlite3"
    monkeypatch.setenv("HUBB_DATABASE_URL", url)
    from hubb.settings import get_settings

    get_settings(fresh=True)
    yield url
    if PG_URL:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def engine(db_url):
    """An engine on this test's database, migrated to head."""
    eng = make_engine(db_url)
    upgrade(eng)
    yield eng
    eng.dispose()


@pytest.fixture
def session(engine):
    """A session in one transaction, committed at the end of the test."""
    with session_scope(engine) as s:
        yield s

