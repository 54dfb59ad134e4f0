"""Region Örebro län as the harvest sees it: the support hub, the company-support and grant
sections (the grant listing paged), one page per call on www, and the project-funding page on
the utveckling host; robots.txt on both hosts.

Structure from ``../shared/SOURCES.md`` (Region Örebro län: paths, the /sv-ll/ copies, the
headings, deadlines as sentences); markup as in ``tests/files/region_orebro/`` (a guess: no raw
HTML of the site was available). Listing cards show the title and the date sentence, which is
what the spider keys its detail pages on.

Records are placed by their URL: ``…/foretagsstod/{slug}/`` and
``…/bidrag-och-kulturstipendier/{slug}/`` on www, the project-funding page on utveckling; a
record whose URL is elsewhere or does not end in its id (generated or foreign records) becomes a
grant page ``…/bidrag-och-kulturstipendier/{id}/``. Ids should be URL slugs, as the spider's are.
"""

from __future__ import annotations

import re
from datetime import datetime
from urllib.parse import urlsplit

from hubb import clock
from hubb.clock import TZ
from hubb.record import CallRecord
from hubb.swedish.dates import Deadline, find_deadline
from hubb.swedish.format import format_date, format_deadline
from hubb.vocab import Status
from scrapers.sites._textpage import (
    blocks_html,
    body_blocks,
    esc,
    is_heading,
    page_of,
    pages_of,
    replace_raw,
    says_the_same,
    truthful,
)
from scrapers.spiders.region_orebro import CALL_RE, HUB_PATH, PROJECT_FUNDING_PATH, WHEN, read_deadline

WWW = "https://www.regionorebrolan.se"
UTVECKLING = "https://utveckling.regionorebrolan.se"
COMPANY = "/sv/stod-och-bidrag/foretagsstod/"
GRANTS = "/sv/stod-och-bidrag/bidrag-och-kulturstipendier/"
#: calls per page of the grant listing
PAGE_SIZE = 50
FORMS_HEADING = "Stödformer"
WHEN_HEADING = "När kan vi söka?"
WHEN_RE = re.compile(WHEN, re.IGNORECASE)
ORIGIN = ("structure: ../shared/SOURCES.md (Region Örebro län: paths, headings, deadline sentences); "
          "markup guessed, as in tests/files/region_orebro/")
ROBOTS = b"User-agent: *\nDisallow: /episerver/\nDisallow: /util/\n"


def place(record: CallRecord) -> tuple[str, str]:
    """(base URL, path) where the record's page is served: its own URL when that is a page
    the spider would give this id, else a grant page named by the id (so the spider reads
    back the record's id)."""
    parts = urlsplit(record.url)
    path = re.sub(r"^/sv-ll/", "/sv/", parts.path or "/")
    path = path if path.endswith("/") else path + "/"
    slug = path.rstrip("/").rsplit("/", 1)[-1]
    if slug == record.id:
        if parts.netloc.startswith("utveckling.") and path == PROJECT_FUNDING_PATH:
            return UTVECKLING, path
        if parts.netloc == urlsplit(WWW).netloc and (CALL_RE.match(path) or path == COMPANY):
            return WWW, path
    return WWW, f"{GRANTS}{record.id}/"


def date_sentence(record: CallRecord) -> str:
    """The sentence the page prints about applying: the record's own when it still gives the
    record's dates, else one written from them ("" when there is nothing to say)."""
    raw = record.deadline_raw or record.opens_raw
    today = clock.today()
    if says_the_same(raw, record, lambda text: find_deadline(text, today)) and (
        record.deadline or record.opens or find_deadline(raw, today).status == Status(record.status)
    ):
        return raw
    if record.opens and record.deadline:
        return (f"Ansökningsperioden är öppen {format_date(record.opens)} till "
                f"{format_deadline(record.deadline)}.")
    if record.deadline:
        return f"Sista ansökningsdag är {format_deadline(record.deadline)}."
    if record.opens and record.status == Status.ROLLING:
        return f"Ansökan öppnade {format_date(record.opens)}. Det går bra att söka under hela året."
    if record.opens:
        return f"Ansökan öppnar {format_date(record.opens)}."
    if record.status == Status.ROLLING:
        return "Det går bra att söka under hela året."
    if record.status == Status.CLOSED:
        return "Stödet är pausat och tar inte emot ansökningar just nu."
    return ""


def _page(title: str, body: str, canonical: str = "") -> bytes:
    link = f'<link rel="canonical" href="{esc(canonical)}">' if canonical else ""
    return f"""<!DOCTYPE html>
<!-- Generated page of the local Region Örebro län site. {ORIGIN} -->
<html lang="sv">
<head><meta charset="utf-8"><title>{esc(title)} - Region Örebro län</title>{link}</head>
<body>
<header class="site-header"><p class="visually-hidden">Du är på Region Örebro läns webbplats.</p>
<nav class="main-nav"><ul><li><a href="{WWW}/sv/vard-och-halsa/">Vård och hälsa</a></li>
<li><a href="{WWW}{HUB_PATH}">Stöd och bidrag</a></li></ul></nav></header>
<main id="main">
{body}
</main>
<footer class="site-footer"><p>Region Örebro län, Box 1613, 701 16 Örebro</p></footer>
</body>
</html>
""".encode()


def _into_when_section(blocks: list[str], sentence: str) -> list[str]:
    """The sentence as the content of the "När kan vi söka?" section (added when missing)."""
    for i, block in enumerate(blocks):
        if is_heading(block) and WHEN_RE.search(block):
            end = next((j for j in range(i + 1, len(blocks)) if is_heading(blocks[j])), len(blocks))
            return blocks[: i + 1] + [sentence] + blocks[end:]
    return blocks + [WHEN_HEADING, sentence]


def _agrees(found: Deadline, record: CallRecord) -> bool:
    if record.deadline is not None or record.opens is not None:
        day = found.deadline.astimezone(TZ).date() if isinstance(found.deadline, datetime) else found.deadline
        return day == record.deadline_date and found.opens == record.opens
    status = found.status or Status.OPEN
    return found.deadline is None and found.opens is None and status == Status(record.status)


def page_blocks(record: CallRecord) -> list[str]:
    """The blocks of a call page's body: the record's text with its date sentence, and no
    other date sentence the spider would read instead."""
    today = clock.today()
    sentence = date_sentence(record)
    blocks = body_blocks(record)
    if sentence:
        blocks = replace_raw(blocks, record.deadline_raw or record.opens_raw, sentence) \
            or _into_when_section(blocks, sentence)

    def stale(candidate: list[str]) -> str | None:
        found = read_deadline(page_of(record, candidate), today)
        return None if _agrees(found, record) else (found.raw or None)

    return truthful(blocks, sentence, stale)


def call_page(record: CallRecord, url: str, content_class: str = "article-body", after: str = "") -> bytes:
    """A call's page: h1, preamble, the text's sections with the date sentence; ``after``
    the article (the company page's cards of its support forms)."""
    body = f"""<article class="article">
<h1>{esc(record.title)}</h1>
<div class="preamble"><p>{esc(record.summary)}</p></div>
<div class="{content_class}">
{blocks_html(page_blocks(record))}
</div>
</article>
{after}"""
    return _page(record.title, body, url)


def _card(url: str, record: CallRecord) -> str:
    teaser = date_sentence(record)
    teaser_html = f'<p class="card-date">{esc(teaser)}</p>' if teaser else ""
    return f'<li class="card"><a href="{esc(url)}">{esc(record.title)}</a>{teaser_html}</li>'


def _listing(title: str, lead: str, cards: list[str], pager: str = "") -> bytes:
    body = f"""<article class="article">
<h1>{esc(title)}</h1>
<div class="preamble"><p>{esc(lead)}</p></div>
<ul class="card-list">
{chr(10).join(cards)}
</ul>
{pager}
</article>"""
    return _page(title, body)


def render(records: list[CallRecord]) -> dict[str, bytes]:
    """URL → body: robots.txt on both hosts, the hub, the company-support page, the paged
    grant listing, one page per call."""
    pages: dict[str, bytes] = {f"{WWW}/robots.txt": ROBOTS, f"{UTVECKLING}/robots.txt": ROBOTS}
    company_page: CallRecord | None = None
    company: list[tuple[str, CallRecord]] = []
    grants: list[tuple[str, CallRecord]] = []
    for record in records:
        base, path = place(record)
        url = base + path
        if base == UTVECKLING:
            pages[url] = call_page(record, url, content_class="content-area")
        elif path == COMPANY:
            company_page = record
        elif path.startswith(COMPANY):
            company.append((url, record))
            pages[url] = call_page(record, url)
        else:
            grants.append((url, record))
            pages[url] = call_page(record, url)

    # the hub links the sections that have calls (an empty section would read as a layout change)
    hub_links = []
    if company_page is not None or company:
        hub_links.append(f'<li><a href="{WWW}{COMPANY}">Företagsstöd och projektmedel</a></li>')
    if grants:
        hub_links.append(f'<li><a href="{WWW}{GRANTS}">Bidrag och kulturstipendier</a></li>')
    hub_links.append(f'<li><a href="{UTVECKLING}{PROJECT_FUNDING_PATH}">Projektfinansiering</a></li>')
    pages[WWW + HUB_PATH] = _listing(
        "Stöd och bidrag",
        "Region Örebro län ger stöd till företag, föreningar, kulturaktörer och projekt som utvecklar länet.",
        hub_links,
    )

    # the support forms as cards beside the company page's article (outside its text), each
    # with its date sentence: the spider keys their pages on the cards
    cards = [_card(url, r) for url, r in company]
    if company_page is not None:
        forms = f"""<section class="child-pages">
<h2>{FORMS_HEADING}</h2>
<ul class="card-list">
{chr(10).join(cards)}
</ul>
</section>""" if cards else ""
        pages[WWW + COMPANY] = call_page(company_page, WWW + COMPANY, after=forms)
    elif company:
        pages[WWW + COMPANY] = _listing(
            "Företagsstöd", "Här kan du som driver företag söka stöd för att utveckla din verksamhet.", cards)

    if not grants:
        return pages
    chunks = pages_of(grants, PAGE_SIZE)
    for n, chunk in enumerate(chunks, start=1):
        links = []
        if n > 1:
            previous = GRANTS if n == 2 else f"{GRANTS}?page={n - 1}"
            links.append(f'<a rel="prev" href="{previous}">Föregående sida</a>')
        if n < len(chunks):
            links.append(f'<a rel="next" href="{GRANTS}?page={n + 1}">Nästa sida</a>')
        pager = f'<nav class="pagination">{" ".join(links)}</nav>' if links else ""
        path = GRANTS if n == 1 else f"{GRANTS}?page={n}"
        pages[WWW + path] = _listing(
            "Bidrag och kulturstipendier",
            "Här hittar du bidrag och stipendier som föreningar, kulturaktörer och organisationer kan söka.",
            [_card(url, r) for url, r in chunk], pager,
        )
    return pages
