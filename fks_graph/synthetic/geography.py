"""The generated geography: the 16 real Länder with invented Kreise in real proportion."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from functools import cache

from fks_graph.synthetic.draw import balanced
from fks_graph.synthetic.naming import Names
from fks_graph.terms.vocab import vocabulary

__all__ = ["Kreis", "Land", "adjacent", "by_land", "laender", "land_codes", "make_kreise"]

# The 16 Länder in a chain of neighbours (SH, HH, NI, HB, NW, ...): ISO 3166-2 code, Kreise, of
# them kreisfreie Städte, IHKs (79 in all), Handwerkskammern (53 in all). The AGS prefix and the
# name of each Land come from the vocabulary (ontology/fks.ttl).
_CHAIN = (
    ("DE-SH", 15, 4, 3, 2),
    ("DE-HH", 1, 1, 1, 1),
    ("DE-NI", 45, 8, 7, 6),
    ("DE-HB", 2, 2, 1, 1),
    ("DE-NW", 53, 22, 16, 7),
    ("DE-HE", 26, 5, 10, 3),
    ("DE-RP", 36, 12, 4, 4),
    ("DE-SL", 6, 0, 1, 1),
    ("DE-BW", 44, 9, 12, 8),
    ("DE-BY", 96, 25, 9, 6),
    ("DE-TH", 22, 5, 3, 3),
    ("DE-SN", 13, 3, 3, 3),
    ("DE-ST", 14, 3, 2, 2),
    ("DE-BB", 18, 4, 3, 3),
    ("DE-BE", 1, 1, 1, 1),
    ("DE-MV", 8, 2, 3, 2),
)
_CITY_STATES = ("DE-HH", "DE-HB", "DE-BE")
_EAST = ("DE-BB", "DE-MV", "DE-SN", "DE-ST", "DE-TH")
_NOT_NEXT_TO_PREVIOUS = ("DE-NW", "DE-BW", "DE-MV")  # chain links that are no real border
_KREIS_WORD = {"DE-NW": "Kreis", "DE-SH": "Kreis"}  # elsewhere "Landkreis"
_CITY_STATE_LABELS = {"DE-HH": "Freie und Hansestadt Hamburg", "DE-BE": "Land Berlin"}


@dataclass(frozen=True, slots=True)
class Land:
    """A Land: ISO 3166-2 code, AGS prefix, German name and its structural numbers."""

    iso: str
    ags: str
    name: str
    kreise: int
    cities: int
    ihks: int
    hwks: int


@cache
def laender() -> tuple[Land, ...]:
    """The 16 Länder in the generator's chain of neighbours.

    Examples
    --------
    >>> [land.iso for land in laender()[:3]], laender()[4].name, laender()[4].ags
    (['DE-SH', 'DE-HH', 'DE-NI'], 'Nordrhein-Westfalen', '05')
    >>> sum(land.kreise for land in laender()), sum(land.ihks for land in laender())
    (400, 79)
    """
    scheme = vocabulary().laender
    return tuple(
        Land(iso, str(scheme.get(iso).ags_code), scheme.get(iso).label(), *numbers)
        for iso, *numbers in _CHAIN
    )


@dataclass(slots=True)
class Kreis:
    """A generated Kreis or kreisfreie Stadt, with the institutions that serve it."""

    index: int
    land: int  # position in laender()
    key: str
    short: str
    label: str
    is_city: bool
    region_type: str
    seat: str
    towns: list[str]
    area: str = ""  # name for Kreis-level actors: short, or label when two Kreise share it
    inst: dict[str, str] = field(default_factory=dict)  # Kreis attribute -> registry id
    welfare: list[str] = field(default_factory=list)


def land_codes(kreise: list[Kreis]) -> list[str]:
    """The ISO codes of the Länder of ``kreise``, each once, in order of first appearance.

    Examples
    --------
    >>> kreise = make_kreise(random.Random(1), Names(random.Random(1)))
    >>> land_codes([kreise[-1], kreise[0], kreise[1]])
    ['DE-MV', 'DE-SH']
    """
    codes: list[str] = []
    for kreis in kreise:
        iso = laender()[kreis.land].iso
        if iso not in codes:
            codes.append(iso)
    return codes


def adjacent(first: Kreis, second: Kreis) -> bool:
    """Whether two Kreise next to each other in the chain (``first`` before) border each other.

    Examples
    --------
    >>> kreise = make_kreise(random.Random(1), Names(random.Random(1)))
    >>> adjacent(kreise[0], kreise[1])
    True
    """
    return first.land == second.land or laender()[second.land].iso not in _NOT_NEXT_TO_PREVIOUS


def by_land(kreise: list[Kreis]) -> list[list[Kreis]]:
    """The Kreise of each Land, in the order of :func:`laender`."""
    lands: list[list[Kreis]] = [[] for _ in laender()]
    for kreis in kreise:
        lands[kreis.land].append(kreis)
    return lands


def _keys(land: Land, flags: list[bool], rng: random.Random) -> list[str]:
    """Kreisschlüssel: in Regierungsbezirke of about 14, cities from 11, Landkreise from 51."""
    if land.iso in _CITY_STATES:
        if land.kreise == 1:
            return [f"{land.ags}000"]
        return [f"{land.ags}0{11 + j}" for j in range(land.kreise)]
    keys = []
    count = land.kreise
    districts = (
        balanced(list(range(count)), -(-count // 14), rng) if count >= 10 else [list(range(count))]
    )
    for digit, district in enumerate(districts, start=1 if count >= 10 else 0):
        town_no, county_no = 11, 51
        for j in district:
            if flags[j]:
                keys.append(f"{land.ags}{digit}{town_no}")
                town_no += 1
            else:
                keys.append(f"{land.ags}{digit}{county_no}")
                county_no += 1
    return keys


def _region_type(rng: random.Random, iso: str, is_city: bool) -> str:
    """A code of the ontology's region types, drawn by kind of Kreis and east or west."""
    roll = rng.random()
    east = iso in _EAST
    if iso in _CITY_STATES:
        return "boom_city" if iso != "DE-HB" or roll < 0.5 else "city_in_transition"
    if is_city:
        return "boom_city" if roll < (0.3 if east else 0.45) else "city_in_transition"
    if east:
        return "strong_county" if roll < 0.1 else "average_east_county"
    return "strong_county" if roll < 0.35 else "average_west_county"


def _county_names(
    land: Land, previous: Kreis | None, rng: random.Random, names: Names
) -> tuple[str, str, str, list[str]]:
    """Seat, short name, label and towns of a Landkreis."""
    if previous is not None and previous.is_city and rng.random() < 0.15:
        seat = short = previous.seat  # Landkreis and Stadt of the same name
        towns = [seat]
    else:
        seat = names.town()
        towns = [seat]
        short = seat if rng.random() < 0.85 else f"{seat}-{names.town()}"
        if short != seat:
            towns.append(short.split("-", 1)[1])
    towns += [names.town() for _ in range(rng.randint(2, 5))]
    return seat, short, f"{_KREIS_WORD.get(land.iso, 'Landkreis')} {short}", towns


def make_kreise(rng: random.Random, names: Names) -> list[Kreis]:
    """About 400 Kreise with Kreisschlüssel, invented names, towns and region types.

    Examples
    --------
    >>> kreise = make_kreise(random.Random(1), Names(random.Random(1)))
    >>> len(kreise), kreise[15].label, kreise[15].key
    (400, 'Freie und Hansestadt Hamburg', '02000')
    """
    kreise: list[Kreis] = []
    for land_index, land in enumerate(laender()):
        city_state = land.iso in _CITY_STATES
        flags = [True] * land.cities + [False] * (land.kreise - land.cities)
        if not city_state:
            rng.shuffle(flags)
        keys = _keys(land, flags, rng)
        previous: Kreis | None = None
        for j in range(land.kreise):
            if city_state and j == 0:
                seat = short = land.name
                label = _CITY_STATE_LABELS.get(land.iso, f"Stadt {land.name}")
                towns = [seat]
            elif flags[j]:
                seat = short = names.town()
                label, towns = f"Stadt {seat}", [seat]
            else:
                seat, short, label, towns = _county_names(land, previous, rng, names)
            region_type = _region_type(rng, land.iso, flags[j])
            kreis = Kreis(
                len(kreise), land_index, keys[j], short, label, flags[j], region_type, seat, towns
            )
            kreise.append(kreis)
            previous = kreis if not (previous is not None and previous.seat == seat) else None
    shorts: dict[str, int] = {}
    for kreis in kreise:
        shorts[kreis.short] = shorts.get(kreis.short, 0) + 1
    for kreis in kreise:
        kreis.area = kreis.short if shorts[kreis.short] == 1 else kreis.label
    return kreise
