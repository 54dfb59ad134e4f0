"""The schedule driven by a fake clock: cron times in Stockholm time (also across the
change to summer time), one instance at a time, coalesced catch-up within the grace time,
the database lease that keeps a second scheduler idle, the operator's mail on a failed
harvest, and a clean stop on SIGTERM of a real `hubb schedule` process."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from apscheduler.executors.debug import DebugExecutor
from apscheduler.schedulers.base import BaseScheduler

from cycle import harvest_and_match
from hubb.settings import get_settings
from scheduler.service import acquire_lease, build_scheduler, lease_holder, release_lease

TZ = ZoneInfo("Europe/Stockholm")


class ManualScheduler(BaseScheduler):
    """Runs due jobs only when the test calls ``tick()``: the clock is time-machine's."""

    def wakeup(self):  # no timer thread: nothing happens behind the test's back
        pass

    def shutdown(self, wait=True):
        super().shutdown(wait)

    def tick(self):
        self._process_jobs()


@dataclass
class Calls:
    log: list[str] = field(default_factory=list)

    def harvest(self):
        self.log.append("harvest")

    def digests(self):
        self.log.append("digests")


def at(*args) -> datetime:
    return datetime(*args, tzinfo=TZ)


@pytest.fixture
def drive(engine):
    """(scheduler, calls, traveller): a started manual scheduler on Friday 27 Nov 2026 10:00."""
    calls = Calls()
    with time_machine.travel(at(2026, 11, 27, 10, 0), tick=False) as traveller:
        sched = build_scheduler(engine, get_settings(), "test:1", scheduler_cls=ManualScheduler,
                                harvest=calls.harvest, digests=calls.digests,
                                executors={"default": DebugExecutor()})
        sched.start()
        yield sched, calls, traveller
        sched.shutdown()


def test_cron_times_in_stockholm_time_across_summer_time():
    cfg = get_settings().schedule
    from apscheduler.triggers.cron import CronTrigger

    harvest = CronTrigger.from_crontab(cfg.harvest, timezone=cfg.timezone)
    digest = CronTrigger.from_crontab(cfg.digest, timezone=cfg.timezone)
    assert harvest.get_next_fire_time(None, at(2026, 11, 27, 10, 0)).isoformat() == "2026-11-28T05:30:00+01:00"
    assert digest.get_next_fire_time(None, at(2026, 11, 27, 10, 0)).isoformat() == "2026-11-30T07:00:00+01:00"
    assert harvest.get_next_fire_time(None, at(2027, 3, 27, 6, 0)).isoformat() == "2027-03-28T05:30:00+02:00"
    assert digest.get_next_fire_time(None, at(2027, 3, 28, 8, 0)).isoformat() == "2027-03-29T07:00:00+02:00"


def test_jobs_run_once_at_their_times(drive):
    sched, calls, traveller = drive
    jobs = {j.id: j for j in sched.get_jobs()}
    assert {(k, j.max_instances, j.coalesce, j.misfire_grace_time) for k, j in jobs.items()} == {
        ("harvest", 1, True, 3600), ("digest", 1, True, 3600), ("lease", 1, True, 3600)}
    assert jobs["harvest"].next_run_time.isoformat() == "2026-11-28T05:30:00+01:00"

    traveller.move_to(at(2026, 11, 28, 5, 29, 59))
    sched.tick()
    assert calls.log == []
    traveller.move_to(at(2026, 11, 28, 5, 30, 1))
    sched.tick()
    sched.tick()
    assert calls.log == ["harvest"]
    traveller.move_to(at(2026, 11, 30, 5, 40))  # Sunday's run is past its grace time: skipped
    sched.tick()
    assert calls.log == ["harvest", "harvest"]
    traveller.move_to(at(2026, 11, 30, 7, 0, 2))
    sched.tick()
    assert calls.log == ["harvest", "harvest", "digests"]
    assert sched.get_job("digest").next_run_time.isoformat() == "2026-12-07T07:00:00+01:00"


def test_missed_runs_within_the_grace_time_coalesce_into_one(engine, monkeypatch):
    monkeypatch.setenv("HUBB_SCHEDULE__MISFIRE_GRACE_SECONDS", str(3 * 24 * 3600))
    calls = Calls()
    with time_machine.travel(at(2026, 11, 27, 10, 0), tick=False) as traveller:
        sched = build_scheduler(engine, get_settings(fresh=True), "test:1", scheduler_cls=ManualScheduler,
                                harvest=calls.harvest, digests=calls.digests,
                                executors={"default": DebugExecutor()})
        sched.start()
        traveller.move_to(at(2026, 11, 30, 6, 0))  # Saturday, Sunday and Monday 05:30 all due
        sched.tick()
        sched.shutdown()
    assert calls.log == ["harvest"]


def test_runs_missed_beyond_the_grace_time_are_skipped(drive):
    sched, calls, traveller = drive
    traveller.move_to(at(2026, 11, 30, 9, 30))  # 2.5 h after Monday 07:00, 4 h after 05:30
    sched.tick()
    assert calls.log == []
    assert sched.get_job("digest").next_run_time.isoformat() == "2026-12-07T07:00:00+01:00"
    assert sched.get_job("harvest").next_run_time.isoformat() == "2026-12-01T05:30:00+01:00"


def test_lease_keeps_a_second_scheduler_idle(engine):
    with time_machine.travel(at(2026, 11, 27, 10, 0), tick=False) as traveller:
        assert acquire_lease(engine, "host-a:1")
        assert not acquire_lease(engine, "host-b:2")
        traveller.move_to(at(2026, 11, 27, 10, 2))
        assert acquire_lease(engine, "host-a:1")  # renewal
        traveller.move_to(at(2026, 11, 27, 10, 4))
        assert not acquire_lease(engine, "host-b:2")  # renewed at 10:02, good for 3 minutes
        traveller.move_to(at(2026, 11, 27, 10, 5, 1))
        assert acquire_lease(engine, "host-b:2")  # host-a stopped renewing: taken over
        lease = lease_holder(engine)
        assert (lease.holder, lease.expires_at.isoformat()) == ("host-b:2", "2026-11-27T09:08:01+00:00")
        release_lease(engine, "host-a:1")  # not the holder: no effect
        assert lease_holder(engine).holder == "host-b:2"
        release_lease(engine, "host-b:2")
        assert lease_holder(engine) is None


@dataclass
class Result:
    """The fields of scrapers.run.SourceResult the job reads."""

    source: str
    ok: bool
    reasons: list[str] = field(default_factory=list)


def test_failed_harvest_mails_the_operator_and_still_matches(engine, smtp_server, monkeypatch):
    monkeypatch.setenv("HUBB_NOW", "2026-11-28T05:30:00")
    matched = []
    ok = harvest_and_match(
        engine, get_settings(fresh=True),
        run_harvest=lambda sources: [Result("vinnova", True), Result("tillvaxtverket", False, ["HTTP 503"])],
        match_stored=lambda eng, profiles, as_of: matched.append(as_of.isoformat()),
    )
    assert (ok, matched) == (False, ["2026-11-28"])
    (mail,) = smtp_server.handler.messages
    msg = mail.message
    assert (mail.rcpt_tos, msg["Subject"]) == (["drift@example.se"], "Hämtningen misslyckades: tillvaxtverket")
    assert msg.get_content().replace("\r\n", "\n").startswith(
        "Hämtningen 2026-11-28 05:30 misslyckades för: tillvaxtverket\n\ntillvaxtverket: HTTP 503\n")


def test_crashing_harvest_mails_the_operator(engine, smtp_server):
    def boom(sources):
        raise RuntimeError("disk full")

    assert not harvest_and_match(engine, get_settings(), run_harvest=boom, match_stored=lambda *a, **k: None)
    msg = smtp_server.handler.messages[0].message
    assert msg["Subject"] == "Hämtningen misslyckades: the harvest crashed"
    assert "RuntimeError: disk full" in msg.get_content()


def test_clean_harvest_sends_no_mail(engine, smtp_server):
    assert harvest_and_match(engine, get_settings(), run_harvest=lambda sources: [Result("vinnova", True)],
                             match_stored=lambda *a, **k: None)
    assert smtp_server.handler.messages == []


@pytest.mark.slow
def test_hubb_schedule_holds_the_lease_and_stops_cleanly_on_sigterm(engine):
    cmd = [sys.executable, "-m", "cli.main", "schedule"]
    first = subprocess.Popen(cmd, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    try:
        line = first.stderr.readline()  # blocks until the scheduler has its lease and starts
        assert line.startswith("scheduler started (") and "harvest '30 5 * * *', digests '0 7 * * mon'" in line
        second = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
        assert second.returncode == 0
        assert second.stderr.startswith("another scheduler is running (") and "nothing to do" in second.stderr
        assert lease_holder(engine).holder.endswith(f":{first.pid}")
        first.send_signal(signal.SIGTERM)
        assert first.wait(timeout=30) == 0
        # the scheduler logs at INFO by default, with a timestamp per line (issue 14)
        log, stopped = first.stderr.read().splitlines()
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d INFO scheduler.service: "
                            r"signal 15: shutting down after running jobs finish", log)
        assert stopped == "scheduler stopped"
    finally:
        if first.poll() is None:
            first.kill()
    assert lease_holder(engine) is None
