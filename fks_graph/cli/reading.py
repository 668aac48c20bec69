"""Commands that read a graph or a dataset: queries, cross-network actors, pages, exports, review."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from fks_graph.cli.options import DEFAULT_BASE, BaseOpt, DataArg, DatasetArg, Lang, QuietOpt, app
from fks_graph.cli.session import Session, session
from fks_graph.core.deadline import within
from fks_graph.core.errors import UsageError

#: Seconds a query of ``fks-graph query`` may run by default (a cross-network query of
#: 20,000 networks takes seconds; a runaway cross product never ends).
QUERY_TIMEOUT = 300.0

__all__ = ["cross_actors", "docs", "export", "queries", "query", "resolve", "viz"]


class _QueryFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"
    tsv = "tsv"


class _CrossFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


class _ReviewFormat(str, Enum):
    table = "table"
    csv = "csv"


@app.command()
def queries(ctx: typer.Context) -> None:
    """List the named SPARQL queries shipped with fks-graph, with their parameters.

    Example: fks-graph queries
    """
    from fks_graph.sparql.library import list_queries

    lines = []
    for named in list_queries():
        lines.append(f"{named.name} — {named.title}")
        for p in named.params:
            need = (
                f"= {p.default}"
                if p.default is not None
                else "optional"
                if p.optional
                else "required"
            )
            lines.append(f"    --param {p.name:<14} {p.type:<16} {need:<10} {p.help}")
        if named.example:
            lines.append(f"    e.g. {named.example}")
    with session(ctx) as s:  # a full disk, a closed pipe: one line and an exit code
        s.data("\n".join(lines))


@app.command()
def query(
    ctx: typer.Context,
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
    timeout: Annotated[
        float,
        typer.Option(
            "--timeout",
            min=0,
            help="Seconds the query may run (0: no limit); Ctrl-C stops it at any time.",
        ),
    ] = QUERY_TIMEOUT,
    base: BaseOpt = DEFAULT_BASE,
    quiet: QuietOpt = False,
) -> None:
    """Run a named SPARQL query, a .rq file or SPARQL text; parameters are bound safely.

    Example: fks-graph query data/netzwerke-fachkraeftesicherung cross-network-actors --param min_networks=3
    """
    from fks_graph.sparql.formats import format_result
    from fks_graph.sparql.library import load_query
    from fks_graph.sparql.params import bind_params, parse_params
    from fks_graph.sparql.run import run_query

    with session(ctx, quiet) as s:
        # the check parses the text in Python: some long queries take a minute
        named = within(timeout, lambda: load_query(name), "checking the query (see --timeout)")
        params = parse_params(param)
        bind_params(named, params)  # bad parameters fail before the graph is read
        graph = s.open(data, base=base)
        with s.step("querying"):
            result = within(
                timeout, lambda: run_query(graph, named, params), "the query (see --timeout)"
            )
        text = format_result(result, format.value, raw=raw)
        s.data(text, nl=format in (_QueryFormat.table, _QueryFormat.json))


@app.command("cross-actors")
def cross_actors(
    ctx: typer.Context,
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
        typer.Option(
            "--at", help="Only memberships active on this day (YYYY-MM-DD or DD.MM.YYYY)."
        ),
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
    from fks_graph.analysis.cross_actors import cross_actor_params, to_csv
    from fks_graph.analysis.cross_actors import cross_actors as find
    from fks_graph.sparql.formats import format_table

    with session(ctx, quiet) as s:
        options = {
            "min_networks": min_networks,
            "actor_type": actor_type,
            "state": state,
            "at": at,
            "certain_only": certain_only,
        }
        cross_actor_params(**options)  # bad options fail before the graph is read
        graph = s.open(data, base=base)
        with s.step("finding cross-network actors"):
            actors = find(graph, **options)
        if format is _CrossFormat.json:
            s.data(json.dumps([a.as_dict() for a in actors], ensure_ascii=False, indent=2))
        elif format is _CrossFormat.csv:
            s.data(to_csv(actors), nl=False)
        else:
            columns = ["label", "type", "network_count", "network_ids", "city", "states"]
            rows = ([a.as_row()[c] for c in columns] for a in actors)
            typer.echo(format_table(columns, rows))


@app.command()
def viz(
    ctx: typer.Context,
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
    lang: Annotated[Lang, typer.Option("--lang", help="Language of the page.")] = Lang.de,
    base: BaseOpt = DEFAULT_BASE,
    quiet: QuietOpt = False,
) -> None:
    """Write an interactive graph page (one HTML file that works offline).

    Example: fks-graph viz out/graph.ttl -o netzwerk.html --view network:N0001
    """
    from fks_graph.viz.page import write_page
    from fks_graph.viz.views import parse_view

    with session(ctx, quiet) as s:
        spec = parse_view(view)  # a bad view fails before the graph is read
        if output.suffix.lower() not in (".html", ".htm"):  # `-o graph.ttl` would replace it
            raise UsageError(f"{output}: the page is HTML; name a file ending in .html")
        graph = s.open(data, base=base)
        with s.step(f"drawing {spec.text}"):
            page = write_page(graph, output, spec, lang=lang.value)
        s.say(f"wrote {page}")


def _projection(projection: str | None, view: str | None, s: Session) -> str:
    """The export's projection, from ``--projection`` or the deprecated ``--view``."""
    if view is None:
        return projection or "bipartite"
    if projection is not None and projection != view:
        raise UsageError("give --projection only (--view is its old, deprecated name)")
    s.tell("warning: --view is deprecated for export, use --projection")
    return view


@app.command("export")
def export(
    ctx: typer.Context,
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
    projection: Annotated[
        str | None,
        typer.Option(
            "--projection",
            help="bipartite (actors and networks; the default), actors (actors linked by "
            "shared networks) or networks (networks linked by shared actors).",
            show_default=False,
        ),
    ] = None,
    view: Annotated[
        str | None, typer.Option("--view", hidden=True, help="Deprecated: --projection.")
    ] = None,
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

    Example: fks-graph export out/graph.ttl -o out/ecosystem.gexf --projection bipartite
    """
    from fks_graph.export import export as write_export
    from fks_graph.export import export_writer

    with session(ctx, quiet) as s:
        chosen = _projection(projection, view, s)
        export_writer(output, chosen)  # a bad name or projection fails before the work
        if Path(data).is_file() and output.resolve() == Path(data).resolve():
            raise UsageError(f"{output} is the graph to export; name another output file")
        graph = s.open(data, base=base)
        with s.step(f"writing {output}"):
            written = write_export(graph, output, chosen, embed_context=embed_context)
        s.say(f"wrote {', '.join(map(str, written))}")


@app.command()
def docs(
    ctx: typer.Context,
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

    with session(ctx, quiet) as s:
        with s.step("writing the documentation"):
            written = write_docs(output)
        s.say(f"wrote {written[0]}")


@app.command()
def resolve(
    ctx: typer.Context,
    data: DatasetArg,
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
    from fks_graph.input.registry import REVIEW_COLUMNS as REGISTRY_COLUMNS
    from fks_graph.input.registry import registry_review, review_csv
    from fks_graph.input.resolve import REVIEW_COLUMNS, near_matches, to_csv
    from fks_graph.sparql.formats import format_table

    with session(ctx, quiet) as s:
        dataset = s.read(data)
        if registry:
            review = registry_review(dataset)
            if format is _ReviewFormat.csv:
                typer.echo(review_csv(review), nl=False)
            else:
                rows = (list(r.values()) for u in review for r in u.rows())
                typer.echo(format_table(REGISTRY_COLUMNS, rows))
            return
        with s.step("finding near matches"):
            matches = near_matches(dataset, min_score=min_score)
        if format is _ReviewFormat.csv:
            typer.echo(to_csv(matches), nl=False)
        else:
            rows = (list(match.as_row().values()) for match in matches)
            typer.echo(format_table(REVIEW_COLUMNS, rows))
