"""CSV and XLSX exports, read back with csv and openpyxl: same rows, values, no live formulas."""

from __future__ import annotations

import csv
import errno
from pathlib import Path

import pytest
from openpyxl import load_workbook
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS

from fks_graph.export.tables import (
    csv_paths,
    edge_table,
    neutralise,
    node_table,
    restore,
    write_csv,
    write_xlsx,
)
from fks_graph.export.views import VIEWS, view_graph
from fks_graph.source import open_graph

from .conftest import write_dataset
from .export_data import HOSTILE, SCRIPT_ACTOR, export_graph, iri

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture(scope="module")
def graph(tmp_path_factory: pytest.TempPathFactory) -> Graph:
    return export_graph(tmp_path_factory.mktemp("tables"))


def _expected(view: str, graph: Graph) -> tuple[dict, dict]:
    """The view's nodes and edges (actor first in the bipartite view) as the tables hold them."""
    G = view_graph(graph, view)
    nodes = {node: data for node, data in G.nodes(data=True)}
    edges = {}
    for u, v, data in G.edges(data=True):
        if G.nodes[u]["kind"] == "network" and G.nodes[v]["kind"] == "actor":
            u, v = v, u
        edges[u, v] = {
            "source_label": G.nodes[u]["label"],
            "target_label": G.nodes[v]["label"],
            **data,
        }
    return nodes, edges


def _csv_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # the BOM Excel needs for UTF-8
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


@pytest.mark.parametrize("view", VIEWS)
def test_csv_reads_back_as_the_view(graph: Graph, tmp_path: Path, view: str) -> None:
    nodes_file, edges_file = write_csv(graph, tmp_path / "out.csv", view)
    assert (nodes_file.name, edges_file.name) == ("out.nodes.csv", "out.edges.csv")
    nodes, edges = _expected(view, graph)

    header, rows = _read_csv(nodes_file)
    assert header[0] == "node"
    assert [row["node"] for row in rows] == list(nodes)
    for row in rows:
        cells = {k: restore(v) for k, v in row.items() if k != "node" and v != ""}
        assert cells == {k: _csv_value(v) for k, v in nodes[row["node"]].items()}

    header, rows = _read_csv(edges_file)
    assert header[:2] == ["source", "target"]
    assert {(row["source"], row["target"]) for row in rows} == set(edges)
    for row in rows:
        cells = {k: restore(v) for k, v in row.items() if k not in ("source", "target") and v != ""}
        assert cells == {k: _csv_value(v) for k, v in edges[row["source"], row["target"]].items()}


def _xlsx_rows(path: Path, sheet: str) -> tuple[list[str], list[dict[str, object]]]:
    book = load_workbook(path)
    rows = list(book[sheet].iter_rows(values_only=True))
    header = [str(c) for c in rows[0]]
    return header, [dict(zip(header, row, strict=True)) for row in rows[1:]]


def _same_typed(got: object, expected: object) -> bool:
    if isinstance(expected, bool) or isinstance(got, bool):
        return got is expected
    if isinstance(expected, float):
        # openpyxl reads a whole float back as int (1.0 is stored as 1), and stores 16
        # significant digits (Excel computes with 15)
        return isinstance(got, int | float) and got == pytest.approx(expected, rel=1e-15)
    return type(got) is type(expected) and got == expected


@pytest.mark.parametrize("view", VIEWS)
def test_xlsx_reads_back_as_the_view(graph: Graph, tmp_path: Path, view: str) -> None:
    (out,) = write_xlsx(graph, tmp_path / "out.xlsx", view)
    assert load_workbook(out).sheetnames == ["nodes", "edges"]
    nodes, edges = _expected(view, graph)

    _, rows = _xlsx_rows(out, "nodes")
    assert [row["node"] for row in rows] == list(nodes)
    for row in rows:
        cells = {k: restore(v) for k, v in row.items() if k != "node" and v is not None}
        expected = nodes[row["node"]]
        assert cells.keys() == expected.keys()
        assert all(_same_typed(cells[k], expected[k]) for k in cells), row

    _, rows = _xlsx_rows(out, "edges")
    assert {(row["source"], row["target"]) for row in rows} == set(edges)
    for row in rows:
        cells = {
            k: restore(v) for k, v in row.items() if k not in ("source", "target") and v is not None
        }
        expected = edges[row["source"], row["target"]]
        assert cells.keys() == expected.keys()
        assert all(_same_typed(cells[k], expected[k]) for k in cells), row


def test_xlsx_has_a_frozen_filtered_header(graph: Graph, tmp_path: Path) -> None:
    (out,) = write_xlsx(graph, tmp_path / "out.xlsx")
    sheet = load_workbook(out)["nodes"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref.startswith("A1:")
    assert sheet["A1"].font.b


def _all_cells(tmp_path: Path, graph: Graph) -> list[object]:
    cells: list[object] = []
    for path in write_csv(graph, tmp_path / "out.csv"):
        with path.open(encoding="utf-8-sig", newline="") as handle:
            cells += [cell for row in csv.reader(handle) for cell in row]
    (book,) = write_xlsx(graph, tmp_path / "out.xlsx")
    workbook = load_workbook(book)
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", cell.coordinate  # no formula cell at all
                cells.append(cell.value)
    return cells


def test_no_cell_can_start_a_formula(graph: Graph, tmp_path: Path) -> None:
    texts = [c for c in _all_cells(tmp_path, graph) if isinstance(c, str)]
    assert not [t for t in texts if t.startswith(_FORMULA_STARTS)]
    assert "'=cmd|' /C calc'!A0" in texts
    assert "''s-Hertogenbosch Partner" in texts  # a leading apostrophe is doubled: reversible
    assert {restore(t) for t in texts} >= set(HOSTILE)


def test_umlauts_are_utf8_in_csv(graph: Graph, tmp_path: Path) -> None:
    nodes_file, _ = write_csv(graph, tmp_path / "out.csv")
    assert 'Bündnis ""Fachkräfte"" <Nord> & Süd'.encode() in nodes_file.read_bytes()


def test_bipartite_edges_run_from_actor_to_network(graph: Graph) -> None:
    columns, rows = edge_table(view_graph(graph))
    assert columns[:4] == ["source", "target", "source_label", "target_label"]
    assert all("/actor/" in row[0] and "/network/" in row[1] for row in rows)


def test_node_table_columns(graph: Graph) -> None:
    columns, rows = node_table(view_graph(graph))
    assert columns[:8] == [
        "node",
        "label",
        "kind",
        "bipartite",
        "identifier",
        "type",
        "land",
        "city",
    ]
    assert set(columns[8:]) == {
        "registry",
        "code",
        "betweenness",
        "broker",
        "community",
        "component",
        "degree",
        "land_span",
    }
    assert rows[0][0] == iri("network", "N1")


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+49 221", "'+49 221"),
        ("-Minus", "'-Minus"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTab", "'\tTab"),
        ("\rReturn", "'\rReturn"),
        ("'quoted", "''quoted"),
        ("IHK Köln", "IHK Köln"),
        ("a=b", "a=b"),
        ("", ""),
        (-3, -3),
        (0.5, 0.5),
        (True, True),
        (None, None),
    ],
)
def test_neutralise_and_restore(value: object, written: object) -> None:
    assert neutralise(value) == written
    assert restore(neutralise(value)) == value


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("out/ecosystem.csv", ("out/ecosystem.nodes.csv", "out/ecosystem.edges.csv")),
        ("out/ecosystem.CSV", ("out/ecosystem.nodes.csv", "out/ecosystem.edges.csv")),
        ("tables", ("tables.nodes.csv", "tables.edges.csv")),
    ],
)
def test_csv_paths(path: str, expected: tuple[str, str]) -> None:
    assert tuple(str(p) for p in csv_paths(path)) == expected


def test_control_characters_are_dropped_from_xlsx(tmp_path: Path) -> None:
    folder = write_dataset(
        tmp_path / "data",
        networks="id,name\nN1,Netz\x07werk\n",
        memberships="network_id,actor_name,actor_type\nN1,IHK,IHK\n",
    )
    graph = open_graph(folder)
    (out,) = write_xlsx(graph, tmp_path / "out.xlsx")
    _, rows = _xlsx_rows(out, "nodes")
    assert rows[0]["label"] == "Netzwerk"  # the graph has Netz\x07werk, which XLSX cannot hold


def test_xlsx_leaves_out_text_it_cannot_hold(tmp_path: Path) -> None:
    # a graph read from a file may hold control characters and noncharacters in its text;
    # openpyxl refuses some of them and writes a workbook Excel cannot open with others
    graph = export_graph(tmp_path, analysed=False)
    actor = URIRef(SCRIPT_ACTOR)
    graph.set((actor, SKOS.prefLabel, Literal("IHK\x01 Aachen\ufffe")))
    (out,) = write_xlsx(graph, tmp_path / "out.xlsx")
    _, rows = _xlsx_rows(out, "nodes")
    assert {row["node"]: row["label"] for row in rows}[str(actor)] == "IHK Aachen"


def test_a_failed_csv_write_leaves_both_old_files(
    graph: Graph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    nodes, edges = write_csv(graph, tmp_path / "eco.csv")
    old = {p: p.read_bytes() for p in (nodes, edges)}
    written = []
    real = Path.write_bytes

    def full_at_the_second(self: Path, data: bytes) -> int:
        if written:
            raise OSError(errno.ENOSPC, "No space left on device")
        written.append(self)
        return real(self, b"half a new export")

    monkeypatch.setattr(Path, "write_bytes", full_at_the_second)
    with pytest.raises(OSError, match="No space left on device"):
        write_csv(graph, tmp_path / "eco.csv")
    assert {p: p.read_bytes() for p in (nodes, edges)} == old  # no new nodes beside old edges
    assert sorted(p.name for p in tmp_path.iterdir()) == ["eco.edges.csv", "eco.nodes.csv"]


@pytest.mark.parametrize("blocked", ["eco.nodes.csv", "eco.edges.csv"])
def test_a_folder_where_a_table_belongs_stops_the_pair_before_either(
    graph: Graph, tmp_path: Path, blocked: str
) -> None:
    """The second rename would fail after the first: checked before both."""
    nodes, edges = write_csv(graph, tmp_path / "eco.csv")
    old = {p.name: p.read_bytes() for p in (nodes, edges)}
    (tmp_path / blocked).unlink()
    (tmp_path / blocked).mkdir()
    with pytest.raises(IsADirectoryError):
        write_csv(graph, tmp_path / "eco.csv", "networks")  # other tables than those there
    (other,) = {nodes.name, edges.name} - {blocked}
    assert (tmp_path / other).read_bytes() == old[other]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["eco.edges.csv", "eco.nodes.csv"]
