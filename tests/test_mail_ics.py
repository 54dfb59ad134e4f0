"""The .ics of deadlines (RFC 5545), field by field: DTEND strictly after DTSTART (a
timed deadline is a half-hour event from the deadline, in UTC; a date is an all-day
event ending the next day), DTSTAMP in UTC, the required properties, CRLF lines of at
most 75 octets."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from icalendar import Calendar

from db.models import Call
from digest.message import calendar, event_times
from digest.select import Item, Selection

SEEN = datetime(2026, 11, 20, 6, 0, tzinfo=UTC)
LONG = "Förstudier för cirkulär och resurseffektiv tillverkning i små och medelstora företag i Örebro län"


def call(i: int, deadline: str | None, title: str = "Robotar i svetslinjen", url: str | None = None) -> Call:
    return Call(id=i, source="vinnova", external_id=f"2026-0{i}", title=title, funder="Vinnova",
                url=url or f"https://www.vinnova.se/e/utlysning-2026-90001/omgang-2026-0{i}/", deadline=deadline, last_seen=SEEN)


def ics(*calls: Call, language: str = "sv") -> bytes:
    return calendar(Selection(new=[Item("new", c) for c in calls]), language, "example.se")


@pytest.mark.parametrize("deadline, start, end", [
    (datetime(2027, 1, 15, 14, 0, tzinfo=timezone(timedelta(hours=1))),
     datetime(2027, 1, 15, 13, 0, tzinfo=UTC), datetime(2027, 1, 15, 13, 30, tzinfo=UTC)),
    (datetime(2027, 6, 15, 23, 59, tzinfo=timezone(timedelta(hours=2))),  # summer time
     datetime(2027, 6, 15, 21, 59, tzinfo=UTC), datetime(2027, 6, 15, 22, 29, tzinfo=UTC)),
    (date(2026, 12, 31), date(2026, 12, 31), date(2027, 1, 1)),  # across the year
    (date(2028, 2, 28), date(2028, 2, 28), date(2028, 2, 29)),  # leap day
])
def test_event_times_end_strictly_after_they_start(deadline, start, end):
    assert event_times(deadline) == (start, end)
    assert end > start


def test_every_field_of_the_calendar_and_its_events():
    data = ics(call(1, "2027-01-15T14:00:00+01:00"), call(2, "2026-12-10", title=LONG), call(3, None))
    text = data.decode("utf-8")
    # CRLF only, and no line longer than 75 octets (3.1)
    assert "\n" not in text.replace("\r\n", "")
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") and text.endswith("END:VCALENDAR\r\n")

    cal = Calendar.from_ical(data)
    assert (cal.name, str(cal["VERSION"]), str(cal["PRODID"]), str(cal["CALSCALE"]), str(cal["METHOD"])) == (
        "VCALENDAR", "2.0", "-//Industrihubb Orebro lan//bevakning//SV", "GREGORIAN", "PUBLISH")
    timed, allday = cal.walk("VEVENT")  # the call without a deadline has no event
    assert len(cal.subcomponents) == 2

    assert str(timed["UID"]) == "deadline-vinnova-2026-01@example.se"
    assert timed.decoded("DTSTAMP") == SEEN
    assert str(timed["SUMMARY"]) == "Sista dag: Robotar i svetslinjen"
    assert timed.decoded("DTSTART") == datetime(2027, 1, 15, 13, 0, tzinfo=UTC)
    assert timed.decoded("DTEND") == datetime(2027, 1, 15, 13, 30, tzinfo=UTC)
    assert str(timed["TRANSP"]) == "TRANSPARENT"
    assert str(timed["URL"]) == str(timed["DESCRIPTION"]) == "https://www.vinnova.se/e/utlysning-2026-90001/omgang-2026-01/"
    assert "DTSTART:20270115T130000Z\r\n" in text and "DTEND:20270115T133000Z\r\n" in text
    assert "DTSTAMP:20261120T060000Z\r\n" in text

    assert str(allday["UID"]) == "deadline-vinnova-2026-02@example.se"
    assert str(allday["SUMMARY"]) == f"Sista dag: {LONG}"  # folded on the wire, whole when read
    assert allday.decoded("DTSTART") == date(2026, 12, 10)
    assert allday.decoded("DTEND") == date(2026, 12, 11)
    assert "DTSTART;VALUE=DATE:20261210\r\n" in text and "DTEND;VALUE=DATE:20261211\r\n" in text

    for event in (timed, allday):
        assert event.decoded("DTEND") > event.decoded("DTSTART")
        assert type(event.decoded("DTEND")) is type(event.decoded("DTSTART"))  # 3.6.1: same value type
        assert {"UID", "DTSTAMP", "DTSTART", "DTEND"} <= set(event)  # required, DTEND xor DURATION
        assert "DURATION" not in event


def test_english_summary_and_one_event_per_call():
    c = call(1, "2027-01-15")
    cal = Calendar.from_ical(calendar(Selection(new=[Item("new", c)], closing_soon=[Item("closing_soon", c)]),
                                      "en", "example.se"))
    (event,) = cal.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Deadline: Robotar i svetslinjen"


def test_no_deadlines_no_calendar():
    assert ics(call(1, None)) is None
