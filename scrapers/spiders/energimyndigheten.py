"""Energimyndigheten's calls and support pages ("utlysningar"): a listing, then one page per call.

What its stored pages show (search tool, corpus ``pages``; docs/harvest.md lists them):

- call pages at ``/utlysningar/{slug}/`` (``/utlysningar/stod-till-utokad-kommunal-energi--och-
  klimatradgivning-ar-20212022/``, ``/utlysningar/Projekteringsstod-inom-energisteget2/``): the
  title, a lead, then fact lines "Sista dag för ansökan 2021-10-20 17:00" and "Utlysta medel 10
  miljoner", then headed sections, among them "Vem kan söka?" (on support pages "Vem kan söka
  stödet?") and "Hur stort stöd kan ditt företag få och för vad?";
- status sentences in the body: "Utlysningen är nu stängd och det går inte att söka stöd.",
  "Energimyndigheten beviljar ansökningarna löpande", "Från och med 2 mars till och med 30 april
  2020 kan du ansöka om stöd";
- the listing page itself was not among the stored copies: its path is configured
  (``listing_path`` in sources.yaml) and its markup unknown, so calls are found by their links
  (one path segment below ``call_path``, the listing's path unless configured apart), pages by a
  ``rel=next`` / "Nästa" link.

National calls: ``regions`` is ``SE`` unless the title or lead names a region.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from urllib.parse import urlsplit

from scrapy.http import Response

from hubb import clock
from hubb.swedish.amounts import budget_and_max_grant, parse_amount
from hubb.swedish.dates import Deadline, find_deadline, parse_deadline
from hubb.swedish.eligibility import parse_eligibility
from hubb.swedish.regions import find_regions
from hubb.vocab import Language, Status
from scrapers.pagetext import Page, clean, read_page
from scrapers.spiders.base import CallSpider, EligibilityFields, PagedListing, PageFields, slash_url

LISTING_PATH = "/utlysningar/"
#: guessed content classes (the markup is unknown): the heading fallback reads any page
CONTENT_CSS = (".main-content", "#main-content")
LEAD_CSS = (".preamble", ".lead", ".ingress")

WHO = r"^vem kan (?:söka|ansöka)|^vilka kan söka|^vem riktar sig"
HOW_MUCH = r"^hur (?:mycket|stort)|^stödets storlek|^belopp"
#: the fact lines under the lead
DEADLINE_LINE = re.compile(r"^sista (?:dag|datum)(?: för (?:ansökan|att (?:an)?söka))?\b", re.IGNORECASE)
OPENS_LINE = re.compile(r"^(?:ansökan öppnar|öppnar(?: för ansökan)?|öppen för ansökan från)\b", re.IGNORECASE)
BUDGET_LINE = re.compile(r"^utlysta medel\b", re.IGNORECASE)
CLOSED = re.compile(r"utlysningen är (?:nu )?stängd|det går inte (?:längre )?att söka|ansökan är stängd",
                    re.IGNORECASE)
ROLLING = re.compile(r"\blöpande\b", re.IGNORECASE)


@dataclass
class CallPage:
    response: Response
    page: Page
    url: str
    cache: dict = field(default_factory=dict)


def call_id(url: str) -> str:
    """The page's slug, lower-case (the site links ``/utlysningar/Projekteringsstod-…/``)."""
    segments = [s for s in urlsplit(url).path.split("/") if s]
    return segments[-1].lower() if segments else hashlib.sha1(url.encode()).hexdigest()[:12]


def _day(value) -> date:
    return value.date() if isinstance(value, datetime) else value


class EnergimyndighetenSpider(PagedListing, PageFields, EligibilityFields, CallSpider):
    name = "energimyndigheten"
    next_words: tuple[str, ...] = ("nästa", "visa fler")
    expected_structure = ("listing links to /utlysningar/{slug}/", "h1", "Sista dag för ansökan …",
                          "Vem kan söka?")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        options = self.source.options
        self.listing_path = "/" + str(options.get("listing_path", LISTING_PATH)).strip("/") + "/"
        # where call pages sit (one segment below): the listing's own path unless configured
        # apart (a listing at /stod-och-utlysningar/ linking /utlysningar/{slug}/)
        self.call_path = "/" + str(options.get("call_path", self.listing_path)).strip("/") + "/"
        self._calls_seen: set[str] = set()

    # -- crawling ------------------------------------------------------------------------

    def start_requests(self):
        yield self._first_listing(self.url(self.listing_path))

    def _is_call(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.netloc != urlsplit(self.base_url).netloc:
            return False
        rest = parts.path[len(self.call_path):] if parts.path.startswith(self.call_path) else ""
        return bool(rest.strip("/")) and "/" not in rest.strip("/")

    def parse_listing(self, response: Response):
        self.parsed(response)
        rows: dict[str, str] = {}
        for a in response.css("main a[href], a[href]"):
            url = response.urljoin(a.attrib["href"])
            if not self._is_call(url):
                continue
            card = a.xpath("ancestor::li[1]") or a.xpath("ancestor::article[1]") or [a]
            rows.setdefault(slash_url(url), clean(" ".join(card[0].css("::text").getall())))
        if not rows:
            self.structure_missing(response, f"no call links below {self.call_path} in the listing", fatal=True)
            return
        for url, key in rows.items():
            if url in self._calls_seen:
                continue
            self._calls_seen.add(url)
            request = self.detail_request(url, self.parse_call, listing_key=key)
            if request is not None:
                yield request
        next_listing = self._next_listing(response)
        if next_listing is not None:
            yield next_listing

    def parse_call(self, response: Response):
        self.parsed(response)
        page = read_page(response.body, content_css=CONTENT_CSS, lead_css=LEAD_CSS)
        if not page.title:
            self.structure_missing(response, "no h1 title: page skipped")
            return
        yield self.build_item(CallPage(response, page, slash_url(response.url)))

    # -- shared readings -------------------------------------------------------------------

    def _line(self, call: CallPage, rx: re.Pattern) -> str | None:
        return next((ln.text for ln in call.page.lines if ln.kind != "heading" and rx.match(ln.text)), None)

    def _dates(self, call: CallPage) -> Deadline:
        """The "Sista dag för ansökan" line and an opening line; else the body's date sentences;
        the status from them and from the body's closed / rolling sentences."""
        if "dates" in call.cache:
            return call.cache["dates"]
        text = call.page.call_text()
        line = self._line(call, DEADLINE_LINE)
        found = parse_deadline(line, self.today) if line else Deadline(raw="")
        if found.deadline is None:
            if line:
                self.structure_missing(call.response, f"a deadline line without a date: {line!r}")
            found = find_deadline(text, self.today)
        opens_line = self._line(call, OPENS_LINE)
        if opens_line:
            opened = parse_deadline(opens_line, self.today)
            found.opens = opened.opens or (_day(opened.deadline) if opened.deadline else None)
            call.cache["opens_raw"] = opens_line
        elif found.opens is not None:
            call.cache["opens_raw"] = found.raw
        if found.opens is not None and found.deadline is not None and found.opens > _day(found.deadline):
            # "Från och med 2 mars till och med 30 april 2020": the opening shares the closing's year
            shared = found.opens.replace(year=_day(found.deadline).year)
            found.opens = shared if shared <= _day(found.deadline) else None
        status = Status.OPEN
        if CLOSED.search(text):
            status = Status.CLOSED
        elif found.deadline is not None and (found.deadline < clock.now() if isinstance(found.deadline, datetime)
                                             else found.deadline < self.today):
            status = Status.CLOSED
        elif found.opens is not None and found.opens > self.today:
            status = Status.UPCOMING
        elif found.deadline is None and ROLLING.search(text):
            status = Status.ROLLING
        found.status = status
        for warning in found.warnings:
            self.logger.warning("%s: %s", call.url, warning)
        call.cache["dates"] = found
        return found

    def _eligibility(self, call: CallPage, item=None):
        if "eligibility" not in call.cache:
            who = call.page.section(WHO)
            if who is None:
                self.structure_missing(call.response, "no 'Vem kan söka?' section: applicants from the lead")
                who = call.page.lead or ""
            call.cache["eligibility"] = parse_eligibility(who)
        return call.cache["eligibility"]

    def _amounts(self, call: CallPage) -> tuple[int | None, int | None]:
        """"Utlysta medel 10 miljoner" is the call's budget; the support section (or the body)
        says what one applicant can get ("maximalt få 50 000 kronor i stöd")."""
        if "amounts" not in call.cache:
            line = self._line(call, BUDGET_LINE)
            budget = parse_amount(line) if line else None
            section = call.page.section(HOW_MUCH)
            other_budget, max_grant = budget_and_max_grant(section if section is not None else call.page.call_text())
            call.cache["amounts"] = (budget or other_budget, max_grant)
        return call.cache["amounts"]

    # -- fields ----------------------------------------------------------------------------

    def _parse_id(self, call: CallPage, item) -> str:
        return call_id(call.url)

    def _parse_language(self, call: CallPage, item) -> str:
        return Language.SV.value

    def _parse_opens_raw(self, call: CallPage, item) -> str | None:
        self._dates(call)
        return call.cache.get("opens_raw")

    def _parse_opens(self, call: CallPage, item) -> date | None:
        opens = self._dates(call).opens
        return _day(opens) if opens is not None else None

    def _parse_deadline_raw(self, call: CallPage, item) -> str | None:
        found = self._dates(call)
        return found.raw if found.deadline is not None else None

    def _parse_deadline(self, call: CallPage, item):
        return self._dates(call).deadline

    def _parse_status(self, call: CallPage, item) -> str:
        status = self._dates(call).status
        assert status is not None, "_dates always sets the status"
        return status.value

    def _parse_regions(self, call: CallPage, item) -> list[str]:
        named = find_regions(f"{call.page.title}\n{call.page.lead or ''}")
        return named or ["SE"]

    def _parse_budget_sek(self, call: CallPage, item):
        return self._amounts(call)[0]

    def _parse_max_grant_sek(self, call: CallPage, item):
        return self._amounts(call)[1]
