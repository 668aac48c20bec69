"""The texts of the graph pages and the map, in German and English."""

from __future__ import annotations

__all__ = ["MAP_SEARCH_HINT", "UI"]

#: The pages' texts by language; ``{…}`` fields are filled in by :mod:`fks_graph.viz.page`.
UI: dict[str, dict[str, str]] = {
    "de": {
        "search": "Suchen",
        "search_hint": "Name eines Netzwerks oder Akteurs",
        "find": "Finden",
        "found": "Gefunden",
        "not_found": "Kein Knoten mit diesem Namen",
        "legend": "Legende und Filter",
        "edges": "Kanten",
        "land": "Land",
        "all_laender": "alle Länder",
        "reset": "Zurücksetzen",
        "help": "Mausrad: zoomen · Ziehen: verschieben · Zeigen: Details",
        "member": "Mitgliedschaft",
        "shared": "gemeinsame Mitglieder (Breite: Anzahl)",
        "size_betweenness": "Größe: Betweenness der Akteure, Mitgliederzahl der Netzwerke.",
        "size_degree": "Größe: Zahl der Netzwerke eines Akteurs, Mitgliederzahl der Netzwerke.",
        "counts": "{nodes} Knoten, {edges} Kanten",
        "colour": "Farbe der Netzwerke",
        "by_land": "nach Land",
        "by_kind": "nach Art",
        "several": "mehrere Länder",
        "no_kind": "ohne Angabe",
        "near": "gestrichelt: ohne Kreis, in der Mitte des Landes",
        "kreis_with": "Kreis als Region eines Netzwerks",
        "kreis_without": "Kreis ohne Netzwerk mit dieser Region",
        "links": "Verbindungen",
        "links_note": "Akteure in mehreren Netzwerken, nach Typ:",
        "size_map": "Größe: Mitgliederzahl der Netzwerke; Linienbreite: Zahl der gemeinsamen "
        "Akteure.",
        "map_help": "Mausrad: zoomen · Ziehen: verschieben · Zeigen: Details",
        "map_counts": "{networks} Netzwerke ({in_kreis} an ihrem Kreis), {links} Verbindungen "
        "durch {actors} Akteure in mehreren Netzwerken; {kreise} von {all_kreise} Kreisen sind "
        "Region eines Netzwerks",
        "map_not_found": "Kein Netzwerk oder Akteur mit diesem Namen",
        "map_shared": "{n} gemeinsame Akteure",
        "map_shared_one": "1 gemeinsamer Akteur",
        "more": "… und {n} weitere",
        "kreis_networks": "Netzwerke: {n}",
        "attribution": "Verwaltungsgrenzen: © GeoBasis-DE / BKG (2021), dl-de/by-2-0 · "
        "Kreise: © Statistisches Bundesamt (Destatis), 2017",
    },
    "en": {
        "search": "Search",
        "search_hint": "Name of a network or actor",
        "find": "Find",
        "found": "Found",
        "not_found": "No node of that name",
        "legend": "Legend and filters",
        "edges": "Edges",
        "land": "Land",
        "all_laender": "all Länder",
        "reset": "Reset",
        "help": "Wheel: zoom · drag: pan · hover: details",
        "member": "membership",
        "shared": "shared members (width: number)",
        "size_betweenness": "Size: betweenness of actors, number of members of networks.",
        "size_degree": "Size: number of networks of an actor, number of members of networks.",
        "counts": "{nodes} nodes, {edges} edges",
        "colour": "Colour of networks",
        "by_land": "by Land",
        "by_kind": "by kind",
        "several": "several Länder",
        "no_kind": "not given",
        "near": "dashed: no Kreis given, in the middle of the Land",
        "kreis_with": "Kreis that is a network's region",
        "kreis_without": "Kreis that is no network's region",
        "links": "Links",
        "links_note": "Actors in several networks, by type:",
        "size_map": "Size: number of members of a network; line width: number of shared actors.",
        "map_help": "Wheel: zoom · drag: pan · hover: details",
        "map_counts": "{networks} networks ({in_kreis} at their Kreis), {links} links by "
        "{actors} actors in several networks; {kreise} of {all_kreise} Kreise are a network's "
        "region",
        "map_not_found": "No network or actor of that name",
        "map_shared": "{n} shared actors",
        "map_shared_one": "1 shared actor",
        "more": "… and {n} more",
        "kreis_networks": "Networks: {n}",
        "attribution": "Administrative boundaries: © GeoBasis-DE / BKG (2021), dl-de/by-2-0 · "
        "Kreise: © Statistisches Bundesamt (Destatis), 2017",
    },
}

#: The map's search hint (the map finds networks and the actors that link them).
MAP_SEARCH_HINT: dict[str, str] = {
    "de": "Name eines Netzwerks oder Akteurs in mehreren Netzwerken",
    "en": "Name of a network or of an actor in several networks",
}
