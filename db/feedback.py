"""The judgements people gave, as labelled pairs for training the matcher.

Companies answer from their digests ("Intressant – hjälp oss att söka", "Passar inte") and
staff grade matches 0–3 on the web pages (``judgements``, :mod:`db.models`). For training,
each (company, call) pair takes one grade, by the rubric of ``../shared/eval/GRADING.md``:

- a staff grade is an advisor's label and wins over anything a company said;
- "passar inte" is grade 0: the company itself says it does not fit;
- "intressant" is grade 2 (relevant): the company wants it, an advisor has not yet said it
  is a must-see.

Within each kind the latest judgement wins (people change their minds; the newest is what
they think now).
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, select

from db.calls import record_from_row
from db.engine import session_scope
from db.models import Call, Judgement
from hubb.profiles import Profile, load_profiles, profiles_dir
from hubb.record import CallRecord
from hubb.taxonomy import load_taxonomy

#: grade of a company's own answer
COMPANY_GRADES = {"not_fit": 0, "interested": 2}


def judged_grades(rows: list[tuple[str, str, str, str, int | None]]) -> dict[tuple[str, str], int]:
    """(profile, call) → grade from judgement rows (profile, call, source, verdict, grade),
    oldest first: staff grades win over company answers, the latest of each kind wins."""
    staff: dict[tuple[str, str], int] = {}
    company: dict[tuple[str, str], int] = {}
    for profile_id, call_id, source, verdict, grade in rows:
        key = (profile_id, call_id)
        if source == "staff" and grade is not None:
            staff[key] = max(0, min(3, int(grade)))
        elif verdict in COMPANY_GRADES:
            company[key] = COMPANY_GRADES[verdict]
    return {**company, **staff}


def training_pairs(engine: Engine, profiles: Path | None = None
                   ) -> tuple[list[CallRecord], list[Profile], list[tuple[str, str, int]]]:
    """The judged calls, the configured profiles they concern, and (profile, call id, grade)."""
    with session_scope(engine) as session:
        stmt = (select(Judgement.profile_id, Call, Judgement.source, Judgement.verdict, Judgement.grade)
                .join(Call, Call.id == Judgement.call_id)
                .order_by(Judgement.created_at, Judgement.id))
        rows, records = [], {}
        for profile_id, call, source, verdict, grade in session.execute(stmt):
            record = record_from_row(call)
            records[record.id] = record
            rows.append((profile_id, record.id, source, verdict, grade))
    grades = judged_grades(rows)
    loaded, _errors = load_profiles(profiles or profiles_dir(), load_taxonomy())
    known = {p.id: p for p in loaded}
    pairs = sorted((p, c, g) for (p, c), g in grades.items() if p in known)
    used = {p for p, _, _ in pairs}
    calls = {c for _, c, _ in pairs}
    return ([records[c] for c in sorted(calls)], [known[p] for p in sorted(used)], pairs)
