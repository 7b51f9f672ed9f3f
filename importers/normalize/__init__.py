"""Pure functions that tidy the values agencies send (phones, postal codes, text, languages, ages, hours).

No database and no network: each takes a string as found in a dataset and returns a clean value, or
None (or an `unparsed` part) when the string does not plainly say one.
"""

from importers.normalize.ages import AgeRange, ages_from_text
from importers.normalize.hours import ParsedHours, WeeklyHours, parse_hours
from importers.normalize.languages import ParsedLanguages, language_code, parse_languages, split_languages
from importers.normalize.phones import Phone, normalize_phone
from importers.normalize.postal import forward_sortation_area, normalize_postal_code
from importers.normalize.text import clean_text, normalize_email, normalize_url, tidy_address_line

__all__ = [
    "AgeRange",
    "ParsedHours",
    "ParsedLanguages",
    "Phone",
    "WeeklyHours",
    "ages_from_text",
    "clean_text",
    "forward_sortation_area",
    "language_code",
    "normalize_email",
    "normalize_phone",
    "normalize_postal_code",
    "normalize_url",
    "parse_hours",
    "parse_languages",
    "split_languages",
    "tidy_address_line",
]
