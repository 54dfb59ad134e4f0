"""Sending exactly once: pending digests are claimed atomically, sent over SMTP (standard
library), and marked sent each in its own transaction.

* **Claiming.** A batch moves to ``sending`` under this process's claim token, in one
  transaction: on PostgreSQL ``SELECT … FOR UPDATE SKIP LOCKED`` then ``UPDATE … WHERE id
  IN (…) AND status = 'pending'`` (rows another sender locked are skipped); on SQLite one
  ``UPDATE … WHERE id IN (SELECT …)`` (writers are serialised, and the repeated ``status``
  condition makes the loser match nothing). Two senders never hold one row.
* **Crashes.** A claim carries ``claimed_until``. A sender killed mid-run leaves rows in
  ``sending``: a later run takes them back at once when the claim's process (same host)
  is gone, otherwise when the claim expires. The only window for a duplicate is from our
  writing DATA's final "." (the server may take the message even if we die then) to our
  commit of ``sent``: 1.7 ms median on SQLite, 4 ms on PostgreSQL with a loopback server,
  plus a real relay's reply time (docs/digest.md, measured by tests/test_mail_crash.py).
  The re-sent copy is the stored message, same Message-ID, so receivers can fold it. SMTP
  offers no way to close the window.
* **Failures.** 5xx for the recipient → ``failed``, the address suppressed as bounced, and
  its sent-items rows removed (nothing was told). 4xx, a dropped connection or a refused
  connect → back to ``pending`` with exponential back-off, ``failed`` after
  ``max_attempts``; anything but a per-recipient 4xx ends the run (the server is unwell).
  A recipient address with no SMTP form here (see ``digest/address.py``) → ``failed``,
  not suppressed; any other exception while sending one message → retried with back-off.
  Neither stops the run. A sender address with no SMTP form stops it, failing nothing.
* **Approval.** With ``digest.require_approval`` only digests of a week a staff member has
  approved (``batch_approvals``, web page "Före utskick") are claimed; the rest wait.
"""

from __future__ import annotations

import logging
import os
import smtplib
import socket
import ssl
import threading
import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from email.utils import parseaddr
from pathlib import Path
from typing import cast
from urllib.parse import unquote, urlsplit

from sqlalchemy import CursorResult, Engine, and_, delete, func, or_, select, update

from db.engine import session_scope
from db.models import BatchApproval, Digest, SentItem
from digest.address import AddressError, repair_to_header, smtp_address
from digest.unsubscribe import BOUNCED, suppress
from hubb.clock import utcnow

log = logging.getLogger(__name__)

#: how long a claim protects a message from other senders (one SMTP transaction)
CLAIM_SECONDS = 300


class TemporaryFailure(Exception):
    """Try again later. ``per_recipient``: only this address is affected (450 mailbox busy)."""

    def __init__(self, message: str, per_recipient: bool = False):
        super().__init__(message)
        self.per_recipient = per_recipient


class PermanentFailure(Exception):
    """The server refused this recipient for good (5xx)."""


class UnsendableAddress(Exception):
    """This address cannot go through this server (no SMTP form, or a non-ASCII local part
    and no SMTPUTF8): the message fails, the address is not suppressed as bounced."""


class SmtpTransport:
    """One SMTP connection, opened on first use, re-opened after a failure.

    ``smtp://host:port`` plain, ``smtp+starttls://`` STARTTLS required, ``smtps://`` TLS
    from the start; a user name in the URL, the password from ``HUBB_SMTP_PASSWORD``.
    """

    DEFAULT_PORTS = {"smtp": 25, "smtp+starttls": 587, "smtps": 465}

    def __init__(self, url: str, password: str | None = None, timeout: float = 60):
        self._url = url
        parts = urlsplit(url)
        if parts.scheme not in self.DEFAULT_PORTS:
            raise ValueError(f"smtp_url: unknown scheme {parts.scheme!r} (smtp, smtp+starttls, smtps)")
        self.scheme = parts.scheme
        self.host = parts.hostname or "localhost"
        self.port = parts.port or self.DEFAULT_PORTS[parts.scheme]
        self.user = unquote(parts.username) if parts.username else None
        self.password = password
        self.timeout = timeout
        self._conn: smtplib.SMTP | None = None

    def fresh(self) -> SmtpTransport:
        """Another, unconnected transport to the same server."""
        return type(self)(self._url, self.password, self.timeout)

    def _connect(self) -> smtplib.SMTP:
        try:
            conn: smtplib.SMTP
            if self.scheme == "smtps":
                conn = smtplib.SMTP_SSL(self.host, self.port, timeout=self.timeout,
                                        context=ssl.create_default_context())
            else:
                conn = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
                if self.scheme == "smtp+starttls":
                    conn.starttls(context=ssl.create_default_context())
            if self.user:
                conn.login(self.user, self.password or "")
        except (OSError, smtplib.SMTPException) as exc:
            raise TemporaryFailure(f"cannot connect to {self.host}:{self.port}: {exc}") from exc
        return conn

    def send(self, sender: str, recipient: str, data: bytes) -> None:
        try:
            envelope_from = smtp_address(sender)
        except AddressError as exc:
            # our own address: every message would fail alike, so stop the run, fail none
            raise TemporaryFailure(f"the sender address: {exc}") from None
        try:
            envelope_to = smtp_address(recipient)
        except AddressError as exc:
            raise UnsendableAddress(str(exc)) from None
        if self._conn is None:
            self._conn = self._connect()
        options = []
        if envelope_from.utf8 or envelope_to.utf8:
            try:
                self._conn.ehlo_or_helo_if_needed()
            except (OSError, smtplib.SMTPException) as exc:
                self.close()
                raise TemporaryFailure(f"connection lost: {exc}") from exc
            if not self._conn.has_extn("smtputf8"):
                need = f"a non-ASCII local part needs SMTPUTF8, which {self.host}:{self.port} does not offer"
                if envelope_from.utf8:
                    raise TemporaryFailure(f"the sender address {sender}: {need}")
                raise UnsendableAddress(need)
            options.append("SMTPUTF8")
        try:
            self._conn.sendmail(envelope_from.address, [envelope_to.address], data, mail_options=options)
        except smtplib.SMTPRecipientsRefused as exc:
            code, text = next(iter(exc.recipients.values()))
            self._reset()
            if code >= 500:
                raise PermanentFailure(f"{code} {_text(text)}") from exc
            raise TemporaryFailure(f"{code} {_text(text)}", per_recipient=True) from exc
        except smtplib.SMTPSenderRefused as exc:
            self.close()
            raise TemporaryFailure(f"sender refused: {exc.smtp_code} {_text(exc.smtp_error)}") from exc
        except smtplib.SMTPResponseException as exc:
            self.close()
            if exc.smtp_code >= 500:
                raise PermanentFailure(f"{exc.smtp_code} {_text(exc.smtp_error)}") from exc
            raise TemporaryFailure(f"{exc.smtp_code} {_text(exc.smtp_error)}") from exc
        except (OSError, smtplib.SMTPException) as exc:
            self.close()
            raise TemporaryFailure(f"connection lost: {exc}") from exc

    def _reset(self) -> None:
        if self._conn is None:  # already closed: nothing to reset
            return
        try:
            self._conn.rset()
        except (OSError, smtplib.SMTPException):
            self.close()

    def close(self) -> None:
        if self._conn is not None:
            try:
                self._conn.quit()
            except Exception:  # closing after any failure must not fail in turn
                try:
                    self._conn.close()
                except OSError:
                    pass
            self._conn = None


def _text(value) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def transport_from_settings(settings) -> SmtpTransport:
    password = settings.smtp_password.get_secret_value() if settings.smtp_password else None
    return SmtpTransport(settings.smtp_url, password)


@dataclass
class SendResult:
    sent: int = 0
    failed: int = 0
    retry: int = 0
    stopped: str | None = None
    errors: list[str] = field(default_factory=list)
    #: pending digests of weeks not yet approved by staff (``digest.require_approval``)
    waiting: int = 0


def claim_token() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def release_dead_claims(engine: Engine) -> int:
    """Give back messages claimed by a process of this host that no longer runs."""
    host = socket.gethostname()
    released = 0
    with session_scope(engine) as s:
        rows = s.execute(select(Digest.id, Digest.claimed_by).where(Digest.status == "sending")).all()
    for row_id, holder in rows:
        h, _, rest = (holder or "").partition(":")
        pid = rest.partition(":")[0]
        if h == host and pid.isdigit() and not _pid_alive(int(pid)):
            # its own transaction, a write first: no read-then-write upgrade on SQLite
            with session_scope(engine) as s:
                # an UPDATE's result is a CursorResult, though Session.execute is typed as Result
                released += cast(CursorResult, s.execute(
                    update(Digest).where(Digest.id == row_id, Digest.claimed_by == holder,
                                         Digest.status == "sending")
                    .values(status="pending", claimed_by=None, claimed_until=None)
                    .execution_options(synchronize_session=False)
                )).rowcount
    return released


def claim(engine: Engine, token: str, limit: int = 20, approved_only: bool = False) -> list[int]:
    """Atomically take up to ``limit`` due messages for ``token``; their ids, oldest first.
    ``approved_only`` (``digest.require_approval``): only weeks staff have approved."""
    t = utcnow()
    due = or_(
        and_(Digest.status == "pending", or_(Digest.next_attempt_at.is_(None), Digest.next_attempt_at <= t)),
        and_(Digest.status == "sending", Digest.claimed_until < t),  # an expired claim
    )
    if approved_only:
        due = and_(due, Digest.period.in_(select(BatchApproval.period)))
    pick = select(Digest.id).where(due).order_by(Digest.id).limit(limit).with_for_update(skip_locked=True)
    values = dict(status="sending", claimed_by=token, claimed_until=t + timedelta(seconds=CLAIM_SECONDS))
    with engine.begin() as s:
        if engine.dialect.name == "postgresql":
            # Two statements: inside one UPDATE, PostgreSQL may re-scan a LIMIT … FOR UPDATE
            # SKIP LOCKED subquery, skip the rows it has just updated and claim more than asked.
            ids = list(s.scalars(pick))
            target = Digest.id.in_(ids)
        else:
            # One statement: SQLite cannot turn a read transaction into a write once another
            # writer has committed, so the read and the write must be the same statement.
            ids, target = None, Digest.id.in_(pick.scalar_subquery())
        if ids != []:
            s.execute(update(Digest).where(target, due).values(**values)
                      .execution_options(synchronize_session=False))
    with engine.begin() as s:
        return list(s.scalars(select(Digest.id).where(Digest.claimed_by == token,
                                                      Digest.status == "sending").order_by(Digest.id)))


def _finish(engine: Engine, digest_id: int, token: str, **values) -> bool:
    # a Core connection, not a Session: this runs once per message
    with engine.begin() as s:
        done = s.execute(
            update(Digest).where(Digest.id == digest_id, Digest.claimed_by == token, Digest.status == "sending")
            .values(claimed_by=None, claimed_until=None, **values)
            .execution_options(synchronize_session=False)
        ).rowcount
    if not done:
        log.warning("digest %s: claim lost before it was marked (%s)", digest_id, values.get("status"))
    return bool(done)


def _fail(engine: Engine, digest_id: int, token: str, error: str, *, bounce: str | None) -> None:
    with session_scope(engine) as s:
        done = cast(CursorResult, s.execute(  # an UPDATE's result: a CursorResult, typed as Result
            update(Digest).where(Digest.id == digest_id, Digest.claimed_by == token, Digest.status == "sending")
            .values(status="failed", claimed_by=None, claimed_until=None, last_error=error,
                    attempts=Digest.attempts + 1)
            .execution_options(synchronize_session=False)
        )).rowcount
        if done:
            # nothing was told: the calls may go into a later digest
            s.execute(delete(SentItem).where(SentItem.digest_id == digest_id))
            if bounce:
                suppress(s, bounce, BOUNCED, error)


def _retry(engine: Engine, digest_id: int, token: str, error: str, settings) -> bool:
    """Back to pending with back-off; False when the attempts are used up (then failed)."""
    with engine.begin() as s:
        attempts = s.execute(select(Digest.attempts).where(Digest.id == digest_id)).scalar_one() + 1
    if attempts >= settings.digest.max_attempts:
        _fail(engine, digest_id, token, f"gave up after {attempts} attempts: {error}", bounce=None)
        return False
    delay = settings.digest.retry_base_seconds * 2 ** (attempts - 1)
    _finish(engine, digest_id, token, status="pending", attempts=attempts, last_error=error,
            next_attempt_at=utcnow() + timedelta(seconds=delay))
    return True


def _release(engine: Engine, token: str) -> None:
    with engine.begin() as s:
        s.execute(update(Digest).where(Digest.claimed_by == token, Digest.status == "sending")
                  .values(status="pending", claimed_by=None, claimed_until=None)
                  .execution_options(synchronize_session=False))


#: SMTP connections ``hubb digest send`` uses. Two are faster against a local relay (see
#: docs/performance.md) but widen the one window for a duplicate: a sender killed while any
#: of its connections sits between its final "." and our commit. One keeps that window to
#: a single message at a time, so the default is one.
CONNECTIONS = 1


def send_pending(engine: Engine, transport, settings, *, connections: int = 1, keep_dir: Path | None = None,
                 batch: int = 20, progress=None) -> SendResult:
    """Send every due pending digest once; see the module docstring for the guarantees.

    ``connections`` > 1 runs that many workers, each with its own SMTP connection and
    claim token: to the database they are separate senders, so nothing new is needed to
    keep "exactly once".
    """
    released = release_dead_claims(engine)
    if released:
        log.warning("took back %d message(s) of a sender that died mid-run", released)
    result = SendResult()
    stop = threading.Event()
    lock = threading.Lock()
    transports = [transport] + [transport.fresh() for _ in range(connections - 1)]
    args = dict(engine=engine, settings=settings, result=result, stop=stop, lock=lock,
                keep_dir=keep_dir, batch=batch, progress=progress)
    if connections == 1:
        _worker(transport=transport, **args)
        return _count_waiting(engine, settings, result)
    threads = [threading.Thread(target=_worker, kwargs=dict(transport=t, **args), daemon=True) for t in transports]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return _count_waiting(engine, settings, result)


def _count_waiting(engine: Engine, settings, result: SendResult) -> SendResult:
    if settings.digest.require_approval:
        with engine.begin() as s:
            result.waiting = s.execute(select(func.count()).select_from(Digest).where(
                Digest.status == "pending", Digest.period.not_in(select(BatchApproval.period)))).scalar_one()
    return result


def _worker(*, engine: Engine, transport, settings, result: SendResult, stop: threading.Event,
            lock: threading.Lock, keep_dir: Path | None, batch: int, progress) -> None:
    token = claim_token()
    envelope_from = parseaddr(settings.sender)[1]

    def record(recipient: str, outcome: str, error: str | None = None) -> None:
        with lock:
            setattr(result, outcome, getattr(result, outcome) + 1)
            if error:
                result.errors.append(f"{recipient}: {error}")
                # the reason, for the operator: the progress line names only the address
                log.warning("%s %s: %s", outcome, recipient, error)
            if progress:
                progress(recipient, outcome)

    try:
        while not stop.is_set():
            ids = claim(engine, token, batch, approved_only=settings.digest.require_approval)
            if not ids:
                break
            with engine.begin() as s:
                messages = s.execute(select(Digest.id, Digest.recipient, Digest.message)
                                     .where(Digest.id.in_(ids)).order_by(Digest.id)).all()
            for digest_id, recipient, data in messages:
                if stop.is_set():
                    break
                try:
                    transport.send(envelope_from, recipient, repair_to_header(data, recipient))
                except PermanentFailure as exc:
                    _fail(engine, digest_id, token, str(exc), bounce=recipient)
                    record(recipient, "failed", str(exc))
                except UnsendableAddress as exc:
                    _fail(engine, digest_id, token, str(exc), bounce=None)
                    record(recipient, "failed", str(exc))
                except TemporaryFailure as exc:
                    again = _retry(engine, digest_id, token, str(exc), settings)
                    record(recipient, "retry" if again else "failed", str(exc))
                    if not exc.per_recipient:
                        with lock:
                            result.stopped = result.stopped or str(exc)
                        stop.set()
                        break
                except Exception as exc:  # one message must never stop the others
                    # Unknown trouble while sending this one message (issue 14: a
                    # UnicodeEncodeError in RCPT TO crashed every run on the oldest message).
                    # The server did not answer 250, so nothing was delivered: retry it
                    # with back-off, on a fresh connection, and go on with the rest.
                    # the traceback only with debug logging (-v): record() logs the one line
                    log.debug("digest %s to %s: unexpected error while sending", digest_id, recipient,
                              exc_info=True)
                    transport.close()
                    error = f"unexpected error: {type(exc).__name__}: {exc}"
                    again = _retry(engine, digest_id, token, error, settings)
                    record(recipient, "retry" if again else "failed", error)
                else:
                    _finish(engine, digest_id, token, status="sent", sent_at=utcnow(),
                            attempts=Digest.attempts + 1, last_error=None)
                    if keep_dir is not None:
                        write_eml(keep_dir, recipient, digest_id, data)
                    record(recipient, "sent")
    finally:
        _release(engine, token)  # what a stopped run did not try goes back untouched
        transport.close()


def write_eml(directory: Path, recipient: str, digest_id: int, data: bytes) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    safe = "".join(ch if ch.isalnum() or ch in "@.-_" else "_" for ch in recipient)
    path = directory / f"{digest_id:06d}-{safe}.eml"
    path.write_bytes(data)
    return path
