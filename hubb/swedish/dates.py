"""Dates, times, periods and deadline sentences in Swedish (and English) text.

Public functions:

- ``find_dates(text, ref=None) -> list[DateMatch]`` — every date mentioned, in order, with its span and
  the text as printed: "19 mars 2024", "den 25 augusti 2023", "19 dec. 2025", "24 mars 2026 kl 14:00",
  "2024-05-20", "12/3", "12:e september", "15 January 2027", "January 15, 2027".
- ``parse_date(text, ref=None) -> date | datetime | None`` — the first date of ``text``; a datetime
  (aware, Europe/Stockholm) when a time follows ("kl 14:00", "kl. 14.00", "at 2 pm").
- ``parse_time(text) -> time | None`` — "kl 14:00", "kl. 14.00", "klockan 14", "14:00", "2 pm".
- ``infer_year(month, day, ref) -> int`` — the year of a date printed without one: the occurrence
  nearest to the reference date.
- ``parse_period(text, ref=None) -> Period | None`` — a season, month or year as a date range:
  "våren 2026", "hösten 2025", "sommar 2024", "augusti 2026", "under 2024", "spring 2026".
- ``parse_deadline(text, ref=None) -> Deadline`` — a status line or free-text deadline sentence to
  (deadline, opens, status): "Stängd 19 mars 2024", "Stänger 12 december 2026", "Öppnar 12 augusti
  2026", "Sista ansökningsdag är 31 maj 2022.", "Sök senast den 25 augusti 2023.", "Ansökan är öppen
  fram till och med den 25 augusti 2023.", "Utlysningen är öppen 21 november-12 december",
  "Stödet är pausat under 2024", "Det går bra att söka under hela året" / "löpande" → rolling.

``ref`` is the date a text was read (defaults to ``hubb.clock.today()``): it fills in missing years
and decides whether a bare deadline has passed. The raw text is always kept; a time that will not
parse keeps the date and adds a warning (Open States' rule: never lose the date over the time).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta

from hubb import clock
from hubb.clock import TZ
from hubb.swedish.amounts import reports_one_application
from hubb.vocab import Status

# --- month and number words -------------------------------------------------------------------

_MONTHS_SV = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
              "oktober", "november", "december")
_MONTHS_EN = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
              "october", "november", "december")

MONTHS: dict[str, int] = {}
for _i, (_sv, _en) in enumerate(zip(_MONTHS_SV, _MONTHS_EN, strict=True), start=1):
    MONTHS[_sv] = MONTHS[_en] = _i
    MONTHS[_sv[:3]] = MONTHS[_en[:3]] = _i
MONTHS.update({"sept": 9, "okt": 10, "mars": 3, "maj": 5})

# longest first, so "september" wins over "sep"
_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
_MONTH = rf"(?P<month>{_MONTH_ALT})\.?"
_DAY = r"(?P<day>[0-3]?\d)(?::?[ae]|st|nd|rd|th)?"  # "12:e", "1:a", "1st"
_YEAR = r"(?P<year>(?:19|20)\d\d)"

# "kl 14:00", "kl. 14.00", "klockan 14", "kl 14", "at 14:00", "at 2 pm", "14:00"
_CLOCK = (r"(?:(?:klockan|kl\.?|at(?=\s+\d))\s*(?P<clock>[^\s,;)]*[^\s,;).](?:\s*(?:am|pm|a\.m\.|p\.m\.))?)"
          r"|(?P<bare>[012]?\d[:.][0-5]\d)(?!\d))")

_SV_DATE = re.compile(
    rf"(?<![\d/])(?:(?<![\wåäö])den\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}(?:\s*,?\s*(?:år\s+)?{_YEAR})?(?![\wåäö])"
    rf"(?:\s*,?\s*(?:{_CLOCK}))?",
    re.IGNORECASE,
)
_EN_DATE = re.compile(
    rf"(?<![\wåäö]){_MONTH}\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?:\s*,\s*|\s+){_YEAR}(?!\d)"
    rf"(?:\s*,?\s*(?:{_CLOCK}))?",
    re.IGNORECASE,
)
_ISO_DATE = re.compile(
    r"(?<!\d)(?<!\d-)(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?!\d)(?!-\d)"
    r"(?:(?:T|\s+|\s*,?\s*kl\.?\s*)(?P<clock>[012]\d[:.][0-5]\d)(?::\d\d)?)?",
    re.IGNORECASE,
)
# "12/3", "12/3 2024", "12/3-2024", "12/03/2024" — day first, as Swedes write them
_SLASH_DATE = re.compile(
    r"(?<![\d/.])(?P<day>[0-3]?\d)/(?P<month>[01]?\d)(?:(?:\s+|-|/)(?P<year>(?:19|20)\d\d))?(?![\d/])",
)

# "8.1.2018", "15.04.2024": day, month and year with dots, as Finland-Swedish pages write them (the
# year is required: a dotted pair alone is as often "1.5 miljoner" or "kl. 14.00")
_DOTTED_DATE = re.compile(
    r"(?<![\d.,])(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.(?P<year>(?:19|20)\d\d)(?![\d.]\d)",
)

# "Ansökningstiden ... är 15.3-15.04 varje år": a range of two dotted day.month pairs, read only in a sentence about an
# application period and with no unit after it (a single pair, or a range of sums "1.5-2.5 miljoner", stays a number)
_DOTTED_PAIR_RANGE = re.compile(
    r"(?<![\d.,])(?P<d1>[0-3]?\d)\.(?P<m1>[01]?\d)\.?\s*(?:-|–)\s*(?P<d2>[0-3]?\d)\.(?P<m2>[01]?\d)\.?(?![\d,]|\.\d)"
    r"(?!\s*(?:%|procent|percent|miljon\w*|milj\w*|miljard\w*|million\w*|mkr|msek|tkr|kr\b|kronor|sek\b|euro|eur\b|[a-zåäö]?m\b|"
    r"timm\w*|h\b|tim\b))",
    re.IGNORECASE,
)
_APPLICATION_PERIOD = re.compile(r"\bansökningstid\w*|\bansökningsperiod\w*|\bansökningsomgång\w*|\bapplication period\w*|"
                                 r"\b(?:kan|går att)\s+(?:an)?sökas\b|\bansökan\s+(?:är\s+)?öppen\b", re.IGNORECASE)

_DMY_ABBR = re.compile(r"(?<![\w-])(?P<day>[0-3]?\d)-(?P<month>[A-Za-z]{3})-(?P<year2>\d\d)(?![\w-])")

_NUMBER_WORDS = {"ett": 1, "en": 1, "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7,
                 "åtta": 8, "nio": 9, "tio": 10, "elva": 11, "tolv": 12, "one": 1, "two": 2,
                 "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                 "ten": 10}


@dataclass(frozen=True)
class DateMatch:
    """One date found in a text."""

    value: date | datetime
    raw: str
    start: int
    end: int
    has_year: bool = True
    warning: str | None = None
    #: a month named without a day ("stänger i november 2018"): its last day, for a closing cue
    period_end: date | None = None


@dataclass(frozen=True)
class Period:
    """A stretch of time named instead of a date: a season, a month, a year."""

    start: date
    end: date
    raw: str


@dataclass
class Deadline:
    """What a deadline sentence or status line says."""

    raw: str
    deadline: date | datetime | None = None
    opens: date | None = None
    status: Status | None = None
    warnings: list[str] = field(default_factory=list)


# --- time ---------------------------------------------------------------------------------------

_TIME = re.compile(
    r"^(?P<h>[012]?\d)(?:[:.](?P<m>[0-5]\d))?\s*(?P<ampm>am|pm|a\.m\.|p\.m\.)?$", re.IGNORECASE
)


def parse_time(text: str) -> time | None:
    """A clock time: "14:00", "14.00", "14", "2 pm"; "kl"/"klockan"/"at" may precede. None if unreadable."""
    text = re.sub(r"^(?:klockan|kl\.?|at)\s*", "", text.strip(), flags=re.IGNORECASE).rstrip(".")
    m = _TIME.match(text)
    if not m:
        return None
    hour, minute = int(m["h"]), int(m["m"] or 0)
    ampm = (m["ampm"] or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if hour == 24 and minute == 0:
        # "kl 24:00" is the end of the day
        return time(23, 59)
    if hour > 23:
        return None
    return time(hour, minute)


def infer_year(month: int, day: int, ref: date) -> int:
    """The year that puts day/month nearest to ``ref`` (a page read in December that says
    "15 januari" means next January; one read in February that says "20 december", last December)."""
    best = None
    for year in (ref.year - 1, ref.year, ref.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        distance = abs((candidate - ref).days)
        if best is None or distance < best[0]:
            best = (distance, year)
    return best[1] if best else ref.year


def _month_number(word: str) -> int | None:
    word = word.lower().rstrip(".")
    if word.isdigit():
        n = int(word)
        return n if 1 <= n <= 12 else None
    return MONTHS.get(word)


def _build(m: re.Match, ref: date) -> DateMatch | None:
    month = _month_number(m["month"])
    day = int(m["day"])
    if month is None or not 1 <= day <= 31:
        return None
    has_year = m["year"] is not None
    year = int(m["year"]) if has_year else infer_year(month, day, ref)
    try:
        value: date | datetime = date(year, month, day)
    except ValueError:
        return None
    warning = None
    groups = m.groupdict()
    clock_text = groups.get("clock") or groups.get("bare")
    end = m.end()
    if clock_text:
        parsed = parse_time(clock_text)
        if parsed is None:
            warning = f"unreadable time {clock_text!r} after {m.group(0)[:40]!r}: kept the date"
            # the date stands without the unreadable part
            end = m.start("clock") if groups.get("clock") else m.start("bare")
        else:
            value = datetime.combine(value, parsed, tzinfo=TZ)
    raw = m.string[m.start():end].strip().rstrip(",")
    return DateMatch(value, raw, m.start(), m.start() + len(raw), has_year, warning)


def find_dates(text: str, ref: date | None = None) -> list[DateMatch]:
    """Every date in ``text``, in reading order (overlaps resolved in favour of the longer match)."""
    if not text:
        return []
    ref = ref or clock.today()
    found: list[DateMatch] = []
    for pattern in (_SV_DATE, _EN_DATE, _ISO_DATE, _SLASH_DATE, _DOTTED_DATE):
        for m in pattern.finditer(text):
            if pattern is _SLASH_DATE and _looks_like_fraction(text, m):
                continue
            dm = _build(m, ref)
            if dm is not None:
                found.append(dm)
    if _APPLICATION_PERIOD.search(text):
        for m in _DOTTED_PAIR_RANGE.finditer(text):
            pair = []
            for d, mo, start, end in ((m["d1"], m["m1"], m.start("d1"), m.end("m1")), (m["d2"], m["m2"], m.start("d2"), m.end("m2"))):
                day_n, month_n = int(d), int(mo)
                try:
                    pair.append(DateMatch(date(infer_year(month_n, day_n, ref), month_n, day_n), text[start:end], start, end,
                                          False))
                except ValueError:
                    break
            if len(pair) == 2:
                found.extend(pair)
    for m in _DMY_ABBR.finditer(text):
        month = MONTHS.get(m["month"].lower())
        try:
            value = date(2000 + int(m["year2"]), month, int(m["day"])) if month else None
        except ValueError:
            value = None
        if value is not None:
            found.append(DateMatch(value, m.group(0), m.start(), m.end()))
    found.sort(key=lambda d: (d.start, -(d.end - d.start)))
    result: list[DateMatch] = []
    for dm in found:
        if result and dm.start < result[-1].end:
            continue
        result.append(dm)
    return result


def _looks_like_fraction(text: str, m: re.Match) -> bool:
    # "1/3 av finansieringen" is a share, not the 1st of March
    if m.group(0) == "24/7":
        return True  # "öppet 24/7": round the clock
    after = text[m.end():m.end() + 12].lower()
    return bool(re.match(r"\s*(?:av|of|del)\b", after)) or bool(re.match(r"\s*(?:procent|%)", after))


def parse_date(text: str, ref: date | None = None) -> date | datetime | None:
    """The first date of ``text`` (a datetime when a readable time follows), else None."""
    dates = find_dates(text, ref)
    return dates[0].value if dates else None


# --- periods --------------------------------------------------------------------------------------

# Seasons as Swedish public bodies use them: by term ("våren" = the spring term, January–June;
# "hösten" = August–December), which is what "beslut fattas i vår" or "öppnar hösten 2025" mean.
_SEASONS = {
    "vår": (1, 1, 6, 30), "våren": (1, 1, 6, 30), "spring": (3, 1, 5, 31),
    "sommar": (6, 1, 8, 31), "sommaren": (6, 1, 8, 31), "summer": (6, 1, 8, 31),
    "höst": (8, 1, 12, 31), "hösten": (8, 1, 12, 31), "autumn": (9, 1, 11, 30), "fall": (9, 1, 11, 30),
    "vinter": (12, 1, 2, 28), "vintern": (12, 1, 2, 28), "winter": (12, 1, 2, 28),
}
_SEASON = re.compile(
    r"\b(?P<season>våren|vår|sommaren|sommar|hösten|höst|vintern|vinter|spring|summer|autumn|fall|winter)"
    r"(?:en)?\s+(?:of\s+)?(?P<year>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_MONTH_YEAR = re.compile(rf"(?<![\d\wåäö]){_MONTH}\s+{_YEAR}\b", re.IGNORECASE)
_MONTH_SPAN = re.compile(rf"(?<![\d\wåäö])(?P<m1>{_MONTH_ALT})\.?\s*(?:-|–|—|till)\s*(?P<m2>{_MONTH_ALT})\.?\s+{_YEAR}\b",
                         re.IGNORECASE)
_YEAR_ONLY = re.compile(r"\b(?:under|i|during|in|för|hela)\s+(?:år\s+)?(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE)


def _last_day(year: int, month: int) -> date:
    return (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1))


def _end_of_month(m: re.Match) -> str:
    """"vid utgången av november 2021" with the month's last day: "vid 30 november 2021"."""
    month = _month_number(m["month"])
    if month is None:  # not reached: the pattern takes only the names in MONTHS
        return m.group(0)
    # ("före utgången av mars" is by the month's end: the last day itself still counts, so no "före" before it)
    word = "senast" if m.group(1).lower() in ("före", "innan") else m.group(1)
    return f"{word} {_last_day(int(m['year']), month).day} {m['month']} {m['year']}"


def parse_period(text: str, ref: date | None = None) -> Period | None:
    """A season, month or year named in ``text`` as a date range, else None."""
    m = _SEASON.search(text)
    if m:
        season = m["season"].lower()
        sm, sd, em, ed = _SEASONS[season]
        year = int(m["year"])
        start = date(year, sm, sd)
        end_year = year + 1 if em < sm else year
        end = _last_day(end_year, em) if ed >= 28 else date(end_year, em, ed)
        return Period(start, end, m.group(0))
    # "februari-mars 2021": from the first month's start to the last month's end
    m = _MONTH_SPAN.search(text)
    if m:
        first, last = _month_number(m["m1"]), _month_number(m["m2"])
        if first and last and first <= last:
            year = int(m["year"])
            return Period(date(year, first, 1), _last_day(year, last), m.group(0))
    m = _MONTH_YEAR.search(text)
    if m and not find_dates(text[max(0, m.start() - 4):m.end()], ref):
        month = _month_number(m["month"])
        if month:
            year = int(m["year"])
            return Period(date(year, month, 1), _last_day(year, month), m.group(0))
    m = _YEAR_ONLY.search(text)
    if m:
        year = int(m["year"])
        return Period(date(year, 1, 1), date(year, 12, 31), m.group(0))
    return None


# --- deadlines ------------------------------------------------------------------------------------

_ROLLING = re.compile(
    r"\b(?:fort)?löpande\b|\bkontinuerligt\b|hela året|året runt|när som helst|alltid öppen|ingen (?:sista )?"
    r"ansökningsdag|inget sista datum|ingen deadline|rullande|\brolling\b|\bcontinuous(?:ly)?\b|"
    r"all year|any time|anytime|open-ended|no deadline",
    re.IGNORECASE,
)
_PAUSED = re.compile(
    # (not a limit on what one may apply for: "Det går inte att söka retroaktivt", "Stödet kan inte sökas för ...")
    r"\b(?:pausat?|pausad|vilande|stängt för ansökningar|"
    r"(?:inte möjligt att söka|går inte (?:längre )?att söka|kan inte sökas)"
    # ("Stödet går inte att söka för närvarande" is a closed offer)
    r"(?!\s+(?:[\wåäö]+\s+)?(?:retroaktivt|i efterhand|för(?!\s+(?:närvarande|tillfället))|till|om|av|med|hos|via)\b)|"
    r"är (?:nu |tillfälligt |för närvarande |just nu )?stängd|är (?:nu |tillfälligt |för närvarande |just nu )?stängt|"
    # "Vi tar inte emot ansökningar just nu", "We are not accepting applications at the moment": with a word of time (not
    # "Vi tar inte emot ansökningar via e-post", a channel)
    r"\b(?:tar|tas)\s+(?:inte|ej)\s+emot\s+(?:några\s+)?(?:nya\s+)?ansökningar\s+(?:just nu|för närvarande|i dagsläget|"
    r"för tillfället|längre|under \d{4})|"
    r"\bnot\s+(?:currently\s+)?(?:accepting|taking)\s+(?:new\s+)?applications\s+(?:at the moment|at this time|currently|"
    r"right now|any more|anymore)|"
    r"\b(?:is|are|has been|have been)\s+(?:currently\s+|temporarily\s+)?(?:paused|suspended|on hold)\b|"
    r"\bis\s+(?:now\s+|currently\s+|temporarily\s+)closed\b|"
    # "I dagsläget är medlen för investeringsstöd slut" (not "tills pengarna är slut")
    r"(?<!tills )(?<!till )(?<!dess )\b(?:medlen|pengarna|budgeten)\s+(?:för\s+[\wåäö-]+\s+)?(?:är|har tagit)\s+slut\b|"
    r"(?<!tills )(?<!till )(?<!dess )\bär\s+(?:nu\s+)?(?:medlen|pengarna|budgeten)\s+(?:för\s+[\wåäö-]+\s+)?slut\b|"
    r"har stängt|är (?:nu )?avslutad|upphört|deadline[^.]*(?:has )?expired|"
    # an offer ended before its time: "projektet Kompetenslyft Grön Industri avslutas i förtid"
    r"\bavslut(?:as|ades|ats)\s+i\s+förtid\b|\b(?:ended|terminated|closed)\s+(?:early|prematurely)\b|"
    r"closed for applications|no longer open|is closed|has closed)",
    re.IGNORECASE,
)
# a clause of time or condition before the closing words: "After the call has closed a confirmation
# ... will be sent", "När utlysningen har stängt skickas ...": a later step, not the call's status
_TIME_CLAUSE_BEFORE = re.compile(
    r"\b(?:after|when|once|until|if|när|efter\s+(?:det\s+)?att|tills)\s+(?:[\wåäö-]+\s+){0,3}$",
    re.IGNORECASE,
)


def _paused(text: str) -> bool:
    """Words that say the call is closed or paused, outside a clause of time ("after the call has closed")."""
    for m in _PAUSED.finditer(text):
        if not _TIME_CLAUSE_BEFORE.search(text[max(0, m.start() - 50):m.start()]):
            return True
    return False


# "löpande" that governs decisions ("fattar beslut löpande", "beviljar ... löpande"), not applications
_DECISION_BEFORE = re.compile(r"\b(?:beslut\w*|besked\w*|bevilja\w*|decisions?|decided)\s+(?:[\wåäö]+\s+)?$",
                              re.IGNORECASE)


# the handling of applications as the subject: "Handläggningen och beslut av ansökningarna sker kontinuerligt", "Bedömningen
# görs löpande": the agency works through applications continuously, which says nothing of when one may apply
_PROCESSING_SUBJECT = re.compile(r"^\W*(?:handläggning\w*|bedömning\w*|granskning\w*|prövning\w*|beredning\w*|"
                                 r"processing|assessment\w*|review\w*)\b", re.IGNORECASE)


def _rolling(text: str) -> bool:
    if _PROCESSING_SUBJECT.match(text):
        return False
    for m in _ROLLING.finditer(text):
        if m.group(0).lower().endswith(("löpande", "kontinuerligt")) and _DECISION_BEFORE.search(
                text[max(0, m.start() - 40):m.start()]):
            continue
        return True
    return False


# status lines of Tillväxtverket-style listings: "Stängd 19 mars 2024", "Stänger 12 december 2026"
_STATUS_WORD = re.compile(
    r"^\s*(?P<word>stängd|stängt|stänger|öppnar|öppen|öppet|closed|closes|closing|opens|opening|open)\b",
    re.IGNORECASE,
)
_OPENS_CUE = re.compile(
    # (an offer or project that started on a day: "Kompetenslyft Grön Industri startade 1 januari 2023 och var planerat att pågå
    # fram till 31 december 2025")
    r"\b(?:öppnar|öppnas|öppnade|öppen från|opens|opening|kan sökas från|går att söka från|från och med|"
    # "öppningsdatum ändrat till 13 februari", "Opening date: 4 September"
    r"öppningsdatum\w*|opening\s+date|"
    r"startade|startar|började|started|starts|began|"
    # "Stödet kan sökas igen 1 augusti 2024"
    r"(?:kan\s+)?(?:sökas|ansökas|söka|ansöka)\s+igen|"
    # "Utlysningen beräknas öppna i mars 2027", "planeras att öppna", "is expected to open on", "will open"
    r"(?:beräknas|planeras|väntas|förväntas|bedöms|kommer\s+att|ska|skall)\s+(?:att\s+)?öppna|(?:will|to)\s+open|"
    r"fr\.?o\.?m\.?|from)\b|"
    # "Från 15 januari kan regionala aktörer ansöka": "från" right before a date (not "räknat från")
    r"(?<!räknat )(?<!räknas )(?<!räknad )\bfrån(?=\s*$|\s+(?:och\s+med\s+)?(?:den\s+)?\d)",
    re.IGNORECASE,
)
_DEADLINE_CUE = re.compile(
    r"sista (?:ansöknings)?(?:dag|datum|tidpunkt)\w*|stopp-?datum\w*|senast|stänger|stängs|stängd|stängde|stänga|fram till|till och med|"
    r"t\.?o\.?m\.?|ska (?:vara|ha) (?:inne|inkommit|kommit in)|ansökningstiden (?:går ut|löper ut)|"
    r"ansökningsperiod|(?:öppen|öppet|öppna)\s+(?:\w+\s+)?(?:till|t\.?o\.?m\.?)|(?:sträcker sig|pågår|löper)\s+(?:fram\s+)?till|"
    r"avslutas|avslutades|\bslutar\b|deadline|closes|closing|close on|until|no later than|apply by|due|ended|ends\b|"
    # "Applications close 4 May 2027", "The call will close on ..."
    r"\b(?:applications?|calls?|submissions?|proposals?|will|to)\s+close\b|"
    # "Submit your application by 1 April 2027", "must be received by"
    r"\b(?:submit\w*|sen[dt]|received|apply|applications?)\s+(?:[\w']+\s+){0,3}?by\b|"
    # "Ansök före den 1 mars", "Ansökan måste vara inskickad innan 12 april": "före"/"innan" after applying (a bare "före" is
    # any time before: "Kostnader före 1 mars ersätts inte")
    r"\b(?:ansök\w*|sök|apply|applications?|skicka\w*\s+in|lämna\w*\s+in|inskickad\w*|inlämnad\w*|inkommen|inkommit|submit\w*)"
    r"\s+(?:[\wåäö]+\s+){0,4}?(?:före|innan|before|prior to)\b",
    re.IGNORECASE,
)
# "före"/"innan"/"before" right before the date (a weekday or "den" between): the day named is the first day too late
_BEFORE_THE_DAY = re.compile(r"\b(?:före|innan|before|prior to)\s+(?:(?:den|the|[a-zåäö]+dagen?)\s+){0,2}$", re.IGNORECASE)
_DAY_RANGE = re.compile(
    rf"(?<![\d/])(?P<d1>[0-3]?\d)\s*(?:-|–|—|och|till)\s*(?P<d2>[0-3]?\d)\s+(?P<month>{_MONTH_ALT})\b",
    re.IGNORECASE,
)
_END_OF_MONTH = re.compile(
    rf"(senast vid|vid|före|innan|by the end of|until the end of)\s+(?:utgången|slutet|end) av\s+"
    rf"(?P<month>{_MONTH_ALT})\s+(?P<year>(?:19|20)\d\d)",
    re.IGNORECASE,
)
_RANGE_SEP = re.compile(r"^\s*(?:-{1,2}|–|—|till och med|t\.?\s?o\.?\s?m\.?|till|to|until|through|och)\s*$", re.IGNORECASE)


_OPENS_AFTER = re.compile(r"\s*(?:öppnar|öppnas|opens)\b", re.IGNORECASE)
_CLOSES_AFTER = re.compile(r"\s*(?:stänger|stängs|closes|går ansökningstiden ut)\b", re.IGNORECASE)
_FROM_ONLY = re.compile(r"(?:från och med|fr\.?o\.?m\.?|from|från)$", re.IGNORECASE)
_FUNDING_WORD = re.compile(r"\b\w*(?:stöd|stödet|bidrag|bidraget|check|checken|checkar|finansiering|lån)\b|\bfunding\b|"
                           r"\bgrants?\b|\bsupport\b", re.IGNORECASE)
# "löpande" about applications, not about meetings or letters ("Dialogmöten bokas löpande")
_ABOUT_APPLYING = re.compile(r"ansök\w*|\bsök\w*|\bintag\w*|applic\w*|\bappl(?:y|ies)\b|\bopen\b|\böppe[nt]\b|"
                             r"utlysning\w*|erbjudande\w*|\bcall\w*|hela året|året runt|all year|any ?time|deadline",
                             re.IGNORECASE)

# a call said to be open, without dates
_OPEN_NOW = re.compile(
    # not in a clause of time or condition: "under den period som utlysningen är öppen"
    r"(?<!\bsom )(?<!\bnär )(?<!\bdå )(?<!\bmedan )(?<!\bom )(?<!\bwhile )(?<!\bwhen )"
    # ("Ansökningsomgången är öppen för ...", and the neuter "Erbjudandet är öppet för ...")
    r"\b(?:utlysningen|erbjudandet|ansökan|stödet|programmet|ansökningsomgången)(?:\s+(?:för|om|till)\s+[\wåäö-]+)?\s+är\s+"
    r"(?:nu\s+)?öppe[nt]\b(?!\s+(?:\w+\s+)?(?:till|t\.?o\.?m))|"
    r"\bär\s+(?:nu\s+)?öppen\s+för\s+ansökningar|\bnu öppen\b|\bis (?:now )?open\b|"
    # "Nu är det öppet för att ansöka om ...", "Programmet tar nu emot ansökningar", "is now accepting applications"
    r"\b(?:nu\s+är\s+det|det\s+är\s+nu)\s+öppet\s+(?:för\s+att\s+|att\s+)?(?:an)?söka\b|\btar\s+nu\s+emot\s+ansökningar\b|"
    r"\bnow\s+accept(?:s|ing)\s+(?:\w+\s+)?applications\b",
    re.IGNORECASE,
)
# a funder opening a call, in the present tense and with no time named ("Vinnova opens a call for proposals for the
# conversion of an industry ...", "Nu öppnar vi en ny utlysning"): the call is open now; "öppnar utlysningen i mars",
# "opens a call later this year" name a time and are read as openings
_OPENS_A_CALL_NOW = re.compile(
    r"(?<!\bsom )(?<!\bnär )(?<!\bwhen )(?<!\bif )(?<!\bom )"
    r"\b(?:öppnar|opens)\s+(?:nu\s+|now\s+|vi\s+)?(?:(?:en|ett|a|an|the|sin|its|vår|our|nu)\s+)?(?:ny\s+|new\s+)?"
    r"(?:utlysning\w*|ansökningsomgång\w*|calls?\s+for\s+proposals?|call\b)",
    re.IGNORECASE,
)
_LATER = re.compile(r"\b(?:senare|snart|inom kort|framöver|nästa|kommande|later|soon|shortly|next|upcoming|"
                    r"i (?:vår|höst|sommar|vinter)|this (?:spring|summer|autumn|fall|winter))\b", re.IGNORECASE)
# dates that are never deadlines: a page footer, a system's downtime
_FOOTER_BEFORE = re.compile(r"(?:uppdaterad|ändrad|publicerad|granskad|updated|published|posted)\w*:?\s*(?:den\s+|on\s+)?$",
                            re.IGNORECASE)
_SYSTEM = re.compile(r"e-?tjänst\w*|e-?services?\b|\bsystem\w*|\bportal\w*|webbplats\w*|\bwebsite|inloggning",
                     re.IGNORECASE)
# an eligibility rule about the applicant's project: "Project can last ... ending no later than June 30, 2028"
_PROJECT_END = re.compile(
    # ... or about the measure funded: "klimatinvesteringar som kan genomföras senast i juni 2024"
    r"(?:projekt|project|åtgärd|investering|insatsen|insatserna|measure|investment)\w*\b[^.;]*?"
    r"\b(?:ska|skall|måste|får|kan|bör|must|can|may|should|shall)\b[^.;]*?"
    r"\b(?:avslut\w*|slutför\w*|pågå|löpa|last|run|end\w*|complet\w*|finish\w*|klar\w*|genomför\w*|"
    # ... or start: "Projekten ska starta senast 1 september 2027", "The project must begin no later than ..."
    r"start\w*|påbörja\w*|begin\w*|commence\w*)|"
    # ... or a running project's planned end: "pågående genomförandeprojekt med planerat slutdatum senast den 31 december 2021"
    r"\bplanera(?:t|d|de)\s+(?:slutdatum|slutdag|slut)\b|\bplanned end(?:\s+date)?\b",
    re.IGNORECASE,
)


# what a date may belong to instead of the call: a decision, a payment, a report ("Sista dag för att
# få beslut ... är 31 oktober", "Besked 4 februari"). A programme's or project's own period is its
# window ("Projektperiod: 1 februari 2027 – 31 januari 2029" is how an IUC offer runs), so it stays.
# the applicant's own qualification: "doktorsexamen ... tidigast 1 januari 2017 och senast 31 december 2020"
_QUALIFICATION = re.compile(r"\b(?:\w*examen|examensbevis\w*|disputera\w*|avlagt|utfärdat|född\w*|födda|"
                            r"PhD|doctoral degree|degree)\b", re.IGNORECASE)
_OTHER_EVENT = re.compile(
    r"\b(?:beslut\w*|besked\w*|utbetalning\w*|slutrapport\w*|decisions?)\b",
    re.IGNORECASE,
)
# an application for a payment ("Ansökan om förskottsutbetalning", "begäran om slututbetalning")
_PAYMENT_REQUEST = re.compile(r"\b(?:ansökan|ansöka|ansökningar|begäran|begära|rekvisition\w*)\s+om\s+[\wåäö]*utbetalning\w*|"
                              r"\b(?:payment requests?|requests? for payment)\b", re.IGNORECASE)


# something unnamed that opens again ("De beräknas öppna igen senast fredagen den 26 april kl 8:00",
# after "Våra e-tjänster ... stänger ..."): the end of an outage, unless the call itself is named
_REOPEN = re.compile(r"\b(?:öppna[rs]?|öppnade)\s+igen\b|\bopen(?:s|ed)?\s+(?:\w+\s+)?again\b|\breopen\w*", re.IGNORECASE)
_CALL_NAMED = re.compile(r"utlysning\w*|erbjudande\w*|ansökningsomgång\w*|ansökningsperiod\w*|\bansök\w*|\bsök\w*|"
                         r"\bcalls?\b|applications?|"
                         r"\w*(?:stöd|stödet|bidrag|bidraget|check|checken|checkar|finansiering|lån)\b|\bfunding\b|\bgrants?\b",
                         re.IGNORECASE)


# a decision, rule or agreement taking effect: "Ett beviljat beslut om bidrag kommer att gälla från och med 1 januari
# 2021", "De nya reglerna träder i kraft den 1 juli", "The decision applies from 1 January": not the call's opening
_TAKES_EFFECT = re.compile(
    r"\b(?:beslut\w*|regl\w*|regel\w*|villkor\w*|förordning\w*|lag(?:en|ar|arna)?|lagändring\w*|ändring\w*|avtal\w*|"
    r"föreskrift\w*|riktlinje\w*|decisions?|rules?|regulations?|terms|conditions|changes?|agreements?)\b[^.;]*?"
    r"\b(?:gäll(?:a|er|de|t)|börja(?:r|de)?\s+gälla|träd(?:a|er|de)\s+i\s+kraft|i\s+kraft|appl(?:y|ies)|takes?\s+effect|"
    r"(?:come|comes)\s+into\s+force|in\s+force|valid)\s+(?:[\wåäö.]+\s+){0,3}$",
    re.IGNORECASE,
)


# a submission of another kind than an application, as the subject of the sentence: "Nomineringarna ska skickas till Region
# Uppsala senast den 18 april", "Remissvar ska ha inkommit senast ...", "Comments must be sent by ...": not a call's deadline
_OTHER_SUBMISSION = re.compile(r"^\W*(?:nominering\w*|remiss\w*|yttrande\w*|synpunkter\w*|motion(?:en|er|erna)?|"
                               r"nominations?|comments?|consultation responses?)\b", re.IGNORECASE)


# the period a report or the accounts cover: "delårsrapport 2022 som omfattar perioden januari till och med juli", "Rapporten
# avser perioden 1 januari–30 juni", "the report covers the period ...": what is reported on, not a window for applying
_REPORT_PERIOD = re.compile(
    r"\b(?:[\wåäö]*rapport\w*|[\wåäö]*redovisning\w*|verksamhetsberättelse\w*|bokslut\w*|uppföljning\w*|reports?|accounts)\b"
    r"[^.;]{0,60}?\b(?:omfattar|omfattande|avser|täcker|gäller|för|covers|covering|for)\s+(?:the\s+)?"
    r"(?:perioden|period|tiden|månaderna|months)\b[^.;]{0,40}$",
    re.IGNORECASE,
)
# a date for supplementing what was sent, not the application itself: "kan komplettera med årsmötesprotokoll senast den 1
# september", "Kompletteringar ska ha kommit in senast ...", "supplementary documents must be sent by ..."; "Ansökan och eventuella
# kompletteringar ska vara inne senast ..." names the application too, and a later clause (", men ansökan ...") is its own
_SUPPLEMENT = re.compile(r"\b(?:komplettera\w*|komplettering\w*|supplement\w*|complement(?:ing|ary)\b)[^.;,]*$",
                         re.IGNORECASE)
_APPLICATION_AND = re.compile(r"\b(?:ansökan|ansökningen|ansökningarna|application|applications)\s+(?:och|samt|med|and|with)\s+"
                              r"(?:eventuell\w*\s+|any\s+|alla\s+|all\s+)?$", re.IGNORECASE)


# a decision, payment or report as the subject of the clause that holds the date: "Beslut om stöd fattas senast i juni 2027",
# "Besked lämnas senast 15 maj", "Utbetalning sker senast 30 juni": the date is that event's, though a closing word ("senast")
# stands before it, unless the clause goes on to name the application ("Efter beslut kan ansökan lämnas in senast ...")
_EVENT_SUBJECT = re.compile(
    r"(?:^|[.;:!?]\s+|,\s+(?:och\s+|men\s+|samt\s+)?)(?:[\wåäö]+\s+){0,2}?"
    r"(?:beslut\w*|besked\w*|utbetalning\w*|slutrapport\w*|decisions?|payments?)\b(?P<rest>[^.;:!?,]*)$",
    re.IGNORECASE,
)
_APPLYING_WORD = re.compile(r"ansök\w*|\bsök\w*|\bapplic\w*|\bappl(?:y|ies)\b|utlysning\w*|\bcalls?\b|intag\w*",
                            re.IGNORECASE)


def _event_subject(before: str) -> bool:
    m = _EVENT_SUBJECT.search(before)
    return m is not None and not _APPLYING_WORD.search(m["rest"]) and not _APPLYING_WORD.search(
        before[max(0, m.start() - 1):m.start("rest")])


def _supplement(before: str) -> bool:
    m = _SUPPLEMENT.search(before)
    return m is not None and not _APPLICATION_AND.search(before, 0, m.start())


def _not_a_deadline(text: str, dm: DateMatch) -> bool:
    # a bounded window: the words that govern a date stand close before it (and a text of a
    # thousand dates must not cost a thousand scans of the whole text)
    before = text[max(0, dm.start - 200):dm.start]
    if _FOOTER_BEFORE.search(before[-40:]):
        return True  # "Senast uppdaterad: den 12 oktober 2022"
    if _QUALIFICATION.search(before[-120:]):
        return True  # a rule on the applicant's degree or birth, not the call's dates
    if _TAKES_EFFECT.search(before[-120:]):
        return True  # a decision or rule taking effect, not the call opening
    if _REPORT_PERIOD.search(before[-160:]):
        return True  # "delårsrapport 2022 som omfattar perioden januari till och med juli": a report's period
    if _event_subject(before[-120:]):
        return True  # "Beslut om stöd fattas senast i juni 2027": a decision's date
    if _supplement(before[-80:]):
        return True  # "kan komplettera med årsmötesprotokoll senast den 1 september": a supplement's date
    if _OTHER_SUBMISSION.match(text) and not _CALL_NAMED.search(text):
        return True  # "Nomineringarna ska skickas ... senast den 18 april": nominations, not applications
    if reports_one_application(text[max(0, dm.start - 400):dm.start]):
        return True  # "Linköpings universitet ansöker om ... under perioden 2024-01-01—2026-12-31": one application's project
    if _PAYMENT_REQUEST.search(before):
        return True  # "Ansökan om förskottsutbetalning var öppen fram till ...": a payment, not the call
    if _REOPEN.search(before[-80:]) and not _CALL_NAMED.search(text):
        return True  # "De beräknas öppna igen senast ...": a service reopening, not the call
    near = before[-60:]
    events = list(_OTHER_EVENT.finditer(near))
    if events and not (_DEADLINE_CUE.search(near, events[-1].end()) or _OPENS_CUE.search(near, events[-1].end())):
        # the nearest governing words are a decision's or the project's, and no call cue follows them
        return True
    # the e-service's downtime ("Our e-services ... close ... because of system upgrades"), not the
    # system where one applies ("göra en ansökan i det nya systemet mellan 22-31 januari 2020")
    system_word = _SYSTEM.search(before)
    system = system_word is not None and not re.search(r"\bansökan\s+i\s+(?:\w+\s+){0,3}$",
                                                       before[:system_word.start()], re.IGNORECASE)
    return bool(system or _PROJECT_END.search(before))


# a month without a day after a preposition: "stänger i november 2018", "sträcker sig till oktober 2023"
_MONTH_MENTION = re.compile(
    rf"(?<![\wåäö])(?:i|in|till|to|until|through|t\.?o\.?m\.?|till och med|by|före|innan|before)\s+"
    rf"(?:(?:slutet|utgången|början|end|the end|beginning)\s+(?:av|of)\s+)?{_MONTH}(?:\s+{_YEAR})?(?![\wåäö])",
    re.IGNORECASE,
)
_YEAR_END = re.compile(r"(?<![\wåäö])årsskiftet(?:\s+(?P<year>(?:19|20)\d\d)(?:/\d{2,4})?)?", re.IGNORECASE)
_ANY_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


# a window of whole months for applying: "Ansökningsperioden inför 2025 är öppen maj-juni 2024", "Utlysningen är öppen
# september–oktober", "applications are open from May to June 2027": from the first month's first day to the last month's
# last day (a month range elsewhere, "delårsrapport januari–juli", "beviljades under januari–juli 2022", is no window)
_MONTH_WINDOW = re.compile(
    rf"(?<![\wåäö])(?P<m1>{_MONTH_ALT})\.?\s*(?:-|–|—|till|to|through|until)\s*(?P<m2>{_MONTH_ALT})\.?(?:\s+{_YEAR})?(?![\wåäö])",
    re.IGNORECASE,
)
_WINDOW_WORDS = re.compile(
    rf"{_APPLICATION_PERIOD.pattern}|\b(?:kan|går att)\s+(?:an)?söka\b|"
    r"\b(?:utlysning\w*|erbjudande\w*|calls?|applications?)\b[^.;]{0,40}?\b(?:öppen|öppet|öppnar|open|opens)\b",
    re.IGNORECASE,
)


def _month_windows(text: str, taken: set[int], ref: date) -> list[DateMatch]:
    """The two ends of each month window ("maj-juni 2024") of a text about applying, outside the dates already read."""
    if not _WINDOW_WORDS.search(text):
        return []
    found = []
    for m in _MONTH_WINDOW.finditer(text):
        first, last = _month_number(m["m1"]), _month_number(m["m2"])
        if first is None or last is None or first == last or m.start() in taken or m.start("m2") in taken:
            continue
        end_year = int(m["year"]) if m["year"] else infer_year(last, 15, ref)
        start_year = end_year if first < last else end_year - 1  # "november–januari 2027"
        found.append(DateMatch(date(start_year, first, 1), text[m.start("m1"):m.end("m1")], m.start("m1"), m.end("m1"),
                               bool(m["year"])))
        found.append(DateMatch(_last_day(end_year, last), text[m.start("m2"):m.end()], m.start("m2"), m.end(), bool(m["year"])))
    return found


def _month_mentions(text: str, dates: list[DateMatch], ref: date) -> list[DateMatch]:
    """Months named without a day (first day as the value, last day as ``period_end``) and
    "vid årsskiftet" (31 December), where no full date already stands."""
    taken = {i for d in dates for i in range(d.start, d.end)}
    found = _month_windows(text, taken, ref)
    taken |= {i for d in found for i in range(d.start, d.end)}
    for m in _MONTH_MENTION.finditer(text):
        start = m.start("month")
        if start in taken:
            continue
        month = _month_number(m["month"])
        if month is None:
            continue
        if m["year"]:
            year = int(m["year"])
        else:  # "öppnar i september och stänger i november 2018": the year printed later
            later = _ANY_YEAR.search(text, m.end())
            year = int(later.group(0)) if later else infer_year(month, 15, ref)
        # "öppnar i slutet av februari": late in the month, so its last day (an opening read as the first would come too early)
        late = re.search(r"\b(?:slutet|utgången|end)\b", m.group(0), re.IGNORECASE) is not None
        found.append(DateMatch(_last_day(year, month) if late else date(year, month, 1), text[start:m.end()], start, m.end(),
                               bool(m["year"]), period_end=_last_day(year, month)))
    for m in _YEAR_END.finditer(text):
        if m.start() in taken:
            continue
        year = int(m["year"]) if m["year"] else ref.year
        found.append(DateMatch(date(year, 12, 31), m.group(0), m.start(), m.end(), bool(m["year"])))
    return found


_RELATIVE = re.compile(
    r"\b(?:closes?|closing|stänger|stängs|deadline|ansökningstiden går ut)\s+(?:in|om|within|inom)\s+"
    r"(?P<n>\d+|en|ett|två|tre|fyra|fem|sex|sju|åtta|nio|tio|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
    r"(?P<unit>days?|weeks?|months?|dagar|dag|veckor|vecka|månader|månad)\b",
    re.IGNORECASE,
)
_YEAR_WINDOW = re.compile(
    r"(?:\bsenast|\bsökas\s+(?:fram\s+)?(?:till(?:\s+och\s+med)?|t\.?o\.?m\.?)|(?P<during>\bsökas\s+under(?:\s+hela)?))"
    r"\s+(?:år\s+)?(?P<year>(?:19|20)\d\d)\b(?![-/.]\d)",
    re.IGNORECASE,
)


# a year the sentence gives once for its dates: "Sista ansökningsdatum under 2015 är det 24 november"
_SENTENCE_YEAR = re.compile(r"\b(?:under|för|i|år)\s+(?:år\s+)?(?P<year>(?:19|20)\d\d)\b(?![-–/.:]\d)", re.IGNORECASE)


def _with_sentence_year(text: str, dates: list[DateMatch]) -> list[DateMatch]:
    """Dates printed without a year take the one year the sentence names elsewhere, if it names one."""
    if all(d.has_year for d in dates):
        return dates
    inside = {i for d in dates for i in range(d.start, d.end)}  # linear: a text of many dates stays cheap
    years = set()
    for m in _SENTENCE_YEAR.finditer(text):
        if m.start("year") not in inside:
            years.add(int(m["year"]))
            if len(years) > 1:
                return dates
    if len(years) != 1:
        return dates
    year = years.pop()
    result = []
    for d in dates:
        if not d.has_year:
            try:
                d = replace(d, value=d.value.replace(year=year), has_year=True)
            except ValueError:  # 29 February
                pass
        result.append(d)
    return result


# "Från och med 15 oktober 2019 går det inte längre att ansöka": the opening cue names the close
_NO_LONGER = re.compile(
    r"\b(?:går|kan)\s+(?:det\s+|man\s+|du\s+|ni\s+)?(?:inte|ej)\s+(?:längre\s+)?(?:att\s+)?(?:an)?sök|"
    r"\binte\s+längre\s+(?:möjligt\s+)?(?:att\s+)?(?:an)?sök|\bno longer\s+(?:possible\s+to\s+)?apply",
    re.IGNORECASE,
)


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS[word.lower()]


def _add(ref: date, n: int, unit: str) -> date:
    if unit.startswith(("day", "dag")):
        return ref + timedelta(days=n)
    if unit.startswith(("week", "veck")):
        return ref + timedelta(weeks=n)
    month = ref.month - 1 + n
    year, month = ref.year + month // 12, month % 12 + 1
    return date(year, month, min(ref.day, _last_day(year, month).day))


def _status_for(deadline: date | datetime | None, ref: date) -> Status | None:
    if deadline is None:
        return None
    day = deadline.astimezone(TZ).date() if isinstance(deadline, datetime) else deadline
    return Status.CLOSED if day < ref else Status.OPEN


def _as_date(value: date | datetime) -> date:
    return value.astimezone(TZ).date() if isinstance(value, datetime) else value


def _ranges(text: str, dates: list[DateMatch], ref: date) -> list[tuple[DateMatch, DateMatch]]:
    """Pairs of dates written as a range: "21 november-12 december", "20 februari - 19 mars 2024"."""
    pairs = []
    for a, b in zip(dates, dates[1:], strict=False):
        if _RANGE_SEP.match(text[a.end:b.start]):
            pairs.append((a, b))
    return pairs


def _shared_year(a: DateMatch, b: DateMatch, ref: date) -> tuple[date | datetime, date | datetime]:
    """A range printed with one year ("20 februari - 19 mars 2024"): both ends take it."""
    start, end = a.value, b.value
    if b.has_year and not a.has_year:
        y = _as_date(end).year
        start = start.replace(year=y if (start.month, start.day) <= (end.month, end.day) else y - 1)
    elif a.has_year and not b.has_year:
        y = _as_date(start).year
        end = end.replace(year=y if (end.month, end.day) >= (start.month, start.day) else y + 1)
    elif not a.has_year and not b.has_year:
        # "1 april – 31 augusti": the end follows the start, in its year (each inferred on its own,
        # the end could land in the year before)
        y = _as_date(start).year
        end = end.replace(year=y if (end.month, end.day) >= (start.month, start.day) else y + 1)
    return start, end


def parse_deadline(text: str, ref: date | None = None) -> Deadline:
    """Read a status line or a deadline sentence. The deadline is the date the text ties to a
    closing cue; ``status`` is set from the words, else from the deadline against ``ref``."""
    ref = ref or clock.today()
    raw = " ".join((text or "").split())
    result = Deadline(raw=raw)
    if not raw:
        return result
    # "3–30 november", "mellan 3 och 30 november": the month belongs to both days
    text_ = _DAY_RANGE.sub(lambda m: f"{m['d1']} {m['month']} – {m['d2']} {m['month']}", raw)
    # "senast vid utgången av november 2021": the last day of that month
    text_ = _END_OF_MONTH.sub(_end_of_month, text_)
    dates = [d for d in find_dates(text_, ref) if not _not_a_deadline(text_, d)]
    dates = _with_sentence_year(text_, dates)
    mentions = [d for d in _month_mentions(text_, dates, ref) if not _not_a_deadline(text_, d)]
    dates = sorted(dates + mentions, key=lambda d: d.start)
    raw_for_cues = text_
    result.warnings.extend(d.warning for d in dates if d.warning)

    # 1. a status line: the first word says it all
    m = _STATUS_WORD.match(raw_for_cues)
    if m and dates and dates[0].start - m.end() < 12:
        word = m["word"].lower()
        when = dates[0].value
        if word in ("öppnar", "opens", "opening"):
            result.opens = _as_date(when)
            result.status = Status.UPCOMING if _as_date(when) > ref else Status.OPEN
            if len(dates) > 1:
                result.deadline = dates[1].value
        elif word in ("stängd", "stängt", "closed"):
            result.deadline = when
            result.status = Status.CLOSED
        else:  # stänger, closes, öppen (till)
            result.deadline = when
            result.status = Status.CLOSED if _as_date(when) < ref else Status.OPEN
        return result

    # 2. a range "öppen 21 november-12 december": opens and closes
    pairs = _ranges(raw_for_cues, dates, ref)
    if pairs and _OTHER_EVENT.search(raw_for_cues) and not _ABOUT_APPLYING.search(raw_for_cues) and not \
            re.search(r"\b(?:projekt|program)\w*period", raw_for_cues, re.IGNORECASE):
        # "Under perioden 8 juli – 12 augusti 2024 kommer inga beslut ... fattas": the period of a
        # decision or payment pause, not a window for applying
        return result
    # "För stödmånader under perioden 1 juli-30 september 2021 ska en ansökan ... ha kommit in senast vid utgången av
    # november 2021": a period the support is for, when another date of the text closes the applications
    pairs = [(a, b) for a, b in pairs if not (
        re.search(r"(?<![\wåäö])(?:perioden|period)\s+$", raw_for_cues[max(0, a.start - 12):a.start], re.IGNORECASE)
        and any(_DEADLINE_CUE.search(raw_for_cues[max(0, d.start - 60):d.start]) for d in dates if d is not a and d is not b))]
    if pairs:
        a, b = pairs[-1]
        start, end = _shared_year(a, b, ref)
        result.opens, result.deadline = _as_date(start), end
        if ref < _as_date(start):
            result.status = Status.UPCOMING
        else:
            result.status = _status_for(end, ref)
        return result

    # 3. dates tied to cues: the closing one is the deadline, an opening one the opening
    deadline = opens = None
    for dm in dates:
        before = raw_for_cues[max(0, dm.start - 60):dm.start]
        # the nearest cue before the date decides what kind of date it is
        cues = [(c.end(), "deadline") for c in _DEADLINE_CUE.finditer(before)]
        cues += [(c.end(), "opens") for c in _OPENS_CUE.finditer(before)]
        if not cues:
            # "Den 24 augusti öppnar årets tredje ansökningsfönster": the verb after the date
            after = raw_for_cues[dm.end:dm.end + 20]
            if _OPENS_AFTER.match(after) and opens is None:
                opens = dm
            elif _CLOSES_AFTER.match(after) and deadline is None:
                deadline = dm
            continue
        kind = max(cues)[1]
        if kind == "opens" and _FROM_ONLY.match(max(_OPENS_CUE.finditer(before), key=lambda c: c.end()).group(0)) and \
                not (_ABOUT_APPLYING.search(raw_for_cues) or _FUNDING_WORD.search(raw_for_cues)):
            # "Det råder eldningsförbud ... från och med den 23 maj", "Handlingsplanen gäller från och med
            # ...": something that is not the call begins
            continue
        if kind == "opens" and _NO_LONGER.search(raw_for_cues[dm.end:dm.end + 80]):
            kind = "deadline"
        if kind == "deadline" and deadline is None:
            deadline = replace(dm, value=dm.period_end) if dm.period_end else dm
            if _BEFORE_THE_DAY.search(before) and type(deadline.value) is date and not dm.period_end:
                # "Ansök före den 1 mars": the day itself is too late, so the deadline is the day before
                deadline = replace(deadline, value=deadline.value - timedelta(days=1))
        elif kind == "opens" and opens is None:
            opens = dm
    if deadline is None and opens is None and len(dates) == 1 and _DEADLINE_CUE.search(raw_for_cues):
        deadline = dates[0]  # "31 maj 2022 är sista ansökningsdag"
    if (deadline is None and opens is None and len(dates) == 1 and isinstance(dates[0].value, datetime)
            and len(raw_for_cues.strip(" .:;,")) <= len(dates[0].raw) + 2):
        deadline = dates[0]  # a line that is only a date and a time: a closing time in a list of deadlines
    if deadline is not None or opens is not None:
        if deadline is not None:
            result.deadline = deadline.value
        if opens is not None:
            result.opens = _as_date(opens.value)
        if result.opens and result.opens > ref:
            result.status = Status.UPCOMING
        elif _paused(raw) and result.deadline is None:
            result.status = Status.CLOSED
        else:
            result.status = _status_for(result.deadline, ref) or Status.OPEN
        return result

    # 4. a time from now: "Closes in 7 weeks", "Ansökan stänger om 3 veckor"
    rel = _RELATIVE.search(raw)
    if rel:
        result.deadline = _add(ref, _count(rel["n"]), rel["unit"].lower())
        result.status = Status.OPEN
        return result
    # a whole year to apply in: "kan sökas under år 2027", "ska vara inne senast år 2027"
    m = _YEAR_WINDOW.search(raw)
    if m:
        year = int(m["year"])
        result.deadline = date(year, 12, 31)
        if m["during"]:
            result.opens = date(year, 1, 1)
        if result.opens and result.opens > ref:
            result.status = Status.UPCOMING
        else:
            result.status = _status_for(result.deadline, ref)
        return result

    # 5. words without dates: rolling, paused; a status line whose date is a decision's
    # ("Stängd: Beslutsdatum: 2024-11-05") still says the call is closed
    m = _STATUS_WORD.match(raw_for_cues)
    if m and m["word"].lower() in ("stängd", "stängt", "closed"):
        result.status = Status.CLOSED
        return result
    if _paused(raw) and not _OPEN_NOW.search(raw):
        period = parse_period(raw, ref)
        since = period is not None and re.search(r"\b(?:sedan|since|från(?:\s+och\s+med)?|fr\.?o\.?m\.?|from)\s+(?:\w+\s+)?$",
                                                 raw[:raw.find(period.raw)], re.IGNORECASE)
        if period and period.end < ref and not since:
            # "Stödet är pausat under 2024" read in 2026: the pause was bound to a time that has passed, which says nothing
            # of the status now (as a past window's dates say nothing of a later one)
            result.warnings.append(f"paused during {period.raw!r}, which has passed: status unknown")
            return result
        result.status = Status.CLOSED
        return result
    # an application for a payment made "löpande" is no rolling call ("skickar ni löpande in ansökningar om
    # utbetalning"): the words about applying must be about something else than a payment
    if _rolling(raw) and _ABOUT_APPLYING.search(_PAYMENT_REQUEST.sub(" ", raw)) and not re.match(
            r"\W*(?:beslut|besked|utbetalning|rapport)\w*\b", raw, re.IGNORECASE) and not re.search(
            # "Nya utlysningar öppnas löpande": calls to come, not this one's applications
            r"\b(?:nya|kommande|fler|new|future|upcoming)\s+(?:utlysningar|ansökningsomgångar|erbjudanden|calls)\b|"
            # "De ansökningar som inte är behöriga avslås löpande": rejections, not applications
            r"\b(?:avslås|avslår|avslag\w*|rejected)\b|"
            # "Det går bra att arbeta med ansökan under hela året": preparing, not submitting
            r"\b(?:arbeta|jobba|förbereda|skriva)\s+(?:på|med)?\s*(?:\w+\s+)?ansökan|"
            # "at any time until the very last application date", "när som helst fram till sista ansökningsdag":
            # any time within a window that has an end, not a rolling call
            r"\b(?:any\s?time|när som helst)\s+(?:\w+\s+)?(?:until|till|fram till|before|före|innan)\b", raw, re.IGNORECASE):
        # "Beslut fattas löpande": decisions, not applications, come continuously
        result.status = Status.ROLLING
        return result
    if _OPEN_NOW.search(raw):
        result.status = Status.OPEN  # "Utlysningen är öppen för förstudier"
        return result
    if _OPENS_A_CALL_NOW.search(raw) and not _LATER.search(raw) and parse_period(raw, ref) is None:
        result.status = Status.OPEN  # "Vinnova opens a call for proposals for ..."
        return result
    # 6. a season or month instead of a date ("öppnar hösten 2025")
    period = parse_period(raw, ref)
    if period and _OPENS_CUE.search(raw):
        result.opens = period.start
        result.status = Status.UPCOMING if period.start > ref else None
    return result


def find_deadline(text: str, ref: date | None = None) -> Deadline:
    """The deadline of a longer text: the first sentence with a closing date, else an opening
    date, else rolling or paused wording. ``raw`` is the sentence it came from."""
    ref = ref or clock.today()
    best: Deadline | None = None
    for sentence in split_sentences(text or ""):
        d = parse_deadline(sentence, ref)
        if d.deadline is not None:
            return d
        if best is None and (d.opens is not None or d.status is not None):
            best = d
    return best or Deadline(raw="")


def split_sentences(text: str) -> list[str]:
    """Sentences and lines of a text (a period after a month abbreviation or a number does not end one)."""
    parts: list[str] = []
    for line in text.splitlines():
        line = line.strip(" \t•-–*")
        if not line:
            continue
        # split at ". " before a capital ("19 dec. 2025" and "kl. 14" are followed by digits);
        # abbreviations such as "t.ex." and "bl.a." do not end a sentence
        pieces = re.split(r"(?<!\b[a-zåäö]\.[a-zåäö]\.)(?<!\b[a-zåäö]\.[a-zåäö]{2}\.)(?<=[.!?])\s+(?=[A-ZÅÄÖ])",
                          line)
        parts.extend(p.strip() for p in pieces if p.strip())
    return parts
