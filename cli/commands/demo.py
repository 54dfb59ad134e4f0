"""`hubb demo`: the whole pipeline offline, on bundled snapshots served on 127.0.0.1."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import click


@click.command()
@click.option("--dir", "directory", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where the database, outbox and reports go (default: a new temporary directory).")
@click.option("--serve", is_flag=True,
              help="Then start the web service on 127.0.0.1 on the demo's data; the digests' links work.")
@click.option("--port", type=click.IntRange(1, 65535), default=8080, show_default=True,
              help="Port of the web service (with --serve).")
def demo(directory: Path | None, serve: bool, port: int) -> None:
    """Harvest bundled snapshots of the seven sources, match the example profiles, write
    every digest to an outbox (nothing is sent) and the gap report; print where they are.
    With --serve, keep the data and start the web service on it (Ctrl-C stops it)."""
    from tqdm import tqdm

    if serve:
        _prepare_serve(port)

    from cli.demo.pipeline import run_demo

    started = time.monotonic()
    directory = directory or Path(tempfile.mkdtemp(prefix="hubb-demo-"))

    def bar(items):
        return tqdm(items, desc="[5/6] rendering", unit="digest", leave=False, mininterval=0.5, disable=None)

    try:
        result = run_demo(directory, echo=click.echo, progress=bar)
    except FileExistsError as exc:
        raise click.UsageError(str(exc)) from None
    elapsed = time.monotonic() - started
    click.echo("")
    click.echo(f"Done in {elapsed:.0f} s. Everything is in {result.directory}:")
    click.echo(f"  database   {result.database}")
    click.echo(f"  outbox     {result.outbox}  ({len(result.digests)} .eml + .html)")
    click.echo(f"  gaps       {result.gaps}")
    click.echo(f"  index      {result.index}")
    click.echo("")
    click.echo(f"Open the index page:  python3 -m webbrowser file://{result.index}")
    click.echo(f"Send them for real:   HUBB_DATABASE_URL=sqlite:///{result.database} hubb digest send")
    if not result.ok:
        bad = [r.source for r in result.harvest if not r.ok]
        click.echo(f"unhealthy source(s): {', '.join(bad)}", err=True)
        raise SystemExit(1)
    if serve:
        _serve(result, port)


def _prepare_serve(port: int) -> None:
    """Links in the demo's digests point at the web service it is about to start."""
    import os
    import secrets

    from hubb.settings import reset_settings

    if len(os.environ.get("HUBB_SECRET_KEY", "")) < 16:
        os.environ["HUBB_SECRET_KEY"] = secrets.token_urlsafe(32)  # this demo's only
    os.environ["HUBB_PUBLIC_BASE_URL"] = f"http://127.0.0.1:{port}"
    # the demo sends nothing anywhere: unless an SMTP server is named (e.g. a local test
    # server), the advisor e-mail is refused at once and the lead says so
    os.environ.setdefault("HUBB_SMTP_URL", "smtp://127.0.0.1:1")
    reset_settings()


def _serve(result, port: int) -> None:
    import os
    import re
    import secrets

    from db.engine import engine_from_settings, session_scope
    from hubb.settings import reset_settings
    from web.auth import add_staff
    from web.server import serve

    os.environ["HUBB_DATABASE_URL"] = f"sqlite:///{result.database}"
    reset_settings()
    email, password = "demo@example.se", secrets.token_urlsafe(12)
    engine = engine_from_settings()
    with session_scope(engine) as s:
        add_staff(s, email, password)
    engine.dispose()
    base = os.environ["HUBB_PUBLIC_BASE_URL"]
    page = next((p for p in sorted(result.outbox.glob("*.html")) if p.name not in ("index.html", "gaps.html")
                 and "/f/" in p.read_text(encoding="utf-8")), None)
    click.echo("")
    click.echo(f"Web service on {base} (the demo's database; Ctrl-C stops it)")
    click.echo(f"  staff pages  {base}/staff/")
    click.echo(f"  staff login  {email}  password {password}")
    if page is not None:
        html = page.read_text(encoding="utf-8")
        link = re.search(r'href="(http://127\.0\.0\.1:\d+/f/[^"]+)"', html)
        click.echo(f"  a digest     python3 -m webbrowser file://{page}")
        if link:
            click.echo(f"  its first link  {link.group(1).replace('&amp;', '&')}")
    if os.environ["HUBB_SMTP_URL"] == "smtp://127.0.0.1:1":
        click.echo("  advisor e-mails are not sent (set HUBB_SMTP_URL to a local test SMTP server to see them)")
    click.echo("")
    serve("127.0.0.1", port, 1)
