"""Candidate pairs of duplicates: found by blocking, then scored, with the links already recorded.

Candidate pairs come from blocks, never from comparing everything: records sharing a phone, a website, an
e-mail, a postal code, their whole name, one of their two rarest name words, or a name word within one
postal area (FSA). A block larger than MAX_BLOCK (a switchboard shared by a whole agency, "alimentaire" in
one FSA) is not compared all-pairs: its records are sorted by name and each is compared with its WINDOW
next neighbours.
Each pair is scored by `importers.dedupe_scoring`; pairs already linked are scored again, so that a link
follows the data.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import combinations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.i18n import lazy_gettext as _l
from app.core.models import DuplicateLink
from app.core.models.duplicates import CONFIRMED, KINDS, LINKED, REJECTED, pair_key
from app.core.progress import SILENT, Progress, tracked
from importers.dedupe_records import load_records
from importers.dedupe_scoring import Record, Scored, score_pair

MAX_BLOCK = 50  # records in a block compared all-pairs; a larger block is compared by name neighbours
WINDOW = 8  # neighbours by name compared in a large block
RARE_TOKENS = 2  # a record's rarest name words that each make a block
AREA_TOKENS = 8  # name words combined with the postal area


@dataclass(slots=True)
class DedupeStats:
    records: int = 0
    blocks: int = 0  # blocks of two records or more
    large_blocks: int = 0  # compared by name neighbours only
    scored: int = 0  # pairs scored: all-pairs would be records * (records - 1) / 2

    def as_dict(self) -> dict[str, int]:
        return {
            "records": self.records,
            "blocks": self.blocks,
            "large_blocks": self.large_blocks,
            "scored": self.scored,
        }


@dataclass(slots=True)
class Candidate:
    kind: str
    canonical: Record  # kept and shown
    duplicate: Record  # linked behind it
    scored: Scored
    link_id: int | None = None
    link_status: str | None = None

    @property
    def key(self) -> str:
        return pair_key(self.canonical.id, self.duplicate.id)

    @property
    def status(self) -> str | None:
        """A person's decision stands; otherwise what the score says ("sure", "review" or None)."""
        if self.link_status in (CONFIRMED, REJECTED):
            return self.link_status
        return self.scored.verdict()


# --- blocking --------------------------------------------------------------------------------------------


def _block_keys(record: Record, frequency: Counter[str]) -> set[tuple[str, ...]]:
    keys: set[tuple[str, ...]] = {("phone", p) for p in record.phones}
    keys |= {("site", s) for s in record.sites} | {("email", e) for e in record.emails}
    keys |= {("postal", c) for c in record.postal_codes}
    keys |= {("same-name", form.core) for form in record.names}
    # Rare words name a record best; a common word ("alimentaire") only blocks together with a place.
    words = sorted((t for t in record.tokens if len(t) >= 3 or t.isdigit()), key=lambda t: (frequency[t], t))
    keys |= {("name", word) for word in words[:RARE_TOKENS]}
    keys |= {("name-area", word, area) for area in record.areas for word in words[:AREA_TOKENS]}
    return keys


def _neighbour_key(record: Record, index: int) -> tuple[str, str, str, int]:
    """Order in a large block: by name, then organization and postal code, so that among many services of
    one name ("Banque alimentaire") twins of one organization or place sit side by side."""
    organization = min((form.core for form in record.organization_names), default="")
    return (record.sort_name, organization, min(record.postal_codes, default=""), index)


def candidate_pairs(records: Sequence[Record], stats: DedupeStats) -> list[tuple[int, int]]:
    """Index pairs (i < j) of records sharing a block; each pair once."""
    frequency = Counter(token for record in records for token in record.tokens)
    blocks: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for index, record in enumerate(records):
        for key in _block_keys(record, frequency):
            blocks[key].append(index)
    pairs: set[tuple[int, int]] = set()
    for members in blocks.values():
        if len(members) < 2:
            continue
        stats.blocks += 1
        if len(members) <= MAX_BLOCK:
            pairs.update(combinations(members, 2))  # members are in increasing order
            continue
        stats.large_blocks += 1
        ordered = sorted(members, key=lambda i: _neighbour_key(records[i], i))
        for position, first in enumerate(ordered):
            for second in ordered[position + 1 : position + 1 + WINDOW]:
                pairs.add((min(first, second), max(first, second)))
    return sorted(pairs)


# --- assessing pairs -------------------------------------------------------------------------------------


class _Clusters:
    """Organizations linked as duplicates, joined transitively (union-find)."""

    def __init__(self, pairs: Iterable[tuple[str, str]]) -> None:
        self.parent: dict[str, str] = {}
        for first, second in pairs:
            self.parent[self.root(first)] = self.root(second)

    def root(self, item: str) -> str:
        while self.parent.get(item, item) != item:
            item = self.parent[item]
        return item

    def same(self, first: str | None, second: str | None) -> bool:
        return first is not None and second is not None and self.root(first) == self.root(second)


def stored_links(session: Session, kind: str) -> dict[str, DuplicateLink]:
    return {
        link.pair_key: link
        for link in session.scalars(select(DuplicateLink).where(DuplicateLink.kind == kind))
    }


def _candidate(
    kind: str, first: Record, second: Record, scored: Scored, link: DuplicateLink | None
) -> Candidate:
    canonical, duplicate = sorted((first, second), key=Record.rank)
    return Candidate(
        kind,
        canonical,
        duplicate,
        scored,
        link_id=link.id if link else None,
        link_status=link.status if link else None,
    )


def assess(
    session: Session,
    kind: str,
    clusters: _Clusters | None = None,
    floor: int | None = None,
    progress: Progress = SILENT,
) -> tuple[list[Candidate], DedupeStats]:
    """Every candidate pair of `kind`, and every pair already linked (scored again, so a confirmed link
    follows the data and an automatic one the data no longer supports can be withdrawn). Pairs scoring
    `floor` or more are kept too, even below the review threshold (to tune the thresholds)."""
    records = load_records(session, kind)
    stats = DedupeStats(records=len(records))
    links = stored_links(session, kind)
    position = {record.id: index for index, record in enumerate(records)}
    pairs = set(candidate_pairs(records, stats))
    for key in links:
        first, second = key.split("|")
        if first in position and second in position:
            low, high = sorted((position[first], position[second]))
            pairs.add((low, high))
    clusters = clusters or _Clusters([])
    candidates = []
    for i, j in tracked(sorted(pairs), progress, _l("Pairs of %(kind)s", kind=kind), len(pairs)):
        first, second = records[i], records[j]
        stats.scored += 1
        scored = score_pair(first, second, clusters.same(first.organization_id, second.organization_id))
        link = links.get(pair_key(first.id, second.id))
        near_miss = floor is not None and scored.score >= floor and bool(scored.reasons)
        if link is not None or scored.verdict() is not None or near_miss:
            candidates.append(_candidate(kind, first, second, scored, link))
    return candidates, stats


def _organization_clusters(session: Session, organizations: list[Candidate] | None) -> _Clusters:
    """Linked organizations: from this run's assessment when there is one, else as recorded."""
    if organizations is not None:
        pairs = [(c.canonical.id, c.duplicate.id) for c in organizations if c.status in LINKED]
    else:
        statement = select(DuplicateLink.canonical_id, DuplicateLink.duplicate_id).where(
            DuplicateLink.kind == "organization", DuplicateLink.status.in_(LINKED)
        )
        pairs = [(first, second) for first, second in session.execute(statement)]
    return _Clusters(pairs)


def assess_all(
    session: Session, kinds: Sequence[str], floor: int | None = None, progress: Progress = SILENT
) -> Iterator[tuple[str, list[Candidate], DedupeStats]]:
    """Organizations first: services of two linked organizations count as of one organization."""
    organizations: list[Candidate] | None = None
    for kind in KINDS:
        if kind not in kinds:
            continue
        clusters = _organization_clusters(session, organizations) if kind == "service" else None
        candidates, stats = assess(session, kind, clusters, floor, progress)
        if kind == "organization":
            organizations = candidates
        yield kind, candidates, stats
