"""A profile with a typo costs only its own company: `hubb digest send` and `hubb match`
report it with the file:line: field message of `hubb profiles check` and carry on."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from db.engine import session_scope
from hubb.record import CallRecord
from tests.helpers.digest_data import add_call, add_match, profile, write_config

ROOT = Path(__file__).resolve().parent.parent


def hubb(*args, env):
    full = {k: v for k, v in os.environ.items() if not k.startswith("HUBB_")}
    full.update(env, HUBB_NOW="2026-11-30")
    return subprocess.run([sys.executable, "-m", "cli.main", *args], cwd=ROOT, env=full,
                          capture_output=True, text=True, timeout=120)


def broken_config(tmp_path):
    bad = profile("Trasig Svets AB", [("Bo", "bo@example.se", "sv")], area="automaton")
    cfg = write_config(tmp_path, {
        "a-verkstad": profile("Verkstad AB", [("Anna", "anna@example.se", "sv")]),
        "b-trasig": bad,
        "c-plat": profile("Plåt AB", [("Carl", "carl@example.se", "sv")]),
    })
    text = (cfg / "profiles" / "b-trasig.yaml").read_text(encoding="utf-8")
    line = next(i for i, ln in enumerate(text.splitlines(), 1) if "automaton" in ln)
    message = (f"skipped: {cfg / 'profiles' / 'b-trasig.yaml'}:{line}: needs[0].area: "
               "'automaton' is not a need area (did you mean 'automation'?)")
    return cfg, message


def test_digest_send_skips_the_broken_profile_and_delivers_the_others(tmp_path, engine, db_url, smtp_server):
    cfg, message = broken_config(tmp_path)
    with session_scope(engine) as s:
        call = add_call(s, "2026-07001", title="Robotlyftet")
        for pid in ("a-verkstad", "b-trasig", "c-plat"):
            add_match(s, pid, call, 1)
    result = hubb("digest", "send", env={"HUBB_CONFIG_DIR": str(cfg), "HUBB_DATABASE_URL": db_url,
                                         "HUBB_SMTP_URL": smtp_server.url})
    assert result.returncode == 0, result.stderr
    assert message in result.stderr.splitlines()
    assert smtp_server.handler.count_by_recipient() == {"anna@example.se": 1, "carl@example.se": 1}


def test_match_skips_the_broken_profile_and_ranks_the_others(tmp_path):
    cfg, message = broken_config(tmp_path)
    calls = tmp_path / "calls.jsonl"
    record = CallRecord(source="vinnova", id="2026-07001", url="https://www.vinnova.se/e/robotlyftet/robotlyftet-2026-07001/",
                        title="Robotlyftet: automatisera svetsningen med robotar",
                        summary="Stöd till små industriföretag som vill automatisera och robotisera produktionen.",
                        text="Vem kan söka?\n\nSmå och medelstora industriföretag.", applicants=["sme"],
                        regions=["SE124"], status="rolling")
    calls.write_text(json.dumps(record.to_json(), ensure_ascii=False) + "\n", encoding="utf-8")
    result = hubb("match", "--profiles", str(cfg / "profiles"), "--calls", str(calls),
                  env={"HUBB_CONFIG_DIR": str(cfg)})
    assert result.returncode == 0, result.stderr
    assert message in result.stderr.splitlines()
    # the table has a section per valid profile, whatever the scores
    headings = [line for line in result.stdout.splitlines() if " — " in line and not line.startswith(" ")]
    assert headings == ["a-verkstad — Verkstad AB", "c-plat — Plåt AB"]
