"""Readable reasons for a match, in Swedish and English: which needs the call serves and
which words matched, why the company may apply, and the deadline. The parts are kept as
a list; the digest joins them with " · "."""

from __future__ import annotations

from hubb.profiles import Profile
from hubb.record import CallRecord
from hubb.swedish.format import format_date, format_deadline
from hubb.taxonomy import Taxonomy
from hubb.vocab import COMPANY_APPLICANTS, HOME_REGION, Applicant, Status, region_ancestors, region_name
from matcher.config import MatchingConfig
from matcher.text import Analyzer, tokens

PRIORITY = {
    "sv": {"high": "hög prioritet", "medium": "medelhög prioritet", "low": "låg prioritet"},
    "en": {"high": "high priority", "medium": "medium priority", "low": "low priority"},
}
MAX_NEEDS = 2
MAX_WORDS = 4
# a need word is generic — "universitet", "innovationsprojekt" — when its terms stand in at
# least this share of the stored calls (and in this many): it says nothing about why THIS
# call fits, so reasons leave it out. The company's own keywords are always shown.
GENERIC_SHARE = 0.2
GENERIC_MIN_CALLS = 5


def generic_terms(df: dict[str, int], n_calls: int) -> frozenset[str]:
    """Terms too common among the calls to explain a match (document frequency)."""
    floor = max(GENERIC_MIN_CALLS, GENERIC_SHARE * n_calls)
    return frozenset(t for t, d in df.items() if d >= floor)


def matched_words(analyzer: Analyzer, phrases: list[str], call_terms: set[str],
                  min_length: int = 7, keep: frozenset[str] = frozenset(),
                  sentences: bool = True, generic: frozenset[str] = frozenset()) -> list[str]:
    """The profile's own words (as written) that the call contains, in order.

    A compound counts when the call has it or one of its parts ("robotsvetsning" for a
    call about robots). ``sentences`` (need texts) are taken word by word; otherwise each
    phrase (a keyword like "inbyggda system") counts when the call has all its words.
    A word whose matching terms are all ``generic`` (common to many calls) is left out.
    """
    out: list[str] = []
    for phrase in phrases:
        phrase = phrase.strip()
        words = tokens(phrase) if sentences else [phrase]
        for word in words:
            if " " not in word and len(word) < min_length and word.casefold() not in keep:
                continue  # "år", "nya", "minska": short words say little about a match
            parts = tokens(word)
            hits = [[t for t in analyzer.word_terms(w) if t in call_terms] for w in parts]
            hit = bool(parts) and all(hits)
            if hit and generic and word.casefold() not in keep and all(
                    t in generic for found in hits for t in found):
                continue
            if hit and word not in out:
                out.append(word)
    return out


def _applicants_text(record: CallRecord, language: str) -> str:
    company = set(record.applicants) & COMPANY_APPLICANTS
    sv = language != "en"
    if not record.applicants:
        return "företag" if sv else "companies"
    if Applicant.COMPANY in company or {Applicant.SME, Applicant.LARGE_COMPANY} <= company:
        return "företag" if sv else "companies"
    if company == {Applicant.STARTUP}:
        return "nystartade företag" if sv else "start-ups"
    if Applicant.SME in company:
        return "små och medelstora företag" if sv else "small and medium-sized companies"
    if Applicant.LARGE_COMPANY in company:
        return "stora företag" if sv else "large companies"
    return "företag" if sv else "companies"


def eligibility_text(record: CallRecord, language: str = "sv") -> str:
    """"Öppen för små och medelstora företag i Örebro län" / "Open to … in Sweden"."""
    who = _applicants_text(record, language)
    covering = [r for r in region_ancestors(HOME_REGION) if r in record.regions]
    sv = language != "en"
    if covering:
        code = covering[0]
        name = region_name(code, language)
        where = (f" inom {name}" if code == "EU" else f" i {name}") if sv else f" in {name}"
    else:
        where = ""
    return (f"Öppen för {who}{where}" if sv else f"Open to {who}{where}")


def deadline_text(record: CallRecord, status: Status, language: str = "sv") -> str:
    sv = language != "en"
    parts = []
    if status is Status.UPCOMING and record.opens:
        parts.append(f"Öppnar {format_date(record.opens, language)}" if sv
                     else f"Opens {format_date(record.opens, language)}")
    if record.deadline is not None:
        day = format_deadline(record.deadline, language)
        parts.append(f"Sista dag {day}" if sv else f"Deadline {day}")
    elif status is not Status.UPCOMING:
        parts.append("Löpande ansökan" if sv else "Rolling applications")
    elif not parts:
        parts.append("Öppnar snart" if sv else "Opens soon")
    return ", ".join(parts) if len(parts) > 1 else parts[0]


def keyword_needs(analyzer: Analyzer, profile: Profile, taxonomy: Taxonomy) -> list[set[int]]:
    """For each of the profile's keywords, the needs it belongs to.

    A keyword belongs to a need whose text shares one of its terms (stems and compound
    parts: "svetsning" and "robotsvetsning") or whose area names it as a signal word
    ("robot" for automation). "ägarskifte" belongs to an ownership-change need and never to a
    digitalisation need the same call happens to serve.
    """
    needs = [set(analyzer.terms(n.text, "sv")) for n in profile.needs]
    signals: dict[str, set[tuple[str, ...]]] = {}
    for n in profile.needs:
        if n.area in taxonomy and n.area not in signals:
            signals[n.area] = {tuple(analyzer.phrase_terms(w, "sv")) for w in taxonomy[n.area].words}
    out: list[set[int]] = []
    for word in profile.keywords:
        terms = analyzer.phrase_terms(word, "sv")
        out.append({i for i, n in enumerate(profile.needs)
                    if set(terms) & needs[i] or tuple(terms) in signals.get(n.area, ())})
    return out


def build_reasons(profile: Profile, record: CallRecord, need_scores: dict[int, float],
                  status: Status, analyzer: Analyzer, call_terms: set[str], taxonomy: Taxonomy,
                  cfg: MatchingConfig, generic: frozenset[str] = frozenset()) -> dict:
    """``{"sv": [...], "en": [...], "needs": {"0": score, ...}}`` for one match."""
    served = sorted((i for i, s in need_scores.items() if s >= cfg.need_served),
                    key=lambda i: (-need_scores[i], i))[:MAX_NEEDS]
    out: dict = {"sv": [], "en": [], "needs": {str(i): round(s, 4) for i, s in need_scores.items()}}
    owners = keyword_needs(analyzer, profile, taxonomy)
    keep = frozenset(w.casefold() for k in profile.keywords for w in tokens(k))
    matched_kw = set(matched_words(analyzer, list(profile.keywords), call_terms, min_length=0,
                                   sentences=False))
    for i in served:
        need = profile.needs[i]
        # the profile's keywords that belong to THIS need, then the need's own words
        words = [k for k, owner in zip(profile.keywords, owners, strict=True) if i in owner and k in matched_kw]
        seen = {w.casefold() for w in words}
        words += [w for w in matched_words(analyzer, [need.text], call_terms, keep=keep, generic=generic)
                  if w.casefold() not in seen]
        words = words[:MAX_WORDS]
        for lang in ("sv", "en"):
            label = taxonomy[need.area].label(lang) if need.area in taxonomy else need.area
            part = f"{'Behov' if lang == 'sv' else 'Need'}: {label} ({PRIORITY[lang][need.priority]})"
            if words:
                part += " — " + ", ".join(words)
            out[lang].append(part)
    # matched keywords of no need shown above stand on their own
    shown_needs = set(served)
    loose = [k for k, owner in zip(profile.keywords, owners, strict=True)
             if k in matched_kw and not owner & shown_needs][:MAX_WORDS]
    if loose:
        out["sv"].append("Nyckelord: " + ", ".join(loose))
        out["en"].append("Keywords: " + ", ".join(loose))
    for lang in ("sv", "en"):
        out[lang].append(eligibility_text(record, lang))
        out[lang].append(deadline_text(record, status, lang))
    return out


def areas_served(profile: Profile, need_scores: dict[int, float], cfg: MatchingConfig) -> list[str]:
    """Need-area keys of this profile's needs that the call serves, in need order."""
    out: list[str] = []
    for i, need in enumerate(profile.needs):
        if need_scores.get(i, 0.0) >= cfg.need_served and need.area not in out:
            out.append(need.area)
    return out
