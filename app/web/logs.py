"""Logs: one JSON object a line (or plain text), every record written during a request carrying its id, and
one access line per request that names the route, never the address asked for.

An address carries what people search for (`?q=...`) and whom caseworkers look at (`/clients/12`), so the
access line holds the method, the route's endpoint name, the status, the time taken and the bytes sent:
nothing a person typed. The request id comes from the `X-Request-Id` header when it is a short safe token
(a proxy's own id, so both logs join), else a new one; it is sent back in the same header.
"""

from __future__ import annotations

import logging
import re
import sys
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextvars import ContextVar
from typing import IO, Any

from flask import Flask, request
from flask.logging import default_handler
from pythonjsonlogger.json import JsonFormatter

REQUEST_ID_HEADER = "X-Request-Id"
# Letters, digits, dot, dash and underscore, at most 64: a uuid, a proxy's hex id or a trace id fit; an
# address, a sentence or a header injection do not.
SAFE_REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
ENDPOINT_KEY = "carrefour.endpoint"
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})

access_log = logging.getLogger("app.access")
_request_id: ContextVar[str | None] = ContextVar("carrefour_request_id", default=None)

StartResponse = Callable[..., Any]
WsgiApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


def current_request_id() -> str | None:
    """The id of the request being served (None outside one)."""
    return _request_id.get()


def request_id_from(header: str | None) -> str:
    """The incoming id when it is a safe token, else a new one (32 hex digits)."""
    if header and SAFE_REQUEST_ID.fullmatch(header):
        return header
    return uuid.uuid4().hex


def _install_record_factory() -> None:
    """Every record made while a request is served carries `request_id`, whatever logger made it and
    whichever handler (ours, pytest's, a library's) reads it."""
    previous = logging.getLogRecordFactory()
    if getattr(previous, "carrefour_request_id", False):
        return

    def make_record(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        found = _request_id.get()
        if found is not None:
            record.request_id = found
        return record

    make_record.carrefour_request_id = True  # type: ignore[attr-defined]
    logging.setLogRecordFactory(make_record)


class _AccessLine:
    """What one request's access line says, written once when its body has been sent (or failed)."""

    def __init__(self, environ: dict[str, Any], request_id: str) -> None:
        self.environ = environ
        self.request_id = request_id
        self.started = time.perf_counter()
        self.status = 500  # until the app says otherwise: a request that raised is a server error
        self.sent = 0
        self.written = False

    def write(self) -> None:
        if self.written:
            return
        self.written = True
        method = str(self.environ.get("REQUEST_METHOD", "")).upper()
        method = method if method in METHODS else "OTHER"
        endpoint = self.environ.get(ENDPOINT_KEY)  # None: no route matched (a 404) or none was reached
        duration = round((time.perf_counter() - self.started) * 1000, 1)
        fields = {
            "method": method,
            "endpoint": endpoint,
            "status": self.status,
            "duration_ms": duration,
            "bytes": self.sent,
        }
        text = "%s %s %s %.1f ms %d bytes"
        _request_id.set(self.request_id)  # its own id, even when a later request's body was read first
        try:
            access_log.info(text, method, endpoint or "-", self.status, duration, self.sent, extra=fields)
        finally:
            _request_id.set(None)


class _CountedBody:
    """The response body as the server reads it: counts the bytes, writes the access line at its end."""

    def __init__(self, body: Iterable[bytes], line: _AccessLine) -> None:
        self.body = body
        self.line = line

    def __iter__(self) -> Iterator[bytes]:
        try:
            for chunk in self.body:
                self.line.sent += len(chunk)
                yield chunk
        finally:
            self.line.write()

    def close(self) -> None:
        try:
            close = getattr(self.body, "close", None)
            if close is not None:
                close()
        finally:
            self.line.write()


class RequestLogs:
    """WSGI middleware around the Flask app: the request id (environ, logs, response header) and the access
    line, timed from the first byte read to the last byte sent (streamed answers included)."""

    def __init__(self, wsgi_app: WsgiApp) -> None:
        self.wsgi_app = wsgi_app

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        request_id = request_id_from(environ.get("HTTP_X_REQUEST_ID"))
        _request_id.set(request_id)
        line = _AccessLine(environ, request_id)

        def start(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            line.status = int(status.split(" ", 1)[0])
            kept = [(name, value) for name, value in headers if name.lower() != REQUEST_ID_HEADER.lower()]
            return start_response(status, [*kept, (REQUEST_ID_HEADER, request_id)], exc_info)

        try:
            body = self.wsgi_app(environ, start)
        except BaseException:
            line.write()
            raise
        return _CountedBody(body, line)


def _note_endpoint() -> None:
    # The route's name, read by the access line once Flask's request is gone.
    request.environ[ENDPOINT_KEY] = request.endpoint


def init_request_logs(app: Flask) -> None:
    """Call before the other extensions: the endpoint is noted before any of them may answer instead."""
    _install_record_factory()
    app.before_request(_note_endpoint)
    app.wsgi_app = RequestLogs(app.wsgi_app)  # type: ignore[method-assign]


# --- handlers -----------------------------------------------------------------------------------------------


def json_formatter() -> logging.Formatter:
    """One JSON object a line: time (UTC, ISO 8601), level, logger, message, then the record's extra fields
    (the request id, the access line's fields)."""
    return JsonFormatter(
        ["levelname", "name", "message"],
        rename_fields={"levelname": "level", "name": "logger"},
        timestamp="time",
        json_ensure_ascii=False,
    )


def text_formatter() -> logging.Formatter:
    return logging.Formatter(
        "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s", defaults={"request_id": "-"}
    )


def _plain_console(handler: logging.Handler) -> bool:
    """A plain handler on the terminal's streams, such as the one Alembic's logging file installs when
    migrations run: it would write every record a second time, in another format."""
    stream = getattr(handler, "stream", None)
    return type(handler) is logging.StreamHandler and stream in (sys.stderr, sys.stdout)


def configure_logging(app: Flask, default_format: str, stream: IO[str] | None = None) -> logging.Handler:
    """Send every logger's records to standard error (or `stream`) in CARREFOUR_LOG_FORMAT (else
    `default_format`) at CARREFOUR_LOG_LEVEL, for a command that serves: the process then writes one
    stream of logs. A second call replaces the first's handler."""
    log_format = app.config.get("CARREFOUR_LOG_FORMAT") or default_format
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "carrefour", False) or _plain_console(handler):
            root.removeHandler(handler)
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(json_formatter() if log_format == "json" else text_formatter())
    handler.carrefour = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(app.config.get("CARREFOUR_LOG_LEVEL") or "INFO")
    # Flask's own text handler would write the app's records a second time, in another format.
    app.logger.removeHandler(default_handler)
    return handler
