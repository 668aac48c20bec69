"""Tests of the graph object: which Oxigraph graph consumers may work on directly."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from oxrdflib import OxigraphStore
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from fks_graph.analysis.to_rdf import add_ntriples
from fks_graph.graph.files import write_graph
from fks_graph.graph.rdf import (
    default_graph_store,
    new_graph,
    on_oxigraph,
    oxigraph_store,
    oxigraph_term,
    triple_count,
)
from fks_graph.terms.namespace import FKS

# rdflib 7's Dataset warns about its own deprecated attribute when asked for its triples
pytestmark = pytest.mark.filterwarnings(
    "ignore:Dataset.default_context is deprecated:DeprecationWarning"
)

EX = "https://example.org/"
OURS = ox.NamedNode(EX + "ours")
OTHER = ox.NamedNode(EX + "other")


def _triple(name: str) -> tuple[URIRef, URIRef, Literal]:
    return URIRef(EX + name), SKOS.prefLabel, Literal(name)


def _store() -> ox.Store:
    """A store whose default graph and two named graphs hold different triples."""
    store = ox.Store()
    for graph, names in (
        (ox.DefaultGraph(), ("default-1", "default-2", "default-3")),
        (OURS, ("ours-1", "ours-2", "shared")),
        (OTHER, ("other-1", "shared")),
    ):
        store.extend(ox.Quad(*map(oxigraph_term, _triple(name)), graph) for name in names)
    return store


def _named(store: ox.Store) -> Graph:
    return Graph(store=OxigraphStore(store=store), identifier=URIRef(OURS.value))


def _union(store: ox.Store) -> Graph:
    return Dataset(store=OxigraphStore(store=store), default_union=True)


def _expected(view: str) -> set[tuple[str, str, str]]:
    names = {
        "named": ("ours-1", "ours-2", "shared"),
        "union": ("default-1", "default-2", "default-3", "ours-1", "ours-2", "other-1", "shared"),
    }[view]
    return _text(_triple(name) for name in names)


def _text(triples) -> set[tuple[str, str, str]]:
    """Triples as text: oxrdflib gives plain literals the datatype xsd:string, rdflib not."""
    return {(str(s), str(p), str(o)) for s, p, o in triples}


VIEWS = {"named": _named, "union": _union}


def test_the_default_graph_of_a_store_is_used_as_it_is() -> None:
    graph = new_graph()
    graph.add(_triple("a"))
    assert default_graph_store(graph) is oxigraph_store(graph)
    assert on_oxigraph(graph) is graph
    assert triple_count(graph) == 1


@pytest.mark.parametrize("view", sorted(VIEWS))
def test_a_named_or_union_graph_of_a_store_is_not_its_default_graph(view: str) -> None:
    store = _store()
    graph = VIEWS[view](store)
    assert _text(graph.triples((None, None, None))) == _expected(view)  # what rdflib means
    assert default_graph_store(graph) is None
    copy = on_oxigraph(graph)
    assert copy is not graph
    assert default_graph_store(copy) is not None
    assert _text(copy) == _expected(view)
    assert triple_count(graph) == len(_expected(view))


@pytest.mark.parametrize("view", sorted(VIEWS))
def test_a_named_or_union_graph_is_written_with_its_own_triples(view: str, tmp_path: Path) -> None:
    graph = VIEWS[view](_store())
    for name in ("graph.nt", "graph.ttl"):
        written = Graph().parse(write_graph(graph, tmp_path / name))
        assert _text(written) == _expected(view), name


def test_measurements_are_added_to_the_named_graph_they_are_for() -> None:
    store = _store()
    graph = _named(store)
    measurement = URIRef(EX + "m1")
    added = add_ntriples(graph, [f"<{measurement}> <{RDF.type}> <{FKS.Measurement}> .\n"])
    assert added == 1
    assert (measurement, RDF.type, FKS.Measurement) in graph
    quad = next(iter(store.quads_for_pattern(oxigraph_term(measurement), None, None)))
    assert quad.graph_name == OURS  # not the store's default graph
