"""Is a spider run healthy? Checked like a unit test after every run (after Spidermon's
monitors): a minimum item count, per-field fill rates of deadline / text / applicants,
a comparison with the previous healthy run, requests that still failed after retries,
and page structure the spider could not find. An unhealthy run changes no stored call.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from hubb.record import CallRecord
from hubb.vocab import Status
from scrapers.sources import HEALTH_FIELDS, Source


@dataclass
class Health:
    ok: bool
    #: why the run is unhealthy (empty when ok), short and specific
    reasons: list[str] = field(default_factory=list)
    #: share of items in which each watched field is filled
    fill: dict[str, float] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "reasons": self.reasons, "fill": self.fill, "warnings": self.warnings}


def filled(record: CallRecord, name: str) -> bool:
    if name == "deadline":
        # a call published as rolling has answered the date question
        return record.deadline is not None or record.status == Status.ROLLING.value
    value = getattr(record, name)
    return bool(value)


def fill_rates(records: list[CallRecord]) -> dict[str, float]:
    if not records:
        return {name: 0.0 for name in HEALTH_FIELDS}
    return {name: round(sum(filled(r, name) for r in records) / len(records), 3)
            for name in HEALTH_FIELDS}


#: statuses the retry middleware retries (settings.RETRY_HTTP_CODES): counted by it when given up
RETRIED_STATUSES = {500, 502, 503, 504, 522, 524, 408, 429}


#: a page that is gone: a stale link on a listing is worth a warning, not a failed run
GONE_STATUSES = {404, 410}


def failed_requests(stats: Mapping[str, Any]) -> tuple[int, int, int]:
    """(requests given up after retries, other HTTP error answers such as 403, pages gone)."""
    retried = int(stats.get("retry/max_reached", 0))
    prefix = "httperror/response_ignored_status_count/"
    statuses = {int(k[len(prefix):]): int(v) for k, v in stats.items() if k.startswith(prefix)}
    other = sum(n for code, n in statuses.items() if code not in RETRIED_STATUSES | GONE_STATUSES)
    gone = sum(n for code, n in statuses.items() if code in GONE_STATUSES)
    return retried, other, gone


def assess(source: Source, records: list[CallRecord], *, dropped: int, stats: Mapping[str, Any],
           previous_items: int | None, min_items: int, min_fill_rate: float,
           collapse_ratio: float, check_mode: bool = False) -> Health:
    """The health of one run of ``source`` that yielded ``records``."""
    reasons: list[str] = []
    warnings: list[str] = []
    n = len(records)
    wanted = source.min_items if source.min_items is not None else min_items
    if n < wanted:
        reasons.append(f"{n} items (at least {wanted} expected)")
    fill = fill_rates(records)
    if n and not check_mode:
        for name in HEALTH_FIELDS:
            need = source.min_fill.get(name, min_fill_rate)
            if fill[name] < need:
                reasons.append(f"{name} filled in {fill[name]:.0%} of items (at least {need:.0%} expected)")
    if previous_items and not check_mode and n < collapse_ratio * previous_items:
        reasons.append(f"item count collapsed from {previous_items} to {n}")
    retried, http_errors, gone = failed_requests(stats)
    if retried:
        reasons.append(f"{retried} request(s) failed after retries")
    if http_errors:
        reasons.append(f"{http_errors} page(s) answered with an HTTP error")
    if gone:
        warnings.append(f"{gone} linked page(s) not found (404/410)")
    errors = int(stats.get("spider_exceptions/count", 0) or sum(
        v for k, v in stats.items() if k.startswith("spider_exceptions/")))
    if errors:
        reasons.append(f"{errors} page(s) raised an error in the spider")
    problems = list(stats.get("hubb/structure_problems") or [])
    if stats.get("hubb/structure_missing/fatal"):
        reasons.append("expected structure missing: " + "; ".join(problems[:3]))
    elif problems:
        warnings.append("expected structure missing: " + "; ".join(problems[:3]))
    if dropped and dropped > n:
        reasons.append(f"{dropped} of {n + dropped} items failed validation")
    elif dropped:
        warnings.append(f"{dropped} item(s) failed validation")
    return Health(ok=not reasons, reasons=reasons, fill=fill, warnings=warnings)
