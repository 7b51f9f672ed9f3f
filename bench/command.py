"""`carrefour bench`: a plugin command (entry point `flask.commands`), since the benchmark drives the
whole application from above: it builds fresh instances, imports, indexes, searches, matches and serves."""

from __future__ import annotations

from pathlib import Path

import click


@click.command("bench")
@click.option(
    "--size", type=click.IntRange(min=1), default=10_000, show_default=True, help="Services to generate."
)
@click.option(
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    help="Where to write the JSON report.",
)
@click.option("--quick", is_flag=True, help="Fewer queries and profiles, a 3-second HTTP run (for tests).")
@click.option(
    "--seed", type=int, default=42, show_default=True, help="Seed of the data and of the questions."
)
@click.option(
    "--workdir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Keep the instance, database and generated package here (default: a temporary folder, removed).",
)
@click.option(
    "--engine",
    type=click.Choice(["embedded", "postgres"]),
    default="embedded",
    show_default=True,
    help="embedded: a fresh SQLite database and its index file; postgres: a fresh schema of --database-url.",
)
@click.option(
    "--database-url",
    envvar="CARREFOUR_BENCH_DATABASE_URL",
    default=None,
    help="The PostgreSQL database for --engine postgres (a schema of its own is made, then dropped).",
)
def bench_command(
    size: int,
    out: Path,
    quick: bool,
    seed: int,
    workdir: Path | None,
    engine: str,
    database_url: str | None,
) -> None:
    """Measure import, indexing, search, matching and the public pages on a generated directory, in a fresh
    instance of its own (developer tool: its output is in English)."""
    from bench.run import run_benchmark, summary

    if engine == "postgres" and not database_url:
        raise click.BadParameter("--engine postgres needs a PostgreSQL database", param_hint="--database-url")
    report = run_benchmark(
        size,
        out,
        quick=quick,
        seed=seed,
        workdir=workdir,
        echo=click.echo,
        engine=engine,
        database_url=database_url,
    )
    click.echo(summary(report))
    click.echo(f"Report written to {out}")
