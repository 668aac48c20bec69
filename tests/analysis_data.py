"""Small hand-made datasets for the analysis tests (brokers, overlap, coverage, hostile names)."""

from __future__ import annotations

from pathlib import Path

from .conftest import write_dataset

BASE = "https://w3id.org/fks-graph/data/"
HOSTILE = "<img src=x onerror=alert(1)>"


def ecosystem_dataset(folder: Path, *, ihk: str = "IHK Mittelrhein") -> Path:
    """Four networks: the IHK links NW and BY, the Jobcenter alone links N4, the agency is
    in N1 and N2 (linked anyway); N1 and N2 overlap with Jaccard 1/2."""
    return write_dataset(
        folder,
        networks="id,name,state,action_fields,target_groups\n"
        "N1,Bündnis Aachen,DE-NW,qualification|immigration,women|young_people\n"
        "N2,Allianz Köln,DE-NW,qualification,women\n"
        "N3,Pakt Regensburg,DE-BY,activation,\n"
        "N4,Netz Münster,DE-NW,,\n",
        actors="id,name,type\n"
        f'IHK,"{ihk.replace(chr(34), chr(34) * 2)}",IHK\n'
        "AA,Agentur für Arbeit Köln,Agentur für Arbeit\n"
        "JC,Jobcenter Köln,Jobcenter\n"
        "C1,Backhaus Aachen GmbH,company\n"
        "C2,Sensorik GmbH,company\n",
        memberships="network_id,actor_id\n"
        "N1,IHK\nN2,IHK\nN3,IHK\n"
        "N1,AA\nN2,AA\n"
        "N2,JC\nN4,JC\n"
        "N1,C1\nN3,C2\n",
        projects="id,name,network_id,action_fields,target_groups\n"
        "P1,Frauen in MINT,N1,qualification,women\n"
        "P2,50plus,N3,activation,older_workers\n",
    )


def iri(kind: str, local: str) -> str:
    return f"{BASE}{kind}/{local}"
