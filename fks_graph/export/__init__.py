"""Exports of a graph for Gephi and networkx, spreadsheets and JSON-LD; format by extension.

Exports are consumers: they read the RDF graph only (see :mod:`fks_graph.export.views`).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from rdflib import Graph

from fks_graph.core.errors import UsageError
from fks_graph.export.gephi import write_gexf, write_graphml
from fks_graph.export.jsonld import check_jsonld_view, write_jsonld
from fks_graph.export.tables import write_csv, write_xlsx
from fks_graph.export.views import VIEWS, check_view, view_graph

__all__ = ["EXPORT_FORMATS", "VIEWS", "export", "export_writer", "view_graph"]

Writer = Callable[[Graph, str | os.PathLike[str], str], list[Path]]

#: File extension -> the function writing that format.
EXPORT_FORMATS: dict[str, Writer] = {
    ".graphml": write_graphml,
    ".gexf": write_gexf,
    ".csv": write_csv,
    ".xlsx": write_xlsx,
    ".jsonld": write_jsonld,
}


def export_writer(path: str | os.PathLike[str], view: str = "bipartite") -> Writer:
    """The writer for the extension of ``path``, after checking extension and view.

    Lets a command fail on a bad output name before it reads any data.

    Raises
    ------
    UsageError
        An unknown extension or view, or a view the format does not write.

    Examples
    --------
    >>> export_writer("out/ecosystem.GEXF").__name__
    'write_gexf'
    >>> export_writer("out/ecosystem.json")
    Traceback (most recent call last):
    ...
    fks_graph.core.errors.UsageError: cannot tell the export format of 'ecosystem.json': use one of the extensions .graphml, .gexf, .csv, .xlsx, .jsonld
    >>> export_writer("ecosystem.jsonld", "networks")
    Traceback (most recent call last):
    ...
    fks_graph.core.errors.UsageError: the JSON-LD export writes the bipartite projection (actors, networks and their memberships), not 'networks'
    """
    check_view(view)
    writer = EXPORT_FORMATS.get(Path(path).suffix.lower())
    if writer is None:
        raise UsageError(
            f"cannot tell the export format of '{Path(path).name}': use one of the "
            f"extensions {', '.join(EXPORT_FORMATS)}"
        )
    if writer is write_jsonld:
        check_jsonld_view(view)
    return writer


def export(
    graph: Graph,
    path: str | os.PathLike[str],
    view: str = "bipartite",
    *,
    embed_context: bool = True,
) -> list[Path]:
    """Export a view of ``graph`` in the format the extension of ``path`` names.

    ``.graphml`` and ``.gexf`` (Gephi, networkx; GEXF with memberships over time),
    ``.csv`` (two files, ``NAME.nodes.csv`` and ``NAME.edges.csv``), ``.xlsx`` (sheets
    ``nodes`` and ``edges``), ``.jsonld`` (JSON-LD with short keys; bipartite view only).
    Every file is written atomically.

    Parameters
    ----------
    graph : rdflib.Graph
        A built graph, with the analysis results if its measures should go along.
    path : path
        The file to write (for CSV: the name both tables are named after).
    view : str
        ``bipartite``, ``actors`` or ``networks`` (see :func:`view_graph`).
    embed_context : bool
        JSON-LD only: the ``@context`` in the file (the default), or ``False``: a reference
        to a copy written beside it (see :func:`fks_graph.export.jsonld.write_jsonld`).

    Returns
    -------
    list of Path
        The files written.

    Raises
    ------
    UsageError
        See :func:`export_writer`.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from fks_graph import build_graph, read_dataset
    >>> graph = build_graph(read_dataset("tests/fixtures/innovationstag-2014"))
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> [p.name for p in export(graph, folder / "ecosystem.csv", "networks")]
    ['ecosystem.nodes.csv', 'ecosystem.edges.csv']
    >>> [p.name for p in export(graph, folder / "ecosystem.gexf")]
    ['ecosystem.gexf']
    """
    writer = export_writer(path, view)
    if writer is write_jsonld:
        return write_jsonld(graph, path, view, embed_context=embed_context)
    return writer(graph, path, view)
