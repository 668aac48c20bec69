"""Instance IRIs: deterministic, under the base, never colliding."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from fks_graph.core.errors import UsageError
from fks_graph.graph.iris import Minter, check_base, slug
from fks_graph.input.records import Actor, Origin

O = Origin("memberships.csv", 2)


def _minter(*actors: Actor) -> Minter:
    return Minter("https://example.org/", actors)


@pytest.mark.parametrize("base", ["https://example.org/", "http://example.org/data#"])
def test_good_bases(base: str) -> None:
    assert check_base(base) == base


@pytest.mark.parametrize(
    "base",
    [
        "example.org/",
        "https://example.org",
        "https://ex ample.org/",
        "ftp://x/",
        "https://example.org/50%ig/",  # no IRI: the percent sign needs two hex digits
        "http://[::1/data/",
    ],
)
def test_bad_bases(base: str) -> None:
    with pytest.raises(UsageError, match="base IRI"):
        check_base(base)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Handwerkskammer Düsseldorf", "handwerkskammer-duesseldorf"),
        ("Müller & Söhne GmbH", "mueller-soehne-gmbh"),
        ("Straße", "strasse"),
    ],
)
def test_slug(text: str, expected: str) -> None:
    assert slug(text) == expected


def test_ids_are_percent_encoded() -> None:
    m = _minter()
    assert m.network("N 1/ä") == "https://example.org/network/N%201%2F%C3%A4"
    assert m.network("~x") == "https://example.org/network/%7Ex"


def test_registry_and_named_actors_never_collide() -> None:
    registry = Actor("id:~ihk", "IHK", O, id="~ihk")
    named = Actor("name:ihk", "IHK", O)
    m = _minter(registry, named)
    assert m.actor(registry.key) != m.actor(named.key)


def test_slug_collisions_get_a_hash() -> None:
    a = Actor("name:ihk-aachen", "IHK-Aachen", O)
    b = Actor("name:ihk aachen", "IHK Aachen", O)
    m = _minter(a, b)
    assert m.actor(a.key) != m.actor(b.key)
    assert m.actor(a.key).startswith("https://example.org/actor/~ihk-aachen~")


def test_city_is_part_of_a_named_actor_iri() -> None:
    bonn = Actor("name:volkshochschule@bonn", "Volkshochschule", O, city="Bonn")
    koeln = Actor("name:volkshochschule@köln", "Volkshochschule", O, city="Köln")
    m = _minter(bonn, koeln)
    assert m.actor(bonn.key) == "https://example.org/actor/~volkshochschule~bonn"
    assert m.actor(koeln.key) == "https://example.org/actor/~volkshochschule~koeln"


def test_names_without_letters_still_get_an_iri() -> None:
    odd = Actor("name:北京", "北京", O)
    assert _minter(odd).actor(odd.key).startswith("https://example.org/actor/~")


def test_membership_and_partner_iris() -> None:
    ihk = Actor("id:IHK", "IHK", O, id="IHK")
    m = _minter(ihk)
    assert m.membership("N1", ihk.key) == "https://example.org/membership/N1/IHK"
    assert m.membership("N1", ihk.key, 2) == "https://example.org/membership/N1/IHK/2"
    assert m.partner("P1", ihk.key) == "https://example.org/project/P1/partner/IHK"


@pytest.mark.parametrize("odd", ["N 1/ä", "20 14", '<x> "y"', "%zz", "a#b?c", "", "~"])
def test_every_minted_iri_is_a_valid_iri(odd: str) -> None:
    # the build loads its statements without checking IRIs again: minting must not make bad ones
    mint = _minter(Actor(f"name:{odd}", odd or "x", O, city=odd))
    iris = [
        mint.network(odd),
        mint.actor(f"name:{odd}"),
        mint.membership(odd, f"name:{odd}", 2),
        mint.period(odd, odd),
        mint.instant(odd),
        mint.project(odd),
        mint.partner(odd, f"name:{odd}"),
        mint.region(odd, odd),
        mint.region(None, odd),
        mint.award(odd, odd, odd),
        mint.named("prize", odd),
        mint.dataset(odd),
        mint.graph(odd),
    ]
    for iri in iris:
        assert ox.NamedNode(iri).value == iri
