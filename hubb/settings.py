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
from pydantic import BaseModel, Field, SecretStr, ValidationError, field_validator
from pydantic_core import ErrorDetails
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from hubb.errors import UserError

#: what digest.send's transport understands; checked here so a typo fails at start-up
SMTP_SCHEMES = ("smtp", "smtp+starttls", "smtps")

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

    @field_validator("smtp_url")
    @classmethod
    def _smtp_scheme(cls, url: str) -> str:
        from urllib.parse import urlsplit

        try:
            parts = urlsplit(url)
            parts.port  # noqa: B018 - raises on a non-numeric port
        except ValueError as exc:
            raise ValueError(f"not a URL ({exc})") from None
        if parts.scheme not in SMTP_SCHEMES:
            raise ValueError(f"unknown scheme {parts.scheme!r} (expected {', '.join(SMTP_SCHEMES)})")
        return url

    @field_validator("database_url")
    @classmethod
    def _absolute_sqlite(cls, url: str) -> str:
        from sqlalchemy.engine import make_url
        from sqlalchemy.exc import ArgumentError

        try:
            backend = make_url(url).get_backend_name()
        except ArgumentError:
            raise ValueError("not a database URL (sqlite:///PATH or postgresql+psycopg://…)") from None
        if backend not in ("sqlite", "postgresql"):
            raise ValueError(f"unsupported database {backend!r} (sqlite or postgresql)")
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


class SettingsError(UserError, ValueError):
    """A bad setting; the message names the setting and where it came from."""


class _YamlSource(PydanticBaseSettingsSource):
    def __init__(self, settings_cls) -> None:
        super().__init__(settings_cls)
        path = config_dir() / "settings.yaml"
        data: dict[str, Any] = {}
        if path.is_file():
            try:
                data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            except OSError as exc:
                raise SettingsError(f"{path}: cannot be read: {exc.strerror or exc}") from exc
            except UnicodeDecodeError as exc:
                raise SettingsError(f"{path}: not UTF-8 ({exc.reason} at byte {exc.start})") from exc
            except yaml.YAMLError as exc:
                mark = getattr(exc, "problem_mark", None)
                where = f"{path}:{mark.line + 1}" if mark else str(path)
                raise SettingsError(f"{where}: not valid YAML: {getattr(exc, 'problem', exc)}") from exc
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
    try:
        return Settings()
    except ValidationError as exc:
        raise SettingsError(_describe(exc.errors()[0])) from exc


def _describe(err: ErrorDetails) -> str:
    """One line naming the setting, where its value came from, and what is wrong."""
    loc = [str(p) for p in err.get("loc", ())]
    dotted = ".".join(loc) or "settings"
    env = "HUBB_" + "__".join(loc).upper()
    source = next((name for name in os.environ if name.upper() == env), None)
    if source:
        # a URL may carry a password, a secret is a secret: name the variable only
        shown = loc[0] not in (*SECRET_FIELDS, "database_url", "smtp_url")
        where = f"{source}={os.environ[source]!r}" if shown else source
    else:
        path = config_dir() / "settings.yaml"
        where = f"{path}:{_yaml_line(path, loc)}" if _yaml_line(path, loc) else str(path)
    if err.get("type") == "extra_forbidden":
        return f"{where}: {dotted}: unknown setting"
    msg = str(err.get("ctx", {}).get("error", err.get("msg", ""))) if err.get("type") == "value_error" else err.get("msg", "")
    return f"{where}: {dotted}: {msg}"


def _yaml_line(path: Path, loc: list[str]) -> int | None:
    try:
        node = yaml.compose(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    line = None
    for key in loc:
        if not isinstance(node, yaml.MappingNode):
            break
        # the last of duplicate keys is the one YAML keeps
        match = next(((k, v) for k, v in reversed(node.value) if k.value == key), None)
        if match is None:
            break
        line, node = match[0].start_mark.line + 1, match[1]
    return line


def reset_settings() -> None:
    """Forget the cached settings; the next get_settings() reads file and environment again."""
    _cached.cache_clear()


def get_settings(*, fresh: bool = False) -> Settings:
    """The process's settings. ``fresh=True`` re-reads file and environment (tests)."""
    if fresh:
        _cached.cache_clear()
    return _cached()
