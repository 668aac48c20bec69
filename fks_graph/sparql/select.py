"""Run a SPARQL SELECT query over a graph and get its rows as plain Python strings."""

from __future__ import annotations

from rdflib import Graph

from fks_graph.graph.rdf import PREFIXES as GRAPH_PREFIXES
from fks_graph.graph.rdf import oxigraph_store

__all__ = ["PREFIXES", "select"]

#: The prefixes of every fks-graph graph, as SPARQL (written out: Oxigraph does not know rdflib's).
PREFIXES = "".join(
    f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in GRAPH_PREFIXES.items()
)


def select(graph: Graph, query: str) -> list[tuple[str | None, ...]]:
    """The rows of a SELECT query: IRIs and literals as their text, unbound values as None.

    The query runs in Oxigraph directly when the graph lives in an Oxigraph store (several
    times faster than through rdflib's result objects), else through ``graph.query``.
    :data:`PREFIXES` is prepended.

    Examples
    --------
    >>> from fks_graph.graph.rdf import new_graph
    >>> from rdflib import Graph, Literal, URIRef
    >>> from rdflib.namespace import SKOS
    >>> triple = (URIRef("https://example.org/a"), SKOS.prefLabel, Literal("IHK"))
    >>> query = "SELECT ?s ?label ?none WHERE { ?s skos:prefLabel ?label }"
    >>> for graph in new_graph(), Graph():
    ...     _ = graph.add(triple)
    ...     print(select(graph, query))
    [('https://example.org/a', 'IHK', None)]
    [('https://example.org/a', 'IHK', None)]
    """
    text = PREFIXES + query
    store = oxigraph_store(graph)
    if store is not None:
        # a solution iterates over its values in the order of the variables: faster than
        # looking each value up by name (millions of values at national scale)
        return [
            tuple(None if term is None else term.value for term in row) for row in store.query(text)
        ]
    return [tuple(None if term is None else str(term) for term in row) for row in graph.query(text)]
