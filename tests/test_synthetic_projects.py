"""Tests of fks_graph.synthetic.projects: projects, their partners and the awards."""

from __future__ import annotations

from collections import Counter

from fks_graph.synthetic.projects import add_awards, add_projects
from fks_graph.synthetic.state import State

MEMBERS: list[tuple[str | int, str]] = [
    ("IHK01", "chamber_of_commerce"),
    ("JC001", "jobcenter"),
    ("AA001", "employment_agency"),
]


def test_projects_fit_the_network_and_partners_are_members() -> None:
    state = State(3)
    for number in range(1, 21):
        nid = f"N{number:04d}"
        state.networks.append([nid, f"Netz {number}"])
        add_projects(
            state, nid, 2012, state.kreise[number : number + 1], ["immigration"], MEMBERS, 0
        )
    assert [row[0] for row in state.projects] == [
        f"P{i:05d}" for i in range(1, len(state.projects) + 1)
    ]
    assert all(row[5] == "immigration" for row in state.projects)
    leads = Counter(row[0] for row in state.partners if row[5] == "coordinator")
    assert set(leads.values()) == {1}
    assert len(leads) == len(state.projects)
    ids = {who for who, _ in MEMBERS}
    names = {state.registry.actors[who].name for who in ids if who in state.registry.actors}
    for row in state.partners:
        assert row[1] in ids or row[2] in names


def test_awards_go_once_to_networks_founded_before() -> None:
    state = State(3)
    state.founded = [2008 + i % 9 for i in range(100)]
    state.networks = [[f"N{i + 1:04d}"] for i in range(100)]
    add_awards(state)
    winners = [row[0] for row in state.awards]
    assert len(winners) == len(set(winners)) == 5 * 8 + 8 + 4
    founded = {row[0]: f for row, f in zip(state.networks, state.founded, strict=True)}
    assert all(founded[row[0]] < int(row[2]) for row in state.awards)
