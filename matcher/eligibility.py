"""Hard eligibility filters: a company is never shown a call it cannot apply to.

Rules, each a boolean matrix profiles × calls (True = passes), so the batch matcher
filters thousands of pairs at once and tests can name the rule that said no:

- ``status``     closed on the as-of date (upcoming and rolling calls pass; upcoming are marked)
- ``region``     the call is for a region that does not contain Örebro län (SE124); a call
                 that states none takes its cross-border programme's area (Interreg)
- ``applicant``  no company may apply (only municipalities, universities, associations, persons…)
- ``sector``     the call's own rules admit only some industries (SNI codes, "tillverkande
                 företag", "jordbruksföretag") and the company is in none of them
- ``sme``        only SMEs (or start-ups) may apply and the company is large
- ``large``      only large companies may apply and the company is an SME
- ``startup``    only start-ups may apply and the company is older than N years (settings)
- ``employees``  the head count is outside the call's limits (size class when unknown)
- ``age``        the company's age is outside the call's limits
- ``exclude``    the call mentions one of the profile's exclude words

Where the call's structured fields are silent (no applicants, no limits) the call's text
("Vem kan söka?") is read for them (:func:`text_facts`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from db.calls import effective_status
from hubb.profiles import Profile
from hubb.programme_areas import programme_regions
from hubb.record import CallRecord
from hubb.swedish.eligibility import parse_eligibility
from hubb.swedish.sectors import allowed_divisions
from hubb.vocab import COMPANY_APPLICANTS, HOME_REGION, Applicant, Size, Status, region_covers

RULES = ("status", "region", "applicant", "sector", "sme", "large", "startup", "employees", "age", "exclude")

#: head-count range of each EU size class, used when a profile gives no head count
SIZE_RANGES = {
    Size.MICRO: (0, 9), Size.SMALL: (10, 49), Size.MEDIUM: (50, 249), Size.LARGE: (250, 10**9),
}

_NEW_APPLICANTS_CLOSED = re.compile(
    r"(endast|bara|enbart)\s+(för|till)\s+(redan\s+)?(befintliga|pågående|beviljade)\s+projekt"
    r"|only\s+(open\s+)?(to|for)\s+(already\s+)?(existing|ongoing|funded)\s+projects",
    re.IGNORECASE,
)


def text_facts(record: CallRecord) -> dict:
    """What the call's text says about who may apply, for fields the record leaves empty.

    Keys as in the call record (``applicants``, ``employees_min``… ``company_age_max``)
    plus ``closed_to_new``: the round is open only to projects already funded. Applicant
    types and limits come from :mod:`hubb.swedish.eligibility` (shared with the spiders).
    """
    facts: dict = {}
    text = "\n".join((record.summary, record.text))
    # The spiders fill applicants and limits from the same parser at harvest time; a record
    # with applicants has been read already (and parsing every text again costs ~10 ms).
    parsed = parse_eligibility(text) if not record.applicants else None
    if parsed is not None and parsed.applicants:
        facts["applicants"] = [a for a in parsed.applicants if a not in parsed.excluded]
    for key in ("employees_min", "employees_max", "company_age_min", "company_age_max"):
        value = getattr(parsed, key, None)
        if value is not None:
            facts[key] = value
    facts["closed_to_new"] = bool(_NEW_APPLICANTS_CLOSED.search(text))
    facts["divisions"] = allowed_divisions(text)
    return facts


@dataclass(frozen=True)
class CallFacts:
    """Per-call eligibility facts as arrays over the calls of one batch."""

    status: np.ndarray        # Status values on the as-of date
    region_ok: np.ndarray     # bool
    company_ok: np.ndarray    # bool: some company may apply
    sme_only: np.ndarray      # bool
    large_only: np.ndarray    # bool
    startup_only: np.ndarray  # bool
    emp_min: np.ndarray       # float, nan = no limit
    emp_max: np.ndarray
    age_min: np.ndarray
    age_max: np.ndarray
    applicants: list[frozenset] = field(default_factory=list)
    divisions: list[frozenset | None] = field(default_factory=list)  # SNI divisions admitted


def call_facts(records: list[CallRecord], as_of: date, home: str = HOME_REGION) -> CallFacts:
    n = len(records)
    status = np.empty(n, dtype=object)
    arrays = {k: np.zeros(n, dtype=bool) for k in ("region_ok", "company_ok", "sme_only", "large_only", "startup_only")}
    limits = {k: np.full(n, np.nan) for k in ("emp_min", "emp_max", "age_min", "age_max")}
    applicants_all = []
    divisions = []
    for i, rec in enumerate(records):
        facts = text_facts(rec)
        status[i] = effective_status(rec, as_of)
        regions = rec.regions or programme_regions(rec.title, rec.summary)
        arrays["region_ok"][i] = not regions or any(region_covers(r, home) for r in regions)
        divisions.append(facts["divisions"])
        applicants = frozenset(rec.applicants or facts.get("applicants") or ())
        applicants_all.append(applicants)
        company = applicants & COMPANY_APPLICANTS
        arrays["company_ok"][i] = (not applicants or bool(company)) and not facts["closed_to_new"]
        broad = Applicant.COMPANY in company
        arrays["sme_only"][i] = bool(company) and not broad and Applicant.LARGE_COMPANY not in company
        arrays["large_only"][i] = company == {Applicant.LARGE_COMPANY}
        arrays["startup_only"][i] = company == {Applicant.STARTUP}
        for col, key in (("emp_min", "employees_min"), ("emp_max", "employees_max"),
                         ("age_min", "company_age_min"), ("age_max", "company_age_max")):
            value = getattr(rec, key)
            if value is None:
                value = facts.get(key)
            if value is not None:
                limits[col][i] = value
    return CallFacts(status=status, applicants=applicants_all, divisions=divisions, **arrays, **limits)


@dataclass(frozen=True)
class ProfileFacts:
    is_sme: np.ndarray   # bool
    emp_lo: np.ndarray   # float
    emp_hi: np.ndarray
    age: np.ndarray      # float, nan = unknown
    divisions: list[frozenset] = field(default_factory=list)  # the company's SNI divisions


def company_age(profile: Profile, as_of: date) -> int | None:
    """Years since the company was founded, on ``as_of`` (None when unknown): the age the
    start-up and age rules go by."""
    return None if profile.founded is None else as_of.year - profile.founded


def profile_facts(profiles: list[Profile], as_of: date) -> ProfileFacts:
    n = len(profiles)
    is_sme = np.zeros(n, dtype=bool)
    lo, hi, age = np.zeros(n), np.zeros(n), np.full(n, np.nan)
    for i, p in enumerate(profiles):
        size = Size(p.size)
        is_sme[i] = size.is_sme
        if p.employees is not None:
            lo[i] = hi[i] = p.employees
        else:
            lo[i], hi[i] = SIZE_RANGES[size]
        years = company_age(p, as_of)
        if years is not None:
            age[i] = years
    divisions = [frozenset(code[:2] for code in p.sni) for p in profiles]
    return ProfileFacts(is_sme=is_sme, emp_lo=lo, emp_hi=hi, age=age, divisions=divisions)


def rule_masks(pf: ProfileFacts, cf: CallFacts, startup_max_age: int,
               excluded: np.ndarray | None = None) -> dict[str, np.ndarray]:
    """Every rule as a profiles × calls boolean matrix (True = passes)."""
    P, C = len(pf.is_sme), len(cf.region_ok)
    ones = np.ones((P, C), dtype=bool)
    status_ok = np.array([s is not Status.CLOSED for s in cf.status], dtype=bool)
    sme = pf.is_sme[:, None]
    age = pf.age[:, None]
    known_age = ~np.isnan(age)
    sector = np.ones((P, C), dtype=bool)
    for c, admitted in enumerate(cf.divisions):
        if admitted is not None:
            sector[:, c] = [bool(own & admitted) for own in pf.divisions]
    with np.errstate(invalid="ignore"):
        masks = {
            "status": ones & status_ok[None, :],
            "region": ones & cf.region_ok[None, :],
            "applicant": ones & cf.company_ok[None, :],
            "sector": sector,
            "sme": ~(cf.sme_only[None, :] & ~sme),
            "large": ~(cf.large_only[None, :] & sme),
            "startup": ~(cf.startup_only[None, :] & known_age & (age > startup_max_age)),
            # a size class passes unless all of it lies outside the limits
            "employees": ~((pf.emp_hi[:, None] < cf.emp_min[None, :])
                           | (pf.emp_lo[:, None] > cf.emp_max[None, :])),
            "age": ~(known_age & ((age < cf.age_min[None, :]) | (age > cf.age_max[None, :]))),
            "exclude": ones if excluded is None else ~excluded,
        }
    return masks


def eligible_mask(masks: dict[str, np.ndarray]) -> np.ndarray:
    """True where every rule passes."""
    return np.logical_and.reduce([masks[rule] for rule in RULES])


def mentions_excluded(profile: Profile, record: CallRecord, analyzer=None) -> bool:
    """True when the call mentions one of the profile's exclude words (all of a phrase's terms)."""
    if not profile.exclude:
        return False
    from matcher.text import Analyzer

    analyzer = analyzer or Analyzer(profile.exclude)
    lang = record.language
    present = set()
    for part in (record.title, record.summary, record.text):
        present.update(analyzer.terms(part, lang))
    return any(
        (terms := analyzer.phrase_terms(word, lang)) and all(t in present for t in terms)
        for word in profile.exclude
    )


def failed_rules(profile: Profile, record: CallRecord, as_of: date, startup_max_age: int = 5) -> list[str]:
    """The rules one call fails for one profile, in :data:`RULES` order ([] = eligible)."""
    excluded = mentions_excluded(profile, record)
    masks = rule_masks(profile_facts([profile], as_of), call_facts([record], as_of),
                       startup_max_age, np.array([[excluded]]))
    return [rule for rule in RULES if not masks[rule][0, 0]]
