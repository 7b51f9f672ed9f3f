"""Text folded for comparison: the form two spellings of one word share."""

from __future__ import annotations

import re
import unicodedata

_NOT_WORD = re.compile(r"[\W_]+")


def without_accents(text: str) -> str:
    """Lower case (Unicode case folding) and no accents: "École" -> "ecole"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def comparable_text(text: str) -> str:
    """Lower case, no accents, runs of spaces as one: how names and cell words compare and sort as people
    read them ("  Banque  Alimentaire" -> "banque alimentaire")."""
    return " ".join(without_accents(text).split())


def comparable_words(text: str) -> str:
    """`comparable_text` with punctuation as spaces, only words left: "Hébergement d'urgence" ->
    "hebergement d urgence"."""
    return " ".join(_NOT_WORD.sub(" ", without_accents(text)).split())
