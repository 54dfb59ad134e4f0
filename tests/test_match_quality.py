"""The matcher against the advisors' labelled set (``../shared/eval/``): issue 4's targets.

Runs the evaluation harness as an operator would (``bench/eval_matching.py --json``) and
holds what the company is shown to the targets — nDCG@10 ≥ 0.75, must-see recall@10 ≥ 0.9,
no ineligible call, at most 30% of shown calls graded 0 — and to beating the baseline that
the issue names (BM25 behind the plain eligibility rules). A change to text analysis,
weights or thresholds that loses ranking quality fails here, not in a company's inbox.
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


def test_what_is_shown_meets_the_targets(figures):
    shown = figures["matcher, shown (≥ threshold)"]
    assert shown["ineligible_shown"] == 0
    assert shown["must_recall@10"] >= 0.9
    assert shown["noise"] <= 0.30
    assert shown["ndcg@10"] >= 0.75


def test_the_matcher_beats_every_baseline(figures):
    ours = figures["matcher, shown (≥ threshold)"]["ndcg@10"]
    for baseline in ("keyword substring", "BM25 (Swedish stemming)", "BM25 + plain rules"):
        assert ours > figures[baseline]["ndcg@10"] + 0.2, baseline


def test_derivational_endings_carry_their_weight(figures):
    # the fifth round's change, measured by its ablation row: without it the ranking is worse
    assert figures["matcher, ranking (top 10)"]["ndcg@10"] > \
        figures["without derivational endings, ranking"]["ndcg@10"] + 0.02
