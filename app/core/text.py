"""Text folded for comparison: the form two spellings of one word share."""

from __future__ import annotations

import unicodedata


def without_accents(text: str) -> str:
    """Lower case (Unicode case folding) and no accents: "École" -> "ecole"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(text: str) -> str:
    """Lower case, no accents, runs of spaces as one: how names compare and sort as people read them."""
    return " ".join(without_accents(text).split())
