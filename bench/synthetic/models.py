"""The shape of each word file (`words/*.yaml`), checked by pydantic when the files are read.

A text is always `{fr: ..., en: ...}`; in the code it is a (French, English) pair. Names that point into
another file (a cost profile, an eligibility restriction, a borough...) are checked by `words.py` once every
file is read.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, RootModel, model_validator

T = tuple[str, str]  # (French, English)


def _pair(value: Any) -> Any:
    if not isinstance(value, dict) or set(value) != {"fr", "en"}:
        raise ValueError("a text is written {fr: ..., en: ...}")
    return (value["fr"], value["en"])


Text = Annotated[tuple[str, str], BeforeValidator(_pair)]
Age = tuple[int | None, int | None] | None  # (minimum, maximum); None: no age limit
Slot = tuple[str, str, str]  # (days, opens at, closes at)
Mode = Literal["in-person", "remote", "line"]
Access = Literal["", "walk-in", "appointment-required"]
Lang = Literal["both", "fr", "en"]


class Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


def _with_keys(data: Any) -> Any:
    """A mapping of entries keyed by name: each entry gets its key as `key`."""
    if isinstance(data, dict):
        return {k: ({**v, "key": k} if isinstance(v, dict) else v) for k, v in data.items()}
    return data


# --- eligibility.yaml ------------------------------------------------------------------------------------


class Restriction(Strict):
    """An eligibility restriction: the core `eligibility` codes and the sentence that says it."""

    codes: tuple[str, ...]
    text: Text


class EligibilityFile(Strict):
    restrictions: dict[str, Restriction]
    open_to_all: tuple[Text, ...]


# --- service_kinds.yaml ----------------------------------------------------------------------------------


class ServiceKind(Strict):
    key: str
    needs: tuple[str, ...]  # core `needs` codes (1-2)
    names: tuple[Text, ...]
    leads: tuple[Text, ...]  # the opening sentence: carries the words people search for
    mode: Mode = "in-person"
    hours: tuple[str, ...] = ("weekdays",)  # schedule profiles (hours.yaml); "none" = no schedule
    costs: tuple[str, ...] = ("free",)  # cost profiles (costs.yaml); "none" = nothing known
    ages: tuple[Age, ...] = (None,)
    eligibility: tuple[str | None, ...] = (None,)  # restrictions (eligibility.yaml); None = open
    documents: tuple[tuple[str, ...], ...] = ((),)
    access: tuple[Access, ...] = ("",)
    apply: tuple[Text, ...] = ()
    waits: tuple[Text, ...] = ()
    local: bool = False  # may be reserved to the residents of its borough
    pets: bool = False  # some shelters take animals
    accreditation: Text | None = None


class ServiceKindsFile(RootModel[dict[str, ServiceKind]]):
    @model_validator(mode="before")
    @classmethod
    def _keys(cls, data: Any) -> Any:
        return _with_keys(data)


# --- organization_kinds.yaml and organizations.yaml ------------------------------------------------------


class Program(Strict):
    name: Text
    description: Text


class OrganizationKind(Strict):
    key: str
    count: int  # how many the demo has
    names: tuple[Text, ...]  # patterns with {place} and {nick}
    nicks: tuple[str, ...]  # proper-name parts, the same in both languages
    missions: tuple[Text, ...]
    core: tuple[str, ...]  # service kinds every organization of this kind offers
    extra: tuple[str, ...]  # service kinds drawn to complete its offer
    sizes: tuple[int, ...] = (2, 2, 3, 3, 4)  # how many services
    sites: tuple[int, ...] = (1, 1, 1, 1, 1, 1, 1, 2)  # how many physical locations
    boroughs: tuple[str, ...] = ()  # boroughs it is more often found in
    program: Program | None = None  # a program grouping its services
    eligibility: str | None = None  # a restriction every one of its services carries


class OrganizationKindsFile(RootModel[dict[str, OrganizationKind]]):
    @model_validator(mode="before")
    @classmethod
    def _keys(cls, data: Any) -> Any:
        return _with_keys(data)


class NetworkService(Strict):
    kind: str
    name: Text


class Network(Strict):
    name: Text
    description: Text
    borough: str
    service: NetworkService


class Pinned(Strict):
    """An organization whose name and place are chosen, not drawn."""

    kind: str
    name: Text
    borough: str
    lang: Lang = "both"
    parent: str | None = None  # French name of the parent organization


class OrganizationsFile(Strict):
    network: Network
    pinned: tuple[Pinned, ...]


# --- details.yaml, sentences.yaml, people.yaml -----------------------------------------------------------


class DetailsFile(Strict):
    by_need: dict[str, tuple[Text, ...]]
    remote: tuple[Text, ...]
    by_kind: dict[str, tuple[Text, ...]]
    general: tuple[Text, ...]  # true of almost any service: the benchmark pads descriptions with them


class Accessibility(Strict):
    description: Text
    details: Text


class AccessibilityPools(Strict):
    accessible: tuple[Accessibility, ...]
    not_accessible: tuple[Accessibility, ...]


class Inactive(Strict):
    status: Literal["inactive", "temporarily closed", "defunct"]
    alert: Text


class Terms(Strict):
    child: Text
    family: Text
    eligibility: Text
    documents: Text
    other: Text


class ServiceArea(Strict):
    borough: Text
    linked_city: Text
    square: Text  # the benchmark's square around a place: {borough}
    square_name: Text


class Transportation(Strict):
    metro: Text
    other: tuple[Text, ...]


class VirtualSite(Strict):
    line: Text
    remote: Text
    description: Text


class Phones(Strict):
    reception: Text
    fax: Text
    site: Text
    direct: Text
    tollfree: Text
    local: Text
    text: Text


class SentencesFile(Strict):
    histories: tuple[Text, ...]
    apply: dict[
        str, tuple[Text, ...]
    ]  # by how a service is reached: walk-in, appointment-required, remote, line
    documents: dict[str, tuple[Text, ...]]
    accessibility: AccessibilityPools
    location_notes: tuple[Text, ...]
    site_notes: tuple[Text, ...]
    inactive: tuple[Inactive, ...]
    taxonomies: dict[str, Text]
    terms: Terms
    service_area: ServiceArea
    transportation: Transportation
    address_units: tuple[str, ...]
    virtual_site: VirtualSite
    licence: Text
    free_of_charge: Text
    fees: Text
    language_note: Text
    interpretation: Text
    winter_alert: Text
    phones: Phones


class ContactTitle(Strict):
    title: Text
    department: Text | None


class PeopleFile(Strict):
    people: tuple[str, ...]
    contact_titles: tuple[ContactTitle, ...]
    director: Text
    funders: tuple[Text, ...]


# --- hours.yaml, costs.yaml, languages.yaml --------------------------------------------------------------


class Season(Strict):
    valid_from: str
    valid_to: str
    note: Text


class HoursFile(Strict):
    profiles: dict[str, tuple[tuple[Slot, ...], ...]]  # profile -> variants, each a tuple of weekly slots
    seasons: dict[str, Season]
    notes: tuple[Text, ...]
    attending: dict[Mode, Text]


class CostProfile(Strict):
    option: Text
    amount: float | None  # None: a cost option without a figure
    description: Text


class CostsFile(Strict):
    profiles: dict[str, CostProfile]


class LanguagesFile(Strict):
    names: dict[str, Text]


# --- montreal.yaml and queries.yaml ----------------------------------------------------------------------


class BoroughWords(Strict):
    """A borough or linked city: what addresses are made of there."""

    population: int  # a sampling weight; 0 = never drawn
    neighbourhoods: tuple[Text, ...]
    streets: tuple[tuple[str, int, int], ...]  # (street, lowest civic number, highest)
    metro: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()  # spoken there beyond French and English
    fsas: tuple[tuple[str, float, float], ...] = ()  # (FSA, longitude, latitude of its centroid)


class MontrealFile(Strict):
    boroughs: dict[str, BoroughWords]
    french_articles: dict[str, Literal["le", "la"]]  # "du Plateau-Mont-Royal", "de la Petite-Bourgogne"


class QueriesFile(Strict):
    phrases: tuple[tuple[str, Literal["fr", "en"]], ...]
