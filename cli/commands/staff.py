"""`hubb staff add EMAIL`: create a staff login for the web pages, or set a new password."""

from __future__ import annotations

import click


@click.group()
def staff() -> None:
    """Staff logins of the web pages."""


@staff.command()
@click.argument("email")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input (scripts).")
def add(email: str, password_stdin: bool) -> None:
    """Create or reset the login EMAIL (the password is stored only as an argon2 hash)."""
    import sys

    from email_validator import EmailNotValidError, validate_email

    from cli.commands.common import engine
    from db.engine import session_scope
    from web.auth import add_staff

    try:
        email = validate_email(email, check_deliverability=False).normalized.lower()
    except EmailNotValidError as exc:
        click.echo(f"EMAIL: {exc}", err=True)
        raise SystemExit(2) from None
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    if len(password) < 10:
        click.echo("password: at least 10 characters", err=True)
        raise SystemExit(2)
    with session_scope(engine()) as s:
        created = add_staff(s, email, password)
    click.echo(f"{email}: {'created' if created else 'password changed'}")
