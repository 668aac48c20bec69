"""Named SPARQL queries shipped with fks-graph, and running SPARQL safely with bound parameters."""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import json
import os
import re
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Identifier, Node

from fks_graph.core.cells import neutralise
from fks_graph.core.errors import UsageError
from fks_graph.core.terminal import printable
from fks_graph.terms.vocab import vocabulary

if TYPE_CHECKING:
    from importlib.abc import Traversable

    from rdflib.plugins.sparql.parserutils import CompValue

__all__ = [
    "FORMATS",
    "PARAM_TYPES",
    "NamedQuery",
    "QueryParam",
    "QueryResult",
    "bind_params",
    "check_update",
    "format_result",
    "format_table",
    "list_queries",
    "load_query",
    "names_dataset",
    "parse_params",
    "query_form",
    "run_query",
]

#: Output formats of :func:`format_result`.
FORMATS = ("table", "csv", "tsv", "json")

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

_HEADER_LINE = re.compile(r"#\s*(title|description|param|example)\s*:\s?(.*)")
_CONTINUATION = re.compile(r"#\s{2,}(\S.*)")
_PARAM_SPEC = re.compile(
    r"(?P<name>[A-Za-z_]\w*)\s+(?P<type>\S+)"
    r"(?:\s*=\s*(?P<default>.*?))?(?:\s*(?P<optional>\(optional\)))?\s*"
)
_VARIABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_QUERY_NAME = re.compile(r"[a-z0-9][a-z0-9-]*")
# an absolute IRI: a scheme, a colon, and no spaces, controls or <>"{}|^`\
_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[^\x00-\x20<>\"{}|^`\\]*")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
_NUMERIC_TYPES = frozenset(
    XSD[name]
    for name in (
        *("integer", "decimal", "double", "float", "int", "long", "short", "byte"),
        *("nonNegativeInteger", "positiveInteger", "negativeInteger", "nonPositiveInteger"),
        *("unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte"),
    )
)


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


@dataclass(frozen=True, slots=True)
class NamedQuery:
    """A SPARQL query with the metadata of its header comment.

    ``name`` is the library name, a file's stem or ``query`` for literal text; ``path`` is the
    file it was read from (``None`` for literal text).
    """

    name: str
    text: str
    title: str = ""
    description: str = ""
    params: tuple[QueryParam, ...] = ()
    example: str = ""
    path: str | None = None

    @property
    def declares_params(self) -> bool:
        """True when the query has a header: then only its declared parameters are accepted."""
        return bool(self.title or self.params)

    def param(self, name: str) -> QueryParam | None:
        """The declared parameter ``name``, or ``None``."""
        return next((p for p in self.params if p.name == name), None)


@dataclass(frozen=True, slots=True)
class QueryResult:
    """The answer of a query: column names and rows of rdflib terms (``None`` when unbound).

    An ASK query has no columns and its answer in ``boolean``; CONSTRUCT and DESCRIBE queries
    give the columns ``subject``, ``predicate``, ``object``. ``prefixes`` are the graph's
    prefix bindings, used to shorten IRIs in tables.
    """

    variables: tuple[str, ...]
    rows: tuple[tuple[Node | None, ...], ...]
    boolean: bool | None = None
    prefixes: tuple[tuple[str, str], ...] = ()

    def __len__(self) -> int:
        return len(self.rows)

    def records(self) -> list[dict[str, Node | None]]:
        """The rows as mappings from column name to term."""
        return [dict(zip(self.variables, row, strict=True)) for row in self.rows]


# --------------------------------------------------------------------------- the library


def _library_folder() -> Traversable:
    return files("fks_graph.sparql").joinpath("queries")


@lru_cache(maxsize=1)
def _library() -> dict[str, NamedQuery]:
    queries = {}
    for entry in sorted(_library_folder().iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            name = entry.name[: -len(".rq")]
            text = entry.read_text(encoding="utf-8")
            path = f"fks_graph/sparql/queries/{entry.name}"
            queries[name] = NamedQuery(name=name, text=text, path=path, **_parse_header(text, path))
    return queries


def list_queries() -> list[NamedQuery]:
    """The named queries shipped with fks-graph, sorted by name.

    Each is a ``.rq`` file in the package folder ``fks_graph/sparql/queries/`` whose header comment
    gives its title, description, parameters and an example command.

    Returns
    -------
    list of NamedQuery

    Examples
    --------
    >>> names = [q.name for q in list_queries()]
    >>> "cross-network-actors" in names and "members-of-network" in names
    True
    >>> q = load_query("cross-network-actors")
    >>> q.title, [(p.name, p.type, p.default, p.optional) for p in q.params][:2]
    ('Cross-network actors', [('min_networks', 'xsd:integer', '2', False), ('actor_type', 'fks:ActorType', None, True)])
    """
    return list(_library().values())


def _parse_header(text: str, where: str) -> dict:
    """Title, description, params and example from the leading comment lines of a query."""
    fields: dict[str, list[str]] = {"title": [], "description": [], "example": []}
    params: list[QueryParam] = []
    last: list[str] | None = None
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        match = _HEADER_LINE.fullmatch(stripped)
        if match is None:
            continuation = _CONTINUATION.fullmatch(line.rstrip())
            if last is not None and continuation:
                last.append(continuation.group(1).strip())
            else:
                last = None
            continue
        key, value = match.group(1), match.group(2).strip()
        if key == "param":
            params.append(_parse_param(value, where))
            last = None
        else:
            fields[key].append(value)
            last = fields[key]
    names = [p.name for p in params]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise UsageError(f"{where}: parameter '{duplicates[0]}' is declared twice")
    return {
        "title": " ".join(fields["title"]),
        "description": " ".join(fields["description"]),
        "example": " ".join(fields["example"]),
        "params": tuple(params),
    }


def _parse_param(value: str, where: str) -> QueryParam:
    """One ``# param: NAME TYPE [= DEFAULT] [(optional)] : HELP`` line."""
    spec, _, help_text = value.partition(" : ")
    match = _PARAM_SPEC.fullmatch(spec.strip())
    if match is None:
        raise UsageError(
            f"{where}: cannot read '# param: {value}' "
            "(expected '# param: NAME TYPE [= DEFAULT] [(optional)] : HELP')"
        )
    name, type_ = match.group("name"), match.group("type")
    if type_ not in PARAM_TYPES:
        raise UsageError(
            f"{where}: parameter '{name}' has the unknown type '{type_}' "
            f"(known: {', '.join(PARAM_TYPES)})"
        )
    param = QueryParam(
        name=name,
        type=type_,
        default=match.group("default") or None,
        optional=bool(match.group("optional")),
        help=help_text.strip(),
    )
    if param.default is not None:
        _term(param, param.default)  # a default must fit its type
    return param


def _named(name: str, text: str, path: str | None) -> NamedQuery:
    header = _parse_header(text, path or name)
    _checked(text)  # refuse updates, SERVICE, FROM and syntax errors early
    return NamedQuery(name=name, text=text, path=path, **header)


def _is_file(text: str) -> bool:
    if "\n" in text or len(text) > 4096:
        return False
    try:
        return Path(text).is_file()
    except (OSError, ValueError):
        return False


def load_query(source: str | os.PathLike[str] | NamedQuery) -> NamedQuery:
    """A query given as a library name, as the path of a ``.rq`` file, or as SPARQL text.

    The query is checked at once: a syntax error, an update (``INSERT``, ``DELETE``,
    ``DROP``, ``LOAD``, ...), ``SERVICE`` (which would reach the network) and ``FROM`` are
    refused with :class:`~fks_graph.core.errors.UsageError`. A file may carry the same header
    comment as the library queries (``# title:``, ``# param:``, ...).

    Parameters
    ----------
    source
        ``cross-network-actors`` (see :func:`list_queries`), ``my/query.rq``, or the text
        ``SELECT ... WHERE { ... }``.

    Returns
    -------
    NamedQuery

    Raises
    ------
    UsageError
        An unknown name, a missing or unreadable file, or a query that may not run.

    Examples
    --------
    >>> load_query("members-of-network").params[0].name
    'network'
    >>> q = load_query("SELECT ?s WHERE { ?s a org:Membership }")
    >>> q.name, q.path, q.params
    ('query', None, ())
    >>> load_query("no-such-query")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    fks_graph.core.errors.UsageError: unknown query 'no-such-query' (known: actor-type-mix, ...)
    >>> load_query("DROP ALL")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    fks_graph.core.errors.UsageError: this is a SPARQL update, not a query: ...
    """
    if isinstance(source, NamedQuery):
        return source
    library = _library()
    is_path = isinstance(source, os.PathLike)
    source = os.fspath(source)
    if not is_path and source in library:
        return library[source]
    if _is_file(source):
        path = Path(source)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(f"{path}: cannot read the query: {exc}") from None
        return _named(path.stem, text, str(path))
    if not is_path and _QUERY_NAME.fullmatch(source):
        raise UsageError(f"unknown query '{source}' (known: {', '.join(library)})")
    if is_path or ("{" not in source and not any(c.isspace() for c in source)):
        raise UsageError(f"{source}: no such query file (nor a query name or SPARQL text)")
    return _named("query", source, None)


# --------------------------------------------------------------------------- checking


@dataclass(frozen=True, slots=True)
class _Shape:
    form: str  # SELECT, ASK, CONSTRUCT or DESCRIBE
    projection: tuple[str, ...] | None  # the SELECT variables; None for SELECT * and others
    dataset: bool  # the query names its dataset (FROM, FROM NAMED)


# rdflib's pyparsing grammar is not thread-safe (its parse actions are adapted on first use):
# two threads parsing at once can break it for the rest of the process, so one at a time.
_PARSING = threading.Lock()


def _walk(node: object) -> Iterable[CompValue]:
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, CompValue):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, (list, tuple, ParseResults)):
        for value in node:
            yield from _walk(value)


#: The checked shapes of the shipped library queries, by the SHA-256 of their text: a
#: library query is checked when the package is made (``tests/test_query.py`` compares this
#: file with :func:`checked_shapes`), not parsed again on every use. Rewrite it with
#: ``python -c "from fks_graph.sparql.query import write_checked_shapes; write_checked_shapes()"``.
CHECKED = "checked.json"


@lru_cache(maxsize=1)
def _shipped_shapes() -> dict[str, _Shape]:
    try:
        text = (files(__package__) / "queries" / CHECKED).read_text(encoding="utf-8")
    except OSError:  # pragma: no cover - a broken installation: everything is checked
        return {}
    return {
        digest: _Shape(entry["form"], _tuple(entry["projection"]), entry["dataset"])
        for digest, entry in json.loads(text).items()
    }


def _tuple(values: list[str] | None) -> tuple[str, ...] | None:
    return None if values is None else tuple(values)


def _checked(text: str, allow_from: bool = False) -> _Shape:
    """The shape of a query, checked: a shipped library query by its digest, any other text
    by rdflib's parser (:func:`_analyse`)."""
    shipped = _shipped_shapes().get(hashlib.sha256(text.encode("utf-8")).hexdigest())
    return shipped if shipped is not None else _analyse(text, allow_from)


def checked_shapes() -> dict[str, dict[str, object]]:
    """The shapes of the library queries as :data:`CHECKED` holds them (each checked now).

    Examples
    --------
    >>> shapes = checked_shapes()
    >>> len(shapes) == len(list_queries())
    True
    """
    found = {}
    for named in list_queries():
        shape = _analyse(named.text)
        found[hashlib.sha256(named.text.encode("utf-8")).hexdigest()] = {
            "query": named.name,
            "form": shape.form,
            "projection": None if shape.projection is None else list(shape.projection),
            "dataset": shape.dataset,
        }
    return dict(sorted(found.items(), key=lambda item: str(item[1]["query"])))


def write_checked_shapes() -> Path:
    """Write :data:`CHECKED` beside the library queries (after changing one of them)."""
    path = Path(__file__).parent / "queries" / CHECKED
    path.write_text(json.dumps(checked_shapes(), indent=1) + "\n", encoding="utf-8")
    return path


@lru_cache(maxsize=256)
def _analyse(text: str, allow_from: bool = False) -> _Shape:
    """Parse ``text`` with rdflib's SPARQL parser and refuse what must not run."""
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    try:
        with _PARSING:
            tree = parseQuery(text)
    except ParseException as exc:
        try:
            with _PARSING:
                parseUpdate(text)
        except ParseException:  # not an update either: report the query error
            raise UsageError(f"SPARQL syntax error: {exc}") from None
        raise UsageError(
            "this is a SPARQL update, not a query: fks-graph never changes the graph "
            "(INSERT, DELETE, DROP, CLEAR, LOAD, CREATE, ... are refused)"
        ) from None
    except (ValueError, TypeError, KeyError) as exc:  # raised by some parse actions
        raise UsageError(f"SPARQL syntax error: {exc}") from None
    query = tree[1]
    for node in _walk(tree):
        if node.name == "ServiceGraphPattern":
            raise UsageError(
                "SERVICE is refused: fks-graph queries never reach the network, "
                "only the graph you give"
            )
    if "datasetClause" in query and not allow_from:
        raise UsageError(
            "FROM and FROM NAMED are refused: the query runs on the graph you give "
            "(and must not load others from the network)"
        )
    form = query.name.removesuffix("Query").upper()
    projection = None
    if form == "SELECT" and "projection" in query:
        projection = tuple(str(v["evar"] if "evar" in v else v["var"]) for v in query.projection)
    return _Shape(form, projection, "datasetClause" in query)


def check_update(text: str) -> None:
    """Check a SPARQL update before it runs: its syntax, and neither ``LOAD`` nor ``SERVICE``.

    Raises
    ------
    UsageError
        A syntax error, or an update that would reach the network.

    Examples
    --------
    >>> check_update("INSERT DATA { <https://example.org/a> <https://example.org/b> 1 }")
    >>> check_update("LOAD <https://example.org/data.ttl>")
    Traceback (most recent call last):
    ...
    fks_graph.core.errors.UsageError: LOAD and SERVICE are refused: the endpoint never reaches the network
    """
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        with _PARSING:
            tree = parseUpdate(text)
    # ValueError, TypeError, KeyError: raised by some parse actions
    except (ParseException, ValueError, TypeError, KeyError) as exc:
        raise UsageError(f"SPARQL syntax error: {exc}") from None
    if any(node.name in ("Load", "ServiceGraphPattern") for node in _walk(tree)):
        raise UsageError("LOAD and SERVICE are refused: the endpoint never reaches the network")


def query_form(text: str, *, allow_from: bool = False) -> str:
    """The form of a SPARQL query given as text: ``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``.

    Checks the text as :func:`load_query` does (and never reads it as a file name); with
    ``allow_from``, ``FROM`` and ``FROM NAMED`` pass (for an engine that takes them from its
    store, never from the network: see :func:`names_dataset`). Safe to call from several
    threads at once.

    Raises
    ------
    UsageError
        A syntax error, an update, ``SERVICE`` or ``FROM``.

    Examples
    --------
    >>> query_form("ASK { ?s ?p ?o }")
    'ASK'
    >>> query_form("SELECT * WHERE { SERVICE <https://example.org/sparql> { ?s ?p ?o } }")
    Traceback (most recent call last):
    ...
    fks_graph.core.errors.UsageError: SERVICE is refused: fks-graph queries never reach the network, only the graph you give
    """
    return _analyse(text, allow_from).form


def names_dataset(text: str) -> bool:
    """Whether the SPARQL query ``text`` names its dataset (``FROM`` or ``FROM NAMED``).

    Raises
    ------
    UsageError
        As :func:`query_form` with ``allow_from``.

    Examples
    --------
    >>> names_dataset("ASK FROM <https://example.org/g> { ?s ?p ?o }"), names_dataset("ASK {}")
    (True, False)
    """
    return _analyse(text, True).dataset


# --------------------------------------------------------------------------- parameters


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
    text = value.strip()
    german = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", text)
    if german:
        text = f"{german.group(3)}-{int(german.group(2)):02d}-{int(german.group(1)):02d}"
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return datetime.date.fromisoformat(text).isoformat()
    except ValueError:
        pass
    raise UsageError(
        f"parameter '{name}': '{value}' is not a date (expected YYYY-MM-DD such as 2014-05-22)"
    )


def _term(param: QueryParam, value: str) -> Identifier:
    """The RDF term of a parameter value, of the declared type."""
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
        concept = scheme.lookup(text) if text else None
        if concept is None and type_ == "fks:Land" and text:
            concept = scheme.lookup(f"DE-{text}")  # NW for DE-NW, as in the input files
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
        terms[param.name] = _term(param, value if isinstance(value, str) else str(value))
    for name, value in given.items():  # undeclared parameters of a query without header
        terms[name] = _term(QueryParam(name), value if isinstance(value, str) else str(value))
    return terms


# --------------------------------------------------------------------------- running


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
    >>> print(_with_values("SELECT ?s WHERE { ?s ?p ?o }", {"o": Literal('x" } #')}))
    SELECT ?s WHERE { VALUES (?o) { ("x\\" } #") }
     ?s ?p ?o }
    """
    start = _where_start(text)
    names = " ".join(f"?{name}" for name in bindings)
    terms = " ".join(str(_ox_term(term)) for term in bindings.values())
    return f"{text[:start]} VALUES ({names}) {{ ({terms}) }}\n{text[start:]}"


def _ox_term(term: Identifier) -> ox.NamedNode | ox.Literal:
    """The Oxigraph term of a parameter's RDF term (an IRI or a literal)."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    assert isinstance(term, Literal)
    if term.language:
        return ox.Literal(str(term), language=term.language)
    if term.datatype is not None:
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
    return ox.Literal(str(term))


def run_query(
    graph: Graph,
    query: str | os.PathLike[str] | NamedQuery,
    params: Mapping[str, str] | None = None,
) -> QueryResult:
    """Run a named query, a ``.rq`` file or SPARQL text on ``graph``, with bound parameters.

    Parameters are bound as RDF terms (see :func:`bind_params`) and may name any variable
    of the query. A variable named in the ``SELECT`` clause (or of an ASK, CONSTRUCT or
    DESCRIBE query) is bound through ``graph.query(text, initBindings=...)``, which Oxigraph
    receives as substitutions: the variable is bound for the whole query (``FILTER`` and
    ``HAVING`` see it), and its column is dropped from the result. Any other variable is
    bound by a ``VALUES`` block at the start of the top-level ``WHERE`` clause, its terms
    written by Oxigraph (the group's patterns and ``FILTER`` see it; a sub-query does not).
    Values are never pasted into the query as they are, so no value can change what the
    query does.

    Parameters
    ----------
    graph
        The graph (an Oxigraph-backed graph from :func:`fks_graph.build_graph` or
        :func:`fks_graph.source.open_graph`; another rdflib graph runs in rdflib's engine).
    query
        A library name, a ``.rq`` file, SPARQL text, or a :class:`NamedQuery`.
    params
        Parameter names (without ``?``) and values as text, e.g. ``{"min_networks": "3"}``.

    Returns
    -------
    QueryResult

    Raises
    ------
    UsageError
        The query may not run (see :func:`load_query`), a parameter is missing, unknown or
        does not fit its type, or a parameter of the ``SELECT`` clause of an aggregate
        query is not in its ``GROUP BY`` clause.

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
    shape = _checked(named.text)
    bindings = bind_params(named, params)
    hidden = {p.name for p in named.params} | set(params or {})
    text = named.text
    if shape.form == "SELECT":  # SELECT *: the VALUES block brings its variables into scope
        selected = shape.projection or ()
        inside = {k: v for k, v in bindings.items() if k not in selected}
        if inside:
            text = _with_values(text, inside)
            bindings = {k: v for k, v in bindings.items() if k in selected}
    try:
        result = graph.query(text, initBindings=bindings)
    except SyntaxError as exc:  # Oxigraph's parser is stricter than rdflib's in places
        raise UsageError(f"SPARQL error: {exc}") from None
    except RuntimeError as exc:
        found = re.search(r"variable \?(\w+) in its SELECT projection", str(exc))
        if found:
            raise _projection_error(found.group(1)) from None
        raise
    prefixes = tuple((prefix, str(namespace)) for prefix, namespace in graph.namespaces())
    if result.type == "ASK":
        return QueryResult((), (), boolean=bool(result.askAnswer), prefixes=prefixes)
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        triples = sorted(result.graph, key=lambda t: tuple(term.n3() for term in t))
        return QueryResult(("subject", "predicate", "object"), tuple(triples), prefixes=prefixes)
    names = [str(v) for v in result.vars]
    keep = [i for i, name in enumerate(names) if name not in hidden]
    rows = tuple(tuple(row[i] for i in keep) for row in result)
    return QueryResult(tuple(names[i] for i in keep), rows, prefixes=prefixes)


# --------------------------------------------------------------------------- formatting


def _is_plain(term: Literal) -> bool:
    return term.language is None and term.datatype in (None, XSD.string)


def _text(term: Node | None) -> str:
    """A term as a plain value: IRI, lexical form, ``_:id``, or empty when unbound."""
    if term is None:
        return ""
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def _is_number(term: Node | None) -> bool:
    """Whether ``term`` is a numeric literal whose lexical form is a plain number."""
    return (
        isinstance(term, Literal)
        and term.datatype in _NUMERIC_TYPES
        and _NUMBER.fullmatch(str(term)) is not None
    )


def _cell(term: Node | None, raw: bool) -> str:
    """A CSV cell: the plain value, neutralised unless ``raw`` or a number."""
    text = _text(term)
    return text if raw or _is_number(term) else neutralise(text)


def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace("\t", "\\t")
    )


def _ntriples(term: Node | None, raw: bool = True) -> str:
    """A term in N-Triples syntax, as the SPARQL TSV results format writes it.

    Unless ``raw``, the lexical form of a literal that is no number is neutralised
    (:func:`fks_graph.core.cells.neutralise`): a spreadsheet strips the quotes of a cell.
    """
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    assert isinstance(term, Literal)
    lexical = str(term) if raw or _is_number(term) else neutralise(str(term))
    text = f'"{_escape(lexical)}"'
    if term.language:
        return f"{text}@{term.language}"
    if _is_plain(term):
        return text
    return f"{text}^^<{term.datatype}>"


def _json_term(term: Node) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    assert isinstance(term, Literal)
    value = {"type": "literal", "value": str(term)}
    if term.language:
        value["xml:lang"] = term.language
    elif not _is_plain(term) and term.datatype != RDF.langString:
        value["datatype"] = str(term.datatype)
    return value


def _short(term: Node | None, prefixes: Sequence[tuple[str, str]]) -> str:
    text = _text(term)
    if isinstance(term, URIRef):
        best = max(
            (p for p in prefixes if text.startswith(p[1]) and len(text) > len(p[1])),
            key=lambda p: len(p[1]),
            default=None,
        )
        if best is not None:
            text = f"{best[0]}:{text[len(best[1]) :]}"
    return " ".join(text.split()) if _CONTROL.search(text) else text  # one line per row


def format_table(
    columns: Sequence[str], rows: Iterable[Sequence[str]], *, max_width: int = 60
) -> str:
    """Rows of text as an aligned plain-text table with a header and a row count.

    Columns whose values are all whole numbers are right-aligned; longer cells are cut to
    ``max_width`` characters with ``…``; control characters in a cell are shown as escapes
    (:func:`fks_graph.core.terminal.printable`), so that a value cannot act on the terminal.

    Examples
    --------
    >>> print(format_table(["actor", "networks"], [["IHK Aachen", "12"], ["DGB Region", "3"]]))
    actor       networks
    ----------  --------
    IHK Aachen        12
    DGB Region         3
    (2 rows)
    """
    cells = [
        [
            c if len(c) <= max_width else c[: max_width - 1] + "…"
            for c in (printable(str(v)) for v in row)
        ]
        for row in rows
    ]
    widths = [len(c) for c in columns]
    for row in cells:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
    numeric = [
        bool(cells) and all(re.fullmatch(r"-?\d+", row[i]) or not row[i] for row in cells)
        for i in range(len(columns))
    ]

    def line(values: Sequence[str]) -> str:
        parts = [
            v.rjust(w) if num else v.ljust(w)
            for v, w, num in zip(values, widths, numeric, strict=True)
        ]
        return "  ".join(parts).rstrip()

    out = [line(columns), line(["-" * w for w in widths])]
    out.extend(line(row) for row in cells)
    out.append(f"({len(cells)} row{'' if len(cells) == 1 else 's'})")
    return "\n".join(out)


def format_result(result: QueryResult, fmt: str = "table", *, raw: bool = False) -> str:
    """A query result as text: ``table``, ``csv``, ``tsv`` or ``json``.

    - ``table``: aligned plain text for reading, IRIs shortened with the graph's prefixes;
    - ``csv``: the SPARQL 1.1 CSV results format (plain values, CRLF line ends);
    - ``tsv``: the SPARQL 1.1 TSV results format (``?var`` header, values in N-Triples
      syntax, so datatypes and languages survive);
    - ``json``: the SPARQL 1.1 JSON results format.

    CSV and TSV are opened in spreadsheets: text (other than numbers) that a spreadsheet
    would take for a formula starts with an apostrophe (:func:`fks_graph.core.cells.neutralise`)
    unless ``raw`` asks for the values exactly as they are (for programs).

    Examples
    --------
    >>> from rdflib import Literal, URIRef
    >>> r = QueryResult(("network", "members"), ((URIRef("https://example.org/network/N1"), Literal(7)),))
    >>> format_result(r, "csv")
    'network,members\\r\\nhttps://example.org/network/N1,7\\r\\n'
    >>> print(format_result(r, "tsv"), end="")  # doctest: +NORMALIZE_WHITESPACE
    ?network ?members
    <https://example.org/network/N1> "7"^^<http://www.w3.org/2001/XMLSchema#integer>
    >>> print(format_result(r, "json"))  # doctest: +NORMALIZE_WHITESPACE
    {"head": {"vars": ["network", "members"]}, "results": {"bindings": [{"network": {"type": "uri",
     "value": "https://example.org/network/N1"}, "members": {"type": "literal", "value": "7",
     "datatype": "http://www.w3.org/2001/XMLSchema#integer"}}]}}
    >>> print(format_result(QueryResult((), (), boolean=True), "table"))
    true
    >>> hostile = QueryResult(("name", "n"), ((Literal("=1+2"), Literal(-3)),))
    >>> format_result(hostile, "csv"), format_result(hostile, "csv", raw=True)
    ("name,n\\r\\n'=1+2,-3\\r\\n", 'name,n\\r\\n=1+2,-3\\r\\n')
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format '{fmt}' (known: {', '.join(FORMATS)})")
    if result.boolean is not None:
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": result.boolean})
        answer = "true" if result.boolean else "false"
        return {"csv": f"boolean\r\n{answer}\r\n", "tsv": f"?boolean\n{answer}\n"}.get(fmt, answer)
    if fmt == "json":
        bindings = [
            {
                name: _json_term(term)
                for name, term in zip(result.variables, row, strict=True)
                if term is not None
            }
            for row in result.rows
        ]
        document = {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}
        return json.dumps(document, ensure_ascii=False)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(result.variables)
        writer.writerows([_cell(term, raw) for term in row] for row in result.rows)
        return buffer.getvalue()
    if fmt == "tsv":
        lines = ["\t".join(f"?{name}" for name in result.variables)]
        lines.extend("\t".join(_ntriples(term, raw) for term in row) for row in result.rows)
        return "\n".join(lines) + "\n"
    return format_table(
        result.variables,
        ([_short(term, result.prefixes) for term in row] for row in result.rows),
    )
