"""Official registries shipped with the package: chambers, Jobcenter, Kreise, Länder and outlines."""

from __future__ import annotations

from .load import (
    HWK_CODE_LIST,
    IHK_CODE_LIST,
    REGISTRY_BASE,
    CommerceChamber,
    CraftsChamber,
    Jobcenter,
    Kreis,
    Land,
    centroids,
    chambers_of_commerce,
    chambers_of_crafts,
    current_chamber_of_commerce,
    entry_iri,
    jobcenters,
    kreise,
    laender,
    outline_text,
    outlines,
)

__all__ = [
    "HWK_CODE_LIST",
    "IHK_CODE_LIST",
    "REGISTRY_BASE",
    "CommerceChamber",
    "CraftsChamber",
    "Jobcenter",
    "Kreis",
    "Land",
    "centroids",
    "chambers_of_commerce",
    "chambers_of_crafts",
    "current_chamber_of_commerce",
    "entry_iri",
    "jobcenters",
    "kreise",
    "laender",
    "outline_text",
    "outlines",
]
