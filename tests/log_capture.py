"""The logs as a serving command writes them (its handler on the root logger), into a string, for a test;
the root logger's handlers and level are put back afterwards."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from contextlib import contextmanager

from flask import Flask

from app.web.logs import configure_logging


@contextmanager
def logs_as_served(app: Flask, default_format: str = "json") -> Iterator[io.StringIO]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    stream = io.StringIO()
    configure_logging(app, default_format, stream)
    try:
        yield stream
    finally:
        for handler in list(root.handlers):
            root.removeHandler(handler)
        for handler in handlers:
            root.addHandler(handler)
        root.setLevel(level)
