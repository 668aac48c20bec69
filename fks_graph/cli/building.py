"""Commands that make things: the main job, a graph, a validation report, an analysis, a dataset."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from fks_graph.cli.options import (
    DEFAULT_BASE,
    BaseOpt,
    DataArg,
    DatasetArg,
    Lang,
    QuietOpt,
    StoreOpt,
    app,
)
from fks_graph.cli.session import session
from fks_graph.core.errors import EXIT_NONCONFORMING, EXIT_OK, UsageError
from fks_graph.core.terminal import printable_lines
from fks_graph.graph.iris import check_base

__all__ = ["analyse", "build", "generate", "run", "validate"]


class _ReportFormat(str, Enum):
    text = "text"
    json = "json"


class _Engine(str, Enum):
    sparql = "sparql"
    pyshacl = "pyshacl"


@app.command()
def run(
    ctx: typer.Context,
    data: DatasetArg,
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The folder to write into.", show_default=False)
    ],
    lang: Annotated[Lang, typer.Option("--lang", help="Language of the validation report.")] = (
        Lang.en
    ),
    store: StoreOpt = None,
    base: BaseOpt = DEFAULT_BASE,
    quiet: QuietOpt = False,
) -> None:
    """The main job: build, validate and analyse; write graph, reports and tables into one folder.

    Writes graph.ttl and graph.nt (with the analysis results), validation.txt,
    validation.json, cross-actors.csv, warnings.txt and analysis/ (CSV tables, report.html); exits 1 when the
    graph does not conform to the shapes.

    Example: fks-graph run data/netzwerke-fachkraeftesicherung -o out
    """
    from fks_graph.pipeline import run as run_pipeline

    with session(ctx, quiet) as s:
        check_base(base)
        with s.progress("starting") as step:
            result = run_pipeline(data, output, base=base, lang=lang.value, store=store, step=step)
        s.warn(result.warnings)
        verdict = "conforms to the shapes" if result.conforms else "does NOT conform to the shapes"
        s.say(
            f"wrote {output}/: {result.triples:,} triples, {result.networks:,} networks, "
            f"{result.actors:,} actors, {result.memberships:,} memberships; the graph {verdict}"
            + ("" if result.conforms else f" (see {output}/validation.txt)")
        )
    raise typer.Exit(EXIT_OK if result.conforms else EXIT_NONCONFORMING)


@app.command()
def build(
    ctx: typer.Context,
    data: DataArg,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="The graph file to write.", show_default=False),
    ] = None,
    format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="turtle, nt, nquads, trig, jsonld or xml (default: from the extension).",
        ),
    ] = None,
    store: StoreOpt = None,
    base: BaseOpt = DEFAULT_BASE,
    quiet: QuietOpt = False,
) -> None:
    """Build the RDF graph of a dataset; write it to a file, put it into a store, or both.

    A graph file or a store is read and converted.

    Example: fks-graph build data/netzwerke-fachkraeftesicherung -o out/graph.ttl --store graphs/
    """
    from fks_graph.graph.build import build_graph
    from fks_graph.graph.files import is_graph_file, write_graph
    from fks_graph.graph.rdf import triple_count
    from fks_graph.store.target import is_store, save_graph

    with session(ctx, quiet) as s:
        check_base(base)
        if output is None and store is None:
            raise UsageError("say where the graph goes: --output FILE, --store TARGET or both")
        counts = ""
        if is_store(data) or (Path(data).is_file() and is_graph_file(data)):
            graph = s.open(data, base=base)
        else:
            dataset = s.read(data)
            with s.step("building the graph"):
                graph = build_graph(dataset, base=base)
            counts = (
                f", {len(dataset.networks):,} networks, {len(dataset.actors):,} actors, "
                f"{len(dataset.memberships):,} memberships"
            )
        places = []
        if output is not None:
            with s.step(f"writing {output}"):
                write_graph(graph, output, format=format)
            places.append(str(output))
        if store is not None:
            with s.step(f"putting the graph into {store}"):
                name = save_graph(graph, store)
            places.append(f"{store} (graph <{name}>)")
        s.say(f"wrote {' and '.join(places)}: {triple_count(graph):,} triples{counts}")


@app.command()
def validate(
    ctx: typer.Context,
    data: DataArg,
    format: Annotated[
        _ReportFormat, typer.Option("--format", "-f", help="Report as text or JSON.")
    ] = _ReportFormat.text,
    lang: Annotated[Lang, typer.Option("--lang", help="Language of the report.")] = Lang.en,
    engine: Annotated[
        _Engine,
        typer.Option(
            "--engine", help="sparql (fast, set-at-a-time) or pyshacl (the reference, slow)."
        ),
    ] = _Engine.sparql,
    base: BaseOpt = DEFAULT_BASE,
    quiet: QuietOpt = False,
) -> None:
    """Validate a dataset or graph against the SHACL shapes (exit 1 when it does not conform).

    Example: fks-graph validate out/graph.ttl --lang de
    """
    from fks_graph.validate.report import validate_graph

    with session(ctx, quiet) as s:
        graph = s.open(data, base=base)
        with s.step("validating"):
            report = validate_graph(graph, lang=lang.value, engine=engine.value)
        if format is _ReportFormat.json:
            s.data(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        else:
            typer.echo(printable_lines(report.text()))
    raise typer.Exit(EXIT_OK if report.conforms else EXIT_NONCONFORMING)


@app.command()
def generate(
    ctx: typer.Context,
    output: Annotated[
        Path, typer.Argument(help="The folder to write the dataset to.", show_default=False)
    ],
    networks: Annotated[int, typer.Option("--networks", "-n", help="Number of networks.")] = 600,
    seed: Annotated[int, typer.Option("--seed", help="Random seed (same seed, same files).")] = 1,
    quiet: QuietOpt = False,
) -> None:
    """Generate a synthetic national ecosystem (invented names) in the input format.

    Example: fks-graph generate --networks 600 --seed 1 out/national-600
    """
    from fks_graph.synthetic.generate import MAX_NETWORKS, generate_dataset

    with session(ctx, quiet) as s:
        if not 1 <= networks <= MAX_NETWORKS:  # before the work (and before a huge number's)
            raise UsageError(f"--networks: between 1 and {MAX_NETWORKS:,}, not {networks:,}")
        with s.step(f"generating {networks} networks"):
            summary = generate_dataset(output, networks=networks, seed=seed)
        s.say(
            f"wrote {output}: {summary.networks:,} networks, {summary.actors:,} actors, "
            f"{summary.memberships:,} memberships"
        )


@app.command()
def analyse(
    ctx: typer.Context,
    data: DataArg,
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", help="The folder for tables and report.", show_default=False
        ),
    ],
    seed: Annotated[int, typer.Option("--seed", help="Seed of the Leiden communities.")] = 1,
    graph_out: Annotated[
        Path | None,
        typer.Option("--graph-out", help="Also write the graph with the analysis results."),
    ] = None,
    base: BaseOpt = DEFAULT_BASE,
    quiet: QuietOpt = False,
) -> None:
    """Network analysis: degree, exact betweenness, communities, brokers, overlap, coverage.

    Writes CSV tables and report.html (with SVG charts) into the output folder; --graph-out
    writes the graph with the results as fks:Measurement nodes (format by extension).

    Example: fks-graph analyse data/netzwerke-fachkraeftesicherung -o out/analysis --graph-out out/analysed.ttl
    """
    from fks_graph.analysis.run import analyse as run_analysis
    from fks_graph.graph.files import format_for

    with session(ctx, quiet) as s:
        if graph_out is not None:
            format_for(graph_out)  # a bad extension fails before the work, not after
        graph = s.open(data, base=base)
        with s.progress("analysing") as step:
            result = run_analysis(graph, output, seed=seed, step=step, graph_out=graph_out)
        eco = result.ecosystem
        s.say(
            f"wrote {output}/: report.html and {len(result.tables)} tables; "
            f"{len(eco.networks):,} networks, {len(eco.actors):,} actors, "
            f"{len(result.brokers):,} brokers; {result.triples:,} triples of results"
            + (f" (graph: {graph_out})" if graph_out is not None else "")
        )
