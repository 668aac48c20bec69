"""The SHACL shapes and validate_graph: every shape, both languages, both kinds of graph."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
import pytest
from oxrdflib import OxigraphStore
from rdflib import Graph, Literal
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import ORG, RDF, RDFS, SH

from fks_graph import build_graph, read_dataset
from fks_graph.core.resources import ontology_path, shapes_path
from fks_graph.validate.report import ValidationReport, Violation, validate_graph

FIXTURES = Path(__file__).parent / "fixtures" / "shapes"
DATA = "https://w3id.org/fks-graph/data/"
PREFIXES = "".join(
    line
    for line in (FIXTURES / "valid.ttl").read_text(encoding="utf-8").splitlines(keepends=True)
    if line.startswith("@prefix")
)

ENGLISH = re.compile(r"\b(a|A|the|The|is|of|one|must|needs|has|at most|exactly|after)\b")
GERMAN = re.compile(r"\b(ein|eine|einen|Ein|Eine|Der|Die|Das|der|muss|braucht|hat|genau|nach)\b")


@lru_cache(maxsize=1)
def _base() -> Graph:
    graph = Graph().parse(ontology_path(), format="turtle")
    return graph.parse(FIXTURES / "valid.ttl", format="turtle")


def graph_with(snippet: str = "", *files: str) -> Graph:
    """The ontology plus valid.ttl plus a Turtle snippet (with the fixture prefixes) and files."""
    graph = Graph()
    graph += _base()
    for name in files:
        graph.parse(FIXTURES / name, format="turtle")
    if snippet:
        graph.parse(data=PREFIXES + snippet, format="turtle")
    return graph


def on_oxigraph(graph: Graph) -> Graph:
    """The same triples in an rdflib graph over an Oxigraph store (as build_graph makes)."""
    store = ox.Store()
    store.load(graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return Graph(store=OxigraphStore(store=store), identifier=DATASET_DEFAULT_GRAPH_ID)


def period(begin: str | None, end: str | None, membership: str = "membership:M9") -> str:
    """A membership of the IHK in SWITCH from ``begin`` to ``end`` (``YYYY`` or ``YYYY-MM-DD``)."""

    def instant(node: str, value: str) -> str:
        if len(value) == 4:
            return f'{node} a time:Instant ; time:inXSDgYear "{value}"^^xsd:gYear .\n'
        return f'{node} a time:Instant ; time:inXSDDate "{value}"^^xsd:date .\n'

    text = (
        f"{membership} a org:Membership ; org:member actor:IHK-AC ; org:organization network:N1 ;\n"
        f"    org:memberDuring {membership}-during .\n"
        f"{membership}-during a time:Interval"
    )
    text += f" ; time:hasBeginning {membership}-begin" if begin else ""
    text += f" ; time:hasEnd {membership}-end" if end else ""
    text += " .\n"
    text += instant(f"{membership}-begin", begin) if begin else ""
    text += instant(f"{membership}-end", end) if end else ""
    return text


def project(start: str, end: str) -> str:
    """Project P9 of SWITCH from ``start`` to ``end``."""

    def literal(value: str) -> str:
        return f'"{value}"^^xsd:{"gYear" if len(value) == 4 else "date"}'

    return (
        'project:P9 a schema:Project ; skos:prefLabel "Pflege 2030" ; dct:identifier "P9" ;\n'
        f"    schema:parentOrganization network:N1 ;\n"
        f"    schema:startDate {literal(start)} ; schema:endDate {literal(end)} .\n"
    )


M9 = DATA + "membership/M9"

# (snippet, expected {(kind, field, focus)})
VIOLATING = [
    # network
    pytest.param(
        'network:N9 a org:OrganizationalCollaboration ; dct:identifier "N9" .',
        {("network", "name", DATA + "network/N9")},
        id="network-without-name",
    ),
    pytest.param(
        'network:N9 a org:OrganizationalCollaboration ; skos:prefLabel " " ; dct:identifier "N9" .',
        {("network", "name", DATA + "network/N9")},
        id="network-with-blank-name",
    ),
    pytest.param(
        'network:N9 a org:OrganizationalCollaboration ; skos:prefLabel "X" ; dct:identifier "N9", "N10" .',
        {("network", "id", DATA + "network/N9")},
        id="network-with-two-ids",
    ),
    pytest.param(
        'network:N1 schema:foundingDate "im Jahr 2011" .',
        {("network", "founded", DATA + "network/N1")},
        id="network-founded-as-text",
    ),
    pytest.param(
        "network:N1 fks:land fksat:company .",
        {("network", "state", DATA + "network/N1")},
        id="network-state-not-a-land",
    ),
    pytest.param(
        'network:N1 foaf:homepage "switch.example.org" .',
        {("network", "website", DATA + "network/N1")},
        id="network-website-as-text",
    ),
    pytest.param(
        "network:N1 fks:actionField fkstg:women .",
        {("network", "action_fields", DATA + "network/N1")},
        id="network-target-group-as-action-field",
    ),
    pytest.param(
        "network:N1 fks:region region:X9 . region:X9 a fks:Region .",
        {("network", "region", DATA + "network/N1")},
        id="network-with-two-regions",
    ),
    # region
    pytest.param(
        "region:X9 a fks:Region ; fks:regionType fksland:DE-NW .",
        {("region", "region_type", DATA + "region/X9")},
        id="region-type-not-a-region-type",
    ),
    pytest.param(
        "region:DEA2D fks:land fkstg:women .",
        {("region", "state", DATA + "region/DEA2D")},
        id="region-state-not-a-land",
    ),
    # actor
    pytest.param(
        'actor:A9 a org:FormalOrganization ; skos:prefLabel "Bäckerei Schmitz" ; dct:identifier "A9" .',
        {("actor", "type", DATA + "actor/A9")},
        id="actor-without-type",
    ),
    pytest.param(
        'actor:A9 a org:FormalOrganization ; skos:prefLabel "Bäckerei Schmitz" ;\n'
        "    org:classification fksrole:partner .",
        {("actor", "type", DATA + "actor/A9")},
        id="actor-type-not-an-actor-type",
    ),
    pytest.param(
        "actor:IHK-AC org:classification fksat:company .",
        {("actor", "type", DATA + "actor/IHK-AC")},
        id="actor-with-two-types",
    ),
    pytest.param(
        "actor:A9 a org:FormalOrganization ; org:classification fksat:company .",
        {("actor", "name", DATA + "actor/A9")},
        id="actor-without-name",
    ),
    pytest.param(
        'actor:IHK-AC owl:sameAs "Q1" .',
        {("actor", "same_as", DATA + "actor/IHK-AC")},
        id="actor-same-as-text",
    ),
    # membership
    pytest.param(
        "membership:M9 a org:Membership ; org:member actor:IHK-AC , actor:by-name-dgb ;\n"
        "    org:organization network:N1 .",
        {("membership", "actor", M9)},
        id="membership-with-two-members",
    ),
    pytest.param(
        "membership:M9 a org:Membership ; org:member actor:IHK-AC .",
        {("membership", "network_id", M9)},
        id="membership-without-network",
    ),
    pytest.param(
        "membership:M9 a org:Membership ; org:organization network:N1 .",
        {("membership", "actor", M9)},
        id="membership-without-member",
    ),
    pytest.param(
        "membership:M9 a org:Membership ; org:member network:N1 ; org:organization network:N1 .",
        {("membership", "actor", M9)},
        id="membership-member-is-a-network",
    ),
    pytest.param(
        "membership:M9 a org:Membership ; org:member actor:IHK-AC ; org:organization actor:IHK-AC .",
        {("membership", "network_id", M9)},
        id="membership-network-is-an-actor",
    ),
    pytest.param(
        "membership:M9 a org:Membership ; org:member actor:IHK-AC ; org:organization network:N1 ;\n"
        "    org:role fksat:company .",
        {("membership", "role", M9)},
        id="membership-role-not-a-role",
    ),
    pytest.param(
        period("2016", "2014"),
        {("membership", "since/until", M9)},
        id="since-year-after-until-year",
    ),
    pytest.param(
        period("2016-05-01", "2016-04-30"),
        {("membership", "since/until", M9)},
        id="since-date-after-until-date",
    ),
    pytest.param(
        period("2016", "2015-12-31"),
        {("membership", "since/until", M9)},
        id="since-year-after-until-date",
    ),
    pytest.param(
        period("2015-01-01", "2014"),
        {("membership", "since/until", M9)},
        id="since-date-after-until-year",
    ),
    # period and point in time of a membership
    pytest.param(
        period("2014", None) + "membership:M9-during time:hasBeginning membership:M9-end .\n"
        'membership:M9-end a time:Instant ; time:inXSDgYear "2013"^^xsd:gYear .',
        {("period", "since", M9 + "-during")},
        id="period-with-two-beginnings",
    ),
    pytest.param(
        period("2014", None) + 'membership:M9-begin time:inXSDDate "2014-03-01"^^xsd:date .',
        {("date", "since/until", M9 + "-begin")},
        id="instant-with-year-and-date",
    ),
    pytest.param(
        period("2014", None).replace('"2014"^^xsd:gYear', '"2014"'),
        {("date", "since/until", M9 + "-begin")},
        id="instant-year-as-text",
    ),
    pytest.param(
        period("2014", None).replace(' ; time:inXSDgYear "2014"^^xsd:gYear', ""),
        {("date", "since/until", M9 + "-begin")},
        id="instant-without-year-or-date",
    ),
    # project and partner
    pytest.param(
        'project:P9 a schema:Project ; skos:prefLabel "Pflege 2030" ; dct:identifier "P9" .',
        {("project", "network_id", DATA + "project/P9")},
        id="project-without-network",
    ),
    pytest.param(
        project("2016", "2015"),
        {("project", "start/end", DATA + "project/P9")},
        id="project-start-after-end",
    ),
    pytest.param(
        project("2014-03-02", "2014-03-01"),
        {("project", "start/end", DATA + "project/P9")},
        id="project-start-date-after-end-date",
    ),
    pytest.param(
        'project:P1 schema:startDate "Frühjahr 2014" .',
        {("project", "start", DATA + "project/P1")},
        id="project-with-two-starts-one-as-text",
    ),
    pytest.param(
        "project:P1 schema:member actor:IHK-AC .",
        {("project", "project_partners", DATA + "project/P1")},
        id="project-member-not-a-partner-entry",
    ),
    pytest.param(
        "project:P1 schema:member project:P1-partner-9 . project:P1-partner-9 a schema:OrganizationRole .",
        {("partner", "actor", DATA + "project/P1-partner-9")},
        id="partner-without-actor",
    ),
    pytest.param(
        "project:X-partner a schema:OrganizationRole ; schema:member actor:IHK-AC .",
        {("partner", "project_id", DATA + "project/X-partner")},
        id="partner-without-project",
    ),
    # award and prize
    pytest.param(
        "award:N1-2015 a fks:AwardConferral ; fks:awardee network:N1 ;\n"
        '    fks:prize prize:innovative-netzwerke ; fks:awardYear "2015-05-01"^^xsd:date .',
        {("award", "year", DATA + "award/N1-2015")},
        id="award-year-as-date",
    ),
    pytest.param(
        'award:N1-2015 a fks:AwardConferral ; fks:awardee network:N1 ; fks:awardYear "2015"^^xsd:gYear .',
        {("award", "award", DATA + "award/N1-2015")},
        id="award-without-prize",
    ),
    pytest.param(
        "award:N1-2015 a fks:AwardConferral ; fks:awardee actor:IHK-AC ;\n"
        '    fks:prize prize:innovative-netzwerke ; fks:awardYear "2015"^^xsd:gYear .',
        {("award", "network_id", DATA + "award/N1-2015")},
        id="award-to-an-actor",
    ),
    pytest.param(
        'award:N1-2014 fks:atEvent event:x . event:x a schema:Event ; schema:name "X" .',
        {("award", "event", DATA + "award/N1-2014")},
        id="award-at-two-events",
    ),
    pytest.param(
        'event:x a schema:Event ; schema:name "X" ; fks:applicantCount "viele" .',
        {("event", "applicants", DATA + "event/x")},
        id="event-with-text-as-count",
    ),
    pytest.param(
        'membership:N1-dgb fks:asOf "im Sommer" .',
        {("membership", "as_of", DATA + "membership/N1-dgb")},
        id="stated-day-not-a-date",
    ),
    pytest.param(
        "actor:by-name-dgb org:unitOf actor:IHK-AC .",
        {("actor", "name", DATA + "actor/by-name-dgb")},
        id="unit-of-two-organisations",
    ),
    pytest.param(
        "network:N1 fks:networkKind fksat:company .",
        {("network", "kind", DATA + "network/N1")},
        id="network-kind-not-a-kind",
    ),
    pytest.param(
        "programme:EP-N1 fks:participant actor:IHK-AC .",
        {("participation", "network_id", DATA + "programme/EP-N1")},
        id="participation-of-an-actor",
    ),
    pytest.param(
        "prize:x a fks:Prize .",
        {("prize", "award", DATA + "prize/x")},
        id="prize-without-name",
    ),
]

SNIPPETS = {param.id: param.values[0] for param in VIOLATING}

CONFORMING = [
    pytest.param(
        'network:N9 a org:OrganizationalCollaboration ; skos:prefLabel "Netz" ; dct:identifier "N9" .',
        id="network-with-name-and-id-only",
    ),
    pytest.param(
        'network:N9 a org:OrganizationalCollaboration ; skos:prefLabel "Netz" ; dct:identifier "N9" ;\n'
        '    schema:foundingDate "2011-05-31"^^xsd:date .',
        id="network-founded-on-a-date",
    ),
    pytest.param("region:X9 a fks:Region .", id="region-without-anything"),
    pytest.param(
        'actor:by-name-x a org:FormalOrganization ; skos:prefLabel "Bäckerei" ; org:classification fksat:other .',
        id="actor-known-by-name",
    ),
    pytest.param(
        period(None, None).replace(" org:memberDuring membership:M9-during ;", ""),
        id="membership-bare",
    ),
    pytest.param(period("2014", None), id="membership-since-only"),
    pytest.param(period(None, "2014-03-01"), id="membership-until-only"),
    pytest.param(period("2014", "2014"), id="since-and-until-same-year"),
    pytest.param(period("2014", "2014-03-01"), id="since-year-until-date-in-that-year"),
    pytest.param(period("2014-03-01", "2014"), id="since-date-until-its-year"),
    pytest.param(period("2014-03-01", "2014-03-01"), id="since-and-until-same-day"),
    pytest.param(period("2013-12-31", "2014"), id="since-date-before-until-year"),
    pytest.param(project("2014", "2014-01-01"), id="project-start-year-end-first-day"),
    pytest.param(project("2015", "2016"), id="project-start-before-end"),
    pytest.param(
        "project:P1 schema:member project:P1-partner-9 .\n"
        "project:P1-partner-9 a schema:OrganizationRole ; schema:member actor:by-name-dgb .",
        id="partner-without-role",
    ),
    pytest.param(
        "award:N1-2015 a fks:AwardConferral ; fks:awardee network:N1 ;\n"
        '    fks:prize prize:innovative-netzwerke ; fks:awardYear "2015"^^xsd:gYear .',
        id="award-without-event",
    ),
]


def test_valid_fixture_conforms_and_has_a_focus_node_for_every_shape() -> None:
    graph = graph_with()
    report = validate_graph(graph)
    assert report.conforms, report.text()
    assert report.violations == ()
    shapes = Graph().parse(shapes_path(), format="turtle")
    node_shapes = set(shapes.subjects(RDF.type, SH.NodeShape))
    assert len(node_shapes) >= 10
    for shape in node_shapes:
        classes = list(shapes.objects(shape, SH.targetClass))
        predicates = list(shapes.objects(shape, SH.targetSubjectsOf))
        assert classes or predicates, shape
        for cls in classes:
            assert any(graph.subjects(RDF.type, cls)), f"no instance of {cls} in valid.ttl"
        for predicate in predicates:
            assert any(graph.subjects(predicate, None)), f"no subject of {predicate} in valid.ttl"


@pytest.mark.parametrize("snippet", CONFORMING)
def test_conforming(snippet: str) -> None:
    report = validate_graph(graph_with(snippet))
    assert report.conforms, report.text()
    assert report.violations == ()


# ill-typed literals do not have their datatype (SHACL 4.1.2). pySHACL reports the date and the
# count as well, without the value where sh:or is the constraint, and takes "20l5" for a gYear.
ILL_TYPED = [
    pytest.param(
        'network:N1 schema:foundingDate "2016-13-45"^^xsd:date .',
        {("network", "founded", DATA + "network/N1")},
        id="network-founded-on-an-ill-typed-date",
    ),
    pytest.param(
        'event:x a schema:Event ; schema:name "X" ; fks:applicantCount "1x"^^xsd:integer .',
        {("event", "applicants", DATA + "event/x")},
        id="event-with-an-ill-typed-count",
    ),
    pytest.param(
        'award:N1-2015 a fks:AwardConferral ; fks:awardee network:N1 ; fks:awardYear "20l5"^^xsd:gYear ;'
        "\n    fks:prize prize:innovative-netzwerke .",
        {("award", "year", DATA + "award/N1-2015")},
        id="award-in-an-ill-typed-year",
    ),
]


def _report(graph: Graph, engine: str) -> set[tuple[str, str, str, str | None, str]]:
    report = validate_graph(graph, engine=engine)
    return {(v.kind, v.field, v.focus, v.value, v.message) for v in report.violations}


@pytest.mark.parametrize("snippet", [*CONFORMING, *(p.values[0] for p in VIOLATING)])
def test_both_engines_give_the_same_report(snippet: str) -> None:
    graph = graph_with(snippet)
    assert _report(graph, "sparql") == _report(graph, "pyshacl")


@pytest.mark.parametrize("fixture", sorted(p.name for p in FIXTURES.glob("*.ttl")))
def test_both_engines_agree_on_the_fixture_files(fixture: str) -> None:
    graph = graph_with("", fixture)
    assert _report(graph, "sparql") == _report(graph, "pyshacl")


@pytest.mark.parametrize(("snippet", "expected"), ILL_TYPED[:2])
def test_both_engines_find_ill_typed_literals(snippet: str, expected: set) -> None:
    graph = graph_with(snippet)
    for engine in ("sparql", "pyshacl"):
        report = validate_graph(graph, engine=engine)
        assert {(v.kind, v.field, v.focus) for v in report.violations} == expected, engine


def test_unknown_engine() -> None:
    with pytest.raises(ValueError, match="engine must be one of sparql, pyshacl"):
        validate_graph(graph_with(), engine="fast")


@pytest.mark.parametrize(("snippet", "expected"), [*VIOLATING, *ILL_TYPED])
def test_violating(snippet: str, expected: set[tuple[str, str, str]]) -> None:
    graph = graph_with(snippet)
    english = validate_graph(graph, lang="en")
    german = validate_graph(graph, lang="de")
    assert not english.conforms
    assert not german.conforms
    assert {(v.kind, v.field, v.focus) for v in english.violations} == expected, english.text()
    assert {(v.kind, v.field, v.focus) for v in german.violations} == expected, german.text()
    assert all(v.severity == "violation" for v in english.violations)
    messages = {}
    for v in english.violations:
        messages.setdefault((v.kind, v.field, v.focus, v.value), []).append(v.message)
    for v in german.violations:
        messages[(v.kind, v.field, v.focus, v.value)].append(v.message)
    for en, de in messages.values():
        assert en != de
        assert ENGLISH.search(en), en
        assert not GERMAN.search(en), en
        assert GERMAN.search(de), de
        assert not ENGLISH.search(de), de


@pytest.mark.parametrize(
    ("begin", "end", "value"),
    [
        ("2016", "2014", "2016 > 2014"),
        ("2016-05-01", "2016-04-30", "2016-05-01 > 2016-04-30"),
        ("2016", "2015-12-31", "2016 > 2015-12-31"),
        ("2015-01-01", "2014", "2015-01-01 > 2014"),
    ],
)
def test_date_order_reports_both_dates(begin: str, end: str, value: str) -> None:
    (violation,) = validate_graph(graph_with(period(begin, end))).violations
    assert violation == Violation(
        focus=M9,
        kind="membership",
        label="membership of 'IHK Aachen' in network 'SWITCH' (id N1)",
        field="since/until",
        message="The membership begins (since) after it ends (until).",
        value=value,
        severity="violation",
    )


def test_text_in_english() -> None:
    report = validate_graph(graph_with("", "invalid.ttl"))
    assert report.text() == (
        "3 problems in 1 network, 1 actor, 1 membership\n"
        "network (id N2) – name: A network needs exactly one name, a non-empty text.\n"
        "actor 'Bäckerei Schmitz' (id A9) – type: An actor needs exactly one type, "
        "one of the actor types of the ontology.\n"
        "membership of 'Bäckerei Schmitz' in network 'SWITCH' (id N1) – since/until: "
        "The membership begins (since) after it ends (until). (value: 2016 > 2014)"
    )


def test_text_in_german() -> None:
    report = validate_graph(graph_with("", "invalid.ttl"), lang="de")
    assert report.text() == (
        "3 Probleme in 1 Netzwerk, 1 Akteur, 1 Mitgliedschaft\n"
        "Netzwerk (ID N2) – name: Ein Netzwerk braucht genau einen Namen (nicht leerer Text).\n"
        "Akteur 'Bäckerei Schmitz' (ID A9) – type: Ein Akteur braucht genau einen Typ, "
        "einen der Akteurstypen der Ontologie.\n"
        "Mitgliedschaft von 'Bäckerei Schmitz' im Netzwerk 'SWITCH' (ID N1) – since/until: "
        "Die Mitgliedschaft beginnt (seit) nach ihrem Ende (bis). (Wert: 2016 > 2014)"
    )


@pytest.mark.parametrize(
    ("case", "lang", "label"),
    [
        ("network-without-name", "en", "network (id N9)"),
        ("network-with-two-ids", "de", "Netzwerk 'X' (ID N10)"),  # the first id in sort order
        (
            "membership-with-two-members",
            "en",
            "membership of 'IHK Aachen', 'DGB Region NRW Süd-West' in network 'SWITCH' (id N1)",
        ),
        ("membership-without-network", "en", "membership of 'IHK Aachen'"),
        ("membership-without-member", "de", "Mitgliedschaft im Netzwerk 'SWITCH' (ID N1)"),
        (
            "period-with-two-beginnings",
            "en",
            "period of membership of 'IHK Aachen' in network 'SWITCH' (id N1)",
        ),
        (
            "instant-with-year-and-date",
            "de",
            "Zeitpunkt der Mitgliedschaft von 'IHK Aachen' im Netzwerk 'SWITCH' (ID N1)",
        ),
        ("project-without-network", "en", "project 'Pflege 2030' (id P9)"),
        ("partner-without-actor", "en", "partner in project 'Fachkräfte für die Pflege' (id P1)"),
        ("partner-without-project", "de", "Projektpartner 'IHK Aachen'"),
        (
            "award-year-as-date",
            "en",
            "award 'Innovative Netzwerke' 2015-05-01 to network 'SWITCH' (id N1)",
        ),
        ("award-without-prize", "de", "Auszeichnung 2015 für Netzwerk 'SWITCH' (ID N1)"),
        ("prize-without-name", "de", "Preis <https://w3id.org/fks-graph/data/prize/x>"),
    ],
)
def test_labels(case: str, lang: str, label: str) -> None:
    report = validate_graph(graph_with(SNIPPETS[case]), lang=lang)
    assert {v.label for v in report.violations} == {label}
    assert label in report.text()


def test_oxigraph_backed_graph_gives_the_same_report() -> None:
    plain = graph_with("", "invalid.ttl")
    oxi = on_oxigraph(plain)
    assert isinstance(oxi.store, OxigraphStore)
    size = len(oxi)
    for lang in ("en", "de"):
        assert validate_graph(oxi, lang=lang) == validate_graph(plain, lang=lang)
    assert len(oxi) == size  # validated in place, but nothing written
    assert validate_graph(on_oxigraph(graph_with(period("2014", "2014-03-01")))).conforms


def test_built_graph_conforms_and_a_broken_one_does_not(small_dataset: Path) -> None:
    graph = build_graph(read_dataset(small_dataset))
    assert isinstance(graph.store, OxigraphStore)
    report = validate_graph(graph, lang="de")
    assert report.conforms, report.text()
    assert report.text() == "Der Graph entspricht den Formen: keine Probleme."
    membership = min(graph.subjects(RDF.type, ORG.Membership))
    graph.remove((membership, ORG.organization, None))
    (violation,) = validate_graph(graph).violations
    assert (violation.kind, violation.field, violation.focus) == (
        "membership",
        "network_id",
        str(membership),
    )


def test_report_as_dict_is_json() -> None:
    report = validate_graph(graph_with("", "invalid.ttl"), lang="de")
    data = json.loads(json.dumps(report.as_dict(), ensure_ascii=False))
    assert data["conforms"] is False
    assert data["lang"] == "de"
    assert data["summary"] == "3 Probleme in 1 Netzwerk, 1 Akteur, 1 Mitgliedschaft"
    assert [v["kind"] for v in data["violations"]] == ["network", "actor", "membership"]
    assert set(data["violations"][0]) == {
        "focus",
        "kind",
        "label",
        "field",
        "message",
        "value",
        "severity",
    }


def test_summary_counts_nodes_and_problems() -> None:
    one = Violation("n", "network", "network 'X'", "name", "m", None, "violation")
    two = Violation("n", "network", "network 'X'", "id", "m", None, "violation")
    three = Violation("m", "membership", "membership", "actor", "m", None, "violation")
    assert (
        ValidationReport(False, (one, two, three)).summary()
        == "3 problems in 1 network, 1 membership"
    )
    report = ValidationReport(
        False, (one, three, Violation("o", "network", "l", "f", "m", None, "violation")), "de"
    )
    assert report.summary() == "3 Probleme in 2 Netzwerke, 1 Mitgliedschaft"
    assert ValidationReport(False, (three,)).summary() == "1 problem in 1 membership"


def test_unknown_language() -> None:
    with pytest.raises(ValueError, match="lang"):
        validate_graph(graph_with(), lang="fr")


def test_every_shape_speaks_english_and_german() -> None:
    shapes = Graph().parse(shapes_path(), format="turtle")
    for shape in shapes.subjects(RDF.type, SH.NodeShape):
        assert {lit.language for lit in shapes.objects(shape, RDFS.label)} == {"en", "de"}, shape
    constraints = [
        *shapes.objects(None, SH.property),
        *shapes.objects(None, SH.sparql),
    ]
    assert len(constraints) > 40
    for node in constraints:
        (name,) = shapes.objects(node, SH.name)
        assert isinstance(name, Literal)
        assert str(name)
        messages = {lit.language: str(lit) for lit in shapes.objects(node, SH.message)}
        assert set(messages) == {"en", "de"}, name
        assert ENGLISH.search(messages["en"]), messages["en"]
        assert not GERMAN.search(messages["en"]), messages["en"]
        assert GERMAN.search(messages["de"]), messages["de"]
        assert not ENGLISH.search(messages["de"]), messages["de"]
