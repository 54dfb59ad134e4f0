"""Local copies of the funders' sites on 127.0.0.1, for tests, the demo and the benchmark.

:class:`SiteServer` is one threaded HTTP server (one real host: its own robots.txt) that
serves a mutable mapping path → :class:`Page`, honours ETag / If-None-Match and
Last-Modified / If-Modified-Since (304), can be told to answer a path with an error or to
hang (a timeout), and counts the requests per path.

:class:`SiteFarm` runs one server per real host of the rendered sources, rewrites the real
base URLs in the bodies to the local ones, and writes a sources file pointing the spiders
at them (``HUBB_SOURCES_FILE``).
"""

from __future__ import annotations

import hashlib
import threading
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from scrapers.sources import Source, load_sources, write_sources

#: the fixed "last modified" of pages that never changed (any past instant will do)
EPOCH = datetime(2026, 1, 1, tzinfo=UTC)


def content_type(path: str) -> str:
    p = path.split("?")[0].lower()
    if p.endswith("robots.txt") or p.endswith(".txt"):
        return "text/plain; charset=utf-8"
    if p.endswith(".json") or "/api/" in p or "-api/" in p:  # "-api/": the EU portal's /search-api/
        return "application/json; charset=utf-8"
    if p.endswith(".xml") or "rss" in p:
        return "application/rss+xml; charset=utf-8"
    return "text/html; charset=utf-8"


@dataclass
class Page:
    body: bytes
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    modified: datetime = EPOCH

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha1(self.body).hexdigest()[:16] + '"'


class SiteServer:
    """One host's site on 127.0.0.1 (a free port), started on construction."""

    def __init__(self, host: str = "site") -> None:
        self.host = host
        self.pages: dict[str, Page] = {}
        self.requests: Counter[str] = Counter()
        self.failures: dict[str, int] = {}
        self.hangs: dict[str, float] = {}
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.httpd.daemon_threads = True
        # a short poll interval: stop() returns at once (tests start and stop many servers)
        self._thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                        name=f"site-{host}", daemon=True)
        self._thread.start()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    # -- content -------------------------------------------------------------------------

    def set(self, path: str, body: bytes | str, status: int = 200, headers: dict[str, str] | None = None) -> None:
        """Serve ``body`` at ``path`` (a path, with its query if any). A changed body gets a
        new Last-Modified; an unchanged one keeps its validators."""
        if isinstance(body, str):
            body = body.encode("utf-8")
        with self._lock:
            old = self.pages.get(path)
            modified = old.modified if old is not None and old.body == body else (
                EPOCH if old is None else datetime.now(UTC).replace(microsecond=0))
            self.pages[path] = Page(body, status, dict(headers or {}), modified)

    def remove(self, path: str) -> None:
        with self._lock:
            self.pages.pop(path, None)

    def fail(self, path: str, status: int = 500) -> None:
        """Answer ``path`` with ``status`` until :meth:`heal`."""
        self.failures[path] = status

    def hang(self, path: str, seconds: float) -> None:
        """Wait ``seconds`` before answering ``path`` (longer than the client's timeout)."""
        self.hangs[path] = seconds

    def heal(self, path: str | None = None) -> None:
        for table in (self.failures, self.hangs):
            if path is None:
                table.clear()
            else:
                table.pop(path, None)

    def lookup(self, path: str) -> Page | None:
        page = self.pages.get(path)
        if page is not None:
            return page
        # "…/*" keys answer every path under them (an API taking a date or ids)
        best = None
        for key in self.pages:
            if key.endswith("*") and path.startswith(key[:-1]) and (best is None or len(key) > len(best)):
                best = key
        return self.pages[best] if best else None

    def stop(self) -> None:
        self._stopping.set()
        self.httpd.shutdown()
        self.httpd.server_close()

    # -- HTTP ----------------------------------------------------------------------------

    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # quiet: tests read the counters instead
                pass

            def do_HEAD(self):
                self.do_GET(head=True)

            def do_POST(self):
                """A search API (the EU portal's): the body is read and kept for the tests
                (``server.bodies``), and the path with its query is answered as a GET is."""
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                with server._lock:
                    if not hasattr(server, "bodies"):
                        server.bodies = []
                    server.bodies.append((self.path, self.headers.get("Content-Type", ""), body))
                self.do_GET()

            def do_GET(self, head: bool = False):
                path = self.path
                with server._lock:
                    server.requests[path] += 1
                if path in server.hangs:
                    server._stopping.wait(server.hangs[path])
                    self.close_connection = True
                    return
                if path in server.failures:
                    return self._send(server.failures[path], b"Internal Server Error", {}, head)
                page = server.lookup(path)
                if page is None:
                    return self._send(404, b"Not Found", {}, head)
                headers = {"Content-Type": content_type(path), "ETag": page.etag,
                           "Last-Modified": format_datetime(page.modified, usegmt=True), **page.headers}
                if page.status == 200 and self._not_modified(page):
                    return self._send(304, b"", {"ETag": page.etag, "Last-Modified": headers["Last-Modified"]},
                                      head)
                self._send(page.status, page.body, headers, head)

            def _not_modified(self, page: Page) -> bool:
                inm = self.headers.get("If-None-Match")
                if inm is not None:
                    return page.etag in [t.strip() for t in inm.split(",")] or inm.strip() == "*"
                ims = self.headers.get("If-Modified-Since")
                if ims:
                    try:
                        return page.modified <= parsedate_to_datetime(ims)
                    except (TypeError, ValueError):
                        return False
                return False

            def _send(self, status, body, headers, head):
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if not head and status != 304:
                    self.wfile.write(body)

        return Handler


def split_url(url: str) -> tuple[str, str]:
    """(host, path with query) of a URL."""
    parts = urlsplit(url)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return parts.netloc, path


class SiteFarm:
    """One :class:`SiteServer` per real host of the configured sources."""

    def __init__(self, sources: dict[str, Source] | None = None) -> None:
        self.sources = sources or load_sources()
        self.servers: dict[str, SiteServer] = {}
        for source in self.sources.values():
            for host in source.hosts:
                if host not in self.servers:
                    self.servers[host] = SiteServer(host)

    @classmethod
    def start(cls, sites: dict[str, dict[str, bytes]] | None = None,
              sources: dict[str, Source] | None = None) -> SiteFarm:
        """Servers for every configured host; ``sites`` maps source → rendered pages."""
        farm = cls(sources)
        for name, pages in (sites or {}).items():
            farm.publish(name, pages)
        return farm

    # -- addresses -----------------------------------------------------------------------

    def local_base(self, real_base: str) -> str:
        return self.servers[urlsplit(real_base).netloc].base_url

    def rewrite(self, body: bytes) -> bytes:
        """Real base URLs (https and http, with and without www.) → local ones."""
        for host, server in self.servers.items():
            for scheme in ("https://", "http://"):
                body = body.replace(f"{scheme}{host}".encode(), server.base_url.encode())
        return body

    def _resolve(self, source: str, key: str) -> tuple[SiteServer, str]:
        if key.startswith("/"):
            host, path = urlsplit(self.sources[source].base_url).netloc, key
        else:
            host, path = split_url(key)
        if host not in self.servers:
            raise KeyError(f"{key}: host {host!r} is not a base URL of any configured source")
        return self.servers[host], path

    # -- content -------------------------------------------------------------------------

    def publish(self, source: str, pages: dict[str, bytes]) -> None:
        """Replace everything ``source`` serves with ``pages`` (URL or path → body)."""
        resolved = [(*self._resolve(source, key), body) for key, body in pages.items()]
        keep = {(srv.host, path) for srv, path, _ in resolved}
        for host in self.sources[source].hosts:
            srv = self.servers[host]
            for path in list(srv.pages):
                if (host, path) not in keep:
                    srv.remove(path)
        for srv, path, body in resolved:
            srv.set(path, self.rewrite(body if isinstance(body, bytes) else body.encode("utf-8")))

    def set(self, url: str, body: bytes | str, status: int = 200) -> None:
        """Serve ``body`` at the real ``url`` (rewritten to the local servers)."""
        srv, path = self._resolve_url(url)
        srv.set(path, self.rewrite(body.encode("utf-8") if isinstance(body, str) else body), status)

    def _resolve_url(self, url: str) -> tuple[SiteServer, str]:
        host, path = split_url(url)
        return self.servers[host], path

    def page(self, url: str) -> bytes | None:
        srv, path = self._resolve_url(url)
        page = srv.lookup(path)
        return None if page is None else page.body

    def fail(self, url: str, status: int = 500) -> None:
        srv, path = self._resolve_url(url)
        srv.fail(path, status)

    def hang(self, url: str, seconds: float) -> None:
        srv, path = self._resolve_url(url)
        srv.hang(path, seconds)

    def heal(self) -> None:
        for srv in self.servers.values():
            srv.heal()

    # -- counts --------------------------------------------------------------------------

    def requests(self, source: str | None = None) -> Counter[tuple[str, str]]:
        """(host, path) → requests served, for one source's hosts or all."""
        hosts = self.sources[source].hosts if source else list(self.servers)
        out: Counter[tuple[str, str]] = Counter()
        for host in hosts:
            for path, n in self.servers[host].requests.items():
                out[(host, path)] += n
        return out

    def total_requests(self, source: str | None = None) -> int:
        return sum(self.requests(source).values())

    def reset_counts(self) -> None:
        for srv in self.servers.values():
            srv.requests.clear()

    # -- configuration -------------------------------------------------------------------

    def write_sources_file(self, path: Path, *, public_urls: bool = False, **politeness) -> Path:
        """A sources file with every base URL on its local server; ``politeness`` overrides
        (download_timeout=2, retry_times=1, download_delay=0 keep tests fast).
        ``public_urls``: stored calls link to the real sites (the demo), not to 127.0.0.1."""
        local = {}
        for name, s in self.sources.items():
            values = {k: v for k, v in politeness.items() if k in (
                "download_timeout", "download_delay", "concurrency", "retry_times", "min_items", "recheck_hours")}
            if public_urls:
                values["public_urls"] = dict(s.base_urls)
            local[name] = Source(**{**s.__dict__, "base_urls": {k: self.local_base(u) for k, u in s.base_urls.items()},
                                    **values})
        return write_sources(local, Path(path))

    def stop(self) -> None:
        for srv in self.servers.values():
            srv.stop()

    def __enter__(self) -> SiteFarm:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
