"""Call-page URL patterns held against real URLs of the sites (../shared/real/url_checks.txt,
bundled here so a clone with nothing beside it runs the same check)."""

from __future__ import annotations

import pytest

from scrapers.spiders.tillvaxtverket import CALL_RE, call_id

BASE = "https://tillvaxtverket.se/tillvaxtverket/sokfinansiering/utlysningar"


@pytest.mark.parametrize("url, expected_id", [
    (f"{BASE}/utlysningar/insatserforattframjacirkularekonomiinomovrenorrland.7085.html", "7085"),
    # a standing offer ("fast utlysning"): regional investment support
    (f"{BASE}/fastautlysningar/regionaltinvesteringsstod.3519.html", "3519"),
])
def test_tillvaxtverket_call_pages_and_standing_offers(url, expected_id):
    assert CALL_RE.search(url.split("tillvaxtverket.se", 1)[1])
    assert call_id(url) == expected_id


@pytest.mark.parametrize("url", [
    # a planned-calls page and the listing are not call pages
    "https://tillvaxtverket.se/tillvaxtverket/sokfinansiering/planeradeutlysningar/planeradfinansieringiostramellansverige.1692.html",
    "https://tillvaxtverket.se/tillvaxtverket/sokfinansiering/utlysningar.1139.html",
])
def test_tillvaxtverket_other_pages_are_not_calls(url):
    assert not CALL_RE.search(url.split("tillvaxtverket.se", 1)[1])
