"""The graph object: an rdflib ``Graph`` over an in-memory Oxigraph store, with our prefixes."""

from __future__ import annotations

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SDO, SKOS, TIME, XSD
from rdflib.term import Node

from fks_graph.graph.iris import DEFAULT_BASE
from fks_graph.terms.namespace import FKS_NAMESPACE

__all__ = [
    "PREFIXES",
    "default_graph_store",
    "graph_from_store",
    "new_graph",
    "on_oxigraph",
    "oxigraph_store",
    "oxigraph_term",
    "rdflib_term",
    "triple_count",
]

#: Prefixes bound in every graph fks-graph makes (and used when writing Turtle/TriG).
PREFIXES: dict[str, str] = {
    "fks": FKS_NAMESPACE,
    "org": str(ORG),
    "skos": str(SKOS),
    "dct": str(DCTERMS),
    "prov": str(PROV),
    "schema": str(SDO),
    "time": str(TIME),
    "foaf": str(FOAF),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
}


def graph_from_store(store: ox.Store, *, base: str = DEFAULT_BASE) -> Graph:
    """Wrap a pyoxigraph store's default graph as an ``rdflib.Graph``.

    SPARQL given as a string runs in Oxigraph; rdflib consumers (pySHACL, iteration) keep
    working through oxrdflib.

    Examples
    --------
    >>> g = graph_from_store(ox.Store())
    >>> len(g), dict(g.namespaces())["fks"]
    (0, rdflib.term.URIRef('https://w3id.org/fks-graph/ontology#'))
    """
    graph = Graph(
        store=OxigraphStore(store=store),
        identifier=DATASET_DEFAULT_GRAPH_ID,
        bind_namespaces="none",
    )
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    for kind in ("network", "actor", "project", "region"):
        graph.bind(kind, f"{base}{kind}/")
    return graph


def new_graph(*, base: str = DEFAULT_BASE) -> Graph:
    """An empty graph over a new in-memory Oxigraph store.

    Examples
    --------
    >>> len(new_graph())
    0
    """
    return graph_from_store(ox.Store(), base=base)


def oxigraph_store(graph: Graph) -> ox.Store | None:
    """The pyoxigraph store behind ``graph``, or ``None`` for another rdflib store.

    The one place that reaches into oxrdflib's store object, for bulk operations that the
    rdflib API would do triple by triple.

    Examples
    --------
    >>> oxigraph_store(new_graph()) is not None, oxigraph_store(Graph()) is None
    (True, True)
    """
    store = graph.store
    return store._inner if isinstance(store, OxigraphStore) else None


def default_graph_store(graph: Graph) -> ox.Store | None:
    """The Oxigraph store whose default graph ``graph`` is, or ``None``.

    Consumers that work on the store itself (bulk writes, Oxigraph's own SPARQL, counting)
    may do so only for this graph: ``None`` for a graph over another rdflib store, and for
    an rdflib graph that names another graph of an Oxigraph store or stands for the union
    of its graphs (rdflib knows which triples those mean; the store's default graph holds
    others). Every graph fks-graph builds or loads is a store's default graph.

    Examples
    --------
    >>> from oxrdflib import OxigraphStore
    >>> from rdflib import Dataset
    >>> store = OxigraphStore()
    >>> default_graph_store(new_graph()) is not None, default_graph_store(Graph()) is None
    (True, True)
    >>> named = Graph(store=store, identifier=URIRef("https://example.org/g"))
    >>> default_graph_store(named) is None, default_graph_store(Dataset(store, default_union=True))
    (True, None)
    """
    store = oxigraph_store(graph)
    if (
        store is None
        or getattr(graph, "default_union", False)
        or graph.identifier != DATASET_DEFAULT_GRAPH_ID
    ):
        return None
    return store


def oxigraph_term(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term as Oxigraph's (blank nodes keep their ids); ValueError if it has none.

    Examples
    --------
    >>> print(oxigraph_term(Literal("Köln", lang="de")), oxigraph_term(URIRef("https://example.org/a")))
    "Köln"@de <https://example.org/a>
    """
    if isinstance(term, URIRef):
        return ox.NamedNode(term)
    if isinstance(term, BNode):
        return ox.BlankNode(term)
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(term.datatype))
        return ox.Literal(str(term))
    raise ValueError(f"cannot store {term!r} in Oxigraph")


def rdflib_term(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> Node:
    """An Oxigraph term as rdflib's, the inverse of :func:`oxigraph_term`.

    A literal keeps its datatype (``xsd:string`` included), as oxrdflib gives it;
    ValueError for a term rdflib has no class for (an RDF-star triple).

    Examples
    --------
    >>> rdflib_term(ox.Literal("7", datatype=ox.NamedNode(str(XSD.integer)))).toPython()
    7
    >>> rdflib_term(ox.Literal("Köln", language="de")), rdflib_term(ox.BlankNode("b1"))
    (rdflib.term.Literal('Köln', lang='de'), rdflib.term.BNode('b1'))
    """
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    raise ValueError(f"no rdflib term for {term!r}")


def on_oxigraph(graph: Graph) -> Graph:
    """``graph`` itself when it is an Oxigraph store's default graph, else a copy of it there.

    fks-graph's one policy for plain rdflib graphs (over any other rdflib store, e.g. an
    ``rdflib.Graph()`` filled by hand or by another library, or a named graph or the union
    of the graphs of an Oxigraph store, see :func:`default_graph_store`): every consumer
    accepts them, and a consumer that needs Oxigraph (bulk writes of files and stores, fast
    SPARQL, validation) works on the copy made here, once, triple by triple. Graphs that
    fks-graph builds or loads are a store's default graph and pass through untouched.
    Whoever needs the store itself takes ``oxigraph_store(on_oxigraph(graph))``, never
    ``None``.

    Raises
    ------
    ValueError
        When the graph holds a term Oxigraph rejects (e.g. an IRI with a space, which
        rdflib lets through); the consumer decides whether it can go on without Oxigraph.

    Examples
    --------
    >>> built = new_graph()
    >>> on_oxigraph(built) is built
    True
    >>> plain = Graph()
    >>> _ = plain.add((URIRef("https://example.org/a"), URIRef("https://example.org/p"), Literal(1)))
    >>> copy = on_oxigraph(plain)
    >>> oxigraph_store(copy) is not None, set(copy) == set(plain)
    (True, True)
    >>> _ = plain.add((URIRef("https://example.org/a b"), URIRef("https://example.org/p"), Literal(1)))
    >>> on_oxigraph(plain)
    Traceback (most recent call last):
    ...
    ValueError: Invalid IRI code point ' '
    """
    if default_graph_store(graph) is not None:
        return graph
    store = ox.Store()
    store.bulk_extend(
        ox.Quad(oxigraph_term(s), oxigraph_term(p), oxigraph_term(o), ox.DefaultGraph())
        for s, p, o in graph.triples((None, None, None))
    )
    return graph_from_store(store)


def triple_count(graph: Graph) -> int:
    """The number of triples of ``graph``, counted by Oxigraph when it stores the graph.

    ``len()`` of an oxrdflib graph counts distinct triples over all graphs of the store with
    a SPARQL query: seconds at national scale. Here the store answers directly (its own
    length, less the quads of its named graphs when it has any).

    Examples
    --------
    >>> from rdflib import Literal, URIRef
    >>> g = new_graph()
    >>> _ = g.add((URIRef("https://example.org/a"), URIRef("https://example.org/b"), Literal(1)))
    >>> triple_count(g), triple_count(Graph()), triple_count(g) == len(g)
    (1, 0, True)
    >>> a = ox.NamedNode("https://example.org/a")
    >>> oxigraph_store(g).add(ox.Quad(a, a, a, ox.NamedNode("https://example.org/g")))
    >>> triple_count(g)
    1
    """
    store = default_graph_store(graph)
    if store is None:
        return len(graph)
    # the quads of the store less those of its named graphs (an fks-graph graph rarely has any)
    named = store.named_graphs()
    return len(store) - sum(
        1 for name in named for _ in store.quads_for_pattern(None, None, None, name)
    )
