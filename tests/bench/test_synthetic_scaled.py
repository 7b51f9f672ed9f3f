"""The benchmark's directory draws its shape from a stream of its own: what the services say may change
(other words, other draws) without changing how many organizations and places there are."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from bench.generate import ABOUT
from bench.synthetic.package import PackageWriter
from bench.synthetic.scaled import ScaledDirectory, bench_headers


def _counts(out: Path, content_seed: int | None) -> dict[str, int]:
    with PackageWriter(out, ABOUT, bench_headers()) as writer:
        directory = ScaledDirectory(42, writer)
        if content_seed is not None:  # every draw but the shape's comes out differently
            directory.rng = directory.geo.rng = random.Random(content_seed)
        directory.build(300)
    return dict(writer.counts)


def test_other_content_draws_keep_the_organizations_and_places(tmp_path: Path) -> None:
    first, second = _counts(tmp_path / "a", None), _counts(tmp_path / "b", 1)
    assert first != second  # the content did change
    for table in ("service", "organization", "address"):
        assert first[table] == second[table], table


def test_the_writer_never_drops_a_value_unnoticed(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"HSDS 3\.0 does not have"):
        PackageWriter(tmp_path / "a", ABOUT, {"phone": ["id", "colour"]})
    refused = pytest.raises(ValueError, match=r"phone: columns not written: \['type'\]")
    with refused, PackageWriter(tmp_path / "b", ABOUT, {"phone": ["id", "number"]}) as writer:
        writer.write("phone", [{"id": "1", "number": "514-555-0100", "type": "voice"}])
