"""Almi's standing offers — loans and innovation funding such as verification funding — as
``rolling`` records, from the national offer listings and the regional office that serves
Örebro län (Almi Företagspartner Mälardalen, part-owned by Region Örebro län).

Offers, not calls: no deadline, no opening date, open until the page says otherwise. What the
stored copies of almi.se show (docs/harvest.md lists them): offer pages under ``/lan/``
(``/lan/sa-fungerar-almis-lan/`` is an explanation, not an offer), the amounts in a sentence
("Maximalt belopp att söka för mikrolån är 200 000 kronor", "An Innovation Loan ranges from a
minimum of SEK 50,000 to a maximum of SEK 500,000"), who may borrow in the FAQ's words ("Våra
lån vänder sig till företag med upp till 250 anställda i alla branscher … Vi ger inte lån till
privatpersoner eller ideella föreningar."). The listing pages, the office page's path and all
markup are unknown: the paths are configured (``listing_paths``, ``office_path`` in
sources.yaml), offers are found by their links one path segment below a listing, and pages are
read by their headings when the guessed classes fail.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response

from hubb.swedish.amounts import budget_and_max_grant
from hubb.swedish.dates import split_sentences
from hubb.swedish.eligibility import Eligibility, parse_eligibility
from hubb.vocab import Language, Status
from scrapers.pagetext import Page, clean, read_page
from scrapers.spiders.base import (
    META_OPTIONAL,
    CallSpider,
    EligibilityFields,
    ListingTree,
    PageFields,
    slash_url,
)

LISTING_PATHS = ("/lan/", "/innovation/")
OFFICE_PATH = "/malardalen/"
#: the page that says who may borrow for every loan ("Våra lån vänder sig till företag med upp
#: till 250 anställda i alla branscher"): a loan page that states no limit of its own keeps it
RULES_PATH = "/faq/lan/"
OFFICE_REGIONS = ("SE124",)
CONTENT_CSS = (".main-content", ".page-content")
LEAD_CSS = (".preamble", ".lead", ".ingress")
#: pages one segment below a listing that are not offers (explanations, questions, contacts)
NOT_OFFERS = re.compile(r"^(?:sa-fungerar|fragor|faq|vanliga-fragor|kontakt|om-|ansok|nyheter|event)", re.IGNORECASE)

WHO = r"^vem kan (?:söka|låna|ansöka|få)|^för vem|^vilka (?:företag )?kan|^vem riktar|^målgrupp"
HOW_MUCH = r"^hur mycket|^belopp|^lånebelopp|^hur stort"
#: a sentence that says who may NOT apply: left out of the eligibility reading
NEGATION = re.compile(r"\b(?:inte|ej|aldrig|inga|ingen)\b", re.IGNORECASE)
CLOSED = re.compile(r"går inte (?:längre )?(?:att|att ansöka|möjligt att) (?:söka|ansöka)|"
                    r"inte längre (?:möjligt|går) att (?:söka|ansöka)|erbjudandet har upphört|stängt för ansökningar",
                    re.IGNORECASE)


@dataclass
class OfferPage:
    response: Response
    page: Page
    url: str
    regional: bool
    cache: dict = field(default_factory=dict)


def _norm_path(path: str) -> str:
    return "/" + str(path).strip("/") + "/"


class AlmiSpider(ListingTree, PageFields, EligibilityFields, CallSpider):
    name = "almi"
    expected_structure = ("offer links one segment below /lan/, /innovation/ and the office page", "h1",
                          "Vem kan söka? / an amount sentence")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        options = self.source.options
        self.listing_paths = [_norm_path(p) for p in options.get("listing_paths") or LISTING_PATHS]
        self.office_path = _norm_path(options.get("office_path") or OFFICE_PATH)
        self.office_regions = [str(r) for r in options.get("office_regions") or OFFICE_REGIONS]
        rules = options.get("rules_path", RULES_PATH)
        self.rules_path = _norm_path(rules) if rules else None
        self._offers_seen: set[str] = set()
        #: who may borrow for every loan, read from the rules page (None: not read)
        self.loan_rules: Eligibility | None = None

    # -- crawling ------------------------------------------------------------------------

    def start_requests(self):
        if self.rules_path:
            # first the rules every loan shares, so each loan page can fall back on them
            yield scrapy.Request(self.url(self.rules_path), callback=self.parse_rules, errback=self.rules_failed,
                                 dont_filter=True, meta={META_OPTIONAL: True})
            return
        yield from self._listings()

    def _listings(self):
        for path in [*self.listing_paths, self.office_path]:
            request = self._listing_request(self.url(path))
            if request is not None:
                yield request

    def parse_rules(self, response: Response):
        """The FAQ's sentences of who may borrow (those that say who may NOT left out, as on an
        offer page); the listings follow."""
        self.parsed(response)
        page = read_page(response.body, content_css=CONTENT_CSS, lead_css=LEAD_CSS)
        kept = [s for s in split_sentences(page.call_text()) if not NEGATION.search(s)]
        found = parse_eligibility(" ".join(kept))
        if found.employees_max is None and found.employees_min is None:
            self.structure_missing(response, "no head-count rule for loans on the rules page")
        else:
            self.loan_rules = found
        yield from self._listings()

    def rules_failed(self, failure):
        self.logger.warning("rules page %s failed: %s", failure.request.url, failure.value)
        yield from self._listings()

    def _offer_path(self, url: str) -> str | None:
        """The listing path an offer's URL sits one segment below, or None."""
        parts = urlsplit(url)
        if parts.netloc != urlsplit(self.base_url).netloc:
            return None
        for root in [*self.listing_paths, self.office_path]:
            rest = parts.path[len(root):].strip("/") if parts.path.startswith(root) else ""
            if rest and "/" not in rest and not NOT_OFFERS.match(rest):
                return root
        return None

    def parse_listing(self, response: Response):
        self.parsed(response)
        found = 0
        for a in response.css("a[href]"):
            url = slash_url(response.urljoin(a.attrib["href"]))
            if self._offer_path(url) is None:
                continue
            found += 1
            if url in self._offers_seen:
                continue  # the office page links national offers too
            self._offers_seen.add(url)
            card = a.xpath("ancestor::li[1]") or a.xpath("ancestor::article[1]") or [a]
            request = self.detail_request(url, self.parse_offer,
                                          listing_key=clean(" ".join(card[0].css("::text").getall())))
            if request is not None:
                yield request
        if not found:
            if slash_url(response.url) == slash_url(self.url(self.listing_paths[0])):
                # the loan listing always has offers: its layout changed, and without its offers
                # nothing may be marked vanished
                self.structure_missing(response, "no offer links in the listing", fatal=True)
                return
            # another listing (innovation, the office) may have none of its own for a while
            self.structure_missing(response, "no offer links in the listing")
        self._listing_read()

    def parse_offer(self, response: Response):
        self.parsed(response)
        page = read_page(response.body, content_css=CONTENT_CSS, lead_css=LEAD_CSS)
        if not page.title:
            self.structure_missing(response, "no h1 title: page skipped")
            return
        url = slash_url(response.url)
        regional = urlsplit(url).path.startswith(self.office_path)
        yield self.build_item(OfferPage(response, page, url, regional))

    # -- shared readings -------------------------------------------------------------------

    def _eligibility(self, offer: OfferPage, item=None):
        """"Vem kan söka?" without its sentences of who may not ("Vi ger inte lån till
        privatpersoner"); the lead when there is no such section."""
        if "eligibility" not in offer.cache:
            who = offer.page.section(WHO)
            if who is None:
                self.structure_missing(offer.response, "no 'Vem kan söka?' section: applicants from the lead")
                who = offer.page.lead or ""
            kept = [s for s in split_sentences(who) if not NEGATION.search(s)]
            found = parse_eligibility(" ".join(kept))
            if not found.applicants and found.beneficiaries:
                # "Verifieringsmedel kan ges till små och medelstora företag": Almi has no
                # intermediaries, the company it is given to is the one that asks for it
                found.applicants = list(found.beneficiaries)
            rules = self.loan_rules
            if (rules is not None and found.employees_min is None and found.employees_max is None
                    and urlsplit(offer.url).path.startswith(self.listing_paths[0])):
                # a loan page without a head-count limit of its own: the one every loan has
                found.employees_min, found.employees_max = rules.employees_min, rules.employees_max
            offer.cache["eligibility"] = found
        return offer.cache["eligibility"]

    def _parse_max_grant_sek(self, offer: OfferPage, item) -> int | None:
        """The most one company can borrow or get: the amount section's highest sum, else the
        page's. A standing offer has no call budget."""
        section = offer.page.section(HOW_MUCH)
        return budget_and_max_grant(section if section is not None else offer.page.call_text(),
                                    default="max_grant")[1]

    # -- fields ----------------------------------------------------------------------------

    def _parse_id(self, offer: OfferPage, item) -> str:
        slug = [s for s in urlsplit(offer.url).path.split("/") if s][-1].lower()
        return f"{self.office_path.strip('/')}-{slug}" if offer.regional else slug

    def _parse_language(self, offer: OfferPage, item) -> str:
        return Language.SV.value

    def _parse_opens(self, offer: OfferPage, item):
        return None

    def _parse_deadline(self, offer: OfferPage, item):
        return None

    def _parse_status(self, offer: OfferPage, item) -> str:
        return Status.CLOSED.value if CLOSED.search(offer.page.call_text()) else Status.ROLLING.value

    def _parse_regions(self, offer: OfferPage, item) -> list[str]:
        # the national offers are for companies in all Sweden; the office's own for its counties
        return list(self.office_regions) if offer.regional else ["SE"]

    def _parse_budget_sek(self, offer: OfferPage, item):
        return None
