"""End to end, for real, for the funders beyond the four (issue 16): the local copies of the EU
portal's search API, Energimyndigheten and Almi served on 127.0.0.1 at their real paths,
`hubb harvest eu energimyndigheten almi` as a subprocess into a fresh SQLite file, the stored
calls read back with `hubb calls --jsonl` and compared field by field with what the pages state;
then a repeat, failing and changed sites, and `--check`. Time is frozen at 2026-11-27."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from hubb.record import CallRecord
from scrapers.spiders.eu import read_multipart, search_path
from tests.test_harvest_e2e import Harvest

pytestmark = pytest.mark.slow

COUNTS = {"eu": 8, "energimyndigheten": 12, "almi": 4}
NEW = ("eu", "energimyndigheten", "almi")
EU_API = "https://api.tech.ec.europa.eu"
EU_SEARCH = EU_API + search_path(1)
ROOT = Path(__file__).resolve().parent.parent

#: the contract fields each source's pages state (Energimyndigheten prints the opening date only
#: for a call not yet open; Almi's offers have no dates at all)
STATED = {
    "eu": ("url", "title", "funder", "language", "summary", "opens", "deadline", "status", "applicants", "regions",
           "budget_sek", "max_grant_sek"),
    "energimyndigheten": ("url", "title", "funder", "language", "summary", "deadline", "status", "applicants",
                          "regions", "budget_sek", "max_grant_sek", "employees_max"),
    "almi": ("url", "title", "funder", "language", "summary", "opens", "deadline", "status", "applicants", "regions",
             "employees_max", "company_age_max", "max_grant_sek"),
}


@pytest.fixture
def harvest(tmp_path):
    h = Harvest(tmp_path, COUNTS)
    yield h
    h.farm.stop()


def stored(h: Harvest, source: str) -> dict[str, CallRecord]:
    proc = subprocess.run([sys.executable, "-m", "cli.main", "calls", "--jsonl", "--source", source], env=h.env,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return {r.id: r for r in (CallRecord.model_validate_json(line) for line in proc.stdout.splitlines() if line)}


def test_harvest_stores_every_field_the_pages_state(harvest):
    code, lines, out = harvest.run(*NEW)
    assert code == 0, out
    assert set(lines) == set(NEW)
    for source in NEW:
        assert lines[source]["health"] == "healthy", out
        assert lines[source]["new"] == COUNTS[source], (source, out)
        calls = stored(harvest, source)
        assert sorted(calls) == sorted(r.id for r in harvest.records[source])
        for record in harvest.records[source]:
            got = calls[record.id]
            # the stored url is the local copy's (the demo stores the public one: public_urls)
            assert got.url == harvest.farm.rewrite(record.url.encode()).decode()
            for name in STATED[source]:
                if name != "url":
                    assert getattr(got, name) == getattr(record, name), (source, record.id, name)
            if source == "energimyndigheten" and record.status == "upcoming":
                assert got.opens == record.opens
            if isinstance(record.deadline, datetime):
                # the deadline keeps its time and its zone (Brussels for the EU portal)
                assert got.deadline.utcoffset() == record.deadline.utcoffset(), (source, record.id)
    statuses = {s: {r.status for r in harvest.records[s]} for s in NEW}
    assert statuses == {"eu": {"open", "upcoming"}, "energimyndigheten": {"open", "upcoming", "rolling", "closed"},
                        "almi": {"rolling"}}
    almi = stored(harvest, "almi")
    assert [r.regions for r in almi.values() if "/malardalen/" in r.url] == [["SE124", "SE125"]]
    assert {r.language for r in stored(harvest, "eu").values()} == {"en"}

    # the EU search asked for the configured programmes, open and forthcoming topics, in English
    api = harvest.farm.servers["api.tech.ec.europa.eu"]
    (path, content_type, body), = api.bodies
    assert path == search_path(1)
    parts = read_multipart(body, content_type)
    assert parts["languages"] == ["en"]
    musts = {next(iter(m["terms"])): m["terms"][next(iter(m["terms"]))] for m in parts["query"]["bool"]["must"]}
    assert musts == {"type": ["1", "2"], "status": ["31094501", "31094502"],
                     "frameworkProgramme": ["43108390", "43252405", "43089234", "43152860", "43252476"]}

    # a second harvest: nothing new, the EU answer revalidated, no call page fetched again
    code, lines, out = harvest.run(*NEW)
    assert code == 0, out
    for source in NEW:
        assert (lines[source]["new"], lines[source]["changed"], lines[source]["vanished"]) == (0, 0, 0), out
        assert lines[source]["unchanged"] == COUNTS[source]
    assert sorted(p for _, p in harvest.farm.requests("eu")) == sorted(["/robots.txt", search_path(1)])
    detail_paths = {r.url.split("almi.se", 1)[1] for r in harvest.records["almi"]}
    assert not [p for (_, p) in harvest.farm.requests("almi") if p in detail_paths]


def test_failing_and_changed_sites_are_unhealthy_and_change_nothing(tmp_path):
    h = Harvest(tmp_path, {"eu": 4, "energimyndigheten": 4, "almi": 4})
    try:
        code, lines, out = h.run(*NEW)
        assert code == 0, out
        before = h.calls()

        # the EU API answers 500: retried once, then unhealthy
        h.farm.fail(EU_SEARCH, 500)
        code, lines, out = h.run("eu")
        assert code == 1
        assert "hubb harvest: eu unhealthy:" in out and "1 request(s) failed after retries" in out
        assert h.farm.requests("eu")[("api.tech.ec.europa.eu", search_path(1))] == 2
        h.farm.heal()

        # the EU API hangs past the timeout
        h.farm.hang(EU_SEARCH, 3)
        code, lines, out = h.run("eu")
        # nothing could be read: the source failed entirely, one line, exit 2 (issue 13)
        assert code == 2 and "cannot reach" in out and "(timeout)" in out, out
        h.farm.heal()

        # the EU API renames its keys
        h.farm.set(EU_SEARCH, json.dumps({"hits": [], "total": 0}))
        code, lines, out = h.run("eu")
        assert code == 1
        assert "expected structure missing: no results list in the API answer" in out
        h.publish("eu")

        # Almi's loan listing no longer links its offers (a script renders them)
        h.farm.set("https://www.almi.se/lan/", '<html><body><main><h1>Lån</h1><div id="app"></div></main></body></html>')
        code, lines, out = h.run("almi")
        assert code == 1
        assert "hubb harvest: almi unhealthy:" in out and "no offer links in the listing" in out
        h.publish("almi")

        # Energimyndigheten's listing is down
        h.farm.fail("https://www.energimyndigheten.se/utlysningar/", 503)
        code, lines, out = h.run("energimyndigheten")
        assert code == 1 and "hubb harvest: energimyndigheten unhealthy:" in out
        h.farm.heal()

        assert h.calls() == before  # no failure stored, changed or marked anything vanished

        code, lines, out = h.run(*NEW)
        assert code == 0, out
        for source in NEW:
            assert (lines[source]["unchanged"], lines[source]["vanished"]) == (4, 0), out
        assert [status for _, status, _ in h.runs()][-1:] == ["ok"]
    finally:
        h.farm.stop()


def test_check_reports_per_source(tmp_path):
    h = Harvest(tmp_path, {"eu": 3, "energimyndigheten": 3, "almi": 4})
    try:
        proc = subprocess.run([sys.executable, "-m", "cli.main", "harvest", "--check", *NEW], env=h.env,
                              capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        out = {line.split()[0]: line for line in proc.stdout.splitlines() if line and not line.startswith(" ")}
        assert out["eu"].startswith("eu") and "structure ok (3 item(s)" in out["eu"]
        assert "structure ok (1 item(s)" in out["energimyndigheten"]
        assert "structure ok (1 item(s)" in out["almi"]
        assert not (tmp_path / "harvest.sqlite3").exists()

        h.farm.set(EU_SEARCH, json.dumps({"results": [{"metadata": {"name": ["x"]}}], "totalResults": 1}))
        proc = subprocess.run([sys.executable, "-m", "cli.main", "harvest", "--check", *NEW], env=h.env,
                              capture_output=True, text=True, timeout=120)
        assert proc.returncode == 1, proc.stdout + proc.stderr
        failure = next(ln for ln in proc.stderr.splitlines() if ln.startswith("hubb harvest: eu structure check failed:"))
        assert "expected structure missing: no metadata.identifier in the API results" in failure
        assert "energimyndigheten structure check failed" not in proc.stderr
    finally:
        h.farm.stop()


def test_scrapy_lists_seven_spiders():
    listed = subprocess.run(["scrapy", "list"], cwd=ROOT, capture_output=True, text=True, timeout=60,
                            env={k: v for k, v in os.environ.items() if k != "HUBB_SOURCES_FILE"})
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.split() == ["almi", "energimyndigheten", "eu", "iuc", "region_orebro", "tillvaxtverket",
                                     "vinnova"]
