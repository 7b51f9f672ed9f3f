"""Staff merge two records field by field: the kept one takes the values chosen (with their history), the
merged one is hidden behind it and its address leads there; the merge is undone as a whole, once, and not
over a later change."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.core.agency.fields import FIELDS, read_field
from app.core.agency.merge import MergeError, merge_records, redirect_target, undo_merge
from app.core.agency.proposals import apply_value
from app.core.models import (
    AuditEvent,
    DuplicateLink,
    HsdsMetadata,
    IdRedirect,
    MergeRecord,
    Organization,
    Service,
)
from app.web.extensions import db
from app.web.search import embedded_engine
from indexer.query import SearchQuery
from tests.accounts.people import add_people, form_token, sign_in
from tests.agency.twins import import_twins
from tests.helpers import invoke


def _hits(app: Flask, text: str) -> list[str]:
    with app.app_context():
        return sorted(hit.service_id for hit in embedded_engine(app).search(SearchQuery(text=text)).hits)


def _index_follows(app: Flask) -> None:
    """What `carrefour index --pending` does after a change, then the drift check is clean."""
    assert invoke(app, "index", "--pending").exit_code == 0
    check = invoke(app, "index", "--check")
    assert check.exit_code == 0, check.output


def _service(app: Flask, service_id: str, name: str) -> object:
    with app.app_context():
        service = db.session.get(Service, service_id)
        return read_field(db.session, "service", service, name)


def _admin(app: Flask) -> FlaskClient:
    people = add_people(app)
    client = app.test_client()
    assert sign_in(client, people["admin"].email).status_code == 302
    return client


def _merge_through_the_page(client: FlaskClient, kept: str, merged: str, take: set[str]) -> str:
    page = client.get(f"/en/review/merge?kind=service&kept={kept}&merged={merged}")
    assert page.status_code == 200
    data = {"csrf_token": form_token(page.get_data(as_text=True)), "kind": "service", "kept": kept}
    data["merged"] = merged
    for spec in FIELDS["service"]:
        data[f"field_{spec.name}"] = "merged" if spec.name in take else "kept"
    answer = client.post("/en/review/merge", data=data)
    assert answer.status_code == 302 and answer.headers["Location"].endswith("/en/review/merges")
    return client.get("/en/review/merges").get_data(as_text=True)


def test_merging_two_services_field_by_field_and_undoing_it(app: Flask, tmp_path: Path) -> None:
    ids = import_twins(app, tmp_path)
    kept, merged = ids["centraide-svc"], ids["ville-svc"]
    assert _hits(app, "dépannage alimentaire") == sorted([kept, merged])
    before = {
        name: _service(app, kept, name) for name in ("description", "phones", "eligibility_description")
    }
    taken = {name: _service(app, merged, name) for name in ("description", "phones")}
    client = _admin(app)

    listing = _merge_through_the_page(client, kept, merged, {"description", "phones"})
    assert "Dépannage alimentaire" in listing and "admin@example.org" in listing and "Undo" in listing
    # The kept record took the two values chosen and kept its own for the rest.
    assert (
        _service(app, kept, "description")
        == taken["description"]
        == {"fr": "Aide alimentaire d'urgence, sans rendez-vous"}
    )
    assert _service(app, kept, "phones") == taken["phones"]
    assert _service(app, kept, "eligibility_description") == before["eligibility_description"]
    with app.app_context():
        done = db.session.scalars(select(MergeRecord)).one()
        history = db.session.scalars(
            select(HsdsMetadata.field_name).where(
                HsdsMetadata.resource_id == kept, HsdsMetadata.updated_by == f"merge:{done.id}"
            )
        ).all()
        assert sorted(history) == ["description", "phones"]
        # The merged service is still there, with its source's provenance: a re-import keeps updating it.
        row = db.session.get(Service, merged)
        assert (row.data_source, row.source_id) == ("ville", "svc-1")
        link = db.session.scalars(select(DuplicateLink)).one()
        assert (link.canonical_id, link.duplicate_id, link.status) == (kept, merged, "confirmed")
        assert db.session.scalar(select(AuditEvent.action).where(AuditEvent.action == "listing.merge"))
    # Search shows the service once, with the value it took; the index agrees with the directory.
    _index_follows(app)
    assert _hits(app, "dépannage alimentaire") == [kept]
    assert _hits(app, "urgence") == [kept]
    # The merged service's old address leads to the kept one, in each language.
    for lang in ("fr", "en"):
        answer = client.get(f"/{lang}/services/{merged}")
        assert answer.status_code == 301 and answer.headers["Location"].endswith(f"/{lang}/services/{kept}")
    assert app.test_client().get(f"/fr/services/{merged}").status_code == 301  # for the public too
    # The merge page too: an id merged away leads to the record it was merged into.
    moved = client.get(f"/en/review/merge?kind=service&kept={merged}&merged={kept}")
    assert moved.status_code == 301 and f"kept={kept}" in moved.headers["Location"]

    page = client.get("/en/review/merges").get_data(as_text=True)
    undo = client.post(f"/en/review/merges/{done.id}/undo", data={"csrf_token": form_token(page)})
    assert undo.status_code == 302
    assert "was undone" in client.get("/en/review/merges").get_data(as_text=True)
    assert {name: _service(app, kept, name) for name in before} == before
    assert app.test_client().get(f"/fr/services/{merged}").status_code == 200  # its own page again
    with app.app_context():
        assert db.session.scalars(select(IdRedirect)).all() == []
        assert db.session.scalars(select(DuplicateLink)).all() == []  # there was none before the merge
        assert db.session.get(MergeRecord, done.id).undone_at is not None
        assert redirect_target(db.session, merged) is None
    _index_follows(app)
    assert _hits(app, "dépannage alimentaire") == sorted([kept, merged])
    assert _hits(app, "urgence") == [merged]

    # Undone once: a second undo is refused and changes nothing.
    page = client.get("/en/review/merges").get_data(as_text=True)
    again = client.post(
        f"/en/review/merges/{done.id}/undo", data={"csrf_token": form_token(page)}, follow_redirects=True
    )
    assert "This merge was already undone." in again.get_data(as_text=True)
    with app.app_context():
        with pytest.raises(MergeError) as refused:
            undo_merge(db.session, done.id, None)
        assert refused.value.code == "already_undone"


def test_merging_organizations_moves_their_services_and_undo_restores_the_link(
    app: Flask, tmp_path: Path
) -> None:
    ids = import_twins(app, tmp_path)
    assert invoke(app, "dedupe").exit_code == 0
    with app.app_context():
        link = db.session.scalars(select(DuplicateLink).where(DuplicateLink.kind == "organization")).one()
        was = (link.canonical_id, link.duplicate_id, link.status, link.score)
        assert was[:3] == (ids["centraide-org"], ids["ville-org"], "sure")
        # Staff keep the other side: the one dedupe had put behind.
        kept, merged = ids["ville-org"], ids["centraide-org"]
        done = merge_records(
            db.session, "organization", kept, merged, {"website": "merged", "email": "merged"}, None
        )
        db.session.commit()
        assert db.session.get(Organization, kept).website == "https://www.entraide-cdn.org/"
        assert db.session.get(Service, ids["centraide-svc"]).organization_id == kept
        assert redirect_target(db.session, merged) == kept
        merge_id = done.id
    # Running dedupe again never swaps the side a person kept.
    assert invoke(app, "dedupe").exit_code == 0
    with app.app_context():
        link = db.session.scalars(select(DuplicateLink).where(DuplicateLink.kind == "organization")).one()
        assert (link.canonical_id, link.duplicate_id, link.status) == (kept, merged, "confirmed")
        undo_merge(db.session, merge_id, None)
        db.session.commit()
        link = db.session.scalars(select(DuplicateLink).where(DuplicateLink.kind == "organization")).one()
        assert (link.canonical_id, link.duplicate_id, link.status, link.score) == was
        assert db.session.get(Service, ids["centraide-svc"]).organization_id == merged
        assert db.session.get(Organization, kept).website is None
        assert redirect_target(db.session, merged) is None
    _index_follows(app)


def test_undo_is_refused_when_a_field_changed_since_and_redirects_follow_chains(
    app: Flask, tmp_path: Path
) -> None:
    ids = import_twins(app, tmp_path)
    with app.app_context():
        done = merge_records(
            db.session, "service", ids["centraide-svc"], ids["ville-svc"], {"description": "merged"}, None
        )
        kept = db.session.get(Service, ids["centraide-svc"])
        apply_value(db.session, "service", kept, "description", {"fr": "Écrit après la fusion"}, "user:1")
        with pytest.raises(MergeError) as refused:
            undo_merge(db.session, done.id, None)
        assert (refused.value.code, refused.value.params["fields"]) == ("changed_since", ["description"])
        assert db.session.get(MergeRecord, done.id).undone_at is None

        third = Organization(
            id="org-third", data_source="test", source_id="third", name={"fr": "Entraide CDN"}
        )
        db.session.add(third)
        db.session.flush()
        merge_records(db.session, "organization", ids["ville-org"], ids["centraide-org"], {}, None)
        merge_records(db.session, "organization", "org-third", ids["ville-org"], {}, None)
        assert redirect_target(db.session, ids["centraide-org"]) == "org-third"
        with pytest.raises(MergeError) as twice:
            merge_records(db.session, "organization", "org-third", ids["centraide-org"], {}, None)
        assert twice.value.code == "already_merged"
        with pytest.raises(MergeError) as itself:
            merge_records(db.session, "service", ids["ville-svc"], ids["ville-svc"], {}, None)
        assert itself.value.code == "same_record"


def test_only_directory_administrators_merge_and_the_page_shows_both_records(
    app: Flask, tmp_path: Path
) -> None:
    ids = import_twins(app, tmp_path)
    people = add_people(app)
    query = f"kind=service&kept={ids['centraide-svc']}&merged={ids['ville-svc']}"
    for role in ("agency", "caseworker", "supervisor"):
        client = app.test_client()
        assert sign_in(client, people[role].email).status_code == 302
        assert client.get(f"/en/review/merge?{query}").status_code == 403
        assert client.get("/en/review/merges").status_code == 403
        assert client.post("/en/review/merge", data={}).status_code in (400, 403)  # no token, no power
    admin = app.test_client()
    assert sign_in(admin, people["admin"].email).status_code == 302
    page = admin.get(f"/fr/review/merge?{query}").get_data(as_text=True)
    for text in (
        "Dépannage alimentaire",
        "DEPANNAGE ALIMENTAIRE",
        "Paniers d&#39;épicerie",
        "Aide alimentaire d&#39;urgence",
    ):
        assert text in page, text
    assert 'name="field_description"' in page and 'th scope="row"' in page
    swap = f"kept={ids['ville-svc']}&amp;merged={ids['centraide-svc']}"
    assert re.search(rf'href="[^"]*{re.escape(swap)}', page), "the swap link"
    # Without ids: the form to enter them, and the pairs dedupe left for review.
    assert invoke(app, "dedupe").exit_code == 0
    with app.app_context():
        pair = db.session.scalars(select(DuplicateLink).where(DuplicateLink.kind == "service")).one()
        pair.status = "review"
        duplicate = pair.duplicate_id
        db.session.commit()
    empty = admin.get("/en/review/merge").get_data(as_text=True)
    assert 'id="kept"' in empty and "Pairs waiting for review" in empty
    assert f"merged={duplicate}" in empty and "same postal code H3T 1Y8 (+15)" in empty
