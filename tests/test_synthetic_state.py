"""Tests of fks_graph.synthetic.state: one run's state from a seed."""

from __future__ import annotations

from fks_graph.synthetic.state import State


def test_the_same_seed_gives_the_same_geography_and_registry() -> None:
    first, second, other = State(4), State(4), State(5)
    assert [k.label for k in first.kreise] == [k.label for k in second.kreise]
    assert list(first.registry.actors.values()) == list(second.registry.actors.values())
    assert [k.label for k in first.kreise] != [k.label for k in other.kreise]


def test_a_new_state_has_no_rows_and_no_cross_network_actors() -> None:
    state = State(1)
    tables = (state.networks, state.memberships, state.projects, state.partners, state.awards)
    assert all(table == [] for table in tables)
    assert state.cross_network() == 0
    assert all(kreis.inst and len(kreis.welfare) == 2 for kreis in state.kreise)
