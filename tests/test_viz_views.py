"""Views of a graph page: which nodes and edges each view holds, labels, tooltips, errors."""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import pytest

from fks_graph import build_graph, read_dataset
from fks_graph.analysis.run import add_measurements, analyse
from fks_graph.core.errors import UsageError
from fks_graph.synthetic.generate import generate_dataset
from fks_graph.viz import views
from fks_graph.viz.views import ViewSpec, parse_view, view_of

from .test_cross_actors import expected_networks


@pytest.fixture(scope="module")
def graph_2014():
    return build_graph(read_dataset(Path(__file__).parent / "fixtures" / "innovationstag-2014"))


@pytest.fixture(scope="module")
def national(tmp_path_factory):
    """A generated 40-network ecosystem: its folder and graph."""
    folder = tmp_path_factory.mktemp("national") / "n40"
    generate_dataset(folder, networks=40, seed=3)
    return folder, build_graph(read_dataset(folder))


def _memberships(folder: Path) -> dict[tuple[str, ...], set[str]]:
    """Actor identity -> network ids, computed from the CSV files alone."""
    return expected_networks(folder)


@pytest.mark.parametrize(
    ("text", "spec"),
    [
        ("overview", ViewSpec("overview")),
        ("cross-actors", ViewSpec("cross-actors")),
        (" Map", ViewSpec("map")),
        ("network:N1", ViewSpec("network", "N1")),
        ("actor: IHK-AC ", ViewSpec("actor", "IHK-AC")),
        ("STATE:DE-NW", ViewSpec("state", "DE-NW")),
        (
            "actor:https://w3id.org/fks-graph/data/actor/x",
            ViewSpec("actor", "https://w3id.org/fks-graph/data/actor/x"),
        ),
    ],
)
def test_parse_view(text, spec):
    assert parse_view(text) == spec
    assert parse_view(spec.text) == spec


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("globe", "unknown view 'globe'"),
        ("map:DE-SN", "view 'map' takes no id"),
        ("network", "needs an id, e.g. network:"),
        ("state:", "needs an id"),
        ("overview:x", "view 'overview' takes no id"),
    ],
)
def test_parse_view_refuses(text, message):
    with pytest.raises(UsageError, match=message):
        parse_view(text)


def test_small_overview_shows_every_actor(graph_2014):
    view = view_of(graph_2014)
    networks = [n for n in view.nodes if n.group == "network"]
    assert len(networks) == 5
    assert len(view.nodes) == 23  # 5 networks and the 18 named partners
    assert {e.kind for e in view.edges} == {"member"}  # no two 2014 networks share a member
    assert view.title == "Überblick: alle Netzwerke und ihre Akteure"


def test_large_overview_shows_networks_and_cross_actors_only(national, monkeypatch):
    folder, graph = national
    monkeypatch.setattr(views, "ALL_ACTORS_UP_TO", 10)
    view = view_of(graph, "overview")
    truth = _memberships(folder)
    cross = {key for key, networks in truth.items() if len(networks) >= 2}
    actors = [n for n in view.nodes if n.group not in ("network", "other-network")]
    assert len(actors) == len(cross)
    assert sum(n.group == "network" for n in view.nodes) == 40
    # a membership edge for every membership of a cross-network actor
    members = [e for e in view.edges if e.kind == "member"]
    assert len(members) == sum(len(truth[key]) for key in cross)
    # network-network edges weighted by the number of shared members, as the CSV says
    shared: dict[tuple[str, str], int] = defaultdict(int)
    for networks in truth.values():
        for first in networks:
            for second in networks:
                if first < second:
                    shared[first, second] += 1
    ids = {n.id: n.tip[1].split()[-1] for n in view.nodes if n.group == "network"}
    found = {
        tuple(sorted((ids[e.source], ids[e.target]))): e.weight
        for e in view.edges
        if e.kind == "shared"
    }
    # lines only where networks share members, weighted by how many they share ...
    assert found.items() <= shared.items()
    # ... at least each network's strongest overlap (by Jaccard), at most ten of each
    size = defaultdict(int)
    for networks in truth.values():
        for network in networks:
            size[network] += 1
    for network in size:
        mine = {
            pair: w / (size[pair[0]] + size[pair[1]] - w)
            for pair, w in shared.items()
            if network in pair
        }
        if mine:
            best = max(mine.values())
            assert any(mine.get(pair) == best for pair in found)
    assert len(found) <= 10 * len(size)
    assert view.title.startswith("Überblick: Netzwerke und Akteure in mehreren")


@pytest.mark.parametrize("kind", ["overview", "cross-actors", "state:DE-NW"])
def test_many_actors_are_cut_to_those_in_the_most_networks(national, monkeypatch, kind):
    _, graph = national
    full = view_of(graph, kind)
    actors = [n for n in full.nodes if n.group not in ("network", "other-network")]
    monkeypatch.setattr(views, "ALL_ACTORS_UP_TO", 10)
    monkeypatch.setattr(views, "MAX_ACTORS", 5)
    cut = view_of(graph, kind)
    kept = [n for n in cut.nodes if n.group not in ("network", "other-network")]
    assert len(kept) == 5 < len(actors)
    degree = {n.id: sum(e.source == n.id for e in full.edges if e.kind == "member") for n in actors}
    assert min(degree[n.id] for n in kept) >= sorted(degree.values(), reverse=True)[4]
    assert "Gezeigt: die 5 Akteure in den meisten Netzwerken (von " in cut.subtitle
    ids = {n.id for n in cut.nodes}
    assert all(e.source in ids and e.target in ids for e in cut.edges)


def test_network_view_holds_members_and_their_other_networks(national):
    folder, graph = national
    truth = _memberships(folder)
    members = {key for key, networks in truth.items() if "N0007" in networks}
    others = {n for key in members for n in truth[key]} - {"N0007"}
    view = view_of(graph, "network:N0007")
    groups = defaultdict(int)
    for node in view.nodes:
        groups["actor" if node.group not in ("network", "other-network") else node.group] += 1
    assert groups == {"network": 1, "other-network": len(others), "actor": len(members)}
    assert len(view.edges) == sum(len(truth[key]) for key in members)
    assert view.title == next(n.label for n in view.nodes if n.group == "network")


def test_actor_view_holds_networks_and_their_members(graph_2014):
    view = view_of(graph_2014, "actor:IHK Aachen")
    assert view.title == "IHK Aachen"
    networks = [n.label for n in view.nodes if n.group == "network"]
    assert networks == ["SWITCH – verkürzte Berufsausbildung für Studienabbrecher/innen"]
    assert len(view.nodes) == 8  # the network and its 7 members


def test_state_view_holds_the_lands_networks(national):
    folder, graph = national
    view = view_of(graph, "state:Bayern")
    with (folder / "networks.csv").open(encoding="utf-8") as rows:
        bavarian = {row["id"] for row in csv.DictReader(rows) if "DE-BY" in row["state"]}
    shown = {n.tip[1].split()[-1] for n in view.nodes if n.group == "network"}
    assert shown == bavarian
    assert view.title == "Netzwerke in Bayern"
    assert all(
        len({e.target for e in view.edges if e.source == n.id}) >= 2
        for n in view.nodes
        if n.group != "network"
    )


@pytest.mark.parametrize(
    ("view", "message"),
    [
        ("network:N9", "no network 'N9' in the graph"),
        ("actor:Nobody", "no actor 'Nobody' in the graph"),
        ("state:DE-XX", "unknown Land 'DE-XX'"),
    ],
)
def test_unknown_ids(graph_2014, view, message):
    with pytest.raises(UsageError, match=message):
        view_of(graph_2014, view)


def test_unknown_language(graph_2014):
    with pytest.raises(UsageError, match="unknown language 'fr'"):
        view_of(graph_2014, lang="fr")


def test_english_labels_and_tooltips(graph_2014):
    view = view_of(graph_2014, "network:switch-aachen", lang="en")
    ihk = next(n for n in view.nodes if n.label == "IHK Aachen")
    assert ihk.tip[1] == "Type: chamber of industry and commerce"
    assert "Networks (1):" in ihk.tip
    assert ("chamber_of_commerce", "chamber of industry and commerce") in view.groups
    assert view.lands == [("DE-NW", "North Rhine-Westphalia")]


def test_tooltip_lists_roles_and_city(tmp_path, small_dataset):
    graph = build_graph(read_dataset(small_dataset))
    view = view_of(graph, "cross-actors")
    ihk = next(n for n in view.nodes if n.label == "IHK Aachen")
    assert ihk.tip[:3] == ("IHK Aachen", "Typ: Industrie- und Handelskammer", "Ort: Aachen")
    assert "• Bündnis Nord (Koordination)" in ihk.tip
    assert {n.label for n in view.nodes if n.group != "network"} == {
        "IHK Aachen",
        "DGB Region Nord",
    }


def test_sizes_follow_betweenness_when_measured(tmp_path, small_dataset):
    graph = build_graph(read_dataset(small_dataset))
    before = view_of(graph, "cross-actors")
    assert before.size_by == "degree"
    add_measurements(graph, analyse(graph, tmp_path / "analysis"))
    after = view_of(graph, "cross-actors")
    assert after.size_by == "betweenness"
    assert any(line.startswith("Betweenness: ") for n in after.nodes for line in n.tip)


def test_network_ids_iris_and_names_all_find_the_network(graph_2014):
    titles = {
        view_of(graph_2014, f"network:{key}").title
        for key in (
            "switch-aachen",
            "https://w3id.org/fks-graph/data/network/switch-aachen",
            "SWITCH – verkürzte Berufsausbildung für Studienabbrecher/innen",
        )
    }
    assert len(titles) == 1


def test_a_given_bipartite_graph_gives_the_same_view(graph_2014):
    from fks_graph.analysis.bipartite import actor_network_graph

    B = actor_network_graph(graph_2014)
    for spec in ("overview", "network:switch-aachen", "actor:IHK Aachen"):
        assert view_of(graph_2014, spec, bipartite=B) == view_of(graph_2014, spec)


@pytest.mark.parametrize("few_links_above", [1500, 5])
def test_the_analysis_overlaps_give_the_same_overview(national, monkeypatch, few_links_above):
    # with more networks than FEW_LINKS_ABOVE, the overview keeps three overlaps per network:
    # found among the analysis' ten, exactly those it would compute itself
    from fks_graph.analysis.ecosystem import measure_ecosystem

    monkeypatch.setattr(views, "FEW_LINKS_ABOVE", few_links_above)
    _, graph = national
    eco = measure_ecosystem(graph)
    given = view_of(graph, "overview", bipartite=eco.B, overlaps=eco.overlaps)
    assert given == view_of(graph, "overview")
    linked = [e for e in given.edges if e.kind == "shared"]
    assert 0 < len(linked) < len(eco.overlaps) if few_links_above == 5 else linked
    for spec in ("state:DE-BY", "network:N0001"):  # other views compute their own
        assert view_of(graph, spec, overlaps=eco.overlaps[:1]) == view_of(graph, spec)
