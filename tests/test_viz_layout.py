"""Starting positions of a page: deterministic, distinct, networks near their Land's point."""

from __future__ import annotations

import math

import pytest

from fks_graph import build_graph, read_dataset
from fks_graph.synthetic.generate import generate_dataset
from fks_graph.viz.layout import ANCHORS, lay_out
from fks_graph.viz.views import view_of


@pytest.fixture(scope="module")
def overview(tmp_path_factory):
    folder = tmp_path_factory.mktemp("layout") / "n60"
    generate_dataset(folder, networks=60, seed=5)
    return view_of(build_graph(read_dataset(folder)), "overview")


def test_every_land_has_a_point():
    from fks_graph.terms.vocab import vocabulary

    assert set(ANCHORS) == set(vocabulary().laender.codes)


def test_same_view_same_positions(overview):
    first, second = lay_out(overview), lay_out(overview)
    assert [(n.id, n.x, n.y) for n in first.nodes] == [(n.id, n.x, n.y) for n in second.nodes]


def test_no_two_nodes_start_at_one_point(overview):
    placed = lay_out(overview)
    assert len({(n.x, n.y) for n in placed.nodes}) == len(placed.nodes)


def test_networks_sit_nearest_to_their_own_lands_point(overview):
    placed = lay_out(overview)
    networks = [n for n in placed.nodes if n.group == "network" and len(n.lands) == 1]
    assert networks
    by_land: dict[str, list] = {}
    for node in networks:
        by_land.setdefault(node.lands[0], []).append(node)
    centre = {
        land: (sum(n.x for n in nodes) / len(nodes), sum(n.y for n in nodes) / len(nodes))
        for land, nodes in by_land.items()
    }
    # the groups keep the map's order: for any two Länder whose points lie more than 2° of
    # longitude (latitude) apart, the groups are in the same west-east (north-south) order
    pairs = [(a, b) for a in centre for b in centre if a < b]
    assert pairs
    for a, b in pairs:
        (lon_a, lat_a), (lon_b, lat_b) = ANCHORS[a], ANCHORS[b]
        if abs(lon_a - lon_b) > 2:
            assert (centre[a][0] < centre[b][0]) == (lon_a < lon_b), (a, b)
        if abs(lat_a - lat_b) > 2:
            assert (centre[a][1] < centre[b][1]) == (lat_a > lat_b), (a, b)


def test_actors_start_among_their_networks(overview):
    placed = lay_out(overview)
    where = {n.id: (n.x, n.y) for n in placed.nodes}
    for node in placed.nodes:
        if node.group == "network":
            continue
        networks = [where[e.target] for e in placed.edges if e.source == node.id]
        cx = sum(p[0] for p in networks) / len(networks)
        cy = sum(p[1] for p in networks) / len(networks)
        spread = max(math.dist((cx, cy), p) for p in networks)
        assert math.dist((cx, cy), (node.x, node.y)) <= spread + 200
