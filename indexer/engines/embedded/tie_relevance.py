"""Relevance of a few places' own text to a query, for ordering places at the same distance.

FTS5's BM25 reads the whole document list of every word of the query to weigh it (tens of milliseconds for
the commonest words), however few rows it scores. Places at one address are ordered by the same formula
here, on their own text: term frequency saturated and normalized by the column's length (k1 = 1.2,
b = 0.75, as FTS5), columns weighted as in the engine's BM25; every word weighs the same (all the places
share the query, so a word's rarity would move them all alike when the query has one word).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from indexer.synonyms import words

K1 = 1.2
B = 0.75
_ALTERNATIVE = re.compile(r'"([^"]*)"(\*?)')

Alternative = tuple[tuple[str, ...], bool]  # the tokens, and whether the last one is a prefix


def expression_terms(match: str) -> list[list[Alternative]]:
    """The groups of an expression `match_expression` wrote: `("a"* OR "b c") AND ("d"*)`."""
    groups = []
    for group in match.split(" AND "):
        alternatives = [
            (tuple(found.group(1).split()), found.group(2) == "*") for found in _ALTERNATIVE.finditer(group)
        ]
        if alternatives:
            groups.append(alternatives)
    return groups


def occurrences(tokens: Sequence[str], alternative: Alternative) -> int:
    wanted, prefix = alternative
    if not wanted:
        return 0
    size = len(wanted)
    count = 0
    for start in range(len(tokens) - size + 1):
        if all(tokens[start + i] == wanted[i] for i in range(size - 1)):
            last = tokens[start + size - 1]
            if last == wanted[-1] or (prefix and last.startswith(wanted[-1])):
                count += 1
    return count


def relevance(
    texts: dict[int, Sequence[str | None]], match: str, weights: Sequence[float]
) -> dict[int, float]:
    """A score for each row of `texts` (its columns in the engine's column order): higher is better."""
    terms = [alternative for group in expression_terms(match) for alternative in group]
    tokenized = {rowid: [words(text or "") for text in columns] for rowid, columns in texts.items()}
    if not tokenized:
        return {}
    columns = len(weights)
    rows = list(tokenized.values())
    average = [max(sum(len(tokens[c]) for tokens in rows) / len(rows), 1.0) for c in range(columns)]
    scores = {}
    for rowid, tokens in tokenized.items():
        score = 0.0
        for alternative in terms:
            for c in range(columns):
                found = occurrences(tokens[c], alternative)
                if found:
                    norm = K1 * (1 - B + B * len(tokens[c]) / average[c])
                    score += weights[c] * found * (K1 + 1) / (found + norm)
        scores[rowid] = score
    return scores
