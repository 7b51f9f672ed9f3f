"""Staff's review queue: proposed changes (agencies', the public's suggestions, imports' conflicts), claims.
A proposal is shown field by field with what it was based on, what the record holds now and what is
proposed; staff approve it, reject it with a reason, or edit the proposed values and approve."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from app.agency.blueprint import blueprint, check_lang
from app.agency.claim_mail import tell_claimant
from app.agency.editing import ActionForm, record_name
from app.agency.record_forms import read_value, shown
from app.core.agency.claims import ClaimError, approve_claim, queued_claims, reject_claim
from app.core.agency.fields import field_of
from app.core.agency.proposals import (
    ProposalError,
    compare,
    pending_proposals,
    publish,
    reject,
    stale_translations,
)
from app.core.models import ListingProposal, Organization, OrganizationClaim
from app.core.models.accounts import UserAccount
from app.web.access import is_admin, requires
from app.web.extensions import db
from app.web.search import follow_changes


@blueprint.get("/<lang>/review/")
@requires(is_admin)
def review_queue(lang: str) -> ResponseReturnValue:
    check_lang(lang)
    proposals = pending_proposals(db.session)
    organizations = {p.organization_id for p in proposals}
    claims = queued_claims(db.session)
    organizations |= {c.organization_id for c in claims}
    names = {org_id: db.session.get(Organization, org_id) for org_id in organizations}
    return render_template(
        "agency/review_queue.html",
        lang=lang,
        rows=[
            (
                p,
                any(v.conflict for v in compare(db.session, p)),
                len(stale_translations(db.session, p.organization_id)),
            )
            for p in proposals
        ],
        claims=[(c, db.session.get(UserAccount, c.user_id)) for c in claims],
        organizations=names,
        form=ActionForm(),
    )


def _proposal_or_404(proposal_id: int) -> ListingProposal:
    found = db.session.get(ListingProposal, proposal_id)
    if found is None:
        abort(404)
    return found


@blueprint.get("/<lang>/review/proposals/<int:proposal_id>")
@requires(is_admin)
def review_proposal(lang: str, proposal_id: int) -> ResponseReturnValue:
    check_lang(lang)
    return _review_page(lang, _proposal_or_404(proposal_id))


def _review_page(
    lang: str, proposal: ListingProposal, problems: dict[str, Any] | None = None, status: int = 200
) -> ResponseReturnValue:
    views = compare(db.session, proposal)
    author = db.session.get(UserAccount, proposal.author_id) if proposal.author_id else None
    return (
        render_template(
            "agency/review_proposal.html",
            lang=lang,
            proposal=proposal,
            author=author,
            organization=db.session.get(Organization, proposal.organization_id),
            views=views,
            specs={v.change.id: field_of(v.change.resource_type, v.change.field) for v in views},
            editable={
                v.change.id: shown(field_of(v.change.resource_type, v.change.field), v.change.proposed_value)
                for v in views
            },
            record_name=record_name,
            stale=[
                flag
                for flag in stale_translations(db.session, proposal.organization_id)
                if any(flag.resource_id == v.change.resource_id for v in views)
            ],
            form=ActionForm(),
            problems=problems or {},
        ),
        status,
    )


@blueprint.post("/<lang>/review/proposals/<int:proposal_id>/approve")
@requires(is_admin)
def approve_proposal(lang: str, proposal_id: int) -> ResponseReturnValue:
    check_lang(lang)
    proposal = _proposal_or_404(proposal_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    overrides: dict[int, Any] = {}
    problems: dict[str, Any] = {}
    if request.form.get("edited") == "y":
        for change in proposal.changes:
            spec = field_of(change.resource_type, change.field)
            overrides[change.id] = read_value(spec, request.form, f"c{change.id}.", problems)
    if problems:
        return _review_page(lang, proposal, problems, 400)
    try:
        publish(db.session, proposal, current_user.account, overrides or None)
    except ProposalError:
        db.session.rollback()
        flash(str(_l("This proposal was already decided.")), "error")
        return redirect(url_for("agency.review_queue", lang=lang))
    db.session.commit()
    follow_changes()
    flash(str(_l("Approved and published.")))
    return redirect(url_for("agency.review_queue", lang=lang))


@blueprint.post("/<lang>/review/proposals/<int:proposal_id>/reject")
@requires(is_admin)
def reject_proposal(lang: str, proposal_id: int) -> ResponseReturnValue:
    check_lang(lang)
    proposal = _proposal_or_404(proposal_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        reject(db.session, proposal, current_user.account, request.form.get("reason") or "")
    except ProposalError as error:
        db.session.rollback()
        if error.code == "reason_needed":
            return _review_page(lang, proposal, {"reason": _l("Say why, for the agency.")}, 400)
        flash(str(_l("This proposal was already decided.")), "error")
        return redirect(url_for("agency.review_queue", lang=lang))
    db.session.commit()
    flash(str(_l("Rejected; the agency sees your reason.")))
    return redirect(url_for("agency.review_queue", lang=lang))


@blueprint.post("/<lang>/review/claims/<int:claim_id>/<decision>")
@requires(is_admin)
def decide_claim(lang: str, claim_id: int, decision: str) -> ResponseReturnValue:
    check_lang(lang)
    found = db.session.get(OrganizationClaim, claim_id)
    if found is None or decision not in ("approve", "reject"):
        abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        if decision == "approve":
            approve_claim(db.session, found, current_user.account)
        else:
            reject_claim(db.session, found, current_user.account, request.form.get("reason") or "")
    except ClaimError as error:
        db.session.rollback()
        message = (
            _l("Say why, for the person.")
            if error.code == "reason_needed"
            else _l("This claim was already decided.")
        )
        flash(str(message), "error")
        return redirect(url_for("agency.review_queue", lang=lang))
    db.session.commit()
    tell_claimant(found)
    flash(str(_l("Claim approved.") if decision == "approve" else _l("Claim rejected.")))
    return redirect(url_for("agency.review_queue", lang=lang))
