"""The graph in a notebook: pandas DataFrames, networkx views and an inline graph page.

Needs pandas: ``pip install 'fks-graph[notebook]'``.
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from rdflib import Graph, Literal

from fks_graph.analysis.bipartite import ACTOR, actor_network_graph
from fks_graph.analysis.cross_actors import CSV_COLUMNS, cross_actors
from fks_graph.core.errors import UsageError
from fks_graph.export.tables import Table, edge_table, node_table
from fks_graph.export.views import VIEWS, read_measures, view_graph
from fks_graph.sparql.library import NamedQuery
from fks_graph.sparql.run import run_query

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "VIEWS",
    "PageFrame",
    "cross_actors_frame",
    "edges_frame",
    "measures_frame",
    "nodes_frame",
    "query_frame",
    "show_page",
    "view_graph",
]


def _pandas() -> ModuleType:
    try:
        import pandas
    except ImportError:  # pragma: no cover - depends on the installation
        raise ImportError(
            "the notebook functions need pandas: pip install 'fks-graph[notebook]'"
        ) from None
    return pandas


def _graph(graph: object) -> Graph:
    """``graph`` if it is a graph; a clear ``UsageError`` for a path or anything else."""
    if not isinstance(graph, Graph):
        raise UsageError(
            f"expected an rdflib Graph, not {type(graph).__name__} {graph!r:.60}: "
            "fks_graph.source.open_graph(path) reads one from a dataset, a graph file or a store"
        )
    return graph


def _frame(table: Table) -> pd.DataFrame:
    columns, rows = table
    return _pandas().DataFrame(rows, columns=columns)


def query_frame(
    graph: Graph, query: str | os.PathLike[str] | NamedQuery, params: dict[str, str] | None = None
) -> pd.DataFrame:
    """The result of a SPARQL query as a DataFrame: one column per variable.

    The query is a library name (see :func:`fks_graph.sparql.library.list_queries`), a ``.rq`` file
    or SPARQL text, run with :func:`fks_graph.sparql.run.run_query` (parameters bound safely).
    IRIs become text; literals their Python values (numbers, booleans, dates; a year as
    text); unbound values None. An ASK query gives one column ``boolean`` with its answer.

    Examples
    --------
    >>> from fks_graph import build_graph, read_dataset
    >>> graph = build_graph(read_dataset("tests/fixtures/innovationstag-2014"))
    >>> frame = query_frame(graph, "networks-by-land")
    >>> list(frame.columns)[:2], len(frame)
    (['land', 'land_label'], 6)
    >>> frame = query_frame(graph, "cross-network-actors", {"min_networks": "1"})
    >>> frame.loc[frame["label"] == "IHK Aachen", "network_count"].item()
    1
    >>> query_frame(graph, "ASK { ?s ?p ?o }")["boolean"].item()
    True
    """
    result = run_query(_graph(graph), query, params)
    if result.boolean is not None:  # ASK: no columns but its answer
        return _pandas().DataFrame({"boolean": [result.boolean]})
    rows = [[_python(term) for term in row] for row in result.rows]
    return _pandas().DataFrame(rows, columns=list(result.variables))


def _python(term: object) -> object:
    """A result term as a Python value: a literal rdflib cannot convert (a year) as text."""
    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        return str(term) if isinstance(value, Literal) else value
    return str(term)


def cross_actors_frame(
    graph: Graph,
    *,
    min_networks: int = 2,
    actor_type: str | None = None,
    state: str | None = None,
    at: str | datetime.date | None = None,
) -> pd.DataFrame:
    """The actors in several networks (:func:`fks_graph.analysis.cross_actors.cross_actors`).

    One row per actor, most networks first; ``network_ids``, ``states`` and
    ``network_names`` are lists.

    Examples
    --------
    >>> from fks_graph import build_graph, read_dataset
    >>> graph = build_graph(read_dataset("tests/fixtures/innovationstag-2014"))
    >>> frame = cross_actors_frame(graph, min_networks=1, state="NRW", actor_type="IHK")
    >>> frame[["label", "network_count", "network_ids"]].to_dict("records")[0]
    {'label': 'IHK Aachen', 'network_count': 1, 'network_ids': ['switch-aachen']}
    """
    if isinstance(at, int) and not isinstance(at, bool):  # a year as a number
        at = str(at)
    actors = cross_actors(
        _graph(graph), min_networks=min_networks, actor_type=actor_type, state=state, at=at
    )
    return _pandas().DataFrame([actor.as_dict() for actor in actors], columns=list(CSV_COLUMNS))


def measures_frame(graph: Graph) -> pd.DataFrame:
    """The measures of the analysis, one row per actor and network, indexed by IRI.

    Columns ``label``, ``kind``, then one per metric (``betweenness``, ``degree``, ...; a
    value a node has not is missing). The graph must hold the analysis results.

    Raises
    ------
    UsageError
        When the graph has no measures: add them first with
        :func:`fks_graph.analysis.run.add_measurements` (or load a graph written by ``fks-graph run`` or ``fks-graph analyse --graph-out``).

    Examples
    --------
    >>> import tempfile
    >>> from fks_graph import build_graph, read_dataset
    >>> from fks_graph.analysis.run import add_measurements, analyse
    >>> graph = build_graph(read_dataset("tests/fixtures/innovationstag-2014"))
    >>> _ = add_measurements(graph, analyse(graph, tempfile.mkdtemp()))
    >>> frame = measures_frame(graph)
    >>> top = frame.sort_values("betweenness", ascending=False).iloc[0]
    >>> top["label"], top["kind"], int(top["degree"])
    ('Bündnis für Fachkräfte Bonn/Rhein-Sieg', 'network', 7)
    """
    measured = read_measures(_graph(graph))
    if not measured.nodes:
        raise UsageError(
            "the graph has no measures: add them with fks_graph.analysis.run.add_measurements("
            "graph, analyse(graph, out_dir)) first, or load a graph written by 'fks-graph run' or 'fks-graph analyse --graph-out'"
        )
    B = actor_network_graph(graph)
    rows = [
        [data["label"], "actor" if data["bipartite"] == ACTOR else "network"]
        + [measured.nodes.get(node, {}).get(metric) for metric in measured.metrics]
        for node, data in B.nodes(data=True)
    ]
    columns = ["label", "kind", *measured.metrics]
    return _pandas().DataFrame(rows, columns=columns, index=list(B.nodes)).rename_axis("node")


def nodes_frame(graph: Graph, view: str = "bipartite") -> pd.DataFrame:
    """The node table of a view (what the CSV and XLSX exports write, without escaping).

    Examples
    --------
    >>> from fks_graph import build_graph, read_dataset
    >>> graph = build_graph(read_dataset("tests/fixtures/innovationstag-2014"))
    >>> frame = nodes_frame(graph, "networks")
    >>> list(frame.columns), len(frame)
    (['node', 'label', 'kind', 'bipartite', 'identifier', 'land', 'region_code'], 5)
    """
    return _frame(node_table(view_graph(_graph(graph), view)))


def edges_frame(graph: Graph, view: str = "bipartite") -> pd.DataFrame:
    """The edge table of a view: ``source``, ``target``, their labels and the attributes.

    Examples
    --------
    >>> from fks_graph import build_graph, read_dataset
    >>> graph = build_graph(read_dataset("tests/fixtures/innovationstag-2014"))
    >>> frame = edges_frame(graph)
    >>> frame["role"].value_counts().to_dict()
    {'partner': 17, 'coordinator': 1}
    """
    return _frame(edge_table(view_graph(_graph(graph), view)))


@dataclass(frozen=True)
class PageFrame:
    """A self-contained HTML page that Jupyter and VS Code show inline, in an iframe.

    The page goes into the iframe's ``srcdoc`` (attribute-escaped), so it needs no server
    and no network; ``sandbox`` lets its scripts run but keeps them out of the notebook.
    """

    html: str
    height: int = 600

    def _repr_html_(self) -> str:
        from fks_graph.core.templates import environment

        frame = environment("fks_graph.viz").get_template("frame.html")
        return frame.render(page=self.html, height=int(self.height)).rstrip("\n")


def show_page(page: str | os.PathLike[str], *, height: int = 600) -> PageFrame:
    """Show a graph page (an HTML text or an ``.html`` file) inline in a notebook.

    Put the result last in a cell. Text that starts with ``<`` is the page itself; any
    other text or path names a file.

    Raises
    ------
    UsageError
        When the file does not exist or is no text, or ``height`` is no pixel count.

    Examples
    --------
    >>> frame = show_page('<p title="Köln">A & B</p>', height=300)
    >>> print(frame._repr_html_()[:74])
    <iframe srcdoc="&lt;p title=&quot;Köln&quot;&gt;A &amp; B&lt;/p&gt;" style
    >>> show_page("no/such/page.html")
    Traceback (most recent call last):
    ...
    fks_graph.core.errors.UsageError: no/such/page.html: no such page file
    """
    if not (isinstance(height, int) and 50 <= height <= 20_000):
        raise UsageError(f"height must be a whole number of pixels, 50 to 20,000, not {height!r}")
    if isinstance(page, str) and page.lstrip().startswith("<"):
        return PageFrame(page, height)
    path = Path(page)
    if not path.is_file():
        raise UsageError(f"{page}: no such page file")
    try:
        return PageFrame(path.read_text(encoding="utf-8"), height)
    except UnicodeDecodeError:
        raise UsageError(f"{page}: not a page (not UTF-8 text)") from None
