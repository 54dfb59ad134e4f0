"""Politeness and change detection settings: robots.txt, User-Agent, throttling, retries
with back-off, and the HTTP-cache policy that spares unchanged detail pages."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

from scrapy.http import Request, Response
from scrapy.settings import Settings
from scrapy.utils.test import get_crawler

from hubb.settings import get_settings
from scrapers.middlewares import (
    BACKOFF_META,
    BackoffRetryMiddleware,
    ListingAwareFingerprinter,
    ListingAwarePolicy,
)
from scrapers.run import project_settings, spider_names
from scrapers.spiders.vinnova import VinnovaSpider


def test_project_settings():
    s = project_settings()
    assert s.getbool("ROBOTSTXT_OBEY") is True
    assert s["USER_AGENT"] == get_settings().user_agent
    assert s["USER_AGENT"] == "IndustrihubbBevakning/0.1 (+https://iucindustrihubb.se/; info@example.se)"
    assert s.getbool("AUTOTHROTTLE_ENABLED") is True
    assert s.getbool("HTTPCACHE_ENABLED") is True
    assert s["HTTPCACHE_POLICY"] == "scrapers.middlewares.ListingAwarePolicy"
    assert list(s.getdict("ITEM_PIPELINES")) == [
        "scrapers.pipelines.NormalisePipeline", "scrapers.pipelines.ValidatePipeline", "scrapers.pipelines.StorePipeline"]


def test_sources_yaml_politeness_reaches_the_spider_settings():
    settings = project_settings()
    VinnovaSpider.update_settings(settings)
    assert settings.getfloat("DOWNLOAD_TIMEOUT") == 180.0
    assert settings.getint("RETRY_TIMES") == 3
    assert settings.getfloat("DOWNLOAD_DELAY") == 1.0
    assert settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN") == 2


def test_cache_dir_lives_next_to_the_sources_file(tmp_path, monkeypatch):
    monkeypatch.setenv("HUBB_SOURCES_FILE", str(tmp_path / "sources.yaml"))
    assert project_settings()["HTTPCACHE_DIR"] == str(tmp_path / "httpcache")


def test_every_spider_is_listed():
    names = spider_names()
    assert "vinnova" in names
    assert set(names) <= {"iuc", "region_orebro", "tillvaxtverket", "vinnova", "eu", "energimyndigheten", "almi"}


def _cached(date: datetime) -> Response:
    return Response("https://x/a", headers={"ETag": '"abc"', "Last-Modified": "Thu, 01 Jan 2026 00:00:00 GMT",
                                            "Date": format_datetime(date, usegmt=True)})


def test_policy_revalidates_listings_and_trusts_an_unchanged_listing_key_until_recheck():
    policy = ListingAwarePolicy(Settings())
    now = datetime.now(UTC)
    listing = Request("https://x/lista")
    assert policy.is_cached_response_fresh(_cached(now), listing) is False
    assert listing.headers[b"If-None-Match"] == b'"abc"'
    assert listing.headers[b"If-Modified-Since"] == b"Thu, 01 Jan 2026 00:00:00 GMT"
    keyed = {"listing_key": "Stänger 1 mars", "recheck_seconds": 3600}
    assert policy.is_cached_response_fresh(_cached(now), Request("https://x/a", meta=keyed))
    # an unchanged listing entry does not hide a page older than recheck_hours (issue 13)
    old_keyed = Request("https://x/a", meta=keyed)
    assert not policy.is_cached_response_fresh(_cached(now - timedelta(hours=2)), old_keyed)
    assert old_keyed.headers[b"If-None-Match"] == b'"abc"'
    # recheck_hours 0: a keyed page is revalidated on every harvest
    assert not policy.is_cached_response_fresh(_cached(now), Request("https://x/a", meta={"listing_key": "k"}))
    recheck = {"recheck_seconds": 3600}
    assert policy.is_cached_response_fresh(_cached(now - timedelta(minutes=5)), Request("https://x/a", meta=recheck))
    assert not policy.is_cached_response_fresh(_cached(now - timedelta(hours=2)), Request("https://x/a", meta=recheck))
    # a server error is never hidden behind a cached copy
    assert policy.is_cached_response_valid(_cached(now), Response("https://x/a", status=500), listing) is False
    assert policy.is_cached_response_valid(_cached(now), Response("https://x/a", status=304), listing) is True
    # detail pages are kept even without validators
    assert policy.should_cache_response(Response("https://x/a"), Request("https://x/a", meta={"listing_key": "k"}))


def test_fingerprint_includes_the_listing_key():
    fp = ListingAwareFingerprinter()
    plain = fp.fingerprint(Request("https://x/a"))
    a = fp.fingerprint(Request("https://x/a", meta={"listing_key": "Stänger 1 mars 2027"}))
    b = fp.fingerprint(Request("https://x/a", meta={"listing_key": "Stänger 8 mars 2027"}))
    assert len({plain, a, b}) == 3
    assert a == fp.fingerprint(Request("https://x/a", meta={"listing_key": "Stänger 1 mars 2027"}))


def test_retries_back_off_exponentially():
    crawler = get_crawler(VinnovaSpider, {"RETRY_TIMES": 3, "RETRY_BACKOFF_BASE": 2.0, "RETRY_BACKOFF_MAX": 5.0})
    crawler.spider = VinnovaSpider.from_crawler(crawler)
    mw = BackoffRetryMiddleware.from_crawler(crawler)
    request, delays = Request("https://x/a"), []
    for _ in range(4):
        request = mw.process_response(request, Response("https://x/a", status=503))
        if not isinstance(request, Request):
            break
        delays.append(request.meta[BACKOFF_META])
    assert delays == [2.0, 4.0, 5.0]
    assert isinstance(request, Response) and request.status == 503
