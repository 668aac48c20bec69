"""Checking SPARQL before it runs: its form, and refusing updates, SERVICE and FROM."""

from __future__ import annotations

import hashlib
import json
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import TYPE_CHECKING

from fks_graph.core.errors import UsageError

if TYPE_CHECKING:
    from rdflib.plugins.sparql.parserutils import CompValue

__all__ = [
    "CHECKED",
    "MAX_NESTING",
    "MAX_TEXT",
    "Shape",
    "analyse",
    "check_update",
    "checked_shape",
    "sniff_form",
]


@dataclass(frozen=True, slots=True)
class Shape:
    """What a checked query is: its form, its ``SELECT`` variables, whether it names a dataset."""

    form: str  # SELECT, ASK, CONSTRUCT or DESCRIBE
    projection: tuple[str, ...] | None  # the SELECT variables; None for SELECT * and others
    dataset: bool  # the query names its dataset (FROM, FROM NAMED)


#: The longest query or update text that is parsed (characters). rdflib's parser takes some
#: 3 s for 100,000 and most of a minute for 2 MB (outside any time limit of the query itself),
#: and fails beyond about 8,000 ``UNION`` branches.
MAX_TEXT = 100_000

#: The deepest nesting of ``{ }``, ``( )`` and ``[ ]`` that is parsed: rdflib's recursive
#: parser runs out of Python's stack at about 40 levels.
MAX_NESTING = 24

# string literals, whose brackets do not nest anything
_STRINGS = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'  # """..."""
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"  # '''...'''
    r'|"(?:[^"\\\n]|\\.)*"'  # "..."
    r"|'(?:[^'\\\n]|\\.)*'"  # '...'
)


def _check_size(text: str) -> None:
    """Refuse text too long or too deeply nested to parse (UsageError), before parsing it."""
    if len(text) > MAX_TEXT:
        raise UsageError(
            f"the SPARQL text is {len(text):,} characters long; at most {MAX_TEXT:,} are read "
            "(give long lists of values as parameters)"
        )
    depth = deepest = 0
    for char in _STRINGS.sub("", text):
        if char in "{([":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "})]":
            depth -= 1
    if deepest > MAX_NESTING:
        raise UsageError(
            f"the SPARQL text nests groups and brackets {deepest} levels deep; at most "
            f"{MAX_NESTING} are read"
        )


def _check_query_text(text: str) -> None:
    """Refuse query text too long or deep to parse (:func:`_check_size`), or empty: nothing
    but white space and comments, which rdflib's parser would take for an empty update."""
    _check_size(text)
    if not re.sub(r"#[^\n]*", "", text).strip():
        raise UsageError("the query is empty (nothing but white space and comments)")


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
#: library query is checked when the package is made (``tests/test_sparql_library.py``
#: compares this file with :func:`fks_graph.sparql.library.checked_shapes`), not parsed again
#: on every use. Rewrite it with
#: ``python -c "from fks_graph.sparql.library import write_checked_shapes; write_checked_shapes()"``.
CHECKED = "checked.json"


@lru_cache(maxsize=1)
def _shipped_shapes() -> dict[str, Shape]:
    try:
        text = (files(__package__) / "queries" / CHECKED).read_text(encoding="utf-8")
    except OSError:  # pragma: no cover - a broken installation: everything is checked
        return {}
    return {
        digest: Shape(entry["form"], _tuple(entry["projection"]), entry["dataset"])
        for digest, entry in json.loads(text).items()
    }


def _tuple(values: list[str] | None) -> tuple[str, ...] | None:
    return None if values is None else tuple(values)


def checked_shape(text: str, allow_from: bool = False) -> Shape:
    """The shape of a query, checked: a shipped library query by its digest, any other text
    by rdflib's parser (:func:`analyse`)."""
    shipped = _shipped_shapes().get(hashlib.sha256(text.encode("utf-8")).hexdigest())
    return shipped if shipped is not None else analyse(text, allow_from)


@lru_cache(maxsize=256)
def analyse(text: str, allow_from: bool = False) -> Shape:
    """Parse ``text`` with rdflib's SPARQL parser and refuse what must not run.

    Raises
    ------
    UsageError
        A syntax error, an update, ``SERVICE``, or ``FROM`` unless ``allow_from``.

    Examples
    --------
    >>> analyse("ASK FROM <https://example.org/g> { ?s ?p ?o }", allow_from=True)
    Shape(form='ASK', projection=None, dataset=True)
    """
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    _check_query_text(text)
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
    except RecursionError:  # nested more deeply than the count of brackets saw
        raise UsageError("the SPARQL text is nested too deeply to be read") from None
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
    return Shape(form, projection, "datasetClause" in query)


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

    _check_size(text)
    try:
        with _PARSING:
            tree = parseUpdate(text)
    # ValueError, TypeError, KeyError: raised by some parse actions
    except (ParseException, ValueError, TypeError, KeyError) as exc:
        raise UsageError(f"SPARQL syntax error: {exc}") from None
    except RecursionError:  # nested more deeply than the count of brackets saw
        raise UsageError("the SPARQL text is nested too deeply to be read") from None
    if any(node.name in ("Load", "ServiceGraphPattern") for node in _walk(tree)):
        raise UsageError("LOAD and SERVICE are refused: the endpoint never reaches the network")


# what hides words from the search for the form: strings, IRIs and comments (found left to
# right, so a '#' inside an IRI or a string starts no comment)
_HIDING = re.compile(_STRINGS.pattern + r'|<[^<>"{}|^`\\\s]*>|#[^\n]*')
_FORM = re.compile(r"(?<![\w:?$])(SELECT|ASK|CONSTRUCT|DESCRIBE)(?![\w:-])", re.IGNORECASE)


def sniff_form(text: str) -> str | None:
    """The form of a SPARQL query read from its first keyword, without parsing it (``None``
    for text that names none); its length and nesting are checked as for parsing.

    For a server that must answer at once and leaves the check itself (:func:`analyse`, which
    takes a minute for some valid texts) to a process it can stop.

    Raises
    ------
    UsageError
        Text too long or nested too deeply to parse, or empty.

    Examples
    --------
    >>> sniff_form("PREFIX ask: <https://example.org/#select>  # DESCRIBE\\nconstruct { ?s ?p 'ASK' } {}")
    'CONSTRUCT'
    >>> sniff_form("INSERT DATA { <https://example.org/a> <https://example.org/b> 1 }") is None
    True
    """
    _check_query_text(text)
    found = _FORM.search(_HIDING.sub(" ", text))
    return None if found is None else found.group(1).upper()
