"""Public pages: `/<lang>/` lists the directory (the full search pages come with the search issue)."""

from __future__ import annotations

from flask import Blueprint, Flask, abort, redirect, render_template, request, url_for
from flask_babel import force_locale
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response

from app.directory.queries import list_services
from app.extensions import db
from app.i18n import LOCALES, select_locale

blueprint = Blueprint("directory", __name__)
PER_PAGE = 50


@blueprint.get("/")
def root() -> Response:
    """Send people to their language: the browser's preference, else the default."""
    return redirect(url_for("directory.home", lang=select_locale()))


@blueprint.get("/<lang>/")
def home(lang: str) -> str:
    if lang not in LOCALES:
        abort(404)
    page = request.args.get("page", default=1, type=int) or 1
    page = max(page, 1)
    services, total = list_services(db.session, lang, page, PER_PAGE)
    pages = max(1, -(-total // PER_PAGE))
    return render_template(
        "directory/list.html", lang=lang, services=services, total=total, page=page, pages=pages
    )


def register_error_pages(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> tuple[str, int]:
        lang = _error_lang()
        with force_locale(lang):
            return render_template("error.html", lang=lang, code=error.code or 500), error.code or 500

    @app.errorhandler(Exception)
    def server_error(error: Exception) -> tuple[str, int]:
        app.logger.exception("unhandled error on %s", request.path)
        lang = _error_lang()
        with force_locale(lang):
            return render_template("error.html", lang=lang, code=500), 500


def _error_lang() -> str:
    first = request.path.strip("/").split("/", 1)[0]
    return first if first in LOCALES else select_locale()
