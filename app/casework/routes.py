"""The workspace's routes: importing this module adds each page module's routes to the one blueprint."""

from __future__ import annotations

from app.casework import (  # noqa: F401  (each registers its routes)
    assessments,
    client_export,
    client_list,
    clients,
    outcomes,
    referral_links,
    referrals,
    sheets,
    suggestions,
)
from app.casework.blueprint import blueprint

__all__ = ["blueprint"]
