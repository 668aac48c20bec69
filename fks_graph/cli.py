"""The ``fks-graph`` command line: a thin layer over the library, with documented exit codes."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.text import Text

from fks_graph.core.errors import (
    EXIT_BAD_INPUT,
    EXIT_NONCONFORMING,
    EXIT_OK,
    FksError,
    Problem,
    UsageError,
    environment_message,
)
from fks_graph.core.terminal import printable
from fks_graph.core.version import version
from fks_graph.graph.iris import DEFAULT_BASE, check_base

__all__ = ["app", "main"]

app = typer.Typer(
    name="fks-graph",
    help=(
        "Knowledge graph of the German regional networks for securing skilled workers.\n\n"
        "Exit codes: 0 ok, 1 the data does not conform to the shapes, 2 bad input or usage, "
        "or a file or folder that cannot be read or written."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

_MAX_WARNINGS = 20


class _Settings:
    quiet = False


class _Terminal(Console):
    """A console that shows text from data as it is: control characters escaped (see
    :func:`fks_graph.core.terminal.printable`), no markup, no emoji codes, no highlighting."""

    def print(self, *objects: object, **options: object) -> None:  # type: ignore[override]
        options["markup"] = False
        super().print(*(printable(o) if isinstance(o, str) else o for o in objects), **options)


def _stderr() -> Console:
    return _Terminal(stderr=True, highlight=False, soft_wrap=True, emoji=False, markup=False)


@contextlib.contextmanager
def _step(label: str) -> Iterator[None]:
    """A spinner on the terminal while a step runs; nothing when quiet or not a terminal."""
    console = _stderr()
    if _Settings.quiet or not console.is_terminal:
        yield
        return
    with console.status(Text(printable(label))):
        yield


def _warn(problems: list[Problem]) -> None:
    if _Settings.quiet:
        return
    console = _stderr()
    for problem in problems[:_MAX_WARNINGS]:
        console.print(f"warning: {problem}", markup=False)
    if len(problems) > _MAX_WARNINGS:
        console.print(f"warning: … and {len(problems) - _MAX_WARNINGS} more warnings", markup=False)


@contextlib.contextmanager
def _reporting() -> Iterator[None]:
    """Turn fks-graph errors into a clear message on stderr and their exit code."""
    try:
        yield
    except FksError as exc:
        console = _stderr()
        problems = getattr(exc, "problems", None)
        if problems and len(problems) == 1:
            console.print(f"error: {problems[0]}", markup=False)
        elif problems:
            console.print(f"error: {len(problems)} problem(s) in the input:", markup=False)
            for problem in problems:
                console.print(f"  {problem}", markup=False)
        else:
            console.print(f"error: {exc}", markup=False)
        raise typer.Exit(exc.exit_code) from None
    except OSError as exc:  # the environment: permissions, a full disk, a folder for a file
        _stderr().print(f"error: {environment_message(exc)}", markup=False)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    except KeyboardInterrupt:
        _stderr().print("interrupted", markup=False)
        raise typer.Exit(130) from None


DataArg = Annotated[
    str,
    typer.Argument(
        help="A dataset (folder of CSV files or .xlsx workbook), a graph file (.ttl, .nt, ...) "
        "or a store (a store folder or a SPARQL endpoint's http(s) URL; #slug picks one dataset).",
        show_default=False,
    ),
]
StoreOpt = Annotated[
    str | None,
    typer.Option(
        "--store",
        help="Also put the graph into a store, as its own named graph (replaced atomically): "
        "a folder (embedded Oxigraph, created if new) or a SPARQL endpoint's http(s) URL.",
        show_default=False,
    ),
]
BaseOpt = Annotated[str, typer.Option("--base", help="Base IRI of instance data.")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress and no warnings.")]


class _ReportFormat(str, Enum):
    text = "text"
    json = "json"


class _Lang(str, Enum):
    en = "en"
    de = "de"


class _Engine(str, Enum):
    sparql = "sparql"
    pyshacl = "pyshacl"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"fks-graph {version()}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _options(
    quiet: QuietOpt = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    _Settings.quiet = quiet


@app.command()
def run(
    data: Annotated[
        Path,
        typer.Argument(
            help="The dataset: a folder of CSV files or an .xlsx workbook.", show_default=False
        ),
    ],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The folder to write into.", show_default=False)
    ],
    lang: Annotated[
        _Lang, typer.Option("--lang", help="Language of the validation report.")
    ] = _Lang.en,
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

    _Settings.quiet |= quiet
    with _reporting():
        check_base(base)
        console = _stderr()
        show = not _Settings.quiet and console.is_terminal
        with console.status("starting") if show else contextlib.nullcontext() as status:
            result = run_pipeline(
                data,
                output,
                base=base,
                lang=lang.value,
                store=store,
                step=(lambda name: status.update(name)) if show else None,
            )
        _warn(list(result.warnings))
        if not _Settings.quiet:
            verdict = (
                "conforms to the shapes" if result.conforms else "does NOT conform to the shapes"
            )
            console.print(
                f"wrote {output}/: {result.triples:,} triples, {result.networks:,} networks, "
                f"{result.actors:,} actors, {result.memberships:,} memberships; the graph {verdict}"
                + ("" if result.conforms else f" (see {output}/validation.txt)"),
                markup=False,
            )
    raise typer.Exit(EXIT_OK if result.conforms else EXIT_NONCONFORMING)


@app.command()
def build(
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
    from fks_graph.input.read import read_dataset
    from fks_graph.source import open_graph
    from fks_graph.store.target import is_store, save_graph

    _Settings.quiet |= quiet
    with _reporting():
        check_base(base)
        if output is None and store is None:
            raise UsageError("say where the graph goes: --output FILE, --store TARGET or both")
        counts = ""
        if is_store(data) or (Path(data).is_file() and is_graph_file(data)):
            with _step(f"reading {data}"):
                graph = open_graph(data, base=base)
        else:
            with _step(f"reading {data}"):
                dataset = read_dataset(data)
            _warn(list(dataset.warnings))
            with _step("building the graph"):
                graph = build_graph(dataset, base=base)
            counts = (
                f", {len(dataset.networks):,} networks, {len(dataset.actors):,} actors, "
                f"{len(dataset.memberships):,} memberships"
            )
        places = []
        if output is not None:
            with _step(f"writing {output}"):
                write_graph(graph, output, format=format)
            places.append(str(output))
        if store is not None:
            with _step(f"putting the graph into {store}"):
                name = save_graph(graph, store)
            places.append(f"{store} (graph <{name}>)")
        if not _Settings.quiet:
            triples = triple_count(graph)
            _stderr().print(
                f"wrote {' and '.join(places)}: {triples:,} triples{counts}", markup=False
            )


@app.command()
def validate(
    data: DataArg,
    format: Annotated[
        _ReportFormat, typer.Option("--format", "-f", help="Report as text or JSON.")
    ] = _ReportFormat.text,
    lang: Annotated[_Lang, typer.Option("--lang", help="Language of the report.")] = _Lang.en,
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
    from fks_graph.source import open_graph
    from fks_graph.validate.report import validate_graph

    _Settings.quiet |= quiet
    with _reporting():
        check_base(base)
        warnings: list[Problem] = []
        with _step(f"reading {data}"):
            graph = open_graph(data, base=base, warn=warnings.append)
        _warn(warnings)
        with _step("validating"):
            report = validate_graph(graph, lang=lang.value, engine=engine.value)
        if format is _ReportFormat.json:
            typer.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        else:
            typer.echo("\n".join(printable(line) for line in report.text().split("\n")))
        raise typer.Exit(EXIT_OK if report.conforms else EXIT_NONCONFORMING)


@app.command()
def generate(
    output: Annotated[
        Path, typer.Argument(help="The folder to write the dataset to.", show_default=False)
    ],
    networks: Annotated[
        int, typer.Option("--networks", "-n", min=1, help="Number of networks.")
    ] = 600,
    seed: Annotated[int, typer.Option("--seed", help="Random seed (same seed, same files).")] = 1,
    quiet: QuietOpt = False,
) -> None:
    """Generate a synthetic national ecosystem (invented names) in the input format.

    Example: fks-graph generate --networks 600 --seed 1 out/national-600
    """
    from fks_graph.synthetic.generate import generate_dataset

    _Settings.quiet |= quiet
    with _reporting(), _step(f"generating {networks} networks"):
        summary = generate_dataset(output, networks=networks, seed=seed)
    if not _Settings.quiet:
        _stderr().print(
            f"wrote {output}: {summary.networks:,} networks, {summary.actors:,} actors, "
            f"{summary.memberships:,} memberships",
            markup=False,
        )


@app.command()
def analyse(
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

    Writes CSV tables and report.html (with plots) into the output folder; --graph-out
    writes the graph with the results as fks:Measurement nodes (format by extension).

    Example: fks-graph analyse data/netzwerke-fachkraeftesicherung -o out/analysis --graph-out out/analysed.ttl
    """
    from fks_graph.analysis.run import analyse as run_analysis
    from fks_graph.graph.files import format_for, write_graph
    from fks_graph.source import open_graph

    _Settings.quiet |= quiet
    with _reporting():
        check_base(base)
        if graph_out is not None:
            format_for(graph_out)  # a bad extension fails before the work, not after
        warnings: list[Problem] = []
        with _step(f"reading {data}"):
            graph = open_graph(data, base=base, warn=warnings.append)
        _warn(warnings)
        console = _stderr()
        show = not _Settings.quiet and console.is_terminal
        with console.status("analysing") if show else contextlib.nullcontext() as status:
            result = run_analysis(
                graph, output, seed=seed, step=(lambda name: status.update(name)) if show else None
            )
        if graph_out is not None:
            with _step(f"writing {graph_out}"):
                write_graph(graph, graph_out)
        if not _Settings.quiet:
            eco = result.ecosystem
            console.print(
                f"wrote {output}/: report.html and {len(result.tables)} tables; "
                f"{len(eco.networks):,} networks, {len(eco.actors):,} actors, "
                f"{len(result.brokers):,} brokers; {result.triples:,} triples of results"
                + (f" (graph: {graph_out})" if graph_out is not None else ""),
                markup=False,
            )


class _QueryFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"
    tsv = "tsv"


class _CrossFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


@app.command()
def queries() -> None:
    """List the named SPARQL queries shipped with fks-graph, with their parameters.

    Example: fks-graph queries
    """
    from fks_graph.sparql.query import list_queries

    for named in list_queries():
        typer.echo(f"{named.name} — {named.title}")
        for p in named.params:
            need = (
                f"= {p.default}"
                if p.default is not None
                else "optional"
                if p.optional
                else "required"
            )
            typer.echo(f"    --param {p.name:<14} {p.type:<16} {need:<10} {p.help}")
        if named.example:
            typer.echo(f"    e.g. {named.example}")


@app.command()
def query(
    data: DataArg,
    name: Annotated[
        str,
        typer.Argument(
            help="A query name (see 'fks-graph queries'), a .rq file or SPARQL text.",
            show_default=False,
        ),
    ],
    param: Annotated[
        list[str] | None,
        typer.Option("--param", "-p", help="A parameter as NAME=VALUE (repeatable)."),
    ] = None,
    format: Annotated[
        _QueryFormat, typer.Option("--format", "-f", help="table, csv, json or tsv.")
    ] = _QueryFormat.table,
    raw: Annotated[
        bool,
        typer.Option(
            "--raw",
            help="csv/tsv: values exactly as they are, for programs (by default text a "
            "spreadsheet would run as a formula starts with an apostrophe).",
        ),
    ] = False,
    base: BaseOpt = DEFAULT_BASE,
    quiet: QuietOpt = False,
) -> None:
    """Run a named SPARQL query, a .rq file or SPARQL text; parameters are bound safely.

    Example: fks-graph query data/netzwerke-fachkraeftesicherung cross-network-actors --param min_networks=3
    """
    from fks_graph.source import open_graph
    from fks_graph.sparql.query import (
        bind_params,
        format_result,
        load_query,
        parse_params,
        run_query,
    )

    _Settings.quiet |= quiet
    with _reporting():
        check_base(base)
        named = load_query(name)
        params = parse_params(param)
        bind_params(named, params)  # bad parameters fail before the graph is read
        warnings: list[Problem] = []
        with _step(f"reading {data}"):
            graph = open_graph(data, base=base, warn=warnings.append)
        _warn(warnings)
        with _step("querying"):
            result = run_query(graph, named, params)
        text = format_result(result, format.value, raw=raw)
        typer.echo(text, nl=format in (_QueryFormat.table, _QueryFormat.json))


@app.command("cross-actors")
def cross_actors_command(
    data: DataArg,
    min_networks: Annotated[
        int, typer.Option("--min-networks", min=1, help="Minimum number of networks.")
    ] = 2,
    actor_type: Annotated[
        str | None,
        typer.Option("--type", help="Only actors of this type: code or label (Jobcenter)."),
    ] = None,
    state: Annotated[
        str | None,
        typer.Option("--state", help="Only networks in this Land: DE-XX or its name."),
    ] = None,
    at: Annotated[
        str | None,
        typer.Option("--at", help="Only memberships active on this day (YYYY-MM-DD)."),
    ] = None,
    certain_only: Annotated[
        bool,
        typer.Option("--certain-only", help="Leave out memberships the sources mark as uncertain."),
    ] = False,
    format: Annotated[
        _CrossFormat, typer.Option("--format", "-f", help="table, csv or json.")
    ] = _CrossFormat.table,
    base: BaseOpt = DEFAULT_BASE,
    quiet: QuietOpt = False,
) -> None:
    """Actors that are members of several networks (the brokers), with their networks.

    Example: fks-graph cross-actors out/national-600 --min-networks 3 --state DE-NW --format csv
    """
    from fks_graph.analysis.cross_actors import cross_actor_params, cross_actors, to_csv
    from fks_graph.source import open_graph
    from fks_graph.sparql.query import format_table

    _Settings.quiet |= quiet
    with _reporting():
        check_base(base)
        options = {
            "min_networks": min_networks,
            "actor_type": actor_type,
            "state": state,
            "at": at,
            "certain_only": certain_only,
        }
        cross_actor_params(**options)
        warnings: list[Problem] = []
        with _step(f"reading {data}"):
            graph = open_graph(data, base=base, warn=warnings.append)
        _warn(warnings)
        with _step("finding cross-network actors"):
            actors = cross_actors(graph, **options)
        if format is _CrossFormat.json:
            typer.echo(json.dumps([a.as_dict() for a in actors], ensure_ascii=False, indent=2))
        elif format is _CrossFormat.csv:
            typer.echo(to_csv(actors), nl=False)
        else:
            columns = ["label", "type", "network_count", "network_ids", "city", "states"]
            rows = ([a.as_row()[c] for c in columns] for a in actors)
            typer.echo(format_table(columns, rows))


class _Lang(str, Enum):
    de = "de"
    en = "en"


@app.command()
def viz(
    data: DataArg,
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The HTML page to write.", metavar="PAGE.html")
    ],
    view: Annotated[
        str,
        typer.Option(
            "--view",
            help="overview, cross-actors, map (networks on a map of Germany), network:ID, "
            "actor:ID or state:DE-XX.",
        ),
    ] = "overview",
    lang: Annotated[_Lang, typer.Option("--lang", help="Language of the page.")] = _Lang.de,
    base: BaseOpt = DEFAULT_BASE,
    quiet: QuietOpt = False,
) -> None:
    """Write an interactive graph page (one HTML file that works offline).

    Example: fks-graph viz out/graph.ttl -o netzwerk.html --view network:N0001
    """
    from fks_graph.source import open_graph
    from fks_graph.viz.page import write_page
    from fks_graph.viz.views import parse_view

    _Settings.quiet |= quiet
    with _reporting():
        check_base(base)
        spec = parse_view(view)
        warnings: list[Problem] = []
        with _step(f"reading {data}"):
            graph = open_graph(data, base=base, warn=warnings.append)
        _warn(warnings)
        with _step(f"drawing {spec.text}"):
            page = write_page(graph, output, spec, lang=lang.value)
        if not _Settings.quiet:
            _stderr().print(f"wrote {page}", markup=False)


@app.command("export")
def export_command(
    data: DataArg,
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="The file to write; its extension names the format: .graphml, .gexf, .csv "
            "(writes NAME.nodes.csv and NAME.edges.csv), .xlsx or .jsonld.",
            show_default=False,
        ),
    ],
    view: Annotated[
        str, typer.Option("--view", help="bipartite (actors and networks), actors or networks.")
    ] = "bipartite",
    embed_context: Annotated[
        bool,
        typer.Option(
            "--embed-context/--link-context",
            help="JSON-LD: the @context in the file (self-contained), or a reference to "
            "context.jsonld written beside it.",
        ),
    ] = True,
    base: BaseOpt = DEFAULT_BASE,
    quiet: QuietOpt = False,
) -> None:
    """Export the graph for Gephi, networkx, spreadsheets or JSON-LD (measures go along).

    Example: fks-graph export out/graph.ttl -o out/ecosystem.gexf --view bipartite
    """
    from fks_graph.export import export, export_writer
    from fks_graph.source import open_graph

    _Settings.quiet |= quiet
    with _reporting():
        check_base(base)
        export_writer(output, view)  # a bad name or view fails before the work
        warnings: list[Problem] = []
        with _step(f"reading {data}"):
            graph = open_graph(data, base=base, warn=warnings.append)
        _warn(warnings)
        with _step(f"writing {output}"):
            written = export(graph, output, view, embed_context=embed_context)
        if not _Settings.quiet:
            _stderr().print(f"wrote {', '.join(map(str, written))}", markup=False)


@app.command()
def docs(
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="The folder to write into.", show_default=False),
    ],
    quiet: QuietOpt = False,
) -> None:
    """Write the ontology documentation: index.html with the Turtle files and JSON-LD context.

    Example: fks-graph docs -o out/ontology
    """
    from fks_graph.export.docs import write_docs

    _Settings.quiet |= quiet
    with _reporting(), _step("writing the documentation"):
        written = write_docs(output)
    if not _Settings.quiet:
        _stderr().print(f"wrote {written[0]}", markup=False)


class _ReviewFormat(str, Enum):
    table = "table"
    csv = "csv"


@app.command()
def resolve(
    data: Annotated[
        Path,
        typer.Argument(
            help="The dataset: a folder of CSV files or an .xlsx workbook.", show_default=False
        ),
    ],
    min_score: Annotated[
        float, typer.Option("--min-score", min=0, max=100, help="Least similarity listed.")
    ] = 80.0,
    format: Annotated[
        _ReviewFormat, typer.Option("--format", "-f", help="table or csv (rows of aliases.csv).")
    ] = _ReviewFormat.table,
    registry: Annotated[
        bool,
        typer.Option(
            "--registry",
            help="Instead: the chambers, Jobcenter and Kreise not linked to an official "
            "registry entry, with candidates.",
        ),
    ] = False,
    quiet: QuietOpt = False,
) -> None:
    """Near matches of actor names for review: actors whose names are alike but not merged.

    Lists typos and unusual variants with a score (0-100) and the networks of both actors;
    confirmed rows of the csv output, saved as aliases.csv in the dataset, merge them.
    With --registry: the actors that should have an official code (chambers, Jobcenter,
    Kreise) but match no registry entry, or several, with the nearest entries and scores.

    Example: fks-graph resolve data/netzwerke --min-score 85 --format csv > review.csv
    """
    from fks_graph.input.read import read_dataset
    from fks_graph.input.resolve import REVIEW_COLUMNS, near_matches, to_csv
    from fks_graph.sparql.query import format_table

    _Settings.quiet |= quiet
    with _reporting():
        with _step(f"reading {data}"):
            dataset = read_dataset(data)
        _warn(list(dataset.warnings))
        if registry:
            from fks_graph.input.registry import REVIEW_COLUMNS as COLUMNS
            from fks_graph.input.registry import registry_review, review_csv

            review = registry_review(dataset)
            if format is _ReviewFormat.csv:
                typer.echo(review_csv(review), nl=False)
            else:
                rows = (list(r.values()) for u in review for r in u.rows())
                typer.echo(format_table(COLUMNS, rows))
            return
        with _step("finding near matches"):
            matches = near_matches(dataset, min_score=min_score)
        if format is _ReviewFormat.csv:
            typer.echo(to_csv(matches), nl=False)
        else:
            rows = (list(match.as_row().values()) for match in matches)
            typer.echo(format_table(REVIEW_COLUMNS, rows))


@app.command()
def serve(
    data: DataArg,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="Port.")] = 7878,
    timeout: Annotated[
        float, typer.Option("--timeout", min=0.01, help="Seconds a query may run.")
    ] = 30.0,
    max_bytes: Annotated[
        int, typer.Option("--max-bytes", min=1, help="Largest answer sent, in bytes.")
    ] = 50_000_000,
    allow_update: Annotated[
        bool, typer.Option("--allow-update", help="Accept SPARQL updates that carry the token.")
    ] = False,
    token: Annotated[
        str | None,
        typer.Option("--token", envvar="FKS_SERVE_TOKEN", help="Bearer token for updates."),
    ] = None,
    max_memory: Annotated[
        int,
        typer.Option(
            "--max-memory", min=1, help="Megabytes a query may take beyond the loaded data."
        ),
    ] = 2000,
    cors: Annotated[
        str | None,
        typer.Option(
            "--cors", help="Origin (or *) whose web pages may read the answers.", show_default=False
        ),
    ] = None,
    allowed_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allowed-host",
            help="Host name accepted besides this machine's addresses (a reverse proxy's; * any).",
            show_default=False,
        ),
    ] = None,
    base: BaseOpt = DEFAULT_BASE,
    quiet: QuietOpt = False,
) -> None:
    """Serve the graph as a read-only SPARQL 1.1 endpoint, with a query page and graph pages.

    Queries run in worker processes that are stopped after --timeout seconds or --max-memory.
    Named graphs of .nq/.trig files and store folders stay named graphs (the default graph
    is the union of all graphs).

    Example: fks-graph serve out/graph.ttl --port 7878   (then open http://127.0.0.1:7878/)
    """
    import signal

    from fks_graph.serve.endpoint import dataset_store, make_server
    from fks_graph.serve.settings import Settings
    from fks_graph.source import open_graph
    from fks_graph.store.folder import is_store_folder, open_for_update

    _Settings.quiet |= quiet
    with _reporting():
        check_base(base)
        if allow_update and not token:
            raise UsageError("--allow-update needs a token (--token or FKS_SERVE_TOKEN)")
        warnings: list[Problem] = []
        with _step(f"reading {data}"):
            graph = open_graph(data, base=base, warn=warnings.append)
        _warn(warnings)
        settings = Settings(
            timeout, max_bytes, allow_update, token, max_memory=max_memory * 1_000_000,
            cors=cors, allowed_hosts=tuple(allowed_host or ()),
        )  # fmt: skip
        resources = contextlib.ExitStack()
        if allow_update and is_store_folder(data):  # updates go into the store and persist
            store = resources.enter_context(open_for_update(data))
        else:
            store = dataset_store(data)  # named graphs stay named graphs
        if allow_update and not is_store_folder(data):
            _stderr().print(
                "warning: updates change the graph in memory only; they are gone when serve stops",
                markup=False,
            )
        try:
            server = make_server(graph, host, port, settings, store=store)
        except OSError as exc:
            resources.close()
            raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
        resources.callback(server.server_close)
        where = f"http://{server.server_address[0]}:{server.server_address[1]}/"
        if host not in ("127.0.0.1", "localhost", "::1"):
            _stderr().print(f"warning: listening on {host}, not only this machine", markup=False)
        _stderr().print(f"serving {data} at {where} (Ctrl-C stops)", markup=False)

        def stop(signum: int, frame: object) -> None:
            raise KeyboardInterrupt

        for signum in (signal.SIGINT, signal.SIGTERM):  # also when started with SIGINT ignored
            signal.signal(signum, stop)
        with resources:
            try:
                server.serve_forever()
            except KeyboardInterrupt:
                _stderr().print("stopped", markup=False)


def main() -> None:
    """Run the command line (the ``fks-graph`` entry point)."""
    app()
