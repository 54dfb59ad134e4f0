"""End to end, for real: the local copies of every site with a renderer served on
127.0.0.1 at their real paths, `hubb harvest` run as a subprocess into a fresh SQLite
file. Then a changed deadline and a removed call; then a changed layout; then 500s and
timeouts. Time is frozen at 2026-11-27 through HUBB_NOW."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from db.engine import make_engine, session_scope
from db.models import Call, HarvestRun
from scrapers.sites import renderers
from scrapers.sites.generate import generate_records
from scrapers.sites.server import SiteFarm

pytestmark = pytest.mark.slow

TODAY = date(2026, 11, 27)
COUNTS = {"vinnova": 6, "tillvaxtverket": 12, "region_orebro": 4, "iuc": 4,
          "eu": 4, "energimyndigheten": 4, "almi": 4}
API = "https://data.vinnova.se"
LINE = re.compile(r"^(?P<source>\w+)\s+new (?P<new>\d+), changed (?P<changed>\d+), unchanged (?P<unchanged>\d+), "
                  r"vanished (?P<vanished>\d+), dropped (?P<dropped>\d+) — (?P<health>.*)$", re.M)


class Harvest:
    """The servers, the sources file and the database of one end-to-end scenario."""

    def __init__(self, tmp: Path, sources: dict[str, int]):
        self.render = renderers()
        self.records = {s: generate_records(s, n, TODAY) for s, n in sources.items() if s in self.render}
        self.farm = SiteFarm.start({s: self.render[s](r) for s, r in self.records.items()})
        self.sources_file = self.farm.write_sources_file(
            tmp / "sources.yaml", download_timeout=1, retry_times=1, download_delay=0)
        self.db_url = f"sqlite:///{tmp}/harvest.sqlite3"
        self.env = {**os.environ, "HUBB_SOURCES_FILE": str(self.sources_file), "HUBB_DATABASE_URL": self.db_url,
                    "HUBB_NOW": "2026-11-27", "HUBB_RETRY_BACKOFF_BASE": "0.05"}

    def run(self, *sources: str) -> tuple[int, dict[str, dict], str]:
        self.farm.reset_counts()
        proc = subprocess.run([sys.executable, "-m", "cli.main", "harvest", *sources], env=self.env,
                              capture_output=True, text=True, timeout=120)
        lines = {m["source"]: {k: (int(v) if v.isdigit() else v) for k, v in m.groupdict().items() if k != "source"}
                 for m in LINE.finditer(proc.stdout)}
        return proc.returncode, lines, proc.stdout + proc.stderr

    def calls(self) -> dict[tuple[str, str], dict]:
        eng = make_engine(self.db_url)
        try:
            with session_scope(eng) as s:
                return {(c.source, c.external_id): {"title": c.title, "deadline": c.deadline, "status": c.status,
                                                    "url": c.url,
                                                    "vanished_at": c.vanished_at, "content_hash": c.content_hash}
                        for c in s.scalars(select(Call))}
        finally:
            eng.dispose()

    def runs(self) -> list[tuple[str, str, list[str]]]:
        eng = make_engine(self.db_url)
        try:
            with session_scope(eng) as s:
                return [(r.source, r.status, r.errors) for r in s.scalars(select(HarvestRun).order_by(HarvestRun.id))]
        finally:
            eng.dispose()

    def publish(self, source: str) -> None:
        self.farm.publish(source, self.render[source](self.records[source]))


@pytest.fixture
def harvest(tmp_path):
    h = Harvest(tmp_path, COUNTS)
    yield h
    h.farm.stop()


def test_harvest_change_and_vanish_refetching_only_what_it_must(harvest):
    code, lines, out = harvest.run()
    assert code == 0, out
    assert set(lines) == set(harvest.records)
    stored = harvest.calls()
    for source, records in harvest.records.items():
        assert lines[source]["health"] == "healthy", out
        assert lines[source]["new"] == len(records), (source, out)
        assert len([k for k in stored if k[0] == source]) == len(records)
    for r in harvest.records["vinnova"]:
        call = stored[("vinnova", r.id)]
        assert call["title"] == r.title
        assert call["deadline"] == (r.deadline.isoformat() if r.deadline else None)
        assert call["status"] == r.status
        # the listing's link, in the real form the site uses (on the local copy of the site)
        assert call["url"] == r.url.replace("https://www.vinnova.se", harvest.farm.local_base("https://www.vinnova.se"))
    # Tillväxtverket's planned call (…/planeradeutlysningar/…, the real plan text of id 1692):
    # read from the listing's link, stored upcoming without the plan's passed dates
    (planned,) = [r for r in harvest.records["tillvaxtverket"] if "/planeradeutlysningar/" in r.url]
    assert stored[("tillvaxtverket", planned.id)]["status"] == "upcoming"
    assert stored[("tillvaxtverket", planned.id)]["deadline"] is None
    first = {s: harvest.farm.total_requests(s) for s in harvest.records}

    # one deadline moves, one call disappears from Vinnova's API
    vinnova = harvest.records["vinnova"]
    moved, removed = vinnova[0], vinnova[1]
    vinnova[0] = moved.model_copy(update={"deadline": moved.deadline.replace(day=moved.deadline.day % 28 + 1)})
    del vinnova[1]
    harvest.publish("vinnova")
    code, lines, out = harvest.run()
    assert code == 0, out
    assert {k: lines["vinnova"][k] for k in ("new", "changed", "unchanged", "vanished")} == {
        "new": 0, "changed": 1, "unchanged": len(vinnova) - 1, "vanished": 1}
    for source in harvest.records:
        if source != "vinnova":
            assert (lines[source]["new"], lines[source]["changed"], lines[source]["vanished"]) == (0, 0, 0), out
    stored = harvest.calls()
    assert stored[("vinnova", moved.id)]["deadline"] == vinnova[0].deadline.isoformat()
    assert stored[("vinnova", removed.id)]["vanished_at"] is not None
    # Vinnova: robots.txt, the two API answers and the listing (for the urls), no call page;
    # elsewhere no detail page again (unchanged listing keys, or a cached copy younger than recheck_hours)
    assert sorted(path for _, path in harvest.farm.requests("vinnova")) == [
        "/api/ansokningsomgangar/2023-11-28", "/api/utlysningar/2023-11-28", "/robots.txt", "/robots.txt",
        "/sok-finansiering/hitta-finansiering/"]
    for source, records in harvest.records.items():
        detail_paths = {urlsplit(r.url).path for r in records}
        refetched = [p for (_, p), n in harvest.farm.requests(source).items() if p in detail_paths]
        assert refetched == [], (source, refetched)
    second = {s: harvest.farm.total_requests(s) for s in harvest.records}
    assert sum(second.values()) < sum(first.values())


def test_vinnova_urls_are_the_listings_links_and_a_failing_listing_worsens_none(tmp_path):
    """Each round's url is the link on "Hitta finansiering" (all four real URL forms, listing pages
    followed by "Nästa"); a round the listing never linked gets the listing; when the listing
    answers 500, or a stored round leaves it, the stored urls stay as they were."""
    from scrapers.sites import vinnova as vinnova_site
    from scrapers.spiders.vinnova import LISTING_PATH

    site = "https://www.vinnova.se"
    listing = site + LISTING_PATH
    h = Harvest(tmp_path, {"vinnova": 9})
    records = h.records["vinnova"]
    # one round that no page links (its record's url is the listing: no page of its own, not listed)
    records[8] = records[8].model_copy(update={"url": listing})

    def publish(listed):
        pages = {k: v for k, v in vinnova_site.render(records).items() if LISTING_PATH not in k}
        pages.update({site + p: b for p, b in vinnova_site.listing_pages(listed, page_size=4).items()})
        h.farm.publish("vinnova", pages)

    try:
        publish(records)
        code, lines, out = h.run("vinnova")
        assert code == 0 and lines["vinnova"]["new"] == 9, out
        assert h.farm.requests("vinnova")[("www.vinnova.se", LISTING_PATH + "?page=2")] == 1
        stored = {k[1]: v["url"] for k, v in h.calls().items()}
        call_segments = [urlsplit(r.url).path.split("/")[2] for r in records[:4]]
        assert call_segments[1].startswith("utlysning-2026-9") and re.search(r"-2026-9\d{4}$", call_segments[2])
        assert not records[3].url.endswith("/") and not re.search(r"-2026-\d{5}$", records[3].url)
        local = h.farm.local_base(site)  # the sources file points at the local copy, as stored
        for r in records:
            assert stored[r.id] == r.url.replace(site, local), r.id  # every url as the listing links it
        assert stored[records[8].id] == listing.replace(site, local)

        # the listing answers 500: a healthy run, no url changes
        h.farm.fail(listing, 500)
        code, lines, out = h.run("vinnova")
        assert code == 0, out
        assert (lines["vinnova"]["changed"], lines["vinnova"]["vanished"]) == (0, 0), out
        assert {k[1]: v["url"] for k, v in h.calls().items()} == stored

        # a stored round leaves the listing (its page stays): its url stays
        h.farm.heal()
        publish(records[1:])
        code, lines, out = h.run("vinnova")
        assert code == 0, out
        assert (lines["vinnova"]["changed"], lines["vinnova"]["vanished"]) == (0, 0), out
        assert {k[1]: v["url"] for k, v in h.calls().items()} == stored
    finally:
        h.farm.stop()


def test_changed_layout_and_failing_site_are_unhealthy_and_change_nothing(tmp_path):
    h = Harvest(tmp_path, {"vinnova": 4})
    try:
        code, lines, out = h.run("vinnova")
        assert code == 0 and lines["vinnova"]["new"] == 4, out
        before = h.calls()

        # a changed layout: the API renames its keys
        h.farm.set(f"{API}/api/ansokningsomgangar/*", b'[{"Dnr": "2026-10000", "Rubrik": "Ny struktur"}]')
        code, lines, out = h.run("vinnova")
        assert code == 1
        assert "hubb harvest: vinnova unhealthy:" in out
        assert "expected structure missing: no Diarienummer in the API answer" in out
        assert h.calls() == before

        # 500s: retried, then unhealthy
        h.publish("vinnova")
        h.farm.fail(f"{API}/api/ansokningsomgangar/2023-11-28", 500)
        code, lines, out = h.run("vinnova")
        assert code == 1
        assert "hubb harvest: vinnova unhealthy:" in out
        assert "1 request(s) failed after retries" in out
        assert h.farm.requests("vinnova")[("data.vinnova.se", "/api/ansokningsomgangar/2023-11-28")] == 2
        assert h.calls() == before

        # timeouts: retried, then unhealthy
        h.farm.heal()
        h.farm.hang(f"{API}/api/utlysningar/2023-11-28", 3)
        code, lines, out = h.run("vinnova")
        # nothing could be read: the source failed entirely, one line, exit 2
        assert code == 2
        assert re.search(r"^hubb harvest: vinnova: cannot reach 127\.0\.0\.1:\d+ \(timeout\)$", out, re.M), out
        assert "Traceback" not in out
        assert h.farm.requests("vinnova")[("data.vinnova.se", "/api/utlysningar/2023-11-28")] == 2
        assert h.calls() == before

        # the site recovers: nothing was lost
        h.farm.heal()
        code, lines, out = h.run("vinnova")
        assert code == 0, out
        assert (lines["vinnova"]["unchanged"], lines["vinnova"]["vanished"]) == (4, 0)
        assert [(c["title"], c["deadline"]) for c in h.calls().values()] == [
            (c["title"], c["deadline"]) for c in before.values()]
        assert [status for _, status, _ in h.runs()] == ["ok", "failed", "failed", "failed", "ok"]
    finally:
        h.farm.stop()


def test_unknown_source_is_a_usage_error(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "cli.main", "harvest", "nosuch"], capture_output=True, text=True,
                          env={**os.environ, "HUBB_DATABASE_URL": f"sqlite:///{tmp_path}/x.sqlite3"})
    assert proc.returncode == 2
    assert "unknown source(s): nosuch" in proc.stderr


def test_check_reports_whether_the_structure_is_still_there(tmp_path):
    from scrapers.sites.vinnova import SITE, page_path

    h = Harvest(tmp_path, {"vinnova": 3})
    try:
        proc = subprocess.run([sys.executable, "-m", "cli.main", "harvest", "--check", "vinnova"], env=h.env,
                              capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        # robots.txt of both hosts, the two API answers, the listing, one page it links
        assert proc.stdout.startswith("vinnova  structure ok (3 item(s), 6 request(s))")
        first_page = SITE + page_path(h.records["vinnova"][0])
        assert h.farm.requests("vinnova")[("www.vinnova.se", urlsplit(first_page).path)] == 1
        assert not (tmp_path / "harvest.sqlite3").exists()  # a check stores nothing, opens no database

        h.farm.set(first_page, "<html><body><h1>Ny webbplats</h1></body></html>")
        proc = subprocess.run([sys.executable, "-m", "cli.main", "harvest", "--check", "vinnova"], env=h.env,
                              capture_output=True, text=True, timeout=120)
        assert proc.returncode == 1
        assert "hubb harvest: vinnova structure check failed: expected structure missing: heading 'Vad kan ni söka för?'" \
            in proc.stderr
    finally:
        h.farm.stop()


def test_scrapy_list_and_crawl(tmp_path):
    root = Path(__file__).resolve().parent.parent
    listed = subprocess.run(["scrapy", "list"], cwd=root, capture_output=True, text=True, timeout=60)
    assert listed.returncode == 0, listed.stderr
    names = listed.stdout.split()
    assert names == sorted(names) and "vinnova" in names
    assert set(names) <= {"iuc", "region_orebro", "tillvaxtverket", "vinnova", "eu", "energimyndigheten", "almi"}

    h = Harvest(tmp_path, {"vinnova": 3})
    try:
        crawl = subprocess.run(["scrapy", "crawl", "vinnova"], cwd=root, env=h.env, capture_output=True, text=True,
                               timeout=120)
        assert crawl.returncode == 0, crawl.stderr[-2000:]
        assert sorted(k[1] for k in h.calls()) == sorted(r.id for r in h.records["vinnova"])
        assert h.runs() == [("vinnova", "ok", [])]
    finally:
        h.farm.stop()


def test_run_harvest_in_a_child_process(tmp_path, monkeypatch):
    from scrapers.run import run_harvest

    h = Harvest(tmp_path, {"vinnova": 3})
    try:
        for key in ("HUBB_SOURCES_FILE", "HUBB_DATABASE_URL", "HUBB_NOW"):
            monkeypatch.setenv(key, h.env[key])
        (result,) = run_harvest(["vinnova"], isolate=True)
        assert (result.source, result.ok, result.new, result.items, result.complete) == ("vinnova", True, 3, 3, True)
        assert result.requests == 5  # robots.txt of both hosts, the two API answers, the listing
    finally:
        h.farm.stop()


def test_check_names_a_stored_calls_link_that_no_longer_answers(tmp_path):
    from scrapers.sites.vinnova import SITE, page_path

    h = Harvest(tmp_path, {"vinnova": 3})
    try:
        code, _lines, out = h.run("vinnova")
        assert code == 0, out
        proc = subprocess.run([sys.executable, "-m", "cli.main", "harvest", "--check", "vinnova"], env=h.env,
                              capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert "vinnova  links: 3 checked, 0 broken" in proc.stdout.splitlines()

        last = SITE + page_path(h.records["vinnova"][-1])
        h.farm.set(last, "<html><body>Sidan finns inte</body></html>", status=404)
        proc = subprocess.run([sys.executable, "-m", "cli.main", "harvest", "--check", "vinnova"], env=h.env,
                              capture_output=True, text=True, timeout=120)
        assert proc.returncode == 1, proc.stdout + proc.stderr
        assert "vinnova  links: 3 checked, 1 broken" in proc.stdout.splitlines()
        broken = [ln for ln in proc.stderr.splitlines() if "broken link" in ln]
        assert len(broken) == 1 and broken[0].startswith("hubb harvest: vinnova: broken link http://127.0.0.1:")
        assert broken[0].endswith(f"{urlsplit(last).path}: HTTP 404")
    finally:
        h.farm.stop()
