"""Engines and sessions. SQLite is the zero-set-up default (file created on demand,
WAL mode, foreign keys on, a busy timeout so concurrent writers wait instead of failing);
a ``postgresql+psycopg://`` URL selects PostgreSQL."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker


def make_engine(url: str, **kwargs) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30}, **kwargs)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):
            # pysqlite's own transaction handling would defer BEGIN; take it over so
            # that "BEGIN IMMEDIATE" in db.locks means what it says.
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

        @event.listens_for(engine, "begin")
        def _sqlite_begin(conn):
            conn.exec_driver_sql("BEGIN")

        return engine
    return create_engine(url, pool_pre_ping=True, **kwargs)


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session in one transaction: committed on success, rolled back on error."""
    with make_sessionmaker(engine)() as session, session.begin():
        yield session


def check_connection(engine: Engine) -> Engine:
    """Connect once, so an unreachable server, a damaged or unwritable file fails here
    as one :class:`hubb.errors.UserError` naming the URL (password masked)."""
    from sqlalchemy import exc as sa_exc

    from hubb.errors import UserError, safe_url

    url = safe_url(engine.url.render_as_string(hide_password=False))
    if engine.url.get_backend_name() == "sqlite":
        database = engine.url.database
        if database and database != ":memory:":
            path = Path(database)
            if path.is_dir():
                raise UserError(f"database {url}: {path} is a directory, not an SQLite file")
            try:
                Path(database).parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise UserError(f"database {url}: cannot create {path.parent}: {exc.strerror}") from exc
            if path.exists() and not os.access(path, os.W_OK):
                raise UserError(f"database {url}: {path} is read-only")
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
    except (sa_exc.OperationalError, sa_exc.DatabaseError, sa_exc.InterfaceError) as exc:
        text = str(getattr(exc, "orig", exc)).strip()
        first = text.splitlines()[0] if text else type(exc).__name__
        if "file is not a database" in first:
            first += " (not an SQLite file, or damaged)"
        raise UserError(f"database {url}: {first}") from exc
    except sa_exc.NoSuchModuleError as exc:
        raise UserError(f"database {url}: no driver for this URL ({exc})") from exc
    return engine


def engine_from_settings() -> Engine:
    """The configured database, connected once (see :func:`check_connection`)."""
    from hubb.settings import get_settings

    return check_connection(make_engine(get_settings().database_url))
