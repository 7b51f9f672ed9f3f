"""A client's suggestions and shortlist: the matcher's result for the latest need profile (reasons, warnings,
when each listing was last verified, and what a hard rule left out, with why), a search inside the page to add
any service by hand, the shortlist (pin, drop, reorder) and the favourites of the caseworker and the team."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask import abort, current_app, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.casework.blueprint import blueprint, check_lang, works_in_a_team
from app.casework.clients import load_client
from app.casework.forms import ActionForm
from app.core.casework import clients as records
from app.core.casework import shortlist as lists
from app.core.casework.clients import CaseworkError, ClientNotFound
from app.core.hours import LOCAL
from app.core.i18n import text_of
from app.core.models import Service
from app.core.models.casework import Assessment, Client
from app.core.service_ids import resolve_service_ids
from app.core.taxonomy import core_term, term_label
from app.matching.service import match_profile
from app.web.access import requires
from app.web.extensions import db
from app.web.mailer import mail_configured
from app.web.search import search_service
from app.web.sessions import client_address
from indexer.query import SearchQuery

HAND_SEARCH_RESULTS = 10
SENT = {
    "sent": _l("The list was sent to the client by e-mail."),
    "failed": _l("The e-mail could not be sent (the server refused it or did not answer): print the list."),
    "not-configured": _l("E-mail is not configured on this server: print the list or give the PDF."),
    "not-chosen": _l("The client did not choose e-mail: print the list instead."),
}
REFUSED = {
    "unknown_service": _l("This service is not in the directory."),
    "list_full": _l("The list is full: %(most)d services at most. Drop one first."),
}


@dataclass(frozen=True, slots=True)
class ListedService:
    item_id: int
    service_id: str
    name: str
    organization: str
    need: str | None
    pinned: bool
    by_hand: bool


def latest_assessment(client: Client) -> Assessment | None:
    return client.assessments[0] if client.assessments else None


def listed_services(client: Client, locale: str) -> list[ListedService]:
    items = lists.ordered(client)
    services = {
        service.id: service
        for service in db.session.scalars(
            select(Service)
            .where(Service.id.in_([item.service_id for item in items]))
            .options(selectinload(Service.organization))
        )
    }
    found = []
    for item in items:
        service = services.get(item.service_id)
        if service is None:
            continue
        found.append(
            ListedService(
                item.id,
                service.id,
                text_of(service.name, locale),
                text_of(service.organization.name, locale) if service.organization else "",
                item.need,
                item.pinned,
                item.by_hand,
            )
        )
    return found


def _match(client: Client, assessment: Assessment | None) -> dict[str, Any] | None:
    if assessment is None:
        return None
    from app.matching.profile import ProfileError  # with the matcher, loaded on first use

    profile = dict(assessment.profile)
    profile.setdefault("locale", client.preferred_language)  # reasons in the client's language
    try:
        return match_profile(
            db.session, search_service(), current_app.config["CARREFOUR_DEFAULT_LOCALE"], profile
        )
    except ProfileError:
        return None  # a profile that no longer validates (a need since removed): the page asks to edit it


def _hand_search(text: str, lang: str) -> list[Any]:
    if not text:
        return []
    query = SearchQuery(
        text=text, lang=lang, page_size=HAND_SEARCH_RESULTS, facets=False, include_remote=True
    )
    return search_service().search(query).hits


@blueprint.get("/<lang>/casework/clients/<int:client_id>/suggestions")
@requires(works_in_a_team)
def suggestions(lang: str, client_id: int) -> ResponseReturnValue:
    check_lang(lang)
    client = load_client(client_id)
    records.record_view(db.session, current_user.account, client, client_address(), what="suggestions")
    db.session.commit()
    assessment = latest_assessment(client)
    result = _match(client, assessment)
    query = (request.args.get("q") or "").strip()[:100]
    favourites = lists.favourites(db.session, current_user.id, current_user.powers.teams)
    favourite_ids = {favourite.service_id for favourite in favourites}
    listed = listed_services(client, lang)
    resolved = _resolver(result)
    fresh, unresponsive = _upkeep(resolved)
    return render_template(
        "casework/suggestions.html",
        lang=lang,
        client=client,
        assessment=assessment,
        result=result,
        query=query,
        found=_hand_search(query, lang),
        listed=listed,
        listed_ids={item.service_id for item in listed},
        favourites=_favourite_services(favourites, lang),
        favourite_ids=favourite_ids,
        need_label=lambda code: term_label("needs", code, lang) if code else "",
        resolve=resolved.get,
        freshness_of=lambda source_id: fresh.get(resolved.get(source_id, "")),
        unresponsive_of=lambda source_id: resolved.get(source_id, "") in unresponsive,
        action_form=ActionForm(),
        problem=REFUSED.get(request.args.get("problem", "")),
        sent=SENT.get(request.args.get("sent", "")),
        can_email=client.contact_preference == "email" and bool(client.contact),
        mail_ready=mail_configured(),
    )


def _resolver(result: dict[str, Any] | None) -> dict[str, str]:
    """The directory's id of every suggested (and not suggested) service (the matcher names them by their
    import id)."""
    ids = [
        s["service_id"]
        for need in (result or {}).get("needs", [])
        for s in [*need["suggestions"], *need.get("not_suggested", [])]
    ]
    return resolve_service_ids(db.session, ids)


def _upkeep(resolved: dict[str, str]) -> tuple[dict[str, str], set[str]]:
    """How fresh each listed service is ("verified 3 months ago by the agency"), and those whose organization
    stopped answering its verification reminders (flagged to caseworkers)."""
    from app.core.agency.verification import freshness, freshness_text, unresponsive_services

    ids = sorted(set(resolved.values()))
    today = datetime.now(LOCAL).date()
    fresh = {sid: freshness_text(found, today) for sid, found in freshness(db.session, ids).items()}
    return fresh, unresponsive_services(db.session, ids)


def _favourite_services(favourites: list[Any], lang: str) -> list[tuple[str, str, bool]]:
    """(service id, name, kept by the team) for each favourite, the person's own first."""
    services = {
        service.id: service
        for service in db.session.scalars(
            select(Service).where(Service.id.in_([favourite.service_id for favourite in favourites]))
        )
    }
    seen: dict[str, tuple[str, str, bool]] = {}
    for favourite in sorted(favourites, key=lambda f: f.team_id is not None):
        service = services.get(favourite.service_id)
        if service is not None and service.id not in seen:
            seen[service.id] = (service.id, text_of(service.name, lang), favourite.team_id is not None)
    return list(seen.values())


def _back(lang: str, client: Client, problem: str | None = None) -> ResponseReturnValue:
    values: dict[str, Any] = {"lang": lang, "client_id": client.id, "_anchor": "shortlist"}
    if problem:
        values["problem"] = problem
    if request.form.get("q"):
        values["q"] = request.form["q"]
    return redirect(url_for("casework.suggestions", **values), code=303)


@blueprint.post("/<lang>/casework/clients/<int:client_id>/shortlist")
@requires(works_in_a_team)
def add_to_list(lang: str, client_id: int) -> ResponseReturnValue:
    check_lang(lang)
    client = load_client(client_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    service_id = lists.resolve_service_id(db.session, request.form.get("service_id", ""))
    need = request.form.get("need") or None
    try:
        if service_id is None:
            raise CaseworkError("unknown_service", "service_id")
        lists.add_item(
            db.session,
            current_user.account,
            client,
            service_id,
            need=need if need and core_term("needs", need) else None,
            by_hand=request.form.get("by_hand") == "1",
        )
    except CaseworkError as error:
        db.session.rollback()
        return _back(lang, client, error.code)
    db.session.commit()
    return _back(lang, client)


@blueprint.post("/<lang>/casework/clients/<int:client_id>/shortlist/<int:item_id>")
@requires(works_in_a_team)
def change_list(lang: str, client_id: int, item_id: int) -> ResponseReturnValue:
    check_lang(lang)
    client = load_client(client_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    action = request.form.get("action")
    actor = current_user.account
    try:
        if action == "drop":
            lists.drop_item(db.session, actor, client, item_id)
        elif action in ("pin", "unpin"):
            lists.pin_item(db.session, actor, client, item_id, action == "pin")
        elif action in ("up", "down"):
            lists.move_item(db.session, actor, client, item_id, -1 if action == "up" else 1)
        else:
            abort(400)
    except ClientNotFound:
        abort(404)
    db.session.commit()
    return _back(lang, client)


@blueprint.post("/<lang>/casework/favourites")
@requires(works_in_a_team)
def toggle_favourite(lang: str) -> ResponseReturnValue:
    check_lang(lang)
    if not ActionForm().validate_on_submit():
        abort(400)
    service_id = lists.resolve_service_id(db.session, request.form.get("service_id", ""))
    if service_id is None:
        abort(404)
    team_id = request.form.get("team", type=int)
    if team_id is not None and not current_user.powers.works_in(team_id):
        abort(403)
    lists.toggle_favourite(db.session, current_user.account, service_id, team_id=team_id)
    db.session.commit()
    back = request.form.get("client_id", type=int)
    if back is not None:
        try:
            client = records.get_client(db.session, current_user.powers, back)
        except ClientNotFound:
            abort(404)
        return redirect(url_for("casework.suggestions", lang=lang, client_id=client.id), code=303)
    return redirect(url_for("casework.caseload", lang=lang), code=303)
