"""Bilingual text: a (French, English) pair filled, joined and put in a row's HSDS column and its `_en`
column; French grammar of place names; the small formats of the directory (ages, amounts, phone numbers)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from bench.synthetic.models import Age, T
from bench.synthetic.words import words

Row = dict[str, str]
EMPTY: T = ("", "")


def put(row: Row, name: str, text: T, lang: str) -> None:
    """French in the HSDS column, English in `<name>_en`; a one-language row leaves the other empty."""
    row[name] = text[0] if lang != "en" else ""
    row[f"{name}_en"] = text[1] if lang != "fr" else ""


def fill(text: T, **values: str | T) -> T:
    """Format both languages; a T value gives its French half to French and English half to English.

    In French, "de {place}" and "dans {place}" agree with the place: du Plateau-Mont-Royal, d'Ahuntsic.
    """
    fr = {k: (v[0] if isinstance(v, tuple) else v) for k, v in values.items()}
    en = {k: (v[1] if isinstance(v, tuple) else v) for k, v in values.items()}
    french = text[0]
    if "place" in fr:
        french = french.replace("de {place}", "{de_place}").replace("dans {place}", "{dans_place}")
        fr["de_place"], fr["dans_place"] = place_forms(fr["place"])
    return french.format(**fr), text[1].format(**en)


def place_forms(place: str) -> tuple[str, str]:
    """("du Mile End", "dans le Mile End"), ("d'Anjou", "dans Anjou"), ("de La Petite-Patrie", ...)."""
    article = words().montreal.french_articles.get(place)
    if article == "le":
        return f"du {place}", f"dans le {place}"
    if article == "la":
        return f"de la {place}", f"dans la {place}"
    if place[0] in "AEIOUÉÎ" or place.startswith("Hochelaga"):
        return f"d'{place}", f"dans {place}"
    return f"de {place}", f"dans {place}"


def de(name: str) -> str:
    """French 'of' before a borough or city name: du Sud-Ouest, d'Anjou, de Verdun."""
    if name.startswith("Le "):
        return "du " + name[3:]
    if name[0] in "AEIOUÉÎ":
        return "d'" + name
    return "de " + name


def join(parts: Sequence[T]) -> T:
    return " ".join(p[0] for p in parts if p[0]), " ".join(p[1] for p in parts if p[1])


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def acronym(name: str) -> str:
    """The initials of a name's main words, when there are 3 to 6 of them."""
    small = {"de", "du", "des", "la", "le", "les", "pour", "et", "aux", "au", "d", "l", "of", "the"}
    parts = [w for w in re.split(r"[\s\-']+", name) if w and w.lower() not in small]
    letters = "".join(w[0] for w in parts if w[0].isalpha()).upper()
    return letters if 3 <= len(letters) <= 6 else ""


def fmt_amount(value: float) -> str:
    return f"{value:.2f}"


def age_text(ages: Age) -> T:
    if ages is None:
        return EMPTY
    low, high = ages
    if low is not None and high is not None:
        return f"Âge : de {low} à {high} ans.", f"Ages {low} to {high}."
    if low is not None:
        return f"Âge : {low} ans et plus.", f"Ages {low} and over."
    if high is not None:
        return f"Âge : jusqu'à {high} ans.", f"Up to age {high}."
    return EMPTY


def phone_text(digits: str, style: int = 0) -> str:
    """A readable Canadian number from 10 digits: 514-555-0123, +1 514 555 0123 or (514) 555-0123."""
    area, exchange, line = digits[:3], digits[3:6], digits[6:]
    if area.startswith("8"):  # toll-free numbers are written with the leading 1
        return f"1-{area}-{exchange}-{line}"
    if style == 1:
        return f"+1 {area} {exchange} {line}"
    if style == 2:
        return f"({area}) {exchange}-{line}"
    return f"{area}-{exchange}-{line}"


def language_list(codes: Sequence[str]) -> T:
    """ "espagnol, arabe" and "Spanish and Arabic": the languages of an interpretation offer."""
    names = [words().languages[c] for c in codes]
    fr = ", ".join(n[0].lower() for n in names)
    en = ", ".join(n[1] for n in names[:-1]) + " and " + names[-1][1]
    return fr, en
