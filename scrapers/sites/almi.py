"""A local copy of Almi's standing offers: robots.txt, the offer listings ``/lan/`` and
``/innovation/``, the regional office page ``/malardalen/`` (it links its own offers and the
national ones) and one page per offer.

Texts and phrasing from stored copies of almi.se (docs/harvest.md); the listing pages, the office
page's path and all markup are guesses, marked as such in every page. An offer no longer on offer
says so in a sentence ("Det går inte längre att ansöka.").
"""

from __future__ import annotations

from urllib.parse import urlsplit

from hubb.record import CallRecord
from hubb.vocab import Status
from scrapers.sites._textpage import blocks_html, body_blocks, esc
from scrapers.spiders.almi import LISTING_PATHS, OFFICE_PATH

ORIGIN = ("<!-- Generated stand-in for an almi.se page. Texts: stored copies of almi.se (docs/harvest.md); "
          "listings, office page and markup guessed, not copied from the site. -->")
ROBOTS = b"User-agent: *\nDisallow: /sok/\n"
CLOSED_SENTENCE = "Det går inte längre att ansöka."
#: the real explanation page the loan listing links (not an offer: the spider must skip it)
EXPLAINER = '<li><a href="/lan/sa-fungerar-almis-lan/">Så fungerar Almis lån</a></li>'


def _path(url: str) -> str:
    return urlsplit(url).path or "/"


def _page(title: str, body: str) -> bytes:
    return f"""<!DOCTYPE html>
{ORIGIN}
<html lang="sv"><head><meta charset="utf-8"><title>{esc(title)} - Almi</title></head>
<body>
<header><a href="/">Almi</a><nav><ul><li><a href="/lan/">Lån</a></li><li><a href="/innovation/">Innovation</a></li>
<li><a href="/faq/">Frågor och svar</a></li></ul></nav></header>
<main id="main">
{body}
</main>
<footer><p>Almi Företagspartner AB</p><a href="/om-almi/">Om Almi</a></footer>
</body></html>
""".encode()


#: the head-count limit of every loan, as Almi's FAQ on loans states it
LOAN_EMPLOYEES_MAX = 250
#: the real FAQ on loans (https://www.almi.se/faq/lan/, shortened): who may borrow for every loan
FAQ = _page("Frågor och svar", f"""<h1>Frågor och svar</h1>
<div class="main-content">
<h2>Lån</h2>
<h3>Kan alla ansöka om lån från Almi?</h3>
<p>Våra lån vänder sig till företag med upp till {LOAN_EMPLOYEES_MAX} anställda i alla branscher. Utgångspunkten är att du
inte kan finansiera allt du behöver på annat håll, till exempel genom banken, utan behöver ytterligare en
finansiär.</p>
<p>Vi ger inte lån till privatpersoner eller ideella föreningar.</p>
</div>""")


def offer_page(record: CallRecord) -> bytes:
    lead = f'<p class="preamble">{esc(record.summary)}</p>' if record.summary else ""
    closed = f"<p>{CLOSED_SENTENCE}</p>\n" if record.status == Status.CLOSED else ""
    return _page(record.title, f"""<h1>{esc(record.title)}</h1>
{lead}
<div class="main-content">
{closed}{blocks_html(body_blocks(record))}
</div>""")


def _rows(records: list[CallRecord]) -> str:
    return "\n".join(f'<li class="offer-card"><a href="{esc(_path(r.url))}">{esc(r.title)}</a>'
                     f'<p>{esc(r.summary)}</p></li>' for r in records)


def render(records: list[CallRecord]) -> dict[str, bytes]:
    """URL path → body: robots.txt, the listings, the office page and every offer page."""
    site: dict[str, bytes] = {"/robots.txt": ROBOTS, "/faq/lan/": FAQ}
    by_root: dict[str, list[CallRecord]] = {p: [] for p in (*LISTING_PATHS, OFFICE_PATH)}
    for record in records:
        root = "/" + _path(record.url).strip("/").split("/")[0] + "/"
        by_root.get(root, by_root[LISTING_PATHS[0]]).append(record)
        site[_path(record.url)] = offer_page(record)
    for root in LISTING_PATHS:
        site[root] = _page("Lån" if root == "/lan/" else "Innovation", f"""<h1>{"Lån" if root == "/lan/" else "Innovation"}</h1>
<p>Almis erbjudanden för dig som driver eller ska starta företag.</p>
<ul class="offer-list">
{_rows(by_root[root])}
{EXPLAINER if root == "/lan/" else ""}
</ul>""")
    national = [r for root in LISTING_PATHS for r in by_root[root]]
    site[OFFICE_PATH] = _page("Almi Mälardalen", f"""<h1>Almi Mälardalen</h1>
<p>Almi Företagspartner Mälardalen finns för företag i Örebro län och Västmanland.</p>
<h2>Erbjudanden i Örebro län och Västmanland</h2>
<ul class="offer-list">
{_rows(by_root[OFFICE_PATH])}
</ul>
<h2>Lån och finansiering</h2>
<ul class="offer-list">
{_rows(national[:3])}
</ul>
<p><a href="{OFFICE_PATH}kontakt/">Kontakta oss</a></p>""")
    return site
