"""The call-record fields one text states, read by the Swedish parsers together.

``extract_fields(text, ref) -> dict`` gives the keys of the call-record contract that the parsers
can read from free text — ``deadline``, ``opens``, ``status``, ``applicants``, ``employees_min``,
``employees_max``, ``company_age_min``, ``company_age_max``, ``budget_sek``, ``max_grant_sek``,
``regions`` — with JSON-ready values (ISO dates, vocabulary strings, whole kronor, NUTS codes) and
``None`` where the text says nothing. ``hubb extract`` prints it; a spider can call it on any
block of a page whose headings it does not know.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from hubb.swedish.amounts import budget_and_max_grant
from hubb.swedish.dates import find_deadline
from hubb.swedish.eligibility import parse_stated_applicants
from hubb.swedish.regions import collapse_regions, find_regions, without_funder_names

FIELDS = ("deadline", "opens", "status", "applicants", "employees_min", "employees_max",
          "company_age_min", "company_age_max", "budget_sek", "max_grant_sek", "regions")


def extract_fields(text: str, ref: date | None = None) -> dict[str, Any]:
    """Every field of ``FIELDS`` that ``text`` states, ``None`` for the others; ``ref`` is the day
    relative dates and the status are read against (default: today)."""
    d = find_deadline(text, ref)
    # only sentences that say who may apply name applicants (a line is any sentence of a page)
    e = parse_stated_applicants(text)
    budget, grant = budget_and_max_grant(text)
    codes = collapse_regions(find_regions(without_funder_names(text), include_eu=True))
    return {
        "deadline": d.deadline.isoformat() if d.deadline is not None else None,
        "opens": d.opens.isoformat() if d.opens is not None else None,
        "status": d.status.value if d.status is not None else None,
        "applicants": [a.value for a in e.applicants] or None,
        "employees_min": e.employees_min,
        "employees_max": e.employees_max,
        "company_age_min": e.company_age_min,
        "company_age_max": e.company_age_max,
        "budget_sek": budget,
        "max_grant_sek": grant,
        "regions": codes or None,
    }
