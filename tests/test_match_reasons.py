"""matcher.reasons: the readable parts (Swedish and English) of a match."""


import pytest

from hubb.taxonomy import load_taxonomy
from hubb.vocab import Status
from matcher.config import load_matching_config
from matcher.reasons import build_reasons, deadline_text, eligibility_text, matched_words
from matcher.text import Analyzer
from tests.test_match_eligibility import call, profile


@pytest.mark.parametrize("applicants,regions,sv,en", [
    (["sme"], ["SE124"], "Öppen för små och medelstora företag i Örebro län",
     "Open to small and medium-sized companies in Örebro County"),
    (["company", "academia"], ["SE"], "Öppen för företag i Sverige", "Open to companies in Sweden"),
    (["startup"], ["EU"], "Öppen för nystartade företag inom EU", "Open to start-ups in the EU"),
    (["large_company"], ["SE12"], "Öppen för stora företag i Östra Mellansverige",
     "Open to large companies in East Middle Sweden"),
    ([], [], "Öppen för företag", "Open to companies"),
])
def test_eligibility_text(applicants, regions, sv, en):
    rec = call(applicants=applicants, regions=regions)
    assert eligibility_text(rec, "sv") == sv
    assert eligibility_text(rec, "en") == en


@pytest.mark.parametrize("kw,status,sv,en", [
    (dict(deadline="2027-01-15"), Status.OPEN, "Sista dag 15 januari 2027", "Deadline 15 January 2027"),
    (dict(deadline="2027-01-15T14:00:00+01:00"), Status.OPEN, "Sista dag 15 januari 2027 kl 14:00",
     "Deadline 15 January 2027 at 14:00"),
    (dict(), Status.ROLLING, "Löpande ansökan", "Rolling applications"),
    (dict(opens="2027-02-01", deadline="2027-03-31"), Status.UPCOMING,
     "Öppnar 1 februari 2027, Sista dag 31 mars 2027", "Opens 1 February 2027, Deadline 31 March 2027"),
])
def test_deadline_text(kw, status, sv, en):
    rec = call(**kw)
    assert deadline_text(rec, status, "sv") == sv
    assert deadline_text(rec, status, "en") == en


def test_matched_words_keep_the_profiles_spelling():
    a = Analyzer(["svetsning"])
    terms = set(a.terms("Stöd för robotar och automation i verkstäder"))
    assert matched_words(a, ["Vill införa robotsvetsning och automatisering."], terms) == ["robotsvetsning"]


def test_build_reasons():
    taxonomy = load_taxonomy()
    cfg = load_matching_config()
    prof = profile(keywords=["svetsning"], needs=[
        {"area": "automation", "text": "Vill införa robotsvetsning.", "priority": "high"},
        {"area": "kompetens", "text": "Utbilda personal.", "priority": "low"},
    ])
    rec = call(applicants=["sme"], regions=["SE124"], deadline="2027-01-15",
               title="Automationscheckar", text="Checkar för robotar och svetsning.")
    a = Analyzer(["svetsning", "robotsvetsning"])
    terms = set(a.terms(rec.title)) | set(a.terms(rec.text))
    out = build_reasons(prof, rec, {0: 0.61234, 1: 0.1}, Status.OPEN, a, terms, taxonomy, cfg)
    assert out == {
        "sv": ["Behov: Automation och robotik (hög prioritet) — svetsning, robotsvetsning",
               "Öppen för små och medelstora företag i Örebro län", "Sista dag 15 januari 2027"],
        "en": ["Need: Automation and robotics (high priority) — svetsning, robotsvetsning",
               "Open to small and medium-sized companies in Örebro County", "Deadline 15 January 2027"],
        "needs": {"0": 0.6123, "1": 0.1},
    }


def test_keywords_are_listed_under_the_need_they_belong_to():
    # the Laxå joinery: "ägarskifte" belongs to the ownership-change need, never to the
    # digitalisation need a call about web shops and ownership change also serves
    taxonomy = load_taxonomy()
    cfg = load_matching_config()
    prof = profile(keywords=["snickeri", "webbshop", "ägarskifte"], needs=[
        {"area": "digitalisering", "text": "Behöver en webbshop och digitala verktyg.", "priority": "high"},
        {"area": "ledarskap", "text": "Planerar ett ägarskifte.", "priority": "medium"},
    ])
    rec = call(applicants=["sme"], regions=["SE124"], deadline="2027-01-15", title="Checkar",
               text="Stöd till webbshop, digitala verktyg och ägarskifte för snickeri och andra företag.")
    a = Analyzer(["webbshop", "ägarskifte", "snickeri"])
    terms = set(a.terms(rec.title)) | set(a.terms(rec.text))
    both = build_reasons(prof, rec, {0: 0.7, 1: 0.6}, Status.OPEN, a, terms, taxonomy, cfg)
    assert both["sv"][:3] == ["Behov: Digitalisering (hög prioritet) — webbshop, digitala, verktyg",
                              "Behov: Ledarskap, organisation och affärsutveckling (medelhög prioritet)"
                              " — ägarskifte",
                              "Nyckelord: snickeri"]
    only_digital = build_reasons(prof, rec, {0: 0.7, 1: 0.1}, Status.OPEN, a, terms, taxonomy, cfg)
    assert only_digital["sv"][:2] == ["Behov: Digitalisering (hög prioritet) — webbshop, digitala, verktyg",
                                      "Nyckelord: snickeri, ägarskifte"]
    assert only_digital["en"][:2] == ["Need: Digitalisation (high priority) — webbshop, digitala, verktyg",
                                      "Keywords: snickeri, ägarskifte"]


def test_a_keyword_the_need_text_repeats_is_listed_once():
    prof = profile(keywords=["AI"], needs=[
        {"area": "digitalisering", "text": "Använda AI och avancerad dataanalys.", "priority": "high"}])
    rec = call(title="AI for industry", text="AI och dataanalys i industrin.")
    a = Analyzer(["dataanalys"])
    terms = set(a.terms(rec.title)) | set(a.terms(rec.text))
    out = build_reasons(prof, rec, {0: 0.7}, Status.OPEN, a, terms, load_taxonomy(), load_matching_config())
    assert out["sv"][0] == "Behov: Digitalisering (hög prioritet) — AI, dataanalys"


def test_reasons_leave_out_words_that_most_calls_share():
    from datetime import date

    from hubb.taxonomy import load_taxonomy
    from matcher.engine import Matcher
    from tests.test_match_eligibility import call, profile

    calls = [call(id=f"c{i}", title=f"Forskningsprojekt {i} med universitet",
                  text="Projekt tillsammans med universitet och institut.") for i in range(9)]
    calls.append(call(id="ugn", title="Energieffektiva härdugnar", summary="Projekt med universitet om härdugnar.",
                      text="Stöd till projekt med universitet som minskar energin i härdugnar."))
    prof = profile(needs=[{"area": "produktion", "text": "Samarbeta med universitetet om effektivare härdugnar.",
                           "priority": "high"}], keywords=[])
    m = Matcher(calls, [prof], load_taxonomy())
    (result,) = list(m.rank([prof], date(2026, 11, 27), floor=0.0))
    ranked = next(r for r in result.ranked if m.records[r.call].id == "ugn")
    ranked.need_scores = {0: 1.0}  # served, whatever the weights: the words are what is tested
    reasons, _ = m.explain(prof, ranked, date(2026, 11, 27))
    assert reasons["sv"][0] == "Behov: Produktionsutveckling och effektivisering (hög prioritet) — effektivare, härdugnar"
