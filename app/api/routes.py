"""JSON API views: thin over the domain modules."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, jsonify, request
from werkzeug.wrappers import Response

from app.extensions import db
from indexer.search import search_service

blueprint = Blueprint("api", __name__, url_prefix="/api/v1")


def run_match(data: Any) -> dict[str, Any]:
    """Validate a need profile and match it; ProfileError when the profile is bad."""
    # Imported here: the matcher's geometry and schema libraries weigh on every process that serves only
    # public pages.
    from app.matching.matcher import Matcher
    from app.matching.profile import parse_profile

    profile = parse_profile(data)
    matcher = Matcher(db.session, search_service(), current_app.config["CARREFOUR_DEFAULT_LOCALE"])
    return matcher.match(profile)


@blueprint.post("/match")
def match() -> tuple[Response, int]:
    data = request.get_json(silent=True)
    if data is None:
        return jsonify(
            {"errors": [{"field": "(body)", "message": "the body must be a JSON need profile"}]}
        ), 400
    from app.matching.profile import ProfileError

    try:
        result = run_match(data)
    except ProfileError as error:
        return jsonify({"errors": [e.as_dict() for e in error.errors]}), 400
    return jsonify(result), 200
