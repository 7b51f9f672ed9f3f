"""`GET /api/v1/referrals/<id>`: a referral as a FHIR R4 Task, for systems that poll, to signed-in members of
the team that made it only (401 without a session, 403 for another role, 404 for another team's)."""

from __future__ import annotations

from flask import abort, jsonify
from flask_login import current_user
from werkzeug.wrappers import Response

from app.api.routes import blueprint
from app.core.i18n import text_of
from app.core.models import Organization, Service
from app.core.models.accounts import Team
from app.core.models.referrals import Referral
from app.core.referrals.fhir import as_task
from app.web.access import requires
from app.web.extensions import db


@blueprint.get("/referrals/<int:referral_id>")
@requires(lambda powers: bool(powers.teams))
def referral_task(referral_id: int) -> Response:
    referral = db.session.get(Referral, referral_id)
    if referral is None or not current_user.powers.works_in(referral.team_id):
        abort(404)
    service = db.session.get(Service, referral.service_id)
    organization = db.session.get(Organization, referral.organization_id)
    team = db.session.get(Team, referral.team_id)
    task = as_task(
        referral,
        service_name=text_of(service.name if service else None, "fr"),
        organization_name=text_of(organization.name if organization else None, "fr"),
        team_name=team.name if team else "",
    )
    response = jsonify(task)
    response.mimetype = "application/fhir+json"
    return response
