"""`hubb harvest [SOURCE…]`: run the spiders, store the calls, report per source.

Prints one line per source: new / changed / unchanged / vanished / dropped and the run's
health. Exit 1 when a source is unhealthy (the line and stderr name it and the reason),
2 when a source failed entirely ("cannot reach www.vinnova.se (DNS)", a robots.txt that
refuses the listing: one line per host), on an unknown source or a bad sources.yaml.
``--check`` (for a machine with internet access) fetches one listing and one detail page per
source and reports whether the expected structure is still there, then asks every stored open
call's link whether it answers and names the ones that do not (exit 1); it stores nothing.
"""

from __future__ import annotations

import logging

import click


@click.command()
@click.argument("sources", nargs=-1)
@click.option("--check", is_flag=True, help="Only check that each site still has the expected structure.")
def harvest(sources: tuple[str, ...], check: bool) -> None:
    """Run spiders, store calls, report new/changed/unchanged per source."""
    from cycle import harvest as run_harvest
    from hubb.logs import info_by_default
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
    broken = _check_links([r.source for r in results], width) if check else 0
    if any(r.unreachable for r in failed):
        raise SystemExit(2)
    if failed or broken:
        raise SystemExit(1)


def _check_links(sources: list[str], width: int) -> int:
    """Print per source how many stored open calls' links answer; the broken ones on stderr.
    A SQLite database that does not exist holds no calls: it is not created for the check."""
    from pathlib import Path

    from sqlalchemy.engine import make_url

    from cycle import broken_links, database
    from hubb.settings import get_settings

    url = make_url(get_settings().database_url)
    if url.get_backend_name() == "sqlite" and (not url.database or not Path(url.database).exists()):
        click.echo(f"{'links':<{width}}  no stored calls to check (no database yet)")
        return 0
    total = 0
    for source, (checked, bad) in broken_links(database(), sources).items():
        click.echo(f"{source:<{width}}  links: {checked} checked, {len(bad)} broken")
        for r in bad:
            click.echo(f"hubb harvest: {source}: broken link {r.url}: {r.problem}", err=True)
        total += len(bad)
    return total
