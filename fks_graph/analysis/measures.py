"""Measures of the actor–network graph: components, communities, overlap, brokers, coverage."""

from __future__ import annotations

import random
import threading
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import NamedTuple

import networkx as nx
import numpy as np
from rdflib import Graph

from fks_graph.analysis.bipartite import shared_neighbours
from fks_graph.sparql.run import select

__all__ = [
    "OVERLAPS_PER_NETWORK",
    "Overlap",
    "brokers",
    "communities",
    "components",
    "field_group_coverage",
    "land_span",
    "numbering",
    "overlap",
    "strongest_overlaps",
    "type_coverage",
]


def _ordered(parts: Iterable[Iterable[Hashable]]) -> list[frozenset]:
    """Node sets largest first, ties broken by their smallest node (as text)."""
    sets = [frozenset(part) for part in parts]
    return sorted(sets, key=lambda part: (-len(part), min(map(str, part), default="")))


def components(B: nx.Graph) -> list[frozenset]:
    """The connected components, largest first (ties: by smallest node).

    Examples
    --------
    >>> [sorted(c) for c in components(nx.Graph([("a", "n1"), ("b", "n2"), ("c", "n2")]))]
    [['b', 'c', 'n2'], ['a', 'n1']]
    """
    return _ordered(nx.connected_components(B))


def communities(B: nx.Graph, *, seed: int = 1) -> list[frozenset]:
    """Leiden communities maximising modularity (igraph's ``community_leiden``), largest first.

    The Leiden algorithm refines Louvain's: its communities are connected, and it reaches at
    least Louvain's modularity (pinned by the tests against ``networkx.louvain_communities``),
    compiled, in a tenth of the time.

    Parameters
    ----------
    B : networkx.Graph
        The actor–network graph (unweighted).
    seed : int
        Seed of Leiden's random choices: the same graph and seed give the same communities.

    Examples
    --------
    >>> B = nx.Graph([("a", "n1"), ("b", "n1"), ("c", "n2"), ("d", "n2"), ("a", "n2")])
    >>> [sorted(c) for c in communities(B, seed=1)]
    [['a', 'b', 'n1'], ['c', 'd', 'n2']]
    """
    import igraph  # here: igraph imports matplotlib when it finds it, which pages never need

    nodes = sorted(B, key=str)  # a fixed order, whatever order the graph was built in
    index = {node: number for number, node in enumerate(nodes)}
    edges = sorted(tuple(sorted((index[u], index[v]))) for u, v in B.edges())
    graph = igraph.Graph(n=len(nodes), edges=edges)
    with _IGRAPH_RANDOM:  # igraph's random generator is global: one caller at a time
        igraph.set_random_number_generator(random.Random(seed))
        try:
            found = graph.community_leiden(
                objective_function="modularity", resolution=1, n_iterations=-1
            )
        finally:
            igraph.set_random_number_generator(random)
    return _ordered({nodes[number] for number in part} for part in found)


_IGRAPH_RANDOM = threading.Lock()


def numbering(parts: Iterable[Iterable[Hashable]]) -> dict[Hashable, int]:
    """Node -> number of the part it is in (0 for the first part).

    Examples
    --------
    >>> numbering([{"a", "b"}, {"c"}])["c"]
    1
    """
    return {node: number for number, part in enumerate(parts) for node in part}


#: How many overlapping networks the analysis keeps per network (the strongest by Jaccard):
#: the graph, ``network_overlap.csv`` and the pages' network–network lines hold these.
OVERLAPS_PER_NETWORK = 10


class Overlap(NamedTuple):
    """Two networks that share members, with the Jaccard index of their member sets."""

    a: Hashable
    b: Hashable
    shared: int
    jaccard: float


def overlap(
    B: nx.Graph, networks: Iterable[Hashable], *, per_network: int | None = None
) -> list[Overlap]:
    """Pairs of networks sharing at least one member, most similar first.

    ``jaccard = shared / (members(a) + members(b) - shared)``, from the numbers of shared
    members. With ``per_network``, only each network's ``per_network`` most similar pairs
    are kept (by Jaccard, then shared members, then the other network's order): at national
    scale a few institutions in hundreds of networks make millions of faint overlaps, and
    each network's strongest ones are what a reader looks for.

    Examples
    --------
    >>> B = nx.Graph([("a1", "n1"), ("a2", "n1"), ("a2", "n2"), ("a3", "n2"), ("a4", "n3")])
    >>> overlap(B, ["n1", "n2", "n3"])
    [Overlap(a='n1', b='n2', shared=1, jaccard=0.3333333333333333)]
    >>> B.add_edges_from([("a2", "n3"), ("a4", "n2")])  # a2 in all three, a4 in n2 and n3
    >>> [(o.a, o.b, o.shared) for o in overlap(B, ["n1", "n2", "n3"], per_network=1)]
    [('n2', 'n3', 2), ('n1', 'n3', 1)]
    """
    rows, shared = shared_neighbours(B, networks)
    first, second, counts = shared.row, shared.col, shared.data.astype(np.int64)
    sizes = np.array([B.degree(n) for n in rows], dtype=np.int64)
    jaccard = counts / (sizes[first] + sizes[second] - counts)
    if per_network is not None:
        keep = np.flatnonzero(_strongest(first, second, counts, jaccard, per_network))
        first, second, counts, jaccard = first[keep], second[keep], counts[keep], jaccard[keep]
    # each pair's networks in their own order, then the pairs most similar first; ordered as
    # numbers (the networks by their rank), not as millions of Python tuples
    rank = np.empty(len(rows), dtype=np.int64)
    rank[sorted(range(len(rows)), key=rows.__getitem__)] = np.arange(len(rows))
    swap = rank[first] > rank[second]
    low, high = np.where(swap, second, first), np.where(swap, first, second)
    order = np.lexsort((rank[high], rank[low], -counts, -jaccard))
    return [
        Overlap(rows[a], rows[b], c, j)
        for a, b, c, j in zip(
            low[order].tolist(),
            high[order].tolist(),
            counts[order].tolist(),
            jaccard[order].tolist(),
            strict=True,
        )
    ]


def strongest_overlaps(overlaps: Sequence[Overlap], per_network: int) -> list[Overlap]:
    """The overlaps among each network's ``per_network`` strongest of ``overlaps``, in order.

    Ranked as :func:`overlap` ranks them. Given ``overlap(B, networks, per_network=k)`` with
    ``k >= per_network`` and ``networks`` in sorted order (as the analysis and the pages
    pass them), the result is ``overlap(B, networks, per_network=per_network)``: every
    network's ``k`` strongest pairs are among those given, so its strongest
    ``per_network`` are too. Spares a second sparse product when both are needed.

    Examples
    --------
    >>> B = nx.Graph([("a1", "n1"), ("a1", "n2"), ("a2", "n1"), ("a2", "n3"), ("a3", "n3")])
    >>> B.add_edges_from([("a3", "n4"), ("a4", "n2"), ("a4", "n3")])
    >>> networks = ["n1", "n2", "n3", "n4"]
    >>> strongest_overlaps(overlap(B, networks, per_network=3), 1) == overlap(
    ...     B, networks, per_network=1)
    True
    """
    if not overlaps:
        return []
    position = {
        n: i for i, n in enumerate(sorted({o.a for o in overlaps} | {o.b for o in overlaps}))
    }
    first = np.array([position[o.a] for o in overlaps], dtype=np.int64)
    second = np.array([position[o.b] for o in overlaps], dtype=np.int64)
    counts = np.array([o.shared for o in overlaps], dtype=np.int64)
    jaccard = np.array([o.jaccard for o in overlaps])
    keep = _strongest(first, second, counts, jaccard, per_network)
    return [pair for pair, kept in zip(overlaps, keep.tolist(), strict=True) if kept]


def _ranks(grouped: np.ndarray) -> np.ndarray:
    """The position of each entry within its run of equal values of ``grouped`` (sorted)."""
    starts = np.flatnonzero(np.r_[True, grouped[1:] != grouped[:-1]])
    return np.arange(len(grouped)) - np.repeat(starts, np.diff(np.r_[starts, len(grouped)]))


def _strongest(
    first: np.ndarray, second: np.ndarray, counts: np.ndarray, jaccard: np.ndarray, per: int
) -> np.ndarray:
    """Which pairs are among the ``per`` strongest of one of their two networks.

    Within a network, pairs rank by falling Jaccard, then falling shared members, then the
    other network's position. Ranking all pairs by the three keys at once costs most of
    :func:`overlap` at national scale (millions of pairs); so one sort by a single number
    (the network's position plus a fraction that falls with the Jaccard) finds each
    network's ``per``-th best Jaccard first, and only the pairs at least about as strong are
    ranked exactly. The number is monotone in the Jaccard and tells apart Jaccards that
    differ by more than ``tolerance``, which keeps every pair that can be among the
    ``per`` strongest: the result is exact.
    """
    pairs = len(counts)
    if not pairs:
        return np.zeros(0, dtype=bool)
    # every pair twice, once from each of its networks: entry e < pairs is pair e seen from
    # ``first``, entry pairs + e the same pair seen from ``second``
    side = np.concatenate((first, second))
    fraction = 0.5 * (1.0 - jaccard)
    key = np.concatenate((first + fraction, second + fraction))
    del fraction
    order = np.argsort(key)
    del key
    rank = _ranks(side[order])
    tolerance = max(1e-9, 8 * float(np.spacing(float(side.max()) + 1.0)))
    threshold = np.full(int(side.max()) + 1, -np.inf)
    last = order[rank == per - 1]  # a network with fewer pairs keeps them all
    del order, rank
    threshold[side[last]] = jaccard[last % pairs] - tolerance
    candidates = np.flatnonzero(np.tile(jaccard, 2) >= threshold[side])
    pair = candidates % pairs
    other = np.where(candidates < pairs, second[pair], first[pair])
    order = np.lexsort((other, -counts[pair], -jaccard[pair], side[candidates]))
    keep = np.zeros(pairs, dtype=bool)
    keep[pair[order[_ranks(side[candidates][order]) < per]]] = True
    return keep


def land_span(B: nx.Graph, actors: Iterable[Hashable]) -> dict[Hashable, tuple[str, ...]]:
    """The Länder (``lands`` attribute) of the networks of each actor, sorted.

    Examples
    --------
    >>> B = nx.Graph([("a", "n1"), ("a", "n2")])
    >>> B.nodes["n1"]["lands"], B.nodes["n2"]["lands"] = ("DE-NW",), ("DE-BY", "DE-NW")
    >>> land_span(B, ["a"])
    {'a': ('DE-BY', 'DE-NW')}
    """
    return {
        actor: tuple(sorted({land for n in B[actor] for land in B.nodes[n].get("lands", ())}))
        for actor in actors
    }


def brokers(
    B: nx.Graph, actors: Iterable[Hashable], spans: Mapping[Hashable, tuple[str, ...]]
) -> dict[Hashable, bool]:
    """Which actors are brokers: in two or more networks that lie in two or more Länder,
    or that are connected only through the actor (it is an articulation point of ``B``).

    Parameters
    ----------
    B : networkx.Graph
        The actor–network graph.
    actors : iterable
        The actor nodes.
    spans : mapping
        Actor -> Länder of its networks, as :func:`land_span` gives.

    Examples
    --------
    >>> B = nx.Graph([("a", "n1"), ("a", "n2"), ("b", "n2"), ("b", "n3"), ("c", "n3"), ("c", "n2")])
    >>> lands = {"n1": ("DE-NW",), "n2": ("DE-NW",), "n3": ("DE-BY",)}
    >>> nx.set_node_attributes(B, lands, "lands")
    >>> flags = brokers(B, "abc", land_span(B, "abc"))
    >>> flags  # a links n1 to the rest; b and c link NW and BY; neither alone cuts
    {'a': True, 'b': True, 'c': True}
    >>> B.nodes["n3"]["lands"] = ("DE-NW",)
    >>> brokers(B, "abc", land_span(B, "abc"))
    {'a': True, 'b': False, 'c': False}
    """
    cut = set(nx.articulation_points(B))
    return {
        actor: B.degree(actor) >= 2 and (len(spans.get(actor, ())) >= 2 or actor in cut)
        for actor in actors
    }


def type_coverage(B: nx.Graph, networks: Iterable[Hashable]) -> dict[Hashable, Counter]:
    """Network -> how many of its members are of each actor type (``type`` attribute).

    Examples
    --------
    >>> B = nx.Graph([("a", "n1"), ("b", "n1")])
    >>> B.nodes["a"]["type"], B.nodes["b"]["type"] = "jobcenter", "school"
    >>> type_coverage(B, ["n1"])
    {'n1': Counter({'jobcenter': 1, 'school': 1})}
    """
    return {n: Counter(B.nodes[actor].get("type") or "other" for actor in B[n]) for n in networks}


_FIELD_GROUP_QUERY = """
SELECT ?field ?group (COUNT(DISTINCT ?network) AS ?networks) (COUNT(DISTINCT ?project) AS ?projects)
WHERE {
  { ?network a org:OrganizationalCollaboration ; fks:actionField ?f ; fks:targetGroup ?g . }
  UNION
  { ?project a schema:Project ; fks:actionField ?f ; fks:targetGroup ?g . }
  ?f skos:notation ?field .
  ?g skos:notation ?group .
}
GROUP BY ?field ?group
"""


def field_group_coverage(graph: Graph) -> dict[tuple[str, str], tuple[int, int]]:
    """(action field, target group) -> (networks, projects) addressing both, by notation.

    A network or project counts for every pair of one of its action fields and one of its
    target groups. Pairs that nothing addresses are missing (a gap).

    Examples
    --------
    >>> from fks_graph import build_graph, read_dataset
    >>> coverage = field_group_coverage(build_graph(read_dataset("tests/fixtures/innovationstag-2014")))
    >>> coverage[("qualification", "dropouts")]
    (1, 1)
    """
    return {
        (field, group): (int(networks), int(projects))
        for field, group, networks, projects in select(graph, _FIELD_GROUP_QUERY)
    }
