"""A result card says one thing whichever way it is drawn (the search document the engine hands back, or the
database when it does not), on the cases where the two ways once disagreed."""

from __future__ import annotations

import csv
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from flask import Flask

from app.core.hours import LOCAL
from app.directory.queries import Card, cards
from app.web.extensions import db
from app.web.search import search_service
from indexer.query import SearchQuery
from tests.helpers import invoke, write_csv
from tests.matching.builder import Spec, build


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _directory(folder: Path) -> Path:
    build(
        folder,
        [
            # The place lists a language the service does not.
            Spec("spoken", name="Spoken", languages=("fr",)),
            # The place says free, the service's only cost option is not.
            Spec("fees", name="Fees", costs=(5,), location_features=("free",)),
            # The place says by phone or online, the service and the location type do not.
            Spec("tagged", name="Tagged", location_features=("virtual",)),
            # A virtual location.
            Spec("line", name="Line", remote=True),
            # No location at all, nothing saying it is by phone or online.
            Spec("nowhere", name="Nowhere", costs=(0,)),
        ],
    )
    languages = _rows(folder / "languages.csv")
    languages.append({"id": "l-place-es", "service_id": "", "code": "es", "name": "es"})
    for row in languages:
        row["location_id"] = "loc-spoken-0" if row["id"] == "l-place-es" else ""
    write_csv(folder / "languages.csv", languages, ["id", "service_id", "location_id", "code", "name"])
    for name in ("locations.csv", "service_at_location.csv"):
        rows = [row for row in _rows(folder / name) if "nowhere" not in row["id"]]
        write_csv(folder / name, rows)
    return folder


def test_cards_agree_where_the_builders_once_disagreed(app: Flask, tmp_path: Path) -> None:
    folder = _directory(tmp_path / "edges")
    assert invoke(app, "import", str(folder), "--lang", "en", "--source", "edges").exit_code == 0
    now = datetime(2026, 11, 23, 10, 30, tzinfo=LOCAL)
    with app.app_context():
        hits = search_service(app).search(SearchQuery(lang="en", page_size=50)).hits
        assert all(hit.payload is not None for hit in hits)
        from_index = cards(db.session, hits, "en", now)
        from_database = cards(db.session, [replace(hit, payload=None) for hit in hits], "en", now)
    assert from_index == from_database
    found: dict[str, Card] = {card.name.text: card for card in from_index}
    assert set(found) == {"Spoken", "Fees", "Tagged", "Line", "Nowhere"}
    # The languages of the service and of its place, as the language filter reads them.
    assert found["Spoken"].languages == ["es", "fr"]
    # Cost and "by phone or online" are the service's facts (and a virtual location's), as the matcher
    # reads them: a place's own features do not change them.
    assert found["Fees"].free is False
    assert (found["Tagged"].remote, found["Tagged"].lat is not None) == (False, True)
    assert (found["Line"].remote, found["Line"].lat) == (True, None)
    # A service without a place is unplaced, not remote: nothing says it is by phone or online.
    assert (found["Nowhere"].remote, found["Nowhere"].free, found["Nowhere"].lat) == (False, True, None)
