"""The SKOS concept schemes of the ontology: codes, labels and lookup of input spellings."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SKOS

from fks_graph.core.errors import UsageError
from fks_graph.core.resources import ontology_path
from fks_graph.core.text import key
from fks_graph.terms.namespace import FKS, FKS_NAMESPACE

__all__ = ["Concept", "Scheme", "Vocabulary", "vocabulary"]


@dataclass(frozen=True, slots=True)
class Concept:
    """A concept of a scheme: IRI, code (``skos:notation``) and labels by language."""

    iri: URIRef
    code: str
    labels: tuple[tuple[str, str], ...]
    alt_labels: tuple[str, ...] = ()
    ags_code: str | None = None
    nuts_code: str | None = None

    def label(self, lang: str = "de") -> str:
        """The preferred label in ``lang`` (falling back to German, then the code).

        Examples
        --------
        >>> vocabulary().actor_types.get("jobcenter").label("en")
        'job centre'
        """
        labels = dict(self.labels)
        return labels.get(lang) or labels.get("de") or self.code


@dataclass(slots=True)
class Scheme:
    """The concepts of one SKOS concept scheme, with lookup by code or label."""

    iri: URIRef
    concepts: dict[str, Concept] = field(default_factory=dict)
    _index: dict[str, Concept] = field(default_factory=dict, repr=False)

    def add(self, concept: Concept) -> None:
        """Register ``concept`` and its spellings for :meth:`lookup`."""
        self.concepts[concept.code] = concept
        spellings = [concept.code, *(label for _, label in concept.labels), *concept.alt_labels]
        for spelling in spellings:
            self._index.setdefault(key(spelling), concept)

    def get(self, code: str) -> Concept:
        """The concept with code ``code``; ``KeyError`` for an unknown code."""
        return self.concepts[code]

    def lookup(self, text: str) -> Concept | None:
        """The concept a user's spelling stands for: code, German or English label, alias.

        Comparison ignores case, umlaut spelling, spaces, hyphens and punctuation.

        Examples
        --------
        >>> at = vocabulary().actor_types
        >>> at.lookup("IHK").code, at.lookup("Agentur für Arbeit").code
        ('chamber_of_commerce', 'employment_agency')
        >>> at.lookup("employment-agency").code
        'employment_agency'
        >>> at.lookup("Bäckerei") is None
        True
        """
        return self._index.get(key(text))

    @property
    def codes(self) -> tuple[str, ...]:
        """All codes of the scheme, in the order of the ontology file."""
        return tuple(self.concepts)


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """All concept schemes of ``ontology/fks.ttl``."""

    actor_types: Scheme
    roles: Scheme
    action_fields: Scheme
    target_groups: Scheme
    region_types: Scheme
    laender: Scheme
    network_kinds: Scheme

    def land(self, text: str) -> Concept | None:
        """The Land a user's text names: code, name or alias, also a code without ``DE-``.

        The one Land lookup of fks-graph: input cells, command options and query parameters.

        Examples
        --------
        >>> v = vocabulary()
        >>> v.land("Nordrhein-Westfalen").code, v.land("NW").code, v.land("DE-BY").code
        ('DE-NW', 'DE-NW', 'DE-BY')
        >>> v.land("Atlantis") is None
        True
        """
        return self.laender.lookup(text) or self.laender.lookup(f"DE-{text}")

    def land_code(self, text: str) -> str:
        """The ISO code of the Land a user's option names (see :meth:`land`), else a ``UsageError``.

        Examples
        --------
        >>> vocabulary().land_code("Bayern")
        'DE-BY'
        >>> vocabulary().land_code("Atlantis")
        Traceback (most recent call last):
        ...
        fks_graph.core.errors.UsageError: unknown Land 'Atlantis' (expected an ISO code or name: DE-SH, DE-HH, DE-NI, DE-HB, DE-NW, DE-HE, DE-RP, DE-BW, DE-BY, DE-SL, DE-BE, DE-BB, DE-MV, DE-SN, DE-ST, DE-TH)
        """
        concept = self.land(text)
        if concept is None:
            codes = ", ".join(self.laender.codes)
            raise UsageError(f"unknown Land '{text}' (expected an ISO code or name: {codes})")
        return concept.code

    def land_for_region_code(self, code: str) -> Concept | None:
        """The Land a Kreisschlüssel/AGS (by its prefix) or NUTS code (by NUTS-1) lies in.

        Examples
        --------
        >>> v = vocabulary()
        >>> v.land_for_region_code("05334").code, v.land_for_region_code("DEA2D").code
        ('DE-NW', 'DE-NW')
        >>> v.land_for_region_code("DE402").code
        'DE-BB'
        >>> v.land_for_region_code("99999") is None
        True
        """
        code = code.strip().upper()
        for land in self.laender.concepts.values():
            if re.fullmatch(r"\d{2,12}", code) and code[:2] == land.ags_code:
                return land
            if re.fullmatch(r"DE[0-9A-Z]{1,3}", code) and code[:3] == land.nuts_code:
                return land
        return None


_SCHEMES = {
    "actor_types": FKS.ActorTypes,
    "roles": FKS.Roles,
    "action_fields": FKS.ActionFields,
    "target_groups": FKS.TargetGroups,
    "region_types": FKS.RegionTypes,
    "laender": FKS.Laender,
    "network_kinds": FKS.NetworkKinds,
}


def _literal_text(graph: Graph, subject: URIRef, predicate: URIRef) -> str | None:
    value = graph.value(subject, predicate)
    return None if value is None else str(value)


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The concept schemes of the shipped ontology (parsed once per process).

    Examples
    --------
    >>> v = vocabulary()
    >>> len(v.laender.codes), v.laender.lookup("NRW").code, v.laender.lookup("Bavaria").code
    (16, 'DE-NW', 'DE-BY')
    >>> v.roles.codes
    ('coordinator', 'partner', 'member', 'advisory')
    """
    graph = Graph(bind_namespaces="none").parse(ontology_path(), format="turtle")
    text = ontology_path().read_text(encoding="utf-8")
    schemes = {name: Scheme(iri) for name, iri in _SCHEMES.items()}
    by_iri = {scheme.iri: scheme for scheme in schemes.values()}
    concepts = []
    for concept, scheme_iri in graph.subject_objects(SKOS.inScheme):
        if scheme_iri in by_iri and (concept, RDF.type, None) in graph:
            code = _literal_text(graph, concept, SKOS.notation)
            labels = tuple(
                sorted(
                    (label.language or "", str(label))
                    for label in graph.objects(concept, SKOS.prefLabel)
                )
            )
            alt = tuple(sorted(str(label) for label in graph.objects(concept, SKOS.altLabel)))
            ags = _literal_text(graph, concept, FKS.agsCode)
            nuts = _literal_text(graph, concept, FKS.nutsCode)
            # keep the order of the ontology file, so that codes list as they are written there
            scheme_name = scheme_iri.removeprefix(FKS_NAMESPACE)
            position = text.find(f'skos:inScheme fks:{scheme_name} ; skos:notation "{code}"')
            if position < 0:
                position = text.find(f'skos:notation "{code}"')
            concepts.append((position, scheme_iri, Concept(concept, code, labels, alt, ags, nuts)))
    for _, scheme_iri, concept in sorted(concepts, key=lambda item: item[0]):
        by_iri[scheme_iri].add(concept)
    return Vocabulary(**schemes)
