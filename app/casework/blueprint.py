"""The workspace's one blueprint; each module of app/casework adds its routes to it."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort
from flask_login import current_user

from app.core.accounts.roles import Powers
from app.core.i18n import LOCALES

blueprint = Blueprint("casework", __name__)

# Pages other modules add to the workspace's menu: (endpoint taking `lang`, label), or with a third item, the
# check of who sees the link (the page's own).
MENU: list[tuple[Any, ...]] = []


def _links() -> list[tuple[str, Any]]:
    powers = getattr(current_user, "powers", None)
    return [
        (entry[0], entry[1]) for entry in MENU if len(entry) < 3 or (powers is not None and entry[2](powers))
    ]


@blueprint.app_context_processor
def _menu() -> dict[str, Any]:
    return {"workspace_links": _links}


def works_in_a_team(powers: Powers) -> bool:
    """Caseworkers and supervisors: the workspace is theirs. Admins reach a client only by break-glass."""
    return bool(powers.teams)


def check_lang(lang: str) -> None:
    if lang not in LOCALES:
        abort(404)
