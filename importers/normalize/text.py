"""Free text, web addresses, e-mail addresses and street lines as agencies type them, made tidy."""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit, urlunsplit

import nh3
from email_validator import EmailNotValidError, validate_email

# Written in exports for "we do not know": an empty cell, not a value (importers.hsds3.values agrees).
PLACEHOLDERS = frozenset({"n/a", "na", "n.a.", "null", "none", "nil", "nan", "s.o.", "s/o", "-", "?"})
_ONLY_PUNCTUATION = re.compile(r"[\s\-–—?._*]*")

# Block-level tags become line breaks before nh3 removes every tag, so paragraphs stay apart.
_PARAGRAPH = re.compile(r"</?p\b[^>]*>", re.IGNORECASE)
_LINE_BREAK = re.compile(
    r"<br\s*/?>|<li\b[^>]*>|</(?:div|h[1-6]|tr|ul|ol|table|blockquote)\s*>", re.IGNORECASE
)
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_SPACES = re.compile(r"[^\S\n]+")  # any white space but the line break: tabs, NBSP, narrow NBSP


def clean_text(value: object) -> str | None:
    """Text without HTML, entities decoded, spaces folded, at most one blank line; None when empty."""
    if value is None:
        return None
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    if "<" in text or "&" in text:
        text = _LINE_BREAK.sub("\n", _PARAGRAPH.sub("\n\n", text))
        text = html.unescape(nh3.clean(text, tags=set()))
    text = _INVISIBLE.sub("", text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    if text.casefold() in PLACEHOLDERS or _ONLY_PUNCTUATION.fullmatch(text):
        return None
    return text


_HOST_LABEL = re.compile(r"(?!-)[a-z0-9\u00a1-\uffff-]{1,63}(?<!-)")
_TOP_LEVEL = re.compile(r"[a-z\u00a1-\uffff]{2,63}|xn--[a-z0-9-]{1,59}")


def normalize_url(text: str) -> str | None:
    """An http(s) address; "https://" put before a bare domain ("www.example.org"); None when not one."""
    if not isinstance(text, str):
        return None
    url = text.strip().strip("<>\"'«»“” ").rstrip(".,;")
    if not url or re.search(r"\s", url):
        return None
    if url.startswith("//"):
        url = "https:" + url
    elif not re.match(r"[a-z][a-z0-9+.\-]*://", url, re.IGNORECASE):
        if re.match(r"[a-z][a-z0-9+.\-]*:(?!\d)", url, re.IGNORECASE):
            return None  # another scheme: mailto:, ftp:, javascript:
        url = "https://" + url
    try:
        parts = urlsplit(url)
        port = parts.port  # raises on a port that is not a number
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or "@" in parts.netloc:
        return None  # "user@host" in an address is an e-mail put in the wrong column, or a trick
    host = (parts.hostname or "").rstrip(".")
    labels = host.split(".")
    if len(labels) < 2 or not all(_HOST_LABEL.fullmatch(label) for label in labels):
        return None
    if not _TOP_LEVEL.fullmatch(labels[-1]):
        return None
    netloc = host if port is None else f"{host}:{port}"
    return urlunsplit((parts.scheme.lower(), netloc, parts.path, parts.query, parts.fragment))


_EMAIL_LABEL = re.compile(r"^(?:mailto:|(?:courriel|e-?mail|adresse)\s*:)\s*", re.IGNORECASE)


def normalize_email(text: str) -> str | None:
    """The address email_validator accepts (domain in lower case), without "mailto:"; never asks DNS."""
    if not isinstance(text, str):
        return None
    address = _EMAIL_LABEL.sub("", text.strip().strip("<>\"'«»“” ")).split("?", 1)[0].strip("<> ")
    if not address:
        return None
    try:
        return validate_email(address, check_deliverability=False).normalized
    except EmailNotValidError:
        return None


# Québec usage (Commission de toponymie): the generic term before a name is in lower case
# ("rue Sainte-Catherine"), as are linking particles ("chemin de la Côte-des-Neiges").
_STREET_TYPES = frozenset(
    {
        "rue",
        "avenue",
        "av",
        "ave",
        "boulevard",
        "boul",
        "bd",
        "chemin",
        "ch",
        "place",
        "côte",
        "montée",
        "rang",
        "route",
        "allée",
        "impasse",
        "promenade",
        "carré",
        "croissant",
        "terrasse",
        "ruelle",
        "passage",
        "square",
        "autoroute",
        "voie",
        "quai",
        "cours",
    }
)
_PARTICLES = frozenset({"de", "du", "des", "la", "le", "les", "et", "à", "au", "aux", "en", "sur", "sous"})
_ELIDED = frozenset({"d", "l"})  # chemin d'Oka, rue de l'Église
_UNIT_WORDS = frozenset({"app", "appartement", "apt", "bureau", "bur", "local", "unité", "porte", "casier"})
_LETTER_DIRECTIONS = frozenset({"n", "s", "e", "o", "w"})
_DIRECTIONS = _LETTER_DIRECTIONS | {"nord", "sud", "est", "ouest", "north", "south", "east", "west"}
# Written in capitals whatever the line's case: case postale, Québec, health and housing bodies.
_ACRONYMS = frozenset({"cp", "po", "rr", "qc", "clsc", "chsld", "cisss", "ciusss", "hlm", "ymca", "ywca"})
_ORDINAL = re.compile(r"\d+(?:e|er|re|ère|eme|ème|nd|rd|th|st)")
_ROMAN = re.compile(r"[ivx]{2,}")  # boulevard Pie-IX, rue Jean-XXIII
_INITIALS = re.compile(r"(?:[a-z]\.)+[a-z]?")  # C.P. (case postale)
_WORD = re.compile(r"^(\W*)(.*?)(\W*)$")


def tidy_address_line(text: str) -> str | None:
    """Spaces folded; an ALL-CAPS or all-lower line cased as Québec writes streets ("1234 rue
    Sainte-Catherine Est"); a line already in mixed case is trusted and kept as it is."""
    if not isinstance(text, str):
        return None
    line = " ".join(text.split())
    letters = [c for c in line if c.isalpha()]
    if not letters:
        return line or None
    if not (all(c.isupper() for c in letters) or all(c.islower() for c in letters)):
        return line
    words = [_split_word(word) for word in line.split(" ")]
    cores = [core.lower() for _, core, _ in words]
    tidied = []
    for index, (before, core, after) in enumerate(words):
        following = cores[index + 1] if index + 1 < len(cores) else ""
        tidied.append(before + _tidy_core(core.lower(), following, first=index == 0) + after)
    return " ".join(tidied)


def _split_word(word: str) -> tuple[str, str, str]:
    """Punctuation before, the word, punctuation after: "(APP." -> "(", "APP", "."."""
    match = _WORD.match(word)
    return (match.group(1), match.group(2), match.group(3)) if match else ("", word, "")


def _tidy_core(word: str, following: str, first: bool) -> str:
    if not word:
        return word
    if word in _STREET_TYPES and following and following not in _DIRECTIONS | _UNIT_WORDS:
        return word  # a generic term before a name: "rue X", but "Park Avenue", "3e Avenue"
    if word in _UNIT_WORDS:
        return word  # app. 5, bureau 200
    if word in _LETTER_DIRECTIONS:
        return word.upper()
    if word in _ACRONYMS or _INITIALS.fullmatch(word):
        return word.upper()
    parts = word.split("-")
    # In a compound the first piece is always a capital ("Côte-des-Neiges"); alone, a particle is not.
    return "-".join(
        _tidy_piece(piece, capital=position == 0 and (first or len(parts) > 1))
        for position, piece in enumerate(parts)
    )


def _tidy_piece(piece: str, capital: bool) -> str:
    """One piece of a word: "sainte", "des", "neiges", "3e", "l'église", "mcgill"."""
    if _ORDINAL.fullmatch(piece):
        return piece  # 3e, 1re, 2nd: already in lower case
    if any(c.isdigit() for c in piece):
        return piece.upper()  # a civic number with its letter (1234A), a postal code
    if _ROMAN.fullmatch(piece):
        return piece.upper()
    if piece in _PARTICLES and not capital:
        return piece
    elided = re.fullmatch(r"(\w)(['’])(.+)", piece)
    if elided:
        head, mark, tail = elided.groups()
        head = head if head in _ELIDED and not capital else head.upper()
        return head + mark + _capitalize(tail)
    return _capitalize(piece)


def _capitalize(word: str) -> str:
    if word.startswith("mc") and len(word) > 2:
        return "Mc" + word[2:].capitalize()  # McGill, McGee, McEachran
    return word.capitalize()
