"""`hubb schedule`: arrives with its issue."""

import click


@click.command()
def schedule() -> None:
    """Not built yet."""
    click.echo("hubb schedule: not built yet", err=True)
    raise SystemExit(2)
