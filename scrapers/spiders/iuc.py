"""IUC Industrihubb Örebro län's offers and projects (``/erbjudanden/`` and
``/erbjudanden/vara-projekt/{slug}/``) and IUC Sverige's national projects (``iuc.se``).

These are offers, not calls (SOURCES.md): usually free for industrial SMEs, with a project
period instead of a deadline. The period's end is the record's deadline and its start the
opening date; the status is ``open`` while the period runs, ``upcoming`` before it starts,
``closed`` after it (or when the project "avslutas i förtid"), and ``rolling`` when no end is
stated. iuc.se's markup is unknown, so its pages are read by headings and meaning only;
Industrihubb's theme classes are tried first there, with the same fallback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from urllib.parse import urlsplit

from scrapy.http import Response

from hubb.clock import TZ
from hubb.swedish.amounts import budget_and_max_grant
from hubb.swedish.dates import find_dates, parse_deadline, parse_period, split_sentences
from hubb.swedish.eligibility import parse_eligibility
from hubb.swedish.regions import collapse_regions, find_regions
from hubb.vocab import HOME_REGION, Language, Status
from scrapers.pagetext import Page, clean, read_page
from scrapers.spiders.base import CallSpider, EligibilityFields, ListingTree, PageFields, slash_url

#: IUC Industrihubb (base URL "site") and IUC Sverige (base URL "sverige")
HUBB, SVERIGE = "site", "sverige"
FUNDER_SVERIGE = "IUC Sverige"

LISTINGS = {HUBB: "/erbjudanden/", SVERIGE: "/"}
#: listing pages and offer/project pages on each host
LISTING_RE = {
    HUBB: re.compile(r"^/erbjudanden/(?:vara-projekt/)?$"),
    SVERIGE: re.compile(r"^/(?:(?:nationella-)?projekt|erbjudanden|program)?/?$"),
}
OFFER_RE = {
    HUBB: re.compile(r"^/erbjudanden/(?:vara-projekt/)?(?P<slug>(?!vara-projekt/?$)[^/]+)/?$"),
    SVERIGE: re.compile(r"^/(?:(?:nationella-)?projekt|erbjudanden|program)/(?P<slug>[^/]+)/?$"),
}
#: content classes tried first; iuc.se has none we know of (its markup is unknown)
CONTENT_CSS = {HUBB: (".entry-content",), SVERIGE: ()}

WHO = r"^vem kan (?:delta|söka|vara med|ansöka)|^vem kunde|^för vem|^målgrupp|^vem riktar"
HOW_MUCH = r"^hur mycket|^stödets storlek|^checkens storlek|^belopp|^bidrag"

# A project period, by its words. "Projektperiod: 1 februari 2027 – 31 januari 2029",
# "pågår till och med 30 juni 2027", "startade 2019 och avslutades i december 2021".
PERIOD_CUE = re.compile(
    r"projektperiod|projekttid|löptid|genomförandeperiod|pågår|pågick|pågå\b|startade|startar|avslutas|"
    r"avslutades|avslutade|gäller (?:till|fram)|till och med|fram till",
    re.IGNORECASE,
)
START_CUE = re.compile(r"(?:startade|startar|start(?:ar)?\s+den|från och med|fr\.?o\.?m\.?)\s*(?:den\s+)?$",
                       re.IGNORECASE)
END_CUE = re.compile(r"avslut|slut|till\b|t\.?o\.?m\.?", re.IGNORECASE)
ENDED_EARLY = re.compile(
    r"avslutas i förtid|avslutades i förtid|avbryts|avbröts|har avslutats|är avslutat|projektet har upphört",
    re.IGNORECASE,
)


@dataclass
class OfferPage:
    response: Response
    page: Page
    url: str
    slug: str
    host: str  # HUBB or SVERIGE
    cache: dict = field(default_factory=dict)

    def body_text(self) -> str:
        """The page text without its title and contacts."""
        return self.page.call_text().split("\n\n", 1)[-1]


@dataclass
class Period:
    raw: str | None = None
    opens: date | None = None
    end: date | None = None
    ended_early: bool = False


def read_period(text: str, today: date) -> Period:
    """The project period of an offer's text: the first sentence with period words and a
    date ("Projektperiod: 1 februari 2027 – 31 januari 2029", "pågår till och med 30 juni
    2027", "startade 2019 och avslutades i december 2021"); whether it ended early."""
    period = Period(ended_early=bool(ENDED_EARLY.search(text)))
    for sentence in split_sentences(text):
        if not PERIOD_CUE.search(sentence):
            continue
        found = parse_deadline(sentence, today)
        end = _day(found.deadline)
        opens = found.opens or _start_date(sentence, today)
        if end is None:
            named = parse_period(sentence, today)  # "avslutades i december 2021"
            if named is not None and END_CUE.search(sentence[: sentence.find(named.raw)]):
                end = named.end
        if end is not None or opens is not None:
            period.raw, period.opens, period.end = sentence, opens, end
            break
    return period


def _day(value: date | datetime | None) -> date | None:
    return value.astimezone(TZ).date() if isinstance(value, datetime) else value


def _start_date(sentence: str, today: date) -> date | None:
    """A date right after "startade"/"startar"/"från och med"."""
    for found in find_dates(sentence, today):
        if START_CUE.search(sentence[: found.start]):
            return _day(found.value)
    return None


class IucSpider(ListingTree, PageFields, EligibilityFields, CallSpider):
    name = "iuc"
    expected_structure = ("h1", "Vem kan delta?", "a project period")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._hosts = {urlsplit(self.url(base=b)).netloc: b for b in (HUBB, SVERIGE)}
        self._offers_seen: set[str] = set()

    # -- crawling ------------------------------------------------------------------------

    def start_requests(self):
        for host, path in LISTINGS.items():
            request = self._listing_request(slash_url(self.url(path, base=host)))
            if request is not None:
                yield request

    def parse_listing(self, response: Response):
        self.parsed(response)
        links = self._links(response)
        if not any(kind == "offer" for _, kind, _ in links):
            # not fatal: either site may have nothing running; a run with no items at all is
            # unhealthy anyway (min_items), and a layout change shows as this warning
            self.structure_missing(response, "no offers or projects linked from the listing")
        for url, kind, card_text in links:
            if kind == "listing":
                request = self._listing_request(url)
            elif url not in self._offers_seen:
                self._offers_seen.add(url)
                request = self.detail_request(url, self.parse_offer, listing_key=card_text or None)
            else:
                request = None
            if request is not None:
                yield request
        self._listing_read()

    def _host_of(self, url: str) -> str | None:
        return self._hosts.get(urlsplit(url).netloc)

    def _links(self, response: Response) -> list[tuple[str, str, str]]:
        """(canonical URL, "listing" | "offer", card text) of the links to listings and to
        offers/projects on either IUC host, in page order, without repeats. The card text
        (teaser, period as the listing shows them beside the title) is the detail page's
        listing key; "" when the card shows only the title."""
        found: dict[str, tuple[str, str]] = {}
        for a in response.css("a[href]"):
            url = slash_url(response.urljoin(a.attrib.get("href", "")))
            host = self._host_of(url)
            if host is None:
                continue
            path = urlsplit(url).path
            if LISTING_RE[host].match(path):
                kind = "listing"
            elif OFFER_RE[host].match(path):
                kind = "offer"
            else:
                continue
            text = clean(" ".join(a.css("::text").getall()))
            # the call's title: the link's heading when the whole card is the link
            title = clean(" ".join(a.css("h2 ::text, h3 ::text, h4 ::text").getall())) or text
            card = a.xpath("ancestor::li[1]") or a.xpath(
                "ancestor-or-self::*[contains(@class, 'card')][1]"
            )
            card_text = clean(" ".join(card[0].css("::text").getall())) if card else text
            # a bare title is no listing key: it would hide a changed period (revalidate instead)
            found.setdefault(url, (kind, card_text if card_text != title else ""))
        return [(url, kind, text) for url, (kind, text) in found.items()]

    def parse_offer(self, response: Response):
        self.parsed(response)
        host = self._host_of(response.url) or HUBB
        page = read_page(response.body, content_css=CONTENT_CSS[host])
        if CONTENT_CSS[host] and page.found_by != "css":
            self.structure_missing(
                response,
                f"no content block ({', '.join(CONTENT_CSS[host])}): sections read by their headings",
            )
        if not page.title:
            self.structure_missing(response, "no h1 title: page skipped")
            return
        url = slash_url(response.url)
        slug = urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1]
        item = self.build_item(OfferPage(response, page, url, slug, host))
        if host == SVERIGE:
            item["funder"] = FUNDER_SVERIGE
        yield item

    # -- the project period --------------------------------------------------------------

    def _period(self, offer: OfferPage) -> Period:
        if "period" not in offer.cache:
            offer.cache["period"] = read_period(offer.body_text(), self.today)
        return offer.cache["period"]

    # -- fields --------------------------------------------------------------------------

    def _parse_id(self, offer: OfferPage, item: dict) -> str:
        # iuc.se and Industrihubb could both have a "robotlyftet": keep them apart
        return offer.slug if offer.host == HUBB else f"iuc-sverige-{offer.slug}"

    def _parse_language(self, offer: OfferPage, item: dict) -> str:
        return Language.SV

    def _parse_opens_raw(self, offer: OfferPage, item: dict) -> str | None:
        period = self._period(offer)
        return period.raw if period.opens else None

    def _parse_opens(self, offer: OfferPage, item: dict):
        return self._period(offer).opens

    def _parse_deadline_raw(self, offer: OfferPage, item: dict) -> str | None:
        period = self._period(offer)
        return period.raw if period.end else None

    def _parse_deadline(self, offer: OfferPage, item: dict):
        return self._period(offer).end

    def _parse_status(self, offer: OfferPage, item: dict) -> str:
        period = self._period(offer)
        today = self.today
        if period.ended_early or (period.end is not None and period.end < today):
            return Status.CLOSED
        if period.opens is not None and period.opens > today:
            return Status.UPCOMING
        if period.end is not None:
            return Status.OPEN
        return Status.ROLLING  # running with no end stated

    def _eligibility(self, offer: OfferPage, item=None):
        """Who may take part: the "Vem kan delta?" section, else the lead, else the whole
        text. For an offer the companies named as its target group are its participants."""
        if "eligibility" not in offer.cache:
            found = None
            for who in (offer.page.section(WHO), offer.page.lead, offer.body_text()):
                if not who:
                    continue
                found = parse_eligibility(who)
                if not found.applicants and found.beneficiaries:
                    found.applicants = list(found.beneficiaries)
                if found.applicants:
                    break
            offer.cache["eligibility"] = found or parse_eligibility("")
        return offer.cache["eligibility"]

    def _parse_regions(self, offer: OfferPage, item: dict) -> list[str]:
        if offer.host == HUBB:
            return [HOME_REGION]
        # a national project is open to the whole network, unless its text names regions
        named = collapse_regions(find_regions(offer.page.section(WHO) or offer.body_text()))
        return named or ["SE"]

    def _amounts(self, offer: OfferPage) -> tuple[int | None, int | None]:
        # only a "Hur mycket…" section speaks of what a company gets; "Kostnad" is what it pays
        if "amounts" not in offer.cache:
            section = offer.page.section(HOW_MUCH)
            offer.cache["amounts"] = (
                budget_and_max_grant(section, default="max_grant") if section else (None, None)
            )
        return offer.cache["amounts"]

    def _parse_budget_sek(self, offer: OfferPage, item: dict):
        return self._amounts(offer)[0]

    def _parse_max_grant_sek(self, offer: OfferPage, item: dict):
        return self._amounts(offer)[1]
