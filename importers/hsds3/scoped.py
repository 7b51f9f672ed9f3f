"""The rows a few records nest, fetched on demand: the API's loading (the file export loads every row).

The nesting (`nesting.py`) is walked in sketch mode, which builds no values; every row, or list of rows
pointing to a parent, that it asks for and this source lacks is noted. What was noted is then fetched for
all the records at once, one statement per table (the columns it is asked by ORed, each an `IN (...)` list,
`batching.BATCH` ids at most), and the walk starts again, until it asks for nothing new: one round per level
of nesting, whatever the number of records. The objects are then built once. Nothing here knows what an
object nests: the nesting says it by asking, so the export and the API cannot drift apart.

Every row is asked for its attributes and metadata; those are asked for once the tree of rows they hang on
is known, and fetched when nothing else is wanted, for all rows at once rather than at every level. An
attribute comes with what the crosswalk reads of its term, so the links the export adds to core terms
(`export_links.py`) cost no statement of their own.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Callable
from functools import cache
from typing import Any, TypeVar

from sqlalchemy import Select, Table, bindparam, or_, select
from sqlalchemy.orm import Session

from importers.hsds3.batching import batched
from importers.hsds3.export_links import TERM_FACTS, core_links, with_term_facts
from importers.hsds3.nesting import Nester, Row
from importers.hsds3.spec import tables

T = TypeVar("T")

_ID = "id"  # a row asked for by its own id; any other field is a list of rows pointing to a parent
_LINK = "link_id"
# Asked of every row (and of the terms and taxonomies they lead to): fetched when nothing else is wanted.
_LAST = frozenset({"attribute", "metadata"})


class ScopedRows:
    """A `RowSource` that holds only what was fetched, and notes what was asked for and missing."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.by_id: dict[str, dict[str, Row]] = defaultdict(dict)
        self.lists: dict[tuple[str, str, str], list[Row]] = {}
        self.fetched_ids: dict[str, set[str]] = defaultdict(set)  # found or not: never asked twice
        self.wanted: dict[str, set[tuple[str, str]]] = defaultdict(set)  # resource -> (field, value)
        self.rounds = 0
        self.misses = 0

    def row(self, resource: str, row_id: str | None) -> Row | None:
        if not row_id:
            return None
        found = self.by_id[resource].get(row_id)
        if found is None and row_id not in self.fetched_ids[resource]:
            self.wanted[resource].add((_ID, row_id))
            self.misses += 1
        return found

    def children(self, resource: str, field: str, parent_id: str) -> list[Row]:
        found = self.lists.get((resource, field, parent_id))
        if found is None:
            self.wanted[resource].add((field, parent_id))
            self.misses += 1
            return []
        return found

    @property
    def complete(self) -> bool:
        return not self.wanted

    def fetch(self) -> None:
        """One round: what was noted since the last, one statement per table and batch."""
        now = [r for r in self.wanted if r not in _LAST] or list(self.wanted)
        self.rounds += 1
        for resource in now:
            for batch in batched(self.wanted.pop(resource)):
                self._fetch(resource, batch)

    def _fetch(self, resource: str, asks: list[tuple[str, str]]) -> None:
        by_field: dict[str, set[str]] = defaultdict(set)
        for field, value in asks:
            by_field[field].add(value)
        fields = tuple(sorted(by_field))
        self.fetched_ids[resource].update(by_field.get(_ID, ()))
        for field in fields:
            if field != _ID:
                for value in by_field[field]:
                    self.lists[(resource, field, value)] = []
        statement, columns = _statement(resource, fields)
        params = {f"p_{field}": sorted(by_field[field]) for field in fields}
        crosswalked: list[tuple[Any, ...]] = []
        for mapping in self.session.execute(statement, params).mappings():
            found = dict(mapping)
            facts = tuple(found.pop(name) for name in TERM_FACTS) if resource == "attribute" else ()
            row = self.by_id[resource].setdefault(found["id"], found)
            for field, column in zip(fields, columns, strict=True):
                key = row.get(column)
                if field != _ID and key in by_field[field]:
                    self.lists[(resource, field, key)].append(row)
            if facts and row.get(_LINK) in by_field.get(_LINK, ()):
                crosswalked.append((row["link_entity"], row[_LINK], *facts))
        if crosswalked:
            self._add_core_links(crosswalked)

    def _add_core_links(self, attributes: list[tuple[Any, ...]]) -> None:
        """The links the export adds to the core terms the crosswalk found, in their place by id."""
        added: dict[str, list[Row]] = defaultdict(list)
        for row in core_links(attributes):
            stored = self.by_id["attribute"].setdefault(str(row["id"]), row)
            added[str(row[_LINK])].append(stored)
        for link_id, rows in added.items():
            key = ("attribute", _LINK, link_id)
            self.lists[key] = list(heapq.merge(self.lists[key], rows, key=lambda r: str(r["id"])))


@cache
def _statement(resource: str, fields: tuple[str, ...]) -> tuple[Select[Any], tuple[str, ...]]:
    """The statement that fetches rows of `resource` by these fields (and the column of each), built once:
    its `IN` lists are expanding parameters, `p_<field>`. Rows come by id, as the export reads every table,
    so each list of children is in the export's order."""
    spec = tables()[resource]
    table: Table = spec.model.__table__
    columns = tuple(spec.get(f).column if spec.get(f) else f for f in fields)  # type: ignore[union-attr]
    condition = or_(
        *(table.c[c].in_(bindparam(f"p_{f}", expanding=True)) for f, c in zip(fields, columns, strict=True))
    )
    statement = select(table)
    if resource == "attribute":
        statement = with_term_facts(statement)
    return statement.where(condition).order_by(table.c.id), columns


def resolve(session: Session, lang: str | None, bilingual: bool, build: Callable[[Nester], T]) -> T:
    """What `build` makes of the rows it asks for, fetching them round by round. The API's form
    (`bilingual`) also writes empty lists: a record that no longer lists a phone says so to a reader in
    sync (`importers/hsds_api_prune.py`)."""
    source = ScopedRows(session)
    nester = Nester(source, lang, bilingual, empty_lists=bilingual)
    for attached in (False, True):  # the tree, then what hangs on each of its rows
        nester.begin(sketch=True, attached=attached)
        build(nester)
        while not source.complete:
            source.fetch()
            nester.begin(sketch=True, attached=attached)
            build(nester)
    nester.begin(sketch=False)
    return build(nester)
