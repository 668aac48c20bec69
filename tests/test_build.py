"""Building the graph: ontology terms only, deterministic IRIs and bytes, provenance."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, SDO, SKOS, TIME, XSD

from fks_graph.core.resources import ontology_path
from fks_graph.graph.build import build_graph, dataset_triples
from fks_graph.graph.files import write_graph
from fks_graph.input.read import read_dataset
from fks_graph.registries import REGISTRY_BASE
from fks_graph.terms.namespace import FKS, FKS_NAMESPACE

from .conftest import write_dataset

BASE = "https://example.org/fks/"
STANDARD = tuple(str(ns) for ns in (DCTERMS, FOAF, ORG, OWL, PROV, RDF, SDO, SKOS, TIME, XSD))


@pytest.fixture
def graph(small_dataset: Path) -> Graph:
    return build_graph(read_dataset(small_dataset), base=BASE)


def _select(graph: Graph, query: str) -> list[tuple[str, ...]]:
    return sorted(tuple(str(v) for v in row) for row in graph.query(query))


def test_networks_actors_and_memberships(graph: Graph) -> None:
    rows = _select(
        graph,
        """SELECT ?network ?actor WHERE {
             ?m a org:Membership ; org:organization/dct:identifier ?network ;
                org:member/skos:prefLabel ?actor }""",
    )
    assert rows == [
        ("N1", "DGB Region Nord"),
        ("N1", "IHK Aachen"),
        ("N1", "Volkshochschule"),
        ("N2", "DGB Region Nord"),
        ("N2", "IHK Aachen"),
        ("N2", "Volkshochschule"),
    ]
    actors = _select(graph, "SELECT ?a WHERE { ?a a org:FormalOrganization }")
    assert len(actors) == 4  # one IHK, one DGB region, two Volkshochschulen


def test_cross_network_actors_by_sparql(graph: Graph) -> None:
    rows = _select(
        graph,
        """SELECT ?label (COUNT(DISTINCT ?n) AS ?count) WHERE {
             ?m org:member ?a ; org:organization ?n . ?a skos:prefLabel ?label }
           GROUP BY ?a ?label HAVING (COUNT(DISTINCT ?n) >= 2)""",
    )
    assert rows == [("DGB Region Nord", "2"), ("IHK Aachen", "2")]


def test_iris_are_minted_under_the_base(graph: Graph) -> None:
    assert (URIRef(BASE + "network/N1"), RDF.type, ORG.OrganizationalCollaboration) in graph
    assert (URIRef(BASE + "actor/IHK-AC"), DCTERMS.identifier, Literal("IHK-AC")) in graph
    vhs = URIRef(BASE + "actor/~volkshochschule~aachen")
    assert (vhs, FKS.city, Literal("Aachen")) in graph
    assert (URIRef(BASE + "actor/~dgb-region-nord"), RDF.type, ORG.FormalOrganization) in graph


def test_values_are_typed(graph: Graph) -> None:
    n1, n2 = URIRef(BASE + "network/N1"), URIRef(BASE + "network/N2")
    assert graph.value(n1, SDO.foundingDate) == Literal("2011", datatype=XSD.gYear)
    lands = {str(graph.value(land, SKOS.notation)) for land in graph.objects(n2, FKS.land)}
    assert lands == {"DE-BY"}
    fields = {str(graph.value(c, SKOS.notation)) for c in graph.objects(n1, FKS.actionField)}
    assert fields == {"qualification", "immigration"}
    membership = URIRef(BASE + "membership/N2/IHK-AC")
    begin = graph.value(
        graph.value(graph.value(membership, ORG.memberDuring), TIME.hasBeginning), TIME.inXSDDate
    )
    end = graph.value(
        graph.value(graph.value(membership, ORG.memberDuring), TIME.hasEnd), TIME.inXSDgYear
    )
    assert (begin, end) == (
        Literal("2013-05-01", datatype=XSD.date),
        Literal("2015", datatype=XSD.gYear),
    )
    role = graph.value(URIRef(BASE + "membership/N1/IHK-AC"), ORG.role)
    assert str(graph.value(role, SKOS.notation)) == "coordinator"


def test_projects_and_awards(graph: Graph) -> None:
    rows = _select(
        graph,
        """SELECT ?project ?network ?partner ?role WHERE {
             ?p a schema:Project ; skos:prefLabel ?project ; schema:parentOrganization/dct:identifier ?network ;
                schema:member [ schema:member/skos:prefLabel ?partner ; schema:roleName ?role ] }""",
    )
    assert rows == [("SWITCH", "N1", "IHK Aachen", "lead")]
    rows = _select(
        graph,
        """SELECT ?network ?prize ?year ?event WHERE {
             ?c a fks:AwardConferral ; fks:awardee/dct:identifier ?network ; fks:prize/skos:prefLabel ?prize ;
                fks:awardYear ?year ; fks:atEvent/schema:name ?event }""",
    )
    assert rows == [("N1", "Innovative Netzwerke", "2014", "3. Innovationstag 2014")]


def test_prizes_and_events_known_by_name_are_one_node_each(tmp_path: Path) -> None:
    """Spellings of one prize (or event) name are one node with one name, and the same prize
    won again in a year is a second conferral: the graph conforms to its shapes."""
    from fks_graph.validate.report import validate_graph

    data = write_dataset(
        tmp_path / "d",
        networks="id,name\nN1,Allianz A\nN2,Allianz B\n",
        memberships="network_id,actor_name\nN1,IHK Aachen\nN2,IHK Köln\n",
        awards="network_id,award,year,event\n"
        "N1,Innovative Netzwerke,2014,3. Innovationstag\n"
        "N2,innovative Netzwerke,2016,3 Innovationstag\n"
        "N2,innovative Netzwerke,2016,Demografie-Kongress\n",
    )
    graph = build_graph(read_dataset(data))
    prizes = _select(graph, "SELECT ?name WHERE { ?p a fks:Prize ; skos:prefLabel ?name }")
    assert prizes == [("Innovative Netzwerke",)]  # as first written
    events = _select(graph, "SELECT ?name WHERE { ?e a schema:Event ; schema:name ?name }")
    assert sorted(events) == [("3. Innovationstag",), ("Demografie-Kongress",)]
    conferrals = _select(graph, "SELECT ?c WHERE { ?c a fks:AwardConferral }")
    assert len(conferrals) == 3
    assert validate_graph(graph).conforms


def test_provenance_of_the_dataset(graph: Graph) -> None:
    dataset = URIRef(BASE + "dataset/small")
    assert (dataset, RDF.type, PROV.Entity) in graph
    assert graph.value(dataset, FKS.synthetic) == Literal(False)
    built = URIRef(BASE + "graph/small")
    assert (built, PROV.wasDerivedFrom, dataset) in graph
    activity = graph.value(built, PROV.wasGeneratedBy)
    assert (activity, PROV.used, dataset) in graph
    assert (URIRef(BASE + "network/N1"), PROV.wasDerivedFrom, dataset) in graph
    files = {str(f) for f in graph.objects(dataset, FKS.sourceFile)}
    assert {"networks.csv", "memberships.csv", "actors.csv"} <= files


def test_contains_the_ontology(graph: Graph) -> None:
    ontology = Graph().parse(ontology_path())
    assert all(triple in graph for triple in ontology)


def test_instances_use_only_ontology_and_standard_terms(small_dataset: Path) -> None:
    declared = set(FKS.__annotations__)
    triples = list(dataset_triples(read_dataset(small_dataset), base=BASE))
    predicates = {t.predicate.value for t in triples}
    classes = {t.object.value for t in triples if t.predicate.value == str(RDF.type)}
    for term in predicates | classes:
        if term.startswith(FKS_NAMESPACE):
            assert term[len(FKS_NAMESPACE) :] in declared
        else:
            assert term.startswith(STANDARD), term


def test_same_input_gives_the_same_bytes(small_dataset: Path, tmp_path: Path) -> None:
    outputs = []
    for n in range(2):
        graph = build_graph(read_dataset(small_dataset), base=BASE)
        outputs.append(write_graph(graph, tmp_path / f"g{n}.ttl").read_bytes())
    assert outputs[0] == outputs[1]
    assert b"Volkshochschule" in outputs[0]


@pytest.mark.parametrize("suffix", [".ttl", ".nt"])
def test_same_bytes_across_processes(small_dataset: Path, tmp_path: Path, suffix: str) -> None:
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"g{seed}{suffix}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run(
            [sys.executable, "-m", "fks_graph", "build", str(small_dataset), "-o", str(out), "-q"],
            check=True,
            env=env,
            capture_output=True,
        )
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


def test_no_blank_nodes(graph: Graph) -> None:
    from rdflib import BNode

    assert not any(isinstance(node, BNode) for triple in graph for node in triple)


def test_every_spelling_is_a_label_with_its_file_and_row(tmp_path: Path) -> None:
    folder = write_dataset(
        tmp_path / "spellings",
        networks="id,name\nN1,A\nN2,B\nN3,C\n",
        actors="id,name,city\nIHK-AC,IHK Aachen,Aachen\n",
        memberships="network_id,actor_id,actor_name,actor_city\n"
        "N1,,Industrie- und Handelskammer zu Aachen,\n"
        "N2,IHK-AC,ihk aachen,\n"
        "N1,,Job-Center Bonn,Bonn\n"
        "N2,,Jobcenter Bonn,Bonn\n"
        "N3,,Jobcenter Bonn,\n"
        "N3,,Volkshochschule,Bonn\n",
    )
    graph = build_graph(read_dataset(folder), base=BASE)
    rows = _select(
        graph,
        """SELECT ?pref ?spelling ?file ?row WHERE {
             ?actor skos:prefLabel ?pref ; fks:nameRecord ?record .
             ?record a fks:NameRecord ; fks:spelling ?spelling ; fks:sourceFile ?file ;
                     fks:sourceRow ?row }""",
    )
    assert rows == [
        ("IHK Aachen", "IHK Aachen", "actors.csv", "2"),
        ("IHK Aachen", "Industrie- und Handelskammer zu Aachen", "memberships.csv", "2"),
        ("IHK Aachen", "ihk aachen", "memberships.csv", "3"),
        ("Jobcenter Bonn", "Job-Center Bonn", "memberships.csv", "4"),
        ("Jobcenter Bonn", "Jobcenter Bonn", "memberships.csv", "5"),
    ]
    labels = _select(
        graph,
        "SELECT ?pref ?alt WHERE { ?a a org:FormalOrganization ; skos:prefLabel ?pref ; "
        "skos:altLabel ?alt }",
    )
    assert labels == [
        ("IHK Aachen", "Industrie- und Handelskammer zu Aachen"),
        ("IHK Aachen", "ihk aachen"),
        ("Jobcenter Bonn", "Job-Center Bonn"),
    ]
    vhs = URIRef(BASE + "actor/~volkshochschule~bonn")
    assert graph.value(vhs, FKS.nameRecord) is None  # one spelling: the actor's own row
    record = URIRef(BASE + "actor/IHK-AC/name/2")
    assert graph.value(record, FKS.sourceRow) == Literal(2)
    assert graph.value(record, FKS.sourceRow).datatype == XSD.integer


def test_the_iri_caches_are_emptied_after_a_build() -> None:
    # they serve one build; kept, they pin the memory of the build (290 MB at 6,000 networks)
    from fks_graph.graph.iris import _local, slug

    data = read_dataset(Path(__file__).parent / "fixtures" / "innovationstag-2014")
    graph = build_graph(data)
    assert len(graph) > 100
    assert (slug.cache_info().currsize, _local.cache_info().currsize) == (0, 0)


def test_text_that_needs_escaping_comes_back_as_written(tmp_path: Path) -> None:
    # statements are made as N-Triples text and loaded leniently: quotes, backslashes and
    # non-ASCII text must survive, and the text must pass a strict parser
    name = 'Bündnis "Fachkräfte" \\ Süd 😀 <b>'
    folder = write_dataset(
        tmp_path / "escaping",
        networks=f'id,name,description,website\nN 1/ä,"{name.replace(chr(34), 2 * chr(34))}",'
        '"a \\n is no line end, \\u0041 no escape",https://example.org/a?b=1&c=%20\n',
        memberships='network_id,actor_name,actor_city\nN 1/ä,"IHK ""Aachen"" \\",Köln\\\n',
    )
    data = read_dataset(folder)
    graph = build_graph(data, base=BASE)
    network = URIRef(BASE + "network/N%201%2F%C3%A4")
    assert str(graph.value(network, SKOS.prefLabel)) == name
    assert str(graph.value(network, DCTERMS.description)) == (
        "a \\n is no line end, \\u0041 no escape"
    )
    assert graph.value(network, FOAF.homepage) == URIRef("https://example.org/a?b=1&c=%20")
    assert {str(o) for o in graph.objects(None, SKOS.prefLabel)} >= {'IHK "Aachen" \\'}
    strict = {
        (t.subject.value, t.predicate.value, str(t.object))
        for t in dataset_triples(data, base=BASE)
    }
    loaded = set(graph.query("SELECT ?s ?p ?o WHERE { ?s ?p ?o }"))
    assert len(strict) == sum(1 for s, _, _ in loaded if str(s).startswith((BASE, REGISTRY_BASE)))


@pytest.fixture
def real_graph(tmp_path: Path) -> Graph:
    """A dataset with the columns and tables of real, sourced data."""
    folder = write_dataset(
        tmp_path,
        networks="id,name,kind,state,part_of,founded\n"
        "L,Fachkräfteallianz Sachsen,alliance,DE-SN,,2015-12-03\n"
        "R,Fachkräfteallianz Chemnitz,alliance,DE-SN,L,2016\n",
        memberships="network_id,actor_name,role,as_of,uncertain,note,source\n"
        "R,DGB Region Südwestsachsen,member,2015-11,,,https://example.org/a\n"
        "L,DGB,member,2025-09-12,true,Sitz rotiert,https://example.org/b\n"
        "R,IHK Chemnitz,coordinator,,,,https://example.org/a\n",
        events="id,name,date,place,city,applicants,participants\n"
        "IT3,3. Innovationstag,2014-05-22,Haus der Deutschen Wirtschaft,Berlin,67,300\n",
        awards="network_id,award,year,event\nR,Innovative Netzwerke,2014,IT3\n",
        programmes="id,name,organiser\nEP,Entwicklungspartnerschaft,Innovationsbüro\n",
        participations="programme_id,network_id,since,as_of,uncertain,source\n"
        "EP,R,2016,2018-02-20,x,https://example.org/c\n",
    )
    return build_graph(read_dataset(folder), base=BASE)


def test_network_kind_and_umbrella(real_graph: Graph) -> None:
    rows = _select(
        real_graph,
        """SELECT ?id ?kind ?umbrella ?founded WHERE {
             ?n dct:identifier ?id ; fks:networkKind/skos:notation ?kind ;
                schema:foundingDate ?founded .
             OPTIONAL { ?n org:subOrganizationOf/dct:identifier ?umbrella } }""",
    )
    assert rows == [("L", "alliance", "None", "2015-12-03"), ("R", "alliance", "L", "2016")]
    founded = real_graph.value(URIRef(BASE + "network/L"), SDO.foundingDate)
    assert founded.datatype == XSD.date


def test_stated_day_is_not_a_period(real_graph: Graph) -> None:
    rows = _select(
        real_graph,
        """SELECT ?actor ?as_of ?type ?uncertain ?note ?period WHERE {
             ?m org:member/skos:prefLabel ?actor ; fks:asOf ?as_of .
             BIND(DATATYPE(?as_of) AS ?type)
             OPTIONAL { ?m fks:uncertain ?uncertain } OPTIONAL { ?m skos:note ?note }
             OPTIONAL { ?m org:memberDuring ?period } }""",
    )
    assert rows == [
        ("DGB", "2025-09-12", str(XSD.date), "true", "Sitz rotiert", "None"),
        ("DGB Region Südwestsachsen", "2015-11", str(XSD.gYearMonth), "None", "None", "None"),
    ]


def test_units_link_to_one_organisation_node(real_graph: Graph) -> None:
    rows = _select(
        real_graph,
        """SELECT ?unit ?parent ?type WHERE {
             ?u org:unitOf ?p ; skos:prefLabel ?unit .
             ?p a org:Organization ; skos:prefLabel ?parent ;
                org:classification/skos:notation ?type }""",
    )
    assert rows == [
        ("DGB", "Deutscher Gewerkschaftsbund", "union"),
        ("DGB Region Südwestsachsen", "Deutscher Gewerkschaftsbund", "union"),
    ]
    parents = _select(real_graph, "SELECT DISTINCT ?p WHERE { ?u org:unitOf ?p }")
    assert len(parents) == 1
    assert not _select(
        real_graph, "SELECT ?p WHERE { ?u org:unitOf ?p . ?p a org:FormalOrganization }"
    )


def test_event_of_an_award(real_graph: Graph) -> None:
    rows = _select(
        real_graph,
        """SELECT ?name ?date ?place ?city ?applicants ?participants WHERE {
             [] a fks:AwardConferral ; fks:atEvent ?e .
             ?e a schema:Event ; schema:name ?name ; schema:startDate ?date ;
                schema:location ?place ; fks:city ?city ; fks:applicantCount ?applicants ;
                fks:participantCount ?participants }""",
    )
    assert rows == [
        ("3. Innovationstag", "2014-05-22", "Haus der Deutschen Wirtschaft", "Berlin", "67", "300")
    ]


def test_programme_participation(real_graph: Graph) -> None:
    rows = _select(
        real_graph,
        """SELECT ?programme ?organiser ?network ?since ?as_of ?uncertain ?source WHERE {
             ?p a fks:ProgrammeParticipation ; fks:participant/dct:identifier ?network ;
                fks:programme ?g ; schema:startDate ?since ; fks:asOf ?as_of ;
                fks:uncertain ?uncertain ; dct:source ?source .
             ?g a fks:Programme ; skos:prefLabel ?programme ; fks:organiser ?organiser }""",
    )
    assert rows == [
        (
            "Entwicklungspartnerschaft",
            "Innovationsbüro",
            "R",
            "2016",
            "2018-02-20",
            "true",
            "https://example.org/c",
        )
    ]


def test_actors_link_to_their_registry_entry(real_graph: Graph) -> None:
    rows = _select(
        real_graph,
        """SELECT ?actor ?code ?label ?registry WHERE {
             ?a skos:prefLabel ?actor ; fks:registryEntry ?e .
             ?e skos:notation ?code ; skos:prefLabel ?label ; skos:inScheme ?s .
             ?s skos:prefLabel ?registry }""",
    )
    assert rows == [("IHK Chemnitz", "123", "IHK Chemnitz", "Industrie- und Handelskammern")]


def test_the_kreise_of_the_networks_laender_are_in_the_graph(real_graph: Graph) -> None:
    rows = _select(
        real_graph,
        f"""SELECT (COUNT(?k) AS ?n) WHERE {{ ?k skos:inScheme <{REGISTRY_BASE}kreis> ;
             skos:notation ?ags ; fks:land ?land }}""",
    )
    assert rows == [("13",)]  # the networks lie in Sachsen: its 13 Kreise and Städte


def test_a_region_of_several_kreise_has_them_as_parts(tmp_path: Path) -> None:
    folder = write_dataset(
        tmp_path,
        networks="id,name,region,region_code\nN1,Bündnis,Bonn und Rhein-Sieg,05314|05382\n"
        "N2,Allianz,Bonn,05314\n",
        memberships="network_id,actor_name\nN1,IHK Bonn/Rhein-Sieg\n",
    )
    graph = build_graph(read_dataset(folder), base=BASE)
    rows = _select(
        graph,
        """SELECT ?id ?link ?ags ?notation WHERE {
             ?n dct:identifier ?id ; fks:region ?r . ?r ?link ?k . ?k skos:notation ?ags .
             FILTER(?link IN (skos:exactMatch, dct:hasPart))
             OPTIONAL { ?r skos:notation ?notation } }""",
    )
    assert rows == [
        ("N1", str(DCTERMS.hasPart), "05314", "None"),
        ("N1", str(DCTERMS.hasPart), "05382", "None"),
        ("N2", str(SKOS.exactMatch), "05314", "05314"),
    ]
    from fks_graph.sparql.run import run_query

    per_kreis = run_query(graph, "networks-per-kreis", {"state": "DE-NW"})
    assert {(str(r["ags"]), int(r["networks"])) for r in per_kreis.records()} == {
        ("05314", 2),
        ("05382", 1),
    }
