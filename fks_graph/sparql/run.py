"""The one SPARQL runner: named queries with bound parameters, and the package's own queries."""

from __future__ import annotations

import operator
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

import pyoxigraph as ox
from rdflib import Graph
from rdflib.term import Identifier, Node

from fks_graph.core.errors import UsageError
from fks_graph.graph.rdf import PREFIXES as GRAPH_PREFIXES
from fks_graph.graph.rdf import default_graph_store, oxigraph_term, rdflib_term
from fks_graph.sparql.engine import execute
from fks_graph.sparql.library import NamedQuery, load_query
from fks_graph.sparql.params import bind_params
from fks_graph.sparql.safety import checked_shape

__all__ = ["PREFIXES", "QueryResult", "Term", "run_query", "select"]

#: The prefixes of every fks-graph graph, as SPARQL (written out: Oxigraph does not know rdflib's).
PREFIXES = "".join(
    f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in GRAPH_PREFIXES.items()
)


#: An RDF term as Oxigraph gives it in a query's answer.
Term = ox.NamedNode | ox.BlankNode | ox.Literal


@dataclass(frozen=True)
class QueryResult:
    """The answer of a query: column names and rows of terms (``None`` when unbound).

    ``answer`` holds the rows as they came: Oxigraph's terms when Oxigraph answered, rdflib's
    otherwise. ``terms`` gives them as Oxigraph's terms (the formats write those), ``rows``
    as rdflib's; each is made on first use, so an answer read as text never becomes rdflib
    terms. An ASK query has no columns and its answer in ``boolean``; CONSTRUCT and DESCRIBE
    queries give the columns ``subject``, ``predicate``, ``object``. ``prefixes`` are the
    graph's prefix bindings, used to shorten IRIs in tables.

    Examples
    --------
    >>> from rdflib import Literal, URIRef
    >>> result = QueryResult(("n", "label"), ((URIRef("https://example.org/n"), Literal("Nord")),))
    >>> str(result.terms[0][1]), result.rows[0][1]
    ('"Nord"', rdflib.term.Literal('Nord'))
    >>> result.records(text=True)
    [{'n': 'https://example.org/n', 'label': 'Nord'}]
    """

    variables: tuple[str, ...]
    answer: tuple[tuple[Term | Node | None, ...], ...]
    boolean: bool | None = None
    prefixes: tuple[tuple[str, str], ...] = ()

    def __len__(self) -> int:
        return len(self.answer)

    @cached_property
    def _rdflib(self) -> bool:
        """Whether the answer holds rdflib's terms."""
        return any(isinstance(term, Node) for row in self.answer for term in row)

    @cached_property
    def terms(self) -> tuple[tuple[Term | None, ...], ...]:
        """The rows as Oxigraph's terms (ValueError for a term Oxigraph rejects, such as an
        IRI with a space, which a plain rdflib graph may hold)."""
        if not self._rdflib:
            return self.answer
        return tuple(
            tuple(oxigraph_term(t) if isinstance(t, Node) else t for t in row)
            for row in self.answer
        )

    @cached_property
    def rows(self) -> tuple[tuple[Node | None, ...], ...]:
        """The rows as rdflib's terms."""
        if self._rdflib:
            return self.answer
        return tuple(
            tuple(None if term is None else rdflib_term(term) for term in row)
            for row in self.answer
        )

    def records(self, *, text: bool = False) -> list[dict[str, Node | str | None]]:
        """The rows as mappings from column name to rdflib term, or with ``text`` to its text.

        The text of a term is its IRI, lexical form or blank node id (as in :func:`select`).
        """
        if text:
            value = str if self._rdflib else operator.attrgetter("value")
            return [
                {
                    name: None if term is None else value(term)
                    for name, term in zip(self.variables, row, strict=True)
                }
                for row in self.answer
            ]
        return [dict(zip(self.variables, row, strict=True)) for row in self.rows]


def _projection_error(name: str) -> UsageError:
    return UsageError(
        f"parameter ?{name} is in the SELECT clause but not in the GROUP BY clause of the "
        "query: group by it too (or leave it out of the SELECT clause)"
    )


# what the scanner of _where_start skips: comments, strings, IRIs and variables
_SKIPPED = re.compile(
    r"#[^\n]*"
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'(?:[^'\\\n]|\\.)*'"
    r'|"(?:[^"\\\n]|\\.)*"'
    r'|<[^<>"{}|^`\\\x00-\x20]*>'
    r"|[?$]\w+"
)


def _where_start(text: str) -> int:
    """The position just after the ``{`` that opens the query's top-level group pattern.

    The first ``{`` outside comments, strings, IRIs and parentheses (a projection
    expression may hold ``EXISTS { ... }``).

    Examples
    --------
    >>> q = 'PREFIX x: <urn:x> SELECT ?s (EXISTS { ?s ?p 1 } AS ?e) # {\\nWHERE { ?s ?p "{" }'
    >>> q[_where_start(q):]
    ' ?s ?p "{" }'
    """
    depth, position = 0, 0
    while position < len(text):
        skipped = _SKIPPED.match(text, position)
        if skipped:
            position = skipped.end()
            continue
        char = text[position]
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "{" and depth == 0:
            return position + 1
        position += 1
    raise UsageError("the query has no group pattern { ... } to bind parameters in")


def _with_values(text: str, bindings: Mapping[str, Identifier]) -> str:
    """``text`` with a ``VALUES`` block that binds ``bindings`` at the start of its WHERE clause.

    The terms are written by Oxigraph (N-Triples syntax, every special character escaped),
    so no value can change what the query does.

    Examples
    --------
    >>> from rdflib import Literal
    >>> print(_with_values("SELECT ?s WHERE { ?s ?p ?o }", {"o": Literal('x" } #')}))
    SELECT ?s WHERE { VALUES (?o) { ("x\\" } #") }
     ?s ?p ?o }
    """
    start = _where_start(text)
    names = " ".join(f"?{name}" for name in bindings)
    terms = " ".join(str(oxigraph_term(term)) for term in bindings.values())
    return f"{text[:start]} VALUES ({names}) {{ ({terms}) }}\n{text[start:]}"


def run_query(
    graph: Graph,
    query: str | os.PathLike[str] | NamedQuery,
    params: Mapping[str, str] | None = None,
) -> QueryResult:
    """Run a named query, a ``.rq`` file or SPARQL text on ``graph``, with bound parameters.

    Parameters are bound as RDF terms (see :func:`~fks_graph.sparql.params.bind_params`) and
    may name any variable of the query. A variable named in the ``SELECT`` clause (or of an
    ASK, CONSTRUCT or DESCRIBE query) is bound through ``graph.query(text,
    initBindings=...)``, which Oxigraph receives as substitutions: the variable is bound for
    the whole query (``FILTER`` and ``HAVING`` see it), and its column is dropped from the
    result. Any other variable is bound by a ``VALUES`` block at the start of the top-level
    ``WHERE`` clause, its terms written by Oxigraph (the group's patterns and ``FILTER`` see
    it; a sub-query does not). Values are never pasted into the query as they are, so no
    value can change what the query does.

    Parameters
    ----------
    graph
        The graph (an Oxigraph-backed graph from :func:`fks_graph.build_graph` or
        :func:`fks_graph.source.open_graph`; another rdflib graph runs in rdflib's engine).
    query
        A library name, a ``.rq`` file, SPARQL text, or a
        :class:`~fks_graph.sparql.library.NamedQuery`.
    params
        Parameter names (without ``?``) and values as text, e.g. ``{"min_networks": "3"}``.

    Returns
    -------
    QueryResult

    Raises
    ------
    UsageError
        The query may not run (see :func:`~fks_graph.sparql.library.load_query`), a
        parameter is missing, unknown or does not fit its type, or a parameter of the
        ``SELECT`` clause of an aggregate query is not in its ``GROUP BY`` clause.

    Notes
    -----
    An optional parameter that is not given stays
    unbound. Oxigraph's optimizer takes a variable that no pattern binds for unbound, so
    ``BOUND(?param)`` is always false and ``BIND(?param AS ?x)`` binds nothing; the library
    tests ``COALESCE(isIRI(?param), false)`` instead, filters with
    ``COALESCE(?x = ?param, true)`` (true when ``?param`` is unbound) and copies a value with
    ``COALESCE(?param, default)``.

    Examples
    --------
    >>> from fks_graph.source import open_graph
    >>> from fks_graph.core.resources import ontology_path
    >>> graph = open_graph(ontology_path())
    >>> text = "SELECT ?land ?code WHERE { ?land skos:notation ?code ; skos:inScheme fks:Laender }"
    >>> result = run_query(graph, text, {"code": "DE-NW"})
    >>> result.variables, result.rows  # doctest: +NORMALIZE_WHITESPACE
    (('land',), ((rdflib.term.URIRef('https://w3id.org/fks-graph/ontology/land/DE-NW'),),))
    >>> text = "SELECT ?land WHERE { ?land skos:notation ?code }"  # ?code is not selected
    >>> run_query(graph, text, {"code": "DE-NW"}).rows
    ((rdflib.term.URIRef('https://w3id.org/fks-graph/ontology/land/DE-NW'),),)
    """
    named = load_query(query)
    shape = checked_shape(named.text)
    bindings = bind_params(named, params)
    hidden = {p.name for p in named.params} | set(params or {})
    text = named.text
    if shape.form == "SELECT":  # SELECT *: the VALUES block brings its variables into scope
        selected = shape.projection or ()
        inside = {k: v for k, v in bindings.items() if k not in selected}
        if inside:
            text = _with_values(text, inside)
            bindings = {k: v for k, v in bindings.items() if k in selected}
    prefixes = tuple((prefix, str(namespace)) for prefix, namespace in graph.namespaces())
    try:
        return _answer(graph, text, bindings, hidden, prefixes)
    except SyntaxError as exc:  # Oxigraph's parser is stricter than rdflib's in places
        raise UsageError(f"SPARQL error: {exc}") from None
    except RuntimeError as exc:
        found = re.search(r"variable \?(\w+) in its SELECT projection", str(exc))
        if found:
            raise _projection_error(found.group(1)) from None
        raise


def _answer(
    graph: Graph,
    text: str,
    bindings: Mapping[str, Identifier],
    hidden: set[str],
    prefixes: tuple[tuple[str, str], ...],
) -> QueryResult:
    """Run ``text`` on ``graph``: in Oxigraph itself when it holds the graph as its default
    graph (the answer stays in Oxigraph's terms), else through ``graph.query``."""
    store = default_graph_store(graph)
    if store is None:
        result = graph.query(text, initBindings=bindings)
        if result.type == "ASK":
            return QueryResult((), (), boolean=bool(result.askAnswer), prefixes=prefixes)
        if result.type in ("CONSTRUCT", "DESCRIBE"):
            return _triples(tuple(tuple(map(oxigraph_term, t)) for t in result.graph), prefixes)
        names = [str(v) for v in result.vars]
        rows = (tuple(row) for row in result)
    else:
        answer = execute(
            store,
            text,
            prefixes=dict(prefixes),
            substitutions={k: oxigraph_term(v) for k, v in bindings.items()},
        )
        if isinstance(answer, ox.QueryBoolean):
            return QueryResult((), (), boolean=bool(answer), prefixes=prefixes)
        if isinstance(answer, ox.QueryTriples):
            return _triples(tuple((t.subject, t.predicate, t.object) for t in answer), prefixes)
        names = [v.value for v in answer.variables]
        rows = (tuple(solution) for solution in answer)
    keep = [i for i, name in enumerate(names) if name not in hidden]
    if len(keep) < len(names):
        rows = (tuple(row[i] for i in keep) for row in rows)
    return QueryResult(tuple(names[i] for i in keep), tuple(rows), prefixes=prefixes)


def _triples(
    triples: tuple[tuple[Term, Term, Term], ...], prefixes: tuple[tuple[str, str], ...]
) -> QueryResult:
    """The answer of a CONSTRUCT or DESCRIBE query, its triples in N-Triples order."""
    rows = tuple(sorted(triples, key=lambda triple: tuple(str(t) for t in triple)))
    return QueryResult(("subject", "predicate", "object"), rows, prefixes=prefixes)


def select(graph: Graph, query: str, *, terms: bool = False) -> list[tuple]:
    """The rows of one of the package's own SELECT queries: values as text, or as rdflib terms.

    The runner for the package's fixed queries (no parameters, not checked again): with
    ``terms`` false, IRIs and literals come as their text and unbound values as ``None``;
    with ``terms``, the rows hold rdflib terms. The query runs in Oxigraph directly when
    the graph is the default graph of an Oxigraph store, as in :func:`run_query` (several
    times faster than through rdflib's result objects). :data:`PREFIXES` is prepended.

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
    >>> select(graph, query, terms=True)
    [(rdflib.term.URIRef('https://example.org/a'), rdflib.term.Literal('IHK'), None)]
    """
    text = PREFIXES + query
    store = default_graph_store(graph)
    if store is not None:
        # a solution iterates over its values in the order of the variables: faster than
        # looking each value up by name (millions of values at national scale)
        convert = rdflib_term if terms else operator.attrgetter("value")
        return [
            tuple(None if term is None else convert(term) for term in row)
            for row in execute(store, text)
        ]
    rows = graph.query(text)
    if terms:
        return [tuple(row) for row in rows]
    return [tuple(None if term is None else str(term) for term in row) for row in rows]
