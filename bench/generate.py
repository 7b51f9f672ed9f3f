"""A synthetic, deterministic HSDS 3.0 CSV datapackage of Greater Montréal, from a few hundred services to
a hundred thousand, for the benchmark: the demo's generator (bench/synthetic/) at any size, with the
proportions of a real directory (`bench/synthetic/scaled.py` says which).

Text is French in the HSDS columns and English in `_en` columns; the same seed and size write the same
bytes.

    python -m bench.generate --size 10000 --out /tmp/bench-10k
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.synthetic.package import PackageWriter, file_name
from bench.synthetic.scaled import ScaledDirectory, bench_headers

ABOUT: dict[str, Any] = {
    "name": "carrefour-bench",
    "title": "Carrefour benchmark directory (synthetic, Greater Montréal)",
    "profile": "tabular-data-package",
}

# Every table written, in import order, with its columns (HSDS ones first, then the English ones).
TABLES: dict[str, tuple[str, tuple[str, ...]]] = {
    resource: (file_name(resource), tuple(columns)) for resource, columns in bench_headers().items()
}


def generate(size: int, out: Path, seed: int = 42) -> dict[str, int]:
    """Write a package of `size` services to `out`; return the rows written per table."""
    with PackageWriter(out, ABOUT, bench_headers()) as writer:
        ScaledDirectory(seed, writer).build(size)
    return dict(writer.counts)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Write a synthetic HSDS 3.0 directory for the benchmark.")
    parser.add_argument("--size", type=int, required=True, help="number of services")
    parser.add_argument("--out", type=Path, required=True, help="output folder")
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args(argv)
    counts = generate(args.size, args.out, args.seed)
    print(", ".join(f"{name}={count}" for name, count in counts.items()))


if __name__ == "__main__":
    main()
