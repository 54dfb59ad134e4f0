"""`hubb harvest [SOURCE…]`: run the spiders, store the calls, report per source.

Prints one line per source: new / changed / unchanged / vanished / dropped and the run's
health. Exit 1 when a source is unhealthy (the line and stderr name it and the reason),
2 when a source failed entirely ("cannot reach www.vinnova.se (DNS)", a robots.txt that
refuses the listing: one line per host), on an unknown source or a bad sources.yaml. ``--check`` (for a machine with internet
access) fetches one listing and one detail page per source and reports whether the
expected structure is still there; it stores nothing.
"""

from __future__ import annotations

import logging

import click


@click.command()
@click.argument("sources", nargs=-1)
@click.option("--check", is_flag=True, help="Only check that each site still has the expected structure.")
def harvest(sources: tuple[str, ...], check: bool) -> None:
    """Run spiders, store calls, report new/changed/unchanged per source."""
    from hubb.logs import info_by_default
    from scrapers.run import run_harvest
    from scrapers.sources import SourcesError

    info_by_default()  # the project's summary lines show; Scrapy stays quiet without -v

    verbose = logging.getLogger().getEffectiveLevel() <= logging.INFO
    try:
        results = run_harvest(list(sources) or None, check=check,
                              log_level=None if verbose else "WARNING")
    except (ValueError, SourcesError) as exc:
        raise click.UsageError(str(exc)) from exc
    if not results:
        click.echo("no enabled sources in sources.yaml", err=True)
        raise SystemExit(2)
    width = max(len(r.source) for r in results)
    for r in results:
        click.echo(f"{r.source:<{width}}  {r.summary()}")
        for warning in r.warnings:
            click.echo(f"{'':<{width}}  warning: {warning}")
    failed = [r for r in results if not r.ok]
    for r in failed:
        if r.unreachable:
            for line in r.unreachable_reasons():
                click.echo(f"hubb harvest: {r.source}: {line}", err=True)
            continue
        what = "structure check failed" if check else "unhealthy"
        click.echo(f"hubb harvest: {r.source} {what}: {'; '.join(r.reasons)}", err=True)
    if any(r.unreachable for r in failed):
        raise SystemExit(2)
    if failed:
        raise SystemExit(1)
