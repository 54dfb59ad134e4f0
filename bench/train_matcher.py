"""Train the matcher's learned combination and write config/matcher_model.json.

    python bench/train_matcher.py [--labels DIR …] [--qrels FILE …] [--db URL] [--out FILE]

Reads every labelled folder that exists (``../shared/eval`` and ``bench/labels`` by default;
:mod:`matcher.labels`) and, with ``--db`` (or ``HUBB_DATABASE_URL`` when ``--db`` is given
without a value), the judgements people gave in the web app — staff grades and companies'
"passar inte" / "intressant" (:func:`db.feedback.training_pairs`) — as further labelled pairs
of the stored calls and the configured profiles. Fits the logistic model
(:func:`matcher.learn.train`) on every eligible labelled pair, its ridge strength and
feature set chosen by an inner cross-validation on whole lists, and sets its one sending cut
on that cross-validation's held-out scores (the best shown nDCG@10 with must-see ≥ 0.9 and
noise ≤ 25 % where it can), so the cut is not fitted to the pairs it is judged on; it also
runs the outer cross-validation and records its figure. The file records the data's hash, pair counts and this command; training is
deterministic (Newton steps from zero, sorted inputs), so the same labels give the same file.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import eval_matching as em  # noqa: E402

from hubb.taxonomy import load_taxonomy  # noqa: E402
from matcher.eligibility import call_facts, eligible_mask, profile_facts, rule_masks  # noqa: E402
from matcher.engine import Matcher  # noqa: E402
from matcher.labels import DEFAULT_DIRS, LabelSet, load_label_sets  # noqa: E402
from matcher.learn import MODEL_FILE, closed_sector_mask, data_hash, feature_names, features  # noqa: E402


def add_feedback(ls: LabelSet, url: str) -> int:
    """Add the database's judgements to the label set (a later grade of a pair wins)."""
    from db.engine import make_engine
    from db.feedback import training_pairs

    engine = make_engine(url)
    records, profiles, pairs = training_pairs(engine)
    known_calls = {r.id for r in ls.records}
    ls.records.extend(r for r in records if r.id not in known_calls)
    known_profiles = {p.id for p in ls.profiles}
    ls.profiles.extend(p for p in profiles if p.id not in known_profiles)
    for pid, cid, grade in pairs:
        ls.qrels[(pid, cid)] = (grade, True)
    ls.sources.append(f"database ({len(pairs)} judgements)")
    return len(pairs)


def _shown_path(source: str) -> str:
    """A label folder as seen from the repository (the file must not name this machine's paths)."""
    return os.path.relpath(source, ROOT) if Path(source).is_absolute() else source


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--labels", type=Path, action="append", default=None)
    ap.add_argument("--qrels", type=Path, action="append", default=[])
    ap.add_argument("--db", nargs="?", const="", default=None,
                    help="also read the judgements stored in this database (default: the settings')")
    ap.add_argument("--as-of", type=date.fromisoformat, default=date(2026, 11, 27))
    ap.add_argument("--out", type=Path, default=MODEL_FILE)
    args = ap.parse_args(argv)

    taxonomy = load_taxonomy()
    ls = load_label_sets(args.labels or DEFAULT_DIRS, taxonomy, args.qrels)
    if args.db is not None:
        from hubb.settings import get_settings

        add_feedback(ls, args.db or get_settings().database_url)
    if not ls.qrels:
        print("train_matcher: no labelled pairs found", file=sys.stderr)
        return 2
    ls.records.sort(key=lambda r: (r.source, r.id))
    ls.profiles.sort(key=lambda p: p.id)
    cv = em.cross_validate(ls, taxonomy, args.as_of, 5, (0, 1, 2), verbose=False)

    cfg = em.evidence_config()
    m = Matcher(ls.records, ls.profiles, taxonomy, cfg)
    X = features(m, ls.profiles, as_of=args.as_of)
    eligible = eligible_mask(rule_masks(profile_facts(ls.profiles, args.as_of),
                                        call_facts(ls.records, args.as_of), cfg.startup_max_age_years))
    pix = {p.id: i for i, p in enumerate(ls.profiles)}
    cix = {r.id: i for i, r in enumerate(ls.records)}
    labelled = np.zeros(eligible.shape, dtype=bool)
    grades = np.zeros(eligible.shape)
    for (pid, cid), (grade, _) in ls.qrels.items():
        labelled[pix[pid], cix[cid]] = True
        grades[pix[pid], cix[cid]] = grade
    learned = cv["summary"].get("learned, shown (≥ cut)", {}).get("ndcg@10", {})
    meta = {
        "trained_on": {"pairs": int((labelled & eligible).sum()), "profiles": len(ls.profiles),
                       "calls": len(ls.records), "labels": [_shown_path(s) for s in ls.sources],
                       "hash": data_hash(ls.pairs())},
        "threshold_from": "the best shown nDCG@10 (must-see >= 0.9, noise <= 25 % where reachable) on the "
                          "inner cross-validation's held-out scores",
        "cv_ndcg@10_shown": round(float(learned.get("mean", float("nan"))), 3),
        "command": "python bench/train_matcher.py",
    }
    # as in every training fold of the cross-validation: L2 by the inner CV, the eligible pairs
    model = em.train_model(X, eligible, labelled, grades, [p.id for p in ls.profiles], [r.id for r in ls.records],
                           ls.qrels, closed_sector_mask(m, ls.profiles), names=feature_names(cfg), meta=meta)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    model.save(args.out)
    print(f"wrote {args.out}: {meta['trained_on']['pairs']} eligible labelled pairs of {len(ls.profiles)} profiles × "
          f"{len(ls.records)} calls; cut {model.threshold:.2f}; cross-validated nDCG@10 (shown) "
          f"{meta['cv_ndcg@10_shown']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
