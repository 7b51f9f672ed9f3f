"""The deployment files (deploy/) checked as an operator would before using them: Compose against the Compose
Specification's schema, the systemd units and the image naming commands and options the CLI really has,
every setting documented, the database extensions those the search engine installs.

No container engine or systemd runs here: the files are parsed and compared with the code.
"""

from __future__ import annotations

import configparser
import json
import os
import re
import shlex
import shutil
import subprocess
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click
import jsonschema
import pytest
import yaml
from flask.cli import ScriptInfo
from packaging.specifiers import SpecifierSet

from app.core import crypto
from app.core.paths import MIGRATIONS_DIR, TRANSLATIONS_DIR
from app.core.settings import ConfigError, Settings, load_settings
from indexer.engines.postgres.schema import EXTENSIONS

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
GUIDE = DEPLOY / "README.md"
ENV_EXAMPLE = DEPLOY / "carrefour.env.example"
COMPOSE = DEPLOY / "compose.yaml"
DOCKERFILE = DEPLOY / "Dockerfile"
INIT_SQL = DEPLOY / "postgres-init.sql"
COMPOSE_SCHEMA = Path(__file__).with_name("compose-spec.json")
# Read by gunicorn itself, not by Carrefour's Settings: the proxies whose X-Forwarded-Proto it believes.
GUNICORN_VARIABLES = frozenset({"FORWARDED_ALLOW_IPS"})
APP_IMAGE = "carrefour:local"


# --- the code's facts ---------------------------------------------------------------------------------------


def setting_variables() -> dict[str, list[str]]:
    """Each field of Settings and the variables it is read from (`CARREFOUR_X`, or its aliases)."""
    found: dict[str, list[str]] = {}
    for name, field in Settings.model_fields.items():
        alias = field.validation_alias
        if alias is None:
            found[name] = [f"CARREFOUR_{name.upper()}"]
        elif isinstance(alias, str):
            found[name] = [alias]
        else:
            found[name] = [choice for choice in alias.choices if isinstance(choice, str)]
    return found


ALL_VARIABLES = frozenset(v for names in setting_variables().values() for v in names)


@dataclass(frozen=True)
class Parsed:
    """A `carrefour ...` command line as the CLI reads it."""

    path: tuple[str, ...]  # ("db", "upgrade")
    params: dict[str, Any]


ParseCli = Callable[[list[str]], Parsed]


@pytest.fixture(scope="module")
def parse_cli(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ParseCli]:
    """Parse the words after `carrefour` with the real command group (the app's commands and the plugins),
    as `carrefour` would before running anything: an unknown command or option, or a missing argument,
    raises click's UsageError."""
    from app.factory import create_app
    from app.main import cli

    with pytest.MonkeyPatch.context() as patch:
        for key in list(os.environ):
            if key.startswith(("CARREFOUR_", "MEILI_")):
                patch.delenv(key)
        patch.setenv("CARREFOUR_INSTANCE", str(tmp_path_factory.mktemp("deploy") / "instance"))
        application = create_app()
    info = ScriptInfo(create_app=lambda: application)

    def parse(words: list[str]) -> Parsed:
        with click.Context(cli, info_name="carrefour", obj=info) as context:
            group: click.Command = cli
            rest, path = list(words), []
            while isinstance(group, click.Group):
                if not rest:
                    raise click.UsageError(f"`carrefour {' '.join(path)}` names a group, not a command")
                name, rest = rest[0], rest[1:]
                command = group.get_command(context, name)
                if command is None:
                    raise click.UsageError(f"no command `{name}` in `carrefour {' '.join(path)}`")
                path.append(name)
                if isinstance(command, click.Group):
                    context = click.Context(command, info_name=name, parent=context)
                else:
                    context = command.make_context(name, rest, parent=context)
                group = command
            return Parsed(tuple(path), dict(context.params))

    yield parse


# --- reading the files --------------------------------------------------------------------------------------


def read_unit(path: Path) -> dict[str, dict[str, list[str]]]:
    """A systemd unit's sections and settings. It must parse as INI; repeated settings (ExecStartPost=,
    Environment=) are all kept, as systemd keeps them, where configparser would keep the last."""
    text = path.read_text(encoding="utf-8")
    parser = configparser.ConfigParser(strict=False, interpolation=None, delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string(text, source=str(path))
    sections: dict[str, dict[str, list[str]]] = {}
    current: dict[str, list[str]] | None = None
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped[0] in "#;":
            continue
        assert not stripped.endswith("\\"), f"{path.name}: keep each setting on one line"
        if stripped.startswith("[") and stripped.endswith("]"):
            current = sections.setdefault(stripped[1:-1], {})
            continue
        assert current is not None, f"{path.name}: a setting before any section: {stripped}"
        key, _, value = stripped.partition("=")
        current.setdefault(key.strip(), []).append(value.strip())
    assert list(sections) == parser.sections(), f"{path.name}: a section repeated"
    return sections


def one(unit: dict[str, dict[str, list[str]]], section: str, key: str) -> str:
    values = unit.get(section, {}).get(key, [])
    assert len(values) == 1, f"[{section}] {key}= expected once, found {values}"
    return values[0]


def systemd_unescaped(line: str) -> str:
    """A command line as systemd runs it: `%%` is `%` (its specifiers), `$$` is `$` (its variables)."""
    return line.replace("%%", "%").replace("$$", "$")


def carrefour_lines(words: list[str]) -> list[list[str]]:
    """The words after `carrefour` in each command a line runs, directly or through `sh -c SCRIPT`."""
    if Path(words[0]).name in ("sh", "bash") and len(words) >= 3 and words[1] == "-c":
        lexer = shlex.shlex(words[2], posix=True, punctuation_chars=";&|")
        lexer.whitespace_split = True
        words = list(lexer)
    lines, segment = [], []
    for word in [*words, ";"]:
        if word in (";", "&&", "||", "|", "&"):
            for index, part in enumerate(segment):
                if Path(part).name == "carrefour":
                    lines.append(segment[index + 1 :])
                    break
            segment = []
        else:
            segment.append(word)
    return lines


def unit_commands(exec_value: str) -> list[list[str]]:
    """The `carrefour ...` command lines of an Exec*= value (its prefixes such as `-` left out)."""
    return carrefour_lines(shlex.split(systemd_unescaped(exec_value.lstrip("-@:+!"))))


def env_assignments(path: Path, commented: bool) -> dict[str, str]:
    """The VARIABLE=value lines of an env file; with `commented`, the `# VARIABLE=value` examples too."""
    pattern = re.compile(r"^(#\s*)?([A-Z][A-Z0-9_]*)=(.*)$")
    found: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = pattern.match(line)
        if match and (commented or not match.group(1)):
            found[match.group(2)] = match.group(3)
    return found


def compose() -> dict[str, Any]:
    loaded = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def app_services(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The services that run Carrefour's own image (the migration and the app servers)."""
    return {name: s for name, s in document["services"].items() if s.get("image") == APP_IMAGE}


def dockerfile_instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with continuation lines joined and comments left out."""
    joined, pending = [], ""
    for line in DOCKERFILE.read_text(encoding="utf-8").splitlines():
        if not pending and (not line.strip() or line.lstrip().startswith("#")):
            continue
        if line.rstrip().endswith("\\"):
            pending += line.rstrip()[:-1] + " "
            continue
        joined.append(pending + line)
        pending = ""
    return [(text.split(None, 1)[0].upper(), text.split(None, 1)[1].strip()) for text in joined]


# --- Compose ------------------------------------------------------------------------------------------------


def test_compose_file_is_valid_under_the_compose_specification() -> None:
    # The official schema, copied into the tests (COMPOSE-SPEC-LICENSE.md): what `docker compose config`
    # would refuse is refused here, without a container engine.
    schema = json.loads(COMPOSE_SCHEMA.read_text(encoding="utf-8"))
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    errors = sorted(validator_class(schema).iter_errors(compose()), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors)


def test_the_schema_refuses_a_wrong_compose_file() -> None:
    # The check above can fail: a misspelt key is caught.
    schema = json.loads(COMPOSE_SCHEMA.read_text(encoding="utf-8"))
    wrong = compose()
    wrong["services"]["postgres"]["helthcheck"] = wrong["services"]["postgres"].pop("healthcheck")
    assert not jsonschema.validators.validator_for(schema)(schema).is_valid(wrong)


def test_compose_references_resolve() -> None:
    # The schema does not follow names: each dependency, volume, secret and file must exist.
    document = compose()
    services = document["services"]
    for name, service in services.items():
        for dependency in service.get("depends_on", {}):
            assert dependency in services, f"{name} depends on an undefined service {dependency}"
        for secret in service.get("secrets", []):
            assert secret in document.get("secrets", {}), f"{name} uses an undeclared secret {secret}"
        for mount in service.get("volumes", []):
            source = str(mount).split(":", 1)[0]
            if source.startswith((".", "/")):
                assert (DEPLOY / source).exists() or source.startswith("/"), f"{name}: {source} is missing"
            else:
                assert source in document.get("volumes", {}), f"{name} mounts an undeclared volume {source}"
    mounts = [str(m) for m in services["postgres"]["volumes"]]
    assert any(m.startswith(f"./{INIT_SQL.name}:/docker-entrypoint-initdb.d/") for m in mounts), (
        "the extensions' SQL must run when the database is first initialized"
    )


def test_compose_pins_its_images() -> None:
    services = compose()["services"]
    assert services["postgres"]["image"] == "postgres:16"
    assert re.fullmatch(r"getmeili/meilisearch:v1\.\d+(\.\d+)?", services["meilisearch"]["image"])
    assert services["postgres"]["healthcheck"]["test"][-1].startswith("pg_isready")


def test_compose_starts_migration_first_then_several_app_servers(parse_cli: ParseCli) -> None:
    services = app_services(compose())
    commands = {name: parse_cli(service["command"][1:]) for name, service in services.items()}
    assert all(service["command"][0] == "carrefour" for service in services.values())
    migrations = [name for name, parsed in commands.items() if parsed.path == ("db", "upgrade")]
    servers = [name for name, parsed in commands.items() if parsed.path == ("serve",)]
    assert len(migrations) == 1 and len(servers) >= 2, commands
    migrate = services[migrations[0]]
    assert migrate["restart"] == "no"
    assert migrate["depends_on"]["postgres"]["condition"] == "service_healthy"
    for name in servers:
        depends = services[name]["depends_on"]
        assert depends["postgres"]["condition"] == "service_healthy", name
        assert depends[migrations[0]]["condition"] == "service_completed_successfully", name


def test_compose_app_servers_are_checked_on_readyz(parse_cli: ParseCli) -> None:
    for name, service in app_services(compose()).items():
        parsed = parse_cli(service["command"][1:])
        if parsed.path != ("serve",):
            continue
        port = str(parsed.params["bind"]).rsplit(":", 1)[1]
        check = " ".join(service["healthcheck"]["test"])
        assert f"127.0.0.1:{port}/readyz" in check, f"{name}: the healthcheck must ask /readyz on {port}"
        assert "curl" not in check, f"{name}: the slim image has no curl"
        published = [str(p) for p in service.get("ports", [])]
        assert published and all(p.endswith(f":{port}") for p in published), f"{name}: {published}"
        assert all(p.startswith("127.0.0.1:") for p in published), f"{name}: publish on the loopback only"


def test_compose_app_environment_names_are_settings() -> None:
    for name, service in app_services(compose()).items():
        assert service["env_file"], f"{name}: the secrets come from an env file"
        unknown = set(service.get("environment", {})) - ALL_VARIABLES - GUNICORN_VARIABLES
        assert not unknown, f"{name} sets variables Carrefour does not read: {sorted(unknown)}"


# --- systemd ------------------------------------------------------------------------------------------------


def test_units_have_their_sections() -> None:
    services = sorted(DEPLOY.glob("*.service"))
    timers = sorted(DEPLOY.glob("*.timer"))
    assert {p.name for p in services} >= {"carrefour.service", "carrefour-backup.service"} and timers
    for path in services:
        unit = read_unit(path)
        assert {"Unit", "Service"} <= set(unit), path.name
    assert "multi-user.target" in read_unit(DEPLOY / "carrefour.service")["Install"]["WantedBy"]
    for path in timers:
        unit = read_unit(path)
        assert {"Unit", "Timer", "Install"} <= set(unit), path.name
        assert one(unit, "Install", "WantedBy") == "timers.target", path.name


def test_unit_commands_are_real_carrefour_commands(parse_cli: ParseCli) -> None:
    expected = {
        "carrefour.service": ("serve",),
        "carrefour-backup.service": ("backup",),
        "carrefour-retention.service": ("retention",),
    }
    for path in sorted(DEPLOY.glob("*.service")):
        unit = read_unit(path)
        lines = [line for value in unit["Service"]["ExecStart"] for line in unit_commands(value)]
        assert lines, f"{path.name} runs no carrefour command"
        parsed = [parse_cli(line) for line in lines]
        if path.name in expected:
            assert [p.path for p in parsed] == [expected[path.name]], path.name
    retention = unit_commands(one(read_unit(DEPLOY / "carrefour-retention.service"), "Service", "ExecStart"))
    assert parse_cli(retention[0]).params["apply"] is True  # --dry-run would only count


def test_unit_commands_escape_percent_and_dollar() -> None:
    # systemd reads `%Y` as a specifier and `$(...)` as its own variable: a date format must be written
    # `%%Y` and a shell substitution `$$(...)`, or the file name is not what it seems.
    for path in sorted(DEPLOY.glob("*.service")):
        for key, values in read_unit(path)["Service"].items():
            if not key.startswith("Exec"):
                continue
            for value in values:
                assert "%" not in value.replace("%%", ""), f"{path.name} {key}: unescaped % in {value}"
                assert "$" not in value.replace("$$", ""), f"{path.name} {key}: unescaped $ in {value}"


def test_services_run_confined_as_carrefour() -> None:
    for path in sorted(DEPLOY.glob("*.service")):
        unit = read_unit(path)
        assert one(unit, "Service", "User") == "carrefour", path.name
        assert one(unit, "Service", "EnvironmentFile") == "/etc/carrefour/carrefour.env", path.name
        for key, value in (("NoNewPrivileges", "true"), ("ProtectSystem", "strict"), ("PrivateTmp", "true")):
            assert one(unit, "Service", key) == value, f"{path.name}: {key}={value}"
        writable = [Path(p) for value in unit["Service"].get("ReadWritePaths", []) for p in value.split()]
        environment = dict(v.split("=", 1) for v in unit["Service"].get("Environment", []))
        instance = Path(environment["CARREFOUR_INSTANCE"])
        assert any(w == instance or w in instance.parents for w in writable), f"{path.name}: {instance}"
    assert one(read_unit(DEPLOY / "carrefour.service"), "Service", "Restart") == "on-failure"


def test_backup_writes_where_it_may(parse_cli: ParseCli) -> None:
    unit = read_unit(DEPLOY / "carrefour-backup.service")
    (line,) = unit_commands(one(unit, "Service", "ExecStart"))
    out = Path(parse_cli(line).params["out"])
    assert "$(date" in str(out), "each night's backup needs a file of its own"
    writable = [Path(p) for value in unit["Service"]["ReadWritePaths"] for p in value.split()]
    assert out.parent in writable
    assert one(unit, "Service", "UMask") == "0077", "a backup holds personal data: readable by its owner only"


def test_timers_start_an_existing_service_and_catch_up() -> None:
    for path in sorted(DEPLOY.glob("*.timer")):
        unit = read_unit(path)
        assert one(unit, "Timer", "OnCalendar"), path.name
        assert one(unit, "Timer", "Persistent") == "true", f"{path.name}: a missed run waits for the boot"
        target = unit["Timer"].get("Unit", [path.with_suffix(".service").name])[-1]
        assert (DEPLOY / target).is_file(), f"{path.name} starts {target}, which deploy/ does not have"


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_timers_calendars_are_understood_by_systemd() -> None:
    for path in sorted(DEPLOY.glob("*.timer")):
        calendar = one(read_unit(path), "Timer", "OnCalendar")
        done = subprocess.run(
            ["systemd-analyze", "calendar", calendar], capture_output=True, text=True, timeout=10, check=False
        )
        assert done.returncode == 0, f"{path.name}: {done.stderr}"


# --- settings -----------------------------------------------------------------------------------------------


def test_every_setting_is_in_the_guide() -> None:
    # A new setting without documentation fails here.
    text = GUIDE.read_text(encoding="utf-8")
    missing = [v for v in sorted(ALL_VARIABLES) if not re.search(rf"(?<![A-Z0-9_]){v}(?![A-Z0-9_])", text)]
    assert not missing, f"deploy/README.md does not name: {missing}"


def test_every_setting_is_in_the_env_example() -> None:
    named = env_assignments(ENV_EXAMPLE, commented=True)
    missing = sorted(ALL_VARIABLES - set(named))
    assert not missing, f"deploy/carrefour.env.example has no line for: {missing}"
    unknown = sorted(set(named) - ALL_VARIABLES - GUNICORN_VARIABLES)
    assert not unknown, f"deploy/carrefour.env.example sets variables Carrefour does not read: {unknown}"


def _environment_from(values: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    for key in list(os.environ):
        if key.startswith(("CARREFOUR_", "MEILI_")):
            monkeypatch.delenv(key)
    for key, value in values.items():
        monkeypatch.setenv(key, value)


def test_the_env_example_as_shipped_refuses_to_start(monkeypatch: pytest.MonkeyPatch) -> None:
    # Copied unchanged, the example must not run with a secret everyone knows.
    _environment_from(env_assignments(ENV_EXAMPLE, commented=False), monkeypatch)
    with pytest.raises(ConfigError) as refused:
        load_settings()
    assert "CARREFOUR_SECRET_KEY" in str(refused.value) and "CARREFOUR_DATA_KEY" in str(refused.value)


def test_every_value_of_the_env_example_is_accepted(monkeypatch: pytest.MonkeyPatch) -> None:
    # Its commented defaults included: uncommenting one never stops the start.
    values = env_assignments(ENV_EXAMPLE, commented=True)
    values["CARREFOUR_SECRET_KEY"] = "a-secret-key-of-enough-length"
    values["CARREFOUR_DATA_KEY"] = crypto.new_key()
    _environment_from(values, monkeypatch)
    settings = load_settings()
    assert settings.database_url is not None and settings.database_url.startswith("postgresql+psycopg://")
    assert settings.base_url is not None and settings.base_url.startswith("https://")


def test_env_example_lines_suit_systemd_and_compose() -> None:
    for number, line in enumerate(ENV_EXAMPLE.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        assert re.fullmatch(r"[A-Z][A-Z0-9_]*=[^\s\"'$#]+", line), f"line {number}: write VARIABLE=value bare"


# --- PostgreSQL ---------------------------------------------------------------------------------------------


def test_init_sql_creates_the_extensions_the_engine_installs() -> None:
    statements = re.findall(
        r"CREATE EXTENSION IF NOT EXISTS (\w+) SCHEMA public;", INIT_SQL.read_text(encoding="utf-8")
    )
    assert sorted(statements) == sorted(EXTENSIONS)
    guide = GUIDE.read_text(encoding="utf-8")
    for name in EXTENSIONS:  # the guide gives the superuser the same statements
        assert f"CREATE EXTENSION IF NOT EXISTS {name} SCHEMA public;" in guide, name


# --- the image ----------------------------------------------------------------------------------------------


def test_dockerfile_python_satisfies_requires_python() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requires = project["requires-python"]
    (base,) = [args for name, args in dockerfile_instructions() if name == "FROM"]
    match = re.fullmatch(r"python:(\d+\.\d+)(\.\d+)?-slim(-\w+)?", base)
    assert match, f"FROM {base}: expected an official python slim image with a version"
    assert SpecifierSet(requires).contains(match.group(1)), f"{base} against requires-python {requires}"


def test_dockerfile_serves_on_the_port_it_exposes(parse_cli: ParseCli) -> None:
    instructions = dockerfile_instructions()
    (command,) = [json.loads(args) for name, args in instructions if name == "CMD"]
    assert command[0] == "carrefour"
    parsed = parse_cli(command[1:])
    assert parsed.path == ("serve",)
    port = str(parsed.params["bind"]).rsplit(":", 1)[1]
    assert [args for name, args in instructions if name == "EXPOSE"] == [port]
    users = [args for name, args in instructions if name == "USER"]
    assert users and users[-1] not in ("root", "0"), "the server runs as an unprivileged user"


def test_dockerfile_installs_what_ci_installs_for_weasyprint() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    match = re.search(r"dpkg -s ([a-z0-9.+\- ]+?) >/dev/null", ci)
    assert match, ".ci/run no longer checks WeasyPrint's libraries with dpkg -s"
    runs = [args for name, args in dockerfile_instructions() if name == "RUN" and "apt-get" in args]
    installed = " ".join(runs).split()
    missing = [package for package in match.group(1).split() if package not in installed]
    assert not missing, f"the image lacks {missing}"


def test_dockerfile_keeps_migrations_and_translations_beside_the_code() -> None:
    # They are read from the checkout's root (app/core/paths.py), which a wheel does not carry.
    assert MIGRATIONS_DIR.parent == ROOT and TRANSLATIONS_DIR.parent == ROOT
    instructions = dockerfile_instructions()
    copied = {args.split()[0] for name, args in instructions if name == "COPY"}
    assert {MIGRATIONS_DIR.name, TRANSLATIONS_DIR.name} <= copied
    assert any(name == "RUN" and "pip install -e ." in args for name, args in instructions)
