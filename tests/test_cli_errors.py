"""Bad settings, unusable databases and bad files: the real ``hubb`` prints one line on
stderr naming the setting, file or URL, exits 2, and shows a traceback only with -v."""

from __future__ import annotations

import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def hubb(*args, env=None, cwd=ROOT):
    full = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "cli.main", *args], cwd=cwd, env=full,
                          capture_output=True, text=True, timeout=120, check=False)


def one_line_error(proc, before: int = 0) -> str:
    """The error line; ``before``: lines the command rightly printed before it failed."""
    assert proc.returncode == 2, (proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.splitlines()[before:]
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("hubb: error: ")
    return lines[0]


@pytest.fixture
def config_copy(tmp_path, monkeypatch):
    target = tmp_path / "config"
    shutil.copytree(ROOT / "config", target)
    monkeypatch.setenv("HUBB_CONFIG_DIR", str(target))
    return target


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # closed again when the block ends: nobody listens there


def test_a_non_integer_setting_names_the_variable_and_the_field(db_url):
    line = one_line_error(hubb("calls", env={"HUBB_DIGEST__MAX_NEW": "abc"}))
    assert line == ("hubb: error: HUBB_DIGEST__MAX_NEW='abc': digest.max_new: Input should be a valid "
                    "integer, unable to parse string as an integer")


def test_a_bad_setting_fails_before_any_work(db_url):
    # digest send composed digests into the database before the bad value was noticed
    proc = hubb("digest", "send", "--dry-run", env={"HUBB_DIGEST__MAX_NEW": "0"})
    assert one_line_error(proc) == ("hubb: error: HUBB_DIGEST__MAX_NEW='0': digest.max_new: "
                                    "Input should be greater than or equal to 1")
    assert proc.stdout == ""


def test_an_unknown_smtp_scheme_is_refused_at_start_up(db_url):
    line = one_line_error(hubb("digest", "send", env={"HUBB_SMTP_URL": "smtpx://h:25"}))
    assert line == "hubb: error: HUBB_SMTP_URL: smtp_url: unknown scheme 'smtpx' (expected smtp, smtp+starttls, smtps)"


def test_an_unsupported_database_url_is_refused(db_url):
    line = one_line_error(hubb("calls", env={"HUBB_DATABASE_URL": "mysql://u:secret@h/db"}))
    assert line == "hubb: error: HUBB_DATABASE_URL: database_url: unsupported database 'mysql' (sqlite or postgresql)"
    assert "secret" not in line


def test_a_bad_value_in_settings_yaml_names_file_and_line(config_copy, db_url):
    path = config_copy / "settings.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\nsmtp_url: smtpx://h:25\n", encoding="utf-8")
    line_no = len(path.read_text(encoding="utf-8").splitlines())
    line = one_line_error(hubb("calls"))
    assert line == (f"hubb: error: {path}:{line_no}: smtp_url: unknown scheme 'smtpx' "
                    "(expected smtp, smtp+starttls, smtps)")


def test_settings_yaml_that_is_not_yaml_names_file_and_line(config_copy, db_url):
    path = config_copy / "settings.yaml"
    path.write_text("digest:\n  max_new: [1,\n", encoding="utf-8")
    line = one_line_error(hubb("calls"))
    assert line.startswith(f"hubb: error: {path}:")
    assert "not valid YAML" in line


def test_a_file_that_is_not_sqlite_names_the_url(tmp_path):
    bad = tmp_path / "garbage.sqlite3"
    bad.write_text("this is not a database\n" * 100, encoding="utf-8")
    line = one_line_error(hubb("calls", env={"HUBB_DATABASE_URL": f"sqlite:///{bad}"}))
    assert line == (f"hubb: error: database sqlite:///{bad}: file is not a database "
                    "(not an SQLite file, or damaged)")


def test_a_directory_as_sqlite_file_names_the_url(tmp_path):
    line = one_line_error(hubb("init", env={"HUBB_DATABASE_URL": f"sqlite:///{tmp_path}"}))
    assert line == f"hubb: error: database sqlite:///{tmp_path}: {tmp_path} is a directory, not an SQLite file"


def test_an_unreachable_postgresql_names_the_url_without_the_password():
    port = closed_port()
    url = f"postgresql+psycopg://hubb:s3cret@127.0.0.1:{port}/hubb"
    for command in (["init"], ["calls"], ["report", "gaps"], ["digest", "send", "--dry-run"]):
        line = one_line_error(hubb(*command, env={"HUBB_DATABASE_URL": url}))
        assert line.startswith(f"hubb: error: database postgresql+psycopg://hubb:***@127.0.0.1:{port}/hubb: "
                               "connection failed:"), command
        assert "s3cret" not in line


def test_verbose_shows_the_traceback_and_still_exits_2():
    url = f"postgresql+psycopg://hubb:s3cret@127.0.0.1:{closed_port()}/hubb"
    proc = hubb("-v", "calls", env={"HUBB_DATABASE_URL": url})
    assert proc.returncode == 2
    assert "Traceback" in proc.stderr and "OperationalError" in proc.stderr
    assert " ERROR hubb: database postgresql+psycopg://hubb:***@" in proc.stderr


def test_json_log_format_reports_the_error_as_one_json_object():
    url = f"postgresql+psycopg://hubb:s3cret@127.0.0.1:{closed_port()}/hubb"
    proc = hubb("--log-format", "json", "calls", env={"HUBB_DATABASE_URL": url})
    assert proc.returncode == 2
    lines = proc.stderr.splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert set(record) == {"time", "level", "logger", "message"}
    assert (record["level"], record["logger"]) == ("ERROR", "hubb")
    assert record["message"].startswith("database postgresql+psycopg://hubb:***@127.0.0.1:")


def test_an_output_path_that_cannot_be_written_names_the_file(db_url, tmp_path):
    blocker = tmp_path / "afile"
    blocker.write_text("x", encoding="utf-8")
    proc = hubb("report", "gaps", "--out", str(blocker / "gaps.md"))
    assert proc.stderr.startswith("warning: the database has no calls")
    line = one_line_error(proc, before=1)
    assert line == f"hubb: error: {blocker}: File exists"


def test_help_works_with_bad_settings():
    proc = hubb("calls", "--help", env={"HUBB_DIGEST__MAX_NEW": "abc"})
    assert proc.returncode == 0 and "calls [OPTIONS]" in proc.stdout.splitlines()[0]


def test_a_damaged_sqlite_file_at_a_later_command_is_one_line(engine, db_url):
    if engine.dialect.name != "sqlite":
        pytest.skip("an SQLite file")
    path = Path(engine.url.database)
    engine.dispose()
    raw = bytearray(path.read_bytes())
    raw[100:len(raw)] = b"\xff" * (len(raw) - 100)  # header intact, every page destroyed
    path.write_bytes(bytes(raw))
    proc = hubb("calls")
    line = one_line_error(proc)
    assert line.startswith(f"hubb: error: database sqlite:///{path}: ")
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(path).execute("SELECT count(*) FROM calls").fetchone()


@pytest.mark.parametrize("name, command", [("taxonomy.yaml", ["match"]), ("matching.yaml", ["match"]),
                                           ("taxonomy.yaml", ["report", "gaps"])])
def test_a_broken_config_file_names_the_file_and_line(config_copy, db_url, name, command):
    (config_copy / name).write_text("areas: [\n", encoding="utf-8")
    line = one_line_error(hubb(*command))
    assert line.startswith(f"hubb: error: {config_copy / name}: ")
    assert "line 2, column 1" in line


def _as_if_unreadable(monkeypatch, target: Path):
    # the suite runs as root in CI, where chmod 000 does not stop reading: refuse it here
    real = Path.read_text

    def read_text(self, *args, **kwargs):
        if self == target:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", read_text)


def test_an_unreadable_settings_file_is_one_line(config_copy, db_url, monkeypatch):
    from click.testing import CliRunner

    from cli.main import main
    from hubb.settings import reset_settings

    _as_if_unreadable(monkeypatch, config_copy / "settings.yaml")
    reset_settings()  # read the file again, now refused
    result = CliRunner().invoke(main, ["calls"])
    assert result.exit_code == 2
    assert result.stderr == f"hubb: error: {config_copy / 'settings.yaml'}: cannot be read: Permission denied\n"


def test_a_read_only_sqlite_file_is_refused_at_connect(engine, monkeypatch):
    if engine.dialect.name != "sqlite":
        pytest.skip("an SQLite file")
    from click.testing import CliRunner

    from cli.main import main

    path = engine.url.database
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if str(p) == path and mode == os.W_OK else real(p, mode))
    result = CliRunner().invoke(main, ["calls"])
    assert result.exit_code == 2
    assert result.stderr == f"hubb: error: database sqlite:///{path}: {path} is read-only\n"
