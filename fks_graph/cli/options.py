"""The command line's application object and the options that mean the same in every command."""

from __future__ import annotations

import logging
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from fks_graph.core.errors import EXIT_OK
from fks_graph.core.version import version
from fks_graph.graph.iris import DEFAULT_BASE

__all__ = [
    "DEFAULT_BASE",
    "BaseOpt",
    "DataArg",
    "DatasetArg",
    "Lang",
    "QuietOpt",
    "StoreOpt",
    "app",
]

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


class Lang(str, Enum):
    """The languages of reports and pages."""

    en = "en"
    de = "de"


DataArg = Annotated[
    str,
    typer.Argument(
        help="A dataset (folder of CSV files or .xlsx workbook), a graph file (.ttl, .nt, ...) "
        "or a store (a store folder or a SPARQL endpoint's http(s) URL; #slug picks one dataset).",
        show_default=False,
    ),
]
DatasetArg = Annotated[
    Path,
    typer.Argument(
        help="The dataset: a folder of CSV files or an .xlsx workbook.", show_default=False
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
    """Options before the command; ``--quiet`` here counts for the command (see ``Session``)."""
    # rdflib logs every ill-typed literal ("2016-13-45"^^xsd:date) it meets with a traceback;
    # validation reports them as violations, one line each
    logging.getLogger("rdflib.term").setLevel(logging.ERROR)
