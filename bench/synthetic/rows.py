"""Rows of a synthetic datapackage being made: every row starts with all its columns empty and its uuid5,
is kept until `flush` hands the finished ones to the writer, and is filled through the same few helpers by
the demo and the benchmark (text in both languages, attributes to the core taxonomy, phones, taxonomy)."""

from __future__ import annotations

import csv
from pathlib import Path

from app.data import TAXONOMY_CSV
from bench.synthetic.models import T
from bench.synthetic.package import Headers, PackageWriter, full_headers, load_official, make_id
from bench.synthetic.text import Row, fill, phone_text, put
from bench.synthetic.words import words


class Rows:
    def __init__(self, prefix: str, headers: Headers | None = None) -> None:
        self.prefix = prefix  # the ids' namespace: one per package
        self.official = load_official()
        self.headers = headers or full_headers()  # the columns a new row starts with, all empty
        self.stems = {name: Path(self.official[name]["path"]).stem for name in self.headers}
        self.tables: dict[str, list[Row]] = {name: [] for name in self.headers}
        self.terms: dict[tuple[str, str], str] = {}  # (taxonomy, code) -> term id

    def new(self, resource: str, key: str) -> Row:
        row = dict.fromkeys(self.headers[resource], "")
        row["id"] = make_id(self.prefix, self.stems[resource], key)
        self.tables[resource].append(row)
        return row

    def flush(self, writer: PackageWriter) -> None:
        """Hand every row made so far to the writer, and forget them."""
        for name, rows in self.tables.items():
            writer.write(name, rows)
            rows.clear()

    def attribute(self, entity: str, link_id: str, taxonomy: str, code: str) -> None:
        row = self.new("attribute", f"{entity}/{link_id}/{taxonomy}/{code}")
        row.update(link_id=link_id, taxonomy_term_id=self.terms[(taxonomy, code)], link_entity=entity)

    def phone(
        self, key: str, digits: str, lang: str, description: T, style: int, kind: str = "voice", **links: str
    ) -> Row:
        row = self.new("phone", key)
        row.update(links)
        row["number"] = phone_text(digits, style)
        row["type"] = kind
        put(row, "description", description, lang)
        return row

    def taxonomy(self) -> None:
        """The core taxonomy (app/data/taxonomy.csv): its four taxonomies and every term, described."""
        with TAXONOMY_CSV.open(encoding="utf-8", newline="") as handle:
            core = list(csv.DictReader(handle))
        sentences = words().sentences
        taxonomy_ids: dict[str, str] = {}
        for name, description in sentences.taxonomies.items():
            row = self.new("taxonomy", name)
            row["name"] = name  # the taxonomy word itself, the same in both languages
            put(row, "description", description, "both")
            row["version"] = "1.0"
            taxonomy_ids[name] = row["id"]
        labels = {(t["taxonomy"], t["code"]): (t["label_fr"], t["label_en"]) for t in core}
        templates = sentences.terms
        for term in core:
            taxonomy, code, parent = term["taxonomy"], term["code"], term["parent"]
            label: T = (term["label_fr"], term["label_en"])
            if taxonomy == "needs" and parent:
                description = fill(templates.child, label=label, family=labels[("needs", parent)])
            elif taxonomy == "needs":
                description = fill(templates.family, label=label)
            elif taxonomy == "eligibility":
                description = fill(templates.eligibility, label=label)
            elif taxonomy == "documents":
                description = fill(templates.documents, label=label)
            else:
                description = fill(templates.other, label=label)
            row = self.new("taxonomy_term", f"{taxonomy}/{code}")
            row.update(code=code, taxonomy=taxonomy, language="fr", taxonomy_id=taxonomy_ids[taxonomy])
            put(row, "name", label, "both")
            put(row, "description", description, "both")
            self.terms[(taxonomy, code)] = row["id"]
        by_id = {row["id"]: row for row in self.tables["taxonomy_term"]}
        for term in core:  # parents exist now
            if term["parent"]:
                by_id[self.terms[("needs", term["code"])]]["parent_id"] = self.terms[
                    ("needs", term["parent"])
                ]
