"""The Carrefour profile of HSDS 3.0, served at /api/hsds/profile: what Carrefour adds to the standard, all of
it optional for a reader that knows only HSDS (every answer validates against the official schemas)."""

from __future__ import annotations

from typing import Any

PROFILE: dict[str, Any] = {
    "name": "carrefour-bilingual",
    "title": "Carrefour: HSDS 3.0 in French and English",
    "hsds_version": "3.0",
    "description": (
        "Texts are answered in one language, French or English: `lang=fr|en`, else the request's "
        "Accept-Language (the answer then varies on it: `Vary: Accept-Language`), else the directory's "
        'default. `Content-Language` says which; `Link: rel="alternate"; hreflang=...` gives the address of '
        "the other. Every object with translatable text also carries `translations`: for each language "
        "the directory holds it in, its translatable fields in that language (so a reader tells a text from "
        "the other language's fallback, and one answer is enough to rebuild both; Carrefour's HSDS importer "
        "reads it back)."
    ),
    "parameters": {
        "lang": {"in": "query", "schema": {"type": "string", "enum": ["fr", "en"]}},
    },
    "properties": {
        "translations": {
            "description": 'Translatable fields by language: {"fr": {"name": ...}, "en": {"name": ...}}.',
            "type": "object",
            "propertyNames": {"enum": ["fr", "en"]},
            "additionalProperties": {"type": "object", "additionalProperties": {"type": "string"}},
        },
        "last_modified": {
            "description": (
                "On services: the last change to the service or anything about it (its places, hours, "
                "contacts...), from an import, the agency portal or staff; `modified_after` reads the same."
            ),
            "type": "string",
            "format": "date-time",
        },
        "metadata": {
            "description": (
                "Field-level history: the agency portal's published changes (resource, field, previous and "
                "replacement values, who, when) and the imports' own metadata rows."
            )
        },
    },
    "limits": {
        "per_page": "at most 500 (10,000 with `minimal`); more is refused with 400",
        "rate": "per address, CARREFOUR_API_RATE_LIMIT (1200/minute by default); an API key "
        "(header X-API-Key) has its own limit",
    },
}
