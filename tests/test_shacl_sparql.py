"""The set-at-a-time SHACL engine: what it compiles, what it refuses, general counts and paths."""

from __future__ import annotations

import pytest
from rdflib import Graph
from rdflib.namespace import RDF, SH

from fks_graph.graph.rdf import new_graph
from fks_graph.validate.sparql_engine import UnsupportedShape, compile_shapes, validate_sparql

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
