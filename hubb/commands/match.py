"""`hubb match`: arrives with its issue."""

import click


@click.command()
def match() -> None:
    """Not built yet."""
    click.echo("hubb match: not built yet", err=True)
    raise SystemExit(2)
