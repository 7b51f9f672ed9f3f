"""What the accounts read from the environment: the site's address, sessions, e-mail, and the variables
that used to be read outside the validated settings."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from app.core.geo import GeocoderSettings
from app.core.settings import ConfigError, flask_config, load_settings


@pytest.fixture(autouse=True)
def _instance(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CARREFOUR_INSTANCE", str(tmp_path / "inst"))


@pytest.mark.parametrize(
    ("base_url", "secure"),
    [(None, False), ("http://intranet:8000", False), ("https://carrefour.example/", True)],
)
def test_the_session_cookie_is_secure_when_the_site_is_reached_over_https(
    monkeypatch: pytest.MonkeyPatch, base_url: str | None, secure: bool
) -> None:
    if base_url:
        monkeypatch.setenv("CARREFOUR_BASE_URL", base_url)
    config = flask_config(load_settings())
    assert config["SESSION_COOKIE_SECURE"] is secure and config["SESSION_COOKIE_HTTPONLY"] is True
    assert config["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert config["PERMANENT_SESSION_LIFETIME"] == timedelta(hours=8)
    if base_url:
        assert config["CARREFOUR_BASE_URL"] == base_url.rstrip("/")


def test_the_inactivity_limit_is_configurable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CARREFOUR_SESSION_HOURS", "2.5")
    assert flask_config(load_settings())["PERMANENT_SESSION_LIFETIME"] == timedelta(hours=2.5)


@pytest.mark.parametrize(
    ("variable", "value", "named"),
    [
        (
            "CARREFOUR_BASE_URL",
            "carrefour.example",
            "CARREFOUR_BASE_URL: must start with http:// or https://",
        ),
        ("CARREFOUR_SESSION_HOURS", "0", "CARREFOUR_SESSION_HOURS"),
        ("CARREFOUR_SMTP_PORT", "smtp", "CARREFOUR_SMTP_PORT"),
        ("CARREFOUR_SMTP_SECURITY", "tls", "CARREFOUR_SMTP_SECURITY"),
    ],
)
def test_a_bad_value_is_named_at_start(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, named: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigError, match=named):
        load_settings()


def test_smtp_is_off_until_a_host_is_given(monkeypatch: pytest.MonkeyPatch) -> None:
    assert flask_config(load_settings())["CARREFOUR_SMTP"] is None
    for name, value in {
        "HOST": "mail.example",
        "PORT": "465",
        "USER": "carrefour",
        "PASSWORD": "secret-of-the-server",
        "FROM": "carrefour@example.org",
        "SECURITY": "ssl",
    }.items():
        monkeypatch.setenv(f"CARREFOUR_SMTP_{name}", value)
    server = flask_config(load_settings())["CARREFOUR_SMTP"]
    assert (server.host, server.port, server.username, server.sender, server.security) == (
        "mail.example",
        465,
        "carrefour",
        "carrefour@example.org",
        "ssl",
    )


def test_meilisearch_and_the_geocoder_are_read_through_the_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MEILI_URL", "http://127.0.0.1:7700")
    monkeypatch.setenv("MEILI_API_KEY", "search-key")
    monkeypatch.setenv("MEILI_INDEX", "montreal")
    config = flask_config(load_settings())
    assert (config["MEILI_URL"], config["MEILI_MASTER_KEY"], config["MEILI_INDEX"]) == (
        "http://127.0.0.1:7700",
        "search-key",
        "montreal",
    )
    monkeypatch.setenv("CARREFOUR_GEOCODER", "nominatim")
    monkeypatch.setenv("CARREFOUR_GEOCODER_RETRIES", "many")
    geocoder = GeocoderSettings.from_environment()
    assert geocoder is not None and geocoder.provider == "nominatim" and geocoder.retries == 2
    assert geocoder.problem and "CARREFOUR_GEOCODER_RETRIES" in geocoder.problem  # said, not fatal
