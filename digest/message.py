"""The e-mail itself: a MIME message with text and HTML alternatives and an ``.ics`` file
of the deadlines, the unsubscribe headers, and a Message-ID that is the same every time
the same digest is built (recipient + period), so a re-sent copy is recognisable."""

from __future__ import annotations

import base64
import hashlib
from datetime import UTC, date, datetime, timedelta
from email.header import Header
from email.utils import format_datetime, formataddr, parseaddr

from digest.address import header_address
from digest.select import Selection, parse_deadline


def message_id(recipient: str, period: str, sender: str) -> str:
    digest = hashlib.sha256(f"{recipient.lower()}|{period}".encode()).hexdigest()[:24]
    # a Message-ID is ASCII: an internationalised sender domain in its IDNA form
    domain = header_address(parseaddr(sender)[1]).rpartition("@")[2] or "localhost"
    return f"<digest.{period}.{digest}@{domain}>"


#: VEVENT bytes per call and language: the same event goes into many digests of a run
_EVENTS: dict[tuple, bytes] = {}

#: how long an event with a time lasts. RFC 5545 (3.6.1) wants DTEND later than DTSTART
#: (DTEND equal to DTSTART broke the spec, issue 14); the event starts at the deadline, so
#: a calendar shows "14:00–14:30 Sista dag: …" and the start time is the deadline.
TIMED_EVENT = timedelta(minutes=30)


def event_times(deadline: date | datetime) -> tuple[date | datetime, date | datetime]:
    """DTSTART and DTEND of a deadline's event: an aware time → that instant in UTC and
    half an hour later; a date → an all-day event, DTEND the next day (DTEND is
    exclusive, 3.6.1)."""
    if isinstance(deadline, datetime):
        # UTC needs no VTIMEZONE block, which some calendar apps mishandle
        start = deadline.astimezone(UTC)
        return start, start + TIMED_EVENT
    return deadline, deadline + timedelta(days=1)


def _event(call, language: str, domain: str) -> bytes | None:
    from icalendar import Event

    from digest.labels import LABELS
    from digest.links import safe_href

    key = (call.source, call.external_id, call.deadline, call.title, call.url, language, domain)
    cached = _EVENTS.get(key)
    if cached is not None:
        return cached
    deadline = parse_deadline(call.deadline)
    if deadline is None:
        return None
    start, end = event_times(deadline)
    event = Event()
    event.add("uid", f"deadline-{call.source}-{call.external_id}@{domain}")
    # when we last saw the call's facts: stable across the digests of one run; UTC (3.8.7.2)
    event.add("dtstamp", call.last_seen.astimezone(UTC))
    event.add("summary", LABELS[language]["ics_summary"].format(title=call.title))
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("transp", "TRANSPARENT")  # a deadline does not make anyone busy
    href = safe_href(call.url)
    if href:  # a stored javascript: or data: URL never reaches a calendar either
        event.add("url", href)
        event.add("description", href)
    if len(_EVENTS) > 20_000:
        _EVENTS.clear()
    _EVENTS[key] = data = event.to_ical()
    return data


def calendar(selection: Selection, language: str, domain: str) -> bytes | None:
    """An iCalendar file (RFC 5545) with one event per call deadline in the digest (None if
    no deadlines). The events are cached as bytes; the envelope is written here."""
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
            b"CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n" + b"".join(events) + b"END:VCALENDAR\r\n")


def _b64(data: bytes) -> bytes:
    return base64.encodebytes(data).replace(b"\n", b"\r\n")  # 76-character lines


def _from(name: str, address: str) -> str:
    """``Name <address>``, the name RFC 2047-encoded when needed; an address that is not
    ASCII (a UTF-8 local part, RFC 6532) as it is: formataddr refuses it."""
    if address.isascii():
        return formataddr((name, address), charset="utf-8")
    return f"{Header(name, 'utf-8').encode()} <{address}>" if name else address


def _header(name: str, value: str) -> str:
    """``Name: value``, RFC 2047-encoded and folded when it is not plain short ASCII."""
    if value.isascii() and len(value) + len(name) < 76:
        return f"{name}: {value}\r\n"
    return Header(value, "utf-8", header_name=name).encode(linesep="\r\n").join([f"{name}: ", "\r\n"])


def build_message(*, sender: str, recipient: str, subject: str, text: str, html: str,
                  msg_id: str, date_: datetime, unsubscribe_https: str | None, unsubscribe_mailto: str,
                  ics: bytes | None = None) -> bytes:
    """The message as sent (RFC 5322, CRLF line ends: smtplib sends bytes unchanged).

    multipart/mixed [multipart/alternative [text/plain, text/html], text/calendar], all
    parts base64. Written out directly rather than through ``email.generator``: the
    generator's header folding and per-line writing took longer than rendering the digest.
    Tests parse every message back with the standard library's parser.
    """
    tag = hashlib.sha1(msg_id.encode("utf-8")).hexdigest()[:16]
    # base64 lines never contain "-" or "_", so these cannot occur inside a part
    alt, mix = f"--_alt_{tag}", f"--_mix_{tag}"
    name, address = parseaddr(sender)
    address = header_address(address)  # an IDN sender domain in ASCII, as in MAIL FROM
    links = [f"<{unsubscribe_mailto}>"]
    head = [
        f"From: {_from(name, address)}\r\n",
        # the address itself, never an RFC 2047 word (that leaves no address to reply to):
        # domain in IDNA form, a non-ASCII local part as UTF-8 (RFC 6532, sent with SMTPUTF8)
        f"To: {header_address(recipient)}\r\n",
        _header("Subject", subject),
        f"Date: {format_datetime(date_)}\r\n",
        f"Message-ID: {msg_id}\r\n",
    ]
    if unsubscribe_https:
        links.insert(0, f"<{unsubscribe_https}>")
        # RFC 8058 one-click: only with an https link
        head.append("List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n")
    head.append("List-Unsubscribe: " + ",\r\n ".join(links) + "\r\n")
    head.append("Auto-Submitted: auto-generated\r\nMIME-Version: 1.0\r\n")
    alternative = (
        f'Content-Type: multipart/alternative; boundary="{alt}"\r\n\r\n'
        f"--{alt}\r\nContent-Type: text/plain; charset=\"utf-8\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
    ).encode("ascii") + _b64(text.encode("utf-8")) + (
        f"--{alt}\r\nContent-Type: text/html; charset=\"utf-8\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
    ).encode("ascii") + _b64(html.encode("utf-8")) + f"--{alt}--\r\n".encode("ascii")
    if not ics:
        return "".join(head).encode("utf-8") + alternative
    return "".join(head).encode("utf-8") + (
        f'Content-Type: multipart/mixed; boundary="{mix}"\r\n\r\n--{mix}\r\n'
    ).encode("ascii") + alternative + (
        f'--{mix}\r\nContent-Type: text/calendar; charset="utf-8"; method=PUBLISH\r\n'
        f"Content-Transfer-Encoding: base64\r\n"
        f'Content-Disposition: attachment; filename="sista-dagar.ics"\r\n\r\n'
    ).encode("ascii") + _b64(ics) + f"--{mix}--\r\n".encode("ascii")
