"""What the search service asks of its engines through their interface alone: stored documents from the
first engine that keeps them, and connections dropped after a fork."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from pathlib import Path

from indexer.engines.base import EngineUnavailable
from indexer.engines.embedded import EmbeddedEngine
from indexer.engines.meili import MeiliEngine
from indexer.query import SearchQuery
from indexer.search import SearchService
from tests.indexer.test_engine_contract import DOCS


def embedded(tmp_path: Path) -> EmbeddedEngine:
    engine = EmbeddedEngine(tmp_path / "search")
    engine.rebuild(DOCS)
    return engine


def test_documents_come_from_the_embedded_index_beside_meilisearch(tmp_path: Path) -> None:
    meili = MeiliEngine("http://127.0.0.1:9", None)  # never asked: it keeps no whole documents
    assert meili.documents(["svc-x"]) is None
    service = SearchService(primary=meili, fallback=embedded(tmp_path))
    service_ids = [DOCS[0].service_id, DOCS[1].service_id]
    found = service.documents(service_ids)
    assert found is not None
    assert sorted(d.id for d in found) == sorted(d.id for d in DOCS if d.service_id in service_ids)
    known = {DOCS[0].id}
    again = service.documents(service_ids, known)
    assert again is not None and DOCS[0].id not in {d.id for d in again}


def test_no_documents_when_the_engine_that_keeps_them_cannot_answer(tmp_path: Path) -> None:
    never_built = EmbeddedEngine(tmp_path / "empty")
    assert SearchService(primary=never_built).documents(["svc-x"]) is None


class _Recording:
    name = "recording"

    def __init__(self, down: bool = False) -> None:
        self.down = down
        self.forgotten = 0

    def documents(self, service_ids: Sequence[str], known: Collection[str] = frozenset()) -> None:
        if self.down:
            raise EngineUnavailable("down")
        return None

    def forget_connections(self) -> None:
        self.forgotten += 1


def test_an_engine_that_is_down_sends_the_caller_to_the_database(tmp_path: Path) -> None:
    service = SearchService(primary=_Recording(down=True), fallback=embedded(tmp_path))  # type: ignore[arg-type]
    assert service.documents([DOCS[0].service_id]) is None


def test_every_engine_forgets_its_connections_after_a_fork(tmp_path: Path) -> None:
    primary, fallback = _Recording(), embedded(tmp_path)
    service = SearchService(primary=primary, fallback=fallback)  # type: ignore[arg-type]
    assert fallback.search(SearchQuery(text="banque")).total  # a connection in this thread
    service.forget_connections()
    assert primary.forgotten == 1
    assert fallback.search(SearchQuery(text="banque")).total  # opened again
