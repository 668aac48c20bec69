"""Tests of fks_graph.synthetic.local_actors: local names, reuse and caps."""

from __future__ import annotations

import random

from fks_graph.synthetic.local_actors import LocalActors
from fks_graph.synthetic.naming import Names


def _actors(seed: int = 1) -> LocalActors:
    rng = random.Random(seed)
    return LocalActors(rng, Names(rng))


def test_a_name_in_a_town_is_one_actor() -> None:
    actors = _actors()
    assert actors.get("company", "Brel Logistik GmbH", "Brelingen") == (0, True)
    assert actors.get("company", "Brel Logistik GmbH", "Brelingen") == (0, False)
    assert actors.get("company", "Brel Logistik GmbH", "Quarnau") == (1, True)
    assert actors.pools[("company", "Brelingen")] == [0]


def test_schools_are_numbered_or_named_by_quarter() -> None:
    actors = _actors()
    names = [actors.school_name("Brelingen") for _ in range(200)]
    assert len(set(names)) == len(names)
    assert any(name.startswith("Berufsschule Brelingen ") for name in names)
    assert any(name.endswith("-Nord") for name in names)


def test_pick_respects_the_cap_and_the_seen_set() -> None:
    actors = _actors()
    seen: set[str | int] = set()
    picked = []
    for _ in range(50):
        lid = actors.pick("company", "Brelingen", seen, 1.0, 2)
        assert lid is not None
        assert lid not in seen
        seen.add(lid)
        actors.actors[lid].uses += 1
        picked.append(lid)
    assert len(set(picked)) == len(picked)
    assert all(actor.uses <= 2 for actor in actors.actors)


def test_education_providers_have_names_of_their_town_or_a_surname() -> None:
    actors = _actors(4)
    names = {actors.edu_name("Quarnau") for _ in range(40)}
    assert any("Quarnau" in name for name in names)
    assert all("{" not in name for name in names)
