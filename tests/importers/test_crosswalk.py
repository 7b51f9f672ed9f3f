"""The taxonomy crosswalk: AIRS/211 codes, Open Eligibility terms and an agency's own words read as core
terms, so that the services tagged with them get needs facts; what cannot be mapped is listed, and kept."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import select

from app.core.facts import service_facts
from app.core.models import Service, TaxonomyTerm
from app.core.taxonomy import core_terms
from app.core.text import comparable_words
from app.web.extensions import db
from importers.crosswalk import Crosswalk, Entry, crosswalk, load_entries
from tests.helpers import invoke, write_csv
from tests.importers.test_normalization_import import _count


@pytest.mark.parametrize(
    ("code", "names", "scheme", "key"),
    [
        ("BD-1800.2000", ("Food Pantries",), "AIRS/211 LA County", "needs:food-bank"),
        ("BD-1800.2000-620", (), "", "needs:food-bank"),  # a finer code: its longest known prefix
        ("bh-1800.8500", (), "", "needs:emergency-shelter"),
        ("LV-1600.2400", (), "", "needs:dental-care"),
        ("LV-1700", (), "", "needs:health"),  # only the family is known: the family
        ("RX", (), "211", "needs:addiction"),  # two letters are AIRS only in an AIRS taxonomy
        ("", ("Food Pantry",), "Open Eligibility", "needs:food-bank"),
        ("", ("Help Find Work",), "openeligibility", "needs:job-search"),
        ("", ("Dépannage alimentaire",), "", "needs:food-bank"),
        ("", ("HÉBERGEMENT D'URGENCE",), "", "needs:emergency-shelter"),
        ("", ("soupe populaire",), "", "needs:meals"),
        ("", ("Alimentation > Popote roulante",), "", "needs:meal-delivery"),  # the path's last part
        ("food-bank", ("Banque",), "categories", "needs:food-bank"),  # a core code in another taxonomy
        ("", ("Repas gratuits ou à faible coût",), "", "needs:meals"),  # a core label
        ("", ("Sans rendez-vous",), "", "features:walk-in"),
        ("", ("Carte d'assurance maladie",), "", "documents:health-card"),
    ],
)
def test_codes_and_words_are_read_as_core_terms(
    code: str, names: tuple[str, ...], scheme: str, key: str
) -> None:
    found = crosswalk().match(code, names, scheme)
    assert found is not None and found.term.key == key


def test_near_spellings_are_read_but_not_other_words() -> None:
    near = crosswalk().match("", ("Banque alimentair",))
    assert near is not None and (near.term.key, near.how) == ("needs:food-bank", "fuzzy")
    assert crosswalk().match("", ("hebergement d'urgance",)).term.key == "needs:emergency-shelter"  # type: ignore[union-attr]
    assert crosswalk().match("", ("mail delivery",)) is None  # not "meal delivery"
    assert crosswalk().match("", ("Soirée bingo",)) is None
    assert crosswalk().match("FR", ()) is None  # two letters outside an AIRS taxonomy: anyone's code
    assert crosswalk().match("B", (), "AIRS") is None  # Basic Needs names no single family


def test_whom_a_service_serves_is_never_read_as_a_restriction() -> None:
    for words in ("Femmes", "Women", "Homeless", "Personnes en situation d'itinérance", "Newcomers"):
        found = crosswalk().match("", (words,))
        assert found is None or found.term.taxonomy != "eligibility", words


def test_the_crosswalk_file_is_consistent_and_covers_every_family() -> None:
    entries = load_entries()
    keys = {t.key for t in core_terms()}
    assert all(e.core in keys for e in entries)
    assert all(e.scheme in ("airs", "open_eligibility", "words") for e in entries)
    by_words: dict[str, set[str]] = defaultdict(set)
    for entry in entries:
        words = entry.source.upper() if entry.scheme == "airs" else comparable_words(entry.source)
        by_words[words].add(entry.core)
    assert {words: cores for words, cores in by_words.items() if len(cores) > 1} == {}
    families = {t.code for t in core_terms() if t.taxonomy == "needs" and t.parent is None}
    for scheme in ("airs", "words"):
        reached = {_family(e.core) for e in entries if e.scheme == scheme and e.core.startswith("needs:")}
        assert reached == families, (scheme, families - reached)


def test_an_entry_pointing_to_no_core_term_is_refused() -> None:
    with pytest.raises(ValueError, match="needs:nowhere"):
        Crosswalk([Entry("words", "nulle part", "needs:nowhere", "")])


def _family(key: str) -> str:
    code = key.split(":", 1)[1]
    term = next(t for t in core_terms() if t.key == key)
    return term.parent or code


def _package(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    write_csv(folder / "organizations.csv", [{"id": "o1", "name": "Org", "description": "x"}])
    write_csv(
        folder / "services.csv",
        [
            {"id": f"s{i}", "organization_id": "o1", "name": f"Service {i}", "status": "active"}
            for i in range(1, 5)
        ],
    )
    write_csv(
        folder / "taxonomies.csv",
        [
            {"id": "airs", "name": "AIRS/211 LA County Taxonomy", "description": "x"},
            {"id": "own", "name": "Catégories de l'organisme", "description": "x"},
        ],
    )
    terms = [
        ("t-pantry", "BD-1800.2000-620", "Mobile Food Pantry Programs", "airs"),
        ("t-depannage", "", "Dépannage alimentaire", "own"),
        ("t-near", "", "Banque alimentair", "own"),
        ("t-bingo", "B-1", "Soirée bingo", "own"),
        ("t-women", "", "Femmes", "own"),
    ]
    write_csv(
        folder / "taxonomy_terms.csv",
        [
            {"id": key, "code": code, "name": name, "description": "", "taxonomy_id": taxonomy}
            for key, code, name, taxonomy in terms
        ],
    )
    links = [
        ("s1", "t-pantry"),
        ("s2", "t-depannage"),
        ("s3", "t-near"),
        ("s3", "t-bingo"),
        ("s4", "t-bingo"),
        ("s4", "t-women"),
    ]
    write_csv(
        folder / "attributes.csv",
        [
            {
                "id": f"a{i}",
                "link_id": service,
                "taxonomy_term_id": term,
                "link_type": "",
                "link_entity": "service",
                "value": "",
            }
            for i, (service, term) in enumerate(links)
        ],
    )
    return folder


def test_services_tagged_with_other_taxonomies_get_needs_facts(app: Flask, tmp_path: Path) -> None:
    result = invoke(app, "import", str(_package(tmp_path / "agency")), "--lang", "fr")
    assert result.exit_code == 0, result.output
    with app.app_context():
        ids = {s.source_id: s.id for s in db.session.scalars(select(Service))}
        facts = service_facts(db.session, ids.values())
        needs = {source_id: facts[uid].needs for source_id, uid in ids.items()}
        assert needs == {"s1": {"food-bank"}, "s2": {"food-bank"}, "s3": {"food-bank"}, "s4": set()}
        assert facts[ids["s4"]].eligibility == {}  # "Femmes" says whom it serves, not whom it refuses
        terms = {t.source_id: t for t in db.session.scalars(select(TaxonomyTerm))}
        assert terms["t-bingo"].core_key is None and terms["t-bingo"].name == {"fr": "Soirée bingo"}  # kept
    assert "'Banque alimentair' was read as banque alimentaire (core term needs:food-bank); check it" in (
        result.output
    )
    assert "2 taxonomy terms are not mapped to the core taxonomy" in result.output
    assert "  Soirée bingo [B-1] (2)\n  Femmes (1)" in result.output
    assert "taxonomy terms mapped through the crosswalk" in result.output
    # The run's record keeps the unmapped terms and the count, for whoever looks at the run later.
    run = json.loads(invoke(app, "imports", "--json").output)[0]
    assert run["unmapped_terms"] == [{"term": "Soirée bingo [B-1]", "uses": 2}, {"term": "Femmes", "uses": 1}]
    mapped = _count(result.output, "taxonomy terms mapped through the crosswalk")
    assert mapped > 0 and run["normalized"]["term_crosswalk"] == mapped
