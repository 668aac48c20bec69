"""The endpoint's home page: a query editor with the named queries as examples, offline."""

from __future__ import annotations

import itertools
import shlex
from functools import lru_cache
from importlib import resources

from markupsafe import Markup

from fks_graph.core.templates import environment, script_hash
from fks_graph.sparql.library import NamedQuery, list_queries
from fks_graph.sparql.params import bind_params

__all__ = ["example_text", "home_page"]

_TEMPLATES = resources.files("fks_graph.serve") / "templates"


def example_text(query: NamedQuery) -> str:
    """The text of a named query with its required parameters bound to its example's values.

    SPARQL text sent to the endpoint cannot carry parameters: a query run without them looks
    every network (or actor) up by id, by name and by IRI at once, so ``shared-members``
    lists every pair of networks nine times (an answer of many megabytes). Here the values of the
    query's example command are bound by a ``VALUES`` block at the start of the ``WHERE``
    clause, written from the RDF terms :func:`fks_graph.sparql.params.bind_params` makes of them.

    Examples
    --------
    >>> from fks_graph.sparql.library import load_query
    >>> print(example_text(load_query("members-of-network")).split("WHERE {")[1].splitlines()[1])
      VALUES ?network { "SN-CHE" }  # the example's parameters: edit them
    >>> example_text(load_query("top-brokers")) == load_query("top-brokers").text
    True
    """
    words = shlex.split(query.example)
    given = dict(
        word.partition("=")[::2]
        for before, word in itertools.pairwise(words)
        if before == "--param"
    )
    names = [p.name for p in query.params if p.required and p.name in given]
    if not names or "WHERE {" not in query.text:
        return query.text
    terms = bind_params(query, {name: given[name] for name in names})
    values = (
        f"VALUES ?{names[0]} {{ {terms[names[0]].n3()} }}"
        if len(names) == 1
        else f"VALUES ({' '.join('?' + n for n in names)}) "
        f"{{ ({' '.join(terms[n].n3() for n in names)}) }}"
    )
    return query.text.replace(
        "WHERE {", f"WHERE {{\n  {values}  # the example's parameters: edit them", 1
    )


@lru_cache(maxsize=1)
def home_page() -> str:
    """The HTML of ``/``: editor, examples (the named queries), links to the graph pages.

    Self-contained (no request leaves for anywhere else): one inline script allowed by its
    hash in a Content-Security-Policy that permits connections to the endpoint only; results
    are put into the table with ``textContent``.

    Examples
    --------
    >>> page = home_page()
    >>> "cross-network-actors" in page, "<script src" in page
    (True, False)
    """
    examples = [
        {"title": f"{q.name} – {q.title or ''}", "text": example_text(q)} for q in list_queries()
    ]
    script = (_TEMPLATES / "query.js").read_text(encoding="utf-8")
    return (
        environment("fks_graph.serve")
        .get_template("query.html")
        .render(script_hash=script_hash(script), examples=examples, script=Markup(script))
    )
