"""`hubb demo`: arrives with its issue."""

import click


@click.command()
def demo() -> None:
    """Not built yet."""
    click.echo("hubb demo: not built yet", err=True)
    raise SystemExit(2)
