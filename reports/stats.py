"""The centre's coverage statistics, as plain data: needs per area × branch, the share of
needs served, calls per source and per need area, matches and digests per company over a
period, and calls closing soon that serve a high-priority need no digest has reached.

Periods are Stockholm calendar days, both ends included.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.calls import effective_status
from db.models import Call, Digest, Match, SentItem
from hubb.clock import TZ
from hubb.profiles import Profile
from hubb.taxonomy import Taxonomy
from hubb.vocab import Priority, Status
from reports.gaps import Branch, NeedRow, covered_needs


@dataclass
class AreaCoverage:
    area: str
    label: str
    needs: int
    served: int

    @property
    def unserved(self) -> int:
        return self.needs - self.served

    @property
    def share(self) -> float | None:
        """Served needs / needs, or None when the area has no needs."""
        return self.served / self.needs if self.needs else None


@dataclass
class Matrix:
    """Needs per area (rows, taxonomy order) × branch (columns, by SNI division)."""

    areas: list[tuple[str, str]]  # (key, Swedish label)
    branches: list[Branch]
    counts: list[list[int]]

    def row_total(self, i: int) -> int:
        return sum(self.counts[i])

    def column_total(self, j: int) -> int:
        return sum(row[j] for row in self.counts)

    @property
    def total(self) -> int:
        return sum(map(sum, self.counts))


@dataclass
class SourceCount:
    source: str
    stored: int  # calls stored and not vanished
    open: int  # of those, not closed on the as-of date
    serving: int  # of the open ones, serving at least one need


@dataclass
class AreaCalls:
    area: str
    label: str
    calls: int  # open calls serving at least one need of this area


@dataclass
class CompanyActivity:
    profile_id: str
    company: str
    matches: int  # worth-sending matches first found in the period
    digests: int  # digests sent in the period
    calls_sent: int  # calls shown in those digests


@dataclass
class ClosingUnreached:
    """An open call closing soon that serves a high-priority need of a company that has
    not had it in any sent digest."""

    call_id: int
    source: str
    external_id: str
    title: str
    url: str
    deadline: date
    days_left: int
    profile_id: str
    company: str
    area_label: str
    need: str


def area_coverage(rows: list[NeedRow], taxonomy: Taxonomy) -> list[AreaCoverage]:
    """Needs and served needs per area, every taxonomy area listed (zero rows too)."""
    needs, served = Counter(r.area for r in rows), Counter(r.area for r in rows if r.served)
    keys = taxonomy.keys() + sorted(set(needs) - set(taxonomy.keys()))
    return [AreaCoverage(k, taxonomy[k].sv if k in taxonomy else k, needs[k], served[k]) for k in keys]


def area_branch_matrix(rows: list[NeedRow], taxonomy: Taxonomy, only_unserved: bool = False) -> Matrix:
    """Needs per area × branch; areas without needs are left out."""
    counts = Counter((r.area, r.branch) for r in rows if not (only_unserved and r.served))
    branches = sorted({b for _, b in counts}, key=lambda b: b.code)
    areas = [k for k in taxonomy.keys() + sorted({a for a, _ in counts} - set(taxonomy.keys()))
             if any(counts[(k, b)] for b in branches)]
    return Matrix(
        [(k, taxonomy[k].sv if k in taxonomy else k) for k in areas],
        branches,
        [[counts[(a, b)] for b in branches] for a in areas],
    )


def calls_per_source(session: Session, open_calls: dict[int, Call], matches: list[Match],
                     profiles: list[Profile], need_served: float) -> list[SourceCount]:
    stored = dict(session.execute(
        select(Call.source, func.count()).where(Call.vanished_at.is_(None)).group_by(Call.source)
    ).all())
    by_id = {p.id: p for p in profiles}
    serving = {m.call_id for m in matches if covered_needs(m, by_id[m.profile_id], need_served)}
    open_by_source = Counter(c.source for c in open_calls.values())
    serving_by_source = Counter(open_calls[i].source for i in serving if i in open_calls)
    return [SourceCount(s, stored[s], open_by_source[s], serving_by_source[s]) for s in sorted(stored)]


def calls_per_area(matches: list[Match], profiles: list[Profile], taxonomy: Taxonomy,
                   need_served: float) -> list[AreaCalls]:
    """Distinct open calls serving a need of each area (matches are already open-only)."""
    by_id = {p.id: p for p in profiles}
    calls: dict[str, set[int]] = defaultdict(set)
    for m in matches:
        profile = by_id[m.profile_id]
        for index in covered_needs(m, profile, need_served):
            calls[profile.needs[index].area].add(m.call_id)
    return [AreaCalls(k, taxonomy[k].sv, len(calls[k])) for k in taxonomy.keys()]


def day_bounds(since: date, until: date) -> tuple[datetime, datetime]:
    """[start, end) in aware datetimes covering Stockholm days ``since`` … ``until``."""
    return (datetime.combine(since, time(0), TZ),
            datetime.combine(until + timedelta(days=1), time(0), TZ))


def company_activity(session: Session, profiles: list[Profile], since: date, until: date) -> list[CompanyActivity]:
    start, end = day_bounds(since, until)
    matches = Counter(session.scalars(
        select(Match.profile_id).where(Match.worth_sending.is_(True),
                                       Match.first_matched_at >= start, Match.first_matched_at < end)
    ))
    sent = (Digest.status == "sent", Digest.sent_at >= start, Digest.sent_at < end)
    digests = Counter(session.scalars(select(Digest.profile_id).where(*sent)))
    items = Counter(session.scalars(select(Digest.profile_id).join(SentItem, SentItem.digest_id == Digest.id)
                                    .where(*sent)))
    return [CompanyActivity(p.id, p.company, matches[p.id], digests[p.id], items[p.id]) for p in profiles]


def closing_unreached(session: Session, rows: list[NeedRow], open_calls: dict[int, Call],
                      on: date, days: int = 30) -> list[ClosingUnreached]:
    """Open calls with a deadline in ``on`` … ``on + days`` serving a high-priority need of
    a company to which no sent digest has shown the call, soonest first."""
    last = on + timedelta(days=days)
    reached = set(session.execute(
        select(Digest.profile_id, SentItem.call_id).join(SentItem, SentItem.digest_id == Digest.id)
        .where(Digest.status == "sent")
    ).all())
    out = []
    for r in rows:
        if r.priority != Priority.HIGH.value:
            continue
        for hit in r.calls:
            call = open_calls[hit.call_id]
            if call.deadline_date is None or not on <= call.deadline_date <= last:
                continue
            if effective_status(call, on) is Status.CLOSED or (r.profile_id, call.id) in reached:
                continue
            out.append(ClosingUnreached(call.id, call.source, call.external_id, call.title, call.url,
                                        call.deadline_date, (call.deadline_date - on).days,
                                        r.profile_id, r.company, r.area_label, r.text))
    out.sort(key=lambda c: (c.deadline, c.source, c.external_id, c.profile_id))
    return out


__all__ = [
    "AreaCalls", "AreaCoverage", "ClosingUnreached", "CompanyActivity", "Matrix", "SourceCount",
    "area_branch_matrix", "area_coverage", "calls_per_area", "calls_per_source",
    "closing_unreached", "company_activity", "day_bounds",
]
