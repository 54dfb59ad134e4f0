"""Plausible call records per source for the local sites: the benchmark (hundreds of
calls), the end-to-end test and the demo (deadlines relative to "today").

Texts are real call texts of the four sources (``call_texts.jsonl`` beside this module: the
centre's records of the funders' public pages, bundled so a clone with nothing beside it renders
the same sites; cycled, titles numbered so each call is its own page), and for the EU portal,
Energimyndigheten and Almi texts of stored copies of their pages (``funder_texts.jsonl``); ids and URLs
follow each site's real pattern (SOURCES.md, docs/harvest.md), so the renderers put the pages at their
real paths.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

from hubb.clock import TZ
from hubb.record import CallRecord, read_jsonl
from hubb.vocab import Status
from scrapers.sites.almi import LOAN_EMPLOYEES_MAX

CALL_TEXTS = Path(__file__).with_name("call_texts.jsonl")
#: texts of the funders beyond the four, from stored copies of their pages (each line says where
#: its text was seen, ``seen_at``)
FUNDER_TEXTS = Path(__file__).with_name("funder_texts.jsonl")
SOURCES = ("vinnova", "tillvaxtverket", "region_orebro", "iuc", "eu", "energimyndigheten", "almi")
FUNDERS = {"vinnova": "Vinnova", "tillvaxtverket": "Tillväxtverket", "region_orebro": "Region Örebro län",
           "iuc": "IUC Industrihubb", "eu": "Europeiska kommissionen", "energimyndigheten": "Energimyndigheten",
           "almi": "Almi Företagspartner"}
#: the EU portal's deadlines are 17:00 Brussels time; Energimyndigheten's pages give a time too
BRUSSELS = ZoneInfo("Europe/Brussels")


def _slug(text: str) -> str:
    from scrapers.sites._textpage import slug

    return slug(text, limit=40)


def _vinnova_url(i: int, title: str, dnr: str) -> str:
    """A round's page in one of the four URL forms of real Vinnova pages
    (../shared/real/vinnova_page_urls.tsv), in turn: the full call title / the round title and its
    dnr; ``utlysning-{call dnr}`` / the round title without a dnr; the call title cut and its dnr /
    the round title and its dnr; the call title / the whole round title, no dnr, no trailing slash."""
    from scrapers.sites._textpage import slug
    from scrapers.sites.vinnova import call_dnr

    call_title = title.rsplit(" – ", 1)[0]
    call = call_dnr(CallRecord(source="vinnova", id=dnr, url="https://www.vinnova.se/", title=title))
    form = i % 4
    if form == 0:
        return f"https://www.vinnova.se/e/{slug(call_title, 200)}/{slug(title)}-{dnr}/"
    if form == 1:
        return f"https://www.vinnova.se/e/utlysning-{call}/{slug(title)}/"
    if form == 2:
        return f"https://www.vinnova.se/e/{slug(call_title)}-{call}/{slug(title)}-{dnr}/"
    return f"https://www.vinnova.se/e/{slug(call_title)}/{slug(title, 200)}"


@lru_cache(maxsize=1)
def _templates() -> dict[str, list[CallRecord]]:
    by_source: dict[str, list[CallRecord]] = {}
    for path in (CALL_TEXTS, FUNDER_TEXTS):
        if path.is_file():
            for record in read_jsonl(path):
                by_source.setdefault(record.source, []).append(record)
    return by_source


def _pool(source: str) -> list[CallRecord]:
    """The source's eval calls from its own sites (not press copies) with stated applicants."""
    from urllib.parse import urlsplit

    from scrapers.sources import load_sources

    records = _templates().get(source, [])
    try:
        hosts = set(load_sources()[source].hosts)
    except KeyError:
        hosts = set()
    own = [r for r in records if urlsplit(r.url).netloc in hosts and r.applicants]
    return own or records


def _template(source: str, i: int) -> CallRecord:
    pool = _pool(source) or _templates().get("vinnova")
    if not pool:  # no bundled texts (a trimmed install): a minimal Swedish call
        return CallRecord(source=source, id="x", url="https://example.se/", title="Utlysning",
                          summary="Stöd till små och medelstora företag.",
                          text="Vem kan söka?\n\nSmå och medelstora företag.\n\nHur mycket kan ni söka?\n\nUpp till 2 mkr.",
                          applicants=["sme"], regions=["SE"])
    return pool[i % len(pool)]


def _identity(source: str, i: int, title: str, template: CallRecord | None = None) -> tuple[str, str]:
    slug = f"{_slug(title.rsplit(' – ', 1)[0])}-omgang-{i + 1}"  # unique however long the title
    if source == "eu":
        # the topic's identifier pattern ("HORIZON-CL4-2027-TWIN-TRANSITION-01-02"), numbered
        ident = f"{template.id if template else 'HORIZON-CL4-2027-01'}-{i + 1:02d}"
        return ident, ("https://ec.europa.eu/info/funding-tenders/opportunities/portal/screen/opportunities/"
                       f"topic-details/{ident.lower()}")
    if source == "energimyndigheten":
        return slug, f"https://www.energimyndigheten.se/utlysningar/{slug}/"
    if source == "almi":
        if i == 0:  # an offer of the regional office that serves Örebro län
            return f"malardalen-{slug}", f"https://www.almi.se/malardalen/{slug}/"
        if slug.startswith("verifiering"):
            return slug, f"https://www.almi.se/innovation/{slug}/"
        return slug, f"https://www.almi.se/lan/{slug}/"
    if source == "vinnova":
        dnr = f"2026-{10000 + i:05d}"
        return dnr, _vinnova_url(i, title, dnr)
    if source == "tillvaxtverket":
        page_id = str(20000 + i)
        flat = re.sub(r"[^a-z0-9]", "", slug)
        if template is not None and "/planeradeutlysningar/" in template.url:
            # a planned call's page, as the real one of the template (id 1692)
            return page_id, f"https://tillvaxtverket.se/tillvaxtverket/sokfinansiering/planeradeutlysningar/{flat}.{page_id}.html"
        return page_id, f"https://tillvaxtverket.se/tillvaxtverket/sokfinansiering/utlysningar/utlysningar/{flat}.{page_id}.html"
    if source == "region_orebro":
        if i == 0:  # the site always has the regional project-funding page (SOURCES.md)
            return "projektfinansiering", ("https://utveckling.regionorebrolan.se/sv/regionala-"
                                           "utvecklingsstrategin/projektfinansiering/")
        return slug, f"https://www.regionorebrolan.se/sv/stod-och-bidrag/foretagsstod/{slug}/"
    return slug, f"https://iucindustrihubb.se/erbjudanden/vara-projekt/{slug}/"


def generate_records(source: str, n: int, today: date, *, start: int = 0) -> list[CallRecord]:
    """``n`` records of ``source`` around ``today``: mostly open with staggered deadlines,
    some rolling, some upcoming, a few closed."""
    out = []
    for i in range(start, start + n):
        template = _template(source, i)
        base_title = re.sub(r"\s+", " ", template.title).strip()
        title = f"{base_title} – omgång {i + 1}"
        ident, url = _identity(source, i, title, template)
        kind = i % 20
        opens: date | None = today - timedelta(days=30 + i % 40)
        deadline_day: date | None = today + timedelta(days=5 + (i * 7) % 200)
        status = Status.OPEN
        if source == "almi":
            # standing offers: no dates at all
            opens, deadline_day, status = None, None, Status.ROLLING
        elif source == "eu" and kind in (3, 11):
            pass  # the search asks for open and forthcoming topics only: no rolling, no closed
        elif kind == 3 or (source == "iuc" and i % 2):
            deadline_day, status = None, Status.ROLLING
        elif kind == 7:
            opens = today + timedelta(days=20 + i % 30)
            deadline_day, status = opens + timedelta(days=60), Status.UPCOMING
        elif kind == 11:
            deadline_day, status = today - timedelta(days=3 + i % 20), Status.CLOSED
        if "/planeradeutlysningar/" in url:
            # a plan of rounds to come: upcoming, its text's dates are an earlier plan's
            opens, deadline_day, status = None, None, Status.UPCOMING
        employees = (template.employees_min, template.employees_max)
        if source == "almi" and "/lan/" in url and employees == (None, None):
            # a loan with no head-count limit of its own has Almi's for every loan, which the
            # site's FAQ on loans states
            employees = (None, LOAN_EMPLOYEES_MAX)
        deadline: date | datetime | None = deadline_day
        if source == "vinnova" and deadline_day is not None:
            deadline = datetime.combine(deadline_day, time(14, 0), tzinfo=TZ)
        elif source == "eu" and deadline_day is not None:
            deadline = datetime.combine(deadline_day, time(17, 0), tzinfo=BRUSSELS)
        elif source == "energimyndigheten" and deadline_day is not None:
            deadline = datetime.combine(deadline_day, time(17, 0), tzinfo=TZ)
        out.append(CallRecord(
            source=source, id=ident, url=url, title=title, funder=FUNDERS.get(source, template.funder),
            summary=template.summary, text=template.text, opens=opens, deadline=deadline, status=status,
            applicants=template.applicants,
            regions=["SE124", "SE125"] if source == "almi" and i == 0 else (template.regions or ["SE"]),
            employees_min=employees[0], employees_max=employees[1],
            company_age_min=template.company_age_min, company_age_max=template.company_age_max,
            budget_sek=template.budget_sek, max_grant_sek=template.max_grant_sek, language=template.language,
        ))
    return out


def generate_sites(per_source: dict[str, int], today: date) -> dict[str, list[CallRecord]]:
    """Records for each source that has a renderer: source → records."""
    from scrapers.sites import renderers

    available = renderers()
    return {s: generate_records(s, n, today) for s, n in per_source.items() if s in available}
