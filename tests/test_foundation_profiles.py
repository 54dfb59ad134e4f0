"""Profile validation: one test per kind of error, each asserting the file:line: field message."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from hubb.profiles import load_profiles
from hubb.taxonomy import load_taxonomy

ROOT = Path(__file__).resolve().parent.parent

GOOD = """\
company: Exempel Verkstad AB
org_number: "556000-0000"
municipality: Örebro
sni: ["25.620"]
founded: 1987
employees: 35
size: small
contacts:
  - name: Anna Andersson
    email: anna.andersson@example.se
    language: sv
needs:
  - area: automation
    text: Vill införa robotsvetsning.
    priority: high
  - area: digitalisering
    text: Vill införa maskinseende för kvalitetskontroll i svetslinjen.
    priority: medium
keywords: [maskinseende, svetsning]
exclude: [jordbruk]
"""


def check(tmp_path: Path, text: str, name: str = "acme.yaml"):
    (tmp_path / name).write_text(text, encoding="utf-8")
    profiles, errors = load_profiles(tmp_path, load_taxonomy())
    return profiles, [str(e) for e in errors]


def test_valid_profile_loads_with_its_values(tmp_path):
    profiles, errors = check(tmp_path, GOOD)
    assert errors == []
    (p,) = profiles
    assert (p.id, p.company, p.municipality, p.sni, p.founded, p.employees, p.size) == (
        "acme", "Exempel Verkstad AB", "Örebro", ["25.620"], 1987, 35, "small")
    assert [(n.area, n.priority) for n in p.needs] == [("automation", "high"), ("digitalisering", "medium")]
    assert p.contacts[0].email == "anna.andersson@example.se"
    assert p.keywords == ["maskinseende", "svetsning"]
    assert p.exclude == ["jordbruk"]


@pytest.mark.parametrize(
    "old, new, message",
    [
        ("area: digitalisering", "area: digitaliserng",
         "acme.yaml:16: needs[1].area: 'digitaliserng' is not a need area (did you mean 'digitalisering'?)"),
        ("exclude: [jordbruk]", "exclude: [jordbruk]\ncolour: red", "acme.yaml:21: colour: unknown key"),
        ("    language: sv", "    language: sv\n    phone: 019-123", "acme.yaml:12: contacts[0].phone: unknown key"),
        ("anna.andersson@example.se", "anna.andersson.example.se",
         "acme.yaml:10: contacts[0].email: 'anna.andersson.example.se' is not an e-mail address "
         "(An email address must have an @-sign.)"),
        ("size: small", "size: smal", "acme.yaml:7: size: 'smal' is not one of 'micro', 'small', 'medium' or 'large'"),
        ('sni: ["25.620"]', 'sni: ["2562"]',
         "acme.yaml:4: sni: '2562' is not an SNI code (expected two digits and up to three decimals, e.g. '25.620')"),
        ('sni: ["25.620"]', 'sni: ["04.100"]', "acme.yaml:4: sni: '04.100' is not an SNI code (no division 04 in SNI 2007)"),
        ("municipality: Örebro", "municipality: Orebro",
         "acme.yaml:3: municipality: 'Orebro' is not a municipality in Örebro län (did you mean 'Örebro'?)"),
        ('org_number: "556000-0000"', 'org_number: "5560000000"',
         "acme.yaml:2: org_number: '5560000000' is not an organisation number (expected NNNNNN-NNNN)"),
        ("priority: high", "priority: urgent", "acme.yaml:15: needs[0].priority: 'urgent' is not one of 'high', 'medium' or 'low'"),
        ("company: Exempel Verkstad AB\n", "", "acme.yaml:1: company: is required"),
    ],
)
def test_each_kind_of_error_names_file_line_and_field(tmp_path, old, new, message):
    assert old in GOOD
    profiles, errors = check(tmp_path, GOOD.replace(old, new, 1))
    assert profiles == []
    assert [e.replace(str(tmp_path) + "/", "") for e in errors] == [message]


def test_empty_needs(tmp_path):
    text = GOOD.split("needs:")[0] + "needs: []\nkeywords: []\n"
    _, errors = check(tmp_path, text)
    assert [e.replace(str(tmp_path) + "/", "") for e in errors] == ["acme.yaml:12: needs: a profile needs at least one need"]


def test_yaml_syntax_error_names_the_line(tmp_path):
    _, errors = check(tmp_path, GOOD.replace("size: small", "size: [small"))
    assert len(errors) == 1 and errors[0].startswith(f"{tmp_path}/acme.yaml:8: not valid YAML")


def test_duplicate_company_is_an_error_of_the_second_file_and_the_first_survives(tmp_path):
    (tmp_path / "a-first.yaml").write_text(GOOD, encoding="utf-8")
    other = GOOD.replace('"556000-0000"', '"556000-0001"')
    profiles, errors = check(tmp_path, other, "b-second.yaml")
    assert [p.id for p in profiles] == ["a-first"]
    assert [e.replace(str(tmp_path) + "/", "") for e in errors] == [
        "b-second.yaml:1: company: duplicate company: 'Exempel Verkstad AB' is already in a-first.yaml"]


def test_every_file_is_checked_and_valid_ones_are_kept(tmp_path):
    (tmp_path / "a.yaml").write_text(GOOD.replace("size: small", "size: huge"), encoding="utf-8")
    (tmp_path / "b.yaml").write_text(GOOD.replace("Exempel Verkstad AB", "Annan AB").replace("556000-0000", "556000-0002"),
                                     encoding="utf-8")
    (tmp_path / "c.yaml").write_text(GOOD.replace("Exempel Verkstad AB", "Tredje AB").replace("556000-0000", "556000-0003")
                                     .replace("area: automation", "area: robotar"), encoding="utf-8")
    profiles, errors = load_profiles(tmp_path, load_taxonomy())
    assert [p.id for p in profiles] == ["b"]
    assert [str(e).split(": ")[0].rsplit("/", 1)[-1] for e in errors] == ["a.yaml:7", "c.yaml:13"]


def hubb(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "cli.main", *args], cwd=cwd, capture_output=True, text=True)


def test_cli_check_passes_on_the_shipped_examples():
    result = hubb("profiles", "check", "config/profiles")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "0 invalid file(s)" in result.stdout
    assert len(list((ROOT / "config/profiles").glob("*.yaml"))) >= 8


def test_cli_check_exits_2_with_file_line_messages_on_broken_copies(tmp_path):
    for src in sorted((ROOT / "config/profiles").glob("*.yaml"))[:3]:
        (tmp_path / src.name).write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    names = sorted(p.name for p in tmp_path.glob("*.yaml"))
    first, second = tmp_path / names[0], tmp_path / names[1]
    first.write_text(first.read_text(encoding="utf-8").replace("size: ", "size: x", 1), encoding="utf-8")
    second.write_text(second.read_text(encoding="utf-8").replace("priority: high", "priority: hög", 1), encoding="utf-8")
    result = hubb("profiles", "check", str(tmp_path))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"{first}:") and ": size: 'x" in lines[0]
    assert lines[1].startswith(f"{second}:") and "priority: 'hög' is not one of" in lines[1]
    assert "1 valid profile(s), 2 invalid file(s)" in result.stdout


def test_an_error_about_a_key_with_a_line_break_stays_on_one_line():
    from hubb.profiles import ProfileError

    err = ProfileError("config/profiles/a.yaml", 3, "needs[0].ar\nea", "unknown key")
    assert str(err) == "config/profiles/a.yaml:3: needs[0].ar\\nea: unknown key"
