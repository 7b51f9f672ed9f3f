"""The benchmark runs end to end and reports every figure; its generator is deterministic and clean.

No timing is ever asserted here: the figures depend on the machine. Only their presence and types are.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from flask import Flask

from app.core.taxonomy import core_terms
from app.web.extensions import db
from bench.generate import TABLES, generate
from importers.run import run_import
from tests.helpers import invoke, read_csv

NUMBER = "number"
PHASES = ("generate", "import", "index", "search", "match", "casework", "hsds_api", "http")
LATENCY = ("p50_ms", "p95_ms", "p99_ms")
# Every key path the report must carry, with the kind of value it holds.
REQUIRED: dict[str, Any] = {
    "size": int,
    "quick": bool,
    "seed": int,
    "machine.cpu_count": int,
    "machine.python": str,
    "machine.sqlite": str,
    "machine.platform": str,
    "generated_at": str,
    "generate.seconds": NUMBER,
    "import.seconds": NUMBER,
    "import.rows_per_second": NUMBER,
    "import.services": int,
    "index.seconds": NUMBER,
    "index.documents": int,
    "http.search_page.requests_per_second": NUMBER,
    "http.search_page.errors": int,
    "memory.server_rss_mb": NUMBER,
    **{f"search.{s}.{k}": NUMBER for s in ("text", "text_geo", "geo_filters", "facets") for k in LATENCY},
    **{f"search.{s}.count": int for s in ("text", "text_geo", "geo_filters", "facets")},
    **{f"search.{s}.{k}": NUMBER for s in ("text", "text_geo") for k in ("floor_p95_ms", "ratio_p95")},
    **{f"match.needs_{n}.{k}": NUMBER for n in (1, 3, 5) for k in LATENCY},
    **{f"match.needs_{n}.count": int for n in (1, 3, 5)},
    **{f"http.search_page.{k}": NUMBER for k in LATENCY},
    "http.search_page.count": int,
    **{f"casework.open_client_3_needs.{k}": NUMBER for k in LATENCY},
    "casework.open_client_3_needs.count": int,
    "casework.open_client_3_needs.errors": int,
    **{f"hsds_api.{s}.{k}": NUMBER for s in ("search", "record") for k in LATENCY},
    **{f"hsds_api.{s}.errors": int for s in ("search", "record")},
    **{f"memory.{phase}.peak_rss_mb": NUMBER for phase in PHASES},
}
TARGETS = (
    "search_text_geo_p95_ms",
    "search_text_geo_ratio_p95",
    "match_needs_3_p95_ms",
    "import_10000_seconds",
    "index_100000_seconds",
    "http_search_page_p95_ms",
    "server_rss_mb",
    "casework_open_client_p95_ms",
    "hsds_api_search_p95_ms",
    "hsds_api_record_p95_ms",
)


def _at(report: dict[str, Any], path: str) -> Any:
    value: Any = report
    for key in path.split("."):
        assert isinstance(value, dict) and key in value, f"the report lacks {path}"
        value = value[key]
    return value


def _is(value: Any, kind: Any) -> bool:
    if kind is NUMBER:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, kind)


def test_bench_command_writes_every_figure(app: Flask, tmp_path: Path) -> None:
    out = tmp_path / "REPORT.json"
    result = invoke(
        app, "bench", "--size", "500", "--quick", "--out", str(out), "--workdir", str(tmp_path / "w")
    )
    assert result.exit_code == 0, result.output
    assert "Carrefour bench: 500 services (quick)" in result.output
    report = json.loads(out.read_text(encoding="utf-8"))
    wrong = {path: _at(report, path) for path, kind in REQUIRED.items() if not _is(_at(report, path), kind)}
    assert not wrong, f"values of the wrong kind: {wrong}"
    assert (report["size"], report["quick"], report["seed"]) == (500, True, 42)
    assert report["commit"] is None or len(report["commit"]) == 40
    assert report["import"]["services"] == 500
    for name in TARGETS:
        target = report["targets"][name]
        assert {"target", "value", "met"} <= set(target), name
        assert target["met"] in (True, False, None), name
    # Only the judged size decides the size-bound targets.
    assert report["targets"]["import_10000_seconds"]["met"] is None
    assert report["targets"]["index_100000_seconds"]["met"] is None
    assert report["targets"]["casework_open_client_p95_ms"]["met"] is None
    # Every client's page opened: a caseworker signed in, the matcher ran on each assessment.
    assert report["casework"]["open_client_3_needs"]["errors"] == 0
    assert report["casework"]["open_client_3_needs"]["count"] == 10
    # A partner's searches and records through the HSDS API all answered.
    assert report["hsds_api"]["search"]["errors"] == report["hsds_api"]["record"]["errors"] == 0
    assert report["targets"]["hsds_api_record_p95_ms"]["met"] is None  # judged at 100,000


def test_bench_on_postgresql_measures_its_engine_against_its_floor(
    app: Flask, tmp_path: Path, pg_ready: str
) -> None:
    out = tmp_path / "REPORT.json"
    result = invoke(
        app, "bench", "--size", "300", "--quick", "--out", str(out), "--engine", "postgres",
        "--database-url", pg_ready, "--workdir", str(tmp_path / "w"),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["engine"] == "postgres" and report["import"]["services"] == 300
    assert report["index"]["documents"] >= 300 and report["index"]["file_mb"] > 0
    text_geo = report["search"]["text_geo"]
    assert text_geo["floor_count"] > 0 and text_geo["ratio_p95"] > 0
    assert "tsvector" in report["targets"]["search_text_geo_ratio_p95"]["target"]
    assert report["targets"]["match_needs_3_p95_ms"]["target"] == "< 150 ms"
    assert report["targets"]["import_100000_seconds"]["met"] is None  # judged at 100,000
    assert report["http"]["search_page"]["errors"] == 0
    assert report["casework"]["open_client_3_needs"]["errors"] == 0


def _files(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def test_generator_is_deterministic_and_imports_without_rejects(app: Flask, tmp_path: Path) -> None:
    counts = generate(50, tmp_path / "first", seed=7)
    generate(50, tmp_path / "second", seed=7)
    first = _files(tmp_path / "first")
    assert first == _files(tmp_path / "second")
    generate(50, tmp_path / "other", seed=8)
    assert first != _files(tmp_path / "other")
    assert set(first) == {file for file, _columns in TABLES.values()} | {"datapackage.json"}
    assert counts["service"] == 50
    # Fifty services are enough for every needs code to be used (the generator takes them in turn first).
    terms = {
        row["id"]: (row["taxonomy"], row["code"])
        for row in read_csv(tmp_path / "first" / "taxonomy_terms.csv")
    }
    used = {terms[row["taxonomy_term_id"]] for row in read_csv(tmp_path / "first" / "attributes.csv")}
    assert {("needs", t.code) for t in core_terms() if t.taxonomy == "needs"} <= used
    with app.app_context():
        report = run_import(db.session, tmp_path / "first", fmt="hsds3", lang="fr", source="bench")
        db.session.commit()
    assert report.total("rejected") == 0, [p.as_dict() for p in report.rejects[:5]]
    assert report.count("service", "created") == 50
    assert report.total("read") == sum(counts.values())
