"""Invented names: towns and surnames from word stems, their adjectives and web slugs."""

from __future__ import annotations

import random
import re
import unicodedata

from fks_graph.synthetic.words import INFIXES, STEMS, SUFFIXES, SURNAME_ENDS, SURNAME_STEMS

__all__ = ["Names", "adjective", "slug"]

_CLUMSY = re.compile(r"(.)\1\1|[^aeiouäöüy]{5}", re.IGNORECASE)  # Rafffeld, Aschlfeld


def slug(text: str) -> str:
    """A lower-case ASCII slug of at most 48 characters for invented web addresses.

    Examples
    --------
    >>> slug("Fachkräftebündnis Bad Brelingen e.V.")
    'fachkraeftebuendnis-bad-brelingen-e-v'
    >>> slug("„“")
    'netz'
    """
    text = text.casefold()
    for umlaut, plain in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(umlaut, plain)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:48].strip("-") or "netz"


def adjective(town: str) -> str:
    """The adjective of a town's name.

    Examples
    --------
    >>> adjective("Brelingen"), adjective("Quarnau"), adjective("Tolmrode")
    ('Brelinger', 'Quarnauer', 'Tolmroder')
    """
    if town.endswith("ingen"):
        return town[:-1] + "r"
    return town + ("r" if town.endswith("e") else "er")


class Names:
    """Invented town names, each given once, and surnames, drawn from ``rng``.

    Examples
    --------
    >>> names = Names(random.Random(1))
    >>> town = names.town()
    >>> town in names.places, town == names.town()
    (True, False)
    >>> names.surname()[0].isupper()
    True
    """

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.places: set[str] = set()

    def town(self) -> str:
        """A town name not given before (sometimes a "Bad ...")."""
        rng = self.rng
        while True:
            stem, infix, suffix = rng.choice(STEMS), rng.choice(INFIXES), rng.choice(SUFFIXES)
            name = ("Bad " if rng.random() < 0.03 else "") + stem + infix + suffix
            if name in self.places or _CLUMSY.search(stem + infix + suffix):
                continue
            if infix == "s" and (stem[-1] in "skpz" or suffix[0] == "s"):
                continue
            self.places.add(name)
            return name

    def surname(self) -> str:
        """A surname (names may repeat)."""
        while True:
            name = self.rng.choice(SURNAME_STEMS) + self.rng.choice(SURNAME_ENDS)
            if not _CLUMSY.search(name):
                return name
