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
- :class:`PageCheckMiddleware` — an HTML page that arrives blank or cut short (no
  ``</html>``) is a failed page, never parsed and never cached.
- :class:`ConditionalAutoThrottle` — AutoThrottle that counts a 304 as the answer it is: a
  revalidation's latency may lower the delay as a 200's does (Scrapy's only lets non-200s
  raise it, so one slow 304 kept a harvest of revalidations at one request a second).
- :class:`ErrbackMiddleware` (a spider middleware) — every request of a call spider gets
  the spider's errback, so a failure is one line naming the URL and kept for the health
  check (:func:`describe_failure`), never a traceback.
"""

from __future__ import annotations

import asyncio
import hashlib
import time

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.extensions.httpcache import RFC2616Policy
from scrapy.extensions.throttle import AutoThrottle
from scrapy.http import Request, Response
from scrapy.utils.request import RequestFingerprinter

BACKOFF_META = "hubb_backoff"
#: detail requests given up after retries (the rest of retry/max_reached are listings)
STAT_DETAIL_GAVE_UP = "hubb/detail_gave_up"
#: optional requests given up after retries (``hubb_optional`` meta: the spider's errback keeps
#: what the page would have given, so the run does not fail for it)
STAT_OPTIONAL_GAVE_UP = "hubb/optional_gave_up"
#: answers that came over the network, by status ("hubb/network_status/200": full downloads)
STAT_NETWORK = "hubb/network_status"


class BackoffRetryMiddleware(RetryMiddleware):
    def __init__(self, settings):
        super().__init__(settings)
        self.backoff_base = settings.getfloat("RETRY_BACKOFF_BASE", 2.0)
        self.backoff_max = settings.getfloat("RETRY_BACKOFF_MAX", 60.0)

    def process_response(self, request, response, spider=None):
        result = super().process_response(request, response)
        if isinstance(result, Request) and response.status in (429, 503):
            # the site said how long to wait (seconds; an HTTP date is not worth parsing here)
            after = response.headers.get(b"Retry-After", b"").decode("latin-1").strip()
            if after.isdigit():
                result.meta[BACKOFF_META] = min(float(after), self.backoff_max)
        return result

    def _retry(self, request, reason):
        retry = super()._retry(request, reason)
        if retry is not None:
            n = retry.meta.get("retry_times", 1)
            retry.meta[BACKOFF_META] = min(self.backoff_base * 2 ** (n - 1), self.backoff_max)
        elif "hubb_detail" in request.meta and not request.meta.get("dont_retry"):
            self.crawler.stats.inc_value(STAT_DETAIL_GAVE_UP)
        elif request.meta.get("hubb_optional") and not request.meta.get("dont_retry"):
            self.crawler.stats.inc_value(STAT_OPTIONAL_GAVE_UP)
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
        # the fingerprint includes the listing key (same key, same listing entry), but a page
        # can change while its listing entry does not: every detail page is revalidated once
        # its copy is older than recheck_seconds (the source's recheck_hours), key or not
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
    if raw is None:
        return float("inf")
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


class ConditionalAutoThrottle(AutoThrottle):
    def _adjust_delay(self, slot, latency, response) -> None:
        if response.status == 304:
            response = response.replace(status=200)
        super()._adjust_delay(slot, latency, response)


class PageCheckMiddleware:
    """A 200 HTML answer that is blank or has no closing ``</html>`` (a truncated transfer, a
    half-written page, bytes that are not a page) is refused before the cache keeps it: the
    request fails, its errback names the URL, and a listing page refused so leaves the
    listing incomplete (no call vanishes)."""

    def __init__(self, stats=None):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)

    def process_response(self, request: Request, response: Response, spider=None):
        if "cached" in response.flags:
            return response  # checked when it came over the network
        if self.stats is not None:
            # answers over the network by status: 200s are the full downloads (bench/harvest.py)
            self.stats.inc_value(f"{STAT_NETWORK}/{response.status}")
        if response.status != 200 or b"html" not in (response.headers.get(b"Content-Type") or b"").lower():
            return response
        body = response.body
        if not body.strip():
            raise IgnoreRequest("blank page")
        tail = body[-4096:].lower()
        if b"</html" not in tail and b"</body" not in tail:
            raise IgnoreRequest("truncated page (no </html>)")
        return response


class ErrbackMiddleware:
    """Gives every request of a call spider (start requests and those its callbacks yield)
    the spider's ``request_failed`` errback when it has none, and watches detail pages: one
    that is not HTML is refused before its callback, one whose callback yields no call or
    raises is recorded as a failed page (``CallSpider.detail_answered`` / ``page_failed``)."""

    @staticmethod
    def _with_errback(request, spider):
        if isinstance(request, Request) and request.errback is None and hasattr(spider, "request_failed"):
            request.errback = spider.request_failed
        return request

    def __init__(self, crawler=None):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    @staticmethod
    def _is_detail(response) -> bool:
        return response is not None and "hubb_detail" in (getattr(response, "meta", None) or {})

    def process_spider_input(self, response, spider=None):
        from scrapy.http import TextResponse

        if self._is_detail(response) and not isinstance(response, TextResponse):
            raise IgnoreRequest("not an HTML page")  # to the request's errback
        return None

    async def process_start(self, start):
        spider = self.crawler.spider
        async for request in start:
            yield self._with_errback(request, spider)

    def process_spider_output(self, response, result, spider=None):
        spider = spider or self.crawler.spider
        items = 0
        for out in result:
            if not isinstance(out, Request):
                items += 1
            yield self._with_errback(out, spider)
        self._answered(response, spider, items)

    async def process_spider_output_async(self, response, result, spider=None):
        spider = spider or self.crawler.spider
        items = 0
        async for out in result:
            if not isinstance(out, Request):
                items += 1
            yield self._with_errback(out, spider)
        self._answered(response, spider, items)

    def _answered(self, response, spider, items: int) -> None:
        if self._is_detail(response) and hasattr(spider, "detail_answered"):
            spider.detail_answered(response, items)

    def process_spider_exception(self, response, exception, spider=None):
        spider = spider or self.crawler.spider
        if self._is_detail(response) and hasattr(spider, "page_failed"):
            url = response.meta.get("hubb_url", response.url)
            spider.page_failed(url, f"error in the spider: {type(exception).__name__}", detail=True)
        return None  # Scrapy's own handling goes on: a spider error also makes the run unhealthy


def describe_failure(failure) -> str:
    """Why a request failed, in a few words an operator can act on."""
    from scrapy.spidermiddlewares.httperror import HttpError
    from twisted.internet import error

    exc = failure.value
    name = type(exc).__name__  # Scrapy ≥ 2.13 wraps Twisted's errors in its own Download*Errors
    if isinstance(exc, HttpError):
        return f"HTTP {exc.response.status}"
    if isinstance(exc, error.DNSLookupError) or "DNSLookup" in name:
        return "DNS"
    if isinstance(exc, error.ConnectionRefusedError) or "ConnectionRefused" in name:
        return "connection refused"
    if isinstance(exc, (error.TimeoutError, error.TCPTimedOutError)) or "Timeout" in type(exc).__name__:
        return "timeout"
    if isinstance(exc, IgnoreRequest):
        text = str(exc)
        if "robots.txt" in text:
            return "refused by robots.txt"
        if "redirect" in text.lower():
            return "redirect loop"
        return text or "ignored"
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    if "ResponseNeverReceived" in name or "ConnectionLost" in name or "ConnectionDone" in name:
        return "connection lost"
    if "cancel" in text.lower() and "maxsize" in text.lower():
        return "page too large"
    return f"{name}: {text}"[:200] if text else name
