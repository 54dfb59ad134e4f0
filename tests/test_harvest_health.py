"""scrapers.health: each reason a run is unhealthy, and the fill rates."""

from __future__ import annotations

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
