"""The OpenAPI document Carrefour serves: the official HSDS 3.0 `openapi.json` (shipped in app/data with its
licence), its placeholders filled in, its known errata corrected, and extended only where Carrefour adds
something. Every change is listed in ERRATA and EXTENSIONS (the README repeats them).

The official `$ref`s point at the specification's GitHub copy; here they point at the same schemas served
by Carrefour itself (`/api/hsds/schema/...`), so a client needs nothing but this server.
"""

from __future__ import annotations

import copy
from functools import cache, lru_cache
from typing import Any

from app.data import HSDS_SCHEMA_DIR, hsds_schema

OFFICIAL_PREFIX = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
MAX_PER_PAGE = 500
DEFAULT_PER_PAGE = 50
MAX_MINIMAL_PER_PAGE = 10_000  # `minimal` asks for every service in one call
MAX_PAGE = 1_000_000_000  # far beyond any directory; keeps offsets within a 64-bit integer
MAX_PROXIMITY_M = 1_000_000
MAX_TEXT = 200  # a search, an id or a postcode
_TEXT_PARAMETERS = ("search", "taxonomy_term_id", "taxonomy_id", "organization_id", "postcode", "parent_id")
PROFILE_PATH = "/api/hsds/profile"

ERRATA = (
    "`/service_at_locations/{id}` answers a service_at_location (compiled/service_at_location.json), not a "
    "service as the official document says",
    "`/taxonomy_terms` declares `top_only` and `parent_id` as parameter objects (the official document "
    "lists their bare names)",
    "`modified_after` has the JSON Schema format `date-time` (the official document writes `datetime`)",
    "`proximity` is a number of metres (the official document types it as a string)",
)
EXTENSIONS = (
    "`lang` (fr or en) on every endpoint, and the `translations` property of the Carrefour profile",
    "`format=ndjson` answers are declared as application/x-ndjson",
    "the 304, 400, 404, 429 and 503 (search unavailable) answers, with their JSON error body, and the 301 "
    "of a service's or organization's id merged into another",
    "`minimal` services ({id, last_modified}) and `full` records among a list's possible items",
    f"the limits the API enforces, declared: `page` at most {MAX_PAGE}, `per_page` at most {MAX_PER_PAGE} "
    f"(`/services`: {MAX_MINIMAL_PER_PAGE} with `minimal`), `proximity` at most {MAX_PROXIMITY_M} metres, "
    f"text parameters at most {MAX_TEXT} characters",
)


def _ref(target: str) -> dict[str, str]:
    return {"$ref": target}


def _error_response(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": _ref("#/components/schemas/Errors")}},
    }


_PARAMETERS: dict[str, dict[str, Any]] = {
    "lang": {
        "name": "lang",
        "in": "query",
        "required": False,
        "description": "Language of the texts (Carrefour): fr or en. Without it, Accept-Language decides.",
        "schema": {"type": "string", "enum": ["fr", "en"]},
    },
    "top_only": {
        "name": "top_only",
        "in": "query",
        "required": False,
        "description": "Only the terms without a parent.",
        "schema": {"type": "boolean"},
    },
    "parent_id": {
        "name": "parent_id",
        "in": "query",
        "required": False,
        "description": "Only the terms whose parent is this term.",
        "schema": {"type": "string"},
    },
}


@cache
def _document_template() -> dict[str, Any]:
    document = copy.deepcopy(hsds_schema("openapi"))
    document["info"] = {
        "title": "Carrefour HSDS API",
        "version": "3.0.0-carrefour.1",
        "summary": "The Carrefour directory as an Open Referral HSDS 3.0 publisher (read-only).",
        "description": (
            "Services, organizations, services at locations and taxonomies in HSDS 3.0, in French and "
            f"English (`lang`, or Accept-Language). Pages hold at most {MAX_PER_PAGE} items. "
            "Corrected errata of the official document: "
            + "; ".join(ERRATA)
            + ". Carrefour's additions: "
            + "; ".join(EXTENSIONS)
            + "."
        ),
        "license": {"name": "CC BY-SA 4.0 (the HSDS specification)", "identifier": "CC-BY-SA-4.0"},
    }
    components = document["components"]
    components["parameters"].update(_PARAMETERS)
    parameters = components["parameters"]
    parameters["modified_after"]["schema"] = {"type": "string", "format": "date-time"}
    parameters["proximity"]["schema"] = {"type": "number", "minimum": 0, "maximum": MAX_PROXIMITY_M}
    parameters["page"]["schema"] = {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1}
    for name in _TEXT_PARAMETERS:
        parameters[name]["schema"]["maxLength"] = MAX_TEXT
    per_page = parameters["per_page"]
    # `/services` alone takes `minimal`, and with it larger pages: its own `per_page`, with that maximum.
    parameters["services_per_page"] = {
        **per_page,
        "description": per_page["description"]
        + f" At most {MAX_PER_PAGE}, or {MAX_MINIMAL_PER_PAGE} with `minimal` (its default then); more is "
        "refused (400).",
        "schema": {
            "type": "integer",
            "minimum": 1,
            "maximum": MAX_MINIMAL_PER_PAGE,
            "default": DEFAULT_PER_PAGE,
        },
    }
    per_page["schema"] = {
        "type": "integer",
        "minimum": 1,
        "maximum": MAX_PER_PAGE,
        "default": DEFAULT_PER_PAGE,
    }
    per_page["description"] += f" At most {MAX_PER_PAGE}; more is refused (400)."
    parameters["format"]["schema"] = {"type": "string", "enum": ["json", "ndjson"], "default": "json"}
    components["schemas"]["Page"]["required"] = [
        "total_items",
        "total_pages",
        "page_number",
        "size",
        "first_page",
        "last_page",
        "empty",
        "contents",
    ]
    components["schemas"]["Errors"] = {
        "type": "object",
        "required": ["errors"],
        "properties": {
            "errors": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["field", "message"],
                    "properties": {"field": {"type": "string"}, "message": {"type": "string"}},
                },
            }
        },
    }
    # Closed, with the service's own id format: open, it would accept any object with an id, and so let
    # any broken list item pass as a minimal one.
    components["schemas"]["ServiceMinimal"] = {
        "type": "object",
        "required": ["id"],
        "additionalProperties": False,
        "properties": {
            "id": {"type": "string", "format": "uuid"},
            "last_modified": {"type": "string", "format": "date-time"},
        },
    }
    paths = document["paths"]
    paths["/taxonomy_terms"]["get"]["parameters"] = [
        p if isinstance(p, dict) else _ref(f"#/components/parameters/{p}")
        for p in paths["/taxonomy_terms"]["get"]["parameters"]
    ]
    paths["/services"]["get"]["parameters"] = [
        _ref("#/components/parameters/services_per_page")
        if p == _ref("#/components/parameters/per_page")
        else p
        for p in paths["/services"]["get"]["parameters"]
    ]
    sal = paths["/service_at_locations/{id}"]["get"]["responses"]["200"]["content"]["application/json"]
    sal["schema"] = _ref(OFFICIAL_PREFIX + "compiled/service_at_location.json")
    _widen_list_items(paths)
    for path, item in paths.items():
        operation = item["get"]
        operation.setdefault("parameters", []).append(_ref("#/components/parameters/lang"))
        responses = operation["responses"]
        responses["304"] = {"description": "Not modified since the ETag or date the request gave."}
        responses["400"] = _error_response("A parameter is wrong; `field` names it.")
        responses["429"] = _error_response("Too many requests; try again after Retry-After seconds.")
        if path in ("/services/{id}", "/organizations/{id}"):
            responses["301"] = {
                "description": "This record was merged into another: `Location` gives the kept one.",
                "headers": {"Location": {"schema": {"type": "string", "format": "uri-reference"}}},
            }
        if "{id}" in path:
            responses["404"] = _error_response("No record has this id.")
        elif path != "/":
            responses["503"] = _error_response("Search is unavailable for now; try again later.")
            json_schema = responses["200"]["content"]["application/json"]["schema"]
            items = json_schema["properties"]["contents"]["items"]
            responses["200"]["content"]["application/x-ndjson"] = {"schema": items}
    return document


def _widen_list_items(paths: dict[str, Any]) -> None:
    """A list's items are the list form, or the full form with `full`, or the minimal one with `minimal`."""
    full_forms = {
        "/services": [OFFICIAL_PREFIX + "compiled/service.json", "#/components/schemas/ServiceMinimal"],
        "/organizations": [OFFICIAL_PREFIX + "compiled/organization.json"],
        "/service_at_locations": [OFFICIAL_PREFIX + "compiled/service_at_location.json"],
    }
    for path, extra in full_forms.items():
        schema = paths[path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        items = schema["properties"]["contents"]["items"]
        schema["properties"]["contents"]["items"] = {"anyOf": [items, *(_ref(e) for e in extra)]}
        schema["properties"]["contents"]["type"] = "array"


def _point_refs(node: Any, base: str) -> Any:
    if isinstance(node, dict):
        return {
            k: (
                v.replace(OFFICIAL_PREFIX, base)
                if k == "$ref" and isinstance(v, str)
                else _point_refs(v, base)
            )
            for k, v in node.items()
        }
    if isinstance(node, list):
        return [_point_refs(v, base) for v in node]
    return node


@lru_cache(maxsize=8)  # one per address the server is reached at; answered as is, never changed
def openapi_document(root_url: str) -> dict[str, Any]:
    """The document for a server reached at `root_url` (e.g. https://carrefour.example.org/api/hsds)."""
    root = root_url.rstrip("/")
    document = _point_refs(_document_template(), f"{root}/schema/")
    document["servers"] = [{"url": root, "description": "Carrefour"}]
    return document  # type: ignore[no-any-return]


@cache
def table_schema_names() -> frozenset[str]:
    """The HSDS table schemas served under /schema/ (the compiled ones' `$ref`s point at them)."""
    return frozenset(p.stem for p in HSDS_SCHEMA_DIR.glob("*.json") if p.stem != "openapi")


@cache
def compiled_schema_names() -> frozenset[str]:
    return frozenset(
        p.name.removesuffix(".json.gz") for p in (HSDS_SCHEMA_DIR / "compiled").glob("*.json.gz")
    )
