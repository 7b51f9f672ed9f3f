"""The web application: settings, extensions, blueprints, error handlers and commands put together."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from flask import Flask, request
from flask.typing import ResponseReturnValue
from flask_wtf.csrf import CSRFError
from sqlalchemy import event
from sqlalchemy.engine import Engine
from werkzeug.exceptions import HTTPException, InternalServerError
from werkzeug.middleware.proxy_fix import ProxyFix

from app.core import crypto
from app.core.paths import MIGRATIONS_DIR
from app.core.settings import flask_config, load_settings
from app.web.catalogs import compile_catalogs
from app.web.extensions import babel, compress, csrf, db, limiter, migrate
from app.web.search import init_search


def create_app(overrides: dict[str, Any] | None = None) -> Flask:
    """Build the application from the environment (`CARREFOUR_*`), plus `overrides` for tests."""
    settings = load_settings()
    config = flask_config(settings)
    if overrides:
        config.update(overrides)
    app = Flask(__name__, instance_path=config["CARREFOUR_INSTANCE"], instance_relative_config=True)
    app.config.from_mapping(config)
    crypto.install_keys(app.config["CARREFOUR_DATA_KEY"])
    if app.config["CARREFOUR_TRUSTED_PROXIES"]:
        hops = app.config["CARREFOUR_TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]
    register_extensions(app)
    register_blueprints(app)
    register_errorhandlers(app)
    register_commands(app)
    init_search(app)
    return app


def register_extensions(app: Flask) -> None:
    from app.core import models  # noqa: F401  (every table registered before Alembic or a query looks)
    from app.core.display import phone_display, phone_link
    from app.core.i18n import day_name, language_name
    from app.directory.language import same_page_in
    from app.web.i18n import install_translations, select_locale
    from app.web.logs import init_request_logs
    from app.web.security import security_headers
    from app.web.sessions import init_sessions

    init_request_logs(app)  # first: its hook notes the route before any other may answer (a rate limit)
    db.init_app(app)
    migrate.init_app(app, db, directory=str(MIGRATIONS_DIR), render_as_batch=True, compare_type=True)
    translations = compile_catalogs(fallback=Path(app.instance_path))
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(translations)
    babel.init_app(app, locale_selector=select_locale)
    install_translations(app)
    compress.init_app(app)
    init_sessions(app)
    csrf.init_app(app)
    limiter.init_app(app)
    app.jinja_env.globals.update(same_page_in=same_page_in, day_name=day_name, language_name=language_name)
    app.jinja_env.filters["language_label"] = language_name
    app.jinja_env.filters["phone"] = phone_display
    app.jinja_env.filters["tel"] = phone_link
    app.after_request(security_headers)


def register_blueprints(app: Flask) -> None:
    from app.accounts.routes import blueprint as accounts
    from app.admin import api_keys as _api_keys  # noqa: F401  (adds its pages to the admin blueprint)
    from app.admin.routes import blueprint as admin
    from app.agency.routes import blueprint as agency
    from app.api import referrals as _referrals  # noqa: F401  (adds its route to the API's blueprint)
    from app.api.health import blueprint as health
    from app.api.hsds.routes import blueprint as hsds_api
    from app.api.routes import blueprint as api
    from app.casework.routes import blueprint as casework
    from app.directory.routes import blueprint as directory

    app.register_blueprint(directory)
    app.register_blueprint(accounts)
    app.register_blueprint(admin)
    app.register_blueprint(api)
    app.register_blueprint(hsds_api)
    app.register_blueprint(health)
    app.register_blueprint(casework)
    app.register_blueprint(agency)
    csrf.exempt(api)  # JSON in, JSON out, no cookie-borne session: a CSRF token protects nothing there


def register_errorhandlers(app: Flask) -> None:
    """Errors under /api/ answer JSON, whatever raised them (routing, the body, a view); the others a page."""
    from app.api.errors import api_error, is_api_request
    from app.directory.routes import error_page

    @app.errorhandler(CSRFError)
    def refused_form(error: CSRFError) -> ResponseReturnValue:
        return error_page(400, expired_form=True)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> ResponseReturnValue:
        return api_error(error) if is_api_request() else error_page(error.code or 500)

    @app.errorhandler(Exception)
    def server_error(error: Exception) -> ResponseReturnValue:
        # The route's name, not the address: an address may carry a client's id or the words searched.
        app.logger.exception("unhandled error in %s", request.endpoint or "(no route)")
        return api_error(InternalServerError()) if is_api_request() else error_page(500)


def register_commands(app: Flask) -> None:
    from app.commands import register

    register(app)


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """SQLite: enforce foreign keys (off by default) and let readers work during an import (WAL)."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()
