"""Keeping a second Carrefour in sync with the first through its HSDS 3.0 API, as a partner would:
`carrefour import https://.../api/hsds` pulls every page and imports it; B then finds the same directory, in
both languages; after a few agency-portal changes in A, `--since` brings exactly the services that changed.

Instance A (the demo directory) is served on a real local port; B is a fresh, empty Carrefour.
"""

from __future__ import annotations

import json
import math
import re
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, inspect, select
from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

from app.core.agency.proposals import Edit, propose, submit
from app.core.models import Attribute, Location, Organization, Service, ServiceAtLocation
from app.core.models.agency import STAFF_ORIGIN
from app.core.tables import MODELS
from app.web.extensions import db
from importers.hsds_api import PullError, PullResult, pull, source_name

# What says where a row came from or when it was written, not what the directory holds.
_BOOKKEEPING = {
    "id",
    "data_source",
    "source_id",
    "lang",
    "created_at",
    "updated_at",
    "version",
    "last_modified",
}


@contextmanager
def served(app: Any) -> Iterator[str]:
    """`app` (Flask or a bare WSGI callable) on 127.0.0.1, in a background thread; yields its address."""
    server = make_server("127.0.0.1", 0, app, threaded=False)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def api_a(demo_app: Flask) -> Iterator[str]:
    demo_app.config["CARREFOUR_API_RATE_LIMIT"] = "1000000/minute"
    with served(demo_app) as address:
        yield f"{address}/api/hsds"


@pytest.fixture(scope="module")
def app_b(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Iterator[Flask]:
    from tests.conftest import _sqlite_app

    app = _sqlite_app(tmp_path_factory.mktemp("b"), sqlite_template)
    yield app
    with app.app_context():
        db.engine.dispose()


ENGLISH = {"LC_ALL": "en_US.UTF-8"}  # the command speaks the terminal's language; these tests read English


def carrefour(app: Flask, *args: str) -> str:
    result = app.test_cli_runner().invoke(args=list(args), env=ENGLISH)
    assert result.exit_code == 0, (result.output, result.exception)
    return result.output


def next_since(output: str) -> str:
    found = re.findall(r"--since (\S+)", output)
    assert found, output
    return found[-1]


def pulled_ids(app: Flask, api: str) -> list[str]:
    """The ids in the file the last `carrefour import <api>` pulled (kept in the instance folder)."""
    path = Path(app.instance_path) / "pulls" / f"{source_name(api)}.json"
    return [service["id"] for service in json.loads(path.read_text(encoding="utf-8"))]


# --- the directory as a person finds it, read from a database ---------------------------------------------


def _content(row: Any) -> dict[str, Any]:
    """A row's values: its own fields, not its ids, references or bookkeeping."""
    return {
        attr.key: getattr(row, attr.key)
        for attr in inspect(row).mapper.column_attrs
        if attr.key not in _BOOKKEEPING and not attr.key.endswith("_id")
    }


def _bag(rows: Any, shape: Callable[[Any], dict[str, Any]] = _content) -> list[str]:
    return sorted(json.dumps(shape(row), sort_keys=True, default=str, ensure_ascii=False) for row in rows)


def _terms(entity: str, record_id: str) -> list[str]:
    attributes = db.session.scalars(
        select(Attribute).where(Attribute.link_entity == entity, Attribute.link_id == record_id)
    )

    def shape(attribute: Attribute) -> dict[str, Any]:
        term = attribute.taxonomy_term
        taxonomy = term.taxonomy_detail
        return {
            **_content(attribute),
            "term": _content(term),
            "taxonomy": _content(taxonomy) if taxonomy else None,
        }

    return _bag(attributes, shape)


def _phone(phone: Any) -> dict[str, Any]:
    return {**_content(phone), "languages": _bag(phone.languages)}


def _location(location: Location) -> dict[str, Any]:
    return {
        "id": location.id,
        **_content(location),
        "addresses": _bag(location.addresses),
        "phones": _bag(location.phones, _phone),
        "schedules": _bag(location.schedules),
        "accessibility": _bag(location.accessibility),
        "languages": _bag(location.languages),
        "contacts": _bag(location.contacts),
        "terms": _terms("location", location.id),
    }


def _organization(organization: Organization) -> dict[str, Any]:
    return {
        "id": organization.id,
        **_content(organization),
        "phones": _bag(organization.phones, _phone),
        "contacts": _bag(organization.contacts),
        "locations": sorted(location.id for location in organization.locations),
        "programs": _bag(organization.programs),
        "identifiers": _bag(organization.identifiers),
        "terms": _terms("organization", organization.id),
    }


def _at_location(sal: ServiceAtLocation) -> dict[str, Any]:
    return {
        **_content(sal),
        "location": _location(sal.location),
        "phones": _bag(sal.phones, _phone),
        "schedules": _bag(sal.schedules),
    }


def directory(app: Flask) -> dict[str, dict[str, Any]]:
    """Every service with what hangs from it: {service id: everything a person could read about it}."""
    with app.app_context():
        found = {}
        for service in db.session.scalars(select(Service).order_by(Service.id)):
            found[service.id] = {
                **_content(service),
                "organization": _organization(service.organization),
                "locations": sorted(
                    (_at_location(sal) for sal in service.service_at_locations),
                    key=lambda item: item["location"]["id"],
                ),
                "phones": _bag(service.phones, _phone),
                "schedules": _bag(service.schedules),
                "languages": _bag(service.languages),
                "areas": _bag(service.service_areas),
                "costs": _bag(service.cost_options),
                "documents": _bag(service.required_documents),
                "contacts": _bag(service.contacts),
                "funding": _bag(service.funding),
                "program": _content(service.program) if service.program else None,
                "terms": _terms("service", service.id),
            }
        return found


def assert_same_directory(a: dict[str, dict[str, Any]], b: dict[str, dict[str, Any]]) -> None:
    assert sorted(b) == sorted(a)
    differing = [sid for sid in a if a[sid] != b[sid]]
    if differing:
        keys = Counter(key for sid in differing for key in a[sid] if a[sid][key] != b[sid].get(key))
        first = differing[0]
        detail = {
            key: (a[first][key], b[first].get(key)) for key in a[first] if a[first][key] != b[first][key]
        }
        raise AssertionError(
            f"{len(differing)} services differ, by field {dict(keys)}; the first, {first}: {detail}"
        )


# --- the sync --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def first_sync(api_a: str, app_b: Flask) -> str:
    """`carrefour import <A's API>` on B: every page pulled and imported; its output."""
    return carrefour(app_b, "import", api_a, "--per-page", "100")


def test_b_imports_every_page_of_as_api_and_finds_the_same_directory(
    demo_app: Flask, app_b: Flask, api_a: str, first_sync: str
) -> None:
    with demo_app.app_context():
        total = db.session.scalar(select(func.count()).select_from(Service)) or 0
    assert total > 100  # more than one page of 100 below is read
    assert f"Services pulled from {api_a}: {total} (pages read: {math.ceil(total / 100)})." in first_sync
    with app_b.app_context():
        rows = db.session.execute(select(Service.id, Service.source_id, Service.data_source)).all()
    # B keeps A's ids: as its own ids (A's are UUIDs) and as the ids it imported them under, from one source.
    assert {r.source_id for r in rows} == {r.id for r in rows}
    assert {r.data_source for r in rows} == {source_name(api_a)}
    assert_same_directory(directory(demo_app), directory(app_b))


def test_the_same_directory_in_both_languages_through_bs_own_api(
    demo_app: Flask, app_b: Flask, first_sync: str
) -> None:
    with demo_app.app_context():
        both = db.session.scalars(select(Service).order_by(Service.id)).all()
        chosen = [s.id for s in both if len(s.name or {}) == 2 and len(s.description or {}) == 2][:5]
    assert chosen, "the demo has services named and described in both languages"
    for lang in ("fr", "en"):
        for service_id in chosen:
            answers = [
                app.test_client().get(f"/api/hsds/services/{service_id}", query_string={"lang": lang})
                for app in (demo_app, app_b)
            ]
            a, b = (answer.get_json() for answer in answers)
            assert answers[1].status_code == 200
            for key in ("name", "description", "translations"):
                assert b.get(key) == a.get(key), (lang, service_id, key)


def test_re_pulling_everything_updates_rather_than_duplicates(
    demo_app: Flask, app_b: Flask, api_a: str, first_sync: str
) -> None:
    before = row_counts(app_b)
    output = carrefour(app_b, "import", api_a)
    assert row_counts(app_b) == before
    assert "removed" not in output
    assert_same_directory(directory(demo_app), directory(app_b))


def row_counts(app: Flask) -> dict[str, int]:
    with app.app_context():
        return {
            name: db.session.scalar(select(func.count()).select_from(model)) or 0
            for name, model in MODELS.items()
        }


def _first_with(rows: list[Any], condition: Callable[[Any], bool], what: str) -> Any:
    found = next((row for row in rows if condition(row)), None)
    assert found is not None, f"the demo has {what}"
    return found


def _change_a_few_listings(app: Flask) -> tuple[str, str, str, str]:
    """Through the agency portal's core, as staff: a service's name and description in both languages,
    another's hours and phones, a location's address, every phone of a fourth service removed. Returns their
    ids, in that order."""
    from app.core.accounts.users import add_user

    with app.app_context():
        staff = add_user(db.session, "sync-staff@example.org", "admin")
        services = db.session.scalars(select(Service).order_by(Service.id)).all()
        named = _first_with(services, lambda s: len(s.name) == 2, "a service named in both languages")
        timed = _first_with(
            services,
            lambda s: s.organization_id != named.organization_id and s.schedules and s.phones,
            "a service of another organization with hours and phones",
        )
        place = _first_with(
            [sal.location for s in services[len(services) // 2 :] for sal in s.service_at_locations],
            lambda loc: (
                loc.addresses
                and loc.organization_id not in (named.organization_id, timed.organization_id)
                and any(
                    loc.id not in {sal.location_id for sal in s.service_at_locations}
                    for s in loc.organization.services
                )
            ),
            "a location with an address, of a third organization that has services elsewhere too",
        )
        taken = {named.organization_id, timed.organization_id, place.organization_id}
        silenced = _first_with(
            services, lambda s: s.phones and s.organization_id not in taken, "a fourth service with phones"
        )
        edits = {
            named.organization_id: [
                Edit(
                    "service", named.id, "name", {"fr": "Paniers du quartier", "en": "Neighbourhood baskets"}
                ),
                Edit(
                    "service",
                    named.id,
                    "description",
                    {"fr": "Des paniers chaque semaine.", "en": "Baskets every week."},
                ),
            ],
            timed.organization_id: [
                Edit("service", timed.id, "hours", [["MO,WE,FR", "08:30", "12:00"]]),
                Edit("service", timed.id, "phones", ["+15145550111"]),
            ],
            str(place.organization_id): [
                Edit(
                    "location",
                    place.id,
                    "address",
                    {
                        "address_1": "1 rue du Changement",
                        "city": "Montréal",
                        "state_province": "QC",
                        "postal_code": "H2X 1Y4",
                    },
                )
            ],
        }
        edits[silenced.organization_id] = [Edit("service", silenced.id, "phones", [])]
        for organization_id, changes in edits.items():
            proposal = propose(db.session, organization_id, changes, author=staff, origin=STAFF_ORIGIN)
            assert submit(db.session, proposal, staff, staff=True)
        db.session.commit()
        return named.id, timed.id, place.id, silenced.id


def _documents(result: PullResult) -> dict[str, dict[str, Any]]:
    """The services of a pull, without what says when they changed."""
    services = json.loads(result.path.read_text(encoding="utf-8"))
    return {s["id"]: {k: v for k, v in s.items() if k not in ("last_modified", "metadata")} for s in services}


def test_since_brings_exactly_what_changed_and_b_then_shows_it(
    demo_app: Flask, app_b: Flask, api_a: str, first_sync: str, tmp_path: Path
) -> None:
    since = next_since(first_sync)
    before = _documents(pull(api_a, tmp_path / "before"))
    nothing = pull(api_a, tmp_path / "nothing", since=since)
    assert nothing.services == 0, "nothing changed in A since the first pull"

    named, timed, place, silenced = _change_a_few_listings(demo_app)
    after = _documents(pull(api_a, tmp_path / "after"))
    changed = {sid for sid in after if after[sid] != before.get(sid)}
    with demo_app.app_context():
        location = db.session.get(Location, place)
        assert location is not None and location.organization is not None
        at_place = {sal.service_id for sal in location.service_at_locations}
        elsewhere = {s.id for s in location.organization.services} - at_place
    # The edited services changed, and every service whose full record shows the moved location: those
    # there, and the organization's others (their organization lists its locations).
    assert elsewhere
    assert {named, timed, silenced} | at_place | elsewhere <= changed

    output = carrefour(app_b, "import", api_a, "--since", since)
    assert sorted(pulled_ids(app_b, api_a)) == sorted(changed)
    assert f"Services pulled from {api_a}: {len(changed)} (pages read: 1)." in output
    assert "Rows removed because the API's records no longer list them" in output  # the old phone and hours
    assert_same_directory(directory(demo_app), directory(app_b))
    with app_b.app_context():
        shown = db.session.get(Service, named)
        assert shown is not None
        assert shown.name == {"fr": "Paniers du quartier", "en": "Neighbourhood baskets"}
    answer = app_b.test_client().get(f"/api/hsds/services/{timed}", query_string={"lang": "en"}).get_json()
    assert [p["number"] for p in answer["phones"]] == ["+15145550111"]
    with app_b.app_context():  # its last phone removed in A: an empty list in the record removes it in B
        emptied = db.session.get(Service, silenced)
        assert emptied is not None and emptied.phones == []
    assert [(s["byday"], s["opens_at"], s["closes_at"]) for s in answer["schedules"]] == [
        ("MO,WE,FR", "08:30", "12:00")
    ]

    # Asked again from this pull's newest time, nothing comes back: the newest service is not repeated.
    following = next_since(output)
    before_nothing = row_counts(app_b)
    quiet = carrefour(app_b, "import", api_a, "--since", following)
    assert f"Services pulled from {api_a}: 0 (pages read: 1)." in quiet
    assert next_since(quiet) == following
    assert row_counts(app_b) == before_nothing


def test_on_or_after_the_newest_time_brings_the_services_of_that_time(api_a: str, tmp_path: Path) -> None:
    """The reference's `modified_after` is "on or after": why the next `since` is one unit past the newest."""
    everything = pull(api_a, tmp_path / "all")
    assert everything.newest is not None
    services = json.loads(everything.path.read_text(encoding="utf-8"))
    newest = {s["id"] for s in services if s.get("last_modified") == everything.newest}
    again = pull(api_a, tmp_path / "again", since=everything.newest)
    assert {s["id"] for s in json.loads(again.path.read_text(encoding="utf-8"))} == newest
    assert pull(api_a, tmp_path / "next", since=everything.next_since).services == 0


# --- the client against other servers ----------------------------------------------------------------------


class FakeServer:
    """A WSGI server answering from a list of (status, headers, body), recording each request."""

    def __init__(self, answers: list[tuple[int, dict[str, str], bytes]]) -> None:
        self.answers = answers
        self.requests: list[Request] = []

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        request = Request(environ)
        self.requests.append(request)
        status, headers, body = self.answers[min(len(self.requests), len(self.answers)) - 1]
        return Response(body, status=status, headers=headers)(environ, start_response)


def _page(contents: list[dict[str, Any]], last: bool, number: int = 1) -> bytes:
    return json.dumps(
        {
            "total_items": 3,
            "total_pages": 2,
            "page_number": number,
            "size": len(contents),
            "first_page": number == 1,
            "last_page": last,
            "empty": not contents,
            "contents": contents,
        }
    ).encode()


JSON = {"Content-Type": "application/json"}


def test_pull_asks_only_for_what_the_reference_defines_and_sends_the_key(tmp_path: Path) -> None:
    fake = FakeServer(
        [
            (200, JSON, _page([{"id": "a", "last_modified": "2026-01-02T03:04:05Z"}], last=False)),
            (
                200,
                JSON,
                _page([{"id": "b", "last_modified": "2026-01-05T00:00:00.250Z"}], last=True, number=2),
            ),
        ]
    )
    with served(fake) as address:
        result = pull(f"{address}/hsds/", tmp_path, since="2026-01-01T00:00:00+01:00", api_key="k-123")
    assert (result.pages, result.services, result.newest) == (2, 2, "2026-01-05T00:00:00.250Z")
    assert [s["id"] for s in json.loads(result.path.read_text())] == ["a", "b"]
    official = {"page", "per_page", "full", "modified_after"}
    for number, request in enumerate(fake.requests, start=1):
        assert request.path == "/hsds/services"
        assert set(request.args) <= official | {"lang"}
        assert request.args["page"] == str(number)
        assert request.args["full"] == "true"
        assert request.args["modified_after"] == "2025-12-31T23:00:00Z"  # as the reference writes it
        assert request.headers["X-API-Key"] == "k-123"
    assert result.next_since == "2026-01-05T00:00:00.251Z"


def test_pull_waits_as_retry_after_says_then_goes_on(tmp_path: Path) -> None:
    busy = (429, {**JSON, "Retry-After": "7"}, b'{"errors": [{"message": "slow down"}]}')
    fake = FakeServer([busy, busy, (200, JSON, _page([{"id": "a"}], last=True))])
    waited: list[float] = []
    with served(fake) as address:
        result = pull(address, tmp_path, sleep=waited.append)
    assert waited == [7.0, 7.0]
    assert result.services == 1 and result.newest is None and result.next_since is None


def test_pull_gives_up_on_a_server_that_stays_busy(tmp_path: Path) -> None:
    fake = FakeServer([(429, {"Retry-After": "1"}, b"")])
    with served(fake) as address, pytest.raises(PullError, match="429"):
        pull(address, tmp_path, sleep=lambda seconds: None)
    assert len(fake.requests) > 1


@pytest.mark.parametrize(
    ("answer", "said"),
    [
        ((200, {"Content-Type": "text/html"}, b"<html>hello</html>"), "text/html, not JSON"),
        ((200, JSON, b"{not json"), "invalid JSON"),
        ((200, JSON, b'{"items": []}'), "not an HSDS page"),
        ((200, JSON, json.dumps({"contents": [{"id": "a"}]}).encode()), "not an HSDS page"),
        ((200, JSON, _page([{"name": "no id"}], last=True)), "item 1"),
        ((404, {"Content-Type": "text/html"}, b"<html>Not Found</html>"), "HTTP 404"),
        ((400, JSON, b'{"errors": [{"field": "per_page", "message": "too big"}]}'), "per_page: too big"),
        ((503, JSON, b"{}"), "HTTP 503"),
    ],
)
def test_pull_says_which_address_answered_what(
    tmp_path: Path, answer: tuple[int, dict[str, str], bytes], said: str
) -> None:
    with served(FakeServer([answer])) as address, pytest.raises(PullError) as raised:
        pull(address, tmp_path)
    assert said in str(raised.value)
    assert f"{address}/services?" in str(raised.value)
    assert list(tmp_path.iterdir()) == []  # no half-written file left


def test_pull_says_when_nothing_answers(tmp_path: Path) -> None:
    with served(FakeServer([])) as address:
        pass  # the port is closed again
    with pytest.raises(PullError, match="did not answer"):
        pull(address, tmp_path)


def test_the_command_says_what_went_wrong_and_changes_nothing(app_b: Flask, api_a: str) -> None:
    with app_b.app_context():
        before = db.session.scalar(select(func.count()).select_from(Service))
    runner = app_b.test_cli_runner()
    failed = runner.invoke(args=["import", api_a, "--since", "yesterday"], env=ENGLISH)
    assert failed.exit_code == 1
    assert "yesterday" in failed.output
    wrong = runner.invoke(args=["import", "some/folder", "--since", "2026-01-01T00:00:00Z"], env=ENGLISH)
    assert wrong.exit_code == 2
    assert "--since" in wrong.output
    with app_b.app_context():
        assert db.session.scalar(select(func.count()).select_from(Service)) == before
