"""The caseworker's assessment: the questions of `app/data/assessment.yaml`, the answers a form posts, the
safety flag, and the need profile (`app/data/need-profile.schema.json`) the answers give. No Flask here: the
pages are the web layer's, which calls these functions.

The file is read once and checked whole: its shape by the models below, every code it names against the core
taxonomy. A wrong file stops the application at the first question asked, with the question and the option
named, rather than giving a profile the matcher refuses.

What the answers say is only what the file says: each chosen option brings its needs (at its urgency), its
situations, its documents and the client facts it states. A need two answers bring is kept once, at the
highest urgency. The safety flag is apart from all of it: it is returned on its own for the caseworker, never
written into the profile, and weighs in no ranking.

Lists the contract reads as complete (`client.situations`, `client.documents`: a service restricted to a
situation the list lacks is excluded) are given only when the question the file marks `complete_list` was
answered; otherwise they are left out, and an absent list never excludes.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr, ValidationError

from app.core.i18n import LazyText, text_of
from app.core.i18n import lazy_gettext as _l
from app.core.models import Client
from app.core.taxonomy import core_terms
from app.data import ASSESSMENT_YAML

# The need profile's enums and limits (tests check them against the schema).
Urgency = Literal["crisis", "high", "medium", "low"]
Person = Literal["client", "child"]
Gender = Literal["man", "woman", "gender-diverse"]
URGENCIES: tuple[str, ...] = ("crisis", "high", "medium", "low")  # most urgent first
PERSONS: tuple[str, ...] = ("client", "child")
DEFAULT_URGENCY = "medium"
MAX_NEEDS = 20  # a profile's needs; an assessment that finds more gives several plans
MAX_NOTE = 500
MAX_LANGUAGES = 20
MAX_POSTAL_CODE = 16
_RANK = {urgency: rank for rank, urgency in enumerate(URGENCIES)}
_LANGUAGE = re.compile(r"[a-z]{2,3}")

PROBLEMS: dict[str, LazyText] = {
    "unknown_question": _l("This question is not in the assessment: %(value)s."),
    "unknown_option": _l("This answer is not one of the question's choices: %(value)s."),
    "one_answer": _l("This question takes one answer only."),
    "unknown_need": _l("This need is not in the directory's list: %(value)s."),
    "not_in_profile": _l("This need is not in the profile: %(value)s."),
    "too_many_needs": _l("A profile holds at most %(most)d needs: make a second plan for the others."),
    "unknown_urgency": _l("Choose an urgency: crisis, high, medium or low."),
    "unknown_person": _l("Say whose need it is: the client's or a child's."),
    "note_too_long": _l("A note holds at most %(most)d characters."),
}


class AssessmentError(ValueError):
    """An answer or an edit refused: `field` is the question id (or the edit's field: `category`,
    `urgency`, `person`, `note`), `code` a key of PROBLEMS, `message` the words for the page."""

    def __init__(self, field: str, code: str, value: str | None = None) -> None:
        self.field = field[:64]
        self.code = code
        self.value = value[:64] if value is not None else None
        super().__init__(f"{self.field}: {code}" + (f" ({self.value!r})" if self.value is not None else ""))

    @property
    def message(self) -> str:
        """In the locale of the moment."""
        return PROBLEMS[self.code] % {"value": self.value or "", "most": _most(self.code)}


def _most(code: str) -> int:
    return MAX_NOTE if code == "note_too_long" else MAX_NEEDS


class AssessmentFileError(ValueError):
    """The assessment file is not right; the message names the question and the option."""


# --- the file ---------------------------------------------------------------------------------------------

_VALUE = r"^[a-z0-9]+(-[a-z0-9]+)*$"  # option values: kebab-case, as the taxonomy's codes
_ID = r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$"  # question ids: snake_case (form field names)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(_Strict):
    fr: StrictStr = Field(min_length=1)
    en: StrictStr = Field(min_length=1)

    def in_locale(self, locale: str) -> str:
        return text_of({"fr": self.fr, "en": self.en}, locale)


class Option(_Strict):
    value: StrictStr = Field(pattern=_VALUE, max_length=40)
    label: Text
    needs: tuple[StrictStr, ...] = ()
    urgency: Urgency | None = None
    person: Person | None = None
    situations: tuple[StrictStr, ...] = ()
    documents: tuple[StrictStr, ...] = ()
    gender: Gender | None = None
    household_size: Annotated[StrictInt, Field(ge=1, le=50)] | None = None
    children_ages: tuple[Annotated[StrictInt, Field(ge=0, le=25)], ...] = ()
    wheelchair: StrictBool | None = None
    has_pet: StrictBool | None = None
    safety: StrictBool = False


class Question(_Strict):
    id: StrictStr = Field(pattern=_ID, max_length=40)
    domain: StrictStr
    source: Literal["ahc-hrsn", "prapare", "carrefour"]
    text: Text
    help: Text | None = None
    multiple: StrictBool = False
    complete_list: Literal["situations", "documents"] | None = None
    options: tuple[Option, ...] = Field(min_length=2)

    def option(self, value: str) -> Option | None:
        return next((o for o in self.options if o.value == value), None)


class AssessmentFile(_Strict):
    version: Literal[1]
    domains: dict[StrictStr, Text]
    questions: tuple[Question, ...] = Field(min_length=1)

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)


class _Loader(yaml.SafeLoader):
    """YAML 1.2 booleans: `true` and `false` only, so an option `value: no` or `value: yes` is the text it
    reads as, not a boolean (YAML 1.1 reads yes/no/on/off as booleans)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if not tag.endswith(":bool")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))


def load_assessment(path: Path = ASSESSMENT_YAML) -> AssessmentFile:
    """Read and check an assessment file (AssessmentFileError says what is wrong, and where)."""
    label = path.name
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # a SafeLoader: no Python objects
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise AssessmentFileError(f"{label}: unreadable: {exc}") from None
    try:
        form = AssessmentFile.model_validate(raw)
    except ValidationError as exc:
        problems = [f"{_where(raw, error['loc'])}: {error['msg']}" for error in exc.errors()[:10]]
        raise AssessmentFileError(f"{label}: " + "; ".join(problems)) from None
    problems = list(_code_problems(form))
    if problems:
        raise AssessmentFileError(f"{label}: " + "; ".join(problems))
    return form


@cache
def assessment() -> AssessmentFile:
    """The shipped assessment, read and checked once."""
    return load_assessment(ASSESSMENT_YAML)


def _where(raw: Any, loc: Sequence[int | str]) -> str:
    """A pydantic location said with the question's id and the option's value (`question 'food_worry',
    option 'often', urgency`), as the file's reviewer finds them."""
    words: list[str] = []
    node = raw
    index = 0
    while index < len(loc):
        key = loc[index]
        child = node.get(key) if isinstance(node, dict) else None
        if key in ("questions", "options") and index + 1 < len(loc) and isinstance(loc[index + 1], int):
            position = int(loc[index + 1])
            item = child[position] if isinstance(child, list) and position < len(child) else None
            kind, name = ("question", "id") if key == "questions" else ("option", "value")
            ident = item.get(name) if isinstance(item, dict) else None
            words.append(f"{kind} {ident!r}" if ident is not None else f"{kind} #{position + 1}")
            node, index = item, index + 2
            continue
        words.append(str(key))
        node = child if isinstance(node, dict) else None
        index += 1
    return ", ".join(words) or "the file"


def _codes(taxonomy: str, group: str | None = None) -> set[str]:
    return {t.code for t in core_terms() if t.taxonomy == taxonomy and (group is None or t.group == group)}


def _code_problems(form: AssessmentFile) -> Iterator[str]:
    known = {
        "needs": (_codes("needs"), "a code of the needs taxonomy"),
        "situations": (_codes("eligibility", "situation"), "a situation of the eligibility taxonomy"),
        "documents": (_codes("documents"), "a code of the documents taxonomy"),
    }
    ids: set[str] = set()
    for question in form.questions:
        where = f"question {question.id!r}"
        if question.id in ids:
            yield f"{where}: the id is used twice"
        ids.add(question.id)
        if question.domain not in form.domains:
            yield f"{where}: domain {question.domain!r} is not in `domains`"
        if question.complete_list and not question.multiple:
            yield f"{where}: a complete list is checked, several options at once (multiple: true)"
        values: set[str] = set()
        for option in question.options:
            at = f"{where}, option {option.value!r}"
            if option.value in values:
                yield f"{at}: the value is used twice"
            values.add(option.value)
            for name, (codes, what) in known.items():
                for code in getattr(option, name):
                    if code not in codes:
                        yield f"{at}: {name} {code!r} is not {what}"
            if (option.urgency or option.person) and not option.needs:
                yield f"{at}: urgency and person say something of needs, and the option has none"
    # A list said complete must be able to hold every code: one no answer gives would exclude every service
    # restricted to it, for everyone.
    for name in ("situations", "documents"):
        if any(q.complete_list == name for q in form.questions):
            given = {code for q in form.questions for o in q.options for code in getattr(o, name)}
            missing = sorted(known[name][0] - given)
            if missing:
                yield f"the {name} list is said complete, and no answer gives {', '.join(missing)}"


# --- the form ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FormOption:
    value: str
    label: str
    safety: bool


@dataclass(frozen=True, slots=True)
class FormQuestion:
    id: str  # the form field's name
    domain: str
    domain_label: str
    source: str
    text: str
    help: str | None
    multiple: bool  # checkboxes; else one answer (radio buttons)
    options: tuple[FormOption, ...]

    @property
    def safety(self) -> bool:
        """One of the interpersonal-safety questions (to be asked in private)."""
        return any(o.safety for o in self.options)


def questions(locale: str) -> list[FormQuestion]:
    """The questions in the file's order, in `locale` (the other language when a text lacks it)."""
    form = assessment()
    return [
        FormQuestion(
            id=q.id,
            domain=q.domain,
            domain_label=form.domains[q.domain].in_locale(locale),
            source=q.source,
            text=q.text.in_locale(locale),
            help=q.help.in_locale(locale) if q.help else None,
            multiple=q.multiple,
            options=tuple(FormOption(o.value, o.label.in_locale(locale), o.safety) for o in q.options),
        )
        for q in form.questions
    ]


# --- the answers ------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Answers:
    """The options chosen, by question id, in the file's order; a question not answered is absent."""

    chosen: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def as_dict(self) -> dict[str, list[str]]:
        """What `Assessment.answers` stores; `read_answers` reads it back."""
        return {question: list(values) for question, values in self.chosen.items()}

    def selected(self) -> Iterator[tuple[Question, Option]]:
        for question in assessment().questions:
            for value in self.chosen.get(question.id, ()):
                option = question.option(value)
                if option is not None:
                    yield question, option


def read_answers(form: Mapping[str, Any], *, ignore: Collection[str] = ()) -> Answers:
    """The answers a form posted: `{question id: value or list of values}`, or a multi-dict (its `getlist`
    is used). Keys in `ignore` (the CSRF and form tokens) are skipped; an empty value is no answer. An
    unknown question id or option value, or two answers to a one-answer question, raise AssessmentError
    naming the question."""
    file = assessment()
    getlist = getattr(form, "getlist", None)
    posted: dict[str, list[Any]] = {}
    for key in form:
        if key in ignore:
            continue
        if not isinstance(key, str) or file.question(key) is None:
            raise AssessmentError(str(key), "unknown_question", str(key))
        values = getlist(key) if callable(getlist) else form[key]
        posted[key] = (
            [values] if isinstance(values, str) or not isinstance(values, Sequence) else list(values)
        )
    chosen: dict[str, tuple[str, ...]] = {}
    for question in file.questions:
        if question.id not in posted:
            continue
        given: set[str] = set()
        for value in posted[question.id]:
            if not isinstance(value, str):
                raise AssessmentError(question.id, "unknown_option", repr(value))
            value = value.strip()
            if not value:
                continue
            if question.option(value) is None:
                raise AssessmentError(question.id, "unknown_option", value)
            given.add(value)
        if len(given) > 1 and not question.multiple:
            raise AssessmentError(question.id, "one_answer")
        if given:
            chosen[question.id] = tuple(o.value for o in question.options if o.value in given)
    return Answers(chosen)


def answered(answers: Answers, locale: str) -> list[tuple[FormQuestion, tuple[FormOption, ...]]]:
    """The questions answered and the options chosen, in `locale` (to show an assessment again)."""
    return [
        (q, tuple(o for o in q.options if o.value in answers.chosen[q.id]))
        for q in questions(locale)
        if q.id in answers.chosen
    ]


def safety_flag(answers: Answers) -> bool:
    """True when an interpersonal-safety answer says someone hurts, insults, threatens or yells at the
    person. Shown to the caseworker on its own; never part of the profile nor of any ranking."""
    return any(option.safety for _, option in answers.selected())


# --- the need profile -------------------------------------------------------------------------------------


def needs_from_answers(answers: Answers) -> list[dict[str, str]]:
    """Every need the answers bring, once each at the highest urgency asked, most urgent first (the file's
    order within an urgency)."""
    found: dict[str, dict[str, str]] = {}
    for _, option in answers.selected():
        urgency = option.urgency or DEFAULT_URGENCY
        for code in option.needs:
            need = found.setdefault(code, {"category": code, "urgency": urgency})
            if _RANK[urgency] < _RANK[need["urgency"]]:
                need["urgency"] = urgency
            if option.person and "person" not in need:
                need["person"] = option.person
    return sorted(found.values(), key=lambda need: _RANK[need["urgency"]])


def profiles_from_answers(answers: Answers, client: Client | None, today: date) -> list[dict[str, Any]]:
    """The need profiles of an assessment: one, or more when it finds more than MAX_NEEDS needs (the most
    urgent in the first). A profile whose answers bring no need has `needs` empty: the caseworker adds one
    (`add_need`) before matching, as the contract wants one at least."""
    base = _profile_base(answers, client, today)
    needs = needs_from_answers(answers)
    parts = [needs[start : start + MAX_NEEDS] for start in range(0, len(needs), MAX_NEEDS)] or [[]]
    return [{**copy.deepcopy(base), "needs": part} for part in parts]


def profile_from_answers(answers: Answers, client: Client | None, today: date) -> dict[str, Any]:
    """The need profile of an assessment (`app/data/need-profile.schema.json`); the first plan when it
    finds more than MAX_NEEDS needs (`profiles_from_answers` gives them all)."""
    return profiles_from_answers(answers, client, today)[0]


def _profile_base(answers: Answers, client: Client | None, today: date) -> dict[str, Any]:
    profile: dict[str, Any] = {}
    if client is not None and client.preferred_language in ("fr", "en"):
        profile["locale"] = client.preferred_language
    postal_code = " ".join((client.postal_code or "").split()).upper() if client is not None else ""
    if postal_code:
        profile["location"] = {"postal_code": postal_code[:MAX_POSTAL_CODE]}
    facts = _client_facts(answers, client, today)
    if facts:
        profile["client"] = facts
    return profile


def _client_facts(answers: Answers, client: Client | None, today: date) -> dict[str, Any]:
    facts: dict[str, Any] = {}
    age = client_age(client, today) if client is not None else None
    if age is not None:
        facts["age"] = age
    languages = client_languages(client) if client is not None else []
    if languages:
        facts["languages"] = languages
    situations: list[str] = []
    documents: list[str] = []
    children_ages: set[int] = set()
    for _, option in answers.selected():
        situations.extend(code for code in option.situations if code not in situations)
        documents.extend(code for code in option.documents if code not in documents)
        children_ages.update(option.children_ages)
        for name in ("gender", "household_size", "wheelchair", "has_pet"):
            if getattr(option, name) is not None:
                facts[name] = getattr(option, name)
    answered_lists = {q.complete_list for q in assessment().questions if q.id in answers.chosen}
    if "situations" in answered_lists:
        facts["situations"] = situations
    if "documents" in answered_lists:
        facts["documents"] = documents
    if children_ages:
        facts["children_ages"] = sorted(children_ages)
    return facts


def client_age(client: Client, today: date) -> int | None:
    """From the birth date when the person gave it; else from the birth year, the age they turn this year
    (one year more than their age until their birthday); None when unknown or impossible."""
    age: int | None = None
    born: date | None = None
    if client.birth_date:
        try:
            born = date.fromisoformat(client.birth_date.strip())
        except ValueError:
            born = None
    if born is not None:
        age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    elif client.birth_year:
        age = today.year - client.birth_year
    return age if age is not None and 0 <= age <= 130 else None


def client_languages(client: Client) -> list[str]:
    """The client's languages, the preferred one first, each once (ISO 639 codes only)."""
    found: list[str] = []
    for code in [client.preferred_language, *(client.languages or [])]:
        code = (code or "").strip().lower()
        if _LANGUAGE.fullmatch(code) and code not in found:
            found.append(code)
    return found[:MAX_LANGUAGES]


# --- editing the needs before matching ----------------------------------------------------------------------


def add_need(
    profile: Mapping[str, Any],
    category: str,
    *,
    urgency: str | None = None,
    person: str | None = None,
    note: str | None = None,
) -> dict[str, Any]:
    """The profile with one more need (a code of the needs taxonomy), at `urgency` (default medium); a need
    already there is changed instead (what is given), so a form posted twice adds it once."""
    category = _need_code(category)
    if any(need["category"] == category for need in profile.get("needs", [])):
        return set_need(profile, category, urgency=urgency, person=person, note=note)
    if len(profile.get("needs", [])) >= MAX_NEEDS:
        raise AssessmentError("category", "too_many_needs")
    need: dict[str, str] = {"category": category, "urgency": DEFAULT_URGENCY}
    _change(need, urgency=urgency, person=person, note=note)
    edited = copy.deepcopy(dict(profile))
    edited["needs"] = [*edited.get("needs", []), need]
    return edited


def drop_need(profile: Mapping[str, Any], category: str) -> dict[str, Any]:
    """The profile without one of its needs."""
    category = category.strip()
    needs = profile.get("needs", [])
    if not any(need["category"] == category for need in needs):
        raise AssessmentError("category", "not_in_profile", category)
    edited = copy.deepcopy(dict(profile))
    edited["needs"] = [need for need in edited["needs"] if need["category"] != category]
    return edited


def set_need(
    profile: Mapping[str, Any],
    category: str,
    *,
    urgency: str | None = None,
    person: str | None = None,
    note: str | None = None,
) -> dict[str, Any]:
    """The profile with one need changed: its urgency, whose need it is, its note (None: unchanged; an
    empty note removes it)."""
    category = _need_code(category)
    edited = copy.deepcopy(dict(profile))
    need = next((n for n in edited.get("needs", []) if n["category"] == category), None)
    if need is None:
        raise AssessmentError("category", "not_in_profile", category)
    _change(need, urgency=urgency, person=person, note=note)
    return edited


def _need_code(category: str) -> str:
    code = (category or "").strip()
    if code not in _codes("needs"):
        raise AssessmentError("category", "unknown_need", code)
    return code


def _change(need: dict[str, str], *, urgency: str | None, person: str | None, note: str | None) -> None:
    if urgency is not None:
        if urgency not in URGENCIES:
            raise AssessmentError("urgency", "unknown_urgency", urgency)
        need["urgency"] = urgency
    if person is not None:
        if person not in PERSONS:
            raise AssessmentError("person", "unknown_person", person)
        need["person"] = person
    if note is not None:
        words = " ".join(note.split())
        if len(words) > MAX_NOTE:
            raise AssessmentError("note", "note_too_long")
        if words:
            need["note"] = words
        else:
            need.pop("note", None)
