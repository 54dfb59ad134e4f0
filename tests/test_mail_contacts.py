"""Duplicate contacts (issue 14: one digest was silently not sent): the same address
twice in a profile (case differs) or in two companies is reported by ``hubb profiles
check`` with file:line, the later listing is dropped, and the address gets one digest."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from cli.main import main
from db.engine import session_scope
from db.models import Digest
from digest.outbox import compose_due, recipients_of
from digest.send import send_pending, transport_from_settings
from hubb.profiles import Profile, contact_key, load_profiles
from hubb.settings import get_settings
from hubb.taxonomy import load_taxonomy
from tests.helpers.digest_data import add_call, add_match, profile, write_config

A = """company: Exempel Verkstad AB
municipality: Örebro
sni: ["25.620"]
size: small
contacts:
  - name: Anna Andersson
    email: Anna@Example.se
  - name: Carl Berg
    email: carl@example.se
  - name: Anna igen
    email: anna@example.se
needs:
  - area: automation
    text: Vill automatisera svetsningen.
"""
B = """company: Plåt i Kumla AB
municipality: Kumla
sni: ["25.620"]
size: small
contacts:
  - name: Dora Dahl
    email: dora@example.se
  - name: Anna Andersson
    email: ANNA@example.se
  - name: Erik på företaget
    email: erik@xn--fretag-wxa.se
needs:
  - area: automation
    text: Robotcell för plåtbearbetning.
"""
C = """company: Företaget AB
municipality: Nora
sni: ["25.620"]
size: small
contacts:
  - name: Erik
    email: erik@företag.se
needs:
  - area: automation
    text: Automatisera packningen.
"""


@pytest.fixture
def folder(tmp_path, monkeypatch) -> Path:
    cfg = write_config(tmp_path, {})
    for name, text in (("a", A), ("b", B), ("c", C)):
        (cfg / "profiles" / f"{name}.yaml").write_text(text, encoding="utf-8")
    monkeypatch.setenv("HUBB_CONFIG_DIR", str(cfg))
    monkeypatch.chdir(tmp_path)
    get_settings(fresh=True)
    return cfg / "profiles"


DUPLICATES = [
    "config/profiles/a.yaml:11: contacts[2].email: duplicate contact: 'anna@example.se' is already a contact "
    "at config/profiles/a.yaml:7 (one digest per address and week: this listing is skipped)",
    "config/profiles/b.yaml:9: contacts[1].email: duplicate contact: 'ANNA@example.se' is already a contact "
    "at config/profiles/a.yaml:7 (one digest per address and week: this listing is skipped)",
    "config/profiles/c.yaml:7: contacts[0].email: duplicate contact: 'erik@företag.se' is already a contact "
    "at config/profiles/b.yaml:11 (one digest per address and week: this listing is skipped)",
]


def test_contact_key_ignores_case_and_the_form_of_the_domain():
    assert contact_key("Anna@Example.SE") == contact_key("anna@example.se") == "anna@example.se"
    assert contact_key("erik@Företag.se") == contact_key("erik@xn--fretag-wxa.se") == "erik@xn--fretag-wxa.se"
    assert contact_key("anna@example.se") != contact_key("anna@example.com")


def test_load_reports_each_duplicate_at_its_line_and_keeps_the_profiles(folder):
    profiles, errors = load_profiles(folder, load_taxonomy())
    assert [str(e) for e in errors] == DUPLICATES
    assert [(e.path, e.line, e.field) for e in errors] == [
        ("config/profiles/a.yaml", 11, "contacts[2].email"), ("config/profiles/b.yaml", 9, "contacts[1].email"),
        ("config/profiles/c.yaml", 7, "contacts[0].email")]
    # the profiles stay (their matches and other contacts matter); the later listing goes
    assert {p.id: [c.email for c in p.contacts] for p in profiles} == {
        "a": ["Anna@example.se", "carl@example.se"], "b": ["dora@example.se", "erik@företag.se"], "c": []}  # email-validator gives the Unicode form


def test_profiles_check_names_file_and_line_and_exits_2(folder):
    result = CliRunner().invoke(main, ["profiles", "check", str(folder)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == DUPLICATES


def test_each_address_gets_one_digest(engine, folder, smtp_server, monkeypatch):
    monkeypatch.setenv("HUBB_NOW", "2026-11-30T07:00:00")
    settings = get_settings(fresh=True)
    profiles, _ = load_profiles(folder, load_taxonomy())
    with session_scope(engine) as s:
        call = add_call(s, "2026-03412")
        for pid in "abc":
            add_match(s, pid, call, 1)
    composed = compose_due(engine, profiles, date(2026, 11, 30), settings)
    assert (composed.composed, composed.existing) == (4, 0)  # none lost to the unique key unsaid
    result = send_pending(engine, transport_from_settings(settings), settings)
    assert (result.sent, result.failed, result.retry) == (4, 0, 0)
    assert smtp_server.handler.count_by_recipient() == {
        "anna@example.se": 1, "carl@example.se": 1, "dora@example.se": 1, "erik@xn--fretag-wxa.se": 1}
    with session_scope(engine) as s:
        assert {r: p for r, p in s.execute(select(Digest.recipient, Digest.profile_id))} == {
            "anna@example.se": "a", "carl@example.se": "a", "dora@example.se": "b", "erik@företag.se": "b"}


def test_recipients_of_profiles_built_elsewhere_skip_a_repeated_address_with_a_warning(caplog):
    one = Profile.model_validate({**profile("A AB", [("Anna", "anna@example.se", "sv")]), "id": "a"})
    two = Profile.model_validate({**profile("B AB", [("Anna", "ANNA@example.se", "en"),
                                                     ("Bo", "bo@example.se", "sv")]), "id": "b"})
    with caplog.at_level(logging.WARNING, logger="digest.outbox"):
        got = recipients_of([one, two])
    assert [(r.email, r.profile_id, r.language) for r in got] == [
        ("anna@example.se", "a", "sv"), ("bo@example.se", "b", "sv")]
    assert [r.getMessage() for r in caplog.records] == [
        "contact ANNA@example.se of b skipped: already a contact of a"]
