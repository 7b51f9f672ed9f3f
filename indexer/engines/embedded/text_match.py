"""What a person typed (`indexer/engines/words.py`), as the FTS5 expression the embedded index is asked.

The expression is `(alternatives) AND (alternatives) ...`, the form `relevance`
and `tie_relevance` read back.
"""

from __future__ import annotations

import bisect
import sqlite3

from rapidfuzz import process
from rapidfuzz.distance import OSA

from indexer.engines.words import STOP_WORDS, TYPO_MIN_LENGTH, Alternative, word_groups

__all__ = ["STOP_WORDS", "TYPO_MIN_LENGTH", "Vocabulary", "match_expression"]


class Vocabulary:
    """The words of the index, for telling typos from real words and finding their nearest spelling."""

    def __init__(self, terms: list[str]) -> None:
        self.terms = sorted(terms)
        self.by_length: dict[int, list[str]] = {}
        for term in self.terms:
            self.by_length.setdefault(len(term), []).append(term)

    @classmethod
    def read(cls, connection: sqlite3.Connection) -> Vocabulary:
        return cls([row[0] for row in connection.execute("SELECT term FROM vocab")])

    def knows(self, token: str) -> bool:
        """A word the index holds, or the beginning of one (people type prefixes), is not a typo."""
        position = bisect.bisect_left(self.terms, token)
        return position < len(self.terms) and self.terms[position].startswith(token)

    def near(self, token: str, limit: int = 5) -> list[str]:
        """Index words one edit away (a transposition counts as one)."""
        candidates = [
            t for size in (len(token) - 1, len(token), len(token) + 1) for t in self.by_length.get(size, [])
        ]
        found = process.extract(token, candidates, scorer=OSA.distance, score_cutoff=1, limit=limit)
        return [term for term, _score, _index in found]


def match_expression(text: str, vocabulary: Vocabulary | None) -> str | None:
    """The FTS5 query for `text` (None when no word is left to look for); typos are corrected only with the
    index's `vocabulary`."""
    groups = word_groups(text, vocabulary)
    if not groups:
        return None
    return " AND ".join("(" + " OR ".join(dict.fromkeys(map(_fts5, group))) + ")" for group in groups)


def _fts5(alternative: Alternative) -> str:
    written = '"' + " ".join(alternative.tokens) + '"'
    return written + "*" if alternative.prefix else written
