"""Render a :class:`reports.build.GapReport` (and the source-health report) for people:
Markdown and a self-contained HTML file through Jinja2 templates (autoescaped for HTML),
CSV through the csv module (one row per need, quoting done right).

All text readers see is Swedish; dates go through :mod:`hubb.swedish.format`.
"""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from hubb.clock import TZ
from hubb.swedish.format import format_date, format_deadline
from hubb.vocab import PRIORITY_LABELS
from reports import charts
from reports.build import GapReport
from reports.sources import BROKEN, STALE, STALE_AFTER

PRIORITY_SV = PRIORITY_LABELS["sv"]
FORMATS = ("md", "csv", "html")


def score(value: float | None) -> str:
    """0.845 → "0,85": scores as staff read them."""
    return "" if value is None else f"{value:.2f}".replace(".", ",")


def percent(value: float | None) -> str:
    """0.5454 → "54,5 %"; no needs → "–"."""
    return "–" if value is None else f"{value * 100:.1f}".replace(".", ",") + "\u00a0%"


def swedish_date(value: date | None, empty: str = "löpande") -> str:
    """A Swedish date; a missing deadline means the call is rolling or has none stated."""
    return empty if value is None else format_date(value)


def call_deadline(hit) -> str:
    """How a serving call's deadline reads in a sentence: a date, rolling, or not stated."""
    if hit.deadline is not None:
        return f"sista dag {format_date(hit.deadline)}"
    return "löpande" if hit.status == "rolling" else "sista dag ej angiven"


def when(value: datetime | None, empty: str = "") -> str:
    """An aware time as a Stockholm date and time: "27 november 2026 kl 06:30"."""
    return empty if value is None else format_deadline(value.astimezone(TZ).replace(second=0, microsecond=0))


def duration(seconds: float | None) -> str:
    """42 s, 3 min 5 s; a run still going has none."""
    if seconds is None:
        return "–"
    seconds = round(seconds)
    return f"{seconds} s" if seconds < 60 else f"{seconds // 60} min {seconds % 60} s"


def fill(rates: dict[str, float]) -> str:
    """{"deadline": 0.95} → "deadline 95 %"."""
    return ", ".join(f"{name} {rate * 100:.0f}\u00a0%" for name, rate in rates.items())


RUN_STATUS_SV = {"ok": "lyckad", "failed": "misslyckad", "running": "pågår"}


def md_cell(value) -> str:
    """Text safe inside a Markdown table cell."""
    return str(value).replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ")


def _environment() -> Environment:
    from hubb.record import http_url

    env = Environment(
        loader=PackageLoader("reports", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html", "html.j2"), default_for_string=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(score=score, percent=percent, date=swedish_date, md=md_cell,
                       priority=lambda p: PRIORITY_SV.get(p, p), call_deadline=call_deadline, when=when,
                       duration=duration, fill=fill, run_status=lambda s: RUN_STATUS_SV.get(s, s),
                       verdict=lambda v: v.upper() if v in (BROKEN, STALE) else v,
                       # only http(s) reaches an href (a stored javascript: url is no link)
                       safe_href=lambda url: http_url(url) or "")
    return env


ENV = _environment()


def _centre() -> str:
    from hubb.settings import get_settings

    return get_settings().centre.name


def render_md(report: GapReport, centre: str | None = None) -> str:
    return ENV.get_template("gaps.md.j2").render(r=report, centre=centre or _centre())


def render_html(report: GapReport, centre: str | None = None) -> str:
    # The SVG comes from matplotlib, which escapes the labels it draws: safe to inline.
    chart_bars = Markup(charts.coverage_bars(report.areas))
    chart_heat = Markup(charts.heat_map(report.matrix))
    return ENV.get_template("gaps.html.j2").render(
        r=report, centre=centre or _centre(), chart_bars=chart_bars, chart_heat=chart_heat,
    )


def render_sources_md(health: list, now: datetime, centre: str | None = None) -> str:
    """The source-health report (:mod:`reports.sources`) as Markdown."""
    return ENV.get_template("sources.md.j2").render(
        sources=health, now=now, centre=centre or _centre(), stale_days=STALE_AFTER.days)


CSV_HEADER = [
    "profil", "företag", "kommun", "sni_avdelning", "bransch", "behov_nr", "område", "område_namn",
    "prioritet", "behov", "täckt", "antal_utlysningar", "bästa_utlysning", "källa", "utlysning_id",
    "poäng", "sista_ansökningsdag", "url", "fler_utlysningar",
]


def render_csv(report: GapReport) -> str:
    """One row per need; the best serving call in its own columns (ISO date, dot decimal,
    so spreadsheets sort them), the next ones as "källa:id" in the last column."""
    buf = io.StringIO()
    out = csv.writer(buf, lineterminator="\n")
    out.writerow(CSV_HEADER)
    for r in report.needs:
        best = r.calls[0] if r.calls else None
        out.writerow([
            r.profile_id, r.company, r.municipality, r.branch.code, r.branch.name, r.index + 1, r.area,
            r.area_label, PRIORITY_SV.get(r.priority, r.priority), r.text, "ja" if r.served else "nej",
            len(r.calls),
            best.title if best else "ingen öppen utlysning",
            best.source if best else "", best.external_id if best else "",
            f"{best.score:.2f}" if best else "",
            best.deadline.isoformat() if best and best.deadline else "",
            best.url if best else "",
            "; ".join(f"{h.source}:{h.external_id}" for h in r.calls[1:report.top_calls]),
        ])
    return buf.getvalue()


def render(report: GapReport, fmt: str) -> str:
    if fmt == "md":
        return render_md(report)
    if fmt == "csv":
        return render_csv(report)
    if fmt == "html":
        return render_html(report)
    raise ValueError(f"unknown format {fmt!r} (expected one of {', '.join(FORMATS)})")
