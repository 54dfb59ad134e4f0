"""The schedule: harvest daily, match after each harvest, digests weekly (cron strings and
time zone from ``settings.schedule``), run by APScheduler 3.

* ``max_instances=1`` and coalescing: a job never overlaps itself, and runs missed while
  the machine slept run once, if no later than ``misfire_grace_seconds``.
* A database lease (``leases`` row ``scheduler``) held for the process's life and renewed
  every minute: a second ``hubb schedule`` (another terminal, another machine on the same
  PostgreSQL) finds it taken and does nothing.
* SIGTERM/SIGINT shut down cleanly: running jobs finish, the lease is released.
* A failed harvest (a source unhealthy, or the harvest crashing) e-mails the operator.

The harvest (``scrapers.run.run_harvest``) and matching (``matcher.run.match_stored``) are
imported when a job runs, so this module loads without them and tests pass stubs.
"""

from __future__ import annotations

import logging
import signal
import socket
import os
import traceback
from collections.abc import Callable
from datetime import timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr

from apscheduler.schedulers.base import BaseScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy import Engine, delete, update
from sqlalchemy.exc import IntegrityError

from db.engine import session_scope
from db.models import Lease
from hubb.clock import now, today, utcnow

log = logging.getLogger(__name__)

LEASE_NAME = "scheduler"
#: a lease outlives a missed renewal or two, and no more
LEASE_SECONDS = 180
RENEW_SECONDS = 60


# --- the lease -------------------------------------------------------------------------

def acquire_lease(engine: Engine, holder: str, name: str = LEASE_NAME, seconds: int = LEASE_SECONDS) -> bool:
    """Take or renew the named lease for ``holder``; False when someone else holds it."""
    t = utcnow()
    until = t + timedelta(seconds=seconds)
    with session_scope(engine) as s:
        if s.execute(update(Lease).where(Lease.name == name, Lease.holder == holder)
                     .values(expires_at=until)).rowcount:
            return True
    with session_scope(engine) as s:
        if s.execute(update(Lease).where(Lease.name == name, Lease.expires_at < t)
                     .values(holder=holder, expires_at=until, acquired_at=t)).rowcount:
            return True
    try:
        with session_scope(engine) as s:
            s.add(Lease(name=name, holder=holder, expires_at=until, acquired_at=t))
        return True
    except IntegrityError:
        return False


def release_lease(engine: Engine, holder: str, name: str = LEASE_NAME) -> None:
    with session_scope(engine) as s:
        s.execute(delete(Lease).where(Lease.name == name, Lease.holder == holder))


def lease_holder(engine: Engine, name: str = LEASE_NAME) -> Lease | None:
    with session_scope(engine) as s:
        return s.get(Lease, name)


# --- the jobs --------------------------------------------------------------------------

def notify_operator(settings, subject: str, body: str, transport=None) -> None:
    """A plain-text mail to ``operator_email``; a failure to send is logged, not raised."""
    from digest.send import PermanentFailure, TemporaryFailure, transport_from_settings

    msg = EmailMessage()
    msg["From"] = settings.sender
    msg["To"] = settings.operator_email
    msg["Subject"] = subject
    msg["Date"] = format_datetime(now())
    msg["Message-ID"] = make_msgid(domain=parseaddr(settings.sender)[1].rpartition("@")[2] or None)
    msg["Auto-Submitted"] = "auto-generated"
    msg.set_content(body)
    transport = transport or transport_from_settings(settings)
    try:
        from email.policy import SMTP

        transport.send(parseaddr(settings.sender)[1], settings.operator_email, msg.as_bytes(policy=SMTP))
    except (TemporaryFailure, PermanentFailure) as exc:
        log.error("could not e-mail the operator about %r: %s", subject, exc)
    finally:
        transport.close()


def harvest_and_match(engine: Engine, settings, run_harvest: Callable | None = None,
                      match_stored: Callable | None = None) -> bool:
    """Harvest every source, then match; e-mail the operator when a source failed.
    Matching runs even then: the healthy sources' calls are fresh."""
    if run_harvest is None:
        from scrapers.run import run_harvest
    if match_stored is None:
        from matcher.run import match_stored
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
        names = ", ".join(f.split(":", 1)[0] for f in failed)
        body = (f"Hämtningen {now():%Y-%m-%d %H:%M} misslyckades för: {names}\n\n" + "\n".join(failed)
                + "\n\nSe `hubb report` och loggen för detaljer.\n")
        notify_operator(settings, f"Hämtningen misslyckades: {names}", body)
    match_stored(engine, profiles=None, as_of=today())
    return not failed


def send_digests(engine: Engine, settings) -> None:
    """Compose this week's digests and send what is pending (the `hubb digest send` job)."""
    from digest.outbox import compose_due
    from digest.send import CONNECTIONS, send_pending, transport_from_settings
    from hubb.profiles import load_profiles, profiles_dir
    from hubb.taxonomy import load_taxonomy

    profiles, errors = load_profiles(profiles_dir(), load_taxonomy())
    for err in errors:
        log.warning("profile skipped: %s", err)
    composed = compose_due(engine, profiles, today(), settings)
    result = send_pending(engine, transport_from_settings(settings), settings, connections=CONNECTIONS)
    log.info("digests: composed %d, sent %d, failed %d, retry later %d",
             composed.composed, result.sent, result.failed, result.retry)


# --- the scheduler ---------------------------------------------------------------------

def build_scheduler(engine: Engine, settings, holder: str, scheduler_cls: type[BaseScheduler] | None = None,
                    harvest: Callable | None = None, digests: Callable | None = None,
                    on_lease_lost: Callable | None = None, **scheduler_kwargs) -> BaseScheduler:
    """A scheduler with the harvest, digest and lease-renewal jobs (not started)."""
    from apscheduler.schedulers.blocking import BlockingScheduler

    cfg = settings.schedule
    scheduler = (scheduler_cls or BlockingScheduler)(
        timezone=cfg.timezone,
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": cfg.misfire_grace_seconds},
        **scheduler_kwargs,
    )
    scheduler.add_job(harvest or (lambda: harvest_and_match(engine, settings)),
                      CronTrigger.from_crontab(cfg.harvest, timezone=cfg.timezone), id="harvest",
                      name="harvest, then match")
    scheduler.add_job(digests or (lambda: send_digests(engine, settings)),
                      CronTrigger.from_crontab(cfg.digest, timezone=cfg.timezone), id="digest",
                      name="weekly digests")

    def renew() -> None:
        if not acquire_lease(engine, holder):
            log.error("scheduler lease lost to another process: stopping")
            (on_lease_lost or (lambda: scheduler.shutdown(wait=False)))()

    scheduler.add_job(renew, IntervalTrigger(seconds=RENEW_SECONDS, timezone=cfg.timezone), id="lease",
                      name="renew the scheduler lease")
    return scheduler


def run(engine: Engine, settings, echo: Callable[[str], None] = print) -> int:
    """Run until SIGTERM/SIGINT; 0 also when another scheduler holds the lease."""
    holder = f"{socket.gethostname()}:{os.getpid()}"
    if not acquire_lease(engine, holder):
        other = lease_holder(engine)
        echo(f"another scheduler is running ({other.holder if other else '?'}, lease until "
             f"{other.expires_at:%Y-%m-%d %H:%M:%S} UTC): nothing to do" if other else
             "another scheduler is running: nothing to do")
        return 0
    scheduler = build_scheduler(engine, settings, holder)

    def stop(signum, _frame) -> None:
        log.info("signal %s: shutting down after running jobs finish", signum)
        scheduler.shutdown(wait=True)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    cfg = settings.schedule
    echo(f"scheduler started ({holder}): harvest '{cfg.harvest}', digests '{cfg.digest}', {cfg.timezone}")
    try:
        scheduler.start()
    finally:
        release_lease(engine, holder)
        echo("scheduler stopped")
    return 0
