"""The portal's upkeep pages: an organization's verification (each section confirmed in one click), the signed
link of a reminder (no sign-in: the token is the key, and it works only while its cycle is the current one),
temporary notices across several services at once, and the staff's list of organizations by verification
state (trusted, cycle). The rules live in app/core/agency/verification.py and notices.py."""

from __future__ import annotations

import logging
from datetime import date, datetime

from flask import abort, current_app, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select

from app.agency.blueprint import (
    MENU,
    blueprint,
    check_lang,
    keeps_listings,
    organization_or_abort,
    owned_or_abort,
)
from app.core.accounts.links import LinkError
from app.core.agency import notices as notice_rules
from app.core.agency import verification as upkeep
from app.core.hours import LOCAL
from app.core.i18n import text_of
from app.core.models import Organization
from app.core.models.accounts import AGENCY, Membership
from app.core.models.agency import SECTIONS, OrganizationStanding, TemporaryNotice
from app.web.access import is_admin, requires
from app.web.extensions import db

log = logging.getLogger(__name__)

SECTION_LABELS = {
    "hours": _l("Hours"),
    "eligibility": _l("Eligibility"),
    "contacts": _l("Contacts"),
}
SECTION_HINTS = {
    "hours": _l("Opening hours of every service and place"),
    "eligibility": _l("Who can use each service, ages, documents, fees, how to apply"),
    "contacts": _l("Phones, e-mails, websites, contacts and addresses"),
}
NOTICE_ERRORS = {
    "no_services": _l("Choose at least one service."),
    "unknown_service": _l("Choose services of this organization."),
    "other_organization": _l("Choose services of this organization."),
    "message_needed": _l("Write the notice in French or in English."),
    "message_too_long": _l("A notice is %(most)d characters at most in each language."),
    "dates_needed": _l("Give the first and the last day."),
    "ends_before_start": _l("The last day comes before the first."),
    "ends_in_past": _l("The last day has already passed."),
    "too_long": _l("A notice lasts a year at most."),
}
LINK_REFUSED = {
    "invalid": (
        400,
        _l("This link is not valid: it may have been cut when copied. Use the link in the e-mail."),
    ),
    "expired": (410, _l("This link has expired. Sign in to the agency portal to confirm your listings.")),
    "used": (410, _l("The listings were confirmed since this link was sent: it no longer works.")),
}
DONE = {
    "confirmed": _l("Thank you: the section is confirmed."),
    "notices": _l("The notice was added to the chosen services."),
    "ended": _l("The notice was ended."),
    "standing": _l("The organization's settings are saved."),
}

MENU.append(("agency.verification", _l("Verification")))
MENU.append(("agency.notices", _l("Temporary notices")))


class UpkeepForm(FlaskForm):
    """Only the CSRF token: the pages' fields are read and checked by the domain."""


def _today() -> date:
    return datetime.now(LOCAL).date()


def _months() -> int:
    return int(current_app.config.get("CARREFOUR_VERIFICATION_MONTHS", upkeep.DEFAULT_CYCLE_MONTHS))


def _secret() -> str:
    return str(current_app.config["SECRET_KEY"])


def _follow_in_search() -> None:
    """Bring search up to date with the freshness just written (it stays pending if an engine is down)."""
    from app.web.search import search_service
    from indexer.sync import bring_up_to_date

    try:
        bring_up_to_date(db.session, search_service().engines)
        db.session.commit()
    except Exception:
        db.session.rollback()
        log.warning("search index not updated after a verification; the changes stay pending")


def _check_form() -> None:
    if not UpkeepForm().validate_on_submit():
        abort(400)


# --- an organization's verification ------------------------------------------------------------------


@blueprint.get("/<lang>/agency/org/<org_id>/verification")
@requires(keeps_listings)
def verification(lang: str, org_id: str) -> ResponseReturnValue:
    organization = organization_or_abort(lang, org_id)
    state = upkeep.verification_state(db.session, organization.id, _today(), _months())
    return render_template(
        "agency/verification.html",
        lang=lang,
        organization=organization,
        organization_name=text_of(organization.name, lang, organization.id),
        state=state,
        sections=SECTIONS,
        section_labels=SECTION_LABELS,
        section_hints=SECTION_HINTS,
        form=UpkeepForm(),
        done=DONE.get(request.args.get("done", "")),
        current="agency.verification",
    )


@blueprint.post("/<lang>/agency/org/<org_id>/verify/<section>")
@requires(keeps_listings)
def verify_section(lang: str, org_id: str, section: str) -> ResponseReturnValue:
    organization = organization_or_abort(lang, org_id)
    if section not in SECTIONS:
        abort(404)
    _check_form()
    upkeep.confirm_section(db.session, organization.id, section, current_user.account, _today())
    db.session.commit()
    _follow_in_search()
    return redirect(url_for("agency.verification", lang=lang, org_id=organization.id, done="confirmed"), 303)


# --- the signed link of a reminder (no sign-in) --------------------------------------------------------


def _link_page(lang: str, token: str) -> ResponseReturnValue | tuple[upkeep.VerificationState, object]:
    check_lang(lang)
    try:
        return upkeep.open_link(db.session, _secret(), token, _today(), _months())
    except LinkError as error:
        status, message = LINK_REFUSED.get(error.problem, LINK_REFUSED["invalid"])
        return render_template("agency/verify_link.html", lang=lang, refused=message), status


def _render_link(lang: str, token: str, state: upkeep.VerificationState, done: str | None = None) -> str:
    organization = db.session.get(Organization, state.organization_id)
    return render_template(
        "agency/verify_link.html",
        lang=lang,
        token=token,
        state=state,
        organization_name=text_of(organization.name if organization else None, lang, state.organization_id),
        sections=SECTIONS,
        section_labels=SECTION_LABELS,
        section_hints=SECTION_HINTS,
        form=UpkeepForm(),
        done=done,
    )


@blueprint.get("/<lang>/agency/verify/<token>")
def verify_link(lang: str, token: str) -> ResponseReturnValue:
    opened = _link_page(lang, token)
    if not isinstance(opened, tuple) or not isinstance(opened[0], upkeep.VerificationState):
        return opened
    return _render_link(lang, token, opened[0])


@blueprint.post("/<lang>/agency/verify/<token>")
def verify_by_link(lang: str, token: str) -> ResponseReturnValue:
    opened = _link_page(lang, token)
    if not isinstance(opened, tuple) or not isinstance(opened[0], upkeep.VerificationState):
        return opened
    state, user = opened
    _check_form()
    section = request.form.get("section", "")
    if section not in SECTIONS:
        abort(400)
    upkeep.confirm_section(db.session, state.organization_id, section, user, _today())  # type: ignore[arg-type]
    db.session.commit()
    _follow_in_search()
    after = upkeep.verification_state(db.session, state.organization_id, _today(), _months())
    assert after is not None
    if after.cycle != state.cycle:  # every section confirmed: a new cycle, and this link is spent
        return render_template("agency/verify_link.html", lang=lang, finished=True, state=after)
    return _render_link(lang, token, after, str(DONE["confirmed"]))


# --- temporary notices ---------------------------------------------------------------------------------


def _parse_day(value: str | None) -> date | None:
    try:
        return date.fromisoformat((value or "").strip())
    except ValueError:
        return None


@blueprint.route("/<lang>/agency/org/<org_id>/notices", methods=["GET", "POST"])
@requires(keeps_listings)
def notices(lang: str, org_id: str) -> ResponseReturnValue:
    organization = organization_or_abort(lang, org_id)
    today = _today()
    services = upkeep.organization_services(db.session, organization.id)
    errors: dict[str, list[str]] = {}
    values: dict[str, object] = {
        "services": [],
        "closed": False,
        "starts_on": today.isoformat(),
        "ends_on": "",
    }
    status = 200
    if request.method == "POST":
        _check_form()
        chosen = request.form.getlist("services")
        message = {"fr": request.form.get("message_fr", ""), "en": request.form.get("message_en", "")}
        values = {
            "services": chosen,
            "closed": request.form.get("closed") == "1",
            "starts_on": request.form.get("starts_on", ""),
            "ends_on": request.form.get("ends_on", ""),
            "message_fr": message["fr"],
            "message_en": message["en"],
        }
        try:
            notice_rules.add_notices(
                db.session,
                organization.id,
                chosen,
                message=message,
                closed=bool(values["closed"]),
                starts_on=_parse_day(request.form.get("starts_on")),
                ends_on=_parse_day(request.form.get("ends_on")),
                author=current_user.account,
                today=today,
            )
        except notice_rules.NoticeError as error:
            db.session.rollback()
            for field, code in error.errors:
                shown = str(NOTICE_ERRORS[code]) % {"most": notice_rules.MESSAGE_LENGTH}
                errors.setdefault(field, []).append(shown)
            status = 400
        else:
            db.session.commit()
            return redirect(url_for("agency.notices", lang=lang, org_id=organization.id, done="notices"), 303)
    current, past = notice_rules.organization_notices(db.session, organization.id, today)
    names = {service.id: text_of(service.name, lang, service.source_id) for service in services}
    return (
        render_template(
            "agency/notices.html",
            lang=lang,
            organization=organization,
            organization_name=text_of(organization.name, lang, organization.id),
            services=[(service.id, names[service.id]) for service in services],
            names=names,
            current_notices=current,
            past_notices=past,
            today=today,
            errors=errors,
            values=values,
            most=notice_rules.MESSAGE_LENGTH,
            form=UpkeepForm(),
            done=DONE.get(request.args.get("done", "")),
            current="agency.notices",
        ),
        status,
    )


@blueprint.post("/<lang>/agency/notices/<int:notice_id>/end")
@requires(keeps_listings)
def end_notice(lang: str, notice_id: int) -> ResponseReturnValue:
    notice = owned_or_abort(lang, TemporaryNotice, notice_id)
    _check_form()
    notice_rules.end_notice(db.session, notice, _today())
    db.session.commit()
    return redirect(url_for("agency.notices", lang=lang, org_id=notice.organization_id, done="ended"), 303)


# --- staff: organizations by verification state ----------------------------------------------------------


def _followed_organizations() -> list[str]:
    """Organizations someone keeps (agency members) or staff set something for."""
    members = db.session.scalars(
        select(Membership.organization_id).where(
            Membership.role == AGENCY, Membership.organization_id.is_not(None)
        )
    )
    standing = db.session.scalars(select(OrganizationStanding.organization_id))
    return sorted({str(oid) for oid in members} | set(standing))


@blueprint.get("/<lang>/review/organizations")
@requires(is_admin)
def staff_organizations(lang: str) -> ResponseReturnValue:
    check_lang(lang)
    ids = _followed_organizations()
    states = upkeep.verification_states(db.session, ids, _today(), _months())
    names = {
        oid: text_of(name, lang, oid)
        for oid, name in db.session.execute(
            select(Organization.id, Organization.name).where(Organization.id.in_(ids))
        )
    }
    ordered = sorted(
        states.values(),
        key=lambda s: (
            not s.unresponsive,
            not s.overdue,
            not s.due_soon,
            s.due_on,
            names.get(s.organization_id, ""),
        ),
    )
    return render_template(
        "agency/staff_organizations.html",
        lang=lang,
        states=ordered,
        names=names,
        section_labels=SECTION_LABELS,
        default_months=_months(),
        low=upkeep.CYCLE_MONTHS_RANGE[0],
        high=upkeep.CYCLE_MONTHS_RANGE[1],
        form=UpkeepForm(),
        done=DONE.get(request.args.get("done", "")),
        problem=_l(
            "The cycle is a number of months from %(low)d to %(high)d.",
            low=upkeep.CYCLE_MONTHS_RANGE[0],
            high=upkeep.CYCLE_MONTHS_RANGE[1],
        )
        if request.args.get("problem") == "bad_cycle"
        else None,
    )


@blueprint.post("/<lang>/review/organizations/<org_id>")
@requires(is_admin)
def set_organization_standing(lang: str, org_id: str) -> ResponseReturnValue:
    check_lang(lang)
    if db.session.get(Organization, org_id) is None:
        abort(404)
    _check_form()
    raw = (request.form.get("cycle_months") or "").strip()
    try:
        months = int(raw) if raw else None
        upkeep.set_standing(
            db.session, org_id, trusted=request.form.get("trusted") == "1", cycle_months=months
        )
    except (ValueError, upkeep.VerificationError):
        db.session.rollback()
        return redirect(url_for("agency.staff_organizations", lang=lang, problem="bad_cycle"), 303)
    db.session.commit()
    return redirect(url_for("agency.staff_organizations", lang=lang, done="standing"), 303)
