"""Composing: each due digest is written to the database as a pending message, together
with the sent-items rows of what it tells, in the same transaction (50 recipients per
transaction; one per recipient when a chunk meets a concurrent writer).

The unique keys do the guarding: ``digests(recipient, period)`` means one digest per
recipient and week even when two senders compose at once, and ``sent_items(recipient,
call, kind, revision)`` means a call is never told twice. A losing concurrent writer gets
an IntegrityError, rolls back and skips that recipient.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date
from email.utils import parseaddr

from sqlalchemy import Engine, insert, select, text
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from db.engine import session_scope
from db.models import Digest, SentItem
from digest.links import feedback_links
from digest.message import build_message, calendar, message_id
from digest.render import Recipient, build_context, render
from digest.select import CHANGED, Prefetched, Selection, prefetch, select_items
from digest.unsubscribe import suppressed, unsubscribe_links
from hubb.clock import now, utcnow
from hubb.profiles import contact_key

log = logging.getLogger(__name__)


def period_of(day: date) -> str:
    """The ISO week of ``day``: digests are weekly, one per recipient and week."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


@dataclass
class ComposeResult:
    composed: int = 0
    empty: int = 0
    suppressed: int = 0
    existing: int = 0
    errors: list[str] = field(default_factory=list)


def recipients_of(profiles) -> list[Recipient]:
    """One recipient per address: a digest per address and week is the design, so a
    second listing of an address (which ``load_profiles`` already reports and drops) is
    skipped here too, with a warning, rather than lost to the unique key unsaid."""
    out: list[Recipient] = []
    seen: dict[str, str] = {}
    for p in profiles:
        for c in p.contacts:
            key = contact_key(c.email)
            if key in seen:
                log.warning("contact %s of %s skipped: already a contact of %s", c.email, p.id, seen[key])
                continue
            seen[key] = p.id
            out.append(Recipient(c.name, c.email.lower(), c.language, p.company, p.id))
    return out


def selection_for(session: Session, recipient: Recipient, as_of: date, settings,
                  prefetched: Prefetched | None = None) -> Selection:
    cfg = settings.digest
    return select_items(session, recipient.profile_id, recipient.email, as_of,
                        max_new=cfg.max_new, closing_soon_days=cfg.closing_soon_days,
                        language=recipient.language, prefetched=prefetched)


def build_message_for(selection: Selection, recipient: Recipient, as_of: date, settings):
    """(subject, Message-ID, message bytes) of ``recipient``'s digest on ``as_of``."""
    https, mailto = unsubscribe_links(recipient.email, settings)
    feedback = feedback_links(recipient.email, recipient.profile_id, recipient.language, settings)
    context = build_context(selection, recipient, as_of, settings=settings,
                            unsubscribe_url=https or mailto, feedback=feedback)
    text, html = render(context)
    domain = parseaddr(settings.sender)[1].rpartition("@")[2] or "localhost"
    period = period_of(as_of)
    stamp = now()
    msg_id = message_id(recipient.email, period, settings.sender)
    data = build_message(
        sender=settings.sender, recipient=recipient.email, subject=context["subject"], text=text,
        html=html, msg_id=msg_id, date_=stamp,
        unsubscribe_https=https, unsubscribe_mailto=mailto,
        ics=calendar(selection, context["lang"], domain),
    )
    return context["subject"], msg_id, data


def compose_one(session: Session, recipient: Recipient, as_of: date, settings,
                prefetched: Prefetched | None = None, existing: set[str] | None = None) -> str:
    """Write ``recipient``'s pending digest; returns composed | empty | existing.
    ``prefetched``/``existing``: the chunk's data, loaded at once by :func:`compose_due`."""
    period = period_of(as_of)
    if existing is None:
        existing = _existing(session, [recipient.email], period)
    if recipient.email in existing:
        return "existing"
    selection = selection_for(session, recipient, as_of, settings, prefetched)
    if not selection and not settings.digest.send_empty:
        return "empty"
    subject, msg_id, data = build_message_for(selection, recipient, as_of, settings)
    stamp = utcnow()
    # Core inserts: the ORM's unit of work cost more than rendering the message
    digest_id = session.execute(
        insert(Digest).returning(Digest.id),
        dict(recipient=recipient.email, profile_id=recipient.profile_id, language=recipient.language,
             period=period, status="pending", subject=subject, message_id=msg_id, message=data,
             created_at=stamp, attempts=0),
    ).scalar_one()
    items = [
        dict(recipient=recipient.email, call_id=item.call.id, kind=item.kind, revision=revision,
             digest_id=digest_id, created_at=stamp)
        for item in selection.items
        for revision in (item.revisions if item.kind == CHANGED else [0])
    ]
    if items:
        session.execute(insert(SentItem), items)
    return "composed"


def _existing(session: Session, recipients: list[str], period: str) -> set[str]:
    return set(session.scalars(select(Digest.recipient).where(Digest.period == period,
                                                              Digest.recipient.in_(recipients))))


def take_write_lock(session: Session) -> None:
    """On SQLite, take the database's write lock before the first read of a transaction.

    SQLite (WAL) cannot turn a read transaction into a write once another writer has
    committed since the read began: it fails at once with "database is locked" instead of
    waiting. A write statement that changes nothing, issued first, takes the lock (waiting
    up to the busy timeout), so the reads that follow are never stale. PostgreSQL needs
    nothing: the unique keys settle a race there.
    """
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text("UPDATE digests SET id = id WHERE 0"))


def _compose_retrying(engine: Engine, recipient: Recipient, as_of: date, settings, tries: int = 5) -> str:
    for attempt in range(tries):
        try:
            with session_scope(engine) as s:
                take_write_lock(s)
                return compose_one(s, recipient, as_of, settings)
        except IntegrityError:
            # another sender composed this recipient's digest at the same moment
            return "existing"
        except OperationalError as exc:
            # the busy timeout ran out: try again
            if "locked" not in str(exc) or attempt == tries - 1:
                raise
    raise AssertionError("unreachable")


def compose_due(engine: Engine, profiles, as_of: date, settings, progress=None, chunk: int = 50) -> ComposeResult:
    """Write the pending digests of every contact of ``profiles`` for the week of ``as_of``.

    Recipients are composed ``chunk`` at a time in one transaction (a commit per digest
    was a third of the time); a chunk that meets a concurrent writer is redone one
    recipient per transaction.
    """
    result = ComposeResult()
    with session_scope(engine) as s:
        blocked = suppressed(s)
    todo = []
    for recipient in recipients_of(profiles):
        if recipient.email in blocked:
            result.suppressed += 1
        else:
            todo.append(recipient)
    for start in range(0, len(todo), chunk):
        batch = todo[start:start + chunk]
        try:
            with session_scope(engine) as s:
                take_write_lock(s)
                emails = [r.email for r in batch]
                existing = _existing(s, emails, period_of(as_of))
                pre = prefetch(s, emails, sorted({r.profile_id for r in batch}))
                outcomes = [compose_one(s, r, as_of, settings, pre, existing) for r in batch]
        except (IntegrityError, OperationalError):
            outcomes = [_compose_retrying(engine, r, as_of, settings) for r in batch]
        for recipient, outcome in zip(batch, outcomes, strict=True):
            setattr(result, outcome, getattr(result, outcome) + 1)
            if progress:
                progress(recipient, outcome)
    return result


def write_outbox(engine: Engine, profiles, as_of: date, settings, directory) -> list:
    """Dry run: compose as :func:`compose_due` would, write every due message as an .eml
    file, then roll back: the database is left exactly as it was."""
    from pathlib import Path

    from db.engine import make_sessionmaker
    from digest.send import write_eml

    written = []
    with make_sessionmaker(engine)() as s:
        blocked = suppressed(s)
        for recipient in recipients_of(profiles):
            if recipient.email not in blocked:
                compose_one(s, recipient, as_of, settings)
        rows = s.execute(select(Digest.id, Digest.recipient, Digest.message)
                         .where(Digest.status == "pending").order_by(Digest.id)).all()
        for digest_id, address, data in rows:
            written.append(write_eml(Path(directory), address, digest_id, data))
        s.rollback()
    return written
