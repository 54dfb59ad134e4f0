"""Scrapy settings of the harvest (``scrapy.cfg`` → ``scrapers.settings``).

Layers: these project settings → the per-source values of ``config/sources.yaml``
(applied by ``CallSpider.update_settings``: timeout, delay, concurrency, retries) →
``HUBB_*`` environment variables read here. The User-Agent names the service and the
centre's contact address (``hubb.settings``); robots.txt is obeyed.
"""

from __future__ import annotations

import os
from pathlib import Path

from hubb.settings import config_dir, get_settings
from scrapers.sources import SOURCES_FILE_ENV

BOT_NAME = "industrihubb"
SPIDER_MODULES = ["scrapers.spiders"]
NEWSPIDER_MODULE = "scrapers.spiders"

USER_AGENT = get_settings().user_agent
ROBOTSTXT_OBEY = True

# Politeness; per-source values from sources.yaml override the delay and concurrency.
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
DOWNLOAD_TIMEOUT = 60
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
EXTENSIONS = {
    # a 304 (a revalidated page) may lower the delay like a 200 (scrapers.middlewares)
    "scrapy.extensions.throttle.AutoThrottle": None,
    "scrapers.middlewares.ConditionalAutoThrottle": 0,
}

RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
RETRY_BACKOFF_BASE = float(os.environ.get("HUBB_RETRY_BACKOFF_BASE", "2.0"))
RETRY_BACKOFF_MAX = 60.0

DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "scrapers.middlewares.BackoffRetryMiddleware": 550,
    "scrapers.middlewares.BackoffDelayMiddleware": 560,
    # closer to the network than the HTTP cache (900): a truncated page is never cached
    "scrapers.middlewares.PageCheckMiddleware": 950,
}
SPIDER_MIDDLEWARES = {
    # every request gets the spider's errback: failures are one line each, kept for health
    "scrapers.middlewares.ErrbackMiddleware": 10,
}
# a page this large is no call page (the real ones are < 1 MB): refused, not parsed
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024

# Change detection: conditional requests for listings, no request at all for a detail
# page whose listing entry is unchanged (see scrapers.middlewares).
HTTPCACHE_ENABLED = True
HTTPCACHE_POLICY = "scrapers.middlewares.ListingAwarePolicy"
HTTPCACHE_STORAGE = "scrapy.extensions.httpcache.FilesystemCacheStorage"
HTTPCACHE_EXPIRATION_SECS = 7 * 24 * 3600  # re-read every page at least weekly
HTTPCACHE_IGNORE_HTTP_CODES = [301, 302, 303, 307, 308, 404, 410, 500, 502, 503, 504]
REQUEST_FINGERPRINTER_CLASS = "scrapers.middlewares.ListingAwareFingerprinter"


def _cache_dir() -> str:
    # next to the sources file when one is named (tests, bench, demo keep their own
    # cache), else var/httpcache beside config/
    if os.environ.get("HUBB_HTTPCACHE_DIR"):
        return os.environ["HUBB_HTTPCACHE_DIR"]
    if os.environ.get(SOURCES_FILE_ENV):
        return str(Path(os.environ[SOURCES_FILE_ENV]).resolve().parent / "httpcache")
    return str(config_dir().parent / "var" / "httpcache")


HTTPCACHE_DIR = _cache_dir()

ITEM_PIPELINES = {
    "scrapers.pipelines.NormalisePipeline": 100,
    "scrapers.pipelines.ValidatePipeline": 200,
    "scrapers.pipelines.StorePipeline": 900,
}

TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = os.environ.get("HUBB_SCRAPY_LOG_LEVEL", "INFO")
TELNETCONSOLE_ENABLED = False
