"""db.store: upsert on (source, id), versions for tracked changes, vanished calls on a
complete listing only, raw dates kept."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from db.models import Call, CallVersion, HarvestRun
from db.store import previous_item_count, store_run
from hubb.record import CallRecord

T0 = datetime(2026, 11, 27, 5, 30, tzinfo=UTC)
T1 = T0 + timedelta(days=1)
T2 = T0 + timedelta(days=2)


def rec(id_: str, **kw) -> CallRecord:
    data = dict(source="vinnova", id=id_, url=f"https://www.vinnova.se/e/utlysning-2026-90001/utlysning-{id_}/", title=f"Utlysning {id_}",
                text="Vem kan söka?\n\nSmå och medelstora företag.", deadline="2027-01-15T14:00:00",
                deadline_raw="2027-01-15T14:00:00", opens=date(2026, 11, 1), opens_raw="2026-11-01T00:00:00",
                applicants=["sme"], regions=["SE"])
    data.update(kw)
    return CallRecord.model_validate(data)


def run(session, records, *, complete=True, now=T0):
    r = HarvestRun(source="vinnova", started_at=now, finished_at=now, status="ok", items=len(records))
    session.add(r)
    session.flush()
    counts = store_run(session, "vinnova", records, complete=complete, run=r, now=now)
    session.flush()
    return counts


def calls(session) -> dict[str, Call]:
    return {c.external_id: c for c in session.scalars(select(Call))}


def test_first_run_inserts_every_call_with_raw_and_parsed_dates(session):
    counts = run(session, [rec("2026-00001"), rec("2026-00002", deadline=None, deadline_raw=None, status="rolling")])
    assert counts.as_dict() == {"new": 2, "changed": 0, "unchanged": 0, "vanished": 0}
    c = calls(session)["2026-00001"]
    assert c.deadline == "2027-01-15T14:00:00+01:00"
    assert c.deadline_date == date(2027, 1, 15)
    assert c.deadline_raw == "2027-01-15T14:00:00"
    assert c.opens == date(2026, 11, 1)
    assert c.opens_raw == "2026-11-01T00:00:00"
    assert c.first_seen == T0 and c.last_seen == T0
    assert c.changed_at is None and c.vanished_at is None
    assert calls(session)["2026-00002"].status == "rolling"


def test_unchanged_call_only_moves_last_seen(session):
    run(session, [rec("2026-00001")])
    counts = run(session, [rec("2026-00001")], now=T1)
    assert counts.as_dict() == {"new": 0, "changed": 0, "unchanged": 1, "vanished": 0}
    c = calls(session)["2026-00001"]
    assert (c.first_seen, c.last_seen, c.changed_at) == (T0, T1, None)
    assert session.scalars(select(CallVersion)).all() == []


def test_changed_deadline_writes_a_version_and_marks_the_call_changed(session):
    run(session, [rec("2026-00001")])
    counts = run(session, [rec("2026-00001", deadline="2027-02-01T14:00:00", deadline_raw="2027-02-01T14:00:00")],
                 now=T1)
    assert counts.as_dict() == {"new": 0, "changed": 1, "unchanged": 0, "vanished": 0}
    assert counts.ids["changed"] == ["2026-00001"]
    c = calls(session)["2026-00001"]
    assert c.changed_at == T1
    assert c.deadline_date == date(2027, 2, 1)
    (version,) = session.scalars(select(CallVersion)).all()
    assert version.changes == {"deadline": ["2027-01-15T14:00:00+01:00", "2027-02-01T14:00:00+01:00"]}
    assert version.previous["deadline_raw"] == "2027-01-15T14:00:00"
    assert version.seen_at == T1
    assert version.call_id == c.id


def test_title_text_and_conditions_are_tracked(session):
    run(session, [rec("2026-00001")])
    run(session, [rec("2026-00001", title="Ny titel", text="Ny text", applicants=["sme", "academia"],
                      max_grant_sek=2000000)], now=T1)
    (version,) = session.scalars(select(CallVersion)).all()
    assert version.changes == {
        "title": ["Utlysning 2026-00001", "Ny titel"],
        "text": ["Vem kan söka?\n\nSmå och medelstora företag.", "Ny text"],
        "applicants": [["sme"], ["sme", "academia"]],
        "max_grant_sek": [None, 2000000],
    }


def test_untracked_change_is_stored_without_a_version(session):
    run(session, [rec("2026-00001")])
    counts = run(session, [rec("2026-00001", summary="En ny ingress")], now=T1)
    assert counts.as_dict()["unchanged"] == 1
    c = calls(session)["2026-00001"]
    assert c.summary == "En ny ingress"
    assert c.changed_at is None
    assert session.scalars(select(CallVersion)).all() == []


def test_call_missing_from_a_complete_listing_vanishes_and_returns(session):
    run(session, [rec("2026-00001"), rec("2026-00002")])
    counts = run(session, [rec("2026-00001")], now=T1)
    assert counts.as_dict() == {"new": 0, "changed": 0, "unchanged": 1, "vanished": 1}
    assert calls(session)["2026-00002"].vanished_at == T1
    # still vanished: not counted twice
    assert run(session, [rec("2026-00001")], now=T2).vanished == 0
    counts = run(session, [rec("2026-00001"), rec("2026-00002")], now=T2)
    assert counts.ids["returned"] == ["2026-00002"]
    c = calls(session)["2026-00002"]
    assert c.vanished_at is None and c.last_seen == T2
    assert len(calls(session)) == 2  # never deleted


def test_incomplete_listing_marks_nothing_vanished(session):
    run(session, [rec("2026-00001"), rec("2026-00002")])
    counts = run(session, [rec("2026-00001")], complete=False, now=T1)
    assert counts.vanished == 0
    assert calls(session)["2026-00002"].vanished_at is None


def test_other_sources_are_untouched(session):
    run(session, [rec("2026-00001")])
    other = CallRecord(source="iuc", id="robotlyftet", url="https://iucindustrihubb.se/x/", title="Robotlyftet")
    r = HarvestRun(source="iuc", started_at=T0, status="ok")
    store_run(session, "iuc", [other], complete=True, run=r, now=T0)
    session.flush()
    assert calls(session)["2026-00001"].vanished_at is None


def test_previous_item_count_is_the_last_healthy_run(session):
    assert previous_item_count(session, "vinnova") is None
    session.add_all([
        HarvestRun(source="vinnova", started_at=T0, status="ok", items=40),
        HarvestRun(source="vinnova", started_at=T1, status="failed", items=0),
        HarvestRun(source="iuc", started_at=T1, status="ok", items=3),
    ])
    session.flush()
    assert previous_item_count(session, "vinnova") == 40


def test_known_field_that_arrives_blank_keeps_its_value_and_writes_no_version(session):
    run(session, [rec("2026-00001", summary="Ingress", employees_max=249)])
    counts = run(session, [rec("2026-00001", summary="", employees_max=None, applicants=[],
                               deadline=None, deadline_raw=None)], now=T1)
    assert counts.as_dict() == {"new": 0, "changed": 0, "unchanged": 1, "vanished": 0}
    c = calls(session)["2026-00001"]
    assert c.summary == "Ingress"
    assert c.employees_max == 249
    assert c.applicants == ["sme"]
    assert c.deadline_raw == "2027-01-15T14:00:00"
    assert c.changed_at is None
    assert session.scalars(select(CallVersion)).all() == []


def test_a_real_new_value_beside_a_blanked_field_is_the_only_change(session):
    run(session, [rec("2026-00001", employees_max=249)])
    run(session, [rec("2026-00001", employees_max=None, max_grant_sek=2000000)], now=T1)
    (version,) = session.scalars(select(CallVersion)).all()
    assert version.changes == {"max_grant_sek": [None, 2000000]}
    assert calls(session)["2026-00001"].employees_max == 249


def _run_listed(session, records, *, listed=(), unread=(), now=T1):
    r = HarvestRun(source="vinnova", started_at=now, finished_at=now, status="ok", items=len(records))
    session.add(r)
    session.flush()
    counts = store_run(session, "vinnova", records, complete=True, run=r, now=now, listed=listed, unread=unread)
    session.flush()
    return counts


def test_a_call_the_listing_still_links_never_vanishes_when_its_page_fails(session):
    """Issue 13: vanished means absent from a complete listing, nothing else."""
    run(session, [rec("2026-00001"), rec("2026-00002"), rec("2026-00003")])
    before = {k: (c.title, c.deadline, c.text, c.content_hash) for k, c in calls(session).items()}
    failed = "https://www.vinnova.se/e/utlysning-2026-90001/utlysning-2026-00002"  # no trailing slash: the same page
    counts = _run_listed(session, [rec("2026-00001"), rec("2026-00003")],
                         listed=[rec("2026-00001").url, failed, rec("2026-00003").url], unread=[failed])
    assert counts.as_dict() == {"new": 0, "changed": 0, "unchanged": 2, "vanished": 0}
    stored = calls(session)
    assert stored["2026-00002"].vanished_at is None
    assert stored["2026-00002"].last_seen == T0  # not seen, not touched
    assert {k: (c.title, c.deadline, c.text, c.content_hash) for k, c in stored.items()} == before


def test_an_unread_page_of_no_stored_call_stops_all_vanishing_that_run(session):
    run(session, [rec("2026-00001"), rec("2026-00002")])
    counts = _run_listed(session, [rec("2026-00001")], listed=[rec("2026-00001").url, "https://www.vinnova.se/moved/"],
                         unread=["https://www.vinnova.se/moved/"])
    assert counts.vanished == 0
    assert calls(session)["2026-00002"].vanished_at is None
    # the next complete run with every page read: the call is really gone
    counts = _run_listed(session, [rec("2026-00001")], listed=[rec("2026-00001").url], now=T2)
    assert counts.ids["vanished"] == ["2026-00002"]
    assert calls(session)["2026-00002"].vanished_at == T2


def test_a_stand_in_url_never_replaces_a_stored_one(session):
    """Issue 12: a round no listing page links this run (the listing failed, or the round left
    it) arrives with the listing as its url; the stored call keeps its own page, a new one
    gets the stand-in, and a real new link still replaces the stored one."""
    listing = "https://www.vinnova.se/sok-finansiering/hitta-finansiering/"
    run(session, [rec("2026-00001"), rec("2026-00002")])
    before = {k: (c.url, c.content_hash) for k, c in calls(session).items()}
    r = HarvestRun(source="vinnova", started_at=T1, finished_at=T1, status="ok", items=3)
    session.add(r)
    session.flush()
    counts = store_run(session, "vinnova", [rec("2026-00001", url=listing), rec("2026-00002"),
                                            rec("2026-00003", url=listing)],
                       complete=True, run=r, now=T1, stand_in=["2026-00001", "2026-00003"])
    session.flush()
    assert counts.as_dict() == {"new": 1, "changed": 0, "unchanged": 2, "vanished": 0}
    stored = calls(session)
    assert {k: (stored[k].url, stored[k].content_hash) for k in before} == before
    assert stored["2026-00003"].url == listing
    moved = "https://www.vinnova.se/e/utlysning-2026-90001/ny-sida-2026-00002/"
    run(session, [rec("2026-00002", url=moved)], complete=False, now=T2)
    assert calls(session)["2026-00002"].url == moved
