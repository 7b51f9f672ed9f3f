"""Configuration from the environment: defaults, the kept secret key, and clear errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from app.core.settings import ConfigError, flask_config, load_settings


def test_defaults_put_everything_in_the_instance_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CARREFOUR_INSTANCE", str(tmp_path / "inst"))
    config = flask_config(load_settings())
    assert config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'inst' / 'carrefour.db'}"
    assert config["CARREFOUR_DEFAULT_LOCALE"] == "fr"
    key = (tmp_path / "inst" / "secret_key").read_text().strip()
    assert config["SECRET_KEY"] == key and len(key) >= 32
    assert (tmp_path / "inst" / "secret_key").stat().st_mode & 0o077 == 0
    # generated once, then kept
    assert flask_config(load_settings())["SECRET_KEY"] == key


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        ("CARREFOUR_DEFAULT_LOCALE", "de", "CARREFOUR_DEFAULT_LOCALE: must be one of fr, en"),
        (
            "CARREFOUR_DATABASE_URL",
            "mysql://x@y/z",
            "CARREFOUR_DATABASE_URL: database 'mysql' is not supported",
        ),
        ("CARREFOUR_DATABASE_URL", "not a url", "CARREFOUR_DATABASE_URL: not a database URL"),
        ("CARREFOUR_SECRET_KEY", "short", "CARREFOUR_SECRET_KEY: must be at least 16 characters"),
        ("CARREFOUR_LOG_FORMAT", "xml", "CARREFOUR_LOG_FORMAT: must be one of json, text (got 'xml')"),
        (
            "CARREFOUR_LOG_LEVEL",
            "loud",
            "CARREFOUR_LOG_LEVEL: must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL (got 'LOUD')",
        ),
        ("CARREFOUR_MATCH_RATE_LIMIT", "lots", "CARREFOUR_MATCH_RATE_LIMIT: must be a rate such as"),
        ("CARREFOUR_TRUSTED_PROXIES", "-1", "CARREFOUR_TRUSTED_PROXIES"),
    ],
)
def test_bad_values_name_the_variable(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, expected: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigError) as error:
        load_settings()
    assert expected in str(error.value)


def test_unwritable_instance_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("CARREFOUR_INSTANCE", str(blocker / "inst"))
    with pytest.raises(ConfigError, match="CARREFOUR_INSTANCE: cannot create folder"):
        flask_config(load_settings())


def test_the_command_stops_at_start_on_bad_configuration(tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "CARREFOUR_DEFAULT_LOCALE": "de", "CARREFOUR_INSTANCE": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", "from app.main import main; main()", "--help"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 2
    assert "CARREFOUR_DEFAULT_LOCALE" in result.stderr


def test_help_lists_every_command(tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "CARREFOUR_INSTANCE": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", "from app.main import main; main()", "--help"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    for command in (
        "run",
        "db",
        "demo",
        "import",
        "export",
        "seed",
        "index",
        "search",
        "match",
        "shell",
        "routes",
    ):
        assert f"  {command} " in result.stdout
