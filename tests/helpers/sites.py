"""Test helpers for the harvest: saved files as Scrapy responses at their real URLs, a
spider bound to a test crawler, and the local site servers with a sources file."""

from __future__ import annotations

from pathlib import Path

from scrapy.http import HtmlResponse, Request, TextResponse
from scrapy.utils.test import get_crawler

FILES = Path(__file__).resolve().parent.parent / "files"


def file_response(name: str, url: str, *, request: Request | None = None) -> TextResponse:
    """The saved file ``tests/files/<name>`` as the response to ``url``."""
    body = (FILES / name).read_bytes()
    cls = HtmlResponse if name.endswith((".html", ".htm")) else TextResponse
    return cls(url=url, body=body, encoding="utf-8", request=request or Request(url))


def make_spider(spider_cls, **kwargs):
    """A spider on a test crawler (stats work; nothing is downloaded)."""
    crawler = get_crawler(spider_cls)
    spider = spider_cls.from_crawler(crawler, **kwargs)
    crawler.spider = spider
    return spider


def records_of(items) -> list:
    """Items through the normalise and validate pipelines, as call records."""
    from hubb.record import CallRecord
    from scrapers.pipelines import NormalisePipeline

    norm = NormalisePipeline()
    return [CallRecord.model_validate(norm.process_item(i)) for i in items if isinstance(i, dict)]
