"""Which industries a call lets apply, read from its own rules (SNI codes and sector nouns).

Two kinds of sentence restrict a call to some industries:

- an explicit SNI rule: "Företagets SNI-kod måste börja med siffrorna 10, 11 eller 13-33",
  "SNI-kod 10–33", "verksamma inom SNI 01–03";
- a who-may-apply sentence whose applicant is an industry: "Är ni ett litet eller medelstort
  tillverkande företag …", "Du kan få stöd om du har ett jordbruksföretag, trädgårdsföretag
  eller annat företag som producerar livsmedel", "open to manufacturing SMEs".

:func:`allowed_divisions` returns the SNI divisions (two digits) such a call admits, or
``None`` when its text sets no industry rule. The applicant nouns below are the general
vocabulary of Swedish and EU eligibility rules for whole industries (SNI sections), not
words of particular calls; a sentence that also opens the call to services or to every
industry sets no rule, since a wrong exclusion hides a call a company could apply to.
"""

from __future__ import annotations

import re

# SNI 2007 sections as division ranges (two-digit codes)
MANUFACTURING = tuple(f"{d:02d}" for d in range(10, 34))
AGRICULTURE = ("01", "02", "03")
FOOD = ("10", "11")

_SNI_RULE = re.compile(
    r"\bSNI(?:-?kod(?:en|er|erna)?)?\b[^.\n]{0,60}?"
    r"(?P<codes>\d{2}(?:\s*(?:[-–]\s*\d{2}|,\s*\d{2}|\s+(?:eller|och|or|and)\s+\d{2}))+|\d{2}\b)",
    re.IGNORECASE,
)
_RANGE = re.compile(r"(\d{2})\s*[-–]\s*(\d{2})|(\d{2})")

# who may apply: the cue must be in the same sentence as the applicant noun
_APPLICANT_CUE = re.compile(
    r"\b(kan\s+(?:få|söka)|får\s+söka|riktar\s+sig|vänder\s+sig|är\s+ni\s+(?:ett|en)|"
    r"är\s+du\s+(?:ett|en)|för\s+dig\s+som|ni\s+som\s+är|du\s+som\s+(?:är|har|driver)|"
    r"om\s+du\s+(?:har|driver|är)|stödet\s+(?:är|gäller)\s+för|sökande\s+ska\s+vara|"
    r"may\s+apply|can\s+apply|eligible\s+(?:are|applicants)|open\s+to|aimed\s+at|targets?)\b",
    re.IGNORECASE,
)
# applicant nouns naming a whole industry → its divisions
_SECTOR_APPLICANTS: tuple[tuple[re.Pattern, tuple[str, ...]], ...] = (
    (re.compile(r"\b(tillverkande|tillverknings|industri)(?:-?\s*)(?:små)?(?:företag|bolag|sme|verksamhet)"
                r"|\b(små|medelstora)\s+(?:och\s+medelstora\s+)?(tillverkande|industri)\w*\s*företag"
                r"|\bmanufacturing\s+(?:smes?|companies|firms|enterprises)", re.IGNORECASE), MANUFACTURING),
    (re.compile(r"\b(jordbruks|lantbruks|trädgårds|skogsbruks|vattenbruks|fiske)företag|\blantbrukare"
                r"|\bfarmers?\b|\bagricultural\s+holdings?", re.IGNORECASE), AGRICULTURE),
    (re.compile(r"\blivsmedelsföretag|\bföretag\s+som\s+(?:producerar|förädlar|tillverkar)\s+livsmedel"
                r"|\bförädla\w*\s+[\w\s,-]{0,40}?\btill\s+livsmedel|\bfood[-\s]processing\s+(?:companies|smes?)",
                re.IGNORECASE), FOOD + AGRICULTURE),
)
# a sentence that also admits services or every industry sets no rule
_OPEN_TO_ALL = re.compile(
    r"\b(tjänsteföretag|tjänstesektorn|alla\s+branscher|samtliga\s+branscher|oavsett\s+bransch|"
    r"även\s+(?:andra|tjänste)|service\s+companies|all\s+sectors|any\s+sector)\b",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")
# the heading of a who-may-apply section
_WHO_HEADING = re.compile(r"^(?:vem|vilka(?:\s+företag)?)\s+(?:kan|får)\s+(?:söka|ansöka)\b.{0,40}\?$|"
                          r"^who\s+(?:can|may)\s+apply\b.{0,40}\?$|^eligibility(?:\s+criteria)?:?$",
                          re.IGNORECASE)


def _expand(codes: str) -> set[str]:
    out: set[str] = set()
    for m in _RANGE.finditer(codes):
        if m.group(1):
            lo, hi = int(m.group(1)), int(m.group(2))
            if lo <= hi and hi - lo < 100:
                out.update(f"{d:02d}" for d in range(lo, hi + 1))
        else:
            out.add(m.group(3))
    return out


def _sentences(text: str):
    """(sentence, under a who-may-apply heading) for every sentence of ``text``: an item of a
    "Vem kan söka?" / "Who can apply?" list says who may apply without a verb of its own
    ("European manufacturing companies with headquarters in …")."""
    under_who = False
    for line in text.splitlines():
        stripped = line.strip()
        if _WHO_HEADING.match(stripped):
            under_who = True
            continue
        if stripped.endswith("?") and len(stripped) < 80:
            under_who = False  # the next question heading ends the section
        for sentence in _SENTENCE.findall(stripped):
            yield sentence, under_who


def allowed_divisions(text: str) -> frozenset[str] | None:
    """The SNI divisions the call's own rules admit, or None when it sets no industry rule."""
    if not text:
        return None
    found: set[str] = set()
    ruled = False
    for m in _SNI_RULE.finditer(text):
        codes = _expand(m.group("codes"))
        if codes:
            found |= codes
            ruled = True
    if ruled:
        return frozenset(found)
    for sentence, cued in _sentences(text):
        if len(sentence) > 600 or not (cued or _APPLICANT_CUE.search(sentence)) or _OPEN_TO_ALL.search(sentence):
            continue
        for pattern, divisions in _SECTOR_APPLICANTS:
            if pattern.search(sentence):
                found.update(divisions)
                ruled = True
    return frozenset(found) if ruled else None


def admits(divisions: frozenset[str] | None, company_sni: list[str]) -> bool:
    """True when a company with these SNI codes may apply under the call's industry rule."""
    if divisions is None:
        return True
    return any(code[:2] in divisions for code in company_sni)
