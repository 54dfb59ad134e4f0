"""`hubb profiles check`: validate need-profile files."""

from pathlib import Path

import click


@click.group()
def profiles() -> None:
    """Need profiles in config/profiles/."""


@profiles.command("check")
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path))
def check(directory: Path | None) -> None:
    """Validate every profile in DIRECTORY (default: config/profiles).

    Each error names file, line and field. Exit 2 when any file is invalid.
    """
    from hubb.profiles import load_profiles, profiles_dir
    from hubb.taxonomy import TaxonomyError, load_taxonomy

    directory = directory or profiles_dir()
    if not directory.is_dir():
        raise click.UsageError(f"{directory}: no such directory")
    try:
        taxonomy = load_taxonomy()
    except TaxonomyError as exc:
        click.echo(str(exc), err=True)
        raise SystemExit(2) from None
    valid, errors = load_profiles(directory, taxonomy)
    for err in errors:
        click.echo(str(err), err=True)
    bad_files = len({e.path for e in errors})
    click.echo(f"{len(valid)} valid profile(s), {bad_files} invalid file(s) in {directory}")
    if errors:
        raise SystemExit(2)
