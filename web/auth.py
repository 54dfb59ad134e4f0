"""Staff accounts: argon2 password hashes, the session, and the login rate limit.

The session is Flask's signed cookie (HMAC with ``HUBB_SECRET_KEY``; Secure, HttpOnly,
SameSite=Lax, 12 hours) holding only the staff member's address; every request checks the
account still exists. Failed logins are counted in the database per address and per client
(so every gunicorn worker sees the same count): past ``web.login_max_failures`` within
``web.login_window_minutes`` a login is refused without checking the password.
"""

from __future__ import annotations

from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from db.models import LoginFailure, StaffUser
from hubb.clock import utcnow

_hasher = PasswordHasher()
#: verified against when the address is unknown, so a wrong address takes as long as a wrong password
_DUMMY = _hasher.hash("not a password")


def add_staff(session: Session, email: str, password: str) -> bool:
    """Create the account, or set a new password; True when it was created."""
    email = email.strip().lower()
    user = session.scalar(select(StaffUser).where(StaffUser.email == email))
    if user is None:
        session.add(StaffUser(email=email, password_hash=_hasher.hash(password), created_at=utcnow()))
        return True
    user.password_hash = _hasher.hash(password)
    return False


def check_password(session: Session, email: str, password: str) -> StaffUser | None:
    user = session.scalar(select(StaffUser).where(StaffUser.email == email.strip().lower()))
    try:
        _hasher.verify(user.password_hash if user else _DUMMY, password)
    except (VerificationError, InvalidHashError):
        return None
    return user


def too_many_failures(session: Session, keys: list[str], settings) -> bool:
    since = utcnow() - timedelta(minutes=settings.web.login_window_minutes)
    for key in keys:
        n = session.scalar(select(func.count()).select_from(LoginFailure)
                           .where(LoginFailure.key == key, LoginFailure.created_at >= since))
        if n >= settings.web.login_max_failures:
            return True
    return False


def record_failure(session: Session, keys: list[str]) -> None:
    stamp = utcnow()
    session.add_all(LoginFailure(key=k, created_at=stamp) for k in keys)
    # old rows are of no use to the limit: keep the table small
    session.execute(delete(LoginFailure).where(LoginFailure.created_at < stamp - timedelta(days=1)))


def clear_failures(session: Session, key: str) -> None:
    session.execute(delete(LoginFailure).where(LoginFailure.key == key))


def current_staff() -> StaffUser | None:
    from flask import g, session

    from web.db import db

    if "staff_user" in g:
        return g.staff_user
    email = session.get("staff")
    user = db().scalar(select(StaffUser).where(StaffUser.email == email)) if email else None
    g.staff_user = user
    return user
