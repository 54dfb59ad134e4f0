"""Helpers shared by the sub-commands: the database engine, profile loading that
reports and skips invalid files, and as-of date parsing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click
from sqlalchemy import Engine

from hubb.clock import today


def engine(upgrade: bool = True) -> Engine:
    """The configured database, migrated to the current schema on first use."""
    from cycle import database

    return database(upgrade)


def load_profiles_or_warn(directory: Path | None = None):
    """Valid profiles; each invalid file is reported on stderr and skipped."""
    from cycle import profiles

    return profiles(directory, report=lambda line: click.echo(line, err=True))


class AsOf(click.ParamType):
    name = "DATE"

    def convert(self, value, param, ctx):
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(value)
        except ValueError:
            self.fail(f"{value!r} is not a date (YYYY-MM-DD)", param, ctx)


AS_OF = click.option("--as-of", type=AsOf(), default=None, help="Evaluate as on this date (default: today).")


def as_of_or_today(value: date | None) -> date:
    return value or today()
