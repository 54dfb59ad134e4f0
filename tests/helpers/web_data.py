"""A small world for the web tests: a config folder with two companies, calls with one
carrying markup in its title (escaping), matches, a staff login, the web settings."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.helpers.digest_data import add_call, add_match, profile, write_config

SECRET = "test-secret-key-0123456789"
EVIL = '<script>alert("x")</script> Robot & <b>svets</b>'
#: the digests' Monday in the in-process tests (frozen clock)
ON = date(2026, 11, 30)
STAFF_EMAIL, STAFF_PASSWORD = "radgivare@example.se", "rätt-lösenord-123"


def web_world(tmp_path, monkeypatch, engine, base_url: str = "http://127.0.0.1:8080", on: date = ON,
              settings: dict | None = None):
    """Two companies × three calls (deadlines relative to ``on``); returns the call ids."""
    from db.engine import session_scope
    from hubb.settings import get_settings
    from web.auth import add_staff

    cfg = write_config(tmp_path, {
        "exempel-verkstad": profile("Exempel Verkstad AB", [("Anna Berg", "anna@example.se", "sv"),
                                                            ("John Smith", "john@example.se", "en")]),
        "plast-ab": profile("Plast <i>AB</i>", [("Carl Ek", "carl@example.se", "sv")]),
    }, settings)
    monkeypatch.setenv("HUBB_CONFIG_DIR", str(cfg))
    monkeypatch.setenv("HUBB_SECRET_KEY", SECRET)
    monkeypatch.setenv("HUBB_PUBLIC_BASE_URL", base_url)
    get_settings(fresh=True)
    with session_scope(engine) as s:
        c1 = add_call(s, "c1", title="Automatisering i små företag",
                      deadline=f"{on + timedelta(days=46)}T14:00:00+01:00")
        c2 = add_call(s, "c2", title=EVIL, deadline=str(on + timedelta(days=10)))
        c3 = add_call(s, "c3", title="Digitalisering av verkstaden", deadline=None)
        for pid in ("exempel-verkstad", "plast-ab"):
            for rank, c in enumerate((c1, c2, c3), 1):
                add_match(s, pid, c, rank)
        add_staff(s, STAFF_EMAIL, STAFF_PASSWORD)
        ids = {"c1": c1.id, "c2": c2.id, "c3": c3.id}
    return ids


@pytest.fixture
def world(tmp_path, monkeypatch, engine):
    return web_world(tmp_path, monkeypatch, engine)
