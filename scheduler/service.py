"""The schedule: harvest daily, match after each harvest, digests weekly (cron strings and
time zone from ``settings.schedule``), run by APScheduler 3.

* ``max_instances=1`` and coalescing: a job never overlaps itself, and runs missed while
  the machine slept run once, if no later than ``misfire_grace_seconds``.
* A database lease (``leases`` row ``scheduler``) held for the process's life and renewed
  every minute: a second ``hubb schedule`` (another terminal, another machine on the same
  PostgreSQL) finds it taken and does nothing.
* SIGTERM/SIGINT shut down cleanly: running jobs finish, the lease is released.
* A failed harvest (a source unhealthy, or the harvest crashing) e-mails the operator.

A face, like the command line and the web service: the jobs are the weekly cycle's steps
(:mod:`cycle`: ``harvest_and_match`` and ``weekly_digests``), imported when a job runs, so
this module loads without Scrapy or the matcher and tests pass stubs.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
from collections.abc import Callable
from datetime import timedelta
from typing import cast

from apscheduler.schedulers.base import BaseScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy import CursorResult, Engine, delete, update
from sqlalchemy.exc import IntegrityError

from db.engine import session_scope
from db.models import Lease
from hubb.clock import utcnow

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
    # an UPDATE's result is a CursorResult (it has rowcount), though Session.execute is typed as Result
    with session_scope(engine) as s:
        if cast(CursorResult, s.execute(update(Lease).where(Lease.name == name, Lease.holder == holder)
                                        .values(expires_at=until))).rowcount:
            return True
    with session_scope(engine) as s:
        if cast(CursorResult, s.execute(update(Lease).where(Lease.name == name, Lease.expires_at < t)
                                        .values(holder=holder, expires_at=until, acquired_at=t))).rowcount:
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

def _cycle():
    import cycle

    return cycle


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
    scheduler.add_job(harvest or (lambda: _cycle().harvest_and_match(engine, settings)),
                      CronTrigger.from_crontab(cfg.harvest, timezone=cfg.timezone), id="harvest",
                      name="harvest, then match")
    scheduler.add_job(digests or (lambda: _cycle().weekly_digests(engine, settings)),
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
