"""Claiming an organization: find it (the likely duplicates of a name typed show first, so nobody lists an
organization twice), then claim it. Signed in, the claim is decided at once (approved by the e-mail's domain,
else queued for staff); without an account, the person gives an e-mail and name, gets an invitation link, and
the claim is decided when the link proves the e-mail."""

from __future__ import annotations

from contextlib import suppress

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from app.agency.blueprint import blueprint, check_lang
from app.agency.editing import ActionForm
from app.core.accounts.users import AccountError, find_user, normalized_email
from app.core.agency.claims import ClaimError, find_organizations, make_claim
from app.core.models import Organization
from app.core.models.accounts import UserAccount
from app.core.models.agency import CLAIM_APPROVED
from app.web.extensions import db, limiter
from app.web.invitations import send_password_link
from app.web.sessions import client_address
from importers.dedupe_candidates import likely_organizations

CLAIM_LIMIT = "5 per hour"
APPROVED_TEXT = _l(
    "Approved: your e-mail is at the organization's own domain. Its listings are yours to keep."
)
QUEUED_TEXT = _l(
    "Your claim waits for staff, who check that you work there; this page shows when it is decided."
)


@blueprint.route("/<lang>/agency/claim", methods=["GET", "POST"])
@limiter.limit(CLAIM_LIMIT, methods=["POST"])
def claim(lang: str) -> ResponseReturnValue:
    check_lang(lang)
    query = (request.values.get("q") or "").strip()[:200]
    chosen_id = request.values.get("organization") or ""
    chosen = db.session.get(Organization, chosen_id) if chosen_id else None
    found = find_organizations(db.session, query) if query and chosen is None else []
    # The one chosen may be listed twice: staff see it in the queue, the person sees it here.
    twins = (
        likely_organizations(
            db.session,
            name=chosen.name.get("fr") or chosen.name.get("en") or "",
            website=chosen.website,
            email=chosen.email,
            exclude=chosen.id,
        )
        if chosen is not None
        else []
    )
    problems: dict[str, object] = {}
    form = ActionForm()
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        if chosen is None:
            abort(400)
        message = (request.form.get("message") or "").strip()[:2000]
        if current_user.is_authenticated:
            return _claim_signed_in(lang, chosen, message)
        email = (request.form.get("email") or "").strip()
        name = (request.form.get("name") or "").strip()[:200]
        try:
            normalized_email(email)
        except AccountError:
            problems["email"] = _l("Enter a valid e-mail address.")
        if not name:
            problems["name"] = _l("Enter your name.")
        if not problems:
            return _claim_by_email(lang, chosen, email, name, message)
    return (
        render_template(
            "agency/claim.html",
            lang=lang,
            query=query,
            found=found,
            candidates=twins,
            chosen=chosen,
            form=form,
            problems=problems,
            values=request.form,
        ),
        400 if problems else 200,
    )


def _claim_signed_in(lang: str, organization: Organization, message: str) -> ResponseReturnValue:
    try:
        found = make_claim(
            db.session,
            current_user.account,
            organization,
            message,
            email_proven=True,
            address=client_address(),
        )
    except ClaimError:
        flash(str(_l("You already keep this organization's listings.")))
        return redirect(url_for("agency.organization", lang=lang, org_id=organization.id))
    db.session.commit()
    if found.status == CLAIM_APPROVED:
        flash(str(APPROVED_TEXT))
        return redirect(url_for("agency.organization", lang=lang, org_id=organization.id))
    flash(str(QUEUED_TEXT))
    return redirect(url_for("agency.home", lang=lang))


def _claim_by_email(
    lang: str, organization: Organization, email: str, name: str, message: str
) -> ResponseReturnValue:
    user = find_user(db.session, email)
    if user is None:
        user = UserAccount(email=normalized_email(email), display_name=name, locale=lang)
        db.session.add(user)
        db.session.flush()
    if user.active and user.password_hash is None:
        with suppress(ClaimError):
            make_claim(db.session, user, organization, message, email_proven=False, address=client_address())
        send_password_link(db.session, user, "invite", address=client_address())
    # The same answer whether or not the address has an account: the page tells nobody who is registered.
    db.session.commit()
    return render_template("agency/claim_sent.html", lang=lang, organization=organization)
