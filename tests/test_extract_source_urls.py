"""Call-page URL patterns held against real URLs of the sites (../shared/real/url_checks.txt,
bundled here so a clone with nothing beside it runs the same check)."""

from __future__ import annotations

import pytest

from scrapers.spiders.tillvaxtverket import CALL_RE, call_id, is_planned

BASE = "https://tillvaxtverket.se/tillvaxtverket/sokfinansiering/utlysningar"


@pytest.mark.parametrize("url, expected_id", [
    (f"{BASE}/utlysningar/insatserforattframjacirkularekonomiinomovrenorrland.7085.html", "7085"),
    # a standing offer ("fast utlysning"): regional investment support
    (f"{BASE}/fastautlysningar/regionaltinvesteringsstod.3519.html", "3519"),
    # a planned call: read like a call, stored upcoming (issue 12)
    ("https://tillvaxtverket.se/tillvaxtverket/sokfinansiering/planeradeutlysningar/"
     "planeradfinansieringiostramellansverige.1692.html", "1692"),
])
def test_tillvaxtverket_call_pages_standing_offers_and_planned_calls(url, expected_id):
    assert CALL_RE.search(url.split("tillvaxtverket.se", 1)[1])
    assert call_id(url) == expected_id
    assert is_planned(url) == ("/planeradeutlysningar/" in url)


@pytest.mark.parametrize("url", [
    # the listing and a listing of planned calls are not call pages
    "https://tillvaxtverket.se/tillvaxtverket/sokfinansiering/utlysningar.1139.html",
    "https://tillvaxtverket.se/tillvaxtverket/sokfinansiering/planeradeutlysningar.1690.html",
])
def test_tillvaxtverket_other_pages_are_not_calls(url):
    assert not CALL_RE.search(url.split("tillvaxtverket.se", 1)[1])


# --- Region Örebro län: support pages up to three levels below the section ---------------------------

from scrapy.http import HtmlResponse, Request  # noqa: E402

from scrapers.spiders.region_orebro import CALL_RE as RO_CALL_RE  # noqa: E402
from scrapers.spiders.region_orebro import RegionOrebroSpider  # noqa: E402
from tests.helpers.sites import make_spider  # noqa: E402

RO = "https://www.regionorebrolan.se"
NESTED = "/sv/stod-och-bidrag/bidrag-och-kulturstipendier/stodatgarder-coronakrisen2/"
CHILD = NESTED + "stodatgarder-coronakrisen/stod-till-regionalt-finansierade-kulturproducenter/"


@pytest.mark.parametrize("path, is_call", [
    ("/sv/stod-och-bidrag/bidrag-och-kulturstipendier/stod-till-nordiskt-samarbete/", True),
    ("/sv-ll/stod-och-bidrag/bidrag-och-kulturstipendier/utvecklingsmedel-social-innovation/", True),
    (NESTED, True),
    (CHILD, True),  # three levels below the section: not matched before issue 12
    ("/sv/stod-och-bidrag/foretagsstod/", False),
])
def test_region_orebro_call_paths(path, is_call):
    assert bool(RO_CALL_RE.match(path)) is is_call


def _html(body: str) -> bytes:
    return f"<html><body><main><h1>Stödåtgärder</h1>{body}</main></body></html>".encode()


def test_region_orebro_page_with_children_is_followed_not_stored(monkeypatch):
    monkeypatch.setenv("HUBB_NOW", "2023-05-01")
    spider = make_spider(RegionOrebroSpider)
    body = _html(f'<p>Här finns stöden.</p><ul><li><a href="{CHILD}">Stöd till kulturproducenter</a></li></ul>'
                 f'<p>Senast uppdaterad: den 12 oktober 2022</p>')
    response = HtmlResponse(url=RO + NESTED, body=body, encoding="utf-8", request=Request(RO + NESTED))
    out = list(spider.parse_call(response))
    assert [r.url for r in out if isinstance(r, Request)] == [RO + CHILD]
    assert not [r for r in out if isinstance(r, dict)]
