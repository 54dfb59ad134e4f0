"""IUC as the harvest sees it: IUC Industrihubb Örebro län (``iucindustrihubb.se``: the offer
listing ``/erbjudanden/``, projects at ``/erbjudanden/vara-projekt/{slug}/``) and IUC Sverige
(``iuc.se``: a home page listing national projects at ``/projekt/{slug}/``); robots.txt on both.

Structure from ``../shared/SOURCES.md`` (IUC: paths; a project period instead of a deadline;
iuc.se's markup unknown); markup as in ``tests/files/iuc/`` (a guess: a WordPress-like theme for
Industrihubb, a class-poor one for iuc.se). Listing cards show the title and the period line,
which is what the spider keys its detail pages on.

Records are placed by id: ``iuc-sverige-{slug}`` on iuc.se, any other id on Industrihubb (its
own URL when that ends in the id, else ``/erbjudanden/vara-projekt/{id}/``), so the spider
reads back the record's id. Ids should be URL slugs, as the spider's are.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from hubb import clock
from hubb.record import CallRecord
from hubb.swedish.dates import split_sentences
from hubb.swedish.format import format_date, format_deadline
from hubb.vocab import Status
from scrapers.sites._textpage import blocks_html, body_blocks, esc, replace_raw, says_the_same, truthful
from scrapers.spiders.iuc import ENDED_EARLY, HUBB, OFFER_RE, read_period

INDUSTRIHUBB = "https://iucindustrihubb.se"
SVERIGE = "https://iuc.se"
SVERIGE_PREFIX = "iuc-sverige-"
LISTING = "/erbjudanden/"
ORIGIN = ("structure: ../shared/SOURCES.md (IUC Industrihubb and IUC Sverige: paths, project periods); "
          "markup guessed, as in tests/files/iuc/")
ROBOTS = b"User-agent: *\nDisallow: /wp-admin/\nAllow: /wp-admin/admin-ajax.php\n"


def place(record: CallRecord) -> tuple[str, str]:
    """(base URL, path) where the record's page is served."""
    if record.id.startswith(SVERIGE_PREFIX):
        return SVERIGE, f"/projekt/{record.id.removeprefix(SVERIGE_PREFIX)}/"
    parts = urlsplit(record.url)
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    if parts.netloc == urlsplit(INDUSTRIHUBB).netloc and OFFER_RE[HUBB].match(path) \
            and path.rstrip("/").rsplit("/", 1)[-1] == record.id:
        return INDUSTRIHUBB, path
    return INDUSTRIHUBB, f"{LISTING}vara-projekt/{record.id}/"


def period_sentence(record: CallRecord) -> str:
    """The line the page prints about the project period: the record's own when it still
    gives the record's dates, else one written from them ("" when there is nothing to say)."""
    raw = record.deadline_raw or record.opens_raw
    today = clock.today()

    def read(text: str):
        found = read_period(text, today)
        return found.end, found.opens

    if says_the_same(raw, record, read):
        return raw
    if record.opens and record.deadline:
        return f"Projektperiod: {format_date(record.opens)} – {format_deadline(record.deadline)}"
    if record.deadline:
        return f"Projektet pågår till och med {format_deadline(record.deadline)}."
    if record.opens:
        started = "startade" if record.opens <= today else "startar"
        return f"Projektet {started} den {format_date(record.opens)}."
    if record.status == Status.CLOSED:
        return "Projektet är avslutat."
    return ""


def _agrees(found, record: CallRecord) -> bool:
    if found.ended_early and record.status != Status.CLOSED:
        return False
    return found.end == record.deadline_date and found.opens == record.opens


def offer_blocks(record: CallRecord) -> list[str]:
    """The blocks of an offer page's body: the record's text with its period line first (or
    where the text printed it), and no other period sentence the spider would read instead."""
    today = clock.today()
    sentence = period_sentence(record)
    blocks = body_blocks(record)
    if sentence:
        blocks = replace_raw(blocks, record.deadline_raw or record.opens_raw, sentence) or [sentence] + blocks

    def stale(candidate: list[str]) -> str | None:
        text = "\n\n".join(([record.summary] if record.summary else []) + candidate)
        found = read_period(text, today)
        if _agrees(found, record):
            return None
        if found.raw and found.raw != sentence:
            return found.raw
        # "avslutas i förtid" in a running project's text
        return next((s for s in split_sentences(text) if ENDED_EARLY.search(s)), None)

    return truthful(blocks, sentence, stale)


def hubb_page(record: CallRecord) -> bytes:
    lead = f"<p>{esc(record.summary)}</p>" if record.summary else ""
    return f"""<!DOCTYPE html>
<!-- Generated page of the local IUC Industrihubb site. {ORIGIN} -->
<html lang="sv-SE">
<head><meta charset="utf-8"><title>{esc(record.title)} - IUC Industrihubb</title></head>
<body class="project-template-default">
<header class="site-header"><nav class="menu"><a href="{INDUSTRIHUBB}{LISTING}">Erbjudanden</a></nav></header>
<main class="site-main">
  <article class="project type-project">
    <header class="entry-header"><h1 class="entry-title">{esc(record.title)}</h1></header>
    <div class="entry-content">
{lead}
{blocks_html(offer_blocks(record))}
    </div>
  </article>
</main>
<footer class="site-footer"><p>IUC Industrihubb Örebro län</p></footer>
</body>
</html>
""".encode()


def sverige_page(record: CallRecord) -> bytes:
    lead = f"<p>{esc(record.summary)}</p>" if record.summary else ""
    return f"""<!DOCTYPE html>
<!-- Generated page of the local IUC Sverige site. {ORIGIN} -->
<html lang="sv">
<head><meta charset="utf-8"><title>{esc(record.title)} - IUC Sverige</title></head>
<body>
<div id="top"><a href="{SVERIGE}/">IUC Sverige</a> <a href="{SVERIGE}/kontakt/">Kontakt</a></div>
<div id="content">
  <h1>{esc(record.title)}</h1>
{lead}
{blocks_html(offer_blocks(record), heading_tag="h3")}
</div>
</body>
</html>
""".encode()


def render(records: list[CallRecord]) -> dict[str, bytes]:
    """URL → body: robots.txt on both hosts, the two listings, one page per offer."""
    pages: dict[str, bytes] = {f"{INDUSTRIHUBB}/robots.txt": ROBOTS, f"{SVERIGE}/robots.txt": ROBOTS}
    hubb_cards: list[str] = []
    sverige_items: list[str] = []
    for record in records:
        base, path = place(record)
        url = base + path
        period = period_sentence(record)
        if base == SVERIGE:
            pages[url] = sverige_page(record)
            extra = f" <span>{esc(period)}</span>" if period else ""
            sverige_items.append(f'<li><a href="{esc(url)}">{esc(record.title)}</a>{extra}</li>')
        else:
            pages[url] = hubb_page(record)
            extra = f'<p class="card-period">{esc(period)}</p>' if period else ""
            hubb_cards.append(
                f'<a class="project-card" href="{esc(url)}"><h3>{esc(record.title)}</h3>{extra}</a>')

    nl = "\n"
    pages[INDUSTRIHUBB + LISTING] = f"""<!DOCTYPE html>
<!-- Generated listing of the local IUC Industrihubb site. {ORIGIN} -->
<html lang="sv-SE">
<head><meta charset="utf-8"><title>Erbjudanden - IUC Industrihubb</title></head>
<body class="page-template-default">
<header class="site-header"><nav class="menu"><ul>
  <li><a href="{INDUSTRIHUBB}/">Hem</a></li><li><a href="{INDUSTRIHUBB}{LISTING}">Erbjudanden</a></li>
  <li><a href="{INDUSTRIHUBB}/om-oss/">Om oss</a></li></ul></nav></header>
<main class="site-main">
  <h1 class="entry-title">Erbjudanden</h1>
  <div class="entry-content">
    <p>Vi erbjuder länets industriföretag stöd, projekt och nätverk.</p>
    <h2>Våra projekt och erbjudanden</h2>
    <div class="project-grid">
{nl.join(hubb_cards)}
    </div>
    <p><a href="{SVERIGE}/">IUC Sveriges nationella projekt</a></p>
  </div>
</main>
<footer class="site-footer"><p>IUC Industrihubb Örebro län</p></footer>
</body>
</html>
""".encode()
    pages[SVERIGE + "/"] = f"""<!DOCTYPE html>
<!-- Generated home page of the local IUC Sverige site. {ORIGIN} -->
<html lang="sv">
<head><meta charset="utf-8"><title>IUC Sverige - Industriella utvecklingscentra</title></head>
<body>
<div id="top"><a href="{SVERIGE}/">IUC Sverige</a> <a href="{SVERIGE}/om-iuc/">Om IUC</a></div>
<div id="content">
  <h1>Industriella utvecklingscentra</h1>
  <p>IUC är ett nationellt nätverk av regionala utvecklingscentra som stärker små och medelstora
  industriföretag.</p>
  <h2>Nationella projekt</h2>
  <ul>
{nl.join(sverige_items)}
  </ul>
</div>
</body>
</html>
""".encode()
    return pages
