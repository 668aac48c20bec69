"""export(): the format follows the extension; bad names and views fail before any writing."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from fks_graph.core.errors import UsageError
from fks_graph.export import EXPORT_FORMATS, export, export_writer
from fks_graph.export import tables as tables_module

from .export_data import export_graph


@pytest.fixture(scope="module")
def graph(tmp_path_factory: pytest.TempPathFactory) -> Graph:
    return export_graph(tmp_path_factory.mktemp("formats"), analysed=False)


@pytest.mark.parametrize(
    ("name", "view", "written", "marker"),
    [
        ("g.graphml", "bipartite", ["g.graphml"], b"<graphml"),
        ("g.GEXF", "actors", ["g.GEXF"], b"<gexf"),
        ("g.csv", "networks", ["g.nodes.csv", "g.edges.csv"], b"\xef\xbb\xbfnode,label"),
        ("g.xlsx", "bipartite", ["g.xlsx"], b"PK"),
        ("g.jsonld", "bipartite", ["g.jsonld"], b'"@context": {'),
    ],
)
def test_the_extension_names_the_format(
    graph: Graph, tmp_path: Path, name: str, view: str, written: list[str], marker: bytes
) -> None:
    paths = export(graph, tmp_path / "out" / name, view)
    assert [p.name for p in paths] == written
    assert marker in paths[0].read_bytes()[:200]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(written)


def test_embed_context_reaches_the_jsonld_writer(graph: Graph, tmp_path: Path) -> None:
    (out,) = export(graph, tmp_path / "g.jsonld")
    assert b'"@context": {' in out.read_bytes()[:50]
    out, context = export(graph, tmp_path / "linked.jsonld", embed_context=False)
    assert b'"@context": "context.jsonld"' in out.read_bytes()[:50]
    assert context == tmp_path / "context.jsonld"


@pytest.mark.parametrize(
    ("name", "view", "message"),
    [
        ("g.json", "bipartite", r"cannot tell the export format of 'g.json': use one of"),
        ("g", "bipartite", r"cannot tell the export format of 'g'"),
        (
            "g.gexf",
            "people",
            r"unknown projection 'people' \(expected bipartite, actors or networks\)",
        ),
        ("g.jsonld", "actors", r"JSON-LD export writes the bipartite projection"),
    ],
)
def test_bad_names_and_views_write_nothing(
    graph: Graph, tmp_path: Path, name: str, view: str, message: str
) -> None:
    with pytest.raises(UsageError, match=message):
        export_writer(tmp_path / name, view)
    with pytest.raises(UsageError, match=message):
        export(graph, tmp_path / name, view)
    assert list(tmp_path.iterdir()) == []


def test_every_format_has_a_writer() -> None:
    assert set(EXPORT_FORMATS) == {".graphml", ".gexf", ".csv", ".xlsx", ".jsonld"}


def test_a_failed_csv_export_leaves_both_old_files(
    graph: Graph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both tables are made before either is written: a failure changes neither file."""
    nodes, edges = export(graph, tmp_path / "g.csv")
    old = nodes.read_bytes(), edges.read_bytes()

    def broken(table: object) -> str:
        raise RuntimeError("broken table")

    monkeypatch.setattr(tables_module, "_csv_text", broken)
    with pytest.raises(RuntimeError, match="broken table"):
        export(graph, tmp_path / "g.csv", "actors")
    assert (nodes.read_bytes(), edges.read_bytes()) == old
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.edges.csv", "g.nodes.csv"]
