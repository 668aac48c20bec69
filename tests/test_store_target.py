"""The --store targets: graphs saved under their own name, read back as one graph, chosen by slug."""

from __future__ import annotations

import pytest
from rdflib import Graph

from fks_graph import build_graph, read_dataset
from fks_graph.analysis.cross_actors import cross_actors
from fks_graph.core.errors import UsageError
from fks_graph.graph.files import graph_name
from fks_graph.graph.rdf import new_graph, triple_count
from fks_graph.source import open_graph
from fks_graph.store.folder import open_for_update
from fks_graph.store.target import dataset_graphs, is_store, load_store, save_graph

from .conftest import DATA_2014, invoke

GRAPH_2014 = "https://w3id.org/fks-graph/data/graph/innovationstag-2014"


def triples_of(graph) -> set:
    return set(graph)


@pytest.fixture(scope="module")
def graph_2014():
    return build_graph(read_dataset(DATA_2014))


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("http://127.0.0.1:7878/query", True),
        ("HTTPS://sparql.example.org/repositories/fks#2014", True),
        (str(DATA_2014), False),
        ("no/such/folder", False),
        ("graph.ttl", False),
    ],
)
def test_is_store(spec, expected):
    assert is_store(spec) is expected


def test_a_graph_without_provenance_cannot_be_stored(tmp_path):
    with pytest.raises(UsageError, match="names no graph\\(s\\) built from a dataset"):
        save_graph(new_graph(), tmp_path)


def test_a_union_of_datasets_cannot_be_stored(tmp_path, graph_2014, small_dataset):
    save_graph(graph_2014, tmp_path / "s")
    save_graph(build_graph(read_dataset(small_dataset)), tmp_path / "s")
    with pytest.raises(UsageError, match="names no graph\\(s\\) built from a dataset, or several"):
        save_graph(load_store(tmp_path / "s"), tmp_path / "t")


def test_a_plain_rdflib_graph_is_stored_as_a_copy(tmp_path, graph_2014):
    plain = Graph()
    for triple in graph_2014:
        plain.add(triple)
    assert save_graph(plain, tmp_path) == GRAPH_2014
    assert triples_of(load_store(tmp_path)) == triples_of(graph_2014)


def test_save_and_load_give_the_same_triples(tmp_path, graph_2014):
    assert save_graph(graph_2014, tmp_path / "s") == GRAPH_2014
    copy = load_store(tmp_path / "s")
    assert triples_of(copy) == triples_of(graph_2014)
    assert open_graph(tmp_path / "s") is not None  # every reading command takes a store


def test_two_datasets_union_and_choice(tmp_path, graph_2014, small_dataset):
    store = tmp_path / "s"
    small = build_graph(read_dataset(small_dataset))
    save_graph(graph_2014, store)
    save_graph(small, store)
    names = dataset_graphs(store)
    assert names == sorted([GRAPH_2014, graph_name(small)])
    both = load_store(store)
    assert triples_of(both) == triples_of(graph_2014) | triples_of(small)
    chosen = load_store(f"{store}#innovationstag-2014")
    assert triples_of(chosen) == triples_of(graph_2014)
    assert triples_of(load_store(f"{store}#{GRAPH_2014}")) == triples_of(graph_2014)
    with pytest.raises(UsageError, match=r"no dataset graph 'nope' \(the store holds: "):
        load_store(f"{store}#nope")


def test_graphs_that_are_no_dataset_are_not_read(tmp_path, graph_2014):
    save_graph(graph_2014, tmp_path)
    with open_for_update(tmp_path) as store:
        store.update("INSERT DATA { GRAPH <https://example.org/other> { <a:b> <a:c> 'x' } }")
    assert dataset_graphs(tmp_path) == [GRAPH_2014]
    assert triple_count(load_store(tmp_path)) == triple_count(graph_2014)


def test_an_empty_store_says_so(tmp_path):
    save_graph(build_graph(read_dataset(DATA_2014)), tmp_path)
    with open_for_update(tmp_path) as store:
        store.update(f"DROP GRAPH <{GRAPH_2014}>")
    with pytest.raises(UsageError, match="holds no dataset graph yet"):
        load_store(tmp_path)


def test_a_store_to_write_into_has_no_slug(tmp_path, graph_2014):
    save_graph(graph_2014, tmp_path)
    with pytest.raises(UsageError, match="named without '#'"):
        save_graph(graph_2014, f"{tmp_path}#innovationstag-2014")


# ------------------------------------------------------------------------------ the CLI


def test_build_needs_a_place(tmp_path):
    code, _, err = invoke("build", DATA_2014)
    assert code == 2
    assert "--output FILE, --store TARGET or both" in err


def test_build_into_a_store_then_read_it(tmp_path, small_dataset):
    store = tmp_path / "store"
    code, _, err = invoke("build", small_dataset, "--store", store, "-o", tmp_path / "g.ttl")
    assert code == 0, err
    assert f"{tmp_path / 'g.ttl'} and {store} (graph <" in err
    code, from_store, _ = invoke("cross-actors", store, "--min-networks", "1", "-f", "csv")
    assert code == 0
    code, from_file, _ = invoke(
        "cross-actors", tmp_path / "g.ttl", "--min-networks", "1", "-f", "csv"
    )
    assert from_store == from_file
    assert len(from_store.splitlines()) > 1
    code, out, _ = invoke("query", store, "networks-by-land", "-f", "csv")
    assert code == 0
    assert "land" in out.splitlines()[0]


def test_build_refuses_a_dataset_folder_as_store(tmp_path, small_dataset):
    code, _, err = invoke("build", DATA_2014, "--store", small_dataset)
    assert code == 2
    assert "holds other files and is not an fks-graph store" in err


def test_the_main_job_stores_the_analysed_graph(tmp_path):
    code, _, err = invoke("run", DATA_2014, "-o", tmp_path / "out", "--store", tmp_path / "s")
    assert code == 0, err
    stored = load_store(tmp_path / "s")
    assert triples_of(stored) == triples_of(open_graph(tmp_path / "out" / "graph.nt"))
    assert cross_actors(stored, min_networks=1) == cross_actors(
        open_graph(tmp_path / "out" / "graph.nt"), min_networks=1
    )
