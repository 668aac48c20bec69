"""The named-query library: headers, loading by name, file or text, the pre-checked shapes."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import pytest

from fks_graph.core.errors import UsageError
from fks_graph.sparql.library import checked_shapes, list_queries, load_query
from fks_graph.sparql.params import PARAM_TYPES, bind_params, parse_params

from .conftest import ROOT


@pytest.mark.parametrize("named", list_queries(), ids=lambda q: q.name)
def test_every_library_query_is_documented(named) -> None:
    assert named.title[:1].isupper()
    assert len(named.description) > 40
    assert named.path == f"fks_graph/sparql/queries/{named.name}.rq"
    words = shlex.split(named.example)
    assert words[:2] == ["fks-graph", "query"]
    assert words[3] == named.name
    example_params = parse_params(
        w for w, prev in zip(words[1:], words, strict=False) if prev == "--param"
    )
    bind_params(named, example_params)  # the example's parameters are valid
    for param in named.params:
        assert param.type in PARAM_TYPES
        assert param.help


def test_a_query_file_with_a_header(tmp_path: Path) -> None:
    path = tmp_path / "my-query.rq"
    path.write_text(
        "# title: My query\n"
        "# description: First line,\n"
        "#   second line.\n"
        "# A free comment.\n"
        "# param: n xsd:integer = 3 : at least n: a number\n"
        "# param: who fks:ActorType (optional) : a type\n"
        "# param: day xsd:date : the day\n"
        "# example: fks-graph query data my-query.rq --param day=2014-05-22\n"
        "SELECT ?x ?n ?who ?day WHERE { BIND(1 AS ?x) }\n",
        encoding="utf-8",
    )
    named = load_query(path)
    assert (named.name, named.title, named.description) == (
        "my-query",
        "My query",
        "First line, second line.",
    )
    assert [(p.name, p.type, p.default, p.optional, p.required, p.help) for p in named.params] == [
        ("n", "xsd:integer", "3", False, False, "at least n: a number"),
        ("who", "fks:ActorType", None, True, False, "a type"),
        ("day", "xsd:date", None, False, True, "the day"),
    ]
    assert named.example == "fks-graph query data my-query.rq --param day=2014-05-22"
    assert load_query(str(path)) == named


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("# param: n xsd:int = 3 : n", "unknown type 'xsd:int'"),
        ("# param: n xsd:integer = three : n", "'three' is not a whole number"),
        ("# param: 1n xsd:integer : n", "cannot read '# param: 1n xsd:integer : n'"),
        ("# param: n xsd:integer : a\n# param: n xsd:string : b", "declared twice"),
    ],
)
def test_bad_headers(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "q.rq"
    path.write_text(f"{line}\nSELECT ?n WHERE {{}}\n", encoding="utf-8")
    with pytest.raises(UsageError, match=message):
        load_query(path)


def test_load_query_kinds(tmp_path: Path) -> None:
    assert load_query("shared-members").name == "shared-members"
    assert load_query("ASK { ?s ?p ?o }").name == "query"
    with pytest.raises(UsageError, match="unknown query 'cross-actors' \\(known: actor-type-mix"):
        load_query("cross-actors")
    with pytest.raises(UsageError, match="no such query file"):
        load_query(tmp_path / "missing.rq")
    with pytest.raises(UsageError, match="no such query file"):
        load_query("queries/missing.rq")


def test_the_shipped_checks_are_those_of_the_library_queries() -> None:
    """checked.json must be rewritten with write_checked_shapes() after a query changes."""
    shipped = json.loads(
        (ROOT / "fks_graph" / "sparql" / "queries" / "checked.json").read_text("utf-8")
    )
    assert shipped == checked_shapes()
