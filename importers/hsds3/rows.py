"""Reading one source row: its id, its typed values, its texts per locale and its references, checked.

A row that cannot be kept (no id, a repeated id, a missing essential field, a value too long or of the
wrong type where it matters) is rejected here, before anything is written; lesser problems are warnings
and the value is dropped or replaced. Values are then normalized (`normalizing.py`), which may turn a
schedule written as text into several rows. What comes out is a `ParsedRow` for `writing.py`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from importers.dataset import RawRow, SourceTable
from importers.errors import Problem
from importers.hsds3.context import LOCALES, TableScope
from importers.hsds3.ids import content_digest, content_source_id
from importers.hsds3.normalizing import language_code, normalize_row, text_changed, tidy_text
from importers.hsds3.spec import DETAIL_TABLES, ENUMS, FieldSpec
from importers.hsds3.values import (
    ValueProblem,
    clean_text,
    parse_date,
    parse_datetime,
    parse_number,
    parse_time,
)

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
_REJECTED = object()  # what `_read_value` gives for a rejected row, since None is a value


@dataclass(slots=True)
class ParsedRow:
    raw: RawRow
    source_id: str
    values: dict[str, Any]
    texts: dict[str, dict[str, str | None]]  # field -> {locale: text or None to clear}
    refs: dict[str, str]  # field -> source id it points to
    first_lang: str | None
    extras: list[ParsedRow] = field(default_factory=list)  # rows this one became too (hours as text)


class RowReader:
    """Reads the rows of one source table, remembering the ids met so far to catch repeats."""

    def __init__(self, scope: TableScope, source: SourceTable) -> None:
        self.scope = scope
        self.ctx = scope.ctx
        self.spec = scope.spec
        self.counts = scope.counts
        self.limits = scope.limits
        self.seen: dict[str, str] = {}  # source id -> where it was first met
        self.contents: dict[str, int] = {}  # detail rows: source id -> what the row held (a hash)
        self.detail = source.spec.resource in DETAIL_TABLES
        self.text_columns = self._text_columns(source.columns)
        self._warn_unknown_columns(source)

    def parse(self, raw: RawRow) -> ParsedRow | None:
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
            return self.scope.reject(raw, "too_long", "id", value=given, limit=self.limits["source_id"])
        if given is None and not self.detail:
            return self.scope.reject(raw, "missing_required", "id")
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
                    self.scope.warn(
                        raw, "repeated_id", "id", value=given, first=self.seen[given], id=source_id
                    )
        assert source_id is not None
        if source_id in self.seen:
            if given is None:
                return self.scope.reject(raw, "duplicate_row", None, first=self.seen[source_id])
            return self.scope.reject(raw, "duplicate_id", "id", value=given, first=self.seen[source_id])
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
            self.scope.warn(row.raw, code, column, **params)
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
            self.scope.warn(raw, "unknown_language", "code", value=given or names[0])
        if code is not None and code != given:
            self.ctx.report.note("language_normalized")
        if code is not None or given is not None:
            values["code"] = code

    def _read_text(self, name: str, data: dict[str, Any]) -> dict[str, str | None]:
        found: dict[str, str | None] = {}
        for locale, columns in self.text_columns.get(name, {}).items():
            column = next((c for c in columns if c in data), None)
            if column is not None:
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
                return self.scope.reject(raw, "too_long", spec.name, value=text, limit=limit) or _REJECTED
            return text
        try:
            return _PARSERS[spec.kind](value)
        except ValueProblem as problem:
            if spec.name in self.spec.essential:
                return self.scope.reject(raw, problem.code, spec.name, value=value) or _REJECTED
            self.scope.warn(raw, problem.code, spec.name, value=value)
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
        self.scope.warn(raw, "bad_enum", spec.name, value=text, allowed=", ".join(allowed), used=used)
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
                self.scope.reject(row.raw, "missing_required", spec.name)
                return False
            if spec.kind == "text" and self._has_stored_text(row, spec.name):
                continue
            if spec.name == "status":
                row.values["status"] = "active"
            elif spec.name == "location_type":
                row.values["location_type"] = "physical"
            self.scope.warn(row.raw, "missing_required_kept", spec.name)
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
            self.scope.warn(
                row.raw,
                "bad_coordinates",
                None,
                lat=row.raw.data.get("latitude"),
                lon=row.raw.data.get("longitude"),
            )
            row.values["latitude"] = row.values["longitude"] = None

    # --- columns -----------------------------------------------------------------------------------------

    def _text_columns(self, columns: list[str]) -> dict[str, dict[str, tuple[str, ...]]]:
        """For each translatable field, the columns that may hold each locale, the first a row has wins:
        `name_fr` / `name_en`, then `name` for the run's language (an explicit suffix wins over the plain
        column; a JSON row without the suffix, where other rows have it, still has its plain one)."""
        present = set(columns)
        found: dict[str, dict[str, tuple[str, ...]]] = {}
        for name in self.spec.translatable:
            by_locale: dict[str, tuple[str, ...]] = {}
            if name in present:
                by_locale[self.ctx.lang] = (name,)
            for locale in LOCALES:
                if f"{name}_{locale}" in present:
                    by_locale[locale] = (f"{name}_{locale}", *by_locale.get(locale, ()))
            if by_locale:
                found[name] = by_locale
        return found

    def _warn_unknown_columns(self, source: SourceTable) -> None:
        known = set(self.spec.field_names) | {
            f"{name}_{locale}" for name in self.spec.translatable for locale in LOCALES
        }
        for column in source.columns:
            if column not in known and column:
                self.ctx.report.warn(Problem("unknown_column", source.file, 1, column))


def _fingerprint(data: dict[str, Any]) -> int:
    """What a row holds (as `content_digest` reads it, more cheaply), to tell an exact repeat from another
    fact within one run."""
    cells = ((k, str(v).strip()) for k, v in data.items() if k != "id" and v is not None)
    return hash(frozenset((k, v) for k, v in cells if v))
