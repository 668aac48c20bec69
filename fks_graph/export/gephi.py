"""GraphML and GEXF files of a view for Gephi and networkx; GEXF plays memberships over time."""

from __future__ import annotations

import datetime
import os
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter
from rdflib import Graph

from fks_graph.core.atomic import atomic_write
from fks_graph.core.dates import parse_day
from fks_graph.core.text import printable
from fks_graph.export.views import Membership, read_memberships, view_graph

__all__ = ["Spell", "gexf_graph", "spell", "union", "write_gexf", "write_graphml"]

#: A time interval of GEXF: first and last day (``YYYY-MM-DD``), None for an open end.
Spell = tuple[str | None, str | None]

_DAY = datetime.timedelta(days=1)


def spell(membership: Membership) -> Spell:
    """The spell of a membership: its first and last day (a year spans 1 January–31 December).

    Examples
    --------
    >>> spell(Membership("m", "a", "n", since=2011, until=datetime.date(2015, 6, 30)))
    ('2011-01-01', '2015-06-30')
    >>> spell(Membership("m", "a", "n", until=2015))
    (None, '2015-12-31')
    """
    first, last = membership.first_day, membership.last_day
    return (
        None if first is None else first.isoformat(),
        None if last is None else last.isoformat(),
    )


def union(periods: Iterable[Spell]) -> list[Spell]:
    """The union of spells as the fewest disjoint spells, sorted; ``[]`` when it is all time.

    Spells that overlap or touch (one ends the day before the other begins) merge; a
    missing bound is open. A result that is open at both ends is all time, which GEXF
    says with no spells at all.

    Examples
    --------
    >>> union([("2014-01-01", "2015-12-31"), ("2011-01-01", "2013-12-31"), ("2018-01-01", None)])
    [('2011-01-01', '2015-12-31'), ('2018-01-01', None)]
    >>> union([(None, "2012-12-31"), ("2012-06-01", None)])
    []
    """
    low, high = datetime.date.min, datetime.date.max
    bounds = sorted(
        (
            low if start is None else parse_day(start),
            high if end is None else parse_day(end),
        )
        for start, end in periods
    )
    merged: list[list[datetime.date]] = []
    for start, end in bounds:
        if merged and (merged[-1][1] == high or start <= merged[-1][1] + _DAY):
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    result = [
        (None if start == low else start.isoformat(), None if end == high else end.isoformat())
        for start, end in merged
    ]
    return [] if result == [(None, None)] else result


def gexf_graph(graph: Graph, view: str = "bipartite") -> nx.Graph:
    """The view of :func:`~fks_graph.export.views.view_graph`, with GEXF spells added.

    Each membership's period becomes a spell of its actor–network edge, and the union of an
    actor's membership spells becomes the actor's spells (in the ``bipartite`` and the
    ``actors`` view), so that Gephi's timeline shows each actor and membership only while
    it exists. An edge or actor with a membership without any date has no spells: it is
    there all the time; so are networks.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from fks_graph.source import open_graph
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "networks.csv").write_text("id,name\\nN1,Nord\\nN2,Süd\\n", "utf-8")
    >>> _ = (folder / "memberships.csv").write_text(
    ...     "network_id,actor_name,actor_type,since,until\\nN1,IHK Köln,IHK,2011,2013\\n"
    ...     "N2,IHK Köln,IHK,2014-03-01,\\n", "utf-8")
    >>> G = gexf_graph(open_graph(folder))
    >>> actor = "https://w3id.org/fks-graph/data/actor/~ihk-koeln"
    >>> G.nodes[actor]["spells"]
    [('2011-01-01', '2013-12-31'), ('2014-03-01', None)]
    >>> G.edges[actor, "https://w3id.org/fks-graph/data/network/N2"]["spells"]
    [('2014-03-01', None)]
    """
    members = read_memberships(graph) if view in ("bipartite", "actors") else []
    G = view_graph(graph, view, memberships=members)
    by_pair: dict[tuple[str, str], list[Spell]] = defaultdict(list)
    for membership in members:
        by_pair[membership.actor, membership.network].append(spell(membership))
    by_actor: dict[str, list[Spell]] = defaultdict(list)
    for (actor, network), periods in by_pair.items():
        edge = union(periods)
        by_actor[actor].extend(edge or [(None, None)])
        if view == "bipartite" and edge and G.has_edge(actor, network):
            G.edges[actor, network]["spells"] = edge
    for actor, periods in by_actor.items():
        node = union(periods)
        if node and actor in G:
            G.nodes[actor]["spells"] = node
    return G


def write_gexf(graph: Graph, path: str | os.PathLike[str], view: str = "bipartite") -> list[Path]:
    """Write a view as GEXF 1.2 for Gephi, atomically; memberships over time as spells.

    The graph is ``mode="dynamic"`` with ``timeformat="date"`` when any membership has a
    date (see :func:`gexf_graph`); node ids are the IRIs, ``label`` the node label, and the
    other attributes typed GEXF attributes (``weight`` is the GEXF edge weight). The file
    is valid against the GEXF 1.2draft schema.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from fks_graph import build_graph, read_dataset
    >>> graph = build_graph(read_dataset("tests/fixtures/innovationstag-2014"))
    >>> (out,) = write_gexf(graph, pathlib.Path(tempfile.mkdtemp()) / "ecosystem.gexf")
    >>> G = nx.read_gexf(out)
    >>> G.number_of_nodes(), G.number_of_edges()
    (23, 18)
    >>> G.nodes["https://w3id.org/fks-graph/data/actor/ihk-aachen"]["label"]
    'IHK Aachen'
    """
    G = _printable(gexf_graph(graph, view))
    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    writer.add_graph(G)
    # networkx writes name="" on <graph>, which the GEXF 1.2draft schema does not allow
    writer.graph_element.attrib.pop("name", None)
    with atomic_write(path) as out:
        writer.write(out)
    return [Path(path)]


def _printable(G: nx.Graph) -> nx.Graph:
    """``G`` (changed in place) with its text attributes stripped of the characters XML
    cannot hold (:func:`~fks_graph.core.text.printable`): a graph read from a file may have
    them, and an XML writer would fail or write a file no parser reads."""
    attributes = [
        G.graph,
        *(d for _, d in G.nodes(data=True)),
        *(d for *_, d in G.edges(data=True)),
    ]
    for data in attributes:
        for name, value in data.items():
            if isinstance(value, str):
                data[name] = printable(value)
    return G


def _token_ids(G: nx.Graph) -> nx.Graph:
    """``G`` with nodes ``n0``, ``n1``, ... (in its order) that carry their IRI as ``iri``."""
    tokens = {node: f"n{number}" for number, node in enumerate(G)}
    T = nx.relabel_nodes(G, tokens, copy=True)
    for node, token in tokens.items():
        T.nodes[token]["iri"] = node
    return T


def write_graphml(
    graph: Graph, path: str | os.PathLike[str], view: str = "bipartite"
) -> list[Path]:
    """Write a view as GraphML (typed ``<key>`` attributes), atomically.

    GraphML node ids are XML name tokens (``xs:NMTOKEN``), which an IRI is not: nodes are
    ``n0``, ``n1``, ... and carry their IRI as the attribute ``iri``, so that the file is
    valid against the GraphML schema.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from fks_graph import build_graph, read_dataset
    >>> graph = build_graph(read_dataset("tests/fixtures/innovationstag-2014"))
    >>> (out,) = write_graphml(graph, pathlib.Path(tempfile.mkdtemp()) / "actors.graphml", "actors")
    >>> G = nx.read_graphml(out)
    >>> by_iri = {iri: node for node, iri in G.nodes(data="iri")}
    >>> G.nodes[by_iri["https://w3id.org/fks-graph/data/actor/ihk-aachen"]]["type"]
    'chamber_of_commerce'
    """
    G = _printable(_token_ids(view_graph(graph, view)))
    with atomic_write(path) as out:
        nx.write_graphml(G, out, encoding="utf-8", prettyprint=True, named_key_ids=True)
    return [Path(path)]
