"""Throughput of the batch matcher: 10,000 profiles × 2,000 calls, top 20 per profile.

Synthetic but realistic: calls are built from the real call texts of ``../shared/eval/``
(paragraphs of several real calls recombined, with their applicant and region fields),
profiles from the real need texts and keywords (needs recombined across profiles, areas
and sizes varied). Prints seconds and peak memory (max RSS) of the matcher, and the same
work done as a plain per-pair loop over the ``rank_bm25`` package on a subset of
profiles, scaled to the full size, so the speed-up is measured in one run.

    python bench/bench_matching.py [--profiles 10000] [--calls 2000] [--top 20] [--subset 5]
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hubb.profiles import Need, Profile, load_profiles  # noqa: E402
from hubb.record import CallRecord, read_jsonl  # noqa: E402
from hubb.taxonomy import load_taxonomy  # noqa: E402
from matcher.engine import Matcher  # noqa: E402
from matcher.text import stem_sv, tokens  # noqa: E402

SIZES = {"micro": 6, "small": 30, "medium": 120, "large": 800}


def synthetic_calls(real: list[CallRecord], n: int, rng: random.Random) -> list[CallRecord]:
    paragraphs = [p for r in real for p in r.text.split("\n\n") if len(p) > 40]
    out = []
    for i in range(n):
        base = rng.choice(real)
        text = "\n\n".join(rng.sample(paragraphs, k=min(8, len(paragraphs))))
        out.append(base.model_copy(update={"id": f"{base.id}-{i}", "text": base.text[:600] + "\n\n" + text}))
    return out


def synthetic_profiles(real: list[Profile], n: int, rng: random.Random) -> list[Profile]:
    needs = [need for p in real for need in p.needs]
    keywords = [k for p in real for k in p.keywords]
    out = []
    for i in range(n):
        size = rng.choice(list(SIZES))
        chosen = rng.sample(needs, k=rng.randint(1, 4))
        out.append(Profile(
            id=f"p{i}", company=f"Företag {i} AB", municipality="Örebro", sni=["25.620"],
            founded=rng.randint(1950, 2024), employees=SIZES[size], size=size,
            needs=[Need(area=nd.area, text=nd.text, priority=nd.priority) for nd in chosen],
            keywords=rng.sample(keywords, k=rng.randint(0, 5)),
            exclude=["jordbruk"] if i % 50 == 0 else [],
        ))
    return out


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def per_pair_bm25(calls: list[CallRecord], profiles: list[Profile]) -> float:
    """Seconds for a per-pair loop: one rank_bm25 score per (profile, call)."""
    from rank_bm25 import BM25Okapi

    corpus = [[stem_sv(t) for t in tokens("\n".join((c.title, c.summary, c.text)))] for c in calls]
    bm25 = BM25Okapi(corpus)
    start = time.perf_counter()
    for p in profiles:
        query = [stem_sv(t) for t in tokens(" ".join([n.text for n in p.needs] + list(p.keywords)))]
        scores = [bm25.get_batch_scores(query, [j])[0] for j in range(len(calls))]
        sorted(range(len(scores)), key=scores.__getitem__, reverse=True)[:20]
    return time.perf_counter() - start


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    ap.add_argument("--profiles", type=int, default=10_000)
    ap.add_argument("--calls", type=int, default=2_000)
    ap.add_argument("--top", type=int, default=20)
    ap.add_argument("--subset", type=int, default=5, help="profiles in the per-pair baseline")
    ap.add_argument("--hand-set", action="store_true",
                    help="score with the hand-set combination, not the learned model")
    args = ap.parse_args(argv)

    rng = random.Random(20261127)
    taxonomy = load_taxonomy()
    real_calls = list(read_jsonl(args.eval / "calls.jsonl"))
    real_profiles, _ = load_profiles(args.eval / "profiles", taxonomy)
    calls = synthetic_calls(real_calls, args.calls, rng)
    profiles = synthetic_profiles(real_profiles, args.profiles, rng)
    before = peak_mb()

    start = time.perf_counter()
    from matcher.config import load_matching_config

    cfg = load_matching_config()
    if args.hand_set:
        cfg = cfg.model_copy(update={"model": ""})
    matcher = Matcher(calls, profiles, taxonomy, cfg)
    indexed = time.perf_counter() - start
    shown = 0
    for result in matcher.rank(profiles, date(2026, 11, 27), top=args.top, floor=0.0):
        shown += len(result.ranked)
    total = time.perf_counter() - start
    peak = peak_mb()

    subset = profiles[: args.subset]
    loop = per_pair_bm25(calls, subset) * (len(profiles) / len(subset))
    print(f"matcher: {len(profiles):,} profiles × {len(calls):,} calls, top {args.top}: "
          f"{total:.2f} s (indexing calls {indexed:.2f} s), {shown:,} ranked")
    print(f"peak memory (max RSS): {peak:.0f} MB (data built before timing: {before:.0f} MB)")
    print(f"per-pair rank_bm25 loop on {len(subset)} profiles, scaled to {len(profiles):,}: {loop:.0f} s")
    print(f"speed-up: {loop / total:.0f}×")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
