"""`carrefour serve`'s logs: JSON lines on standard error, one access line per request with its id and
route, gunicorn's own access log off and its messages through the same JSON handler; never the address
asked for nor the words searched."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from gunicorn.config import Config

from app.web.production import RoutedLogger, server_options
from tests.log_capture import logs_as_served


def test_gunicorn_writes_no_request_line_and_its_messages_are_json(app: Flask) -> None:
    options = server_options("127.0.0.1:0", 2)
    assert options["accesslog"] is None  # its request lines hold the full address, query string included
    config = Config()
    for key, value in options.items():
        if key not in ("pre_fork", "post_fork"):
            config.set(key, value)
    with logs_as_served(app, "json") as stream:
        logger = config.logger_class(config)
        assert isinstance(logger, RoutedLogger) and not logger.access_log_enabled
        logger.warning("Worker (pid:%s) was sent SIGKILL!", 4321)
        logger.info("Booting worker with pid: %s", 4321)  # below the "warning" level gunicorn is given
    [line] = [json.loads(text) for text in stream.getvalue().splitlines()]
    assert line["logger"] == "gunicorn.error" and line["level"] == "WARNING"
    assert line["message"] == "Worker (pid:4321) was sent SIGKILL!"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(url: str, headers: dict[str, str], deadline: float, process: subprocess.Popen[bytes]) -> Any:
    while True:
        try:
            with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=5) as answer:
                return answer.status, dict(answer.headers), answer.read()
        except OSError:
            assert process.poll() is None, "carrefour serve stopped"
            assert time.monotonic() < deadline, "carrefour serve did not answer in time"
            time.sleep(0.3)


@pytest.mark.skipif(sys.platform == "win32", reason="gunicorn serves on POSIX only")
def test_carrefour_serve_writes_json_lines_with_the_request_id_and_route(tmp_path: Path) -> None:
    env = {**os.environ, "CARREFOUR_INSTANCE": str(tmp_path / "instance"), "CARREFOUR_LOG_LEVEL": "debug"}
    port = _free_port()
    errors = tmp_path / "stderr.log"
    with errors.open("wb") as written:
        process = subprocess.Popen(
            [
                sys.executable,
                "-c",
                "from app.main import main; main()",
                "serve",
                "--bind",
                f"127.0.0.1:{port}",
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=written,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 120
            status, headers, _ = _get(f"{base}/healthz", {}, deadline, process)
            assert status == 200
            url = f"{base}/en/search?q=emergency+housing+for+Rosalie&near=H2X+1Y4"
            status, headers, body = _get(url, {"X-Request-Id": "proxy-7f3a"}, deadline, process)
            assert status == 200 and headers["X-Request-Id"] == "proxy-7f3a"
            _, other, _ = _get(f"{base}/healthz", {"X-Request-Id": "not a safe id!"}, deadline, process)
            assert other["X-Request-Id"] != "not a safe id!"
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=20)
    text = errors.read_text(encoding="utf-8")
    # Alembic's own text lines come first, while the database is migrated; from the start of serving on,
    # every line is a JSON object.
    served = text[text.index("{") :].splitlines() if "{" in text else []
    lines = [json.loads(line) for line in served]
    [search] = [
        line for line in lines if line.get("request_id") == "proxy-7f3a" and line["logger"] == "app.access"
    ]
    assert search["endpoint"] == "directory.search" and search["status"] == 200 and search["method"] == "GET"
    assert search["bytes"] == len(body) and search["duration_ms"] > 0
    probes = [
        line for line in lines if line["logger"] == "app.access" and line["endpoint"] == "health.healthz"
    ]
    assert len(probes) >= 2 and probes[-1]["request_id"] == other["X-Request-Id"]
    assert [
        word for word in ("emergency", "housing", "Rosalie", "H2X", "q=", "not a safe id") if word in text
    ] == []
