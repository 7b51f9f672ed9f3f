"""Public pages: home, search results, a service, in `/fr/...` and `/en/...`."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from flask_babel import force_locale
from werkzeug.wrappers import Response

from app.core.agency.merge import redirect_target
from app.core.hours import local_now
from app.core.i18n import LOCALES
from app.core.taxonomy import core_terms, needs_family
from app.core.taxonomy import term_label as label
from app.directory.params import RADII, parse_search
from app.directory.queries import (
    cards,
    crisis_lines,
    find_service,
    list_services,
    notices_and_freshness,
    service_detail,
)
from app.web.extensions import db
from app.web.i18n import select_locale
from app.web.search import search_service
from indexer.asking import asked_query
from indexer.engines.base import EngineUnavailable
from indexer.query import SearchResult

blueprint = Blueprint("directory", __name__)
PER_PAGE = 20
LIST_PER_PAGE = 50


def _check(lang: str) -> None:
    if lang not in LOCALES:
        abort(404)


def _families() -> list[str]:
    return [t.code for t in core_terms() if t.taxonomy == "needs" and t.parent is None]


@blueprint.get("/")
def root() -> Response:
    """Send people to their language: the browser's preference, else the default."""
    return redirect(url_for("directory.home", lang=select_locale()))


@blueprint.get("/<lang>/")
def home(lang: str) -> str:
    _check(lang)
    return render_template(
        "directory/home.html",
        lang=lang,
        families=_families(),
        radii=RADII,
        crisis=crisis_lines(db.session, lang),
        label=label,
    )


@blueprint.get("/<lang>/services/")
def all_services(lang: str) -> str:
    """Every service, by name (a plain list that works without search)."""
    _check(lang)
    page = max(request.args.get("page", default=1, type=int) or 1, 1)
    services, total = list_services(db.session, lang, page, LIST_PER_PAGE)
    pages = max(1, -(-total // LIST_PER_PAGE))
    return render_template(
        "directory/list.html", lang=lang, services=services, total=total, page=min(page, pages), pages=pages
    )


@blueprint.get("/<lang>/search")
def search(lang: str) -> tuple[str, int] | str:
    _check(lang)
    params = parse_search(request.args)
    now = local_now()
    query, located = asked_query(
        db.session,
        text=params.q,
        lang=lang,
        near=params.near,
        radius_km=params.radius,
        categories=params.categories,
        languages=params.languages,
        features=params.features(),
        age=params.age,
        open_at=now if params.open_now else None,
        nearest=params.order == "nearest",
        page=params.page,
        page_size=PER_PAGE,
    )
    unavailable = False
    try:
        result = search_service().search(query)
    except EngineUnavailable:
        current_app.logger.warning("search unavailable")
        result, unavailable = SearchResult(hits=[], facets={}, total=0, degraded=True), True
    pages = max(1, -(-result.total // PER_PAGE))
    found = cards(db.session, result.hits, lang, now)
    parents = sorted({needs_family(c) for c in params.categories if needs_family(c) != c})
    return render_template(
        "directory/search.html",
        lang=lang,
        params=params,
        result=result,
        cards=found,
        pages=pages,
        located=located,
        unplaced=bool(params.near) and located is None,
        unavailable=unavailable,
        families=_families(),
        radii=RADII,
        label=label,
        parents=parents,
        wider=_wider(params.radius),
        # A service's address, built once a page (twenty cards link to their service twice).
        service_base=url_for("directory.service", lang=lang, service_id="-")[:-1],
    )


def _wider(radius: float) -> float | None:
    larger = [r for r in RADII if r > radius]
    return float(larger[0]) if larger else None


@blueprint.get("/<lang>/services/<service_id>")
def service(lang: str, service_id: str) -> str | Response:
    _check(lang)
    found = find_service(db.session, service_id)
    merged_into = redirect_target(db.session, found.id if found is not None else service_id)
    if merged_into is not None:  # merged by staff into another service: its address leads there
        return redirect(url_for("directory.service", lang=lang, service_id=merged_into), 301)
    if found is None:
        abort(404)
    now = local_now()
    detail = service_detail(db.session, found, lang, now)
    notices, fresh = notices_and_freshness(db.session, [found.id], lang, now.date())
    return render_template(
        "directory/service.html",
        lang=lang,
        detail=detail,
        notices=notices.get(found.id, []),
        freshness=fresh.get(found.id),
        unresponsive=_flag_for_team(found.id),
        label=label,
        share_url=url_for("directory.service", lang=lang, service_id=found.id, _external=True),
        suggest_url=url_for("agency.suggest_edit", lang=lang, service_id=found.id),
    )


def _flag_for_team(service_id: str) -> bool:
    """Whether to tell a signed-in team member (or staff) that the service's organization stopped answering
    its verification reminders."""
    from flask_login import current_user

    from app.core.agency.verification import unresponsive_services

    if not current_user.is_authenticated:
        return False
    powers = current_user.powers
    if not (powers.teams or powers.admin):
        return False
    return service_id in unresponsive_services(db.session, [service_id])


def error_page(code: int, expired_form: bool = False) -> tuple[str, int]:
    """The error page (404, 500...) in the language of the address, else the visitor's; `expired_form`: a
    form refused for its CSRF token (missing, expired, or from another site)."""
    lang = _error_lang()
    with force_locale(lang):
        return render_template("error.html", lang=lang, code=code, expired_form=expired_form), code


def _error_lang() -> str:
    first = request.path.strip("/").split("/", 1)[0]
    return first if first in LOCALES else select_locale()
