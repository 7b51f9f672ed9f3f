"""French and English words people use for the same need, so either finds the other.

Groups are written without accents and in lower case (the index ignores both). A group may hold phrases;
a query mentioning any member also searches for every other member.
"""

from __future__ import annotations

import re
import unicodedata

GROUPS: tuple[tuple[str, ...], ...] = (
    ("banque alimentaire", "food bank", "depannage alimentaire", "comptoir alimentaire", "food pantry"),
    ("paniers", "hampers", "panier d'epicerie", "grocery hamper"),
    ("repas", "meal", "meals", "soupe populaire", "soup kitchen"),
    ("hebergement", "shelter", "refuge", "maison d'hebergement"),
    ("logement", "housing", "appartement", "apartment"),
    (
        "garderie",
        "cpe",
        "daycare",
        "day care",
        "service de garde",
        "centre de la petite enfance",
        "childcare",
    ),
    ("dentiste", "dentist", "dental", "dentaire", "soins dentaires"),
    ("medecin", "doctor", "clinique", "clinic", "physician"),
    ("sante mentale", "mental health"),
    ("toxicomanie", "addiction", "dependance", "substance use"),
    ("emploi", "job", "jobs", "employment", "travail", "work"),
    ("impots", "taxes", "tax clinic", "declaration de revenus"),
    ("avocat", "lawyer", "aide juridique", "legal aid"),
    ("immigrant", "immigrants", "newcomer", "newcomers", "nouveaux arrivants", "nouvelles arrivantes"),
    ("refugie", "refugies", "refugee", "refugees", "demandeur d'asile", "asylum seeker"),
    ("vetements", "clothing", "clothes", "friperie"),
    ("francisation", "french classes", "cours de francais"),
    ("aines", "seniors", "personnes agees", "elderly"),
    ("jeunes", "youth", "adolescents", "teens"),
    ("femmes", "women"),
    ("hommes", "men"),
    ("ligne d'ecoute", "helpline", "crisis line", "ligne de crise"),
    ("violence conjugale", "domestic violence", "intimate partner violence"),
    ("transport", "transportation"),
    ("alphabetisation", "literacy"),
    ("devoirs", "homework"),
)

_WORD = re.compile(r"\w+", re.UNICODE)  # apostrophes split words, as the index's tokenizer does


def as_indexed(text: str) -> str:
    """Lower case, accents removed, apostrophes kept: how the index sees words."""
    decomposed = unicodedata.normalize("NFKD", text.lower().replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    return _WORD.findall(as_indexed(text))


def _index() -> dict[str, tuple[str, ...]]:
    table: dict[str, tuple[str, ...]] = {}
    for group in GROUPS:
        members = tuple(" ".join(words(member)) for member in group)
        for member in members:
            table[member] = members
    return table


SYNONYMS = _index()
LONGEST = max(len(member.split()) for member in SYNONYMS)
