"""Words as `tsquery` expressions for the PostgreSQL index, and its vocabulary for typos.

Each group of alternatives (`indexer/engines/words.py`) becomes one query that any language may answer: the
French and English configurations stem the words, the simple one keeps them as written (so a prefix longer
than a word's stem still finds it); the groups are then all required. A group can also be asked of one
field's weight alone (`A` the name, `B` the organization and keywords, `C` the description and category
labels), which is how the relevance of words weighed with distance is read.
"""

from __future__ import annotations

from collections.abc import Callable

from rapidfuzz import process
from rapidfuzz.distance import OSA
from sqlalchemy import Connection, text

from indexer.engines.words import Alternative

# pg_trgm's similarity below which a word is not even a candidate spelling: low, as one edit in a five-letter
# word leaves few trigrams in common; the candidates are then measured exactly (one edit at most).
TRIGRAM_THRESHOLD = 0.1


def group_sql(bind: Callable[[str], str], group: list[Alternative], weight: str = "") -> str:
    """The SQL of one group, its alternatives, any of them, in any configuration; `bind` makes a parameter
    of a value and returns its placeholder. The stemmers take the words whole (a stem as a prefix would reach
    far: *logement* is `log`, and `log:*` finds *logiciel*), the words as written take the prefixes."""
    stemmed, written = bind(group_text(group, weight, False)), bind(group_text(group, weight, True))
    return (
        f"(to_tsquery('carrefour_fr', {stemmed}) || to_tsquery('carrefour_en', {stemmed}) || "
        f"to_tsquery('carrefour_simple', {written}))"
    )


def group_text(group: list[Alternative], weight: str, prefixes: bool) -> str:
    """The `to_tsquery` text of one group."""
    return " | ".join("(" + _alternative(alternative, weight, prefixes) + ")" for alternative in group)


def _alternative(alternative: Alternative, weight: str, prefixes: bool) -> str:
    last = len(alternative.tokens) - 1
    written = []
    for i, token in enumerate(alternative.tokens):
        star = "*" if prefixes and alternative.prefix and i == last else ""
        written.append(f"'{token}':{star}{weight}" if star or weight else f"'{token}'")
    return " <-> ".join(written)


class WordList:
    """The index's words (`search_word`), asked as the embedded index's vocabulary is."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def knows(self, token: str) -> bool:
        first = self.connection.execute(
            text("SELECT term FROM search_word WHERE term >= :t ORDER BY term LIMIT 1"), {"t": token}
        ).scalar()
        return first is not None and str(first).startswith(token)

    def near(self, token: str, limit: int = 5) -> list[str]:
        self.connection.execute(
            text("SELECT set_config('pg_trgm.similarity_threshold', :v, true)"), {"v": str(TRIGRAM_THRESHOLD)}
        )
        candidates = sorted(
            (
                str(term)
                for term in self.connection.execute(
                    text(
                        "SELECT term FROM search_word WHERE term OPERATOR(public.%) :t "
                        "AND length(term) BETWEEN :low AND :high"
                    ),
                    {"t": token, "low": len(token) - 1, "high": len(token) + 1},
                ).scalars()
            ),
            key=lambda term: (len(term), term),
        )
        found = process.extract(token, candidates, scorer=OSA.distance, score_cutoff=1, limit=limit)
        return [term for term, _score, _index in found]
