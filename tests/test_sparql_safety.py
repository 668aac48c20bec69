"""Refused queries and updates: SERVICE, FROM, updates, syntax errors; checked once."""

from __future__ import annotations

import pytest
from rdflib import Graph

from fks_graph.core.errors import UsageError
from fks_graph.source import open_graph
from fks_graph.sparql.library import load_query
from fks_graph.sparql.run import run_query
from fks_graph.sparql.safety import MAX_NESTING, check_update, sniff_form

from .conftest import DATA_2014


@pytest.fixture(scope="module")
def graph_2014() -> Graph:
    return open_graph(DATA_2014)


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * WHERE { SERVICE <https://query.wikidata.org/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { ?s ?p ?o OPTIONAL { SERVICE SILENT <http://x/> { ?s ?q ?r } } }",
        "SELECT ?s WHERE { { SELECT ?s WHERE { SERVICE ?endpoint { ?s ?p ?o } } } }",
        "ASK { ?s ?p ?o MINUS { SERVICE <http://x/> { ?s ?p ?o } } }",
    ],
)
def test_service_is_refused(graph_2014: Graph, text: str) -> None:
    with pytest.raises(UsageError, match="SERVICE is refused"):
        run_query(graph_2014, text)


@pytest.mark.parametrize(
    "text",
    [
        "DROP ALL",
        "CLEAR DEFAULT",
        "LOAD <https://example.org/data.ttl>",
        "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
        "DELETE WHERE { ?s ?p ?o }",
        "PREFIX x: <urn:x#> DELETE { ?s ?p ?o } INSERT { ?s x:p 1 } WHERE { ?s ?p ?o }",
        "CREATE GRAPH <urn:g>",
    ],
)
def test_updates_are_refused(graph_2014: Graph, text: str) -> None:
    before = len(graph_2014)
    with pytest.raises(UsageError, match="this is a SPARQL update, not a query"):
        run_query(graph_2014, text)
    assert len(graph_2014) == before


def test_from_is_refused_and_syntax_errors_are_reported(graph_2014: Graph) -> None:
    with pytest.raises(UsageError, match="FROM and FROM NAMED are refused"):
        run_query(graph_2014, "SELECT * FROM <https://example.org/g> WHERE { ?s ?p ?o }")
    with pytest.raises(UsageError, match="FROM and FROM NAMED are refused"):
        run_query(graph_2014, "SELECT * FROM NAMED <https://example.org/g> WHERE { ?s ?p ?o }")
    with pytest.raises(UsageError, match=r"SPARQL syntax error: .*\(line:1, col:19\)"):
        run_query(graph_2014, "SELECT ?s WHERE { ?s ?p  }")
    with pytest.raises(UsageError, match="SPARQL syntax error"):
        run_query(graph_2014, "SELECT ?s WHERE { ?s ?p ?o } ; DROP ALL")


@pytest.mark.parametrize(
    "update",
    [
        "INSERT DATA { <https://example.org/a> <https://example.org/b> 'c' }",
        "DELETE WHERE { ?s <https://example.org/b> ?o }",
        "DROP SILENT GRAPH <https://example.org/g>",
    ],
)
def test_check_update_lets_local_updates_pass(update):
    assert check_update(update) is None


@pytest.mark.parametrize(
    ("update", "message"),
    [
        ("LOAD <https://example.org/data.ttl>", "LOAD and SERVICE are refused"),
        ("LOAD SILENT <https://example.org/d.ttl> INTO GRAPH <https://example.org/g>", "LOAD and"),
        (
            "INSERT { ?s ?p ?o } WHERE { SERVICE <https://example.org/sparql> { ?s ?p ?o } }",
            "LOAD and SERVICE are refused",
        ),
        ("INSERT DATA { oops", "SPARQL syntax error"),
    ],
)
def test_check_update_refuses_the_network_and_bad_syntax(update, message):
    with pytest.raises(UsageError, match=message):
        check_update(update)


def test_library_queries_are_not_parsed_again(
    graph_2014: Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fks_graph.sparql import safety

    def refuse(*_: object) -> None:
        raise AssertionError("parsed again")

    monkeypatch.setattr(safety, "analyse", refuse)
    assert run_query(graph_2014, "cross-network-actors", {"min_networks": "1"}).rows
    with pytest.raises(AssertionError, match="parsed again"):  # any other text is checked
        run_query(graph_2014, "SELECT * WHERE { ?s ?p ?o } LIMIT 1")
    edited = load_query("all-networks").text + "\n# edited\n"
    with pytest.raises(AssertionError, match="parsed again"):  # and so is an edited one
        run_query(graph_2014, edited)


def _nested(depth: int) -> str:
    return "SELECT * WHERE " + "{ " * depth + "?s ?p ?o" + " }" * depth


@pytest.mark.parametrize(
    ("text", "message"),
    [
        # rdflib's recursive parser ran out of stack (a traceback) at about 40 levels
        (_nested(MAX_NESTING + 1), f"nests groups and brackets {MAX_NESTING + 1} levels deep"),
        (
            "SELECT * { ?s ?p ?o FILTER(" + "(" * MAX_NESTING + "1" + ")" * MAX_NESTING + ") }",
            f"{MAX_NESTING + 2} levels deep",
        ),
        # it crashed the process beyond about 8,000 UNION branches, and took most of a
        # minute for 2 MB of text (outside any time limit)
        (
            "SELECT * { " + "{ ?s ?p ?o } UNION " * 6000 + "{ ?s ?p ?o } }",
            r"is 11\d,\d{3} characters long; at most 100,000 are read",
        ),
    ],
    ids=["nested-groups", "nested-brackets", "long"],
)
def test_text_too_long_or_deep_to_parse_is_refused_before_parsing(
    graph_2014: Graph, text: str, message: str
) -> None:
    with pytest.raises(UsageError, match=message):
        run_query(graph_2014, text)
    with pytest.raises(UsageError, match=message):
        check_update(text.replace("SELECT *", "DELETE WHERE", 1))


def test_brackets_in_strings_do_not_count_as_nesting(graph_2014: Graph) -> None:
    brackets = "{(" * MAX_NESTING
    text = (
        f"SELECT ?s {{ ?s ?p ?o FILTER(?o != \"{brackets}\" && ?o != '''{brackets}''') }} LIMIT 1"
    )
    assert len(run_query(graph_2014, text).rows) == 1
    assert len(run_query(graph_2014, _nested(MAX_NESTING - 1)).rows) > 0


@pytest.mark.parametrize("text", ["  \n ", "# nur ein Kommentar\n  # noch einer"])
def test_an_empty_query_is_called_empty(graph_2014: Graph, text: str) -> None:
    with pytest.raises(UsageError, match=r"^the query is empty \(nothing but white space"):
        run_query(graph_2014, text)


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("SELECT * WHERE { ?s ?p ?o }", "SELECT"),
        ("  ask {}", "ASK"),
        ("PREFIX select: <https://example.org/>\nCONSTRUCT { ?s select:p ?o } {}", "CONSTRUCT"),
        ("# SELECT in a comment\nDESCRIBE <https://example.org/#select>", "DESCRIBE"),
        (
            "BASE <https://example.org/ask#>\nSELECT ?ask ?$select WHERE { ?s ?p 'CONSTRUCT' }",
            "SELECT",
        ),
        ("CONSTRUCT { ?s ?p ?o } WHERE { { SELECT ?s ?p ?o {} } }", "CONSTRUCT"),
        ("INSERT DATA { <https://example.org/a> <https://example.org/b> 'SELECT' }", None),
        ("SELEKT nothing", None),
    ],
)
def test_the_form_is_read_from_the_first_keyword(text: str, form: str | None) -> None:
    assert sniff_form(text) == form


@pytest.mark.parametrize(
    ("text", "message"),
    [("  # nothing\n", "the query is empty"), ("{" * (MAX_NESTING + 1), "nests groups")],
)
def test_reading_the_form_checks_size_and_emptiness(text: str, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        sniff_form(text)
