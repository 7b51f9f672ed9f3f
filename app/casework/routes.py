"""The workspace's routes: importing this module adds each page module's routes to the one blueprint."""

from __future__ import annotations

from app.casework import clients  # noqa: F401  (registers its routes)
from app.casework.blueprint import blueprint

__all__ = ["blueprint"]
