"""A local copy of Tillväxtverket's calls: robots.txt, the paged listing, the RSS feed of calls
and one detail page per record, at the real URL paths.

Structure from ``../shared/SOURCES.md`` (Tillväxtverket): the listing
``/tillvaxtverket/sokfinansiering/utlysningar.1139.html`` (paged here, ``?page=N``, with a
"Nästa" link), detail pages ``…/utlysningar/utlysningar/{slug}.{id}.html`` with the title, a list
whose first item is the status line ("Stängd 19 mars 2024", "Stänger 12 december 2026", "Öppnar
12 augusti 2026") followed by the region tags, a lead and the headed sections; a planned call's
page (``…/sokfinansiering/planeradeutlysningar/{slug}.{id}.html``, a plan of rounds to come) has no
status line, and the listing links it beside the calls. The markup (Sitevision-like classes) is a
guess, marked as such in every page.
"""

from __future__ import annotations

from datetime import date, datetime, time
from email.utils import format_datetime
from urllib.parse import urlsplit

from hubb.clock import TZ
from hubb.record import CallRecord
from hubb.swedish.format import format_date, format_deadline
from hubb.swedish.regions import tag_names
from hubb.vocab import Status
from scrapers.sites._textpage import esc, pages_of
from scrapers.spiders.tillvaxtverket import LISTING_PATH, RSS_PATH, STATUS_WORDS, is_planned

BASE = "https://tillvaxtverket.se"
#: calls per listing page (the real page size is unknown; 20 keeps a repeated harvest of hundreds of
#: calls to a few listing requests)
PAGE_SIZE = 20
ORIGIN = ("<!-- Generated stand-in for a tillvaxtverket.se page. Text structure: ../shared/SOURCES.md "
          "(Tillväxtverket); markup and classes guessed (Sitevision), not copied from the site. -->")

ROBOTS = b"""User-agent: *
Disallow: /sok
Disallow: /4.*
"""


def _as_date(value: date | datetime | None) -> date | None:
    if isinstance(value, datetime):
        return value.astimezone(TZ).date()
    return value


def status_line(record: CallRecord) -> str:
    """The first item of the page's list, as the site prints it ("Planerad" in the listing for a
    planned call, whose page has no status line)."""
    if is_planned(record.url):
        return "Planerad"
    deadline, opens = _as_date(record.deadline), record.opens
    if record.status == Status.UPCOMING and opens:
        return f"Öppnar {format_date(opens)}"
    if record.status == Status.ROLLING:
        return "Löpande"
    if record.status == Status.CLOSED:
        return f"Stängd {format_date(deadline)}" if deadline else "Stängd"
    return f"Stänger {format_date(deadline)}" if deadline else "Öppen"


def region_tags(record: CallRecord) -> list[str]:
    return [tag for code in record.regions for tag in tag_names(code)]


def _path(url: str) -> str:
    return urlsplit(url).path or "/"


def _body_blocks(record: CallRecord) -> list[str]:
    """The record's text without what the page prints apart: title, status list, lead."""
    blocks = [b.strip() for b in (record.text or "").split("\n\n") if b.strip()]
    drop = {record.title.strip(), (record.summary or "").strip(), "Tillväxtverket"}
    kept: list[str] = []
    for block in blocks:
        lines = [ln.strip().lstrip("•").strip() for ln in block.splitlines() if ln.strip()]
        if block in drop:
            continue
        if lines and block.lstrip().startswith("•") and STATUS_WORDS.match(lines[0]) and not kept:
            continue  # the status list of a stored page text
        kept.append(block)
    return kept


#: lines printed as headings besides questions ("Vem kan söka?"): sections of real pages
SUB_HEADINGS = {"Syftet med checkarna", "Sök inom följande specifika mål", "Kontakt", "Kontakter",
                "Gemensamma krav", "Mer information"}


def blocks_html(blocks: list[str]) -> str:
    """Blocks of a stored page text as HTML: a question or a known section name is an h2,
    " • " lines a list, anything else a paragraph (a short sentence without a full stop, such
    as "40 procent av era projektkostnader", stays a paragraph)."""
    out = []
    for block in blocks:
        lines = [ln.strip() for ln in block.splitlines() if ln.strip()]
        if all(ln.startswith("•") for ln in lines):
            out.append("<ul>" + "".join(f"<li>{esc(ln.lstrip('•').strip())}</li>" for ln in lines) + "</ul>")
        elif len(lines) == 1 and len(lines[0]) <= 80 and (lines[0].endswith("?") or lines[0] in SUB_HEADINGS):
            out.append(f"<h2>{esc(lines[0])}</h2>")
        else:
            out.append(f"<p>{esc(' '.join(lines))}</p>")
    return "\n".join(out)


def detail_page(record: CallRecord) -> bytes:
    # a plan has no status line: its page lists the regions only
    items = ([] if is_planned(record.url) else [status_line(record)]) + region_tags(record)
    meta = "".join(f'<li class="tvv-call-{"status" if i == 0 else "region"}">{esc(t)}</li>'
                   for i, t in enumerate(items))
    lead = f'<p class="sv-font-ingress">{esc(record.summary)}</p>' if record.summary else ""
    closing = ""
    if record.status == Status.UPCOMING and record.opens and record.deadline:
        # the status line shows the opening; the closing date is told in the body
        closing = f"<p>Utlysningen stänger {esc(format_deadline(record.deadline))}.</p>\n"
    html = f"""<!DOCTYPE html>
{ORIGIN}
<html lang="{record.language}"><head><meta charset="utf-8"><title>{esc(record.title)} - Tillväxtverket</title></head>
<body>
<header class="sv-layout site-header"><a href="/">Tillväxtverket</a>
<nav><ul><li><a href="{LISTING_PATH}">Utlysningar</a></li><li><a href="/sok">Sök</a></li></ul></nav></header>
<main id="main">
<div class="sv-text-portlet"><h1 class="heading">{esc(record.title)}</h1></div>
<ul class="tvv-call-meta">{meta}</ul>
{lead}
<div class="sv-layout content" id="svid12_content">
{closing}{blocks_html(_body_blocks(record))}
</div>
</main>
<footer><p>Tillväxtverket, 117 86 Stockholm</p></footer>
</body></html>
"""
    return html.encode("utf-8")


def listing_pages(records: list[CallRecord], page_size: int = PAGE_SIZE) -> dict[str, bytes]:
    """The listing, ``page_size`` calls a page, pages linked by "Nästa" (``rel=next``)."""
    pages: dict[str, bytes] = {}
    chunks = pages_of(records, page_size)
    for n, chunk in enumerate(chunks, start=1):
        rows = "\n".join(
            f'<li class="tvv-call-item"><a href="{esc(_path(r.url))}">{esc(r.title)}</a>'
            f'<span class="tvv-call-status">{esc(status_line(r))}</span>'
            f'<span class="tvv-call-regions">{esc(", ".join(region_tags(r)))}</span></li>'
            for r in chunk
        )
        nav = ""
        if n < len(chunks):
            nav = f'<a rel="next" href="{LISTING_PATH}?page={n + 1}">Nästa</a>'
        html = f"""<!DOCTYPE html>
{ORIGIN}
<html lang="sv"><head><meta charset="utf-8"><title>Utlysningar - Tillväxtverket</title>
<link rel="alternate" type="application/rss+xml" title="Utlysningar" href="{RSS_PATH}"></head>
<body>
<main id="main"><h1>Utlysningar</h1>
<p>Här hittar du Tillväxtverkets aktuella utlysningar.</p>
<ul class="tvv-call-list">
{rows}
</ul>
<div class="pagination">{nav}</div>
</main></body></html>
"""
        pages[LISTING_PATH if n == 1 else f"{LISTING_PATH}?page={n}"] = html.encode("utf-8")
    return pages


def rss(records: list[CallRecord]) -> bytes:
    items = []
    for r in records:
        published = r.opens or _as_date(r.deadline) or date(2026, 1, 1)
        stamp = format_datetime(datetime.combine(published, time(8, 0), tzinfo=TZ))
        items.append(f"<item><title>{esc(r.title)}</title><link>{esc(BASE + _path(r.url))}</link>"
                     f"<pubDate>{stamp}</pubDate><guid>{esc(BASE + _path(r.url))}</guid></item>")
    body = ('<?xml version="1.0" encoding="utf-8"?>\n'
            f"<!-- {ORIGIN[5:-4].strip()} -->\n"
            '<rss version="2.0"><channel><title>Utlysningar - Tillväxtverket</title>'
            f"<link>{BASE}{LISTING_PATH}</link><description>Tillväxtverkets utlysningar</description>"
            + "".join(items) + "</channel></rss>\n")
    return body.encode("utf-8")


def render(records: list[CallRecord]) -> dict[str, bytes]:
    """URL path → body: robots.txt, the paged listing, the RSS feed and every detail page."""
    site: dict[str, bytes] = {"/robots.txt": ROBOTS}
    site.update(listing_pages(records))
    site[RSS_PATH] = rss(records)
    for record in records:
        site[_path(record.url)] = detail_page(record)
    return site
