"""Assemble the whole gap report from the database and the profiles: one plain data
object that every output format (md, csv, html) renders without querying again."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.orm import Session

from hubb.profiles import Profile
from hubb.taxonomy import Taxonomy
from reports import gaps, stats

#: Default length of the activity period, and the horizon of "closing soon".
PERIOD_DAYS = 30
CLOSING_DAYS = 30
#: Serving calls shown per need.
TOP_CALLS = 3


@dataclass
class GapReport:
    as_of: date
    since: date  # first day of the activity period (the last is as_of)
    closing_days: int
    needs: list[gaps.NeedRow]
    candidates: list[gaps.Candidate]
    areas: list[stats.AreaCoverage]
    matrix: stats.Matrix
    unserved_matrix: stats.Matrix
    sources: list[stats.SourceCount]
    area_calls: list[stats.AreaCalls]
    activity: list[stats.CompanyActivity]
    closing: list[stats.ClosingUnreached]
    skipped_profiles: list[str]
    need_served: float
    top_calls: int = TOP_CALLS

    @property
    def served(self) -> int:
        return sum(r.served for r in self.needs)

    @property
    def share_served(self) -> float | None:
        return self.served / len(self.needs) if self.needs else None

    @property
    def calls_by_area(self) -> dict[str, int]:
        return {a.area: a.calls for a in self.area_calls}

    @property
    def companies(self) -> int:
        return len({r.profile_id for r in self.needs})


def build_gap_report(session: Session, profiles: list[Profile], taxonomy: Taxonomy, as_of: date,
                     since: date | None = None, closing_days: int = CLOSING_DAYS,
                     skipped: list[str] | None = None, need_served: float | None = None) -> GapReport:
    """The report on ``as_of``; the activity period runs from ``since`` (default
    ``as_of`` − 30 days) to ``as_of``, both included. ``need_served`` is the need score
    from which a match covers a need (default: the matcher's, config/matching.yaml)."""
    since = since if since is not None else as_of - timedelta(days=PERIOD_DAYS)
    if need_served is None:
        from matcher.config import load_matching_config

        need_served = load_matching_config().need_served
    calls = gaps.open_calls(session, as_of)
    matches = gaps.sending_matches(session, {p.id for p in profiles}, calls)
    rows = gaps.need_rows(profiles, taxonomy, matches, calls, need_served)
    return GapReport(
        as_of=as_of,
        since=since,
        closing_days=closing_days,
        needs=rows,
        candidates=gaps.candidates(rows, taxonomy),
        areas=stats.area_coverage(rows, taxonomy),
        matrix=stats.area_branch_matrix(rows, taxonomy),
        unserved_matrix=stats.area_branch_matrix(rows, taxonomy, only_unserved=True),
        sources=stats.calls_per_source(session, calls, matches, profiles, need_served),
        area_calls=stats.calls_per_area(matches, profiles, taxonomy, need_served),
        activity=stats.company_activity(session, profiles, since, as_of),
        closing=stats.closing_unreached(session, rows, calls, as_of, closing_days),
        skipped_profiles=list(skipped or []),
        need_served=need_served,
    )
