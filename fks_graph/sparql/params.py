"""Query parameters: their declared types, ``--param`` text, and the RDF terms they are bound to."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier

from fks_graph.core.dates import DateError, parse_day
from fks_graph.core.errors import UsageError
from fks_graph.terms.vocab import vocabulary

if TYPE_CHECKING:
    from fks_graph.sparql.library import NamedQuery

__all__ = ["PARAM_TYPES", "QueryParam", "bind_params", "param_term", "parse_params"]

# Concept types: the value is a code or label of a SKOS concept scheme of the ontology.
_CONCEPT_TYPES = {
    "fks:ActorType": ("actor_types", "actor type"),
    "fks:Land": ("laender", "Land"),
    "fks:ActionField": ("action_fields", "action field"),
    "fks:TargetGroup": ("target_groups", "target group"),
    "fks:Role": ("roles", "role"),
    "fks:RegionType": ("region_types", "region type"),
}
_LITERAL_TYPES = (
    "xsd:string",
    "xsd:integer",
    "xsd:decimal",
    "xsd:boolean",
    "xsd:date",
    "xsd:gYear",
)
#: Types a ``# param:`` line may declare: literal datatypes, ``iri``, and concept schemes
#: whose codes and labels are looked up (``fks:Land`` accepts ``DE-NW``, ``NRW``, ``Bayern``).
PARAM_TYPES = (*_LITERAL_TYPES, "iri", *_CONCEPT_TYPES)

_VARIABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# an absolute IRI: a scheme, a colon, and no spaces, controls or <>"{}|^`\
_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[^\x00-\x20<>\"{}|^`\\]*")


@dataclass(frozen=True, slots=True)
class QueryParam:
    """A parameter a query declares in a ``# param:`` header line.

    ``# param: min_networks xsd:integer = 2 : minimum number of networks`` declares the
    variable ``?min_networks`` of type ``xsd:integer`` with default ``2``; ``(optional)``
    instead of a default means the variable stays unbound when the parameter is not given.
    """

    name: str
    type: str = "xsd:string"
    default: str | None = None
    optional: bool = False
    help: str = ""

    @property
    def required(self) -> bool:
        """True when the parameter has neither a default nor ``(optional)``."""
        return self.default is None and not self.optional


def parse_params(items: Iterable[str] | None) -> dict[str, str]:
    """``name=value`` strings (the CLI's ``--param``) as a mapping.

    The value is everything after the first ``=``, kept as it is (spaces and all).

    Examples
    --------
    >>> parse_params(["min_networks=3", "network=Bündnis = Zukunft"])
    {'min_networks': '3', 'network': 'Bündnis = Zukunft'}
    >>> parse_params(["oops"])
    Traceback (most recent call last):
    ...
    fks_graph.core.errors.UsageError: --param expects NAME=VALUE, not 'oops'
    """
    params: dict[str, str] = {}
    for item in items or ():
        name, sep, value = item.partition("=")
        name = name.strip()
        if not sep or not name:
            raise UsageError(f"--param expects NAME=VALUE, not '{item}'")
        if name in params:
            raise UsageError(f"parameter '{name}' is given twice")
        params[name] = value
    return params


def _iri(name: str, text: str) -> URIRef:
    value = text[1:-1] if text.startswith("<") and text.endswith(">") else text
    problem = None
    if not _IRI.fullmatch(value):
        problem = "not an absolute IRI"
    else:
        try:
            ox.NamedNode(value)
        except ValueError as exc:
            problem = f"not a valid IRI ({exc})"
    if problem:
        raise UsageError(
            f"parameter '{name}': {text!r} is {problem} "
            '(write <https://...>, without spaces or any of <>"{}|^`\\)'
        )
    return URIRef(value)


def _date(name: str, value: str) -> str:
    try:
        return parse_day(value).isoformat()
    except DateError as exc:
        raise UsageError(f"parameter '{name}': {exc}") from None


def param_term(param: QueryParam, value: str) -> Identifier:
    """The RDF term of a parameter value, of the declared type.

    Raises
    ------
    UsageError
        The value does not fit the type.

    Examples
    --------
    >>> param_term(QueryParam("year", "xsd:gYear"), "2014").n3()
    '"2014"^^<http://www.w3.org/2001/XMLSchema#gYear>'
    >>> param_term(QueryParam("land", "fks:Land"), "NRW")
    rdflib.term.URIRef('https://w3id.org/fks-graph/ontology/land/DE-NW')
    """
    name, type_ = param.name, param.type
    text = value.strip()
    angled = value.startswith("<") and value.endswith(">")
    if type_ == "xsd:string":
        return _iri(name, value) if angled else Literal(value)
    if type_ == "iri":
        return _iri(name, text)
    if type_ in _CONCEPT_TYPES:
        if angled:
            return _iri(name, value)
        scheme_name, what = _CONCEPT_TYPES[type_]
        scheme = getattr(vocabulary(), scheme_name)
        land = type_ == "fks:Land"
        concept = (vocabulary().land(text) if land else scheme.lookup(text)) if text else None
        if concept is None:
            raise UsageError(
                f"parameter '{name}': unknown {what} '{value}' "
                f"(expected a code or label: {', '.join(scheme.codes)})"
            )
        return URIRef(concept.iri)
    if type_ == "xsd:integer" and re.fullmatch(r"[+-]?\d+", text):
        return Literal(int(text))
    if type_ == "xsd:decimal" and re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", text):
        return Literal(text, datatype=XSD.decimal)
    if type_ == "xsd:boolean" and text.lower() in {"true", "false", "1", "0"}:
        return Literal(text.lower() in {"true", "1"})
    if type_ == "xsd:date":
        return Literal(_date(name, value), datatype=XSD.date)
    if type_ == "xsd:gYear" and re.fullmatch(r"\d{4}", text):
        return Literal(text, datatype=XSD.gYear)
    expected = {
        "xsd:integer": "a whole number such as 2",
        "xsd:decimal": "a number such as 2.5",
        "xsd:boolean": "true or false",
        "xsd:gYear": "a year such as 2014",
    }[type_]
    raise UsageError(f"parameter '{name}': '{value}' is not {expected} ({type_})")


def bind_params(
    query: NamedQuery, params: Mapping[str, str] | None = None
) -> dict[str, Identifier]:
    """The RDF terms the parameters of ``query`` are bound to: given values and defaults.

    A value becomes a literal of the parameter's declared type (``xsd:integer``,
    ``xsd:date``, ...), the IRI of a concept for concept types (``fks:ActorType`` accepts
    ``jobcenter`` or ``Jobcenter``), or an IRI when written ``<...>`` (for ``iri``,
    ``xsd:string`` and undeclared parameters); an undeclared parameter of a query without
    header is a plain string literal. Values are never pasted into the query text.

    Parameters
    ----------
    query
        The query, with the parameters its header declares.
    params
        Parameter names (without ``?``) and their values as text.

    Returns
    -------
    dict
        Variable names and terms; optional parameters that are not given are absent.

    Raises
    ------
    UsageError
        A missing required parameter, an unknown one (for a query with a header), or a value
        that does not fit the declared type.

    Examples
    --------
    >>> from fks_graph.sparql.library import load_query
    >>> q = load_query("cross-network-actors")
    >>> terms = bind_params(q, {"actor_type": "Jobcenter", "at": "22.05.2014"})
    >>> [(name, term.n3()) for name, term in terms.items()]  # doctest: +NORMALIZE_WHITESPACE
    [('min_networks', '"2"^^<http://www.w3.org/2001/XMLSchema#integer>'),
     ('actor_type', '<https://w3id.org/fks-graph/ontology/actor-type/jobcenter>'),
     ('at', '"2014-05-22"^^<http://www.w3.org/2001/XMLSchema#date>')]
    >>> bind_params(q, {"min_networks": "abc"})
    Traceback (most recent call last):
    ...
    fks_graph.core.errors.UsageError: parameter 'min_networks': 'abc' is not a whole number such as 2 (xsd:integer)
    >>> bind_params(q, {"color": "red"})
    Traceback (most recent call last):
    ...
    fks_graph.core.errors.UsageError: unknown parameter 'color' for query 'cross-network-actors' (known: min_networks, actor_type, state, at, certain_only)
    >>> bind_params(load_query("SELECT ?x WHERE { ?x ?p ?y }"), {"y": "<https://example.org/a>"})
    {'y': rdflib.term.URIRef('https://example.org/a')}
    """
    given = dict(params or {})
    for name in given:
        if not _VARIABLE.fullmatch(name):
            raise UsageError(f"'{name}' is not a parameter name (letters, digits and _)")
        if query.declares_params and query.param(name) is None:
            known = ", ".join(p.name for p in query.params)
            raise UsageError(
                f"unknown parameter '{name}' for query '{query.name}' "
                + (f"(known: {known})" if known else "(it takes no parameters)")
            )
    terms: dict[str, Identifier] = {}
    for param in query.params:
        value = given.pop(param.name, None)
        if value is None:
            value = param.default
        if value is None:
            if param.optional:
                continue
            raise UsageError(
                f"query '{query.name}' needs the parameter '{param.name}': "
                f"--param {param.name}=... ({param.help or param.type})"
            )
        terms[param.name] = param_term(param, value if isinstance(value, str) else str(value))
    for name, value in given.items():  # undeclared parameters of a query without header
        terms[name] = param_term(QueryParam(name), value if isinstance(value, str) else str(value))
    return terms
