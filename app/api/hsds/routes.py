"""`/api/hsds`: the directory as an Open Referral HSDS 3.0 API (read-only JSON), views thin over
`selection` (which ids) and `importers.hsds3.records` (their HSDS objects).

Each answer says its language (`Content-Language`), links to the other one (`Link: rel=alternate`), carries
an `ETag` (a digest of the body: the French and English forms differ) and, for records, `Last-Modified`;
a conditional request that matches answers 304. Every error is JSON (app/api/errors.py).
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from itertools import islice
from typing import Any

import orjson
from flask import Blueprint, Response, current_app, redirect, request, stream_with_context, url_for
from flask_babel import gettext as _
from werkzeug.exceptions import NotFound

from app.api.errors import errors_response
from app.api.hsds import openapi as spec
from app.api.hsds import selection
from app.api.hsds.params import (
    BadParameter,
    Paging,
    check_known,
    flag,
    metres,
    moment,
    output_format,
    paging,
    text,
)
from app.api.hsds.profile import PROFILE
from app.api.hsds.rate_limit import api_limit, client_key
from app.core.i18n import LOCALES
from app.core.models import IdRedirect, Organization, ServiceAtLocation
from app.core.models.taxonomy import Taxonomy, TaxonomyTerm
from app.data import compiled_schema, hsds_schema
from app.web.extensions import db, limiter
from app.web.search import search_service
from importers.hsds3 import records
from importers.hsds3.values import format_datetime
from indexer.engines.base import EngineUnavailable

blueprint = Blueprint("hsds", __name__, url_prefix="/api/hsds")
limiter.limit(api_limit, key_func=client_key)(blueprint)

HSDS_VERSION = "3.0"
NDJSON_BATCH = 200
_LIST_PARAMS = {"page", "per_page", "format", "lang", "search"}
_SERVICE_FILTERS = {"taxonomy_term_id", "taxonomy_id", "organization_id", "modified_after"}


@blueprint.errorhandler(BadParameter)
def _bad_parameter(error: BadParameter) -> Response:
    return errors_response([{"field": error.name, "message": error.message}], 400)


@blueprint.errorhandler(EngineUnavailable)
def _engine_down(error: EngineUnavailable) -> Response:
    current_app.logger.warning("hsds api: search unavailable")
    return errors_response(
        [{"field": "search", "message": _("search is unavailable for now; try again later")}], 503
    )


# --- language and answers -----------------------------------------------------------------------------------


def _language() -> str:
    asked = request.args.get("lang")
    if asked is not None:
        if asked not in LOCALES:
            raise BadParameter("lang", _("must be fr or en"))
        return asked
    return request.accept_languages.best_match(LOCALES) or str(current_app.config["CARREFOUR_DEFAULT_LOCALE"])


def _json(document: Any, lang: str, modified: datetime | None = None) -> Response:
    body = orjson.dumps(document)
    response = Response(body, mimetype="application/json")
    response.headers["Content-Language"] = lang
    response.set_etag(hashlib.sha256(body).hexdigest()[:32])
    if modified is not None:
        response.last_modified = modified
    response.cache_control.public = True
    response.cache_control.max_age = 60
    _describe(response, lang)
    return response.make_conditional(request)


def _describe(response: Response, lang: str) -> None:
    if "lang" not in request.args:
        response.vary.add("Accept-Language")
    links = [f'<{url_for("hsds.profile", _external=True)}>; rel="profile"']
    for other in LOCALES:
        if other != lang:
            args = {**request.args.to_dict(), **(request.view_args or {}), "lang": other}
            address = url_for(request.endpoint or "hsds.root", **args, _external=True)
            links.append(f'<{address}>; rel="alternate"; hreflang="{other}"')
    response.headers["Link"] = ", ".join(links)


def _page(
    contents: list[dict[str, Any]], total: int, paged: Paging, lang: str, modified: datetime | None
) -> Response:
    pages = math.ceil(total / paged.per_page) if total else 0
    document = {
        "total_items": total,
        "total_pages": pages,
        "page_number": paged.page,
        "size": len(contents),
        "first_page": paged.page == 1,
        "last_page": paged.page >= pages,
        "empty": not contents,
        "contents": contents,
    }
    return _json(document, lang, modified)


def _stream(
    ids: Iterator[str] | Sequence[str], build: Callable[[list[str]], list[dict[str, Any]]], lang: str
) -> Response:
    """format=ndjson: every result, one JSON object a line, built in batches as they are sent."""
    iterator = iter(ids)

    def lines() -> Iterator[bytes]:
        while batch := list(islice(iterator, NDJSON_BATCH)):
            for item in build(batch):
                yield orjson.dumps(item) + b"\n"

    response = Response(stream_with_context(lines()), mimetype="application/x-ndjson")
    response.headers["Content-Language"] = lang
    _describe(response, lang)
    return response


def _listed(
    choose: Callable[[int, int], selection.Selection],
    build: Callable[[list[str]], list[dict[str, Any]]],
    lang: str,
    modified: Callable[[list[str]], datetime | None] = lambda ids: None,
) -> Response:
    """A list in pages, or every item streamed with format=ndjson; `choose(offset, size)` picks the ids."""
    paged = paging(request.args)
    if output_format(request.args) == "ndjson":
        return _stream(choose(0, selection.EVERYTHING).ids, build, lang)
    chosen = choose(paged.offset, paged.per_page)
    return _page(build(chosen.ids), chosen.total, paged, lang, modified(chosen.ids))


def _not_found(message: str) -> Response:
    return errors_response([{"field": "id", "message": message}], 404)


def _moved(kind: str, record_id: str, endpoint: str) -> Response | None:
    """A record merged into another answers a permanent redirect to the kept one."""
    moved = db.session.get(IdRedirect, record_id)
    if moved is None or moved.kind != kind:
        return None
    return redirect(url_for(endpoint, record_id=moved.new_id, **request.args.to_dict()), 301)  # type: ignore[return-value]


def _latest(times: Sequence[datetime | None]) -> datetime | None:
    known = [t for t in times if t is not None]
    return max(known) if known else None


# --- the API's description ----------------------------------------------------------------------------------


@blueprint.get("/")
def root() -> Response:
    check_known(request.args, {"lang"})
    lang = _language()
    return _json(
        {
            "version": HSDS_VERSION,
            "profile": url_for("hsds.profile", _external=True),
            "openapi_url": url_for("hsds.openapi_document", _external=True),
        },
        lang,
    )


@blueprint.get("/openapi.json")
def openapi_document() -> Response:
    check_known(request.args, {"lang"})
    return _json(spec.openapi_document(url_for("hsds.root", _external=True)), _language())


@blueprint.get("/profile")
def profile() -> Response:
    check_known(request.args, {"lang"})
    return _json(PROFILE, _language())


@blueprint.get("/schema/<name>.json")
def table_schema(name: str) -> Response:
    if name not in spec.table_schema_names():
        raise NotFound()
    return _json(hsds_schema(name), _language())


@blueprint.get("/schema/compiled/<name>.json")
def compiled(name: str) -> Response:
    if name not in spec.compiled_schema_names():
        raise NotFound()
    return _json(compiled_schema(name), _language())


# --- services -----------------------------------------------------------------------------------------------


def _service_filters(lang: str) -> selection.Filters:
    return selection.Filters(
        lang=lang,
        search=text(request.args, "search"),
        taxonomy_term_id=text(request.args, "taxonomy_term_id"),
        taxonomy_id=text(request.args, "taxonomy_id"),
        organization_id=text(request.args, "organization_id"),
        modified_after=moment(request.args, "modified_after"),
    )


def _dated_services(ids: list[str], lang: str, shape: str) -> tuple[list[dict[str, Any]], datetime | None]:
    """The services, each `last_modified` the last change to it or anything about it, and the latest."""
    found = records.services(db.session, ids, lang, shape)
    times = selection.modified_times(db.session, ids)
    for item in found:
        if item["id"] in times:
            item["last_modified"] = format_datetime(times[item["id"]])
    return found, _latest(list(times.values()))


@blueprint.get("/services")
def services() -> Response:
    check_known(request.args, _LIST_PARAMS | _SERVICE_FILTERS | {"minimal", "full"})
    lang = _language()
    minimal, full = flag(request.args, "minimal"), flag(request.args, "full")
    shape = "minimal" if minimal else "full" if full else "list"
    filters = _service_filters(lang)
    paged = paging(request.args, minimal=minimal)  # checked even where ndjson ignores it: no silent typo
    if output_format(request.args) == "ndjson":
        ids = selection.all_service_ids(db.session, search_service(), filters)
        return _stream(ids, lambda batch: _dated_services(batch, lang, shape)[0], lang)
    chosen = selection.services(db.session, search_service(), filters, paged.offset, paged.per_page)
    contents, latest = _dated_services(chosen.ids, lang, shape)
    return _page(contents, chosen.total, paged, lang, latest)


@blueprint.get("/services/<record_id>")
def service(record_id: str) -> Response:
    check_known(request.args, {"lang"})
    lang = _language()
    found, latest = _dated_services([record_id], lang, "full")
    if not found or record_id in selection.draft_ids(db.session):
        return _moved("service", record_id, "hsds.service") or _not_found(_("no service has this id"))
    return _json(found[0], lang, latest)


# --- services at locations ----------------------------------------------------------------------------------


@blueprint.get("/service_at_locations")
def service_at_locations() -> Response:
    check_known(request.args, _LIST_PARAMS | _SERVICE_FILTERS | {"full", "postcode", "proximity"})
    lang = _language()
    shape = "full" if flag(request.args, "full") else "list"
    filters = _service_filters(lang)
    filters.postcode = text(request.args, "postcode")
    filters.proximity_m = metres(request.args, "proximity")
    if filters.proximity_m is not None and not filters.postcode:
        raise BadParameter("proximity", _("needs a postcode to measure from"))

    def choose(offset: int, size: int) -> selection.Selection:
        try:
            return selection.service_at_locations(db.session, search_service(), filters, offset, size)
        except selection.Unplaced:
            raise BadParameter("postcode", _("this postcode cannot be placed on the map")) from None

    def build(ids: list[str]) -> list[dict[str, Any]]:
        return records.service_at_locations(db.session, ids, lang, shape)

    return _listed(choose, build, lang, _sal_time)


def _sal_time(ids: Sequence[str]) -> datetime | None:
    if not ids:
        return None
    rows = db.session.execute(
        db.select(ServiceAtLocation.service_id, ServiceAtLocation.updated_at).where(
            ServiceAtLocation.id.in_(ids)
        )
    ).all()
    times = selection.modified_times(db.session, [r[0] for r in rows])
    return _latest([*(r[1] for r in rows), *times.values()])


@blueprint.get("/service_at_locations/<record_id>")
def service_at_location(record_id: str) -> Response:
    check_known(request.args, {"lang"})
    lang = _language()
    found = records.service_at_locations(db.session, [record_id], lang, "full")
    sal = db.session.get(ServiceAtLocation, record_id)
    if not found or sal is None or sal.service_id in selection.draft_ids(db.session):
        return _not_found(_("no service at a location has this id"))
    return _json(found[0], lang, _sal_time([record_id]))


# --- organizations ------------------------------------------------------------------------------------------


@blueprint.get("/organizations")
def organizations() -> Response:
    check_known(request.args, _LIST_PARAMS | {"full", "full_service"})
    lang = _language()
    full_service, full = flag(request.args, "full_service"), flag(request.args, "full")  # both checked
    shape = "full_service" if full_service else "full" if full else "list"
    filters = selection.Filters(lang=lang, search=text(request.args, "search"))

    def build(ids: list[str]) -> list[dict[str, Any]]:
        return records.organizations(db.session, ids, lang, shape)

    return _listed(
        lambda offset, size: selection.organizations(db.session, search_service(), filters, offset, size),
        build,
        lang,
        _organization_time,
    )


def _organization_time(ids: Sequence[str]) -> datetime | None:
    if not ids:
        return None
    return db.session.scalar(db.select(db.func.max(Organization.updated_at)).where(Organization.id.in_(ids)))


@blueprint.get("/organizations/<record_id>")
def organization(record_id: str) -> Response:
    check_known(request.args, {"lang", "full_service"})
    lang = _language()
    shape = "full_service" if flag(request.args, "full_service") else "full"
    found = records.organizations(db.session, [record_id], lang, shape)
    if not found:
        return _moved("organization", record_id, "hsds.organization") or _not_found(
            _("no organization has this id")
        )
    return _json(found[0], lang, _organization_time([record_id]))


# --- taxonomies ---------------------------------------------------------------------------------------------


@blueprint.get("/taxonomies")
def taxonomies() -> Response:
    check_known(request.args, _LIST_PARAMS)
    lang = _language()
    filters = selection.Filters(lang=lang, search=text(request.args, "search"))
    return _listed(
        lambda offset, size: selection.taxonomies(db.session, filters, offset, size),
        lambda ids: records.taxonomies(db.session, ids, lang),
        lang,
    )


@blueprint.get("/taxonomies/<record_id>")
def taxonomy(record_id: str) -> Response:
    check_known(request.args, {"lang"})
    lang = _language()
    found = records.taxonomies(db.session, [record_id], lang) if db.session.get(Taxonomy, record_id) else []
    if not found:
        return _not_found(_("no taxonomy has this id"))
    return _json(found[0], lang)


@blueprint.get("/taxonomy_terms")
def taxonomy_terms() -> Response:
    check_known(request.args, _LIST_PARAMS | {"taxonomy_id", "top_only", "parent_id"})
    lang = _language()
    filters = selection.Filters(
        lang=lang,
        search=text(request.args, "search"),
        taxonomy_id=text(request.args, "taxonomy_id"),
        top_only=flag(request.args, "top_only"),
        parent_id=text(request.args, "parent_id"),
    )
    return _listed(
        lambda offset, size: selection.taxonomy_terms(db.session, filters, offset, size),
        lambda ids: records.taxonomy_terms(db.session, ids, lang),
        lang,
    )


@blueprint.get("/taxonomy_terms/<record_id>")
def taxonomy_term(record_id: str) -> Response:
    check_known(request.args, {"lang"})
    lang = _language()
    found = (
        records.taxonomy_terms(db.session, [record_id], lang)
        if db.session.get(TaxonomyTerm, record_id)
        else []
    )
    if not found:
        return _not_found(_("no taxonomy term has this id"))
    return _json(found[0], lang)
