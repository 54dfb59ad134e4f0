"""matcher.engine/relevance: kind of support, sector fit, scores in 0–1, threshold."""

from datetime import date

import pytest

from hubb.taxonomy import load_taxonomy
from matcher.config import load_matching_config
from matcher.engine import Matcher
from tests.test_match_eligibility import call, profile

# these tests hold the hand-set evidence and cuts; the learned model on top: test_match_learned.py
HAND = load_matching_config().model_copy(update={"model": ""})

AS_OF = date(2026, 11, 27)

INVEST = call(id="invest", title="Regionalt investeringsstöd till företag",
              summary="Bidrag till investeringar i maskiner och utrustning.", applicants=["sme"])
RESEARCH = call(id="fou", title="Forskningsprojekt i samverkan med akademi",
                summary="Konsortier av företag, universitet och forskningsinstitut söker för forskning.")
TRAINING = call(id="kurs", title="Kompetenslyft för industrin",
                summary="Utbildning och validering av personal i små industriföretag.", applicants=["sme"])
FOOD = call(id="mat", title="Innovation i livsmedelsindustrin",
            summary="Innovationsprojekt för livsmedelsföretag med forskare.")
CULTURE = call(id="kultur", title="Stöd till litteratur", summary="Stipendium för författare.",
               applicants=["individual"])


def rank(prof, *calls):
    m = Matcher(list(calls), [prof], load_taxonomy(), HAND)
    (result,) = list(m.rank([prof], AS_OF, floor=0.0))
    return [(m.records[r.call].id, r.score) for r in result.ranked]


@pytest.mark.parametrize("need,first", [
    ({"area": "finansiering", "text": "Söker finansiering för investering i en ny maskin.", "priority": "high"}, "invest"),
    ({"area": "innovation", "text": "Utveckla sensorer tillsammans med forskare.", "priority": "high"}, "fou"),
    ({"area": "kompetens", "text": "Behöver utbilda personal.", "priority": "high"}, "kurs"),
])
def test_the_kind_of_support_the_need_asks_for_ranks_first(need, first):
    ranked = rank(profile(needs=[need]), INVEST, RESEARCH, TRAINING)
    assert ranked[0][0] == first
    assert all(0.0 <= score <= 1.0 for _, score in ranked)


BATTERY = call(id="batteri", title="Forskningsprojekt om nästa generations batterier",
               summary="Konsortier av företag och universitet forskar om batterier och energilagring.")
SENSORS = call(id="sensor", title="Forskningsprojekt om sensorer och inbyggda system",
               summary="Företag och universitet forskar tillsammans om sensorer.")
OPEN_RD = call(id="open", title="Utlysning för små och medelstora företag",
               summary="Ni kan söka för forskningsprojekt med universitet, oavsett område.")
SENSOR_NEED = {"area": "innovation", "text": "Utveckla sensorer tillsammans med forskare.",
               "priority": "high"}


def test_the_right_kind_on_another_topic_scores_below_the_same_kind_on_the_topic():
    scores = dict(rank(profile(needs=[SENSOR_NEED]), BATTERY, SENSORS))
    assert scores["sensor"] > scores["batteri"]


def test_a_call_open_to_any_topic_ranks_above_one_on_another_topic():
    scores = dict(rank(profile(needs=[SENSOR_NEED]), BATTERY, OPEN_RD))
    assert scores["open"] > scores["batteri"]


def test_the_kind_of_support_alone_is_not_worth_sending():
    # a research call with no word of the need's topic: kind_gate × kind, below the threshold
    need = {"area": "logistik", "text": "Effektivisera leverantörskedjor och lagerflöden.",
            "priority": "high"}
    m = Matcher([RESEARCH], [profile(needs=[need])], load_taxonomy(), HAND)
    (result,) = list(m.rank([profile(needs=[need])], AS_OF, floor=0.0))
    assert [r.worth_sending for r in result.ranked] == [False]


def test_need_kinds_are_read_from_whole_words_not_compound_parts():
    from matcher.relevance import NeedAnalyser

    m = Matcher([RESEARCH], [profile()], load_taxonomy(), HAND)
    na = NeedAnalyser(m.analyzer, load_taxonomy(), m.cfg)
    rd = m.cfg.kinds.index("rd_project")
    # "leverantörskedjor" holds "leverantör" (an R&D partner word) only as a compound part
    assert na.need("Effektivisera leverantörskedjor.", "logistik")[1][rd] == 0.0
    assert na.need("Delta i projekt med leverantörer.", "logistik")[1][rd] == 1.0


STARTUP = call(id="startup", title="Innovativa startups", summary="Stöd till unga företag och startups som utvecklar nya lösningar.")
PROTOTYPE_NEED = [{"area": "innovation", "text": "Bygga en andra prototyp av drivpaketet och fälttesta den.",
                   "priority": "high"}]


@pytest.mark.parametrize("founded,as_of,asks", [
    (2023, date(2026, 11, 27), 1.0),   # three years old: a start-up
    (2021, date(2026, 11, 27), 1.0),   # five years: still within startup_max_age_years
    (2020, date(2026, 11, 27), 0.0),   # six years: no longer
    (2023, date(2029, 1, 10), 0.0),    # the same company, later
])
def test_a_start_ups_every_need_asks_for_start_up_support(founded, as_of, asks):
    from matcher.relevance import NeedAnalyser

    prof = profile(founded=founded, needs=PROTOTYPE_NEED)
    m = Matcher([STARTUP], [prof], load_taxonomy(), HAND)
    (row, _keywords) = NeedAnalyser(m.analyzer, load_taxonomy(), m.cfg).queries([prof], as_of)
    assert row.kinds[m.cfg.kinds.index("startup")] == asks


def test_start_up_support_ranks_higher_for_a_start_up_than_for_an_established_firm():
    young = dict(rank(profile(founded=2024, needs=PROTOTYPE_NEED), STARTUP, RESEARCH))
    old = dict(rank(profile(founded=1987, needs=PROTOTYPE_NEED), STARTUP, RESEARCH))
    assert young["startup"] > old["startup"]
    assert young["fou"] == old["fou"]


def test_funding_words_are_no_topic_words():
    from matcher.relevance import NeedAnalyser

    m = Matcher([RESEARCH], [profile()], load_taxonomy(), HAND)
    terms, _ = NeedAnalyser(m.analyzer, load_taxonomy(), m.cfg).need(
        "Söker finansiering för investering i en ny CNC-maskin.", "finansiering")
    # "investering" is a support-kind word: the kind part scores it
    assert m.analyzer.word_terms("investering")[0] not in terms
    assert terms == ["sök", "finansier", "ny", "cnc", "maskin"]


def test_ineligible_calls_are_never_ranked():
    ids = [cid for cid, _ in rank(profile(), INVEST, CULTURE)]
    assert ids == ["invest"]


def test_sector_fit_favours_the_calls_industry():
    need = [{"area": "innovation", "text": "Utveckla nya produkter med forskare.", "priority": "high"}]
    bakery = dict(rank(profile(sni=["10.710"], needs=need), FOOD, RESEARCH))
    welder = dict(rank(profile(sni=["25.620"], needs=need), FOOD, RESEARCH))
    assert bakery["mat"] > welder["mat"]
    assert bakery["fou"] == welder["fou"]


def test_worth_sending_follows_the_threshold_and_the_relative_cut():
    m = Matcher([INVEST, RESEARCH, TRAINING], [profile()], load_taxonomy(), HAND)
    (result,) = list(m.rank([profile()], AS_OF, floor=0.0))
    cut = max(m.cfg.threshold, m.cfg.relative_threshold * result.ranked[0].score)
    assert [r.worth_sending for r in result.ranked] == [r.score >= round(cut, 4) for r in result.ranked]
    assert [r.rank for r in result.ranked] == list(range(1, len(result.ranked) + 1))


def test_the_relative_cut_drops_calls_far_below_the_profiles_best():
    from matcher.config import load_matching_config

    need = [{"area": "finansiering", "text": "Söker finansiering för investering i en ny maskin.",
             "priority": "high"}]
    prof = profile(needs=need)
    cfg = load_matching_config().model_copy(update={"threshold": 0.0, "relative_threshold": 0.0, "model": ""})
    scores = [r.score for r in next(Matcher([INVEST, TRAINING], [prof], load_taxonomy(), cfg)
                                    .rank([prof], AS_OF, floor=0.0)).ranked]
    assert scores[1] < 0.9 * scores[0]
    cfg = cfg.model_copy(update={"relative_threshold": 0.9})
    (result,) = list(Matcher([INVEST, TRAINING], [prof], load_taxonomy(), cfg).rank([prof], AS_OF, floor=0.0))
    assert [(r.rank, r.worth_sending) for r in result.ranked] == [(1, True), (2, False)]


CIRCULAR_RD = call(id="cirk", title="Forskningsprojekt om cirkulär tillverkning",
                   summary="Företag och universitet forskar om cirkulär och fossilfri produktion.")


def test_an_rd_need_without_a_subject_takes_the_companys():
    # "Delta i forsknings- och innovationsprojekt" names no subject: the company's other
    # need decides which R&D call serves it
    rd = {"area": "innovation", "text": "Delta i forsknings- och innovationsprojekt med akademi.",
          "priority": "high"}
    circular = {"area": "hallbarhet", "text": "Ställa om till cirkulär tillverkning.", "priority": "low"}
    sensors = {"area": "digitalisering", "text": "Sensorer och inbyggda system.", "priority": "low"}
    m = Matcher([CIRCULAR_RD, SENSORS], [profile()], load_taxonomy(), HAND)
    for other, first in ((circular, "cirk"), (sensors, "sensor")):
        _, per_need = m.score([profile(needs=[rd, other])])
        rd_scores = dict(zip(("cirk", "sensor"), per_need[0, 0].tolist(), strict=True))
        assert max(rd_scores, key=rd_scores.get) == first
        assert rd_scores[first] >= m.cfg.need_served


def test_an_rd_call_on_another_subject_serves_an_rd_need_on_sensors_less_than_one_on_sensors():
    # the "innovation" area tags every R&D call: it is an activity, not a subject
    m = Matcher([CIRCULAR_RD, SENSORS], [profile()], load_taxonomy(), HAND)
    _, per_need = m.score([profile(needs=[SENSOR_NEED])])
    circ, sens = per_need[0, 0].tolist()
    assert sens > circ + 0.05
