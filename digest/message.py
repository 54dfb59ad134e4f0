"""The e-mail itself: a MIME message with text and HTML alternatives and an ``.ics`` file
of the deadlines, the unsubscribe headers, and a Message-ID that is the same every time
the same digest is built (recipient + period), so a re-sent copy is recognisable."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr

from digest.select import Selection, parse_deadline


def message_id(recipient: str, period: str, sender: str) -> str:
    digest = hashlib.sha256(f"{recipient.lower()}|{period}".encode("utf-8")).hexdigest()[:24]
    domain = parseaddr(sender)[1].rpartition("@")[2] or "localhost"
    return f"<digest.{period}.{digest}@{domain}>"


def calendar(selection: Selection, language: str, domain: str, stamp: datetime) -> bytes | None:
    """An iCalendar file with one event per call deadline in the digest (None if no deadlines)."""
    from icalendar import Calendar, Event

    from digest.labels import LABELS

    cal = Calendar()
    cal.add("prodid", "-//Industrihubb Orebro lan//bevakning//SV")
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    seen = set()
    for item in selection.items:
        call = item.call
        deadline = parse_deadline(call.deadline)
        if deadline is None or call.id in seen:
            continue
        seen.add(call.id)
        event = Event()
        event.add("uid", f"deadline-{call.source}-{call.external_id}@{domain}")
        event.add("dtstamp", stamp)
        event.add("summary", LABELS[language]["ics_summary"].format(title=call.title))
        if isinstance(deadline, datetime):
            # UTC needs no VTIMEZONE block, which some calendar apps mishandle
            event.add("dtstart", deadline.astimezone(timezone.utc))
            event.add("dtend", deadline.astimezone(timezone.utc))
        else:
            event.add("dtstart", deadline)
            event.add("dtend", deadline + timedelta(days=1))
        event.add("url", call.url)
        event.add("description", call.url)
        cal.add_component(event)
    return cal.to_ical() if seen else None


def build_message(*, sender: str, recipient: str, subject: str, text: str, html: str,
                  msg_id: str, date_: datetime, unsubscribe_https: str | None, unsubscribe_mailto: str,
                  ics: bytes | None = None) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = recipient
    msg["Subject"] = subject
    msg["Date"] = format_datetime(date_)
    msg["Message-ID"] = msg_id
    links = [f"<{unsubscribe_mailto}>"]
    if unsubscribe_https:
        links.insert(0, f"<{unsubscribe_https}>")
        # RFC 8058 one-click: only with an https link
        msg["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    msg["List-Unsubscribe"] = ", ".join(links)
    msg["Auto-Submitted"] = "auto-generated"
    msg.set_content(text, subtype="plain", charset="utf-8")
    msg.add_alternative(html, subtype="html", charset="utf-8")
    if ics:
        msg.add_attachment(ics, maintype="text", subtype="calendar", filename="sista-dagar.ics",
                           params={"method": "PUBLISH"})
    return msg
