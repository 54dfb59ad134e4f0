"""The one base spider every source spider derives from.

A spider reads like a form: it finds the calls (a listing, an API answer) and builds
each item with :meth:`CallSpider.build_item`, which calls one small ``_parse_<field>``
method per call-record field. The base class knows the source's configuration
(``config/sources.yaml``: funder, base URLs, politeness), lets a spider say "this run saw
the complete listing" (:meth:`mark_complete`, without which no call is marked vanished),
records a missing page structure (:meth:`structure_missing`) for the health check, and
supports listing-level change detection (:meth:`detail_request` with a ``listing_key``).

See ``docs/harvest.md`` for the contract in full.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from typing import Any, Protocol
from urllib.parse import urlsplit, urlunsplit

import scrapy
from scrapy.http import Request, Response, TextResponse

from hubb import clock
from scrapers.sources import Source, get_source

logger = logging.getLogger(__name__)

#: Record fields in the order ``build_item`` parses them: the language first (it picks
#: the title), raw dates before parsed ones, dates before the status derived from them,
#: text before what is read out of it.
FIELD_ORDER = (
    "id", "url", "language", "title", "summary", "text",
    "opens_raw", "opens", "deadline_raw", "deadline", "status",
    "applicants", "regions", "employees_min", "employees_max",
    "company_age_min", "company_age_max", "budget_sek", "max_grant_sek",
)

#: stats keys the health check reads
STAT_STRUCTURE_FATAL = "hubb/structure_missing/fatal"
STAT_STRUCTURE_WARN = "hubb/structure_missing/warning"
STAT_PAGES_PARSED = "hubb/pages_parsed"
#: non-fatal structure problems by what was missing: the share of pages on a fallback
STAT_FALLBACKS = "hubb/fallbacks"
#: detail pages whose callback ran (the denominator of the fallback shares)
STAT_DETAILS_READ = "hubb/details_read"

#: request meta: the detail page's callback name (its presence marks a detail request)
META_DETAIL = "hubb_detail"
#: request meta: the URL the listing linked (a redirect may change the response's)
META_URL = "hubb_url"
#: request meta: a page the run can do without (its errback keeps what it would have given):
#: given up after retries, it does not make the run unhealthy
META_OPTIONAL = "hubb_optional"


def slash_url(url: str) -> str:
    """A page's URL without query or fragment, its path ending in "/" — the one form of a
    page on sites that link it with and without the slash and with tracking parameters."""
    parts = urlsplit(url)
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def next_page_url(response: Response, starts: tuple[str, ...], marks: tuple[str, ...] = ()) -> str | None:
    """A paged listing's next page: a ``rel=next`` link, else the first link whose text
    starts with one of ``starts`` ("nästa") or is one of ``marks`` ("›"); absolute."""
    from scrapers.pagetext import clean

    href = response.css('a[rel~="next"]::attr(href), link[rel~="next"]::attr(href)').get()
    if not href:
        for a in response.css("a[href]"):
            text = clean(" ".join(a.css("::text").getall())).lower()
            if text.startswith(starts) or text in marks:
                href = a.attrib["href"]
                break
    return response.urljoin(href) if href else None


class CallSpider(scrapy.Spider):
    """Base of the call spiders. Subclasses set ``name`` (a key of ``sources.yaml``) and
    implement ``start_requests`` / callbacks, plus ``_parse_<field>(obj, item)`` methods.

    Spider arguments (``scrapy crawl NAME -a check=1``): ``check`` — the structure check of
    ``hubb harvest --check``: one listing and at most one detail page, nothing stored.
    """

    #: no name: the base is not a spider of its own (``scrapy list`` skips it)
    name: str = None  # type: ignore[assignment]

    #: the headings/keys whose presence proves the expected structure, for the docs
    expected_structure: tuple[str, ...] = ()

    def __init__(self, *args: Any, check: str | bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.source: Source = get_source(self.name)
        self.check_mode = str(check).lower() in ("1", "true", "yes")
        self.listing_complete = False
        self._detail_requests = 0
        #: every detail page the listing linked (requested), by its listed URL
        self.listed_urls: set[str] = set()
        #: ids of the calls whose ``url`` this run is a stand-in (the listing that should link
        #: them), not their own page: the store keeps a stored call's url (issue 12)
        self.stand_in_urls: set[str] = set()
        #: URL → (why it could not be read, whether it was a detail page); a failed listing
        #: page makes the listing incomplete, a failed detail page leaves its call as stored
        self.failed_pages: dict[str, tuple[str, bool]] = {}
        #: listed detail pages whose answer (or failure) arrived
        self.details_done: set[str] = set()

    async def start(self):
        """Scrapy ≥ 2.13 starts here; a spider writes either ``async def start`` or the
        classic ``start_requests`` (delegated to from here)."""
        for request in self.start_requests():
            yield request

    def start_requests(self):
        return iter(())

    # -- configuration -------------------------------------------------------------------

    @classmethod
    def update_settings(cls, settings) -> None:
        """Per-source politeness from sources.yaml, over the project settings."""
        super().update_settings(settings)
        if not cls.name:
            return
        source = get_source(cls.name)
        values = {
            "DOWNLOAD_TIMEOUT": source.download_timeout,
            "DOWNLOAD_DELAY": source.download_delay,
            "AUTOTHROTTLE_START_DELAY": max(source.download_delay, 0.0),
            "CONCURRENT_REQUESTS_PER_DOMAIN": source.concurrency,
            "RETRY_TIMES": source.retry_times,
        }
        for key, value in values.items():
            settings.set(key, value, priority="spider")

    @property
    def funder(self) -> str:
        return self.source.funder

    @property
    def base_url(self) -> str:
        return self.source.base_url

    def url(self, path: str = "", base: str | None = None) -> str:
        """An absolute URL on the source's site (``base`` names one of its base_urls)."""
        return self.source.url(path, base)

    @property
    def today(self) -> date:
        """The harvest's "today" (frozen by HUBB_NOW in tests)."""
        return clock.today()

    # -- building items ------------------------------------------------------------------

    def build_item(self, obj: Any, **known: Any) -> dict[str, Any]:
        """A call item: ``known`` values as given, every other field from
        ``self._parse_<field>(obj, item)`` when the spider defines it (``item`` holds the
        fields parsed so far, in FIELD_ORDER). Fields without a parser stay unset; the
        validate pipeline reports them."""
        item: dict[str, Any] = {"source": self.name, "funder": self.funder}
        for name in FIELD_ORDER:
            if name in known:
                item[name] = known[name]
                continue
            parser: Callable[[Any, dict], Any] | None = getattr(self, f"_parse_{name}", None)
            if parser is not None:
                item[name] = parser(obj, item)
        for name, value in known.items():
            item.setdefault(name, value)
        return item

    def parsed(self, response: Response | None = None) -> None:
        """Count one page (or API answer) parsed, for the benchmark's pages/s."""
        self.crawler.stats.inc_value(STAT_PAGES_PARSED)

    # -- listings, detail pages, completeness ---------------------------------------------

    def mark_complete(self) -> None:
        """Declare that this run saw the source's whole listing (every page of it). Only
        then does the store mark calls that are missing as vanished. Not in check mode."""
        if not self.check_mode:
            self.listing_complete = True

    def detail_request(
        self, url: str, callback: Callable, *, listing_key: str | None = None, **kwargs: Any
    ) -> Request | None:
        """A request for a call's detail page, or None when check mode has had its one.

        ``listing_key``: what the listing shows of this call (its title, status line,
        dates…). While it stays the same as on the last harvest, the page is answered from
        the HTTP cache without a request; when it changes, the page is fetched again.
        Without a key the page is revalidated with a conditional request (ETag /
        Last-Modified), which still costs one request, once its cached copy is older than
        the source's ``recheck_hours`` (sources.yaml; 0 = on every harvest).
        """
        if self.check_mode and self._detail_requests >= 1:
            return None
        self._detail_requests += 1
        meta = dict(kwargs.pop("meta", None) or {})
        if listing_key is not None:
            meta["listing_key"] = listing_key
        if self.source.recheck_hours > 0:
            # keyed or not, a cached copy older than this is revalidated (issue 13: the
            # cache never hides a page that changed while its listing entry did not)
            meta["recheck_seconds"] = self.source.recheck_hours * 3600
        meta[META_DETAIL] = callback.__name__
        meta[META_URL] = url
        self.listed_urls.add(url)
        return Request(url, callback=callback, errback=self.request_failed, meta=meta, **kwargs)

    def detail_answered(self, response: Response, items: int) -> None:
        """Called (by the harvest's spider middleware) when a detail page's callback is done:
        a page that yielded no call (no title, unreadable) is a failed page — its stored call
        stays as it is, and it counts against health."""
        url = response.meta.get(META_URL, response.url)
        self.details_done.add(url)
        self.crawler.stats.inc_value(STAT_DETAILS_READ)
        if not items:
            self.page_failed(url, "no call read from the page", detail=True)
        elif isinstance(response, TextResponse):
            self._count_missing_headings(response)

    def _count_missing_headings(self, response: TextResponse) -> None:
        """Counts, per page, each expected question heading ("Vem kan söka?") that is not a
        heading there: a spider reading that section by other means (the lead, the whole text)
        then shows in the fallback shares, which the health check compares between runs."""
        wanted = [h for h in self.expected_structure if h.endswith("?")]
        if not wanted:
            return
        try:
            found = {" ".join(t.split()).lower() for t in response.xpath(
                "//*[self::h1 or self::h2 or self::h3 or self::h4 or self::h5 or self::h6]").xpath(
                "normalize-space(string())").getall()}
        except (AttributeError, ValueError):  # not an HTML page after all
            return
        stats = self.crawler.stats
        by_what = stats.get_value(STAT_FALLBACKS) or {}
        for heading in wanted:
            if not any(f.startswith(heading.lower().rstrip("?")) for f in found):
                what = f"no heading {heading!r}"
                by_what[what] = by_what.get(what, 0) + 1
        stats.set_value(STAT_FALLBACKS, by_what)

    def request_failed(self, failure) -> None:
        """Errback of every request (set on those a spider makes by the harvest's spider
        middleware): one line naming the URL and why, kept for the health check."""
        from scrapers.middlewares import describe_failure

        request = failure.request
        self.page_failed(request.meta.get(META_URL, request.url), describe_failure(failure),
                         detail=META_DETAIL in request.meta)

    def page_failed(self, url: str, reason: str, *, detail: bool) -> None:
        if detail:
            self.details_done.add(url)
        if url in self.failed_pages:
            return
        self.failed_pages[url] = (reason, detail)
        what = "detail page" if detail else "listing"
        # INFO: the run's result names every failed page once (hubb harvest's line, -v here)
        self.logger.info("%s %s could not be read: %s", what, url, reason)

    def unanswered(self) -> list[str]:
        """Listed detail pages that never got an answer nor an error: dropped on the way
        (a redirect back to a page already requested, a loop). Asked when the spider closes."""
        return sorted(self.listed_urls - self.details_done)

    def structure_missing(self, response: Response | None, what: str, *, fatal: bool = False) -> None:
        """The page lacks what the spider expects (a heading, a key, a list).

        ``fatal`` (the listing or API answer is unusable) makes the run unhealthy; otherwise
        it is a warning in the run's report, and the field it feeds stays empty (which the
        fill-rate check notices when it happens on many pages)."""
        url = getattr(response, "url", "")
        key = STAT_STRUCTURE_FATAL if fatal else STAT_STRUCTURE_WARN
        self.crawler.stats.inc_value(key)
        if not fatal:
            by_what = self.crawler.stats.get_value(STAT_FALLBACKS) or {}
            if what in by_what or len(by_what) < 50:
                by_what[what] = by_what.get(what, 0) + 1
                self.crawler.stats.set_value(STAT_FALLBACKS, by_what)
        problems = self.crawler.stats.get_value("hubb/structure_problems") or []
        if len(problems) < 20:
            problems.append(f"{what} ({url})" if url else what)
            self.crawler.stats.set_value("hubb/structure_problems", problems)
        log = self.logger.error if fatal else self.logger.warning
        log("expected structure missing: %s at %s", what, url)


class EligibilityFields:
    """The five fields read from a call's "Vem kan söka?" text. A spider mixes this in and
    defines ``_eligibility(obj, item) -> hubb.swedish.eligibility.Eligibility`` (cached per page)."""

    def _eligibility(self, obj, item):  # pragma: no cover - each spider defines it
        raise NotImplementedError

    def _parse_applicants(self, obj, item) -> list[str]:
        return [getattr(a, "value", a) for a in self._eligibility(obj, item).applicants]

    def _parse_employees_min(self, obj, item):
        return self._eligibility(obj, item).employees_min

    def _parse_employees_max(self, obj, item):
        return self._eligibility(obj, item).employees_max

    def _parse_company_age_min(self, obj, item):
        return self._eligibility(obj, item).company_age_min

    def _parse_company_age_max(self, obj, item):
        return self._eligibility(obj, item).company_age_max


class PageFields:
    """The fields read straight off a call's own page, for the spiders of sites without an
    API: ``obj.url`` is the page's address and ``obj.page`` its :class:`scrapers.pagetext.Page`."""

    def _parse_url(self, obj, item) -> str:
        return obj.url

    def _parse_title(self, obj, item) -> str:
        return obj.page.title

    def _parse_summary(self, obj, item) -> str:
        return obj.page.lead or ""  # summary is a string in the record, never None

    def _parse_text(self, obj, item) -> str:
        return obj.page.call_text()


class _PagedHost(Protocol):
    """What :class:`PagedListing` needs of the spider it is mixed into (for the type checker)."""

    _listings_seen: set[str]
    next_words: tuple[str, ...]
    next_marks: tuple[str, ...]

    def parse_listing(self, response: Response) -> Any: ...

    def mark_complete(self) -> None: ...


class PagedListing:
    """A listing in pages, each linking the next ("Nästa", ``rel=next``): every page is
    requested once, and the listing is complete when a page links no page not yet read.
    ``parse_listing`` is the spider's callback for listing pages; it yields
    :meth:`_next_listing` last. ``next_words`` / ``next_marks``: the next link's text."""

    next_words: tuple[str, ...] = ("nästa",)
    next_marks: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._listings_seen: set[str] = set()

    def _first_listing(self: _PagedHost, url: str) -> scrapy.Request:
        self._listings_seen.add(url)
        return scrapy.Request(url, callback=self.parse_listing)

    def _next_listing(self: _PagedHost, response: Response) -> scrapy.Request | None:
        """The next page's request, once; at the last page None, and the listing complete."""
        url = next_page_url(response, self.next_words, self.next_marks)
        if url and url not in self._listings_seen:
            self._listings_seen.add(url)
            return scrapy.Request(url, callback=self.parse_listing)
        self.mark_complete()
        return None


class _ListingHost(Protocol):
    """What :class:`ListingTree` needs of the spider it is mixed into (for the type checker)."""

    _listings_seen: set[str]
    _listings_pending: int

    def parse_listing(self, response: Response) -> Any: ...

    def mark_complete(self) -> None: ...


class ListingTree:
    """A listing spread over linked pages (a hub, its sections, their pages): each listing
    page is requested once, and the listing is complete when the last one requested has been
    read to its end. ``parse_listing`` is the spider's callback for listing pages; it calls
    :meth:`_listing_read` last, after requesting the listings it links to."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._listings_seen: set[str] = set()
        self._listings_pending = 0

    def _listing_request(self: _ListingHost, url: str) -> scrapy.Request | None:
        if url in self._listings_seen:
            return None
        self._listings_seen.add(url)
        self._listings_pending += 1
        return scrapy.Request(url, callback=self.parse_listing)

    def _listing_read(self: _ListingHost) -> None:
        # counted down only after this page's own listings were counted up: the count
        # cannot reach zero while a linked listing page is still to come
        self._listings_pending -= 1
        if self._listings_pending == 0:
            self.mark_complete()
