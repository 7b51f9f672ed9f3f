"""Every error under /api/ answers JSON (never an HTML page), in the shape of a bad profile's answer:
`{"errors": [{"field": ..., "message": ...}]}`, the message in the request's language."""

from __future__ import annotations

from flask import current_app, jsonify, request
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response

API_PREFIX = "/api/"


def is_api_request() -> bool:
    return request.path == API_PREFIX.rstrip("/") or request.path.startswith(API_PREFIX)


def errors_response(errors: list[dict[str, str]], status: int) -> Response:
    response = jsonify({"errors": errors})
    response.status_code = status
    return response


def api_error(error: HTTPException) -> Response:
    """The JSON answer for an HTTP error (a 500 for anything unexpected: the caller logs it)."""
    code = error.code or 500
    field, message = _explain(code)
    response = errors_response([{"field": field, "message": message}], code)
    if code == 405 and getattr(error, "valid_methods", None):
        response.headers["Allow"] = ", ".join(error.valid_methods)  # type: ignore[attr-defined]
    return response


def _explain(code: int) -> tuple[str, str]:
    if code == 400:
        return "(body)", _("the request cannot be read")
    if code == 404:
        return "(request)", _("no such address in the API")
    if code == 405:
        return "(request)", _("this method is not allowed at this address")
    if code == 413:
        limit = int(current_app.config.get("MAX_CONTENT_LENGTH") or 0) // 1024
        return "(body)", _("the body is larger than %(num)d KiB", num=limit)
    if code == 415:
        return "(body)", _("the body must be JSON (Content-Type: application/json)")
    if code == 429:
        return "(request)", _("too many requests; try again after the seconds Retry-After says")
    if code >= 500:
        return "(request)", _("internal error; it has been logged")
    return "(request)", _("the request failed (HTTP %(code)d)", code=code)
