"""Vinnova: the open-data API (data.vinnova.se), calls joined with their application rounds.

One record per public application round (the unit with dates), id = the round's
diarienummer. Two requests per harvest: ``/api/utlysningar/{since}`` (calls) and
``/api/ansokningsomgangar/{since}`` (rounds), each a complete JSON array of what changed
since ``since`` (today − ``since_days`` of sources.yaml), so every run sees the whole
listing. Each round's ``url`` is a link found on Vinnova's own listing ("Hitta finansiering",
``listing_paths`` of sources.yaml, every page of it): real page URLs cannot be built from titles
(real/vinnova_page_urls.tsv). A round the listing does not link gets the listing page itself,
the page it should be found on, and the store keeps a stored call's url.

Quirks (SOURCES.md, seen 2026-11): dates are Stockholm local time without zone,
``1900-01-01`` means no date, ``Publik``/``Webbsida`` = 0 means not public, rounds with
``AnnonseringslägeÅr``/``Period`` and no dates are upcoming, English titles "x"/"xx"
mean no translation, no status or amount fields (amounts are in the texts).
"""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Any

import scrapy
from bs4 import BeautifulSoup

from hubb import clock
from hubb.clock import TZ
from hubb.swedish.amounts import budget_and_max_grant, find_amounts, find_shares
from hubb.swedish.eligibility import parse_eligibility, parse_stated_applicants
from hubb.vocab import Language, Status
from scrapers.spiders.base import META_OPTIONAL, CallSpider, EligibilityFields, next_page_url

NO_DATE = "1900-01-01"
#: Vinnova's public listing of what can be applied for, when sources.yaml names none
LISTING_PATH = "/sok-finansiering/hitta-finansiering/"
PLACEHOLDER_TITLES = {"", "x", "xx", "xxx", "-"}

#: the three short texts of a round (WebTextLista), by what a named TextID says. Public clients
#: show other shapes (real/public_code.md): integer TextIDs (1, 2, … — a Python connector's
#: fixtures) and items of {Text, Lang} with no id at all (a TypeScript connector); those texts
#: are classified by what they say (``text_kind``), and position is the last resort
TEXT_KINDS = {
    "what": ("vad", "what", "sok_for", "sokafor", "soka_for", "erbjud"),
    "who": ("vem", "who", "malgrupp", "sokande"),
    "how_much": ("hur", "much", "belopp", "finansier", "storlek"),
}
HEADINGS = {
    Language.SV: {"what": "Vad kan ni söka för?", "who": "Vem kan söka?", "how_much": "Hur mycket kan ni söka?",
                  "brief": "Erbjudandet i korthet"},
    Language.EN: {"what": "What can you apply for?", "who": "Who can apply?",
                  "how_much": "How much can you apply for?", "brief": "The offer in brief"},
}

#: kind → (Swedish heading, English heading)
HEADINGS_BY_KIND = {k: (HEADINGS[Language.SV][k], HEADINGS[Language.EN][k]) for k in ("what", "who", "how_much")}


def html_text(value: str | None) -> str:
    """Plain text of an API text field (some carry HTML paragraphs and lists)."""
    if not value:
        return ""
    if "<" not in value:
        return value.strip()
    soup = BeautifulSoup(value, "html.parser")
    for li in soup.find_all("li"):
        li.insert_before("\n• ")
    return soup.get_text("\n").strip()


def public(entry: dict[str, Any]) -> bool:
    # 0/False means "not public"; a missing key means the API did not say: public
    return all(entry.get(key, 1) not in (0, False, "0", "false") for key in ("Publik", "Webbsida"))


def api_datetime(raw: Any) -> datetime | date | None:
    """An API date: None for empty and 1900-01-01; a date at midnight; else an aware
    Stockholm datetime (closing is usually 14:00)."""
    if not raw or not isinstance(raw, str) or raw.startswith(NO_DATE):
        return None
    try:
        value = datetime.fromisoformat(raw.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=TZ)
    if value.astimezone(TZ).time() == time(0, 0):
        return value.astimezone(TZ).date()
    return value


def real_title(value: Any) -> str:
    text = str(value or "").strip()
    return "" if text.lower() in PLACEHOLDER_TITLES else text


def real_text(value: Any) -> str:
    """Plain text of an API text field, "" for the "x"/"xx" placeholders of missing translations
    (seen in TitelEngelska and BeskrivningEngelska alike: real/vinnova_api_R_output.md)."""
    return real_title(html_text(value if isinstance(value, str) else None))


_WHO_WORDS = re.compile(r"\b(?:koordinator\w*|projektpart\w*|parter|konsorti\w*|sökande|kan söka|who can apply|eligible|"
                        r"coordinator|consortium|partners)\b", re.IGNORECASE)


def text_kind(text: str) -> str | None:
    """"what", "who" or "how_much" for a WebTextLista text, by what it says: sums or shares of
    costs make it the amount text, applicant words the eligibility text, anything else the
    description of what can be funded."""
    if not text.strip():
        return None
    money = bool([a for a in find_amounts(text) if a.funding] or find_shares(text))
    who = bool(parse_stated_applicants(text).applicants or _WHO_WORDS.search(text))
    if money and who:
        # "Max 2 miljoner kr per företag" is about money; "Företag ... får ansöka om upp till" too when
        # it opens with the sum
        return "how_much" if re.match(r"\W*(?:upp till|högst|max|maximalt|ni kan söka|det går att söka|bidraget|"
                                      r"stödet|up to|maximum|funding|\d)", text, re.IGNORECASE) else "who"
    if money:
        return "how_much"
    if who:
        return "who"
    return "what"


def web_texts(rnd: dict) -> list[tuple[str, str, str]]:
    """(TextID, Swedish, English) of each WebTextLista item, in any shape seen: {TextID, TextSv,
    TextEn} with named or integer ids, or {Text, Lang} (one language per item)."""
    out = []
    for entry in rnd.get("WebTextLista") or []:
        if not isinstance(entry, dict):
            continue
        tid = str(entry.get("TextID") if entry.get("TextID") is not None else "")
        if "Text" in entry and "TextSv" not in entry and "TextEn" not in entry:
            english = str(entry.get("Lang") or "").strip().lower().startswith("en")
            text = real_text(entry.get("Text"))
            out.append((tid, "" if english else text, text if english else ""))
        else:
            out.append((tid, real_text(entry.get("TextSv")), real_text(entry.get("TextEn"))))
    return out


_DNR = r"(?:19|20)\d\d-\d{5}"
_DNR_AT_END = re.compile(rf"-({_DNR})$")


@lru_cache(maxsize=8192)  # every round is held against every link: normalise each once
def _norm(text: str) -> str:
    """Letters and digits only, lower case, accents folded ("Våren" and "varen" alike)."""
    folded = unicodedata.normalize("NFKD", (text or "").lower()).encode("ascii", "ignore").decode()
    return "".join(re.findall(r"[a-z0-9]+", folded))


#: a round segment shorter than this is no cut title (the CMS cuts at about 40 characters)
_CUT_SLUG_MIN = 30


def _names_round(text: str, round_seg: str, titles: set[str]) -> bool:
    """Whether a link without a round dnr is the round's: its text is the round's title, or its
    round segment is the round's title cut short (a CMS slug of 30+ characters)."""
    if _norm(text) in titles or _norm(round_seg) in titles:
        return True
    seg = _norm(round_seg)
    return len(round_seg) >= _CUT_SLUG_MIN and any(t.startswith(seg) for t in titles)


def page_links(response) -> list[tuple[str, str]]:
    """(url, link text) of every link to a call page (``/e/{call}/{round}``) on a Vinnova listing
    or search page; only http(s) links, made absolute."""
    out = []
    for a in response.css('a[href*="/e/"]'):
        url = response.urljoin(a.attrib.get("href", "")).split("#")[0].split("?")[0]
        if not url.startswith(("https://", "http://")):
            continue
        segments = [seg for seg in url.split("/e/", 1)[1].split("/") if seg]
        if len(segments) >= 2:
            out.append((url, " ".join(" ".join(a.css("::text").getall()).split())))
    return out


def match_page(call: dict, rnd: dict, links: list[tuple[str, str]]) -> str | None:
    """The public page of a round among ``links``, joined as real URLs allow
    (real/vinnova_page_urls.tsv): by the round's diarienummer at the end of the round segment
    (9 of 13 real URLs); else, for a link without a round dnr, by the call's diarienummer in
    the call segment ("utlysning-{dnr}", "{slug}-{dnr}") together with the round's title (the
    link text, or the segment as a cut slug of it); else by the title alone. None when no link
    fits: the caller must not make one up."""
    round_dnr, call_dnr = rnd.get("Diarienummer", ""), call.get("Diarienummer", "")
    titles = {_norm(t) for t in (real_title(rnd.get("Titel")), real_title(rnd.get("TitelEngelska"))) if t}
    by_call: list[str] = []
    by_title: list[str] = []
    for url, text in links:
        call_seg, round_seg = [seg for seg in url.split("/e/", 1)[1].split("/") if seg][:2]
        m = _DNR_AT_END.search(round_seg)
        if m:
            if m.group(1) == round_dnr:
                return url
            continue  # another round's page
        m = _DNR_AT_END.search(call_seg)
        if m and m.group(1) != call_dnr:
            continue  # another call's page
        if not _names_round(text, round_seg, titles):
            continue
        (by_call if call_dnr and call_seg.endswith(call_dnr) else by_title).append(url)
    # a title is not unique across calls ("… steg 1"): the call's own link first
    found = by_call or by_title
    return found[0] if found else None


class Pair(tuple):
    """(call, round) as the fields see them, with the parsed texts kept for every field."""

    memo: dict[str, Any]

    def __new__(cls, call: dict, rnd: dict):
        pair = super().__new__(cls, (call, rnd))
        pair.memo = {}
        return pair


class VinnovaSpider(EligibilityFields, CallSpider):
    name = "vinnova"
    expected_structure = ("Diarienummer", "DiarienummerUtlysning", "Stangningsdatum", "WebTextLista",
                          "listing links to /e/{call}/{round}")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        #: (url, link text) of every call page the listing pages link
        self.page_links: list[tuple[str, str]] = []
        #: a listing page could not be read this run (its rounds' urls are stand-ins)
        self.listing_unread = False
        self._listings_seen: set[str] = set()
        self._listing_queue: list[str] = []
        self._pairs: list[Pair] = []

    def start_requests(self):
        since = (clock.today() - timedelta(days=int(self.source.options.get("since_days", 1095)))).isoformat()
        yield scrapy.Request(self.url(f"/api/utlysningar/{since}", base="api"), callback=self.parse_calls,
                             cb_kwargs={"since": since})

    def parse_calls(self, response, since: str):
        self.parsed(response)
        calls = self._json_list(response, "Diarienummer")
        if calls is None:
            return
        by_dnr = {c["Diarienummer"]: c for c in calls if isinstance(c, dict) and c.get("Diarienummer")}
        yield scrapy.Request(self.url(f"/api/ansokningsomgangar/{since}", base="api"),
                             callback=self.parse_rounds, cb_kwargs={"calls": by_dnr})

    def parse_rounds(self, response, calls: dict[str, dict]):
        self.parsed(response)
        rounds = self._json_list(response, "Diarienummer")
        if rounds is None:
            return
        round_to_call = self._rounds_of_calls(calls)
        skipped = 0
        pairs: list[Pair] = []
        for rnd in rounds:
            dnr = rnd.get("Diarienummer") if isinstance(rnd, dict) else None
            if not dnr:
                self.structure_missing(response, "a round without Diarienummer")
                continue
            call = calls.get(rnd.get("DiarienummerUtlysning") or round_to_call.get(dnr, ""))
            if call is None:
                self.structure_missing(response, f"round {dnr}: its call is not in the calls answer")
                continue
            if not (public(rnd) and public(call)):
                skipped += 1
                continue
            pairs.append(Pair(call, rnd))
        self.crawler.stats.set_value("hubb/vinnova/not_public", skipped)
        # page links first: each round's url is a link found on Vinnova's own pages
        self._pairs = pairs
        listings = self.listing_urls()
        self._listing_queue = listings[1:]
        yield self._listing_request(listings[0])

    def listing_urls(self) -> list[str]:
        """The listing pages to read for page links (``listing_paths``, paths on the site);
        the first is the stand-in url of a round that no page links."""
        paths = self.source.options.get("listing_paths") or [LISTING_PATH]
        return [self.url(path, base="site") for path in paths]

    def _listing_request(self, url: str) -> scrapy.Request:
        self._listings_seen.add(url)
        # optional: a listing that fails leaves the rounds (the API's) and the stored urls as they are
        return scrapy.Request(url, callback=self.parse_listing, errback=self.listing_failed, dont_filter=True,
                              meta={META_OPTIONAL: not self.check_mode})

    def parse_listing(self, response):
        """A page of a listing of www.vinnova.se: collect its call-page links, then its next
        page (a "Nästa" / ``rel=next`` link), then the next listing, then the records."""
        self.parsed(response)
        found = page_links(response)
        self.page_links.extend(found)
        if not found:
            # the API still gives every round; only their urls fall back to the listing
            self.structure_missing(response, "no call-page links (/e/…) on the listing", fatal=self.check_mode)
        nxt = None if self.check_mode else next_page_url(response, ("nästa", "next"), ("›", "»"))
        if nxt and nxt.startswith(("https://", "http://")) and nxt not in self._listings_seen:
            yield self._listing_request(nxt)
            return
        yield from self._next_or_emit()

    def listing_failed(self, failure):
        """A listing page that could not be read: the rounds are still the API's, complete;
        those it would have linked keep their stored url (``stand_in_urls``)."""
        self.listing_unread = True
        self.crawler.stats.inc_value("hubb/vinnova/listing_failed")
        self.logger.warning("listing page %s could not be read (%s): stored calls keep their url",
                            failure.request.url, failure.value)
        if self.check_mode:  # --check is about the pages the urls come from
            self.structure_missing(None, f"the listing {failure.request.url} could not be read", fatal=True)
        yield from self._next_or_emit()

    def _next_or_emit(self):
        if self._listing_queue:
            yield self._listing_request(self._listing_queue.pop(0))
            return
        yield from self._emit(self._pairs)

    def _emit(self, pairs: list):
        for pair in pairs:
            yield self.build_item(pair)
        self._warn_stand_ins()
        self.mark_complete()
        if self.check_mode:
            # --check reads a page the listing links (a round's own when one is joined)
            url = next((u for u in (match_page(c, r, self.page_links) for c, r in pairs) if u), None)
            url = url or (self.page_links[0][0] if self.page_links else None)
            if url:
                yield scrapy.Request(url, callback=self.check_page)

    def check_page(self, response):
        """--check: the public page still has the sections the texts come from (the
        Swedish headings, or the English ones on a page in English)."""
        self.parsed(response)
        page = response.text.lower()
        for sv, en in HEADINGS_BY_KIND.values():
            if sv.lower() not in page and en.lower() not in page:
                self.structure_missing(response, f"heading {sv!r} on the public page", fatal=True)

    # -- the API answers ------------------------------------------------------------------

    def _json_list(self, response, key: str) -> list[dict] | None:
        try:
            data = json.loads(response.text)
        except ValueError:
            self.structure_missing(response, "the API answer is not JSON", fatal=True)
            return None
        if not isinstance(data, list):
            self.structure_missing(response, "the API answer is not a JSON array", fatal=True)
            return None
        if data and not any(isinstance(d, dict) and key in d for d in data):
            self.structure_missing(response, f"no {key} in the API answer", fatal=True)
            return None
        return data

    @staticmethod
    def _rounds_of_calls(calls: dict[str, dict]) -> dict[str, str]:
        """Round dnr → call dnr from the calls' AnsokningsomgangDnrLista (strings or objects)."""
        out = {}
        for dnr, call in calls.items():
            for entry in call.get("AnsokningsomgangDnrLista") or []:
                # objects {"DiarienummerAnsokningsomgang": …} in real answers (real/vinnova_api_R_output.md)
                round_dnr = (entry.get("DiarienummerAnsokningsomgang") or entry.get("Diarienummer")
                             if isinstance(entry, dict) else entry)
                if round_dnr:
                    out[str(round_dnr)] = dnr
        return out

    def _texts(self, obj: Pair) -> dict[str, tuple[str, str]]:
        """what/who/how_much → (Swedish, English) of the round, parsed once per round."""
        if "texts" not in obj.memo:
            obj.memo["texts"] = self._read_texts(obj[1])
        return obj.memo["texts"]

    def _read_texts(self, rnd: dict) -> dict[str, tuple[str, str]]:
        """what/who/how_much → (Swedish, English) from WebTextLista: by a named TextID, else by
        what each text says, else in page order."""
        found: dict[str, tuple[str, str]] = {}
        rest = []
        for tid, sv, en in web_texts(rnd):
            key = tid.lower().replace("-", "_")
            kind = next((k for k, words in TEXT_KINDS.items() if any(w in key for w in words)), None)
            if kind is None:
                kind = text_kind(sv or en)
            if kind and kind not in found:
                found[kind] = (sv, en)
                continue
            old_sv, old_en = found.get(kind, ("", "")) if kind else ("", "")
            if kind and ((sv and not old_sv and not en) or (en and not old_en and not sv)):
                # {Text, Lang} items: the other language of a text already placed
                found[kind] = (old_sv or sv, old_en or en)
            elif sv or en:
                rest.append((sv, en))
        for kind in TEXT_KINDS:  # what is left fills the gaps in page order
            if kind not in found and rest:
                found[kind] = rest.pop(0)
        return found

    # -- fields (obj = Pair(call, round)) -------------------------------------------------------

    def _parse_id(self, obj, item) -> str:
        return obj[1]["Diarienummer"]

    def _parse_url(self, obj, item) -> str:
        """The round's page as Vinnova's listing links it (:func:`match_page`); never built
        from titles. Not linked (closed and gone from the listing, or the listing unread): the
        listing page, a page Vinnova publishes, as a stand-in the store never puts over a
        stored call's url."""
        call, rnd = obj
        found = match_page(call, rnd, self.page_links)
        if found:
            self.crawler.stats.inc_value("hubb/vinnova/url_from_pages")
            return found
        self.crawler.stats.inc_value("hubb/vinnova/url_not_on_pages")
        self.stand_in_urls.add(rnd["Diarienummer"])
        return self.listing_urls()[0]

    def _warn_stand_ins(self) -> None:
        """One warning naming the rounds whose url is the listing (closed rounds leave the
        listing: three years of them would be hundreds of lines)."""
        if not self.stand_in_urls:
            return
        dnrs = sorted(self.stand_in_urls)
        shown = ", ".join(dnrs[:20]) + (f" and {len(dnrs) - 20} more" if len(dnrs) > 20 else "")
        why = "the listing could not be read" if self.listing_unread else "no listing page links them"
        self.logger.warning("%d round(s) with the listing %s as url (%s; a stored call keeps its url): %s",
                            len(dnrs), self.listing_urls()[0], why, shown)

    def _parse_language(self, obj, item) -> str:
        call, rnd = obj
        swedish = real_title(rnd.get("Titel")) or real_title(call.get("Titel")) or any(
            sv for sv, _ in self._texts(obj).values())
        return Language.SV.value if swedish else Language.EN.value

    def _parse_title(self, obj, item) -> str:
        call, rnd = obj
        if item.get("language") == Language.EN.value:
            return real_title(rnd.get("TitelEngelska")) or real_title(call.get("TitelEngelska"))
        return real_title(rnd.get("Titel")) or real_title(call.get("Titel"))

    def _parse_summary(self, obj, item) -> str:
        call, rnd = obj
        en = item.get("language") == Language.EN.value
        keys = ("BeskrivningEngelska",) if en else ("Beskrivning",)
        for entry in (rnd, call):
            for key in keys:
                text = real_text(entry.get(key))
                if text:
                    return text.split("\n\n")[0].strip()
        return ""

    def _parse_text(self, obj, item) -> str:
        """Lead, then "Erbjudandet i korthet" with its three headed texts, as on the page."""
        call, rnd = obj
        lang = Language(item.get("language", "sv"))
        col = 1 if lang is Language.EN else 0
        heads = HEADINGS[lang]
        key = "BeskrivningEngelska" if lang is Language.EN else "Beskrivning"
        parts = [item.get("title", "")]
        for entry in (call, rnd):
            text = real_text(entry.get(key))
            if text and text not in parts:
                parts.append(text)
        texts = self._texts(obj)
        brief = [(heads[k], texts[k][col]) for k in ("what", "who", "how_much") if k in texts and texts[k][col]]
        if brief:
            parts.append(heads["brief"])
            for heading, text in brief:
                parts.extend([heading, text])
        return "\n\n".join(p for p in parts if p)

    def _section(self, obj, item, kind: str) -> str:
        texts = self._texts(obj)
        col = 1 if item.get("language") == Language.EN.value else 0
        return texts.get(kind, ("", ""))[col]

    def _parse_opens_raw(self, obj, item) -> str | None:
        rnd = obj[1]
        raw = rnd.get("Oppningsdatum")
        if raw and not str(raw).startswith(NO_DATE):
            return raw
        year, period = rnd.get("AnnonseringslägeÅr"), rnd.get("AnnonseringslägePeriod")
        if year or period:  # an announced round: "Vår 2027" as the API gives it
            return " ".join(str(v) for v in (period, year) if v)
        return None

    def _parse_opens(self, obj, item) -> date | None:
        value = api_datetime(obj[1].get("Oppningsdatum"))
        return value.astimezone(TZ).date() if isinstance(value, datetime) else value

    def _parse_deadline_raw(self, obj, item) -> str | None:
        raw = obj[1].get("Stangningsdatum")
        return raw if raw and not str(raw).startswith(NO_DATE) else None

    def _parse_deadline(self, obj, item) -> date | datetime | None:
        return api_datetime(obj[1].get("Stangningsdatum"))

    def _parse_status(self, obj, item) -> str:
        now = clock.now()
        deadline, opens = item.get("deadline"), item.get("opens")
        if deadline is not None:
            end = deadline if isinstance(deadline, datetime) else datetime.combine(
                deadline, time(23, 59, 59), tzinfo=TZ)
            if end < now:
                return Status.CLOSED.value
        if opens is not None and opens > now.date():
            return Status.UPCOMING.value
        if opens is None and deadline is None and item.get("opens_raw"):
            return Status.UPCOMING.value  # announced for a period, no dates yet
        if deadline is None:
            return Status.ROLLING.value
        return Status.OPEN.value

    def _eligibility(self, obj, item):
        if "eligibility" not in obj.memo:
            obj.memo["eligibility"] = parse_eligibility(self._section(obj, item, "who"))
        return obj.memo["eligibility"]

    def _parse_regions(self, obj, item) -> list[str]:
        return ["SE"]  # Vinnova's calls are national

    def _amounts(self, obj, item) -> tuple[int | None, int | None]:
        if "amounts" not in obj.memo:
            obj.memo["amounts"] = self._read_amounts(obj, item)
        return obj.memo["amounts"]

    def _read_amounts(self, obj, item) -> tuple[int | None, int | None]:
        budget, max_grant = budget_and_max_grant(self._section(obj, item, "how_much"), default="max_grant")
        if budget is None:
            budget = budget_and_max_grant(item.get("text", ""))[0]
        return budget, max_grant

    def _parse_budget_sek(self, obj, item):
        return self._amounts(obj, item)[0]

    def _parse_max_grant_sek(self, obj, item):
        return self._amounts(obj, item)[1]
