"""The named-query library (``.rq`` files with header comments); any query by name, file or text."""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

from fks_graph.core.errors import UsageError
from fks_graph.sparql.params import PARAM_TYPES, QueryParam, param_term
from fks_graph.sparql.safety import CHECKED, analyse, checked_shape

if TYPE_CHECKING:
    from importlib.abc import Traversable

__all__ = ["NamedQuery", "checked_shapes", "list_queries", "load_query", "write_checked_shapes"]

_HEADER_LINE = re.compile(r"#\s*(title|description|param|example)\s*:\s?(.*)")
_CONTINUATION = re.compile(r"#\s{2,}(\S.*)")
_PARAM_SPEC = re.compile(
    r"(?P<name>[A-Za-z_]\w*)\s+(?P<type>\S+)"
    r"(?:\s*=\s*(?P<default>.*?))?(?:\s*(?P<optional>\(optional\)))?\s*"
)
_QUERY_NAME = re.compile(r"[a-z0-9][a-z0-9-]*")


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
        param_term(param, param.default)  # a default must fit its type
    return param


def _named(name: str, text: str, path: str | None) -> NamedQuery:
    header = _parse_header(text, path or name)
    checked_shape(text)  # refuse updates, SERVICE, FROM and syntax errors early
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


def checked_shapes() -> dict[str, dict[str, object]]:
    """The shapes of the library queries as :data:`~fks_graph.sparql.safety.CHECKED` holds them.

    Each is checked now, by rdflib's parser.

    Examples
    --------
    >>> shapes = checked_shapes()
    >>> len(shapes) == len(list_queries())
    True
    """
    found = {}
    for named in list_queries():
        shape = analyse(named.text)
        found[hashlib.sha256(named.text.encode("utf-8")).hexdigest()] = {
            "query": named.name,
            "form": shape.form,
            "projection": None if shape.projection is None else list(shape.projection),
            "dataset": shape.dataset,
        }
    return dict(sorted(found.items(), key=lambda item: str(item[1]["query"])))


def write_checked_shapes() -> Path:
    """Write :data:`~fks_graph.sparql.safety.CHECKED` beside the library queries (after an edit)."""
    path = Path(__file__).parent / "queries" / CHECKED
    path.write_text(json.dumps(checked_shapes(), indent=1) + "\n", encoding="utf-8")
    return path
