"""Writing HSDS tables into the directory, table by table, each in chunks so that a large file streams.

Every format comes through here. For each table, in the order the spec gives (referenced tables first),
rows are read and checked (`rows.py`, where values are normalized: phones, postal codes, addresses, links,
e-mails, hours and ages written as text), then matched and written (`writing.py`, where taxonomy terms of
other vocabularies are read as core terms by `terms.py`); the run report counts all of it. Nothing here
commits: the caller owns the transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import islice

from importers.dataset import SourceTable
from importers.hsds3.context import LOCALES, ImportContext, TableScope
from importers.hsds3.rows import RowReader
from importers.hsds3.spec import tables
from importers.hsds3.terms import unmapped_terms
from importers.hsds3.writing import RowWriter

__all__ = ["CHUNK", "LOCALES", "ImportContext", "TableLoader", "load_tables", "unmapped_terms"]

CHUNK = 1000


class TableLoader:
    """One source table read and written, chunk by chunk."""

    def __init__(self, ctx: ImportContext, source: SourceTable) -> None:
        self.ctx = ctx
        self.source = source
        scope = TableScope.of(ctx, source.spec)
        self.reader = RowReader(scope, source)
        self.writer = RowWriter(scope)

    def run(self) -> None:
        # Counting the rows first costs a read of the file: worth it only for someone watching a bar.
        total = sum(1 for _ in self.source.rows()) if self.ctx.progress.watched else None
        task = self.ctx.progress.task(self.source.file, total)
        rows = self.source.rows()
        while chunk := list(islice(rows, CHUNK)):
            parsed = [p for p in (self.reader.parse(raw) for raw in chunk) if p is not None]
            self.writer.write([row for p in parsed for row in (p, *p.extras)])
            task.advance(len(chunk))
        self.writer.apply_deferred()
        task.done()


def load_tables(ctx: ImportContext, sources: Iterable[SourceTable]) -> None:
    by_resource = {s.spec.resource: s for s in sources}
    for resource in tables():
        if resource in by_resource:
            TableLoader(ctx, by_resource[resource]).run()
    if "taxonomy_term" in by_resource:
        ctx.report.unmapped_terms = unmapped_terms(ctx.session, ctx.source, ctx.lang)
