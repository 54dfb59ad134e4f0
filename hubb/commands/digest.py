"""`hubb digest`: arrives with its issue."""

import click


@click.command()
def digest() -> None:
    """Not built yet."""
    click.echo("hubb digest: not built yet", err=True)
    raise SystemExit(2)
