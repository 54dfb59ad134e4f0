"""Benchmark: the end-to-end harvest over the local copies of the sites, at scale.

Serves generated calls (default 500 across the four sources, shaped like the real mix:
many Vinnova rounds and Tillväxtverket calls, a few dozen regional and IUC pages) on
127.0.0.1, runs the whole harvest twice into a fresh SQLite file (each run in a fresh
process, as `hubb harvest` does) and prints pages/s parsed, the requests each run made
(counted by the servers), and the peak memory of the harvesting process. The repeated
harvest, with nothing changed, must make no more than 10% of the first one's requests,
and download no more than 10% of its full pages (200 answers; a 304 of a conditional
request is not one).

    python bench/harvest.py                   # 500 calls
    python bench/harvest.py --calls 2000
    python bench/harvest.py --recheck-hours 0 # every detail page revalidated on every harvest
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

#: share of the calls per source (the real sites: Vinnova has the most open rounds)
MIX = {"vinnova": 0.5, "tillvaxtverket": 0.4, "region_orebro": 0.05, "iuc": 0.05}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=500, help="calls across the sources (default 500)")
    parser.add_argument("--recheck-hours", type=float, default=None,
                        help="override every source's recheck_hours (default: sources.yaml's)")
    args = parser.parse_args()

    from hubb.clock import today
    from scrapers.run import run_harvest
    from scrapers.sites import renderers
    from scrapers.sites.generate import generate_records
    from scrapers.sites.server import SiteFarm

    available = renderers()
    counts = {s: max(1, round(args.calls * share)) for s, share in MIX.items() if s in available}
    records = {s: generate_records(s, n, today()) for s, n in counts.items()}
    with tempfile.TemporaryDirectory(prefix="hubb-bench-") as tmp:
        farm = SiteFarm.start({s: available[s](r) for s, r in records.items()})
        try:
            extra = {} if args.recheck_hours is None else {"recheck_hours": args.recheck_hours}
            sources_file = farm.write_sources_file(Path(tmp) / "sources.yaml", download_delay=0,
                                                   concurrency=8, download_timeout=10, retry_times=1, **extra)
            os.environ["HUBB_SOURCES_FILE"] = str(sources_file)
            os.environ["HUBB_DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
            from hubb.settings import get_settings

            get_settings(fresh=True)
            print(f"calls served: {sum(counts.values())} ({', '.join(f'{s} {n}' for s, n in counts.items())})")
            totals, fulls = [], []
            for label in ("first", "repeated"):
                farm.reset_counts()
                start = time.perf_counter()
                results = run_harvest(list(counts), isolate=True, log_level="WARNING")
                elapsed = time.perf_counter() - start
                requests = farm.total_requests()
                pages = sum(r.pages_parsed for r in results)
                items = sum(r.items for r in results)
                totals.append(requests)
                full = sum(r.full_responses for r in results)
                fulls.append(full)
                print(f"\n{label} harvest: {elapsed:.1f} s, {requests} requests ({full} full pages), {pages} pages parsed "
                      f"({pages / elapsed:.0f} pages/s), {items} calls ({items / elapsed:.0f} calls/s); "
                      f"process start-up and storing included")
                for r in results:
                    print(f"  {r.source:<15} {farm.total_requests(r.source):>5} requests {r.full_responses:>5} full  "
                          f"{r.pages_parsed:>5} pages  {r.summary()}")
            peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            ratio = totals[1] / totals[0] if totals[0] else 0.0
            print(f"\npeak memory of a harvest process: {peak_kb / 1024:.0f} MB")
            full_ratio = fulls[1] / fulls[0] if fulls[0] else 0.0
            print(f"repeated / first requests: {totals[1]}/{totals[0]} = {ratio:.1%} (target ≤ 10%)")
            print(f"repeated / first full pages (200): {fulls[1]}/{fulls[0]} = {full_ratio:.1%} (target ≤ 10%)")
            return 0 if full_ratio <= 0.10 and (ratio <= 0.10 or args.recheck_hours == 0) else 1
        finally:
            farm.stop()


if __name__ == "__main__":
    raise SystemExit(main())
