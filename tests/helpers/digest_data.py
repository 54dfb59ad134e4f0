"""Builders for digest tests: a config folder of their own (settings, taxonomy and the
given profiles), calls and matches written straight to the database."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import yaml

from db.models import Call, CallVersion, Match

ROOT = Path(__file__).resolve().parents[2]
T0 = datetime(2026, 11, 20, 6, 0, tzinfo=UTC)


def profile(company: str, contacts: list[tuple[str, str, str]], area: str = "automation") -> dict:
    return {
        "company": company, "municipality": "Örebro", "sni": ["25.620"], "size": "small",
        "contacts": [{"name": n, "email": e, "language": lang} for n, e, lang in contacts],
        "needs": [{"area": area, "text": "Vill automatisera svetsningen.", "priority": "high"}],
    }


def write_config(tmp_path: Path, profiles: dict[str, dict], settings: dict | None = None) -> Path:
    """A config folder with the project's taxonomy and settings (``settings`` merged in)."""
    cfg = tmp_path / "config"
    (cfg / "profiles").mkdir(parents=True)
    shutil.copy(ROOT / "config" / "taxonomy.yaml", cfg / "taxonomy.yaml")
    data = yaml.safe_load((ROOT / "config" / "settings.yaml").read_text(encoding="utf-8"))
    for key, value in (settings or {}).items():
        if isinstance(value, dict):
            data.setdefault(key, {}).update(value)
        else:
            data[key] = value
    (cfg / "settings.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    for pid, body in profiles.items():
        (cfg / "profiles" / f"{pid}.yaml").write_text(yaml.safe_dump(body, allow_unicode=True), encoding="utf-8")
    return cfg


def add_call(session, ext_id: str, *, title: str | None = None, deadline: str | None = "2027-01-15T14:00:00+01:00",
             funder: str = "Vinnova", **extra) -> Call:
    deadline_date = None
    if deadline:
        deadline_date = date.fromisoformat(deadline[:10])
    call = Call(
        source="vinnova", external_id=ext_id, url=f"https://www.vinnova.se/e/utlysning-2026-90001/innovationsprojekt-{ext_id}/",
        title=title or f"Utlysning {ext_id}", funder=funder, status="open", content_hash=ext_id,
        first_seen=T0, last_seen=T0, deadline=deadline, deadline_date=deadline_date,
        applicants=extra.pop("applicants", ["sme"]), **extra,
    )
    session.add(call)
    session.flush()
    return call


def add_match(session, profile_id: str, call: Call, rank: int, *, worth_sending: bool = True,
              reasons: dict | None = None) -> Match:
    m = Match(
        profile_id=profile_id, call_id=call.id, score=round(1 - rank / 100, 2), rank=rank,
        areas=["automation"], worth_sending=worth_sending, as_of=date(2026, 11, 30),
        reasons=reasons or {"sv": ["Automation och robotik", "för små företag"],
                            "en": ["Automation and robotics", "for small companies"]},
        first_matched_at=T0, matched_at=T0,
    )
    session.add(m)
    session.flush()
    return m


def add_version(session, call: Call, seen_at: datetime, changes: dict) -> CallVersion:
    v = CallVersion(call_id=call.id, seen_at=seen_at, changes=changes, previous={})
    session.add(v)
    session.flush()
    return v
