"""Matching a need profile as the API and the command do: validate, then rank (one function for both)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from indexer.search import SearchService


def match_profile(session: Session, search: SearchService, default_locale: str, data: Any) -> dict[str, Any]:
    """Validate a need profile and match it; ProfileError when the profile is bad."""
    # Imported here: the matcher's geometry and schema libraries weigh on every process that serves only
    # public pages.
    from app.matching.matcher import Matcher
    from app.matching.profile import parse_profile

    return Matcher(session, search, default_locale).match(parse_profile(data))
