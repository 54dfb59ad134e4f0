"""The real-sentence table through the Swedish parsers: prints the pass rate (a row passes when
every field comes out as the table says, nulls included), the failures per field, and with
``-v`` each failing row.

    python bench/real_sentences.py [-v]
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.helpers.real_sentences import check, load_rows  # noqa: E402


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    rows = load_rows()
    failed = 0
    per_field: Counter[str] = Counter()
    for row in rows:
        diff = check(row)
        if not diff:
            continue
        failed += 1
        per_field.update(list(diff))
        if verbose:
            print(f"FAIL {row.id}  {row.sentence}")
            for field, (want, got) in diff.items():
                print(f"     {field}: want {want!r}, got {got!r}")
    passed = len(rows) - failed
    print(f"{passed}/{len(rows)} sentences read right ({100 * passed / max(len(rows), 1):.1f} %)")
    for field, n in per_field.most_common():
        print(f"  {field}: {n} wrong")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
