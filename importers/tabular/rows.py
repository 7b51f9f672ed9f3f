"""One spreadsheet row as HSDS 3.0 rows: its organization, service(s), location and address, the links
between them, phones, hours, languages and category terms.

Ids are stable, so importing the same file again changes nothing: the id column when the mapping names one,
else a hash of what identifies the thing (see `stable_id`); a row a row brings along (a phone, a language)
takes its owner's id and its own value.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from importers.dataset import RawRow
from importers.hsds3.spec import TRANSLATABLE
from importers.tabular.mapping import (
    SECTIONS,
    Column,
    CoreColumns,
    LoadedMapping,
    TabularMapping,
    base_lang,
    named_columns,
    target,
)
from importers.tabular.sheets import Sheet, header_key

Row = dict[str, Any]  # one row of an HSDS table, by column

SOURCE_ID_LIMIT = 255  # the length of `source_id` in the directory
CORE_GROUPS = tuple(CoreColumns.model_fields)
# How multi-value cells split when the mapping does not say; a line break always separates values too.
DEFAULT_SPLIT = {
    "phones": ";",
    "languages": ",",
    "categories": ";",
    **{f"core.{g}": ";" for g in CORE_GROUPS},
}
_ADDRESS_KEYS = tuple(f"location.{k}" for k in ("address", "address_2", "city", "region", "postal_code"))
_BUILT_APART = frozenset({"organization.id", "service.name"})  # ids, and names that may be several


@dataclass(frozen=True, slots=True)
class Plan:
    """The mapping checked against the sheet: where each key's values are and how they land in HSDS."""

    spec: TabularMapping
    columns: dict[str, str]  # mapping key ("service.name", "translations.en.hours") -> column key
    headers: dict[str, str]  # column key -> header as written
    splits: dict[str, str]  # multi-value key -> separator
    lang: str | None  # the main text columns' language, when the mapping says it
    vocabulary: str  # the taxonomy the agency's category words belong to
    fields: dict[str, list[tuple[str, str]]]  # table -> (HSDS column, mapping key) of mapped fields

    def text(self, column: str) -> str:
        """The key of a translatable column in the main language."""
        return f"{column}_{self.lang}" if self.lang else column

    def mapped(self, key: str) -> bool:
        return key in self.columns or key in self.spec.defaults

    def tables(self) -> dict[str, list[str]]:
        """The tables this mapping can fill, with every column their rows may carry."""
        name, description = self.text("name"), self.text("description")
        names = [f"name_{locale}" for locale in self.name_translations()]
        found: dict[str, list[str]] = {
            "organization": ["id"],
            "service": ["id", "organization_id", "status", name, *names],
        }
        if any(key.startswith("location.") for key in self.columns):
            found["location"] = ["id", "organization_id", "location_type"]
            found["service_at_location"] = ["id", "service_id", "location_id"]
        if any(key in self.columns for key in _ADDRESS_KEYS):
            found["address"] = ["id", "location_id", "address_type"]
        if self.mapped("phones"):
            found["phone"] = ["id", "service_id", "location_id", "number"]
        if self.fields.get("schedule"):
            found["schedule"] = ["id", "service_id", "location_id"]
        if self.mapped("languages"):
            found["language"] = ["id", "service_id", name]
        if self.mapped("categories") or any(self.mapped(f"core.{g}") for g in CORE_GROUPS):
            found["taxonomy_term"] = ["id", "taxonomy", "code", name, description]
            found["attribute"] = ["id", "link_id", "link_entity", "taxonomy_term_id"]
        for table, pairs in self.fields.items():
            if table in found:
                found[table].extend(column for column, _ in pairs)
        return {table: list(dict.fromkeys(columns)) for table, columns in found.items()}

    def name_translations(self) -> list[str]:
        return [loc for loc, keys in self.spec.translations.items() if "service.name" in keys]


def compile_plan(mapping: LoadedMapping, sheet: Sheet, vocabulary: str) -> Plan:
    """Check that every column the mapping names is in the sheet (fatal otherwise) and plan the rows."""
    spec = mapping.spec
    present = dict(zip(sheet.keys, sheet.headers, strict=True))
    columns: dict[str, str] = {}
    for loc, header in named_columns(spec):
        key = header_key(header)
        if key not in present:
            listed = ", ".join(h for h in sheet.headers if h)
            raise mapping.fatal(
                "mapping_missing_column", loc, value=header, sheet=sheet.label, columns=listed
            )
        columns[".".join(loc)] = key
    lang = base_lang(spec)
    splits = {key: _split_of(spec, key) or default for key, default in DEFAULT_SPLIT.items()}
    if spec.service.name and spec.service.name.split:
        splits["service.name"] = spec.service.name.split
    fields = _fields(spec, [*columns, *spec.defaults], lang)
    return Plan(spec, columns, present, splits, lang, spec.vocabulary or vocabulary, fields)


def _split_of(spec: TabularMapping, key: str) -> str | None:
    section, _, name = key.partition(".")
    column = getattr(spec.core, name) if section == "core" else getattr(spec, section)
    return column.split if isinstance(column, Column) else None


def _fields(spec: TabularMapping, keys: list[str], lang: str | None) -> dict[str, list[tuple[str, str]]]:
    fields: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key in dict.fromkeys(keys):
        if key in _BUILT_APART or key.partition(".")[0] not in (*SECTIONS, "hours"):
            continue
        table, column = target(key)
        translatable = column in TRANSLATABLE.get(table, ())
        fields[table].append((f"{column}_{lang}" if lang and translatable else column, key))
    for locale, translated in spec.translations.items():
        for key in translated:
            if key != "service.name":
                table, column = target(key)
                fields[table].append((f"{column}_{locale}", f"translations.{locale}.{key}"))
    return dict(fields)


class Cells:
    """One row's values by mapping key: the cell, else the mapping's default."""

    def __init__(self, plan: Plan, raw: RawRow) -> None:
        self.plan = plan
        self.data = raw.data

    def given(self, key: str) -> str | None:
        column = self.plan.columns.get(key)
        value = self.data.get(column) if column else None
        text = str(value).strip() if value is not None else ""
        return text or None

    def get(self, key: str) -> str | None:
        return self.given(key) or self.plan.spec.defaults.get(key)

    def many(self, key: str) -> list[str]:
        return split_cell(self.get(key), self.plan.splits.get(key))

    def fields(self, table: str) -> dict[str, str | None]:
        return {column: self.get(key) for column, key in self.plan.fields.get(table, [])}


def split_cell(text: str | None, separator: str | None) -> list[str]:
    """The values of a multi-value cell, in order, each once."""
    if not text:
        return []
    pattern = "\n" if separator is None else f"{re.escape(separator)}|\n"
    found: dict[str, str] = {}
    for part in re.split(pattern, text):
        if part.strip():
            found.setdefault(case_and_spacing_folded(part), part.strip())
    return list(found.values())


def case_and_spacing_folded(text: str | None) -> str:
    """Case folded, runs of spaces as one, accents kept: how a cell's values and an id's parts compare (ids
    are hashed from it, so it must not change: the ids of earlier imports stay the same)."""
    return " ".join((text or "").split()).casefold()


def stable_id(kind: str, *parts: str | None) -> str:
    """`kind-` and 16 hex digits of the SHA-256 of the parts, folded (case and spacing do not count): the
    same organization name, or service name and address, gives the same id on every import."""
    folded = "\x1f".join(case_and_spacing_folded(part) for part in parts)
    digest = hashlib.sha256(folded.encode("utf-8")).hexdigest()
    return f"{kind}-{digest[:16]}"


def child_id(*parts: str) -> str:
    """The id of a row another brings along: its owner's id and its own value ("svc-12/phone/5145550000")."""
    found = "/".join(case_and_spacing_folded(part) for part in parts)
    return found if len(found) <= SOURCE_ID_LIMIT else stable_id("row", found)


# --- one row ---------------------------------------------------------------------------------------------


def row_records(plan: Plan, raw: RawRow, table: str) -> Iterator[Row]:
    """The rows of `table` one spreadsheet row gives (each pass over the sheet fills one table, so only
    what that table needs is built)."""
    cells = Cells(plan, raw)
    org_name = cells.get("organization.name")
    names = _service_names(plan, cells)
    if not org_name or not names:
        if table == "service":
            yield _unusable(plan, cells, raw, org_name)
        return
    org_id = cells.get("organization.id") or stable_id("organization", org_name)
    if table == "organization":
        yield {"id": org_id, **cells.fields("organization")}
        return
    location_id = _location_id(plan, cells, org_name) if _has_location(plan, cells) else None
    if table in ("location", "address"):
        if location_id:
            yield from _location(plan, cells, location_id, org_id, table)
        return
    service_ids = [_service_id(plan, cells, org_name, name) for name, _ in names]
    if table in ("phone", "schedule"):
        yield from _owned(plan, cells, table, location_id, service_ids)
        return
    for service_id, (name, translated) in zip(service_ids, names, strict=True):
        if table == "service":
            yield _service(plan, cells, service_id, org_id, name, translated)
        elif table == "service_at_location" and location_id:
            link = {"id": child_id(service_id, "at", location_id), "location_id": location_id}
            yield {**link, "service_id": service_id}
        elif table == "language":
            yield from _languages(plan, cells, service_id)
        elif table in ("taxonomy_term", "attribute"):
            yield from _terms(plan, cells, service_id, table)


def _service_names(plan: Plan, cells: Cells) -> list[tuple[str, dict[str, str]]]:
    """Each service the row names, with its names in the other language (paired by position)."""
    split = plan.splits.get("service.name")
    names = split_cell(cells.get("service.name"), split) if split else _one(cells.get("service.name"))
    translations: dict[str, list[str]] = {}
    for locale in plan.name_translations():
        text = cells.get(f"translations.{locale}.service.name")
        translations[locale] = split_cell(text, split) if split else _one(text)
    return [
        (name, {locale: found for locale, values in translations.items() if (found := _at(values, i))})
        for i, name in enumerate(names)
    ]


def _one(text: str | None) -> list[str]:
    return [text] if text else []


def _at(values: list[str], index: int) -> str | None:
    return values[index] if index < len(values) else None


def _unusable(plan: Plan, cells: Cells, raw: RawRow, org_name: str | None) -> dict[str, Any]:
    """A row without an organization or service name: only its service row goes on, for the loader to
    reject with the spreadsheet's row number; nothing else of it is written."""
    org_id = (cells.get("organization.id") or stable_id("organization", org_name)) if org_name else None
    return {"id": f"row-{raw.line}", "organization_id": org_id, plan.text("name"): None}


def _has_location(plan: Plan, cells: Cells) -> bool:
    # Defaults alone (a province, a country) do not make a location: some cell must say where.
    return any(cells.given(key) for key in plan.columns if key.startswith("location."))


def _address_parts(cells: Cells) -> list[str | None]:
    return [cells.get(key) for key in ("location.address", "location.city", "location.postal_code")]


def _location_id(plan: Plan, cells: Cells, org_name: str) -> str:
    if plan.spec.rows == "location" and (given := cells.get("id")):
        return given
    return stable_id("location", org_name, cells.get("location.name"), *_address_parts(cells))


def _service_id(plan: Plan, cells: Cells, org_name: str, name: str) -> str:
    if plan.spec.rows == "location":
        return stable_id("service", org_name, name)  # one service offered at several locations
    return cells.get("id") or stable_id("service", org_name, name, *_address_parts(cells))


def _service(
    plan: Plan, cells: Cells, service_id: str, org_id: str, name: str, translated: dict[str, str]
) -> dict[str, Any]:
    row: dict[str, Any] = {"id": service_id, "organization_id": org_id, **cells.fields("service")}
    row[plan.text("name")] = name
    row.update({f"name_{locale}": text for locale, text in translated.items()})
    if not plan.mapped("service.status"):
        row["status"] = "active"  # an agency lists the services it offers
    return row


def _location(plan: Plan, cells: Cells, location_id: str, org_id: str, table: str) -> Iterator[Row]:
    if table == "location":
        location: dict[str, Any] = {"id": location_id, "organization_id": org_id, **cells.fields("location")}
        if not plan.mapped("location.location_type"):
            location["location_type"] = "physical"
        yield location
    elif any(cells.given(key) for key in _ADDRESS_KEYS):
        address = {"id": child_id(location_id, "address"), "location_id": location_id}
        yield {**address, "address_type": "physical", **cells.fields("address")}


def _languages(plan: Plan, cells: Cells, service_id: str) -> Iterator[Row]:
    # Names as written ("anglais"): the loader turns them into ISO 639 codes, and says which it cannot.
    for name in cells.many("languages"):
        row = {"id": child_id(service_id, "language", name), "service_id": service_id}
        yield {**row, plan.text("name"): name}


def _terms(plan: Plan, cells: Cells, service_id: str, table: str) -> Iterator[Row]:
    """The agency's category words as terms of its own vocabulary, and core codes as terms of the core
    taxonomies (the loader links those to the core taxonomy), each tied to the service by an attribute."""
    vocabularies = [("categories", plan.vocabulary), *((f"core.{g}", g) for g in CORE_GROUPS)]
    for key, taxonomy in vocabularies:
        for word in cells.many(key):
            code = word.lower() if key.startswith("core.") else word
            term_id = child_id(taxonomy, code)
            if table == "taxonomy_term":
                # HSDS requires a description; an agency's word carries none beyond itself.
                term = {"id": term_id, "taxonomy": taxonomy, "code": code}
                yield {**term, plan.text("name"): word, plan.text("description"): word}
            else:
                link = {"link_id": service_id, "link_entity": "service", "taxonomy_term_id": term_id}
                yield {"id": child_id(service_id, "attribute", term_id), **link}


def _owned(
    plan: Plan, cells: Cells, table: str, location_id: str | None, service_ids: list[str]
) -> Iterator[Row]:
    """Phones and hours belong to what a row describes: the place when rows are places."""
    if plan.spec.rows == "location" and location_id:
        owners = [("location_id", location_id)]
    else:
        owners = [("service_id", service_id) for service_id in service_ids]
    for column, owner in owners:
        yield from (_phones if table == "phone" else _hours)(cells, column, owner)


def _phones(cells: Cells, owner_column: str, owner: str) -> Iterator[Row]:
    for number in cells.many("phones"):
        digits = re.sub(r"\D", "", number) or number  # the same number however it is spaced
        yield {"id": child_id(owner, "phone", digits), owner_column: owner, "number": number}


def _hours(cells: Cells, owner_column: str, owner: str) -> Iterator[Row]:
    # Free text ("lun-ven 9h-17h") kept as the schedule's description; the loader may read it further.
    fields = cells.fields("schedule")
    if any(fields.values()):
        yield {"id": child_id(owner, "hours"), owner_column: owner, **fields}


def source_cells(plan: Plan, raw: RawRow) -> dict[str, str]:
    """The row as the agency wrote it, under bracketed headers that can never be taken for HSDS columns:
    a rejected row's quarantined copy then shows the spreadsheet's own cells."""
    return {f"[{plan.headers.get(key, key)}]": value for key, value in raw.data.items() if value}
