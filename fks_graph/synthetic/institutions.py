"""The registry of institutions: chambers, agencies, Jobcenter, DRV and more, by Kreis."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from fks_graph.input.names import normal_name
from fks_graph.synthetic.draw import balanced
from fks_graph.synthetic.geography import Kreis, by_land, laender, land_codes
from fks_graph.synthetic.naming import adjective, slug
from fks_graph.synthetic.words import AGV_KINDS, RESEARCH_KINDS, UNI_KINDS, WELFARE_KINDS

__all__ = ["Actor", "Registry", "found_institutions"]

_AGENCIES = 156  # Agenturen für Arbeit, each covering 2-3 Kreise
# The 14 regional carriers of the Deutsche Rentenversicherung (real institutional names) and the
# Länder they serve; a Land under two or three carriers is split between them.
_DRV = (
    ("Nord", ("DE-SH", "DE-HH", "DE-MV")),
    ("Braunschweig-Hannover", ("DE-NI",)),
    ("Oldenburg-Bremen", ("DE-NI", "DE-HB")),
    ("Rheinland", ("DE-NW",)),
    ("Westfalen", ("DE-NW",)),
    ("Hessen", ("DE-HE",)),
    ("Rheinland-Pfalz", ("DE-RP",)),
    ("Saarland", ("DE-SL",)),
    ("Baden-Württemberg", ("DE-BW",)),
    ("Bayern Süd", ("DE-BY",)),
    ("Nordbayern", ("DE-BY",)),
    ("Schwaben", ("DE-BY",)),
    ("Mitteldeutschland", ("DE-TH", "DE-SN", "DE-ST")),
    ("Berlin-Brandenburg", ("DE-BB", "DE-BE")),
)
_THREE_DIGITS = ("AA", "JC", "KOM", "WF", "WV")  # id prefixes numbered with three digits

# Names an institution after the Kreis of its area: (name candidates, alias).
_Namer = Callable[[Kreis, "Kreis | None"], tuple[tuple[str, ...], str]]


@dataclass(slots=True)
class Actor:
    """An institution of the registry (a row of ``actors.csv``) and the alias it goes by."""

    id: str
    name: str
    type: str
    city: str
    states: str
    website: str
    alias: str


class Registry:
    """The institutions by id, with distinct normal names, and how many networks use each.

    Examples
    --------
    >>> from fks_graph.synthetic.geography import make_kreise
    >>> from fks_graph.synthetic.naming import Names
    >>> rng = random.Random(1)
    >>> kreise = make_kreise(rng, Names(rng))
    >>> registry = Registry(rng)
    >>> registry.add("IHK", "chamber_of_commerce", ("IHK Nord", "IHK Süd"), kreise[:2])
    'IHK01'
    >>> registry.add("IHK", "chamber_of_commerce", ("I.H.K. Nord", "IHK Süd"), kreise[:1])
    'IHK02'
    >>> registry.actors["IHK02"].name, registry.actors["IHK02"].states
    ('IHK Süd', 'DE-SH')
    """

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.actors: dict[str, Actor] = {}
        self.names: set[str] = set()  # normal names: no two institutions look alike
        self.counters: dict[str, int] = {}
        self.uses: dict[str, int] = {}  # registry id -> networks

    def pick_unique(self, *candidates: str) -> str:
        """The first candidate no institution's normal name has, else the first numbered."""
        for name in candidates:
            if normal_name(name) not in self.names:
                return name
        number = 2
        while normal_name(f"{candidates[0]} {number}") in self.names:
            number += 1
        return f"{candidates[0]} {number}"

    def add(
        self, prefix: str, type_: str, names: tuple[str, ...], kreise: list[Kreis], alias: str = ""
    ) -> str:
        """Register an institution seated in ``kreise[0]`` and serving ``kreise``; its id."""
        name = self.pick_unique(*names)
        self.names.add(normal_name(name))
        number = self.counters[prefix] = self.counters.get(prefix, 0) + 1
        actor_id = f"{prefix}{number:03d}" if prefix in _THREE_DIGITS else f"{prefix}{number:02d}"
        roll = self.rng.random()
        web = slug(name)
        website = (
            f"https://www.{web}.example.org"
            if roll < 0.8
            else f"https://{web}.invalid"
            if roll < 0.9
            else ""
        )
        self.actors[actor_id] = Actor(
            actor_id,
            name,
            type_,
            kreise[0].seat,
            "|".join(land_codes(kreise)),
            website,
            alias or name,
        )
        return actor_id


def _name_kreis(run: list[Kreis]) -> tuple[Kreis, Kreis | None]:
    """The Kreis a run-level institution is named after (a city first), and a second one."""
    main = next((k for k in run if k.is_city), run[0])
    other = next((k for k in run if k is not main and k.short != main.short), None)
    return main, other


def _namers(rng: random.Random) -> dict[str, _Namer]:
    """How IHK, HWK, Agentur für Arbeit, DGB and the kinds of other institutions are named."""

    def ihk(main: Kreis, other: Kreis | None) -> tuple[tuple[str, ...], str]:
        a = main.short
        if rng.random() < 0.2 and other is not None:
            return (f"IHK {a}-{other.short}", f"IHK {a}"), f"IHK {a}"
        if rng.random() < 0.6:
            return (f"IHK {a}", f"IHK {main.label}"), f"Industrie- und Handelskammer {a}"
        return (f"Industrie- und Handelskammer {a}", f"IHK {main.label}"), f"IHK {a}"

    def hwk(main: Kreis, other: Kreis | None) -> tuple[tuple[str, ...], str]:
        a = main.short
        if rng.random() < 0.25 and other is not None:
            return (f"Handwerkskammer {a}-{other.short}", f"HWK {a}"), f"HWK {a}"
        return (f"Handwerkskammer {a}", f"HWK {main.label}"), f"HWK {a}"

    def agency(main: Kreis, other: Kreis | None) -> tuple[tuple[str, ...], str]:
        a = main.short
        if rng.random() < 0.35 and other is not None:
            names = (f"Agentur für Arbeit {a}-{other.short}", f"Agentur für Arbeit {a}")
        else:
            names = (f"Agentur für Arbeit {a}", f"Agentur für Arbeit {main.label}")
        return names, f"Arbeitsagentur {a}"

    def dgb(main: Kreis, other: Kreis | None) -> tuple[tuple[str, ...], str]:
        a = main.short
        if rng.random() < 0.4 and other is not None:
            return (f"DGB Region {a}-{other.short}", f"DGB Region {a}"), f"DGB {a}"
        return (f"DGB Region {a}", f"DGB Region {main.label}"), f"DGB {a}"

    def from_kinds(kinds: tuple[str, ...]) -> _Namer:
        def make(main: Kreis, other: Kreis | None) -> tuple[tuple[str, ...], str]:
            names = tuple(
                kind.format(T=main.seat, A=main.short, J=adjective(main.seat))
                for kind in rng.sample(kinds, len(kinds))
            )
            return names, names[0]

        return make

    return {
        "ihk": ihk,
        "hwk": hwk,
        "aa": agency,
        "dgb": dgb,
        "uni": from_kinds(UNI_KINDS),
        "agv": from_kinds(AGV_KINDS),
        "fi": from_kinds(RESEARCH_KINDS),
    }


def _agency_counts(lands: list[list[Kreis]]) -> list[int]:
    """Agenturen für Arbeit per Land: 156 in all, each covering about two or three Kreise."""
    agencies = [1 if len(ks) == 1 else -(-len(ks) // 3) for ks in lands]
    ceilings = [max(1, len(ks) // 2) for ks in lands]
    while sum(agencies) < _AGENCIES:
        best = max(
            (i for i in range(len(lands)) if agencies[i] < ceilings[i]),
            key=lambda i: len(lands[i]) / agencies[i],
        )
        agencies[best] += 1
    return agencies


def _regional(lands: list[list[Kreis]], registry: Registry, rng: random.Random) -> None:
    """The institutions serving runs of Kreise within a Land: chambers, agencies, DGB, ..."""
    agencies = _agency_counts(lands)
    namers = _namers(rng)
    plans: tuple[tuple[str, str, str, Callable[[int, list[Kreis]], int]], ...] = (
        ("IHK", "chamber_of_commerce", "ihk", lambda i, ks: laender()[i].ihks),
        ("HWK", "chamber_of_crafts", "hwk", lambda i, ks: laender()[i].hwks),
        ("AA", "employment_agency", "aa", lambda i, ks: agencies[i]),
        ("DGB", "union", "dgb", lambda i, ks: round(len(ks) / 5)),
        ("HS", "university", "uni", lambda i, ks: round(len(ks) / 3)),
        ("AGV", "employers_association", "agv", lambda i, ks: round(len(ks) / 6)),
        ("FI", "research", "fi", lambda i, ks: round(len(ks) / 12)),
    )
    for prefix, type_, attr, how_many in plans:
        for i, kreise in enumerate(lands):
            for run in balanced(kreise, how_many(i, kreise), rng):
                main, other = _name_kreis(run)
                names, alias = namers[attr](main, other)
                actor_id = registry.add(prefix, type_, names, [main, *run], alias)
                for kreis in run:
                    kreis.inst[attr] = actor_id


def _pension_carriers(lands: list[list[Kreis]], registry: Registry, rng: random.Random) -> None:
    """The 14 regional carriers of the Deutsche Rentenversicherung, splitting shared Länder."""
    isos = [land.iso for land in laender()]
    shares: dict[int, list[list[Kreis]]] = {}
    for i, kreise in enumerate(lands):
        carriers = [c for c, served in _DRV if isos[i] in served]
        shares[i] = balanced(kreise, len(carriers), rng)
    for carrier, served in _DRV:
        run: list[Kreis] = []
        for i in range(len(lands)):
            if isos[i] in served:
                position = [c for c, ls in _DRV if isos[i] in ls].index(carrier)
                run += shares[i][position]
        actor_id = registry.add(
            "DRV",
            "pension_insurance",
            (f"Deutsche Rentenversicherung {carrier}",),
            run,
            f"DRV {carrier}",
        )
        for kreis in run:
            kreis.inst["drv"] = actor_id


def _local_authorities(kreis: Kreis, registry: Registry, rng: random.Random) -> None:
    """A Kreis's own Jobcenter, administration, Wirtschaftsförderung and two welfare bodies."""
    a = kreis.area
    municipal = rng.random() < 0.25
    kreis.inst["jc"] = registry.add(
        "JC",
        "jobcenter",
        (
            f"Kommunales Jobcenter {a}" if municipal else f"Jobcenter {a}",
            f"Jobcenter {kreis.label}",
        ),
        [kreis],
        f"Jobcenter {kreis.label}",
    )
    office = "Stadtverwaltung" if kreis.is_city else "Kreisverwaltung"
    kreis.inst["mun"] = registry.add(
        "KOM", "municipality", (kreis.label,), [kreis], f"{office} {kreis.short}"
    )
    wf = (
        f"Wirtschaftsförderung {a}"
        if rng.random() < 0.6
        else f"Wirtschaftsförderungsgesellschaft {a} mbH"
    )
    kreis.inst["wf"] = registry.add(
        "WF",
        "business_development",
        (wf, f"Wirtschaftsförderung {kreis.label}"),
        [kreis],
        f"WiFö {a}",
    )
    for kind in rng.sample(WELFARE_KINDS, 2):
        kreis.welfare.append(
            registry.add("WV", "welfare_organisation", (kind.format(A=a),), [kreis])
        )


def found_institutions(kreise: list[Kreis], registry: Registry, rng: random.Random) -> None:
    """Register the institutions of every Kreis and note their ids in ``Kreis.inst``.

    79 IHKs, 53 Handwerkskammern, 156 Agenturen für Arbeit, DGB regions, universities,
    employers' associations and research institutes per Land; the 14 DRV carriers; per Kreis a
    Jobcenter, the administration, the Wirtschaftsförderung and two welfare organisations.

    Examples
    --------
    >>> from collections import Counter
    >>> from fks_graph.synthetic.geography import make_kreise
    >>> from fks_graph.synthetic.naming import Names
    >>> rng = random.Random(1)
    >>> kreise = make_kreise(rng, Names(rng))
    >>> registry = Registry(rng)
    >>> found_institutions(kreise, registry, rng)
    >>> types = Counter(actor.type for actor in registry.actors.values())
    >>> types["chamber_of_commerce"], types["pension_insurance"], sorted(kreise[0].inst)
    (79, 14, ['aa', 'agv', 'dgb', 'drv', 'fi', 'hwk', 'ihk', 'jc', 'mun', 'uni', 'wf'])
    """
    lands = by_land(kreise)
    _regional(lands, registry, rng)
    _pension_carriers(lands, registry, rng)
    for kreis in kreise:
        _local_authorities(kreis, registry, rng)
