"""Fixed vocabularies of the call record and the profile: status, applicant types,
company sizes, priorities and the NUTS region hierarchy. Spiders, matcher and digest
import these instead of spelling the values as loose strings."""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    OPEN = "open"
    UPCOMING = "upcoming"
    CLOSED = "closed"
    ROLLING = "rolling"


class Applicant(StrEnum):
    COMPANY = "company"  # any size
    SME = "sme"
    STARTUP = "startup"  # young companies only
    LARGE_COMPANY = "large_company"
    ACADEMIA = "academia"
    RESEARCH_INSTITUTE = "research_institute"
    PUBLIC_SECTOR = "public_sector"
    NONPROFIT = "nonprofit"
    INDIVIDUAL = "individual"


#: Applicant types under which a company (of some size or age) may apply.
COMPANY_APPLICANTS = frozenset(
    {Applicant.COMPANY, Applicant.SME, Applicant.STARTUP, Applicant.LARGE_COMPANY}
)


class Size(StrEnum):
    """EU SME classes (Commission Recommendation 2003/361/EC)."""

    MICRO = "micro"  # < 10 employees
    SMALL = "small"  # < 50
    MEDIUM = "medium"  # < 250
    LARGE = "large"

    @property
    def is_sme(self) -> bool:
        return self is not Size.LARGE


class Priority(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


#: How a priority reads in a sentence ("Behov: … (hög prioritet)") and in a table column.
PRIORITY_LABELS: dict[str, dict[str, str]] = {
    "sv": {"high": "hög", "medium": "medel", "low": "låg"},
    "en": {"high": "high", "medium": "medium", "low": "low"},
}


class Language(StrEnum):
    SV = "sv"
    EN = "en"


#: The centre's own county.
HOME_REGION = "SE124"

#: NUTS regions the service knows by name (Swedish), keyed by code. The parent of a
#: code is found by dropping its last character (SE124 → SE12 → SE1 → SE); "SE" sits in "EU".
REGION_NAMES: dict[str, str] = {
    "EU": "EU",
    "SE": "Sverige",
    "SE1": "Östra Sverige",
    "SE11": "Stockholm",
    "SE110": "Stockholms län",
    "SE12": "Östra Mellansverige",
    "SE121": "Uppsala län",
    "SE122": "Södermanlands län",
    "SE123": "Östergötlands län",
    "SE124": "Örebro län",
    "SE125": "Västmanlands län",
    "SE2": "Södra Sverige",
    "SE21": "Småland och öarna",
    "SE211": "Jönköpings län",
    "SE212": "Kronobergs län",
    "SE213": "Kalmar län",
    "SE214": "Gotlands län",
    "SE22": "Sydsverige",
    "SE221": "Blekinge län",
    "SE224": "Skåne län",
    "SE23": "Västsverige",
    "SE231": "Hallands län",
    "SE232": "Västra Götalands län",
    "SE3": "Norra Sverige",
    "SE31": "Norra Mellansverige",
    "SE311": "Värmlands län",
    "SE312": "Dalarnas län",
    "SE313": "Gävleborgs län",
    "SE32": "Mellersta Norrland",
    "SE321": "Västernorrlands län",
    "SE322": "Jämtlands län",
    "SE33": "Övre Norrland",
    "SE331": "Västerbottens län",
    "SE332": "Norrbottens län",
}

REGION_NAMES_EN: dict[str, str] = {
    "EU": "the EU",
    "SE": "Sweden",
    "SE12": "East Middle Sweden",
    "SE124": "Örebro County",
}


def region_ancestors(code: str) -> list[str]:
    """The code itself and every region containing it, innermost first.

    >>> region_ancestors("SE124")
    ['SE124', 'SE12', 'SE1', 'SE', 'EU']
    """
    code = code.strip().upper()
    if code == "EU":
        return ["EU"]
    chain = []
    while len(code) >= 2:
        chain.append(code)
        code = code[:-1]
    return chain + ["EU"]


def region_covers(call_region: str, place: str = HOME_REGION) -> bool:
    """True when a call restricted to ``call_region`` is open to applicants in ``place``."""
    return call_region.strip().upper() in region_ancestors(place)


def region_name(code: str, language: str = "sv") -> str:
    if language == "en" and code in REGION_NAMES_EN:
        return REGION_NAMES_EN[code]
    return REGION_NAMES.get(code, code)
