"""What a person typed, as the FTS5 expression the embedded index is asked.

Every meaningful word (or known phrase) must match, each through its prefix, its synonyms, or its nearest
spelling when the index does not hold it: people type prefixes, either language, and typos. Stop words and
lone letters are left out. The expression is `(alternatives) AND (alternatives) ...`, the form `relevance`
and `tie_relevance` read back.
"""

from __future__ import annotations

import bisect
import sqlite3

from rapidfuzz import process
from rapidfuzz.distance import OSA

from indexer.synonyms import LONGEST, SYNONYMS, words

STOP_WORDS = frozenset(
    [
        "le",
        "la",
        "les",
        "l'",
        "de",
        "du",
        "des",
        "d'",
        "et",
        "a",
        "au",
        "aux",
        "en",
        "un",
        "une",
        "pour",
        "par",
        "sur",
        "dans",
        "avec",
        "the",
        "a",
        "an",
        "of",
        "for",
        "and",
        "to",
        "in",
        "on",
        "at",
        "with",
        "near",
        "pres",
    ]
)
TYPO_MIN_LENGTH = 5


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
    tokens = words(text)
    groups: list[list[str]] = []
    position = 0
    while position < len(tokens):
        for size in range(min(LONGEST, len(tokens) - position), 0, -1):
            phrase = " ".join(tokens[position : position + size])
            if size > 1 and phrase in SYNONYMS:
                groups.append([_phrase(member) for member in SYNONYMS[phrase]])
                position += size
                break
        else:
            token = tokens[position]
            position += 1
            if token in STOP_WORDS or (len(token) == 1 and not token.isdigit()):
                continue
            alternatives = [_prefix(token)]
            alternatives += [_phrase(member) for member in SYNONYMS.get(token, ()) if member != token]
            if vocabulary is not None and len(token) >= TYPO_MIN_LENGTH and not vocabulary.knows(token):
                for near in vocabulary.near(token):
                    # The corrected word brings its prefix and its synonyms, as the word would have.
                    alternatives.append(_prefix(near))
                    alternatives += [_phrase(member) for member in SYNONYMS.get(near, ()) if member != near]
            groups.append(alternatives)
    if not groups:
        return None
    return " AND ".join("(" + " OR ".join(dict.fromkeys(group)) + ")" for group in groups)


def _prefix(token: str) -> str:
    return f'"{token}"*' if len(token) >= 2 else f'"{token}"'


def _phrase(text: str) -> str:
    return '"' + " ".join(words(text)).replace('"', "") + '"'
