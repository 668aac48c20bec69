"""Query parameters: each declared type bound as an RDF term, values that do not fit."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from fks_graph.core.errors import UsageError
from fks_graph.source import open_graph
from fks_graph.sparql.library import load_query
from fks_graph.sparql.params import bind_params
from fks_graph.sparql.run import run_query

from .conftest import DATA_2014

LAND = "https://w3id.org/fks-graph/ontology/land/"
ACTOR_TYPE = "https://w3id.org/fks-graph/ontology/actor-type/"


@pytest.fixture(scope="module")
def graph_2014() -> Graph:
    return open_graph(DATA_2014)


@pytest.fixture(scope="module")
def echo(tmp_path_factory: pytest.TempPathFactory):
    """A query that returns the term each declared parameter is bound to."""
    path = tmp_path_factory.mktemp("q") / "echo.rq"
    types = {
        "i": "xsd:integer", "d": "xsd:decimal", "b": "xsd:boolean", "day": "xsd:date",
        "y": "xsd:gYear", "s": "xsd:string", "u": "iri", "t": "fks:ActorType", "l": "fks:Land",
        "f": "fks:ActionField", "g": "fks:TargetGroup", "r": "fks:Role", "rt": "fks:RegionType",
    }  # fmt: skip
    header = "".join(f"# param: {n} {t} (optional) : {n}\n" for n, t in types.items())
    names = " ".join(f"?{n}" for n in types)
    # Oxigraph folds BIND(?p AS ?v) (and BOUND(?p)) as if ?p were never bound: not so
    # COALESCE(?p, <marker>), which gives the marker when ?p is not given
    binds = " ".join(f"BIND(COALESCE(?{n}, <urn:unbound>) AS ?{n}_value)" for n in types)
    values = " ".join(f"?{n}_value" for n in types)
    path.write_text(
        f"# title: Echo\n{header}SELECT {values} {names} WHERE {{ {binds} }}\n", encoding="utf-8"
    )
    return load_query(path)


@pytest.mark.parametrize(
    ("name", "value", "term"),
    [
        ("i", "3", Literal(3)),
        ("i", " -12 ", Literal(-12)),
        ("d", "2.50", Literal("2.5", datatype=XSD.decimal)),  # Oxigraph's canonical form
        ("b", "TRUE", Literal(True)),
        ("b", "0", Literal(False)),
        ("day", "2014-05-22", Literal("2014-05-22", datatype=XSD.date)),
        ("day", "22.05.2014", Literal("2014-05-22", datatype=XSD.date)),
        ("y", "2014", Literal("2014", datatype=XSD.gYear)),
        ("s", "IHK Aachen", Literal("IHK Aachen", datatype=XSD.string)),
        ("s", "<https://example.org/a>", URIRef("https://example.org/a")),
        ("u", "<urn:isbn:0451450523>", URIRef("urn:isbn:0451450523")),
        ("u", "https://example.org/a?b=c#d", URIRef("https://example.org/a?b=c#d")),
        ("t", "Agentur für Arbeit", URIRef(ACTOR_TYPE + "employment_agency")),
        ("t", "jobcenter", URIRef(ACTOR_TYPE + "jobcenter")),
        ("l", "NRW", URIRef(LAND + "DE-NW")),
        ("l", "DE-BY", URIRef(LAND + "DE-BY")),
        (
            "f",
            "Zuwanderung",
            URIRef("https://w3id.org/fks-graph/ontology/action-field/immigration"),
        ),
        ("g", "Frauen", URIRef("https://w3id.org/fks-graph/ontology/target-group/women")),
        ("r", "Koordinator", URIRef("https://w3id.org/fks-graph/ontology/role/coordinator")),
        ("rt", "Boom-Städte", URIRef("https://w3id.org/fks-graph/ontology/region-type/boom_city")),
    ],
)
def test_each_param_type_is_bound_as_a_term(
    graph_2014: Graph, echo, name: str, value: str, term
) -> None:
    result = run_query(graph_2014, echo, {name: value})
    assert len(result.variables) == 13  # the parameter columns are hidden
    (row,) = result.records()
    assert row[f"{name}_value"] == term
    assert type(row[f"{name}_value"]) is type(term)
    unbound = URIRef("urn:unbound")
    assert [k for k, v in row.items() if v != unbound] == [f"{name}_value"]


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("i", "abc", "parameter 'i': 'abc' is not a whole number such as 2 \\(xsd:integer\\)"),
        ("i", "2.5", "not a whole number"),
        ("i", "<urn:x>", "not a whole number"),
        ("d", "1,5", "not a number such as 2.5"),
        ("b", "ja", "not true or false"),
        ("day", "2014-02-30", "'2014-02-30' is not a date"),
        (
            "day",
            "2014",
            r"'2014' is not a date \(expected YYYY-MM-DD such as 2014-05-22, or DD\.MM\.YYYY\)$",
        ),
        ("y", "14", "not a year such as 2014"),
        ("u", "<not an iri>", "is not an absolute IRI"),
        ("u", "relative/path", "is not an absolute IRI"),
        ("u", '<http://x/"a">', "is not an absolute IRI"),
        ("u", "<http://x/{a}>", "is not an absolute IRI"),
        ("u", "<http://x/a|b>", "is not an absolute IRI"),
        ("u", "<http://x/a> } DROP ALL { <http://y>", "is not an absolute IRI"),
        ("s", "<http://x/a b>", "is not an absolute IRI"),
        ("t", "Bäckerei", "unknown actor type 'Bäckerei' \\(expected a code or label: "),
        ("l", "Bavaria-Nord", "unknown Land 'Bavaria-Nord'"),
    ],
)
def test_values_that_do_not_fit_the_type(echo, name: str, value: str, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        bind_params(echo, {name: value})


def test_missing_unknown_and_undeclared_params(graph_2014: Graph) -> None:
    with pytest.raises(
        UsageError, match="query 'members-of-network' needs the parameter 'network'"
    ):
        run_query(graph_2014, "members-of-network")
    with pytest.raises(
        UsageError,
        match="unknown parameter 'netwrk' for query 'members-of-network' \\(known: network\\)",
    ):
        run_query(graph_2014, "members-of-network", {"netwrk": "x", "network": "y"})
    with pytest.raises(UsageError, match="is not a parameter name"):
        bind_params(load_query("SELECT ?x WHERE {}"), {"x y": "1"})
    # a query without header takes any parameter: a plain literal or an <IRI>
    text = "SELECT ?label ?id WHERE { ?n dct:identifier ?id ; skos:prefLabel ?label }"
    result = run_query(graph_2014, text, {"id": "wil-lausitz"})
    assert result.variables == ("label",)
    assert [str(r[0]) for r in result.rows] == ["Wirtschaftsinitiative Lausitz e.V. (WiL)"]
