"""The Vinnova spider on saved API answers and listing pages (tests/files/vinnova/, see its README):
one record per public round, field by field, its url a link of the listing (never built from a
title), time frozen at the capture date 2026-11-27."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from scrapy.http import Request

from hubb.clock import TZ
from hubb.swedish.eligibility import parse_eligibility
from scrapers.spiders.vinnova import VinnovaSpider, api_datetime, public, real_title
from tests.helpers.sites import file_response, make_spider, records_of

CALLS_URL = "https://data.vinnova.se/api/utlysningar/2023-11-28"
ROUNDS_URL = "https://data.vinnova.se/api/ansokningsomgangar/2023-11-28"
LISTING_URL = "https://www.vinnova.se/sok-finansiering/hitta-finansiering/"
#: the listing's pages as saved (tests/files/vinnova/hitta-finansiering*.html)
LISTING_FILES = {LISTING_URL: "vinnova/hitta-finansiering.html",
                 LISTING_URL + "?page=2": "vinnova/hitta-finansiering.page-2.html"}


def read_listing(spider, request, files=LISTING_FILES, fail=()):
    """Answer the listing requests from ``files`` (a URL in ``fail`` answers 500) until the
    records come: the items and the listing URLs requested."""
    from scrapy.spidermiddlewares.httperror import HttpError
    from twisted.python.failure import Failure

    out, asked = [], []
    queue = [request]
    while queue:
        req = queue.pop(0)
        asked.append(req.url)
        if req.url in fail:
            response = file_response(files[req.url], req.url, request=req).replace(status=500)
            failure = Failure(HttpError(response, "Ignoring non-200 response"))
            failure.request = req  # as Scrapy hands it to an errback
            produced = req.errback(failure)
        else:
            produced = req.callback(file_response(files[req.url], req.url, request=req))
        for o in produced or ():
            if isinstance(o, Request) and o.callback.__name__ == "parse_listing":
                queue.append(o)
            else:
                out.append(o)
    return out, asked


@pytest.fixture
def spider(monkeypatch):
    monkeypatch.setenv("HUBB_NOW", "2026-11-27")
    return make_spider(VinnovaSpider)


@pytest.fixture
def records(spider):
    (start,) = list(spider.start_requests())
    assert start.url == CALLS_URL
    (rounds_request,) = list(spider.parse_calls(file_response("vinnova/utlysningar.json", CALLS_URL),
                                                **start.cb_kwargs))
    assert rounds_request.url == ROUNDS_URL
    (listing_request,) = list(spider.parse_rounds(file_response("vinnova/ansokningsomgangar.json", ROUNDS_URL),
                                                  **rounds_request.cb_kwargs))
    assert listing_request.url == LISTING_URL
    assert spider.listing_complete is False  # not before the records are out
    items, asked = read_listing(spider, listing_request)
    assert asked == [LISTING_URL, LISTING_URL + "?page=2"]  # "Nästa" followed, page 1 not read twice
    return {r.id: r for r in records_of(items)}


def test_one_record_per_public_round_and_the_listing_is_complete(spider, records):
    assert sorted(records) == ["2026-00101", "2026-00202", "2026-00303", "2026-00304",
                               "2026-00404", "2026-00505", "2026-00606"]
    assert spider.listing_complete is True
    assert spider.crawler.stats.get_value("hubb/vinnova/not_public") == 2
    assert spider.crawler.stats.get_value("hubb/pages_parsed") == 4  # two API answers, two listing pages


def test_every_url_is_a_link_of_the_listing_in_its_real_form(spider, records):
    assert {i: r.url for i, r in records.items()} == {
        # call title slug / round title cut, round dnr
        "2026-00101": "https://www.vinnova.se/e/innovativa-startups/innovativa-startups-steg-1-hosten-2026-2026-00101/",
        # the full 44-character call title
        "2026-00202": ("https://www.vinnova.se/e/medtech4health-innovatorer-i-vard-och-omsorg/"
                       "medtech4health-implementering-av-2026-00202/"),
        # closed, not on the listing: the listing page itself, never a URL made of titles
        "2026-00303": LISTING_URL,
        # utlysning-{call dnr}, no round dnr: the call's dnr and the round's title
        "2026-00304": "https://www.vinnova.se/e/utlysning-2026-90303/innovair-smf-flyg-varen-2027/",
        # {cut slug}-{call dnr} / round dnr; the listing's tracking query dropped
        "2026-00404": ("https://www.vinnova.se/e/kompetenscentrum-inom-hallbar-industri-2026-90404/"
                       "kompetenscentrum-inom-hallbar-industri-2026-00404/"),
        # page 2 of the listing; English
        "2026-00505": "https://www.vinnova.se/e/sustainable-food-system/everyday-food-of-the-future-explore-2026-00505/",
        # no dnr at all, no trailing slash: the title alone
        "2026-00606": ("https://www.vinnova.se/e/gemensamma-ai-formagor-i-kommuner-och-civilsamhalle/"
                       "gemensamma-ai-formagor-i-kommuner-och-civilsamhalle-2026"),
    }
    stats = spider.crawler.stats
    assert (stats.get_value("hubb/vinnova/url_from_pages"), stats.get_value("hubb/vinnova/url_not_on_pages")) == (6, 1)
    assert spider.stand_in_urls == {"2026-00303"}


def test_a_round_not_on_the_listing_gets_the_listing_and_a_warning_naming_it(spider, caplog):
    (start,) = list(spider.start_requests())
    (rounds_request,) = list(spider.parse_calls(file_response("vinnova/utlysningar.json", CALLS_URL),
                                                **start.cb_kwargs))
    (listing_request,) = list(spider.parse_rounds(file_response("vinnova/ansokningsomgangar.json", ROUNDS_URL),
                                                  **rounds_request.cb_kwargs))
    with caplog.at_level("WARNING"):
        items, _ = read_listing(spider, listing_request)
    assert [r.url for r in records_of(items) if r.id == "2026-00303"] == [LISTING_URL]
    warned = [r.getMessage() for r in caplog.records if "2026-00303" in r.getMessage()]
    assert warned == [f"1 round(s) with the listing {LISTING_URL} as url (no listing page links them; "
                      "a stored call keeps its url): 2026-00303"]
    # nothing anywhere is a URL assembled from the round's title
    assert not any("innovair-smf-flyg-varen-2026" in str(i.get("url")) for i in items if isinstance(i, dict))


def test_a_failing_listing_page_keeps_every_round_with_stand_in_urls(spider, caplog):
    (start,) = list(spider.start_requests())
    (rounds_request,) = list(spider.parse_calls(file_response("vinnova/utlysningar.json", CALLS_URL),
                                                **start.cb_kwargs))
    (listing_request,) = list(spider.parse_rounds(file_response("vinnova/ansokningsomgangar.json", ROUNDS_URL),
                                                  **rounds_request.cb_kwargs))
    with caplog.at_level("WARNING"):
        items, asked = read_listing(spider, listing_request, fail={LISTING_URL})
    records = {r.id: r for r in records_of(items)}
    assert asked == [LISTING_URL]
    assert len(records) == 7 and {r.url for r in records.values()} == {LISTING_URL}
    assert spider.stand_in_urls == set(records)  # the store keeps every stored call's url
    assert spider.listing_complete is True  # the API answer is the whole listing of rounds
    assert spider.crawler.stats.get_value("hubb/vinnova/listing_failed") == 1
    warned = [r.getMessage() for r in caplog.records if "round(s) with the listing" in r.getMessage()]
    assert len(warned) == 1 and "the listing could not be read" in warned[0]
    assert warned[0].endswith(": 2026-00101, 2026-00202, 2026-00303, 2026-00304, 2026-00404, 2026-00505, 2026-00606")


def test_open_round_closing_at_14_local_time(records):
    r = records["2026-00101"]
    assert r.source == "vinnova"
    assert r.funder == "Vinnova"
    assert r.url == "https://www.vinnova.se/e/innovativa-startups/innovativa-startups-steg-1-hosten-2026-2026-00101/"
    assert r.title == "Innovativa Startups steg 1 hösten 2026"
    assert r.language == "sv"
    assert r.summary.startswith("Är ni ett nystartat företag som vill bidra till hållbar tillväxt")
    assert r.opens == date(2026, 9, 15)
    assert r.opens_raw == "2026-09-15T00:00:00"
    assert r.deadline == datetime(2026, 12, 10, 14, 0, tzinfo=TZ)
    assert r.deadline.isoformat() == "2026-12-10T14:00:00+01:00"
    assert r.deadline_raw == "2026-12-10T14:00:00"
    assert r.status == "open"
    assert r.regions == ["SE"]
    assert r.max_grant_sek == 300000
    assert r.budget_sek is None
    who = "Små, nystartade företag som är yngre än fem år, har en årsomsättning lägre än två miljoner kronor och inte har delat ut vinst."
    assert r.applicants == [a.value for a in parse_eligibility(who).applicants]
    assert "startup" in r.applicants
    assert r.text.split("\n\n") == [
        "Innovativa Startups steg 1 hösten 2026",
        "Är ni ett nystartat företag som vill bidra till hållbar tillväxt på en global marknad, vars "
        "verksamhet baseras på nyskapande produkter eller tjänster och har en skalbar affärsmodell?",
        "Erbjudandet i korthet",
        "Vad kan ni söka för?",
        "Ta fram prototyper, utveckla affärsmodellen eller skapa strategier för att skydda företagets nya lösning.",
        "Vem kan söka?", who,
        "Hur mycket kan ni söka?", "I detta steg kan ni söka 300 000 kronor.",
    ]


def test_1900_closing_date_is_no_deadline_and_rolling(records):
    r = records["2026-00202"]
    assert r.deadline is None
    assert r.deadline_raw is None
    assert r.opens == date(2026, 2, 1)
    assert r.status == "rolling"
    assert r.max_grant_sek == 1500000


def test_closed_round_in_summer_time(records):
    r = records["2026-00303"]
    assert r.deadline.isoformat() == "2026-04-15T14:00:00+02:00"
    assert r.status == "closed"
    assert r.budget_sek == 3000000
    assert r.max_grant_sek is None
    assert r.title == "Innovair - SMF flyg våren 2026"


def test_upcoming_by_opening_date_joined_through_the_calls_round_list(records):
    r = records["2026-00304"]
    assert r.opens == date(2027, 1, 20)
    assert r.deadline.isoformat() == "2027-03-18T14:00:00+01:00"
    assert r.status == "upcoming"
    assert r.max_grant_sek == 2000000


def test_upcoming_announced_for_a_period_without_dates(records):
    r = records["2026-00404"]
    assert r.opens is None
    assert r.deadline is None
    assert r.opens_raw == "Vår 2027"
    assert r.status == "upcoming"
    assert r.title == "Kompetenscentrum inom Hållbar industri och Digital omställning 2027"


def test_english_only_round(records):
    r = records["2026-00505"]
    assert r.language == "en"
    assert r.title == "Everyday food of the future - explore visionary ideas"
    assert r.summary.startswith("With this initiative, we want to enable established companies")
    assert r.text.split("\n\n")[2:] == [
        "The offer in brief",
        "What can you apply for?", "Test ideas that can lead to wholly new solutions.",
        "Who can apply?", "Established companies that are at least five years old with at least five employees.",
        "How much can you apply for?",
        "Up to SEK 1 million per project. Preliminary budget for the call is SEK 11 million.",
    ]
    assert r.applicants == ["company"]
    assert (r.employees_min, r.employees_max) == (5, None)
    assert (r.company_age_min, r.company_age_max) == (5, None)
    assert (r.budget_sek, r.max_grant_sek) == (11000000, 1000000)
    assert r.status == "open"


def test_placeholder_english_title_keeps_the_swedish_one(records):
    r = records["2026-00606"]
    assert r.title == "Gemensamma AI-förmågor i kommuner och civilsamhälle 2026"
    assert r.language == "sv"
    assert (r.budget_sek, r.max_grant_sek) == (10000000, 2000000)
    assert r.applicants == ["company", "academia", "public_sector", "nonprofit"]


def test_non_public_rounds_are_skipped(records):
    assert "2026-00707" not in records  # its call has Publik = false
    assert "2026-00808" not in records  # Webbsida = 0


@pytest.mark.parametrize("field", ["id", "url", "title", "text", "status", "regions", "language"])
def test_every_record_has(records, field):
    assert all(getattr(r, field) for r in records.values())


def test_changed_api_answer_is_a_fatal_structure_problem(spider):
    response = file_response("vinnova/utlysningar.json", CALLS_URL)
    broken = response.replace(body=b'[{"Dnr": "2026-00101", "Namn": "x"}]')
    assert list(spider.parse_calls(broken, since="2023-11-28")) == []
    assert spider.crawler.stats.get_value("hubb/structure_missing/fatal") == 1
    not_json = response.replace(body=b"<html>Underhall</html>")
    assert list(spider.parse_calls(not_json, since="2023-11-28")) == []
    assert spider.crawler.stats.get_value("hubb/structure_missing/fatal") == 2
    assert spider.listing_complete is False


def test_check_mode_fetches_one_page_the_listing_links_and_checks_its_headings(monkeypatch):
    monkeypatch.setenv("HUBB_NOW", "2026-11-27")
    spider = make_spider(VinnovaSpider, check="1")
    calls = {c: {"Diarienummer": c, "Titel": "Innovativa Startups", "Publik": True} for c in ["2026-90101"]}
    (listing_request,) = list(spider.parse_rounds(file_response("vinnova/ansokningsomgangar.json", ROUNDS_URL),
                                                  calls=calls))
    out, asked = read_listing(spider, listing_request)
    assert asked == [LISTING_URL]  # a check reads one listing page
    page_requests = [o for o in out if isinstance(o, Request)]
    assert [r.url for r in page_requests] == [
        "https://www.vinnova.se/e/innovativa-startups/innovativa-startups-steg-1-hosten-2026-2026-00101/"]
    assert spider.listing_complete is False  # a check never marks calls vanished
    page = file_response("vinnova/page.html", page_requests[0].url)
    list(spider.check_page(page) or [])
    assert not spider.crawler.stats.get_value("hubb/structure_missing/fatal")
    list(spider.check_page(page.replace(body=b"<html><h1>Ny design</h1></html>")) or [])
    assert spider.crawler.stats.get_value("hubb/structure_missing/fatal") == 3


@pytest.mark.parametrize("raw, expected", [
    ("2026-10-13T14:00:00", datetime(2026, 10, 13, 14, 0, tzinfo=TZ)),
    ("2026-10-13T00:00:00", date(2026, 10, 13)),
    ("1900-01-01T00:00:00", None),
    ("", None),
    (None, None),
    ("inte ett datum", None),
])
def test_api_dates(raw, expected):
    assert api_datetime(raw) == expected


@pytest.mark.parametrize("entry, expected", [
    ({"Publik": 1, "Webbsida": 1}, True), ({"Publik": True}, True), ({}, True),
    ({"Publik": 0, "Webbsida": 1}, False), ({"Publik": 1, "Webbsida": 0}, False), ({"Publik": False}, False),
])
def test_public(entry, expected):
    assert public(entry) is expected


@pytest.mark.parametrize("title, expected", [("x", ""), ("xx", ""), (" XX ", ""), (None, ""), ("Food", "Food")])
def test_placeholder_titles(title, expected):
    assert real_title(title) == expected


# --- every API shape seen in public material (tests/files/vinnova/real_shapes.json) -------------------

import json  # noqa: E402

from scrapy.http import TextResponse  # noqa: E402

from scrapers.spiders.vinnova import text_kind, web_texts  # noqa: E402
from tests.helpers.sites import FILES  # noqa: E402


def _json_response(data, url):
    return TextResponse(url=url, body=json.dumps(data).encode(), encoding="utf-8", request=Request(url))


@pytest.fixture
def shaped(spider):
    data = json.loads((FILES / "vinnova" / "real_shapes.json").read_text(encoding="utf-8"))
    (start,) = list(spider.start_requests())
    (rounds_request,) = list(spider.parse_calls(_json_response(data["calls"], CALLS_URL), **start.cb_kwargs))
    (listing_request,) = list(spider.parse_rounds(_json_response(data["rounds"], ROUNDS_URL),
                                                  **rounds_request.cb_kwargs))
    items, _ = read_listing(spider, listing_request, files={LISTING_URL: "vinnova/listing.html"})
    return {r.id: r for r in records_of(items)}


def test_real_shapes_object_round_lists_and_integer_publik(spider, shaped):
    # rounds without DiarienummerUtlysning join their call through {"DiarienummerAnsokningsomgang": …}
    assert sorted(shaped) == ["2026-00702", "2026-00703", "2026-01503"]
    assert spider.crawler.stats.get_value("hubb/vinnova/not_public") == 1  # Publik 0, Webbsida 0 as integers


def test_integer_text_ids_amount_is_not_filed_as_applicants(shaped):
    # the connector's fixture: TextID 1 = what, TextID 2 = how much; no "who" text at all
    r = shaped["2026-01503"]
    assert r.max_grant_sek == 2_000_000
    assert r.applicants == []
    assert "Vad kan ni söka för?\n\nProjekt som utvecklar metoder." in r.text
    assert "Hur mycket kan ni söka?\n\nMax 2 miljoner kr." in r.text
    assert "Vem kan söka?" not in r.text
    assert r.deadline.isoformat() == "2026-12-13T14:00:00+01:00"
    assert r.opens == date(2026, 7, 2)
    assert r.status == "open"


def test_integer_text_ids_out_of_page_order_are_classified_by_content(shaped):
    r = shaped["2026-00702"]
    assert r.title == "Morgondagens skyddsrum"
    assert r.applicants == ["sme", "public_sector"]
    assert r.employees_max == 249
    assert r.max_grant_sek == 800_000
    assert r.budget_sek == 10_000_000
    assert r.text.index("Vad kan ni söka för?") < r.text.index("Vem kan söka?") < r.text.index("Hur mycket kan ni söka?")
    # the call's "x" English description is a placeholder, never a summary
    assert "\nx\n" not in f"\n{r.text}\n"


def test_text_lang_items_and_null_dates(shaped):
    r = shaped["2026-00703"]
    assert r.applicants == ["company", "academia", "research_institute"]
    assert r.max_grant_sek == 3_000_000
    assert r.deadline is None and r.opens is None  # null dates, not only 1900-01-01
    assert r.status == "upcoming"  # announced for "Vår 2027"
    assert r.opens_raw == "Vår 2027"


def test_web_texts_reads_both_shapes_and_drops_placeholders():
    assert web_texts({"WebTextLista": [{"TextID": 1, "TextSv": "<p>A</p>", "TextEn": "x"},
                                       {"Text": "B", "Lang": "En"}, "junk", {"Text": "C", "Lang": "sv"}]}) == [
        ("1", "A", ""), ("", "", "B"), ("", "C", "")]
    assert web_texts({"WebTextLista": None}) == []


@pytest.mark.parametrize("text, kind", [
    ("Max 2 miljoner kr.", "how_much"),
    ("Upp till 3 miljoner kronor per projekt, dock max 50 procent av projektets budget.", "how_much"),
    ("Koordinator ska vara ett universitet, högskola eller forskningsinstitut.", "who"),
    ("Små och medelstora företag, själva eller i samarbete med andra.", "who"),
    ("Projekt som ska leda till nya produkter, tjänster eller processer.", "what"),
    ("", None),
])
def test_text_kind(text, kind):
    assert text_kind(text) == kind


# --- page URLs from Vinnova's own pages (tests/files/vinnova/listing.html: the 13 real URLs) ----------


from scrapers.spiders.vinnova import match_page, page_links  # noqa: E402


@pytest.fixture
def listing_links():
    return page_links(file_response("vinnova/listing.html", LISTING_URL))


def test_page_links_are_the_call_pages_only(listing_links):
    assert len(listing_links) == 13
    assert all(url.startswith("https://www.vinnova.se/e/") for url, _ in listing_links)


@pytest.mark.parametrize("call, rnd, expected", [
    # the round's dnr ends the round segment, though the call segment is the full 41-character title
    ({"Diarienummer": "2023-04100"}, {"Diarienummer": "2023-04105", "Titel": "Gestalta framtidens hållbara lösningar"},
     "https://www.vinnova.se/e/framtidsprototyper-inom-hallbar-mobilitet/gestalta-framtidens-hallbara-losningar-2023-04105/"),
    # "utlysning-{call dnr}" and no round dnr: the call's dnr and the round's title
    ({"Diarienummer": "2024-01503"}, {"Diarienummer": "2024-01504", "Titel": "Acceleration av deeptechföretag 2024"},
     "https://www.vinnova.se/e/utlysning-2024-01503/acceleration-av-deeptechforetag-2024/"),
    ({"Diarienummer": "2024-00362"}, {"Diarienummer": "2024-00370", "Titel": "Innovair - SMF flyg våren 2024"},
     "https://www.vinnova.se/e/utlysning-2024-00362/innovair-smf-flyg-varen-2024/"),
    # no dnr anywhere: the title alone (the slug drops a word of it: "innovativa-startups-host-2022")
    ({"Diarienummer": "2022-01111"}, {"Diarienummer": "2022-01234", "Titel": "Innovativa Impact Startups höst 2022"},
     "https://www.vinnova.se/e/innovativa-startups/innovativa-startups-host-2022/"),
    ({"Diarienummer": "2021-00001"}, {"Diarienummer": "2021-00002", "Titel": "Innovativa Startups steg 1 våren 2021"},
     "https://www.vinnova.se/e/innovativa-startups/innovativa-startups-steg-1-varen-2021"),
    # "{slug}-{call dnr}" and the round dnr
    ({"Diarienummer": "2024-01075"}, {"Diarienummer": "2024-01549", "Titel": "Impact Innovation - steg 1"},
     "https://www.vinnova.se/e/impact-i-policy-och-styrmedel-for-en-2024-01075/impact-innovation-framtida-hallbara-2024-01549/"),
])
def test_match_page_joins_as_real_urls_allow(listing_links, call, rnd, expected):
    assert match_page(call, rnd, listing_links) == expected


def test_match_page_never_makes_one_up(listing_links):
    assert match_page({"Diarienummer": "2026-99999"}, {"Diarienummer": "2026-99998", "Titel": "Okänd"}, listing_links) is None
    # a page whose round segment ends in another round's dnr is that round's, not this one's
    assert match_page({"Diarienummer": "2023-01861"}, {"Diarienummer": "2023-01999", "Titel": "Swelife"},
                      listing_links) is None


def test_spider_takes_urls_from_listing_pages(spider, monkeypatch):
    data = json.loads((FILES / "vinnova" / "real_shapes.json").read_text(encoding="utf-8"))
    data["rounds"][0]["Diarienummer"] = "2024-01504"
    data["rounds"][0]["Titel"] = "Acceleration av deeptechföretag 2024"
    data["calls"][1]["Diarienummer"] = "2024-01503"
    data["calls"][1]["AnsokningsomgangDnrLista"] = [{"DiarienummerAnsokningsomgang": "2024-01504"}]
    # two listings configured: both are read, the first is the stand-in url
    other = "https://www.vinnova.se/sok-finansiering/kommande/"
    monkeypatch.setitem(spider.source.options, "listing_paths", ["/sok-finansiering/hitta-finansiering/",
                                                                 "/sok-finansiering/kommande/"])
    (start,) = list(spider.start_requests())
    (rounds_request,) = list(spider.parse_calls(_json_response(data["calls"], CALLS_URL), **start.cb_kwargs))
    (listing_request,) = list(spider.parse_rounds(_json_response(data["rounds"], ROUNDS_URL), **rounds_request.cb_kwargs))
    assert listing_request.url == LISTING_URL
    items, asked = read_listing(spider, listing_request, files={LISTING_URL: "vinnova/listing.html",
                                                                other: "vinnova/hitta-finansiering.page-2.html"})
    assert asked == [LISTING_URL, other]
    records = {r.id: r for r in records_of(items)}
    assert records["2024-01504"].url == "https://www.vinnova.se/e/utlysning-2024-01503/acceleration-av-deeptechforetag-2024/"
    assert {records[i].url for i in records if i != "2024-01504"} == {LISTING_URL}
    assert spider.crawler.stats.get_value("hubb/vinnova/url_from_pages") == 1
    assert spider.crawler.stats.get_value("hubb/vinnova/url_not_on_pages") == 2
    assert spider.listing_complete is True


@pytest.mark.parametrize("call, rnd, expected", [
    # every other real URL: the round's dnr ends the round segment, whatever the call segment
    ({"Diarienummer": "2023-01690"}, {"Diarienummer": "2023-01699", "Titel": "Gemensamma AI-förmågor"},
     "https://www.vinnova.se/e/larande-och-motesplatser/gemensamma-ai-formagor-i-kommuner-och-2023-01699/"),
    ({"Diarienummer": "2019-00001"}, {"Diarienummer": "2020-02903", "Titel": "Innovationsprojekt i SMF 2020"},
     "https://www.vinnova.se/e/innovationsprojekt-i-foretag-2019/innovationsprojekt-i-sma-och-medelstora-2020-02903/"),
    # utlysning-{call dnr} with the round dnr as well
    ({"Diarienummer": "2023-01861"}, {"Diarienummer": "2023-01921", "Titel": "Swelife hösten 2023"},
     "https://www.vinnova.se/e/utlysning-2023-01861/swelife-samverkansprojekt-for-battre-2023-01921/"),
    # full call titles of 44 and 49 characters
    ({"Diarienummer": "2024-00300"}, {"Diarienummer": "2024-00313", "Titel": "Medtech4Health 2024"},
     "https://www.vinnova.se/e/medtech4health-innovatorer-i-vard-och-omsorg/medtech4health-implementering-av-2024-00313/"),
    ({"Diarienummer": "2023-00580"}, {"Diarienummer": "2023-00583", "Titel": "Medtech4Health 2023"},
     "https://www.vinnova.se/e/medtech4health-kompetensforstarkning-i-smaforetag/medtech4health-kompetensforstarkning-i-2023-00583/"),
    ({"Diarienummer": "2023-03300"}, {"Diarienummer": "2023-03309", "Titel": "Stöd till nystartade företag"},
     "https://www.vinnova.se/e/inkubationsstod/stod-till-nystartade-foretag-via-2023-03309/"),
    # {cut slug}-{call dnr} and the round dnr
    ({"Diarienummer": "2022-00907"}, {"Diarienummer": "2022-00909", "Titel": "Kompetenscentrum 2022"},
     "https://www.vinnova.se/e/kompetenscentrum-inom-hallbar-industri-2022-00907/kompetenscentrum-inom-hallbar-industri-2022-00909/"),
])
def test_match_page_by_the_round_dnr_in_every_call_segment_form(listing_links, call, rnd, expected):
    assert match_page(call, rnd, listing_links) == expected


def test_match_page_without_a_round_dnr_reads_the_segment_as_a_cut_title():
    # the link text says nothing ("Läs mer"): the round segment is the round's title, cut
    links = [("https://www.vinnova.se/e/utlysning-2024-01503/acceleration-av-deeptechforetag-2024/", "Läs mer")]
    call = {"Diarienummer": "2024-01503"}
    rnd = {"Diarienummer": "2024-01504", "Titel": "Acceleration av deeptechföretag 2024 – andra omgången"}
    assert match_page(call, rnd, links) == links[0][0]
    # a short segment is no cut title: "innovativa-startups" is not every "Innovativa Startups …" round
    short = [("https://www.vinnova.se/e/innovativa-startups/innovativa-startups/", "Läs mer")]
    assert match_page({"Diarienummer": "2026-90101"}, {"Diarienummer": "2026-00101",
                                                        "Titel": "Innovativa Startups steg 1 hösten 2026"}, short) is None
    # the same title under another call's dnr is that call's round
    other = [("https://www.vinnova.se/e/utlysning-2024-09999/acceleration-av-deeptechforetag-2024/",
              "Acceleration av deeptechföretag 2024")]
    assert match_page(call, {"Diarienummer": "2024-01504", "Titel": "Acceleration av deeptechföretag 2024"},
                      other) is None
