"""The demo's ``outbox/index.html``: the page a staff member opens first — each company
with its digest (as sent), its matches with the matcher's reasons, and the gap report."""

from __future__ import annotations

from dataclasses import dataclass, field
from email import policy
from email.parser import BytesParser
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy import select
from sqlalchemy.orm import Session

from db.calls import effective_status
from db.models import Call, Match
from hubb.swedish.format import format_amount, format_deadline
from hubb.vocab import PRIORITY_LABELS

TEMPLATES = Path(__file__).resolve().parent / "templates"


@dataclass
class MatchView:
    rank: int
    score: float
    title: str
    funder: str
    url: str
    deadline: str
    status: str
    amount: str
    reasons: str
    worth_sending: bool


@dataclass
class CompanyView:
    profile_id: str
    company: str
    municipality: str
    size: str
    needs: list[str]
    digests: list[tuple[str, str]] = field(default_factory=list)  # (recipient, file name)
    matches: list[MatchView] = field(default_factory=list)


def _recipient(eml: Path) -> str:
    with eml.open("rb") as fh:
        return str(BytesParser(policy=policy.default).parse(fh, headersonly=True)["To"]).lower()


def companies(session: Session, profiles, taxonomy, digests: list[Path], on) -> list[CompanyView]:
    by_address: dict[str, list[Path]] = {}
    for eml in digests:
        by_address.setdefault(_recipient(eml), []).append(eml)
    views = []
    for p in profiles:
        view = CompanyView(p.id, p.company, p.municipality, p.size,
                           [f"{taxonomy[n.area].sv} ({PRIORITY_LABELS['sv'][n.priority]} prioritet): {n.text}" for n in p.needs])
        for contact in p.contacts:
            for eml in by_address.get(contact.email.lower(), []):
                view.digests.append((contact.email, eml.with_suffix(".html").name))
        rows = session.execute(select(Match, Call).join(Call, Match.call_id == Call.id)
                               .where(Match.profile_id == p.id).order_by(Match.rank)).all()
        for m, c in rows:
            view.matches.append(MatchView(
                m.rank, m.score, c.title, c.funder, c.url,
                format_deadline(c.deadline_date) if c.deadline_date else "löpande",
                effective_status(c, on).value, format_amount(c.max_grant_sek),
                " · ".join(m.reasons.get("sv", [])), m.worth_sending))
        views.append(view)
    return views


def write_index(session: Session, result, profiles, taxonomy, report, on) -> Path:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))
    html = env.get_template("index.html").render(
        companies=companies(session, profiles, taxonomy, result.digests, on),
        report=report, result=result, on=format_deadline(on),
        gaps=result.gaps.name, skipped=result.skipped_profiles,
    )
    result.index.write_text(html, encoding="utf-8")
    return result.index
