"""The tillvaxtverket spider over saved pages (tests/files/tillvaxtverket, captured 2026-11-27):
listing pages, detail pages field by field, odd cases (closed, upcoming, no deadline, organisations
only, other regions, change notes), a changed layout, the RSS fallback, and a round trip through
the local site renderer."""

from __future__ import annotations

import re
from collections import deque
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import time_machine
from scrapy import Request
from scrapy.http import HtmlResponse, XmlResponse

from hubb.clock import TZ
from hubb.record import CallRecord
from scrapers.sites import tillvaxtverket as site
from scrapers.spiders.tillvaxtverket import LISTING_PATH, RSS_PATH, TillvaxtverketSpider, call_id
from tests.helpers.fixture_crawl import make_spider

FILES = Path(__file__).resolve().parent / "files" / "tillvaxtverket"
CAPTURED = datetime(2026, 11, 27, 9, 0, tzinfo=TZ)
BASE = "https://tillvaxtverket.se"
CALLS = f"{BASE}/tillvaxtverket/sokfinansiering/utlysningar/utlysningar/"
PLANNED = f"{BASE}/tillvaxtverket/sokfinansiering/planeradeutlysningar/planeradfinansieringiostramellansverige.1692.html"


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(CAPTURED, tick=False):
        yield


def saved_file(root: Path, url: str) -> Path:
    """A URL's saved file: the path as is; "?page=N" of the listing as "….page-N.html"."""
    parts = urlsplit(url)
    path = parts.path
    if parts.query:
        m = re.fullmatch(r"page=(\d+)", parts.query)
        path = f"{path[:-len('.html')]}.page-{m[1]}.html"
    return root / parts.netloc / path.lstrip("/")


def response_for(url: str, body: bytes, request: Request | None = None):
    cls = XmlResponse if url.endswith(".rss") else HtmlResponse
    return cls(url=url, body=body, encoding="utf-8", request=request or Request(url))


def crawl(fetch, **kwargs):
    """Breadth-first crawl from the start requests; ``fetch(url)`` → body or None (a 404)."""
    spider = make_spider(TillvaxtverketSpider, **kwargs)
    items, requests, missing = [], [], []
    queue = deque(spider.start_requests())
    while queue:
        request = queue.popleft()
        requests.append(request)
        body = fetch(request.url)
        if body is None:
            missing.append(request.url)
            continue
        for out in request.callback(response_for(request.url, body, request)) or ():
            (queue.append if isinstance(out, Request) else items.append)(out)
    return spider, items, requests, missing


def crawl_files(root: Path = FILES, **kwargs):
    return crawl(lambda url: p.read_bytes() if (p := saved_file(root, url)).is_file() else None, **kwargs)


def problems(spider) -> list[str]:
    return spider.crawler.stats.get_value("hubb/structure_problems") or []


@pytest.fixture(scope="module")
def harvest():
    with time_machine.travel(CAPTURED, tick=False):
        spider, items, requests, missing = crawl_files()
    return spider, {item["id"]: item for item in items}, items, requests, missing


# -- the crawl ---------------------------------------------------------------------------------

def test_crawl_reads_both_listing_pages_and_every_call(harvest):
    spider, by_id, items, requests, missing = harvest
    assert len(items) == 8
    assert sorted(by_id) == ["1692", "3011", "3477", "4783", "5385", "5700", "6480", "7085"]
    assert missing == []
    urls = [r.url for r in requests]
    assert urls[:1] == [BASE + LISTING_PATH]
    assert BASE + LISTING_PATH + "?page=2" in urls
    assert PLANNED in urls  # the planned call the listing links is read like a call
    assert len(urls) == 2 + 8  # two listing pages, eight detail pages, nothing twice
    assert spider.listing_complete is True
    assert problems(spider) == []


def test_detail_requests_carry_what_the_listing_shows(harvest):
    _, _, _, requests, _ = harvest
    keys = {call_id(r.url): r.meta.get("listing_key") for r in requests if ".html" in r.url and "1139" not in r.url}
    assert keys["5385"] == ("Vill ni bidra till tillväxt och stärkt konkurrenskraft hos små och medelstora "
                            "företag? Stänger 12 december 2026 Blekinge, Skåne")
    assert keys["7085"] == ("Insatser för att främja cirkulär ekonomi inom Övre Norrland Öppnar 12 januari 2027 "
                            "Västerbotten, Norrbotten")


# -- fields, call by call -------------------------------------------------------------------------

def test_open_call_every_field(harvest):
    item = harvest[1]["5385"]
    assert item["source"] == "tillvaxtverket"
    assert item["funder"] == "Tillväxtverket"
    assert item["url"] == CALLS + "villnibidratilltillvaxtochstarktkonkurrenskrafthossmaochmedelstoraforetag.5385.html"
    assert item["title"] == "Vill ni bidra till tillväxt och stärkt konkurrenskraft hos små och medelstora företag?"
    assert item["summary"] == ("Nu söker vi en Region eller statlig myndighet i Skåne-Blekinge som vill arbeta för "
                               "att stärka små och medelstora företags hållbara tillväxt.")
    assert item["deadline_raw"] == "Stänger 12 december 2026"
    assert item["deadline"] == date(2026, 12, 12)
    assert item["opens"] is None and item["opens_raw"] is None
    assert item["status"] == "open"
    assert item["applicants"] == ["public_sector"]
    assert item["regions"] == ["SE22"]
    assert item["budget_sek"] == 57_700_000
    assert item["max_grant_sek"] is None
    assert (item["employees_min"], item["employees_max"]) == (None, None)
    assert (item["company_age_min"], item["company_age_max"]) == (None, None)
    assert item["language"] == "sv"
    assert item["changes"] == []
    assert item["text"].splitlines()[:3] == [
        "Vill ni bidra till tillväxt och stärkt konkurrenskraft hos små och medelstora företag?", "",
        item["summary"],
    ]
    assert "\n\nVem kan söka?\n\nRegioner och regionalt utvecklingsansvarig aktör eller annan statlig myndighet." \
        in item["text"]


def test_closed_organisations_only_in_ostra_mellansverige(harvest):
    item = harvest[1]["6480"]
    assert (item["status"], item["deadline"], item["deadline_raw"]) == ("closed", date(2024, 3, 19), "Stängd 19 mars 2024")
    # "Stöd kan inte ges direkt till företag": no company type among the applicants
    assert item["applicants"] == ["academia", "public_sector", "nonprofit"]
    assert item["regions"] == ["SE12"]  # Örebro, Östergötland, Sörmland, Uppsala, Västmanland
    assert (item["budget_sek"], item["max_grant_sek"]) == (None, None)  # "maximalt 40 procent" is a share


def test_upcoming_call(harvest):
    item = harvest[1]["7085"]
    assert (item["status"], item["opens"], item["opens_raw"]) == ("upcoming", date(2027, 1, 12), "Öppnar 12 januari 2027")
    assert (item["deadline"], item["deadline_raw"]) == (None, None)
    assert item["regions"] == ["SE33"]
    assert item["applicants"] == ["academia", "research_institute", "public_sector", "nonprofit"]
    assert (item["budget_sek"], item["max_grant_sek"]) == (30_000_000, None)


def test_no_deadline_company_call_for_all_sweden(harvest):
    item = harvest[1]["3011"]
    assert (item["status"], item["deadline"], item["deadline_raw"]) == ("open", None, None)
    assert item["regions"] == ["SE"]
    assert item["applicants"] == ["sme"]
    assert (item["employees_min"], item["employees_max"]) == (3, None)
    assert (item["budget_sek"], item["max_grant_sek"]) == (None, 250_000)


def test_smes_as_target_group_only(harvest):
    item = harvest[1]["4783"]
    assert item["applicants"] == ["public_sector", "nonprofit"]
    assert (item["status"], item["deadline"]) == ("open", date(2027, 1, 15))
    assert item["regions"] == ["SE12"]
    assert item["changes"] == [
        "2024-05-20: Observera att det 2024-05-20 skett ändringar i avsnittet Hur mycket kan ni få i stöd."
    ]


def test_region_tags_named_region_x(harvest):
    item = harvest[1]["3477"]
    assert item["regions"] == ["SE21"]  # Region Gotland, Region Jönköpings län, Region Kalmar län, Region Kronoberg
    assert item["applicants"] == ["public_sector", "nonprofit"]
    assert (item["status"], item["deadline"]) == ("closed", date(2023, 3, 16))


def test_change_notes_and_amounts(harvest):
    item = harvest[1]["5700"]
    assert item["changes"] == [
        "2023-12-15: Utlysning uppdaterad 2023-12-15, öppningsdatum ändrat till 13 februari.",
        "2024-02-07: Utlysning uppdaterad 2024-02-07, globala mål justerade.",
    ]
    assert (item["budget_sek"], item["max_grant_sek"]) == (57_700_000, 744_000)
    assert item["applicants"] == ["public_sector", "nonprofit"]


def test_planned_call_is_upcoming_whatever_dates_of_an_earlier_plan_it_shows(harvest):
    # the real text of the plan for 2023–2024: "Följande mål är öppna till 12:e september:" is read
    # (by hubb.swedish) as a deadline that passed in 2026 — a plan's date, no round's
    item = harvest[1]["1692"]
    assert item["url"] == PLANNED
    assert item["title"] == "Planerad finansiering i Östra Mellansverige (plan för utlysningar 2023–2024)"
    assert (item["status"], item["deadline"], item["deadline_raw"], item["opens"]) == ("upcoming", None, None, None)
    assert item["regions"] == ["SE12"]
    assert "Utlysningen är öppen 21 november-12 december." in item["text"]


@pytest.mark.parametrize("today, status, deadline", [
    # while the plan's round is open, its page says so with a date: open, that deadline
    (date(2023, 8, 20), "open", date(2023, 9, 12)),
    # after it, the plan's dates are past: upcoming, no deadline
    (date(2023, 11, 25), "upcoming", None),
])
def test_planned_call_is_open_only_while_its_text_says_a_round_is_open(today, status, deadline):
    body = saved_file(FILES, PLANNED).read_bytes()
    with time_machine.travel(datetime(today.year, today.month, today.day, 9, 0, tzinfo=TZ), tick=False):
        spider = make_spider(TillvaxtverketSpider)
        (item,) = [i for i in spider.parse_call(response_for(PLANNED, body)) if isinstance(i, dict)]
    assert (item["status"], item["deadline"]) == (status, deadline)


@pytest.mark.parametrize("call", ["1692", "3011", "3477", "4783", "5385", "5700", "6480", "7085"])
def test_every_item_is_a_valid_call_record(harvest, call):
    record = CallRecord.model_validate(harvest[1][call])
    assert record.id == call
    assert record.url.endswith(f".{call}.html")
    assert record.text.startswith(record.title)
    assert record.summary and record.summary in record.text
    assert record.status in ("open", "upcoming", "closed", "rolling")
    assert record.regions


# -- odd layouts --------------------------------------------------------------------------------

def test_changed_css_classes_fall_back_to_headings_with_warnings():
    url = CALLS + "starkforetagskonkurrenskraftinnovationochdigitalisering.3477.html"
    body = saved_file(FILES / "changed-layout", url).read_bytes()
    spider = make_spider(TillvaxtverketSpider)
    (item,) = list(spider.parse_call(response_for(url, body)))
    original = crawl_files()[1]
    expected = next(i for i in original if i["id"] == "3477")
    for field in ("title", "summary", "deadline", "deadline_raw", "status", "applicants", "regions",
                  "budget_sek", "max_grant_sek"):
        assert item[field] == expected[field], field
    assert problems(spider) == [
        f"no content block (#svid12_content, .sv-layout.content, main .sv-text-portlet-content): read by its headings ({url})",
        f"no status list (ul.tvv-call-meta li): found by its words ({url})",
    ]
    assert spider.crawler.stats.get_value("hubb/structure_missing/warning") == 2
    assert spider.crawler.stats.get_value("hubb/structure_missing/fatal") is None


def test_listing_without_calls_falls_back_to_rss():
    spider, items, requests, missing = crawl_files(FILES / "rss-fallback")
    assert sorted(i["id"] for i in items) == ["6480", "7085"]
    assert requests[1].url == BASE + RSS_PATH
    assert requests[2].meta["listing_key"] == ("Utveckla färdigheter för smart specialisering i Östra Mellansverige "
                                               "Tue, 19 Mar 2024 08:00:00 +0100")
    assert spider.listing_complete is True
    assert problems(spider) == [f"no calls in the listing: reading the RSS feed ({BASE + LISTING_PATH})"]
    assert spider.crawler.stats.get_value("hubb/structure_missing/fatal") is None


def test_nothing_in_listing_or_feed_is_fatal():
    pages = {BASE + LISTING_PATH: b"<html><body><h1>Utlysningar</h1><p>Inget.</p></body></html>",
             BASE + RSS_PATH: b"<?xml version='1.0'?><rss><channel></channel></rss>"}
    spider, items, _, _ = crawl(pages.get)
    assert items == []
    assert spider.listing_complete is False
    assert spider.crawler.stats.get_value("hubb/structure_missing/fatal") == 1


def test_check_mode_fetches_one_listing_and_one_detail_page():
    spider, items, requests, _ = crawl_files(check="1")
    assert [r.url for r in requests] == [BASE + LISTING_PATH,
                                         CALLS + "utvecklafardigheterforsmartspecialiseringiostramellansverige.6480.html",
                                         BASE + LISTING_PATH + "?page=2"]
    assert len(items) == 1
    assert spider.listing_complete is False


def test_call_id():
    assert call_id(CALLS + "automationscheckar.3011.html?sv.url=12.1") == "3011"
    assert call_id(f"{BASE}/checkar") == call_id(f"{BASE}/checkar#top")
    assert len(call_id(f"{BASE}/checkar")) == 12


# -- the local site renderer ------------------------------------------------------------------------

def _records() -> list[CallRecord]:
    spider, items, _, _ = crawl_files()
    return [CallRecord.model_validate(item) for item in items]


def test_render_round_trip_gives_the_same_records():
    records = _records()
    pages = site.render(records)
    assert pages["/robots.txt"].startswith(b"User-agent: *")
    assert LISTING_PATH in pages and RSS_PATH in pages
    assert sum(1 for p in pages if p.startswith(LISTING_PATH)) == 1  # 7 calls fit one page of 20
    spider, items, _, missing = crawl(lambda url: pages.get(urlsplit(url).path + (
        "?" + urlsplit(url).query if urlsplit(url).query else "")))
    assert missing == []
    again = {i["id"]: CallRecord.model_validate(i) for i in items}
    for record in records:
        got = again[record.id]
        for field in ("url", "title", "summary", "deadline", "opens", "status", "applicants", "regions",
                      "employees_min", "budget_sek", "max_grant_sek"):
            assert getattr(got, field) == getattr(record, field), (record.id, field)
    assert problems(spider) == []


def test_render_pages_the_listing_and_marks_its_origin():
    records = _records()[:7] * 7  # 49 rows → pages of 20, 20 and 9
    records = [r.model_copy(update={"id": f"{r.id}{n}", "url": r.url.replace(".html", f"{n}.html")})
               for n, r in enumerate(records)]
    pages = site.render(records)
    listing = [p for p in pages if p.startswith(LISTING_PATH)]
    assert listing == [LISTING_PATH, LISTING_PATH + "?page=2", LISTING_PATH + "?page=3"]
    assert b'rel="next" href="' + (LISTING_PATH + "?page=3").encode() in pages[LISTING_PATH + "?page=2"]
    assert b'rel="next"' not in pages[LISTING_PATH + "?page=3"]
    assert all(b"Text structure: ../shared/SOURCES.md" in body for path, body in pages.items() if path.endswith(".html"))
    spider, items, _, missing = crawl(lambda url: pages.get(urlsplit(url).path + (
        "?" + urlsplit(url).query if urlsplit(url).query else "")))
    assert (len(items), missing, spider.listing_complete) == (49, [], True)


@pytest.mark.parametrize(
    "update, line",
    [
        ({"status": "closed", "deadline": date(2024, 3, 19)}, "Stängd 19 mars 2024"),
        ({"status": "open", "deadline": date(2026, 12, 12)}, "Stänger 12 december 2026"),
        ({"status": "upcoming", "opens": date(2027, 8, 12)}, "Öppnar 12 augusti 2027"),
        ({"status": "rolling"}, "Löpande"),
        ({"status": "open"}, "Öppen"),
    ],
)
def test_status_line(update, line):
    record = CallRecord(source="tillvaxtverket", id="1", url=CALLS + "x.1.html", title="T", **update)
    assert site.status_line(record) == line
    spider = make_spider(TillvaxtverketSpider)
    (item,) = list(spider.parse_call(response_for(record.url, site.detail_page(record))))
    assert item["status"] == update["status"]
    assert item["deadline"] == update.get("deadline")
    assert item["opens"] == update.get("opens")


def test_upcoming_call_with_a_closing_date_in_the_body():
    record = CallRecord(source="tillvaxtverket", id="2", url=CALLS + "x.2.html", title="T", status="upcoming",
                        opens=date(2027, 2, 1), deadline=date(2027, 3, 19), regions=["SE124"])
    spider = make_spider(TillvaxtverketSpider)
    (item,) = list(spider.parse_call(response_for(record.url, site.detail_page(record))))
    assert (item["status"], item["opens"], item["deadline"]) == ("upcoming", date(2027, 2, 1), date(2027, 3, 19))
    assert (item["opens_raw"], item["deadline_raw"]) == ("Öppnar 1 februari 2027", "Utlysningen stänger 19 mars 2027.")


def test_changed_deadline_changes_the_listing_key():
    record = CallRecord(source="tillvaxtverket", id="1", url=CALLS + "x.1.html", title="T",
                        deadline=date(2026, 12, 12), regions=["SE124"])
    before = site.render([record])[LISTING_PATH]
    after = site.render([record.model_copy(update={"deadline": date(2027, 1, 15)})])[LISTING_PATH]
    assert "Stänger 12 december 2026".encode() in before and "Stänger 15 januari 2027".encode() in after
    keys = []
    for body in (before, after):
        spider = make_spider(TillvaxtverketSpider)
        (request,) = list(spider.parse_listing(response_for(BASE + LISTING_PATH, body)))
        keys.append(request.meta["listing_key"])
    assert keys == ["T Stänger 12 december 2026 Örebro", "T Stänger 15 januari 2027 Örebro"]
