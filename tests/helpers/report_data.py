"""The fixed database of the gap-report tests (a pytest plugin, see tests/conftest.py).

The gap report's numbers on a fixed database: five companies, seven calls, matches,
digests and sent items written directly (no harvest, no matcher), as of 27 November 2026.

The fixture, in short (need index in brackets):
- svets (SNI 25): automation[0] high, kompetens[1] high, produktion[2] medium
- verkstad (SNI 25): kompetens[0] high, digitalisering[1] medium
- mek (SNI 25): kompetens[0] medium, hallbarhet[1] low
- bageri (SNI 10): kompetens[0] high, marknad[1] medium
- elektronik (SNI 26): digitalisering[0] high, kompetens[1] low
Calls: robot (vinnova, closes 10 Dec), digi (tillvaxtverket, 1 Mar), kompclosed (region,
closed 1 Nov), energi (iuc, rolling), export (vinnova, upcoming), kompweak (tillvaxtverket,
20 Dec, matched below the sending threshold), gone (region, vanished).
Every kompetens need is unserved: the closed call and the weak match do not count.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from db.models import Call, Digest, HarvestRun, Match, SentItem
from hubb.profiles import load_profiles
from hubb.taxonomy import load_taxonomy

AS_OF = date(2026, 11, 27)

PROFILES = {
    "svets": ("Svets AB", "556000-0001", "Hallsberg", ["25.620", "28.410"], "small",
              [("automation", "high"), ("kompetens", "high"), ("produktion", "medium")]),
    "verkstad": ("Verkstad AB", "556000-0002", "Örebro", ["25.110"], "medium",
                 [("kompetens", "high"), ("digitalisering", "medium")]),
    "mek": ("Mek AB", "556000-0003", "Kumla", ["25.500"], "micro",
            [("kompetens", "medium"), ("hallbarhet", "low")]),
    "bageri": ("Bageri AB", "556000-0004", "Örebro", ["10.710"], "small",
               [("kompetens", "high"), ("marknad", "medium")]),
    "elektronik": ("Elektronik AB", "556000-0005", "Karlskoga", ["26.110"], "medium",
                   [("digitalisering", "high"), ("kompetens", "low")]),
}


def write_profiles(directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for pid, (company, org, municipality, sni, size, needs) in PROFILES.items():
        lines = [f"company: {company}", f'org_number: "{org}"', f"municipality: {municipality}",
                 f"sni: {sni!r}".replace("'", '"'), f"size: {size}", "contacts:",
                 f"  - name: Kontakt {pid}", f"    email: {pid}@example.se", "needs:"]
        for area, priority in needs:
            lines += [f"  - area: {area}", f"    text: Behov inom {area} hos {company}.",
                      f"    priority: {priority}"]
        (directory / f"{pid}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return directory


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def _call(source, ext, title, deadline=None, status="open", opens=None, vanished=False) -> Call:
    seen = utc(2026, 10, 1, 6)
    return Call(source=source, external_id=ext, url=f"https://example.se/{source}/{ext}", title=title,
                funder=source.title(), opens=opens, deadline=deadline.isoformat() if deadline else None,
                deadline_date=deadline, status=status, content_hash=ext * 4, first_seen=seen,
                last_seen=seen, vanished_at=utc(2026, 11, 20) if vanished else None)


# an aware datetime is immutable, so one shared default is safe
FIRST_MATCHED = utc(2026, 11, 10, 6)


def _match(profile, call, score, areas, needs=None, worth=True, first=FIRST_MATCHED) -> Match:
    reasons = {"sv": ["skäl"], "en": ["reason"]}
    if needs is not None:
        reasons["needs"] = needs
    return Match(profile_id=profile, call_id=call.id, score=score, rank=1, areas=areas, reasons=reasons,
                 worth_sending=worth, as_of=AS_OF, first_matched_at=first, matched_at=utc(2026, 11, 27, 5))


def _digest(profile, period, status, sent_at, calls, session) -> Digest:
    d = Digest(recipient=f"{profile}@example.se", profile_id=profile, period=period, status=status,
               subject="Nya utlysningar", message_id=f"<{profile}-{period}@example.se>", message=b"x",
               created_at=sent_at or utc(2026, 11, 23, 6), sent_at=sent_at)
    session.add(d)
    session.flush()
    for call in calls:
        session.add(SentItem(recipient=d.recipient, call_id=call.id, kind="new", digest_id=d.id,
                             created_at=d.created_at))
    return d


def build_fixed_db(session) -> dict[str, Call]:
    calls = {
        "robot": _call("vinnova", "robot", "Robotlyftet", date(2026, 12, 10)),
        "digi": _call("tillvaxtverket", "digi", "Digitalisera mera", date(2027, 3, 1)),
        "kompclosed": _call("region_orebro", "kompclosed", "Kompetenscheckar", date(2026, 11, 1)),
        "energi": _call("iuc", "energi", "Energikartläggning", None, status="rolling"),
        "export": _call("vinnova", "export", "Exportstöd", date(2027, 2, 15), status="upcoming",
                        opens=date(2027, 1, 10)),
        "kompweak": _call("tillvaxtverket", "kompweak", "Kompetensutveckling i små företag", date(2026, 12, 20)),
        "gone": _call("region_orebro", "gone", "Försvunnen utlysning", date(2027, 1, 31), vanished=True),
    }
    session.add_all(calls.values())
    session.flush()
    c = calls
    session.add_all([
        _match("svets", c["robot"], 0.9, ["automation", "produktion"], {"0": 0.9, "2": 0.6}),
        _match("verkstad", c["digi"], 0.8, ["digitalisering"], {"1": 0.8}),
        _match("elektronik", c["digi"], 0.85, ["digitalisering"], {"0": 0.85}),
        _match("elektronik", c["robot"], 0.6, ["digitalisering"], {"0": 0.55},
               first=utc(2026, 10, 1, 6)),  # before the period
        _match("svets", c["kompclosed"], 0.7, ["kompetens"], {"1": 0.7}),  # closed call
        _match("verkstad", c["kompclosed"], 0.7, ["kompetens"], {"0": 0.7}),
        _match("mek", c["energi"], 0.5, ["hallbarhet"]),  # no per-need scores: area fallback
        _match("bageri", c["export"], 0.7, ["marknad"], {"1": 0.7}),
        _match("mek", c["kompweak"], 0.4, ["kompetens"], {"0": 0.4}, worth=False),
        _match("verkstad", c["gone"], 0.9, ["kompetens"], {"0": 0.9}),  # vanished call
        # the matcher scores every need; below need_served (0.30) a score covers nothing
        _match("bageri", c["digi"], 0.41, [], {"0": 0.29, "1": 0.0}),
    ])
    session.flush()
    _digest("svets", "2026-W45", "sent", utc(2026, 11, 2, 6), [c["robot"]], session)
    _digest("svets", "2026-W48", "sent", utc(2026, 11, 23, 6), [c["kompclosed"], c["energi"]], session)
    _digest("verkstad", "2026-W40", "sent", utc(2026, 10, 1, 6), [c["digi"]], session)  # before the period
    _digest("elektronik", "2026-W48", "failed", None, [c["robot"]], session)  # never reached them
    session.flush()
    return calls


@pytest.fixture
def taxonomy():
    return load_taxonomy()


@pytest.fixture
def profiles(tmp_path, taxonomy):
    loaded, errors = load_profiles(write_profiles(tmp_path / "profiles"), taxonomy)
    assert errors == []
    return loaded


@pytest.fixture
def fixed_db(session):
    calls = build_fixed_db(session)
    return session, calls


@pytest.fixture
def report(fixed_db, profiles, taxonomy):
    from reports.build import build_gap_report

    session, _ = fixed_db
    return build_gap_report(session, profiles, taxonomy, AS_OF)


# -- harvest runs of `hubb report sources` -------------------------------------------

def _run(source, started, status="ok", items=10, new=0, changed=0, unchanged=10, errors=(), fill=None,
         warnings=(), seconds=42):
    return HarvestRun(source=source, started_at=started,
                      finished_at=None if status == "running" else started + timedelta(seconds=seconds),
                      status=status, items=items, new=new, changed=changed, unchanged=unchanged,
                      requests=items + 2, complete=status == "ok",
                      health={"ok": status == "ok", "reasons": list(errors),
                              "fill": fill or {"deadline": 1.0, "text": 0.9, "applicants": 0.8},
                              "warnings": list(warnings)},
                      errors=list(errors))


def build_runs(session) -> None:
    session.add_all([
        _run("vinnova", utc(2026, 11, 25, 4, 30), new=3, unchanged=7),
        _run("vinnova", utc(2026, 11, 26, 4, 30), changed=1, unchanged=9),
        _run("vinnova", utc(2026, 11, 27, 4, 30), warnings=["1 item(s) failed validation"], seconds=185),
        _run("tillvaxtverket", utc(2026, 11, 26, 4, 31), items=12, unchanged=12),
        _run("tillvaxtverket", utc(2026, 11, 27, 4, 31), status="failed", items=0, unchanged=0,
             errors=["0 items (at least 1 expected)", "item count collapsed from 12 to 0"],
             fill={"deadline": 0.0, "text": 0.0, "applicants": 0.0}),
        _run("region_orebro", utc(2026, 11, 20, 4, 32), items=4, unchanged=4),
        _run("iuc", utc(2026, 11, 27, 6, 55), status="running", items=0, unchanged=0),
    ])
    session.flush()
