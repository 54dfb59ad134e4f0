"""Industry rules read from a call's text, and Interreg programme areas (hard eligibility)."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hubb.programme_areas import programme_regions
from hubb.swedish.sectors import MANUFACTURING, admits, allowed_divisions
from matcher.eligibility import failed_rules
from tests.test_match_eligibility import call, profile

AS_OF = date(2026, 11, 27)


@pytest.mark.parametrize("text, expected", [
    ("Företagets SNI-kod måste börja med siffrorna 10, 11 eller 13-33 med undantag av 10.2.",
     {"10", "11", *(f"{d}" for d in range(13, 34))}),
    ("Projekteringsstödet är riktat till företag med industriell verksamhet inom sektorerna med "
     "SNI-kod 05–33, det vill säga från gruv- till tillverkningsindustrin.",
     {f"{d:02d}" for d in range(5, 34)}),
    ("Är ni ett litet eller medelstort tillverkande företag som vill automatisera? Då kan ni söka.",
     set(MANUFACTURING)),
    ("Du kan få stöd för investeringar om du har ett jordbruksföretag, trädgårdsföretag eller annat "
     "företag som producerar livsmedel.", {"01", "02", "03", "10", "11"}),
    ("The call is open to manufacturing SMEs in the region.", set(MANUFACTURING)),
])
def test_industry_rules_are_read(text, expected):
    assert allowed_divisions(text) == frozenset(expected)


@pytest.mark.parametrize("text", [
    "",
    "Små och medelstora företag kan söka stöd för utvecklingsprojekt.",
    "Stödet riktar sig till tillverkande företag och tjänsteföretag i länet.",
    "Inom tillverkande företag finns stora möjligheter till automation.",  # no applicant cue
    "Utlysningen riktar sig till företag i alla branscher, även tillverkande företag.",
])
def test_no_industry_rule_where_the_text_sets_none(text):
    assert allowed_divisions(text) is None


def test_admits_compares_divisions_of_the_companys_codes():
    assert admits(frozenset({"25", "28"}), ["25.620"])
    assert not admits(frozenset({"25", "28"}), ["62.010", "71.129"])
    assert admits(None, ["62.010"])


def test_the_sector_rule_keeps_a_consultancy_from_a_manufacturers_call():
    rec = call(applicants=["sme"], text="Är ni ett litet eller medelstort tillverkande företag? Då kan ni söka.")
    assert failed_rules(profile(sni=["62.010"]), rec, AS_OF) == ["sector"]
    assert failed_rules(profile(sni=["25.620"]), rec, AS_OF) == []


def test_an_interreg_call_without_regions_takes_its_programme_area():
    rec = call(regions=[], title="Interreg Central Baltic: Fifth Call for Project Proposals")
    assert "SE124" not in programme_regions(rec.title)
    assert failed_rules(profile(), rec, AS_OF) == ["region"]
    assert programme_regions("Interreg Baltic Sea Region: third call") == ()
    # a record that states its regions keeps them
    stated = call(regions=["SE12"], title="Interreg Central Baltic: small projects")
    assert "region" not in failed_rules(profile(), stated, AS_OF)


@settings(max_examples=200, deadline=3000)
@given(st.text(alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "Zs")), max_size=400))
def test_allowed_divisions_never_fails_and_returns_two_digit_codes(text):
    result = allowed_divisions(text)
    assert result is None or all(len(code) == 2 and code.isdigit() for code in result)


def test_an_item_of_a_who_may_apply_list_sets_the_rule_without_a_verb_of_its_own():
    # EIT Manufacturing's SME Transform call: the industry is named in a list under the heading
    text = ("Who can apply?\n\n • Companies that want to transform their production lines or systems.\n"
            " • European manufacturing companies with headquarters established in any Horizon Europe country.\n\n"
            "What can be requested?\n\nDedicated expert support for manufacturing companies.")
    assert allowed_divisions(text) == frozenset(f"{d:02d}" for d in range(10, 34))
    # the same noun outside such a section, with no verb of applying, sets no rule
    assert allowed_divisions("What can be requested?\n\nExpert support for manufacturing companies.") is None
