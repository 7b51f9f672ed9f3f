"""The HTTP phase: the app in a real WSGI server on localhost, and client threads asking for pages as fast
as they are answered, for a fixed time (standard library only on the client side)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from bench.measure import latency_summary, tree_memory_mb

REQUEST_TIMEOUT_S = 30.0
STARTUP_TIMEOUT_S = 60.0
RSS_SAMPLE_S = 0.2
# What a browser sends: pages come back compressed, as Flask-Compress serves them to people.
HEADERS = {"Accept-Encoding": "gzip", "Accept-Language": "fr-CA,fr;q=0.9,en;q=0.8"}


@dataclass(slots=True)
class Server:
    """The app served in a child process, as `carrefour serve` serves it in production."""

    base_url: str
    process: subprocess.Popen[bytes]

    def memory_mb(self) -> tuple[float, float]:
        """Resident and proportional memory of the server and its workers together: RSS counts the pages
        the workers share with the parent once in each; PSS divides them among the sharers."""
        return tree_memory_mb(self.process.pid)


# The child is the production server (`carrefour serve`: gunicorn, one worker process per core),
# on the instance and database the benchmark set in the environment.
def _command(port: int) -> list[str]:
    start = "import sys; from app.main import main; sys.argv[0] = 'carrefour'; main()"
    return [sys.executable, "-c", start, "serve", "--bind", f"127.0.0.1:{port}"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving() -> Iterator[Server]:
    """The app on 127.0.0.1 in its own process (its memory is the server's alone, and the client threads
    here do not share its interpreter lock); stopped afterwards."""
    port = _free_port()
    process = subprocess.Popen(_command(port), env=dict(os.environ), stdout=subprocess.DEVNULL)
    base_url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base_url, process)
        yield Server(base_url, process)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_up(base_url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.perf_counter() + STARTUP_TIMEOUT_S
    while time.perf_counter() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped at start (exit {process.returncode})")
        try:
            fetch(base_url + "/fr/")
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"the server did not answer within {STARTUP_TIMEOUT_S:.0f} s")


def fetch(url: str) -> int:
    """The HTTP status of a GET (the body is read whole, as a browser would)."""
    request = urllib.request.Request(url, headers=HEADERS)
    try:
        with urllib.request.urlopen(request, timeout=REQUEST_TIMEOUT_S) as response:
            response.read()
            return int(response.status)
    except urllib.error.HTTPError as error:
        error.read()
        return int(error.code)


@dataclass(slots=True)
class ClientLog:
    milliseconds: list[float] = field(default_factory=list)
    errors: int = 0
    first_error: str | None = None


def _client(base_url: str, paths: list[str], deadline: float, log: ClientLog) -> None:
    position = 0
    while time.perf_counter() < deadline:
        path = paths[position % len(paths)]
        position += 1
        started = time.perf_counter()
        try:
            status = fetch(base_url + path)
            problem = None if status == 200 else f"HTTP {status} for {path}"
        except Exception as exc:  # refused, reset, timed out or a bad path: counted, never fatal to a client
            problem = f"{type(exc).__name__} for {path}: {exc}"
        log.milliseconds.append((time.perf_counter() - started) * 1000)
        if problem is not None:
            log.errors += 1
            log.first_error = log.first_error or problem


def load(
    server: Server, paths_for_client: Callable[[int], list[str]], clients: int, seconds: float
) -> dict[str, Any]:
    """`clients` threads, each cycling through its own paths until `seconds` have passed; meanwhile the
    server process's resident memory is sampled."""
    base_url = server.base_url
    logs = [ClientLog() for _ in range(clients)]
    started = time.perf_counter()
    deadline = started + seconds
    threads = [
        threading.Thread(target=_client, args=(base_url, paths_for_client(n), deadline, logs[n]), daemon=True)
        for n in range(clients)
    ]
    for thread in threads:
        thread.start()
    highest_rss, highest_pss = server.memory_mb()
    while any(thread.is_alive() for thread in threads):
        rss, pss = server.memory_mb()
        highest_rss, highest_pss = max(highest_rss, rss), max(highest_pss, pss)
        time.sleep(RSS_SAMPLE_S)
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    milliseconds = [ms for log in logs for ms in log.milliseconds]
    errors = sum(log.errors for log in logs)
    return {
        **latency_summary(milliseconds),
        "requests_per_second": round(len(milliseconds) / elapsed, 1),
        "errors": errors,
        "first_error": next((log.first_error for log in logs if log.first_error), None),
        "clients": clients,
        "seconds": round(elapsed, 2),
        "server_rss_mb": round(highest_rss, 1),
        "server_pss_mb": round(highest_pss, 1),
    }
