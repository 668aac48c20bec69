"""The FKS DefinedNamespace and ontology/fks.ttl define the same terms."""

from __future__ import annotations

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, SKOS

from fks_graph.core.resources import ontology_path
from fks_graph.terms.namespace import FKS, FKS_NAMESPACE

_DECLARED = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, SKOS.ConceptScheme)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ontology_path(), format="turtle")


def _ontology_terms(ontology: Graph) -> set[str]:
    return {
        str(subject)[len(FKS_NAMESPACE) :]
        for kind in _DECLARED
        for subject in ontology.subjects(RDF.type, kind)
        if isinstance(subject, URIRef) and str(subject).startswith(FKS_NAMESPACE)
    }


def _namespace_terms() -> set[str]:
    return {name for name in FKS.__annotations__ if not name.startswith("_")}


def test_namespace_and_ontology_define_the_same_terms(ontology: Graph) -> None:
    assert _namespace_terms() == _ontology_terms(ontology)


def test_every_term_used_in_the_ontology_is_declared(ontology: Graph) -> None:
    used = {
        str(node)[len(FKS_NAMESPACE) :]
        for triple in ontology
        for node in triple
        if isinstance(node, URIRef) and str(node).startswith(FKS_NAMESPACE)
    }
    assert used <= _ontology_terms(ontology)


@pytest.mark.parametrize("term", sorted(_namespace_terms()))
def test_every_term_has_german_and_english_labels(ontology: Graph, term: str) -> None:
    from rdflib.namespace import RDFS

    languages = {label.language for label in ontology.objects(FKS[term], RDFS.label)}
    assert {"de", "en"} <= languages


def test_unknown_term_fails() -> None:
    with pytest.raises(AttributeError, match="Acter"):
        _ = FKS.Acter
