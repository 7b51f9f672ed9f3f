"""Reference data shipped inside the project (see SOURCE.md): the contracts, HSDS 3.0 and the boroughs.

Nothing Carrefour runs or tests reads outside its checkout; every such file is found through here.
"""

from __future__ import annotations

import gzip
import json
from functools import cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent
HSDS_DIR = DATA_DIR / "hsds-3.0"
HSDS_DATAPACKAGE = HSDS_DIR / "datapackage.json"
HSDS_SCHEMA_DIR = HSDS_DIR / "schema"
HSDS_EXAMPLES = HSDS_DIR / "examples"
TAXONOMY_CSV = DATA_DIR / "taxonomy.csv"
BOROUGHS_GEOJSON = DATA_DIR / "montreal-boroughs.geojson"
NEED_PROFILE_SCHEMA = DATA_DIR / "need-profile.schema.json"
ASSESSMENT_YAML = DATA_DIR / "assessment.yaml"


@cache
def compiled_schema(name: str) -> dict[str, Any]:
    """One of HSDS 3.0's compiled schemas (`service`, `organization`...), as published."""
    path = HSDS_SCHEMA_DIR / "compiled" / f"{name}.json.gz"
    with gzip.open(path, "rb") as handle:
        return json.load(handle)  # type: ignore[no-any-return]


def hsds_schema(name: str) -> dict[str, Any]:
    """One of HSDS 3.0's table schemas (`schema/<name>.json`), or `openapi`."""
    return json.loads((HSDS_SCHEMA_DIR / f"{name}.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]
