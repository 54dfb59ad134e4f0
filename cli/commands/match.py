"""`hubb match`: rank calls for each need profile.

Without ``--calls`` it ranks the stored calls and stores the matches (what the digest and
the gap report read); with ``--calls FILE.jsonl`` it ranks the calls of that file and
writes nothing. It shows, per profile, the calls worth sending, best first.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from cli.commands.common import AS_OF, as_of_or_today, engine, load_profiles_or_warn


@click.command()
@click.option("--profiles", "profiles_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=None, help="Directory of profile files (default: config/profiles).")
@click.option("--calls", "calls_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="Rank the call records of this JSON Lines file; store nothing.")
@AS_OF
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True,
              help="Calls shown per profile.")
@click.option("--json", "as_json", is_flag=True,
              help='JSON Lines: {"profile", "source", "id", "rank", "score", "reasons"}.')
def match(profiles_dir: Path | None, calls_file: Path | None, as_of, top: int, as_json: bool) -> None:
    """Rank calls for each need profile."""
    from hubb.record import RecordError, read_jsonl
    from matcher.engine import Matcher

    on = as_of_or_today(as_of)
    profiles, _errors, taxonomy = load_profiles_or_warn(profiles_dir)
    if not profiles:
        click.echo("no valid profiles", err=True)
        raise SystemExit(2)
    shown: list[tuple] = []  # (profile, source, id, title, rank, score, reasons_sv)
    if calls_file is not None:
        try:
            records = list(read_jsonl(calls_file))
        except RecordError as exc:
            click.echo(str(exc), err=True)
            raise SystemExit(2) from None
        matcher = Matcher(records, profiles, taxonomy)
        for result in matcher.rank(profiles, on, top=top, floor=matcher.cfg.threshold):
            for r in result.ranked:
                if not r.worth_sending:
                    break  # below the profile's relative cut (ranked best first)
                rec = records[r.call]
                reasons, _areas = matcher.explain(result.profile, r, on)
                shown.append((result.profile, rec.source, rec.id, rec.title, r.rank, r.score, reasons["sv"]))
    else:
        shown = _match_and_store(profiles, on, top)
    if as_json:
        for profile, source, cid, _title, rank, score, reasons in shown:
            sys.stdout.write(json.dumps({"profile": profile.id, "source": source, "id": cid, "rank": rank,
                                         "score": score, "reasons": reasons}, ensure_ascii=False) + "\n")
        return
    _table(profiles, shown)


def _match_and_store(profiles, on, top: int) -> list[tuple]:
    from sqlalchemy import select

    from cycle import match
    from db.engine import session_scope
    from db.models import Match

    eng = engine()
    summary = match(eng, profiles, on)
    click.echo(f"matched {summary['calls']} stored call(s) for {summary['profiles']} profile(s): "
               f"{summary['stored']} stored, {summary['worth_sending']} worth sending, "
               f"{summary['removed']} removed", err=True)
    shown = []
    with session_scope(eng) as session:
        for profile in profiles:
            rows = session.scalars(
                select(Match).where(Match.profile_id == profile.id, Match.worth_sending.is_(True))
                .order_by(Match.rank).limit(top)
            )
            for m in rows:
                shown.append((profile, m.call.source, m.call.external_id, m.call.title, m.rank,
                              m.score, list(m.reasons.get("sv", []))))
    return shown


def _table(profiles, shown) -> None:
    by_profile: dict[str, list[tuple]] = {}
    for row in shown:
        by_profile.setdefault(row[0].id, []).append(row)
    for profile in profiles:
        rows = by_profile.get(profile.id, [])
        click.echo(f"{profile.id} — {profile.company}")
        if not rows:
            click.echo("   inget att skicka (no call above the threshold)")
        for _p, source, cid, title, rank, score, reasons in rows:
            click.echo(f"  {rank:>3}. {score:.2f}  {source}/{cid[:40]}  {title[:70]}")
            click.echo(f"        {' · '.join(reasons)}")
        click.echo("")
