"""Guessing whether a dataset's text is French or English, when the importer is not told."""

from __future__ import annotations

import re
from collections.abc import Iterable

_WORD = re.compile(r"[a-zàâäçéèêëîïôöùûüœ']+", re.IGNORECASE)
_FRENCH = frozenset(
    [
        "le",
        "la",
        "les",
        "des",
        "du",
        "de",
        "et",
        "pour",
        "avec",
        "sans",
        "une",
        "un",
        "aux",
        "au",
        "est",
        "sont",
        "dans",
        "sur",
        "par",
        "nous",
        "vous",
        "votre",
        "vos",
        "qui",
        "que",
        "aide",
        "services",
        "service",
        "soutien",
        "personnes",
        "enfants",
        "familles",
        "jeunes",
        "offre",
        "offrons",
        "rendez-vous",
        "heures",
        "lundi",
        "vendredi",
        "gratuit",
        "gratuite",
        "logement",
        "alimentaire",
        "santé",
        "emploi",
    ]
)
_ENGLISH = frozenset(
    [
        "the",
        "and",
        "for",
        "with",
        "without",
        "an",
        "to",
        "of",
        "in",
        "on",
        "by",
        "we",
        "you",
        "your",
        "who",
        "that",
        "is",
        "are",
        "our",
        "from",
        "help",
        "services",
        "support",
        "people",
        "children",
        "families",
        "youth",
        "offers",
        "appointment",
        "hours",
        "monday",
        "friday",
        "free",
        "housing",
        "food",
        "health",
        "work",
    ]
)


def detect_language(texts: Iterable[str], default: str = "fr") -> str:
    """`fr` or `en`, whichever language's common words are more frequent; `default` on a tie."""
    french = english = 0
    for text in texts:
        for word in _WORD.findall(text.lower()):
            french += word in _FRENCH
            english += word in _ENGLISH
    if french == english:
        return default
    return "fr" if french > english else "en"
