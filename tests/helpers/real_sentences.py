"""The real-sentence table: real sentences from funders' public pages, each with the values a
careful reader extracts, read from ``tests/files/real_sentences/*.tsv``.

A row is ``url <TAB> sentence <TAB> expected [<TAB> as-of]``. ``expected`` lists the fields the
sentence states as ``field=value`` joined by "; " (lists comma-separated, order free), or "-" for
a sentence that states none; every field not listed must come out null. ``as-of`` (default
``AS_OF``) is the day the sentence is read on, for sentences whose year is left out. Lines
starting with "#" are comments.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from hubb.swedish.fields import FIELDS, extract_fields

DIR = Path(__file__).resolve().parent.parent / "files" / "real_sentences"
AS_OF = date(2026, 12, 3)
LISTS = {"applicants", "regions"}
INTS = {"employees_min", "employees_max", "company_age_min", "company_age_max", "budget_sek", "max_grant_sek"}


@dataclass(frozen=True)
class Row:
    file: str
    line: int
    url: str
    sentence: str
    expected: dict[str, Any]
    as_of: date

    @property
    def id(self) -> str:
        return f"{self.file}:{self.line}"


def _value(field: str, raw: str) -> Any:
    if field in LISTS:
        return sorted(v.strip() for v in raw.split(",") if v.strip())
    if field in INTS:
        return int(raw)
    return raw


def parse_expected(text: str, where: str) -> dict[str, Any]:
    expected: dict[str, Any] = {f: None for f in FIELDS}
    if text.strip() == "-":
        return expected
    for part in text.split(";"):
        field, sep, raw = part.strip().partition("=")
        if not sep or field not in FIELDS:
            raise ValueError(f"{where}: bad expected field {part.strip()!r}")
        expected[field] = _value(field, raw.strip())
    return expected


def load_rows(directory: Path = DIR) -> list[Row]:
    rows = []
    for path in sorted(directory.glob("*.tsv")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            where = f"{path.name}:{number}"
            if len(cells) not in (3, 4):
                raise ValueError(f"{where}: {len(cells)} columns, expected 3 or 4")
            as_of = date.fromisoformat(cells[3]) if len(cells) == 4 and cells[3].strip() else AS_OF
            rows.append(Row(path.name, number, cells[0], cells[1], parse_expected(cells[2], where), as_of))
    return rows


def normalised(fields: dict[str, Any]) -> dict[str, Any]:
    """Lists as sorted lists (order carries no meaning here), everything else as is."""
    return {k: (sorted(v) if isinstance(v, list) else v) for k, v in fields.items()}


def check(row: Row) -> dict[str, tuple[Any, Any]]:
    """field → (expected, got) for every field the parsers read differently from the table."""
    got = normalised(extract_fields(row.sentence, row.as_of))
    return {f: (row.expected[f], got[f]) for f in FIELDS if row.expected[f] != got[f]}
