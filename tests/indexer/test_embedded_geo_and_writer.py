"""The embedded engine's shortcuts kept honest.

Distances are first measured flat (one multiplication in SQL) and only the rows near the edge of the circle
are measured on the sphere: whatever the latitude and the radius, the answer must be exactly the circle's
content, nearest first. A large rebuild writes its file in a process of its own: it must give the same index,
and a failure on either side must leave the index in service as it was.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import indexer.engines.embedded.engine as embedded
from app.core.geo import haversine_km
from indexer.documents import SearchDocument
from indexer.engines.embedded import EmbeddedEngine
from indexer.query import SearchQuery
from tests.indexer.test_engine_contract import DOCS, doc

# Places spread over a few degrees around cities far apart in latitude (the flat measure's error grows
# towards the poles and with the size of the circle).
CITIES = {
    "montreal": (45.50, -73.57),
    "iqaluit": (63.75, -68.52),
    "grise-fiord": (76.42, -82.89),
    "alert": (82.50, -62.35),
    "quito": (-0.18, -78.47),
    "hobart": (-42.88, 147.33),
}
SPREAD_DEGREES = 3.0


def _scattered(lat0: float, lon0: float, count: int = 600) -> list[SearchDocument]:
    rng = random.Random(f"{lat0},{lon0}")
    docs = []
    for n in range(count):
        # Denser near the centre, like a city: many places within a few km, a few far out.
        spread = SPREAD_DEGREES * rng.random() ** 2
        docs.append(
            doc(
                f"p{n}",
                f"Banque alimentaire {n}",
                f"Food bank {n}",
                categories=["food", "food-bank"],
                lat=lat0 + rng.uniform(-spread, spread),
                lon=lon0 + rng.uniform(-spread, spread),
            )
        )
    return docs


Cities = dict[str, tuple[EmbeddedEngine, list[SearchDocument]]]


@pytest.fixture(scope="module")
def cities(tmp_path_factory: pytest.TempPathFactory) -> Cities:
    built = {}
    for name, (lat, lon) in CITIES.items():
        docs = _scattered(lat, lon)
        engine = EmbeddedEngine(tmp_path_factory.mktemp(name) / "search")
        engine.rebuild(docs)
        built[name] = (engine, docs)
    return built


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    city=st.sampled_from(sorted(CITIES)),
    north=st.floats(-1.5, 1.5),
    east=st.floats(-1.5, 1.5),
    radius=st.one_of(st.floats(0.2, 5.0), st.floats(5.0, 60.0), st.floats(60.0, 300.0)),
    text=st.sampled_from(["", "banque"]),
    category=st.sampled_from([[], ["food"]]),
)
def test_a_radius_answers_exactly_the_circle_nearest_first(
    cities: Cities,
    city: str,
    north: float,
    east: float,
    radius: float,
    text: str,
    category: list[str],
) -> None:
    engine, docs = cities[city]
    lat, lon = CITIES[city][0] + north, CITIES[city][1] + east
    distances = {d.service_source_id: haversine_km(lat, lon, d.latitude, d.longitude) for d in docs}  # type: ignore[arg-type]
    inside = {key for key, km in distances.items() if km <= radius}
    result = engine.search(
        SearchQuery(
            text=text, lat=lat, lon=lon, radius_km=radius, categories=category, page_size=1000, facets=False
        )
    )
    found = [hit.service_source_id for hit in result.hits]
    assert set(found) == inside
    assert result.total == len(inside)
    shown = [hit.distance_km for hit in result.hits]
    assert shown == sorted(shown), "nearest first"
    for hit in result.hits:
        assert hit.distance_km == pytest.approx(distances[hit.service_source_id], abs=1e-6)


@pytest.mark.parametrize("city", sorted(CITIES))
def test_a_short_page_holds_the_nearest_places_in_order(cities: Cities, city: str) -> None:
    """Exact distances are computed only for the rows a page needs: the page must be the exact one. Flat
    and exact orders differ often enough between neighbours that a few hundred seeded queries catch a head
    measured too short."""
    engine, docs = cities[city]
    rng = random.Random(city)
    for _ in range(150):
        lat, lon = CITIES[city][0] + rng.uniform(-1, 1), CITIES[city][1] + rng.uniform(-1, 1)
        radius, page, page_size = rng.uniform(20, 300), rng.randint(1, 4), rng.choice([1, 3, 10])
        measured = sorted(
            (haversine_km(lat, lon, d.latitude, d.longitude), d.service_source_id)  # type: ignore[arg-type]
            for d in docs
        )
        nearest = [key for km, key in measured if km <= radius]
        result = engine.search(
            SearchQuery(lat=lat, lon=lon, radius_km=radius, page=page, page_size=page_size, facets=False)
        )
        start = (page - 1) * page_size
        found = [hit.service_source_id for hit in result.hits]
        assert found == nearest[start : start + page_size], (lat, lon, radius, page, page_size)


@pytest.mark.parametrize("page_size", [1, 7, 20])
def test_pages_of_a_nearest_first_answer_follow_on(cities: Cities, page_size: int) -> None:
    """Exact distances are computed only for the rows a page needs; the pages must still join up."""
    engine, _ = cities["iqaluit"]
    lat, lon = CITIES["iqaluit"]
    whole = engine.search(SearchQuery(lat=lat, lon=lon, radius_km=150, page_size=1000, facets=False))
    paged: list[str] = []
    for page in range(1, 6):
        result = engine.search(
            SearchQuery(lat=lat, lon=lon, radius_km=150, page=page, page_size=page_size, facets=False)
        )
        paged += [hit.service_source_id for hit in result.hits]
    assert paged == [hit.service_source_id for hit in whole.hits][: 5 * page_size]


# --- the rebuild's writer process ------------------------------------------------------------------------


@pytest.fixture
def writer_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(embedded, "PROCESS_WRITER_MIN", 1)
    monkeypatch.setattr(embedded, "WRITE_BATCH", 3)  # several batches through the queue


def _answers(engine: EmbeddedEngine) -> list[list[tuple[str, float | None]]]:
    queries = [
        SearchQuery(text="banque alimentaire"),
        SearchQuery(text="phare", lang="en"),
        SearchQuery(lat=45.5088, lon=-73.5617, radius_km=6, categories=["food"]),
        SearchQuery(lat=45.5088, lon=-73.5617, radius_km=20, include_unplaced=True, include_remote=True),
    ]
    answers = []
    for query in queries:
        result = engine.search(query)
        answers.append([(hit.service_source_id, hit.distance_km) for hit in result.hits])
    return answers


def test_a_rebuild_written_in_its_own_process_gives_the_same_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    here = EmbeddedEngine(tmp_path / "here")
    assert here.rebuild(DOCS, expected=len(DOCS)) == len(DOCS)
    monkeypatch.setattr(embedded, "PROCESS_WRITER_MIN", 1)
    monkeypatch.setattr(embedded, "WRITE_BATCH", 3)
    apart = EmbeddedEngine(tmp_path / "apart")
    assert apart.rebuild(DOCS, expected=len(DOCS)) == len(DOCS)
    assert _answers(apart) == _answers(here)
    assert apart.versions() == here.versions()
    assert apart.health().ok


def _broken() -> Iterator[SearchDocument]:
    yield from DOCS
    raise RuntimeError("the database went away")


@pytest.mark.parametrize(
    ("source", "message"),
    [
        (_broken, "went away"),  # the builder's side fails
        (lambda: [*DOCS, replace(DOCS[0])], "index writer"),  # one id twice: the writer's insert fails
    ],
)
def test_a_failed_rebuild_in_its_own_process_leaves_the_index_in_service(
    tmp_path: Path, writer_in_process: None, source: Callable[[], Iterable[SearchDocument]], message: str
) -> None:
    engine = EmbeddedEngine(tmp_path / "search")
    engine.rebuild(DOCS, expected=len(DOCS))
    before = _answers(engine)
    with pytest.raises(RuntimeError, match=message):
        engine.rebuild(source(), expected=len(DOCS) + 1)
    assert _answers(engine) == before
    assert len(list((tmp_path / "search").glob("index-*.sqlite"))) == 1  # the half-written file is gone


# --- the arrays of places ---------------------------------------------------------------------------------


@pytest.mark.parametrize("writer", ["same engine", "another connection"])
def test_words_near_a_point_follow_every_change_to_the_index(tmp_path: Path, writer: str) -> None:
    """Words and a circle are answered from arrays of places read once per connection: a document added,
    moved or removed since, from this connection or another, must be seen at once."""
    engine = EmbeddedEngine(tmp_path / "search")
    engine.rebuild(DOCS)
    other = engine if writer == "same engine" else EmbeddedEngine(tmp_path / "search")
    here = {"lat": 45.5088, "lon": -73.5617, "radius_km": 3.0}

    def found() -> list[str]:
        return ids(engine.search(SearchQuery(text="friperie", **here)))  # type: ignore[arg-type]

    far = doc("thrift", "Friperie solidaire", "Thrift shop", categories=["goods"], lat=45.70, lon=-73.90)
    other.index([far])
    assert found() == []  # the arrays are read, with the far place in them
    other.delete_services([far.service_id])  # the last row gone: its rowid is taken again below
    other.index([replace(far, latitude=45.5100, longitude=-73.5650)])
    assert found() == ["src-thrift"]
    other.delete_services([far.service_id])
    assert found() == []


def ids(result: object) -> list[str]:
    return [hit.service_source_id for hit in result.hits]  # type: ignore[attr-defined]


def test_facet_counts_from_the_arrays_and_a_row_newer_than_them(tmp_path: Path) -> None:
    from indexer.engines.embedded.places import Places

    engine = EmbeddedEngine(tmp_path / "search")
    engine.rebuild(DOCS)
    connection = engine._connect()
    places = Places.read(connection)
    rowids = [row[0] for row in connection.execute("SELECT rowid FROM docs WHERE doc_id LIKE 'doc-food%'")]
    assert places.tag_counts(rowids) == {
        "cat:food": 2,
        "cat:food-bank": 2,
        "lang:fr": 2,
        "lang:es": 1,
        "feat:free": 1,
        "feat:wheelchair-accessible": 1,
    }
    assert places.tag_counts([*rowids, 10_000]) is None  # written since: SQLite counts instead
    assert places.tag_counts([]) == {}


@pytest.mark.parametrize("city", ["montreal", "iqaluit"])
def test_words_in_a_circle_answer_alike_from_the_arrays_and_from_sqlite(cities: Cities, city: str) -> None:
    """Words or categories and a circle alone are answered from arrays; a filter that keeps everything
    (every document speaks French) sends the same question through SQLite. Both must give the same pages,
    counts and facets."""
    engine, _ = cities[city]
    rng = random.Random(f"alike-{city}")
    for _ in range(40):
        lat, lon = CITIES[city][0] + rng.uniform(-1, 1), CITIES[city][1] + rng.uniform(-1, 1)
        words, categories = rng.choice(
            [
                ("banque", []),
                ("food bank", []),
                ("alimentaire 12", []),
                ("", ["food"]),
                ("banque", ["food-bank"]),
            ]
        )
        asked = {
            "text": words,
            "categories": categories,
            "lat": lat,
            "lon": lon,
            "radius_km": rng.uniform(5, 200),
            "page": rng.randint(1, 3),
            "page_size": rng.choice([1, 5, 20]),
            "include_unplaced": rng.random() < 0.3,
        }
        by_arrays = engine.search(SearchQuery(**asked))  # type: ignore[arg-type]
        by_sqlite = engine.search(SearchQuery(languages=["fr"], **asked))  # type: ignore[arg-type]
        assert [(h.service_source_id, h.score) for h in by_arrays.hits] == [
            (h.service_source_id, h.score) for h in by_sqlite.hits
        ]
        assert [h.distance_km for h in by_arrays.hits] == pytest.approx(
            [h.distance_km for h in by_sqlite.hits]
        )
        assert (by_arrays.total, by_arrays.facets) == (by_sqlite.total, by_sqlite.facets)


def test_facets_are_counted_by_sqlite_when_the_arrays_lag(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from indexer.engines.embedded.places import Places

    engine = EmbeddedEngine(tmp_path / "search")
    engine.rebuild(DOCS)
    near = SearchQuery(lat=45.5088, lon=-73.5617, radius_km=20, include_unplaced=True, include_remote=True)
    from_arrays = engine.search(near).facets
    monkeypatch.setattr(Places, "tag_counts", lambda self, rowids: None)  # a row newer than the arrays
    assert engine.search(near).facets == from_arrays and from_arrays["categories"]


# A rebuild that never ends (documents built forever), its writer in a process of its own.
_ENDLESS_REBUILD = """
import sys
from pathlib import Path

import indexer.engines.embedded.engine as embedded
from indexer.engines.embedded import EmbeddedEngine
from tests.indexer.test_engine_contract import DOCS, doc

embedded.WRITE_BATCH = 50
engine = EmbeddedEngine(Path(sys.argv[1]))
engine.rebuild(DOCS)  # the index in service


def endless():
    n = 0
    while True:
        n += 1
        yield doc(f"x{n}", f"Banque {n}", f"Bank {n}", categories=["food"], lat=45.5, lon=-73.5)


engine.rebuild(endless(), expected=embedded.PROCESS_WRITER_MIN)
"""


def _descendants(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            children = (task / "children").read_text().split()
        except OSError:
            continue
        for child in map(int, children):
            found |= {child} | _descendants(child)
    return found


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status  # a zombie holds no file and runs nothing


def _holders(folder: Path) -> dict[int, list[str]]:
    """The processes (of this user) holding a file of `folder` open."""
    held: dict[int, list[str]] = {}
    for fd in Path("/proc").glob("[0-9]*/fd/*"):
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith(str(folder)):
            held.setdefault(int(fd.parts[2]), []).append(target)
    return held


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads /proc (Linux)")
def test_a_rebuild_killed_with_kill_9_leaves_no_writer_nor_file_behind(tmp_path: Path) -> None:
    """`kill -9` on a rebuilding process: its writer process must end too, with nothing else left running,
    the half-written file must not stay on disk or open, and the index in service must still answer."""
    folder = tmp_path / "search"
    project = Path(__file__).resolve().parents[2]
    rebuilding = subprocess.Popen([sys.executable, "-c", _ENDLESS_REBUILD, str(folder)], cwd=project)
    try:
        deadline = time.monotonic() + 60
        half_written: list[Path] = []
        while time.monotonic() < deadline and not (half_written and _descendants(rebuilding.pid)):
            time.sleep(0.2)
            current = (folder / "current").read_text().strip() if (folder / "current").exists() else None
            half_written = [p for p in folder.glob("index-*.sqlite") if current and p.name != current]
            if half_written and half_written[0].stat().st_size < 200_000:
                half_written = []  # wait until the writer is well into it
        helpers = _descendants(rebuilding.pid)
        assert half_written and helpers, "the rebuild started writing in a process of its own"
        os.kill(rebuilding.pid, signal.SIGKILL)
        rebuilding.wait(timeout=10)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(_alive(pid) for pid in helpers):
            time.sleep(0.1)
        assert not [pid for pid in helpers if _alive(pid)], "the writer (or a helper) outlived its parent"
        assert not any(
            path.startswith(str(half_written[0])) for paths in _holders(folder).values() for path in paths
        )
        assert not half_written[0].exists(), "the half-written file was removed"
    finally:
        if rebuilding.poll() is None:
            rebuilding.kill()
            rebuilding.wait()
    engine = EmbeddedEngine(folder)
    assert engine.health().documents == len(DOCS)
    assert ids(engine.search(SearchQuery(text="phare"))) == ["src-shelter"]
