"""GraphML and GEXF exports, read back with networkx: same nodes, edges, attributes and spells."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from lxml import etree
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS

from fks_graph.export import gephi
from fks_graph.export.gephi import union, write_gexf, write_graphml
from fks_graph.export.views import VIEWS, view_graph
from fks_graph.source import open_graph
from fks_graph.synthetic.generate import generate_dataset

from .export_data import SCRIPT_ACTOR, export_graph, iri

SCHEMAS = Path(__file__).parent / "schemas"


class _LocalSchemas(etree.Resolver):
    """The schemas' imports of each other answered from tests/schemas/, never the network."""

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder

    def resolve(self, url: str, pubid: object, context: object) -> object:
        local = self.folder / url.rsplit("/", 1)[-1]
        assert local.is_file(), f"the schema refers to {url}, which is not in {self.folder}"
        return self.resolve_filename(str(local), context)


def _schema(folder: str, main: str) -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    parser.resolvers.add(_LocalSchemas(SCHEMAS / folder))
    return etree.XMLSchema(etree.parse(str(SCHEMAS / folder / main), parser))


@pytest.fixture(scope="module")
def schemas() -> dict[str, etree.XMLSchema]:
    """The official GraphML 1.1 and GEXF 1.2draft schemas (see tests/schemas/README.md)."""
    return {
        "graphml": _schema("graphml-1.1", "graphml.xsd"),
        "gexf": _schema("gexf-1.2draft", "gexf.xsd"),
    }


@pytest.fixture(scope="module")
def graph(tmp_path_factory: pytest.TempPathFactory) -> Graph:
    return export_graph(tmp_path_factory.mktemp("gephi"))


def _same_graph(read: nx.Graph, expected: nx.Graph, *, drop: set[str] = frozenset()) -> None:
    """Same nodes, same edges, and the same attribute values of the same types."""
    assert not read.is_directed()
    assert not read.is_multigraph()
    assert sorted(read) == sorted(expected)
    assert {frozenset(e) for e in read.edges} == {frozenset(e) for e in expected.edges}
    for node, data in expected.nodes(data=True):
        got = {k: v for k, v in read.nodes[node].items() if k not in drop}
        assert got == data, node
        assert {k: type(v) for k, v in got.items()} == {k: type(v) for k, v in data.items()}
    for u, v, data in expected.edges(data=True):
        got = {k: v for k, v in read.edges[u, v].items() if k not in drop}
        assert got == data, (u, v)
        assert {k: type(v) for k, v in got.items()} == {k: type(v) for k, v in data.items()}


@pytest.mark.parametrize("view", VIEWS)
def test_graphml_reads_back_as_the_view(graph: Graph, tmp_path: Path, view: str) -> None:
    (out,) = write_graphml(graph, tmp_path / "g.graphml", view)
    read = nx.read_graphml(out)
    assert all(re.fullmatch(r"n\d+", node) for node in read)
    by_iri = nx.relabel_nodes(read, dict(read.nodes(data="iri")))
    _same_graph(by_iri, view_graph(graph, view), drop={"iri"})
    assert read.graph["name"] == f"fks-graph {view}"


@pytest.mark.parametrize("view", VIEWS)
def test_gexf_reads_back_as_the_view(graph: Graph, tmp_path: Path, view: str) -> None:
    (out,) = write_gexf(graph, tmp_path / "g.gexf", view)
    read = nx.read_gexf(out)
    expected = view_graph(graph, view)
    # GEXF edge weights are floats; networkx adds the edge id and reads the spells
    for _, _, data in expected.edges(data=True):
        if "weight" in data:
            data["weight"] = float(data["weight"])
    _same_graph(read, expected, drop={"id", "spells"})
    if view != "networks":
        assert read.nodes[SCRIPT_ACTOR]["label"] == "<script>alert('x')</script>"


def _spells(data: dict) -> list[tuple[str | None, str | None]] | None:
    """networkx reads an open bound of a spell as the text 'None'."""
    if "spells" not in data:
        return None
    return [tuple(None if b == "None" else b for b in spell) for spell in data["spells"]]


@pytest.mark.parametrize(
    ("actor", "network", "expected"),
    [
        ("IHK-AC", "N1", [("2011-01-01", "2013-12-31"), ("2015-03-01", None)]),
        ("IHK-AC", "N2", [(None, "2016-06-30")]),
        ("MINUS", "N1", None),  # no dates: there all the time
        ("MINUS", "N2", [("2014-01-01", "2014-12-31")]),
        ("DRV", "N3", [("2018-01-01", "2019-06-30")]),
    ],
)
def test_membership_periods_become_edge_spells(
    graph: Graph, tmp_path: Path, actor: str, network: str, expected: list | None
) -> None:
    (out,) = write_gexf(graph, tmp_path / "g.gexf")
    assert (
        _spells(nx.read_gexf(out).edges[iri("actor", actor), iri("network", network)]) == expected
    )


@pytest.mark.parametrize("view", ["bipartite", "actors"])
@pytest.mark.parametrize(
    ("node", "expected"),
    [
        (iri("actor", "DRV"), [("2010-01-01", "2012-12-31"), ("2018-01-01", "2019-06-30")]),
        (iri("actor", "APO"), [("2012-01-01", None)]),
        (iri("actor", "IHK-AC"), None),  # 2011–2013, since 2015 and until 2016: all the time
        (SCRIPT_ACTOR, None),  # one membership without dates
    ],
)
def test_an_actor_lives_while_its_memberships_do(
    graph: Graph, tmp_path: Path, view: str, node: str, expected: list | None
) -> None:
    (out,) = write_gexf(graph, tmp_path / "g.gexf", view)
    read = nx.read_gexf(out)
    assert _spells(read.nodes[node]) == expected


def test_gexf_is_dynamic_with_dates(graph: Graph, tmp_path: Path) -> None:
    (out,) = write_gexf(graph, tmp_path / "g.gexf")
    element = ET.parse(out).getroot().find("{http://www.gexf.net/1.2draft}graph")
    assert (element.get("mode"), element.get("timeformat")) == ("dynamic", "date")
    assert "spells" not in nx.read_gexf(out).nodes[iri("network", "N1")]  # always there
    networks = write_gexf(graph, tmp_path / "n.gexf", "networks")[0]
    element = ET.parse(networks).getroot().find("{http://www.gexf.net/1.2draft}graph")
    assert element.get("mode") == "static"  # no periods in the networks view


@pytest.mark.parametrize(
    ("spells", "expected"),
    [
        ([], []),
        ([(None, None)], []),
        ([("2014-01-01", "2014-12-31"), ("2015-01-01", "2015-06-30")], [("2014-01-01", "2015-06-30")]),
        ([("2014-01-01", "2014-12-31"), ("2015-01-02", None)], [("2014-01-01", "2014-12-31"), ("2015-01-02", None)]),
        ([("2016-01-01", None), (None, "2012-12-31"), ("2013-01-01", "2013-02-01")], [(None, "2013-02-01"), ("2016-01-01", None)]),
        ([("2010-01-01", None), ("2011-01-01", "2012-01-01")], [("2010-01-01", None)]),
    ],
)  # fmt: skip
def test_union_of_spells(spells: list, expected: list) -> None:
    assert union(spells) == expected


@pytest.mark.parametrize("writer", [write_gexf, write_graphml])
def test_a_failed_write_leaves_the_old_file(
    graph: Graph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, writer: object
) -> None:
    out = tmp_path / "g.out"
    out.write_text("old", encoding="utf-8")

    batches = gephi._batches

    def broken(lines: object) -> object:  # a disk that fills after the first nodes
        yield next(batches(lines))
        raise OSError("disk full")

    monkeypatch.setattr(gephi, "_BATCH", 2)
    monkeypatch.setattr(gephi, "_batches", broken)
    with pytest.raises(OSError, match="disk full"):
        writer(graph, out)
    assert out.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["g.out"]


def _national_gexf(folder: Path, networks: int) -> tuple[nx.Graph, object]:
    summary = generate_dataset(folder / "data", networks=networks, seed=4)
    (out,) = write_gexf(open_graph(folder / "data"), folder / "national.gexf")
    return nx.read_gexf(out), summary


def _kinds(G: nx.Graph) -> dict[str, int]:
    kinds: dict[str, int] = {}
    for _, kind in G.nodes(data="kind"):
        kinds[kind] = kinds.get(kind, 0) + 1
    return kinds


def test_gexf_of_a_generated_national_dataset(tmp_path: Path) -> None:
    read, summary = _national_gexf(tmp_path, 40)
    assert _kinds(read) == {"network": summary.networks, "actor": summary.actors}
    assert read.number_of_edges() == summary.memberships
    assert any("spells" in data for _, _, data in read.edges(data=True))


@pytest.mark.slow
def test_gexf_of_the_600_network_ecosystem(tmp_path: Path) -> None:
    read, summary = _national_gexf(tmp_path, 600)
    assert _kinds(read) == {"network": 600, "actor": summary.actors}
    assert read.number_of_edges() == summary.memberships


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("writer", [write_graphml, write_gexf])
def test_valid_against_the_official_schema(
    graph: Graph, tmp_path: Path, schemas: dict, view: str, writer: object
) -> None:
    (out,) = writer(graph, tmp_path / f"g.{writer.__name__.removeprefix('write_')}", view)
    schema = schemas[out.suffix[1:]]
    valid = schema.validate(etree.parse(str(out)))
    assert valid, [str(error) for error in schema.error_log][:3]


def test_the_schemas_refuse_what_they_should(schemas: dict, tmp_path: Path) -> None:
    """The schemas are loaded and strict: an IRI as GraphML node id, a name on GEXF's graph."""
    graphml = (
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="undirected">'
        '<node id="https://example.org/a"/></graph></graphml>'
    )
    gexf = (
        '<gexf xmlns="http://www.gexf.net/1.2draft" version="1.2"><graph name="">'
        "<nodes/><edges/></graph></gexf>"
    )
    assert not schemas["graphml"].validate(etree.fromstring(graphml))
    assert not schemas["gexf"].validate(etree.fromstring(gexf))
    assert schemas["graphml"].validate(
        etree.fromstring(graphml.replace("https://example.org/a", "n0"))
    )
    assert schemas["gexf"].validate(etree.fromstring(gexf.replace(' name=""', "")))


@pytest.mark.parametrize("writer", [write_graphml, write_gexf])
def test_text_xml_cannot_hold_is_left_out(tmp_path: Path, schemas: dict, writer: object) -> None:
    # a graph read from a file may hold control characters and noncharacters in its text,
    # which an XML writer refuses or writes into a file no parser reads
    graph = export_graph(tmp_path, analysed=False)
    actor = URIRef(SCRIPT_ACTOR)
    graph.set((actor, SKOS.prefLabel, Literal("IHK\x01 Aachen\ufffe\x0bSüd")))
    (out,) = writer(graph, tmp_path / f"g.{writer.__name__.removeprefix('write_')}", "bipartite")
    assert schemas[out.suffix[1:]].validate(etree.parse(str(out)))
    read = nx.read_graphml(out) if out.suffix == ".graphml" else nx.read_gexf(out)
    labels = {data.get("iri", node): data["label"] for node, data in read.nodes(data=True)}
    assert labels[SCRIPT_ACTOR] == "IHK Aachen Süd"


@pytest.mark.parametrize("writer", [write_graphml, write_gexf])
def test_markup_and_white_space_in_text_come_back_exactly(
    tmp_path: Path, schemas: dict, writer: object
) -> None:
    # the writers make XML as text: what a parser would take for markup is escaped, and the
    # line breaks and tabs an attribute value would lose to a space are character references
    graph = export_graph(tmp_path, analysed=False)
    label = " A & B <\"C\"> 'D'\n\tE\r\nF ]]> "
    graph.set((URIRef(SCRIPT_ACTOR), SKOS.prefLabel, Literal(label)))
    (out,) = writer(graph, tmp_path / f"g.{writer.__name__.removeprefix('write_')}", "bipartite")
    assert schemas[out.suffix[1:]].validate(etree.parse(str(out)))
    read = nx.read_graphml(out) if out.suffix == ".graphml" else nx.read_gexf(out)
    labels = {data.get("iri", node): data["label"] for node, data in read.nodes(data=True)}
    assert labels[SCRIPT_ACTOR] == label


def test_graphml_keys_of_one_name_for_nodes_and_edges_and_types_of_mixed_numbers(
    tmp_path: Path, schemas: dict
) -> None:
    G = nx.Graph(name="mixed")
    G.add_node("https://example.org/a", weight=1, share=1, note="x")
    G.add_node("https://example.org/b", weight=2, share=0.5, note=3)
    G.add_edge("https://example.org/a", "https://example.org/b", weight=True)
    out = tmp_path / "mixed.graphml"
    gephi._write(out, gephi._graphml(G))
    assert schemas["graphml"].validate(etree.parse(str(out)))
    read = nx.relabel_nodes(
        nx.read_graphml(out), lambda node: f"https://example.org/{'ab'[int(node[1:])]}"
    )
    assert dict(read.nodes(data=True))["https://example.org/b"] == {
        "weight": 2,
        "share": 0.5,
        "note": "3",
        "iri": "https://example.org/b",
    }
    assert read.nodes["https://example.org/a"]["share"] == 1.0
    assert read.edges["https://example.org/a", "https://example.org/b"] == {"weight": True}
    keys = etree.parse(str(out)).getroot().findall("{http://graphml.graphdrawing.org/xmlns}key")
    assert sorted(key.get("id") for key in keys) == [
        "edge.weight",
        "iri",
        "name",
        "node.weight",
        "note",
        "share",
    ]


def test_gexf_labels_and_weights_are_the_elements_own(tmp_path: Path, schemas: dict) -> None:
    G = nx.Graph()
    G.add_node("https://example.org/a", label="A", share=0.5)
    G.add_node("https://example.org/b")  # no label: its id
    G.add_edge("https://example.org/a", "https://example.org/b", label="x & y", weight=2, n=1)
    out = tmp_path / "own.gexf"
    gephi._write(out, gephi._gexf(G))
    assert schemas["gexf"].validate(etree.parse(str(out)))
    read = nx.read_gexf(out)
    assert dict(read.nodes(data=True)) == {
        "https://example.org/a": {"label": "A", "share": 0.5},
        "https://example.org/b": {"label": "https://example.org/b"},
    }
    assert read.edges["https://example.org/a", "https://example.org/b"] == {
        "label": "x & y",
        "weight": 2.0,
        "n": 1,
        "id": "0",
    }
