"""The eu spider over two saved pages of the portal's search API (tests/files/eu, frozen
2026-11-27): the request it sends, paging, skipped results, every field of each kept topic,
a changed answer, and a round trip through the local API renderer."""

from __future__ import annotations

import json
from collections import deque
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
import time_machine
from scrapy import Request
from scrapy.http import TextResponse

from hubb.clock import TZ
from hubb.record import CallRecord
from scrapers.sites import eu as site
from scrapers.spiders.eu import CLOSED, FORTHCOMING, OPEN, EuSpider, api_datetime, read_multipart, search_path
from tests.helpers.sites import make_spider, records_of

FILES = Path(__file__).resolve().parent / "files" / "eu"
CAPTURED = datetime(2026, 11, 27, 9, 0, tzinfo=TZ)
API = "https://api.tech.ec.europa.eu"
TOPIC = "https://ec.europa.eu/info/funding-tenders/opportunities/portal/screen/opportunities/topic-details/"
CET, CEST = timezone(timedelta(hours=1)), timezone(timedelta(hours=2))


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(CAPTURED, tick=False):
        yield


def crawl(pages: dict[str, bytes], page_size: int = 3, **kwargs):
    """Every request answered from ``pages`` (URL with query → body); None = 404."""
    spider = make_spider(EuSpider, **kwargs)
    spider.page_size = page_size
    items, requests = [], []
    queue = deque(spider.start_requests())
    while queue:
        request = queue.popleft()
        requests.append(request)
        body = pages.get(request.url)
        if body is None:
            continue
        response = TextResponse(url=request.url, body=body, encoding="utf-8", request=request)
        for out in request.callback(response, **request.cb_kwargs) or ():
            (queue.append if isinstance(out, Request) else items.append)(out)
    return spider, items, requests


def saved_pages() -> dict[str, bytes]:
    return {API + search_path(n, 3): (FILES / f"search-page-{n}.json").read_bytes() for n in (1, 2)}


@pytest.fixture(scope="module")
def harvest():
    with time_machine.travel(CAPTURED, tick=False):
        spider, items, requests = crawl(saved_pages())
    return spider, {i["id"]: i for i in items}, items, requests


def problems(spider) -> list[str]:
    return spider.crawler.stats.get_value("hubb/structure_problems") or []


# -- the request and the crawl ---------------------------------------------------------------

def test_request_is_the_multipart_post_public_clients_send(harvest):
    _, _, _, requests = harvest
    first = requests[0]
    assert first.method == "POST"
    assert first.url == f"{API}/search-api/prod/rest/search?apiKey=SEDIA&text=***&pageSize=3&pageNumber=1"
    content_type = first.headers[b"Content-Type"].decode()
    assert content_type.startswith("multipart/form-data; boundary=")
    parts = read_multipart(first.body, content_type)
    assert parts["languages"] == ["en"]
    assert parts["query"] == {"bool": {"must": [
        {"terms": {"type": ["1", "2"]}},
        {"terms": {"status": [FORTHCOMING, OPEN]}},
        {"terms": {"frameworkProgramme": ["43108390", "43252405", "43089234", "43152860", "43252476"]}},
    ]}}
    assert CLOSED not in json.dumps(parts["query"])
    # the same search is the same request (the HTTP cache can revalidate it)
    assert crawl({})[2][0].body == first.body


def test_both_pages_read_and_the_listing_complete(harvest):
    spider, by_id, items, requests = harvest
    assert [r.url.rsplit("=", 1)[1] for r in requests] == ["1", "2"]
    assert sorted(by_id) == ["HORIZON-CL4-2027-TWIN-TRANSITION-01-02", "HORIZON-CL5-2025-01-Two-Stage-D2-02",
                             "HORIZON-EIC-2027-ACCELERATOR-01", "LIFE-2027-SAP-ENV-ENVIRONMENT"]
    assert len(items) == 4  # the grant update (type 8) and the tender (type 0) are skipped
    assert spider.listing_complete is True
    assert problems(spider) == []


def test_check_mode_reads_one_page_and_marks_nothing_complete():
    spider, items, requests = crawl(saved_pages(), check="1")
    assert len(requests) == 1 and len(items) == 2
    assert spider.listing_complete is False


# -- fields, topic by topic ----------------------------------------------------------------------

def test_open_topic_every_field(harvest):
    item = harvest[1]["HORIZON-EIC-2027-ACCELERATOR-01"]
    assert item["source"] == "eu"
    assert item["funder"] == "Europeiska kommissionen"
    assert item["url"] == TOPIC + "horizon-eic-2027-accelerator-01"
    assert item["language"] == "en"
    assert item["title"] == "EIC Accelerator"
    assert item["summary"].startswith("The EIC Accelerator supports companies (principally SMEs, including start-ups")
    assert item["text"].startswith("EIC Accelerator\n\nCall: EIC Accelerator 2027 (HORIZON-EIC-2027-ACCELERATOR)\n\n"
                                   "Programme: Horizon Europe\n\nOpening date: 2026-10-01\n\n"
                                   "Deadline: 2027-01-07T17:00+01:00\n\nBudget: EUR 634,000,000")
    assert " • EIC Accelerator Open, which has no predefined thematic priorities" in item["text"]
    assert item["opens_raw"] == "2026-10-01T00:00:00.000+0200"
    assert item["opens"] == date(2026, 10, 1)
    # two cut-offs: the next one, with the offset the API gives
    assert item["deadline_raw"] == "2027-01-07T17:00:00.000+0100"
    assert item["deadline"] == datetime(2027, 1, 7, 17, 0, tzinfo=CET)
    assert item["deadline"].utcoffset() == timedelta(hours=1)
    assert item["status"] == "open"
    assert item["applicants"] == ["company", "sme", "startup"]
    assert item["regions"] == ["EU"]
    assert (item["employees_min"], item["employees_max"]) == (None, None)
    assert (item["company_age_min"], item["company_age_max"]) == (None, None)
    assert item["budget_sek"] == 634_000_000 * 11
    assert item["max_grant_sek"] == 2_500_000 * 11
    assert (item["budget_eur"], item["max_grant_eur"]) == (634_000_000, 2_500_000)
    assert item["programme"] == "Horizon Europe"


def test_forthcoming_topic_is_upcoming_with_its_eligibility_paragraph(harvest):
    item = harvest[1]["HORIZON-CL4-2027-TWIN-TRANSITION-01-02"]
    assert item["status"] == "upcoming"
    assert item["opens"] == date(2027, 1, 13)
    assert item["deadline"] == datetime(2027, 4, 21, 17, 0, tzinfo=CEST)
    assert item["summary"].startswith("To maintain technological autonomy")
    assert item["applicants"] == ["company", "academia", "research_institute", "public_sector", "nonprofit"]
    assert (item["budget_sek"], item["max_grant_sek"]) == (48_000_000 * 11, 6_000_000 * 11)


def test_life_topic_without_budget_overview(harvest):
    item = harvest[1]["LIFE-2027-SAP-ENV-ENVIRONMENT"]
    assert item["programme"] == "LIFE"
    assert item["status"] == "open"
    assert item["deadline"] == datetime(2027, 9, 23, 17, 0, tzinfo=CEST)
    assert (item["budget_sek"], item["max_grant_sek"]) == (None, None)
    assert " • Circular Economy and Waste\n • Air" in item["text"]
    assert item["url"] == TOPIC + "life-2027-sap-env-environment"


def test_stale_open_status_with_a_past_deadline_is_closed(harvest):
    item = harvest[1]["HORIZON-CL5-2025-01-Two-Stage-D2-02"]
    assert item["status"] == "closed"
    assert item["deadline"] == datetime(2025, 9, 3, 17, 0, tzinfo=CEST)
    assert item["opens"] == date(2025, 5, 6)


def test_items_pass_the_pipelines(harvest):
    records = records_of(harvest[2])
    assert [r.language for r in records] == ["en"] * 4
    eic = next(r for r in records if r.id == "HORIZON-EIC-2027-ACCELERATOR-01")
    assert eic.deadline == datetime(2027, 1, 7, 17, 0, tzinfo=CET)


def test_api_datetime_keeps_the_offset():
    assert api_datetime("2024-04-18T19:00:00.000+0200") == datetime(2024, 4, 18, 19, 0, tzinfo=CEST)
    assert api_datetime("2024-04-18") is None  # a date without time or zone is not the API's form
    assert api_datetime(None) is None


# -- a changed answer --------------------------------------------------------------------------

def test_renamed_keys_are_fatal():
    pages = {API + search_path(1, 3): b'{"hits": [], "total": 0}'}
    spider, items, _ = crawl(pages)
    assert items == []
    assert problems(spider) == [f"no results list in the API answer ({API + search_path(1, 3)})"]
    assert spider.crawler.stats.get_value("hubb/structure_missing/fatal") == 1
    assert spider.listing_complete is False


def test_results_without_identifiers_are_fatal():
    pages = {API + search_path(1, 3): json.dumps({"results": [{"metadata": {"name": ["x"]}}],
                                                   "totalResults": 1}).encode()}
    spider, items, _ = crawl(pages)
    assert items == [] and spider.crawler.stats.get_value("hubb/structure_missing/fatal") == 1


def test_not_json_is_fatal():
    spider, items, _ = crawl({API + search_path(1, 3): b"<html>maintenance</html>"})
    assert items == [] and "the API answer is not JSON" in problems(spider)[0]


# -- round trip through the local API ---------------------------------------------------------------

def test_round_trip_through_the_renderer():
    records = [
        CallRecord(source="eu", id="HORIZON-EIC-2027-ACCELERATOR-01", url=TOPIC + "horizon-eic-2027-accelerator-01",
                   title="EIC Accelerator", funder="Europeiska kommissionen", language="en",
                   summary="The EIC Accelerator supports companies (principally SMEs, including start-ups and "
                           "spin-outs) to scale up high impact innovations.",
                   text="The EIC Accelerator supports companies (principally SMEs, including start-ups and "
                        "spin-outs) to scale up high impact innovations.",
                   opens=date(2026, 10, 1), deadline=datetime(2027, 3, 4, 17, 0, tzinfo=CET), status="open",
                   applicants=["company", "sme", "startup"], regions=["EU"], budget_sek=11 * 634_000_000,
                   max_grant_sek=11 * 2_500_000),
        CallRecord(source="eu", id="LIFE-2027-SAP-ENV", url=TOPIC + "life-2027-sap-env", title="LIFE", language="en",
                   text="Circular economy.", opens=date(2027, 2, 1), deadline=datetime(2027, 9, 23, 17, 0, tzinfo=CEST),
                   status="upcoming", regions=["EU"]),
    ]
    pages = site.render(records)
    assert b"User-agent" in pages["https://api.tech.ec.europa.eu/robots.txt"]
    spider, items, _ = crawl(pages, page_size=site.PAGE_SIZE)
    got = {r.id: r for r in records_of(items)}
    for record in records:
        back = got[record.id]
        for name in ("url", "title", "language", "opens", "deadline", "status", "regions", "budget_sek",
                     "max_grant_sek"):
            assert getattr(back, name) == getattr(record, name), name
    assert got["HORIZON-EIC-2027-ACCELERATOR-01"].applicants == ["company", "sme", "startup"]


def test_local_api_answers_a_post_and_keeps_its_body():
    import urllib.request

    from scrapers.sites.server import SiteServer
    from scrapers.spiders.eu import multipart

    server = SiteServer("api.tech.ec.europa.eu")
    try:
        server.set(search_path(1), b'{"results": [], "totalResults": 0}')
        body = multipart({"languages": ["en"]}, "b0undary")
        request = urllib.request.Request(server.base_url + search_path(1), data=body, method="POST",
                                         headers={"Content-Type": "multipart/form-data; boundary=b0undary"})
        with urllib.request.urlopen(request, timeout=5) as resp:
            assert (resp.status, resp.read()) == (200, b'{"results": [], "totalResults": 0}')
            assert resp.headers["Content-Type"].startswith("application/json")
        ((path, content_type, sent),) = server.bodies
        assert path == search_path(1) and sent == body
        assert read_multipart(sent, content_type) == {"languages": ["en"]}
        assert server.requests[search_path(1)] == 1
    finally:
        server.stop()
