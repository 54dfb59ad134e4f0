"""Only http(s) links (issue 14): the record layer refuses a call whose URL is
``javascript:``, ``data:`` or anything but http(s), with a logged entry; the digest
templates write an ``href`` only through the ``safe_href`` filter, so a bad URL already
in the database never becomes a link either."""

from __future__ import annotations

import io
import logging
from datetime import UTC, date, datetime
from html.parser import HTMLParser

import pytest
from pydantic import ValidationError
from scrapy.exceptions import DropItem

from db.models import Call, Match
from digest.links import safe_href
from digest.message import calendar
from digest.render import Recipient, build_context, render
from digest.select import Item, Selection
from hubb.record import CallRecord, RecordError, http_url, read_jsonl
from hubb.settings import get_settings

BAD = [
    "javascript:alert(1)",
    "JavaScript:alert(document.cookie)",
    "  javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "ftp://ftp.example.se/x",
    "//evil.example/x",
    "/e/2026-01/",
    "https://",
    "http://[::1",
    "https://www.vinnova.se/e/a b/",
    "mailto:x@example.se",
    "",
]
GOOD = ["https://www.vinnova.se/e/utlysning-2026-90001/omgang-2026-03412/", "http://127.0.0.1:8080/x?a=1&b=2", "HTTPS://WWW.EXAMPLE.SE/"]


@pytest.mark.parametrize("url", BAD)
def test_anything_but_http_is_no_link(url):
    assert http_url(url) is None
    assert safe_href(url) == ""


@pytest.mark.parametrize("url", GOOD)
def test_http_and_https_links_pass_unchanged(url):
    assert http_url(url) == url
    assert safe_href(url) == url


def test_mailto_only_where_asked_for():
    assert safe_href("mailto:bevakning@example.se?subject=unsubscribe", mailto=True) == \
        "mailto:bevakning@example.se?subject=unsubscribe"
    assert safe_href("javascript:alert(1)", mailto=True) == ""
    assert safe_href("mailto:a@b.se\r\nBcc: x", mailto=True) == ""


def record(**kw) -> dict:
    data = {"source": "vinnova", "id": "2026-00001", "url": "https://www.vinnova.se/e/utlysning-2026-90001/omgang-2026-00001/",
            "title": "Utlysning"}
    data.update(kw)
    return data


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>"])
def test_the_record_layer_refuses_the_call_and_logs_it(url, caplog):
    with caplog.at_level(logging.WARNING, logger="hubb.record"), pytest.raises(ValidationError) as exc:
        CallRecord.model_validate(record(url=url))
    (err,) = exc.value.errors()
    assert err["loc"] == ("url",)
    assert "is not an http(s) URL" in err["msg"]
    assert [r.getMessage() for r in caplog.records] == [f"call record refused: url {url!r} is not an http(s) URL"]


def test_a_jsonl_line_with_a_javascript_url_names_its_line():
    lines = io.StringIO(
        '{"source": "vinnova", "id": "a", "url": "https://www.vinnova.se/e/utlysning-2026-90001/a/", "title": "A"}\n'
        '{"source": "vinnova", "id": "b", "url": "javascript:alert(1)", "title": "B"}\n')
    lines.name = "calls.jsonl"
    with pytest.raises(RecordError) as exc:
        list(read_jsonl(lines))
    assert str(exc.value).startswith("calls.jsonl:2: not a call record:")
    assert "url" in str(exc.value)


def test_a_harvested_item_with_a_javascript_url_is_dropped_by_the_pipeline():
    from scrapers.pipelines import NormalisePipeline, ValidatePipeline
    from scrapers.spiders.vinnova import VinnovaSpider
    from tests.helpers.sites import make_spider

    spider = make_spider(VinnovaSpider)
    pipeline = ValidatePipeline(spider.crawler.stats)
    item = NormalisePipeline().process_item(record(url="javascript:alert(1)", funder="Vinnova"))
    with pytest.raises(DropItem, match="invalid call '2026-00001': url: Value error, 'javascript:alert"):
        pipeline.process_item(item)
    assert pipeline.errors == {"url": 1}
    assert pipeline.process_item(NormalisePipeline().process_item(record(funder="Vinnova")))["url"] == \
        "https://www.vinnova.se/e/utlysning-2026-90001/omgang-2026-00001/"


class Hrefs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []
        self.links = 0

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src", "action", "formaction"):
                self.hrefs.append(value)
        self.links += tag == "a"


def call(i: int, url: str) -> Call:
    return Call(id=i, source="vinnova", external_id=f"2026-0{i}", url=url, title=f"Utlysning {i}",
                funder="Vinnova", status="open", deadline="2027-01-15", deadline_date=date(2027, 1, 15),
                applicants=["sme"], max_grant_sek=None, budget_sek=None, employees_min=None,
                employees_max=None, company_age_min=None, company_age_max=None,
                last_seen=datetime(2026, 11, 20, 6, 0, tzinfo=UTC))


def test_templates_write_only_http_hrefs_even_for_stored_javascript_urls(monkeypatch):
    monkeypatch.setenv("HUBB_CENTRE__WEBSITE", "javascript:alert('centre')")
    settings = get_settings(fresh=True)
    calls = [call(1, "javascript:alert(1)"), call(2, "data:text/html,<b>x</b>"),
             call(3, "https://www.vinnova.se/e/utlysning-2026-90001/omgang-2026-03/")]
    selection = Selection(new=[Item("new", c, Match(call_id=c.id, reasons={})) for c in calls])
    ctx = build_context(selection, Recipient("Anna", "anna@example.se", "sv", "Exempel AB", "exempel"),
                        date(2026, 11, 30), settings=settings,
                        unsubscribe_url="mailto:bevakning@example.se?subject=unsubscribe")
    text, html = render(ctx)
    parser = Hrefs()
    parser.feed(html)
    assert parser.hrefs == ["https://www.vinnova.se/e/utlysning-2026-90001/omgang-2026-03/", "https://www.vinnova.se/e/utlysning-2026-90001/omgang-2026-03/",
                            "mailto:bevakning@example.se?subject=unsubscribe"]
    assert "javascript:" not in html and "data:text" not in html
    assert "javascript:" not in text and "data:text" not in text
    for title in ("Utlysning 1", "Utlysning 2", "Utlysning 3"):  # the cards stay, as text
        assert title in html and title in text
    ics = calendar(selection, "sv", "example.se").decode()
    assert ics.count("BEGIN:VEVENT") == 3
    assert ics.count("URL:") == 1 and "URL:https://www.vinnova.se/e/utlysning-2026-90001/omgang-2026-03/" in ics
    assert "javascript:" not in ics and "data:text" not in ics
