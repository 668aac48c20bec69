"""The set-at-a-time SHACL engine: what it compiles, what it refuses, general counts and paths."""

from __future__ import annotations

import pytest
from rdflib import Graph, Namespace
from rdflib.namespace import RDF, SH

from fks_graph.graph.rdf import new_graph
from fks_graph.validate.sparql_engine import UnsupportedShape, compile_shapes, validate_sparql

EX = Namespace("https://example.org/")

PREFIXES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <https://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""


def _shapes(text: str) -> Graph:
    return Graph().parse(data=PREFIXES + text, format="turtle")


def _data(text: str) -> Graph:
    graph = new_graph()
    graph.parse(data=PREFIXES + text, format="turtle")
    return graph


def _results(data: str, shapes: str) -> set[tuple[str, str]]:
    results = validate_sparql(_data(data), _shapes(shapes))
    return {
        (
            str(results.value(r, SH.focusNode)),
            str(results.value(r, SH.sourceConstraintComponent)).split("#")[1],
        )
        for r in results.subjects(RDF.type, SH.ValidationResult)
    }


def test_the_shipped_shapes_compile() -> None:
    _, checks = compile_shapes()
    components = {str(c.component).split("#")[1] for c in checks}
    assert {
        "MinCountConstraintComponent",
        "MaxCountConstraintComponent",
        "ClassConstraintComponent",
        "DatatypeConstraintComponent",
        "SPARQLConstraintComponent",
    } <= components


@pytest.mark.parametrize(
    "constraint", ["sh:in ( 1 2 )", "sh:minLength 3", "sh:hasValue ex:x", "sh:node ex:Other"]
)
def test_unknown_components_are_refused_not_skipped(constraint: str) -> None:
    shapes = _shapes(
        f"ex:S a sh:NodeShape ; sh:targetClass ex:T ; sh:property [ sh:path ex:p ; {constraint} ] ."
    )
    with pytest.raises(UnsupportedShape, match="uses"):
        compile_shapes(shapes)


def test_counts_above_one_and_sequence_paths() -> None:
    shapes = """
    ex:S a sh:NodeShape ; sh:targetClass ex:T ;
        sh:property [ sh:path ex:p ; sh:minCount 2 ; sh:maxCount 3 ] ;
        sh:property [ sh:path ( ex:q ex:r ) ; sh:minCount 1 ] .
    """
    data = """
    ex:ok a ex:T ; ex:p 1, 2 ; ex:q [ ex:r 1 ] .
    ex:few a ex:T ; ex:p 1 ; ex:q [ ex:r 1 ] .
    ex:many a ex:T ; ex:p 1, 2, 3, 4 ; ex:q [ ex:r 1 ] .
    ex:nopath a ex:T ; ex:p 1, 2 ; ex:q [ ex:s 1 ] .
    """
    assert _results(data, shapes) == {
        ("https://example.org/few", "MinCountConstraintComponent"),
        ("https://example.org/many", "MaxCountConstraintComponent"),
        ("https://example.org/nopath", "MinCountConstraintComponent"),
    }


def test_targets_follow_subclasses() -> None:
    shapes = (
        "ex:S a sh:NodeShape ; sh:targetClass ex:T ; sh:property [ sh:path ex:p ; sh:minCount 1 ] ."
    )
    data = "ex:Sub <http://www.w3.org/2000/01/rdf-schema#subClassOf> ex:T . ex:x a ex:Sub ."
    assert _results(data, shapes) == {("https://example.org/x", "MinCountConstraintComponent")}


SCREENED = """
ex:S a sh:NodeShape ; sh:targetClass ex:T ;
    sh:property [ sh:path ex:p ; sh:maxCount 1 ; sh:class ex:C ] ;
    sh:property [ sh:path ex:name ; sh:datatype xsd:string ; sh:pattern "^[A-Z]" ] .
ex:U a sh:NodeShape ; sh:targetClass ex:V ;
    sh:property [ sh:path ex:p ; sh:maxCount 1 ; sh:class ex:C ] ;
    sh:property [ sh:path ( ex:p ex:q ) ; sh:maxCount 1 ] .
"""


def test_screens_are_shared_by_shapes_and_only_for_one_predicate() -> None:
    _, checks = compile_shapes(_shapes(SCREENED))
    screens = {
        (str(c.node_shape).rsplit("/", 1)[1], str(c.component).split("#")[1], c.screen is None)
        for c in checks
    }
    assert ("U", "MaxCountConstraintComponent", True) in screens  # the sequence path
    by_shape = {
        shape: {c.screen for c in checks if str(c.node_shape).endswith(shape) and c.path == EX.p}
        for shape in ("S", "U")
    }
    assert len(by_shape["S"]) == 2  # maxCount and class: two screens ...
    assert by_shape["S"] == by_shape["U"]  # ... the same for both shapes


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        # values of nodes that are no focus node fail every screen: the checks still run
        # and find nothing
        (
            "ex:a a ex:T ; ex:p ex:c ; ex:name 'Ann' . ex:c a ex:C . ex:x ex:p 1, 2 ; ex:name 1, 'b' .",
            set(),
        ),
        # and the focus nodes' own violations are found
        (
            "ex:a a ex:T ; ex:p 1, 2 ; ex:name 1, 'b' . ex:x ex:p ex:c . ex:c a ex:C .",
            {
                ("https://example.org/a", "MaxCountConstraintComponent"),
                ("https://example.org/a", "ClassConstraintComponent"),
                ("https://example.org/a", "DatatypeConstraintComponent"),
                ("https://example.org/a", "PatternConstraintComponent"),
            },
        ),
        # nothing anywhere: every screen finds nothing, no check runs
        ("ex:a a ex:T ; ex:p ex:c ; ex:name 'Ann' . ex:c a ex:C .", set()),
    ],
    ids=["others-violate", "focus-violates", "none-violates"],
)
def test_screens_hide_no_violation(data: str, expected: set) -> None:
    assert _results(data, SCREENED) == expected
