"""Digest throughput: N recipients' digests composed (selected, rendered, CSS inlined,
MIME built, written as pending) and sent to a local SMTP server (aiosmtpd's Sink, in its
own process so it does not share our interpreter), on SQLite or PostgreSQL.

    python bench/bench_digest.py [--recipients 5000] [--calls 300] [--database-url URL]

Prints messages/s for composing, sending and the whole run, and peak memory (max RSS).
"""

from __future__ import annotations

import argparse
import os
import resource
import socket
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise SystemExit(f"SMTP sink on port {port} did not start")


def seed(engine, recipients: int, calls: int, per_profile: int = 10, contacts_per_profile: int = 2):
    from db.engine import session_scope
    from db.models import Call, Match

    t0 = datetime(2026, 11, 20, tzinfo=UTC)
    profiles = []
    with session_scope(engine) as s:
        rows = []
        for i in range(calls):
            rows.append(Call(
                source="bench", external_id=f"c{i}", url=f"https://example.se/utlysning/{i}",
                title=f"Utlysning {i}: automation & digitalisering i tillverkande SMF", funder="Vinnova",
                summary="", text="", status="open", content_hash=str(i), first_seen=t0, last_seen=t0,
                deadline="2027-01-15T14:00:00+01:00", deadline_date=date(2027, 1, 15), applicants=["sme"],
                regions=["SE"], max_grant_sek=2_000_000, employees_max=249,
            ))
        s.add_all(rows)
        s.flush()
        n_profiles = recipients // contacts_per_profile
        matches = []
        for p in range(n_profiles):
            pid = f"p{p:05d}"
            for rank in range(1, per_profile + 1):
                call = rows[(p * 7 + rank * 13) % calls]
                matches.append(Match(
                    profile_id=pid, call_id=call.id, score=1 - rank / 100, rank=rank, areas=["automation"],
                    reasons={"sv": ["Automation och robotik", "för små företag", "Örebro län"],
                             "en": ["Automation and robotics", "for small companies"]},
                    worth_sending=rank <= 8, as_of=date(2026, 11, 30), first_matched_at=t0, matched_at=t0,
                ))
            profiles.append(SimpleNamespace(id=pid, company=f"Företag {p} AB", contacts=[
                SimpleNamespace(name=f"Kontakt {p}-{c}", email=f"k{p}-{c}@example.se",
                                language="en" if (p + c) % 5 == 4 else "sv")
                for c in range(contacts_per_profile)]))
        s.add_all(matches)
    return profiles


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--recipients", type=int, default=5000)
    ap.add_argument("--calls", type=int, default=300)
    ap.add_argument("--database-url", default=None, help="default: a fresh SQLite file")
    ap.add_argument("--connections", type=int, default=None, help="SMTP connections (default: as hubb digest send)")
    args = ap.parse_args()

    tmp = tempfile.mkdtemp(prefix="bench-digest-")
    url = args.database_url or f"sqlite:///{tmp}/bench.sqlite3"
    schema = None
    if url.startswith("postgresql"):
        # a schema of its own, dropped at the end: the run never touches existing data
        from sqlalchemy import create_engine, text
        from sqlalchemy.engine import make_url

        schema = f"bench_digest_{os.getpid()}"
        admin = create_engine(url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        url = make_url(url).update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(
            hide_password=False)
    port = free_port()
    os.environ.update(HUBB_DATABASE_URL=url, HUBB_SMTP_URL=f"smtp://127.0.0.1:{port}", HUBB_NOW="2026-11-30T07:00:00",
                      HUBB_PUBLIC_BASE_URL="https://bevakning.example.se", HUBB_SECRET_KEY="bench")
    engine = None
    sink = subprocess.Popen([sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{port}",
                             "-c", "aiosmtpd.handlers.Sink"])
    try:
        wait_for_port(port)
        from db.engine import make_engine
        from db.migrate import upgrade
        from digest.outbox import compose_due
        from digest.send import CONNECTIONS, send_pending, transport_from_settings
        from hubb.settings import get_settings

        engine = make_engine(url)
        upgrade(engine)
        settings = get_settings(fresh=True)
        profiles = seed(engine, args.recipients, args.calls)

        t0 = time.perf_counter()
        composed = compose_due(engine, profiles, date(2026, 11, 30), settings)
        t1 = time.perf_counter()
        result = send_pending(engine, transport_from_settings(settings), settings,
                              connections=args.connections or CONNECTIONS)
        t2 = time.perf_counter()
    finally:
        sink.terminate()
        sink.wait()
        if schema:
            if engine is not None:
                engine.dispose()
            with admin.connect() as conn:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    n = result.sent
    print(f"database: {engine.dialect.name}; recipients: {args.recipients}; calls: {args.calls}")
    print(f"composed {composed.composed} digests in {t1 - t0:.1f} s: {composed.composed / (t1 - t0):.0f} messages/s")
    print(f"sent {n} (failed {result.failed}, retry {result.retry}) in {t2 - t1:.1f} s: {n / (t2 - t1):.0f} messages/s")
    print(f"overall: {n / (t2 - t0):.0f} messages/s; peak memory (max RSS): {peak_mb:.0f} MB")
    if composed.composed != args.recipients or n != args.recipients:
        raise SystemExit("not every recipient got a digest")


if __name__ == "__main__":
    main()
