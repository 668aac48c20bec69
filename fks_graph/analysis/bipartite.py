"""The actor–network graph of a knowledge graph, its node sets and weighted projections."""

from __future__ import annotations

from collections.abc import Hashable, Iterable

import networkx as nx
import numpy as np
import scipy.sparse as sp
from rdflib import Graph

from fks_graph.core.nogc import no_gc
from fks_graph.sparql.run import select

__all__ = [
    "ACTOR",
    "NETWORK",
    "actor_network_graph",
    "node_sets",
    "projected_degree",
    "shared_neighbours",
    "weighted_projection",
]

#: Value of the ``bipartite`` node attribute of actors and of networks (networkx convention).
ACTOR, NETWORK = 0, 1

# One row per node (more for a node in several Länder) and one per membership.
_QUERY = """
SELECT ?kind ?node ?label ?id ?type ?land ?network ?city WHERE {
  {
    ?node a org:OrganizationalCollaboration .
    BIND("network" AS ?kind)
    OPTIONAL { ?node skos:prefLabel ?label }
    OPTIONAL { ?node dct:identifier ?id }
    OPTIONAL { ?node fks:land ?land_concept . ?land_concept skos:notation ?land }
  } UNION {
    ?node a org:FormalOrganization .
    BIND("actor" AS ?kind)
    OPTIONAL { ?node skos:prefLabel ?label }
    OPTIONAL { ?node dct:identifier ?id }
    OPTIONAL { ?node org:classification ?type_concept . ?type_concept skos:notation ?type }
    OPTIONAL { ?node fks:land ?land_concept . ?land_concept skos:notation ?land }
    OPTIONAL { ?node fks:city ?city }
  } UNION {
    ?membership org:member ?node ; org:organization ?network .
    BIND("member" AS ?kind)
  }
}
"""


def actor_network_graph(graph: Graph) -> nx.Graph:
    """The bipartite graph of actors and networks, with an edge for each membership.

    Built from one SPARQL query over ``graph``; only memberships between typed actors and
    networks count. Nodes are the IRIs of the
    ``org:FormalOrganization`` actors (node attribute ``bipartite=0``) and of the
    ``org:OrganizationalCollaboration`` networks (``bipartite=1``), each with the
    attributes ``label`` (``skos:prefLabel``), ``id`` (``dct:identifier`` or None) and
    ``lands`` (sorted tuple of ISO 3166-2 codes of ``fks:land``); actors also have
    ``type`` (the notation of their actor type, or None) and ``city`` (``fks:city`` or
    None). Several memberships of the
    same actor in the same network (periods) give one edge. Actors and networks without
    memberships are isolated nodes.

    Parameters
    ----------
    graph : rdflib.Graph
        A graph as :func:`fks_graph.build_graph` builds it.

    Returns
    -------
    networkx.Graph
        Nodes in a fixed order: networks, then actors, each sorted by IRI.

    Examples
    --------
    >>> from fks_graph import build_graph, read_dataset
    >>> B = actor_network_graph(build_graph(read_dataset("tests/fixtures/innovationstag-2014")))
    >>> actors, networks = node_sets(B)
    >>> len(networks), B.nodes["https://w3id.org/fks-graph/data/network/switch-aachen"]["lands"]
    (5, ('DE-NW',))
    >>> B.nodes["https://w3id.org/fks-graph/data/actor/ihk-aachen"]["type"]
    'chamber_of_commerce'
    """
    with no_gc():  # hundreds of thousands of rows, dicts and tuples at national scale
        return _actor_network_graph(graph)


def _actor_network_graph(graph: Graph) -> nx.Graph:
    """The body of :func:`actor_network_graph`, run with the cyclic collector paused."""
    nodes: dict[str, dict] = {}
    edges = []
    for kind, node, label, identifier, type_code, land, network, city in select(graph, _QUERY):
        if kind == "member":
            edges.append((node, network))
            continue
        data = nodes.get(node)
        if data is None:
            data = nodes[node] = {
                "bipartite": ACTOR if kind == "actor" else NETWORK,
                "label": label or node,
                "id": identifier,
                "lands": set(),
            }
            if kind == "actor":
                data["type"] = type_code
                data["city"] = city
        else:  # several labels or cities: the same one every time
            if label is not None and label < data["label"]:
                data["label"] = label
            if city is not None and (data["city"] is None or city < data["city"]):
                data["city"] = city
        if land is not None:
            data["lands"].add(land)
    for data in nodes.values():
        data["lands"] = tuple(sorted(data["lands"]))
    B = nx.Graph()
    for side in (NETWORK, ACTOR):
        B.add_nodes_from(sorted((n, d) for n, d in nodes.items() if d["bipartite"] == side))
    B.add_edges_from(
        sorted(
            (actor, network)
            for actor, network in edges
            if nodes.get(actor, {}).get("bipartite") == ACTOR
            and nodes.get(network, {}).get("bipartite") == NETWORK
        )
    )
    return B


def node_sets(B: nx.Graph) -> tuple[set[Hashable], set[Hashable]]:
    """The actors and the networks of an actor–network graph, by their ``bipartite`` attribute.

    Parameters
    ----------
    B : networkx.Graph
        A graph whose every node has ``bipartite`` set to :data:`ACTOR` or :data:`NETWORK`.

    Returns
    -------
    actors, networks : set, set

    Raises
    ------
    ValueError
        If a node has no or another ``bipartite`` value (the function does not guess).

    Examples
    --------
    >>> B = nx.Graph()
    >>> B.add_nodes_from(["a1", "a2"], bipartite=ACTOR)
    >>> B.add_node("n1", bipartite=NETWORK)
    >>> B.add_edges_from([("a1", "n1"), ("a2", "n1")])
    >>> actors, networks = node_sets(B)
    >>> sorted(actors), sorted(networks)
    (['a1', 'a2'], ['n1'])
    >>> B.add_node("x")
    >>> node_sets(B)
    Traceback (most recent call last):
    ...
    ValueError: node 'x' has no bipartite attribute 0 (actor) or 1 (network)
    """
    sides: dict[int, set[Hashable]] = {ACTOR: set(), NETWORK: set()}
    for node, side in B.nodes(data="bipartite"):
        if side not in sides:
            raise ValueError(f"node {node!r} has no bipartite attribute 0 (actor) or 1 (network)")
        sides[side].add(node)
    return sides[ACTOR], sides[NETWORK]


def _biadjacency(B: nx.Graph, nodes: Iterable[Hashable]) -> tuple[list[Hashable], sp.csr_array]:
    """``nodes`` as a list, and the 0/1 matrix of nodes x their neighbours."""
    rows = list(nodes)
    index = {node: i for i, node in enumerate(rows)}
    others: dict[Hashable, int] = {}
    pairs = [
        (i, others.setdefault(neighbour, len(others)))
        for node, i in index.items()
        for neighbour in B[node]
    ]
    array = np.array(pairs, dtype=np.int64).reshape(-1, 2)
    matrix = sp.csr_array(
        (np.ones(len(array), dtype=np.int64), (array[:, 0], array[:, 1])),
        shape=(len(rows), len(others)),
    )
    return rows, matrix


def shared_neighbours(
    B: nx.Graph, nodes: Iterable[Hashable]
) -> tuple[list[Hashable], sp.coo_array]:
    """How many neighbours each pair of ``nodes`` shares, as a sparse upper triangle.

    Returns ``nodes`` as a list and a COO matrix whose entry ``(i, j)`` (``i < j``) is the
    number of neighbours ``nodes[i]`` and ``nodes[j]`` share; pairs sharing none are absent.
    A sparse matrix product: millions of pairs in a second, without a networkx graph.

    Examples
    --------
    >>> B = nx.Graph([("a1", "n1"), ("a2", "n1"), ("a1", "n2"), ("a2", "n2"), ("a3", "n3")])
    >>> rows, shared = shared_neighbours(B, ["n1", "n2", "n3"])
    >>> [(rows[i], rows[j], int(w)) for i, j, w in zip(shared.row, shared.col, shared.data)]
    [('n1', 'n2', 2)]
    """
    rows, matrix = _biadjacency(B, nodes)
    return rows, sp.triu(matrix @ matrix.T, k=1).tocoo()


def weighted_projection(B: nx.Graph, nodes: Iterable[Hashable]) -> nx.Graph:
    """The projection of a bipartite graph onto ``nodes``, weighted by shared neighbours.

    The same graph as ``networkx.algorithms.bipartite.weighted_projected_graph(B, nodes)``:
    two nodes are linked when they share a neighbour, with ``weight`` the number of
    neighbours they share (actor–actor: shared networks; network–network: shared
    members). Computed as a sparse matrix product, which is much faster on large graphs.

    Parameters
    ----------
    B : networkx.Graph
        A bipartite graph.
    nodes : iterable
        The nodes of one side to project onto (for example from :func:`node_sets`).

    Returns
    -------
    networkx.Graph
        With the nodes in the order given and their attributes.

    Examples
    --------
    >>> B = nx.Graph([("a1", "n1"), ("a2", "n1"), ("a1", "n2"), ("a2", "n2"), ("a3", "n2")])
    >>> sorted(weighted_projection(B, ["n1", "n2"]).edges(data="weight"))
    [('n1', 'n2', 2)]
    >>> sorted(weighted_projection(B, ["a1", "a2", "a3"]).edges(data="weight"))
    [('a1', 'a2', 2), ('a1', 'a3', 1), ('a2', 'a3', 1)]
    """
    rows, shared = shared_neighbours(B, nodes)
    G = nx.Graph()
    G.graph.update(B.graph)
    G.add_nodes_from((node, B.nodes[node]) for node in rows)
    G.add_weighted_edges_from(
        (rows[i], rows[j], int(weight))
        for i, j, weight in zip(shared.row, shared.col, shared.data, strict=True)
    )
    return G


def projected_degree(B: nx.Graph, nodes: Iterable[Hashable]) -> dict[Hashable, int]:
    """The degree of each node in the projection onto ``nodes``, without building it.

    For actors: how many other actors share at least one network with each (their
    co-members); for networks: how many other networks share at least one member.

    Examples
    --------
    >>> B = nx.Graph([("a1", "n1"), ("a2", "n1"), ("a1", "n2"), ("a3", "n2"), ("a4", "n3")])
    >>> projected_degree(B, ["a1", "a2", "a3", "a4"])
    {'a1': 2, 'a2': 1, 'a3': 1, 'a4': 0}
    """
    rows, matrix = _biadjacency(B, nodes)
    shared = (matrix @ matrix.T).tocsr()
    counts = np.diff(shared.indptr) - (shared.diagonal() > 0)
    return dict(zip(rows, counts.tolist(), strict=True))
