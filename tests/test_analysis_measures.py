"""Components, communities, overlap, brokers and coverage on hand-made data."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph

from fks_graph import build_graph, read_dataset
from fks_graph.analysis.bipartite import actor_network_graph, node_sets
from fks_graph.analysis.cross_actors import cross_actors
from fks_graph.analysis.measures import (
    Overlap,
    brokers,
    communities,
    components,
    field_group_coverage,
    land_span,
    numbering,
    overlap,
    strongest_overlaps,
    type_coverage,
)
from fks_graph.synthetic.generate import generate_dataset

from .analysis_data import ecosystem_dataset, iri


@pytest.fixture
def graph(tmp_path: Path) -> Graph:
    return build_graph(read_dataset(ecosystem_dataset(tmp_path / "data")))


@pytest.fixture
def B(graph: Graph) -> nx.Graph:
    return actor_network_graph(graph)


def net(local: str) -> str:
    return iri("network", local)


def actor(local: str) -> str:
    return iri("actor", local)


def test_jaccard_of_hand_made_graph() -> None:
    B = nx.Graph()
    B.add_edges_from((a, "n1") for a in "abc")
    B.add_edges_from((a, "n2") for a in "bcd")
    B.add_edges_from((a, "n3") for a in "de")
    B.add_edge("f", "n4")
    assert overlap(B, ["n1", "n2", "n3", "n4"]) == [
        Overlap("n1", "n2", 2, 0.5),  # {b, c} of {a, b, c, d}
        Overlap("n2", "n3", 1, 0.25),  # {d} of {b, c, d, e}
    ]


def _random_graph(seed: int) -> tuple[nx.Graph, list[str]]:
    B = nx.bipartite.random_graph(40, 25, 0.15, seed=seed)
    B = nx.relabel_nodes(B, {n: f"n{n:03d}" if n >= 40 else f"a{n:03d}" for n in B})
    return B, sorted(n for n in B if n.startswith("n"))


def _hub_graph(seed: int) -> tuple[nx.Graph, list[str]]:
    """Many ties: networks of equal size, one actor in all of them, a few in two."""
    rng = random.Random(seed)
    networks = [f"n{i:03d}" for i in range(30)]
    B = nx.Graph((f"own{i}-{network}", network) for network in networks for i in range(3))
    B.add_edges_from(("hub", network) for network in networks)
    for i in range(12):
        B.add_edges_from((f"twice{i}", network) for network in rng.sample(networks, 2))
    return B, networks


@pytest.mark.parametrize(
    ("make", "per_network", "seed"),
    [
        (_random_graph, 1, 1),
        (_random_graph, 2, 2),
        (_random_graph, 3, 3),
        (_random_graph, 50, 4),
        (_hub_graph, 1, 5),
        (_hub_graph, 3, 6),
        (_hub_graph, 10, 7),
    ],
)
def test_strongest_overlaps_per_network(make, per_network: int, seed: int) -> None:
    """The cut keeps exactly the pairs that are among the k strongest of either network."""
    B, networks = make(seed)
    everything = overlap(B, networks)
    strongest: set[tuple[str, str]] = set()
    for network in networks:
        mine = [o for o in everything if network in (o.a, o.b)]
        other = {o: o.b if o.a == network else o.a for o in mine}
        mine.sort(key=lambda o: (-o.jaccard, -o.shared, other[o]))
        strongest |= {(o.a, o.b) for o in mine[:per_network]}
    kept = overlap(B, networks, per_network=per_network)
    assert {(o.a, o.b) for o in kept} == strongest
    assert kept == [o for o in everything if (o.a, o.b) in strongest]  # same order and values
    assert len(strongest) < len(everything) or per_network == 50
    # the same pairs from the ten strongest per network (what the pages get from the analysis)
    wider = overlap(B, networks, per_network=max(10, per_network))
    assert strongest_overlaps(wider, per_network) == kept


def test_jaccard_of_the_dataset(B: nx.Graph) -> None:
    pairs = {(o.a, o.b): (o.shared, o.jaccard) for o in overlap(B, node_sets(B)[1])}
    assert pairs == {
        (net("N1"), net("N2")): (2, pytest.approx(2 / 4)),
        (net("N1"), net("N3")): (1, pytest.approx(1 / 4)),
        (net("N2"), net("N3")): (1, pytest.approx(1 / 4)),
        (net("N2"), net("N4")): (1, pytest.approx(1 / 3)),
    }


def test_brokers_link_laender_or_separate_parts(B: nx.Graph) -> None:
    actors = sorted(node_sets(B)[0])
    spans = land_span(B, actors)
    assert spans[actor("IHK")] == ("DE-BY", "DE-NW")
    assert spans[actor("AA")] == ("DE-NW",)
    flags = brokers(B, actors, spans)
    # IHK: NW and BY; JC: only link of N4; AA: N1 and N2 are linked through the IHK as well
    assert {a for a, flag in flags.items() if flag} == {actor("IHK"), actor("JC")}


def test_components_and_communities_are_numbered_largest_first(B: nx.Graph) -> None:
    B.add_edge("x", "y")
    parts = components(B)
    assert [len(p) for p in parts] == [9, 2]
    assert numbering(parts)["x"] == 1
    groups = communities(B, seed=1)
    assert groups == communities(B, seed=1)
    assert sorted(map(len, groups), reverse=True) == [len(g) for g in groups]
    assert set().union(*groups) == set(B)


def test_type_coverage(B: nx.Graph) -> None:
    coverage = type_coverage(B, [net("N1"), net("N4")])
    assert coverage == {
        net("N1"): Counter(chamber_of_commerce=1, employment_agency=1, company=1),
        net("N4"): Counter(jobcenter=1),
    }


def test_field_group_coverage_counts_networks_and_projects(graph: Graph) -> None:
    assert field_group_coverage(graph) == {
        ("qualification", "women"): (2, 1),  # N1, N2; P1
        ("qualification", "young_people"): (1, 0),
        ("immigration", "women"): (1, 0),
        ("immigration", "young_people"): (1, 0),
        ("activation", "older_workers"): (0, 1),  # P2 (N3 names no target group)
    }


def test_actors_in_two_or_more_networks_agree_with_sparql(tmp_path: Path) -> None:
    generate_dataset(tmp_path / "data", networks=120, seed=5)
    graph = build_graph(read_dataset(tmp_path / "data"))
    B = actor_network_graph(graph)
    actors, _ = node_sets(B)
    ours = {a: sorted(B.nodes[n]["id"] for n in B[a]) for a in actors if B.degree(a) >= 2}
    assert len(ours) > 100
    answered = {c.actor: sorted(c.network_ids) for c in cross_actors(graph)}
    assert ours == answered  # the same actors, each with the same networks


@pytest.fixture(scope="module")
def generated_B(tmp_path_factory: pytest.TempPathFactory) -> nx.Graph:
    folder = tmp_path_factory.mktemp("leiden") / "national-300"
    generate_dataset(folder, networks=300, seed=5)
    return actor_network_graph(build_graph(read_dataset(folder)))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_leiden_reaches_at_least_louvains_modularity(generated_B: nx.Graph, seed: int) -> None:
    ours = communities(generated_B, seed=seed)
    louvain = nx.community.louvain_communities(generated_B, seed=seed)
    assert nx.community.is_partition(generated_B, ours)
    assert nx.community.modularity(generated_B, ours) >= nx.community.modularity(
        generated_B, louvain
    )
    # Leiden's communities are connected (Louvain's need not be)
    assert all(nx.is_connected(generated_B.subgraph(part)) for part in ours)


def test_communities_do_not_depend_on_the_order_the_graph_was_built_in(
    generated_B: nx.Graph,
) -> None:
    shuffled = nx.Graph()
    shuffled.add_nodes_from(sorted(generated_B, key=str, reverse=True))
    shuffled.add_edges_from(sorted(generated_B.edges(), key=str, reverse=True))
    assert communities(shuffled, seed=4) == communities(generated_B, seed=4)
