"""Render a view or the map as one self-contained HTML page: data inlined, texts escaped."""

from __future__ import annotations

import math
import os
import re
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from importlib.util import find_spec
from pathlib import Path

import networkx as nx
from markupsafe import Markup
from rdflib import Graph

from fks_graph.analysis.measures import Overlap
from fks_graph.core.atomic import write_text
from fks_graph.core.nogc import no_gc
from fks_graph.core.templates import environment, script_hash
from fks_graph.core.version import version
from fks_graph.terms.vocab import vocabulary
from fks_graph.viz.geo import MapView, map_of, outline_paths
from fks_graph.viz.layout import lay_out
from fks_graph.viz.texts import MAP_SEARCH_HINT, UI
from fks_graph.viz.views import View, ViewSpec, parse_view, view_of

__all__ = ["COLORS", "KIND_COLORS", "LAND_COLORS", "render_map", "render_page", "write_page"]

#: Colour of each legend group: networks, context networks and the actor types.
COLORS: dict[str, str] = {
    "network": "#1f3a5f",
    "other-network": "#9fb3c8",
    "chamber_of_commerce": "#e6194b",
    "chamber_of_crafts": "#f58231",
    "company": "#4363d8",
    "employment_agency": "#3cb44b",
    "jobcenter": "#911eb4",
    "school": "#f0c419",
    "university": "#42d4f4",
    "education_provider": "#bfef45",
    "municipality": "#9a6324",
    "business_development": "#469990",
    "employers_association": "#800000",
    "union": "#f032e6",
    "pension_insurance": "#808000",
    "welfare_organisation": "#fabed4",
    "research": "#000075",
    "other": "#a9a9a9",
}
_FALLBACK = "#a9a9a9"

#: Colour of the networks of each Land on the map (``several``: of more than one Land).
LAND_COLORS: dict[str, str] = {
    "DE-SH": "#1f77b4",
    "DE-HH": "#aec7e8",
    "DE-NI": "#ff7f0e",
    "DE-HB": "#ffbb78",
    "DE-NW": "#2ca02c",
    "DE-HE": "#98df8a",
    "DE-RP": "#d62728",
    "DE-BW": "#ff9896",
    "DE-BY": "#9467bd",
    "DE-SL": "#c5b0d5",
    "DE-BE": "#8c564b",
    "DE-BB": "#c49c94",
    "DE-MV": "#e377c2",
    "DE-SN": "#17becf",
    "DE-ST": "#bcbd22",
    "DE-TH": "#7f7f7f",
    "several": "#222222",
}

#: Colour of the networks of each kind on the map (``""``: no kind given).
KIND_COLORS: dict[str, str] = {
    "alliance": "#1f77b4",
    "pact": "#ff7f0e",
    "initiative": "#2ca02c",
    "forum": "#d62728",
    "cooperation_agreement": "#9467bd",
    "association": "#8c564b",
    "project_network": "#e377c2",
    "other": "#7f7f7f",
    "": "#bbbbbb",
}

_VIS = "templates/lib/vis-9.1.2/"


@lru_cache(maxsize=1)
def _assets() -> dict[str, str]:
    """vis-network's script and style sheet as pyvis ships them, and our own, checked for inlining.

    pyvis's files are found without importing pyvis, whose package imports IPython (slow
    to import, and not needed to draw a page).
    """
    spec = find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("pyvis is not installed: it ships vis-network, which the pages inline")
    vis = Path(next(iter(spec.submodule_search_locations))) / _VIS
    here = resources.files("fks_graph.viz") / "templates"
    script = (vis / "vis-network.min.js").read_text(encoding="utf-8")
    # the source map comment would make developer tools fetch a file that is not there
    script = re.sub(r"\n//# sourceMappingURL=\S+\s*$", "\n", script)
    assets = {
        "vis_js": script,
        "vis_css": (vis / "vis-network.css").read_text(encoding="utf-8"),
        "page_js": (here / "page.js").read_text(encoding="utf-8"),
        "page_css": (here / "page.css").read_text(encoding="utf-8"),
        "map_js": (here / "map.js").read_text(encoding="utf-8"),
        "map_css": (here / "map.css").read_text(encoding="utf-8"),
    }
    for name, text in assets.items():
        if re.search(r"</(script|style)|<!--", text, re.IGNORECASE):
            raise RuntimeError(f"{name} cannot be inlined: it contains </script, </style or <!--")
    version = re.search(r"@version\s+(\S+)", script)
    assets["vis_version"] = version.group(1) if version else "?"
    return assets


def _short(label: str, limit: int = 40) -> str:
    """A label short enough to draw (the whole name is in the tooltip and the search).

    Examples
    --------
    >>> _short("Initiative Fachkräftesicherung für die Region Velldorf-Mörskenau und Umland")
    'Initiative Fachkräftesicherung für die…'
    """
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def _network(view: View) -> tuple[list[dict], list[dict], dict]:
    """The view's node and edge dicts and the vis-network options, as vis-network reads them.

    The node dicts have the keys pyvis's ``Node`` gives them (``id``, ``label``, ``shape``
    after the options), so the pages are the same as when they were made through pyvis.
    """
    nodes = []
    for node in view.nodes:
        network = node.group in ("network", "other-network")
        nodes.append(
            {
                "name": node.label,
                "color": COLORS.get(node.group, _FALLBACK),
                "size": node.size,
                "x": node.x,
                "y": node.y,
                "fksGroup": node.group,
                "lands": list(node.lands),
                "tip": list(node.tip),
                "borderWidth": 1,
                **({"font": {"size": 17, "strokeWidth": 3}} if network else {}),
                "id": node.id,
                "label": _short(node.label),
                "shape": "diamond" if network else "dot",
            }
        )
    edges = []
    for index, edge in enumerate(view.edges):
        shared = edge.kind == "shared"
        edges.append(
            {
                "id": f"e{index}",
                "from": edge.source,
                "to": edge.target,
                "fksKind": edge.kind,
                "tip": edge.tip,
                "width": round(1 + 1.5 * math.log2(edge.weight), 2) if shared else 0.6,
                "color": {"color": "#5b7a99" if shared else "#b9c2cc", "opacity": 0.55},
            }
        )
    big = len(view.nodes) > 1500
    # in a crowded view, names appear once the user zooms in (vis draws no label whose
    # size on screen is below the threshold)
    label_threshold = 11 if len(view.nodes) > 150 else 5
    options = {
        "physics": {
            # a large view keeps its precomputed positions: the physics would take longer
            # than a user waits (bench/README.md: design figures)
            "enabled": not big,
            "solver": "barnesHut",
            "barnesHut": {
                "gravitationalConstant": -3000,
                "centralGravity": 0.05,
                "springLength": 110,
                "springConstant": 0.02,
                "damping": 0.5,
                "avoidOverlap": 0.4,
            },
            "stabilization": {
                "enabled": True,
                "iterations": 200,
                "updateInterval": 50,
                "fit": True,
            },
            "minVelocity": 1.5,
        },
        "layout": {"improvedLayout": False, "randomSeed": 1},
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            "hideEdgesOnDrag": big,
            "hideEdgesOnZoom": big,
        },
        "nodes": {
            "font": {"size": 13, "face": "system-ui, sans-serif", "strokeWidth": 3},
            "scaling": {"label": {"drawThreshold": label_threshold}},
        },
        "edges": {"smooth": False, "selectionWidth": 2},
    }
    return nodes, edges, options


def render_page(view: View) -> str:
    """The HTML page of a laid-out view: self-contained, offline, every data text escaped.

    The page inlines vis-network (as pyvis ships it) and its own script; the view's data
    sits in a ``<script type="application/json">`` block (JSON with ``<``, ``>``, ``&``
    and ``'`` escaped, so no name can end the block) that the script reads with
    ``JSON.parse``. Names reach the page only as text: headings and legend through
    Jinja's autoescaping, search options and tooltips through ``textContent`` (tooltips are
    DOM elements, never HTML strings). A Content-Security-Policy allows exactly the two
    inline scripts (by hash) and no request to anywhere.

    Examples
    --------
    >>> from fks_graph import build_graph, read_dataset
    >>> from fks_graph.viz.views import view_of
    >>> html = render_page(lay_out(view_of(build_graph(read_dataset("tests/fixtures/innovationstag-2014")))))
    >>> "window.network = network" in html, "<script src" in html, "<link" in html
    (True, False, False)
    """
    nodes, edges, options = _network(view)
    assets = _assets()
    ui = UI[view.lang]
    counts: dict[str, int] = {}
    for node in view.nodes:
        counts[node.group] = counts.get(node.group, 0) + 1
    groups = [
        {
            "code": code,
            "label": label,
            "color": COLORS.get(code, _FALLBACK),
            "diamond": code in ("network", "other-network"),
            "count": counts.get(code, 0),
        }
        for code, label in view.groups
    ]
    kinds = sorted({edge.kind for edge in view.edges}, reverse=True)
    edge_kinds = [
        {
            "code": kind,
            "label": ui[kind],
            "width": 3 if kind == "shared" else 1,
            "color": "#5b7a99" if kind == "shared" else "#b9c2cc",
        }
        for kind in kinds
    ]
    return (
        environment("fks_graph.viz")
        .get_template("page.html")
        .render(
            lang=view.lang,
            script_hashes=[script_hash(assets["vis_js"]), script_hash(assets["page_js"])],
            version=version(),
            vis_version=assets["vis_version"],
            title=view.title,
            subtitle=view.subtitle,
            counts=ui["counts"].format(nodes=len(nodes), edges=len(edges)),
            ui=ui,
            groups=groups,
            edge_kinds=edge_kinds,
            lands=view.lands,
            size_note=ui[f"size_{view.size_by}"],
            data={
                "nodes": nodes,
                "edges": edges,
                "options": options,
                "ui": {"found": ui["found"], "not_found": ui["not_found"]},
            },
            vis_css=Markup(assets["vis_css"]),
            page_css=Markup(assets["page_css"]),
            vis_js=Markup(assets["vis_js"]),
            page_js=Markup(assets["page_js"]),
        )
    )


def _number(n: int, lang: str) -> str:
    return f"{n:,}".replace(",", "." if lang == "de" else ",")


def render_map(view: MapView) -> str:
    """The HTML page of a map: self-contained, offline, every data text escaped.

    The page draws Germany's Kreis and Land outlines, the networks and their links as inline
    SVG with its own script (no library); the data sits in a ``<script
    type="application/json">`` block as in :func:`render_page`, names reach the page only
    as text (Jinja's autoescaping, ``textContent``), and the same Content-Security-Policy
    allows the one inline script by hash and no request to anywhere. The outlines'
    attribution (© GeoBasis-DE / BKG, dl-de/by-2-0) is shown on the map.

    Examples
    --------
    >>> from fks_graph import build_graph, read_dataset
    >>> from fks_graph.viz.geo import map_of
    >>> html = render_map(map_of(build_graph(read_dataset("tests/fixtures/innovationstag-2014"))))
    >>> "© GeoBasis-DE / BKG" in html, "<script src" in html, "vis.Network" in html
    (True, False, False)
    """
    assets = _assets()
    ui = UI[view.lang]
    lang = view.lang
    networks = view.networks
    with_network = sum(1 for kreis in view.kreise if kreis.networks)
    linking = {a for link in view.links for a in link.actors}
    counts = ui["map_counts"].format(
        networks=_number(len(networks), lang),
        in_kreis=_number(sum(1 for n in networks if n.how in ("kreis", "kreise")), lang),
        links=_number(len(view.links), lang),
        actors=_number(len(linking), lang),
        kreise=_number(with_network, lang),
        all_kreise=_number(len(view.kreise), lang),
    )
    types = _link_types(view)
    land_codes = sorted({land for n in networks for land in n.lands})
    laender = vocabulary().laender
    return (
        environment("fks_graph.viz")
        .get_template("map.html")
        .render(
            lang=lang,
            script_hashes=[script_hash(assets["map_js"])],
            version=version(),
            title=view.title,
            subtitle=view.subtitle,
            counts=counts,
            ui={**ui, "search_hint": MAP_SEARCH_HINT[lang], "help": ui["map_help"]},
            size_note=ui["size_map"],
            **_colour_legends(view),
            near=_number(sum(1 for n in networks if n.how not in ("kreis", "kreise")), lang),
            kreise_with=_number(with_network, lang),
            kreise_without=_number(len(view.kreise) - with_network, lang),
            lands=[
                (code, laender.get(code).label(lang))
                for code in land_codes
                if code in laender.concepts
            ],
            types=types,
            data=_map_data(view, {t["code"]: t["label"] for t in types}),
            page_css=Markup(assets["page_css"]),
            map_css=Markup(assets["map_css"]),
            map_js=Markup(assets["map_js"]),
        )
    )


def _counted(view: MapView, key: str) -> dict[str, int]:
    """How many of the map's networks have each value of ``key`` (``land``, ``kind``)."""
    counts: dict[str, int] = {}
    for network in view.networks:
        value = getattr(network, key)
        counts[value] = counts.get(value, 0) + 1
    return counts


def _colour_legends(view: MapView) -> dict[str, list[dict]]:
    """The legends of the networks' colours: ``land_legend`` and ``kind_legend``."""
    vocab = vocabulary()
    lang = view.lang
    lands = _counted(view, "land")
    land_legend = [
        {
            "label": vocab.laender.get(code).label(lang),
            "color": LAND_COLORS[code],
            "count": lands[code],
        }
        for code in vocab.laender.codes
        if code in lands
    ]
    if "several" in lands:
        land_legend.append(
            {
                "label": UI[lang]["several"],
                "color": LAND_COLORS["several"],
                "count": lands["several"],
            }
        )
    kinds = _counted(view, "kind")
    kind_legend = [
        {
            "label": vocab.network_kinds.get(code).label(lang) if code else UI[lang]["no_kind"],
            "color": KIND_COLORS.get(code, _FALLBACK),
            "count": kinds[code],
        }
        for code in (*vocab.network_kinds.codes, "")
        if code in kinds
    ]
    kind_legend += [
        {"label": code, "color": _FALLBACK, "count": kinds[code]}
        for code in sorted(kinds)
        if code and code not in vocab.network_kinds.concepts
    ]
    return {"land_legend": land_legend, "kind_legend": kind_legend}


def _link_types(view: MapView) -> list[dict]:
    """The actor types of the actors that link networks: code, label, colour, count."""
    actor_types = vocabulary().actor_types
    used = {view.actors[a][1] for link in view.links for a in link.actors}
    by_type: dict[str, int] = {}
    for a in {a for link in view.links for a in link.actors}:
        by_type[view.actors[a][1]] = by_type.get(view.actors[a][1], 0) + 1

    def type_label(code: str) -> str:
        concept = actor_types.concepts.get(code)
        return concept.label(view.lang) if concept else code

    return [
        {
            "code": code,
            "label": type_label(code),
            "color": COLORS.get(code, _FALLBACK),
            "count": by_type[code],
        }
        for code in (*actor_types.codes, *sorted(used - set(actor_types.codes)))
        if code in used
    ]


def _map_data(view: MapView, type_labels: dict[str, str]) -> dict:
    """What the map's script draws: outlines, networks, links, actors, colours, texts."""
    ui = UI[view.lang]
    kreise = outline_paths("kreise")
    laender = outline_paths("laender")
    numbers = [float(v) for _, _, path, _ in laender for v in re.findall(r"-?[\d.]+", path)]
    xs, ys = numbers[0::2], numbers[1::2]
    pad = 10  # and room for the attribution below
    box = [min(xs) - pad, min(ys) - pad, max(xs) - min(xs) + 2 * pad, max(ys) - min(ys) + 4 * pad]
    return {
        "box": [round(v, 1) for v in box],
        "kreise": [
            [kreis.ags, kreis.name, path, list(kreis.networks), round(x, 1), round(y, 1)]
            for kreis, (_, _, path, (x, y)) in zip(view.kreise, kreise, strict=True)
        ],
        "laender": [path for _, _, path, _ in laender],
        "networks": [
            {
                "name": n.label,
                "x": n.x,
                "y": n.y,
                "r": n.size,
                "lands": list(n.lands),
                "land": n.land,
                "kind": n.kind,
                "near": n.how not in ("kreis", "kreise"),
                "tip": list(n.tip),
            }
            for n in view.networks
        ],
        "links": [[link.a, link.b, list(link.actors)] for link in view.links],
        "actors": [list(actor) for actor in view.actors],
        "typeLabels": {code: type_labels[code] for code in sorted(type_labels)},
        "colors": {"land": LAND_COLORS, "kind": KIND_COLORS, "fallback": _FALLBACK},
        "ui": {
            "found": ui["found"],
            "not_found": ui["map_not_found"],
            "shared": ui["map_shared"],
            "shared_one": ui["map_shared_one"],
            "more": ui["more"],
            "kreis_networks": ui["kreis_networks"],
        },
    }


def write_page(
    graph: Graph,
    path: str | os.PathLike[str],
    view: ViewSpec | str = "overview",
    *,
    lang: str = "de",
    bipartite: nx.Graph | None = None,
    overlaps: Sequence[Overlap] | None = None,
) -> Path:
    """Write the page of one view of ``graph`` to ``path`` (UTF-8, atomically).

    Parameters
    ----------
    graph : rdflib.Graph
        The graph, with or without the analysis' measures.
    path : path-like
        The HTML file to write.
    view : ViewSpec or str
        ``overview`` (default), ``cross-actors``, ``network:ID``, ``actor:ID`` or
        ``state:DE-XX`` (see :func:`fks_graph.viz.views.view_of`), or ``map`` (see
        :func:`fks_graph.viz.geo.map_of`).
    lang : {"de", "en"}
        Language of the page.
    bipartite : networkx.Graph, optional
        The graph's actor–network graph, when the caller has it already.
    overlaps : sequence of Overlap, optional
        The networks' overlaps the analysis found, when the caller has them (the overview
        draws its links from them, see :func:`fks_graph.viz.views.view_of`).

    Returns
    -------
    pathlib.Path
        The file written.

    Examples
    --------
    >>> import tempfile
    >>> from fks_graph import build_graph, read_dataset
    >>> graph = build_graph(read_dataset("tests/fixtures/innovationstag-2014"))
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     page = write_page(graph, Path(folder) / "switch.html", "network:switch-aachen")
    ...     "<h1 id=\\"fks-title\\">SWITCH – verkürzte" in page.read_text(encoding="utf-8")
    True
    """
    spec = parse_view(view) if isinstance(view, str) else view
    with no_gc():  # many nodes, edges and strings, no cycles: 0.5-1 s at 6,000 networks
        if spec.kind == "map":
            html = render_map(map_of(graph, lang=lang, bipartite=bipartite))
        else:
            view_data = view_of(graph, spec, lang=lang, bipartite=bipartite, overlaps=overlaps)
            html = render_page(lay_out(view_data))
    return write_text(path, html)
