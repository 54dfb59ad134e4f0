"""The learned combination: the committed model loads, scores reproducibly, and rules cap it."""

import json
from datetime import date

import numpy as np
import pytest

from hubb.taxonomy import load_taxonomy
from matcher.config import load_matching_config
from matcher.engine import Matcher
from matcher.learn import (
    FEATURES,
    MODEL_FILE,
    LearnedModel,
    apply_rules,
    configured,
    feature_names,
    features,
    train,
)
from tests.test_match_eligibility import call, profile

AS_OF = date(2026, 11, 27)

INVEST = call(id="invest", title="Investeringsstöd för energieffektivisering i industrin",
              summary="Stöd till investeringar som minskar energianvändningen i tillverkande företag.",
              text="Företaget kan få stöd för investeringar i ny utrustning som sparar energi.")
RURAL = call(id="rural", title="Stöd till kommersiell service på landsbygden",
             summary="Stöd till dagligvarubutiker och drivmedelsstationer i glesbygd.",
             text="Butiker på landsbygden kan söka stöd för investeringar.")
ENERGY_NEED = [{"area": "hallbarhet", "text": "Minska energianvändningen i härdugnarna med ny utrustning som sparar energi.",
                "priority": "high"}]


def test_the_committed_model_is_the_configured_one_and_matches_the_code():
    cfg = load_matching_config()
    model = configured(cfg)
    assert model is not None
    assert model.features[:len(FEATURES)] == FEATURES
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    assert data["version"] == 1
    assert data["command"] == "python bench/train_matcher.py"
    assert len(data["coefficients"]) == len(data["features"]) == len(data["mean"]) == len(data["scale"])
    assert 0.0 <= model.threshold <= 1.0


def test_scores_repeat_exactly_run_after_run():
    prof = profile(needs=ENERGY_NEED)
    first = [(r.call, r.score, r.worth_sending) for r in next(
        Matcher([INVEST, RURAL], [prof], load_taxonomy()).rank([prof], AS_OF, floor=0.0)).ranked]
    second = [(r.call, r.score, r.worth_sending) for r in next(
        Matcher([INVEST, RURAL], [prof], load_taxonomy()).rank([prof], AS_OF, floor=0.0)).ranked]
    assert first == second
    assert [c for c, _, _ in first][0] == 0  # the energy investment call before rural shops


def test_worth_sending_is_the_models_one_cut():
    prof = profile(needs=ENERGY_NEED)
    m = Matcher([INVEST, RURAL], [prof], load_taxonomy())
    (result,) = list(m.rank([prof], AS_OF, floor=0.0))
    for r in result.ranked:
        assert r.worth_sending == (r.score >= round(m.model.threshold, 4))


def test_training_is_deterministic_and_round_trips_through_the_file(tmp_path):
    rng = np.random.default_rng(7)
    X = rng.random((200, len(FEATURES))).astype(np.float32)
    grades = (X[:, 1] * 3 + rng.random(200) * 0.5).clip(0, 3).round()
    a, b = train(X, grades, FEATURES, threshold=0.3), train(X, grades, FEATURES, threshold=0.3)
    assert a.to_json() == b.to_json()
    a.save(tmp_path / "m.json")
    loaded = LearnedModel.load(tmp_path / "m.json")
    np.testing.assert_allclose(loaded.predict(X), a.predict(X), atol=1e-6)
    # the evidence that carries relevance gets a positive weight
    assert a.coef[FEATURES.index("best_need")] > 0


def test_a_model_on_a_feature_subset_weighs_only_those_and_keeps_every_column(tmp_path):
    rng = np.random.default_rng(3)
    names = FEATURES + ("kind:loan", "kind:cheque")
    X = rng.random((150, len(names))).astype(np.float32)
    grades = (X[:, 1] * 3).round()
    model = train(X, grades, names, l2=10.0, use=FEATURES)
    assert model.features == names
    assert model.coef[-2:].tolist() == [0.0, 0.0]
    assert model.meta["features_used"] == list(FEATURES)
    # the kinds' columns do not move the score; the evidence does
    moved = X.copy()
    moved[:, -2:] = 1 - moved[:, -2:]
    np.testing.assert_allclose(model.predict(moved), model.predict(X))
    assert model.coef[FEATURES.index("best_need")] > 0
    model.save(tmp_path / "m.json")
    np.testing.assert_allclose(LearnedModel.load(tmp_path / "m.json").predict(X), model.predict(X), atol=1e-6)


def test_a_model_for_other_features_is_refused_with_its_file_named(tmp_path):
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    data["features"] = data["features"][:-1]
    data["coefficients"], data["mean"], data["scale"] = (data[k][:-1] for k in ("coefficients", "mean", "scale"))
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    cfg = load_matching_config().model_copy(update={"model": str(bad)})
    with pytest.raises(ValueError, match="bad.json: matcher model"):
        configured(cfg)


def test_no_word_evidence_or_a_closed_sector_caps_a_pair_at_marginal():
    X = np.zeros((1, 3, len(FEATURES) + 9), dtype=np.float32)
    X[0, 1, FEATURES.index("need_words")] = 0.5
    X[0, 2, FEATURES.index("keywords")] = 0.5
    scores = np.array([[0.9, 0.9, 0.9]])
    closed = np.array([[False, False, True]])
    capped = apply_rules(scores, X, closed, marginal=1 / 3)
    np.testing.assert_allclose(capped, [[1 / 3, 0.9, 1 / 3]])


def test_features_are_in_range_and_name_the_need_words():
    prof = profile(needs=ENERGY_NEED)
    m = Matcher([INVEST, RURAL], [prof], load_taxonomy())
    X = features(m, [prof])
    assert X.shape == (1, 2, len(feature_names(m.cfg)))
    assert np.isfinite(X).all()
    words = FEATURES.index("need_words")
    assert X[0, 0, words] > X[0, 1, words]


# --- how a company stands among the centre's companies (specificity, standing) -----------------

AUTOMATION_NEED = [{"area": "automation", "text": "Robotisera svetsningen av stålkomponenter.", "priority": "high"}]


def _population():
    return [profile(id="energi", needs=ENERGY_NEED), profile(id="robot", needs=AUTOMATION_NEED),
            profile(id="energi2", needs=ENERGY_NEED, employees=12)]


def test_standing_is_the_share_of_the_centres_companies_a_call_fits_less_well():
    from matcher.learn import call_standing

    people = _population()
    m = Matcher([INVEST, RURAL], people, load_taxonomy())
    heuristic, _ = m.score(people, AS_OF)
    specificity, standing = call_standing(m, heuristic, AS_OF)
    invest = 0
    # the robot welder fits the energy investment call worst: no company below it, two above
    assert heuristic[1, invest] < min(heuristic[0, invest], heuristic[2, invest])
    assert standing[1, invest] == 0.0
    assert standing[0, invest] >= 1 / 3 and standing[2, invest] >= 1 / 3
    assert specificity[1, invest] < 0 < specificity[0, invest]
    # the mean company has specificity 0: the deviations sum to zero
    assert abs(float(specificity[:, invest].sum())) < 1e-4


def test_a_call_every_company_fits_alike_gives_no_specificity():
    from matcher.learn import CallReference

    ref = CallReference.from_scores(np.array([[0.4, 0.0], [0.4, 0.2], [0.4, 0.6]], dtype=np.float32))
    specificity, standing = ref.standing(np.array([[0.4, 0.2]], dtype=np.float32))
    np.testing.assert_allclose(specificity[0, 0], 0.0)
    assert standing[0, 0] == 0.0            # nobody scores below 0.4 for the first call
    np.testing.assert_allclose(standing[0, 1], 1 / 3)  # one of three scores below 0.2
    np.testing.assert_allclose(specificity[0, 1], (0.2 - 0.8 / 3) / (np.std([0.0, 0.2, 0.6]) + 0.05), rtol=1e-5)


def test_a_company_scores_the_same_alone_as_among_all_whatever_their_order():
    people = _population()
    calls = [INVEST, RURAL]
    m = Matcher(calls, people, load_taxonomy())
    together = {res.profile.id: [(r.call, r.score) for r in res.ranked] for res in m.rank(people, AS_OF, floor=0.0)}
    for prof in people:
        (alone,) = list(m.rank([prof], AS_OF, floor=0.0))
        assert [(r.call, r.score) for r in alone.ranked] == together[prof.id]
    shuffled = Matcher(calls, people[::-1], load_taxonomy())
    again = {res.profile.id: [(r.call, r.score) for r in res.ranked] for res in shuffled.rank(people, AS_OF, floor=0.0)}
    assert again == together


def test_the_reference_is_an_even_sample_by_profile_id_beyond_its_size(monkeypatch):
    import matcher.engine as engine

    monkeypatch.setattr(engine, "REFERENCE_COMPANIES", 2)
    people = _population()
    a = Matcher([INVEST, RURAL], people, load_taxonomy()).reference(AS_OF)
    b = Matcher([INVEST, RURAL], people[::-1], load_taxonomy()).reference(AS_OF)
    np.testing.assert_array_equal(a.mean, b.mean)
    np.testing.assert_array_equal(a.below, b.below)
    # two of the three companies (ids energi and robot: every second by id) make the reference
    m = Matcher([INVEST, RURAL], people, load_taxonomy())
    sample = [p for p in people if p.id in ("energi", "robot")]
    np.testing.assert_allclose(a.mean, m.score(sample, AS_OF)[0].mean(axis=0, keepdims=True), rtol=1e-6)
