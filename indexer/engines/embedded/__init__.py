"""The embedded engine: SQLite FTS5 for text, an R*Tree for places, plain tables for filters and facets.

It lives in its own files under the instance folder (`search/`), needs no server, and is the default. A full
rebuild writes a new file and then points `search/current` at it, so searches keep answering from the old
file until the new one is complete. Text is matched with accents and case ignored, word prefixes, French and
English synonyms, and one typo tolerated in words of five letters or more; BM25 ranks names above
descriptions.

The modules, from the public face down:

- `engine`: `EmbeddedEngine`, the `SearchEngine` the rest of Carrefour holds;
- `paths`: the three ways a search is answered (arrays alone, arrays then SQLite, SQLite alone);
- `text_match`: what a person typed as an FTS5 expression (prefixes, synonyms, typos);
- `filters`: a query's conditions as SQL; `geo`: boxes, cells and the radius; `ranking`: orders and scores;
- `results`: rows to hits and facets; `thread_cache`: what each thread keeps between searches;
- `connection`: the index files and each thread's connection; `doc_rows`: documents as rows;
- `store`: the file's layout; `writer`: a rebuild's writer, in a process of its own when large;
- `places`: every document's place and facet values in arrays; `tie_relevance`: places at one address.

The names are loaded on first use, not when the package is imported: a large rebuild's writer process
(`python -m indexer.engines.embedded.writer`) imports this package for the file's layout alone, and must
start in a blink, without numpy, rapidfuzz or the domain models the engine brings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from indexer.engines.embedded.engine import EmbeddedEngine
    from indexer.engines.embedded.ranking import WEIGHTS


def __getattr__(name: str) -> Any:
    if name == "EmbeddedEngine":
        from indexer.engines.embedded.engine import EmbeddedEngine

        return EmbeddedEngine
    if name == "WEIGHTS":
        from indexer.engines.embedded.ranking import WEIGHTS

        return WEIGHTS
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["WEIGHTS", "EmbeddedEngine"]
