"""`/healthz` (the process answers) and `/readyz` (it can serve: the database answers, every migration has
run, the search engine answers), in JSON, for load balancers and orchestrators. Neither says more than
ok or a short reason: no connection string, no query, no personal data."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, jsonify
from sqlalchemy import text
from werkzeug.wrappers import Response

from app.web.database import schema_is_current
from app.web.extensions import db, limiter
from app.web.search import search_service

blueprint = Blueprint("health", __name__)
limiter.exempt(blueprint)  # probes come every few seconds from the balancer's address


def _answer(body: dict[str, Any], status: int) -> Response:
    response = jsonify(body)
    response.status_code = status
    response.headers["Cache-Control"] = "no-store"
    return response


@blueprint.get("/healthz")
def healthz() -> Response:
    return _answer({"status": "ok"}, 200)


def _database() -> dict[str, Any]:
    try:
        db.session.execute(text("SELECT 1"))
    except Exception as error:  # any driver's error: the database cannot be reached or read
        db.session.rollback()
        return {"ok": False, "detail": type(error).__name__}
    return {"ok": True}


def _migrations() -> dict[str, Any]:
    try:
        current = schema_is_current(current_app._get_current_object())  # type: ignore[attr-defined]
    except Exception as error:
        return {"ok": False, "detail": type(error).__name__}
    return {"ok": True} if current else {"ok": False, "detail": "migrations pending"}


def _search() -> dict[str, Any]:
    engines = []
    for engine in search_service().engines:
        health = engine.health()
        engines.append({"engine": engine.name, "ok": health.ok, "documents": health.documents})
    # The first engine that answers serves searches (Meilisearch falls back to the embedded index).
    return {"ok": any(e["ok"] for e in engines), "engines": engines}


@blueprint.get("/readyz")
def readyz() -> Response:
    database = _database()
    checks = {
        "database": database,
        "migrations": _migrations() if database["ok"] else {"ok": False, "detail": "database unreachable"},
        "search": _search(),
    }
    ready = all(check["ok"] for check in checks.values())
    return _answer({"status": "ready" if ready else "not ready", "checks": checks}, 200 if ready else 503)
