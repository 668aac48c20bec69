"""Node and edge tables of a view for spreadsheets: CSV (UTF-8 with BOM) and XLSX, formula-safe."""

from __future__ import annotations

import csv
import errno
import io
import os
from collections.abc import Sequence
from pathlib import Path

import networkx as nx
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from rdflib import Graph

from fks_graph.core.atomic import atomic_path, atomic_write
from fks_graph.core.cells import neutralise, restore  # re-exported: the README names them here
from fks_graph.core.text import printable
from fks_graph.export.views import EDGE_ATTRIBUTES, NODE_ATTRIBUTES, Value, view_graph

__all__ = [
    "Table",
    "csv_paths",
    "edge_table",
    "neutralise",
    "node_table",
    "restore",
    "write_csv",
    "write_xlsx",
]

#: Columns and rows; a missing value is None.
Table = tuple[list[str], list[list[Value | None]]]


def _columns(known: Sequence[str], present: set[str]) -> list[str]:
    """The known columns that occur, in their order, then the others sorted."""
    return [c for c in known if c in present] + sorted(present - set(known))


def node_table(G: nx.Graph) -> Table:
    """The nodes of a view: ``node`` (the IRI), then its attributes.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_node("https://example.org/a", label="IHK", kind="actor", degree=2)
    >>> node_table(G)
    (['node', 'label', 'kind', 'degree'], [['https://example.org/a', 'IHK', 'actor', 2]])
    """
    present = {key for _, data in G.nodes(data=True) for key in data}
    columns = _columns(NODE_ATTRIBUTES, present)
    rows = [[node, *(data.get(c) for c in columns)] for node, data in G.nodes(data=True)]
    return ["node", *columns], rows


def edge_table(G: nx.Graph) -> Table:
    """The edges of a view: ``source``, ``target``, their labels, then the edge attributes.

    In the bipartite view the source is the actor and the target the network.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_node("a", label="IHK")
    >>> G.add_node("n", label="Netzwerk")
    >>> G.add_edge("a", "n", role="partner")
    >>> edge_table(G)
    (['source', 'target', 'source_label', 'target_label', 'role'], [['a', 'n', 'IHK', 'Netzwerk', 'partner']])
    """
    present = {key for _, _, data in G.edges(data=True) for key in data}
    columns = _columns(EDGE_ATTRIBUTES, present)
    labels = dict(G.nodes(data="label"))
    kinds = dict(G.nodes(data="kind"))
    rows = []
    for u, v, data in G.edges(data=True):
        if kinds.get(u) == "network" and kinds.get(v) == "actor":
            u, v = v, u  # an actor is a member of a network: actor first
        rows.append([u, v, labels.get(u), labels.get(v), *(data.get(c) for c in columns)])
    return ["source", "target", "source_label", "target_label", *columns], rows


def csv_paths(path: str | os.PathLike[str]) -> tuple[Path, Path]:
    """The two files a CSV export writes: ``NAME.nodes.csv`` and ``NAME.edges.csv``.

    Examples
    --------
    >>> [p.name for p in csv_paths("out/ecosystem.csv")]
    ['ecosystem.nodes.csv', 'ecosystem.edges.csv']
    """
    path = Path(path)
    stem = path.stem if path.suffix.lower() == ".csv" else path.name
    return path.with_name(f"{stem}.nodes.csv"), path.with_name(f"{stem}.edges.csv")


def _cell_text(value: Value | None) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(neutralise(value))


def _csv_text(table: Table) -> str:
    columns, rows = table
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows([_cell_text(value) for value in row] for row in rows)
    return "\ufeff" + out.getvalue()


def write_csv(graph: Graph, path: str | os.PathLike[str], view: str = "bipartite") -> list[Path]:
    """Write the node and the edge table of a view as two CSV files (see :func:`csv_paths`).

    UTF-8 with a byte order mark (so that Excel shows umlauts), comma-separated, CRLF line
    ends; booleans as ``true``/``false``, a missing value as an empty cell; text a
    spreadsheet would take for a formula starts with an apostrophe (:func:`neutralise`).
    Both files are written to temporary files first and renamed only when both are
    complete: a failure (a full disk) leaves both old files, never a new node table beside
    an old edge table.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from fks_graph import build_graph, read_dataset
    >>> graph = build_graph(read_dataset("tests/fixtures/innovationstag-2014"))
    >>> nodes, edges = write_csv(graph, pathlib.Path(tempfile.mkdtemp()) / "ecosystem.csv")
    >>> nodes.read_text(encoding="utf-8-sig").splitlines()[0]
    'node,label,kind,bipartite,identifier,type,land,city,registry,code,region_code'
    >>> edges.read_text(encoding="utf-8-sig").splitlines()[0]
    'source,target,source_label,target_label,role,memberships'
    """
    G = view_graph(graph, view)
    texts = [_csv_text(node_table(G)), _csv_text(edge_table(G))]
    targets = csv_paths(path)
    for target in targets:  # what would stop the second rename after the first: before both
        if target.is_dir():
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(target))
    with atomic_path(targets[0]) as nodes, atomic_path(targets[1]) as edges:
        for temporary, text in zip((nodes, edges), texts, strict=True):
            temporary.write_bytes(text.encode("utf-8"))
    return list(targets)


def _xlsx_value(value: Value | None) -> Value | None:
    value = neutralise(value)
    if isinstance(value, str):
        return printable(value)  # control characters XLSX cannot hold
    return value


def _sheet(workbook: Workbook, title: str, table: Table) -> None:
    columns, rows = table
    sheet = workbook.create_sheet(title)
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=column)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in rows:
        sheet.append([_xlsx_value(value) for value in row])
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(rows) + 1}"


def write_xlsx(graph: Graph, path: str | os.PathLike[str], view: str = "bipartite") -> list[Path]:
    """Write the node and the edge table of a view as the sheets ``nodes`` and ``edges``.

    Cells are typed (numbers, booleans, text); a missing value is an empty cell; text a
    spreadsheet would take for a formula starts with an apostrophe (:func:`neutralise`)
    and is stored as text; control characters XLSX cannot hold are dropped. The header
    row is bold, frozen and has filters. Written atomically.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from openpyxl import load_workbook
    >>> from fks_graph import build_graph, read_dataset
    >>> graph = build_graph(read_dataset("tests/fixtures/innovationstag-2014"))
    >>> (out,) = write_xlsx(graph, pathlib.Path(tempfile.mkdtemp()) / "ecosystem.xlsx", "networks")
    >>> book = load_workbook(out, read_only=True)
    >>> book.sheetnames, next(book["nodes"].iter_rows(min_row=2, values_only=True))[:3]
    (['nodes', 'edges'], ('https://w3id.org/fks-graph/data/network/bff-bonn-rhein-sieg', 'Bündnis für Fachkräfte Bonn/Rhein-Sieg', 'network'))
    """
    G = view_graph(graph, view)
    workbook = Workbook(write_only=True)
    _sheet(workbook, "nodes", node_table(G))
    _sheet(workbook, "edges", edge_table(G))
    # made in memory, then written: on a full disk openpyxl's zip file, left open by the
    # error, would try to write again when collected and print a traceback
    made = io.BytesIO()
    workbook.save(made)
    with atomic_write(path) as out:
        out.write(made.getbuffer())
    return [Path(path)]
