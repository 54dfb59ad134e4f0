"""`hubb demo`: the whole pipeline offline, on bundled snapshots served on 127.0.0.1."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import click


@click.command()
@click.option("--dir", "directory", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where the database, outbox and reports go (default: a new temporary directory).")
def demo(directory: Path | None) -> None:
    """Harvest bundled snapshots of the four sources, match the example profiles, write
    every digest to an outbox (nothing is sent) and the gap report; print where they are."""
    from tqdm import tqdm

    from hubb.demo.pipeline import run_demo

    started = time.monotonic()
    directory = directory or Path(tempfile.mkdtemp(prefix="hubb-demo-"))

    def bar(items):
        return tqdm(items, desc="[5/6] rendering", unit="digest", leave=False, mininterval=0.5, disable=None)

    try:
        result = run_demo(directory, echo=click.echo, progress=bar)
    except FileExistsError as exc:
        raise click.UsageError(str(exc)) from None
    elapsed = time.monotonic() - started
    click.echo("")
    click.echo(f"Done in {elapsed:.0f} s. Everything is in {result.directory}:")
    click.echo(f"  database   {result.database}")
    click.echo(f"  outbox     {result.outbox}  ({len(result.digests)} .eml + .html)")
    click.echo(f"  gaps       {result.gaps}")
    click.echo(f"  index      {result.index}")
    click.echo("")
    click.echo(f"Open the index page:  python3 -m webbrowser file://{result.index}")
    click.echo(f"Send them for real:   HUBB_DATABASE_URL=sqlite:///{result.database} hubb digest send")
    if not result.ok:
        bad = [r.source for r in result.harvest if not r.ok]
        click.echo(f"unhealthy source(s): {', '.join(bad)}", err=True)
        raise SystemExit(1)
