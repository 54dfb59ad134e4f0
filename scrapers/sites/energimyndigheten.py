"""A local copy of Energimyndigheten's calls: robots.txt, the paged listing ``/utlysningar/`` and
one page per call at ``/utlysningar/{slug}/``.

Text structure from stored copies of its call pages (docs/harvest.md): the title, a lead, the
fact lines "Sista dag för ansökan 2021-10-20 17:00" and "Utlysta medel 10 miljoner", then the
headed sections ("Vem kan söka?"); a closed call says "Utlysningen är nu stängd och det går inte
att söka stöd.", a rolling one that applications are granted "löpande". The listing page and
all markup (classes) are guesses, marked as such in every page.
"""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlsplit

from hubb.clock import TZ
from hubb.record import CallRecord
from hubb.vocab import Status
from scrapers.sites._textpage import blocks_html, body_blocks, esc, pages_of
from scrapers.spiders.energimyndigheten import LISTING_PATH

PAGE_SIZE = 20
ORIGIN = ("<!-- Generated stand-in for an energimyndigheten.se page. Text structure: stored copies of its "
          "call pages (docs/harvest.md); the listing and all markup guessed, not copied from the site. -->")
ROBOTS = b"User-agent: *\nDisallow: /sok/\n"


def _path(url: str) -> str:
    return urlsplit(url).path or "/"


def deadline_line(record: CallRecord) -> str | None:
    if record.deadline is None:
        return None
    if isinstance(record.deadline, datetime):
        return f"Sista dag för ansökan {record.deadline.astimezone(TZ):%Y-%m-%d %H:%M}"
    return f"Sista dag för ansökan {record.deadline:%Y-%m-%d}"


def budget_line(record: CallRecord) -> str | None:
    if not record.budget_sek:
        return None
    if record.budget_sek % 100_000 == 0:
        return f"Utlysta medel {record.budget_sek / 1_000_000:g} miljoner".replace(".", ",")
    return f"Utlysta medel {record.budget_sek:,} kronor".replace(",", " ")


def fact_lines(record: CallRecord) -> list[str]:
    """The lines under the lead, then the status sentence the page's body carries."""
    lines = []
    if record.status == Status.UPCOMING and record.opens:
        lines.append(f"Öppnar för ansökan {record.opens:%Y-%m-%d}")
    for line in (deadline_line(record), budget_line(record)):
        if line:
            lines.append(line)
    if record.status == Status.CLOSED:
        lines.append("Utlysningen är nu stängd och det går inte att söka stöd.")
    elif record.status == Status.ROLLING:
        lines.append("Energimyndigheten beviljar ansökningarna löpande.")
    return lines


def detail_page(record: CallRecord) -> bytes:
    lead = f'<p class="preamble">{esc(record.summary)}</p>' if record.summary else ""
    facts = "".join(f"<p>{esc(line)}</p>" for line in fact_lines(record))
    html = f"""<!DOCTYPE html>
{ORIGIN}
<html lang="sv"><head><meta charset="utf-8"><title>{esc(record.title)} - Energimyndigheten</title></head>
<body>
<header><a href="/">Energimyndigheten</a><nav><ul><li><a href="{LISTING_PATH}">Utlysningar</a></li>
<li><a href="/sok/">Sök</a></li></ul></nav></header>
<main id="main">
<h1>{esc(record.title)}</h1>
{lead}
<div class="main-content">
<div class="call-facts">{facts}</div>
{blocks_html(body_blocks(record))}
</div>
</main>
<footer><p>Energimyndigheten, Box 310, 631 04 Eskilstuna</p></footer>
</body></html>
"""
    return html.encode("utf-8")


def listing_pages(records: list[CallRecord], page_size: int = PAGE_SIZE) -> dict[str, bytes]:
    pages: dict[str, bytes] = {}
    chunks = pages_of(records, page_size)
    for n, chunk in enumerate(chunks, start=1):
        rows = "\n".join(
            f'<li class="call-item"><a href="{esc(_path(r.url))}">{esc(r.title)}</a>'
            f'<span class="call-deadline">{esc(deadline_line(r) or "")}</span></li>'
            for r in chunk)
        nav = f'<a rel="next" href="{LISTING_PATH}?page={n + 1}">Nästa</a>' if n < len(chunks) else ""
        html = f"""<!DOCTYPE html>
{ORIGIN}
<html lang="sv"><head><meta charset="utf-8"><title>Utlysningar - Energimyndigheten</title></head>
<body><main id="main"><h1>Utlysningar</h1>
<p>Här hittar du Energimyndighetens aktuella utlysningar och stöd.</p>
<ul class="call-list">
{rows}
</ul>
<div class="pagination">{nav}</div>
</main></body></html>
"""
        pages[LISTING_PATH if n == 1 else f"{LISTING_PATH}?page={n}"] = html.encode("utf-8")
    return pages


def render(records: list[CallRecord]) -> dict[str, bytes]:
    """URL path → body: robots.txt, the paged listing and every call page."""
    site: dict[str, bytes] = {"/robots.txt": ROBOTS}
    site.update(listing_pages(records))
    for record in records:
        site[_path(record.url)] = detail_page(record)
    return site
