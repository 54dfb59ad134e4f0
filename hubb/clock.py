"""The one clock of the service. Everything asks here for "now" and "today" in
Europe/Stockholm, so tests can freeze time in-process (time-machine) and, for
subprocesses, through the ``HUBB_NOW`` environment variable (an ISO date or datetime)."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

TZ = ZoneInfo("Europe/Stockholm")


def now() -> datetime:
    """The current time, timezone-aware, in Europe/Stockholm."""
    fixed = os.environ.get("HUBB_NOW")
    if fixed:
        value = datetime.fromisoformat(fixed) if "T" in fixed or " " in fixed else datetime.combine(
            date.fromisoformat(fixed), time(8, 0)
        )
        return value.replace(tzinfo=TZ) if value.tzinfo is None else value.astimezone(TZ)
    return datetime.now(TZ)


def today() -> date:
    return now().date()


def utcnow() -> datetime:
    """Now as an aware UTC datetime: what the database stores."""

    return now().astimezone(UTC)
