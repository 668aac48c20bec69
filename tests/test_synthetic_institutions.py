"""Tests of fks_graph.synthetic.institutions: the registry and its real structure."""

from __future__ import annotations

import random
from collections import Counter

from fks_graph.input.names import normal_name
from fks_graph.synthetic.geography import make_kreise
from fks_graph.synthetic.institutions import Registry, found_institutions
from fks_graph.synthetic.naming import Names


def test_institutions_follow_the_real_structure() -> None:
    rng = random.Random(1)
    kreise = make_kreise(rng, Names(rng))
    registry = Registry(rng)
    found_institutions(kreise, registry, rng)
    types = Counter(actor.type for actor in registry.actors.values())
    assert types["chamber_of_commerce"] == 79
    assert types["chamber_of_crafts"] == 53
    assert types["employment_agency"] == 156
    assert types["jobcenter"] == len(kreise)
    assert types["pension_insurance"] == 14
    for kreis in kreise:
        agency = registry.actors[kreis.inst["aa"]]
        covered = sum(1 for k in kreise if k.inst["aa"] == agency.id)
        assert covered in (
            (1, 2) if len([k for k in kreise if k.land == kreis.land]) <= 2 else (2, 3)
        )


def test_look_alike_names_are_numbered() -> None:
    rng = random.Random(1)
    kreise = make_kreise(rng, Names(rng))
    registry = Registry(rng)
    first = registry.add("WF", "business_development", ("Wirtschaftsförderung X",), kreise[:1])
    second = registry.add("WF", "business_development", ("Wirtschaftsförderung  X",), kreise[:1])
    assert (first, second) == ("WF001", "WF002")
    assert registry.actors[second].name == "Wirtschaftsförderung  X 2"
    assert len({normal_name(actor.name) for actor in registry.actors.values()}) == 2
