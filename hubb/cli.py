"""The ``hubb`` command line: one entry point, a sub-command per job.

Exit codes (DESIGN.md): 0 success, 1 a failed job (unhealthy spider, failed send),
2 bad input or usage. Each sub-command lives in ``hubb/commands/`` and is imported
lazily, so ``hubb --help`` stays fast and a broken optional part cannot break the rest.
"""

from __future__ import annotations

import importlib
import logging

import click

#: command name → "module:attribute" under hubb.commands
COMMANDS = {
    "init": "init:init",
    "harvest": "harvest:harvest",
    "calls": "calls:calls",
    "profiles": "profiles:profiles",
    "match": "match:match",
    "digest": "digest:digest",
    "schedule": "schedule:schedule",
    "report": "report:report",
    "demo": "demo:demo",
    "serve": "serve:serve",
    "staff": "staff:staff",
    "extract": "extract:extract",
}

HELP = {
    "init": "Create or upgrade the database.",
    "harvest": "Run spiders, store calls, report new/changed/unchanged per source.",
    "calls": "List stored calls.",
    "profiles": "Validate need-profile files.",
    "match": "Rank calls for each need profile.",
    "digest": "Preview or send the weekly digests.",
    "schedule": "Run harvest and digests on the cron times in settings.yaml.",
    "report": "Staff reports: needs without support, source health.",
    "demo": "The whole pipeline offline, on bundled snapshots served on 127.0.0.1.",
    "serve": "The web service: one-click unsubscribe, feedback links, staff pages.",
    "staff": "Staff logins of the web pages.",
    "extract": "Print the call-record fields the Swedish parsers find in each line of a text.",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx):
        return list(COMMANDS)

    def get_command(self, ctx, name):
        if name not in COMMANDS:
            return None
        module, attr = COMMANDS[name].split(":")
        return getattr(importlib.import_module(f"hubb.commands.{module}"), attr)

    def format_commands(self, ctx, formatter):
        # short help without importing every command module
        with formatter.section("Commands"):
            formatter.write_dl([(name, HELP[name]) for name in COMMANDS])


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.version_option(package_name="industrihubb")
def main(verbose: int) -> None:
    """Industrihubb Örebro län: funding-call watch.

    Harvests open funding calls, matches them against the companies' need profiles in
    config/profiles/, and sends each company a weekly digest.
    """
    level = {0: logging.WARNING, 1: logging.INFO}.get(verbose, logging.DEBUG)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


if __name__ == "__main__":  # pragma: no cover
    main()
