"""The EU Funding & Tenders portal: open and forthcoming topics of the programmes that fund
manufacturing SMEs, from the portal's public search API (the SEDIA index).

The request, as public code that calls the API sends it (docs/harvest.md names the code):
``POST {api}/search-api/prod/rest/search?apiKey=SEDIA&text=***&pageSize=N&pageNumber=P``,
a ``multipart/form-data`` body whose parts are JSON values: ``query`` (an Elasticsearch
``bool`` query on ``type``, ``status`` and ``frameworkProgramme``), ``languages`` (``["en"]``:
without it every topic comes back once per translation) and ``sort``. ``text=***`` matches
everything; ``apiKey=SEDIA`` names the index and is no secret.

The answer: ``totalResults`` and ``results[]``, each with a ``metadata`` object whose values
are lists (``identifier[0]``, ``title[0]``, ``callTitle``, ``callIdentifier``, ``status``,
``startDate``, ``deadlineDate`` — ``"2027-03-04T17:00:00.000+0100"``, with its offset —,
``frameworkProgramme``, ``type``, ``descriptionByte`` (HTML), ``keywords``, and
``budgetOverview``, a JSON string). Status codes: 31094501 forthcoming, 31094502 open,
31094503 closed; the index's status is stale for old topics, so a topic whose every deadline
has passed is closed whatever it says. The record's ``url`` is the topic's public page on the
portal (the index's own ``url`` points at a JSON file that answers 404, public notes say).
One identifier can come back more than once (grant updates, other data sources): the first
result of an allowed type is kept.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import date, datetime
from typing import Any

import scrapy
from bs4 import BeautifulSoup

from hubb import clock
from hubb.swedish.eligibility import parse_eligibility
from hubb.vocab import Language, Status
from scrapers.pagetext import clean
from scrapers.spiders.base import CallSpider, EligibilityFields

SEARCH_PATH = "/search-api/prod/rest/search"
TOPIC_PATH = "/info/funding-tenders/opportunities/portal/screen/opportunities/topic-details/{identifier}"
FORTHCOMING, OPEN, CLOSED = "31094501", "31094502", "31094503"
#: the statuses asked for: a closed topic is of no use to a digest
WANTED_STATUSES = (FORTHCOMING, OPEN)
#: the API serves at most 100 results a page (public notes)
PAGE_SIZE = 100
DEFAULT_TYPES = ("1", "2")
DEFAULT_EUR_SEK = 11.0
#: Horizon Europe alone, when sources.yaml names no programme
DEFAULT_PROGRAMMES = {"43108390": "Horizon Europe"}

#: the heading of a description's eligibility part, by its words
WHO = re.compile(r"^(?:eligib\w*|who can apply|eligible (?:applicants|countries)|target groups?|beneficiaries)\b[^.]*:?$",
                 re.IGNORECASE)


def search_path(page_number: int, page_size: int = PAGE_SIZE) -> str:
    """The search URL's path and query, as the public clients write it."""
    return f"{SEARCH_PATH}?apiKey=SEDIA&text=***&pageSize={page_size}&pageNumber={page_number}"


def search_query(programmes: list[str], types: list[str]) -> dict:
    """The ``query`` part: the topics of ``programmes`` that are open or forthcoming."""
    return {"bool": {"must": [
        {"terms": {"type": list(types)}},
        {"terms": {"status": list(WANTED_STATUSES)}},
        {"terms": {"frameworkProgramme": list(programmes)}},
    ]}}


def multipart(parts: dict[str, Any], boundary: str) -> bytes:
    """A ``multipart/form-data`` body: one ``application/json`` part per value."""
    out = []
    for name, value in parts.items():
        out.append(f"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"blob\"\r\n"
                   f"Content-Type: application/json\r\n\r\n{json.dumps(value)}\r\n")
    out.append(f"--{boundary}--\r\n")
    return "".join(out).encode("utf-8")


def read_multipart(body: bytes, content_type: str) -> dict[str, Any]:
    """The JSON parts of a body :func:`multipart` wrote (the local API reads its request)."""
    m = re.search(r"boundary=([^;]+)", content_type or "")
    if not m:
        return {}
    parts = {}
    for chunk in body.split(b"--" + m.group(1).strip('"').encode()):
        head, _, value = chunk.partition(b"\r\n\r\n")
        name = re.search(rb'name="([^"]+)"', head)
        if name and value:
            try:
                parts[name.group(1).decode()] = json.loads(value.rstrip(b"\r\n-").decode("utf-8"))
            except ValueError:
                continue
    return parts


def first(value: Any) -> Any:
    return value[0] if isinstance(value, list) and value else (None if isinstance(value, list) else value)


def json_value(value: Any) -> Any:
    """A metadata value that is JSON in a string (``budgetOverview``, ``keywords``)."""
    value = first(value)
    if isinstance(value, (dict, list)):
        return value
    try:
        return json.loads(value) if isinstance(value, str) and value.strip() else None
    except ValueError:
        return None


def api_datetime(raw: Any) -> datetime | None:
    """``"2027-03-04T17:00:00.000+0100"`` → an aware datetime in its own offset."""
    if not isinstance(raw, str) or not raw.strip():
        return None
    text = raw.strip()
    for fmt in ("%Y-%m-%dT%H:%M:%S.%f%z", "%Y-%m-%dT%H:%M:%S%z"):
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return value if value.tzinfo is not None else None


def html_text(value: str | None) -> str:
    """Plain text of ``descriptionByte``: paragraphs apart, list items as " • " lines."""
    if not value:
        return ""
    soup = BeautifulSoup(value, "html.parser")
    blocks = []
    for node in soup.find_all(["p", "li", "h1", "h2", "h3", "h4", "h5"]):
        if node.find(["p", "li"]):
            continue  # a container: its children are read
        text = clean(node.get_text(" "))
        if text:
            blocks.append(f" • {text}" if node.name == "li" else text)
    if not blocks:
        text = clean(soup.get_text(" "))
        return text
    out = []
    for i, block in enumerate(blocks):
        if i:
            # list items stay together; everything else is a paragraph of its own
            out.append("\n" if block.startswith(" • ") and blocks[i - 1].startswith(" • ") else "\n\n")
        out.append(block)
    return "".join(out).strip()


class Topic(dict):
    """One search result's metadata, with the readings several fields share."""

    def __init__(self, metadata: dict, result: dict):
        super().__init__(metadata)
        self.result = result
        self.memo: dict[str, Any] = {}

    def one(self, key: str) -> str:
        value = first(self.get(key))
        return clean(str(value)) if value is not None else ""


class EuSpider(EligibilityFields, CallSpider):
    name = "eu"
    expected_structure = ("totalResults", "results[].metadata.identifier", "metadata.deadlineDate",
                          "metadata.status")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        options = self.source.options
        self.programmes: dict[str, str] = {str(k): str(v) for k, v in
                                           (options.get("programmes") or DEFAULT_PROGRAMMES).items()}
        self.types = [str(t) for t in options.get("types") or DEFAULT_TYPES]
        self.page_size = min(int(options.get("page_size", PAGE_SIZE)), PAGE_SIZE)
        self.eur_sek = float(options.get("eur_sek", DEFAULT_EUR_SEK))
        self._seen: set[str] = set()
        self._read = 0

    # -- crawling ------------------------------------------------------------------------

    def start_requests(self):
        yield self._search(1)

    def _search(self, page_number: int) -> scrapy.Request:
        parts = {"query": search_query(list(self.programmes), self.types), "languages": ["en"],
                 "sort": {"field": "deadlineDate", "order": "ASC"}}
        # a boundary that follows from the parts: the same search is the same request, so the
        # HTTP cache revalidates it (ETag) instead of storing a new copy each harvest
        boundary = "hubb" + hashlib.sha1(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:24]
        body = multipart(parts, boundary)
        return scrapy.Request(
            self.url(search_path(page_number, self.page_size), base="api"), method="POST", body=body,
            headers={"Content-Type": f"multipart/form-data; boundary={boundary}", "Accept": "application/json"},
            callback=self.parse_search, cb_kwargs={"page_number": page_number},
        )

    def parse_search(self, response, page_number: int):
        self.parsed(response)
        try:
            data = json.loads(response.text)
        except ValueError:
            self.structure_missing(response, "the API answer is not JSON", fatal=True)
            return
        results = data.get("results") if isinstance(data, dict) else None
        if not isinstance(results, list):
            self.structure_missing(response, "no results list in the API answer", fatal=True)
            return
        if results and not any(isinstance(r, dict) and isinstance(r.get("metadata"), dict)
                               and first(r["metadata"].get("identifier")) for r in results):
            self.structure_missing(response, "no metadata.identifier in the API results", fatal=True)
            return
        self._read += len(results)
        for result in results:
            topic = self._topic(response, result)
            if topic is not None:
                yield self.build_item(topic)
        total = data.get("totalResults")
        if not isinstance(total, int):
            self.structure_missing(response, "no totalResults in the API answer: one page read")
            total = self._read
        if self.check_mode:
            return  # the structure check reads one page
        if results and self._read < total:
            yield self._search(page_number + 1)
        else:
            self.mark_complete()

    def _topic(self, response, result: Any) -> Topic | None:
        metadata = result.get("metadata") if isinstance(result, dict) else None
        if not isinstance(metadata, dict):
            self.structure_missing(response, "a result without metadata")
            return None
        topic = Topic(metadata, result)
        identifier = topic.one("identifier")
        kind = topic.one("type")
        if not identifier or (kind and kind not in self.types) or identifier in self._seen:
            return None  # tenders, grant updates and second copies of a topic
        if topic.one("status") not in WANTED_STATUSES:
            return None
        if not topic.one("title"):
            self.structure_missing(response, f"topic {identifier}: no title")
            return None
        self._seen.add(identifier)
        return topic

    # -- shared readings -------------------------------------------------------------------

    def _description(self, topic: Topic) -> str:
        if "description" not in topic.memo:
            topic.memo["description"] = html_text(topic.one("descriptionByte") or topic.one("description"))
        return topic.memo["description"]

    def _deadline_choice(self, topic: Topic) -> tuple[str | None, datetime | None]:
        """(raw, value) of the next deadline on or after now; all past: the last one."""
        if "deadline" not in topic.memo:
            raws = [r for r in (topic.get("deadlineDate") or []) if isinstance(r, str)]
            if isinstance(topic.get("deadlineDate"), str):
                raws = [topic["deadlineDate"]]
            parsed = sorted(((d, r) for r in raws if (d := api_datetime(r)) is not None),
                            key=lambda p: p[0])
            now = clock.now()
            upcoming = [p for p in parsed if p[0] >= now]
            choice = upcoming[0] if upcoming else (parsed[-1] if parsed else (None, None))
            topic.memo["deadline"] = (choice[1], choice[0])
        return topic.memo["deadline"]

    def _budget(self, topic: Topic) -> tuple[float | None, float | None]:
        """(the topic's budget, the most one project can get), in euro, from budgetOverview:
        ``budgetTopicActionMap`` → actions with ``budgetYearMap`` and ``maxContribution``."""
        if "budget" not in topic.memo:
            overview = json_value(topic.get("budgetOverview")) or {}
            actions = overview.get("budgetTopicActionMap") if isinstance(overview, dict) else None
            identifier = topic.one("identifier")
            total, most = 0.0, None
            for entries in (actions or {}).values():
                for entry in entries if isinstance(entries, list) else []:
                    if not isinstance(entry, dict):
                        continue
                    if identifier and entry.get("action") and identifier not in str(entry.get("action")):
                        continue
                    for amount in (entry.get("budgetYearMap") or {}).values():
                        if isinstance(amount, (int, float)):
                            total += amount
                    cap = entry.get("maxContribution")
                    if isinstance(cap, (int, float)) and cap > 0:
                        most = max(most or 0, cap)
            topic.memo["budget"] = (total or None, most)
        return topic.memo["budget"]

    def _sek(self, euro: float | None) -> int | None:
        return None if euro is None else int(round(euro * self.eur_sek))

    # -- fields (obj = Topic) ----------------------------------------------------------------

    def _parse_id(self, topic: Topic, item) -> str:
        return topic.one("identifier")

    def _parse_url(self, topic: Topic, item) -> str:
        # the portal's own links to a topic are lower-case
        return self.url(TOPIC_PATH.format(identifier=topic.one("identifier").lower()), base="site")

    def _parse_language(self, topic: Topic, item) -> str:
        return Language.EN.value  # languages=["en"] is asked for

    def _parse_title(self, topic: Topic, item) -> str:
        return topic.one("title")

    def _parse_summary(self, topic: Topic, item) -> str:
        description = self._description(topic)
        for block in description.split("\n\n"):
            block = block.strip()
            # "Expected Outcome:" and the like are headings of the description, not its summary
            if block and not block.startswith("•") and len(block) > 60:
                return block
        return topic.one("callTitle")

    def _parse_text(self, topic: Topic, item) -> str:
        """Title, call, programme and dates as the topic page heads them, then the description."""
        parts = [item.get("title", "")]
        call = topic.one("callTitle")
        if call:
            ident = topic.one("callIdentifier")
            parts.append(f"Call: {call} ({ident})" if ident else f"Call: {call}")
        programme = self.programmes.get(topic.one("frameworkProgramme"))
        if programme:
            parts.append(f"Programme: {programme}")
        opens = api_datetime(topic.one("startDate"))
        if opens:
            parts.append(f"Opening date: {opens.date().isoformat()}")
        raw, deadline = self._deadline_choice(topic)
        if deadline:
            parts.append(f"Deadline: {deadline.isoformat(timespec='minutes')}")
        budget, most = self._budget(topic)
        if budget:
            parts.append(f"Budget: EUR {budget:,.0f}")
        if most:
            parts.append(f"Max contribution per project: EUR {most:,.0f}")
        description = self._description(topic)
        if description:
            parts.append(description)
        return "\n\n".join(p for p in parts if p)

    def _parse_opens_raw(self, topic: Topic, item) -> str | None:
        return topic.one("startDate") or None

    def _parse_opens(self, topic: Topic, item) -> date | None:
        value = api_datetime(topic.one("startDate"))
        return value.date() if value else None

    def _parse_deadline_raw(self, topic: Topic, item) -> str | None:
        return self._deadline_choice(topic)[0]

    def _parse_deadline(self, topic: Topic, item) -> datetime | None:
        return self._deadline_choice(topic)[1]

    def _parse_status(self, topic: Topic, item) -> str:
        deadline = item.get("deadline")
        if deadline is not None and deadline < clock.now():
            return Status.CLOSED.value  # the index's status is stale for old topics
        if topic.one("status") == FORTHCOMING:
            return Status.UPCOMING.value
        return Status.OPEN.value

    def _eligibility(self, topic: Topic, item=None):
        """The description's eligibility paragraphs when it has any, else the whole description
        (the English words of the eligibility reader: "SMEs", "start-ups", "universities")."""
        if "eligibility" not in topic.memo:
            blocks = self._description(topic).split("\n\n")
            # the paragraph under a heading such as "Eligibility:" (a short block)
            who = [b for i, b in enumerate(blocks)
                   if i and len(blocks[i - 1]) <= 60 and WHO.search(blocks[i - 1])]
            topic.memo["eligibility"] = parse_eligibility("\n\n".join(who) or "\n\n".join(blocks))
        return topic.memo["eligibility"]

    def _parse_regions(self, topic: Topic, item) -> list[str]:
        return ["EU"]

    def _parse_budget_sek(self, topic: Topic, item) -> int | None:
        return self._sek(self._budget(topic)[0])

    def _parse_max_grant_sek(self, topic: Topic, item) -> int | None:
        return self._sek(self._budget(topic)[1])

    def build_item(self, obj, **known):
        item = super().build_item(obj, **known)
        # the amounts as stated (not in the contract; readers ignore them)
        item["budget_eur"], item["max_grant_eur"] = self._budget(obj)
        item["programme"] = self.programmes.get(obj.one("frameworkProgramme"), obj.one("frameworkProgramme"))
        return item
