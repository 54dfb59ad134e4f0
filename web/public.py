"""Public pages, reached from a digest by signed links: no login, nothing changes on a GET.

* ``/unsubscribe?token=…`` — GET a confirmation page with one button; POST (the button, or a
  mail client's RFC 8058 one-click ``List-Unsubscribe=One-Click``) suppresses at once.
* ``/f/<token>?v=interested|not_fit`` — GET the choice with an optional comment; POST records.

A forged, altered or expired token gets a page saying so (status 400/410) and changes nothing.
"""

from __future__ import annotations

from flask import Blueprint, g, render_template, request

from db.models import Call
from digest.links import INTERESTED, NOT_FIT, read_feedback_token
from digest.unsubscribe import UNSUBSCRIBED, suppress, verify_token
from web.db import contact_of, db, profiles, settings
from web.i18n import words

bp = Blueprint("public", __name__)


def _language_of(email: str) -> str:
    by_id, _ = profiles()
    for p in by_id.values():
        c = contact_of(p, email)
        if c is not None:
            return getattr(c.language, "value", c.language)
    return "sv"


def _bad(reason: str, status: int = 400):
    t = words(g.lang)
    return render_template("message.html", t=t, heading=t["bad_title"], body=t[f"bad_{reason}"]), status


@bp.get("/favicon.ico")
def favicon():
    return "", 204


@bp.get("/healthz")
def healthz():
    return "ok\n", 200, {"Content-Type": "text/plain; charset=utf-8"}


@bp.route("/unsubscribe", methods=["GET", "POST"])
def unsubscribe():
    token = request.args.get("token", "")
    email = verify_token(token, settings().secret_key.get_secret_value()) if token else None
    if email is None:
        return _bad("invalid")
    g.lang = _language_of(email)
    t = words(g.lang)
    if request.method == "POST":
        s = db()
        suppress(s, email, UNSUBSCRIBED, "one-click" if request.form.get("List-Unsubscribe") == "One-Click"
                 else "confirmation page")
        s.commit()
        return render_template("message.html", t=t, heading=t["unsub_done_title"],
                               body=t["unsub_done"].format(email=email))
    return render_template("unsubscribe.html", t=t, email=email, token=token)


def _feedback_target(token: str):
    """(payload, profile, contact, call) or an error answer."""
    cfg = settings()
    data, reason = read_feedback_token(cfg.secret_key.get_secret_value(), token,
                                       cfg.web.link_max_age_days * 86400)
    if data is None:  # then reason is "expired" or "invalid", never None
        return None, _bad(reason or "invalid", 410 if reason == "expired" else 400)
    by_id, taxonomy = profiles()
    profile = by_id.get(data["p"])
    contact = contact_of(profile, data["e"]) if profile else None
    call = db().get(Call, data["c"])
    if profile is None or contact is None or call is None:
        return None, _bad("gone", 410)
    g.lang = getattr(contact.language, "value", contact.language)
    return (data, profile, contact, call, taxonomy), None


@bp.route("/f/<token>", methods=["GET", "POST"])
def feedback(token: str):
    target, error = _feedback_target(token)
    if error:
        return error
    _data, profile, contact, call, taxonomy = target
    t = words(g.lang)
    choice = request.form.get("choice") if request.method == "POST" else request.args.get("v")
    if choice not in (INTERESTED, NOT_FIT):
        choice = None
    if request.method == "GET" or choice is None:
        return render_template("feedback.html", t=t, call=call, company=profile.company, choice=choice,
                               deadline=_deadline(call, g.lang), missing=request.method == "POST"), (
            200 if request.method == "GET" else 400)
    from web import feedback as fb

    comment = (request.form.get("comment") or "").strip()[:2000]
    s = db()
    lead = fb.record(s, choice=choice, profile=profile, contact=contact, call=call, comment=comment)
    s.commit()
    if lead is not None and lead.notified_at is None:
        cfg = settings()
        base = (cfg.public_base_url or request.host_url).rstrip("/")
        message = fb.advisor_message(lead, call, fb.needs_served(s, profile, taxonomy, call.id), cfg,
                                     f"{base}/staff/leads")
        error = fb.notify_advisor(message, cfg)
        from hubb.clock import utcnow

        if error is None:
            lead.notified_at, lead.notify_error = utcnow(), None
        else:
            lead.notify_error = error
        s.commit()
    key = "interested" if choice == INTERESTED else "not_fit"
    return render_template("message.html", t=t, heading=t[f"fb_thanks_{key}_title"],
                           body=t[f"fb_thanks_{key}"].format(call=call.title, email=contact.email))


def _deadline(call: Call, language: str) -> str:
    from digest.select import parse_deadline
    from hubb.swedish.format import format_deadline

    d = parse_deadline(call.deadline)
    return format_deadline(d, language) if d else ("löpande" if language == "sv" else "rolling")
