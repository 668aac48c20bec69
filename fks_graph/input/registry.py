"""Link actors to the official registries by name: chambers, Jobcenter, Kreise and Städte."""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from fks_graph.core.cells import neutralise_records
from fks_graph.input.names import name_key, normal_name, unit_of
from fks_graph.registries import (
    HWK_CODE_LIST,
    IHK_CODE_LIST,
    chambers_of_commerce,
    chambers_of_crafts,
    current_chamber_of_commerce,
    jobcenters,
    kreise,
)

if TYPE_CHECKING:
    from fks_graph.input.records import Actor, Dataset

__all__ = [
    "REGISTRIES",
    "REVIEW_COLUMNS",
    "Candidate",
    "Entry",
    "Unlinked",
    "candidates",
    "entries_for",
    "entry_of",
    "kreis_entries",
    "may_have_entry",
    "needs_entry",
    "registered_type",
    "registry_review",
    "review_csv",
]

#: The registries actors are linked to: name -> (what it lists, its code list or source).
REGISTRIES: dict[str, tuple[str, str]] = {
    "handwerkskammer": ("Handwerkskammern", HWK_CODE_LIST),
    "ihk": ("Industrie- und Handelskammern", IHK_CODE_LIST),
    "jobcenter": ("Jobcenter (Eingliederungsmittel-Verordnung 2022, Anlage 2)", "EinglMV 2022"),
    "kreis": ("Kreise und kreisfreie Städte (AGS)", "Destatis Gemeindeverzeichnis 2017-03-31"),
}


@dataclass(frozen=True, slots=True)
class Entry:
    """An entry of an official registry: ``registry`` (a key of :data:`REGISTRIES`), its
    official ``code`` (XÖV code, BA number, AGS), ``label`` and Land (``state``, ISO code)."""

    registry: str
    code: str
    label: str
    state: str | None


@cache
def kreis_entries() -> tuple[Entry, ...]:
    """Every Kreis and kreisfreie Stadt as a registry entry, by AGS."""
    return tuple(
        Entry("kreis", kreis.ags, f"{_place(kreis.name)} ({kreis.type})", kreis.state)
        for kreis in kreise()
    )


@dataclass(frozen=True, slots=True)
class Candidate:
    """A registry entry an actor's name may denote, with the name's similarity (0-100)."""

    entry: Entry
    score: float


def _place(name: str) -> str:
    """A Kreis or Jobcenter name without its designation: ``Chemnitz, Stadt`` -> ``Chemnitz``."""
    return name.split(",")[0].strip()


@cache
def _names() -> tuple[tuple[str, Entry], ...]:
    """Every name under which an entry's actor is known, with the entry."""
    found: list[tuple[str, Entry]] = []
    for hwk in chambers_of_crafts():
        found.append((hwk.name, Entry("handwerkskammer", hwk.code, hwk.name, hwk.state)))
    for ihk in chambers_of_commerce():
        current = current_chamber_of_commerce(ihk.code)  # an old name resolves to its successor
        entry = Entry("ihk", current.code, f"IHK {current.name}", current.state)
        found += [(f"IHK {ihk.name}", entry), (f"Industrie- und Handelskammer {ihk.name}", entry)]
    for centre in jobcenters():
        entry = Entry("jobcenter", centre.number, f"Jobcenter {centre.name}", centre.state)
        place = _place(centre.name)
        found += [(f"Jobcenter {centre.name}", entry), (f"Jobcenter {place}", entry)]
        found.append((f"Jobcenter Landkreis {place}", entry))
    for kreis, entry in zip(kreise(), kreis_entries(), strict=True):
        place = _place(kreis.name)
        if kreis.kreisfrei:
            designation = kreis.name.split(",")[1].strip() if "," in kreis.name else "Stadt"
            offices = ("Stadt", designation, "Landeshauptstadt")
        elif place.split()[0] in ("Region", "Städteregion", "Regionalverband"):
            offices = ("",)
        else:
            offices = ("Landkreis", "Kreis", "Landratsamt")
        found += [(f"{office} {place}".strip(), entry) for office in offices]
    return tuple(found)


@cache
def _spellings() -> dict[str, tuple[Entry, ...]]:
    """Name key -> the entries an actor of that name is (several: the name is ambiguous)."""
    found: dict[str, list[Entry]] = defaultdict(list)
    for name, entry in _names():
        key = name_key(name)
        if entry not in found[key]:
            found[key].append(entry)
    return {key: tuple(entries) for key, entries in found.items()}


@cache
def _first_words() -> frozenset[str]:
    return frozenset(normal_name(name).split(" ", 1)[0] for name, _ in _names())


@cache
def _entries() -> dict[tuple[str, str], Entry]:
    return {(entry.registry, entry.code): entry for _, entry in _names()}


def entry_of(registry: str, code: str) -> Entry | None:
    """The entry with this code in this registry (a merged IHK's code: its successor's entry).

    Examples
    --------
    >>> entry_of("ihk", "144").label, entry_of("ihk", "187").label, entry_of("ihk", "999")
    ('IHK Dresden', 'IHK Chemnitz', None)
    """
    registry = registry.strip().casefold()
    if registry == "ihk" and code in {c.code for c in chambers_of_commerce()}:
        code = current_chamber_of_commerce(code).code
    return _entries().get((registry, code.strip()))


def may_have_entry(name: str) -> bool:
    """Whether a name can be that of a registry entry at all (its first word is one an entry's
    name starts with): a quick test before the exact one.

    Examples
    --------
    >>> may_have_entry("Handwerkskammer Dresden"), may_have_entry("Volkshochschule Bonn")
    (True, False)
    """
    return normal_name(name).split(" ", 1)[0] in _first_words()


_FOR_DISTRICT = re.compile(r"(.+?)\s+für\s+(?:den|die|das)\s+.+", re.IGNORECASE)


def entries_for(name: str, states: Iterable[str] = ()) -> tuple[Entry, ...]:
    """The registry entries a name denotes, compared as actor names are (see
    :func:`~fks_graph.input.names.name_key`); an entry of another Land than ``states`` (the
    Länder of the actor's networks, if known) is never one.

    Examples
    --------
    >>> [(e.registry, e.code) for e in entries_for("Industrie- und Handelskammer zu Leipzig")]
    [('ihk', '159')]
    >>> [(e.registry, e.code) for e in entries_for("HWK Dresden", ["DE-SN"])]
    [('handwerkskammer', '00002')]
    >>> entries_for("HWK Dresden", ["DE-BY"])  # a Dresden chamber in a Bavarian network: no
    ()
    >>> [(e.registry, e.code) for e in entries_for("Landkreis Mittelsachsen")]
    [('kreis', '14522')]
    >>> [e.label for e in entries_for("IHK Zwickau")]  # merged into the IHK Chemnitz
    ['IHK Chemnitz']
    >>> [e.code for e in entries_for("IHK Stade für den Elbe-Weser-Raum")]
    ['174']
    """
    found = _spellings().get(name_key(name), ())
    if not found and (district := _FOR_DISTRICT.fullmatch(name)):
        # "IHK Stade für den Elbe-Weser-Raum": a chamber named with the district it serves
        found = _spellings().get(name_key(district[1]), ())
        found = tuple(e for e in found if e.registry in ("ihk", "handwerkskammer"))
    wanted = set(states)
    return tuple(e for e in found if not wanted or e.state is None or e.state in wanted)


@cache
def _choices(registry: str | None) -> tuple[list[str], list[Entry]]:
    """The names of a registry's entries (all registries for ``None``) in normal form."""
    names, entries = [], []
    for name, entry in _names():
        if registry is None or entry.registry == registry:
            names.append(normal_name(name).replace("-", " "))  # words joined by dashes too
            entries.append(entry)
    return names, entries


def candidates(
    name: str, *, registry: str | None = None, limit: int = 3, min_score: float = 70.0
) -> list[Candidate]:
    """Registry entries whose names are near ``name``, best first, for a person to review.

    Names are compared word by word (rapidfuzz's token set ratio of the normal forms), so a
    name that leaves out part of an entry's name still finds it.

    Examples
    --------
    >>> [(c.entry.label, round(c.score)) for c in candidates("Handwerskammer Dresden")][:1]
    [('Handwerkskammer Dresden', 98)]
    >>> [c.entry.label for c in candidates("HWK Mannheim", registry="handwerkskammer")][:1]
    ['Handwerkskammer Mannheim-Rhein-Neckar-Odenwald']
    """
    names, entries = _choices(registry)
    query = normal_name(name).replace("-", " ")
    found = process.extract(
        query, names, scorer=fuzz.token_set_ratio, limit=limit * 4, score_cutoff=min_score
    )
    best: dict[Entry, float] = {}
    for _, score, index in found:
        entry = entries[index]
        best[entry] = max(best.get(entry, 0.0), float(score))
    ranked = sorted(best.items(), key=lambda item: (-item[1], item[0].registry, item[0].code))
    return [Candidate(entry, score) for entry, score in ranked[:limit]]


_REGISTRY_OF = {
    "chamber_of_crafts": "handwerkskammer",
    "chamber_of_commerce": "ihk",
    "jobcenter": "jobcenter",
    "municipality": "kreis",
}


def registered_type(entry: Entry) -> str:
    """The actor type of an entry's actor.

    Examples
    --------
    >>> registered_type(Entry("ihk", "144", "IHK Dresden", "DE-SN"))
    'chamber_of_commerce'
    """
    return next(type_ for type_, registry in _REGISTRY_OF.items() if registry == entry.registry)


def needs_entry(actor_type: str, name: str) -> bool:
    """Whether an actor of this type and name should have a registry entry: chambers,
    Jobcenter, and Kreise or kreisfreie Städte themselves (not their offices)."""
    if actor_type in ("chamber_of_crafts", "chamber_of_commerce", "jobcenter"):
        return True
    if actor_type != "municipality":
        return False
    words = unit_of(name).split()
    return len(words) >= 2 and words[0] in ("landkreis", "kreis", "stadt", "landeshauptstadt")


#: Columns of the registry review (``fks-graph resolve --registry --format csv``).
REVIEW_COLUMNS = ("name", "type", "city", "networks", "registry", "code", "label", "score")


@dataclass(frozen=True, slots=True)
class Unlinked:
    """An actor that should have a registry entry but matches none, or several, by name;
    ``candidates`` are the nearest entries of the Länder of its ``networks``."""

    actor: Actor
    networks: tuple[str, ...]
    candidates: tuple[Candidate, ...]

    def rows(self) -> list[dict[str, str]]:
        """One row per candidate (one without a candidate if there is none)."""
        common = {
            "name": self.actor.name,
            "type": self.actor.type,
            "city": self.actor.city or "",
            "networks": "|".join(self.networks),
        }
        empty = {"registry": "", "code": "", "label": "", "score": ""}
        return [
            {**common, "registry": c.entry.registry, "code": c.entry.code,
             "label": c.entry.label, "score": f"{c.score:.0f}"}
            for c in self.candidates
        ] or [{**common, **empty}]  # fmt: skip


def registry_review(dataset: Dataset) -> list[Unlinked]:
    """The chambers, Jobcenter and Kreise of a dataset that the build could not link to their
    registry entry, with candidates for a person to check, never guessed.

    Examples
    --------
    >>> from fks_graph.input.records import Actor, Dataset, DatasetInfo, Membership, Network, Origin
    >>> o = Origin("x.csv", 2)
    >>> hwk = Actor("name:hwk", "Handwerskammer Dresden", o, type="chamber_of_crafts")
    >>> data = Dataset(DatasetInfo("d", "D"), (Network("N1", "A", o, states=("DE-SN",)),),
    ...                (hwk,), (Membership("N1", "name:hwk", o),))
    >>> [(u.actor.name, u.candidates[0].entry.label) for u in registry_review(data)]
    [('Handwerskammer Dresden', 'Handwerkskammer Dresden')]
    """
    states = {network.id: set(network.states) for network in dataset.networks}
    networks: dict[str, set[str]] = defaultdict(set)
    for membership in dataset.memberships:
        networks[membership.actor_key].add(membership.network_id)
    found = []
    for actor in dataset.actors:
        if actor.registry is not None or not needs_entry(actor.type, actor.name):
            continue
        ids = sorted(networks.get(actor.key, ()))
        laender = set().union(*(states.get(i, set()) for i in ids)) or set(actor.states)
        near = [
            candidate
            for candidate in candidates(actor.name, registry=_REGISTRY_OF.get(actor.type), limit=6)
            if not laender or candidate.entry.state is None or candidate.entry.state in laender
        ]
        found.append(Unlinked(actor, tuple(ids), tuple(near[:3])))
    return found


def review_csv(review: Iterable[Unlinked]) -> str:
    """The registry review as CSV (:data:`REVIEW_COLUMNS`), text cells safe for spreadsheets."""
    out = io.StringIO()
    writer = csv.DictWriter(out, REVIEW_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for unlinked in review:
        writer.writerows(neutralise_records(unlinked.rows()))
    return out.getvalue()
