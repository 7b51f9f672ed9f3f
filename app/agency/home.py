"""The portal's home, an organization's page (its records, what waits for review, translations out of date,
its people), a record's history with revert, and confirming a translation."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select

from app.agency.blueprint import (
    MENU,
    blueprint,
    check_lang,
    keeps_listings,
    may_keep,
    organization_or_abort,
    owned_or_abort,
    record_or_abort,
)
from app.agency.editing import ActionForm, _targets, record_name
from app.agency.record_forms import LABELS
from app.core.agency.claims import claims_of
from app.core.agency.fields import RESOURCES
from app.core.agency.proposals import ProposalError, clear_stale, history, load, pending_proposals, revert
from app.core.models import HsdsMetadata, ListingProposal, Organization, StaleTranslation
from app.core.models.accounts import AGENCY, Membership, UserAccount
from app.web.access import requires, signed_in
from app.web.extensions import db
from app.web.search import follow_changes

MENU.insert(0, ("agency.organization", _l("Listings")))


@blueprint.get("/<lang>/agency/")
@requires(signed_in)
def home(lang: str) -> ResponseReturnValue:
    """Signed in without an organization yet, the page offers to claim one."""
    check_lang(lang)
    powers = current_user.powers
    organizations = [db.session.get(Organization, org_id) for org_id in sorted(powers.organizations)]
    organizations = [o for o in organizations if o is not None]
    waiting = {o.id: len(pending_proposals(db.session, [o.id])) for o in organizations}
    return render_template(
        "agency/home.html",
        lang=lang,
        organizations=organizations,
        waiting=waiting,
        claims=claims_of(db.session, current_user.account),
        claimed={
            c.organization_id: db.session.get(Organization, c.organization_id)
            for c in claims_of(db.session, current_user.account)
        },
    )


@blueprint.get("/<lang>/agency/org/<org_id>")
@requires(keeps_listings)
def organization(lang: str, org_id: str) -> ResponseReturnValue:
    found = organization_or_abort(lang, org_id)
    members = db.session.execute(
        select(UserAccount, Membership)
        .join(Membership, Membership.user_id == UserAccount.id)
        .where(Membership.organization_id == org_id, Membership.role == AGENCY)
        .order_by(UserAccount.email)
    ).all()
    stale = db.session.scalars(
        select(StaleTranslation)
        .where(StaleTranslation.organization_id == org_id)
        .order_by(StaleTranslation.since)
    ).all()
    recent = db.session.scalars(
        select(ListingProposal)
        .where(ListingProposal.organization_id == org_id)
        .order_by(ListingProposal.created_at.desc(), ListingProposal.id.desc())
        .limit(20)
    ).all()
    return render_template(
        "agency/organization.html",
        lang=lang,
        organization=found,
        targets=_targets(found),
        members=members,
        stale=stale,
        recent=recent,
        form=ActionForm(),
        record_name=record_name,
        labels=LABELS,
        may_invite=current_user.powers.admin or org_id in current_user.powers.administered_organizations,
    )


@blueprint.post("/<lang>/agency/stale/<int:flag_id>/confirm")
@requires(keeps_listings)
def confirm_translation(lang: str, flag_id: int) -> ResponseReturnValue:
    flag = owned_or_abort(lang, StaleTranslation, flag_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    organization_id = flag.organization_id
    clear_stale(db.session, flag.resource_type, flag.resource_id, flag.field, flag.locale)
    db.session.commit()
    flash(str(_l("Marked as up to date.")))
    return redirect(url_for("agency.organization", lang=lang, org_id=organization_id))


@blueprint.get("/<lang>/agency/<kind>/<record_id>/history")
@requires(keeps_listings)
def record_history(lang: str, kind: str, record_id: str) -> ResponseReturnValue:
    record, organization_id = record_or_abort(lang, kind, record_id)
    entries = history(db.session, kind, record_id)
    people = _people(entries)
    return render_template(
        "agency/history.html",
        lang=lang,
        kind=kind,
        record=record,
        organization_id=organization_id,
        entries=[(e, load(e.previous_value), load(e.replacement_value), _by(e, people)) for e in entries],
        form=ActionForm(),
        labels=LABELS,
    )


def _people(entries: list[HsdsMetadata] | Any) -> dict[int, str]:
    ids = {int(e.updated_by[5:]) for e in entries if (e.updated_by or "").startswith("user:")}
    if not ids:
        return {}
    rows = db.session.execute(
        select(UserAccount.id, UserAccount.display_name, UserAccount.email).where(UserAccount.id.in_(ids))
    )
    return {uid: name or email for uid, name, email in rows}


def _by(entry: HsdsMetadata, people: dict[int, str]) -> str:
    who = entry.updated_by or ""
    if who.startswith("user:"):
        return people.get(int(who[5:]), str(_l("a former account")))
    if who.startswith("import:"):
        return str(_l("an import"))
    if who.startswith("merge:"):
        return str(_l("a merge by staff"))
    return who or str(_l("the source's own history"))


@blueprint.post("/<lang>/agency/history/<entry_id>/revert")
@requires(keeps_listings)
def revert_change(lang: str, entry_id: str) -> ResponseReturnValue:
    check_lang(lang)
    entry = db.session.get(HsdsMetadata, entry_id)
    model = RESOURCES.get(entry.resource_type or "") if entry is not None else None
    record = db.session.get(model, entry.resource_id) if entry is not None and model is not None else None
    from app.core.agency.fields import organization_of

    if entry is None or record is None or not may_keep(organization_of(record)):
        abort(403)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        proposal = revert(db.session, entry, current_user.account, staff=current_user.powers.admin)
    except ProposalError:
        db.session.rollback()
        flash(str(_l("This change cannot be undone here: the value is already back.")), "error")
        return redirect(request.referrer or url_for("agency.home", lang=lang))
    proposal_id, published = proposal.id, proposal.status == "published"
    db.session.commit()
    if published:
        follow_changes()
        flash(str(_l("Reverted: the previous value is back.")))
    else:
        flash(str(_l("The revert waits for review: the field changed again since.")))
    return redirect(url_for("agency.proposal", lang=lang, proposal_id=proposal_id))
