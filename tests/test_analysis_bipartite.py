"""The actor–network graph from SPARQL and its weighted projections."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from networkx.algorithms import bipartite as nxb
from rdflib import Literal, URIRef

from fks_graph import build_graph, read_dataset
from fks_graph.analysis.bipartite import (
    ACTOR,
    NETWORK,
    actor_network_graph,
    node_sets,
    projected_degree,
    weighted_projection,
)
from fks_graph.synthetic.generate import generate_dataset
from fks_graph.terms.namespace import FKS

from .analysis_data import ecosystem_dataset, iri


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> nx.Graph:
    folder = tmp_path_factory.mktemp("generated")
    generate_dataset(folder, networks=80, seed=3)
    return actor_network_graph(build_graph(read_dataset(folder)))


def test_nodes_edges_and_attributes(tmp_path: Path) -> None:
    B = actor_network_graph(build_graph(read_dataset(ecosystem_dataset(tmp_path / "d"))))
    actors, networks = node_sets(B)
    assert networks == {iri("network", f"N{i}") for i in range(1, 5)}
    assert actors == {iri("actor", a) for a in ("IHK", "AA", "JC", "C1", "C2")}
    assert B.number_of_edges() == 9
    assert B.nodes[iri("network", "N3")] == {
        "bipartite": NETWORK,
        "label": "Pakt Regensburg",
        "id": "N3",
        "lands": ("DE-BY",),
    }
    ihk = B.nodes[iri("actor", "IHK")]
    assert (ihk["bipartite"], ihk["type"], ihk["label"]) == (
        ACTOR,
        "chamber_of_commerce",
        "IHK Mittelrhein",
    )
    assert set(B[iri("actor", "IHK")]) == {iri("network", n) for n in ("N1", "N2", "N3")}


@pytest.mark.parametrize("cities", [(), ("Bonn",), ("Köln", "Aachen", "Bonn")])
def test_an_actor_of_several_cities_gets_the_first_by_sort_order(
    tmp_path: Path, cities: tuple[str, ...]
) -> None:
    graph = build_graph(read_dataset(ecosystem_dataset(tmp_path / "d")))
    ihk = URIRef(iri("actor", "IHK"))
    graph.remove((ihk, FKS.city, None))
    for city in cities:
        graph.add((ihk, FKS.city, Literal(city)))
    assert actor_network_graph(graph).nodes[str(ihk)]["city"] == min(cities, default=None)


def test_memberships_of_several_periods_give_one_edge(small_dataset: Path) -> None:
    B = actor_network_graph(build_graph(read_dataset(small_dataset)))
    assert B.number_of_edges() == 6
    assert nx.is_bipartite(B)


def test_node_sets_refuse_to_guess() -> None:
    B = nx.Graph([("a", "n")])
    B.nodes["a"]["bipartite"] = ACTOR
    with pytest.raises(ValueError, match="node 'n' has no bipartite attribute"):
        node_sets(B)


@pytest.mark.parametrize("side", [ACTOR, NETWORK])
def test_projection_equals_networkx(generated: nx.Graph, side: int) -> None:
    nodes = sorted(n for n, s in generated.nodes(data="bipartite") if s == side)
    ours = weighted_projection(generated, nodes)
    expected = nxb.weighted_projected_graph(generated, nodes)
    assert list(ours) == list(expected)
    assert dict(ours.nodes(data=True)) == dict(expected.nodes(data=True))
    assert {frozenset(e) for e in ours.edges()} == {frozenset(e) for e in expected.edges()}
    assert all(ours.edges[u, v]["weight"] == w for u, v, w in expected.edges(data="weight"))
    assert projected_degree(generated, nodes) == dict(expected.degree())


def test_projection_of_a_hand_made_graph() -> None:
    B = nx.Graph([("a", "n1"), ("b", "n1"), ("a", "n2"), ("b", "n2"), ("c", "n3")])
    P = weighted_projection(B, ["a", "b", "c"])
    assert list(P.edges(data="weight")) == [("a", "b", 2)]
    assert list(P) == ["a", "b", "c"]
