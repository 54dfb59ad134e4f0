"""The request's database session and the need profiles, for the views."""

from __future__ import annotations

from flask import current_app, g
from sqlalchemy.orm import Session

_PROFILES: dict = {}


def settings():
    return current_app.extensions["hubb_settings"]


def engine():
    return current_app.extensions["hubb_engine"]


def db() -> Session:
    """One session per request, closed at its end; views commit what they change."""
    if "db" not in g:
        g.db = current_app.extensions["hubb_sessions"]()
    return g.db


def profiles() -> tuple[dict, object]:
    """{profile id: profile} and the taxonomy, re-read when a file in the folder changed
    (staff edit profiles while the service runs)."""
    from hubb.profiles import load_profiles, profiles_dir
    from hubb.taxonomy import load_taxonomy

    directory = profiles_dir()
    stamp = tuple(sorted((p.name, p.stat().st_mtime_ns) for p in directory.glob("*.y*ml")))
    if _PROFILES.get("stamp") != (str(directory), stamp):
        taxonomy = load_taxonomy()
        found, _errors = load_profiles(directory, taxonomy)
        _PROFILES.update(stamp=(str(directory), stamp), by_id={p.id: p for p in found}, taxonomy=taxonomy)
    return _PROFILES["by_id"], _PROFILES["taxonomy"]


def contact_of(profile, email: str):
    return next((c for c in profile.contacts if c.email.lower() == email.lower()), None)
