"""The schema: migrations from empty, models in step with them, unique constraints."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from db.calls import columns_from_record, effective_status, record_from_row
from db.engine import make_engine, session_scope
from db.migrate import current_revision, head_revision, table_names, upgrade
from db.models import Base, Call, Digest, Match, SentItem, Suppression
from hubb.record import CallRecord

NOW = datetime(2026, 11, 27, 8, 0, tzinfo=UTC)


def make_call(source="vinnova", external_id="2026-00001", **extra) -> Call:
    record = CallRecord(source=source, id=external_id, url=f"https://example.se/{external_id}",
                        title="Innovationsprojekt i små och medelstora företag", **extra)
    return Call(**columns_from_record(record), first_seen=NOW, last_seen=NOW)


def test_upgrade_from_empty_creates_every_table_and_is_idempotent(db_url):
    engine = make_engine(db_url)
    assert current_revision(engine) is None
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    assert {"calls", "call_versions", "harvest_runs", "matches", "digests", "sent_items",
            "suppressions", "leases", "alembic_version"} <= table_names(engine)
    upgrade(engine)  # a second run changes nothing and does not fail
    assert current_revision(engine) == head_revision()
    engine.dispose()


def test_models_and_migrations_agree(engine):
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_calls_unique_on_source_and_id(engine):
    with session_scope(engine) as s:
        s.add(make_call())
        s.add(make_call(source="tillvaxtverket"))  # same id, other source: fine
    with pytest.raises(IntegrityError):
        with session_scope(engine) as s:
            s.add(make_call())


def test_sent_items_unique_per_recipient_call_kind(engine):
    with session_scope(engine) as s:
        call = make_call()
        s.add(call)
        s.flush()
        digest = Digest(recipient="anna@example.se", profile_id="acme", period="2026-W48", subject="x",
                        message_id="<1@example.se>", message=b"x", created_at=NOW)
        s.add(digest)
        s.flush()
        s.add(SentItem(recipient="anna@example.se", call_id=call.id, kind="new", digest_id=digest.id, created_at=NOW))
        s.add(SentItem(recipient="anna@example.se", call_id=call.id, kind="closing_soon", digest_id=digest.id,
                       created_at=NOW))
        call_id, digest_id = call.id, digest.id
    with pytest.raises(IntegrityError):
        with session_scope(engine) as s:
            s.add(SentItem(recipient="anna@example.se", call_id=call_id, kind="new", digest_id=digest_id,
                           created_at=NOW))


def test_one_digest_per_recipient_and_period(engine):
    def digest(mid):
        return Digest(recipient="anna@example.se", profile_id="acme", period="2026-W48", subject="x",
                      message_id=mid, message=b"x", created_at=NOW)

    with session_scope(engine) as s:
        s.add(digest("<1@example.se>"))
    with pytest.raises(IntegrityError):
        with session_scope(engine) as s:
            s.add(digest("<2@example.se>"))


def test_matches_unique_per_profile_and_call(engine):
    with session_scope(engine) as s:
        call = make_call()
        s.add(call)
        s.flush()
        call_id = call.id
        s.add(Match(profile_id="acme", call_id=call_id, score=0.8, rank=1, as_of=date(2026, 11, 27),
                    first_matched_at=NOW, matched_at=NOW))
    with pytest.raises(IntegrityError):
        with session_scope(engine) as s:
            s.add(Match(profile_id="acme", call_id=call_id, score=0.5, rank=2, as_of=date(2026, 11, 27),
                        first_matched_at=NOW, matched_at=NOW))


def test_suppression_unique_per_address(engine):
    with session_scope(engine) as s:
        s.add(Suppression(email="a@example.se", reason="bounced", created_at=NOW))
    with pytest.raises(IntegrityError):
        with session_scope(engine) as s:
            s.add(Suppression(email="a@example.se", reason="unsubscribed", created_at=NOW))


def test_record_round_trip_keeps_every_field(engine):
    record = CallRecord(
        source="vinnova", id="2026-01234", url="https://www.vinnova.se/e/utlysning-2026-01230/titel-2026-01234/", title="Titel åäö",
        funder="Vinnova", summary="Kort.", text="Vem kan söka?\nSmå och medelstora företag.",
        opens="2026-11-01", deadline="2027-01-15T14:00:00", status="open", applicants=["sme"], regions=["se"],
        employees_min=None, employees_max=249, company_age_min=None, company_age_max=5,
        budget_sek=40_000_000, max_grant_sek=2_000_000, language="sv", deadline_raw="15 januari 2027 kl 14:00",
    )
    with session_scope(engine) as s:
        s.add(Call(**columns_from_record(record), first_seen=NOW, last_seen=NOW))
    with session_scope(engine) as s:
        back = record_from_row(s.scalars(select(Call)).one())
    assert back == record
    assert back.to_json()["deadline"] == "2027-01-15T14:00:00+01:00"
    assert back.regions == ["SE"]
    assert back.deadline_date == date(2027, 1, 15)


@pytest.mark.parametrize(
    "published, opens, deadline, on, expected",
    [
        ("open", None, "2027-01-15", date(2026, 11, 27), "open"),
        ("open", None, "2026-11-26", date(2026, 11, 27), "closed"),
        ("open", None, "2026-11-27", date(2026, 11, 27), "open"),  # the last day is still open
        ("open", None, None, date(2026, 11, 27), "rolling"),
        ("rolling", None, None, date(2026, 11, 27), "rolling"),
        ("upcoming", "2027-02-01", "2027-03-01", date(2026, 11, 27), "upcoming"),
        ("upcoming", "2027-02-01", "2027-03-01", date(2027, 2, 1), "open"),
        ("upcoming", None, None, date(2026, 11, 27), "upcoming"),
        ("closed", None, "2027-01-15", date(2026, 11, 27), "closed"),
    ],
)
def test_effective_status(published, opens, deadline, on, expected):
    record = CallRecord(source="s", id="1", url="https://example.se/u", title="t", status=published, opens=opens, deadline=deadline)
    assert effective_status(record, on).value == expected
