"""Problems found while importing, with where they were found and a message in the user's language."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.core.i18n import lazy_gettext as _l

# One message per kind of problem; parameters are filled in when the message is shown, in the language of
# whoever reads it (French and English catalogues in translations/).
MESSAGES = {
    "missing_required": _l("required value is empty; row rejected"),
    "missing_required_kept": _l("required by HSDS 3.0 but empty; row kept"),
    "duplicate_id": _l("id %(value)s appears again (first seen at %(first)s); this row was skipped"),
    "duplicate_row": _l("the same row appears again (first seen at %(first)s); this row was skipped"),
    "repeated_id": _l(
        "id %(value)s was already used at %(first)s for a row that says something else; this row is kept "
        "as another fact (id %(id)s)"
    ),
    "placeholder_organization": _l(
        "%(value)s points to no organization in these files; the service is kept under a placeholder "
        "organization, marked for review"
    ),
    "broken_reference": _l("%(value)s points to no %(target)s; row rejected"),
    "dangling_reference": _l("%(value)s points to no %(target)s; left empty"),
    "bad_number": _l("%(value)s is not a number; left empty"),
    "bad_date": _l("%(value)s is not a date (YYYY-MM-DD); left empty"),
    "bad_datetime": _l("%(value)s is not a date and time (ISO 8601); left empty"),
    "bad_time": _l("%(value)s is not a time (HH:MM); left empty"),
    "bad_coordinates": _l(
        "latitude %(lat)s, longitude %(lon)s are not valid coordinates; location kept without them"
    ),
    "bad_enum": _l("%(value)s is not one of %(allowed)s; %(used)s used instead"),
    "unknown_column": _l("not an HSDS 3.0 column; ignored"),
    "unknown_link_entity": _l("%(value)s is not a table; the row was found by its id in %(target)s"),
    "missing_file": _l("file %(value)s listed in datapackage.json does not exist"),
    "unknown_file": _l("not an HSDS 3.0 file; ignored (did you mean %(found)s?)"),
    "unknown_file_plain": _l("not an HSDS 3.0 file; ignored"),
    "missing_column": _l("this required column is missing"),
    "unreadable": _l("cannot read the file: %(reason)s"),
    "bad_json": _l("not valid JSON: %(reason)s"),
    "descriptor_paths": _l(
        "%(num)s files listed in datapackage.json are not at the paths it gives (first: %(value)s); they "
        "were found by their names (%(found)s)"
    ),
    "bad_descriptor": _l(
        "datapackage.json cannot be read (%(reason)s); the CSV files were recognized by their names"
    ),
    "unplaced": _l("could not place %(value)s; the location is kept without coordinates"),
    "placed_known": _l("placed at %(lat)s, %(lon)s from an address or postal code already in the directory"),
    "placed_geocoder": _l("placed at %(lat)s, %(lon)s by the geocoder"),
    "geocoder_unavailable": _l(
        "the geocoder did not answer for %(value)s; the rest of the run goes on without it"
    ),
    "far_coordinates": _l(
        "latitude %(lat)s, longitude %(lon)s are far from this source's other places; cleared"
    ),
    "unknown_language": _l("%(value)s is not a language we know; left without a code"),
    "unknown_format": _l("the format of these files was not recognized; name it with --format"),
    "unsupported_format": _l("these files look like %(name)s, which this version cannot import yet"),
    "not_hsds": _l(
        "no HSDS 3.0 data found (expected datapackage.json, HSDS CSV files or a JSON list of services)"
    ),
    "too_long": _l("%(value)s is longer than %(limit)s characters; row rejected"),
    # tabular: agency spreadsheets and their YAML mapping
    "mapping_needed": _l(
        "the tabular format needs a mapping file: give it with --mapping, or put %(name)s beside the "
        "spreadsheet"
    ),
    "bad_yaml": _l("the mapping is not valid YAML: %(reason)s"),
    "mapping_unknown_key": _l("%(value)s is not a key of the mapping here; the keys are: %(allowed)s"),
    "mapping_missing_key": _l("the mapping must give this key"),
    "mapping_bad_choice": _l("%(value)s is not allowed here; expected %(allowed)s"),
    "mapping_not_text": _l("%(value)s should be a column name (or a single value)"),
    "mapping_not_keys": _l("%(value)s should be keys with their values (key: value), one per line"),
    "mapping_not_row_number": _l("%(value)s is not a row number (1 or more)"),
    "mapping_bad_value": _l("%(value)s is not allowed here: %(reason)s"),
    "mapping_missing_column": _l("column %(value)s is not in %(sheet)s; its columns are: %(columns)s"),
    "mapping_split_needs_location_rows": _l(
        "several services in one cell need rows: location (one row per location)"
    ),
    "mapping_same_language": _l("%(value)s is already the language of the main columns (lang)"),
    "no_sheet": _l("sheet %(value)s is not in %(workbook)s; its sheets are: %(sheets)s"),
    "no_spreadsheet": _l("expected one spreadsheet (.csv or .xlsx) here, found: %(found)s"),
    # normalization, crosswalk and geocoding (importers/hsds3/normalizing.py, crosswalk.py, placing.py)
    "phone_unparsed": _l("%(value)s is not a phone number we can read; kept as written"),
    "phone_several": _l(
        "%(value)s holds more than one number; only %(number)s was kept (one row per number)"
    ),
    "postal_code_invalid": _l("%(value)s is not a valid Canadian postal code; kept as written"),
    "bad_url": _l("%(value)s is not a web address; left empty"),
    "bad_email": _l("%(value)s is not an e-mail address; left empty"),
    "bad_email_kept": _l("%(value)s is not an e-mail address; kept as written"),
    "hours_unparsed": _l("opening hours %(value)s could not be read as days and times; kept as text only"),
    "hours_partly_read": _l(
        "part of the opening hours could not be read (%(value)s); the rest became weekly hours"
    ),
    "hours_closed_only": _l("opening hours %(value)s name only closed days; kept as text only"),
    "term_fuzzy": _l("%(value)s was read as %(target)s (core term %(key)s); check it"),
    "unplaced_no_address": _l("no coordinates and no address: the location cannot be placed"),
    "geocoder_rejected": _l(
        "the geocoder placed %(value)s at %(lat)s, %(lon)s, outside this source's region; not used"
    ),
    "geocoder_misconfigured": _l(
        "the geocoder %(value)s cannot be used (%(reason)s); the run goes on without it"
    ),
    # ohana: Ohana API CSV exports (importers/ohana/)
    "missing_ohana_file": _l("no %(value)s here; an Ohana API export needs it"),
    # hsds2: HSDS 1.x and 2.0 CSV datapackages (importers/hsds2/)
    "not_hsds2": _l(
        "no HSDS 1.x or 2.0 file found (expected organizations.csv, services.csv, locations.csv, "
        "services_at_location.csv, physical_addresses.csv...)"
    ),
    "hsds2_unknown_column": _l("not a column of HSDS 1.x, 2.0 or 3.0; ignored"),
    "hsds2_needs_services": _l(
        "HSDS 3.0 keeps this on the service: import it with services.csv; row skipped"
    ),
}


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem: its kind (a key of MESSAGES), where it is, and the values its message needs."""

    code: str
    file: str
    line: str | int | None = None
    column: str | None = None
    params: dict[str, Any] = field(default_factory=dict)
    raw: dict[str, Any] | None = None

    def where(self) -> str:
        place = self.file
        if self.line is not None:
            place += f":{self.line}"
        if self.column:
            place += f" [{self.column}]"
        return place

    def message(self) -> str:
        params = {"column": self.column or "", **{k: _show(k, v) for k, v in self.params.items()}}
        return str(MESSAGES[self.code]) % params

    def render(self) -> str:
        return f"{self.where()}: {self.message()}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "params": {k: _show(k, v) for k, v in self.params.items()},
        }


def _show(key: str, value: Any) -> str:
    """Values from the file are quoted (and cut), so an empty or odd value is visible in the message."""
    if key in ("value", "lat", "lon"):
        return f"'{str(value)[:80]}'" if isinstance(value, str) else repr(value)
    return str(value)


class FatalImportError(Exception):
    """The run cannot go on (unreadable file, missing required column): nothing is written."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.code)
        self.problem = problem

    def render(self) -> str:
        return self.problem.render()
