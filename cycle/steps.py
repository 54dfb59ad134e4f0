"""The steps of the weekly cycle, each one call for every face.

- :func:`database` — the configured database, migrated to the current schema on first use;
- :func:`profiles` — the valid need profiles, each invalid file reported and skipped;
- :func:`harvest` — the spiders of the enabled (or named) sources, one result per source;
- :func:`match` — every stored call against every profile, matches stored;
- :func:`harvest_and_match` — both, the operator told by e-mail when a source failed
  (matching runs even then: the healthy sources' calls are fresh);
- :func:`broken_links` — the stored open calls' links that do not answer (``--check``);
- :func:`compose`, :func:`send` — this week's digests composed, every pending one sent once;
  :func:`weekly_digests` — both, for the configured profiles (the scheduler's weekly job).

Heavy parts (Scrapy, the matcher) are imported when a step runs, so a face loads fast and
tests can pass stand-ins.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from datetime import date
from pathlib import Path

from sqlalchemy import Engine

from hubb.clock import now, today

log = logging.getLogger(__name__)


def database(upgrade: bool = True) -> Engine:
    """The configured database, migrated to the current schema on first use."""
    from db.migrate import ready_engine

    return ready_engine(upgrade)


def profiles(directory: Path | None = None, report: Callable[[str], None] | None = None):
    """(valid profiles, errors, taxonomy); each invalid file is passed to ``report``
    (default: logged as a warning) and skipped — a bad profile never stops the others."""
    from hubb.profiles import load_profiles, profiles_dir
    from hubb.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    valid, errors = load_profiles(directory or profiles_dir(), taxonomy)
    for err in errors:
        (report or (lambda line: log.warning("%s", line)))(f"skipped: {err}")
    return valid, errors, taxonomy


def harvest(sources: list[str] | None = None, *, check: bool = False, log_level: str | None = None):
    """Run the spiders of ``sources`` (default: every enabled one); one result per source."""
    from scrapers.run import run_harvest

    return run_harvest(sources, check=check, log_level=log_level)


def match(engine: Engine, profile_list=None, as_of: date | None = None) -> dict:
    """Rank every stored call for the profiles (default: the configured ones); store matches."""
    from matcher.run import match_stored

    return match_stored(engine, profile_list, as_of or today())


def harvest_and_match(engine: Engine, settings, run_harvest: Callable | None = None,
                      match_stored: Callable | None = None) -> bool:
    """Harvest every source, then match; e-mail the operator when a source failed.
    Matching runs even then: the healthy sources' calls are fresh. True when all were healthy."""
    # the real steps imported only when not injected: the heavy Scrapy import stays lazy
    if run_harvest is None:
        from scrapers.run import run_harvest as default_harvest

        run_harvest = default_harvest
    if match_stored is None:
        from matcher.run import match_stored as default_match

        match_stored = default_match
    failed: list[str] = []
    try:
        results = list(run_harvest(sources=None))
        for r in results:
            if not getattr(r, "ok", False):
                # scrapers.run.SourceResult: why the run is unhealthy is in ``reasons``
                reasons = "; ".join(str(e) for e in getattr(r, "reasons", []) or []) or "unhealthy"
                failed.append(f"{getattr(r, 'source', r)}: {reasons}")
    except Exception:  # noqa: BLE001 - whatever broke, the operator must hear of it
        log.exception("harvest crashed")
        failed.append("the harvest crashed:\n" + traceback.format_exc())
    if failed:
        from digest.operator import notify_operator

        names = ", ".join(f.split(":", 1)[0] for f in failed)
        body = (f"Hämtningen {now():%Y-%m-%d %H:%M} misslyckades för: {names}\n\n" + "\n".join(failed)
                + "\n\nSe `hubb report` och loggen för detaljer.\n")
        notify_operator(settings, f"Hämtningen misslyckades: {names}", body)
    match_stored(engine, profiles=None, as_of=today())
    return not failed


def broken_links(engine: Engine, sources: list[str], on: date | None = None) -> dict[str, tuple[int, list]]:
    """Per source: (links checked, the results of those that do not answer 2xx), for every
    stored call of the source that is open on ``on`` (default: today)."""
    from db.calls import load_calls
    from db.engine import session_scope
    from hubb.settings import get_settings
    from scrapers.links import check_links

    out: dict[str, tuple[int, list]] = {}
    agent = get_settings().user_agent
    for source in sources:
        with session_scope(engine) as session:
            urls = sorted({c.url for c in load_calls(session, source=source, open_on=on or today()) if c.url})
        results = check_links(urls, user_agent=agent)
        out[source] = (len(urls), [r for r in results if not r.ok])
    return out


def compose(engine: Engine, settings, profile_list, on: date):
    """Compose the week's digests for the profiles (each at most once per week and contact)."""
    from digest.outbox import compose_due

    return compose_due(engine, profile_list, on, settings)


def send(engine: Engine, settings, *, keep_dir: Path | None = None, progress: Callable | None = None):
    """Send every pending digest exactly once (approval, suppression and retries honoured)."""
    from digest.send import CONNECTIONS, send_pending, transport_from_settings

    return send_pending(engine, transport_from_settings(settings), settings, connections=CONNECTIONS,
                        keep_dir=keep_dir, progress=progress)


def weekly_digests(engine: Engine, settings, on: date | None = None):
    """The weekly job: the configured profiles' digests composed, then everything pending sent."""
    valid, _errors, _taxonomy = profiles()
    composed = compose(engine, settings, valid, on or today())
    result = send(engine, settings)
    log.info("digests: composed %d, sent %d, failed %d, retry later %d",
             composed.composed, result.sent, result.failed, result.retry)
    return composed, result
