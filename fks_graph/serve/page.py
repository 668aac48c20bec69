"""The endpoint's home page: a query editor with the named queries as examples, offline."""

from __future__ import annotations

import base64
import hashlib
import html
import itertools
import json
import shlex
from functools import lru_cache

from fks_graph.sparql.library import NamedQuery, list_queries
from fks_graph.sparql.params import bind_params

__all__ = ["example_text", "home_page"]

_SCRIPT = """
(function () {
  "use strict";
  var examples = JSON.parse(document.getElementById("examples").textContent);
  var editor = document.getElementById("query");
  var pick = document.getElementById("example");
  var out = document.getElementById("out");
  var status = document.getElementById("status");
  examples.forEach(function (example, i) {
    var option = document.createElement("option");
    option.value = String(i);
    option.textContent = example.title;
    pick.appendChild(option);
  });
  pick.addEventListener("change", function () {
    if (pick.value !== "") { editor.value = examples[Number(pick.value)].text; }
  });
  document.getElementById("run").addEventListener("click", function () {
    status.textContent = "…";
    out.textContent = "";
    fetch("/sparql", {
      method: "POST",
      headers: {"Content-Type": "application/sparql-query",
                "Accept": "application/sparql-results+json"},
      body: editor.value
    }).then(function (response) {
      return response.text().then(function (text) { return [response.ok, text]; });
    }).then(function (answer) {
      if (!answer[0]) { status.textContent = answer[1]; return; }
      var data = JSON.parse(answer[1]);
      if (data.boolean !== undefined) { status.textContent = String(data.boolean); return; }
      var vars = data.head.vars, table = document.createElement("table");
      var row = table.insertRow();
      vars.forEach(function (v) {
        var th = document.createElement("th"); th.textContent = v; row.appendChild(th);
      });
      data.results.bindings.forEach(function (binding) {
        var tr = table.insertRow();
        vars.forEach(function (v) {
          tr.insertCell().textContent = binding[v] ? binding[v].value : "";
        });
      });
      out.appendChild(table);
      status.textContent = data.results.bindings.length + " rows";
    }).catch(function (error) { status.textContent = String(error); });
  });
})();
"""

_STYLE = """
body { font: 14px/1.4 system-ui, sans-serif; margin: 16px; color: #1b1b1b; }
textarea { width: 100%; height: 16em; font: 13px monospace; }
table { border-collapse: collapse; margin-top: 8px; }
th, td { border: 1px solid #ccd; padding: 2px 6px; text-align: left; vertical-align: top; }
#status { color: #4a5560; white-space: pre-wrap; }
"""


def _json(value: object) -> str:
    """JSON that cannot end the ``<script>`` element it sits in."""
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def example_text(query: NamedQuery) -> str:
    """The text of a named query with its required parameters bound to its example's values.

    SPARQL text sent to the endpoint cannot carry parameters: a query run without them looks
    every network (or actor) up by id, by name and by IRI at once, so ``shared-members``
    lists every pair of networks nine times (94 MB at 600 networks). Here the values of the
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
    digest = base64.b64encode(hashlib.sha256(_SCRIPT.encode("utf-8")).digest()).decode()
    csp = (
        f"default-src 'none'; script-src 'sha256-{digest}'; style-src 'unsafe-inline'; "
        "connect-src 'self'; base-uri 'none'; form-action 'none'"
    )
    links = " · ".join(
        f'<a href="/viz?view={view}">{html.escape(label)}</a>'
        for view, label in (
            ("overview", "Überblick"),
            ("cross-actors", "Akteure in mehreren Netzwerken"),
        )
    )
    return (
        '<!DOCTYPE html>\n<html lang="de"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{html.escape(csp)}">'
        "<title>fks-graph SPARQL</title>"
        f"<style>{_STYLE}</style></head><body>"
        "<h1>fks-graph SPARQL</h1>"
        "<p>SPARQL 1.1 Protocol at <code>/sparql</code> (GET or POST; JSON, XML, CSV, TSV; "
        f"Turtle, JSON-LD). Graph pages: {links} (further views: "
        "<code>/viz?view=network:ID</code>, <code>actor:ID</code>, <code>state:DE-XX</code>).</p>"
        '<p><label>Beispiel: <select id="example"><option value="">–</option></select></label></p>'
        '<textarea id="query" spellcheck="false">SELECT * WHERE { ?s ?p ?o } LIMIT 10</textarea>'
        '<p><button id="run" type="button">Ausführen</button> <span id="status"></span></p>'
        '<div id="out"></div>'
        f'<script id="examples" type="application/json">{_json(examples)}</script>'
        f"<script>{_SCRIPT}</script></body></html>\n"
    )
