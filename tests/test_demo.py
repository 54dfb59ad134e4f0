"""`hubb demo` end to end, as a newcomer runs it: a real subprocess, real local sites, real
spiders, the real matcher and digest code; then a real `hubb digest send` against the demo's
database sends every digest exactly once."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import date
from email import policy
from email.parser import BytesParser
from pathlib import Path

import pytest

from cli.demo.content import demo_records
from hubb.profiles import load_profiles
from hubb.taxonomy import load_taxonomy
from hubb.vocab import COMPANY_APPLICANTS, region_covers
from tests.helpers.browser import check_page, needs_chromium

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 11, 27)


def run(args, env_extra, timeout=240):
    env = {k: v for k, v in os.environ.items() if not k.startswith("HUBB_")}
    env.update({"HUBB_NOW": TODAY.isoformat(), "HUBB_CONFIG_DIR": str(ROOT / "config")}, **env_extra)
    return subprocess.run([sys.executable, "-m", "cli.main", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=timeout)


def may_apply(call, profile) -> bool:
    """An oracle independent of the matcher: what the call's own structured fields allow."""
    if call.status == "closed" or (call.deadline_date is not None and call.deadline_date < TODAY):
        return False
    if call.regions and not any(region_covers(r) for r in call.regions):
        return False
    kinds = set(call.applicants) & COMPANY_APPLICANTS
    if not kinds:
        return False
    if kinds == {"sme"} and profile.size == "large":
        return False
    if kinds == {"startup"} and (profile.founded is None or TODAY.year - profile.founded > 5):
        return False
    if call.employees_max is not None and profile.employees is not None and profile.employees > call.employees_max:
        return False
    if call.employees_min is not None and profile.employees is not None and profile.employees < call.employees_min:
        return False
    age = TODAY.year - profile.founded if profile.founded else None
    if age is not None and call.company_age_max is not None and age > call.company_age_max:
        return False
    if age is not None and call.company_age_min is not None and age < call.company_age_min:
        return False
    text = f"{call.title} {call.summary} {call.text}".lower()
    return not any(word.lower() in text for word in profile.exclude)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    directory = tmp_path_factory.mktemp("demo")
    result = run(["demo", "--dir", str(directory)], {})
    return directory, result


def links(directory: Path) -> list[str]:
    """Every web address in the plain-text parts of the written digests."""
    found = []
    for eml in sorted((directory / "outbox").glob("*.eml")):
        message = BytesParser(policy=policy.default).parsebytes(eml.read_bytes())
        found += re.findall(r"https?://\S+", message.get_body(preferencelist=("plain",)).get_content())
    return found


def digests(directory: Path) -> dict[str, list[str]]:
    """recipient → titles of the calls in their digest (from the text part)."""
    out = {}
    for eml in sorted((directory / "outbox").glob("*.eml")):
        message = BytesParser(policy=policy.default).parsebytes(eml.read_bytes())
        text = message.get_body(preferencelist=("plain",)).get_content()
        out[str(message["To"]).lower()] = re.findall(r"^\* (.+)$", text, flags=re.M)
    return out


def test_demo_exits_0_and_reports_each_stage(demo):
    directory, result = demo
    assert result.returncode == 0, result.stderr[-3000:]
    for stage in ("[1/6] sites      58 calls of 7 sources", "[3/6] harvest    vinnova", "[4/6] match",
                  "[5/6] digests", "[6/6] reports"):
        assert stage in result.stdout
    assert result.stdout.count("— healthy") == 7
    # the crawl's own start-up log (Scrapy's banner, every library's version) is not the user's
    assert "scrapy." not in result.stdout + result.stderr
    assert f"index      {directory / 'outbox' / 'index.html'}" in result.stdout
    assert (directory / "hubb.sqlite3").is_file()
    assert (directory / "outbox" / "gaps.html").is_file()


def test_every_contact_gets_a_digest_with_a_call_and_none_they_cannot_apply_to(demo):
    directory, _ = demo
    profiles, errors = load_profiles(ROOT / "config" / "profiles", load_taxonomy())
    assert errors == []
    calls = {c.title: c for c in demo_records(TODAY)}
    got = digests(directory)
    for profile in profiles:
        for contact in profile.contacts:
            titles = got.get(contact.email.lower())
            assert titles, f"{profile.id}: no digest for {contact.email}"
            for title in titles:
                assert title in calls, f"{contact.email}: unknown call {title!r}"
                assert may_apply(calls[title], profile), f"{profile.id} cannot apply to {title!r}"
    # the digests link to the funders' public pages, not to the demo's local copies
    hosts = {re.match(r"https://([^/]+)/", url).group(1) for url in links(directory) if url.startswith("https://")}
    assert not [url for url in links(directory) if "127.0.0.1" in url]
    assert {"www.vinnova.se", "tillvaxtverket.se", "www.regionorebrolan.se", "iucindustrihubb.se"} <= hosts
    # the filters had something to do: the demo holds calls no company may apply to
    assert any(not may_apply(c, p) for c in calls.values() for p in profiles)


@needs_chromium
def test_index_page_opens_in_chromium(demo):
    directory, _ = demo
    page = check_page(directory / "outbox" / "index.html", "demo-index", width=1280)
    assert page.console_errors == [] and page.page_errors == []
    assert page.screenshot.is_file()
    profiles, _ = load_profiles(ROOT / "config" / "profiles", load_taxonomy())
    for profile in profiles:
        assert profile.company in page.text
    assert "Behov utan stöd" in page.text


def test_a_real_send_afterwards_sends_every_digest_once(demo, smtp_server):
    directory, _ = demo
    written = digests(directory)
    env = {"HUBB_DATABASE_URL": f"sqlite:///{directory / 'hubb.sqlite3'}", "HUBB_SMTP_URL": smtp_server.url}
    first = run(["digest", "send"], env)
    assert first.returncode == 0, first.stderr[-3000:]
    assert smtp_server.handler.count_by_recipient() == {address: 1 for address in written}
    again = run(["digest", "send"], env)
    assert again.returncode == 0, again.stderr[-3000:]
    assert len(smtp_server.handler.messages) == len(written)
