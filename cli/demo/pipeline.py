"""`hubb demo`: the whole service, offline, in one run.

Serves the bundled snapshots of the sources' sites (the seven of sources.yaml) on 127.0.0.1, points the spiders at them,
harvests into a fresh SQLite file, matches the example profiles, writes every digest to an
outbox as a dry run (nothing is recorded as sent, so a real ``hubb digest send`` against the
demo's database afterwards sends each digest once), writes the gap report, and an index page
for staff. Every stage goes through the same code as production; only the sites are local.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from email import policy
from email.parser import BytesParser
from pathlib import Path
from typing import TYPE_CHECKING

from hubb.clock import today

if TYPE_CHECKING:  # imported lazily at run time: the local sites start only for the demo
    from scrapers.sites.server import SiteFarm


@dataclass
class DemoResult:
    directory: Path
    database: Path
    outbox: Path
    index: Path
    gaps: Path
    calls_served: int = 0
    harvest: list = field(default_factory=list)
    matched: dict = field(default_factory=dict)
    digests: list[Path] = field(default_factory=list)
    skipped_profiles: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(r.ok for r in self.harvest)


@contextmanager
def _environment(**values: str):
    """Point the service's settings at the demo folder for the run, and back afterwards."""
    from hubb.settings import reset_settings

    old = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    reset_settings()
    try:
        yield
    finally:
        for key, value in old.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        reset_settings()


def _serve_snapshots(on: date) -> tuple[SiteFarm, int, int]:
    from cli.demo.content import demo_records
    from scrapers.sites import renderers
    from scrapers.sites.server import SiteFarm

    records = demo_records(on)
    by_source: dict[str, list] = {}
    for record in records:
        by_source.setdefault(record.source, []).append(record)
    render = renderers()
    farm = SiteFarm.start({source: render[source](recs) for source, recs in by_source.items()})
    return farm, len(records), len(by_source)


def html_part(eml: Path) -> str:
    """The HTML part of a written message: exactly what the recipient would see."""
    message = BytesParser(policy=policy.default).parsebytes(eml.read_bytes())
    body = message.get_body(preferencelist=("html",))
    return body.get_content() if body is not None else ""


def run_demo(directory: Path, echo: Callable[[str], None] = print, progress=None) -> DemoResult:
    """Run every stage into ``directory``; ``echo`` prints a line per stage."""
    directory = directory.resolve()
    directory.mkdir(parents=True, exist_ok=True)
    outbox = directory / "outbox"
    outbox.mkdir(exist_ok=True)
    database = directory / "hubb.sqlite3"
    if database.exists():
        raise FileExistsError(f"{database} exists: the demo starts from a fresh database (choose an empty --dir)")
    result = DemoResult(directory, database, outbox, outbox / "index.html", outbox / "gaps.html")
    on = today()

    farm, served, sources = _serve_snapshots(on)
    result.calls_served = served
    echo(f"[1/6] sites      {served} calls of {sources} sources served on 127.0.0.1")
    try:
        sources_file = farm.write_sources_file(directory / "sources.yaml", public_urls=True, download_timeout=10,
                                               retry_times=1, download_delay=0)
        with _environment(HUBB_DATABASE_URL=f"sqlite:///{database}", HUBB_SOURCES_FILE=str(sources_file),
                          HUBB_HTTPCACHE_DIR=str(directory / "httpcache"), HUBB_SCRAPY_LOG_LEVEL="ERROR"):
            _stages(result, on, echo, progress)
    finally:
        farm.stop()
    return result


def _stages(result: DemoResult, on, echo, progress) -> None:
    import cycle
    from db.engine import session_scope
    from digest.outbox import write_outbox
    from hubb.settings import get_settings
    from reports.build import build_gap_report
    from reports.render import render_html

    engine = cycle.database()
    echo(f"[2/6] database   {result.database}")

    result.harvest = cycle.harvest(log_level="ERROR")
    for r in result.harvest:
        echo(f"[3/6] harvest    {r.source:<15} {r.summary()}")

    profiles, errors, taxonomy = cycle.profiles(report=lambda line: print(line, file=sys.stderr))
    result.skipped_profiles = [str(e) for e in errors]
    result.matched = cycle.match(engine, profiles, on)
    echo(f"[4/6] match      {len(profiles)} profiles × {result.matched.get('calls', 0)} calls: "
         f"{result.matched.get('stored', 0)} matches, {result.matched.get('worth_sending', 0)} worth sending")

    settings = get_settings()
    result.digests = write_outbox(engine, profiles, on, settings, result.outbox)
    pages = []
    for eml in (progress(result.digests) if progress else result.digests):
        page = eml.with_suffix(".html")
        page.write_text(html_part(eml), encoding="utf-8")
        pages.append(page)
    echo(f"[5/6] digests    {len(result.digests)} written to {result.outbox} (dry run: nothing sent, nothing recorded)")

    with session_scope(engine) as session:
        report = build_gap_report(session, profiles, taxonomy, on, skipped=result.skipped_profiles)
        result.gaps.write_text(render_html(report), encoding="utf-8")
        from cli.demo.index import write_index

        write_index(session, result, profiles, taxonomy, report, on)
    echo(f"[6/6] reports    {result.gaps.name}: {report.served} of {len(report.needs)} needs served, "
         f"{len(report.candidates)} application candidate(s); index {result.index.name}")
    engine.dispose()
