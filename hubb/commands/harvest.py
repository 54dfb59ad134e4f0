"""`hubb harvest`: arrives with its issue."""

import click


@click.command()
def harvest() -> None:
    """Not built yet."""
    click.echo("hubb harvest: not built yet", err=True)
    raise SystemExit(2)
