"""Serving Carrefour in production: gunicorn, one worker process per core and one more.

Flask's own server is for development and the demo runs on waitress; a directory that many people search at
once needs processes, not threads, because page rendering is Python work that one interpreter lock would
serialize. The app is loaded once before the workers are forked (their memory is shared until written).
"""

from __future__ import annotations

import gc
import os
from typing import Any

from flask import Flask
from gunicorn.app.base import BaseApplication


def default_workers() -> int:
    return (os.cpu_count() or 1) + 1


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


def _before_fork(_server: Any, _worker: Any) -> None:
    """Objects loaded so far move out of the collector's sight, so collections in a worker do not write to
    (and so copy) the memory it shares with the parent."""
    gc.freeze()


def _after_fork(_server: Any, worker: Any) -> None:
    """Connections opened before the fork belong to the parent: each worker opens its own."""
    from app.extensions import db

    with worker.app.application.app_context():
        db.engine.dispose(close=False)


def serve(app: Flask, bind: str, workers: int, timeout: int = 30) -> None:
    options = {
        "bind": bind,
        "workers": workers,
        "worker_class": "sync",
        "preload_app": True,
        "timeout": timeout,
        "pre_fork": _before_fork,
        "post_fork": _after_fork,
        "accesslog": None,  # request lines would carry what people search for: not logged
        "errorlog": "-",
        "loglevel": "warning",
        "control_socket_disable": True,
    }
    ProductionServer(app, options).run()
