"""Region Örebro län's support pages: company support (``foretagsstod/``), grants and culture
grants (``bidrag-och-kulturstipendier/{slug}/``) on www, and regional project funding on the
``utveckling`` host.

The pages are free text (SOURCES.md): sections are found by their headings ("Vem kan söka?",
"När kan vi söka?", "Hur mycket kan vi söka?", "Stödets storlek", "Tidsplan") and deadlines by
their sentences ("Sista ansökningsdag är 31 maj 2022.", "Stödet är pausat under 2024", "Det går
bra att söka under hela året"), read by :mod:`hubb.swedish.dates`. The content classes are a
first choice only: without them the page is read by its headings and a warning is recorded.
The easy-read copies under ``/sv-ll/`` are the same calls and are never fetched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit, urlunsplit

from scrapy.http import Response

from hubb.swedish.amounts import budget_and_max_grant
from hubb.swedish.dates import Deadline, find_deadline
from hubb.swedish.eligibility import parse_eligibility
from hubb.vocab import COMPANY_APPLICANTS, HOME_REGION, Language, Status
from scrapers.pagetext import Page, clean, read_page
from scrapers.spiders.base import CallSpider, EligibilityFields, ListingTree, PageFields, slash_url

#: the hub of every support page on www
HUB_PATH = "/sv/stod-och-bidrag/"
#: regional project funding on the utveckling host: one standing page, decided continuously
PROJECT_FUNDING_PATH = "/sv/regionala-utvecklingsstrategin/projektfinansiering/"

#: a section listing page: /sv/stod-och-bidrag/{section}/ (foretagsstod is also a call page)
SECTION_RE = re.compile(
    r"^/sv(?:-ll)?/stod-och-bidrag/(?P<section>foretagsstod|bidrag-och-kulturstipendier)/?$"
)
#: a call page: /sv/stod-och-bidrag/{section}/{slug}/, or up to two levels further down
#: (real pages sit below a page with children: …/stodatgarder-coronakrisen2/stodatgarder-coronakrisen/
#: stod-till-regionalt-finansierade-kulturproducenter/, real/url_checks.txt)
CALL_RE = re.compile(
    r"^/sv(?:-ll)?/stod-och-bidrag/(?P<section>foretagsstod|bidrag-och-kulturstipendier)/(?P<slug>[^/]+(?:/[^/]+){0,2})/?$"
)

#: the words of a call page's own sections (a page with children and these is a call too)
CALL_SECTIONS = re.compile(r"vem kan söka|när kan (?:vi|du|ni) söka|hur mycket kan|sista ansökningsdag|stödets storlek",
                           re.IGNORECASE)

#: the page parameter of a paged section listing ("?page=2", "?sida=2")
PAGE_QUERY = re.compile(r"(?:^|&)(?:page|sida|p)=\d+")

#: content classes, first choice (www theme, utveckling theme); guesses, see tests/files/region_orebro
CONTENT_CSS = (".article-body", ".content-area")
LEAD_CSS = (".preamble",)

# Headings, by meaning. "vi"/"du"/"ni"/"jag" all occur ("När kan du söka?" on the literature grant).
WHEN = r"^när kan (?:vi|du|ni|jag) söka|^tidsplan|^ansökningsperiod|^sista ansökningsdag|^ansökan$|^så söker"
WHO = r"^vem kan (?:söka|få)|^vem kan vi|^för vem|^målgrupp"
CONDITIONS = r"förutsättningar|^villkor|^krav"
HOW_MUCH = r"^hur mycket|^stödets storlek|^belopp|^stödbelopp|^bidragets storlek"
#: the funder's own name, which eligibility parsing would take for a public-sector applicant
FUNDER_NAME = re.compile(r"\bRegion(?:en)? Örebro(?: län)?s?\b", re.IGNORECASE)


@dataclass
class CallPage:
    """What the field parsers read: the response and the page as text."""

    response: Response
    page: Page
    url: str
    slug: str
    #: what several field parsers share (the deadline sentence, the eligibility), read once
    cache: dict = field(default_factory=dict)

    def who(self) -> str:
        """The "Vem kan söka?" text, with any conditions section (limits are stated there too)."""
        parts = [self.page.section(WHO), self.page.section(CONDITIONS)]
        return "\n\n".join(p for p in parts if p)


def read_deadline(page: Page, today: date) -> Deadline:
    """The deadline sentence of a page, read as dates and a status: in the "När kan vi
    söka?"/"Tidsplan" section, else anywhere in the text (contacts left out)."""
    found = Deadline(raw="")
    text = page.section(WHEN)
    if text:
        found = find_deadline(text, today)
    if found.deadline is None and found.opens is None and found.status is None:
        text = page.call_text()
        found = find_deadline(text, today)
    if found.deadline is None and found.status in (None, Status.OPEN) and found.raw and text:
        # "Ansökan öppnade 1 mars 2026. Det går bra att söka under hela året.": opened, and
        # open with no end since: rolling
        rest = find_deadline(text.replace(found.raw, " "), today)
        if rest.status is Status.ROLLING and rest.deadline is None:
            found.status = Status.ROLLING
    return found


def canonical_url(url: str) -> str:
    """The /sv/ page of a URL: /sv-ll/ (easy-read) → /sv/, no query or fragment
    ("?E-2-55274=55274" is a tracking parameter of the site), a trailing slash."""
    parts = urlsplit(url)
    return slash_url(urlunsplit(parts._replace(path=re.sub(r"^/sv-ll/", "/sv/", parts.path))))


class RegionOrebroSpider(ListingTree, PageFields, EligibilityFields, CallSpider):
    name = "region_orebro"
    expected_structure = ("h1", "Vem kan söka?", "När kan vi söka?", "Hur mycket kan vi söka?")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._calls_seen: set[str] = set()

    # -- crawling ------------------------------------------------------------------------

    def start_requests(self):
        yield self._listing_request(canonical_url(self.url(HUB_PATH)))
        funding = self.detail_request(self.url(PROJECT_FUNDING_PATH, base="utveckling"), self.parse_call)
        if funding is not None:
            self._calls_seen.add(canonical_url(funding.url))
            yield funding

    def parse_listing(self, response: Response):
        """The hub, a section page or a page of a section: follow sections, pages and calls."""
        self.parsed(response)
        path = urlsplit(response.url).path
        links = self._links(response)
        if not links:
            # the hub is the backbone (fatal); an empty section may just have nothing open
            self.structure_missing(response, "no support pages linked from the listing",
                                   fatal=canonical_url(response.url) == canonical_url(self.url(HUB_PATH)))
        for url, kind, card_text in links:
            if kind in ("section", "next"):
                request = self._listing_request(url)
                if request is not None:
                    yield request
            elif url not in self._calls_seen:
                self._calls_seen.add(url)
                request = self.detail_request(url, self.parse_call, listing_key=card_text or None)
                if request is not None:
                    yield request
        # a section page with sections of its own (foretagsstod/) is a call page too
        if SECTION_RE.match(path):
            page = self._read(response, quiet=True)
            if page.headings:
                self._warn_layout(response, page)
                item = self._item(response, page)
                if item is not None:
                    yield item
        self._listing_read()

    def _links(self, response: Response) -> list[tuple[str, str, str]]:
        """(URL, kind, card text) of every link on www to a section ("section"), a call
        ("call") or the listing's next page ("next"), in page order, without repeats; call
        and section URLs canonical. The card text is what the listing shows of a call beyond
        its title (a teaser, the date sentence): the listing key of its detail page. A bare
        title is no key ("" here): it would hide a changed deadline, so such pages are
        revalidated instead."""
        site_host = urlsplit(self.url()).netloc
        listing_path = urlsplit(response.url).path
        found: dict[str, tuple[str, str]] = {}
        for a in response.css("a[href]"):
            url = response.urljoin(a.attrib.get("href", ""))
            parts = urlsplit(url)
            if parts.netloc != site_host:
                continue
            text = clean(" ".join(a.css("::text").getall()))
            # the call's title: the link's heading when the whole card is the link
            title = clean(" ".join(a.css("h2 ::text, h3 ::text, h4 ::text").getall())) or text
            is_next = (a.attrib.get("rel") == "next" or text.lower().startswith(("nästa", "next"))
                       or bool(SECTION_RE.match(parts.path) and PAGE_QUERY.search(parts.query)))
            # a next page of this listing or of a section ("Nästa steg" elsewhere is no page)
            if is_next and (parts.path == listing_path or SECTION_RE.match(parts.path)):
                found.setdefault(url, ("next", text))
                continue
            if SECTION_RE.match(parts.path):
                kind = "section"
            elif CALL_RE.match(parts.path):
                kind = "call"
            else:
                continue
            card = a.xpath("ancestor::li[1]") or a.xpath("ancestor::*[contains(@class, 'card')][1]")
            card_text = clean(" ".join(card[0].css("::text").getall())) if card else text
            found.setdefault(canonical_url(url), (kind, card_text if card_text != title else ""))
        return [(url, kind, text) for url, (kind, text) in found.items()]

    def parse_call(self, response: Response):
        self.parsed(response)
        # a page with support pages below it is a section of its own: follow them, it is no call
        path = urlsplit(response.url).path.rstrip("/") + "/"
        children = [(url, text) for url, kind, text in self._links(response)
                    if kind == "call" and urlsplit(url).path.rstrip("/").startswith(path)]
        if children:
            for url, card_text in children:
                if url not in self._calls_seen:
                    self._calls_seen.add(url)
                    request = self.detail_request(url, self.parse_call, listing_key=card_text or None)
                    if request is not None:
                        yield request
            page = self._read(response, quiet=True)
            if not CALL_SECTIONS.search(page.text()):
                return  # a section page: its children are the calls
        page = self._read(response)
        if not page.headings:
            # every support page has its "Vem kan söka?"-style sections: none at all means the
            # headings are no longer headings (the fields read from sections stay empty)
            self.structure_missing(response, "no section headings on the call page")
        item = self._item(response, page)
        if item is not None:
            yield item

    def _read(self, response: Response, quiet: bool = False) -> Page:
        page = read_page(response.body, content_css=CONTENT_CSS, lead_css=LEAD_CSS)
        if not quiet:
            self._warn_layout(response, page)
        return page

    def _warn_layout(self, response: Response, page: Page) -> None:
        if page.found_by != "css":
            self.structure_missing(
                response, f"no content block ({', '.join(CONTENT_CSS)}): sections read by their headings"
            )

    def _item(self, response: Response, page: Page) -> dict | None:
        if not page.title:
            self.structure_missing(response, "no h1 title: page skipped")
            return None
        url = canonical_url(response.url)
        slug = urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1]
        return self.build_item(CallPage(response, page, url, slug))

    # -- fields --------------------------------------------------------------------------

    def _parse_id(self, call: CallPage, item: dict) -> str:
        return call.slug

    def _parse_language(self, call: CallPage, item: dict) -> str:
        return Language.SV

    def _deadline(self, call: CallPage) -> Deadline:
        if "deadline" not in call.cache:
            found = read_deadline(call.page, self.today)
            for warning in found.warnings:
                self.logger.warning("%s: %s", call.url, warning)
            call.cache["deadline"] = found
        return call.cache["deadline"]

    def _parse_opens_raw(self, call: CallPage, item: dict) -> str | None:
        found = self._deadline(call)
        return found.raw if found.opens is not None else None

    def _parse_opens(self, call: CallPage, item: dict):
        return self._deadline(call).opens

    def _parse_deadline_raw(self, call: CallPage, item: dict) -> str | None:
        found = self._deadline(call)
        return found.raw or None

    def _parse_deadline(self, call: CallPage, item: dict):
        return self._deadline(call).deadline

    def _parse_status(self, call: CallPage, item: dict) -> str:
        # a page that states no date and no "löpande" is a standing offer: open, deadline unknown
        return self._deadline(call).status or Status.OPEN

    def _eligibility(self, call: CallPage, item=None):
        """Who may apply: the "Vem kan söka?" text (and conditions); the lead when that names
        no applicant. The funder's own name ("Region Örebro län ger stöd till …") is no
        applicant, so it is taken out first."""
        if "eligibility" not in call.cache:
            who = FUNDER_NAME.sub(" ", call.who())
            found = parse_eligibility(who)
            if not found.applicants:
                lead = FUNDER_NAME.sub(" ", call.page.lead or "")
                found.applicants = parse_eligibility(lead).applicants
            if found.applicants and not COMPANY_APPLICANTS.intersection(found.applicants):
                # "författare över 18 år" is a person's age: company limits need companies
                found.company_age_min = found.company_age_max = None
                found.employees_min = found.employees_max = None
            call.cache["eligibility"] = found
        return call.cache["eligibility"]

    def _parse_regions(self, call: CallPage, item: dict) -> list[str]:
        # the region funds its own county only
        return [HOME_REGION]

    def _amounts(self, call: CallPage) -> tuple[int | None, int | None]:
        """(budget, max grant): the "Hur mycket…"/"Stödets storlek" section speaks of one
        project; the lead may add what the section lacks ("kan söka upp till 30 000 kronor")."""
        if "amounts" in call.cache:
            return call.cache["amounts"]
        budget = max_grant = None
        section = call.page.section(HOW_MUCH)
        if section:
            budget, max_grant = budget_and_max_grant(section, default="max_grant")
        if budget is None or max_grant is None:
            lead_budget, lead_max = budget_and_max_grant(call.page.lead or "")
            budget = budget if budget is not None else lead_budget
            max_grant = max_grant if max_grant is not None else lead_max
        call.cache["amounts"] = (budget, max_grant)
        return budget, max_grant

    def _parse_budget_sek(self, call: CallPage, item: dict):
        return self._amounts(call)[0]

    def _parse_max_grant_sek(self, call: CallPage, item: dict):
        return self._amounts(call)[1]
