"""A small imported directory for the portal's tests: one organization, two services, one location with
hours, written as an HSDS 3.0 CSV package and imported like any agency's export."""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from sqlalchemy import select

from app.core.models import Organization, Service
from app.web.extensions import db
from tests.helpers import invoke, write_csv

SOURCE = "agency-export"


def write_package(
    folder: Path, *, org_name: str = "Cuisine collective du Plateau", hours: str = "09:00"
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    write_csv(
        folder / "organizations.csv",
        [
            {
                "id": "org-1",
                "name": org_name,
                "description": "Repas et cuisine collective",
                "website": "https://cuisineplateau.org",
                "email": "info@cuisineplateau.org",
            }
        ],
    )
    write_csv(
        folder / "services.csv",
        [
            {
                "id": "svc-1",
                "organization_id": "org-1",
                "name": "Dépannage alimentaire",
                "description": "Paniers d'épicerie chaque semaine",
                "status": "active",
                "eligibility_description": "Résidents du Plateau",
            },
            {
                "id": "svc-2",
                "organization_id": "org-1",
                "name": "Cuisine collective",
                "description": "Cuisiner ensemble à petit prix",
                "status": "active",
                "eligibility_description": "",
            },
        ],
    )
    write_csv(
        folder / "locations.csv",
        [
            {
                "id": "loc-1",
                "organization_id": "org-1",
                "location_type": "physical",
                "name": "Local principal",
                "latitude": "45.5230",
                "longitude": "-73.5800",
            }
        ],
    )
    write_csv(
        folder / "service_at_location.csv",
        [
            {"id": "sal-1", "service_id": "svc-1", "location_id": "loc-1"},
            {"id": "sal-2", "service_id": "svc-2", "location_id": "loc-1"},
        ],
    )
    write_csv(
        folder / "schedules.csv",
        [
            {
                "id": "sch-1",
                "location_id": "loc-1",
                "freq": "WEEKLY",
                "byday": "MO,TU,WE",
                "opens_at": hours,
                "closes_at": "17:00",
            }
        ],
    )
    return folder


def import_package(app: Flask, folder: Path) -> str:
    result = invoke(app, "import", str(folder), "--format", "hsds3", "--source", SOURCE)
    assert result.exit_code == 0, result.output
    return result.output


def ids(app: Flask) -> dict[str, str]:
    """Carrefour ids of the package's rows, by their source id."""
    with app.app_context():
        found = {o.source_id: o.id for o in db.session.scalars(select(Organization))}
        found |= {s.source_id: s.id for s in db.session.scalars(select(Service))}
        from app.core.models import Location

        found |= {loc.source_id: loc.id for loc in db.session.scalars(select(Location))}
    return found
