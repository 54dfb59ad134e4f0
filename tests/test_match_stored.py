"""matcher.run.match_stored and `hubb match`: stored rows, upserts, removals, the CLI."""

import json
import os
import subprocess
import sys
from datetime import UTC, date, datetime

from sqlalchemy import select

from db.calls import columns_from_record
from db.engine import session_scope
from db.models import Call, Match
from hubb.record import CallRecord
from matcher.run import match_stored
from tests.test_match_eligibility import call, profile

T0 = datetime(2026, 11, 1, tzinfo=UTC)
AS_OF = date(2026, 11, 27)

ROBOT = dict(id="robot", title="Automationscheckar för små industriföretag",
             summary="Check för att anlita extern expertis inför investeringar i robotar och automation.",
             text="Vem kan söka?\nSmå och medelstora företag.", applicants=["sme"], regions=["SE"],
             deadline="2027-01-15")
NORRLAND = dict(id="norr", title="Automation i Övre Norrland", summary="Robotar och automation.",
                applicants=["sme"], regions=["SE33"])
CULTURE = dict(id="kultur", title="Främjandestöd litteratur", summary="Stipendium för författare.",
               applicants=["individual"], regions=["SE124"])


def store(session, *records: CallRecord):
    for rec in records:
        session.add(Call(**columns_from_record(rec), first_seen=T0, last_seen=T0))


def welder():
    return profile(id="svets", needs=[
        {"area": "automation", "text": "Vill införa robotsvetsning och automatisering.", "priority": "high"}],
        keywords=["robot"])


def test_match_stored_stores_eligible_calls_with_reasons(engine):
    with session_scope(engine) as s:
        store(s, call(**ROBOT), call(**NORRLAND), call(**CULTURE))
    summary = match_stored(engine, [welder()], AS_OF)
    assert summary == {"profiles": 1, "calls": 3, "stored": 1, "worth_sending": 1, "removed": 0,
                       "as_of": "2026-11-27"}
    with session_scope(engine) as s:
        rows = s.scalars(select(Match)).all()
        assert len(rows) == 1
        m = rows[0]
        assert (m.profile_id, m.call.external_id, m.rank, m.worth_sending, m.areas) == (
            "svets", "robot", 1, True, ["automation"])
        assert 0.4 <= m.score <= 1.0
        assert m.as_of == AS_OF
        assert m.reasons["sv"][1:] == ["Öppen för små och medelstora företag i Sverige",
                                       "Sista dag 15 januari 2027"]
        assert m.reasons["sv"][0].startswith("Behov: Automation och robotik (hög prioritet) — robot")
        assert m.reasons["en"][2] == "Deadline 15 January 2027"
        assert list(m.reasons["needs"]) == ["0"]


def test_rerun_keeps_first_matched_and_removes_closed_calls(engine, monkeypatch):
    with session_scope(engine) as s:
        store(s, call(**ROBOT))
    monkeypatch.setenv("HUBB_NOW", "2026-11-27T08:00:00")
    match_stored(engine, [welder()], AS_OF)
    with session_scope(engine) as s:
        first = s.scalars(select(Match)).one().first_matched_at
    monkeypatch.setenv("HUBB_NOW", "2026-12-01T08:00:00")
    summary = match_stored(engine, [welder()], date(2026, 12, 1))
    assert (summary["stored"], summary["removed"]) == (1, 0)
    with session_scope(engine) as s:
        m = s.scalars(select(Match)).one()
        assert m.first_matched_at == first
        assert m.matched_at > first
    # after the deadline the call is no longer eligible: its row goes
    summary = match_stored(engine, [welder()], date(2027, 1, 16))
    assert (summary["stored"], summary["removed"]) == (0, 1)
    with session_scope(engine) as s:
        assert s.scalars(select(Match)).all() == []


def _run(args, env_extra, cwd):
    env = {**os.environ, **env_extra, "HUBB_NOW": "2026-11-27"}
    return subprocess.run([sys.executable, "-m", "cli.main", "match", *args], capture_output=True,
                          text=True, env=env, cwd=cwd)


def test_cli_calls_file_json(tmp_path, db_url):
    profiles = tmp_path / "profiles"
    profiles.mkdir()
    (profiles / "svets.yaml").write_text(
        "company: Svets AB\nmunicipality: Hallsberg\nsni: ['25.620']\nsize: small\nemployees: 35\n"
        "founded: 1987\nneeds:\n  - area: automation\n    text: Vill införa robotsvetsning.\n"
        "    priority: high\nkeywords: [robot]\n", encoding="utf-8")
    (profiles / "trasig.yaml").write_text("company: X\nmunicipality: Oslo\n", encoding="utf-8")
    calls = tmp_path / "calls.jsonl"
    calls.write_text("\n".join(json.dumps(call(**kw).to_json(), ensure_ascii=False)
                               for kw in (ROBOT, NORRLAND, CULTURE)) + "\n", encoding="utf-8")
    out = _run(["--profiles", str(profiles), "--calls", str(calls), "--json"], {}, tmp_path)
    assert out.returncode == 0, out.stderr
    lines = [json.loads(line) for line in out.stdout.splitlines()]
    assert [(d["profile"], d["source"], d["id"], d["rank"]) for d in lines] == [("svets", "t", "robot", 1)]
    assert set(lines[0]) == {"profile", "source", "id", "rank", "score", "reasons"}
    assert lines[0]["reasons"][-1] == "Sista dag 15 januari 2027"
    assert "trasig.yaml" in out.stderr and "skipped" in out.stderr
    table = _run(["--profiles", str(profiles), "--calls", str(calls)], {}, tmp_path)
    assert table.returncode == 0
    assert "svets — Svets AB" in table.stdout and "t/robot" in table.stdout
