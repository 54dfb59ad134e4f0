"""Downloader pieces of the harvest's politeness and change detection.

- :class:`BackoffRetryMiddleware` — Scrapy's retries, each one waiting twice as long as
  the one before (``RETRY_BACKOFF_BASE`` × 2^(n-1) seconds, at most ``RETRY_BACKOFF_MAX``),
  so a struggling site is given room instead of hammered.
- :class:`ListingAwarePolicy` — the HTTP-cache policy: listings (and every request without
  a ``listing_key``) are revalidated with conditional requests (ETag / Last-Modified → 304);
  a detail page whose ``listing_key`` is unchanged since it was cached is answered from the
  cache with no request at all; server errors are never masked by a cached copy (a failing
  site must show in the run's health).
- :class:`ListingAwareFingerprinter` — request fingerprints that include the
  ``listing_key``, so a changed listing entry misses the cache and the page is fetched.
"""

from __future__ import annotations

import asyncio
import hashlib
import time

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.extensions.httpcache import RFC2616Policy
from scrapy.http import Request, Response
from scrapy.utils.request import RequestFingerprinter

BACKOFF_META = "hubb_backoff"


class BackoffRetryMiddleware(RetryMiddleware):
    def __init__(self, settings):
        super().__init__(settings)
        self.backoff_base = settings.getfloat("RETRY_BACKOFF_BASE", 2.0)
        self.backoff_max = settings.getfloat("RETRY_BACKOFF_MAX", 60.0)

    def _retry(self, request, reason):
        retry = super()._retry(request, reason)
        if retry is not None:
            n = retry.meta.get("retry_times", 1)
            retry.meta[BACKOFF_META] = min(self.backoff_base * 2 ** (n - 1), self.backoff_max)
        return retry


class BackoffDelayMiddleware:
    """Waits the back-off of a retried request before it goes out (without blocking
    other requests: the wait is an asyncio sleep on the reactor's loop)."""

    async def process_request(self, request: Request, spider=None):
        delay = request.meta.pop(BACKOFF_META, 0)
        if delay > 0:
            await asyncio.sleep(delay)
        return None


class ListingAwarePolicy(RFC2616Policy):
    def should_cache_response(self, response: Response, request: Request) -> bool:
        if response.status == 200 and request.meta.get("listing_key") is not None:
            return True  # kept for the next harvest even without validators
        return super().should_cache_response(response, request)

    def is_cached_response_fresh(self, cachedresponse: Response, request: Request) -> bool:
        if request.meta.get("listing_key") is not None:
            return True  # the fingerprint includes the key: same key, same page
        recheck = request.meta.get("recheck_seconds")
        if recheck and _age(cachedresponse) < recheck:
            return True
        self._set_conditional_validators(request, cachedresponse)
        return False

    def is_cached_response_valid(self, cachedresponse: Response, response: Response,
                                 request: Request) -> bool:
        return response.status == 304


def _age(response: Response) -> float:
    """Seconds since the cached response was received (its Date header)."""
    from email.utils import parsedate_to_datetime

    raw = response.headers.get(b"Date")
    try:
        received = parsedate_to_datetime(raw.decode("latin-1")).timestamp()
    except (AttributeError, TypeError, ValueError):
        return float("inf")
    return max(0.0, time.time() - received)


class ListingAwareFingerprinter(RequestFingerprinter):
    def fingerprint(self, request: Request) -> bytes:
        fp = super().fingerprint(request)
        key = request.meta.get("listing_key")
        if key is None:
            return fp
        return hashlib.sha1(fp + b"\0" + str(key).encode("utf-8")).digest()
