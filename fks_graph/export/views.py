"""The three networkx views of a graph (bipartite, actors, networks) with flat, typed attributes."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import networkx as nx
from rdflib import Graph
from rdflib.namespace import XSD

from fks_graph.analysis.bipartite import (
    ACTOR,
    NETWORK,
    actor_network_graph,
    node_sets,
    weighted_projection,
)
from fks_graph.analysis.to_rdf import METRIC
from fks_graph.core.dates import parse_day
from fks_graph.core.errors import UsageError
from fks_graph.sparql.run import select

__all__ = [
    "EDGE_ATTRIBUTES",
    "NODE_ATTRIBUTES",
    "VIEWS",
    "Measures",
    "Membership",
    "Value",
    "check_view",
    "read_measures",
    "read_memberships",
    "view_graph",
]

#: The views: the actor–network graph, and its projections onto actors and onto networks.
VIEWS = ("bipartite", "actors", "networks")

#: Node attributes in the order tables show them; the measures of the analysis follow.
NODE_ATTRIBUTES = (
    "label",
    "kind",
    "bipartite",
    "identifier",
    "type",
    "land",
    "city",
    "registry",
    "code",
    "region_code",
)

#: Edge attributes in the order tables show them (bipartite: memberships; projections: weight).
EDGE_ATTRIBUTES = ("role", "since", "until", "memberships", "weight")

#: A measured value, as the analysis types it (xsd:boolean, xsd:integer, xsd:double).
Value = bool | int | float | str

_KINDS = {ACTOR: "actor", NETWORK: "network"}

# One row per membership (more for a membership with several roles or dates).
_MEMBERSHIPS = """
SELECT ?membership ?actor ?network ?role ?interval
       ?begin ?begin_value (DATATYPE(?begin_value) AS ?begin_type)
       ?end ?end_value (DATATYPE(?end_value) AS ?end_type) WHERE {
  ?membership org:member ?actor ; org:organization ?network .
  OPTIONAL { ?membership org:role/skos:notation ?role }
  OPTIONAL {
    ?membership org:memberDuring ?interval .
    OPTIONAL { ?interval time:hasBeginning ?begin .
               OPTIONAL { ?begin time:inXSDDate|time:inXSDgYear ?begin_value } }
    OPTIONAL { ?interval time:hasEnd ?end .
               OPTIONAL { ?end time:inXSDDate|time:inXSDgYear ?end_value } }
  }
}
"""

# One row per measured node: a measurement of a pair has two rows.
_MEASURES = """
SELECT ?measurement ?node ?metric ?value (DATATYPE(?value) AS ?type) ?started WHERE {
  ?measurement fks:measureOf ?node ; fks:metric ?metric ; fks:value ?value .
  OPTIONAL { ?measurement prov:wasGeneratedBy/prov:startedAtTime ?started }
}
"""

# official codes, to join the tables with official statistics: an actor's registry entry (its
# registry's name and code), a network's region code (AGS or NUTS)
_CODES = """
SELECT ?node ?registry ?code ?region_code WHERE {
  { ?node fks:registryEntry ?entry . ?entry skos:notation ?code ; skos:inScheme ?scheme .
    BIND(REPLACE(STR(?scheme), "^.*/", "") AS ?registry) }
  UNION
  { ?node a org:OrganizationalCollaboration ;
          fks:region/(skos:notation|dct:hasPart/skos:notation) ?region_code }
}
"""


def _moment(value: str | None, datatype: str | None) -> int | datetime.date | None:
    """An ``xsd:gYear`` as its year, an ``xsd:date`` as a date; None for anything else."""
    if value is None:
        return None
    try:
        if datatype == str(XSD.gYear):
            return int(value)
        return parse_day(value)
    except ValueError:
        return None


def _text(moment: int | datetime.date) -> str:
    return f"{moment:04d}" if isinstance(moment, int) else moment.isoformat()


@dataclass(frozen=True, slots=True)
class Membership:
    """One ``org:Membership`` of an actor in a network, with its role and period.

    ``since`` and ``until`` are a year (``int``, from ``xsd:gYear``) or a day
    (``datetime.date``, from ``xsd:date``), or None when the period is open at that end.
    ``interval``, ``begin`` and ``end`` are the IRIs of the ``time:Interval`` and its
    ``time:Instant`` nodes, when the graph has them.

    Examples
    --------
    >>> m = Membership("m", "a", "n", "partner", since=2011, until=datetime.date(2015, 6, 30))
    >>> m.first_day, m.last_day, m.since_text, m.until_text
    (datetime.date(2011, 1, 1), datetime.date(2015, 6, 30), '2011', '2015-06-30')
    >>> Membership("m", "a", "n", until=2015).last_day
    datetime.date(2015, 12, 31)
    """

    iri: str
    actor: str
    network: str
    role: str | None = None
    since: int | datetime.date | None = None
    until: int | datetime.date | None = None
    interval: str | None = None
    begin: str | None = None
    end: str | None = None

    @property
    def first_day(self) -> datetime.date | None:
        """The first day of the membership: 1 January of a year; None when open."""
        if isinstance(self.since, int):
            return datetime.date(self.since, 1, 1)
        return self.since

    @property
    def last_day(self) -> datetime.date | None:
        """The last day of the membership: 31 December of a year; None when open."""
        if isinstance(self.until, int):
            return datetime.date(self.until, 12, 31)
        return self.until

    @property
    def since_text(self) -> str | None:
        """``since`` as the graph writes it (``2011`` or ``2013-05-01``)."""
        return None if self.since is None else _text(self.since)

    @property
    def until_text(self) -> str | None:
        """``until`` as the graph writes it."""
        return None if self.until is None else _text(self.until)


def read_memberships(graph: Graph) -> list[Membership]:
    """The memberships of ``graph`` (one SPARQL query), sorted by network, actor and IRI.

    A membership with several roles gets the first role code in alphabetical order.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from fks_graph.source import open_graph
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "networks.csv").write_text("id,name,state\\nN1,Nord,NRW\\n", "utf-8")
    >>> _ = (folder / "memberships.csv").write_text(
    ...     "network_id,actor_name,actor_type,role,since,until\\n"
    ...     "N1,IHK Aachen,IHK,coordinator,2011,2014-06-30\\n", "utf-8")
    >>> (m,) = read_memberships(open_graph(folder))
    >>> m.network, m.role, m.since, m.until
    ('https://w3id.org/fks-graph/data/network/N1', 'coordinator', 2011, datetime.date(2014, 6, 30))
    """
    found: dict[str, Membership] = {}
    for row in select(graph, _MEMBERSHIPS):
        iri, actor, network, role, interval, begin, begin_value, begin_type = row[:8]
        end, end_value, end_type = row[8:]
        membership = Membership(
            iri,
            actor,
            network,
            role,
            _moment(begin_value, begin_type),
            _moment(end_value, end_type),
            interval,
            begin,
            end,
        )
        known = found.get(iri)
        if known is None or (role is not None and (known.role is None or role < known.role)):
            found[iri] = membership
    return sorted(found.values(), key=lambda m: (m.network, m.actor, m.iri))


@dataclass(frozen=True)
class Measures:
    """The measures of the analysis in a graph: by node, and by pair of nodes.

    ``nodes[iri][metric]`` is a value of one node (``degree``, ``betweenness``, ...);
    ``pairs[(a, b)][metric]`` a value of a pair with ``a < b`` (``jaccard``). When the graph
    holds several analysis runs, the latest run's value counts.
    """

    nodes: dict[str, dict[str, Value]] = field(default_factory=dict)
    pairs: dict[tuple[str, str], dict[str, Value]] = field(default_factory=dict)

    @property
    def metrics(self) -> tuple[str, ...]:
        """The metrics of single nodes, sorted."""
        return tuple(sorted({metric for values in self.nodes.values() for metric in values}))


_CONVERT = {
    str(XSD.boolean): lambda text: text in ("true", "1"),
    **{str(XSD[name]): int for name in ("integer", "int", "long")},
    **{str(XSD[name]): float for name in ("double", "float", "decimal")},
}


def read_measures(graph: Graph) -> Measures:
    """The ``fks:Measurement`` values in ``graph`` (one SPARQL query), typed.

    Empty for a graph that was not analysed (see :func:`fks_graph.analysis.run.analyse`).

    Examples
    --------
    >>> import tempfile
    >>> from fks_graph import build_graph, read_dataset
    >>> from fks_graph.analysis.run import add_measurements, analyse
    >>> graph = build_graph(read_dataset("tests/fixtures/innovationstag-2014"))
    >>> read_measures(graph).nodes
    {}
    >>> _ = add_measurements(graph, analyse(graph, tempfile.mkdtemp()))
    >>> measures = read_measures(graph)
    >>> {"betweenness", "degree"} <= set(measures.metrics)
    True
    >>> measures.nodes["https://w3id.org/fks-graph/data/network/switch-aachen"]["degree"]
    7
    """
    prefix = str(METRIC)
    of: dict[str, list[str]] = defaultdict(list)
    facts: dict[str, tuple[str, str, Value]] = {}
    for measurement, node, metric, value, datatype, started in select(graph, _MEASURES):
        if not metric.startswith(prefix):
            continue
        of[measurement].append(node)
        convert = _CONVERT.get(datatype, str)
        facts[measurement] = (started or "", metric[len(prefix) :], convert(value))
    result = Measures()
    # the latest run last, so that its values win
    for measurement, (_, metric, value) in sorted(facts.items(), key=lambda item: item[1][0]):
        nodes = sorted(set(of[measurement]))
        if len(nodes) == 1:
            result.nodes.setdefault(nodes[0], {})[metric] = value
        elif len(nodes) == 2:
            result.pairs.setdefault((nodes[0], nodes[1]), {})[metric] = value
    return result


def check_view(view: str) -> str:
    """``view`` if it is one of :data:`VIEWS`; else a :class:`UsageError`.

    Examples
    --------
    >>> check_view("actors")
    'actors'
    >>> check_view("people")
    Traceback (most recent call last):
    ...
    fks_graph.core.errors.UsageError: unknown projection 'people' (expected bipartite, actors or networks)
    """
    if view not in VIEWS:
        raise UsageError(f"unknown projection '{view}' (expected bipartite, actors or networks)")
    return view


def _edge_attributes(members: Iterable[Membership]) -> dict[str, Value]:
    """The attributes of the edge of several memberships of one actor in one network."""
    members = list(members)
    if not members:
        return {}
    data: dict[str, Value] = {"memberships": len(members)}
    roles = sorted({m.role for m in members if m.role is not None})
    if roles:
        data["role"] = "|".join(roles)
    if all(m.since is not None for m in members):
        data["since"] = min(members, key=lambda m: m.first_day).since_text
    if all(m.until is not None for m in members):
        data["until"] = max(members, key=lambda m: m.last_day).until_text
    return data


def view_graph(
    graph: Graph,
    view: str = "bipartite",
    *,
    memberships: list[Membership] | None = None,
    measures: Measures | None = None,
) -> nx.Graph:
    """One view of ``graph`` as a networkx graph whose attributes every exporter can write.

    Node ids are the IRIs. No attribute is a list or None (the GraphML and GEXF writers
    reject both): a missing value is left out, several Länder are joined with ``|``.

    Node attributes: ``label`` (``skos:prefLabel``, else the IRI), ``kind`` (``actor`` or
    ``network``), ``bipartite`` (0 or 1, as :mod:`networkx.algorithms.bipartite` expects),
    ``identifier`` (``dct:identifier``), ``type`` (actor type code), ``land`` (ISO codes),
    ``city`` (actors; the first by name of several), ``registry`` and ``code`` (an actor's
    official registry entry, e.g. ``ihk`` and ``144``), ``region_code`` (a network's AGS or NUTS code; the Kreise of a region
    of several, joined with ``|``), and the measures of
    the analysis when the graph has them
    (``degree``, ``betweenness``, ``community``, ``component``, ``land_span``, ``broker``).

    Edges of ``bipartite`` (an actor's memberships in a network): ``memberships`` (how
    many), ``role`` (codes joined with ``|``), ``since`` (the earliest beginning, when no
    membership is open at the beginning) and ``until`` (the latest end, likewise). Edges of
    ``actors`` and ``networks``: ``weight``, the number of shared networks or members;
    ``networks`` edges also carry ``jaccard`` when the graph has the analysis results.

    Parameters
    ----------
    graph : rdflib.Graph
        A graph as :func:`fks_graph.build_graph` builds it (with the analysis results of
        :func:`fks_graph.analysis.run.analyse` if wanted).
    view : str
        ``bipartite`` (actors and networks), ``actors`` or ``networks`` (see :data:`VIEWS`).
    memberships : list of Membership, optional
        The memberships, if already read with :func:`read_memberships` (saves a query).
    measures : Measures, optional
        The measures, if already read with :func:`read_measures` (saves a query).

    Returns
    -------
    networkx.Graph
        Nodes: networks, then actors, each sorted by IRI (projections: the one side).

    Raises
    ------
    UsageError
        An unknown view.

    Examples
    --------
    >>> from fks_graph import build_graph, read_dataset
    >>> graph = build_graph(read_dataset("tests/fixtures/innovationstag-2014"))
    >>> B = view_graph(graph)
    >>> ihk = "https://w3id.org/fks-graph/data/actor/ihk-aachen"
    >>> B.nodes[ihk]
    {'label': 'IHK Aachen', 'kind': 'actor', 'bipartite': 0, 'identifier': 'ihk-aachen', 'type': 'chamber_of_commerce', 'land': 'DE-NW', 'city': 'Aachen', 'registry': 'ihk', 'code': '101'}
    >>> B.edges[ihk, "https://w3id.org/fks-graph/data/network/switch-aachen"]
    {'memberships': 1, 'role': 'partner'}
    >>> networks = view_graph(graph, "networks")
    >>> networks.number_of_nodes(), networks.number_of_edges()
    (5, 0)
    """
    check_view(view)
    B = actor_network_graph(graph)
    codes: dict[str, dict[str, Value]] = defaultdict(dict)
    for node, registry, code, region_code in select(graph, _CODES):
        for name, value in (("registry", registry), ("code", code)):
            if value:
                codes[node][name] = value
        if region_code:  # a region of several Kreise: their codes, joined with "|"
            known = str(codes[node].get("region_code", "")).split("|")
            codes[node]["region_code"] = "|".join(sorted({*known, region_code} - {""}))
    measured = read_measures(graph) if measures is None else measures
    G = nx.Graph(name=f"fks-graph {view}")
    for node, data in B.nodes(data=True):
        attributes: dict[str, Value] = {
            "label": data["label"],
            "kind": _KINDS[data["bipartite"]],
            "bipartite": data["bipartite"],
        }
        if data["id"] is not None:
            attributes["identifier"] = data["id"]
        if data.get("type") is not None:
            attributes["type"] = data["type"]
        if data["lands"]:
            attributes["land"] = "|".join(data["lands"])
        if data.get("city") is not None:  # the actor–network graph's (the least of several)
            attributes["city"] = data["city"]
        attributes.update(codes.get(node, {}))
        attributes.update(measured.nodes.get(node, {}))
        G.add_node(node, **attributes)
    if view == "bipartite":
        by_pair: dict[tuple[str, str], list[Membership]] = defaultdict(list)
        for m in read_memberships(graph) if memberships is None else memberships:
            by_pair[m.actor, m.network].append(m)
        for u, v in B.edges:
            actor, network = (u, v) if B.nodes[u]["bipartite"] == ACTOR else (v, u)
            G.add_edge(actor, network, **_edge_attributes(by_pair[actor, network]))
        return G
    G.add_edges_from(B.edges)
    actors, networks = node_sets(G)
    side = actors if view == "actors" else networks
    P = weighted_projection(G, [node for node in G if node in side])
    if view == "networks":
        for (a, b), values in measured.pairs.items():
            if "jaccard" in values and P.has_edge(a, b):
                P.edges[a, b]["jaccard"] = values["jaccard"]
    return P
