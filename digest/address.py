"""Addresses as SMTP carries them (issue 14: ``anna@företag.se`` stopped every send).

* An internationalised **domain** is IDNA-encoded (UTS 46, the ``idna`` package):
  ``anna@företag.se`` travels as ``anna@xn--fretag-wxa.se`` in ``RCPT TO`` and in ``To:``,
  which every server understands; nothing else is needed.
* A non-ASCII **local part** (``åsa@example.se``) has no ASCII form: it can only go to a
  server that offers SMTPUTF8 (RFC 6531), with the address as UTF-8 in ``To:`` (RFC 6532).
  :attr:`SmtpAddress.utf8` says so; the sender checks the server's EHLO and fails that
  one message with a clear error when the extension is missing.
* An address that has no SMTP form at all (a domain IDNA refuses, a control character)
  raises :class:`AddressError`; the sender marks that message failed and goes on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import idna


class AddressError(ValueError):
    """The address cannot be written into an SMTP envelope."""


@dataclass(frozen=True)
class SmtpAddress:
    #: the address for MAIL FROM / RCPT TO and the ``To:`` header (domain in ASCII)
    address: str
    #: True when the local part is not ASCII: only a server with SMTPUTF8 can take it
    utf8: bool


def smtp_address(address: str) -> SmtpAddress:
    """The SMTP form of ``address``; :class:`AddressError` names the address and why."""
    local, at, domain = address.strip().rpartition("@")
    if not at or not local or not domain:
        raise AddressError(f"{address!r} is not an e-mail address")
    if any(ord(ch) < 32 or ord(ch) == 127 or ch.isspace() for ch in address.strip()):
        # a CR or LF here would let the address write SMTP commands or headers of its own
        raise AddressError(f"{address!r} contains a space or control character")
    if domain.isascii():
        ascii_domain = domain
    elif domain.startswith("["):
        raise AddressError(f"{address!r}: an address literal must be ASCII")
    else:
        try:
            ascii_domain = idna.encode(domain, uts46=True).decode("ascii")
        except (idna.IDNAError, UnicodeError) as exc:
            raise AddressError(f"{address!r}: the domain has no IDNA form ({exc})") from None
    return SmtpAddress(f"{local}@{ascii_domain}", utf8=not local.isascii())


def header_address(address: str) -> str:
    """The address for the ``To:`` header: its SMTP form, or as written when it has none
    (the sender then fails that message; composing must not stop on it)."""
    try:
        return smtp_address(address).address
    except AddressError:
        # never a line break into the header block
        return "".join(ch if ord(ch) >= 32 and ord(ch) != 127 else "?" for ch in address.strip())


#: a ``To:`` written as RFC 2047 words (with its folded lines) by versions before issue 14
_ENCODED_TO = re.compile(rb"^To: =\?[^\r\n]*\r\n(?:[ \t][^\r\n]*\r\n)*", re.MULTILINE)


def repair_to_header(data: bytes, recipient: str) -> bytes:
    """``data`` with an RFC 2047-encoded ``To:`` replaced by the address itself.

    Messages composed before the fix are stored with ``To: =?utf-8?b?…?=``, which leaves
    no address to show or reply to; they are still pending in a database that was running
    then. Everything else (the Message-ID too) stays as stored.
    """
    head, sep, body = data.partition(b"\r\n\r\n")
    if not head.startswith(b"To: =?") and b"\r\nTo: =?" not in head:
        return data
    fixed = _ENCODED_TO.sub(f"To: {header_address(recipient)}\r\n".encode(), head + b"\r\n", count=1)
    return fixed[:-2] + sep + body
