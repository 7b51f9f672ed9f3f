"""JSON API views: thin over the domain modules."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, jsonify, request
from flask_babel import gettext as _
from werkzeug.exceptions import UnsupportedMediaType
from werkzeug.wrappers import Response

from app.api.errors import errors_response
from app.matching.service import match_profile
from app.web.extensions import db, limiter
from app.web.search import search_service
from indexer.engines.base import EngineUnavailable

blueprint = Blueprint("api", __name__, url_prefix="/api/v1")


def run_match(data: Any) -> dict[str, Any]:
    """Validate a need profile and match it; ProfileError when the profile is bad."""
    locale = current_app.config["CARREFOUR_DEFAULT_LOCALE"]
    return match_profile(db.session, search_service(), locale, data)


def match_limit() -> str:
    return str(current_app.config["CARREFOUR_MATCH_RATE_LIMIT"])


@blueprint.post("/match")
@limiter.limit(match_limit)  # per address: a match is CPU work (429 past it, answered in JSON)
def match() -> Response:
    """A need profile in, suggestions out. The body is read whole only within MAX_CONTENT_LENGTH (413
    beyond, raised by the reader)."""
    from app.matching.profile import ProfileError, UnreadableProfile, read_profile_json

    if not request.is_json:
        raise UnsupportedMediaType()
    try:
        result = run_match(read_profile_json(request.get_data(cache=False)))
    except UnreadableProfile as error:
        message = _("the body must be a JSON need profile: %(error)s", error=str(error))
        return errors_response([{"field": "(body)", "message": message}], 400)
    except ProfileError as error:
        return errors_response([e.as_dict() for e in error.errors], 400)
    except EngineUnavailable:
        current_app.logger.warning("match: search unavailable")
        message = _("search is unavailable for now; try again later")
        return errors_response([{"field": "(request)", "message": message}], 503)
    return jsonify(result)
