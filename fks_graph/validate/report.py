"""Validate a built graph against the SHACL shapes and report problems in English or German."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict, dataclass
from functools import lru_cache

import pyshacl
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, RDF, RDFS, SDO, SH, SKOS, TIME
from rdflib.term import Node

from fks_graph.core.resources import shapes_path
from fks_graph.graph.rdf import on_oxigraph, triple_count
from fks_graph.terms.namespace import FKS
from fks_graph.validate.sparql_engine import validate_sparql

__all__ = ["ENGINES", "LANGUAGES", "ValidationReport", "Violation", "validate_graph"]

LANGUAGES = ("en", "de")

# Plural of each kind (the English rdfs:label of a node shape), in report order.
_PLURALS: dict[str, dict[str, str]] = {
    "network": {"en": "networks", "de": "Netzwerke"},
    "region": {"en": "regions", "de": "Regionen"},
    "actor": {"en": "actors", "de": "Akteure"},
    "membership": {"en": "memberships", "de": "Mitgliedschaften"},
    "period": {"en": "periods", "de": "Zeiträume"},
    "date": {"en": "dates", "de": "Zeitpunkte"},
    "project": {"en": "projects", "de": "Projekte"},
    "partner": {"en": "partners", "de": "Projektpartner"},
    "award": {"en": "awards", "de": "Auszeichnungen"},
    "prize": {"en": "prizes", "de": "Preise"},
    "event": {"en": "events", "de": "Veranstaltungen"},
    "organisation": {"en": "organisations", "de": "Organisationen"},
    "programme": {"en": "programmes", "de": "Programme"},
    "participation": {"en": "participations", "de": "Programmteilnahmen"},
}

_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "id": "id",
        "membership": "{noun} of {actor} in {network}",
        "membership_no_network": "{noun} of {actor}",
        "membership_no_actor": "{noun} in {network}",
        "partner": "{noun} {actor} in {project}",
        "partner_no_actor": "{noun} in {project}",
        "to": "to",
        "part_of": "{noun} of {whole}",
        "problem": "problem",
        "problems": "problems",
        "summary": "{count} {problems} in {nodes}",
        "conforms": "The graph conforms to the shapes: no problems.",
        "value": "value",
        "warning": "warning",
        "info": "note",
    },
    "de": {
        "id": "ID",
        "membership": "{noun} von {actor} im {network}",
        "membership_no_network": "{noun} von {actor}",
        "membership_no_actor": "{noun} im {network}",
        "partner": "{noun} {actor} im {project}",
        "partner_no_actor": "{noun} im {project}",
        "to": "für",
        "part_of": "{noun} der {whole}",
        "problem": "Problem",
        "problems": "Probleme",
        "summary": "{count} {problems} in {nodes}",
        "conforms": "Der Graph entspricht den Formen: keine Probleme.",
        "value": "Wert",
        "warning": "Warnung",
        "info": "Hinweis",
    },
}

_SEVERITIES = {SH.Violation: "violation", SH.Warning: "warning", SH.Info: "info"}
_PLACEHOLDER = re.compile(r"\{[?$](value|this)\}")


@dataclass(frozen=True, slots=True)
class Violation:
    """One validation result: which node, which input column, what is wrong.

    ``kind`` is the English name of the shape's kind (``network``, ``actor``, ``membership``,
    ...); ``label`` names the node for a human, ``field`` is the input column (the
    ``sh:name`` of the property shape), ``message`` is in the language of the report.
    """

    focus: str
    kind: str
    label: str
    field: str
    message: str
    value: str | None
    severity: str

    def __str__(self) -> str:
        return f"{self.label} – {self.field}: {self.message}"


@dataclass(frozen=True, slots=True)
class ValidationReport:
    """The outcome of :func:`validate_graph`: conformance and the sorted violations."""

    conforms: bool
    violations: tuple[Violation, ...]
    lang: str = "en"

    def __post_init__(self) -> None:
        if self.lang not in LANGUAGES:
            raise ValueError(f"lang must be one of {', '.join(LANGUAGES)}, not {self.lang!r}")

    def summary(self) -> str:
        """One line: how many problems in how many nodes of which kinds.

        Examples
        --------
        >>> ValidationReport(True, ()).summary()
        'The graph conforms to the shapes: no problems.'
        """
        words = _WORDS[self.lang]
        if not self.violations:
            return words["conforms"]
        nodes = Counter(
            kind for kind, _ in dict.fromkeys((v.kind, v.focus) for v in self.violations)
        )
        parts = []
        for kind in sorted(nodes, key=_kind_order):
            count = nodes[kind]
            noun = _noun(kind, self.lang) if count == 1 else _plural(kind, self.lang)
            parts.append(f"{count} {noun}")
        count = len(self.violations)
        problems = words["problem"] if count == 1 else words["problems"]
        return words["summary"].format(count=count, problems=problems, nodes=", ".join(parts))

    def text(self) -> str:
        """A readable report: the summary line, then one line per violation."""
        words = _WORDS[self.lang]
        lines = [self.summary()]
        for v in self.violations:
            prefix = "" if v.severity == "violation" else f"{words.get(v.severity, v.severity)}: "
            line = f"{prefix}{v.label} – {v.field}: {v.message}"
            if v.value is not None:
                line += f" ({words['value']}: {v.value})"
            lines.append(line)
        return "\n".join(lines)

    def as_dict(self) -> dict:
        """The report as a JSON-ready mapping."""
        return {
            "conforms": self.conforms,
            "lang": self.lang,
            "summary": self.summary(),
            "violations": [asdict(v) for v in self.violations],
        }


# --------------------------------------------------------------------------- shapes


@dataclass(frozen=True, slots=True)
class _Shapes:
    graph: Graph  # the shapes as pySHACL runs them
    kinds: dict[Node, str]  # shape -> kind (English label of its node shape)
    nouns: dict[str, dict[str, str]]  # kind -> language -> singular noun


@lru_cache(maxsize=1)
def _shapes() -> _Shapes:
    """Load the shapes once per process and prepare them for pySHACL.

    pySHACL checks the property shapes of a node shape one focus node at a time, which costs
    about three times as much as checking a property shape with its own target.  So the
    targets of each node shape are copied to its property shapes, which are then detached:
    the same results (with the same ``sh:sourceShape``), found faster.
    """
    graph = Graph().parse(shapes_path(), format="turtle")
    target_predicates = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
    kinds: dict[Node, str] = {}
    nouns: dict[str, dict[str, str]] = {}
    for shape in set(graph.subjects(RDF.type, SH.NodeShape)):
        labels = {lit.language: str(lit) for lit in graph.objects(shape, RDFS.label)}
        kind = labels.get("en") or str(shape)
        kinds[shape] = kind
        nouns.setdefault(kind, {}).update({lang: labels.get(lang, kind) for lang in LANGUAGES})
        targets = [(p, o) for p in target_predicates for o in graph.objects(shape, p)]
        for prop in list(graph.objects(shape, SH.property)):
            kinds[prop] = kind
            if targets and not graph.value(prop, SH.targetClass):
                for p, o in targets:
                    graph.add((prop, p, o))
                for label in graph.objects(shape, RDFS.label):  # the kind, also in the results
                    graph.add((prop, RDFS.label, label))
                graph.remove((shape, SH.property, prop))
    return _Shapes(graph, kinds, nouns)


def _noun(kind: str, lang: str) -> str:
    return _shapes().nouns.get(kind, {}).get(lang, kind)


def _plural(kind: str, lang: str) -> str:
    return _PLURALS.get(kind, {}).get(lang, _noun(kind, lang))


def _kind_order(kind: str) -> tuple[int, str]:
    order = list(_PLURALS)
    return (order.index(kind) if kind in order else len(order), kind)


# --------------------------------------------------------------------------- data graph


def _on_oxigraph(graph: Graph) -> Graph:
    """The graph on Oxigraph (:func:`fks_graph.graph.rdf.on_oxigraph`), or else as it is.

    pySHACL runs each SHACL-SPARQL constraint once per focus node; rdflib parses the query
    every time, while Oxigraph answers such a query far faster (``bench/README.md``).
    """
    try:
        return on_oxigraph(graph)
    except ValueError:  # a term Oxigraph rejects: validate with rdflib (slower)
        return graph


class _CountedOnce(Graph):
    """A view of a graph (same store, same triples) whose size is counted only once.

    pySHACL takes the truth value of the data graph for every result it reports, and
    oxrdflib answers ``len()`` by counting all triples of the store: quadratic time for a
    graph with many problems.  Nothing is written during validation, so the count holds.
    """

    def __init__(self, graph: Graph) -> None:
        super().__init__(
            store=graph.store,
            identifier=graph.identifier,
            namespace_manager=graph.namespace_manager,
            bind_namespaces="none",
        )
        self._size = triple_count(graph)

    def __len__(self) -> int:
        return self._size


# --------------------------------------------------------------------------- labels


def _text(graph: Graph, node: Node, predicate: URIRef) -> str | None:
    values = sorted(str(v) for v in graph.objects(node, predicate) if isinstance(v, Literal))
    return values[0] if values else None


def _named(graph: Graph, node: Node, kind: str, lang: str, *, with_noun: bool = True) -> str:
    """``network 'Bündnis X' (id N1)``: noun, name and id of a node, as far as known.

    Without the noun (an actor inside a membership's label) the id is given only for want of
    a name: ``membership of 'IHK Aachen' in network 'SWITCH' (id N2)``.
    """
    name = _text(graph, node, SKOS.prefLabel)
    identifier = _text(graph, node, DCTERMS.identifier)
    parts = [_noun(kind, lang)] if with_noun else []
    if name is not None:
        parts.append(f"'{name}'")
    if identifier is not None and (with_noun or name is None):
        parts.append(f"({_WORDS[lang]['id']} {identifier})")
    if name is None and identifier is None:
        parts.append(f"<{node}>")
    return " ".join(parts)


def _names(
    graph: Graph, node: Node, predicate: URIRef, kind: str, lang: str, *, with_noun: bool = True
) -> str | None:
    """The names of the objects of ``node``'s ``predicate``, sorted by IRI, or ``None``."""
    values = sorted(graph.objects(node, predicate), key=str)
    if not values:
        return None
    return ", ".join(_named(graph, v, kind, lang, with_noun=with_noun) for v in values)


def _membership(graph: Graph, node: Node, lang: str) -> str:
    words = _WORDS[lang]
    noun = _noun("membership", lang)
    actor = _names(graph, node, ORG.member, "actor", lang, with_noun=False)
    network = _names(graph, node, ORG.organization, "network", lang)
    if actor and network:
        return words["membership"].format(noun=noun, actor=actor, network=network)
    if actor:
        return words["membership_no_network"].format(noun=noun, actor=actor)
    if network:
        return words["membership_no_actor"].format(noun=noun, network=network)
    return f"{noun} <{node}>"


def _label(graph: Graph, node: Node, kind: str, lang: str) -> str:
    """A human name of a focus node, in the words of ``lang``."""
    words = _WORDS[lang]
    noun = _noun(kind, lang)
    if kind == "membership":
        return _membership(graph, node, lang)
    if kind == "partner":
        actor = _names(graph, node, SDO.member, "actor", lang, with_noun=False)
        project = min(graph.subjects(SDO.member, node), key=str, default=None)
        if project is None:
            return f"{noun} {actor}" if actor else f"{noun} <{node}>"
        project_name = _named(graph, project, "project", lang)
        if actor:
            return words["partner"].format(noun=noun, actor=actor, project=project_name)
        return words["partner_no_actor"].format(noun=noun, project=project_name)
    if kind == "award":
        parts = [noun]
        prize = _names(graph, node, FKS.prize, "prize", lang, with_noun=False)
        year = _text(graph, node, FKS.awardYear)
        network = _names(graph, node, FKS.awardee, "network", lang)
        parts += [part for part in (prize, year) if part]
        parts += [words["to"], network] if network else []
        return " ".join(parts) if len(parts) > 1 else f"{noun} <{node}>"
    if kind in ("period", "date"):
        interval = node
        if kind == "date":
            starts = [*graph.subjects(TIME.hasBeginning, node), *graph.subjects(TIME.hasEnd, node)]
            interval = min(starts, key=str, default=None)
        memberships = graph.subjects(ORG.memberDuring, interval) if interval is not None else ()
        membership = min(memberships, key=str, default=None)
        if membership is not None:
            return words["part_of"].format(noun=noun, whole=_membership(graph, membership, lang))
        return f"{noun} <{node}>"
    return _named(graph, node, kind, lang)


# --------------------------------------------------------------------------- results


def _message(templates: list[Literal], lang: str, value: Node | None, focus: Node) -> str | None:
    """The message template in ``lang`` (else English, else untagged), placeholders filled."""
    by_lang = {
        lit.language: str(lit)
        for lit in sorted(templates, key=lambda x: (str(x), x.language or ""))
    }
    text = by_lang.get(lang) or by_lang.get("en") or by_lang.get(None)
    if text is None:
        return None
    fill = {"value": "" if value is None else str(value), "this": str(focus)}
    return _PLACEHOLDER.sub(lambda m: fill[m.group(1)], text)


def _violations(results: Graph, data: Graph, lang: str) -> list[Violation]:
    shapes = _shapes()

    def objects(node: Node | None, predicate: URIRef) -> list[Node]:
        # property shapes and SPARQL constraints are blank nodes copied into the results
        # graph; named node shapes are looked up in the shapes graph
        if node is None:
            return []
        found = list(results.objects(node, predicate))
        return found or list(shapes.graph.objects(node, predicate))

    violations = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        shape = results.value(result, SH.sourceShape)
        constraint = results.value(result, SH.sourceConstraint)
        value = results.value(result, SH.value)
        severity = _SEVERITIES.get(results.value(result, SH.resultSeverity), "violation")
        kind = shapes.kinds.get(shape)
        if kind is None:
            labels = {lit.language: str(lit) for lit in objects(shape, RDFS.label)}
            kind = labels.get("en", "node")
        names = [str(n) for n in objects(constraint, SH.name) or objects(shape, SH.name)]
        path = results.value(result, SH.resultPath)
        field = min(names) if names else (str(path) if path is not None else "")
        templates = [m for m in objects(constraint, SH.message) if isinstance(m, Literal)]
        templates = templates or [m for m in objects(shape, SH.message) if isinstance(m, Literal)]
        message = _message(templates, lang, value, focus)
        if message is None:  # no sh:message: pySHACL's own (English) message
            generic = [
                m for m in results.objects(result, SH.resultMessage) if isinstance(m, Literal)
            ]
            message = _message(generic, lang, value, focus) or ""
        violations.append(
            Violation(
                focus=str(focus),
                kind=kind,
                label=_label(data, focus, kind, lang),
                field=field,
                message=message,
                value=None if value is None else str(value),
                severity=severity,
            )
        )
    violations.sort(
        key=lambda v: (_kind_order(v.kind), v.label, v.focus, v.field, v.message, v.value or "")
    )
    return violations


ENGINES = ("sparql", "pyshacl")


def validate_graph(graph: Graph, *, lang: str = "en", engine: str = "sparql") -> ValidationReport:
    """Validate a graph against the SHACL shapes of fks-graph (``ontology/shapes.ttl``).

    Parameters
    ----------
    graph
        The graph to check, as :func:`fks_graph.graph.build.build_graph` builds it: instances
        together with the ontology (the shapes find the typing of concepts such as
        ``fksat:company a fks:ActorType`` in it; no inference is run).  A graph over an
        Oxigraph store (oxrdflib) is checked in place; any other graph is first copied into
        one, because pySHACL's per-node SPARQL queries are far faster on Oxigraph.
    lang
        ``"en"`` or ``"de"``: the language of messages, labels and the summary.
    engine
        ``"sparql"`` (default) checks each constraint of the shapes as one SPARQL query over
        all nodes at once (:mod:`fks_graph.validate.sparql_engine`), seconds at national scale;
        ``"pyshacl"`` runs pySHACL, the reference implementation, node by node (minutes at
        national scale). Both give the same results (tested on every fixture).

    Returns
    -------
    ValidationReport
        ``conforms`` is false if any result has severity violation; the violations are
        sorted by kind, label and field.

    Raises
    ------
    ValueError
        For a language other than ``"en"`` or ``"de"``, or an unknown engine.

    Examples
    --------
    >>> from rdflib import Graph
    >>> from fks_graph.core.resources import ontology_path
    >>> g = Graph().parse(ontology_path()).parse(format="turtle", data='''
    ...     @prefix org: <http://www.w3.org/ns/org#> .
    ...     @prefix dct: <http://purl.org/dc/terms/> .
    ...     <https://example.org/network/N1> a org:OrganizationalCollaboration ;
    ...         dct:identifier "N1" .
    ... ''')
    >>> report = validate_graph(g)
    >>> report.conforms
    False
    >>> print(report.text())
    1 problem in 1 network
    network (id N1) – name: A network needs exactly one name, a non-empty text.
    >>> print(validate_graph(g, lang="de").violations[0].message)
    Ein Netzwerk braucht genau einen Namen (nicht leerer Text).
    """
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {', '.join(LANGUAGES)}, not {lang!r}")
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    shapes = _shapes()
    data = _on_oxigraph(graph)
    if engine == "sparql":
        results = validate_sparql(data, shapes.graph)
    else:
        data = _CountedOnce(data)
        _, results, _ = pyshacl.validate(
            data,
            shacl_graph=shapes.graph,
            inference="none",
            advanced=False,  # sh:sparql constraints are SHACL-SPARQL, not SHACL-AF
            inplace=True,  # no rules, no inference: nothing is written, so no copy is needed
            allow_warnings=True,
            allow_infos=True,
        )
    violations = tuple(_violations(results, data, lang))
    conforms = not any(v.severity == "violation" for v in violations)
    return ValidationReport(conforms=conforms, violations=violations, lang=lang)
