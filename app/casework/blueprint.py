"""The workspace's one blueprint; each module of app/casework adds its routes to it."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort

from app.core.accounts.roles import Powers
from app.core.i18n import LOCALES

blueprint = Blueprint("casework", __name__)

# Pages other modules add to the workspace's menu: (endpoint taking `lang`, label).
MENU: list[tuple[str, Any]] = []


@blueprint.app_context_processor
def _menu() -> dict[str, Any]:
    return {"workspace_links": lambda: MENU}


def works_in_a_team(powers: Powers) -> bool:
    """Caseworkers and supervisors: the workspace is theirs. Admins reach a client only by break-glass."""
    return bool(powers.teams)


def check_lang(lang: str) -> None:
    if lang not in LOCALES:
        abort(404)
