"""The order of a search with a place and words: how well each place matches, weighed with its distance.

    score = relevance × 0.5 ^ (distance_km / HALF_DISTANCE_KM)

`relevance` is the mean, over the words of the query (each group of the full-text expression: a word with its
prefix, synonyms and nearest spellings, or a known phrase such as "banque alimentaire"), of the weight of
the best field of the document the word is found in:

    service name                                                   1.0
    category labels, description                                   0.8
    keywords (alternate names, program, place name and address)    0.3
    organization name                                              0.1

A document holds every word somewhere, so its relevance is between 0.1 and 1; the distance halves it every
2.5 km. So a service whose own text holds the words comes before one that only shares its organization's
name unless it is 7.5 km farther (0.8 / 0.1 = 2³), and before one matched through its keywords (its place
name, often the organization's) unless it is 3.5 km farther; between two services that match alike, the
nearer comes first. Places without a distance (remote, unplaced, when asked for) come after the others, by
relevance. Equal scores are parted by distance, then by document id.

Freshness leans a little: a listing verified (or, never verified, updated by an import) within the last
FRESH_BOOSTS days has its score multiplied by that factor (×1.04 within six months, ×1.02 within a year),
with words alone (BM25) as with words and a place; enough to part near ties, never to bring a weaker match
above a clearly better one. Nearest first stays nearest first.

The weights are read from the full-text index alone: for each word, the documents holding it in each field
(an FTS5 column filter, `{name_fr name_en} : (...)`), intersected with the candidates in numpy; nothing is
read of the documents themselves, so a words-in-a-circle search is still answered from arrays.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import numpy as np
from numpy.typing import NDArray

HALF_DISTANCE_KM = 2.5
# (days since the listing's freshness date, score factor), the shortest first.
FRESH_BOOSTS: tuple[tuple[int, float], ...] = ((182, 1.04), (365, 1.02))
# Fields by what a word found there says about the service, best first; each as its FTS5 columns.
TIERS: tuple[tuple[float, tuple[str, ...]], ...] = (
    (1.0, ("name_fr", "name_en")),
    (0.8, ("labels_fr", "labels_en", "description_fr", "description_en")),
    (0.3, ("keywords_fr", "keywords_en")),
)
ORGANIZATION = 0.1  # the one column left (`org`): a word found in none of the tiers' columns is there

# The rowids holding an FTS5 expression, in ascending order.
RowidsOf = Callable[[str], NDArray[np.int64]]


def word_groups(match: str) -> list[str]:
    """The groups of an expression `match_expression` wrote: `("a"* OR "b c") AND ("d"*)`."""
    return match.split(" AND ")


def column_filter(columns: tuple[str, ...], group: str) -> str:
    return "{" + " ".join(columns) + "} : " + group


def relevance(rowids: NDArray[np.int64], match: str, rowids_of: RowidsOf) -> NDArray[np.float64]:
    """The relevance of each of `rowids` (documents matching `match`) as defined above."""
    total = np.zeros(rowids.shape[0])
    groups = word_groups(match)
    for group in groups:
        best = np.full(rowids.shape[0], ORGANIZATION)
        undecided = np.ones(rowids.shape[0], dtype=bool)
        for weight, columns in TIERS:
            if not undecided.any():
                break
            found = undecided & _members(rowids, rowids_of(column_filter(columns, group)))
            best[found] = weight
            undecided &= ~found
        total += best
    return total / len(groups)


def scores(relevance: NDArray[np.float64], distances: NDArray[np.float64]) -> NDArray[np.float64]:
    """Relevance weighed with distance (km; NaN where there is none: relevance alone)."""
    with np.errstate(invalid="ignore"):
        decayed = relevance * 0.5 ** (distances / HALF_DISTANCE_KM)
    return np.where(np.isnan(distances), relevance, decayed)


def today_ordinal() -> int:
    """Today (Montréal) as a date ordinal, what freshness is measured from."""
    from app.core.hours import LOCAL

    return datetime.now(LOCAL).date().toordinal()


def fresh_factor(fresh: NDArray[np.float64], today: int) -> NDArray[np.float64]:
    """Each document's freshness factor; `fresh` holds date ordinals (NaN where unknown), `today` one."""
    age = today - fresh
    factor = np.ones(fresh.shape[0])
    with np.errstate(invalid="ignore"):  # NaN compares False: no lean
        for days, boost in reversed(FRESH_BOOSTS):
            factor = np.where(age <= days, boost, factor)
    return factor


def fresh_factor_of(fresh: int | None, today: int) -> float:
    """One document's freshness factor (`fresh` a date ordinal, None when unknown)."""
    if fresh is None:
        return 1.0
    return next((boost for days, boost in FRESH_BOOSTS if today - fresh <= days), 1.0)


def fresh_case_sql(column: str, today: int) -> str:
    """The same factor as an SQL expression on a column of date ordinals (numbers computed here)."""
    cases = " ".join(f"WHEN {column} >= {int(today) - days} THEN {boost}" for days, boost in FRESH_BOOSTS)
    return f"(CASE {cases} ELSE 1.0 END)"


def order(
    rowids: NDArray[np.int64], distances: NDArray[np.float64], score: NDArray[np.float64]
) -> NDArray[np.int64]:
    """Positions best first: placed before unplaced, higher score, nearer, then rowid (the caller parts
    equal scores and distances by document id)."""
    unplaced = np.isnan(distances)
    return np.lexsort((rowids, np.where(unplaced, np.inf, distances), -score, unplaced))


def _members(rowids: NDArray[np.int64], found: NDArray[np.int64]) -> NDArray[np.bool_]:
    """Which of `rowids` are in `found` (ascending)."""
    if found.shape[0] == 0:
        return np.zeros(rowids.shape[0], dtype=bool)
    positions = np.minimum(np.searchsorted(found, rowids), found.shape[0] - 1)
    return found[positions] == rowids  # type: ignore[no-any-return]
