"""The operator's smaller items of issue 14: profile size limit, line of a non-UTF-8
byte, size against employees, `digest preview PATH`, `hubb calls` full ids under a
header, and the gap report's warning on a database with no calls."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "config" / "profiles" / "laxa-snickeri.yaml"


@pytest.fixture
def profile_dir(tmp_path):
    d = tmp_path / "profiles"
    d.mkdir()
    return d


def check(directory: Path):
    return CliRunner().invoke(main, ["profiles", "check", str(directory)])


def test_a_huge_profile_is_refused_quickly(profile_dir):
    (profile_dir / "huge.yaml").write_text("company: X\n" + "# padding\n" * 60_000, encoding="utf-8")
    result = check(profile_dir)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"{profile_dir}/huge.yaml: is 0.6 MB; a profile may be at most 256 kB"]


def test_a_latin1_profile_names_the_line_and_column(profile_dir):
    text = EXAMPLE.read_text(encoding="utf-8")
    (profile_dir / "latin.yaml").write_bytes(text.encode("latin-1"))
    first_bad = next(i for i, line in enumerate(text.splitlines(), 1) if any(c in line for c in "åäöÅÄÖé"))
    result = check(profile_dir)
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith(f"{profile_dir}/latin.yaml:{first_bad}: not UTF-8 (byte 0x")
    assert line.endswith("Latin-1 or Windows-1252?): save the file as UTF-8")


@pytest.mark.parametrize("size, employees, expected", [("large", 38, "small"), ("micro", 10, "small"),
                                                        ("medium", 250, "large"), ("small", 9, "micro")])
def test_size_must_fit_employees(profile_dir, size, employees, expected):
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    lines = [ln for ln in lines if not ln.startswith(("size:", "employees:"))]
    lines += [f"employees: {employees}", f"size: {size}"]
    (profile_dir / "x.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = check(profile_dir)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"{profile_dir}/x.yaml:{len(lines)}: size: '{size}' does not fit employees: {employees} (that is '{expected}')"]


def test_size_without_employees_and_the_bundled_profiles_pass(profile_dir):
    lines = [ln for ln in EXAMPLE.read_text(encoding="utf-8").splitlines() if not ln.startswith("employees:")]
    (profile_dir / "x.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert check(profile_dir).exit_code == 0
    assert check(ROOT / "config" / "profiles").exit_code == 0


def test_digest_preview_accepts_a_profile_path(db_url, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copy(EXAMPLE, tmp_path / "laxa-snickeri.yaml")
    for arg in ("laxa-snickeri.yaml", str(EXAMPLE), "laxa-snickeri"):
        result = CliRunner().invoke(main, ["digest", "preview", arg, "--as-of", "2026-11-30"])
        assert result.exit_code == 0, (arg, result.output)
        assert (tmp_path / "digest-laxa-snickeri.html").is_file()
        (tmp_path / "digest-laxa-snickeri.html").unlink()
    missing = CliRunner().invoke(main, ["digest", "preview", "nosuch.yaml"])
    assert missing.exit_code == 2 and "nosuch.yaml: no such profile" in missing.stderr


def test_calls_prints_a_header_and_full_ids(session):
    from db.models import Call

    seen = datetime(2026, 11, 1, 6, tzinfo=UTC)
    long_id = "2026-00123-innovationsprojekt-i-foretag-hosten"
    session.add(Call(source="vinnova", external_id=long_id, url="https://example.se/a", title="Innovationsprojekt",
                     deadline="2026-12-15", deadline_date=date(2026, 12, 15), status="open",
                     content_hash="h" * 64, first_seen=seen, last_seen=seen))
    session.commit()
    result = CliRunner().invoke(main, ["calls", "--as-of", "2026-11-30"])
    assert result.exit_code == 0, result.output
    header, row, total = result.stdout.splitlines()
    assert header.split() == ["SOURCE", "ID", "STATUS", "DEADLINE", "TITLE"]
    assert row.split() == ["vinnova", long_id, "open", "2026-12-15", "Innovationsprojekt"]
    assert header.index("ID") == row.index(long_id)
    assert total == "1 call(s)"


def test_gap_report_on_a_never_harvested_database_warns(db_url):
    result = CliRunner().invoke(main, ["report", "gaps", "--as-of", "2026-11-30"])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[-1] == ("warning: the database has no calls and was never harvested: "
                                              "every need shows as unserved (run hubb harvest)")
