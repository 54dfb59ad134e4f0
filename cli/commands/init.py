"""`hubb init`: create or upgrade the database, and check an existing one before
calling it current (SQLite's integrity check, the revision, the tables against the
models). A damaged database is an error (exit 2), never "current"."""

import click

from hubb.errors import UserError


@click.command()
def init() -> None:
    """Create or upgrade the database to the current schema, and check its integrity."""
    from db.engine import engine_from_settings
    from db.migrate import head_revision, integrity_problems, known_revision, storage_problems, upgrade

    eng = engine_from_settings()
    url = eng.url.render_as_string(hide_password=True)
    # the file first: a damaged one must not be migrated, nor called current
    _refuse(url, storage_problems(eng))
    before = known_revision(eng)
    upgrade(eng)
    _refuse(url, integrity_problems(eng))
    if before == head_revision():
        click.echo(f"database is current (revision {before}), integrity ok: {url}")
    else:
        click.echo(f"database upgraded {before or 'empty'} → {head_revision()}: {url}")


def _refuse(url: str, problems: list[str]) -> None:
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise UserError(f"database {url} is damaged: {problems[0]}{more}; restore it from a backup")
