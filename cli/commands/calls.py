"""`hubb calls`: list stored calls, or print them as call records (JSON Lines)."""

import sys

import click

from cli.commands.common import AS_OF, as_of_or_today, engine


@click.command()
@click.option("--open", "only_open", is_flag=True, help="Only calls open (or rolling, upcoming) on the as-of date.")
@click.option("--source", "-s", default=None, help="Only this source (spider name).")
@click.option("--jsonl", is_flag=True, help="Print call records as JSON Lines (the DESIGN.md contract).")
@AS_OF
def calls(only_open: bool, source: str | None, jsonl: bool, as_of) -> None:
    """List stored calls."""
    from db.calls import effective_status, load_calls, record_from_row
    from db.engine import session_scope
    from hubb.record import write_jsonl

    on = as_of_or_today(as_of)
    with session_scope(engine()) as session:
        rows = load_calls(session, source=source, open_on=on if only_open else None)
        if jsonl:
            write_jsonl((record_from_row(r) for r in rows), sys.stdout)
            return
        if not rows:
            click.echo("no calls stored" + (f" for {source}" if source else ""))
            return
        # ids in full (they are what `hubb match` and the records name), columns as wide
        # as their longest value
        src_w = max(len("SOURCE"), *(len(r.source) for r in rows))
        id_w = max(len("ID"), *(len(r.external_id) for r in rows))
        click.echo(f"{'SOURCE':<{src_w}} {'ID':<{id_w}} {'STATUS':<9} {'DEADLINE':<10}  TITLE")
        for r in rows:
            status = effective_status(r, on).value
            deadline = r.deadline_date.isoformat() if r.deadline_date else "—"
            click.echo(f"{r.source:<{src_w}} {r.external_id:<{id_w}} {status:<9} {deadline:<10}  {r.title[:70]}")
        click.echo(f"{len(rows)} call(s)")
