"""Configuration from the environment (`CARREFOUR_*`), checked once at start.

Every setting has a safe default for the demo; a bad value stops the program with a message that names the
variable and says why, instead of failing later somewhere deep in a request.
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any, Literal

import orjson
from pydantic import AliasChoices, Field, ValidationError, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from app.core import crypto
from app.core.data_keys import instance_data_key
from app.core.mail import SmtpServer
from app.core.writable import NotWritable, check_folder_writable

LOCALES: tuple[str, ...] = ("fr", "en")
SUPPORTED_DATABASES = ("sqlite", "postgresql")
SECRET_KEY_FILE = "secret_key"
MAX_BODY_BYTES = 256 * 1024
LOG_FORMATS = ("json", "text")
SEARCH_ENGINES = ("embedded", "postgres", "meilisearch")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
# The settings that take one of a few words: a wrong one is answered with the list.
CHOICES: dict[str, tuple[str, ...]] = {
    "default_locale": LOCALES,
    "log_format": LOG_FORMATS,
    "log_level": LOG_LEVELS,
    "search_engine": SEARCH_ENGINES,
}


class ConfigError(Exception):
    """A configuration variable is missing or wrong; the message names it."""


class Settings(BaseSettings):
    """The environment as Carrefour reads it. Field `x` is read from `CARREFOUR_X`."""

    model_config = SettingsConfigDict(env_prefix="CARREFOUR_", extra="ignore")

    instance: Path = Path("instance")
    database_url: str | None = None
    secret_key: str | None = None
    # Fernet keys that encrypt personal data at rest, newest first, comma-separated; unset: generated into
    # the instance (app/core/data_keys.py).
    data_key: str | None = None
    default_locale: Literal["fr", "en"] = "fr"
    # A closed client file is deleted this many days after it was closed (`carrefour retention --apply`).
    client_retention_days: int = Field(default=365, ge=1, le=3650)
    # Business days an agency has to answer a referral before the first reminder (`carrefour notify`).
    referral_response_days: int = Field(default=2, ge=1, le=30)
    # Months an organization's listings stay verified before the reminders (`carrefour notify`); staff may
    # set another cycle per organization (app/core/agency/verification.py).
    verification_months: int = Field(default=12, ge=3, le=60)
    map_tiles: str | None = None  # e.g. https://tile.example.org/{z}/{x}/{y}.png; unset: the map has no tiles
    map_attribution: str | None = None
    # Where the site is reached from outside (links in e-mails; https makes the session cookie Secure).
    base_url: str | None = None
    session_hours: float = Field(default=8.0, gt=0, le=24 * 30)  # a session ends after this much inactivity
    # Reverse proxies in front that append to X-Forwarded-For/-Proto/-Host (0: none; the headers are then
    # ignored, since anyone may send them): per-address limits and the audit log see the client's address.
    trusted_proxies: int = Field(default=0, ge=0, le=5)
    # Rate limits (Flask-Limiter): where the counts live (memory:// for one process; redis://... shared).
    ratelimit_storage: str = "memory://"
    # The open HSDS API's limit per address (a full conformance walk is about 1,000 requests a minute);
    # an API key carries its own (app/core/api_keys.py).
    api_rate_limit: str = "1200/minute"
    # POST /api/v1/match per address: each match is a search per need, tens of milliseconds of CPU.
    match_rate_limit: str = "60/minute"
    # Logs: one JSON object a line (`json`) or plain text (`text`); unset, `carrefour serve` writes JSON and
    # the demo text (app/web/logs.py).
    log_format: Literal["json", "text"] | None = None
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = "INFO"
    # Outgoing e-mail (invitations, password resets): unset host = links are printed by the command that
    # made them, and the pages say e-mail is not configured.
    smtp_host: str | None = None
    smtp_port: int = Field(default=587, ge=1, le=65535)
    smtp_user: str | None = None
    smtp_password: str | None = None
    smtp_from: str = "no-reply@localhost"
    smtp_security: Literal["starttls", "ssl", "none"] = "starttls"
    # Meilisearch keeps the variable names of its own documentation; unset URL = embedded search only.
    meili_url: str | None = Field(default=None, validation_alias="MEILI_URL")
    meili_key: str | None = Field(
        default=None, validation_alias=AliasChoices("MEILI_MASTER_KEY", "MEILI_API_KEY")
    )
    meili_index: str = Field(default="carrefour", validation_alias="MEILI_INDEX")
    # The search engine: `embedded` (an index file beside SQLite), `postgres` (tables in the PostgreSQL
    # database, shared by every server) or `meilisearch` (MEILI_URL; the other answers while it is down).
    # Unset: meilisearch when MEILI_URL is set, else postgres with a PostgreSQL database, else embedded.
    search_engine: Literal["embedded", "postgres", "meilisearch"] | None = None
    # The online geocoder (a geopy service name), read as written: a value it cannot use is said in the
    # import's report, never fatal at start (app/core/geo.py, GeocoderSettings).
    geocoder: str | None = None
    geocoder_user_agent: str = "carrefour"
    geocoder_domain: str | None = None
    geocoder_api_key: str | None = None
    geocoder_min_delay: str | None = None
    geocoder_retries: str | None = None
    geocoder_backoff: str | None = None

    @field_validator("base_url")
    @classmethod
    def _check_base_url(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        if not value.strip().startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value.strip().rstrip("/")

    @field_validator("log_format", "log_level", mode="before")
    @classmethod
    def _normalize_log_choice(cls, value: Any, info: ValidationInfo) -> Any:
        if not isinstance(value, str):
            return value
        value = value.strip()
        if not value:
            return None if info.field_name == "log_format" else "INFO"
        return value.lower() if info.field_name == "log_format" else value.upper()

    @field_validator("api_rate_limit", "match_rate_limit")
    @classmethod
    def _check_rate_limit(cls, value: str) -> str:
        from limits import parse_many

        try:
            parse_many(value)
        except ValueError:
            raise ValueError("must be a rate such as 1200/minute or 20/second") from None
        return value.strip()

    @field_validator("database_url")
    @classmethod
    def _check_database_url(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        try:
            url = make_url(value.strip())
        except ArgumentError as exc:
            raise ValueError(f"not a database URL ({exc})") from None
        if url.get_backend_name() not in SUPPORTED_DATABASES:
            raise ValueError(
                f"database '{url.get_backend_name()}' is not supported; use sqlite:/// or postgresql+psycopg://"
            )
        return value.strip()

    @field_validator("data_key")
    @classmethod
    def _check_data_key(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        try:
            crypto.parse_keys(value)
        except crypto.DataKeyError as error:
            raise ValueError(f"{error} (carrefour keys new prints one)") from None
        return value.strip()

    @field_validator("secret_key")
    @classmethod
    def _check_secret_key(cls, value: str | None) -> str | None:
        if value is not None and len(value) < 16:
            raise ValueError("must be at least 16 characters long (or unset, to generate one)")
        return value


def load_settings() -> Settings:
    """Read and check the settings from the environment; raise ConfigError naming the variable."""
    try:
        return Settings()
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            field = str(error["loc"][0]) if error["loc"] else "?"
            message = error["msg"].removeprefix("Value error, ")
            if error["type"] == "literal_error" and field in CHOICES:
                message = f"must be one of {', '.join(CHOICES[field])} (got {error['input']!r})"
            variable = field if field.startswith("MEILI_") else f"CARREFOUR_{field.upper()}"
            problems.append(f"{variable}: {message}")
        raise ConfigError("; ".join(problems)) from None


def prepare_instance(settings: Settings) -> Path:
    """Create the instance folder if needed and make sure it is writable (NotWritable otherwise)."""
    folder = settings.instance.expanduser().resolve()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"CARREFOUR_INSTANCE: cannot create folder {folder} ({exc.strerror})") from None
    check_folder_writable(folder, NotWritable.INSTANCE)
    return folder


def default_database_url(folder: Path) -> str:
    return f"sqlite:///{folder / 'carrefour.db'}"


def instance_secret_key(folder: Path) -> str:
    """The secret key kept in the instance, generated on first use (sessions survive restarts)."""
    path = folder / SECRET_KEY_FILE
    if path.exists():
        key = path.read_text(encoding="utf-8").strip()
        if len(key) >= 16:
            return key
    key = secrets.token_urlsafe(48)
    path.write_text(key + "\n", encoding="utf-8")
    path.chmod(0o600)
    return key


def flask_config(settings: Settings) -> dict[str, Any]:
    """Turn checked settings into Flask's configuration mapping."""
    folder = prepare_instance(settings)
    database_url = settings.database_url or default_database_url(folder)
    secure = bool(settings.base_url and settings.base_url.startswith("https://"))
    return {
        "CARREFOUR_INSTANCE": str(folder),
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SECRET_KEY": settings.secret_key or instance_secret_key(folder),
        "CARREFOUR_SECRET_KEY_FROM": "environment" if settings.secret_key else "instance",
        "CARREFOUR_DATA_KEY": settings.data_key or instance_data_key(folder),
        "CARREFOUR_DATA_KEY_FROM": "environment" if settings.data_key else "instance",
        "CARREFOUR_DEFAULT_LOCALE": settings.default_locale,
        "CARREFOUR_CLIENT_RETENTION_DAYS": settings.client_retention_days,
        "CARREFOUR_REFERRAL_RESPONSE_DAYS": settings.referral_response_days,
        "CARREFOUR_VERIFICATION_MONTHS": settings.verification_months,
        "BABEL_DEFAULT_LOCALE": settings.default_locale,
        "BABEL_DEFAULT_TIMEZONE": "America/Toronto",
        "CARREFOUR_LOCALES": LOCALES,
        "CARREFOUR_MAP_TILES": settings.map_tiles,
        "CARREFOUR_MAP_ATTRIBUTION": settings.map_attribution,
        # Bodies (the API's need profiles) larger than this are refused (413) before they are read: the
        # largest profile the contract allows is a few tens of KiB.
        "MAX_CONTENT_LENGTH": MAX_BODY_BYTES,
        "COMPRESS_MIMETYPES": [
            "text/html",
            "text/css",
            "application/javascript",
            "text/javascript",
            "application/json",
            "image/svg+xml",
        ],
        "COMPRESS_ALGORITHM": ["gzip"],
        # Every translatable text is a JSON column: orjson reads them several times faster than json.
        # hide_parameters: a database error's message (logged with its traceback) never carries the values
        # of the statement, which may be personal.
        "SQLALCHEMY_ENGINE_OPTIONS": {
            "pool_pre_ping": True,
            "json_deserializer": orjson.loads,
            "hide_parameters": True,
            **_driver_options(database_url),
        },
        "MEILI_URL": settings.meili_url or None,
        "MEILI_MASTER_KEY": settings.meili_key or None,
        "MEILI_INDEX": settings.meili_index or "carrefour",
        # As set (None: chosen by the database the app opens, `indexer/search.py`), once checked.
        "CARREFOUR_SEARCH_ENGINE": check_search_engine(settings, database_url),
        "CARREFOUR_BASE_URL": settings.base_url,
        "CARREFOUR_SMTP": smtp_server(settings),
        "RATELIMIT_STORAGE_URI": settings.ratelimit_storage,
        "CARREFOUR_TRUSTED_PROXIES": settings.trusted_proxies,
        "CARREFOUR_API_RATE_LIMIT": settings.api_rate_limit,
        "CARREFOUR_MATCH_RATE_LIMIT": settings.match_rate_limit,
        "CARREFOUR_LOG_FORMAT": settings.log_format,  # None: the command's own default
        "CARREFOUR_LOG_LEVEL": settings.log_level,
        "RATELIMIT_HEADERS_ENABLED": True,  # X-RateLimit-* and Retry-After: API clients pace themselves
        # Sessions: signed cookies, HttpOnly, SameSite=Lax, Secure behind https; renewed on every request, so
        # they end after `session_hours` of inactivity (and at once when the password changes: auth_version).
        "PERMANENT_SESSION_LIFETIME": timedelta(hours=settings.session_hours),
        "SESSION_REFRESH_EACH_REQUEST": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": secure,
        # No page sets a remember-me cookie today; should one, it gets the session cookie's flags.
        "REMEMBER_COOKIE_SECURE": secure,
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "WTF_CSRF_TIME_LIMIT": None,  # the token lives as long as the session
    }


def _driver_options(database_url: str) -> dict[str, Any]:
    """psycopg prepares a statement on the server after its fifth run, and PostgreSQL may then plan it once
    for any values: an import's lookups by batches of source ids then took half its time (their generic
    plan scans the source's rows), and a connection pooler in transaction mode (PgBouncer) cannot keep
    prepared statements anyway. Each statement is planned for its own values."""
    if database_url.startswith("postgresql+psycopg"):
        return {"connect_args": {"prepare_threshold": None}}
    return {}


def check_search_engine(settings: Settings, database_url: str) -> str | None:
    """The search engine as set (`Settings.search_engine`); ConfigError when it cannot be used."""
    postgres = make_url(database_url).get_backend_name() == "postgresql"
    if settings.search_engine == "postgres" and not postgres:
        raise ConfigError("CARREFOUR_SEARCH_ENGINE: postgres needs a PostgreSQL CARREFOUR_DATABASE_URL")
    if settings.search_engine == "meilisearch" and not settings.meili_url:
        raise ConfigError("CARREFOUR_SEARCH_ENGINE: meilisearch needs MEILI_URL")
    return settings.search_engine


def smtp_server(settings: Settings) -> SmtpServer | None:
    if not settings.smtp_host:
        return None
    return SmtpServer(
        host=settings.smtp_host,
        port=settings.smtp_port,
        username=settings.smtp_user or None,
        password=settings.smtp_password or None,
        sender=settings.smtp_from,
        security=settings.smtp_security,
    )
