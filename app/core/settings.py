"""Configuration from the environment (`CARREFOUR_*`), checked once at start.

Every setting has a safe default for the demo; a bad value stops the program with a message that names the
variable and says why, instead of failing later somewhere deep in a request.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any, Literal

import orjson
from pydantic import ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from app.core.writable import NotWritable, check_folder_writable

LOCALES: tuple[str, ...] = ("fr", "en")
SUPPORTED_DATABASES = ("sqlite", "postgresql")
SECRET_KEY_FILE = "secret_key"
MAX_BODY_BYTES = 256 * 1024


class ConfigError(Exception):
    """A configuration variable is missing or wrong; the message names it."""


class Settings(BaseSettings):
    """The environment as Carrefour reads it. Field `x` is read from `CARREFOUR_X`."""

    model_config = SettingsConfigDict(env_prefix="CARREFOUR_", extra="ignore")

    instance: Path = Path("instance")
    database_url: str | None = None
    secret_key: str | None = None
    default_locale: Literal["fr", "en"] = "fr"
    map_tiles: str | None = None  # e.g. https://tile.example.org/{z}/{x}/{y}.png; unset: the map has no tiles
    map_attribution: str | None = None

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
            if error["type"] == "literal_error":
                message = f"must be one of {', '.join(LOCALES)} (got {error['input']!r})"
            problems.append(f"CARREFOUR_{field.upper()}: {message}")
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
    return {
        "CARREFOUR_INSTANCE": str(folder),
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SECRET_KEY": settings.secret_key or instance_secret_key(folder),
        "CARREFOUR_DEFAULT_LOCALE": settings.default_locale,
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
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True, "json_deserializer": orjson.loads},
        # Meilisearch keeps its own variable names (those of its documentation); unset = embedded search only.
        "MEILI_URL": os.environ.get("MEILI_URL") or None,
        "MEILI_MASTER_KEY": os.environ.get("MEILI_MASTER_KEY") or os.environ.get("MEILI_API_KEY") or None,
        "MEILI_INDEX": os.environ.get("MEILI_INDEX") or "carrefour",
    }
