"""Render a view as one self-contained HTML page: pyvis data, vis-network inlined, texts escaped."""

from __future__ import annotations

import base64
import hashlib
import math
import os
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

import networkx as nx
from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup
from pyvis.network import Network
from pyvis.node import Node
from rdflib import Graph

from fks_graph import __version__
from fks_graph.atomic import write_text
from fks_graph.viz.layout import lay_out
from fks_graph.viz.views import View, ViewSpec, view_of

__all__ = ["COLORS", "render_page", "write_page"]

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

_UI = {
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
    },
}

_VIS = "templates/lib/vis-9.1.2/"


@lru_cache(maxsize=1)
def _assets() -> dict[str, str]:
    """vis-network's script and style sheet as pyvis ships them, and our own, checked for inlining."""
    vis = resources.files("pyvis") / _VIS
    here = resources.files("fks_graph.viz") / "templates"
    script = (vis / "vis-network.min.js").read_text(encoding="utf-8")
    # the source map comment would make developer tools fetch a file that is not there
    script = re.sub(r"\n//# sourceMappingURL=\S+\s*$", "\n", script)
    assets = {
        "vis_js": script,
        "vis_css": (vis / "vis-network.css").read_text(encoding="utf-8"),
        "page_js": (here / "page.js").read_text(encoding="utf-8"),
        "page_css": (here / "page.css").read_text(encoding="utf-8"),
    }
    for name, text in assets.items():
        if re.search(r"</(script|style)|<!--", text, re.IGNORECASE):
            raise RuntimeError(f"{name} cannot be inlined: it contains </script, </style or <!--")
    version = re.search(r"@version\s+(\S+)", script)
    assets["vis_version"] = version.group(1) if version else "?"
    return assets


def _sha256(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


@lru_cache(maxsize=1)
def _environment() -> Environment:
    folder = resources.files("fks_graph.viz") / "templates"
    return Environment(
        loader=FileSystemLoader(str(folder)), autoescape=True, keep_trailing_newline=True
    )


def _short(label: str, limit: int = 40) -> str:
    """A label short enough to draw (the whole name is in the tooltip and the search).

    Examples
    --------
    >>> _short("Initiative Fachkräftesicherung für die Region Velldorf-Mörskenau und Umland")
    'Initiative Fachkräftesicherung für die…'
    """
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def _network(view: View) -> Network:
    """The view as a pyvis ``Network``: its node and edge dicts and the vis-network options.

    Nodes and edges are appended in bulk: ``Network.add_node``/``add_edge`` look every id
    up in lists (``add_edge`` scans all edges), quadratic at national scale, and the view's
    ids are unique by construction.
    """
    net = Network(height="100%", width="100%", heading="", cdn_resources="in_line")
    for node in view.nodes:
        network = node.group in ("network", "other-network")
        options = Node(
            node.id,
            "diamond" if network else "dot",
            label=_short(node.label),
            name=node.label,
            color=COLORS.get(node.group, _FALLBACK),
            size=node.size,
            x=node.x,
            y=node.y,
            fksGroup=node.group,
            lands=list(node.lands),
            tip=list(node.tip),
            borderWidth=1,
            **({"font": {"size": 17, "strokeWidth": 3}} if network else {}),
        ).options
        net.nodes.append(options)
        net.node_ids.append(node.id)
        net.node_map[node.id] = options
    for index, edge in enumerate(view.edges):
        shared = edge.kind == "shared"
        net.edges.append(
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
    net.options = {
        "physics": {
            # a large view keeps its precomputed positions: the physics would take longer
            # than a user waits (about 70 ms per step at 2,400 nodes in headless Chromium)
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
    return net


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
    net = _network(view)
    nodes, edges, *_ = net.get_network_data()
    assets = _assets()
    ui = _UI[view.lang]
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
    csp = "; ".join(
        (
            "default-src 'none'",
            f"script-src {_sha256(assets['vis_js'])} {_sha256(assets['page_js'])}",
            "style-src 'unsafe-inline'",
            "img-src data:",
            "base-uri 'none'",
            "form-action 'none'",
        )
    )
    return (
        _environment()
        .get_template("page.html")
        .render(
            lang=view.lang,
            csp=csp,
            version=__version__,
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
                "options": net.options,
                "ui": {"found": ui["found"], "not_found": ui["not_found"]},
            },
            vis_css=Markup(assets["vis_css"]),
            page_css=Markup(assets["page_css"]),
            vis_js=Markup(assets["vis_js"]),
            page_js=Markup(assets["page_js"]),
        )
    )


def write_page(
    graph: Graph,
    path: str | os.PathLike[str],
    view: ViewSpec | str = "overview",
    *,
    lang: str = "de",
    bipartite: nx.Graph | None = None,
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
        ``state:DE-XX`` (see :func:`fks_graph.viz.views.view_of`).
    lang : {"de", "en"}
        Language of the page.
    bipartite : networkx.Graph, optional
        The graph's actor–network graph, when the caller has it already.

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
    view_data = view_of(graph, view, lang=lang, bipartite=bipartite)
    return write_text(path, render_page(lay_out(view_data)))
