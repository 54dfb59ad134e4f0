"""Internationalised addresses end to end (issue 14), through a real SMTP server on
127.0.0.1 (aiosmtpd) with and without SMTPUTF8: IDNA domains always go, a non-ASCII local
part goes only where SMTPUTF8 is offered, and an address that cannot go fails that one
message while the run delivers the others, once."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from db.engine import session_scope
from db.models import Digest, SentItem, Suppression
from digest.address import AddressError, header_address, smtp_address
from digest.outbox import compose_due
from digest.send import send_pending, transport_from_settings
from hubb.clock import utcnow
from hubb.profiles import Profile
from hubb.settings import get_settings
from tests.helpers.digest_data import add_call, add_match, profile, write_config
from tests.helpers.smtp import Recorder, free_port

AS_OF = date(2026, 11, 30)
IDN = "anna@företag.se"
IDN_ASCII = "anna@xn--fretag-wxa.se"
UTF8_LOCAL = "åsa@example.se"


@pytest.mark.parametrize("address, expected", [
    ("anna@example.se", ("anna@example.se", False)),
    (IDN, (IDN_ASCII, False)),
    ("Anna@FÖRETAG.se", ("Anna@xn--fretag-wxa.se", False)),  # UTS 46 maps case
    (UTF8_LOCAL, (UTF8_LOCAL, True)),
    ("åsa@företag.se", ("åsa@xn--fretag-wxa.se", True)),
])
def test_smtp_form_of_an_address(address, expected):
    got = smtp_address(address)
    assert (got.address, got.utf8) == expected


@pytest.mark.parametrize("address, reason", [
    ("anna@-bad-ö.se", "the domain has no IDNA form"),
    ("anna@ö..se", "the domain has no IDNA form"),
    ("anna@example.se\r\nBcc: x@evil.example", "contains a space or control character"),
    ("no-at-sign", "is not an e-mail address"),
])
def test_addresses_without_an_smtp_form_are_refused_with_the_reason(address, reason):
    with pytest.raises(AddressError) as exc:
        smtp_address(address)
    assert reason in str(exc.value)
    assert "\n" not in header_address(address) and "\r" not in header_address(address)


class Server:
    """aiosmtpd on 127.0.0.1, SMTPUTF8 offered or not."""

    def __init__(self, smtputf8: bool):
        from aiosmtpd.controller import Controller

        self.handler = Recorder()
        self.port = free_port()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port,
                                     enable_SMTPUTF8=smtputf8)


@pytest.fixture(params=[False, True], ids=["plain", "smtputf8"])
def server(request, monkeypatch):
    srv = Server(request.param)
    srv.controller.start()
    monkeypatch.setenv("HUBB_SMTP_URL", f"smtp://127.0.0.1:{srv.port}")
    srv.smtputf8 = request.param
    yield srv
    srv.controller.stop()


@pytest.fixture
def world(engine, server, monkeypatch, tmp_path):
    """The non-ASCII local part first: the oldest pending message is the hard one."""
    profiles = {
        "a-utf8": profile("Åsas Svets AB", [("Åsa Öberg", UTF8_LOCAL, "sv")]),
        "b-idn": profile("Företaget AB", [("Anna Andersson", IDN, "sv")]),
        "c-plain": profile("Plåt i Kumla AB", [("Carl Berg", "carl@example.se", "sv")]),
    }
    monkeypatch.setenv("HUBB_CONFIG_DIR", str(write_config(tmp_path, profiles)))
    monkeypatch.setenv("HUBB_NOW", "2026-11-30T07:00:00")
    get_settings(fresh=True)
    with session_scope(engine) as s:
        call = add_call(s, "2026-03412")
        for pid in profiles:
            add_match(s, pid, call, 1)
    return [Profile.model_validate({**body, "id": pid}) for pid, body in profiles.items()]


def run(engine, profiles):
    settings = get_settings()
    compose_due(engine, profiles, AS_OF, settings)
    return send_pending(engine, transport_from_settings(settings), settings)


def rows(engine) -> dict[str, tuple]:
    with session_scope(engine) as s:
        return {r: (st, a, e) for r, st, a, e in
                s.execute(select(Digest.recipient, Digest.status, Digest.attempts, Digest.last_error))}


def test_idna_domains_always_go_and_utf8_local_parts_only_with_smtputf8(engine, world, server):
    result = run(engine, world)
    got = server.handler
    # the IDN domain travels in ASCII, in the envelope and in To:, on both servers
    (idn,) = got.to(IDN_ASCII)
    assert idn.rcpt_tos == [IDN_ASCII]
    assert idn.message["To"] == IDN_ASCII
    assert idn.message["Subject"] == "1 ny utlysning för er – vecka 49"
    assert [p.defects for p in idn.message.walk()] == [[], [], [], [], []]
    assert len(got.to("carl@example.se")) == 1
    if server.smtputf8:
        (utf8,) = got.to(UTF8_LOCAL)
        assert utf8.rcpt_tos == [UTF8_LOCAL]
        assert utf8.message["To"] == UTF8_LOCAL  # RFC 6532: UTF-8 in the header
        assert (result.sent, result.failed, result.retry, result.stopped) == (3, 0, 0, None)
        assert rows(engine)[UTF8_LOCAL] == ("sent", 1, None)
    else:
        assert got.to(UTF8_LOCAL) == []
        assert (result.sent, result.failed, result.retry, result.stopped) == (2, 1, 0, None)
        error = f"a non-ASCII local part needs SMTPUTF8, which 127.0.0.1:{server.port} does not offer"
        assert result.errors == [f"{UTF8_LOCAL}: {error}"]
        assert rows(engine)[UTF8_LOCAL] == ("failed", 1, error)
        with session_scope(engine) as s:
            assert s.scalar(select(func.count()).select_from(Suppression)) == 0  # not a bounce
            assert s.scalar(select(func.count()).select_from(SentItem)
                            .where(SentItem.recipient == UTF8_LOCAL)) == 0  # nothing was told
    assert rows(engine)[IDN] == ("sent", 1, None)  # stored as the contact wrote it

    again = run(engine, world)  # the same week again: nothing is sent twice
    assert (again.sent, again.failed, again.retry) == (0, 0, 0)
    assert got.count_by_recipient() == (
        {IDN_ASCII: 1, "carl@example.se": 1} | ({UTF8_LOCAL: 1} if server.smtputf8 else {}))


def _pending(engine, recipient: str, message: bytes) -> None:
    with session_scope(engine) as s:
        s.add(Digest(recipient=recipient, profile_id="x", language="sv", period="2026-W49",
                     status="pending", subject="s", message_id=f"<{len(recipient)}@x>",
                     message=message, created_at=utcnow(), attempts=0))


def test_an_address_with_no_smtp_form_fails_alone_and_the_run_goes_on(engine, world, server):
    # a row written by an older version, before the address was checked: the oldest pending
    _pending(engine, "anna@-bad-ö.se", b"To: x\r\n\r\nbody\r\n")
    result = run(engine, world)
    assert rows(engine)["anna@-bad-ö.se"][:2] == ("failed", 1)
    assert "the domain has no IDNA form" in rows(engine)["anna@-bad-ö.se"][2]
    assert rows(engine)[IDN][0] == rows(engine)["carl@example.se"][0] == "sent"
    assert result.stopped is None
    assert result.sent == (3 if server.smtputf8 else 2)


def test_any_exception_while_sending_one_message_is_a_retry_and_the_run_goes_on(engine, world, server):
    settings = get_settings()
    compose_due(engine, world, AS_OF, settings)
    transport = transport_from_settings(settings)
    real_send = transport.send

    def send(sender, recipient, data):
        if recipient == IDN:
            raise UnicodeEncodeError("ascii", recipient, 5, 6, "a bug of our own")
        return real_send(sender, recipient, data)

    transport.send = send
    result = send_pending(engine, transport, settings)
    assert result.stopped is None and result.retry == 1
    status, attempts, error = rows(engine)[IDN]
    assert (status, attempts) == ("pending", 1)
    assert error.startswith("unexpected error: UnicodeEncodeError:")
    assert rows(engine)["carl@example.se"][0] == "sent"
    assert IDN_ASCII not in server.handler.count_by_recipient()


def test_a_message_stored_with_an_encoded_to_header_goes_out_with_the_address(engine, world, server):
    """Composed by a version before the fix: To: was an RFC 2047 word, no address left."""
    from email.header import Header

    from digest.address import repair_to_header

    old_to = Header(IDN, "utf-8", header_name="To").encode(linesep="\r\n")
    assert old_to.startswith("=?utf-8?")
    stored = (f"From: bevakning@example.se\r\nTo: {old_to}\r\nSubject: Vecka 49\r\n"
              f"Message-ID: <old@example.se>\r\nMIME-Version: 1.0\r\n"
              f"Content-Type: text/plain; charset=\"utf-8\"\r\n\r\nTo: =?utf-8?b?stays?=\r\n").encode()
    assert repair_to_header(b"To: a@example.se\r\n\r\nx", "a@example.se") == b"To: a@example.se\r\n\r\nx"
    _pending(engine, IDN, stored)
    settings = get_settings()
    result = send_pending(engine, transport_from_settings(settings), settings)
    assert (result.sent, result.failed, result.retry) == (1, 0, 0)
    (got,) = server.handler.to(IDN_ASCII)
    assert got.message["To"] == IDN_ASCII
    assert got.message["Message-ID"] == "<old@example.se>"
    assert got.data.endswith(b"\r\n\r\nTo: =?utf-8?b?stays?=\r\n")  # the body is untouched
    assert got.data.replace(f"To: {IDN_ASCII}\r\n".encode(), f"To: {old_to}\r\n".encode()) == stored


def test_an_idn_sender_domain_is_ascii_in_from_and_message_id():
    from digest.message import build_message, message_id

    sender = "Bevakning <bevakning@företag.se>"
    mid = message_id(IDN, "2026-W49", sender)
    assert mid.isascii() and mid.endswith("@xn--fretag-wxa.se>")
    data = build_message(sender=sender, recipient=IDN, subject="s", text="t", html="<p>t</p>", msg_id=mid,
                         date_=utcnow(), unsubscribe_https=None, unsubscribe_mailto="mailto:x@example.se")
    head = data.partition(b"\r\n\r\n")[0].decode("ascii")  # every header ASCII
    assert "From: Bevakning <bevakning@xn--fretag-wxa.se>\r\n" in head
    assert f"To: {IDN_ASCII}\r\n" in head


@pytest.mark.slow
def test_hubb_digest_send_names_the_address_and_the_reason(engine, world, server):
    import subprocess
    import sys

    run = subprocess.run([sys.executable, "-m", "cli.main", "digest", "send"], capture_output=True, text=True,
                         timeout=120)
    if server.smtputf8:
        assert run.returncode == 0, run.stderr
        assert run.stdout.splitlines()[-1] == "sent 3, skipped 0, failed 0, retry later 0"
    else:
        assert run.returncode == 1
        assert run.stdout.splitlines()[-1] == "sent 2, skipped 0, failed 1, retry later 0"
        reason = f"failed {UTF8_LOCAL}: a non-ASCII local part needs SMTPUTF8, which 127.0.0.1:{server.port} does not offer"
        assert [line for line in run.stderr.splitlines() if line.endswith(reason)] != []  # the log line
        assert "Traceback" not in run.stderr


def test_a_sender_address_that_cannot_go_stops_the_run_and_fails_nothing(engine, world, server, monkeypatch):
    monkeypatch.setenv("HUBB_SENDER", "Bevakning <bevakning@-bad-ö.se>")
    settings = get_settings(fresh=True)
    compose_due(engine, world, AS_OF, settings)
    result = send_pending(engine, transport_from_settings(settings), settings)
    assert (result.sent, result.failed, result.retry) == (0, 0, 1)
    assert result.stopped.startswith("the sender address: 'bevakning@-bad-ö.se': the domain has no IDNA form")
    assert sorted(st for st, _, _ in rows(engine).values()) == ["pending"] * 3
    assert server.handler.messages == []
