"""Typed SQLAlchemy 2.0 models of everything the service stores.

A constraint naming convention is set on the metadata from the first table, so that
Alembic migrations name constraints the same way on SQLite and PostgreSQL.
Timestamps are stored as aware UTC datetimes.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    DateTime,
    Float,
    ForeignKey,
    Index,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator):
    """An aware datetime stored as UTC; SQLite, which forgets zones, gets it back aware."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: the database stores aware UTC times")
        return value.astimezone(UTC)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {
        datetime: UTCDateTime(),
        dict[str, Any]: JSON(),
        list[Any]: JSON(),
        list[str]: JSON(),
    }


class Call(Base):
    """A call as last seen at its source (the call record), with its life cycle."""

    __tablename__ = "calls"
    __table_args__ = (UniqueConstraint("source", "external_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(64))
    #: the record's ``id``: the funder's own id, unique within ``source``
    external_id: Mapped[str] = mapped_column(String(255))
    url: Mapped[str] = mapped_column(Text)
    title: Mapped[str] = mapped_column(Text)
    funder: Mapped[str] = mapped_column(String(255), default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text, default="")
    opens: Mapped[date | None]
    opens_raw: Mapped[str | None] = mapped_column(Text)
    #: the deadline as in the record: an ISO date, or an ISO datetime with offset
    deadline: Mapped[str | None] = mapped_column(String(40))
    #: its Stockholm calendar day, for queries ("closing within 14 days")
    deadline_date: Mapped[date | None] = mapped_column(index=True)
    deadline_raw: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16))
    applicants: Mapped[list[str]] = mapped_column(default=list)
    regions: Mapped[list[str]] = mapped_column(default=list)
    employees_min: Mapped[int | None]
    employees_max: Mapped[int | None]
    company_age_min: Mapped[int | None]
    company_age_max: Mapped[int | None]
    budget_sek: Mapped[int | None] = mapped_column(BigInteger)
    max_grant_sek: Mapped[int | None] = mapped_column(BigInteger)
    language: Mapped[str] = mapped_column(String(2), default="sv")
    #: hash of the normalised record: an unchanged call is recognised without a diff
    content_hash: Mapped[str] = mapped_column(String(64))
    first_seen: Mapped[datetime]
    last_seen: Mapped[datetime]
    #: last time the deadline, title or text changed
    changed_at: Mapped[datetime | None]
    #: set when a complete listing no longer has the call; cleared if it returns
    vanished_at: Mapped[datetime | None]

    versions: Mapped[list[CallVersion]] = relationship(
        back_populates="call", order_by="CallVersion.id", cascade="all, delete-orphan"
    )


class CallVersion(Base):
    """One change of a call: what changed (field → [old, new]) and when."""

    __tablename__ = "call_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id", ondelete="CASCADE"), index=True)
    harvest_run_id: Mapped[int | None] = mapped_column(
        ForeignKey("harvest_runs.id", ondelete="SET NULL")
    )
    seen_at: Mapped[datetime]
    #: {field: [old, new]} for every field that changed
    changes: Mapped[dict[str, Any]] = mapped_column(default=dict)
    #: the full record before the change
    previous: Mapped[dict[str, Any]] = mapped_column(default=dict)

    call: Mapped[Call] = relationship(back_populates="versions")


class HarvestRun(Base):
    """One spider run for one source: counts, health and errors."""

    __tablename__ = "harvest_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(64), index=True)
    started_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
    #: running | ok | failed
    status: Mapped[str] = mapped_column(String(16), default="running")
    items: Mapped[int] = mapped_column(default=0)
    new: Mapped[int] = mapped_column(default=0)
    changed: Mapped[int] = mapped_column(default=0)
    unchanged: Mapped[int] = mapped_column(default=0)
    vanished: Mapped[int] = mapped_column(default=0)
    dropped: Mapped[int] = mapped_column(default=0)
    requests: Mapped[int] = mapped_column(default=0)
    #: whether the run saw the source's whole listing (only then may calls vanish)
    complete: Mapped[bool] = mapped_column(default=False)
    #: fill rates and checks: {"fill": {field: rate}, "checks": [...]}
    health: Mapped[dict[str, Any]] = mapped_column(default=dict)
    errors: Mapped[list[str]] = mapped_column(default=list)


class Match(Base):
    """A call ranked for a profile by the latest match run."""

    __tablename__ = "matches"
    __table_args__ = (
        UniqueConstraint("profile_id", "call_id"),
        Index("ix_matches_profile_rank", "profile_id", "rank"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[str] = mapped_column(String(128))
    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id", ondelete="CASCADE"), index=True)
    score: Mapped[float] = mapped_column(Float)
    rank: Mapped[int]
    #: need-area keys the call serves for this profile
    areas: Mapped[list[str]] = mapped_column(default=list)
    #: {"sv": [...], "en": [...]}: readable reasons per language
    reasons: Mapped[dict[str, Any]] = mapped_column(default=dict)
    #: the score is above the sending threshold
    worth_sending: Mapped[bool] = mapped_column(default=True)
    as_of: Mapped[date]
    first_matched_at: Mapped[datetime]
    matched_at: Mapped[datetime]

    call: Mapped[Call] = relationship()


class Digest(Base):
    """One e-mail to one recipient, written as pending before it is sent."""

    __tablename__ = "digests"
    __table_args__ = (UniqueConstraint("recipient", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient: Mapped[str] = mapped_column(String(320))
    profile_id: Mapped[str] = mapped_column(String(128), index=True)
    language: Mapped[str] = mapped_column(String(2), default="sv")
    #: the digest's period, e.g. ISO week "2026-W48": one digest per recipient and period
    period: Mapped[str] = mapped_column(String(32))
    #: pending | sending | sent | failed
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    subject: Mapped[str] = mapped_column(Text)
    message_id: Mapped[str] = mapped_column(String(255), unique=True)
    #: the complete RFC 5322 message as it is (or was) sent
    message: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime | None]
    #: who holds the message while sending (host:pid), and until when
    claimed_by: Mapped[str | None] = mapped_column(String(255))
    claimed_until: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)

    items: Mapped[list[SentItem]] = relationship(back_populates="digest")


class SentItem(Base):
    """A call shown to a recipient in a digest: "sent once" is this table's unique key."""

    __tablename__ = "sent_items"
    __table_args__ = (UniqueConstraint("recipient", "call_id", "kind", "revision"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient: Mapped[str] = mapped_column(String(320))
    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id", ondelete="CASCADE"), index=True)
    #: new | closing_soon | changed
    kind: Mapped[str] = mapped_column(String(16))
    #: 0 for new and closing_soon; the call version id for changed, so each change is told once
    revision: Mapped[int] = mapped_column(default=0)
    digest_id: Mapped[int] = mapped_column(ForeignKey("digests.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime]

    digest: Mapped[Digest] = relationship(back_populates="items")


class Suppression(Base):
    """An address that gets nothing: unsubscribed, or bounced permanently."""

    __tablename__ = "suppressions"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    #: unsubscribed | bounced
    reason: Mapped[str] = mapped_column(String(32))
    detail: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]


class Lease(Base):
    """A named lock with an expiry, held by one process at a time (scheduler, sender)."""

    __tablename__ = "leases"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    holder: Mapped[str] = mapped_column(String(255))
    expires_at: Mapped[datetime]
    acquired_at: Mapped[datetime]


# --- the web service: what companies and staff tell us -----------------------------------


class Judgement(Base):
    """What someone said about a call for a company: a company's "passar inte" or
    "intressant" from a digest link, or a staff member's grade 0–3. Labelled pairs for
    the matcher; a company's ``not_fit`` also keeps that call out of its digests."""

    __tablename__ = "judgements"
    __table_args__ = (Index("ix_judgements_profile_call", "profile_id", "call_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[str] = mapped_column(String(128))
    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id", ondelete="CASCADE"))
    #: company | staff
    source: Mapped[str] = mapped_column(String(16))
    #: interested | not_fit | grade
    verdict: Mapped[str] = mapped_column(String(16))
    #: 0–3 for a staff grade (3 = an excellent match), else None
    grade: Mapped[int | None]
    #: the contact's or staff member's e-mail
    author: Mapped[str] = mapped_column(String(320))
    comment: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime]


class Lead(Base):
    """A company asked for help to apply for a call: an advisor should call them."""

    __tablename__ = "leads"
    __table_args__ = (UniqueConstraint("profile_id", "call_id", "contact_email"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[str] = mapped_column(String(128), index=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id", ondelete="CASCADE"), index=True)
    company: Mapped[str] = mapped_column(Text)
    contact_name: Mapped[str] = mapped_column(Text, default="")
    contact_email: Mapped[str] = mapped_column(String(320))
    comment: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime]
    #: when the advisor e-mail was accepted by the SMTP server (None: not yet)
    notified_at: Mapped[datetime | None]
    notify_error: Mapped[str | None] = mapped_column(Text)
    handled_at: Mapped[datetime | None]
    handled_by: Mapped[str | None] = mapped_column(String(320))

    call: Mapped[Call] = relationship()


class Hold(Base):
    """Staff hold a match: the call is not sent to the company while the hold stands."""

    __tablename__ = "holds"
    __table_args__ = (UniqueConstraint("profile_id", "call_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[str] = mapped_column(String(128))
    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id", ondelete="CASCADE"))
    held_by: Mapped[str] = mapped_column(String(320))
    created_at: Mapped[datetime]


class StaffUser(Base):
    """A staff login (``hubb staff add EMAIL``); the password only as an argon2 hash."""

    __tablename__ = "staff_users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    password_hash: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]
    last_login_at: Mapped[datetime | None]


class LoginFailure(Base):
    """A failed staff login, counted per address and per client for the rate limit."""

    __tablename__ = "login_failures"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: "email:<address>" or "ip:<client address>"
    key: Mapped[str] = mapped_column(String(400), index=True)
    created_at: Mapped[datetime]


class BatchApproval(Base):
    """A staff member approved the week's digests (``digest.require_approval``)."""

    __tablename__ = "batch_approvals"

    id: Mapped[int] = mapped_column(primary_key=True)
    period: Mapped[str] = mapped_column(String(32), unique=True)
    approved_by: Mapped[str] = mapped_column(String(320))
    approved_at: Mapped[datetime]
