"""The one error type for bad input an operator can fix: a setting, a file, a database
URL. Parts raise :class:`UserError` with the setting, file:line or URL named in the
message; ``cli.main`` prints it as one line and exits 2 (the traceback only with -v)."""

from __future__ import annotations

from types import ModuleType


class UserError(Exception):
    """Bad input or an unusable resource: one line for the operator, exit code 2."""

    exit_code = 2

    def __str__(self) -> str:
        # one line, whatever the underlying library put into the message
        return " ".join(super().__str__().split())


def safe_url(url) -> str:
    """A database URL as it may be shown: the password masked."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        return make_url(str(url)).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):  # unparsable: show nothing of it, it may hold a password
        return "<unparsable URL>"


def from_exception(exc: BaseException) -> UserError | None:
    """The UserError an exception stands for, or None when it is a bug (traceback)."""
    if isinstance(exc, UserError):
        return exc
    sa_exc: ModuleType | None
    try:
        from sqlalchemy import exc as sa_exc
    except ImportError:  # pragma: no cover
        sa_exc = None
    if sa_exc is not None and (isinstance(exc, sa_exc.OperationalError) or type(exc) is sa_exc.DatabaseError):
        # unreachable server, read-only or damaged file: not a bug, and a retry after
        # the operator fixed it works; IntegrityError and the like stay tracebacks
        from hubb.settings import get_settings

        try:
            url = safe_url(get_settings().database_url)
        except ValueError:  # the settings themselves are bad (a SettingsError)
            url = "the database"
        first = str(getattr(exc, "orig", exc)).strip().splitlines()[0] if str(getattr(exc, "orig", exc)).strip() else type(exc).__name__
        return UserError(f"database {url}: {first}")
    if isinstance(exc, OSError) and getattr(exc, "filename", None):
        return UserError(f"{exc.filename}: {exc.strerror or exc}")
    return None
