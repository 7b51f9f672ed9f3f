"""Carrefour ids: the source's own UUID when it has one, else a UUID derived from source, table and id.

A derived id is stable (uuid5), so the same row of the same source always gets the same id, and an export
is valid HSDS 3.0 (whose ids are UUIDs) whatever ids the source used.

Rows that carry details of another row (a schedule, a language, a phone...) often come without an id, or
with their owner's id repeated on every row, in real exports: their source id is then derived from what
the row holds (`content_digest`), so the next import of the same file finds the same rows again.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Mapping
from typing import Any

NAMESPACE = uuid.UUID("6f1c1d2e-8a51-5b8e-9a53-0c5a1e4f2b10")


def canonical_id(value: str) -> str | None:
    """The canonical (lower-case, hyphenated) form of a UUID, or None when `value` is not one."""
    try:
        return str(uuid.UUID(value.strip()))
    except (ValueError, AttributeError):
        return None


def derived_id(source: str, resource: str, source_id: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{source}/{resource}/{source_id}"))


def content_digest(resource: str, data: Mapping[str, Any]) -> str:
    """A SHA-256 of what a row holds (its id and empty cells aside, column order aside): two rows with the
    same digest say the same thing."""
    cells = sorted(
        (str(column), str(value).strip())
        for column, value in data.items()
        if column != "id" and value is not None and str(value).strip()
    )
    blob = json.dumps([resource, cells], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def content_source_id(resource: str, data: Mapping[str, Any]) -> str:
    """The source id of a detail row that has none: its table and 16 hex digits of its content's digest."""
    return f"{resource}-{content_digest(resource, data)[:16]}"
