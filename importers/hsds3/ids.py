"""Carrefour ids: the source's own UUID when it has one, else a UUID derived from source, table and id.

A derived id is stable (uuid5), so the same row of the same source always gets the same id, and an export
is valid HSDS 3.0 (whose ids are UUIDs) whatever ids the source used.
"""

from __future__ import annotations

import uuid

NAMESPACE = uuid.UUID("6f1c1d2e-8a51-5b8e-9a53-0c5a1e4f2b10")


def canonical_id(value: str) -> str | None:
    """The canonical (lower-case, hyphenated) form of a UUID, or None when `value` is not one."""
    try:
        return str(uuid.UUID(value.strip()))
    except (ValueError, AttributeError):
        return None


def derived_id(source: str, resource: str, source_id: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{source}/{resource}/{source_id}"))
