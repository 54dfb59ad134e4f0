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
from urllib.parse import urlsplit

from hubb import clock
from hubb.record import CallRecord
from hubb.swedish.dates import find_deadline
from hubb.swedish.format import format_date, format_deadline
from hubb.vocab import Status
from scrapers.sites._textpage import (
    blocks_html, body_blocks, esc, is_heading, says_the_same, with_date_sentence,
)
from scrapers.spiders.region_orebro import CALL_RE, HUB_PATH, PROJECT_FUNDING_PATH

WWW = "https://www.regionorebrolan.se"
UTVECKLING = "https://utveckling.regionorebrolan.se"
COMPANY = "/sv/stod-och-bidrag/foretagsstod/"
GRANTS = "/sv/stod-och-bidrag/bidrag-och-kulturstipendier/"
#: calls per page of the grant listing
PAGE_SIZE = 50
FORMS_HEADING = "Stödformer"
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
""".encode("utf-8")


def call_page(record: CallRecord, content_class: str = "article-body", extra: str = "") -> bytes:
    """A call's page: h1, preamble, the text's sections, the date sentence."""
    sentence = date_sentence(record)
    blocks = body_blocks(record)
    if extra and FORMS_HEADING in blocks:
        # the page's own list of support forms is rendered afresh from the records
        start = blocks.index(FORMS_HEADING)
        end = next((i for i in range(start + 1, len(blocks)) if is_heading(blocks[i])), len(blocks))
        blocks = blocks[:start] + blocks[end:]
    blocks = with_date_sentence(blocks, record, sentence, "När kan vi söka?")
    blocks = [b for b in blocks if b.strip()]
    body = f"""<article class="article">
<h1>{esc(record.title)}</h1>
<div class="preamble"><p>{esc(record.summary)}</p></div>
<div class="{content_class}">
{blocks_html(blocks)}
{extra}
</div>
</article>"""
    return _page(record.title, body, record.url)


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
        if base == UTVECKLING:
            pages[base + path] = call_page(record, content_class="content-area")
        elif path == COMPANY:
            company_page = record
        elif path.startswith(COMPANY):
            company.append((base + path, record))
            pages[base + path] = call_page(record)
        else:
            grants.append((base + path, record))
            pages[base + path] = call_page(record)

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

    # the support forms are listed by title only (as in the fixture): their pages are
    # revalidated with conditional requests, not keyed on the listing
    form_items = [f'<li><a href="{esc(url)}">{esc(r.title)}</a></li>' for url, r in company]
    if company_page is not None:
        forms = f"<h2>{FORMS_HEADING}</h2>\n<ul class=\"link-list\">\n" + "\n".join(form_items) + "\n</ul>"
        pages[WWW + COMPANY] = call_page(company_page, extra=forms)
    elif company:
        pages[WWW + COMPANY] = _listing(
            "Företagsstöd", "Här kan du som driver företag söka stöd för att utveckla din verksamhet.", form_items)

    if not grants:
        return pages
    chunks = [grants[i:i + PAGE_SIZE] for i in range(0, len(grants), PAGE_SIZE)] or [[]]
    for n, chunk in enumerate(chunks, start=1):
        links = []
        if n > 1:
            links.append(f'<a rel="prev" href="{GRANTS}{"" if n == 2 else f"?page={n - 1}"}">Föregående sida</a>')
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
