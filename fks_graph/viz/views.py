"""What a graph page shows: the nodes, edges, labels and tooltips of one view of the graph."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

import networkx as nx
import pyoxigraph as ox
from rdflib import Graph

from fks_graph.analysis.bipartite import ACTOR, NETWORK, actor_network_graph
from fks_graph.analysis.measures import OVERLAPS_PER_NETWORK, Overlap, overlap, strongest_overlaps
from fks_graph.analysis.to_rdf import METRIC
from fks_graph.core.errors import UsageError
from fks_graph.sparql.run import select
from fks_graph.terms.vocab import vocabulary

__all__ = [
    "ALL_ACTORS_UP_TO",
    "FEW_LINKS_ABOVE",
    "VIEW_KINDS",
    "ViewEdge",
    "ViewNode",
    "ViewSpec",
    "network_tip",
    "parse_view",
    "view_of",
]

#: The kinds of view ``--view`` accepts; ``network``, ``actor`` and ``state`` take an id.
VIEW_KINDS = ("overview", "cross-actors", "map", "network", "actor", "state")

#: Up to this many actors, the overview shows every actor (a small ecosystem is no hairball);
#: above, only the actors in several networks.
ALL_ACTORS_UP_TO = 300

#: At most this many actors (those in the most networks) in the overview, the cross-actor
#: view and a Land's view: beyond that no picture is readable and no browser is quick.
MAX_ACTORS = 2500

#: Above this many networks, a view links each network to its three strongest overlaps only.
FEW_LINKS_ABOVE = 1500

#: At most this many networks are listed in an actor's tooltip.
_TIP_NETWORKS = 12

# Texts of the page and the tooltips, German first.
_TEXT = {
    "de": {
        "overview": "Überblick: Netzwerke und Akteure in mehreren Netzwerken",
        "overview_sub": "Netzwerke (Rauten) verbunden nach gemeinsamen Mitgliedern; "
        "dazu die Akteure, die in mindestens zwei Netzwerken sind.",
        "overview_all": "Überblick: alle Netzwerke und ihre Akteure",
        "overview_all_sub": "Netzwerke (Rauten), ihre Mitglieder, und Linien zwischen "
        "Netzwerken mit gemeinsamen Mitgliedern.",
        "cross-actors": "Akteure in mehreren Netzwerken",
        "cross-actors_sub": "Akteure, die in mindestens zwei Netzwerken sind, und ihre Netzwerke.",
        "network_sub": "Ein Netzwerk, seine Mitglieder und deren weitere Netzwerke.",
        "actor_sub": "Ein Akteur, seine Netzwerke und deren Mitglieder.",
        "state": "Netzwerke in {land}",
        "state_sub": "Die Netzwerke des Landes, verbunden nach gemeinsamen Mitgliedern, "
        "und die Akteure in mehreren von ihnen.",
        "network": "Netzwerk",
        "type": "Typ",
        "city": "Ort",
        "region": "Region",
        "land": "Land",
        "kind": "Art",
        "networks": "Netzwerke",
        "members": "Mitglieder",
        "in_several": "davon in mehreren Netzwerken",
        "more": "… und {n} weitere",
        "betweenness": "Betweenness",
        "shared": "{n} gemeinsame Mitglieder",
        "shared_one": "1 gemeinsames Mitglied",
        "capped": "Gezeigt: die {shown} Akteure in den meisten Netzwerken (von {all}).",
    },
    "en": {
        "overview": "Overview: networks and actors in several networks",
        "overview_sub": "Networks (diamonds) linked by shared members, "
        "and the actors that are members of at least two networks.",
        "overview_all": "Overview: all networks and their actors",
        "overview_all_sub": "Networks (diamonds), their members, and lines between networks "
        "that share members.",
        "cross-actors": "Actors in several networks",
        "cross-actors_sub": "Actors that are members of at least two networks, and their networks.",
        "network_sub": "One network, its members and their other networks.",
        "actor_sub": "One actor, its networks and their members.",
        "state": "Networks in {land}",
        "state_sub": "The Land's networks, linked by shared members, and the actors in "
        "several of them.",
        "network": "Network",
        "type": "Type",
        "city": "City",
        "region": "Region",
        "land": "Land",
        "kind": "Kind",
        "networks": "Networks",
        "members": "Members",
        "in_several": "of them in several networks",
        "more": "… and {n} more",
        "betweenness": "Betweenness",
        "shared": "{n} shared members",
        "shared_one": "1 shared member",
        "capped": "Shown: the {shown} actors in the most networks (of {all}).",
    },
}

# Cities, regions and roles of the nodes a view shows (``VALUES`` goes first):
# what the bipartite graph does not carry.
_DETAILS = """
SELECT ?kind ?node ?value ?network WHERE {{
  VALUES ?node {{ {nodes} }}
  {{ ?node a org:FormalOrganization ; fks:city ?value . BIND("city" AS ?kind) }}
  UNION
  {{ ?node a org:OrganizationalCollaboration ; fks:region/skos:prefLabel ?value .
     BIND("region" AS ?kind) }}
  UNION
  {{ ?membership org:member ?node ; org:organization ?network ; org:role/skos:notation ?value .
     BIND("role" AS ?kind) }}
}}
"""
# every betweenness measured (a join of measurements with VALUES is quadratic in Oxigraph)
_BETWEENNESS = f"""
SELECT ?node ?value WHERE {{
  ?measurement fks:metric <{METRIC.betweenness}> ; fks:measureOf ?node ; fks:value ?value .
}}
"""


@dataclass(frozen=True, slots=True)
class ViewSpec:
    """A parsed ``--view``: its kind and, for an ego view, the id it was given.

    Examples
    --------
    >>> ViewSpec("network", "N1").text
    'network:N1'
    """

    kind: str = "overview"
    key: str | None = None

    @property
    def text(self) -> str:
        """The view as ``--view`` writes it."""
        return self.kind if self.key is None else f"{self.kind}:{self.key}"


def parse_view(text: str) -> ViewSpec:
    """Parse ``overview``, ``cross-actors``, ``map``, ``network:ID``, ``actor:ID`` or ``state:DE-XX``.

    Raises
    ------
    UsageError
        For an unknown kind, or an ego view without id (or an id where none belongs).

    Examples
    --------
    >>> parse_view("network:N-42")
    ViewSpec(kind='network', key='N-42')
    >>> parse_view(" Overview ")
    ViewSpec(kind='overview', key=None)
    >>> parse_view("actor:https://w3id.org/fks-graph/data/actor/ihk-aachen").key
    'https://w3id.org/fks-graph/data/actor/ihk-aachen'
    >>> parse_view("region:5")
    Traceback (most recent call last):
    ...
    fks_graph.core.errors.UsageError: unknown view 'region:5' (expected overview, cross-actors, map, network:ID, actor:ID or state:DE-XX)
    """
    kind, colon, key = text.strip().partition(":")
    kind = kind.strip().lower()
    key = key.strip()
    expected = "overview, cross-actors, map, network:ID, actor:ID or state:DE-XX"
    if kind not in VIEW_KINDS:
        raise UsageError(f"unknown view '{text}' (expected {expected})")
    ego = kind in ("network", "actor", "state")
    if ego and not key:
        raise UsageError(f"view '{text}' needs an id, e.g. {kind}:{_EXAMPLE[kind]}")
    if not ego and colon:
        raise UsageError(f"view '{kind}' takes no id (expected {expected})")
    return ViewSpec(kind, key or None)


_EXAMPLE = {"network": "N-001", "actor": "IHK-AC", "state": "DE-NW"}


@dataclass(frozen=True, slots=True)
class ViewNode:
    """A node of a page: a network or an actor, with what the page shows of it.

    ``id`` is the IRI; ``group`` is the legend entry (an actor type code, ``network`` for
    the networks of the view and ``other-network`` for networks only shown for context);
    ``size`` is in pixels; ``tip`` holds the lines of the tooltip (plain text).
    """

    id: str
    label: str
    group: str
    lands: tuple[str, ...]
    size: float
    tip: tuple[str, ...]
    x: float = 0.0
    y: float = 0.0


@dataclass(frozen=True, slots=True)
class ViewEdge:
    """An edge of a page: a membership (``member``) or two networks' shared members (``shared``)."""

    source: str
    target: str
    kind: str
    weight: int
    tip: str


@dataclass(slots=True)
class View:
    """One view of a graph, ready to lay out and draw."""

    spec: ViewSpec
    lang: str
    title: str
    subtitle: str
    nodes: list[ViewNode]
    edges: list[ViewEdge]
    size_by: str
    groups: list[tuple[str, str]] = field(default_factory=list)
    lands: list[tuple[str, str]] = field(default_factory=list)


@dataclass(slots=True)
class _Details:
    """What the tooltips and sizes of a view's nodes need besides the bipartite graph."""

    city: dict[str, str]
    region: dict[str, str]
    roles: dict[tuple[str, str], set[str]]
    betweenness: dict[str, float]
    measured: bool


def _details(graph: Graph, nodes: set[str]) -> _Details:
    city: dict[str, str] = {}
    region: dict[str, str] = {}
    roles: dict[tuple[str, str], set[str]] = defaultdict(set)
    betweenness: dict[str, float] = {}
    # the nodes are IRIs of the graph, written as N-Triples terms
    terms = " ".join(str(ox.NamedNode(node)) for node in sorted(nodes))
    for kind, node, value, network in select(graph, _DETAILS.format(nodes=terms)):
        if kind == "city":
            city[node] = min(value, city.get(node, value))
        elif kind == "region":
            region[node] = min(value, region.get(node, value))
        else:
            roles[node, network].add(value)
    measured = False
    for node, value in select(graph, _BETWEENNESS):
        measured = True
        if node in nodes:
            betweenness[node] = max(float(value), betweenness.get(node, 0.0))
    return _Details(city, region, roles, betweenness, measured)


def _find(B: nx.Graph, side: int, key: str, what: str) -> str:
    """The node of ``side`` an id, IRI, IRI ending or (unique) label denotes."""
    nodes = [(n, d) for n, d in B.nodes(data=True) if d["bipartite"] == side]
    folded = key.casefold()
    tests = (
        lambda n, d: n == key or d["id"] == key,
        lambda n, d: n.endswith("/" + key),
        lambda n, d: (d["id"] or "").casefold() == folded,
        lambda n, d: d["label"].casefold() == folded,
    )
    for test in tests:
        found = sorted(n for n, d in nodes if test(n, d))
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise UsageError(f"{what} '{key}' is ambiguous: {', '.join(found[:5])}")
    raise UsageError(
        f"no {what} '{key}' in the graph (give its id, IRI or exact name; "
        f"`fks-graph query DATA {'members-of-network' if side == NETWORK else 'networks-of-actor'}`"
        " lists them)"
    )


def _select(B: nx.Graph, spec: ViewSpec) -> tuple[set[str], set[str], set[str], bool, str]:
    """Networks in focus, context networks, actors, whether to link networks, and the title."""
    cross = {n for n, k in B.degree if k >= 2 and B.nodes[n]["bipartite"] == ACTOR}
    if spec.kind == "overview":
        networks = {n for n, d in B.nodes(data=True) if d["bipartite"] == NETWORK}
        everyone = {n for n, k in B.degree if k and B.nodes[n]["bipartite"] == ACTOR}
        return networks, set(), everyone if len(everyone) <= ALL_ACTORS_UP_TO else cross, True, ""
    if spec.kind == "cross-actors":
        networks = {n for a in cross for n in B[a]}
        return networks, set(), cross, False, ""
    if spec.kind == "state":
        code = vocabulary().land_code(spec.key or "")
        networks = {
            n for n, d in B.nodes(data=True) if d["bipartite"] == NETWORK and code in d["lands"]
        }
        actors = {a for n in networks for a in B[n] if len(networks.intersection(B[a])) >= 2}
        return networks, set(), actors, True, code
    if spec.kind == "network":
        network = _find(B, NETWORK, spec.key or "", "network")
        actors = set(B[network])
        context = {n for a in actors for n in B[a]} - {network}
        return {network}, context, actors, False, B.nodes[network]["label"]
    actor = _find(B, ACTOR, spec.key or "", "actor")
    networks = set(B[actor])
    actors = {a for n in networks for a in B[n]}
    return networks, set(), actors, False, B.nodes[actor]["label"]


def network_tip(
    B: nx.Graph, network: str, region: str | None, lang: str, *, kind: str | None = None
) -> tuple[str, ...]:
    """The tooltip lines of a network: name, id, region, Länder, kind, members.

    Parameters
    ----------
    B : networkx.Graph
        The actor–network graph (:func:`~fks_graph.analysis.bipartite.actor_network_graph`).
    network : str
        The network's node (IRI).
    region : str or None
        The name of its region.
    lang : {"de", "en"}
        Language of the lines.
    kind : str, optional
        The name of its kind (a line only when given).

    Examples
    --------
    >>> B = nx.Graph()
    >>> B.add_node("n", bipartite=1, label="Allianz", id="N1", lands=("DE-SN",))
    >>> B.add_node("a", bipartite=0)
    >>> B.add_edge("a", "n")
    >>> network_tip(B, "n", "Landkreis Bautzen", "en", kind="alliance")
    ('Allianz', 'Network N1', 'Region: Landkreis Bautzen', 'Land: Saxony', 'Kind: alliance', 'Members: 1 (of them in several networks: 0)')
    """
    text = _TEXT[lang]
    data = B.nodes[network]
    tip = [data["label"], text["network"] + (f" {data['id']}" if data["id"] else "")]
    if region:
        tip.append(f"{text['region']}: {region}")
    if data["lands"]:
        laender = vocabulary().laender
        names = ", ".join(
            laender.get(c).label(lang) if c in laender.concepts else c for c in data["lands"]
        )
        tip.append(f"{text['land']}: {names}")
    if kind:
        tip.append(f"{text['kind']}: {kind}")
    members = set(B[network])
    in_several = sum(1 for _, degree in B.degree(members) if degree >= 2)
    tip.append(f"{text['members']}: {len(members)} ({text['in_several']}: {in_several})")
    return tuple(tip)


def _scaled(value: float, top: float, low: float, high: float) -> float:
    return round(low + (high - low) * math.sqrt(value / top), 2) if top > 0 else low


def _role_names(facts: _Details, actor: str, network: str, lang: str) -> str:
    """The roles of an actor in a network, in brackets (or nothing)."""
    roles = vocabulary().roles
    names = sorted(
        roles.get(r).label(lang) if r in roles.concepts else r
        for r in facts.roles.get((actor, network), ())
    )
    return f" ({', '.join(names)})" if names else ""


def _network_nodes(
    B: nx.Graph, networks: set[str], context: set[str], facts: _Details, lang: str
) -> list[ViewNode]:
    """The networks of a view (and those shown for context), sized by their members."""
    shown = networks | context
    top_members = max((B.degree(n) for n in shown), default=0)
    return [
        ViewNode(
            network,
            B.nodes[network]["label"],
            "network" if network in networks else "other-network",
            B.nodes[network]["lands"],
            _scaled(B.degree(network), top_members, 10, 34),
            network_tip(B, network, facts.region.get(network), lang),
        )
        for network in sorted(shown)
    ]


def _actor_nodes(B: nx.Graph, actors: set[str], facts: _Details, lang: str) -> list[ViewNode]:
    """The actors of a view, sized by betweenness when measured, else by their networks."""
    text, types = _TEXT[lang], vocabulary().actor_types
    top = max((facts.betweenness.get(a, 0) for a in actors), default=0)
    nodes = []
    for actor in sorted(actors):
        data = B.nodes[actor]
        own = sorted(B[actor], key=lambda n: (B.nodes[n]["label"], n))
        concept = types.concepts.get(data["type"] or "")
        kind = concept.label(lang) if concept else (data["type"] or "?")
        tip = [data["label"], f"{text['type']}: {kind}"]
        if actor in facts.city:
            tip.append(f"{text['city']}: {facts.city[actor]}")
        tip.append(f"{text['networks']} ({len(own)}):")
        tip += [
            f"• {B.nodes[n]['label']}{_role_names(facts, actor, n, lang)}"
            for n in own[:_TIP_NETWORKS]
        ]
        if len(own) > _TIP_NETWORKS:
            tip.append(text["more"].format(n=len(own) - _TIP_NETWORKS))
        if actor in facts.betweenness:
            tip.append(f"{text['betweenness']}: {facts.betweenness[actor]:.4g}")
        if facts.measured:
            size = _scaled(facts.betweenness.get(actor, 0), top, 6, 28)
        else:  # by number of networks: the same size for the same number in every view
            size = round(min(30.0, 8 + 4 * math.sqrt(B.degree(actor) - 1)), 2)
        lands = {land for n in own for land in B.nodes[n]["lands"]} | set(data["lands"])
        nodes.append(
            ViewNode(
                actor,
                data["label"],
                data["type"] or "other",
                tuple(sorted(lands)),
                size,
                tuple(tip),
            )
        )
    return nodes


def _edges(
    B: nx.Graph,
    networks: set[str],
    shown: set[str],
    actors: set[str],
    linked: bool,
    facts: _Details,
    lang: str,
    found: Sequence[Overlap] | None = None,
) -> list[ViewEdge]:
    """The memberships of the actors in the networks shown; with ``linked``, the networks'
    strongest overlaps (``found`` if given: those of exactly these networks), as the analysis
    keeps them (a few institutions in hundreds of networks would draw millions of lines)."""
    text = _TEXT[lang]
    edges = [
        ViewEdge(
            actor,
            network,
            "member",
            1,
            f"{B.nodes[actor]['label']} – {B.nodes[network]['label']}"
            f"{_role_names(facts, actor, network, lang)}",
        )
        for actor in sorted(actors)
        for network in sorted(B[actor])
        if network in shown
    ]
    if linked:
        per_network = OVERLAPS_PER_NETWORK if len(networks) <= FEW_LINKS_ABOVE else 3
        if found is None:
            found = overlap(B, sorted(networks), per_network=per_network)
        elif per_network < OVERLAPS_PER_NETWORK:
            found = strongest_overlaps(found, per_network)
        for pair in sorted(found):
            weight = pair.shared
            shared = text["shared_one"] if weight == 1 else text["shared"].format(n=weight)
            tip = f"{B.nodes[pair.a]['label']} – {B.nodes[pair.b]['label']}: {shared}"
            edges.append(ViewEdge(pair.a, pair.b, "shared", weight, tip))
    return edges


def view_of(
    graph: Graph,
    spec: ViewSpec | str = "overview",
    *,
    lang: str = "de",
    bipartite: nx.Graph | None = None,
    overlaps: Sequence[Overlap] | None = None,
) -> View:
    """The nodes and edges one view of ``graph`` shows, with labels and tooltips in ``lang``.

    - ``overview``: every network, linked to the networks it shares members with (edge
      weight: number of shared members; each network's strongest overlaps, see
      :data:`~fks_graph.analysis.measures.OVERLAPS_PER_NETWORK`, three above 1,500
      networks), and the actors in at least two networks (at most :data:`MAX_ACTORS`,
      those in the most networks; so also in the other views of many actors);
    - ``cross-actors``: the actors in at least two networks and those networks;
    - ``network:ID``: one network, its members and their other networks;
    - ``actor:ID``: one actor, its networks and their members;
    - ``state:DE-XX``: the networks located in one Land, linked by shared members, and
      the actors in at least two of them.

    Actors are sized by their betweenness when the graph holds the analysis' measurements
    (``fks-graph analyse``), else by their number of networks; networks by their number of
    members. Nodes have no position yet (see :func:`fks_graph.viz.layout.lay_out`).

    Parameters
    ----------
    graph : rdflib.Graph
        A graph as :func:`fks_graph.build_graph` builds it (with or without measures).
    spec : ViewSpec or str
        The view, as :func:`parse_view` reads it.
    lang : {"de", "en"}
        Language of titles, type names and tooltips.
    bipartite : networkx.Graph, optional
        ``actor_network_graph(graph)`` when the caller has it already (the analysis does):
        saves reading it again.
    overlaps : sequence of Overlap, optional
        The overlaps of all networks as the analysis finds them (``Ecosystem.overlaps``),
        when the caller has them: the overview's links are drawn from them, not computed.

    Raises
    ------
    UsageError
        For an unknown view, language, Land, or an id that names no network or actor.

    Examples
    --------
    >>> from fks_graph import build_graph, read_dataset
    >>> graph = build_graph(read_dataset("tests/fixtures/innovationstag-2014"))
    >>> view = view_of(graph, "network:switch-aachen")
    >>> view.title, len(view.nodes), len(view.edges)
    ('SWITCH – verkürzte Berufsausbildung für Studienabbrecher/innen', 8, 7)
    >>> [n.tip[1] for n in view.nodes if n.label == "IHK Aachen"]
    ['Typ: Industrie- und Handelskammer']
    >>> view_of(graph, "actor:nobody")
    Traceback (most recent call last):
    ...
    fks_graph.core.errors.UsageError: no actor 'nobody' in the graph (give its id, IRI or exact name; `fks-graph query DATA networks-of-actor` lists them)
    """
    if lang not in _TEXT:
        raise UsageError(f"unknown language '{lang}' (expected de or en)")
    spec = parse_view(spec) if isinstance(spec, str) else spec
    if spec.kind == "map":
        raise UsageError("the map is no graph view: draw it with fks_graph.viz.geo.map_of")
    text = _TEXT[lang]
    vocab = vocabulary()
    B = actor_network_graph(graph) if bipartite is None else bipartite
    networks, context, actors, linked, focus = _select(B, spec)
    left_out = 0
    if spec.kind in ("overview", "cross-actors", "state") and len(actors) > MAX_ACTORS:
        ranked = sorted(actors, key=lambda a: (-B.degree(a), B.nodes[a]["label"], a))
        left_out = len(actors) - MAX_ACTORS
        actors = set(ranked[:MAX_ACTORS])
        if spec.kind == "cross-actors":
            networks = {n for a in actors for n in B[a]}
    facts = _details(graph, networks | context | actors)
    nodes = _network_nodes(B, networks, context, facts, lang) + _actor_nodes(B, actors, facts, lang)
    found = overlaps if spec.kind == "overview" else None
    edges = _edges(B, networks, networks | context, actors, linked, facts, lang, found)

    name = spec.kind
    if spec.kind == "overview" and any(B.degree(a) < 2 for a in actors):
        name = "overview_all"
    if spec.kind in ("network", "actor"):
        title = focus
    elif spec.kind == "state":
        title = text["state"].format(land=vocab.laender.get(focus).label(lang))
    else:
        title = text[name]
    groups = [("network", text["networks"])]
    if context:
        groups.append(("other-network", _OTHER_NETWORKS[lang]))
    present = {n.group for n in nodes}
    groups += [
        (code, vocab.actor_types.get(code).label(lang))
        for code in vocab.actor_types.codes
        if code in present
    ]
    groups += [(g, g) for g in sorted(present - {g for g, _ in groups})]
    lands, laender = sorted({land for n in nodes for land in n.lands}), vocab.laender
    subtitle = text[f"{name}_sub"]
    if left_out:
        shown, every = (
            f"{n:,}".replace(",", "." if lang == "de" else ",")
            for n in (MAX_ACTORS, MAX_ACTORS + left_out)
        )
        subtitle += " " + text["capped"].format(shown=shown, all=every)
    return View(
        spec,
        lang,
        title,
        subtitle,
        nodes,
        edges,
        "betweenness" if facts.measured else "degree",
        groups,
        [(c, laender.get(c).label(lang) if c in laender.concepts else c) for c in lands],
    )


_OTHER_NETWORKS = {"de": "weitere Netzwerke", "en": "other networks"}
