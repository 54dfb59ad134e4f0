"""Tillväxtverket's calls ("utlysningar"): a paged listing (or the RSS feed of calls), then one
detail page per call.

What the pages say, by meaning (SOURCES.md; the CMS is Sitevision, the markup unknown):

- a **listing** at ``/tillvaxtverket/sokfinansiering/utlysningar.1139.html`` links every call
  page ``…/utlysningar/utlysningar/{slug}.{id}.html`` (standing offers under
  ``…/utlysningar/fastautlysningar/``, planned calls under ``…/sokfinansiering/planeradeutlysningar/``:
  a plan of coming rounds, stored as upcoming unless its text says a round is open, with a date); pages are followed by a "Nästa" /
  ``rel=next`` link. The listing advertises its RSS feed (``<link type="application/rss+xml">``),
  read when the listing shows no calls (title, link, pubDate, guid only);
- a **detail page** has the title, then a list whose first item is the status line ("Stängd 19
  mars 2024", "Stänger 12 december 2026", "Öppnar 12 augusti 2026") and whose other items are the
  regions ("Örebro", "Region Jönköpings län", "Hela Sverige"); then a lead and the headed
  sections "Vem kan söka?", "Vad kan ni söka för?", "Hur mycket kan ni få i stöd?", "Vad handlar
  erbjudandet om?" (older pages: "Vem?", "Vad?", "Hur mycket?", "För vad kan vi söka?") and a long
  body, where changes are noted ("Observera att det 2024-05-20 skett ändringar …", "Utlysning
  uppdaterad 2023-12-15, …").

The id is the number before ``.html``. Many calls are for business-support organisations and
public bodies, not companies ("Stöd kan inte ges direkt till företag"): ``applicants`` then
holds no company type. CSS classes are a first choice only; when they fail, the status list,
lead and sections are found by their words and a warning is recorded.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit, urlunsplit

import scrapy
from scrapy.http import Response

from hubb.swedish.amounts import budget_and_max_grant
from hubb.swedish.dates import Deadline, find_dates, find_deadline, parse_deadline
from hubb.swedish.eligibility import Eligibility, parse_eligibility
from hubb.swedish.regions import collapse_regions, find_regions, region_code
from hubb.vocab import Language, Status
from scrapers.pagetext import Page, clean, read_page
from scrapers.spiders.base import CallSpider, EligibilityFields, PagedListing, PageFields

LISTING_PATH = "/tillvaxtverket/sokfinansiering/utlysningar.1139.html"
#: where the feed is when the listing does not say (guessed; the listing's <link> wins)
RSS_PATH = "/tillvaxtverket/sokfinansiering/utlysningar.rss"
#: a call page: …/utlysningar/utlysningar/{slug}.{id}.html (Sitevision's page ids), the standing
#: offers under …/utlysningar/fastautlysningar/{slug}.{id}.html (e.g. regional investment support,
#: id 3519: real/url_checks.txt, which the pattern before issue 12 did not match) and the planned
#: calls under …/sokfinansiering/planeradeutlysningar/{slug}.{id}.html (SOURCES.md, "What real
#: material shows"; e.g. id 1692, Östra Mellansverige)
CALL_RE = re.compile(r"/(?:utlysningar/(?:(?:utlysningar|fastautlysningar)/)?|planeradeutlysningar/)"
                     r"(?P<slug>[^/]+?)\.(?P<id>\d+)\.html$")
#: a planned call's page (a plan of rounds to come, not a round)
PLANNED_RE = re.compile(r"/planeradeutlysningar/[^/]+\.\d+\.html$")

# First choices, guessed from Sitevision's usual markup (see tests/files/tillvaxtverket/README.md)
CONTENT_CSS = ("#svid12_content", ".sv-layout.content", "main .sv-text-portlet-content")
LEAD_CSS = (".sv-font-ingress", ".lead")
STATUS_CSS = "ul.tvv-call-meta li"
LISTING_ROW_CSS = "li.tvv-call-item"

# Section headings, by meaning
WHO = r"^vem kan (?:söka|ansöka)|^vem\??$|^vilka (?:\w+ )?kan (?:söka|ansöka)|^who can apply"
WHAT = r"^vad kan (?:ni|du|jag) söka för|^för vad kan|^vad\??$|^what can you apply"
HOW_MUCH = r"^hur mycket|^stödets storlek|^how much"
ABOUT = r"^vad handlar erbjudandet om|^om erbjudandet|^what is the offer"
STATUS_WORDS = re.compile(r"^(?:stängd|stänger|öppnar|öppen|löpande|closed|closes|opens|open)\b", re.IGNORECASE)
#: a status line without a date ("Stängd", "Löpande"): the word alone
STATUS_ONLY = {"stängd": Status.CLOSED, "closed": Status.CLOSED, "öppen": Status.OPEN, "open": Status.OPEN,
               "löpande": Status.ROLLING}
#: change notes in the body
CHANGE_NOTE = re.compile(
    r"(?:observera att det|utlysning(?:en)? (?:är )?uppdaterad|uppdaterad|ändrad|ändring(?:ar)? (?:gjord|införd)\w*)"
    r"[^.\n]*?\d{4}-\d\d-\d\d[^\n]*|[^.\n]*\d{4}-\d\d-\d\d[^.\n]*(?:skett ändringar|ändrat|ändrad|uppdaterad)[^\n]*",
    re.IGNORECASE,
)


@dataclass
class CallPage:
    """What the field parsers read: the response, the page as text, and what several of them share."""

    response: Response
    page: Page
    url: str
    status_items: list[str]
    cache: dict = field(default_factory=dict)


def _day(value) -> date:
    return value.date() if hasattr(value, "date") else value


def canonical_url(url: str) -> str:
    """The call's URL without query or fragment (the listing adds tracking parameters)."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))


def is_planned(url: str) -> bool:
    """Whether ``url`` is a planned call's page (``…/planeradeutlysningar/{slug}.{id}.html``)."""
    return bool(PLANNED_RE.search(urlsplit(url).path))


def call_id(url: str) -> str:
    """The number before ``.html``; for an odd URL, a stable hash of it."""
    m = CALL_RE.search(urlsplit(url).path)
    if m:
        return m["id"]
    return hashlib.sha1(canonical_url(url).encode()).hexdigest()[:12]


class TillvaxtverketSpider(PagedListing, PageFields, EligibilityFields, CallSpider):
    name = "tillvaxtverket"
    next_words: tuple[str, ...] = ("nästa", "next")
    next_marks: tuple[str, ...] = ("›", "»", ">")
    expected_structure = ("listing links to …/{slug}.{id}.html", "status line", "Vem kan söka?",
                          "Hur mycket kan ni få i stöd?")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._calls_seen: set[str] = set()
        self._rss_url: str | None = None

    # -- crawling ------------------------------------------------------------------------

    def start_requests(self):
        yield self._first_listing(self.url(LISTING_PATH))

    def parse_listing(self, response: Response):
        """One page of the listing: every call linked, then the next page (or the end)."""
        self.parsed(response)
        rss = response.css('link[type="application/rss+xml"]::attr(href), a[href*="rss"]::attr(href)').get()
        if rss:
            self._rss_url = response.urljoin(rss)
        rows = self._rows(response)
        if not rows:
            if len(self._listings_seen) == 1:
                # the first page shows nothing: the listing changed, the feed may still work
                self.structure_missing(response, "no calls in the listing: reading the RSS feed")
                yield scrapy.Request(self._rss_url or self.url(RSS_PATH), callback=self.parse_rss,
                                     dont_filter=True)
            else:
                self.structure_missing(response, "a listing page without calls", fatal=True)
            return
        for url, key in rows:
            request = self._detail(url, key)
            if request is not None:
                yield request
        next_listing = self._next_listing(response)
        if next_listing is not None:
            yield next_listing

    def parse_rss(self, response: Response):
        """The feed of calls: links only; every item's page is then read like the listing's."""
        self.parsed(response)
        # read as XML whatever the server called it: an HTML parser drops <link>'s text
        selector = scrapy.Selector(text=response.text, type="xml")
        selector.remove_namespaces()
        items = selector.xpath("//item")
        if not items:
            self.structure_missing(response, "neither the listing nor the RSS feed lists any call", fatal=True)
            return
        for item in items:
            link = clean(item.xpath("link/text()").get() or item.xpath("guid/text()").get() or "")
            if not link:
                continue
            key = clean(" ".join(item.xpath("title/text() | pubDate/text()").getall()))
            request = self._detail(response.urljoin(link), key)
            if request is not None:
                yield request
        # a feed lists every open call, so it is as complete as the listing
        self.mark_complete()

    def _detail(self, url: str, listing_key: str):
        url = canonical_url(url)
        if url in self._calls_seen:
            return None
        self._calls_seen.add(url)
        return self.detail_request(url, self.parse_call, listing_key=listing_key)

    def _rows(self, response: Response) -> list[tuple[str, str]]:
        """(call URL, what the listing shows of it) for every call linked: the row class first,
        else any link to a call page with the text of its nearest list item."""
        found: dict[str, str] = {}
        rows = response.css(LISTING_ROW_CSS)
        for row in rows:
            href = row.css("a::attr(href)").get()
            if href and CALL_RE.search(urlsplit(response.urljoin(href)).path):
                found.setdefault(canonical_url(response.urljoin(href)), clean(" ".join(row.css("::text").getall())))
        if found:
            return list(found.items())
        for a in response.css("a[href]"):
            url = response.urljoin(a.attrib["href"])
            if not CALL_RE.search(urlsplit(url).path):
                continue
            card = a.xpath("ancestor::li[1]") or a.xpath("ancestor::article[1]") or [a]
            found.setdefault(canonical_url(url), clean(" ".join(card[0].css("::text").getall())))
        if found and not rows:
            self.structure_missing(response, f"no listing rows ({LISTING_ROW_CSS}): calls found by their links")
        return list(found.items())

    def parse_call(self, response: Response):
        self.parsed(response)
        page = read_page(response.body, content_css=CONTENT_CSS, lead_css=LEAD_CSS)
        if not page.title:
            self.structure_missing(response, "no h1 title: page skipped")
            return
        if page.found_by != "css":
            self.structure_missing(response, f"no content block ({', '.join(CONTENT_CSS)}): read by its headings")
        status_items = self._status_items(response, page)
        yield self.build_item(CallPage(response, page, canonical_url(response.url), status_items))

    def _status_items(self, response: Response, page: Page) -> list[str]:
        """The status line and region tags: the meta list by its class, else the first list
        after the title whose first item reads like a status line."""
        items = [clean(" ".join(li.css("::text").getall())) for li in response.css(STATUS_CSS)]
        items = [i for i in items if i]
        if items:
            return items
        for ul in response.xpath("//h1[1]/following::*[self::ul or self::ol][position() <= 3]"):
            run = [clean(" ".join(li.css("::text").getall())) for li in ul.xpath("./li")]
            run = [i for i in run if i]
            if run and STATUS_WORDS.match(run[0]):
                self.structure_missing(response, f"no status list ({STATUS_CSS}): found by its words")
                return run
        self.structure_missing(response, "no status line")
        return []

    # -- shared readings -------------------------------------------------------------------

    def _deadline(self, call: CallPage) -> Deadline:
        """The status line when there is one; else the first deadline sentence of the page."""
        if "deadline" not in call.cache:
            found = Deadline(raw="")
            if call.status_items and STATUS_WORDS.match(call.status_items[0]):
                found = parse_deadline(call.status_items[0], self.today)
            if found.opens is not None and found.deadline is None:
                # "Öppnar 12 augusti 2026": the closing date, if any, is in the body
                later = find_deadline(call.page.call_text(), self.today)
                if later.deadline is not None and _day(later.deadline) >= found.opens:
                    found.deadline = later.deadline
                    found.warnings.extend(later.warnings)
                    call.cache["deadline_raw"] = later.raw
            if found.deadline is None and found.opens is None and found.status is None:
                found = find_deadline(call.page.call_text(), self.today)
                word = call.status_items[0].lower().rstrip(".") if call.status_items else ""
                if word in STATUS_ONLY and (found.status is None or STATUS_ONLY[word] is Status.CLOSED):
                    # the status line has the last word on the status; the body may add dates
                    found.status = STATUS_ONLY[word]
            if is_planned(call.url) and found.status is not Status.UPCOMING and not (
                    found.status is Status.OPEN and found.deadline is not None):
                # a plan says what is to come: its passed dates ("öppna till 12:e september" of
                # an earlier year) are no round's; upcoming until its text says a round is open
                found = Deadline(raw="", status=Status.UPCOMING, warnings=found.warnings)
            for warning in found.warnings:
                self.logger.warning("%s: %s", call.url, warning)
            call.cache["deadline"] = found
        return call.cache["deadline"]

    def _eligibility(self, call: CallPage, item=None) -> Eligibility:
        """The "Vem kan söka?" section; the lead when there is none (older pages)."""
        if "eligibility" not in call.cache:
            who = call.page.section(WHO)
            if who is None:
                if is_planned(call.url):
                    # a plan of rounds has no such section: not a layout problem
                    self.logger.debug("%s: planned call without 'Vem kan söka?'", call.url)
                else:
                    self.structure_missing(call.response, "no 'Vem kan söka?' section: applicants from the lead")
                who = call.page.lead or ""
            found = parse_eligibility(who)
            # a rule of the body ("Stöd kan inte ges direkt till företag") also counts
            body = parse_eligibility(call.page.section(ABOUT) or "")
            for kind in body.excluded:
                if kind in found.applicants:
                    found.applicants.remove(kind)
                    found.excluded.append(kind)
            call.cache["eligibility"] = found
        return call.cache["eligibility"]

    def _amounts(self, call: CallPage) -> tuple[int | None, int | None]:
        """"Hur mycket kan ni få i stöd?" speaks of one project unless its words say the call's
        budget ("Budget för utlysningen är 30 miljoner kronor")."""
        if "amounts" not in call.cache:
            section = call.page.section(HOW_MUCH)
            if section is None:
                # older pages have no such section and many calls state no sum: not a layout problem
                self.logger.debug("%s: no 'Hur mycket kan ni få i stöd?' section", call.url)
                call.cache["amounts"] = budget_and_max_grant(call.page.call_text())
            else:
                call.cache["amounts"] = budget_and_max_grant(section, default="max_grant")
        return call.cache["amounts"]

    # -- fields ----------------------------------------------------------------------------

    def _parse_id(self, call: CallPage, item: dict) -> str:
        return call_id(call.url)

    def _parse_summary(self, call: CallPage, item: dict) -> str:
        lead = call.page.lead
        if lead and call.status_items and lead in call.status_items:
            lead = None
        if not lead:
            # the first paragraph after the status list
            lead = next((ln.text for ln in call.page.lines if ln.kind == "para"), None)
        return lead or ""  # summary is a string in the record, never None

    def _parse_language(self, call: CallPage, item: dict) -> str:
        english = any(re.match(r"^(?:who can apply|what can you apply|how much)", h, re.I)
                      for h in call.page.headings)
        return Language.EN if english else Language.SV

    def _parse_opens_raw(self, call: CallPage, item: dict) -> str | None:
        found = self._deadline(call)
        return found.raw if found.opens is not None else None

    def _parse_opens(self, call: CallPage, item: dict) -> date | None:
        return self._deadline(call).opens

    def _parse_deadline_raw(self, call: CallPage, item: dict) -> str | None:
        found = self._deadline(call)
        return call.cache.get("deadline_raw", found.raw) if found.deadline is not None else None

    def _parse_deadline(self, call: CallPage, item: dict):
        return self._deadline(call).deadline

    def _parse_status(self, call: CallPage, item: dict) -> str:
        # a call page with no date and no "löpande" is published as open until further notice
        return self._deadline(call).status or Status.OPEN

    def _parse_regions(self, call: CallPage, item: dict) -> list[str]:
        """The region tags after the status line, as NUTS codes; a tag that names no known region
        is reported. Without tags, the regions named in the title and lead."""
        codes = []
        tags = call.status_items
        if tags and STATUS_WORDS.match(tags[0]):
            tags = tags[1:]  # a list without a status line (no deadline) is all regions
        for tag in tags:
            code = region_code(tag)
            if code is None:
                self.logger.warning("%s: unknown region tag %r", call.url, tag)
                continue
            codes.append(code)
        if not codes:
            codes = find_regions(f"{call.page.title}\n{call.page.lead or ''}")
        return collapse_regions(codes)

    def _parse_budget_sek(self, call: CallPage, item: dict):
        return self._amounts(call)[0]

    def _parse_max_grant_sek(self, call: CallPage, item: dict):
        return self._amounts(call)[1]

    def _parse_changes(self, call: CallPage, item: dict) -> list[str]:
        """Change notes of the body as "YYYY-MM-DD: sentence" (not in the contract; readers
        ignore the field, the run log and tests see it)."""
        notes = []
        for m in CHANGE_NOTE.finditer(call.page.call_text()):
            sentence = clean(m.group(0))
            dates = [d for d in find_dates(sentence, self.today) if re.match(r"\d{4}-", d.raw)]
            if dates:
                notes.append(f"{dates[0].value.isoformat()}: {sentence}")
        return notes

    def build_item(self, obj, **known):
        item = super().build_item(obj, **known)
        item["changes"] = self._parse_changes(obj, item)
        return item
