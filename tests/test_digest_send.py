"""Sending against a real SMTP server on 127.0.0.1: the messages as delivered (parts,
headers, Swedish dates, escaping, .ics), and "exactly once" through a server that fails
mid-run, 4xx and 5xx answers, a sender killed with SIGKILL and two senders at once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from db.engine import session_scope
from db.models import Digest, SentItem, Suppression
from digest.message import message_id
from digest.outbox import compose_due
from digest.send import send_pending, transport_from_settings
from digest.unsubscribe import verify_token
from hubb.profiles import Profile
from hubb.settings import get_settings
from tests.helpers.digest_data import add_call, add_match, profile, write_config

MONDAY = "2026-11-30T07:00:00"
AS_OF = date(2026, 11, 30)
SCRIPT_TITLE = "Robotar <script>alert(1)</script> i svetslinjen"


@pytest.fixture
def world(engine, smtp_server, monkeypatch, tmp_path):
    """Three contacts of two companies (one in English), two matched calls each."""
    profiles = {
        "exempel": profile("Exempel Verkstad AB", [("Anna Andersson", "anna@example.se", "sv"),
                                                    ("John Smith", "john@example.se", "en")]),
        "plat": profile("Plåt i Kumla AB", [("Carl Berg", "carl@example.se", "sv")]),
    }
    monkeypatch.setenv("HUBB_CONFIG_DIR", str(write_config(tmp_path, profiles)))
    monkeypatch.setenv("HUBB_NOW", MONDAY)
    monkeypatch.setenv("HUBB_PUBLIC_BASE_URL", "https://bevakning.example.se")
    monkeypatch.setenv("HUBB_SECRET_KEY", "test-secret")
    get_settings(fresh=True)
    with session_scope(engine) as s:
        robot = add_call(s, "2026-03412", title=SCRIPT_TITLE, deadline="2027-01-15T14:00:00+01:00",
                         max_grant_sek=2_000_000, employees_max=249)
        soon = add_call(s, "2026-03999", title="Energikartläggning i små företag", deadline="2026-12-10",
                        funder="Energimyndigheten", budget_sek=5_000_000)
        for pid in profiles:
            add_match(s, pid, robot, 1)
            add_match(s, pid, soon, 2)
    return [Profile.model_validate({**body, "id": pid}) for pid, body in profiles.items()]


def run_once(engine, profiles):
    settings = get_settings()
    compose_due(engine, profiles, AS_OF, settings)
    return send_pending(engine, transport_from_settings(settings), settings)


def statuses(engine) -> dict[str, tuple[str, int]]:
    with session_scope(engine) as s:
        return {r: (st, a) for r, st, a in s.execute(select(Digest.recipient, Digest.status, Digest.attempts))}


def test_normal_run_delivers_exactly_the_expected_messages(engine, world, smtp_server):
    result = run_once(engine, world)
    assert result.errors == []
    assert (result.sent, result.failed, result.retry, result.stopped) == (3, 0, 0, None)
    assert smtp_server.handler.count_by_recipient() == {
        "anna@example.se": 1, "john@example.se": 1, "carl@example.se": 1}

    received = smtp_server.handler.to("anna@example.se")[0]
    assert received.mail_from == "bevakning@example.se"
    msg = received.message
    assert msg["Subject"] == "2 nya utlysningar för er – vecka 49"
    assert msg["To"] == "anna@example.se"
    assert msg["From"] == "Industrihubb Örebro län <bevakning@example.se>"
    assert msg["Date"] == "Mon, 30 Nov 2026 07:00:00 +0100"
    assert msg["Message-ID"] == message_id("anna@example.se", "2026-W49", "bevakning@example.se")
    assert msg["Message-ID"].startswith("<digest.2026-W49.") and msg["Message-ID"].endswith("@example.se>")
    https, mailto = [part.strip(" <>") for part in msg["List-Unsubscribe"].split(",")]
    assert https.startswith("https://bevakning.example.se/unsubscribe?token=")
    assert verify_token(https.split("token=")[1], "test-secret") == "anna@example.se"
    assert mailto == "mailto:bevakning@example.se?subject=unsubscribe%20anna%40example.se"
    assert msg["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert [p.defects for p in msg.walk()] == [[], [], [], [], []]  # well-formed MIME
    assert [p.get_content_type() for p in msg.walk()] == [
        "multipart/mixed", "multipart/alternative", "text/plain", "text/html", "text/calendar"]

    text = msg.get_body(("plain",)).get_content().replace("\r\n", "\n")
    assert text.startswith("2 nya utlysningar för er\n\nHej Anna! Här är veckans utlysningar som passar Exempel Verkstad AB.\n")
    assert f"* {SCRIPT_TITLE}\n" in text  # plain text is not HTML: shown as written
    assert "  Sista dag: 15 januari 2027 kl 14:00 (om 46 dagar)\n" in text
    assert "  Sista dag: 10 december 2026 (om 10 dagar)\n" in text
    assert "  Belopp: högst 2 mkr per projekt\n" in text
    assert "  Belopp: 5 mkr totalt\n" in text
    assert "  Vem får söka: Små och medelstora företag, högst 249 anställda\n" in text
    assert "  Därför passar den er: Automation och robotik · för små företag\n" in text
    assert "  https://www.vinnova.se/e/utlysning-2026-90001/innovationsprojekt-2026-03412/\n" in text

    html = msg.get_body(("html",)).get_content()
    assert "Robotar &lt;script&gt;alert(1)&lt;/script&gt; i svetslinjen" in html
    assert "<script" not in html
    assert "<style" not in html  # inlined
    assert "15 januari 2027 kl 14:00 (om 46 dagar)" in html

    (ics,) = list(msg.iter_attachments())
    assert ics.get_filename() == "sista-dagar.ics"
    cal = ics.get_content()
    cal = cal.decode() if isinstance(cal, bytes) else cal
    assert "DTSTART:20270115T130000Z" in cal
    assert "DTSTART;VALUE=DATE:20261210" in cal
    assert cal.count("BEGIN:VEVENT") == 2

    english = smtp_server.handler.to("john@example.se")[0].message
    assert english["Subject"] == "2 new calls for you – week 49"
    assert "  Deadline: 15 January 2027 at 14:00 (in 46 days)\n" in english.get_body(("plain",)).get_content().replace("\r\n", "\n")

    assert statuses(engine) == {r: ("sent", 1) for r in ("anna@example.se", "john@example.se", "carl@example.se")}
    again = run_once(engine, world)  # a second run the same week sends nothing
    assert (again.sent, again.failed, again.retry) == (0, 0, 0)
    assert len(smtp_server.handler.messages) == 3


def test_two_connections_deliver_each_message_once(engine, world, smtp_server):
    settings = get_settings()
    compose_due(engine, world, AS_OF, settings)
    result = send_pending(engine, transport_from_settings(settings), settings, connections=2, batch=1)
    assert (result.sent, result.failed, result.retry, result.stopped) == (3, 0, 0, None)
    assert smtp_server.handler.count_by_recipient() == {
        "anna@example.se": 1, "john@example.se": 1, "carl@example.se": 1}
    assert set(statuses(engine).values()) == {("sent", 1)}


def test_server_failing_after_the_third_message_then_rerun_delivers_each_once(engine, world, smtp_server, monkeypatch):
    extra = {f"p{i}": profile(f"Företag {i} AB", [(f"Kontakt {i}", f"k{i}@example.se", "sv")]) for i in range(3)}
    world = world + [Profile.model_validate({**b, "id": pid}) for pid, b in extra.items()]
    with session_scope(engine) as s:
        call = add_call(s, "2026-05000")
        for pid in extra:
            add_match(s, pid, call, 1)
    smtp_server.handler.fail_after = 3
    first = run_once(engine, world)
    assert (first.sent, first.retry, first.failed) == (3, 1, 0)
    assert first.stopped == "421 4.3.2 Service shutting down"
    with session_scope(engine) as s:
        counts = dict(s.execute(select(Digest.status, func.count()).group_by(Digest.status)).all())
        retried = s.scalar(select(Digest).where(Digest.attempts == 1, Digest.status == "pending"))
    assert counts == {"sent": 3, "pending": 3}
    assert retried.next_attempt_at == datetime(2026, 11, 30, 6, 5, tzinfo=UTC)  # 300 s back-off

    smtp_server.handler.fail_after = None
    monkeypatch.setenv("HUBB_NOW", "2026-11-30T07:10:00")
    second = run_once(engine, world)
    assert (second.sent, second.retry, second.failed) == (3, 0, 0)
    assert smtp_server.handler.count_by_recipient() == {
        r: 1 for r in ("anna@example.se", "john@example.se", "carl@example.se",
                       "k0@example.se", "k1@example.se", "k2@example.se")}


def test_4xx_stays_pending_and_is_retried_with_back_off(engine, world, smtp_server, monkeypatch):
    monkeypatch.setenv("HUBB_DIGEST__MAX_ATTEMPTS", "3")
    get_settings(fresh=True)
    smtp_server.handler.temp_fail = {"john@example.se"}
    first = run_once(engine, world)
    assert (first.sent, first.retry, first.failed, first.stopped) == (2, 1, 0, None)  # per recipient: go on
    with session_scope(engine) as s:
        john = s.scalar(select(Digest).where(Digest.recipient == "john@example.se"))
    assert (john.status, john.attempts, john.last_error) == ("pending", 1, "450 4.2.1 Mailbox busy, try again later")
    assert john.next_attempt_at == datetime(2026, 11, 30, 6, 5, tzinfo=UTC)

    early = send_pending(engine, transport_from_settings(get_settings()), get_settings())
    assert (early.sent, early.retry) == (0, 0)  # not due yet

    monkeypatch.setenv("HUBB_NOW", "2026-11-30T07:05:00")
    assert send_pending(engine, transport_from_settings(get_settings()), get_settings()).retry == 1
    with session_scope(engine) as s:
        john = s.scalar(select(Digest).where(Digest.recipient == "john@example.se"))
    assert (john.status, john.attempts) == ("pending", 2)
    assert john.next_attempt_at == datetime(2026, 11, 30, 6, 15, tzinfo=UTC)  # doubled: 600 s

    monkeypatch.setenv("HUBB_NOW", "2026-11-30T07:15:00")
    last = send_pending(engine, transport_from_settings(get_settings()), get_settings())
    assert (last.failed, last.retry) == (1, 0)
    assert statuses(engine)["john@example.se"] == ("failed", 3)
    with session_scope(engine) as s:
        assert s.scalar(select(func.count()).select_from(Suppression)) == 0  # temporary: not a bounce

    smtp_server.handler.temp_fail = set()
    assert smtp_server.handler.count_by_recipient() == {"anna@example.se": 1, "carl@example.se": 1}


def test_5xx_fails_suppresses_the_address_and_forgets_what_it_told(engine, world, smtp_server, monkeypatch):
    smtp_server.handler.perm_fail = {"carl@example.se"}
    result = run_once(engine, world)
    assert (result.sent, result.failed, result.retry) == (2, 1, 0)
    assert result.errors == ["carl@example.se: 550 5.1.1 No such user here"]
    with session_scope(engine) as s:
        carl = s.scalar(select(Digest).where(Digest.recipient == "carl@example.se"))
        sup = s.scalar(select(Suppression))
        items = s.scalar(select(func.count()).select_from(SentItem).where(SentItem.recipient == "carl@example.se"))
    assert (carl.status, carl.attempts, carl.last_error) == ("failed", 1, "550 5.1.1 No such user here")
    assert (sup.email, sup.reason, sup.detail) == ("carl@example.se", "bounced", "550 5.1.1 No such user here")
    assert items == 0

    monkeypatch.setenv("HUBB_NOW", "2026-12-07T07:00:00")  # next week: suppressed, gets nothing
    settings = get_settings()
    composed = compose_due(engine, world, date(2026, 12, 7), settings)
    assert composed.suppressed == 1


def test_connection_refused_leaves_everything_pending(engine, world, monkeypatch):
    from tests.helpers.smtp import free_port

    monkeypatch.setenv("HUBB_SMTP_URL", f"smtp://127.0.0.1:{free_port()}")
    get_settings(fresh=True)
    result = run_once(engine, world)
    assert (result.sent, result.retry, result.failed) == (0, 1, 0)
    assert result.stopped.startswith("cannot connect to 127.0.0.1:")
    assert sorted(statuses(engine).values()) == [("pending", 0), ("pending", 0), ("pending", 1)]


def hubb(*args: str) -> list[str]:
    return [sys.executable, "-m", "cli.main", *args]


@pytest.fixture
def many(engine, world, monkeypatch):
    """Twenty-three recipients in all, for the process tests."""
    extra = {f"f{i:02d}": profile(f"Företag {i} AB", [(f"A {i}", f"a{i}@example.se", "sv"),
                                                      (f"B {i}", f"b{i}@example.se", "en")]) for i in range(10)}
    cfg = os.environ["HUBB_CONFIG_DIR"]
    import yaml

    for pid, body in extra.items():
        with open(f"{cfg}/profiles/{pid}.yaml", "w", encoding="utf-8") as fh:
            yaml.safe_dump(body, fh, allow_unicode=True)
    with session_scope(engine) as s:
        call = add_call(s, "2026-06000")
        for pid in extra:
            add_match(s, pid, call, 1)
    return ["anna@example.se", "john@example.se", "carl@example.se"] + [
        f"{x}{i}@example.se" for i in range(10) for x in "ab"]


@pytest.mark.slow
def test_sender_killed_mid_run_then_rerun_delivers_each_once(engine, many, smtp_server):
    smtp_server.handler.kill_after = 3
    proc = subprocess.Popen(hubb("digest", "send"), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    smtp_server.handler.kill_pid = proc.pid
    proc.communicate(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    assert len(smtp_server.handler.messages) == 3
    counts = {}
    for st, _ in statuses(engine).values():
        counts[st] = counts.get(st, 0) + 1
    assert counts["sent"] == 3 and counts["sending"] >= 1  # the killed run's claims are left behind

    smtp_server.handler.kill_after = None
    rerun = subprocess.run(hubb("digest", "send"), capture_output=True, text=True, timeout=60)
    assert rerun.returncode == 0, rerun.stderr
    assert rerun.stdout.splitlines()[-1] == "sent 20, skipped 0, failed 0, retry later 0"
    assert smtp_server.handler.count_by_recipient() == {r: 1 for r in many}
    assert set(statuses(engine).values()) == {("sent", 1)}


@pytest.mark.slow
def test_two_senders_at_once_deliver_each_message_once(engine, many, smtp_server):
    procs = [subprocess.Popen(hubb("digest", "send"), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    outs = [p.communicate(timeout=90) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    assert smtp_server.handler.count_by_recipient() == {r: 1 for r in many}
    assert set(statuses(engine).values()) == {("sent", 1)}
    sent = [int(out.splitlines()[-1].split()[1].rstrip(",")) for out, _ in outs]
    assert sum(sent) == len(many)


def test_dry_run_writes_eml_files_and_changes_nothing(engine, world, smtp_server, tmp_path):
    out = tmp_path / "outbox"
    run = subprocess.run(hubb("digest", "send", "--dry-run", "--outbox", str(out)),
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines()[-1] == "dry run: 3 message(s) written, nothing sent"
    names = sorted(p.name.split("-", 1)[1] for p in out.glob("*.eml"))
    assert names == ["anna@example.se.eml", "carl@example.se.eml", "john@example.se.eml"]
    assert smtp_server.handler.messages == []
    assert statuses(engine) == {}


def test_claims_are_disjoint_and_expired_claims_come_back(engine, world, monkeypatch):
    from digest.send import claim

    compose_due(engine, world, AS_OF, get_settings())
    with session_scope(engine) as s:
        ids = list(s.scalars(select(Digest.id).order_by(Digest.id)))
    first = claim(engine, "elsewhere:1:a", 2)
    second = claim(engine, "elsewhere:2:b", 5)
    assert (first, second) == (ids[:2], ids[2:])
    assert claim(engine, "elsewhere:3:c", 5) == []
    monkeypatch.setenv("HUBB_NOW", "2026-11-30T07:05:01")  # claims last 300 s
    assert claim(engine, "elsewhere:3:c", 5) == ids


def test_preview_prints_the_text_writes_the_html_and_records_nothing(engine, world, tmp_path):
    from click.testing import CliRunner

    from cli.main import main

    out = tmp_path / "preview.html"
    result = CliRunner().invoke(main, ["digest", "preview", "exempel", "--as-of", "2026-11-30", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(
        "Subject: 2 nya utlysningar för er – vecka 49\nTo: anna@example.se\n\n2 nya utlysningar för er\n")
    assert "Robotar &lt;script&gt;alert(1)&lt;/script&gt; i svetslinjen" in out.read_text(encoding="utf-8")
    assert statuses(engine) == {}
    missing = CliRunner().invoke(main, ["digest", "preview", "nosuch"])
    assert missing.exit_code == 2


def test_unsubscribe_command_suppresses_the_address(engine):
    from click.testing import CliRunner

    from cli.main import main

    first = CliRunner().invoke(main, ["digest", "unsubscribe", "Anna@Example.se"])
    again = CliRunner().invoke(main, ["digest", "unsubscribe", "anna@example.se"])
    assert (first.exit_code, first.stdout) == (0, "Anna@Example.se: unsubscribed\n")
    assert (again.exit_code, again.stdout) == (0, "anna@example.se: already suppressed\n")
    with session_scope(engine) as s:
        rows = s.execute(select(Suppression.email, Suppression.reason)).all()
    assert rows == [("anna@example.se", "unsubscribed")]
