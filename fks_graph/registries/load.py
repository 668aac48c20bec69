"""Read the shipped registries (chambers, job centres, Kreise, Länder, outlines) as records."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any, Literal

__all__ = [
    "HWK_CODE_LIST",
    "IHK_CODE_LIST",
    "CommerceChamber",
    "CraftsChamber",
    "Jobcenter",
    "Kreis",
    "Land",
    "centroids",
    "chambers_of_commerce",
    "chambers_of_crafts",
    "current_chamber_of_commerce",
    "jobcenters",
    "kreise",
    "laender",
    "outline_text",
    "outlines",
]

#: XÖV code list (with version) of the Handwerkskammer codes.
HWK_CODE_LIST = "urn:xoev-de:xunternehmen:codeliste:handwerkskammern_5"
#: XÖV code list (with version) of the IHK codes.
IHK_CODE_LIST = "urn:xoev-de:xunternehmen:codeliste:ihk_2021-02-15"

Level = Literal["kreise", "laender"]

#: IRIs of the registries' entries in a graph: ``{REGISTRY_BASE}{registry}/{code}``; a
#: registry itself is ``{REGISTRY_BASE}{registry}``. They name official codes, the same in
#: every graph fks-graph builds.
REGISTRY_BASE = "https://w3id.org/fks-graph/registry/"


def entry_iri(registry: str, code: str = "") -> str:
    """The IRI of a registry entry (or, without a code, of the registry itself).

    Examples
    --------
    >>> entry_iri("kreis", "14522")
    'https://w3id.org/fks-graph/registry/kreis/14522'
    """
    return f"{REGISTRY_BASE}{registry}/{code}" if code else f"{REGISTRY_BASE}{registry}"


@dataclass(frozen=True, slots=True)
class CraftsChamber:
    """A Handwerkskammer of the XÖV code list.

    ``city`` and ``state`` (ISO 3166-2 code, e.g. ``DE-SN``) are ``None`` where the chamber's
    name does not determine them (see the registries' README).
    """

    code: str
    name: str
    city: str | None
    state: str | None


@dataclass(frozen=True, slots=True)
class CommerceChamber:
    """An Industrie- und Handelskammer of the XÖV code list, current or merged.

    ``merged_into`` is the code of the chamber it merged into (``None`` for a current one);
    ``label`` is the list's own text, with its note on the merger.
    """

    code: str
    name: str
    city: str | None
    state: str | None
    merged_into: str | None
    label: str

    @property
    def current(self) -> bool:
        """Whether the chamber still exists under this code."""
        return self.merged_into is None


@dataclass(frozen=True, slots=True)
class Jobcenter:
    """A Jobcenter of the annex of the Eingliederungsmittel-Verordnung.

    ``number`` is its BA number (Träger-Nummer), ``form`` ``"gE"`` (gemeinsame Einrichtung) or
    ``"zkT"`` (zugelassener kommunaler Träger); ``ags`` the Kreis its name names, where the
    name names exactly one.
    """

    number: str
    name: str
    form: Literal["gE", "zkT"]
    ags: str | None
    state: str | None


@dataclass(frozen=True, slots=True)
class Kreis:
    """A Kreis or kreisfreie Stadt of the Gemeindeverzeichnis, keyed by its five-digit AGS."""

    ags: str
    name: str
    type: str
    seat: str
    state: str

    @property
    def kreisfrei(self) -> bool:
        """Whether it is a kreisfreie Stadt (in Baden-Württemberg: a Stadtkreis)."""
        return self.type in ("Kreisfreie Stadt", "Stadtkreis")


@dataclass(frozen=True, slots=True)
class Land:
    """A Land: ISO 3166-2 code, two-digit AGS prefix and name."""

    code: str
    ags: str
    name: str


def _text(name: str) -> str:
    return (files(__package__) / name).read_text(encoding="utf-8")


def _rows(name: str) -> list[dict[str, str | None]]:
    return [
        {key: value or None for key, value in row.items()}
        for row in csv.DictReader(io.StringIO(_text(name)))
    ]


@cache
def chambers_of_crafts() -> tuple[CraftsChamber, ...]:
    """The 53 Handwerkskammern with their XÖV codes (:data:`HWK_CODE_LIST`), by code.

    Examples
    --------
    >>> len(chambers_of_crafts())
    53
    >>> chambers_of_crafts()[1]
    CraftsChamber(code='00002', name='Handwerkskammer Dresden', city='Dresden', state='DE-SN')
    """
    return tuple(CraftsChamber(**row) for row in _rows("handwerkskammern.csv"))


@cache
def chambers_of_commerce() -> tuple[CommerceChamber, ...]:
    """The IHKs with their XÖV codes (:data:`IHK_CODE_LIST`), merged ones included, by code.

    Examples
    --------
    >>> chambers = chambers_of_commerce()
    >>> len(chambers), sum(chamber.current for chamber in chambers)
    (87, 79)
    >>> chambers[0].code, chambers[0].name, chambers[0].state
    ('101', 'Aachen', 'DE-NW')
    """
    return tuple(CommerceChamber(**row) for row in _rows("ihk.csv"))


def current_chamber_of_commerce(code: str) -> CommerceChamber:
    """The current IHK of a code: the chamber itself or the one it merged into (transitively).

    Raises
    ------
    KeyError
        If the code is not in the list.

    Examples
    --------
    >>> current_chamber_of_commerce("173").name  # 'Solingen (alt, jetzt Wuppertal)'
    'Wuppertal'
    >>> current_chamber_of_commerce("142").name
    'Köln'
    """
    by_code = {chamber.code: chamber for chamber in chambers_of_commerce()}
    chamber = by_code[code]
    seen = {code}
    while chamber.merged_into is not None and chamber.merged_into not in seen:
        seen.add(chamber.merged_into)
        chamber = by_code[chamber.merged_into]
    return chamber


@cache
def jobcenters() -> tuple[Jobcenter, ...]:
    """The Jobcenter with their BA numbers and forms (EinglMV 2022, Anlage 2), by number.

    Examples
    --------
    >>> centres = jobcenters()
    >>> len(centres), sum(c.form == "zkT" for c in centres)
    (405, 104)
    >>> [c for c in centres if c.name == "Erzgebirgskreis"][0]
    Jobcenter(number='07146', name='Erzgebirgskreis', form='zkT', ags='14521', state='DE-SN')
    """
    return tuple(Jobcenter(**row) for row in _rows("jobcenter.csv"))


@cache
def kreise() -> tuple[Kreis, ...]:
    """The Kreise and kreisfreie Städte with their AGS (Gemeindeverzeichnis of 31 March 2017).

    Examples
    --------
    >>> len(kreise()), sum(k.kreisfrei for k in kreise())
    (401, 107)
    >>> kreise()[0]
    Kreis(ags='01001', name='Flensburg, Stadt', type='Kreisfreie Stadt', seat='Flensburg', state='DE-SH')
    """
    return tuple(Kreis(**row) for row in _rows("kreise.csv"))


@cache
def laender() -> tuple[Land, ...]:
    """The 16 Länder, by AGS prefix.

    Examples
    --------
    >>> [land.code for land in laender()][:3]
    ['DE-SH', 'DE-HH', 'DE-NI']
    """
    return tuple(Land(**row) for row in _rows("laender.csv"))


def outline_text(level: Level) -> str:
    """The simplified outlines of the Kreise or the Länder as GeoJSON text (to inline in a page).

    Each feature's ``id`` is the Kreis' AGS or the Land's ISO code; its properties are
    ``name``, ``centroid`` and ``label_point`` (a point inside it), each as ``[lon, lat]``.
    Source: BKG VG5000 (© GeoBasis-DE / BKG, dl-de/by-2-0), see the registries' README.

    Raises
    ------
    ValueError
        If ``level`` is neither ``"kreise"`` nor ``"laender"``.

    Examples
    --------
    >>> outline_text("laender").startswith('{"type":"FeatureCollection"')
    True
    >>> outline_text("gemeinden")
    Traceback (most recent call last):
    ValueError: no outlines of 'gemeinden' (known: kreise, laender)
    """
    if level not in ("kreise", "laender"):
        raise ValueError(f"no outlines of {level!r} (known: kreise, laender)")
    return _text(f"{level}.geojson")


def outlines(level: Level) -> dict[str, Any]:
    """The outlines of :func:`outline_text` as a parsed GeoJSON FeatureCollection (a new copy).

    Examples
    --------
    >>> len(outlines("kreise")["features"]), len(outlines("laender")["features"])
    (401, 16)
    """
    return json.loads(outline_text(level))


def centroids(level: Level) -> dict[str, tuple[float, float]]:
    """The centroid ``(lon, lat)`` of each Kreis (by AGS) or Land (by ISO code).

    Examples
    --------
    >>> lon, lat = centroids("laender")["DE-BE"]
    >>> 13.0 < lon < 13.8 and 52.3 < lat < 52.7
    True
    """
    return dict(_centroids(level))


@cache
def _centroids(level: Level) -> dict[str, tuple[float, float]]:
    return {
        feature["id"]: (feature["properties"]["centroid"][0], feature["properties"]["centroid"][1])
        for feature in outlines(level)["features"]
    }
