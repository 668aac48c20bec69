"""The networkx views: the graph's actors, networks and memberships, with flat typed attributes."""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

import networkx as nx
import pytest
from networkx.algorithms import bipartite
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, RDF, SKOS

from fks_graph.analysis.to_rdf import Activity, add_ntriples, measurement_ntriples
from fks_graph.core.errors import UsageError
from fks_graph.export.views import VIEWS, read_measures, read_memberships, view_graph
from fks_graph.terms.namespace import FKS

from .export_data import SCRIPT_ACTOR, export_graph, iri


@pytest.fixture(scope="module")
def graph(tmp_path_factory: pytest.TempPathFactory) -> Graph:
    return export_graph(tmp_path_factory.mktemp("views"))


def _notation(graph: Graph, concept: object) -> str:
    return str(graph.value(concept, SKOS.notation))


def test_nodes_are_the_graphs_actors_and_networks(graph: Graph) -> None:
    """Checked against the graph through rdflib's triple API, not through SPARQL."""
    B = view_graph(graph)
    kinds = {ORG.FormalOrganization: "actor", ORG.OrganizationalCollaboration: "network"}
    expected = {}
    for cls, kind in kinds.items():
        for node in graph.subjects(RDF.type, cls):
            data = {
                "label": str(graph.value(node, SKOS.prefLabel)),
                "kind": kind,
                "bipartite": 0 if kind == "actor" else 1,
            }
            if (identifier := graph.value(node, DCTERMS.identifier)) is not None:
                data["identifier"] = str(identifier)
            if (concept := graph.value(node, ORG.classification)) is not None:
                data["type"] = _notation(graph, concept)
            lands = sorted(_notation(graph, land) for land in graph.objects(node, FKS.land))
            if lands:
                data["land"] = "|".join(lands)
            if (city := graph.value(node, FKS.city)) is not None:
                data["city"] = str(city)
            if (entry := graph.value(node, FKS.registryEntry)) is not None:
                data["registry"] = str(graph.value(entry, SKOS.inScheme)).rsplit("/", 1)[1]
                data["code"] = str(graph.value(entry, SKOS.notation))
            if (region := graph.value(node, FKS.region)) is not None:
                data["region_code"] = str(graph.value(region, SKOS.notation))
            expected[str(node)] = data
    measures = ("degree", "betweenness", "community", "component", "land_span", "broker")
    got = {n: {k: v for k, v in d.items() if k not in measures} for n, d in B.nodes(data=True)}
    assert got == expected
    assert B.nodes[iri("network", "N1")]["land"] == "DE-NW|DE-RP"
    assert B.nodes[SCRIPT_ACTOR]["label"] == "<script>alert('x')</script>"


def test_edges_are_the_memberships(graph: Graph) -> None:
    pairs: dict[tuple[str, str], int] = {}
    for membership in graph.subjects(RDF.type, ORG.Membership):
        pair = (
            str(graph.value(membership, ORG.member)),
            str(graph.value(membership, ORG.organization)),
        )
        pairs[pair] = pairs.get(pair, 0) + 1
    B = view_graph(graph)
    assert {tuple(sorted(pair)) for pair in pairs} == {tuple(sorted(e)) for e in B.edges}
    assert {pair: B.edges[pair]["memberships"] for pair in pairs} == pairs


@pytest.mark.parametrize(
    ("actor", "network", "expected"),
    [
        # two periods, one open at the end: no 'until'; both roles
        ("IHK-AC", "N1", {"memberships": 2, "role": "coordinator|partner", "since": "2011"}),
        ("IHK-AC", "N2", {"memberships": 1, "role": "partner", "until": "2016-06-30"}),
        ("MINUS", "N1", {"memberships": 1, "role": "member"}),
        ("MINUS", "N2", {"memberships": 1, "since": "2014", "until": "2014"}),
        (
            "DRV",
            "N3",
            {"memberships": 1, "role": "partner", "since": "2018-01-01", "until": "2019-06-30"},
        ),
    ],
)
def test_edge_attributes(graph: Graph, actor: str, network: str, expected: dict) -> None:
    assert view_graph(graph).edges[iri("actor", actor), iri("network", network)] == expected


def test_memberships_keep_years_and_days(graph: Graph) -> None:
    by_pair = {}
    for m in read_memberships(graph):
        by_pair.setdefault((m.actor, m.network), []).append(m)
    ihk = sorted(by_pair[iri("actor", "IHK-AC"), iri("network", "N1")], key=lambda m: m.iri)
    assert [(m.since, m.until, m.role) for m in ihk] == [
        (2011, 2013, "coordinator"),
        (date(2015, 3, 1), None, "partner"),
    ]
    # periods are shared nodes named by their dates
    assert [m.interval.rsplit("/", 1)[1] for m in ihk] == ["2011--2013", "2015-03-01--open"]
    assert ihk[0].last_day == date(2013, 12, 31)


@pytest.mark.parametrize("view", VIEWS)
def test_no_attribute_is_a_list_or_none(graph: Graph, view: str) -> None:
    G = view_graph(graph, view)
    values = [v for _, d in G.nodes(data=True) for v in d.values()]
    values += [v for _, _, d in G.edges(data=True) for v in d.values()]
    assert values
    assert all(isinstance(v, str | int | float | bool) for v in values)
    assert all(isinstance(node, str) for node in G)


@pytest.mark.parametrize(("view", "side"), [("actors", "actor"), ("networks", "network")])
def test_projections_are_weighted_by_shared_neighbours(graph: Graph, view: str, side: str) -> None:
    B = view_graph(graph)
    nodes = [n for n, kind in B.nodes(data="kind") if kind == side]
    expected = bipartite.weighted_projected_graph(B, nodes)
    P = view_graph(graph, view)
    assert set(P) == set(nodes)
    assert {frozenset(e): w for *e, w in P.edges(data="weight")} == {
        frozenset(e): w for *e, w in expected.edges(data="weight")
    }
    assert all(P.nodes[n] == B.nodes[n] for n in P)


def test_measures_become_typed_attributes(graph: Graph) -> None:
    B = view_graph(graph)
    ihk = B.nodes[iri("actor", "IHK-AC")]
    assert (ihk["degree"], ihk["land_span"], ihk["broker"]) == (2, 3, True)  # NW, RP, BY
    assert isinstance(ihk["betweenness"], float)
    assert isinstance(ihk["community"], int)
    assert "broker" not in B.nodes[iri("actor", "APO")]  # measured only for actors in >= 2 networks
    networks = view_graph(graph, "networks")
    measured = read_measures(graph).pairs
    jaccard = {frozenset((a, b)): j for a, b, j in networks.edges(data="jaccard") if j is not None}
    assert jaccard
    assert jaccard == {frozenset(pair): values["jaccard"] for pair, values in measured.items()}


def test_an_unanalysed_graph_has_no_measures(tmp_path: Path) -> None:
    G = view_graph(export_graph(tmp_path, analysed=False))
    assert set(G.nodes[iri("actor", "IHK-AC")]) == {
        "label", "kind", "bipartite", "identifier", "type", "city", "registry", "code",
    }  # fmt: skip


def test_the_latest_analysis_run_wins(tmp_path: Path) -> None:
    graph = export_graph(tmp_path, analysed=False)
    node = iri("actor", "IHK-AC")
    for day, degree in ((2, 7), (1, 99)):  # the later run is added first
        moment = datetime(2026, 1, day, tzinfo=timezone.utc)
        run = Activity(f"{iri('analysis', str(day))}", "test", moment, moment, (), "", None, "x:a")
        add_ntriples(graph, measurement_ntriples(run, {"degree": {node: degree}}))
    assert read_measures(graph).nodes[node] == {"degree": 7}


def test_an_unknown_view_is_refused(graph: Graph) -> None:
    with pytest.raises(
        UsageError, match=r"unknown projection 'people' \(expected bipartite, actors"
    ):
        view_graph(graph, "people")


def test_nodes_without_label_fall_back_to_their_iri(graph: Graph) -> None:
    copy = Graph()
    for triple in graph:
        copy.add(triple)
    copy.remove((URIRef(iri("actor", "APO")), SKOS.prefLabel, None))
    assert view_graph(copy).nodes[iri("actor", "APO")]["label"] == iri("actor", "APO")


@pytest.mark.parametrize("cities", [("Aachen", "Düren"), ("Düren", "Aachen")])
def test_an_actor_of_two_cities_gets_the_first_by_name(graph: Graph, cities: tuple) -> None:
    # a graph merged from two sources may give an actor two cities: the same one every time
    copy = Graph()
    for triple in graph:
        copy.add(triple)
    actor = URIRef(iri("actor", "APO"))
    copy.remove((actor, FKS.city, None))
    for city in cities:
        copy.add((actor, FKS.city, Literal(city)))
    for view in ("bipartite", "actors"):
        assert view_graph(copy, view).nodes[str(actor)]["city"] == "Aachen"


def test_a_view_of_an_empty_graph_is_empty() -> None:
    assert nx.is_empty(view_graph(Graph()))
    assert len(view_graph(Graph(), "actors")) == 0
