"""The one place that writes calls: one harvest run of one source, in one transaction.

- upsert on (source, id);
- a change of a tracked field (deadline, opens, title, text, conditions) writes a
  :class:`CallVersion` ``{field: [old, new]}`` with the previous record, and sets
  ``changed_at``; other differences are updated without a version;
- a call missing from a *complete* listing gets ``vanished_at`` (never deleted), cleared
  when the call comes back; a call the listing still links whose page could not be read is
  not missing (``listed``), and when a page that could not be read matches no stored call,
  no call vanishes in that run (issue 13: vanished means absent from the listing, nothing else);
- an unhealthy run changes no call: it only records its :class:`HarvestRun`;
- "known → unknown" is never news: a field the stored call knows that arrives blank
  (a layout change or a failed parse, not a real new value) keeps its stored value, so it
  writes no version and blanks nothing (:func:`keep_known`);
- a url the spider gives as a stand-in (``stand_in``: the listing the call should be linked
  from, when no page links it this run) never replaces a stored call's url: a listing that
  failed once, or a closed round gone from it, does not make a working link worse (issue 12).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.calls import columns_from_record, record_from_row
from db.models import Call, CallVersion, HarvestRun
from hubb.clock import utcnow
from hubb.record import CallRecord

#: record fields whose change is news for the companies: each writes a call version
TRACKED_FIELDS = (
    "title", "text", "opens", "deadline",
    # the conditions
    "applicants", "regions", "employees_min", "employees_max", "company_age_min",
    "company_age_max", "budget_sek", "max_grant_sek",
)


@dataclass
class StoreCounts:
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    vanished: int = 0
    #: ids per outcome, for reports and tests
    ids: dict[str, list[str]] = field(default_factory=lambda: {
        "new": [], "changed": [], "unchanged": [], "vanished": [], "returned": []})

    def as_dict(self) -> dict[str, int]:
        return {"new": self.new, "changed": self.changed, "unchanged": self.unchanged,
                "vanished": self.vanished}


def _json(record: CallRecord) -> dict[str, Any]:
    return record.to_json()


#: fields kept when they arrive blank, with the raw text that travels with each
KEEP_WHEN_BLANK: dict[str, tuple[str, ...]] = {
    "summary": (), "deadline": ("deadline_raw",), "opens": ("opens_raw",),
    **{name: () for name in TRACKED_FIELDS if name not in ("deadline", "opens")},
}


def _blank(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == ()


def keep_known(old: CallRecord, new: CallRecord) -> CallRecord:
    """``new`` with every field that ``old`` knows and ``new`` leaves blank taken from ``old``.

    Why: a blank where a value was known means the page no longer said it where the spider
    looks, which is a health matter, never a change notice to companies."""
    update: dict[str, Any] = {}
    for name, companions in KEEP_WHEN_BLANK.items():
        if _blank(getattr(new, name)) and not _blank(getattr(old, name)):
            update[name] = getattr(old, name)
            for companion in companions:
                update[companion] = getattr(old, companion)
    return new.model_copy(update=update) if update else new


def diff(old: CallRecord, new: CallRecord) -> dict[str, list[Any]]:
    """``{field: [old, new]}`` of the tracked fields that differ (JSON values)."""
    a, b = _json(old), _json(new)
    return {name: [a[name], b[name]] for name in TRACKED_FIELDS if a[name] != b[name]}


def previous_item_count(session: Session, source: str) -> int | None:
    """Items of the source's last healthy run, for the collapse check."""
    return session.scalar(
        select(HarvestRun.items)
        .where(HarvestRun.source == source, HarvestRun.status == "ok")
        .order_by(HarvestRun.id.desc())
        .limit(1)
    )


def stored_records(session: Session, source: str) -> dict[str, CallRecord]:
    """The source's stored calls as records, by id (the layout-change check's baseline)."""
    return {c.external_id: record_from_row(c) for c in session.scalars(select(Call).where(Call.source == source))}


def last_healthy_run(session: Session, source: str) -> HarvestRun | None:
    return session.scalars(
        select(HarvestRun).where(HarvestRun.source == source, HarvestRun.status == "ok")
        .order_by(HarvestRun.id.desc()).limit(1)).first()


def url_key(url: str) -> str:
    """A URL as compared between a listing's link and a stored call: no scheme, query,
    fragment or trailing slash; host in lower case."""
    parts = urlsplit(url.strip())
    return parts.netloc.lower() + (parts.path.rstrip("/") or "/")


def store_run(session: Session, source: str, records: list[CallRecord], *, complete: bool,
              run: HarvestRun, now: datetime | None = None, listed: Iterable[str] = (),
              unread: Iterable[str] = (), stand_in: Iterable[str] = ()) -> StoreCounts:
    """Write one healthy run's records; ``run`` is added and gets the counts. ``listed``:
    URLs of the call pages the listing linked; ``unread``: those that could not be read;
    ``stand_in``: ids of the records whose url is a stand-in (a stored call keeps its own)."""
    now = now or utcnow()
    counts = StoreCounts()
    if run.id is None:
        session.add(run)
        session.flush()
    existing = {c.external_id: c for c in session.scalars(select(Call).where(Call.source == source))}
    seen: set[str] = set()
    stand_ins = set(stand_in)
    for record in records:
        if record.source != source:
            raise ValueError(f"record {record.key} in a run of source {source!r}")
        if record.id in seen:
            continue  # the validate pipeline drops duplicates; be safe anyway
        seen.add(record.id)
        call = existing.get(record.id)
        if call is not None:
            record = keep_known(record_from_row(call), record)
            if record.id in stand_ins and record.url != call.url:
                record = record.model_copy(update={"url": call.url})
        values = columns_from_record(record)
        if call is None:
            session.add(Call(**values, first_seen=now, last_seen=now))
            counts.new += 1
            counts.ids["new"].append(record.id)
            continue
        call.last_seen = now
        if call.vanished_at is not None:
            call.vanished_at = None
            counts.ids["returned"].append(record.id)
        if call.content_hash == values["content_hash"]:
            counts.unchanged += 1
            counts.ids["unchanged"].append(record.id)
            continue
        old = record_from_row(call)
        changes = diff(old, record)
        for name, value in values.items():
            setattr(call, name, value)
        if changes:
            call.changed_at = now
            session.add(CallVersion(call=call, harvest_run_id=run.id, seen_at=now,
                                    changes=changes, previous=_json(old)))
            counts.changed += 1
            counts.ids["changed"].append(record.id)
        else:
            counts.unchanged += 1
            counts.ids["unchanged"].append(record.id)
    listed_keys = {url_key(u) for u in listed}
    stored_keys = {url_key(c.url) for c in existing.values()}
    seen_keys = {url_key(r.url) for r in records}
    # an unread page that is no stored call's (a redirect, a moved URL): which call it was is
    # unknown, so none may vanish this time
    unknown_unread = {url_key(u) for u in unread} - stored_keys - seen_keys
    if complete and not unknown_unread:
        for external_id, call in existing.items():
            if external_id not in seen and call.vanished_at is None and url_key(call.url) not in listed_keys:
                call.vanished_at = now
                counts.vanished += 1
                counts.ids["vanished"].append(external_id)
    run.new, run.changed, run.unchanged, run.vanished = (
        counts.new, counts.changed, counts.unchanged, counts.vanished)
    run.complete = complete
    return counts
