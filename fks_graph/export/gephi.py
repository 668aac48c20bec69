"""GraphML and GEXF files of a view for Gephi and networkx; GEXF plays memberships over time."""

from __future__ import annotations

import datetime
import itertools
import os
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from xml.sax.saxutils import escape

import networkx as nx
from rdflib import Graph

from fks_graph.core.atomic import atomic_write
from fks_graph.core.dates import parse_day
from fks_graph.core.text import printable
from fks_graph.core.version import version
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
    is valid against the GEXF 1.2draft schema. It is written as it is made, a few thousand
    nodes at a time (see :func:`write_graphml`).

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
    return _write(path, _gexf(gexf_graph(graph, view)))


def write_graphml(
    graph: Graph, path: str | os.PathLike[str], view: str = "bipartite"
) -> list[Path]:
    """Write a view as GraphML (typed ``<key>`` attributes), atomically.

    GraphML node ids are XML name tokens (``xs:NMTOKEN``), which an IRI is not: nodes are
    ``n0``, ``n1``, ... and carry their IRI as the attribute ``iri``, so that the file is
    valid against the GraphML schema. Each attribute's ``<key>`` has the attribute's name as
    its id (prefixed with ``node.``, ``edge.`` or ``graph.`` when two of these share the
    name) and its type from the values: ``boolean``, ``long``, ``double`` when numbers with
    a fraction are among them, else ``string``, as networkx reads them back.

    The file is written as it is made, a few thousand nodes at a time, by string
    formatting with the standard library's XML escaping: networkx's writer builds an element
    per value and took three times as long (bench/README.md, "Seventh session").

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
    return _write(path, _graphml(view_graph(graph, view)))


# ------------------------------------------------------------------ writing XML as text

#: Nodes or edges whose text is made before it is written.
_BATCH = 4096
# XML escapes besides & < >: in text content a carriage return (a parser reads it as a line
# feed); in attribute values also the quote, line feed and tab (a parser reads them as spaces)
_IN_TEXT = {"\r": "&#13;"}
_IN_ATTRIBUTE = {'"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}


def _text(value: object) -> str:
    """A value as XML element content: text without what XML cannot hold, escaped."""
    if isinstance(value, bool | int | float):  # nothing to escape
        return _value(value)
    return escape(printable(str(value)), _IN_TEXT)


def _attribute(value: object) -> str:
    """A value as an XML attribute value in double quotes: likewise."""
    if isinstance(value, bool | int | float):
        return _value(value)
    return escape(printable(str(value)), _IN_ATTRIBUTE)


def _value(value: float) -> str:
    """A boolean or number as XML Schema writes it: ``true``/``false``, numbers as Python does."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value) if isinstance(value, float) else str(value)


def _types(items: Iterable[dict], skip: frozenset[str] = frozenset()) -> dict[str, str]:
    """Attribute name -> the XML Schema type of its values over ``items``, in first-seen order.

    ``boolean`` when all are booleans, ``long`` when all are integers, ``double`` when all
    are numbers, else ``string``.
    """
    seen: dict[str, set[type]] = {}
    for data in items:
        for name, value in data.items():
            if name not in skip:
                seen.setdefault(name, set()).add(type(value))
    return {name: _type(kinds) for name, kinds in seen.items()}


def _type(kinds: set[type]) -> str:
    if kinds == {bool}:
        return "boolean"
    if kinds == {int}:
        return "long"
    return "double" if kinds <= {int, float} else "string"


def _write(path: str | os.PathLike[str], parts: Iterable[str]) -> list[Path]:
    """Write the parts of a document as UTF-8, atomically."""
    with atomic_write(path) as out:
        for part in parts:
            out.write(part.encode("utf-8"))
    return [Path(path)]


def _batches(lines: Iterable[str]) -> Iterator[str]:
    """``lines`` joined into texts of :data:`_BATCH` lines, each written at once."""
    lines = iter(lines)
    while batch := list(itertools.islice(lines, _BATCH)):
        yield "".join(batch)


_GRAPHML = (
    "<?xml version='1.0' encoding='utf-8'?>\n"
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
    'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
)


def _graphml(G: nx.Graph) -> Iterator[str]:
    """The GraphML document of ``G``, in parts (see :func:`write_graphml`)."""
    token = {node: f"n{number}" for number, node in enumerate(G)}
    domains = {
        "graph": _types([G.graph]),
        "node": {**_types(d for _, d in G.nodes(data=True)), "iri": "string"},
        "edge": _types(d for *_, d in G.edges(data=True)),
    }
    names = Counter(name for types in domains.values() for name in types)
    keys = {  # escaped once here, not at each value
        domain: {
            name: _attribute(name if names[name] == 1 else f"{domain}.{name}") for name in types
        }
        for domain, types in domains.items()
    }

    def data(domain: str, values: dict, indent: str) -> str:
        ids = keys[domain]
        return "".join(
            f'{indent}<data key="{ids[name]}">{_text(value)}</data>\n'
            for name, value in values.items()
        )

    yield _GRAPHML + "".join(
        f'<key id="{keys[domain][name]}" for="{domain}" '
        f'attr.name="{_attribute(name)}" attr.type="{kind}"/>\n'
        for domain, types in domains.items()
        for name, kind in types.items()
    )
    yield '<graph edgedefault="undirected">\n' + data("graph", G.graph, "")
    yield from _batches(
        f'<node id="{token[node]}">\n'
        + data("node", {**values, "iri": str(node)}, "  ")
        + "</node>\n"
        for node, values in G.nodes(data=True)
    )
    yield from _batches(
        f'<edge source="{token[u]}" target="{token[v]}"'
        + (f">\n{data('edge', values, '  ')}</edge>\n" if values else "/>\n")
        for u, v, values in G.edges(data=True)
    )
    yield "</graph>\n</graphml>\n"


_GEXF = (
    "<?xml version='1.0' encoding='utf-8'?>\n"
    '<gexf xmlns="http://www.gexf.net/1.2draft" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" '
    'version="1.2">\n'
)
# node and edge data that GEXF writes as attributes of the element itself, not as attvalues
_OWN = frozenset({"label", "weight", "spells"})


def _spells(spells: list[Spell], indent: str) -> str:
    """A node's or edge's spells; an open bound is left out."""

    def bound(name: str, day: str | None) -> str:
        return "" if day is None else f' {name}="{_attribute(day)}"'

    return (
        f"{indent}<spells>\n"
        + "".join(
            f"{indent}  <spell{bound('start', start)}{bound('end', end)}/>\n"
            for start, end in spells
        )
        + f"{indent}</spells>\n"
    )


def _gexf(G: nx.Graph) -> Iterator[str]:
    """The GEXF 1.2draft document of ``G``, in parts (see :func:`write_gexf`)."""
    nodes = G.nodes(data=True)
    edges = G.edges(data=True)
    types = {
        "node": _types((d for _, d in nodes), _OWN),
        "edge": _types((d for *_, d in edges), _OWN),
    }
    dynamic = any("spells" in d for _, d in nodes) or any("spells" in d for *_, d in edges)
    number = itertools.count()
    ids = {domain: {name: str(next(number)) for name in kinds} for domain, kinds in types.items()}

    def values(domain: str, data: dict, indent: str) -> str:
        """A node's or edge's attvalues and spells, each only when it has any."""
        found = [(name, value) for name, value in data.items() if name not in _OWN]
        attvalues = "".join(
            f'{indent}  <attvalue for="{ids[domain][name]}" value="{_attribute(value)}"/>\n'
            for name, value in found
        )
        spells = data.get("spells")
        return (f"{indent}<attvalues>\n{attvalues}{indent}</attvalues>\n" if found else "") + (
            _spells(spells, indent) if spells else ""
        )

    yield (
        _GEXF
        + f'  <meta lastmodifieddate="{datetime.date.today().isoformat()}">\n'
        + f"    <creator>fks-graph {_attribute(version())}</creator>\n  </meta>\n"
        + '  <graph defaultedgetype="undirected" '
        + ('mode="dynamic" timeformat="date">\n' if dynamic else 'mode="static">\n')
        + "".join(
            f'    <attributes mode="static" class="{domain}">\n'
            + "".join(
                f'      <attribute id="{ids[domain][name]}" title="{_attribute(name)}" type="{kind}"/>\n'
                for name, kind in kinds.items()
            )
            + "    </attributes>\n"
            for domain, kinds in types.items()
            if kinds
        )
        + "    <nodes>\n"
    )
    yield from _batches(
        f'      <node id="{_attribute(str(node))}" label="{_attribute(str(data.get("label", node)))}">\n'
        + values("node", data, "        ")
        + "      </node>\n"
        for node, data in nodes
    )
    yield "    </nodes>\n    <edges>\n"
    yield from _batches(
        f'      <edge id="{number}" source="{_attribute(str(u))}" target="{_attribute(str(v))}"'
        + ("" if "label" not in data else f' label="{_attribute(str(data["label"]))}"')
        + ("" if "weight" not in data else f' weight="{_value(data["weight"])}"')
        + ">\n"
        + values("edge", data, "        ")
        + "      </edge>\n"
        for number, (u, v, data) in enumerate(edges)
    )
    yield "    </edges>\n  </graph>\n</gexf>\n"
