"""Tests of fks_graph.synthetic.naming: invented towns, surnames, adjectives and slugs."""

from __future__ import annotations

import random
import re

from fks_graph.synthetic.naming import Names, adjective, slug


def test_towns_are_unique_and_pronounceable() -> None:
    names = Names(random.Random(5))
    towns = [names.town() for _ in range(500)]
    assert len(set(towns)) == len(towns) == len(names.places)
    assert any(town.startswith("Bad ") for town in towns)
    assert not any(re.search(r"(.)\1\1", town.removeprefix("Bad ")) for town in towns)


def test_the_same_seed_gives_the_same_names() -> None:
    first, second = Names(random.Random(3)), Names(random.Random(3))
    assert [first.town() for _ in range(20)] == [second.town() for _ in range(20)]
    assert [first.surname() for _ in range(20)] == [second.surname() for _ in range(20)]


def test_adjectives_and_slugs() -> None:
    assert adjective("Tolmingen") == "Tolminger"
    assert adjective("Harrbeck") == "Harrbecker"
    assert slug("Netzwerk „Familie und Beruf“ Süd-Ost") == "netzwerk-familie-und-beruf-sued-ost"
    assert len(slug("Fachkräfte " * 20)) <= 48
    assert not slug("x " * 30).endswith("-")
