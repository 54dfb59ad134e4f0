"""The e-mail itself: a MIME message with text and HTML alternatives and an ``.ics`` file
of the deadlines, the unsubscribe headers, and a Message-ID that is the same every time
the same digest is built (recipient + period), so a re-sent copy is recognisable."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta, timezone
from email import charset as _charset
from email.encoders import encode_base64
from email.header import Header
from email.mime.base import MIMEBase
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.policy import compat32
from email.utils import formataddr, format_datetime, parseaddr

from digest.select import Selection, parse_deadline


#: base64 parts: short lines whatever the content, and encoded in C (quoted-printable
#: is pure Python and cost a millisecond a message)
_UTF8 = _charset.Charset("utf-8")
_UTF8.body_encoding = _charset.BASE64
_POLICY = compat32.clone(linesep="\r\n")


def message_id(recipient: str, period: str, sender: str) -> str:
    digest = hashlib.sha256(f"{recipient.lower()}|{period}".encode("utf-8")).hexdigest()[:24]
    domain = parseaddr(sender)[1].rpartition("@")[2] or "localhost"
    return f"<digest.{period}.{digest}@{domain}>"


#: VEVENT bytes per call and language: the same event goes into many digests of a run
_EVENTS: dict[tuple, bytes] = {}


def _event(call, language: str, domain: str) -> bytes | None:
    from icalendar import Event

    from digest.labels import LABELS

    key = (call.source, call.external_id, call.deadline, call.title, call.url, language, domain)
    cached = _EVENTS.get(key)
    if cached is not None:
        return cached
    deadline = parse_deadline(call.deadline)
    if deadline is None:
        return None
    event = Event()
    event.add("uid", f"deadline-{call.source}-{call.external_id}@{domain}")
    # when we last saw the call's facts: stable across the digests of one run
    event.add("dtstamp", call.last_seen)
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
    if len(_EVENTS) > 20_000:
        _EVENTS.clear()
    _EVENTS[key] = data = event.to_ical()
    return data


def calendar(selection: Selection, language: str, domain: str) -> bytes | None:
    """An iCalendar file with one event per call deadline in the digest (None if no deadlines)."""
    events, seen = [], set()
    for item in selection.items:
        if item.call.id in seen:
            continue
        seen.add(item.call.id)
        data = _event(item.call, language, domain)
        if data:
            events.append(data)
    if not events:
        return None
    return (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Industrihubb Orebro lan//bevakning//SV\r\n"
            b"METHOD:PUBLISH\r\n" + b"".join(events) + b"END:VCALENDAR\r\n")


def build_message(*, sender: str, recipient: str, subject: str, text: str, html: str,
                  msg_id: str, date_: datetime, unsubscribe_https: str | None, unsubscribe_mailto: str,
                  ics: bytes | None = None) -> bytes:
    """The message as sent, CRLF line ends (smtplib sends bytes unchanged).

    Built with the ``email.mime`` classes and the compat32 policy: the modern header
    registry parses every header it is given and cost more than the rendering itself.
    """
    # fixed boundaries: base64 lines cannot contain "-" or "_", and the generator then
    # skips scanning the whole body for a collision (a fifth of the building time)
    tag = hashlib.sha1(msg_id.encode("utf-8")).hexdigest()[:16]
    alternative = MIMEMultipart("alternative", boundary=f"--_alt_{tag}")
    alternative.attach(MIMEText(text, "plain", _UTF8))
    alternative.attach(MIMEText(html, "html", _UTF8))
    if ics:
        msg = MIMEMultipart("mixed", boundary=f"--_mix_{tag}")
        msg.attach(alternative)
        part = MIMEBase("text", "calendar", method="PUBLISH", charset="utf-8")
        part.set_payload(ics)
        encode_base64(part)
        part.add_header("Content-Disposition", "attachment", filename="sista-dagar.ics")
        msg.attach(part)
    else:
        msg = alternative
    name, address = parseaddr(sender)
    msg["From"] = formataddr((name, address), charset="utf-8")
    msg["To"] = recipient
    msg["Subject"] = Header(subject, "utf-8")
    msg["Date"] = format_datetime(date_)
    msg["Message-ID"] = msg_id
    links = [f"<{unsubscribe_mailto}>"]
    if unsubscribe_https:
        links.insert(0, f"<{unsubscribe_https}>")
        # RFC 8058 one-click: only with an https link
        msg["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    msg["List-Unsubscribe"] = ", ".join(links)
    msg["Auto-Submitted"] = "auto-generated"
    return msg.as_bytes(policy=_POLICY)
