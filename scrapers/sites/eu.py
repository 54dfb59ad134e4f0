"""A local copy of the EU Funding & Tenders portal's search API: robots.txt on both hosts and
the answers to the search the ``eu`` spider sends (one per page, at the real path and query;
the server answers the POST whatever its body).

Shape from public code that calls the API (see ``tests/files/eu/README.md``): ``results[]``
with list-valued ``metadata`` (``identifier``, ``title``, ``type``, ``status``, ``startDate``,
``deadlineDate`` with its offset, ``frameworkProgramme``, ``callTitle``, ``descriptionByte``,
``budgetOverview`` as a JSON string) and ``totalResults``. The inside of ``budgetOverview``
is unverified. Only open and forthcoming topics are served, as the real search filters them.
"""

from __future__ import annotations

import html
import json
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from hubb.record import CallRecord
from hubb.vocab import Status
from scrapers.sites._textpage import pages_of
from scrapers.spiders.eu import DEFAULT_EUR_SEK, FORTHCOMING, OPEN, PAGE_SIZE, search_path

API = "https://api.tech.ec.europa.eu"
SITE = "https://ec.europa.eu"
#: the portal's deadlines are 17:00 Brussels time
BRUSSELS = ZoneInfo("Europe/Brussels")
ROBOTS = b"User-agent: *\nDisallow: /info/funding-tenders/opportunities/portal/screen/opportunities/topic-search\n"
ORIGIN = "structure: public code calling the SEDIA search API (tests/files/eu/README.md); texts from the call records"

#: programme by the identifier's first word (real prefixes); Horizon Europe otherwise
PROGRAMMES = {"LIFE": "43252405", "INNOVFUND": "43089234", "DIGITAL": "43152860", "SMP": "43252476"}
HORIZON = "43108390"


def api_instant(value: date | datetime | None, default_time: time) -> str | None:
    if value is None:
        return None
    if not isinstance(value, datetime):
        value = datetime.combine(value, default_time, tzinfo=BRUSSELS)
    return value.strftime("%Y-%m-%dT%H:%M:%S.000%z")


def description_html(record: CallRecord) -> str:
    """The record's text as the API's HTML: paragraphs, " • " lines as a list."""
    out = []
    for block in (record.text or "").split("\n\n"):
        lines = [ln.strip() for ln in block.splitlines() if ln.strip()]
        if not lines:
            continue
        if all(ln.startswith("•") for ln in lines):
            out.append("<ul>" + "".join(f"<li>{html.escape(ln.lstrip('• '))}</li>" for ln in lines) + "</ul>")
        else:
            out.append(f"<p>{html.escape(' '.join(lines))}</p>")
    return "".join(out)


def budget_overview(record: CallRecord, eur_sek: float = DEFAULT_EUR_SEK) -> str | None:
    if record.budget_sek is None and record.max_grant_sek is None:
        return None
    year = str((record.deadline_date or date(2027, 1, 1)).year)
    entry = {"action": f"{record.id} - HORIZON-IA HORIZON Innovation Actions",
             "budgetYearMap": {year: round(record.budget_sek / eur_sek)} if record.budget_sek else {},
             "maxContribution": round(record.max_grant_sek / eur_sek) if record.max_grant_sek else None}
    return json.dumps({"budgetTopicActionMap": {"1": [entry]}, "budgetYearsColumns": [year]})


def result(record: CallRecord) -> dict:
    programme = PROGRAMMES.get(record.id.split("-")[0].upper(), HORIZON)
    status = FORTHCOMING if record.status == Status.UPCOMING else OPEN
    metadata = {
        "identifier": [record.id], "title": [record.title], "type": ["1"], "status": [status],
        "frameworkProgramme": [programme], "language": ["en"],
        "callTitle": [record.title], "descriptionByte": [description_html(record)],
        "url": [f"{SITE}/info/funding-tenders/opportunities/data/topicDetails/{record.id.lower()}.json"],
    }
    start = api_instant(record.opens, time(0, 0))
    if start:
        metadata["startDate"] = [start]
    deadline = api_instant(record.deadline, time(17, 0))
    if deadline:
        metadata["deadlineDate"] = [deadline]
    overview = budget_overview(record)
    if overview:
        metadata["budgetOverview"] = [overview]
    return {"reference": record.id, "url": metadata["url"][0], "title": record.title, "language": "en",
            "metadata": metadata}


def render(records: list[CallRecord], page_size: int = PAGE_SIZE) -> dict[str, bytes]:
    """URL → body: robots.txt of both hosts and every page of the search's answer."""
    served = [r for r in records if r.status in (Status.OPEN, Status.UPCOMING)]
    pages: dict[str, bytes] = {f"{API}/robots.txt": b"User-agent: *\nAllow: /\n", f"{SITE}/robots.txt": ROBOTS}
    chunks = pages_of(served, page_size)
    for n, chunk in enumerate(chunks, start=1):
        body = {"_origin": ORIGIN, "terms": "***", "results": [result(r) for r in chunk],
                "totalResults": len(served), "pageNumber": n, "pageSize": page_size}
        pages[API + search_path(n, page_size)] = json.dumps(body, ensure_ascii=False).encode("utf-8")
    return pages
