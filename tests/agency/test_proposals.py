"""Proposed changes: published or queued, compared three ways, kept in the history, reverted, and never
undone silently by an import."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import func, select

from app.core.accounts.users import add_user
from app.core.agency.fields import read_field
from app.core.agency.proposals import (
    Edit,
    compare,
    history,
    pending_proposals,
    propose,
    publish,
    reject,
    revert,
    stale_translations,
    submit,
)
from app.core.models import ChangeLog, Location, Organization, OrganizationStanding, Service
from app.core.models.agency import IMPORT_ORIGIN, PENDING, PUBLISHED, REJECTED
from app.web.extensions import db
from tests.agency.listings import ids, import_package, write_package


@pytest.fixture
def listed(app: Flask, tmp_path: Path) -> dict[str, str]:
    import_package(app, write_package(tmp_path / "v1"))
    found = ids(app)
    with app.app_context():
        add_user(db.session, "marie@cuisineplateau.org", "agency", organization_id=found["org-1"])
        add_user(db.session, "staff@example.org", "admin")
        db.session.commit()
    return found


def _person(email: str):
    from app.core.accounts.users import find_user

    return find_user(db.session, email)


def test_an_untrusted_organizations_change_waits_then_publishes_with_history(
    app: Flask, listed: dict[str, str]
) -> None:
    with app.app_context():
        agent, staff = _person("marie@cuisineplateau.org"), _person("staff@example.org")
        service = db.session.get(Service, listed["svc-1"])
        proposal = propose(
            db.session,
            listed["org-1"],
            [
                Edit(
                    "service",
                    service.id,
                    "eligibility_description",
                    {"fr": "Tout Montréal", "en": "All of Montréal"},
                )
            ],
            author=agent,
        )
        assert submit(db.session, proposal, agent) is False
        db.session.commit()
        assert proposal.status == PENDING
        assert db.session.get(Service, listed["svc-1"]).eligibility_description == {
            "fr": "Résidents du Plateau"
        }
        [view] = compare(db.session, proposal)
        assert not view.conflict
        before = db.session.scalar(select(func.count()).select_from(ChangeLog))
        publish(db.session, proposal, staff)
        db.session.commit()
        service = db.session.get(Service, listed["svc-1"])
        assert service.eligibility_description == {"fr": "Tout Montréal", "en": "All of Montréal"}
        assert proposal.status == PUBLISHED
        [entry] = history(db.session, "service", service.id)
        assert entry.field_name == "eligibility_description"
        assert "Résidents du Plateau" in entry.previous_value and "Tout Montréal" in entry.replacement_value
        assert db.session.scalar(select(func.count()).select_from(ChangeLog)) == before + 1


def test_a_trusted_organization_publishes_at_once(app: Flask, listed: dict[str, str]) -> None:
    with app.app_context():
        db.session.add(OrganizationStanding(organization_id=listed["org-1"], trusted=True))
        agent = _person("marie@cuisineplateau.org")
        proposal = propose(
            db.session,
            listed["org-1"],
            [Edit("location", listed["loc-1"], "hours", [["MO,TU,WE,TH", "10:00", "16:00"]])],
            author=agent,
        )
        assert submit(db.session, proposal, agent) is True
        db.session.commit()
        location = db.session.get(Location, listed["loc-1"])
        assert read_field(db.session, "location", location, "hours") == [["MO,TU,WE,TH", "10:00", "16:00"]]


def test_a_record_changed_since_shows_base_current_and_proposed(app: Flask, listed: dict[str, str]) -> None:
    with app.app_context():
        db.session.add(OrganizationStanding(organization_id=listed["org-1"], trusted=True))
        agent, staff = _person("marie@cuisineplateau.org"), _person("staff@example.org")
        old = {"fr": "Dépannage alimentaire"}
        # The agency read the name, then a colleague (staff) changed it before the agency's change came in.
        first = propose(
            db.session,
            listed["org-1"],
            [Edit("service", listed["svc-1"], "name", {"fr": "Épicerie"})],
            author=staff,
        )
        publish(db.session, first, staff)
        late = propose(
            db.session,
            listed["org-1"],
            [Edit("service", listed["svc-1"], "name", {"fr": "Paniers"}, base=old, base_version=1)],
            author=agent,
        )
        assert submit(db.session, late, agent) is False  # trusted, but not over a change it never saw
        [view] = compare(db.session, late)
        assert view.conflict and view.stale_version
        assert (view.change.base_value, view.current, view.change.proposed_value) == (
            old,
            {"fr": "Épicerie"},
            {"fr": "Paniers"},
        )
        assert db.session.get(Service, listed["svc-1"]).name == {"fr": "Épicerie"}
        reject(db.session, late, staff, "Le nom a déjà été corrigé")
        assert late.status == REJECTED and late.reason == "Le nom a déjà été corrigé"


def test_another_organizations_record_cannot_be_proposed(app: Flask, listed: dict[str, str]) -> None:
    from app.core.agency.proposals import ProposalError

    with app.app_context():
        db.session.add(
            Organization(
                id="00000000-0000-4000-8000-0000000000b2", data_source="t", source_id="b2", name={"fr": "B"}
            )
        )
        db.session.flush()
        with pytest.raises(ProposalError) as raised:
            propose(
                db.session,
                "00000000-0000-4000-8000-0000000000b2",
                [Edit("service", listed["svc-1"], "name", {"fr": "X"})],
                author=None,
            )
        assert raised.value.code == "other_organization"


def test_one_side_changed_marks_the_other_translation_out_of_date(app: Flask, listed: dict[str, str]) -> None:
    with app.app_context():
        staff = _person("staff@example.org")
        both = propose(
            db.session,
            listed["org-1"],
            [
                Edit(
                    "service",
                    listed["svc-2"],
                    "description",
                    {"fr": "Cuisiner ensemble", "en": "Cook together"},
                )
            ],
            author=staff,
        )
        publish(db.session, both, staff)
        assert stale_translations(db.session, listed["org-1"]) == []
        french = propose(
            db.session,
            listed["org-1"],
            [
                Edit(
                    "service",
                    listed["svc-2"],
                    "description",
                    {"fr": "Cuisiner ensemble, le mardi", "en": "Cook together"},
                )
            ],
            author=staff,
        )
        publish(db.session, french, staff)
        [flag] = stale_translations(db.session, listed["org-1"])
        assert (flag.resource_id, flag.field, flag.locale) == (listed["svc-2"], "description", "en")
        english = propose(
            db.session,
            listed["org-1"],
            [
                Edit(
                    "service",
                    listed["svc-2"],
                    "description",
                    {"fr": "Cuisiner ensemble, le mardi", "en": "Cook together, on Tuesdays"},
                )
            ],
            author=staff,
        )
        publish(db.session, english, staff)
        assert stale_translations(db.session, listed["org-1"]) == []


def test_revert_puts_back_the_previous_value_and_is_in_the_history(
    app: Flask, listed: dict[str, str]
) -> None:
    with app.app_context():
        staff = _person("staff@example.org")
        change = propose(
            db.session,
            listed["org-1"],
            [Edit("location", listed["loc-1"], "hours", [["MO", "08:00", "12:00"]])],
            author=staff,
        )
        publish(db.session, change, staff)
        [entry] = history(db.session, "location", listed["loc-1"])
        back = revert(db.session, entry, staff, staff=True)
        db.session.commit()
        assert back.status == PUBLISHED
        location = db.session.get(Location, listed["loc-1"])
        assert read_field(db.session, "location", location, "hours") == [["MO,TU,WE", "09:00", "17:00"]]
        assert len(history(db.session, "location", listed["loc-1"])) == 2


def test_a_revert_over_a_later_change_waits_for_review(app: Flask, listed: dict[str, str]) -> None:
    with app.app_context():
        staff = _person("staff@example.org")
        publish(
            db.session,
            propose(
                db.session,
                listed["org-1"],
                [Edit("service", listed["svc-1"], "name", {"fr": "A"})],
                author=staff,
            ),
            staff,
        )
        publish(
            db.session,
            propose(
                db.session,
                listed["org-1"],
                [Edit("service", listed["svc-1"], "name", {"fr": "B"})],
                author=staff,
            ),
            staff,
        )
        first = history(db.session, "service", listed["svc-1"])[-1]  # the change to "A"
        back = revert(db.session, first, staff, staff=True)
        assert back.status == PENDING and compare(db.session, back)[0].conflict
        assert db.session.get(Service, listed["svc-1"]).name == {"fr": "B"}


def test_reimporting_the_same_file_keeps_the_agencys_edits(
    app: Flask, listed: dict[str, str], tmp_path: Path
) -> None:
    with app.app_context():
        staff = _person("staff@example.org")
        publish(
            db.session,
            propose(
                db.session,
                listed["org-1"],
                [
                    Edit("service", listed["svc-1"], "name", {"fr": "Paniers du Plateau"}),
                    Edit("location", listed["loc-1"], "hours", [["MO,TU,WE,TH,FR", "09:00", "18:00"]]),
                ],
                author=_person("marie@cuisineplateau.org"),
            ),
            staff,
        )
        db.session.commit()
    output = import_package(app, write_package(tmp_path / "again"))
    assert "2 fields an agency edited were kept" in output
    with app.app_context():
        assert db.session.get(Service, listed["svc-1"]).name == {"fr": "Paniers du Plateau"}
        location = db.session.get(Location, listed["loc-1"])
        assert read_field(db.session, "location", location, "hours") == [["MO,TU,WE,TH,FR", "09:00", "18:00"]]
        assert pending_proposals(db.session) == []


def test_an_import_that_changes_an_agency_edit_is_a_conflict_for_review(
    app: Flask, listed: dict[str, str], tmp_path: Path
) -> None:
    with app.app_context():
        staff = _person("staff@example.org")
        publish(
            db.session,
            propose(
                db.session,
                listed["org-1"],
                [Edit("location", listed["loc-1"], "hours", [["MO,TU,WE", "10:00", "17:00"]])],
                author=staff,
            ),
            staff,
        )
        db.session.commit()
    output = import_package(app, write_package(tmp_path / "v2", hours="08:30"))
    assert "1 fields an agency edited differ in this import" in output
    with app.app_context():
        location = db.session.get(Location, listed["loc-1"])
        assert read_field(db.session, "location", location, "hours") == [["MO,TU,WE", "10:00", "17:00"]]
        [conflict] = pending_proposals(db.session)
        assert conflict.origin == IMPORT_ORIGIN and conflict.import_run_id is not None
        [view] = compare(db.session, conflict)
        assert view.change.base_value == [["MO,TU,WE", "09:00", "17:00"]]
        assert view.current == [["MO,TU,WE", "10:00", "17:00"]]
        assert view.change.proposed_value == [["MO,TU,WE", "08:30", "17:00"]]
        assert view.conflict
    # The same file again: the conflict is already in the queue, not a second one.
    import_package(app, write_package(tmp_path / "v2-again", hours="08:30"))
    with app.app_context():
        assert len(pending_proposals(db.session)) == 1
        # The reviewer takes the import's value.
        [conflict] = pending_proposals(db.session)
        publish(db.session, conflict, _person("staff@example.org"))
        db.session.commit()
        location = db.session.get(Location, listed["loc-1"])
        assert read_field(db.session, "location", location, "hours") == [["MO,TU,WE", "08:30", "17:00"]]
