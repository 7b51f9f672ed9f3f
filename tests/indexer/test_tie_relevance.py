"""Places at one address are ordered by the relevance of their own text (not FTS5's BM25, which reads a
word's whole document list however few rows it weighs)."""

from __future__ import annotations

from pathlib import Path

from indexer.engines.embedded import WEIGHTS, EmbeddedEngine
from indexer.engines.embedded.tie_relevance import expression_terms, occurrences, relevance
from indexer.query import SearchQuery
from tests.indexer.test_engine_contract import doc

FR = WEIGHTS["fr"]


def test_the_engines_expressions_read_back_as_groups_of_alternatives(tmp_path: Path) -> None:
    engine = EmbeddedEngine(tmp_path / "search")
    engine.rebuild([doc("x", "Banque alimentaire", "Food bank", categories=["food"])])
    match = engine.match_expression("banque alimentaire pour aînés", engine._connect())
    assert match is not None
    groups = expression_terms(match)
    assert (("banque", "alimentaire"), False) in groups[0]  # the phrase and its synonyms
    assert (("food", "bank"), False) in groups[0]
    assert (("aines",), True) in groups[-1]  # a word: its prefix, accents folded


def test_occurrences_of_words_prefixes_and_phrases() -> None:
    tokens = ["aide", "aux", "devoirs", "et", "aide", "alimentaire"]
    assert occurrences(tokens, (("aide",), False)) == 2
    assert occurrences(tokens, (("ali",), True)) == 1
    assert occurrences(tokens, (("ali",), False)) == 0
    assert occurrences(tokens, (("aide", "alim"), True)) == 1
    assert occurrences(tokens, (("aux", "aide"), False)) == 0


def texts(name_fr: str = "", description_fr: str = "") -> list[str]:
    return [name_fr, "", "", "", "", description_fr, "", "", ""]  # FTS_COLUMNS' order


def test_the_name_weighs_more_than_the_description_and_more_words_more_than_fewer() -> None:
    scores = relevance(
        {
            1: texts("Centre communautaire", "devoirs le mardi"),
            2: texts("Aide aux devoirs", "pour les élèves du primaire"),
            3: texts("Halte-garderie", "jeux et bricolage"),
            4: texts("Centre communautaire", "devoirs le mardi, devoirs le jeudi"),
        },
        '("devoirs"*)',
        FR,
    )
    assert scores[2] > scores[4] > scores[1] > scores[3] == 0.0


def test_every_group_counts() -> None:
    scores = relevance(
        {1: texts("Aide alimentaire"), 2: texts("Aide alimentaire d'urgence"), 3: texts("Urgence sociale")},
        '("aide"* OR "entraide"*) AND ("urgence"*)',
        FR,
    )
    assert scores[2] > scores[1] and scores[2] > scores[3]


def test_places_at_one_address_come_best_first_among_nearer_and_farther_ones(tmp_path: Path) -> None:
    hub = {"lat": 45.60, "lon": -73.50, "categories": ["education", "tutoring"]}
    docs = [
        doc("a", "Centre communautaire", "Community centre", description_fr="devoirs", **hub),
        doc("b", "Aide aux devoirs Le Pont", "Homework Help", **hub),
        doc("c", "Club de devoirs", "Homework club", description_fr="devoirs et lecture", **hub),
        doc("near", "Devoirs du coin", "Homework", categories=["education"], lat=45.6001, lon=-73.5001),
        doc("far", "Devoirs au loin", "Homework", categories=["education"], lat=45.61, lon=-73.51),
    ]
    engine = EmbeddedEngine(tmp_path / "search")
    engine.rebuild(docs)
    result = engine.search(SearchQuery(text="devoirs", lat=45.60, lon=-73.50, radius_km=5, sort="distance"))
    order = [hit.service_source_id for hit in result.hits]
    assert order[0] in {"src-a", "src-b", "src-c"} and order[-1] == "src-far"
    tied = [key for key in order if key in {"src-a", "src-b", "src-c"}]
    assert tied == ["src-c", "src-b", "src-a"]  # in the name and the text, the name, the text
    scores = {hit.service_source_id: hit.score for hit in result.hits}
    assert scores["src-c"] > scores["src-b"] > scores["src-a"] > 0
