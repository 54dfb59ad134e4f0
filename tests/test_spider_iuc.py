"""The iuc spider on saved pages (tests/files/iuc/, see its README): IUC Industrihubb's offers
and projects and IUC Sverige's national projects, field by field, time frozen at the capture date
2026-11-27; project periods (running, upcoming, ended, ended early, no end stated), regions
(SE124 for Industrihubb, SE unless the text limits it), a changed CSS class; and the local
site's renderer read back by the spider."""

from __future__ import annotations

from datetime import date

import pytest
from scrapy.http import HtmlResponse

from hubb.record import CallRecord
from scrapers.sites import iuc as site
from scrapers.spiders.base import STAT_STRUCTURE_FATAL, STAT_STRUCTURE_WARN
from scrapers.spiders.iuc import IucSpider, read_period
from tests.helpers.fixture_crawl import crawl_files, crawl_pages
from tests.helpers.sites import FILES, file_response, make_spider, records_of

ROOT = FILES / "iuc"
HUBB = "https://iucindustrihubb.se"
SVERIGE = "https://iuc.se"


@pytest.fixture(autouse=True)
def _capture_date(monkeypatch):
    monkeypatch.setenv("HUBB_NOW", "2026-11-27")


@pytest.fixture
def run():
    return crawl_files(IucSpider, ROOT)


@pytest.fixture
def records(run):
    return {r.id: r for r in records_of(run.items)}


EXPECTED = {
    "industrihubb-orebro-lan": dict(  # no end stated → rolling
        url=f"{HUBB}/erbjudanden/vara-projekt/industrihubb-orebro-lan/", title="Industrihubb Örebro län",
        funder="IUC Industrihubb", status="rolling", opens=None, deadline=None, deadline_raw=None,
        opens_raw=None, applicants={"company"}, regions=["SE124"], employees_min=None, employees_max=None,
        max_grant_sek=None,
        summary="Detta är projektet för att skapa ett industriellt utvecklingscenter (IUC) i vårt län. Med "
                "ett IUC får vi bättre förutsättningar för industriföretagen att ta del av europeiska, "
                "nationella och regionala stöd."),
    "kompetenslyft-industri": dict(  # the period starts after the capture date → upcoming
        url=f"{HUBB}/erbjudanden/vara-projekt/kompetenslyft-industri/", title="Kompetenslyft industri",
        funder="IUC Industrihubb", status="upcoming", opens=date(2027, 2, 1), deadline=date(2029, 1, 31),
        deadline_raw="Projektperiod: 1 februari 2027 – 31 januari 2029",
        opens_raw="Projektperiod: 1 februari 2027 – 31 januari 2029", applicants={"sme"}, regions=["SE124"],
        employees_min=None, employees_max=249, max_grant_sek=None,
        summary="Kompetenslyft industri ger länets industriföretag utbildning i produktionsledning, lean och "
                "automation, anpassad efter företagets behov."),
    "automationscheckar": dict(  # an offer running to a date → open; an amount
        url=f"{HUBB}/erbjudanden/automationscheckar/", title="Automationscheckar", funder="IUC Industrihubb",
        status="open", opens=None, deadline=date(2027, 6, 30),
        deadline_raw="Erbjudandet pågår till och med 30 juni 2027.", opens_raw=None, applicants={"sme"},
        regions=["SE124"], employees_min=None, employees_max=None, max_grant_sek=100_000,
        summary="Är ni ett litet eller medelstort tillverkande företag som vill utveckla er tillverkning mot "
                "högre grad av automatisering eller robotisering? Då kan ni söka en automationscheck för att "
                "ta in extern kompetens."),
    "iuc-sverige-produktionslyftet": dict(  # national, running; "Kostnad" is no grant
        url=f"{SVERIGE}/projekt/produktionslyftet/", title="Produktionslyftet", funder="IUC Sverige",
        status="open", opens=date(2024, 3, 1), deadline=date(2027, 2, 28),
        deadline_raw="Projekttid: 2024-03-01 – 2027-02-28", opens_raw="Projekttid: 2024-03-01 – 2027-02-28",
        applicants={"sme"}, regions=["SE"], employees_min=20, employees_max=249, max_grant_sek=None,
        summary="Produktionslyftet hjälper små och medelstora tillverkande företag att införa ett "
                "systematiskt förbättringsarbete enligt lean. En coach från det regionala IUC-bolaget "
                "stöttar företaget under 18 månader."),
    "iuc-sverige-robotlyftet": dict(  # a project that has ended ("avslutades i december 2021")
        url=f"{SVERIGE}/projekt/robotlyftet/", title="Robotlyftet", funder="IUC Sverige", status="closed",
        opens=None, deadline=date(2021, 12, 31),
        deadline_raw="Programmet startade 2019 och avslutades i december 2021.", opens_raw=None,
        applicants={"sme"}, regions=["SE"], employees_min=None, employees_max=None, max_grant_sek=None,
        summary="Robotlyftet initierades av regeringen för att stödja automatisering och robotisering inom "
                "små och medelstora industriföretag. Tillväxtverket har hanterat finansieringen och "
                "upphandlat utföraren IUC Sverige AB, som samverkat genom IUC-nätverket."),
    "iuc-sverige-kompetenslyft-gron-industri": dict(  # ended early; limited to two counties
        url=f"{SVERIGE}/projekt/kompetenslyft-gron-industri/", title="Kompetenslyft Grön Industri",
        funder="IUC Sverige", status="closed", opens=date(2023, 1, 1), deadline=date(2025, 12, 31),
        deadline_raw="Kompetenslyft Grön Industri startade 1 januari 2023 och var planerat att pågå fram "
                     "till 31 december 2025.",
        opens_raw="Kompetenslyft Grön Industri startade 1 januari 2023 och var planerat att pågå fram till "
                  "31 december 2025.",
        applicants=set(), regions=["SE33"], employees_min=None, employees_max=None, max_grant_sek=None,
        summary="IUC Norr meddelar att projektet Kompetenslyft Grön Industri avslutas i förtid. Beslutet har "
                "fattats efter en noggrann utvärdering av projektets status och framtidsutsikter."),
}


def test_one_record_per_offer_on_both_sites_and_the_listing_is_complete(run, records):
    assert sorted(records) == sorted(EXPECTED)
    assert len(run.items) == 6
    assert run.spider.listing_complete is True
    assert run.missing == []
    assert len(run.fetched) == len(set(run.fetched)) == 8  # two listings, six offers
    assert run.stats.get(STAT_STRUCTURE_WARN) is None and run.stats.get(STAT_STRUCTURE_FATAL) is None


@pytest.mark.parametrize("offer_id", sorted(EXPECTED))
def test_fields(records, offer_id):
    r = records[offer_id]
    got = dict(
        url=r.url, title=r.title, funder=r.funder, status=r.status, opens=r.opens, deadline=r.deadline,
        deadline_raw=r.deadline_raw, opens_raw=r.opens_raw, applicants=set(r.applicants), regions=r.regions,
        employees_min=r.employees_min, employees_max=r.employees_max, max_grant_sek=r.max_grant_sek,
        summary=r.summary,
    )
    assert got == EXPECTED[offer_id]
    assert (r.source, r.language, r.budget_sek, r.company_age_min, r.company_age_max) == (
        "iuc", "sv", None, None, None)


def test_text_keeps_headings_and_lists(records):
    assert records["automationscheckar"].text == (
        "Automationscheckar\n\n"
        "Är ni ett litet eller medelstort tillverkande företag som vill utveckla er tillverkning mot högre "
        "grad "
        "av automatisering eller robotisering? Då kan ni söka en automationscheck för att ta in extern "
        "kompetens.\n\n"
        "Erbjudandet pågår till och med 30 juni 2027.\n\n"
        "Vad kan checken användas till?\n\n"
        "• Förbereda en investering i automation\n"
        "• Minska de tekniska och ekonomiska riskerna inför en investering i modern automationsteknik\n"
        "• Vidareutbilda personal för omställning till automation\n\n"
        "Vem kan söka?\n\n"
        "Små och medelstora tillverkande företag i Örebro län som har genomfört en förutsättningsstudie.\n\n"
        "Hur mycket kan vi få?\n\n"
        "Checken är på upp till 100 000 kronor och täcker högst 50 procent av kostnaden."
    )
    assert "Anders Moberg" not in records["industrihubb-orebro-lan"].text  # contacts left out
    assert "Årsmöte" not in " ".join(r.text for r in records.values())  # news are no offers


def test_listing_keys_are_what_the_cards_show_beyond_the_title(run):
    keys = {r.url: r.meta.get("listing_key") for r in run.requests}
    assert keys[f"{HUBB}/erbjudanden/vara-projekt/kompetenslyft-industri/"] == (
        "Kompetenslyft industri Projektperiod: 1 februari 2027 – 31 januari 2029")
    assert keys[f"{SVERIGE}/projekt/produktionslyftet/"] == (
        "Produktionslyftet Projekttid: 2024-03-01 – 2027-02-28")
    assert keys[f"{HUBB}/erbjudanden/automationscheckar/"] is None  # a bare title: revalidated


@pytest.mark.parametrize("text, expected", [
    ("Projektperiod: 1 februari 2027 – 31 januari 2029", (date(2027, 2, 1), date(2029, 1, 31), False)),
    ("Projektet pågår till och med 30 juni 2027.", (None, date(2027, 6, 30), False)),
    ("Programmet startade 2019 och avslutades i december 2021.", (None, date(2021, 12, 31), False)),
    ("Projektet startar den 1 mars 2027.", (date(2027, 3, 1), None, False)),
    ("Projektet avslutas i förtid.", (None, None, True)),
    ("Vi hjälper länets industriföretag att växa.", (None, None, False)),
])
def test_read_period(text, expected):
    period = read_period(text, date(2026, 11, 27))
    assert (period.opens, period.end, period.ended_early) == expected


def test_changed_css_class_falls_back_to_headings_with_a_warning():
    url = f"{HUBB}/erbjudanden/automationscheckar/"
    spider = make_spider(IucSpider)
    changed_page = file_response("iuc/changed-layout/automationscheckar.html", url)
    (changed,) = records_of(spider.parse_offer(changed_page))
    stats = spider.crawler.stats.get_stats()
    assert stats[STAT_STRUCTURE_WARN] == 1
    assert stats["hubb/structure_problems"] == [
        f"no content block (.entry-content): sections read by their headings ({url})"]
    normal = make_spider(IucSpider)
    (expected,) = records_of(normal.parse_offer(file_response(
        "iuc/iucindustrihubb.se/erbjudanden/automationscheckar/index.html", url)))
    assert changed.to_json() == expected.to_json()


def test_a_listing_without_offers_is_a_warning_not_silence():
    spider = make_spider(IucSpider)
    list(spider.start_requests())
    body = b"<html><body><main><h1>Erbjudanden</h1><p>Sidan byggs om.</p></main></body></html>"
    out = list(spider.parse_listing(HtmlResponse(url=f"{HUBB}/erbjudanden/", body=body, encoding="utf-8")))
    assert out == []
    assert spider.crawler.stats.get_value(STAT_STRUCTURE_WARN) == 1
    assert spider.listing_complete is False  # iuc.se's listing is still to come


def test_status_follows_the_harvest_date(monkeypatch):
    monkeypatch.setenv("HUBB_NOW", "2027-07-01")
    records = {r.id: r for r in records_of(crawl_files(IucSpider, ROOT).items)}
    assert records["kompetenslyft-industri"].status == "open"
    assert records["automationscheckar"].status == "closed"
    assert records["iuc-sverige-produktionslyftet"].status == "closed"
    assert records["industrihubb-orebro-lan"].status == "rolling"


# -- the local site (scrapers/sites/iuc.py) ----------------------------------------------------

def test_rendered_site_reads_back_as_the_same_records(records):
    pages = site.render(list(records.values()))
    assert {f"{HUBB}/robots.txt", f"{SVERIGE}/robots.txt", f"{HUBB}/erbjudanden/", f"{SVERIGE}/"} \
        <= set(pages)
    assert all(b"../shared/SOURCES.md" in body
               for url, body in pages.items() if not url.endswith("robots.txt"))
    run = crawl_pages(IucSpider, pages)
    again = {r.id: r for r in records_of(run.items)}
    assert {k: r.to_json() for k, r in again.items()} == {k: r.to_json() for k, r in records.items()}
    assert run.spider.listing_complete is True
    assert run.stats.get(STAT_STRUCTURE_WARN) is None


def test_rendered_site_shows_a_changed_period_on_the_page_and_the_card(records):
    changed = records["automationscheckar"].model_copy(update={"deadline": date(2027, 12, 31)})
    run = crawl_pages(IucSpider, site.render([changed]))
    (r,) = records_of(run.items)
    assert (r.deadline, r.status, r.deadline_raw) == (
        date(2027, 12, 31), "open", "Projektet pågår till och med 31 december 2027.")
    key = next(q.meta["listing_key"] for q in run.requests if q.url == changed.url)
    assert key == "Automationscheckar Projektet pågår till och med 31 december 2027."


def test_records_are_placed_by_id():
    national = CallRecord(source="iuc", id="iuc-sverige-smart-industri", url="https://iucnorr.se/x/",
                          title="Smart industri", text="Smart industri", opens=date(2026, 1, 1),
                          deadline=date(2027, 12, 31))
    local = CallRecord(source="iuc", id="energilyftet", url="https://example.se/energi/",
                       title="Energilyftet", text="Energilyftet", status="rolling")
    assert site.place(national) == (SVERIGE, "/projekt/smart-industri/")
    assert site.place(local) == (HUBB, "/erbjudanden/vara-projekt/energilyftet/")
    got = {r.id: r for r in records_of(crawl_pages(IucSpider, site.render([national, local])).items)}
    assert (got["iuc-sverige-smart-industri"].opens, got["iuc-sverige-smart-industri"].deadline,
            got["iuc-sverige-smart-industri"].regions) == (date(2026, 1, 1), date(2027, 12, 31), ["SE"])
    assert (got["energilyftet"].status, got["energilyftet"].regions) == ("rolling", ["SE124"])


def test_generated_records_read_back_with_their_periods():
    """The benchmark's and the demo's records (real texts, "avslutas i förtid" included, with
    other dates): each page says the record's period, not the template text's."""
    from scrapers.sites.generate import generate_records

    records = generate_records("iuc", 100, date(2026, 11, 27))
    run = crawl_pages(IucSpider, site.render(records))
    got = {r.id: r for r in records_of(run.items)}
    assert {r.id: (r.deadline_date, r.opens, r.status) for r in records} == {
        i: (r.deadline_date, r.opens, r.status) for i, r in got.items()}
    assert all(q.meta.get("listing_key") for q in run.requests if q.callback.__name__ == "parse_offer")


def test_unknown_markup_is_read_by_meaning():
    """iuc.se's markup is unknown: bold paragraphs as headings, text in bare divs, menus,
    scripts and footers left out."""
    body = """<html><body><div class="menu"><nav><a href="/">Hem</a></nav></div>
    <div class="wrap"><h1>Digitaliseringslyftet</h1>
    <div>Ett program för industriföretag som vill digitalisera produktionen.</div>
    <p><strong>Vem kan delta?</strong></p><div>Små och medelstora företag i hela landet.</div>
    <p><b>Projektperiod:</b> 1 mars 2026 – 28 februari 2028</p>
    <script>var x = "Sista ansökningsdag 1 januari 2020";</script></div>
    <footer>IUC Sverige AB</footer></body></html>"""
    spider = make_spider(IucSpider)
    url = f"{SVERIGE}/projekt/digitaliseringslyftet/"
    (r,) = records_of(spider.parse_offer(HtmlResponse(url=url, body=body.encode(), encoding="utf-8")))
    assert r.text == ("Digitaliseringslyftet\n\n"
                      "Ett program för industriföretag som vill digitalisera produktionen.\n\n"
                      "Vem kan delta?\n\n"
                      "Små och medelstora företag i hela landet.\n\n"
                      "Projektperiod: 1 mars 2026 – 28 februari 2028")
    assert (r.id, r.summary, r.applicants, r.regions) == (
        "iuc-sverige-digitaliseringslyftet",
        "Ett program för industriföretag som vill digitalisera produktionen.", ["sme"], ["SE"])
    assert (r.opens, r.deadline, r.status) == (date(2026, 3, 1), date(2028, 2, 28), "open")
    assert spider.crawler.stats.get_value(STAT_STRUCTURE_WARN) is None  # no class was expected there
