"""Is a spider run healthy? Checked like a unit test after every run (after Spidermon's
monitors): a minimum item count, per-field fill rates of deadline / text / applicants,
a comparison with the previous healthy run, requests that still failed after retries,
and page structure the spider could not find. An unhealthy run changes no stored call.

Issue 13 adds the checks that tell a changed layout from new data: listing pages and
detail pages that could not be read (a failed detail page leaves its call as stored; too
many make the run unhealthy), and, per field, a comparison with the stored calls (a field
known on many calls that arrives blank, or changes on many at once), with the last
healthy run's fill rates, and with its share of pages read by a fallback ("found by its
words"). Thresholds: :data:`THRESHOLDS`, overridden per source in ``config/sources.yaml``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from hubb.record import CallRecord
from hubb.vocab import Status
from scrapers.sources import HEALTH_FIELDS, Source, SourcesError

#: contract fields compared with the stored calls and the last healthy run
LAYOUT_FIELDS = (
    "title", "summary", "text", "opens", "deadline", "applicants", "regions",
    "employees_min", "employees_max", "company_age_min", "company_age_max",
    "budget_sek", "max_grant_sek",
)

#: defaults of the layout-change thresholds (sources.yaml keys of the same names, in a
#: source's entry or under ``defaults:``; the share ones take a number or {field: number})
THRESHOLDS: dict[str, float] = {
    # detail pages that could not be read, as a share of those requested
    "max_failed_pages": 0.1,
    # of the calls whose stored record knows a field, the share that arrive without it
    "max_lost": 0.3,
    # of the calls whose stored record knows a field, the share where it changed at once
    "max_changed": 0.5,
    # of the pages that had a first choice (a CSS class, a heading) on the last healthy run,
    # the share that lost it to a fallback
    "max_first_choice_loss": 0.5,
    # fall, since the last healthy run, of a field's fill rate
    "max_fill_drop": 0.3,
    # at least this many calls must be affected before a share counts ("many calls")
    "min_calls": 3,
}
PER_FIELD = ("max_lost", "max_changed", "max_fill_drop")


@dataclass
class Health:
    ok: bool
    #: why the run is unhealthy (empty when ok), short and specific
    reasons: list[str] = field(default_factory=list)
    #: share of items in which each watched field is filled
    fill: dict[str, float] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    #: share of items in which each contract field is filled (the next run's baseline)
    field_fill: dict[str, float] = field(default_factory=dict)
    #: share of detail pages read by each fallback (the next run's baseline)
    fallbacks: dict[str, float] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "reasons": self.reasons, "fill": self.fill, "warnings": self.warnings,
                "field_fill": self.field_fill, "fallbacks": self.fallbacks}


def thresholds(source: Source) -> dict[str, Any]:
    """The source's layout-change thresholds: the defaults, then its sources.yaml keys.
    A share key is a number or a mapping field → number (``default`` for the others)."""
    out: dict[str, Any] = {}
    for key, default in THRESHOLDS.items():
        value = source.options.get(key, default)
        where = f"sources.{source.name}.{key}"
        if key in PER_FIELD and isinstance(value, dict):
            unknown = set(value) - set(LAYOUT_FIELDS) - {"default"}
            if unknown:
                raise SourcesError(f"{where}: unknown field(s) {sorted(unknown)}; known: {LAYOUT_FIELDS}")
            per = {name: _share(where, value.get(name, value.get("default", default))) for name in LAYOUT_FIELDS}
            out[key] = per
            continue
        if key == "min_calls":
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise SourcesError(f"{where}: {value!r} is not a whole number ≥ 1")
            out[key] = value
            continue
        share = _share(where, value)
        out[key] = {name: share for name in LAYOUT_FIELDS} if key in PER_FIELD else share
    return out


def _share(where: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise SourcesError(f"{where}: {value!r} is not a share between 0 and 1")
    return float(value)


def _known(value: Any) -> bool:
    return not (value is None or value == "" or value == [])


def field_fill(records: list[CallRecord]) -> dict[str, float]:
    if not records:
        return {}
    return {name: round(sum(_known(getattr(r, name)) for r in records) / len(records), 3)
            for name in LAYOUT_FIELDS}


def layout_changes(records: list[CallRecord], stored: Mapping[str, CallRecord],
                   limits: Mapping[str, Any]) -> list[str]:
    """Reasons, per field, why this run looks like a changed layout next to the stored calls:
    a field known on many calls that arrives blank, or that changes on many calls at once."""
    reasons: list[str] = []
    pairs = [(stored[r.id].to_json(), r.to_json()) for r in records if r.id in stored]
    if not pairs:
        return reasons
    many = limits["min_calls"]
    for name in LAYOUT_FIELDS:
        old_new = [(o[name], n[name]) for o, n in pairs]
        known = [(a, b) for a, b in old_new if _known(a)]
        if len(known) < many:
            continue
        lost = sum(1 for _, b in known if not _known(b))
        changed = sum(1 for a, b in known if _known(b) and a != b)
        need = limits["max_lost"][name]
        if lost >= many and lost / len(known) > need:
            reasons.append(f"{name} unknown on {lost} of {len(known)} calls that knew it "
                           f"({lost / len(known):.0%}; at most {need:.0%}): a changed layout?")
        need = limits["max_changed"][name]
        if changed >= many and changed / len(known) > need:
            reasons.append(f"{name} changed on {changed} of {len(known)} calls at once "
                           f"({changed / len(known):.0%}; at most {need:.0%}): a changed layout?")
    return reasons


def fill_drops(now: Mapping[str, float], before: Mapping[str, float] | None, n: int,
               limits: Mapping[str, Any]) -> list[str]:
    """A field filled in far fewer items than on the last healthy run."""
    if not before or n < limits["min_calls"]:
        return []
    reasons = []
    for name in LAYOUT_FIELDS:
        if name not in before or name not in now:
            continue
        drop = before[name] - now[name]
        if drop > limits["max_fill_drop"][name] + 1e-9:
            reasons.append(f"{name} filled in {now[name]:.0%} of items ({before[name]:.0%} on the last "
                           f"healthy run): a changed layout?")
    return reasons


def fallback_shares(stats: Mapping[str, Any], pages: int) -> dict[str, float]:
    by_what = stats.get("hubb/fallbacks") or {}
    if not pages:
        return {}
    return {what: round(min(1.0, n / pages), 3) for what, n in sorted(by_what.items())}


def fallback_rises(now: Mapping[str, float], before: Mapping[str, float] | None, pages: int,
                   limits: Mapping[str, Any]) -> list[str]:
    """A fallback ("found by its words") that replaced the first choice on a large share of
    the pages that had the first choice on the last healthy run. No baseline, no check: a
    site whose first choice never matched is not a changed layout."""
    if before is None or pages < limits["min_calls"]:
        return []
    reasons = []
    for what, share in now.items():
        was = float(before.get(what, 0.0))
        had, has = 1.0 - was, 1.0 - share
        if had * pages < limits["min_calls"] or (had - has) * pages < limits["min_calls"]:
            continue
        loss = (had - has) / had
        if loss > limits["max_first_choice_loss"] + 1e-9:
            reasons.append(f"fallback on {share:.0%} of pages ({was:.0%} on the last healthy run; the first "
                           f"choice gone from {loss:.0%} of the pages that had it): {what}")
    return reasons


def unread_pages(failed_listings: Mapping[str, str], failed_details: Mapping[str, str], details: int,
                 limits: Mapping[str, Any]) -> tuple[list[str], list[str]]:
    """(reasons, warnings) of the pages that could not be read."""
    reasons, warnings = [], []
    if failed_listings:
        shown = "; ".join(f"{u} ({why})" for u, why in list(failed_listings.items())[:3])
        reasons.append(f"{len(failed_listings)} listing page(s) could not be read, listing incomplete: {shown}")
    if failed_details:
        share = len(failed_details) / max(details, len(failed_details))
        shown = "; ".join(f"{u} ({why})" for u, why in list(failed_details.items())[:3])
        need = limits["max_failed_pages"]
        if share > need:
            reasons.append(f"{len(failed_details)} of {max(details, len(failed_details))} detail pages could not "
                           f"be read ({share:.0%}; at most {need:.0%}): {shown}")
        else:
            warnings.append(f"{len(failed_details)} detail page(s) could not be read, their calls kept as "
                            f"stored: {shown}")
    return reasons, warnings


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
           collapse_ratio: float, check_mode: bool = False,
           failed_listings: Mapping[str, str] | None = None,
           failed_details: Mapping[str, str] | None = None, details: int = 0,
           stored: Mapping[str, CallRecord] | None = None,
           previous_health: Mapping[str, Any] | None = None) -> Health:
    """The health of one run of ``source`` that yielded ``records``. ``failed_*``: URL → why
    of the pages that could not be read; ``details``: detail pages requested; ``stored``: the
    source's stored calls by id; ``previous_health``: the last healthy run's health dict."""
    reasons: list[str] = []
    warnings: list[str] = []
    limits = thresholds(source)
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
    # detail pages given up after retries are judged by their share below; optional pages (the
    # spider keeps what they would have given: Vinnova's listing of page links) fail no run
    retried = max(0, retried - int(stats.get("hubb/detail_gave_up", 0)) - int(stats.get("hubb/optional_gave_up", 0)))
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
    more_reasons, more_warnings = unread_pages(failed_listings or {}, failed_details or {}, details, limits)
    reasons += more_reasons
    warnings += more_warnings
    now_fill = field_fill(records)
    pages = max(int(stats.get("hubb/details_read", 0)), n)
    shares = fallback_shares(stats, pages)
    if not check_mode:
        previous_health = previous_health or {}
        reasons += layout_changes(records, stored or {}, limits)
        reasons += fill_drops(now_fill, previous_health.get("field_fill"), n, limits)
        reasons += fallback_rises(shares, previous_health.get("fallbacks"), pages, limits)
    return Health(ok=not reasons, reasons=reasons, fill=fill, warnings=warnings, field_fill=now_fill,
                  fallbacks=shares)
