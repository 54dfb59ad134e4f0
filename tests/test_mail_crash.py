"""The crash window, measured with real processes (issue 14): ``hubb digest send`` is
killed with SIGKILL by a real SMTP server on 127.0.0.1 at each step of one message's SMTP
transaction, then run again. Only a kill after the sender has written the end of the
message (DATA's final ".") and before it has committed ``sent`` gives a second copy —
exactly one, byte for byte the first, same Message-ID; a kill anywhere else gives none,
and no message is ever lost. docs/digest.md gives the window's measured length.

``python -m tests.test_mail_crash [--messages 40] [--database-url URL]`` measures the
window's parts in-process (see :func:`measure`)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from dataclasses import dataclass

import pytest
from sqlalchemy import select

from db.engine import session_scope
from db.models import Digest
from tests.helpers.smtp import Received, Recorder, free_port


@dataclass
class Killer(Recorder):
    """Kills ``kill_pid`` at ``kill_at`` of the message after ``kill_n`` accepted ones.

    * ``mail`` — at the next MAIL FROM: the previous message's ``sent`` is committed
      (the sender commits before it starts the next message);
    * ``rcpt`` — at RCPT TO, before any data;
    * ``data`` — after the final ".", the message taken (as a real server does when it
      has queued it), before the 250 goes out: inside the window.
    """

    kill_at: str | None = None
    kill_n: int = 0

    def _kill(self) -> None:
        if self.kill_pid:
            os.kill(self.kill_pid, signal.SIGKILL)  # delivered before os.kill returns
            self.kill_pid = None

    def _due(self, step: str) -> bool:
        return self.kill_at == step and len(self.messages) >= self.kill_n

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if self._due("mail"):
            self._kill()
            return "421 4.3.0 Sender went away"
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self._due("rcpt"):
            self._kill()
            return "451 4.3.0 Sender went away"
        return await super().handle_RCPT(server, session, envelope, address, rcpt_options)

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            if self._due("data"):
                self.messages.append(Received(envelope.mail_from, list(envelope.rcpt_tos),
                                              envelope.original_content))
                self._kill()
                return "250 OK: queued"  # to a dead sender
            self.messages.append(Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content))
        return "250 OK: queued"


@pytest.fixture
def killer(monkeypatch):
    from aiosmtpd.controller import Controller

    handler = Killer()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    monkeypatch.setenv("HUBB_SMTP_URL", f"smtp://127.0.0.1:{port}")
    yield handler
    controller.stop()


def hubb(*args: str) -> list[str]:
    return [sys.executable, "-m", "cli.main", *args]


def statuses(engine) -> dict[str, str]:
    with session_scope(engine) as s:
        return {r: st for r, st in s.execute(select(Digest.recipient, Digest.status))}


@pytest.fixture
def many(engine, killer, monkeypatch, tmp_path):
    """Twenty recipients of ten companies, one matched call each."""
    from hubb.settings import get_settings
    from tests.helpers.digest_data import add_call, add_match, profile, write_config

    profiles = {f"f{i:02d}": profile(f"Företag {i} AB", [(f"A {i}", f"a{i}@example.se", "sv"),
                                                         (f"B {i}", f"b{i}@example.se", "en")])
                for i in range(10)}
    monkeypatch.setenv("HUBB_CONFIG_DIR", str(write_config(tmp_path, profiles)))
    monkeypatch.setenv("HUBB_NOW", "2026-11-30T07:00:00")
    get_settings(fresh=True)
    with session_scope(engine) as s:
        call = add_call(s, "2026-06000")
        for pid in profiles:
            add_match(s, pid, call, 1)
    return sorted(f"{x}{i}@example.se" for i in range(10) for x in "ab")


@pytest.mark.slow
@pytest.mark.parametrize("step, duplicates", [("mail", 0), ("rcpt", 0), ("data", 1)])
def test_sigkill_at_each_step_then_rerun(engine, many, killer, step, duplicates):
    killer.kill_at, killer.kill_n = step, 5
    proc = subprocess.Popen(hubb("digest", "send"), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    killer.kill_pid = proc.pid
    proc.communicate(timeout=120)
    assert proc.returncode == -signal.SIGKILL
    delivered = len(killer.messages)
    assert delivered == 5 + duplicates
    left = statuses(engine)
    assert sorted(left.values()).count("sent") == 5  # the sixth was never marked
    assert set(left.values()) == {"sent", "sending"}  # the rest of the claim, left behind
    if duplicates:  # the server has the sixth message; our database does not know it
        assert left[killer.messages[5].rcpt_tos[0]] == "sending"

    killer.kill_at = None
    rerun = subprocess.run(hubb("digest", "send"), capture_output=True, text=True, timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    assert rerun.stdout.splitlines()[-1] == "sent 15, skipped 0, failed 0, retry later 0"
    counts = killer.count_by_recipient()
    assert sorted(counts) == many  # none lost
    assert {r: n for r, n in counts.items() if n > 1} == ({killer.messages[5].rcpt_tos[0]: 2} if duplicates else {})
    assert set(statuses(engine).values()) == {"sent"}
    if duplicates:
        first, second = killer.to(killer.messages[5].rcpt_tos[0])
        assert first.data == second.data  # the stored message again: same bytes, same Message-ID
        assert first.message["Message-ID"] == second.message["Message-ID"]


# --- measurement -----------------------------------------------------------------


def measure(url: str | None, messages: int) -> dict[str, list[float]]:
    """Per message, in ms: ``server`` = end of DATA written → 250 read (the server's
    processing and the reply), ``commit`` = 250 read → ``sent`` committed, ``window`` =
    their sum, ``total`` = one message's whole send (MAIL to commit)."""
    import smtplib
    import tempfile
    import time
    from datetime import date
    from pathlib import Path

    from aiosmtpd.controller import Controller

    from db.engine import make_engine
    from db.migrate import upgrade
    from digest import send
    from digest.outbox import compose_due
    from hubb.profiles import Profile
    from hubb.settings import get_settings
    from tests.helpers.digest_data import add_call, add_match, profile, write_config

    tmp = Path(tempfile.mkdtemp(prefix="crash-window-"))
    os.environ["HUBB_DATABASE_URL"] = url or f"sqlite:///{tmp}/hubb.sqlite3"
    bodies = {f"p{i:03d}": profile(f"Företag {i} AB", [(f"A {i}", f"a{i}@example.se", "sv")])
              for i in range(messages)}
    os.environ["HUBB_CONFIG_DIR"] = str(write_config(tmp, bodies))
    os.environ["HUBB_NOW"] = "2026-11-30T07:00:00"
    handler = Recorder()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    os.environ["HUBB_SMTP_URL"] = f"smtp://127.0.0.1:{port}"
    settings = get_settings(fresh=True)
    engine = make_engine(os.environ["HUBB_DATABASE_URL"])
    upgrade(engine)
    with session_scope(engine) as s:
        call = add_call(s, "2026-06000")
        for pid in bodies:
            add_match(s, pid, call, 1)
    compose_due(engine, [Profile.model_validate({**b, "id": p}) for p, b in bodies.items()],
                date(2026, 11, 30), settings)

    marks: dict[str, float] = {}
    out: dict[str, list[float]] = {"server": [], "commit": [], "window": [], "total": []}
    real_send, real_mail, real_finish = smtplib.SMTP.send, smtplib.SMTP.mail, send._finish

    def timed_send(self, s):
        real_send(self, s)
        if isinstance(s, bytes) and s.endswith(b"\r\n.\r\n"):
            marks["dot"] = time.perf_counter()

    def timed_mail(self, *a, **kw):
        marks["mail"] = time.perf_counter()
        return real_mail(self, *a, **kw)

    def timed_finish(*a, **kw):
        replied = time.perf_counter()
        done = real_finish(*a, **kw)
        committed = time.perf_counter()
        if kw.get("status") == "sent":
            out["server"].append((replied - marks["dot"]) * 1000)
            out["commit"].append((committed - replied) * 1000)
            out["window"].append((committed - marks["dot"]) * 1000)
            out["total"].append((committed - marks["mail"]) * 1000)
        return done

    smtplib.SMTP.send, smtplib.SMTP.mail, send._finish = timed_send, timed_mail, timed_finish
    try:
        result = send.send_pending(engine, send.transport_from_settings(settings), settings)
    finally:
        smtplib.SMTP.send, smtplib.SMTP.mail, send._finish = real_send, real_mail, real_finish
        controller.stop()
        engine.dispose()
    assert result.sent == messages, result
    return out


def trials(n: int, messages: int, seed: int = 1) -> list[tuple[int, int]]:
    """``n`` runs of ``hubb digest send`` killed at a random moment of their sending (a
    random delay of 0–4 ms after a random message was accepted), each followed by a second
    run: (duplicates, lost) per trial. A measurement, not a test: it sleeps."""
    import random
    import tempfile
    import threading
    import time
    from pathlib import Path

    from db.engine import make_engine
    from db.migrate import upgrade
    from hubb.settings import get_settings
    from tests.helpers.digest_data import add_call, add_match, profile, write_config

    rng = random.Random(seed)
    out = []
    for _ in range(n):
        tmp = Path(tempfile.mkdtemp(prefix="crash-trial-"))
        bodies = {f"p{i:03d}": profile(f"Företag {i} AB", [(f"A {i}", f"a{i}@example.se", "sv")])
                  for i in range(messages)}
        after = rng.randrange(1, messages - 1)
        seen = threading.Event()

        class Counter(Recorder):
            async def handle_DATA(self, server, session, envelope, after=after, seen=seen):
                reply = await super().handle_DATA(server, session, envelope)
                if len(self.messages) == after:
                    seen.set()
                return reply

        from aiosmtpd.controller import Controller

        handler = Counter()
        port = free_port()
        controller = Controller(handler, hostname="127.0.0.1", port=port)
        controller.start()
        env = dict(os.environ, HUBB_DATABASE_URL=f"sqlite:///{tmp}/hubb.sqlite3",
                   HUBB_CONFIG_DIR=str(write_config(tmp, bodies)), HUBB_NOW="2026-11-30T07:00:00",
                   HUBB_SMTP_URL=f"smtp://127.0.0.1:{port}")
        os.environ.update(env)
        get_settings(fresh=True)
        engine = make_engine(env["HUBB_DATABASE_URL"])
        upgrade(engine)
        with session_scope(engine) as s:
            call = add_call(s, "2026-06000")
            for pid in bodies:
                add_match(s, pid, call, 1)
        engine.dispose()
        proc = subprocess.Popen(hubb("digest", "send"), env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        assert seen.wait(120)
        time.sleep(rng.uniform(0, 0.004))
        proc.kill()
        proc.wait()
        subprocess.run(hubb("digest", "send"), env=env, capture_output=True, timeout=120, check=False)
        controller.stop()
        counts = handler.count_by_recipient()
        out.append((sum(c - 1 for c in counts.values()), messages - len(counts)))
    return out


if __name__ == "__main__":
    import argparse
    import statistics

    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--messages", type=int, default=40)
    ap.add_argument("--database-url", default=None)
    ap.add_argument("--trials", type=int, default=0, help="also kill this many real runs at random moments")
    args = ap.parse_args()
    url = args.database_url
    if url and url.startswith("postgresql"):
        from sqlalchemy import create_engine, text
        from sqlalchemy.engine import make_url

        schema = f"crash_window_{os.getpid()}"
        admin = create_engine(url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        url = make_url(url).update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(
            hide_password=False)
    try:
        figures = measure(url, args.messages)
    finally:
        if url and url.startswith("postgresql"):
            with admin.connect() as conn:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    for name, values in figures.items():
        values = sorted(values)
        print(f"{name:>7}: median {statistics.median(values):.3f} ms, p90 {values[int(len(values) * 0.9)]:.3f} ms, "
              f"max {values[-1]:.3f} ms")
    share = sum(figures["window"]) / sum(figures["total"])
    print(f"inside the window: {share:.0%} of the time spent sending")
    if args.trials:
        results = trials(args.trials, 20)
        print(f"{args.trials} runs killed at random moments: {sum(1 for d, _ in results if d)} gave a duplicate "
              f"({sum(d for d, _ in results)} in all, never more than {max(d for d, _ in results)} per kill), "
              f"{sum(lost for _, lost in results)} message(s) lost")
