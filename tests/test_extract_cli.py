"""`hubb extract` through the command line: per-line JSON objects with exactly the DESIGN.md keys,
the human listing, stdin and FILE, --as-of, and exit 2 with one line on unreadable input."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from cli.main import main
from hubb.swedish.fields import FIELDS

KEYS = ["deadline", "opens", "status", "applicants", "employees_min", "employees_max",
        "company_age_min", "company_age_max", "budget_sek", "max_grant_sek", "regions"]

TEXT = (
    "Sista ansökningsdag är 15 januari 2027.\n"
    "Små och medelstora företag i Örebro län med högst 49 anställda kan söka.\n"
    "\n"
    "Ni kan söka upp till 2 miljoner kronor per projekt. Utlysningen omfattar totalt 20 mkr.\n"
)


def run(args, stdin=None):
    return CliRunner().invoke(main, ["extract", *args], input=stdin, catch_exceptions=False)


def test_the_keys_are_the_contract():
    assert list(FIELDS) == KEYS


def test_json_one_object_per_input_line_from_stdin():
    result = run(["--json", "--as-of", "2026-12-03"], TEXT)
    assert result.exit_code == 0, result.output
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(objects) == 4  # the blank line answers too, so line N answers line N
    assert all(list(o) == KEYS for o in objects)
    first, second, blank, third = objects
    assert first["deadline"] == "2027-01-15"
    assert first["status"] == "open"
    assert first["opens"] is None
    assert first["applicants"] is None
    assert second["applicants"] == ["sme"]
    assert second["employees_max"] == 49
    assert second["employees_min"] is None
    assert second["regions"] == ["SE124"]
    assert second["deadline"] is None
    assert all(v is None for v in blank.values())
    assert third["max_grant_sek"] == 2_000_000
    assert third["budget_sek"] == 20_000_000


def test_as_of_decides_the_status():
    line = "Sista ansökningsdag är 15 januari 2027.\n"
    before = json.loads(run(["--json", "--as-of", "2026-12-03"], line).stdout)
    after = json.loads(run(["--json", "--as-of", "2027-02-01"], line).stdout)
    assert before["status"] == "open"
    assert after["status"] == "closed"
    assert before["deadline"] == after["deadline"] == "2027-01-15"


def test_a_year_left_out_is_read_against_as_of():
    out = json.loads(run(["--json", "--as-of", "2026-12-03"], "Ansökan stänger 15 januari.\n").stdout)
    assert out["deadline"] == "2027-01-15"


def test_time_of_day_gives_a_datetime_with_offset():
    out = json.loads(run(["--json", "--as-of", "2026-05-01"], "Sista dag att ansöka är 24 mars 2027 kl 14:00.\n").stdout)
    assert out["deadline"] == "2027-03-24T14:00:00+01:00"


def test_reads_a_file(tmp_path):
    path = tmp_path / "in.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = run(["--json", "--as-of", "2026-12-03", str(path)])
    assert result.exit_code == 0, result.output
    assert [json.loads(x)["deadline"] for x in result.stdout.splitlines()] == ["2027-01-15", None, None, None]


def test_utf8_bom_and_crlf_are_read(tmp_path):
    path = tmp_path / "in.txt"
    path.write_bytes("\ufeffSök senast den 25 augusti 2027.\r\nLöpande ansökan.\r\n".encode("utf-8"))
    lines = run(["--json", "--as-of", "2026-12-03", str(path)]).stdout.splitlines()
    assert [json.loads(x)["deadline"] for x in lines] == ["2027-08-25", None]
    assert json.loads(lines[1])["status"] == "rolling"


def test_human_listing_shows_found_fields_only():
    result = run(["--as-of", "2026-12-03"], "Sista ansökningsdag är 15 januari 2027.\nHej.\n")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "1: Sista ansökningsdag är 15 januari 2027."
    assert lines[1].split() == ["deadline", "2027-01-15"]
    assert lines[2].split() == ["status", "open"]
    assert lines[3] == "2: Hej."
    assert lines[4].strip() == "(nothing found)"
    assert "applicants" not in result.stdout


def test_help_names_every_field():
    result = run(["--help"])
    assert result.exit_code == 0
    for key in ("deadline", "opens", "status", "applicants", "budget_sek", "max_grant_sek", "regions", "--as-of",
                "--json"):
        assert key in result.stdout


@pytest.mark.parametrize("make, expected", [
    (lambda p: p / "missing.txt", "missing.txt: no such file"),
    (lambda p: p, "is a directory"),
])
def test_unreadable_input_exits_2_with_one_line(tmp_path, make, expected):
    result = CliRunner().invoke(main, ["extract", str(make(tmp_path))])
    assert result.exit_code == 2
    assert expected in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_not_utf8_names_file_and_line(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Sista dag 1 maj 2027.\nAnsökan stänger 3 maj 2027 för små företag.\n".encode("latin-1"))
    result = CliRunner().invoke(main, ["extract", str(path)])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"hubb extract: {path}, line 2: not UTF-8 text (byte 25)"


def test_bad_as_of_is_a_usage_error():
    result = CliRunner().invoke(main, ["extract", "--as-of", "igår"], input="x\n")
    assert result.exit_code == 2


def test_installed_command_reads_stdin():
    # the real entry point in a subprocess: the exit code and stdout a shell script sees
    env = {**os.environ, "HUBB_NOW": "2026-12-03"}
    proc = subprocess.run([sys.executable, "-m", "cli.main", "extract", "--json"], input="Stänger 12 december 2026\n",
                          capture_output=True, text=True, env=env, timeout=60)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["deadline"] == "2026-12-12"
    assert out["status"] == "open"
