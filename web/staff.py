"""Staff pages (login required): leads, companies and their matches (hold, grade,
preview), approval of the week's digests, calls and sources, the gap report.

Staff read Swedish: these pages are in Swedish only. Every form carries a CSRF token
(checked in :mod:`web.app`), every page answers a redirect to the login without a session.
"""

from __future__ import annotations

import re
from email import policy
from email.parser import BytesParser

from flask import Blueprint, abort, flash, g, redirect, render_template, request, session, url_for
from sqlalchemy import delete, func, select

from db.models import (
    BatchApproval,
    Call,
    Digest,
    HarvestRun,
    Hold,
    Judgement,
    Lead,
    Match,
    SentItem,
    StaffUser,
)
from hubb.clock import today, utcnow
from web import auth
from web.db import db, profiles, settings

bp = Blueprint("staff", __name__)


def html_part(data: bytes) -> str:
    message = BytesParser(policy=policy.default).parsebytes(data)
    body = message.get_body(preferencelist=("html",))
    return body.get_content() if body is not None else ""


def _me() -> str:
    return g.staff_user.email


# --- login -------------------------------------------------------------------------------

@bp.route("/login", methods=["GET", "POST"])
def login():
    target = request.values.get("next") or ""
    if not target.startswith("/staff/") or target.startswith("//"):
        target = url_for("staff.leads")  # never an open redirect
    if request.method == "GET":
        return render_template("staff/login.html", next=target, error=None)
    email = (request.form.get("email") or "").strip().lower()[:320]
    password = request.form.get("password") or ""
    s = db()
    keys = [f"email:{email}", f"ip:{request.remote_addr}"]
    if auth.too_many_failures(s, keys, settings()):
        return render_template("staff/login.html", next=target,
                               error="För många misslyckade inloggningar. Vänta en stund och försök igen."), 429
    user = auth.check_password(s, email, password)
    if user is None:
        auth.record_failure(s, keys)
        s.commit()
        return render_template("staff/login.html", next=target, error="Fel e-postadress eller lösenord."), 401
    auth.clear_failures(s, keys[0])
    user.last_login_at = utcnow()
    s.commit()
    session.clear()  # a fresh session: nothing from before the login survives
    session.permanent = True
    session["staff"] = user.email
    return redirect(target)


@bp.post("/logout")
def logout():
    session.clear()
    return redirect(url_for("staff.login"))


@bp.get("/")
def home():
    return redirect(url_for("staff.leads"))


# --- leads -------------------------------------------------------------------------------

@bp.get("/leads")
def leads():
    s = db()
    by_id, taxonomy = profiles()
    rows = s.execute(select(Lead, Call).join(Call, Lead.call_id == Call.id).where(Lead.handled_at.is_(None))
                     .order_by(Call.deadline_date.is_(None), Call.deadline_date, Lead.created_at)).all()
    handled = s.execute(select(Lead, Call).join(Call, Lead.call_id == Call.id).where(Lead.handled_at.is_not(None))
                        .order_by(Lead.handled_at.desc()).limit(20)).all()
    from web.feedback import needs_served

    def view(lead, call):
        p = by_id.get(lead.profile_id)
        return {"lead": lead, "call": call, "deadline": _deadline(call),
                "needs": needs_served(s, p, taxonomy, call.id) if p else []}

    return render_template("staff/leads.html", open=[view(*r) for r in rows], handled=[view(*r) for r in handled])


@bp.post("/leads/<int:lead_id>/handled")
def lead_handled(lead_id: int):
    s = db()
    lead = s.get(Lead, lead_id) or abort(404)
    lead.handled_at, lead.handled_by = utcnow(), _me()
    s.commit()
    flash(f"{lead.company}: markerad som hanterad.")
    return redirect(url_for("staff.leads"))


# --- companies ---------------------------------------------------------------------------

@bp.get("/companies")
def companies():
    s = db()
    by_id, _ = profiles()
    sending = dict(s.execute(select(Match.profile_id, func.count()).where(Match.worth_sending)
                             .group_by(Match.profile_id)).all())
    held = dict(s.execute(select(Hold.profile_id, func.count()).group_by(Hold.profile_id)).all())
    not_fit = dict(s.execute(select(Judgement.profile_id, func.count()).where(Judgement.verdict == "not_fit")
                             .group_by(Judgement.profile_id)).all())
    rows = [{"profile": p, "sending": sending.get(pid, 0), "held": held.get(pid, 0), "not_fit": not_fit.get(pid, 0)}
            for pid, p in sorted(by_id.items(), key=lambda kv: kv[1].company.lower())]
    return render_template("staff/companies.html", rows=rows)


def _profile(profile_id: str):
    by_id, taxonomy = profiles()
    p = by_id.get(profile_id)
    if p is None:
        abort(404)
    return p, taxonomy


@bp.get("/companies/<profile_id>")
def company(profile_id: str):
    p, taxonomy = _profile(profile_id)
    s = db()
    matches = s.scalars(select(Match).where(Match.profile_id == p.id).order_by(Match.rank)).all()
    calls = {c.id: c for c in s.scalars(select(Call).where(Call.id.in_([m.call_id for m in matches])))}
    holds = set(s.scalars(select(Hold.call_id).where(Hold.profile_id == p.id)))
    judgements: dict[int, list[Judgement]] = {}
    for j in s.scalars(select(Judgement).where(Judgement.profile_id == p.id).order_by(Judgement.created_at)):
        judgements.setdefault(j.call_id, []).append(j)
    rows = []
    for m in matches:
        js = judgements.get(m.call_id, [])
        grades = [j.grade for j in js if j.verdict == "grade"]
        rows.append({"m": m, "call": calls[m.call_id], "deadline": _deadline(calls[m.call_id]),
                     "held": m.call_id in holds, "judgements": [j for j in js if j.verdict != "grade"],
                     "grade": grades[-1] if grades else None,
                     "reasons": (m.reasons or {}).get("sv") or []})
    areas = {n.area: (taxonomy[n.area].label("sv") if n.area in taxonomy else n.area) for n in p.needs}
    return render_template("staff/company.html", p=p, rows=rows, areas=areas)


def _drop_pending(s, profile_id: str) -> int:
    """Unsent digests of the company: composed again, without what changed, by the next
    ``hubb digest send`` (their sent-items go too: nothing of them was told)."""
    ids = list(s.scalars(select(Digest.id).where(Digest.profile_id == profile_id, Digest.status == "pending")))
    if ids:
        s.execute(delete(SentItem).where(SentItem.digest_id.in_(ids)))
        s.execute(delete(Digest).where(Digest.id.in_(ids)))
    return len(ids)


@bp.post("/companies/<profile_id>/calls/<int:call_id>/hold")
def hold(profile_id: str, call_id: int):
    p, _ = _profile(profile_id)
    s = db()
    s.get(Call, call_id) or abort(404)
    existing = s.scalar(select(Hold).where(Hold.profile_id == p.id, Hold.call_id == call_id))
    if request.form.get("action") == "release":
        if existing is not None:
            s.delete(existing)
        flash("Matchningen släppt: den kan skickas igen.")
    elif existing is None:
        s.add(Hold(profile_id=p.id, call_id=call_id, held_by=_me(), created_at=utcnow()))
        flash("Matchningen hålls inne: den skickas inte.")
    dropped = _drop_pending(s, p.id)
    s.commit()
    if dropped:
        flash(f"{dropped} ej skickat utskick görs om vid nästa utskick.")
    return redirect(url_for("staff.company", profile_id=p.id) + f"#call-{call_id}")


@bp.post("/companies/<profile_id>/calls/<int:call_id>/grade")
def grade(profile_id: str, call_id: int):
    p, _ = _profile(profile_id)
    s = db()
    s.get(Call, call_id) or abort(404)
    value = request.form.get("grade", "")
    if value not in ("0", "1", "2", "3"):
        flash("Betyget ska vara 0–3.")
        return redirect(url_for("staff.company", profile_id=p.id)), 303
    s.add(Judgement(profile_id=p.id, call_id=call_id, source="staff", verdict="grade", grade=int(value),
                    author=_me(), comment=(request.form.get("comment") or "").strip()[:2000],
                    created_at=utcnow()))
    s.commit()
    flash(f"Betyg {value} sparat.")
    return redirect(url_for("staff.company", profile_id=p.id) + f"#call-{call_id}")


def _sandboxed(html: str):
    # a digest carries scraped text: shown with scripts, forms and plugins switched off
    return html, 200, {"Content-Type": "text/html; charset=utf-8",
                       "Content-Security-Policy": "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src https: data:"}


@bp.get("/companies/<profile_id>/preview")
def preview(profile_id: str):
    """The company's next digest exactly as it will be sent: the pending message when one
    is composed, else the message the next send would compose today (nothing is stored)."""
    from digest.outbox import build_message_for, recipients_of, selection_for

    p, _ = _profile(profile_id)
    recipients = recipients_of([p])
    wanted = (request.args.get("contact") or "").lower()
    r = next((x for x in recipients if x.email == wanted), recipients[0] if recipients else None)
    if r is None:
        abort(404)
    s = db()
    pending = s.scalar(select(Digest.message).where(Digest.recipient == r.email, Digest.profile_id == p.id,
                                                    Digest.status.in_(("pending", "sending")))
                       .order_by(Digest.id.desc()).limit(1))
    if pending is None:
        selection = selection_for(s, r, today(), settings())
        _subject, _id, pending = build_message_for(selection, r, today(), settings())
        s.rollback()
    return _sandboxed(html_part(pending))


@bp.get("/digests/<int:digest_id>")
def digest_view(digest_id: int):
    d = db().get(Digest, digest_id) or abort(404)
    return _sandboxed(html_part(d.message))


# --- before sending ----------------------------------------------------------------------

@bp.get("/approval")
def approval():
    from digest.outbox import period_of

    s = db()
    by_id, _ = profiles()
    current = period_of(today())
    periods = sorted(set(s.scalars(select(Digest.period).where(Digest.status.in_(("pending", "sending")))))
                     | {current}, reverse=True)
    counts = dict(s.execute(select(SentItem.digest_id, func.count()).group_by(SentItem.digest_id)).all())
    batches = []
    for period in periods:
        digests = s.scalars(select(Digest).where(Digest.period == period).order_by(Digest.profile_id, Digest.recipient)).all()
        batches.append({
            "period": period,
            "approval": s.scalar(select(BatchApproval).where(BatchApproval.period == period)),
            "digests": [{"d": d, "company": by_id[d.profile_id].company if d.profile_id in by_id else d.profile_id,
                         "items": counts.get(d.id, 0)} for d in digests],
            "pending": sum(1 for d in digests if d.status in ("pending", "sending")),
        })
    return render_template("staff/approval.html", batches=batches, required=settings().digest.require_approval)


@bp.post("/approval/<period>")
def approve(period: str):
    if not re.fullmatch(r"\d{4}-W\d{2}", period):
        abort(404)
    s = db()
    if s.scalar(select(BatchApproval).where(BatchApproval.period == period)) is None:
        s.add(BatchApproval(period=period, approved_by=_me(), approved_at=utcnow()))
        s.commit()
    flash(f"Vecka {period} godkänd: nästa körning av hubb digest send skickar den.")
    return redirect(url_for("staff.approval"))


# --- calls, sources, gaps ----------------------------------------------------------------

@bp.get("/calls")
def calls():
    s = db()
    counts = s.execute(select(Call.source, Call.status, func.count()).group_by(Call.source, Call.status)
                       .order_by(Call.source, Call.status)).all()
    source, status = request.args.get("source") or None, request.args.get("status") or None
    stmt = select(Call).order_by(Call.deadline_date.is_(None), Call.deadline_date, Call.id).limit(300)
    if source:
        stmt = stmt.where(Call.source == source)
    if status:
        stmt = stmt.where(Call.status == status)
    rows = [{"call": c, "deadline": _deadline(c)} for c in s.scalars(stmt)]
    return render_template("staff/calls.html", counts=counts, rows=rows, source=source, status=status)


@bp.get("/sources")
def sources():
    from reports.sources import source_health

    try:
        from scrapers.sources import load_sources

        configured = [name for name, src in load_sources().items() if src.enabled]
    except Exception:  # a broken sources.yaml must not hide the health page
        configured = []
    health = source_health(db(), utcnow(), runs=5, configured=configured)
    return render_template("staff/sources.html", health=health)


@bp.get("/gaps")
def gaps():
    from reports.build import build_gap_report
    from reports.render import render_html

    by_id, taxonomy = profiles()
    report = build_gap_report(db(), list(by_id.values()), taxonomy, today())
    # the report is a page of its own with inline styles and SVG charts; a way back on top
    back = (f'<p style="margin:0;padding:10px 16px;background:#0b4f6c;font:15px system-ui,sans-serif">'
            f'<a style="color:#fff" href="{url_for("staff.leads")}">← Personalsidorna</a></p>')
    html = render_html(report).replace("<body>", "<body>" + back, 1)
    return html, 200, {
        "Content-Type": "text/html; charset=utf-8",
        "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'"}


def _deadline(call: Call) -> str:
    from digest.select import parse_deadline
    from hubb.swedish.format import format_deadline

    d = parse_deadline(call.deadline)
    return format_deadline(d, "sv") if d else "löpande"


__all__ = ["bp", "StaffUser", "HarvestRun"]
