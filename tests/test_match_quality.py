"""The matcher against the advisors' labelled sets: ``../shared/eval/`` and ``bench/labels``.

Runs the evaluation harness as an operator would (``bench/eval_matching.py --json``). What
counts is the cross-validated figure on the grown set (profiles and calls held out together,
every choice made on the training folds): nothing ineligible shown, must-see recall ≥ 0.9,
and a clear margin over BM25 behind the plain eligibility rules on the same folds. The
shipped model's figures on ``../shared/eval`` are in-sample (it was trained on those pairs
too) and guard only against regressions. A change to text analysis, features or training
that loses ranking quality fails here, not in a company's inbox.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED_EVAL = ROOT.parent / "shared" / "eval"

pytestmark = pytest.mark.skipif(not (SHARED_EVAL / "qrels.tsv").is_file(),
                                reason="the labelled set ../shared/eval is not beside the checkout")


@pytest.fixture(scope="module")
def figures():
    out = subprocess.run([sys.executable, str(ROOT / "bench" / "eval_matching.py"), "--json",
                          "--eval", str(SHARED_EVAL), "--as-of", "2026-11-27"],
                         capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(out.stdout)


@pytest.fixture(scope="module")
def cv():
    out = subprocess.run([sys.executable, str(ROOT / "bench" / "eval_matching.py"), "--cv", "--json",
                          "--eval", str(SHARED_EVAL), "--folds", "5", "--repeats", "3"],
                         capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(out.stdout)


@pytest.fixture(scope="module")
def whole(cv):
    return cv["whole_lists"]["summary"]


def test_cross_validated_shown_lists_are_eligible_and_keep_the_must_see_calls(cv):
    shown = cv["summary"]["learned, shown (≥ cut)"]
    assert shown["ineligible_shown"]["total"] == 0
    assert shown["pooled"]["must_recall@10"] >= 0.9


def test_cross_validated_learned_matcher_beats_bm25_with_rules_and_the_hand_set_one(cv):
    cv = cv["summary"]
    ours = cv["learned, shown (≥ cut)"]["ndcg@10"]["mean"]
    assert ours >= cv["BM25 + plain rules"]["ndcg@10"]["mean"] + 0.15
    assert ours >= cv["hand-set, shown (cut chosen in training)"]["ndcg@10"]["mean"]


def test_on_whole_lists_too_the_learned_matcher_beats_the_baselines_and_shows_nothing_ineligible(whole):
    ours = whole["learned, shown (≥ cut)"]
    assert ours["ineligible_shown"] == 0
    assert ours["ndcg@10"] >= whole["BM25 + plain rules"]["ndcg@10"] + 0.1
    assert ours["ndcg@10"] > whole["hand-set, shown (cut chosen in training)"]["ndcg@10"]


def test_in_sample_figures_on_the_shared_set_do_not_regress(figures):
    shown = figures["matcher, shown (≥ threshold)"]
    assert shown["ineligible_shown"] == 0
    assert shown["must_recall@10"] >= 0.9
    assert shown["ndcg@10"] >= 0.65  # in-sample 0.680 with the committed model (hand-set: 0.774)


def test_the_matcher_beats_every_baseline(figures):
    ours = figures["matcher, shown (≥ threshold)"]["ndcg@10"]
    for baseline in ("keyword substring", "BM25 (Swedish stemming)", "BM25 + plain rules"):
        assert ours > figures[baseline]["ndcg@10"] + 0.2, baseline


def test_derivational_endings_carry_their_weight(figures):
    # the fifth round's change, measured by its ablation row: without it the ranking is worse
    assert figures["matcher, ranking (top 10)"]["ndcg@10"] > \
        figures["without derivational endings, ranking"]["ndcg@10"] + 0.02
