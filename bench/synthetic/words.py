"""Reading the word files (`words/*.yaml`): each is validated by its pydantic model, then the names one file
gives another are checked (a service kind's cost profiles, an organization's borough...). A wrong file stops
the generator with a message naming the file and the key.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, RootModel, ValidationError

from app.core.taxonomy import core_terms
from bench.synthetic import models as m

WORDS_DIR = Path(__file__).resolve().parent / "words"

# File -> the model that validates it.
FILES: dict[str, type[BaseModel]] = {
    "eligibility.yaml": m.EligibilityFile,
    "service_kinds.yaml": m.ServiceKindsFile,
    "organization_kinds.yaml": m.OrganizationKindsFile,
    "organizations.yaml": m.OrganizationsFile,
    "details.yaml": m.DetailsFile,
    "sentences.yaml": m.SentencesFile,
    "people.yaml": m.PeopleFile,
    "hours.yaml": m.HoursFile,
    "costs.yaml": m.CostsFile,
    "languages.yaml": m.LanguagesFile,
    "montreal.yaml": m.MontrealFile,
    "queries.yaml": m.QueriesFile,
}


class WordsError(ValueError):
    """A word file is missing, not YAML, or says something the generator cannot use."""


@dataclass(frozen=True, slots=True)
class Words:
    eligibility: m.EligibilityFile
    service_kinds: dict[str, m.ServiceKind]
    organization_kinds: dict[str, m.OrganizationKind]
    organizations: m.OrganizationsFile
    details: m.DetailsFile
    sentences: m.SentencesFile
    people: m.PeopleFile
    hours: m.HoursFile
    costs: dict[str, m.CostProfile]
    languages: dict[str, m.T]
    montreal: m.MontrealFile
    queries: m.QueriesFile

    def restriction(self, name: str | None) -> m.Restriction | None:
        return None if name is None else self.eligibility.restrictions[name]


def _where(location: tuple[int | str, ...]) -> str:
    return ".".join(str(part) for part in location if part != "key") or "(top)"


def read_file(folder: Path, name: str) -> BaseModel:
    """One word file, validated by its model; WordsError names the file and the key that is wrong."""
    path = folder / name
    try:
        data: Any = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    except FileNotFoundError:
        raise WordsError(f"{name}: the file is missing from {folder}") from None
    except yaml.YAMLError as error:
        raise WordsError(f"{name}: not valid YAML: {error}") from None
    try:
        return FILES[name].model_validate(data)
    except ValidationError as error:
        lines = [f"{name}: {_where(e['loc'])}: {e['msg']}" for e in error.errors()[:10]]
        raise WordsError("\n".join(lines)) from None


def load_words(folder: Path = WORDS_DIR) -> Words:
    """Every word file of `folder`, validated and checked against each other and the core taxonomy."""
    read = {name: read_file(folder, name) for name in FILES}

    def root(name: str) -> Any:
        model = read[name]
        return model.root if isinstance(model, RootModel) else model

    words = Words(
        eligibility=root("eligibility.yaml"),
        service_kinds=root("service_kinds.yaml"),
        organization_kinds=root("organization_kinds.yaml"),
        organizations=root("organizations.yaml"),
        details=root("details.yaml"),
        sentences=root("sentences.yaml"),
        people=root("people.yaml"),
        hours=root("hours.yaml"),
        costs=root("costs.yaml").profiles,
        languages=root("languages.yaml").names,
        montreal=root("montreal.yaml"),
        queries=root("queries.yaml"),
    )
    problems = cross_check(words)
    if problems:
        raise WordsError("\n".join(problems[:20]))
    return words


@cache
def words() -> Words:
    """The project's word files, read once."""
    return load_words(WORDS_DIR)


def _unknown(file: str, key: str, values: Any, known: Any, what: str) -> list[str]:
    return [f"{file}: {key}: {value!r} is not {what}" for value in values if value not in known]


def cross_check(w: Words) -> list[str]:
    """The names one file gives another, and the core codes, all exist."""
    codes: dict[str, set[str]] = {}
    for term in core_terms():
        codes.setdefault(term.taxonomy, set()).add(term.code)
    restrictions, boroughs = w.eligibility.restrictions, w.montreal.boroughs
    hours, costs = {*w.hours.profiles, "none"}, {*w.costs, "none"}
    problems: list[str] = []
    for key, restriction in restrictions.items():
        where = f"restrictions.{key}.codes"
        problems += _unknown(
            "eligibility.yaml", where, restriction.codes, codes["eligibility"], "a core code"
        )
    for key, kind in w.service_kinds.items():
        file = "service_kinds.yaml"
        problems += _unknown(file, f"{key}.needs", kind.needs, codes["needs"], "a core needs code")
        problems += _unknown(file, f"{key}.hours", kind.hours, hours, "a profile of hours.yaml")
        problems += _unknown(file, f"{key}.costs", kind.costs, costs, "a profile of costs.yaml")
        named = [e for e in kind.eligibility if e is not None]
        problems += _unknown(
            file, f"{key}.eligibility", named, restrictions, "a restriction of eligibility.yaml"
        )
        for documents in kind.documents:
            known = codes["documents"] & set(w.sentences.documents)
            problems += _unknown(file, f"{key}.documents", documents, known, "a document of sentences.yaml")
        if len(kind.leads) != len(kind.names) and not kind.leads:
            problems.append(f"{file}: {key}.leads: a kind needs at least one lead")
    for key, org_kind in w.organization_kinds.items():
        file = "organization_kinds.yaml"
        for field in ("core", "extra"):
            offered = getattr(org_kind, field)
            problems += _unknown(file, f"{key}.{field}", offered, w.service_kinds, "a service kind")
        problems += _unknown(
            file, f"{key}.boroughs", org_kind.boroughs, boroughs, "a borough of montreal.yaml"
        )
        if org_kind.eligibility is not None:
            where = f"{key}.eligibility"
            problems += _unknown(file, where, [org_kind.eligibility], restrictions, "a restriction")
    network = w.organizations.network
    problems += _unknown("organizations.yaml", "network.borough", [network.borough], boroughs, "a borough")
    problems += _unknown(
        "organizations.yaml",
        "network.service.kind",
        [network.service.kind],
        w.service_kinds,
        "a service kind",
    )
    for number, pinned in enumerate(w.organizations.pinned):
        where = f"pinned.{number}"
        problems += _unknown(
            "organizations.yaml", f"{where}.kind", [pinned.kind], w.organization_kinds, "an organization kind"
        )
        problems += _unknown(
            "organizations.yaml", f"{where}.borough", [pinned.borough], boroughs, "a borough"
        )
    reached = ("walk-in", "appointment-required", "remote", "line")
    problems += _unknown("sentences.yaml", "apply", w.sentences.apply, reached, "a way a service is reached")
    problems += _unknown("details.yaml", "by_need", w.details.by_need, codes["needs"], "a core needs code")
    problems += _unknown("details.yaml", "by_kind", w.details.by_kind, w.service_kinds, "a service kind")
    for name, place in boroughs.items():
        where = f"boroughs.{name}.languages"
        problems += _unknown(
            "montreal.yaml", where, place.languages, w.languages, "a language of languages.yaml"
        )
        if not place.neighbourhoods or not place.streets:
            problems.append(f"montreal.yaml: boroughs.{name}: needs neighbourhoods and streets")
    return problems
