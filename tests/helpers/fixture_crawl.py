"""Run a spider over saved pages, without Scrapy's engine or any network: every request is
answered from ``<root>/<host>/<url path>/index.html`` (a file path ending in ``.html`` is
used as is) or from a renderer's pages, so a test sees every item, every request the spider
made (with its listing key) and the warnings it recorded.
``tests.helpers.sites.file_response``, grown to follow links."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse
from twisted.python.failure import Failure

from tests.helpers.sites import make_spider


def fixture_path(root: Path, url: str) -> Path:
    parts = urlsplit(url)
    path = parts.path.lstrip("/")
    if path.endswith(".html"):
        return root / parts.netloc / path
    return root / parts.netloc / path / "index.html"


@dataclass
class FixtureCrawl:
    spider: object
    items: list[dict] = field(default_factory=list)
    fetched: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    requests: list[Request] = field(default_factory=list)

    @property
    def stats(self) -> dict:
        return self.spider.crawler.stats.get_stats()

    def by_id(self) -> dict[str, dict]:
        return {item["id"]: item for item in self.items}


def crawl_files(spider_cls, root: Path, **spider_kwargs) -> FixtureCrawl:
    """Crawl from the spider's start requests, breadth first, over the files under ``root``."""

    def fetch(url: str) -> bytes | None:
        path = fixture_path(root, url)
        return path.read_bytes() if path.is_file() else None

    return crawl(spider_cls, fetch, **spider_kwargs)


def crawl_pages(spider_cls, pages: dict[str, bytes], **spider_kwargs) -> FixtureCrawl:
    """Crawl over a renderer's pages (keys: real URLs, with their query if any)."""
    return crawl(spider_cls, pages.get, **spider_kwargs)


def crawl(spider_cls, fetch: Callable[[str], bytes | None], **spider_kwargs) -> FixtureCrawl:
    """Crawl from the spider's start requests, breadth first, answering each request with
    ``fetch(url)`` (None: not found)."""
    spider = make_spider(spider_cls, **spider_kwargs)
    result = FixtureCrawl(spider)
    queue: deque[Request] = deque(r for r in spider.start_requests() if r is not None)
    while queue:
        request = queue.popleft()
        result.requests.append(request)
        body = fetch(request.url)
        if body is None:
            result.missing.append(request.url)
            if request.errback is not None:
                # as Scrapy does for a 404: the request's errback gets the failure
                failure = Failure(IgnoreRequest(f"{request.url}: not found"))
                failure.request = request  # type: ignore[attr-defined]
                queue.extend(out for out in request.errback(failure) or () if isinstance(out, Request))
            continue
        result.fetched.append(request.url)
        response = HtmlResponse(url=request.url, body=body, encoding="utf-8", request=request)
        for out in request.callback(response) or ():
            if isinstance(out, Request):
                queue.append(out)
            elif out is not None:
                result.items.append(out)
    return result
