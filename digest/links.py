"""Links in digests: only http(s) reaches an ``href``, and the signed, expiring links from a
digest to the web service ("Intressant – hjälp oss att söka", "Passar inte" per call).

**Safe hrefs.** The record layer already refuses a call whose URL is not http(s)
(``hubb.record``), but rows stored before that check, or written by other tools, still reach
the templates: the ``safe_href`` filter checks again where the link is written. A URL that
fails is not written as a link at all (the title stays, as text); it is never "cleaned" into
something else.

**Feedback links.** A token is an itsdangerous timed signature (HMAC-SHA1 over a key derived
from ``HUBB_SECRET_KEY`` with a salt of its own, so a feedback token is never valid as
anything else) of ``{"e": recipient, "p": profile id, "c": call id}``: it binds the link to
the one recipient and call it was made for, and carries its own time so it expires after
``web.link_max_age_days``. The web service checks it with :func:`read_feedback_token`.

The unsubscribe link keeps its own token (:mod:`digest.unsubscribe`), which does not
expire: stopping mail must work from any digest, however old.
"""


from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from urllib.parse import urlsplit

from itsdangerous import BadSignature, SignatureExpired, TimestampSigner, URLSafeTimedSerializer

from hubb.record import http_url

FEEDBACK_SALT = "hubb.digest.feedback"
INTERESTED, NOT_FIT = "interested", "not_fit"

LABELS = {
    "sv": {INTERESTED: "Intressant – hjälp oss att söka", NOT_FIT: "Passar inte"},
    "en": {INTERESTED: "Interesting – help us apply", NOT_FIT: "Not a fit"},
}

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def public_base(settings) -> str | None:
    """The web service's public base URL without a trailing slash, when links can be made:
    a secret key is set and the URL is https (or plain http on loopback, for the demo)."""
    base, key = settings.public_base_url, settings.secret_key
    if not base or not key:
        return None
    parts = urlsplit(base)
    if parts.scheme == "https" or (parts.scheme == "http" and parts.hostname in LOOPBACK):
        return base.rstrip("/")
    return None


class _ClockSigner(TimestampSigner):
    """Timestamps from the service's clock (:mod:`hubb.clock`), so a frozen clock in tests
    and ``HUBB_NOW`` in a subprocess date the links as they date everything else."""

    def get_timestamp(self) -> int:
        from hubb.clock import utcnow

        return int(utcnow().timestamp())


@lru_cache(maxsize=4)
def _serializer(key: str) -> URLSafeTimedSerializer:
    # one per key: building it per link doubled the cost (~120 → ~60 µs a link, 8 links a digest)
    return URLSafeTimedSerializer(key, salt=FEEDBACK_SALT, signer=_ClockSigner)


def feedback_token(key: str, email: str, profile_id: str, call_id: int) -> str:
    return _serializer(key).dumps({"e": email.lower(), "p": profile_id, "c": int(call_id)})


def read_feedback_token(key: str, token: str, max_age_seconds: int) -> tuple[dict | None, str | None]:
    """(payload, None) for a good token; (None, "expired" | "invalid") otherwise."""
    try:
        data = _serializer(key).loads(token, max_age=max_age_seconds)
    except SignatureExpired:
        return None, "expired"
    except BadSignature:
        return None, "invalid"
    if not (isinstance(data, dict) and isinstance(data.get("e"), str) and isinstance(data.get("p"), str)
            and isinstance(data.get("c"), int)):
        return None, "invalid"
    return data, None


def feedback_links(email: str, profile_id: str, language: str, settings) -> Callable[[int], dict] | None:
    """call id → {"interested": (label, url), "not_fit": (label, url)} for one recipient's
    digest; None when the web service is not configured (the digest then has no such links)."""
    base = public_base(settings)
    if base is None:
        return None
    key = settings.secret_key.get_secret_value()
    labels = LABELS.get(language, LABELS["sv"])

    def links(call_id: int) -> dict:
        token = feedback_token(key, email, profile_id, call_id)
        return {choice: (labels[choice], f"{base}/f/{token}?v={choice}") for choice in (INTERESTED, NOT_FIT)}

    return links


def safe_href(value, mailto: bool = False) -> str:
    """``value`` if it is an http(s) URL (or, with ``mailto``, a ``mailto:`` link of our
    own, the unsubscribe fallback), else ``""``: templates test it and write no link."""
    url = http_url(value)
    if url is not None:
        return url
    if mailto and isinstance(value, str) and value.startswith("mailto:") \
            and not any(ord(ch) <= 32 or ord(ch) == 127 for ch in value) and urlsplit(value).path:
        return value
    return ""
