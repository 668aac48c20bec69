"""Build the RDF graph of a dataset from its records, using ontology terms only."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, SDO, SKOS, TIME, XSD

from fks_graph.core.dates import precision
from fks_graph.core.nogc import no_gc
from fks_graph.core.resources import ontology_path
from fks_graph.core.version import version
from fks_graph.graph.iris import DEFAULT_BASE, Minter, clear_caches
from fks_graph.graph.ntriples import load_statements, parse_statements
from fks_graph.graph.rdf import graph_from_store
from fks_graph.input.records import Actor, Dataset, DatasetInfo, Membership, Network
from fks_graph.input.registry import REGISTRIES, Entry, kreis_entries
from fks_graph.registries import centroids, entry_iri
from fks_graph.terms.namespace import FKS
from fks_graph.terms.vocab import Scheme, Vocabulary, vocabulary

__all__ = ["build_graph", "dataset_statements", "dataset_triples"]


@lru_cache(maxsize=256)
def _t(term: URIRef | str) -> str:
    """An ontology or vocabulary term in N-Triples (cached: few distinct terms)."""
    return str(ox.NamedNode(str(term)))


def _iri(iri: str) -> str:
    """A minted IRI in N-Triples (its segments are encoded when minted: nothing to check)."""
    return f"<{iri}>"


def _text(value: str) -> str:
    """A string literal in N-Triples, escaped by Oxigraph."""
    return str(ox.Literal(value))


def _typed(value: str, datatype: URIRef) -> str:
    return str(ox.Literal(value, datatype=ox.NamedNode(str(datatype))))


_DATE_TYPES = {"year": XSD.gYear, "month": XSD.gYearMonth, "day": XSD.date}


def _date(value: str) -> str:
    """A ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` string as ``xsd:gYear``, ``xsd:gYearMonth``
    or ``xsd:date``."""
    return _typed(value, _DATE_TYPES[precision(value)])


def _s(subject: str, predicate: str, obj: str) -> str:
    """One N-Triples statement (terms already written as N-Triples)."""
    return f"{subject} {predicate} {obj} .\n"


_Term = URIRef | str


def _node(term: _Term) -> str:
    """A predicate given as an ontology term or already written (hoisted out of a loop)."""
    return term if type(term) is str else _t(term)


def _spellings(node: str, actor: Actor) -> Iterator[str]:
    """Every other spelling of an actor as skos:altLabel; with several spellings, a
    fks:NameRecord per spelling (the preferred one too) with the file and row it came from."""
    for spelling in sorted({name for name, _ in actor.spellings if name != actor.name}):
        yield _s(node, _t(SKOS.altLabel), _text(spelling))
    if len(actor.spellings) < 2:
        return  # one spelling: the prefLabel, from the actor's own row
    for ordinal, (spelling, origin) in enumerate(actor.spellings, start=1):
        record = f"{node[:-1]}/name/{ordinal}>"  # below the actor's IRI
        yield _s(node, _t(FKS.nameRecord), record)
        yield _s(record, _t(RDF.type), _t(FKS.NameRecord))
        yield _s(record, _t(FKS.spelling), _text(spelling))
        yield _s(record, _t(FKS.sourceFile), _text(origin.file))
        yield _s(record, _t(FKS.sourceRow), _typed(str(origin.row), XSD.integer))


def _stated(node: str, as_of: str | None, uncertain: bool, note: str | None) -> Iterator[str]:
    """What a source says of a membership or participation: the day it held, doubt, a note."""
    if as_of:
        yield _s(node, _t(FKS.asOf), _date(as_of))
    if uncertain:
        yield _s(node, _t(FKS.uncertain), _typed("true", XSD.boolean))
    if note:
        yield _s(node, _t(SKOS.note), _text(note))


def _decimal(value: float) -> str:
    """A coordinate as the canonical ``xsd:decimal`` Oxigraph writes (no trailing zeros).

    Examples
    --------
    >>> _decimal(9.72), _decimal(51.0), _decimal(6.61804)
    ('9.72', '51.0', '6.618')
    """
    text = f"{value:.4f}".rstrip("0")
    return text + "0" if text.endswith(".") else text


def _registry_entries(entries: list[Entry]) -> Iterator[str]:
    """Registry entries as SKOS concepts of one scheme per registry, with their Land."""
    a, vocab = _t(RDF.type), vocabulary()
    kreis_centres = centroids("kreise")
    for name in sorted({entry.registry for entry in entries}):
        scheme = _iri(entry_iri(name))
        title, code_list = REGISTRIES[name]
        yield _s(scheme, a, _t(SKOS.ConceptScheme))
        yield _s(scheme, _t(SKOS.prefLabel), _text(title))
        yield _s(scheme, _t(DCTERMS.identifier), _text(code_list))
    for entry in entries:
        node = _iri(entry_iri(entry.registry, entry.code))
        yield _s(node, a, _t(SKOS.Concept))
        yield _s(node, _t(SKOS.inScheme), _iri(entry_iri(entry.registry)))
        yield _s(node, _t(SKOS.notation), _text(entry.code))
        yield _s(node, _t(SKOS.prefLabel), _text(entry.label))
        if entry.state:
            yield _s(node, _t(FKS.land), _t(vocab.laender.get(entry.state).iri))
        if entry.registry == "kreis" and (centre := kreis_centres.get(entry.code)):
            longitude, latitude = centre  # of the simplified outline (BKG VG5000)
            yield _s(node, _t(SDO.latitude), _typed(_decimal(latitude), XSD.decimal))
            yield _s(node, _t(SDO.longitude), _typed(_decimal(longitude), XSD.decimal))


@dataclass
class _Scope:
    """What the parts of one dataset's statements share: the minter, the vocabulary, the
    dataset's node, and the nodes that later parts refer to again."""

    mint: Minter
    vocab: Vocabulary
    dataset: str  # the input dataset's node, which instances are derived from
    networks: dict[str, str] = field(default_factory=dict)  # network id -> node
    actors: dict[str, str] = field(default_factory=dict)  # actor key -> node
    region_codes: dict[str, tuple[str, ...]] = field(default_factory=dict)  # IRI -> Kreise
    linked: set[Entry] = field(default_factory=set)  # the registry entries of actors


# predicates may come written (str, hoisted out of the loops over many records)
def _optional(subject: str, predicate: _Term, value: str | None) -> Iterator[str]:
    """A text value, when there is one."""
    if value:
        yield _s(subject, _node(predicate), _text(value))


def _link(subject: str, predicate: _Term, iri: str | None) -> Iterator[str]:
    """An IRI from the input, when there is one (Oxigraph checks it: ValueError if it is none)."""
    if iri:
        yield _s(subject, _node(predicate), str(ox.NamedNode(iri)))


def _concepts(
    subject: str, predicate: _Term, scheme: Scheme, codes: Iterable[str]
) -> Iterator[str]:
    """The concepts of a code list that ``codes`` name."""
    for code in codes:
        yield _s(subject, _node(predicate), _t(scheme.get(code).iri))


def _provenance(scope: _Scope, info: DatasetInfo) -> Iterator[str]:
    """Provenance: the input dataset, the software, the build."""
    mint, a, dataset_iri = scope.mint, _t(RDF.type), scope.dataset
    graph_iri = _iri(mint.graph(info.slug))
    agent = _iri(mint.iri("agent", "fks-graph"))
    yield _s(dataset_iri, a, _t(PROV.Entity))
    yield _s(dataset_iri, _t(DCTERMS.title), _text(info.title))
    yield from _optional(dataset_iri, DCTERMS.description, info.description)
    yield from _link(dataset_iri, DCTERMS.source, info.source)
    yield from _optional(dataset_iri, DCTERMS.license, info.license)
    yield _s(
        dataset_iri,
        _t(FKS.synthetic),
        _typed(str(info.synthetic).lower(), XSD.boolean),
    )
    for name in info.files:
        yield _s(dataset_iri, _t(FKS.sourceFile), _text(name))
    yield _s(agent, a, _t(PROV.SoftwareAgent))
    yield _s(agent, _t(SKOS.prefLabel), _text("fks-graph"))
    yield _s(agent, _t(SDO.softwareVersion), _text(version()))
    if info.synthetic:
        generation = _iri(mint.dataset(info.slug) + "/generation")
        yield _s(dataset_iri, _t(PROV.wasGeneratedBy), generation)
        yield _s(generation, a, _t(PROV.Activity))
        yield from _optional(generation, SKOS.prefLabel, info.generator)
        yield from _optional(generation, FKS.parameters, info.parameters)
        yield _s(generation, _t(PROV.wasAssociatedWith), agent)
    build = _iri(mint.graph(info.slug) + "/build")
    yield _s(graph_iri, a, _t(PROV.Entity))
    yield _s(graph_iri, _t(PROV.wasDerivedFrom), dataset_iri)
    yield _s(graph_iri, _t(PROV.wasGeneratedBy), build)
    yield _s(build, a, _t(PROV.Activity))
    yield _s(build, _t(PROV.used), dataset_iri)
    yield _s(build, _t(PROV.wasAssociatedWith), agent)


def _region(
    scope: _Scope, node: str, network: Network, regions: dict[str, list[str]]
) -> Iterator[str]:
    """A network's region: described once, with each of its names once (``regions``)."""
    a, vocab = _t(RDF.type), scope.vocab
    codes = network.region_codes or tuple(filter(None, [network.region_code]))
    if not (network.region or codes):
        return
    region_iri = scope.mint.region("|".join(codes) or None, network.region)
    yield _s(node, _t(FKS.region), _iri(region_iri))
    names = regions.setdefault(region_iri, [])
    region = _iri(region_iri)
    if not names:
        if codes:
            scope.region_codes[region_iri] = codes
        yield _s(region, a, _t(FKS.Region))
        if len(codes) == 1:  # a region of several Kreise has their codes as parts
            yield _s(region, _t(SKOS.notation), _text(codes[0]))
        yield from _concepts(
            region,
            FKS.regionType,
            vocab.region_types,
            [network.region_type] if network.region_type else [],
        )
        yield from _concepts(region, FKS.land, vocab.laender, network.states)
    if network.region and network.region not in names:
        label = SKOS.prefLabel if not names else SKOS.altLabel
        names.append(network.region)
        yield _s(region, _t(label), _text(network.region))


def _networks(scope: _Scope, networks: tuple[Network, ...]) -> Iterator[str]:
    """The networks, their umbrellas and regions; their nodes go into ``scope.networks``."""
    mint, vocab, a, derived = scope.mint, scope.vocab, _t(RDF.type), _t(PROV.wasDerivedFrom)
    regions: dict[str, list[str]] = {}
    for network in networks:
        scope.networks[network.id] = node = _iri(mint.network(network.id))
        yield _s(node, a, _t(ORG.OrganizationalCollaboration))
        yield _s(node, _t(SKOS.prefLabel), _text(network.name))
        yield _s(node, _t(DCTERMS.identifier), _text(network.id))
        yield _s(node, derived, scope.dataset)
        if network.kind:
            yield _s(node, _t(FKS.networkKind), _t(vocab.network_kinds.get(network.kind).iri))
        for umbrella in network.part_of:
            yield _s(node, _t(ORG.subOrganizationOf), _iri(mint.network(umbrella)))
        yield from _region(scope, node, network, regions)
        yield from _concepts(node, FKS.land, vocab.laender, network.states)
        if network.founded:
            yield _s(node, _t(SDO.foundingDate), _date(network.founded))
        yield from _optional(node, FKS.legalForm, network.legal_form)
        yield from _link(node, FOAF.homepage, network.website)
        yield from _concepts(node, FKS.actionField, vocab.action_fields, network.action_fields)
        yield from _concepts(node, FKS.targetGroup, vocab.target_groups, network.target_groups)
        for theme in network.themes:
            yield _s(node, _t(FKS.theme), _text(theme))
        yield from _optional(node, DCTERMS.description, network.description)
        yield from _link(node, DCTERMS.source, network.source)


def _actors(scope: _Scope, actors: tuple[Actor, ...]) -> Iterator[str]:
    """The actors and the organisations they are units of; their nodes go into
    ``scope.actors``, their registry entries into ``scope.linked``."""
    mint, vocab, a, derived = scope.mint, scope.vocab, _t(RDF.type), _t(PROV.wasDerivedFrom)
    # terms of the loops over many records, looked up once
    organisation, label, classification, identifier, city, land, homepage, same_as, source = (
        _t(term)
        for term in (
            ORG.FormalOrganization, SKOS.prefLabel, ORG.classification, DCTERMS.identifier,
            FKS.city, FKS.land, FOAF.homepage, OWL.sameAs, DCTERMS.source,
        )
    )  # fmt: skip
    parents: set[str] = set()
    for actor in actors:
        scope.actors[actor.key] = node = _iri(mint.actor(actor.key))
        yield _s(node, a, organisation)
        yield _s(node, label, _text(actor.name))
        yield from _spellings(node, actor)
        yield from _optional(node, identifier, actor.id)
        yield _s(node, classification, _t(vocab.actor_types.get(actor.type).iri))
        yield from _optional(node, city, actor.city)
        yield from _concepts(node, land, vocab.laender, actor.states)
        yield from _link(node, homepage, actor.website)
        yield from _link(node, same_as, actor.same_as)
        yield from _link(node, source, actor.source)
        yield _s(node, derived, scope.dataset)
        if actor.registry is not None:
            entry = actor.registry
            yield _s(node, _t(FKS.registryEntry), _iri(entry_iri(entry.registry, entry.code)))
            scope.linked.add(actor.registry)
        if (parent := actor.parent) is not None:
            parent_node = _iri(mint.named("organisation", parent.name))
            yield _s(node, _t(ORG.unitOf), parent_node)
            if parent.name not in parents:  # the organisation, once
                parents.add(parent.name)
                yield _s(parent_node, a, _t(ORG.Organization))
                yield _s(parent_node, label, _text(parent.name))
                for alt in parent.alt_labels:
                    yield _s(parent_node, _t(SKOS.altLabel), _text(alt))
                yield _s(parent_node, classification, _t(vocab.actor_types.get(parent.type).iri))


def _registries(scope: _Scope, networks: tuple[Network, ...]) -> Iterator[str]:
    """The registries: the Kreise of the networks' Länder (so that a query finds the Kreise
    without a network), the entries actors are linked to, and each network region's Kreis."""
    laender = {state for network in networks for state in network.states}
    everything = scope.linked | {kreis for kreis in kreis_entries() if kreis.state in laender}
    yield from _registry_entries(sorted(everything, key=lambda e: (e.registry, e.code)))
    kreis_codes = {entry.code for entry in kreis_entries()}
    for region_iri, codes in sorted(scope.region_codes.items()):
        # a region that is one Kreis matches it; a region of several Kreise has them as parts
        relation = _t(SKOS.exactMatch) if len(codes) == 1 else _t(DCTERMS.hasPart)
        for code in codes:
            if code in kreis_codes:
                yield _s(_iri(region_iri), relation, _iri(entry_iri("kreis", code)))


def _period(
    mint: Minter,
    interval: str,
    since: str | None,
    until: str | None,
    seen: tuple[set[tuple[str | None, str | None]], set[str]],
) -> Iterator[str]:
    """A membership's period ``interval`` and its instants, the first time they occur
    (``seen``: the periods and instants so far): shared by every membership with the same
    dates, a few thousand nodes instead of three per membership at national scale."""
    a, (periods, instants) = _t(RDF.type), seen
    if (since, until) in periods:
        return
    periods.add((since, until))
    yield _s(interval, a, _t(TIME.Interval))
    for date, predicate in ((since, TIME.hasBeginning), (until, TIME.hasEnd)):
        if date:
            instant = _iri(mint.instant(date))
            yield _s(interval, _t(predicate), instant)
            if date not in instants:
                instants.add(date)
                yield _s(instant, a, _t(TIME.Instant))
                kind = TIME.inXSDgYear if len(date) == 4 else TIME.inXSDDate
                yield _s(instant, _t(kind), _date(date))


def _memberships(scope: _Scope, memberships: tuple[Membership, ...]) -> Iterator[str]:
    """The memberships of actors in networks, numbered per pair, with their periods."""
    mint, vocab, a = scope.mint, scope.vocab, _t(RDF.type)
    seen: dict[tuple[str, str], int] = {}
    periods: tuple[set[tuple[str | None, str | None]], set[str]] = (set(), set())
    membership_class, member, organization, role, during, source = (
        _t(term)
        for term in (
            ORG.Membership, ORG.member, ORG.organization, ORG.role, ORG.memberDuring,
            DCTERMS.source,
        )
    )  # fmt: skip
    for membership in memberships:
        pair = (membership.network_id, membership.actor_key)
        seen[pair] = ordinal = seen.get(pair, 0) + 1
        node = _iri(mint.membership(*pair, ordinal))
        yield _s(node, a, membership_class)
        yield _s(node, member, scope.actors[membership.actor_key])
        network = scope.networks.get(membership.network_id)
        yield _s(node, organization, network or _iri(mint.network(membership.network_id)))
        if membership.role:
            yield _s(node, role, _t(vocab.roles.get(membership.role).iri))
        if membership.since or membership.until:
            interval = _iri(mint.period(membership.since, membership.until))
            yield _s(node, during, interval)
            yield from _period(mint, interval, membership.since, membership.until, periods)
        yield from _link(node, source, membership.source)
        yield from _stated(node, membership.as_of, membership.uncertain, membership.note)


def _projects(scope: _Scope, dataset: Dataset) -> Iterator[str]:
    """The projects of networks and their partners (numbered per project and actor)."""
    mint, vocab, a, derived = scope.mint, scope.vocab, _t(RDF.type), _t(PROV.wasDerivedFrom)
    for project in dataset.projects:
        node = _iri(mint.project(project.id))
        yield _s(node, a, _t(SDO.Project))
        yield _s(node, _t(SKOS.prefLabel), _text(project.name))
        yield _s(node, _t(DCTERMS.identifier), _text(project.id))
        yield _s(node, _t(SDO.parentOrganization), _iri(mint.network(project.network_id)))
        if project.start:
            yield _s(node, _t(SDO.startDate), _date(project.start))
        if project.end:
            yield _s(node, _t(SDO.endDate), _date(project.end))
        yield from _concepts(node, FKS.actionField, vocab.action_fields, project.action_fields)
        yield from _concepts(node, FKS.targetGroup, vocab.target_groups, project.target_groups)
        for theme in project.themes:
            yield _s(node, _t(FKS.theme), _text(theme))
        yield from _optional(node, DCTERMS.description, project.description)
        yield from _link(node, DCTERMS.source, project.source)
        yield _s(node, derived, scope.dataset)
    seen: dict[tuple[str, str], int] = {}
    has_member, role_class, role_name = (
        _t(term) for term in (SDO.member, SDO.OrganizationRole, SDO.roleName)
    )
    for partner in dataset.partners:
        pair = (partner.project_id, partner.actor_key)
        seen[pair] = ordinal = seen.get(pair, 0) + 1
        node = _iri(mint.partner(*pair, ordinal))
        yield _s(_iri(mint.project(partner.project_id)), has_member, node)
        yield _s(node, a, role_class)
        yield _s(node, has_member, scope.actors[partner.actor_key])
        yield from _optional(node, role_name, partner.role)


def _events(scope: _Scope, dataset: Dataset) -> Iterator[str]:
    """The events and the awards conferred on networks (at an event, named or listed)."""
    mint, a, derived = scope.mint, _t(RDF.type), _t(PROV.wasDerivedFrom)
    for event in dataset.events:
        node = _iri(mint.identified("event", event.id))
        yield _s(node, a, _t(SDO.Event))
        yield _s(node, _t(SDO.name), _text(event.name))
        yield _s(node, _t(DCTERMS.identifier), _text(event.id))
        if event.date:
            yield _s(node, _t(SDO.startDate), _date(event.date))
        yield from _optional(node, SDO.location, event.place)
        yield from _optional(node, FKS.city, event.city)
        for predicate, count in (
            (FKS.applicantCount, event.applicants),
            (FKS.participantCount, event.participants),
        ):
            if count is not None:
                yield _s(node, _t(predicate), _typed(str(count), XSD.integer))
        yield from _optional(node, FKS.organiser, event.organiser)
        yield from _optional(node, DCTERMS.description, event.description)
        yield from _link(node, DCTERMS.source, event.source)
        yield _s(node, derived, scope.dataset)
    # prizes and events known by name only: spellings of one name (Innovative Netzwerke,
    # innovative Netzwerke) are one node, named as first written
    named: set[str] = set()
    conferrals: dict[tuple[str, str, str], int] = {}
    for award in dataset.awards:
        prize = _iri(mint.named("prize", award.award))
        same = (award.network_id, award.year, prize)
        conferrals[same] = ordinal = conferrals.get(same, 0) + 1  # the same prize again
        node = _iri(mint.award(award.network_id, award.year, award.award, ordinal))
        yield _s(node, a, _t(FKS.AwardConferral))
        yield _s(node, _t(FKS.awardee), _iri(mint.network(award.network_id)))
        yield _s(node, _t(FKS.prize), prize)
        yield _s(node, _t(FKS.awardYear), _date(award.year))
        if prize not in named:
            named.add(prize)
            yield _s(prize, a, _t(FKS.Prize))
            yield _s(prize, _t(SKOS.prefLabel), _text(award.award))
        if award.event_id:
            yield _s(node, _t(FKS.atEvent), _iri(mint.identified("event", award.event_id)))
        elif award.event:
            event = _iri(mint.named("event", award.event))
            yield _s(node, _t(FKS.atEvent), event)
            if event not in named:
                named.add(event)
                yield _s(event, a, _t(SDO.Event))
                yield _s(event, _t(SDO.name), _text(award.event))
        yield from _link(node, DCTERMS.source, award.source)
        yield _s(node, derived, scope.dataset)


def _programmes(scope: _Scope, dataset: Dataset) -> Iterator[str]:
    """The programmes and the networks' participations in them (numbered per pair)."""
    mint, a, derived = scope.mint, _t(RDF.type), _t(PROV.wasDerivedFrom)
    for programme in dataset.programmes:
        node = _iri(mint.identified("programme", programme.id))
        yield _s(node, a, _t(FKS.Programme))
        yield _s(node, _t(SKOS.prefLabel), _text(programme.name))
        yield _s(node, _t(DCTERMS.identifier), _text(programme.id))
        yield from _optional(node, FKS.organiser, programme.organiser)
        yield from _optional(node, DCTERMS.description, programme.description)
        yield from _link(node, FOAF.homepage, programme.website)
        yield from _link(node, DCTERMS.source, programme.source)
        yield _s(node, derived, scope.dataset)
    seen: dict[tuple[str, str], int] = {}
    for part in dataset.participations:
        pair = (part.programme_id, part.network_id)
        seen[pair] = ordinal = seen.get(pair, 0) + 1
        node = _iri(mint.participation(*pair, ordinal))
        yield _s(node, a, _t(FKS.ProgrammeParticipation))
        yield _s(node, _t(FKS.participant), _iri(mint.network(part.network_id)))
        yield _s(node, _t(FKS.programme), _iri(mint.identified("programme", part.programme_id)))
        if part.since:
            yield _s(node, _t(SDO.startDate), _date(part.since))
        if part.until:
            yield _s(node, _t(SDO.endDate), _date(part.until))
        yield from _stated(node, part.as_of, part.uncertain, part.note)
        yield from _link(node, DCTERMS.source, part.source)
        yield _s(node, derived, scope.dataset)


def dataset_statements(dataset: Dataset, *, base: str = DEFAULT_BASE) -> Iterator[str]:
    """The triples of a dataset's instances (without the ontology) as N-Triples, in a fixed order.

    Statements are made as text: Oxigraph parses and indexes text on another thread while
    Python makes the next ones (:func:`fks_graph.graph.ntriples.load_statements`), where
    term objects would have to be made one by one under Python's global lock. Literals are
    escaped by Oxigraph, IRIs from the input checked by it; minted IRIs need no check.

    Parameters
    ----------
    dataset
        Records as :func:`fks_graph.input.read_dataset` returns them.
    base
        Base IRI of instance data.

    Yields
    ------
    str
        N-Triples statements, one line each (with its newline), whose predicates and
        classes are terms of the ontology or of the standard vocabularies it reuses (ORG,
        SKOS, DCTERMS, PROV, schema.org, OWL-Time, FOAF).

    Examples
    --------
    >>> from fks_graph.input.records import DatasetInfo, Network, Origin
    >>> data = Dataset(DatasetInfo("demo", "Demo"), (Network("N1", "Bündnis", Origin("n.csv", 2)),), (), ())
    >>> print(next(line for line in dataset_statements(data, base="https://example.org/")
    ...            if "prefLabel" in line and "network" in line), end="")
    <https://example.org/network/N1> <http://www.w3.org/2004/02/skos/core#prefLabel> "Bündnis" .
    """
    mint = Minter(base, dataset.actors)
    scope = _Scope(mint, vocabulary(), _iri(mint.dataset(dataset.info.slug)))
    yield from _provenance(scope, dataset.info)
    yield from _networks(scope, dataset.networks)
    yield from _actors(scope, dataset.actors)
    yield from _registries(scope, dataset.networks)  # after the actors: their entries
    yield from _memberships(scope, dataset.memberships)
    yield from _projects(scope, dataset)
    yield from _events(scope, dataset)
    yield from _programmes(scope, dataset)


def dataset_triples(dataset: Dataset, *, base: str = DEFAULT_BASE) -> Iterator[ox.Triple]:
    """The triples of :func:`dataset_statements` as pyoxigraph terms (each one checked).

    Examples
    --------
    >>> from fks_graph.input.records import DatasetInfo, Network, Origin
    >>> data = Dataset(DatasetInfo("demo", "Demo"), (Network("N1", "Bündnis", Origin("n.csv", 2)),), (), ())
    >>> triples = list(dataset_triples(data, base="https://example.org/"))
    >>> sum(t.subject.value == "https://example.org/network/N1" for t in triples)
    4
    """
    return parse_statements(dataset_statements(dataset, base=base))


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
    >>> from rdflib import Literal
    >>> from rdflib.namespace import DCTERMS, SKOS
    >>> network = graph.value(predicate=DCTERMS.identifier, object=Literal("N1"))
    >>> [str(name) for name in graph.objects(network, SKOS.prefLabel)]
    ['Bündnis']
    """
    store = ox.Store()
    store.load(path=ontology_path(), format=ox.RdfFormat.TURTLE, to_graph=ox.DefaultGraph())
    try:
        with no_gc():  # hundreds of thousands of terms, no cycles
            load_statements(store, dataset_statements(dataset, base=base))
    finally:
        clear_caches()  # they serve one build; kept, they would pin its memory
    return graph_from_store(store, base=base)
