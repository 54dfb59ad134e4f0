"""Runtime settings: ``config/settings.yaml`` overlaid by ``HUBB_*`` environment variables.

Layers, later wins: defaults here → ``settings.yaml`` → environment. Nested fields are
reached with a double underscore (``HUBB_DIGEST__MAX_NEW=5``). Secrets (the SMTP password)
come only from the environment: a password in the YAML file is refused at start-up, so a
bad configuration fails before a run, never halfway through it.

Domain configuration (profiles, taxonomy, sources) is loaded by its own modules.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

#: Where the repository's own ``config/`` lives (an editable install or a checkout).
PROJECT_ROOT = Path(__file__).resolve().parent.parent


def config_dir() -> Path:
    """``HUBB_CONFIG_DIR``, else ``./config`` when it exists, else the project's ``config/``."""
    env = os.environ.get("HUBB_CONFIG_DIR")
    if env:
        return Path(env).expanduser().resolve()
    local = Path.cwd() / "config"
    if (local / "settings.yaml").is_file():
        return local.resolve()
    return PROJECT_ROOT / "config"


class CentreSettings(BaseModel):
    name: str = "IUC Industrihubb Örebro län"
    email: str = "info@example.se"
    phone: str = ""
    website: str = "https://iucindustrihubb.se/"
    address: str = ""


class ScheduleSettings(BaseModel):
    timezone: str = "Europe/Stockholm"
    #: crontab expressions (minute hour day month weekday)
    harvest: str = "30 5 * * *"
    digest: str = "0 7 * * mon"
    misfire_grace_seconds: int = 3600


class DigestSettings(BaseModel):
    max_new: int = Field(8, ge=1)
    closing_soon_days: int = Field(14, ge=1)
    send_empty: bool = False
    max_attempts: int = Field(6, ge=1)
    retry_base_seconds: int = Field(300, ge=1)
    #: hold the week's digests until a staff member approves the batch (web: Före utskick)
    require_approval: bool = False


class WebSettings(BaseModel):
    """The web service (``hubb serve``)."""

    host: str = "127.0.0.1"
    port: int = Field(8080, ge=1, le=65535)
    #: gunicorn worker processes
    workers: int = Field(2, ge=1)
    #: who gets the "intressant – hjälp oss att söka" e-mail (default: the centre's address)
    advisor_email: str | None = None
    #: days a feedback link in a digest stays valid
    link_max_age_days: int = Field(60, ge=1)
    #: failed logins per address or client within ``login_window_minutes`` before refusing
    login_max_failures: int = Field(5, ge=1)
    login_window_minutes: int = Field(15, ge=1)
    #: trust X-Forwarded-For/-Proto from this many reverse proxies in front (0: none)
    proxies: int = Field(0, ge=0)


class HarvestSettings(BaseModel):
    #: the contact address in the User-Agent defaults to the centre's e-mail
    user_agent: str = "IndustrihubbBevakning/0.1 (+{website}; {email})"
    min_items: int = 1
    #: a run whose item count falls below this share of the previous run is unhealthy
    collapse_ratio: float = 0.5
    #: share of items a required field must be filled in, or the run is unhealthy
    min_fill_rate: float = 0.5


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="HUBB_", env_nested_delimiter="__", extra="forbid", case_sensitive=False
    )

    database_url: str = "sqlite:///var/hubb.sqlite3"
    smtp_url: str = "smtp://localhost:25"
    smtp_password: SecretStr | None = None
    sender: str = "Industrihubb Örebro län <bevakning@example.se>"
    operator_email: str = "drift@example.se"
    #: base URL of the web service (``hubb serve``) as the public sees it; unset → mailto
    #: unsubscribe only and no feedback links. https, or http on 127.0.0.1 (the demo)
    public_base_url: str | None = None
    #: key that signs links and staff sessions (environment only, like every secret)
    secret_key: SecretStr | None = None
    centre: CentreSettings = CentreSettings()
    schedule: ScheduleSettings = ScheduleSettings()
    digest: DigestSettings = DigestSettings()
    harvest: HarvestSettings = HarvestSettings()
    web: WebSettings = WebSettings()

    @field_validator("database_url")
    @classmethod
    def _absolute_sqlite(cls, url: str) -> str:
        # A relative SQLite path is relative to the project root (the parent of config/),
        # so cron jobs started from any directory find the same file.
        prefix = "sqlite:///"
        if url.startswith(prefix) and url != "sqlite:///:memory:":
            path = Path(url[len(prefix):])
            if not path.is_absolute():
                path = config_dir().parent / path
            return prefix + str(path)
        return url

    @property
    def user_agent(self) -> str:
        return self.harvest.user_agent.format(website=self.centre.website, email=self.centre.email)

    @classmethod
    def settings_customise_sources(
        cls, settings_cls, init_settings, env_settings, dotenv_settings, file_secret_settings
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings, env_settings, _YamlSource(settings_cls))


SECRET_FIELDS = ("smtp_password", "secret_key")


class SettingsError(ValueError):
    pass


class _YamlSource(PydanticBaseSettingsSource):
    def __init__(self, settings_cls):
        super().__init__(settings_cls)
        path = config_dir() / "settings.yaml"
        data: dict[str, Any] = {}
        if path.is_file():
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            if not isinstance(data, dict):
                raise SettingsError(f"{path}: expected a mapping of settings")
            for secret in SECRET_FIELDS:
                if data.get(secret):
                    raise SettingsError(
                        f"{path}: {secret}: secrets are read only from the environment "
                        f"(HUBB_{secret.upper()}); remove it from the file"
                    )
        self._data = data

    def get_field_value(self, field, field_name):  # pragma: no cover - unused by __call__
        return self._data.get(field_name), field_name, False

    def __call__(self) -> dict[str, Any]:
        return dict(self._data)


@lru_cache(maxsize=1)
def _cached() -> Settings:
    return Settings()


def reset_settings() -> None:
    """Forget the cached settings; the next get_settings() reads file and environment again."""
    _cached.cache_clear()


def get_settings(*, fresh: bool = False) -> Settings:
    """The process's settings. ``fresh=True`` re-reads file and environment (tests)."""
    if fresh:
        _cached.cache_clear()
    return _cached()
