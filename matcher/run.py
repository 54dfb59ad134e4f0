"""Matching as a job: stored calls × profiles → stored ``matches`` rows.

:func:`match_stored` is what ``hubb match`` (without ``--calls``) and the scheduler run
after each harvest. Per profile it stores every eligible call from the storage floor on
(at most ``store_max``), with ``worth_sending`` marking what the digest may send, and
removes the rows of calls that are no longer eligible or ranked. Rows are upserted on
(profile_id, call_id), so ``first_matched_at`` survives re-runs.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import Engine, delete, select
from sqlalchemy.orm import Session

from db.calls import load_calls, record_from_row
from db.engine import session_scope
from db.models import Call, Match
from hubb.clock import today, utcnow
from hubb.profiles import Profile, load_profiles, profiles_dir
from hubb.taxonomy import Taxonomy, load_taxonomy
from matcher.config import MatchingConfig, load_matching_config
from matcher.engine import Matcher


def match_stored(engine: Engine, profiles: list[Profile] | Path | None = None,
                 as_of: date | None = None, *, taxonomy: Taxonomy | None = None,
                 cfg: MatchingConfig | None = None) -> dict:
    """Rank the stored calls for ``profiles`` (default: ``config/profiles``) and store them.

    Returns a summary: ``{"profiles", "calls", "stored", "worth_sending", "removed", "as_of"}``.
    """
    taxonomy = taxonomy or load_taxonomy()
    cfg = cfg or load_matching_config()
    as_of = as_of or today()
    if profiles is None or isinstance(profiles, Path):
        profiles, _errors = load_profiles(profiles or profiles_dir(), taxonomy)
    summary: dict = {"profiles": len(profiles), "calls": 0, "stored": 0, "worth_sending": 0,
                     "removed": 0, "as_of": as_of.isoformat()}
    with session_scope(engine) as session:
        rows = load_calls(session)
        summary["calls"] = len(rows)
        records = [record_from_row(r) for r in rows]
        matcher = Matcher(records, profiles, taxonomy, cfg)
        now = utcnow()
        for result in matcher.rank(profiles, as_of):
            stored, worth, removed = _store_profile(session, matcher, result, rows, as_of, now)
            summary["stored"] += stored
            summary["worth_sending"] += worth
            summary["removed"] += removed
    return summary


def _store_profile(session: Session, matcher: Matcher, result, rows: list[Call], as_of: date,
                   now) -> tuple[int, int, int]:
    profile = result.profile
    existing = {m.call_id: m for m in session.scalars(select(Match).where(Match.profile_id == profile.id))}
    keep: set[int] = set()
    worth = 0
    for ranked in result.ranked:
        call = rows[ranked.call]
        reasons, areas = matcher.explain(profile, ranked, as_of)
        match = existing.get(call.id)
        if match is None:
            match = Match(profile_id=profile.id, call_id=call.id, first_matched_at=now)
            session.add(match)
        match.score = ranked.score
        match.rank = ranked.rank
        match.areas = areas
        match.reasons = reasons
        match.worth_sending = ranked.worth_sending
        match.as_of = as_of
        match.matched_at = now
        keep.add(call.id)
        worth += ranked.worth_sending
    gone = [cid for cid in existing if cid not in keep]
    if gone:
        session.execute(delete(Match).where(Match.profile_id == profile.id, Match.call_id.in_(gone)))
    session.flush()
    return len(keep), worth, len(gone)
