"""`hubb report`: staff reports. `gaps` — company needs that no open call serves, the
application candidates and the centre's coverage statistics (md, csv or html);
`sources` — the last harvest runs per source, where staff see that a site broke."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from cli.commands.common import AS_OF, AsOf, as_of_or_today, engine, load_profiles_or_warn


@click.group()
def report() -> None:
    """Staff reports: needs without support, source health."""


def _write(text: str, out: Path | None, bom: bool = False) -> None:
    if out is None:
        click.echo(text, nl=False)
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    # a byte-order mark makes Excel (what staff open a CSV in) read å/ä/ö as UTF-8
    out.write_text(text, encoding="utf-8-sig" if bom else "utf-8")
    click.echo(f"wrote {out}", err=True)


@report.command()
@AS_OF
@click.option("--format", "fmt", type=click.Choice(["md", "csv", "html"]), default="md", show_default=True,
              help="md for reading, csv (one row per need) for spreadsheets, html (self-contained, printable).")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to this file instead of standard output.")
@click.option("--since", type=AsOf(), default=None,
              help="First day of the activity period (matches, digests); default: --days before the as-of date.")
@click.option("--days", type=click.IntRange(min=1), default=None,
              help="Length of the activity period in days (default 30).")
@click.option("--profiles", "profiles_dir", type=click.Path(file_okay=False, exists=True, path_type=Path),
              default=None, help="Profile directory (default: config/profiles).")
def gaps(as_of: date | None, fmt: str, out: Path | None, since: date | None, days: int | None,
         profiles_dir: Path | None) -> None:
    """Needs that no open call serves, and statistics per need area and branch."""
    from datetime import timedelta

    from db.engine import session_scope
    from reports.build import PERIOD_DAYS, build_gap_report
    from reports.render import render

    if since is not None and days is not None:
        raise click.UsageError("give --since or --days, not both")
    on = as_of_or_today(as_of)
    if since is None:
        since = on - timedelta(days=days or PERIOD_DAYS)
    if since > on:
        raise click.UsageError(f"--since {since} is after the as-of date {on}")
    profiles, errors, taxonomy = load_profiles_or_warn(profiles_dir)
    if not profiles:
        click.echo("no valid profiles: the report has no needs", err=True)
    with session_scope(engine()) as session:
        warning = _empty_database_warning(session)
        result = build_gap_report(session, profiles, taxonomy, on, since=since,
                                  skipped=[str(e) for e in errors])
    if warning:
        click.echo(f"warning: {warning}", err=True)
    _write(render(result, fmt), out, bom=fmt == "csv")


def _empty_database_warning(session) -> str | None:
    """Why every need would show as unserved: nothing harvested, or no calls stored."""
    from sqlalchemy import func, select

    from db.models import Call, HarvestRun

    if session.scalar(select(func.count()).select_from(Call)):
        return None
    runs = session.scalar(select(func.count()).select_from(HarvestRun))
    if not runs:
        return "the database has no calls and was never harvested: every need shows as unserved (run hubb harvest)"
    return f"the database has no calls ({runs} harvest run(s) stored none): every need shows as unserved"


@report.command()
@click.option("--runs", type=click.IntRange(min=1), default=5, show_default=True,
              help="Runs shown per source, newest first.")
@click.option("--source", "-s", default=None, help="Only this source (spider name).")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to this file instead of standard output.")
def sources(runs: int, source: str | None, out: Path | None) -> None:
    """The last harvest runs per source: counts, health and errors."""
    from db.engine import session_scope
    from hubb.clock import utcnow
    from reports.render import render_sources_md
    from reports.sources import source_health
    from scrapers.sources import SourcesError, load_sources

    configured: list[str] = []
    try:
        # enabled sources never harvested are listed too: a spider that never ran is as
        # silent as a broken one
        configured = [name for name, s in load_sources().items() if s.enabled]
    except SourcesError as exc:
        click.echo(f"sources.yaml not read: {exc}", err=True)
    now = utcnow()
    with session_scope(engine()) as session:
        health = source_health(session, now, runs=runs, configured=configured, only=source)
    _write(render_sources_md(health, now), out)
