"""Organizations and services listed twice (by two sources, or twice by one): found, scored, linked.

Candidate pairs come from blocks, never from comparing everything: records sharing a phone, a website, an
e-mail, a postal code, their whole name, one of their two rarest name words, or a name word within one
postal area (FSA). A block larger than MAX_BLOCK (a switchboard shared by a whole agency, "alimentaire" in
one FSA) is not compared all-pairs: its records are sorted by name and each is compared with its WINDOW
next neighbours.
Each pair is scored by `importers.dedupe_scoring`.

Links (`app.core.models.DuplicateLink`) never delete or merge rows: both keep their source and source id. Sure
pairs are linked, doubtful ones wait for a person (`carrefour dedupe --confirm/--reject`). Re-running
changes nothing when nothing changed; a pair a person rejected stays rejected. A service on the duplicate
side of a linked pair is left out of search, and the services whose visibility changed get change-log rows
in the same transaction, so the index follows.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from app.core.changes import record_changes
from app.core.i18n import lazy_gettext as _l
from app.core.models import (
    Address,
    Attribute,
    DuplicateLink,
    Location,
    Organization,
    Phone,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
)
from app.core.models.duplicates import CONFIRMED, KINDS, LINKED, REJECTED, hidden_service_ids, pair_key
from app.core.orm import utcnow
from app.core.progress import SILENT, Progress, tracked
from importers.dedupe_scoring import (
    NameForm,
    Record,
    Scored,
    add_postal_code,
    name_form,
    phone_key,
    postal_key,
    score_pair,
    site_key,
    street_key,
)

MAX_BLOCK = 50  # records in a block compared all-pairs; a larger block is compared by name neighbours
WINDOW = 8  # neighbours by name compared in a large block
RARE_TOKENS = 2  # a record's rarest name words that each make a block
AREA_TOKENS = 8  # name words combined with the postal area

I18n = dict[str, str] | None


class DedupeError(Exception):
    """A pair that does not exist was named."""


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


@dataclass(slots=True)
class KindCounts:
    sure: int = 0
    review: int = 0
    confirmed: int = 0
    rejected: int = 0  # rejected pairs found again and left alone
    created: int = 0
    updated: int = 0
    removed: int = 0  # automatic links the data no longer supports


@dataclass(slots=True)
class DedupeResult:
    counts: dict[str, KindCounts] = field(default_factory=dict)
    stats: dict[str, DedupeStats] = field(default_factory=dict)
    hidden: int = 0  # services hidden from search as duplicates, after the run
    changed: int = 0  # services whose search documents change with this run


# --- reading records -------------------------------------------------------------------------------------


def _grouped(session: Session, statement: Select[Any]) -> dict[str, list[Any]]:
    """{first column: [second column, ...]} of a two-column select, rows without a key left out."""
    found: dict[str, list[Any]] = defaultdict(list)
    for key, value in session.execute(statement):
        if key is not None and value is not None:
            found[key].append(value)
    return found


def _name_forms(*values: I18n, organization: bool = True) -> list[NameForm]:
    forms: dict[str, NameForm] = {}
    for value in values:
        for text in (value or {}).values():
            form = name_form(text, organization) if isinstance(text, str) and text.strip() else None
            if form is not None:
                forms.setdefault(form.core, form)
    return list(forms.values())


def _label(name: I18n, lang: str) -> str:
    name = name or {}
    return name.get(lang) or next((text for text in name.values() if text), "")


def _places(session: Session) -> dict[str, list[tuple[str | None, str | None, str | None]]]:
    """{location id: [(postal code, country, street line), ...]}."""
    found: dict[str, list[tuple[str | None, str | None, str | None]]] = defaultdict(list)
    statement = select(Address.location_id, Address.postal_code, Address.country, Address.address_1)
    for location_id, code, country, line in session.execute(statement):
        if location_id is not None:
            found[location_id].append((code, country, line))
    return found


def _add_contacts(
    record: Record, phones: Iterable[str], sites: Iterable[str | None], emails: Iterable[str | None]
) -> None:
    record.phones |= {key for number in phones if (key := phone_key(number))}
    record.sites |= {key for url in sites if url and (key := site_key(url))}
    record.emails |= {email.strip().lower() for email in emails if email and "@" in email}


def _add_places(record: Record, places: Iterable[tuple[str | None, str | None, str | None]]) -> None:
    for code, country, line in places:
        postal = postal_key(code, country)
        if postal:
            add_postal_code(record, postal)
        street = street_key(line) if line else None
        if street:
            record.streets.add(street)
            record.street_lines.setdefault(street, line or "")


def _completeness(record: Record, texts: Sequence[I18n]) -> int:
    """How much a record says: each text in each language, and each phone, site, address and category."""
    written = sum(1 for text in texts for value in (text or {}).values() if value)
    known = (
        record.phones,
        record.sites,
        record.emails,
        record.postal_codes,
        record.streets,
        record.categories,
    )
    return written + sum(len(values) for values in known)


def load_records(session: Session, kind: str) -> list[Record]:
    return _organization_records(session) if kind == "organization" else _service_records(session)


def _organization_records(session: Session) -> list[Record]:
    places = _places(session)
    locations = _grouped(session, select(Location.organization_id, Location.id))
    phones = _grouped(session, select(Phone.organization_id, Phone.number))
    location_phones = _grouped(session, select(Phone.location_id, Phone.number))
    records = []
    statement = select(
        Organization.id,
        Organization.data_source,
        Organization.source_id,
        Organization.lang,
        Organization.name,
        Organization.alternate_name,
        Organization.description,
        Organization.website,
        Organization.email,
        Organization.created_at,
    )
    # A placeholder (an id the files lacked) has nothing to compare by: it is listed for review on its own.
    statement = statement.where(Organization.placeholder.is_(False)).order_by(Organization.id)
    for row in session.execute(statement):
        names = _name_forms(row.name, row.alternate_name)
        if not names:
            continue  # nothing to compare a nameless row by
        record = Record(
            row.id,
            "organization",
            row.data_source,
            row.source_id,
            _label(row.name, row.lang),
            names,
            row.created_at,
        )
        own = locations.get(row.id, [])
        numbers = phones.get(row.id, []) + [n for loc in own for n in location_phones.get(loc, [])]
        _add_contacts(record, numbers, [row.website], [row.email])
        _add_places(record, (place for loc in own for place in places.get(loc, [])))
        record.completeness = _completeness(record, [row.name, row.alternate_name, row.description])
        records.append(record)
    return records


def _service_records(session: Session) -> list[Record]:
    places = _places(session)
    sals = _grouped(session, select(ServiceAtLocation.service_id, ServiceAtLocation.id))
    sal_locations = {
        sal_id: location_id
        for sal_id, location_id in session.execute(
            select(ServiceAtLocation.id, ServiceAtLocation.location_id)
        )
    }
    phones = _grouped(session, select(Phone.service_id, Phone.number))
    sal_phones = _grouped(session, select(Phone.service_at_location_id, Phone.number))
    location_phones = _grouped(session, select(Phone.location_id, Phone.number))
    organizations = {
        org_id: _name_forms(name, alternate)
        for org_id, name, alternate in session.execute(
            select(Organization.id, Organization.name, Organization.alternate_name).where(
                Organization.placeholder.is_(False)
            )
        )
    }
    categories = _grouped(
        session,
        select(Attribute.link_id, TaxonomyTerm.core_key)
        .join(TaxonomyTerm, TaxonomyTerm.id == Attribute.taxonomy_term_id)
        .where(Attribute.link_entity == "service", TaxonomyTerm.core_key.like("needs:%")),
    )
    records = []
    statement = select(
        Service.id,
        Service.data_source,
        Service.source_id,
        Service.lang,
        Service.name,
        Service.alternate_name,
        Service.description,
        Service.url,
        Service.email,
        Service.created_at,
        Service.organization_id,
    ).order_by(Service.id)
    for row in session.execute(statement):
        names = _name_forms(row.name, row.alternate_name, organization=False)
        if not names:
            continue
        record = Record(
            row.id,
            "service",
            row.data_source,
            row.source_id,
            _label(row.name, row.lang),
            names,
            row.created_at,
        )
        record.organization_id = row.organization_id
        record.organization_names = organizations.get(row.organization_id, [])
        record.categories = {key.split(":", 1)[1] for key in categories.get(row.id, [])}
        own_sals = sals.get(row.id, [])
        own_locations = [sal_locations[sal] for sal in own_sals if sal_locations.get(sal)]
        numbers = (
            phones.get(row.id, [])
            + [n for sal in own_sals for n in sal_phones.get(sal, [])]
            + [n for loc in own_locations for n in location_phones.get(loc, [])]
        )
        _add_contacts(record, numbers, [row.url], [row.email])
        _add_places(record, (place for loc in own_locations for place in places.get(loc, [])))
        record.completeness = _completeness(record, [row.name, row.alternate_name, row.description])
        records.append(record)
    return records


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


def _links(session: Session, kind: str) -> dict[str, DuplicateLink]:
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
    links = _links(session, kind)
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


def _assess_all(
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


def report(
    session: Session,
    kinds: Sequence[str] = KINDS,
    min_score: int | None = None,
    progress: Progress = SILENT,
) -> tuple[list[Candidate], dict[str, DedupeStats]]:
    """Candidate pairs with their scores and reasons, best first; reads only. Rejected pairs are left out."""
    shown: list[Candidate] = []
    stats: dict[str, DedupeStats] = {}
    for kind, candidates, kind_stats in _assess_all(session, kinds, min_score, progress):
        stats[kind] = kind_stats
        for candidate in candidates:
            if candidate.status == REJECTED or (min_score is not None and candidate.scored.score < min_score):
                continue
            if candidate.status is not None or min_score is not None:
                shown.append(candidate)
    shown.sort(key=lambda c: (KINDS.index(c.kind), -c.scored.score, c.canonical.label, c.duplicate.label))
    return shown, stats


# --- recording links -------------------------------------------------------------------------------------


def _link_values(candidate: Candidate, status: str) -> dict[str, Any]:
    return {
        "canonical_id": candidate.canonical.id,
        "duplicate_id": candidate.duplicate.id,
        "score": candidate.scored.score,
        "reasons": [reason.as_dict() for reason in candidate.scored.reasons],
        "status": status,
    }


def _sync_links(session: Session, kind: str, candidates: list[Candidate], counts: KindCounts) -> None:
    links = _links(session, kind)
    for candidate in candidates:
        link = links.get(candidate.key)
        status = candidate.status
        if status == REJECTED:
            counts.rejected += 1
            continue
        if status is None:
            if link is not None:  # an automatic link the data no longer supports
                session.delete(link)
                counts.removed += 1
            continue
        setattr(counts, status, getattr(counts, status) + 1)
        values = _link_values(candidate, status)
        if link is None:
            session.add(DuplicateLink(kind=kind, pair_key=candidate.key, **values))
            counts.created += 1
        elif any(getattr(link, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(link, name, value)
            link.updated_at = utcnow()
            counts.updated += 1
    # Links of a pair whose row is gone: automatic ones go; a person's decision stays, should the row return.
    assessed = {candidate.key for candidate in candidates}
    for key, link in links.items():
        if key not in assessed and link.status not in (CONFIRMED, REJECTED):
            session.delete(link)
            counts.removed += 1


def _follow_visibility(session: Session, hidden_before: set[str]) -> tuple[int, int]:
    """Change-log rows for the services that became hidden or visible; (hidden now, changed)."""
    session.flush()
    hidden_after = hidden_service_ids(session)
    changed = hidden_before ^ hidden_after
    record_changes(session, changed, "dedupe")
    return len(hidden_after), len(changed)


def run_dedupe(session: Session, kinds: Sequence[str] = KINDS, progress: Progress = SILENT) -> DedupeResult:
    """Record links: sure pairs linked, doubtful ones to review; the caller commits."""
    result = DedupeResult()
    hidden_before = hidden_service_ids(session)
    for kind, candidates, stats in _assess_all(session, kinds, progress=progress):
        result.stats[kind] = stats
        result.counts[kind] = KindCounts()
        _sync_links(session, kind, candidates, result.counts[kind])
        session.flush()
    result.hidden, result.changed = _follow_visibility(session, hidden_before)
    return result


def decide(session: Session, link_id: int, confirm: bool) -> DuplicateLink:
    """A person's answer on a pair: the same (confirmed: linked) or not (rejected: never proposed again)."""
    link = session.get(DuplicateLink, link_id)
    if link is None:
        raise DedupeError(link_id)
    hidden_before = hidden_service_ids(session)
    link.status = CONFIRMED if confirm else REJECTED
    link.decided_at = link.updated_at = utcnow()
    _follow_visibility(session, hidden_before)
    return link


def link_labels(session: Session, link: DuplicateLink) -> tuple[str, str]:
    """The names of the kept and the duplicate record of a link, for people."""
    model = Organization if link.kind == "organization" else Service
    labels = []
    for row_id in (link.canonical_id, link.duplicate_id):
        row = session.get(model, row_id)
        labels.append(f"{_label(row.name, row.lang)} ({row.data_source}: {row.source_id})" if row else row_id)
    return labels[0], labels[1]
