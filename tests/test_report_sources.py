"""`hubb report sources` on fixed harvest runs: the verdict per source (ok, broken,
stale, running, never harvested), the last runs newest first, and their counts, fill
rates and errors as staff read them."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.helpers.report_data import build_runs, utc

NOW = datetime(2026, 11, 27, 7, 0, tzinfo=UTC)  # 08:00 in Stockholm


@pytest.fixture
def health(session):
    from reports.sources import source_health

    build_runs(session)
    return source_health(session, NOW, runs=2, configured=["vinnova", "almi"])


def test_verdict_per_source(health):
    assert [(h.source, h.verdict) for h in health] == [
        ("almi", "aldrig skördad"), ("iuc", "pågår"), ("region_orebro", "inaktuell"),
        ("tillvaxtverket", "trasig"), ("vinnova", "ok"),
    ]
    by = {h.source: h for h in health}
    assert by["vinnova"].last_ok == utc(2026, 11, 27, 4, 33, 5)
    assert by["tillvaxtverket"].last_ok == utc(2026, 11, 26, 4, 31, 42)
    assert by["tillvaxtverket"].problems == ["0 items (at least 1 expected)", "item count collapsed from 12 to 0"]
    assert (by["iuc"].last_ok, by["almi"].last_ok, by["almi"].runs) == (None, None, [])


def test_last_runs_newest_first_with_counts(health):
    runs = {h.source: h.runs for h in health}["vinnova"]
    assert [(r.started_at, r.status, r.items, r.new, r.changed, r.unchanged, r.requests, r.seconds)
            for r in runs] == [
        (utc(2026, 11, 27, 4, 30), "ok", 10, 0, 0, 10, 12, 185.0),
        (utc(2026, 11, 26, 4, 30), "ok", 10, 0, 1, 9, 12, 42.0),
    ]
    assert runs[0].fill == {"deadline": 1.0, "text": 0.9, "applicants": 0.8}
    assert runs[0].warnings == ["1 item(s) failed validation"]


def test_only_one_source(session):
    from reports.sources import source_health

    build_runs(session)
    got = source_health(session, NOW, configured=["vinnova", "almi"], only="tillvaxtverket")
    assert [(h.source, len(h.runs)) for h in got] == [("tillvaxtverket", 2)]


def test_markdown_report(health):
    from reports.render import render_sources_md

    lines = render_sources_md(health, NOW, centre="IUC Test").splitlines()
    assert lines[0] == "# Källornas hälsa – IUC Test"
    assert lines[2].startswith("Per 27 november 2026 kl 08:00.")
    assert "| almi | aldrig skördad | aldrig |  |" in lines
    assert "| iuc | pågår | aldrig |  |" in lines
    assert "| region_orebro | INAKTUELL | 20 november 2026 kl 05:32 |  |" in lines
    assert ("| tillvaxtverket | TRASIG | 26 november 2026 kl 05:31 | 0 items (at least 1 expected); "
            "item count collapsed from 12 to 0 |") in lines
    assert "| vinnova | ok | 27 november 2026 kl 05:33 |  |" in lines
    assert "## tillvaxtverket – TRASIG" in lines
    assert ("| 27 november 2026 kl 05:31 | 42 s | misslyckad | 0 | 0 | 0 | 0 | 0 | 0 | 2 | "
            "deadline 0\u00a0%, text 0\u00a0%, applicants 0\u00a0% | 0 items (at least 1 expected); "
            "item count collapsed from 12 to 0 |") in lines
    assert ("| 27 november 2026 kl 05:30 | 3 min 5 s | lyckad | 10 | 0 | 0 | 10 | 0 | 0 | 12 | "
            "deadline 100\u00a0%, text 90\u00a0%, applicants 80\u00a0% | 1 item(s) failed validation |") in lines
    assert "| 27 november 2026 kl 07:55 | – | pågår | 0 | 0 | 0 | 0 | 0 | 0 | 2 | " \
           "deadline 100\u00a0%, text 90\u00a0%, applicants 80\u00a0% |  |" in lines
    assert "## almi – aldrig skördad" not in lines  # nothing to tabulate
