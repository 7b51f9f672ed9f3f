"""Every route × every role: who may open what. A new route must say here who it is for, or this fails."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from app.core.accounts.users import add_user
from app.core.models.casework import Client, PlanGoal
from app.web.extensions import db
from tests.accounts.people import ORGANIZATION_ID, ROLES, add_people, agency_records, sign_in

PUBLIC, SIGNED_IN, ADMIN, TEAM, SUPERVISOR = "public", "signed in", "admin", "team", "supervisor"
AGENCY = "agency"  # the organization's own people, and directory administrators
API_TEAM = "team, through the API"

ACCESS = {
    "static": PUBLIC,
    "directory.root": PUBLIC,
    "directory.home": PUBLIC,
    "directory.search": PUBLIC,
    "directory.service": PUBLIC,
    "directory.all_services": PUBLIC,
    "api.match": PUBLIC,
    "health.healthz": PUBLIC,  # the process answers
    "health.readyz": PUBLIC,  # database, migrations, search: ok or a short reason, nothing more
    # The HSDS API: open to everyone, read-only (rate-limited per address or key).
    **dict.fromkeys(
        (
            "hsds.root",
            "hsds.openapi_document",
            "hsds.profile",
            "hsds.table_schema",
            "hsds.compiled",
            "hsds.services",
            "hsds.service",
            "hsds.service_at_locations",
            "hsds.service_at_location",
            "hsds.organizations",
            "hsds.organization",
            "hsds.taxonomies",
            "hsds.taxonomy",
            "hsds.taxonomy_terms",
            "hsds.taxonomy_term",
        ),
        PUBLIC,
    ),
    "api.referral_task": API_TEAM,
    "accounts.sign_in": PUBLIC,
    "accounts.sign_out": PUBLIC,  # signing out is harmless, signed in or not
    "accounts.forgot": PUBLIC,
    "accounts.new_password": PUBLIC,  # the signed link is the key
    "accounts.account": SIGNED_IN,
    "admin.users": ADMIN,
    "admin.add_user": ADMIN,
    "admin.disable_user": ADMIN,
    "admin.send_link": ADMIN,
    "admin.audit": ADMIN,
    "casework.caseload": TEAM,
    "casework.new_client": TEAM,
    "casework.client": TEAM,  # an admin meets the break-glass page (403) first
    "casework.add_note": TEAM,
    "casework.add_interaction": TEAM,
    "casework.set_review": TEAM,
    "casework.add_goal": TEAM,
    "casework.mark_goal": TEAM,
    "casework.break_glass": ADMIN,
    "casework.suggestions": TEAM,
    "casework.refer": TEAM,
    "casework.send_referral": TEAM,
    "casework.referral": TEAM,
    "casework.withdraw": TEAM,
    "casework.referrals": TEAM,
    "casework.export_page": TEAM,
    "casework.export_json": TEAM,
    "casework.outcomes": SUPERVISOR,
    "casework.outcomes_csv": SUPERVISOR,
    "casework.team_audit": SUPERVISOR,
    "casework.referral_link": PUBLIC,  # the signed link is the key (an agency or a client, no account)
    "casework.answer_link": PUBLIC,
    "casework.close_client": TEAM,
    "casework.new_assessment": TEAM,
    "casework.save_assessment": TEAM,
    "casework.assessment": TEAM,
    "casework.edit_needs": TEAM,
    "casework.add_to_list": TEAM,
    "casework.change_list": TEAM,
    "casework.toggle_favourite": TEAM,
    "casework.takeaway": TEAM,
    "casework.takeaway_file": TEAM,
    "casework.email_list": TEAM,
    "casework.sheets": TEAM,
    "casework.sheet": TEAM,  # without parameters: the form again (400), still only for the team
    "casework.sheet_pdf": TEAM,
    "agency.home": SIGNED_IN,
    "agency.claim": PUBLIC,
    "agency.suggest_edit": PUBLIC,  # the public suggests; staff review
    "agency.organization": AGENCY,
    "agency.edit_record": AGENCY,
    "agency.bulk_hours": AGENCY,
    "agency.new_service": AGENCY,
    "agency.proposal": AGENCY,
    "agency.record_history": AGENCY,
    "agency.revert_change": AGENCY,
    "agency.confirm_translation": AGENCY,
    "agency.invite_colleague": AGENCY,
    "agency.remove_colleague": AGENCY,
    "agency.review_queue": ADMIN,
    "agency.review_proposal": ADMIN,
    "agency.approve_proposal": ADMIN,
    "agency.reject_proposal": ADMIN,
    "agency.decide_claim": ADMIN,
    "agency.merge_page": ADMIN,
    "agency.merge": ADMIN,
    "agency.merge_list": ADMIN,
    "agency.undo": ADMIN,
    "agency.verification": AGENCY,
    "agency.verify_section": AGENCY,
    "agency.verify_link": PUBLIC,  # the signed link of a reminder is the key
    "agency.verify_by_link": PUBLIC,
    "agency.notices": AGENCY,
    "agency.end_notice": AGENCY,  # a notice of an organization the person keeps (else 403)
    "admin.api_keys": ADMIN,
    "admin.add_api_key": ADMIN,
    "admin.revoke_api_key": ADMIN,
    "agency.staff_organizations": ADMIN,
    "agency.set_organization_standing": ADMIN,
}
EXAMPLE_VALUES = {
    "lang": "en",
    "service_id": "unknown",
    "purpose": "reset",
    "token": "not-a-token",
    "filename": "carrefour.css",
    "user_id": "0",  # replaced by a bystander's account: disabling one of the signed-in would end its session
    "email": "admin@example.org",
    "client_id": "0",  # replaced by a client of the caseworker's team
    "goal_id": "0",
    "item_id": "0",
    "assessment_id": "0",
    "referral_id": "0",
    "merge_id": "0",
    "org_id": ORGANIZATION_ID,
    "kind": "organization",
    "record_id": ORGANIZATION_ID,
    "proposal_id": "0",  # replaced by a proposal of the agency's organization
    "flag_id": "0",  # replaced by a translation of the organization marked out of date
    "entry_id": "0",  # replaced by a history row of the organization
    "claim_id": "0",
    "decision": "approve",
    "section": "hours",
    "notice_id": "0",
    "name": "service",
    "key_id": "0",
}

# What each role meets, by the route's audience.
EXPECTED = {
    PUBLIC: dict.fromkeys(ROLES, "opens"),
    SIGNED_IN: {"anonymous": "to sign-in", **dict.fromkeys(ROLES[1:], "opens")},
    ADMIN: {"anonymous": "to sign-in", **dict.fromkeys(ROLES[1:-1], "forbidden"), "admin": "opens"},
    # The caseworker workspace: the team's caseworkers and supervisors; an admin only by break-glass.
    TEAM: {
        "anonymous": "to sign-in",
        "agency": "forbidden",
        "caseworker": "opens",
        "supervisor": "opens",
        "admin": "forbidden",
    },
    # The same through the API: no sign-in page there, a 401.
    API_TEAM: {
        "anonymous": "forbidden",
        "agency": "forbidden",
        "caseworker": "opens",
        "supervisor": "opens",
        "admin": "forbidden",
    },
    # The agency portal: the organization's people; directory administrators review and correct listings.
    AGENCY: {
        "anonymous": "to sign-in",
        "agency": "opens",
        "caseworker": "forbidden",
        "supervisor": "forbidden",
        "admin": "opens",
    },
    # A team's referral outcomes: its supervisors only.
    SUPERVISOR: {
        "anonymous": "to sign-in",
        "agency": "forbidden",
        "caseworker": "forbidden",
        "supervisor": "opens",
        "admin": "forbidden",
    },
}


@pytest.fixture
def clients(app: Flask, monkeypatch: pytest.MonkeyPatch) -> dict[str, FlaskClient]:
    app.config["WTF_CSRF_ENABLED"] = False  # the guard is under test here, not the token (test_signin)
    app.config["RATELIMIT_ENABLED"] = False
    people = add_people(app)
    with app.app_context():
        bystander = add_user(db.session, "bystander@example.org", "caseworker", team_name="Équipe Centre")
        db.session.commit()
        monkeypatch.setitem(EXAMPLE_VALUES, "user_id", str(bystander.id))
        team_id = next(iter(bystander.memberships)).team_id
        client = Client(team_id=team_id, display_name="R. M.", languages=[])
        db.session.add(client)
        db.session.flush()
        goal = PlanGoal(client_id=client.id, goal="A goal")
        db.session.add(goal)
        db.session.commit()
        monkeypatch.setitem(EXAMPLE_VALUES, "client_id", str(client.id))
        monkeypatch.setitem(EXAMPLE_VALUES, "goal_id", str(goal.id))
        for key, value in agency_records(ORGANIZATION_ID).items():
            monkeypatch.setitem(EXAMPLE_VALUES, key, value)
    found = {"anonymous": app.test_client()}
    for role, person in people.items():
        client = app.test_client()
        assert sign_in(client, person.email).status_code == 302
        found[role] = client
    return found


def _met(client: FlaskClient, method: str, url: str) -> str:
    answer = client.open(url, method=method, json={} if url.startswith("/api/") else None)
    if answer.status_code == 302 and "/signin" in answer.headers["Location"]:
        return "to sign-in"
    if answer.status_code in (401, 403):
        return "forbidden"
    return "opens"


def test_every_route_says_who_it_is_for(app: Flask) -> None:
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert endpoints - set(ACCESS) == set(), "a new route: add it to ACCESS with its audience"


def test_each_role_meets_what_its_audience_says(app: Flask, clients: dict[str, FlaskClient]) -> None:
    problems = []
    # Signing out last: it ends the sessions the other routes are tried with.
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.endpoint == "accounts.sign_out"):
        audience = ACCESS[rule.endpoint]
        url = rule.build({k: EXAMPLE_VALUES[k] for k in rule.arguments}, append_unknown=False)[1]
        for method in sorted((rule.methods or set()) & {"GET", "POST"}):
            for role, client in clients.items():
                met = _met(client, method, url)
                if met != EXPECTED[audience][role]:
                    problems.append(f"{method} {url} as {role}: {met}, expected {EXPECTED[audience][role]}")
    assert problems == []
