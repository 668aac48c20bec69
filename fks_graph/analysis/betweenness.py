"""Exact betweenness centrality of large sparse graphs, with twins and leaves compressed."""

from __future__ import annotations

import functools
import os
from collections.abc import Hashable
from concurrent.futures import ThreadPoolExecutor

import networkx as nx
import numpy as np
import scipy.sparse as sp
from networkx.utils import not_implemented_for
from scipy.sparse.csgraph import connected_components, reverse_cuthill_mckee

from fks_graph.core.errors import FksError

__all__ = ["betweenness_centrality"]

#: Sources whose searches make one task of the thread pool; the tasks, not the threads,
#: decide the order in which the sums are added.
SOURCES_PER_TASK = 256
#: Work (over the components: nodes times nodes and adjacency entries) from which the
#: searches run compiled; below it they run as Python, which is done before numba would be
#: imported and its machine code loaded (a regional dataset of a hundred networks).
COMPILE_FROM = 50_000


@not_implemented_for("directed")
@not_implemented_for("multigraph")
def betweenness_centrality(
    G: nx.Graph,
    *,
    normalized: bool = True,
    sources_per_task: int = SOURCES_PER_TASK,
    workers: int | None = None,
) -> dict[Hashable, float]:
    """Exact shortest-path betweenness centrality of an undirected, unweighted graph.

    The same numbers as ``networkx.betweenness_centrality(G, normalized=normalized)``
    (without sampling, ``endpoints=False``), computed much faster on graphs with many
    structural twins and leaves, such as actor–network membership graphs.

    Parameters
    ----------
    G : networkx.Graph
        An undirected simple graph; self-loops are ignored, edge weights are not used.
    normalized : bool, optional (default=True)
        If True, divide by ``(n - 1)(n - 2)`` (the number of ordered pairs of other
        nodes, ``n`` the number of nodes of ``G``); if False, count each unordered pair
        of nodes once, as networkx does.
    sources_per_task : int, optional
        How many sources' searches make one task of the threads; a tuning knob for
        speed, not for the result.
    workers : int, optional
        How many threads share the tasks (default: the processors this process may
        use). The result does not depend on it, to the last bit: the tasks' sums are
        added in the same order.

    Returns
    -------
    dict
        Node -> betweenness centrality, in the node order of ``G``.

    Raises
    ------
    networkx.NetworkXNotImplemented
        For directed graphs and multigraphs.

    Examples
    --------
    >>> G = nx.complete_bipartite_graph(3, 40)
    >>> G.add_edge(0, 99)
    >>> bc = betweenness_centrality(G, normalized=False)
    >>> bc[0], bc[3], bc[99]
    (302.0, 0.125, 0.0)
    >>> expected = nx.betweenness_centrality(G, normalized=False)
    >>> all(abs(bc[v] - expected[v]) < 1e-9 for v in G)
    True

    Notes
    -----
    Brandes' algorithm [1]_ costs one breadth-first search per node. Two kinds of nodes
    need no search of their own [2]_:

    - *twins*, nodes with the same set of neighbours (actors that are members of exactly
      the same networks), are merged into one node of multiplicity ``w``: a shortest
      path never visits two twins, so the paths through a merged node are counted with
      factor ``w`` and its sources and targets with weight ``w``; pairs of twins, at
      distance 2, are added in closed form;
    - *leaves*, nodes of degree 1 (actors in a single network, the great majority), lie
      on no shortest path; each is folded into its neighbour, which then stands for it
      as a source and target, and the paths that start or end in a leaf through that
      neighbour are added in closed form.

    On the compressed graph, Brandes' search with weighted sources, targets and
    intermediate nodes is compiled by numba (on graphs whose searches are done quicker than
    numba is loaded, :data:`COMPILE_FROM`, the same function runs as Python, with the same
    result to the bit); the sources are shared among threads (the compiled searches run
    outside the GIL, so the threads add up). The result is exact: only the order of
    floating point additions differs from networkx.

    References
    ----------
    .. [1] U. Brandes, "A faster algorithm for betweenness centrality",
       Journal of Mathematical Sociology 25(2), 2001, 163–177.
    .. [2] A. E. Sariyüce, E. Saule, K. Kaya, Ü. V. Çatalyürek, "Shattering and
       compressing networks for betweenness centrality", SIAM SDM 2013.
    """
    nodes = list(G)
    n = len(nodes)
    if n == 0:
        return {}
    adjacency = _adjacency(G, nodes)
    classes, weight, neighbours = _twins(adjacency)
    kept, leaves = _fold_leaves(adjacency, classes, weight)
    if workers is None:
        workers = (
            len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
        )
    ordered = _ordered_betweenness(kept, weight, leaves, neighbours, sources_per_task, workers or 1)
    pairs = (n - 1) * (n - 2) if n > 2 else 1  # ordered pairs of other nodes
    scale = 1.0 / pairs if normalized else 0.5
    values = ordered[classes] * scale
    return dict(zip(nodes, values.tolist(), strict=True))


def _adjacency(G: nx.Graph, nodes: list[Hashable]) -> sp.csr_array:
    """The symmetric 0/1 adjacency matrix of ``G`` without self-loops, sorted indices."""
    index = {node: i for i, node in enumerate(nodes)}
    pairs = np.array([(index[u], index[v]) for u, v in G.edges() if u != v], dtype=np.int64)
    pairs = pairs.reshape(-1, 2)
    rows = np.concatenate([pairs[:, 0], pairs[:, 1]])
    cols = np.concatenate([pairs[:, 1], pairs[:, 0]])
    n = len(nodes)
    matrix = sp.csr_array((np.ones(len(rows)), (rows, cols)), shape=(n, n))
    matrix.sum_duplicates()
    matrix.sort_indices()
    return matrix


def _twins(adjacency: sp.csr_array) -> tuple[np.ndarray, np.ndarray, sp.csr_array]:
    """Classes of nodes with equal neighbourhoods: class of each node, sizes, class adjacency."""
    indptr, indices = adjacency.indptr, adjacency.indices
    ids: dict[bytes, int] = {}
    classes = np.fromiter(
        (
            ids.setdefault(indices[indptr[i] : indptr[i + 1]].tobytes(), len(ids))
            for i in range(adjacency.shape[0])
        ),
        dtype=np.int64,
        count=adjacency.shape[0],
    )
    weight = np.bincount(classes).astype(np.float64)
    # a neighbourhood is a union of whole classes: project the adjacency onto classes
    coo = adjacency.tocoo()
    k = len(weight)
    neighbours = sp.csr_array(
        (np.ones(coo.nnz), (classes[coo.row], classes[coo.col])), shape=(k, k)
    )
    neighbours.sum_duplicates()
    neighbours.data[:] = 1.0
    return classes, weight, neighbours


def _fold_leaves(
    adjacency: sp.csr_array, classes: np.ndarray, weight: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Which classes are kept, and how many leaves are folded into each class.

    A leaf class (nodes of degree 1 whose neighbour has degree > 1) is folded into the
    class of its neighbour, which is a single node: a twin of the neighbour would be a
    second neighbour of the leaf.
    """
    degree = np.diff(adjacency.indptr)
    k = len(weight)
    first = np.unique(classes, return_index=True)[1]  # a member of each class
    anchor = np.full(k, -1, dtype=np.int64)
    one = degree[first] == 1
    neighbour = adjacency.indices[adjacency.indptr[first[one]]]
    folded = np.flatnonzero(one)[degree[neighbour] > 1]
    anchor[folded] = classes[adjacency.indices[adjacency.indptr[first[folded]]]]
    leaves = np.zeros(k)
    np.add.at(leaves, anchor[folded], weight[folded])
    return anchor < 0, leaves


def _ordered_betweenness(
    kept: np.ndarray,
    weight: np.ndarray,
    leaves: np.ndarray,
    neighbours: sp.csr_array,
    sources_per_task: int,
    workers: int,
) -> np.ndarray:
    """Betweenness of one member of each class, summed over ordered pairs (s, t)."""
    k = len(weight)
    result = np.zeros(k)
    index = np.flatnonzero(kept)
    graph = neighbours[index][:, index].tocsr()
    w = weight[index]
    folded = leaves[index]
    homed = w + folded  # the nodes each kept class stands for, as sources and targets
    # pairs of twins: a path of length 2 through each common neighbour
    degree = graph @ w
    twin_pairs = np.divide(w * (w - 1), degree, out=np.zeros_like(w), where=degree > 0)
    ordered = graph @ twin_pairs
    count, component = connected_components(graph, directed=False)
    size = np.bincount(component, weights=homed, minlength=count)
    # pairs with an endpoint among the folded leaves: all pass through their neighbour
    reach = size[component]
    ordered += 2 * folded * (reach - 2) - folded * (folded - 1)
    order = np.argsort(component, kind="stable")
    bounds = np.searchsorted(component[order], np.arange(count + 1))
    # one task per run of sources of a component: the runs are independent, and the
    # compiled searches run outside the GIL, so threads share the work
    tasks, work = [], 0
    for c in range(count):
        members = order[bounds[c] : bounds[c + 1]]
        if len(members) > 2:
            # numbered so that neighbours have near numbers: the searches' reads of their
            # arrays stay close together, in the processor's caches
            part = graph[members][:, members].tocsr()
            members = members[reverse_cuthill_mckee(part, symmetric_mode=True)]
            part = graph[members][:, members].tocsr()
            arrays = (
                part.indptr.astype(np.int64),
                part.indices.astype(np.int64),
                w[members],
                homed[members],
            )
            n = len(members)
            work += n * (n + part.nnz)
            tasks += [
                (members, arrays, start, min(n, start + sources_per_task))
                for start in range(0, n, sources_per_task)
            ]
    # the same search either way, to the bit: compiled only when it pays
    kernel = _brandes_kernel() if work >= COMPILE_FROM else _brandes
    # each task's sums are added as soon as they are there, in the order of the tasks
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        sums = pool.map(lambda task: kernel(*task[1], task[2], task[3]), tasks)
        for (members, _, _, _), values in zip(tasks, sums, strict=True):
            ordered[members] += values
    result[index] = ordered
    return result


def _brandes(
    indptr: np.ndarray,
    indices: np.ndarray,
    w: np.ndarray,
    homed: np.ndarray,
    start: int,
    stop: int,
) -> np.ndarray:
    """Brandes' dependencies with multiplicities, for the sources ``start:stop`` of a part.

    ``w[v]``: how many nodes ``v`` stands for on a path; ``homed[v]``: how many it stands
    for as a source or target. Returns, for one member of each node of the part, the sum
    of ``homed[s] * dependency`` over those sources ``s`` (endpoints excluded).
    """
    n = len(homed)
    total = np.zeros(n)
    dist = np.full(n, -1, dtype=np.int64)
    sigma = np.zeros(n)
    # the sum of (homed + w * dependency) / sigma over a node's successors
    share = np.zeros(n)
    order = np.empty(n, dtype=np.int64)
    for s in range(start, stop):
        dist[s] = 0
        sigma[s] = 1.0
        order[0] = s
        head, tail = 0, 1
        while head < tail:  # breadth first, counting shortest paths
            v = order[head]
            head += 1
            level = dist[v] + 1
            flow = sigma[v] if v == s else sigma[v] * w[v]
            for j in range(indptr[v], indptr[v + 1]):
                u = indices[j]
                if dist[u] < 0:
                    dist[u] = level
                    order[tail] = u
                    tail += 1
                if dist[u] == level:
                    sigma[u] += flow
        for i in range(tail - 1, 0, -1):  # dependencies, farthest nodes first
            c = order[i]
            dependency = sigma[c] * share[c]
            total[c] += homed[s] * dependency
            back = (homed[c] + w[c] * dependency) / sigma[c]
            level = dist[c] - 1
            for j in range(indptr[c], indptr[c + 1]):
                v = indices[j]
                if dist[v] == level:
                    share[v] += back
        for i in range(tail):
            v = order[i]
            dist[v] = -1
            sigma[v] = 0.0
            share[v] = 0.0
    return total


#: The compiled search's types: compiled once, when first needed, not at each first call.
_SIGNATURE = "float64[::1](int64[::1], int64[::1], float64[::1], float64[::1], int64, int64)"


@functools.cache
def _brandes_kernel():
    """:func:`_brandes` compiled by numba, its machine code cached on disk where one can write.

    numba is imported here, when betweenness is computed, not with the package: importing
    it takes time and memory that commands without betweenness need not spend (figures in
    ``bench/README.md``, with those of the scipy products this replaced). Compiling takes
    longer than loading from the cache, which spares it to later runs, and is only a
    saving: when it cannot be used (no folder to write in, a full disk, a damaged cache
    file) the search is compiled for this run.
    """
    try:
        import numba
    except ImportError as exc:  # a broken install (numba refuses a newer NumPy, for one)
        raise FksError(
            f"exact betweenness of a graph this size needs numba, which cannot be imported "
            f"({exc}); reinstall fks-graph's dependencies (python -m pip install fks-graph)"
        ) from None
    try:
        return numba.njit(_SIGNATURE, cache=True, nogil=True)(_brandes)
    except Exception:  # noqa: BLE001 - whatever went wrong with the cache, compile without it
        return numba.njit(_SIGNATURE, nogil=True)(_brandes)
