"""`hubb digest`: preview one company's digest, send the week's digests exactly once,
and record unsubscribe requests that arrive by e-mail."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from cli.commands.common import AS_OF, as_of_or_today, engine, load_profiles_or_warn


@click.group()
def digest() -> None:
    """Preview or send the weekly digests."""


@digest.command()
@click.argument("profile")  # an id, or the path of a profile file
@AS_OF
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the HTML part here (default: digest-PROFILE.html).")
@click.option("--contact", default=None, help="E-mail of the contact to preview for (default: the first).")
def preview(profile: str, as_of, out: Path | None, contact: str | None) -> None:
    """Render PROFILE's digest without sending: HTML to a file, text to the terminal."""
    from db.engine import make_sessionmaker
    from digest.outbox import recipients_of
    from digest.render import build_context, render
    from digest.select import select_items
    from digest.unsubscribe import unsubscribe_links
    from hubb.profiles import load_profile_by_id, profiles_dir
    from hubb.settings import get_settings
    from hubb.taxonomy import load_taxonomy

    found, errors = load_profile_by_id(profile, profiles_dir(), load_taxonomy())
    if found is None:
        for err in errors:
            click.echo(str(err), err=True)
        raise SystemExit(2)
    recipients = recipients_of([found])
    if contact:
        recipients = [r for r in recipients if r.email == contact.lower()]
    if not recipients:
        click.echo(f"{profile}: no contact to preview for", err=True)
        raise SystemExit(2)
    r = recipients[0]
    settings = get_settings()
    day = as_of_or_today(as_of)
    with make_sessionmaker(engine())() as s:
        sel = select_items(s, r.profile_id, r.email, day, max_new=settings.digest.max_new,
                           closing_soon_days=settings.digest.closing_soon_days, language=r.language)
        https, mailto = unsubscribe_links(r.email, settings)
        from digest.links import feedback_links

        context = build_context(sel, r, day, settings=settings, unsubscribe_url=https or mailto,
                                feedback=feedback_links(r.email, r.profile_id, r.language, settings))
        text, html = render(context)
    out = out or Path(f"digest-{found.id}.html")
    out.write_text(html, encoding="utf-8")
    click.echo(f"Subject: {context['subject']}\nTo: {r.email}\n")
    click.echo(text)
    click.echo(f"HTML written to {out}", err=True)


@digest.command()
@click.option("--dry-run", is_flag=True, help="Write .eml files to the outbox and send nothing.")
@click.option("--outbox", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for .eml files (dry run: default ./outbox; otherwise a copy of each sent message).")
@AS_OF
def send(dry_run: bool, outbox: Path | None, as_of) -> None:
    """Compose this week's digests and send every pending one exactly once."""
    from cycle import compose, send
    from digest.outbox import write_outbox
    from hubb.logs import info_by_default
    from hubb.settings import get_settings

    info_by_default()

    settings = get_settings()
    profiles, _errors, _tax = load_profiles_or_warn()
    day = as_of_or_today(as_of)
    eng = engine()
    if dry_run:
        files = write_outbox(eng, profiles, day, settings, outbox or Path("outbox"))
        for path in files:
            click.echo(f"wrote {path}")
        click.echo(f"dry run: {len(files)} message(s) written, nothing sent")
        return
    composed = compose(eng, settings, profiles, day)
    click.echo(f"composed {composed.composed}, nothing new for {composed.empty}, "
               f"suppressed {composed.suppressed}, already composed {composed.existing}", err=True)

    from sqlalchemy import func, select
    from tqdm import tqdm

    from db.engine import session_scope
    from db.models import Digest

    with session_scope(eng) as s:
        pending = s.scalar(select(func.count()).select_from(Digest).where(Digest.status.in_(("pending", "sending"))))
    # a bar on a terminal (tqdm stays silent otherwise); every failure or retry as a line
    bar = tqdm(total=pending, desc="sending", unit="message", disable=None, leave=False)

    def progress(recipient, outcome):
        bar.update(1)
        if outcome != "sent":
            bar.write(f"{outcome:>6}  {recipient}", file=sys.stderr)

    try:
        result = send(eng, settings, keep_dir=outbox, progress=progress)
    finally:
        bar.close()
    skipped = composed.empty + composed.suppressed
    click.echo(f"sent {result.sent}, skipped {skipped}, failed {result.failed}, retry later {result.retry}")
    if result.waiting:
        click.echo(f"{result.waiting} digest(s) wait for staff approval of the week "
                   f"(web: Före utskick); run again after approval", err=True)
    if result.stopped:
        click.echo(f"stopped early: {result.stopped}", err=True)
    if result.failed or result.retry or result.stopped:
        raise SystemExit(1)


@digest.command()
@click.argument("email")
def unsubscribe(email: str) -> None:
    """Stop all digests to EMAIL (for requests that arrive by mail)."""
    from db.engine import session_scope
    from digest.unsubscribe import UNSUBSCRIBED, suppress

    with session_scope(engine()) as s:
        added = suppress(s, email, UNSUBSCRIBED, "by staff (hubb digest unsubscribe)")
    click.echo(f"{email}: {'unsubscribed' if added else 'already suppressed'}")
