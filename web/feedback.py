"""Recording what a company answered from a digest link, and telling the advisor.

"Intressant – hjälp oss att söka" → a judgement (interested) and a lead; the advisor gets
an e-mail at once. "Passar inte" → a judgement (not_fit): :mod:`digest.select` never shows
that call to the company again. Judgements are the matcher's labelled pairs.
"""

from __future__ import annotations

import logging
from email.message import EmailMessage
from email.utils import formataddr, make_msgid, parseaddr

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Call, Judgement, Lead, Match
from digest.links import INTERESTED, NOT_FIT
from hubb.clock import utcnow

log = logging.getLogger(__name__)


def needs_served(session: Session, profile, taxonomy, call_id: int) -> list[str]:
    """The company's needs this call serves (by the match's areas), as readable lines."""
    areas = session.scalar(select(Match.areas).where(Match.profile_id == profile.id, Match.call_id == call_id)) or []
    lines = []
    for need in profile.needs:
        if not areas or need.area in areas:
            label = taxonomy[need.area].label("sv") if need.area in taxonomy else need.area
            lines.append(f"{label}: {need.text}")
    return lines


def record(session: Session, *, choice: str, profile, contact, call: Call, comment: str) -> Lead | None:
    """Store the answer; the lead for an interest (an existing one when asked before)."""
    stamp = utcnow()
    session.add(Judgement(profile_id=profile.id, call_id=call.id, source="company", verdict=choice,
                          grade=None, author=contact.email.lower(), comment=comment, created_at=stamp))
    if choice != INTERESTED:
        return None
    lead = session.scalar(select(Lead).where(Lead.profile_id == profile.id, Lead.call_id == call.id,
                                             Lead.contact_email == contact.email.lower()))
    if lead is None:
        lead = Lead(profile_id=profile.id, call_id=call.id, company=profile.company, contact_name=contact.name,
                    contact_email=contact.email.lower(), comment=comment, created_at=stamp)
        session.add(lead)
    elif comment:
        lead.comment = "\n".join(x for x in (lead.comment, comment) if x)
        lead.handled_at = lead.handled_by = None  # asked again: open again
    session.flush()
    return lead


def advisor_message(lead: Lead, call: Call, needs: list[str], settings, leads_url: str | None) -> EmailMessage:
    from digest.select import parse_deadline
    from hubb.swedish.format import format_deadline

    deadline = parse_deadline(call.deadline)
    msg = EmailMessage()
    msg["From"] = settings.sender
    msg["To"] = settings.web.advisor_email or settings.centre.email
    msg["Reply-To"] = formataddr((lead.contact_name, lead.contact_email))
    msg["Subject"] = f"Intresseanmälan: {lead.company} – {call.title}"[:200]
    msg["Message-ID"] = make_msgid(domain=parseaddr(settings.sender)[1].rpartition("@")[2] or "localhost")
    msg["Auto-Submitted"] = "auto-generated"
    lines = [
        f"{lead.company} vill ha hjälp att söka en utlysning.",
        "",
        f"Företag:    {lead.company}",
        f"Kontakt:    {lead.contact_name} <{lead.contact_email}>",
        f"Utlysning:  {call.title}",
        f"Finansiär:  {call.funder}" if call.funder else None,
        f"Sista dag:  {format_deadline(deadline, 'sv') if deadline else 'löpande'}",
        f"Länk:       {call.url}",
        "",
        "Behov som utlysningen svarar mot:",
        *[f"  - {n}" for n in needs or ["(inga angivna)"]],
    ]
    if lead.comment:
        lines += ["", "Företagets kommentar:", lead.comment]
    if leads_url:
        lines += ["", f"Alla leads: {leads_url}"]
    msg.set_content("\n".join(x for x in lines if x is not None))
    return msg


def notify_advisor(message: EmailMessage, settings) -> str | None:
    """Send at once; the error text when the SMTP server did not take it (None: sent)."""
    from email import policy

    from digest.send import PermanentFailure, TemporaryFailure, transport_from_settings

    transport = transport_from_settings(settings)
    try:
        transport.send(parseaddr(settings.sender)[1], parseaddr(message["To"])[1],
                       message.as_bytes(policy=policy.SMTP))
    except (PermanentFailure, TemporaryFailure, ValueError) as exc:
        log.warning("advisor e-mail not sent: %s", exc)
        return str(exc)
    finally:
        transport.close()
    return None


__all__ = ["INTERESTED", "NOT_FIT", "record", "advisor_message", "notify_advisor", "needs_served"]
