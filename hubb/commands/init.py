"""`hubb init`: create or upgrade the database."""

import click


@click.command()
def init() -> None:
    """Create or upgrade the database to the current schema."""
    from db.engine import engine_from_settings
    from db.migrate import current_revision, head_revision, upgrade

    eng = engine_from_settings()
    before = current_revision(eng)
    upgrade(eng)
    url = eng.url.render_as_string(hide_password=True)
    if before == head_revision():
        click.echo(f"database is current (revision {before}): {url}")
    else:
        click.echo(f"database upgraded {before or 'empty'} → {head_revision()}: {url}")
