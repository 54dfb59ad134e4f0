"""`hubb serve`: the web service (public link pages and staff pages) under gunicorn."""

from __future__ import annotations

import click


def check_web_settings(settings) -> None:
    """Refuse to start on a setting the service cannot run with: one line, exit 2."""
    from digest.links import public_base

    key = settings.secret_key.get_secret_value() if settings.secret_key else ""
    if len(key) < 16:
        click.echo("HUBB_SECRET_KEY: not set or shorter than 16 characters (it signs the digest's links "
                   "and staff sessions); e.g. export HUBB_SECRET_KEY=$(python3 -c 'import secrets; "
                   "print(secrets.token_urlsafe(32))')", err=True)
        raise SystemExit(2)
    if settings.public_base_url and public_base(settings) is None:
        click.echo(f"public_base_url: {settings.public_base_url!r} must be https:// (plain http only on "
                   f"127.0.0.1 or localhost)", err=True)
        raise SystemExit(2)


@click.command()
@click.option("--host", default=None, help="Address to listen on (default: web.host, 127.0.0.1).")
@click.option("--port", type=click.IntRange(1, 65535), default=None, help="Port (default: web.port, 8080).")
@click.option("--workers", type=click.IntRange(1, 64), default=None, help="Worker processes (default: web.workers).")
def serve(host: str | None, port: int | None, workers: int | None) -> None:
    """Serve the unsubscribe and feedback pages and the staff pages."""
    from cli.commands.common import engine
    from hubb.settings import get_settings
    from web.server import serve as run

    settings = get_settings()
    check_web_settings(settings)
    engine().dispose()  # migrate to the current schema before the workers start
    if not settings.public_base_url:
        click.echo("public_base_url is not set: digests carry no links to this service", err=True)
    proxies = "127.0.0.1,::1" if settings.web.proxies else None
    run(host or settings.web.host, port or settings.web.port, workers or settings.web.workers, proxies)
