"""scrapers.health: each reason a run is unhealthy, and the fill rates."""

from __future__ import annotations

import re

import pytest

from hubb.record import CallRecord
from scrapers.health import assess, fill_rates
from scrapers.sources import Source

SOURCE = Source(name="vinnova", funder="Vinnova", base_urls={"site": "https://www.vinnova.se"},
                min_fill={"deadline": 0.5, "text": 0.8, "applicants": 0.5})


def rec(i: int, **kw) -> CallRecord:
    data = dict(source="vinnova", id=str(i), url=f"https://x/{i}", title=f"T{i}", text="text",
                deadline="2027-01-15", applicants=["sme"])
    data.update(kw)
    return CallRecord.model_validate(data)


def check(records, *, dropped=0, stats=None, previous=None, check_mode=False):
    return assess(SOURCE, records, dropped=dropped, stats=stats or {}, previous_items=previous,
                  min_items=1, min_fill_rate=0.5, collapse_ratio=0.5, check_mode=check_mode)


def test_healthy_run():
    h = check([rec(i) for i in range(10)], previous=10)
    assert h.ok and h.reasons == []
    assert h.fill == {"deadline": 1.0, "text": 1.0, "applicants": 1.0}


def test_rolling_counts_as_a_filled_deadline():
    assert fill_rates([rec(1, deadline=None, status="rolling"), rec(2, deadline=None)])["deadline"] == 0.5


@pytest.mark.parametrize("records, kwargs, reason", [
    ([], {}, "0 items (at least 1 expected)"),
    ([rec(i, deadline=None) for i in range(3)] + [rec(9)], {},
     "deadline filled in 25% of items (at least 50% expected)"),
    ([rec(i, text="") for i in range(4)] + [rec(9)], {}, "text filled in 20% of items (at least 80% expected)"),
    ([rec(i) for i in range(4)], {"previous": 10}, "item count collapsed from 10 to 4"),
    ([rec(1)], {"stats": {"retry/max_reached": 2}}, "2 request(s) failed after retries"),
    ([rec(1)], {"stats": {"httperror/response_ignored_status_count/403": 1,
                          "httperror/response_ignored_status_count/500": 1}}, "1 page(s) answered with an HTTP error"),
    ([rec(1)], {"stats": {"spider_exceptions/KeyError": 3}}, "3 page(s) raised an error in the spider"),
    ([rec(1)], {"stats": {"hubb/structure_missing/fatal": 1, "hubb/structure_problems": ["no Diarienummer (u)"]}},
     "expected structure missing: no Diarienummer (u)"),
    ([rec(1)], {"dropped": 3}, "3 of 4 items failed validation"),
])
def test_unhealthy(records, kwargs, reason):
    h = check(records, **kwargs)
    assert not h.ok
    assert h.reasons == [reason]


def test_warnings_do_not_make_a_run_unhealthy():
    h = check([rec(1), rec(2)], dropped=1, stats={"hubb/structure_missing/warning": 1,
                                                  "hubb/structure_problems": ["no 'Vem kan söka?' (u)"]})
    assert h.ok
    assert h.warnings == ["expected structure missing: no 'Vem kan söka?' (u)", "1 item(s) failed validation"]


def test_a_page_gone_is_a_warning():
    h = check([rec(1)], stats={"httperror/response_ignored_status_count/404": 2})
    assert h.ok
    assert h.warnings == ["2 linked page(s) not found (404/410)"]


def test_check_mode_skips_fill_rates_and_collapse():
    assert check([rec(1, text="", deadline=None)], previous=50, check_mode=True).ok


# -- issue 13: unread pages, layout changes against the stored calls and the last healthy run


def full(records, **kw):
    kw.setdefault("stats", {})
    return assess(SOURCE, records, dropped=0, previous_items=None, min_items=1, min_fill_rate=0.5,
                  collapse_ratio=0.5, **kw)


def test_one_unread_detail_page_is_a_warning_many_are_unhealthy():
    records = [rec(i) for i in range(11)]
    h = full(records, failed_details={"https://x/11": "HTTP 404"}, details=12)
    assert h.ok
    assert h.warnings == ["1 detail page(s) could not be read, their calls kept as stored: https://x/11 (HTTP 404)"]
    h = full(records[:7], failed_details={f"https://x/{i}": "no call read from the page" for i in range(5)},
             details=12)
    assert not h.ok
    assert h.reasons[0].startswith("5 of 12 detail pages could not be read (42%; at most 10%): https://x/0 (no call")


def test_a_failed_listing_page_is_unhealthy():
    h = full([rec(1)], failed_listings={"https://x/lista?page=2": "HTTP 503"})
    assert h.reasons == ["1 listing page(s) could not be read, listing incomplete: https://x/lista?page=2 (HTTP 503)"]


def test_known_fields_that_go_blank_or_change_on_many_calls_are_a_layout_change():
    stored = {str(i): rec(i, employees_max=249, summary="Stöd till små företag.") for i in range(12)}
    records = [rec(i, employees_max=None if i < 7 else 249, summary="Utlysningen stänger 24 februari 2027.")
               for i in range(12)]
    h = full(records, stored=stored)
    assert not h.ok
    assert "employees_max unknown on 7 of 12 calls that knew it (58%; at most 30%): a changed layout?" in h.reasons
    assert "summary changed on 12 of 12 calls at once (100%; at most 50%): a changed layout?" in h.reasons


def test_a_few_real_changes_are_not_a_layout_change():
    stored = {str(i): rec(i) for i in range(12)}
    records = [rec(i, deadline="2027-02-01" if i < 2 else "2027-01-15") for i in range(12)]
    assert full(records, stored=stored).ok


def test_fill_drop_and_fallback_against_the_last_healthy_run():
    records = [rec(i, applicants=[]) for i in range(10)]
    stats = {"hubb/details_read": 10, "hubb/fallbacks": {"no status list: found by its words": 10}}
    previous = {"field_fill": {"applicants": 0.9}, "fallbacks": {"no status list: found by its words": 0.1}}
    h = full(records, stats=stats, previous_health=previous)
    assert "applicants filled in 0% of items (90% on the last healthy run): a changed layout?" in h.reasons
    assert ("fallback on 100% of pages (10% on the last healthy run; the first choice gone from 100% of the pages "
            "that had it): no status list: found by its words") in h.reasons
    # no baseline (a first run, or one from before these checks): no fallback verdict
    assert not any("fallback" in r for r in full(records, stats=stats).reasons)


def test_thresholds_come_from_sources_yaml_and_are_checked():
    from scrapers.health import thresholds
    from scrapers.sources import SourcesError

    lenient = Source(name="v", funder="V", base_urls={"site": "https://x"},
                     options={"max_changed": {"summary": 1.0, "default": 0.4}, "min_calls": 2})
    limits = thresholds(lenient)
    assert limits["max_changed"]["summary"] == 1.0 and limits["max_changed"]["deadline"] == 0.4
    assert limits["min_calls"] == 2 and limits["max_lost"]["applicants"] == 0.3
    with pytest.raises(SourcesError, match=r"^sources\.v\.max_lost: 2 is not a share between 0 and 1$"):
        thresholds(Source(name="v", funder="V", base_urls={"site": "https://x"}, options={"max_lost": 2}))
    with pytest.raises(SourcesError, match="unknown field"):
        thresholds(Source(name="v", funder="V", base_urls={"site": "https://x"}, options={"max_lost": {"x": 0.1}}))


@pytest.mark.parametrize("exc, expected", [
    ("DNSLookupError", "DNS"), ("ConnectionRefusedError", "connection refused"), ("TimeoutError", "timeout"),
])
def test_network_failures_are_named_in_a_few_words(exc, expected):
    from twisted.internet import error
    from twisted.python.failure import Failure

    from scrapers.middlewares import describe_failure

    assert describe_failure(Failure(getattr(error, exc)())) == expected


def test_robots_and_http_errors_are_named():
    from scrapy.exceptions import IgnoreRequest
    from scrapy.http import Request, Response
    from scrapy.spidermiddlewares.httperror import HttpError
    from twisted.python.failure import Failure

    from scrapers.middlewares import describe_failure

    assert describe_failure(Failure(IgnoreRequest("Forbidden by robots.txt"))) == "refused by robots.txt"
    assert describe_failure(Failure(HttpError(Response("https://x/a", status=404, request=Request("https://x/a")))))\
        == "HTTP 404"


@pytest.mark.parametrize("body, reason", [
    (b"", "blank page"), (b"<html><body><h1>Utlysning</h1><p>Vem kan", "truncated page (no </html>)"),
    (bytes(range(256)) * 4, "truncated page (no </html>)"),
])
def test_blank_and_truncated_html_pages_are_refused(body, reason):
    from scrapy.exceptions import IgnoreRequest
    from scrapy.http import HtmlResponse, Request

    from scrapers.middlewares import PageCheckMiddleware

    response = HtmlResponse("https://x/a", body=body, headers={"Content-Type": "text/html; charset=utf-8"})
    with pytest.raises(IgnoreRequest, match=re.escape(reason)):
        PageCheckMiddleware().process_response(Request("https://x/a"), response)
    whole = HtmlResponse("https://x/a", body=b"<html><body><h1>T</h1></body></html>",
                         headers={"Content-Type": "text/html"})
    assert PageCheckMiddleware().process_response(Request("https://x/a"), whole) is whole
