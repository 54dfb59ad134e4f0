"""Item pipelines, in this order (settings.ITEM_PIPELINES): normalise → validate → store.

Each owns one job and its resources: ``from_crawler`` reads settings, ``open_spider``
opens, ``close_spider`` finishes. The store writes nothing until the spider closes: then
the run's health decides whether the buffered calls are written (one transaction) or
the run is recorded as failed and no call changes.
"""

from __future__ import annotations

import logging
import re
import shutil
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from scrapy.exceptions import DropItem

from hubb import clock
from hubb.record import CallRecord
from scrapers.health import assess, fill_rates

logger = logging.getLogger(__name__)

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b]+")
_BLANK_LINES = re.compile(r"\n{3,}")
ONE_LINE_FIELDS = ("title", "summary", "opens_raw", "deadline_raw", "url", "id")

STAT_DROPPED = "hubb/dropped"


def clean_line(value: str) -> str:
    return _SPACES.sub(" ", value.replace("\n", " ")).strip()


def clean_text(value: str) -> str:
    """Plain text with headings kept as lines: trimmed lines, at most one blank line."""
    lines = [_SPACES.sub(" ", line).strip() for line in value.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


class NormalisePipeline:
    """Whitespace, empty strings and duplicate list entries: the same text however the
    page spelled it, so that an unchanged call hashes the same run after run."""

    def __init__(self, crawler=None):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_item(self, item: dict[str, Any], spider=None) -> dict[str, Any]:
        item = dict(item)
        # a source fetched through a copy (the demo's snapshots) links to the public page
        spider = spider or getattr(self.crawler, "spider", None)
        source = getattr(spider, "source", None)
        if source is not None and isinstance(item.get("url"), str):
            item["url"] = source.public(item["url"])
        for name, value in list(item.items()):
            if isinstance(value, str):
                value = clean_line(value) if name in ONE_LINE_FIELDS else clean_text(value)
                item[name] = value if value or name in ("summary", "text", "funder") else None
            elif isinstance(value, (list, tuple)):
                item[name] = list(dict.fromkeys(str(v).strip() for v in value if v is not None and str(v).strip()))
        return item


class ValidatePipeline:
    """Builds the call record; drops what fails (and duplicates), counting the failing
    fields, and logs a per-field report when the spider closes."""

    def __init__(self, stats) -> None:
        self.stats = stats
        self.errors: Counter[str] = Counter()
        self.seen: set[str] = set()
        self.records: list[CallRecord] = []

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)

    def process_item(self, item: dict[str, Any], spider=None) -> dict[str, Any]:
        try:
            record = CallRecord.model_validate(item)
        except ValidationError as exc:
            fields = sorted({".".join(str(p) for p in err["loc"][:1]) for err in exc.errors()})
            self.errors.update(fields)
            self.stats.inc_value(STAT_DROPPED)
            raise DropItem(f"invalid call {item.get('id')!r}: {', '.join(fields)}: {exc.errors()[0]['msg']}") from exc
        if record.id in self.seen:
            self.errors["duplicate id"] += 1
            self.stats.inc_value(STAT_DROPPED)
            raise DropItem(f"duplicate call id {record.id!r}")
        self.seen.add(record.id)
        self.records.append(record)
        return record.model_dump(mode="json")

    def close_spider(self, spider=None) -> None:
        report = {"valid": len(self.records), "dropped": sum(self.errors.values()),
                  "errors": dict(self.errors), "fill": fill_rates(self.records)}
        self.stats.set_value("hubb/validation", report)
        name = getattr(spider, "name", "?")
        logger.info("%s: %d valid, %d dropped %s; fill rates %s", name, report["valid"],
                    report["dropped"], dict(self.errors) or "", report["fill"])


class StorePipeline:
    """Buffers the run's records; at close, judges the run's health and writes the calls
    (healthy) or only a failed HarvestRun (unhealthy). Puts a SourceResult on the spider
    (``spider.harvest_result``) for ``scrapers.run``."""

    def __init__(self, crawler) -> None:
        self.crawler = crawler
        self.records: list[CallRecord] = []
        self.started_at: datetime | None = None

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def open_spider(self, spider=None) -> None:
        self.started_at = clock.utcnow()

    def process_item(self, item: dict[str, Any], spider=None) -> dict[str, Any]:
        self.records.append(CallRecord.model_validate(item))
        return item

    def close_spider(self, spider=None) -> None:
        spider = spider or self.crawler.spider
        from hubb.settings import get_settings
        from scrapers.run import SourceResult

        settings = get_settings().harvest
        stats = self.crawler.stats.get_stats()
        check = getattr(spider, "check_mode", False)
        failed = dict(getattr(spider, "failed_pages", {}) or {})
        if hasattr(spider, "unanswered") and not check:
            for url in spider.unanswered():
                failed.setdefault(url, ("no answer (a redirect loop, or redirected to a page already read)", True))
        failed_listings = {u: why for u, (why, detail) in failed.items() if not detail}
        failed_details = {u: why for u, (why, detail) in failed.items() if detail}
        # complete: the spider saw the listing's end and every listing page was read
        complete = bool(getattr(spider, "listing_complete", False)) and not failed_listings
        dropped = int(stats.get(STAT_DROPPED, 0))
        requests = int(stats.get("downloader/request_count", 0)) - int(stats.get("httpcache/hit", 0))
        result = SourceResult(source=spider.name, items=len(self.records), dropped=dropped,
                              requests=requests, complete=complete, check=check,
                              pages_parsed=int(stats.get("hubb/pages_parsed", 0)),
                              full_responses=int(stats.get("hubb/network_status/200", 0)))
        listed = sorted(getattr(spider, "listed_urls", ()) or ())
        result.failed = {**failed_listings, **failed_details}
        result.unreachable = _unreachable(len(self.records), stats, failed_listings)
        try:
            previous, previous_health, stored = (None, None, {}) if check else self._previous(spider.name)
            health = assess(spider.source, self.records, dropped=dropped, stats=stats,
                            previous_items=previous, min_items=settings.min_items,
                            min_fill_rate=settings.min_fill_rate,
                            collapse_ratio=settings.collapse_ratio, check_mode=check,
                            failed_listings=failed_listings, failed_details=failed_details,
                            details=len(listed), stored=stored, previous_health=previous_health)
            result.ok, result.reasons, result.warnings, result.fill = (
                health.ok, list(health.reasons), list(health.warnings), health.fill)
            if not check:
                self._write(spider, result, health,
                            listed=[spider.source.public(u) for u in listed],
                            unread=[spider.source.public(u) for u in failed_details],
                            stand_in=sorted(getattr(spider, "stand_in_urls", ()) or ()))
        except Exception as exc:  # a failed store is a failed run, reported like one
            logger.exception("%s: storing the run failed", spider.name)
            result.ok = False
            result.reasons.append(f"storing failed: {exc}")
        if not result.ok and not check:
            self._drop_cache(spider.name)
        spider.harvest_result = result
        level = logging.INFO if result.ok else logging.ERROR
        logger.log(level, "%s: %s", spider.name, result.summary())

    def _engine(self):
        from db.migrate import ready_engine

        return ready_engine()

    def _previous(self, source: str):
        """(items, health dict) of the source's last healthy run, and its stored calls."""
        from db.engine import session_scope
        from db.store import last_healthy_run, stored_records

        eng = self._engine()
        try:
            with session_scope(eng) as session:
                run = last_healthy_run(session, source)
                return (None if run is None else run.items, None if run is None else dict(run.health or {}),
                        stored_records(session, source))
        finally:
            eng.dispose()

    def _write(self, spider, result, health, *, listed=(), unread=(), stand_in=()) -> None:
        from db.engine import session_scope
        from db.models import HarvestRun
        from db.store import store_run

        now = clock.utcnow()
        run = HarvestRun(source=spider.name, started_at=self.started_at or now, finished_at=now,
                         status="ok" if health.ok else "failed", items=result.items,
                         dropped=result.dropped, requests=result.requests,
                         complete=result.complete, health=health.as_dict(),
                         errors=list(health.reasons))
        eng = self._engine()
        try:
            with session_scope(eng) as session:
                session.add(run)
                session.flush()
                if health.ok:
                    counts = store_run(session, spider.name, self.records,
                                       complete=result.complete, run=run, now=now,
                                       listed=listed, unread=unread, stand_in=stand_in)
                    result.new, result.changed = counts.new, counts.changed
                    result.unchanged, result.vanished = counts.unchanged, counts.vanished
                    result.ids = counts.ids
                result.run_id = run.id
        finally:
            eng.dispose()

    def _drop_cache(self, name: str) -> None:
        # a broken page must not be answered from the cache next time
        cache = Path(self.crawler.settings.get("HTTPCACHE_DIR", "")) / name
        if self.crawler.settings.getbool("HTTPCACHE_ENABLED") and cache.is_dir():
            shutil.rmtree(cache, ignore_errors=True)



#: failures that mean the site was not reached at all (an HTTP error is an answer)
UNREACHABLE = ("DNS", "connection refused", "timeout", "connection lost", "refused by robots.txt")


def _unreachable(items: int, stats, failed_listings: dict[str, str]) -> bool:
    """The source failed entirely: nothing read, and its listing could not be reached."""
    return (not items and bool(failed_listings) and not int(stats.get("hubb/pages_parsed", 0))
            and all(why in UNREACHABLE for why in failed_listings.values()))
