"""What goes into one recipient's digest, chosen from the stored matches.

Three kinds of item, each told to a recipient at most once (the ``sent_items`` table's
unique key is the memory of what was told):

* ``new`` — a call the matcher found worth sending and this recipient has not been sent,
  best rank first, at most ``max_new``;
* ``closing_soon`` — a call sent earlier whose deadline falls within ``closing_soon_days``;
* ``changed`` — a call sent earlier whose deadline or conditions changed since; each
  change (call version) is told once, saying what changed.

A call appears in one section only (changed before closing soon). Calls already closed on
the digest's date are never shown, nor a call the company judged "passar inte" or that
staff hold for it (web service). This module never re-scores: it reads ``matches``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from db.calls import effective_status
from db.models import Call, CallVersion, Hold, Judgement, Match, SentItem
from hubb.clock import TZ
from hubb.swedish.format import format_amount, format_date, format_date_short
from hubb.vocab import Status

NEW, CLOSING_SOON, CHANGED = "new", "closing_soon", "changed"
#: a company's "passar inte" (judgements.verdict): that call is never shown to it again
NOT_FIT = "not_fit"

#: changes a reader should hear about; title or text edits alone are not news
CONDITION_FIELDS = (
    "deadline", "opens", "max_grant_sek", "budget_sek", "applicants", "regions",
    "employees_min", "employees_max", "company_age_min", "company_age_max",
)


@dataclass
class Item:
    """One call card of a digest."""

    kind: str
    call: Call
    match: Match | None = None
    #: call-version ids told by this item (``changed`` only): one sent_items row each
    revisions: list[int] = field(default_factory=list)
    #: readable sentences of what changed, in the recipient's language
    changes: list[str] = field(default_factory=list)


@dataclass
class Selection:
    new: list[Item] = field(default_factory=list)
    closing_soon: list[Item] = field(default_factory=list)
    changed: list[Item] = field(default_factory=list)

    @property
    def items(self) -> list[Item]:
        return self.new + self.changed + self.closing_soon

    def __bool__(self) -> bool:
        return bool(self.items)


def _is_open(call: Call, on: date) -> bool:
    return call.vanished_at is None and effective_status(call, on) is not Status.CLOSED


@dataclass
class Prefetched:
    """What :func:`select_items` would query, loaded for many recipients at once."""

    #: recipient → [(call_id, kind, revision, created_at)] of their sent items
    told: dict[str, list[tuple]] = field(default_factory=dict)
    #: profile id → its matches, best first, calls loaded
    matches: dict[str, list[Match]] = field(default_factory=dict)
    #: profile id → calls never to show it: the company said "passar inte", or staff hold them
    excluded: dict[str, set[int]] = field(default_factory=dict)


def _matches_query():
    # the call's full text is not shown: leave it in the database
    return select(Match).options(joinedload(Match.call).defer(Call.text)).order_by(
        Match.profile_id, Match.rank, Match.call_id)


def prefetch(session: Session, recipients: list[str], profile_ids: list[str]) -> Prefetched:
    """Sent items and matches of many recipients in two queries (composing goes by chunks)."""
    out = Prefetched({r: [] for r in recipients}, {p: [] for p in profile_ids}, {p: set() for p in profile_ids})
    for recipient, *row in session.execute(
        select(SentItem.recipient, SentItem.call_id, SentItem.kind, SentItem.revision, SentItem.created_at)
        .where(SentItem.recipient.in_(recipients))
    ):
        out.told[recipient].append(tuple(row))
    for m in session.scalars(_matches_query().where(Match.profile_id.in_(profile_ids))).unique():
        out.matches[m.profile_id].append(m)
    for profile_id, call_id in session.execute(
        select(Judgement.profile_id, Judgement.call_id)
        .where(Judgement.profile_id.in_(profile_ids), Judgement.verdict == NOT_FIT)
        .union(select(Hold.profile_id, Hold.call_id).where(Hold.profile_id.in_(profile_ids)))
    ):
        out.excluded[profile_id].add(call_id)
    return out


def select_items(session: Session, profile_id: str, recipient: str, as_of: date, *,
                 max_new: int = 8, closing_soon_days: int = 14, language: str = "sv",
                 prefetched: Prefetched | None = None) -> Selection:
    """The digest content for ``recipient`` (a contact of ``profile_id``) on ``as_of``."""
    if prefetched is None:
        prefetched = prefetch(session, [recipient], [profile_id])
    told: set[tuple[int, str, int]] = set()
    first_told: dict[int, datetime] = {}
    for call_id, kind, revision, created_at in prefetched.told[recipient]:
        told.add((call_id, kind, revision))
        if kind == NEW:
            first_told[call_id] = created_at
    told_new = set(first_told)
    excluded = prefetched.excluded.get(profile_id, set())
    matches = [m for m in prefetched.matches[profile_id] if m.call_id not in excluded]
    by_call = {m.call_id: m for m in matches}

    out = Selection()
    for m in matches:
        if len(out.new) >= max_new:
            break
        if m.worth_sending and m.call_id not in told_new and _is_open(m.call, as_of):
            out.new.append(Item(NEW, m.call, m))

    if not told_new:
        return out
    sent_calls = session.scalars(select(Call).where(Call.id.in_(told_new)).order_by(Call.id)).all()
    versions: dict[int, list[CallVersion]] = {}
    for v in session.scalars(
        select(CallVersion).where(CallVersion.call_id.in_(told_new)).order_by(CallVersion.id)
    ):
        versions.setdefault(v.call_id, []).append(v)

    horizon = as_of + timedelta(days=closing_soon_days)
    for call in sent_calls:
        if not _is_open(call, as_of) or call.id in excluded:
            continue
        fresh = [
            v for v in versions.get(call.id, [])
            if (call.id, CHANGED, v.id) not in told
            and v.seen_at > first_told[call.id]  # a change before we first told is not news
            and any(f in v.changes for f in CONDITION_FIELDS)
        ]
        if fresh:
            out.changed.append(Item(
                CHANGED, call, by_call.get(call.id), [v.id for v in fresh],
                describe_changes(fresh, language),
            ))
        elif (call.deadline_date is not None and as_of <= call.deadline_date <= horizon
              and (call.id, CLOSING_SOON, 0) not in told):
            out.closing_soon.append(Item(CLOSING_SOON, call, by_call.get(call.id)))
    out.closing_soon.sort(key=lambda i: (i.call.deadline_date, i.call.id))
    return out


def parse_deadline(value: Any) -> date | datetime | None:
    """A deadline as stored (ISO date, or datetime with offset) → date or aware datetime."""
    if value in (None, ""):
        return None
    if isinstance(value, (date, datetime)):
        return value
    text = str(value)
    if len(text) == 10:
        return date.fromisoformat(text)
    parsed = datetime.fromisoformat(text)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=TZ)


def _day(value: date | datetime) -> date:
    return value.astimezone(TZ).date() if isinstance(value, datetime) else value


def _short_pair(old: date | datetime, new: date | datetime, language: str) -> tuple[str, str]:
    """"12 mars" / "26 mars" when both fall in one year, else with the year."""
    a, b = _day(old), _day(new)
    fmt = format_date_short if a.year == b.year else format_date
    return fmt(a, language), fmt(b, language)


def describe_changes(versions: list[CallVersion], language: str = "sv") -> list[str]:
    """Sentences for the changes of ``versions`` (oldest first), one per field, old value
    from the first change and new value from the last."""
    first: dict[str, Any] = {}
    last: dict[str, Any] = {}
    for v in versions:
        for name, pair in v.changes.items():
            if name in CONDITION_FIELDS:
                first.setdefault(name, pair[0])
                last[name] = pair[1]
    en = language == "en"
    out: list[str] = []
    if "deadline" in last:
        old, new = parse_deadline(first["deadline"]), parse_deadline(last["deadline"])
        if old and new:
            a, b = _short_pair(old, new, language)
            out.append(f"Deadline moved from {a} to {b}" if en else f"Sista dag flyttad från {a} till {b}")
        elif new:
            day = format_date(_day(new), language)
            out.append(f"Deadline set to {day}" if en else f"Sista dag satt till {day}")
        else:
            out.append("Deadline removed: open until further notice" if en
                       else "Sista dag borttagen: löpande ansökan")
    if "opens" in last and last["opens"]:
        day = format_date(date.fromisoformat(str(last["opens"])[:10]), language)
        out.append(f"Opens on {day}" if en else f"Öppnar {day}")
    for name, sv, en_label in (("max_grant_sek", "Högsta bidrag", "Maximum grant"),
                               ("budget_sek", "Total budget", "Total budget")):
        if name in last:
            a, b = format_amount(first[name], language), format_amount(last[name], language)
            if a and b:
                out.append(f"{en_label} changed from {a} to {b}" if en else f"{sv} ändrad från {a} till {b}")
            else:
                out.append(f"{en_label} changed" if en else f"{sv} ändrad")
    if any(n in last for n in ("applicants", "regions", "employees_min", "employees_max",
                               "company_age_min", "company_age_max")):
        out.append("Who may apply has changed" if en else "Villkoren för vem som får söka har ändrats")
    return out
