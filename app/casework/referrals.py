"""Referring a client from their list, with consent recorded; the referral's page (its events, its consent,
withdrawal); the team's referrals, what is due and what waits on the agency. Thin over app/core/referrals."""

from __future__ import annotations

from datetime import date, datetime

from flask import abort, current_app, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select

from app.casework.blueprint import MENU, blueprint, check_lang, works_in_a_team
from app.casework.clients import load_client
from app.casework.forms import ActionForm
from app.casework.referral_mail import send_notice
from app.core.casework.clients import record_view
from app.core.hours import LOCAL
from app.core.i18n import text_of
from app.core.models import Organization, Service
from app.core.models.referrals import CONSENT_FACTS, Referral
from app.core.referrals.consent import (
    CURRENT_WORDING,
    DEFAULT_DAYS,
    FACT_LABELS,
    METHOD_LABELS,
    WORDING,
    ConsentError,
    check_terms,
)
from app.core.referrals.referrals import ReferralError, create_referral, withdraw_consent
from app.core.referrals.status import ENDED, OUTCOMES, STATUSES
from app.web.access import requires
from app.web.extensions import db
from app.web.sessions import client_address

MENU.append(("casework.referrals", _l("Referrals")))

PROBLEMS = {
    "unknown_fact": _l("Choose among the facts listed."),
    "method_needed": _l("Say how the person gave their consent."),
    "bad_term": _l("The consent ends after today and within a year."),
    "unknown_service": _l("This service is not in the directory."),
    "no_recipient": _l("This service has no e-mail to send the referral to: call them instead."),
    "note_too_long": _l("The note is too long."),
}


def _now() -> datetime:
    return datetime.now(LOCAL)


def _service(service_id: str) -> tuple[Service, str]:
    service = db.session.get(Service, service_id)
    if service is None:
        abort(404)
    organization = db.session.get(Organization, service.organization_id)
    return service, text_of(organization.name, "fr") if organization else ""


def _consent_page(
    lang: str, client_id: int, service_id: str, problem: str | None = None, status: int = 200
) -> ResponseReturnValue:
    client = load_client(client_id)
    service, organization = _service(service_id)
    locale = client.preferred_language if client.preferred_language in ("fr", "en") else "fr"
    until = date.fromordinal(_now().date().toordinal() + DEFAULT_DAYS)
    with force_locale(locale):  # the person reads the wording in their language
        wording = str(WORDING[CURRENT_WORDING] % {"organization": organization, "until": until.isoformat()})
        facts = [(fact, str(FACT_LABELS[fact])) for fact in CONSENT_FACTS]
    return (
        render_template(
            "casework/refer.html",
            lang=lang,
            client=client,
            service_id=service.id,
            service_name=text_of(service.name, lang),
            wording=wording,
            wording_lang=locale,
            facts=facts,
            methods=METHOD_LABELS,
            until=until,
            form=ActionForm(),
            problem=problem,
        ),
        status,
    )


@blueprint.get("/<lang>/casework/clients/<int:client_id>/refer/<service_id>")
@requires(works_in_a_team)
def refer(lang: str, client_id: int, service_id: str) -> ResponseReturnValue:
    check_lang(lang)
    return _consent_page(lang, client_id, service_id)


@blueprint.post("/<lang>/casework/clients/<int:client_id>/refer/<service_id>")
@requires(works_in_a_team)
def send_referral(lang: str, client_id: int, service_id: str) -> ResponseReturnValue:
    check_lang(lang)
    client = load_client(client_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        until = date.fromisoformat(request.form["valid_until"]) if request.form.get("valid_until") else None
    except ValueError:
        return _consent_page(lang, client_id, service_id, str(PROBLEMS["bad_term"]), 400)
    try:
        terms = check_terms(
            request.form.getlist("facts"), until, request.form.get("method", ""), _now().date()
        )
        referral = create_referral(
            db.session,
            current_user.account,
            client,
            service_id,
            terms,
            now=_now(),
            need=request.form.get("need") or None,
            note=request.form.get("note"),
            response_days=int(current_app.config["CARREFOUR_REFERRAL_RESPONSE_DAYS"]),
        )
        db.session.commit()
    except (ConsentError, ReferralError) as error:
        db.session.rollback()
        return _consent_page(lang, client_id, service_id, str(PROBLEMS[error.code]), 400)
    first = next(notice for notice in referral.notices if notice.kind == "referral")
    first.attempts += 1
    if send_notice(first, _now().date()):  # at once when e-mail works; else `carrefour notify` tries again
        first.sent_at = _now().replace(tzinfo=None)
    db.session.commit()
    return redirect(url_for("casework.referral", lang=lang, referral_id=referral.id), code=303)


def _referral(referral_id: int) -> Referral:
    referral = db.session.get(Referral, referral_id)
    if referral is None or not current_user.powers.works_in(referral.team_id):
        abort(404)
    return referral


@blueprint.get("/<lang>/casework/referrals/<int:referral_id>")
@requires(works_in_a_team)
def referral(lang: str, referral_id: int) -> ResponseReturnValue:
    check_lang(lang)
    found = _referral(referral_id)
    client = load_client(found.client_id) if found.client_id is not None else None  # None: file deleted
    if client is not None:
        record_view(db.session, current_user.account, client, client_address(), what="referral")
        db.session.commit()
    service, _organization = _service(found.service_id)
    return render_template(
        "casework/referral.html",
        lang=lang,
        referral=found,
        client=client,
        service_name=text_of(service.name, lang),
        statuses=STATUSES,
        outcomes=OUTCOMES,
        facts=FACT_LABELS,
        methods=METHOD_LABELS,
        form=ActionForm(),
    )


@blueprint.post("/<lang>/casework/referrals/<int:referral_id>/withdraw")
@requires(works_in_a_team)
def withdraw(lang: str, referral_id: int) -> ResponseReturnValue:
    check_lang(lang)
    found = _referral(referral_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    withdraw_consent(db.session, current_user.account, found, now=_now())
    db.session.commit()
    return redirect(url_for("casework.referral", lang=lang, referral_id=found.id), code=303)


@blueprint.get("/<lang>/casework/referrals")
@requires(works_in_a_team)
def referrals(lang: str) -> ResponseReturnValue:
    check_lang(lang)
    now = _now().replace(tzinfo=None)
    found = db.session.scalars(
        select(Referral)
        .where(Referral.team_id.in_(current_user.powers.teams), Referral.status.not_in(ENDED))
        .order_by(Referral.respond_by)
    ).all()
    rows = []
    for item in found:
        waiting = item.first_answer_at is None
        state = "overdue" if waiting and item.respond_by < now else "waiting" if waiting else "answered"
        days = (now - item.created_at).days
        follow_up = item.follow_up_on is not None and item.follow_up_on <= now.date()
        rows.append((item, state, days, follow_up))
    return render_template("casework/referrals.html", lang=lang, rows=rows, statuses=STATUSES)
