"""What goes into a digest: new matches best first and capped, never a call twice,
"closing soon" reminded once, "changed" told once and saying what changed, nothing for
suppressed addresses, no e-mail when there is nothing new."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from db.models import Digest, SentItem
from digest.outbox import compose_one
from digest.render import Recipient
from digest.select import describe_changes, select_items
from digest.unsubscribe import UNSUBSCRIBED, suppress
from hubb.settings import get_settings
from tests.helpers.digest_data import add_call, add_match, add_version

ANNA = Recipient("Anna Andersson", "anna@example.se", "sv", "Exempel Verkstad AB", "exempel")


def compose_on(session, monkeypatch, day: str, recipient: Recipient = ANNA) -> str:
    monkeypatch.setenv("HUBB_NOW", f"{day}T07:00:00")
    return compose_one(session, recipient, date.fromisoformat(day), get_settings())


def told(session) -> list[tuple[str, str, int]]:
    rows = session.execute(
        select(SentItem.call_id, SentItem.kind, SentItem.revision).order_by(SentItem.id)).all()
    return [(str(c), k, r) for c, k, r in rows]


def test_new_calls_best_first_capped_open_only_and_never_twice(session, monkeypatch):
    calls = [add_call(session, f"2026-0{i}") for i in range(1, 6)]
    # ranks deliberately not in insertion order
    for rank, call in zip((3, 1, 2, 5, 4), calls, strict=True):
        add_match(session, "exempel", call, rank)
    closed = add_call(session, "closed", deadline="2026-11-01")
    add_match(session, "exempel", closed, 0)
    weak = add_call(session, "weak")
    add_match(session, "exempel", weak, 6, worth_sending=False)

    sel = select_items(session, "exempel", ANNA.email, date(2026, 11, 30), max_new=3)
    assert [i.call.external_id for i in sel.new] == ["2026-02", "2026-03", "2026-01"]
    assert [i.kind for i in sel.new] == ["new", "new", "new"]
    assert sel.closing_soon == [] and sel.changed == []

    monkeypatch.setenv("HUBB_DIGEST__MAX_NEW", "3")
    get_settings(fresh=True)
    assert compose_on(session, monkeypatch, "2026-11-30") == "composed"
    assert compose_on(session, monkeypatch, "2026-11-30") == "existing"
    # next week: the two not yet sent, nothing repeated
    sel = select_items(session, "exempel", ANNA.email, date(2026, 12, 7), max_new=3)
    assert [i.call.external_id for i in sel.new] == ["2026-05", "2026-04"]


def test_closing_soon_is_reminded_once_within_the_window(session, monkeypatch):
    soon = add_call(session, "soon", deadline="2026-12-10")
    later = add_call(session, "later", deadline="2027-02-01")
    add_match(session, "exempel", soon, 1)
    add_match(session, "exempel", later, 2)
    assert compose_on(session, monkeypatch, "2026-11-23") == "composed"  # 17 days left: just new

    sel = select_items(session, "exempel", ANNA.email, date(2026, 11, 30), closing_soon_days=14)
    assert [i.call.external_id for i in sel.closing_soon] == ["soon"]
    assert sel.new == [] and sel.changed == []
    assert compose_on(session, monkeypatch, "2026-11-30") == "composed"
    assert compose_on(session, monkeypatch, "2026-12-07") == "empty"
    assert told(session) == [(str(soon.id), "new", 0), (str(later.id), "new", 0),
                             (str(soon.id), "closing_soon", 0)]


def test_changed_call_says_what_changed_and_is_told_once(session, monkeypatch):
    call = add_call(session, "moved", deadline="2027-03-12")
    add_match(session, "exempel", call, 1)
    early = add_version(session, call, datetime(2026, 11, 1, tzinfo=UTC),
                        {"deadline": ["2027-02-01", "2027-03-12"]})  # before it was told: no news
    assert compose_on(session, monkeypatch, "2026-11-23") == "composed"
    add_version(session, call, datetime(2026, 11, 24, tzinfo=UTC), {"title": ["A", "B"]})
    moved = add_version(session, call, datetime(2026, 11, 25, tzinfo=UTC),
                        {"deadline": ["2027-03-12", "2027-03-26"]})
    call.deadline, call.deadline_date = "2027-03-26", date(2027, 3, 26)

    sel = select_items(session, "exempel", ANNA.email, date(2026, 11, 30))
    assert [(i.call.external_id, i.revisions, i.changes) for i in sel.changed] == [
        ("moved", [moved.id], ["Sista dag flyttad från 12 mars till 26 mars"])]
    assert compose_on(session, monkeypatch, "2026-11-30") == "composed"
    assert compose_on(session, monkeypatch, "2026-12-07") == "empty"
    assert (str(call.id), "changed", moved.id) in told(session)
    assert all(rev != early.id for _, _, rev in told(session))


@pytest.mark.parametrize("changes, language, expected", [
    ({"deadline": ["2027-03-12", "2027-03-26"]}, "en", ["Deadline moved from 12 March to 26 March"]),
    ({"deadline": ["2026-12-20", "2027-01-10T14:00:00+01:00"]}, "sv",
     ["Sista dag flyttad från 20 december 2026 till 10 januari 2027"]),
    ({"deadline": [None, "2027-01-10"]}, "sv", ["Sista dag satt till 10 januari 2027"]),
    ({"max_grant_sek": [1_000_000, 2_500_000]}, "sv", ["Högsta bidrag ändrad från 1 mkr till 2,5 mkr"]),
    ({"applicants": [["sme"], ["company"]], "employees_max": [49, 249]}, "sv",
     ["Villkoren för vem som får söka har ändrats"]),
    ({"title": ["A", "B"], "text": ["x", "y"]}, "sv", []),
])
def test_describe_changes(changes, language, expected):
    from db.models import CallVersion

    assert describe_changes([CallVersion(changes=changes)], language) == expected


def test_compose_due_skips_suppressed_and_empty_and_can_send_empty(engine, monkeypatch):
    from db.engine import session_scope
    from digest.outbox import compose_due
    from hubb.profiles import Profile
    from tests.helpers.digest_data import profile

    profiles = [
        Profile.model_validate({**profile("Exempel Verkstad AB", [("Anna A", "anna@example.se", "sv"),
                                                                   ("Carl C", "carl@example.se", "sv")]),
                                "id": "exempel"}),
        Profile.model_validate({**profile("Tomma AB", [("Bob B", "bob@example.se", "en")]), "id": "tomma"}),
    ]
    with session_scope(engine) as s:
        add_match(s, "exempel", add_call(s, "x"), 1)
        suppress(s, "Anna@Example.se", UNSUBSCRIBED)
    monkeypatch.setenv("HUBB_NOW", "2026-11-30T07:00:00")
    result = compose_due(engine, profiles, date(2026, 11, 30), get_settings())
    assert (result.composed, result.empty, result.suppressed, result.existing) == (1, 1, 1, 0)

    monkeypatch.setenv("HUBB_DIGEST__SEND_EMPTY", "true")
    result = compose_due(engine, profiles, date(2026, 11, 30), get_settings(fresh=True))
    assert (result.composed, result.empty, result.suppressed, result.existing) == (1, 0, 1, 1)
    with session_scope(engine) as s:
        rows = s.execute(select(Digest.recipient, Digest.period, Digest.subject, Digest.status)
                         .order_by(Digest.recipient)).all()
    assert rows == [
        ("bob@example.se", "2026-W49", "No new calls this week – week 49", "pending"),
        ("carl@example.se", "2026-W49", "1 ny utlysning för er – vecka 49", "pending"),
    ]
