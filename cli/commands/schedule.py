"""`hubb schedule`: run the harvest (then matching) and the weekly digests on the cron
times of `config/settings.yaml`, until stopped with SIGTERM or Ctrl-C."""

from __future__ import annotations

import click

from cli.commands.common import engine


@click.command()
def schedule() -> None:
    """Run harvest, matching and digests on the cron times in settings.yaml.

    Only one scheduler runs per database: a second one finds the lease taken and exits.
    """
    from hubb.logs import info_by_default
    from hubb.settings import get_settings
    from scheduler.service import run

    info_by_default()  # the weekly "composed N, sent M" line shows without -v

    raise SystemExit(run(engine(), get_settings(), echo=lambda m: click.echo(m, err=True)))
