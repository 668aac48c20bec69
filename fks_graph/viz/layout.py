"""Starting positions of a page's nodes: networks on a map of the Länder, actors among their networks."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import replace

from fks_graph.viz.views import View

__all__ = ["ANCHORS", "lay_out"]

#: Where each Land's networks are drawn: an approximate point inside the Land on a map of
#: Germany (longitude, latitude in degrees), so that the page reads like a map. Berlin's
#: and Brandenburg's points are set apart (Brandenburg's to the south-east of Berlin).
ANCHORS: dict[str, tuple[float, float]] = {
    "DE-SH": (9.8, 54.2),
    "DE-HH": (10.0, 53.55),
    "DE-MV": (12.6, 53.8),
    "DE-HB": (8.8, 53.1),
    "DE-NI": (9.6, 52.6),
    "DE-BE": (13.4, 52.52),
    "DE-BB": (13.9, 51.95),
    "DE-ST": (11.7, 52.0),
    "DE-NW": (7.6, 51.5),
    "DE-SN": (13.3, 51.0),
    "DE-TH": (11.0, 50.9),
    "DE-HE": (9.0, 50.6),
    "DE-RP": (7.4, 49.9),
    "DE-SL": (6.95, 49.35),
    "DE-BY": (11.5, 48.9),
    "DE-BW": (9.0, 48.6),
}
_NOWHERE = (5.5, 47.6)  # networks without a Land: south-west, off the map
_CENTRE = (10.4, 51.2)
_GOLDEN = math.pi * (3 - math.sqrt(5))
_NETWORK_SPACING = 42.0
_ACTOR_SPACING = 16.0


def _spiral(index: int, spacing: float) -> tuple[float, float]:
    """The ``index``-th point of a sunflower spiral: even density, no two points alike."""
    radius = spacing * math.sqrt(index + 0.5)
    angle = index * _GOLDEN
    return radius * math.cos(angle), radius * math.sin(angle)


def _map_point(lands: tuple[str, ...], scale: float) -> tuple[float, float]:
    points = [ANCHORS.get(land, _NOWHERE) for land in lands] or [_NOWHERE]
    lon = sum(p[0] for p in points) / len(points)
    lat = sum(p[1] for p in points) / len(points)
    # equirectangular at 51° N: a degree of longitude is 0.63 of one of latitude
    return (lon - _CENTRE[0]) * 0.63 * scale, (_CENTRE[1] - lat) * scale


def lay_out(view: View) -> View:
    """The view with every node at a deterministic starting position (pixels).

    Networks are grouped by Land and each group is drawn as a sunflower spiral (largest
    network first) around its Land's point on a map of Germany (:data:`ANCHORS`); the map is
    scaled so that the largest group does not swallow its neighbours. Each actor starts at
    the centre of its networks, its twins (actors with the same networks) on a small spiral
    around that point. The page's physics then only has to settle the picture, and the
    same view always starts from the same picture.

    Examples
    --------
    >>> from fks_graph import build_graph, read_dataset
    >>> from fks_graph.viz.views import view_of
    >>> view = lay_out(view_of(build_graph(read_dataset("tests/fixtures/innovationstag-2014"))))
    >>> len({(n.x, n.y) for n in view.nodes}) == len(view.nodes)
    True
    >>> lay_out(view) == view
    True
    """
    networks = [n for n in view.nodes if n.group in ("network", "other-network")]
    groups: dict[tuple[str, ...], list] = defaultdict(list)
    for node in networks:
        groups[node.lands].append(node)
    biggest = max((len(g) for g in groups.values()), default=1)
    scale = 1.3 * _NETWORK_SPACING * math.sqrt(biggest) + 60
    position: dict[str, tuple[float, float]] = {}
    for lands, members in sorted(groups.items()):
        cx, cy = _map_point(lands, scale)
        for index, node in enumerate(sorted(members, key=lambda n: (-n.size, n.id))):
            dx, dy = _spiral(index, _NETWORK_SPACING)
            position[node.id] = (cx + dx, cy + dy)
    around: dict[str, list[str]] = defaultdict(list)
    for edge in view.edges:
        if edge.kind == "member":
            around[edge.source].append(edge.target)
    twins: dict[tuple[str, ...], int] = defaultdict(int)
    for node in view.nodes:
        if node.id in position:
            continue
        anchors = tuple(sorted(around.get(node.id, ())))
        points = [position[a] for a in anchors if a in position] or [(0.0, 0.0)]
        cx = sum(p[0] for p in points) / len(points)
        cy = sum(p[1] for p in points) / len(points)
        index = twins[anchors]
        twins[anchors] += 1
        # offset from the centre: keeps an actor of one network off its network's node
        dx, dy = _spiral(index + 3, _ACTOR_SPACING)
        position[node.id] = (cx + dx, cy + dy)
    nodes = [
        replace(node, x=round(position[node.id][0], 1), y=round(position[node.id][1], 1))
        for node in view.nodes
    ]
    return replace(view, nodes=nodes)
