"""Exact betweenness on the compressed graph equals plain networkx betweenness."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

from fks_graph import build_graph, read_dataset
from fks_graph.analysis import betweenness
from fks_graph.analysis.betweenness import betweenness_centrality
from fks_graph.analysis.bipartite import actor_network_graph
from fks_graph.synthetic.generate import generate_dataset


@pytest.fixture(autouse=True, params=["as-python", "compiled"])
def search(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every test twice: the search run as Python and compiled by numba, whatever the size."""
    threshold = 0 if request.param == "compiled" else float("inf")
    monkeypatch.setattr(betweenness, "COMPILE_FROM", threshold)
    return request.param


def assert_same(G: nx.Graph, normalizations=(True, False), **options: object) -> None:
    for normalized in normalizations:
        ours = betweenness_centrality(G, normalized=normalized, **options)
        expected = nx.betweenness_centrality(G, normalized=normalized)
        assert list(ours) == list(G)
        assert ours == pytest.approx(expected, rel=1e-9, abs=1e-12)


def with_twins_and_leaves(G: nx.Graph, rng: random.Random, count: int) -> nx.Graph:
    """``G`` with ``count`` added leaves and twins (copies of a node's neighbourhood)."""
    for _ in range(count):
        node, new = rng.choice(list(G)), len(G) + 1000
        if rng.random() < 0.5:
            G.add_edge(node, new)
        else:
            G.add_edges_from((new, neighbour) for neighbour in list(G[node]))
            G.add_node(new)
    return G


@pytest.mark.parametrize("seed", range(40))
def test_random_graphs_with_twins_and_leaves(seed: int) -> None:
    rng = random.Random(seed)
    G = nx.gnp_random_graph(rng.randint(1, 40), rng.random() * 0.2, seed=seed)
    assert_same(with_twins_and_leaves(G, rng, rng.randint(0, 12)))


@pytest.mark.parametrize("seed", range(20))
def test_random_bipartite_graphs(seed: int) -> None:
    rng = random.Random(seed)
    G = nx.bipartite.random_graph(rng.randint(1, 25), rng.randint(1, 60), 0.1, seed=seed)
    assert_same(G)


@pytest.mark.parametrize(
    "G",
    [
        nx.empty_graph(0),
        nx.empty_graph(3),
        nx.path_graph(2),
        nx.path_graph(6),
        nx.star_graph(7),
        nx.complete_graph(5),
        nx.cycle_graph(8),
        nx.complete_bipartite_graph(3, 9),
        nx.Graph([(0, 1), (2, 3), (3, 4), (4, 2), (5, 5)]),
        nx.les_miserables_graph(),
    ],
    ids=lambda G: f"{len(G)}-{G.number_of_edges()}",
)
def test_small_graphs(G: nx.Graph) -> None:
    assert_same(nx.Graph(G))


def test_small_tasks_give_the_same_result() -> None:
    G = with_twins_and_leaves(nx.gnp_random_graph(60, 0.05, seed=7), random.Random(7), 20)
    assert_same(G, sources_per_task=3)


@pytest.mark.parametrize("workers", [1, 2, 3])
def test_threads_share_the_tasks_without_changing_a_bit(workers: int) -> None:
    # three components, each in several batches: the tasks of all of them go to the pool
    rng = random.Random(3)
    G = nx.disjoint_union_all(
        [with_twins_and_leaves(nx.gnp_random_graph(40, 0.08, seed=s), rng, 10) for s in range(3)]
    )
    assert_same(G, sources_per_task=7, workers=workers)
    alone = betweenness_centrality(G, sources_per_task=7, workers=1)
    assert betweenness_centrality(G, sources_per_task=7, workers=workers) == alone


@pytest.mark.parametrize(
    ("networks", "normalizations"), [(30, (True, False)), (60, (True,))]
)  # plain networkx takes 1 s for 30 networks, 3 s for 60
def test_generated_ecosystems(tmp_path: Path, networks: int, normalizations) -> None:
    generate_dataset(tmp_path / "data", networks=networks, seed=networks)
    B = actor_network_graph(build_graph(read_dataset(tmp_path / "data")))
    assert B.number_of_nodes() > 10 * networks
    assert_same(B, normalizations)


@pytest.mark.parametrize("kind", [nx.DiGraph, nx.MultiGraph])
def test_directed_and_multigraphs_are_refused(kind: type[nx.Graph]) -> None:
    with pytest.raises(nx.NetworkXNotImplemented, match="not implemented for"):
        betweenness_centrality(kind([(0, 1)]))


_COMPUTE = """
import json
import networkx as nx
from fks_graph.analysis import betweenness
from fks_graph.analysis.betweenness import _brandes_kernel, betweenness_centrality
betweenness.COMPILE_FROM = 0  # compiled, small as the graph is
values = betweenness_centrality(nx.les_miserables_graph())
print(json.dumps([values["Valjean"], type(_brandes_kernel()._cache).__name__]))
"""


def _compute_elsewhere(cache: Path) -> tuple[float, str]:
    """Valjean's betweenness computed by a fresh process whose numba may cache only in ``cache``."""
    env = {
        **os.environ,
        "NUMBA_CACHE_LOCATOR_CLASSES": "UserProvidedCacheLocator",
        "NUMBA_CACHE_DIR": str(cache),
    }
    done = subprocess.run(
        [sys.executable, "-c", _COMPUTE],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=120,
    )
    assert done.stderr == ""
    value, cache_kind = json.loads(done.stdout)
    return value, cache_kind


def test_the_compiled_search_is_cached_and_works_without_its_cache(tmp_path: Path) -> None:
    expected = nx.betweenness_centrality(nx.les_miserables_graph())["Valjean"]
    cache = tmp_path / "cache"
    assert _compute_elsewhere(cache) == (pytest.approx(expected, rel=1e-12), "FunctionCache")
    written = {path: path.stat().st_mtime_ns for path in cache.rglob("*") if path.is_file()}
    assert sorted(path.suffix for path in written) == [".nbc", ".nbi"]
    assert _compute_elsewhere(cache)[1] == "FunctionCache"
    assert {path: path.stat().st_mtime_ns for path in written} == written  # loaded, not saved again
    # a damaged cache file, and a cache folder that cannot be made: compiled for the run
    for path in cache.rglob("*.nb?"):
        path.write_bytes(b"damaged")
    assert _compute_elsewhere(cache) == (pytest.approx(expected, rel=1e-12), "NullCache")
    (tmp_path / "file").write_text("")
    assert _compute_elsewhere(tmp_path / "file" / "cache") == (
        pytest.approx(expected, rel=1e-12),
        "NullCache",
    )


@pytest.mark.parametrize("seed", range(10))
def test_python_and_compiled_give_the_same_bits(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(seed)
    G = with_twins_and_leaves(nx.gnp_random_graph(50, 0.08, seed=seed), rng, 15)
    monkeypatch.setattr(betweenness, "COMPILE_FROM", float("inf"))
    as_python = betweenness_centrality(G, sources_per_task=9)
    monkeypatch.setattr(betweenness, "COMPILE_FROM", 0)
    assert betweenness_centrality(G, sources_per_task=9) == as_python
