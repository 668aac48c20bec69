"""Build the RDF graph of a dataset from its records, using ontology terms only."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, SDO, SKOS, TIME, XSD

from fks_graph import __version__
from fks_graph.graph.iris import DEFAULT_BASE, Minter, clear_caches
from fks_graph.graph.rdf import graph_from_store
from fks_graph.input.records import Actor, Dataset
from fks_graph.namespace import FKS
from fks_graph.nogc import no_gc
from fks_graph.resources import ontology_path
from fks_graph.vocab import vocabulary

__all__ = ["build_graph", "dataset_triples"]


#: Statements are made as quads of the default graph, what a store takes in bulk.
_Q = ox.Quad


@lru_cache(maxsize=256)
def _t(term: URIRef | str) -> ox.NamedNode:
    """An ontology or vocabulary term as a pyoxigraph node (cached: few distinct terms)."""
    return ox.NamedNode(str(term))


_Term = URIRef | ox.NamedNode


def _node(term: _Term) -> ox.NamedNode:
    return term if isinstance(term, ox.NamedNode) else _t(term)


def _text(value: str) -> ox.Literal:
    return ox.Literal(value)


def _date(value: str) -> ox.Literal:
    """A ``YYYY`` or ``YYYY-MM-DD`` string as ``xsd:gYear`` or ``xsd:date``."""
    return ox.Literal(value, datatype=_t(XSD.gYear if len(value) == 4 else XSD.date))


def _spellings(node: ox.NamedNode, actor: Actor) -> Iterator[ox.Quad]:
    """Every other spelling of an actor as skos:altLabel; with several spellings, a
    fks:NameRecord per spelling (the preferred one too) with the file and row it came from."""
    for spelling in sorted({name for name, _ in actor.spellings if name != actor.name}):
        yield _Q(node, _t(SKOS.altLabel), _text(spelling))
    if len(actor.spellings) < 2:
        return  # one spelling: the prefLabel, from the actor's own row
    for ordinal, (spelling, origin) in enumerate(actor.spellings, start=1):
        record = ox.NamedNode(f"{node.value}/name/{ordinal}")
        yield _Q(node, _t(FKS.nameRecord), record)
        yield _Q(record, _t(RDF.type), _t(FKS.NameRecord))
        yield _Q(record, _t(FKS.spelling), _text(spelling))
        yield _Q(record, _t(FKS.sourceFile), _text(origin.file))
        yield _Q(record, _t(FKS.sourceRow), ox.Literal(str(origin.row), datatype=_t(XSD.integer)))


def dataset_triples(dataset: Dataset, *, base: str = DEFAULT_BASE) -> Iterator[ox.Quad]:
    """The triples of a dataset's instances (without the ontology), in a fixed order.

    Parameters
    ----------
    dataset
        Records as :func:`fks_graph.input.read_dataset` returns them.
    base
        Base IRI of instance data.

    Yields
    ------
    pyoxigraph.Quad
        Triples (as quads of the default graph, which a store loads in bulk as they are)
        whose predicates and classes are terms of the ontology or of the standard
        vocabularies it reuses (ORG, SKOS, DCTERMS, PROV, schema.org, OWL-Time, FOAF).

    Examples
    --------
    >>> from fks_graph.input.records import DatasetInfo, Network, Origin
    >>> data = Dataset(DatasetInfo("demo", "Demo"), (Network("N1", "Bündnis", Origin("n.csv", 2)),), (), ())
    >>> triples = list(dataset_triples(data, base="https://example.org/"))
    >>> sum(t.subject.value == "https://example.org/network/N1" for t in triples)
    4
    """
    mint = Minter(base, dataset.actors)
    vocab = vocabulary()
    a = _t(RDF.type)
    info = dataset.info
    dataset_iri = ox.NamedNode(mint.dataset(info.slug))
    graph_iri = ox.NamedNode(mint.graph(info.slug))
    agent = ox.NamedNode(mint.iri("agent", "fks-graph"))

    # predicates may come resolved (ox.NamedNode, hoisted out of the loops over many records)
    def optional(subject: ox.NamedNode, predicate: _Term, value: str | None) -> Iterator[ox.Quad]:
        if value:
            yield _Q(subject, _node(predicate), _text(value))

    def link(subject: ox.NamedNode, predicate: _Term, iri: str | None) -> Iterator[ox.Quad]:
        if iri:
            yield _Q(subject, _node(predicate), ox.NamedNode(iri))

    def concepts(subject: ox.NamedNode, predicate: _Term, scheme, codes) -> Iterator[ox.Quad]:
        for code in codes:
            yield _Q(subject, _node(predicate), _t(scheme.get(code).iri))

    # provenance: the input dataset, the software, the build
    yield _Q(dataset_iri, a, _t(PROV.Entity))
    yield _Q(dataset_iri, _t(DCTERMS.title), _text(info.title))
    yield from optional(dataset_iri, DCTERMS.description, info.description)
    yield from link(dataset_iri, DCTERMS.source, info.source)
    yield from optional(dataset_iri, DCTERMS.license, info.license)
    yield _Q(
        dataset_iri,
        _t(FKS.synthetic),
        ox.Literal(str(info.synthetic).lower(), datatype=_t(XSD.boolean)),
    )
    for name in info.files:
        yield _Q(dataset_iri, _t(FKS.sourceFile), _text(name))
    yield _Q(agent, a, _t(PROV.SoftwareAgent))
    yield _Q(agent, _t(SKOS.prefLabel), _text("fks-graph"))
    yield _Q(agent, _t(SDO.softwareVersion), _text(__version__))
    if info.synthetic:
        generation = ox.NamedNode(mint.dataset(info.slug) + "/generation")
        yield _Q(dataset_iri, _t(PROV.wasGeneratedBy), generation)
        yield _Q(generation, a, _t(PROV.Activity))
        yield from optional(generation, SKOS.prefLabel, info.generator)
        yield from optional(generation, FKS.parameters, info.parameters)
        yield _Q(generation, _t(PROV.wasAssociatedWith), agent)
    build = ox.NamedNode(mint.graph(info.slug) + "/build")
    yield _Q(graph_iri, a, _t(PROV.Entity))
    yield _Q(graph_iri, _t(PROV.wasDerivedFrom), dataset_iri)
    yield _Q(graph_iri, _t(PROV.wasGeneratedBy), build)
    yield _Q(build, a, _t(PROV.Activity))
    yield _Q(build, _t(PROV.used), dataset_iri)
    yield _Q(build, _t(PROV.wasAssociatedWith), agent)

    derived = _t(PROV.wasDerivedFrom)
    regions: dict[str, list[str]] = {}
    network_nodes: dict[str, ox.NamedNode] = {}  # every membership names its network again
    for network in dataset.networks:
        network_nodes[network.id] = node = ox.NamedNode(mint.network(network.id))
        yield _Q(node, a, _t(ORG.OrganizationalCollaboration))
        yield _Q(node, _t(SKOS.prefLabel), _text(network.name))
        yield _Q(node, _t(DCTERMS.identifier), _text(network.id))
        yield _Q(node, derived, dataset_iri)
        if network.region or network.region_code:
            region_iri = mint.region(network.region_code, network.region)
            yield _Q(node, _t(FKS.region), ox.NamedNode(region_iri))
            names = regions.setdefault(region_iri, [])
            region = ox.NamedNode(region_iri)
            if not names:
                yield _Q(region, a, _t(FKS.Region))
                yield from optional(region, SKOS.notation, network.region_code)
                yield from concepts(
                    region,
                    FKS.regionType,
                    vocab.region_types,
                    [network.region_type] if network.region_type else [],
                )
                yield from concepts(region, FKS.land, vocab.laender, network.states)
            if network.region and network.region not in names:
                label = SKOS.prefLabel if not names else SKOS.altLabel
                names.append(network.region)
                yield _Q(region, _t(label), _text(network.region))
        yield from concepts(node, FKS.land, vocab.laender, network.states)
        if network.founded:
            yield _Q(node, _t(SDO.foundingDate), _date(network.founded))
        yield from optional(node, FKS.legalForm, network.legal_form)
        yield from link(node, FOAF.homepage, network.website)
        yield from concepts(node, FKS.actionField, vocab.action_fields, network.action_fields)
        yield from concepts(node, FKS.targetGroup, vocab.target_groups, network.target_groups)
        for theme in network.themes:
            yield _Q(node, _t(FKS.theme), _text(theme))
        yield from optional(node, DCTERMS.description, network.description)
        yield from link(node, DCTERMS.source, network.source)

    # terms of the loops over many records, looked up once
    organisation, label, classification, identifier, city, land, homepage, same_as, source = (
        _t(term)
        for term in (
            ORG.FormalOrganization, SKOS.prefLabel, ORG.classification, DCTERMS.identifier,
            FKS.city, FKS.land, FOAF.homepage, OWL.sameAs, DCTERMS.source,
        )
    )  # fmt: skip
    actor_nodes: dict[str, ox.NamedNode] = {}  # every membership names its actor again
    for actor in dataset.actors:
        actor_nodes[actor.key] = node = ox.NamedNode(mint.actor(actor.key))
        yield _Q(node, a, organisation)
        yield _Q(node, label, _text(actor.name))
        yield from _spellings(node, actor)
        yield from optional(node, identifier, actor.id)
        yield _Q(node, classification, _t(vocab.actor_types.get(actor.type).iri))
        yield from optional(node, city, actor.city)
        yield from concepts(node, land, vocab.laender, actor.states)
        yield from link(node, homepage, actor.website)
        yield from link(node, same_as, actor.same_as)
        yield from link(node, source, actor.source)
        yield _Q(node, derived, dataset_iri)

    seen: dict[tuple[str, str], int] = {}
    periods: set[tuple[str | None, str | None]] = set()
    instants: set[str] = set()
    membership_class, member, organization, role, during = (
        _t(term)
        for term in (ORG.Membership, ORG.member, ORG.organization, ORG.role, ORG.memberDuring)
    )
    for membership in dataset.memberships:
        pair = (membership.network_id, membership.actor_key)
        seen[pair] = ordinal = seen.get(pair, 0) + 1
        iri = mint.membership(*pair, ordinal)
        node = ox.NamedNode(iri)
        yield _Q(node, a, membership_class)
        yield _Q(node, member, actor_nodes[membership.actor_key])
        network = network_nodes.get(membership.network_id)
        yield _Q(node, organization, network or ox.NamedNode(mint.network(membership.network_id)))
        if membership.role:
            yield _Q(node, role, _t(vocab.roles.get(membership.role).iri))
        if membership.since or membership.until:
            # periods and their instants are shared by every membership with the same dates:
            # a few thousand nodes instead of three per membership at national scale
            period = (membership.since, membership.until)
            interval = ox.NamedNode(mint.period(*period))
            yield _Q(node, during, interval)
            if period not in periods:
                periods.add(period)
                yield _Q(interval, a, _t(TIME.Interval))
                for date, predicate in (
                    (membership.since, TIME.hasBeginning),
                    (membership.until, TIME.hasEnd),
                ):
                    if date:
                        instant = ox.NamedNode(mint.instant(date))
                        yield _Q(interval, _t(predicate), instant)
                        if date not in instants:
                            instants.add(date)
                            yield _Q(instant, a, _t(TIME.Instant))
                            kind = TIME.inXSDgYear if len(date) == 4 else TIME.inXSDDate
                            yield _Q(instant, _t(kind), _date(date))
        yield from link(node, source, membership.source)

    for project in dataset.projects:
        node = ox.NamedNode(mint.project(project.id))
        yield _Q(node, a, _t(SDO.Project))
        yield _Q(node, _t(SKOS.prefLabel), _text(project.name))
        yield _Q(node, _t(DCTERMS.identifier), _text(project.id))
        yield _Q(node, _t(SDO.parentOrganization), ox.NamedNode(mint.network(project.network_id)))
        if project.start:
            yield _Q(node, _t(SDO.startDate), _date(project.start))
        if project.end:
            yield _Q(node, _t(SDO.endDate), _date(project.end))
        yield from concepts(node, FKS.actionField, vocab.action_fields, project.action_fields)
        yield from concepts(node, FKS.targetGroup, vocab.target_groups, project.target_groups)
        for theme in project.themes:
            yield _Q(node, _t(FKS.theme), _text(theme))
        yield from optional(node, DCTERMS.description, project.description)
        yield from link(node, DCTERMS.source, project.source)
        yield _Q(node, derived, dataset_iri)

    seen = {}
    has_member, role_class, role_name = (
        _t(term) for term in (SDO.member, SDO.OrganizationRole, SDO.roleName)
    )
    for partner in dataset.partners:
        pair = (partner.project_id, partner.actor_key)
        seen[pair] = ordinal = seen.get(pair, 0) + 1
        node = ox.NamedNode(mint.partner(*pair, ordinal))
        yield _Q(ox.NamedNode(mint.project(partner.project_id)), has_member, node)
        yield _Q(node, a, role_class)
        yield _Q(node, has_member, actor_nodes[partner.actor_key])
        yield from optional(node, role_name, partner.role)

    for award in dataset.awards:
        node = ox.NamedNode(mint.award(award.network_id, award.year, award.award))
        prize = ox.NamedNode(mint.named("prize", award.award))
        yield _Q(node, a, _t(FKS.AwardConferral))
        yield _Q(node, _t(FKS.awardee), ox.NamedNode(mint.network(award.network_id)))
        yield _Q(node, _t(FKS.prize), prize)
        yield _Q(node, _t(FKS.awardYear), _date(award.year))
        yield _Q(prize, a, _t(FKS.Prize))
        yield _Q(prize, _t(SKOS.prefLabel), _text(award.award))
        if award.event:
            event = ox.NamedNode(mint.named("event", award.event))
            yield _Q(node, _t(FKS.atEvent), event)
            yield _Q(event, a, _t(SDO.Event))
            yield _Q(event, _t(SDO.name), _text(award.event))
        yield from link(node, DCTERMS.source, award.source)
        yield _Q(node, derived, dataset_iri)


def build_graph(dataset: Dataset, *, base: str = DEFAULT_BASE) -> Graph:
    """Build the RDF graph of a dataset: the ontology plus the dataset's instances.

    The graph is an ``rdflib.Graph`` over an in-memory Oxigraph store (fast SPARQL and
    serialisation); the same records and base always give the same triples.

    Parameters
    ----------
    dataset
        Records as :func:`fks_graph.input.read_dataset` returns them.
    base
        Base IRI of instance data; IRIs are minted from input ids and names below it.

    Returns
    -------
    rdflib.Graph

    Examples
    --------
    >>> from fks_graph.input.records import DatasetInfo, Network, Origin
    >>> data = Dataset(DatasetInfo("demo", "Demo"), (Network("N1", "Bündnis", Origin("n.csv", 2)),), (), ())
    >>> graph = build_graph(data, base="https://example.org/")
    >>> query = "SELECT ?name WHERE { ?n skos:prefLabel ?name ; dct:identifier 'N1' }"
    >>> [str(row.name) for row in graph.query(query)]
    ['Bündnis']
    """
    store = ox.Store()
    store.load(path=ontology_path(), format=ox.RdfFormat.TURTLE, to_graph=ox.DefaultGraph())
    try:
        with no_gc():  # hundreds of thousands of terms, no cycles
            store.bulk_extend(dataset_triples(dataset, base=base))
    finally:
        clear_caches()  # they serve one build; kept, they would pin its memory
    return graph_from_store(store, base=base)
