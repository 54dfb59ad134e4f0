"""`hubb extract`: the call-record fields the Swedish parsers read in each line of a text.

Staff use it to see why a call was read as it was; the centre's own checks read its ``--json``
output, so that output is a contract (DESIGN.md): one JSON object per input line, in input order,
with exactly the keys of ``hubb.swedish.fields.FIELDS`` and ``null`` where a field is not found.
A blank line gives an object of nulls, so output line N always answers input line N.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from cli.commands.common import AS_OF, as_of_or_today


def _fail(message: str) -> None:
    # bad input: one line, exit 2, no traceback (the command-line contract)
    click.echo(f"hubb extract: {message}", err=True)
    sys.exit(2)


def _read(path: str | None) -> str:
    """The whole input as text; unreadable input ends the command with one line."""
    name = path or "stdin"
    try:
        data = sys.stdin.buffer.read() if path in (None, "-") else Path(path).read_bytes()
    except IsADirectoryError:
        _fail(f"{name}: is a directory, not a text file")
    except FileNotFoundError:
        _fail(f"{name}: no such file")
    except OSError as exc:
        _fail(f"{name}: cannot read: {exc.strerror or exc}")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        _fail(f"{name}, line {line}: not UTF-8 text (byte {exc.start})")
    return ""  # pragma: no cover - _fail exits


def _human(number: int, line: str, fields: dict) -> str:
    found = [(k, v) for k, v in fields.items() if v is not None]
    head = f"{number}: {line.strip()[:100]}"
    if not line.strip():
        return head
    if not found:
        return f"{head}\n    (nothing found)"
    width = max(len(k) for k, _ in found)
    body = [f"    {k:<{width}}  {', '.join(v) if isinstance(v, list) else v}" for k, v in found]
    return "\n".join([head, *body])


@click.command()
@AS_OF
@click.option("--json", "as_json", is_flag=True, help="One JSON object per input line (null = not found).")
@click.argument("file", required=False, metavar="[FILE]")
def extract(as_of, as_json: bool, file: str | None) -> None:
    """Print the call-record fields the Swedish parsers find in each line of FILE (stdin
    without FILE, or with "-"): deadline, opens, status, applicants, employees_min/max,
    company_age_min/max, budget_sek, max_grant_sek, regions.

    Each line is one sentence or paragraph, read on its own; --as-of sets the day that
    missing years and the status are read against (default: today).
    """
    from hubb.swedish.fields import extract_fields

    ref = as_of_or_today(as_of)
    text = _read(file)
    out = sys.stdout
    for number, line in enumerate(text.splitlines(), start=1):
        fields = extract_fields(line, ref)
        if as_json:
            out.write(json.dumps(fields, ensure_ascii=False) + "\n")
        else:
            out.write(_human(number, line, fields) + "\n")
    out.flush()
