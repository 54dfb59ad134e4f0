"""`hubb init` on an existing database checks it before calling it current: SQLite's
integrity check, the revision, the tables against the models (SQLite and PostgreSQL);
and `alembic` from the repository root works on the settings' database."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from tests.test_cli_errors import hubb, one_line_error

ROOT = Path(__file__).resolve().parent.parent


def test_init_twice_reports_a_current_checked_database(db_url):
    first = hubb("init")
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("database upgraded empty → 0001: ")
    again = hubb("init")
    assert again.returncode == 0, again.stderr
    assert again.stdout.startswith("database is current (revision 0001), integrity ok: ")


def test_init_refuses_a_database_with_a_missing_table(engine):
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE leases"))
    engine.dispose()
    line = one_line_error(hubb("init"))
    assert line.endswith("is damaged: schema: missing table leases; restore it from a backup")
    assert "current" not in line


def test_init_refuses_a_revision_this_version_does_not_know(engine):
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    for command in ("init", "calls"):
        line = one_line_error(hubb(command))
        assert line.endswith(": revision '9999' is not one of this version's migrations (written by a newer hubb?)")


def test_init_refuses_a_sqlite_file_with_a_damaged_index(engine):
    if engine.dialect.name != "sqlite":
        pytest.skip("PRAGMA integrity_check is SQLite's")
    with engine.begin() as conn:
        for i in range(300):
            conn.execute(text("INSERT INTO suppressions (email, reason, detail, created_at) "
                              "VALUES (:e, 'bounced', :n, '2026-11-30 07:00:00')"),
                         {"e": f"user{i:04d}@example.se", "n": "x" * 200})
        index_pages = [row[0] for row in conn.execute(text(
            "SELECT rootpage FROM sqlite_master WHERE type = 'index' AND tbl_name = 'suppressions'"))]
        page_size = conn.execute(text("PRAGMA page_size")).scalar()
    engine.dispose()
    path = Path(engine.url.database)
    raw = bytearray(path.read_bytes())
    for page in index_pages:  # keep each page's header, scramble the cells behind it
        start = (page - 1) * page_size + 200
        raw[start:page * page_size] = bytes((b * 7 + 3) % 256 for b in raw[start:page * page_size])
    path.write_bytes(bytes(raw))
    proc = hubb("init")
    line = one_line_error(proc)
    assert line.startswith(f"hubb: error: database sqlite:///{path} is damaged: integrity_check: ")
    assert proc.stdout == ""


def alembic(*args):
    return subprocess.run([sys.executable, "-m", "alembic", *args], cwd=ROOT, env=dict(os.environ),
                          capture_output=True, text=True, timeout=120, check=False)


def test_alembic_from_the_repo_root_upgrades_the_settings_database(db_url):
    assert alembic("current").stdout == ""
    up = alembic("upgrade", "head")
    assert up.returncode == 0, up.stderr
    assert "Running upgrade  -> 0001, initial schema" in up.stderr
    current = alembic("current")
    assert current.returncode == 0 and current.stdout == "0001 (head)\n"


def test_models_and_migrations_are_in_step(engine):
    # what `alembic check` does: autogenerate against the migrated database finds nothing
    from db.migrate import integrity_problems, schema_diff

    with engine.connect() as conn:
        assert schema_diff(conn) == []
    assert integrity_problems(engine) == []
    engine.dispose()
    proc = alembic("check")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "No new upgrade operations detected.\n"
