"""An agency admin invites colleagues to keep the organization's listings, and removes them."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select

from app.agency.blueprint import blueprint, keeps_listings, organization_or_abort
from app.agency.editing import ActionForm
from app.core.accounts import audit
from app.core.accounts.users import INVITE, AccountError, add_user
from app.core.models.accounts import AGENCY, Membership
from app.web.access import requires
from app.web.extensions import db
from app.web.invitations import send_password_link
from app.web.sessions import client_address


def _may_invite(org_id: str) -> bool:
    return current_user.powers.admin or org_id in current_user.powers.administered_organizations


@blueprint.post("/<lang>/agency/org/<org_id>/people")
@requires(keeps_listings)
def invite_colleague(lang: str, org_id: str) -> ResponseReturnValue:
    organization_or_abort(lang, org_id)
    if not _may_invite(org_id):
        abort(403)
    if not ActionForm().validate_on_submit():
        abort(400)
    email = (request.form.get("email") or "").strip()
    try:
        user = add_user(
            db.session,
            email,
            AGENCY,
            organization_id=org_id,
            agency_admin=request.form.get("agency_admin") == "y",
            locale=lang,
            actor=current_user.account,
            address=client_address(),
        )
    except AccountError:
        db.session.rollback()
        flash(str(_l("Enter a valid e-mail address.")), "error")
        return redirect(url_for("agency.organization", lang=lang, org_id=org_id) + "#people")
    if not user.active:
        db.session.rollback()
        flash(str(_l("This account is disabled.")), "error")
        return redirect(url_for("agency.organization", lang=lang, org_id=org_id) + "#people")
    if user.password_hash is None:
        sent = send_password_link(
            db.session, user, INVITE, actor=current_user.account, address=client_address()
        )
        db.session.commit()
        if sent.sent:
            flash(str(_l("Invitation sent. The person chooses a password from the link in the e-mail.")))
        else:
            flash(
                str(
                    _l(
                        "No e-mail could be sent; give this link to the person yourself: %(link)s",
                        link=sent.link,
                    )
                )
            )
    else:
        db.session.commit()
        flash(str(_l("Added. This person already has a password and signs in as before.")))
    current_app.logger.info("colleague added to an organization from the portal")
    return redirect(url_for("agency.organization", lang=lang, org_id=org_id) + "#people")


@blueprint.post("/<lang>/agency/org/<org_id>/people/<int:user_id>/remove")
@requires(keeps_listings)
def remove_colleague(lang: str, org_id: str, user_id: int) -> ResponseReturnValue:
    organization_or_abort(lang, org_id)
    if not _may_invite(org_id):
        abort(403)
    if not ActionForm().validate_on_submit():
        abort(400)
    membership = db.session.scalar(
        select(Membership).where(
            Membership.user_id == user_id, Membership.organization_id == org_id, Membership.role == AGENCY
        )
    )
    if membership is None:
        abort(404)
    if user_id == current_user.id:
        flash(str(_l("You cannot remove yourself; another admin of the organization can.")), "error")
        return redirect(url_for("agency.organization", lang=lang, org_id=org_id) + "#people")
    db.session.delete(membership)
    audit.record(
        db.session,
        current_user.account,
        "user.revoke",
        "user",
        user_id,
        address=client_address(),
        detail={"scope": f"organization:{org_id}"},
    )
    # Their open sessions end at the next request: the powers they had are read from the account.
    target = membership.user
    target.auth_version += 1
    db.session.commit()
    flash(str(_l("Removed: this person no longer keeps the organization's listings.")))
    return redirect(url_for("agency.organization", lang=lang, org_id=org_id) + "#people")
