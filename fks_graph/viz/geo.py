"""What the map page shows: networks at their Kreis or Land, links of shared actors, the Kreise."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache

import networkx as nx
import numpy as np
from rdflib import Graph

from fks_graph.analysis.bipartite import ACTOR, NETWORK, actor_network_graph, shared_neighbours
from fks_graph.core.errors import UsageError
from fks_graph.registries import laender, outlines
from fks_graph.sparql.run import select
from fks_graph.terms.vocab import vocabulary
from fks_graph.viz.views import network_tip

__all__ = [
    "MAX_LINKS",
    "MapKreis",
    "MapLink",
    "MapNetwork",
    "MapView",
    "map_of",
    "outline_paths",
    "place_of",
    "project",
]

#: At most this many links (the pairs of networks with the most shared actors) on a map: an
#: institution in 30 networks alone joins 435 pairs, and a browser draws some ten thousand
#: lines quickly, not a hundred thousand.
MAX_LINKS = 15000

#: At most this many actors are listed in a link's tooltip.
_TIP_ACTORS = 12

# The projection: equirectangular, longitudes shortened by the cosine of 51° N (the middle of
# Germany), 100 map units per degree of latitude, north up; the origin is north-west of Sylt.
_LON0, _LAT0 = 5.5, 55.2
_COS = math.cos(math.radians(51.0))
_UNITS = 100.0

#: Networks of the same place sit on a sunflower spiral around it, the n-th at
#: ``spacing * sqrt(n)`` map units (about a kilometre each): spacing is about the size of
#: their circles, at least ``_SPACING``, and at most what keeps the spiral within
#: ``_SPREAD`` units of a Kreis's point (a Land's: three times that).
_SPACING = 3.2
_SPREAD = 14.0
_GOLDEN = math.pi * (3 - math.sqrt(5))

_TEXT = {
    "de": {
        "title": "Karte: Netzwerke und ihre gemeinsamen Akteure",
        "subtitle": "Netzwerke an ihrem Kreis (sonst in der Mitte ihres Landes), Größe nach "
        "Mitgliederzahl; Linien verbinden Netzwerke mit gemeinsamen Akteuren. Hellblau: "
        "Kreise, die Region mindestens eines Netzwerks sind.",
        "placed_land": "Lage auf der Karte: Mitte des Landes (kein Kreis angegeben)",
        "placed_kreise": "Lage auf der Karte: Mitte ihrer Kreise",
        "placed_laender": "Lage auf der Karte: Mitte der Länder (kein Kreis angegeben)",
        "shared": "{n} gemeinsame Akteure",
        "shared_one": "1 gemeinsamer Akteur",
        "more": "… und {n} weitere",
        "kreis_networks": "Netzwerke: {n}",
        "capped": "Gezeigt: die {shown} Verbindungen mit den meisten gemeinsamen Akteuren "
        "(von {all}).",
        "unplaced": "{n} Netzwerke ohne Region und Land fehlen auf der Karte.",
    },
    "en": {
        "title": "Map: networks and their shared actors",
        "subtitle": "Networks at their Kreis (else in the middle of their Land), sized by "
        "number of members; lines join networks that share actors. Light blue: Kreise that "
        "are the region of at least one network.",
        "placed_land": "Place on the map: middle of the Land (no Kreis given)",
        "placed_kreise": "Place on the map: middle of its Kreise",
        "placed_laender": "Place on the map: middle of the Länder (no Kreis given)",
        "shared": "{n} shared actors",
        "shared_one": "1 shared actor",
        "more": "… and {n} more",
        "kreis_networks": "Networks: {n}",
        "capped": "Shown: the {shown} links with the most shared actors (of {all}).",
        "unplaced": "{n} networks without region and Land are not on the map.",
    },
}

# Region codes, region names and kinds of the networks (a network has one region at most;
# a region of several Kreise has their codes through its parts).
_NETWORKS = """
SELECT ?network ?code ?region ?kind WHERE {
  ?network a org:OrganizationalCollaboration .
  OPTIONAL {
    ?network fks:region ?r .
    OPTIONAL { ?r skos:notation|dct:hasPart/skos:notation ?code }
    OPTIONAL { ?r skos:prefLabel ?region }
  }
  OPTIONAL { ?network fks:networkKind ?k . ?k skos:notation ?kind }
}
"""


def project(lon: float, lat: float) -> tuple[float, float]:
    """Map units ``(x, y)`` of a point: equirectangular, scaled by cos 51°, north up.

    Examples
    --------
    >>> project(5.5, 55.2)
    (0.0, 0.0)
    >>> x, y = project(13.4, 52.5)  # Berlin
    >>> round(x, 1), round(y, 1)
    (497.2, 270.0)
    """
    return (lon - _LON0) * _COS * _UNITS, (_LAT0 - lat) * _UNITS


def _ring(points: list[list[float]]) -> str:
    coords = []
    for lon, lat in points:
        x, y = project(lon, lat)
        coords.append(f"{x:.1f} {y:.1f}")
    return "M" + " ".join(coords) + "Z"


@cache
def outline_paths(level: str) -> tuple[tuple[str, str, str, tuple[float, float]], ...]:
    """Each Kreis (by AGS) or Land (by ISO code) as ``(code, name, SVG path, label point)``.

    The path is in map units (see :func:`project`), one ``M…Z`` per ring; the label point
    is a point inside the outline (a centroid may lie outside: a Landkreis's centroid in
    the kreisfreie Stadt it surrounds, Brandenburg's in Berlin), in map units.

    Examples
    --------
    >>> kreise = outline_paths("kreise")
    >>> len(kreise), kreise[0][:2]
    (401, ('01001', 'Flensburg, Stadt'))
    >>> kreise[0][2].startswith("M") and kreise[0][2].endswith("Z")
    True
    """
    rows = []
    for feature in outlines(level)["features"]:  # type: ignore[arg-type]
        geometry = feature["geometry"]
        polygons = (
            geometry["coordinates"]
            if geometry["type"] == "MultiPolygon"
            else [geometry["coordinates"]]
        )
        path = "".join(_ring(ring) for polygon in polygons for ring in polygon)
        lon, lat = feature["properties"]["label_point"]
        rows.append((feature["id"], feature["properties"]["name"], path, project(lon, lat)))
    return tuple(sorted(rows))


@cache
def _points() -> tuple[dict[str, tuple[float, float]], dict[str, tuple[float, float]]]:
    kreise = {code: point for code, _, _, point in outline_paths("kreise")}
    by_land = {code: point for code, _, _, point in outline_paths("laender")}
    return kreise, by_land


def place_of(codes: set[str] | frozenset[str], lands: tuple[str, ...]) -> tuple[str, str] | None:
    """Where a network goes on the map: ``(how, key)`` from its region codes and Länder.

    ``("kreis", AGS)`` for a region whose code is the AGS of a Kreis, ``("kreise",
    "AGS|AGS")`` for a region of several Kreise (placed in their middle); ``("land", ISO)``
    for a region whose code is a Land's two-digit AGS, else for a network of one Land;
    ``("laender", "DE-XX|DE-YY")`` for a network of several Länder (placed in their
    middle); for a region code alone (no Land), the Land it lies in. ``None``: nowhere.

    Examples
    --------
    >>> place_of({"14522"}, ("DE-SN",)), place_of({"14522", "14511"}, ("DE-SN",))
    (('kreis', '14522'), ('kreise', '14511|14522'))
    >>> place_of({"14"}, ("DE-SN",)), place_of({"14999"}, ("DE-SN",))
    (('land', 'DE-SN'), ('land', 'DE-SN'))
    >>> place_of(set(), ("DE-BB", "DE-SN")), place_of({"DEA2D"}, ())
    (('laender', 'DE-BB|DE-SN'), ('land', 'DE-NW'))
    >>> place_of(set(), ()) is None
    True
    """
    kreise, _ = _points()
    found = sorted(code for code in codes if code in kreise)
    if len(found) > 1:  # a region of several Kreise: in their middle
        return "kreise", "|".join(found)
    if found:
        return "kreis", found[0]
    by_ags = {land.ags: land.code for land in laender()}
    found = sorted(by_ags[code] for code in codes if code in by_ags)
    if found:
        return "land", found[0]
    if len(lands) == 1:
        return "land", lands[0]
    if lands:
        return "laender", "|".join(sorted(lands))
    vocab = vocabulary()
    found = sorted(
        land.code for code in codes if (land := vocab.land_for_region_code(code)) is not None
    )
    return ("land", found[0]) if found else None


def _point(how: str, key: str) -> tuple[float, float]:
    kreise, by_land = _points()
    if how == "kreis":
        return kreise[key]
    where = kreise if how == "kreise" else by_land
    points = [where[code] for code in key.split("|") if code in where]
    return (
        sum(x for x, _ in points) / len(points),
        sum(y for _, y in points) / len(points),
    )


@dataclass(frozen=True, slots=True)
class MapNetwork:
    """A network on the map: its place (``how``: kreis, land or laender; ``key``: the AGS or
    ISO code(s)), position ``x``/``y`` in map units (place plus offset), colour keys
    (``land``: its Land, or ``several``; ``kind``: its kind's code or ``""``), number of
    members, the circle's radius in pixels (the map at its full view) and tooltip lines."""

    id: str
    label: str
    how: str
    key: str
    x: float
    y: float
    lands: tuple[str, ...]
    land: str
    kind: str
    members: int
    size: float
    tip: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class MapLink:
    """Two networks (indexes into :attr:`MapView.networks`) and their shared actors
    (indexes into :attr:`MapView.actors`)."""

    a: int
    b: int
    actors: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class MapKreis:
    """A Kreis of the map: AGS, name and the indexes of the networks placed in it."""

    ags: str
    name: str
    networks: tuple[int, ...]


@dataclass(slots=True)
class MapView:
    """The map of a graph, ready to draw."""

    lang: str
    title: str
    subtitle: str
    networks: list[MapNetwork]
    links: list[MapLink]
    actors: list[tuple[str, str]]  # (name, actor type code) of the linking actors
    kreise: list[MapKreis]
    unplaced: list[str] = field(default_factory=list)
    links_left_out: int = 0


def _network_facts(
    graph: Graph,
) -> tuple[dict[str, set[str]], dict[str, str], dict[str, str]]:
    """Per network: its region codes, its region's name and its kind (the first of each)."""
    codes: dict[str, set[str]] = defaultdict(set)
    region: dict[str, str] = {}
    kind: dict[str, str] = {}
    for network, code, region_name, kind_code in select(graph, _NETWORKS):
        if code:
            codes[network].add(code.strip())
        if region_name:
            region[network] = min(region_name, region.get(network, region_name))
        if kind_code:
            kind[network] = min(kind_code, kind.get(network, kind_code))
    return codes, region, kind


def _places(
    B: nx.Graph, codes: dict[str, set[str]]
) -> tuple[dict[tuple[str, str], list[str]], list[str]]:
    """The networks of each place (see :func:`place_of`), and the labels of those of none."""
    places: dict[tuple[str, str], list[str]] = defaultdict(list)
    unplaced = []
    for network, data in B.nodes(data=True):
        if data["bipartite"] != NETWORK:
            continue
        place = place_of(codes.get(network, set()), data["lands"])
        if place is None:
            unplaced.append(data["label"])
        else:
            places[place].append(network)
    return places, unplaced


def _placed(
    B: nx.Graph,
    places: dict[tuple[str, str], list[str]],
    region: dict[str, str],
    kind: dict[str, str],
    lang: str,
) -> list[MapNetwork]:
    """The networks drawn at their places, spread on a small spiral around each."""
    text, vocab = _TEXT[lang], vocabulary()
    networks: list[MapNetwork] = []
    top = max((B.degree(n) for group in places.values() for n in group), default=0)

    def size(network: str) -> float:
        return round(4 + 10 * math.sqrt(B.degree(network) / top), 2) if top else 4.0

    for (how, key), members in sorted(places.items()):
        cx, cy = _point(how, key)
        members.sort(key=lambda n: (-B.degree(n), B.nodes[n]["label"], n))
        spread = (
            _SPREAD * (1 if how.startswith("kreis") else 3) / math.sqrt(max(1, len(members) - 1))
        )
        mean = sum(size(n) for n in members) / len(members)
        spacing = max(_SPACING, min(1.7 * mean, spread))
        for i, network in enumerate(members):
            data = B.nodes[network]
            radius, angle = spacing * math.sqrt(i), i * _GOLDEN
            kind_code = kind.get(network, "")
            kind_label = (
                vocab.network_kinds.get(kind_code).label(lang)
                if kind_code in vocab.network_kinds.concepts
                else kind_code or None
            )
            tip = list(network_tip(B, network, region.get(network), lang, kind=kind_label))
            if how != "kreis":
                tip.append(text[f"placed_{how}"])  # where the network is drawn, and why
            networks.append(
                MapNetwork(
                    network,
                    data["label"],
                    how,
                    key,
                    round(cx + radius * math.cos(angle), 2),
                    round(cy + radius * math.sin(angle), 2),
                    data["lands"],
                    data["lands"][0] if len(data["lands"]) == 1 else "several",
                    kind_code,
                    B.degree(network),
                    size(network),
                    tuple(tip),
                )
            )
    return networks


def _links(
    B: nx.Graph, networks: list[MapNetwork]
) -> tuple[list[MapLink], list[tuple[str, str]], int]:
    """The links of the networks that share actors (at most :data:`MAX_LINKS`), the actors
    in several networks (label, type), and how many pairs share actors."""
    degree = dict(B.degree)  # one pass: a call of B.degree per node costs more than the lookup
    cross = sorted(a for a, d in B.nodes(data=True) if d["bipartite"] == ACTOR and degree[a] >= 2)
    actor_index = {a: i for i, a in enumerate(cross)}
    # the pairs of networks that share actors, counted by a sparse product (at national scale
    # there are hundreds of thousands); the actors only of the pairs drawn
    _, shared = shared_neighbours(B, [n.id for n in networks])
    # the most shared actors first (ties: by the networks' order); only the pairs at least
    # as strong as the MAX_LINKS-th are ordered (at 20,000 networks 33,000 of 7.3 million)
    strong = np.arange(len(shared.data))
    if len(strong) > MAX_LINKS:
        cut = np.partition(shared.data, len(strong) - MAX_LINKS)[len(strong) - MAX_LINKS]
        strong = np.flatnonzero(shared.data >= cut)
    ranked = np.lexsort((shared.col[strong], shared.row[strong], -shared.data[strong]))
    order = strong[ranked][:MAX_LINKS]
    links = []
    for a, b in sorted(zip(shared.row[order].tolist(), shared.col[order].tolist(), strict=True)):
        joint = set(B[networks[a].id]).intersection(B[networks[b].id])
        links.append(MapLink(a, b, tuple(sorted(actor_index[actor] for actor in joint))))
    actors = [(B.nodes[a]["label"], B.nodes[a]["type"] or "other") for a in cross]
    return links, actors, len(shared.data)


def _kreise(networks: list[MapNetwork]) -> list[MapKreis]:
    """Every Kreis with the networks placed in it."""
    in_kreis: dict[str, list[int]] = defaultdict(list)
    for i, network in enumerate(networks):
        if network.how in ("kreis", "kreise"):
            for code in network.key.split("|"):
                in_kreis[code].append(i)
    return [
        MapKreis(code, name, tuple(in_kreis.get(code, ())))
        for code, name, _, _ in outline_paths("kreise")
    ]


def map_of(graph: Graph, *, lang: str = "de", bipartite: nx.Graph | None = None) -> MapView:
    """The map of ``graph``: each network at its region, links of actors in several networks.

    A network sits at the label point (a point inside the outline) of the Kreis its region's
    ``skos:notation`` names (a five-digit AGS); else at that of its Land (a two-digit AGS as
    region code, or its ``fks:land``), or in the middle of its Länder (see
    :func:`place_of`). Networks of the same place are spread on a small spiral around it,
    the largest in the middle, in the same order on every run. Each pair of networks that
    shares actors in several networks is one link, with those actors (at most
    :data:`MAX_LINKS` links, those with the most shared actors). Each Kreis lists the
    networks placed in it.

    Parameters
    ----------
    graph : rdflib.Graph
        A graph as :func:`fks_graph.build_graph` builds it.
    lang : {"de", "en"}
        Language of titles and tooltips.
    bipartite : networkx.Graph, optional
        ``actor_network_graph(graph)`` when the caller has it already.

    Raises
    ------
    UsageError
        For an unknown language.

    Examples
    --------
    >>> from fks_graph import build_graph, read_dataset
    >>> view = map_of(build_graph(read_dataset("tests/fixtures/innovationstag-2014")))
    >>> sorted((n.how, n.key) for n in view.networks)  # these have no Kreis code
    [('laender', 'DE-BB|DE-SN'), ('land', 'DE-BY'), ('land', 'DE-MV'), ('land', 'DE-NW'), ('land', 'DE-NW')]
    >>> len(view.links), len(view.kreise)  # no actor in two of these networks
    (0, 401)
    """
    if lang not in _TEXT:
        raise UsageError(f"unknown language '{lang}' (expected de or en)")
    text = _TEXT[lang]
    B = actor_network_graph(graph) if bipartite is None else bipartite
    codes, region, kind = _network_facts(graph)
    places, unplaced = _places(B, codes)
    networks = _placed(B, places, region, kind, lang)
    links, actors, pairs = _links(B, networks)
    subtitle = text["subtitle"]
    left_out = max(0, pairs - MAX_LINKS)
    if left_out:
        subtitle += " " + text["capped"].format(shown=MAX_LINKS, all=pairs)
    if unplaced:
        subtitle += " " + text["unplaced"].format(n=len(unplaced))
    return MapView(
        lang,
        text["title"],
        subtitle,
        networks,
        links,
        actors,
        _kreise(networks),
        sorted(unplaced),
        left_out,
    )
