"""Do the stored calls' links exist? The link check of ``hubb harvest --check``.

A digest's "Läs mer och ansök" that leads to a 404 costs the centre its credibility, so
``--check`` (run where there is internet) asks every stored open call's ``url`` whether it
answers. A HEAD request first (no body to fetch), a GET where a server refuses HEAD (405,
501); redirects are followed; a 2xx at the end is a link that exists. Anything else — a 4xx or
5xx, a timeout, a refused connection, a name that does not resolve — is reported with the URL.
A few requests at a time, with the service's User-Agent, so no site is hammered.
"""

from __future__ import annotations

import socket
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urlsplit

#: at most this many requests at a time (all sites together)
WORKERS = 4
TIMEOUT = 20.0


@dataclass(frozen=True)
class LinkResult:
    url: str
    status: int | None       # the final HTTP status, None when no answer came
    problem: str             # "" for a link that exists, else why not ("404", "timeout", …)

    @property
    def ok(self) -> bool:
        return not self.problem


def _ask(url: str, method: str, timeout: float, user_agent: str) -> int:
    request = urllib.request.Request(url, method=method, headers={"User-Agent": user_agent})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:  # noqa: S310 - http(s) only, checked
            return int(answer.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)


def check_link(url: str, *, timeout: float = TIMEOUT, user_agent: str = "hubb-linkcheck") -> LinkResult:
    """One link's answer (never raises)."""
    if urlsplit(url).scheme not in ("http", "https"):
        return LinkResult(url, None, "not an http(s) link")
    try:
        status = _ask(url, "HEAD", timeout, user_agent)
        if status in (405, 501):  # HEAD refused: ask for the page itself
            status = _ask(url, "GET", timeout, user_agent)
    except TimeoutError:
        return LinkResult(url, None, "timeout")
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, (TimeoutError, socket.timeout)):
            return LinkResult(url, None, "timeout")
        if isinstance(reason, ConnectionRefusedError):
            return LinkResult(url, None, "connection refused")
        if isinstance(reason, socket.gaierror):
            return LinkResult(url, None, "name does not resolve (DNS)")
        return LinkResult(url, None, str(reason))
    except (OSError, ValueError) as exc:
        return LinkResult(url, None, str(exc) or type(exc).__name__)
    return LinkResult(url, status, "" if 200 <= status < 300 else f"HTTP {status}")


def check_links(urls: list[str], *, workers: int = WORKERS, timeout: float = TIMEOUT,
                user_agent: str = "hubb-linkcheck") -> list[LinkResult]:
    """Every link's answer, in the order given."""
    if not urls:
        return []
    with ThreadPoolExecutor(max_workers=max(1, min(workers, len(urls)))) as pool:
        return list(pool.map(lambda u: check_link(u, timeout=timeout, user_agent=user_agent), urls))
