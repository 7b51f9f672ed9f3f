"""Other taxonomies' terms read as terms of the core taxonomy (`app/data/taxonomy.csv`).

`importers/data/crosswalk.csv` maps AIRS/211 codes, Open Eligibility terms and the words agencies use for
their own categories (French and English) onto core keys (`needs:food-bank`). An AIRS code is read by its
longest known prefix (`BD-1800.2000-620` is a food pantry because `BD-1800.2000` is); words are compared
without case, accents or punctuation, then with rapidfuzz for near spellings. The core terms' own codes
and labels count as words too.

Audience words ("femmes", "homeless", Open Eligibility's human situations) are deliberately not mapped: an
eligibility term is a restriction for the matcher, and a category saying whom a service serves does not
say that it turns others away.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process

from app.core.taxonomy import CoreTerm, core_index, core_terms
from app.core.text import comparable_words

CROSSWALK_CSV = Path(__file__).resolve().parent / "data" / "crosswalk.csv"
FUZZY_SCORE = 90.0  # rapidfuzz ratio (0-100) at or above which near spellings are taken
FUZZY_MIN_LENGTH = 8  # shorter words are taken only as written: one letter changes their meaning
AMBIGUITY_MARGIN = 3.0  # a runner-up this close with another core term means "cannot tell"
WORD_SCORE = 80.0  # each word must be nearly spelt too: "mail delivery" is not "meal delivery"
# The core taxonomies whose labels and codes are read as words; see the module's note on eligibility.
WORD_TAXONOMIES = ("needs", "features", "documents")
# "BD", "BD-1800", "BD-1800.2000", "BD-1800.2000-620", "BD-1800.2000-620.15" (and older 3-digit codes)
_AIRS_CODE = re.compile(r"[A-Z]{1,2}(?:-\d{3,4}(?:\.\d{3,4}(?:-\d{2,3}(?:\.\d{2})?)?)?)?")
_AIRS_NAMES = re.compile(r"\b(?:airs|211|inform\s*usa|taxonomy of human services)\b", re.IGNORECASE)
_PARTS = re.compile(r"\s*(?:>|/|\||::)\s*")  # "Food > Food Pantry": the last part names the term


@dataclass(frozen=True, slots=True)
class Entry:
    scheme: str  # airs, open_eligibility, words
    source: str  # the code or the words, as the file writes them
    core: str  # a core key: "needs:food-bank"
    note: str


@dataclass(frozen=True, slots=True)
class Mapping:
    term: CoreTerm
    how: str  # core, code, words, fuzzy
    matched: str  # what the term was read as: the code or the crosswalk's words


def load_entries(path: Path = CROSSWALK_CSV) -> list[Entry]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            Entry(row["scheme"].strip(), row["source"].strip(), row["core"].strip(), row["note"] or "")
            for row in csv.DictReader(handle)
        ]


class Crosswalk:
    def __init__(self, entries: list[Entry]) -> None:
        terms = core_index()
        unknown = sorted({e.core for e in entries if e.core not in terms})
        if unknown:
            raise ValueError(f"crosswalk entries point to no core term: {', '.join(unknown)}")
        self.codes = {e.source.upper(): terms[e.core] for e in entries if e.scheme == "airs"}
        self.words: dict[str, CoreTerm] = {}
        for term in core_terms():  # the core's own codes and labels first, the file's words over them
            if term.taxonomy in WORD_TAXONOMIES:
                for written in (term.code, term.label_en, term.label_fr):
                    self.words[comparable_words(written)] = term
        self.words.update({comparable_words(e.source): terms[e.core] for e in entries if e.scheme != "airs"})
        self._choices = [words for words in self.words if len(words) >= FUZZY_MIN_LENGTH]

    def match(self, code: str | None, names: tuple[str, ...], scheme: str = "") -> Mapping | None:
        """The core term a term stands for, from its code (AIRS) or its names; None when none is clear."""
        return self._match(code or "", names, bool(_AIRS_NAMES.search(scheme)))

    @lru_cache(maxsize=65536)  # noqa: B019 - one crosswalk per process; terms repeat across runs
    def _match(self, code: str, names: tuple[str, ...], airs: bool) -> Mapping | None:
        found = self._airs(code, airs)
        if found is not None:
            return found
        for written in (code, *names):
            for part in _candidates(written):
                if part in self.words:
                    return Mapping(self.words[part], "words", part)
        for written in names:
            for part in _candidates(written):
                near = self._near(part)
                if near is not None:
                    return near
        return None

    def _airs(self, code: str, named: bool) -> Mapping | None:
        """By the longest known prefix; a code alone is read as AIRS only when it has a number part,
        as two letters could be anyone's code ("FR")."""
        code = code.strip().upper()
        if not _AIRS_CODE.fullmatch(code) or not (named or "-" in code):
            return None
        for prefix in _prefixes(code):
            if prefix in self.codes:
                return Mapping(self.codes[prefix], "code", prefix)
        return None

    def _near(self, words: str) -> Mapping | None:
        if len(words) < FUZZY_MIN_LENGTH:
            return None
        best = process.extract(words, self._choices, scorer=fuzz.ratio, score_cutoff=FUZZY_SCORE, limit=5)
        if not best:
            return None
        choice, score, _index = best[0]
        term = self.words[choice]
        rivals = [c for c, s, _ in best[1:] if self.words[c] != term and score - s < AMBIGUITY_MARGIN]
        if rivals or not _word_by_word(words, choice):
            return None
        return Mapping(term, "fuzzy", choice)


def _prefixes(code: str) -> list[str]:
    """ "BD-1800.2000-620" -> itself, "BD-1800.2000", "BD-1800", "BD", "B"."""
    found = [code]
    while (cut := max(code.rfind("-"), code.rfind("."))) > 0:
        code = code[:cut]
        found.append(code)
    if len(code) == 2:
        found.append(code[0])
    return found


def _word_by_word(written: str, known: str) -> bool:
    ours, theirs = written.split(), known.split()
    return len(ours) == len(theirs) and all(
        fuzz.ratio(a, b) >= WORD_SCORE for a, b in zip(ours, theirs, strict=True)
    )


def _candidates(written: str) -> list[str]:
    """The folded words, then the last part of a path ("Alimentation > Banque alimentaire")."""
    whole = comparable_words(written)
    if not whole:
        return []
    parts = [p for p in _PARTS.split(written) if p.strip()]
    last = comparable_words(parts[-1]) if len(parts) > 1 else ""
    return [whole, last] if last and last != whole else [whole]


@cache
def crosswalk() -> Crosswalk:
    return Crosswalk(load_entries())
