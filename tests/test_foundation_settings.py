"""Settings in layers (defaults < settings.yaml < HUBB_* environment) and secrets from the environment only."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from hubb.settings import SettingsError, get_settings

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def config_copy(tmp_path, monkeypatch):
    target = tmp_path / "config"
    shutil.copytree(ROOT / "config", target)
    monkeypatch.setenv("HUBB_CONFIG_DIR", str(target))
    monkeypatch.delenv("HUBB_DATABASE_URL", raising=False)
    return target


def test_file_values_are_read(config_copy):
    s = get_settings(fresh=True)
    assert s.schedule.harvest == "30 5 * * *"
    assert s.schedule.digest == "0 7 * * mon"
    assert s.schedule.timezone == "Europe/Stockholm"
    assert s.digest.max_new == 8
    assert s.centre.name == "IUC Industrihubb Örebro län"
    # a relative SQLite path is anchored at the project root (the parent of config/)
    assert s.database_url == f"sqlite:///{config_copy.parent}/var/hubb.sqlite3"


def test_environment_overrides_file(config_copy, monkeypatch):
    monkeypatch.setenv("HUBB_DATABASE_URL", "postgresql+psycopg://hubb@db.example.se/hubb")
    monkeypatch.setenv("HUBB_SMTP_URL", "smtp+starttls://mailer@smtp.example.se:587")
    monkeypatch.setenv("HUBB_DIGEST__MAX_NEW", "5")
    monkeypatch.setenv("HUBB_SCHEDULE__DIGEST", "0 6 * * tue")
    s = get_settings(fresh=True)
    assert s.database_url == "postgresql+psycopg://hubb@db.example.se/hubb"
    assert s.smtp_url == "smtp+starttls://mailer@smtp.example.se:587"
    assert s.digest.max_new == 5
    assert s.schedule.digest == "0 6 * * tue"
    assert s.digest.closing_soon_days == 14  # untouched neighbours keep the file's value


def test_password_comes_from_the_environment(config_copy, monkeypatch):
    monkeypatch.setenv("HUBB_SMTP_PASSWORD", "hemligt")
    s = get_settings(fresh=True)
    assert s.smtp_password.get_secret_value() == "hemligt"
    assert "hemligt" not in repr(s)


def test_password_in_the_file_is_refused_at_start(config_copy):
    path = config_copy / "settings.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\nsmtp_password: hemligt\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="smtp_password: secrets are read only from the environment"):
        get_settings(fresh=True)


def test_unknown_setting_is_refused(config_copy):
    path = config_copy / "settings.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\nsmtp_hots: x\n", encoding="utf-8")
    with pytest.raises(Exception, match="smtp_hots"):
        get_settings(fresh=True)


def test_user_agent_names_the_centre_contact(config_copy):
    assert get_settings(fresh=True).user_agent == "IndustrihubbBevakning/0.1 (+https://iucindustrihubb.se/; info@example.se)"


def test_cli_init_and_calls_on_a_fresh_database(db_url):
    def env_run(*a):
        return subprocess.run([sys.executable, "-m", "cli.main", *a], cwd=ROOT, capture_output=True, text=True)

    first = env_run("init")
    assert first.returncode == 0, first.stderr
    assert "database upgraded empty → 0001" in first.stdout
    again = env_run("init")
    assert again.returncode == 0 and "database is current (revision 0001)" in again.stdout
    listed = env_run("calls", "--jsonl")
    assert listed.returncode == 0 and listed.stdout == ""
