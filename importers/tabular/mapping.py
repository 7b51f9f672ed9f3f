"""The mapping file of an agency spreadsheet: which column holds which field, how multi-value cells split.

Read with PyYAML and checked with pydantic before the spreadsheet is read: an unknown key, a missing key or a
wrong value is a fatal problem naming the mapping file, the line and the key, so nothing is ever written
from a mapping that was misunderstood.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import AliasChoices, BaseModel, BeforeValidator, ConfigDict, Field, PositiveInt, ValidationError
from pydantic_core import ErrorDetails

from importers.errors import FatalImportError, Problem
from importers.hsds3.spec import TRANSLATABLE

Loc = tuple[str, ...]  # a key's path in the mapping: ("service", "name")

_CONFIG = ConfigDict(extra="forbid", coerce_numbers_to_str=True, frozen=True)


class Column(BaseModel):
    """A column whose cells may hold several values, and what separates them."""

    model_config = _CONFIG
    column: str = Field(min_length=1)
    split: str | None = Field(None, min_length=1)


def _short_column(value: object) -> object:
    # `phones: Téléphone` is the short form of `phones: {column: Téléphone}`.
    return {"column": value} if isinstance(value, str | int | float) else value


ColumnRef = Annotated[Column, BeforeValidator(_short_column)]


def _either(*names: str) -> Any:
    """A column the mapping may name under its friendly key or its HSDS 3.0 name."""
    return Field(None, validation_alias=AliasChoices(*names))


class OrganizationColumns(BaseModel):
    model_config = _CONFIG
    id: str | None = None
    name: str | None = None
    alternate_name: str | None = None
    description: str | None = None
    email: str | None = None
    website: str | None = None
    tax_id: str | None = None


class ServiceColumns(BaseModel):
    model_config = _CONFIG
    name: ColumnRef | None = None  # with `split`: several services named in one cell (rows: location)
    alternate_name: str | None = None
    description: str | None = None
    url: str | None = None
    email: str | None = None
    status: str | None = None
    application_process: str | None = None
    fees: str | None = _either("fees", "fees_description")
    eligibility: str | None = _either("eligibility", "eligibility_description")
    min_age: str | None = _either("min_age", "minimum_age")
    max_age: str | None = _either("max_age", "maximum_age")
    interpretation_services: str | None = None
    wait_time: str | None = None
    accreditations: str | None = None
    licenses: str | None = None
    alert: str | None = None
    assured_date: str | None = None


class LocationColumns(BaseModel):
    model_config = _CONFIG
    name: str | None = None
    alternate_name: str | None = None
    description: str | None = None
    transportation: str | None = None
    url: str | None = None
    location_type: str | None = None
    latitude: str | None = None
    longitude: str | None = None
    address: str | None = _either("address", "address_1")
    address_2: str | None = None
    city: str | None = None
    region: str | None = None
    province: str | None = _either("province", "state_province")
    postal_code: str | None = None
    country: str | None = None


class CoreColumns(BaseModel):
    """Codes of Carrefour's core taxonomy (the contract's taxonomy.csv), given directly by the agency."""

    model_config = _CONFIG
    needs: ColumnRef | None = None
    eligibility: ColumnRef | None = None
    features: ColumnRef | None = None
    documents: ColumnRef | None = None


class TabularMapping(BaseModel):
    model_config = _CONFIG
    rows: Literal["service", "location"] = "service"
    sheet: str | None = None
    header_row: PositiveInt = 1
    lang: Literal["fr", "en"] | None = None
    vocabulary: str | None = None
    id: str | None = None
    organization: OrganizationColumns = OrganizationColumns()
    service: ServiceColumns = ServiceColumns()
    location: LocationColumns = LocationColumns()
    phones: ColumnRef | None = None
    hours: str | None = None
    languages: ColumnRef | None = None
    categories: ColumnRef | None = None
    core: CoreColumns = CoreColumns()
    translations: dict[Literal["fr", "en"], dict[str, str]] = Field(default_factory=dict)
    defaults: dict[str, str] = Field(default_factory=dict)


SECTIONS: dict[str, type[BaseModel]] = {
    "organization": OrganizationColumns,
    "service": ServiceColumns,
    "location": LocationColumns,
}
MULTI_KEYS = ("phones", "languages", "categories")

# Where a mapping key lands in HSDS 3.0 when that is not its own name in its section's table.
_TARGETS: dict[str, tuple[str, str]] = {
    "service.fees": ("service", "fees_description"),
    "service.eligibility": ("service", "eligibility_description"),
    "service.min_age": ("service", "minimum_age"),
    "service.max_age": ("service", "maximum_age"),
    "location.address": ("address", "address_1"),
    "location.address_2": ("address", "address_2"),
    "location.city": ("address", "city"),
    "location.region": ("address", "region"),
    "location.province": ("address", "state_province"),
    "location.postal_code": ("address", "postal_code"),
    "location.country": ("address", "country"),
    "hours": ("schedule", "description"),
}


def target(key: str) -> tuple[str, str]:
    """The HSDS table and column of a key ("location.province" -> ("address", "state_province"))."""
    if key in _TARGETS:
        return _TARGETS[key]
    section, _, name = key.partition(".")
    return section, name


def _section_keys() -> list[str]:
    return [f"{s}.{name}" for s, model in SECTIONS.items() for name in model.model_fields if name != "id"]


# Keys that may carry a second-language column, and keys that may have a value used when a cell is empty.
TEXT_KEYS = frozenset(
    key for key in [*_section_keys(), "hours"] if target(key)[1] in TRANSLATABLE.get(target(key)[0], ())
)
DEFAULT_KEYS = frozenset(
    [*_section_keys(), "hours", *MULTI_KEYS, *(f"core.{name}" for name in CoreColumns.model_fields)]
)


def base_lang(spec: TabularMapping) -> str | None:
    """The language of the main text columns: `lang`, else the one the translations are not in."""
    if spec.lang or len(spec.translations) != 1:
        return spec.lang
    return next(locale for locale in ("fr", "en") if locale not in spec.translations)


def named_columns(spec: TabularMapping) -> Iterator[tuple[Loc, str]]:
    """Every column the mapping names, with the key naming it."""
    if spec.id:
        yield ("id",), spec.id
    for section in SECTIONS:
        for name, value in getattr(spec, section):
            if value is not None:
                yield (section, name), value.column if isinstance(value, Column) else value
    for name in (*MULTI_KEYS, "hours"):
        value = getattr(spec, name)
        if value is not None:
            yield (name,), value.column if isinstance(value, Column) else value
    for name, value in spec.core:
        if value is not None:
            yield ("core", name), value.column
    for locale, keys in spec.translations.items():
        for key, column in keys.items():
            yield ("translations", locale, key), column


class _Loader(yaml.SafeLoader):
    """YAML as people write column names: `id: No` is the column "No", not false, and `Date: 2024-05-01`
    a title, not a date (YAML 1.1 reads yes/no/on/off as booleans and bare dates as dates)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if not tag.endswith((":bool", ":timestamp"))]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True, slots=True)
class LoadedMapping:
    spec: TabularMapping
    label: str  # the file name, as problems show it
    digest: str
    root: yaml.Node | None  # the parsed document, to point problems at the line of a key

    def fatal(self, code: str, loc: Loc, **params: Any) -> FatalImportError:
        return _fatal(self.label, self.root, code, loc, params)


def load_mapping(path: Path) -> LoadedMapping:
    label = path.name
    try:
        blob = path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise FatalImportError(Problem("unreadable", label, params={"reason": reason})) from None
    try:
        text = blob.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = blob.decode("cp1252")  # saved by an older Windows editor
    try:
        root = yaml.compose(text, Loader=_Loader)
        data = yaml.load(text, Loader=_Loader)  # a SafeLoader: no Python objects
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        reason = getattr(exc, "problem", None) or str(exc)
        line = mark.line + 1 if mark is not None else None
        raise FatalImportError(Problem("bad_yaml", label, line, params={"reason": reason})) from None
    try:
        spec = TabularMapping.model_validate({} if data is None else data)
    except ValidationError as exc:
        code, loc, params = _explain(_first(exc.errors()))
        raise _fatal(label, root, code, loc, params) from None
    loaded = LoadedMapping(spec, label, hashlib.sha256(blob).hexdigest(), root)
    _check_meaning(loaded)
    return loaded


def _check_meaning(mapping: LoadedMapping) -> None:
    """What the types alone cannot say: the keys every mapping needs, and the keys of free-form lists."""
    spec = mapping.spec
    if spec.service.name is None:
        raise mapping.fatal("mapping_missing_key", ("service", "name"))
    if spec.organization.name is None and not spec.defaults.get("organization.name"):
        raise mapping.fatal("mapping_missing_key", ("organization", "name"))
    if spec.service.name.split and spec.rows != "location":
        raise mapping.fatal("mapping_split_needs_location_rows", ("service", "name", "split"))
    for locale, keys in spec.translations.items():
        if locale == spec.lang:
            raise mapping.fatal("mapping_same_language", ("translations", locale), value=locale)
        for key in keys:
            if key not in TEXT_KEYS:
                allowed = ", ".join(sorted(TEXT_KEYS))
                raise mapping.fatal(
                    "mapping_unknown_key", ("translations", locale, key), value=key, allowed=allowed
                )
    for key in spec.defaults:
        if key not in DEFAULT_KEYS:
            allowed = ", ".join(sorted(DEFAULT_KEYS))
            raise mapping.fatal("mapping_unknown_key", ("defaults", key), value=key, allowed=allowed)


def _first(errors: list[ErrorDetails]) -> ErrorDetails:
    # An unknown key is usually a misspelling and explains the other errors: name it first.
    return next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])


_NOT_TEXT = ("string_type", "string_too_short")
_NOT_KEYS = ("model_type", "dict_type", "model_attributes_type")
_NOT_ROW = ("greater_than", "int_parsing", "int_type", "int_from_float")


def _explain(error: ErrorDetails) -> tuple[str, Loc, dict[str, Any]]:
    """A pydantic error as one of our messages (which people read in French or English)."""
    loc = tuple(str(part) for part in error["loc"] if part != "[key]")
    kind, value = error["type"], error.get("input")
    if kind == "extra_forbidden":
        return "mapping_unknown_key", loc, {"value": loc[-1], "allowed": ", ".join(_keys_at(loc[:-1]))}
    if kind == "missing":
        return "mapping_missing_key", loc, {}
    if kind == "literal_error":
        return "mapping_bad_choice", loc, {"value": value, "allowed": error.get("ctx", {}).get("expected")}
    for code, kinds in (
        ("mapping_not_text", _NOT_TEXT),
        ("mapping_not_keys", _NOT_KEYS),
        ("mapping_not_row_number", _NOT_ROW),
    ):
        if kind in kinds:
            return code, loc, {"value": value}
    return "mapping_bad_value", loc, {"value": value, "reason": error["msg"]}


def _keys_at(loc: Loc) -> list[str]:
    """The keys allowed where an unknown one was found."""
    model: type[BaseModel] = {
        (): TabularMapping,
        ("core",): CoreColumns,
        **{(name,): section for name, section in SECTIONS.items()},
    }.get(loc, Column)
    return list(model.model_fields)


def _fatal(
    label: str, root: yaml.Node | None, code: str, loc: Loc, params: dict[str, Any]
) -> FatalImportError:
    return FatalImportError(Problem(code, label, _line_of(root, loc), ".".join(loc) or None, params))


def _line_of(root: yaml.Node | None, loc: Loc) -> int | None:
    """The line of the deepest key of `loc` the document has (a missing key: the line of its section)."""
    node, line = root, None
    for part in loc:
        if not isinstance(node, yaml.MappingNode):
            break
        found = next(((k, v) for k, v in node.value if str(k.value) == part), None)
        if found is None:
            break
        line, node = found[0].start_mark.line + 1, found[1]
    return line
