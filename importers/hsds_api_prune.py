"""After a pull from an HSDS API is imported: what the pulled records no longer list leaves the directory.

A file import never deletes what a file leaves out (a file may hold part of a directory). A full service
from an API is the whole record: its phones, hours, places, its organization's locations... So when a
pulled object lists its phones, a phone of the same source under that object that the list no longer
holds was removed at the source (an agency replaced its phones), and is removed here too, with what
hangs from it. Only a list that is present and whose every item has an id is read this way: a list left
out says nothing, and without ids the rows cannot be told apart. Rows of other sources (this directory's
own agency edits) are never touched.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.core.changes import affected_services, record_changes
from app.core.tables import MODELS, ORDER
from importers.hsds3.reader import NESTED

BATCH = 500

# Objects nested one to one: walked for their own lists, never removed from here.
SINGLES: dict[str, dict[str, str]] = {
    "service": {"organization": "organization", "program": "program"},
    "service_at_location": {"location": "location"},
}
# The lists a full service nests, for each table: key -> (child table, the child's column naming the
# parent). The reader's own map (its one-to-one objects left out), and the attributes it reads apart.
LISTS: dict[str, dict[str, tuple[str, str]]] = {
    resource: {
        key: (child, fk)
        for key, (child, fk) in keys.items()
        if fk is not None and key not in SINGLES.get(resource, {})
    }
    | (
        {"attributes": ("attribute", "link_id")}
        if resource in ("service", "organization", "location")
        else {}
    )
    for resource, keys in NESTED.items()
}


class _Walk:
    """What the pulled records hold: every id by table, and the (table, id, key) lists given whole."""

    def __init__(self) -> None:
        self.held: dict[str, set[str]] = defaultdict(set)
        self.whole: dict[tuple[str, str], set[str]] = defaultdict(set)  # (table, key) -> parent ids

    def object(self, table: str, obj: dict[str, Any]) -> None:
        own = obj.get("id") if isinstance(obj.get("id"), str) else None
        if own:
            self.held[table].add(own)
        for key, (child, _) in LISTS.get(table, {}).items():
            value = obj.get(key)
            if not isinstance(value, list):
                continue
            items = [item for item in value if isinstance(item, dict)]
            for item in items:
                self.object(child, item)
            if own and len(items) == len(value) and all(isinstance(i.get("id"), str) for i in items):
                self.whole[(table, key)].add(own)
        for key, child in SINGLES.get(table, {}).items():
            if isinstance(obj.get(key), dict):
                self.object(child, obj[key])


def _batches(values: Iterable[str]) -> Iterable[list[str]]:
    items = list(values)
    for start in range(0, len(items), BATCH):
        yield items[start : start + BATCH]


def _ids(session: Session, table: str, source: str, source_ids: Iterable[str]) -> dict[str, str]:
    """This directory's ids of a source's rows, by the ids the source gave them."""
    model = MODELS[table].__table__
    found: dict[str, str] = {}
    for batch in _batches(source_ids):
        statement = select(model.c.source_id, model.c.id).where(
            model.c.data_source == source, model.c.source_id.in_(batch)
        )
        found.update({source_id: row_id for source_id, row_id in session.execute(statement)})
    return found


def _hanging(session: Session, source: str, table: str, parent_ids: set[str]) -> dict[str, set[str]]:
    """The source's rows that hang from rows of `table` about to go (a phone's languages...), every level."""
    found: dict[str, set[str]] = defaultdict(set)
    for child, column in LISTS.get(table, {}).values():
        if child == "attribute":
            continue  # attributes are followed by their link below
        model = MODELS[child].__table__
        for batch in _batches(parent_ids):
            found[child].update(
                session.scalars(
                    select(model.c.id).where(model.c.data_source == source, model.c[column].in_(batch))
                )
            )
    attribute = MODELS["attribute"].__table__
    for batch in _batches(parent_ids):
        found["attribute"].update(
            session.scalars(
                select(attribute.c.id).where(
                    attribute.c.data_source == source,
                    attribute.c.link_entity == table,
                    attribute.c.link_id.in_(batch),
                )
            )
        )
    return found


def prune(session: Session, source: str, pulled: Path) -> dict[str, int]:
    """Remove the rows of `source` that the pulled records' lists no longer hold; {table: rows removed}.
    In the caller's transaction; the services it changes are written to the change log."""
    walk = _Walk()
    for service in orjson.loads(pulled.read_bytes()):
        if isinstance(service, dict):
            walk.object("service", service)
    gone: dict[str, set[str]] = defaultdict(set)
    for (table, key), parents in walk.whole.items():
        child, column = LISTS[table][key]
        model = MODELS[child].__table__
        parent_ids = list(_ids(session, table, source, parents).values())
        for batch in _batches(parent_ids):
            conditions = [model.c.data_source == source, model.c[column].in_(batch)]
            if child == "attribute":
                conditions.append(model.c.link_entity == table)
            for row_id, source_id in session.execute(
                select(model.c.id, model.c.source_id).where(*conditions)
            ):
                if source_id not in walk.held[child]:
                    gone[child].add(row_id)
    # What hangs from a removed row goes with it (a removed location's addresses), level after level.
    todo = {table: set(ids) for table, ids in gone.items() if ids}
    while todo:
        table, ids = todo.popitem()
        for child, found in _hanging(session, source, table, ids).items():
            new = found - gone[child]
            if new:
                gone[child] |= new
                todo.setdefault(child, set()).update(new)
    if not any(gone.values()):
        return {}
    services = affected_services(session, {table: set(ids) for table, ids in gone.items()})
    for table in reversed(ORDER):  # children before the rows they point to
        model = MODELS[table].__table__
        for batch in _batches(gone.get(table, ())):
            session.execute(delete(model).where(model.c.id.in_(batch)))
    services = {sid for sid in services if sid not in gone.get("service", set())}
    record_changes(session, services, f"import:{source}")
    session.flush()
    session.expire_all()
    return {table: len(ids) for table, ids in gone.items() if ids}
