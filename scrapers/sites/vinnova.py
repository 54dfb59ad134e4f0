"""Vinnova as the harvest sees it: the open-data API at data.vinnova.se (calls and
application rounds as JSON arrays) and the public call pages at www.vinnova.se.

Structure from ``../shared/SOURCES.md`` ("Vinnova — use the open-data API"): the field
names of calls and rounds, dates as Stockholm local time without zone, ``1900-01-01`` for
no date, ``WebTextLista`` items with ``TextID``/``TextSv``/``TextEn``, and the page's
sections in order. The ``TextID`` values are not documented: the ones used here are
assumed. The API takes any date (``/api/utlysningar/{date}``): served for every date.
"""

from __future__ import annotations

import html
import json
import re
from datetime import date, datetime

from hubb.clock import TZ
from hubb.record import CallRecord
from hubb.vocab import Language, Status

API = "https://data.vinnova.se"
SITE = "https://www.vinnova.se"
NO_DATE = "1900-01-01T00:00:00"
ORIGIN = "structure: ../shared/SOURCES.md (Vinnova open-data API and call pages); texts from the call records"

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


def call_dnr(record: CallRecord) -> str:
    # the call's own number: the round's with a 9 in front of its serial (never a round's)
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


def page_path(record: CallRecord) -> str:
    """The public page's path as the spider builds it (titles → slugs, round dnr)."""
    from scrapers.spiders.vinnova import slugify

    title = record.title
    return f"/e/{slugify(title)}/{slugify(title)}-{round_dnr(record)}/"


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


def render(records: list[CallRecord]) -> dict[str, bytes]:
    """URL → body: both robots.txt, the two API endpoints (any date), one page per round."""
    calls = [api_call(r) for r in records]
    rounds = [api_round(r) for r in records]
    pages = {
        f"{API}/robots.txt": ROBOTS,
        f"{SITE}/robots.txt": ROBOTS,
        f"{API}/api/utlysningar/*": json.dumps(calls, ensure_ascii=False, indent=1).encode(),
        f"{API}/api/ansokningsomgangar/*": json.dumps(rounds, ensure_ascii=False, indent=1).encode(),
    }
    for record in records:
        pages[SITE + page_path(record)] = public_page(record)
    return pages
