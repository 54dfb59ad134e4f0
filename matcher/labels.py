"""Labelled sets: advisors' grades of (profile, call) pairs, from any number of folders.

A folder holds ``qrels.tsv`` and any further ``qrels_*.tsv`` (``profile, source, id, grade,
eligible, reason``; a header line is skipped), and optionally ``profiles/*.yaml`` and ``calls.jsonl``. The shared set
(``../shared/eval``) and the grown sets in the repository (``bench/labels``: 15 profiles and 40
calls; ``bench/labels3``: 24 more calls) are merged: the
profiles and calls of all folders, and every grade (a later folder's grade of the same pair
wins). Whatever exists is used; a missing folder is skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from hubb.profiles import Profile, load_profiles
from hubb.record import CallRecord, read_jsonl
from hubb.taxonomy import Taxonomy

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIRS = (ROOT.parent / "shared" / "eval", ROOT / "bench" / "labels", ROOT / "bench" / "labels3")

Qrels = dict[tuple[str, str], tuple[int, bool]]


def load_qrels(path: Path) -> Qrels:
    """(profile, call id) → (grade, eligible) of one qrels file; bad lines name file:line."""
    out: Qrels = {}
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        cols = line.split("\t")
        if not line.strip() or (i == 1 and cols[0] == "profile"):
            continue
        try:
            out[(cols[0], cols[2])] = (int(cols[3]), cols[4].strip().lower() == "true")
        except (IndexError, ValueError):
            raise ValueError(f"{path}:{i}: expected profile, source, id, grade 0–3, eligible") from None
    return out


@dataclass
class LabelSet:
    records: list[CallRecord] = field(default_factory=list)
    profiles: list[Profile] = field(default_factory=list)
    qrels: Qrels = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)

    def pairs(self) -> list[tuple[str, str, int]]:
        return [(p, c, g) for (p, c), (g, _) in self.qrels.items()]


def load_label_sets(dirs, taxonomy: Taxonomy, extra_qrels=()) -> LabelSet:
    """Merge the folders that exist (and extra qrels files); profiles and calls by id."""
    out = LabelSet()
    calls: dict[str, CallRecord] = {}
    profiles: dict[str, Profile] = {}
    for d in dirs:
        d = Path(d)
        if not (d / "qrels.tsv").is_file():
            continue
        out.sources.append(str(d))
        if (d / "calls.jsonl").is_file():
            for r in read_jsonl(d / "calls.jsonl"):
                calls.setdefault(r.id, r)
        if (d / "profiles").is_dir():
            loaded, _errors = load_profiles(d / "profiles", taxonomy)
            for p in loaded:
                profiles.setdefault(p.id, p)
        for f in [d / "qrels.tsv", *sorted(d.glob("qrels_*.tsv"))]:
            out.qrels.update(load_qrels(f))
    for f in extra_qrels:
        out.sources.append(str(f))
        out.qrels.update(load_qrels(Path(f)))
    # only graded pairs of known profiles and calls
    out.qrels = {k: v for k, v in out.qrels.items() if k[0] in profiles and k[1] in calls}
    out.records = sorted(calls.values(), key=lambda r: (r.source, r.id))
    out.profiles = sorted(profiles.values(), key=lambda p: p.id)
    return out
