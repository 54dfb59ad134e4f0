"""Mail to the operator: a plain-text message to ``operator_email`` when something needs a
person (a failed harvest). A failure to send is logged, never raised: the run that wanted to
tell goes on."""

from __future__ import annotations

import logging
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr

from hubb.clock import now

log = logging.getLogger(__name__)


def notify_operator(settings, subject: str, body: str, transport=None) -> None:
    """A plain-text mail to ``operator_email``; a failure to send is logged, not raised."""
    from digest.send import PermanentFailure, TemporaryFailure, transport_from_settings

    msg = EmailMessage()
    msg["From"] = settings.sender
    msg["To"] = settings.operator_email
    msg["Subject"] = subject
    msg["Date"] = format_datetime(now())
    msg["Message-ID"] = make_msgid(domain=parseaddr(settings.sender)[1].rpartition("@")[2] or None)
    msg["Auto-Submitted"] = "auto-generated"
    msg.set_content(body)
    transport = transport or transport_from_settings(settings)
    try:
        from email.policy import SMTP

        transport.send(parseaddr(settings.sender)[1], settings.operator_email, msg.as_bytes(policy=SMTP))
    except (TemporaryFailure, PermanentFailure) as exc:
        log.error("could not e-mail the operator about %r: %s", subject, exc)
    finally:
        transport.close()
