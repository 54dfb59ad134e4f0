"""A real SMTP server on 127.0.0.1 (aiosmtpd) for e-mail tests, with switches for the
failures a sender must survive: refuse some recipients with 4xx or 5xx, answer 421 to
every message after the N-th, or SIGKILL the sending process when the N-th message
arrives (before it is accepted, so it counts as not delivered)."""

from __future__ import annotations

import email
import os
import signal
import socket
import threading
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage

import pytest


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    data: bytes

    @property
    def message(self) -> EmailMessage:
        return email.message_from_bytes(self.data, policy=policy.default)


@dataclass
class Recorder:
    """The aiosmtpd handler: keeps accepted messages, misbehaves on request."""

    messages: list[Received] = field(default_factory=list)
    temp_fail: set[str] = field(default_factory=set)
    perm_fail: set[str] = field(default_factory=set)
    #: after this many accepted messages, answer 421 to each further DATA
    fail_after: int | None = None
    #: when message number kill_after + 1 arrives, SIGKILL kill_pid; accept nothing more
    kill_after: int | None = None
    kill_pid: int | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.perm_fail:
            return "550 5.1.1 No such user here"
        if address in self.temp_fail:
            return "450 4.2.1 Mailbox busy, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            count = len(self.messages)
            if self.kill_after is not None and count >= self.kill_after:
                # nothing more is accepted until the test switches this off, so a second
                # connection of the dying sender cannot slip a message in
                if self.kill_pid:
                    os.kill(self.kill_pid, signal.SIGKILL)
                    self.kill_pid = None
                return "451 4.3.0 Sender went away"
            if self.fail_after is not None and count >= self.fail_after:
                return "421 4.3.2 Service shutting down"
            self.messages.append(Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content))
        return "250 OK: queued"

    def to(self, address: str) -> list[Received]:
        return [m for m in self.messages if address in m.rcpt_tos]

    def count_by_recipient(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for m in self.messages:
            for r in m.rcpt_tos:
                out[r] = out.get(r, 0) + 1
        return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class SmtpServer:
    def __init__(self):
        from aiosmtpd.controller import Controller

        self.handler = Recorder()
        self.port = free_port()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    def start(self) -> SmtpServer:
        self.controller.start()
        return self

    def stop(self) -> None:
        self.controller.stop()


@pytest.fixture
def smtp_server(monkeypatch):
    """A running server; HUBB_SMTP_URL points at it (for in-process code and subprocesses)."""
    server = SmtpServer().start()
    monkeypatch.setenv("HUBB_SMTP_URL", server.url)
    from hubb.settings import get_settings

    get_settings(fresh=True)
    yield server
    server.stop()
