"""The project runs and tests from its own checkout: nothing beside it is read."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.data import BOROUGHS_GEOJSON, HSDS_DATAPACKAGE, compiled_schema
from tests import outside_reads


def test_a_file_opened_beside_the_checkout_is_caught(tmp_path: Path) -> None:
    # The guard itself: a path in the folder that holds the checkout, as `../shared/...` was.
    beside = outside_reads.PROJECT_ROOT.parent / "shared" / "hsds-3.0" / "datapackage.json"
    outside_reads.opened_outside.clear()
    with pytest.raises(OSError):
        open(beside.parent / "surely-not-here.json", encoding="utf-8")  # noqa: SIM115
    assert outside_reads.opened_outside == [str(beside.parent / "surely-not-here.json")]
    outside_reads.opened_outside.clear()  # this test's own read is the one allowed
    (tmp_path / "x").write_text("x")
    assert outside_reads.opened_outside == []  # temporary folders are not beside the checkout


def test_the_reference_files_ship_inside_the_project() -> None:
    root = outside_reads.PROJECT_ROOT
    for path in (HSDS_DATAPACKAGE, BOROUGHS_GEOJSON):
        assert root in path.resolve().parents and path.is_file()
    assert compiled_schema("service")["name"] == "service"
    for licence in ("hsds-3.0/LICENSE", "hsds-3.0/SOURCE.md", "SOURCE.md"):
        assert (root / "app" / "data" / licence).is_file()
    assert "CC BY 4.0" in (root / "app" / "data" / "SOURCE.md").read_text(encoding="utf-8")


def test_no_code_names_a_folder_beside_the_checkout() -> None:
    root = outside_reads.PROJECT_ROOT
    offenders = []
    for folder in ("app", "importers", "indexer", "bench", "tests", "migrations"):
        for path in (root / folder).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            if "/work/shared" in text or '"shared" /' in text or 'parent / "shared"' in text:
                offenders.append(str(path.relative_to(root)))
    offenders = [o for o in offenders if o != "tests/meta/test_self_contained.py"]
    assert not offenders
