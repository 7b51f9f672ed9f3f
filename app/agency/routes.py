"""The portal's routes: importing this module adds each page module's routes to the one blueprint."""

from __future__ import annotations

from app.agency.blueprint import blueprint

__all__ = ["blueprint"]
