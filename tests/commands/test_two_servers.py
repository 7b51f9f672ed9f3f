"""Two `carrefour serve` processes over one PostgreSQL database: a listing changed through one is found by
the other's search within two seconds (the index lives in the database, written with the change)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from http.cookiejar import CookieJar
from pathlib import Path

import pytest
from flask import Flask

from app.core.accounts.users import add_user, set_password
from app.web.extensions import db
from tests.accounts.people import PASSWORD, form_fields, form_token
from tests.agency.listings import ids, import_package, write_package

STAFF = "staff@example.org"
CARREFOUR = str(Path(sys.executable).with_name("carrefour"))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(opener: urllib.request.OpenerDirector, url: str) -> tuple[int, str]:
    try:
        with opener.open(url, timeout=10) as answer:
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.fixture
def two_servers(pg_app: Flask, pg_ready: str, tmp_path: Path) -> Iterator[tuple[str, str]]:
    processes, bases, log_of = [], [], {}
    for name in ("a", "b"):
        port = _free_port()
        environment = {
            **os.environ,
            "CARREFOUR_DATABASE_URL": pg_ready,
            "CARREFOUR_INSTANCE": str(tmp_path / f"instance-{name}"),
            "CARREFOUR_SECRET_KEY": "the same secret for both servers",
            "CARREFOUR_LOG_LEVEL": "WARNING",
        }
        log = (tmp_path / f"server-{name}.log").open("w")
        processes.append(
            subprocess.Popen(
                [CARREFOUR, "serve", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
                env=environment,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        )
        bases.append(f"http://127.0.0.1:{port}")
        log_of[bases[-1]] = log.name
    try:
        plain = urllib.request.build_opener()
        deadline = time.monotonic() + 60
        for base, process in zip(bases, processes, strict=True):
            while not _ready(plain, base):
                assert process.poll() is None, Path(log_of[base]).read_text()
                assert time.monotonic() < deadline, "the servers did not become ready"
                time.sleep(0.2)
        yield bases[0], bases[1]
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=20)


def _ready(opener: urllib.request.OpenerDirector, base: str) -> bool:
    try:
        return _get(opener, base + "/readyz")[0] == 200
    except OSError:  # not listening yet
        return False


def _found(opener: urllib.request.OpenerDirector, base: str, words: str) -> list[str]:
    status, body = _get(opener, f"{base}/api/hsds/services?{urllib.parse.urlencode({'search': words})}")
    assert status == 200, body
    return [service["name"] for service in json.loads(body)["contents"]]


def test_a_change_through_one_server_is_found_through_the_other(
    pg_app: Flask, tmp_path: Path, two_servers: tuple[str, str]
) -> None:
    import_package(pg_app, write_package(tmp_path / "v1"))
    found = ids(pg_app)
    with pg_app.app_context():
        staff = add_user(db.session, STAFF, "admin")
        set_password(db.session, staff, PASSWORD)
        db.session.commit()
    first, second = two_servers
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    reader = urllib.request.build_opener()
    assert _found(reader, second, "Mange-Tout") == []

    page = _get(browser, f"{first}/en/signin")[1]
    signed = urllib.parse.urlencode({"email": STAFF, "password": PASSWORD, "csrf_token": form_token(page)})
    browser.open(f"{first}/en/signin", data=signed.encode(), timeout=10)
    url = f"{first}/fr/agency/service/{found['svc-2']}/edit"
    status, page = _get(browser, url)
    assert status == 200, page
    data = form_fields(page)
    data["name.fr"], data["name.en"] = "Atelier de cuisine Mange-Tout", "Mange-Tout cooking workshop"
    with browser.open(url, data=urllib.parse.urlencode(data).encode(), timeout=10) as answer:
        assert answer.status == 200 and "/edit" not in answer.url  # published, shown its page
    changed = time.monotonic()
    while not _found(reader, second, "Mange-Tout"):
        assert time.monotonic() - changed < 2.0, "the other server did not find the change within 2 s"
        time.sleep(0.05)
    assert _found(reader, second, "Mange-Tout") == ["Atelier de cuisine Mange-Tout"]
