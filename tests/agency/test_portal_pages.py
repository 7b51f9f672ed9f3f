"""The portal as agencies and staff use it: editing through the forms, review, claims, suggestions, people."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.core.accounts.users import add_user, find_user, set_password
from app.core.models import ListingProposal, OrganizationClaim, OrganizationStanding, Service
from app.core.models.accounts import Membership
from app.core.models.agency import PENDING, PUBLISHED
from app.core.settings import load_settings, smtp_server
from app.web.extensions import db
from tests.accounts.people import PASSWORD, form_fields, form_token, sign_in
from tests.agency.listings import ids, import_package, write_package
from tests.helpers import invoke
from tests.smtp import Inbox

AGENT, OTHER, STAFF = "marie@cuisineplateau.org", "paul@gmail.com", "staff@example.org"


@pytest.fixture
def listed(app: Flask, tmp_path: Path) -> dict[str, str]:
    import_package(app, write_package(tmp_path / "v1"))
    found = ids(app)
    with app.app_context():
        agent = add_user(db.session, AGENT, "agency", organization_id=found["org-1"], agency_admin=True)
        staff = add_user(db.session, STAFF, "admin")
        other = add_user(db.session, OTHER, "caseworker", team_name="Équipe Est")
        for person in (agent, staff, other):
            set_password(db.session, person, PASSWORD)
        db.session.commit()
    return found


def _client(app: Flask, email: str) -> FlaskClient:
    browser = app.test_client()
    assert sign_in(browser, email).status_code == 302
    return browser


def _text(answer: object) -> str:
    return html.unescape(answer.get_data(as_text=True))  # type: ignore[attr-defined]


def _edit_form(browser: FlaskClient, url: str) -> dict[str, str]:
    """The form's fields as the page fills them, like a browser would send them."""
    return form_fields(browser.get(url).get_data(as_text=True))


def test_an_agency_changes_hours_a_reviewer_approves_and_the_public_sees_them(
    app: Flask, listed: dict[str, str]
) -> None:
    agent = _client(app, AGENT)
    url = f"/en/agency/location/{listed['loc-1']}/edit"
    data = _edit_form(agent, url)
    assert data["hours.MO.0.opens"] == "09:00"
    data["hours.TH.0.opens"], data["hours.TH.0.closes"] = "09:00", "17:00"
    answer = agent.post(url, data=data)
    assert answer.status_code == 302
    page = _text(agent.get(answer.headers["Location"]))
    assert "waiting for review" in page and "Thursday" in page
    public = app.test_client()
    thursday = "Thursday</th><td>09:00–17:00"
    assert thursday not in _text(public.get(f"/en/services/{listed['svc-1']}"))

    staff = _client(app, STAFF)
    queue = _text(staff.get("/en/review/"))
    assert "Cuisine collective du Plateau" in queue
    with app.app_context():
        proposal = db.session.scalars(select(ListingProposal).where(ListingProposal.status == PENDING)).one()
    review = staff.get(f"/en/review/proposals/{proposal.id}").get_data(as_text=True)
    assert (
        staff.post(
            f"/en/review/proposals/{proposal.id}/approve", data={"csrf_token": form_token(review)}
        ).status_code
        == 302
    )
    assert thursday in _text(public.get(f"/en/services/{listed['svc-1']}"))
    assert invoke(app, "index", "--check").exit_code == 0  # the search index followed the change


def test_a_trusted_organization_publishes_and_search_finds_the_new_name(
    app: Flask, listed: dict[str, str]
) -> None:
    with app.app_context():
        db.session.add(OrganizationStanding(organization_id=listed["org-1"], trusted=True))
        db.session.commit()
    agent = _client(app, AGENT)
    url = f"/fr/agency/service/{listed['svc-2']}/edit"
    data = _edit_form(agent, url)
    data["name.fr"], data["name.en"] = "Atelier de cuisine Mange-Tout", "Mange-Tout cooking workshop"
    answer = agent.post(url, data=data)
    assert answer.status_code == 302
    assert "publié" in _text(agent.get(answer.headers["Location"]))
    result = invoke(app, "search", "Mange-Tout", "--json")
    assert '"service_id": "svc-2"' in result.output  # the search names services by their source id
    assert invoke(app, "index", "--check").exit_code == 0


def test_a_change_based_on_an_old_version_shows_the_conflict_to_the_reviewer(
    app: Flask, listed: dict[str, str]
) -> None:
    agent = _client(app, AGENT)
    url = f"/en/agency/service/{listed['svc-1']}/edit"
    data = _edit_form(agent, url)  # read now...
    staff = _client(app, STAFF)
    staff_data = _edit_form(staff, url)
    staff_data["eligibility_description.fr"] = "Tout Montréal"
    assert staff.post(url, data=staff_data).status_code == 302  # ...a staff change lands in between
    data["eligibility_description.fr"] = "Résidents du Plateau et de Rosemont"
    assert agent.post(url, data=data).status_code == 302
    with app.app_context():
        proposal = db.session.scalars(select(ListingProposal).where(ListingProposal.status == PENDING)).one()
    page = _text(staff.get(f"/en/review/proposals/{proposal.id}"))
    assert "Changed since" in page
    assert page.index("Résidents du Plateau") < page.index("Tout Montréal") < page.index("et de Rosemont")
    with app.app_context():
        assert db.session.get(Service, listed["svc-1"]).eligibility_description == {"fr": "Tout Montréal"}


def test_reviewer_edits_then_approves_or_rejects_with_a_reason(app: Flask, listed: dict[str, str]) -> None:
    agent = _client(app, AGENT)
    url = f"/en/agency/service/{listed['svc-1']}/edit"
    data = _edit_form(agent, url)
    data["minimum_age"] = "16"
    agent.post(url, data=data)
    data = _edit_form(agent, url)
    data["wait_time.en"] = "About a week"
    agent.post(url, data=data)
    with app.app_context():
        first, second = db.session.scalars(select(ListingProposal).order_by(ListingProposal.id)).all()
        change_id = first.changes[0].id
    staff = _client(app, STAFF)
    token = form_token(staff.get(f"/en/review/proposals/{first.id}").get_data(as_text=True))
    answer = staff.post(
        f"/en/review/proposals/{first.id}/approve",
        data={"csrf_token": token, "edited": "y", f"c{change_id}.minimum_age": "18"},
    )
    assert answer.status_code == 302
    refused = staff.post(f"/en/review/proposals/{second.id}/reject", data={"csrf_token": token, "reason": ""})
    assert refused.status_code == 400 and "Say why" in _text(refused)
    staff.post(f"/en/review/proposals/{second.id}/reject", data={"csrf_token": token, "reason": "Unverified"})
    with app.app_context():
        assert db.session.get(Service, listed["svc-1"]).minimum_age == 18
        assert db.session.get(ListingProposal, second.id).status == "rejected"
    assert "Unverified" in _text(agent.get(f"/en/agency/proposals/{second.id}"))


def test_one_side_changed_shows_translation_out_of_date_until_confirmed(
    app: Flask, listed: dict[str, str]
) -> None:
    staff = _client(app, STAFF)
    url = f"/en/agency/service/{listed['svc-2']}/edit"
    data = _edit_form(staff, url)
    data["description.en"] = "Cook together at low cost"
    staff.post(url, data=data)
    data = _edit_form(staff, url)
    data["description.fr"] = "Cuisiner ensemble à petit prix, le mardi"
    staff.post(url, data=data)
    assert "Translation out of date" in _text(staff.get(url))
    page = _text(staff.get(f"/en/agency/org/{listed['org-1']}"))
    assert "Translations out of date" in page
    flag = re.search(r"/en/agency/stale/(\d+)/confirm", page)
    assert flag
    staff.post(flag.group(0), data={"csrf_token": form_token(page)})
    assert "Translation out of date" not in _text(staff.get(url))


def test_the_same_hours_for_several_records_are_one_change(app: Flask, listed: dict[str, str]) -> None:
    agent = _client(app, AGENT)
    url = f"/en/agency/org/{listed['org-1']}/hours"
    page = agent.get(url).get_data(as_text=True)
    data = {
        "csrf_token": form_token(page),
        "target": [f"service:{listed['svc-1']}", f"service:{listed['svc-2']}"],
        "hours.MO.0.opens": "10:00",
        "hours.MO.0.closes": "14:00",
    }
    assert agent.post(url, data=data).status_code == 302
    with app.app_context():
        proposal = db.session.scalars(select(ListingProposal)).one()
        assert {c.resource_id for c in proposal.changes} == {listed["svc-1"], listed["svc-2"]}
        assert all(c.proposed_value == [["MO", "10:00", "14:00"]] for c in proposal.changes)
    bad = agent.post(url, data={**data, "hours.TU.0.opens": "14:00", "hours.TU.0.closes": "10:00"})
    assert bad.status_code == 400 and "closes before it opens" in _text(bad)


def test_history_shows_each_change_and_revert_puts_it_back(app: Flask, listed: dict[str, str]) -> None:
    staff = _client(app, STAFF)
    url = f"/en/agency/organization/{listed['org-1']}/edit"
    data = _edit_form(staff, url)
    data["website"] = "https://cuisine-plateau.example.org"
    staff.post(url, data=data)
    page = _text(staff.get(f"/en/agency/organization/{listed['org-1']}/history"))
    assert "https://cuisineplateau.org" in page and "https://cuisine-plateau.example.org" in page
    revert = re.search(r"/en/agency/history/([\w-]+)/revert", page)
    assert revert
    staff.post(revert.group(0), data={"csrf_token": form_token(page)})
    assert _edit_form(staff, url)["website"] == "https://cuisineplateau.org"


def test_bad_values_are_named_and_nothing_is_proposed(app: Flask, listed: dict[str, str]) -> None:
    agent = _client(app, AGENT)
    url = f"/en/agency/service/{listed['svc-1']}/edit"
    data = _edit_form(agent, url)
    data["minimum_age"] = "abc"
    data["email"] = "not an address"
    answer = agent.post(url, data=data)
    text = _text(answer)
    assert answer.status_code == 400
    assert "Enter a number." in text and "Enter a valid e-mail address." in text
    with app.app_context():
        assert db.session.scalars(select(ListingProposal)).all() == []
    tampered = agent.post(url, data={**data, "minimum_age": "", "email": "", "base": "forged"})
    assert tampered.status_code == 400


def test_claim_by_own_domain_is_approved_and_by_webmail_is_queued(app: Flask, listed: dict[str, str]) -> None:
    with app.app_context():
        for email in ("lea@cuisineplateau.org", "lea.plateau@gmail.com"):
            set_password(
                db.session, add_user(db.session, email, "caseworker", team_name="Équipe Est"), PASSWORD
            )
        db.session.commit()
    own = _client(app, "lea@cuisineplateau.org")
    found = _text(own.get("/en/agency/claim?q=Cuisine+collective+Plateau"))
    assert "Cuisine collective du Plateau" in found
    page = own.get(f"/en/agency/claim?organization={listed['org-1']}").get_data(as_text=True)
    answer = own.post(
        f"/en/agency/claim?organization={listed['org-1']}", data={"csrf_token": form_token(page)}
    )
    assert answer.headers["Location"].endswith(f"/en/agency/org/{listed['org-1']}")
    assert own.get(f"/en/agency/org/{listed['org-1']}").status_code == 200

    webmail = _client(app, "lea.plateau@gmail.com")
    page = webmail.get(f"/en/agency/claim?organization={listed['org-1']}").get_data(as_text=True)
    webmail.post(
        f"/en/agency/claim?organization={listed['org-1']}",
        data={"csrf_token": form_token(page), "message": "Coordinator"},
    )
    assert webmail.get(f"/en/agency/org/{listed['org-1']}").status_code == 403
    assert "waiting for staff" in _text(webmail.get("/en/agency/"))
    staff = _client(app, STAFF)
    queue = staff.get("/en/review/").get_data(as_text=True)
    assert "Coordinator" in queue
    claim = re.search(r"/en/review/claims/(\d+)/approve", queue)
    assert claim
    staff.post(claim.group(0), data={"csrf_token": form_token(queue)})
    assert webmail.get(f"/en/agency/org/{listed['org-1']}").status_code == 200


def test_claim_without_an_account_is_decided_when_the_email_link_is_used(
    app: Flask, listed: dict[str, str], smtp_inbox: Inbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in smtp_inbox.environment().items():
        monkeypatch.setenv(name, value)
    app.config["CARREFOUR_SMTP"] = smtp_server(load_settings())
    visitor = app.test_client()
    page = visitor.get(f"/fr/agency/claim?organization={listed['org-1']}").get_data(as_text=True)
    answer = visitor.post(
        f"/fr/agency/claim?organization={listed['org-1']}",
        data={"csrf_token": form_token(page), "email": "Nadia@CuisinePlateau.org", "name": "Nadia B."},
    )
    assert answer.status_code == 200 and "courriel" in _text(answer).lower()
    with app.app_context():
        assert find_user(db.session, "nadia@cuisineplateau.org").memberships == []
    [mail] = smtp_inbox.to("nadia@cuisineplateau.org")
    link = re.search(r"http\S+/fr/password/invite/\S+|https?://\S+", Inbox.text(mail))
    assert link
    path = "/" + link.group(0).split("/", 3)[3]
    form = visitor.get(path).get_data(as_text=True)
    visitor.post(path, data={"csrf_token": form_token(form), "password": PASSWORD, "confirm": PASSWORD})
    with app.app_context():
        user = find_user(db.session, "nadia@cuisineplateau.org")
        assert [(m.role, m.organization_id) for m in user.memberships] == [("agency", listed["org-1"])]


def test_public_suggestion_lands_in_the_queue_and_is_rate_limited(app: Flask, listed: dict[str, str]) -> None:
    app.config["RATELIMIT_ENABLED"] = True
    visitor = app.test_client()
    url = f"/en/services/{listed['svc-1']}/suggest"
    page = visitor.get(url).get_data(as_text=True)
    token = form_token(page)
    assert visitor.post(url, data={"topic": "hours", "message": "Closed on Mondays now"}).status_code == 400
    answer = visitor.post(
        url, data={"csrf_token": token, "topic": "hours", "message": "Closed on Mondays now"}
    )
    assert answer.status_code == 200 and "Thank you" in _text(answer)
    with app.app_context():
        suggestion = db.session.scalars(select(ListingProposal)).one()
        assert (suggestion.origin, suggestion.status, suggestion.subject_id) == (
            "public",
            PENDING,
            listed["svc-1"],
        )
        assert db.session.get(Service, listed["svc-1"]).name == {"fr": "Dépannage alimentaire"}
    staff = _client(app, STAFF)
    assert "Closed on Mondays now" in _text(staff.get(f"/en/review/proposals/{suggestion.id}"))
    codes = [
        visitor.post(url, data={"csrf_token": token, "topic": "other", "message": f"Note {n}"}).status_code
        for n in range(5)
    ]
    assert codes == [200, 200, 200, 200, 429]


def test_agency_admin_invites_and_removes_a_colleague(
    app: Flask, listed: dict[str, str], smtp_inbox: Inbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in smtp_inbox.environment().items():
        monkeypatch.setenv(name, value)
    app.config["CARREFOUR_SMTP"] = smtp_server(load_settings())
    agent = _client(app, AGENT)
    page = agent.get(f"/en/agency/org/{listed['org-1']}").get_data(as_text=True)
    agent.post(
        f"/en/agency/org/{listed['org-1']}/people",
        data={"csrf_token": form_token(page), "email": "jo@cuisineplateau.org"},
    )
    assert smtp_inbox.to("jo@cuisineplateau.org")
    with app.app_context():
        colleague = find_user(db.session, "jo@cuisineplateau.org")
        assert colleague.memberships[0].organization_id == listed["org-1"]
        colleague_id = colleague.id
    agent.post(
        f"/en/agency/org/{listed['org-1']}/people/{colleague_id}/remove",
        data={"csrf_token": form_token(page)},
    )
    with app.app_context():
        assert db.session.scalars(select(Membership).where(Membership.user_id == colleague_id)).all() == []


def test_a_new_service_shows_likely_duplicates_first_and_waits_for_review(
    app: Flask, listed: dict[str, str]
) -> None:
    agent = _client(app, AGENT)
    url = f"/en/agency/org/{listed['org-1']}/services/new"
    token = form_token(agent.get(url).get_data(as_text=True))
    first = agent.post(url, data={"csrf_token": token, "name.fr": "Dépannage alimentaire"})
    assert first.status_code == 200 and "already in the directory" in _text(first)
    with app.app_context():
        assert len(db.session.scalars(select(Service)).all()) == 2
    made = agent.post(url, data={"csrf_token": token, "name.fr": "Dépannage alimentaire", "different": "y"})
    assert made.status_code == 302
    with app.app_context():
        new = db.session.scalars(select(Service).where(Service.status == "inactive")).one()
        proposal = db.session.scalars(select(ListingProposal)).one()
        assert proposal.status == PENDING and proposal.changes[0].resource_id == new.id
    assert PUBLISHED  # the constant the review uses


def test_staff_decisions_on_claims_are_mailed_to_the_claimants(
    app: Flask, listed: dict[str, str], smtp_inbox: Inbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in smtp_inbox.environment().items():
        monkeypatch.setenv(name, value)
    app.config["CARREFOUR_SMTP"] = smtp_server(load_settings())
    with app.app_context():
        for email, locale in (("lea.plateau@gmail.com", "fr"), ("sam.plateau@gmail.com", "en")):
            user = add_user(db.session, email, "caseworker", team_name="Équipe Est")
            user.locale = locale
            set_password(db.session, user, PASSWORD)
        db.session.commit()
    for email in ("lea.plateau@gmail.com", "sam.plateau@gmail.com"):
        person = _client(app, email)
        page = person.get(f"/en/agency/claim?organization={listed['org-1']}").get_data(as_text=True)
        person.post(
            f"/en/agency/claim?organization={listed['org-1']}",
            data={"csrf_token": form_token(page), "message": f"Coordinator {email}"},
        )
    staff = _client(app, STAFF)
    queue = staff.get("/en/review/").get_data(as_text=True)
    with app.app_context():
        approve, refuse = (
            db.session.scalar(
                select(OrganizationClaim.id).where(
                    OrganizationClaim.user_id == find_user(db.session, email).id  # type: ignore[union-attr]
                )
            )
            for email in ("lea.plateau@gmail.com", "sam.plateau@gmail.com")
        )
    staff.post(f"/en/review/claims/{approve}/approve", data={"csrf_token": form_token(queue)})
    staff.post(
        f"/en/review/claims/{refuse}/reject",
        data={"csrf_token": form_token(queue), "reason": "We could not reach the organization."},
    )
    [approved] = smtp_inbox.to("lea.plateau@gmail.com")
    assert "approuvé" in Inbox.text(approved) and "/fr/agency/" in Inbox.text(approved)
    [refused] = smtp_inbox.to("sam.plateau@gmail.com")
    assert "not approve" in Inbox.text(refused) and "We could not reach the organization." in Inbox.text(
        refused
    )
