"""Create or upgrade the schema with Alembic (`hubb init`), and check it is current."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, inspect

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection_engine"] = engine
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database to ``revision``; safe to run again on a current database."""
    command.upgrade(alembic_config(engine), revision)


def ready_engine(upgrade_schema: bool = True) -> Engine:
    """The configured database (settings), migrated to the current schema on first use."""
    from db.engine import engine_from_settings

    eng = engine_from_settings()  # connected once: an unusable database fails here, one line
    # known_revision refuses (one line) a revision this code does not know
    if upgrade_schema and known_revision(eng) != head_revision():
        upgrade(eng)
    return eng


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    head = ScriptDirectory.from_config(cfg).get_current_head()
    if head is None:  # the package ships its migrations: none means a broken install
        raise RuntimeError(f"no migrations in {MIGRATIONS}")
    return head


def is_current(engine: Engine) -> bool:
    return current_revision(engine) == head_revision()


def table_names(engine: Engine) -> set[str]:
    return set(inspect(engine).get_table_names())


def known_revision(engine: Engine) -> str | None:
    """The database's revision, refused (UserError) when this code does not know it:
    a database written by a newer hubb, or a stray alembic_version table."""
    from alembic.script import ScriptDirectory

    from hubb.errors import UserError, safe_url

    rev = current_revision(engine)
    if rev is None:
        return None
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    known = {s.revision for s in ScriptDirectory.from_config(cfg).walk_revisions()}
    if rev not in known:
        raise UserError(f"database {safe_url(engine.url.render_as_string(hide_password=False))}: "
                        f"revision {rev!r} is not one of this version's migrations "
                        f"(written by a newer hubb?)")
    return rev


def integrity_problems(engine: Engine) -> list[str]:
    """What is wrong with a database at head: damaged SQLite pages or indexes, tables or
    columns that differ from the models. Empty when all is well."""
    problems = storage_problems(engine)
    if not problems:
        with engine.connect() as conn:
            problems.extend(f"schema: {d}" for d in schema_diff(conn))
    return problems


def storage_problems(engine: Engine) -> list[str]:
    """SQLite's own checks of the file (pages, indexes, foreign keys); none on PostgreSQL,
    whose server keeps its files consistent."""
    from sqlalchemy import exc as sa_exc

    if engine.dialect.name != "sqlite":
        return []
    problems: list[str] = []
    try:
        with engine.connect() as conn:
            rows = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check(20)")]
            if rows != ["ok"]:
                problems.extend(f"integrity_check: {r}" for r in rows)
            keys = list(conn.exec_driver_sql("PRAGMA foreign_key_check"))
            if keys:
                problems.append(f"foreign_key_check: {len(keys)} row(s) point to missing rows "
                                f"(first in table {keys[0][0]})")
    except sa_exc.DatabaseError as exc:  # so damaged that the check itself cannot read it
        problems.append(f"integrity_check: {str(getattr(exc, 'orig', exc)).strip()}")
    return problems


def schema_diff(conn) -> list[str]:
    """Differences between the database's tables and db.models (alembic's autogenerate
    comparison), one readable line each."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from db.models import Base

    ctx = MigrationContext.configure(conn, opts={"compare_type": False})
    out = []
    for diff in compare_metadata(ctx, Base.metadata):
        items = diff if isinstance(diff, list) else [diff]
        for item in items:
            kind = item[0]
            if kind in ("add_table", "remove_table"):
                out.append(f"{'missing' if kind == 'add_table' else 'unexpected'} table {item[1].name}")
            elif kind in ("add_column", "remove_column"):
                out.append(f"{'missing' if kind == 'add_column' else 'unexpected'} column {item[2]}.{item[3].name}")
            elif kind in ("add_index", "remove_index"):
                out.append(f"{'missing' if kind == 'add_index' else 'unexpected'} index {item[1].name}")
            else:
                out.append(f"{kind} {' '.join(str(x) for x in item[1:4])}")
    return out
