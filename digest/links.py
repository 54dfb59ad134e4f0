"""Links in digests: only http(s) reaches an ``href`` (issue 14).

The record layer already refuses a call whose URL is not http(s) (``hubb.record``), but
rows stored before that check, or written by other tools, still reach the templates:
the ``safe_href`` filter checks again where the link is written. A URL that fails is
not written as a link at all (the title stays, as text); it is never "cleaned" into
something else.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from hubb.record import http_url


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
