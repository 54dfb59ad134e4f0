"""Conversion between the call record (the contract) and the ``calls`` table, and the
read queries on calls. Writing calls happens only in :mod:`db.store`."""

from __future__ import annotations

import hashlib
import json
from datetime import date

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from db.models import Call
from hubb.record import CallRecord
from hubb.vocab import Status

#: Record fields stored in columns of the same name (``id`` is ``external_id``).
RECORD_COLUMNS = (
    "url", "title", "funder", "summary", "text", "opens", "opens_raw", "deadline_raw",
    "status", "applicants", "regions", "employees_min", "employees_max", "company_age_min",
    "company_age_max", "budget_sek", "max_grant_sek", "language",
)


def content_hash(record: CallRecord) -> str:
    """A stable hash of everything the record says, so unchanged calls are cheap to spot."""
    payload = json.dumps(record.to_json(), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def columns_from_record(record: CallRecord) -> dict:
    """Column values of ``calls`` for a record (life-cycle columns excluded)."""
    values = {name: getattr(record, name) for name in RECORD_COLUMNS}
    values["source"] = record.source
    values["external_id"] = record.id
    deadline = record.deadline
    values["deadline"] = deadline.isoformat() if deadline is not None else None
    values["deadline_date"] = record.deadline_date
    values["content_hash"] = content_hash(record)
    return values


def record_from_row(call: Call) -> CallRecord:
    data = {name: getattr(call, name) for name in RECORD_COLUMNS}
    data.update(source=call.source, id=call.external_id, deadline=call.deadline)
    return CallRecord.model_validate(data)


def effective_status(call: Call | CallRecord, on: date) -> Status:
    """The status on ``on``, recomputed from the dates (the published one may be stale)."""
    deadline = call.deadline_date
    opens = call.opens
    published = Status(call.status)
    if deadline is not None and deadline < on:
        return Status.CLOSED
    if opens is not None and opens > on:
        return Status.UPCOMING
    if published is Status.CLOSED:
        return Status.CLOSED  # closed early, or the site says so: trust it
    if published is Status.UPCOMING and opens is None:
        return Status.UPCOMING
    if deadline is None:
        return Status.ROLLING if published in (Status.ROLLING, Status.OPEN) else published
    return Status.OPEN


def select_calls(*, source: str | None = None, open_on: date | None = None,
                 include_vanished: bool = False) -> Select:
    """Calls ordered by source and id; ``open_on`` keeps those not closed on that day."""
    stmt = select(Call).order_by(Call.source, Call.external_id)
    if source:
        stmt = stmt.where(Call.source == source)
    if not include_vanished:
        stmt = stmt.where(Call.vanished_at.is_(None))
    if open_on is not None:
        stmt = stmt.where(or_(Call.deadline_date.is_(None), Call.deadline_date >= open_on))
        stmt = stmt.where(Call.status != Status.CLOSED.value)
    return stmt


def load_calls(session: Session, **filters) -> list[Call]:
    return list(session.scalars(select_calls(**filters)))
