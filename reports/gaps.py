"""Which company needs open calls serve, and which they do not: the computation behind
``hubb report gaps``, as plain data (no formatting, no templates).

A need is *served* on the as-of date when some call that is not closed on that date
(``db.calls.effective_status``; upcoming and rolling calls count, vanished calls do not)
has a ``worth_sending`` match for the need's profile that covers the need. A match covers
need *i* when ``reasons["needs"]`` scores index *i* at least ``need_served`` of
``config/matching.yaml`` (the matcher scores every need, and uses the same bar for the
areas it reports); a match written without that key falls back to the need's area being
in ``Match.areas``.

Unserved needs grouped by need area and branch are the *application candidates*: where
the centre may write a project application because no support exists yet.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.calls import effective_status, load_calls
from db.models import Call, Match
from hubb.profiles import Profile
from hubb.sni import division, division_name
from hubb.taxonomy import Taxonomy
from hubb.vocab import Priority, Status

#: How much a need's priority weighs when ranking candidates with equal company counts.
PRIORITY_WEIGHT = {Priority.HIGH.value: 3, Priority.MEDIUM.value: 2, Priority.LOW.value: 1}


@dataclass(frozen=True)
class Branch:
    """An SNI division: the branch a company is reported under."""

    code: str  # "25"
    name: str  # "metallvaruindustri"

    @property
    def label(self) -> str:
        return f"{self.name} (SNI {self.code})"


def branch_of(profile: Profile) -> Branch:
    """A company's branch is the division of its first SNI code (its main activity), so
    each need is counted under exactly one branch and the tables add up."""
    code = profile.sni[0]
    return Branch(division(code), division_name(code))


@dataclass(frozen=True)
class CallHit:
    """An open call serving one need: the need's score from the match (the match's own
    score when the matcher gave no per-need score)."""

    call_id: int
    source: str
    external_id: str
    title: str
    url: str
    score: float
    deadline: date | None
    status: str


@dataclass
class NeedRow:
    """One need of one company, and the open calls that serve it (best first)."""

    profile_id: str
    company: str
    municipality: str
    branch: Branch
    index: int
    area: str
    area_label: str
    priority: str
    text: str
    calls: list[CallHit] = field(default_factory=list)

    @property
    def served(self) -> bool:
        return bool(self.calls)


@dataclass
class Candidate:
    """Unserved needs of one area in one branch: a candidate for a new application."""

    area: str
    area_label: str
    branch: Branch
    companies: list[str]  # company names, sorted
    needs: int
    priorities: dict[str, int]  # high/medium/low → number of needs

    @property
    def company_count(self) -> int:
        return len(self.companies)

    @property
    def weight(self) -> int:
        return sum(PRIORITY_WEIGHT[p] * n for p, n in self.priorities.items())

    @property
    def sentence(self) -> str:
        """"3 företag inom metallvaruindustri (SNI 25) har behov inom … som ingen öppen
        utlysning täcker"."""
        label = self.area_label[:1].lower() + self.area_label[1:]
        return (f"{self.company_count} företag inom {self.branch.label} har behov inom {label} "
                "som ingen öppen utlysning täcker")


def open_calls(session: Session, on: date) -> dict[int, Call]:
    """Calls not closed on ``on`` (vanished calls excluded), by primary key."""
    return {c.id: c for c in load_calls(session) if effective_status(c, on) is not Status.CLOSED}


def covered_needs(match: Match, profile: Profile, need_served: float) -> dict[int, float]:
    """Need index → score for the needs of ``profile`` that ``match`` covers."""
    per_need = (match.reasons or {}).get("needs")
    if isinstance(per_need, dict):
        out = {}
        for key, score in per_need.items():
            try:
                index, value = int(key), float(score)
            except (TypeError, ValueError):
                continue
            if value >= need_served and value > 0 and 0 <= index < len(profile.needs):
                out[index] = value
        return out
    areas = set(match.areas or ())
    return {i: float(match.score) for i, need in enumerate(profile.needs) if need.area in areas}


def sending_matches(session: Session, profile_ids: set[str], calls: dict[int, Call]) -> list[Match]:
    """The worth-sending matches of these profiles on these calls."""
    if not profile_ids or not calls:
        return []
    stmt = select(Match).where(Match.worth_sending.is_(True)).order_by(Match.profile_id, Match.call_id)
    return [m for m in session.scalars(stmt) if m.profile_id in profile_ids and m.call_id in calls]


def need_rows(profiles: list[Profile], taxonomy: Taxonomy, matches: list[Match],
              calls: dict[int, Call], need_served: float) -> list[NeedRow]:
    """One row per need of every profile, in profile and need order, with every serving
    call (highest score first, then earliest deadline); reports show the first few."""
    hits: dict[tuple[str, int], list[CallHit]] = defaultdict(list)
    by_id = {p.id: p for p in profiles}
    for m in matches:
        call = calls[m.call_id]
        for index, score in covered_needs(m, by_id[m.profile_id], need_served).items():
            hits[(m.profile_id, index)].append(CallHit(
                call.id, call.source, call.external_id, call.title, call.url, round(score, 4),
                call.deadline_date, call.status,
            ))
    rows = []
    for p in profiles:
        branch = branch_of(p)
        for i, need in enumerate(p.needs):
            found = sorted(hits.get((p.id, i), []),
                           key=lambda h: (-h.score, h.deadline or date.max, h.source, h.external_id))
            area = taxonomy[need.area].sv if need.area in taxonomy else need.area
            rows.append(NeedRow(p.id, p.company, p.municipality, branch, i, need.area, area,
                                need.priority, need.text, found))
    return rows


def candidates(rows: list[NeedRow], taxonomy: Taxonomy) -> list[Candidate]:
    """Unserved needs grouped by (area, branch), most companies first, then by priority."""
    groups: dict[tuple[str, Branch], list[NeedRow]] = defaultdict(list)
    for r in rows:
        if not r.served:
            groups[(r.area, r.branch)].append(r)
    order = {key: n for n, key in enumerate(taxonomy.keys())}
    out = []
    for (area, branch), members in groups.items():
        priorities = {p.value: 0 for p in Priority}
        for r in members:
            priorities[r.priority] += 1
        out.append(Candidate(area, members[0].area_label, branch,
                             sorted({r.company for r in members}), len(members), priorities))
    out.sort(key=lambda c: (-c.company_count, -c.weight, order.get(c.area, len(order)), c.branch.code))
    return out
