"""HSDS 3.0 records for a few ids, built on demand: what the API answers for one record or one page.

Each function takes ids and gives their objects in that order, an unknown id skipped. Text is in `lang`
(the other language where a row lacks it, as the export does). With `bilingual` (the default here), every
object whose row stores its text in more than one language, or only in the other one, carries the Carrefour
profile's `translations` (`nesting.py`), and a record's lists are written even when empty (the whole
record: nothing listed is "none any more" to a reader in sync). Only the rows the records nest are read
(`scoped.py`); the nesting is the export's, so a full service here is the export's `service_documents`
object (with `bilingual` off, exactly).

Shapes follow the HSDS 3.0 API reference and its compiled schemas:
- services: "full" (`service.json`, `/services/{id}`), "list" (`service_list.json`: one-to-one fields, with
  the organization's and program's), "minimal" (`id` and `last_modified` only, the `minimal` parameter);
- organizations: "list" (`organization_list.json`), "full" (`organization.json`, its services as the least
  the schema allows: `id`, `name`, `status`), "full_service" (its services full, without the organization
  each would nest again);
- service_at_locations: "list" (`service_at_location_list.json`), "full" (`service_at_location.json`, its
  service in the list form);
- taxonomies and taxonomy_terms: the table schemas (a term with its `taxonomy_detail`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Literal

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from importers.hsds3.batching import batched
from importers.hsds3.nesting import Nester, Obj, Row, json_value
from importers.hsds3.scoped import resolve
from importers.hsds3.spec import tables

ServiceShape = Literal["full", "list", "minimal"]
OrganizationShape = Literal["full", "list", "full_service"]
ServiceAtLocationShape = Literal["full", "list"]

# A service nested in an organization's `services` without `full_service`: the fields the schema requires.
_SERVICE_STUB = ("id", "name", "status")


def services(
    session: Session, ids: Sequence[str], lang: str, shape: ServiceShape = "full", bilingual: bool = True
) -> list[Obj]:
    if shape == "minimal":
        return _minimal_services(session, ids)
    builds: dict[str, Callable[[Nester, Row], Obj]] = {"full": Nester.service, "list": _service_list}
    return _records(session, "service", ids, lang, bilingual, _shape(builds, shape))


def organizations(
    session: Session,
    ids: Sequence[str],
    lang: str,
    shape: OrganizationShape = "full",
    bilingual: bool = True,
) -> list[Obj]:
    builds: dict[str, Callable[[Nester, Row], Obj]] = {
        "list": lambda n, row: n.own("organization", row),
        "full": lambda n, row: _organization(n, row, lambda s: n.own("service", s, only=_SERVICE_STUB)),
        "full_service": lambda n, row: _organization(n, row, lambda s: n.service(s, with_organization=False)),
    }
    return _records(session, "organization", ids, lang, bilingual, _shape(builds, shape))


def service_at_locations(
    session: Session,
    ids: Sequence[str],
    lang: str,
    shape: ServiceAtLocationShape = "full",
    bilingual: bool = True,
) -> list[Obj]:
    builds: dict[str, Callable[[Nester, Row], Obj]] = {
        "list": lambda n, row: _with_service(n, row, _location_list(n, row)),
        "full": lambda n, row: _with_service(n, row, n.service_at_location(row)),
    }
    return _records(session, "service_at_location", ids, lang, bilingual, _shape(builds, shape))


def taxonomies(session: Session, ids: Sequence[str], lang: str, bilingual: bool = True) -> list[Obj]:
    return _records(session, "taxonomy", ids, lang, bilingual, lambda n, row: n.obj("taxonomy", row))


def taxonomy_terms(session: Session, ids: Sequence[str], lang: str, bilingual: bool = True) -> list[Obj]:
    return _records(session, "taxonomy_term", ids, lang, bilingual, Nester.term)


# --- shapes ----------------------------------------------------------------------------------------------


def _shape(builds: dict[str, Callable[[Nester, Row], Obj]], shape: str) -> Callable[[Nester, Row], Obj]:
    if shape not in builds:
        raise ValueError(f"unknown shape {shape!r}: one of {', '.join(builds)}")
    return builds[shape]


def _records(
    session: Session,
    resource: str,
    ids: Sequence[str],
    lang: str,
    bilingual: bool,
    build: Callable[[Nester, Row], Obj],
) -> list[Obj]:
    wanted = list(ids)  # walked on every pass

    def make(nester: Nester) -> list[Obj]:
        return [build(nester, row) for row_id in wanted if (row := nester.source.row(resource, row_id))]

    return resolve(session, lang, bilingual, make)


def _service_list(nester: Nester, row: Row) -> Obj:
    """A service's one-to-one fields, with its organization's and program's."""
    result = nester.own("service", row)
    organization = nester.source.row("organization", row["organization_id"])
    if organization:
        result["organization"] = nester.own("organization", organization)
    program = nester.source.row("program", row.get("program_id"))
    if program:
        result["program"] = nester.own("program", program)
    return result


def _organization(nester: Nester, row: Row, service: Callable[[Row], Obj]) -> Obj:
    result = nester.organization(row)
    found = nester.nested("service", "organization_id", row["id"], service)
    if found:
        result["services"] = found
    return result


def _location_list(nester: Nester, row: Row) -> Obj:
    """A service at a location's one-to-one fields, with its location's."""
    result = nester.own("service_at_location", row)
    location = nester.source.row("location", row["location_id"])
    if location:
        result["location"] = nester.own("location", location)
    return result


def _with_service(nester: Nester, row: Row, result: Obj) -> Obj:
    service = nester.source.row("service", row["service_id"])
    if service:
        result["service"] = _service_list(nester, service)
    return result


def _minimal_services(session: Session, ids: Sequence[str]) -> list[Obj]:
    """Each service's id and last change, as the API's `minimal` gives them: one column, no nesting."""
    spec = tables()["service"]
    table: Table = spec.model.__table__
    last_modified = spec.get("last_modified")
    assert last_modified is not None
    found: dict[str, Obj] = {}
    for batch in batched(ids):
        statement = select(table.c.id, table.c[last_modified.column]).where(table.c.id.in_(batch))
        for row_id, changed in session.execute(statement):
            value = json_value(last_modified, changed)
            found[row_id] = {"id": row_id, **({"last_modified": value} if value is not None else {})}
    return [found[row_id] for row_id in ids if row_id in found]
