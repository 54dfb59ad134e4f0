"""Vinnova as the harvest sees it: the open-data API at data.vinnova.se (calls and
application rounds as JSON arrays) and the public call pages at www.vinnova.se.

Structure from ``../shared/SOURCES.md`` ("Vinnova — use the open-data API"): the field
names of calls and rounds, dates as Stockholm local time without zone, ``1900-01-01`` for
no date, ``WebTextLista`` items with ``TextID``/``TextSv``/``TextEn``, and the page's
sections in order. The ``TextID`` values are not documented: the ones used here are
assumed. The API takes any date (``/api/utlysningar/{date}``): served for every date.

Each round's page is at its record's ``url`` (``/e/{call}/{round}``, in the real forms of
``../shared/real/vinnova_page_urls.tsv``), linked from the listing "Hitta finansiering"
(``/sok-finansiering/hitta-finansiering/``, paged by "Nästa" links; the real listing's markup
and paging are not known), which is where the spider finds every page URL. A record whose url
is no ``/e/`` page (a stand-in) has no page and is not listed.
"""

from __future__ import annotations

import html
import json
import re
from datetime import date, datetime
from urllib.parse import urlsplit

from hubb.clock import TZ
from hubb.record import CallRecord
from hubb.vocab import Language, Status
from scrapers.sites._textpage import esc, pages_of
from scrapers.spiders.vinnova import LISTING_PATH

API = "https://data.vinnova.se"
SITE = "https://www.vinnova.se"
NO_DATE = "1900-01-01T00:00:00"
ORIGIN = "structure: ../shared/SOURCES.md (Vinnova open-data API and call pages); texts from the call records"

#: rounds per listing page: the real page size is unknown (stored copies of the listing show a
#: script "Visa fler" button, no page links); 100 keeps a harvest of hundreds of rounds to a few
#: listing requests, as the real listing's one page would be
PAGE_SIZE = 100

ROBOTS = b"User-agent: *\nDisallow: /sok/\nDisallow: /api/internal/\n"

SECTION_HEADINGS = {
    "what": ("Vad kan ni söka för?", "What can you apply for?"),
    "who": ("Vem kan söka?", "Who can apply?"),
    "how_much": ("Hur mycket kan ni söka?", "How much can you apply for?"),
}
TEXT_IDS = {"what": "VadKanNiSokaFor", "who": "VemKanSoka", "how_much": "HurMycketKanNiSoka"}


def sections(text: str) -> dict[str, str]:
    """The what/who/how-much paragraphs of a call text, found by their headings."""
    lines = [line.strip() for line in text.split("\n")]
    all_heads = {h.lower(): kind for kind, hs in SECTION_HEADINGS.items() for h in hs}
    stops = {"viktiga datum", "important dates", "erbjudandet i korthet", "the offer in brief"}
    out: dict[str, list[str]] = {}
    current = None
    for line in lines:
        low = line.lower()
        if low in all_heads:
            current = all_heads[low]
            out.setdefault(current, [])
        elif low in stops:
            current = None
        elif current and line:
            out[current].append(line)
    return {k: "\n".join(v[:3]) for k, v in out.items() if v}


def round_dnr(record: CallRecord) -> str:
    return record.id


_DNR_AT_END = re.compile(r"-((?:19|20)\d\d-\d{5})$")


def page_path(record: CallRecord) -> str | None:
    """The path of the round's page, from its url; None when the url is no ``/e/{call}/{round}`` page."""
    path = urlsplit(record.url).path
    if not path.startswith("/e/") or len([seg for seg in path[3:].split("/") if seg]) < 2:
        return None
    return path


def call_dnr(record: CallRecord) -> str:
    """The call's diarienummer: the one its page's call segment ends in ("utlysning-2024-01503"),
    else the round's with a 9 in front of its serial (never a round's)."""
    path = page_path(record)
    if path:
        m = _DNR_AT_END.search(path[3:].split("/")[0])
        if m:
            return m.group(1)
    m = re.fullmatch(r"(\d{4})-(\d{5})", record.id)
    return f"{m.group(1)}-9{m.group(2)[1:]}" if m else f"U-{record.id}"


def api_date(value: date | datetime | None) -> str:
    if value is None:
        return NO_DATE
    if isinstance(value, datetime):
        return value.astimezone(TZ).replace(tzinfo=None).isoformat(timespec="seconds")
    return f"{value.isoformat()}T00:00:00"


def _titles(record: CallRecord) -> tuple[str, str]:
    if record.language == Language.EN.value:
        return "", record.title
    return record.title, "x"  # "x": Vinnova's placeholder for "no translation"


def api_call(record: CallRecord) -> dict:
    sv, en = _titles(record)
    en_lang = record.language == Language.EN.value
    return {
        "Diarienummer": call_dnr(record), "DiarienummerProgram": None,
        "Titel": sv, "Beskrivning": "" if en_lang else record.summary,
        "TitelEngelska": en, "BeskrivningEngelska": record.summary if en_lang else "",
        "Publiceringsdatum": api_date(record.opens), "DokumentLista": [], "LankLista": [],
        "AnsokningsomgangDnrLista": [round_dnr(record)], "KontaktLista": [], "Publik": True,
    }


def api_round(record: CallRecord) -> dict:
    sv, en = _titles(record)
    en_lang = record.language == Language.EN.value
    found = sections(record.text)
    texts = []
    for kind, text in found.items():
        texts.append({"TextID": TEXT_IDS[kind], "TextSv": "" if en_lang else f"<p>{html.escape(text)}</p>",
                      "TextEn": f"<p>{html.escape(text)}</p>" if en_lang else ""})
    announced = record.status == Status.UPCOMING.value and record.opens is None and record.deadline is None
    return {
        "Diarienummer": round_dnr(record), "DiarienummerUtlysning": call_dnr(record),
        "Titel": sv, "Beskrivning": "", "TitelEngelska": en, "BeskrivningEngelska": "",
        "Oppningsdatum": api_date(record.opens), "Stangningsdatum": api_date(record.deadline),
        "DagligAvlasning": record.status == Status.ROLLING.value, "AvlasningstillfalleLista": [],
        "UppskattatBeslutsdatum": NO_DATE, "TidigastProjektstart": NO_DATE,
        "SenastProjektstart": NO_DATE, "SenastProjektslut": NO_DATE,
        "DokumentLista": [], "LankLista": [], "KontaktLista": [],
        "Publik": 1, "Webbsida": 1,
        "AnnonseringslägeÅr": (record.opens_raw or "").split()[-1] if announced and record.opens_raw else None,
        "AnnonseringslägePeriod": (record.opens_raw or "").split()[0] if announced and record.opens_raw else None,
        "Extern": 0, "WebTextLista": texts,
    }


def public_page(record: CallRecord) -> bytes:
    e = html.escape
    found = sections(record.text)
    sv = record.language != Language.EN.value
    brief = "".join(
        f"<h3>{e(SECTION_HEADINGS[k][0 if sv else 1])}</h3><p>{e(found[k])}</p>" for k in SECTION_HEADINGS if k in found)
    body = "".join(f"<p>{e(p)}</p>" for p in record.text.split("\n\n")[:12])
    return f"""<!DOCTYPE html>
<!-- {ORIGIN}; markup assumed -->
<html lang="{record.language}"><head><meta charset="utf-8"><title>{e(record.title)} | Vinnova</title></head>
<body><main>
<h1>{e(record.title)}</h1>
<p class="lead">{e(record.summary)}</p>
<section class="offer-in-brief"><h2>{"Erbjudandet i korthet" if sv else "The offer in brief"}</h2>{brief}</section>
<section class="important-dates"><h2>{"Viktiga datum" if sv else "Important dates"}</h2><div data-dates="script"></div></section>
<section class="call-text"><h2>Utlysningstext för erbjudandet</h2><details><summary>Om erbjudandet</summary>{body}</details></section>
</main></body></html>""".encode()


def listing_pages(records: list[CallRecord], page_size: int = PAGE_SIZE) -> dict[str, bytes]:
    """"Hitta finansiering": a link per round with a page (its title as the link text),
    ``page_size`` a page, pages linked by "Nästa" (``rel=next``, ``?page=N``)."""
    listed = [r for r in records if page_path(r)]
    chunks = pages_of(listed, page_size)
    out: dict[str, bytes] = {}
    for n, chunk in enumerate(chunks, start=1):
        rows = "\n".join(f'<li class="search-result"><a href="{esc(page_path(r))}">{esc(r.title)}</a></li>'
                         for r in chunk)
        nav = f'<a rel="next" href="{LISTING_PATH}?page={n + 1}">Nästa</a>' if n < len(chunks) else ""
        out[LISTING_PATH if n == 1 else f"{LISTING_PATH}?page={n}"] = f"""<!DOCTYPE html>
<!-- {ORIGIN}; listing markup and paging assumed -->
<html lang="sv"><head><meta charset="utf-8"><title>Hitta finansiering | Vinnova</title></head>
<body><main><h1>Hitta finansiering</h1>
<ul class="search-results">
{rows}
</ul>
<nav class="pagination">{nav}</nav>
</main></body></html>""".encode()
    return out


def render(records: list[CallRecord]) -> dict[str, bytes]:
    """URL → body: both robots.txt, the two API endpoints (any date), the listing, one page per round."""
    calls = [api_call(r) for r in records]
    rounds = [api_round(r) for r in records]
    pages = {
        f"{API}/robots.txt": ROBOTS,
        f"{SITE}/robots.txt": ROBOTS,
        f"{API}/api/utlysningar/*": json.dumps(calls, ensure_ascii=False, indent=1).encode(),
        f"{API}/api/ansokningsomgangar/*": json.dumps(rounds, ensure_ascii=False, indent=1).encode(),
    }
    pages.update({SITE + path: body for path, body in listing_pages(records).items()})
    for record in records:
        path = page_path(record)
        if path:
            pages[SITE + path] = public_page(record)
    return pages
