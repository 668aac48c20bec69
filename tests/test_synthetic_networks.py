"""Tests of fks_graph.synthetic.networks: a network's row, members and memberships."""

from __future__ import annotations

from collections import Counter

import pytest

from fks_graph.synthetic.networks import add_network
from fks_graph.synthetic.state import State


@pytest.fixture(scope="module")
def state() -> State:
    state = State(11)
    for number in range(1, 41):
        add_network(state, number, state.kreise[(number * 37) % len(state.kreise)])
    return state


def test_every_network_has_one_row_and_one_coordinator(state: State) -> None:
    assert [row[0] for row in state.networks] == [f"N{i:04d}" for i in range(1, 41)]
    assert len({row[1] for row in state.networks}) == 40
    coordinators = Counter(row[0] for row in state.memberships if row[5] == "coordinator")
    assert set(coordinators.values()) == {1}
    assert len(coordinators) == 40


def test_regions_are_home_kreise(state: State) -> None:
    keys = {kreis.key: kreis for kreis in state.kreise}
    for number, row in enumerate(state.networks, start=1):
        assert keys[row[3]] is state.kreise[(number * 37) % len(state.kreise)]
        assert row[4] == keys[row[3]].region_type


def test_memberships_count_the_uses_of_actors(state: State) -> None:
    by_id = Counter(row[1] for row in state.memberships if row[1])
    for actor_id, count in by_id.items():
        assert state.registry.uses[actor_id] >= count
    assert sum(local.uses for local in state.locals.actors) <= len(state.memberships)
    assert state.cross_network() > 0
