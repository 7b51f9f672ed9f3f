"""Writing one HSDS table into the directory: read, check, resolve references, then insert or update.

Rows are handled in chunks so a large file streams through. Each row is matched to what the same source
gave before (`data_source` + `source_id`): a new row is created, a changed row is updated (its version goes
up), an identical row is left alone. Nothing here commits: the caller owns the transaction.

Every format comes through here, so this is where values are normalized (`normalizing.py`: phones, postal
codes, addresses, links, e-mails, hours and ages written as text) and where taxonomy terms of other
vocabularies are read as core terms (`importers.crosswalk`); the run report counts both.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from sqlalchemy import String, Table, bindparam, func, insert, select, update
from sqlalchemy.orm import Session

from app.core.models import CORE_TAXONOMIES, Attribute, TaxonomyTerm
from app.core.orm import utcnow
from app.core.progress import SILENT, Progress
from app.core.taxonomy import CORE_SOURCE, core_term
from importers.crosswalk import crosswalk
from importers.dataset import RawRow, SourceTable
from importers.errors import Problem
from importers.hsds3.ids import canonical_id, content_digest, content_source_id, derived_id
from importers.hsds3.normalizing import language_code, normalize_row, text_changed, tidy_text
from importers.hsds3.spec import DETAIL_TABLES, ENUMS, FieldSpec, TableSpec, tables
from importers.hsds3.values import (
    ValueProblem,
    clean_text,
    parse_date,
    parse_datetime,
    parse_number,
    parse_time,
)
from importers.placeholders import create_placeholder, placeholder_ids
from importers.report import ImportReport

CHUNK = 1000
LOCALES = ("fr", "en")
_PARSERS = {"number": parse_number, "date": parse_date, "datetime": parse_datetime, "time": parse_time}
_STATUS_WORDS = {
    "open": "active",
    "actif": "active",
    "active": "active",
    "closed": "inactive",
    "inactif": "inactive",
    "temporarily_closed": "temporarily closed",
    "fermé": "inactive",
}


@dataclass(slots=True)
class ImportContext:
    """What every table of one run shares: the session, the source, the language and the id maps."""

    session: Session
    source: str
    lang: str
    report: ImportReport
    # resource -> {source id -> Carrefour id}, filled from the database on first use, then by this run
    ids: dict[str, dict[str, str]] = field(default_factory=dict)
    misses: set[tuple[str, str]] = field(default_factory=set)
    changed: dict[str, set[str]] = field(default_factory=dict)  # table -> ids created or updated
    taxonomy_names: dict[str, str] = field(default_factory=dict)
    placeholders: set[str] | None = None  # ids of placeholder organizations, read on first use
    progress: Progress = SILENT

    def id_map(self, resource: str) -> dict[str, str]:
        if resource not in self.ids:
            table: Table = tables()[resource].model.__table__
            rows = self.session.execute(
                select(table.c.source_id, table.c.id).where(table.c.data_source == self.source)
            )
            self.ids[resource] = {source_id: row_id for source_id, row_id in rows}
        return self.ids[resource]

    def resolve(self, resource: str, source_id: str) -> str | None:
        """A source id of this run's source, or failing that a Carrefour id any source already holds."""
        found = self.id_map(resource).get(source_id)
        if found is not None:
            return found
        uid = canonical_id(source_id)
        if uid is None or (resource, uid) in self.misses:
            return None
        table: Table = tables()[resource].model.__table__
        if self.session.execute(select(table.c.id).where(table.c.id == uid)).first():
            self.id_map(resource)[source_id] = uid
            return uid
        self.misses.add((resource, uid))
        return None

    def _placeholder_ids(self) -> set[str]:
        if self.placeholders is None:
            self.placeholders = placeholder_ids(self.session)
        return self.placeholders

    def is_placeholder(self, organization_id: str) -> bool:
        return organization_id in self._placeholder_ids()

    def placeholder_for(self, source_id: str) -> str:
        """The placeholder organization of a missing organization id, made on first need."""
        found = self.id_map("organization").get(source_id)
        if found is None:
            found = create_placeholder(self.session, self.source, source_id, self.lang)
            self.id_map("organization")[source_id] = found
            self.changed.setdefault("organization", set()).add(found)
            self._placeholder_ids().add(found)
        return found


@dataclass(slots=True)
class ParsedRow:
    raw: RawRow
    source_id: str
    values: dict[str, Any]
    texts: dict[str, dict[str, str | None]]  # field -> {locale: text or None to clear}
    refs: dict[str, str]  # field -> source id it points to
    first_lang: str | None
    extras: list[ParsedRow] = field(default_factory=list)  # rows this one became too (hours as text)


class TableLoader:
    def __init__(self, ctx: ImportContext, source: SourceTable) -> None:
        self.ctx = ctx
        self.spec: TableSpec = source.spec
        self.source = source
        self.table: Table = source.spec.model.__table__
        self.counts = ctx.report.counts_for(self.spec.resource)
        self.seen: dict[str, str] = {}  # source id -> where it was first met
        self.contents: dict[str, int] = {}  # detail rows: source id -> what the row held (a hash)
        self.detail = source.spec.resource in DETAIL_TABLES
        self.deferred: list[tuple[str, str, str, RawRow]] = []  # (row id, column, source ref, row)
        self.outcome: dict[str, str] = {}  # row id -> created / updated / unchanged, for deferred rows
        self.text_columns = self._text_columns(source.columns)
        # Short columns have a length limit that PostgreSQL enforces; a longer value is caught here first.
        self.limits = {
            c.name: c.type.length for c in self.table.columns if isinstance(c.type, String) and c.type.length
        }
        self._warn_unknown_columns(source.columns)

    # --- the whole table ---------------------------------------------------------------------------------

    def run(self) -> None:
        # Counting the rows first costs a read of the file: worth it only for someone watching a bar.
        total = sum(1 for _ in self.source.rows()) if self.ctx.progress.watched else None
        task = self.ctx.progress.task(self.source.file, total)
        rows = self.source.rows()
        while chunk := list(islice(rows, CHUNK)):
            parsed = [p for p in (self._parse(raw) for raw in chunk) if p is not None]
            self._write([row for p in parsed for row in (p, *p.extras)])
            task.advance(len(chunk))
        self._apply_deferred()
        task.done()

    # --- one row -----------------------------------------------------------------------------------------

    def _parse(self, raw: RawRow) -> ParsedRow | None:
        self.counts.read += 1
        data = raw.data
        source_id = self._source_id(raw)
        if source_id is None:
            return None
        values: dict[str, Any] = {}
        texts: dict[str, dict[str, str | None]] = {}
        refs: dict[str, str] = {}
        first_lang: str | None = None
        for spec in self.spec.fields:
            if spec.kind == "text":
                localized = self._read_text(spec.name, data)
                if localized:
                    texts[spec.name] = localized
                    if first_lang is None:
                        first_lang = next((loc for loc, text in localized.items() if text), None)
                continue
            if spec.name not in data:
                continue
            value = self._read_value(raw, spec, data[spec.name])
            if value is _REJECTED:
                return None
            if spec.ref and value is not None:
                refs[spec.name] = str(value)
            else:
                values[spec.column] = value
        if self.spec.resource == "language":
            self._language(raw, values, texts)
        parsed = ParsedRow(raw, source_id, values, texts, refs, first_lang)
        if not self._check_row(parsed):
            return None
        self._normalize(parsed)
        return parsed

    def _source_id(self, raw: RawRow) -> str | None:
        """The row's source id, remembered as seen; None when the row is rejected. A detail row (a schedule,
        a language...) without an id gets one derived from its content, stable from one import of a file to
        the next; one whose id was already used for other values is another fact, kept under a derived id.
        Only an exact repeat is a duplicate."""
        given = clean_text(raw.data.get("id"))
        if given is not None and len(given) > self.limits["source_id"]:
            return self._reject(raw, "too_long", "id", value=given, limit=self.limits["source_id"])
        if given is None and not self.detail:
            return self._reject(raw, "missing_required", "id")
        source_id = given
        if self.detail:
            content = _fingerprint(raw.data)
            if given is None:
                source_id = content_source_id(self.spec.resource, raw.data)
            elif given in self.seen and self.contents.get(given) != content:
                digest = content_digest(self.spec.resource, raw.data)
                source_id = f"{given}~{digest[:12]}"
                if len(source_id) > self.limits["source_id"]:
                    source_id = f"{self.spec.resource}-{digest[:16]}"
                if source_id not in self.seen:
                    self._warn(raw, "repeated_id", "id", value=given, first=self.seen[given], id=source_id)
        assert source_id is not None
        if source_id in self.seen:
            if given is None:
                return self._reject(raw, "duplicate_row", None, first=self.seen[source_id])
            return self._reject(raw, "duplicate_id", "id", value=given, first=self.seen[source_id])
        self.seen[source_id] = f"{raw.file}:{raw.line}"
        if self.detail:
            self.contents[source_id] = content
        return source_id

    def _normalize(self, row: ParsedRow) -> None:
        """Values tidied in place; a schedule whose text gives several weekly rules adds rows, whose source
        ids derive from this row's so that a re-import finds them again."""
        stored = row.source_id in self.ctx.id_map(self.spec.resource)
        outcome = normalize_row(self.spec.resource, row.values, row.texts, self.ctx.lang, stored)
        for kind, times in outcome.counts.items():
            self.ctx.report.note(kind, times)
        for code, column, params in outcome.warnings:
            self._warn(row.raw, code, column, **params)
        for number, values in enumerate(outcome.extra_schedules, start=2):
            source_id = f"{row.source_id}#{number}"
            self.seen[source_id] = f"{row.raw.file}:{row.raw.line}"
            self.counts.read += 1  # counted as read, so read = created + updated + unchanged + rejected
            row.extras.append(ParsedRow(row.raw, source_id, values, {}, dict(row.refs), row.first_lang))

    def _language(self, raw: RawRow, values: dict[str, Any], texts: dict[str, dict[str, str | None]]) -> None:
        """Languages arrive as codes, three-letter codes or names in words; the matcher needs ISO codes."""
        given = values.get("code")
        names = [text for text in texts.get("name", {}).values() if text]
        code = (language_code(given) if given else None) or (language_code(names[0]) if names else None)
        if code is None and (given or names):
            self._warn(raw, "unknown_language", "code", value=given or names[0])
        if code is not None and code != given:
            self.ctx.report.note("language_normalized")
        if code is not None or given is not None:
            values["code"] = code

    def _read_text(self, name: str, data: dict[str, Any]) -> dict[str, str | None]:
        found: dict[str, str | None] = {}
        for locale, column in self.text_columns.get(name, {}).items():
            if column in data:
                written = data[column]
                found[locale] = None if written is None else tidy_text(str(written))
                if text_changed(written, found[locale]):
                    self.ctx.report.note("text_cleaned")
        return found

    def _read_value(self, raw: RawRow, spec: FieldSpec, value: Any) -> Any:
        if spec.ref or spec.kind == "string":
            text = clean_text(value)
            if text is not None and (self.spec.resource, spec.name) in ENUMS:
                text = self._enum(raw, spec, text)
            limit = self.limits["source_id"] if spec.ref else self.limits.get(spec.column)
            if text is not None and limit and len(text) > limit:
                return self._reject(raw, "too_long", spec.name, value=text, limit=limit) or _REJECTED
            return text
        try:
            return _PARSERS[spec.kind](value)
        except ValueProblem as problem:
            if spec.name in self.spec.essential:
                return self._reject(raw, problem.code, spec.name, value=value) or _REJECTED
            self._warn(raw, problem.code, spec.name, value=value)
            return None

    def _enum(self, raw: RawRow, spec: FieldSpec, text: str) -> str:
        allowed = ENUMS[(self.spec.resource, spec.name)]
        folded = {a.casefold(): a for a in allowed}
        key = text.casefold().strip()
        if key in folded:
            return folded[key]
        if spec.name == "status" and key in _STATUS_WORDS:
            return _STATUS_WORDS[key]
        used = {"status": "inactive", "location_type": "physical", "freq": "WEEKLY"}.get(
            spec.name, allowed[0]
        )
        self._warn(raw, "bad_enum", spec.name, value=text, allowed=", ".join(allowed), used=used)
        return used

    def _check_row(self, row: ParsedRow) -> bool:
        """Essential fields present; other required fields only warned about; table-specific checks."""
        for spec in self.spec.fields:
            present = (
                any(row.texts.get(spec.name, {}).values())
                if spec.kind == "text"
                else spec.name in row.refs or row.values.get(spec.column) is not None
            )
            if present or not spec.required:
                continue
            if spec.name in self.spec.essential:
                self._reject(row.raw, "missing_required", spec.name)
                return False
            if spec.kind == "text" and self._has_stored_text(row, spec.name):
                continue
            if spec.name == "status":
                row.values["status"] = "active"
            elif spec.name == "location_type":
                row.values["location_type"] = "physical"
            self._warn(row.raw, "missing_required_kept", spec.name)
        if self.spec.resource == "location":
            self._check_coordinates(row)
        return True

    def _has_stored_text(self, row: ParsedRow, name: str) -> bool:
        # A translation import (--lang) may carry only some columns; the stored text still counts.
        return row.source_id in self.ctx.id_map(self.spec.resource)

    def _check_coordinates(self, row: ParsedRow) -> None:
        lat, lon = row.values.get("latitude"), row.values.get("longitude")
        if lat is None and lon is None:
            return
        if (
            lat is None
            or lon is None
            or not (-90 <= lat <= 90)
            or not (-180 <= lon <= 180)
            or (lat == lon == 0)
        ):
            self._warn(
                row.raw,
                "bad_coordinates",
                None,
                lat=row.raw.data.get("latitude"),
                lon=row.raw.data.get("longitude"),
            )
            row.values["latitude"] = row.values["longitude"] = None

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
                self._warn(row.raw, "placeholder_organization", name, value=ref)
                self.ctx.report.placeholders[ref] += 1
            if target is None:
                if spec.name in self.spec.essential:
                    self._reject(row.raw, "broken_reference", name, value=ref, target=spec.ref)
                    return False
                self._warn(row.raw, "dangling_reference", name, value=ref, target=spec.ref)
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
                    self._warn(
                        row.raw, "unknown_link_entity", "link_entity", value=entity, target=matches[0][0]
                    )
                entity, found = matches[0]
        if found is None:
            self._reject(
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

    def _write(self, parsed: list[ParsedRow]) -> None:
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
                values.update(self._core_link(values, row.raw))
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

    def _apply_deferred(self) -> None:
        spec_by_column = {f.column: f for f in self.spec.fields}
        for row_id, column, ref, raw in self.deferred:
            target = self.ctx.resolve(self.spec.resource, ref)
            if target is None:
                self._warn(
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

    def _core_link(self, values: dict[str, Any], raw: RawRow) -> dict[str, Any]:
        """A term is a core term when its taxonomy (column, or its taxonomies row) and code say so, or when
        the crosswalk reads its code (AIRS/211) or its name (Open Eligibility, an agency's words) as one."""
        names = [str(values.get("taxonomy") or "")]
        if values.get("taxonomy_id"):
            names.append(self.ctx.taxonomy_names.get(values["taxonomy_id"]) or self._taxonomy_name(values))
        code = str(values.get("code") or "")
        for name in names:
            if name.strip().lower() in CORE_TAXONOMIES and (term := core_term(name, code)):
                return {"core_key": term.key, "term_group": term.group}
        labels = tuple(text for text in (values.get("name") or {}).values() if text)
        found = crosswalk().match(code, labels, " ".join(names))
        if found is None:
            return {"core_key": None, "term_group": None}
        self.ctx.report.note("term_crosswalk")
        if found.how == "fuzzy":  # a near spelling: said, so that someone can check it
            self._warn(raw, "term_fuzzy", "name", value=labels[0], target=found.matched, key=found.term.key)
        return {"core_key": found.term.key, "term_group": found.term.group}

    def _taxonomy_name(self, values: dict[str, Any]) -> str:
        table = tables()["taxonomy"].model.__table__
        name = self.ctx.session.scalar(select(table.c.name).where(table.c.id == values["taxonomy_id"]))
        self.ctx.taxonomy_names[values["taxonomy_id"]] = name or ""
        return name or ""

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

    # --- problems ----------------------------------------------------------------------------------------

    def _reject(self, raw: RawRow, code: str, column: str | None, **params: Any) -> None:
        self.counts.rejected += 1
        self.ctx.report.reject(Problem(code, raw.file, raw.line, column, params, raw=_jsonable(raw.data)))
        return None

    def _warn(self, raw: RawRow, code: str, column: str | None, **params: Any) -> None:
        self.ctx.report.warn(Problem(code, raw.file, raw.line, column, params))

    # --- columns -----------------------------------------------------------------------------------------

    def _text_columns(self, columns: list[str]) -> dict[str, dict[str, str]]:
        """For each translatable field, the column holding each locale: `name` in the run's language,
        `name_fr` / `name_en` for the others (an explicit suffix wins over the plain column)."""
        present = set(columns)
        found: dict[str, dict[str, str]] = {}
        for name in self.spec.translatable:
            by_locale: dict[str, str] = {}
            if name in present:
                by_locale[self.ctx.lang] = name
            for locale in LOCALES:
                if f"{name}_{locale}" in present:
                    by_locale[locale] = f"{name}_{locale}"
            if by_locale:
                found[name] = by_locale
        return found

    def _warn_unknown_columns(self, columns: list[str]) -> None:
        known = set(self.spec.field_names) | {
            f"{name}_{locale}" for name in self.spec.translatable for locale in LOCALES
        }
        for column in columns:
            if column not in known and column:
                self.ctx.report.warn(Problem("unknown_column", self.source.file, 1, column))


class _Marker:
    def __repr__(self) -> str:
        return "<deferred>"


_DEFERRED = _Marker()
_REJECTED = _Marker()


def _fingerprint(data: dict[str, Any]) -> int:
    """What a row holds (as `content_digest` reads it, more cheaply), to tell an exact repeat from another
    fact within one run."""
    cells = ((k, str(v).strip()) for k, v in data.items() if k != "id" and v is not None)
    return hash(frozenset((k, v) for k, v in cells if v))


def _uniform(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """executemany needs the same keys in every row; absent columns are written as NULL."""
    keys = set().union(*rows)
    return [{key: row.get(key) for key in keys} for row in rows]


def _by_keys(rows: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    groups: dict[frozenset[str], list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(frozenset(row), []).append(row)
    yield from groups.values()


def _jsonable(data: dict[str, Any]) -> dict[str, Any]:
    return {
        str(k): (v if isinstance(v, str | int | float | bool | type(None)) else str(v))
        for k, v in data.items()
    }


def load_tables(ctx: ImportContext, sources: Iterable[SourceTable]) -> None:
    by_resource = {s.spec.resource: s for s in sources}
    for resource in tables():
        if resource in by_resource:
            TableLoader(ctx, by_resource[resource]).run()
    if "taxonomy_term" in by_resource:
        ctx.report.unmapped_terms = unmapped_terms(ctx.session, ctx.source, ctx.lang)


def unmapped_terms(session: Session, source: str, lang: str) -> list[tuple[str, int]]:
    """The source's terms that are no core term (kept as imported), with how many attributes use each:
    what a crosswalk entry would turn into facts, most used first."""
    uses: dict[str, int] = {}
    rows = session.execute(
        select(TaxonomyTerm.code, TaxonomyTerm.name, func.count(Attribute.id))
        .outerjoin(Attribute, Attribute.taxonomy_term_id == TaxonomyTerm.id)
        .where(TaxonomyTerm.data_source == source, TaxonomyTerm.core_key.is_(None))
        .group_by(TaxonomyTerm.id)
    )
    for code, name, count in rows:
        text = (name or {}).get(lang) or next(iter((name or {}).values()), "")
        label = f"{text} [{code}]" if code and code != text else text or str(code)
        uses[label] = uses.get(label, 0) + count
    return sorted(uses.items(), key=lambda item: (-item[1], item[0]))
