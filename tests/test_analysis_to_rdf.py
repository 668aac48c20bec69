"""Analysis results as RDF: measurements and their provenance, answerable by SPARQL."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, XSD

from fks_graph import build_graph, load_graph, read_dataset, write_graph
from fks_graph.analysis.bipartite import actor_network_graph
from fks_graph.analysis.run import add_measurements, analyse
from fks_graph.analysis.to_rdf import METRIC, built_graph
from fks_graph.sparql.run import select
from fks_graph.terms.namespace import FKS

from .analysis_data import BASE, ecosystem_dataset, iri

#: The question the results must answer: the top brokers in North Rhine-Westphalia, i.e. the
#: actors in networks of DE-NW ranked by betweenness.
TOP_BROKERS_IN_DE_NW = """
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX fks: <https://w3id.org/fks-graph/ontology#>
PREFIX fksland: <https://w3id.org/fks-graph/ontology/land/>
PREFIX fksmetric: <https://w3id.org/fks-graph/ontology/metric/>

SELECT ?actor (SAMPLE(?name) AS ?label) (MAX(?value) AS ?betweenness)
       (COUNT(DISTINCT ?network) AS ?networks_in_land)
WHERE {
  ?membership org:member ?actor ; org:organization ?network .
  ?network fks:land fksland:DE-NW .
  ?actor skos:prefLabel ?name .
  ?measurement fks:measureOf ?actor ;
               fks:metric fksmetric:betweenness ;
               fks:value ?value .
}
GROUP BY ?actor
ORDER BY DESC(?betweenness) ?actor
LIMIT 10
"""


@pytest.fixture
def analysed(tmp_path: Path) -> Graph:
    graph = build_graph(read_dataset(ecosystem_dataset(tmp_path / "data")))
    add_measurements(graph, analyse(graph, tmp_path / "out"))
    return graph


def expected_top_brokers_in_nw(graph: Graph) -> list[tuple[str, float]]:
    B = actor_network_graph(graph)
    between = nx.betweenness_centrality(B)
    in_nw = {
        a
        for n, lands in B.nodes(data="lands")
        if "DE-NW" in lands
        for a in B[n]
        if B.degree(a) >= 2
    }
    return sorted(((a, between[a]) for a in in_nw), key=lambda item: (-item[1], item[0]))


def test_top_brokers_in_de_nw(analysed: Graph) -> None:
    rows = select(analysed, TOP_BROKERS_IN_DE_NW)
    ranking = [(actor, float(value)) for actor, _, value, _ in rows]
    expected = expected_top_brokers_in_nw(analysed)
    assert [a for a, _ in ranking] == [a for a, _ in expected]
    assert [v for _, v in ranking] == pytest.approx([v for _, v in expected])
    assert rows[0][:2] == (iri("actor", "IHK"), "IHK Mittelrhein")
    assert rows[0][3] == "2"  # the IHK is in two networks of DE-NW (and one of DE-BY)


def test_the_query_runs_through_rdflib_too(analysed: Graph) -> None:
    rows = list(analysed.query(TOP_BROKERS_IN_DE_NW))
    assert str(rows[0].actor) == iri("actor", "IHK")
    assert rows[0].betweenness.datatype == XSD.double


def test_the_analysis_run_is_recorded_with_prov(analysed: Graph) -> None:
    graph_iri, base = built_graph(analysed)
    assert (graph_iri, base) == (BASE + "graph/data", BASE)
    runs = list(analysed.subjects(PROV.used, URIRef(graph_iri)))
    run = next(r for r in runs if (r, RDF.type, PROV.Activity) in analysed and "/analysis/" in r)
    assert str(run).startswith(graph_iri + "/analysis/")
    started = analysed.value(run, PROV.startedAtTime)
    ended = analysed.value(run, PROV.endedAtTime)
    assert started.datatype == ended.datatype == XSD.dateTime
    assert started.toPython() <= ended.toPython()
    assert str(analysed.value(run, FKS.parameters)) == "seed=1"
    algorithms = " ".join(map(str, analysed.objects(run, FKS.algorithm)))
    assert "betweenness" in algorithms
    assert "community_leiden(objective_function=modularity" in algorithms
    assert "seed=1)" in algorithms
    assert (run, PROV.wasAssociatedWith, URIRef(BASE + "agent/fks-graph")) in analysed


def measurements(graph: Graph, metric: str) -> dict[tuple[str, ...], Literal]:
    rows = select(
        graph,
        f"""SELECT ?m (GROUP_CONCAT(?of; separator=" ") AS ?nodes) (SAMPLE(?v) AS ?value)
        WHERE {{ ?m a fks:Measurement ; fks:metric <{METRIC[metric]}> ; fks:measureOf ?of ;
                    fks:value ?v ; prov:wasGeneratedBy ?run }} GROUP BY ?m""",
    )
    found = {}
    for m, _, _ in rows:
        nodes = tuple(sorted(str(o) for o in graph.objects(URIRef(m), FKS.measureOf)))
        found[nodes] = graph.value(URIRef(m), FKS.value)
    return found


def test_values_and_types(analysed: Graph) -> None:
    ihk, c1, n1, n2 = (
        iri("actor", "IHK"),
        iri("actor", "C1"),
        iri("network", "N1"),
        iri("network", "N2"),
    )
    degree = measurements(analysed, "degree")
    assert degree[(ihk,)] == Literal(3)
    assert degree[(n1,)] == Literal(3)
    assert degree[(ihk,)].datatype == XSD.integer
    assert len(degree) == 4 + 3  # the networks and the three actors in several networks
    # an actor of one network (C1) is measured in the tables, not in the graph
    assert (c1,) not in measurements(analysed, "betweenness")
    assert measurements(analysed, "land_span")[(ihk,)] == Literal(2)
    broker = measurements(analysed, "broker")
    assert broker[(ihk,)] == Literal(True)
    assert broker[(iri("actor", "AA"),)] == Literal(False)
    assert (c1,) not in broker  # only actors in two or more networks are candidates
    jaccard = measurements(analysed, "jaccard")
    assert jaccard[(n1, n2)] == Literal(0.5)
    assert len(jaccard) == 4
    assert {str(v) for v in measurements(analysed, "component").values()} == {"0"}
    assert len(measurements(analysed, "community")) == 7


def test_results_survive_a_graph_file(analysed: Graph, tmp_path: Path) -> None:
    write_graph(analysed, tmp_path / "analysed.ttl")
    loaded = load_graph(tmp_path / "analysed.ttl")
    assert select(loaded, TOP_BROKERS_IN_DE_NW) == select(analysed, TOP_BROKERS_IN_DE_NW)


def test_analysis_of_a_plain_rdflib_graph(tmp_path: Path) -> None:
    built = build_graph(read_dataset(ecosystem_dataset(tmp_path / "data")))
    plain = Graph()
    for triple in built:
        plain.add(triple)
    result = analyse(plain, tmp_path / "out")
    assert len(plain) == len(built)  # the analysis only reads the graph
    assert add_measurements(plain, result) == result.triples
    assert len(plain) == len(built) + result.triples
    assert select(plain, TOP_BROKERS_IN_DE_NW)[0][0] == iri("actor", "IHK")
