"""All measures of the ecosystem, computed from a graph in one pass."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import networkx as nx
from rdflib import Graph

from fks_graph.analysis.betweenness import betweenness_centrality
from fks_graph.analysis.bipartite import actor_network_graph, node_sets, projected_degree
from fks_graph.analysis.measures import (
    OVERLAPS_PER_NETWORK,
    Overlap,
    brokers,
    communities,
    components,
    field_group_coverage,
    land_span,
    numbering,
    overlap,
    type_coverage,
)
from fks_graph.analysis.to_rdf import built_graph
from fks_graph.sparql.run import select
from fks_graph.terms.namespace import FKS

__all__ = ["Ecosystem", "measure_ecosystem"]

_LABELS_QUERY = """
SELECT ?scheme ?code ?label WHERE {
  ?concept skos:inScheme ?scheme ; skos:notation ?code ; skos:prefLabel ?label .
  FILTER(LANG(?label) = "de")
}
"""

_DATASET_QUERY = """
SELECT ?title ?synthetic WHERE {
  ?graph prov:wasDerivedFrom ?dataset .
  OPTIONAL { ?dataset dct:title ?title }
  OPTIONAL { ?dataset fks:synthetic ?synthetic }
  FILTER(?graph = ?analysed)
}
"""


@dataclass
class Ecosystem:
    """The measures of one graph: the actor–network graph ``B`` and what was measured on it.

    Node ids are IRIs; ``actors`` and ``networks`` are sorted. ``betweenness`` is exact and
    normalised; ``community`` and ``component`` number the node sets of ``communities``
    and ``components`` (0 = largest). ``spans``: the Länder of each actor's networks;
    ``broker``: see :func:`fks_graph.analysis.measures.brokers`; ``partners``: how many
    other actors share a network with each actor; ``overlapping``: how many other
    networks share a member with each network; ``overlaps``: each network's
    :data:`~fks_graph.analysis.measures.OVERLAPS_PER_NETWORK` strongest overlaps, of
    ``overlap_pairs`` overlapping pairs in all. ``labels`` maps (scheme IRI, notation)
    to the German label; ``timings`` the seconds each step took.
    """

    B: nx.Graph
    actors: list[Hashable]
    networks: list[Hashable]
    betweenness: dict[Hashable, float]
    communities: list[frozenset]
    community: dict[Hashable, int]
    components: list[frozenset]
    component: dict[Hashable, int]
    spans: dict[Hashable, tuple[str, ...]]
    broker: dict[Hashable, bool]
    partners: dict[Hashable, int]
    overlapping: dict[Hashable, int]
    overlaps: list[Overlap]
    overlap_pairs: int
    types: dict[Hashable, Counter]
    field_group: dict[tuple[str, str], tuple[int, int]]
    labels: dict[tuple[str, str], str]
    seed: int
    graph_iri: str | None
    base: str
    title: str | None = None
    synthetic: bool = False
    timings: dict[str, float] = field(default_factory=dict)

    def ranked_brokers(self) -> list[Hashable]:
        """The brokers, highest betweenness first (ties: by label, then IRI)."""
        chosen = [actor for actor in self.actors if self.broker[actor]]
        return sorted(chosen, key=lambda a: (-self.betweenness[a], self.label(a), str(a)))

    def label(self, node: Hashable) -> str:
        """The label of a node of ``B`` (its IRI when it has none)."""
        return self.B.nodes[node].get("label") or str(node)

    def concept(self, scheme: str, code: str) -> str:
        """The German label of a concept, by the local name of its scheme and its notation."""
        return self.labels.get((str(FKS[scheme]), code), code)


def measure_ecosystem(
    graph: Graph, *, seed: int = 1, step: Callable[[str], None] | None = None
) -> Ecosystem:
    """Compute every measure of the analysis from ``graph`` (which is only read).

    Parameters
    ----------
    graph : rdflib.Graph
        A graph as :func:`fks_graph.build_graph` builds it (or loaded from its file).
    seed : int
        Seed of the Leiden communities.
    step : callable, optional
        Called with the name of each step as it starts (progress display).

    Returns
    -------
    Ecosystem

    Examples
    --------
    >>> from fks_graph import build_graph, read_dataset
    >>> eco = measure_ecosystem(build_graph(read_dataset("tests/fixtures/innovationstag-2014")))
    >>> len(eco.networks), eco.title[:20]
    (5, '3. Innovationstag 20')
    """
    timings: dict[str, float] = {}

    @contextmanager
    def timed(name: str) -> Iterator[None]:
        if step is not None:
            step(name)
        start = time.perf_counter()
        yield
        timings[name] = time.perf_counter() - start

    with timed("actor–network graph"):
        B = actor_network_graph(graph)
        actor_set, network_set = node_sets(B)
        actors, networks = sorted(actor_set), sorted(network_set)
    with timed("betweenness"):
        between = betweenness_centrality(B)
    with timed("components"):
        parts = components(B)
    with timed("communities"):
        groups = communities(B, seed=seed)
    with timed("brokers"):
        spans = land_span(B, actors)
        flags = brokers(B, actors, spans)
    with timed("projections and overlap"):
        partners = projected_degree(B, actors)
        overlapping = projected_degree(B, networks)
        overlaps = overlap(B, networks, per_network=OVERLAPS_PER_NETWORK)
    with timed("coverage"):
        types = type_coverage(B, networks)
        field_group = field_group_coverage(graph)
        labels = {(scheme, code): label for scheme, code, label in select(graph, _LABELS_QUERY)}
        graph_iri, base = built_graph(graph)
        title, synthetic = None, False
        if graph_iri is not None:
            query = _DATASET_QUERY.replace("?analysed", f"<{graph_iri}>")
            for row_title, row_synthetic in select(graph, query):
                title = title or row_title
                synthetic = synthetic or row_synthetic == "true"
    return Ecosystem(
        B=B,
        actors=actors,
        networks=networks,
        betweenness=between,
        communities=groups,
        community=numbering(groups),
        components=parts,
        component=numbering(parts),
        spans=spans,
        broker=flags,
        partners=partners,
        overlapping=overlapping,
        overlaps=overlaps,
        overlap_pairs=sum(overlapping.values()) // 2,
        types=types,
        field_group=field_group,
        labels=labels,
        seed=seed,
        graph_iri=graph_iri,
        base=base,
        title=title,
        synthetic=synthetic,
        timings=timings,
    )
