"""Language names and codes as agencies write them ("Français", "arabe", "FR", "LSQ") to ISO 639 codes.

A code is ISO 639-1 when the language has one ("fr"), else ISO 639-3 ("fcs"), as HSDS asks. Names are
looked up with langcodes, which knows them in French and English (and many more languages); the table
below holds what it does not know, or knows otherwise than this directory wants.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Container
from dataclasses import dataclass
from typing import cast

import langcodes
from language_data.names import code_to_names, normalize_name

from app.core.text import comparable_text
from importers.normalize.text import PLACEHOLDERS

# Keys are folded by app.core.text.comparable_text (lower case, no accents). Why each entry is here:
# - Chinese: the directory has one "Chinese" (zh, "mandarin et cantonais"), and the matcher compares codes
#   exactly; a separate "yue" would hide Cantonese-speaking services from clients who ask for Chinese.
# - Filipino is standard Tagalog; langcodes says "fil" (even for the code "tl"), the directory says "tl".
# - Bare "créole" in Montréal means Haitian Creole.
# - The sign languages: "LSQ" and "ASL" are the names Quebecers use; "asl" is also another language's code.
# - Names langcodes knows only with their accents, or not as a name of their own: español, kreyòl, Cambodian.
_EXCEPTIONS: dict[str, str] = {
    "mandarin": "zh",
    "mandarin chinese": "zh",
    "chinois mandarin": "zh",
    "cantonese": "zh",
    "cantonais": "zh",
    "yue": "zh",
    "chinois cantonais": "zh",
    "filipino": "tl",
    "pilipino": "tl",
    "philippin": "tl",
    "fil": "tl",
    "tl": "tl",
    "tgl": "tl",
    "creole": "ht",
    "creole haitien": "ht",
    "haitian creole": "ht",
    "haitian": "ht",
    "haitien": "ht",
    "kreyol": "ht",
    "kreyol ayisyen": "ht",
    "espanol": "es",
    "farsi": "fa",
    "cambodian": "km",
    "cambodgien": "km",
    "lsq": "fcs",
    "langue des signes quebecoise": "fcs",
    "langue des signes du quebec": "fcs",
    "quebec sign language": "fcs",
    "asl": "ase",
    "american sign language": "ase",
    "langue des signes americaine": "ase",
}
# Codes that are not one language: undetermined, multiple, none, uncoded, sign languages in general.
_NOT_A_LANGUAGE = frozenset({"und", "mul", "zxx", "mis", "sgn"})
_NAME = re.compile(r"[^\W\d_]+(?:[\s'’\-.()]+[^\W\d_]*)*")
_CODE = re.compile(r"[a-z]{2,3}(?:[-_][a-z0-9]{2,8})*", re.IGNORECASE)
_LABEL = re.compile(r"^\s*(?:langues?(?:\s+parl[ée]es?)?|languages?(?:\s+spoken)?)\s*:\s*", re.IGNORECASE)
_SEPARATORS = re.compile(r"\s*(?:\s(?:et/ou|and/or|et|and|ou|or)\s|[,;/|+&\n•·])\s*", re.IGNORECASE)
# "Bilingue" in Québec is always French and English.
_BILINGUAL = frozenset({"bilingue", "bilingual", "bilingue (francais et anglais)"})


@dataclass(frozen=True)
class ParsedLanguages:
    codes: tuple[str, ...]  # unique, in the order written
    unknown: tuple[str, ...]  # the pieces that named no language, as written


def language_code(name: str) -> str | None:
    """The code of a language named or coded ("Français", "french", "FR", "fra" -> "fr"; "LSQ" -> "fcs").

    None when `name` names no language, or only a prefix of one ("bilingue", "Anglais seulement").
    """
    if not isinstance(name, str):
        return None
    text = unicodedata.normalize("NFC", name).strip().strip(".:\"'«»“” ")
    if len(text) < 2 or not _NAME.fullmatch(text):
        return None  # one letter; digits, symbols, control characters (a NUL byte crashes the name index)
    folded = comparable_text(text)
    if folded in _EXCEPTIONS:
        return _EXCEPTIONS[folded]
    # Two or three letters are a code first: the name lookup finds a language called "En" for "en".
    if len(text) <= 3 and _CODE.fullmatch(text):
        return _from_code(text) or _from_name(text)
    if _CODE.fullmatch(text) and ("-" in text or "_" in text):
        return _from_code(text)  # a BCP 47 tag: "fr-CA", "zh-Hant"
    without_aside = re.sub(r"\s*\([^)]*\)\s*", " ", text).strip()  # "chinois (mandarin)"
    return _from_name(text) or (_from_name(without_aside) if without_aside != text else None)


def parse_languages(text: str) -> ParsedLanguages:
    """A cell listing languages ("Français, anglais et espagnol", "fr|en") -> its codes and leftovers."""
    if not isinstance(text, str) or text.strip().casefold() in PLACEHOLDERS:
        return ParsedLanguages((), ())
    codes: list[str] = []
    unknown: list[str] = []
    for piece in _SEPARATORS.split(_LABEL.sub("", text)):
        piece = piece.strip().strip(".:-\"'«»“” ")
        if not piece or piece.casefold() in PLACEHOLDERS:
            continue
        found = _piece_codes(piece)
        if found is None:
            unknown.append(piece)
            continue
        codes.extend(code for code in found if code not in codes)
    return ParsedLanguages(tuple(codes), tuple(dict.fromkeys(unknown)))


def split_languages(text: str) -> list[str]:
    """The codes of `parse_languages`; call that one to learn which words named no language."""
    return list(parse_languages(text).codes)


def _piece_codes(piece: str) -> list[str] | None:
    if comparable_text(piece) in _BILINGUAL:
        return ["fr", "en"]
    code = language_code(piece)
    if code is not None:
        return [code]
    # "Français-Anglais" or "français anglais": accepted only when every word is a language.
    for separator in ("-", " "):
        words = [word for word in piece.split(separator) if word]
        if len(words) > 1:
            found = [language_code(word) for word in words]
            if all(found):
                return [code for code in found if code]
    return None


def _from_code(text: str) -> str | None:
    try:
        language = langcodes.Language.get(text)
    except (ValueError, LookupError):
        return None
    return _usable(language)


def _from_name(text: str) -> str | None:
    """A language by one of its names: accents optional for French and English names ("francais")."""
    code = _folded_names().get(comparable_text(text))
    if code is not None:
        return _usable(langcodes.Language.make(language=code))  # not .get: it would turn "tl" into "fil"
    if not _is_a_name(text):
        return None
    try:
        language = langcodes.find(text)
    except (ValueError, LookupError):
        return None
    return _usable(language)


@functools.cache
def _folded_names() -> dict[str, str]:
    """Every language's French and English names, folded: "francais" -> "fr", "creole haitien" -> "ht"."""
    try:
        from language_data.name_data import CODE_TO_NAMES
    except ImportError:
        return {}
    index: dict[str, str] = {}
    for tag, names in CODE_TO_NAMES.items():
        if re.fullmatch(r"[a-z]{2,3}", tag):  # languages only: territories are "FR", scripts "Latn"
            for locale in ("fr", "en"):
                if names.get(locale):
                    index.setdefault(comparable_text(names[locale]), tag)
    return index


@functools.cache
def _name_index() -> Container[str] | None:
    """All the names langcodes looks languages up by, in their normalized form."""
    try:
        from language_data.names import load_trie
        from language_data.util import data_filename

        return cast("Container[str]", load_trie(data_filename("trie/und/name_to_language.marisa")))
    except (ImportError, OSError, RuntimeError):
        return None


def _is_a_name(text: str) -> bool:
    """Whether `text` is the whole of a language's name.

    langcodes also accepts a name that merely starts with one ("bilingue" finds Blin, "Frenchy" French).
    """
    index = _name_index()
    if index is not None:
        return normalize_name(text) in index
    try:
        language = langcodes.find(text)
    except (ValueError, LookupError):
        return False
    known = {normalize_name(name) for name in code_to_names(language.language or "").values()}
    return normalize_name(text) in known


def _usable(language: langcodes.Language) -> str | None:
    """The language subtag, a macrolanguage for its members ("cmn" -> "zh"), when it is a known language."""
    code = language.language
    if not code or code in _NOT_A_LANGUAGE or not language.is_valid():
        return None
    if len(code) == 3:  # only three-letter codes: langcodes would turn "tl" into "fil"
        code = langcodes.Language.get(langcodes.standardize_tag(code, macro=True)).language or code
    if langcodes.Language.get(code).display_name("en").startswith("Unknown language"):
        return None
    return code
