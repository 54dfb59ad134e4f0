"""The energimyndigheten spider over saved pages (tests/files/energimyndigheten, frozen 2026-11-27):
the paged listing, every field of each call (open, closed by date, upcoming, rolling, closed by its
sentence), a changed layout, and a round trip through the local site renderer."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import time_machine

from hubb.clock import TZ
from hubb.record import CallRecord
from scrapers.sites import energimyndigheten as site
from scrapers.spiders.energimyndigheten import EnergimyndighetenSpider
from tests.helpers.fixture_crawl import crawl, crawl_pages
from tests.helpers.sites import records_of

FILES = Path(__file__).resolve().parent / "files" / "energimyndigheten"
CAPTURED = datetime(2026, 11, 27, 9, 0, tzinfo=TZ)
BASE = "https://www.energimyndigheten.se"
CALLS = BASE + "/utlysningar/"


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(CAPTURED, tick=False):
        yield


def fetcher(root: Path):
    """URL → saved file: the path lower-cased (the site links mixed-case slugs), "?page=2" as
    ``index.page-2.html``."""
    def fetch(url: str):
        parts = urlsplit(url)
        name = "index.page-2.html" if parts.query == "page=2" else "index.html"
        path = root / parts.netloc / parts.path.lower().strip("/") / name
        return path.read_bytes() if path.is_file() else None
    return fetch


@pytest.fixture(scope="module")
def harvest():
    with time_machine.travel(CAPTURED, tick=False):
        result = crawl(EnergimyndighetenSpider, fetcher(FILES))
    return result


def problems(result) -> list[str]:
    return result.stats.get("hubb/structure_problems") or []


# -- the crawl ---------------------------------------------------------------------------------

def test_crawl_reads_both_listing_pages_and_every_call(harvest):
    assert sorted(harvest.by_id()) == ["energikartlaggningsstod-2027", "industriklivet",
                                       "projekteringsstod-inom-energisteget2", "stod-for-energikartlaggning-2020",
                                       "stod-till-utokad-kommunal-energi-och-klimatradgivning-ar-2027"]
    assert harvest.missing == []
    assert harvest.fetched[0] == CALLS
    assert CALLS + "?page=2" in harvest.fetched
    assert len(harvest.fetched) == 2 + 5  # no link out of the listing followed, nothing twice
    assert CALLS + "energikartlaggningsstod-2027/" in harvest.fetched  # tracking parameter dropped
    assert harvest.spider.listing_complete is True
    assert problems(harvest) == []


def test_detail_requests_carry_what_the_listing_shows(harvest):
    keys = {r.url: r.meta.get("listing_key") for r in harvest.requests}
    assert keys[CALLS + "stod-till-utokad-kommunal-energi-och-klimatradgivning-ar-2027/"] == (
        "Stöd till utökad kommunal energi- och klimatrådgivning år 2027 Sista dag för ansökan 2027-02-19 17:00")


# -- fields, call by call ---------------------------------------------------------------------------

def test_open_call_every_field(harvest):
    item = harvest.by_id()["stod-till-utokad-kommunal-energi-och-klimatradgivning-ar-2027"]
    assert item["source"] == "energimyndigheten"
    assert item["funder"] == "Energimyndigheten"
    assert item["url"] == CALLS + "stod-till-utokad-kommunal-energi-och-klimatradgivning-ar-2027/"
    assert item["language"] == "sv"
    assert item["title"] == "Stöd till utökad kommunal energi- och klimatrådgivning år 2027"
    assert item["summary"] == ("Nu kan kommuner söka medel för att bedriva utökad kommunal energi- och "
                               "klimatrådgivning under 2027. Ansökningsperioden sträcker sig till 19 februari.")
    assert item["text"].startswith("Stöd till utökad kommunal energi- och klimatrådgivning år 2027\n\nNu kan kommuner")
    assert "Vem kan söka?\n\nUtlysningen vänder sig till kommuner" in item["text"]
    assert "Handläggare" not in item["text"]  # the contact section is left out
    assert item["opens_raw"] is None and item["opens"] is None
    assert item["deadline_raw"] == "Sista dag för ansökan 2027-02-19 17:00"
    assert item["deadline"] == datetime(2027, 2, 19, 17, 0, tzinfo=TZ)
    assert item["status"] == "open"
    assert item["applicants"] == ["public_sector"]
    assert item["regions"] == ["SE"]
    assert (item["employees_min"], item["employees_max"]) == (None, None)
    assert (item["company_age_min"], item["company_age_max"]) == (None, None)
    assert item["budget_sek"] == 10_000_000
    assert item["max_grant_sek"] is None


def test_past_deadline_is_closed_although_the_body_says_lopande(harvest):
    item = harvest.by_id()["projekteringsstod-inom-energisteget2"]
    assert item["url"] == CALLS + "Projekteringsstod-inom-energisteget2/"
    assert item["deadline"] == date(2019, 12, 31)
    assert item["deadline_raw"] == "Sista dag för ansökan 2019-12-31"
    assert item["status"] == "closed"
    assert item["applicants"] == ["company"]
    assert (item["budget_sek"], item["max_grant_sek"]) == (None, None)


def test_opening_line_makes_an_upcoming_call(harvest):
    item = harvest.by_id()["energikartlaggningsstod-2027"]
    assert item["opens_raw"] == "Ansökan öppnar 2027-03-02"
    assert item["opens"] == date(2027, 3, 2)
    assert item["deadline"] == datetime(2027, 4, 30, 12, 0, tzinfo=TZ)
    assert item["status"] == "upcoming"
    assert item["applicants"] == ["sme"]
    assert item["max_grant_sek"] == 50_000
    assert item["summary"] == ("Energikartläggningsstödet täcker 50 procent av kostnaden för en energikartläggning "
                               "med åtgärdsförslag och energiplan.")


def test_no_date_and_lopande_is_rolling(harvest):
    item = harvest.by_id()["industriklivet"]
    assert item["status"] == "rolling"
    assert (item["deadline"], item["deadline_raw"], item["opens"]) == (None, None, None)
    assert item["applicants"] == ["company", "academia", "research_institute"]


def test_closed_sentence_and_the_period(harvest):
    item = harvest.by_id()["stod-for-energikartlaggning-2020"]
    assert item["status"] == "closed"
    assert item["deadline"] == date(2020, 4, 30)
    assert item["opens"] == date(2020, 3, 2)  # the opening shares the closing's year
    assert item["applicants"] == ["sme"]


def test_items_pass_the_pipelines(harvest):
    records = records_of(harvest.items)
    assert len(records) == 5 and {r.language for r in records} == {"sv"}


# -- a changed layout -----------------------------------------------------------------------------

def test_listing_without_call_links_is_fatal():
    with time_machine.travel(CAPTURED, tick=False):
        result = crawl(EnergimyndighetenSpider, fetcher(FILES / "changed-layout"))
    assert result.items == []
    assert problems(result) == [f"no call links below /utlysningar/ in the listing ({CALLS})"]
    assert result.stats["hubb/structure_missing/fatal"] == 1
    assert result.spider.listing_complete is False


def test_page_without_vem_kan_soka_is_a_warning():
    page = ("<html><body><main><h1>Ny utlysning</h1><p>Stödet vänder sig till små och medelstora företag.</p>"
            "<p>Sista dag för ansökan 2027-05-05</p></main></body></html>").encode()
    listing = b'<html><body><main><h1>Utlysningar</h1><a href="/utlysningar/ny/">Ny</a></main></body></html>'
    result = crawl_pages(EnergimyndighetenSpider, {CALLS: listing, CALLS + "ny/": page})
    (item,) = result.items
    assert item["deadline"] == date(2027, 5, 5) and item["status"] == "open"
    assert item["applicants"] == ["sme"]  # from the lead
    assert problems(result) == [f"no 'Vem kan söka?' section: applicants from the lead ({CALLS}ny/)"]
    assert result.stats.get("hubb/structure_missing/fatal") is None


def test_check_mode_reads_the_listing_and_one_call():
    with time_machine.travel(CAPTURED, tick=False):
        result = crawl(EnergimyndighetenSpider, fetcher(FILES), check="1")
    assert len(result.items) == 1
    assert result.spider.listing_complete is False


# -- round trip through the local site ---------------------------------------------------------------

@pytest.mark.parametrize("status, opens, deadline", [
    ("open", None, datetime(2027, 2, 19, 17, 0, tzinfo=TZ)),
    ("upcoming", date(2027, 3, 2), datetime(2027, 4, 30, 12, 0, tzinfo=TZ)),
    ("closed", None, date(2026, 10, 1)),
    ("rolling", None, None),
])
def test_round_trip_through_the_renderer(status, opens, deadline):
    record = CallRecord(
        source="energimyndigheten", id="projekteringsstod", url=CALLS + "projekteringsstod/",
        title="Projekteringsstöd inom Energisteget", funder="Energimyndigheten",
        summary="Denna utlysning ger industriföretag möjlighet att söka projekteringsstöd.",
        text="Projekteringsstöd inom Energisteget\n\nDenna utlysning ger industriföretag möjlighet att söka "
             "projekteringsstöd.\n\nVem kan söka?\n\nProjekteringsstödet är riktat till företag med industriell "
             "verksamhet.\n\nHur stort stöd kan ni få?\n\nNi kan maximalt få 500 000 kronor i stöd.",
        opens=opens, deadline=deadline, status=status, applicants=["company"], regions=["SE"],
        budget_sek=125_000_000, max_grant_sek=500_000, language="sv")
    pages = {BASE + path: body for path, body in site.render([record]).items()}
    result = crawl_pages(EnergimyndighetenSpider, pages)
    (back,) = records_of(result.items)
    for name in ("id", "url", "title", "summary", "opens", "deadline", "status", "applicants", "regions",
                 "budget_sek", "max_grant_sek", "language"):
        assert getattr(back, name) == getattr(record, name), name
    assert problems(result) == []


def test_a_listing_elsewhere_links_call_pages_below_call_path(tmp_path, monkeypatch):
    from scrapers.sources import load_sources, write_sources

    sources = load_sources()
    moved = sources["energimyndigheten"]
    options = {**moved.options, "listing_path": "/stod-och-utlysningar/", "call_path": "/utlysningar/"}
    sources["energimyndigheten"] = type(moved)(**{**moved.__dict__, "options": options})
    monkeypatch.setenv("HUBB_SOURCES_FILE", str(write_sources(sources, tmp_path / "sources.yaml")))
    listing = ('<html><body><main><h1>Stöd och utlysningar</h1><ul><li><a href="/utlysningar/ny/">Ny</a></li>'
               '<li><a href="/stod-och-utlysningar/om/">Om stöd</a></li></ul></main></body></html>').encode()
    page = ("<html><body><main><h1>Ny</h1><p>Stöd.</p><h2>Vem kan söka?</h2>"
            "<p>Små och medelstora företag.</p></main></body></html>").encode()
    result = crawl_pages(EnergimyndighetenSpider, {BASE + "/stod-och-utlysningar/": listing, CALLS + "ny/": page})
    assert result.fetched == [BASE + "/stod-och-utlysningar/", CALLS + "ny/"]
    assert [i["id"] for i in result.items] == ["ny"]
