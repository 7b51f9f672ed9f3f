"""The portal's routes: importing this module adds each page module's routes to the one blueprint."""

from __future__ import annotations

from app.agency import (  # noqa: F401  (each registers its routes)
    claim_pages,
    editing,
    home,
    merge_pages,
    people,
    review,
    suggest,
    upkeep,
)
from app.agency.blueprint import blueprint

__all__ = ["blueprint"]
