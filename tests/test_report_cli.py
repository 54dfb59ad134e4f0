"""`hubb report gaps` and `hubb report sources` end to end through the command line, on the
fixed database of test_report_gaps and test_report_sources (time frozen with HUBB_NOW)."""

from __future__ import annotations

import csv
import io

import pytest
from click.testing import CliRunner

from cli.main import main
from db.engine import session_scope
from tests.helpers.report_data import build_fixed_db, build_runs, write_profiles

CANDIDATE = ("1. 3 företag inom metallvaruindustri (SNI 25) har behov inom kompetensförsörjning och "
             "kompetensutveckling som ingen öppen utlysning täcker")


@pytest.fixture
def setup(engine, tmp_path, monkeypatch):
    monkeypatch.setenv("HUBB_NOW", "2026-11-27T08:00")
    with session_scope(engine) as session:
        build_fixed_db(session)
        build_runs(session)
    return write_profiles(tmp_path / "profiles")


def run(*args):
    result = CliRunner().invoke(main, ["report", *args], catch_exceptions=False)
    return result


def test_gaps_markdown_to_stdout(setup):
    result = run("gaps", "--profiles", str(setup))
    assert result.exit_code == 0, result.output
    assert CANDIDATE in result.stdout
    assert "Per 27 november 2026: 5 företag med 11 behov, varav 6 täcks" in result.stdout
    assert "### Matchningar och utskick per företag, 28 oktober 2026 – 27 november 2026" in result.stdout


def test_gaps_csv_to_file_has_header_and_one_row_per_need(setup, tmp_path):
    out = tmp_path / "ut" / "gaps.csv"
    result = run("gaps", "--profiles", str(setup), "--format", "csv", "--out", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read å/ä/ö as UTF-8
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:3] == ["profil", "företag", "kommun"]
    assert len(rows) == 12
    assert sum(r[10] == "nej" for r in rows[1:]) == 5


def test_gaps_html_to_file(setup, tmp_path):
    out = tmp_path / "gaps.html"
    assert run("gaps", "--profiles", str(setup), "--format", "html", "--out", str(out)).exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and html.count("<svg") == 2


def test_as_of_and_period_options(setup):
    result = run("gaps", "--profiles", str(setup), "--as-of", "2026-12-11", "--days", "60")
    assert result.exit_code == 0
    assert "### Matchningar och utskick per företag, 12 oktober 2026 – 11 december 2026" in result.stdout
    assert "varav 4 täcks" in result.stdout  # the robot call closed on 10 December
    result = run("gaps", "--profiles", str(setup), "--since", "2026-10-01")
    assert "1 oktober 2026 – 27 november 2026" in result.stdout
    assert "| Verkstad AB | 3 | 1 | 1 |" in result.stdout


@pytest.mark.parametrize("args", [
    ["--since", "2026-10-01", "--days", "3"],
    ["--since", "2026-12-01"],
    ["--format", "pdf"],
    ["--as-of", "27/11/2026"],
])
def test_bad_options_are_usage_errors(setup, args):
    assert run("gaps", "--profiles", str(setup), *args).exit_code == 2


def test_invalid_profile_is_skipped_and_named(setup):
    (setup / "trasig.yaml").write_text("company: Trasig AB\nmunicipality: Göteborg\n", encoding="utf-8")
    result = run("gaps", "--profiles", str(setup))
    assert result.exit_code == 0
    assert "skipped:" in result.stderr and "trasig.yaml" in result.stderr
    assert "Ogiltiga profiler hoppades över:" in result.stdout
    assert "trasig.yaml:2: municipality: 'Göteborg' is not a municipality in Örebro län" in result.stdout
    assert CANDIDATE in result.stdout


def test_sources_report(setup, tmp_path, monkeypatch):
    sources = tmp_path / "sources.yaml"
    sources.write_text(
        "sources:\n"
        "  vinnova: {funder: Vinnova, base_urls: {site: 'https://www.vinnova.se'}}\n"
        "  almi: {funder: Almi, base_urls: {site: 'https://www.almi.se'}}\n"
        "  gammal: {funder: Gammal, enabled: false, base_urls: {site: 'https://example.se'}}\n",
        encoding="utf-8")
    monkeypatch.setenv("HUBB_SOURCES_FILE", str(sources))
    result = run("sources", "--runs", "1")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert [line.split(" | ")[0:2] for line in lines if line.startswith("| ") and " | " in line][1:6] == [
        ["| almi", "aldrig skördad"], ["| iuc", "pågår"], ["| region_orebro", "INAKTUELL"],
        ["| tillvaxtverket", "TRASIG"], ["| vinnova", "ok"],
    ]
    assert "gammal" not in result.stdout  # disabled and never harvested
    assert sum(line.startswith("| 27 november 2026 kl 05:31 |") for line in lines) == 1
    only = run("sources", "--source", "vinnova")
    assert "## vinnova – ok" in only.stdout and "tillvaxtverket" not in only.stdout
