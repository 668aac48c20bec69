"""The one SPARQL runner: every library query on data, bound parameters, answers, the CLI."""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox
import pytest
from oxrdflib import OxigraphStore
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS, XSD

from fks_graph.core.errors import UsageError
from fks_graph.graph.rdf import oxigraph_term
from fks_graph.source import open_graph
from fks_graph.sparql.formats import format_result
from fks_graph.sparql.library import list_queries, load_query
from fks_graph.sparql.run import run_query, select
from fks_graph.synthetic.generate import generate_dataset

from .conftest import DATA_2014, write_dataset
from .conftest import invoke as cli

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


def test_the_library_has_the_named_queries() -> None:
    names = [q.name for q in list_queries()]
    assert names == sorted(names)
    assert set(COLUMNS) <= set(names)  # others add their own queries to the library


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


def test_select_gives_values_or_terms_as_run_query_does(graph_2014: Graph) -> None:
    text = "SELECT ?id ?name WHERE { ?n dct:identifier ?id ; skos:prefLabel ?name } ORDER BY ?id"
    terms = select(graph_2014, text, terms=True)
    assert terms == list(run_query(graph_2014, text).rows)
    assert len(terms) > 5
    assert select(graph_2014, text) == [tuple(str(term) for term in row) for row in terms]


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


def test_the_command_binds_a_variable_that_is_not_selected() -> None:
    name = "Strategische Partnerschaft Sensorik e.V."
    text = "SELECT ?s WHERE { ?s ?p ?name }"
    code, out, err = cli("query", DATA_2014, text, "--param", f"name={name}", "-f", "csv")
    assert (code, err) == (0, "")
    assert out.splitlines() == ["s", "https://w3id.org/fks-graph/data/network/sensorik-regensburg"]


def test_answers_stay_oxigraph_terms_until_rdflib_terms_are_asked_for(graph_2014: Graph) -> None:
    text = "SELECT ?n ?id ?founded WHERE { ?n dct:identifier ?id . OPTIONAL { ?n fks:founded ?founded } }"
    result = run_query(graph_2014, text)
    assert "rows" not in vars(result)  # nothing converted yet
    assert all(isinstance(t, ox.NamedNode | ox.Literal) for row in result.terms for t in row if t)
    assert result.records(text=True) == [
        {k: None if v is None else str(v) for k, v in record.items()} for record in result.records()
    ]
    assert all(isinstance(row[0], URIRef) for row in result.rows)


def test_a_plain_graph_and_a_named_oxigraph_graph_answer_alike(graph_2014: Graph) -> None:
    text = (
        "SELECT ?id ?name WHERE { ?n dct:identifier ?id ; skos:prefLabel ?name } ORDER BY ?id ?name"
    )
    expected = run_query(graph_2014, text)
    plain = Graph()
    for triple in graph_2014:
        plain.add(triple)
    store = ox.Store()
    name = ox.NamedNode("https://example.org/graph")
    store.extend(ox.Quad(*map(oxigraph_term, t), name) for t in graph_2014)
    for predicate in DCTERMS.identifier, SKOS.prefLabel:  # in the default graph: not asked
        store.add(ox.Quad(name, ox.NamedNode(str(predicate)), ox.Literal("elsewhere")))
    named = Graph(store=OxigraphStore(store=store), identifier=URIRef(name.value))
    for other in plain, named:
        for prefix, namespace in graph_2014.namespaces():
            other.bind(prefix, namespace, override=True)
        answer = run_query(other, text, {})
        assert answer.variables == expected.variables
        assert answer.terms == expected.terms
        assert format_result(answer, "tsv") == format_result(expected, "tsv")
        assert select(other, text) == select(graph_2014, text)  # the package's own runner too
        assert select(other, text, terms=True) == select(graph_2014, text, terms=True)


def test_a_plain_graph_may_answer_with_terms_oxigraph_rejects() -> None:
    plain = Graph()
    plain.add((URIRef("https://example.org/a b"), SKOS.prefLabel, Literal("x")))
    result = run_query(plain, "SELECT ?s WHERE { ?s ?p ?o }")
    assert result.rows == ((URIRef("https://example.org/a b"),),)
    assert result.records(text=True) == [{"s": "https://example.org/a b"}]
    with pytest.raises(ValueError, match="Invalid IRI"):
        _ = result.terms
