"""What rows of one old file need to know of others, gathered in one pass before the run: small maps of
ids, and the eligibility and payments that HSDS 3.0 keeps on the service itself (a few words per service).

A row of `eligibility.csv` or `payments_accepted.csv` that cannot be folded into its service is said here,
by its file and line, since it never becomes a row of its own that the loader could reject.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from importers.csvfiles import CsvFile
from importers.dataset import RawRow
from importers.errors import Problem
from importers.hsds2.values import cell, read_number
from importers.language import detect_language

SAMPLE = 300  # services read to tell the package's language


@dataclass(slots=True)
class ServiceEligibility:
    """What `eligibility.csv` says of one service: HSDS 3.0 keeps it on the service itself."""

    texts: list[str] = field(default_factory=list)
    minimum_age: float | None = None
    maximum_age: float | None = None


@dataclass(slots=True)
class Hsds2Context:
    """What rows of one file need to know of other files: small maps, read once before the run."""

    lang: str = "fr"  # the language of the package's text, for the few words the reader writes
    services: set[str] | None = None  # the ids of services.csv (None: no services.csv)
    eligibility: dict[str, ServiceEligibility] = field(default_factory=dict)  # service id -> facts
    payments: dict[str, list[str]] = field(default_factory=dict)  # service id -> payment methods
    owners: dict[tuple[str, str], str] = field(default_factory=dict)  # (old table, row id) -> service id
    term_ids: set[str] = field(default_factory=set)  # the ids of the package's taxonomy terms

    def knows_service(self, service_id: str | None) -> bool:
        return service_id is not None and (self.services is None or service_id in self.services)


def build_context(sources: dict[str, CsvFile], problems: list[Problem]) -> Hsds2Context:
    ctx = Hsds2Context()
    if "services.csv" in sources:
        ctx.services, ctx.lang = _services(sources["services.csv"])
    for name in ("taxonomy.csv", "taxonomy_terms.csv"):
        if name in sources:
            ctx.term_ids.update(i for raw in sources[name].rows() if (i := cell(raw.data, "id")))
    if "eligibility.csv" in sources:
        problems.extend(_eligibility(sources["eligibility.csv"], ctx))
    if "payments_accepted.csv" in sources:
        problems.extend(_payments(sources["payments_accepted.csv"], ctx))
    return ctx


def _services(services: CsvFile) -> tuple[set[str], str]:
    """The ids of services.csv, and the language of its text (the few words the reader writes are in it)."""
    ids: set[str] = set()
    sample: list[str] = []
    for raw in services.rows():
        if (service_id := cell(raw.data, "id")) is not None:
            ids.add(service_id)
        if len(sample) < 2 * SAMPLE:
            sample.extend(cell(raw.data, column) or "" for column in ("name", "description"))
    return ids, detect_language(sample)


def _own(raw: RawRow, table: str, ctx: Hsds2Context) -> None:
    """Which service an old row belongs to: terms other_attributes.csv gives it are the service's."""
    own, service_id = cell(raw.data, "id"), cell(raw.data, "service_id")
    if own and service_id:
        ctx.owners[(table, own)] = service_id


def _folded_into(raw: RawRow, ctx: Hsds2Context, problems: list[Problem]) -> str | None:
    """The service a row of `eligibility.csv` or `payments_accepted.csv` is folded into (HSDS 3.0 keeps
    what it says on the service); None, and said, when there is none to fold it into."""
    service_id = cell(raw.data, "service_id")
    if service_id is None:
        problems.append(Problem("missing_required", raw.file, raw.line, "service_id"))
    elif ctx.services is None:
        problems.append(Problem("hsds2_needs_services", raw.file, raw.line, "service_id"))
    elif service_id not in ctx.services:
        params = {"value": service_id, "target": "service"}
        problems.append(Problem("broken_reference", raw.file, raw.line, "service_id", params))
    else:
        return service_id
    return None


def _eligibility(source: CsvFile, ctx: Hsds2Context) -> list[Problem]:
    """Eligibility texts and ages by service. A value naming a taxonomy term is a term, not text."""
    problems: list[Problem] = []
    for raw in source.rows():
        _own(raw, "eligibility", ctx)
        text = cell(raw.data, "eligibility")
        text = None if text in ctx.term_ids else text
        ages = {name: _age(raw, name, problems) for name in ("minimum_age", "maximum_age")}
        if text is None and all(age is None for age in ages.values()):
            continue  # nothing to fold: a term, or a row that other_attributes.csv gives terms to
        service_id = _folded_into(raw, ctx, problems)
        if service_id is None:
            continue
        found = ctx.eligibility.setdefault(service_id, ServiceEligibility())
        if text and text not in found.texts:
            found.texts.append(text)
        found.minimum_age = _widest(min, found.minimum_age, ages["minimum_age"])
        found.maximum_age = _widest(max, found.maximum_age, ages["maximum_age"])
    return problems


def _age(raw: RawRow, column: str, problems: list[Problem]) -> float | None:
    written = cell(raw.data, column)
    age = read_number(written)
    if written is not None and age is None:
        problems.append(Problem("bad_number", raw.file, raw.line, column, {"value": written}))
    return age


def _widest(pick: Callable[[float, float], float], known: float | None, new: float | None) -> float | None:
    """Several age limits for one service: the widest range, so that no one is turned away by a guess."""
    if known is None or new is None:
        return known if new is None else new
    return pick(known, new)


def _payments(source: CsvFile, ctx: Hsds2Context) -> list[Problem]:
    problems: list[Problem] = []
    for raw in source.rows():
        _own(raw, "payment_accepted", ctx)
        payment = cell(raw.data, "payment")
        service_id = _folded_into(raw, ctx, problems) if payment else None
        if service_id is not None and payment is not None:
            methods = ctx.payments.setdefault(service_id, [])
            if payment not in methods:
                methods.append(payment)
    return problems
