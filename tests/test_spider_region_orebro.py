"""The region_orebro spider on saved pages (tests/files/region_orebro/, see its README): the
whole crawl from the hub over both hosts, field by field, time frozen at the capture date
2026-11-27; the odd cases (no deadline, rolling, paused, closed, upcoming, the /sv-ll/ copy, a
tracking query, a changed CSS class); and the local site's renderer read back by the spider."""

from __future__ import annotations

from datetime import date

import pytest
from scrapy.http import HtmlResponse

from hubb.record import CallRecord
from scrapers.sites import region_orebro as site
from scrapers.spiders.base import STAT_STRUCTURE_FATAL, STAT_STRUCTURE_WARN
from scrapers.spiders.region_orebro import RegionOrebroSpider, canonical_url
from tests.helpers.fixture_crawl import crawl, crawl_files, crawl_pages
from tests.helpers.sites import FILES, file_response, make_spider, records_of

ROOT = FILES / "region_orebro"
WWW = "https://www.regionorebrolan.se"
SUPPORT = f"{WWW}/sv/stod-och-bidrag"
GRANTS = f"{SUPPORT}/bidrag-och-kulturstipendier"
COMPANY = f"{SUPPORT}/foretagsstod"
FUNDING = "https://utveckling.regionorebrolan.se/sv/regionala-utvecklingsstrategin/projektfinansiering/"


@pytest.fixture(autouse=True)
def _capture_date(monkeypatch):
    monkeypatch.setenv("HUBB_NOW", "2026-11-27")


@pytest.fixture
def run():
    return crawl_files(RegionOrebroSpider, ROOT)


@pytest.fixture
def records(run):
    return {r.id: r for r in records_of(run.items)}


# id → the fields the page says (text is checked on its own below)
EXPECTED = {
    "projektfinansiering": dict(
        url=FUNDING, title="Projektfinansiering", status="rolling", opens=None, deadline=None,
        deadline_raw="Vi tar emot och beslutar om ansökningar löpande.", opens_raw=None,
        applicants={"academia", "public_sector", "nonprofit"}, employees_max=None,
        budget_sek=None, max_grant_sek=None,
        summary="Har du en projektidé? Vi kan finansiera projekt som bidrar till att nå målen i regionala "
                "utvecklingsstrategin (RUS) Tillväxt och hållbar utveckling i Örebro län."),
    "foretagsstod": dict(  # no deadline sentence at all: a standing offer
        url=f"{COMPANY}/", title="Företagsstöd och projektmedel", status="open", opens=None, deadline=None,
        # "Företag som söker stöd får inte ha fler än 249 anställda": SMEs ("kan inte vara ett hobbyföretag"
        # no longer refuses every company, so the section is read and the lead is not needed)
        deadline_raw=None, opens_raw=None, applicants={"sme"}, employees_max=249,
        budget_sek=None, max_grant_sek=None,
        summary="Genom olika typer av stöd bidrar Region Örebro län till en hållbar regional utveckling och "
                "tillväxt i hela länet. Här kan du som driver företag söka stöd för att utveckla och "
                "expandera din verksamhet."),
    "regionalt-investeringsstod": dict(  # paused
        url=f"{COMPANY}/regionalt-investeringsstod/", title="Regionalt investeringsstöd", status="closed",
        opens=None, deadline=None, deadline_raw="Stödet är pausat under 2026.", opens_raw=None,
        applicants={"sme"}, employees_max=249, budget_sek=None, max_grant_sek=None,
        summary="Stöd till investeringar i maskiner och byggnader som ger ett språng i företagets "
                "utveckling."),
    "innovationscheck": dict(  # rolling
        url=f"{COMPANY}/innovationscheck/", title="Innovationscheck", status="rolling", opens=None,
        deadline=None, deadline_raw="Det går bra att söka under hela året.", opens_raw=None,
        applicants={"sme"}, employees_max=249, budget_sek=None, max_grant_sek=100_000,
        summary="Innovationschecken ger små företag möjlighet att köpa extern kompetens för att utveckla en "
                "ny produkt, tjänst eller process."),
    "omstallningscheck": dict(  # open; linked with a tracking query; "Beslut fattas löpande" is no rolling
        url=f"{COMPANY}/omstallningscheck/", title="Omställningscheck", status="open", opens=None,
        deadline=date(2026, 12, 12), deadline_raw="Sök senast den 12 december 2026.", opens_raw=None,
        applicants={"sme"}, employees_max=None, budget_sek=5_000_000, max_grant_sek=250_000,
        summary="Företag i Örebro län som vill ställa om och utveckla sin verksamhet kan söka en "
                "omställningscheck för att anlita en extern konsult."),
    "extra-stod-manniskor-pa-flykt-fran-krig": dict(  # closed
        url=f"{GRANTS}/extra-stod-manniskor-pa-flykt-fran-krig/",
        title="Extra stöd för att stötta människor på flykt från krig", status="closed", opens=None,
        deadline=date(2022, 5, 31), deadline_raw="Sista ansökningsdag är 31 maj 2022.", opens_raw=None,
        applicants={"company", "public_sector", "nonprofit"}, employees_max=None,
        budget_sek=500_000, max_grant_sek=30_000,
        summary="Föreningar, folkbildningen, kommuner, kulturinstitutioner, företag och andra organisationer "
                "som genomför aktiviteter i Örebro län kan söka upp till 30 000 kronor. Aktiviteterna ska "
                "rikta sig till människor på flykt från krig."),
    "litteraturstipendium": dict(  # upcoming; "När kan du söka?"; "över 18 år" is no company age
        url=f"{GRANTS}/litteraturstipendium/", title="Främjandestöd litteratur", status="upcoming",
        opens=date(2027, 2, 15), deadline=date(2027, 3, 15),
        deadline_raw="Nästa ansökningstillfälle är den 15 februari-15 mars 2027.",
        opens_raw="Nästa ansökningstillfälle är den 15 februari-15 mars 2027.",
        applicants={"individual"}, employees_max=None, budget_sek=None, max_grant_sek=25_000,
        summary="Du som är blivande eller etablerad författare i Örebro län kan söka stöd för att utveckla "
                "ditt författarskap, till exempel genom sammanhängande skrivtid. Det högsta beloppet som går "
                "att söka är 25 000 kronor."),
    "foreningsstod": dict(  # open now, with an opening date; the funder's name is no applicant
        url=f"{GRANTS}/foreningsstod/", title="Föreningsstöd", status="open", opens=date(2026, 11, 1),
        deadline=date(2026, 12, 15),
        deadline_raw="Ansökningsperioden inför 2027 är öppen 1 november till 15 december 2026.",
        opens_raw="Ansökningsperioden inför 2027 är öppen 1 november till 15 december 2026.",
        applicants={"nonprofit"}, employees_max=None, budget_sek=None, max_grant_sek=None,
        summary="Region Örebro län stödjer ett brett föreningsliv. Region Örebro län ger stöd till "
                "länsidrottsförbunden, ungdomsorganisationer, kulturföreningar, sociala stödorganisationer "
                "och andra föreningar med regional verksamhet."),
    "kulturstipendier": dict(  # closed, "fram till och med"
        url=f"{GRANTS}/kulturstipendier/", title="Kulturstipendier", status="closed", opens=None,
        deadline=date(2023, 8, 25), deadline_raw="Ansökan är öppen fram till och med den 25 augusti 2023.",
        opens_raw=None, applicants={"individual"}, employees_max=None, budget_sek=None, max_grant_sek=40_000,
        summary="Region Örebro län delar varje år ut kulturstipendier till professionella kulturskapare i "
                "länet."),
}


def test_one_record_per_support_page_and_the_listing_is_complete(run, records):
    assert sorted(records) == sorted(EXPECTED)
    assert len(run.items) == 9
    assert run.spider.listing_complete is True
    assert run.missing == []
    # hub, two sections, the funding page, seven call pages: each fetched once
    assert len(run.fetched) == len(set(run.fetched)) == 11
    assert run.stats.get(STAT_STRUCTURE_WARN) is None and run.stats.get(STAT_STRUCTURE_FATAL) is None
    assert run.stats["hubb/pages_parsed"] == 11


@pytest.mark.parametrize("call_id", sorted(EXPECTED))
def test_fields(records, call_id):
    r = records[call_id]
    want = EXPECTED[call_id]
    got = dict(
        url=r.url, title=r.title, status=r.status, opens=r.opens, deadline=r.deadline,
        deadline_raw=r.deadline_raw, opens_raw=r.opens_raw, applicants=set(r.applicants),
        employees_max=r.employees_max, budget_sek=r.budget_sek, max_grant_sek=r.max_grant_sek,
        summary=r.summary,
    )
    assert got == want
    assert (r.source, r.funder, r.language, r.regions) == (
        "region_orebro", "Region Örebro län", "sv", ["SE124"])
    assert (r.employees_min, r.company_age_min, r.company_age_max) == (None, None, None)


def test_text_keeps_headings_as_lines_and_leaves_out_contacts(records):
    assert records["kulturstipendier"].text == (
        "Kulturstipendier\n\n"
        "Region Örebro län delar varje år ut kulturstipendier till professionella kulturskapare i länet.\n\n"
        "Vem kan söka?\n\n"
        "Professionella kulturskapare som är bosatta i Örebro län. Endast privatpersoner kan söka.\n\n"
        "När kan vi söka?\n\n"
        "Ansökan är öppen fram till och med den 25 augusti 2023.\n\n"
        "Hur mycket kan vi söka?\n\n"
        "Stipendiet är på 40 000 kronor."
    )
    innovation = records["innovationscheck"].text
    assert "• Konsulttjänster för att ta fram prototyper, tester och verifiering.\n• Hjälp med" in innovation
    for r in records.values():
        assert "Kontakter" not in r.text and "019-602 00 00" not in r.text
        assert "Du är på Region Örebro läns webbplats" not in r.text  # page chrome


def test_easy_read_copy_is_never_fetched_nor_a_second_record(run):
    assert not [u for u in run.fetched if "/sv-ll/" in u]
    assert [i["id"] for i in run.items].count("extra-stod-manniskor-pa-flykt-fran-krig") == 1
    # reached directly, the /sv-ll/ page is the same call: same id and canonical /sv/ URL
    spider = make_spider(RegionOrebroSpider)
    url = f"{WWW}/sv-ll/stod-och-bidrag/bidrag-och-kulturstipendier/extra-stod-manniskor-pa-flykt-fran-krig/"
    (item,) = spider.parse_call(file_response(
        "region_orebro/www.regionorebrolan.se/sv-ll/stod-och-bidrag/bidrag-och-kulturstipendier/"
        "extra-stod-manniskor-pa-flykt-fran-krig/index.html", url))
    assert (item["id"], item["url"]) == ("extra-stod-manniskor-pa-flykt-fran-krig",
                                        f"{GRANTS}/extra-stod-manniskor-pa-flykt-fran-krig/")


@pytest.mark.parametrize("url, canonical", [
    (f"{COMPANY}/omstallningscheck/?E-2-55274=55274", f"{COMPANY}/omstallningscheck/"),
    (f"{WWW}/sv-ll/stod-och-bidrag/foretagsstod", f"{COMPANY}/"),
    (f"{GRANTS}/foreningsstod/#nar", f"{GRANTS}/foreningsstod/"),
])
def test_canonical_url(url, canonical):
    assert canonical_url(url) == canonical


def test_listing_keys_are_what_the_cards_show_beyond_the_title(run):
    keys = {r.url: r.meta.get("listing_key") for r in run.requests}
    # a card with its date sentence: the page is fetched again only when the card changes
    assert keys[f"{GRANTS}/extra-stod-manniskor-pa-flykt-fran-krig/"] == (
        "Extra stöd för att stötta människor på flykt från krig Sista ansökningsdag är 31 maj 2022.")
    # a bare title would hide a changed deadline: no key, the page is revalidated
    assert keys[f"{GRANTS}/foreningsstod/"] is None
    assert keys[f"{COMPANY}/innovationscheck/"] is None
    assert keys[FUNDING] is None


def test_a_section_listing_that_fails_leaves_the_listing_incomplete():
    def fetch(url):
        if url == f"{GRANTS}/":
            return None  # 404, or errors after retries
        path = ROOT / url.split("://", 1)[1].split("?")[0] / "index.html"
        return path.read_bytes() if path.is_file() else None

    run = crawl(RegionOrebroSpider, fetch)
    assert sorted(i["id"] for i in run.items) == [
        "foretagsstod", "innovationscheck", "omstallningscheck", "projektfinansiering",
        "regionalt-investeringsstod"]
    assert run.spider.listing_complete is False  # so no grant is marked vanished


def test_changed_css_class_falls_back_to_headings_with_a_warning():
    url = f"{COMPANY}/innovationscheck/"
    spider = make_spider(RegionOrebroSpider)
    changed_page = file_response("region_orebro/changed-layout/innovationscheck.html", url)
    (changed,) = records_of(spider.parse_call(changed_page))
    stats = spider.crawler.stats.get_stats()
    assert stats[STAT_STRUCTURE_WARN] == 1
    assert stats["hubb/structure_problems"] == [
        "no content block (.article-body, .content-area): sections read by their headings "
        f"({url})"]
    assert stats.get(STAT_STRUCTURE_FATAL) is None
    normal_spider = make_spider(RegionOrebroSpider)
    (normal,) = records_of(normal_spider.parse_call(file_response(
        "region_orebro/www.regionorebrolan.se/sv/stod-och-bidrag/foretagsstod/innovationscheck/index.html",
        url)))
    # same call, read by meaning
    assert changed.to_json() == normal.to_json()


def test_a_call_page_without_headings_is_a_warning():
    spider = make_spider(RegionOrebroSpider)
    body = ("<html><body><main><article><h1>Bidrag</h1><div class='article-body'>"
            "<p><span class='rubrik'>Vem kan söka?</span> Föreningar.</p>"
            "<p>Sista ansökningsdag är 31 januari 2027.</p></div></article></main></body></html>")
    (item,) = spider.parse_call(HtmlResponse(url=f"{GRANTS}/bidrag/", body=body.encode(), encoding="utf-8"))
    assert spider.crawler.stats.get_value("hubb/structure_problems") == [
        f"no section headings on the call page ({GRANTS}/bidrag/)"]
    assert item["deadline"] == date(2027, 1, 31)  # the date sentence is still found in the text


def test_a_hub_without_support_links_is_fatal():
    spider = make_spider(RegionOrebroSpider)
    body = "<html><body><main><h1>Stöd och bidrag</h1><p>Sidan har flyttat.</p></main></body></html>"
    out = list(spider.parse_listing(HtmlResponse(url=f"{SUPPORT}/", body=body.encode(), encoding="utf-8")))
    assert out == []
    assert spider.crawler.stats.get_value(STAT_STRUCTURE_FATAL) == 1
    assert spider.listing_complete is False


def test_status_follows_the_harvest_date(monkeypatch):
    monkeypatch.setenv("HUBB_NOW", "2027-02-20")
    records = {r.id: r for r in records_of(crawl_files(RegionOrebroSpider, ROOT).items)}
    assert records["omstallningscheck"].status == "closed"
    assert records["foreningsstod"].status == "closed"
    assert records["litteraturstipendium"].status == "open"
    assert records["innovationscheck"].status == "rolling"


# -- the local site (scrapers/sites/region_orebro.py) ------------------------------------------

def test_rendered_site_reads_back_as_the_same_records(records):
    pages = site.render(list(records.values()))
    assert {"https://www.regionorebrolan.se/robots.txt",
            "https://utveckling.regionorebrolan.se/robots.txt", f"{SUPPORT}/", f"{GRANTS}/",
            f"{COMPANY}/", FUNDING} <= set(pages)
    assert all(b"../shared/SOURCES.md" in body
               for url, body in pages.items() if not url.endswith("robots.txt"))
    run = crawl_pages(RegionOrebroSpider, pages)
    again = {r.id: r for r in records_of(run.items)}
    assert {k: r.to_json() for k, r in again.items()} == {k: r.to_json() for k, r in records.items()}
    assert run.spider.listing_complete is True
    assert run.stats.get(STAT_STRUCTURE_WARN) is None


def test_rendered_site_shows_a_changed_deadline_on_the_page_and_the_card(records):
    changed = records["extra-stod-manniskor-pa-flykt-fran-krig"].model_copy(
        update={"deadline": date(2027, 1, 15), "status": "open"})
    pages = site.render([changed])
    run = crawl_pages(RegionOrebroSpider, pages)
    (r,) = records_of(run.items)
    assert (r.deadline, r.status, r.deadline_raw) == (
        date(2027, 1, 15), "open", "Sista ansökningsdag är 15 januari 2027.")
    key = next(q.meta["listing_key"] for q in run.requests if q.url == changed.url)
    assert key.endswith("Sista ansökningsdag är 15 januari 2027.")


def test_rendered_grant_listing_is_paged_and_read_to_the_end():
    records = [
        CallRecord(source="region_orebro", id=f"bidrag-{n:03d}", url=f"{GRANTS}/bidrag-{n:03d}/",
                   title=f"Bidrag {n}", summary="Föreningar i Örebro län kan söka.",
                   text=f"Bidrag {n}\n\nFöreningar i Örebro län kan söka.\n\nVem kan söka?\n\nFöreningar.",
                   deadline=date(2027, 3, 1 + n % 28), status="open")
        for n in range(120)
    ]
    pages = site.render(records)
    assert f"{GRANTS}/?page=3" in pages and f"{GRANTS}/?page=4" not in pages
    run = crawl_pages(RegionOrebroSpider, pages)
    got = {r.id: r for r in records_of(run.items)}
    assert sorted(got) == sorted(r.id for r in records)
    assert got["bidrag-041"].deadline == date(2027, 3, 14)
    assert run.spider.listing_complete is True
    assert len([u for u in run.fetched if u.startswith(f"{GRANTS}/?page=")]) == 2


def test_numbered_pages_of_a_section_are_followed():
    spider = make_spider(RegionOrebroSpider)
    list(spider.start_requests())
    body = (f"<html><body><main><h1>Bidrag</h1><ul>"
            f"<li><a href='{GRANTS}/a/'>A</a></li></ul>"
            f"<nav><a href='{GRANTS}/?page=2'>2</a> <a href='{GRANTS}/?page=3'>3</a>"
            f"<a href='{WWW}/sv/vard/'>Nästa steg</a></nav></main></body></html>")
    out = list(spider.parse_listing(HtmlResponse(url=f"{GRANTS}/", body=body.encode(), encoding="utf-8")))
    assert [r.url for r in out] == [f"{GRANTS}/a/", f"{GRANTS}/?page=2", f"{GRANTS}/?page=3"]


def test_records_from_elsewhere_get_a_grant_page_named_by_their_id():
    foreign = CallRecord(source="region_orebro", id="omstallningscheckar-2022",
                         url="https://www.orebrokuriren.se/2021/11/10/regionen-ger-stod/",
                         title="Omställningscheckar", text="Omställningscheckar", status="rolling")
    assert site.place(foreign) == (
        WWW, "/sv/stod-och-bidrag/bidrag-och-kulturstipendier/omstallningscheckar-2022/")
    (r,) = records_of(crawl_pages(RegionOrebroSpider, site.render([foreign])).items)
    assert (r.id, r.status, r.deadline_raw) == ("omstallningscheckar-2022", "rolling",
                                                "Det går bra att söka under hela året.")


def test_generated_records_read_back_with_their_dates_and_status():
    """The benchmark's and the demo's records (real texts with other dates): each page says
    the record's dates, not the template text's old ones."""
    from scrapers.sites.generate import generate_records

    records = generate_records("region_orebro", 100, date(2026, 11, 27))
    run = crawl_pages(RegionOrebroSpider, site.render(records))
    got = {r.id: r for r in records_of(run.items)}
    assert sorted(got) == sorted(r.id for r in records)
    assert {r.id: (r.deadline_date, r.opens, r.status) for r in records} == {
        i: (r.deadline_date, r.opens, r.status) for i, r in got.items()}
    # every call page but the funding page (a start URL) is keyed on its listing card
    unkeyed = [q.url for q in run.requests
               if q.callback.__name__ == "parse_call" and not q.meta.get("listing_key")]
    assert unkeyed == [FUNDING]


def test_opened_and_then_open_all_year_is_rolling():
    record = CallRecord(source="region_orebro", id="forstudiecheck", url=f"{COMPANY}/forstudiecheck/",
                        title="Förstudiecheck", summary="Små företag kan söka en förstudiecheck.",
                        text="Förstudiecheck", opens=date(2026, 3, 1), status="rolling")
    (r,) = records_of(crawl_pages(RegionOrebroSpider, site.render([record])).items)
    assert (r.opens, r.deadline, r.status, r.opens_raw) == (
        date(2026, 3, 1), None, "rolling", "Ansökan öppnade 1 mars 2026.")
