"""Writing parsed rows: references resolved, each row matched to what the source gave before, then written.

A row is matched by `data_source` + `source_id`: a new row is inserted under a Carrefour id, a changed row
is updated (its version goes up), an identical row is left alone; a chunk's rows go in as a few batched
statements. A reference to a row of the same table may point further down the file, so it is written once
the whole table is in. Nothing here commits: the caller owns the transaction.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import bindparam, insert, select, update

from app.core.orm import utcnow
from app.core.taxonomy import CORE_SOURCE
from importers.dataset import RawRow
from importers.hsds3.context import TableScope
from importers.hsds3.ids import canonical_id, derived_id
from importers.hsds3.rows import ParsedRow
from importers.hsds3.spec import tables
from importers.hsds3.terms import core_link

_DEFERRED = object()  # a reference to this same table, resolved once the whole table is in


class RowWriter:
    """Writes the parsed rows of one table, chunk by chunk, and at the end its references to itself."""

    def __init__(self, scope: TableScope) -> None:
        self.scope = scope
        self.ctx = scope.ctx
        self.spec = scope.spec
        self.table = scope.table
        self.counts = scope.counts
        self.deferred: list[tuple[str, str, str, RawRow]] = []  # (row id, column, source ref, row)
        self.outcome: dict[str, str] = {}  # row id -> created / updated / unchanged, for deferred rows

    # --- references and ids ------------------------------------------------------------------------------

    def _resolve_refs(self, row: ParsedRow) -> bool:
        for name, ref in row.refs.items():
            spec = self.spec.get(name)
            assert spec is not None and spec.ref is not None
            if self.spec.resource == "attribute" and name == "link_id":
                continue
            target = self.ctx.resolve(spec.ref, ref)
            if target is None and spec.ref == self.spec.resource:
                row.values[spec.column] = _DEFERRED
                continue
            if (self.spec.resource, name) == ("service", "organization_id") and (
                target is None or self.ctx.is_placeholder(target)
            ):
                # The public should still find a service whose organization the files lack.
                target = self.ctx.placeholder_for(ref) if target is None else target
                self.scope.warn(row.raw, "placeholder_organization", name, value=ref)
                self.ctx.report.placeholders[ref] += 1
            if target is None:
                if spec.name in self.spec.essential:
                    self.scope.reject(row.raw, "broken_reference", name, value=ref, target=spec.ref)
                    return False
                self.scope.warn(row.raw, "dangling_reference", name, value=ref, target=spec.ref)
            row.values[spec.column] = target
        if self.spec.resource == "attribute":
            return self._resolve_link(row)
        return True

    def _resolve_link(self, row: ParsedRow) -> bool:
        """An attribute points to a row of the table its link_entity names (or, when that is not a table,
        to the one row that carries its link_id)."""
        link = row.values.get("link_id")
        entity = (row.values.get("link_entity") or "").strip().lower()
        entity = entity[:-1] if entity.endswith("s") and entity[:-1] in tables() else entity
        found = self.ctx.resolve(entity, link) if link and entity in tables() else None
        if found is None and link:
            matches = [(name, hit) for name in tables() if (hit := self.ctx.id_map(name).get(link))]
            if len(matches) == 1:
                if entity not in tables():
                    self.scope.warn(
                        row.raw, "unknown_link_entity", "link_entity", value=entity, target=matches[0][0]
                    )
                entity, found = matches[0]
        if found is None:
            self.scope.reject(
                row.raw,
                "broken_reference",
                "link_id",
                value=link or "",
                target=entity if entity in tables() else "row",
            )
            return False
        row.values["link_id"] = found
        row.values["link_entity"] = entity
        return True

    def _assign_ids(self, rows: list[ParsedRow], existing: dict[str, dict[str, Any]]) -> dict[str, str]:
        """Carrefour ids for new rows: the source's own id when it is a free UUID, a derived one otherwise."""
        wanted = {
            r.source_id: canonical_id(r.source_id)
            or derived_id(self.ctx.source, self.spec.resource, r.source_id)
            for r in rows
            if r.source_id not in existing
        }
        taken = set()
        candidates = list(wanted.values())
        for start in range(0, len(candidates), 500):
            batch = candidates[start : start + 500]
            taken.update(self.ctx.session.scalars(select(self.table.c.id).where(self.table.c.id.in_(batch))))
        ids = {sid: existing[sid]["id"] for sid in (r.source_id for r in rows) if sid in existing}
        for source_id, uid in wanted.items():
            ids[source_id] = (
                uid if uid not in taken else derived_id(self.ctx.source, self.spec.resource, source_id)
            )
        return ids

    # --- writing -----------------------------------------------------------------------------------------

    def write(self, parsed: list[ParsedRow]) -> None:
        rows = [row for row in parsed if self._resolve_refs(row)]
        if self.spec.resource in ("taxonomy", "taxonomy_term"):
            rows = self._leave_core_rows(rows)
        if not rows:
            return
        existing = self._existing([row.source_id for row in rows])
        ids = self._assign_ids(rows, existing)
        id_map = self.ctx.id_map(self.spec.resource)
        now = utcnow()
        inserts: list[dict[str, Any]] = []
        updates: list[dict[str, Any]] = []
        for row in rows:
            row_id = ids[row.source_id]
            id_map[row.source_id] = row_id
            before = existing.get(row.source_id)
            values = self._final_values(row, before)
            self._defer_self_refs(row, row_id, values, before)
            if self.spec.resource == "taxonomy_term":
                values.update(core_link(self.scope, values, row.raw))
            self.outcome[row_id] = "created" if before is None else "pending"
            if before is None:
                lang = row.first_lang if row.first_lang and not self._has_base_text(row) else self.ctx.lang
                inserts.append(
                    {
                        **values,
                        "id": row_id,
                        "data_source": self.ctx.source,
                        "source_id": row.source_id,
                        "lang": lang,
                        "created_at": now,
                        "updated_at": now,
                        "version": 1,
                    }
                )
                self.counts.created += 1
            elif all(before.get(column) == value for column, value in values.items()):
                self.counts.unchanged += 1
                self.outcome[row_id] = "unchanged"
            else:
                updates.append(
                    {
                        **{f"v_{c}": v for c, v in values.items()},
                        "v_updated_at": now,
                        "v_version": before["version"] + 1,
                        "pk": row_id,
                    }
                )
                self.counts.updated += 1
        if self.spec.resource == "taxonomy":
            self.ctx.taxonomy_names.update({ids[r.source_id]: str(r.values.get("name") or "") for r in rows})
        touched = self.ctx.changed.setdefault(self.spec.resource, set())
        touched.update(row["id"] for row in inserts)
        touched.update(row["pk"] for row in updates)
        if inserts:
            self.ctx.session.execute(insert(self.table), _uniform(inserts))
        for group in _by_keys(updates):
            columns = [key[2:] for key in group[0] if key.startswith("v_")]
            statement = (
                update(self.table)
                .where(self.table.c.id == bindparam("pk"))
                .values({column: bindparam(f"v_{column}") for column in columns})
            )
            self.ctx.session.execute(statement, group)

    def _leave_core_rows(self, rows: list[ParsedRow]) -> list[ParsedRow]:
        """A taxonomy or term given with the id of one of the core taxonomy's (an export carries those its
        data uses) is that core row: Carrefour's reference data, pointed to and left as it is (unchanged),
        never copied under another id."""
        uids = {row.source_id: uid for row in rows if (uid := canonical_id(row.source_id))}
        if not uids:
            return rows
        core = set(
            self.ctx.session.scalars(
                select(self.table.c.id).where(
                    self.table.c.id.in_(list(uids.values())), self.table.c.data_source == CORE_SOURCE
                )
            )
        )
        kept: list[ParsedRow] = []
        for row in rows:
            uid = uids.get(row.source_id)
            if uid not in core:
                kept.append(row)
                continue
            self.ctx.id_map(self.spec.resource)[row.source_id] = uid
            self.counts.unchanged += 1
        return kept

    def _has_base_text(self, row: ParsedRow) -> bool:
        return any(texts.get(self.ctx.lang) for texts in row.texts.values())

    def _final_values(self, row: ParsedRow, before: dict[str, Any] | None) -> dict[str, Any]:
        values = dict(row.values)
        replacing = bool(before and before.get("placeholder"))
        if self.spec.resource == "organization":
            # An organization read from the files is no placeholder; the placeholder it replaces leaves no
            # word of its own behind.
            values["placeholder"] = False
            if replacing:
                values["lang"] = (
                    row.first_lang if row.first_lang and not self._has_base_text(row) else self.ctx.lang
                )
        for name, localized in row.texts.items():
            merged = dict((before or {}).get(name) or {}) if not replacing else {}
            for locale, text in localized.items():
                if text:
                    merged[locale] = text
                else:
                    merged.pop(locale, None)
            values[name] = merged or None
        if replacing:
            values.update({name: None for name in self.spec.translatable if name not in row.texts})
        return values

    def _defer_self_refs(
        self, row: ParsedRow, row_id: str, values: dict[str, Any], before: dict[str, Any] | None
    ) -> None:
        for column, value in list(values.items()):
            if value is _DEFERRED:
                spec = next(f for f in self.spec.fields if f.column == column)
                self.deferred.append((row_id, column, row.refs[spec.name], row.raw))
                # Compared and written after the whole table is in, when every id is known.
                values[column] = before.get(column) if before else None

    def apply_deferred(self) -> None:
        spec_by_column = {f.column: f for f in self.spec.fields}
        for row_id, column, ref, raw in self.deferred:
            target = self.ctx.resolve(self.spec.resource, ref)
            if target is None:
                self.scope.warn(
                    raw,
                    "dangling_reference",
                    spec_by_column[column].name,
                    value=ref,
                    target=self.spec.resource,
                )
            current = self.ctx.session.execute(
                select(self.table.c[column]).where(self.table.c.id == row_id)
            ).scalar_one()
            if current == target:
                continue
            changes: dict[str, Any] = {column: target}
            if self.outcome.get(row_id) != "created":
                changes.update(version=self.table.c.version + 1, updated_at=utcnow())
            if self.outcome.get(row_id) == "unchanged":
                self.counts.unchanged -= 1
                self.counts.updated += 1
                self.outcome[row_id] = "updated"
            self.ctx.session.execute(update(self.table).where(self.table.c.id == row_id).values(changes))
            self.ctx.changed.setdefault(self.spec.resource, set()).add(row_id)

    def _existing(self, source_ids: list[str]) -> dict[str, dict[str, Any]]:
        found: dict[str, dict[str, Any]] = {}
        for start in range(0, len(source_ids), 500):
            batch = source_ids[start : start + 500]
            result = self.ctx.session.execute(
                select(self.table).where(
                    self.table.c.data_source == self.ctx.source, self.table.c.source_id.in_(batch)
                )
            )
            for mapping in result.mappings():
                found[mapping["source_id"]] = dict(mapping)
        return found


def _uniform(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """executemany needs the same keys in every row; absent columns are written as NULL."""
    keys = set().union(*rows)
    return [{key: row.get(key) for key in keys} for row in rows]


def _by_keys(rows: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    groups: dict[frozenset[str], list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(frozenset(row), []).append(row)
    yield from groups.values()
