"""The ``hubb`` command line: one entry point, a sub-command per job.

Exit codes (DESIGN.md): 0 success, 1 a failed job (unhealthy spider, failed send),
2 bad input or usage. Bad input (a setting, a file, an unusable database) is reported in
one place, :meth:`LazyGroup.invoke`: one line naming the setting, file or URL, exit 2,
and the traceback only with ``-v``. Each sub-command lives in ``cli/commands/`` and is imported
lazily, so ``hubb --help`` stays fast and a broken optional part cannot break the rest.
"""

from __future__ import annotations

import importlib
import logging

import click

#: command name → "module:attribute" under cli.commands
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
        return getattr(importlib.import_module(f"cli.commands.{module}"), attr)

    def invoke(self, ctx):
        # click empties these before the group's callback runs; it needs them for --help
        ctx.meta["hubb.rest"] = [*getattr(ctx, "_protected_args", []), *ctx.args]
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort, SystemExit):
            raise
        except Exception as exc:
            from hubb.errors import from_exception

            error = from_exception(exc)
            if error is None:
                raise  # a bug: the traceback is what a developer needs
            _report(error, ctx)
            raise SystemExit(error.exit_code) from None

    def format_commands(self, ctx, formatter):
        # short help without importing every command module
        with formatter.section("Commands"):
            formatter.write_dl([(name, HELP[name]) for name in COMMANDS])


def _report(error, ctx) -> None:
    from hubb.logs import json_mode

    verbose = (ctx.params or {}).get("verbose", 0)
    if verbose:
        logging.getLogger("hubb").error("%s", error, exc_info=error.__cause__ or error.__context__ or error)
    elif json_mode():
        logging.getLogger("hubb").error("%s", error)
    else:
        click.echo(f"hubb: error: {error}", err=True)


def _wants_help(ctx) -> bool:
    rest = ctx.meta.get("hubb.rest", [])
    return any(a in ("-h", "--help") for a in rest)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.option("--log-format", type=click.Choice(["text", "json"]), default="text", show_default=True,
              envvar="HUBB_LOG_FORMAT", help="Log lines on stderr as text or as JSON objects (for services).")
@click.version_option(package_name="industrihubb")
@click.pass_context
def main(ctx: click.Context, verbose: int, log_format: str) -> None:
    """Industrihubb Örebro län: funding-call watch.

    Harvests open funding calls, matches them against the companies' need profiles in
    config/profiles/, and sends each company a weekly digest.
    """
    from hubb import logs

    logs.setup(verbose, log_format)
    if not _wants_help(ctx):
        # every setting checked before any work: a typo fails the run at start, not halfway
        from hubb.settings import get_settings

        get_settings()


if __name__ == "__main__":  # pragma: no cover
    main()
