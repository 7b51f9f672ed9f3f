"""One food bank listed by two sources (the same organization and service, written two ways), for the
duplicate checks and the merges: each source is an HSDS 3.0 CSV package, imported like any agency's."""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from sqlalchemy import select

from app.core.models import Organization, Service
from app.web.extensions import db
from tests.helpers import invoke, write_csv

CENTRAIDE = {
    "organization": "Entraide Côte-des-Neiges",
    "website": "https://www.entraide-cdn.org/",
    "email": "info@entraide-cdn.org",
    "phone": "514 555-0101",
    "postal_code": "H3T 1Y8",
    "service": "Dépannage alimentaire",
    "description": "Paniers d'épicerie pour les familles du quartier",
    "eligibility": "Résidents de Côte-des-Neiges",
    "service_phone": "514 555-0101",
}
VILLE = {
    "organization": "ENTRAIDE COTE DES NEIGES INC.",
    "website": "",
    "email": "",
    "phone": "(514) 555-0101",
    "postal_code": "h3t1y8",
    "service": "DEPANNAGE ALIMENTAIRE",
    "description": "Aide alimentaire d'urgence, sans rendez-vous",
    "eligibility": "",
    "service_phone": "514 555-0199",
}


def write_source(folder: Path, values: dict[str, str]) -> Path:
    folder.mkdir(parents=True)
    write_csv(
        folder / "organizations.csv",
        [
            {
                "id": "org-1",
                "name": values["organization"],
                "description": "",
                "website": values["website"],
                "email": values["email"],
            }
        ],
    )
    write_csv(
        folder / "services.csv",
        [
            {
                "id": "svc-1",
                "organization_id": "org-1",
                "name": values["service"],
                "description": values["description"],
                "status": "active",
                "eligibility_description": values["eligibility"],
            }
        ],
    )
    write_csv(
        folder / "phones.csv",
        [
            {"id": "ph-org", "organization_id": "org-1", "service_id": "", "number": values["phone"]},
            {"id": "ph-svc", "organization_id": "", "service_id": "svc-1", "number": values["service_phone"]},
        ],
    )
    write_csv(
        folder / "locations.csv",
        [{"id": "loc-1", "location_type": "physical", "organization_id": "org-1", "name": ""}],
    )
    write_csv(
        folder / "addresses.csv",
        [
            {
                "id": "adr-1",
                "location_id": "loc-1",
                "address_1": "5500, chemin de la Côte-des-Neiges",
                "city": "Montréal",
                "state_province": "QC",
                "postal_code": values["postal_code"],
                "country": "CA",
                "address_type": "physical",
            }
        ],
    )
    write_csv(
        folder / "service_at_location.csv", [{"id": "sal-1", "service_id": "svc-1", "location_id": "loc-1"}]
    )
    return folder


def import_twins(app: Flask, tmp_path: Path) -> dict[str, str]:
    """Both sources imported; {"<source>-org" / "<source>-svc": the directory's id}."""
    ids = {}
    for source, values in (("centraide", CENTRAIDE), ("ville", VILLE)):
        folder = write_source(tmp_path / source, values)
        result = invoke(app, "import", str(folder), "--lang", "fr", "--source", source)
        assert result.exit_code == 0, result.output
        with app.app_context():
            ids[f"{source}-org"] = db.session.scalars(
                select(Organization.id).where(Organization.data_source == source)
            ).one()
            ids[f"{source}-svc"] = db.session.scalars(
                select(Service.id).where(Service.data_source == source)
            ).one()
    return ids
