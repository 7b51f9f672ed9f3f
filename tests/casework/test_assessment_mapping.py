"""The assessment's mapping, answer by answer, as a reviewer reads it: what each option of
`app/data/assessment.yaml` says of the person's needs and situations is written by hand below, so a change to
the file that was not reviewed here fails. Then the profile the answers give is checked against the matcher's
contract, the safety flag against the profile, and the form's reading against answers that are not the
file's."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from werkzeug.datastructures import MultiDict

from app.core.casework import assessment as A
from app.core.casework.assessment import (
    AssessmentError,
    AssessmentFileError,
    add_need,
    drop_need,
    load_assessment,
    needs_from_answers,
    profile_from_answers,
    profiles_from_answers,
    questions,
    read_answers,
    safety_flag,
    set_need,
)
from app.core.models import Assessment, Client, Team
from app.data import ASSESSMENT_YAML, NEED_PROFILE_SCHEMA, TAXONOMY_CSV
from app.matching.profile import parse_profile
from app.web.extensions import db

TODAY = date(2025, 6, 15)
SCHEMA = json.loads(NEED_PROFILE_SCHEMA.read_text(encoding="utf-8"))
VALIDATOR = Draft202012Validator(SCHEMA)
SAFETY_QUESTIONS = ("safety_hurt", "safety_insulted", "safety_threatened", "safety_yelled_at")
SURVIVOR = {"needs": {"violence-support": "crisis"}, "situations": ["violence-survivor"], "safety": True}


def E(needs: dict[str, str] | None = None, situations: tuple[str, ...] = (), **facts: Any) -> dict[str, Any]:
    """What one option says: needs {code: urgency}, situations, and client facts (documents, gender...);
    `child` lists the needs that are a child's."""
    return {"needs": needs or {}, "situations": list(situations), **facts}


# (question, option) -> what it says. Every option of the file is here, and nothing else.
EXPECTED: dict[tuple[str, str], dict[str, Any]] = {
    # AHC HRSN: living situation
    ("living_situation", "stable"): E(),
    ("living_situation", "at-risk"): E({"tenant-rights": "high", "rent-assistance": "high"}),
    ("living_situation", "staying-with-others"): E(
        {"housing-search": "high", "transitional-housing": "high"}, ("homeless",)
    ),
    ("living_situation", "no-place"): E({"emergency-shelter": "crisis"}, ("homeless",)),
    ("housing_problems", "pests"): E({"tenant-rights": "medium"}),
    ("housing_problems", "mould"): E({"tenant-rights": "medium"}),
    ("housing_problems", "no-heat"): E({"tenant-rights": "high"}),
    ("housing_problems", "leaks"): E({"tenant-rights": "medium"}),
    ("housing_problems", "appliances"): E({"tenant-rights": "low"}),
    ("housing_problems", "smoke-alarms"): E({"tenant-rights": "low"}),
    ("housing_problems", "none"): E(),
    # AHC HRSN: food
    ("food_worry", "often"): E({"food-bank": "high"}),
    ("food_worry", "sometimes"): E({"food-bank": "medium"}),
    ("food_worry", "never"): E(),
    ("food_ran_out", "often"): E({"food-bank": "high", "meals": "high"}),
    ("food_ran_out", "sometimes"): E({"food-bank": "medium"}),
    ("food_ran_out", "never"): E(),
    # AHC HRSN: transportation, utilities
    ("transportation", "yes"): E({"transportation": "medium"}),
    ("transportation", "no"): E(),
    ("utilities", "threatened"): E({"rent-assistance": "high"}),
    ("utilities", "cut-off"): E({"rent-assistance": "crisis"}),
    ("utilities", "no"): E(),
    # AHC HRSN: interpersonal safety
    ("safety_hurt", "never"): E(),
    ("safety_hurt", "sometimes"): SURVIVOR,
    ("safety_hurt", "often"): SURVIVOR,
    ("safety_insulted", "never"): E(),
    ("safety_insulted", "sometimes"): SURVIVOR,
    ("safety_insulted", "often"): SURVIVOR,
    ("safety_threatened", "never"): E(),
    ("safety_threatened", "sometimes"): SURVIVOR,
    ("safety_threatened", "often"): SURVIVOR,
    ("safety_yelled_at", "never"): E(),
    ("safety_yelled_at", "sometimes"): SURVIVOR,
    ("safety_yelled_at", "often"): SURVIVOR,
    # PRAPARE: employment, income, material security
    ("employment", "full-time"): E(),
    ("employment", "part-time"): E({"job-search": "low"}),
    ("employment", "looking"): E({"job-search": "medium", "job-training": "medium"}),
    ("employment", "student"): E(situations=("student",)),
    ("employment", "not-looking"): E(),
    ("money_strain", "very-hard"): E({"financial-aid": "high", "benefits-help": "high"}, ("low-income",)),
    ("money_strain", "somewhat-hard"): E({"benefits-help": "medium"}, ("low-income",)),
    ("money_strain", "not-hard"): E(),
    ("went_without", "food"): E({"food-bank": "medium"}),
    ("went_without", "clothing"): E({"clothing": "medium"}),
    ("went_without", "utilities"): E({"rent-assistance": "medium"}),
    ("went_without", "childcare"): E({"childcare": "medium"}, child=["childcare"]),
    ("went_without", "health-care"): E({"medical-care": "medium"}),
    ("went_without", "none"): E(),
    # PRAPARE: education, language
    ("education", "no"): E(),
    ("education", "reading-writing"): E({"literacy": "medium"}),
    ("education", "finish-school"): E({"literacy": "low"}),
    ("education", "trade"): E({"job-training": "medium"}),
    ("language_classes", "no"): E(),
    ("language_classes", "french"): E({"language-classes": "medium"}),
    ("language_classes", "english"): E({"language-classes": "medium"}),
    # Papers
    ("documents_held", "photo-id"): E(documents=["photo-id"]),
    ("documents_held", "health-card"): E(documents=["health-card"]),
    ("documents_held", "proof-of-address"): E(documents=["proof-of-address"]),
    ("documents_held", "proof-of-income"): E(documents=["proof-of-income"]),
    ("documents_held", "immigration-papers"): E(documents=["immigration-papers"]),
    ("documents_held", "referral-letter"): E(documents=["referral-letter"]),
    ("documents_held", "none"): E(documents=[]),
    ("documents_replace", "yes"): E({"documents": "medium"}),
    ("documents_replace", "no"): E(),
    # Household and children
    ("household_size", "1"): E(household_size=1),
    ("household_size", "2"): E(household_size=2),
    ("household_size", "3"): E(household_size=3),
    ("household_size", "4"): E(household_size=4),
    ("household_size", "5"): E(household_size=5),
    ("household_size", "6-or-more"): E(household_size=6),
    ("children", "none"): E(),
    ("children", "expecting"): E(situations=("parent",)),
    ("children", "under-5"): E(situations=("parent",), children_ages=[0, 1, 2, 3, 4]),
    ("children", "5-to-12"): E(situations=("parent",), children_ages=[5, 6, 7, 8, 9, 10, 11, 12]),
    ("children", "13-to-17"): E(situations=("parent",), children_ages=[13, 14, 15, 16, 17]),
    ("childcare", "no"): E(),
    ("childcare", "daycare"): E({"daycare": "medium"}, child=["daycare"]),
    ("childcare", "after-school"): E({"after-school": "medium"}, child=["after-school"]),
    ("childcare", "parenting"): E({"parenting-support": "medium"}),
    ("childcare", "family-tension"): E({"family-counselling": "medium"}),
    # PRAPARE: legal, refugee status
    ("legal", "no"): E(),
    ("legal", "yes"): E({"legal-aid": "medium"}),
    ("legal", "court-soon"): E({"legal-aid": "high"}),
    ("immigration", "no"): E(),
    ("immigration", "years-ago"): E(),
    ("immigration", "recently"): E(situations=("newcomer",)),
    ("immigration", "status-help"): E({"immigration-help": "high"}, ("newcomer",)),
    ("immigration", "refugee"): E({"immigration-help": "medium"}, ("refugee",)),
    # PRAPARE: health, stress, social integration
    ("health_access", "none"): E(),
    ("health_access", "medical"): E({"medical-care": "medium"}),
    ("health_access", "dental"): E({"dental-care": "medium"}),
    ("health_access", "mental-health"): E({"mental-health": "medium"}),
    ("health_access", "addiction"): E({"addiction": "medium"}),
    ("health_access", "home-help"): E({"home-help": "medium"}),
    ("health_access", "respite"): E({"caregiver-respite": "medium"}, ("caregiver",)),
    ("stress", "not-at-all"): E(),
    ("stress", "a-little"): E(),
    ("stress", "quite"): E({"mental-health": "medium"}),
    ("stress", "very-much"): E({"mental-health": "high"}),
    ("social_contact", "rarely"): E({"peer-support": "medium", "volunteering": "medium"}),
    ("social_contact", "once-or-twice"): E({"volunteering": "low"}),
    ("social_contact", "three-or-more"): E(),
    # The person
    ("gender", "woman"): E(gender="woman"),
    ("gender", "man"): E(gender="man"),
    ("gender", "gender-diverse"): E(gender="gender-diverse"),
    **{
        ("situations", code): E(situations=(code,))
        for code in (
            "homeless",
            "newcomer",
            "refugee",
            "indigenous",
            "lgbtq",
            "disability",
            "low-income",
            "parent",
            "caregiver",
            "violence-survivor",
            "veteran",
            "student",
        )
    },
    ("situations", "none"): E(),
    # Access
    ("wheelchair", "yes"): E(wheelchair=True),
    ("wheelchair", "no"): E(wheelchair=False),
    ("pet", "yes"): E(has_pet=True),
    ("pet", "no"): E(has_pet=False),
}
FACTS = ("documents", "gender", "household_size", "children_ages", "wheelchair", "has_pet")


def _taxonomy() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    with TAXONOMY_CSV.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            key = "situations" if row["taxonomy"] == "eligibility" and row["group"] == "situation" else None
            found.setdefault(key or row["taxonomy"], set()).add(row["code"])
    return found


def _client(**values: Any) -> Client:
    values.setdefault("preferred_language", "fr")
    return Client(display_name="Test", **values)


def _valid(profile: dict[str, Any]) -> None:
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in VALIDATOR.iter_errors(profile)]
    assert not errors, errors
    parse_profile(profile)  # the matcher's own reading, codes included


# --- the mapping, option by option --------------------------------------------------------------------------


def test_the_table_lists_every_option_of_the_file_and_no_other() -> None:
    in_file = {(q.id, o.value) for q in A.assessment().questions for o in q.options}
    assert sorted(in_file - EXPECTED.keys()) == [], "options of the file the table has not reviewed"
    assert sorted(EXPECTED.keys() - in_file) == [], "options the table expects and the file lacks"


@pytest.mark.parametrize(("question", "value"), sorted(EXPECTED))
def test_one_answer_gives_what_the_table_says(question: str, value: str) -> None:
    expected = EXPECTED[(question, value)]
    form: dict[str, Any] = {question: value}
    for complete in ("situations", "documents_held"):  # so the profile carries both lists
        form[complete] = [value, "none"] if complete == question else "none"
    answers = read_answers(form)
    profile = profile_from_answers(answers, None, TODAY)
    needs = {need["category"]: need["urgency"] for need in profile["needs"]}
    assert needs == expected["needs"]
    children = sorted(n["category"] for n in profile["needs"] if n.get("person") == "child")
    assert children == sorted(expected.get("child", []))
    assert profile["client"]["situations"] == expected["situations"]
    for name in FACTS:
        default = [] if name == "documents" else None
        assert profile["client"].get(name, default) == expected.get(name, default), name
    assert safety_flag(answers) is expected.get("safety", False)
    if needs:
        _valid(profile)


def test_every_code_of_the_file_is_in_taxonomy_csv() -> None:
    taxonomy = _taxonomy()
    for question in A.assessment().questions:
        for option in question.options:
            for name in ("needs", "situations", "documents"):
                unknown = set(getattr(option, name)) - taxonomy[name]
                assert not unknown, (question.id, option.value, name, unknown)


def test_every_situation_and_document_code_can_be_answered() -> None:
    """The lists said complete can hold every code: none is out of reach of every answer."""
    taxonomy = _taxonomy()
    for name in ("situations", "documents"):
        given = {c for q in A.assessment().questions for o in q.options for c in getattr(o, name)}
        assert given == taxonomy[name], name


def test_the_violence_need_exists_and_every_safety_yes_asks_for_it_in_crisis() -> None:
    assert "violence-support" in _taxonomy()["needs"]
    flagged = {q.id for q in A.assessment().questions for o in q.options if o.safety}
    assert flagged == set(SAFETY_QUESTIONS)
    for question in SAFETY_QUESTIONS:
        for option in A.assessment().question(question).options:  # type: ignore[union-attr]
            assert option.safety is (option.value != "never")
            if option.safety:
                assert option.needs == ("violence-support",) and option.urgency == "crisis"


def test_every_question_and_option_is_in_french_and_english() -> None:
    form = A.assessment()
    assert all(label.fr.strip() and label.en.strip() for label in form.domains.values())
    for question in form.questions:
        assert question.text.fr.strip() and question.text.en.strip(), question.id
        assert question.text.fr != question.text.en, question.id
        if question.help:
            assert question.help.fr.strip() and question.help.en.strip(), question.id
        for option in question.options:
            assert option.label.fr.strip() and option.label.en.strip(), (question.id, option.value)
    fr, en = questions("fr"), questions("en")
    assert [q.id for q in fr] == [q.id for q in en] == [q.id for q in form.questions]
    living = next(q for q in fr if q.id == "living_situation")
    assert living.text == "Où habitez-vous en ce moment ?" and living.domain_label == "Logement"
    assert (
        next(q for q in en if q.id == "living_situation").options[0].label
        == "In a steady place I can stay in"
    )
    assert {q.id for q in fr if q.safety} == set(SAFETY_QUESTIONS)


def test_the_screening_domains_and_sources() -> None:
    form = A.assessment()
    ahc = {q.domain for q in form.questions if q.source == "ahc-hrsn"}
    assert ahc == {"housing", "food", "transportation", "utilities", "safety"}
    prapare = {q.domain for q in form.questions if q.source == "prapare"}
    assert {"employment", "income", "education", "language", "legal", "health", "isolation"} <= prapare
    header = ASSESSMENT_YAML.read_text(encoding="utf-8").split("\nversion:")[0]
    assert "Accountable Health Communities" in header and "PRAPARE" in header.upper()


def test_the_module_speaks_the_contract() -> None:
    need = SCHEMA["properties"]["needs"]
    item = need["items"]["properties"]
    assert list(A.URGENCIES) == item["urgency"]["enum"] and item["urgency"]["default"] == A.DEFAULT_URGENCY
    assert list(A.PERSONS) == item["person"]["enum"]
    assert need["maxItems"] == A.MAX_NEEDS and item["note"]["maxLength"] == A.MAX_NOTE
    assert set(A.Gender.__args__) == set(SCHEMA["properties"]["client"]["properties"]["gender"]["enum"])


# --- the profile --------------------------------------------------------------------------------------------


def test_a_need_two_answers_bring_is_kept_once_at_the_highest_urgency() -> None:
    answers = read_answers(
        {"food_worry": "sometimes", "food_ran_out": "often", "went_without": ["food", "childcare"]}
    )
    needs = needs_from_answers(answers)
    assert [n["category"] for n in needs].count("food-bank") == 1
    assert needs[0] == {"category": "food-bank", "urgency": "high"}
    assert {"category": "childcare", "urgency": "medium", "person": "child"} in needs
    assert [n["urgency"] for n in needs] == sorted((n["urgency"] for n in needs), key=A.URGENCIES.index)


def test_the_profile_takes_the_client_from_the_file() -> None:
    client = _client(
        birth_year=1990,
        preferred_language="en",
        languages=["fr", "ar", "EN", "xx-bad"],
        postal_code=" h2x  1y4 ",
    )
    answers = read_answers({"living_situation": "no-place", "gender": "woman", "pet": "yes"})
    profile = profile_from_answers(answers, client, TODAY)
    assert profile["locale"] == "en"
    assert profile["location"] == {"postal_code": "H2X 1Y4"}
    assert profile["client"]["languages"] == ["en", "fr", "ar"]
    assert profile["client"]["age"] == 35
    assert profile["client"]["gender"] == "woman" and profile["client"]["has_pet"] is True
    assert profile["needs"] == [{"category": "emergency-shelter", "urgency": "crisis"}]
    _valid(profile)
    bare = profile_from_answers(answers, _client(preferred_language="ar"), TODAY)
    assert "locale" not in bare and "location" not in bare and "age" not in bare["client"]
    assert bare["client"]["languages"] == ["ar"]


@pytest.mark.parametrize(
    ("birth_year", "birth_date", "age"),
    [
        (1990, None, 35),  # the age turned this year
        (None, "1990-06-15", 35),  # the birthday is today
        (None, "1990-06-16", 34),  # tomorrow
        (1989, "1990-06-16", 34),  # the date wins over the year
        (1990, "not a date", 35),  # an unreadable date: the year
        (2030, None, None),  # born in the future: unknown
        (None, None, None),
    ],
)
def test_age_from_birth_year_or_date(birth_year: int | None, birth_date: str | None, age: int | None) -> None:
    client = _client(birth_year=birth_year, birth_date=birth_date)
    assert A.client_age(client, TODAY) == age
    profile = profile_from_answers(read_answers({"transportation": "yes"}), client, TODAY)
    assert profile["client"].get("age") == age
    _valid(profile)


def test_situations_and_documents_are_given_only_when_their_list_was_asked() -> None:
    unasked = profile_from_answers(read_answers({"living_situation": "no-place"}), None, TODAY)
    assert "client" not in unasked  # homeless alone is not the whole list: no situation is checked
    asked = read_answers({"living_situation": "no-place", "situations": "none", "documents_held": "none"})
    client = profile_from_answers(asked, None, TODAY)["client"]
    assert client["situations"] == ["homeless"] and client["documents"] == []


def test_more_needs_than_a_profile_holds_give_a_second_plan() -> None:
    everything = {
        q.id: [o.value for o in q.options] if q.multiple else q.options[-1].value
        for q in A.assessment().questions
    }
    everything["living_situation"] = "no-place"
    answers = read_answers(everything)
    plans = profiles_from_answers(answers, _client(birth_year=1980), TODAY)
    assert len(plans) == 2
    assert [n for plan in plans for n in plan["needs"]] == needs_from_answers(answers)
    assert len(plans[0]["needs"]) == A.MAX_NEEDS
    assert plans[0]["needs"][0]["urgency"] == "crisis"
    assert plans[0]["client"] == plans[1]["client"]
    for plan in plans:
        _valid(plan)


@st.composite
def _answers(draw: st.DrawFn) -> dict[str, Any]:
    form: dict[str, Any] = {}
    for question in A.assessment().questions:
        if not draw(st.booleans()):
            continue
        values = [o.value for o in question.options]
        if question.multiple:
            form[question.id] = draw(st.lists(st.sampled_from(values), min_size=1, unique=True))
        else:
            form[question.id] = draw(st.sampled_from(values))
    return form


@settings(max_examples=150, deadline=None)
@given(
    form=_answers(),
    birth_year=st.none() | st.integers(1890, 2030),
    languages=st.lists(st.sampled_from(["fr", "en", "es", "ar", "zh", "x"]), max_size=4),
    postal_code=st.none() | st.sampled_from(["", "H2X 1Y4", "h3b"]),
)
def test_any_answers_give_profiles_the_contract_accepts(
    form: dict[str, Any], birth_year: int | None, languages: list[str], postal_code: str | None
) -> None:
    client = _client(birth_year=birth_year, languages=languages, postal_code=postal_code)
    answers = read_answers(form)
    for profile in profiles_from_answers(answers, client, TODAY):
        if profile["needs"]:
            _valid(profile)
        else:  # nothing asked for yet: the caseworker adds a need first
            assert needs_from_answers(answers) == []
            _valid(add_need(profile, "food"))


# --- the safety flag ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("question", SAFETY_QUESTIONS)
def test_a_yes_to_any_safety_question_sets_the_flag(question: str) -> None:
    for value in ("sometimes", "often"):
        assert safety_flag(read_answers({question: value})) is True
    assert safety_flag(read_answers({question: "never"})) is False
    assert safety_flag(read_answers({"living_situation": "no-place", "stress": "very-much"})) is False


def test_the_profile_carries_no_score_for_safety() -> None:
    one = read_answers({"safety_yelled_at": "sometimes", "food_worry": "often"})
    four = read_answers({**{q: "often" for q in SAFETY_QUESTIONS}, "food_worry": "often"})
    assert safety_flag(one) and safety_flag(four)
    # Four answers weigh no more than one: the profile says the need, never how many or how often.
    assert profile_from_answers(four, None, TODAY) == profile_from_answers(one, None, TODAY)
    text = json.dumps(profile_from_answers(four, None, TODAY))
    assert "safety" not in text and "score" not in text and "flag" not in text
    assert all(set(need) <= {"category", "urgency", "person", "note"} for need in needs_from_answers(four))


# --- reading a form -----------------------------------------------------------------------------------------


def test_an_unknown_question_is_refused_by_its_id() -> None:
    with pytest.raises(AssessmentError) as caught:
        read_answers({"food_worry": "often", "income_bracket": "low"})
    assert caught.value.field == "income_bracket" and caught.value.code == "unknown_question"
    assert "income_bracket" in caught.value.message


def test_an_unknown_option_is_refused_naming_the_question_and_the_value() -> None:
    with pytest.raises(AssessmentError) as caught:
        read_answers({"food_worry": "always"})
    assert (caught.value.field, caught.value.code, caught.value.value) == (
        "food_worry",
        "unknown_option",
        "always",
    )
    assert "always" in caught.value.message
    with pytest.raises(AssessmentError) as caught:
        read_answers({"health_access": ["dental", "surgery"]})
    assert caught.value.field == "health_access" and caught.value.value == "surgery"


def test_one_answer_questions_take_one_answer() -> None:
    with pytest.raises(AssessmentError) as caught:
        read_answers({"food_worry": ["often", "never"]})
    assert caught.value.field == "food_worry" and caught.value.code == "one_answer"
    assert read_answers({"food_worry": ["often", "often"]}).chosen == {"food_worry": ("often",)}


def test_a_missing_or_empty_answer_is_no_answer() -> None:
    answers = read_answers({"food_worry": "", "housing_problems": [], "stress": "  quite "})
    assert answers.chosen == {"stress": ("quite",)}
    assert read_answers({}).chosen == {}


def test_a_posted_form_is_read_with_its_lists_and_tokens_ignored() -> None:
    form = MultiDict(
        [("csrf_token", "x"), ("health_access", "respite"), ("health_access", "dental"), ("gender", "man")]
    )
    with pytest.raises(AssessmentError):
        read_answers(form)
    answers = read_answers(form, ignore={"csrf_token", "form_token"})
    assert answers.chosen == {"health_access": ("dental", "respite"), "gender": ("man",)}  # the file's order
    assert read_answers(answers.as_dict()) == answers
    shown = A.answered(answers, "fr")
    assert [(q.id, [o.label for o in chosen]) for q, chosen in shown] == [
        ("health_access", ["Des soins dentaires", "Du répit comme proche aidant"]),
        ("gender", ["Homme"]),
    ]


# --- editing the needs --------------------------------------------------------------------------------------


def test_the_needs_are_edited_before_matching() -> None:
    profile = profile_from_answers(read_answers({"living_situation": "no-place"}), None, TODAY)
    before = json.dumps(profile)
    edited = add_need(profile, "daycare", person="child", note="  près du métro   Jarry ")
    assert edited["needs"][-1] == {
        "category": "daycare",
        "urgency": "medium",
        "person": "child",
        "note": "près du métro Jarry",
    }
    twice = add_need(edited, "daycare", urgency="high")  # posted twice: still one, changed
    assert [n["category"] for n in twice["needs"]] == ["emergency-shelter", "daycare"]
    assert twice["needs"][-1]["urgency"] == "high"
    changed = set_need(twice, "emergency-shelter", urgency="high", note="")
    assert changed["needs"][0] == {"category": "emergency-shelter", "urgency": "high"}
    dropped = drop_need(changed, "daycare")
    assert [n["category"] for n in dropped["needs"]] == ["emergency-shelter"]
    assert json.dumps(profile) == before  # the profile given is never changed
    for result in (edited, twice, changed, dropped):
        _valid(result)


@pytest.mark.parametrize(
    ("edit", "field", "code"),
    [
        (lambda p: add_need(p, "food-stamps"), "category", "unknown_need"),
        (lambda p: add_need(p, "homeless"), "category", "unknown_need"),  # a situation, not a need
        (lambda p: set_need(p, "shelters"), "category", "unknown_need"),
        (lambda p: set_need(p, "food"), "category", "not_in_profile"),
        (lambda p: drop_need(p, "food"), "category", "not_in_profile"),
        (lambda p: add_need(p, "food", urgency="urgent"), "urgency", "unknown_urgency"),
        (lambda p: set_need(p, "emergency-shelter", person="partner"), "person", "unknown_person"),
        (lambda p: set_need(p, "emergency-shelter", note="x" * 501), "note", "note_too_long"),
    ],
)
def test_a_wrong_edit_is_refused_naming_its_field(edit: Any, field: str, code: str) -> None:
    profile = profile_from_answers(read_answers({"living_situation": "no-place"}), None, TODAY)
    with pytest.raises(AssessmentError) as caught:
        edit(profile)
    assert (caught.value.field, caught.value.code) == (field, code)
    assert caught.value.message


def test_a_profile_holds_at_most_twenty_needs() -> None:
    profile: dict[str, Any] = {"needs": []}
    for code in sorted(_taxonomy()["needs"])[: A.MAX_NEEDS]:
        profile = add_need(profile, code)
    _valid(profile)
    with pytest.raises(AssessmentError) as caught:
        add_need(profile, sorted(_taxonomy()["needs"])[A.MAX_NEEDS])
    assert caught.value.code == "too_many_needs"


# --- a wrong file -------------------------------------------------------------------------------------------

_FILE = """\
version: 1
domains:
  food: {fr: Alimentation, en: Food}
questions:
  - id: food_worry
    domain: food
    source: ahc-hrsn
    text: {fr: "Peur de manquer ?", en: "Afraid of running out?"}
    options:
      - value: no
        label: {fr: Non, en: "No"}
      - value: often
        label: {fr: Souvent, en: Often}
        needs: [NEED]
        urgency: URGENCY
"""


def _load(tmp_path: Path, need: str = "food-bank", urgency: str = "high") -> A.AssessmentFile:
    path = tmp_path / "assessment.yaml"
    path.write_text(_FILE.replace("NEED", need).replace("URGENCY", urgency), encoding="utf-8")
    return load_assessment(path)


def test_a_file_with_an_unknown_code_is_refused_naming_the_question_and_option(tmp_path: Path) -> None:
    assert [o.value for o in _load(tmp_path).questions[0].options] == ["no", "often"]  # `no` stays text
    with pytest.raises(AssessmentFileError) as caught:
        _load(tmp_path, need="food-stamps")
    message = str(caught.value)
    assert "question 'food_worry'" in message and "option 'often'" in message and "'food-stamps'" in message
    with pytest.raises(AssessmentFileError) as caught:
        _load(tmp_path, urgency="urgent")
    assert "question 'food_worry', option 'often', urgency" in str(caught.value)


# --- stored -------------------------------------------------------------------------------------------------


def test_an_assessment_is_stored_and_read_back(app: Flask) -> None:
    answers = read_answers({"safety_threatened": "often", "children": ["under-5"], "situations": "none"})
    with app.app_context():
        team = Team(name="Équipe Nord")
        db.session.add(team)
        db.session.flush()
        client = Client(team_id=team.id, display_name="M. T.", birth_year=1988, preferred_language="fr")
        db.session.add(client)
        db.session.flush()
        profile = profile_from_answers(answers, client, TODAY)
        client.assessments.append(
            Assessment(
                answers=answers.as_dict(), profile=profile, safety_flag=safety_flag(answers), form_token="t1"
            )
        )
        db.session.commit()
        client_id = client.id
    with app.app_context():
        stored = db.session.get(Client, client_id).assessments[0]  # type: ignore[union-attr]
        again = read_answers(stored.answers)
        assert again == answers and stored.safety_flag is True
        assert stored.profile == profile_from_answers(again, stored.client, TODAY)
        assert stored.profile["client"]["situations"] == ["violence-survivor", "parent"]
        assert stored.profile["client"]["age"] == 37
