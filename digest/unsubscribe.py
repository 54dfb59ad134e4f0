"""Unsubscribing: signed one-click tokens for the https link, the mailto fallback, and
the suppression list that every sender consults.

A token is ``base64url(email).base64url(HMAC-SHA256(secret_key, email)[:16])``: the web
service (``web/public.py``) verifies it with :func:`verify_token` and calls
:func:`suppress`. It does not expire, on purpose: a reader must be able to stop mail from
any digest, however old, and the token can do nothing else. Staff handle mailto requests with ``hubb digest unsubscribe EMAIL``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from urllib.parse import quote

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from db.models import Suppression
from hubb.clock import utcnow

UNSUBSCRIBED, BOUNCED = "unsubscribed", "bounced"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _mac(email: str, key: str) -> bytes:
    return hmac.new(key.encode("utf-8"), email.lower().encode("utf-8"), hashlib.sha256).digest()[:16]


def make_token(email: str, key: str) -> str:
    return f"{_b64(email.lower().encode('utf-8'))}.{_b64(_mac(email, key))}"


def verify_token(token: str, key: str) -> str | None:
    """The address a token was made for, or None when it is forged or malformed."""
    try:
        head, sig = token.split(".", 1)
        email = _unb64(head).decode("utf-8")
        given = _unb64(sig)
    except (ValueError, UnicodeDecodeError):
        return None
    return email if hmac.compare_digest(given, _mac(email, key)) else None


def unsubscribe_links(email: str, settings) -> tuple[str | None, str]:
    """(https one-click URL or None, mailto URL) for ``email``.

    The https link needs both ``public_base_url`` and ``HUBB_SECRET_KEY``; without them
    only the mailto link is offered (one-click needs https, RFC 8058).
    """
    from email.utils import parseaddr

    sender = parseaddr(settings.sender)[1]
    mailto = f"mailto:{sender}?subject={quote('unsubscribe ' + email)}"
    from digest.links import public_base

    base = public_base(settings)  # https, or http on loopback for the demo
    if base:
        token = make_token(email, settings.secret_key.get_secret_value())
        return f"{base}/unsubscribe?token={token}", mailto
    return None, mailto


def suppress(session: Session, email: str, reason: str, detail: str | None = None) -> bool:
    """Add ``email`` to the suppression list; False when it was already there."""
    email = email.strip().lower()
    if session.scalar(select(Suppression.id).where(Suppression.email == email)) is not None:
        return False
    try:
        with session.begin_nested():
            session.add(Suppression(email=email, reason=reason, detail=detail, created_at=utcnow()))
    except IntegrityError:  # another process suppressed it meanwhile
        return False
    return True


def suppressed(session: Session) -> set[str]:
    return set(session.scalars(select(Suppression.email)))
