"""Amounts of money and funding shares in Swedish (and English) text.

Public functions:

- ``find_amounts(text) -> list[Amount]`` — every sum in SEK, in order: "2 mkr", "2 miljoner kronor",
  "500 000 kr", "10 MSEK", "1,5 miljarder", "57,7 miljoner", "SEK 2 million", "2 million SEK",
  "SEK 1,000,000", ranges "50 000–250 000 kr" / "mellan 300 000 kr och 1 500 000 kr" (both ends, the
  unit shared). Each amount says whether its words make it the call's total budget or the most one
  project can get (``kind``: "budget", "max_grant" or None).
- ``parse_amount(text) -> int | None`` — the first sum of ``text`` in whole kronor.
- ``find_shares(text) -> list[Share]`` — funding shares: "upp till 50 procent av kostnaderna",
  "max 40 %", "50 percent of the total eligible costs", "hälften av kostnaderna". A share is never an
  amount.
- ``budget_and_max_grant(text, default=None) -> tuple[int | None, int | None]`` — (budget_sek,
  max_grant_sek) of a call from its text; ``default="max_grant"`` says how to read a sum with no
  telling words (the "Hur mycket kan ni söka?" section is about one project).

Euro sums are left out: the record keeps SEK only.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

# number: "500 000", "1 500 000", "1,5", "57,7", "1.000.000", "1,000,000", "2.5", "300000"
_NUM = r"\d{1,3}(?:(?:[ \u00a0\u202f]|\.(?=\d{3}\b)|,(?=\d{3}\b))\d{3})+|\d+(?:[,.]\d+)?"

# unit words with their multiplier (longest alternatives first)
_UNITS: list[tuple[str, int]] = [
    (r"miljarder(?:\s+(?:kronor|kr|sek))?", 10**9),
    (r"miljard(?:\s+(?:kronor|kr|sek))?", 10**9),
    (r"mdkr|mdr\.?\s*kr|mdr", 10**9),
    (r"billion(?:\s+(?:sek|kronor|kroner|swedish kronor))?", 10**9),
    (r"miljoner(?:\s+(?:kronor|kr|sek))?", 10**6),
    (r"miljon(?:\s+(?:kronor|kr|sek))?", 10**6),
    (r"milj\.?\s*(?:kronor|kr|sek)?", 10**6),
    (r"million(?:\s+(?:sek|kronor|kroner|swedish kronor))?", 10**6),
    (r"mkr|msek|mnkr|mn\s*kr|m\s*kr", 10**6),
    # "SEK 1m", "SEK 2bn": only after a currency word (a bare "10 m" is ten metres)
    (r"m\b|mn\b", 10**6),
    (r"bn\b", 10**9),
    (r"tusen\s+(?:kronor|kr)|tkr|ksek|kkr", 10**3),
    # "200 000 Swedish kronor", "200,000 kroner": machine-translated English pages spell the krona so
    (r"swedish\s+kron(?:or|er)|kroner|kronor|kr\b\.?|sek\b|:-", 1),
]
_UNIT = "|".join(f"(?:{u})" for u, _ in _UNITS)
_UNIT_RE = [(re.compile(rf"^(?:{u})$", re.IGNORECASE), mult) for u, mult in _UNITS]
_NUMBER_WORD = r"en|ett|två|tre|fyra|fem|sex|sju|åtta|nio|tio|one|two|three|four|five|six|seven|eight|nine|ten"
_WORD_VALUES = {"en": 1, "ett": 1, "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7, "åtta": 8,
                "nio": 9, "tio": 10, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                "seven": 7, "eight": 8, "nine": 9, "ten": 10}

_DASH = r"\s*(?:-|–|—)\s*"
# "50 000–250 000 kr", "2-10 mkr", "mellan 300 000 och 1 500 000 kr", "between SEK 2 and 10 million"
_AMOUNT = re.compile(
    rf"(?<![\w,.])(?P<between>(?:mellan|between|från|from)\s+)?(?P<cur1>sek\s+|msek\s+)?"
    rf"(?P<n1>{_NUM}|(?:{_NUMBER_WORD})(?=\s+(?:miljon|miljoner|miljard|million|billion)))"
    rf"(?:\s*(?P<u1>{_UNIT}))?"
    # "och"/"and" joins a range only after "mellan"/"between" ("2 mkr och 1 mkr per år" is two sums)
    rf"(?:(?:{_DASH}|(?(between)\s+(?:och|and|till|to)\s+|(?!x)x))(?P<cur2>sek\s+)?(?P<n2>{_NUM})\s*(?P<u2>{_UNIT})?)?"
    rf"(?![\wåäö])",
    re.IGNORECASE,
)

# A share of costs: "50 procent", "50 %", "50 percent", "hälften", "halva kostnaden"
_SHARE = re.compile(
    r"(?P<n>\d{1,3}(?:[,.]\d+)?)\s*(?:%|procent|percent|per cent)|(?P<half>hälften|halva|half)\b",
    re.IGNORECASE,
)

# words that make a sum the call's whole pot
_BUDGET_CUES = re.compile(
    r"\banslag(?:et)?\b|budget(?:en)? för utlysningen|utlysningens (?:preliminära |totala )?budget|(?:total|totala|sammanlagd)"
    r"(?:a)? (?:bidrags|utlysnings|stöd)?budget(?:en)?|bidragsbudget|\butlyser\b|\butlysta\b|utlysningen omfattar|omfatta[rs]?\b|förfogar över|"
    r"\btotalt\b|\bsammanlagt\b|\bi potten\b|avsätter|avsatt|avsatta|finns att (?:söka|fördela)|fördelas|"
    r"att fördela|budget(?:en)? (?:är|på|om)|(?:totala|sammanlagda) stödbelopp(?:et)?|(?:totala|sammanlagda) (?:stödet|bidraget)|ramen|\btotal\b|in total|a total of|budget for|budget of|"
    # an initiative by its size: "En kultursatsning på 500 000 kronor ska ge stöd åt ...", "regeringens satsning om 100 miljoner"
    # ... and a call by its size: "genom en öppen utlysning på 500 000 kronor till organisationer"
    r"\b[\wåäö]*(?:satsning|utlysning)(?:en)?\s+(?:på|om)\b|"
    r"budget is|call budget|call's budget|budget includes|skjuter till|satsar|\binvesterar\b|\binvests\b|i denna utlysning finns|för alla delutlysningar|"
    # "Preliminär fördelning är 5 miljoner kronor per år", "får disponera omkring 11 miljoner kronor årligen"
    # a pot changed, announced or paid out: "minskades stödet till 750 miljoner", "har regeringen
    # aviserat 600 miljoner kronor årligen", "planerar ... att betala ut drygt 20 miljoner", "I år finns 1,2 miljarder"
    r"\b(?:minskades|ökades|höjdes|sänktes|utökades|minskas|ökas|höjs|sänks|utökas)\b|\baviser\w*|"
    # a lender's or a funder's whole pot in the infinitive: "kommer Almi att kunna låna ut 1,2 miljarder", "i uppdrag att
    # under perioden 2016-2019 fördela 25 miljoner kronor per år"
    r"\batt\s+(?:betala ut|dela ut)\b|\blåna\s+ut\b|\bfördela\b|\bfinns\s+(?:det\s+)?(?:cirka\s+|ca\.?\s+|drygt\s+|omkring\s+|totalt\s+)?$|"
    # "en sammanlagd summa på 9 974 000 kronor", "det totala beloppet är"
    r"\b(?:sammanlagd|sammanlagda|total|totala)\s+(?:[\wåäö]+\s+)?(?:summa|summan|belopp|beloppet)\s+(?:är|på|om|av|of)\b|"
    # the budget of a year or of the offer: "Budgeten för 2027 är 3,2 miljoner kronor", "Budgeten för satsningen uppgår till"
    # (not a project's: "Budgeten för projektet är ...")
    r"\bbudget(?:en)?\s+för\s+(?:år\s+)?(?:(?:19|20)\d\d|[\wåäö]*(?:utlysning|satsning|program|omgång|erbjudande)\w*)\s+"
    r"(?:är|på|om|uppgår till)\b|"
    r"preliminary budget|(?:tillgänglig|available)\s+budget\w*|\bfördelning(?:en)?\s+(?:är|på|om|blir)\b|\bdisponera\w*",
    re.IGNORECASE,
)
# words that make a sum what one project (company, applicant) can get
_GRANT_CUES = re.compile(
    r"per projekt|per företag|per sökande|per ansökan|per check|per part|varje projekt|ett projekt|projekten? kan|"
    # the sum of each grant: "Varje stöd är på 40 000 kronor", "fyra stöd ... á 40 000 kronor vardera" (a unit price)
    r"\bvarje\s+(?:enskil[dt]\s+)?[\wåäö]*(?:stöd|bidrag|check|lån)(?:et|en)?\b|\beach\s+(?:grant|award|cheque|check)\b|"
    r"(?<![\wåäö])[áà](?![\wåäö])|"
    r"\bhögst\b|\bmax(?:imalt|imum|imal)?\b|upp till|up to|som mest|kan (?:ni |du )?(?:söka|få|beviljas|ansöka)|"
    r"ansöka om|kan sökas|"
    # "mellan"/"between" only as the start of a range of sums ("mellan ca 100 000 och 200 000 kr"), not between two parts
    # ("fördelningen mellan projekt och företagsstöd skulle vara 25,5 miljoner kronor till ...")
    r"\b(?:mellan|between)\s+(?:(?:ca\.?|cirka|omkring|about|around|approximately)\s+)?(?:sek\s+)?"
    r"(?:\d[\d\s.,]*(?:[a-zåäö]+\.?)?\s+(?:och|and|till|to)\s+(?:(?:ca\.?|cirka|omkring|about|around|approximately)\s+)?"
    r"(?:sek\s+)?)?$|"
    r"stödbelopp(?! är)|stödet uppgår|bidrag (?:på|om)|check(?:en)? (?:på|om)|"
    r"det högsta beloppet|\bhögsta\b|\bmaxbelopp\w*|\bmaximibelopp\w*|granted amount|grant amount|"
    # (not a total: "en sammanlagd summa på 9 974 000 kronor", see _BUDGET_CUES)
    r"(?<!sammanlagd )(?<!sammanlagda )(?<!total )(?<!totala )\b[\wåäö]*summa(?:n)? (?:är|på|om)|per project|per applicant|per company|each project|can apply for|apply for|"
    r"maximum of|at most|konsortier kan|i bidrag|maximera\w*|\btilldelas\b|\bbeviljas\b|"
    # a named grant as the subject: "Samordningsstödet är 70 000 kr per år", "Resebidraget är 10 000 kr per år"
    # ... "Checken är på 100 000 kronor", "Bidraget är om högst ..."
    r"(?<!totala )(?<!sammanlagda )(?<!hela )\b[\wåäö]*(?:stödet|bidraget|checken)\s+(?:är|uppgår till|blir|ligger på)"
    r"(?:\s+(?:på|om))?\s+$",
    re.IGNORECASE,
)
# the words that set a ceiling: after a floor ("Lägsta ... vilket kan ge ett bidrag på 30 000 kr")
# only one of these makes a later sum a maximum again
_CEILING_CUES = re.compile(r"\bhögst\b|\bhögsta\b|\bmax\w*|upp till|up to|som mest|at most|maximum", re.IGNORECASE)
# words right after a sum: "2 mkr per projekt", "10 mkr totalt", "7,4 miljoner kronor i avsatta pengar"
_POST_CUE = re.compile(
    # ("12,5 miljoner kronor per år av anslaget kommer att fördelas": a yearly sum is still the pot)
    r"\s*(?:(?:per år|om året|årligen|per year|a year|each year|annually)\s+)?"
    r"(?:(?P<grant>per (?:projekt|företag|sökande|ansökan|check|part|project|applicant|company)|"
    r"i bidrag per|i stöd per|each|in funding per)|(?P<budget>totalt|sammanlagt|i avsatta|avsatt|att fördela|för fördelning|satsas|avsätts|avsättas|fördelas|utlyses|"
    r"för alla|in total|för utlysningen|for the call|(?:is|are)\s+allocated|allocated|(?:av|ur) anslaget|"
    r"(?:kommer att|ska|skall) (?:fördelas|delas ut)))",
    re.IGNORECASE,
)
# a sum of money that is not funding: turnover, salaries, de-minimis ceilings
_NOT_FUNDING = re.compile(
    r"omsättning|årsomsättning|turnover|lön|salary|stödunderlag|eget arbete|"
    r"medfinansiering|har fördelats|fördelades|delades ut|betalades ut|utbetalades|were awarded|was awarded|"
    # a body's decision to grant named recipients ("Regionala utvecklingsnämnden beslutade idag att bevilja nio
    # utvecklingsprojekt en sammanlagd summa på ...", "Nämnden beslutar att bevilja Almi 500 000 kronor"): an award, not an offer
    r"\bbeslut(?:ade|ar|at)\s+(?:[\wåäö]+\s+){0,2}?att\s+bevilja\b|\bdecided\s+to\s+(?:grant|award)\b|"
    # a consultant's quote or fee is a cost ("lämna offert om max 20 000 kronor")
    r"\boffert\w*|arvode\w*|\btimpris\w*|sedan starten|\bfick\b|\bbeviljades\b|\bhar (?:fått|beviljats)\b|\breceived\b|projektbudget\w*|projektets (?:totala )?budget|project budget",
    re.IGNORECASE,
)
# a floor, not a ceiling: "Lägsta nivå för stöd är 100 000 kronor", "minimum amount is SEK 2 million"
_FLOOR_CUES = re.compile(r"\blägsta\b|\bminsta\b|\bminst\b|\bminimum\b|\blowest\b|\bat least\b", re.IGNORECASE)
_SHARE_OF_BUDGET = re.compile(r"(?:%|procent|percent|per cent)\s+(?:of|av)\s+(?:the\s+)?(?:total\s+)?"
                              r"(?:projektbudget\w*|projektets (?:totala )?budget|project(?:'s)? (?:total )?budget)",
                              re.IGNORECASE)
_NOT_FUNDING_BEFORE = re.compile(r"försumbart stöd|de minimis", re.IGNORECASE)
# "ett sammanlagt belopp om högst 3 miljoner kronor": the whole pot, though "högst" follows
_TOTAL_CAP = re.compile(r"(?:sammanlagt|sammanlagd\w*|totalt|total\w*|in total)\s+(?:\w+\s+){0,3}(?:högst|max\w*|upp till|up to)\s*$",
                        re.IGNORECASE)
# a threshold right before the sum: "beviljas över 300 000 kronor", "projects above SEK 1 million"
_ABOVE = re.compile(r"\b(?:över|mer än|more than|above|exceeding|överstiger|overstigande)\s+(?:sek\s+)?$", re.IGNORECASE)
# the investment or the costs as the subject of the sum ("hela investeringen är max 25 miljoner")
_INVESTMENT_SIZE = re.compile(r"\b(?:investering\w*|investment\w*|kostnad\w*|total cost\w*)\s+(?:är|får vara|kan vara|uppgår till|"
                              r"is|may be|must be)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_GRANT_SUBJECT = re.compile(r"\b(?:projekt\w*bidrag\w*|bidraget|stödet|checken|lånet|projektstöd\w*)\s+(?:\w+\s+){0,2}$",
                            re.IGNORECASE)
_EXPENSE_SUBJECT = re.compile(r"\b(?:utgift\w*|investeringen|investeringarna)\s+(?:\w+\s+)?(?:uppgår|är|får|ska|måste|kan)\b",
                              re.IGNORECASE)
# a sum that is preferred, not capped: "Ansökningar upp till 30 000 kronor prioriteras", "Vi prioriterar
# ansökningar under 50 000 kr", "applications below SEK 1 million will be prioritised"
_PREFERRED_AFTER = re.compile(r"^[^.;:]{0,30}?\b(?:prioriteras|prioriterade?s?|ges\s+(?:förtur|företräde|prioritet)|har\s+"
                              r"(?:förtur|företräde)|(?:is|are|will be)\s+(?:prioriti[sz]ed|given priority|preferred))\b",
                              re.IGNORECASE)
_PREFERRED_BEFORE = re.compile(r"\b(?:prioriterar|prioriteras|prioritize|prioritise|give priority to|ger\s+(?:förtur|företräde))"
                               r"\s+(?:[\wåäö-]+\s+){0,3}$", re.IGNORECASE)
# a sum in euro: the record keeps SEK only
_EURO_BEFORE = re.compile(r"(?:\beur|€)\s*$", re.IGNORECASE)
_EURO_AFTER = re.compile(r"^\s*(?:€|euro\b|eur\b)", re.IGNORECASE)


# a report of one named body's application, as committee minutes and decision material print it ("Almi Företagspartner
# Mälardalen AB ansöker om 18 procent av projektets bokförda kostnader, dock högst 2 250 000 kronor ... under perioden
# 2024-02-01—2027-01-31", "Nu ansöker UF om ett verksamhetsstöd på totalt 1 100 000 kronor"): the sums and dates after
# the verb are that application's, not the call's. A general subject ("Du ansöker om", "Företaget ansöker om", "När ni
# ansöker om") describes how one applies, so it is no report.
_FUNCTION_WORD = (r"(?:du|ni|man|vi|jag|den|det|de|dessa|denna|detta|en|ett|alla|varje|you|we|they|the|an?|när|om|if|"
                  r"when|innan|efter|hur|som|att|där|så|för|i|med|till|who|which|that)")
_GENERAL_SUBJECT = (rf"(?:{_FUNCTION_WORD}|sökande\w*|företag\w*|organisation\w*|projekt\w*|kommun(?:en|erna)?|"
                    r"region(?:en|erna)?|förening\w*|aktör\w*|stöd\w*|bidrag\w*|applicants?|compan(?:y|ies))")
_NAMED_BODY = rf"(?!{_GENERAL_SUBJECT}\b)[A-ZÅÄÖ][\w&.()-]*(?:\s+(?!{_FUNCTION_WORD}\b)[\w&.()-]+){{0,6}}?"
_APPLIES = r"(?:ansöker|har\s+ansökt|ansökte|söker|har\s+sökt|applies|has\s+applied|applied)"
_ONE_APPLICATION = re.compile(
    r"(?:^|(?<=[.!?:])\s+)(?:(?:här|därför|i dag|idag|även|here)\s+)?"
    rf"(?:{_NAMED_BODY}\s+{_APPLIES}|(?:nu|now|därför|här)\s+{_APPLIES}\s+(?-i:{_NAMED_BODY}))"
    r"\s+(?:hos\s+[\wåäö ]+?\s+)?(?:om|for)",
    re.IGNORECASE,
)


def reports_one_application(text: str) -> re.Match | None:
    """The words of ``text`` that report one named body's application ("Linköpings universitet ansöker om"), if any."""
    return _ONE_APPLICATION.search(text)


@dataclass(frozen=True)
class Amount:
    """A sum in whole kronor; ``low`` is the lower end of a range ("50 000–250 000 kr")."""

    value: int
    raw: str
    start: int
    end: int
    kind: str | None = None  # "budget", "max_grant" or None (no telling words)
    low: int | None = None
    funding: bool = True  # False for turnover, salaries, de-minimis ceilings


@dataclass(frozen=True)
class Share:
    """A share of the costs in percent: "upp till 50 procent av kostnaderna" → 50."""

    percent: float
    raw: str
    start: int
    end: int


def _number(text: str, unit_mult: int) -> float | None:
    text = text.strip().lower()
    if text in _WORD_VALUES:
        return float(_WORD_VALUES[text])
    text = text.replace("\u00a0", " ").replace("\u202f", " ")
    if " " in text:
        return float(text.replace(" ", ""))
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", text) or re.fullmatch(r"\d{1,3}(?:,\d{3})+", text):
        # "1.000.000" / "1,000,000": thousands separators — unless a million-word follows
        # ("1,500 miljoner" would be odd; "1,5 miljoner" has one decimal and never gets here)
        if unit_mult == 1 or text.count(",") + text.count(".") > 1:
            return float(re.sub(r"[.,]", "", text))
    return float(text.replace(",", "."))


def _multiplier(unit: str | None) -> int | None:
    if not unit:
        return None
    unit = " ".join(unit.split())
    for pattern, mult in _UNIT_RE:
        if pattern.match(unit):
            return mult
    return None


def _kind(text: str, start: int, end: int, prev_end: int) -> tuple[str | None, bool]:
    """Budget or max grant, from the words just before the sum (back to the previous sum or the
    sentence start) and just after it ("2 mkr per projekt", "10 mkr totalt")."""
    sentence_start = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start), prev_end, 0)
    before = text[sentence_start:start]
    after_match = re.match(r"[^.;\n]{0,40}", text[end:])
    after = after_match.group(0) if after_match else ""
    # "... 1,8 miljoner kronor) under 3 år i försumbart stöd" is a ceiling; "150 000 kr (Försumbart
    # stöd)" in a list of offers only names the kind of aid
    de_minimis_after = _NOT_FUNDING_BEFORE.search(after) and not re.match(r"\s*\((?:försumbart stöd|de minimis)", after,
                                                                            re.IGNORECASE)
    # "up to 90 % of the project budget, up to a maximum of 900,000 SEK": the project's budget as what a
    # share is of names no sum, so it does not make the sum after it the project's own budget
    funding = not (_NOT_FUNDING.search(_SHARE_OF_BUDGET.sub(" ", before[-80:])) or _NOT_FUNDING_BEFORE.search(before[-80:])
                   or _NOT_FUNDING.search(after[:30]) or de_minimis_after
                   # "Vinnova's funding for system demonstrators ... such subsequent projects ... a maximum of SEK 20
                   # million per project": the sums of a later effort, not of this call
                   or re.search(r"\b(?:subsequent|efterföljande|följdprojekt\w*)\b", before, re.IGNORECASE)
                   # "Högsta kostnad är 125 000 kr": a cost, not what the funder gives
                   or re.search(r"kostnad\w*\s+(?:\w+\s+){0,2}$", before[-40:], re.IGNORECASE)
                   # "Kostnaderna kan uppgå till maximalt 100 000 kr": the costs are the subject
                   or re.search(r"^\W*kostnad\w*\s+(?:(?!stöd|bidrag|grant|funding)[\wåäö]+\s+){0,4}$", before,
                                re.IGNORECASE)
                   # "där hela investeringen är max 25 miljoner": the size of the investment, not the aid
                   or _INVESTMENT_SIZE.search(before[-60:])
                   # "med investeringar upp till 60 000 kr": the size of the investment
                   or re.search(r"\b(?:investering|kostnad|utgift)\w*\s+(?:på\s+|om\s+)?(?:upp till|högst|max\w*|om|på)\s+$",
                                before[-50:], re.IGNORECASE)
                   # "... mindre än 100 000 kronor i stödberättigande utgifter": a sum of expenditure
                   or re.match(r"\s*i\s+(?:\w+\s+)?(?:utgifter|kostnader)\b", after, re.IGNORECASE))
    # the sums of one named body's application, reported in minutes ("Linköpings universitet ansöker om 6 procent av
    # projektets kostnader, dock högst 700 000 kronor"), are no call's
    application = reports_one_application(text[max(text.rfind(". ", 0, start), text.rfind("\n", 0, start), start - 300, 0):start])
    if application is not None:
        funding = False
    # the expenditure or cost as the subject of the sentence, past earlier sums ("där de godkända
    # utgifterna uppgår till minst 40 000 kr och högst 60 000 kr"), unless aid is named after it
    whole_sentence = text[max(text.rfind(". ", 0, start), text.rfind("\n", 0, start), start - 200, 0):start]
    subject = None
    for found in _EXPENSE_SUBJECT.finditer(whole_sentence):
        subject = found
    if subject is not None and not re.search(r"\b(?:stöd\w*|bidrag\w*|grant|funding|aid)\b", whole_sentence[subject.end():],
                                             re.IGNORECASE):
        funding = False
    # the sentence before the sum, past earlier sums (a floor governs them all), bounded so that a
    # text of a thousand sums is not scanned a thousand times from its start
    whole = text[max(text.rfind(". ", 0, start), text.rfind("\n", 0, start), start - 300, 0):start]
    floors = list(_FLOOR_CUES.finditer(whole))
    if _PREFERRED_AFTER.match(after) or _PREFERRED_BEFORE.search(before[-80:]):
        return None, funding  # a preference for small applications is no ceiling
    if floors and not _CEILING_CUES.search(whole, floors[-1].end()) and not _BUDGET_CUES.search(
            whole[max(0, floors[-1].start() - 25):floors[-1].start()]) and not _POST_CUE.match(after):
        return "floor", funding  # "Lägsta kostnad är 37 500 kr vilket kan ge ett bidrag på 30 000 kr"
    if _ABOVE.search(before) and not re.search(r"\bförfoga\w*\s+(?:\w+\s+){0,2}över\s+$", before, re.IGNORECASE):
        # ("förfogar länsstyrelserna över 51 miljoner" disposes of a pot)
        return "floor", funding  # "Alla projekt som beviljas över 300 000 kronor måste ...": a threshold
    if _TOTAL_CAP.search(before):
        return "budget", funding
    cues = []
    for m in _BUDGET_CUES.finditer(before):
        if re.match(r"omfatta", m.group(0), re.IGNORECASE) and _GRANT_SUBJECT.search(before[:m.start()]):
            continue  # "Projektbidrag kan maximalt omfatta 1,5 miljoner": what one project gets
        cues.append((m.end(), "budget"))
    for m in _GRANT_CUES.finditer(before):
        cues.append((m.end(), "max_grant"))
    # words right after the sum are closer than anything before it
    post = _POST_CUE.match(after)
    if post:
        return ("max_grant" if post["grant"] else "budget"), funding
    for m in _FLOOR_CUES.finditer(before):
        # "The budget is at least 10 million": a budget with a floor is still the budget
        kind = "budget" if _BUDGET_CUES.search(before[max(0, m.start() - 25):m.start()]) else "floor"
        cues.append((m.end(), kind))
    if cues:
        return max(cues)[1], funding
    return None, funding


def find_amounts(text: str) -> list[Amount]:
    """Every sum of money in SEK in ``text`` (percentages and bare numbers are not sums)."""
    if not text:
        return []
    result: list[Amount] = []
    prev_end = 0
    for m in _AMOUNT.finditer(text):
        u1, u2 = m["u1"], m["u2"]
        currency_first = bool(m["cur1"] or m["cur2"])
        mult1 = _multiplier(u1)
        mult2 = _multiplier(u2)
        if m["cur1"] and m["cur1"].strip().lower() == "msek":
            mult1 = mult1 or 10**6
        if mult1 is None and mult2 is None and not currency_first:
            continue  # a bare number: a year, a count, a programme number
        if not currency_first and any(u and u.strip().lower() in ("m", "mn", "bn") for u in (u1, u2)):
            continue  # "10 m", "5 mn": not money without "SEK" before it
        if m["n2"] is None and mult1 is None and not currency_first:
            continue
        # a range shares the unit of its last number ("50 000–250 000 kr", "SEK 2 and 10 million")
        shared = mult2 or mult1 or 1
        first_mult = mult1 or shared
        try:
            v1 = _number(m["n1"], first_mult)
            v2 = _number(m["n2"], shared) if m["n2"] else None
        except ValueError:
            continue
        # a run of thousands of digits is no sum (its float is infinite): skip it, do not raise
        if v1 is None or math.isinf(v1) or (v2 is not None and math.isinf(v2)):
            continue
        if m["n2"] and mult1 is None and mult2 is None and not currency_first:
            continue
        low = None
        value = round(v1 * first_mult)
        if v2 is not None:
            high = round(v2 * shared)
            low, value = min(value, high), max(value, high)
        if value <= 0:
            continue
        if _EURO_BEFORE.search(text[max(0, m.start() - 5):m.start()]) or _EURO_AFTER.match(text[m.end():m.end() + 6]):
            continue
        kind, funding = _kind(text, m.start(), m.end(), prev_end)
        if low is not None and kind is None:
            kind = "max_grant"  # "Ni kan söka mellan 300 000 kr och 1 500 000 kr"
        start = m.start("cur1") if m["cur1"] else m.start("n1")
        result.append(Amount(value, text[start:m.end()].strip(), start, m.end(), kind, low, funding))
        prev_end = m.end()
    return result


def parse_amount(text: str) -> int | None:
    """The first sum of money in ``text``, in whole kronor."""
    amounts = find_amounts(text)
    return amounts[0].value if amounts else None


def find_shares(text: str) -> list[Share]:
    """Shares of the costs: "50 procent" → 50.0, "hälften" → 50.0."""
    shares = []
    for m in _SHARE.finditer(text or ""):
        pct = 50.0 if m["half"] else float(m["n"].replace(",", "."))
        if 0 < pct <= 100:
            shares.append(Share(pct, m.group(0), m.start(), m.end()))
    return shares


def budget_and_max_grant(text: str, default: str | None = None) -> tuple[int | None, int | None]:
    """(budget_sek, max_grant_sek) of a call: the largest sum its words call the whole budget, and
    the largest sum they tie to one project. ``default`` ("budget" or "max_grant") reads sums
    with no telling words; without it they are left out."""
    budget = grant = None
    for a in find_amounts(text):
        if not a.funding:
            continue
        kind = a.kind or default
        if kind == "budget":
            budget = max(budget or 0, a.value)
        elif kind == "max_grant":
            grant = max(grant or 0, a.value)
    if budget is not None and grant is not None and grant > budget:
        # a project cannot get more than the whole call: the words were misleading
        grant = None
    return budget, grant
