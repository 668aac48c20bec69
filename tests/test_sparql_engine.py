"""Queries on a pyoxigraph store: the protocol's dataset options, and answers in its formats."""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox
import pytest

from fks_graph.sparql.engine import GRAPH_TYPES, RESULT_TYPES, execute, serialize

EX = "https://example.org/"


@pytest.fixture
def store() -> ox.Store:
    """A store with one triple in the default graph and one in each of two named graphs."""
    store = ox.Store()
    for graph in (ox.DefaultGraph(), ox.NamedNode(EX + "g1"), ox.NamedNode(EX + "g2")):
        name = "default" if isinstance(graph, ox.DefaultGraph) else graph.value[len(EX) :]
        store.add(
            ox.Quad(ox.NamedNode(EX + name), ox.NamedNode(EX + "in"), ox.Literal(name), graph)
        )
    return store


def _names(result: ox.QuerySolutions) -> list[str]:
    return sorted(row["o"].value for row in result)


@pytest.mark.parametrize(
    ("options", "names"),
    [
        ({}, ["default"]),
        ({"union": True}, ["default", "g1", "g2"]),
        ({"default_graph": [EX + "g1"]}, ["g1"]),
        ({"default_graph": [EX + "g1", EX + "g2"]}, ["g1", "g2"]),
        ({"named_graphs": [EX + "g2"]}, []),  # a dataset without default graph
        ({"default_graph": [], "union": True}, []),  # a dataset is given: no union
    ],
)
def test_the_dataset_of_a_query(store: ox.Store, options: dict, names: list[str]) -> None:
    assert _names(execute(store, "SELECT ?o WHERE { ?s ?p ?o }", **options)) == names


def test_named_graphs_and_the_base_iri(store: ox.Store) -> None:
    text = "SELECT ?o WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert _names(execute(store, text)) == ["g1", "g2"]
    assert _names(execute(store, text, named_graphs=[EX + "g2"])) == ["g2"]
    (row,) = execute(store, "SELECT ?o WHERE { <g1> ?p ?o }", base_iri=EX, union=True)
    assert row["o"].value == "g1"


def _serialized(result: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples, media: str) -> str:
    out = io.BytesIO()
    serialize(result, media, out)
    return out.getvalue().decode("utf-8")


def test_results_in_each_protocol_format(store: ox.Store) -> None:
    text = "SELECT ?s ?o WHERE { ?s ?p ?o }"
    answers = {media: _serialized(execute(store, text), media) for media in RESULT_TYPES}
    bindings = json.loads(answers["application/sparql-results+json"])["results"]["bindings"]
    assert bindings == [
        {
            "s": {"type": "uri", "value": EX + "default"},
            "o": {"type": "literal", "value": "default"},
        }
    ]
    assert answers["application/json"] == answers["application/sparql-results+json"]
    assert "<sparql xmlns=" in answers["application/sparql-results+xml"]
    assert list(csv.reader(io.StringIO(answers["text/csv"]))) == [
        ["s", "o"],
        [EX + "default", "default"],
    ]
    assert answers["text/tab-separated-values"].splitlines() == [
        "?s\t?o",
        f'<{EX}default>\t"default"',
    ]
    assert json.loads(_serialized(execute(store, "ASK {}"), "application/json")) == {
        "head": {},
        "boolean": True,
    }


@pytest.mark.parametrize("media", sorted(GRAPH_TYPES))
def test_graphs_in_each_rdf_format(store: ox.Store, media: str) -> None:
    text = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    written = _serialized(execute(store, text), media)
    parsed = list(ox.parse(written, format=getattr(ox.RdfFormat, GRAPH_TYPES[media])))
    assert [(t.subject.value, t.object.value) for t in parsed] == [(EX + "default", "default")]


def test_an_unknown_media_type_is_refused(store: ox.Store) -> None:
    with pytest.raises(KeyError, match="text/html"):
        serialize(execute(store, "ASK {}"), "text/html", io.BytesIO())
