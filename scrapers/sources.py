"""The harvest's domain configuration: ``config/sources.yaml`` (or the file named by
``HUBB_SOURCES_FILE``), one entry per spider: enabled, funder, base URLs and politeness.

Loaded and checked as a whole at start-up, so a bad file fails before any request is
made, never halfway through a run.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import yaml

from hubb.errors import UserError
from hubb.settings import config_dir

#: environment variable naming another sources file (tests, the demo, the benchmark)
SOURCES_FILE_ENV = "HUBB_SOURCES_FILE"

#: fields whose fill rate the health check watches
HEALTH_FIELDS = ("deadline", "text", "applicants")

DEFAULTS: dict[str, Any] = {
    "download_timeout": 60.0,
    "download_delay": 1.0,
    "concurrency": 2,
    "retry_times": 3,
    "recheck_hours": 0.0,
}


# a UserError: cli.main prints it as one line, exit 2
class SourcesError(UserError, ValueError):
    """``sources.yaml`` is missing, malformed or names an unusable value."""


@dataclass(frozen=True)
class Source:
    """One source (spider) as configured."""

    name: str
    funder: str
    base_urls: dict[str, str]
    enabled: bool = True
    download_timeout: float = 60.0
    download_delay: float = 1.0
    concurrency: int = 2
    retry_times: int = 3
    #: a detail page requested without a listing key is served from the cache for this
    #: long before it is revalidated (0: revalidate on every harvest)
    recheck_hours: float = 0.0
    min_items: int | None = None
    min_fill: dict[str, float] = field(default_factory=dict)
    #: anything else in the entry, for the spider's own use (e.g. vinnova's since_days)
    options: dict[str, Any] = field(default_factory=dict)
    #: name → the public address of a base URL that is fetched through a copy (the demo's
    #: local snapshots): stored calls link to the public page, not to the copy
    public_urls: dict[str, str] = field(default_factory=dict)

    def public(self, url: str) -> str:
        """``url`` as the public sees it: a fetched base URL replaced by its public one."""
        for key, public in self.public_urls.items():
            base = self.base_urls.get(key)
            if base and (url == base or url.startswith(base + "/")):
                return public + url[len(base):]
        return url

    @property
    def base_url(self) -> str:
        """The main site: the first of ``base_urls``."""
        return next(iter(self.base_urls.values()))

    def url(self, path: str = "", base: str | None = None) -> str:
        """``path`` joined to the named base URL (default: the main site)."""
        root = self.base_urls[base] if base else self.base_url
        if not root.endswith("/"):
            root += "/"
        return urljoin(root, path.lstrip("/"))

    @property
    def hosts(self) -> list[str]:
        return [urlsplit(u).netloc for u in self.base_urls.values()]


def sources_file() -> Path:
    env = os.environ.get(SOURCES_FILE_ENV)
    return Path(env).expanduser().resolve() if env else config_dir() / "sources.yaml"


def load_sources(path: Path | None = None) -> dict[str, Source]:
    """Every configured source by name (enabled or not), in the file's order."""
    path = path or sources_file()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except OSError as exc:
        raise SourcesError(f"{path}: cannot read: {exc}") from exc
    except yaml.YAMLError as exc:
        raise SourcesError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("sources"), dict):
        raise SourcesError(f"{path}: expected a mapping with a 'sources' mapping")
    defaults = {**DEFAULTS, **(data.get("defaults") or {})}
    return {name: _source(path, name, entry, defaults) for name, entry in data["sources"].items()}


def _source(path: Path, name: str, entry: Any, defaults: dict[str, Any]) -> Source:
    where = f"{path}: sources.{name}"
    if not isinstance(entry, dict):
        raise SourcesError(f"{where}: expected a mapping")
    entry = {**defaults, **entry}
    base_urls = entry.pop("base_urls", None)
    if not isinstance(base_urls, dict) or not base_urls:
        raise SourcesError(f"{where}.base_urls: expected a mapping name → URL")
    for key, url in base_urls.items():
        parts = urlsplit(str(url))
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise SourcesError(f"{where}.base_urls.{key}: {url!r} is not an http(s) URL")
    public_urls = entry.pop("public_urls", None) or {}
    if not isinstance(public_urls, dict) or set(public_urls) - set(base_urls):
        raise SourcesError(f"{where}.public_urls: expected a mapping of base_urls names → URL")
    min_fill = entry.pop("min_fill", None) or {}
    unknown = set(min_fill) - set(HEALTH_FIELDS)
    if unknown:
        raise SourcesError(f"{where}.min_fill: unknown field(s) {sorted(unknown)}; known: {HEALTH_FIELDS}")
    try:
        return Source(
            name=name,
            funder=str(entry.pop("funder", name)),
            base_urls={str(k): str(v).rstrip("/") for k, v in base_urls.items()},
            enabled=bool(entry.pop("enabled", True)),
            download_timeout=float(entry.pop("download_timeout")),
            download_delay=float(entry.pop("download_delay")),
            concurrency=int(entry.pop("concurrency")),
            retry_times=int(entry.pop("retry_times")),
            recheck_hours=float(entry.pop("recheck_hours")),
            min_items=None if entry.get("min_items") is None else int(entry.pop("min_items")),
            min_fill={k: float(v) for k, v in min_fill.items()},
            options=entry,
            public_urls={str(k): str(v).rstrip("/") for k, v in public_urls.items()},
        )
    except (TypeError, ValueError) as exc:
        raise SourcesError(f"{where}: {exc}") from exc


def get_source(name: str) -> Source:
    sources = load_sources()
    if name not in sources:
        raise SourcesError(f"{sources_file()}: no source named {name!r} (known: {', '.join(sources)})")
    return sources[name]


def write_sources(sources: dict[str, Source], path: Path) -> Path:
    """Write ``sources`` as a sources file (the local-server override uses it)."""
    out: dict[str, Any] = {"sources": {}}
    for s in sources.values():
        entry: dict[str, Any] = {
            "enabled": s.enabled, "funder": s.funder, "base_urls": dict(s.base_urls),
            "download_timeout": s.download_timeout, "download_delay": s.download_delay,
            "concurrency": s.concurrency, "retry_times": s.retry_times, "recheck_hours": s.recheck_hours,
            "min_fill": dict(s.min_fill), **s.options,
        }
        if s.min_items is not None:
            entry["min_items"] = s.min_items
        if s.public_urls:
            entry["public_urls"] = dict(s.public_urls)
        out["sources"][s.name] = entry
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(out, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path
