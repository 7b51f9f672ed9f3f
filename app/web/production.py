"""Serving Carrefour in production: gunicorn, one worker process per core.

Flask's own server is for development and the demo runs on waitress; a directory that many people search at
once needs processes, not threads, because page rendering is Python work that one interpreter lock would
serialize. The app is loaded once before the workers are forked (their memory is shared until written).
"""

from __future__ import annotations

import gc
import os
from contextlib import suppress
from typing import Any

from flask import Flask
from gunicorn import glogging
from gunicorn.app.base import BaseApplication


def default_workers() -> int:
    """One per core: a request is CPU work from end to end (the index and database pages are in memory), so
    an extra worker only queues behind the others and costs its own memory (measured at 100,000 services on
    2 cores: 2 workers serve as many pages as 3, with a lower p95 and 120 MB less resident memory)."""
    return os.cpu_count() or 1


class ProductionServer(BaseApplication):  # type: ignore[misc]
    def __init__(self, app: Flask, options: dict[str, Any]) -> None:
        self.application = app
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Flask:
        return self.application


class RoutedLogger(glogging.Logger):  # type: ignore[misc]
    """gunicorn's own messages (a worker started, timed out, died) go through Carrefour's handler, so they
    are JSON lines like the app's; gunicorn's access log stays off (`accesslog` unset): its request lines
    carry the full address, query string included, and the app writes its own (app/web/logs.py)."""

    def setup(self, cfg: Any) -> None:
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            for handler in list(log.handlers):
                log.removeHandler(handler)
            log.propagate = True


def settle(app: Flask) -> None:
    """Load what the first requests would load lazily (the search index's word list, the language names),
    then move every object alive out of the garbage collector's sight: a full collection would otherwise
    walk them all, again and again, in the middle of requests (measured: it doubled the matcher's p95), and
    in a forked worker it would write to, and so copy, the memory shared with the parent."""
    from app.core.i18n import language_name
    from app.web.search import search_service
    from indexer.engines.base import EngineUnavailable
    from indexer.query import SearchQuery

    with app.app_context():
        for locale in ("fr", "en"):
            language_name("fr", locale)
            # No index yet: nothing to warm, and the first request will say the index is missing.
            with suppress(EngineUnavailable):
                search_service(app).search(SearchQuery(text="aide", lang=locale, page_size=1))
    gc.collect()
    gc.freeze()


def _before_fork(server: Any, _worker: Any) -> None:
    gc.freeze()  # what the parent allocated since it settled


def _after_fork(_server: Any, worker: Any) -> None:
    """Connections opened before the fork belong to the parent: each worker opens its own, then reads the
    search index's arrays of places (a first search near a point would otherwise wait for them)."""
    from app.web.extensions import db
    from app.web.search import search_service
    from indexer.engines.base import EngineUnavailable
    from indexer.query import SearchQuery

    app = worker.app.application
    with app.app_context():
        db.engine.dispose(close=False)
        service = search_service(app)
        service.forget_connections()
        with suppress(EngineUnavailable):
            service.search(SearchQuery(text="aide", lat=45.5, lon=-73.6, radius_km=5, page_size=1))


def server_options(bind: str, workers: int, timeout: int = 30) -> dict[str, Any]:
    return {
        "bind": bind,
        "workers": workers,
        "worker_class": "sync",
        "preload_app": True,
        "timeout": timeout,
        "pre_fork": _before_fork,
        "post_fork": _after_fork,
        "accesslog": None,  # its request lines would carry what people search for: the app logs its own
        "errorlog": "-",
        "logger_class": RoutedLogger,
        "loglevel": "warning",
        "control_socket_disable": True,
    }


def serve(app: Flask, bind: str, workers: int, timeout: int = 30) -> None:
    settle(app)
    ProductionServer(app, server_options(bind, workers, timeout)).run()
