"""Property tests (Hypothesis) of every Swedish parser and of profile loading: on random and
adversarial text nothing raises, each result keeps its own invariants, and each example stays
within a deadline (Hypothesis' ``deadline`` setting: a bound that fails the example, not a
measurement). The adversarial strategies build the inputs that make a regex backtrack: long
tokens of letters or digits, runs of cue words, digit groups, numbers before staff words."""

from __future__ import annotations

import string
from datetime import date, datetime, timedelta
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hubb.profiles import parse_profile
from hubb.swedish import amounts, dates, eligibility, regions
from hubb.swedish.fields import extract_fields
from hubb.taxonomy import load_taxonomy
from hubb.vocab import Applicant, Status

REF = date(2025, 6, 1)
# 3 s per example: linear parsers take under 0.2 s on the longest input (20,000 characters, see
# bench/parser_worst_case.py) and all of them together 1.2 s on a machine loaded by other test
# workers; the quadratic regexes this guards against took 6.5–52 s there
BOUND = settings(deadline=timedelta(milliseconds=3000), max_examples=60,
                 suppress_health_check=[HealthCheck.too_slow])

# pieces of real call text, so random joins look like (and stress) the phrasings the parsers know
_PIECES = [
    "senast", "den", "12", "maj", "2025", "kl.", "14.00", "sista", "ansökningsdag", "öppnar", "stänger",
    "högst", "minst", "anställda", "färre än", "250", "1 000", "000", "miljoner", "kronor", "mkr", "SEK",
    "per projekt", "totalt", "budget", "företag", "små och medelstora", "kommuner", "Örebro län",
    "Västra Götaland", "år", "gammalt", "inte", "kan söka", "–", "-", ".", ",", ";", "?", "\n", "  ",
    "september", "12:e", "vid årsskiftet", "löpande", "Senast uppdaterad", "procent", "%", "50",
]
real_like = st.lists(st.sampled_from(_PIECES), max_size=40).map(" ".join)
any_text = st.text(max_size=300)
long_token = st.builds(lambda ch, n, tail: ch * n + tail,
                       st.sampled_from(list(string.ascii_lowercase + "åäö0123456789 .-")),
                       st.integers(2_000, 20_000), st.sampled_from(["", "företag", " anställda", " kronor", " år"]))
repeated = st.builds(lambda piece, n: piece * n, st.sampled_from([p + " " for p in _PIECES] + ["1 ", "a1", "1."]),
                     st.integers(200, 2_000))
texts = st.one_of(any_text, real_like, long_token, repeated)


@BOUND
@given(texts)
def test_deadline_parsers_never_raise_and_keep_their_types(text):
    d = dates.parse_deadline(text, REF)
    assert d.deadline is None or isinstance(d.deadline, (date, datetime))
    assert d.opens is None or isinstance(d.opens, date)
    assert d.status is None or isinstance(d.status, Status)
    f = dates.find_deadline(text, REF)
    assert f.deadline is None or isinstance(f.deadline, (date, datetime))
    p = dates.parse_period(text, REF)
    assert p is None or p.start <= p.end
    for m in dates.find_dates(text, REF):
        assert 0 <= m.start <= m.end <= len(text.replace("\n", " ")) + len(text)


@BOUND
@given(texts)
def test_amount_parsers_never_raise_and_give_positive_sums(text):
    for a in amounts.find_amounts(text):
        assert a.value > 0
    budget, grant = amounts.budget_and_max_grant(text, "budget")
    assert budget is None or budget > 0
    assert grant is None or budget is None or grant <= budget
    for s in amounts.find_shares(text):
        assert 0 < s.percent <= 100


@BOUND
@given(texts)
def test_eligibility_never_raises_and_its_limits_are_ordered(text):
    e = eligibility.parse_eligibility(text)
    assert all(isinstance(a, Applicant) for a in e.applicants)
    assert not set(e.applicants) & set(e.excluded)
    for lo, hi in ((e.employees_min, e.employees_max), (e.company_age_min, e.company_age_max)):
        assert lo is None or lo >= 0
        assert hi is None or hi >= 0


@BOUND
@given(texts)
def test_regions_never_raise_and_give_known_codes(text):
    from hubb.vocab import REGION_NAMES

    for code in regions.find_regions(text, include_eu=True):
        assert code in REGION_NAMES
    for code in regions.collapse_regions(regions.find_regions(text)):
        assert code in REGION_NAMES


@BOUND
@given(texts)
def test_field_extraction_never_raises(text):
    fields = extract_fields(text, REF)
    assert set(fields) <= {"deadline", "opens", "status", "applicants", "employees_min", "employees_max",
                           "company_age_min", "company_age_max", "budget_sek", "max_grant_sek", "regions"}


_TAXONOMY = load_taxonomy()
_GOOD = {
    "company": "Exempel Verkstad AB", "org_number": "556000-0000", "municipality": "Örebro",
    "sni": ["25.620"], "founded": 1987, "employees": 35, "size": "small",
    "contacts": [{"name": "Anna", "email": "anna@example.se", "language": "sv"}],
    "needs": [{"area": "automation", "text": "Vill införa robotsvetsning.", "priority": "high"}],
}
_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=40)),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)),
    max_leaves=12,
)


def _load(tmp: Path, data: bytes):
    path = tmp / "acme.yaml"
    path.write_bytes(data)
    profile, errors = parse_profile(path, _TAXONOMY)
    assert (profile is None) == bool(errors)
    for e in errors:
        assert "acme.yaml" in str(e) and "\n" not in str(e).strip()


@BOUND
@given(st.binary(max_size=400))
def test_profile_loading_never_raises_on_random_bytes(tmp_path_factory, data):
    _load(tmp_path_factory.mktemp("p"), data)


@BOUND
@given(st.text(max_size=400))
def test_profile_loading_never_raises_on_random_text(tmp_path_factory, text):
    _load(tmp_path_factory.mktemp("p"), text.encode("utf-8", "surrogatepass"))


@BOUND
@given(st.sampled_from(sorted(_GOOD)), _values)
def test_profile_loading_never_raises_when_a_field_has_any_value(tmp_path_factory, key, value):
    data = dict(_GOOD, **{key: value})
    _load(tmp_path_factory.mktemp("p"), yaml.safe_dump(data, allow_unicode=True).encode())
