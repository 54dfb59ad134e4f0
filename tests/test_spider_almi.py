"""The almi spider over saved pages (tests/files/almi, frozen 2026-11-27): three listings (two
national, the office serving Örebro län), every field of each standing offer, "may not" sentences,
a closed offer, a changed layout, and a round trip through the local site renderer."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
import time_machine

from hubb.clock import TZ
from hubb.record import CallRecord
from scrapers.sites import almi as site
from scrapers.spiders.almi import AlmiSpider
from tests.helpers.fixture_crawl import crawl_files, crawl_pages
from tests.helpers.sites import records_of

FILES = Path(__file__).resolve().parent / "files" / "almi"
CAPTURED = datetime(2026, 11, 27, 9, 0, tzinfo=TZ)
BASE = "https://www.almi.se"


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(CAPTURED, tick=False):
        yield


@pytest.fixture(scope="module")
def harvest():
    with time_machine.travel(CAPTURED, tick=False):
        return crawl_files(AlmiSpider, FILES)


def problems(result) -> list[str]:
    return result.stats.get("hubb/structure_problems") or []


# -- the crawl ---------------------------------------------------------------------------------

def test_crawl_reads_the_listings_and_every_offer_once(harvest):
    # first the rules every loan shares (the FAQ on loans), then the three listings
    assert harvest.fetched[:4] == [BASE + "/faq/lan/", BASE + "/lan/", BASE + "/innovation/", BASE + "/malardalen/"]
    assert sorted(harvest.by_id()) == ["brygglan", "gront-lan", "innovationslan",
                                       "malardalen-innovationsfinansiering-orebro-lan", "mikrolan",
                                       "verifieringsmedel"]
    # the explanation page, the FAQ and the contact page are no offers; the office's link to a
    # national offer is not followed twice
    assert len(harvest.fetched) == 1 + 3 + 6 and harvest.missing == []
    assert not [u for u in harvest.fetched[1:] if "sa-fungerar" in u or "faq" in u or "kontakt" in u]
    assert harvest.spider.listing_complete is True
    assert problems(harvest) == [f"no 'Vem kan söka?' section: applicants from the lead ({BASE}/lan/mikrolan/)"]


# -- fields, offer by offer ----------------------------------------------------------------------

def test_innovation_loan_every_field(harvest):
    item = harvest.by_id()["innovationslan"]
    assert item["source"] == "almi"
    assert item["funder"] == "Almi Företagspartner"
    assert item["url"] == BASE + "/lan/innovationslan/"
    assert item["language"] == "sv"
    assert item["title"] == "Innovationslån"
    assert item["summary"] == ("Innovationslånet är till för företag som vill utveckla en ny produkt, tjänst, process "
                               "eller affärsmodell där risken är högre än vid traditionella investeringar.")
    assert item["text"].startswith("Innovationslån\n\nInnovationslånet är till för företag")
    assert "Hur mycket kan jag låna?\n\nEtt innovationslån är lägst 50 000 kronor och högst 500 000 kronor." in item["text"]
    assert (item["opens"], item["deadline"]) == (None, None)
    assert item.get("opens_raw") is None and item.get("deadline_raw") is None
    assert item["status"] == "rolling"
    assert item["applicants"] == ["company"]  # "Privatpersoner kan inte söka" is not an applicant
    assert item["regions"] == ["SE"]
    assert (item["employees_min"], item["employees_max"]) == (None, 250)
    assert (item["company_age_min"], item["company_age_max"]) == (None, None)
    assert item["budget_sek"] is None
    assert item["max_grant_sek"] == 500_000


def test_microloan_reads_who_from_its_lead(harvest):
    item = harvest.by_id()["mikrolan"]
    assert item["applicants"] == ["sme", "startup"]
    assert item["max_grant_sek"] == 200_000
    assert item["status"] == "rolling"


def test_a_loan_page_without_a_head_count_limit_takes_the_one_every_loan_has(harvest):
    # the FAQ: "Våra lån vänder sig till företag med upp till 250 anställda i alla branscher"
    assert (harvest.spider.loan_rules.employees_min, harvest.spider.loan_rules.employees_max) == (None, 250)
    for loan in ("mikrolan", "brygglan"):
        assert (harvest.by_id()[loan]["employees_min"], harvest.by_id()[loan]["employees_max"]) == (None, 250), loan
    # an innovation offer is no loan: its own limits only
    assert harvest.by_id()["verifieringsmedel"]["employees_max"] is None
    # a regional offer states its own
    assert harvest.by_id()["malardalen-innovationsfinansiering-orebro-lan"]["employees_max"] == 49


def test_without_the_rules_page_the_loans_keep_their_own_limits_and_the_crawl_goes_on():
    pages = site.render(records_of(crawl_files(AlmiSpider, FILES).items))
    pages.pop("/faq/lan/")
    result = crawl_pages(AlmiSpider, {BASE + path: body for path, body in pages.items()})
    assert result.missing[:1] == [BASE + "/faq/lan/"]
    assert result.spider.loan_rules is None
    assert "mikrolan" in result.by_id() and result.spider.listing_complete is True
    assert result.by_id()["mikrolan"]["employees_max"] is None


def test_may_not_sentences_are_not_applicants(harvest):
    item = harvest.by_id()["gront-lan"]
    assert item["applicants"] == ["company"]
    assert item["employees_max"] == 250
    assert item["max_grant_sek"] is None


def test_an_offer_no_longer_open_is_closed(harvest):
    assert harvest.by_id()["brygglan"]["status"] == "closed"


def test_verification_funding_read_by_its_headings(harvest):
    item = harvest.by_id()["verifieringsmedel"]
    assert item["url"] == BASE + "/innovation/verifieringsmedel/"
    assert item["applicants"] == ["sme"]
    assert item["max_grant_sek"] == 100_000
    assert " • verifiera kundbehov och potential på marknad" in item["text"]


def test_the_offices_own_offer_is_regional(harvest):
    item = harvest.by_id()["malardalen-innovationsfinansiering-orebro-lan"]
    assert item["regions"] == ["SE124", "SE125"]
    assert item["url"] == BASE + "/malardalen/innovationsfinansiering-orebro-lan/"
    assert item["applicants"] == ["sme"]
    assert (item["employees_max"], item["company_age_max"]) == (49, 5)
    assert item["max_grant_sek"] == 300_000


def test_items_pass_the_pipelines(harvest):
    records = records_of(harvest.items)
    assert len(records) == 6
    assert {r.status for r in records} == {"rolling", "closed"}


# -- a changed layout -----------------------------------------------------------------------------

def test_listing_without_offer_links_is_fatal_and_not_complete():
    pages = {BASE + "/lan/": (FILES / "changed-layout" / "www.almi.se" / "lan" / "index.html").read_bytes(),
             BASE + "/innovation/": (FILES / "www.almi.se" / "innovation" / "index.html").read_bytes(),
             BASE + "/malardalen/": (FILES / "www.almi.se" / "malardalen" / "index.html").read_bytes()}
    result = crawl_pages(AlmiSpider, pages)
    assert f"no offer links in the listing ({BASE}/lan/)" in problems(result)
    assert result.stats["hubb/structure_missing/fatal"] == 1
    assert result.spider.listing_complete is False


def test_check_mode_reads_the_listings_and_one_offer():
    result = crawl_files(AlmiSpider, FILES, check="1")
    assert len(result.items) == 1 and result.spider.listing_complete is False


# -- round trip through the local site ---------------------------------------------------------------

def test_round_trip_through_the_renderer():
    records = [
        CallRecord(source="almi", id="innovationslan", url=BASE + "/lan/innovationslan/", title="Innovationslån",
                   funder="Almi Företagspartner", summary="För företag som vill utveckla en ny produkt.",
                   text="Innovationslån\n\nFör företag som vill utveckla en ny produkt.\n\nHur mycket kan jag låna?\n\n"
                        "Ett innovationslån är högst 500 000 kronor.\n\nVem kan söka?\n\nFöretag med upp till 250 anställda.",
                   status="rolling", applicants=["company"], regions=["SE"], employees_max=250, max_grant_sek=500_000),
        CallRecord(source="almi", id="verifieringsmedel", url=BASE + "/innovation/verifieringsmedel/",
                   title="Verifieringsmedel", summary="Medel i tidig fas.", text="Verifieringsmedel\n\nMedel i tidig fas.",
                   status="rolling", applicants=[], regions=["SE"]),
        CallRecord(source="almi", id="malardalen-verifiering", url=BASE + "/malardalen/verifiering/", title="Verifiering",
                   summary="Stöd i tidig fas.", text="Verifiering\n\nStöd i tidig fas.\n\nVem kan söka?\n\n"
                   "Små och medelstora företag.", status="rolling", applicants=["sme"], regions=["SE124", "SE125"]),
        CallRecord(source="almi", id="brygglan", url=BASE + "/lan/brygglan/", title="Brygglån", summary="Ett lån.",
                   text="Brygglån\n\nEtt lån.\n\nVem kan söka?\n\nFöretag.", status="closed", applicants=["company"],
                   regions=["SE"], employees_max=250),  # no limit of its own: the FAQ's for every loan
    ]
    pages = {BASE + path: body for path, body in site.render(records).items()}
    result = crawl_pages(AlmiSpider, pages)
    got = {r.id: r for r in records_of(result.items)}
    assert sorted(got) == sorted(r.id for r in records)
    for record in records:
        for name in ("url", "title", "summary", "status", "applicants", "regions", "employees_max",
                     "max_grant_sek", "deadline", "opens", "language"):
            assert getattr(got[record.id], name) == getattr(record, name), (record.id, name)
    assert result.spider.listing_complete is True
    assert problems(result) == [f"no 'Vem kan söka?' section: applicants from the lead ({BASE}/innovation/verifieringsmedel/)"]


def test_an_empty_innovation_listing_is_a_warning_not_a_failure():
    record = CallRecord(source="almi", id="mikrolan", url=BASE + "/lan/mikrolan/", title="Mikrolån", summary="Ett lån.",
                        text="Mikrolån\n\nEtt lån.\n\nVem kan söka?\n\nFöretag.", status="rolling", applicants=["company"])
    result = crawl_pages(AlmiSpider, {BASE + path: body for path, body in site.render([record]).items()})
    assert [i["id"] for i in result.items] == ["mikrolan"]
    assert problems(result) == [f"no offer links in the listing ({BASE}/innovation/)"]
    assert result.stats.get("hubb/structure_missing/fatal") is None
    assert result.spider.listing_complete is True
