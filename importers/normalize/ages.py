"""Age limits read from eligibility text in French or English ("18 ans et plus", "ages 16-25", "aînés")."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class AgeRange:
    minimum: int | None  # in whole years, inclusive; None: no lower limit
    maximum: int | None  # in whole years, inclusive; None: no upper limit


def _number(name: str) -> str:
    """A number that can be an age: at most three digits, not part of a longer number, a time, an amount."""
    return rf"(?<![\d.,:/$#+])(?P<{name}>\d{{1,3}})(?!\d|[.,:]\d)"


_A = _number("a")
_B = _number("b")
_YEARS = r"(?:ans?|years?|yrs?|y\.?o\.?|year-olds?)(?:\s+old)?\b"
_MONTHS = r"(?:mois|months?)\b"
_UNIT = rf"(?:{_YEARS}|{_MONTHS})"
# Counted things that are not ages: "2 repas", "5 $", "3 jours".
_NOT_AGE = (
    r"(?!\s*(?:repas|meals?|personnes?|people|persons?|places?|spots?|dollars?|\$|%|km|kg|heures?|hours?|h\b"
    r"|jours?|days?|semaines?|weeks?|visites?|visits?|fois|times|enfants?|children|kids))"
)
_TO = r"(?:-|à|a|au|to|through|thru|jusqu'à|jusqu'a)"
_AGE_WORDS = (
    r"(?:ages?|âges?|âgée?s?\s+de|agee?s?\s+de|aged|children|enfants?|kids|jeunes|youth|teens|adolescents"
    r"|ados|clientèle|bébés|babies)"
)


def ages_from_text(text: str) -> AgeRange | None:
    """The age limits `text` states; None when it states none, or only vague words ("jeunes", "youth")."""
    if not isinstance(text, str):
        return None
    work = " " + _prepare(text) + " "
    found: list[AgeRange] = []
    for pattern, read in _RULES:
        work = _take(pattern, read, work, found)
    if not found:
        return _from_words(work)
    minimum = None if any(age.minimum is None for age in found) else min(age.minimum or 0 for age in found)
    maximum = None if any(age.maximum is None for age in found) else max(age.maximum or 0 for age in found)
    if minimum is None and maximum is None:
        return None  # "under 12 or 65+": no single range says it
    return AgeRange(minimum, maximum)


def _prepare(text: str) -> str:
    text = text.lower().replace("’", "'").replace("\u00a0", " ")
    return re.sub(r"[–—‑]", "-", text)


def _years(number: str, unit: str | None) -> int:
    value = int(number)
    return value // 12 if unit and re.match(_MONTHS, unit) else value  # 6 mois -> 0 ans


def _range(match: re.Match[str]) -> AgeRange | None:
    first, second = match.group("a"), match.group("b")
    unit_b = match.groupdict().get("ub")
    unit_a = match.groupdict().get("ua") or unit_b  # "16 à 25 ans": the unit is written once
    low, high = _years(first, unit_a), _years(second, unit_b)
    return AgeRange(low, high) if low <= high <= 120 else None


def _minimum(match: re.Match[str]) -> AgeRange | None:
    age = _years(match.group("a"), match.groupdict().get("ua"))
    return AgeRange(age, None) if age <= 120 else None


def _maximum(match: re.Match[str]) -> AgeRange | None:
    age = _years(match.group("a"), match.groupdict().get("ua"))
    return AgeRange(None, age) if age <= 120 else None


def _below(match: re.Match[str]) -> AgeRange | None:
    """ "Moins de 18 ans", "under 18": 17 is the last age allowed; "moins de 6 mois": babies, age 0."""
    number, unit = int(match.group("a")), match.groupdict().get("ua")
    age = (number - 1) // 12 if unit and re.match(_MONTHS, unit) else number - 1
    return AgeRange(None, age) if 0 <= age <= 120 else None


_Rule = tuple[re.Pattern[str], Callable[[re.Match[str]], AgeRange | None]]
_RULES: tuple[_Rule, ...] = tuple(
    (re.compile(pattern), read)
    for pattern, read in (
        # "de 12 à 17 ans", "6 mois à 5 ans", "12-17 years"
        (
            rf"(?:\b(?:de|from|between|entre)\s+)?{_A}\s*(?P<ua>{_UNIT})?\s*{_TO}\s*{_B}\s*(?P<ub>{_UNIT})",
            _range,
        ),
        # "entre 18 et 30 ans"
        (rf"\b(?:entre|between)\s+{_A}\s*(?P<ua>{_UNIT})?\s*(?:et|and)\s*{_B}\s*(?P<ub>{_UNIT})", _range),
        # "ages 16-25", "children 0-5", "âgés de 12 à 17"
        (rf"\b{_AGE_WORDS}\s*:?\s*(?:de\s+|from\s+)?{_A}\s*{_TO}\s*{_B}(?!\s*(?:h\b|:|\$|%))", _range),
        # a cell holding only "12-17"
        (rf"^\s*{_A}\s*(?:-|à|to)\s*{_B}\s*$", _range),
        # "18 ans et plus", "65+", "18 years and older"
        (
            rf"{_A}\s*(?P<ua>{_UNIT})?\s*(?:\+|et\s+plus|et\s*\+|ou\s+plus|and\s+(?:over|older|up|above)"
            rf"|or\s+(?:older|over|more|above)|&\s*(?:over|up|older)){_NOT_AGE}",
            _minimum,
        ),
        (rf"{_A}\s*(?P<ua>{_UNIT})\s*(?:minimum|min\b)", _minimum),
        # "à partir de 16 ans", "dès l'âge de 5 ans", "plus de 18 ans"
        (
            rf"\b(?:à partir de|a partir de|dès|from|plus de|at least|au moins|minimum|min\.?)\s*"
            rf"(?:l'âge de|l'age de|age)?\s*{_A}\s*(?P<ua>{_UNIT})",
            _minimum,
        ),
        # "over 18" means "18 or older" as people use it, not 19
        (
            rf"\b(?:dès l'âge de|dès l'age de|à partir de l'âge de|from age|over|older than)"
            rf"\s*{_A}{_NOT_AGE}",
            _minimum,
        ),
        # "moins de 18 ans", "under 18", "younger than 5": 17 and 4 are the last ages allowed
        (rf"\b(?:moins de|less than)\s*{_A}\s*(?P<ua>{_UNIT})", _below),
        (
            rf"\b(?:under|younger than|below)\s*(?:(?:the\s+)?age\s+(?:of\s+)?)?"
            rf"{_A}\s*(?P<ua>{_UNIT})?{_NOT_AGE}",
            _below,
        ),
        # "jusqu'à 5 ans", "up to age 5", "5 ans et moins", "12 and under"
        (
            rf"\b(?:jusqu'à|jusqu'a|up to|maximum|max\.?|au plus)\s*(?:l'âge de|l'age de|age)?\s*{_A}\s*"
            rf"(?P<ua>{_UNIT})",
            _maximum,
        ),
        (rf"\b(?:up to age|jusqu'à l'âge de|jusqu'a l'age de)\s*{_A}{_NOT_AGE}", _maximum),
        (
            rf"{_A}\s*(?P<ua>{_UNIT})\s*(?:et\s+moins|ou\s+moins|and\s+(?:under|younger)|or\s+(?:under|younger|less)"
            rf"|maximum|max\b)",
            _maximum,
        ),
        (rf"{_A}\s*(?:and\s+(?:under|younger)|or\s+younger){_NOT_AGE}", _maximum),
    )
)

_SENIORS = re.compile(
    r"\b(?:seniors?|aîné(?:e)?s?|aine(?:e)?s?|personnes\s+âgées|personnes\s+agees|elderly|older\s+adults"
    r"|âge\s+d'or|troisième\s+âge|retraité(?:e)?s|retirees)\b"
)
_ADULTS = re.compile(r"\b(?:adultes?|adults?)\b")
# Words naming the young, or everyone: with them the text gives no usable limit ("jeunes", "familles").
_VAGUE = re.compile(
    r"\b(?:jeunes?|youth|young|enfants?|children|child|kids?|adolescent(?:e)?s?|ados?|teens?|teenagers?"
    r"|familles?|families|bébés?|babies|parents?|tous\s+âges|tout\s+âge|all\s+ages)\b"
)


def _take(
    pattern: re.Pattern[str],
    read: Callable[[re.Match[str]], AgeRange | None],
    work: str,
    found: list[AgeRange],
) -> str:
    """Read every match of one rule, and blank it out so that a later rule cannot read it again."""
    for match in list(pattern.finditer(work)):
        age = read(match)
        if age is not None:
            found.append(age)
            work = work[: match.start()] + " " * (match.end() - match.start()) + work[match.end() :]
    return work


def _from_words(text: str) -> AgeRange | None:
    """No number: "adultes" means 18 and older, "aînés" 65 and older; young people's words are too vague."""
    seniors = _SENIORS.search(text)
    rest = _SENIORS.sub(" ", text)  # "older adults" are seniors
    if _VAGUE.search(rest):
        return None  # "jeunes adultes", "enfants et adultes", "familles"
    if _ADULTS.search(rest):
        return AgeRange(18, None)
    return AgeRange(65, None) if seniors else None
