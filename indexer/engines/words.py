"""What a person typed, as the groups of alternatives every engine searches for.

Every meaningful word (or known phrase) must match, each through its prefix, its synonyms, or its nearest
spelling when the index does not hold it: people type prefixes, either language, and typos. Stop words and
lone letters are left out. Each engine writes the groups in its own query language (FTS5 for the embedded
index, `tsquery` for PostgreSQL), so both find the same documents for the same words.
"""

from __future__ import annotations

from typing import NamedTuple, Protocol

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


class Alternative(NamedTuple):
    """Words to find one after the other; the last one as a prefix when `prefix`."""

    tokens: tuple[str, ...]
    prefix: bool


class Lexicon(Protocol):
    """The words an index holds: enough to tell a typo from a real word and find its nearest spelling."""

    def knows(self, token: str) -> bool:
        """A word the index holds, or the beginning of one (people type prefixes)."""

    def near(self, token: str, limit: int = 5) -> list[str]:
        """Index words one edit away (a transposition counts as one)."""


def word_groups(text: str, lexicon: Lexicon | None) -> list[list[Alternative]]:
    """The groups of `text` (empty when no word is left to look for); typos are corrected only with the
    index's `lexicon`. Alternatives within a group are distinct, in the order found."""
    tokens = words(text)
    groups: list[list[Alternative]] = []
    position = 0
    while position < len(tokens):
        for size in range(min(LONGEST, len(tokens) - position), 0, -1):
            phrase = " ".join(tokens[position : position + size])
            if size > 1 and phrase in SYNONYMS:
                groups.append(_distinct(_phrase(member) for member in SYNONYMS[phrase]))
                position += size
                break
        else:
            token = tokens[position]
            position += 1
            if token in STOP_WORDS or (len(token) == 1 and not token.isdigit()):
                continue
            alternatives = [_prefix(token)]
            alternatives += [_phrase(member) for member in SYNONYMS.get(token, ()) if member != token]
            if lexicon is not None and len(token) >= TYPO_MIN_LENGTH and not lexicon.knows(token):
                for near in lexicon.near(token):
                    # The corrected word brings its prefix and its synonyms, as the word would have.
                    alternatives.append(_prefix(near))
                    alternatives += [_phrase(member) for member in SYNONYMS.get(near, ()) if member != near]
            groups.append(_distinct(alternatives))
    return groups


def _distinct(alternatives: object) -> list[Alternative]:
    return list(dict.fromkeys(alternatives))  # type: ignore[call-overload]


def _prefix(token: str) -> Alternative:
    return Alternative((token,), len(token) >= 2)


def _phrase(text: str) -> Alternative:
    return Alternative(tuple(word.replace('"', "") for word in words(text)), False)
