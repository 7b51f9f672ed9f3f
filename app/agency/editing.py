"""Editing a record (an organization, a service, a place), the same hours for many records at once, and a
proposal's own page. Each change becomes a proposal based on what the person saw: published at once for a
trusted organization or staff, otherwise sent for review."""

from __future__ import annotations

import uuid
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm

from app.agency.blueprint import (
    MENU,
    blueprint,
    keeps_listings,
    organization_or_abort,
    owned_or_abort,
    record_or_abort,
)
from app.agency.record_forms import fields_of, read_base, read_value, shown, sign_base
from app.core.agency.fields import FIELDS, PORTAL_SOURCE, RESOURCES, field_of, read_field
from app.core.agency.proposals import (
    Edit,
    ProposalError,
    compare,
    propose,
    same,
    stale_translations,
    submit,
)
from app.core.models import ListingProposal, Location, Organization, Service
from app.core.models.agency import PUBLISHED
from app.web.access import requires
from app.web.extensions import db
from app.web.search import follow_changes
from importers.dedupe_candidates import likely_services


class ActionForm(FlaskForm):
    """A form whose fields the page reads itself (a record's fields vary by kind): the CSRF token."""


def _stale_keys(resource_type: str, resource_id: str, organization_id: str) -> set[str]:
    return {
        f"{flag.field}.{flag.locale}"
        for flag in stale_translations(db.session, organization_id)
        if flag.resource_type == resource_type and flag.resource_id == resource_id
    }


def _values(resource_type: str, record: Any) -> dict[str, Any]:
    return {
        spec.name: read_field(db.session, resource_type, record, spec.name) for spec in FIELDS[resource_type]
    }


def _edit_page(
    lang: str,
    resource_type: str,
    record: Any,
    organization_id: str,
    values: dict[str, Any],
    base: str,
    problems: dict[str, Any] | None = None,
    status: int = 200,
) -> ResponseReturnValue:
    specs = fields_of(resource_type)
    return (
        render_template(
            "agency/edit.html",
            lang=lang,
            kind=resource_type,
            record=record,
            organization=db.session.get(Organization, organization_id),
            specs=specs,
            values={spec.name: shown(spec, values.get(spec.name)) for spec in specs},
            base=base,
            form=ActionForm(),
            problems=problems or {},
            stale=_stale_keys(resource_type, record.id, organization_id),
        ),
        status,
    )


def _finish(lang: str, proposal: ListingProposal, published: bool) -> ResponseReturnValue:
    proposal_id = proposal.id
    db.session.commit()
    if published:
        follow_changes()
        flash(str(_l("Published: the directory shows it now.")))
    else:
        flash(str(_l("Sent for review: staff will publish it, and you will see it here.")))
    return redirect(url_for("agency.proposal", lang=lang, proposal_id=proposal_id))


@blueprint.route("/<lang>/agency/<kind>/<record_id>/edit", methods=["GET", "POST"])
@requires(keeps_listings)
def edit_record(lang: str, kind: str, record_id: str) -> ResponseReturnValue:
    record, organization_id = record_or_abort(lang, kind, record_id)
    current = _values(kind, record)
    if request.method == "GET":
        return _edit_page(lang, kind, record, organization_id, current, sign_base(current, record.version))
    if not ActionForm().validate_on_submit():
        abort(400)
    base_read = read_base(request.form.get("base", ""))
    if base_read is None:
        abort(400)
    base, version = base_read
    problems: dict[str, Any] = {}
    proposed = {spec.name: read_value(spec, request.form, "", problems) for spec in FIELDS[kind]}
    if problems:
        return _edit_page(lang, kind, record, organization_id, proposed, request.form["base"], problems, 400)
    edits = [
        Edit(kind, record.id, name, value, base=base.get(name), base_version=version)
        for name, value in proposed.items()
        if not same(value, base.get(name))
    ]
    if not edits:
        flash(str(_l("Nothing changed: the listing stays as it was.")))
        return redirect(url_for("agency.organization", lang=lang, org_id=organization_id))
    proposal = propose(
        db.session, organization_id, edits, author=current_user.account, title=_title(kind, record)
    )
    return _finish(
        lang, proposal, submit(db.session, proposal, current_user.account, staff=current_user.powers.admin)
    )


def _title(kind: str, record: Any) -> str:
    name = record.name or {}
    text = name.get("fr") or name.get("en") or "" if isinstance(name, dict) else ""
    return f"{kind}:{text}"[:200]


# --- the same hours for many records ----------------------------------------------------------------

MENU.insert(1, ("agency.bulk_hours", _l("Same hours for several")))


def _targets(organization: Organization) -> list[tuple[str, Any]]:
    """Every service and place of the organization, as (kind, record)."""
    services = sorted(organization.services, key=lambda s: (s.name or {}).get("fr") or "")
    places: dict[str, Location] = {loc.id: loc for loc in organization.locations}
    for service in services:
        for link in service.service_at_locations:
            places.setdefault(link.location.id, link.location)
    return [("location", loc) for loc in places.values()] + [("service", s) for s in services]


@blueprint.route("/<lang>/agency/org/<org_id>/hours", methods=["GET", "POST"])
@requires(keeps_listings)
def bulk_hours(lang: str, org_id: str) -> ResponseReturnValue:
    organization = organization_or_abort(lang, org_id)
    targets = _targets(organization)
    spec = field_of("location", "hours")
    problems: dict[str, Any] = {}
    chosen: set[str] = set()
    value: Any = []
    if request.method == "POST":
        if not ActionForm().validate_on_submit():
            abort(400)
        chosen = set(request.form.getlist("target"))
        value = read_value(spec, request.form, "", problems)
        if not chosen & {f"{kind}:{record.id}" for kind, record in targets}:
            problems["target"] = _l("Choose at least one place or service.")
        if not problems:
            edits = [
                Edit(kind, record.id, "hours", value)
                for kind, record in targets
                if f"{kind}:{record.id}" in chosen
            ]
            try:
                proposal = propose(
                    db.session, org_id, edits, author=current_user.account, title=f"hours:{len(edits)}"
                )
            except ProposalError:
                flash(str(_l("Nothing changed: these already have these hours.")))
                return redirect(url_for("agency.organization", lang=lang, org_id=org_id))
            staff = current_user.powers.admin
            return _finish(lang, proposal, submit(db.session, proposal, current_user.account, staff=staff))
    return (
        render_template(
            "agency/bulk_hours.html",
            lang=lang,
            organization=organization,
            targets=targets,
            chosen=chosen,
            spec=spec,
            value=shown(spec, value),
            form=ActionForm(),
            problems=problems,
        ),
        400 if problems else 200,
    )


# --- a proposal's page --------------------------------------------------------------------------------


def record_name(resource_type: str, resource_id: str) -> dict[str, str]:
    model = RESOURCES.get(resource_type)
    record = db.session.get(model, resource_id) if model is not None else None
    return (getattr(record, "name", None) or {}) if record is not None else {}


@blueprint.get("/<lang>/agency/proposals/<int:proposal_id>")
@requires(keeps_listings)
def proposal(lang: str, proposal_id: int) -> ResponseReturnValue:
    found = owned_or_abort(lang, ListingProposal, proposal_id)
    return render_template(
        "agency/proposal.html",
        lang=lang,
        proposal=found,
        organization=db.session.get(Organization, found.organization_id),
        views=compare(db.session, found),
        record_name=record_name,
        published=found.status == PUBLISHED,
    )


# --- a new service ------------------------------------------------------------------------------------


@blueprint.route("/<lang>/agency/org/<org_id>/services/new", methods=["GET", "POST"])
@requires(keeps_listings)
def new_service(lang: str, org_id: str) -> ResponseReturnValue:
    """A new service is checked against the directory's services first (the importers' dedupe scoring).
    It is made inactive, with a proposal to open it: published at once for a trusted organization, else
    when staff approve, so the public never sees a service nobody reviewed."""
    organization = organization_or_abort(lang, org_id)
    specs = fields_of("service", ("name", "description"))
    problems: dict[str, Any] = {}
    values: dict[str, Any] = {}
    candidates: list[Any] = []
    if request.method == "POST":
        if not ActionForm().validate_on_submit():
            abort(400)
        values = {spec.name: read_value(spec, request.form, "", problems) for spec in specs}
        if not values.get("name"):
            problems["name.fr"] = _l("Give the service a name, in French or English.")
        if not problems:
            name = values["name"].get("fr") or values["name"].get("en") or ""
            candidates = likely_services(db.session, name=name, organization_id=org_id)
            if not candidates or request.form.get("different") == "y":
                return _create_service(lang, organization, values)
    return (
        render_template(
            "agency/new_service.html",
            lang=lang,
            organization=organization,
            specs=specs,
            values={spec.name: shown(spec, values.get(spec.name)) for spec in specs},
            candidates=candidates,
            form=ActionForm(),
            problems=problems,
        ),
        400 if problems else 200,
    )


def _create_service(lang: str, organization: Organization, values: dict[str, Any]) -> ResponseReturnValue:
    service_id = str(uuid.uuid4())
    service = Service(
        id=service_id,
        data_source=PORTAL_SOURCE,
        source_id=service_id,
        organization_id=organization.id,
        name=values["name"],
        description=values.get("description") or None,
        status="inactive",
        lang=lang,
    )
    db.session.add(service)
    db.session.flush()
    proposal = propose(
        db.session,
        organization.id,
        [Edit("service", service_id, "status", "active")],
        author=current_user.account,
        title=f"new:{_title('service', service)}",
    )
    return _finish(
        lang, proposal, submit(db.session, proposal, current_user.account, staff=current_user.powers.admin)
    )
