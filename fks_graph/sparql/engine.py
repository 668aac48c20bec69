"""Queries on a pyoxigraph store, answered in the SPARQL protocol's formats (pyoxigraph only)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import BinaryIO

import pyoxigraph as ox

__all__ = ["GRAPH_TYPES", "RESULT_TYPES", "execute", "serialize"]

# media type -> name of the format, for the results of SELECT/ASK and of CONSTRUCT/DESCRIBE
RESULT_TYPES = {
    "application/sparql-results+json": "JSON",
    "application/json": "JSON",
    "application/sparql-results+xml": "XML",
    "application/xml": "XML",
    "text/csv": "CSV",
    "text/tab-separated-values": "TSV",
}
GRAPH_TYPES = {
    "text/turtle": "TURTLE",
    "application/rdf+xml": "RDF_XML",
    "application/ld+json": "JSON_LD",
    "application/n-triples": "N_TRIPLES",
}


def execute(
    store: ox.Store,
    text: str,
    *,
    base_iri: str | None = None,
    default_graph: Sequence[str] | None = None,
    named_graphs: Sequence[str] | None = None,
    union: bool = False,
    prefixes: Mapping[str, str] | None = None,
    substitutions: Mapping[str, ox.NamedNode | ox.BlankNode | ox.Literal] | None = None,
) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
    """The answer of Oxigraph to the query ``text`` on ``store``.

    Parameters
    ----------
    store
        The store to query.
    text
        SPARQL query text, run as it is (check it first: :mod:`fks_graph.sparql.safety`).
    base_iri
        The base IRI of relative IRIs in the query.
    default_graph, named_graphs
        The IRIs of the dataset the query runs on (the SPARQL protocol's ``default-graph-uri``
        and ``named-graph-uri``); when either is given, the other is empty unless given too.
    union
        Without a dataset: the default graph is the union of all graphs of the store.
    prefixes
        Prefixes the query may use without declaring them (name -> namespace IRI).
    substitutions
        Variables (names without ``?``) bound to terms for the whole query, as Oxigraph's
        substitutions: the query runs as if the variable were that term.

    Examples
    --------
    >>> store = ox.Store()
    >>> a = ox.NamedNode("https://example.org/a")
    >>> store.add(ox.Quad(a, a, a, ox.NamedNode("https://example.org/g")))
    >>> text = "SELECT ?s WHERE { ?s ?p ?o }"
    >>> len(list(execute(store, text))), len(list(execute(store, text, union=True)))
    (0, 1)
    >>> [row[0].value for row in execute(store, text, default_graph=["https://example.org/g"])]
    ['https://example.org/a']
    >>> [row[0].value for row in execute(store, "SELECT ?s { }", substitutions={"s": a})]
    ['https://example.org/a']
    """
    options: dict = {}
    if prefixes:
        options["prefixes"] = dict(prefixes)
    if substitutions:
        options["substitutions"] = {ox.Variable(k): v for k, v in substitutions.items()}
    if default_graph is not None or named_graphs is not None:
        options["default_graph"] = [ox.NamedNode(iri) for iri in default_graph or ()]
        options["named_graphs"] = [ox.NamedNode(iri) for iri in named_graphs or ()]
    elif union:
        options["use_default_graph_as_union"] = True
    return store.query(text, base_iri=base_iri, **options)


def serialize(
    result: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples, media: str, output: BinaryIO
) -> None:
    """Write ``result`` to ``output`` in the format of the media type ``media``.

    SELECT and ASK answers take a key of :data:`RESULT_TYPES` (the SPARQL 1.1 JSON, XML, CSV
    and TSV results formats), CONSTRUCT and DESCRIBE answers one of :data:`GRAPH_TYPES`;
    Oxigraph writes them.

    Examples
    --------
    >>> import io
    >>> out = io.BytesIO()
    >>> serialize(execute(ox.Store(), "SELECT (1 AS ?one) {}"), "text/csv", out)
    >>> out.getvalue()
    b'one\\r\\n1\\r\\n'
    """
    if media in GRAPH_TYPES:
        result.serialize(output, getattr(ox.RdfFormat, GRAPH_TYPES[media]))
    else:
        result.serialize(output, getattr(ox.QueryResultsFormat, RESULT_TYPES[media]))
