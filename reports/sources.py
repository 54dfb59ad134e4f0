"""Source health for staff (``hubb report sources``): per source, its last harvest runs
(time, counts, health, errors) and a verdict, so a broken site is seen before a company
misses a call. Reads ``harvest_runs`` only; the health dict is the one the harvest
pipeline writes: ``{"ok", "reasons", "fill": {field: rate}, "warnings"}``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import HarvestRun

#: A source whose last healthy run is older than this is reported stale: the harvest runs
#: daily, so three days without a healthy run means it stopped or keeps failing.
STALE_AFTER = timedelta(days=3)

OK, BROKEN, STALE, RUNNING, NEVER = "ok", "trasig", "inaktuell", "pågår", "aldrig skördad"


@dataclass
class RunView:
    id: int
    started_at: datetime
    finished_at: datetime | None
    status: str
    items: int
    new: int
    changed: int
    unchanged: int
    vanished: int
    dropped: int
    requests: int
    complete: bool
    fill: dict[str, float]
    warnings: list[str]
    errors: list[str]

    @property
    def seconds(self) -> float | None:
        return (self.finished_at - self.started_at).total_seconds() if self.finished_at else None


@dataclass
class SourceHealth:
    source: str
    verdict: str  # OK, BROKEN, STALE, RUNNING or NEVER
    last_ok: datetime | None
    runs: list[RunView] = field(default_factory=list)  # newest first

    @property
    def problems(self) -> list[str]:
        """Why the latest finished run failed (empty when it did not)."""
        finished = next((r for r in self.runs if r.status != "running"), None)
        return finished.errors if finished and finished.status == "failed" else []


def _view(run: HarvestRun) -> RunView:
    health: dict[str, Any] = run.health or {}
    return RunView(run.id, run.started_at, run.finished_at, run.status, run.items, run.new, run.changed,
                   run.unchanged, run.vanished, run.dropped, run.requests, run.complete,
                   dict(health.get("fill") or {}), list(health.get("warnings") or []), list(run.errors or []))


def _verdict(runs: list[RunView], last_ok: datetime | None, now: datetime) -> str:
    if not runs:
        return NEVER
    finished = next((r for r in runs if r.status != "running"), None)
    if finished is None:
        return RUNNING
    if finished.status == "failed":
        return BROKEN
    if last_ok is None or now - last_ok > STALE_AFTER:
        return STALE
    return OK


def source_health(session: Session, now: datetime, runs: int = 5,
                  configured: list[str] | None = None, only: str | None = None) -> list[SourceHealth]:
    """Every source with runs, plus the configured ones never harvested, by name; each
    with its last ``runs`` runs. ``now`` (aware) decides staleness."""
    stmt = select(HarvestRun).order_by(HarvestRun.source, HarvestRun.started_at.desc(), HarvestRun.id.desc())
    if only:
        stmt = stmt.where(HarvestRun.source == only)
    by_source: dict[str, list[HarvestRun]] = {}
    for run in session.scalars(stmt):
        by_source.setdefault(run.source, []).append(run)
    names = set(by_source) | {n for n in (configured or []) if not only or n == only}
    out = []
    for name in sorted(names):
        history = by_source.get(name, [])
        last_ok = next((r.finished_at or r.started_at for r in history if r.status == "ok"), None)
        views = [_view(r) for r in history]
        out.append(SourceHealth(name, _verdict(views, last_ok, now), last_ok, views[:runs]))
    return out
