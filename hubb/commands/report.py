"""`hubb report`: arrives with its issue."""

import click


@click.command()
def report() -> None:
    """Not built yet."""
    click.echo("hubb report: not built yet", err=True)
    raise SystemExit(2)
