"""What the grading scripts share: where the shared labelled set lies, the profiles they grade,
the profile × call cross product of one batch's judgements, and the qrels file it is written to.

Each batch's script (``bench/labels/make_qrels.py``, ``make_qrels_more.py``,
``bench/labels3/make_qrels.py``) holds only its grader's judgements: call-level exclusions,
per-company rules, graded pairs with reasons, and the reason of an eligible pair not graded.
"""
import json
import pathlib

import yaml

REPO = pathlib.Path(__file__).resolve().parents[2]
SHARED_NAMES = ["bageri-orebro", "elektronik-karlskoga", "snickeri-laxa", "storindustri-orebro",
                "svets-hallsberg"]
GROWN_PROFILES = REPO / "bench" / "labels" / "profiles"


def shared_eval() -> pathlib.Path:
    """../shared/eval beside the repo (the centre's layout), else the centre's absolute path."""
    return next((d for d in (REPO.parent / "shared" / "eval", pathlib.Path("/work/shared/eval")) if d.is_dir()),
                REPO.parent / "shared" / "eval")


def read_calls(path: pathlib.Path, expected: int) -> list[dict]:
    calls = [json.loads(line) for line in open(path, encoding="utf-8")]
    assert len(calls) == expected, (path, len(calls))
    return calls


def load_profiles(shared: bool = True) -> dict[str, dict]:
    """name → profile: the 15 of bench/labels/profiles, and the 5 shared ones when asked."""
    out = {}
    if shared:
        for name in SHARED_NAMES:
            out[name] = yaml.safe_load(open(shared_eval() / "profiles" / f"{name}.yaml", encoding="utf-8"))
    for f in sorted(GROWN_PROFILES.glob("*.yaml")):
        out[f.stem] = yaml.safe_load(open(f, encoding="utf-8"))
    return out


def graded_rows(profiles: dict[str, dict], calls: list[dict], grades: dict, all_ineligible: dict,
                company_rules, ungraded_reason) -> list[tuple]:
    """Every (profile, call) pair once: ineligible (call-level or by ``company_rules(name,
    profile)``) with grade 0, else the grader's grade, else eligible grade 0 with
    ``ungraded_reason(call index)``."""
    assert set(grades) == set(profiles), set(grades) ^ set(profiles)
    rows = []
    for name in sorted(profiles):
        inel = dict(all_ineligible)
        inel.update(company_rules(name, profiles[name]))
        for i, c in enumerate(calls):
            if i in inel:
                assert i not in grades[name], (name, i)
                rows.append((name, c["source"], c["id"], 0, "false", inel[i]))
            elif i in grades[name]:
                g, why = grades[name][i]
                rows.append((name, c["source"], c["id"], g, "true", why))
            else:
                rows.append((name, c["source"], c["id"], 0, "true", ungraded_reason(i)))
    return rows


def write_qrels(path: pathlib.Path, rows: list[tuple]) -> None:
    """The TSV with the shared set's header line; a reason holds no tab or newline."""
    with open(path, "w", encoding="utf-8") as f:
        f.write("profile\tsource\tid\tgrade\teligible\treason\n")
        for r in rows:
            assert "\t" not in r[5] and "\n" not in r[5]
            f.write("\t".join(map(str, r)) + "\n")
