"""Run the spiders in-process and collect one :class:`SourceResult` per source.

``run_harvest`` is what ``hubb harvest`` and the scheduler call. Twisted's reactor runs
once per process and only in the main thread, so the first harvest in a process runs in it
and any later one (the scheduler's next day), or one started from another thread, runs in
a fresh child process; ``isolate=True`` forces the child.
"""

from __future__ import annotations

import importlib
import logging
import threading
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context

logger = logging.getLogger(__name__)

_reactor_used = False


@dataclass
class SourceResult:
    """What one spider run did: counts, health, and whether it saw the whole listing."""

    source: str
    ok: bool = False
    items: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    vanished: int = 0
    dropped: int = 0
    #: requests that went over the network (answers from the cache not counted)
    requests: int = 0
    #: of those, answers with a whole page (200); a 304 of a revalidation is not one
    full_responses: int = 0
    pages_parsed: int = 0
    complete: bool = False
    check: bool = False
    reasons: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    fill: dict[str, float] = field(default_factory=dict)
    ids: dict[str, list[str]] = field(default_factory=dict)
    run_id: int | None = None
    #: URL → why, for every page that could not be read
    failed: dict[str, str] = field(default_factory=dict)
    #: nothing could be read at all (no network, DNS, robots.txt refusing the listing)
    unreachable: bool = False

    def unreachable_reasons(self) -> list[str]:
        """One line per host that could not be reached: "cannot reach HOST (DNS)"."""
        from urllib.parse import urlsplit

        out: dict[str, str] = {}
        for url, why in self.failed.items():
            host = urlsplit(url).netloc
            if why == "refused by robots.txt":
                out.setdefault(host, f"robots.txt of {host} refuses {url}")
            else:
                out.setdefault(host, f"cannot reach {host} ({why})")
        return list(out.values())

    def summary(self) -> str:
        if self.check:
            state = "structure ok" if self.ok else "STRUCTURE CHANGED: " + "; ".join(self.reasons)
            return f"{state} ({self.items} item(s), {self.requests} request(s))"
        if self.unreachable and not self.ok:
            state = "FAILED: " + "; ".join(self.unreachable_reasons())
        else:
            state = "healthy" if self.ok else "UNHEALTHY: " + "; ".join(self.reasons)
        return (f"new {self.new}, changed {self.changed}, unchanged {self.unchanged}, "
                f"vanished {self.vanished}, dropped {self.dropped} — {state}")


def project_settings(log_level: str | None = None):
    """The Scrapy settings of the project, read afresh (they depend on HUBB_* variables)."""
    from scrapy.settings import Settings

    import scrapers.settings as module

    importlib.reload(module)
    settings = Settings()
    settings.setmodule(module, priority="project")
    if log_level:
        settings.set("LOG_LEVEL", log_level, priority="cmdline")
    return settings


def spider_names() -> list[str]:
    """Every spider of the project, sorted (what ``scrapy list`` prints)."""
    from scrapy.spiderloader import SpiderLoader

    return sorted(SpiderLoader.from_settings(project_settings()).list())


def selected_sources(sources: list[str] | None) -> list[str]:
    """The sources to run: those named (each must be a spider), else every enabled one."""
    from scrapers.sources import load_sources

    known = spider_names()
    if sources:
        unknown = [s for s in sources if s not in known]
        if unknown:
            raise ValueError(f"unknown source(s): {', '.join(unknown)} (known: {', '.join(known)})")
        return list(dict.fromkeys(sources))
    configured = load_sources()
    return [s for s in known if s in configured and configured[s].enabled]


def run_harvest(sources: list[str] | None = None, *, check: bool = False,
                isolate: bool | None = None, log_level: str | None = None) -> list[SourceResult]:
    """Run the spiders of ``sources`` (default: all enabled) concurrently; one result
    per source, in the order asked. ``check``: the structure check (nothing stored)."""
    global _reactor_used
    names = selected_sources(sources)
    if not names:
        return []
    if isolate is None:
        # the reactor runs once per process, and only in the main thread (signal handlers):
        # a scheduler's worker thread or a second harvest gets a child process
        isolate = _reactor_used or threading.current_thread() is not threading.main_thread()
    if isolate:
        with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
            return pool.submit(_crawl, names, check, log_level).result()
    _reactor_used = True
    return _crawl(names, check, log_level)


class _ScrapyLevel(logging.Filter):
    """Scrapy's and Twisted's records below the crawl's Scrapy log level are dropped."""

    def __init__(self, level: int):
        super().__init__()
        self.level = level

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno >= self.level or not record.name.startswith(("scrapy", "twisted"))


class _OneLine(logging.Filter):
    """Drops the traceback of the crawl's log records (and Scrapy's per-request download
    errors, which the run's result names one line per URL)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name.startswith(("scrapy", "twisted", "scrapers", "py.warnings")):
            record.exc_info = None
            record.exc_text = None
            if record.name.startswith("scrapy") and any(
                    text in str(record.msg) for text in ("Error downloading", "Gave up retrying")):
                return False
        return True


def _crawl(names: list[str], check: bool, log_level: str | None) -> list[SourceResult]:
    from scrapy.crawler import CrawlerProcess

    # logging stays the caller's (hubb's -v); `scrapy crawl` configures its own
    settings = project_settings(log_level)
    settings.set("LOG_INSTALL_ROOT_HANDLER", False, priority="cmdline")
    for handler in logging.getLogger().handlers:
        # Scrapy sets its loggers to DEBUG: the caller's handlers keep the caller's level
        if handler.level == logging.NOTSET:
            handler.setLevel(logging.getLogger().getEffectiveLevel())
    level = logging.getLogger().getEffectiveLevel()
    # Scrapy's level (HUBB_SCRAPY_LOG_LEVEL; the demo's ERROR) bounds its own records on the
    # caller's handlers — set before the process exists, which resets Scrapy's loggers to
    # DEBUG and logs its start and every library's version at once
    scrapy_level = max(level, logging.getLevelName(str(settings.get("LOG_LEVEL", "INFO")).upper()))
    for handler in logging.getLogger().handlers:
        for f in [f for f in handler.filters if isinstance(f, _ScrapyLevel)]:
            handler.removeFilter(f)
        handler.addFilter(_ScrapyLevel(scrapy_level))
    process = CrawlerProcess(settings)
    if level > logging.INFO:
        # without -v a failing site is one line per source (the result says why), not
        # Scrapy's and Twisted's tracebacks; -v keeps them
        for handler in logging.getLogger().handlers:
            if not any(isinstance(f, _OneLine) for f in handler.filters):
                handler.addFilter(_OneLine())
    for name in ("scrapy", "twisted", "alembic", "py.warnings"):
        logging.getLogger(name).setLevel(max(level, logging.getLogger(name).level))
    crawlers = {}
    for name in names:
        crawler = process.create_crawler(name)
        crawlers[name] = crawler
        process.crawl(crawler, check="1" if check else "")
    process.start()
    results = []
    for name in names:
        spider = crawlers[name].spider
        result = getattr(spider, "harvest_result", None)
        if result is None:
            result = SourceResult(source=name, check=check,
                                  reasons=["the spider did not finish (see the log)"])
        results.append(result)
    return results
