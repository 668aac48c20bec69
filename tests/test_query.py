"""Named SPARQL queries: the library, safe parameters, refused queries, formats, the CLI."""

from __future__ import annotations

import csv
import io
import json
import shlex
from collections import defaultdict
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from fks_graph.core.errors import UsageError
from fks_graph.source import open_graph
from fks_graph.sparql.query import (
    PARAM_TYPES,
    QueryResult,
    bind_params,
    check_update,
    checked_shapes,
    format_result,
    format_table,
    list_queries,
    load_query,
    parse_params,
    run_query,
)
from fks_graph.synthetic.generate import generate_dataset

from .conftest import DATA_2014, ROOT, write_dataset
from .conftest import invoke as cli

LAND = "https://w3id.org/fks-graph/ontology/land/"
ACTOR_TYPE = "https://w3id.org/fks-graph/ontology/actor-type/"

# the columns each library query returns (its SELECT clause without the parameters)
COLUMNS = {
    "actor-type-mix": ("network_id", "name", "type", "type_label", "actors"),
    "actors-bridging-laender": (
        "actor", "label", "type", "city", "laender", "states", "network_count",
    ),
    "award-winners-by-year": (
        "award_year", "prize_name", "network_id", "name", "states", "event", "event_date",
        "event_place", "applicants", "network",
    ),
    "cross-network-actors": (
        "actor", "label", "type", "network_count", "network_ids", "city", "states",
        "network_names",
    ),
    "members-of-network": (
        "actor", "label", "type", "type_label", "city", "role", "role_label", "since", "until",
    ),
    "networks-by-land": (
        "land", "land_label", "network_id", "name", "region_name", "region_code", "members",
        "network",
    ),
    "networks-lacking-type": ("network_id", "name", "states", "members", "network"),
    "networks-of-actor": (
        "member", "label", "city", "network_id", "name", "states", "role", "since", "until",
    ),
    "projects-by-field-and-group": (
        "field", "field_label", "group", "group_label", "projects", "networks",
    ),
    "shared-members": ("actor", "label", "type", "city", "role_a", "role_b"),
}  # fmt: skip

# parameters under which each query has rows on the 2014 data (no actor is in two networks)
PARAMS_2014 = {
    "actor-type-mix": {},
    "actors-bridging-laender": {"min_laender": "1"},
    "award-winners-by-year": {"year": "2014"},
    "cross-network-actors": {"min_networks": "1"},
    "members-of-network": {"network": "switch-aachen"},
    "networks-by-land": {},
    "networks-lacking-type": {"actor_type": "Jobcenter"},
    "networks-of-actor": {"actor": "IHK Aachen"},
    "projects-by-field-and-group": {},
    "shared-members": {"network_a": "switch-aachen", "network_b": "SWITCH – verkürzte "
                       "Berufsausbildung für Studienabbrecher/innen"},
}  # fmt: skip

HOSTILE = [
    "} ; DROP ALL ; #",
    '" } } DELETE WHERE { ?s ?p ?o } #',
    "' } INSERT DATA { <urn:x> <urn:y> <urn:z> } #",
    '"""\'\'\' \\" \\\\',
    "{ ?s ?p ?o }",
    "line one\nline two\r\n} UNION { ?s ?p ?o }",
    "?network ; ?s ?p ?o",
    "> <urn:evil> .",
    "",
]


@pytest.fixture(scope="module")
def graph_2014() -> Graph:
    return open_graph(DATA_2014)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("generated") / "national-200"
    generate_dataset(folder, networks=200, seed=5)
    return folder


@pytest.fixture(scope="module")
def graph_200(generated: Path) -> Graph:
    return open_graph(generated)


def _rows(graph: Graph, name: str, params: dict[str, str] | None = None) -> list[dict]:
    return [
        {k: None if v is None else str(v) for k, v in r.items()}
        for r in run_query(graph, name, params).records()
    ]


# --------------------------------------------------------------------------- the library


def test_the_library_has_the_named_queries() -> None:
    names = [q.name for q in list_queries()]
    assert names == sorted(names)
    assert set(COLUMNS) <= set(names)  # others add their own queries to the library


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


@pytest.mark.parametrize("name", sorted(COLUMNS))
def test_every_query_runs_on_the_2014_data(graph_2014: Graph, name: str) -> None:
    result = run_query(graph_2014, name, PARAMS_2014[name])
    assert result.variables == COLUMNS[name]
    assert len(result) > 0
    assert all(len(row) == len(COLUMNS[name]) for row in result.rows)


def _params_200(generated: Path) -> dict[str, dict[str, str]]:
    with (generated / "memberships.csv").open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    networks: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        if row["actor_id"] and row["network_id"] not in networks[row["actor_id"]]:
            networks[row["actor_id"]].append(row["network_id"])
    actor, (first, second, *_) = next((a, n) for a, n in networks.items() if len(n) >= 2)
    return {
        "members-of-network": {"network": rows[0]["network_id"]},
        "networks-lacking-type": {"actor_type": "union", "state": "DE-NW"},
        "networks-of-actor": {"actor": actor},
        "shared-members": {"network_a": first, "network_b": second},
        "award-winners-by-year": {"prize": "innovative"},
    }


@pytest.mark.parametrize("name", sorted(COLUMNS))
def test_every_query_runs_on_generated_data(graph_200: Graph, generated: Path, name: str) -> None:
    result = run_query(graph_200, name, _params_200(generated).get(name))
    assert result.variables == COLUMNS[name]
    assert len(result) > 0


@pytest.mark.slow
def test_every_query_answers_on_600_networks(tmp_path: Path) -> None:
    """Each library query gives rows at national scale (its speed is measured in bench/)."""
    generate_dataset(tmp_path / "n600", networks=600, seed=1)
    graph = open_graph(tmp_path / "n600")
    params = _params_200(tmp_path / "n600")
    for named in map(load_query, sorted(COLUMNS)):
        result = run_query(graph, named, params.get(named.name))
        assert len(result) > 0, named.name
        assert result.variables == COLUMNS[named.name]


# --------------------------------------------------------------------------- answers


def test_members_of_network_by_id_name_and_iri(graph_2014: Graph) -> None:
    by_id = _rows(graph_2014, "members-of-network", {"network": "switch-aachen"})
    assert sorted(r["label"] for r in by_id) == [
        "Agentur für Arbeit Aachen-Düren",
        "FH Aachen",
        "Handwerkskammer Aachen",
        "IHK Aachen",
        "RWTH Aachen",
        "Regionalagentur",
        "Stadt Aachen (Wirtschaftsförderung)",
    ]
    coordinator = next(r for r in by_id if r["role"] == "coordinator")
    assert (coordinator["label"], coordinator["role_label"], coordinator["type_label"]) == (
        "Stadt Aachen (Wirtschaftsförderung)",
        "Koordination",
        "Kommune",
    )
    name = "Bündnis für Fachkräfte Bonn/Rhein-Sieg"
    iri = "<https://w3id.org/fks-graph/data/network/bff-bonn-rhein-sieg>"
    assert len(_rows(graph_2014, "members-of-network", {"network": name})) == 7
    assert len(_rows(graph_2014, "members-of-network", {"network": iri})) == 7
    assert _rows(graph_2014, "members-of-network", {"network": "N9"}) == []


def test_networks_lacking_a_jobcenter(graph_2014: Graph) -> None:
    rows = _rows(graph_2014, "networks-lacking-type", {"actor_type": "jobcenter"})
    assert [r["network_id"] for r in rows] == [
        "cleveres-koepfchen",
        "sensorik-regensburg",
        "switch-aachen",
        "wil-lausitz",
    ]
    rows = _rows(graph_2014, "networks-lacking-type", {"actor_type": "IHK", "state": "NRW"})
    assert rows == []
    rows = _rows(graph_2014, "networks-lacking-type", {"actor_type": "union", "state": "DE-NW"})
    assert [(r["network_id"], r["members"]) for r in rows] == [("switch-aachen", "7")]


def test_networks_by_land_and_region(graph_2014: Graph) -> None:
    rows = _rows(graph_2014, "networks-by-land")
    assert [(r["land"], r["network_id"]) for r in rows] == [
        ("DE-BB", "wil-lausitz"),
        ("DE-BY", "sensorik-regensburg"),
        ("DE-MV", "cleveres-koepfchen"),
        ("DE-NW", "bff-bonn-rhein-sieg"),
        ("DE-NW", "switch-aachen"),
        ("DE-SN", "wil-lausitz"),
    ]
    assert rows[3]["land_label"] == "Nordrhein-Westfalen"
    assert rows[3]["members"] == "7"
    rows = _rows(
        graph_2014, "networks-by-land", {"state": "Nordrhein-Westfalen", "region": "dea2d"}
    )
    assert [(r["network_id"], r["region_name"]) for r in rows] == [("switch-aachen", "Aachen")]


def test_actor_type_mix(graph_2014: Graph) -> None:
    rows = _rows(graph_2014, "actor-type-mix", {"network": "bff-bonn-rhein-sieg"})
    assert (rows[0]["type"], rows[0]["type_label"], rows[0]["actors"]) == (
        "jobcenter",
        "Jobcenter",
        "2",
    )
    assert sum(int(r["actors"]) for r in rows) == 7
    assert _rows(graph_2014, "actor-type-mix", {"state": "DE-BY"}) == []  # no members


def test_award_winners_and_projects(graph_2014: Graph) -> None:
    rows = _rows(graph_2014, "award-winners-by-year", {"year": "2014"})
    assert len(rows) == 5
    assert {r["event"] for r in rows} == {"3. Innovationstag 2014"}
    assert _rows(graph_2014, "award-winners-by-year", {"year": "2013"}) == []
    rows = _rows(graph_2014, "projects-by-field-and-group", {"target_group": "Studienabbrecher"})
    assert [(r["field"], r["group"], r["projects"]) for r in rows] == [
        ("qualification", "dropouts", "1")
    ]


def test_networks_of_actor_and_shared_members(graph_2014: Graph, graph_200: Graph) -> None:
    for actor in ("IHK Aachen", "ihk aachen", "ihk-aachen"):
        rows = _rows(graph_2014, "networks-of-actor", {"actor": actor})
        assert [(r["network_id"], r["role"], r["city"]) for r in rows] == [
            ("switch-aachen", "partner", "Aachen")
        ]
    shared = _rows(graph_2014, "shared-members", {"network_a": "bff-bonn-rhein-sieg",
                                                  "network_b": "switch-aachen"})  # fmt: skip
    assert shared == []
    # on generated data: shared members are exactly the actors in both networks
    both = _rows(graph_200, "cross-network-actors")[0]
    first, second = both["network_ids"].split("|")[:2]
    shared = _rows(graph_200, "shared-members", {"network_a": first, "network_b": second})
    assert both["actor"] in {r["actor"] for r in shared}


# --------------------------------------------------------------------------- headers


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


# --------------------------------------------------------------------------- parameters


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
        ("day", "2014", "is not a date"),
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


@pytest.mark.parametrize(
    ("text", "params", "expected"),
    [
        ("SELECT ?n WHERE { ?n dct:identifier ?id }", {"id": "switch-aachen"}, 1),
        ("SELECT ?n WHERE { ?n dct:identifier ?id }", {"id": "nothing"}, 0),
        ("SELECT * WHERE { ?n a ?t FILTER(?t = ?type) }", {"type": "<urn:none>"}, 0),
        (
            "SELECT * WHERE { ?n a ?t FILTER(?t = ?type) }",
            {"type": "<http://www.w3.org/ns/org#OrganizationalCollaboration>"},
            5,
        ),
        (
            (
                "SELECT ?n (COUNT(?m) AS ?c) "
                "WHERE { ?n dct:identifier ?id . ?m org:organization ?n } GROUP BY ?n"
            ),
            {"id": "switch-aachen"},
            1,
        ),
        ("SELECT ?n WHERE { ?n ?p ?name FILTER(?p = skos:prefLabel) }", {"name": HOSTILE[0]}, 0),
    ],
)
def test_a_param_binds_a_variable_that_is_not_selected(
    graph_2014: Graph, text: str, params: dict[str, str], expected: int
) -> None:
    result = run_query(graph_2014, text, params)
    assert len(result) == expected
    assert not set(params) & set(result.variables)  # the bound variable is no column


def test_a_param_selected_but_not_grouped_is_refused(graph_2014: Graph) -> None:
    with pytest.raises(UsageError, match="SPARQL error"):  # Oxigraph refuses the query
        run_query(
            graph_2014,
            "SELECT ?t (COUNT(?n) AS ?c) ?id WHERE { ?n a ?t } GROUP BY ?t",
            {"id": "x"},
        )


def test_an_optional_param_filters_only_when_given(graph_2014: Graph) -> None:
    everything = run_query(graph_2014, "networks-by-land")
    assert len(everything) == 6
    assert len(run_query(graph_2014, "networks-by-land", {"state": "DE-SN"})) == 1
    assert len(run_query(graph_2014, "networks-by-land", {"region": "lausitz"})) == 2


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_values_stay_harmless_literals(graph_2014: Graph, value: str) -> None:
    before = len(graph_2014)
    assert run_query(graph_2014, "members-of-network", {"network": value}).rows == ()
    assert run_query(graph_2014, "networks-by-land", {"region": value or "x"}).rows == ()
    text = "SELECT ?n ?id WHERE { ?n dct:identifier ?id }"
    assert run_query(graph_2014, text, {"id": value}).rows == ()
    result = run_query(
        graph_2014, "SELECT ?v ?p WHERE { BIND(COALESCE(?p, 0) AS ?v) }", {"p": value}
    )
    assert result.rows == ((Literal(value, datatype=XSD.string),),)
    assert (
        run_query(graph_2014, "SELECT ?n WHERE { ?n dct:identifier ?id }", {"id": value}).rows == ()
    )
    unselected = run_query(
        graph_2014, "SELECT ?v WHERE { BIND(COALESCE(?p, 0) AS ?v) }", {"p": value}
    )
    assert unselected.rows == ((Literal(value, datatype=XSD.string),),)
    assert len(graph_2014) == before


def test_hostile_value_on_the_command_line(tmp_path: Path) -> None:
    for value in HOSTILE[:3]:
        code, out, err = cli(
            "query", DATA_2014, "members-of-network", "--param", f"network={value}", "-f", "csv"
        )
        assert (code, err) == (0, "")
        assert out.splitlines() == [",".join(COLUMNS["members-of-network"])]
    code, _, err = cli(
        "query",
        DATA_2014,
        "members-of-network",
        "--param",
        "network=<http://x> } DROP ALL { <http://y>",
    )
    assert code == 2
    assert "is not an absolute IRI" in err


# --------------------------------------------------------------------------- refused queries


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


def test_ask_and_construct(graph_2014: Graph) -> None:
    ask = run_query(graph_2014, "ASK { ?n dct:identifier ?id }", {"id": "switch-aachen"})
    assert (ask.boolean, ask.variables, format_result(ask, "json")) == (
        True,
        (),
        '{"head": {}, "boolean": true}',
    )
    text = "CONSTRUCT { ?n a ?t } WHERE { ?n dct:identifier ?id ; a ?t }"
    result = run_query(graph_2014, text, {"id": "switch-aachen"})
    assert result.variables == ("subject", "predicate", "object")
    assert [str(r[2]) for r in result.rows] == [
        "http://www.w3.org/ns/org#OrganizationalCollaboration"
    ]


# --------------------------------------------------------------------------- formats

SAMPLE = QueryResult(
    ("actor", "label", "count", "note"),
    (
        (URIRef("https://w3id.org/fks-graph/data/actor/IHK-AC"), Literal("IHK Aachen"),
         Literal(12), Literal("Komma, \"Zitat\"\tTab\nZeile", lang="de")),
        (URIRef("https://example.org/x"), Literal("Ö", datatype=XSD.string), Literal(3), None),
    ),
    prefixes=(("actor", "https://w3id.org/fks-graph/data/actor/"),),
)  # fmt: skip


def test_csv_parses_back() -> None:
    rows = list(csv.reader(io.StringIO(format_result(SAMPLE, "csv"), newline="")))
    assert rows == [
        ["actor", "label", "count", "note"],
        ["https://w3id.org/fks-graph/data/actor/IHK-AC", "IHK Aachen", "12",
         'Komma, "Zitat"\tTab\nZeile'],
        ["https://example.org/x", "Ö", "3", ""],
    ]  # fmt: skip


def test_json_is_sparql_json_results() -> None:
    document = json.loads(format_result(SAMPLE, "json"))
    assert document["head"] == {"vars": ["actor", "label", "count", "note"]}
    first, second = document["results"]["bindings"]
    assert first == {
        "actor": {"type": "uri", "value": "https://w3id.org/fks-graph/data/actor/IHK-AC"},
        "label": {"type": "literal", "value": "IHK Aachen"},
        "count": {
            "type": "literal",
            "value": "12",
            "datatype": "http://www.w3.org/2001/XMLSchema#integer",
        },
        "note": {"type": "literal", "value": 'Komma, "Zitat"\tTab\nZeile', "xml:lang": "de"},
    }
    assert "note" not in second  # unbound
    assert second["label"] == {"type": "literal", "value": "Ö"}


def test_tsv_is_sparql_tsv_results() -> None:
    lines = format_result(SAMPLE, "tsv").split("\n")
    assert lines[0] == "?actor\t?label\t?count\t?note"
    assert lines[1].split("\t") == [
        "<https://w3id.org/fks-graph/data/actor/IHK-AC>",
        '"IHK Aachen"',
        '"12"^^<http://www.w3.org/2001/XMLSchema#integer>',
        '"Komma, \\"Zitat\\"\\tTab\\nZeile"@de',
    ]
    assert lines[2:] == [
        '<https://example.org/x>\t"Ö"\t"3"^^<http://www.w3.org/2001/XMLSchema#integer>\t',
        "",
    ]


def test_table_is_aligned_and_readable() -> None:
    lines = format_result(SAMPLE, "table").splitlines()
    assert lines[0] == "actor                  label       count  note"
    assert lines[1] == "---------------------  ----------  -----  ------------------------"
    assert lines[2] == 'actor:IHK-AC           IHK Aachen     12  Komma, "Zitat" Tab Zeile'
    assert lines[3] == "https://example.org/x  Ö               3"
    assert lines[4] == "(2 rows)"
    assert format_table(["a"], [["x" * 70]]).splitlines()[2] == "x" * 59 + "…"
    assert format_table(["a"], []).splitlines()[-1] == "(0 rows)"


def test_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown format 'xml'"):
        format_result(SAMPLE, "xml")


# --------------------------------------------------------------------------- the command line


@pytest.mark.parametrize("command", ["queries", "query", "cross-actors"])
def test_commands_have_help_with_an_example(command: str) -> None:
    code, out, _ = cli(command, "--help")
    assert code == 0
    assert "Example: fks-graph" in out


def test_queries_lists_all() -> None:
    code, out, _ = cli("queries")
    assert code == 0
    for named in list_queries():
        assert f"{named.name} — {named.title}" in out
    assert "--param min_networks   xsd:integer      = 2" in out
    assert "--param network        xsd:string       required" in out


@pytest.mark.parametrize("fmt", ["table", "csv", "json", "tsv"])
def test_query_command_formats(fmt: str) -> None:
    code, out, err = cli(
        "query", DATA_2014, "networks-lacking-type", "--param", "actor_type=Jobcenter", "-f", fmt
    )
    assert (code, err) == (0, "")
    ids = ["cleveres-koepfchen", "sensorik-regensburg", "switch-aachen", "wil-lausitz"]
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out, newline="")))
        assert [r["network_id"] for r in rows] == ids
    elif fmt == "json":
        bindings = json.loads(out)["results"]["bindings"]
        assert [b["network_id"]["value"] for b in bindings] == ids
    elif fmt == "tsv":
        assert [line.split("\t")[0] for line in out.splitlines()[1:]] == [f'"{i}"' for i in ids]
    else:
        assert out.splitlines()[0].split()[:2] == ["network_id", "name"]
        assert out.splitlines()[-1] == "(4 rows)"


def test_query_command_with_a_file_and_with_text(tmp_path: Path) -> None:
    path = tmp_path / "count.rq"
    path.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?m a org:Membership }\n", encoding="utf-8")
    code, out, _ = cli("query", DATA_2014, path, "-f", "csv")
    assert (code, out.splitlines()) == (0, ["n", "18"])
    text = "SELECT ?id ?name WHERE { ?n dct:identifier ?id ; skos:prefLabel ?name }"
    code, out, _ = cli("query", DATA_2014, text, "-p", "id=wil-lausitz", "-f", "csv")
    assert (code, out.splitlines()) == (0, ["name", "Wirtschaftsinitiative Lausitz e.V. (WiL)"])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["members-of-network"], "needs the parameter 'network'"),
        (["members-of-network", "-p", "x=1", "-p", "network=a"], "unknown parameter 'x'"),
        (["cross-network-actors", "-p", "min_networks=abc"], "'abc' is not a whole number"),
        (["cross-network-actors", "-p", "min_networks"], "--param expects NAME=VALUE"),
        (["no-such-query"], "unknown query 'no-such-query'"),
        (["SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }"], "SERVICE is refused"),
        (["DROP ALL"], "SPARQL update"),
        (["SELECT ?s WHERE { ?s ?p }"], "SPARQL syntax error"),
    ],
)
def test_query_command_errors_exit_2(args: list[str], message: str) -> None:
    code, out, err = cli("query", DATA_2014, *args)
    assert code == 2
    assert message in err
    assert "Traceback" not in err + out


def test_query_command_checks_params_before_reading(tmp_path: Path) -> None:
    data = write_dataset(tmp_path / "d", networks="id,name\nN1,A\n")  # no memberships.csv
    code, _, err = cli("query", data, "members-of-network")
    assert code == 2
    assert "needs the parameter 'network'" in err


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


def test_the_command_binds_a_variable_that_is_not_selected() -> None:
    name = "Strategische Partnerschaft Sensorik e.V."
    text = "SELECT ?s WHERE { ?s ?p ?name }"
    code, out, err = cli("query", DATA_2014, text, "--param", f"name={name}", "-f", "csv")
    assert (code, err) == (0, "")
    assert out.splitlines() == ["s", "https://w3id.org/fks-graph/data/network/sensorik-regensburg"]


# --------------------------------------------------------------------------- checked once


def test_the_shipped_checks_are_those_of_the_library_queries() -> None:
    """checked.json must be rewritten with write_checked_shapes() after a query changes."""
    shipped = json.loads(
        (ROOT / "fks_graph" / "sparql" / "queries" / "checked.json").read_text("utf-8")
    )
    assert shipped == checked_shapes()


def test_library_queries_are_not_parsed_again(
    graph_2014: Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fks_graph.sparql import query

    def refuse(*_: object) -> None:
        raise AssertionError("parsed again")

    monkeypatch.setattr(query, "_analyse", refuse)
    assert run_query(graph_2014, "cross-network-actors", {"min_networks": "1"}).rows
    with pytest.raises(AssertionError, match="parsed again"):  # any other text is checked
        run_query(graph_2014, "SELECT * WHERE { ?s ?p ?o } LIMIT 1")
    edited = load_query("all-networks").text + "\n# edited\n"
    with pytest.raises(AssertionError, match="parsed again"):  # and so is an edited one
        run_query(graph_2014, edited)
