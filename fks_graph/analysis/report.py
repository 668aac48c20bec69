"""CSV tables and a self-contained HTML report (with inline SVG charts) of an analysis."""

from __future__ import annotations

import csv
import io
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from fks_graph.analysis.bipartite import ACTOR, NETWORK
from fks_graph.analysis.charts import HeatMap, LogLogPanel, bar_chart, heat_map, log_log_panel
from fks_graph.analysis.ecosystem import Ecosystem
from fks_graph.analysis.measures import Overlap
from fks_graph.core.atomic import write_text
from fks_graph.core.cells import neutralise_rows
from fks_graph.core.templates import environment
from fks_graph.terms.namespace import FKS

__all__ = ["TABLES", "write_report", "write_tables"]

#: The CSV files :func:`write_tables` writes, by name.
TABLES = (
    "actors",
    "networks",
    "network_overlap",
    "communities",
    "coverage_network_type",
    "coverage_field_group",
)

_TOP = 20

_ACTOR_COLUMNS = (
    *("actor", "id", "label", "type", "networks", "partners", "betweenness"),
    *("community", "component", "lands", "land_span", "broker"),
)
_NETWORK_COLUMNS = (
    *("network", "id", "label", "lands", "members", "betweenness"),
    *("community", "component", "overlapping_networks"),
)
_OVERLAP_COLUMNS = ("network_a", "id_a", "label_a", "network_b", "id_b", "label_b")
_OVERLAP_COLUMNS += ("shared", "jaccard")
_COMMUNITY_COLUMNS = ("community", "size", "networks", "actors", "lands")
_COMMUNITY_COLUMNS += ("top_networks", "top_actors")
_FIELD_GROUP_COLUMNS = ("action_field", "action_field_label", "target_group")
_FIELD_GROUP_COLUMNS += ("target_group_label", "networks", "projects", "total")


def _csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(neutralise_rows(rows))
    return out.getvalue()


def _joined(values: Iterable[str]) -> str:
    return "|".join(values)


def _id(eco: Ecosystem, node: object) -> str:
    return eco.B.nodes[node]["id"] or ""


def _actor_row(eco: Ecosystem, a: object) -> tuple[object, ...]:
    B = eco.B
    spans = eco.spans[a]
    kind = B.nodes[a].get("type") or ""
    node = (a, _id(eco, a), eco.label(a), kind, B.degree(a), eco.partners[a])
    places = (eco.community[a], eco.component[a], _joined(spans), len(spans))
    return (*node, eco.betweenness[a], *places, str(eco.broker[a]).lower())


def _network_row(eco: Ecosystem, n: object) -> tuple[object, ...]:
    B = eco.B
    where = (eco.community[n], eco.component[n], eco.overlapping[n])
    lands = _joined(B.nodes[n]["lands"])
    return (n, _id(eco, n), eco.label(n), lands, B.degree(n), eco.betweenness[n], *where)


def _overlap_row(eco: Ecosystem, o: Overlap) -> tuple[object, ...]:
    a = (o.a, _id(eco, o.a), eco.label(o.a))
    b = (o.b, _id(eco, o.b), eco.label(o.b))
    return (*a, *b, o.shared, o.jaccard)


def _table_texts(eco: Ecosystem) -> dict[str, str]:
    actors = sorted(eco.actors, key=lambda a: (-eco.betweenness[a], eco.label(a), str(a)))
    types = sorted({t for counts in eco.types.values() for t in counts})
    fields, groups = _fields_and_groups(eco)

    def type_row(n: object) -> tuple[object, ...]:
        counts = eco.types[n]
        per_type = (counts.get(t, 0) for t in types)
        return (n, _id(eco, n), eco.label(n), *per_type, sum(counts.values()))

    def field_group_row(f: str, g: str) -> tuple[object, ...]:
        networks, projects = eco.field_group.get((f, g), (0, 0))
        labels = (eco.concept("ActionFields", f), g, eco.concept("TargetGroups", g))
        return (f, *labels, networks, projects, networks + projects)

    return {
        "actors": _csv(_ACTOR_COLUMNS, (_actor_row(eco, a) for a in actors)),
        "networks": _csv(_NETWORK_COLUMNS, (_network_row(eco, n) for n in eco.networks)),
        "network_overlap": _csv(_OVERLAP_COLUMNS, (_overlap_row(eco, o) for o in eco.overlaps)),
        "communities": _csv(
            _COMMUNITY_COLUMNS,
            (_community_row(eco, number, part) for number, part in enumerate(eco.communities)),
        ),
        "coverage_network_type": _csv(
            ("network", "id", "label", *types, "total"), (type_row(n) for n in eco.networks)
        ),
        "coverage_field_group": _csv(
            _FIELD_GROUP_COLUMNS, (field_group_row(f, g) for f in fields for g in groups)
        ),
    }


def _fields_and_groups(eco: Ecosystem) -> tuple[list[str], list[str]]:
    """All action fields and target groups of the ontology's schemes (notations, sorted)."""

    def codes(scheme: str, index: int) -> list[str]:
        known = {code for s, code in eco.labels if s == str(FKS[scheme])}
        return sorted(known | {pair[index] for pair in eco.field_group})

    return codes("ActionFields", 0), codes("TargetGroups", 1)


def _community_row(eco: Ecosystem, number: int, part: frozenset) -> tuple[object, ...]:
    side = eco.B.nodes
    networks = sorted((n for n in part if side[n]["bipartite"] == NETWORK), key=str)
    actors = [a for a in part if side[a]["bipartite"] == ACTOR]
    lands = Counter(land for n in networks for land in eco.B.nodes[n]["lands"])
    top_networks = sorted(networks, key=lambda n: (-eco.B.degree(n), str(n)))[:3]
    top_actors = sorted(actors, key=lambda a: (-eco.betweenness[a], str(a)))[:3]
    return (
        number,
        len(part),
        len(networks),
        len(actors),
        _joined(f"{land}:{count}" for land, count in lands.most_common()),
        _joined(eco.label(n) for n in top_networks),
        _joined(eco.label(a) for a in top_actors),
    )


def write_tables(eco: Ecosystem, folder: str | os.PathLike[str]) -> dict[str, Path]:
    """Write the CSV tables (UTF-8, one file per measure) into ``folder``, atomically.

    ``actors.csv`` (degree as ``networks``, betweenness, community, component, Länder,
    broker flag; highest betweenness first), ``networks.csv`` (with the number of
    ``overlapping_networks``), ``network_overlap.csv`` (each network's
    :data:`~fks_graph.analysis.measures.OVERLAPS_PER_NETWORK` strongest overlaps, by
    Jaccard), ``communities.csv``, ``coverage_network_type.csv``
    (members of each actor type per network) and ``coverage_field_group.csv`` (networks
    and projects per action field and target group, zeros included). Text a spreadsheet
    would take for a formula starts with an apostrophe (:func:`fks_graph.core.cells.neutralise`).

    Returns
    -------
    dict
        Table name -> path written.
    """
    folder = Path(folder)
    return {
        name: write_text(folder / f"{name}.csv", text) for name, text in _table_texts(eco).items()
    }


# --------------------------------------------------------------------------- charts


def _short(text: str, limit: int = 45) -> str:
    """Data text for a chart label: one line, shortened to ``limit`` characters."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _heat_map(eco: Ecosystem) -> HeatMap:
    fields, groups = _fields_and_groups(eco)
    values = [[sum(eco.field_group.get((f, g), (0, 0))) for g in groups] for f in fields]
    return heat_map(
        [eco.concept("ActionFields", f) for f in fields],
        [eco.concept("TargetGroups", g) for g in groups],
        values,
    )


def _degrees(eco: Ecosystem) -> tuple[LogLogPanel, LogLogPanel]:
    return tuple(
        log_log_panel(title, label, "Anzahl / count", Counter(eco.B.degree(n) for n in nodes))
        for nodes, title, label in (
            (eco.actors, "Akteure / actors", "Netzwerke je Akteur / networks per actor"),
            (eco.networks, "Netzwerke / networks", "Mitglieder je Netzwerk / members"),
        )
    )


# --------------------------------------------------------------------------- HTML


def _cells(row: Sequence[object]) -> list[tuple[bool, str]]:
    """A table row as (numeric, text) cells: floats to 4 digits, integers with separators."""
    cells = []
    for value in row:
        if isinstance(value, float):
            cells.append((True, f"{value:.4g}"))
        elif isinstance(value, int):
            cells.append((True, f"{value:,}"))
        else:
            cells.append((False, str(value)))
    return cells


def _overview(eco: Ecosystem, brokers: int, activity: str | None, started: str | None) -> list:
    cross = sum(1 for a in eco.actors if eco.B.degree(a) >= 2)
    return [
        ("Netzwerke / networks", len(eco.networks)),
        ("Akteure / actors", len(eco.actors)),
        ("Mitgliedschaften / memberships", eco.B.number_of_edges()),
        ("Akteure in ≥ 2 Netzwerken / actors in ≥ 2 networks", cross),
        ("Vermittler / brokers", brokers),
        ("Zusammenhangskomponenten / connected components", len(eco.components)),
        ("Leiden-Communities / communities", len(eco.communities)),
        ("Netzwerkpaare mit Überlappung / overlapping network pairs", eco.overlap_pairs),
        ("Graph", eco.graph_iri or "–"),
        ("Analyselauf / analysis run", activity or "–"),
        ("Beginn / started", started or "–"),
        ("Seed (Leiden)", eco.seed),
    ]


def _plots(eco: Ecosystem, top: list) -> dict[str, object]:
    """The report's charts (``brokers``, of ``top``: None when it is empty)."""
    B = eco.B
    lands = Counter(land for n in eco.networks for land in B.nodes[n]["lands"] or ("–",))
    codes = sorted(lands)
    cross = [a for a in eco.actors if B.degree(a) >= 2]
    all_types = Counter(B.nodes[a].get("type") or "other" for a in eco.actors)
    cross_types = Counter(B.nodes[a].get("type") or "other" for a in cross)
    order = sorted(all_types, key=lambda t: (-all_types[t], t))
    return {
        "lands": bar_chart(
            [
                _short(f"{c} {eco.concept('Laender', c)}") if c != "–" else "ohne Land"
                for c in codes
            ],
            {"Netzwerke": [lands[c] for c in codes]},
            "Netzwerke / networks",
        ),
        "types": bar_chart(
            [_short(eco.concept("ActorTypes", t)) for t in order],
            {
                "alle Akteure / all actors": [all_types[t] for t in order],
                "in ≥ 2 Netzwerken / in ≥ 2 networks": [cross_types[t] for t in order],
            },
            "Akteure / actors (log)",
            log=True,
        ),
        "heatmap": _heat_map(eco),
        "degrees": _degrees(eco),
        "brokers": bar_chart(
            [_short(eco.label(a)) for a in top][:15],
            {"Betweenness": [eco.betweenness[a] for a in top][:15]},
            "Betweenness (normiert / normalised)",
        )
        if top
        else None,
    }


def _html(eco: Ecosystem, activity_iri: str | None, started: str | None) -> str:
    """The report page, from ``analysis/templates/report.html``."""
    B = eco.B
    ranked = eco.ranked_brokers()
    top = ranked[:_TOP]
    brokers = (
        (
            rank,
            eco.label(a),
            eco.concept("ActorTypes", B.nodes[a].get("type") or "other"),
            B.degree(a),
            " ".join(eco.spans[a]),
            eco.betweenness[a],
            eco.community[a],
        )
        for rank, a in enumerate(top, 1)
    )
    overlaps = ((eco.label(o.a), eco.label(o.b), o.shared, o.jaccard) for o in eco.overlaps[:_TOP])
    communities = (_community_row(eco, i, part) for i, part in enumerate(eco.communities[:_TOP]))
    return (
        environment("fks_graph.analysis")
        .get_template("report.html")
        .render(
            title=eco.title or "fks-graph",
            synthetic=eco.synthetic,
            overview=[_cells(row) for row in _overview(eco, len(ranked), activity_iri, started)],
            plots=_plots(eco, top),
            brokers=[_cells(row) for row in brokers],
            overlaps=[_cells(row) for row in overlaps],
            communities=[_cells(row) for row in communities],
            seed=eco.seed,
            tables=TABLES,
        )
    )


def write_report(
    eco: Ecosystem,
    folder: str | os.PathLike[str],
    *,
    activity: str | None = None,
    started: str | None = None,
) -> Path:
    """Write ``report.html`` into ``folder``: a self-contained page with inline SVG charts.

    German headings with English subtitles. Every text taken from the data is
    HTML-escaped; the page loads nothing from outside (the charts are SVG in the page, see
    :mod:`fks_graph.analysis.charts`, and a Content-Security-Policy forbids everything else,
    scripts and images included).

    Parameters
    ----------
    eco : Ecosystem
        The measures.
    folder : path
        Where to write.
    activity, started : str, optional
        IRI and start time of the analysis run, for the overview.

    Returns
    -------
    pathlib.Path
        The report file.
    """
    return write_text(Path(folder) / "report.html", _html(eco, activity, started))
